//! The export dialog ("Export…" in the header, "Export all…" in the library): a modal
//! `<dialog>` named "Export" with the radio group "Format" (one option per format Marginalia
//! writes), "UTF-16 positions" for W3C Web Annotation, the line saying what the chosen
//! format cannot hold of these documents (`core::formats::losses::say`) and "Download".
//! Enter downloads, Escape closes, and focus goes back to the button that opened it. The choice lives in the root's panels, so the next
//! export starts from it.

use super::intent::Intent;
use super::modal::{use_modal, Modal};
use super::panels::{ExportChoice, ExportScope, PanelChange};
use crate::core::document::Document;
use crate::core::formats::losses::say;
use crate::core::formats::Format;
use crate::core::messages::preview;
use std::rc::Rc;
use yew::prelude::*;

/// Properties of [`ExportDialog`].
#[derive(Properties, PartialEq)]
pub struct ExportDialogProps {
    /// What is exported.
    pub scope: ExportScope,
    /// The open document (exported when `scope` is `Open`).
    pub doc: Rc<Document>,
    /// The format and options chosen.
    pub choice: ExportChoice,
    /// Where the choice and the download go.
    pub on_intent: Callback<Intent>,
}

/// The dialog, open while it is on the page.
#[function_component(ExportDialog)]
pub fn export_dialog(props: &ExportDialogProps) -> Html {
    let Modal { dialog, close: cancel } = use_modal("input[type=radio]:checked");
    let lost = {
        let (scope, doc, format) = (props.scope.clone(), props.doc.clone(), props.choice.format);
        use_memo((scope, doc, format), |(scope, doc, format)| match scope {
            ExportScope::Open => say(*format, &[doc.as_ref()]),
            ExportScope::Library(docs, _) => say(*format, &docs.iter().collect::<Vec<_>>()),
        })
    };
    let what = match &props.scope {
        ExportScope::Open => format!("“{}”", preview(&props.doc.title)),
        ExportScope::Library(docs, None) => format!("the library's {} document(s)", docs.len()),
        ExportScope::Library(docs, Some(p)) => format!("the {} document(s) of the project “{}”, with its labels", docs.len(), preview(&p.name)),
    };
    let choose = |choice: ExportChoice| {
        let on_intent = props.on_intent.clone();
        Callback::from(move |_: Event| on_intent.emit(Intent::Panel(PanelChange::ChooseExport(choice))))
    };
    let choice = props.choice;
    let options = Format::ALL.into_iter().filter(|f| f.exports()).map(|format| {
        let id = format!("export-format-{}", format.id());
        html! {
            <div class="format-option">
                <input type="radio" name="export-format" id={id.clone()} value={format.id()}
                    checked={choice.format == format} aria-describedby={format!("{id}-about")}
                    onchange={choose(ExportChoice { format, ..choice })} />
                <label for={id.clone()}>{ format.name() }</label>
                <span class="hint" id={format!("{id}-about")}>{ format.summary() }</span>
            </div>
        }
    });
    // However it closes (Escape, Cancel, or the form's submission by "Download"), the
    // browser closes the dialog first, which puts focus back where it was; then the
    // panel goes.
    let onclose = {
        let on_intent = props.on_intent.clone();
        Callback::from(move |_: Event| on_intent.emit(Intent::Panel(PanelChange::CloseExport)))
    };
    let onsubmit = {
        let on_intent = props.on_intent.clone();
        Callback::from(move |_: SubmitEvent| on_intent.emit(Intent::ExportChosen))
    };
    html! {
        <dialog class="export-dialog" ref={dialog} aria-label="Export" aria-describedby="export-losses" {onclose}>
            <form method="dialog" {onsubmit}>
                <h2>{ format!("Export {what}") }</h2>
                <fieldset role="radiogroup" aria-label="Format">
                    <legend>{ "Format" }</legend>
                    { for options }
                </fieldset>
                if choice.format == Format::W3c {
                    <div class="format-option">
                        <input type="checkbox" id="export-utf16" checked={choice.utf16} aria-describedby="export-utf16-about"
                            onchange={choose(ExportChoice { utf16: !choice.utf16, ..choice })} />
                        <label for="export-utf16">{ "UTF-16 positions" }</label>
                        <span class="hint" id="export-utf16-about">{ "count positions in UTF-16 code units, as Recogito and Hypothesis do; the spec counts characters" }</span>
                    </div>
                }
                <p id="export-losses" class="losses" role="status">{ (*lost).clone() }</p>
                <div class="choices">
                    <button type="submit" class="primary">{ "Download" }</button>
                    <button type="button" onclick={cancel}>{ "Cancel" }</button>
                </div>
            </form>
        </dialog>
    }
}
