//! Fuzzes the citron importer (`core::formats`) with arbitrary bytes: never a panic, every
//! accepted document sound (see `common.rs`).
#![no_main]

#[path = "common.rs"]
mod common;

#[allow(unused_imports)]
use marginalia::core::formats::{read::read_as, File, Format};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let files = vec![File { path: "input".into(), bytes: data.to_vec() }];
    let found = read_as(Format::Citron, &files, None);
    common::sound(&found);
});
