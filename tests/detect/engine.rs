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
        Reply::Suggestions { seq, tagger, items, .. } => (seq, tagger, items.iter().map(|s: &std::rc::Rc<Suggestion>| format!("{}/{}", text.chars().skip(s.span.start).take(s.span.len()).collect::<String>(), s.label)).collect()),
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

/// The suggestions with `label` and why they were made, as texts.
fn with_label(engine: &mut Engine, text: &str, labels: marginalia::core::labels::LabelSet, marks: Vec<(Span, String)>, label: &str) -> Vec<(String, String)> {
    let Some(Reply::Suggestions { items, .. }) = engine.handle(Request::Suggest(SuggestRequest { version: 1, seq: 1, labels, marks, rejected: vec![] })) else { panic!() };
    items.iter().filter(|s| s.label == label).map(|s| (text.chars().skip(s.span.start).take(s.span.len()).collect(), s.why.clone())).collect()
}

#[test]
fn a_label_of_the_users_own_and_names_in_persian_are_learnt_from_a_few_marks() {
    use marginalia::core::labels::{Label, LabelKind};
    let text = "Police said Reza Amini was shot dead at the protest. Witnesses said Sara Karimi was shot dead near the square. \
        Doctors said Omid Naderi was shot dead on Friday. Officials met Hossein Rahimi on Friday.";
    let mut labels = Preset::News.labels();
    labels.push(Label { name: "Victim".into(), kind: LabelKind::Entity, color: "#aa3377".into(), hotkey: "v".into(), speaks: false });
    let marks = vec![(span_of(text, "Reza Amini"), "Victim".to_string()), (span_of(text, "Sara Karimi"), "Victim".to_string())];
    let mut engine = Engine::default();
    engine.load_model(MODEL).unwrap();
    engine.handle(Request::Text { version: 1, text: text.into() });
    let victims = with_label(&mut engine, text, labels.clone(), marks.clone(), "Victim");
    assert!(victims.contains(&("Omid Naderi".to_string(), "learnt from your labels in this document".to_string())), "{victims:?}");
    // Without the learner, nothing is a victim: the label is the user's own.
    engine.learning = false;
    assert!(with_label(&mut engine, text, labels, marks, "Victim").is_empty());

    let persian = "پلیس گفت رضا امینی کشته شد. شاهدان گفتند سارا کریمی کشته شد. پزشکان گفتند امید نادری کشته شد.";
    let mut engine = Engine::default();
    engine.load_model(MODEL).unwrap();
    engine.handle(Request::Text { version: 1, text: persian.into() });
    let marks = vec![(span_of(persian, "رضا امینی"), "Person".to_string()), (span_of(persian, "سارا کریمی"), "Person".to_string())];
    let people = with_label(&mut engine, persian, Preset::News.labels(), marks, "Person");
    assert_eq!(people, [("امید نادری".to_string(), "learnt from your labels in this document".to_string())]);
}

#[test]
fn the_learning_curve_scores_the_rest_of_each_document_with_and_without_the_learner() {
    let text = "Police said Reza Amini was shot. Police said Sara Karimi was shot. Police said Omid Naderi was shot. Police said Leila Ahmadi was shot.";
    let entities: Vec<String> = ["Reza Amini", "Sara Karimi", "Omid Naderi", "Leila Ahmadi"].iter().map(|n| {
        let s = span_of(text, n);
        format!(r#"{{"start":{},"end":{},"label":"PERSON"}}"#, s.start, s.end)
    }).collect();
    let gold = format!(r#"{{"id":"x","text":{},"entities":[{}]}}"#, serde_json::to_string(text).unwrap(), entities.join(","));
    let model = marginalia::core::detect::tagger::model::read(MODEL).unwrap();
    let points = marginalia::cli::learning::curve(&gold, "all", &[0, 2], Some(&model), Some("Victim")).unwrap();
    assert_eq!((points[0].with.gold, points[1].with.gold), (4, 2), "the rest after 0 and after 2 marked");
    assert_eq!((points[0].without.right, points[0].with.right), (0, 0), "nothing is a victim before anything is marked");
    assert_eq!(points[1].with.right, 2, "{points:?}");
    assert!(points[1].without.right < 2, "{points:?}");
    assert!(marginalia::cli::learning::describe(&points).starts_with("after 0 marked: F1 on the rest without learning 0.000"));
}
