// An axe-core audit (npm axe-core, run in the page) of the main views, in the light and
// the dark scheme: no serious or critical finding. The views: the article with a quote
// selected and each side tab, Find, the label editor, the library (and its search results), the article box, and
// the Export, Compare and Keyboard shortcuts dialogs. Also the small things a screen reader
// and a keyboard user meet first: "Skip to article" is the first Tab stop, the message band
// takes no room when empty, and right-to-left previews are isolated.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { suite, root, mark, articleText } from './harness.mjs';

const it = suite();
const AXE = path.join(root, 'tests/e2e/node_modules/axe-core/axe.min.js');

async function open(colorScheme) {
  // The audit's script is added to the page, which the app's CSP would refuse.
  const context = await it.browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme, bypassCSP: true });
  const page = await context.newPage();
  await page.goto(it.server.url);
  await page.getByRole('region', { name: 'Article' }).waitFor();
  await page.addScriptTag({ path: AXE });
  return { page, context };
}

/** Serious and critical findings of axe on the page as it is, one line each. */
async function audit(page, view) {
  const results = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 3) }));
  });
  const lines = results.map((v) => `${view}: ${v.id} (${v.impact}) at ${v.nodes.join(', ')}`);
  lesser.push(...lines.filter((_, i) => !['serious', 'critical'].includes(results[i].impact)));
  return lines.filter((_, i) => ['serious', 'critical'].includes(results[i].impact));
}

/** Findings below serious, printed at the end of each audit. */
const lesser = [];

for (const scheme of ['light', 'dark']) {
  test(`axe finds nothing serious or critical in the main views (${scheme})`, async () => {
    const { page, context } = await open(scheme);
    const findings = [];
    const check = async (view) => {
      const found = await audit(page, view);
      findings.push(...found);
      return found.length;
    };
    const text = await articleText(page);
    await mark(page, text, 'Maryam Rahimi', '1');
    await mark(page, text, '"This marsh filters the water our children drink,"', '6');
    await page.getByRole('group', { name: 'Speakers' }).waitFor();
    await check('a quote selected, Annotations');
    for (const tab of ['Entities', 'Who said what', /^Suggestions/]) {
      await page.getByRole('tab', { name: tab }).click();
      await check(`tab ${tab}`);
    }
    await page.keyboard.press('Control+f');
    await page.getByRole('button', { name: 'Edit labels' }).click();
    await page.getByRole('region', { name: 'Label schema' }).waitFor();
    await check('Find and the label editor');
    await page.getByRole('button', { name: 'Edit labels' }).click();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Export…' }).click();
    await page.getByRole('dialog', { name: 'Export' }).waitFor();
    await check('the Export dialog');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Compare…' }).click();
    await page.getByRole('dialog', { name: 'Compare' }).waitFor();
    await check('the Compare dialog');
    await page.keyboard.press('Escape');
    await page.getByRole('dialog', { name: 'Compare' }).waitFor({ state: 'detached' });
    await page.locator('.article-frame').focus();
    await page.keyboard.press('?');
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    await check('the Keyboard shortcuts dialog');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Library', exact: true }).click();
    await page.getByRole('searchbox', { name: 'Filter documents' }).waitFor();
    await check('the library');
    await page.getByRole('searchbox', { name: 'Search library' }).fill('Rahimi');
    await page.getByRole('region', { name: 'Search results' }).getByText('1 document(s) match.').waitFor();
    await check('the library with search results');
    await page.getByRole('button', { name: 'Library', exact: true }).click();
    await page.getByRole('button', { name: 'New document' }).click();
    await page.getByRole('textbox', { name: 'Article text' }).waitFor();
    await check('the article box');
    console.log(`axe (${scheme}): ${findings.length} serious or critical, ${lesser.length} lesser finding(s)${lesser.length ? ':\n  ' + lesser.join('\n  ') : ''}`);
    lesser.length = 0;
    assert.deepEqual(findings, []);
    await context.close();
  });
}

test('"Skip to article" is the first Tab stop; the message band takes no room when empty; RTL previews are isolated', async () => {
  const { page, context } = await open('light');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Skip to article');
  assert.ok(await page.getByRole('link', { name: 'Skip to article' }).isVisible(), 'shown while focused');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Article');
  // No message yet: the band is in the page (to announce the next one) but 0 px tall.
  const band = page.getByRole('status', { name: 'Messages' });
  assert.equal((await band.boundingBox()).height, 0);
  const text = await articleText(page);
  await mark(page, text, 'مریم رحیمی', '1');
  await band.getByText('as Person').waitFor();
  assert.ok((await band.boundingBox()).height > 10, 'a message takes room');
  // The Persian name in the annotation list and the side panel is isolated from its
  // neighbours (plaintext or isolate bidi), so its punctuation stays in place.
  const bidi = await page.evaluate(() => [...document.querySelectorAll('.entry-text, .selected-text, .speaker-chip, .suggestion, .doc-title, .entity-entry')]
    .filter((e) => /[\u0600-\u06ff]/.test(e.textContent))
    .map((e) => getComputedStyle(e).unicodeBidi));
  assert.ok(bidi.length >= 2, `${bidi.length} previews of the Persian name`);
  for (const b of bidi) assert.ok(['plaintext', 'isolate', 'isolate-override'].includes(b), b);

  // "New document" focuses the article box; "Start annotating" focuses the article.
  await page.getByRole('button', { name: 'New document' }).click();
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Article text');
  await page.keyboard.insertText('Ana Lima said it.');
  await page.getByRole('button', { name: 'Start annotating' }).click();
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Article');
  await context.close();
});
