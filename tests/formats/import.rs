//! The importer: every kind of broken file is refused with its place named, hostile
//! strings stay plain data, and export → import → export gives the same bytes.

use marginalia::core::export::to_json;
use crate::common;

use marginalia::core::import::{import_failure, read_file, Problem, ProblemKind};
use marginalia::core::reduce::refusal::Refusal;
use marginalia::core::offsets::Span;
use marginalia::core::store::Action;
use marginalia::core::state::State;
use proptest::prelude::*;
use serde_json::{json, Value};

const T: &str = "2026-11-24T18:00:00.000Z";

/// An export of a small document with a quote, its speaker and a Persian name.
fn good_export() -> Value {
    let state = common::quote_with_speaker("[Quote|“We stay,”] said [Person|Maryam Rahimi] (مریم 😀) of the [Organization|CRP].");
    serde_json::from_str(&to_json(&state.doc, T)).unwrap()
}

fn problems_of(bytes: &[u8]) -> Vec<Problem> {
    read_file(bytes).expect_err("the file must be refused")
}

fn broken(change: impl FnOnce(&mut Value)) -> Vec<Problem> {
    let mut v = good_export();
    change(&mut v);
    problems_of(v.to_string().as_bytes())
}

fn assert_one(problems: &[Problem], place: &str, kind: ProblemKind) {
    assert!(
        problems.iter().any(|p| p.place.contains(place) && p.kind == kind),
        "expected a problem {kind:?} at {place:?}, got {problems:#?}"
    );
}

#[test]
fn a_good_file_imports_with_its_ids_speakers_and_schema() {
    let imported = read_file(good_export().to_string().as_bytes()).unwrap();
    let doc = &imported.doc;
    assert_eq!(doc.annotations.len(), 3);
    let quote = doc.annotations.iter().find(|a| a.label == "Quote").unwrap();
    assert_eq!(quote.speakers.len(), 1);
    assert_eq!(doc.entity_name(quote.speakers[0]), "Maryam Rahimi");
    assert_eq!(doc.entities.len(), 2);
    assert!(doc.next_entity > 2);
    assert!(doc.next_id > doc.annotations.iter().map(|a| a.id.0).max().unwrap());
    assert!(imported.added_labels.is_empty());
}

#[test]
fn truncated_file() {
    let text = good_export().to_string();
    let problems = problems_of(&text.as_bytes()[..text.len() / 2]);
    assert_one(&problems, "line 1", ProblemKind::Truncated);
}

#[test]
fn binary_garbage_and_other_json() {
    assert_one(&problems_of(&[0xff, 0xfe, 0x00, 0x9c, 0x42]), "file", ProblemKind::NotText);
    assert_one(&problems_of(b"{\"a\": [1, 2,, 3]}"), "line 1, column", ProblemKind::NotJson);
    assert_one(&problems_of(b"[1, 2, 3]"), "file", ProblemKind::NotAnExport);
    assert_one(&problems_of(b"{\"format\": \"other\"}"), "format", ProblemKind::NotAnExport);
}

#[test]
fn wrong_version() {
    assert_one(&broken(|v| v["version"] = json!(5)), "version", ProblemKind::NewerVersion);
    assert_one(&broken(|v| v["version"] = json!("one")), "version", ProblemKind::BadVersion);
}

#[test]
fn offset_out_of_range() {
    let problems = broken(|v| v["annotations"][1]["end"] = json!(5000));
    assert_one(&problems, "annotation a2 (number 2 of 3), fields “start” and “end”", ProblemKind::OutsideText);
    assert_one(&broken(|v| v["annotations"][0]["start"] = json!(-3)), "fields “start” and “end”", ProblemKind::BadOffsets);
}

#[test]
fn text_mismatch() {
    let problems = broken(|v| v["annotations"][1]["text"] = json!("Maryam Rahim"));
    assert_one(&problems, "annotation a2", ProblemKind::TextMismatch);
}

#[test]
fn hash_and_length_mismatch() {
    let problems = broken(|v| {
        let text = v["document"]["text"].as_str().unwrap().replace("stay", "stey");
        v["document"]["text"] = json!(text);
    });
    assert_one(&problems, "document, field “sha256”", ProblemKind::HashMismatch);
    let problems = broken(|v| v["document"]["length"] = json!(3));
    assert_one(&problems, "document, field “length”", ProblemKind::LengthMismatch);
}

#[test]
fn unknown_speaker_and_wrong_speakers() {
    assert_one(&broken(|v| v["annotations"][0]["speakers"] = json!(["e99"])), "annotation a1, field “speakers”", ProblemKind::UnknownSpeaker);
    let problems = broken(|v| v["annotations"][1]["speakers"] = json!(["e1"]));
    assert_one(&problems, "annotation a2, field “speakers”", ProblemKind::NotAQuote);
    assert_one(&broken(|v| v["annotations"][0]["cue"] = json!("a2")), "annotation a1, field “cue”", ProblemKind::BadCue);
    assert_one(&broken(|v| v["annotations"][0]["continues"] = json!("a1")), "annotation a1, field “continues”", ProblemKind::BadJoin);
    assert_one(&broken(|v| v["annotations"][0]["quote_kind"] = json!("indirect")), "annotation a1 (number 1 of 3), field “quote_kind”", ProblemKind::BadQuoteKind);
}

#[test]
fn entities_must_agree_with_their_mentions() {
    assert_one(&broken(|v| v["annotations"][1]["entity"] = json!("e7")), "annotation a2, field “entity”", ProblemKind::UnknownEntity);
    assert_one(&broken(|v| v["entities"][0]["mentions"] = json!([])), "annotation a2, field “entity”", ProblemKind::MentionsDisagree);
    assert_one(&broken(|v| v["entities"][0]["id"] = json!("x1")), "entity number 1 of 2, field “id”", ProblemKind::BadId);
    assert_one(&broken(|v| { v["entities"][1]["id"] = json!("e1"); }), "entity e1, field “id”", ProblemKind::DuplicateId);
    let problems = broken(|v| v["annotations"][1].as_object_mut().unwrap().remove("entity").map(drop).unwrap());
    assert_one(&problems, "annotation a2, field “entity”", ProblemKind::MissingEntity);
    assert_one(&broken(|v| v.as_object_mut().unwrap().remove("entities").map(drop).unwrap()), "field “entities”", ProblemKind::Missing);
}

/// A version 1 file, as the previous release wrote it: a quote's `speaker` is the id of
/// a mention.
const VERSION_1: &str = r##"{
  "format": "marginalia", "version": 1, "offset_unit": "codepoint",
  "document": { "title": "v1", "text": "“Go,” said Ana. Ana left.", "length": 25,
    "sha256": "SHA" },
  "labels": [
    { "name": "Person", "kind": "entity", "color": "#f4a261", "hotkey": "1" },
    { "name": "Quote", "kind": "quote", "color": "#e76f8a", "hotkey": "6" }
  ],
  "annotations": [
    { "id": "a1", "label": "Quote", "start": 0, "end": 5, "text": "“Go,”", "speaker": "a3" },
    { "id": "a3", "label": "Person", "start": 11, "end": 14, "text": "Ana" },
    { "id": "a2", "label": "Person", "start": 16, "end": 19, "text": "Ana" }
  ],
  "generator": "marginalia 0.1.0", "exported_at": "2026-11-24T18:00:00.000Z"
}"##;

#[test]
fn version_1_files_still_import_with_speakers_as_entities() {
    let text = marginalia::core::text::Text::exact("“Go,” said Ana. Ana left.");
    let file = VERSION_1.replace("SHA", text.sha256_hex());
    let doc = read_file(file.as_bytes()).expect("a version 1 file imports").doc;
    let quote = doc.annotations.iter().next().unwrap();
    assert_eq!(doc.entities.len(), 1, "the two mentions of Ana are one entity");
    assert_eq!(quote.speakers.iter().map(|s| doc.entity_name(*s)).collect::<Vec<_>>(), ["Ana"]);
    let exported = to_json(&doc, T);
    assert!(exported.contains("\"version\": 4") && exported.contains("\"speakers\": [\n        \"e1\"\n      ]"), "{exported}");
    let bad = file.replace(r#""speaker": "a3""#, r#""speaker": "a1""#);
    assert_one(&problems_of(bad.as_bytes()), "annotation a1, field “speaker”", ProblemKind::CannotSpeak);
}

#[test]
fn duplicate_ids_and_bad_labels() {
    assert_one(&broken(|v| v["annotations"][2]["id"] = json!("a1")), "number 3 of 3", ProblemKind::DuplicateId);
    assert_one(&broken(|v| v["labels"][0]["color"] = json!("red;}body{")), "label 1 of 7 (“Person”), field “color”", ProblemKind::BadColor);
    assert_one(&broken(|v| v["labels"][1]["name"] = json!("Person")), "labels", ProblemKind::DuplicateLabel);
}

#[test]
fn every_problem_is_reported_at_once() {
    let problems = broken(|v| {
        v["annotations"][0]["text"] = json!("x");
        v["annotations"][1]["end"] = json!(9999);
        v["document"]["sha256"] = json!("00");
    });
    assert_eq!(problems.len(), 3, "{problems:#?}");
    let message = import_failure("broken.json", &problems);
    assert!(message.starts_with("“broken.json” was not imported; nothing was changed. 3 problem(s):"));
    assert_eq!(message.lines().count(), 4);
}

#[test]
fn a_text_over_the_limit_is_refused() {
    let big = "x".repeat(5_000_001);
    let problems = broken(|v| v["document"]["text"] = json!(big));
    assert_one(&problems, "document, field “text”", ProblemKind::TextTooLong);
}

#[test]
fn unknown_labels_are_added_and_reported() {
    let mut v = good_export();
    v["annotations"][2]["label"] = json!("Ministry");
    v["entities"][1]["label"] = json!("Ministry");
    let imported = read_file(v.to_string().as_bytes()).unwrap();
    assert_eq!(imported.added_labels, ["Ministry"]);
    assert!(imported.doc.labels.get("Ministry").is_some());
    let mut state = State::default();
    state.apply(Action::OpenImported { imported: Box::new(imported), file: "f.json".into() });
    assert!(state.notice.unwrap().text.contains("were added: Ministry"));
}

#[test]
fn hostile_strings_stay_plain_data() {
    let evil = "<script>window.pwned=1</script><img src=x onerror=\"window.pwned=1\"> javascript:alert(1)";
    let mut v = good_export();
    v["document"]["title"] = json!(evil);
    v["labels"][0]["hotkey"] = json!(evil);
    let imported = read_file(v.to_string().as_bytes()).unwrap();
    assert_eq!(imported.doc.title, evil);
    assert_eq!(imported.doc.labels.get("Person").unwrap().hotkey, evil);
}

#[test]
fn a_failed_import_changes_nothing_but_the_message() {
    let mut state = State::default();
    state.apply(Action::ApplyLabel { label: "Place".into(), selection: Some(Span::new(0, 9)) });
    let before = state.clone();
    state.apply(Action::ImportFailed { file: "x.json".into(), problems: problems_of(b"{") });
    assert_eq!(state.doc, before.doc);
    assert_eq!(state.selected, before.selected);
    let Some(Refusal::ImportRefused { file, problems }) = state.notice.unwrap().refusal else { panic!("refused") };
    assert_eq!((file.as_str(), problems.iter().map(|p| p.kind).collect::<Vec<_>>()), ("x.json", vec![ProblemKind::Truncated]));
}

proptest! {
    #[test]
    fn export_import_export_gives_the_same_bytes(
        words in prop::collection::vec(prop::sample::select(vec!["Ana", "مریم", "😀", "e\u{301}", "“q”", "\n\n", " ", "🇮🇷", "<b>", "\""]), 1..60),
        picks in prop::collection::vec((0usize..120, 0usize..120, 0usize..7), 0..25),
        speakers in prop::collection::vec((0usize..25, 0usize..25), 0..8),
        title in "[a-zA-Z <>&\"'é😀]{0,20}",
    ) {
        let labels = ["Person", "Organization", "Place", "Date", "Event", "Quote", "Cue"];
        let mut state = State::default();
        state.apply(Action::StartAnnotating { text: words.concat(), replaced_surrogates: 0 });
        state.apply(Action::SetTitle(title));
        for (a, b, l) in picks {
            state.apply(Action::ApplyLabel { label: labels[l].into(), selection: Some(Span::new(a, b)) });
        }
        let ids: Vec<_> = state.doc.annotations.iter().map(|a| a.id).collect();
        for (q, s) in speakers {
            if let (Some(&q), Some(&s)) = (ids.get(q), ids.get(s)) {
                state.apply(Action::AddSpeakerFromMention { quote: q, mention: s });
            }
        }
        let first = to_json(&state.doc, T);
        let imported = read_file(first.as_bytes()).map_err(|p| TestCaseError::fail(format!("{p:?}")))?;
        prop_assert_eq!(&to_json(&imported.doc, T), &first);
    }
}

/// The fuzz corpus (tests/fuzz/corpus/import): its valid files import and round-trip,
/// the valid part of a broken one is a sound document, and nothing in it makes the
/// importer panic. Fuzz findings are added there.
#[test]
fn the_fuzz_corpus_imports_or_is_refused_without_panic() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fuzz/corpus/import");
    let mut accepted = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        if let Some(part) = marginalia::core::import::check_file(&bytes).imported {
            read_file(to_json(&part.doc, T).as_bytes()).expect("a valid part exports to a sound file");
        }
        if let Ok(imported) = read_file(&bytes) {
            let exported = to_json(&imported.doc, T);
            let again = read_file(exported.as_bytes()).unwrap();
            assert_eq!(to_json(&again.doc, T), exported);
            accepted += 1;
        }
    }
    assert!(accepted >= 2, "the seed exports import");
}

#[test]
fn a_bundle_round_trips_and_a_broken_line_refuses_all_of_it() {
    use marginalia::core::export::to_bundle;
    use marginalia::core::import::{is_bundle, read_bundle};
    let one = read_file(good_export().to_string().as_bytes()).unwrap().doc;
    let mut two = State::default().doc.as_ref().clone();
    two.title = "Second".into();
    let bundle = to_bundle([&one, &two], T);
    assert_eq!(bundle.lines().count(), 2);
    assert!(is_bundle("library.jsonl", bundle.as_bytes()) && is_bundle("x.json", bundle.as_bytes()));
    assert!(!is_bundle("x.json", to_json(&one, T).as_bytes()));
    let docs = read_bundle(bundle.as_bytes()).unwrap();
    assert_eq!(docs.len(), 2);
    assert_eq!(to_bundle(docs.iter().map(|d| &d.doc), T), bundle, "the same bytes again");

    let mut lines: Vec<String> = bundle.lines().map(str::to_owned).collect();
    lines[1] = lines[1].replace("\"version\":4", "\"version\":7");
    let problems = read_bundle(lines.join("\n").as_bytes()).unwrap_err();
    assert_eq!(problems.len(), 1);
    assert!(problems[0].place.starts_with("line 2 of the bundle"), "{problems:?}");
    assert!(read_bundle(b"\n\n").is_err());
}
