//! The browser's IndexedDB, through the `idb` crate: the database `marginalia` holds a
//! `documents` store (exports in the current format, version 2, keyed `d<number>`), an `index` store (each
//! document's library entry, same key) and a `session` store (one record, `current`).
//! A save writes the document, its entry and the session in one transaction, so they
//! never disagree. What is written is decided by `core::session` and `core::library`.

use crate::core::library::Record;
use crate::core::session::Snapshot;
use idb::{Database, DatabaseEvent, Factory, ObjectStoreParams, Transaction, TransactionMode};
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};

const DATABASE: &str = "marginalia";
/// Version 2 added the `index` store.
const VERSION: u32 = 2;
const DOCUMENTS: &str = "documents";
const INDEX: &str = "index";
const SESSION: &str = "session";
const CURRENT: &str = "current";

/// An open connection to the app's database.
pub struct Storage {
    db: Database,
}

/// Words for a storage error, for the save status.
fn say(context: &str, error: impl std::fmt::Display) -> String {
    let text = error.to_string();
    if text.contains("QuotaExceeded") {
        "the browser's storage for this page is full (export and delete documents you no longer need here, or free disk space)".into()
    } else {
        format!("{context}: {text}")
    }
}

impl Storage {
    /// Opens (and on first use creates) the database. `trouble` hears, in words, of
    /// another tab that blocks an upgrade or that has upgraded the database under this one.
    pub async fn open(trouble: Rc<dyn Fn(String)>) -> Result<Storage, String> {
        let factory = Factory::new().map_err(|e| say("this browser offers no storage (a private window?)", e))?;
        let mut request = factory.open(DATABASE, Some(VERSION)).map_err(|e| say("the storage cannot be opened", e))?;
        request.on_upgrade_needed(|event| {
            let Ok(db) = event.database() else { return };
            for name in [DOCUMENTS, INDEX, SESSION] {
                if !db.store_names().iter().any(|s| s == name) {
                    let _ = db.create_object_store(name, ObjectStoreParams::new());
                }
            }
        });
        let blocked = trouble.clone();
        request.on_blocked(move |_| {
            blocked("waiting for another Marginalia tab that uses an older version of the saved data: close or reload it".into())
        });
        let mut db = request.await.map_err(|e| say("the storage cannot be opened", e))?;
        db.on_version_change(move |event| {
            // Let the newer version proceed: close this connection (the event's target).
            if let Some(target) = event.target() {
                let close = js_sys::Reflect::get(&target, &"close".into()).ok();
                if let Some(close) = close.and_then(|f| f.dyn_into::<js_sys::Function>().ok()) {
                    let _ = close.call0(&target);
                }
            }
            trouble("another tab opened a newer version of Marginalia; reload this tab to keep saving".into());
        });
        Ok(Storage { db })
    }

    /// Starts writing a snapshot, synchronously, and commits it at once: a write started
    /// while the page is being hidden still completes (an uncommitted one would be
    /// aborted with the page).
    pub fn write(&self, snapshot: &Snapshot) -> Result<Transaction, String> {
        let tx = self
            .db
            .transaction(&[DOCUMENTS, INDEX, SESSION], TransactionMode::ReadWrite)
            .map_err(|e| say("the browser refused the write", e))?;
        put_record(&tx, &snapshot.record)?;
        put(&tx, SESSION, CURRENT, &snapshot.session)?;
        tx.commit().map_err(|e| say("the browser refused the write", e))
    }

    /// Writes one document record (a copy, a rename, an undone delete, a bundle's document).
    pub async fn put_record(&self, record: &Record) -> Result<(), String> {
        let tx = self.db.transaction(&[DOCUMENTS, INDEX], TransactionMode::ReadWrite).map_err(|e| say("the browser refused the write", e))?;
        put_record(&tx, record)?;
        tx.commit().map_err(|e| say("the browser refused the write", e))?.await.map_err(|e| say("the browser refused the write", e))?;
        Ok(())
    }

    /// Removes one document and its entry.
    pub async fn delete_document(&self, key: &str) -> Result<(), String> {
        let tx = self.db.transaction(&[DOCUMENTS, INDEX], TransactionMode::ReadWrite).map_err(|e| say("not deleted", e))?;
        for store in [DOCUMENTS, INDEX] {
            tx.object_store(store)
                .and_then(|s| s.delete(JsValue::from_str(key)))
                .map_err(|e| say("not deleted", e))?;
        }
        tx.commit().map_err(|e| say("not deleted", e))?.await.map_err(|e| say("not deleted", e))?;
        Ok(())
    }

    /// Every library entry, as JSON.
    pub async fn entries(&self) -> Result<Vec<String>, String> {
        let tx = self.db.transaction(&[INDEX], TransactionMode::ReadOnly).map_err(|e| say("the library cannot be read", e))?;
        let all = tx
            .object_store(INDEX)
            .and_then(|s| s.get_all(None, None))
            .map_err(|e| say("the library cannot be read", e))?
            .await
            .map_err(|e| say("the library cannot be read", e))?;
        Ok(all.into_iter().filter_map(|v| v.as_string()).collect())
    }

    /// One saved document, as an export (format version 2).
    pub async fn document(&self, key: &str) -> Result<Option<String>, String> {
        let tx = self.db.transaction(&[DOCUMENTS], TransactionMode::ReadOnly).map_err(|e| say("cannot be read", e))?;
        let value = tx
            .object_store(DOCUMENTS)
            .and_then(|s| s.get(JsValue::from_str(key)))
            .map_err(|e| say("cannot be read", e))?
            .await
            .map_err(|e| say("cannot be read", e))?;
        Ok(value.and_then(|v| v.as_string()))
    }

    /// Writes a snapshot: the document and the session, together or not at all.
    pub async fn save(&self, snapshot: &Snapshot) -> Result<(), String> {
        let result = self.write(snapshot)?.await.map_err(|e| say("the browser refused the write", e))?;
        if result.is_committed() {
            Ok(())
        } else {
            Err("the browser cancelled the write".into())
        }
    }

    /// The saved session and its document, if anything was saved.
    pub async fn load(&self) -> Result<Option<(String, String)>, String> {
        let tx = self
            .db
            .transaction(&[DOCUMENTS, SESSION], TransactionMode::ReadOnly)
            .map_err(|e| say("saved work cannot be read", e))?;
        let read = |store: &str, key: &str| -> Result<_, String> {
            tx.object_store(store)
                .and_then(|s| s.get(JsValue::from_str(key)))
                .map_err(|e| say("saved work cannot be read", e))
        };
        let Some(session) = read(SESSION, CURRENT)?.await.map_err(|e| say("saved work cannot be read", e))? else {
            return Ok(None);
        };
        let session = session.as_string().ok_or("saved work cannot be read: the session record is not text")?;
        let key = serde_json::from_str::<serde_json::Value>(&session)
            .ok()
            .and_then(|v| v["doc_key"].as_str().map(str::to_owned))
            .unwrap_or_default();
        let document = read(DOCUMENTS, &key)?.await.map_err(|e| say("saved work cannot be read", e))?;
        let document = document.and_then(|d| d.as_string()).unwrap_or_default();
        Ok(Some((session, document)))
    }
}

/// Puts a document and its entry under the record's key within `tx`.
fn put_record(tx: &Transaction, record: &Record) -> Result<(), String> {
    put(tx, DOCUMENTS, &record.key, &record.document)?;
    put(tx, INDEX, &record.key, &record.entry)
}

/// Puts `value` under `key` in `store` within `tx`.
fn put(tx: &Transaction, store: &str, key: &str, value: &str) -> Result<(), String> {
    tx.object_store(store)
        .and_then(|s| s.put(&JsValue::from_str(value), Some(&JsValue::from_str(key))))
        .map(drop)
        .map_err(|e| say("the browser refused the write", e))
}
