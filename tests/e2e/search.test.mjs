// "Search library": a name found across documents (text, entity names), Persian typed
// with Arabic letters, results grouped by document, and a click that opens the right
// document with the hit selected.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suite, openApp, articleText, mark, savedContaining } from './harness.mjs';

const it = suite();

async function newDocument(page, text) {
  await page.getByRole('button', { name: 'New document' }).click();
  await page.getByRole('textbox', { name: 'Article text' }).fill(text);
  await page.getByRole('button', { name: 'Start annotating' }).click();
  await page.getByRole('status', { name: 'Messages' }).getByText('Ready to annotate').waitFor();
}

test('search finds a name across documents and opens the right one at the hit', async () => {
  const { page, context, errors } = await openApp(it.browser, it.server.url);
  const messages = page.getByRole('status', { name: 'Messages' });
  await mark(page, await articleText(page), 'Maryam Rahimi', '1');
  await newDocument(page, 'Budget vote in Halden\n\nThe council met on Monday. Councillor Rahimi voted against the budget.');
  await newDocument(page, 'گزارش\n\nمریم رحیمی گفت که می\u200cخواهد بماند. 😀');
  await newDocument(page, 'Weather\n\nRain all week.');
  await savedContaining(page, 'Rain all week');

  await page.getByRole('button', { name: 'Library' }).click();
  const search = page.getByRole('searchbox', { name: 'Search library' });
  await search.fill('Rahimi');
  const results = page.getByRole('region', { name: 'Search results' });
  await results.getByText('2 document(s) match.').waitFor();
  const titles = await results.locator('.found-title').allInnerTexts();
  assert.deepEqual(titles.sort(), ['Budget vote in Halden', "Residents rally to save Halden's last wetland"]);
  // The sample's hits include the entity name it was marked with.
  await results.getByRole('button', { name: /^entity.*Maryam Rahimi/ }).first().waitFor();

  // A click on the text hit opens the budget document with "Rahimi" selected.
  await results.getByRole('button', { name: /Councillor Rahimi voted/ }).click();
  await messages.getByText('Opened “Budget vote in Halden”.').waitFor();
  await page.waitForFunction(() => String(getSelection()) === 'Rahimi');
  // Marked now and searched at once: the open document is searched as it is on screen.
  await page.keyboard.press('1');
  await page.getByRole('list', { name: 'Annotations' }).getByText('Rahimi').waitFor();
  await page.getByRole('button', { name: 'Library' }).click();
  await search.fill('Rahimi');
  await results.locator('.found', { hasText: 'Budget vote in Halden' }).getByRole('button', { name: /^entity.*Councillor Rahimi voted/ }).waitFor();
  await page.getByRole('button', { name: 'Library' }).click();

  // Persian typed with Arabic yeh, without the zero-width non-joiner.
  await page.getByRole('button', { name: 'Library' }).click();
  // (The sample has the name in Persian too.)
  await search.fill('رحيمي');
  await results.getByText('2 document(s) match.').waitFor();
  await search.fill('میخواهد');
  await results.getByText('1 document(s) match.').waitFor();
  await results.locator('.hit').first().click();
  await messages.getByText('Opened “گزارش”.').waitFor();
  await page.waitForFunction(() => String(getSelection()) === 'می\u200cخواهد');

  // Nothing found says so.
  await page.getByRole('button', { name: 'Library' }).click();
  await search.fill('Storting');
  await results.getByText('Nothing in the library matches “Storting”.').waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});
