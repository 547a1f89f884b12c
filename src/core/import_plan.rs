//! What an import does, decided in one place: after a file is checked, and after the user
//! answers a question about it. [`plan`] and [`answer`] are pure; they return a [`Step`]
//! that the app carries out (opening a document, writing to the library), so the browser
//! side decides nothing.
//!
//! The rules, in order: a file with problems and no readable part is refused; a file with
//! problems and a valid part asks whether to keep it; a document whose text (SHA-256) is
//! the open document's or a library document's asks merge, replace or keep both; a
//! document whose text keeps at least [`REVISION_SHARE`] of the open annotated document's
//! (`core::realign`) asks whether it is a revision of it or another document; a bundle
//! with some documents already in the library asks skip or keep both; anything else opens
//! as a new document (one file) or is added to the library (a bundle).
//!
//! ```
//! use marginalia::core::import::check_file;
//! use marginalia::core::import_plan::{plan, Found, Step};
//! use marginalia::core::state::State;
//! let state = State::default();
//! let checked = check_file(b"{\"format\": \"other\"}");
//! let found = Found { file: "x.json".into(), documents: vec![], problems: checked.problems, dropped: 0, bundle: false };
//! assert!(matches!(plan(found, &state, &[]), Step::Dispatch(_)));
//! ```

use super::formats::read;
use super::ids::{DocNumber, Id};
use super::realign::Realignment;
use super::import::{Imported, Problem};
use super::library::{twin, Entry};
use super::pending::{Choice, PendingImport, Question, Twin};
use super::state::{Notice, State};
use super::store::Action;

/// The share of the open document's text (code points kept) a file must keep to be
/// offered as a revision of it.
pub const REVISION_SHARE: f64 = 0.5;

/// A file as checking left it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    /// The file's name.
    pub file: String,
    /// Every document whose text could be read (the valid part of a broken one).
    pub documents: Vec<Imported>,
    /// Everything wrong with it.
    pub problems: Vec<Problem>,
    /// Annotations (and a bundle's documents) left out of `documents`.
    pub dropped: usize,
    /// True for a bundle (JSON Lines).
    pub bundle: bool,
}

impl Found {
    /// What `core::formats::read` found in `file` (a file's name, or "3 files").
    pub fn read(file: String, found: read::Found) -> Found {
        let read::Found { documents, problems, dropped, bundle, .. } = found;
        Found { file, documents, problems, dropped, bundle }
    }
}

/// What the app does next.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    /// Dispatch these actions, in order; nothing else is needed.
    Dispatch(Vec<Action>),
    /// Open `imported` as a new document (saving the open one first).
    OpenNew {
        /// The file's document.
        imported: Imported,
        /// The file's name.
        file: String,
    },
    /// Replace the open document's text with `text` as a revision (`Action::ReviseText`,
    /// with the time the app reads).
    Revise {
        /// The file's text.
        text: String,
        /// The file's name.
        file: String,
    },
    /// Add `documents` to the library, each under a new number.
    AddToLibrary {
        /// The file's name.
        file: String,
        /// The documents to add.
        documents: Vec<Imported>,
    },
    /// Merge `imported` into, or make it replace, the library document `twin` (opening
    /// that one first if it is not open).
    IntoTwin {
        /// The file's document.
        imported: Imported,
        /// The file's name.
        file: String,
        /// The document with the same text.
        twin: Twin,
        /// Replace rather than merge.
        replace: bool,
    },
}

/// The next step for a checked file; `entries` is the library's index (empty when the
/// browser keeps no library).
pub fn plan(found: Found, state: &State, entries: &[Entry]) -> Step {
    let Found { file, documents, problems, dropped, bundle } = found;
    match (problems.is_empty(), documents.is_empty()) {
        (true, _) => sound(file, documents, bundle, state, entries),
        (false, true) => Step::Dispatch(vec![Action::ImportFailed { file, problems }]),
        (false, false) => ask(file, Question::KeepValidPart { documents, problems, dropped, bundle }),
    }
}

/// The next step once the user answered `pending` with `choice`.
pub fn answer(pending: &PendingImport, choice: Choice, state: &State, entries: &[Entry]) -> Step {
    let file = pending.file.clone();
    match (&pending.question, choice) {
        (_, Choice::Cancel) => Step::Dispatch(vec![Action::CancelImport]),
        (Question::KeepValidPart { documents, bundle, .. }, Choice::KeepValidPart) => sound(file, documents.clone(), *bundle, state, entries),
        (Question::SameText { imported, twin }, Choice::Merge | Choice::Replace) => {
            Step::IntoTwin { imported: imported.clone(), file, twin: twin.clone(), replace: choice == Choice::Replace }
        }
        (Question::SameText { imported, .. } | Question::Revision { imported, .. }, Choice::KeepBoth) => Step::OpenNew { imported: imported.clone(), file },
        (Question::Revision { imported, .. }, Choice::Revise) => Step::Revise { text: imported.doc.text.as_str().to_owned(), file },
        (Question::BundleTwins { documents }, Choice::KeepBoth | Choice::SkipExisting) => {
            let chosen: Vec<Imported> =
                documents.iter().filter(|(_, twin)| choice == Choice::KeepBoth || twin.is_none()).map(|(i, _)| i.clone()).collect();
            if chosen.is_empty() {
                let text = format!("Nothing was added: every document in “{file}” is already in the library.");
                return Step::Dispatch(vec![Action::CancelImport, Action::Notify(Notice::info(text))]);
            }
            Step::AddToLibrary { file, documents: chosen }
        }
        // An answer the question does not offer changes nothing.
        _ => Step::Dispatch(Vec::new()),
    }
}

/// The next step for sound documents: asks first about any whose text is already open or
/// in the library.
fn sound(file: String, mut documents: Vec<Imported>, bundle: bool, state: &State, entries: &[Entry]) -> Step {
    if !bundle {
        let Some(imported) = documents.pop() else { return Step::Dispatch(Vec::new()) };
        return match twin_of(&imported, state, entries) {
            Some(twin) => ask(file, Question::SameText { imported, twin }),
            None => match revision_of(&imported, state) {
                Some(kept) => ask(file, Question::Revision { imported, title: state.doc.title.clone(), kept }),
                None => Step::OpenNew { imported, file },
            },
        };
    }
    let documents: Vec<(Imported, Option<Twin>)> = documents
        .into_iter()
        .map(|i| {
            let twin = twin_of(&i, state, entries);
            (i, twin)
        })
        .collect();
    if documents.iter().any(|(_, twin)| twin.is_some()) {
        return ask(file, Question::BundleTwins { documents });
    }
    Step::AddToLibrary { file, documents: documents.into_iter().map(|(i, _)| i).collect() }
}

/// The open document or the library document with `imported`'s text, if there is one.
fn twin_of(imported: &Imported, state: &State, entries: &[Entry]) -> Option<Twin> {
    let sha = imported.doc.text.sha256_hex();
    if state.doc.text.sha256_hex() == sha && !state.doc.text.is_empty() {
        return Some(Twin { number: state.doc_number, title: state.doc.title.clone(), open: true });
    }
    twin(entries, sha).map(|e| Twin { number: DocNumber::parse(&e.key).unwrap_or(DocNumber(0)), title: e.title.clone(), open: false })
}

/// How much of the open document's text `imported` keeps, if it is enough to be a
/// revision of it: the open document is annotated, and the two texts differ.
fn revision_of(imported: &Imported, state: &State) -> Option<u32> {
    let open = &state.doc;
    if open.annotations.is_empty() && open.orphans.is_empty() {
        return None;
    }
    let kept = Realignment::between(&open.text, &imported.doc.text).kept_share();
    (kept >= REVISION_SHARE).then_some((kept * 100.0).floor() as u32)
}

fn ask(file: String, question: Question) -> Step {
    Step::Dispatch(vec![Action::AskImport(Box::new(PendingImport { file, question }))])
}
