// Who said what: speakers as entities picked with S and a click or by typing, two
// speakers together, a quote joined over paragraphs, a cue, entities merged (an acronym
// typo, a surname), the entity index, list filters, and the who-said-what table checked
// against the exported annotations, copied as CSV and Markdown, and screenshotted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { suite, mark, addSpeaker, openApp, pointAt, cpIndexOf, root, articleText, exportAs } from './harness.mjs';

const it = suite();

/** Clicks the middle of `needle` (its first occurrence from `from`) in the article. */
async function clickText(page, text, needle, from = 0) {
  const at = cpIndexOf(text, needle, from) + Math.floor([...needle].length / 2);
  await page.evaluate((s) => {
    const para = [...document.querySelectorAll('.article-text .para')].find((p) => +p.dataset.s <= s && s < +p.dataset.e);
    para.scrollIntoView({ block: 'center' });
  }, at);
  const p = await pointAt(page, at);
  await page.mouse.click(p.x, p.y);
}

test('who said what: speakers, cue, join, merged entities, the index, filters and the table', async () => {
  const { page, context, errors } = await openApp(it.browser, it.server.url);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: it.server.url });
  const text = await articleText(page);
  const messages = page.getByRole('status', { name: 'Messages' });
  const jobs = cpIndexOf(text, '"We are not against jobs,"');

  await mark(page, text, 'Coalition for River Protection', '2');
  await mark(page, text, 'CRP', '2');
  await mark(page, text, 'CPR', '2');
  await mark(page, text, 'Maryam Rahimi', '1');
  await mark(page, text, 'Rahimi', '1', jobs);
  await mark(page, text, 'Tomas Lindqvist', '1');
  await mark(page, text, 'Aksel', '1');
  await mark(page, text, 'Hedda Brun', '1');
  await mark(page, text, 'said', '7'); // the cue of Rahimi's first quote

  // S, then a click on the name in the article; then the cue and a second part joined.
  await mark(page, text, '"This marsh filters the water our children drink,"', '6');
  await page.keyboard.press('s');
  await clickText(page, text, 'Maryam Rahimi');
  await messages.getByText('Speaker set to Maryam Rahimi.').waitFor();
  await page.getByRole('combobox', { name: 'Cue' }).selectOption({ label: `said (${'a9'})` });
  await messages.getByText('Cue set to “said”.').waitFor();
  await page.getByRole('combobox', { name: 'Quote kind' }).selectOption('direct');
  await mark(page, text, '"Once it is paved, it is gone for good."', '6');
  await page.getByRole('button', { name: 'Join to previous quote' }).click();
  await messages.getByText('Joined to the quote before').waitFor();

  // Typed into "Find speaker"; two speakers for one quote.
  await mark(page, text, '“We have listened to every objection. The logistics park will bring eight hundred jobs, and we will plant a new marsh upstream.”', '6');
  await addSpeaker(page, 'Tomas Lindqvist');
  await mark(page, text, '“We will be there both days, and we will bring our tractors,”', '6');
  await addSpeaker(page, 'Aksel');
  await addSpeaker(page, 'Hedda Brun');
  await page.getByRole('textbox', { name: 'Note' }).fill('Said together after the rally.');
  await page.getByRole('textbox', { name: 'Note' }).press('Tab');
  await messages.getByText('Note saved.').waitFor();

  // Spoken by "Rahimi", a surname that is merged into the full name below.
  await mark(page, text, '"We are not against jobs,"', '6');
  await page.keyboard.press('s');
  await clickText(page, text, 'Rahimi', jobs);
  await messages.getByText('Speaker set to Rahimi.').waitFor();
  await mark(page, text, '“economic renewal”', '6'); // a partial quote nobody is named for

  // Merge: the surname into the full name, the acronym and its typo into the organisation.
  const merge = async (needle, from, into) => {
    await clickText(page, text, needle, from);
    const select = page.getByRole('combobox', { name: 'Merge into' });
    // The entities are listed once the select has the focus, as a click or Tab gives it.
    await select.focus();
    await select.locator('option').nth(1).waitFor({ state: 'attached' });
    await select.selectOption(await select.evaluate((s, into) => [...s.options].find((o) => o.text.startsWith(`${into} (e`)).value, into));
    await messages.getByText(`into “${into}”.`).waitFor();
  };
  await merge('Rahimi', jobs, 'Maryam Rahimi');
  await merge('CRP', 0, 'Coalition for River Protection');
  await merge('CPR', 0, 'Coalition for River Protection');
  await page.getByRole('textbox', { name: 'Entity name' }).fill('Coalition for River Protection (CRP)');
  await page.getByRole('textbox', { name: 'Entity name' }).press('Enter');
  await messages.getByText('Renamed “Coalition for River Protection” to “Coalition for River Protection (CRP)”.').waitFor();

  // The entity index: one entry for the coalition, with its aliases; a mention jumps.
  await page.getByRole('tab', { name: 'Entities' }).click();
  const coalition = page.getByRole('list', { name: 'Entities' }).getByRole('listitem').filter({ hasText: 'Coalition for River Protection (CRP)' });
  assert.match(await coalition.innerText(), /3 mention\(s\)[\s\S]*also: Coalition for River Protection, CRP, CPR/);
  await coalition.getByRole('button', { name: /^Go to mention 3 of .*: CPR$/ }).click();
  await page.getByText(/^Organization · a3$/).waitFor();

  // The list filtered by entity: Maryam Rahimi's two mentions and her three quotes.
  await page.getByRole('tab', { name: 'Annotations' }).click();
  await page.getByRole('combobox', { name: 'Filter by entity' }).selectOption({ label: 'Maryam Rahimi (Person)' });
  const filtered = await page.getByRole('list', { name: 'Annotations' }).getByRole('listitem').allInnerTexts();
  assert.deepEqual(filtered.map((e) => e.split('\n')[0]), ['Quote', 'Person', 'Quote', 'Quote', 'Person']);
  await page.getByRole('combobox', { name: 'Filter by label' }).selectOption('Person');
  assert.equal((await page.getByRole('list', { name: 'Annotations' }).getByRole('listitem').count()), 2);
  await page.getByRole('combobox', { name: 'Filter by entity' }).selectOption({ label: 'All entities' });
  await page.getByRole('combobox', { name: 'Filter by label' }).selectOption({ label: 'All labels' });

  // The table, against the exported annotations: each speaker's statements in document
  // order (a joined quote once), then those with no speaker.
  const download = await exportAs(page);
  const json = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
  const name = (id) => json.entities.find((e) => e.id === id).name;
  const quotes = json.annotations.filter((a) => a.label === 'Quote');
  const expected = [];
  const order = [];
  for (const q of quotes.filter((q) => !q.continues)) {
    const parts = [q, ...quotes.filter((p) => p.continues === q.id)];
    const statement = parts.map((p) => p.text).join(' … ');
    for (const s of q.speakers ?? [null]) {
      const who = s ? name(s) : '(no speaker)';
      if (s && !order.includes(who)) order.push(who);
      expected.push([who, statement]);
    }
  }
  const rank = (who) => (who === '(no speaker)' ? order.length : order.indexOf(who));
  expected.sort((a, b) => rank(a[0]) - rank(b[0])); // stable: document order within a speaker
  await page.getByRole('tab', { name: 'Who said what' }).click();
  const table = page.getByRole('table', { name: 'Who said what' });
  const shown = await table.evaluate((t) => {
    let who = '';
    return [...t.tBodies[0].rows].map((r) => {
      const th = r.querySelector('th');
      if (th) who = th.firstChild.textContent;
      return [who, r.querySelector('.quote-cell').innerText];
    });
  });
  assert.deepEqual(shown, expected);
  assert.deepEqual(order, ['Maryam Rahimi', 'Tomas Lindqvist', 'Aksel', 'Hedda Brun']);
  assert.match(await table.innerText(), /Maryam Rahimi\nPerson · 2 quote\(s\)/);

  // Copied as CSV and as Markdown.
  await page.getByRole('button', { name: 'Copy as CSV' }).click();
  await messages.getByText('Copied the table as CSV.').waitFor();
  const csv = await page.evaluate(() => navigator.clipboard.readText());
  const lines = csv.trim().split('\n');
  assert.equal(lines[0], 'speaker,label,number,quote,kind,cue,start,end,ids,title,url,published');
  assert.equal(lines.length, 1 + expected.length);
  assert.match(lines[1], /^Maryam Rahimi,Person,1,"""This marsh filters the water our children drink,"" … ""Once it is paved, it is gone for good.""",direct,said,\d+,\d+,a\d+ a\d+,Residents rally to save Halden's last wetland,,$/);
  await page.getByRole('button', { name: 'Copy as Markdown' }).click();
  await messages.getByText('Copied the table as Markdown.').waitFor();
  const md = await page.evaluate(() => navigator.clipboard.readText());
  assert.ok(md.startsWith('| Speaker | # | Quote | Kind | Cue | Title | URL | Published |\n|---|---|---|---|---|---|---|---|\n| Maryam Rahimi (2) | 1 |'), md);

  const out = path.join(root, 'target', 'e2e');
  fs.mkdirSync(out, { recursive: true });
  // Clicking a statement selects its quote and shows it in the article.
  await table.getByRole('button', { name: /^"This marsh filters/ }).click();
  await page.getByText(/^Quote · a\d+$/).waitFor();
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.waitForTimeout(200);
  await page.screenshot({ path: path.join(out, 'who-said-what.png') });
  if (process.env.UPDATE_SCREENSHOTS) {
    fs.copyFileSync(path.join(out, 'who-said-what.png'), path.join(root, 'tests', 'e2e', 'screenshots', 'who-said-what.png'));
  }
  assert.deepEqual(errors, []);
  await context.close();
});
