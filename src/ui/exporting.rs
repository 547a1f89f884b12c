//! Downloading exports: the open document's Marginalia JSON (with or without its
//! suggestions), and what the export dialog chose, in any format, of the open document or
//! the library's. The files come from `core::formats`; what a download says is a notice
//! for the reducer.

use super::panels::{ExportChoice, ExportScope};
use crate::core::detect::suggest::Suggestion;
use crate::core::document::Document;
use crate::core::export::{file_name, to_json_marking};
use crate::core::formats::{download as one_file, download_project, media_type, File, Format, Options};
use crate::core::reduce::suggestions::with_suggestions;
use crate::core::state::{Notice, State};
use crate::core::store::Action;
use crate::glue;
use std::rc::Rc;

/// Downloads the open document's Marginalia JSON.
pub fn export(state: &State) -> Action {
    export_chosen(state, &ExportScope::Open, ExportChoice { format: Format::Marginalia, utf16: false })
}

/// Downloads `scope` in the format `choice` names.
pub fn export_chosen(state: &State, scope: &ExportScope, choice: ExportChoice) -> Action {
    let docs: Vec<&Document> = match scope {
        ExportScope::Open => vec![&state.doc],
        ExportScope::Library(docs, _) => docs.iter().collect(),
    };
    let options = Options { utf16: choice.utf16 && choice.format == Format::W3c, exported_at: glue::now_rfc3339() };
    let file = match scope {
        ExportScope::Library(_, Some(project)) => download_project(choice.format, &docs, &options, project),
        ExportScope::Library(_, None) => {
            glue::set_setting(BACKUP_SETTING, &options.exported_at); // "Export all" is a backup
            one_file(choice.format, &docs, &options)
        }
        ExportScope::Open => one_file(choice.format, &docs, &options),
    };
    let what = match docs.as_slice() {
        [doc] => format!("{} annotation(s)", doc.annotations.len()),
        _ => format!("{} document(s)", docs.len()),
    };
    save(&file, &format!("{what} as {}", choice.format.name()))
}

/// The `localStorage` key of when the library was last exported whole (RFC 3339).
pub const BACKUP_SETTING: &str = "marginalia.backup-at";

/// Downloads the export with `items` accepted on a copy, marked `"status": "suggested"`.
pub fn export_with_suggestions(state: &State, items: &[Rc<Suggestion>]) -> Action {
    let (doc, suggested) = with_suggestions(&state.doc, items);
    let json = to_json_marking(&doc, &glue::now_rfc3339(), &suggested);
    let file = File::text(file_name(&state.doc.title), json);
    save(&file, &format!("{} annotation(s) and {} suggestion(s)", state.doc.annotations.len(), suggested.len()))
}

/// Downloads `file` and says so (`what` was exported).
fn save(file: &File, what: &str) -> Action {
    let name = &file.path;
    Action::Notify(match glue::download(name, media_type(name), &file.bytes) {
        Ok(()) => Notice::info(format!("Exported {what} to {name}.")),
        Err(why) => Notice::error(format!("The export could not be saved: {why}.")),
    })
}
