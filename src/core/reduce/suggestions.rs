//! `Action::AcceptSuggestions` and `Action::RejectSuggestions`: suggestions turned into
//! annotations (a quote with its speakers, cue and alias links), or rejected so that they
//! are not suggested again; each batch one undoable step. Also [`with_suggestions`], the
//! document as it would be with suggestions accepted, for "Export with suggestions".

use super::fit::fit;
use super::refusal::Refusal;
use super::{changed, Reduced};
use crate::core::annotations::Annotation;
use crate::core::detect::suggest::{Speaker, Suggestion};
use crate::core::document::Document;
use crate::core::edits::Transaction;
use crate::core::history::Edit;
use crate::core::ids::{AnnotationId, EntityId};
use crate::core::labels::LabelKind;
use crate::core::messages::preview;
use crate::core::offsets::Span;
use crate::core::state::Mode;
use std::collections::BTreeSet;
use std::rc::Rc;

/// Turns `items` into annotations: a mention joins the entity of the mention it is an
/// alias of; a quote gets its speakers (their mentions added if missing) and its cue. One
/// accepted suggestion is selected; after several the selection stays (`selected`).
pub fn accept_suggestions(doc: &Document, mode: Mode, selected: Option<AnnotationId>, items: &[Rc<Suggestion>]) -> Reduced {
    if mode != Mode::Annotating {
        return Err(Refusal::NotAnnotating);
    }
    let mut tx = Transaction::new(doc);
    let mut accepted = 0;
    let mut last = None;
    for s in items {
        let Some(kind) = tx.labels().kind_of(&s.label) else { continue };
        if doc.text.slice(s.span).is_none() {
            continue;
        }
        let id = if kind == LabelKind::Quote {
            let mut speakers: Vec<EntityId> = Vec::new();
            for speaker in &s.speakers {
                if let Some(e) = speaker_at(&mut tx, speaker) {
                    if !speakers.contains(&e) {
                        speakers.push(e);
                    }
                }
            }
            let cue_label = tx.labels().iter().find(|l| l.kind == LabelKind::Cue).map(|l| l.name.clone());
            let cue = match (s.cue, cue_label) {
                (Some(span), Some(label)) => Some(ensure(&mut tx, span, &label, None).0),
                _ => None,
            };
            let (id, _) = ensure(&mut tx, s.span, &s.label, None);
            tx.update(id, |q| {
                q.speakers = speakers;
                q.cue = cue;
            });
            id
        } else {
            ensure(&mut tx, s.span, &s.label, s.alias_of).0
        };
        accepted += 1;
        last = Some((id, s));
    }
    let Some((id, s)) = last else {
        return Err(Refusal::NothingToAccept);
    };
    let message = if accepted == 1 {
        format!("Accepted {} “{}”.", s.label, preview(doc.text.slice(s.span).unwrap_or_default()))
    } else {
        format!("Accepted {accepted} suggestions.")
    };
    changed(message, tx.finish(), if accepted == 1 { Some(id) } else { selected })
}

/// `doc` as it would be with `items` accepted, and the ids of the annotations that come
/// from them (to export with `"status": "suggested"`); `doc` itself is left as it is.
pub fn with_suggestions(doc: &Document, items: &[Rc<Suggestion>]) -> (Document, BTreeSet<AnnotationId>) {
    let mut copy = doc.clone();
    let mut added = BTreeSet::new();
    if let Ok(super::Outcome::Changed(change)) = accept_suggestions(doc, Mode::Annotating, None, items) {
        for edit in &change.staged.edits {
            if let Edit::Insert(a) = edit {
                added.insert(a.id);
            }
            edit.apply(&mut copy);
        }
        copy.next_id = change.staged.next_id;
        copy.next_entity = change.staged.next_entity;
    }
    (copy, added)
}

/// Records `items` as rejected: they are not suggested again in this document. The
/// selection stays (`selected`).
pub fn reject_suggestions(doc: &Document, selected: Option<AnnotationId>, items: &[Rc<Suggestion>]) -> Reduced {
    let mut tx = Transaction::new(doc);
    let mut first = None;
    let mut count = 0;
    for s in items.iter().filter(|s| !doc.rejected.contains(&(s.span, s.label.clone()))) {
        first.get_or_insert((s.span, s.label.clone()));
        count += 1;
        tx.push(Edit::Reject { span: s.span, label: s.label.clone(), rejected: true });
    }
    let Some((span, label)) = first else {
        return Err(Refusal::AlreadyRejected);
    };
    let message = if count == 1 {
        format!("Rejected {label} “{}”; it will not be suggested again here.", preview(doc.text.slice(span).unwrap_or_default()))
    } else {
        format!("Rejected {count} suggestions.")
    };
    changed(message, tx.finish(), selected)
}

/// The entity speaking at `speaker`'s span: an existing mention's there of a label that
/// speaks, else a new mention's (staged) of the speaker's label.
fn speaker_at(tx: &mut Transaction, speaker: &Speaker) -> Option<EntityId> {
    let (span, label) = (speaker.span, speaker.label.as_str());
    let labels = tx.labels();
    let existing = tx.overlapping(span).filter(|a| a.span == span && labels.can_speak(&a.label)).min_by_key(|a| (a.label.clone(), a.id)).and_then(|a| a.entity);
    if existing.is_some() {
        return existing;
    }
    tx.labels().can_speak(label).then(|| ensure(tx, span, label, speaker.alias_of).1).flatten()
}

/// The annotation labelled `label` at `span`, staged if missing; with its entity. A new
/// mention with `alias_of` joins that mention's entity.
fn ensure(tx: &mut Transaction, span: Span, label: &str, alias_of: Option<Span>) -> (AnnotationId, Option<EntityId>) {
    if let Some(a) = tx.at(span, label) {
        return (a.id, a.entity);
    }
    let text = tx.doc().text.slice(span).unwrap_or_default();
    let id = tx.take_annotation_id();
    let mut annotation = Annotation::new(id, span, label);
    annotation.entity = alias_of.and_then(|alias| tx.at(alias, label)).and_then(|a| a.entity);
    let annotation = fit(tx, annotation, text);
    let entity = annotation.entity;
    tx.insert(annotation);
    (id, entity)
}
