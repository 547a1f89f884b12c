//! The browser-free core: text, offsets, spans, labels, annotations, the reducer and the
//! export format. Natively testable with `cargo test`.
//!
//! **Architecture Invariant:** nothing here names `web_sys`, `js_sys`, `wasm_bindgen`,
//! `gloo` or `yew`, reads a clock or draws randomness.

pub mod annotations;
pub mod export;
pub mod fixture;
pub mod labels;
pub mod offsets;
pub mod paint;
pub mod snap;
pub mod store;
pub mod text;
