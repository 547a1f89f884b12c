// Benchmark, not a test: Marginalia's release build side by side with Recogito's text
// annotator (@recogito/text-annotator 4.1.1, its default SPANS renderer; installed in
// tests/peer/ for this benchmark only), in one headless Chromium run, alternating the two
// apps on the same generated 1,000,000-character article with 1,000, 5,000 and 20,000
// annotations in six labels. Prints one table of medians and p90s with the ratios.
//
// What is measured, for each app and size (each run in a fresh browser context):
// - open: Marginalia imports a Marginalia JSON file through its Import button (from the
//   file chosen until the text and its highlights are painted); Recogito is handed the
//   same annotations as an array (`setAnnotations`, until its highlight spans are
//   painted). Also the longest task during the open.
// - add: a label key pressed over a selection (Marginalia's own handler; on the peer's page
//   a keydown handler calls `addAnnotation`), until the next frame is rendered.
// - delete: Delete pressed on the annotation just added, until the next frame.
// - after: the second after each add and delete (autosave, suggestion refresh): its
//   longest frame and its long tasks (over 50 ms), summed.
// - scroll: 20 jumps to far places of the article; the longest frame within 500 ms of
//   each jump, and the long tasks over all jumps.
// - memory at the end: JS heap (CDP `Runtime.getHeapUsage`), wasm memory (Marginalia's
//   page module), and the resident memory of the page's renderer process (/proc).
//
// Usage: node tests/e2e/bench-peer.mjs [--sizes 1000,5000,20000] [--runs 3] [--only marginalia|recogito]
//        [--files DIR] (only writes the generated Marginalia files, to profile by hand)
// Run by scripts/bench-peer.sh (which builds the app and installs the peer first).
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import crypto from 'node:crypto';
import { serveDist, launch, WINDOW, root } from './harness.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const SIZES = arg('sizes', '1000,5000,20000').split(',').map(Number);
const RUNS = Number(arg('runs', '3'));
const ONLY = arg('only', '');
const CHARS = 1_000_000;
const LABELS = ['Person', 'Organization', 'Place', 'Date', 'Event', 'Quote'];
const ADDS = 20;
const JUMPS = 20;

const peerDist = path.join(root, 'tests/peer/node_modules/@recogito/text-annotator/dist');
if (!fs.existsSync(path.join(peerDist, 'text-annotator.umd.js'))) {
  throw new Error('Recogito is not installed in tests/peer: run scripts/bench-peer.sh');
}

// The article: the app's sample article, its paragraphs numbered copy by copy, until a
// million characters; paragraphs separated by one blank line and holding no line break.
const sample = fs.readFileSync(path.join(root, 'src/core/sample_article.txt'), 'utf8');
const sampleParas = sample.split(/\n+/).map((p) => p.trim()).filter(Boolean);
const paras = [];
let length = 0;
for (let k = 0; length < CHARS; k++) {
  for (const p of sampleParas) {
    const para = p.replaceAll('. ', ` ${k}. `);
    paras.push(para);
    length += [...para].length + 2;
  }
}
const text = paras.join('\n\n');
const chars = [...text];

// Every word of the article with its offsets in code points (Marginalia) and in UTF-16
// units of the peer's text content (its paragraphs' text, nothing between them).
const words = [];
{
  let cp = 0;
  let u16 = 0;
  for (const para of paras) {
    for (const m of para.matchAll(/\p{L}[\p{L}\p{M}'’-]*/gu)) {
      const before = para.slice(0, m.index);
      const s = cp + [...before].length;
      words.push({ s, e: s + [...m[0]].length, ps: u16 + before.length, pe: u16 + before.length + m[0].length, text: m[0] });
    }
    cp += [...para].length + 2;
    u16 += para.length;
  }
}

/** `n` annotations spread evenly over the article, one word each, labels in turn. */
function annotationsFor(n) {
  const step = words.length / n;
  const out = [];
  for (let i = 0; i < n; i++) {
    const w = words[Math.floor(i * step)];
    out.push({ ...w, label: LABELS[i % LABELS.length] });
  }
  return out;
}

/** The Marginalia JSON file of the article with `list`: one entity per label and text. */
function marginaliaFile(list, dir) {
  const entities = new Map();
  const annotations = list.map((a, i) => {
    const id = `a${i + 1}`;
    const out = { id, label: a.label, start: a.s, end: a.e, text: a.text };
    if (a.label !== 'Quote') {
      const key = `${a.label}\u0000${a.text}`;
      if (!entities.has(key)) entities.set(key, { id: `e${entities.size + 1}`, label: a.label, name: a.text, aliases: [], mentions: [] });
      const entity = entities.get(key);
      entity.mentions.push(id);
      out.entity = entity.id;
    } else {
      out.quote_kind = 'direct';
    }
    return out;
  });
  const file = path.join(dir, `article-${list.length}.marginalia.json`);
  fs.writeFileSync(file, JSON.stringify({
    format: 'marginalia', version: 4, offset_unit: 'codepoint',
    document: { title: `Bench ${list.length}`, text, length: chars.length, sha256: crypto.createHash('sha256').update(text, 'utf8').digest('hex') },
    labels: [
      { name: 'Person', kind: 'entity', color: '#f4a261', hotkey: '1', speaks: true },
      { name: 'Organization', kind: 'entity', color: '#2a9d8f', hotkey: '2', speaks: true },
      { name: 'Place', kind: 'entity', color: '#e9c46a', hotkey: '3', speaks: false },
      { name: 'Date', kind: 'entity', color: '#8ab17d', hotkey: '4', speaks: false },
      { name: 'Event', kind: 'entity', color: '#b388eb', hotkey: '5', speaks: false },
      { name: 'Quote', kind: 'quote', color: '#e76f8a', hotkey: '6', speaks: false },
      { name: 'Cue', kind: 'cue', color: '#8d99ae', hotkey: '7', speaks: false },
    ],
    entities: [...entities.values()], annotations, generator: 'bench', exported_at: '2026-12-01T00:00:00Z',
  }));
  return file;
}

const escape = (s) => s.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]);
const peerPage = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Recogito</title>
<link rel="stylesheet" href="/text-annotator.css">
<style>body{margin:0;font:16px/1.6 serif} #frame{height:100vh;overflow:auto} #content{max-width:40em;margin:0 auto;padding:1em}</style>
</head><body><div id="frame"><div id="content">${paras.map((p) => `<p>${escape(p)}</p>`).join('')}</div></div>
<script>window.process = { env: { NODE_ENV: 'production' } }; // the UMD build reads it</script>
<script src="/text-annotator.umd.js"></script>
<script>
  const colors = { Person: '#f4a261', Organization: '#2a9d8f', Place: '#e9c46a', Date: '#8ab17d', Event: '#b388eb', Quote: '#e76f8a' };
  window.anno = RecogitoJS.createTextAnnotator(document.getElementById('content'), {
    renderer: 'SPANS',
    style: (a) => ({ fill: colors[a.bodies[0]?.value] ?? '#999', fillOpacity: 0.3 }),
  });
  let next = 0;
  window.peerAnnotation = (a) => ({ id: 'p' + (next++), bodies: [{ id: 'b' + next, annotation: 'p' + next, purpose: 'tagging', value: a.label }],
    target: { annotation: 'p' + next, selector: [{ quote: a.text, start: a.ps, end: a.pe }] } });
  // A label key over a selection adds an annotation; Delete removes the last one added.
  const keys = { 1: 'Person', 2: 'Organization', 3: 'Place', 4: 'Date', 5: 'Event', 6: 'Quote' };
  const added = [];
  document.addEventListener('keydown', (e) => {
    if (keys[e.key]) {
      const range = getSelection().getRangeAt(0);
      const selector = RecogitoJS.rangeToSelector(range, document.getElementById('content'));
      const id = 'k' + (next++);
      anno.addAnnotation({ id, bodies: [{ id: 'b' + id, annotation: id, purpose: 'tagging', value: keys[e.key] }], target: { annotation: id, selector: [selector] } });
      added.push(id);
    } else if (e.key === 'Delete' && added.length) {
      anno.removeAnnotation(added.pop());
    }
  });
</script></body></html>`;

function servePeer() {
  const files = {
    '/': ['text/html; charset=utf-8', peerPage],
    '/text-annotator.umd.js': ['text/javascript', fs.readFileSync(path.join(peerDist, 'text-annotator.umd.js'))],
    '/text-annotator.css': ['text/css', fs.readFileSync(path.join(peerDist, 'text-annotator.css'))],
  };
  const server = http.createServer((req, res) => {
    const f = files[new URL(req.url, 'http://127.0.0.1').pathname];
    if (!f) { res.writeHead(404).end(); return; }
    res.writeHead(200, { 'content-type': f[0] }).end(f[1]);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise((r) => server.close(r)) })));
}

// In every page: long tasks and frame times, recorded from the start.
const recorder = () => {
  window.__long = [];
  new PerformanceObserver((l) => window.__long.push(...l.getEntries().map((e) => ({ at: e.startTime, ms: e.duration })))).observe({ type: 'longtask', buffered: true });
  window.__frames = [];
  let last = performance.now();
  const tick = (t) => { window.__frames.push({ at: t, ms: t - last }); last = t; requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
  addEventListener('TrunkApplicationStarted', (e) => { window.__wasm = e.detail.wasm; });
};

/** The longest frame and the long tasks (summed) in the page between `from` and `to`. */
const quiet = (page, from, to) => page.evaluate(([from, to]) => ({
  worst: Math.max(0, ...window.__frames.filter((f) => f.at > from && f.at <= to).map((f) => f.ms)),
  long: window.__long.filter((t) => t.at < to && t.at + t.ms > from).reduce((s, t) => s + t.ms, 0),
  longest: Math.max(0, ...window.__long.filter((t) => t.at < to && t.at + t.ms > from).map((t) => t.ms)),
}), [from, to]);

// Selects the word `w` (Marginalia: by its pieces' code point offsets; the peer: by the
// UTF-16 offset in the text content), presses `key` and resolves when the next frame has
// rendered.
const pressOver = (page, app, w, key) => page.evaluate(async ([app, w, key]) => {
  let node;
  let from;
  let to;
  if (app === 'marginalia') {
    const piece = [...document.querySelectorAll('.article-text .para > span')].find((p) => +p.dataset.s <= w.s && w.s < +p.dataset.e);
    node = piece.firstChild;
    from = [...node.data].slice(0, w.s - +piece.dataset.s).join('').length;
    to = from + (w.pe - w.ps);
  } else {
    const walker = document.createTreeWalker(document.getElementById('content'), NodeFilter.SHOW_TEXT);
    let at = 0;
    while ((node = walker.nextNode())) {
      if (at + node.data.length > w.ps) break;
      at += node.data.length;
    }
    from = w.ps - at;
    to = w.pe - at;
  }
  node.parentElement.scrollIntoView({ block: 'center' });
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  await new Promise((r) => setTimeout(r, 300));
  const range = document.createRange();
  range.setStart(node, from);
  range.setEnd(node, to);
  getSelection().removeAllRanges();
  getSelection().addRange(range);
  await new Promise((r) => setTimeout(r, 50));
  const t0 = performance.now();
  document.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
  await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  return { ms: performance.now() - t0, at: performance.now() };
}, [app, w, key]);

const pressKey = (page, key) => page.evaluate(async (key) => {
  const t0 = performance.now();
  (document.activeElement ?? document).dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
  await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  return { ms: performance.now() - t0, at: performance.now() };
}, key);

const jump = (page, frame, fraction) => page.evaluate(async ([frame, fraction]) => {
  const el = document.querySelector(frame);
  const t0 = performance.now();
  el.scrollTop = fraction * (el.scrollHeight - el.clientHeight);
  await new Promise((r) => setTimeout(r, 500));
  return t0;
}, [frame, fraction]);

async function memory(page, browserSession) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const wasm = await page.evaluate(() => window.__wasm?.memory?.buffer.byteLength ?? 0);
  const { processInfo } = await browserSession.send('SystemInfo.getProcessInfo');
  // The page's renderer is the largest one (the others are blank or spare); the whole
  // browser is every process it runs.
  const rssOf = (p) => {
    try {
      return Number(fs.readFileSync(`/proc/${p.id}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)[1]) * 1024;
    } catch { return 0; /* gone */ }
  };
  const rss = Math.max(...processInfo.filter((p) => p.type === 'renderer').map(rssOf));
  const all = processInfo.reduce((s, p) => s + rssOf(p), 0);
  return { heap: usedSize, wasm, rss, all };
}

const apps = {
  async marginalia(browser, url, list, file) {
    const context = await browser.newContext({ viewport: WINDOW });
    await context.addInitScript(recorder);
    const page = await context.newPage();
    await page.goto(url);
    await page.getByRole('button', { name: 'Import' }).waitFor();
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Import' }).click()]);
    await page.evaluate((n) => {
      window.__opened = new Promise((resolve) => {
        document.addEventListener('change', () => {
          const t0 = performance.now();
          const done = () => {
            const highlighted = [...CSS.highlights.values()].some((h) => h.size > 0);
            const heading = [...document.querySelectorAll('h2, h3')].find((h) => h.textContent.startsWith('Annotations ('));
            if (heading?.textContent.includes(`(${n})`) && document.querySelector('.article-text .para') && highlighted) {
              requestAnimationFrame(() => setTimeout(() => resolve({ t0, ms: performance.now() - t0 }), 0));
            } else requestAnimationFrame(done);
          };
          done();
        }, { capture: true, once: true });
      });
    }, list.length);
    await chooser.setFiles(file);
    const opened = await page.evaluate(() => window.__opened);
    const count = await page.getByRole('heading', { name: /^Annotations \(/ }).innerText();
    if (!count.includes(String(list.length))) throw new Error(`Marginalia opened ${count}, not ${list.length}`);
    await page.waitForTimeout(1500);
    const open = { ms: opened.ms, ...(await quiet(page, opened.t0, opened.t0 + opened.ms)) };
    await page.locator('.article-frame').focus();
    return { page, context, open, frame: '.article-frame', count: () => page.getByRole('heading', { name: /^Annotations \(/ }).innerText().then((t) => Number(t.match(/\d+/)[0])) };
  },
  async recogito(browser, url, list) {
    const context = await browser.newContext({ viewport: WINDOW });
    await context.addInitScript(recorder);
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error(`bench-peer: recogito page error: ${e}`));
    await page.goto(url);
    await page.waitForFunction(() => window.anno);
    const opened = await page.evaluate(async (list) => {
      const annotations = list.map(window.peerAnnotation);
      const t0 = performance.now();
      anno.setAnnotations(annotations);
      while (!document.querySelector('.r6o-annotation, .r6o-span-highlight-layer span')) await new Promise((r) => requestAnimationFrame(r));
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      return { t0, ms: performance.now() - t0 };
    }, list.map(({ ps, pe, text, label }) => ({ ps, pe, text, label })));
    await page.waitForTimeout(1500);
    const open = { ms: opened.ms, ...(await quiet(page, opened.t0, opened.t0 + opened.ms)) };
    return { page, context, open, frame: '#frame', count: () => page.evaluate(() => anno.getAnnotations().length) };
  },
};

async function runOne(name, browser, urls, n, file, browserSession) {
  const list = annotationsFor(n);
  const app = await apps[name](browser, urls[name], list, file);
  const { page } = app;
  // Adds and deletes on words not annotated, spread over the article.
  const taken = new Set(list.map((a) => a.s));
  const free = words.filter((w) => !taken.has(w.s) && w.text.length > 3);
  const adds = [];
  const deletes = [];
  const after = [];
  const before = await app.count();
  for (let i = 0; i < ADDS; i++) {
    const w = free[Math.floor(((i * 7919) % ADDS + 0.5) * free.length / ADDS)];
    const add = await pressOver(page, name, w, '1');
    adds.push(add.ms);
    await page.waitForTimeout(1000);
    after.push(await quiet(page, add.at, add.at + 1000));
    if (i % 2 === 1) {
      const del = await pressKey(page, 'Delete');
      deletes.push(del.ms);
      await page.waitForTimeout(1000);
      after.push(await quiet(page, del.at, del.at + 1000));
    }
  }
  const added = (await app.count()) - before;
  if (added !== ADDS - Math.floor(ADDS / 2)) throw new Error(`${name}: ${added} annotations added, expected ${ADDS / 2}`);
  const scroll = [];
  let scrollLong = 0;
  for (let i = 0; i < JUMPS; i++) {
    const t0 = await jump(page, app.frame, ((i * 0.618) % 1));
    const q = await quiet(page, t0, t0 + 500);
    scroll.push(q.worst);
    scrollLong += q.long;
  }
  const mem = await memory(page, browserSession);
  await app.context.close();
  return { open: app.open, adds, deletes, after, scroll, scrollLong, mem };
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[s.length >> 1]; };
const p90 = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(s.length * 0.9))]; };

// --files DIR: only write the Marginalia files of each size there (to profile by hand).
if (arg('files', '')) {
  fs.mkdirSync(arg('files'), { recursive: true });
  for (const n of SIZES) console.log(marginaliaFile(annotationsFor(n), arg('files')));
  process.exit(0);
}
const dir = fs.mkdtempSync(path.join(root, 'target', 'bench-peer-'));
const server = await serveDist();
const peer = await servePeer();
const browser = await launch();
const browserSession = await browser.newBrowserCDPSession();
const names = ONLY ? [ONLY] : ['marginalia', 'recogito'];
const results = {};
try {
  for (const n of SIZES) {
    const file = marginaliaFile(annotationsFor(n), dir);
    for (let run = 0; run < RUNS; run++) {
      for (const name of run % 2 ? [...names].reverse() : names) {
        const r = await runOne(name, browser, { marginalia: server.url, recogito: peer.url }, n, file, browserSession);
        ((results[n] ??= {})[name] ??= []).push(r);
        console.log(`bench-peer: ${name} ${n} run ${run + 1}: open ${r.open.ms.toFixed(0)} ms (longest task ${r.open.longest.toFixed(0)} ms), ` +
          `add median ${median(r.adds).toFixed(1)} ms, delete median ${median(r.deletes).toFixed(1)} ms, ` +
          `after a change worst frame ${Math.max(...r.after.map((a) => a.worst)).toFixed(0)} ms, scroll worst frame median ${median(r.scroll).toFixed(0)} ms`);
      }
    }
  }
} finally {
  await browser.close();
  await server.close();
  await peer.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

// The table: medians over runs of each run's figure.
const mb = (b) => (b / 1048576).toFixed(1);
const rows = [];
for (const n of SIZES) {
  const fig = (name) => {
    const rs = results[n][name];
    if (!rs) return null;
    const all = (f) => rs.flatMap(f);
    return {
      open: median(rs.map((r) => r.open.ms)), openLongest: median(rs.map((r) => r.open.longest)),
      add: median(all((r) => r.adds)), addP90: p90(all((r) => r.adds)),
      del: median(all((r) => r.deletes)), delP90: p90(all((r) => r.deletes)),
      afterWorst: p90(all((r) => r.after.map((a) => a.worst))), afterLong: median(rs.map((r) => r.after.reduce((s, a) => s + a.long, 0))),
      scroll: median(all((r) => r.scroll)), scrollP90: p90(all((r) => r.scroll)), scrollLong: median(rs.map((r) => r.scrollLong)),
      heap: median(rs.map((r) => r.mem.heap)), wasm: median(rs.map((r) => r.mem.wasm)), rss: median(rs.map((r) => r.mem.rss)), all: median(rs.map((r) => r.mem.all)),
    };
  };
  const m = fig('marginalia');
  const r = fig('recogito');
  const both = (a, b) => (x) => `${x[a].toFixed(1)} / ${x[b].toFixed(1)} ms`;
  const ratio = (m, r, f) => (r[f] > 0 && m[f] > 0 ? `${(r[f] / m[f]).toFixed(1)}×` : '–');
  rows.push([`${n}: open until painted (longest task)`, ...[m, r].map((x) => (x ? `${(x.open / 1000).toFixed(2)} s (${x.openLongest.toFixed(0)} ms)` : '–')), m && r ? ratio(m, r, 'open') : '–']);
  rows.push([`${n}: add, key to next frame (median / p90)`, ...[m, r].map((x) => (x ? both('add', 'addP90')(x) : '–')), m && r ? ratio(m, r, 'add') : '–']);
  rows.push([`${n}: delete, key to next frame (median / p90)`, ...[m, r].map((x) => (x ? both('del', 'delP90')(x) : '–')), m && r ? ratio(m, r, 'del') : '–']);
  rows.push([`${n}: the second after a change: p90 of its worst frame; long tasks per run`, ...[m, r].map((x) => (x ? `${x.afterWorst.toFixed(0)} ms; ${x.afterLong.toFixed(0)} ms` : '–')), '']);
  rows.push([`${n}: jump-scroll, worst frame within 500 ms (median / p90); long tasks over ${JUMPS} jumps`, ...[m, r].map((x) => (x ? `${x.scroll.toFixed(0)} / ${x.scrollP90.toFixed(0)} ms; ${x.scrollLong.toFixed(0)} ms` : '–')), m && r ? ratio(m, r, 'scroll') : '–']);
  rows.push([`${n}: memory: JS heap + wasm; the page's renderer RSS; all of Chromium's RSS`, ...[m, r].map((x) => (x ? `${mb(x.heap)} + ${mb(x.wasm)} MB; ${mb(x.rss)} MB; ${mb(x.all)} MB` : '–')), '']);
}
console.log(`\nbench-peer: ${chars.length} characters, ${RUNS} run(s) per app and size, medians over runs (p90 over all presses); ratio = Recogito / Marginalia\n`);
console.log('| measure | Marginalia | Recogito (SPANS) | ratio |');
console.log('|---|---|---|---|');
for (const row of rows) console.log(`| ${row.join(' | ')} |`);
