//! The article box, where a text is pasted before annotating.

use super::app::Intent;
use crate::core::store::size_error;
use crate::glue;
use std::rc::Rc;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

/// Properties of [`Editor`].
#[derive(Properties, PartialEq)]
pub struct EditorProps {
    /// Text to show when the box opens.
    pub draft: Rc<str>,
    /// Where "Start annotating" goes.
    pub on_intent: Callback<Intent>,
}

/// An uncontrolled text area (a 20 MB paste is not copied on every keystroke) and the
/// button that starts annotating.
#[function_component(Editor)]
pub fn editor(props: &EditorProps) -> Html {
    let area = use_node_ref();
    {
        let area = area.clone();
        use_effect_with(props.draft.clone(), move |draft| {
            if let Some(area) = area.cast::<HtmlTextAreaElement>() {
                area.set_value(draft);
                let _ = area.focus();
            }
        });
    }
    let onclick = {
        let (area, on_intent) = (area.clone(), props.on_intent.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(area) = area.cast::<HtmlTextAreaElement>() {
                let (text, replaced_surrogates) = glue::text_area_value(&area);
                on_intent.emit(Intent::Start { text, replaced_surrogates });
            }
        })
    };
    // A paste over the size limit is refused before it reaches the box: laying out
    // millions of characters in a text area would freeze the tab. The box keeps its text.
    let onpaste = {
        let on_intent = props.on_intent.clone();
        Callback::from(move |event: Event| {
            if let Some(message) = glue::pasted_chars(&event).and_then(size_error) {
                event.prevent_default();
                on_intent.emit(Intent::Refuse(message));
            }
        })
    };
    html! {
        <section class="editor">
            <p class="hint">{ "Paste a news article below. Its text is kept exactly as pasted; once you add annotations it is locked." }</p>
            <textarea ref={area} aria-label="Article text" spellcheck="false" {onpaste}
                placeholder="Paste or type the article here…" />
            <div class="editor-actions">
                <button type="button" class="primary" {onclick}>{ "Start annotating" }</button>
            </div>
        </section>
    }
}
