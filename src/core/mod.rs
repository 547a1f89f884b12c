//! The browser-free core: the model of a document, what is done with it, the reducer that
//! changes the app's state, and what reads that state to decide for the browser side.
//! Natively testable with `cargo test`.
//!
//! **Architecture Invariant:** nothing here depends on a browser crate (the list is in
//! ARCHITECTURE.md), reads a clock or draws randomness.
//!
//! **Architecture Invariant:** the modules form four layers, listed below lowest first; a
//! module imports only from its own layer and those below (`tests/reducer/architecture.rs`).

// The model: what a document is.
pub mod offsets;
pub mod ids;
pub mod text;
pub mod messages;
pub mod colors;
pub mod labels;
pub mod annotations;
pub mod entities;
pub mod revisions;
pub mod provenance;
pub mod source;
pub mod document;
pub mod mentions;

// Operations: what is done to and with a document.
pub mod edits;
pub mod history;
pub mod merge;
pub mod realign;
pub mod snap;
pub mod find;
pub mod paint;
pub mod highlight_css;
pub mod rows;
pub mod who_said_what;
pub mod report;
pub mod detect;
pub mod export;
pub mod import;
pub mod library;
pub mod projects;
pub mod search;
pub mod library_history;
pub mod oplog;
pub mod pending;
pub mod fixture;
pub mod formats;
pub mod agreement;

// The reducer: the app's state and the one place it changes.
pub mod state;
pub mod reduce;
pub mod store;

// Above the reducer: what reads the state to decide something for the browser side.
pub mod session;
pub mod import_plan;
pub mod keymap;
