// Suggestions on the built-in sample, end to end: drawn with a dashed underline, queued;
// accepted with the keyboard (Enter) and the mouse ("Accept", "Accept all"), rejected
// with Backspace and "Reject" (and not suggested again, until undone); a quote accepted
// with its speaker and cue; the export leaves suggestions out unless asked, and then
// marks them "status": "suggested".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { suite, openApp, pointAt, cpIndexOf, cpSlice, articleText, exportJson, WINDOW } from './harness.mjs';

const it = suite();

async function download(page, name) {
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).click()]);
  return JSON.parse(fs.readFileSync(await d.path(), 'utf8'));
}

/** The number in the "Suggestions (n)" heading, once suggestions have been worked out. */
async function count(page) {
  const heading = page.getByRole('region', { name: 'Suggestions' }).getByRole('heading');
  await heading.waitFor();
  return Number((await heading.innerText()).match(/\((\d+)\)/)[1]);
}

/** Waits until the count differs from `before`; returns it. */
async function countChange(page, before) {
  for (let i = 0; i < 100; i++) {
    const now = await count(page);
    if (now !== before) return now;
    await page.waitForTimeout(50);
  }
  throw new Error(`suggestion count stayed ${before}`);
}

const current = (page) => page.getByRole('region', { name: 'Suggestions' }).locator('.current-suggestion .why').innerText();

test('suggest, accept and reject by keyboard and mouse, export only on request', async () => {
  const { page, requests, errors } = await openApp(it.browser, it.server.url);
  const text = await articleText(page);
  const queue = page.getByRole('region', { name: 'Suggestions' });
  // Suggestions are drawn dashed, one layer per label (mg-s0 Person, mg-s5 Quote, …).
  const suggestedRanges = () => [...CSS.highlights.entries()].filter(([n]) => /^mg-s\d+$/.test(n)).reduce((s, [, h]) => s + h.size, 0);
  await assert.doesNotReject(page.waitForFunction(suggestedRanges));
  await page.getByRole('tab', { name: /^Suggestions \(\d+\)$/ }).click();
  const n0 = await count(page);
  assert.ok(n0 >= 20, `the sample gets suggestions (${n0})`);
  assert.equal(await page.getByRole('button', { name: 'Suggest', exact: true }).getAttribute('aria-pressed'), 'true');

  // The first suggestion is the place in the headline; Enter in the queue accepts it.
  assert.match(await current(page), /^Place: “Halden”/);
  await queue.getByRole('listbox', { name: 'Suggestion queue' }).focus();
  await page.keyboard.press('Enter');
  const n1 = await countChange(page, n0);
  assert.equal(n1, n0 - 1);
  const list = page.getByRole('list', { name: 'Annotations' }).getByRole('listitem');
  await page.getByRole('tab', { name: 'Annotations' }).click();
  assert.deepEqual(await list.allInnerTexts(), ['Place\nHalden']);
  await page.getByRole('tab', { name: /^Suggestions/ }).click();

  // Backspace in the queue rejects the next one; it is not suggested again.
  const rejected = await current(page);
  await queue.getByRole('listbox', { name: 'Suggestion queue' }).focus();
  await page.keyboard.press('Backspace');
  const n2 = await countChange(page, n1);
  assert.equal(n2, n1 - 1);
  assert.notEqual(await current(page), rejected);
  await page.getByRole('tab', { name: 'Annotations' }).click();
  assert.equal(await list.count(), 1, 'rejecting annotates nothing and deletes nothing');
  await page.getByRole('tab', { name: /^Suggestions/ }).click();

  // Ctrl+Z takes the rejection back.
  await page.locator('.article-frame').focus();
  await page.keyboard.press('Control+z');
  assert.equal(await countChange(page, n2), n1);

  // A click on suggested text brings the queue to the front at that suggestion: the
  // quote of Ingrid Solberg.
  const quote = cpIndexOf(text, '“You cannot move');
  await page.evaluate((s) => [...document.querySelectorAll('.article-text .para')].find((p) => +p.dataset.s <= s && s < +p.dataset.e).scrollIntoView({ block: 'center' }), quote);
  const p = await pointAt(page, quote + 5);
  await page.mouse.click(p.x, p.y);
  assert.match(await current(page), /^Quote: ““You cannot move.*— Ingrid Solberg/);
  await queue.getByRole('button', { name: 'Accept', exact: true }).click();
  await countChange(page, n1);

  // "Reject" by mouse on the next suggestion.
  const before = await count(page);
  const rejectedByMouse = await current(page);
  await queue.getByRole('button', { name: 'Reject', exact: true }).click();
  await countChange(page, before);
  assert.notEqual(await current(page), rejectedByMouse);

  // "Accept all" for quotes: every quote with its speakers and cue.
  const quotes = queue.getByRole('group', { name: /^Quote \(/ });
  await quotes.getByRole('button', { name: 'Accept all' }).click();
  await page.waitForFunction(() => !document.querySelector('[role=group][aria-label^="Quote ("]'));

  // The plain export holds accepted annotations only, never a "status".
  const plain = (await exportJson(page)).json;
  const chars = [...plain.document.text];
  const byId = Object.fromEntries(plain.annotations.map((a) => [a.id, a]));
  assert.ok(plain.annotations.every((a) => !('status' in a) && cpSlice(plain.document.text, a.start, a.end) === a.text));
  const solberg = plain.annotations.find((a) => a.label === 'Quote' && a.text.startsWith('“You cannot move'));
  const speaker = plain.entities.find((e) => e.id === solberg.speakers[0]);
  assert.equal(speaker.name, 'Ingrid Solberg');
  assert.equal(byId[solberg.cue].text, 'said');
  const rahimi = plain.annotations.filter((a) => a.label === 'Quote' && a.speakers?.length).map((a) => plain.entities.find((e) => e.id === a.speakers[0]).name);
  assert.ok(rahimi.filter((n) => n === 'Maryam Rahimi').length >= 3, `Rahimi's quotes share her entity: ${rahimi}`);
  assert.equal(plain.annotations.filter((a) => a.label === 'Quote').length, 8, 'all eight speech quotes, no scare quote');
  assert.ok(!plain.annotations.some((a) => a.text === '“economic renewal”'));
  assert.equal(plain.rejected.length, 1, 'the rejection (the other was undone) travels with the document');
  assert.equal(chars.length, plain.document.length);

  // On request, the rest come along marked as suggestions.
  const withSuggestions = await download(page, 'Export with suggestions');
  const suggested = withSuggestions.annotations.filter((a) => a.status === 'suggested');
  assert.equal(suggested.length, withSuggestions.annotations.length - plain.annotations.length);
  assert.ok(suggested.length > 5 && suggested.every((a) => cpSlice(withSuggestions.document.text, a.start, a.end) === a.text));

  // "Suggest" off: no queue, no dashed underline.
  await page.getByRole('button', { name: 'Suggest', exact: true }).click();
  await assert.doesNotReject(page.waitForFunction(() => [...CSS.highlights.entries()].filter(([n]) => /^mg-s\d+$/.test(n)).every(([, h]) => h.size === 0)));
  assert.equal(await queue.count(), 0);
  assert.deepEqual(requests.filter((u) => !u.startsWith(it.server.url)), [], 'nothing leaves the browser');
  assert.deepEqual(errors, []);
});

test('a field being typed in keeps its text when the root renders again (a suggestion refresh)', async () => {
  const { page, errors } = await openApp(it.browser, it.server.url);
  await page.getByRole('button', { name: 'Edit labels' }).click();
  const box = page.getByRole('textbox', { name: 'Name of Event' });
  await box.fill('Protest');
  // Suggestions turned off and on behind the user's back (a click in script moves no
  // focus): the root renders twice, the suggestions are worked out again.
  for (let i = 0; i < 2; i++) {
    await page.evaluate(() => document.querySelector('.toolbar .suggest').click());
    await page.waitForTimeout(300);
  }
  assert.equal(await box.inputValue(), 'Protest');
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-label')), 'Name of Event');
  await box.press('Enter');
  await assert.doesNotReject(page.getByRole('status', { name: 'Messages' }).getByText('Renamed the label “Event” to “Protest”').waitFor());
  assert.deepEqual(errors, []);
});

test('names come from the statistical tagger in the suggestion worker, and input never waits for it', async () => {
  const { page, requests } = await openApp(it.browser, it.server.url);
  // The worker and its model come from the app's own origin, after the page is up.
  await page.getByRole('button', { name: 'New document' }).click();
  await page.getByRole('textbox', { name: 'Article text' }).fill('Yesterday Zelensky met Macron in Kharkiv.\n\nThe protest was reported by Reuters.\n');
  await page.getByRole('button', { name: 'Start annotating' }).click();
  await page.getByRole('tab', { name: /^Suggestions/ }).click();
  const queue = page.getByRole('listbox', { name: 'Suggestion queue' });
  // "Reuters" is a name the rules alone do not find; "Zelensky" they take for an organisation.
  await queue.getByRole('option', { name: 'Organization: “Reuters”' }).waitFor();
  await queue.getByRole('option', { name: 'Person: “Zelensky”' }).waitFor();
  assert.equal(await queue.getByRole('option', { name: 'Organization: “Reuters”' }).getAttribute('title'), 'the statistical tagger');
  const loaded = requests.map((u) => new URL(u).pathname);
  for (const file of ['/marginalia-worker_loader.js', '/marginalia-worker_bg.wasm', '/model/tagger.mgtag']) {
    assert.ok(loaded.includes(file), `${file} was loaded (${loaded.join(' ')})`);
  }
  assert.ok(requests.every((u) => u.startsWith(it.server.url)), 'nothing but the app’s own origin');

  // Accepting it: the worker is asked again and no longer suggests it.
  await queue.getByRole('option', { name: 'Organization: “Reuters”' }).click();
  await page.getByRole('region', { name: 'Suggestions' }).getByRole('button', { name: 'Accept', exact: true }).click();
  await queue.getByRole('option', { name: 'Organization: “Reuters”' }).waitFor({ state: 'detached' });
  await queue.getByRole('option', { name: 'Person: “Zelensky”' }).waitFor();
  await page.getByRole('tab', { name: /^Annotations/ }).click();
  await page.getByRole('list', { name: 'Annotations' }).getByText('Reuters').waitFor();
});

test('without its model the worker suggests from the rules and the queue says why', async () => {
  const context = await it.browser.newContext({ viewport: WINDOW, serviceWorkers: 'block' });
  await context.route('**/model/tagger.mgtag', (route) => route.fulfill({ status: 404, body: 'not found' }));
  const page = await context.newPage();
  await page.goto(it.server.url);
  await page.getByRole('tab', { name: /^Suggestions/ }).click();
  const queue = page.getByRole('region', { name: 'Suggestions' });
  await queue.getByRole('note').getByText(/^Names come from the rules alone: the tagger's model did not load \(.*404.*\)\.$/).waitFor();
  // The rules still suggest: the sample's quotes and its dateline.
  assert.ok((await count(page)) >= 10);
  assert.equal(await queue.locator('[role=option][title="the statistical tagger"]').count(), 0);
  await context.close();
});
