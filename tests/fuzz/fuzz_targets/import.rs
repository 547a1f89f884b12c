//! Fuzzes the importer with arbitrary bytes. It must never panic, and whatever it
//! accepts must export and import again to the very same bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use marginalia::core::export::to_json;
use marginalia::core::import::read_file;

fuzz_target!(|data: &[u8]| {
    if let Ok(imported) = read_file(data) {
        let exported = to_json(&imported.doc, "2026-11-24T00:00:00Z");
        let again = match read_file(exported.as_bytes()) {
            Ok(again) => again,
            Err(problems) => panic!("an accepted file exports to one that is refused: {problems:?}"),
        };
        assert_eq!(to_json(&again.doc, "2026-11-24T00:00:00Z"), exported);
    }
});
