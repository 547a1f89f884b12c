//! The suggestion queue: the current suggestion with "Accept" and "Reject", the rest in a
//! list (Enter accepts, Backspace rejects, arrows move), "Accept all" per label, and
//! "Export with suggestions" (marked `"status": "suggested"`).

use super::panels::PanelChange;
use super::intent::Intent;
use crate::core::detect::suggest::{Suggestion, Suggestions};
use crate::core::document::Document;
use crate::core::store::Action;
use crate::core::messages::preview;
use std::rc::Rc;
use web_sys::KeyboardEvent;
use yew::prelude::*;

/// Properties of [`SuggestionQueue`].
#[derive(Properties, PartialEq)]
pub struct QueueProps {
    /// The document suggested for.
    pub doc: Rc<Document>,
    /// What is suggested.
    pub suggestions: Rc<Suggestions>,
    /// The suggestion the queue is at.
    pub current: usize,
    /// Where intents go.
    pub on_intent: Callback<Intent>,
}

/// How many rows the list shows around the current suggestion.
const ROWS: usize = 40;

/// The queue.
#[function_component(SuggestionQueue)]
pub fn suggestion_queue(props: &QueueProps) -> Html {
    let items = &props.suggestions.items;
    let doc = &props.doc;
    let current = props.current.min(items.len().saturating_sub(1));
    let emit = |intent: Intent| {
        let on_intent = props.on_intent.clone();
        Callback::from(move |_: MouseEvent| on_intent.emit(intent.clone()))
    };
    let accept = |s: &Rc<Suggestion>| Intent::Do(Action::AcceptSuggestions(vec![s.clone()]));
    let reject = |s: &Rc<Suggestion>| Intent::Do(Action::RejectSuggestions(vec![s.clone()]));
    let onkeydown = {
        let (on_intent, suggestions) = (props.on_intent.clone(), props.suggestions.clone());
        Callback::from(move |e: KeyboardEvent| {
            let Some(s) = suggestions.items.get(current) else { return };
            let intent = match e.key().as_str() {
                "Enter" => Intent::Do(Action::AcceptSuggestions(vec![s.clone()])),
                "Backspace" | "Delete" => Intent::Do(Action::RejectSuggestions(vec![s.clone()])),
                "ArrowDown" => Intent::Panel(PanelChange::FocusSuggestion((current + 1).min(suggestions.items.len() - 1))),
                "ArrowUp" => Intent::Panel(PanelChange::FocusSuggestion(current.saturating_sub(1))),
                _ => return,
            };
            // The page's own shortcuts (Backspace deletes the selected annotation) must not see it.
            e.prevent_default();
            e.stop_propagation();
            on_intent.emit(intent);
        })
    };
    let describe = |s: &Suggestion| -> String {
        let text = preview(doc.text.slice(s.span).unwrap_or_default());
        let mut out = format!("{}: “{text}”", s.label);
        let names: Vec<&str> = s.speakers.iter().map(|sp| doc.text.slice(sp.alias_of.unwrap_or(sp.span)).unwrap_or_default()).collect();
        if !names.is_empty() {
            out.push_str(&format!(" — {}", names.join(" and ")));
        }
        if let Some(alias) = s.alias_of {
            out.push_str(&format!(" (another name for “{}”)", doc.text.slice(alias).unwrap_or_default()));
        }
        out
    };
    let first = current.saturating_sub(ROWS / 4);
    let rows = items.iter().enumerate().skip(first).take(ROWS).map(|(i, s)| {
        let selected = i == current;
        html! {
            <li role="option" aria-selected={selected.to_string()} class={classes!("suggestion", selected.then_some("current"))}
                onclick={emit(Intent::Panel(PanelChange::FocusSuggestion(i)))} title={s.why.clone()}>
                { describe(s) }
            </li>
        }
    });
    let mut by_label: Vec<(&str, usize)> = Vec::new();
    for s in items.iter() {
        match by_label.iter_mut().find(|(l, _)| *l == s.label) {
            Some((_, n)) => *n += 1,
            None => by_label.push((&s.label, 1)),
        }
    }
    let groups = by_label.iter().map(|&(label, n)| {
        // The suggestions of the label are gathered on click, not at every render.
        let onclick = {
            let (on_intent, suggestions, label) = (props.on_intent.clone(), props.suggestions.clone(), label.to_owned());
            Callback::from(move |_: MouseEvent| {
                let all: Vec<Rc<Suggestion>> = suggestions.items.iter().filter(|s| s.label == label).cloned().collect();
                on_intent.emit(Intent::Do(Action::AcceptSuggestions(all)));
            })
        };
        html! {
            <div class="accept-group" role="group" aria-label={format!("{label} ({n})")}>
                <span aria-hidden="true">{ format!("{label} ({n})") }</span>
                <button type="button" {onclick}>{ "Accept all" }</button>
            </div>
        }
    });
    let unclosed = props.suggestions.unclosed.len();
    html! {
        <section class="suggestions list-panel" aria-label="Suggestions">
            <h2>{ format!("Suggestions ({})", items.len()) }</h2>
            if let Some(notice) = &props.suggestions.notice {
                <p class="hint" role="note">{ notice.clone() }</p>
            }
            if let Some(s) = items.get(current) {
                <div class="current-suggestion">
                    <p class="why">{ describe(s) }<br /><small>{ s.why.clone() }</small></p>
                    <button type="button" class="primary" onclick={emit(accept(s))}>{ "Accept" }</button>
                    <button type="button" onclick={emit(reject(s))}>{ "Reject" }</button>
                </div>
                <ul class="suggestion-list" role="listbox" tabindex="0" aria-label="Suggestion queue"
                    {onkeydown}>
                    { for rows }
                </ul>
                <p class="hint">{ "In the queue: Enter accepts, Backspace rejects, ↑ ↓ move." }</p>
                <div class="accept-groups">{ for groups }</div>
                <button type="button" onclick={
                    let (on_intent, suggestions) = (props.on_intent.clone(), props.suggestions.clone());
                    Callback::from(move |_: MouseEvent| on_intent.emit(Intent::ExportWithSuggestions(suggestions.items.clone())))
                }>{ "Export with suggestions" }</button>
            } else {
                <p class="hint">{ "Nothing to suggest: every name and quotation found is annotated or rejected." }</p>
            }
            if unclosed > 0 {
                <p class="hint">{ format!("{unclosed} quotation mark(s) open and never closed.") }</p>
            }
        </section>
    }
}
