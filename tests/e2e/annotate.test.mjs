// End to end, on the release build in headless Chromium: paste, annotate with a real
// mouse and keyboard, pick a speaker, export, and check the downloaded file against
// the pasted text in code points.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { suite, mark, addSpeaker, openApp, dragSelect, pointAt, cpIndexOf, cpLen, cpSlice, root, articleText, exportJson } from './harness.mjs';

const it = suite();

// Emoji, Persian script and combining marks before the selections; a quote that runs
// over a paragraph break; curly and straight quotes.
const ARTICLE = [
  'Rally in Halden 🌱👩🏽‍⚕️',
  '',
  'Supporters of مریم رحیمی and of José\u0301 Ortega gathered on January 9. "We will not stop," said Maryam Rahimi, the spokesperson. “The marsh belongs to everyone.',
  '',
  'It is not for sale,” she added.',
  '',
  'No comments yet.',
].join('\n');

const exportAndRead = exportJson;

async function listEntries(page) {
  return page.getByRole('list', { name: 'Annotations' }).getByRole('listitem').allInnerTexts();
}

test('paste, annotate by mouse and keyboard, pick a speaker, export exact offsets', async () => {
  const { page, context, requests, errors } = await openApp(it.browser, it.server.url);
  await page.getByRole('button', { name: 'New document' }).click();
  await page.getByRole('textbox', { name: 'Article text' }).fill(ARTICLE);
  await page.getByRole('button', { name: 'Start annotating' }).click();
  await page.getByRole('region', { name: 'Article' }).waitFor();

  // A name after Persian text and emoji, with a real mouse drag, then the Person button.
  const nameStart = cpIndexOf(ARTICLE, 'Maryam Rahimi');
  await dragSelect(page, nameStart, nameStart + cpLen('Maryam Rahimi'));
  await page.getByRole('button', { name: 'Person', exact: true }).click();
  assert.deepEqual(await listEntries(page), ['Person\nMaryam Rahimi']);

  // The same span again is refused with a visible message.
  await dragSelect(page, nameStart, nameStart + cpLen('Maryam Rahimi'));
  await page.getByRole('button', { name: 'Person', exact: true }).click();
  await assert.doesNotReject(page.getByRole('status', { name: 'Messages' }).getByText('already marked as Person').waitFor());
  assert.equal((await listEntries(page)).length, 1);

  // A name with a combining mark, selected without its accent, is snapped to include it.
  const jose = cpIndexOf(ARTICLE, 'José');
  await dragSelect(page, jose, jose + 4);
  await page.keyboard.press('1');

  // A quote across a paragraph break, with the Quote hotkey.
  const quoteStart = cpIndexOf(ARTICLE, '“The marsh');
  const quoteEnd = cpIndexOf(ARTICLE, 'sale,”') + cpLen('sale,”');
  await dragSelect(page, quoteStart, quoteEnd);
  await page.keyboard.press('6');
  // Its speaker: press S, then click the name in the article.
  await page.keyboard.press('s');
  await page.getByRole('button', { name: 'Click a mention… (Esc cancels)' }).waitFor();
  const onName = await pointAt(page, cpIndexOf(ARTICLE, 'Maryam Rahimi') + 3);
  await page.mouse.click(onName.x, onName.y);
  await page.getByRole('status', { name: 'Messages' }).getByText('Speaker set to Maryam Rahimi').waitFor();
  await page.getByText(/^Quote · a\d+$/).waitFor(); // the quote stays selected

  // A date by button, then relabel it by hotkey (Date then Event), then Escape.
  const date = cpIndexOf(ARTICLE, 'January 9');
  await dragSelect(page, date, date + cpLen('January 9'));
  await page.getByRole('button', { name: 'Date', exact: true }).click();
  await page.keyboard.press('5');
  await page.getByRole('status', { name: 'Messages' }).getByText('Changed Date to Event').waitFor();
  await page.keyboard.press('4');
  await page.keyboard.press('Escape');
  await page.getByText('No annotation selected').waitFor();

  // A place, then select it by clicking its highlight and delete it with the keyboard.
  const halden = cpIndexOf(ARTICLE, 'Halden');
  await dragSelect(page, halden, halden + cpLen('Halden'));
  await page.getByRole('button', { name: 'Place', exact: true }).click();
  await page.keyboard.press('Escape');
  const box = await page.evaluate(() => {
    const span = document.querySelector('.article-text .para > span');
    const range = document.createRange();
    range.setStart(span.firstChild, 10);
    range.setEnd(span.firstChild, 12);
    const r = range.getBoundingClientRect();
    return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
  });
  await page.mouse.click(box.x, box.y);
  await page.getByText('Place · a').waitFor();
  await page.keyboard.press('Delete');
  await page.getByRole('status', { name: 'Messages' }).getByText('Deleted Place').waitFor();

  const entries = await listEntries(page);
  assert.equal(entries.length, 4, entries.join(' | '));
  assert.ok(entries.some((e) => e.startsWith('Quote') && e.endsWith('— Maryam Rahimi')), entries.join(' | '));

  // Clicking a list entry selects that annotation.
  await page.getByRole('list', { name: 'Annotations' }).getByRole('button', { name: /José/ }).click();
  await page.getByText('Person · a2').waitFor();

  // Editing the text is now a revision (tests/e2e/revisions.test.mjs): offered, and a
  // revised version can be pasted in too.
  assert.equal(await page.getByRole('button', { name: 'Edit text' }).isDisabled(), false);
  await page.getByRole('button', { name: 'Paste revision' }).waitFor();

  const { name, json } = await exportAndRead(page);
  // <slug of the title>.marginalia.json: letters and digits in lower case, the rest one dash.
  assert.equal(name, 'rally-in-halden.marginalia.json');
  assert.equal(json.format, 'marginalia');
  assert.equal(json.version, 4);
  assert.equal(json.offset_unit, 'codepoint');
  assert.equal(json.document.text, ARTICLE, 'the text is stored exactly as pasted');
  assert.equal(json.document.length, cpLen(ARTICLE));
  assert.match(json.exported_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
  const byLabel = Object.fromEntries(json.annotations.map((a) => [a.text, a]));
  for (const a of json.annotations) {
    assert.equal(cpSlice(ARTICLE, a.start, a.end), a.text, `offsets of ${a.id}`);
  }
  assert.deepEqual(
    json.annotations.map((a) => [a.label, a.text]),
    [
      ['Person', 'José\u0301'],
      ['Date', 'January 9'],
      ['Person', 'Maryam Rahimi'],
      ['Quote', '“The marsh belongs to everyone.\n\nIt is not for sale,”'],
    ],
  );
  const person = byLabel['Maryam Rahimi'];
  assert.equal(person.start, nameStart);
  const quote = json.annotations.find((a) => a.label === 'Quote');
  assert.equal(quote.start, quoteStart);
  assert.equal(quote.end, quoteEnd);
  assert.deepEqual(quote.speakers, [person.entity]);
  assert.deepEqual(json.entities.find((e) => e.id === person.entity).mentions, [person.id]);

  // Nothing but the app's own files was requested.
  assert.ok(requests.every((r) => r.startsWith(it.server.url)), requests.join('\n'));
  assert.deepEqual(errors, []);
  await context.close();
});

test('the sample article is ready to annotate; its annotated view is screenshotted', async () => {
  const { page, context } = await openApp(it.browser, it.server.url);
  const text = await articleText(page);
  assert.ok(text.startsWith('Residents rally to save Halden'));
  assert.ok(text.includes('مریم رحیمی'));

  await mark(page, text, 'Coalition for River Protection', '2');
  await mark(page, text, 'CRP', '2');
  await mark(page, text, 'Maryam Rahimi', '1');
  await mark(page, text, 'مریم رحیمی', '1');
  await mark(page, text, 'Vessa River', '3');
  await mark(page, text, 'Halden', '3', cpIndexOf(text, 'HALDEN'));
  await mark(page, text, 'January 9 and 10', '4');
  await mark(page, text, 'Tomas Lindqvist', '1');
  await mark(page, text, 'Halden Spring Festival', '5');
  await mark(page, text, '“We have listened to every objection. The logistics park will bring eight hundred jobs, and we will plant a new marsh upstream.”', '6');
  await addSpeaker(page, 'Tomas Lindqvist');
  await mark(page, text, '"This marsh filters the water our children drink,"', '6');
  await addSpeaker(page, 'Maryam Rahimi');

  const entries = await page.getByRole('list', { name: 'Annotations' }).getByRole('listitem').allInnerTexts();
  assert.equal(entries.length, 11);
  assert.ok(entries.includes('Person\nمریم رحیمی'), 'a right-to-left name selected whole by mouse');
  await page.getByRole('region', { name: 'Article' }).evaluate((el) => { el.scrollTop = 0; });
  const out = path.join(root, 'target', 'e2e');
  fs.mkdirSync(out, { recursive: true });
  await page.waitForTimeout(200);
  await page.screenshot({ path: path.join(out, 'annotated-sample.png') });
  if (process.env.UPDATE_SCREENSHOTS) {
    fs.copyFileSync(path.join(out, 'annotated-sample.png'), path.join(root, 'tests', 'e2e', 'screenshots', 'annotated-sample.png'));
  }
  // Clicking a list entry far down selects it and scrolls the article to it.
  const frame = page.getByRole('region', { name: 'Article' });
  await frame.evaluate((el) => { el.scrollTop = 0; });
  const inView = () => page.evaluate(() => {
    const frame = document.querySelector('.article-frame').getBoundingClientRect();
    const span = [...document.querySelectorAll('.article-text .para > span')].find((s) => s.textContent.includes('Halden Spring Festival'));
    const r = span.getBoundingClientRect();
    return r.top >= frame.top && r.bottom <= frame.bottom;
  });
  assert.equal(await inView(), false, 'the festival is below the fold at first');
  await page.getByRole('list', { name: 'Annotations' }).getByRole('button', { name: /Halden Spring Festival/ }).click();
  await page.getByText(/^Event · a\d+$/).waitFor();
  assert.equal(await inView(), true, 'clicking its entry scrolled it into view');
  await page.getByRole('list', { name: 'Annotations' }).getByRole('button', { name: /This marsh filters/ }).click();

  // The README's export example is this very state.
  const { json } = await exportAndRead(page);
  const a3 = json.annotations.find((a) => a.id === 'a3');
  const a11 = json.annotations.find((a) => a.id === 'a11');
  assert.deepEqual([a3.label, a3.start, a3.end, a3.text], ['Person', 394, 407, 'Maryam Rahimi']);
  assert.deepEqual([a11.label, a11.start, a11.end, a11.speakers, a11.quote_kind], ['Quote', 338, 388, ['e3'], 'direct']);
  assert.equal(a3.entity, 'e3');
  assert.equal(json.document.length, 2502);
  for (const a of json.annotations) assert.equal(cpSlice(json.document.text, a.start, a.end), a.text);

  // The highlights are drawn with the CSS Custom Highlight API, one Highlight per layer.
  // Suggestions: one dashed layer per label (mg-s0 for Person…), so a suggested Person and
  // a suggested Quote look apart; layers with no range near the viewport are not registered.
  const names = await page.evaluate(() => [...CSS.highlights.keys()].sort());
  assert.deepEqual(names.filter((n) => !n.startsWith('mg-s') || n === 'mg-selected' || n === 'mg-suggestion'),
    ['mg-l0', 'mg-l1', 'mg-l2', 'mg-l3', 'mg-l4', 'mg-l5', 'mg-linked', 'mg-selected', 'mg-suggestion']);
  const suggestedLayers = names.filter((n) => /^mg-s\d+$/.test(n));
  assert.ok(suggestedLayers.length >= 2, `suggestions in ${suggestedLayers.length} label layers`);
  const ranges = await page.evaluate(() => CSS.highlights.get('mg-l0').size);
  assert.equal(ranges, 3, 'three Person annotations in the Person highlight');
  await context.close();
});

test('a right-to-left paragraph reads right to left; a quote and a name in it, selected by mouse, export with exact offsets', async () => {
  const { page, context } = await openApp(it.browser, it.server.url);
  const text = await articleText(page);
  const quote = '«این تالاب آب آشامیدنی بچه\u200cهای ما را پاک می\u200cکند. اگر آسفالت شود، برای همیشه از دست می\u200cرود.»';
  const paraStart = cpIndexOf(text, 'مریم رحیمی پس از تجمع');
  const direction = (pos) => page.evaluate((s) => {
    const para = [...document.querySelectorAll('.article-text .para')].find((p) => +p.dataset.s <= s && s < +p.dataset.e);
    return getComputedStyle(para).direction;
  }, pos);
  assert.equal(await direction(paraStart), 'rtl', 'the Persian paragraph runs right to left');
  assert.equal(await direction(paraStart - 10), 'ltr', 'the English one before it left to right');

  await mark(page, text, quote, '6', paraStart);
  await mark(page, text, 'مریم رحیمی', '1', paraStart);
  await page.getByRole('list', { name: 'Annotations' }).getByRole('button', { name: /این تالاب/ }).click();
  await addSpeaker(page, 'مریم رحیمی');
  const { json } = await exportAndRead(page);
  const [q, person] = [json.annotations.find((a) => a.label === 'Quote'), json.annotations.find((a) => a.label === 'Person')];
  const qStart = cpIndexOf(text, quote, paraStart);
  assert.deepEqual([q.start, q.end, q.text, q.speakers], [qStart, qStart + cpLen(quote), quote, [person.entity]]);
  assert.deepEqual([person.start, person.end, person.text], [paraStart, paraStart + 10, 'مریم رحیمی']);
  assert.equal(cpSlice(json.document.text, q.start, q.end), quote);
  await context.close();
});

test('without CSS highlights, boxes are drawn in an overlay instead', async () => {
  const { page, context } = await openApp(it.browser, `${it.server.url}?highlights=overlay`);
  const text = await articleText(page);
  await mark(page, text, 'Vessa River', '3');
  const marks = await page.locator('.overlay .mark.mg-l2').count();
  assert.ok(marks >= 1, 'a Place box is drawn');
  assert.equal(await page.evaluate(() => CSS.highlights.size), 0, 'no CSS highlight registered');
  await context.close();
});

test('"New document" keeps the open document in the library, and leaves no empty entry there', async () => {
  const { page, context } = await openApp(it.browser, it.server.url);
  const asked = [];
  page.on('dialog', (d) => { asked.push(d.message()); return d.dismiss(); });
  const text = await articleText(page);
  await mark(page, text, 'Shiraz', '3');
  const messages = page.getByRole('status', { name: 'Messages' });
  await page.getByRole('button', { name: 'New document' }).click();
  await messages.getByText('New document: paste an article. “Residents rally to save Halden\'s last wetland” stays in the library.').waitFor();
  await page.getByRole('textbox', { name: 'Article text' }).waitFor();
  // Twice more, never pasting into it: no empty document is listed.
  await page.getByRole('button', { name: 'New document' }).click();
  await page.getByRole('button', { name: 'New document' }).click();
  await page.getByRole('button', { name: 'Library', exact: true }).click();
  const documents = page.getByRole('list', { name: 'Documents' }).getByRole('listitem');
  await documents.first().waitFor();
  assert.deepEqual((await documents.allInnerTexts()).map((t) => t.split('\n')[0]), ['Residents rally to save Halden\'s last wetland']);
  await page.getByRole('button', { name: /^Open Residents rally/ }).click();
  await page.getByRole('list', { name: 'Annotations' }).getByText('Shiraz').waitFor();
  assert.deepEqual(asked, [], 'nothing is asked: nothing is discarded');
  await context.close();
});

test('bad pastes get a clear message and the pasted text stays', async () => {
  const { page, context } = await openApp(it.browser, it.server.url);
  await page.getByRole('button', { name: 'New document' }).click();
  const box = page.getByRole('textbox', { name: 'Article text' });

  // A 20 MB paste, over the 5,000,000-character limit: refused before it reaches the box
  // (which would freeze the tab laying it out), and what the box held stays.
  await box.fill('My draft so far');
  const inserted = await box.evaluate((el) => {
    const data = new DataTransfer();
    data.setData('text/plain', 'word '.repeat(4_000_000));
    return el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  assert.equal(inserted, false, 'the paste was cancelled');
  await page.getByRole('status', { name: 'Messages' }).getByText('This text has 20000000 characters; the limit is 5000000').waitFor();
  assert.equal(await box.inputValue(), 'My draft so far');

  // A lone surrogate: replaced by U+FFFD, the user is told, offsets stay exact.
  await box.evaluate((el) => { el.value = 'Broken \uD800 text by Ana Lima'; });
  await page.getByRole('button', { name: 'Start annotating' }).click();
  await page.getByRole('status', { name: 'Messages' }).getByText('1 broken character(s)').waitFor();
  const text = await articleText(page);
  assert.equal(text, 'Broken \uFFFD text by Ana Lima');

  // HTML in the text is shown as text, never parsed.
  await page.getByRole('button', { name: 'New document' }).click();
  await box.fill('<img src=x onerror="window.pwned=1"> <b>bold</b> said Ana');
  await page.getByRole('button', { name: 'Start annotating' }).click();
  await page.getByRole('region', { name: 'Article' }).getByText('<b>bold</b>').waitFor();
  assert.equal(await page.evaluate(() => document.querySelectorAll('.article-text img, .article-text b').length), 0);
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  await context.close();
});

test('everything is reachable with Tab', async () => {
  const { page, context } = await openApp(it.browser, it.server.url);
  // Select a quote so that the Speaker control is shown too.
  const text = await articleText(page);
  await mark(page, text, '“economic renewal”', '6');
  await page.evaluate(() => document.activeElement?.blur());
  const reached = new Set();
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    reached.add(await page.evaluate(() => {
      const el = document.activeElement;
      return el.getAttribute('aria-label') ?? el.textContent.trim();
    }));
  }
  for (const name of ['Title', 'New document', 'Load sample', 'Export…', 'Person', 'Organization', 'Place',
    'Date', 'Event', 'Quote', 'Article', 'Find speaker', 'Note', 'Delete annotation']) {
    assert.ok(reached.has(name), `${name} is reachable by Tab; reached: ${[...reached].join(' | ')}`);
  }
  assert.ok([...reached].some((n) => n.startsWith('Quote') && n.includes('economic renewal')), 'list entries are reachable');
  await context.close();
});

test('the annotation list renders only the rows near its viewport', async () => {
  const { page, context } = await openApp(it.browser, it.server.url);
  // 300 annotations on a long article, through the real key handler.
  const article = Array.from({ length: 300 }, (_, i) => `Paragraph ${i} names Person${i} here.`).join('\n\n');
  await page.getByRole('button', { name: 'New document' }).click();
  await page.getByRole('textbox', { name: 'Article text' }).fill(article);
  await page.getByRole('button', { name: 'Start annotating' }).click();
  await page.getByRole('region', { name: 'Article' }).waitFor();
  await page.evaluate(async () => {
    for (const span of document.querySelectorAll('.article-text .para > span')) {
      const node = span.firstChild;
      const at = node.data.indexOf('Person');
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, node.data.indexOf(' here'));
      getSelection().removeAllRanges();
      getSelection().addRange(range);
      document.dispatchEvent(new KeyboardEvent('keydown', { key: '1', bubbles: true }));
      await new Promise((r) => setTimeout(r, 0));
    }
  });
  await page.getByRole('heading', { name: 'Annotations (300)' }).waitFor();
  const list = page.getByRole('list', { name: 'Annotations' });
  const rendered = await list.getByRole('listitem').count();
  assert.ok(rendered > 5 && rendered < 60, `rendered ${rendered} of 300 rows`);

  // Scrolling the list renders its last rows.
  await page.locator('.list-scroll').evaluate((el) => { el.scrollTop = el.scrollHeight; });
  await list.getByRole('button', { name: /Person299$/ }).waitFor();
  assert.equal(await list.getByRole('listitem').last().getAttribute('aria-posinset'), '300');

  // Selecting an annotation in the article brings its row into view.
  await page.locator('.list-scroll').evaluate((el) => { el.scrollTop = el.scrollHeight; });
  const point = await page.evaluate(() => {
    const span = [...document.querySelectorAll('.article-text .para > span')][3];
    span.scrollIntoView({ block: 'center' });
    const range = document.createRange();
    const at = span.firstChild.data.indexOf('Person3');
    range.setStart(span.firstChild, at + 2);
    range.setEnd(span.firstChild, at + 3);
    const r = range.getBoundingClientRect();
    return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
  });
  await page.mouse.click(point.x, point.y);
  const current = list.locator('[aria-current="true"]');
  await current.waitFor();
  assert.match(await current.innerText(), /Person3$/);
  assert.ok(await current.isVisible());
  await context.close();
});

test('undo and redo with Ctrl+Z, Ctrl+Shift+Z, Ctrl+Y and the buttons', async () => {
  const { page, context } = await openApp(it.browser, it.server.url);
  const text = await articleText(page);
  const undo = page.getByRole('button', { name: 'Undo', exact: true });
  const redo = page.getByRole('button', { name: 'Redo', exact: true });
  assert.equal(await undo.isDisabled(), true, 'nothing to undo at first');
  await mark(page, text, 'Maryam Rahimi', '1');
  await mark(page, text, '"This marsh filters the water our children drink,"', '6');
  await addSpeaker(page, 'Maryam Rahimi');
  const entries = () => page.getByRole('list', { name: 'Annotations' }).getByRole('listitem').allInnerTexts();
  const withSpeaker = ['Quote\n"This marsh filters the water our children drink,"\n— Maryam Rahimi', 'Person\nMaryam Rahimi'];
  assert.deepEqual(await entries(), withSpeaker);

  // Delete the person: the quote loses its speaker; undo brings both back.
  await page.getByRole('list', { name: 'Annotations' }).getByRole('button', { name: /^Person/ }).click();
  await page.keyboard.press('Delete');
  assert.deepEqual(await entries(), ['Quote\n"This marsh filters the water our children drink,"\n— no speaker']);
  await page.keyboard.press('Control+z');
  await page.getByRole('status', { name: 'Messages' }).getByText('Undone: Deleted Person').waitFor();
  assert.deepEqual(await entries(), withSpeaker);

  await page.keyboard.press('Control+z'); // the speaker
  await page.keyboard.press('Control+z'); // the quote
  assert.deepEqual(await entries(), ['Person\nMaryam Rahimi']);
  await page.keyboard.press('Control+Shift+z');
  await page.keyboard.press('Control+y');
  assert.deepEqual(await entries(), withSpeaker);
  await undo.click();
  await undo.click();
  await undo.click();
  assert.deepEqual(await entries(), []);
  assert.equal(await undo.isDisabled(), true);
  await redo.click();
  assert.deepEqual(await entries(), ['Person\nMaryam Rahimi']);
  await context.close();
});

test('import: exact round trip, broken files refused with their reasons, valid part kept on request, hostile files inert, drop', async () => {
  const { page, context, requests } = await openApp(it.browser, it.server.url);
  const text = await articleText(page);
  await mark(page, text, 'Maryam Rahimi', '1');
  await mark(page, text, 'مریم رحیمی', '1');
  await mark(page, text, '"This marsh filters the water our children drink,"', '6');
  await addSpeaker(page, 'Maryam Rahimi');
  const { json: first } = await exportAndRead(page);
  const entries = () => page.getByRole('list', { name: 'Annotations' }).getByRole('listitem').allInnerTexts();
  const before = await entries();
  const messages = page.getByRole('status', { name: 'Messages' });
  const choice = page.getByRole('alertdialog', { name: 'Import choice' });

  const dir = fs.mkdtempSync(path.join(root, 'target', 'import-'));
  const write = (name, content) => { const f = path.join(dir, name); fs.writeFileSync(f, content); return f; };
  const importFile = async (file) => {
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Import' }).click()]);
    await chooser.setFiles(file);
  };

  // Round trip: a new document, then import the export. Its text is already in the
  // library (the first document), so the user is asked; "Keep both" opens the file as
  // it is: same annotations, same bytes.
  await page.getByRole('button', { name: 'New document' }).click();
  await importFile(write('good.marginalia.json', JSON.stringify(first, null, 2)));
  await choice.getByText('is already a document in your library, “Residents rally').waitFor();
  await choice.getByRole('button', { name: 'Keep both' }).click();
  await messages.getByText('Imported “Residents rally').waitFor();
  assert.deepEqual(await entries(), before);
  const { json: second } = await exportAndRead(page);
  assert.deepEqual({ ...second, exported_at: 0 }, { ...first, exported_at: 0 });

  // Broken files: each refused with its reason; the open document is unchanged. Where a
  // valid part exists the user is offered it, and cancelling changes nothing either.
  const good = JSON.stringify(first, null, 2);
  const variant = (change) => { const v = structuredClone(first); change(v); return JSON.stringify(v); };
  const cases = [
    ['truncated.json', good.slice(0, good.length / 2), 'ends too early', false],
    ['version.json', variant((v) => { v.version = 5; }), 'newer Marginalia', false],
    ['range.json', variant((v) => { v.annotations[0].end = 999999; }), 'does not lie inside the text', true],
    ['text.json', variant((v) => { v.annotations[1].text = 'Maryam'; }), 'does not match the document', true],
    ['hash.json', variant((v) => { v.document.text = v.document.text.replace('marsh', 'march'); }), 'fingerprint', true],
    ['speaker.json', variant((v) => { v.annotations.find((a) => a.label === 'Quote').speakers = ['e42']; }), 'e42 is not an entity', true],
    ['garbage.bin', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x9c]), 'not a text file', false],
    ['huge.json', variant((v) => { v.document.text = 'x'.repeat(20_000_000); }), 'the limit is 5000000', false],
  ];
  // Record every progress bar shown while the files are read and checked.
  await page.evaluate(() => {
    window.progressSeen = [];
    new MutationObserver(() => {
      const bar = document.querySelector('[aria-label="Messages"] progress[aria-label="Import progress"]');
      if (bar) window.progressSeen.push(bar.parentElement.innerText);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  for (const [name, content, words, hasValidPart] of cases) {
    await importFile(write(name, content));
    await messages.getByText(`“${name}” was not imported; nothing was changed.`).waitFor();
    assert.match(await messages.innerText(), new RegExp(words), name);
    assert.deepEqual(await entries(), before, `${name} changed nothing`);
    if (hasValidPart) {
      await choice.getByText(`“${name}” has`).waitFor();
      await choice.getByRole('button', { name: 'Cancel import' }).click();
      await messages.getByText('Import cancelled; nothing was changed.').waitFor();
    }
    assert.equal(await choice.count(), 0, `${name}: no question is left open`);
    assert.deepEqual(await entries(), before, `${name} changed nothing`);
  }
  const seen = await page.evaluate(() => window.progressSeen);
  assert.ok(seen.some((t) => t.startsWith('Checking “huge.json”')), `a progress bar while checking 20 MB: ${seen.slice(0, 5)}`);

  // Keep the valid part of a file with one bad annotation: the rest comes in; Ctrl+Z
  // takes the import back.
  await importFile(write('range.json', cases[2][1]));
  await choice.getByRole('button', { name: 'Keep the valid part' }).click();
  await choice.getByRole('button', { name: 'Keep both' }).click(); // its text is in the library too
  await messages.getByText('Imported “Residents rally').waitFor();
  const kept = await entries();
  assert.equal(kept.length, before.length - 1, kept.join(' | '));
  const broken = first.annotations[0];
  assert.ok(!kept.some((e) => e.includes(broken.text)) && before.some((e) => e.includes(broken.text)), kept.join(' | '));
  await page.keyboard.press('Control+z');
  await messages.getByText('Undone: opened “range.json” as a new document.').waitFor();
  assert.deepEqual(await entries(), before);

  // A hostile file: markup and javascript: URLs in every string field stay inert text.
  const evil = '<script>window.pwned=1</script><img src=x onerror="window.pwned=1"><a href="javascript:window.pwned=1">x</a>';
  const hostile = variant((v) => {
    v.document.title = evil;
    v.labels.forEach((l) => { l.hotkey = evil; });
    const first9 = [...v.document.text].slice(0, 9).join('');
    v.annotations.push({ id: 'a99', label: evil, start: 0, end: 9, text: first9, entity: 'e99', note: evil });
    v.entities.push({ id: 'e99', label: evil, name: evil, aliases: [evil], mentions: ['a99'] });
    v.generator = evil;
  });
  await importFile(write('hostile.json', hostile));
  await choice.getByRole('button', { name: 'Keep both' }).click();
  await messages.getByText('were added').waitFor();
  assert.equal(await page.getByRole('textbox', { name: 'Title' }).inputValue(), evil);
  assert.equal((await entries())[0], `${evil}\nResidents`, 'a label is shown as text');
  await page.getByRole('list', { name: 'Annotations' }).getByRole('button').first().click();
  assert.equal(await page.evaluate(() => document.querySelectorAll('.app script, .app img, .app a[href]:not(.skip-link)').length), 0);
  assert.equal(await page.evaluate(() => window.pwned), undefined);

  // Dropping a file on the page imports it too. The open document has its text, so
  // "Replace" makes it exactly the file, and one Undo brings the hostile one back.
  await page.evaluate((content) => {
    const data = new DataTransfer();
    data.items.add(new File([content], 'dropped.marginalia.json', { type: 'application/json' }));
    document.querySelector('.app').dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  }, good);
  await choice.getByText('is already the open document').waitFor();
  await choice.getByRole('button', { name: 'Replace' }).click();
  await messages.getByText('Replaced the annotations of').waitFor();
  assert.deepEqual(await entries(), before);
  assert.equal(await page.getByRole('textbox', { name: 'Title' }).inputValue(), first.document.title);
  await page.getByRole('button', { name: 'Undo' }).click();
  assert.equal(await page.getByRole('textbox', { name: 'Title' }).inputValue(), evil);

  // Merge adds what the open document lacks, and nothing twice.
  const extra = variant((v) => {
    const t = v.document.text;
    const start = [...t.slice(0, t.indexOf('Halden'))].length;
    v.annotations.push({ id: 'a4', label: 'Place', start, end: start + 6, text: 'Halden', entity: 'e9' });
    v.entities.push({ id: 'e9', label: 'Place', name: 'Halden', aliases: [], mentions: ['a4'] });
  });
  const hostileEntries = await entries();
  await page.evaluate((content) => {
    const data = new DataTransfer();
    data.items.add(new File([content], 'dropped.marginalia.json', { type: 'application/json' }));
    document.querySelector('.app').dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  }, extra);
  await choice.getByRole('button', { name: 'Merge' }).click();
  await messages.getByText('1 annotation(s) added, 3 already there').waitFor();
  const merged = await entries();
  assert.equal(merged.length, hostileEntries.length + 1);
  assert.ok(merged.includes('Place\nHalden'), merged.join(' | '));
  assert.ok(requests.every((r) => r.startsWith(it.server.url)), requests.join('\n'));
  await context.close();
});

test('the page never moves when the save status changes', async () => {
  const { page, context } = await openApp(it.browser, it.server.url);
  const top = () => page.evaluate(() => document.querySelector('.article-text').getBoundingClientRect().top);
  const status = page.getByRole('status', { name: 'Save status' });
  await status.getByText('Saved in this browser').waitFor();
  // The message band takes room once there is a message (it takes none before): one
  // message first, so that only the save status changes below.
  const text = await articleText(page);
  await mark(page, text, 'Halden', '3');
  await page.getByRole('status', { name: 'Messages' }).getByText('Marked “Halden” as Place.').waitFor();
  await status.getByText('Saved in this browser').waitFor();
  const before = await top();
  // "Saving…" may show for only a few milliseconds: the page records where the article
  // is at every change of the status, so no short state is missed.
  await page.evaluate(() => {
    window.__tops = [];
    const el = document.querySelector('[aria-label="Save status"]');
    new MutationObserver(() => window.__tops.push([el.textContent, document.querySelector('.article-text').getBoundingClientRect().top]))
      .observe(el, { subtree: true, childList: true, characterData: true });
  });
  await mark(page, text, 'Shiraz', '3');
  await page.waitForFunction(() => window.__tops.some(([t]) => t === 'Saving…') && window.__tops.at(-1)[0].startsWith('Saved in this browser'));
  const tops = await page.evaluate(() => window.__tops);
  for (const [what, y] of tops) assert.equal(y, before, `while the status said “${what}”`);
  assert.equal(await top(), before, 'once saved');
  await context.close();
});

// Word snapping, with a real mouse: a drag that starts inside a word and ends after a
// possessive and a full stop marks the whole name alone; a drag over a quotation's words
// marked as a Quote takes in its quote marks; the same drag with Alt held keeps exactly
// the characters dragged over.
test('a drag snaps to whole words, drops punctuation and the possessive; Alt keeps it exact', async () => {
  const { page, context, errors } = await openApp(it.browser, it.server.url);
  const text = 'The CRP’s spokesperson Maryam Rahimi said: “We stay here.” Then she left.';
  await page.getByRole('button', { name: 'New document' }).click();
  await page.getByRole('textbox', { name: 'Article text' }).fill(text);
  await page.getByRole('button', { name: 'Start annotating' }).click();
  const messages = page.getByRole('status', { name: 'Messages' });
  await messages.getByText('Ready to annotate').waitFor();
  const drag = async (from, to) => dragSelect(page, from, to);

  // "RP’s " → "CRP".
  await drag(cpIndexOf(text, 'RP’s'), cpIndexOf(text, 'RP’s') + 5);
  await page.keyboard.press('2');
  await messages.getByText('Marked “CRP” as Organization.').waitFor();
  // "aryam Rahimi " → "Maryam Rahimi"; a drag that ends inside a word takes it whole.
  await drag(cpIndexOf(text, 'aryam'), cpIndexOf(text, ' said') + 1);
  await page.keyboard.press('1');
  await messages.getByText('Marked “Maryam Rahimi” as Person.').waitFor();
  // "We stay here" as a Quote → “We stay here.”
  await drag(cpIndexOf(text, 'We stay'), cpIndexOf(text, 'here') + 4);
  await page.keyboard.press('6');
  await messages.getByText('Marked ““We stay here.”” as Quote.').waitFor();
  // With Alt held: exactly "he lef".
  await page.keyboard.down('Alt');
  await drag(cpIndexOf(text, 'he left'), cpIndexOf(text, 'he left') + 6);
  await page.keyboard.up('Alt');
  await page.keyboard.press('5');
  await messages.getByText('Marked “he lef” as Event.').waitFor();

  const { json } = await exportJson(page);
  assert.deepEqual(json.annotations.map((a) => a.text), ['CRP', 'Maryam Rahimi', '“We stay here.”', 'he lef']);
  for (const a of json.annotations) assert.equal(cpSlice(text, a.start, a.end), a.text);
  assert.deepEqual(errors, []);
  await context.close();
});

// A clipboard holding only HTML (copied from some editors and mail programs) pastes its
// text, paragraph by paragraph, never its markup; one holding no text says so and the box
// keeps what it had.
test('a clipboard with only HTML pastes its text; one with no text says why not', async () => {
  const { page, context, errors } = await openApp(it.browser, it.server.url);
  await page.getByRole('button', { name: 'New document' }).click();
  const box = page.getByRole('textbox', { name: 'Article text' });
  await box.fill('Draft: ');
  const paste = (items) => box.evaluate((el, items) => {
    const data = new DataTransfer();
    for (const [type, value] of items) data.setData(type, value);
    el.focus();
    el.setSelectionRange(el.value.length, el.value.length);
    return el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, items);
  const html = '<h1>Rally in <b>Halden</b></h1><p>“We stay,” said <a href="https://x.example">Maryam Rahimi</a>.</p><script>window.pwned = 1</script><p>Line one<br>line two</p>';
  assert.equal(await paste([['text/html', html]]), false, 'the browser does not paste it itself');
  assert.equal(await box.inputValue(), 'Draft: Rally in Halden\n\n“We stay,” said Maryam Rahimi.\n\nLine one\nline two');
  const messages = page.getByRole('status', { name: 'Messages' });
  await messages.getByText('Pasted the text of the HTML on the clipboard').waitFor();
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  await paste([['text/uri-list', 'https://x.example/image.png']]);
  await messages.getByText('The clipboard holds no text (text/uri-list): nothing was pasted.').waitFor();
  assert.match(await box.inputValue(), /line two$/);
  // The text pasted is the draft: "Start annotating" takes it.
  await page.getByRole('button', { name: 'Start annotating' }).click();
  await messages.getByText('Ready to annotate').waitFor();
  assert.match(await articleText(page), /^Draft: Rally in Halden\n\n“We stay,”/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('"Suggest" off stays off after a reload', async () => {
  const { page, context } = await openApp(it.browser, it.server.url);
  const suggest = page.getByRole('button', { name: 'Suggest', exact: true });
  await page.getByRole('tab', { name: /^Suggestions/ }).waitFor();
  assert.equal(await suggest.getAttribute('aria-pressed'), 'true', 'on at first');
  await suggest.click();
  await page.getByRole('tab', { name: /^Suggestions/ }).waitFor({ state: 'detached' });
  await page.reload();
  await page.getByRole('region', { name: 'Article' }).waitFor();
  assert.equal(await suggest.getAttribute('aria-pressed'), 'false', 'still off');
  assert.equal(await page.getByRole('tab', { name: /^Suggestions/ }).count(), 0);
  await suggest.click();
  await page.reload();
  await page.getByRole('tab', { name: /^Suggestions/ }).waitFor();
  await context.close();
});
