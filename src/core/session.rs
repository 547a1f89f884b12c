//! What autosave keeps, and how it comes back: the open document as a snapshot (an export
//! in the current format version, so a saved document is checked by the same importer as a
//! file) with the operation log of the changes since (`core::oplog`), plus the session
//! around it (which document, the selection, an unfinished paste). Browser storage itself
//! is `glue::storage`; this module only decides the bytes.

use super::ids::{AnnotationId, DocNumber, Id};
use super::import::{read_file, Problem};
use super::library::{record, Record};
use super::oplog::{encode_base, replay};
use super::projects::Projects;
use super::state::{Mode, Restored, State};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The session record saved beside the open document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    /// Key of the open document in the document store (`d<number>`).
    pub doc_key: String,
    /// Next document number to hand out.
    pub next_doc: u64,
    /// True while the article box is open.
    pub editing: bool,
    /// The article box's text while editing.
    #[serde(default)]
    pub draft: String,
    /// The selected annotation (`a<number>`).
    #[serde(default)]
    pub selected: Option<String>,
    /// The projects and the open one (`core::projects`; absent before projects existed).
    /// A record that cannot be read counts as absent: the documents then migrate into one
    /// project again, and the session still opens.
    #[serde(default, deserialize_with = "lenient")]
    pub projects: Option<Projects>,
}

/// `Some` projects if the value reads as projects, else `None` (never an error).
fn lenient<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Projects>, D::Error> {
    let value = serde_json::Value::deserialize(d)?;
    Ok(serde_json::from_value(value).ok())
}

/// What one save writes: the open document's record and the session around it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snapshot {
    /// The open document and its library entry.
    pub record: Record,
    /// The session record, as JSON.
    pub session: String,
    /// The operation log's base record for the document (`core::oplog`): the log is
    /// emptied and this written with the snapshot.
    pub log_base: String,
}

/// The session record of `state` (small: written with every change, and on its own when
/// only the selection or the article box changed).
pub fn session_record(state: &State) -> String {
    serde_json::to_string(&session_of(state)).expect("a session always serialises")
}

fn session_of(state: &State) -> Session {
    Session {
        doc_key: state.doc_number.to_string(),
        next_doc: state.next_doc_number.0,
        // A revision being typed is kept like a paste: restored into the box, unapplied.
        editing: state.mode != Mode::Annotating,
        draft: if state.mode != Mode::Annotating { state.draft.to_string() } else { String::new() },
        selected: state.selected.map(|id| id.to_string()),
        projects: Some((*state.projects).clone()),
    }
}

/// The snapshot of `state`, stamped `saved_at` (RFC 3339, from the caller).
pub fn snapshot(state: &State, saved_at: &str) -> Snapshot {
    snapshot_with(state, record(&state.doc, &state.doc_number.to_string(), saved_at))
}

/// The snapshot of `state` around `record`, its document's record (built in slices by
/// `core::library::RecordJob`).
pub fn snapshot_with(state: &State, record: Record) -> Snapshot {
    Snapshot { record, session: session_record(state), log_base: encode_base(&state.doc, state.journal.rev) }
}

/// Why saved work cannot be reopened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unrestorable {
    /// The session record does not parse (the parser's words).
    DamagedSession(String),
    /// The session names no document key (the key it holds).
    NoDocument(String),
    /// The saved document does not pass the importer (every problem).
    DamagedDocument(Vec<Problem>),
}

impl fmt::Display for Unrestorable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Unrestorable::DamagedSession(why) => write!(f, "the saved session is damaged ({why})"),
            Unrestorable::NoDocument(key) => write!(f, "the saved session names no document ({key})"),
            Unrestorable::DamagedDocument(problems) => {
                let first = problems.first().map(ToString::to_string).unwrap_or_default();
                write!(f, "the saved document is damaged ({first})")
            }
        }
    }
}

/// What storage holds of saved work: the session record, the open document's snapshot,
/// and its log (the base record, if any, and the change records in key order).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Saved {
    /// The session record.
    pub session: String,
    /// The snapshot.
    pub document: String,
    /// The log's base record.
    pub base: Option<String>,
    /// The change records.
    pub changes: Vec<String>,
    /// The keys of every document in the library (a new document never gets one of them,
    /// even if the session record is older than the library).
    pub keys: Vec<String>,
}

/// Reads saved work: the session, its document, and the log replayed on it; `Err` says why
/// it cannot be used. A log that does not replay to the end keeps what did and says why
/// in `Restored::log_problem`.
pub fn restore(saved: &Saved) -> Result<Restored, Unrestorable> {
    let session: Session = serde_json::from_str(&saved.session).map_err(|e| Unrestorable::DamagedSession(e.to_string()))?;
    let doc_number = DocNumber::parse(&session.doc_key).ok_or_else(|| Unrestorable::NoDocument(session.doc_key.clone()))?;
    let mut imported = read_file(saved.document.as_bytes()).map_err(Unrestorable::DamagedDocument)?;
    let replayed = replay(imported.doc, saved.base.as_deref(), &saved.changes);
    imported.doc = replayed.doc;
    let selected = session.selected.as_deref().and_then(AnnotationId::parse).filter(|id| imported.doc.annotations.get(*id).is_some());
    Ok(Restored {
        imported,
        doc_number,
        next_doc_number: saved.keys.iter().filter_map(|k| DocNumber::parse(k)).map(DocNumber::next).fold(DocNumber(session.next_doc), DocNumber::max),
        editing: session.editing,
        draft: session.draft,
        selected,
        replayed: replayed.applied,
        log_problem: replayed.problem,
        projects: Projects::migrate(session.projects.as_ref(), &saved.keys),
    })
}
