//! Keeping references valid when an annotation goes or changes label: an entity left
//! without mentions goes (its quotes pass to the new mention's entity if that can speak,
//! else lose it), a cue that is no longer one is unlinked, and a quote that is no longer
//! one hands its joined parts to the part before it.
//!
//! **Invariant** (with `core::entities`): after every step each mention has an entity of
//! its own label, every entity has a mention, and every speaker, cue and join points at
//! something that exists. [`detach`] restores it whenever an annotation is removed or
//! relabelled; a property test checks it after every random action.

use crate::core::annotations::Annotation;
use crate::core::edits::Transaction;
use crate::core::ids::EntityId;
use crate::core::labels::LabelKind;

/// Stages the edits that keep every reference valid when `old` is removed (`new` none) or
/// becomes `new`. The caller stages the removal or replacement itself, after these.
pub fn detach(tx: &mut Transaction, old: &Annotation, new: Option<&Annotation>) {
    let new_entity = new.and_then(|n| n.entity);
    if let Some(e) = old.entity.filter(|e| Some(*e) != new_entity) {
        let others = tx.mentions(e).any(|m| m.id != old.id);
        if !others {
            let labels = tx.labels();
            let heir = new_entity.filter(|h| {
                tx.entity(*h).map_or(new.is_some_and(|n| labels.can_speak(&n.label)), |h| labels.can_speak(&h.label))
            });
            let spoken: Vec<Annotation> = tx.iter().filter(|q| q.speakers.contains(&e)).cloned().collect();
            for q in spoken {
                let mut speakers: Vec<EntityId> = Vec::new();
                for s in &q.speakers {
                    let s = if *s == e { heir } else { Some(*s) };
                    if let Some(s) = s.filter(|s| !speakers.contains(s)) {
                        speakers.push(s);
                    }
                }
                tx.replace(q.clone(), Annotation { speakers, ..q });
            }
            if let Some(entity) = tx.entity(e).cloned() {
                tx.put_entity(Some(entity), None);
            }
        }
    }
    let still = |tx: &Transaction, kind: LabelKind| new.is_some_and(|n| tx.labels().kind_of(&n.label) == Some(kind));
    if tx.labels().is_cue(&old.label) && !still(tx, LabelKind::Cue) {
        let cued: Vec<Annotation> = tx.iter().filter(|q| q.cue == Some(old.id)).cloned().collect();
        for q in cued {
            tx.replace(q.clone(), Annotation { cue: None, ..q });
        }
    }
    if tx.labels().is_quote(&old.label) && !still(tx, LabelKind::Quote) {
        let parts: Vec<Annotation> = tx.iter().filter(|q| q.continues == Some(old.id)).cloned().collect();
        for q in parts {
            tx.replace(q.clone(), Annotation { continues: old.continues, ..q });
        }
    }
}
