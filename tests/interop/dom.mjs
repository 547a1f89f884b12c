// The W3C exports anchored in a DOM by the real libraries (jsdom stands in for the page):
//   node dom.mjs apache FILE     Apache Annotator: every TextPositionSelector (code points)
//                                and TextQuoteSelector of FILE anchors to its exact text
//   node dom.mjs recogito FILE   Recogito's W3C adapter: every selector of FILE (UTF-16)
//                                revives to a DOM range holding its exact text
//   node dom.mjs describe -      Apache Annotator describes ranges of the text as
//                                annotations (printed as JSON), for Marginalia to import
// The document's text comes on standard input. Exits 1 on the first mismatch.
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';

const [mode, file] = process.argv.slice(2);
const text = readFileSync(0, 'utf8');
const dom = new JSDOM('<!DOCTYPE html><html><body><div id="article"></div></body></html>');
for (const name of ['window', 'document', 'Node', 'NodeFilter', 'Range', 'HTMLElement', 'Element', 'Text']) {
  globalThis[name] = name === 'window' ? dom.window : dom.window[name] ?? dom.window.document;
}
globalThis.navigator = dom.window.navigator;
const container = document.getElementById('article');
// The text in several nodes, one a line, as a page renders paragraphs.
for (const line of text.split(/(?<=\n)/)) {
  const p = document.createElement('span');
  p.appendChild(document.createTextNode(line));
  container.appendChild(p);
}
if (container.textContent !== text) throw new Error('the DOM does not hold the text');

const scope = () => {
  const r = document.createRange();
  r.selectNodeContents(container);
  return r;
};
const fail = (why) => {
  console.log(why);
  process.exit(1);
};
const items = (json) => json.first?.items ?? json.items ?? (Array.isArray(json) ? json : [json]);
const selector = (a, type) => [a.target].flat().flatMap((t) => [t.selector].flat()).find((s) => s?.type === type);

if (mode === 'apache') {
  const { createTextPositionSelectorMatcher, createTextQuoteSelectorMatcher } = await import('@apache-annotator/dom');
  const annotations = items(JSON.parse(readFileSync(file, 'utf8')));
  for (const a of annotations) {
    const position = selector(a, 'TextPositionSelector');
    const quote = selector(a, 'TextQuoteSelector');
    let found = null;
    for await (const range of createTextPositionSelectorMatcher(position)(scope())) {
      found = range;
      break;
    }
    if (!found || found.toString() !== quote.exact) fail(`${a.id}: the position ${position.start}-${position.end} anchors to ${JSON.stringify(found?.toString())}, not ${JSON.stringify(quote.exact)}`);
    let same = false;
    for await (const range of createTextQuoteSelectorMatcher(quote)(scope())) {
      if (range.toString() === quote.exact && range.compareBoundaryPoints(Range.START_TO_START, found) === 0) same = true;
    }
    if (!same) fail(`${a.id}: the TextQuoteSelector does not find the position's range`);
  }
  console.log(`apache: ${annotations.length} annotations anchored`);
} else if (mode === 'recogito') {
  const { parseW3CTextAnnotation, reviveTarget } = await import('@recogito/text-annotator');
  const annotations = items(JSON.parse(readFileSync(file, 'utf8')));
  for (const a of annotations) {
    const { parsed, error } = parseW3CTextAnnotation(a);
    if (error) fail(`${a.id}: Recogito cannot parse it: ${error}`);
    const revived = reviveTarget(parsed.target, container);
    for (const s of revived.selector) {
      if (s.range.toString() !== s.quote) fail(`${a.id}: Recogito revives ${s.start}-${s.end} to ${JSON.stringify(s.range.toString())}, not ${JSON.stringify(s.quote)}`);
    }
  }
  console.log(`recogito: ${annotations.length} annotations revived`);
} else if (mode === 'describe') {
  const { describeTextPosition, describeTextQuote } = await import('@apache-annotator/dom');
  // Ranges over whole words, some after emoji and in Persian.
  const words = [...text.matchAll(/[\p{L}\p{N}]+/gu)].filter((_, i) => i % 3 === 0).slice(0, 12);
  const out = [];
  for (const m of words) {
    const before = text.slice(0, m.index);
    const start = [...before].length;
    const end = start + [...m[0]].length;
    // The DOM range, in UTF-16 units within the nodes.
    const r = document.createRange();
    let offset = 0;
    const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const len = n.textContent.length;
      if (m.index >= offset && m.index <= offset + len) r.setStart(n, m.index - offset);
      if (m.index + m[0].length >= offset && m.index + m[0].length <= offset + len) {
        r.setEnd(n, m.index + m[0].length - offset);
        break;
      }
      offset += len;
    }
    const position = await describeTextPosition(r, scope());
    const quote = await describeTextQuote(r, scope());
    out.push({
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      id: `urn:apache-annotator:${out.length + 1}`,
      type: 'Annotation',
      body: { type: 'TextualBody', purpose: 'tagging', value: 'Place' },
      target: { selector: [position, quote] },
      'mg:start': start,
      'mg:end': end,
    });
  }
  console.log(JSON.stringify(out, null, 2));
} else {
  fail(`unknown mode ${mode}`);
}
