//! The browser's IndexedDB, through the `idb` crate: the database `marginalia` holds a
//! `documents` store (snapshots: exports in the current format version, keyed
//! `d<number>`), an `index` store (each document's library entry, same key), a `search`
//! store (each document's search record, `core::search`, same key), a `session`
//! store (one record, `current`) and a `log` store (the operation log, `core::oplog`: each
//! change to the open document since its snapshot, keyed `d<number>:<rev>`, and the
//! snapshot's base record `d<number>:base`).
//!
//! A snapshot writes the document, its entry, its search record and the session, empties the document's log
//! and writes its base, in one transaction; a change appends its record and the session
//! in one transaction, created and committed in the task of the change. What is written
//! is decided by `core::session`, `core::oplog` and `core::library`.

use crate::core::library::Record;
use crate::core::oplog::{base_key, change_range, key_range};
use crate::core::session::{Saved, Snapshot};
use idb::{Database, DatabaseEvent, Factory, KeyRange, ObjectStoreParams, Query, Transaction, TransactionMode};
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};

const DATABASE: &str = "marginalia";
/// Version 2 added the `index` store, version 3 the `log` store, version 4 the `search`
/// store.
const VERSION: u32 = 4;
const DOCUMENTS: &str = "documents";
const LOG: &str = "log";
const INDEX: &str = "index";
const SEARCH: &str = "search";
const SESSION: &str = "session";
const CURRENT: &str = "current";

/// An open connection to the app's database.
pub struct Storage {
    db: Database,
}

/// Words for a storage error, for the save status.
pub fn say(context: &str, error: impl std::fmt::Display) -> String {
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
            for name in [DOCUMENTS, INDEX, SESSION, LOG, SEARCH] {
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
            .transaction(&[DOCUMENTS, INDEX, SESSION, LOG, SEARCH], TransactionMode::ReadWrite)
            .map_err(|e| say("the browser refused the write", e))?;
        put_record(&tx, &snapshot.record)?;
        put(&tx, SESSION, CURRENT, &snapshot.session)?;
        clear_log(&tx, &snapshot.record.key)?;
        put(&tx, LOG, &base_key(&snapshot.record.key), &snapshot.log_base)?;
        tx.commit().map_err(|e| say("the browser refused the write", e))
    }

    /// Appends change records (key, record) of the open document and the session record,
    /// in one transaction created and committed now.
    pub fn append(&self, changes: &[(String, String)], session: &str) -> Result<Transaction, String> {
        let tx = self.db.transaction(&[SESSION, LOG], TransactionMode::ReadWrite).map_err(|e| say("the browser refused the write", e))?;
        for (key, record) in changes {
            put(&tx, LOG, key, record)?;
        }
        put(&tx, SESSION, CURRENT, session)?;
        tx.commit().map_err(|e| say("the browser refused the write", e))
    }

    /// Writes the session record alone (the selection or the article box changed).
    pub fn write_session(&self, session: &str) -> Result<Transaction, String> {
        let tx = self.db.transaction(&[SESSION], TransactionMode::ReadWrite).map_err(|e| say("the browser refused the write", e))?;
        put(&tx, SESSION, CURRENT, session)?;
        tx.commit().map_err(|e| say("the browser refused the write", e))
    }

    /// Writes one document record (a copy, a rename, an undone delete, a bundle's document).
    pub async fn put_record(&self, record: &Record) -> Result<(), String> {
        let tx = self.db.transaction(&[DOCUMENTS, INDEX, SEARCH], TransactionMode::ReadWrite).map_err(|e| say("the browser refused the write", e))?;
        put_record(&tx, record)?;
        tx.commit().map_err(|e| say("the browser refused the write", e))?.await.map_err(|e| say("the browser refused the write", e))?;
        Ok(())
    }

    /// Removes one document and its entry.
    pub async fn delete_document(&self, key: &str) -> Result<(), String> {
        let tx = self.db.transaction(&[DOCUMENTS, INDEX, LOG, SEARCH], TransactionMode::ReadWrite).map_err(|e| say("not deleted", e))?;
        for store in [DOCUMENTS, INDEX, SEARCH] {
            tx.object_store(store)
                .and_then(|s| s.delete(JsValue::from_str(key)))
                .map_err(|e| say("not deleted", e))?;
        }
        clear_log(&tx, key)?;
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

    /// The search records of `keys` (`core::search`), as JSON, those missing left out: a
    /// document saved before version 4 of the database has none until it is saved again.
    pub async fn search_records(&self, keys: &[String]) -> Result<Vec<(String, String)>, String> {
        let tx = self.db.transaction(&[SEARCH], TransactionMode::ReadOnly).map_err(|e| say("the search index cannot be read", e))?;
        let store = tx.object_store(SEARCH).map_err(|e| say("the search index cannot be read", e))?;
        let mut out = Vec::new();
        for key in keys {
            let value = store.get(JsValue::from_str(key)).map_err(|e| say("the search index cannot be read", e))?.await.map_err(|e| say("the search index cannot be read", e))?;
            if let Some(json) = value.and_then(text_of) {
                out.push((key.clone(), json));
            }
        }
        Ok(out)
    }

    /// Writes the search record of one document (one saved before the search store existed).
    pub async fn put_search(&self, key: &str, json: &str) -> Result<(), String> {
        let tx = self.db.transaction(&[SEARCH], TransactionMode::ReadWrite).map_err(|e| say("the browser refused the write", e))?;
        put_bytes(&tx, SEARCH, key, json)?;
        tx.commit().map_err(|e| say("the browser refused the write", e))?.await.map_err(|e| say("the browser refused the write", e))?;
        Ok(())
    }

    /// One saved document, as an export (its snapshot).
    pub async fn document(&self, key: &str) -> Result<Option<String>, String> {
        let tx = self.db.transaction(&[DOCUMENTS], TransactionMode::ReadOnly).map_err(|e| say("cannot be read", e))?;
        let value = tx
            .object_store(DOCUMENTS)
            .and_then(|s| s.get(JsValue::from_str(key)))
            .map_err(|e| say("cannot be read", e))?
            .await
            .map_err(|e| say("cannot be read", e))?;
        Ok(value.and_then(text_of))
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

    /// The saved session, its document and the document's log, if anything was saved.
    pub async fn load(&self) -> Result<Option<Saved>, String> {
        let tx = self
            .db
            .transaction(&[DOCUMENTS, SESSION, LOG], TransactionMode::ReadOnly)
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
        let document = document.and_then(text_of).unwrap_or_default();
        let base = read(LOG, &base_key(&key))?.await.map_err(|e| say("saved work cannot be read", e))?.and_then(|v| v.as_string());
        // The change records: keys `d<n>:<12 digits>`, in order (the base sorts after them).
        let (first, last) = change_range(&key);
        let range = KeyRange::bound(&JsValue::from_str(&first), &JsValue::from_str(&last), Some(false), Some(true))
            .map_err(|e| say("saved work cannot be read", e))?;
        let changes = tx
            .object_store(LOG)
            .and_then(|s| s.get_all(Some(Query::KeyRange(range)), None))
            .map_err(|e| say("saved work cannot be read", e))?
            .await
            .map_err(|e| say("saved work cannot be read", e))?;
        let changes = changes.into_iter().filter_map(|v| v.as_string()).collect();
        let keys = tx
            .object_store(DOCUMENTS)
            .and_then(|s| s.get_all_keys(None, None))
            .map_err(|e| say("saved work cannot be read", e))?
            .await
            .map_err(|e| say("saved work cannot be read", e))?;
        let keys = keys.into_iter().filter_map(|k| k.as_string()).collect();
        Ok(Some(Saved { session, document, base, changes, keys }))
    }
}

/// Deletes every log record of the document `key` within `tx`.
fn clear_log(tx: &Transaction, key: &str) -> Result<(), String> {
    let (first, last) = key_range(key);
    let range = KeyRange::bound(&JsValue::from_str(&first), &JsValue::from_str(&last), Some(false), Some(true)).map_err(|e| say("the browser refused the write", e))?;
    tx.object_store(LOG).and_then(|s| s.delete(Query::KeyRange(range))).map(drop).map_err(|e| say("the browser refused the write", e))
}

/// Puts a document, its entry and its search record under the record's key within `tx`.
/// The document and the search record (megabytes for a long text) are stored as UTF-8
/// bytes: copied out of wasm memory as they are, where a JavaScript string is decoded
/// first (~40 ms for 6 MB) and cloned into storage more slowly.
fn put_record(tx: &Transaction, record: &Record) -> Result<(), String> {
    put_bytes(tx, DOCUMENTS, &record.key, &record.document)?;
    put(tx, INDEX, &record.key, &record.entry)?;
    put_bytes(tx, SEARCH, &record.key, &record.search)
}

/// Puts `value` under `key` in `store` within `tx`, as UTF-8 bytes (a `Uint8Array`).
fn put_bytes(tx: &Transaction, store: &str, key: &str, value: &str) -> Result<(), String> {
    tx.object_store(store)
        .and_then(|s| s.put(&js_sys::Uint8Array::from(value.as_bytes()).into(), Some(&JsValue::from_str(key))))
        .map(drop)
        .map_err(|e| say("the browser refused the write", e))
}

/// The text of a stored value: a string, or UTF-8 bytes (see [`put_record`]).
fn text_of(value: JsValue) -> Option<String> {
    if let Some(text) = value.as_string() {
        return Some(text);
    }
    let bytes = value.dyn_into::<js_sys::Uint8Array>().ok()?.to_vec();
    String::from_utf8(bytes).ok()
}

/// Puts `value` under `key` in `store` within `tx`.
fn put(tx: &Transaction, store: &str, key: &str, value: &str) -> Result<(), String> {
    tx.object_store(store)
        .and_then(|s| s.put(&JsValue::from_str(value), Some(&JsValue::from_str(key))))
        .map(drop)
        .map_err(|e| say("the browser refused the write", e))
}
