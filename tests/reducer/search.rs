//! Search across the library (`core::search`): names, aliases, speakers, labels, notes and
//! text, in Persian, with emoji and accents, grouped by document, with exact spans.

use crate::common::{quote_with_speaker, state_from};
use marginalia::core::offsets::Span;
use marginalia::core::search::{fold, record, record_of, words, Field, Index, Record};
use marginalia::core::store::Action;

fn library() -> Index {
    let mut rally = quote_with_speaker("[Quote|“We will stay”], said [Person|Maryam Rahimi]. Later [Person|Rahimi] left the rally 😀.");
    let note_on = rally.doc.annotations.iter().next().unwrap().id;
    rally.apply(Action::SetNote { id: note_on, note: "check the date with Halden Post".into() });
    rally.apply(Action::SetTitle("Rally in Halden".into()));
    let mut persian = state_from("[Person|مریم رحیمی] گفت که می\u{200c}خواهد بماند. [Organization|سازمان ملل] 😀");
    persian.apply(Action::SetTitle("گزارش".into()));
    let mut budget = state_from("The budget vote of [Organization|Halden Council] passed; José\u{301} Nuñez abstained.");
    budget.apply(Action::SetTitle("Budget vote".into()));
    Index::build([record_of(&rally.doc, "d1"), record_of(&persian.doc, "d2"), record_of(&budget.doc, "d3")])
}

/// The span of the `nth` `needle` in `text`, in code points.
fn span_of(text: &str, needle: &str, nth: usize) -> Span {
    let (byte, _) = text.match_indices(needle).nth(nth).expect("the needle is in the text");
    let start = text[..byte].chars().count();
    Span::new(start, start + needle.chars().count())
}

const RALLY: &str = "“We will stay”, said Maryam Rahimi. Later Rahimi left the rally 😀.";

fn keys(index: &Index, query: &str) -> Vec<String> {
    index.search(query).into_iter().map(|f| f.key).collect()
}

#[test]
fn a_surname_finds_the_mentions_and_the_speaker_of_its_quote() {
    let index = library();
    let found = index.search("Rahimi");
    assert_eq!(found.len(), 1);
    let rally = &found[0];
    assert_eq!((rally.key.as_str(), rally.title.as_str()), ("d1", "Rally in Halden"));
    let fields: Vec<(Field, Span)> = rally.hits.iter().map(|h| (h.field, h.span)).collect();
    // The quote (its speaker), then the two mentions (each its own entity), whole.
    assert_eq!(fields, [(Field::Speaker, span_of(RALLY, "“We will stay”", 0)), (Field::Entity, span_of(RALLY, "Maryam Rahimi", 0)), (Field::Entity, span_of(RALLY, "Rahimi", 1))]);
    assert_eq!(rally.hits[0].snippet.1, "Maryam Rahimi", "a speaker's hit shows the name");
    assert_eq!(rally.hits[1].snippet.1, "Maryam Rahimi");
    assert!(rally.hits[1].snippet.0.ends_with("said "), "{:?}", rally.hits[1].snippet);
    assert!(rally.hits[2].snippet.2.starts_with(" left the rally"), "{:?}", rally.hits[2].snippet);
}

#[test]
fn a_phrase_must_be_consecutive_and_the_last_word_is_a_prefix() {
    let index = library();
    assert_eq!(keys(&index, "maryam rahimi"), ["d1"]);
    assert_eq!(keys(&index, "rahimi maryam"), Vec::<String>::new());
    assert_eq!(keys(&index, "rahi"), ["d1"]);
    let halden = index.search("halden");
    assert_eq!(halden.iter().map(|f| f.key.as_str()).collect::<Vec<_>>(), ["d1", "d3"]);
    // "Halden" in Rally's title and note; in Budget's text (an organisation's mention).
    assert!(halden[0].hits.iter().any(|h| h.field == Field::Title) && halden[0].hits.iter().any(|h| h.field == Field::Note));
    assert_eq!(halden[1].hits[0].field, Field::Entity);
    assert_eq!(halden[1].hits[0].snippet.1, "Halden Council");
    assert_eq!(index.search("council")[0].hits[0].field, Field::Entity, "a word inside a mention shows the mention");
    assert_eq!(index.search("passed")[0].hits[0].field, Field::Text);
}

#[test]
fn persian_text_is_found_however_its_letters_and_joiners_are_typed() {
    let index = library();
    // Arabic yeh for Persian yeh, and no zero-width non-joiner.
    assert_eq!(keys(&index, "رحيمي"), ["d2"]);
    assert_eq!(keys(&index, "میخواهد"), ["d2"]);
    let found = index.search("سازمان ملل");
    assert_eq!(found[0].hits[0].span, span_of("مریم رحیمی گفت که می\u{200c}خواهد بماند. سازمان ملل 😀", "سازمان ملل", 0));
    assert_eq!(found[0].hits[0].snippet.1, "سازمان ملل");
}

#[test]
fn emoji_accents_labels_and_aliases_are_searchable() {
    let index = library();
    assert_eq!(keys(&index, "😀"), ["d1", "d2"]);
    assert_eq!(keys(&index, "jose nunez"), ["d3"], "accents, precomposed or combining, are folded");
    let orgs = index.search("organization");
    assert_eq!(orgs.iter().map(|f| f.key.as_str()).collect::<Vec<_>>(), ["d3", "d2"], "one hit each, by title");
    assert!(orgs.iter().all(|f| f.hits.iter().all(|h| h.field == Field::Label)));
    let mut met = state_from("[Person|Maryam Rahimi] met [Person|Rahimi].");
    let entities: Vec<_> = met.doc.annotations.iter().filter_map(|a| a.entity).collect();
    met.apply(Action::MergeEntities { into: entities[0], from: entities[1] });
    met.apply(Action::SetTitle("Met".into()));
    let record = record_of(&met.doc, "d9");
    let names: Vec<(Field, &str)> = record.names.iter().filter(|n| n.field != Field::Label).map(|n| (n.field, n.text.as_str())).collect();
    assert_eq!(names, [(Field::Title, "Met"), (Field::Entity, "Maryam Rahimi"), (Field::Alias, "Rahimi")]);
}

#[test]
fn a_saved_document_replaces_its_own_part_of_the_index() {
    let mut index = library();
    let changed = state_from("Nothing about the rally now.").doc;
    index.put(serde_json::from_str::<Record>(&record(&changed, "d1")).unwrap());
    assert_eq!(keys(&index, "rahimi"), Vec::<String>::new());
    assert_eq!(keys(&index, "rally"), ["d1"]);
    index.remove("d3");
    assert_eq!(keys(&index, "budget"), Vec::<String>::new());
    assert_eq!(index.len(), 2);
    assert!(index.search("   ").is_empty());
}

#[test]
fn words_are_cut_at_word_boundaries_with_code_point_spans() {
    let got: Vec<(String, Span)> = words("«Ana’s» 😀 U.S. café");
    let want = [("ana", (1, 6)), ("😀", (8, 9)), ("u.s", (10, 13)), ("cafe", (15, 19))];
    assert_eq!(got, want.map(|(w, (a, b))| (w.to_owned(), Span::new(a, b))));
    assert_eq!(fold("ÇA"), "ca");
}
