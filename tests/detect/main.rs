//! The detectors: quotations, entities, speakers and suggestions.
#![cfg(not(target_arch = "wasm32"))]

#[path = "../common/mod.rs"]
mod common;

mod engine;
mod quotes;
mod suggest;
mod tagger;
mod wire;
