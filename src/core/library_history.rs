//! Undo and redo of what happens to whole documents: a file opened as a new document, a
//! bundle added to the library, a document deleted from it.
//!
//! The edits of the open document have their own history (`core::history`, one per
//! document). Every step and every library operation takes a number from one counter,
//! so undo takes back whichever of the two is latest ([`next`]). Storage itself is
//! glue's: an operation keeps the records needed to do it again or take it back.

use super::history::History;
use super::ids::DocNumber;
use super::library::Record;

/// One undoable operation on the library.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LibraryOp {
    /// A file was opened as the new document number `number`.
    Opened {
        /// The new document's number.
        number: DocNumber,
        /// The document open before, if it was not an empty new document.
        previous: Option<DocNumber>,
        /// The file's name, for messages.
        file: String,
        /// The document as it was when the opening was undone, to bring it back on redo.
        record: Option<Record>,
    },
    /// Documents were added to the library (a bundle).
    Added {
        /// What was added, for messages.
        what: String,
        /// The records added.
        records: Vec<Record>,
    },
    /// Stored documents were changed (a project's schema given to them).
    Changed {
        /// What was done, for messages ("gave the labels of “Rights” to 4 documents").
        what: String,
        /// The records as they were, to take it back.
        before: Vec<Record>,
        /// The records as they are, to do it again.
        after: Vec<Record>,
    },
    /// Documents were deleted from the library.
    Removed {
        /// What was deleted, for messages.
        what: String,
        /// The records, to bring them back.
        records: Vec<Record>,
    },
}

impl LibraryOp {
    /// What the operation did, in words.
    pub fn description(&self) -> String {
        match self {
            LibraryOp::Opened { file, .. } => format!("opened “{file}” as a new document"),
            LibraryOp::Added { what, .. } => format!("added {what} to the library"),
            LibraryOp::Removed { what, .. } => format!("deleted {what} from the library"),
            LibraryOp::Changed { what, .. } => what.clone(),
        }
    }
}

/// A library operation with its sequence number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Done {
    /// When it happened, on the counter steps share.
    pub seq: u64,
    /// What happened.
    pub op: LibraryOp,
}

/// Steps kept for undo; older ones are dropped.
pub const MAX_OPS: usize = 100;

/// The undo and redo stacks of library operations.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LibraryHistory {
    undo: Vec<Done>,
    redo: Vec<Done>,
}

impl LibraryHistory {
    /// Records an operation that was just carried out; it clears what could be redone.
    pub fn record(&mut self, done: Done) {
        self.redo.clear();
        self.undo.push(done);
        if self.undo.len() > MAX_OPS {
            self.undo.remove(0);
        }
    }

    /// Forgets what could be redone (after a new edit).
    pub fn clear_redo(&mut self) {
        self.redo.clear();
    }

    /// The operation undo (`forward == false`) or redo would replay.
    pub fn top(&self, forward: bool) -> Option<&Done> {
        if forward { self.redo.last() } else { self.undo.last() }
    }

    /// Moves the top operation to the other stack as `op` (which may now hold what is
    /// needed to replay it back); returns its old form.
    pub fn replayed(&mut self, forward: bool, op: LibraryOp) -> Option<LibraryOp> {
        let (from, to) = if forward { (&mut self.redo, &mut self.undo) } else { (&mut self.undo, &mut self.redo) };
        let done = from.pop()?;
        to.push(Done { seq: done.seq, op });
        Some(done.op)
    }

    /// True if there is something to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// True if there is something to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }
}

/// What undo or redo replays next.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Next<'a> {
    /// The open document's step.
    Document,
    /// A library operation (glue carries it out, then reports it).
    Library(&'a LibraryOp),
}

/// Which comes next: undo takes back the latest of the document's step and the library's
/// operation; redo does again the earliest of those undone.
pub fn next<'a>(doc: &History, library: &'a LibraryHistory, forward: bool) -> Option<Next<'a>> {
    let doc_seq = if forward { doc.redo_seq() } else { doc.undo_seq() };
    let lib = library.top(forward);
    match (doc_seq, lib) {
        (None, None) => None,
        (Some(_), None) => Some(Next::Document),
        (None, Some(done)) => Some(Next::Library(&done.op)),
        (Some(d), Some(done)) => {
            let library_first = if forward { done.seq < d } else { done.seq > d };
            Some(if library_first { Next::Library(&done.op) } else { Next::Document })
        }
    }
}
