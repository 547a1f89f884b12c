//! What every importer of a foreign format produces, and the one place it is checked:
//! a [`Draft`] holds the text and the annotations as the file states them (spans in code
//! points, links by the file's own keys), and [`assemble`] turns it into a document with
//! the same checks as our own importer: every span inside the text, every stated text
//! equal to the document's at its span, every link to something that exists and may be
//! linked. Each problem is placed by the file's own key ("T3", "region a12"); what passes
//! is the valid part, offered as it is for a broken Marginalia file.

use crate::core::annotations::{Annotation, Annotations, QuoteKind};
use crate::core::document::Document;
use crate::core::entities::Entity;
use crate::core::ids::{AnnotationId, EntityId};
use crate::core::import::{Checked, Imported, Problem, ProblemKind};
use crate::core::labels::{is_valid_color, Label, LabelKind, LabelSet, SPEAKER_LABELS};
use crate::core::mentions::group;
use crate::core::messages::preview;
use crate::core::offsets::Span;
use crate::core::source::Source;
use crate::core::text::{Text, MAX_CHARS};
use std::collections::HashMap;
use std::rc::Rc;

/// A document as a foreign file states it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Draft {
    /// The title (a file name, a document id).
    pub title: String,
    /// The text, exactly as in the file.
    pub text: String,
    /// Labels the file declares (its schema, colours); labels used but not declared are
    /// added with defaults.
    pub labels: Vec<Label>,
    /// The annotations, in the file's order.
    pub items: Vec<Item>,
    /// Groups of mentions that are one entity, by key.
    pub groups: Vec<Group>,
    /// Problems found while reading the file's own syntax.
    pub problems: Vec<Problem>,
    /// Items the file has that could not be read at all (counted in `dropped`).
    pub unread: usize,
    /// Suggestions rejected in the document (span and label).
    pub rejected: Vec<(Span, String)>,
    /// The document's source record, where the format has one.
    pub source: Source,
}

/// One annotation as the file states it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Item {
    /// The file's key for it ("T3", "a12", "4"), for links.
    pub key: String,
    /// Where it is in the file, for problems ("T3", "region a12 of task 1").
    pub place: String,
    /// Its label.
    pub label: String,
    /// Where, in code points.
    pub span: Span,
    /// The text the file says it covers, if it says.
    pub text: Option<String>,
    /// A note.
    pub note: String,
    /// For a quote: its kind.
    pub kind: Option<QuoteKind>,
    /// For a quote: its speakers.
    pub speakers: Vec<Ref>,
    /// For a quote: the key of its cue.
    pub cue: Option<String>,
    /// For a quote: the key of the quote it continues.
    pub continues: Option<String>,
    /// For a mention: the key of its entity group.
    pub entity: Option<String>,
    /// Force this kind for a label the file does not declare (a quote or a cue known by
    /// its place in the file's structure).
    pub kind_hint: Option<LabelKind>,
    /// Placed by other means than its stated position (a W3C quote selector): flagged
    /// for review.
    pub review: bool,
}

/// A link to a speaker: a mention (by item key) or an entity (by group key).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ref {
    /// A mention.
    Item(String),
    /// An entity.
    Group(String),
}

/// Mentions that are one entity.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Group {
    /// The file's key for it.
    pub key: String,
    /// Its canonical name, if the file gives one.
    pub name: Option<String>,
}

/// The label a file's name maps to when the file does not declare it: the default
/// schema's, or an entity label (a quote or cue when `hint` says so).
fn default_label(name: &str, hint: Option<LabelKind>) -> Label {
    if let Some(l) = LabelSet::default().get(name).filter(|l| hint.is_none_or(|h| h == l.kind)) {
        return l.clone();
    }
    let kind = hint.unwrap_or(LabelKind::Entity);
    let color = match kind {
        LabelKind::Quote => "#e76f8a",
        LabelKind::Cue => "#8d99ae",
        LabelKind::Entity => "#9aa5b1",
    };
    Label { name: name.into(), kind, color: color.into(), hotkey: String::new(), speaks: kind == LabelKind::Entity && SPEAKER_LABELS.contains(&name) }
}

fn problem(problems: &mut Vec<Problem>, kind: ProblemKind, place: impl Into<String>, message: impl Into<String>) {
    problems.push(Problem { place: place.into(), kind, message: message.into() });
}

/// Checks `draft` and builds its document; `read_as` names the format for messages.
pub fn assemble(draft: Draft, read_as: &str) -> Checked {
    let Draft { title, text, labels: declared, items, groups, mut problems, unread, rejected, source } = draft;
    let text = Text::exact(&text);
    if text.len() > MAX_CHARS {
        problem(&mut problems, ProblemKind::TextTooLong, "text", format!("The text has {} characters; the limit is {MAX_CHARS}.", text.len()));
        return Checked { imported: None, problems, dropped: 0 };
    }
    // The schema: the file's labels (sound ones), then the labels its annotations use.
    let mut labels = LabelSet::new(Vec::new()).expect("empty");
    for label in declared {
        if label.name.trim().is_empty() || labels.get(&label.name).is_some() {
            continue;
        }
        let color = if is_valid_color(&label.color) { label.color.clone() } else { default_label(&label.name, Some(label.kind)).color };
        labels.push(Label { color, ..label });
    }
    let mut added_labels = Vec::new();
    let mut annotations: Vec<Annotation> = Vec::new();
    let mut by_key: HashMap<&str, AnnotationId> = HashMap::new();
    let mut kept: Vec<&Item> = Vec::new();
    for item in &items {
        let Span { start, end } = item.span;
        if item.label.trim().is_empty() {
            problem(&mut problems, ProblemKind::MissingLabel, &item.place, "The label is missing.");
            continue;
        }
        if start >= end || end > text.len() {
            problem(
                &mut problems,
                if start >= end { ProblemKind::BadOffsets } else { ProblemKind::OutsideText },
                &item.place,
                format!("The span {start}–{end} does not lie inside the text, which has {} characters.", text.len()),
            );
            continue;
        }
        let actual = text.slice(item.span).unwrap_or_default();
        if actual.trim().is_empty() {
            problem(&mut problems, ProblemKind::BadOffsets, &item.place, format!("The span {start}–{end} holds only white space."));
            continue;
        }
        if by_key.contains_key(item.key.as_str()) {
            problem(&mut problems, ProblemKind::DuplicateId, &item.place, format!("The id {} is used twice; the second was left out.", item.key));
            continue;
        }
        if let Some(stated) = item.text.as_deref().filter(|t| *t != actual) {
            problem(
                &mut problems,
                ProblemKind::TextMismatch,
                &item.place,
                format!("The file says “{}”, but the text at {start}–{end} reads “{}”.", preview(stated), preview(actual)),
            );
            continue;
        }
        if labels.get(&item.label).is_none() {
            labels.push(default_label(&item.label, item.kind_hint));
            added_labels.push(item.label.clone());
        }
        let id = AnnotationId(annotations.len() as u64 + 1);
        let mut a = Annotation::new(id, item.span, item.label.clone());
        a.note = item.note.clone();
        a.changed_from = item.review.then(|| actual.to_owned());
        if labels.is_quote(&item.label) {
            a.quote_kind = Some(item.kind.unwrap_or_else(|| QuoteKind::guess(actual)));
        }
        by_key.insert(item.key.as_str(), id);
        annotations.push(a);
        kept.push(item);
    }
    let dropped = unread + items.len() - kept.len();
    let mut doc = Document::new(title, "");
    doc.source = source;
    doc.text = Rc::new(text);
    doc.labels = labels;
    doc.next_id = annotations.len() as u64 + 1;
    doc.annotations = Annotations::from_vec(annotations);
    doc.rejected = rejected.into_iter().filter(|(s, l)| s.start < s.end && s.end <= doc.text.len() && !l.is_empty()).collect();

    // Entities: the file's groups (one entity per group and label), then label and text.
    let names: HashMap<&str, &Group> = groups.iter().map(|g| (g.key.as_str(), g)).collect();
    let mut entity_of_group: HashMap<(&str, &str), EntityId> = HashMap::new();
    let mut group_entities: HashMap<&str, Vec<(EntityId, String)>> = HashMap::new();
    // In document order, so an entity without a name of its own is named after its first mention.
    let mut in_order = kept.clone();
    in_order.sort_by_key(|i| (i.span.start, i.span.end));
    for item in &in_order {
        let (Some(key), Some(&id)) = (item.entity.as_deref(), by_key.get(item.key.as_str())) else { continue };
        if !doc.labels.is_entity(&item.label) {
            continue;
        }
        let entity = match entity_of_group.get(&(key, item.label.as_str())) {
            Some(e) => *e,
            None => {
                let e = EntityId(doc.next_entity);
                doc.next_entity += 1;
                let text = doc.text.slice(item.span).unwrap_or_default().to_owned();
                let name = names.get(key).and_then(|g| g.name.clone()).filter(|n| !n.trim().is_empty()).unwrap_or(text);
                doc.entities.put(Entity { id: e, label: item.label.clone(), name });
                entity_of_group.insert((key, item.label.as_str()), e);
                group_entities.entry(key).or_default().push((e, item.label.clone()));
                e
            }
        };
        doc.annotations.update(id, |a| a.entity = Some(entity));
    }
    group(&mut doc);

    // A label the file did not declare speaks if the file makes its mentions speak.
    let mut speaking: Vec<String> = Vec::new();
    for item in &kept {
        for speaker in &item.speakers {
            let labels: Vec<&str> = match speaker {
                Ref::Item(k) => kept.iter().filter(|i| &i.key == k).map(|i| i.label.as_str()).collect(),
                Ref::Group(g) => kept.iter().filter(|i| i.entity.as_ref() == Some(g)).map(|i| i.label.as_str()).collect(),
            };
            speaking.extend(labels.into_iter().filter(|l| added_labels.iter().any(|a| a == l)).map(str::to_owned));
        }
    }
    if !speaking.is_empty() {
        let all = doc.labels.iter().map(|l| Label { speaks: l.speaks || (l.kind == LabelKind::Entity && speaking.contains(&l.name)), ..l.clone() }).collect();
        doc.labels = LabelSet::new(all).expect("the same names");
    }

    // Links: speakers, cues and joins, each checked.
    for item in &kept {
        let Some(&id) = by_key.get(item.key.as_str()) else { continue };
        if item.speakers.is_empty() && item.cue.is_none() && item.continues.is_none() {
            continue;
        }
        if !doc.labels.is_quote(&item.label) {
            problem(&mut problems, ProblemKind::NotAQuote, &item.place, format!("Only a quote has speakers, a cue or a join, and this is a {}; they were left out.", item.label));
            continue;
        }
        let mut speakers = Vec::new();
        for speaker in &item.speakers {
            let entity = match speaker {
                Ref::Item(k) => by_key.get(k.as_str()).and_then(|m| doc.annotations.get(*m)).map(|m| (m.entity, m.label.clone())),
                Ref::Group(k) => group_entities.get(k.as_str()).and_then(|all| {
                    all.iter().find(|(_, label)| doc.labels.can_speak(label)).or(all.first()).map(|(e, label)| (Some(*e), label.clone()))
                }),
            };
            let shown = match speaker {
                Ref::Item(k) | Ref::Group(k) => k,
            };
            match entity {
                Some((Some(e), label)) if doc.labels.can_speak(&label) => {
                    if !speakers.contains(&e) {
                        speakers.push(e);
                    }
                }
                Some((_, label)) => problem(&mut problems, ProblemKind::CannotSpeak, &item.place, format!("The speaker {shown} is a {label}; a speaker must be a Person or an Organization.")),
                None => problem(&mut problems, ProblemKind::UnknownSpeaker, &item.place, format!("The speaker {shown} is not in this file, or it has problems of its own.")),
            }
        }
        let cue = item.cue.as_deref().and_then(|k| match by_key.get(k).and_then(|c| doc.annotations.get(*c)) {
            Some(c) if doc.labels.is_cue(&c.label) => Some(c.id),
            _ => {
                problem(&mut problems, ProblemKind::BadCue, &item.place, format!("The cue {k} is not a cue in this file; it was left out."));
                None
            }
        });
        let continues = item.continues.as_deref().and_then(|k| match by_key.get(k).and_then(|p| doc.annotations.get(*p)) {
            Some(p) if doc.labels.is_quote(&p.label) && p.span.start < item.span.start => Some(p.id),
            _ => {
                problem(&mut problems, ProblemKind::BadJoin, &item.place, format!("{k} is not a quote that starts before this one; the join was left out."));
                None
            }
        });
        doc.annotations.update(id, |q| {
            q.speakers = speakers;
            q.cue = cue;
            q.continues = continues;
        });
    }
    Checked { imported: Some(Imported { doc, added_labels, read_as: read_as.to_owned(), project: None }), problems, dropped }
}
