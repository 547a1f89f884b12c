//! What components ask the root for: an [`Intent`] is only what needs the browser (the DOM
//! selection, a confirmation, a download, storage) or the root's own view state (which
//! panels are shown); everything else is a core action, sent as `Intent::Do`. Also the
//! properties shared by the components that show the document.

use crate::core::detect::suggest::Suggestion;
use crate::core::document::Document;
use crate::core::ids::{AnnotationId, DocNumber};
use crate::core::import::Imported;
use crate::core::offsets::Span;
use crate::core::pending::Choice;
use crate::core::state::Notice;
use crate::core::store::Action;
use super::panels::PanelChange;
use std::rc::Rc;
use yew::prelude::*;

/// What a component asks the root for.
#[derive(Clone, Debug, PartialEq)]
pub enum Intent {
    /// A change that needs nothing from the browser: straight to the reducer.
    Do(Action),
    /// Apply a label to the article's selection (read from the DOM), or relabel the
    /// selected annotation.
    Label(String),
    /// Select an annotation (and scroll the article to it when `scroll`).
    Select {
        /// The annotation, or none.
        id: Option<AnnotationId>,
        /// Scroll the article to it.
        scroll: bool,
    },
    /// Start a new document (the open one is saved to the library first).
    NewDocument,
    /// Load the sample (the open one is saved to the library first).
    LoadSample,
    /// Back the library up: show it, and say how ("Export all…").
    Backup,
    /// Open a document from the library (the open one is saved first).
    OpenStored {
        /// The document, read back and checked.
        imported: Rc<Imported>,
        /// Its number in the store.
        doc_number: DocNumber,
        /// Where to show it at (a search hit), selected.
        at: Option<Span>,
    },
    /// Select `span` of the document `number` once the article shows it (a search hit);
    /// tried again a few times while the article is being drawn.
    Reveal {
        /// The document.
        number: DocNumber,
        /// What to select.
        span: Span,
        /// Tries left.
        tries: u32,
    },
    /// Open the next (`true`) or previous document of the project.
    Walk(bool),
    /// Give the open project's schema to its documents.
    ApplyProjectLabels,
    /// Export the open project's documents with its schema.
    ExportProject,
    /// Download the open document's Marginalia JSON export at once ("Export now" when
    /// saving fails).
    Export,
    /// Download what the export dialog shows, in the format chosen there (the dialog
    /// then closes itself).
    ExportChosen,
    /// Download the export with these suggestions in it, marked as suggested.
    ExportWithSuggestions(Vec<Rc<Suggestion>>),
    /// Compare the open document (its coder named `first`, unless not `with_open`) with
    /// other coders' files and library documents (each with its name).
    Compare {
        /// The open document's coder's name.
        first: String,
        /// Whether the open document is the first coder's.
        with_open: bool,
        /// Files, each with its coder's name.
        files: Vec<(String, web_sys::File)>,
        /// Library documents (by key), each with its coder's name.
        library: Vec<(String, String)>,
    },
    /// Import the files the user picked or dropped (one file, or a folder's files).
    Import(Vec<web_sys::File>),
    /// Answer the question of a pending import.
    Choose(Choice),
    /// Undo the latest change (to the document, or to the library through storage).
    Undo,
    /// Redo the latest undone change.
    Redo,
    /// Put an orphaned annotation back at the article's selection (read from the DOM).
    Reattach(AnnotationId),
    /// Select a span of the article (a find match), ready for a label key.
    SelectSpan(Span),
    /// Apply a label to a find match (for a quote label: the whole quotation around it),
    /// then go back to the article with the new annotation selected.
    LabelMatch {
        /// Label name.
        label: String,
        /// The match.
        span: Span,
    },
    /// Move or extend the article's selection from the keyboard.
    Caret {
        /// "move" or "extend".
        alter: &'static str,
        /// "forward", "backward", "left", "right".
        direction: &'static str,
        /// "character", "word", "line", "lineboundary".
        granularity: &'static str,
    },
    /// Change what the root shows (the library, the label editor, Find, the suggestion
    /// queue, the export dialog).
    Panel(PanelChange),
}

impl Intent {
    /// Say that something was done.
    pub fn info(text: impl Into<String>) -> Intent {
        Intent::Do(Action::Notify(Notice::info(text)))
    }

    /// Say why something the user did was not done.
    pub fn refuse(text: impl Into<String>) -> Intent {
        Intent::Do(Action::Notify(Notice::error(text)))
    }
}

/// Properties of the components that show the document and its selected annotation.
#[derive(Properties, PartialEq)]
pub struct DocProps {
    /// The document.
    pub doc: Rc<Document>,
    /// The selected annotation.
    pub selected: Option<AnnotationId>,
    /// Where the user's intents go.
    pub on_intent: Callback<Intent>,
}
