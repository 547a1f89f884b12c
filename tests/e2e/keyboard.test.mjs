// A whole session without a mouse: paste, start, a caret in the article moved and
// extended by word, a label key, Find to reach a quote, a speaker typed, Tab between
// annotations, Delete and undo, "Label all matches", and the export, checked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { suite, openApp, cpIndexOf, cpLen } from './harness.mjs';

const it = suite();

/** Presses Tab (or Shift+Tab) until the focused element is named `name`. */
async function tabTo(page, name, back = false) {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement;
      return el.getAttribute('aria-label') ?? el.textContent.trim();
    });
    if (focused === name) return;
  }
  throw new Error(`Tab never reached ${name}`);
}

const ARTICLE = 'Ana Lima said: “We stay.” Ana left early.\n\n“We fight,” said the CRP, and the CRP meant it.';

test('a keyboard-only session from paste to export', async () => {
  const { page, context, errors } = await openApp(it.browser, it.server.url);
  const messages = page.getByRole('status', { name: 'Messages' });
  await tabTo(page, 'New document');
  await page.keyboard.press('Enter');
  await tabTo(page, 'Article text');
  await page.keyboard.insertText(ARTICLE);
  await tabTo(page, 'Start annotating');
  await page.keyboard.press('Enter');
  await messages.getByText('Ready to annotate').waitFor();

  // A caret in the article: the first arrow puts it at the start; Ctrl+Shift+Right
  // extends by words; 1 marks a Person.
  await tabTo(page, 'Article');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Control+Shift+ArrowRight');
  await page.keyboard.press('Control+Shift+ArrowRight');
  await page.keyboard.press('1');
  await messages.getByText('Marked “Ana Lima” as Person.').waitFor();
  // The next arrow puts the caret after the new annotation, "Ana Lima"; four more
  // characters, then Shift+Left twice selects the two before the caret.
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
  for (let i = 0; i < 2; i++) await page.keyboard.press('Shift+ArrowLeft');
  assert.equal(await page.evaluate(() => String(getSelection())), 'ai');
  assert.equal(await page.locator('.caret').isVisible(), false, 'an extended selection shows no caret');
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.locator('.caret').isVisible(), true, 'a caret is drawn');
  await page.keyboard.press('Escape');

  // Find (Ctrl+F) reaches the quote; Enter selects the match; 6 marks it.
  await page.keyboard.press('Control+f');
  await page.keyboard.insertText('“We stay.”');
  await page.getByRole('status', { name: 'Matches' }).getByText('1 match(es)').waitFor();
  await page.keyboard.press('Enter');
  await tabTo(page, 'Next match');
  await page.keyboard.press('6');
  await messages.getByText('Marked ““We stay.”” as Quote.').waitFor();

  // Its speaker, typed: a few letters, then the choice.
  await tabTo(page, 'Find speaker');
  await page.keyboard.insertText('lim');
  await tabTo(page, 'Ana Lima (Person)');
  await page.keyboard.press('Enter');
  await messages.getByText('Speaker set to Ana Lima.').waitFor();

  // Tab and Shift+Tab move between annotations in the article; Delete, then undo.
  await tabTo(page, 'Article', true);
  await page.keyboard.press('Shift+Tab');
  await page.getByText('Person · a1').waitFor();
  await page.keyboard.press('Tab');
  await page.getByText('Quote · a2').waitFor();
  await page.keyboard.press('Delete');
  await messages.getByText('Deleted Quote').waitFor();
  await page.keyboard.press('Control+z');
  await messages.getByText('Undone: Deleted Quote').waitFor();

  // "Label all matches": every whole-word CRP as an Organization, one entity.
  await page.keyboard.press('Control+f');
  await page.keyboard.press('Control+a');
  await page.keyboard.insertText('CRP');
  await tabTo(page, 'Label for matches');
  await page.keyboard.press('ArrowDown'); // Person → Organization
  await tabTo(page, 'Label all matches');
  await page.keyboard.press('Enter');
  await messages.getByText('Marked 2 match(es) as Organization.').waitFor();
  await tabTo(page, 'Close find');
  await page.keyboard.press('Enter');

  // Export, by keyboard, and check every offset. The dialog opens with its chosen format
  // focused; the arrow keys move through the formats and the loss line follows; Escape
  // closes it, and the format stays chosen the next time; Enter downloads.
  await tabTo(page, 'Export…', true);
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await dialog.waitFor();
  const focusedRadio = () => page.evaluate(() => document.activeElement.type === 'radio' && document.activeElement.labels[0].textContent);
  assert.equal(await focusedRadio(), 'Marginalia JSON');
  await page.keyboard.press('ArrowDown');
  assert.equal(await focusedRadio(), 'W3C Web Annotation');
  await dialog.getByRole('status').getByText('Everything in this document is kept in W3C Web Annotation.').waitFor();
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  // Focus goes back to "Export…", and Enter opens the dialog again.
  await page.waitForFunction(() => document.activeElement?.textContent === 'Export…');
  await page.keyboard.press('Enter');
  await dialog.waitFor();
  assert.equal(await focusedRadio(), 'W3C Web Annotation');
  await page.keyboard.press('ArrowUp');
  assert.equal(await focusedRadio(), 'Marginalia JSON');
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  await dialog.waitFor({ state: 'detached' });
  const json = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
  const at = (needle, from = 0) => [cpIndexOf(ARTICLE, needle, from), cpIndexOf(ARTICLE, needle, from) + cpLen(needle)];
  const got = json.annotations.map((a) => [a.label, a.start, a.end, a.text]);
  assert.deepEqual(got, [
    ['Person', ...at('Ana Lima'), 'Ana Lima'],
    ['Quote', ...at('“We stay.”'), '“We stay.”'],
    ['Organization', ...at('CRP'), 'CRP'],
    ['Organization', ...at('CRP', cpIndexOf(ARTICLE, 'CRP') + 1), 'CRP'],
  ]);
  const person = json.annotations[0];
  assert.deepEqual(json.annotations[1].speakers, [person.entity]);
  assert.equal(json.entities.filter((e) => e.label === 'Organization').length, 1, 'both CRPs are one entity');

  // Every control on the page has an accessible name, with a quote selected, Find open
  // and the label editor shown.
  await tabTo(page, 'Edit labels', true);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Control+f');
  await page.getByRole('region', { name: 'Label schema' }).waitFor();
  const unnamed = await page.evaluate(() => [...document.querySelectorAll('button, input, select, textarea, [role=tab]')]
    .filter((el) => !el.closest('[aria-hidden=true]') && el.offsetParent !== null)
    .filter((el) => {
      const name = el.getAttribute('aria-label') || [...(el.labels ?? [])].map((l) => l.textContent).join('') || (el.tagName === 'BUTTON' || el.getAttribute('role') === 'tab' ? el.textContent : '');
      return !name.trim();
    })
    .map((el) => el.outerHTML.slice(0, 80)));
  assert.deepEqual(unnamed, []);
  const controls = await page.locator('button:visible, input:visible, select:visible, textarea:visible').count();
  assert.ok(controls > 60, `the audit saw ${controls} controls`);
  assert.deepEqual(errors, []);
  await context.close();
});

// The work of a fact-checker's first minute, by keyboard only from page load, counting
// every key pressed (a typed letter is a key): an organisation, a quotation and its
// speaker marked, then exported. Find's Enter then a label key marks the match (a quote
// label the whole quotation around the word found) and returns to the article; S puts
// the typing in "Find speaker", whose Enter takes the nearest; Ctrl+S exports.
test('from page load to export: an organisation, a quote and its speaker, counting keys', async () => {
  const { page, context, errors } = await openApp(it.browser, it.server.url);
  const messages = page.getByRole('status', { name: 'Messages' });
  await page.getByRole('region', { name: 'Article' }).waitFor();
  let keys = 0;
  const press = async (key) => { keys++; await page.keyboard.press(key); };
  const type = async (text) => { for (const c of text) await press(c); };

  await press('Control+f');
  // Typing needs the Find box focused (under load the bar can open a frame later).
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Find');
  await type('CRP');
  await page.getByRole('status', { name: 'Matches' }).getByText('1 match(es)').waitFor();
  await press('Enter');
  await press('2');
  await messages.getByText('Marked “CRP” as Organization.').waitFor();
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Article');

  // One word of the quotation finds it; 6 marks all of it, quote marks included.
  await press('Control+f');
  await type('drink');
  await page.getByRole('status', { name: 'Matches' }).getByText('1 match(es)').waitFor();
  await press('Enter');
  await press('6');
  await messages.getByText('Marked “"This marsh filters the water our children drink,"” as Quote.').waitFor();

  // Its speaker, right after it: the caret past the quote, over "said", two words
  // taken, 1 marks them (the space before is dropped by word snapping).
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Article');
  await press('ArrowRight');
  await press('Control+ArrowRight');
  await press('Control+Shift+ArrowRight');
  await press('Control+Shift+ArrowRight');
  await press('1');
  await messages.getByText('Marked “Maryam Rahimi” as Person.').waitFor();

  // Back to the quote, S, and Enter takes the nearest speaker.
  await press('Shift+Tab');
  await page.getByText('Quote · a2').waitFor();
  await press('s');
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Find speaker');
  await page.getByRole('list', { name: 'Speaker choices' }).getByRole('button', { name: 'Maryam Rahimi (Person)' }).waitFor();
  await press('Enter');
  await messages.getByText('Speaker set to Maryam Rahimi.').waitFor();

  await press('Control+s');
  await page.getByRole('dialog', { name: 'Export' }).waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), press('Enter')]);
  const json = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
  const got = json.annotations.map((a) => [a.label, a.text]);
  assert.deepEqual(got, [
    ['Organization', 'CRP'],
    ['Quote', '"This marsh filters the water our children drink,"'],
    ['Person', 'Maryam Rahimi'],
  ]);
  assert.deepEqual(json.annotations[1].speakers, [json.annotations[2].entity]);
  console.log(`keyboard: ${keys} keys from page load to export (an organisation, a quote, its speaker)`);
  assert.ok(keys <= 26, `${keys} keys`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('? shows the keyboard shortcuts, with the label keys of the schema; Escape closes it', async () => {
  const { page, context } = await openApp(it.browser, it.server.url);
  await page.locator('.article-frame').focus();
  await page.keyboard.press('?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await dialog.waitFor();
  // It opens at its top, the focus on its heading.
  await page.waitForFunction(() => document.activeElement?.textContent === 'Keyboard shortcuts');
  assert.equal(await dialog.evaluate((d) => d.scrollTop), 0);
  for (const text of ['Mark the selection as Person', 'Mark the selection as Cue', 'Ctrl+F', 'Ctrl+S', 'Alt (while selecting)']) {
    await dialog.getByText(text).first().waitFor();
  }
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  // In a text field, ? is a character.
  await page.keyboard.press('Control+f');
  await page.keyboard.press('?');
  assert.equal(await page.getByRole('searchbox', { name: 'Find' }).inputValue(), '?');
  assert.equal(await dialog.count(), 0);
  await context.close();
});
