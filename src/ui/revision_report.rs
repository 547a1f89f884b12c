//! The "Revision report": what the revisions of the text did to the annotations. Each
//! annotation a revision changed, with its old and new text (a click goes to it; "Confirm"
//! or Enter in the article takes the review flag off, "Remove" deletes it), and each
//! orphan, with its old text, label, entity or speakers ("Re-attach" puts it back at the
//! article's selection, "Delete" drops it). Every button is one undoable action.

use super::intent::{DocProps, Intent};
use crate::core::messages::preview;
use crate::core::store::Action;
use yew::prelude::*;

/// The report of the document's revisions.
#[function_component(RevisionReport)]
pub fn revision_report(props: &DocProps) -> Html {
    let doc = &props.doc;
    let send = |actions: Vec<Action>| {
        let on_intent = props.on_intent.clone();
        Callback::from(move |_: MouseEvent| actions.iter().for_each(|a| on_intent.emit(Intent::Do(a.clone()))))
    };
    let changed: Vec<_> = doc.annotations.iter().filter(|a| a.changed_from.is_some()).collect();
    let summary = match doc.revisions.last() {
        Some(r) => format!(
            "{} revision(s) of the text; the last changed it from {} to {} characters. {} annotation(s) need review, {} orphaned.",
            doc.revisions.len(),
            r.before_length,
            r.after_length,
            changed.len(),
            doc.orphans.len()
        ),
        None => format!("{} annotation(s) need review, {} orphaned.", changed.len(), doc.orphans.len()),
    };
    let changed_rows = changed.iter().map(|a| {
        let (id, now, was) = (a.id, preview(doc.text_of(a)), preview(a.changed_from.as_deref().unwrap_or_default()));
        let go = {
            let on_intent = props.on_intent.clone();
            Callback::from(move |_: MouseEvent| on_intent.emit(Intent::Select { id: Some(id), scroll: true }))
        };
        html! {
            <li key={id.0} class={classes!("report-entry", (props.selected == Some(id)).then_some("selected"))}>
                <button type="button" class="entry-button" onclick={go} aria-label={format!("Go to {}: “{was}” is now “{now}”", a.label)}>
                    <span class="chip">{ a.label.clone() }</span>
                    <span class="was">{ was.clone() }</span>{ " → " }<span class="now">{ now.clone() }</span>
                </button>
                <button type="button" onclick={send(vec![Action::ConfirmReview(vec![id])])} aria-label={format!("Confirm “{now}”")}>{ "Confirm" }</button>
                <button type="button" class="danger" onclick={send(vec![Action::Select(Some(id)), Action::DeleteSelected])}
                    aria-label={format!("Remove “{now}”")}>{ "Remove" }</button>
            </li>
        }
    });
    let orphan_rows = doc.orphans.iter().map(|o| {
        let (id, text) = (o.id, preview(&o.text));
        let reattach = {
            let on_intent = props.on_intent.clone();
            Callback::from(move |_: MouseEvent| on_intent.emit(Intent::Reattach(id)))
        };
        let mut about = match (&o.entity, o.speakers.as_slice()) {
            (Some(entity), _) if *entity != o.text => format!(" (of {})", preview(entity)),
            (_, []) => String::new(),
            (_, speakers) => format!(" (spoken by {})", speakers.iter().map(|s| preview(s)).collect::<Vec<_>>().join(" & ")),
        };
        if !o.spoke.is_empty() {
            about.push_str(&format!("; its entity went with it, and {} quote(s) lost this speaker until it is re-attached", o.spoke.len()));
        }
        html! {
            <li key={id.0} class="report-entry">
                <span class="chip">{ o.label.clone() }</span>
                <span class="was">{ text.clone() }</span>
                <span class="hint">{ format!("{about}, revision {}", o.revision) }</span>
                <button type="button" onclick={reattach} aria-label={format!("Re-attach “{text}”")}
                    title="Select its new place in the article first">{ "Re-attach" }</button>
                <button type="button" class="danger" onclick={send(vec![Action::DiscardOrphan(id)])} aria-label={format!("Delete orphan “{text}”")}>{ "Delete" }</button>
            </li>
        }
    });
    let all: Vec<_> = changed.iter().map(|a| a.id).collect();
    html! {
        <section class="revision-report" aria-label="Revision report">
            <h2>{ "Revision report" }</h2>
            <p>{ summary }</p>
            if !changed.is_empty() {
                <h3>{ format!("Needs review ({})", changed.len()) }</h3>
                <button type="button" onclick={send(vec![Action::ConfirmReview(all)])}>{ "Confirm all" }</button>
                <ul class="report" aria-label="Changed annotations">{ for changed_rows }</ul>
            }
            if !doc.orphans.is_empty() {
                <h3>{ format!("Orphaned ({})", doc.orphans.len()) }</h3>
                <p class="hint">{ "Their text was deleted. To keep one, select its new place in the article and press “Re-attach”." }</p>
                <ul class="report" aria-label="Orphaned annotations">{ for orphan_rows }</ul>
            }
            if changed.is_empty() && doc.orphans.is_empty() {
                <p class="hint">{ "Every annotation was carried over with its text unchanged." }</p>
            }
        </section>
    }
}
