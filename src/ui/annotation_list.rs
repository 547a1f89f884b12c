//! All annotations in document order: label, text, and the speaker of quotes.

use super::app::{DocProps, Intent};
use crate::core::labels::is_valid_color;
use crate::core::store::preview;
use yew::prelude::*;

/// The list named "Annotations"; clicking an entry selects it and scrolls to it.
#[function_component(AnnotationList)]
pub fn annotation_list(props: &DocProps) -> Html {
    let doc = &props.doc;
    let items = doc.annotations.iter().map(|a| {
        let id = a.id;
        let onclick = {
            let on_intent = props.on_intent.clone();
            Callback::from(move |_: MouseEvent| on_intent.emit(Intent::Select { id: Some(id), scroll: true }))
        };
        let color = doc.labels.get(&a.label).map(|l| l.color.clone()).filter(|c| is_valid_color(c));
        let speaker = a.speaker.and_then(|s| doc.annotations.get(s)).map(|s| preview(doc.text_of(s)));
        let is_quote = doc.labels.is_quote(&a.label);
        let selected = props.selected == Some(id);
        html! {
            <li key={id.0} class={classes!("entry", selected.then_some("selected"))}>
                <button type="button" class="entry-button" aria-current={selected.then_some("true")} {onclick}
                    style={color.map(|c| format!("--label-color: {c}"))}>
                    <span class="chip">{ a.label.clone() }</span>
                    <span class="entry-text">{ preview(doc.text_of(a)) }</span>
                    if is_quote {
                        <span class="entry-speaker">{ match speaker {
                            Some(name) => format!("— {name}"),
                            None => "— no speaker".to_owned(),
                        } }</span>
                    }
                </button>
            </li>
        }
    });
    html! {
        <section class="list-panel">
            <h2>{ format!("Annotations ({})", doc.annotations.len()) }</h2>
            <ul class="annotations" aria-label="Annotations">
                { for items }
            </ul>
            if doc.annotations.is_empty() {
                <p class="hint">{ "None yet: select text in the article and press a label." }</p>
            }
        </section>
    }
}
