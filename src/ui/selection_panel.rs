//! Details of the selected annotation: its label and text; for a quote its speakers,
//! cue, kind and join (`quote_panel`); for a mention its entity (`entity_panel`); a note
//! on any annotation; and a delete button.

use super::intent::Intent;
use super::entity_panel::EntityPanel;
use super::quote_panel::QuotePanel;
use crate::core::ids::AnnotationId;
use crate::core::store::Action;
use crate::core::document::Document;
use crate::core::messages::preview;
use std::rc::Rc;
use super::fields::on_change;
use yew::prelude::*;

/// Properties of [`SelectionPanel`].
#[derive(Properties, PartialEq)]
pub struct SelectionProps {
    /// The document.
    pub doc: Rc<Document>,
    /// The selected annotation.
    pub selected: Option<AnnotationId>,
    /// Where the user's intents go.
    pub on_intent: Callback<Intent>,
    /// True while the next click on a mention picks the quote's speaker.
    pub picking: bool,
}

/// The selected annotation, or a hint when none is selected.
#[function_component(SelectionPanel)]
pub fn selection_panel(props: &SelectionProps) -> Html {
    let (doc, selected, on_intent) = (&props.doc, props.selected, &props.on_intent);
    let Some(a) = selected.and_then(|id| doc.annotations.get(id)) else {
        return html! {
            <section class="selection-panel empty" aria-label="Selected annotation">
                <p>{ "No annotation selected. Click a highlight or an entry in the list." }</p>
            </section>
        };
    };
    let id = a.id;
    let details = if doc.labels.is_quote(&a.label) {
        html! { <QuotePanel doc={doc.clone()} quote={id} picking={props.picking} on_intent={on_intent.clone()} /> }
    } else if let Some(entity) = a.entity {
        html! { <EntityPanel doc={doc.clone()} mention={id} {entity} on_intent={on_intent.clone()} /> }
    } else {
        html! {}
    };
    let on_note = {
        let on_intent = on_intent.clone();
        on_change(move |note| on_intent.emit(Intent::Do(Action::SetNote { id, note })))
    };
    let delete = {
        let on_intent = on_intent.clone();
        Callback::from(move |_: MouseEvent| on_intent.emit(Intent::Do(Action::DeleteSelected)))
    };
    html! {
        <section class="selection-panel" aria-label="Selected annotation">
            <p class="selected-label">{ format!("{} · {}", a.label, a.id) }</p>
            <blockquote class="selected-text">{ preview(doc.text_of(a)) }</blockquote>
            { details }
            <label class="field">{ "Note" }
                <textarea aria-label="Note" rows="2" value={a.note.clone()} onchange={on_note}
                    placeholder="A note for this annotation (exported)" />
            </label>
            <button type="button" class="danger" onclick={delete}>{ "Delete annotation" }</button>
        </section>
    }
}
