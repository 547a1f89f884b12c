//! The Marginalia JSON export, version 4: the product's public contract.
//!
//! One UTF-8 JSON object, pretty-printed with two-space indentation:
//!
//! ```text
//! {
//!   "format": "marginalia",          always this string
//!   "version": 4,                    this format's version (versions 1 to 3 still import)
//!   "offset_unit": "codepoint",      start/end count Unicode code points
//!   "document": {
//!     "title": "...",                the document's title
//!     "text": "...",                 the full text (CRLF stored as LF, leading BOM dropped)
//!     "length": 2345,                length of text in code points
//!     "sha256": "9f2c..."            lowercase hex SHA-256 of text's UTF-8 bytes
//!   },
//!   "source": {                      where it came from (left out when empty; each
//!                                    field left out when empty; version 4)
//!     "url": "https://…", "outlet": "Halden Post",
//!     "authors": ["Ana Lima"],       in byline order
//!     "published": "2026-11-30",     as typed (YYYY-MM-DD from the app's date fields)
//!     "retrieved": "2026-12-01",
//!     "note": "…" },
//!   "labels": [                      the schema, in display order; kind is
//!     { "name": "Person", "kind": "entity", "color": "#f4a261", "hotkey": "1", "speaks": true },
//!     { "name": "Quote",  "kind": "quote",  "color": "#e76f8a", "hotkey": "6", "speaks": false },
//!     { "name": "Cue",    "kind": "cue",    "color": "#8d99ae", "hotkey": "7", "speaks": false }
//!   ],                               kind: entity, quote or cue; speaks: its mentions
//!                                    can speak a quote
//!   "entities": [                    by id; one per person, organisation, place ...
//!     { "id": "e1", "label": "Person", "name": "Maryam Rahimi",
//!       "aliases": ["Rahimi"],       other texts of its mentions, in document order
//!       "mentions": ["a3", "a9"] }   its mentions, in document order
//!   ],
//!   "annotations": [                 sorted by (start, end, label, id)
//!     { "id": "a3", "label": "Person", "start": 394, "end": 407, "text": "Maryam Rahimi",
//!       "entity": "e1" },            on mentions: the entity
//!     { "id": "a11", "label": "Quote", "start": 338, "end": 388, "text": "“...”",
//!       "speakers": ["e1"],          on quotes that have them: speaking entities
//!       "cue": "a12",                on quotes that have one: the cue annotation
//!       "quote_kind": "direct",      on quotes: direct, partial or mixed
//!       "continues": "a4",           on a quote continuing an earlier one
//!       "note": "...",               on any annotation with a note
//!       "changed_from": "CPR",       on an annotation a revision of the text changed:
//!                                    its text before; it needs review until confirmed
//!       "from": ["Ana", "Bo"],       in an adjudicated document: the coders it came from
//!       "status": "suggested" }      on a suggestion not yet accepted, exported only
//!                                    when asked for (and by `marginalia suggest`)
//!   ],
//!   "rejected": [                    suggestions the user rejected (left out when none):
//!     { "start": 12, "end": 20, "label": "Place" }   not suggested again
//!   ],
//!   "orphans": [                     annotations whose text a revision deleted, until
//!                                    deleted or re-attached (left out when none):
//!     { "id": "a7", "label": "Person", "text": "CPR",   its old text
//!       "revision": 1,               the revision that orphaned it (1 is the first)
//!       "note": "...",               its note, if any
//!       "entity": "Maryam Rahimi",   for a mention: its entity's name
//!       "speakers": ["Ana Lima"],    for a quote: its speakers' names
//!       "spoke": ["a11"] }           for a mention whose entity went with it: the
//!                                    quotes that entity spoke
//!   ],
//!   "adjudication": {                in a document adjudicated from several coders'
//!                                    versions (left out otherwise):
//!     "coders": ["Ana", "Bo"],       the coders compared, the reference first
//!     "agreed": true,                the annotations they agree on were taken
//!     "decisions": [                 each decision on a disagreement, in order:
//!       { "kind": "other-label", "take": "second",
//!         "parts": [{ "start": 4, "end": 7, "label": "Organization" },
//!                   { "start": 4, "end": 7, "label": "Person" }] } ]
//!                                    parts: the annotations in it, the first
//!                                    coder's before the second's
//!                                    kind: only-first, only-second, other-label,
//!                                    overlap, other-speakers; take: first, second,
//!                                    both, neither
//!   },
//!   "revisions": [                   each revision of the text, oldest first (left out
//!                                    when none); the last "after" is this text
//!     { "before": { "length": 2502, "sha256": "…" },
//!       "after":  { "length": 2491, "sha256": "…" },
//!       "at": "2026-12-01T10:00:00.000Z" }
//!   ],
//!   "project": { "name": "…",        in a project bundle's lines only (left out
//!     "labels": [ … ] },             otherwise): the project and its schema, as "labels"
//!   "generator": "marginalia 0.1.0", the program and version that wrote it
//!   "exported_at": "2026-11-24T18:00:00.000Z"   RFC 3339 time of export
//! }
//! ```
//!
//! Offsets are half-open, `[start, end)`, in code points, so in Python
//! `doc["text"][a["start"]:a["end"]] == a["text"]` for every annotation. Ids are stable
//! for the life of a document. Optional fields are left out when empty. The same state
//! always exports the same bytes apart from `exported_at`. The JSON Schema is
//! `static/marginalia-v4.schema.json` (version 3: `static/marginalia-v3.schema.json`, the
//! same without `source`; version 2: `static/marginalia-v2.schema.json`,
//! the same without `review`, `orphans` and `revisions`; version 1:
//! `static/marginalia-v1.schema.json`, where a quote had one `speaker`, the id of a
//! mention).

use super::annotations::Annotation;
use super::entities::Entity;
use super::ids::{AnnotationId, EntityId};
use super::mentions::{aliases_among, mentions_by_entity};
use super::labels::{Label, LabelSet};
use super::document::Document;
use super::source::Source;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// Value of the `format` field.
pub const FORMAT: &str = "marginalia";
/// Value of the `version` field written by this build.
pub const VERSION: u32 = 4;

#[derive(Serialize)]
struct ExportFile<'a> {
    #[serde(flatten)]
    head: ExportHead<'a>,
    entities: Vec<ExportEntity<'a>>,
    annotations: Vec<ExportAnnotation<'a>>,
    #[serde(flatten)]
    tail: ExportTail<'a>,
}

/// The fields before `entities` (split off so that [`SlicedJson`] writes them alone).
#[derive(Serialize)]
struct ExportHead<'a> {
    format: &'static str,
    version: u32,
    offset_unit: &'static str,
    document: ExportDocument<'a>,
    #[serde(skip_serializing_if = "Source::is_empty")]
    source: &'a Source,
    labels: Vec<&'a Label>,
}

/// The fields after `annotations`.
#[derive(Serialize)]
struct ExportTail<'a> {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    rejected: Vec<ExportRejected<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    orphans: Vec<ExportOrphan<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    revisions: Vec<ExportRevision<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    adjudication: Option<ExportAdjudication<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    project: Option<ExportProject<'a>>,
    generator: String,
    exported_at: &'a str,
}

/// The project of a project bundle's line.
#[derive(Serialize)]
struct ExportProject<'a> {
    name: &'a str,
    labels: Vec<&'a Label>,
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
    entity: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    speakers: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cue: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    quote_kind: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    continues: Option<String>,
    #[serde(skip_serializing_if = "str::is_empty")]
    note: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    changed_from: Option<&'a str>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    from: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<&'static str>,
}

#[derive(Serialize)]
struct ExportOrphan<'a> {
    id: String,
    label: &'a str,
    text: &'a str,
    revision: usize,
    #[serde(skip_serializing_if = "str::is_empty")]
    note: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    entity: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    speakers: Vec<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    spoke: Vec<String>,
}

#[derive(Serialize)]
struct ExportAdjudication<'a> {
    coders: &'a [String],
    agreed: bool,
    decisions: Vec<ExportDecision<'a>>,
}

#[derive(Serialize)]
struct ExportDecision<'a> {
    kind: &'static str,
    parts: Vec<ExportRejected<'a>>,
    take: &'static str,
}

#[derive(Serialize)]
struct ExportRevision<'a> {
    before: ExportVersion<'a>,
    after: ExportVersion<'a>,
    at: &'a str,
}

#[derive(Serialize)]
struct ExportVersion<'a> {
    length: usize,
    sha256: &'a str,
}

#[derive(Serialize)]
struct ExportRejected<'a> {
    start: usize,
    end: usize,
    label: &'a str,
}

#[derive(Serialize)]
struct ExportEntity<'a> {
    id: String,
    label: &'a str,
    name: &'a str,
    aliases: Vec<String>,
    mentions: Vec<String>,
}

impl<'a> ExportAnnotation<'a> {
    fn new(doc: &'a Document, a: &'a Annotation, suggested: &BTreeSet<AnnotationId>) -> Self {
        ExportAnnotation {
            id: a.id.to_string(),
            label: &a.label,
            start: a.span.start,
            end: a.span.end,
            text: doc.text_of(a),
            entity: a.entity.map(|e| e.to_string()),
            speakers: a.speakers.iter().map(ToString::to_string).collect(),
            cue: a.cue.map(|c| c.to_string()),
            quote_kind: a.quote_kind.map(|k| k.name()),
            continues: a.continues.map(|c| c.to_string()),
            note: &a.note,
            changed_from: a.changed_from.as_deref(),
            from: &a.from,
            status: suggested.contains(&a.id).then_some("suggested"),
        }
    }
}

/// Writes `doc` in the version 4 format. `exported_at` is an RFC 3339 time supplied by
/// the caller (the core reads no clock).
pub fn to_json(doc: &Document, exported_at: &str) -> String {
    to_json_marking(doc, exported_at, &BTreeSet::new())
}

/// Like [`to_json`], with `"status": "suggested"` on the annotations in `suggested`
/// (suggestions exported on request, see `core::reduce::suggestions::with_suggestions`).
pub fn to_json_marking(doc: &Document, exported_at: &str, suggested: &BTreeSet<AnnotationId>) -> String {
    let mut json = serde_json::to_string_pretty(&file(doc, exported_at, suggested)).expect("export structs always serialise");
    json.push('\n');
    json
}

/// A library bundle: every document in the version 4 format, one per line (JSON Lines).
pub fn to_bundle<'d>(docs: impl IntoIterator<Item = &'d Document>, exported_at: &str) -> String {
    let mut out = String::new();
    for doc in docs {
        out.push_str(&serde_json::to_string(&file(doc, exported_at, &BTreeSet::new())).expect("export structs always serialise"));
        out.push('\n');
    }
    out
}

/// A project bundle: like [`to_bundle`], each line naming the project and its schema
/// (`"project": {"name", "labels"}`).
pub fn to_project_bundle<'d>(docs: impl IntoIterator<Item = &'d Document>, exported_at: &str, name: &str, labels: &LabelSet) -> String {
    let mut out = String::new();
    for doc in docs {
        let mut line = file(doc, exported_at, &BTreeSet::new());
        line.tail.project = Some(ExportProject { name, labels: labels.iter().collect() });
        out.push_str(&serde_json::to_string(&line).expect("export structs always serialise"));
        out.push('\n');
    }
    out
}

/// One document as one line of JSON Lines, suggestions marked (for `marginalia suggest --jsonl`).
pub fn to_json_line(doc: &Document, exported_at: &str, suggested: &BTreeSet<AnnotationId>) -> String {
    serde_json::to_string(&file(doc, exported_at, suggested)).expect("export structs always serialise")
}

/// `doc` in the version 4 format as compact JSON (one line, no final newline): what the
/// store keeps of a document, and a bundle's line.
pub fn to_compact_json(doc: &Document, exported_at: &str) -> String {
    serde_json::to_string(&file(doc, exported_at, &BTreeSet::new())).expect("export structs always serialise")
}

/// [`to_compact_json`] written a slice at a time, so that a long document is written
/// over several tasks without one long one: [`SlicedJson::new`] writes the fields before
/// `entities`, each [`SlicedJson::step`] some entities (weighed by their mentions), then
/// some annotations, [`SlicedJson::finish`] the rest. Every call is given the same
/// document; the bytes are those of [`to_compact_json`].
pub struct SlicedJson {
    out: Vec<u8>,
    /// Each entity's mentions (positions in the annotations), gathered in one pass.
    mentions: BTreeMap<EntityId, Vec<usize>>,
    /// Entities written.
    entities: usize,
    /// All entities written (and the annotations' array opened).
    entities_done: bool,
    /// Annotations written.
    next: usize,
}

impl SlicedJson {
    /// Starts writing `doc`.
    pub fn new(doc: &Document) -> SlicedJson {
        let mut out = serde_json::to_vec(&head(doc)).expect("export structs always serialise");
        out.pop(); // the head's closing brace: the object goes on
        out.extend_from_slice(b",\"entities\":[");
        let mut mentions: BTreeMap<EntityId, Vec<usize>> = BTreeMap::new();
        for (i, a) in doc.annotations.iter().enumerate() {
            if let Some(e) = a.entity {
                mentions.entry(e).or_default().push(i);
            }
        }
        SlicedJson { out, mentions, entities: 0, entities_done: false, next: 0 }
    }

    /// Writes up to `count` more items (an entity counts one and one per mention, an
    /// annotation one); true when all are written.
    pub fn step(&mut self, doc: &Document, count: usize) -> bool {
        let mut budget = count;
        if !self.entities_done {
            for e in doc.entities.iter().skip(self.entities) {
                if budget == 0 {
                    break;
                }
                let mentions: Vec<&Annotation> = self.mentions.get(&e.id).map_or(Vec::new(), |m| m.iter().map(|&i| doc.annotations.at(i)).collect());
                if self.entities > 0 {
                    self.out.push(b',');
                }
                serde_json::to_writer(&mut self.out, &entity(doc, e, &mentions)).expect("export structs always serialise");
                self.entities += 1;
                budget = budget.saturating_sub(1 + mentions.len());
            }
            if self.entities < doc.entities.iter().count() {
                return false;
            }
            self.out.extend_from_slice(b"],\"annotations\":[");
            self.entities_done = true;
        }
        let none = BTreeSet::new();
        for a in doc.annotations.iter().skip(self.next).take(budget) {
            if self.next > 0 {
                self.out.push(b',');
            }
            serde_json::to_writer(&mut self.out, &ExportAnnotation::new(doc, a, &none)).expect("export structs always serialise");
            self.next += 1;
        }
        self.next >= doc.annotations.len()
    }

    /// The whole JSON, what is not yet written included, stamped `exported_at`.
    pub fn finish(mut self, doc: &Document, exported_at: &str) -> String {
        while !self.step(doc, usize::MAX) {}
        let tail = serde_json::to_vec(&tail(doc, exported_at)).expect("export structs always serialise");
        self.out.extend_from_slice(b"],");
        self.out.extend_from_slice(&tail[1..]); // without its opening brace
        String::from_utf8(self.out).expect("serde_json writes UTF-8")
    }
}

fn file<'a>(doc: &'a Document, exported_at: &'a str, suggested: &BTreeSet<AnnotationId>) -> ExportFile<'a> {
    // Every entity's mentions in one pass (not one scan per entity).
    let by_entity = mentions_by_entity(doc);
    ExportFile {
        head: head(doc),
        entities: doc.entities.iter().map(|e| entity(doc, e, by_entity.get(&e.id).map(Vec::as_slice).unwrap_or_default())).collect(),
        annotations: doc.annotations.iter().map(|a| ExportAnnotation::new(doc, a, suggested)).collect(),
        tail: tail(doc, exported_at),
    }
}

fn head(doc: &Document) -> ExportHead<'_> {
    ExportHead {
        format: FORMAT,
        version: VERSION,
        offset_unit: "codepoint",
        document: ExportDocument {
            title: &doc.title,
            text: doc.text.as_str(),
            length: doc.text.len(),
            sha256: doc.text.sha256_hex().to_owned(),
        },
        source: &doc.source,
        labels: doc.labels.iter().collect(),
    }
}

fn entity<'a>(doc: &'a Document, e: &'a Entity, mentions: &[&'a Annotation]) -> ExportEntity<'a> {
    ExportEntity {
        id: e.id.to_string(),
        label: &e.label,
        name: &e.name,
        aliases: aliases_among(doc, e, mentions),
        mentions: mentions.iter().map(|m| m.id.to_string()).collect(),
    }
}

fn tail<'a>(doc: &'a Document, exported_at: &'a str) -> ExportTail<'a> {
    ExportTail {
        rejected: doc.rejected.iter().map(|(span, label)| ExportRejected { start: span.start, end: span.end, label }).collect(),
        orphans: doc
            .orphans
            .iter()
            .map(|o| ExportOrphan {
                id: o.id.to_string(),
                label: &o.label,
                text: &o.text,
                revision: o.revision,
                note: &o.note,
                entity: o.entity.as_deref(),
                speakers: o.speakers.iter().map(String::as_str).collect(),
                spoke: o.spoke.iter().map(ToString::to_string).collect(),
            })
            .collect(),
        revisions: doc
            .revisions
            .iter()
            .map(|r| ExportRevision {
                before: ExportVersion { length: r.before_length, sha256: &r.before_sha256 },
                after: ExportVersion { length: r.after_length, sha256: &r.after_sha256 },
                at: &r.at,
            })
            .collect(),
        adjudication: doc.adjudication.as_ref().map(|j| ExportAdjudication {
            coders: &j.coders,
            agreed: j.agreed,
            decisions: j.decisions.iter().map(|d| ExportDecision {
                    kind: d.kind.id(),
                    parts: d.parts.iter().map(|(s, label)| ExportRejected { start: s.start, end: s.end, label }).collect(),
                    take: d.take.id(),
                }).collect(),
        }),
        project: None,
        generator: format!("marginalia {}", env!("CARGO_PKG_VERSION")),
        exported_at,
    }
}

/// The download file name for a document titled `title`: `<slug>.marginalia.json`.
///
/// ```
/// use marginalia::core::export::file_name;
/// assert_eq!(file_name("Q&A: who/what?"), "q-a-who-what.marginalia.json");
/// assert_eq!(file_name("  "), "untitled.marginalia.json");
/// ```
pub fn file_name(title: &str) -> String {
    format!("{}.marginalia.json", file_stem(title))
}

/// Longest slug, in characters.
const SLUG_CHARS: usize = 80;

/// The part of a download's file name that comes from `title` (every download of a
/// document, in any format, starts with it), a safe slug: letters and digits of any script
/// in lower case, apostrophes dropped, every other run of characters one `-`, at most
/// 80 characters cut at a `-`, "untitled" when nothing is left. Nothing in it means
/// anything to a file system or a shell (no `/`, `.`, space, quote or control character).
///
/// ```
/// use marginalia::core::export::file_stem;
/// assert_eq!(file_stem("Residents rally to save Halden's last wetland"), "residents-rally-to-save-haldens-last-wetland");
/// assert_eq!(file_stem("../../etc/passwd"), "etc-passwd");
/// assert_eq!(file_stem("مریم رحیمی: گفت‌وگو"), "مریم-رحیمی-گفت-وگو");
/// ```
pub fn file_stem(title: &str) -> String {
    let mut out = String::new();
    for c in title.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if matches!(c, '\'' | '’') {
            continue;
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let mut out = out.trim_end_matches('-').to_owned();
    if out.chars().count() > SLUG_CHARS {
        let cut: String = out.chars().take(SLUG_CHARS + 1).collect();
        out = match cut.rfind('-') {
            Some(i) if i > 0 => cut[..i].to_owned(),
            _ => cut.chars().take(SLUG_CHARS).collect(),
        };
    }
    if out.is_empty() { "untitled".into() } else { out }
}
