//! One button per label, with its colour and hotkey, "Edit labels" and "Suggest".

use super::panels::PanelChange;
use super::intent::Intent;
use crate::core::labels::{is_valid_color, LabelSet};
use yew::prelude::*;

/// Properties of [`Toolbar`].
#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    /// The label schema.
    pub labels: LabelSet,
    /// Where label presses go.
    pub on_intent: Callback<Intent>,
    /// True while the label editor is shown.
    pub editing_labels: bool,
    /// True while suggestions are shown.
    pub suggesting: bool,
}

/// The label buttons. Pressing one does not move focus or clear the text selection.
#[function_component(Toolbar)]
pub fn toolbar(props: &ToolbarProps) -> Html {
    let buttons = props.labels.iter().map(|label| {
        let name = label.name.clone();
        let onclick = {
            let (on_intent, name) = (props.on_intent.clone(), name.clone());
            Callback::from(move |_: MouseEvent| on_intent.emit(Intent::Label(name.clone())))
        };
        // Keep the article selection when the button is pressed with the mouse.
        let onmousedown = Callback::from(|e: MouseEvent| e.prevent_default());
        let color = if is_valid_color(&label.color) { label.color.clone() } else { "#999999".into() };
        html! {
            // The hotkey is drawn by the style sheet from `data-key` and told to assistive
            // technology by `aria-keyshortcuts`: the button's name is the label's name.
            <button type="button" class="label-button" aria-label={name.clone()} aria-keyshortcuts={label.hotkey.clone()}
                title={format!("{} (key {})", name, label.hotkey)} data-key={label.hotkey.clone()}
                style={format!("--label-color: {color}")} {onclick} {onmousedown}>
                <span class="swatch" aria-hidden="true"></span>
                { name.clone() }
            </button>
        }
    });
    html! {
        <div class="toolbar" role="toolbar" aria-label="Labels">
            { for buttons }
            <button type="button" class="edit-labels" aria-pressed={props.editing_labels.to_string()}
                onclick={let on_intent = props.on_intent.clone(); Callback::from(move |_: MouseEvent| on_intent.emit(Intent::Panel(PanelChange::ToggleLabelEditor)))}>
                { "Edit labels" }</button>
            <button type="button" class="suggest" aria-pressed={props.suggesting.to_string()}
                title="Suggest names, dates, events and quotations with their speakers (found in this browser; nothing is sent anywhere)"
                onclick={let on_intent = props.on_intent.clone(); Callback::from(move |_: MouseEvent| on_intent.emit(Intent::Panel(PanelChange::ToggleSuggest)))}>
                { "Suggest" }</button>
            <span class="hint">{ "Select text, then press a label or its key. Click a highlight to select it; Delete removes it; Esc clears." }</span>
        </div>
    }
}
