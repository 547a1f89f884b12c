//! The reducer's action families, one file each, each starting from the `Action`
//! variants it handles. `core::store` dispatches every action to one of them and commits
//! what comes back.
//!
//! - Changes to the open document (`annotations`, `quotes`, `entities`, `labels`,
//!   `suggestions`, `revise`, `adjudicate`, and `documents::import_into`) are pure functions of a `&Document`: they
//!   build their edits with one `core::edits::Transaction` and return an [`Outcome`]; the
//!   store's `commit` applies and records it. They never stage anything on a copy of the
//!   state.
//! - Changes to what is open (`documents`) and undo/redo (`undo`) change the
//!   `core::state::State` itself.
//! - Shared steps live in modules named for what they do: `fit` (an annotation made to fit
//!   its label's kind) and `detach` (references kept valid when an annotation goes).
//! - A refusal is a typed [`refusal::Refusal`]; its `Display` is what the user reads.

pub mod adjudicate;
pub mod annotations;
pub mod detach;
pub mod documents;
pub mod entities;
pub mod fit;
pub mod labels;
pub mod projects;
pub mod quotes;
pub mod refusal;
pub mod revise;
pub mod suggestions;
pub mod undo;

use super::edits::Staged;
use super::ids::AnnotationId;
use refusal::Refusal;

/// What a document action does when it is not refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// A change to commit as one undoable step.
    Changed(Change),
    /// Nothing to change; the message says why ("Already marked as Person.").
    Unchanged(String),
}

/// One undoable step, ready to commit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// What it does, in words (also the undo step's description).
    pub message: String,
    /// Its edits and the id counters after them.
    pub staged: Staged,
    /// The annotation selected afterwards.
    pub selected: Option<AnnotationId>,
}

/// What every document action returns.
pub type Reduced = Result<Outcome, Refusal>;

/// `staged` as a change described by `message`, selecting `selected` afterwards.
pub fn changed(message: impl Into<String>, staged: Staged, selected: Option<AnnotationId>) -> Reduced {
    Ok(Outcome::Changed(Change { message: message.into(), staged, selected }))
}

/// No change, with a message.
pub fn unchanged(message: impl Into<String>) -> Reduced {
    Ok(Outcome::Unchanged(message.into()))
}
