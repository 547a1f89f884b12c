//! What components ask the root for: an [`Intent`] (what needs the browser or the root's
//! own view state) or, through `Intent::Do`, a core action; and the properties shared by
//! the components that show the document.

use crate::core::detect::suggest::Suggestion;
use crate::core::document::Document;
use crate::core::ids::{AnnotationId, DocNumber};
use crate::core::import::Imported;
use crate::core::library_history::LibraryOp;
use crate::core::offsets::Span;
use crate::core::pending::Choice;
use crate::core::store::Action;
use std::rc::Rc;
use yew::prelude::*;

/// Actions the components can ask for; the root turns them into state actions, reading
/// the DOM selection or asking the user first where needed.
#[derive(Clone, Debug, PartialEq)]
pub enum Intent {
    /// Apply a label to the selection, or relabel the selected annotation.
    Label(String),
    /// Select an annotation (and scroll to it when `scroll`).
    Select { id: Option<AnnotationId>, scroll: bool },
    /// Delete the selected annotation.
    Delete,
    /// A change that needs nothing from the browser: straight to the reducer.
    Do(Action),
    /// Start annotating a pasted text.
    Start { text: String, replaced_surrogates: usize },
    /// The article box changed (reported after a pause in typing).
    Draft(String),
    /// Rename the document.
    Title(String),
    /// Go back to editing the text.
    EditText,
    /// Discard the document (after asking if it has annotations).
    NewDocument,
    /// Load the sample (after asking if the document has annotations).
    LoadSample,
    /// Download the JSON export.
    Export,
    /// Hide the message.
    Dismiss,
    /// Show why something the user did was refused.
    Refuse(String),
    /// Import a file the user picked or dropped.
    Import(web_sys::File),
    /// Show or hide the library.
    ToggleLibrary,
    /// Show or hide the label schema editor.
    ToggleLabelEditor,
    /// Show "Find" (again) with its box focused.
    OpenFind,
    /// Hide "Find".
    CloseFind,
    /// Select a span of the article (a find match), ready for a label key.
    SelectSpan(Span),
    /// Move or extend the article's selection from the keyboard.
    Caret {
        /// "move" or "extend".
        alter: &'static str,
        /// "forward", "backward", "left", "right".
        direction: &'static str,
        /// "character", "word", "line".
        granularity: &'static str,
    },
    /// Open a document from the library.
    OpenStored { imported: Rc<Imported>, doc_number: DocNumber },
    /// Take the next document number (the library makes a copy under it).
    TakeDocNumber,
    /// Say that something was done.
    Notify(String),
    /// Undo the latest change (to the document or the library).
    Undo,
    /// Redo the latest undone change.
    Redo,
    /// Answer the question of a pending import.
    Choose(Choice),
    /// A library operation was carried out (a document deleted): make it undoable.
    LibraryDone(LibraryOp),
    /// Show or hide suggestions.
    ToggleSuggest,
    /// Move the suggestion queue to its `n`th suggestion.
    FocusSuggestion(usize),
    /// Download the export with these suggestions in it, marked as suggested.
    ExportWithSuggestions(Vec<Suggestion>),
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
