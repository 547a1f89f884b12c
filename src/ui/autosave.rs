//! Autosave: a hook that reopens the work saved in this browser when the app starts,
//! then writes every change to the operation log in the task that made it
//! (`core::oplog`, `glue::storage`), folds the log into a snapshot of the whole document
//! after a pause, when the log grows long and when the page is hidden, and reports a save
//! status that is always visible.
//!
//! The status says "Saved" only when the change on screen is written: it is worked out
//! from the state being rendered and the last change known to be written, so a change
//! shows "Saving…" in the very frame that shows it.
//!
//! Nothing is saved until the saved work has been read back, so a fresh start never
//! overwrites it; if it cannot be read, nothing is saved at all and the user is told.
//! When another tab saves the document open here, saving it here pauses (and says so),
//! so neither tab overwrites the other's work.

use super::intent::Intent;
use crate::core::ids::DocNumber;
use crate::core::oplog::{change_key, encode};
use crate::core::library::RecordJob;
use crate::core::session::{restore, session_record, snapshot, snapshot_with, Snapshot};
use crate::core::store::Action;
use crate::core::state::{Mode, State};
use crate::glue;
use crate::glue::storage::Storage;
use crate::glue::tabs::Tabs;
use gloo::events::EventListener;
use gloo::timers::callback::Timeout;
use idb::Transaction;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use yew::platform::spawn_local;
use yew::prelude::*;

/// Milliseconds between a change of the selection or the article box and its save.
const DELAY_MS: u32 = 400;
/// Milliseconds without a change before the log is folded into a snapshot.
const SNAPSHOT_PAUSE_MS: u32 = 1500;
/// Changes in the log after which a snapshot is written at once.
const LOG_BOUND: u64 = 256;
/// The performance mark set when an append starts ("marginalia-durable" ends when it is
/// written).
const DURABLE_START: &str = "marginalia-durable-start";

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

/// A change of a document: its number, the journal's epoch and change number.
type Mark = (DocNumber, u64, u64);

fn mark_of(state: &State) -> Mark {
    (state.doc_number, state.journal.epoch, state.journal.rev)
}

/// Hears that a write of a change completed, or why it failed.
type Done = Callback<Result<Mark, String>>;

/// What storage holds of the open document, as far as this tab knows.
#[derive(Clone)]
struct Written {
    /// The last change written (to the log or in a snapshot).
    mark: Mark,
    /// The change the last snapshot holds.
    snapshot_rev: u64,
    /// The state as last written (snapshotted if another document replaces it first).
    state: State,
    /// A write failed: the log may have a gap, so the next write is a snapshot.
    broken: bool,
}

/// The open storage (once the saved work has been read back), the link to other tabs,
/// which document's saving is paused, and what is written. Shared by identity.
#[derive(Clone, Default)]
pub struct StorageSlot {
    storage: Rc<RefCell<Option<Rc<Storage>>>>,
    tabs: Rc<RefCell<Option<Tabs>>>,
    paused: Rc<Cell<Option<DocNumber>>>,
    written: Rc<RefCell<Option<Written>>>,
    /// The session record as last written.
    session: Rc<RefCell<String>>,
    /// Tells the hook that a write completed (or failed).
    done: Rc<RefCell<Option<Done>>>,
    /// The snapshot being written in slices, if one is.
    pending: Rc<RefCell<Option<Pending>>>,
}

/// A snapshot written a slice per task (`core::library::RecordJob`), so that serialising
/// a long document (~190 ms at 20,000 annotations) holds up no frame and no key press.
struct Pending {
    /// The app's latest state, for the session record written with the snapshot (the
    /// selection may have moved since the snapshot's state).
    latest: Rc<RefCell<State>>,
    /// The state the snapshot is of.
    state: State,
    /// The latest state of the same document that the hook has saved (its changes
    /// appended to the log, which the snapshot empties): its changes after `state` are
    /// appended again once the snapshot is written.
    seen: State,
    job: RecordJob,
}

/// Whether `a` and `b` are states of the same document, in the same journal epoch.
fn same_document(a: &State, b: &State) -> bool {
    let (ma, mb) = (mark_of(a), mark_of(b));
    ma.0 == mb.0 && ma.1 == mb.1
}

impl PartialEq for StorageSlot {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.storage, &other.storage)
    }
}

impl StorageSlot {
    /// The storage, if it is open and the saved work was read back, for reading the
    /// library: the open document's log is folded into its snapshot first, so that what
    /// is read of it (a copy, an export of the library, a comparison) is what is on screen.
    pub fn get(&self) -> Option<Rc<Storage>> {
        self.finish_pending();
        let unfolded = self.written.borrow().as_ref().filter(|w| !w.broken && w.snapshot_rev < w.mark.2).map(|w| w.state.clone());
        if let Some(state) = unfolded {
            self.flush(&state);
        }
        self.open()
    }

    /// The storage, if it is open and the saved work was read back, without folding the
    /// log (for the library's index, whose entry of the open document may lag by one
    /// snapshot pause).
    pub fn peek(&self) -> Option<Rc<Storage>> {
        self.open()
    }

    fn open(&self) -> Option<Rc<Storage>> {
        self.storage.borrow().clone()
    }

    /// The storage, if `state`'s document may be saved (not paused by another tab).
    fn for_saving(&self, state: &State) -> Option<Rc<Storage>> {
        self.open().filter(|_| self.paused.get() != Some(state.doc_number))
    }

    /// Writes a snapshot of `state` now, synchronously (before the open document is
    /// replaced, at page hide, when the log is long): the document, its entry, the
    /// session, and its log emptied. A snapshot of the same document being written in
    /// slices is dropped (this one is as new); one of another document is finished first.
    pub fn flush(&self, state: &State) {
        let same = self.pending.borrow().as_ref().map(|p| same_document(&p.state, state));
        match same {
            Some(true) => drop(self.pending.borrow_mut().take()),
            Some(false) => self.finish_pending(),
            None => {}
        }
        if self.for_saving(state).is_some() {
            self.write_snapshot(state, snapshot(state, &glue::now_rfc3339()));
        }
    }

    fn write_snapshot(&self, state: &State, snapshot: Snapshot) {
        let Some(storage) = self.for_saving(state) else { return };
        let key = snapshot.record.key.clone();
        let changed = self.written.borrow().as_ref().is_some_and(|w| w.mark.0 == state.doc_number && w.mark != mark_of(state));
        let tx = storage.write(&snapshot);
        *self.session.borrow_mut() = snapshot.session;
        self.wrote(state, state.journal.rev, tx, changed.then_some(key));
    }

    /// Writes a snapshot of `state` a slice per task, starting once the next frame is
    /// painted; the changes of its document saved meanwhile are appended to the log again
    /// after it. Asked again while one of the same document is being written: nothing
    /// more (that one ends with the document's latest saved state); for another document,
    /// that one is finished at once.
    fn flush_sliced(&self, latest: &Rc<RefCell<State>>) {
        let state = latest.borrow().for_saving();
        let same = self.pending.borrow().as_ref().map(|p| same_document(&p.state, &state));
        match same {
            Some(true) => return,
            Some(false) => self.finish_pending(),
            None => {}
        }
        if self.for_saving(&state).is_none() {
            return;
        }
        let job = RecordJob::new(&state.doc, &state.doc_number.to_string(), &glue::now_rfc3339());
        *self.pending.borrow_mut() = Some(Pending { latest: latest.clone(), seen: state.clone(), state, job });
        let slot = self.clone();
        glue::after_paint(move || {
            spawn_local(async move {
                while slot.advance() {
                    glue::pause().await;
                }
            })
        });
    }

    /// The hook saw `state` (and saved its changes): a pending snapshot of its document
    /// appends them again after it.
    fn saw(&self, state: &State) {
        if let Some(p) = self.pending.borrow_mut().as_mut().filter(|p| same_document(&p.state, state) && mark_of(&p.seen) != mark_of(state)) {
            p.seen = state.for_saving();
        }
    }

    /// Writes one slice of the pending snapshot, or finishes it; false when none is left.
    fn advance(&self) -> bool {
        let done = match self.pending.borrow_mut().as_mut() {
            None => return false,
            Some(p) => p.job.step(&p.state.doc),
        };
        if done {
            self.finish_pending();
        }
        !done
    }

    /// Finishes the pending snapshot now, if there is one, and appends the changes of its
    /// document made since it was started.
    fn finish_pending(&self) {
        let Some(Pending { latest, state, seen, job }) = self.pending.borrow_mut().take() else { return };
        if self.for_saving(&state).is_none() {
            return; // saving is paused (another tab)
        }
        // The latest state, if it is what was saved last (its selection may be newer).
        let seen = match latest.try_borrow() {
            Ok(now) if same_document(&now, &seen) && mark_of(&now) == mark_of(&seen) => now.for_saving(),
            _ => seen,
        };
        let mut folded = snapshot_with(&state, job.finish(&state.doc));
        folded.session = session_record(&seen);
        self.write_snapshot(&state, folded);
        if mark_of(&seen) != mark_of(&state) && !self.append(&seen, state.journal.rev) {
            self.write_snapshot(&seen, snapshot(&seen, &glue::now_rfc3339()));
        }
    }

    /// Appends the changes of `state` after `from` to the log, with the session record.
    fn append(&self, state: &State, from: u64) -> bool {
        let Some(storage) = self.for_saving(state) else { return true };
        let Some(changes) = state.journal.since(from) else { return false };
        let key = state.doc_number.to_string();
        // Measured for the benchmark: the append in the task of the change, and until the
        // browser says it is written.
        glue::mark(DURABLE_START);
        let (tx, session) = glue::measured("marginalia-append", || {
            let records: Vec<(String, String)> = changes.iter().map(|c| (change_key(&key, c.rev), encode(c))).collect();
            let session = session_record(state);
            (storage.append(&records, &session), session)
        });
        *self.session.borrow_mut() = session;
        let snapshot_rev = self.written.borrow().as_ref().map_or(0, |w| w.snapshot_rev);
        self.wrote(state, snapshot_rev, tx, Some(key));
        true
    }

    /// Records a write of `state` (`snapshot_rev`: the change the snapshot now holds),
    /// tells other tabs of a changed document `announce`, and reports its completion.
    fn wrote(&self, state: &State, snapshot_rev: u64, tx: Result<Transaction, String>, announce: Option<String>) {
        let mark = mark_of(state);
        let done = self.done.borrow().clone();
        let tx = match tx {
            Ok(tx) => tx,
            Err(why) => {
                self.broke(state);
                if let Some(done) = done {
                    done.emit(Err(why));
                }
                return;
            }
        };
        *self.written.borrow_mut() = Some(Written { mark, snapshot_rev, state: state.for_saving(), broken: false });
        if let (Some(key), Some(tabs)) = (announce, self.tabs.borrow().as_ref()) {
            tabs.announce(&key);
        }
        self.settle(state, tx);
    }

    /// Reports the completion of a write of `state` to the hook.
    fn settle(&self, state: &State, tx: Transaction) {
        let (mark, done) = (mark_of(state), self.done.borrow().clone());
        let slot = self.clone();
        let state = state.for_saving();
        spawn_local(async move {
            let result = match tx.await {
                Ok(r) if r.is_committed() => {
                    glue::measure_from("marginalia-durable", DURABLE_START);
                    Ok(mark)
                }
                Ok(_) => Err("the browser cancelled the write".to_owned()),
                Err(e) => Err(glue::storage::say("the browser refused the write", e)),
            };
            if result.is_err() {
                slot.broke(&state);
            }
            if let Some(done) = done {
                done.emit(result);
            }
        });
    }

    /// A write of `state` failed: the next one is a snapshot.
    fn broke(&self, state: &State) {
        let mut written = self.written.borrow_mut();
        match written.as_mut() {
            Some(w) => w.broken = true,
            None => *written = Some(Written { mark: (state.doc_number, u64::MAX, 0), snapshot_rev: 0, state: state.for_saving(), broken: true }),
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
                    Ok(Some(saved)) => match restore(&saved) {
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


    let ready = slot.open().is_some();
    // The last change known to be written, for the status.
    let durable: UseStateHandle<Option<Mark>> = use_state_eq(|| None);
    {
        let (status, durable) = (status.clone(), durable.clone());
        *slot.done.borrow_mut() = Some(Callback::from(move |result: Result<Mark, String>| match result {
            Ok(mark) => {
                durable.set(Some(mark));
                status.set(SaveStatus::Saved);
            }
            Err(why) => status.set(SaveStatus::Failed(why)),
        }));
    }
    // The timers: the session's save after a selection or the box changed, and the
    // snapshot after a pause.
    let session_timer: Rc<RefCell<Option<Timeout>>> = use_mut_ref(|| None);
    let snapshot_timer: Rc<RefCell<Option<Timeout>>> = use_mut_ref(|| None);
    {
        let (slot, latest, session_timer, snapshot_timer, status) = (slot.clone(), latest.clone(), session_timer.clone(), snapshot_timer.clone(), status.clone());
        let now = state.clone();
        let deps = (state.doc.clone(), mark_of(state), state.selected, state.mode, state.draft.clone(), state.next_doc_number, state.projects.clone(), ready);
        use_effect_with(deps, move |_| {
            if slot.for_saving(&now).is_none() {
                return;
            }
            let written = slot.written.borrow().clone();
            let mark = mark_of(&now);
            match written {
                // Another document (or the same one reopened): the one it replaced keeps
                // its changes in a snapshot, and this one starts its log with its own.
                Some(w) if w.mark.0 != mark.0 || w.mark.1 != mark.1 || w.broken => {
                    if w.mark.0 != mark.0 && !w.broken && w.snapshot_rev < w.mark.2 {
                        slot.flush(&w.state);
                    }
                    // The new document's first snapshot, in slices once it is painted:
                    // serialising a 20,000-annotation document takes ~190 ms, which would
                    // hold up the frame that shows it. Its status says "Saving…" until then.
                    slot.flush_sliced(&latest);
                    slot.saw(&now); // a change made while it is written: appended after it
                }
                // The first save of this tab: in slices too (a restored document's
                // snapshot, its log folded).
                None => {
                    slot.flush_sliced(&latest);
                    slot.saw(&now);
                }
                Some(w) if w.mark.2 < mark.2 => {
                    if !slot.append(&now, w.mark.2) || mark.2 - w.snapshot_rev >= LOG_BOUND {
                        slot.flush(&now);
                    } else {
                        slot.saw(&now);
                        let (slot, latest) = (slot.clone(), latest.clone());
                        *snapshot_timer.borrow_mut() = Some(Timeout::new(SNAPSHOT_PAUSE_MS, move || slot.flush_sliced(&latest)));
                    }
                }
                Some(w) if !Rc::ptr_eq(&w.state.doc, &now.doc) && *w.state.doc != *now.doc => slot.flush(&now),
                // The selection or the article box: the session record, after a pause.
                Some(_) => {
                    status.set(SaveStatus::Saving);
                    let (slot, latest, status) = (slot.clone(), latest.clone(), status.clone());
                    *session_timer.borrow_mut() = Some(Timeout::new(DELAY_MS, move || {
                        let state = latest.borrow().for_saving();
                        let Some(storage) = slot.for_saving(&state) else { return };
                        let session = session_record(&state);
                        let tx = storage.write_session(&session);
                        *slot.session.borrow_mut() = session;
                        match tx {
                            Ok(tx) => slot.settle(&state, tx),
                            Err(why) => status.set(SaveStatus::Failed(why)),
                        }
                    }));
                }
            }
        });
    }

    {
        // When the page is hidden (tab closed, switched away, phone locked): the text
        // typed into the article box, and a snapshot if the log has changes, now.
        let (slot, latest) = (slot.clone(), latest.clone());
        use_effect_with((), move |_| {
            let listener = EventListener::new(&gloo::utils::window(), "pagehide", move |_| {
                let mut state = latest.borrow().clone();
                let typed = glue::article_box_text().filter(|_| state.mode != Mode::Annotating);
                let changed = typed.as_deref().is_some_and(|t| *t != *state.draft);
                let logged = slot.written.borrow().as_ref().is_none_or(|w| w.snapshot_rev < w.mark.2 || w.mark != mark_of(&state));
                let session = *slot.session.borrow() != session_record(&state);
                if changed || logged || session {
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
    // "Saved" only once the change on screen is written.
    let shown = match &*status {
        SaveStatus::Saved if slot.for_saving(state).is_some() && *durable != Some(mark_of(state)) => SaveStatus::Saving,
        other => other.clone(),
    };
    (shown, slot)
}
