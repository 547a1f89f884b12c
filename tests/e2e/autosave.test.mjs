// Autosave: work survives a reload and a browser restart with the same profile, the
// selection included, and the save status says where things stand.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serveDist, launch, launchWithProfile, openApp, dragSelect, cpIndexOf, cpLen, articleText } from './harness.mjs';

let server;
let browser;
before(async () => {
  server = await serveDist();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const entries = (page) => page.getByRole('list', { name: 'Annotations' }).getByRole('listitem').allInnerTexts();
const saved = (page) => page.getByRole('status', { name: 'Save status' }).getByText('Saved in this browser').waitFor();

async function annotate(page) {
  const text = await articleText(page);
  for (const [needle, key] of [['Maryam Rahimi', '1'], ['"This marsh filters the water our children drink,"', '6']]) {
    const start = cpIndexOf(text, needle);
    await dragSelect(page, start, start + cpLen(needle));
    await page.keyboard.press(key);
  }
  await page.getByRole('combobox', { name: 'Speaker' }).selectOption({ label: 'Maryam Rahimi (Person, a1)' });
}

test('annotate, reload: everything is back, selection included', async () => {
  const { page, context } = await openApp(browser, server.url);
  await saved(page);
  await annotate(page);
  await page.getByRole('textbox', { name: 'Title' }).fill('My rally notes');
  await page.getByRole('textbox', { name: 'Title' }).press('Enter');
  await saved(page);
  const before = await entries(page);
  await page.reload();
  await page.getByRole('status', { name: 'Messages' }).getByText('Welcome back: “My rally notes” is as you left it, with 2 annotation(s).').waitFor();
  assert.deepEqual(await entries(page), before);
  assert.equal(await page.getByRole('textbox', { name: 'Title' }).inputValue(), 'My rally notes');
  await page.getByText('Quote · a2').waitFor(); // the selected quote is selected again
  assert.equal(await page.getByRole('combobox', { name: 'Speaker' }).inputValue(), 'a1');
  // An unfinished paste survives too.
  await page.getByRole('button', { name: 'New document' }).click().catch(() => {});
  await context.close();
});

test('text typed into the box but not yet started survives a reload', async () => {
  const { page, context } = await openApp(browser, server.url);
  await saved(page);
  await page.getByRole('button', { name: 'New document' }).click();
  const box = page.getByRole('textbox', { name: 'Article text' });
  await box.pressSequentially('Half-typed article by مریم 😀', { delay: 20 });
  await page.reload(); // at once: what was typed is saved when the page is hidden
  await page.getByRole('status', { name: 'Messages' }).getByText('Welcome back').waitFor();
  assert.equal(await box.inputValue(), 'Half-typed article by مریم 😀');
  // And the caret was never thrown to the end while typing in the middle.
  await box.press('Home');
  await box.pressSequentially('A ', { delay: 20 });
  await page.getByRole('status', { name: 'Save status' }).getByText('Saving…').waitFor();
  await saved(page); // after a pause in typing, the box's text is saved
  await box.pressSequentially('b', { delay: 20 });
  assert.equal(await box.inputValue(), 'A bHalf-typed article by مریم 😀');
  await page.reload();
  await page.getByRole('status', { name: 'Messages' }).getByText('Welcome back').waitFor();
  assert.equal(await box.inputValue(), 'A bHalf-typed article by مریم 😀');
  await context.close();
});

test('close the browser and reopen it with the same profile: all there', async () => {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'marginalia-profile-'));
  try {
    let context = await launchWithProfile(profile);
    let page = context.pages()[0] ?? await context.newPage();
    await page.goto(server.url);
    await saved(page);
    await annotate(page);
    await saved(page);
    const before = await entries(page);
    await context.close();

    context = await launchWithProfile(profile);
    page = context.pages()[0] ?? await context.newPage();
    await page.goto(server.url);
    await page.getByRole('status', { name: 'Messages' }).getByText('Welcome back').waitFor();
    assert.deepEqual(await entries(page), before);
    await context.close();
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
});

test('without browser storage the app still works and says plainly that nothing is saved', async () => {
  const context = await browser.newContext();
  await context.addInitScript(() => { Object.defineProperty(window, 'indexedDB', { value: undefined }); });
  const page = await context.newPage();
  await page.goto(server.url);
  const status = page.getByRole('status', { name: 'Save status' });
  await status.getByText(/^Not saved: .*Export JSON/).waitFor();
  await annotate(page);
  assert.equal((await entries(page)).length, 2, 'annotating still works');
  assert.match(await status.innerText(), /^Not saved/);
  await context.close();
});
