// The label schema editor: rename (annotations follow), recolour, hotkey, add, reorder,
// delete a label with its annotations (asked first), presets; undo; the schema is
// exported and saved with the document.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { suite, mark, openApp, articleText, exportAs } from './harness.mjs';

const it = suite();

test('edit the label schema: rename, recolour, hotkey, add, move, delete, preset, undo', async () => {
  const { page, context, errors } = await openApp(it.browser, it.server.url);
  const text = await articleText(page);
  const messages = page.getByRole('status', { name: 'Messages' });
  await mark(page, text, 'Halden Spring Festival', '5');
  await mark(page, text, 'January 9 and 10', '4');
  await page.getByRole('button', { name: 'Edit labels' }).click();
  const editor = page.getByRole('region', { name: 'Label schema' });

  // Rename Event to Protest: its annotation follows; recolour; a new hotkey.
  await editor.getByRole('textbox', { name: 'Name of Event' }).fill('Protest');
  await editor.getByRole('textbox', { name: 'Name of Event' }).press('Enter');
  await messages.getByText('Renamed the label “Event” to “Protest” on 1 annotation(s).').waitFor();
  await editor.getByRole('textbox', { name: 'Hotkey of Protest' }).fill('p');
  await editor.getByRole('textbox', { name: 'Hotkey of Protest' }).press('Enter');
  await editor.getByLabel('Colour of Protest').evaluate((el) => { el.value = '#123456'; el.dispatchEvent(new Event('change', { bubbles: true })); });
  await messages.getByText('Changed the label “Protest”.').waitFor();
  const entries = () => page.getByRole('list', { name: 'Annotations' }).getByRole('listitem').allInnerTexts();
  assert.ok((await entries()).includes('Protest\nHalden Spring Festival'));
  // The new hotkey applies the label; S stays the speaker key.
  await editor.getByRole('textbox', { name: 'Hotkey of Protest' }).fill('s');
  await editor.getByRole('textbox', { name: 'Hotkey of Protest' }).press('Enter');
  await messages.getByText('S picks a speaker').waitFor();
  await mark(page, text, 'Storvika Marsh', 'p');
  assert.ok((await entries()).includes('Protest\nStorvika Marsh'));

  // Add a label, move it up, and use it from the toolbar.
  await editor.getByRole('textbox', { name: 'New label name' }).fill('Ministry');
  await editor.getByRole('button', { name: 'Add label' }).click();
  await messages.getByText('Added the label “Ministry”.').waitFor();
  await editor.getByRole('button', { name: 'Move Ministry up' }).click();
  const toolbar = await page.getByRole('toolbar', { name: 'Labels' }).getByRole('button').allInnerTexts();
  assert.deepEqual(toolbar.slice(5, 8).map((t) => t.split('\n')[0]), ['Quote', 'Ministry', 'Cue']);

  // Deleting a label that is used asks first and says how many annotations go.
  const asked = [];
  page.once('dialog', (d) => { asked.push(d.message()); d.accept(); });
  await editor.getByRole('button', { name: 'Delete Date' }).click();
  await messages.getByText('Deleted the label “Date” and its 1 annotation(s).').waitFor();
  assert.deepEqual(asked, ['Delete the label “Date” and its 1 annotation(s)? Undo brings them back.']);
  assert.ok(!(await entries()).some((e) => e.startsWith('Date')));
  await page.keyboard.press('Control+z');
  await messages.getByText('Undone: Deleted the label “Date”').waitFor();
  assert.ok((await entries()).includes('Date\nJanuary 9 and 10'));

  // A preset: CoNLL labels, with the labels in use kept.
  await editor.getByRole('combobox', { name: 'Preset' }).selectOption({ label: 'CoNLL (PER, ORG, LOC, MISC)' });
  await editor.getByRole('button', { name: 'Apply preset' }).click();
  await messages.getByText('Kept because annotations use them: Date, Protest.').waitFor();
  const names = await editor.getByRole('list', { name: 'Labels' }).getByRole('textbox', { name: /^Name of / }).evaluateAll((els) => els.map((e) => e.value));
  assert.deepEqual(names, ['PER', 'ORG', 'LOC', 'MISC', 'Quote', 'Cue', 'Date', 'Protest']);

  // The schema goes out with the export.
  const download = await exportAs(page);
  const json = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
  assert.deepEqual(json.labels.map((l) => l.name), names);
  assert.deepEqual(json.labels.find((l) => l.name === 'Protest'), { name: 'Protest', kind: 'entity', color: '#123456', hotkey: 'p', speaks: false });
  assert.equal(json.labels.find((l) => l.name === 'PER').speaks, true);
  assert.deepEqual(errors, []);
  await context.close();
});
