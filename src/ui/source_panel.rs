//! The "Source" view: the document's source record (URL, outlet, authors, publication and
//! retrieval dates, a note), each field committed on change as one undoable step
//! (`Action::SetSourceField`), and the one-line citation it makes.

use super::fields::on_change;
use super::intent::Intent;
use crate::core::document::Document;
use crate::core::source::Field;
use crate::core::store::Action;
use std::rc::Rc;
use yew::prelude::*;

/// Properties of [`SourcePanel`].
#[derive(Properties, PartialEq)]
pub struct SourcePanelProps {
    /// The document.
    pub doc: Rc<Document>,
    /// Where changes go.
    pub on_intent: Callback<Intent>,
}

/// The source record's fields.
#[function_component(SourcePanel)]
pub fn source_panel(props: &SourcePanelProps) -> Html {
    let source = props.doc.source.clone();
    // One field committed: one step, applied to the record as it is then.
    let field = |field: Field| {
        let on_intent = props.on_intent.clone();
        on_change(move |value| on_intent.emit(Intent::Do(Action::SetSourceField { field, value })))
    };
    let citation = source.citation();
    html! {
        <section class="source-panel list-panel" aria-label="Source">
            <h2>{ "Source" }</h2>
            <p class="hint">{ "Where this article came from, for citing it: exported with the document and in “Who said what”." }</p>
            <label class="field">{ "URL" }
                <input type="url" aria-label="Source URL" value={source.url.clone()} placeholder="https://…" onchange={field(Field::Url)} />
            </label>
            <label class="field">{ "Outlet" }
                <input type="text" aria-label="Outlet" value={source.outlet.clone()} onchange={field(Field::Outlet)} />
            </label>
            <label class="field">{ "Authors (separated by ;)" }
                <input type="text" aria-label="Authors" value={source.authors_line()} onchange={field(Field::Authors)} />
            </label>
            <div class="row">
                <label class="field">{ "Published" }
                    <input type="date" aria-label="Publication date" value={source.published.clone()} onchange={field(Field::Published)} />
                </label>
                <label class="field">{ "Retrieved" }
                    <input type="date" aria-label="Retrieval date" value={source.retrieved.clone()} onchange={field(Field::Retrieved)} />
                </label>
            </div>
            <label class="field">{ "Note" }
                <textarea aria-label="Source note" rows="3" value={source.note.clone()} onchange={field(Field::Note)} />
            </label>
            if !citation.is_empty() {
                <p class="citation" aria-label="Citation">{ citation }</p>
            }
        </section>
    }
}
