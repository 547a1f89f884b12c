//! The JSON export: exact offsets in code points, deterministic bytes, the documented shape.

use marginalia::core::export::{file_name, to_json};
use marginalia::core::store::Action;
use marginalia::core::state::State;
use proptest::prelude::*;
use serde_json::Value;

use crate::common;
use common::state_from;

/// `text[start:end]` as Python computes it: code points.
fn py_slice(text: &str, start: u64, end: u64) -> String {
    text.chars().skip(start as usize).take((end - start) as usize).collect()
}

fn check_offsets(json: &str) {
    let v: Value = serde_json::from_str(json).unwrap();
    let text = v["document"]["text"].as_str().unwrap();
    assert_eq!(v["document"]["length"].as_u64().unwrap() as usize, text.chars().count());
    let anns = v["annotations"].as_array().unwrap();
    let mut previous = (0, 0, String::new());
    for a in anns {
        let (s, e) = (a["start"].as_u64().unwrap(), a["end"].as_u64().unwrap());
        assert_eq!(py_slice(text, s, e), a["text"].as_str().unwrap());
        let key = (s, e, a["label"].as_str().unwrap().to_owned());
        assert!(key >= previous, "annotations sorted by (start, end, label)");
        previous = key;
        for sp in a.get("speakers").and_then(Value::as_array).into_iter().flatten() {
            let target = v["entities"].as_array().unwrap().iter().find(|e| e["id"] == *sp).expect("speaker entity exists");
            assert!(["Person", "Organization"].contains(&target["label"].as_str().unwrap()));
        }
        if let Some(e) = a.get("entity") {
            let entity = v["entities"].as_array().unwrap().iter().find(|x| x["id"] == *e).expect("entity exists");
            assert_eq!(entity["label"], a["label"]);
            assert!(entity["mentions"].as_array().unwrap().contains(&a["id"]));
        }
    }
}

#[test]
fn export_has_the_documented_shape() {
    let mut state = state_from("«[Quote|“Wir [Person|مریم] 😀\n\nkommen”]», [Cue|said] [Person|Maryam Rahimi] and [Person|Rahimi].");
    let ids: Vec<_> = state.doc.annotations.iter().map(|a| a.id).collect();
    state.apply(Action::AddSpeakerFromMention { quote: ids[0], mention: ids[3] });
    state.apply(Action::AddSpeakerFromMention { quote: ids[0], mention: ids[1] });
    state.apply(Action::SetCue { quote: ids[0], cue: Some(ids[2]) });
    let rahimi = state.doc.annotations.get(ids[4]).unwrap().entity.unwrap();
    let maryam = state.doc.annotations.get(ids[3]).unwrap().entity.unwrap();
    state.apply(Action::MergeEntities { into: maryam, from: rahimi });
    state.apply(Action::SetNote { id: ids[1], note: "her name in Persian".into() });
    let json = to_json(&state.doc, "2026-11-24T18:00:00.000Z");
    let v: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["format"], "marginalia");
    assert_eq!(v["version"], 4);
    assert_eq!(v["offset_unit"], "codepoint");
    assert_eq!(v["document"]["sha256"].as_str().unwrap().len(), 64);
    assert_eq!(v["labels"].as_array().unwrap().len(), 7);
    assert_eq!(v["labels"][0], serde_json::json!({"name":"Person","kind":"entity","color":"#f4a261","hotkey":"1","speaks":true}));
    assert_eq!(v["labels"][5], serde_json::json!({"name":"Quote","kind":"quote","color":"#e76f8a","hotkey":"6","speaks":false}));
    assert_eq!(v["labels"][6], serde_json::json!({"name":"Cue","kind":"cue","color":"#8d99ae","hotkey":"7","speaks":false}));
    let q = &v["annotations"][0];
    assert_eq!(q["text"], "“Wir مریم 😀\n\nkommen”");
    assert_eq!(q["speakers"], serde_json::json!(["e2", "e1"]), "in the order chosen");
    assert_eq!(q["cue"], v["annotations"][2]["id"]);
    assert_eq!(q["quote_kind"], "direct");
    assert_eq!(v["annotations"][1]["note"], "her name in Persian");
    assert!(v["annotations"][1].get("speakers").is_none() && v["annotations"][1].get("quote_kind").is_none());
    assert_eq!(
        v["entities"],
        serde_json::json!([
            { "id": "e1", "label": "Person", "name": "مریم", "aliases": [], "mentions": ["a2"] },
            { "id": "e2", "label": "Person", "name": "Maryam Rahimi", "aliases": ["Rahimi"], "mentions": ["a4", "a5"] }
        ])
    );
    assert_eq!(v["exported_at"], "2026-11-24T18:00:00.000Z");
    assert!(v["generator"].as_str().unwrap().starts_with("marginalia "));
    check_offsets(&json);
}

/// The shipped JSON Schema.
fn schema() -> jsonschema::Validator {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/static/marginalia-v4.schema.json")).unwrap();
    jsonschema::validator_for(&serde_json::from_str(&text).unwrap()).unwrap()
}

#[test]
fn exports_satisfy_the_shipped_schema_and_broken_ones_do_not() {
    let mut state = state_from("[Quote|“Yes”], [Cue|said] [Person|Ana] of [Organization|CRP] on [Date|January 9 and 10].");
    let ids: Vec<_> = state.doc.annotations.iter().map(|a| a.id).collect();
    state.apply(Action::AddSpeakerFromMention { quote: ids[0], mention: ids[2] });
    state.apply(Action::AddSpeakerFromMention { quote: ids[0], mention: ids[3] });
    state.apply(Action::SetCue { quote: ids[0], cue: Some(ids[1]) });
    state.apply(Action::SetNote { id: ids[3], note: "<b>not markup</b>".into() });
    let v: Value = serde_json::from_str(&to_json(&state.doc, "2026-11-24T18:00:00.000Z")).unwrap();
    let validator = schema();
    assert!(validator.is_valid(&v), "{:?}", validator.iter_errors(&v).map(|e| e.to_string()).collect::<Vec<_>>());
    for (pointer, bad) in [
        ("/version", serde_json::json!(1)),
        ("/entities/0/id", serde_json::json!("a1")),
        ("/annotations/0/speakers", serde_json::json!([])),
        ("/annotations/0/quote_kind", serde_json::json!("indirect")),
        ("/offset_unit", serde_json::json!("utf16")),
        ("/document/sha256", serde_json::json!("XYZ")),
        ("/annotations/0/start", serde_json::json!(-1)),
        ("/labels/0/color", serde_json::json!("red;}")),
    ] {
        let mut broken = v.clone();
        *broken.pointer_mut(pointer).unwrap() = bad;
        assert!(!validator.is_valid(&broken), "{pointer} should be rejected");
    }
}

/// The source record: set in one undoable step, exported as `source` (left out when empty),
/// valid against the version 4 schema, read back the same, and a bad one refused with
/// its reason while a version 3 file (without one) still imports.
#[test]
fn the_source_record_is_exported_read_back_and_undone() {
    use marginalia::core::import::read_file;
    use marginalia::core::source::Source;
    let mut state = state_from("said [Person|مریم رحیمی] 🌱");
    let plain: Value = serde_json::from_str(&to_json(&state.doc, "T")).unwrap();
    assert!(plain.get("source").is_none(), "no source: no field");
    let source = Source {
        url: " https://halden-post.example/2026/11/30/wetland ".into(),
        outlet: "Halden Post".into(),
        authors: vec!["Ana Lima".into(), " ".into(), "Bo Berg".into()],
        published: "2026-11-30".into(),
        retrieved: "2026-12-01".into(),
        note: "Archived copy: web.archive.org".into(),
    };
    state.apply(Action::SetSource(Box::new(source)));
    assert_eq!(state.doc.source.url, "https://halden-post.example/2026/11/30/wetland", "trimmed");
    assert_eq!(state.doc.source.authors, ["Ana Lima", "Bo Berg"], "empty authors left out");
    let json = to_json(&state.doc, "T");
    let v: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["source"]["outlet"], "Halden Post");
    assert_eq!(v["source"]["authors"], serde_json::json!(["Ana Lima", "Bo Berg"]));
    let validator = schema();
    assert!(validator.is_valid(&v), "{:?}", validator.iter_errors(&v).map(|e| e.to_string()).collect::<Vec<_>>());
    let mut unknown = v.clone();
    unknown["source"]["isbn"] = serde_json::json!("x");
    assert!(!validator.is_valid(&unknown), "the schema knows every field");
    let back = read_file(json.as_bytes()).expect("reads back").doc;
    assert_eq!(back.source, state.doc.source);
    assert_eq!(to_json(&back, "T"), json, "export, import, export: the same bytes");
    // A bad record is refused, with its reason; the file's version 3 form still reads.
    let bad = json.replace("\"outlet\": \"Halden Post\"", "\"outlet\": 7");
    let problems = read_file(bad.as_bytes()).map(|_| ()).expect_err("refused");
    assert!(problems.iter().any(|p| p.to_string().contains("source record")), "{problems:?}");
    let mut v3 = v.clone();
    v3["version"] = serde_json::json!(3);
    v3.as_object_mut().unwrap().remove("source");
    assert!(read_file(v3.to_string().as_bytes()).is_ok(), "version 3 still imports");
    // One undo takes it back.
    state.apply(Action::Undo);
    assert!(state.doc.source.is_empty());
    state.apply(Action::Redo);
    assert_eq!(state.doc.source.outlet, "Halden Post");
}

/// The source record travels in every format with a place for metadata and comes back
/// from every one we read: W3C's collection (`mg:source`), a brat comment, spaCy's user
/// data, Label Studio's task `meta`, a UIMA `SourceRecord` (and DocumentMetaData's
/// `documentUri`), Citron's `source`; doccano and Prodigy write it as metadata; CoNLL has
/// no place for it and says so, as brat does for a document without annotations.
#[test]
fn the_source_record_travels_in_every_format_with_a_place_for_it() {
    use marginalia::core::formats::{export, losses::say, read::read_as, Format, Options};
    use marginalia::core::source::Source;
    let mut state = state_from("said [Person|Ana Lima] in [Place|Halden]");
    let source = Source {
        url: "https://x.example/a?b=1&c=2".into(),
        outlet: "Halden Post".into(),
        authors: vec!["Bo Berg".into(), "مریم رحیمی".into()],
        published: "2026-11-30".into(),
        retrieved: "2026-12-01".into(),
        note: "paywalled; archived copy\tkept".into(),
    };
    state.apply(Action::SetSource(Box::new(source.clone())));
    let options = Options { utf16: false, exported_at: "2026-12-01T10:00:00Z".into() };
    for format in [Format::W3c, Format::Brat, Format::Spacy, Format::LabelStudio, Format::UimaXmi, Format::UimaJson, Format::Citron] {
        let files = export(format, &[&state.doc], &options);
        let found = read_as(format, &files, None);
        assert!(found.problems.is_empty(), "{format:?}: {:?}", found.problems);
        let back = found.documents.into_iter().next().expect("one document").doc;
        assert_eq!(back.source, source, "{format:?}");
        assert!(say(format, &[&state.doc]).starts_with("Everything") || !say(format, &[&state.doc]).contains("source record"), "{format:?}: {}", say(format, &[&state.doc]));
    }
    let text = |format| String::from_utf8(export(format, &[&state.doc], &options).remove(0).bytes).unwrap();
    let v: Value = serde_json::from_str(&text(Format::W3c)).unwrap();
    assert_eq!(v["mg:source"]["mg:outlet"], "Halden Post");
    let doccano: Value = serde_json::from_str(text(Format::Doccano).lines().next().unwrap()).unwrap();
    assert_eq!(serde_json::from_value::<Source>(doccano["source"].clone()).unwrap(), source);
    let prodigy: Value = serde_json::from_str(text(Format::Prodigy).lines().next().unwrap()).unwrap();
    assert_eq!(prodigy["meta"]["url"], source.url.as_str());
    assert_eq!(prodigy["meta"]["authors"], "Bo Berg; مریم رحیمی");
    assert_eq!(say(Format::Conll, &[&state.doc]).matches("1 source record").count(), 1);
    for format in [Format::Doccano, Format::Prodigy, Format::Spacy, Format::Brat] {
        assert!(!say(format, &[&state.doc]).contains("source record"), "{format:?}");
    }
    // brat needs an annotation to hang its comment on.
    let mut bare = state_from("nothing marked here");
    bare.apply(Action::SetSource(Box::new(source.clone())));
    assert!(say(Format::Brat, &[&bare.doc]).contains("1 source record"));
    assert!(export(Format::Brat, &[&bare.doc], &options).iter().filter(|f| f.path.ends_with(".ann")).all(|f| !String::from_utf8_lossy(&f.bytes).contains("\tSource ")));
    let plain = state_from("said [Person|Ana Lima]");
    let none: Value = serde_json::from_slice(&export(Format::W3c, &[&plain.doc], &options)[0].bytes).unwrap();
    assert!(none.get("mg:source").is_none(), "no record, no field");
    for format in [Format::LabelStudio, Format::Doccano, Format::Citron] {
        assert!(!text_of(&export(format, &[&plain.doc], &options)).contains("\"source\""), "{format:?}: no record, no field");
    }
}

fn text_of(files: &[marginalia::core::formats::File]) -> String {
    files.iter().map(|f| String::from_utf8_lossy(&f.bytes).into_owned()).collect()
}

#[test]
fn sample_article_export_is_deterministic() {
    let a = to_json(&State::default().doc, "T");
    let b = to_json(&State::default().doc, "T");
    assert_eq!(a, b);
    assert_ne!(a, to_json(&State::default().doc, "U"));
}

#[test]
fn file_names_are_safe_slugs() {
    assert_eq!(file_name("Residents rally"), "residents-rally.marginalia.json");
    assert_eq!(file_name("../../etc/passwd"), "etc-passwd.marginalia.json");
    assert_eq!(file_name("مریم"), "مریم.marginalia.json");
    assert_eq!(file_name("“Quoted” — $5m; rm -rf ~ & 🌱"), "quoted-5m-rm-rf.marginalia.json");
    assert_eq!(file_name("CON"), "con.marginalia.json");
    // A long title is cut at a word, never inside one.
    let long = "word ".repeat(40);
    let stem = marginalia::core::export::file_stem(&long);
    assert!(stem.chars().count() <= 80 && stem.ends_with("word") && !stem.ends_with('-'), "{stem}");
}

proptest! {
    /// Whatever the title, the slug holds only lower-case letters, digits and single
    /// dashes between them, and is never empty.
    #[test]
    fn every_slug_is_safe(title in "\\PC{0,120}") {
        let stem = marginalia::core::export::file_stem(&title);
        prop_assert!(!stem.is_empty() && stem.chars().count() <= 80);
        prop_assert!(!stem.starts_with('-') && !stem.ends_with('-') && !stem.contains("--"));
        prop_assert!(stem.chars().all(|c| c == '-' || c.is_alphanumeric()), "{}", stem);
        prop_assert_eq!(stem.to_lowercase(), stem.clone(), "in lower case");
    }
}

proptest! {
    #[test]
    fn random_annotations_export_exact_offsets_in_any_order(
        words in prop::collection::vec(prop::sample::select(vec!["Ana", "مریم", "😀", "e\u{301}", "“q”", "\r\n", " ", "🇮🇷", "x"]), 1..60),
        picks in prop::collection::vec((0usize..120, 0usize..120, 0usize..6), 0..25),
    ) {
        let text = words.concat();
        let labels = ["Person", "Organization", "Place", "Date", "Event", "Quote"];
        let mut forward = State::default();
        forward.apply(Action::NewDocument);
        forward.apply(Action::StartAnnotating { text: text.clone(), replaced_surrogates: 0 });
        let mut backward = forward.clone();
        let actions: Vec<Action> = picks
            .iter()
            .filter(|(a, b, _)| a != b) // an empty selection relabels, which depends on order
            .map(|&(a, b, l)| Action::ApplyLabel { label: labels[l].into(), selection: Some(marginalia::core::offsets::Span::new(a, b)) })
            .collect();
        for action in actions.iter().cloned() { forward.apply(action); }
        let json = to_json(&forward.doc, "T");
        check_offsets(&json);
        // The same set of annotations, added in reverse order, exports the same
        // annotations apart from their ids.
        for action in actions.iter().rev().cloned() { backward.apply(action); }
        let strip = |j: &str| {
            let mut v: Value = serde_json::from_str(j).unwrap();
            for a in v["annotations"].as_array_mut().unwrap() {
                let a = a.as_object_mut().unwrap();
                a.remove("id");
                a.remove("entity"); // entity ids follow the order mentions were added
            }
            v.as_object_mut().unwrap().remove("entities");
            v
        };
        prop_assert_eq!(strip(&json), strip(&to_json(&backward.doc, "T")));
    }
}


#[test]
fn a_revised_document_exports_changed_from_orphans_and_revisions_that_satisfy_the_schema() {
    let mut state = state_from("[Quote|“Yes”], said [Person|Ana] of the [Organization|CPR]. [Person|Bo] nodded.");
    let ids: Vec<_> = state.doc.annotations.iter().map(|a| a.id).collect();
    state.apply(Action::AddSpeakerFromMention { quote: ids[0], mention: ids[3] });
    state.apply(Action::ReviseText { text: "“Yes”, said Ana of the CRP.".into(), at: "2026-12-01T10:00:00.000Z".into() });
    let v: Value = serde_json::from_str(&to_json(&state.doc, "2026-12-01T10:00:01.000Z")).unwrap();
    let validator = schema();
    assert!(validator.is_valid(&v), "{:?}", validator.iter_errors(&v).map(|e| e.to_string()).collect::<Vec<_>>());
    assert_eq!(v["annotations"][2]["changed_from"], "CPR");
    assert_eq!(v["orphans"][0]["text"], "Bo");
    assert_eq!(v["revisions"][0]["after"]["sha256"], v["document"]["sha256"]);
    for (pointer, bad) in [("/orphans/0/revision", serde_json::json!(0)), ("/revisions/0/after/sha256", serde_json::json!("ABC"))] {
        let mut broken = v.clone();
        *broken.pointer_mut(pointer).unwrap() = bad;
        assert!(!validator.is_valid(&broken), "{pointer} must be refused");
    }
}
