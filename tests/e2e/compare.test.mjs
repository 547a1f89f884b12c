// End to end: two coders' versions of the sample with known differences compared in the
// app ("Compare…", a file added), the Agreement figures and the Disagreements list
// checked, adjudicated by keyboard and mouse, exported and read back; the compare view
// screenshotted for the README.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { suite, openApp, mark, addSpeaker, exportAs, exportJson, cpIndexOf, articleText, root } from './harness.mjs';

const it = suite();

test('compare two coders, read the figures and disagreements, adjudicate into a new document', async () => {
  const { page, context, errors } = await openApp(it.browser, it.server.url);
  const messages = page.getByRole('status', { name: 'Messages' });
  const text = await articleText(page);
  // Ana's version.
  await mark(page, text, 'Maryam Rahimi', '1');
  await mark(page, text, 'Coalition for River Protection', '2');
  await mark(page, text, 'Halden', '3', cpIndexOf(text, 'HALDEN'));
  await mark(page, text, '"This marsh filters the water our children drink,"', '6');
  await addSpeaker(page, 'Maryam Rahimi');
  const ana = await exportAs(page);
  const anaFile = path.join(fs.mkdtempSync(path.join(root, 'target', 'compare-')), 'ana.marginalia.json');
  fs.copyFileSync(await ana.path(), anaFile);
  // Bo's: the coalition a Person (a mistake), no Halden, the Vessa River added.
  await page.getByRole('list', { name: 'Annotations' }).getByRole('button', { name: /Coalition for River Protection/ }).click();
  await page.keyboard.press('1');
  await messages.getByText('Changed Organization to Person.').waitFor();
  await page.getByRole('list', { name: 'Annotations' }).getByRole('button', { name: /^Place/ }).click();
  await page.keyboard.press('Delete');
  await mark(page, text, 'Vessa River', '3');

  // Compare the open document (Bo) with Ana's file.
  await page.getByRole('button', { name: 'Compare…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Compare' });
  await dialog.getByRole('textbox', { name: 'Name for the open document' }).fill('Bo');
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), dialog.getByRole('button', { name: 'Add files…' }).click()]);
  await chooser.setFiles(anaFile);
  await dialog.getByRole('textbox', { name: 'Name for ana.marginalia.json' }).fill('Ana');
  await dialog.getByRole('button', { name: 'Compare', exact: true }).click();
  await messages.getByText(/^Comparing 2 versions of “Residents rally.*: 2 annotation\(s\) agree, 3 disagreement\(s\); span F1 \(exact\) 0\.500\./).waitFor();

  // The figures: per label and over all, each saying what it counts.
  const agreement = page.getByRole('region', { name: 'Agreement' });
  const figures = agreement.getByRole('table', { name: 'Agreement figures' });
  const row = async (label) => (await figures.getByRole('row', { name: new RegExp(`^${label}`) }).innerText()).split('\t').map((c) => c.trim());
  assert.deepEqual((await row('all labels')).slice(3), ['0.500', '0.500', '2/4/4']);
  assert.deepEqual((await row('Person')).slice(3), ['0.667', '0.667', '1/2/1']);
  assert.equal((await row('Quote'))[1], '1.000', 'the quote is coded alike, token by token');
  assert.match(await agreement.innerText(), /speakers agree 1\.000 \(1\/1\)/);

  // The disagreements, in document order, drawn in the article.
  const list = agreement.getByRole('listbox', { name: 'Disagreements' });
  const items = await list.getByRole('option').allInnerTexts();
  assert.equal(items.length, 3, items.join(' | '));
  assert.ok(items.some((i) => /^Same span, other label: Bo “Coalition for River Protection” \(Person\) \/ Ana “Coalition for River Protection” \(Organization\)/.test(i)), items.join(' | '));
  assert.ok(items.some((i) => i.startsWith('Only Ana: “Halden” (Place)')), items.join(' | '));
  assert.ok(items.some((i) => i.startsWith('Only Bo: “Vessa River” (Place)')), items.join(' | '));
  assert.equal(await page.evaluate(() => [...CSS.highlights.keys()].filter((k) => k.startsWith('mg-only') || k === 'mg-conflict').sort().join(' ')), 'mg-conflict mg-only-first mg-only-second');

  const out = path.join(root, 'target', 'e2e');
  fs.mkdirSync(out, { recursive: true });
  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.waitForTimeout(200);
  await page.screenshot({ path: path.join(out, 'compare-view.png') });
  if (process.env.UPDATE_SCREENSHOTS) fs.copyFileSync(path.join(out, 'compare-view.png'), path.join(root, 'tests', 'e2e', 'screenshots', 'compare-view.png'));

  // Adjudicate: the agreed ones in one step, then each disagreement by key in the list.
  await agreement.getByRole('button', { name: 'Take all agreed (2)' }).click();
  await messages.getByText('Took the 2 annotation(s) both coders agree on.').waitFor();
  const order = items.map((i) => (i.includes('Coalition') ? 'coalition' : i.includes('Halden') ? 'halden' : 'vessa'));
  await list.focus();
  for (const [k, what] of order.entries()) {
    if (k > 0) await page.keyboard.press('ArrowDown');
    // Ana's Organization; Ana's Halden; Bo's Vessa River.
    await page.keyboard.press(what === 'coalition' ? '2' : what === 'halden' ? '2' : '1');
    await messages.getByText(/^Took /).waitFor();
    await page.waitForFunction((k) => document.querySelectorAll('[aria-label=Disagreements] [role=option]')[k]?.textContent.includes('— took'), k);
  }
  assert.match(await agreement.innerText(), /Disagreements \(3, 3 decided\)/);

  // The result: a new document with both coders' work, each annotation naming its coders.
  const { json } = await exportJson(page);
  assert.match(json.document.title, /^Adjudicated: Residents rally/);
  const got = json.annotations.map((a) => `${a.label}:${a.text}:${(a.from ?? []).join('+')}`).sort();
  assert.deepEqual(got, [
    'Organization:Coalition for River Protection:Ana',
    'Person:Maryam Rahimi:Bo+Ana',
    'Place:Halden:Ana',
    'Place:Vessa River:Bo',
    'Quote:"This marsh filters the water our children drink,":Bo+Ana',
  ]);
  const quote = json.annotations.find((a) => a.label === 'Quote');
  assert.equal(json.entities.find((e) => e.id === quote.speakers[0]).name, 'Maryam Rahimi');
  assert.deepEqual(json.adjudication.coders, ['Bo', 'Ana']);
  assert.equal(json.adjudication.decisions.length, 3);

  // Undo takes the decisions back one by one.
  await page.keyboard.press('Control+z');
  await messages.getByText(/^Undone: Took /).waitFor();
  assert.match(await agreement.innerText(), /Disagreements \(3, 2 decided\)/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('compare two bundles document by document, pooled, and adjudicate each document', async () => {
  const { page, context, errors } = await openApp(it.browser, it.server.url);
  const messages = page.getByRole('status', { name: 'Messages' });
  const fixture = (name) => JSON.parse(fs.readFileSync(path.join(root, 'tests', 'fixtures', 'exports', name), 'utf8'));
  const without = (doc, ids) => ({
    ...doc,
    annotations: doc.annotations.filter((a) => !ids.includes(a.id)),
    entities: doc.entities.filter((e) => !e.mentions.every((m) => ids.includes(m))),
  });
  const dir = fs.mkdtempSync(path.join(root, 'target', 'compare-'));
  const [sample, small] = [fixture('fixture-sample.json'), fixture('fixture-small.json')];
  // Ana has both articles and a third Bo never coded; Bo's are in another order, Bo
  // missed the Date of the first and the quote of the second.
  const sha256 = (text) => crypto.createHash('sha256').update(text, 'utf8').digest('hex');
  const third = { ...small, document: { title: 'dritte', text: 'Nur Ana.', length: 8, sha256: sha256('Nur Ana.') }, annotations: [], entities: [] };
  const bundle = (name, docs) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, docs.map((d) => JSON.stringify(d)).join('\n') + '\n');
    return file;
  };
  const anaFile = bundle('ana.marginalia.jsonl', [sample, small, third]);
  const boFile = bundle('bo.marginalia.jsonl', [without(small, ['a1']), without(sample, ['a4'])]);

  await page.getByRole('button', { name: 'Compare…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Compare' });
  await dialog.getByRole('checkbox', { name: /^Include the open document/ }).uncheck();
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), dialog.getByRole('button', { name: 'Add files…' }).click()]);
  await chooser.setFiles([anaFile, boFile]);
  await dialog.getByRole('textbox', { name: 'Name for ana.marginalia.jsonl' }).fill('Ana');
  await dialog.getByRole('textbox', { name: 'Name for bo.marginalia.jsonl' }).fill('Bo');
  await dialog.getByRole('button', { name: 'Compare', exact: true }).click();
  // The open document is the sample: its text is compared first.
  await messages.getByText(/^Comparing 2 versions of “Residents rally.*: 3 annotation\(s\) agree, 1 disagreement\(s\)/).waitFor();

  const agreement = page.getByRole('region', { name: 'Agreement' });
  const perDoc = agreement.getByRole('table', { name: 'Agreement per document' });
  const cells = async (name) => (await perDoc.getByRole('row', { name }).innerText()).split('\t').map((c) => c.trim());
  // F1 exact: 3 of Ana's 4 and all 3 of Bo's; 1 of 2 and 1 of 1; pooled 4 of 6 and 4 of 4.
  assert.equal((await cells(/^Residents rally/))[4], '0.857');
  assert.equal((await cells(/^klein/))[4], '0.667');
  assert.equal((await cells(/^All 2, pooled/))[4], '0.800');
  assert.match(await agreement.innerText(), /Not compared \(not in every file\): “dritte”/);

  // Adjudicate the first, then open the second from the table.
  await agreement.getByRole('button', { name: 'Take all agreed (3)' }).click();
  await messages.getByText('Took the 3 annotation(s) both coders agree on.').waitFor();
  await agreement.getByRole('button', { name: 'Take A', exact: true }).click();
  await messages.getByText(/^Took /).waitFor();
  const first = (await exportJson(page)).json;
  assert.deepEqual(first.annotations.map((a) => a.label).sort(), ['Date', 'Organization', 'Person', 'Quote']);

  await perDoc.getByRole('button', { name: 'Adjudicate “klein”' }).click();
  await messages.getByText(/^Comparing 2 versions of “klein”: 1 annotation\(s\) agree, 1 disagreement\(s\)/).waitFor();
  await agreement.getByRole('button', { name: 'Take all agreed (1)' }).click();
  await messages.getByText('Took the 1 annotation(s) both coders agree on.').waitFor();
  await agreement.getByRole('button', { name: 'Take neither', exact: true }).click();
  await messages.getByText(/^Took /).waitFor();
  const second = (await exportJson(page)).json;
  assert.equal(second.document.title, 'Adjudicated: klein');
  assert.deepEqual(second.annotations.map((a) => `${a.label}:${a.text}:${a.from.join('+')}`), ['Person:مریم رحیمی:Ana+Bo']);
  assert.deepEqual(second.adjudication.decisions.map((d) => d.take), ['neither']);

  // Both adjudicated documents are in the library.
  await page.getByRole('button', { name: 'Library' }).click();
  const library = page.getByRole('list', { name: 'Documents' });
  await library.getByText('Adjudicated: klein').waitFor();
  await library.getByText(/^Adjudicated: Residents rally/).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});
