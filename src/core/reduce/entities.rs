//! `Action::MergeEntities`, `Action::SplitMention` and `Action::RenameEntity`: merging
//! entities (their mentions and quotes follow), taking a mention out into an entity of its
//! own, and an entity's canonical name.

use super::refusal::{Refusal, Thing};
use super::{changed, unchanged, Reduced};
use crate::core::annotations::Annotation;
use crate::core::document::Document;
use crate::core::edits::Transaction;
use crate::core::entities::Entity;
use crate::core::ids::{AnnotationId, EntityId};
use crate::core::mentions::mentions;
use crate::core::messages::preview;

/// Merges entity `from` into `into` (same label): its mentions and the quotes it spoke
/// move to `into`. The selection stays (`selected`).
pub fn merge_entities(doc: &Document, selected: Option<AnnotationId>, into: EntityId, from: EntityId) -> Reduced {
    let (Some(keep), Some(gone)) = (doc.entities.get(into).cloned(), doc.entities.get(from).cloned()) else {
        return Err(Refusal::Gone(Thing::Entity));
    };
    if into == from {
        return Err(Refusal::MergeIntoItself);
    }
    if keep.label != gone.label {
        return Err(Refusal::MergeAcrossLabels { into: keep.name, into_label: keep.label, from: gone.name, from_label: gone.label });
    }
    let mut tx = Transaction::new(doc);
    for m in mentions(doc, from) {
        tx.replace(m.clone(), Annotation { entity: Some(into), ..m.clone() });
    }
    for q in doc.annotations.iter().filter(|q| q.speakers.contains(&from)) {
        let mut speakers: Vec<EntityId> = Vec::new();
        for s in q.speakers.iter().map(|s| if *s == from { into } else { *s }) {
            if !speakers.contains(&s) {
                speakers.push(s);
            }
        }
        tx.replace(q.clone(), Annotation { speakers, ..q.clone() });
    }
    let message = format!("Merged “{}” into “{}”.", preview(&gone.name), preview(&keep.name));
    tx.put_entity(Some(gone), None);
    changed(message, tx.finish(), selected)
}

/// Takes mention `id` out of its entity into a new one of its own.
pub fn split_mention(doc: &Document, id: AnnotationId) -> Reduced {
    let Some(m) = doc.annotations.get(id).cloned() else {
        return Err(Refusal::Gone(Thing::Mention));
    };
    let Some(old) = m.entity else {
        return Err(Refusal::NotAMention { label: m.label });
    };
    if !mentions(doc, old).any(|o| o.id != id) {
        return Err(Refusal::OnlyMention);
    }
    let text = doc.text_of(&m).to_owned();
    let mut tx = Transaction::new(doc);
    let entity = Entity { id: tx.take_entity_id(), label: m.label.clone(), name: text.clone() };
    let new_id = entity.id;
    tx.put_entity(None, Some(entity));
    tx.replace(m.clone(), Annotation { entity: Some(new_id), ..m });
    changed(format!("“{}” is now an entity of its own.", preview(&text)), tx.finish(), Some(id))
}

/// Sets the canonical name of entity `id`. The selection stays (`selected`).
pub fn rename_entity(doc: &Document, selected: Option<AnnotationId>, id: EntityId, name: String) -> Reduced {
    let Some(entity) = doc.entities.get(id).cloned() else {
        return Err(Refusal::Gone(Thing::Entity));
    };
    let name = name.trim().to_owned();
    if name.is_empty() {
        return Err(Refusal::EmptyEntityName);
    }
    if name == entity.name {
        return unchanged(format!("The name is “{name}”."));
    }
    let message = format!("Renamed “{}” to “{}”.", preview(&entity.name), preview(&name));
    let mut tx = Transaction::new(doc);
    tx.put_entity(Some(entity.clone()), Some(Entity { name, ..entity }));
    changed(message, tx.finish(), selected)
}
