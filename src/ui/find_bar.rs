//! "Find" in the article (Ctrl+F): matches of a query (ignoring case, whole words by
//! default; `core::find`), the previous or next one selected in the article, and "Label
//! all matches" as one undoable step. After Enter, a label key marks the match (a quote
//! label the whole quotation around it) and the focus goes to the article, with the new
//! annotation selected (S then picks its speaker; Ctrl+F comes back to the box).

use super::panels::PanelChange;
use super::intent::Intent;
use crate::core::find::{find_all, MAX_MATCHES};
use crate::core::labels::LabelSet;
use crate::core::store::Action;
use crate::core::document::Document;
use std::rc::Rc;
use super::fields::{on_change, on_input};
use web_sys::{HtmlInputElement, KeyboardEvent};
use yew::prelude::*;

/// Properties of [`FindBar`].
#[derive(Properties, PartialEq)]
pub struct FindBarProps {
    /// The document searched.
    pub doc: Rc<Document>,
    /// Changes at each Ctrl+F: the box takes the focus again.
    pub focus: u64,
    /// Where intents go.
    pub on_intent: Callback<Intent>,
}

/// The find bar.
#[function_component(FindBar)]
pub fn find_bar(props: &FindBarProps) -> Html {
    let query = use_state(String::new);
    let whole = use_state(|| true);
    let current = use_state(|| None::<usize>);
    let label = use_state(|| props.doc.labels.iter().next().map(|l| l.name.clone()).unwrap_or_default());
    let input = use_node_ref();
    {
        let input = input.clone();
        use_effect_with(props.focus, move |_| {
            if let Some(input) = input.cast::<HtmlInputElement>() {
                let _ = input.focus();
                input.select();
            }
        });
    }
    let matches = find_all(&props.doc.text, &query, *whole);
    let go = {
        let (matches, current, on_intent) = (matches.clone(), current.clone(), props.on_intent.clone());
        move |forward: bool| {
            if matches.is_empty() {
                return;
            }
            let n = matches.len();
            let next = match *current {
                Some(i) if forward => (i + 1) % n,
                Some(i) => (i + n - 1) % n,
                None if forward => 0,
                None => n - 1,
            };
            current.set(Some(next));
            on_intent.emit(Intent::SelectSpan(matches[next]));
        }
    };
    {
        // Another query or option: counting starts again.
        let current = current.clone();
        use_effect_with(((*query).clone(), *whole), move |_| current.set(None));
    }
    let on_query = on_input(query.clone());
    let on_key = {
        let (go, on_intent, labels) = (go.clone(), props.on_intent.clone(), props.doc.labels.clone());
        // A match selected by Enter (until the query changes): a label key marks it.
        let at = (*current).and_then(|i| matches.get(i).copied());
        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
            "Enter" => {
                e.prevent_default();
                go(!e.shift_key());
            }
            "Escape" => on_intent.emit(Intent::Panel(PanelChange::CloseFind)),
            key if !(e.ctrl_key() || e.meta_key() || e.alt_key()) => {
                if let (Some(label), Some(span)) = (labels.by_hotkey(key), at) {
                    e.prevent_default();
                    on_intent.emit(Intent::LabelMatch { label: label.name.clone(), span });
                }
            }
            _ => {}
        })
    };
    let on_whole = {
        let (whole, current) = (whole.clone(), current.clone());
        Callback::from(move |e: Event| {
            if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
                whole.set(input.checked());
                current.set(None);
            }
        })
    };
    let on_label = {
        let label = label.clone();
        on_change(move |value| label.set(value))
    };
    let label_all = {
        let (on_intent, label, spans) = (props.on_intent.clone(), label.clone(), matches.clone());
        Callback::from(move |_: MouseEvent| on_intent.emit(Intent::Do(Action::LabelAll { label: (*label).clone(), spans: spans.clone() })))
    };
    let (prev, next) = {
        let (a, b) = (go.clone(), go);
        (Callback::from(move |_: MouseEvent| a(false)), Callback::from(move |_: MouseEvent| b(true)))
    };
    let close = {
        let on_intent = props.on_intent.clone();
        Callback::from(move |_: MouseEvent| on_intent.emit(Intent::Panel(PanelChange::CloseFind)))
    };
    let count = match (matches.len(), *current) {
        (0, _) if query.trim().is_empty() => String::new(),
        (0, _) => "No match".into(),
        (n, Some(i)) => format!("{} of {n}{}", i + 1, if n == MAX_MATCHES { "+" } else { "" }),
        (n, None) => format!("{n}{} match(es)", if n == MAX_MATCHES { "+" } else { "" }),
    };
    html! {
        <div class="find-bar" role="search" aria-label="Find in the article">
            <input type="search" ref={input} aria-label="Find" placeholder="Find in the article"
                value={(*query).clone()} oninput={on_query} onkeydown={on_key} />
            <label class="check"><input type="checkbox" aria-label="Whole words" checked={*whole} onchange={on_whole} />{ "whole words" }</label>
            <span class="count" role="status" aria-label="Matches">{ count }</span>
            <button type="button" onclick={prev} disabled={matches.is_empty()}>{ "Previous match" }</button>
            <button type="button" onclick={next} disabled={matches.is_empty()}>{ "Next match" }</button>
            <select aria-label="Label for matches" onchange={on_label}>{ label_options(&props.doc.labels, &label) }</select>
            <button type="button" onclick={label_all} disabled={matches.is_empty()}>{ "Label all matches" }</button>
            <button type="button" class="dismiss" aria-label="Close find" onclick={close}>{ "×" }</button>
        </div>
    }
}

fn label_options(labels: &LabelSet, chosen: &str) -> Html {
    labels.iter().map(|l| html! { <option value={l.name.clone()} selected={l.name == chosen}>{ l.name.clone() }</option> }).collect()
}
