//! The Marginalia JSON export, version 1: the product's public contract.
//!
//! One UTF-8 JSON object, pretty-printed with two-space indentation:
//!
//! ```text
//! {
//!   "format": "marginalia",          always this string
//!   "version": 1,                    this format's version
//!   "offset_unit": "codepoint",      start/end count Unicode code points
//!   "document": {
//!     "title": "...",                the document's title
//!     "text": "...",                 the full text (CRLF stored as LF, leading BOM dropped)
//!     "length": 2345,                length of text in code points
//!     "sha256": "9f2c..."            lowercase hex SHA-256 of text's UTF-8 bytes
//!   },
//!   "labels": [                      the schema, in display order
//!     { "name": "Person", "kind": "entity", "color": "#f4a261", "hotkey": "1" },
//!     { "name": "Quote",  "kind": "quote",  "color": "#e76f8a", "hotkey": "6" }
//!   ],
//!   "annotations": [                 sorted by (start, end, label, id)
//!     { "id": "a1", "label": "Person", "start": 120, "end": 133, "text": "Maryam Rahimi" },
//!     { "id": "a2", "label": "Quote", "start": 301, "end": 356, "text": "“...”",
//!       "speaker": "a1" }            only on quotes that have one: the id of a
//!   ],                               Person or Organization annotation
//!   "generator": "marginalia 0.1.0", the program and version that wrote it
//!   "exported_at": "2026-11-24T18:00:00.000Z"   RFC 3339 time of export
//! }
//! ```
//!
//! Offsets are half-open, `[start, end)`, in code points, so in Python
//! `doc["text"][a["start"]:a["end"]] == a["text"]` for every annotation. Ids are stable
//! for the life of a document. The same state always exports the same bytes apart from
//! `exported_at`. The JSON Schema is `static/marginalia-v1.schema.json`.

use super::annotations::Annotation;
use super::labels::Label;
use super::store::Document;
use serde::Serialize;

/// Value of the `format` field.
pub const FORMAT: &str = "marginalia";
/// Value of the `version` field written by this build.
pub const VERSION: u32 = 1;

#[derive(Serialize)]
struct ExportFile<'a> {
    format: &'static str,
    version: u32,
    offset_unit: &'static str,
    document: ExportDocument<'a>,
    labels: Vec<&'a Label>,
    annotations: Vec<ExportAnnotation<'a>>,
    generator: String,
    exported_at: &'a str,
}

#[derive(Serialize)]
struct ExportDocument<'a> {
    title: &'a str,
    text: &'a str,
    length: usize,
    sha256: String,
}

#[derive(Serialize)]
struct ExportAnnotation<'a> {
    id: String,
    label: &'a str,
    start: usize,
    end: usize,
    text: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    speaker: Option<String>,
}

impl<'a> ExportAnnotation<'a> {
    fn new(doc: &'a Document, a: &'a Annotation) -> Self {
        ExportAnnotation {
            id: a.id.to_string(),
            label: &a.label,
            start: a.span.start,
            end: a.span.end,
            text: doc.text_of(a),
            speaker: a.speaker.map(|s| s.to_string()),
        }
    }
}

/// Writes `doc` in the version 1 format. `exported_at` is an RFC 3339 time supplied by
/// the caller (the core reads no clock).
pub fn to_json(doc: &Document, exported_at: &str) -> String {
    let mut json = serde_json::to_string_pretty(&file(doc, exported_at)).expect("export structs always serialise");
    json.push('\n');
    json
}

/// A library bundle: every document in the version 1 format, one per line (JSON Lines).
pub fn to_bundle<'d>(docs: impl IntoIterator<Item = &'d Document>, exported_at: &str) -> String {
    let mut out = String::new();
    for doc in docs {
        out.push_str(&serde_json::to_string(&file(doc, exported_at)).expect("export structs always serialise"));
        out.push('\n');
    }
    out
}

fn file<'a>(doc: &'a Document, exported_at: &'a str) -> ExportFile<'a> {
    ExportFile {
        format: FORMAT,
        version: VERSION,
        offset_unit: "codepoint",
        document: ExportDocument {
            title: &doc.title,
            text: doc.text.as_str(),
            length: doc.text.len(),
            sha256: doc.text.sha256_hex().to_owned(),
        },
        labels: doc.labels.iter().collect(),
        annotations: doc.annotations.iter().map(|a| ExportAnnotation::new(doc, a)).collect(),
        generator: format!("marginalia {}", env!("CARGO_PKG_VERSION")),
        exported_at,
    }
}

/// The download file name for a document titled `title`: `<title>.marginalia.json`,
/// with characters that file systems reject replaced by `_`.
///
/// ```
/// use marginalia::core::export::file_name;
/// assert_eq!(file_name("Q&A: who/what?"), "Q&A_ who_what_.marginalia.json");
/// assert_eq!(file_name("  "), "untitled.marginalia.json");
/// ```
pub fn file_name(title: &str) -> String {
    let cleaned: String = title
        .trim()
        .chars()
        .map(|c| if c.is_control() || r#"/\:*?"<>|"#.contains(c) { '_' } else { c })
        .take(100)
        .collect();
    let cleaned = cleaned.trim_matches(|c: char| c == '.' || c.is_whitespace());
    let stem = if cleaned.is_empty() { "untitled" } else { cleaned };
    format!("{stem}.marginalia.json")
}
