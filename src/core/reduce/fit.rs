//! An annotation made to fit its label's kind: a mention joins the entity of its label and
//! text (staging the entity's creation when there is none yet), a quote gets a first guess
//! of its kind, and the fields of other kinds are cleared. Used wherever an annotation is
//! added or relabelled.

use crate::core::annotations::{Annotation, QuoteKind};
use crate::core::edits::Transaction;
use crate::core::entities::Entity;
use crate::core::labels::LabelKind;

/// `a` (whose text is `text`) with the fields its label's kind calls for.
pub fn fit(tx: &mut Transaction, a: Annotation, text: &str) -> Annotation {
    let kind = tx.labels().kind_of(&a.label);
    let entity = match kind {
        Some(LabelKind::Entity) => Some(match tx.entity_for(&a.label, text).filter(|e| Some(*e) != a.entity) {
            Some(id) => id,
            None if a.entity.is_some_and(|e| tx.entity(e).is_some_and(|e| e.label == a.label)) => a.entity.expect("checked"),
            None => {
                let id = tx.take_entity_id();
                tx.put_entity(None, Some(Entity { id, label: a.label.clone(), name: text.to_owned() }));
                id
            }
        }),
        _ => None,
    };
    let quote = kind == Some(LabelKind::Quote);
    Annotation {
        entity,
        speakers: if quote { a.speakers } else { Vec::new() },
        cue: if quote { a.cue } else { None },
        quote_kind: if quote { a.quote_kind.or(Some(QuoteKind::guess(text))) } else { None },
        continues: if quote { a.continues } else { None },
        ..a
    }
}
