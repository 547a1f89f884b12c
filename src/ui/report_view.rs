//! The "Report" view: a printable page of the document (title, source record, the article
//! with its annotations marked so that they read in black and white, `core::report`, and
//! the who-said-what table at full width). "Print" opens the browser's print dialog,
//! whose "Save as PDF" gives every page (`@media print` in `static/style.css`).

use super::intent::Intent;
use super::panels::PanelChange;
use crate::core::document::Document;
use crate::core::report::pieces;
use crate::core::who_said_what::table;
use crate::glue;
use std::rc::Rc;
use yew::prelude::*;

/// Properties of [`ReportView`].
#[derive(Properties, PartialEq)]
pub struct ReportProps {
    /// The document reported.
    pub doc: Rc<Document>,
    /// Where "Close report" goes.
    pub on_intent: Callback<Intent>,
}

/// The report.
#[function_component(ReportView)]
pub fn report_view(props: &ReportProps) -> Html {
    let doc = &props.doc;
    let source = &doc.source;
    let print = Callback::from(|_: MouseEvent| glue::print());
    let close = {
        let on_intent = props.on_intent.clone();
        Callback::from(move |_: MouseEvent| on_intent.emit(Intent::Panel(PanelChange::ToggleReport)))
    };
    let text = use_memo(doc.clone(), |doc| {
        pieces(doc)
            .into_iter()
            .map(|p| {
                let class = classes!(p.entity.then_some("r-entity"), p.quote.then_some("r-quote"), p.cue.then_some("r-cue"));
                let tags = p.tags.iter().map(|t| html! { <span class="r-tag">{ format!("[{t}]") }</span> });
                html! { <><span {class}>{ p.text }</span>{ for tags }</> }
            })
            .collect::<Html>()
    });
    let rows = table(doc);
    let statements: usize = rows.iter().map(|r| r.statements.len()).sum();
    let body = rows.iter().flat_map(|row| {
        row.statements.iter().enumerate().map(move |(i, s)| {
            html! {
                <tr>
                    if i == 0 {
                        <th scope="rowgroup" rowspan={row.statements.len().to_string()}>{ format!("{} ({})", row.speaker, row.statements.len()) }</th>
                    }
                    <td>{ i + 1 }</td><td>{ s.text.clone() }</td><td>{ s.kind.clone() }</td><td>{ s.cue.clone() }</td>
                </tr>
            }
        })
    });
    // Only a web address is a link (never `javascript:` or another scheme).
    let url = if source.url.starts_with("https://") || source.url.starts_with("http://") {
        html! { <a href={source.url.clone()} rel="noreferrer noopener">{ source.url.clone() }</a> }
    } else {
        html! { { source.url.clone() } }
    };
    html! {
        <section class="report" aria-label="Report">
            <div class="report-bar">
                <button type="button" class="primary" onclick={print}>{ "Print" }</button>
                <button type="button" onclick={close}>{ "Close report" }</button>
                <span class="hint">{ "Print or “Save as PDF” gives every page." }</span>
            </div>
            <h1 class="report-title">{ doc.title.clone() }</h1>
            if !source.is_empty() {
                <dl class="report-source">
                    if !source.outlet.is_empty() { <dt>{ "Outlet" }</dt><dd>{ source.outlet.clone() }</dd> }
                    if !source.authors.is_empty() { <dt>{ "Authors" }</dt><dd>{ source.authors_line() }</dd> }
                    if !source.published.is_empty() { <dt>{ "Published" }</dt><dd>{ source.published.clone() }</dd> }
                    if !source.url.is_empty() { <dt>{ "URL" }</dt><dd>{ url }</dd> }
                    if !source.retrieved.is_empty() { <dt>{ "Retrieved" }</dt><dd>{ source.retrieved.clone() }</dd> }
                    if !source.note.is_empty() { <dt>{ "Note" }</dt><dd>{ source.note.clone() }</dd> }
                </dl>
            }
            <p class="report-key">{ format!("{} annotation(s), {} statement(s). Names are in bold with their label in brackets; quotations are in italics, underlined, with their speakers; cues are in small capitals.", doc.annotations.len(), statements) }</p>
            <div class="report-text">{ (*text).clone() }</div>
            <h2>{ "Who said what" }</h2>
            <table class="report-table" aria-label="Who said what (report)">
                <thead><tr><th scope="col">{ "Speaker" }</th><th scope="col">{ "#" }</th><th scope="col">{ "Quote" }</th><th scope="col">{ "Kind" }</th><th scope="col">{ "Cue" }</th></tr></thead>
                <tbody>{ for body }</tbody>
            </table>
        </section>
    }
}
