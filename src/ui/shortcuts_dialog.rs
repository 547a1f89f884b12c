//! The "Keyboard shortcuts" dialog (key `?`): a modal `<dialog>` listing the label keys of
//! the schema, then every shortcut of `core::keymap::SHORTCUTS`. It opens at its top, the
//! focus on its heading; Escape, `?` or "Close" closes it, and focus goes back where it was.

use super::intent::Intent;
use super::modal::{use_modal, Modal};
use super::panels::PanelChange;
use crate::core::keymap::SHORTCUTS;
use crate::core::labels::LabelSet;
use crate::glue;
use web_sys::HtmlElement;
use yew::prelude::*;

/// Properties of [`ShortcutsDialog`].
#[derive(Properties, PartialEq)]
pub struct ShortcutsDialogProps {
    /// The label schema, for its keys.
    pub labels: LabelSet,
    /// Where closing goes.
    pub on_intent: Callback<Intent>,
}

/// The dialog, open while it is on the page.
#[function_component(ShortcutsDialog)]
pub fn shortcuts_dialog(props: &ShortcutsDialogProps) -> Html {
    let Modal { dialog, close } = use_modal("h2");
    let onclose = {
        let on_intent = props.on_intent.clone();
        Callback::from(move |_: Event| on_intent.emit(Intent::Panel(PanelChange::CloseShortcuts)))
    };
    // "?" again closes it (the page's key listener takes no keys while a dialog is open).
    let onkeydown = {
        let dialog = dialog.clone();
        Callback::from(move |e: KeyboardEvent| {
            if let (true, Some(element)) = (e.key() == "?", dialog.cast::<HtmlElement>()) {
                e.prevent_default();
                glue::close_dialog(&element);
            }
        })
    };
    let labels = props.labels.iter().filter(|l| !l.hotkey.is_empty()).map(|l| {
        html! { <tr><th scope="row"><kbd>{ l.hotkey.clone() }</kbd></th><td>{ format!("Mark the selection as {} (or relabel the selected annotation)", l.name) }</td></tr> }
    });
    let rest = SHORTCUTS.iter().map(|(keys, what)| html! { <tr><th scope="row"><kbd>{ *keys }</kbd></th><td>{ *what }</td></tr> });
    html! {
        <dialog class="export-dialog shortcuts-dialog" ref={dialog} aria-label="Keyboard shortcuts" {onclose} {onkeydown}>
            <h2 tabindex="-1">{ "Keyboard shortcuts" }</h2>
            <table class="shortcuts">
                <thead><tr><th scope="col">{ "Keys" }</th><th scope="col">{ "What they do" }</th></tr></thead>
                <tbody>{ for labels }{ for rest }</tbody>
            </table>
            <div class="choices"><button type="button" onclick={close}>{ "Close" }</button></div>
        </dialog>
    }
}
