//! BBC Citron's quote format (<https://github.com/bbc/citron/blob/main/docs/data_format.md>):
//! one JSON object per document. Written and read.
//!
//! ```text
//! {"text": "…",
//!  "quotes": [{"id": "a11",                       the quote's first part
//!              "cue": {"start": 389, "end": 393, "text": "said"},        when it has one
//!              "sources": [{"start": 394, "end": 407, "text": "Maryam Rahimi"}],
//!                                                 each speaker's mention nearest the quote
//!              "contents": [{"start": 338, "end": 388, "text": "…"}, …]}],
//!                                                 the quote and the parts joined to it
//!  "coreference_groups": [[{"start", "end", "text"}, …], …],   each entity's mentions
//!  "source": {"url": "…", "outlet": "…", …}}      ours, when set: the source record
//! ```
//!
//! **Offsets**: code points. **Lost**: the labels of mentions (Citron keeps spans only;
//! on import a speaking mention and its group are Person, other mentions "Mention"), cues
//! no quote names, which part of a joined quote holds the cue (on import, the part nearest
//! it), a second mention on the span of another (Citron has no labels to tell them apart:
//! it joins the first's group), entity names, notes, quote kinds, the label schema,
//! rejected suggestions.

use super::draft::{assemble, Draft, Group, Item, Ref};
use super::{stems, File};
use crate::core::document::Document;
use crate::core::import::{Checked, Problem, ProblemKind};
use crate::core::labels::LabelKind;
use crate::core::mentions::mentions_by_entity;
use crate::core::offsets::Span;
use serde_json::{json, Value};

fn span_json(doc: &Document, span: Span) -> Value {
    json!({"start": span.start, "end": span.end, "text": doc.text.slice(span).unwrap_or_default()})
}

/// The Citron object of `doc`.
pub fn object(doc: &Document) -> Value {
    let by_entity = mentions_by_entity(doc);
    let mut quotes = Vec::new();
    for head in doc.annotations.iter().filter(|q| doc.labels.is_quote(&q.label) && q.continues.is_none()) {
        let parts = doc.quote_parts(head.id);
        let mut q = serde_json::Map::new();
        q.insert("id".into(), json!(head.id.to_string()));
        if let Some(c) = parts.iter().find_map(|p| p.cue).and_then(|c| doc.annotations.get(c)) {
            q.insert("cue".into(), span_json(doc, c.span));
        }
        let sources: Vec<Value> = head
            .speakers
            .iter()
            .filter_map(|s| by_entity.get(s).and_then(|ms| ms.iter().min_by_key(|m| m.span.start.abs_diff(head.span.start))))
            .map(|m| span_json(doc, m.span))
            .collect();
        q.insert("sources".into(), Value::Array(sources));
        q.insert("contents".into(), Value::Array(parts.iter().map(|p| span_json(doc, p.span)).collect()));
        quotes.push(Value::Object(q));
    }
    let groups: Vec<Value> = by_entity.values().map(|ms| Value::Array(ms.iter().map(|m| span_json(doc, m.span)).collect())).collect();
    let mut file = json!({"text": doc.text.as_str(), "quotes": quotes, "coreference_groups": groups});
    if !doc.source.is_empty() {
        file["source"] = json!(doc.source); // ours: Citron reads the keys it knows
    }
    file
}

/// One file per document.
pub fn export(docs: &[&Document]) -> Vec<File> {
    docs.iter().zip(stems(docs)).map(|(d, s)| File::text(format!("{s}.citron.json"), serde_json::to_string_pretty(&object(d)).expect("JSON values serialise") + "\n")).collect()
}

/// True if `value` is a Citron document.
pub fn looks_like(value: &Value) -> bool {
    value.get("text").is_some_and(Value::is_string) && value.get("quotes").is_some_and(Value::is_array)
}

/// Reads a Citron document.
pub fn import(value: &Value, name: &str) -> Checked {
    let Some(text) = value.get("text").and_then(Value::as_str) else {
        return Checked { imported: None, problems: vec![Problem { place: "file".into(), kind: ProblemKind::Missing, message: "The document has no text.".into() }], dropped: 0 };
    };
    let source = value.get("source").and_then(|s| serde_json::from_value(s.clone()).ok()).unwrap_or_default();
    let mut draft = Draft { title: name.trim_end_matches(".json").trim_end_matches(".citron").to_owned(), text: text.to_owned(), source, ..Draft::default() };
    let span_of = |v: &Value| -> Option<(Span, Option<String>)> {
        let (s, e) = (v.get("start")?.as_u64()? as usize, v.get("end")?.as_u64()? as usize);
        Some((Span::new(s, e), v.get("text").and_then(Value::as_str).map(str::to_owned)))
    };
    // Mentions: every span of a group, and every source; one item per span. A mention is a
    // Person when it, or a mention of its group, speaks (Citron keeps no labels).
    let groups: Vec<Vec<&Value>> = value.get("coreference_groups").and_then(Value::as_array).into_iter().flatten().map(|g| g.as_array().into_iter().flatten().collect()).collect();
    let quotes: Vec<&Value> = value.get("quotes").and_then(Value::as_array).into_iter().flatten().collect();
    let sources: Vec<Span> = quotes.iter().flat_map(|q| q.get("sources").and_then(Value::as_array).into_iter().flatten()).filter_map(span_of).map(|(s, _)| s).collect();
    let speaking_groups: Vec<bool> = groups.iter().map(|g| g.iter().filter_map(|m| span_of(m)).any(|(s, _)| sources.contains(&s))).collect();
    let mention = |draft: &mut Draft, span: Span, stated: Option<String>, place: String, group: Option<usize>| -> String {
        let speaks = sources.contains(&span) || group.is_some_and(|g| speaking_groups[g]);
        if let Some(i) = draft.items.iter_mut().find(|i| i.span == span && i.kind_hint.is_none()) {
            return i.key.clone();
        }
        let key = format!("m{}", draft.items.len() + 1);
        let label = if speaks { "Person" } else { "Mention" };
        draft.items.push(Item { key: key.clone(), place, label: label.into(), span, text: stated, entity: group.map(|g| format!("group{}", g + 1)), ..Item::default() });
        key
    };
    for (g, members) in groups.iter().enumerate() {
        for (k, m) in members.iter().enumerate() {
            let place = format!("coreference group {}, span {}", g + 1, k + 1);
            match span_of(m) {
                Some((span, stated)) => {
                    mention(&mut draft, span, stated, place, Some(g));
                }
                None => draft.problems.push(Problem { place, kind: ProblemKind::BadOffsets, message: "A span needs a whole-number start and end.".into() }),
            }
        }
        draft.groups.push(Group { key: format!("group{}", g + 1), name: None });
    }
    for (n, q) in quotes.iter().enumerate() {
        let qplace = format!("quote {} of the file", n + 1);
        let mut speakers = Vec::new();
        for (k, s) in q.get("sources").and_then(Value::as_array).into_iter().flatten().enumerate() {
            let place = format!("{qplace}, source {}", k + 1);
            match span_of(s) {
                Some((span, stated)) => speakers.push(Ref::Item(mention(&mut draft, span, stated, place, None))),
                None => draft.problems.push(Problem { place, kind: ProblemKind::BadOffsets, message: "A span needs a whole-number start and end.".into() }),
            }
        }
        let cue = q.get("cue").filter(|c| !c.is_null()).and_then(span_of).map(|(span, stated)| {
            let key = format!("q{}cue", n + 1);
            draft.items.push(Item { key: key.clone(), place: format!("{qplace}, cue"), label: "Cue".into(), span, text: stated, kind_hint: Some(LabelKind::Cue), ..Item::default() });
            (key, span)
        });
        let mut contents: Vec<(Span, Option<String>)> = q.get("contents").and_then(Value::as_array).into_iter().flatten().filter_map(span_of).collect();
        contents.sort_by_key(|(s, _)| s.start);
        if contents.is_empty() {
            draft.problems.push(Problem { place: qplace.clone(), kind: ProblemKind::Missing, message: "The quote has no contents.".into() });
            continue;
        }
        // The cue goes with the part nearest it; every part speaks with the same voices.
        let cue_part = cue.as_ref().and_then(|(_, c)| (0..contents.len()).min_by_key(|&k| contents[k].0.start.abs_diff(c.start)));
        let mut previous: Option<String> = None;
        for (k, (span, stated)) in contents.into_iter().enumerate() {
            let key = format!("q{}c{}", n + 1, k + 1);
            draft.items.push(Item {
                key: key.clone(),
                place: format!("{qplace}, content {}", k + 1),
                label: "Quote".into(),
                span,
                text: stated,
                speakers: speakers.clone(),
                cue: (cue_part == Some(k)).then(|| cue.as_ref().map(|(c, _)| c.clone())).flatten(),
                continues: previous.clone(),
                kind_hint: Some(LabelKind::Quote),
                ..Item::default()
            });
            previous = Some(key);
        }
    }
    assemble(draft, "BBC Citron")
}
