//! The project commands that read or write stored documents: "Next document" and
//! "Previous document" (walk the project in order), "Apply to documents" (the project's
//! schema given to each stored document, one library operation that undo takes back, and
//! to the open document as one undoable step), and "Export project…". What a project is
//! and the rule of a schema are `core::projects`.

use super::importing::load_key;
use super::intent::Intent;
use super::panels::{ExportScope, PanelChange};
use super::workflow::Workflow;
use crate::core::document::Document;
use crate::core::ids::{DocNumber, Id};
use crate::core::labels::LabelSet;
use crate::core::library::record;
use crate::core::library_history::LibraryOp;
use crate::core::messages::preview;
use crate::core::projects::{conform, say_applied, Project};
use crate::core::store::Action;
use crate::glue;
use std::rc::Rc;
use yew::platform::spawn_local;

/// Opens the next (`forward`) or previous document of the open document's project,
/// skipping any that is empty or can no longer be read.
pub fn walk(flow: Workflow, forward: bool) {
    let (candidates, name) = flow.read(|s| {
        let key = s.doc_number.to_string();
        (s.projects.walk(&key, forward), s.projects.of(&key).name.clone())
    });
    let Some(storage) = flow.storage().get() else {
        return flow.refuse("This browser's storage is not available, so there is no other document to open.".into());
    };
    spawn_local(async move {
        for key in candidates {
            let Some(number) = DocNumber::parse(&key) else { continue };
            if let Ok((_, imported)) = load_key(&storage, &key).await {
                if !imported.doc.text.is_empty() {
                    return flow.emit(Intent::OpenStored { imported: Rc::new(imported), doc_number: number, at: None });
                }
            }
        }
        let end = if forward { "last" } else { "first" };
        flow.emit(Intent::info(format!("This is the {end} document of the project “{}”.", preview(&name))));
    });
}

/// Gives the schema of `project` to each of its documents: the stored ones in one library
/// operation, the open one (if it is in the project) as a step of its own.
pub fn apply_schema(flow: Workflow, project: Rc<Project>) {
    let Some(storage) = flow.storage().get() else {
        return flow.refuse("This browser's storage is not available, so the project's documents cannot be changed.".into());
    };
    let open = flow.read(|s| s.doc_number.to_string());
    let schema = project.labels.to_vec();
    spawn_local(async move {
        let now = glue::now_rfc3339();
        let (mut before, mut after, mut results, mut unchanged) = (Vec::new(), Vec::new(), Vec::new(), 0);
        for key in project.docs.iter().filter(|k| **k != open) {
            let Ok((_, imported)) = load_key(&storage, key).await else { continue };
            let doc = imported.doc;
            let (labels, what) = conform(&doc, &schema);
            if labels == doc.labels.to_vec() {
                unchanged += 1;
                continue;
            }
            let Ok(labels) = LabelSet::new(labels) else { continue };
            let changed = Document { labels, ..doc.clone() };
            let record_after = record(&changed, key, &now);
            if let Err(why) = storage.put_record(&record_after).await {
                return flow.refuse(format!("The project's labels were not given to “{}”: {why}.", preview(&doc.title)));
            }
            before.push(record(&doc, key, &now));
            after.push(record_after);
            results.push(what);
        }
        // The open document: its own step (first, so the message says what was done to all).
        let open_changes = project.docs.contains(&open) && flow.read(|s| conform(&s.doc, &schema).0 != s.doc.labels.to_vec());
        if open_changes {
            flow.dispatch(Action::ConformToProject);
        }
        if !results.is_empty() {
            let what = format!("gave the labels of “{}” to the project's documents ({})", preview(&project.name), say_applied(&results, unchanged));
            flow.dispatch(Action::LibraryDone(LibraryOp::Changed { what, before, after }));
        } else if !open_changes {
            flow.dispatch(Action::Notify(crate::core::state::Notice::info(format!(
                "Every document of “{}” already has its labels ({}).",
                preview(&project.name),
                say_applied(&[], unchanged)
            ))));
        }
    });
}

/// Reads every document of `project` from storage and opens the export dialog on them,
/// with the project's schema.
pub fn export_project(flow: Workflow, project: Rc<Project>) {
    let Some(storage) = flow.storage().get() else {
        return flow.refuse("This browser's storage is not available, so the project cannot be exported.".into());
    };
    spawn_local(async move {
        let mut docs = Vec::new();
        for key in &project.docs {
            match load_key(&storage, key).await {
                Ok((_, imported)) if !imported.doc.text.is_empty() => docs.push(imported.doc),
                Ok(_) => {}
                Err(why) if why.contains("no longer") => {}
                Err(why) => return flow.refuse(format!("Not exported: the saved document {key} is damaged: {why}.")),
            }
        }
        if docs.is_empty() {
            return flow.emit(Intent::info(format!("The project “{}” holds no document to export.", preview(&project.name))));
        }
        flow.emit(Intent::Panel(PanelChange::OpenExport(ExportScope::Library(Rc::new(docs), Some(project)))));
    });
}
