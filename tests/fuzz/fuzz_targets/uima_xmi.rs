//! Fuzzes the uima_xmi importer (`core::formats`) with arbitrary bytes as one file: never a
//! panic, every accepted document sound (see `common.rs`).
#![no_main]

#[path = "common.rs"]
mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| common::read_as(marginalia::core::formats::Format::UimaXmi, data));
