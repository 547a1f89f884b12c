// Benchmark, not a test: prints what one change costs autosave in the release build in
// headless Chromium: the append to the operation log in the task of the change (the
// app's performance measure "marginalia-append": the records encoded, the transaction
// created and committed) and the time until IndexedDB says it is written
// ("marginalia-durable"), over 30 annotations added with a mouse drag and a key, on the
// sample article and on a 1,000,000-character article carrying 20,000 annotations.
// Run by scripts/bench.sh (after trunk build --release).
import { serveDist, launch, openApp, articleText, dragSelect, importBig } from './harness.mjs';

const ADDS = 30;

/** Adds ADDS annotations near the top of the article, each waited for until written. */
async function adds(page, step) {
  const status = page.getByRole('status', { name: 'Save status' });
  const append = [];
  const durable = [];
  for (let k = 0; k < ADDS; k++) {
    const before = await page.evaluate(() => performance.getEntriesByName('marginalia-durable').at(-1)?.startTime ?? -1);
    await dragSelect(page, k * step + 2, k * step + 8);
    await page.keyboard.press('3');
    await page.waitForFunction((t) => (performance.getEntriesByName('marginalia-durable').at(-1)?.startTime ?? -1) > t, before);
    await status.getByText('Saved in this browser').waitFor();
    const [a, d] = await page.evaluate(() => ['marginalia-append', 'marginalia-durable'].map((n) => performance.getEntriesByName(n).at(-1).duration));
    append.push(a);
    durable.push(d);
  }
  const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
  const max = (xs) => Math.max(...xs);
  return `append median ${median(append).toFixed(2)} ms, max ${max(append).toFixed(2)} ms; written (IndexedDB complete) median ${median(durable).toFixed(1)} ms, max ${max(durable).toFixed(1)} ms`;
}

const server = await serveDist();
const browser = await launch();
try {
  const small = await openApp(browser, server.url);
  const sample = await articleText(small.page);
  await small.page.getByRole('status', { name: 'Save status' }).getByText('Saved in this browser').waitFor();
  console.log(`bench: one change to the operation log, ${[...sample].length}-character sample, ${ADDS} adds: ${await adds(small.page, 40)}`);
  await small.context.close();

  const big = await openApp(browser, server.url);
  await importBig(big.page, sample);
  await big.page.getByRole('status', { name: 'Save status' }).getByText('Saved in this browser').waitFor({ timeout: 120000 });
  console.log(`bench: one change to the operation log, 1,000,000 characters and 20,000 annotations, ${ADDS} adds: ${await adds(big.page, 50)}`);
} finally {
  await browser.close();
  await server.close();
}
