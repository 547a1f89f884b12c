//! Bringing an imported copy of a document into the open document with the same text:
//! merge (add what the open one lacks) or replace (take the file's annotations, labels
//! and title). Either is planned here as edits, so it is one undoable step.
//!
//! ```
//! use marginalia::core::fixture::document;
//! use marginalia::core::merge::merge;
//! let open = document("[Person|Maryam Rahimi] met [Organization|CRP] in Halden");
//! let file = document("[Person|Maryam Rahimi] met CRP in [Place|Halden]");
//! let plan = merge(&open, &file);
//! assert_eq!((plan.added, plan.already_there), (1, 1));
//! ```

use super::annotations::{Annotation, AnnotationId};
use super::history::Edit;
use super::labels::LabelSet;
use super::store::Document;
use std::collections::HashMap;

/// What a merge or a replace will do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    /// The edits, in the order to apply them.
    pub edits: Vec<Edit>,
    /// The open document's next id afterwards (ids are never reused).
    pub next_id: u64,
    /// Annotations taken from the file.
    pub added: usize,
    /// Annotations of the file that the open document already had.
    pub already_there: usize,
}

/// Adds to `open` what `incoming` (same text) has and it lacks: labels missing from its
/// schema, annotations (new ids; speakers follow), and speakers of quotes that have none.
/// An annotation with the same span and label as one already there is not added twice.
pub fn merge(open: &Document, incoming: &Document) -> Plan {
    let mut edits = Vec::new();
    let labels = union(&open.labels, &incoming.labels);
    if labels != open.labels {
        edits.push(Edit::Labels { before: open.labels.clone(), after: labels });
    }
    let mut next_id = open.next_id;
    let mut ids: HashMap<AnnotationId, AnnotationId> = HashMap::new();
    let mut existing: HashMap<AnnotationId, &Annotation> = HashMap::new();
    for a in incoming.annotations.iter() {
        match open.annotations.overlapping(a.span).into_iter().find(|b| b.span == a.span && b.label == a.label) {
            Some(twin) => {
                ids.insert(a.id, twin.id);
                existing.insert(a.id, twin);
            }
            None => {
                ids.insert(a.id, AnnotationId(next_id));
                next_id += 1;
            }
        }
    }
    let (mut added, mut already_there) = (0, 0);
    for a in incoming.annotations.iter() {
        let speaker = a.speaker.and_then(|s| ids.get(&s).copied());
        match existing.get(&a.id) {
            Some(twin) => {
                already_there += 1;
                if twin.speaker.is_none() && speaker.is_some() {
                    edits.push(Edit::Replace { before: (*twin).clone(), after: Annotation { speaker, ..(*twin).clone() } });
                }
            }
            None => {
                added += 1;
                edits.push(Edit::Insert(Annotation { id: ids[&a.id], speaker, ..a.clone() }));
            }
        }
    }
    Plan { edits, next_id, added, already_there }
}

/// Makes `open` what `incoming` (same text) is: its annotations with their ids, its
/// labels and its title.
pub fn replace(open: &Document, incoming: &Document) -> Plan {
    let mut edits: Vec<Edit> = open.annotations.iter().cloned().map(Edit::Remove).collect();
    if open.labels != incoming.labels {
        edits.push(Edit::Labels { before: open.labels.clone(), after: incoming.labels.clone() });
    }
    if open.title != incoming.title {
        edits.push(Edit::Title { before: open.title.clone(), after: incoming.title.clone() });
    }
    edits.extend(incoming.annotations.iter().cloned().map(Edit::Insert));
    Plan {
        edits,
        next_id: open.next_id.max(incoming.next_id),
        added: incoming.annotations.len(),
        already_there: 0,
    }
}

/// `ours` followed by the labels of `theirs` that it lacks.
fn union(ours: &LabelSet, theirs: &LabelSet) -> LabelSet {
    let mut all = ours.clone();
    for label in theirs.iter().filter(|l| ours.get(&l.name).is_none()) {
        all.push(label.clone());
    }
    all
}
