// End to end: an annotated article corrected in the app ("Edit text": a typo fixed inside
// a marked name, the last line deleted, a paragraph inserted at the top, by real keys),
// "Apply changes", the Revision report (changed and orphaned annotations, confirm,
// re-attach), the export's offsets in code points, undo, and a revised version imported
// as a revision.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { suite, openApp, mark, addSpeaker, exportJson, dragSelect, cpIndexOf, cpLen, cpSlice, articleText, root } from './harness.mjs';

const it = suite();

const ARTICLE = [
  'Rally in Halden 🌱',
  '',
  'Supporters of مریم رحیمی and of the CPR gathered. “We will not stop,” said Maryam Rahimi.',
  '',
  'No comments yet. Photos: Halden Times.',
].join('\n');

/** Puts the caret of the article box at code point `at` (or selects [at, end)). */
async function caret(page, at, end = at) {
  await page.getByRole('textbox', { name: 'Article text' }).evaluate((el, [at, end]) => {
    // The box counts UTF-16 units.
    const units = (cp) => [...el.value].slice(0, cp).join('').length;
    el.focus();
    el.setSelectionRange(units(at), units(end));
  }, [at, end]);
}

test('edit an annotated text: every annotation follows, changed ones need review, deleted ones are orphaned', async () => {
  const { page, context, errors } = await openApp(it.browser, it.server.url);
  const messages = page.getByRole('status', { name: 'Messages' });
  const tab = (name) => page.getByRole('tablist', { name: 'Views' }).getByRole('tab', { name }).click();
  // The annotation list, in its tab (a revision brings the report to the front).
  const entries = async () => {
    if (await page.getByRole('tab', { name: 'Annotations' }).count()) await tab('Annotations');
    return page.getByRole('list', { name: 'Annotations' }).getByRole('listitem').allInnerTexts();
  };
  await page.getByRole('button', { name: 'New document' }).click();
  await page.getByRole('textbox', { name: 'Article text' }).fill(ARTICLE);
  await page.getByRole('button', { name: 'Start annotating' }).click();
  await page.getByRole('region', { name: 'Article' }).waitFor();
  await mark(page, ARTICLE, 'مریم رحیمی', '1');
  await mark(page, ARTICLE, 'CPR', '2');
  await mark(page, ARTICLE, 'Maryam Rahimi', '1');
  await mark(page, ARTICLE, '“We will not stop,”', '6');
  await addSpeaker(page, 'Maryam Rahimi');
  await mark(page, ARTICLE, 'Halden Times', '2');
  const before = await entries();
  assert.equal(before.length, 5, before.join(' | '));

  // "Edit text" opens the box on the annotated text, the annotations listed beside it.
  await page.getByRole('button', { name: 'Edit text' }).click();
  const box = page.getByRole('textbox', { name: 'Article text' });
  await box.waitFor();
  assert.equal(await box.inputValue(), ARTICLE);
  assert.equal((await entries()).length, 5, 'the annotations stay in view while editing');
  // Real keys: the typo in the acronym, then the last line, then a new first paragraph.
  const crp = cpIndexOf(ARTICLE, 'CPR');
  await caret(page, crp + 1, crp + 3);
  await page.keyboard.type('RP');
  const last = cpIndexOf(ARTICLE, '\n\nNo comments');
  await caret(page, last, cpLen(ARTICLE));
  await page.keyboard.press('Delete');
  await caret(page, 0);
  await page.keyboard.type('Updated on Monday with a correction. 👩🏽‍⚕️');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Apply changes' }).click();
  await messages.getByText('Revised the text: 3 annotation(s) kept, 1 changed and flagged for review, 1 orphaned. The Revision report lists them.').waitFor();
  const text = await articleText(page);
  assert.ok(text.startsWith('Updated on Monday with a correction. 👩🏽‍⚕️\n\nRally in Halden') && text.includes('of the CRP gathered') && !text.includes('Halden Times'), text);

  // The report: the changed name with its old and new text, the orphan with its label.
  const report = page.getByRole('region', { name: 'Revision report' });
  await report.waitFor();
  const changed = report.getByRole('list', { name: 'Changed annotations' });
  await changed.getByRole('button', { name: 'Go to Organization: “CPR” is now “CRP”' }).waitFor();
  const orphaned = report.getByRole('list', { name: 'Orphaned annotations' });
  assert.match(await orphaned.innerText(), /Organization\s+Halden Times/);

  // The export: version 4, every offset exact in code points, the speaker kept, the orphan
  // and the revision recorded.
  let { json } = await exportJson(page);
  assert.equal(json.version, 4);
  assert.equal(json.document.text, text);
  for (const a of json.annotations) assert.equal(cpSlice(text, a.start, a.end), a.text, a.id);
  const crpAnnotation = json.annotations.find((a) => a.text === 'CRP');
  assert.equal(crpAnnotation.changed_from, 'CPR');
  const quote = json.annotations.find((a) => a.label === 'Quote');
  assert.equal(json.entities.find((e) => e.id === quote.speakers[0]).name, 'Maryam Rahimi');
  assert.deepEqual(json.orphans.map((o) => [o.label, o.text, o.revision]), [['Organization', 'Halden Times', 1]]);
  assert.equal(json.revisions[0].after.sha256, json.document.sha256);
  assert.equal(json.revisions[0].before.length, cpLen(ARTICLE));

  // Confirm the change; re-attach the orphan to a new place, selected in the article.
  assert.ok((await entries()).some((e) => e.includes('CRP') && e.includes('needs review')));
  await tab(/^Revision report/);
  await changed.getByRole('button', { name: 'Confirm “CRP”' }).click();
  await messages.getByText('Confirmed “CRP”.').waitFor();
  assert.ok(!(await entries()).some((e) => e.includes('needs review')));
  await tab(/^Revision report/);
  const halden = cpIndexOf(text, 'Halden');
  await dragSelect(page, halden, halden + cpLen('Halden'));
  await orphaned.getByRole('button', { name: 'Re-attach “Halden Times”' }).click();
  await messages.getByText('Re-attached the Organization “Halden Times” as “Halden”.').waitFor();
  await report.getByText('Every annotation was carried over with its text unchanged.').waitFor();
  ({ json } = await exportJson(page));
  assert.equal(json.orphans, undefined);
  assert.ok(json.annotations.some((a) => a.text === 'Halden' && a.label === 'Organization' && cpSlice(text, a.start, a.end) === 'Halden'));

  // Undo takes back the re-attachment, the confirmation and the revision, each a step.
  for (const done of ['Undone: Re-attached', 'Undone: Confirmed', 'Undone: Revised the text']) {
    await page.keyboard.press('Control+z');
    await messages.getByText(done).waitFor();
  }
  assert.equal(await articleText(page), ARTICLE);
  assert.deepEqual(await entries(), before);

  // A revised version from outside: a text file much like the open document is offered
  // as a revision of it.
  const dir = fs.mkdtempSync(path.join(root, 'target', 'revision-'));
  const file = path.join(dir, 'rally-v2.txt');
  fs.writeFileSync(file, ARTICLE.replace('gathered.', 'gathered on Saturday.'));
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Import' }).click()]);
  await chooser.setFiles(file);
  const choice = page.getByRole('alertdialog', { name: 'Import choice' });
  await choice.getByText('is much like the open document').waitFor();
  await choice.getByRole('button', { name: 'Apply as a revision' }).click();
  await messages.getByText('Revised the text: 5 annotation(s) kept.').waitFor();
  assert.ok((await articleText(page)).includes('gathered on Saturday.'));
  assert.deepEqual(await entries(), before);
  assert.deepEqual(errors, []);
  await context.close();
});
