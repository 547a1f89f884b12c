//! Details of the selected annotation: its label and text, the speaker of a quote, and
//! a delete button.

use super::app::{DocProps, Intent};
use crate::core::annotations::AnnotationId;
use crate::core::store::preview;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// The selected annotation, or a hint when none is selected.
#[function_component(SelectionPanel)]
pub fn selection_panel(props: &DocProps) -> Html {
    let doc = &props.doc;
    let Some(a) = props.selected.and_then(|id| doc.annotations.get(id)) else {
        return html! {
            <section class="selection-panel empty" aria-label="Selected annotation">
                <p>{ "No annotation selected. Click a highlight or an entry in the list." }</p>
            </section>
        };
    };
    let quote = a.id;
    let speaker = if doc.labels.is_quote(&a.label) {
        let onchange = {
            let on_intent = props.on_intent.clone();
            Callback::from(move |e: Event| {
                let Some(select) = e.target_dyn_into::<HtmlSelectElement>() else { return };
                let speaker = select.value().strip_prefix('a').and_then(|n| n.parse().ok()).map(AnnotationId);
                on_intent.emit(Intent::Speaker { quote, speaker });
            })
        };
        let current = a.speaker.map(|s| s.to_string()).unwrap_or_default();
        let options = doc.speaker_candidates().map(|c| {
            let value = c.id.to_string();
            html! {
                <option value={value.clone()} selected={value == current}>
                    { format!("{} ({}, {})", preview(doc.text_of(c)), c.label, c.id) }
                </option>
            }
        });
        html! {
            <div class="speaker">
                <label for="speaker-select">{ "Speaker" }</label>
                <select id="speaker-select" aria-label="Speaker" {onchange}>
                    <option value="" selected={current.is_empty()}>{ "— no speaker —" }</option>
                    { for options }
                </select>
                if doc.speaker_candidates().next().is_none() {
                    <p class="hint">{ "Mark a Person or Organization first to choose a speaker." }</p>
                }
            </div>
        }
    } else {
        html! {}
    };
    let delete = {
        let on_intent = props.on_intent.clone();
        Callback::from(move |_: MouseEvent| on_intent.emit(Intent::Delete))
    };
    html! {
        <section class="selection-panel" aria-label="Selected annotation">
            <p class="selected-label">{ format!("{} · {}", a.label, a.id) }</p>
            <blockquote class="selected-text">{ preview(doc.text_of(a)) }</blockquote>
            { speaker }
            <button type="button" class="danger" onclick={delete}>{ "Delete annotation" }</button>
        </section>
    }
}
