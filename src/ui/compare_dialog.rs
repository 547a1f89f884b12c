//! The "Compare" dialog: the open document and other coders' versions of its text, from
//! files ("Add files…", any format Marginalia reads) or from the library (documents with
//! the same SHA-256), each with the name its figures are shown under. Bundles are compared
//! document by document; unticking "Include the open document" compares the files alone
//! (one bundle per coder). "Compare" starts the comparison (`ui::comparing`); Escape or
//! "Cancel" closes it.

use super::autosave::StorageSlot;
use super::intent::Intent;
use super::modal::{use_modal, Modal};
use super::panels::PanelChange;
use crate::core::library::{parse_entries, Entry};
use crate::glue;
use web_sys::HtmlInputElement;
use yew::platform::spawn_local;
use yew::prelude::*;

/// Properties of [`CompareDialog`].
#[derive(Properties, PartialEq)]
pub struct CompareDialogProps {
    /// The open document's title.
    pub title: String,
    /// SHA-256 of its text: library documents with it can be compared.
    pub sha256: String,
    /// The open document's key in the library (not offered as another coder).
    pub open_key: String,
    /// The library.
    pub storage: StorageSlot,
    /// Where the comparison goes.
    pub on_intent: Callback<Intent>,
}

/// One coder's version besides the open document.
#[derive(Clone, PartialEq)]
enum Source {
    File(web_sys::File),
    Library(String),
}

/// The dialog.
#[function_component(CompareDialog)]
pub fn compare_dialog(props: &CompareDialogProps) -> Html {
    let Modal { dialog, close: cancel } = use_modal("input");
    let picker = use_node_ref();
    let first = use_state(|| "First coder".to_owned());
    let with_open = use_state(|| true);
    let sources: UseStateHandle<Vec<(String, Source, String)>> = use_state(Vec::new); // name, source, shown as
    let library: UseStateHandle<Vec<Entry>> = use_state(Vec::new);
    {
        let (storage, library, sha, open_key) = (props.storage.clone(), library.clone(), props.sha256.clone(), props.open_key.clone());
        use_effect_with((), move |_| {
            let Some(store) = storage.peek() else { return };
            spawn_local(async move {
                let all = parse_entries(&store.entries().await.unwrap_or_default());
                library.set(all.into_iter().filter(|e| e.sha256 == sha && e.key != open_key).collect());
            });
        });
    }
    let on_files = {
        let sources = sources.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<HtmlInputElement>() else { return };
            let mut all = (*sources).clone();
            for file in glue::chosen_files(&input) {
                let shown = file.name();
                let name = shown.split('.').next().unwrap_or(&shown).to_owned();
                all.push((name, Source::File(file), shown));
            }
            sources.set(all);
            input.set_value("");
        })
    };
    let pick = {
        let picker = picker.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(input) = picker.cast::<HtmlInputElement>() {
                input.click();
            }
        })
    };
    let toggle = |entry: &Entry| {
        let (sources, key, title) = (sources.clone(), entry.key.clone(), entry.title.clone());
        Callback::from(move |e: Event| {
            let on = e.target_dyn_into::<HtmlInputElement>().is_some_and(|i| i.checked());
            let mut all: Vec<_> = (*sources).iter().filter(|(_, s, _)| *s != Source::Library(key.clone())).cloned().collect();
            if on {
                all.push((title.clone(), Source::Library(key.clone()), format!("“{title}” (library)")));
            }
            sources.set(all);
        })
    };
    let rename = |i: usize| {
        let sources = sources.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<HtmlInputElement>() else { return };
            let mut all = (*sources).clone();
            if let Some(s) = all.get_mut(i) {
                s.0 = input.value();
            }
            sources.set(all);
        })
    };
    let remove = |i: usize| {
        let sources = sources.clone();
        Callback::from(move |_: MouseEvent| {
            let mut all = (*sources).clone();
            all.remove(i);
            sources.set(all);
        })
    };
    let onsubmit = {
        let (on_intent, first, sources, with_open) = (props.on_intent.clone(), first.clone(), sources.clone(), *with_open);
        Callback::from(move |_: SubmitEvent| {
            let mut files = Vec::new();
            let mut stored = Vec::new();
            for (name, source, _) in sources.iter() {
                match source {
                    Source::File(f) => files.push((name.clone(), f.clone())),
                    Source::Library(key) => stored.push((name.clone(), key.clone())),
                }
            }
            on_intent.emit(Intent::Compare { first: (*first).clone(), with_open, files, library: stored });
        })
    };
    let onclose = {
        let on_intent = props.on_intent.clone();
        Callback::from(move |_: Event| on_intent.emit(Intent::Panel(PanelChange::CloseCompare)))
    };
    let on_first = {
        let first = first.clone();
        Callback::from(move |e: Event| {
            if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
                first.set(input.value());
            }
        })
    };
    let on_with_open = {
        let with_open = with_open.clone();
        Callback::from(move |e: Event| {
            if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
                with_open.set(input.checked());
            }
        })
    };
    let rows = sources.iter().enumerate().map(|(i, (name, _, shown))| {
        html! {
            <li>
                <label>{ format!("Name for {shown} ") }
                    <input type="text" value={name.clone()} onchange={rename(i)} aria-label={format!("Name for {shown}")} />
                </label>
                <button type="button" onclick={remove(i)} aria-label={format!("Remove {shown}")}>{ "Remove" }</button>
            </li>
        }
    });
    let stored = library.iter().map(|e| {
        let checked = sources.iter().any(|(_, s, _)| *s == Source::Library(e.key.clone()));
        html! {
            <label class="format-option">
                <input type="checkbox" {checked} onchange={toggle(e)} />
                <span>{ format!("{} — {}", e.title, e.updated_at.get(..16).unwrap_or(&e.updated_at).replace('T', " ")) }</span>
            </label>
        }
    });
    let ready = sources.len() >= if *with_open { 1 } else { 2 };
    html! {
        <dialog class="export-dialog" ref={dialog} aria-label="Compare" {onclose}>
            <form method="dialog" {onsubmit}>
                <h2>{ format!("Compare annotations of “{}”", props.title) }</h2>
                <p class="hint">{ "Other coders' versions of this text: files in any format Marginalia reads, or documents of the library with the same text. Bundles are compared document by document, matched by text. The figures and the disagreements are shown under each one's name; the result is a new, adjudicated document." }</p>
                <label class="format-option">
                    <input type="checkbox" checked={*with_open} onchange={on_with_open} />
                    <span>{ "Include the open document (untick to compare files alone, such as one bundle per coder)" }</span>
                </label>
                <label>{ "Name for the open document " }
                    <input type="text" value={(*first).clone()} onchange={on_first} aria-label="Name for the open document" disabled={!*with_open} />
                </label>
                <ul class="coders" aria-label="Other coders">{ for rows }</ul>
                <button type="button" onclick={pick}>{ "Add files…" }</button>
                <input type="file" class="hidden-file" ref={picker} multiple={true} tabindex="-1" aria-hidden="true" onchange={on_files} />
                if !library.is_empty() {
                    <fieldset>
                        <legend>{ "From the library (same text)" }</legend>
                        { for stored }
                    </fieldset>
                }
                <div class="choices">
                    <button type="submit" class="primary" disabled={!ready}>{ "Compare" }</button>
                    <button type="button" onclick={cancel}>{ "Cancel" }</button>
                </div>
            </form>
        </dialog>
    }
}

