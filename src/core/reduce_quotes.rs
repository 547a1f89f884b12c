//! The reducer's actions on entities and quotes: grouping mentions into entities, merge
//! and split, canonical names, speakers (entities, on every part of a joined quote), cues,
//! quote kinds, joins and notes. Each is one undoable step made of edits (`core::history`),
//! committed through `State::commit` like every other change.
//!
//! **Invariant** (with `core::entities`): after every step each mention has an entity of
//! its own label, every entity has a mention, and every speaker, cue and join points at
//! something that exists. [`State::detach`] restores it whenever an annotation is removed
//! or relabelled.

use super::annotations::{Annotation, QuoteKind};
use super::ids::{AnnotationId, EntityId};
use super::entities::Entity;
use super::mentions::{entity_for, mentions};
use super::history::Edit;
use super::labels::LabelKind;
use super::store::State;
use super::messages::preview;
use std::rc::Rc;

impl State {
    /// A fresh annotation id (ids are never reused, even after undo).
    pub(super) fn take_annotation_id(&mut self) -> AnnotationId {
        let doc = Rc::make_mut(&mut self.doc);
        doc.next_id += 1;
        AnnotationId(doc.next_id - 1)
    }

    fn take_entity_id(&mut self) -> EntityId {
        let doc = Rc::make_mut(&mut self.doc);
        doc.next_entity += 1;
        EntityId(doc.next_entity - 1)
    }

    /// `a` with the fields its label's kind calls for: a mention joins the entity of its
    /// label and text (pushing the edit that creates one if needed); a quote gets a first
    /// guess of its kind; fields of other kinds are cleared.
    pub(super) fn with_kind_fields(&mut self, a: Annotation, text: &str, edits: &mut Vec<Edit>) -> Annotation {
        let kind = self.doc.labels.kind_of(&a.label);
        let entity = match kind {
            Some(LabelKind::Entity) => Some(match entity_for(&self.doc, &a.label, text).filter(|e| Some(*e) != a.entity) {
                Some(id) => id,
                None if a.entity.is_some_and(|e| self.doc.entities.get(e).is_some_and(|e| e.label == a.label)) => {
                    a.entity.expect("checked")
                }
                None => {
                    let id = self.take_entity_id();
                    let entity = Entity { id, label: a.label.clone(), name: text.to_owned() };
                    edits.push(Edit::Entity { before: None, after: Some(entity) });
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

    /// Edits that keep every reference valid when `old` is removed (`new` none) or
    /// becomes `new`: an entity left without mentions goes (its quotes pass to `new`'s
    /// entity if that can speak, else lose it); a cue that is no longer one is unlinked; a
    /// quote that is no longer one hands its joined parts to the part before it.
    pub(super) fn detach(&self, old: &Annotation, new: Option<&Annotation>) -> Vec<Edit> {
        let doc = &self.doc;
        let mut edits = Vec::new();
        let new_entity = new.and_then(|n| n.entity);
        if let Some(e) = old.entity.filter(|e| Some(*e) != new_entity) {
            let others = mentions(doc, e).any(|m| m.id != old.id);
            if !others {
                let heir = new_entity.filter(|h| doc.entities.get(*h).map_or(new.is_some_and(|n| doc.labels.can_speak(&n.label)), |h| doc.labels.can_speak(&h.label)));
                for q in doc.annotations.iter().filter(|q| q.speakers.contains(&e)) {
                    let mut speakers: Vec<EntityId> = Vec::new();
                    for s in &q.speakers {
                        let s = if *s == e { heir } else { Some(*s) };
                        if let Some(s) = s.filter(|s| !speakers.contains(s)) {
                            speakers.push(s);
                        }
                    }
                    edits.push(Edit::Replace { before: q.clone(), after: Annotation { speakers, ..q.clone() } });
                }
                if let Some(entity) = doc.entities.get(e) {
                    edits.push(Edit::Entity { before: Some(entity.clone()), after: None });
                }
            }
        }
        let still = |kind: LabelKind| new.is_some_and(|n| doc.labels.kind_of(&n.label) == Some(kind));
        if doc.labels.is_cue(&old.label) && !still(LabelKind::Cue) {
            for q in doc.annotations.iter().filter(|q| q.cue == Some(old.id)) {
                edits.push(Edit::Replace { before: q.clone(), after: Annotation { cue: None, ..q.clone() } });
            }
        }
        if doc.labels.is_quote(&old.label) && !still(LabelKind::Quote) {
            for q in doc.annotations.iter().filter(|q| q.continues == Some(old.id)) {
                edits.push(Edit::Replace { before: q.clone(), after: Annotation { continues: old.continues, ..q.clone() } });
            }
        }
        edits
    }

    /// The quote `id`, or why it cannot be used.
    fn quote(&self, id: AnnotationId) -> Result<Annotation, String> {
        match self.doc.annotations.get(id) {
            Some(q) if self.doc.labels.is_quote(&q.label) => Ok(q.clone()),
            Some(a) => Err(format!("Only a quote can have this; this is a {}.", a.label)),
            None => Err("That quote no longer exists.".into()),
        }
    }

    /// Every part of the joined quote `id` belongs to, in document order.
    pub fn quote_parts(&self, id: AnnotationId) -> Vec<&Annotation> {
        let annotations = &self.doc.annotations;
        let head_of = |a: &Annotation| -> AnnotationId {
            let mut head = a.id;
            let mut previous = a.continues;
            for _ in 0..annotations.len() {
                // A cycle cannot be made (a quote only continues one before it), but the
                // walk is bounded all the same.
                let Some(p) = previous.and_then(|p| annotations.get(p)) else { break };
                head = p.id;
                previous = p.continues;
            }
            head
        };
        let Some(start) = self.doc.annotations.get(id) else { return Vec::new() };
        let head = head_of(start);
        self.doc.annotations.iter().filter(|a| self.doc.labels.is_quote(&a.label) && head_of(a) == head).collect()
    }

    pub(super) fn set_speakers(&mut self, quote: AnnotationId, speakers: Vec<EntityId>) -> Result<String, String> {
        self.quote(quote)?;
        let mut chosen: Vec<EntityId> = Vec::new();
        for s in speakers {
            match self.doc.entities.get(s) {
                Some(e) if self.doc.labels.can_speak(&e.label) => {
                    if !chosen.contains(&s) {
                        chosen.push(s);
                    }
                }
                Some(e) => return Err(format!("A speaker must be a Person or an Organization; “{}” is a {}.", preview(&e.name), e.label)),
                None => return Err("That speaker no longer exists.".into()),
            }
        }
        let edits: Vec<Edit> = self
            .quote_parts(quote)
            .into_iter()
            .filter(|q| q.speakers != chosen)
            .map(|q| Edit::Replace { before: q.clone(), after: Annotation { speakers: chosen.clone(), ..q.clone() } })
            .collect();
        let names: Vec<String> = chosen.iter().map(|s| preview(self.doc.entity_name(*s))).collect();
        let message = match names.len() {
            0 => "Speaker cleared.".to_owned(),
            _ => format!("Speaker set to {}.", names.join(" and ")),
        };
        Ok(self.commit(message, edits, Some(quote)))
    }

    pub(super) fn add_speaker_from_mention(&mut self, quote: AnnotationId, mention: AnnotationId) -> Result<String, String> {
        let q = self.quote(quote)?;
        let Some(m) = self.doc.annotations.get(mention) else {
            return Err("That mention no longer exists.".into());
        };
        let Some(entity) = m.entity.filter(|_| self.doc.labels.can_speak(&m.label)) else {
            return Err(format!("“{}” is a {}; a speaker must be a Person or an Organization.", preview(self.doc.text_of(m)), m.label));
        };
        if q.speakers.contains(&entity) {
            return Ok(format!("{} is already a speaker of this quote.", preview(self.doc.entity_name(entity))));
        }
        let mut speakers = q.speakers.clone();
        speakers.push(entity);
        self.set_speakers(quote, speakers)
    }

    pub(super) fn set_cue(&mut self, quote: AnnotationId, cue: Option<AnnotationId>) -> Result<String, String> {
        let q = self.quote(quote)?;
        let message = match cue {
            None => "Cue cleared.".to_owned(),
            Some(c) => match self.doc.annotations.get(c) {
                Some(a) if self.doc.labels.is_cue(&a.label) => format!("Cue set to “{}”.", preview(self.doc.text_of(a))),
                Some(a) => return Err(format!("A cue must be marked as a cue; this is a {}.", a.label)),
                None => return Err("That cue no longer exists.".into()),
            },
        };
        let edit = Edit::Replace { after: Annotation { cue, ..q.clone() }, before: q };
        Ok(self.commit(message, vec![edit], Some(quote)))
    }

    pub(super) fn set_quote_kind(&mut self, quote: AnnotationId, kind: QuoteKind) -> Result<String, String> {
        let q = self.quote(quote)?;
        let edit = Edit::Replace { after: Annotation { quote_kind: Some(kind), ..q.clone() }, before: q };
        Ok(self.commit(format!("Quote kind set to {}.", kind.name()), vec![edit], Some(quote)))
    }

    pub(super) fn join_quote(&mut self, quote: AnnotationId, previous: Option<AnnotationId>) -> Result<String, String> {
        let q = self.quote(quote)?;
        let Some(prev) = previous else {
            let edit = Edit::Replace { after: Annotation { continues: None, ..q.clone() }, before: q };
            return Ok(self.commit("The quote is no longer joined to the one before.".into(), vec![edit], Some(quote)));
        };
        let p = self.quote(prev)?;
        if p.span.start >= q.span.start {
            return Err("A quote can only continue a quote that starts before it.".into());
        }
        // The continuing part takes the speakers of the quote it continues.
        let edit = Edit::Replace { after: Annotation { continues: Some(prev), speakers: p.speakers.clone(), ..q.clone() }, before: q };
        let message = format!("Joined to the quote before, “{}”.", preview(self.doc.text_of(&p)));
        Ok(self.commit(message, vec![edit], Some(quote)))
    }

    pub(super) fn merge_entities(&mut self, into: EntityId, from: EntityId) -> Result<String, String> {
        let (Some(keep), Some(gone)) = (self.doc.entities.get(into).cloned(), self.doc.entities.get(from).cloned()) else {
            return Err("That entity no longer exists.".into());
        };
        if into == from {
            return Err("An entity cannot be merged into itself.".into());
        }
        if keep.label != gone.label {
            return Err(format!("Only entities with the same label can be merged: “{}” is a {}, “{}” a {}.", keep.name, keep.label, gone.name, gone.label));
        }
        let mut edits: Vec<Edit> = Vec::new();
        for m in mentions(&self.doc, from) {
            edits.push(Edit::Replace { before: m.clone(), after: Annotation { entity: Some(into), ..m.clone() } });
        }
        for q in self.doc.annotations.iter().filter(|q| q.speakers.contains(&from)) {
            let mut speakers: Vec<EntityId> = Vec::new();
            for s in q.speakers.iter().map(|s| if *s == from { into } else { *s }) {
                if !speakers.contains(&s) {
                    speakers.push(s);
                }
            }
            edits.push(Edit::Replace { before: q.clone(), after: Annotation { speakers, ..q.clone() } });
        }
        edits.push(Edit::Entity { before: Some(gone.clone()), after: None });
        let message = format!("Merged “{}” into “{}”.", preview(&gone.name), preview(&keep.name));
        Ok(self.commit(message, edits, self.selected))
    }

    pub(super) fn split_mention(&mut self, id: AnnotationId) -> Result<String, String> {
        let Some(m) = self.doc.annotations.get(id).cloned() else {
            return Err("That mention no longer exists.".into());
        };
        let Some(old) = m.entity else {
            return Err(format!("A {} is not a mention of an entity.", m.label));
        };
        if !mentions(&self.doc, old).any(|o| o.id != id) {
            return Err("This is the entity's only mention; there is nothing to split it from.".into());
        }
        let text = self.doc.text_of(&m).to_owned();
        let entity = Entity { id: self.take_entity_id(), label: m.label.clone(), name: text.clone() };
        let edits = vec![
            Edit::Entity { before: None, after: Some(entity.clone()) },
            Edit::Replace { after: Annotation { entity: Some(entity.id), ..m.clone() }, before: m },
        ];
        Ok(self.commit(format!("“{}” is now an entity of its own.", preview(&text)), edits, Some(id)))
    }

    pub(super) fn rename_entity(&mut self, id: EntityId, name: String) -> Result<String, String> {
        let Some(entity) = self.doc.entities.get(id).cloned() else {
            return Err("That entity no longer exists.".into());
        };
        let name = name.trim().to_owned();
        if name.is_empty() {
            return Err("An entity's name cannot be empty.".into());
        }
        if name == entity.name {
            return Ok(format!("The name is “{name}”."));
        }
        let message = format!("Renamed “{}” to “{}”.", preview(&entity.name), preview(&name));
        let edit = Edit::Entity { after: Some(Entity { name, ..entity.clone() }), before: Some(entity) };
        Ok(self.commit(message, vec![edit], self.selected))
    }

    pub(super) fn set_note(&mut self, id: AnnotationId, note: String) -> Result<String, String> {
        let Some(a) = self.doc.annotations.get(id).cloned() else {
            return Err("That annotation no longer exists.".into());
        };
        if a.note == note {
            return Ok("The note is unchanged.".into());
        }
        let message = if note.is_empty() { "Note removed.".to_owned() } else { "Note saved.".to_owned() };
        let edit = Edit::Replace { after: Annotation { note, ..a.clone() }, before: a };
        Ok(self.commit(message, vec![edit], Some(id)))
    }
}
