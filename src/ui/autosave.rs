//! Autosave: a hook that reopens the work saved in this browser when the app starts,
//! then saves every change within about half a second and when the page is hidden, and
//! reports a save status that is always visible.
//!
//! Nothing is saved until the saved work has been read back, so a fresh start never
//! overwrites it; if it cannot be read, nothing is saved at all and the user is told.
//! When another tab saves the document open here, saving it here pauses (and says so),
//! so neither tab overwrites the other's work.

use super::intent::Intent;
use crate::core::ids::DocNumber;
use crate::core::session::{restore, snapshot};
use crate::core::store::Action;
use crate::core::state::{Mode, State};
use crate::core::document::Document;
use crate::glue;
use crate::glue::storage::Storage;
use crate::glue::tabs::Tabs;
use gloo::events::EventListener;
use gloo::timers::callback::Timeout;
use std::cell::{Cell, RefCell};
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
            SaveStatus::Failed(why) => format!("Not saved: {why}. Use “Export now” to keep a copy."),
        }
    }
}

/// The open storage (once the saved work has been read back), the link to other tabs,
/// and which document's saving is paused. Shared by identity.
#[derive(Clone, Default)]
pub struct StorageSlot {
    storage: Rc<RefCell<Option<Rc<Storage>>>>,
    tabs: Rc<RefCell<Option<Tabs>>>,
    paused: Rc<Cell<Option<DocNumber>>>,
    /// The document as last saved (or, before the first save, as opened).
    saved: Rc<RefCell<Option<Rc<Document>>>>,
}

impl PartialEq for StorageSlot {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.storage, &other.storage)
    }
}

impl StorageSlot {
    /// The storage, if it is open and the saved work was read back.
    pub fn get(&self) -> Option<Rc<Storage>> {
        self.storage.borrow().clone()
    }

    /// The storage, if `state`'s document may be saved (not paused by another tab).
    fn for_saving(&self, state: &State) -> Option<Rc<Storage>> {
        self.get().filter(|_| self.paused.get() != Some(state.doc_number))
    }

    /// Saves `state` now, synchronously (before the open document is replaced, so that
    /// its last changes are never lost with a pending save).
    pub fn flush(&self, state: &State) {
        if let Some(storage) = self.for_saving(state) {
            let snapshot = snapshot(state, &glue::now_rfc3339());
            if storage.write(&snapshot).is_ok() {
                self.saved_as(state, &snapshot.record.key);
            }
        }
    }

    /// Records that `state` was saved under `key`, and tells the other tabs if its
    /// document's content changed (a selection or the first save after opening does not
    /// count: other tabs have nothing to fear from it).
    fn saved_as(&self, state: &State, key: &str) {
        let previous = self.saved.borrow_mut().replace(state.doc.clone());
        let changed = previous.is_some_and(|p| !Rc::ptr_eq(&p, &state.doc) && *p != *state.doc);
        if changed {
            if let Some(tabs) = self.tabs.borrow().as_ref() {
                tabs.announce(key);
            }
        }
    }
}

/// Restores saved work once, then saves every change; returns the save status and the
/// storage (for the library). `state` is this render's, `latest` the state as last
/// rendered (for the listeners); the restored work goes through `on_intent`.
#[hook]
pub fn use_autosave(state: &State, latest: Rc<RefCell<State>>, on_intent: Callback<Intent>) -> (SaveStatus, StorageSlot) {
    let status = use_state_eq(|| SaveStatus::Opening);
    let slot = (*use_state(StorageSlot::default)).clone();
    // The save's timer, and what it will save (taken when it is saved).
    let pending: Rc<RefCell<Option<Timeout>>> = use_mut_ref(|| None);
    let waiting: Rc<RefCell<Option<State>>> = use_mut_ref(|| None);

    {
        let (status, slot, latest) = (status.clone(), slot.clone(), latest.clone());
        use_effect_with((), move |_| {
            // Another tab saved a document: if it is the one open here, stop saving it.
            let (heard_status, paused) = (status.clone(), slot.paused.clone());
            *slot.tabs.borrow_mut() = Tabs::join(move |key| {
                let open = latest.borrow().doc_number;
                if key == open.to_string() {
                    paused.set(Some(open));
                    heard_status.set(SaveStatus::Failed(
                        "this document was changed in another tab, so saving it here is paused to keep those changes; reload this tab to see them".into(),
                    ));
                }
            });
            spawn_local(async move {
                let trouble_status = status.clone();
                let trouble: Rc<dyn Fn(String)> = Rc::new(move |why| trouble_status.set(SaveStatus::Failed(why)));
                let opened = match Storage::open(trouble).await {
                    Ok(opened) => Rc::new(opened),
                    Err(why) => return status.set(SaveStatus::Failed(why)),
                };
                match opened.load().await {
                    Ok(None) => {}
                    Ok(Some((session, document))) => match restore(&session, document.as_bytes()) {
                        Ok(restored) => on_intent.emit(Intent::Do(Action::Restore(Box::new(restored)))),
                        Err(why) => {
                            let why = format!("your saved work could not be reopened ({why}); it is left untouched");
                            return status.set(SaveStatus::Failed(why));
                        }
                    },
                    Err(why) => return status.set(SaveStatus::Failed(why)),
                }
                *slot.storage.borrow_mut() = Some(opened);
                // Re-renders with `ready`: the effect below then saves what is open now.
                status.set(SaveStatus::Saving);
            });
        });
    }

    let ready = slot.get().is_some();
    {
        let (status, slot, pending, waiting) = (status.clone(), slot.clone(), pending.clone(), waiting.clone());
        let snapshot_of = state.clone();
        // What a save writes; `ready` turns true once the saved work has been read back.
        let deps = (state.doc.clone(), state.selected, state.mode, state.draft.clone(), ready);
        use_effect_with(deps, move |_| {
            drop(pending.borrow_mut().take());
            // A save still waiting for another document (replaced by a comparison, a
            // document opened, …) is not cancelled by this one: it is made now.
            let earlier = waiting.borrow_mut().take();
            if let Some(earlier) = earlier.filter(|e| e.doc_number != snapshot_of.doc_number) {
                spawn_local(save(slot.clone(), earlier, status.clone()));
            }
            if slot.for_saving(&snapshot_of).is_some() {
                status.set(SaveStatus::Saving);
                *waiting.borrow_mut() = Some(snapshot_of);
                let waiting = waiting.clone();
                let timer = Timeout::new(DELAY_MS, move || {
                    if let Some(state) = waiting.borrow_mut().take() {
                        spawn_local(save(slot, state, status));
                    }
                });
                *pending.borrow_mut() = Some(timer);
            }
        });
    }

    {
        // When the page is hidden (tab closed, switched away, phone locked), save now.
        let (slot, waiting, latest) = (slot.clone(), waiting.clone(), latest.clone());
        use_effect_with((), move |_| {
            let listener = EventListener::new(&gloo::utils::window(), "pagehide", move |_| {
                let mut state = latest.borrow().clone();
                let typed = glue::article_box_text().filter(|_| state.mode != Mode::Annotating);
                let changed = typed.as_deref().is_some_and(|t| *t != *state.draft);
                if waiting.borrow_mut().take().is_some() || changed {
                    if let Some(text) = typed {
                        state.apply(Action::SetDraft(text));
                    }
                    // Synchronously, inside the handler: a write queued for later would be
                    // aborted with the page.
                    slot.flush(&state);
                }
            });
            move || drop(listener)
        });
    }
    ((*status).clone(), slot)
}

async fn save(slot: StorageSlot, state: State, status: UseStateHandle<SaveStatus>) {
    let Some(storage) = slot.for_saving(&state) else { return };
    let snapshot = snapshot(&state, &glue::now_rfc3339());
    match storage.save(&snapshot).await {
        Ok(()) => {
            slot.saved_as(&state, &snapshot.record.key);
            status.set(SaveStatus::Saved);
        }
        Err(why) => status.set(SaveStatus::Failed(why)),
    }
}
