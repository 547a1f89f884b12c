//! Reading a Marginalia export (version 4, see `export`, or versions 1 to 3) back into a
//! document, checked completely before anything is touched.
//!
//! Every problem found is reported with its place (line and column for JSON syntax, the
//! annotation's id and position, the field) in words for a non-programmer. A file with
//! any problem imports nothing. Labels used by annotations but missing from the file's
//! schema are added, and reported as notes rather than problems.

use super::annotations::{Annotation, Annotations, QuoteKind};
use super::ids::{AnnotationId, EntityId, Id};
use super::entities::{Entities, Entity};
use super::mentions::group;
use super::export::{FORMAT, VERSION};
use super::labels::{is_valid_color, Label, LabelKind, LabelSet, SPEAKER_LABELS};
use super::offsets::Span;
use super::document::Document;
use super::provenance::{Adjudication, Decision, Kind, Take};
use super::revisions::{Orphan, Revision};
use super::source::Source;
use super::text::{Text, MAX_CHARS};
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::rc::Rc;

/// Largest file accepted, in bytes (a 5M-character text with its annotations fits).
pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;

/// One thing wrong with a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Where: "line 3, column 14", "annotation a7 (the 3rd), field “start”", "document".
    pub place: String,
    /// What is wrong, as a type (for tests and programs).
    pub kind: ProblemKind,
    /// What is wrong, in plain words.
    pub message: String,
}

/// What kind of thing is wrong with a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProblemKind {
    /// The file is over the size limit.
    TooLarge,
    /// The browser could not read the file.
    Unreadable,
    /// The bytes are not UTF-8 text.
    NotText,
    /// The JSON ends before it is complete.
    Truncated,
    /// The JSON does not parse.
    NotJson,
    /// The JSON is not a Marginalia export (not an object, another `format`).
    NotAnExport,
    /// Written by a newer Marginalia.
    NewerVersion,
    /// The version is not one this build reads.
    BadVersion,
    /// Offsets not counted in code points.
    OffsetUnit,
    /// A required part is missing (document, text, length, fingerprint, labels,
    /// annotations, entities).
    Missing,
    /// The title is not text.
    BadTitle,
    /// The text is over the length limit.
    TextTooLong,
    /// The text's length disagrees with `length`.
    LengthMismatch,
    /// The text disagrees with its SHA-256.
    HashMismatch,
    /// A label lacks a field, has an empty name or a bad `speaks`.
    BadLabel,
    /// A label's kind is not entity, quote or cue.
    BadLabelKind,
    /// A label's colour is not `#rrggbb`.
    BadColor,
    /// A label is listed twice.
    DuplicateLabel,
    /// An id is not a prefix and a number.
    BadId,
    /// An id is used twice.
    DuplicateId,
    /// An annotation has no label.
    MissingLabel,
    /// Start or end are not whole numbers.
    BadOffsets,
    /// A span does not lie inside the text.
    OutsideText,
    /// An annotation's text is not the document's at its span.
    TextMismatch,
    /// A note is not text.
    BadNote,
    /// A quote kind is not direct, partial or mixed.
    BadQuoteKind,
    /// A version 1 speaker is not an annotation id.
    BadSpeaker,
    /// A quote's field on something that is not a quote.
    NotAQuote,
    /// A speaker that is not in the file (or has problems of its own).
    UnknownSpeaker,
    /// A speaker whose label does not speak.
    CannotSpeak,
    /// An entity without a sound label or name.
    BadEntity,
    /// An `entity` on an annotation that is not a mention.
    EntityOnNonMention,
    /// A mention without its entity.
    MissingEntity,
    /// A mention's entity that is not in the file.
    UnknownEntity,
    /// A mention whose entity has another label.
    EntityLabelMismatch,
    /// An entity's `mentions` and its mentions' `entity` disagree.
    MentionsDisagree,
    /// A cue that is not a cue annotation.
    BadCue,
    /// A join to something that is not an earlier quote.
    BadJoin,
    /// A rejected suggestion without a sound span and label.
    BadRejected,
    /// A bundle without any document.
    EmptyBundle,
    /// The library's storage is not available.
    NoStorage,
    /// Something Marginalia has no place for.
    Unsupported,
    /// A revision record without two sound versions and a time, or whose last text is
    /// not the document's.
    BadRevision,
    /// An orphan without a sound id, label, text or revision.
    BadOrphan,
    /// An adjudication record without coders, or a decision without a sound span, kind or choice.
    BadAdjudication,
    /// A source record that is not an object of the known text fields.
    BadSource,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.place, self.message)
    }
}

/// A file that passed every check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Imported {
    /// The document, ready to open.
    pub doc: Document,
    /// Labels that annotations used but the file's schema lacked; they were added.
    pub added_labels: Vec<String>,
    /// The format the file was read as, when it is not Marginalia's own ("brat standoff").
    pub read_as: String,
    /// The project a project bundle's line names, with its schema (`project`), if any.
    pub project: Option<(String, LabelSet)>,
}

impl Imported {
    /// " Read as brat standoff." for the messages about this import, or nothing for
    /// Marginalia's own files.
    pub fn read_as_note(&self) -> String {
        if self.read_as.is_empty() { String::new() } else { format!(" Read as {}.", self.read_as) }
    }
}

/// What checking one file found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Checked {
    /// The document, if its text could be read: with only the labels and annotations that
    /// passed (a speaker that did not pass is unlinked). The whole file when `problems`
    /// is empty, else its valid part.
    pub imported: Option<Imported>,
    /// Everything wrong with the file.
    pub problems: Vec<Problem>,
    /// Annotations in the file that are not in `imported`.
    pub dropped: usize,
}

impl Checked {
    fn refused(problems: Vec<Problem>) -> Checked {
        Checked { imported: None, problems, dropped: 0 }
    }

    /// The whole file if it has no problem.
    pub fn into_result(self) -> Result<Imported, Vec<Problem>> {
        match (self.imported, self.problems.is_empty()) {
            (Some(imported), true) => Ok(imported),
            (_, _) => Err(self.problems),
        }
    }
}

/// Checks and reads one exported file. `Err` holds every problem found.
pub fn read_file(bytes: &[u8]) -> Result<Imported, Vec<Problem>> {
    check_file(bytes).into_result()
}

/// Checks one exported file completely and keeps what is valid, for a user who chooses
/// to import the valid part of a broken file.
pub fn check_file(bytes: &[u8]) -> Checked {
    let fail = |kind: ProblemKind, place: &str, message: String| Checked::refused(vec![Problem { place: place.into(), kind, message }]);
    if let Some(problem) = size_problem(bytes.len() as u64) {
        return Checked::refused(vec![problem]);
    }
    let Ok(json) = std::str::from_utf8(bytes) else {
        return fail(ProblemKind::NotText, "file", "This is not a text file (it holds bytes that are not UTF-8 text), so it cannot be a Marginalia export.".into());
    };
    let value: Value = match serde_json::from_str(json) {
        Ok(v) => v,
        Err(e) if e.is_eof() => {
            return fail(ProblemKind::Truncated, &format!("line {}, column {}", e.line(), e.column()), "The file ends too early: it was probably cut off while saving or copying.".into())
        }
        Err(e) => return fail(ProblemKind::NotJson, &format!("line {}, column {}", e.line(), e.column()), format!("This is not valid JSON: {}.", describe_json_error(&e))),
    };
    Checker::default().file(&value)
}

/// [`check_file`] of a file of `bytes` bytes already parsed as `value` (the reader parses a
/// JSON file once, to tell its format, and hands the value on).
pub fn check_parsed(value: &Value, bytes: usize) -> Checked {
    match size_problem(bytes as u64) {
        Some(problem) => Checked::refused(vec![problem]),
        None => Checker::default().file(value),
    }
}

/// The problem with a file of `bytes` bytes, if it is over [`MAX_FILE_BYTES`] (asked
/// before a file is read, so that a huge one is never loaded).
pub fn size_problem(bytes: u64) -> Option<Problem> {
    (bytes > MAX_FILE_BYTES as u64).then(|| Problem {
        place: "file".into(),
        kind: ProblemKind::TooLarge,
        message: format!("The file is {} MB; the limit is {} MB.", bytes / 1_000_000, MAX_FILE_BYTES / 1_000_000),
    })
}

/// True if `bytes` look like a library bundle (JSON Lines: one document per line) rather
/// than a single pretty-printed export.
pub fn is_bundle(name: &str, bytes: &[u8]) -> bool {
    name.ends_with(".jsonl")
        || (!bytes.starts_with(b"{\n") && bytes.split(|&b| b == b'\n').filter(|l| l.starts_with(b"{")).nth(1).is_some())
}

/// The documents of a bundle: each non-blank line with its 1-based line number.
pub fn bundle_lines(bytes: &[u8]) -> impl Iterator<Item = (usize, &[u8])> {
    bytes
        .split(|&b| b == b'\n')
        .enumerate()
        .filter(|(_, line)| !line.iter().all(u8::is_ascii_whitespace))
        .map(|(i, line)| (i + 1, line))
}

/// Checks one line of a bundle; each problem is placed by the line's number.
pub fn check_bundle_line(number: usize, line: &[u8]) -> Checked {
    let mut checked = check_file(line);
    for p in &mut checked.problems {
        p.place = format!("line {number} of the bundle, {}", p.place.replace("line 1, ", ""));
    }
    checked
}

/// What checking a bundle found, line by line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CheckedBundle {
    /// Every document whose text could be read (the valid part of a broken one).
    pub documents: Vec<Imported>,
    /// Every problem of every line.
    pub problems: Vec<Problem>,
    /// Annotations and documents left out of `documents`.
    pub dropped: usize,
}

impl CheckedBundle {
    /// Adds one line's findings.
    pub fn add(&mut self, checked: Checked) {
        match checked.imported {
            Some(imported) => self.documents.push(imported),
            None => self.dropped += 1,
        }
        self.dropped += checked.dropped;
        self.problems.extend(checked.problems);
    }

    /// Adds the problem of a bundle without any document.
    pub fn finish(mut self) -> CheckedBundle {
        if self.documents.is_empty() && self.problems.is_empty() {
            self.problems.push(Problem { place: "file".into(), kind: ProblemKind::EmptyBundle, message: "The bundle holds no document.".into() });
        }
        self
    }
}

/// Checks a whole library bundle (every non-empty line one exported document).
pub fn check_bundle(bytes: &[u8]) -> CheckedBundle {
    if bytes.len() > MAX_FILE_BYTES {
        let checked = check_file(bytes); // refused, with the same size message
        return CheckedBundle { problems: checked.problems, ..CheckedBundle::default() };
    }
    let mut bundle = CheckedBundle::default();
    for (number, line) in bundle_lines(bytes) {
        bundle.add(check_bundle_line(number, line));
    }
    bundle.finish()
}

/// Checks and reads a library bundle. All or nothing: `Err` holds every problem of every
/// line, each placed by its line number.
pub fn read_bundle(bytes: &[u8]) -> Result<Vec<Imported>, Vec<Problem>> {
    let bundle = check_bundle(bytes);
    if bundle.problems.is_empty() {
        Ok(bundle.documents)
    } else {
        Err(bundle.problems)
    }
}

fn describe_json_error(e: &serde_json::Error) -> String {
    let text = e.to_string();
    // serde_json appends " at line L column C"; the place is reported separately.
    text.split(" at line ").next().unwrap_or(&text).to_owned()
}

/// Collects problems while reading a parsed file.
#[derive(Default)]
struct Checker {
    problems: Vec<Problem>,
}

impl Checker {
    fn problem(&mut self, kind: ProblemKind, place: impl Into<String>, message: impl Into<String>) {
        self.problems.push(Problem { place: place.into(), kind, message: message.into() });
    }

    fn file(mut self, value: &Value) -> Checked {
        let Some(root) = value.as_object() else {
            self.problem(ProblemKind::NotAnExport, "file", "This is JSON, but not a Marginalia export (it is not an object with fields).");
            return Checked::refused(self.problems);
        };
        if root.get("format").and_then(Value::as_str) != Some(FORMAT) {
            self.problem(ProblemKind::NotAnExport, "field “format”", "This is not a Marginalia export: “format” must be \"marginalia\".");
            return Checked::refused(self.problems);
        }
        let version = root.get("version").and_then(Value::as_u64).unwrap_or(0);
        match version {
            1..=4 => {}
            v if v > u64::from(VERSION) => self.problem(ProblemKind::NewerVersion, 
                "field “version”",
                format!("This file was written by a newer Marginalia (format version {v}); this one reads versions 1 to {VERSION}. Update Marginalia to open it."),
            ),
            _ => self.problem(ProblemKind::BadVersion, "field “version”", format!("The format version must be a whole number from 1 to {VERSION}.")),
        }
        if root.get("offset_unit").and_then(Value::as_str) != Some("codepoint") {
            self.problem(ProblemKind::OffsetUnit, "field “offset_unit”", "Offsets must be counted in code points (\"codepoint\").");
        }
        if !self.problems.is_empty() {
            return Checked::refused(self.problems);
        }
        let text = self.document(root);
        let mut labels = self.labels(root);
        let in_file = root.get("annotations").and_then(Value::as_array).map_or(0, Vec::len);
        let Some(text) = text else {
            return Checked::refused(self.problems);
        };
        let (annotations, added_labels) = self.annotations(root, &text, &mut labels);
        let title = root["document"]["title"].as_str().unwrap_or_default().to_owned();
        let next_id = annotations.iter().map(|a| a.id.0).max().unwrap_or(0) + 1;
        let dropped = in_file - annotations.len();
        let mut doc = Document::new(title, "");
        doc.text = Rc::new(text);
        doc.labels = labels;
        doc.annotations = Annotations::from_vec(annotations);
        doc.next_id = next_id;
        if version == 1 {
            self.entities_of_version_1(root, &mut doc);
        } else {
            self.entities(root, &mut doc);
        }
        self.quote_links(root, &mut doc);
        self.rejected(root, &mut doc);
        self.revisions(root, &mut doc);
        self.orphans(root, &mut doc);
        self.adjudication(root, &mut doc);
        self.source(root, &mut doc);
        let project = project_of(root);
        Checked { imported: Some(Imported { doc, added_labels, read_as: String::new(), project }), problems: self.problems, dropped }
    }

    /// The suggestions rejected in this document (`rejected`, optional): a bad entry is
    /// left out, with its problem.
    fn rejected(&mut self, root: &Map<String, Value>, doc: &mut Document) {
        let Some(items) = root.get("rejected").and_then(Value::as_array) else { return };
        for (k, item) in items.iter().enumerate() {
            let start = item.get("start").and_then(Value::as_u64).map(|n| n as usize);
            let end = item.get("end").and_then(Value::as_u64).map(|n| n as usize);
            let label = item.get("label").and_then(Value::as_str);
            match (start, end, label) {
                (Some(start), Some(end), Some(label)) if start < end && end <= doc.text.len() => {
                    doc.rejected.insert((Span::new(start, end), label.to_owned()));
                }
                _ => self.problem(ProblemKind::BadRejected, format!("rejected suggestion {}", k + 1), "It needs a “start” before its “end” inside the text, and a “label”; it was left out."),
            }
        }
    }

    /// The revisions of the text (`revisions`, optional, version 3): each with two sound
    /// versions and a time; the last one's "after" must be this text.
    fn revisions(&mut self, root: &Map<String, Value>, doc: &mut Document) {
        let Some(items) = root.get("revisions").and_then(Value::as_array) else { return };
        let version = |v: Option<&Value>| -> Option<(usize, String)> {
            let v = v?;
            let sha = v.get("sha256")?.as_str().filter(|h| h.len() == 64 && h.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()))?;
            Some((v.get("length")?.as_u64()? as usize, sha.to_owned()))
        };
        for (k, item) in items.iter().enumerate() {
            match (version(item.get("before")), version(item.get("after")), item.get("at").and_then(Value::as_str)) {
                (Some((before_length, before_sha256)), Some((after_length, after_sha256)), Some(at)) => {
                    doc.revisions.push(Revision { before_sha256, before_length, after_sha256, after_length, at: at.to_owned() })
                }
                _ => self.problem(
                    ProblemKind::BadRevision,
                    format!("revision {} of {}", k + 1, items.len()),
                    "A revision needs “before” and “after”, each with a “length” and a lowercase hex “sha256”, and an “at” time; it was left out.",
                ),
            }
        }
        if let Some(last) = doc.revisions.last() {
            if last.after_sha256 != doc.text.sha256_hex() {
                self.problem(
                    ProblemKind::BadRevision,
                    format!("revision {}, field “after”", doc.revisions.len()),
                    "The last revision's text is not this document's text (their SHA-256 differ).",
                );
            }
        }
    }

    /// Where the document came from (`source`, optional, version 4): an object of text
    /// fields (`authors` a list of them), nothing else.
    fn source(&mut self, root: &Map<String, Value>, doc: &mut Document) {
        let Some(value) = root.get("source") else { return };
        match serde_json::from_value::<Source>(value.clone()) {
            Ok(source) => doc.source = source,
            Err(e) => self.problem(
                ProblemKind::BadSource,
                "field “source”",
                format!("The source record must hold only url, outlet, authors (a list), published, retrieved and note, as text ({}); it was left out.", describe_json_error(&e)),
            ),
        }
    }

    /// How the document was adjudicated (`adjudication`, optional, version 3): the coders'
    /// names, and decisions each with a span in the text, a kind and a choice.
    fn adjudication(&mut self, root: &Map<String, Value>, doc: &mut Document) {
        let Some(value) = root.get("adjudication") else { return };
        let coders: Option<Vec<String>> = value.get("coders").and_then(Value::as_array).map(|a| a.iter().filter_map(Value::as_str).map(str::to_owned).collect());
        let Some(coders) = coders.filter(|c| c.len() >= 2) else {
            self.problem(ProblemKind::BadAdjudication, "field “adjudication”", "An adjudication names two coders or more; it was left out.");
            return;
        };
        let mut record = Adjudication { coders, agreed: value.get("agreed").and_then(Value::as_bool).unwrap_or(false), decisions: Vec::new() };
        for (k, d) in value.get("decisions").and_then(Value::as_array).into_iter().flatten().enumerate() {
            let part = |p: &Value| -> Option<(Span, String)> {
                let (s, e) = (p.get("start")?.as_u64()? as usize, p.get("end")?.as_u64()? as usize);
                let label = p.get("label")?.as_str()?.to_owned();
                (s < e && e <= doc.text.len()).then(|| (Span::new(s, e), label))
            };
            let parts: Option<Vec<(Span, String)>> =
                d.get("parts").and_then(Value::as_array).and_then(|ps| ps.iter().map(part).collect::<Option<Vec<_>>>()).filter(|v| !v.is_empty());
            let kind = d.get("kind").and_then(Value::as_str).and_then(|k| Kind::ALL.into_iter().find(|x| x.id() == k));
            let take = d.get("take").and_then(Value::as_str).and_then(|t| Take::ALL.into_iter().find(|x| x.id() == t));
            match (parts, kind, take) {
                (Some(parts), Some(kind), Some(take)) => record.decisions.push(Decision { kind, parts, take }),
                _ => self.problem(ProblemKind::BadAdjudication, format!("adjudication decision {}", k + 1), "A decision needs its parts (spans inside the text with labels), a known kind and a known choice; it was left out."),
            }
        }
        doc.adjudication = Some(record);
    }

    /// The orphaned annotations (`orphans`, optional, version 3): each with an id no
    /// annotation uses, a label, its old text and a revision that exists.
    fn orphans(&mut self, root: &Map<String, Value>, doc: &mut Document) {
        let Some(items) = root.get("orphans").and_then(Value::as_array) else { return };
        let strings = |v: Option<&Value>| -> Vec<String> { v.and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str).map(str::to_owned).collect() };
        for (k, item) in items.iter().enumerate() {
            let place = format!("orphan {} of {}", k + 1, items.len());
            let id = item.get("id").and_then(parse_id::<AnnotationId>);
            let label = item.get("label").and_then(Value::as_str).filter(|l| !l.trim().is_empty());
            let text = item.get("text").and_then(Value::as_str);
            let revision = item.get("revision").and_then(Value::as_u64).map(|r| r as usize).filter(|r| (1..=doc.revisions.len()).contains(r));
            let (Some(id), Some(label), Some(text), Some(revision)) = (id, label, text, revision) else {
                self.problem(ProblemKind::BadOrphan, place, "An orphan needs an “id” like a7, a “label”, its “text” and the number of a revision in this file; it was left out.");
                continue;
            };
            if doc.annotations.get(id).is_some() || doc.orphans.iter().any(|o| o.id == id) {
                self.problem(ProblemKind::DuplicateId, format!("{place}, field “id”"), format!("The id {id} is used twice; the orphan was left out."));
                continue;
            }
            let spoke = item.get("spoke").and_then(Value::as_array).into_iter().flatten().filter_map(parse_id::<AnnotationId>).filter(|q| doc.annotations.get(*q).is_some()).collect();
            doc.next_id = doc.next_id.max(id.0 + 1);
            doc.orphans.push(Orphan {
                id,
                label: label.to_owned(),
                text: text.to_owned(),
                revision,
                note: item.get("note").and_then(Value::as_str).unwrap_or_default().to_owned(),
                entity: item.get("entity").and_then(Value::as_str).map(str::to_owned),
                speakers: strings(item.get("speakers")),
                spoke,
            });
        }
        doc.orphans.sort_by_key(|o| o.id);
    }

    /// Checks the `document` object; returns its text if it is sound.
    fn document(&mut self, root: &Map<String, Value>) -> Option<Text> {
        let Some(doc) = root.get("document").and_then(Value::as_object) else {
            self.problem(ProblemKind::Missing, "field “document”", "The file has no document (its text and title).");
            return None;
        };
        if !doc.get("title").is_some_and(Value::is_string) {
            self.problem(ProblemKind::BadTitle, "document, field “title”", "The title must be text.");
        }
        let Some(raw) = doc.get("text").and_then(Value::as_str) else {
            self.problem(ProblemKind::Missing, "document, field “text”", "The document's text is missing.");
            return None;
        };
        let text = Text::exact(raw);
        if text.len() > MAX_CHARS {
            self.problem(ProblemKind::TextTooLong, "document, field “text”", format!("The text has {} characters; the limit is {MAX_CHARS}.", text.len()));
            return None;
        }
        match doc.get("length").and_then(Value::as_u64) {
            Some(n) if n as usize == text.len() => {}
            Some(n) => self.problem(ProblemKind::LengthMismatch, 
                "document, field “length”",
                format!("The text has {} characters but the file says {n}: the text was changed after export.", text.len()),
            ),
            None => self.problem(ProblemKind::Missing, "document, field “length”", "The text's length is missing."),
        }
        match doc.get("sha256").and_then(Value::as_str) {
            Some(h) if h == text.sha256_hex() => {}
            Some(_) => self.problem(ProblemKind::HashMismatch, 
                "document, field “sha256”",
                "The text does not match its fingerprint (SHA-256): it was changed after export, or the file is damaged.",
            ),
            None => self.problem(ProblemKind::Missing, "document, field “sha256”", "The text's fingerprint (SHA-256) is missing."),
        }
        Some(text)
    }

    /// Reads the label schema; an unreadable one falls back to the default set.
    fn labels(&mut self, root: &Map<String, Value>) -> LabelSet {
        let Some(items) = root.get("labels").and_then(Value::as_array) else {
            self.problem(ProblemKind::Missing, "field “labels”", "The list of labels is missing.");
            return LabelSet::default();
        };
        let mut labels = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let place = format!("label {} of {}", i + 1, items.len());
            let field = |name: &str| item.get(name).and_then(Value::as_str);
            let (Some(name), Some(kind), Some(color), Some(hotkey)) =
                (field("name"), field("kind"), field("color"), field("hotkey"))
            else {
                self.problem(ProblemKind::BadLabel, place, "A label needs a name, a kind, a colour and a hotkey, all as text.");
                continue;
            };
            let Some(kind) = LabelKind::from_name(kind) else {
                self.problem(ProblemKind::BadLabelKind, format!("{place} (“{name}”), field “kind”"), format!("The kind must be \"entity\", \"quote\" or \"cue\", not \"{kind}\"."));
                continue;
            };
            if !is_valid_color(color) {
                self.problem(ProblemKind::BadColor, format!("{place} (“{name}”), field “color”"), "The colour must be written #rrggbb.");
                continue;
            }
            if name.trim().is_empty() {
                self.problem(ProblemKind::BadLabel, place, "A label's name cannot be empty.");
                continue;
            }
            let speaks = match item.get("speaks") {
                None => SPEAKER_LABELS.contains(&name),
                Some(Value::Bool(b)) => *b,
                Some(_) => {
                    self.problem(ProblemKind::BadLabel, format!("{place} (“{name}”), field “speaks”"), "“speaks” must be true or false.");
                    continue;
                }
            };
            labels.push(Label { name: name.into(), kind, color: color.into(), hotkey: hotkey.into(), speaks });
        }
        LabelSet::new(labels).unwrap_or_else(|name| {
            self.problem(ProblemKind::DuplicateLabel, "field “labels”", format!("The label “{name}” is listed twice."));
            LabelSet::default()
        })
    }

    /// Reads and checks every annotation against `text`; adds labels they use that the
    /// schema lacks.
    fn annotations(&mut self, root: &Map<String, Value>, text: &Text, labels: &mut LabelSet) -> (Vec<Annotation>, Vec<String>) {
        let Some(items) = root.get("annotations").and_then(Value::as_array) else {
            self.problem(ProblemKind::Missing, "field “annotations”", "The list of annotations is missing.");
            return (Vec::new(), Vec::new());
        };
        let mut out = Vec::new();
        let mut added = Vec::new();
        let mut seen: HashMap<AnnotationId, usize> = HashMap::new();
        for (i, item) in items.iter().enumerate() {
            let id_text = item.get("id").and_then(Value::as_str);
            let place = match id_text {
                Some(id) => format!("annotation {} (number {} of {})", id, i + 1, items.len()),
                None => format!("annotation number {} of {}", i + 1, items.len()),
            };
            let Some(id) = id_text.and_then(AnnotationId::parse) else {
                self.problem(ProblemKind::BadId, format!("{place}, field “id”"), "The id must be “a” followed by a number, like a12.");
                continue;
            };
            if let Some(first) = seen.insert(id, i) {
                self.problem(ProblemKind::DuplicateId, format!("{place}, field “id”"), format!("The id {id} is also used by annotation number {}.", first + 1));
                continue;
            }
            let Some(label) = item.get("label").and_then(Value::as_str).filter(|l| !l.trim().is_empty()) else {
                self.problem(ProblemKind::MissingLabel, format!("{place}, field “label”"), "The label is missing.");
                continue;
            };
            let (Some(start), Some(end)) = (item.get("start").and_then(Value::as_u64), item.get("end").and_then(Value::as_u64)) else {
                self.problem(ProblemKind::BadOffsets, format!("{place}, fields “start” and “end”"), "Start and end must be whole numbers of characters, 0 or more.");
                continue;
            };
            let (start, end) = (start as usize, end as usize);
            if start > end || end > text.len() {
                self.problem(ProblemKind::OutsideText, 
                    format!("{place}, fields “start” and “end”"),
                    format!("The span {start}–{end} does not lie inside the text, which has {} characters.", text.len()),
                );
                continue;
            }
            let span = Span::new(start, end);
            let actual = text.slice(span).unwrap_or_default();
            if item.get("text").and_then(Value::as_str) != Some(actual) {
                self.problem(ProblemKind::TextMismatch, 
                    format!("{place}, field “text”"),
                    format!("The annotation's text does not match the document at {start}–{end}, which reads “{}”.", super::messages::preview(actual)),
                );
                continue;
            }
            if labels.get(label).is_none() {
                labels.push(Label { name: label.into(), kind: LabelKind::Entity, color: "#9aa5b1".into(), hotkey: String::new(), speaks: false });
                added.push(label.to_owned());
            }
            let mut annotation = Annotation::new(id, span, label);
            annotation.from = item.get("from").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str).map(str::to_owned).collect();
            match item.get("changed_from") {
                None => {}
                Some(Value::String(was)) => annotation.changed_from = Some(was.clone()),
                Some(_) => self.problem(ProblemKind::BadNote, format!("{place}, field “changed_from”"), "What an annotation was changed from must be text; it was left out."),
            }
            match item.get("note") {
                None => {}
                Some(Value::String(note)) => annotation.note = note.clone(),
                Some(_) => self.problem(ProblemKind::BadNote, format!("{place}, field “note”"), "A note must be text; it was left out."),
            }
            if let Some(kind) = item.get("quote_kind") {
                match kind.as_str().and_then(QuoteKind::from_name) {
                    Some(k) => annotation.quote_kind = Some(k),
                    None => self.problem(ProblemKind::BadQuoteKind, format!("{place}, field “quote_kind”"), "The kind of a quote must be \"direct\", \"partial\" or \"mixed\"; it was left out."),
                }
            }
            out.push(annotation);
        }
        (out, added)
    }

    /// Version 1: mentions are grouped into entities by label and text, and a quote's
    /// `speaker` (the id of a mention) becomes that mention's entity.
    fn entities_of_version_1(&mut self, root: &Map<String, Value>, doc: &mut Document) {
        group(doc);
        for (id, item) in raw_items(root, doc) {
            let Some(speaker) = item.get("speaker").filter(|v| !v.is_null()) else { continue };
            let place = format!("annotation {id}, field “speaker”");
            let Some(sid) = parse_id::<AnnotationId>(speaker) else {
                self.problem(ProblemKind::BadSpeaker, place, "The speaker must be the id of another annotation, like a3; it was left out.");
                continue;
            };
            let quote_label = doc.annotations.get(id).map(|a| a.label.clone()).unwrap_or_default();
            if !doc.labels.is_quote(&quote_label) {
                self.problem(ProblemKind::NotAQuote, place, format!("Only a quote can have a speaker, and this is a {quote_label}."));
                continue;
            }
            match doc.annotations.get(sid) {
                None => self.problem(ProblemKind::UnknownSpeaker, place, format!("The speaker {sid} is not an annotation in this file, or it has problems of its own.")),
                Some(s) if !doc.labels.can_speak(&s.label) => {
                    self.problem(ProblemKind::CannotSpeak, place, format!("The speaker {sid} is a {}; a speaker must be a Person or an Organization.", s.label))
                }
                Some(s) => {
                    let entity = s.entity.expect("grouped mentions have an entity");
                    doc.annotations.update(id, |q| q.speakers = vec![entity]);
                }
            }
        }
    }

    /// Version 2: reads `entities` and each mention's `entity`, and checks they agree.
    /// A mention without a sound entity is grouped automatically in the valid part.
    fn entities(&mut self, root: &Map<String, Value>, doc: &mut Document) {
        let Some(items) = root.get("entities").and_then(Value::as_array) else {
            self.problem(ProblemKind::Missing, "field “entities”", "The list of entities is missing.");
            group(doc);
            return;
        };
        let mut entities = Entities::default();
        let mut listed: HashMap<EntityId, Vec<AnnotationId>> = HashMap::new();
        for (i, item) in items.iter().enumerate() {
            let place = format!("entity number {} of {}", i + 1, items.len());
            let Some(id) = item.get("id").and_then(parse_id::<EntityId>) else {
                self.problem(ProblemKind::BadId, format!("{place}, field “id”"), "The id must be “e” followed by a number, like e3.");
                continue;
            };
            let place = format!("entity {id}");
            if entities.get(id).is_some() {
                self.problem(ProblemKind::DuplicateId, format!("{place}, field “id”"), format!("The id {id} is used twice."));
                continue;
            }
            let (Some(label), Some(name)) = (item.get("label").and_then(Value::as_str), item.get("name").and_then(Value::as_str)) else {
                self.problem(ProblemKind::BadEntity, place, "An entity needs a label and a name, as text.");
                continue;
            };
            if !doc.labels.is_entity(label) || name.trim().is_empty() {
                self.problem(ProblemKind::BadEntity, place, format!("“{label}” is not an entity label of this file, or the name is empty."));
                continue;
            }
            let mentions = item.get("mentions").and_then(Value::as_array);
            let mentions: Vec<AnnotationId> = mentions.into_iter().flatten().filter_map(parse_id::<AnnotationId>).collect();
            listed.insert(id, mentions);
            entities.put(Entity { id, label: label.into(), name: name.into() });
        }
        let raw = raw_items(root, doc);
        for (aid, item) in &raw {
            let Some(a) = doc.annotations.get(*aid).cloned() else { continue };
            let field = item.get("entity");
            let place = format!("annotation {aid}, field “entity”");
            if !doc.labels.is_entity(&a.label) {
                if field.is_some() {
                    self.problem(ProblemKind::EntityOnNonMention, place, format!("Only a mention of an entity has an entity, and this is a {}; it was left out.", a.label));
                }
                continue;
            }
            let Some(eid) = field.and_then(parse_id::<EntityId>) else {
                self.problem(ProblemKind::MissingEntity, place, "A mention must name its entity, like e3.");
                continue;
            };
            match entities.get(eid) {
                None => self.problem(ProblemKind::UnknownEntity, place, format!("The entity {eid} is not in this file's entities, or it has problems of its own.")),
                Some(e) if e.label != a.label => {
                    self.problem(ProblemKind::EntityLabelMismatch, place, format!("The entity {eid} is a {}, but this mention is a {}.", e.label, a.label))
                }
                Some(_) => {
                    if !listed.get(&eid).is_some_and(|m| m.contains(aid)) {
                        self.problem(ProblemKind::MentionsDisagree, place, format!("The entity {eid} does not list {aid} among its mentions."));
                    }
                    doc.annotations.update(*aid, |m| m.entity = Some(eid));
                }
            }
        }
        for (eid, mentions) in &listed {
            for m in mentions {
                if doc.annotations.get(*m).is_some_and(|a| a.entity != Some(*eid)) {
                    self.problem(ProblemKind::MentionsDisagree, format!("entity {eid}, field “mentions”"), format!("{m} is listed, but it does not refer to {eid}."));
                }
            }
        }
        doc.next_entity = entities.iter().map(|e| e.id.0).max().unwrap_or(0) + 1;
        for e in entities.iter() {
            if doc.annotations.iter().any(|a| a.entity == Some(e.id)) {
                doc.entities.put(e.clone());
            }
        }
        group(doc);
    }

    /// Version 2 quote fields: speakers (entities that can speak), cue (a cue
    /// annotation), continues (an earlier quote). What does not hold is left out.
    fn quote_links(&mut self, root: &Map<String, Value>, doc: &mut Document) {
        for (id, item) in raw_items(root, doc) {
            let Some(a) = doc.annotations.get(id).cloned() else { continue };
            let quote = doc.labels.is_quote(&a.label);
            let mut updated = a.clone();
            for field in ["speakers", "cue", "continues", "quote_kind"] {
                if item.get(field).is_some() && !quote {
                    self.problem(ProblemKind::NotAQuote, format!("annotation {id}, field “{field}”"), format!("Only a quote has this, and this is a {}; it was left out.", a.label));
                }
            }
            if !quote {
                updated.quote_kind = None;
                doc.annotations.update(id, |x| *x = updated);
                continue;
            }
            if let Some(list) = item.get("speakers") {
                let place = format!("annotation {id}, field “speakers”");
                for s in list.as_array().into_iter().flatten() {
                    match parse_id::<EntityId>(s).and_then(|e| doc.entities.get(e)) {
                        Some(e) if doc.labels.can_speak(&e.label) => {
                            if !updated.speakers.contains(&e.id) {
                                updated.speakers.push(e.id);
                            }
                        }
                        Some(e) => self.problem(ProblemKind::CannotSpeak, place.clone(), format!("The speaker {} is a {}; a speaker must be a Person or an Organization.", e.id, e.label)),
                        None => self.problem(ProblemKind::UnknownSpeaker, place.clone(), format!("The speaker {} is not an entity in this file, or it has problems of its own.", shown(s))),
                    }
                }
            }
            if let Some(cue) = item.get("cue") {
                match parse_id::<AnnotationId>(cue).and_then(|c| doc.annotations.get(c)) {
                    Some(c) if doc.labels.is_cue(&c.label) => updated.cue = Some(c.id),
                    _ => self.problem(ProblemKind::BadCue, format!("annotation {id}, field “cue”"), format!("The cue {} is not a cue annotation in this file; it was left out.", shown(cue))),
                }
            }
            if let Some(prev) = item.get("continues") {
                match parse_id::<AnnotationId>(prev).and_then(|p| doc.annotations.get(p)) {
                    Some(p) if doc.labels.is_quote(&p.label) && p.span.start < a.span.start => updated.continues = Some(p.id),
                    _ => self.problem(ProblemKind::BadJoin, 
                        format!("annotation {id}, field “continues”"),
                        format!("{} is not a quote in this file that starts before this one; the join was left out.", shown(prev)),
                    ),
                }
            }
            doc.annotations.update(id, |x| *x = updated);
        }
    }
}

/// A value as the user wrote it: text without its quotes, anything else as JSON.
fn shown(value: &Value) -> String {
    value.as_str().map_or_else(|| value.to_string(), str::to_owned)
}

/// The id a JSON string holds ("a12", "e3").
fn parse_id<I: Id>(value: &Value) -> Option<I> {
    I::parse(value.as_str()?)
}

/// The file's annotation objects that passed the first checks, by id.
fn raw_items<'v>(root: &'v Map<String, Value>, doc: &Document) -> Vec<(AnnotationId, &'v Value)> {
    root.get("annotations")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|item| Some((parse_id::<AnnotationId>(item.get("id")?)?, item)))
        .filter(|(id, _)| doc.annotations.get(*id).is_some())
        .collect()
}

/// Problems shown in a failure message; the rest are counted.
const PROBLEMS_SHOWN: usize = 8;

/// The message for a file that was not imported: every problem with its place, one per line.
pub fn import_failure(file: &str, problems: &[Problem]) -> String {
    let mut message = format!(
        "“{file}” was not imported; nothing was changed. {} problem(s):",
        problems.len()
    );
    for problem in problems.iter().take(PROBLEMS_SHOWN) {
        message.push_str(&format!("\n• {problem}"));
    }
    if problems.len() > PROBLEMS_SHOWN {
        message.push_str(&format!("\n• … and {} more.", problems.len() - PROBLEMS_SHOWN));
    }
    message
}

/// The project a project bundle's line names (`"project": {"name", "labels"}`), if it is
/// well formed; anything else there is ignored (it is not the document).
fn project_of(root: &Map<String, Value>) -> Option<(String, LabelSet)> {
    let project = root.get("project")?;
    let name = project.get("name")?.as_str()?.trim();
    let labels: Vec<super::labels::Label> = serde_json::from_value(project.get("labels")?.clone()).ok()?;
    let labels = LabelSet::new(labels).ok()?;
    (!name.is_empty()).then(|| (name.to_owned(), labels))
}
