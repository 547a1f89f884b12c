//! Helpers shared by the native integration tests.
#![allow(dead_code)]

use marginalia::core::fixture::parse;
use marginalia::core::store::Action;
use marginalia::core::state::State;

/// A state annotating the plain text of `marked`, each mark applied in order (see
/// `core::fixture` for the mark-up).
pub fn state_from(marked: &str) -> State {
    let (text, marks) = parse(marked);
    let mut state = State::default();
    state.apply(Action::NewDocument);
    state.apply(Action::StartAnnotating { text, replaced_surrogates: 0 });
    for mark in marks {
        state.apply(Action::ApplyLabel { label: mark.label, selection: Some(mark.span) });
    }
    state
}

/// [`state_from`], then the first annotation (a quote) spoken by the second.
pub fn quote_with_speaker(marked: &str) -> State {
    let mut state = state_from(marked);
    let ids: Vec<_> = state.doc.annotations.iter().map(|a| a.id).collect();
    state.apply(Action::AddSpeakerFromMention { quote: ids[0], mention: ids[1] });
    state
}

/// The entity invariants: every mention has an entity of its label, every entity a
/// mention, and every speaker, cue and join points at something that exists.
pub fn check_links(state: &State) -> Result<(), String> {
    let doc = &state.doc;
    for a in doc.annotations.iter() {
        let is_entity = doc.labels.is_entity(&a.label);
        match a.entity.and_then(|e| doc.entities.get(e)) {
            Some(e) if is_entity && e.label == a.label => {}
            None if !is_entity && a.entity.is_none() => {}
            _ => return Err(format!("{} ({}) has entity {:?}", a.id, a.label, a.entity)),
        }
        for s in &a.speakers {
            if !doc.entities.get(*s).is_some_and(|e| doc.labels.can_speak(&e.label)) {
                return Err(format!("{} has speaker {s} that cannot speak or is gone", a.id));
            }
        }
        if doc.labels.get(&a.label).is_none() {
            return Err(format!("{} has label {} that is not in the schema", a.id, a.label));
        }
        if a.cue.is_some_and(|c| !doc.annotations.get(c).is_some_and(|c| doc.labels.is_cue(&c.label))) {
            return Err(format!("{} has a dangling cue", a.id));
        }
        if a.continues.is_some_and(|c| !doc.annotations.get(c).is_some_and(|c| doc.labels.is_quote(&c.label) && c.span.start < a.span.start)) {
            return Err(format!("{} continues something that is not an earlier quote", a.id));
        }
    }
    for e in doc.entities.iter() {
        if !doc.annotations.iter().any(|a| a.entity == Some(e.id)) {
            return Err(format!("{} has no mention", e.id));
        }
    }
    Ok(())
}

/// The sample article repeated to 1,000,000 characters, every copy changed in each
/// sentence, so that no sentence is tagged once for all copies (for the benchmarks).
pub fn distinct_million() -> String {
    let mut text = String::new();
    for k in 0.. {
        if text.chars().count() >= 1_000_000 {
            break;
        }
        text.push_str(&marginalia::core::document::SAMPLE_ARTICLE.replace(". ", &format!(" {k}. ")));
        text.push_str("\n\n");
    }
    text
}

/// Adds `n` 12-character annotations spread evenly over the text of `state`, in three
/// labels, one by one through the reducer (for the benchmarks).
pub fn add_spread(state: &mut State, n: usize) {
    let step = state.doc.text.len() / n;
    for i in 0..n {
        let start = i * step;
        state.apply(Action::ApplyLabel { label: ["Person", "Place", "Quote"][i % 3].into(), selection: Some(marginalia::core::offsets::Span::new(start, start + 12)) });
    }
}
