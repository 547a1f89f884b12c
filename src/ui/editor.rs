//! The article box, where a text is pasted before annotating, or where an annotated
//! text is revised ("Apply changes" carries its annotations over, "Cancel changes" leaves
//! it as it was).

use super::intent::Intent;
use crate::core::store::Action;
use crate::core::messages::size_error;
use crate::glue;
use crate::glue::clipboard::Pasted;
use gloo::timers::callback::Timeout;
use std::cell::RefCell;
use std::rc::Rc;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

/// Milliseconds after the last keystroke before the box's text is kept in the state.
const DRAFT_PAUSE_MS: u32 = 400;

/// Properties of [`Editor`].
#[derive(Properties, PartialEq)]
pub struct EditorProps {
    /// Text to show when the box opens.
    pub draft: Rc<str>,
    /// The text is annotated: the box holds a revision of it.
    pub revising: bool,
    /// Where "Start annotating" goes.
    pub on_intent: Callback<Intent>,
}

/// An uncontrolled text area (a 20 MB paste is not copied on every keystroke) and the
/// button that starts annotating.
#[function_component(Editor)]
pub fn editor(props: &EditorProps) -> Html {
    let area = use_node_ref();
    // The text this box last reported; the draft coming back as a prop is not written
    // into the box again (that would move the caret while typing).
    let reported: Rc<RefCell<Rc<str>>> = use_mut_ref(|| Rc::from(""));
    let pause: Rc<RefCell<Option<Timeout>>> = use_mut_ref(|| None);
    {
        // The box takes the focus when it opens ("New document", "Edit text").
        let area = area.clone();
        use_effect_with((), move |_| {
            if let Some(area) = area.cast::<HtmlTextAreaElement>() {
                let _ = area.focus();
            }
        });
    }
    {
        let (area, reported) = (area.clone(), reported.clone());
        use_effect_with(props.draft.clone(), move |draft| {
            if let Some(area) = area.cast::<HtmlTextAreaElement>() {
                if **draft != **reported.borrow() {
                    area.set_value(draft);
                    let _ = area.focus();
                }
            }
        });
    }
    let oninput = {
        let (area, on_intent) = (area.clone(), props.on_intent.clone());
        Callback::from(move |_: InputEvent| {
            let (area, on_intent, reported) = (area.clone(), on_intent.clone(), reported.clone());
            *pause.borrow_mut() = Some(Timeout::new(DRAFT_PAUSE_MS, move || {
                if let Some(area) = area.cast::<HtmlTextAreaElement>() {
                    let (text, _) = glue::text_area_value(&area);
                    *reported.borrow_mut() = Rc::from(text.as_str());
                    on_intent.emit(Intent::Do(Action::SetDraft(text)));
                }
            }));
        })
    };
    let revising = props.revising;
    let onclick = {
        let (area, on_intent) = (area.clone(), props.on_intent.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(area) = area.cast::<HtmlTextAreaElement>() {
                let (text, replaced_surrogates) = glue::text_area_value(&area);
                if revising {
                    // Measured for the benchmark (the reducer runs within the emit).
                    let action = Action::ReviseText { text, at: glue::now_rfc3339() };
                    glue::measured("marginalia-revise", || on_intent.emit(Intent::Do(action)));
                } else {
                    on_intent.emit(Intent::Do(Action::StartAnnotating { text, replaced_surrogates }));
                }
                glue::focus_soon(&["article"]);
            }
        })
    };
    let cancel = {
        let on_intent = props.on_intent.clone();
        Callback::from(move |_: MouseEvent| on_intent.emit(Intent::Do(Action::CancelRevision)))
    };
    // A paste over the size limit is refused before it reaches the box: laying out
    // millions of characters in a text area would freeze the tab. The box keeps its text.
    // A clipboard holding only HTML pastes its text; one holding no text says so.
    let onpaste = {
        let (on_intent, area) = (props.on_intent.clone(), area.clone());
        Callback::from(move |event: Event| match glue::clipboard::pasted(&event) {
            Pasted::Text(chars) => {
                if let Some(message) = size_error(chars) {
                    event.prevent_default();
                    on_intent.emit(Intent::refuse(message));
                }
            }
            Pasted::HtmlText(text) => {
                event.prevent_default();
                if let Some(message) = size_error(text.chars().count()) {
                    on_intent.emit(Intent::refuse(message));
                } else if text.trim().is_empty() {
                    on_intent.emit(Intent::refuse("The clipboard holds HTML with no text in it: nothing was pasted."));
                } else if let Some(area) = area.cast::<HtmlTextAreaElement>() {
                    glue::clipboard::insert(&area, &text);
                    on_intent.emit(Intent::info("Pasted the text of the HTML on the clipboard (its formatting and links left out)."));
                }
            }
            Pasted::Nothing(types) => {
                event.prevent_default();
                let held = if types.is_empty() { "nothing".to_owned() } else { types.join(", ") };
                on_intent.emit(Intent::refuse(format!("The clipboard holds no text ({held}): nothing was pasted.")));
            }
        })
    };
    html! {
        <section class="editor">
            if revising {
                <p class="hint">{ "Edit the text, or paste its revised version. “Apply changes” carries every annotation (listed beside) over to the new text: what you changed inside one is flagged for review, what you deleted is reported in the Revision report. It is one step Undo takes back." }</p>
            } else {
                <p class="hint">{ "Paste a news article below. Its text is kept exactly as pasted; “Edit text” changes it later, annotations and all." }</p>
            }
            <textarea ref={area} id="article-text" aria-label="Article text" spellcheck="false" {onpaste} {oninput}
                placeholder={if revising { "Paste the revised article here…" } else { "Paste or type the article here…" }} />
            <div class="editor-actions">
                if revising {
                    <button type="button" class="primary" {onclick}>{ "Apply changes" }</button>
                    <button type="button" onclick={cancel}>{ "Cancel changes" }</button>
                } else {
                    <button type="button" class="primary" {onclick}>{ "Start annotating" }</button>
                }
            </div>
        </section>
    }
}
