//! The Yew user interface: function components that render `core` state and turn user
//! events into `core::store::Action`s. One reducer ([`state::AppState`]) holds the state;
//! side effects (keyboard listener, highlights, downloads) run in effects and callbacks,
//! never inside the reducer.
//!
//! **Architecture Invariant:** components never read the DOM themselves; they go
//! through `glue`.

mod annotation_list;
mod app;
mod article;
mod autosave;
mod agreement_view;
mod compare_dialog;
mod comparing;
mod editor;
mod export_dialog;
mod exporting;
mod entity_index;
mod entity_panel;
mod fields;
mod find_bar;
mod header;
mod import_dialog;
mod importing;
mod intent;
mod keymap;
mod label_editor;
mod modal;
mod library;
mod library_ops;
mod library_search;
mod project_ops;
mod notice;
mod panels;
mod quote_panel;
mod report_view;
mod revision_report;
mod selection_panel;
mod shortcuts_dialog;
mod side_views;
mod source_panel;
mod suggesting;
mod suggestion_queue;
mod state;
mod toolbar;
mod who_said_what;
mod workflow;

pub use app::App;

/// Mounts the app on the page's body and registers the offline service worker.
pub fn start() {
    crate::glue::register_service_worker();
    yew::Renderer::<App>::new().render();
}
