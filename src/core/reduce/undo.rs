//! `Action::Undo` and `Action::Redo` of the open document's steps (`core::history`); which
//! of a document step and a library operation comes next is `core::library_history::next`,
//! and a library operation is replayed by glue, then reported with
//! `Action::LibraryReplayed`.

use super::refusal::Refusal;
use crate::core::state::State;
use std::rc::Rc;

/// Undoes (`forward == false`) or redoes the latest step, and restores the selection it
/// had before or after, if that annotation still exists.
pub fn replay(state: &mut State, forward: bool) -> Result<String, Refusal> {
    let doc = Rc::make_mut(&mut state.doc);
    let (step, verb) = if forward {
        (state.history.redo(doc).ok_or(Refusal::NothingToRedo)?, "Redone")
    } else {
        (state.history.undo(doc).ok_or(Refusal::NothingToUndo)?, "Undone")
    };
    let selected = if forward { step.selected_after } else { step.selected_before };
    let message = format!("{verb}: {}", step.description);
    state.selected = selected.filter(|id| state.doc.annotations.get(*id).is_some());
    state.journal.record(&step.edits, !forward, &state.doc, state.selected);
    Ok(message)
}
