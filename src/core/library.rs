//! The library's index: one small entry per saved document (title, length, counts per
//! label, last change), kept beside the document so the list never parses whole texts.

use super::export::to_json;
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

/// What the store keeps for one document: the document as an export (the current version) and its
/// library entry, both as JSON, under one key. Every write of a document goes through
/// [`record`], so the two never disagree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    /// Key of the document in the store (`d<number>`).
    pub key: String,
    /// The document, as an export (the current format version).
    pub document: String,
    /// Its library entry, as JSON.
    pub entry: String,
}

/// The record of `doc` saved under `key` at `saved_at` (RFC 3339, from the caller).
pub fn record(doc: &Document, key: &str, saved_at: &str) -> Record {
    Record {
        key: key.into(),
        document: to_json(doc, saved_at),
        entry: serde_json::to_string(&entry(doc, key, saved_at)).expect("an entry always serialises"),
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
    use super::*;
    use crate::core::offsets::Span;
    use crate::core::store::Action;
    use crate::core::state::State;

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
