//! The reducer's whole-document actions: replacing the open document (keeping the
//! history of the one it replaces), opening an imported file as a new document, merging
//! or replacing from a file with the same text, replaying a library operation, and
//! restoring the saved session.

use super::ids::DocNumber;
use super::import::Imported;
use super::library_history::{Done, LibraryOp};
use super::merge;
use super::store::{Restored, Mode, Reopen, State};
use super::document::Document;
use super::messages::{capitalise, preview};
use std::rc::Rc;

impl State {
    /// Opens `doc` under `number`, or under a new number if `None`. The history of the
    /// document it replaces is kept for when that one is opened again.
    pub(super) fn replace_document(&mut self, doc: Document, mode: Mode, number: Option<DocNumber>) {
        let history = std::mem::take(&mut self.history);
        if history.can_undo() || history.can_redo() {
            self.histories.insert(self.doc_number, history);
        }
        // A new document never overwrites the saved copy of the one it replaces, unless
        // that one is empty (a new document's box, replaced by the text pasted into it).
        let empty = self.doc.text.is_empty() && self.doc.annotations.is_empty();
        self.doc_number = match number {
            Some(n) => n,
            None if empty => self.doc_number,
            None => self.next_doc_number,
        };
        self.next_doc_number = self.next_doc_number.max(self.doc_number.next());
        self.history = self.histories.remove(&self.doc_number).unwrap_or_default();
        self.doc = Rc::new(doc);
        self.mode = mode;
        self.selected = None;
        self.picking = None;
        self.pending = None;
        self.progress = None;
    }

    pub(super) fn open_imported(&mut self, imported: Imported, file: String) -> String {
        let Imported { doc, added_labels } = imported;
        let mut message = format!("Imported “{}” with {} annotation(s).", preview(&doc.title), doc.annotations.len());
        if !added_labels.is_empty() {
            message.push_str(&format!(
                " Labels used in the file but missing from its schema were added: {}.",
                added_labels.join(", ")
            ));
        }
        let previous = (!(self.doc.text.is_empty() && self.doc.annotations.is_empty())).then_some(self.doc_number);
        self.replace_document(doc, Mode::Annotating, None);
        self.seq += 1;
        let op = LibraryOp::Opened { number: self.doc_number, previous, file, record: None };
        self.library.record(Done { seq: self.seq, op });
        message
    }

    pub(super) fn import_into(&mut self, imported: &Imported, file: &str, replace: bool) -> Result<String, String> {
        if imported.doc.text.sha256_hex() != self.doc.text.sha256_hex() {
            return Err(format!("“{file}” was not imported: its text is not the open document's."));
        }
        self.pending = None;
        self.progress = None;
        let plan = if replace { merge::replace(&self.doc, &imported.doc) } else { merge::merge(&self.doc, &imported.doc) };
        let message = if replace {
            format!("Replaced the annotations of “{}” with the {} of “{file}”.", preview(&self.doc.title), plan.added)
        } else {
            format!(
                "Merged “{file}” into “{}”: {} annotation(s) added, {} already there.",
                preview(&self.doc.title),
                plan.added,
                plan.already_there
            )
        };
        let doc = Rc::make_mut(&mut self.doc);
        doc.next_id = plan.next_id;
        doc.next_entity = plan.next_entity;
        Ok(self.commit(message, plan.edits, None))
    }

    pub(super) fn library_replayed(&mut self, forward: bool, op: LibraryOp, open: Option<Box<Reopen>>) -> String {
        let description = op.description();
        self.library.replayed(forward, op);
        self.library_changes += 1;
        if let Some(reopen) = open {
            let Reopen { doc, number, editing } = *reopen;
            if editing {
                self.draft = Rc::from("");
            }
            self.replace_document(doc, if editing { Mode::Editing } else { Mode::Annotating }, Some(number));
        }
        capitalise(&format!("{}: {description}.", if forward { "Redone" } else { "Undone" }))
    }

    pub(super) fn restore(&mut self, restored: Restored) -> String {
        let Restored { imported, doc_number, next_doc_number, editing, draft, selected } = restored;
        let title = preview(&imported.doc.title);
        let count = imported.doc.annotations.len();
        let mode = if editing { Mode::Editing } else { Mode::Annotating };
        self.replace_document(imported.doc, mode, Some(doc_number));
        self.next_doc_number = next_doc_number.max(doc_number.next());
        self.draft = Rc::from(draft.as_str());
        self.selected = selected;
        format!("Welcome back: “{title}” is as you left it, with {count} annotation(s).")
    }

}
