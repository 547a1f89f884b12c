//! Label Studio (<https://labelstud.io>): `tasks.json` (one task per document, its
//! annotation as results) and `config.xml`, the labelling configuration that reproduces our
//! labels and colours. Written and read.
//!
//! ```text
//! [{"id": 1, "data": {"text": "…", "title": "…"},
//!   "annotations": [{"id": 1, "result": [
//!     {"id": "a3", "from_name": "label", "to_name": "text", "type": "labels",
//!      "value": {"start": 394, "end": 407, "text": "Maryam Rahimi", "labels": ["Person"]}},
//!     {"id": "a3", "from_name": "note", "to_name": "text", "type": "textarea",
//!      "value": {"start": 394, "end": 407, "text": ["<note>"]}},
//!     {"id": "a11", "from_name": "quote_kind", "to_name": "text", "type": "choices",
//!      "value": {"start": 338, "end": 388, "choices": ["direct"]}},
//!     {"from_id": "a11", "to_id": "a3", "type": "relation", "direction": "right",
//!      "labels": ["speaker"]},                    also "cue", "continues", and "same entity"
//!                                                 (each mention → its entity's first)
//!   ]}],
//!   "meta": {"source": {"url": "…", "outlet": "…", "authors": ["…"], "published": "…",
//!                       "retrieved": "…", "note": "…"}}}]     the source record, when set
//! ```
//!
//! `config.xml`: `<Labels name="label">` with one `<Label value background hotkey
//! category>` per label (category: entity, speaker — an entity label that speaks —, quote
//! or cue), `<Text name="text" value="$text">`, the four `<Relation>`s, and per-region
//! `<TextArea name="note">` and `<Choices name="quote_kind">`.
//!
//! **Offsets**: code points (`value.start`/`value.end`), `value.text` the covered text.
//! **Lost**: entity canonical names, rejected suggestions. **Import** reads a tasks file
//! (an array of tasks, one task, or JSON Lines of tasks) with the config beside it if there
//! is one; each task's first annotation (else its first prediction) is read.

use super::draft::{assemble, Draft, Item, Ref};
use super::uima::attr;
use super::File;
use crate::core::annotations::QuoteKind;
use crate::core::document::Document;
use crate::core::import::{CheckedBundle, Problem, ProblemKind};
use crate::core::labels::{Label, LabelKind, LabelSet};
use crate::core::mentions::mentions_by_entity;
use serde_json::{json, Value};

/// The relation labels.
pub const RELATIONS: [&str; 4] = ["speaker", "cue", "continues", "same entity"];

/// `config.xml` for `labels`.
pub fn config(labels: &LabelSet) -> String {
    let mut out = String::from("<View>\n  <Labels name=\"label\" toName=\"text\">\n");
    for l in labels.iter() {
        let category = match l.kind {
            LabelKind::Entity if l.speaks => "speaker",
            k => k.name(),
        };
        let hotkey = if l.hotkey.is_empty() { String::new() } else { format!(" hotkey=\"{}\"", attr(&l.hotkey)) };
        out.push_str(&format!("    <Label value=\"{}\" background=\"{}\"{hotkey} category=\"{category}\"/>\n", attr(&l.name), attr(&l.color)));
    }
    out.push_str("  </Labels>\n  <Text name=\"text\" value=\"$text\"/>\n  <Relations>\n");
    for r in RELATIONS {
        out.push_str(&format!("    <Relation value=\"{r}\"/>\n"));
    }
    out.push_str("  </Relations>\n  <View visibleWhen=\"region-selected\">\n");
    out.push_str("    <TextArea name=\"note\" toName=\"text\" perRegion=\"true\" rows=\"2\" placeholder=\"Note\"/>\n");
    out.push_str("    <Choices name=\"quote_kind\" toName=\"text\" perRegion=\"true\">\n");
    for k in QuoteKind::ALL {
        out.push_str(&format!("      <Choice value=\"{}\"/>\n", k.name()));
    }
    out.push_str("    </Choices>\n  </View>\n</View>\n");
    out
}

/// The task of `doc`, numbered `n`.
pub fn task(doc: &Document, n: usize) -> Value {
    let mut result = Vec::new();
    for a in doc.annotations.iter() {
        let id = a.id.to_string();
        let (start, end) = (a.span.start, a.span.end);
        result.push(json!({"id": id, "from_name": "label", "to_name": "text", "type": "labels", "value": {"start": start, "end": end, "text": doc.text_of(a), "labels": [a.label]}}));
        if !a.note.is_empty() {
            result.push(json!({"id": id, "from_name": "note", "to_name": "text", "type": "textarea", "value": {"start": start, "end": end, "text": [a.note]}}));
        }
        if let Some(k) = a.quote_kind {
            result.push(json!({"id": id, "from_name": "quote_kind", "to_name": "text", "type": "choices", "value": {"start": start, "end": end, "choices": [k.name()]}}));
        }
    }
    let relation = |from: String, to: String, label: &str| json!({"from_id": from, "to_id": to, "type": "relation", "direction": "right", "labels": [label]});
    let by_entity = mentions_by_entity(doc);
    for q in doc.annotations.iter().filter(|q| doc.labels.is_quote(&q.label)) {
        for s in &q.speakers {
            if let Some(m) = by_entity.get(s).and_then(|ms| ms.iter().min_by_key(|m| m.span.start.abs_diff(q.span.start))) {
                result.push(relation(q.id.to_string(), m.id.to_string(), "speaker"));
            }
        }
        if let Some(c) = q.cue {
            result.push(relation(q.id.to_string(), c.to_string(), "cue"));
        }
        if let Some(p) = q.continues {
            result.push(relation(q.id.to_string(), p.to_string(), "continues"));
        }
    }
    for mentions in by_entity.values() {
        for m in mentions.iter().skip(1) {
            result.push(relation(m.id.to_string(), mentions[0].id.to_string(), "same entity"));
        }
    }
    let mut task = json!({"id": n, "data": {"text": doc.text.as_str(), "title": doc.title}, "annotations": [{"id": n, "result": result}]});
    if !doc.source.is_empty() {
        task["meta"] = json!({ "source": doc.source });
    }
    task
}

/// `tasks.json` and `config.xml` for `docs`.
pub fn export(docs: &[&Document]) -> Vec<File> {
    let mut labels = docs.first().map_or_else(LabelSet::default, |d| d.labels.clone());
    for d in docs.iter().skip(1) {
        for l in d.labels.iter().filter(|l| labels.get(&l.name).is_none()).cloned().collect::<Vec<_>>() {
            labels.push(l);
        }
    }
    let tasks: Vec<Value> = docs.iter().enumerate().map(|(i, d)| task(d, i + 1)).collect();
    vec![File::text("tasks.json", serde_json::to_string_pretty(&tasks).expect("JSON values serialise") + "\n"), File::text("config.xml", config(&labels))]
}

/// True if `value` is a Label Studio task or a list of them.
pub fn looks_like(value: &Value) -> bool {
    let task = |t: &Value| t.get("data").is_some_and(Value::is_object) && (t.get("annotations").is_some() || t.get("predictions").is_some());
    match value {
        Value::Array(items) => items.first().is_some_and(task),
        v => task(v),
    }
}

/// The labels a `config.xml` declares.
pub fn read_config(xml: &str) -> Vec<Label> {
    let Ok(doc) = roxmltree::Document::parse(xml) else { return Vec::new() };
    doc.descendants()
        .filter(|n| n.has_tag_name("Label"))
        .filter_map(|n| {
            let name = n.attribute("value")?.to_owned();
            let (kind, speaks) = match n.attribute("category").unwrap_or("entity") {
                "speaker" => (LabelKind::Entity, true),
                other => (LabelKind::from_name(other).unwrap_or(LabelKind::Entity), false),
            };
            Some(Label { name, kind, color: n.attribute("background").unwrap_or("").to_owned(), hotkey: n.attribute("hotkey").unwrap_or("").to_owned(), speaks })
        })
        .collect()
}

/// Reads tasks (`value`), with the labels of a config beside them.
pub fn import(value: &Value, labels: &[Label]) -> CheckedBundle {
    let tasks: Vec<&Value> = match value {
        Value::Array(items) => items.iter().collect(),
        v => vec![v],
    };
    let mut bundle = CheckedBundle::default();
    for (n, t) in tasks.iter().enumerate() {
        let tplace = format!("task {} (number {} of {})", t.get("id").map_or_else(|| "?".into(), |v| v.to_string()), n + 1, tasks.len());
        let Some(text) = t.get("data").and_then(|d| d.get("text")).and_then(Value::as_str) else {
            bundle.add(crate::core::import::Checked {
                imported: None,
                problems: vec![Problem { place: tplace, kind: ProblemKind::Missing, message: "The task has no data.text.".into() }],
                dropped: 0,
            });
            continue;
        };
        let title = t.get("data").and_then(|d| d.get("title")).and_then(Value::as_str).map_or_else(|| format!("Task {}", n + 1), str::to_owned);
        let annotation = t.get("annotations").and_then(Value::as_array).and_then(|a| a.first()).or_else(|| t.get("predictions").and_then(Value::as_array).and_then(|a| a.first()));
        let result: Vec<&Value> = annotation.and_then(|a| a.get("result")).and_then(Value::as_array).into_iter().flatten().collect();
        let source = t.get("meta").and_then(|m| m.get("source")).and_then(|s| serde_json::from_value(s.clone()).ok()).unwrap_or_default();
        let mut draft = Draft { title, text: text.to_owned(), labels: labels.to_vec(), source, ..Draft::default() };
        for (k, r) in result.iter().enumerate() {
            let id = r.get("id").and_then(Value::as_str).map_or_else(|| format!("#{}", k + 1), str::to_owned);
            let value = r.get("value");
            let num = |f: &str| value.and_then(|v| v.get(f)).and_then(Value::as_u64).map(|n| n as usize);
            let place = format!("{tplace}, region {id}");
            match r.get("type").and_then(Value::as_str) {
                Some("labels") => {
                    let label = value.and_then(|v| v.get("labels")).and_then(Value::as_array).and_then(|l| l.first()).and_then(Value::as_str);
                    let (Some(start), Some(end), Some(label)) = (num("start"), num("end"), label) else {
                        draft.problems.push(Problem { place, kind: ProblemKind::BadOffsets, message: "A labels region needs value.start, value.end and value.labels.".into() });
                        draft.unread += 1;
                        continue;
                    };
                    let stated = value.and_then(|v| v.get("text")).and_then(Value::as_str).map(str::to_owned);
                    draft.items.push(Item { key: id, place, label: label.to_owned(), span: crate::core::offsets::Span::new(start, end), text: stated, ..Item::default() });
                }
                Some("textarea") => {
                    let note = value.and_then(|v| v.get("text")).and_then(Value::as_array).map(|t| t.iter().filter_map(Value::as_str).collect::<Vec<_>>().join("\n"));
                    if let (Some(item), Some(note)) = (draft.items.iter_mut().find(|i| i.key == id), note) {
                        item.note = note;
                    }
                }
                Some("choices") => {
                    let choice = value.and_then(|v| v.get("choices")).and_then(Value::as_array).and_then(|c| c.first()).and_then(Value::as_str).and_then(QuoteKind::from_name);
                    if let (Some(item), Some(kind)) = (draft.items.iter_mut().find(|i| i.key == id), choice) {
                        item.kind = Some(kind);
                        item.kind_hint = Some(LabelKind::Quote);
                    }
                }
                _ => {}
            }
        }
        for r in result.iter().filter(|r| r.get("type").and_then(Value::as_str) == Some("relation")) {
            let (Some(from), Some(to)) = (r.get("from_id").and_then(Value::as_str), r.get("to_id").and_then(Value::as_str)) else { continue };
            let label = r.get("labels").and_then(Value::as_array).and_then(|l| l.first()).and_then(Value::as_str).unwrap_or("");
            match label {
                "same entity" => {
                    let group = draft.items.iter().find(|i| i.key == to).map(|i| i.entity.clone().unwrap_or_else(|| format!("entity:{to}")));
                    for key in [to, from] {
                        if let (Some(item), Some(g)) = (draft.items.iter_mut().find(|i| i.key == key), &group) {
                            item.entity = Some(g.clone());
                        }
                    }
                }
                "cue" | "continues" | "speaker" => {
                    let Some(item) = draft.items.iter_mut().find(|i| i.key == from) else { continue };
                    item.kind_hint = Some(LabelKind::Quote);
                    match label {
                        "cue" => item.cue = Some(to.to_owned()),
                        "continues" => item.continues = Some(to.to_owned()),
                        _ => item.speakers.push(Ref::Item(to.to_owned())),
                    }
                    if label == "cue" {
                        if let Some(c) = draft.items.iter_mut().find(|i| i.key == to) {
                            c.kind_hint.get_or_insert(LabelKind::Cue);
                        }
                    }
                }
                other => draft.problems.push(Problem {
                    place: format!("{tplace}, relation {from} → {to}"),
                    kind: ProblemKind::Unsupported,
                    message: format!("The relation “{other}” has no place in Marginalia; it was left out."),
                }),
            }
        }
        bundle.add(assemble(draft, "Label Studio"));
    }
    bundle
}
