// Offline: after one visit the app opens and works with the network off (its suggestion
// worker and tagger model included), and it is
// installable (a web manifest with icons, served like everything else from the app).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suite, mark, articleText, WINDOW } from './harness.mjs';

const it = suite();

test('after one visit the app opens and works offline', async () => {
  const context = await it.browser.newContext({ viewport: WINDOW });
  const page = await context.newPage();
  await page.goto(it.server.url);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  const saved = () => page.getByRole('status', { name: 'Save status' }).getByText('Saved in this browser').waitFor();
  await saved();

  const manifest = await page.evaluate(async () => {
    const href = document.querySelector('link[rel=manifest]').href;
    return (await fetch(href)).json();
  });
  assert.equal(manifest.name, 'Marginalia');
  assert.ok(manifest.icons.some((i) => i.sizes === '512x512'), 'a large icon for installing');

  await context.setOffline(true);
  await page.reload();
  // The saved work is read back before anything is marked (a change made before that
  // would be replaced by it): the status says "Saved" only after that.
  await saved();
  assert.ok((await articleText(page)).startsWith('Residents rally'), 'the app and its sample load offline');
  // The suggestion worker and the tagger's model, loaded after first paint, work offline too.
  await page.getByRole('tab', { name: /^Suggestions/ }).click();
  await page.getByRole('listbox', { name: 'Suggestion queue' }).locator('[role=option][title="the statistical tagger"]').first().waitFor();
  await page.getByRole('tab', { name: /^Annotations/ }).click();

  // Annotating and saving work offline too, and survive another offline reload.
  const text = await articleText(page);
  await mark(page, text, 'Vessa River', '3');
  // The status says "Saved" only once the change on screen is written (the operation log),
  // so it cannot be a "Saved" left from before the change.
  await page.getByRole('list', { name: 'Annotations' }).getByText('Vessa River').waitFor();
  await page.getByRole('status', { name: 'Save status' }).getByText('Saved in this browser').waitFor();
  await page.reload();
  await page.getByRole('status', { name: 'Messages' }).getByText('with 1 annotation(s)').waitFor();
  await context.close();
});
