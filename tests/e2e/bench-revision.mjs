// Benchmark, not a test: prints how long the release build in headless Chromium takes to
// apply a revision with 300 small edits to a 1,000,000-character article carrying 20,000
// annotations: the reducer (diff, carry, commit; the app's performance measure
// "marginalia-revise") and the whole "Apply changes" until the new text is painted.
// Run by scripts/bench.sh (after trunk build --release).
import { serveDist, launch, openApp, articleText, importBig } from './harness.mjs';

const server = await serveDist();
const browser = await launch();
try {
  const { page } = await openApp(browser, server.url);
  const sample = await articleText(page);
  const chars = await importBig(page, sample);

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
