//! Autosave: a hook that reopens the work saved in this browser when the app starts,
//! then saves every change within about half a second and when the page is hidden, and
//! reports a save status that is always visible.
//!
//! Nothing is saved until the saved work has been read back, so a fresh start never
//! overwrites it; if it cannot be read, nothing is saved at all and the user is told.

use super::state::AppState;
use crate::core::session::{restore, snapshot};
use crate::core::store::{Action, Mode, State};
use crate::glue;
use crate::glue::storage::Storage;
use gloo::events::EventListener;
use gloo::timers::callback::Timeout;
use std::cell::RefCell;
use std::rc::Rc;
use yew::platform::spawn_local;
use yew::prelude::*;

/// Milliseconds between the last change and its save.
const DELAY_MS: u32 = 400;

/// Where the user's work stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveStatus {
    /// Reading the saved work.
    Opening,
    /// A change is waiting or being written.
    Saving,
    /// Everything is saved.
    Saved,
    /// Not saved, and why.
    Failed(String),
}

impl SaveStatus {
    /// The words shown and announced.
    pub fn text(&self) -> String {
        match self {
            SaveStatus::Opening => "Opening saved work…".into(),
            SaveStatus::Saving => "Saving…".into(),
            SaveStatus::Saved => "Saved in this browser".into(),
            SaveStatus::Failed(why) => format!("Not saved: {why}. Use “Export JSON” to keep a copy."),
        }
    }
}

/// The open storage, once the saved work has been read back; shared by identity.
#[derive(Clone, Default)]
pub struct StorageSlot(Rc<RefCell<Option<Rc<Storage>>>>);

impl PartialEq for StorageSlot {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl StorageSlot {
    /// The storage, if it is open and the saved work was read back.
    pub fn get(&self) -> Option<Rc<Storage>> {
        self.0.borrow().clone()
    }

    /// Saves `state` now, synchronously (before the open document is replaced, so that
    /// its last changes are never lost with a pending save).
    pub fn flush(&self, state: &State) {
        if let Some(storage) = self.get() {
            let _ = storage.write(&snapshot(state, &glue::now_rfc3339()));
        }
    }
}

/// Restores saved work once, then saves every change; returns the save status and the
/// storage (for the library).
#[hook]
pub fn use_autosave(state: &UseReducerHandle<AppState>) -> (SaveStatus, StorageSlot) {
    let status = use_state_eq(|| SaveStatus::Opening);
    let slot = use_state(StorageSlot::default);
    let storage = slot.0.clone();
    let pending: Rc<RefCell<Option<Timeout>>> = use_mut_ref(|| None);
    let latest: Rc<RefCell<State>> = use_mut_ref(State::default);
    *latest.borrow_mut() = state.0.clone();

    {
        let (state, status, storage) = (state.clone(), status.clone(), storage.clone());
        use_effect_with((), move |_| {
            spawn_local(async move {
                let opened = match Storage::open().await {
                    Ok(opened) => Rc::new(opened),
                    Err(why) => return status.set(SaveStatus::Failed(why)),
                };
                match opened.load().await {
                    Ok(None) => {}
                    Ok(Some((session, document))) => match restore(&session, document.as_bytes()) {
                        Ok(restored) => state.dispatch(Action::Restore(Box::new(restored))),
                        Err(why) => {
                            let why = format!("your saved work could not be reopened ({why}); it is left untouched");
                            return status.set(SaveStatus::Failed(why));
                        }
                    },
                    Err(why) => return status.set(SaveStatus::Failed(why)),
                }
                *storage.borrow_mut() = Some(opened);
                // Re-renders with `ready`: the effect below then saves what is open now.
                status.set(SaveStatus::Saving);
            });
        });
    }

    let ready = storage.borrow().is_some();
    {
        let (status, storage, pending) = (status.clone(), storage.clone(), pending.clone());
        let snapshot_of = state.0.clone();
        // What a save writes; `ready` turns true once the saved work has been read back.
        let deps = (state.doc.clone(), state.selected, state.mode, state.draft.clone(), ready);
        use_effect_with(deps, move |_| {
            if let Some(storage) = storage.borrow().clone() {
                status.set(SaveStatus::Saving);
                let status = status.clone();
                *pending.borrow_mut() =
                    Some(Timeout::new(DELAY_MS, move || spawn_local(save(storage, snapshot_of, status))));
            }
        });
    }

    {
        // When the page is hidden (tab closed, switched away, phone locked), save now.
        let (status, storage, pending, latest) = (status.clone(), storage.clone(), pending.clone(), latest.clone());
        use_effect_with((), move |_| {
            let listener = EventListener::new(&gloo::utils::window(), "pagehide", move |_| {
                let Some(storage) = storage.borrow().clone() else { return };
                let mut state = latest.borrow().clone();
                let typed = glue::article_box_text().filter(|_| state.mode == Mode::Editing);
                let changed = typed.as_deref().is_some_and(|t| *t != *state.draft);
                if pending.borrow_mut().take().is_some() || changed {
                    if let Some(text) = typed {
                        state.apply(Action::SetDraft(text));
                    }
                    // Synchronously, inside the handler: a write queued for later would be
                    // aborted with the page.
                    if let Err(why) = storage.write(&snapshot(&state, &glue::now_rfc3339())) {
                        status.set(SaveStatus::Failed(why));
                    }
                }
            });
            move || drop(listener)
        });
    }
    ((*status).clone(), (*slot).clone())
}

async fn save(storage: Rc<Storage>, state: State, status: UseStateHandle<SaveStatus>) {
    let snapshot = snapshot(&state, &glue::now_rfc3339());
    match storage.save(&snapshot).await {
        Ok(()) => status.set(SaveStatus::Saved),
        Err(why) => status.set(SaveStatus::Failed(why)),
    }
}
