//! Pinned export bytes: scripted sessions over the sample article and the fixture files,
//! exported and compared byte for byte with `tests/fixtures/exports/`. They were written
//! before the reducer was reshaped (issue 10), so a change of shape that changes what the
//! app writes fails here. `MARGINALIA_BLESS=1 cargo test --test …` rewrites them after a
//! change of format that is meant (review the diff).

use marginalia::core::detect::suggest::suggest;
use marginalia::core::document::Rejected;
use marginalia::core::export::{to_bundle, to_json, to_json_marking};
use marginalia::core::find::find_all;
use marginalia::core::import::read_file;
use marginalia::core::labels::{Label, LabelKind, Preset};
use marginalia::core::store::Action;
use marginalia::core::state::{Level, State};
use std::path::PathBuf;

const AT: &str = "2026-12-01T12:00:00.000Z";

fn golden(name: &str, actual: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/exports").join(name);
    if std::env::var_os("MARGINALIA_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert!(expected == actual, "{name} differs from its pinned bytes ({} vs {} bytes)", expected.len(), actual.len());
}

/// Selects the `nth` whole-word match of `needle` and labels it; the action must succeed.
fn mark(state: &mut State, label: &str, needle: &str, nth: usize) {
    let span = find_all(&state.doc.text, needle, true)[nth];
    state.apply(Action::ApplyLabel { label: label.into(), selection: Some(span) });
    ok(state);
}

fn ok(state: &State) {
    let notice = state.notice.as_ref().expect("a message");
    assert_eq!(notice.level, Level::Info, "{}", notice.text);
}

/// The id of the annotation labelled `label` over the `nth` match of `needle`.
fn id(state: &State, label: &str, needle: &str, nth: usize) -> marginalia::core::ids::AnnotationId {
    let span = find_all(&state.doc.text, needle, true)[nth];
    state.doc.annotations.iter().find(|a| a.span == span && a.label == label).expect("annotated").id
}

/// Every action family on the sample: marks, relabels, deletes, quotes with speakers,
/// cues, kinds and joins, entities merged, split and renamed, notes, the title, the label
/// schema, label all, rejected and accepted suggestions, and undo/redo in between.
fn scripted_session() -> State {
    let mut s = State::default();
    mark(&mut s, "Person", "Maryam Rahimi", 0);
    mark(&mut s, "Organization", "Coalition for River Protection", 0);
    mark(&mut s, "Organization", "CRP", 0);
    mark(&mut s, "Organization", "CPR", 0);
    mark(&mut s, "Place", "Halden", 1);
    mark(&mut s, "Date", "Saturday", 0);
    mark(&mut s, "Person", "Rahimi", 1);
    mark(&mut s, "Person", "مریم رحیمی", 0);
    mark(&mut s, "Person", "Tomas Lindqvist", 0);
    mark(&mut s, "Person", "Lindqvist", 1);
    mark(&mut s, "Quote", "\"This marsh filters the water our children drink,\"", 0);
    mark(&mut s, "Cue", "said", 0);
    mark(&mut s, "Quote", "\"Once it is paved, it is gone for good.\"", 0);
    mark(&mut s, "Quote", "“economic renewal”", 0);
    mark(&mut s, "Quote", "“We have listened to every objection. The logistics park will bring eight hundred jobs, and we will plant a new marsh upstream.”", 0);
    mark(&mut s, "Person", "Aksel", 0);
    mark(&mut s, "Person", "Hedda Brun", 0);
    mark(&mut s, "Quote", "“We will be there both days, and we will bring our tractors,”", 0);
    // Relabel: the selected Date becomes an Event, then back by undo.
    s.apply(Action::Select(Some(id(&s, "Date", "Saturday", 0))));
    s.apply(Action::ApplyLabel { label: "Event".into(), selection: None });
    ok(&s);
    s.apply(Action::Undo);
    ok(&s);
    // Speakers, cue, kind, join.
    let q1 = id(&s, "Quote", "\"This marsh filters the water our children drink,\"", 0);
    let q2 = id(&s, "Quote", "\"Once it is paved, it is gone for good.\"", 0);
    let maryam = id(&s, "Person", "Maryam Rahimi", 0);
    s.apply(Action::Select(Some(q1)));
    s.apply(Action::PickSpeaker);
    ok(&s);
    s.apply(Action::Select(Some(maryam)));
    ok(&s);
    s.apply(Action::SetCue { quote: q1, cue: Some(id(&s, "Cue", "said", 0)) });
    ok(&s);
    s.apply(Action::JoinQuote { quote: q2, previous: Some(q1) });
    ok(&s);
    let renewal = id(&s, "Quote", "“economic renewal”", 0);
    s.apply(Action::SetQuoteKind { quote: renewal, kind: marginalia::core::annotations::QuoteKind::Partial });
    ok(&s);
    let tomas_quote = id(&s, "Quote", "“We have listened to every objection. The logistics park will bring eight hundred jobs, and we will plant a new marsh upstream.”", 0);
    s.apply(Action::AddSpeakerFromMention { quote: tomas_quote, mention: id(&s, "Person", "Tomas Lindqvist", 0) });
    ok(&s);
    let brun = id(&s, "Quote", "“We will be there both days, and we will bring our tractors,”", 0);
    s.apply(Action::AddSpeakerFromMention { quote: brun, mention: id(&s, "Person", "Aksel", 0) });
    s.apply(Action::AddSpeakerFromMention { quote: brun, mention: id(&s, "Person", "Hedda Brun", 0) });
    ok(&s);
    // Entities: merge aliases, rename, split and merge back.
    let entity_of = |s: &State, label: &str, needle: &str| s.doc.annotations.get(id(s, label, needle, 0)).unwrap().entity.unwrap();
    let coalition = entity_of(&s, "Organization", "Coalition for River Protection");
    let crp = entity_of(&s, "Organization", "CRP");
    s.apply(Action::MergeEntities { into: coalition, from: crp });
    ok(&s);
    let cpr = entity_of(&s, "Organization", "CPR");
    s.apply(Action::MergeEntities { into: coalition, from: cpr });
    ok(&s);
    let rahimi = s.doc.annotations.get(id(&s, "Person", "Rahimi", 1)).unwrap().entity.unwrap();
    let maryam_e = entity_of(&s, "Person", "Maryam Rahimi");
    s.apply(Action::MergeEntities { into: maryam_e, from: rahimi });
    ok(&s);
    let persian = entity_of(&s, "Person", "مریم رحیمی");
    s.apply(Action::MergeEntities { into: maryam_e, from: persian });
    ok(&s);
    s.apply(Action::RenameEntity { entity: maryam_e, name: "Maryam Rahimi (CRP)".into() });
    ok(&s);
    let lindqvist = s.doc.annotations.get(id(&s, "Person", "Lindqvist", 1)).unwrap().entity.unwrap();
    let tomas = entity_of(&s, "Person", "Tomas Lindqvist");
    s.apply(Action::MergeEntities { into: tomas, from: lindqvist });
    s.apply(Action::SplitMention(id(&s, "Person", "Lindqvist", 1)));
    ok(&s);
    s.apply(Action::Undo);
    // Notes and title.
    s.apply(Action::SetNote { id: q1, note: "Opening quote; checked against the video.".into() });
    ok(&s);
    s.apply(Action::SetTitle("Halden wetland rally — annotated".into()));
    ok(&s);
    // Delete with references: the cue goes, the quote loses it; undo brings it back.
    s.apply(Action::Select(Some(id(&s, "Cue", "said", 0))));
    s.apply(Action::DeleteSelected);
    ok(&s);
    s.apply(Action::Undo);
    // Delete a speaker's only mention: the quote loses the speaker (kept deleted).
    s.apply(Action::Select(Some(id(&s, "Person", "Aksel", 0))));
    s.apply(Action::DeleteSelected);
    ok(&s);
    // The label schema: add, edit (rename carries annotations), move; label all.
    s.apply(Action::AddLabel(Label { name: "Species".into(), kind: LabelKind::Entity, color: "#336699".into(), hotkey: "8".into(), speaks: false }));
    ok(&s);
    s.apply(Action::EditLabel {
        name: "Place".into(),
        label: Label { name: "Location".into(), kind: LabelKind::Entity, color: "#7cc47f".into(), hotkey: "3".into(), speaks: false },
    });
    ok(&s);
    s.apply(Action::MoveLabel { name: "Species".into(), by: -1 });
    ok(&s);
    let marsh = find_all(&s.doc.text, "marsh", true);
    s.apply(Action::LabelAll { label: "Species".into(), spans: marsh });
    ok(&s);
    // Suggestions: reject the first two, accept the next three.
    let items = suggest(&s.doc, &s.doc.rejected, None).items;
    s.apply(Action::RejectSuggestions(items[..2].to_vec()));
    ok(&s);
    let items = suggest(&s.doc, &s.doc.rejected, None).items;
    s.apply(Action::AcceptSuggestions(items[..3].to_vec()));
    ok(&s);
    s
}

#[test]
fn a_scripted_session_on_the_sample_exports_the_pinned_bytes() {
    let s = scripted_session();
    golden("sample-session.marginalia.json", &to_json(&s.doc, AT));
}

#[test]
fn undoing_the_whole_session_gives_back_the_sample_and_redo_the_session() {
    let mut s = scripted_session();
    let done = to_json(&s.doc, AT);
    while s.history.can_undo() {
        s.apply(Action::Undo);
    }
    assert_eq!(to_json(&s.doc, AT), to_json(&State::default().doc, AT));
    while s.history.can_redo() {
        s.apply(Action::Redo);
    }
    assert_eq!(to_json(&s.doc, AT), done);
}

#[test]
fn the_sample_with_every_suggestion_accepted_exports_the_pinned_bytes() {
    let mut s = State::default();
    let items = suggest(&s.doc, &Rejected::new(), None).items;
    s.apply(Action::AcceptSuggestions(items.clone()));
    ok(&s);
    golden("sample-all-suggestions.marginalia.json", &to_json(&s.doc, AT));
    let fresh = State::default();
    let (doc, suggested) = marginalia::core::reduce::suggestions::with_suggestions(&fresh.doc, &items);
    golden("sample-suggestions-marked.marginalia.json", &to_json_marking(&doc, AT, &suggested));
}

#[test]
fn the_fixture_files_re_export_to_the_pinned_bytes() {
    let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz/corpus/import");
    let mut docs = Vec::new();
    for name in ["small.json", "sample.json", "entities-v2.json"] {
        let bytes = std::fs::read(corpus.join(name)).unwrap();
        let doc = read_file(&bytes).unwrap().doc;
        golden(&format!("fixture-{name}"), &to_json(&doc, AT));
        docs.push(doc);
    }
    golden("fixtures.jsonl", &to_bundle(&docs, AT));
}

#[test]
fn merge_replace_preset_and_delete_label_export_the_pinned_bytes() {
    // Merge a fixture into a session on the same text, then replace, each exported.
    let session = scripted_session();
    let mut other = State::default();
    mark(&mut other, "Person", "Maryam Rahimi", 0);
    mark(&mut other, "Place", "Shiraz", 0);
    mark(&mut other, "Quote", "\"We are not against jobs,\"", 0);
    mark(&mut other, "Person", "Rahimi", 1);
    let q = id(&other, "Quote", "\"We are not against jobs,\"", 0);
    other.apply(Action::AddSpeakerFromMention { quote: q, mention: id(&other, "Person", "Rahimi", 1) });
    let file = read_file(to_json(&other.doc, AT).as_bytes()).unwrap();
    let mut merged = session.clone();
    merged.apply(Action::ImportInto { imported: Box::new(file.clone()), file: "other.json".into(), replace: false });
    ok(&merged);
    golden("merged.marginalia.json", &to_json(&merged.doc, AT));
    let mut replaced = session.clone();
    replaced.apply(Action::ImportInto { imported: Box::new(file), file: "other.json".into(), replace: true });
    ok(&replaced);
    golden("replaced.marginalia.json", &to_json(&replaced.doc, AT));
    // A preset, then deleting a label with annotations that others refer to.
    let mut schema = session;
    schema.apply(Action::ApplyPreset(Preset::Conll));
    ok(&schema);
    schema.apply(Action::DeleteLabel("Person".into()));
    ok(&schema);
    schema.apply(Action::DeleteLabel("Cue".into()));
    ok(&schema);
    golden("schema.marginalia.json", &to_json(&schema.doc, AT));
}

/// A text with emoji, a flag and Persian before the first annotation, a quote over a line
/// break, a nested mention, notes and both scripts' quotes: the second document of the
/// interop checks (`tests/interop/`), pinned like the sample's.
fn emoji_and_persian() -> State {
    let text = "😀🇮🇷 Tehran bureau\n\nمریم رحیمی گفت: «ما می‌مانیم.»\n\n“We stay,\nwe fight,” said Maryam Rahimi of the CRP 👩🏽‍⚕️ in Halden.\nAna 😀 and Bo spoke, e\u{301}te\u{301}.";
    let mut s = State::default();
    s.apply(Action::NewDocument);
    s.apply(Action::StartAnnotating { text: text.into(), replaced_surrogates: 0 });
    s.apply(Action::SetTitle("Emoji, flags and Persian before the first annotation".into()));
    mark(&mut s, "Place", "Tehran", 0);
    mark(&mut s, "Person", "مریم رحیمی", 0);
    mark(&mut s, "Cue", "گفت", 0);
    mark(&mut s, "Quote", "«ما می‌مانیم.»", 0);
    mark(&mut s, "Quote", "“We stay,\nwe fight,”", 0);
    mark(&mut s, "Cue", "said", 0);
    mark(&mut s, "Person", "Maryam Rahimi", 0);
    mark(&mut s, "Person", "Rahimi", 0);
    mark(&mut s, "Organization", "CRP", 0);
    mark(&mut s, "Place", "Halden", 0);
    mark(&mut s, "Person", "Ana", 0);
    mark(&mut s, "Person", "Bo", 0);
    let persian_quote = id(&s, "Quote", "«ما می‌مانیم.»", 0);
    let english_quote = id(&s, "Quote", "“We stay,\nwe fight,”", 0);
    s.apply(Action::AddSpeakerFromMention { quote: persian_quote, mention: id(&s, "Person", "مریم رحیمی", 0) });
    s.apply(Action::SetCue { quote: persian_quote, cue: Some(id(&s, "Cue", "گفت", 0)) });
    s.apply(Action::AddSpeakerFromMention { quote: english_quote, mention: id(&s, "Person", "Maryam Rahimi", 0) });
    s.apply(Action::SetCue { quote: english_quote, cue: Some(id(&s, "Cue", "said", 0)) });
    ok(&s);
    let maryam = s.doc.annotations.get(id(&s, "Person", "Maryam Rahimi", 0)).unwrap().entity.unwrap();
    let persian = s.doc.annotations.get(id(&s, "Person", "مریم رحیمی", 0)).unwrap().entity.unwrap();
    s.apply(Action::MergeEntities { into: maryam, from: persian });
    ok(&s);
    s.apply(Action::SetNote { id: id(&s, "Organization", "CRP", 0), note: "Coalition for River Protection 🌱".into() });
    ok(&s);
    // A source record, for the real readers to find (tests/interop).
    let source = marginalia::core::source::Source {
        url: "https://halden-post.example/2026/11/30/tehran?lang=fa&x=1".into(),
        outlet: "Halden Post".into(),
        authors: vec!["Ana Lima".into(), "مریم رحیمی".into()],
        published: "2026-11-30".into(),
        retrieved: "2026-12-01".into(),
        note: "archived copy 🌱".into(),
    };
    s.apply(Action::SetSource(Box::new(source)));
    ok(&s);
    s
}

#[test]
fn the_emoji_and_persian_document_exports_the_pinned_bytes() {
    golden("emoji-persian.marginalia.json", &to_json(&emoji_and_persian().doc, AT));
}
