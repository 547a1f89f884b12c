//! The suggestion engine behind the worker: the messages it reads and writes, the model
//! arriving late, and an edit re-tagging only what it touched.

use marginalia::core::detect::engine::Engine;
use marginalia::core::detect::suggest::Suggestion;
use marginalia::core::detect::wire::{Reply, Request, SuggestRequest};
use marginalia::core::labels::Preset;
use marginalia::core::offsets::Span;

const MODEL: &[u8] = include_bytes!("../../static/model/tagger.mgtag");
const TEXT: &str = "Yesterday Zelensky met Macron in Kharkiv.\n\nThe protest was reported by Reuters.\n\n“We will not leave,” said Maryam Rahimi.\n";

fn ask(version: u64, seq: u64, marks: Vec<(Span, String)>) -> Request {
    Request::Suggest(SuggestRequest { version, seq, labels: Preset::News.labels(), marks, rejected: vec![] })
}

/// The reply's suggestions as "text/Label", after a round trip through the wire's JSON.
fn answer(engine: &mut Engine, text: &str, request: Request) -> (u64, bool, Vec<String>) {
    let request: Request = serde_json::from_str(&serde_json::to_string(&request).unwrap()).unwrap();
    let reply = engine.handle(request).expect("a suggest request gets a reply");
    match serde_json::from_str(&serde_json::to_string(&reply).unwrap()).unwrap() {
        Reply::Suggestions { seq, tagger, items, .. } => (seq, tagger, items.iter().map(|s: &Suggestion| format!("{}/{}", text.chars().skip(s.span.start).take(s.span.len()).collect::<String>(), s.label)).collect()),
        other => panic!("{other:?}"),
    }
}

fn span_of(text: &str, needle: &str) -> Span {
    let start = text[..text.find(needle).unwrap()].chars().count();
    Span::new(start, start + needle.chars().count())
}

#[test]
fn the_rules_answer_first_and_the_model_arriving_later_answers_the_same_request_again() {
    let mut engine = Engine::default();
    assert_eq!(engine.handle(Request::Text { version: 1, text: TEXT.into() }), None);
    let (seq, tagger, rules) = answer(&mut engine, TEXT, ask(1, 7, vec![]));
    assert_eq!((seq, tagger), (7, false));
    assert!(rules.contains(&"Zelensky/Organization".to_string()) && !rules.iter().any(|s| s.starts_with("Reuters")), "{rules:?}");

    let again = engine.load_model(MODEL).unwrap().expect("the last request is answered again");
    let Reply::Suggestions { seq, tagger, items, .. } = again else { panic!("{again:?}") };
    assert_eq!((seq, tagger), (7, true));
    let found: Vec<(Span, &str, &str)> = items.iter().map(|s| (s.span, s.label.as_str(), s.why.as_str())).collect();
    assert!(found.contains(&(span_of(TEXT, "Zelensky"), "Person", "the statistical tagger")), "{found:?}");
    assert!(found.contains(&(span_of(TEXT, "Reuters"), "Organization", "the statistical tagger")), "{found:?}");
    // The quotation still comes from the rules, with its speaker.
    let quote = items.iter().find(|s| s.label == "Quote").unwrap();
    assert_eq!(quote.speakers.iter().map(|p| p.span).collect::<Vec<_>>(), [span_of(TEXT, "Maryam Rahimi")]);
}

#[test]
fn annotated_and_rejected_spans_are_not_suggested_and_a_request_for_an_unknown_text_is_an_error() {
    let mut engine = Engine::default();
    engine.load_model(MODEL).unwrap();
    let Some(Reply::Error { message }) = engine.handle(ask(1, 1, vec![])) else { panic!() };
    assert!(message.contains("version 1"), "{message}");
    engine.handle(Request::Text { version: 2, text: TEXT.into() });
    let marks = vec![(span_of(TEXT, "Kharkiv"), "Place".to_string())];
    let request = Request::Suggest(SuggestRequest { version: 2, seq: 2, labels: Preset::News.labels(), marks, rejected: vec![(span_of(TEXT, "Reuters"), "Organization".into())] });
    let (_, _, found) = answer(&mut engine, TEXT, request);
    assert!(!found.iter().any(|s| s.starts_with("Kharkiv") || s.starts_with("Reuters")), "{found:?}");
    assert!(found.contains(&"Zelensky/Person".to_string()), "{found:?}");
}

#[test]
fn a_broken_model_is_refused_and_the_rules_go_on() {
    let mut engine = Engine::default();
    assert!(engine.load_model(b"MGTAG1\n{").unwrap_err().contains("ends early"));
    assert!(!engine.has_model());
    engine.handle(Request::Text { version: 1, text: TEXT.into() });
    assert!(!answer(&mut engine, TEXT, ask(1, 1, vec![])).2.is_empty());
}

#[test]
fn an_edit_re_tags_only_the_sentences_it_touched_and_finds_what_a_fresh_engine_finds() {
    let paragraphs: Vec<String> = (0..40).map(|i| format!("Reporter {i} said that Leila Ahmadi met officials of Amnesty International in Oslo on day {i}.")).collect();
    let before = paragraphs.join("\n\n");
    let mut engine = Engine::default();
    engine.load_model(MODEL).unwrap();
    engine.handle(Request::Text { version: 1, text: before.clone() });
    answer(&mut engine, &before, ask(1, 1, vec![]));
    assert_eq!(engine.sentences_tagged(), 40);

    let after = before.replacen("Reporter 7 said that Leila Ahmadi", "Reporter 7 said that Hossein Karimi", 1);
    engine.handle(Request::Text { version: 2, text: after.clone() });
    let edited = answer(&mut engine, &after, ask(2, 2, vec![]));
    assert_eq!(engine.sentences_tagged(), 1);
    let mut fresh = Engine::default();
    fresh.load_model(MODEL).unwrap();
    fresh.handle(Request::Text { version: 2, text: after.clone() });
    assert_eq!(edited, answer(&mut fresh, &after, ask(2, 2, vec![])));
    assert!(edited.2.contains(&"Hossein Karimi/Person".to_string()), "{:?}", edited.2);
}
