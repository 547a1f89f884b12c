//! The entity and speaker detectors, learning from labels, and accepting or rejecting
//! suggestions, over marked-up fixtures: `[Person|…]` marks what must be suggested.

use crate::common;

use marginalia::core::detect::entities::{find_entities, one_edit_apart};
use marginalia::core::detect::suggest::{suggest, Speaker, Suggestion};
use marginalia::core::document::{Document, Rejected};
use marginalia::core::detect::words::Words;
use marginalia::core::export::to_json;
use marginalia::core::fixture::parse;
use marginalia::core::import::read_file;
use marginalia::core::store::Action;
use marginalia::core::state::State;
use proptest::prelude::*;
use std::rc::Rc;

/// The entity suggestions for the plain text of `marked` must be exactly its marks.
fn entities(marked: &str) {
    let (plain, marks) = parse(marked);
    let doc = Document::new("t", &plain);
    let got: Vec<(String, String)> = suggest(&doc, &Rejected::new(), None).items.iter().filter(|s| s.label != "Quote").map(|s| (s.label.clone(), doc.text.slice(s.span).unwrap().to_owned())).collect();
    let want: Vec<(String, String)> = marks.iter().map(|m| (m.label.clone(), doc.text.slice(m.span).unwrap().to_owned())).collect();
    assert_eq!(got, want, "in {plain:?}");
}

/// Each quote suggested for `text`, with its speakers' names (the fuller name for an
/// alias) and its cue.
fn quotes(text: &str) -> Vec<(String, Vec<String>, Option<String>)> {
    let doc = Document::new("t", text);
    let items = suggest(&doc, &Rejected::new(), None).items;
    let name = |sp: &Speaker| doc.text.slice(sp.alias_of.unwrap_or(sp.span)).unwrap().to_owned();
    items
        .iter()
        .filter(|s| s.label == "Quote")
        .map(|s| (doc.text.slice(s.span).unwrap().to_owned(), s.speakers.iter().map(name).collect(), s.cue.map(|c| doc.text.slice(c).unwrap().to_owned())))
        .collect()
}

fn q(quote: &str, speakers: &[&str], cue: Option<&str>) -> (String, Vec<String>, Option<String>) {
    (quote.to_owned(), speakers.iter().map(|s| s.to_string()).collect(), cue.map(str::to_owned))
}

#[test]
fn names_people_organisations_places_dates_events() {
    entities("[Person|Maryam Rahimi] met [Organization|UNHCR] officials in [Place|Kabul] on [Date|Monday].");
    entities("The [Organization|Ministry of Foreign Affairs] wrote to [Person|Osama bin Laden]'s family in [Date|November 2022].");
    entities("Talks resume on [Date|January 9 and 10] at the [Event|Tehran Film Festival].");
    entities("Turnout in the [Event|2009 presidential election] was high, said actor [Person|Tom Hanks].");
    entities("President [Person|Donald Trump] spoke; [Person|Trump] then left [Place|Washington] for [Place|South Korea].");
}

#[test]
fn sentence_initial_common_words_are_not_names() {
    // "Police" starts a sentence and appears in lower case elsewhere: a common word.
    entities("Police said the police van was hit. [Place|Tehran] was calm.");
    entities("According to reports, the [Organization|Red Crescent] arrived.");
}

#[test]
fn acronyms_defined_and_misspelt_become_aliases() {
    let text = "The United Nations High Commissioner for Refugees (UNHCR) said so. Later the UNCHR denied it, and UNHCR agreed.";
    let w = Words::new(text);
    let found = find_entities(&w);
    let full = found.iter().find(|m| w.slice(m.span) == "United Nations High Commissioner for Refugees").unwrap().span;
    let aliases: Vec<(&str, &str)> = found.iter().filter(|m| m.alias_of == Some(full)).map(|m| (w.slice(m.span), m.why)).collect();
    assert_eq!(aliases, [("UNHCR", "an acronym defined in the text"), ("UNCHR", "one letter off an acronym defined in the text"), ("UNHCR", "an acronym defined in the text")]);
    assert!(one_edit_apart("UNCHR", "UNHCR") && one_edit_apart("UNHC", "UNHCR") && !one_edit_apart("UNICEF", "UNHCR"));
}

#[test]
fn speakers_in_every_form() {
    let text = "Maryam Rahimi runs the gallery. “We will stay,” she said. “Nobody asked us.”\n\n\
        Critics called it a “stunt”. Union leader Sanne Bakker told reporters: “The employers know our demands.”\n\n\
        “It is a wake-up call,” said Ghulam Abbas, the director of the Farmers Union. \
        According to the painter Reza Karimi, “The city needed this.” \
        Karimi and Rahimi said: “Art is how a society talks to itself.”\n\n\
        The report was “a disaster”, according to the Port Authority. The film “Last Island Rising Again” opened.";
    assert_eq!(
        quotes(text),
        [
            q("“We will stay,”", &["Maryam Rahimi"], Some("said")),
            q("“Nobody asked us.”", &["Maryam Rahimi"], None),
            q("“The employers know our demands.”", &["Sanne Bakker"], Some("told")),
            q("“It is a wake-up call,”", &["Ghulam Abbas"], Some("said")),
            q("“The city needed this.”", &["Reza Karimi"], Some("According to")),
            q("“Art is how a society talks to itself.”", &["Reza Karimi", "Maryam Rahimi"], Some("said")),
            q("“a disaster”", &["Port Authority"], Some("according to")),
        ]
    );
}

#[test]
fn cues_by_a_participle_a_call_on_someone_and_a_speaker_several_words_before() {
    let text = "Maryam Rahimi defended the plan on Monday, saying “we have no other choice”.\n\n\
        The minister defended it too, saying “there is no other way”.\n\n\
        Hossein Karimi called on the council to take “immediate and decisive action” before the vote.\n\n\
        Reza Tehrani praised the ruling, adding that “justice has finally been done”.\n\n\
        Leila Ahmadi and Sara Mohammadi are among several activists who wrote to the mayor, urging him to “stop the demolition now”.";
    assert_eq!(
        quotes(text),
        [
            q("“we have no other choice”", &["Maryam Rahimi"], Some("saying")),
            q("“there is no other way”", &[], Some("saying")),
            q("“immediate and decisive action”", &["Hossein Karimi"], Some("called on")),
            q("“justice has finally been done”", &["Reza Tehrani"], Some("adding")),
            q("“stop the demolition now”", &["Leila Ahmadi", "Sara Mohammadi"], Some("urging")),
        ]
    );
}

#[test]
fn a_quote_over_several_paragraphs_is_one_with_one_speaker() {
    let text = "“I have patients who waited two years,” Dr Priya Nair said. “Some cannot walk.\n\n“They write to me.”\n\nThe minister left.";
    assert_eq!(quotes(text), [q("“I have patients who waited two years,”", &["Priya Nair"], Some("said")), q("“Some cannot walk.\n\n“They write to me.”", &["Priya Nair"], None)]);
}

#[test]
fn persian_names_and_emoji_keep_exact_offsets() {
    let text = "🎉 “We won ⚽️,” said João Pereira (ژوائو). Then مریم رحیمی arrived.";
    assert_eq!(quotes(text), [q("“We won ⚽️,”", &["João Pereira"], Some("said"))]);
}

#[test]
fn labelled_strings_are_suggested_again_and_rejections_stick() {
    // The user labels an unusual name; every other whole-word occurrence is suggested.
    let mut state = common::state_from("[Organization|Hengaw] reported it. Hengaw, a rights group, and Hengawi differ. Hengaw again.");
    let items = suggest(&state.doc, &state.doc.rejected, None).items;
    let learnt: Vec<(usize, &str)> = items.iter().filter(|s| s.why.contains("labelled")).map(|s| (s.span.start, s.label.as_str())).collect();
    assert_eq!(learnt, [(20, "Organization"), (64, "Organization")]);
    // Rejecting one: not suggested again; undo brings it back.
    let first = items.iter().find(|s| s.span.start == 20).unwrap().clone();
    state.apply(Action::RejectSuggestions(vec![first.clone()]));
    assert!(!suggest(&state.doc, &state.doc.rejected, None).items.contains(&first));
    let saved = to_json(&state.doc, "2026-11-25T00:00:00Z");
    assert!(saved.contains("\"rejected\""), "rejections are saved with the document");
    assert_eq!(read_file(saved.as_bytes()).unwrap().doc.rejected, state.doc.rejected);
    state.apply(Action::Undo);
    assert!(suggest(&state.doc, &state.doc.rejected, None).items.contains(&first));
}

#[test]
fn accepting_a_quote_links_its_speaker_and_cue_in_one_undoable_step() {
    let mut state = State::default();
    state.apply(Action::StartAnnotating { text: "Maryam Rahimi spoke. “We stay,” Rahimi said.".into(), replaced_surrogates: 0 });
    let items = suggest(&state.doc, &Rejected::new(), None).items;
    let quote = items.iter().find(|s| s.label == "Quote").unwrap().clone();
    state.apply(Action::AcceptSuggestions(vec![quote]));
    let doc = &state.doc;
    let labels: Vec<(&str, &str)> = doc.annotations.iter().map(|a| (a.label.as_str(), doc.text_of(a))).collect();
    assert_eq!(labels, [("Quote", "“We stay,”"), ("Person", "Rahimi"), ("Cue", "said")]);
    let q = doc.annotations.iter().next().unwrap();
    let speaker = doc.annotations.iter().find(|a| a.label == "Person").unwrap();
    assert_eq!(q.speakers, vec![speaker.entity.unwrap()]);
    assert_eq!(q.cue, Some(doc.annotations.iter().find(|a| a.label == "Cue").unwrap().id));
    // Accepting the full name afterwards, then the alias: one entity with two mentions.
    let rest: Vec<Rc<Suggestion>> = suggest(&state.doc, &Rejected::new(), None).items;
    assert!(rest.iter().all(|s| s.label != "Quote"), "an accepted quote is no longer suggested");
    state.apply(Action::AcceptSuggestions(rest));
    assert_eq!(state.doc.entities.len(), 1, "“Rahimi” is an alias of “Maryam Rahimi”: {:?}", state.doc.entities);
    state.apply(Action::Undo);
    state.apply(Action::Undo);
    assert!(state.doc.annotations.is_empty() && state.doc.entities.is_empty());
}

#[test]
fn the_command_line_writes_suggestions_in_the_export_format() {
    let out = marginalia::cli::suggest::one("note", "“We stay,” said Maryam Rahimi in Kabul.", "2026-11-25T00:00:00Z").unwrap();
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let anns = v["annotations"].as_array().unwrap();
    assert!(anns.iter().all(|a| a["status"] == "suggested"));
    let quote = anns.iter().find(|a| a["label"] == "Quote").unwrap();
    let person = anns.iter().find(|a| a["label"] == "Person").unwrap();
    assert_eq!(quote["speakers"][0], person["entity"]);
    assert_eq!(v["document"]["title"], "note");
    // It imports back: the annotations are ordinary ones there.
    assert_eq!(read_file(out.as_bytes()).unwrap().doc.annotations.len(), anns.len());

    let lines = marginalia::cli::suggest::jsonl("{\"id\":\"a\",\"text\":\"Kabul on Monday.\"}\n\n{\"text\":\"“Yes,” Ana Lopes said.\"}\n", "t").unwrap();
    assert_eq!(lines.lines().count(), 2);
    let err = marginalia::cli::suggest::jsonl("{\"text\":\"ok\"}\n{\"txt\":1}\n", "t").unwrap_err();
    assert!(err.contains("line 2") && err.contains("\"text\""), "{err}");
}

#[test]
fn the_evaluation_counts_what_it_should() {
    let gold = concat!(
        r#"{"id":"d1","split":"dev","text":"“We stay,” said Ana Lopes in Kabul.","entities":[{"start":16,"end":25,"label":"PERSON","named":true,"head_start":20,"head_end":25},{"start":29,"end":34,"label":"LOC","named":true},{"start":0,"end":2,"label":"ORG","named":false}],"quotes":[{"text":"“We stay,”","speaker":"Lopes"}]}"#,
        "\n",
        r#"{"id":"d2","split":"test","text":"Nothing here.","entities":[{"start":0,"end":7,"label":"ORG"}]}"#,
        "\n"
    );
    let report = marginalia::cli::eval::evaluate(gold, "dev", None, None).unwrap();
    assert_eq!(report.documents, 1);
    let total = report.total();
    assert_eq!((total.gold, total.suggested, total.right), (2, 2, 2));
    assert_eq!((report.quotes, report.speakers), ((1, 1), (1, 1)));
    let all = marginalia::cli::eval::evaluate(gold, "all", None, None).unwrap();
    assert_eq!((all.documents, all.total().gold, all.total().right), (2, 3, 2));
    assert!(marginalia::cli::eval::evaluate("{\"text\":1}\n", "all", None, None).is_err());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// On any text: suggestions lie inside it, entities never overlap each other, and
    /// every speaker is a suggested or annotated mention.
    #[test]
    fn suggestions_are_sound_on_any_text(text in "(\\PC|[“”\"'’«» .,\n]){0,200}") {
        let doc = Document::new("t", &text);
        let items = suggest(&doc, &Rejected::new(), None).items;
        let mut last_end = 0;
        for s in items.iter().filter(|s| s.label != "Quote") {
            prop_assert!(doc.text.slice(s.span).is_some() && !s.span.is_empty());
            prop_assert!(s.span.start >= last_end, "overlap at {:?}", s.span);
            last_end = s.span.end;
        }
        for s in items.iter().filter(|s| s.label == "Quote") {
            prop_assert!(doc.text.slice(s.span).is_some());
            for sp in &s.speakers {
                prop_assert!(items.iter().any(|m| m.span == sp.span), "speaker {sp:?} is a suggested mention");
            }
        }
    }
}

#[test]
fn deleting_an_accepted_suggestion_rejects_it_until_the_delete_is_undone() {
    let mut state = State::default();
    state.apply(Action::StartAnnotating { text: "Hengaw reported it from Tehran on Monday.".into(), replaced_surrogates: 0 });
    let place = suggest(&state.doc, &state.doc.rejected, None).items.into_iter().find(|s| s.label == "Place").unwrap();
    state.apply(Action::AcceptSuggestions(vec![place.clone()]));
    let id = state.doc.annotations.iter().find(|a| a.span == place.span).unwrap().id;
    state.apply(Action::Select(Some(id)));
    state.apply(Action::DeleteSelected);
    assert!(state.doc.annotations.is_empty());
    assert_eq!(state.notice.as_ref().unwrap().text, "Deleted Place “Tehran”; it will not be suggested there again.");
    assert!(!suggest(&state.doc, &state.doc.rejected, None).items.contains(&place), "a deleted suggestion does not come back");
    state.apply(Action::Undo);
    assert!(state.doc.rejected.is_empty() && state.doc.annotations.len() == 1, "the undo brings back the mark, not the rejection");
}

#[test]
fn an_alias_accepted_before_its_full_name_ends_in_one_entity_whatever_the_order() {
    let text = "The Coalition for River Protection (CRP) met on Monday. CRP members left, and the CPR said so.";
    for order in [["CRP", "CPR", "Coalition for River Protection"], ["CPR", "Coalition for River Protection", "CRP"], ["Coalition for River Protection", "CPR", "CRP"]] {
        let mut state = State::default();
        state.apply(Action::StartAnnotating { text: text.into(), replaced_surrogates: 0 });
        for name in order {
            let start = text[..text.rfind(name).unwrap()].chars().count();
            let s = suggest(&state.doc, &state.doc.rejected, None).items.into_iter().find(|s| s.span.start == start && s.label == "Organization").unwrap_or_else(|| panic!("{name} suggested"));
            state.apply(Action::AcceptSuggestions(vec![s]));
        }
        let orgs: Vec<_> = state.doc.annotations.iter().filter(|a| a.label == "Organization").map(|a| a.entity).collect();
        assert_eq!(orgs.len(), 3, "{order:?}");
        assert!(orgs.iter().all(|e| e.is_some() && *e == orgs[0]), "{order:?}: one entity, got {orgs:?}");
    }
}
