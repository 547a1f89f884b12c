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
