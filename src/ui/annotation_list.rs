//! All annotations in document order: label, text, and the speakers of quotes, filtered
//! by label and by entity if the user asks. The list is windowed: rows have a fixed height
//! and only those near its viewport are rendered (`core::rows`), so its cost does not grow
//! with the number of annotations.

use super::intent::{DocProps, Intent};
use crate::core::annotations::Annotation;
use crate::core::ids::{EntityId, Id};
use crate::core::labels::is_valid_color;
use crate::core::rows::{scroll_to_row, visible_rows};
use crate::core::document::Document;
use crate::core::messages::preview;
use crate::glue;
use super::fields::on_change;
use web_sys::Element;
use yew::prelude::*;

/// Height of one row in pixels (matches `.entry` in style.css).
const ROW: f64 = 52.0;

/// The list named "Annotations"; clicking an entry selects it and scrolls the article to it.
#[function_component(AnnotationList)]
pub fn annotation_list(props: &DocProps) -> Html {
    let doc = &props.doc;
    let scroller = use_node_ref();
    // Filters: a label name, an entity (mentions of it and quotes it spoke).
    let label_filter = use_state(String::new);
    let entity_filter = use_state(|| None::<EntityId>);
    // (scroll top, visible height) of the list, in pixels, rounded to whole rows.
    let view = use_state_eq(|| (0.0, 640.0));
    let measure = {
        let (scroller, view) = (scroller.clone(), view.clone());
        move || {
            if let Some(el) = scroller.cast::<Element>() {
                let (top, height) = glue::scroll_metrics(&el);
                view.set(((top / ROW).floor() * ROW, height));
            }
        }
    };
    {
        let measure = measure.clone();
        use_effect_with((), move |_| measure());
    }
    {
        // Keep the selected entry in view when it is selected elsewhere (in the article).
        let (scroller, doc) = (scroller.clone(), doc.clone());
        let filtered = !label_filter.is_empty() || entity_filter.is_some();
        use_effect_with(props.selected, move |selected| {
            let index = selected.filter(|_| !filtered).and_then(|id| doc.annotations.iter().position(|a| a.id == id));
            if let (Some(index), Some(el)) = (index, scroller.cast::<Element>()) {
                let (top, height) = glue::scroll_metrics(&el);
                if let Some(to) = scroll_to_row(top, height, ROW, index) {
                    glue::set_scroll_top(&el, to);
                }
            }
        });
    }
    let onscroll = Callback::from(move |_: Event| measure());

    let keep = |a: &Annotation| {
        (label_filter.is_empty() || a.label == *label_filter)
            && entity_filter.is_none_or(|e| a.entity == Some(e) || a.speakers.contains(&e))
    };
    let shown: Vec<&Annotation> = if label_filter.is_empty() && entity_filter.is_none() {
        doc.annotations.iter().collect()
    } else {
        doc.annotations.iter().filter(|a| keep(a)).collect()
    };
    let count = shown.len();
    let rows = visible_rows(view.0, view.1, ROW, count);
    let items = shown.iter().enumerate().skip(rows.start).take(rows.len()).map(|(index, a)| {
        entry(doc, a, index, count, props.selected == Some(a.id), &props.on_intent)
    });
    let on_label = {
        let label_filter = label_filter.clone();
        on_change(move |value| label_filter.set(value))
    };
    let on_entity = {
        let entity_filter = entity_filter.clone();
        on_change(move |value| entity_filter.set(EntityId::parse(&value)))
    };
    let labels = doc.labels.iter().map(|l| {
        html! { <option value={l.name.clone()} selected={*label_filter == l.name}>{ l.name.clone() }</option> }
    });
    // One keyed list of its own (next to the unkeyed "All entities"), so that a new
    // entity inserts one option instead of replacing every option after it.
    let entities: Html = doc.entities.iter().map(|e| {
        html! { <option key={e.id.0} value={e.id.to_string()} selected={*entity_filter == Some(e.id)}>{ format!("{} ({})", preview(&e.name), e.label) }</option> }
    }).collect();
    let total = doc.annotations.len();
    html! {
        <section class="list-panel">
            <h2>{ if count == total { format!("Annotations ({count})") } else { format!("Annotations ({count} of {total})") } }</h2>
            <div class="filters">
                <select aria-label="Filter by label" onchange={on_label}>
                    <option value="" selected={label_filter.is_empty()}>{ "All labels" }</option>
                    { for labels }
                </select>
                <select aria-label="Filter by entity" onchange={on_entity}>
                    <option value="" selected={entity_filter.is_none()}>{ "All entities" }</option>
                    { entities }
                </select>
            </div>
            <div class="list-scroll" ref={scroller} {onscroll}>
                <ul class="annotations" aria-label="Annotations" style={format!("height: {}px", count as f64 * ROW)}>
                    { for items }
                </ul>
                if doc.annotations.is_empty() {
                    <p class="hint">{ "None yet: select text in the article and press a label." }</p>
                } else if shown.is_empty() {
                    <p class="hint">{ "None matches the filters." }</p>
                }
            </div>
        </section>
    }
}

/// One row: label, text and, for a quote, its speaker.
fn entry(doc: &Document, a: &Annotation, index: usize, count: usize, selected: bool, on_intent: &Callback<Intent>) -> Html {
    let id = a.id;
    let onclick = {
        let on_intent = on_intent.clone();
        Callback::from(move |_: MouseEvent| on_intent.emit(Intent::Select { id: Some(id), scroll: true }))
    };
    let color = doc.labels.get(&a.label).map(|l| l.color.clone()).filter(|c| is_valid_color(c));
    let speakers: Vec<String> = a.speakers.iter().map(|s| preview(doc.entity_name(*s))).collect();
    let style = format!("top: {}px;{}", index as f64 * ROW, color.map(|c| format!(" --label-color: {c}")).unwrap_or_default());
    html! {
        <li key={id.0} class={classes!("entry", selected.then_some("selected"))} {style}
            aria-posinset={(index + 1).to_string()} aria-setsize={count.to_string()}>
            <button type="button" class="entry-button" aria-current={selected.then_some("true")} {onclick}>
                <span class="chip">{ a.label.clone() }</span>
                <span class="entry-text">{ preview(doc.text_of(a)) }</span>
                if a.changed_from.is_some() {
                    <span class="badge" title="A revision of the text changed it: see the Revision report">{ "needs review" }</span>
                }
                if doc.labels.is_quote(&a.label) {
                    <span class="entry-speaker">{ if speakers.is_empty() {
                        "— no speaker".to_owned()
                    } else {
                        format!("— {}", speakers.join(" & "))
                    } }</span>
                }
            </button>
        </li>
    }
}
