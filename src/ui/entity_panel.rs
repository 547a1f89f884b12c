//! The entity of the selected mention: its canonical name (editable), how often and how
//! else it is written, "Split from entity" and "Merge into".

use super::intent::Intent;
use crate::core::ids::{AnnotationId, EntityId, Id};
use crate::core::mentions::{aliases, mentions};
use crate::core::store::Action;
use crate::core::document::Document;
use crate::core::messages::preview;
use std::rc::Rc;
use super::fields::{on_change, on_click_do};
use yew::prelude::*;

/// Properties of [`EntityPanel`].
#[derive(Properties, PartialEq)]
pub struct EntityPanelProps {
    /// The document.
    pub doc: Rc<Document>,
    /// The selected mention.
    pub mention: AnnotationId,
    /// Its entity.
    pub entity: EntityId,
    /// Where intents go.
    pub on_intent: Callback<Intent>,
}

/// The entity of a mention.
#[function_component(EntityPanel)]
pub fn entity_panel(props: &EntityPanelProps) -> Html {
    let doc = &props.doc;
    let Some(entity) = doc.entities.get(props.entity) else { return html! {} };
    let (id, mention) = (entity.id, props.mention);
    let count = mentions(doc, id).count();
    let also = aliases(doc, entity);
    let send = |action: Action| on_click_do(&props.on_intent, action);
    let on_name = {
        let on_intent = props.on_intent.clone();
        on_change(move |name| on_intent.emit(Intent::Do(Action::RenameEntity { entity: id, name })))
    };
    let on_merge = {
        let on_intent = props.on_intent.clone();
        on_change(move |value| {
            if let Some(into) = EntityId::parse(&value) {
                on_intent.emit(Intent::Do(Action::MergeEntities { into, from: id }));
            }
        })
    };
    // The entities to merge into are listed only while the select has the focus (a
    // click or Tab gives it first): a document with 20,000 annotations has thousands of
    // entities of a label, and rendering them for every selected mention cost more than
    // a frame. Keyed by entity, in a list of their own, so that a re-render moves options
    // instead of replacing them.
    let listing = use_state_eq(|| false);
    let others: Html = doc.entities.iter().filter(|e| *listing && e.label == entity.label && e.id != id).map(|e| {
        html! { <option key={e.id.0} value={e.id.to_string()}>{ format!("{} ({})", preview(&e.name), e.id) }</option> }
    }).collect();
    let (on_focus, on_blur) = {
        let (a, b) = (listing.clone(), listing.clone());
        (Callback::from(move |_: FocusEvent| a.set(true)), Callback::from(move |_: FocusEvent| b.set(false)))
    };
    let on_press = {
        let listing = listing.clone();
        Callback::from(move |_: PointerEvent| listing.set(true))
    };
    html! {
        <div class="entity" role="group" aria-label="Entity">
            <label class="field">{ format!("Entity {} · name", entity.id) }
                <input type="text" aria-label="Entity name" value={entity.name.clone()} onchange={on_name} />
            </label>
            <p class="hint">
                { format!("{count} mention(s)") }
                if !also.is_empty() { { format!("; also written: {}", also.join(", ")) } }
            </p>
            <div class="row">
                <button type="button" onclick={send(Action::SplitMention(mention))} disabled={count < 2}
                    title="Make this mention an entity of its own">{ "Split from entity" }</button>
                <select aria-label="Merge into" onchange={on_merge} onfocus={on_focus} onblur={on_blur} onpointerdown={on_press} disabled={doc.entities.iter().all(|e| e.label != entity.label || e.id == id)}>
                    <option value="" selected=true>{ "Merge into…" }</option>
                    { others }
                </select>
            </div>
        </div>
    }
}
