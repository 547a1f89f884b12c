//! The reducer, driven by actions over marked-up fixtures.
#![cfg(not(target_arch = "wasm32"))]

use marginalia::core::annotations::AnnotationId;
use marginalia::core::fixture::parse;
use marginalia::core::offsets::Span;
use marginalia::core::store::{Action, Level, Mode, State};

/// A state annotating the plain text of `marked`, with each mark applied in order.
fn annotated(marked: &str) -> (State, Vec<AnnotationId>) {
    let (text, marks) = parse(marked);
    let mut state = State::default();
    state.apply(Action::NewDocument);
    state.apply(Action::StartAnnotating { text, replaced_surrogates: 0 });
    let mut ids = Vec::new();
    for mark in marks {
        state.apply(Action::ApplyLabel { label: mark.label, selection: Some(mark.span) });
        assert_eq!(state.notice.as_ref().unwrap().level, Level::Info, "{:?}", state.notice);
        ids.push(state.selected.unwrap());
    }
    (state, ids)
}

fn labels_and_texts(state: &State) -> Vec<(String, String)> {
    state.doc.annotations.iter().map(|a| (a.label.clone(), state.doc.text_of(a).to_owned())).collect()
}

#[test]
fn first_visit_shows_the_sample_ready_to_annotate() {
    let state = State::default();
    assert_eq!(state.mode, Mode::Annotating);
    assert!(state.doc.text.as_str().contains("مریم رحیمی"));
    assert!(state.doc.annotations.is_empty());
}

#[test]
fn the_sample_article_has_what_real_pasted_articles_have() {
    let text = State::default().doc.text.as_str().to_owned();
    let words = text.split_whitespace().count();
    assert!((380..=450).contains(&words), "about 400 words, got {words}");
    for (what, needle) in [
        ("curly quotes", "“"),
        ("straight quotes", "\"This marsh"),
        ("a two-word partial quote", "as “economic renewal” and"),
        ("a quote attributed after it", ",\" said Maryam Rahimi"),
        ("a quote attributed before it", "Lindqvist said: “"),
        ("a quote spoken by two people", "said Aksel and Hedda Brun"),
        ("an organisation with its acronym", "Coalition for River Protection (CRP)"),
        ("the acronym with a typo", "A CPR volunteer"),
        ("a name in Persian script", "مریم رحیمی"),
        ("a right-to-left paragraph with guillemets and zero-width non-joiners", "نوشت: «این تالاب آب آشامیدنی بچه\u{200c}های"),
        ("an emoji", "🌱"),
        ("dates like January 9 and 10", "January 9 and 10"),
        ("page boilerplate at the end", "No comments yet."),
    ] {
        assert!(text.contains(needle), "the sample lacks {what}: {needle:?}");
    }
    assert!(text.trim_end().ends_with("share your thoughts."));
}

#[test]
fn add_snaps_and_selects_the_new_annotation() {
    let (mut state, _) = annotated("said Maryam Rahimi 👩🏽‍⚕️ on Monday");
    // " Maryam Rahimi 👩" with half of the emoji: spaces dropped, emoji completed.
    state.apply(Action::ApplyLabel { label: "Person".into(), selection: Some(Span::new(4, 21)) });
    assert_eq!(labels_and_texts(&state), [("Person".into(), "Maryam Rahimi 👩🏽‍⚕️".into())]);
    assert_eq!(state.selected_annotation().unwrap().span, Span::new(5, 24));
}

#[test]
fn exact_duplicates_are_refused_but_overlaps_and_nesting_allowed() {
    let (mut state, ids) = annotated("[Quote|“I, [Person|Ana Lima], agree”] she said");
    assert_eq!(ids.len(), 2);
    let before = state.doc.annotations.clone();
    let span = state.doc.annotations.get(ids[1]).unwrap().span;
    state.apply(Action::ApplyLabel { label: "Person".into(), selection: Some(span) });
    let notice = state.notice.clone().unwrap();
    assert_eq!(notice.level, Level::Error);
    assert!(notice.text.contains("already marked as Person"), "{}", notice.text);
    assert_eq!(state.doc.annotations, before);
    // The same span with another label is fine.
    state.apply(Action::ApplyLabel { label: "Organization".into(), selection: Some(span) });
    assert_eq!(state.doc.annotations.len(), 3);
}

#[test]
fn whitespace_selection_and_no_selection_are_explained() {
    let (mut state, _) = annotated("a   b");
    state.apply(Action::ApplyLabel { label: "Place".into(), selection: Some(Span::new(1, 4)) });
    assert!(state.notice.as_ref().unwrap().text.contains("only spaces"));
    state.apply(Action::ApplyLabel { label: "Place".into(), selection: None });
    assert!(state.notice.as_ref().unwrap().text.contains("Select some text"));
    assert!(state.doc.annotations.is_empty());
}

#[test]
fn relabel_changes_the_selected_annotation() {
    let (mut state, ids) = annotated("the [Person|CRP] said");
    state.apply(Action::Select(Some(ids[0])));
    state.apply(Action::ApplyLabel { label: "Organization".into(), selection: None });
    assert_eq!(labels_and_texts(&state), [("Organization".into(), "CRP".into())]);
    assert_eq!(state.doc.annotations.get(ids[0]).unwrap().id, ids[0], "relabel keeps the id");
}

#[test]
fn delete_removes_the_selected_and_unlinks_its_quotes() {
    let (mut state, ids) = annotated("[Quote|“Go”], said [Person|Ana].");
    state.apply(Action::SetSpeaker { quote: ids[0], speaker: Some(ids[1]) });
    state.apply(Action::Select(Some(ids[1])));
    state.apply(Action::DeleteSelected);
    assert_eq!(labels_and_texts(&state), [("Quote".into(), "“Go”".into())]);
    assert_eq!(state.doc.annotations.get(ids[0]).unwrap().speaker, None);
    assert_eq!(state.selected, None);
    state.apply(Action::DeleteSelected);
    assert_eq!(state.notice.as_ref().unwrap().level, Level::Error);
}

#[test]
fn speakers_must_be_people_or_organisations_and_can_be_cleared() {
    let (mut state, ids) = annotated("[Quote|“Yes”], said [Person|Ana] in [Place|Oslo] for [Organization|CRP].");
    let (quote, ana, oslo, crp) = (ids[0], ids[1], ids[2], ids[3]);
    state.apply(Action::SetSpeaker { quote, speaker: Some(ana) });
    assert_eq!(state.doc.annotations.get(quote).unwrap().speaker, Some(ana));
    state.apply(Action::SetSpeaker { quote, speaker: Some(oslo) });
    assert_eq!(state.notice.as_ref().unwrap().level, Level::Error);
    assert_eq!(state.doc.annotations.get(quote).unwrap().speaker, Some(ana));
    state.apply(Action::SetSpeaker { quote, speaker: Some(crp) });
    assert_eq!(state.doc.annotations.get(quote).unwrap().speaker, Some(crp));
    state.apply(Action::SetSpeaker { quote: ana, speaker: Some(crp) });
    assert_eq!(state.notice.as_ref().unwrap().text, "Only a quote can have a speaker.");
    state.apply(Action::SetSpeaker { quote, speaker: None });
    assert_eq!(state.doc.annotations.get(quote).unwrap().speaker, None);
}

#[test]
fn relabelling_a_speaker_to_a_place_unlinks_it() {
    let (mut state, ids) = annotated("[Quote|“Yes”], said [Person|Paris].");
    state.apply(Action::SetSpeaker { quote: ids[0], speaker: Some(ids[1]) });
    state.apply(Action::Select(Some(ids[1])));
    state.apply(Action::ApplyLabel { label: "Place".into(), selection: None });
    assert_eq!(state.doc.annotations.get(ids[0]).unwrap().speaker, None);
}

#[test]
fn text_is_locked_once_annotated() {
    let (mut state, _) = annotated("[Person|Ana] spoke");
    state.apply(Action::EditText);
    assert_eq!(state.mode, Mode::Annotating);
    assert!(state.notice.as_ref().unwrap().text.contains("locked"));
    let (mut empty, _) = annotated("nothing marked");
    empty.apply(Action::EditText);
    assert_eq!(empty.mode, Mode::Editing);
    assert_eq!(&*empty.draft, "nothing marked");
}

#[test]
fn start_annotating_normalises_and_refuses_bad_input() {
    let mut state = State::default();
    state.apply(Action::NewDocument);
    state.apply(Action::StartAnnotating { text: " \n\t".into(), replaced_surrogates: 0 });
    assert_eq!(state.mode, Mode::Editing);
    state.apply(Action::StartAnnotating { text: "x".repeat(5_000_001), replaced_surrogates: 0 });
    assert_eq!(state.mode, Mode::Editing);
    assert!(state.notice.as_ref().unwrap().text.contains("limit"));
    state.apply(Action::StartAnnotating { text: "\u{feff}Title\r\nBody \u{fffd}".into(), replaced_surrogates: 1 });
    assert_eq!(state.mode, Mode::Annotating);
    assert_eq!(state.doc.text.as_str(), "Title\nBody \u{fffd}");
    assert_eq!(state.doc.title, "Title");
    assert!(state.notice.as_ref().unwrap().text.contains("replaced"));
}

#[test]
fn ids_are_never_reused() {
    let (mut state, ids) = annotated("[Person|Ana] and [Person|Bo]");
    state.apply(Action::Select(Some(ids[1])));
    state.apply(Action::DeleteSelected);
    state.apply(Action::ApplyLabel { label: "Person".into(), selection: Some(Span::new(8, 10)) });
    assert!(state.selected.unwrap() > ids[1]);
}

#[test]
fn undo_all_then_redo_all_and_history_is_per_document() {
    let (mut state, ids) = annotated("[Quote|“Go”], said [Person|Ana] of [Organization|CRP].");
    state.apply(Action::SetSpeaker { quote: ids[0], speaker: Some(ids[1]) });
    state.apply(Action::Select(Some(ids[1])));
    state.apply(Action::DeleteSelected);
    let done = state.doc.annotations.clone();
    for _ in 0..5 {
        state.apply(Action::Undo);
    }
    assert!(state.doc.annotations.is_empty());
    state.apply(Action::Undo);
    assert_eq!(state.notice.as_ref().unwrap().text, "Nothing to undo.");
    for _ in 0..5 {
        state.apply(Action::Redo);
    }
    assert_eq!(state.doc.annotations, done);
    assert_eq!(state.notice.as_ref().unwrap().text, "Redone: Deleted Person “Ana”.");
    // Undoing the delete restores the person and the quote's speaker link.
    state.apply(Action::Undo);
    assert_eq!(state.doc.annotations.get(ids[0]).unwrap().speaker, Some(ids[1]));
    assert_eq!(state.selected, Some(ids[1]));
    // A new action clears what could be redone; a new document starts a new history.
    state.apply(Action::ApplyLabel { label: "Place".into(), selection: None });
    state.apply(Action::Redo);
    assert_eq!(state.notice.as_ref().unwrap().text, "Nothing to redo.");
    assert!(state.history.can_undo());
    state.apply(Action::LoadSample);
    assert!(!state.history.can_undo() && !state.history.can_redo());
}
