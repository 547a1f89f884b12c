//! What the root shows beside the document: the library, the label editor, Find, the
//! suggestions and where the suggestion queue is. View state only (nothing here is saved
//! or undone), changed by its own small reducer.

use std::rc::Rc;
use yew::Reducible;

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
}

impl Default for Panels {
    fn default() -> Self {
        Panels { library: false, labels: false, find: None, suggesting: true, current: 0, queue: 0 }
    }
}

/// A change of the panels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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
}

impl Reducible for Panels {
    type Action = PanelChange;

    fn reduce(self: Rc<Self>, change: PanelChange) -> Rc<Self> {
        let mut p = (*self).clone();
        match change {
            PanelChange::ToggleLibrary => p.library = !p.library,
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
        }
        Rc::new(p)
    }
}
