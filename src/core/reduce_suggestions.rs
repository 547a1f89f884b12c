//! The reducer's suggestion actions: accepting suggestions (their speakers, cue and alias
//! with them) and rejecting them, each batch one undoable step.

use super::annotations::Annotation;
use super::ids::{AnnotationId, EntityId};
use super::detect::suggest::{Speaker, Suggestion};
use super::history::Edit;
use super::labels::LabelKind;
use super::offsets::Span;
use super::store::{Mode, State};
use super::messages::preview;
use super::document::Document;
use std::collections::BTreeSet;
use std::rc::Rc;

impl State {
    /// Turns `items` into annotations: a mention joins the entity of the mention it is an
    /// alias of; a quote gets its speakers (their mentions added if missing) and its cue.
    pub(super) fn accept_suggestions(&mut self, items: &[Suggestion]) -> Result<String, String> {
        if self.mode != Mode::Annotating {
            return Err("Press “Start annotating” first.".into());
        }
        let mut scratch = self.clone();
        let mut edits = Vec::new();
        let mut accepted = 0;
        let mut last = None;
        for s in items {
            let Some(kind) = scratch.doc.labels.kind_of(&s.label) else { continue };
            if scratch.doc.text.slice(s.span).is_none() {
                continue;
            }
            let id = if kind == LabelKind::Quote {
                let mut speakers: Vec<EntityId> = Vec::new();
                for speaker in &s.speakers {
                    if let Some(e) = scratch.speaker_at(speaker, &mut edits) {
                        if !speakers.contains(&e) {
                            speakers.push(e);
                        }
                    }
                }
                let cue_label = scratch.doc.labels.iter().find(|l| l.kind == LabelKind::Cue).map(|l| l.name.clone());
                let cue = match (s.cue, cue_label) {
                    (Some(span), Some(label)) => Some(scratch.ensure(span, &label, None, &mut edits).0),
                    _ => None,
                };
                let (id, _) = scratch.ensure(s.span, &s.label, None, &mut edits);
                if let Some(before) = scratch.doc.annotations.get(id).cloned() {
                    let after = Annotation { speakers, cue, ..before.clone() };
                    if after != before {
                        let edit = Edit::Replace { before, after };
                        edit.apply(Rc::make_mut(&mut scratch.doc));
                        edits.push(edit);
                    }
                }
                id
            } else {
                scratch.ensure(s.span, &s.label, s.alias_of, &mut edits).0
            };
            accepted += 1;
            last = Some((id, s));
        }
        let Some((id, s)) = last else {
            return Err("Nothing to accept: the suggestion no longer fits this document.".into());
        };
        let message = if accepted == 1 {
            format!("Accepted {} “{}”.", s.label, preview(scratch.doc.text.slice(s.span).unwrap_or_default()))
        } else {
            format!("Accepted {accepted} suggestions.")
        };
        let doc = Rc::make_mut(&mut self.doc);
        doc.next_id = scratch.doc.next_id;
        doc.next_entity = scratch.doc.next_entity;
        Ok(self.commit(message, edits, if accepted == 1 { Some(id) } else { self.selected }))
    }

    /// The open document as it would be with `items` accepted, and the ids of the
    /// annotations that come from them (to export with `"status": "suggested"`); this
    /// state is left as it is.
    pub fn with_suggestions(&self, items: &[Suggestion]) -> (Document, BTreeSet<AnnotationId>) {
        let mut scratch = self.clone();
        let before: BTreeSet<AnnotationId> = scratch.doc.annotations.iter().map(|a| a.id).collect();
        if !items.is_empty() {
            let _ = scratch.accept_suggestions(items);
        }
        let added = scratch.doc.annotations.iter().map(|a| a.id).filter(|id| !before.contains(id)).collect();
        ((*scratch.doc).clone(), added)
    }

    /// Records `items` as rejected: they are not suggested again in this document.
    pub(super) fn reject_suggestions(&mut self, items: &[Suggestion]) -> Result<String, String> {
        let edits: Vec<Edit> = items
            .iter()
            .filter(|s| !self.doc.rejected.contains(&(s.span, s.label.clone())))
            .map(|s| Edit::Reject { span: s.span, label: s.label.clone(), rejected: true })
            .collect();
        let Some(Edit::Reject { span, label, .. }) = edits.first().cloned() else {
            return Err("Already rejected.".into());
        };
        let message = if edits.len() == 1 {
            format!("Rejected {label} “{}”; it will not be suggested again here.", preview(self.doc.text.slice(span).unwrap_or_default()))
        } else {
            format!("Rejected {} suggestions.", edits.len())
        };
        Ok(self.commit(message, edits, self.selected))
    }

    /// The entity speaking at `span`: an existing mention's there of a label that speaks,
    /// else a new `label` mention's.
    fn speaker_at(&mut self, speaker: &Speaker, edits: &mut Vec<Edit>) -> Option<EntityId> {
        let (span, label) = (speaker.span, speaker.label.as_str());
        let doc = &self.doc;
        if let Some(e) = doc.annotations.overlapping(span).into_iter().find(|a| a.span == span && doc.labels.can_speak(&a.label)).and_then(|a| a.entity) {
            return Some(e);
        }
        self.doc.labels.can_speak(label).then(|| self.ensure(span, label, speaker.alias_of, edits).1).flatten()
    }

    /// The annotation labelled `label` at `span`, added (on this scratch state) if
    /// missing; with its entity. A new mention with `alias_of` joins that mention's entity.
    fn ensure(&mut self, span: Span, label: &str, alias_of: Option<Span>, edits: &mut Vec<Edit>) -> (AnnotationId, Option<EntityId>) {
        if let Some(a) = self.doc.annotations.overlapping(span).into_iter().find(|a| a.span == span && a.label == label) {
            return (a.id, a.entity);
        }
        let text = self.doc.text.slice(span).unwrap_or_default().to_owned();
        let id = self.take_annotation_id();
        let mut annotation = Annotation::new(id, span, label);
        annotation.entity = alias_of.and_then(|alias| self.doc.annotations.overlapping(alias).into_iter().find(|a| a.span == alias && a.label == label).and_then(|a| a.entity));
        let mut step = Vec::new();
        let annotation = self.with_kind_fields(annotation, &text, &mut step);
        let entity = annotation.entity;
        step.push(Edit::Insert(annotation));
        for edit in &step {
            edit.apply(Rc::make_mut(&mut self.doc));
        }
        edits.extend(step);
        (id, entity)
    }
}
