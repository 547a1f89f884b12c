//! Broken files in the exchange formats, among them the inputs the fuzz targets found: each
//! problem is placed and typed, and the valid part is a sound document (it exports to our
//! format and reads back to the same bytes).

use marginalia::core::export::to_json;
use marginalia::core::fixture::document;
use marginalia::core::formats::read::{read_as, Found};
use marginalia::core::formats::{export, File, Format, Options};
use marginalia::core::import::{read_file, ProblemKind};
use serde_json::Value;

const DOC: &str = "😀🇮🇷 [Person|Ana] and [Person|Bo] spoke in [Place|Halden] with [Person|Ana].";

fn exported(format: Format) -> Value {
    let files = export(format, &[&document(DOC)], &Options::default());
    serde_json::from_slice(&files[0].bytes).unwrap()
}

fn read(format: Format, value: &Value) -> Found {
    read_as(format, &[File { path: "input".into(), bytes: serde_json::to_vec(value).unwrap() }], None)
}

/// The problems' kinds, and that the valid part is sound.
fn kinds(found: &Found) -> Vec<ProblemKind> {
    for imported in &found.documents {
        let json = to_json(&imported.doc, "t");
        let again = read_file(json.as_bytes()).unwrap_or_else(|p| panic!("the valid part is refused by our importer: {p:?}"));
        assert_eq!(to_json(&again.doc, "t"), json);
    }
    found.problems.iter().map(|p| p.kind).collect()
}

#[test]
fn w3c_an_id_used_twice_leaves_the_second_out_and_no_entity_without_a_mention() {
    // Found by the w3c fuzz target: the second annotation took the first one's id.
    let mut value = exported(Format::W3c);
    let items = value["first"]["items"].as_array_mut().unwrap();
    let first = items[0]["id"].clone();
    items[1]["id"] = first;
    let found = read(Format::W3c, &value);
    assert_eq!(kinds(&found), vec![ProblemKind::DuplicateId]);
    let doc = &found.documents[0].doc;
    assert_eq!(doc.annotations.len(), 3);
    assert!(found.problems[0].message.contains("used twice"), "{}", found.problems[0]);
}

#[test]
fn uima_a_span_of_white_space_is_refused() {
    // Found by the uima_json fuzz target: a NamedEntity moved onto a space became an entity
    // with a blank name, which our own importer refuses.
    let mut value = exported(Format::UimaJson);
    let structures = value["%FEATURE_STRUCTURES"].as_array_mut().unwrap();
    let entity = structures.iter_mut().find(|s| s["%TYPE"].as_str().is_some_and(|t| t.ends_with("NamedEntity"))).unwrap();
    // UTF-16: 😀 and 🇮🇷 are six units, then a space.
    entity["begin"] = 6.into();
    entity["end"] = 7.into();
    let found = read(Format::UimaJson, &value);
    assert_eq!(kinds(&found), vec![ProblemKind::BadOffsets]);
    assert!(found.problems[0].message.contains("only white space"), "{}", found.problems[0]);
    assert_eq!(found.documents[0].doc.annotations.len(), 3);
}
