//! Undo and redo of library operations (a file opened as a new document, a bundle added,
//! a document deleted): the storage work glue must do, then one action reporting it.
//! Which operation comes next, and what it holds, is `core::library_history`.

use super::importing::load;
use super::workflow::Workflow;
use crate::core::document::Document;
use crate::core::ids::{DocNumber, Id};
use crate::core::import::read_file;
use crate::core::library::{record, Record};
use crate::core::library_history::LibraryOp;
use crate::core::state::Reopen;
use crate::core::store::Action;
use crate::glue;
use crate::glue::storage::Storage;
use yew::platform::spawn_local;

/// Undoes (`forward == false`) or redoes the library operation `op`, the next in line.
pub fn replay(flow: Workflow, forward: bool, op: LibraryOp) {
    let Some(store) = flow.storage().get() else {
        return flow.refuse("This browser's storage is not available, so the library cannot be changed.".into());
    };
    spawn_local(async move {
        let result = match op {
            LibraryOp::Opened { number, previous, file, .. } if !forward => undo_open(&flow, &store, number, previous, file).await.err(),
            LibraryOp::Opened { number, previous, file, record: Some(saved) } => {
                let result = async {
                    let doc = read_file(saved.document.as_bytes()).map_err(|_| "the document's saved copy is damaged".to_owned())?.doc;
                    store.put_record(&saved).await?;
                    flow.flush();
                    let open = Some(Box::new(Reopen { doc, number, editing: false }));
                    let op = LibraryOp::Opened { number, previous, file, record: Some(saved) };
                    flow.dispatch(Action::LibraryReplayed { forward, op, open });
                    Ok::<_, String>(())
                };
                result.await.err()
            }
            LibraryOp::Opened { .. } => Some("there is nothing to reopen".into()),
            LibraryOp::Added { what, records } => {
                remove_or_put(&flow, &store, forward, records, |records| LibraryOp::Added { what, records }, !forward).await
            }
            LibraryOp::Changed { what, before, after } => put_back(&flow, &store, forward, what, before, after).await,
            LibraryOp::Removed { what, records } => {
                remove_or_put(&flow, &store, forward, records, |records| LibraryOp::Removed { what, records }, forward).await
            }
        };
        if let Some(why) = result {
            flow.refuse(format!("Could not {}: {why}.", if forward { "redo" } else { "undo" }));
        }
    });
}

/// Takes back a file opened as a new document: keeps its record for redo, reopens the
/// document open before it, and deletes it from the library.
async fn undo_open(flow: &Workflow, store: &Storage, number: DocNumber, previous: Option<DocNumber>, file: String) -> Result<(), String> {
    let (open_now, next_number) = flow.read(|state| (state.doc_number, state.next_doc_number));
    let is_open = open_now == number;
    let saved: Record = if is_open {
        flow.read(|state| record(&state.doc, &number.to_string(), &glue::now_rfc3339()))
    } else {
        let doc = load(store, number).await?.doc;
        record(&doc, &number.to_string(), &glue::now_rfc3339())
    };
    let open = if is_open {
        Some(Box::new(match previous {
            Some(p) => Reopen {
                doc: load(store, p).await.map_err(|why| format!("the document open before could not be read ({why})"))?.doc,
                number: p,
                editing: false,
            },
            None => Reopen { doc: Document::new("Untitled", ""), number: next_number, editing: true },
        }))
    } else {
        None
    };
    // The document is replaced first, so no pending save of it outlives the delete.
    let op = LibraryOp::Opened { number, previous, file, record: Some(saved) };
    flow.dispatch(Action::LibraryReplayed { forward: false, op, open });
    store.delete_document(&number.to_string()).await
}

/// Deletes `records` from the library (`remove`) or puts them back, then reports it.
async fn remove_or_put(
    flow: &Workflow,
    store: &Storage,
    forward: bool,
    records: Vec<Record>,
    op: impl FnOnce(Vec<Record>) -> LibraryOp,
    remove: bool,
) -> Option<String> {
    let open = flow.read(|state| state.doc_number);
    if remove && records.iter().any(|r| DocNumber::parse(&r.key) == Some(open)) {
        return Some("one of its documents is open: open another one first".into());
    }
    for r in &records {
        let done = if remove { store.delete_document(&r.key).await } else { store.put_record(r).await };
        if let Err(why) = done {
            return Some(why);
        }
    }
    flow.dispatch(Action::LibraryReplayed { forward, op: op(records), open: None });
    None
}

/// Puts back the records of a change to stored documents: those before it (undo) or
/// after it (redo), then reports it.
async fn put_back(flow: &Workflow, store: &Storage, forward: bool, what: String, before: Vec<Record>, after: Vec<Record>) -> Option<String> {
    let open = flow.read(|state| state.doc_number);
    if before.iter().any(|r| DocNumber::parse(&r.key) == Some(open)) {
        return Some("one of its documents is open: open another one first".into());
    }
    for r in if forward { &after } else { &before } {
        if let Err(why) = store.put_record(r).await {
            return Some(why);
        }
    }
    flow.dispatch(Action::LibraryReplayed { forward, op: LibraryOp::Changed { what, before, after }, open: None });
    None
}
