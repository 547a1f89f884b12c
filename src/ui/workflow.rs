//! What the app's longer workflows (an import, undoing a library operation, the library's
//! own commands) get from the root: the one entrance to the reducer, the state as last
//! rendered, and the storage. They change the state only through [`Workflow::dispatch`],
//! which goes through the same intent callback as every component.

use super::autosave::StorageSlot;
use super::intent::Intent;
use crate::core::state::{Notice, State};
use crate::core::store::Action;
use std::cell::RefCell;
use std::rc::Rc;
use yew::Callback;

/// The root's handles, for work that outlives one event.
#[derive(Clone)]
pub struct Workflow {
    on_intent: Callback<Intent>,
    latest: Rc<RefCell<State>>,
    storage: StorageSlot,
}

impl PartialEq for Workflow {
    fn eq(&self, other: &Self) -> bool {
        self.on_intent == other.on_intent && Rc::ptr_eq(&self.latest, &other.latest) && self.storage == other.storage
    }
}

impl Workflow {
    /// The workflow handles of the root.
    pub fn new(on_intent: Callback<Intent>, latest: Rc<RefCell<State>>, storage: StorageSlot) -> Workflow {
        Workflow { on_intent, latest, storage }
    }

    /// Sends `action` to the reducer.
    pub fn dispatch(&self, action: Action) {
        self.on_intent.emit(Intent::Do(action));
    }

    /// Sends `intent` to the root.
    pub fn emit(&self, intent: Intent) {
        self.on_intent.emit(intent);
    }

    /// Sends `intent` to the root after the browser has drawn what is pending.
    pub fn emit_soon(&self, intent: Intent) {
        let on_intent = self.on_intent.clone();
        gloo::timers::callback::Timeout::new(50, move || on_intent.emit(intent)).forget();
    }

    /// Reads the state as last rendered (the borrow ends before anything is dispatched).
    pub fn read<T>(&self, f: impl FnOnce(&State) -> T) -> T {
        f(&self.latest.borrow())
    }

    /// The storage.
    pub fn storage(&self) -> &StorageSlot {
        &self.storage
    }

    /// Saves the open document now, before another one replaces it.
    pub fn flush(&self) {
        let state = self.latest.borrow();
        self.storage.flush(&state);
    }

    /// Shows why something was not done.
    pub fn refuse(&self, text: String) {
        self.dispatch(Action::Notify(Notice::error(text)));
    }
}
