// Benchmark, not a test: prints how the release build handles a 1,000,000-character
// article in headless Chromium: time to render it, and time from a label key press to
// the end of the next rendered frame (which includes waiting for vsync, up to 16.7 ms),
// with few and with many annotations.
// Run by scripts/bench.sh (after trunk build --release).
import { serveDist, launch, openApp, articleText } from './harness.mjs';

const server = await serveDist();
const browser = await launch();
try {
  const { page } = await openApp(browser, server.url);
  const sample = await articleText(page);
  let article = '';
  // Each copy of the sample differs in every sentence, so no sentence is tagged once for all.
  for (let k = 0; [...article].length < 1_000_000; k++) article += sample.replaceAll('. ', ` ${k}. `) + '\n\n';
  await page.getByRole('button', { name: 'New document' }).click();
  // As a paste does: the whole text arrives in the box at once.
  await page.getByRole('textbox', { name: 'Article text' }).evaluate((el, text) => { el.value = text; }, article);

  // Long tasks on the page (over 50 ms), to tell whether the worker's analysis blocks it.
  await page.evaluate(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => window.__longTasks.push(...list.getEntries().map((e) => ({ start: e.startTime, ms: e.duration })))).observe({ type: 'longtask' });
  });
  const rendered = await page.evaluate(async () => {
    const t0 = performance.now();
    [...document.querySelectorAll('button')].find((b) => b.textContent === 'Start annotating').click();
    while (!document.querySelector('.article-text .para')) await new Promise((r) => setTimeout(r, 0));
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    return { ms: performance.now() - t0, paragraphs: document.querySelectorAll('.para').length, startedAt: t0, paintedAt: performance.now() };
  });
  console.log(`bench: render ${[...article].length} chars (${rendered.paragraphs} paragraphs) until painted: ${rendered.ms.toFixed(0)} ms`);

  // Selects code points [s, e) of the article programmatically and presses a label key;
  // resolves after the next two frames (highlight registered and painted).
  const addMany = (count, key) => page.evaluate(async ([count, key]) => {
    const pieces = [...document.querySelectorAll('.article-text .para > span')];
    const times = [];
    const sync = [];
    for (let i = 0; i < count; i++) {
      const piece = pieces[(i * 7919) % pieces.length];
      const node = piece.firstChild;
      if (node.data.length < 12) continue;
      const range = document.createRange();
      range.setStart(node, 0);
      range.setEnd(node, Math.min(10, node.data.length));
      const sel = getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
      const t0 = performance.now();
      document.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
      sync.push(performance.now() - t0);
      // The next frame, then a task: the frame holding the change has been rendered.
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      times.push(performance.now() - t0);
    }
    const stats = (xs) => { xs.sort((a, b) => a - b); return [xs[xs.length >> 1], xs[Math.floor(xs.length * 0.9)]]; };
    const [median, p90] = stats(times);
    const [syncMedian, syncP90] = stats(sync);
    return { n: times.length, median, p90, syncMedian, syncP90 };
  }, [count, key]);

  // Suggestions over the whole article, as the app runs them after each change: turned
  // off and on again to run them afresh; the app records each run as a performance measure.
  const suggestRuns = async (runs) => {
    const times = [];
    const toggle = page.getByRole('button', { name: 'Suggest', exact: true });
    for (let i = 0; i < runs; i++) {
      const last = i === 0 ? -1 : await page.evaluate(() => performance.getEntriesByName('marginalia-suggest').at(-1)?.startTime ?? -1);
      if (i > 0) { await toggle.click(); await toggle.click(); }
      const d = await page.waitForFunction((last) => {
        const e = performance.getEntriesByName('marginalia-suggest').at(-1);
        return e && e.startTime !== last && e.duration;
      }, last, { timeout: 60000 });
      times.push(await d.jsonValue());
    }
    times.sort((a, b) => a - b);
    return times[times.length >> 1];
  };
  // The analysis of this article (not of the sample before it): one that started after the paste.
  const analyseMs = await page.waitForFunction((after) => {
    const e = performance.getEntriesByName('marginalia-analyse').at(-1);
    return e && e.startTime > after && e.duration;
  }, rendered.startedAt, { timeout: 60000 }).then((h) => h.jsonValue());
  const longAfterPaint = await page.evaluate((after) => window.__longTasks.filter((t) => t.start > after), rendered.paintedAt);
  console.log(`bench: long tasks on the page from the article painted until its first suggestions (the worker analysing it): ${longAfterPaint.length}` +
    (longAfterPaint.length ? `, longest ${Math.max(...longAfterPaint.map((t) => t.ms)).toFixed(0)} ms` : ''));
  const suggestMs = await suggestRuns(7);
  const heading = await page.getByRole('tab', { name: /^Suggestions/ }).innerText();
  console.log(`bench: suggestions over ${[...article].length} chars in the browser, worked out in the worker (round trips from the page): the text sent and analysed (rules and tagger) ${analyseMs.toFixed(1)} ms; ` +
    `each refresh after a change (annotations sent, suggestions back) median of 7 runs ${suggestMs.toFixed(1)} ms; ${heading}`);

  await page.getByRole('tab', { name: 'Annotations' }).click();
  const few = await addMany(20, '1');
  const report = (what, r) => console.log(
    `bench: ${what}: handler (reducer + render + highlights) median ${r.syncMedian.toFixed(1)} ms, p90 ${r.syncP90.toFixed(1)} ms; ` +
    `until the next frame is rendered median ${r.median.toFixed(1)} ms, p90 ${r.p90.toFixed(1)} ms (vsync wait included)`);
  report(`add an annotation, first ${few.n}`, few);
  const many = await addMany(1000, '3');
  const count = (await page.getByRole('heading', { name: /^Annotations \(/ }).innerText()).match(/\d+/)[0];
  report(`add an annotation, up to ${count}, suggestions on`, many);
  await page.getByRole('button', { name: 'Suggest', exact: true }).click();
  await page.locator('.article-frame').focus();
  const off = await addMany(300, '3');
  report('the same, 300 more with suggestions off', off);
  const highlights = await page.evaluate(() => [...CSS.highlights.entries()].map(([k, v]) => `${k}:${v.size}`).join(' '));
  console.log(`bench: ranges registered near the viewport: ${highlights}`);
} finally {
  await browser.close();
  await server.close();
}
