//! The top bar: title and document commands.

use super::app::Intent;
use crate::core::store::Mode;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Properties of [`Header`].
#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    /// The document title.
    pub title: String,
    /// Editing or annotating.
    pub mode: Mode,
    /// True once the document has annotations (the text is then locked).
    pub annotated: bool,
    /// True if there is a change to undo.
    pub can_undo: bool,
    /// True if there is an undone change to redo.
    pub can_redo: bool,
    /// Where commands go.
    pub on_intent: Callback<Intent>,
}

/// Title field and the Undo, Redo, New, Sample, Edit and Export commands.
#[function_component(Header)]
pub fn header(props: &HeaderProps) -> Html {
    let send = |intent: Intent| {
        let on_intent = props.on_intent.clone();
        Callback::from(move |_: MouseEvent| on_intent.emit(intent.clone()))
    };
    let on_title = {
        let on_intent = props.on_intent.clone();
        Callback::from(move |e: Event| {
            if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
                on_intent.emit(Intent::Title(input.value()));
            }
        })
    };
    let annotating = props.mode == Mode::Annotating;
    html! {
        <header class="topbar">
            <h1 class="brand">{ "Marginalia" }</h1>
            <input class="title" type="text" aria-label="Title" value={props.title.clone()} onchange={on_title} />
            <nav class="commands" aria-label="Document">
                if annotating {
                    <button type="button" onclick={send(Intent::Undo)} disabled={!props.can_undo}
                        title="Undo (Ctrl+Z)">{ "Undo" }</button>
                    <button type="button" onclick={send(Intent::Redo)} disabled={!props.can_redo}
                        title="Redo (Ctrl+Shift+Z or Ctrl+Y)">{ "Redo" }</button>
                }
                <button type="button" onclick={send(Intent::NewDocument)}>{ "New document" }</button>
                <button type="button" onclick={send(Intent::LoadSample)}>{ "Load sample" }</button>
                if annotating {
                    <button type="button" onclick={send(Intent::EditText)} disabled={props.annotated}
                        title={if props.annotated { "The text is locked once it has annotations" } else { "Change the text" }}>
                        { "Edit text" }
                    </button>
                    <button type="button" class="primary" onclick={send(Intent::Export)}>{ "Export JSON" }</button>
                }
            </nav>
        </header>
    }
}
