// Benchmark, not a test: prints how long "Search library" takes in the release build in
// headless Chromium on a library of 1,000 documents holding 10 MB of text (each the
// sample article cut to 10,000 characters, a number of its own and a few names marked),
// imported as one bundle: the time to build the index (from opening the library until a
// query finds the last document), then each query's time inside the page (the app's
// performance measure "marginalia-search", the search itself, median of 5).
// Run by scripts/bench.sh (after trunk build --release).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { serveDist, launch, openApp, articleText, root } from './harness.mjs';

const DOCS = 1000;
const CHARS = 10_000;

const server = await serveDist();
const browser = await launch();
try {
  const { page, context } = await openApp(browser, server.url);
  const sample = await articleText(page);
  const lines = [];
  let bytes = 0;
  for (let i = 0; i < DOCS; i++) {
    let text = `Report number${i}.\n\n`;
    while ([...text].length < CHARS) text += sample + '\n\n';
    text = [...text].slice(0, CHARS).join('');
    bytes += Buffer.byteLength(text);
    const chars = [...text];
    const annotations = [];
    const needle = 'Maryam Rahimi';
    let from = 0;
    for (let k = 0; k < 3; k++) {
      const at = text.indexOf(needle, from);
      if (at < 0) break;
      const start = [...text.slice(0, at)].length;
      annotations.push({ id: `a${k + 1}`, label: 'Person', start, end: start + needle.length, text: needle, entity: 'e1' });
      from = at + needle.length;
    }
    const entities = annotations.length ? [{ id: 'e1', label: 'Person', name: needle, aliases: [], mentions: annotations.map((a) => a.id) }] : [];
    lines.push(JSON.stringify({
      format: 'marginalia', version: 3, offset_unit: 'codepoint',
      document: { title: `Document ${i}`, text, length: chars.length, sha256: crypto.createHash('sha256').update(text, 'utf8').digest('hex') },
      labels: [{ name: 'Person', kind: 'entity', color: '#f4a261', hotkey: '1', speaks: true }],
      entities, annotations, generator: 'bench', exported_at: '2026-12-01T00:00:00Z',
    }));
  }
  const dir = fs.mkdtempSync(path.join(root, 'target', 'bench-'));
  const input = path.join(dir, 'library.marginalia.jsonl');
  fs.writeFileSync(input, lines.join('\n') + '\n');
  const messages = page.getByRole('status', { name: 'Messages' });
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Import' }).click()]);
  await chooser.setFiles(input);
  await messages.getByText(/^Done: added/).waitFor({ timeout: 600_000 });

  const started = Date.now();
  await page.getByRole('button', { name: 'Library' }).click();
  const search = page.getByRole('searchbox', { name: 'Search library' });
  const results = page.getByRole('region', { name: 'Search results' });
  await search.fill(`number${DOCS - 1}`);
  await results.getByText('1 document(s) match.').waitFor({ timeout: 600_000 });
  console.log(`bench: search index of ${DOCS} documents (${(bytes / 1e6).toFixed(1)} MB of text) built in the page in ${Date.now() - started} ms (library opened until a query finds the last document)`);

  let worst = 0;
  for (const query of ['Rahimi', 'Maryam Rahimi', 'rahi', 'رحیمی', 'number517', 'document 42', 'no such word']) {
    const times = [];
    let said = '';
    for (let k = 0; k < 5; k++) {
      await search.fill('');
      await page.evaluate(() => performance.clearMeasures('marginalia-search'));
      await search.fill(query);
      await page.waitForFunction(() => performance.getEntriesByName('marginalia-search').length > 0);
      times.push(await page.evaluate(() => performance.getEntriesByName('marginalia-search').at(-1).duration));
      said = await results.getByRole('status').innerText();
    }
    const median = [...times].sort((a, b) => a - b)[2];
    worst = Math.max(worst, median);
    console.log(`bench: search “${query}” in the page: ${median.toFixed(1)} ms (median of 5; ${said})`);
  }
  console.log(`bench: search in the page, slowest query: ${worst.toFixed(1)} ms (target ≤ 100 ms)`);
  await context.close();
} finally {
  await browser.close();
  await server.close();
}
