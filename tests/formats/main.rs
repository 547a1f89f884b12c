//! What Marginalia writes and reads: the export contract and its schema, the importer, import choices, saved sessions, the pinned export bytes, the exchange formats and their broken files.
#![cfg(not(target_arch = "wasm32"))]

#[path = "../common/mod.rs"]
mod common;

mod broken_exchange;
mod export;
mod import;
mod import_choices;
mod pinned;
mod roundtrip;
mod session;

