//! Agreement between coders (`core::agreement`) and adjudication (`reduce::adjudicate`):
//! figures on known pairs, agreement with oneself is perfect, symmetric figures are
//! symmetric, and taking the first coder's side of every disagreement gives the first
//! coder's document back; over fixtures and random documents.

use crate::common::state_from;
use marginalia::core::agreement::across::across;
use marginalia::core::agreement::disagreements::Kind;
use marginalia::core::agreement::{agreement, tokens, Coder, Mismatch, Tally};
use marginalia::core::document::Document;
use marginalia::core::mentions::mentions_by_entity;
use marginalia::core::offsets::Span;
use marginalia::core::provenance::Take;
use marginalia::core::reduce::adjudicate::Session;
use marginalia::core::reduce::refusal::Refusal;
use marginalia::core::state::State;
use marginalia::core::store::Action;
use std::collections::BTreeSet;

const A: &str = "[Quote|“We stay,”] said [Person|Ana Lima] of the [Organization|CRP] in [Place|Halden] Bay on Monday.";
const B: &str = "[Quote|“We stay,”] said [Person|Ana Lima] of the [Person|CRP] in [Place|Halden Bay] on [Date|Monday].";

/// `marked` annotated, the quote spoken by its first Person.
fn coded(marked: &str) -> Document {
    let mut state = state_from(marked);
    let quote = state.doc.annotations.iter().find(|a| a.label == "Quote").map(|a| a.id);
    let person = state.doc.annotations.iter().find(|a| a.label == "Person").map(|a| a.id);
    if let (Some(quote), Some(mention)) = (quote, person) {
        state.apply(Action::AddSpeakerFromMention { quote, mention });
    }
    (*state.doc).clone()
}

fn coders<'d>(docs: &'d [(&'d str, Document)]) -> Vec<Coder<'d>> {
    docs.iter().map(|(name, doc)| Coder { name, doc }).collect()
}

#[test]
fn tokens_are_words_and_signs_without_white_space() {
    let text = "“We stay,” said مریم 😀 Rahimi's";
    let words: Vec<String> = tokens(text).iter().map(|s| text.chars().skip(s.start).take(s.len()).collect()).collect();
    assert_eq!(words, ["“", "We", "stay", ",", "”", "said", "مریم", "😀", "Rahimi's"]);
}

#[test]
fn known_pair_figures() {
    let docs = [("Ana", coded(A)), ("Bo", coded(B))];
    let f = agreement(&coders(&docs)).unwrap();
    assert_eq!(f.kappa_kind, "Cohen");
    let pair = &f.pairs[0];
    let all = &pair.spans[""];
    // A: Quote, Ana Lima, CRP (Organization), Halden; B: Quote, Ana Lima, CRP (Person),
    // Halden Bay, Monday. Exact: Quote and Ana Lima.
    assert_eq!((all.counts.first, all.counts.second, all.counts.exact), (4, 5, 2));
    assert_eq!(all.exact.precision.value, Some(2.0 / 5.0));
    assert_eq!(all.exact.recall.value, Some(2.0 / 4.0));
    // Overlapping with the same label: Halden ~ Halden Bay too.
    assert_eq!((all.counts.first_overlapped, all.counts.second_overlapped), (3, 3));
    assert_eq!(pair.spans["Place"].exact.f1, Some(0.0));
    assert_eq!(pair.spans["Place"].overlap.f1, Some(1.0));
    // The quote is the same, spoken by the same Ana Lima; no cue either side.
    assert_eq!((pair.speakers.part, pair.speakers.whole), (1, 1));
    assert_eq!((pair.cues.part, pair.cues.whole), (1, 1));
    assert!(f.labels["Place"].kappa.unwrap() < 1.0 && f.labels["Place"].kappa.unwrap() > 0.0);
    assert_eq!(f.labels["Date"].kappa, Some(0.0), "only B codes Date: no agreement beyond chance");
}

#[test]
fn agreement_with_oneself_is_perfect() {
    let docs = [("Ana", coded(A)), ("Ana again", coded(A))];
    let f = agreement(&coders(&docs)).unwrap();
    assert_eq!(f.overall.kappa, Some(1.0));
    assert_eq!(f.overall.alpha, Some(1.0));
    let pair = &f.pairs[0];
    assert_eq!((pair.spans[""].exact.f1, pair.spans[""].overlap.f1), (Some(1.0), Some(1.0)));
    assert_eq!((pair.speakers.value, pair.cues.value, pair.bcubed.f1), (Some(1.0), Some(1.0), Some(1.0)));
    let three = [("Ana", coded(A)), ("Bo", coded(A)), ("Cy", coded(A))];
    let f = agreement(&coders(&three)).unwrap();
    assert_eq!((f.kappa_kind, f.overall.kappa, f.overall.alpha), ("Fleiss", Some(1.0), Some(1.0)));
    assert_eq!(f.pairs.len(), 3);
}

#[test]
fn symmetric_figures_are_symmetric() {
    let ab = agreement(&coders(&[("Ana", coded(A)), ("Bo", coded(B))])).unwrap();
    let ba = agreement(&coders(&[("Bo", coded(B)), ("Ana", coded(A))])).unwrap();
    assert_eq!(ab.overall.kappa, ba.overall.kappa);
    assert_eq!(ab.overall.alpha, ba.overall.alpha);
    let (x, y) = (&ab.pairs[0].spans[""], &ba.pairs[0].spans[""]);
    assert_eq!(x.exact.f1, y.exact.f1);
    assert_eq!(x.exact.precision, y.exact.recall);
    assert_eq!(ab.pairs[0].bcubed.f1, ba.pairs[0].bcubed.f1);
}

#[test]
fn another_text_or_one_coder_is_refused() {
    let docs = [("Ana", coded(A)), ("Bo", coded("[Person|Ana] left."))];
    assert_eq!(agreement(&coders(&docs)).unwrap_err(), Mismatch::OtherText { name: "Bo".into() });
    assert_eq!(agreement(&coders(&docs[..1])).unwrap_err(), Mismatch::TooFew);
}

#[test]
fn a_bundle_pools_its_documents_by_adding_counts() {
    let one = [("Ana", coded(A)), ("Bo", coded(B))];
    let two = [("Ana", coded("[Person|Bo] left [Place|Oslo].")), ("Bo", coded("[Person|Bo] left Oslo."))];
    let (t1, t2) = (Tally::of(&coders(&one)).unwrap(), Tally::of(&coders(&two)).unwrap());
    let mut pooled = t1.clone();
    pooled.add(&t2);
    let f = pooled.figures();
    assert_eq!((f.documents, f.tokens), (2, t1.tokens + t2.tokens));
    let c = &f.pairs[0].spans[""].counts;
    assert_eq!((c.first, c.second, c.exact), (4 + 2, 5 + 1, 2 + 1));
}

#[test]
fn bundles_are_compared_document_by_document_matched_by_text() {
    let oslo = ("[Person|Bo] left [Place|Oslo].", "[Person|Bo] left Oslo.");
    // Bo's bundle has the documents in another order, and one Ana does not have.
    let ana = vec![coded(A), coded(oslo.0), coded("[Person|Ana] stayed.")];
    let bo = vec![coded(oslo.1), coded("Nobody else."), coded(B)];
    let all = across(vec![("Ana".into(), ana), ("Bo".into(), bo)]).unwrap();
    let titles: Vec<&str> = all.documents.iter().map(|m| m.docs[1].text.as_str()).collect();
    assert_eq!(titles, [coded(B).text.as_str(), "Bo left Oslo."], "in Ana's order, each with Bo's version of its text");
    assert_eq!(all.missing.len(), 1, "Ana's third document is not in Bo's bundle");
    let c = &all.pooled.figures().pairs[0].spans[""].counts;
    assert_eq!((c.first, c.second, c.exact), (4 + 2, 5 + 1, 2 + 1), "the pool adds the two documents' counts");
    let none = across(vec![("Ana".into(), vec![coded(A), coded(oslo.0)]), ("Bo".into(), vec![coded("Nobody else.")])]);
    assert_eq!(none.unwrap_err(), Mismatch::NothingInCommon);
    // One document each is the simplest case, and the coder with another text is named.
    let other = across(vec![("Ana".into(), vec![coded(A)]), ("Bo".into(), vec![coded("Nobody else.")])]);
    assert_eq!(other.unwrap_err(), Mismatch::OtherText { name: "Bo".into() });
}

/// Annotations (span, label) and quotes with their speakers' mention spans.
type Content = (BTreeSet<(Span, String)>, BTreeSet<(Span, BTreeSet<BTreeSet<Span>>)>);

/// The first coder's annotations, speakers and entity groupings, by span.
fn content(doc: &Document) -> Content {
    let by_entity = mentions_by_entity(doc);
    let spans = |e| by_entity.get(&e).into_iter().flatten().map(|m| m.span).collect::<BTreeSet<_>>();
    (
        doc.annotations.iter().map(|a| (a.span, a.label.clone())).collect(),
        doc.annotations.iter().filter(|a| !a.speakers.is_empty()).map(|a| (a.span, a.speakers.iter().map(|&e| spans(e)).collect())).collect(),
    )
}

/// Compares `docs`, takes all agreed, then `take` for every disagreement.
fn adjudicated(docs: Vec<(String, Document)>, take: Take) -> State {
    let (session, doc) = Session::new(docs).unwrap();
    let mut state = State::default();
    let n = session.comparison.disagreements.len();
    state.apply(Action::Compare { session: Box::new(session), doc: Box::new(doc) });
    state.apply(Action::TakeAgreed);
    for index in 0..n {
        state.apply(Action::Take { index, take });
        let notice = state.notice.clone().unwrap();
        assert!(notice.refusal.is_none(), "{}", notice.text);
    }
    state
}

#[test]
fn taking_the_first_of_every_disagreement_gives_the_first_back() {
    let state = adjudicated(vec![("Ana".into(), coded(A)), ("Bo".into(), coded(B))], Take::First);
    assert_eq!(content(&state.doc), content(&coded(A)));
    let state = adjudicated(vec![("Ana".into(), coded(A)), ("Bo".into(), coded(B))], Take::Second);
    assert_eq!(content(&state.doc), content(&coded(B)));
    let record = state.doc.adjudication.clone().unwrap();
    assert_eq!((record.coders.as_slice(), record.agreed, record.decisions.len()), (["Ana".to_owned(), "Bo".to_owned()].as_slice(), true, 3));
    let quote = state.doc.annotations.iter().find(|a| a.label == "Quote").unwrap();
    assert_eq!(quote.from, ["Ana", "Bo"], "an agreed annotation came from both");
    let monday = state.doc.annotations.iter().find(|a| a.label == "Date").unwrap();
    assert_eq!(monday.from, ["Bo"]);
}

#[test]
fn adjudication_is_undone_step_by_step_and_each_step_happens_once() {
    let (session, doc) = Session::new(vec![("Ana".into(), coded(A)), ("Bo".into(), coded(B))]).unwrap();
    let kinds: Vec<Kind> = session.comparison.disagreements.iter().map(|d| d.kind).collect();
    assert_eq!(kinds, [Kind::OtherLabel, Kind::Overlap, Kind::OnlySecond]);
    let mut state = State::default();
    state.apply(Action::Compare { session: Box::new(session), doc: Box::new(doc) });
    let empty = state.doc.clone();
    state.apply(Action::Take { index: 0, take: Take::Both });
    state.apply(Action::Take { index: 0, take: Take::First });
    assert_eq!(state.notice.as_ref().unwrap().refusal, Some(Refusal::AlreadyDecided));
    state.apply(Action::TakeAgreed);
    state.apply(Action::TakeAgreed);
    assert_eq!(state.notice.as_ref().unwrap().refusal, Some(Refusal::AlreadyTaken));
    let crp = marginalia::core::find::find_all(&state.doc.text, "CRP", true)[0];
    assert_eq!(state.doc.annotations.iter().filter(|a| a.span == crp).count(), 2, "both labels of CRP");
    state.apply(Action::Undo);
    state.apply(Action::Undo);
    // All as it was but the id counters (ids are never reused).
    assert_eq!(Document { next_id: 0, next_entity: 0, ..(*state.doc).clone() }, Document { next_id: 0, next_entity: 0, ..(*empty).clone() });
    // Export and import keep the record and the provenance.
    state.apply(Action::Redo);
    let json = marginalia::core::export::to_json(&state.doc, "t");
    assert!(json.contains("\"adjudication\"") && json.contains("\"take\": \"both\"") && json.contains("\"from\": [\n        \"Bo\"\n      ]"), "{json}");
    let back = marginalia::core::import::read_file(json.as_bytes()).unwrap().doc;
    assert_eq!(marginalia::core::export::to_json(&back, "t"), json);
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    const LABELS: [&str; 4] = ["Person", "Organization", "Place", "Quote"];

    fn random(words: &[usize], marks: &[(usize, usize, usize)]) -> Document {
        const WORDS: [&str; 8] = ["Ana", "said", "“We", "stay,”", "CRP", "مریم", "😀", "in"];
        let text: String = words.iter().map(|&w| WORDS[w % WORDS.len()]).collect::<Vec<_>>().join(" ");
        let mut state = State::default();
        state.apply(Action::StartAnnotating { text, replaced_surrogates: 0 });
        let len = state.doc.text.len();
        for &(start, width, label) in marks {
            let start = start % len;
            state.apply(Action::ApplyLabel { label: LABELS[label % 4].into(), selection: Some(Span::new(start, (start + 1 + width % 12).min(len))) });
        }
        (*state.doc).clone()
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

        #[test]
        fn oneself_symmetry_and_taking_the_first(
            words in prop::collection::vec(0usize..8, 3..30),
            ma in prop::collection::vec((0usize..200, 0usize..20, 0usize..4), 0..10),
            mb in prop::collection::vec((0usize..200, 0usize..20, 0usize..4), 0..10),
        ) {
            let (a, b) = (random(&words, &ma), random(&words, &mb));
            let same = agreement(&coders(&[("A", a.clone()), ("A2", a.clone())])).unwrap();
            prop_assert!(same.overall.kappa.is_none_or(|k| (k - 1.0).abs() < 1e-12));
            prop_assert!(same.pairs[0].spans.get("").is_none_or(|s| s.exact.f1 == Some(1.0)));
            let ab = agreement(&coders(&[("A", a.clone()), ("B", b.clone())])).unwrap();
            let ba = agreement(&coders(&[("B", b.clone()), ("A", a.clone())])).unwrap();
            prop_assert_eq!(ab.overall.kappa.map(|k| (k * 1e9).round()), ba.overall.kappa.map(|k| (k * 1e9).round()));
            prop_assert_eq!(ab.overall.alpha.map(|k| (k * 1e9).round()), ba.overall.alpha.map(|k| (k * 1e9).round()));
            let state = adjudicated(vec![("A".into(), a.clone()), ("B".into(), b.clone())], Take::First);
            prop_assert_eq!(content(&state.doc).0, content(&a).0);
        }
    }
}
