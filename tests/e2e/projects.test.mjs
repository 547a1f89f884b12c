// Projects: a project made with a custom label gives it to every new document in it; the
// library lists the open project's documents; ] and [ walk the project in order; the open
// project survives a reload; the project's labels reach its documents in one undoable
// operation; a document moves to another project; a project exports with its schema.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { suite, openApp, exportAs, mark, savedContaining, unzip } from './harness.mjs';

const it = suite();
const TEXTS = [
  'Detentions in Halden\n\nAna Lima was detained on Monday, her lawyer said.',
  'Release in Halden\n\nBo Chen was released on Tuesday.',
  'Names in the report\n\nمریم رحیمی was named as a victim.',
];

test('a project with a custom label: three new documents keep it, walked with ] and [, after a reload too', async () => {
  const { page, context, errors } = await openApp(it.browser, it.server.url);
  const messages = page.getByRole('status', { name: 'Messages' });
  const toolbar = page.getByRole('toolbar', { name: 'Labels' });
  // A custom label on the sample, and a project made with its labels.
  await page.getByRole('button', { name: 'Edit labels' }).click();
  const editor = page.getByRole('region', { name: 'Label schema' });
  await editor.getByRole('textbox', { name: 'New label name' }).fill('Victim');
  await editor.getByRole('button', { name: 'Add label' }).click();
  await messages.getByText('Added the label “Victim”.').waitFor();
  await page.getByRole('button', { name: 'Library' }).click();
  page.once('dialog', (d) => d.accept('Rights 2026'));
  await page.getByRole('button', { name: 'New project…' }).click();
  await messages.getByText('Project “Rights 2026” made with this document\'s labels').waitFor();
  assert.equal(await page.getByRole('combobox', { name: 'Project', exact: true }).inputValue(), 'p2');

  // Three documents created in it: each starts with Victim, on key 8.
  for (const text of TEXTS) {
    await page.getByRole('button', { name: 'New document' }).click();
    await page.getByRole('textbox', { name: 'Article text' }).fill(text);
    await page.getByRole('button', { name: 'Start annotating' }).click();
    await messages.getByText('Ready to annotate').waitFor();
    await toolbar.getByRole('button', { name: 'Victim' }).waitFor();
  }
  await mark(page, TEXTS[2], 'مریم رحیمی', '8');
  await page.getByRole('list', { name: 'Annotations' }).getByText('مریم رحیمی').waitFor();

  // The library lists the project's three documents, not the sample.
  await page.getByRole('button', { name: 'Library' }).click();
  const docs = page.getByRole('list', { name: 'Documents' }).getByRole('listitem');
  await docs.nth(2).waitFor();
  const titles = (await docs.locator('.doc-title').allInnerTexts()).sort();
  assert.deepEqual(titles, ['Detentions in Halden', 'Names in the report (open)', 'Release in Halden']);
  await page.getByRole('region', { name: 'Library' }).getByText('3 document(s). Labels: Person, Organization, Place, Date, Event, Quote, Cue, Victim.').waitFor();

  // [ walks back through the project in order, ] forward; the ends say so.
  await page.getByRole('button', { name: 'Library' }).click(); // closes it
  await page.locator('#article').focus();
  await page.keyboard.press('[');
  await messages.getByText('Opened “Release in Halden”.').waitFor();
  await page.keyboard.press('[');
  await messages.getByText('Opened “Detentions in Halden”.').waitFor();
  await page.keyboard.press('[');
  await messages.getByText('This is the first document of the project “Rights 2026”.').waitFor();
  await page.keyboard.press(']');
  await messages.getByText('Opened “Release in Halden”.').waitFor();
  await toolbar.getByRole('button', { name: 'Victim' }).waitFor();

  // The open project and its documents survive a reload.
  await savedContaining(page, '"open":"p2"');
  await page.reload();
  await messages.getByText('Welcome back: “Release in Halden” is as you left it').waitFor();
  await page.getByRole('button', { name: 'Library' }).click();
  assert.equal(await page.getByRole('combobox', { name: 'Project', exact: true }).inputValue(), 'p2');
  await docs.nth(2).waitFor();
  assert.equal(await docs.count(), 3);
  // The other project holds the sample alone.
  await page.getByRole('combobox', { name: 'Project', exact: true }).selectOption({ label: 'My documents' });
  await messages.getByText('Project “My documents” open').waitFor();
  await page.getByRole('list', { name: 'Documents' }).getByText("Residents rally to save Halden's last wetland").waitFor();
  assert.equal(await docs.count(), 1);
  assert.deepEqual(errors, []);
  await context.close();
});

test("the project's labels reach its documents in one undoable operation; a document moves; the project exports with its schema", async () => {
  const { page, context, errors } = await openApp(it.browser, it.server.url);
  const messages = page.getByRole('status', { name: 'Messages' });
  const toolbar = page.getByRole('toolbar', { name: 'Labels' });
  await page.getByRole('button', { name: 'Library' }).click();
  page.once('dialog', (d) => d.accept('Courts'));
  await page.getByRole('button', { name: 'New project…' }).click();
  await messages.getByText('Project “Courts” made').waitFor();
  for (const text of TEXTS.slice(0, 2)) {
    await page.getByRole('button', { name: 'New document' }).click();
    await page.getByRole('textbox', { name: 'Article text' }).fill(text);
    await page.getByRole('button', { name: 'Start annotating' }).click();
    await messages.getByText('Ready to annotate').waitFor();
  }
  await savedContaining(page, 'Bo Chen was released');
  // The open document gets a new label, which becomes the project's and then its documents'.
  await page.getByRole('button', { name: 'Edit labels' }).click();
  const editor = page.getByRole('region', { name: 'Label schema' });
  await editor.getByRole('textbox', { name: 'New label name' }).fill('Perpetrator');
  await editor.getByRole('button', { name: 'Add label' }).click();
  await messages.getByText('Added the label “Perpetrator”.').waitFor();
  await page.getByRole('button', { name: 'Library' }).click();
  await page.getByRole('button', { name: "Use this document's labels for the project" }).click();
  await messages.getByText('The project “Courts” now has this document\'s 8 labels.').waitFor();
  await page.getByRole('button', { name: 'Apply to documents' }).click();
  await messages.getByText('Done: gave the labels of “Courts” to the project\'s documents (1 document(s): 1 changed (labels added: Perpetrator), 0 already had the project\'s labels).').waitFor();
  await page.getByRole('button', { name: 'Open Detentions in Halden' }).click();
  await messages.getByText('Opened “Detentions in Halden”.').waitFor();
  await toolbar.getByRole('button', { name: 'Perpetrator' }).waitFor();

  // Undo takes the operation back (from another document: the changed one is open, so
  // go back to the other first).
  await page.keyboard.press(']');
  await messages.getByText('Opened “Release in Halden”.').waitFor();
  await page.keyboard.press('Control+z');
  await messages.getByText('Undone: gave the labels of “Courts”').waitFor();
  await page.keyboard.press('[');
  await messages.getByText('Opened “Detentions in Halden”.').waitFor();
  await toolbar.getByRole('button', { name: 'Person' }).waitFor();
  assert.equal(await toolbar.getByRole('button', { name: 'Perpetrator' }).count(), 0);

  // The project exports as one bundle with its schema: JSON Lines, and a zip's project.json.
  await page.getByRole('button', { name: 'Library' }).click();
  const bundle = await exportAs(page, 'Marginalia JSON', { opener: 'Export project…' });
  assert.equal(bundle.suggestedFilename(), 'courts.marginalia.jsonl');
  const lines = fs.readFileSync(await bundle.path(), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(lines.length, 2);
  for (const line of lines) {
    assert.equal(line.project.name, 'Courts');
    assert.ok(line.project.labels.some((l) => l.name === 'Perpetrator'));
  }
  const conll = await exportAs(page, 'CoNLL-2003 IOB2', { opener: 'Export project…' });
  const files = unzip(await conll.path());
  const about = JSON.parse(files['project.json']);
  assert.equal(about.format, 'marginalia-project');
  assert.ok(about.labels.some((l) => l.name === 'Perpetrator'));

  // The open document moves to the other project; the library stays on this one.
  await page.getByRole('combobox', { name: 'Move Release in Halden to project' }).selectOption({ label: 'My documents' });
  await messages.getByText('Moved to the project “My documents”.').waitFor();
  assert.equal(await page.getByRole('combobox', { name: 'Project', exact: true }).inputValue(), 'p2');
  await page.getByRole('list', { name: 'Documents' }).getByText('Release in Halden').waitFor({ state: 'detached' });
  await page.getByRole('combobox', { name: 'Project', exact: true }).selectOption({ label: 'My documents' });
  await page.getByRole('list', { name: 'Documents' }).getByText('Release in Halden').waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});
