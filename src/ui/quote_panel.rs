//! A selected quote's attribution: its speakers (entities; remove one, add one by typing a
//! few letters, or press S and click a mention in the article), its cue, its kind, and
//! its join to the quote before it.

use super::intent::Intent;
use crate::core::ids::{AnnotationId, EntityId, Id};
use crate::core::annotations::QuoteKind;
use crate::core::mentions::{aliases_among, mentions_by_entity, nearest_speakers};
use crate::core::store::Action;
use crate::core::document::Document;
use crate::core::messages::preview;
use std::rc::Rc;
use super::fields::{on_change, on_input, on_click_do};
use crate::glue;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Entities listed under "Find speaker" at most.
const CHOICES: usize = 8;

/// Properties of [`QuotePanel`].
#[derive(Properties, PartialEq)]
pub struct QuotePanelProps {
    /// The document.
    pub doc: Rc<Document>,
    /// The selected quote.
    pub quote: AnnotationId,
    /// True while the next click on a mention picks a speaker.
    pub picking: bool,
    /// Where intents go.
    pub on_intent: Callback<Intent>,
}

/// The attribution of a quote.
#[function_component(QuotePanel)]
pub fn quote_panel(props: &QuotePanelProps) -> Html {
    let query = use_state(String::new);
    let finder = use_node_ref();
    {
        // After S, typing goes to "Find speaker".
        let finder = finder.clone();
        use_effect_with(props.picking, move |picking| {
            if let (true, Some(input)) = (*picking, finder.cast::<HtmlInputElement>()) {
                let _ = input.focus();
            }
        });
    }
    let doc = &props.doc;
    let Some(q) = doc.annotations.get(props.quote) else { return html! {} };
    let quote = q.id;
    let send = |action: Action| on_click_do(&props.on_intent, action);
    let set_speakers = |speakers: Vec<EntityId>| send(Action::SetSpeakers { quote, speakers });

    let speakers = q.speakers.iter().map(|s| {
        let name = preview(doc.entity_name(*s));
        let rest: Vec<EntityId> = q.speakers.iter().copied().filter(|x| x != s).collect();
        html! {
            <li class="speaker-chip">{ name.clone() }
                <button type="button" class="dismiss" aria-label={format!("Remove speaker {name}")} onclick={set_speakers(rest)}>{ "×" }</button>
            </li>
        }
    });
    let needle = query.trim().to_lowercase();
    let by_entity = if needle.is_empty() { Default::default() } else { mentions_by_entity(doc) };
    // Typed letters filter the candidates by name and alias; after S, with nothing typed,
    // the nearest to the quote come first.
    let matching: Vec<_> = if needle.is_empty() {
        if props.picking { nearest_speakers(doc, q.span) } else { Vec::new() }
    } else {
        doc.speaker_candidates()
            .into_iter()
            .filter(|e| {
                e.name.to_lowercase().contains(&needle)
                    || aliases_among(doc, e, by_entity.get(&e.id).map(Vec::as_slice).unwrap_or_default())
                        .iter()
                        .any(|a| a.to_lowercase().contains(&needle))
            })
            .collect()
    }
    .into_iter()
    .filter(|e| !q.speakers.contains(&e.id))
    .take(CHOICES)
    .collect();
    // Enter in the box takes the first choice and goes back to the article; Escape stops
    // picking in the article and goes back too.
    let on_finder_key = {
        let first = matching.first().map(|e| e.id);
        let (on_intent, query, speakers, picking) = (props.on_intent.clone(), query.clone(), q.speakers.clone(), props.picking);
        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
            "Enter" => {
                if let Some(id) = first {
                    e.prevent_default();
                    query.set(String::new());
                    let mut speakers = speakers.clone();
                    speakers.push(id);
                    on_intent.emit(Intent::Do(Action::SetSpeakers { quote, speakers }));
                    glue::focus_soon(&["article"]);
                }
            }
            "Escape" => {
                if picking {
                    on_intent.emit(Intent::Do(Action::PickSpeaker));
                }
                glue::focus_soon(&["article"]);
            }
            _ => {}
        })
    };
    let choices = matching
        .into_iter()
        .map(|e| {
            let mut speakers = q.speakers.clone();
            speakers.push(e.id);
            // Choosing one empties the box, ready for the next name.
            let (on_intent, query) = (props.on_intent.clone(), query.clone());
            let onclick = Callback::from(move |_: MouseEvent| {
                query.set(String::new());
                on_intent.emit(Intent::Do(Action::SetSpeakers { quote, speakers: speakers.clone() }));
            });
            html! {
                <li><button type="button" {onclick}>{ format!("{} ({})", preview(&e.name), e.label) }</button></li>
            }
        })
        .collect::<Vec<_>>();
    let on_query = on_input(query.clone());
    let on_cue = {
        let on_intent = props.on_intent.clone();
        on_change(move |value| {
            let cue = AnnotationId::parse(&value);
            on_intent.emit(Intent::Do(Action::SetCue { quote, cue }));
        })
    };
    let cues = doc.annotations.iter().filter(|a| doc.labels.is_cue(&a.label)).map(|c| {
        html! { <option value={c.id.to_string()} selected={q.cue == Some(c.id)}>{ format!("{} ({})", preview(doc.text_of(c)), c.id) }</option> }
    });
    let on_kind = {
        let on_intent = props.on_intent.clone();
        on_change(move |value| {
            if let Some(kind) = QuoteKind::from_name(&value) {
                on_intent.emit(Intent::Do(Action::SetQuoteKind { quote, kind }));
            }
        })
    };
    let kinds = QuoteKind::ALL.iter().map(|k| {
        html! { <option value={k.name()} selected={q.quote_kind == Some(*k)}>{ k.name() }</option> }
    });
    let previous = doc.annotations.iter().rev().find(|a| doc.labels.is_quote(&a.label) && a.span.start < q.span.start);
    let join = match (q.continues.and_then(|p| doc.annotations.get(p)), previous) {
        (Some(p), _) => html! {
            <p class="hint">{ format!("Continues “{}”. ", preview(doc.text_of(p))) }
                <button type="button" onclick={send(Action::JoinQuote { quote, previous: None })}>{ "Unjoin" }</button>
            </p>
        },
        (None, Some(p)) => html! {
            <button type="button" onclick={send(Action::JoinQuote { quote, previous: Some(p.id) })}
                title={format!("This quote continues “{}”", preview(doc.text_of(p)))}>{ "Join to previous quote" }</button>
        },
        (None, None) => html! {},
    };

    html! {
        <div class="quote-details">
            <div class="speakers" role="group" aria-label="Speakers">
                <p class="field-label">{ "Speakers" }</p>
                if q.speakers.is_empty() {
                    <p class="hint">{ "No speaker yet." }</p>
                } else {
                    <ul class="speaker-chips" aria-label="Speakers of this quote">{ for speakers }</ul>
                }
                <button type="button" aria-pressed={props.picking.to_string()} onclick={send(Action::PickSpeaker)}
                    title="Then click a person or an organisation in the article">
                    { if props.picking { "Click a mention… (Esc cancels)" } else { "Pick speaker in article (S)" } }
                </button>
                <input type="search" aria-label="Find speaker" placeholder="Type a few letters of a name; Enter takes the first"
                    ref={finder} value={(*query).clone()} oninput={on_query} onkeydown={on_finder_key} />
                if doc.speaker_candidates().is_empty() {
                    <p class="hint">{ "Mark a Person or Organization first to choose a speaker." }</p>
                } else if needle.is_empty() && !props.picking {
                } else if choices.is_empty() {
                    <p class="hint">{ "No other match." }</p>
                } else {
                    <ul class="speaker-choices" aria-label="Speaker choices">{ for choices }</ul>
                }
            </div>
            <div class="row">
                <label class="field">{ "Cue" }
                    <select aria-label="Cue" onchange={on_cue}>
                        <option value="" selected={q.cue.is_none()}>{ "— no cue —" }</option>
                        { for cues }
                    </select>
                </label>
                <label class="field">{ "Kind" }
                    <select aria-label="Quote kind" onchange={on_kind}>{ for kinds }</select>
                </label>
            </div>
            { join }
        </div>
    }
}
