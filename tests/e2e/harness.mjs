// Test harness for the end-to-end suite: serves the release build (dist/) on
// 127.0.0.1, launches Debian's Chromium through playwright-core, records every request
// the page makes, and offers a real-mouse text selection helper.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, '../..');
export const dist = path.join(root, 'dist');

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

/** Launches headless Chromium with the flags this machine needs. */
export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic',
    ],
  });
}

/** A new page at `url` with the app loaded, and the list of every request it made. */
export async function openApp(browser, url) {
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
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
 * Viewport coordinates of code point offset `pos` in the rendered article: the left
 * edge of that character (or the right edge of the last one for the end).
 */
export async function pointAt(page, pos) {
  return page.evaluate((pos) => {
    const pieces = [...document.querySelectorAll('.article-text .para > span')];
    const piece = pieces.find((p) => +p.dataset.s <= pos && pos < +p.dataset.e)
      ?? pieces.find((p) => +p.dataset.e === pos);
    const node = piece.firstChild;
    // code points to UTF-16 within the piece
    const chars = [...node.data];
    const local = pos - +piece.dataset.s;
    const units = chars.slice(0, local).join('').length;
    const range = document.createRange();
    if (local < chars.length) {
      range.setStart(node, units);
      range.setEnd(node, units + chars[local].length);
      const r = range.getClientRects()[0];
      return { x: r.left + 1, y: r.top + r.height / 2 };
    }
    range.setStart(node, units - chars[local - 1].length);
    range.setEnd(node, units);
    const rects = range.getClientRects();
    const r = rects[rects.length - 1];
    return { x: r.right - 1, y: r.top + r.height / 2 };
  }, pos);
}

/** Selects code points [start, end) of the article with a real mouse drag. */
export async function dragSelect(page, start, end) {
  const el = page.locator('.article-frame');
  await page.evaluate((s) => {
    const piece = [...document.querySelectorAll('.article-text .para')].find((p) => +p.dataset.s <= s && s < +p.dataset.e);
    piece.scrollIntoView({ block: 'center' });
  }, start);
  await el.waitFor();
  const a = await pointAt(page, start);
  const b = await pointAt(page, end);
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
