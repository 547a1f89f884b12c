//! What the app shows: the open document, the selection, the message, the undo
//! histories, the import waiting for an answer. The reducer (`core::store`) is the only
//! code that changes it; everything else reads it.

use super::annotations::Annotation;
use super::document::Document;
use super::history::History;
use super::ids::{AnnotationId, DocNumber};
use super::import::Imported;
use super::library_history::LibraryHistory;
use super::oplog::{Journal, LogProblem};
use super::pending::PendingImport;
use super::projects::Projects;
use super::reduce::adjudicate::Session;
use super::reduce::refusal::Refusal;
use std::collections::HashMap;
use std::rc::Rc;

/// Whether the user is pasting text, annotating it, or revising an annotated text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// The article box is shown and editable (a text without annotations).
    Editing,
    /// The article is rendered and can be annotated; its text is fixed.
    Annotating,
    /// The article box holds a new version of an annotated text; "Apply changes" carries
    /// the annotations over (`reduce::revise`), "Cancel changes" goes back unchanged.
    Revising,
}

/// How a notice is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    /// Something happened as asked.
    Info,
    /// Something was refused or went wrong; nothing was changed.
    Error,
}

/// A message for the user, shown in a live region.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    /// Info or error.
    pub level: Level,
    /// Plain words for a non-programmer.
    pub text: String,
    /// Why the reducer refused the last action, when it did.
    pub refusal: Option<Refusal>,
}

impl Notice {
    /// Something happened as asked.
    pub fn info(text: impl Into<String>) -> Notice {
        Notice { level: Level::Info, text: text.into(), refusal: None }
    }

    /// Something went wrong outside the reducer (a download, the storage).
    pub fn error(text: impl Into<String>) -> Notice {
        Notice { level: Level::Error, text: text.into(), refusal: None }
    }

    /// The reducer refused an action, for this reason.
    pub fn refused(refusal: Refusal) -> Notice {
        Notice { level: Level::Error, text: refusal.to_string(), refusal: Some(refusal) }
    }
}

/// Everything the UI renders.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct State {
    /// Editing or annotating.
    pub mode: Mode,
    /// The open document, shared with earlier states until changed (copy on write).
    pub doc: Rc<Document>,
    /// What the article box holds when editing starts.
    pub draft: Rc<str>,
    /// The selected annotation.
    pub selected: Option<AnnotationId>,
    /// The latest message.
    pub notice: Option<Notice>,
    /// Undo and redo of the open document.
    pub history: History,
    /// Number of the open document in the browser's store (autosave key `d<number>`).
    pub doc_number: DocNumber,
    /// Number the next new document gets.
    pub next_doc_number: DocNumber,
    /// Undo histories of the other documents opened since the app started, by number.
    pub histories: HashMap<DocNumber, History>,
    /// Undo and redo of library operations (import as a new document, add, delete).
    pub library: LibraryHistory,
    /// The counter that orders steps and library operations.
    pub seq: u64,
    /// Changes whenever the library's stored documents change outside autosave.
    pub library_changes: u64,
    /// An import waiting for the user's choice.
    pub pending: Option<Rc<PendingImport>>,
    /// Long work in progress (an import), shown with a progress bar.
    pub progress: Option<Progress>,
    /// The quote whose speaker the next click on a mention picks (after S).
    pub picking: Option<AnnotationId>,
    /// The comparison open, with the adjudicated document it makes (`reduce::adjudicate`).
    pub comparison: Option<Rc<Session>>,
    /// The open document's changes, for autosave's operation log (`core::oplog`).
    pub journal: Journal,
    /// The projects, their schemas and documents, and the open one (`core::projects`).
    pub projects: Rc<Projects>,
}

/// How far long work has come.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Progress {
    /// What is being done ("Checking “library.jsonl”").
    pub what: String,
    /// Units done.
    pub done: usize,
    /// Units in all (0 when unknown).
    pub total: usize,
}

/// Saved work read back (by `core::session::restore`), to reopen as it was left.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Restored {
    /// The open document, checked by the importer.
    pub imported: Imported,
    /// Its number in the store.
    pub doc_number: DocNumber,
    /// The number the next new document gets.
    pub next_doc_number: DocNumber,
    /// True if the article box was open.
    pub editing: bool,
    /// What the article box held.
    pub draft: String,
    /// The selected annotation, if it still exists.
    pub selected: Option<AnnotationId>,
    /// Changes replayed from the operation log onto the snapshot.
    pub replayed: usize,
    /// Why the log stopped replaying, and how many of its records were left out.
    pub log_problem: Option<(LogProblem, usize)>,
    /// The projects, every document of the library in one (`Projects::migrate`).
    pub projects: Projects,
}

/// A document to open when a library operation is replayed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reopen {
    /// The document.
    pub doc: Document,
    /// Its number in the store.
    pub number: DocNumber,
    /// True to show it in the article box (an empty new document).
    pub editing: bool,
}

impl Default for State {
    /// The first visit: the sample article, ready to annotate.
    fn default() -> Self {
        State {
            mode: Mode::Annotating,
            doc: Rc::new(Document::sample()),
            draft: Rc::from(""),
            selected: None,
            notice: None,
            history: History::default(),
            doc_number: DocNumber(1),
            next_doc_number: DocNumber(2),
            histories: HashMap::new(),
            library: LibraryHistory::default(),
            seq: 0,
            library_changes: 0,
            pending: None,
            progress: None,
            picking: None,
            comparison: None,
            journal: Journal::default(),
            projects: Rc::new(Projects::with_first(DocNumber(1))),
        }
    }
}

impl State {
    /// What a snapshot of this state needs (`core::session::snapshot`), without the undo
    /// histories, the library's history or anything in progress: cheap to keep.
    pub fn for_saving(&self) -> State {
        State {
            mode: self.mode,
            doc: self.doc.clone(),
            draft: self.draft.clone(),
            selected: self.selected,
            notice: None,
            history: History::default(),
            doc_number: self.doc_number,
            next_doc_number: self.next_doc_number,
            histories: HashMap::new(),
            library: LibraryHistory::default(),
            seq: self.seq,
            library_changes: self.library_changes,
            pending: None,
            progress: None,
            picking: None,
            comparison: None,
            journal: self.journal.clone(),
            projects: self.projects.clone(),
        }
    }

    /// The selected annotation, if it still exists.
    pub fn selected_annotation(&self) -> Option<&Annotation> {
        self.selected.and_then(|id| self.doc.annotations.get(id))
    }

    /// True if undo has something to take back, in the document or the library.
    pub fn can_undo(&self) -> bool {
        self.history.can_undo() || self.library.can_undo()
    }

    /// True if redo has something to do again.
    pub fn can_redo(&self) -> bool {
        self.history.can_redo() || self.library.can_redo()
    }

    /// The annotation after (or before) the selected one in document order, or the first
    /// (last) if none is selected: for Tab and Shift+Tab in the article.
    pub fn neighbour(&self, forward: bool) -> Option<AnnotationId> {
        let mut all = self.doc.annotations.iter();
        let Some(current) = self.selected else {
            return if forward { all.next() } else { all.next_back() }.map(|a| a.id);
        };
        let ids: Vec<AnnotationId> = all.map(|a| a.id).collect();
        let i = ids.iter().position(|id| *id == current)?;
        if forward { ids.get(i + 1).copied() } else { i.checked_sub(1).map(|j| ids[j]) }
    }
}
