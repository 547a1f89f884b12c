// Benchmark, not a test: prints how long the release build in headless Chromium takes to
// apply a revision with 300 small edits to a 1,000,000-character article carrying 20,000
// annotations: the reducer (diff, carry, commit; the app's performance measure
// "marginalia-revise") and the whole "Apply changes" until the new text is painted.
// Run by scripts/bench.sh (after trunk build --release).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { serveDist, launch, openApp, articleText, root } from './harness.mjs';

const server = await serveDist();
const browser = await launch();
try {
  const { page } = await openApp(browser, server.url);
  const sample = await articleText(page);
  let text = '';
  while ([...text].length < 1_000_000) text += sample + '\n\n';
  const chars = [...text];
  // 20,000 annotations of 12 code points, evenly spread, as an export to import.
  const step = Math.floor(chars.length / 20_000);
  const annotations = [];
  for (let i = 0; i < 20_000; i++) {
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
  await page.getByRole('status', { name: 'Messages' }).getByText('with 20000 annotation(s)').waitFor({ timeout: 120000 });

  // 300 small edits spread evenly: a word inserted, four characters deleted, a letter replaced.
  const revised = [...chars];
  const every = Math.floor(revised.length / 301);
  for (let k = 300; k >= 1; k--) {
    const at = k * every;
    if (k % 3 === 0) revised.splice(at, 0, ...' newly'); else if (k % 3 === 1) revised.splice(at, 4); else revised[at] = 'x';
  }
  await page.getByRole('button', { name: 'Edit text' }).click();
  await page.getByRole('textbox', { name: 'Article text' }).evaluate((el, t) => { el.value = t; }, revised.join(''));
  const applied = await page.evaluate(async () => {
    const t0 = performance.now();
    [...document.querySelectorAll('button')].find((b) => b.textContent === 'Apply changes').click();
    while (!document.querySelector('.article-text .para')) await new Promise((r) => setTimeout(r, 0));
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    return { total: performance.now() - t0, reducer: performance.getEntriesByName('marginalia-revise').at(-1)?.duration };
  });
  const message = await page.getByRole('status', { name: 'Messages' }).innerText();
  console.log(`bench: revision with 300 edits of ${chars.length} chars and 20,000 annotations in the browser: reducer ${applied.reducer.toFixed(0)} ms, until painted ${applied.total.toFixed(0)} ms (${message.split('\n')[0]})`);
} finally {
  await browser.close();
  await server.close();
}
