//! Autosave's bytes: a snapshot restores the same document, selection and draft; damaged
//! saved data is refused with words, never half-used.

use marginalia::core::export::to_json;
use crate::common;

use marginalia::core::import::ProblemKind;
use marginalia::core::session::{restore, snapshot, Saved, Unrestorable};
use marginalia::core::store::Action;
use marginalia::core::state::{Mode, State};

/// Saved work of a session record and its snapshot, without a log.
fn saved(session: &str, document: &str) -> Saved {
    Saved { session: session.into(), document: document.into(), ..Saved::default() }
}

fn annotated() -> State {
    common::quote_with_speaker("[Quote|“We stay”], said [Person|مریم رحیمی] 😀 on [Date|January 9].")
}

#[test]
fn a_snapshot_restores_the_document_selection_and_numbers() {
    let state = annotated();
    let snap = snapshot(&state, "T");
    assert_eq!(snap.record.key, state.doc_number.to_string());
    let restored = restore(&saved(&snap.session, &snap.record.document)).unwrap();
    let mut reopened = State::default();
    reopened.apply(Action::Restore(Box::new(restored)));
    assert_eq!(to_json(&reopened.doc, "T"), to_json(&state.doc, "T"));
    assert_eq!(reopened.selected, state.selected);
    assert_eq!(reopened.mode, Mode::Annotating);
    assert_eq!(reopened.doc_number, state.doc_number);
    assert!(reopened.next_doc_number > reopened.doc_number);
    assert!(reopened.notice.unwrap().text.starts_with("Welcome back"));
}

#[test]
fn an_unfinished_paste_is_restored_in_the_box() {
    let mut state = State::default();
    state.apply(Action::NewDocument);
    state.apply(Action::SetDraft("Half-pasted \u{feff} مریم".into()));
    let snap = snapshot(&state, "T");
    let mut reopened = State::default();
    reopened.apply(Action::Restore(Box::new(restore(&saved(&snap.session, &snap.record.document)).unwrap())));
    assert_eq!(reopened.mode, Mode::Editing);
    assert_eq!(&*reopened.draft, "Half-pasted \u{feff} مریم");
}

#[test]
fn a_new_document_gets_a_new_key_so_the_old_one_is_kept() {
    let mut state = annotated();
    let first = snapshot(&state, "T").record.key;
    state.apply(Action::LoadSample);
    assert_ne!(snapshot(&state, "T").record.key, first);
}

#[test]
fn damaged_saved_data_is_refused_with_words() {
    let snap = snapshot(&annotated(), "T");
    let err = restore(&saved("{not json", &snap.record.document)).unwrap_err();
    assert!(matches!(err, Unrestorable::DamagedSession(_)), "{err}");
    assert!(err.to_string().starts_with("the saved session is damaged"), "said in words: {err}");
    let err = restore(&saved(&snap.session, &snap.record.document[..40])).unwrap_err();
    let Unrestorable::DamagedDocument(problems) = &err else { panic!("{err}") };
    assert_eq!(problems.iter().map(|p| p.kind).collect::<Vec<_>>(), [ProblemKind::Truncated]);
    let key = snap.record.key.replace('d', "x");
    let err = restore(&saved(&snap.session.replace("\"doc_key\":\"d", "\"doc_key\":\"x"), &snap.record.document)).unwrap_err();
    assert_eq!(err, Unrestorable::NoDocument(key));
}

#[test]
fn a_selection_that_no_longer_exists_is_dropped() {
    let state = annotated();
    let snap = snapshot(&state, "T");
    let session = snap.session.replace(&format!("\"{}\"", state.selected.unwrap()), "\"a999\"");
    assert_eq!(restore(&saved(&session, &snap.record.document)).unwrap().selected, None);
}

#[test]
fn pasting_into_a_new_document_keeps_its_key() {
    let mut state = annotated();
    state.apply(Action::NewDocument);
    let empty = state.doc_number;
    state.apply(Action::StartAnnotating { text: "Budget vote".into(), replaced_surrogates: 0 });
    assert_eq!(state.doc_number, empty, "the empty document is replaced in place");
    state.apply(Action::LoadSample);
    assert_ne!(state.doc_number, empty, "a document with text keeps its saved copy");
}

#[test]
fn a_new_document_never_gets_the_key_of_one_in_the_library() {
    // The session record can be older than the library (a copy made just before a crash):
    // the next number is past every key there.
    let state = annotated();
    let snap = snapshot(&state, "T");
    let mut with_keys = saved(&snap.session, &snap.record.document);
    with_keys.keys = vec!["d1".into(), "d7".into(), "d3".into()];
    let restored = restore(&with_keys).unwrap();
    assert_eq!(restored.next_doc_number.to_string(), "d8");
}
