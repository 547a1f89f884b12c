//! What every format's fuzz target asks of what its importer found: no panic on the way
//! there (libFuzzer catches those), and every document it accepts is sound — it exports to
//! Marginalia's format, and that file is accepted and gives the same bytes again.
use marginalia::core::export::to_json;
use marginalia::core::formats::read::{read_as as read_files_as, Found};
use marginalia::core::formats::{File, Format};
use marginalia::core::import::read_file;

const AT: &str = "2026-12-01T00:00:00Z";

pub fn sound(found: &Found) {
    for imported in &found.documents {
        let exported = to_json(&imported.doc, AT);
        let again = match read_file(exported.as_bytes()) {
            Ok(again) => again,
            Err(problems) => panic!("an accepted document exports to a refused file: {problems:?}"),
        };
        assert_eq!(to_json(&again.doc, AT), exported);
    }
    if found.documents.is_empty() {
        assert!(!found.problems.is_empty(), "nothing read must come with a problem");
    }
}

/// Reads `data` as one file in `format` and checks what was found.
#[allow(dead_code)] // not every target reads one file
pub fn read_as(format: Format, data: &[u8]) {
    let files = vec![File { path: "input".into(), bytes: data.to_vec() }];
    sound(&read_files_as(format, &files, None));
}
