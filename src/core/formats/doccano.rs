//! doccano JSON Lines, written: one line per document, readable by both of doccano's text
//! projects — sequence labelling (`label`) and sequence labelling with relations
//! (`entities`, `relations`).
//!
//! ```text
//! {"id": 1, "text": "…", "title": "…",
//!  "label": [[394, 407, "Person"], …],
//!  "entities": [{"id": 3, "label": "Person", "start_offset": 394, "end_offset": 407}, …],
//!  "relations": [{"id": 1, "from_id": 11, "to_id": 3, "type": "speaker"}, …],
//!  "source": {"url": "…", "outlet": "…", …}}   the source record, when set (doccano
//!                                          keeps the columns it does not know as metadata)
//!                                          also "cue", "continues", "same entity"
//! ```
//!
//! Entity and relation ids are our annotation numbers (`a3` → 3). **Offsets**: code
//! points. **Lost**: notes, quote kinds, entity names, the label schema, rejected
//! suggestions (entity grouping is kept as "same entity" relations).

use super::File;
use crate::core::document::Document;
use crate::core::mentions::mentions_by_entity;
use serde_json::{json, Value};

/// The doccano line of document number `n`.
pub fn line(doc: &Document, n: usize) -> Value {
    let label: Vec<Value> = doc.annotations.iter().map(|a| json!([a.span.start, a.span.end, a.label])).collect();
    let entities: Vec<Value> = doc.annotations.iter().map(|a| json!({"id": a.id.0, "label": a.label, "start_offset": a.span.start, "end_offset": a.span.end})).collect();
    let mut relations: Vec<Value> = Vec::new();
    let mut add = |from: u64, to: u64, kind: &str| {
        let id = relations.len() + 1;
        relations.push(json!({"id": id, "from_id": from, "to_id": to, "type": kind}));
    };
    let by_entity = mentions_by_entity(doc);
    for q in doc.annotations.iter().filter(|q| doc.labels.is_quote(&q.label)) {
        for s in &q.speakers {
            if let Some(m) = by_entity.get(s).and_then(|ms| ms.iter().min_by_key(|m| m.span.start.abs_diff(q.span.start))) {
                add(q.id.0, m.id.0, "speaker");
            }
        }
        if let Some(c) = q.cue {
            add(q.id.0, c.0, "cue");
        }
        if let Some(p) = q.continues {
            add(q.id.0, p.0, "continues");
        }
    }
    for mentions in by_entity.values() {
        for m in mentions.iter().skip(1) {
            add(m.id.0, mentions[0].id.0, "same entity");
        }
    }
    let mut line = json!({"id": n, "text": doc.text.as_str(), "title": doc.title, "label": label, "entities": entities, "relations": relations});
    if !doc.source.is_empty() {
        line["source"] = json!(doc.source); // doccano keeps other columns as the example's metadata
    }
    line
}

/// One line per document.
pub fn export(docs: &[&Document]) -> Vec<File> {
    let name = if docs.len() == 1 { format!("{}.doccano.jsonl", super::super::export::file_stem(&docs[0].title)) } else { "library.doccano.jsonl".into() };
    vec![File::text(name, docs.iter().enumerate().map(|(i, d)| serde_json::to_string(&line(d, i + 1)).expect("JSON values serialise") + "\n").collect::<String>())]
}
