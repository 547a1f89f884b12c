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

use super::annotations::Annotation;
use super::ids::{AnnotationId, EntityId};
use super::entities::Entity;
use super::mentions::{entity_for, mentions};
use super::history::Edit;
use super::labels::LabelSet;
use super::document::Document;
use std::collections::HashMap;

/// What a merge or a replace will do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    /// The edits, in the order to apply them.
    pub edits: Vec<Edit>,
    /// The open document's next id afterwards (ids are never reused).
    pub next_id: u64,
    /// The open document's next entity id afterwards.
    pub next_entity: u64,
    /// Annotations taken from the file.
    pub added: usize,
    /// Annotations of the file that the open document already had.
    pub already_there: usize,
}

/// Adds to `open` what `incoming` (same text) has and it lacks: labels missing from its
/// schema, annotations (new ids; entities, speakers, cues and joins follow), and the
/// speakers, cue and note of quotes that lack them. An annotation with the same span and
/// label as one already there is not added twice. A file's entity joins the open
/// document's entity of one of its mentions, or of the same label and text, else is new.
pub fn merge(open: &Document, incoming: &Document) -> Plan {
    let mut edits = Vec::new();
    let labels = union(&open.labels, &incoming.labels);
    if labels != open.labels {
        edits.push(Edit::Labels { before: open.labels.clone(), after: labels });
    }
    // A source record the open document lacks is taken from the file.
    if open.source.is_empty() && !incoming.source.is_empty() {
        edits.push(Edit::Source { before: Box::new(open.source.clone()), after: Box::new(incoming.source.clone()) });
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
    // Each entity of the file, as an entity of the open document.
    let mut next_entity = open.next_entity;
    let mut entities: HashMap<EntityId, EntityId> = HashMap::new();
    for e in incoming.entities.iter() {
        let mut of_twin = mentions(incoming, e.id).filter_map(|m| existing.get(&m.id).and_then(|t| t.entity));
        let same_text = || mentions(incoming, e.id).find_map(|m| entity_for(open, &m.label, incoming.text_of(m)));
        let id = match of_twin.next().or_else(same_text) {
            Some(id) => id,
            None => {
                let id = EntityId(next_entity);
                next_entity += 1;
                edits.push(Edit::Entity { before: None, after: Some(Entity { id, ..e.clone() }) });
                id
            }
        };
        entities.insert(e.id, id);
    }
    let map_speakers = |a: &Annotation| -> Vec<EntityId> { a.speakers.iter().filter_map(|s| entities.get(s).copied()).collect() };
    let (mut added, mut already_there) = (0, 0);
    for a in incoming.annotations.iter() {
        let cue = a.cue.and_then(|c| ids.get(&c).copied());
        let continues = a.continues.and_then(|c| ids.get(&c).copied());
        match existing.get(&a.id) {
            Some(twin) => {
                already_there += 1;
                let mut after = (*twin).clone();
                if after.speakers.is_empty() {
                    after.speakers = map_speakers(a);
                }
                after.cue = after.cue.or(cue);
                after.continues = after.continues.or(continues);
                if after.note.is_empty() {
                    after.note = a.note.clone();
                }
                if after != **twin {
                    edits.push(Edit::Replace { before: (*twin).clone(), after });
                }
            }
            None => {
                added += 1;
                let entity = a.entity.and_then(|e| entities.get(&e).copied());
                let speakers = map_speakers(a);
                edits.push(Edit::Insert(Annotation { id: ids[&a.id], entity, speakers, cue, continues, ..a.clone() }));
            }
        }
    }
    Plan { edits, next_id, next_entity, added, already_there }
}

/// Makes `open` what `incoming` (same text) is: its annotations and entities with their
/// ids, its labels, its title and its source record.
pub fn replace(open: &Document, incoming: &Document) -> Plan {
    let mut edits: Vec<Edit> = open.annotations.iter().cloned().map(Edit::Remove).collect();
    edits.extend(open.entities.iter().map(|e| Edit::Entity { before: Some(e.clone()), after: None }));
    if open.labels != incoming.labels {
        edits.push(Edit::Labels { before: open.labels.clone(), after: incoming.labels.clone() });
    }
    if open.title != incoming.title {
        edits.push(Edit::Title { before: open.title.clone(), after: incoming.title.clone() });
    }
    if open.source != incoming.source {
        edits.push(Edit::Source { before: Box::new(open.source.clone()), after: Box::new(incoming.source.clone()) });
    }
    edits.extend(incoming.entities.iter().map(|e| Edit::Entity { before: None, after: Some(e.clone()) }));
    edits.extend(incoming.annotations.iter().cloned().map(Edit::Insert));
    Plan {
        edits,
        next_id: open.next_id.max(incoming.next_id),
        next_entity: open.next_entity.max(incoming.next_entity),
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
