//! `Action::Compare`, `Action::TakeAgreed` and `Action::Take`: comparing coders' versions
//! of one text and adjudicating them into a new document.
//!
//! The new document has the text, every coder's labels and no annotation; its
//! `provenance::Adjudication` names the coders. "Take all agreed" brings in, as one step,
//! every annotation all coders have (same span and label), its entity and links; each
//! decision on a disagreement (`core::agreement::disagreements`) brings in the first
//! coder's annotation, the second's, both or neither, as one step. An annotation brought in
//! comes with the speaker mentions and cue it needs, joins the entity of the mentions of
//! its entity already there (or of the same label and text), and names in `from` the
//! coders it came from. Each step records itself in the adjudication, so undo takes it back.

use super::fit::fit;
use super::refusal::Refusal;
use super::{changed, Reduced};
use crate::core::agreement::across::Across;
use crate::core::agreement::disagreements::{compare, Comparison};
use crate::core::agreement::{agreement, Agreement, Coder, Mismatch};
use crate::core::annotations::Annotation;
use crate::core::document::Document;
use crate::core::edits::Transaction;
use crate::core::history::Edit;
use crate::core::ids::{AnnotationId, EntityId};
use crate::core::labels::LabelSet;
use crate::core::mentions::mentions_by_entity;
use crate::core::messages::preview;
use crate::core::provenance::{Adjudication, Decision, Kind, Take};
use std::rc::Rc;

/// A comparison open in the app: the coders' documents, their figures, where the first two
/// disagree, and the adjudicated document being made.
#[derive(Clone, Debug)]
pub struct Session {
    /// The coders' names, the reference first.
    pub coders: Vec<String>,
    /// Their documents.
    pub docs: Vec<Rc<Document>>,
    /// The figures.
    pub agreement: Agreement,
    /// The first two coders compared.
    pub comparison: Comparison,
    /// When bundles are compared: every document of them, this one among them.
    pub bundle: Option<Rc<Across>>,
}

impl PartialEq for Session {
    fn eq(&self, other: &Self) -> bool {
        self.coders == other.coders
            && self.docs.len() == other.docs.len()
            && self.docs.iter().zip(&other.docs).all(|(a, b)| Rc::ptr_eq(a, b))
            && match (&self.bundle, &other.bundle) {
                (Some(a), Some(b)) => Rc::ptr_eq(a, b),
                (a, b) => a.is_none() && b.is_none(),
            }
    }
}

impl Eq for Session {}

impl Session {
    /// Compares `coders` (names and documents, the same text); the adjudicated document
    /// starts empty (see the module's doc comment).
    pub fn new(coders: Vec<(String, Document)>) -> Result<(Session, Document), Mismatch> {
        let names: Vec<String> = coders.iter().map(|(n, _)| n.clone()).collect();
        let docs: Vec<Rc<Document>> = coders.into_iter().map(|(_, d)| Rc::new(d)).collect();
        let view: Vec<Coder> = names.iter().zip(&docs).map(|(name, doc)| Coder { name, doc }).collect();
        let agreement = agreement(&view)?;
        Ok(Session::made_of(names, docs, agreement, None))
    }

    /// Compares document `index` of `bundle` (see `agreement::across`), keeping the bundle
    /// so that the others can be compared in turn. Its documents and counts are the
    /// bundle's own, shared, not copied or counted again.
    pub fn of_bundle(bundle: Rc<Across>, index: usize) -> Result<(Session, Document), Mismatch> {
        let matched = bundle.documents.get(index).ok_or(Mismatch::NothingInCommon)?;
        let (docs, agreement) = (matched.docs.clone(), matched.figures.clone());
        Ok(Session::made_of(bundle.coders.clone(), docs, agreement, Some(bundle.clone())))
    }

    /// The session of `docs` (the same text) with their figures, and its adjudicated
    /// document, empty.
    fn made_of(names: Vec<String>, docs: Vec<Rc<Document>>, agreement: Agreement, bundle: Option<Rc<Across>>) -> (Session, Document) {
        let comparison = compare(&docs[0], &docs[1]);
        let first = &docs[0];
        let mut result = Document::new(format!("Adjudicated: {}", first.title), "");
        result.text = first.text.clone();
        // Every coder's labels, the first's order first.
        let mut labels = first.labels.iter().cloned().collect::<Vec<_>>();
        for d in &docs[1..] {
            for l in d.labels.iter() {
                if !labels.iter().any(|x| x.name == l.name) {
                    labels.push(l.clone());
                }
            }
        }
        result.labels = LabelSet::new(labels).unwrap_or_else(|_| first.labels.clone());
        result.adjudication = Some(Adjudication { coders: names.clone(), agreed: false, decisions: Vec::new() });
        (Session { coders: names, docs, agreement, comparison, bundle }, result)
    }

    /// The bundle, when it holds more than this document (or some were not compared).
    pub fn several(&self) -> Option<&Across> {
        self.bundle.as_deref().filter(|b| b.documents.len() > 1 || !b.missing.is_empty())
    }

    /// True if `doc` is this comparison's adjudicated document (the same text and coders).
    pub fn made(&self, doc: &Document) -> bool {
        doc.adjudication.as_ref().is_some_and(|j| j.coders == self.coders) && doc.text.sha256_hex() == self.docs[0].text.sha256_hex()
    }

    /// What was decided on disagreement `index` in `doc`, if anything.
    pub fn decided(&self, doc: &Document, index: usize) -> Option<Take> {
        let d = self.comparison.disagreements.get(index)?;
        doc.adjudication.as_ref()?.decisions.iter().find(|x| x.kind == d.kind && x.parts == d.parts).map(|x| x.take)
    }
}

/// Takes every annotation the first two coders agree on.
pub fn take_agreed(doc: &Document, session: &Session) -> Reduced {
    let record = record_of(doc, session)?;
    if record.agreed {
        return Err(Refusal::AlreadyTaken);
    }
    let mut tx = Transaction::new(doc);
    let (first, second) = (&session.docs[0], &session.docs[1]);
    let names = [session.coders[0].as_str(), session.coders[1].as_str()];
    // Quotes whose speakers differ come without them: that is a decision of its own.
    let open: Vec<AnnotationId> = session.comparison.disagreements.iter().filter(|d| d.kind == Kind::OtherSpeakers).filter_map(|d| d.first).collect();
    let mut count = 0;
    for &(x, _) in &session.comparison.agreed {
        bring(&mut tx, first, x, &names, !open.contains(&x));
        count += 1;
    }
    let _ = second;
    let after = Adjudication { agreed: true, ..record.clone() };
    tx.push(Edit::Adjudication { before: Some(Box::new(record)), after: Some(Box::new(after)) });
    changed(format!("Took the {count} annotation(s) both coders agree on."), tx.finish(), None)
}

/// Decides disagreement `index`: takes `take`.
pub fn take(doc: &Document, session: &Session, index: usize, take: Take) -> Reduced {
    let record = record_of(doc, session)?;
    let d = session.comparison.disagreements.get(index).ok_or(Refusal::Gone(super::refusal::Thing::Annotation))?.clone();
    if session.decided(doc, index).is_some() {
        return Err(Refusal::AlreadyDecided);
    }
    let (first, second) = (&session.docs[0], &session.docs[1]);
    let (a, b) = (session.coders[0].as_str(), session.coders[1].as_str());
    let mut tx = Transaction::new(doc);
    let text = |d: &Document, id: Option<AnnotationId>| id.and_then(|i| d.annotations.get(i)).map(|x| preview(d.text_of(x))).unwrap_or_default();
    let what = if d.kind == Kind::OtherSpeakers {
        let quote = d.first.and_then(|q| first.annotations.get(q)).ok_or(Refusal::TakeAgreedFirst)?;
        let Some(mine) = tx.at(quote.span, &quote.label).map(|q| q.id) else { return Err(Refusal::TakeAgreedFirst) };
        let mut speakers: Vec<EntityId> = Vec::new();
        let mut from = |source: &Document, q: Option<AnnotationId>, name: &str, tx: &mut Transaction| {
            if let Some(q) = q.and_then(|q| source.annotations.get(q)) {
                for e in speakers_of(tx, source, q, name) {
                    if !speakers.contains(&e) {
                        speakers.push(e);
                    }
                }
            }
        };
        if matches!(take, Take::First | Take::Both) {
            from(first, d.first, a, &mut tx);
        }
        if matches!(take, Take::Second | Take::Both) {
            from(second, d.second, b, &mut tx);
        }
        tx.update(mine, |q| q.speakers = speakers);
        format!("the speakers of “{}”", text(first, d.first))
    } else {
        if matches!(take, Take::First | Take::Both) {
            if let Some(x) = d.first {
                bring(&mut tx, first, x, &[a], true);
            }
        }
        if matches!(take, Take::Second | Take::Both) {
            if let Some(y) = d.second {
                bring(&mut tx, second, y, &[b], true);
            }
        }
        match take {
            Take::First => format!("{a}'s “{}”", text(first, d.first)),
            Take::Second => format!("{b}'s “{}”", text(second, d.second)),
            Take::Both => format!("both “{}” and “{}”", text(first, d.first), text(second, d.second)),
            Take::Neither => format!("neither “{}” nor “{}”", text(first, d.first), text(second, d.second)),
        }
    };
    let mut after = record.clone();
    after.decisions.push(Decision { kind: d.kind, parts: d.parts.clone(), take });
    tx.push(Edit::Adjudication { before: Some(Box::new(record)), after: Some(Box::new(after)) });
    let message = match take {
        Take::Neither => format!("Took {what}: {}.", d.kind.describe()),
        _ => format!("Took {what} ({}).", d.kind.describe()),
    };
    changed(message, tx.finish(), None)
}

fn record_of(doc: &Document, session: &Session) -> Result<Adjudication, Refusal> {
    if !session.made(doc) {
        return Err(Refusal::NoComparison);
    }
    Ok(doc.adjudication.clone().expect("made checks it"))
}

/// Brings annotation `id` of `source` into the staged document (see the module's doc
/// comment), naming `names` as where it came from; with its speakers and cue when `links`.
/// Returns its id there.
fn bring(tx: &mut Transaction, source: &Document, id: AnnotationId, names: &[&str], links: bool) -> Option<AnnotationId> {
    let a = source.annotations.get(id)?;
    if let Some(there) = tx.at(a.span, &a.label).map(|x| x.id) {
        tx.update(there, |x| {
            for n in names {
                if !x.from.iter().any(|f| f == n) {
                    x.from.push((*n).to_owned());
                }
            }
        });
        return Some(there);
    }
    if tx.labels().get(&a.label).is_none() {
        if let Some(def) = source.labels.get(&a.label) {
            let mut all: Vec<_> = tx.labels().iter().cloned().collect();
            all.push(def.clone());
            if let Ok(set) = LabelSet::new(all) {
                tx.set_labels(set);
            }
        }
    }
    let text = source.text_of(a).to_owned();
    let new = tx.take_annotation_id();
    let mut b = Annotation::new(new, a.span, a.label.clone());
    b.note = a.note.clone();
    b.quote_kind = a.quote_kind;
    b.from = names.iter().map(|n| (*n).to_owned()).collect();
    // A mention joins the entity its source entity's other mentions have here.
    if let Some(e) = a.entity {
        b.entity = mentions_by_entity(source).get(&e).into_iter().flatten().find_map(|m| tx.at(m.span, &m.label).and_then(|x| x.entity));
    }
    let b = fit(tx, b, &text);
    tx.insert(b);
    if links && source.labels.is_quote(&a.label) {
        let speakers = speakers_of(tx, source, a, names[0]);
        let cue = a.cue.and_then(|c| bring(tx, source, c, names, false));
        tx.update(new, |q| {
            q.speakers = speakers;
            q.cue = cue;
        });
    }
    Some(new)
}

/// The entities, here, of `quote`'s speakers in `source`: each that of a mention of it
/// already here, or of its mention nearest the quote, brought in.
fn speakers_of(tx: &mut Transaction, source: &Document, quote: &Annotation, name: &str) -> Vec<EntityId> {
    let by_entity = mentions_by_entity(source);
    let mut out = Vec::new();
    for e in &quote.speakers {
        let mentions = by_entity.get(e).cloned().unwrap_or_default();
        let here = mentions.iter().find_map(|m| tx.at(m.span, &m.label).and_then(|x| x.entity));
        let entity = here.or_else(|| {
            let nearest = mentions.iter().min_by_key(|m| m.span.start.abs_diff(quote.span.start))?;
            let id = bring(tx, source, nearest.id, &[name], false)?;
            tx.annotation(id).and_then(|x| x.entity)
        });
        if let Some(entity) = entity.filter(|e| !out.contains(e)) {
            out.push(entity);
        }
    }
    out
}
