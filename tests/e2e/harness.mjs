// Test harness for the end-to-end suite: serves the release build (dist/) on
// 127.0.0.1, launches Debian's Chromium through playwright-core, records every request
// the page makes, and offers a real-mouse text selection helper, exports through the
// export dialog and a zip reader for folder downloads.
import http from 'node:http';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';

const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, '../..');
export const dist = process.env.MARGINALIA_DIST ? path.resolve(process.env.MARGINALIA_DIST) : path.join(root, 'dist');

const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json', '.png': 'image/png',
};

/** Serves dist/ on a free loopback port. Resolves to { url, close }. */
export function serveDist() {
  if (!fs.existsSync(path.join(dist, 'index.html'))) {
    throw new Error(`no release build in ${dist}: run scripts/test.sh (it builds with trunk first)`);
  }
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    let file = path.normalize(path.join(dist, decodeURIComponent(url.pathname)));
    if (!file.startsWith(dist)) { res.writeHead(403).end(); return; }
    if (url.pathname.endsWith('/')) file = path.join(file, 'index.html');
    fs.readFile(file, (err, body) => {
      if (err) { res.writeHead(404).end('not found'); return; }
      res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({ url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(r)) });
    });
  });
}

const browserOptions = {
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: [
    '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run', '--disable-quic',
  ],
};

/** The window every test opens unless it is about windows: wide enough that no header
 * command folds into "Menu" (below 1440 px they do). */
export const WINDOW = { width: 1440, height: 900 };

/** Launches headless Chromium with the flags this machine needs. */
export async function launch() {
  return chromium.launch(browserOptions);
}

/** Launches Chromium on a profile folder that outlives the browser (a restart test). */
export async function launchWithProfile(dir) {
  return chromium.launchPersistentContext(dir, { ...browserOptions, acceptDownloads: true, viewport: WINDOW });
}

/** A new page at `url` with the app loaded, and the list of every request it made. */
export async function openApp(browser, url) {
  const context = await browser.newContext({ acceptDownloads: true, viewport: WINDOW });
  const page = await context.newPage();
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(url);
  await page.getByRole('button', { name: 'New document' }).waitFor();
  return { page, context, requests, errors };
}

/**
 * Viewport point for a drag boundary at code point offset `pos`: the middle of the
 * leading edge of character `pos` for a start, of the trailing edge of character
 * `pos - 1` for an end (so a combining mark is never aimed at from its zero-width side).
 * Leading is left for left-to-right characters and right for Arabic-script ones.
 */
export async function pointAt(page, pos, edge = 'start') {
  return page.evaluate(([pos, edge]) => {
    const target = edge === 'start' ? pos : pos - 1;
    const piece = [...document.querySelectorAll('.article-text .para > span')]
      .find((p) => +p.dataset.s <= target && target < +p.dataset.e);
    const node = piece.firstChild;
    const chars = [...node.data];
    const local = target - +piece.dataset.s;
    const units = chars.slice(0, local).join('').length;
    const range = document.createRange();
    range.setStart(node, units);
    range.setEnd(node, units + chars[local].length);
    const rects = [...range.getClientRects()].filter((r) => r.width > 0);
    const r = edge === 'start' ? rects[0] : rects[rects.length - 1];
    // A right-to-left character starts at its right edge; a neutral one (a space, a
    // guillemet) takes the direction of its paragraph.
    const strongRtl = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]/u.test(chars[local]);
    const strongLtr = /[A-Za-z\u00c0-\u024f]/u.test(chars[local]);
    const rtl = strongRtl || (!strongLtr && getComputedStyle(piece.parentElement).direction === 'rtl');
    const atLeft = (edge === 'start') !== rtl;
    return { x: atLeft ? r.left + 1 : r.right - 1, y: r.top + r.height / 2 };
  }, [pos, edge]);
}

/** Selects code points [start, end) of the article with a real mouse drag. */
export async function dragSelect(page, start, end) {
  const el = page.locator('.article-frame');
  await page.evaluate((s) => {
    const piece = [...document.querySelectorAll('.article-text .para')].find((p) => +p.dataset.s <= s && s < +p.dataset.e);
    piece.scrollIntoView({ block: 'center' });
    // Measured once the scroll is painted, and whatever it brought into view laid out.
    return new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  }, start);
  await el.waitFor();
  const a = await pointAt(page, start);
  const b = await pointAt(page, end, 'end');
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 5 });
  await page.mouse.move(b.x, b.y, { steps: 5 });
  await page.mouse.up();
}

/** Code point offset of `needle` in `haystack` (JavaScript's indexOf counts UTF-16). */
export function cpIndexOf(haystack, needle, from = 0) {
  const units = haystack.indexOf(needle, [...haystack].slice(0, from).join('').length);
  if (units < 0) throw new Error(`"${needle}" not found`);
  return [...haystack.slice(0, units)].length;
}

/** Length in code points. */
export const cpLen = (s) => [...s].length;

/** Python-style text[start:end] in code points. */
export const cpSlice = (s, start, end) => [...s].slice(start, end).join('');

/** The article's text as rendered, read from its pieces. */
export function articleText(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('.article-text .para > span')].map((s) => s.textContent).join(''));
}

/**
 * Serves dist/ and launches Chromium once for the calling test file; returns an object
 * whose `server` and `browser` are set before its tests run.
 */
export function suite() {
  const it = {};
  before(async () => {
    it.server = await serveDist();
    it.browser = await launch();
  });
  after(async () => {
    await it.browser?.close();
    await it.server?.close();
  });
  return it;
}

/** Adds `name` as a speaker of the selected quote: types it into "Find speaker" and
 * clicks its choice. */
export async function addSpeaker(page, name) {
  await page.getByRole('searchbox', { name: 'Find speaker' }).fill(name);
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  await page.getByRole('list', { name: 'Speaker choices' }).getByRole('button', { name: new RegExp(`^${escaped} \\(`) }).click();
}

/**
 * Selects `needle` (its first occurrence from code point `from`) and presses `key`. If
 * the page moved under the drag (a message band appearing on a busy machine), so that
 * the selection is not the needle, the drag is made again (twice at most) from no
 * selection: a press inside a selection would drag the selected text instead of starting
 * a new one. (The browser's selection may still differ from the needle where the app
 * widens or trims it, as over a quotation's marks.)
 */
export async function mark(page, text, needle, key, from = 0) {
  const start = cpIndexOf(text, needle, from);
  for (let attempt = 0; attempt < 3; attempt++) {
    if (attempt > 0) await page.evaluate(() => getSelection().removeAllRanges());
    await dragSelect(page, start, start + cpLen(needle));
    const selected = await page.evaluate(() => String(getSelection()));
    if (selected === needle || needle.includes('\n')) break;
  }
  await page.keyboard.press(key);
}

/**
 * Exports through the export dialog: opens it with "Export…" (or `opener`), picks
 * `format` in the radio group "Format", sets "UTF-16 positions" when `utf16` is given,
 * presses "Download" and waits for the dialog to close. Returns the download.
 */
export async function exportAs(page, format = 'Marginalia JSON', { utf16, opener = 'Export…' } = {}) {
  await page.getByRole('button', { name: opener }).click();
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await dialog.getByRole('radio', { name: format, exact: true }).check();
  if (utf16 !== undefined) await dialog.getByRole('checkbox', { name: 'UTF-16 positions' }).setChecked(utf16);
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Download' }).click()]);
  await dialog.waitFor({ state: 'detached' });
  return download;
}

/** The downloaded Marginalia JSON export of the open document. */
export async function exportJson(page) {
  const download = await exportAs(page);
  return { name: download.suggestedFilename(), json: JSON.parse(fs.readFileSync(await download.path(), 'utf8')) };
}

/**
 * The files of a `.zip`, read by Python's own zipfile module (which checks every CRC):
 * { path: text }.
 */
export function unzip(file) {
  const script = 'import json, sys, zipfile\nz = zipfile.ZipFile(sys.argv[1])\nassert z.testzip() is None\nprint(json.dumps({n: z.read(n).decode("utf-8") for n in z.namelist()}))';
  return JSON.parse(execFileSync('python3', ['-c', script, file], { encoding: 'utf8' }));
}

/**
 * Waits until what this browser's IndexedDB keeps (the documents, the session and the
 * operation log) holds `needle`: the state a test needs before a reload.
 */
export async function savedContaining(page, needle) {
  await page.waitForFunction(async (needle) => {
    const db = await new Promise((ok, fail) => { const r = indexedDB.open('marginalia'); r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
    try {
      const stores = ['documents', 'session', 'log'].filter((s) => db.objectStoreNames.contains(s));
      for (const store of stores) {
        const all = await new Promise((ok, fail) => { const r = db.transaction(store).objectStore(store).getAll(); r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
        // Long values are stored as UTF-8 bytes.
        const text = (v) => (typeof v === 'string' ? v : v instanceof Uint8Array ? new TextDecoder().decode(v) : JSON.stringify(v));
        if (all.some((doc) => text(doc).includes(needle))) return true;
      }
      return false;
    } finally {
      db.close();
    }
  }, needle, { polling: 100 });
}

/**
 * Imports a benchmark document into the open app: `sample` repeated to `length` (1,000,000)
 * code points with `count` (20,000) Place annotations of 12 code points, evenly spread,
 * each its own entity. Returns its code points.
 */
export async function importBig(page, sample, { count = 20_000, length = 1_000_000 } = {}) {
  let text = '';
  while ([...text].length < length) text += sample + '\n\n';
  const chars = [...text];
  const step = Math.floor(chars.length / count);
  const annotations = [];
  for (let i = 0; i < count; i++) {
    const start = i * step;
    annotations.push({ id: `a${i + 1}`, label: 'Place', start, end: start + 12, text: chars.slice(start, start + 12).join('') });
  }
  // Every mention its own entity (the importer checks them).
  const entities = annotations.map((a, i) => ({ id: `e${i + 1}`, label: 'Place', name: a.text, aliases: [], mentions: [a.id] }));
  annotations.forEach((a, i) => { a.entity = `e${i + 1}`; });
  const file = {
    format: 'marginalia', version: 3, offset_unit: 'codepoint',
    document: { title: 'Benchmark', text, length: chars.length, sha256: crypto.createHash('sha256').update(text, 'utf8').digest('hex') },
    labels: [{ name: 'Place', kind: 'entity', color: '#7cc47f', hotkey: '3', speaks: false }],
    entities, annotations, generator: 'bench', exported_at: '2026-12-01T00:00:00Z',
  };
  const dir = fs.mkdtempSync(path.join(root, 'target', 'bench-'));
  const input = path.join(dir, 'big.marginalia.json');
  fs.writeFileSync(input, JSON.stringify(file));
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Import' }).click()]);
  await chooser.setFiles(input);
  await page.getByRole('status', { name: 'Messages' }).getByText(`with ${count} annotation(s)`).waitFor({ timeout: 120000 });
  return chars;
}
