//! The library's index: one small entry per saved document (title, length, counts per
//! label, last change), kept beside the document so the list never parses whole texts.

use super::export::{to_compact_json, SlicedJson};
use super::search::SlicedRecord;
use super::document::Document;
use serde::{Deserialize, Serialize};

/// What the library lists about one saved document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// Key of the document in the store (`d<number>`).
    pub key: String,
    /// The document's title.
    pub title: String,
    /// Length of its text in code points.
    pub length: usize,
    /// Annotations per label, in the schema's order, labels without any left out.
    pub counts: Vec<(String, usize)>,
    /// When it last changed (RFC 3339).
    pub updated_at: String,
    /// SHA-256 of its text, to find a document imported twice (empty in entries saved
    /// before it was added).
    #[serde(default)]
    pub sha256: String,
}

/// What the store keeps for one document: the document as an export (the current version), its
/// library entry and its search record, all as JSON, under one key. Every write of a document goes through
/// [`record`], so the two never disagree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    /// Key of the document in the store (`d<number>`).
    pub key: String,
    /// The document, as an export (the current format version).
    pub document: String,
    /// Its library entry, as JSON.
    pub entry: String,
    /// Its search record, as JSON (`core::search`).
    pub search: String,
}

/// The record of `doc` saved under `key` at `saved_at` (RFC 3339, from the caller). The
/// document is compact JSON (the store is read by the importer only, which takes any).
pub fn record(doc: &Document, key: &str, saved_at: &str) -> Record {
    Record {
        key: key.into(),
        document: to_compact_json(doc, saved_at),
        entry: entry_json(doc, key, saved_at),
        search: super::search::record(doc, key),
    }
}

fn entry_json(doc: &Document, key: &str, saved_at: &str) -> String {
    serde_json::to_string(&entry(doc, key, saved_at)).expect("an entry always serialises")
}

/// Annotations written per [`RecordJob::step`] of each part: about 5 ms of work in the
/// browser (~1.5 µs per annotation natively for the document, as much for its names).
pub const SLICE: usize = 800;

/// [`record`] built a slice at a time, for a snapshot written without a long task: each
/// [`RecordJob::step`] writes [`SLICE`] annotations of the document, then of its search
/// record; [`RecordJob::finish`] gives the same record as [`record`]. Every call is given
/// the same document (the caller holds it).
pub struct RecordJob {
    key: String,
    saved_at: String,
    document: SlicedJson,
    /// Started once the document is written (each start copies the text).
    search: Option<SlicedRecord>,
}

impl RecordJob {
    /// Starts the record of `doc` saved under `key` at `saved_at`.
    pub fn new(doc: &Document, key: &str, saved_at: &str) -> RecordJob {
        RecordJob { key: key.into(), saved_at: saved_at.into(), document: SlicedJson::new(doc), search: None }
    }

    /// Writes one slice; true when only [`RecordJob::finish`] is left.
    pub fn step(&mut self, doc: &Document) -> bool {
        match &mut self.search {
            None => {
                if self.document.step(doc, SLICE) {
                    self.search = Some(SlicedRecord::new(doc, &self.key));
                }
                false
            }
            Some(search) => search.step(doc, SLICE),
        }
    }

    /// The record (any slice not yet written is written now).
    pub fn finish(self, doc: &Document) -> Record {
        Record {
            entry: entry_json(doc, &self.key, &self.saved_at),
            document: self.document.finish(doc, &self.saved_at),
            search: self.search.unwrap_or_else(|| SlicedRecord::new(doc, &self.key)).finish(doc),
            key: self.key,
        }
    }
}

/// The entry for `doc`, saved under `key` at `updated_at`.
pub fn entry(doc: &Document, key: &str, updated_at: &str) -> Entry {
    let counts = doc
        .labels
        .iter()
        .map(|l| (l.name.clone(), doc.annotations.iter().filter(|a| a.label == l.name).count()))
        .filter(|(_, n)| *n > 0)
        .collect();
    Entry {
        key: key.into(),
        title: doc.title.clone(),
        length: doc.text.len(),
        counts,
        updated_at: updated_at.into(),
        sha256: doc.text.sha256_hex().to_owned(),
    }
}

/// The entries stored as JSON, skipping any that cannot be read.
pub fn parse_entries(stored: &[String]) -> Vec<Entry> {
    stored.iter().filter_map(|e| serde_json::from_str(e).ok()).collect()
}

/// Days of work after which a library never backed up (or not since) is reminded to.
pub const BACKUP_DAYS: i64 = 7;

/// The day number of an RFC 3339 time (`2026-12-01T…`), counting from 1970-01-01, or
/// `None` if it does not start with a date.
fn day_of(time: &str) -> Option<i64> {
    let (y, m, d) = (time.get(0..4)?.parse::<i64>().ok()?, time.get(5..7)?.parse::<i64>().ok()?, time.get(8..10)?.parse::<i64>().ok()?);
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) || time.get(4..5) != Some("-") || time.get(7..8) != Some("-") {
        return None;
    }
    // Days from the civil date (Howard Hinnant's algorithm).
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// True if the user should be reminded to back the library up ("Export all"): work was
/// first saved at `first_saved`, and there has been no backup in the [`BACKUP_DAYS`]
/// days before `now` (all RFC 3339 times; unreadable ones count as absent).
///
/// ```
/// use marginalia::core::library::backup_due;
/// assert!(!backup_due(Some("2026-11-28T10:00:00Z"), None, "2026-12-01T10:00:00Z"), "three days of work");
/// assert!(backup_due(Some("2026-11-20T10:00:00Z"), None, "2026-12-01T10:00:00Z"), "eleven days, never backed up");
/// assert!(!backup_due(Some("2026-11-20T10:00:00Z"), Some("2026-11-30T09:00:00Z"), "2026-12-01T10:00:00Z"));
/// assert!(backup_due(Some("2026-10-01T10:00:00Z"), Some("2026-11-20T09:00:00Z"), "2026-12-01T10:00:00Z"));
/// assert!(!backup_due(None, None, "2026-12-01T10:00:00Z"), "nothing saved yet");
/// ```
pub fn backup_due(first_saved: Option<&str>, last_backup: Option<&str>, now: &str) -> bool {
    let (Some(first), Some(now)) = (first_saved.and_then(day_of), day_of(now)) else { return false };
    let since = last_backup.and_then(day_of).unwrap_or(first).max(first);
    now - since >= BACKUP_DAYS
}

/// The entries the library lists, and the keys of those to delete: a document with no
/// text (a "New document" not pasted into) is never listed, and one that is not `open`
/// (left empty and replaced) is deleted.
///
/// ```
/// use marginalia::core::library::{worth_listing, Entry};
/// let e = |key: &str, length| Entry { key: key.into(), title: "t".into(), length, counts: vec![], updated_at: String::new(), sha256: String::new() };
/// let (shown, stale) = worth_listing(vec![e("d1", 10), e("d2", 0), e("d3", 0)], "d3");
/// assert_eq!(shown.iter().map(|e| e.key.as_str()).collect::<Vec<_>>(), ["d1"]);
/// assert_eq!(stale, ["d2"]);
/// ```
pub fn worth_listing(entries: Vec<Entry>, open: &str) -> (Vec<Entry>, Vec<String>) {
    let (shown, empty): (Vec<Entry>, Vec<Entry>) = entries.into_iter().partition(|e| e.length > 0);
    (shown, empty.into_iter().map(|e| e.key).filter(|k| k != open).collect())
}

/// The library's document with the text of fingerprint `sha256`, most recently changed
/// first, if there is one.
pub fn twin<'e>(entries: &'e [Entry], sha256: &str) -> Option<&'e Entry> {
    entries.iter().filter(|e| e.sha256 == sha256).max_by(|a, b| a.updated_at.cmp(&b.updated_at))
}

/// The entries whose title contains `query` (ignoring case), most recently changed first.
///
/// ```
/// use marginalia::core::library::{filter, Entry};
/// let e = |key: &str, title: &str, at: &str| Entry { key: key.into(), title: title.into(), length: 0, counts: vec![], updated_at: at.into(), sha256: String::new() };
/// let all = vec![e("d1", "Rally in Halden", "2026-11-01"), e("d2", "Budget vote", "2026-11-03"), e("d3", "HALDEN floods", "2026-11-02")];
/// let keys: Vec<String> = filter(&all, "halden").into_iter().map(|e| e.key.clone()).collect();
/// assert_eq!(keys, ["d3", "d1"]);
/// ```
pub fn filter<'e>(entries: &'e [Entry], query: &str) -> Vec<&'e Entry> {
    let query = query.trim().to_lowercase();
    let mut found: Vec<&Entry> = entries.iter().filter(|e| e.title.to_lowercase().contains(&query)).collect();
    found.sort_by(|a, b| b.updated_at.cmp(&a.updated_at).then_with(|| a.key.cmp(&b.key)));
    found
}

/// "2,372 characters · Person 3 · Quote 2", for the list.
pub fn summary(entry: &Entry) -> String {
    let mut parts = vec![format!("{} characters", entry.length)];
    parts.extend(entry.counts.iter().map(|(label, n)| format!("{label} {n}")));
    if entry.counts.is_empty() {
        parts.push("no annotations".into());
    }
    parts.join(" · ")
}

#[cfg(test)]
mod tests {

    #[test]
    fn days_are_counted_from_the_civil_date() {
        for (time, day) in [("1970-01-01T00:00:00Z", 0), ("2000-02-29", 11016), ("2000-03-01T23:59:59Z", 11017), ("2026-12-01T10:00:00.000Z", 20788), ("1969-12-31", -1)] {
            assert_eq!(day_of(time), Some(day), "{time}");
        }
        assert_eq!(day_of("2026-13-01"), None);
        assert_eq!(day_of("yesterday"), None);
    }

    use super::*;
    use crate::core::annotations::Annotations;
    use crate::core::export::{to_compact_json, SlicedJson};
    use crate::core::fixture;
    use crate::core::offsets::Span;
    use crate::core::search::SlicedRecord;
    use crate::core::store::Action;
    use crate::core::state::State;

    /// A document with every kind of field a record writes: non-ASCII text and names, an
    /// alias, a quote with two speakers, a note with quote marks, a source, a rejected
    /// suggestion.
    fn rich() -> Document {
        let mut doc = fixture::document(
            "[Person|Maryam Rahimi] of the [Organization|Coalition for River Protection] ([Organization|CRP]) said \
             [Quote|“We, the 😀 people of [Place|Hālden], مریم, will \"stay\"”]. [Person|Rahimi] left.\n\n\
             On [Date|Monday] [Person|Ana] spoke.",
        );
        let id = |name: &str| doc.entities.iter().find(|e| e.name == name).unwrap().id;
        let (maryam, ana) = (id("Maryam Rahimi"), id("Ana"));
        let items = doc
            .annotations
            .iter()
            .cloned()
            .map(|mut a| {
                match doc.text.slice(a.span).unwrap_or_default() {
                    "Rahimi" => a.entity = Some(maryam),
                    t if t.starts_with('“') => a.speakers = vec![maryam, ana],
                    "Monday" => a.note = "check \"which\" Monday".into(),
                    _ => {}
                }
                a
            })
            .collect();
        doc.annotations = Annotations::from_vec(items);
        doc.source.outlet = "Halden Post".into();
        doc.source.authors = vec!["Ana Lima".into()];
        doc.rejected.insert((Span::new(0, 6), "Place".into()));
        doc
    }

    #[test]
    fn a_document_written_in_slices_is_the_document_written_at_once() {
        let doc = rich();
        let whole = to_compact_json(&doc, "2026-12-03T00:00:00Z");
        assert!(whole.contains("\"annotations\":[{") && whole.contains("\"rejected\":["), "{whole}");
        for count in [1, 2, 3, 100] {
            let mut sliced = SlicedJson::new(&doc);
            let mut steps = 1;
            while !sliced.step(&doc, count) {
                steps += 1;
            }
            assert!(steps >= doc.annotations.len().div_ceil(count), "slices of {count}: {steps}");
            assert_eq!(sliced.finish(&doc, "2026-12-03T00:00:00Z"), whole, "slices of {count}");
        }
        // Finished before any slice, and a document without annotations.
        assert_eq!(SlicedJson::new(&doc).finish(&doc, "2026-12-03T00:00:00Z"), whole);
        let empty = Document::new("Empty", "nothing marked");
        assert_eq!(SlicedJson::new(&empty).finish(&empty, "t"), to_compact_json(&empty, "t"));
    }

    #[test]
    fn a_search_record_written_in_slices_is_the_record_written_at_once() {
        let doc = rich();
        let whole = crate::core::search::record(&doc, "d7");
        for count in [1, 2, 5, 100] {
            let mut sliced = SlicedRecord::new(&doc, "d7");
            while !sliced.step(&doc, count) {}
            assert_eq!(sliced.finish(&doc), whole, "slices of {count}");
        }
        let empty = Document::new("Empty", "");
        assert_eq!(SlicedRecord::new(&empty, "d1").finish(&empty), crate::core::search::record(&empty, "d1"));
    }

    #[test]
    fn a_record_job_gives_the_record_over_several_steps() {
        let marked: String = (0..2 * SLICE + 5).map(|i| format!("[Person|Ana {i}] ")).collect();
        let mut doc = fixture::document(&marked);
        doc.title = "Long, “quoted” — مریم".into();
        let at_once = record(&doc, "d3", "2026-12-03T00:00:00Z");
        let mut job = RecordJob::new(&doc, "d3", "2026-12-03T00:00:00Z");
        let mut steps = 1;
        while !job.step(&doc) {
            steps += 1;
        }
        // Entities (one and one per mention each), annotations, then names, SLICE at a time.
        let items = 3 * doc.annotations.len() + doc.annotations.len();
        assert!(steps >= items / SLICE && steps <= items / SLICE + 3, "{steps} steps for {items} items");
        assert_eq!(job.finish(&doc), at_once);
        // The stored document is one the importer reads back, annotations and all.
        let back = crate::core::import::read_file(at_once.document.as_bytes()).expect("the stored document imports");
        assert_eq!(back.doc.annotations.len(), 2 * SLICE + 5);
        assert_eq!(back.doc.annotations, doc.annotations);
    }

    #[test]
    fn an_entry_counts_annotations_per_label() {
        let mut state = State::default();
        for (label, start) in [("Person", 0), ("Person", 20), ("Quote", 40)] {
            state.apply(Action::ApplyLabel { label: label.into(), selection: Some(Span::new(start, start + 8)) });
        }
        let e = entry(&state.doc, "d1", "2026-11-24T00:00:00Z");
        assert_eq!(e.counts, [("Person".to_owned(), 2), ("Quote".to_owned(), 1)]);
        assert_eq!(e.length, state.doc.text.len());
        assert_eq!(summary(&e), format!("{} characters · Person 2 · Quote 1", e.length));
        let json = serde_json::to_string(&e).unwrap();
        assert_eq!(serde_json::from_str::<Entry>(&json).unwrap(), e);
    }
}
