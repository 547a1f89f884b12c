// Any window, any zoom, light and dark: at 1920, 1280, 1024, 800 and 360 px, and at
// 200 % and 400 % zoom of a 1280×800 window (a zoomed window is a smaller viewport in
// CSS pixels at a higher device pixel ratio), nothing scrolls sideways, every header
// command is reachable (directly or through "Menu") inside the viewport, and the article
// keeps at least half of the viewport's height. Dark mode: the page's colours and every
// label's highlight keep the text at 4.5:1. An axe-core audit of the main views finds no
// serious or critical problem. Screenshots at 360 px and in dark mode go to README.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { suite, root, mark, articleText } from './harness.mjs';

const it = suite();

/** Saves a screenshot under target/e2e, and into README's screenshots with UPDATE_SCREENSHOTS. */
async function screenshot(page, name) {
  const out = path.join(root, 'target', 'e2e');
  fs.mkdirSync(out, { recursive: true });
  await page.screenshot({ path: path.join(out, name) });
  if (process.env.UPDATE_SCREENSHOTS) fs.copyFileSync(path.join(out, name), path.join(root, 'tests/e2e/screenshots', name));
}

const WINDOWS = [
  { name: '1920 px', width: 1920, height: 1080 },
  { name: '1440 px', width: 1440, height: 900 },
  { name: '1280 px', width: 1280, height: 800 },
  { name: '1024 px', width: 1024, height: 768 },
  { name: '800 px', width: 800, height: 600 },
  { name: '360 px', width: 360, height: 640 },
  { name: '200 % zoom', width: 640, height: 400, deviceScaleFactor: 2 },
  { name: '400 % zoom', width: 320, height: 200, deviceScaleFactor: 4 },
];

const COMMANDS = ['Undo', 'Redo', 'Library', 'New document', 'Import', 'Load sample', 'Edit text', 'Report', 'Compare…', 'Paste revision', 'Export…'];

async function open(window, colorScheme = 'light') {
  const { name, ...viewport } = window;
  const context = await it.browser.newContext({
    viewport: { width: viewport.width, height: viewport.height },
    deviceScaleFactor: viewport.deviceScaleFactor ?? 1,
    colorScheme,
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(it.server.url);
  await page.getByRole('region', { name: 'Article' }).waitFor();
  return { page, context, errors };
}

/** Horizontal overflow of the page, in CSS px (0 when nothing scrolls sideways). */
const sideways = (page) => page.evaluate(() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - innerWidth);

/** Asserts `locator` is visible and, once scrolled to, wholly inside the viewport (scrolled
 * to again while the layout still moves under it, as a status line changes its words). */
async function assertInside(page, locator, what) {
  let box = null;
  for (let attempt = 0; attempt < 5; attempt++) {
    await locator.scrollIntoViewIfNeeded();
    box = await locator.boundingBox();
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const again = await locator.boundingBox();
    if (box && again && box.x === again.x && box.y === again.y && box.width === again.width && box.height === again.height) break;
  }
  const { w, h } = await page.evaluate(() => ({ w: innerWidth, h: innerHeight }));
  assert.ok(box, `${what} is on the page`);
  assert.ok(box.x >= 0 && box.x + box.width <= w + 0.5, `${what} is inside the viewport across (${box.x}+${box.width} of ${w})`);
  assert.ok(box.y >= -0.5 && box.y + box.height <= h + 0.5, `${what} is inside the viewport down (${box.y}+${box.height} of ${h})`);
}

for (const window of WINDOWS) {
  test(`at ${window.name} nothing is cut off or scrolls sideways, and every command is reachable`, async () => {
    const { page, context, errors } = await open(window);
    // One annotation, so that every command is there ("Paste revision" needs one).
    const text = await articleText(page);
    await mark(page, text, 'Halden', '3');
    await page.getByRole('status', { name: 'Messages' }).getByText('Marked “Halden” as Place.').waitFor();
    // The header's layout settles once the save status stops changing.
    await page.getByRole('status', { name: 'Save status' }).getByText('Saved in this browser').waitFor();
    assert.equal(await sideways(page), 0, 'no sideways scroll');
    if (window.width >= 1024) {
      const bar = await page.getByRole('banner').boundingBox();
      assert.ok(bar.height < 60, `the header is one row (${bar.height} px)`);
    }

    const menu = page.getByRole('button', { name: 'Menu' });
    let folded = 0;
    for (const name of COMMANDS) {
      const button = page.getByRole('banner').getByRole('button', { name, exact: true });
      if (!(await button.isVisible())) {
        assert.ok(await menu.isVisible(), `${name} is hidden, so "Menu" is there`);
        await menu.click();
        await button.waitFor();
        folded++;
      }
      await assertInside(page, button, name);
      assert.equal(await sideways(page), 0, `no sideways scroll with ${name} shown`);
      if (await menu.isVisible() && (await menu.getAttribute('aria-expanded')) === 'true') {
        await page.keyboard.press('Escape');
        await page.waitForFunction(() => document.querySelector('#menu-button').getAttribute('aria-expanded') === 'false');
      }
    }
    if (window.width >= 1440) assert.equal(folded, 0, 'a wide window folds nothing');
    else assert.ok(folded > 0, 'a narrower window folds commands into "Menu"');

    // The article keeps at least half of the viewport's height; each label button fits.
    const { article, height } = await page.evaluate(() => ({
      article: document.querySelector('.article-frame').getBoundingClientRect().height,
      height: innerHeight,
    }));
    assert.ok(article >= height / 2, `the article is ${article} px of ${height}`);
    for (const label of ['Person', 'Cue', 'Edit labels', 'Suggest']) {
      await assertInside(page, page.getByRole('toolbar', { name: 'Labels' }).getByRole('button', { name: label, exact: true }), label);
    }
    // The side views and the library reflow too.
    await page.getByRole('tab', { name: 'Who said what' }).click();
    assert.equal(await sideways(page), 0, 'no sideways scroll in Who said what');
    if (await menu.isVisible()) await menu.click();
    await page.getByRole('button', { name: 'Library', exact: true }).click();
    await page.getByRole('searchbox', { name: 'Filter documents' }).waitFor();
    assert.equal(await sideways(page), 0, 'no sideways scroll in the library');
    if (await menu.isVisible()) await menu.click();
    await page.getByRole('button', { name: 'Library', exact: true }).click();
    // "New document" puts the focus in the article box, which fits as well.
    if (await menu.isVisible()) await menu.click();
    await page.getByRole('button', { name: 'New document', exact: true }).click();
    await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Article text');
    await assertInside(page, page.getByRole('button', { name: 'Start annotating' }), 'Start annotating');
    assert.equal(await sideways(page), 0, 'no sideways scroll in the article box');
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('a 360 px window, screenshot for README', async () => {
  const { page, context } = await open(WINDOWS[5]);
  await page.getByRole('button', { name: 'Menu' }).click();
  await page.getByRole('button', { name: 'Load sample' }).waitFor();
  await screenshot(page, 'narrow-360.png');
  await context.close();
});

/** Reads the page's own colours and the contrast of every label highlight, in the page. */
function colours(page) {
  return page.evaluate(() => {
    const rgb = (s) => s.match(/[\d.]+/g).slice(0, 3).map(Number);
    const lum = ([r, g, b]) => {
      const f = (c) => { c /= 255; return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const contrast = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
    const frame = getComputedStyle(document.querySelector('.article-frame'));
    const paper = rgb(frame.backgroundColor);
    const ink = rgb(getComputedStyle(document.querySelector('.article-text')).color);
    // The rules in force: the light ones, or the dark ones when the page is dark.
    const dark = matchMedia('(prefers-color-scheme: dark)').matches;
    const css = [...document.querySelectorAll('style')].map((s) => s.textContent).find((t) => t.includes('::highlight(mg-l0)'));
    const [light, darkPart] = css.split('@media (prefers-color-scheme: dark){');
    const rules = dark ? darkPart : light;
    const fills = [...rules.matchAll(/::highlight\((mg-l\d+)\)\{background-color:#([0-9a-f]{6})([0-9a-f]{2})/g)].map(([, name, hex, a]) => {
      const c = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
      const alpha = parseInt(a, 16) / 255;
      const mixed = c.map((v, i) => Math.round(v * alpha + paper[i] * (1 - alpha)));
      return { name, ratio: contrast(ink, mixed) };
    });
    return { dark, paper, ink, page: contrast(ink, paper), fills, bar: getComputedStyle(document.querySelector('.topbar')).backgroundColor };
  });
}

test('dark mode follows the system, and every label keeps its text at 4.5:1 in both schemes', async () => {
  for (const scheme of ['light', 'dark']) {
    const { page, context } = await open(WINDOWS[2], scheme);
    if (scheme === 'dark') {
      await page.getByRole('tab', { name: /^Suggestions/ }).click();
      await page.getByRole('listbox', { name: 'Suggestion queue' }).getByText('Place: “Halden”').first().waitFor();
      await screenshot(page, 'dark-mode.png');
    }
    const c = await colours(page);
    assert.equal(c.dark, scheme === 'dark');
    const brightness = c.paper.reduce((a, b) => a + b) / 3;
    if (scheme === 'dark') assert.ok(brightness < 60, `dark paper (${c.paper})`);
    else assert.ok(brightness > 230, `light paper (${c.paper})`);
    assert.ok(c.page >= 7, `the article text is at ${c.page.toFixed(2)}:1`);
    assert.ok(c.fills.length >= 6, `${c.fills.length} label fills read`);
    for (const f of c.fills) assert.ok(f.ratio >= 4.5, `${f.name} in ${scheme}: ${f.ratio.toFixed(2)}:1`);
    // The same for the OntoNotes preset's eighteen entity labels.
    await page.getByRole('button', { name: 'Edit labels' }).click();
    await page.getByRole('combobox', { name: 'Preset' }).selectOption({ label: 'OntoNotes (18 types)' });
    await page.getByRole('button', { name: 'Apply preset' }).click();
    await page.waitForFunction(() => [...document.querySelectorAll('style')].some((s) => s.textContent.includes('::highlight(mg-l17)')));
    const onto = await colours(page);
    assert.ok(onto.fills.length >= 18, `${onto.fills.length} OntoNotes fills read`);
    for (const f of onto.fills) assert.ok(f.ratio >= 4.5, `OntoNotes ${f.name} in ${scheme}: ${f.ratio.toFixed(2)}:1`);
    await context.close();
  }
});

test('at 1280×800 the suggestion queue keeps its rows after "Accept" opens the mention above it', async () => {
  const { page, context } = await open(WINDOWS[2]);
  await page.getByRole('tab', { name: /^Suggestions/ }).click();
  const queue = page.getByRole('listbox', { name: 'Suggestion queue' });
  await queue.getByText('Place: “Halden”').first().waitFor();
  const before = (await queue.boundingBox()).height;
  for (let i = 0; i < 3; i++) {
    const messages = page.getByRole('status', { name: 'Messages' });
    await page.getByRole('button', { name: 'Accept', exact: true }).click();
    await messages.getByText(/^Accepted/).waitFor();
    await page.getByRole('button', { name: 'Dismiss message' }).click();
  }
  await page.getByRole('textbox', { name: 'Entity name' }).waitFor(); // the accepted mention's entity, above
  const box = await queue.boundingBox();
  assert.ok(box.height >= 100, `the queue is ${box.height} px tall after Accept (${before} px before)`);
  assert.ok(box.y + 100 <= 800, `at least 100 px of it are on screen (from ${box.y})`);
  await context.close();
});
