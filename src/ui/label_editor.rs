//! The label schema editor ("Edit labels"): add, rename, recolour, set the hotkey, the
//! kind and whether mentions can speak, reorder and delete labels, or apply a preset.
//! Every change is an action, so it is undoable and saved with the document.

use super::intent::Intent;
use crate::core::labels::{is_valid_color, Label, LabelKind, LabelSet, Preset};
use crate::core::store::Action;
use crate::glue;
use super::fields::{on_change, on_click_do};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// Properties of [`LabelEditor`].
#[derive(Properties, PartialEq)]
pub struct LabelEditorProps {
    /// The schema.
    pub labels: LabelSet,
    /// Annotations per label name, to say what a delete removes.
    pub used: Vec<(String, usize)>,
    /// Where changes go.
    pub on_intent: Callback<Intent>,
}

/// The editor.
#[function_component(LabelEditor)]
pub fn label_editor(props: &LabelEditorProps) -> Html {
    let count = props.labels.len();
    let rows = props.labels.iter().enumerate().map(|(i, label)| {
        let name = label.name.clone();
        let used = props.used.iter().find(|(n, _)| *n == name).map_or(0, |(_, c)| *c);
        // An edit of one field: the label with that field changed.
        let edit = |change: fn(&mut Label, String)| {
            let (on_intent, label) = (props.on_intent.clone(), label.clone());
            Callback::from(move |e: Event| {
                let value = if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
                    if input.type_() == "checkbox" { input.checked().to_string() } else { input.value() }
                } else if let Some(select) = e.target_dyn_into::<HtmlSelectElement>() {
                    select.value()
                } else {
                    return;
                };
                let mut changed = label.clone();
                change(&mut changed, value);
                on_intent.emit(Intent::Do(Action::EditLabel { name: label.name.clone(), label: changed }));
            })
        };
        let send = |action: Action| on_click_do(&props.on_intent, action);
        let delete = {
            let (on_intent, name) = (props.on_intent.clone(), name.clone());
            Callback::from(move |_: MouseEvent| {
                if used == 0 || glue::confirm(&format!("Delete the label “{name}” and its {used} annotation(s)? Undo brings them back.")) {
                    on_intent.emit(Intent::Do(Action::DeleteLabel(name.clone())));
                }
            })
        };
        let color = if is_valid_color(&label.color) { label.color.clone() } else { "#999999".into() };
        let kinds = LabelKind::ALL.map(|k| {
            html! { <option value={k.name()} selected={label.kind == k}>{ k.name() }</option> }
        });
        html! {
            <li key={name.clone()} class="label-row">
                <input type="color" aria-label={format!("Colour of {name}")} value={color} onchange={edit(|l, v| l.color = v)} />
                <input type="text" aria-label={format!("Name of {name}")} value={name.clone()} onchange={edit(|l, v| l.name = v)} />
                <select aria-label={format!("Kind of {name}")} onchange={edit(|l, v| l.kind = LabelKind::from_name(&v).unwrap_or(l.kind))} disabled={used > 0}
                    title={if used > 0 { "The kind can change while no annotation uses the label" } else { "" }}>{ for kinds }</select>
                <input type="text" class="hotkey" maxlength="1" aria-label={format!("Hotkey of {name}")} value={label.hotkey.clone()}
                    onchange={edit(|l, v| l.hotkey = v)} />
                <label class="speaks"><input type="checkbox" aria-label={format!("{name} can speak")} checked={label.speaks}
                    disabled={label.kind != LabelKind::Entity} onchange={edit(|l, v| l.speaks = v == "true")} />{ "speaks" }</label>
                <button type="button" aria-label={format!("Move {name} up")} disabled={i == 0}
                    onclick={send(Action::MoveLabel { name: name.clone(), by: -1 })}>{ "↑" }</button>
                <button type="button" aria-label={format!("Move {name} down")} disabled={i + 1 == count}
                    onclick={send(Action::MoveLabel { name: name.clone(), by: 1 })}>{ "↓" }</button>
                <button type="button" class="danger" aria-label={format!("Delete {name}")} onclick={delete}>
                    { if used > 0 { format!("Delete ({used})") } else { "Delete".into() } }</button>
            </li>
        }
    });
    let new_name = use_node_ref();
    let add = {
        let (on_intent, new_name, labels) = (props.on_intent.clone(), new_name.clone(), props.labels.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(input) = new_name.cast::<HtmlInputElement>() else { return };
            let taken: Vec<&str> = labels.iter().map(|l| l.hotkey.as_str()).collect();
            let hotkey = "123456789abcdefghijklmnopqrtuvwxyz".chars().map(String::from).find(|k| !taken.contains(&k.as_str())).unwrap_or_default();
            let label = Label { name: input.value().trim().to_owned(), kind: LabelKind::Entity, color: "#9aa5b1".into(), hotkey, speaks: false };
            on_intent.emit(Intent::Do(Action::AddLabel(label)));
            input.set_value("");
        })
    };
    let preset = use_state(|| 0usize);
    let on_preset = {
        let preset = preset.clone();
        on_change(move |value| preset.set(value.parse().unwrap_or(0)))
    };
    let apply = {
        let (on_intent, preset) = (props.on_intent.clone(), preset.clone());
        Callback::from(move |_: MouseEvent| on_intent.emit(Intent::Do(Action::ApplyPreset(Preset::ALL[*preset]))))
    };
    let presets = Preset::ALL.iter().enumerate().map(|(i, p)| html! { <option value={i.to_string()} selected={*preset == i}>{ p.name() }</option> });
    html! {
        <section class="label-editor" aria-label="Label schema">
            <h2>{ "Labels of this document" }</h2>
            <p class="hint">{ "Changes apply to this document, are saved and exported with it, and can be undone. A renamed label renames its annotations; a deleted one deletes them." }</p>
            <ul class="label-rows" aria-label="Labels">{ for rows }</ul>
            <form class="row" onsubmit={add}>
                <input type="text" ref={new_name} aria-label="New label name" placeholder="New label, e.g. Ministry" required=true />
                <button type="submit">{ "Add label" }</button>
            </form>
            <div class="row">
                <select aria-label="Preset" onchange={on_preset}>{ for presets }</select>
                <button type="button" onclick={apply}>{ "Apply preset" }</button>
            </div>
        </section>
    }
}
