//! Building a change: the one way the edits of a user action are worked out. A
//! [`Transaction`] reads the document as it is (`&Document`, never a copy) and stages
//! [`Edit`]s on top of it; every question it answers (an annotation, the entity a new
//! mention joins, the quotes an entity spoke) sees the edits staged so far, so each step of
//! a batch ("Label all matches", "Accept all") builds on the one before. `finish` hands the
//! edits and the id counters to `store::State::commit`, the single place they are applied
//! and recorded for undo (in the spirit of helix's `Transaction`).
//!
//! ```
//! use marginalia::core::{edits::Transaction, fixture::document, offsets::Span, annotations::Annotation};
//! let doc = document("[Person|Ana] met Ana");
//! let mut tx = Transaction::new(&doc);
//! let id = tx.take_annotation_id();
//! let joins = tx.entity_for("Person", "Ana");
//! tx.insert(Annotation { entity: joins, ..Annotation::new(id, Span::new(8, 11), "Person") });
//! assert_eq!(tx.entity_for("Person", "Ana"), joins, "the staged mention joins the same entity");
//! let staged = tx.finish();
//! assert_eq!((staged.edits.len(), staged.next_id), (1, 3));
//! assert_eq!(doc.annotations.len(), 1, "the document itself is untouched");
//! ```

use super::annotations::Annotation;
use super::document::Document;
use super::entities::Entity;
use super::history::Edit;
use super::ids::{AnnotationId, EntityId};
use super::labels::LabelSet;
use std::collections::BTreeMap;

/// The edits of one change, staged against a document.
pub struct Transaction<'d> {
    doc: &'d Document,
    edits: Vec<Edit>,
    next_id: u64,
    next_entity: u64,
    /// Annotations as the staged edits leave them (`None`: removed).
    annotations: BTreeMap<AnnotationId, Option<Annotation>>,
    /// Entities as the staged edits leave them (`None`: removed).
    entities: BTreeMap<EntityId, Option<Entity>>,
    /// The label schema, if an edit changed it.
    labels: Option<LabelSet>,
}

/// What a transaction made: the edits in the order to apply them, and the document's id
/// counters afterwards (ids are never reused, even when the change is undone).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Staged {
    /// The edits.
    pub edits: Vec<Edit>,
    /// The next annotation id.
    pub next_id: u64,
    /// The next entity id.
    pub next_entity: u64,
}

/// The order annotations are kept in: (start, end, label, id).
fn order(a: &Annotation) -> (usize, usize, &str, AnnotationId) {
    (a.span.start, a.span.end, a.label.as_str(), a.id)
}

impl<'d> Transaction<'d> {
    /// A transaction on `doc` with nothing staged.
    pub fn new(doc: &'d Document) -> Transaction<'d> {
        Transaction {
            doc,
            edits: Vec::new(),
            next_id: doc.next_id,
            next_entity: doc.next_entity,
            annotations: BTreeMap::new(),
            entities: BTreeMap::new(),
            labels: None,
        }
    }

    /// The document as it was before this transaction (its text never changes).
    pub fn doc(&self) -> &'d Document {
        self.doc
    }

    /// The label schema, with any staged change.
    pub fn labels(&self) -> &LabelSet {
        self.labels.as_ref().unwrap_or(&self.doc.labels)
    }

    /// The text of annotation `a`.
    pub fn text_of(&self, a: &Annotation) -> &'d str {
        self.doc.text.slice(a.span).unwrap_or_default()
    }

    /// A fresh annotation id.
    pub fn take_annotation_id(&mut self) -> AnnotationId {
        self.next_id += 1;
        AnnotationId(self.next_id - 1)
    }

    /// A fresh entity id.
    pub fn take_entity_id(&mut self) -> EntityId {
        self.next_entity += 1;
        EntityId(self.next_entity - 1)
    }

    /// Annotation `id` as the staged edits leave it.
    pub fn annotation(&self, id: AnnotationId) -> Option<&Annotation> {
        match self.annotations.get(&id) {
            Some(staged) => staged.as_ref(),
            None => self.doc.annotations.get(id),
        }
    }

    /// Entity `id` as the staged edits leave it.
    pub fn entity(&self, id: EntityId) -> Option<&Entity> {
        match self.entities.get(&id) {
            Some(staged) => staged.as_ref(),
            None => self.doc.entities.get(id),
        }
    }

    /// Every annotation as the staged edits leave them, the document's first (in its
    /// order), then the staged ones (by id).
    pub fn iter(&self) -> impl Iterator<Item = &Annotation> {
        let untouched = self.doc.annotations.iter().filter(|a| !self.annotations.contains_key(&a.id));
        untouched.chain(self.annotations.values().flatten())
    }

    /// The annotations that overlap `span` (see `Annotations::overlapping`), as staged.
    pub fn overlapping(&self, span: super::offsets::Span) -> impl Iterator<Item = &Annotation> {
        let probe = if span.is_empty() { super::offsets::Span::new(span.start, span.start + 1) } else { span };
        let untouched = self.doc.annotations.overlapping(span).into_iter().filter(|a| !self.annotations.contains_key(&a.id));
        untouched.chain(self.annotations.values().flatten().filter(move |a| a.span.overlaps(probe)))
    }

    /// The annotation labelled `label` exactly at `span`, as staged.
    pub fn at(&self, span: super::offsets::Span, label: &str) -> Option<&Annotation> {
        self.overlapping(span).filter(|a| a.span == span && a.label == label).min_by(|a, b| order(a).cmp(&order(b)))
    }

    /// The mentions of entity `id`, as staged.
    pub fn mentions(&self, id: EntityId) -> impl Iterator<Item = &Annotation> {
        self.iter().filter(move |a| a.entity == Some(id))
    }

    /// The entity a new mention with `label` and `text` joins: that of the first mention (in
    /// document order) with the same label and text, as staged.
    pub fn entity_for(&self, label: &str, text: &str) -> Option<EntityId> {
        let chars = text.chars().count();
        let fits = |a: &&Annotation| a.entity.is_some() && a.span.len() == chars && a.label == label && self.text_of(a) == text;
        // The document's annotations are in that order already: the first that fits is
        // the earliest of them, found without scanning the rest.
        let untouched = self.doc.annotations.iter().filter(|a| !self.annotations.contains_key(&a.id)).find(fits);
        let staged = self.annotations.values().flatten().filter(fits).min_by(|a, b| order(a).cmp(&order(b)));
        untouched.into_iter().chain(staged).min_by(|a, b| order(a).cmp(&order(b))).and_then(|a| a.entity)
    }

    /// Stages `edit` and keeps the staged view in step with it.
    pub fn push(&mut self, edit: Edit) {
        match &edit {
            Edit::Insert(a) | Edit::Replace { after: a, .. } => {
                self.annotations.insert(a.id, Some(a.clone()));
            }
            Edit::Remove(a) => {
                self.annotations.insert(a.id, None);
            }
            Edit::Entity { before, after } => {
                if let Some(id) = after.as_ref().or(before.as_ref()).map(|e| e.id) {
                    self.entities.insert(id, after.clone());
                }
            }
            Edit::Labels { after, .. } => self.labels = Some(after.clone()),
            // A transaction never stages a revision (`reduce::revise` builds that edit
            // whole); orphans are not in the staged view.
            Edit::Title { .. } | Edit::Source { .. } | Edit::Reject { .. } | Edit::Revise(_) | Edit::Orphan { .. } | Edit::Adjudication { .. } => {}
        }
        self.edits.push(edit);
    }

    /// Adds annotation `a`.
    pub fn insert(&mut self, a: Annotation) {
        self.push(Edit::Insert(a));
    }

    /// Removes annotation `a` (as it stands now).
    pub fn remove(&mut self, a: Annotation) {
        self.push(Edit::Remove(a));
    }

    /// Changes annotation `before` (as it stands now) into `after` (same id).
    pub fn replace(&mut self, before: Annotation, after: Annotation) {
        self.push(Edit::Replace { before, after });
    }

    /// Changes annotation `id` as it stands now with `change`; nothing if it is gone or
    /// `change` leaves it as it was.
    pub fn update(&mut self, id: AnnotationId, change: impl FnOnce(&mut Annotation)) {
        let Some(before) = self.annotation(id).cloned() else { return };
        let mut after = before.clone();
        change(&mut after);
        if after != before {
            self.replace(before, after);
        }
    }

    /// Creates (`before` none), removes (`after` none) or changes an entity.
    pub fn put_entity(&mut self, before: Option<Entity>, after: Option<Entity>) {
        self.push(Edit::Entity { before, after });
    }

    /// Makes the label schema `after`.
    pub fn set_labels(&mut self, after: LabelSet) {
        let before = self.labels().clone();
        self.push(Edit::Labels { before, after });
    }

    /// True if nothing is staged.
    pub fn is_empty(&self) -> bool {
        self.edits.is_empty()
    }

    /// The staged edits.
    pub fn edits(&self) -> &[Edit] {
        &self.edits
    }

    /// The edits and the id counters, ready to commit.
    pub fn finish(self) -> Staged {
        Staged { edits: self.edits, next_id: self.next_id, next_entity: self.next_entity }
    }
}
