//! Fuzzes the brat importer (`core::formats::brat`): the input is a `.txt`, a NUL byte, an
//! `.ann`, and optionally another NUL and an `annotation.conf`. Never a panic, every
//! accepted document sound (see `common.rs`).
#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;
use marginalia::core::formats::{read::read_as, File, Format};

fuzz_target!(|data: &[u8]| {
    let mut parts = data.splitn(3, |&b| b == 0);
    let txt = parts.next().unwrap_or_default();
    let ann = parts.next().unwrap_or_default();
    let mut files = vec![File { path: "doc.txt".into(), bytes: txt.to_vec() }, File { path: "doc.ann".into(), bytes: ann.to_vec() }];
    if let Some(conf) = parts.next() {
        files.push(File { path: "annotation.conf".into(), bytes: conf.to_vec() });
    }
    common::sound(&read_as(Format::Brat, &files, None));
});
