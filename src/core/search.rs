//! Search across the library: full text, entity names and aliases, speakers, labels,
//! notes, titles and source records, over every document, with results grouped by
//! document.
//!
//! **What is stored.** Beside each document the store keeps its search record ([`record`],
//! written with every save of the document, so it is always current), one JSON object:
//!
//! ```text
//! { "key": "d3", "title": "Rally in Halden", "text": "…the document's text…",
//!   "names": [ { "field": "entity",  "text": "Maryam Rahimi", "start": 394, "end": 407 },
//!              { "field": "alias",   "text": "Rahimi",        "start": 990, "end": 996 },
//!              { "field": "speaker", "text": "Maryam Rahimi", "start": 338, "end": 388 },
//!              { "field": "label",   "text": "Quote",         "start": 338, "end": 388 },
//!              { "field": "note",    "text": "check the date", "start": 12, "end": 20 },
//!              { "field": "source",  "text": "Halden Post",   "start": 0,   "end": 0 } ] }
//! ```
//!
//! Positions are code points of the text. A name's span is where a click shows it: a
//! mention (entity and alias), the quote a speaker spoke, the annotation of a label or
//! note; the title and source fields point at the start.
//!
//! **The index** ([`Index`]) is built in memory from those records, one [`DocIndex`] per
//! document (so a saved document replaces only its own part): every word of the text (UAX
//! #29 word boundaries; spaces and punctuation skipped, emoji kept) under its folded form,
//! with its place. **Folding** ([`fold`]): lower case; Latin letters lose their accents
//! (precomposed or combining); Arabic and Persian: Arabic yeh and alef maksura are Persian
//! yeh, Arabic kaf is Persian kaf, teh marbuta is heh, the hamza forms of alef are alef,
//! and diacritics (harakat), tatweel, ZWNJ and ZWJ are dropped; a final possessive `’s`
//! or `'s` is dropped.
//!
//! **A query** is folded and cut into words the same way. A document matches when its
//! text holds the words one after the other (the last word as a prefix: "rahi" finds
//! "Rahimi"), or a name of it contains the folded query; a match inside a mention is
//! shown as that mention (its entity or alias). Results: documents with the
//! most hits first (then by title), each with its hits in text order, a hit telling its
//! field, its span and a snippet around it.

use super::annotations::Annotation;
use super::document::Document;
use super::ids::EntityId;
use super::offsets::{OffsetIndex, Span};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};
use unicode_segmentation::UnicodeSegmentation;

/// Where a hit was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Field {
    /// The text.
    Text,
    /// An entity's name (the mention that is its name).
    Entity,
    /// Another text of an entity's mention.
    Alias,
    /// A quote's speaker.
    Speaker,
    /// An annotation's label.
    Label,
    /// An annotation's note.
    Note,
    /// The title.
    Title,
    /// The source record (URL, outlet, authors, note).
    Source,
}

impl Field {
    /// The field in words, for a result line.
    pub fn name(self) -> &'static str {
        match self {
            Field::Text => "text",
            Field::Entity => "entity",
            Field::Alias => "alias",
            Field::Speaker => "speaker",
            Field::Label => "label",
            Field::Note => "note",
            Field::Title => "title",
            Field::Source => "source",
        }
    }
}

/// A name of a document: an entity, alias, speaker, label, note, title or source field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Name {
    /// Which kind of name.
    pub field: Field,
    /// Its text.
    pub text: String,
    /// Where a click shows it (code points).
    pub start: usize,
    /// End of that span.
    pub end: usize,
}

/// A document's search record, as stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    /// The document's key (`d<number>`).
    pub key: String,
    /// Its title.
    pub title: String,
    /// Its text.
    pub text: String,
    /// Its names.
    pub names: Vec<Name>,
}

/// The search record of `doc` saved under `key`, as JSON.
pub fn record(doc: &Document, key: &str) -> String {
    serde_json::to_string(&record_of(doc, key)).expect("a search record always serialises")
}

/// The search record of `doc` saved under `key`.
pub fn record_of(doc: &Document, key: &str) -> Record {
    let mut names = head_names(doc);
    let mut named = HashSet::new();
    for a in doc.annotations.iter() {
        annotation_names(doc, a, &mut named, &mut names);
    }
    Record { key: key.to_owned(), title: doc.title.clone(), text: doc.text.as_str().to_owned(), names }
}

/// The names before the annotations': the title and the source's fields.
fn head_names(doc: &Document) -> Vec<Name> {
    let mut names = vec![Name { field: Field::Title, text: doc.title.clone(), start: 0, end: 0 }];
    let source = &doc.source;
    for text in [&source.url, &source.outlet, &source.note].into_iter().chain(source.authors.iter()) {
        if !text.trim().is_empty() {
            names.push(Name { field: Field::Source, text: text.clone(), start: 0, end: 0 });
        }
    }
    names
}

/// The names of annotation `a`, pushed on `names`; `named` holds the entities whose name
/// was given already (an entity's name goes at its first mention that is an alias).
fn annotation_names(doc: &Document, a: &Annotation, named: &mut HashSet<EntityId>, names: &mut Vec<Name>) {
    let at = |field, text: &str| Name { field, text: text.to_owned(), start: a.span.start, end: a.span.end };
    names.push(at(Field::Label, &a.label));
    if !a.note.is_empty() {
        names.push(at(Field::Note, &a.note));
    }
    if let Some(entity) = a.entity.and_then(|e| doc.entities.get(e)) {
        let text = doc.text.slice(a.span).unwrap_or_default();
        if text == entity.name {
            names.push(at(Field::Entity, text));
        } else {
            names.push(at(Field::Alias, text));
            if named.insert(entity.id) {
                names.push(at(Field::Entity, &entity.name)); // its name, at its first mention
            }
        }
        named.insert(entity.id);
    }
    for speaker in a.speakers.iter().filter_map(|s| doc.entities.get(*s)) {
        names.push(at(Field::Speaker, &speaker.name));
    }
}

/// [`record`] written a slice of annotations at a time (see `core::export::SlicedJson`):
/// the same bytes, over several tasks. Every call is given the same document.
pub struct SlicedRecord {
    out: Vec<u8>,
    named: HashSet<EntityId>,
    next: usize,
    /// Names written so far (a comma goes before every one but the first).
    written: usize,
}

impl SlicedRecord {
    /// Starts the record of `doc` saved under `key`: the fields before the names, and the
    /// title's and source's names.
    pub fn new(doc: &Document, key: &str) -> SlicedRecord {
        let mut out = Vec::with_capacity(doc.text.as_str().len() + 64 * doc.annotations.len());
        // `Record`'s field names, in its order (the text written without a copy).
        out.extend_from_slice(b"{\"key\":");
        serde_json::to_writer(&mut out, key).expect("a string serialises");
        out.extend_from_slice(b",\"title\":");
        serde_json::to_writer(&mut out, &doc.title).expect("a string serialises");
        out.extend_from_slice(b",\"text\":");
        serde_json::to_writer(&mut out, doc.text.as_str()).expect("a string serialises");
        out.extend_from_slice(b",\"names\":[");
        let mut sliced = SlicedRecord { out, named: HashSet::new(), next: 0, written: 0 };
        sliced.write(&head_names(doc));
        sliced
    }

    fn write(&mut self, names: &[Name]) {
        for name in names {
            if self.written > 0 {
                self.out.push(b',');
            }
            serde_json::to_writer(&mut self.out, name).expect("a name serialises");
            self.written += 1;
        }
    }

    /// Writes the names of up to `count` more annotations; true when all are written.
    pub fn step(&mut self, doc: &Document, count: usize) -> bool {
        let mut names = Vec::new();
        for a in doc.annotations.iter().skip(self.next).take(count) {
            names.clear();
            annotation_names(doc, a, &mut self.named, &mut names);
            self.write(&names);
            self.next += 1;
        }
        self.next >= doc.annotations.len()
    }

    /// The whole record as JSON, the annotations not yet written included.
    pub fn finish(mut self, doc: &Document) -> String {
        while !self.step(doc, usize::MAX) {}
        self.out.extend_from_slice(b"]}");
        String::from_utf8(self.out).expect("serde_json writes UTF-8")
    }
}

/// `c` folded for search, appended to `out` (see the module's doc comment).
fn fold_char(c: char, out: &mut String) {
    let plain = match c {
        'à'..='å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'č' | 'ĉ' | 'ċ' => 'c',
        'è'..='ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => 'e',
        'ì'..='ï' | 'ī' | 'ĭ' | 'į' | 'ı' => 'i',
        'ñ' | 'ń' | 'ň' | 'ņ' => 'n',
        'ò'..='ö' | 'ø' | 'ō' | 'ő' => 'o',
        'ù'..='ü' | 'ū' | 'ů' | 'ű' | 'ų' => 'u',
        'ý' | 'ÿ' => 'y',
        'ğ' | 'ĝ' | 'ġ' | 'ģ' => 'g',
        'ş' | 'ś' | 'š' | 'ș' => 's',
        'ţ' | 'ť' | 'ț' => 't',
        'ž' | 'ź' | 'ż' => 'z',
        'ł' => 'l',
        'đ' | 'ď' => 'd',
        'ř' => 'r',
        'ß' => return out.push_str("ss"),
        // Arabic and Persian letters written two ways.
        'ي' | 'ى' | 'ئ' => 'ی',
        'ك' => 'ک',
        'ة' => 'ه',
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        'ؤ' => 'و',
        // Marks dropped: combining accents, harakat, superscript alef, tatweel, ZWNJ, ZWJ.
        '\u{300}'..='\u{36f}' | '\u{64b}'..='\u{65f}' | '\u{670}' | '\u{640}' | '\u{200c}' | '\u{200d}' => return,
        c if c.is_uppercase() => {
            for l in c.to_lowercase().filter(|l| !l.is_uppercase()) {
                fold_char(l, out);
            }
            return;
        }
        c => c,
    };
    out.push(plain);
}

/// `text` folded for search (see the module's doc comment).
///
/// ```
/// use marginalia::core::search::fold;
/// assert_eq!(fold("José Ñúñez"), "jose nunez");
/// assert_eq!(fold("Jose\u{301}"), "jose");
/// assert_eq!(fold("علي"), fold("علی"));
/// assert_eq!(fold("می\u{200c}خواهد"), "میخواهد");
/// assert_eq!(fold("RAHIMI’s"), "rahimi");
/// ```
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

/// [`fold`] into `out` (emptied first), so a caller folding many words reuses one buffer.
fn fold_into(text: &str, out: &mut String) {
    out.clear();
    if text.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()) {
        out.push_str(text); // most words of most texts: nothing to fold
        return;
    }
    for c in text.chars() {
        fold_char(c, out);
    }
    for end in ["’s", "'s"] {
        if out.len() > end.len() + 1 && out.ends_with(end) {
            out.truncate(out.len() - end.len());
        }
    }
}

/// Calls `each` with every word of `text`, folded, and its span in code points.
fn each_word(text: &str, mut each: impl FnMut(&str, Span)) {
    let mut at = 0;
    let mut folded = String::new();
    for segment in text.split_word_bounds() {
        let len = if segment.is_ascii() { segment.len() } else { segment.chars().count() };
        let word = segment.chars().any(|c| !c.is_whitespace() && !is_punctuation(c));
        if word {
            fold_into(segment, &mut folded);
            if !folded.is_empty() {
                each(&folded, Span::new(at, at + len));
            }
        }
        at += len;
    }
}

/// The words of `text`, folded, with their spans in code points.
pub fn words(text: &str) -> Vec<(String, Span)> {
    let mut out = Vec::new();
    each_word(text, |w, span| out.push((w.to_owned(), span)));
    out
}

fn is_punctuation(c: char) -> bool {
    c.is_ascii_punctuation() || matches!(c, '“' | '”' | '‘' | '’' | '«' | '»' | '„' | '‹' | '›' | '–' | '—' | '…' | '،' | '؛' | '؟' | '·' | '•' | '\u{a0}')
}

/// One document of the index.
#[derive(Clone, Debug)]
pub struct DocIndex {
    /// Its title.
    pub title: String,
    /// The text, and its code point index for snippets (no fingerprint: not needed here).
    text: String,
    index: OffsetIndex,
    /// Folded word → (word number, start, end), in text order.
    words: BTreeMap<String, Vec<(u32, u32, u32)>>,
    /// Names, folded beside the record's.
    names: Vec<(String, Name)>,
}

impl DocIndex {
    /// The index of one search record.
    pub fn new(record: Record) -> DocIndex {
        let text = record.text;
        let index = OffsetIndex::new(&text);
        let mut words: BTreeMap<String, Vec<(u32, u32, u32)>> = BTreeMap::new();
        let mut n = 0u32;
        each_word(&text, |word, span| {
            let place = (n, span.start as u32, span.end as u32);
            n += 1;
            match words.get_mut(word) {
                Some(list) => list.push(place),
                None => {
                    words.insert(word.to_owned(), vec![place]);
                }
            }
        });
        let names = record.names.into_iter().map(|n| (fold(&n.text), n)).collect();
        DocIndex { title: record.title, text, index, words, names }
    }

    /// Places of `first`, then each next word following at the next word number; the
    /// last word a prefix.
    fn phrase(&self, query: &[String]) -> Vec<Span> {
        let Some((last, before)) = query.split_last() else { return Vec::new() };
        // Word number → end, for each word of the query.
        let places = |word: &String, prefix: bool| -> HashMap<u32, (u32, u32)> {
            let mut at = HashMap::new();
            if prefix {
                for (_, list) in self.words.range::<String, _>(word..).take_while(|(w, _)| w.starts_with(word.as_str())) {
                    at.extend(list.iter().map(|&(n, s, e)| (n, (s, e))));
                }
            } else if let Some(list) = self.words.get(word) {
                at.extend(list.iter().map(|&(n, s, e)| (n, (s, e))));
            }
            at
        };
        let mut sets: Vec<HashMap<u32, (u32, u32)>> = before.iter().map(|w| places(w, false)).collect();
        sets.push(places(last, last.chars().count() >= 2 || !before.is_empty()));
        if sets.iter().any(HashMap::is_empty) {
            return Vec::new();
        }
        let mut found: Vec<Span> = sets[0]
            .iter()
            .filter_map(|(&n, &(start, _))| {
                let mut end = 0;
                for (i, set) in sets.iter().enumerate() {
                    end = set.get(&(n + i as u32))?.1;
                }
                Some(Span::new(start as usize, end as usize))
            })
            .collect();
        found.sort_by_key(|s| s.start);
        found
    }

    /// A snippet around `span`: up to `SNIPPET` characters each side, cut at a space.
    fn snippet(&self, span: Span) -> (String, String, String) {
        let len = self.index.len_chars();
        let from = span.start.saturating_sub(SNIPPET);
        let to = (span.end + SNIPPET).min(len);
        let piece = |s: Span| self.index.slice(&self.text, s).unwrap_or_default().replace('\n', " ");
        let mut before = piece(Span::new(from, span.start));
        let mut after = piece(Span::new(span.end, to));
        if from > 0 {
            before = format!("…{}", before.split_once(' ').map_or(before.as_str(), |(_, b)| b));
        }
        if to < len {
            after = format!("{}…", after.rsplit_once(' ').map_or(after.as_str(), |(a, _)| a));
        }
        (before, piece(span), after)
    }
}

/// Characters of context each side of a hit.
const SNIPPET: usize = 40;
/// Hits kept per document (the count says how many there are).
pub const HITS_SHOWN: usize = 5;

/// The library's search index.
#[derive(Clone, Debug, Default)]
pub struct Index {
    docs: BTreeMap<String, DocIndex>,
}

/// One hit in a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    /// Where it was found.
    pub field: Field,
    /// Where a click shows it.
    pub span: Span,
    /// The text before, the match, and the text after (for a name: the name).
    pub snippet: (String, String, String),
}

/// The hits in one document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    /// The document's key.
    pub key: String,
    /// Its title.
    pub title: String,
    /// How many hits in all.
    pub count: usize,
    /// The first [`HITS_SHOWN`], in text order.
    pub hits: Vec<Hit>,
}

impl Index {
    /// The index of these records.
    pub fn build(records: impl IntoIterator<Item = Record>) -> Index {
        let mut index = Index::default();
        for r in records {
            index.put(r);
        }
        index
    }

    /// Adds or replaces the document of `record`.
    pub fn put(&mut self, record: Record) {
        let key = record.key.clone();
        self.docs.insert(key, DocIndex::new(record));
    }

    /// Removes the document `key`.
    pub fn remove(&mut self, key: &str) {
        self.docs.remove(key);
    }

    /// The keys indexed.
    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.docs.keys()
    }

    /// Number of documents indexed.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// True if nothing is indexed.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Every document matching `query`, most hits first (see the module's doc comment).
    pub fn search(&self, query: &str) -> Vec<Found> {
        let folded = fold(query.trim());
        let terms: Vec<String> = words(query).into_iter().map(|(w, _)| w).collect();
        if folded.is_empty() {
            return Vec::new();
        }
        let mut found: Vec<Found> = self
            .docs
            .iter()
            .filter_map(|(key, doc)| {
                let mut hits: Vec<(Field, Span)> = doc.phrase(&terms).into_iter().map(|s| (Field::Text, s)).collect();
                let text_hits = hits.len();
                hits.extend(doc.names.iter().filter(|(f, _)| f.contains(&folded)).map(|(_, n)| (n.field, Span::new(n.start, n.end))));
                if hits.is_empty() {
                    return None;
                }
                // A mention around a place the text matched is shown as the mention (its
                // entity or alias); another name there adds nothing to show.
                let (text, names) = hits.split_at(text_hits);
                let within = |s: &Span, t: &Span| t.start >= s.start && t.end <= s.end;
                let mentions: Vec<Span> = names.iter().filter(|(f, _)| matches!(f, Field::Entity | Field::Alias)).map(|(_, s)| *s).collect();
                let text: Vec<(Field, Span)> = text.iter().filter(|(_, t)| !mentions.iter().any(|s| within(s, t))).copied().collect();
                let mut names: Vec<(Field, Span)> = names
                    .iter()
                    .filter(|(f, s)| matches!(f, Field::Entity | Field::Alias) || !text.iter().any(|(_, t)| within(s, t)))
                    .copied()
                    .collect();
                names.sort_unstable();
                names.dedup();
                let mut all: Vec<(Field, Span)> = text.into_iter().chain(names).collect();
                all.sort_by_key(|(f, s)| (s.start, s.end, *f));
                let count = all.len();
                let hits = all
                    .into_iter()
                    .take(HITS_SHOWN)
                    .map(|(field, span)| Hit {
                        field,
                        span,
                        snippet: match field {
                            Field::Text | Field::Entity | Field::Alias if !span.is_empty() => doc.snippet(span),
                            _ => {
                                let name = doc.names.iter().find(|(f, n)| n.field == field && n.start == span.start && n.end == span.end && f.contains(&folded));
                                (String::new(), name.map(|(_, n)| n.text.clone()).unwrap_or_default(), String::new())
                            }
                        },
                    })
                    .collect();
                Some(Found { key: key.clone(), title: doc.title.clone(), count, hits })
            })
            .collect();
        found.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.title.cmp(&b.title)).then_with(|| a.key.cmp(&b.key)));
        found
    }
}
