//! What to draw over the article: spans grouped into a few highlight layers (one per
//! label, plus the selected annotation and what it links to), limited to a window of
//! the text near the viewport. Glue turns each layer into one CSS Highlight.
//!
//! Grouping by layer, never one highlight per annotation, keeps style recalculation
//! cheap on documents with tens of thousands of annotations.

use super::annotations::Annotation;
use super::ids::AnnotationId;
use super::offsets::Span;
use super::document::Document;

/// One highlight layer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Layer {
    /// Annotations with the label at this position of the schema.
    Label(usize),
    /// The selected annotation.
    Selected,
    /// Annotations linked to the selected one: a quote's speaker, a speaker's quotes.
    Linked,
    /// Suggestions not yet accepted with the label at this position of the schema (a
    /// dashed underline in the label's colour).
    Suggested(usize),
    /// The suggestion the queue is at.
    Suggestion,
    /// Compare view: what only the first coder marked.
    OnlyFirst,
    /// Compare view: what only the second coder marked.
    OnlySecond,
    /// Compare view: where both marked something different (label, span, speakers).
    Conflict,
    /// Compare view: the disagreement the list is at.
    Disagreement,
}

impl Layer {
    /// Name of the layer, usable as a CSS identifier (`mg-l0`, `mg-selected`, `mg-linked`).
    pub fn name(self) -> String {
        match self {
            Layer::Label(i) => format!("mg-l{i}"),
            Layer::Selected => "mg-selected".into(),
            Layer::Linked => "mg-linked".into(),
            Layer::Suggested(i) => format!("mg-s{i}"),
            Layer::Suggestion => "mg-suggestion".into(),
            Layer::OnlyFirst => "mg-only-first".into(),
            Layer::OnlySecond => "mg-only-second".into(),
            Layer::Conflict => "mg-conflict".into(),
            Layer::Disagreement => "mg-disagreement".into(),
        }
    }
}

/// The spans of each layer that overlap `window`. Every label layer is listed, empty or
/// not, so that a painter can clear layers that lost their last span.
///
/// ```
/// use marginalia::core::{offsets::Span, paint::{plan, Layer}, state::State, store::Action};
/// let mut state = State::default();
/// state.apply(Action::ApplyLabel { label: "Place".into(), selection: Some(Span::new(0, 9)) });
/// let layers = plan(&state.doc, state.selected, Span::new(0, 100));
/// assert!(layers.contains(&(Layer::Label(2), vec![Span::new(0, 9)])));
/// assert!(layers.contains(&(Layer::Selected, vec![Span::new(0, 9)])));
/// ```
pub fn plan(doc: &Document, selected: Option<AnnotationId>, window: Span) -> Vec<(Layer, Vec<Span>)> {
    let mut layers: Vec<(Layer, Vec<Span>)> =
        (0..doc.labels.iter().count()).map(|i| (Layer::Label(i), Vec::new())).collect();
    for a in doc.annotations.overlapping(window) {
        if let Some(i) = doc.labels.position(&a.label) {
            layers[i].1.push(a.span);
        }
    }
    let mut chosen = Vec::new();
    let mut linked = Vec::new();
    if let Some(sel) = selected.and_then(|id| doc.annotations.get(id)) {
        chosen.push(sel.span);
        // A quote links the mentions of its speakers, its cue and its joined parts; a
        // mention links the quotes its entity spoke.
        let joined = |a: &Annotation| a.continues == Some(sel.id) || sel.continues == Some(a.id);
        linked.extend(
            doc.annotations
                .iter()
                .filter(|a| {
                    a.entity.is_some_and(|e| sel.speakers.contains(&e))
                        || sel.cue == Some(a.id)
                        || joined(a)
                        || sel.entity.is_some_and(|e| a.speakers.contains(&e))
                })
                .map(|a| a.span),
        );
    }
    layers.push((Layer::Selected, chosen));
    layers.push((Layer::Linked, linked));
    layers
}

/// The compare view's layers: each disagreement (its kind and span, sorted by start) that
/// overlaps `window`, by kind, and the current one.
///
/// ```
/// use marginalia::core::{offsets::Span, paint::{plan_disagreements, Layer}, provenance::Kind};
/// let d = [(Kind::OnlyFirst, Span::new(0, 3)), (Kind::OtherLabel, Span::new(5, 9)), (Kind::OnlySecond, Span::new(400, 410))];
/// let layers = plan_disagreements(&d, Some(Span::new(5, 9)), Span::new(0, 100));
/// assert_eq!(layers[0], (Layer::OnlyFirst, vec![Span::new(0, 3)]));
/// assert_eq!(layers[2], (Layer::Conflict, vec![Span::new(5, 9)]));
/// assert_eq!(layers[3], (Layer::Disagreement, vec![Span::new(5, 9)]));
/// ```
pub fn plan_disagreements(items: &[(super::provenance::Kind, Span)], current: Option<Span>, window: Span) -> Vec<(Layer, Vec<Span>)> {
    use super::provenance::Kind;
    let mut layers = vec![(Layer::OnlyFirst, Vec::new()), (Layer::OnlySecond, Vec::new()), (Layer::Conflict, Vec::new())];
    let end = items.partition_point(|(_, s)| s.start < window.end);
    for (kind, span) in items[..end].iter().rev().take(4096).filter(|(_, s)| s.overlaps(window)) {
        let i = match kind {
            Kind::OnlyFirst => 0,
            Kind::OnlySecond => 1,
            _ => 2,
        };
        layers[i].1.push(*span);
    }
    layers.iter_mut().for_each(|(_, v)| v.reverse());
    layers.push((Layer::Disagreement, current.filter(|c| c.overlaps(window)).into_iter().collect()));
    layers
}

/// The suggestion layers: every suggested span overlapping `window` (each with the
/// position of its label in the schema, sorted by start), one layer per label of the
/// `labels` in the schema, and the current suggestion.
///
/// ```
/// use marginalia::core::{offsets::Span, paint::{plan_suggestions, Layer}};
/// let spans = [(Span::new(0, 5), 0), (Span::new(10, 15), 5), (Span::new(200, 210), 0)];
/// let layers = plan_suggestions(&spans, 7, Some(Span::new(10, 15)), Span::new(0, 100));
/// assert_eq!(layers[0], (Layer::Suggested(0), vec![Span::new(0, 5)]));
/// assert_eq!(layers[5], (Layer::Suggested(5), vec![Span::new(10, 15)]));
/// assert_eq!(layers[7], (Layer::Suggestion, vec![Span::new(10, 15)]));
/// ```
pub fn plan_suggestions(spans: &[(Span, usize)], labels: usize, current: Option<Span>, window: Span) -> Vec<(Layer, Vec<Span>)> {
    let mut layers: Vec<(Layer, Vec<Span>)> = (0..labels).map(|i| (Layer::Suggested(i), Vec::new())).collect();
    // Quotes may start long before the window: look back over a bounded number of them.
    let end = spans.partition_point(|(s, _)| s.start < window.end);
    for (span, label) in spans[..end].iter().rev().take(4096).filter(|(s, _)| s.overlaps(window)) {
        if let Some((_, layer)) = layers.get_mut(*label) {
            layer.push(*span);
        }
    }
    layers.iter_mut().for_each(|(_, v)| v.reverse());
    layers.push((Layer::Suggestion, current.filter(|c| c.overlaps(window)).into_iter().collect()));
    layers
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::store::Action;
    use crate::core::state::State;

    fn state_with(marks: &[(&str, Span)]) -> State {
        let mut state = State::default();
        state.apply(Action::NewDocument);
        state.apply(Action::StartAnnotating { text: "x".repeat(1000), replaced_surrogates: 0 });
        for (label, span) in marks {
            state.apply(Action::ApplyLabel { label: (*label).into(), selection: Some(*span) });
        }
        state
    }

    #[test]
    fn only_spans_overlapping_the_window_are_drawn() {
        let state = state_with(&[("Person", Span::new(0, 5)), ("Person", Span::new(500, 510))]);
        let layers = plan(&state.doc, None, Span::new(400, 600));
        assert_eq!(layers[0], (Layer::Label(0), vec![Span::new(500, 510)]));
        assert_eq!(layers.len(), 9);
        assert!(layers[1..].iter().all(|(_, spans)| spans.is_empty()));
    }

    #[test]
    fn a_selected_quote_links_its_speaker_and_the_speaker_its_quotes() {
        let mut state = state_with(&[("Quote", Span::new(300, 340)), ("Person", Span::new(350, 363))]);
        let ids: Vec<_> = state.doc.annotations.iter().map(|a| a.id).collect();
        state.apply(Action::AddSpeakerFromMention { quote: ids[0], mention: ids[1] });
        let linked = |sel| plan(&state.doc, Some(sel), Span::new(0, 1000)).pop().unwrap();
        assert_eq!(linked(ids[0]), (Layer::Linked, vec![Span::new(350, 363)]));
        assert_eq!(linked(ids[1]), (Layer::Linked, vec![Span::new(300, 340)]));
    }
}
