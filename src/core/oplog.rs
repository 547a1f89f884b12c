//! The operation log: every change to the open document is written to the browser's
//! storage as it is made (in the same task as the reducer's commit), and the whole
//! document only now and then, as a snapshot the log is folded into. Saved work is the
//! last snapshot with the log after it replayed. Storage itself is `glue::storage`; this
//! module decides the records and replays them.
//!
//! **The journal** ([`Journal`], in `State`): each committed step, undo and redo of the
//! open document is a [`Logged`] change, numbered `rev` 1, 2, … from the document's last
//! opening (an *epoch*: opening, restoring or replacing the document starts a new one,
//! and autosave writes a snapshot then). The journal keeps the latest [`KEPT`] changes for
//! autosave to write; a change that holds a revision of the text (`Edit::Revise`, the
//! whole text) is not logged: autosave writes a snapshot for it instead.
//!
//! **Records** (strings in the `log` store, beside the document under its key `d<n>`):
//! - `d<n>:base` — the snapshot's mark: `{"rev": R, "sha256": "<text>"}`, written in the
//!   transaction that writes the snapshot, which first deletes every record of `d<n>`;
//! - `d<n>:<rev, 12 digits>` — one change: `{"rev": n, "edits": [Edit…], "next_id": n,
//!   "next_entity": n, "selected": "a<n>" | null}`, each `Edit` as serde writes
//!   `core::history::Edit` (`{"Insert": {annotation}}`, `{"Title": {"before", "after"}}`…).
//!
//! Every record is framed as `mg-log 1 <bytes> <fnv-1a 64, 16 hex digits> <json>`: the
//! length and checksum are of the JSON's UTF-8 bytes, so a record cut short or damaged
//! anywhere is told from a sound one and never applied.
//!
//! **Replay** ([`replay`]): the base must name the snapshot's text; the changes must
//! follow it rev by rev, each finding the document as it expects (`Edit::fits`). Replay
//! stops at the first record that is damaged, missing, out of order or does not fit: the
//! document before it is kept and the problem reported, never a half-applied change. The
//! result is checked by the importer like any saved document.

use super::document::Document;
use super::export::to_json;
use super::history::Edit;
use super::ids::{AnnotationId, Id};
use super::import::read_file;
use serde::{Deserialize, Serialize};
use std::collections::VecDeque;
use std::fmt;
use std::rc::Rc;

/// Changes the journal keeps for autosave (more between two renders means a snapshot).
pub const KEPT: usize = 64;

/// The record frame's magic words and version.
const FRAME: &str = "mg-log 1";

/// One change to the open document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Logged {
    /// Its number in the epoch, from 1.
    pub rev: u64,
    /// The edits, in the order they were applied.
    pub edits: Vec<Edit>,
    /// The document's annotation id counter after it.
    pub next_id: u64,
    /// The document's entity id counter after it.
    pub next_entity: u64,
    /// The selection after it.
    pub selected: Option<AnnotationId>,
    /// False for a change that holds a revision of the text: its edits (the whole text and
    /// everything on it) are not copied here, and a snapshot is written for it.
    pub loggable: bool,
}

impl Logged {
    /// False for a change that holds a revision of the text (a snapshot is written for it).
    pub fn loggable(&self) -> bool {
        self.loggable
    }
}

/// The changes of the open document since its epoch began (see the module's doc comment).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Journal {
    /// Which opening of a document this is.
    pub epoch: u64,
    /// The latest change's number (0: none yet).
    pub rev: u64,
    recent: Rc<VecDeque<Rc<Logged>>>,
}

impl Journal {
    /// Records a change just applied to `doc`: `edits` as they were applied, or, when
    /// `undone`, the step whose edits were undone (its inverses, in reverse order, were
    /// applied). A revision is recorded without its edits (see [`Logged::loggable`]).
    pub fn record(&mut self, edits: &[Edit], undone: bool, doc: &Document, selected: Option<AnnotationId>) {
        self.rev += 1;
        let loggable = !edits.iter().any(|e| matches!(e, Edit::Revise(_)));
        let edits = match (loggable, undone) {
            (false, _) => Vec::new(),
            (true, false) => edits.to_vec(),
            (true, true) => edits.iter().rev().map(Edit::inverse).collect(),
        };
        let logged = Logged { rev: self.rev, edits, next_id: doc.next_id, next_entity: doc.next_entity, selected, loggable };
        let recent = Rc::make_mut(&mut self.recent);
        recent.push_back(Rc::new(logged));
        while recent.len() > KEPT {
            recent.pop_front();
        }
    }

    /// Starts a new epoch: another document (or the same one reopened) is open.
    pub fn begin(&mut self) {
        *self = Journal { epoch: self.epoch + 1, rev: 0, recent: Rc::default() };
    }

    /// The changes after `rev`, if the journal still has each of them and all can be
    /// logged; `None` means a snapshot must be written instead.
    pub fn since(&self, rev: u64) -> Option<Vec<Rc<Logged>>> {
        let after: Vec<Rc<Logged>> = self.recent.iter().filter(|l| l.rev > rev).cloned().collect();
        let complete = after.len() as u64 == self.rev.saturating_sub(rev) && after.first().is_none_or(|l| l.rev == rev + 1);
        (complete && after.iter().all(|l| l.loggable())).then_some(after)
    }
}

/// The key of a document's base record.
pub fn base_key(doc_key: &str) -> String {
    format!("{doc_key}:base")
}

/// The key of change `rev` of a document.
pub fn change_key(doc_key: &str, rev: u64) -> String {
    format!("{doc_key}:{rev:012}")
}

/// The keys of every record of a document lie in `[first, last)`.
pub fn key_range(doc_key: &str) -> (String, String) {
    (format!("{doc_key}:"), format!("{doc_key};"))
}

/// The keys of a document's change records lie in `[first, last)`, in order (the base's
/// key is not among them).
pub fn change_range(doc_key: &str) -> (String, String) {
    (format!("{doc_key}:0"), format!("{doc_key}::"))
}

#[derive(Serialize, Deserialize)]
struct Base {
    rev: u64,
    sha256: String,
}

#[derive(Serialize, Deserialize)]
struct Change {
    rev: u64,
    edits: Vec<Edit>,
    next_id: u64,
    next_entity: u64,
    selected: Option<String>,
}

/// 64-bit FNV-1a of `bytes`.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3))
}

fn frame(json: &str) -> String {
    format!("{FRAME} {} {:016x} {json}", json.len(), fnv1a(json.as_bytes()))
}

/// The JSON inside a sound frame.
fn unframe(record: &str) -> Result<&str, LogProblem> {
    let rest = record.strip_prefix(FRAME).and_then(|r| r.strip_prefix(' ')).ok_or(LogProblem::Damaged)?;
    let (length, rest) = rest.split_once(' ').ok_or(LogProblem::Damaged)?;
    let (sum, json) = rest.split_once(' ').ok_or(LogProblem::Damaged)?;
    let length: usize = length.parse().map_err(|_| LogProblem::Damaged)?;
    let sum = u64::from_str_radix(sum, 16).map_err(|_| LogProblem::Damaged)?;
    if json.len() != length || fnv1a(json.as_bytes()) != sum {
        return Err(LogProblem::Damaged);
    }
    Ok(json)
}

/// The base record of a snapshot of `doc` at change `rev`.
pub fn encode_base(doc: &Document, rev: u64) -> String {
    frame(&serde_json::to_string(&Base { rev, sha256: doc.text.sha256_hex().to_owned() }).expect("a base serialises"))
}

/// The record of one change.
pub fn encode(change: &Logged) -> String {
    let c = Change {
        rev: change.rev,
        edits: change.edits.clone(),
        next_id: change.next_id,
        next_entity: change.next_entity,
        selected: change.selected.map(|id| id.to_string()),
    };
    frame(&serde_json::to_string(&c).expect("a loggable change serialises"))
}

/// Reads one change record.
pub fn decode(record: &str) -> Result<Logged, LogProblem> {
    let c: Change = serde_json::from_str(unframe(record)?).map_err(|_| LogProblem::Damaged)?;
    Ok(Logged {
        rev: c.rev,
        edits: c.edits,
        next_id: c.next_id,
        next_entity: c.next_entity,
        selected: c.selected.as_deref().and_then(AnnotationId::parse),
        loggable: true,
    })
}

/// Why replay stopped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LogProblem {
    /// A record is cut short or damaged (its frame, length, checksum or JSON).
    Damaged,
    /// The base names another text than the snapshot's.
    OtherBase,
    /// A change is missing: the next found is not the one expected.
    Gap {
        /// The change expected.
        expected: u64,
        /// The one found.
        found: u64,
    },
    /// A change does not fit the document it would apply to.
    DoesNotFit,
    /// The replayed document does not pass the importer.
    Unsound,
}

/// What replay gave.
#[derive(Clone, Debug, PartialEq)]
pub struct Replayed {
    /// The document: the snapshot with every change that replayed.
    pub doc: Document,
    /// The epoch's change number it is at.
    pub rev: u64,
    /// Changes applied.
    pub applied: usize,
    /// Why replay stopped before the end, and how many records were left.
    pub problem: Option<(LogProblem, usize)>,
}

impl fmt::Display for LogProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LogProblem::Damaged => write!(f, "a saved change is damaged"),
            LogProblem::OtherBase => write!(f, "the saved changes belong to another text"),
            LogProblem::Gap { expected, found } => write!(f, "saved change {expected} is missing (the next is {found})"),
            LogProblem::DoesNotFit => write!(f, "a saved change does not fit the saved document"),
            LogProblem::Unsound => write!(f, "the saved changes give a document that does not pass the importer"),
        }
    }
}

/// Replays `base` and the change records `changes` (in key order) on the snapshot `doc`
/// (see the module's doc comment). Without a base, nothing is replayed.
pub fn replay(doc: Document, base: Option<&str>, changes: &[String]) -> Replayed {
    let original = (!changes.is_empty()).then(|| doc.clone());
    let mut out = Replayed { doc, rev: 0, applied: 0, problem: None };
    let Some(base) = base else {
        if !changes.is_empty() {
            out.problem = Some((LogProblem::OtherBase, changes.len()));
        }
        return out;
    };
    let parsed = unframe(base).and_then(|json| serde_json::from_str::<Base>(json).map_err(|_| LogProblem::Damaged));
    let base = match parsed {
        Ok(b) if b.sha256 == out.doc.text.sha256_hex() => b,
        Ok(_) => {
            out.problem = Some((LogProblem::OtherBase, changes.len()));
            return out;
        }
        Err(problem) => {
            out.problem = Some((problem, changes.len()));
            return out;
        }
    };
    out.rev = base.rev;
    for (i, record) in changes.iter().enumerate() {
        let left = changes.len() - i;
        let change = match decode(record) {
            Ok(c) => c,
            Err(problem) => {
                out.problem = Some((problem, left));
                break;
            }
        };
        if change.rev != out.rev + 1 {
            out.problem = Some((LogProblem::Gap { expected: out.rev + 1, found: change.rev }, left));
            break;
        }
        // Edit by edit, each checked first: all of it or none. A change that stops half
        // way is taken back by the inverses of what it applied (exact: `core::history`),
        // so the document is never copied per change.
        let fitting = change.edits.iter().take_while(|edit| {
            let ok = edit.fits(&out.doc);
            if ok {
                edit.apply(&mut out.doc);
            }
            ok
        });
        let applied = fitting.count();
        if applied < change.edits.len() {
            for edit in change.edits[..applied].iter().rev() {
                edit.inverse().apply(&mut out.doc);
            }
            out.problem = Some((LogProblem::DoesNotFit, left));
            break;
        }
        out.doc.next_id = change.next_id;
        out.doc.next_entity = change.next_entity;
        out.rev = change.rev;
        out.applied += 1;
    }
    if out.applied > 0 && read_file(to_json(&out.doc, "").as_bytes()).is_err() {
        let doc = original.expect("changes were applied");
        return Replayed { doc, rev: base.rev, applied: 0, problem: Some((LogProblem::Unsound, changes.len())) };
    }
    out
}
