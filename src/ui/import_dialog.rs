//! The question asked before an import that needs the user's choice (a broken file with
//! a valid part, a text already in the library): the question in words and one button
//! per answer, the first focused.

use super::intent::Intent;
use crate::core::pending::PendingImport;
use std::rc::Rc;
use web_sys::HtmlElement;
use yew::prelude::*;

/// Properties of [`ImportDialog`].
#[derive(Properties, PartialEq)]
pub struct ImportDialogProps {
    /// The import waiting for an answer.
    pub pending: Rc<PendingImport>,
    /// Where the answer goes.
    pub on_intent: Callback<Intent>,
}

/// The import question, in the page (not a browser pop-up, so nothing blocks).
#[function_component(ImportDialog)]
pub fn import_dialog(props: &ImportDialogProps) -> Html {
    let first = use_node_ref();
    {
        let first = first.clone();
        use_effect_with(props.pending.clone(), move |_| {
            if let Some(button) = first.cast::<HtmlElement>() {
                let _ = button.focus();
            }
        });
    }
    let buttons = props.pending.choices().iter().enumerate().map(|(i, &choice)| {
        let on_intent = props.on_intent.clone();
        let onclick = Callback::from(move |_: MouseEvent| on_intent.emit(Intent::Choose(choice)));
        let class = if i == 0 { "primary" } else { "" };
        html! {
            <button type="button" {class} {onclick} ref={if i == 0 { first.clone() } else { NodeRef::default() }}>
                { choice.label() }
            </button>
        }
    });
    html! {
        <section class="import-dialog" role="alertdialog" aria-label="Import choice" aria-describedby="import-question">
            <p id="import-question">{ props.pending.text() }</p>
            <div class="choices">{ for buttons }</div>
        </section>
    }
}
