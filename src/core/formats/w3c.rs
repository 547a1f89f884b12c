//! W3C Web Annotation (<https://www.w3.org/TR/annotation-model/>): one JSON-LD
//! `AnnotationCollection` per document, written and read.
//!
//! ```text
//! {
//!   "@context": ["http://www.w3.org/ns/anno.jsonld",
//!                {"mg": "urn:marginalia:vocab#"}],      our few terms, so JSON-LD keeps them
//!   "id": "urn:marginalia:<sha256>",                    the collection, named by its text
//!   "type": "AnnotationCollection",
//!   "label": "<title>",
//!   "total": 27,
//!   "generator": {"type": "Software", "name": "marginalia 0.1.0"},
//!   "generated": "2026-12-01T12:00:00.000Z",
//!   "mg:text": "<the document's text>",                 so the file opens on its own
//!   "mg:positions": "codepoint" | "utf16",              the unit of every TextPositionSelector
//!   "mg:labels": [{"mg:name": "Person", "mg:kind": "entity", "mg:color": "#f4a261",
//!                  "mg:hotkey": "1", "mg:speaks": true}, …],
//!   "mg:source": {"mg:url": "https://…", "mg:outlet": "…", "mg:authors": ["…"],
//!                 "mg:published": "2026-11-30", "mg:retrieved": "…", "mg:note": "…"},
//!                                                       where the text came from (left out
//!                                                       when empty; each field too)
//!   "first": {"type": "AnnotationPage", "startIndex": 0, "items": [
//!     {"id": "urn:marginalia:<sha256>:a11", "type": "Annotation", "motivation": "tagging",
//!      "body": [
//!        {"type": "TextualBody", "purpose": "tagging", "value": "Quote"},          the label
//!        {"type": "TextualBody", "purpose": "classifying", "value": "direct"},     a quote's kind
//!        {"type": "SpecificResource", "purpose": "linking", "mg:role": "speaker",
//!         "source": "urn:marginalia:<sha256>:e3"},                                 a speaker (entity)
//!        {"type": "SpecificResource", "purpose": "linking", "mg:role": "cue",
//!         "source": "urn:marginalia:<sha256>:a12"},                                its cue
//!        {"type": "SpecificResource", "purpose": "linking", "mg:role": "continues",
//!         "source": "urn:marginalia:<sha256>:a4"},                                 the part before
//!        {"type": "TextualBody", "purpose": "commenting", "value": "<note>"}],
//!      "target": {"source": "urn:sha256:<sha256>", "selector": [
//!        {"type": "TextPositionSelector", "start": 338, "end": 388},
//!        {"type": "TextQuoteSelector", "exact": "…", "prefix": "<32 before>", "suffix": "<32 after>"}]}},
//!     {… a mention: a tagging body and
//!        {"type": "SpecificResource", "purpose": "identifying",
//!         "source": {"id": "urn:marginalia:<sha256>:e3", "mg:name": "Maryam Rahimi"}} …}
//!   ]}
//! }
//! ```
//!
//! **Offsets**: TextPositionSelector counts code points, as the model specifies; with the
//! "UTF-16 positions" option it counts UTF-16 code units, as Recogito and Hypothesis do, and
//! `mg:positions` says so. **Lost**: rejected suggestions.
//!
//! **Import** reads a collection, a page, one annotation or an array of annotations. The
//! text is `mg:text`; a file without it annotates the open document (its annotations are
//! then offered to merge into it). Positions are checked against their `exact` in both
//! readings: the file is read in code points if every one fits so, else in UTF-16 units
//! if every one fits so, else each annotation as it fits; the message says which was
//! found ("positions in UTF-16 code units"). Without positions, or when its positions
//! hold another text (the text was revised since), an annotation is located by its
//! TextQuoteSelector (exact with prefix and suffix), only where that finds one place, and
//! is then flagged for review (`"review": true` in our format), never kept silently. An
//! annotation found by neither is a problem, never guessed. Labels are the `tagging` bodies (else "Annotation"), speakers
//! and cues the `linking` ones (by `mg:role`, else by what they point at).

use super::draft::{assemble, Draft, Group, Item, Ref};
use super::{stems, File, Options};
use crate::core::annotations::QuoteKind;
use crate::core::document::Document;
use crate::core::import::{Checked, Problem, ProblemKind};
use crate::core::labels::{Label, LabelKind};
use crate::core::messages::capitalise;
use crate::core::offsets::{Span, Utf16Index};
use crate::core::source::Source;
use serde_json::{json, Value};

/// The Web Annotation context.
pub const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";
/// Our terms' namespace.
pub const VOCAB: &str = "urn:marginalia:vocab#";
/// Code points of context in a TextQuoteSelector's prefix and suffix.
pub const CONTEXT_CHARS: usize = 32;

/// One collection per document.
pub fn export(docs: &[&Document], options: &Options) -> Vec<File> {
    docs.iter()
        .zip(stems(docs))
        .map(|(doc, stem)| {
            let json = serde_json::to_string_pretty(&collection(doc, options)).expect("JSON values serialise") + "\n";
            File::text(format!("{stem}.w3c.jsonld"), json)
        })
        .collect()
}

/// The collection of `doc`.
pub fn collection(doc: &Document, options: &Options) -> Value {
    let sha = doc.text.sha256_hex();
    let base = format!("urn:marginalia:{sha}");
    let text = doc.text.as_str();
    let chars: Vec<char> = text.chars().collect();
    let utf16 = options.utf16.then(|| Utf16Index::new(text));
    let items: Vec<Value> = doc
        .annotations
        .iter()
        .map(|a| {
            let mut body = vec![json!({"type": "TextualBody", "purpose": "tagging", "value": a.label})];
            if let Some(e) = a.entity.and_then(|e| doc.entities.get(e)) {
                body.push(json!({"type": "SpecificResource", "purpose": "identifying", "source": {"id": format!("{base}:{}", e.id), "mg:name": e.name}}));
            }
            if let Some(kind) = a.quote_kind {
                body.push(json!({"type": "TextualBody", "purpose": "classifying", "value": kind.name()}));
            }
            for s in &a.speakers {
                body.push(json!({"type": "SpecificResource", "purpose": "linking", "mg:role": "speaker", "source": format!("{base}:{s}")}));
            }
            if let Some(c) = a.cue {
                body.push(json!({"type": "SpecificResource", "purpose": "linking", "mg:role": "cue", "source": format!("{base}:{c}")}));
            }
            if let Some(p) = a.continues {
                body.push(json!({"type": "SpecificResource", "purpose": "linking", "mg:role": "continues", "source": format!("{base}:{p}")}));
            }
            if !a.note.is_empty() {
                body.push(json!({"type": "TextualBody", "purpose": "commenting", "value": a.note}));
            }
            let (start, end) = match &utf16 {
                Some(index) => index.span_to_utf16(text, a.span).expect("spans lie inside the text"),
                None => (a.span.start, a.span.end),
            };
            let prefix: String = chars[a.span.start.saturating_sub(CONTEXT_CHARS)..a.span.start].iter().collect();
            let suffix: String = chars[a.span.end..(a.span.end + CONTEXT_CHARS).min(chars.len())].iter().collect();
            json!({
                "id": format!("{base}:{}", a.id),
                "type": "Annotation",
                "motivation": "tagging",
                "body": body,
                "target": {
                    "source": format!("urn:sha256:{sha}"),
                    "selector": [
                        {"type": "TextPositionSelector", "start": start, "end": end},
                        {"type": "TextQuoteSelector", "exact": doc.text_of(a), "prefix": prefix, "suffix": suffix}
                    ]
                }
            })
        })
        .collect();
    let labels: Vec<Value> = doc
        .labels
        .iter()
        .map(|l| json!({"mg:name": l.name, "mg:kind": l.kind.name(), "mg:color": l.color, "mg:hotkey": l.hotkey, "mg:speaks": l.speaks}))
        .collect();
    let mut collection = json!({
        "@context": [CONTEXT, {"mg": VOCAB}],
        "id": base,
        "type": "AnnotationCollection",
        "label": doc.title,
        "total": items.len(),
        "generator": {"type": "Software", "name": format!("marginalia {}", env!("CARGO_PKG_VERSION"))},
        "generated": options.exported_at,
        "mg:text": text,
        "mg:positions": if options.utf16 { "utf16" } else { "codepoint" },
        "mg:labels": labels,
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items}
    });
    if !doc.source.is_empty() {
        collection["mg:source"] = source_record(&doc.source);
    }
    collection
}

/// The source record as `mg:` terms (so JSON-LD keeps them).
fn source_record(source: &Source) -> Value {
    let mut record = serde_json::Map::new();
    for (name, value) in [("url", &source.url), ("outlet", &source.outlet), ("published", &source.published), ("retrieved", &source.retrieved), ("note", &source.note)] {
        if !value.is_empty() {
            record.insert(format!("mg:{name}"), json!(value));
        }
    }
    if !source.authors.is_empty() {
        record.insert("mg:authors".into(), json!(source.authors));
    }
    Value::Object(record)
}

/// The source record of a collection (`mg:source`, by compact name or full IRI), empty if
/// it has none; fields that are not text are left out.
fn read_source(root: &Value) -> Source {
    let Some(record) = ours(root, "source") else { return Source::default() };
    let text = |name: &str| ours(record, name).and_then(Value::as_str).unwrap_or_default().to_owned();
    let authors = match ours(record, "authors") {
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).map(str::to_owned).collect(),
        Some(Value::String(one)) => vec![one.clone()],
        _ => Vec::new(),
    };
    Source { url: text("url"), outlet: text("outlet"), authors, published: text("published"), retrieved: text("retrieved"), note: text("note") }
}

/// True if `value` looks like Web Annotation: its context names the model, or its type is
/// an annotation, page or collection.
pub fn looks_like(value: &Value) -> bool {
    let first = match value {
        Value::Array(items) => items.first(),
        v => Some(v),
    };
    let Some(v) = first else { return false };
    let context = |c: &Value| c.as_str() == Some(CONTEXT) || c.as_array().is_some_and(|a| a.iter().any(|x| x.as_str() == Some(CONTEXT)));
    v.get("@context").is_some_and(context)
        || ["Annotation", "AnnotationPage", "AnnotationCollection"].iter().any(|t| types(v).contains(t))
}

fn types(v: &Value) -> Vec<&str> {
    match v.get("type") {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

/// One item or an array of them, as a list.
fn many(v: Option<&Value>) -> Vec<&Value> {
    match v {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(a)) => a.iter().collect(),
        Some(v) => vec![v],
    }
}

/// The IRI an `id`-or-string value names.
fn iri(v: &Value) -> Option<&str> {
    v.as_str().or_else(|| v.get("id").and_then(Value::as_str)).or_else(|| v.get("@id").and_then(Value::as_str))
}

/// A property by its compact name or its full IRI (`mg:text` or `urn:marginalia:vocab#text`).
fn ours<'v>(v: &'v Value, term: &str) -> Option<&'v Value> {
    v.get(format!("mg:{term}")).or_else(|| v.get(format!("{VOCAB}{term}")))
}

/// How an annotation's place was found.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Reading {
    CodePoints,
    Utf16,
    Quote,
}

/// Where a TextQuoteSelector's `exact`, with its prefix and suffix, fits the text: its one
/// place, or why it has none ("its quote … is not in the text.").
fn by_quote(chars: &[char], quote: Option<&Value>, exact: &str) -> Result<(Span, Reading), String> {
    let prefix = quote.and_then(|q| q.get("prefix")).and_then(Value::as_str).unwrap_or("");
    let suffix = quote.and_then(|q| q.get("suffix")).and_then(Value::as_str).unwrap_or("");
    match locate(chars, exact, prefix, suffix).as_slice() {
        [one] => Ok((*one, Reading::Quote)),
        [] => Err(format!("its quote “{}” is not in the text.", crate::core::messages::preview(exact))),
        many => Err(format!("its quote “{}” fits {} places in the text; it was not placed.", crate::core::messages::preview(exact), many.len())),
    }
}

/// An annotation's TextPositionSelector and TextQuoteSelector, from the target that has
/// selectors.
fn selectors(a: &Value) -> (Option<&Value>, Option<&Value>) {
    let target = many(a.get("target")).into_iter().find(|t| t.get("selector").is_some()).or_else(|| many(a.get("target")).into_iter().next());
    let selectors: Vec<&Value> = target.map(|t| many(t.get("selector"))).unwrap_or_default();
    let position = selectors.iter().find(|s| types(s).contains(&"TextPositionSelector")).copied();
    let quote = selectors.iter().find(|s| types(s).contains(&"TextQuoteSelector")).copied();
    (position, quote)
}

/// The span `start..end` names counted in code points and counted in UTF-16 units, each
/// only if it lies in the text and holds `exact` (when there is one).
fn readings_of(chars: &[char], text: &str, index: &Utf16Index, start: usize, end: usize, exact: Option<&str>) -> [Option<Span>; 2] {
    let holds = |s: &Span| exact.is_none_or(|exact| chars[s.start..s.end].iter().copied().eq(exact.chars()));
    let as_chars = (start <= end && end <= chars.len()).then(|| Span::new(start, end)).filter(holds);
    let as_units = match (index.char_of(text, start), index.char_of(text, end)) {
        (Ok(s), Ok(e)) if s <= e => Some(Span::new(s, e)),
        _ => None,
    }
    .filter(holds);
    [as_chars, as_units]
}

/// Reads a Web Annotation file; `open` is the open document, whose text a file without
/// one annotates.
pub fn import(value: &Value, name: &str, open: Option<&Document>) -> Checked {
    let mut problems: Vec<Problem> = Vec::new();
    // The collection and its annotations.
    let (root, annotations): (Option<&Value>, Vec<&Value>) = match value {
        Value::Array(items) => (None, items.iter().collect()),
        v if types(v).contains(&"AnnotationCollection") => {
            let page = v.get("first");
            (Some(v), page.map(|p| many(p.get("items"))).unwrap_or_else(|| many(v.get("items"))))
        }
        v if types(v).contains(&"AnnotationPage") => (Some(v), many(v.get("items"))),
        v => (None, vec![v]),
    };
    let own_text = root.and_then(|r| ours(r, "text")).and_then(Value::as_str);
    let text: String = match (own_text, open) {
        (Some(t), _) => t.to_owned(),
        (None, Some(doc)) if !doc.text.is_empty() => doc.text.as_str().to_owned(),
        _ => {
            problems.push(Problem {
                place: "file".into(),
                kind: ProblemKind::Missing,
                message: "The annotations hold no text of their own: open the document they annotate first, then import them into it.".into(),
            });
            return Checked { imported: None, problems, dropped: 0 };
        }
    };
    let title = root
        .and_then(|r| r.get("label").and_then(Value::as_str))
        .map(str::to_owned)
        .or_else(|| own_text.is_none().then(|| open.map(|d| d.title.clone())).flatten())
        .unwrap_or_else(|| name.trim_end_matches(".jsonld").trim_end_matches(".json").trim_end_matches(".w3c").to_owned());
    let labels: Vec<Label> = root
        .map(|r| many(ours(r, "labels")))
        .unwrap_or_default()
        .into_iter()
        .filter_map(|l| {
            let name = ours(l, "name")?.as_str()?;
            Some(Label {
                name: name.to_owned(),
                kind: ours(l, "kind").and_then(Value::as_str).and_then(LabelKind::from_name).unwrap_or(LabelKind::Entity),
                color: ours(l, "color").and_then(Value::as_str).unwrap_or("").to_owned(),
                hotkey: ours(l, "hotkey").and_then(Value::as_str).unwrap_or("").to_owned(),
                speaks: ours(l, "speaks").and_then(Value::as_bool).unwrap_or(false),
            })
        })
        .collect();
    let chars: Vec<char> = text.chars().collect();
    let index = Utf16Index::new(&text);
    let mut items: Vec<Item> = Vec::new();
    let mut links: Vec<(usize, Option<String>, String)> = Vec::new();
    let mut groups: Vec<Group> = Vec::new();
    let mut readings = [0usize; 3];
    let mut unread = 0;
    // The file's unit: code points if every position holds its `exact` so counted, else
    // UTF-16 units if every one does so (a span before the first emoji reads alike in
    // both), else each annotation as it fits (and the message says how many each way).
    let fits = |reading: usize| {
        annotations.iter().all(|a| match selectors(a) {
            (Some(p), quote) => {
                let (start, end) = (p.get("start").and_then(Value::as_u64).unwrap_or(u64::MAX), p.get("end").and_then(Value::as_u64).unwrap_or(u64::MAX));
                let exact = quote.and_then(|q| q.get("exact")).and_then(Value::as_str);
                readings_of(&chars, &text, &index, start as usize, end as usize, exact)[reading].is_some()
            }
            _ => true,
        })
    };
    let unit = if !fits(0) && fits(1) { Reading::Utf16 } else { Reading::CodePoints };
    for (n, a) in annotations.iter().enumerate() {
        let key = a.get("id").and_then(Value::as_str).map_or_else(|| format!("#{}", n + 1), str::to_owned);
        let place = format!("annotation {} (number {} of {})", key, n + 1, annotations.len());
        let (position, quote) = selectors(a);
        let exact = quote.and_then(|q| q.get("exact")).and_then(Value::as_str);
        let found = match (position, exact) {
            (Some(p), _) => {
                let (Some(start), Some(end)) = (p.get("start").and_then(Value::as_u64), p.get("end").and_then(Value::as_u64)) else {
                    problems.push(Problem { place, kind: ProblemKind::BadOffsets, message: "The TextPositionSelector needs a whole-number start and end.".into() });
                    unread += 1;
                    continue;
                };
                let (start, end) = (start as usize, end as usize);
                let [as_chars, as_units] = readings_of(&chars, &text, &index, start, end, exact);
                let by_position = match unit {
                    Reading::Utf16 => as_units.map(|s| (s, Reading::Utf16)).or_else(|| as_chars.map(|s| (s, Reading::CodePoints))),
                    _ => as_chars.map(|s| (s, Reading::CodePoints)).or_else(|| as_units.map(|s| (s, Reading::Utf16))),
                };
                match (by_position, exact) {
                    (Some(found), _) => Ok(found),
                    // The positions miss (the text was revised since): the quote decides.
                    (None, Some(exact)) => by_quote(&chars, quote, exact).map_err(|why| {
                        format!("Its position {start}–{end} holds “{}” in neither code points nor UTF-16 units, and {why}", crate::core::messages::preview(exact))
                    }),
                    (None, None) => Err(format!("Its position {start}–{end} does not lie inside the text, which has {} characters.", chars.len())),
                }
            }
            (None, Some(exact)) => by_quote(&chars, quote, exact).map_err(|why| capitalise(&why)),
            (None, None) => Err("It has no TextPositionSelector or TextQuoteSelector.".into()),
        };
        let (span, reading) = match found {
            Ok(found) => found,
            Err(message) => {
                problems.push(Problem { place, kind: ProblemKind::TextMismatch, message });
                unread += 1;
                continue;
            }
        };
        readings[reading as usize] += 1;
        // Placed by its quote rather than its positions: shown for review, never kept silently.
        let review = reading == Reading::Quote;
        let mut item = Item { key: key.clone(), place: place.clone(), span, review, ..Item::default() };
        for b in many(a.get("body")).into_iter().chain(a.get("bodyValue")) {
            let purpose = b.get("purpose").and_then(Value::as_str).or_else(|| a.get("motivation").and_then(Value::as_str)).unwrap_or("");
            let value = b.as_str().or_else(|| b.get("value").and_then(Value::as_str));
            match (purpose, value) {
                ("tagging", Some(v)) if item.label.is_empty() => item.label = v.to_owned(),
                ("commenting" | "describing", Some(v)) => {
                    if !item.note.is_empty() {
                        item.note.push('\n');
                    }
                    item.note.push_str(v);
                }
                ("classifying", Some(v)) => item.kind = QuoteKind::from_name(v).or(item.kind),
                ("identifying", _) => {
                    if let Some(source) = b.get("source") {
                        if let Some(id) = iri(source) {
                            item.entity = Some(id.to_owned());
                            if !groups.iter().any(|g| g.key == id) {
                                let name = ours(source, "name").and_then(Value::as_str).map(str::to_owned);
                                groups.push(Group { key: id.to_owned(), name });
                            }
                        }
                    }
                }
                ("linking", _) => {
                    if let Some(target) = b.get("source").and_then(iri) {
                        let role = ours(b, "role").and_then(Value::as_str).map(str::to_owned);
                        links.push((items.len(), role, target.to_owned()));
                    }
                }
                _ => {}
            }
        }
        if item.label.is_empty() {
            item.label = "Annotation".into();
        }
        if item.kind.is_some() {
            item.kind_hint = Some(LabelKind::Quote);
        }
        item.text = exact.map(str::to_owned);
        items.push(item);
    }
    // Links, by role or by what they point at.
    for (i, role, target) in links {
        let to_item = items.iter().find(|x| x.key == target).map(|x| (x.label.clone(), x.kind.is_some()));
        let label_kind = |label: &str| labels.iter().find(|l| l.name == label).map(|l| l.kind);
        let role = role.unwrap_or_else(|| match &to_item {
            None => "speaker".into(),
            Some((label, _)) if label_kind(label) == Some(LabelKind::Cue) || label == "Cue" => "cue".into(),
            Some((_, true)) => "continues".into(),
            Some(_) => "speaker".into(),
        });
        let is_group = groups.iter().any(|g| g.key == target);
        match role.as_str() {
            "cue" => items[i].cue = Some(target),
            "continues" => items[i].continues = Some(target),
            _ if is_group => items[i].speakers.push(Ref::Group(target)),
            _ => items[i].speakers.push(Ref::Item(target)),
        }
        items[i].kind_hint = Some(LabelKind::Quote);
    }
    for i in 0..items.len() {
        let cue = items[i].cue.clone();
        if let Some(c) = items.iter_mut().find(|x| Some(&x.key) == cue.as_ref()) {
            c.kind_hint.get_or_insert(LabelKind::Cue);
        }
    }
    let read_as = match readings {
        [_, 0, 0] => "W3C Web Annotation".to_owned(),
        [0, u, 0] => format!("W3C Web Annotation, positions in UTF-16 code units ({u} annotation(s))"),
        [c, u, q] => {
            let mut parts = Vec::new();
            if c > 0 {
                parts.push(format!("{c} by position in code points"));
            }
            if u > 0 {
                parts.push(format!("{u} by position in UTF-16 code units"));
            }
            if q > 0 {
                parts.push(format!("{q} by their quoted text (flagged for review)"));
            }
            format!("W3C Web Annotation, annotations placed {}", parts.join(", "))
        }
    };
    let source = root.map(read_source).unwrap_or_default();
    assemble(Draft { title, text, labels, items, groups, problems, unread, rejected: Vec::new(), source }, &read_as)
}

/// Where `exact` stands in `chars` with `prefix` before it and `suffix` after it (as much
/// of them as the text has at its ends).
fn locate(chars: &[char], exact: &str, prefix: &str, suffix: &str) -> Vec<Span> {
    let needle: Vec<char> = exact.chars().collect();
    let (prefix, suffix): (Vec<char>, Vec<char>) = (prefix.chars().collect(), suffix.chars().collect());
    if needle.is_empty() || needle.len() > chars.len() {
        return Vec::new();
    }
    (0..=chars.len() - needle.len())
        .filter(|&i| chars[i..i + needle.len()] == needle[..])
        .filter(|&i| {
            let before = &chars[i.saturating_sub(prefix.len())..i];
            let after = &chars[i + needle.len()..(i + needle.len() + suffix.len()).min(chars.len())];
            prefix.ends_with(before) && suffix.starts_with(after)
        })
        .map(|i| Span::new(i, i + needle.len()))
        .collect()
}
