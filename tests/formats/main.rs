//! What Marginalia writes and reads: the export contract and its schema, the importer, import choices, saved sessions, and the pinned export bytes.
#![cfg(not(target_arch = "wasm32"))]

#[path = "../common/mod.rs"]
mod common;

mod export;
mod import;
mod import_choices;
mod pinned;
mod roundtrip;
mod session;
