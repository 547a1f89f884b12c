//! Fuzzes the importer with arbitrary bytes. It must never panic; whatever it accepts
//! must export and import again to the very same bytes; and the valid part it offers of a
//! broken file must itself be a sound document (it exports to a file that is accepted).
#![no_main]

use libfuzzer_sys::fuzz_target;
use marginalia::core::export::to_json;
use marginalia::core::import::{check_file, read_file};

const AT: &str = "2026-11-24T00:00:00Z";

fuzz_target!(|data: &[u8]| {
    let checked = check_file(data);
    let whole = checked.problems.is_empty();
    if let Some(imported) = checked.imported {
        let exported = to_json(&imported.doc, AT);
        let again = match read_file(exported.as_bytes()) {
            Ok(again) => again,
            Err(problems) => panic!("an accepted file or valid part exports to one that is refused: {problems:?}"),
        };
        assert_eq!(to_json(&again.doc, AT), exported);
        if whole {
            assert_eq!(read_file(data).map(|i| to_json(&i.doc, AT)).ok(), Some(exported));
        }
    } else {
        assert!(!whole, "a file without a document must have a problem");
    }
});
