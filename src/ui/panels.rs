//! What the root shows beside the document: the library, the label editor, Find, the
//! suggestions, where the suggestion queue is, and the export dialog with the format
//! chosen in it. View state only (nothing here is undone, and only whether "Suggest" is
//! on is kept, as a setting of this browser), changed by its own small reducer.

use crate::core::document::Document;
use crate::core::formats::Format;
use crate::core::projects::Project;
use std::rc::Rc;
use yew::Reducible;

/// What the export dialog exports.
#[derive(Clone, Debug)]
pub enum ExportScope {
    /// The open document.
    Open,
    /// The library's documents, read back and checked, and the project they are (for
    /// "Export project…", with its schema), if any.
    Library(Rc<Vec<Document>>, Option<Rc<Project>>),
}

impl PartialEq for ExportScope {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (ExportScope::Open, ExportScope::Open) => true,
            (ExportScope::Library(a, _), ExportScope::Library(b, _)) => Rc::ptr_eq(a, b),
            _ => false,
        }
    }
}

impl Eq for ExportScope {}

/// The export dialog's choices; they stay chosen for the next export.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExportChoice {
    /// The format.
    pub format: Format,
    /// W3C Web Annotation only: positions in UTF-16 code units.
    pub utf16: bool,
}

/// The `localStorage` key of whether "Suggest" is on.
pub const SUGGEST_SETTING: &str = "marginalia.suggest";

/// The panels shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Panels {
    /// The library is shown instead of the document.
    pub library: bool,
    /// "Edit labels" is open.
    pub labels: bool,
    /// "Find" is shown while `Some`; the number changes at each Ctrl+F, to focus its box.
    pub find: Option<u64>,
    /// Suggestions are worked out and shown.
    pub suggesting: bool,
    /// The suggestion the queue is at.
    pub current: usize,
    /// Changes each time the queue should come to the front (a suggestion clicked,
    /// "Suggest" turned on).
    pub queue: u64,
    /// The export dialog is open on this.
    pub export: Option<ExportScope>,
    /// What the export dialog has chosen.
    pub export_choice: ExportChoice,
    /// The compare dialog is open.
    pub compare: bool,
    /// The disagreement the compare view is at.
    pub disagreement: usize,
    /// Changes each time the agreement view should come to the front.
    pub agreement: u64,
    /// The "Keyboard shortcuts" dialog is open.
    pub shortcuts: bool,
    /// The printable report is shown instead of the document.
    pub report: bool,
}

impl Default for Panels {
    fn default() -> Self {
        Panels {
            library: false,
            labels: false,
            find: None,
            // As the user last left it in this browser (on at first).
            suggesting: crate::glue::setting(SUGGEST_SETTING).is_none_or(|v| v != "off"),
            current: 0,
            queue: 0,
            export: None,
            export_choice: ExportChoice { format: Format::Marginalia, utf16: false },
            compare: false,
            disagreement: 0,
            agreement: 0,
            shortcuts: false,
            report: false,
        }
    }
}

/// A change of the panels.
#[derive(Clone, Debug, PartialEq)]
pub enum PanelChange {
    /// Show or hide the library.
    ToggleLibrary,
    /// Hide the library (a document was opened from it).
    CloseLibrary,
    /// Show or hide "Edit labels".
    ToggleLabelEditor,
    /// Show "Find" and focus its box.
    OpenFind,
    /// Hide "Find".
    CloseFind,
    /// Turn suggestions on (bringing the queue to the front) or off.
    ToggleSuggest,
    /// Move the queue to its `n`th suggestion and bring it to the front.
    FocusSuggestion(usize),
    /// Open the export dialog on the open document or the library's.
    OpenExport(ExportScope),
    /// Choose a format or an option in the export dialog.
    ChooseExport(ExportChoice),
    /// Close the export dialog.
    CloseExport,
    /// Open the compare dialog.
    OpenCompare,
    /// Close the compare dialog.
    CloseCompare,
    /// Move the compare view to its `n`th disagreement (and bring it to the front).
    FocusDisagreement(usize),
    /// Open or close the "Keyboard shortcuts" dialog.
    ToggleShortcuts,
    /// Close the "Keyboard shortcuts" dialog.
    CloseShortcuts,
    /// Show or hide the printable report.
    ToggleReport,
}

impl Reducible for Panels {
    type Action = PanelChange;

    fn reduce(self: Rc<Self>, change: PanelChange) -> Rc<Self> {
        let mut p = (*self).clone();
        match change {
            PanelChange::ToggleLibrary => {
                p.library = !p.library;
                p.report &= !p.library;
            }
            PanelChange::CloseLibrary => p.library = false,
            PanelChange::ToggleLabelEditor => p.labels = !p.labels,
            PanelChange::OpenFind => p.find = Some(p.find.map_or(0, |n| n + 1)),
            PanelChange::CloseFind => p.find = None,
            PanelChange::ToggleSuggest => {
                if !p.suggesting {
                    p.queue += 1;
                }
                p.suggesting = !p.suggesting;
            }
            PanelChange::FocusSuggestion(n) => {
                p.current = n;
                p.queue += 1;
            }
            PanelChange::OpenExport(scope) => p.export = Some(scope),
            PanelChange::ChooseExport(choice) => p.export_choice = choice,
            PanelChange::CloseExport => p.export = None,
            PanelChange::OpenCompare => p.compare = true,
            PanelChange::CloseCompare => p.compare = false,
            PanelChange::FocusDisagreement(n) => {
                p.disagreement = n;
                p.agreement += 1;
            }
            PanelChange::ToggleShortcuts => p.shortcuts = !p.shortcuts,
            PanelChange::CloseShortcuts => p.shortcuts = false,
            PanelChange::ToggleReport => {
                p.report = !p.report;
                p.library &= !p.report;
            }

        }
        Rc::new(p)
    }
}
