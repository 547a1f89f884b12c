//! Downloading the open document's export, with or without its suggestions; what a
//! download says is a notice for the reducer.

use crate::core::detect::suggest::Suggestion;
use crate::core::export::{file_name, to_json, to_json_marking};
use crate::core::reduce::suggestions::with_suggestions;
use crate::core::state::{Notice, State};
use crate::core::store::Action;
use crate::glue;

/// Downloads the export of the open document.
pub fn export(state: &State) -> Action {
    let json = to_json(&state.doc, &glue::now_rfc3339());
    download(state, &json, &format!("{} annotation(s)", state.doc.annotations.len()))
}

/// Downloads the export with `items` accepted on a copy, marked `"status": "suggested"`.
pub fn export_with_suggestions(state: &State, items: &[Suggestion]) -> Action {
    let (doc, suggested) = with_suggestions(&state.doc, items);
    let json = to_json_marking(&doc, &glue::now_rfc3339(), &suggested);
    download(state, &json, &format!("{} annotation(s) and {} suggestion(s)", state.doc.annotations.len(), suggested.len()))
}

/// Downloads `json` as the export of the open document and says so (`what` was exported).
fn download(state: &State, json: &str, what: &str) -> Action {
    let name = file_name(&state.doc.title);
    Action::Notify(match glue::download(&name, "application/json", json) {
        Ok(()) => Notice::info(format!("Exported {what} to {name}.")),
        Err(why) => Notice::error(format!("The export could not be saved: {why}.")),
    })
}
