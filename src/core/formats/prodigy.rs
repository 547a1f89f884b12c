//! Prodigy-style JSON Lines, written: one line per document, with the tokens, the spans and
//! the relations of Prodigy's `spans.manual` and `rel.manual` recipes.
//!
//! ```text
//! {"text": "…", "meta": {"title": "…", "url": "…", "outlet": "…", "authors": "A; B",
//!                        "published": "…", "retrieved": "…", "note": "…"},
//!                                          the source record's fields, those set
//!  "tokens": [{"text": "Maryam", "start": 394, "end": 400, "id": 71, "ws": true}, …],
//!  "spans": [{"start": 394, "end": 407, "token_start": 71, "token_end": 72,
//!             "label": "Person"}, …],                       token_end inclusive
//!  "relations": [{"head": 60, "child": 72, "label": "speaker",
//!                 "head_span": {…}, "child_span": {…}}, …]}  also "cue", "continues"
//! ```
//!
//! `head` and `child` are the last tokens of the two spans. **Offsets**: code points and
//! tokens (`core::formats::tokens`, every annotation boundary a token boundary). **Lost**:
//! notes, quote kinds, entity grouping (beyond the speaker links) and names, the label
//! schema, rejected suggestions.

use super::tokens::tokenize;
use super::File;
use crate::core::document::Document;
use crate::core::mentions::mentions_by_entity;
use serde_json::{json, Value};

/// The Prodigy task of `doc`.
pub fn task(doc: &Document) -> Value {
    let tokens = tokenize(doc);
    let first = |pos: usize| tokens.partition_point(|t| t.span.start < pos);
    let last = |pos: usize| tokens.partition_point(|t| t.span.end < pos);
    let span_json = |a: &crate::core::annotations::Annotation| {
        json!({"start": a.span.start, "end": a.span.end, "token_start": first(a.span.start), "token_end": last(a.span.end), "label": a.label})
    };
    let spans: Vec<Value> = doc.annotations.iter().map(span_json).collect();
    let by_entity = mentions_by_entity(doc);
    let mut relations = Vec::new();
    for q in doc.annotations.iter().filter(|q| doc.labels.is_quote(&q.label)) {
        let mut to = |child: &crate::core::annotations::Annotation, label: &str| {
            relations.push(json!({"head": last(q.span.end), "child": last(child.span.end), "label": label, "head_span": span_json(q), "child_span": span_json(child)}));
        };
        for s in &q.speakers {
            if let Some(m) = by_entity.get(s).and_then(|ms| ms.iter().min_by_key(|m| m.span.start.abs_diff(q.span.start))) {
                to(m, "speaker");
            }
        }
        if let Some(c) = q.cue.and_then(|c| doc.annotations.get(c)) {
            to(c, "cue");
        }
        if let Some(p) = q.continues.and_then(|p| doc.annotations.get(p)) {
            to(p, "continues");
        }
    }
    let tokens: Vec<Value> = tokens
        .iter()
        .enumerate()
        .map(|(i, t)| json!({"text": doc.text.slice(t.span).unwrap_or_default(), "start": t.span.start, "end": t.span.end, "id": i, "ws": t.space}))
        .collect();
    // Prodigy shows `meta` under the task: the title and the source record's fields.
    let mut meta = json!({"title": doc.title});
    if let serde_json::Value::Object(fields) = json!(doc.source) {
        for (k, v) in fields {
            meta[k] = if let serde_json::Value::Array(a) = v { json!(a.iter().filter_map(|s| s.as_str()).collect::<Vec<_>>().join("; ")) } else { v };
        }
    }
    json!({"text": doc.text.as_str(), "meta": meta, "tokens": tokens, "spans": spans, "relations": relations})
}

/// One line per document.
pub fn export(docs: &[&Document]) -> Vec<File> {
    let name = if docs.len() == 1 { format!("{}.prodigy.jsonl", super::super::export::file_stem(&docs[0].title)) } else { "library.prodigy.jsonl".into() };
    let lines: String = docs.iter().map(|d| serde_json::to_string(&task(d)).expect("JSON values serialise") + "\n").collect();
    vec![File::text(name, lines)]
}
