//! `Action::ReviseText`, `Action::ConfirmReview`, `Action::DiscardOrphan` and
//! `Action::ReattachOrphan`: a new version of an annotated text, and the review of what it
//! did to the annotations.
//!
//! A revision carries every annotation over as `core::realign` says: kept ones move,
//! changed ones move and are flagged for review, orphaned ones leave the article for the
//! document's orphans (`core::revisions`). References follow: a cue or a joined part that
//! was orphaned is unlinked (a join skips over it to the part before), an entity left with
//! no mention goes (its quotes lose that speaker, and its orphaned mentions remember
//! them), and rejected suggestions on deleted text are forgotten. Two annotations carried
//! onto the same span with the same label would be one: the later is orphaned. The whole
//! revision is one undoable step.

use super::refusal::{Refusal, Thing};
use super::{changed, unchanged, Reduced};
use crate::core::annotations::{Annotation, Annotations, QuoteKind};
use crate::core::document::{Document, Positioned};
use crate::core::edits::{Staged, Transaction};
use crate::core::entities::Entity;
use crate::core::history::{Edit, Revised};
use crate::core::ids::{AnnotationId, EntityId};
use crate::core::labels::LabelKind;
use crate::core::messages::preview;
use crate::core::offsets::Span;
use crate::core::realign::{Fate, Realignment};
use crate::core::revisions::{Orphan, Revision};
use crate::core::snap::snap;
use crate::core::text::{Text, MAX_CHARS};
use std::collections::{BTreeSet, HashMap, HashSet};
use std::rc::Rc;

/// What a revision did, counted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Annotations whose text is the same.
    pub kept: usize,
    /// Annotations whose text was edited (flagged for review).
    pub changed: usize,
    /// Annotations whose text was deleted.
    pub orphaned: usize,
}

/// `doc` with its text replaced by `raw` (normalised like a paste), every annotation
/// carried over; `at` is the time (RFC 3339) recorded with the revision.
pub fn revise(doc: &Document, raw: &str, at: &str) -> Reduced {
    let text = Text::new(raw);
    if text.as_str().trim().is_empty() {
        return Err(Refusal::EmptyText);
    }
    if text.len() > MAX_CHARS {
        return Err(Refusal::TooLong { chars: text.len() });
    }
    if text.sha256_hex() == doc.text.sha256_hex() {
        return unchanged("The text is the same as before; nothing changed.");
    }
    let realignment = Realignment::between(&doc.text, &text);
    let (after, counts) = carry(doc, &realignment, text, at);
    let mut parts = vec![format!("{} annotation(s) kept", counts.kept)];
    if counts.changed > 0 {
        parts.push(format!("{} changed and flagged for review", counts.changed));
    }
    if counts.orphaned > 0 {
        parts.push(format!("{} orphaned", counts.orphaned));
    }
    let mut message = format!("Revised the text: {}.", parts.join(", "));
    if counts.changed + counts.orphaned > 0 {
        message.push_str(" The Revision report lists them.");
    }
    let edit = Edit::Revise(Box::new(Revised { before: doc.positioned(), after }));
    changed(message, Staged { edits: vec![edit], next_id: doc.next_id, next_entity: doc.next_entity }, None)
}

/// Everything of `doc` placed on `text` instead, with what happened counted.
pub fn carry(doc: &Document, realignment: &Realignment, text: Text, at: &str) -> (Positioned, Counts) {
    let mut counts = Counts::default();
    let mut placed: Vec<Annotation> = Vec::with_capacity(doc.annotations.len());
    let mut orphaned: Vec<&Annotation> = Vec::new();
    let mut taken: HashSet<(Span, &str)> = HashSet::new();
    for a in doc.annotations.iter() {
        // What it was changed from: the text it had when last confirmed.
        let (span, changed_from) = match realignment.fate(a.span, &text) {
            Fate::Kept(span) => (span, a.changed_from.clone()),
            Fate::Changed(span) => (span, Some(a.changed_from.clone().unwrap_or_else(|| doc.text_of(a).to_owned()))),
            Fate::Orphaned => {
                orphaned.push(a);
                continue;
            }
        };
        if !taken.insert((span, a.label.as_str())) {
            orphaned.push(a);
            continue;
        }
        if changed_from.is_some() && a.changed_from.is_none() {
            counts.changed += 1;
        } else {
            counts.kept += 1;
        }
        placed.push(Annotation { span, changed_from, ..a.clone() });
    }
    counts.orphaned = orphaned.len();
    let gone: HashSet<AnnotationId> = orphaned.iter().map(|a| a.id).collect();
    // Entities left with no mention go, and their quotes lose them.
    let mentioned: HashSet<EntityId> = placed.iter().filter_map(|a| a.entity).collect();
    let lost: BTreeSet<EntityId> = doc.entities.iter().map(|e| e.id).filter(|e| !mentioned.contains(e)).collect();
    let spoke: HashMap<EntityId, Vec<AnnotationId>> = lost
        .iter()
        .map(|&e| (e, placed.iter().filter(|q| q.speakers.contains(&e)).map(|q| q.id).collect()))
        .collect();
    let previous_of: HashMap<AnnotationId, Option<AnnotationId>> = doc.annotations.iter().map(|a| (a.id, a.continues)).collect();
    let start_of: HashMap<AnnotationId, usize> = placed.iter().map(|a| (a.id, a.span.start)).collect();
    for a in &mut placed {
        a.speakers.retain(|e| !lost.contains(e));
        if a.cue.is_some_and(|c| gone.contains(&c)) {
            a.cue = None;
        }
        // A join skips over orphaned parts to the part before them.
        let mut previous = a.continues;
        for _ in 0..doc.annotations.len() {
            match previous {
                Some(p) if gone.contains(&p) => previous = previous_of.get(&p).copied().flatten(),
                _ => break,
            }
        }
        // A part still continues only a quote that starts before it.
        a.continues = previous.filter(|p| start_of.get(p).is_some_and(|&s| s < a.span.start));
    }
    let revision = doc.revisions.len() + 1;
    let mut orphans = doc.orphans.clone();
    orphans.extend(orphaned.iter().map(|a| Orphan {
        id: a.id,
        label: a.label.clone(),
        text: doc.text_of(a).to_owned(),
        revision,
        note: a.note.clone(),
        entity: a.entity.map(|e| doc.entity_name(e).to_owned()),
        speakers: a.speakers.iter().map(|&e| doc.entity_name(e).to_owned()).collect(),
        spoke: a.entity.and_then(|e| spoke.get(&e)).cloned().unwrap_or_default(),
    }));
    orphans.sort_by_key(|o| o.id);
    let mut entities = doc.entities.clone();
    for e in &lost {
        entities.remove(*e);
    }
    let rejected = doc
        .rejected
        .iter()
        .filter_map(|(span, label)| match realignment.fate(*span, &text) {
            Fate::Kept(s) => Some((s, label.clone())),
            _ => None,
        })
        .collect();
    let mut revisions = doc.revisions.clone();
    revisions.push(Revision {
        before_sha256: doc.text.sha256_hex().to_owned(),
        before_length: doc.text.len(),
        after_sha256: text.sha256_hex().to_owned(),
        after_length: text.len(),
        at: at.to_owned(),
    });
    let positioned =
        Positioned { text: Rc::new(text), annotations: Annotations::from_vec(placed), entities, rejected, orphans, revisions };
    (positioned, counts)
}

/// Takes the review flag off `ids` (the annotations a revision changed, checked by the
/// user).
pub fn confirm_review(doc: &Document, ids: &[AnnotationId]) -> Reduced {
    let mut tx = Transaction::new(doc);
    let mut texts = Vec::new();
    for &id in ids {
        let Some(a) = doc.annotations.get(id).filter(|a| a.changed_from.is_some()) else { continue };
        texts.push(preview(doc.text_of(a)));
        tx.update(id, |a| a.changed_from = None);
    }
    let message = match texts.as_slice() {
        [] => return Err(Refusal::NothingToConfirm),
        [one] => format!("Confirmed “{one}”."),
        many => format!("Confirmed {} annotations.", many.len()),
    };
    let selected = ids.first().copied().filter(|id| doc.annotations.get(*id).is_some());
    changed(message, tx.finish(), selected)
}

/// Deletes orphan `id` for good (undo brings it back).
pub fn discard_orphan(doc: &Document, id: AnnotationId) -> Reduced {
    let orphan = doc.orphans.iter().find(|o| o.id == id).ok_or(Refusal::Gone(Thing::Orphan))?.clone();
    let message = format!("Deleted the orphaned {} “{}”.", orphan.label, preview(&orphan.text));
    let mut tx = Transaction::new(doc);
    tx.push(Edit::Orphan { orphan, kept: false });
    changed(message, tx.finish(), None)
}

/// Puts orphan `id` back on the text at the raw `selection` (snapped like any selection):
/// a mention rejoins its entity (by name), or brings it back with the speaker links it
/// had; a quote gets back the speakers that still exist.
pub fn reattach(doc: &Document, id: AnnotationId, selection: Option<Span>) -> Reduced {
    let orphan = doc.orphans.iter().find(|o| o.id == id).ok_or(Refusal::Gone(Thing::Orphan))?.clone();
    let raw = selection.filter(|s| !s.is_empty()).ok_or(Refusal::SelectToReattach)?;
    let span = snap(&doc.text, raw).ok_or(Refusal::OnlySpaces)?;
    let label = doc.labels.get(&orphan.label).map(|l| l.name.clone()).ok_or_else(|| Refusal::NoSuchLabel(orphan.label.clone()))?;
    let text = doc.text.slice(span).unwrap_or_default();
    if doc.annotations.has_duplicate(span, &label) {
        return Err(Refusal::AlreadyMarked { text: preview(text), label });
    }
    let mut tx = Transaction::new(doc);
    tx.push(Edit::Orphan { orphan: orphan.clone(), kept: false });
    let mut a = Annotation::new(orphan.id, span, label.clone());
    a.note = orphan.note.clone();
    match doc.labels.kind_of(&label) {
        Some(LabelKind::Entity) => {
            let name = orphan.entity.clone().unwrap_or_else(|| text.to_owned());
            let existing = doc.entities.iter().find(|e| e.label == label && e.name == name).map(|e| e.id);
            let entity = match existing.or_else(|| tx.entity_for(&label, text)) {
                Some(e) => e,
                None => {
                    let e = tx.take_entity_id();
                    tx.put_entity(None, Some(Entity { id: e, label: label.clone(), name }));
                    for &quote in &orphan.spoke {
                        tx.update(quote, |q| {
                            if !q.speakers.contains(&e) {
                                q.speakers.push(e);
                            }
                        });
                    }
                    e
                }
            };
            a.entity = Some(entity);
        }
        Some(LabelKind::Quote) => {
            a.quote_kind = Some(QuoteKind::guess(text));
            a.speakers = orphan
                .speakers
                .iter()
                .filter_map(|name| doc.entities.iter().find(|e| &e.name == name && doc.labels.can_speak(&e.label)).map(|e| e.id))
                .collect();
        }
        _ => {}
    }
    tx.insert(a);
    let message = format!("Re-attached the {label} “{}” as “{}”.", preview(&orphan.text), preview(text));
    changed(message, tx.finish(), Some(orphan.id))
}
