//! `Action::Project` and `Action::ConformToProject`: the projects (`core::projects`) and the
//! open document's place in them. Making, renaming, opening a project and moving a
//! document change `State::projects` (they are not document edits, so not undone);
//! the open document taking its project's schema is one undoable step of the document.

use super::labels::schema_step;
use super::refusal::Refusal;
use super::{unchanged, Reduced};
use crate::core::document::Document;
use crate::core::edits::Transaction;
use crate::core::ids::{AnnotationId, DocNumber};
use crate::core::messages::preview;
use crate::core::projects::{conform, Projects};
use crate::core::state::State;
use std::rc::Rc;

/// A command on the projects.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProjectCommand {
    /// Make a project of this name, its schema the open document's labels, and open it.
    Create(String),
    /// Rename the project `id`.
    Rename {
        /// The project.
        id: String,
        /// Its new name.
        name: String,
    },
    /// Open the project with this id (the library lists it; new documents go to it).
    Open(String),
    /// Move the document `key` to the project `to`.
    Move {
        /// The document's key (`d<number>`).
        key: String,
        /// The project's id.
        to: String,
    },
    /// The open document's labels become its project's schema.
    TakeDocumentLabels,
    /// Documents of a project bundle join the project of this name (made with `labels` if
    /// there is none), which opens.
    Join {
        /// The project's name.
        name: String,
        /// Its schema, for a project made now.
        labels: crate::core::labels::LabelSet,
        /// The documents' keys.
        keys: Vec<String>,
    },
}

/// Carries out `command` on `state.projects`.
pub fn project(state: &mut State, command: ProjectCommand) -> Result<String, Refusal> {
    let projects = Rc::make_mut(&mut state.projects);
    match command {
        ProjectCommand::Create(name) => {
            let id = projects.create(&name, state.doc.labels.clone()).map_err(Refusal::Project)?;
            let name = preview(&projects.get(&id).map(|p| p.name.clone()).unwrap_or_default());
            Ok(format!("Project “{name}” made with this document's labels; new documents go to it."))
        }
        ProjectCommand::Rename { id, name } => {
            projects.rename(&id, &name).map_err(Refusal::Project)?;
            Ok(format!("Project renamed “{}”.", preview(name.trim())))
        }
        ProjectCommand::Open(id) => {
            projects.select(&id).map_err(Refusal::Project)?;
            Ok(format!("Project “{}” open: new documents go to it.", preview(&projects.open().name)))
        }
        ProjectCommand::Move { key, to } => {
            projects.move_doc(&key, &to).map_err(Refusal::Project)?;
            let name = preview(&projects.get(&to).map(|p| p.name.clone()).unwrap_or_default());
            Ok(format!("Moved to the project “{name}”."))
        }
        ProjectCommand::Join { name, labels, keys } => {
            let found = projects.list.iter().find(|p| p.name.to_lowercase() == name.trim().to_lowercase()).map(|p| p.id.clone());
            let id = match found {
                Some(id) => id,
                None => projects.create(&name, labels).map_err(Refusal::Project)?,
            };
            for key in &keys {
                projects.move_doc(key, &id).map_err(Refusal::Project)?;
            }
            projects.open = id;
            Ok(format!("{} document(s) joined the project “{}”.", keys.len(), preview(&projects.open().name)))
        }
        ProjectCommand::TakeDocumentLabels => {
            let key = state.doc_number.to_string();
            let id = projects.of(&key).id.clone();
            projects.set_labels(&id, state.doc.labels.clone()).map_err(Refusal::Project)?;
            let project = projects.get(&id).expect("just set");
            let others = project.docs.iter().filter(|k| **k != key).count();
            Ok(format!(
                "The project “{}” now has this document's {} labels. “Apply to documents” in the library gives them to its {others} other document(s).",
                preview(&project.name),
                state.doc.labels.iter().count()
            ))
        }
    }
}

/// The open document takes the schema of its project (`projects::conform`), as one step.
pub fn conform_to_project(doc: &Document, projects: &Projects, number: DocNumber, selected: Option<AnnotationId>) -> Reduced {
    let project = projects.of(&number.to_string());
    let (labels, what) = conform(doc, &project.labels.to_vec());
    if labels == doc.labels.to_vec() {
        return unchanged(format!("This document already has the labels of “{}”.", preview(&project.name)));
    }
    let message = format!("This document now has the labels of “{}”.{}", preview(&project.name), what.kept_note());
    schema_step(Transaction::new(doc), selected, labels, message)
}

/// After any action that opened another document: it belongs to a project (a new one joins
/// the open project), and opening a document of another project opens that project. Other
/// actions leave the open document where it is (a number reused for a new document's box
/// is moved by `NewDocument` itself), so the lists are not searched on every key press.
pub fn follow(state: &mut State, opened_another: bool) {
    if !opened_another {
        return;
    }
    let key = state.doc_number.to_string();
    if !state.projects.lists(&key) {
        Rc::make_mut(&mut state.projects).adopt(&key);
    } else if state.projects.of(&key).id != state.projects.open {
        let id = state.projects.of(&key).id.clone();
        Rc::make_mut(&mut state.projects).open = id;
    }
}
