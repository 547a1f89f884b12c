//! Undo and redo: every change to a document is a [`Step`] of [`Edit`]s, each of which
//! knows its inverse, so undoing costs the size of the change, never of the document.
//!
//! **Invariant:** a document's text, annotations and title change only through
//! [`Edit::apply`], so the history always describes exactly what happened. A revision of
//! the text is one [`Edit::Revise`] holding both sides whole (a revision moves every
//! annotation, and swapping two collections costs less than thousands of replacements).

use super::annotations::Annotation;
use super::ids::AnnotationId;
use super::entities::Entity;
use super::labels::LabelSet;
use super::offsets::Span;
use super::document::{Document, Positioned};
use super::provenance::Adjudication;
use super::revisions::Orphan;
use super::source::Source;

/// Steps kept for undo; older ones are dropped.
pub const MAX_STEPS: usize = 500;

/// One reversible change.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Edit {
    /// An annotation was added.
    Insert(Annotation),
    /// An annotation was removed.
    Remove(Annotation),
    /// An annotation changed (same id).
    Replace {
        /// As it was.
        before: Annotation,
        /// As it is.
        after: Annotation,
    },
    /// The title changed.
    Title {
        /// As it was.
        before: String,
        /// As it is.
        after: String,
    },
    /// The source record changed.
    Source {
        /// As it was.
        before: Box<Source>,
        /// As it is.
        after: Box<Source>,
    },
    /// The label schema changed.
    Labels {
        /// As it was.
        before: LabelSet,
        /// As it is.
        after: LabelSet,
    },
    /// An entity was created (`before` none), removed (`after` none) or renamed.
    Entity {
        /// As it was.
        before: Option<Entity>,
        /// As it is.
        after: Option<Entity>,
    },
    /// The text was revised (`core::realign`): the text and everything placed on it,
    /// before and after, swapped as a whole. The only edit that changes the text.
    #[serde(skip)]
    Revise(Box<Revised>),
    /// An orphan was added to the document's list (`kept` true) or taken off it (deleted,
    /// or re-attached).
    Orphan {
        /// The orphan.
        orphan: Orphan,
        /// In the list after this edit.
        kept: bool,
    },
    /// The record of an adjudication changed (a decision made, the agreed ones taken).
    Adjudication {
        /// As it was.
        before: Option<Box<Adjudication>>,
        /// As it is.
        after: Option<Box<Adjudication>>,
    },
    /// A suggestion was rejected (`rejected` true) or its rejection taken back.
    Reject {
        /// Where it was.
        span: Span,
        /// The label it would have had.
        label: String,
        /// Rejected rather than taken back.
        rejected: bool,
    },
}

/// A revision's two sides.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Revised {
    /// As it was.
    pub before: Positioned,
    /// As it is.
    pub after: Positioned,
}

impl Edit {
    /// The edit that undoes this one.
    pub fn inverse(&self) -> Edit {
        match self {
            Edit::Insert(a) => Edit::Remove(a.clone()),
            Edit::Remove(a) => Edit::Insert(a.clone()),
            Edit::Replace { before, after } => Edit::Replace { before: after.clone(), after: before.clone() },
            Edit::Title { before, after } => Edit::Title { before: after.clone(), after: before.clone() },
            Edit::Source { before, after } => Edit::Source { before: after.clone(), after: before.clone() },
            Edit::Labels { before, after } => Edit::Labels { before: after.clone(), after: before.clone() },
            Edit::Entity { before, after } => Edit::Entity { before: after.clone(), after: before.clone() },
            Edit::Reject { span, label, rejected } => Edit::Reject { span: *span, label: label.clone(), rejected: !rejected },
            Edit::Revise(r) => Edit::Revise(Box::new(Revised { before: r.after.clone(), after: r.before.clone() })),
            Edit::Orphan { orphan, kept } => Edit::Orphan { orphan: orphan.clone(), kept: !kept },
            Edit::Adjudication { before, after } => Edit::Adjudication { before: after.clone(), after: before.clone() },
        }
    }

    /// True if `doc` is as this edit expects to find it (what it removes or replaces is
    /// there as it was, what it inserts is not there yet and lies in the text), so that
    /// applying it gives what it gave when it was made. A revision is never checked so
    /// (it is not logged, see `core::oplog`).
    pub fn fits(&self, doc: &Document) -> bool {
        // Labels are not checked here: within a step a label may be renamed after the
        // annotations that carry it (the importer checks the result).
        let placed = |a: &Annotation| a.span.start < a.span.end && a.span.end <= doc.text.len();
        match self {
            Edit::Insert(a) => doc.annotations.get(a.id).is_none() && placed(a),
            Edit::Remove(a) => doc.annotations.get(a.id) == Some(a),
            Edit::Replace { before, after } => doc.annotations.get(before.id) == Some(before) && after.id == before.id && placed(after),
            Edit::Title { before, .. } => doc.title == *before,
            Edit::Source { before, .. } => doc.source == **before,
            Edit::Labels { before, .. } => doc.labels == *before,
            Edit::Entity { before, after } => match (before, after) {
                (Some(e), _) => doc.entities.get(e.id) == Some(e),
                (None, Some(e)) => doc.entities.get(e.id).is_none(),
                (None, None) => true,
            },
            Edit::Revise(_) => false,
            Edit::Orphan { orphan, kept } => {
                let there = doc.orphans.iter().find(|o| o.id == orphan.id);
                if *kept { there.is_none() } else { there == Some(orphan) }
            }
            Edit::Adjudication { before, .. } => doc.adjudication.as_ref() == before.as_deref(),
            Edit::Reject { .. } => true,
        }
    }

    /// Applies the edit to `doc`.
    pub fn apply(&self, doc: &mut Document) {
        match self {
            Edit::Insert(a) => doc.annotations.insert(a.clone()),
            Edit::Remove(a) => {
                doc.annotations.remove(a.id);
            }
            Edit::Replace { after, .. } => {
                doc.annotations.update(after.id, |a| *a = after.clone());
            }
            Edit::Title { after, .. } => doc.title = after.clone(),
            Edit::Source { after, .. } => doc.source = (**after).clone(),
            Edit::Labels { after, .. } => doc.labels = after.clone(),
            Edit::Entity { before, after } => match (before, after) {
                (_, Some(e)) => doc.entities.put(e.clone()),
                (Some(e), None) => {
                    doc.entities.remove(e.id);
                }
                (None, None) => {}
            },
            Edit::Revise(r) => doc.set_positioned(&r.after),
            Edit::Adjudication { after, .. } => doc.adjudication = after.as_deref().cloned(),
            Edit::Orphan { orphan, kept } => {
                doc.orphans.retain(|o| o.id != orphan.id);
                if *kept {
                    doc.orphans.push(orphan.clone());
                    doc.orphans.sort_by_key(|o| o.id);
                }
            }
            Edit::Reject { span, label, rejected } => {
                if *rejected {
                    doc.rejected.insert((*span, label.clone()));
                } else {
                    doc.rejected.remove(&(*span, label.clone()));
                }
            }
        }
    }
}

/// What one user action changed, with the selection before and after it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    /// When it happened, counted across all documents and library operations, so that
    /// undo can pick the latest of either (see `core::library_history`).
    pub seq: u64,
    /// What the action was, in words ("Marked “CRP” as Organization.").
    pub description: String,
    /// The edits, in the order they were applied.
    pub edits: Vec<Edit>,
    /// The selected annotation before the action.
    pub selected_before: Option<AnnotationId>,
    /// The selected annotation after it.
    pub selected_after: Option<AnnotationId>,
}

/// The undo and redo stacks of one document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
}

impl History {
    /// Records a step that was just applied; it clears what could be redone.
    pub fn record(&mut self, step: Step) {
        if step.edits.is_empty() {
            return;
        }
        self.redo.clear();
        self.undo.push(step);
        if self.undo.len() > MAX_STEPS {
            self.undo.remove(0);
        }
    }

    /// True if there is something to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// True if there is something to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// The sequence number of the step undo would take back.
    pub fn undo_seq(&self) -> Option<u64> {
        self.undo.last().map(|s| s.seq)
    }

    /// The sequence number of the step redo would do again.
    pub fn redo_seq(&self) -> Option<u64> {
        self.redo.last().map(|s| s.seq)
    }

    /// Undoes the latest step on `doc`; returns it, or `None` if there was nothing.
    pub fn undo(&mut self, doc: &mut Document) -> Option<&Step> {
        let step = self.undo.pop()?;
        for edit in step.edits.iter().rev() {
            edit.inverse().apply(doc);
        }
        self.redo.push(step);
        self.redo.last()
    }

    /// Redoes the latest undone step on `doc`; returns it, or `None` if there was nothing.
    pub fn redo(&mut self, doc: &mut Document) -> Option<&Step> {
        let step = self.redo.pop()?;
        for edit in &step.edits {
            edit.apply(doc);
        }
        self.undo.push(step);
        self.undo.last()
    }
}
