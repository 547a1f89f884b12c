//! What happens after a file is checked: keeping the valid part of a broken file, a file
//! whose text is already in the library (merge, replace, keep both), and undo of an
//! import or a library operation, with the histories of several documents.

use crate::common;

use marginalia::core::export::{to_bundle, to_json};
use marginalia::core::fixture::document;
use marginalia::core::import::{check_bundle, check_file, read_file, Imported};
use marginalia::core::library::{entry, record, twin};
use marginalia::core::library_history::{next, LibraryOp, Next};
use marginalia::core::offsets::Span;
use marginalia::core::pending::{Choice, PendingImport, Question, Twin};
use marginalia::core::reduce::refusal::Refusal;
use marginalia::core::store::Action;
use marginalia::core::state::State;
use marginalia::core::document::Document;
use serde_json::{json, Value};

const T: &str = "2026-11-25T10:00:00.000Z";
const ARTICLE: &str = "“We stay,” said [Person|Maryam Rahimi] (مریم 😀) of the [Organization|CRP] in [Place|Halden].";

fn export_of(state: &State) -> Value {
    serde_json::from_str(&to_json(&state.doc, T)).unwrap()
}

fn imported(doc: &Document) -> Imported {
    read_file(to_json(doc, T).as_bytes()).unwrap()
}

/// Labels, title and annotations (ignoring ids) of a document, for comparing.
fn content(doc: &Document) -> Vec<(usize, usize, String, Option<String>)> {
    doc.annotations
        .iter()
        .map(|a| {
            let speaker = a.speakers.first().map(|s| doc.entity_name(*s).to_owned());
            (a.span.start, a.span.end, a.label.clone(), speaker)
        })
        .collect()
}

/// The document apart from its next ids, which undo never lowers (ids are not reused).
fn undoable(doc: &Document) -> Document {
    Document { next_id: 0, next_entity: 0, ..doc.clone() }
}

#[test]
fn the_valid_part_of_a_broken_file_keeps_every_sound_annotation() {
    let state = common::quote_with_speaker("[Quote|“We stay,”] said [Person|Maryam Rahimi] (مریم 😀) of the [Organization|CRP].");
    let mut v = export_of(&state);
    v["annotations"][2]["end"] = json!(9999); // the organisation's offsets run past the end
    v["annotations"][1]["text"] = json!("Someone else"); // the speaker's text does not match
    let checked = check_file(v.to_string().as_bytes());
    assert_eq!(checked.problems.len(), 3, "{:#?}", checked.problems); // two annotations and the quote's speaker
    assert_eq!(checked.dropped, 2);
    let kept = checked.imported.expect("the text is sound, so a valid part exists");
    let quote = kept.doc.annotations.iter().next().unwrap();
    assert_eq!((quote.label.as_str(), quote.speakers.len()), ("Quote", 0), "a speaker that did not pass is unlinked");
    assert_eq!(kept.doc.annotations.len(), 1);
    assert_eq!(kept.doc.text, state.doc.text);
}

#[test]
fn a_file_without_a_readable_text_has_no_valid_part() {
    for bytes in [&b"{\"format\": \"marginalia\""[..], b"\x00\xff garbage", b"{\"format\":\"marginalia\",\"version\":1,\"offset_unit\":\"codepoint\"}"] {
        let checked = check_file(bytes);
        assert!(checked.imported.is_none() && !checked.problems.is_empty());
    }
}

#[test]
fn a_bundle_with_a_broken_line_keeps_the_other_documents_and_the_valid_part() {
    let a = common::state_from(ARTICLE);
    let b = common::state_from("[Person|Ana] met [Person|Bo].");
    let bundle = to_bundle(&[(*a.doc).clone(), (*b.doc).clone()], T);
    let mut lines: Vec<String> = bundle.lines().map(str::to_owned).collect();
    let mut second: Value = serde_json::from_str(&lines[1]).unwrap();
    second["annotations"][0]["start"] = json!(-1);
    lines[1] = second.to_string();
    lines.push("{ not json".into());
    let checked = check_bundle(lines.join("\n").as_bytes());
    assert_eq!(checked.documents.len(), 2);
    assert_eq!(checked.documents[1].doc.annotations.len(), 1);
    assert_eq!(checked.dropped, 2, "one annotation and one unreadable line");
    assert!(checked.problems.iter().any(|p| p.place.starts_with("line 2 of the bundle")));
    assert!(checked.problems.iter().any(|p| p.place.starts_with("line 3 of the bundle")));
}

#[test]
fn twins_are_found_by_the_texts_fingerprint() {
    let a = document("[Person|Ana] spoke.");
    let b = document("Someone else spoke.");
    let entries = vec![entry(&a, "d1", "2026-11-01"), entry(&b, "d2", "2026-11-02"), entry(&a, "d3", "2026-11-03")];
    assert_eq!(twin(&entries, a.text.sha256_hex()).unwrap().key, "d3", "the most recently changed twin");
    assert!(twin(&entries, document("new").text.sha256_hex()).is_none());
}

#[test]
fn merge_adds_what_is_missing_once_with_speakers_and_labels_and_undoes_exactly() {
    let mut state = common::state_from(ARTICLE);
    let before = state.clone();
    // The file has the same text, with a quote spoken by Maryam Rahimi, the CRP again,
    // and a label the open document lacks.
    let mut file = common::quote_with_speaker(&format!("[Quote|“We stay,”] said [Person|Maryam Rahimi]{}", &ARTICLE[ARTICLE.find(" (").unwrap()..]));
    let crp = file.doc.annotations.iter().find(|a| a.label == "Organization").unwrap().span;
    file.apply(Action::ApplyLabel { label: "Place".into(), selection: Some(crp) });
    let mut incoming = imported(&file.doc);
    incoming.doc.labels.push(marginalia::core::labels::Label {
        name: "Ministry".into(),
        kind: marginalia::core::labels::LabelKind::Entity,
        color: "#123456".into(),
        hotkey: String::new(),
        speaks: false,
    });
    state.apply(Action::ImportInto { imported: Box::new(incoming), file: "copy.json".into(), replace: false });
    let notice = state.notice.clone().unwrap().text;
    assert!(notice.contains("2 annotation(s) added, 3 already there"), "{notice}");
    let merged = content(&state.doc);
    assert!(merged.contains(&(0, 10, "Quote".into(), Some("Maryam Rahimi".into()))), "{merged:?}");
    assert_eq!(merged.iter().filter(|(_, _, l, _)| l == "Person").count(), 1, "not doubled");
    assert!(state.doc.labels.get("Ministry").is_some());
    let ids: Vec<u64> = state.doc.annotations.iter().map(|a| a.id.0).collect();
    assert!(ids.iter().all(|&id| id < state.doc.next_id));
    let merged_state = state.clone();
    state.apply(Action::Undo);
    assert_eq!(undoable(&state.doc), undoable(&before.doc), "one undo takes the whole merge back");
    state.apply(Action::Redo);
    assert_eq!(state.doc, merged_state.doc);
}

#[test]
fn replace_makes_the_document_what_the_file_holds_and_undoes_exactly() {
    let mut state = common::state_from(ARTICLE);
    let before = state.doc.clone();
    let mut file = common::quote_with_speaker(&format!("[Quote|“We stay,”] said [Person|Maryam Rahimi]{}", &ARTICLE[ARTICLE.find(" (").unwrap()..]));
    file.apply(Action::SetTitle("Checked copy".into()));
    state.apply(Action::ImportInto { imported: Box::new(imported(&file.doc)), file: "copy.json".into(), replace: true });
    assert_eq!(content(&state.doc), content(&file.doc));
    assert_eq!(state.doc.title, "Checked copy");
    assert_eq!(to_json(&state.doc, T), to_json(&file.doc, T), "the export is the file's");
    state.apply(Action::Undo);
    assert_eq!(undoable(&state.doc), undoable(&before));
}

#[test]
fn a_file_with_another_text_is_never_merged() {
    let mut state = common::state_from(ARTICLE);
    let before = state.doc.clone();
    let other = document("[Person|Ana] spoke.");
    state.apply(Action::ImportInto { imported: Box::new(imported(&other)), file: "other.json".into(), replace: false });
    assert_eq!(state.doc, before);
    assert_eq!(state.notice.unwrap().refusal, Some(Refusal::NotTheOpenText { file: "other.json".into() }));
}

#[test]
fn undo_takes_back_the_latest_of_a_document_step_and_a_library_operation() {
    let mut state = common::state_from(ARTICLE); // document A, three steps
    let a_number = state.doc_number;
    let a_doc = state.doc.clone();
    state.apply(Action::OpenImported { imported: Box::new(imported(&document("[Person|Ana] spoke."))), file: "b.json".into() });
    let b_number = state.doc_number;
    assert_ne!(a_number, b_number);
    state.apply(Action::ApplyLabel { label: "Event".into(), selection: Some(Span::new(9, 14)) });
    assert_eq!(next(&state.history, &state.library, false), Some(Next::Document));
    state.apply(Action::Undo);
    let Some(Next::Library(LibraryOp::Opened { number, previous, .. })) = next(&state.history, &state.library, false) else {
        panic!("the import comes next");
    };
    assert_eq!((*number, *previous), (b_number, Some(a_number)));
    // Glue deletes B, reads A back and reports it.
    let b_record = record(&state.doc, &format!("d{b_number}"), T);
    let op = LibraryOp::Opened { number: b_number, previous: Some(a_number), file: "b.json".into(), record: Some(b_record) };
    let reopen = marginalia::core::state::Reopen { doc: imported(&a_doc).doc, number: a_number, editing: false };
    state.apply(Action::LibraryReplayed { forward: false, op, open: Some(Box::new(reopen)) });
    assert_eq!(state.doc_number, a_number);
    assert!(state.notice.clone().unwrap().text.starts_with("Undone: opened “b.json”"));
    // A's own history came back with it.
    assert_eq!(next(&state.history, &state.library, false), Some(Next::Document));
    assert_eq!(next(&state.history, &state.library, true).map(|n| matches!(n, Next::Library(_))), Some(true));
    state.apply(Action::Undo);
    assert_eq!(state.doc.annotations.len(), 2);
    assert!(state.can_redo());
}

#[test]
fn a_new_edit_forgets_library_operations_that_could_be_redone() {
    let mut state = common::state_from(ARTICLE);
    let records = vec![record(&state.doc, "d9", T)];
    state.apply(Action::LibraryDone(LibraryOp::Removed { what: "“x”".into(), records: records.clone() }));
    assert!(state.notice.clone().unwrap().text.starts_with("Done: deleted “x” from the library"));
    state.apply(Action::LibraryReplayed { forward: false, op: LibraryOp::Removed { what: "“x”".into(), records }, open: None });
    assert!(state.library.can_redo());
    state.apply(Action::DeleteSelected);
    assert!(!state.library.can_redo());
}

#[test]
fn a_message_ends_the_progress_bar() {
    use marginalia::core::import::{Problem, ProblemKind};
    use marginalia::core::state::Progress;
    let mut state = State::default();
    state.apply(Action::Progress(Some(Progress { what: "Checking “x.json”".into(), done: 0, total: 0 })));
    assert!(state.progress.is_some());
    let problems = vec![Problem { place: "file".into(), kind: ProblemKind::NotJson, message: "Broken.".into() }];
    state.apply(Action::ImportFailed { file: "x.json".into(), problems });
    assert!(state.progress.is_none(), "the failure is shown, not the bar");
}

#[test]
fn a_question_offers_its_choices_and_names_the_twin() {
    let state = common::state_from(ARTICLE);
    let twin = Twin { number: marginalia::core::ids::DocNumber(3), title: "Rally in Halden".into(), open: false };
    let pending = PendingImport { file: "copy.json".into(), question: Question::SameText { imported: imported(&state.doc), twin } };
    assert_eq!(pending.choices(), [Choice::Merge, Choice::Replace, Choice::KeepBoth, Choice::Cancel]);
    assert!(pending.text().contains("already a document in your library, “Rally in Halden”"));
    let mut s = State::default();
    s.apply(Action::AskImport(Box::new(pending)));
    assert!(s.pending.is_some());
    let doc = s.doc.clone();
    s.apply(Action::CancelImport);
    assert!(s.pending.is_none());
    assert_eq!(s.doc, doc, "cancelling changes nothing");
}

proptest::proptest! {
    /// Damage random fields of random annotations: the valid part keeps exactly the
    /// undamaged annotations (with their ids, spans and labels), is a sound document, and
    /// every damaged annotation is reported.
    #[test]
    fn the_valid_part_is_exactly_the_undamaged_annotations(
        damage in proptest::collection::vec((0usize..4, 0usize..5), 1..4),
    ) {
        let state = common::quote_with_speaker(
            "[Quote|“We stay,”] said [Person|Maryam Rahimi] (مریم 😀) of the [Organization|CRP] in [Place|Halden] on [Date|Monday].",
        );
        let mut v = export_of(&state);
        let mut damaged = std::collections::BTreeSet::new();
        for (which, how) in damage {
            let a = &mut v["annotations"][which + 1]; // the quote (0) keeps its place
            match how {
                0 => a["start"] = json!(-3),
                1 => a["end"] = json!(100_000),
                2 => a["text"] = json!("not this"),
                3 => a["label"] = json!(""),
                _ => a["id"] = json!("x"),
            }
            damaged.insert(which + 1);
        }
        let checked = check_file(v.to_string().as_bytes());
        let part = checked.imported.expect("the text is sound");
        proptest::prop_assert_eq!(checked.dropped, damaged.len());
        proptest::prop_assert!(checked.problems.len() >= damaged.len());
        let originals: Vec<_> = state.doc.annotations.iter().collect();
        let kept: Vec<_> = part.doc.annotations.iter().map(|a| (a.id, a.span, a.label.clone())).collect();
        let expected: Vec<_> = originals
            .iter()
            .enumerate()
            .filter(|(i, _)| !damaged.contains(i))
            .map(|(_, a)| (a.id, a.span, a.label.clone()))
            .collect();
        proptest::prop_assert_eq!(kept, expected);
        // The quote's speaker (annotation 1) stays linked only if it was not damaged.
        let quote = part.doc.annotations.iter().next().unwrap();
        proptest::prop_assert_eq!(!quote.speakers.is_empty(), !damaged.contains(&1));
        proptest::prop_assert!(read_file(to_json(&part.doc, T).as_bytes()).is_ok());
    }
}

#[test]
fn a_file_with_a_revised_text_of_the_open_document_is_offered_as_a_revision() {
    use marginalia::core::formats::{plain, read::read};
    use marginalia::core::import_plan::{answer, plan, Found, Step};
    let state = common::state_from(ARTICLE);
    let revised = "Update: “We stay,” said Maryam Rahimi (مریم 😀) of the CRP in Halden, on Monday.";
    let found = Found::read("revised.txt".into(), read("revised.txt", revised.as_bytes(), None));
    let Step::Dispatch(actions) = plan(found, &state, &[]) else { panic!("a question first") };
    let Action::AskImport(pending) = &actions[0] else { panic!("{actions:?}") };
    assert!(matches!(pending.question, Question::Revision { kept, .. } if kept >= 90), "{:?}", pending.question);
    assert_eq!(pending.choices(), [Choice::Revise, Choice::KeepBoth, Choice::Cancel]);
    assert!(pending.text().contains("Read as plain text."), "{}", pending.text());
    assert_eq!(answer(pending, Choice::Revise, &state, &[]), Step::Revise { text: revised.into(), file: "revised.txt".into() });
    assert!(matches!(answer(pending, Choice::KeepBoth, &state, &[]), Step::OpenNew { .. }));
    // Another article altogether opens as a new document, as does any file while the
    // open document has no annotation.
    let other = plain::import("A different story about the weather in Bergen.").imported.unwrap();
    let found = Found { file: "other.txt".into(), documents: vec![other.clone()], problems: vec![], dropped: 0, bundle: false };
    assert!(matches!(plan(found, &state, &[]), Step::OpenNew { .. }));
    let blank = common::state_from("“We stay,” said Maryam Rahimi (مریم 😀) of the CRP in Halden.");
    let found = Found::read("revised.txt".into(), read("revised.txt", revised.as_bytes(), None));
    assert!(matches!(plan(found, &blank, &[]), Step::OpenNew { .. }));
}
