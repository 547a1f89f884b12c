//! `Action::SetSpeakers`, `Action::AddSpeakerFromMention`, `Action::SetCue`,
//! `Action::SetQuoteKind` and `Action::JoinQuote`: a quote's speakers (entities, on every
//! part of a joined quote), its cue, its kind and its join to the quote it continues.

use super::refusal::{Refusal, Thing};
use super::{changed, unchanged, Reduced};
use crate::core::annotations::{Annotation, QuoteKind};
use crate::core::document::Document;
use crate::core::edits::Transaction;
use crate::core::ids::{AnnotationId, EntityId};
use crate::core::messages::preview;

/// The quote `id`, or why it cannot be used.
fn quote(doc: &Document, id: AnnotationId) -> Result<Annotation, Refusal> {
    match doc.annotations.get(id) {
        Some(q) if doc.labels.is_quote(&q.label) => Ok(q.clone()),
        Some(a) => Err(Refusal::NotAQuote { label: a.label.clone() }),
        None => Err(Refusal::Gone(Thing::Quote)),
    }
}

/// Makes `speakers` (entities that can speak, in order; none to clear) the speakers of
/// `quote` and of every part joined to it.
pub fn set_speakers(doc: &Document, quote_id: AnnotationId, speakers: Vec<EntityId>) -> Reduced {
    quote(doc, quote_id)?;
    let mut chosen: Vec<EntityId> = Vec::new();
    for s in speakers {
        match doc.entities.get(s) {
            Some(e) if doc.labels.can_speak(&e.label) => {
                if !chosen.contains(&s) {
                    chosen.push(s);
                }
            }
            Some(e) => return Err(Refusal::CannotSpeak { name: preview(&e.name), label: e.label.clone() }),
            None => return Err(Refusal::Gone(Thing::Speaker)),
        }
    }
    let mut tx = Transaction::new(doc);
    for q in doc.quote_parts(quote_id).into_iter().filter(|q| q.speakers != chosen) {
        tx.replace(q.clone(), Annotation { speakers: chosen.clone(), ..q.clone() });
    }
    let names: Vec<String> = chosen.iter().map(|s| preview(doc.entity_name(*s))).collect();
    let message = match names.len() {
        0 => "Speaker cleared.".to_owned(),
        _ => format!("Speaker set to {}.", names.join(" and ")),
    };
    changed(message, tx.finish(), Some(quote_id))
}

/// Adds the entity of `mention` to the speakers of `quote` (S, then a click).
pub fn add_speaker_from_mention(doc: &Document, quote_id: AnnotationId, mention: AnnotationId) -> Reduced {
    let q = quote(doc, quote_id)?;
    let Some(m) = doc.annotations.get(mention) else {
        return Err(Refusal::Gone(Thing::Mention));
    };
    let Some(entity) = m.entity.filter(|_| doc.labels.can_speak(&m.label)) else {
        return Err(Refusal::MentionCannotSpeak { text: preview(doc.text_of(m)), label: m.label.clone() });
    };
    if q.speakers.contains(&entity) {
        return unchanged(format!("{} is already a speaker of this quote.", preview(doc.entity_name(entity))));
    }
    let mut speakers = q.speakers;
    speakers.push(entity);
    set_speakers(doc, quote_id, speakers)
}

/// Sets or clears the cue of `quote` (an annotation with a label of kind cue).
pub fn set_cue(doc: &Document, quote_id: AnnotationId, cue: Option<AnnotationId>) -> Reduced {
    let q = quote(doc, quote_id)?;
    let message = match cue {
        None => "Cue cleared.".to_owned(),
        Some(c) => match doc.annotations.get(c) {
            Some(a) if doc.labels.is_cue(&a.label) => format!("Cue set to “{}”.", preview(doc.text_of(a))),
            Some(a) => return Err(Refusal::NotACue { label: a.label.clone() }),
            None => return Err(Refusal::Gone(Thing::Cue)),
        },
    };
    let mut tx = Transaction::new(doc);
    tx.replace(q.clone(), Annotation { cue, ..q });
    changed(message, tx.finish(), Some(quote_id))
}

/// Says whether `quote` is direct, partial or mixed.
pub fn set_quote_kind(doc: &Document, quote_id: AnnotationId, kind: QuoteKind) -> Reduced {
    let q = quote(doc, quote_id)?;
    let mut tx = Transaction::new(doc);
    tx.replace(q.clone(), Annotation { quote_kind: Some(kind), ..q });
    changed(format!("Quote kind set to {}.", kind.name()), tx.finish(), Some(quote_id))
}

/// Joins `quote` to the earlier quote `previous` it continues (taking its speakers), or
/// undoes the join (`None`).
pub fn join_quote(doc: &Document, quote_id: AnnotationId, previous: Option<AnnotationId>) -> Reduced {
    let q = quote(doc, quote_id)?;
    let mut tx = Transaction::new(doc);
    let Some(prev) = previous else {
        tx.replace(q.clone(), Annotation { continues: None, ..q });
        return changed("The quote is no longer joined to the one before.", tx.finish(), Some(quote_id));
    };
    let p = quote(doc, prev)?;
    if p.span.start >= q.span.start {
        return Err(Refusal::JoinBackwards);
    }
    let message = format!("Joined to the quote before, “{}”.", preview(doc.text_of(&p)));
    tx.replace(q.clone(), Annotation { continues: Some(prev), speakers: p.speakers, ..q });
    changed(message, tx.finish(), Some(quote_id))
}
