// Autosave: work survives a reload and a browser restart with the same profile, the
// selection included, and the save status says where things stand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { suite, mark, addSpeaker, launchWithProfile, openApp, dragSelect, cpIndexOf, cpLen, articleText, exportAs, savedContaining, importBig, WINDOW } from './harness.mjs';

const it = suite();

const entries = (page) => page.getByRole('list', { name: 'Annotations' }).getByRole('listitem').allInnerTexts();
const saved = (page) => page.getByRole('status', { name: 'Save status' }).getByText('Saved in this browser').waitFor();

async function annotate(page) {
  const text = await articleText(page);
  await mark(page, text, 'Maryam Rahimi', '1');
  await mark(page, text, '"This marsh filters the water our children drink,"', '6');
  await addSpeaker(page, 'Maryam Rahimi');
}

test('annotate, reload: everything is back, selection included', async () => {
  const { page, context } = await openApp(it.browser, it.server.url);
  await saved(page);
  await annotate(page);
  await page.getByRole('textbox', { name: 'Title' }).fill('My rally notes');
  await page.getByRole('textbox', { name: 'Title' }).press('Enter');
  await saved(page);
  const before = await entries(page);
  await page.reload();
  await page.getByRole('status', { name: 'Messages' }).getByText('Welcome back: “My rally notes” is as you left it, with 2 annotation(s).').waitFor();
  assert.deepEqual(await entries(page), before);
  assert.equal(await page.getByRole('textbox', { name: 'Title' }).inputValue(), 'My rally notes');
  await page.getByText('Quote · a2').waitFor(); // the selected quote is selected again
  assert.equal(await page.getByRole('list', { name: 'Speakers of this quote' }).innerText(), 'Maryam Rahimi\n×');
  // An unfinished paste survives too.
  await page.getByRole('button', { name: 'New document' }).click().catch(() => {});
  await context.close();
});

test('text typed into the box but not yet started survives a reload', async () => {
  const { page, context } = await openApp(it.browser, it.server.url);
  await saved(page);
  await page.getByRole('button', { name: 'New document' }).click();
  const box = page.getByRole('textbox', { name: 'Article text' });
  await box.pressSequentially('Half-typed article by مریم 😀', { delay: 20 });
  await page.reload(); // at once: what was typed is saved when the page is hidden
  await page.getByRole('status', { name: 'Messages' }).getByText('Welcome back').waitFor();
  assert.equal(await box.inputValue(), 'Half-typed article by مریم 😀');
  // And the caret was never thrown to the end while typing in the middle.
  await box.press('Home');
  await box.pressSequentially('A ', { delay: 20 });
  await savedContaining(page, 'A Half-typed'); // after a pause in typing, the box's text is saved
  await box.pressSequentially('b', { delay: 20 });
  assert.equal(await box.inputValue(), 'A bHalf-typed article by مریم 😀');
  await page.reload();
  await page.getByRole('status', { name: 'Messages' }).getByText('Welcome back').waitFor();
  assert.equal(await box.inputValue(), 'A bHalf-typed article by مریم 😀');
  await context.close();
});

test('close the browser and reopen it with the same profile: all there', async () => {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'marginalia-profile-'));
  try {
    let context = await launchWithProfile(profile);
    let page = context.pages()[0] ?? await context.newPage();
    await page.goto(it.server.url);
    await saved(page);
    await annotate(page);
    await saved(page);
    const before = await entries(page);
    await context.close();

    context = await launchWithProfile(profile);
    page = context.pages()[0] ?? await context.newPage();
    await page.goto(it.server.url);
    await page.getByRole('status', { name: 'Messages' }).getByText('Welcome back').waitFor();
    assert.deepEqual(await entries(page), before);
    await context.close();
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
});

test('without browser storage the app still works and says plainly that nothing is saved', async () => {
  const context = await it.browser.newContext({ viewport: WINDOW });
  await context.addInitScript(() => { Object.defineProperty(window, 'indexedDB', { value: undefined }); });
  const page = await context.newPage();
  await page.goto(it.server.url);
  const status = page.getByRole('status', { name: 'Save status' });
  await status.getByText(/^Not saved: .*Export now/).waitFor();
  await annotate(page);
  assert.equal((await entries(page)).length, 2, 'annotating still works');
  assert.match(await status.innerText(), /^Not saved/);
  // An immediate export is offered.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export now' }).click()]);
  assert.ok(download.suggestedFilename().endsWith('.marginalia.json'));
  await context.close();
});

test('the library lists, filters, opens, duplicates, renames and deletes documents; Undo takes back a delete and a bundle', async () => {
  const { page, context } = await openApp(it.browser, it.server.url);
  await saved(page);
  const text = await articleText(page);
  await mark(page, text, 'Maryam Rahimi', '1');
  await saved(page);
  // A second document.
  await page.getByRole('button', { name: 'New document' }).click();
  await page.getByRole('textbox', { name: 'Article text' }).fill('Budget vote in Halden\n\nThe council met on Monday.');
  await page.getByRole('button', { name: 'Start annotating' }).click();
  await saved(page);

  const library = page.getByRole('button', { name: 'Library' });
  const docs = () => page.getByRole('list', { name: 'Documents' }).getByRole('listitem').allInnerTexts();
  await library.click();
  await page.getByRole('list', { name: 'Documents' }).getByRole('listitem').nth(1).waitFor();
  let listed = await docs();
  assert.equal(listed.length, 2, listed.join(' | '));
  assert.match(listed[0], /^Budget vote in Halden \(open\)\n49 characters · no annotations/);
  assert.match(listed[1], /^Residents rally to save Halden's last wetland\n2502 characters · Person 1/);

  await page.getByRole('searchbox', { name: 'Filter documents' }).fill('RALLY');
  assert.equal((await docs()).length, 1);
  await page.getByRole('searchbox', { name: 'Filter documents' }).fill('');

  // Open the first document again: its annotation is there.
  await page.getByRole('button', { name: "Open Residents rally to save Halden's last wetland" }).click();
  await page.getByRole('status', { name: 'Messages' }).getByText('Opened “Residents rally').waitFor();
  assert.deepEqual(await entries(page), ['Person\nMaryam Rahimi']);

  // Duplicate it, rename the copy, delete the copy, undo the delete.
  await library.click();
  await page.getByRole('button', { name: "Duplicate Residents rally to save Halden's last wetland" }).click();
  await page.getByRole('button', { name: "Open Residents rally to save Halden's last wetland (copy)" }).waitFor();
  page.once('dialog', (d) => d.accept('Rally, my copy'));
  await page.getByRole('button', { name: "Rename Residents rally to save Halden's last wetland (copy)" }).click();
  await page.getByRole('button', { name: 'Delete Rally, my copy' }).click();
  await page.getByRole('status', { name: 'Messages' }).getByText('Done: deleted “Rally, my copy” from the library.').waitFor();
  await page.getByRole('button', { name: 'Open Rally, my copy' }).waitFor({ state: 'detached' });
  assert.equal((await docs()).length, 2);
  await page.keyboard.press('Control+z');
  await page.getByRole('status', { name: 'Messages' }).getByText('Undone: deleted “Rally, my copy” from the library.').waitFor();
  await page.getByRole('button', { name: 'Open Rally, my copy' }).waitFor();
  assert.equal((await docs()).length, 3);
  await page.keyboard.press('Control+y');
  await page.getByRole('button', { name: 'Open Rally, my copy' }).waitFor({ state: 'detached' });
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.getByRole('button', { name: 'Open Rally, my copy' }).waitFor();

  // The open document cannot be deleted from under the user.
  await page.getByRole('button', { name: "Delete Residents rally to save Halden's last wetland" }).click();
  await page.getByRole('status', { name: 'Messages' }).getByText('This document is open').waitFor();

  // All of it survives a reload.
  await page.reload();
  await page.getByRole('status', { name: 'Messages' }).getByText('Welcome back').waitFor();
  await library.click();
  await page.getByRole('button', { name: 'Open Rally, my copy' }).waitFor();
  assert.equal((await docs()).length, 3);

  // "Export all…" in Marginalia JSON writes one document per line. Importing that bundle
  // asks first, since its documents are in the library already: skipping them adds
  // nothing; keeping both adds all of them, each under a new key, overwriting nothing;
  // Undo takes that back.
  const download = await exportAs(page, 'Marginalia JSON', { opener: 'Export all…' });
  assert.match(download.suggestedFilename(), /^marginalia-library-\d{4}-\d\d-\d\d\.marginalia\.jsonl$/);
  const bundle = fs.readFileSync(await download.path(), 'utf8');
  const lines = bundle.trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(lines.map((d) => d.document.title).sort(), ['Budget vote in Halden', 'Rally, my copy', "Residents rally to save Halden's last wetland"]);
  const importBundle = async () => {
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Import' }).click()]);
    await chooser.setFiles({ name: 'library.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(bundle) });
  };
  const choice = page.getByRole('alertdialog', { name: 'Import choice' });
  await importBundle();
  await choice.getByText('3 of the 3 document(s) in “library.jsonl” are already in your library').waitFor();
  await choice.getByRole('button', { name: 'Skip those already in the library' }).click();
  await page.getByRole('status', { name: 'Messages' }).getByText('Nothing was added').waitFor();
  assert.equal((await docs()).length, 3);
  await importBundle();
  await choice.getByRole('button', { name: 'Keep both' }).click();
  await page.getByRole('status', { name: 'Messages' }).getByText('Done: added 3 document(s) from “library.jsonl” to the library').waitFor();
  await page.getByRole('list', { name: 'Documents' }).getByRole('listitem').nth(5).waitFor();
  assert.equal((await docs()).length, 6);
  await page.keyboard.press('Control+z');
  await page.getByRole('list', { name: 'Documents' }).getByRole('listitem').nth(3).waitFor({ state: 'detached' });
  assert.equal((await docs()).length, 3);
  await context.close();
});

test('a full storage quota: saving stops loudly, "Export now" keeps the work, and saving resumes', async () => {
  const { page, context } = await openApp(it.browser, it.server.url);
  // IndexedDB's put fails as the browser's does when the quota is full. (Chromium's own
  // DevTools override, Storage.overrideQuotaForOrigin, reports itself active, but the
  // IndexedDB of Chromium 156 goes on writing, so the error is raised here instead.)
  await page.addInitScript(() => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (...args) {
      if (window.storageFull) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    };
  });
  // The article's first piece as first rendered, to tell whether it is rendered again.
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      const piece = document.querySelector('.article-text .para > span');
      if (piece) { window.firstPiece = piece; observer.disconnect(); }
    }).observe(document, { subtree: true, childList: true });
  });
  await page.reload();
  await page.getByRole('status', { name: 'Messages' }).getByText('Welcome back').waitFor();
  await saved(page);
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  assert.ok(await page.evaluate(() => window.firstPiece?.isConnected),
    'the saved article restored over the sample (the same text) is not rendered again, which would cut a drag begun in it');
  await page.evaluate(() => { window.storageFull = true; });
  const text = await articleText(page);
  await mark(page, text, 'Maryam Rahimi', '1');
  const status = page.getByRole('status', { name: 'Save status' });
  await status.getByText('Not saved: the browser\'s storage for this page is full').waitFor();
  // The offered export holds the unsaved annotation.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export now' }).click()]);
  const exported = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
  assert.deepEqual(exported.annotations.map((a) => a.text), ['Maryam Rahimi']);
  assert.deepEqual(await entries(page), ['Person\nMaryam Rahimi'], 'the work on screen is intact');
  // With room again, the next change saves everything, and it survives a reload.
  await page.evaluate(() => { window.storageFull = false; });
  await mark(page, text, 'Halden', '3');
  await saved(page);
  await page.reload();
  await page.getByRole('status', { name: 'Messages' }).getByText('with 2 annotation(s)').waitFor();
  await context.close();
});

// A long document's snapshot is written a slice per task (core::library::RecordJob), after
// the paint that shows it and after each pause: a change made while it is being written
// is kept (the snapshot empties the log; the change goes back in after it).
test('a long document is saved in slices, and changes made while a slice is written are kept', async () => {
  const { page, context } = await openApp(it.browser, it.server.url);
  await saved(page);
  const sample = fs.readFileSync(new URL('../../src/core/sample_article.txt', import.meta.url), 'utf8');
  const count = 12000;
  // Selects code points [start, end) and presses "3" (Place) by a key event, in the page.
  await page.evaluate(() => {
    window.press = (start, end) => {
      const piece = [...document.querySelectorAll('.article-text .para > span')].find((p) => +p.dataset.s <= start && start < +p.dataset.e);
      const node = piece.firstChild;
      const from = [...node.data].slice(0, start - +piece.dataset.s).join('').length;
      const range = document.createRange();
      range.setStart(node, from);
      range.setEnd(node, from + (end - start));
      getSelection().removeAllRanges();
      getSelection().addRange(range);
      document.dispatchEvent(new KeyboardEvent('keydown', { key: '3', bubbles: true }));
    };
    // The first change as soon as the imported document is painted, two tasks into its
    // first snapshot (which starts after that paint).
    new MutationObserver((_, observer) => {
      if (!document.querySelector('[aria-label="Messages"]')?.textContent.includes('Imported')) return;
      observer.disconnect();
      const later = (f, n) => (n ? setTimeout(() => later(f, n - 1), 0) : f());
      requestAnimationFrame(() => later(() => window.press(10 * 33 + 14, 10 * 33 + 20), 3));
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  const chars = await importBig(page, sample, { count, length: 400_000 });
  assert.equal(Math.floor(chars.length / count), 33, 'annotations 33 code points apart: the marks fall between them');
  await page.getByRole('heading', { name: `Annotations (${count + 1})` }).waitFor();
  await saved(page);
  // Another, and a third once the pause after it (1.5 s) has started a snapshot.
  await page.evaluate(() => {
    window.press(20 * 33 + 14, 20 * 33 + 20);
    setTimeout(() => window.press(30 * 33 + 14, 30 * 33 + 20), 1560);
  });
  await page.getByRole('heading', { name: `Annotations (${count + 3})` }).waitFor();
  await saved(page);
  // The third change is in storage: in the log after the snapshot that started before it
  // (or, later, in a snapshot of its own), not emptied with that snapshot's log.
  const log = await page.evaluate(async () => {
    const db = await new Promise((ok, fail) => { const r = indexedDB.open('marginalia'); r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
    const store = db.transaction('log').objectStore('log');
    const [keys, values] = await Promise.all([store.getAllKeys(), store.getAll()].map((r) => new Promise((ok) => { r.onsuccess = () => ok(r.result); })));
    db.close();
    return keys.map((k, i) => [String(k), String(values[i])]);
  });
  const base = log.find(([k]) => k.endsWith(':base'));
  assert.ok(base, `a log base: ${JSON.stringify(log.map(([k]) => k))}`);
  assert.ok(log.some(([k]) => /:0+3$/.test(k)) || /"rev":3\b/.test(base[1]), `change 3 is in the log or the snapshot: ${JSON.stringify(log.map(([k, v]) => k.endsWith(':base') ? v : k))}`);
  // Folded into a snapshot, then reopened: all three are there.
  await page.waitForTimeout(2500);
  const stored = await page.evaluate(async () => {
    const db = await new Promise((ok, fail) => { const r = indexedDB.open('marginalia'); r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
    const all = await new Promise((ok) => { const r = db.transaction('documents').objectStore('documents').getAll(); r.onsuccess = () => ok(r.result); });
    db.close();
    return all.map((d) => (d instanceof Uint8Array ? new TextDecoder().decode(d) : null)).find((d) => d?.includes('"title":"Benchmark"'));
  });
  assert.ok(stored?.startsWith('{"format":"marginalia"'), 'the document is stored as UTF-8 bytes of compact JSON');
  assert.equal(JSON.parse(stored).annotations.length, count + 3, 'the snapshot holds every change');
  await page.reload();
  await page.getByRole('status', { name: 'Messages' }).getByText(`with ${count + 3} annotation(s)`).waitFor({ timeout: 60000 });
  // Values stored as strings (as before this build) are read as well.
  await page.evaluate(async () => {
    const db = await new Promise((ok, fail) => { const r = indexedDB.open('marginalia'); r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
    for (const name of ['documents', 'search']) {
      const store = db.transaction(name, 'readwrite').objectStore(name);
      const [keys, values] = await Promise.all([store.getAllKeys(), store.getAll()].map((r) => new Promise((ok) => { r.onsuccess = () => ok(r.result); })));
      const again = db.transaction(name, 'readwrite');
      keys.forEach((k, i) => { if (values[i] instanceof Uint8Array) again.objectStore(name).put(new TextDecoder().decode(values[i]), k); });
      await new Promise((ok) => { again.oncomplete = ok; });
    }
    db.close();
  });
  await page.reload();
  await page.getByRole('status', { name: 'Messages' }).getByText(`with ${count + 3} annotation(s)`).waitFor({ timeout: 60000 });
  await context.close();
});

test('two tabs on the same document: the second stops saving over the first and says so', async () => {
  const context = await it.browser.newContext({ viewport: WINDOW });
  const first = await context.newPage();
  await first.goto(it.server.url);
  await saved(first);
  const second = await context.newPage();
  await second.goto(it.server.url);
  await saved(second);

  // The first tab marks a name and saves; the second hears of it and pauses.
  const text = await articleText(first);
  const start = cpIndexOf(text, 'Maryam Rahimi');
  await dragSelect(first, start, start + cpLen('Maryam Rahimi'));
  await first.keyboard.press('1');
  await saved(first);
  const status = second.getByRole('status', { name: 'Save status' });
  await status.getByText('changed in another tab').waitFor();

  // What the second tab does now is not saved over the first tab's work.
  const place = cpIndexOf(text, 'Vessa River');
  await dragSelect(second, place, place + cpLen('Vessa River'));
  await second.keyboard.press('3');
  await second.waitForTimeout(800);
  assert.match(await status.innerText(), /^Not saved: this document was changed in another tab/);
  await second.reload();
  await second.getByRole('status', { name: 'Messages' }).getByText('with 1 annotation(s)').waitFor();
  assert.deepEqual(await entries(second), ['Person\nMaryam Rahimi'], "the first tab's work is intact");
  await context.close();
});

// Storage that stays: once work is saved, the browser is asked to keep it, and "Save
// status" gives its answer; after a week of work without a backup, "Back up…" shows, leads
// to the library's "Export all…", and goes once that is done.
test('the browser is asked to keep the storage, and a week without a backup brings a reminder', async () => {
  const { page, context } = await openApp(it.browser, it.server.url);
  const status = page.getByRole('status', { name: 'Save status' });
  await status.getByText('Saved in this browser').waitFor();
  await page.waitForFunction(() => /\((kept|the browser may clear it)/.test(document.querySelector('[aria-label="Save status"]').textContent));
  const persisted = await page.evaluate(() => navigator.storage.persisted());
  const said = await status.textContent();
  assert.equal(said.includes('(kept)'), persisted, `the status (${said}) says what the browser answered (${persisted})`);
  assert.equal(said.includes('may clear'), !persisted);
  assert.equal(await page.getByRole('button', { name: 'Back up…' }).count(), 0, 'no reminder on the first day');

  // Eight days since the first save, no backup: the reminder.
  await page.evaluate(() => localStorage.setItem('marginalia.first-save-at', new Date(Date.now() - 8 * 86400e3).toISOString()));
  await page.reload();
  const remind = page.getByRole('button', { name: 'Back up…' });
  await remind.waitFor();
  await remind.click();
  await page.getByRole('status', { name: 'Messages' }).getByText('“Export all…” downloads every document').waitFor();
  await page.getByRole('button', { name: 'Export all…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await dialog.waitFor();
  await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Download' }).click()]);
  await remind.waitFor({ state: 'detached' });
  await page.reload();
  await status.getByText('Saved in this browser').waitFor();
  await page.waitForTimeout(300);
  assert.equal(await remind.count(), 0, 'backed up: no reminder');
  await context.close();
});
