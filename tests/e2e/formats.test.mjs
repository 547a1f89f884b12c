// End to end, the exchange formats in the app: the export dialog (its radio group, the line
// saying what the chosen format cannot hold of this document, "UTF-16 positions"),
// downloads in several formats checked against the text in the right offset unit (a
// folder's .zip read by Python's zipfile), a download dropped back onto its document,
// imports recognised by content (plain text, a brat folder picked as several files), and
// the library's "Export all…". The dialog is screenshotted for the README.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { suite, openApp, mark, addSpeaker, exportAs, unzip, cpIndexOf, cpLen, cpSlice, root } from './harness.mjs';

const it = suite();

// An emoji and Persian before the annotations, so code points and UTF-16 differ.
const ARTICLE = 'Protest in Halden 🌱\n\nمریم رحیمی spoke first. “We will not stop,” said Maryam Rahimi of the CRP.\n\nThe CRP said more.';

const FORMATS = ['Marginalia JSON', 'W3C Web Annotation', 'brat standoff', 'spaCy DocBin', 'Prodigy JSONL', 'Label Studio',
  'UIMA CAS XMI (INCEpTION)', 'UIMA CAS JSON', 'CoNLL-2003 IOB2', 'BBC Citron', 'doccano JSONL'];

/** Drops `files` ([name, bytes as an array of numbers]) on the page. */
async function drop(page, files) {
  await page.evaluate((files) => {
    const data = new DataTransfer();
    for (const [name, bytes] of files) data.items.add(new File([new Uint8Array(bytes)], name));
    document.querySelector('.app').dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  }, files);
}

test('export dialog: every format, what each loses, exact offsets in each unit; imports by content; the library in any format', async () => {
  const { page, context, requests, errors } = await openApp(it.browser, it.server.url);
  const messages = page.getByRole('status', { name: 'Messages' });
  const choice = page.getByRole('alertdialog', { name: 'Import choice' });
  const entries = () => page.getByRole('list', { name: 'Annotations' }).getByRole('listitem').allInnerTexts();
  await page.getByRole('button', { name: 'New document' }).click();
  await page.getByRole('textbox', { name: 'Article text' }).fill(ARTICLE);
  await page.getByRole('button', { name: 'Start annotating' }).click();
  await page.getByRole('region', { name: 'Article' }).waitFor();
  await mark(page, ARTICLE, 'Protest in Halden', '5');
  await mark(page, ARTICLE, 'Halden', '3');
  await mark(page, ARTICLE, 'مریم رحیمی', '1');
  await mark(page, ARTICLE, 'Maryam Rahimi', '1');
  await mark(page, ARTICLE, 'CRP', '2');
  await mark(page, ARTICLE, 'CRP', '2', cpIndexOf(ARTICLE, 'CRP') + 1);
  await mark(page, ARTICLE, '“We will not stop,”', '6');
  await addSpeaker(page, 'Maryam Rahimi');
  const annotated = await entries();
  assert.equal(annotated.length, 7, annotated.join(' | '));
  // A title every font can show, for the screenshot; downloads are named after it.
  await page.getByRole('textbox', { name: 'Title' }).fill('Protest in Halden');
  await page.getByRole('textbox', { name: 'Title' }).press('Enter');

  // The dialog: named "Export", one radio per format in the radio group "Format", the
  // chosen one checked, and a line for this document that follows the choice.
  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await dialog.waitFor();
  const group = dialog.getByRole('radiogroup', { name: 'Format' });
  const radios = group.getByRole('radio');
  assert.deepEqual(await radios.evaluateAll((rs) => rs.map((r) => r.labels[0].textContent)), FORMATS);
  assert.equal(await group.getByRole('radio', { name: 'Marginalia JSON' }).isChecked(), true);
  const losses = dialog.getByRole('status');
  await losses.getByText('Everything in this document is kept in Marginalia JSON.').waitFor();
  await group.getByRole('radio', { name: 'CoNLL-2003 IOB2' }).check();
  await losses.getByText('1 overlapping or nested span, 1 quote, 1 speaker link and 7 labels\' colours and hotkeys are not representable in CoNLL-2003 IOB2.').waitFor();
  await group.getByRole('radio', { name: 'BBC Citron' }).check();
  await losses.getByText(/^\d+ mention labels, .* not representable in BBC Citron\.$/).waitFor();
  await group.getByRole('radio', { name: 'spaCy DocBin' }).check();
  await losses.getByText('Everything in this document is kept in spaCy DocBin.').waitFor();
  // "UTF-16 positions" is offered for W3C only.
  assert.equal(await dialog.getByRole('checkbox', { name: 'UTF-16 positions' }).count(), 0);
  await group.getByRole('radio', { name: 'W3C Web Annotation' }).check();
  await dialog.getByRole('checkbox', { name: 'UTF-16 positions' }).waitFor();
  await group.getByRole('radio', { name: 'CoNLL-2003 IOB2' }).check();
  await losses.getByText(/not representable in CoNLL-2003 IOB2/).waitFor();
  const out = path.join(root, 'target', 'e2e');
  fs.mkdirSync(out, { recursive: true });
  await page.screenshot({ path: path.join(out, 'export-dialog.png') });
  if (process.env.UPDATE_SCREENSHOTS) {
    fs.copyFileSync(path.join(out, 'export-dialog.png'), path.join(root, 'tests', 'e2e', 'screenshots', 'export-dialog.png'));
  }
  // A shortcut key behind the dialog does nothing; Cancel closes it and exports nothing.
  await page.keyboard.press('2');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await dialog.waitFor({ state: 'detached' });
  assert.deepEqual(await entries(), annotated);

  // CoNLL: one token a line, IOB2 tags; the tokens joined are the text, and the entities
  // kept are the outer spans.
  const conll = fs.readFileSync(await (await exportAs(page, 'CoNLL-2003 IOB2')).path(), 'utf8');
  const tagged = conll.split('\n').filter((l) => l && !l.startsWith('-DOCSTART-')).map((l) => l.split(' '));
  assert.equal(tagged.map(([t]) => t).join(''), ARTICLE.replace(/\s/g, ''));
  const begins = tagged.filter(([, , , tag]) => tag?.startsWith('B-')).map(([t, , , tag]) => `${tag} ${t}`);
  assert.deepEqual(begins, ['B-Event Protest', 'B-Person مریم', 'B-Person Maryam', 'B-Organization CRP', 'B-Organization CRP']);

  // W3C in code points (the spec), then in UTF-16 (Recogito, Hypothesis): each position
  // selector lands on its quote selector's `exact` in its own unit, and the two differ
  // after the emoji.
  const w3c = async (utf16) => {
    const download = await exportAs(page, 'W3C Web Annotation', { utf16 });
    assert.match(download.suggestedFilename(), /\.w3c\.jsonld$/);
    return JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
  };
  const selectors = (collection) => collection.first.items.map((a) => {
    const s = a.target.selector;
    return [s.find((x) => x.type === 'TextPositionSelector'), s.find((x) => x.type === 'TextQuoteSelector').exact];
  });
  const points = selectors(await w3c(false));
  const units = selectors(await w3c(true));
  assert.equal(points.length, 7);
  for (const [p, exact] of points) assert.equal(cpSlice(ARTICLE, p.start, p.end), exact);
  for (const [p, exact] of units) assert.equal(ARTICLE.slice(p.start, p.end), exact);
  assert.ok(points.some(([p], i) => p.start !== units[i][0].start), 'UTF-16 positions differ after the emoji');
  // The dialog remembers the choice: W3C with UTF-16 positions again, for the drop below.
  const utf16File = await (await exportAs(page, 'W3C Web Annotation')).path();

  // brat: a .zip of the folder; each text-bound annotation's offsets (code points) slice
  // the .txt to its text, with our label.
  const bratDownload = await exportAs(page, 'brat standoff');
  assert.equal(bratDownload.suggestedFilename(), 'protest-in-halden.brat.zip');
  const bratFiles = unzip(await bratDownload.path());
  const ann = Object.keys(bratFiles).find((n) => n.endsWith('.ann'));
  const txt = bratFiles[ann.replace(/\.ann$/, '.txt')];
  assert.equal(txt, ARTICLE);
  assert.ok(['annotation.conf', 'visual.conf', 'kb_shortcuts.conf'].every((c) => c in bratFiles), Object.keys(bratFiles).join(' '));
  const spans = bratFiles[ann].split('\n').filter((l) => l.startsWith('T')).map((l) => {
    const [, typeAndOffsets, text] = l.split('\t');
    const [type, start, end] = typeAndOffsets.split(/[ ;]/);
    return [type, cpSlice(txt, Number(start), Number(end)), text];
  });
  // Every annotation, and the trigger of the quote's attribution (its own span: no cue).
  assert.equal(spans.length, 7 + 1, spans.map(String).join(' | '));
  for (const [type, slice, text] of spans) assert.equal(slice, text, `${type}: ${text}`);
  assert.ok(spans.some(([type, , text]) => type === 'Person' && text === 'مریم رحیمی'));

  // The brat download dropped back onto its document: recognised by content, same text,
  // so the user is asked; Merge adds nothing, as every annotation is already there.
  await drop(page, [[bratDownload.suggestedFilename(), [...fs.readFileSync(await bratDownload.path())]]]);
  await choice.getByText('is already the open document').waitFor();
  assert.match(await choice.innerText(), /Read as brat standoff\./);
  await choice.getByRole('button', { name: 'Merge' }).click();
  await messages.getByText(/0 annotation\(s\) added, 7 already there\. Read as brat standoff\./).waitFor();
  assert.deepEqual(await entries(), annotated);
  // And the W3C file: its positions are found to count UTF-16 units, and it says so.
  await drop(page, [['annotations.jsonld', [...fs.readFileSync(utf16File)]]]);
  await choice.getByText('is already the open document').waitFor();
  await choice.getByRole('button', { name: 'Merge' }).click();
  await messages.getByText('0 annotation(s) added, 7 already there. Read as W3C Web Annotation, positions in UTF-16 code units (7 annotation(s)).').waitFor();

  // Plain text picked with "Import" opens as a new document.
  const dir = fs.mkdtempSync(path.join(root, 'target', 'formats-'));
  const write = (name, content) => { const f = path.join(dir, name); fs.writeFileSync(f, content); return f; };
  const pick = async (...files) => {
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Import' }).click()]);
    await chooser.setFiles(files);
  };
  const minutes = 'Minutes of the council 🌱\n\nThe council met on Monday.';
  await pick(write('minutes.txt', minutes));
  await messages.getByText('Imported “Minutes of the council 🌱” with 0 annotation(s). Read as plain text.').waitFor();
  assert.deepEqual(await entries(), []);

  // A brat folder in brat's own layout, picked as its two files at once.
  const said = 'Ana Lima spoke for the CRP in Tabriz.';
  const t = (needle) => `${cpIndexOf(said, needle)} ${cpIndexOf(said, needle) + cpLen(needle)}`;
  const bratAnn = [
    `T1\tPerson ${t('Ana Lima')}\tAna Lima`,
    `T2\tOrganization ${t('CRP')}\tCRP`,
    `T3\tLocation ${t('Tabriz')}\tTabriz`,
    '#1\tAnnotatorNotes T1\tspokesperson',
    '',
  ].join('\n');
  await pick(write('council.txt', said), write('council.ann', bratAnn));
  await messages.getByText(/^Imported “.*” with 3 annotation\(s\)\. Read as brat standoff\./).waitFor();
  // No annotation.conf came with it, so its types become the document's labels.
  assert.match(await messages.innerText(), /missing from its schema were added: Person, Organization, Location\./);
  assert.deepEqual(await entries(), ['Person\nAna Lima', 'Organization\nCRP', 'Location\nTabriz']);

  // The library's documents, in any format, through the same dialog.
  await page.getByRole('status', { name: 'Save status' }).getByText('Saved in this browser').waitFor();
  await page.getByRole('button', { name: 'Library' }).click();
  const library = page.getByRole('list', { name: 'Documents' });
  for (const title of ['Protest in Halden', 'Minutes of the council 🌱', 'council']) {
    await library.getByRole('button', { name: `Open ${title}`, exact: true }).waitFor();
  }
  const docs = await library.getByRole('listitem').count();
  assert.ok(docs >= 3, `${docs} documents in the library`);
  await page.getByRole('button', { name: 'Export all…' }).click();
  await dialog.getByRole('heading', { name: `Export the library's ${docs} document(s)` }).waitFor();
  await dialog.getByRole('radio', { name: 'spaCy DocBin' }).check();
  await losses.getByText(`Everything in these ${docs} documents is kept in spaCy DocBin.`).waitFor();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  const bundle = await exportAs(page, 'Marginalia JSON', { opener: 'Export all…' });
  assert.match(bundle.suggestedFilename(), /^marginalia-library-\d{4}-\d\d-\d\d\.marginalia\.jsonl$/);
  const lines = fs.readFileSync(await bundle.path(), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(lines.length, docs);
  assert.ok(lines.some((d) => d.document.text === ARTICLE && d.annotations.length === 7));
  const citron = await exportAs(page, 'BBC Citron', { opener: 'Export all…' });
  assert.match(citron.suggestedFilename(), /\.citron\.zip$/);
  assert.equal(Object.keys(unzip(await citron.path())).length, docs);

  assert.deepEqual(errors, []);
  assert.ok(requests.every((r) => r.startsWith(it.server.url)), requests.join('\n'));
  await context.close();
});
