//! The keyboard shortcuts (`core::keymap`), key by key.

use marginalia::core::keymap::{command, Command, KeyPress};
use marginalia::core::labels::Preset;
use marginalia::core::state::State;
use marginalia::core::store::Action;

use crate::common;
use common::state_from;

fn caret(alter: &'static str, direction: &'static str, granularity: &'static str) -> Option<Command> {
    Some(Command::Caret { alter, direction, granularity })
}

#[test]
fn every_label_hotkey_labels_and_unknown_keys_do_nothing() {
    let state = State::default();
    for label in state.doc.labels.iter() {
        assert_eq!(command(&KeyPress::key(&label.hotkey), &state), Some(Command::Label(label.name.clone())), "key {}", label.hotkey);
    }
    assert_eq!(command(&KeyPress::key("8"), &state), None);
    assert_eq!(command(&KeyPress::key("x"), &state), None);
    let mut conll = State::default();
    conll.apply(Action::ApplyPreset(Preset::OntoNotes));
    for label in conll.doc.labels.iter() {
        assert_eq!(command(&KeyPress::key(&label.hotkey), &conll), Some(Command::Label(label.name.clone())), "key {}", label.hotkey);
    }
}

#[test]
fn s_delete_and_backspace_need_a_selected_annotation_escape_clears_it() {
    let mut state = state_from("[Quote|“Go”] said [Person|Ana]");
    assert_eq!(command(&KeyPress::key("s"), &state), Some(Command::PickSpeaker), "the last marked is selected");
    assert_eq!(command(&KeyPress::key("S"), &state), Some(Command::PickSpeaker));
    assert_eq!(command(&KeyPress::key("Delete"), &state), Some(Command::Delete));
    assert_eq!(command(&KeyPress::key("Backspace"), &state), Some(Command::Delete));
    assert_eq!(command(&KeyPress::key("Escape"), &state), Some(Command::Select { id: None, scroll: false }));
    state.apply(Action::Select(None));
    assert_eq!(command(&KeyPress::key("s"), &state), None);
    assert_eq!(command(&KeyPress::key("Delete"), &state), None);
    assert_eq!(command(&KeyPress::key("Backspace"), &state), None);
}

#[test]
fn undo_and_redo_keys_work_while_editing_too_find_only_while_annotating() {
    let mut state = State::default();
    for s in [&state, &{
        let mut e = State::default();
        e.apply(Action::NewDocument);
        e
    }] {
        assert_eq!(command(&KeyPress::key("z").ctrl(), s), Some(Command::Undo));
        assert_eq!(command(&KeyPress::key("Z").ctrl().shift(), s), Some(Command::Redo));
        assert_eq!(command(&KeyPress::key("y").ctrl(), s), Some(Command::Redo));
        assert_eq!(command(&KeyPress::key("y").ctrl().shift(), s), None);
    }
    assert_eq!(command(&KeyPress::key("f").ctrl(), &state), Some(Command::OpenFind));
    assert_eq!(command(&KeyPress::key("F").ctrl(), &state), Some(Command::OpenFind));
    assert_eq!(command(&KeyPress::key("f").ctrl().shift(), &state), None);
    state.apply(Action::NewDocument);
    assert_eq!(command(&KeyPress::key("f").ctrl(), &state), None, "no Find in the article box");
    assert_eq!(command(&KeyPress::key("1"), &state), None, "no labels in the article box");
}

#[test]
fn the_caret_keys_move_and_extend_in_the_article_only() {
    let state = State::default();
    let k = |key| KeyPress::key(key).in_article();
    assert_eq!(command(&k("ArrowRight"), &state), caret("move", "right", "character"));
    assert_eq!(command(&k("ArrowLeft").shift(), &state), caret("extend", "left", "character"));
    assert_eq!(command(&k("ArrowRight").ctrl().shift(), &state), caret("extend", "right", "word"));
    assert_eq!(command(&k("ArrowDown"), &state), caret("move", "forward", "line"));
    assert_eq!(command(&k("ArrowUp").shift(), &state), caret("extend", "backward", "line"));
    assert_eq!(command(&k("Home"), &state), caret("move", "backward", "lineboundary"));
    assert_eq!(command(&k("End").shift(), &state), caret("extend", "forward", "lineboundary"));
    assert_eq!(command(&KeyPress::key("ArrowRight"), &state), None, "outside the article");
    assert_eq!(command(&k("1"), &state), Some(Command::Label("Person".into())), "labels work in the article");
}

#[test]
fn tab_walks_the_annotations_in_the_article_and_leaves_after_the_last() {
    let mut state = state_from("[Person|Ana] met [Person|Bo] in [Place|Oslo]");
    let ids: Vec<_> = state.doc.annotations.iter().map(|a| a.id).collect();
    state.apply(Action::Select(None));
    let tab = KeyPress::key("Tab").in_article();
    assert_eq!(command(&tab, &state), Some(Command::Select { id: Some(ids[0]), scroll: true }));
    assert_eq!(command(&tab.shift(), &state), Some(Command::Select { id: Some(ids[2]), scroll: true }));
    state.apply(Action::Select(Some(ids[2])));
    assert_eq!(command(&tab, &state), None, "Tab leaves the article");
    assert_eq!(command(&tab.shift(), &state), Some(Command::Select { id: Some(ids[1]), scroll: true }));
    assert_eq!(command(&KeyPress::key("Tab"), &state), None, "outside the article Tab moves the focus");
    assert_eq!(command(&tab.ctrl(), &state), None);
}

#[test]
fn text_fields_input_methods_and_alt_are_left_alone() {
    let state = state_from("[Person|Ana]");
    for press in [
        KeyPress { in_text_field: true, ..KeyPress::key("1") },
        KeyPress { in_text_field: true, ..KeyPress::key("z").ctrl() },
        KeyPress { in_text_field: true, ..KeyPress::key("Backspace") },
        KeyPress { composing: true, ..KeyPress::key("1") },
        KeyPress { alt: true, ..KeyPress::key("1") },
        KeyPress { alt: true, ..KeyPress::key("z").ctrl() },
    ] {
        assert_eq!(command(&press, &state), None, "{press:?}");
    }
}

#[test]
fn enter_in_the_article_confirms_an_annotation_a_revision_changed() {
    let mut state = state_from("The [Organization|CPR] met [Person|Ana].");
    state.apply(Action::ReviseText { text: "The CRP met Ana.".into(), at: "2026-12-01T10:00:00Z".into() });
    let ids: Vec<_> = state.doc.annotations.iter().map(|a| a.id).collect();
    let enter = KeyPress::key("Enter").in_article();
    state.apply(Action::Select(Some(ids[0])));
    assert_eq!(command(&enter, &state), Some(Command::ConfirmReview(ids[0])));
    assert_eq!(command(&KeyPress::key("Enter"), &state), None, "outside the article Enter presses the focused control");
    state.apply(Action::Select(Some(ids[1])));
    assert_eq!(command(&enter, &state), None, "Ana was kept: nothing to confirm");
    state.apply(Action::Select(None));
    assert_eq!(command(&enter, &state), None);
}

#[test]
fn question_mark_shows_the_shortcuts_and_ctrl_s_exports_even_from_a_text_field() {
    let state = state_from("[Person|Ana]");
    assert_eq!(command(&KeyPress::key("?"), &state), Some(Command::ShowShortcuts));
    assert_eq!(command(&KeyPress::key("?").in_article(), &state), Some(Command::ShowShortcuts));
    assert_eq!(command(&KeyPress { in_text_field: true, ..KeyPress::key("?") }, &state), None, "a ? typed in a box is a ?");
    assert_eq!(command(&KeyPress::key("s").ctrl(), &state), Some(Command::Export));
    assert_eq!(command(&KeyPress { in_text_field: true, ..KeyPress::key("S").ctrl() }, &state), Some(Command::Export));
    assert_eq!(command(&KeyPress::key("s").ctrl().shift(), &state), None);
    let mut editing = State::default();
    editing.apply(Action::NewDocument);
    assert_eq!(command(&KeyPress::key("s").ctrl(), &editing), None, "nothing to export while pasting");
}

#[test]
fn the_shortcuts_dialog_lists_every_key_the_keymap_takes() {
    use marginalia::core::keymap::SHORTCUTS;
    let listed: String = SHORTCUTS.iter().map(|(keys, _)| *keys).collect::<Vec<_>>().join(" ");
    for key in ["S", "Delete", "Backspace", "Escape", "Ctrl+Z", "Ctrl+Shift+Z", "Ctrl+Y", "Ctrl+F", "Ctrl+S", "Tab", "Enter", "Home", "End", "?"] {
        assert!(listed.contains(key), "{key} is listed");
    }
}
