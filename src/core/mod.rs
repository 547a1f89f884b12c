//! The browser-free core: text, offsets, spans, labels, annotations, the reducer and the
//! export format. Natively testable with `cargo test`.
//!
//! **Architecture Invariant:** nothing here depends on a browser crate (the list is in
//! ARCHITECTURE.md), reads a clock or draws randomness.

pub mod annotations;
pub mod detect;
pub mod document;
pub mod entities;
pub mod export;
pub mod find;
pub mod fixture;
pub mod history;
pub mod ids;
pub mod import;
pub mod import_plan;
pub mod keymap;
pub mod labels;
pub mod library;
pub mod library_history;
pub mod mentions;
pub mod merge;
pub mod messages;
pub mod offsets;
pub mod paint;
pub mod pending;
pub mod reduce;
pub mod rows;
pub mod session;
pub mod snap;
pub mod state;
pub mod store;
pub mod edits;
pub mod text;
pub mod who_said_what;
