//! The side panel's views, one at a time behind tabs: the annotation list, the entity
//! index, the who-said-what table, the source record, once the text was revised the
//! revision report, and, while suggesting, the suggestion queue.

use super::annotation_list::AnnotationList;
use super::intent::{DocProps, Intent};
use super::entity_index::EntityIndex;
use super::source_panel::SourcePanel;
use super::agreement_view::AgreementView;
use super::revision_report::RevisionReport;
use crate::core::reduce::adjudicate::Session;
use super::suggestion_queue::SuggestionQueue;
use super::who_said_what::WhoSaidWhat;
use crate::core::ids::AnnotationId;
use crate::core::detect::suggest::Suggestions;
use crate::core::document::Document;
use std::rc::Rc;
use yew::prelude::*;

/// The views, in tab order.
#[derive(Clone, Copy, PartialEq)]
enum View {
    Annotations,
    Entities,
    Table,
    Source,
    Revision,
    Agreement,
    Suggestions,
}

impl View {
    const ALL: [View; 7] = [View::Annotations, View::Entities, View::Table, View::Source, View::Revision, View::Agreement, View::Suggestions];

    fn name(self) -> &'static str {
        match self {
            View::Annotations => "Annotations",
            View::Entities => "Entities",
            View::Table => "Who said what",
            View::Source => "Source",
            View::Revision => "Revision report",
            View::Agreement => "Agreement",
            View::Suggestions => "Suggestions",
        }
    }
}

/// Properties of [`SideViews`].
#[derive(Properties, PartialEq)]
pub struct SideProps {
    /// The document.
    pub doc: Rc<Document>,
    /// The selected annotation.
    pub selected: Option<AnnotationId>,
    /// Where the user's intents go.
    pub on_intent: Callback<Intent>,
    /// What is suggested, while suggesting.
    pub suggestions: Option<Rc<Suggestions>>,
    /// The suggestion the queue is at.
    pub current: usize,
    /// Changes each time the queue should come to the front.
    pub show_queue: u64,
    /// The comparison whose adjudicated document this is, if any.
    pub session: Option<Rc<Session>>,
    /// The disagreement the compare view is at.
    pub disagreement: usize,
    /// Changes each time the agreement view should come to the front.
    pub show_agreement: u64,
}

/// Tabs and the chosen view.
#[function_component(SideViews)]
pub fn side_views(props: &SideProps) -> Html {
    let view = use_state(|| View::Annotations);
    {
        let view = view.clone();
        use_effect_with(props.show_queue, move |n| {
            if *n > 0 {
                view.set(View::Suggestions);
            }
        });
    }
    // The report is there once the text was revised or something awaits review, and
    // comes to the front when a revision leaves something to review.
    let pending = props.doc.orphans.len() + props.doc.annotations.iter().filter(|a| a.changed_from.is_some()).count();
    let revised = !props.doc.revisions.is_empty() || pending > 0;
    {
        let view = view.clone();
        use_effect_with((props.doc.revisions.len(), pending > 0), move |(_, pending)| {
            if *pending {
                view.set(View::Revision);
            }
        });
    }
    {
        let view = view.clone();
        let opened = props.session.as_ref().map(|s| Rc::as_ptr(s) as usize);
        use_effect_with((opened, props.show_agreement), move |(opened, _)| {
            if opened.is_some() {
                view.set(View::Agreement);
            }
        });
    }
    let available = |v: View| match v {
        View::Suggestions => props.suggestions.is_some(),
        View::Revision => revised,
        View::Agreement => props.session.is_some(),
        _ => true,
    };
    let shown = if available(*view) { *view } else { View::Annotations };
    let tabs = View::ALL.iter().filter(|&&v| available(v)).map(|&v| {
        let set = view.clone();
        let onclick = Callback::from(move |_: MouseEvent| set.set(v));
        let label = match (&props.suggestions, v) {
            (Some(s), View::Suggestions) => format!("Suggestions ({})", s.items.len()),
            (_, View::Revision) if pending > 0 => format!("Revision report ({pending})"),
            _ => v.name().to_owned(),
        };
        html! {
            <button type="button" role="tab" aria-selected={(shown == v).to_string()} {onclick}>{ label }</button>
        }
    });
    let (doc, selected, on_intent) = (props.doc.clone(), props.selected, props.on_intent.clone());
    let inner = DocProps { doc: doc.clone(), selected, on_intent: on_intent.clone() };
    html! {
        <>
            <div class="tabs" role="tablist" aria-label="Views">{ for tabs }</div>
            <div class="tab-view" role="tabpanel" aria-label={shown.name()}>
                { match (shown, &props.suggestions) {
                    (View::Suggestions, Some(suggestions)) => html! {
                        <SuggestionQueue {doc} suggestions={suggestions.clone()} current={props.current} {on_intent} />
                    },
                    (View::Entities, _) => html! { <EntityIndex doc={inner.doc} selected={inner.selected} on_intent={inner.on_intent} /> },
                    (View::Table, _) => html! { <WhoSaidWhat doc={inner.doc} selected={inner.selected} on_intent={inner.on_intent} /> },
                    (View::Agreement, _) if props.session.is_some() => html! {
                        <AgreementView doc={inner.doc} session={props.session.clone().expect("checked")} current={props.disagreement} on_intent={inner.on_intent} />
                    },
                    (View::Source, _) => html! { <SourcePanel doc={inner.doc} on_intent={inner.on_intent} /> },
                    (View::Revision, _) => html! { <RevisionReport doc={inner.doc} selected={inner.selected} on_intent={inner.on_intent} /> },
                    _ => html! { <AnnotationList doc={inner.doc} selected={inner.selected} on_intent={inner.on_intent} /> },
                } }
            </div>
        </>
    }
}
