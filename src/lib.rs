//! Marginalia: annotate entities and quotations in news articles, in the browser alone.
//!
//! Three layers (see ARCHITECTURE.md): [`core`] is pure and browser-free; `ui` holds the
//! Yew components and `glue` the only code that touches the DOM directly. Both exist only
//! in the wasm build.

pub mod core;

/// The native command line (`marginalia suggest`, `marginalia eval`).
#[cfg(not(target_arch = "wasm32"))]
pub mod cli;

#[cfg(target_arch = "wasm32")]
pub mod glue;
#[cfg(target_arch = "wasm32")]
pub mod ui;
