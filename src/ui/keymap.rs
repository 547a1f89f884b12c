//! The `use_keymap` hook: one key listener on the document for the life of the app. It
//! describes each key press (`core::keymap::KeyPress`), asks `core::keymap::command` what
//! it means in the latest state, and sends the intent; the shortcuts themselves are core's.

use super::panels::{ExportScope, PanelChange};
use super::intent::Intent;
use crate::core::keymap::{command, Command, KeyPress};
use crate::core::state::State;
use crate::core::store::Action;
use gloo::events::{EventListener, EventListenerOptions};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, KeyboardEvent};
use yew::prelude::*;

/// Listens for shortcuts; `latest` is the state as last rendered.
#[hook]
pub fn use_keymap(latest: Rc<RefCell<State>>, on_intent: Callback<Intent>) {
    use_effect_with((), move |_| {
        let document = gloo::utils::document();
        let options = EventListenerOptions::enable_prevent_default();
        let listener = EventListener::new_with_options(&document, "keydown", options, move |event| {
            let Some(event) = event.dyn_ref::<KeyboardEvent>() else { return };
            let key = event.key();
            let target = event.target().and_then(|t| t.dyn_into::<HtmlElement>().ok());
            let in_text_field = target.as_ref().is_some_and(|t| {
                matches!(t.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT") || t.is_content_editable()
            });
            let in_article = target.as_ref().and_then(|t| t.closest(".article-frame").ok().flatten()).is_some();
            // A modal dialog (Export) has its own keys; the page behind it takes none.
            if target.as_ref().and_then(|t| t.closest("dialog").ok().flatten()).is_some() {
                return;
            }
            let press = KeyPress {
                key: &key,
                ctrl: event.ctrl_key() || event.meta_key(),
                shift: event.shift_key(),
                alt: event.alt_key(),
                composing: event.is_composing(),
                in_text_field,
                in_article,
            };
            let Some(command) = command(&press, &latest.borrow()) else { return };
            event.prevent_default();
            on_intent.emit(intent(command));
        });
        move || drop(listener)
    });
}

/// What the root does for a shortcut.
fn intent(command: Command) -> Intent {
    match command {
        Command::Label(label) => Intent::Label(label),
        Command::Select { id, scroll } => Intent::Select { id, scroll },
        Command::Delete => Intent::Do(Action::DeleteSelected),
        Command::PickSpeaker => Intent::Do(Action::PickSpeaker),
        Command::Undo => Intent::Undo,
        Command::Redo => Intent::Redo,
        Command::OpenFind => Intent::Panel(PanelChange::OpenFind),
        Command::Caret { alter, direction, granularity } => Intent::Caret { alter, direction, granularity },
        Command::ConfirmReview(id) => Intent::Do(Action::ConfirmReview(vec![id])),
        Command::ShowShortcuts => Intent::Panel(PanelChange::ToggleShortcuts),
        Command::Export => Intent::Panel(PanelChange::OpenExport(ExportScope::Open)),
        Command::WalkProject { forward } => Intent::Walk(forward),
    }
}
