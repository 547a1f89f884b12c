//! Suggestions for a document: every detector's findings mapped onto the document's
//! labels, minus what is already annotated and what the user rejected.
//!
//! A suggestion is an entity mention, or a quotation with its speakers (mentions, each
//! with its label) and its cue. Entities the user has labelled are suggested again at
//! their other occurrences (`learn`), ahead of the detectors' own guesses, and so is what
//! the user's marks teach the online learner (`tagger::online`, via [`suggest_taught`]).

use super::combine::{combine, is_people};
use super::entities::find_entities;
use super::learn::learned;
use super::quotes::{find_quotes_in, Found};
use super::speakers::attribute;
use super::tagger::{model::Model, tag_with, Memo};
use super::words::Words;
use super::{Category, Mention};
use crate::core::document::{Document, Rejected};
use crate::core::labels::LabelKind;
use crate::core::offsets::Span;
use rustc_hash::FxHashMap as HashMap;
use serde::{Deserialize, Serialize};
use std::rc::Rc;

/// One suggestion.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestion {
    /// Where.
    pub span: Span,
    /// The label it would get.
    pub label: String,
    /// For a quotation: its speakers, each a mention (added if not yet annotated).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub speakers: Vec<Speaker>,
    /// For a quotation: its cue.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cue: Option<Span>,
    /// For a mention: the fuller mention it is another name for (its entity's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alias_of: Option<Span>,
    /// Why, for the user.
    pub why: String,
}

/// A speaker of a suggested quotation: the mention that names it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Speaker {
    /// The mention.
    pub span: Span,
    /// Its label (a label that speaks).
    pub label: String,
    /// The fuller mention it is another name for, if any.
    pub alias_of: Option<Span>,
}

/// Everything suggested for one document.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestions {
    /// In document order (by start, then end). Each one shared: the page keeps the
    /// suggestions an answer does not change, and compares and drops them, by pointer.
    pub items: Vec<Rc<Suggestion>>,
    /// Opening quote marks never closed, for the user to look at.
    pub unclosed: Vec<usize>,
    /// Why fewer suggestions than usual can be made (the tagger's model did not load),
    /// for the user; set by the page, never by the detectors.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notice: Option<String>,
}

/// The label of `doc` that `category` maps onto, if the schema has one.
fn label_for(doc: &Document, category: Category) -> Option<&str> {
    category.label_names().iter().find(|n| doc.labels.kind_of(n) == Some(LabelKind::Entity)).copied()
}

/// What the detectors find in a text alone, before any annotation is looked at: worked
/// out once per text (the text never changes while annotating), then reused by
/// [`suggest_with`] after each change.
pub struct Analysis {
    /// The word scan.
    pub words: Words,
    /// The quotations.
    pub quotes: Found,
    /// The entity mentions, in order.
    pub mentions: Vec<Mention>,
}

/// Analyses `text`: the rules' names, and the tagger's when a model is given, combined
/// (`combine`).
pub fn analyse(text: &str, tagger: Option<&Model>) -> Analysis {
    analyse_with(text, tagger, &mut Memo::default())
}

/// [`analyse`], tagging only the sentences `memo` does not hold from the last run (see
/// `tagger::Memo`; it must be of the same model).
pub fn analyse_with(text: &str, tagger: Option<&Model>, memo: &mut Memo) -> Analysis {
    let words = Words::new(text);
    let quotes = find_quotes_in(&words.chars);
    let rules = find_entities(&words);
    let mentions = match tagger {
        Some(model) => combine(&rules, &tag_with(model, &words, memo), &words),
        None => rules.into_iter().filter(|m| !is_people(m, |span| words.slice(span))).collect(),
    };
    Analysis { words, quotes, mentions }
}

/// Suggestions for `doc`, leaving out `rejected` ones; names from the rules and `tagger`.
pub fn suggest(doc: &Document, rejected: &Rejected, tagger: Option<&Model>) -> Suggestions {
    suggest_with(doc, rejected, &analyse(doc.text.as_str(), tagger))
}

/// Suggestions for `doc` from `analysis`, which must be of `doc`'s text.
pub fn suggest_with(doc: &Document, rejected: &Rejected, analysis: &Analysis) -> Suggestions {
    suggest_taught(doc, rejected, analysis, &[])
}

/// [`suggest_with`], adding what was learnt from the user's marks (`tagger::online`):
/// `taught` spans with their labels, suggested after the strings labelled elsewhere and
/// ahead of the detectors' guesses.
pub fn suggest_taught(doc: &Document, rejected: &Rejected, analysis: &Analysis, taught: &[(Span, String)]) -> Suggestions {
    debug_assert_eq!(analysis.words.text(), doc.text.as_str());
    let (w, quotes, detected) = (&analysis.words, &analysis.quotes, &analysis.mentions);
    let annotated_entities: Vec<Span> = doc.annotations.iter().filter(|a| doc.labels.is_entity(&a.label)).map(|a| a.span).collect();
    let free = |span: Span| !overlaps_any(&annotated_entities, span);

    // The user's labelled strings, found again.
    let mut labelled: Vec<(String, String)> = doc.annotations.iter().filter(|a| doc.labels.is_entity(&a.label)).map(|a| (doc.text_of(a).to_owned(), a.label.clone())).collect();
    labelled.sort();
    labelled.dedup_by(|a, b| a.0 == b.0);
    let mut learnt: Vec<(Span, String, &'static str)> = learned(w, &labelled).into_iter().filter(|(s, _)| free(*s)).map(|(s, l)| (s, l, "labelled elsewhere in this document")).collect();
    let mut learnt_spans: Vec<Span> = learnt.iter().map(|(s, _, _)| *s).collect();
    learnt_spans.sort();
    // What the learner found for a label the detectors do not know ("Victim"; ahead of
    // their guesses), or, where they found nothing, a name in a script they do not read: on
    // the labels they know, in Latin script, it only added noise (measured with
    // `marginalia eval --learning`).
    // The detectors' mentions are in order (`analyse`); only looked at when there is something taught.
    let detected_spans: Vec<Span> = if taught.is_empty() { Vec::new() } else { detected.iter().map(|m| m.span).collect() };
    let unknown = |span: Span, label: &str| is_unknown(w.slice(span), label);
    let from_marks: Vec<(Span, String, &'static str)> = taught
        .iter()
        .filter(|(s, l)| free(*s) && doc.labels.is_entity(l) && unknown(*s, l) && !overlaps_any(&learnt_spans, *s) && (Category::of_label(l).is_none() || !overlaps_any(&detected_spans, *s)))
        .map(|(s, l)| (*s, l.clone(), "learnt from your labels in this document"))
        .collect();
    learnt.extend(from_marks);
    learnt.sort_by_key(|(s, _, _)| (s.start, s.end));
    let learnt_spans: Vec<Span> = learnt.iter().map(|(s, _, _)| *s).collect();

    // Every mention, for speakers: the user's, then learnt ones, then detected ones.
    let category_of = |label: &str| Category::of_label(label).or_else(|| doc.labels.can_speak(label).then_some(Category::Person));
    let mut mentions: Vec<Mention> = doc
        .annotations
        .iter()
        .filter(|a| doc.labels.is_entity(&a.label))
        .filter_map(|a| Some(Mention { span: a.span, category: category_of(&a.label)?, alias_of: None, why: "annotated" }))
        .chain(learnt.iter().filter_map(|(s, l, why)| Some(Mention { span: *s, category: category_of(l)?, alias_of: None, why })))
        .collect();
    let taken: Vec<Span> = annotated_entities.iter().chain(&learnt_spans).copied().collect();
    let mut sorted_taken = taken.clone();
    sorted_taken.sort();
    mentions.extend(detected.iter().filter(|m| !overlaps_any(&sorted_taken, m.span)).cloned());
    mentions.sort_by_key(|m| (m.span.start, m.span.end));
    mentions.dedup_by(|a, b| a.span.overlaps(b.span));

    // Which mention an accepted suggestion joins the entity of. An alias joins its full
    // name once that is annotated; until then it joins another alias of that name already
    // annotated (never a suggestion not yet accepted), and the full name, accepted after
    // its alias, joins the alias: one entity whatever the order of accepting.
    let annotated = |span: Span| annotated_entities.binary_search(&span).is_ok();
    let mut first_alias: HashMap<Span, Span> = HashMap::default();
    for m in detected.iter().filter(|m| annotated(m.span)) {
        if let Some(full) = m.alias_of {
            first_alias.entry(full).or_insert(m.span);
        }
    }
    let joins = |span: Span, alias_of: Option<Span>| match alias_of {
        Some(full) if !annotated(full) => first_alias.get(&full).copied().or(Some(full)),
        Some(full) => Some(full),
        None => first_alias.get(&span).copied(),
    };

    let mut items: Vec<Suggestion> = Vec::new();
    let entity = |span: Span, label: &str, alias_of: Option<Span>, why: &'static str| Suggestion { span, label: label.to_owned(), speakers: Vec::new(), cue: None, alias_of, why: why.to_owned() };
    items.extend(learnt.iter().map(|(s, l, why)| entity(*s, l, None, why)));
    for m in detected {
        if overlaps_any(&sorted_taken, m.span) {
            continue;
        }
        if let Some(label) = label_for(doc, m.category) {
            items.push(entity(m.span, label, joins(m.span, m.alias_of), m.why));
        }
    }

    // Quotations that are speech, with their speakers.
    let quote_label = doc.labels.iter().find(|l| l.kind == LabelKind::Quote).map(|l| l.name.clone());
    if let Some(quote_label) = quote_label {
        let mut annotated_quotes: Vec<Span> = doc.annotations.iter().filter(|a| doc.labels.is_quote(&a.label)).map(|a| a.span).collect();
        annotated_quotes.sort();
        let speaker_label = |span: Span| {
            let i = mentions.partition_point(|m| m.span.start < span.start);
            let m = mentions.get(i).filter(|m| m.span == span)?;
            doc.annotations.overlapping(span).into_iter().find(|a| a.span == span && doc.labels.is_entity(&a.label)).map(|a| a.label.clone()).or_else(|| label_for(doc, m.category).map(str::to_owned))
        };
        for a in attribute(w, &quotes.quotes, &mentions) {
            if !a.speech || overlaps_any(&annotated_quotes, a.quote) {
                continue;
            }
            let speakers = a
                .speakers
                .iter()
                .filter_map(|&s| {
                    let i = detected.partition_point(|m| m.span.start < s.start);
                    let alias_of = joins(s, detected.get(i).filter(|m| m.span == s).and_then(|m| m.alias_of));
                    Some(Speaker { span: s, label: speaker_label(s)?, alias_of })
                })
                .collect();
            items.push(Suggestion { span: a.quote, label: quote_label.clone(), speakers, cue: a.cue, alias_of: None, why: a.why.to_owned() });
        }
    }
    items.retain(|s| !rejected.contains(&(s.span, s.label.clone())));
    items.sort_by_key(|s| (s.span.start, s.span.end));
    Suggestions { items: items.into_iter().map(Rc::new).collect(), unclosed: quotes.unclosed.clone(), notice: None }
}

/// True for what the online learner may suggest: a label the detectors do not know
/// ("Victim"), or a name in a script other than Latin.
pub fn is_unknown(text: &str, label: &str) -> bool {
    Category::of_label(label).is_none() || text.chars().any(|c| c.is_alphabetic() && !c.is_ascii() && !matches!(c, '\u{c0}'..='\u{24f}'))
}

/// True if `span` overlaps any of `sorted` (sorted by start; spans may nest).
fn overlaps_any(sorted: &[Span], span: Span) -> bool {
    // Spans starting before `span` ends; the ones that could overlap are those whose end
    // passes span.start. Nested spans are rare, so a short scan back suffices.
    let i = sorted.partition_point(|s| s.start < span.end);
    sorted[..i].iter().rev().take(64).any(|s| s.overlaps(span))
}
