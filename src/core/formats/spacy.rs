//! spaCy's DocBin (`.spacy`, spaCy 3): every document as a `Doc`, written byte for byte as
//! `DocBin.to_bytes` writes it, and read back.
//!
//! The file is zlib-compressed msgpack of
//! `{"version": 0.1, "attrs": [ORTH, ENT_IOB, ENT_TYPE, ENT_KB_ID], "tokens": <uint64 LE,
//! one row of attrs per token>, "spaces": <one byte 0/1 per token>, "lengths": <int32 LE
//! tokens per document>, "strings": [every string, sorted], "cats": [{}…], "flags":
//! [{"has_unknown_spaces": false}…], "span_groups": [<doc.spans.to_bytes()>…],
//! "user_data": [<msgpack of doc.user_data>…]}`; string values are spaCy's 64-bit
//! MurmurHash2 (seed 1) of their UTF-8 bytes, or the index of spaCy's built-in symbol
//! ("PERSON" is 380; the table is `spacy_symbols.txt`, from spaCy 3.8).
//!
//! - **Tokens** (`core::formats::tokens`): every annotation boundary is a token boundary, so
//!   `doc.char_span(start, end)` finds every annotation in strict mode; the words and their
//!   spaces give back the text exactly.
//! - **`doc.ents`**: the entity mentions that do not overlap (earliest, then longest first),
//!   with the entity id as `kb_id_` ("e3").
//! - **`doc.spans["marginalia"]`**: every annotation (overlaps and nesting kept), its label
//!   as `label_`, its id as `id_` ("a11"), its entity as `kb_id_`.
//! - **`doc.user_data`**: `"marginalia_title"`, `"marginalia_source"` (the source record:
//!   url, outlet, authors, published, retrieved, note), `"marginalia_labels"` (the schema: name,
//!   kind, color, hotkey, speaks), `"marginalia_entities"` (`{id, label, name}`),
//!   `"marginalia_quotes"` (`{id, speakers: [entity ids], cue, continues, kind}`),
//!   `"marginalia_notes"` (`{annotation id: note}`), `"marginalia_rejected"`
//!   (`[[start, end, label]]`).
//!
//! **Lost**: only what a revision of the text leaves (review flags, orphans, the revision
//! record), which no exchange format holds. Offsets are token indices, and `start_char`/`end_char` in code points.
//! **Import** reads any DocBin: with our span group and user data, the document comes back
//! whole; otherwise `doc.ents` and every span group give the annotations.

use super::draft::{assemble, Draft, Group, Item, Ref};
use super::tokens::{non_overlapping, tokenize};
use super::File;
use crate::core::annotations::QuoteKind;
use crate::core::document::Document;
use crate::core::import::{CheckedBundle, Problem, ProblemKind};
use crate::core::labels::{Label, LabelKind};
use crate::core::offsets::Span;
use rmpv::Value;
use std::collections::{BTreeSet, HashMap};

/// spaCy's attribute ids (`spacy.attrs`).
const ORTH: u64 = 65;
const ENT_IOB: u64 = 77;
const ENT_TYPE: u64 = 78;
const ENT_KB_ID: u64 = 452;
/// The span group holding every annotation.
pub const GROUP: &str = "marginalia";

/// spaCy's built-in symbols (`spacy.symbols.IDS`, spaCy 3.8), in id order: a string that
/// is one is stored as its index, not its hash ("PERSON" is 380).
const SYMBOLS: &str = include_str!("spacy_symbols.txt");

fn symbols() -> &'static HashMap<&'static str, u64> {
    static TABLE: std::sync::OnceLock<HashMap<&'static str, u64>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| SYMBOLS.lines().enumerate().map(|(i, name)| (name, i as u64)).collect())
}

/// The id spaCy's StringStore gives `s`: its symbol's index, else its [`hash`].
///
/// ```
/// use marginalia::core::formats::spacy::string_id;
/// assert_eq!(string_id("PERSON"), 380);
/// assert_eq!(string_id(""), 0);
/// assert_eq!(string_id("Person"), marginalia::core::formats::spacy::hash("Person"));
/// ```
pub fn string_id(s: &str) -> u64 {
    symbols().get(s).copied().unwrap_or_else(|| hash(s))
}

/// spaCy's string hash: MurmurHash64A of the UTF-8 bytes, seed 1 (`spacy.strings.hash_string`).
///
/// ```
/// use marginalia::core::formats::spacy::hash;
/// assert_eq!(hash("test"), 1618900948208871284);
/// assert_eq!(hash("مریم"), 7892722230599961389);
/// ```
pub fn hash(s: &str) -> u64 {
    const M: u64 = 0xc6a4_a793_5bd1_e995;
    const R: u32 = 47;
    let data = s.as_bytes();
    let mut h: u64 = 1 ^ (data.len() as u64).wrapping_mul(M);
    let mut chunks = data.chunks_exact(8);
    for chunk in &mut chunks {
        let mut k = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        k = k.wrapping_mul(M);
        k ^= k >> R;
        k = k.wrapping_mul(M);
        h ^= k;
        h = h.wrapping_mul(M);
    }
    let tail = chunks.remainder();
    if !tail.is_empty() {
        for (i, b) in tail.iter().enumerate() {
            h ^= u64::from(*b) << (8 * i);
        }
        h = h.wrapping_mul(M);
    }
    h ^= h >> R;
    h = h.wrapping_mul(M);
    h ^= h >> R;
    h
}

fn s(v: &str) -> Value {
    Value::from(v)
}

fn map(pairs: Vec<(&str, Value)>) -> Value {
    Value::Map(pairs.into_iter().map(|(k, v)| (s(k), v)).collect())
}

fn pack(v: &Value) -> Vec<u8> {
    let mut out = Vec::new();
    rmpv::encode::write_value(&mut out, v).expect("writing to memory");
    out
}

/// All documents in one DocBin.
pub fn export(docs: &[&Document]) -> Vec<File> {
    let name = if docs.len() == 1 { format!("{}.spacy", super::super::export::file_stem(&docs[0].title)) } else { "library.spacy".into() };
    vec![File { path: name, bytes: docbin(docs) }]
}

/// The DocBin bytes of `docs`.
pub fn docbin(docs: &[&Document]) -> Vec<u8> {
    let mut strings: BTreeSet<String> = BTreeSet::new();
    let (mut tokens, mut spaces, mut lengths) = (Vec::new(), Vec::new(), Vec::new());
    let (mut span_groups, mut user_data) = (Vec::new(), Vec::new());
    for doc in docs {
        let toks = tokenize(doc);
        let (ents, _) = non_overlapping(doc, |a| doc.labels.is_entity(&a.label));
        let mut rows = vec![[0u64, 2, 0, 0]; toks.len()];
        for (row, t) in rows.iter_mut().zip(&toks) {
            let word = doc.text.slice(t.span).unwrap_or_default();
            row[0] = string_id(word);
            strings.insert(word.to_owned());
        }
        for e in &ents {
            let first = toks.partition_point(|t| t.span.start < e.span.start);
            let kb = e.entity.map(|id| id.to_string()).unwrap_or_default();
            for (i, t) in toks.iter().enumerate().skip(first).take_while(|(_, t)| t.span.start < e.span.end) {
                rows[i][1] = if t.span.start == e.span.start { 3 } else { 1 };
                rows[i][2] = string_id(&e.label);
                rows[i][3] = if kb.is_empty() { 0 } else { string_id(&kb) };
            }
            strings.insert(e.label.clone());
            if !kb.is_empty() {
                strings.insert(kb);
            }
        }
        for row in &rows {
            for v in row {
                tokens.extend_from_slice(&v.to_le_bytes());
            }
        }
        spaces.extend(toks.iter().map(|t| u8::from(t.space)));
        lengths.extend_from_slice(&(toks.len() as i32).to_le_bytes());
        // Every annotation in one span group.
        let token_of_start = |pos: usize| toks.partition_point(|t| t.span.start < pos);
        let token_of_end = |pos: usize| toks.partition_point(|t| t.span.end <= pos);
        let mut spans = Vec::new();
        for a in doc.annotations.iter() {
            let (id, kb) = (a.id.to_string(), a.entity.map(|e| e.to_string()).unwrap_or_default());
            let mut packed = Vec::with_capacity(40);
            packed.extend_from_slice(&string_id(&id).to_be_bytes());
            packed.extend_from_slice(&(if kb.is_empty() { 0 } else { string_id(&kb) }).to_be_bytes());
            packed.extend_from_slice(&string_id(&a.label).to_be_bytes());
            for n in [token_of_start(a.span.start), token_of_end(a.span.end), a.span.start, a.span.end] {
                packed.extend_from_slice(&(n as i32).to_be_bytes());
            }
            spans.push(Value::Binary(packed));
            strings.extend([id, a.label.clone()]);
            if !kb.is_empty() {
                strings.insert(kb);
            }
        }
        let group = pack(&map(vec![("name", s(GROUP)), ("attrs", Value::Map(Vec::new())), ("spans", Value::Array(spans))]));
        span_groups.push(Value::Binary(pack(&Value::Map(vec![(Value::Binary(group), Value::Array(vec![s(GROUP)]))]))));
        user_data.push(Value::Binary(pack(&user_data_of(doc))));
    }
    let msg = map(vec![
        ("version", Value::F64(0.1)),
        ("attrs", Value::Array([ORTH, ENT_IOB, ENT_TYPE, ENT_KB_ID].map(Value::from).to_vec())),
        ("tokens", Value::Binary(tokens)),
        ("spaces", Value::Binary(spaces)),
        ("lengths", Value::Binary(lengths)),
        ("strings", Value::Array(strings.iter().map(|x| s(x)).collect())),
        ("cats", Value::Array(docs.iter().map(|_| Value::Map(Vec::new())).collect())),
        ("flags", Value::Array(docs.iter().map(|_| map(vec![("has_unknown_spaces", Value::Boolean(false))])).collect())),
        ("span_groups", Value::Array(span_groups)),
        ("user_data", Value::Array(user_data)),
    ]);
    miniz_oxide::deflate::compress_to_vec_zlib(&pack(&msg), 6)
}

fn user_data_of(doc: &Document) -> Value {
    let labels = doc
        .labels
        .iter()
        .map(|l| map(vec![("name", s(&l.name)), ("kind", s(l.kind.name())), ("color", s(&l.color)), ("hotkey", s(&l.hotkey)), ("speaks", Value::Boolean(l.speaks))]))
        .collect();
    let entities = doc.entities.iter().map(|e| map(vec![("id", s(&e.id.to_string())), ("label", s(&e.label)), ("name", s(&e.name))])).collect();
    let quotes = doc
        .annotations
        .iter()
        .filter(|a| doc.labels.is_quote(&a.label))
        .map(|q| {
            let opt = |x: Option<String>| x.map_or(Value::Nil, |x| s(&x));
            map(vec![
                ("id", s(&q.id.to_string())),
                ("speakers", Value::Array(q.speakers.iter().map(|e| s(&e.to_string())).collect())),
                ("cue", opt(q.cue.map(|c| c.to_string()))),
                ("continues", opt(q.continues.map(|c| c.to_string()))),
                ("kind", opt(q.quote_kind.map(|k| k.name().to_owned()))),
            ])
        })
        .collect();
    let notes = doc.annotations.iter().filter(|a| !a.note.is_empty()).map(|a| (s(&a.id.to_string()), s(&a.note))).collect();
    let rejected = doc.rejected.iter().map(|(span, label)| Value::Array(vec![Value::from(span.start as u64), Value::from(span.end as u64), s(label)])).collect();
    let src = &doc.source;
    let source = map(vec![
        ("url", s(&src.url)),
        ("outlet", s(&src.outlet)),
        ("authors", Value::Array(src.authors.iter().map(|a| s(a)).collect())),
        ("published", s(&src.published)),
        ("retrieved", s(&src.retrieved)),
        ("note", s(&src.note)),
    ]);
    map(vec![
        ("marginalia_title", s(&doc.title)),
        ("marginalia_source", source),
        ("marginalia_labels", Value::Array(labels)),
        ("marginalia_entities", Value::Array(entities)),
        ("marginalia_quotes", Value::Array(quotes)),
        ("marginalia_notes", Value::Map(notes)),
        ("marginalia_rejected", Value::Array(rejected)),
    ])
}

/// True if `bytes` are zlib data holding a DocBin.
pub fn looks_like(bytes: &[u8]) -> bool {
    bytes.len() > 2 && bytes[0] == 0x78 && matches!(bytes[1], 0x01 | 0x5e | 0x9c | 0xda) && unpack(bytes).is_ok()
}

/// The largest DocBin accepted once inflated (a 5M-character text with its tokens fits).
const MAX_INFLATED: usize = 512 * 1024 * 1024;

fn unpack(bytes: &[u8]) -> Result<Value, String> {
    let raw = miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(bytes, MAX_INFLATED).map_err(|e| format!("it is not zlib data ({e:?})"))?;
    let msg = rmpv::decode::read_value(&mut raw.as_slice()).map_err(|e| format!("it is not msgpack ({e})"))?;
    if get(&msg, "tokens").is_none() || get(&msg, "attrs").is_none() {
        return Err("it has no tokens".into());
    }
    Ok(msg)
}

fn get<'v>(v: &'v Value, key: &str) -> Option<&'v Value> {
    v.as_map()?.iter().find(|(k, _)| k.as_str() == Some(key)).map(|(_, v)| v)
}

fn string(v: Option<&Value>) -> Option<String> {
    v.and_then(Value::as_str).map(str::to_owned)
}

/// Reads a DocBin.
pub fn import(bytes: &[u8], name: &str) -> CheckedBundle {
    let mut bundle = CheckedBundle::default();
    let refuse = |message: String| CheckedBundle {
        problems: vec![Problem { place: "file".into(), kind: ProblemKind::NotAnExport, message: format!("This is not a spaCy DocBin: {message}.") }],
        ..CheckedBundle::default()
    };
    let msg = match unpack(bytes) {
        Ok(m) => m,
        Err(why) => return refuse(why),
    };
    let attrs: Vec<u64> = get(&msg, "attrs").and_then(Value::as_array).map(|a| a.iter().filter_map(Value::as_u64).collect()).unwrap_or_default();
    let mut strings: HashMap<u64, String> = symbols().iter().map(|(name, id)| (*id, (*name).to_owned())).collect();
    strings.extend(get(&msg, "strings").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str).map(|x| (string_id(x), x.to_owned())));
    let column = |attr: u64| attrs.iter().position(|a| *a == attr);
    let (Some(orth), Some(tokens), Some(spaces), Some(lengths)) = (
        column(ORTH),
        get(&msg, "tokens").and_then(Value::as_slice),
        get(&msg, "spaces").and_then(Value::as_slice),
        get(&msg, "lengths").and_then(Value::as_slice),
    ) else {
        return refuse("its tokens, spaces or lengths are missing".into());
    };
    let width = attrs.len().max(1);
    let cell = |row: usize, col: usize| -> u64 {
        let at = (row * width + col) * 8;
        tokens.get(at..at + 8).map_or(0, |b| u64::from_le_bytes(b.try_into().expect("eight bytes")))
    };
    let lengths: Vec<usize> = lengths.chunks_exact(4).map(|c| i32::from_le_bytes(c.try_into().expect("four bytes")).max(0) as usize).collect();
    let groups = get(&msg, "span_groups").and_then(Value::as_array).cloned().unwrap_or_default();
    let user = get(&msg, "user_data").and_then(Value::as_array).cloned().unwrap_or_default();
    let mut row = 0;
    for (d, &n) in lengths.iter().enumerate() {
        let place = format!("document {} of {}", d + 1, lengths.len());
        if (row + n) * width * 8 > tokens.len() || row + n > spaces.len() {
            bundle.add(crate::core::import::Checked {
                imported: None,
                problems: vec![Problem { place, kind: ProblemKind::Truncated, message: "Its tokens run past the end of the file.".into() }],
                dropped: 0,
            });
            break;
        }
        // The text, from the words and their spaces.
        let mut text = String::new();
        let mut starts = Vec::with_capacity(n + 1);
        let mut unknown = 0;
        let mut pos = 0;
        #[allow(clippy::needless_range_loop)]
        for t in row..row + n {
            starts.push(pos);
            let word = strings.get(&cell(t, orth)).map(String::as_str).unwrap_or_else(|| {
                unknown += 1;
                "\u{fffd}"
            });
            text.push_str(word);
            pos += word.chars().count();
            if spaces[t] != 0 {
                text.push(' ');
                pos += 1;
            }
        }
        starts.push(pos);
        let data = user.get(d).and_then(Value::as_slice).and_then(|b| rmpv::decode::read_value(&mut &b[..]).ok());
        let mut draft = Draft { title: name.trim_end_matches(".spacy").to_owned(), text, ..Draft::default() };
        if unknown > 0 {
            draft.problems.push(Problem { place: place.clone(), kind: ProblemKind::TextMismatch, message: format!("{unknown} word(s) are not in the file's strings; they read as �.") });
        }
        // Spans: our group, else every group and the entities.
        let spans = group_spans(groups.get(d), &strings);
        let ours = spans.iter().any(|(g, _)| g == GROUP);
        for (g, sp) in spans.iter().filter(|(g, _)| !ours || g == GROUP) {
            draft.items.push(Item {
                key: sp.id.clone().unwrap_or_else(|| format!("{g}:{}", draft.items.len() + 1)),
                place: format!("{place}, span {}–{} in group “{g}”", sp.start, sp.end),
                label: sp.label.clone(),
                span: Span::new(sp.start, sp.end),
                entity: sp.kb.clone(),
                ..Item::default()
            });
        }
        if !ours {
            if let (Some(iob), Some(ty)) = (column(ENT_IOB), column(ENT_TYPE)) {
                let mut open: Option<(usize, u64)> = None;
                let close = |draft: &mut Draft, open: &mut Option<(usize, u64)>, end: usize| {
                    if let Some((start, label)) = open.take() {
                        let label = strings.get(&label).cloned().unwrap_or_default();
                        draft.items.push(Item { key: format!("ent{start}"), place: format!("{place}, entity at token {start}"), label, span: Span::new(starts[start], end), ..Item::default() });
                    }
                };
                for t in 0..n {
                    let (tag, label) = (cell(row + t, iob), cell(row + t, ty));
                    let end = starts[t] + strings.get(&cell(row + t, orth)).map_or(1, |w| w.chars().count());
                    match tag {
                        3 => {
                            let previous_end = if t > 0 { starts[t] - usize::from(spaces[row + t - 1] != 0) } else { 0 };
                            close(&mut draft, &mut open, previous_end);
                            open = Some((t, label));
                        }
                        1 => {}
                        _ => {
                            let previous_end = if t > 0 { starts[t] - usize::from(spaces[row + t - 1] != 0) } else { 0 };
                            close(&mut draft, &mut open, previous_end);
                        }
                    }
                    if t + 1 == n {
                        close(&mut draft, &mut open, end);
                    }
                }
            }
        }
        if let Some(data) = &data {
            read_user_data(data, &mut draft);
        }
        bundle.add(assemble(draft, "spaCy DocBin"));
        row += n;
    }
    bundle
}

struct SpanC {
    id: Option<String>,
    kb: Option<String>,
    label: String,
    start: usize,
    end: usize,
}

/// The spans of each group in a document's `span_groups` bytes.
fn group_spans(bytes: Option<&Value>, strings: &HashMap<u64, String>) -> Vec<(String, SpanC)> {
    let Some(b) = bytes.and_then(Value::as_slice) else { return Vec::new() };
    let Ok(msg) = rmpv::decode::read_value(&mut &b[..]) else { return Vec::new() };
    let groups: Vec<Vec<u8>> = match &msg {
        Value::Map(entries) => entries.iter().filter_map(|(k, _)| k.as_slice().map(<[u8]>::to_vec)).collect(),
        Value::Array(items) => items.iter().filter_map(|v| v.as_slice().map(<[u8]>::to_vec)).collect(),
        _ => Vec::new(),
    };
    let name = |h: u64| (h != 0).then(|| strings.get(&h).cloned()).flatten();
    let mut out = Vec::new();
    for g in groups {
        let Ok(group) = rmpv::decode::read_value(&mut g.as_slice()) else { continue };
        let gname = string(get(&group, "name")).unwrap_or_default();
        for sp in get(&group, "spans").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_slice) {
            if sp.len() != 40 {
                continue;
            }
            let q = |i: usize| u64::from_be_bytes(sp[i * 8..i * 8 + 8].try_into().expect("eight bytes"));
            let l = |i: usize| i32::from_be_bytes(sp[24 + i * 4..28 + i * 4].try_into().expect("four bytes")).max(0) as usize;
            out.push((gname.clone(), SpanC { id: name(q(0)), kb: name(q(1)), label: name(q(2)).unwrap_or_default(), start: l(2), end: l(3) }));
        }
    }
    out
}

/// The schema, entities, quote links, notes and title from our user data.
fn read_user_data(data: &Value, draft: &mut Draft) {
    if let Some(t) = string(get(data, "marginalia_title")) {
        draft.title = t;
    }
    if let Some(src) = get(data, "marginalia_source") {
        let text = |f: &str| string(get(src, f)).unwrap_or_default();
        draft.source = crate::core::source::Source {
            url: text("url"),
            outlet: text("outlet"),
            authors: get(src, "authors").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str).map(str::to_owned).collect(),
            published: text("published"),
            retrieved: text("retrieved"),
            note: text("note"),
        };
    }
    for l in get(data, "marginalia_labels").and_then(Value::as_array).into_iter().flatten() {
        let Some(name) = string(get(l, "name")) else { continue };
        draft.labels.push(Label {
            name,
            kind: get(l, "kind").and_then(Value::as_str).and_then(LabelKind::from_name).unwrap_or(LabelKind::Entity),
            color: string(get(l, "color")).unwrap_or_default(),
            hotkey: string(get(l, "hotkey")).unwrap_or_default(),
            speaks: get(l, "speaks").and_then(Value::as_bool).unwrap_or(false),
        });
    }
    for e in get(data, "marginalia_entities").and_then(Value::as_array).into_iter().flatten() {
        if let Some(key) = string(get(e, "id")) {
            draft.groups.push(Group { key, name: string(get(e, "name")) });
        }
    }
    for q in get(data, "marginalia_quotes").and_then(Value::as_array).into_iter().flatten() {
        let Some(id) = string(get(q, "id")) else { continue };
        let Some(item) = draft.items.iter_mut().find(|i| i.key == id) else { continue };
        item.speakers = get(q, "speakers").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str).map(|e| Ref::Group(e.to_owned())).collect();
        item.cue = string(get(q, "cue"));
        item.continues = string(get(q, "continues"));
        item.kind = get(q, "kind").and_then(Value::as_str).and_then(QuoteKind::from_name);
        item.kind_hint = Some(LabelKind::Quote);
    }
    for r in get(data, "marginalia_rejected").and_then(Value::as_array).into_iter().flatten() {
        if let Some([start, end, label]) = r.as_array().map(Vec::as_slice) {
            if let (Some(start), Some(end), Some(label)) = (start.as_u64(), end.as_u64(), label.as_str()) {
                draft.rejected.push((Span::new(start as usize, end as usize), label.to_owned()));
            }
        }
    }
    for (k, v) in get(data, "marginalia_notes").and_then(Value::as_map).into_iter().flatten() {
        if let (Some(k), Some(v)) = (k.as_str(), v.as_str()) {
            if let Some(item) = draft.items.iter_mut().find(|i| i.key == k) {
                item.note = v.to_owned();
            }
        }
    }
}
