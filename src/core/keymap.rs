//! The keyboard shortcuts: a key press, described as data, and the state of the app give
//! the [`Command`] it means, or none. Pure, so every key is tested natively; the browser
//! side only describes the event and carries the command out.
//!
//! | key | where | command |
//! |---|---|---|
//! | a label's hotkey (1–7 by default) | annotating | label the selection, or relabel the selected annotation |
//! | S | an annotation selected | pick a speaker for the selected quote |
//! | Delete, Backspace | an annotation selected | delete it |
//! | Escape | annotating | clear the selection |
//! | Ctrl+Z; Ctrl+Shift+Z, Ctrl+Y | anywhere outside a text field | undo; redo |
//! | Ctrl+F | annotating | open Find |
//! | arrows, Home, End (Shift to extend, Ctrl by word) | the article | move the caret |
//! | Tab, Shift+Tab | the article | the next or previous annotation (past the last, Tab leaves the article) |
//! | Enter | the article, an annotation a revision changed selected | confirm it (it no longer needs review) |
//! | ? | anywhere outside a text field | show the keyboard shortcuts |
//! | Ctrl+S | annotating, text fields too | open the export dialog |
//! | ] and [ | annotating, unless a label has the key | the next or previous document of the project |
//!
//! Keys typed into a text field (but Ctrl+S), while composing (an input method), or with
//! Alt are never shortcuts; in a text field Ctrl+Z undoes typing as usual. Cmd counts as
//! Ctrl.
//!
//! ```
//! use marginalia::core::keymap::{command, Command, KeyPress};
//! use marginalia::core::state::State;
//! let state = State::default();
//! assert_eq!(command(&KeyPress::key("1"), &state), Some(Command::Label("Person".into())));
//! assert_eq!(command(&KeyPress::key("z").ctrl(), &state), Some(Command::Undo));
//! assert_eq!(command(&KeyPress { in_text_field: true, ..KeyPress::key("1") }, &state), None);
//! ```

use super::ids::AnnotationId;
use super::state::{Mode, State};

/// A key press, as the browser reports it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KeyPress<'k> {
    /// `KeyboardEvent.key`: "a", "A", "1", "Enter", "ArrowLeft", "Tab".
    pub key: &'k str,
    /// Ctrl or Cmd held.
    pub ctrl: bool,
    /// Shift held.
    pub shift: bool,
    /// Alt held.
    pub alt: bool,
    /// An input method is composing.
    pub composing: bool,
    /// The focus is in a text field (input, text area, select, editable).
    pub in_text_field: bool,
    /// The focus is in the article.
    pub in_article: bool,
}

impl<'k> KeyPress<'k> {
    /// `key` pressed alone, outside the article and any text field.
    pub fn key(key: &'k str) -> KeyPress<'k> {
        KeyPress { key, ctrl: false, shift: false, alt: false, composing: false, in_text_field: false, in_article: false }
    }

    /// With Ctrl held.
    pub fn ctrl(self) -> KeyPress<'k> {
        KeyPress { ctrl: true, ..self }
    }

    /// With Shift held.
    pub fn shift(self) -> KeyPress<'k> {
        KeyPress { shift: true, ..self }
    }

    /// With the focus in the article.
    pub fn in_article(self) -> KeyPress<'k> {
        KeyPress { in_article: true, ..self }
    }
}

/// What a shortcut asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    /// Label the selection, or relabel the selected annotation.
    Label(String),
    /// Select an annotation (or clear the selection), scrolling to it when `scroll`.
    Select {
        /// The annotation, or none.
        id: Option<AnnotationId>,
        /// Scroll the article to it.
        scroll: bool,
    },
    /// Delete the selected annotation.
    Delete,
    /// Pick a speaker for the selected quote.
    PickSpeaker,
    /// Undo the latest change.
    Undo,
    /// Redo the latest undone change.
    Redo,
    /// Open Find with its box focused.
    OpenFind,
    /// Move or extend the article's selection (the `Selection.modify` arguments).
    Caret {
        /// "move" or "extend".
        alter: &'static str,
        /// "forward", "backward", "left", "right".
        direction: &'static str,
        /// "character", "word", "line", "lineboundary".
        granularity: &'static str,
    },
    /// Confirm an annotation a revision changed.
    ConfirmReview(AnnotationId),
    /// Show the keyboard shortcuts.
    ShowShortcuts,
    /// Open the export dialog.
    Export,
    /// Open the next (`forward`) or previous document of the open document's project.
    WalkProject {
        /// Next, or previous.
        forward: bool,
    },
}

/// Every shortcut, as the "Keyboard shortcuts" dialog lists it (with the label keys of the
/// schema before these): the keys, and what they do.
pub const SHORTCUTS: [(&str, &str); 18] = [
    ("S", "Pick a speaker for the selected quote: type a few letters of a name, Enter takes the first"),
    ("Delete, Backspace", "Delete the selected annotation"),
    ("Escape", "Clear the selection; close Find or a dialog"),
    ("Ctrl+Z", "Undo"),
    ("Ctrl+Shift+Z, Ctrl+Y", "Redo"),
    ("Ctrl+F", "Find in the article; Enter goes to the next match, a label key then marks it"),
    ("Shift+Enter", "In Find: the previous match"),
    ("Arrows, Home, End", "In the article: move the caret"),
    ("Shift+arrows", "In the article: extend the selection"),
    ("Ctrl+arrows", "In the article: move or extend by word"),
    ("Tab, Shift+Tab", "In the article: the next or previous annotation"),
    ("Enter", "In the article: confirm an annotation a revision changed"),
    ("Alt (while selecting)", "Keep the exact characters selected (no snapping to whole words)"),
    ("Tab (first)", "Skip to article"),
    ("1, 2, 3, 0 (Disagreements)", "Compare view: take A, take B, both, neither"),
    ("], [", "The next or previous document of the project (batch work)"),
    ("Ctrl+S", "Export (the dialog opens on the format chosen last; Enter downloads)"),
    ("?", "Show these shortcuts"),
];

/// The command `press` means in `state`, if it is a shortcut.
pub fn command(press: &KeyPress, state: &State) -> Option<Command> {
    if press.composing || press.alt {
        return None;
    }
    let key = press.key.to_lowercase();
    let annotating = state.mode == Mode::Annotating;
    // Ctrl+S exports, from a text field too (the browser would save the page instead).
    if press.ctrl && !press.shift && key == "s" && annotating {
        return Some(Command::Export);
    }
    if press.in_text_field {
        return None;
    }
    if press.ctrl && !press.shift && key == "f" && annotating {
        return Some(Command::OpenFind);
    }
    if press.key == "?" && !press.ctrl {
        return Some(Command::ShowShortcuts);
    }
    if !annotating {
        return if press.ctrl { undo_keys(&key, press.shift) } else { None };
    }
    if press.in_article {
        let alter = if press.shift { "extend" } else { "move" };
        let by = if press.ctrl { "word" } else { "character" };
        let caret = |direction, granularity| Some(Command::Caret { alter, direction, granularity });
        match press.key {
            "ArrowRight" => return caret("right", by),
            "ArrowLeft" => return caret("left", by),
            "ArrowDown" => return caret("forward", "line"),
            "ArrowUp" => return caret("backward", "line"),
            "Home" => return caret("backward", "lineboundary"),
            "End" => return caret("forward", "lineboundary"),
            // Past the last (or before the first) annotation, Tab leaves the article.
            "Tab" if !press.ctrl => return state.neighbour(!press.shift).map(|id| Command::Select { id: Some(id), scroll: true }),
            "Enter" if !press.ctrl => {
                return state.selected_annotation().filter(|a| a.changed_from.is_some()).map(|a| Command::ConfirmReview(a.id));
            }
            _ => {}
        }
    }
    if press.ctrl {
        return undo_keys(&key, press.shift);
    }
    match press.key {
        "Escape" => Some(Command::Select { id: None, scroll: false }),
        "Delete" | "Backspace" if state.selected.is_some() => Some(Command::Delete),
        key => match state.doc.labels.by_hotkey(key) {
            Some(l) => Some(Command::Label(l.name.clone())),
            None if key.eq_ignore_ascii_case("s") && state.selected.is_some() => Some(Command::PickSpeaker),
            None if key == "]" || key == "[" => Some(Command::WalkProject { forward: key == "]" }),
            None => None,
        },
    }
}

/// Ctrl+Z undoes; Ctrl+Shift+Z and Ctrl+Y redo.
fn undo_keys(key: &str, shift: bool) -> Option<Command> {
    match (key, shift) {
        ("z", false) => Some(Command::Undo),
        ("z", true) | ("y", false) => Some(Command::Redo),
        _ => None,
    }
}
