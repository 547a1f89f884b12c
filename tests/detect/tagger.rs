//! The statistical tagger: its corpus reader, its model file, training and the shipped model.

use marginalia::cli::train::{train, Options};
use marginalia::core::detect::tagger::features::DocContext;
use marginalia::core::detect::tagger::{category_of, chunks, corpus::read_gum, memo::blocks, model, shipped, tag, tag_sentence, tag_with, tokens::sentences, Memo};
use marginalia::core::detect::words::Words;
use marginalia::core::detect::Category;
use marginalia::core::offsets::Span;
use proptest::prelude::*;

/// A GUM sentence: "U.S. President Donald Trump's visit", with Trump's mention nesting U.S.
const GUM: &str = "# newdoc id = GUM_news_x\n\
1\tU.S.\tU.S.\tPROPN\tNNP\t_\t4\tcompound\t_\tEntity=(1-person-new-x-x-x-x(2-place-new-x-x-x-x)\n\
2\tPresident\tPresident\tPROPN\tNNP\t_\t4\tcompound\t_\t_\n\
3\tDonald\tDonald\tPROPN\tNNP\t_\t4\tcompound\t_\t_\n\
4\tTrump\tTrump\tPROPN\tNNP\t_\t6\tnmod:poss\t_\t_\n\
5\t's\t's\tPART\tPOS\t_\t4\tcase\t_\tEntity=1)\n\
6\tvisit\tvisit\tNOUN\tNN\t_\t0\troot\t_\t_\n";

#[test]
fn a_gum_name_is_cut_to_its_core_without_title_or_possessive() {
    let docs = read_gum(GUM);
    assert_eq!(docs[0].id, "GUM_news_x");
    assert_eq!(docs[0].sentences[0].tags, ["B-LOC", "O", "B-PER", "I-PER", "O", "O"]);
}

#[test]
fn a_model_file_round_trips_and_a_broken_one_is_refused() {
    let w = model::Weights {
        description: "{}".into(),
        labels: vec!["O".into(), "B-PER".into(), "I-PER".into()],
        transitions: vec![(1, 2, 1.0)],
        states: vec![("w=ali".into(), 1, 2.0), ("w=rezaei".into(), 2, 2.0)],
    };
    let bytes = w.to_bytes();
    let m = model::read(&bytes).unwrap();
    assert_eq!(m.labels, w.labels);
    assert_eq!(m.len(), 2);
    // I-PER may not start a sentence or follow O, even when its weight says so.
    let mut scores = vec![0.0f32, 0.0, 0.0, 0.0, 0.0, 5.0];
    m.add_state(model::feature_hash("w=ali"), &mut scores[0..3]);
    assert_eq!(m.viterbi(&scores), [1, 2]);
    assert!(model::read(&bytes[..bytes.len() - 1]).unwrap_err().contains("ends early"));
    assert!(model::read(b"nonsense").unwrap_err().contains("magic"));
    let mut longer = bytes.clone();
    longer.push(0);
    assert!(model::read(&longer).unwrap_err().contains("after the model's end"));
}

#[test]
fn training_on_a_slice_makes_a_model_that_tags_and_is_the_same_twice() {
    let o = Options { limit: Some(3), uner: None, iterations: 20, ..Options::default() };
    let a = train(&o, "test").unwrap();
    let b = train(&o, "test").unwrap();
    assert_eq!(a.bytes, b.bytes, "deterministic given the files, options and seed");
    let m = model::read(&a.bytes).unwrap();
    let description: serde_json::Value = serde_json::from_str(&m.description).unwrap();
    assert_eq!(description["files"].as_array().unwrap().len(), 3);
    assert_eq!(description["files"][0]["sha256"].as_str().unwrap().len(), 64);
    assert!(m.labels.iter().any(|l| l == "B-PER"));
}

#[test]
fn the_shipped_model_finds_people_places_and_organisations() {
    let text = "Maryam Rahimi, a lawyer in Tehran, said the United Nations had not replied.";
    let w = Words::new(text);
    let found: Vec<(&str, Category)> = tag(shipped(), &w).iter().map(|m| (w.slice(m.span), m.category)).collect();
    assert!(found.contains(&("Maryam Rahimi", Category::Person)), "{found:?}");
    assert!(found.contains(&("Tehran", Category::Place)), "{found:?}");
    assert!(found.contains(&("United Nations", Category::Organization)), "{found:?}");
    let description: serde_json::Value = serde_json::from_str(&shipped().description).unwrap();
    assert!(description["files"].as_array().unwrap().iter().all(|f| !f["file"].as_str().unwrap().contains("news_nasa")));
}

#[test]
fn a_demonym_is_never_suggested_as_a_person() {
    let text = "Norwegians rallied in Oslo. Many Iranians and Afghans joined, and a Norwegian spoke: Palestinians, Kurds and Syrians came too.";
    let w = Words::new(text);
    // The tagger alone takes "Afghans" for a person (measured with the shipped model).
    let analysis = marginalia::core::detect::suggest::analyse(text, Some(shipped()));
    let people: Vec<&str> = analysis.mentions.iter().filter(|m| m.category == Category::Person).map(|m| w.slice(m.span)).collect();
    assert!(people.is_empty(), "{people:?}");
}

#[test]
fn on_the_sample_the_rules_decisive_names_stand_and_a_name_cut_short_is_made_whole() {
    let text = marginalia::core::document::SAMPLE_ARTICLE;
    let w = Words::new(text);
    let analysis = marginalia::core::detect::suggest::analyse(text, Some(shipped()));
    let found: Vec<(&str, Category)> = analysis.mentions.iter().map(|m| (w.slice(m.span), m.category)).collect();
    assert_eq!(found[..4], [("Halden", Category::Place), ("HALDEN", Category::Place), ("Vessa River", Category::Place), ("Saturday", Category::Date)]);
    assert!(found.contains(&("Coalition for River Protection", Category::Organization)), "{found:?}");
    // Cut short by the tagger, made whole by the rule; and "Dr." is one token, as in the corpora.
    assert!(found.contains(&("Northern Institute of Water Research", Category::Organization)), "{found:?}");
    assert!(found.contains(&("Ingrid Solberg", Category::Person)), "{found:?}");
    assert!(!found.iter().any(|(t, _)| *t == "River Protection" || *t == "Coalition"), "{found:?}");
}

#[test]
fn with_the_tagger_the_quote_set_keeps_its_quotes_and_speakers_and_the_held_out_part_does_not_fall_back() {
    // The tagger alone takes "Pieter de Vries" and "Losa Tafua" for places and misses
    // "Omar Haddad" after "said venture capitalist": the speech rule in `combine` keeps them people.
    let gold = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/quotes-gold.jsonl")).unwrap();
    let report = marginalia::cli::eval::evaluate(&gold, "test", None, Some(shipped())).unwrap();
    assert_eq!(report.quotes.0, report.quotes.1, "every quote found");
    let (nearby, right) = report.speakers_nearby;
    assert!(right * 100 >= nearby * 95, "{right} of {nearby} speakers named nearby: {:?}", report.speaker_misses);
    // The held-out part, never tuned on: measured once at 59 of 61 quotes found and 49 of
    // 58 speakers right; this only guards against falling back.
    let held = marginalia::cli::eval::evaluate(&gold, "heldout", None, Some(shipped())).unwrap();
    assert!(held.quotes.0 >= 60 && held.quotes.1 * 100 >= held.quotes.0 * 95, "{:?}", held.quotes);
    assert!(held.speakers_nearby.1 * 100 >= held.speakers_nearby.0 * 80, "{:?}: {:?}", held.speakers_nearby, held.speaker_misses);
    let words = Words::new("“We have waited,” said Pieter de Vries, a crane operator. “It is correcting,” said venture capitalist Omar Haddad.");
    let people: Vec<&str> = marginalia::core::detect::suggest::analyse(words.text(), Some(shipped())).mentions.iter().filter(|m| m.category == Category::Person).map(|m| words.slice(m.span)).collect();
    assert_eq!(people, ["Pieter de Vries", "Omar Haddad"]);
}

/// The tagger on the whole text at once, sentence by sentence: what the memo must match.
fn from_scratch(text: &str) -> Vec<(Span, Category)> {
    let model = shipped();
    let w = Words::new(text);
    let all = sentences(&w);
    let doc = DocContext::of(all.iter().flatten().map(|t| t.text));
    let mut found = Vec::new();
    for sentence in &all {
        let texts: Vec<&str> = sentence.iter().map(|t| t.text).collect();
        let labels = tag_sentence(model, &texts, &doc);
        found.extend(chunks(sentence, &labels, &model.labels).into_iter().filter_map(|(span, kind)| category_of(kind).map(|c| (span, c))));
    }
    found
}

fn with_memo(memo: &mut Memo, text: &str) -> Vec<(Span, Category)> {
    tag_with(shipped(), &Words::new(text), memo).into_iter().map(|m| (m.span, m.category)).collect()
}

#[test]
fn a_text_is_cut_into_blocks_after_each_line_with_words() {
    let text = "Ali left.\n\n* * *\nHe came back.\n—\n";
    let cut: Vec<&str> = blocks(text).iter().map(|&(a, b, _)| &text[a..b]).collect();
    // The line without words goes with the next line; a last one without words, with the one before.
    assert_eq!(cut, ["Ali left.\n", "\n* * *\nHe came back.\n—\n"]);
    let persian = "مریم رحیمی گفت\n🙂\nTehran";
    let starts: Vec<usize> = blocks(persian).iter().map(|b| b.2).collect();
    assert_eq!(starts, [0, "مریم رحیمی گفت\n".chars().count()], "blocks start at code points");
    assert!(blocks("").is_empty());
}

#[test]
fn after_an_edit_only_the_edited_paragraph_is_tagged_again_and_the_rest_is_unchanged() {
    let text = "Maryam Rahimi spoke in Tehran.\n\nThe United Nations did not reply. Ali Karimi left.\n\nShe said more in Kabul on Monday.";
    let mut memo = Memo::default();
    assert_eq!(with_memo(&mut memo, text), from_scratch(text));
    assert_eq!(memo.tagged, 4);
    let edited = text.replace("Ali Karimi left", "Ali Karimi, a doctor, left");
    assert_eq!(with_memo(&mut memo, &edited), from_scratch(&edited));
    assert_eq!(memo.tagged, 2, "the second paragraph's two sentences");
    // A word now used in lower case elsewhere changes a capitalised word's features there.
    let lowered = format!("{edited}\n\nThe nations met.");
    assert_eq!(with_memo(&mut memo, &lowered), from_scratch(&lowered));
    assert_eq!(memo.tagged, 3, "the new sentence, the one before it (its block now ends in a line break), and the one with \"Nations\"");
    let back = lowered.replace("The nations met.", "The envoys met.");
    assert_eq!(with_memo(&mut memo, &back), from_scratch(&back));
    assert_eq!(memo.tagged, 2, "the edited sentence, and again the one with \"Nations\"");
}

/// Pieces of text that meet the block cut's edge cases: lines without words, stops,
/// abbreviations, capitalised and lower-case uses of one word, other scripts.
fn piece() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "Maryam Rahimi", " said", " in Tehran", ".", ". ", "\n", "\n\n", "* * *", " Dr. Amini", " the", " The", " spoke", " Spoke", " United Nations", " nations", ", ", "“We stay,” ", "مریم رحیمی", " 🙂", " U.S.", "’s", " ali", " Ali", "—",
    ])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(60))]

    /// Architecture Invariant of `tagger::memo`: through any edits, tagging with the memo
    /// finds exactly what tagging from scratch finds.
    #[test]
    fn the_memo_finds_what_tagging_from_scratch_finds(start in prop::collection::vec(piece(), 0..40), edits in prop::collection::vec((any::<prop::sample::Index>(), 0usize..12, prop::collection::vec(piece(), 0..4)), 1..6)) {
        let mut text: Vec<&str> = start;
        let mut memo = Memo::default();
        prop_assert_eq!(with_memo(&mut memo, &text.concat()), from_scratch(&text.concat()));
        for (at, removed, inserted) in edits {
            let at = if text.is_empty() { 0 } else { at.index(text.len() + 1) };
            let end = (at + removed).min(text.len());
            text.splice(at..end, inserted);
            let now = text.concat();
            prop_assert_eq!(with_memo(&mut memo, &now), from_scratch(&now), "{:?}", now);
        }
    }
}
