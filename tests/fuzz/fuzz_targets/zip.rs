//! Fuzzes the reading of a `.zip` (`core::formats::read`) with arbitrary bytes: never a
//! panic, every accepted document sound (see `common.rs`).
#![no_main]

#[path = "common.rs"]
mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| common::sound(&marginalia::core::formats::read::read("input.zip", data, None)));
