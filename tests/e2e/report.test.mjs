// The source record and the report: the "Source" tab's fields make a citation and go into
// the export; "Report" shows a printable page (title, source, the marked article, who
// said what), and printing it to PDF gives every page, the source URL among them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { suite, openApp, root, exportJson } from './harness.mjs';

const it = suite();
const URL = 'https://halden-post.example/2026/11/30/wetland-rally';

test('a source record, a printable report, and its PDF of several pages with the source URL', async () => {
  const { page, context, errors } = await openApp(it.browser, it.server.url);
  const lines = ['Wetland rally, day two', ''];
  for (let n = 1; n <= 90; n++) lines.push(`“Statement ${n} is on the record,” said Ana Lima, and the crowd of ${n * 10} cheered.`, '');
  await page.getByRole('button', { name: 'New document' }).click();
  await page.getByRole('textbox', { name: 'Article text' }).fill(lines.join('\n'));
  await page.getByRole('button', { name: 'Start annotating' }).click();
  const messages = page.getByRole('status', { name: 'Messages' });
  await messages.getByText('Ready to annotate').waitFor();
  // Every "record" as a Quote, every "Ana Lima" as a Person: a long who-said-what table.
  for (const [word, label] of [['record', 'Quote'], ['Ana Lima', 'Person']]) {
    await page.keyboard.press('Control+f');
    await page.getByRole('searchbox', { name: 'Find' }).fill(word);
    await page.getByRole('combobox', { name: 'Label for matches' }).selectOption(label);
    await page.getByRole('button', { name: 'Label all matches' }).click();
    await messages.getByText(`Marked 90 match(es) as ${label}.`).waitFor();
  }
  await page.getByRole('button', { name: 'Close find' }).click();

  // The source record, field by field; each change is one step.
  await page.getByRole('tab', { name: 'Source' }).click();
  const panel = page.getByRole('region', { name: 'Source' });
  await panel.getByRole('textbox', { name: 'Source URL' }).fill(URL);
  await panel.getByRole('textbox', { name: 'Outlet' }).fill('Halden Post');
  await panel.getByRole('textbox', { name: 'Authors' }).fill('Ana Lima; Bo Berg');
  await panel.getByLabel('Publication date').fill('2026-11-30');
  await panel.getByLabel('Source note').click(); // leaving the date field commits it
  await panel.getByText(`Halden Post, Ana Lima; Bo Berg, 2026-11-30, ${URL}`).waitFor();
  await messages.getByText('Source record updated.').waitFor();

  const { json } = await exportJson(page);
  assert.deepEqual(json.source, { url: URL, outlet: 'Halden Post', authors: ['Ana Lima', 'Bo Berg'], published: '2026-11-30' });
  assert.equal(json.version, 4);

  // The report: title, source (the URL a link), the article marked, the table whole.
  await page.getByRole('button', { name: 'Report' }).click();
  const report = page.getByRole('region', { name: 'Report' });
  await report.getByRole('heading', { name: 'Wetland rally, day two' }).waitFor();
  assert.equal(await report.getByRole('link', { name: URL }).getAttribute('href'), URL);
  assert.equal(await report.locator('.r-quote').count(), 90);
  assert.equal(await report.getByRole('table', { name: 'Who said what (report)' }).locator('tbody tr').count(), 90);
  const out = path.join(root, 'target', 'e2e');
  fs.mkdirSync(out, { recursive: true });
  await page.screenshot({ path: path.join(out, 'report.png') });
  if (process.env.UPDATE_SCREENSHOTS) fs.copyFileSync(path.join(out, 'report.png'), path.join(root, 'tests/e2e/screenshots/report.png'));

  // Printed (the print style sheet), every page: the app's frame is gone, the URL stays.
  const pdf = await page.pdf({ format: 'A4', printBackground: false });
  fs.writeFileSync(path.join(out, 'report.pdf'), pdf);
  const bytes = pdf.toString('latin1');
  const pages = (bytes.match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
  assert.ok(pages > 1, `the PDF has ${pages} page(s)`);
  assert.ok(bytes.includes(`/URI (${URL})`), 'the source URL is in the PDF (its link)');
  console.log(`report: ${pages} PDF pages for 90 statements`);
  await page.getByRole('button', { name: 'Close report' }).click();
  await page.getByRole('region', { name: 'Article' }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});
