//! Export → import → export through every two-way exchange format keeps what the format
//! can hold (`core::formats`), over random documents with emoji, Persian, combining marks
//! and line breaks; and what each format says it loses is what it loses.

use marginalia::core::document::Document;
use marginalia::core::formats::losses::{losses, Lost};
use marginalia::core::formats::read::{read_as, read_files, Found};
use marginalia::core::formats::{export, File, Format, Options};
use marginalia::core::ids::{AnnotationId, EntityId};
use marginalia::core::labels::{Label, LabelKind};
use marginalia::core::mentions::mentions_by_entity;
use marginalia::core::offsets::Span;
use marginalia::core::state::State;
use marginalia::core::store::Action;
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

/// What a format may keep, compared after a round trip.
#[derive(Debug, PartialEq, Eq)]
struct Content {
    spans: BTreeSet<(Span, String)>,
    notes: BTreeSet<(Span, String)>,
    kinds: BTreeSet<(Span, String)>,
    /// A quote and the mention spans of each of its speakers.
    speakers: BTreeSet<(Span, BTreeSet<BTreeSet<Span>>)>,
    cues: BTreeSet<(Span, Span)>,
    joins: BTreeSet<(Span, Span)>,
    /// Each entity as its mention spans, with its label.
    entities: BTreeSet<(String, BTreeSet<Span>)>,
    names: BTreeSet<(BTreeSet<Span>, String)>,
    labels: Vec<(String, &'static str, String, String, bool)>,
}

fn content(doc: &Document) -> Content {
    let by_entity = mentions_by_entity(doc);
    let spans_of = |e: &EntityId| -> BTreeSet<Span> { by_entity.get(e).into_iter().flatten().map(|m| m.span).collect() };
    let at = |id: AnnotationId| doc.annotations.get(id).map(|a| a.span).unwrap_or_default();
    let quotes: Vec<_> = doc.annotations.iter().filter(|a| doc.labels.is_quote(&a.label)).collect();
    Content {
        spans: doc.annotations.iter().map(|a| (a.span, a.label.clone())).collect(),
        notes: doc.annotations.iter().filter(|a| !a.note.is_empty()).map(|a| (a.span, a.note.clone())).collect(),
        kinds: quotes.iter().filter_map(|q| Some((q.span, q.quote_kind?.name().to_owned()))).collect(),
        speakers: quotes.iter().filter(|q| !q.speakers.is_empty()).map(|q| (q.span, q.speakers.iter().map(spans_of).collect())).collect(),
        cues: quotes.iter().filter_map(|q| Some((q.span, at(q.cue?)))).collect(),
        joins: quotes.iter().filter_map(|q| Some((q.span, at(q.continues?)))).collect(),
        entities: doc.entities.iter().map(|e| (e.label.clone(), spans_of(&e.id))).collect(),
        names: doc.entities.iter().map(|e| (spans_of(&e.id), e.name.clone())).collect(),
        labels: doc.labels.iter().map(|l| (l.name.clone(), l.kind.name(), l.color.clone(), l.hotkey.clone(), l.speaks)).collect(),
    }
}

/// `doc` written as `format` and read back.
fn round_trip(format: Format, doc: &Document) -> Document {
    let files = export(format, &[doc], &Options { utf16: false, exported_at: "2026-12-01T00:00:00Z".into() });
    let found: Found = if format.is_folder() { read_files(&files, None) } else { read_as(format, &files, None) };
    assert!(found.problems.is_empty(), "{format:?}: {:#?}\n{}", found.problems, String::from_utf8_lossy(&files[0].bytes));
    assert_eq!(found.documents.len(), 1, "{format:?}");
    found.documents.into_iter().next().unwrap().doc
}

/// The parts of `a` and `b` that `format` keeps are equal.
fn assert_kept(format: Format, before: &Document, after: &Document) {
    let (a, b) = (content(before), content(after));
    assert_eq!(after.text.as_str(), before.text.as_str(), "{format:?}: the text");
    let lost: Vec<Lost> = losses(format, before).into_iter().map(|(l, _)| l).collect();
    if format == Format::Citron {
        {
            let quote_or_cue = |d: &Document, s: &(Span, String)| d.labels.kind_of(&s.1) != Some(LabelKind::Entity);
            let linked = |c: &Content, d: &Document| -> BTreeSet<Span> {
                c.spans.iter().filter(|s| d.labels.is_quote(&s.1) || c.cues.iter().any(|(_, cue)| *cue == s.0)).map(|s| s.0).collect()
            };
            assert_eq!(linked(&b, after), linked(&a, before), "Citron: quotes and the cues they name");
            let mentions = |c: &Content, d: &Document| -> BTreeSet<Span> { c.spans.iter().filter(|s| !quote_or_cue(d, s)).map(|s| s.0).collect() };
            assert_eq!(mentions(&b, after), mentions(&a, before), "Citron: mention spans");
            // Citron keeps spans, not labels: two mentions on one span become one (a loss it
            // declares, SharedSpans). So quotes spoken by an entity with such a mention are
            // left out, and entities are compared without those spans.
            let shared: BTreeSet<Span> = before.annotations.iter().filter(|m| before.labels.is_entity(&m.label))
                .filter(|m| before.annotations.iter().any(|o| o.id != m.id && o.span == m.span && before.labels.is_entity(&o.label)))
                .map(|m| m.span).collect();
            assert_eq!(lost.contains(&Lost::SharedSpans), !shared.is_empty(), "Citron: shared spans are declared");
            let unclear: BTreeSet<Span> = a.speakers.iter().filter(|(_, s)| s.iter().any(|g| !g.is_disjoint(&shared))).map(|(q, _)| *q).collect();
            let speakers = |c: &Content| -> BTreeSet<(Span, BTreeSet<BTreeSet<Span>>)> {
                c.speakers.iter().filter(|(q, _)| !unclear.contains(q)).cloned().collect()
            };
            assert_eq!(speakers(&b), speakers(&a), "Citron: speakers");
            // One cue per statement: which of its parts holds it is not kept.
            let by_statement = |d: &Document| -> BTreeSet<(Span, Span)> {
                d.annotations.iter().filter(|q| d.labels.is_quote(&q.label) && q.continues.is_none()).filter_map(|head| {
                    let parts = d.quote_parts(head.id);
                    let cue = parts.iter().find_map(|p| p.cue).and_then(|c| d.annotations.get(c))?;
                    Some((head.span, cue.span))
                }).collect()
            };
            assert_eq!(by_statement(after), by_statement(before), "Citron: each statement's cue");
            assert_eq!(b.joins, a.joins, "Citron: joins");
            let groups = |c: &Content| -> BTreeSet<BTreeSet<Span>> {
                c.entities.iter().map(|e| e.1.difference(&shared).copied().collect::<BTreeSet<Span>>()).filter(|g| !g.is_empty()).collect()
            };
            assert_eq!(groups(&b), groups(&a), "Citron: entity groups");
            return;
        }
    }
    assert_eq!(b.spans, a.spans, "{format:?}: spans and labels");
    assert_eq!(b.notes, a.notes, "{format:?}: notes");
    assert_eq!(b.kinds, a.kinds, "{format:?}: quote kinds");
    assert_eq!(b.speakers, a.speakers, "{format:?}: speakers");
    assert_eq!(b.cues, a.cues, "{format:?}: cues");
    assert_eq!(b.joins, a.joins, "{format:?}: joins");
    assert_eq!(b.entities, a.entities, "{format:?}: entities");
    if !lost.contains(&Lost::EntityNames) {
        assert_eq!(b.names, a.names, "{format:?}: entity names");
    }
    let kinds = |c: &Content| -> Vec<(String, &'static str, bool)> { c.labels.iter().map(|l| (l.0.clone(), l.1, l.4)).collect() };
    if !lost.contains(&Lost::LabelSchema) {
        assert_eq!(kinds(&b), kinds(&a), "{format:?}: label kinds and who speaks");
        let looks = |c: &Content| -> Vec<(String, String, String)> { c.labels.iter().map(|l| (l.0.clone(), l.2.clone(), l.3.clone())).collect() };
        assert_eq!(looks(&b), looks(&a), "{format:?}: label colours and hotkeys");
    }
    if !lost.contains(&Lost::Rejected) {
        assert_eq!(after.rejected, before.rejected, "{format:?}: rejected suggestions");
    }
    if format != Format::Brat && format != Format::Citron {
        assert_eq!(after.title, before.title, "{format:?}: title");
    }
}

const TWO_WAY: [Format; 7] = [Format::W3c, Format::Brat, Format::Spacy, Format::LabelStudio, Format::UimaXmi, Format::UimaJson, Format::Citron];

/// A random document: text from words in several scripts, marks snapped as a selection
/// is, then speakers, cues, joins, notes and merges among them.
fn document_from(words: &[usize], marks: &[(usize, usize, usize)], links: &[(usize, usize, usize)]) -> State {
    const WORDS: [&str; 14] = ["Maryam", "Rahimi", "مریم", "رحیمی", "😀", "said", "“We", "stay,”", "CRP", "e\u{301}", "🇮🇷", "\n", "\n\n", "Ana"];
    let text: String = words.iter().map(|&w| WORDS[w % WORDS.len()]).collect::<Vec<_>>().join(" ");
    let mut state = State::default();
    state.apply(Action::NewDocument);
    state.apply(Action::StartAnnotating { text: format!("Title {text} end"), replaced_surrogates: 0 });
    state.apply(Action::AddLabel(Label { name: "Victim".into(), kind: LabelKind::Entity, color: "#123456".into(), hotkey: "v".into(), speaks: true }));
    let labels = ["Person", "Organization", "Place", "Quote", "Cue", "Victim", "Quote", "Person"];
    let len = state.doc.text.len();
    for &(start, width, label) in marks {
        let start = start % len;
        let span = Span::new(start, (start + 1 + width % 40).min(len));
        state.apply(Action::ApplyLabel { label: labels[label % labels.len()].into(), selection: Some(span) });
    }
    let ids: Vec<AnnotationId> = state.doc.annotations.iter().map(|a| a.id).collect();
    if ids.is_empty() {
        return state;
    }
    for &(kind, a, b) in links {
        let (a, b) = (ids[a % ids.len()], ids[b % ids.len()]);
        let action = match kind % 6 {
            0 | 1 => Action::AddSpeakerFromMention { quote: a, mention: b },
            2 => Action::SetCue { quote: a, cue: Some(b) },
            3 => Action::JoinQuote { quote: a, previous: Some(b) },
            4 => Action::SetNote { id: a, note: format!("note {b} — مریم 😀") },
            _ => match (state.doc.annotations.get(a).and_then(|x| x.entity), state.doc.annotations.get(b).and_then(|x| x.entity)) {
                (Some(into), Some(from)) => Action::MergeEntities { into, from },
                _ => Action::SetQuoteKind { quote: a, kind: marginalia::core::annotations::QuoteKind::Mixed },
            },
        };
        state.apply(action);
    }
    state
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn every_two_way_format_keeps_what_it_can_hold(
        words in proptest::collection::vec(0usize..100, 4..40),
        marks in proptest::collection::vec((0usize..10_000, 0usize..100, 0usize..8), 0..14),
        links in proptest::collection::vec((0usize..60, 0usize..100, 0usize..100), 0..12),
    ) {
        let state = document_from(&words, &marks, &links);
        for format in TWO_WAY {
            let back = round_trip(format, &state.doc);
            assert_kept(format, &state.doc, &back);
            // And the second trip changes nothing more.
            let again = round_trip(format, &back);
            let schema_kept = !losses(format, &back).iter().any(|(l, _)| *l == Lost::LabelSchema);
            let settled = |d: &Document| Content { labels: if schema_kept { content(d).labels } else { Vec::new() }, ..content(d) };
            prop_assert_eq!(settled(&again), settled(&back), "{:?}: a second round trip", format);
        }
    }
}

#[test]
fn the_scripted_sample_keeps_what_each_format_can_hold() {
    let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/exports/sample-session.marginalia.json")).unwrap();
    let doc = marginalia::core::import::read_file(&bytes).unwrap().doc;
    for format in TWO_WAY {
        assert_kept(format, &doc, &round_trip(format, &doc));
    }
}

#[test]
fn w3c_positions_in_utf16_are_read_as_such_and_said() {
    let doc = marginalia::core::fixture::document("😀🇮🇷 [Person|مریم رحیمی] said [Quote|“We 👩🏽‍⚕️ stay”]");
    let files = export(Format::W3c, &[&doc], &Options { utf16: true, exported_at: String::new() });
    let found = read_as(Format::W3c, &files, None);
    assert!(found.problems.is_empty(), "{:?}", found.problems);
    let back = &found.documents[0];
    assert!(back.read_as.contains("UTF-16"), "{}", back.read_as);
    assert_eq!(content(&back.doc).spans, content(&doc).spans);
    let plain = read_as(Format::W3c, &export(Format::W3c, &[&doc], &Options::default()), None);
    assert_eq!(plain.documents[0].read_as, "W3C Web Annotation");
}

#[test]
fn each_format_says_what_it_loses_for_this_document() {
    let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/exports/sample-session.marginalia.json")).unwrap();
    let doc = marginalia::core::import::read_file(&bytes).unwrap().doc;
    let conll: BTreeMap<Lost, usize> = losses(Format::Conll, &doc).into_iter().collect();
    let quotes = doc.annotations.iter().filter(|a| doc.labels.is_quote(&a.label)).count();
    assert_eq!(conll.get(&Lost::Quotes), Some(&quotes));
    let nested = marginalia::core::fixture::document("[Organization|Ministry of [Place|Foreign] Affairs] and [Person|Ana]");
    assert_eq!(losses(Format::Conll, &nested), [(Lost::OverlappingSpans, 1), (Lost::LabelSchema, 7)]);
    assert_eq!(losses(Format::Spacy, &doc), []);
    // CoNLL writes no quote and as many B- tags as it keeps mentions.
    let files = export(Format::Conll, &[&doc], &Options::default());
    let text = String::from_utf8(files[0].bytes.clone()).unwrap();
    let mentions = doc.annotations.iter().filter(|a| doc.labels.is_entity(&a.label)).count();
    assert_eq!(text.lines().filter(|l| l.contains(" B-")).count(), mentions - conll.get(&Lost::OverlappingSpans).copied().unwrap_or(0));
    assert!(!text.contains("Quote"));
}

#[test]
fn a_folder_of_several_documents_comes_back_as_a_bundle() {
    let a = marginalia::core::fixture::document("[Person|Ana] met [Person|Bo].");
    let mut b = marginalia::core::fixture::document("[Organization|CRP] in [Place|Halden].");
    b.title = "Second".into();
    for format in [Format::Brat, Format::LabelStudio, Format::UimaXmi, Format::Spacy] {
        let files: Vec<File> = export(format, &[&a, &b], &Options::default());
        let found = if format.is_folder() { read_files(&files, None) } else { read_as(format, &files, None) };
        assert!(found.problems.is_empty(), "{format:?}: {:?}", found.problems);
        let texts: Vec<&str> = found.documents.iter().map(|d| d.doc.text.as_str()).collect();
        assert_eq!(texts.len(), 2, "{format:?}");
        assert!(texts.contains(&a.text.as_str()) && texts.contains(&b.text.as_str()), "{format:?}");
        assert!(found.bundle, "{format:?}");
    }
}


#[test]
fn w3c_positions_that_miss_a_revised_text_fall_back_to_the_quote_flagged_for_review() {
    let doc = marginalia::core::fixture::document("😀 [Person|مریم رحیمی] said [Quote|“We stay”] in [Place|Halden].");
    let files = export(Format::W3c, &[&doc], &Options::default());
    let mut value: serde_json::Value = serde_json::from_slice(&files[0].bytes).unwrap();
    // Annotations without a text of their own, onto a revised version of the document:
    // a paragraph inserted at the top moves every position.
    value.as_object_mut().unwrap().remove("mg:text");
    let revised = marginalia::core::fixture::document("A new first paragraph.\n\n😀 مریم رحیمی said “We stay” in Halden.");
    let found = read_as(Format::W3c, &[File { path: "a.jsonld".into(), bytes: serde_json::to_vec(&value).unwrap() }], Some(&revised));
    assert!(found.problems.is_empty(), "{:?}", found.problems);
    let back = &found.documents[0];
    assert!(back.read_as.contains("3 by their quoted text (flagged for review)"), "{}", back.read_as);
    assert_eq!(marginalia::core::fixture::render(&back.doc), "A new first paragraph.\n\n😀 [Person!|مریم رحیمی] said [Quote!|“We stay”] in [Place!|Halden].");
}
