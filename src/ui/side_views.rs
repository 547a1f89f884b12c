//! The side panel's views, one at a time behind tabs: the annotation list, the entity
//! index and the who-said-what table.

use super::annotation_list::AnnotationList;
use super::app::DocProps;
use super::entity_index::EntityIndex;
use super::who_said_what::WhoSaidWhat;
use yew::prelude::*;

/// The views, in tab order.
#[derive(Clone, Copy, PartialEq)]
enum View {
    Annotations,
    Entities,
    Table,
}

impl View {
    const ALL: [View; 3] = [View::Annotations, View::Entities, View::Table];

    fn name(self) -> &'static str {
        match self {
            View::Annotations => "Annotations",
            View::Entities => "Entities",
            View::Table => "Who said what",
        }
    }
}

/// Tabs and the chosen view.
#[function_component(SideViews)]
pub fn side_views(props: &DocProps) -> Html {
    let view = use_state(|| View::Annotations);
    let tabs = View::ALL.iter().map(|&v| {
        let set = view.clone();
        let onclick = Callback::from(move |_: MouseEvent| set.set(v));
        html! {
            <button type="button" role="tab" aria-selected={(*view == v).to_string()} {onclick}>{ v.name() }</button>
        }
    });
    let (doc, selected, on_intent) = (props.doc.clone(), props.selected, props.on_intent.clone());
    html! {
        <>
            <div class="tabs" role="tablist" aria-label="Views">{ for tabs }</div>
            <div class="tab-view" role="tabpanel" aria-label={view.name()}>
                { match *view {
                    View::Annotations => html! { <AnnotationList {doc} {selected} {on_intent} /> },
                    View::Entities => html! { <EntityIndex {doc} {selected} {on_intent} /> },
                    View::Table => html! { <WhoSaidWhat {doc} {selected} {on_intent} /> },
                } }
            </div>
        </>
    }
}
