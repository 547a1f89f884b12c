//! The "Who said what" table: each speaker with their statements in document order and
//! their count (`core::who_said_what`), copied as CSV or Markdown through `glue`.

use super::intent::{DocProps, Intent};
use crate::core::who_said_what::{table, to_csv, to_markdown};
use crate::glue;
use yew::platform::spawn_local;
use yew::prelude::*;

/// The table, with "Copy as CSV" and "Copy as Markdown".
#[function_component(WhoSaidWhat)]
pub fn who_said_what(props: &DocProps) -> Html {
    let rows = table(&props.doc);
    let copy = |what: &'static str, text: String| {
        let on_intent = props.on_intent.clone();
        Callback::from(move |_: MouseEvent| {
            let (text, on_intent) = (text.clone(), on_intent.clone());
            spawn_local(async move {
                match glue::copy_text(&text).await {
                    Ok(()) => on_intent.emit(Intent::info(format!("Copied the table as {what}."))),
                    Err(why) => on_intent.emit(Intent::refuse(format!("The table could not be copied ({why}); use “Download CSV” instead."))),
                }
            });
        })
    };
    let download = {
        let (csv, on_intent) = (to_csv(&props.doc, &rows), props.on_intent.clone());
        let name = format!("{} who said what.csv", crate::core::export::file_stem(&props.doc.title));
        Callback::from(move |_: MouseEvent| match glue::download(&name, "text/csv", csv.as_bytes()) {
            Ok(()) => on_intent.emit(Intent::info(format!("Saved the table as {name}."))),
            Err(why) => on_intent.emit(Intent::refuse(format!("The table could not be saved: {why}."))),
        })
    };
    let body = rows.iter().flat_map(|row| {
        let count = row.statements.len();
        row.statements.iter().enumerate().map(move |(i, s)| {
            let first = s.parts[0];
            let on_intent = props.on_intent.clone();
            let onclick = Callback::from(move |_: MouseEvent| on_intent.emit(Intent::Select { id: Some(first), scroll: true }));
            html! {
                <tr>
                    if i == 0 {
                        <th scope="rowgroup" rowspan={count.to_string()}>
                            { row.speaker.clone() }<br /><span class="hint">{ format!("{} · {count} quote(s)", row.label) }</span>
                        </th>
                    }
                    <td class="quote-cell"><button type="button" class="link" {onclick}>{ s.text.clone() }</button></td>
                    <td>{ s.kind.clone() }</td>
                    <td>{ s.cue.clone() }</td>
                </tr>
            }
        })
    });
    html! {
        <section class="list-panel table-panel">
            <h2>{ "Who said what" }</h2>
            <div class="row">
                <button type="button" onclick={copy("CSV", to_csv(&props.doc, &rows))}>{ "Copy as CSV" }</button>
                <button type="button" onclick={copy("Markdown", to_markdown(&props.doc, &rows))}>{ "Copy as Markdown" }</button>
                <button type="button" onclick={download}>{ "Download CSV" }</button>
            </div>
            <div class="list-scroll">
                if rows.is_empty() {
                    <p class="hint">{ "No quotes yet: mark a quote, then give it a speaker." }</p>
                } else {
                    <table class="who-said-what" aria-label="Who said what">
                        <thead><tr><th scope="col">{ "Speaker" }</th><th scope="col">{ "Quote" }</th><th scope="col">{ "Kind" }</th><th scope="col">{ "Cue" }</th></tr></thead>
                        <tbody>{ for body }</tbody>
                    </table>
                }
            </div>
        </section>
    }
}
