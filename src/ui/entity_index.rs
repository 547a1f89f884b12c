//! The entity index: every entity with its label, name, aliases and mentions; clicking a
//! mention selects it and scrolls the article to it.

use super::intent::{DocProps, Intent};
use crate::core::mentions::{aliases_among, mentions_by_entity};
use crate::core::messages::preview;
use yew::prelude::*;

/// The list named "Entities".
#[function_component(EntityIndex)]
pub fn entity_index(props: &DocProps) -> Html {
    let doc = &props.doc;
    let mut entities: Vec<_> = doc.entities.iter().collect();
    entities.sort_by(|a, b| a.label.cmp(&b.label).then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase())));
    let by_entity = mentions_by_entity(doc);
    let items = entities.into_iter().map(|e| {
        let mentions = by_entity.get(&e.id).map(Vec::as_slice).unwrap_or_default();
        let also = aliases_among(doc, e, mentions);
        let links = mentions.iter().enumerate().map(|(i, m)| {
            let (id, on_intent) = (m.id, props.on_intent.clone());
            let onclick = Callback::from(move |_: MouseEvent| on_intent.emit(Intent::Select { id: Some(id), scroll: true }));
            html! {
                <button type="button" class="mention" aria-current={(props.selected == Some(id)).then_some("true")} {onclick}
                    aria-label={format!("Go to mention {} of {}: {}", i + 1, e.name, doc.text_of(m))}>
                    { preview(doc.text_of(m)) }
                </button>
            }
        });
        html! {
            <li key={e.id.0} class="entity-entry">
                <div><span class="chip">{ e.label.clone() }</span>{ " " }<strong>{ e.name.clone() }</strong>
                    <span class="hint">{ format!(" · {} mention(s) · {}", mentions.len(), e.id) }</span></div>
                if !also.is_empty() {
                    <div class="hint">{ format!("also: {}", also.join(", ")) }</div>
                }
                <div class="mentions">{ for links }</div>
            </li>
        }
    });
    html! {
        <section class="list-panel index-panel">
            <h2>{ format!("Entities ({})", doc.entities.len()) }</h2>
            <div class="list-scroll">
                <ul class="entities" aria-label="Entities">{ for items }</ul>
                if doc.entities.is_empty() {
                    <p class="hint">{ "Mark people, organisations, places… and they are listed here, one entry per entity." }</p>
                }
            </div>
        </section>
    }
}
