//! The reducer, driven by actions over marked-up fixtures.

use marginalia::core::ids::{AnnotationId, EntityId};
use marginalia::core::annotations::QuoteKind;
use marginalia::core::mentions::aliases;
use marginalia::core::fixture::parse;
use marginalia::core::offsets::Span;
use marginalia::core::reduce::refusal::Refusal;
use marginalia::core::store::Action;
use marginalia::core::state::{Level, Mode, State};

/// A state annotating the plain text of `marked`, with each mark applied in order.
fn annotated(marked: &str) -> (State, Vec<AnnotationId>) {
    let (text, marks) = parse(marked);
    let mut state = State::default();
    state.apply(Action::NewDocument);
    state.apply(Action::StartAnnotating { text, replaced_surrogates: 0 });
    let mut ids = Vec::new();
    for mark in marks {
        state.apply(Action::ApplyLabel { label: mark.label, selection: Some(mark.span) });
        assert_eq!(state.notice.as_ref().unwrap().level, Level::Info, "{:?}", state.notice);
        ids.push(state.selected.unwrap());
    }
    (state, ids)
}

/// Why the last action was refused, if it was.
fn refusal(state: &State) -> Option<Refusal> {
    state.notice.as_ref().and_then(|n| n.refusal.clone())
}

fn labels_and_texts(state: &State) -> Vec<(String, String)> {
    state.doc.annotations.iter().map(|a| (a.label.clone(), state.doc.text_of(a).to_owned())).collect()
}

#[test]
fn first_visit_shows_the_sample_ready_to_annotate() {
    let state = State::default();
    assert_eq!(state.mode, Mode::Annotating);
    assert!(state.doc.text.as_str().contains("مریم رحیمی"));
    assert!(state.doc.annotations.is_empty());
}

#[test]
fn the_sample_article_has_what_real_pasted_articles_have() {
    let text = State::default().doc.text.as_str().to_owned();
    let words = text.split_whitespace().count();
    assert!((380..=450).contains(&words), "about 400 words, got {words}");
    for (what, needle) in [
        ("curly quotes", "“"),
        ("straight quotes", "\"This marsh"),
        ("a two-word partial quote", "as “economic renewal” and"),
        ("a quote attributed after it", ",\" said Maryam Rahimi"),
        ("a quote attributed before it", "Lindqvist said: “"),
        ("a quote spoken by two people", "said Aksel and Hedda Brun"),
        ("an organisation with its acronym", "Coalition for River Protection (CRP)"),
        ("the acronym with a typo", "A CPR volunteer"),
        ("a name in Persian script", "مریم رحیمی"),
        ("a right-to-left paragraph with guillemets and zero-width non-joiners", "نوشت: «این تالاب آب آشامیدنی بچه\u{200c}های"),
        ("an emoji", "🌱"),
        ("dates like January 9 and 10", "January 9 and 10"),
        ("page boilerplate at the end", "No comments yet."),
    ] {
        assert!(text.contains(needle), "the sample lacks {what}: {needle:?}");
    }
    assert!(text.trim_end().ends_with("share your thoughts."));
}

#[test]
fn add_snaps_and_selects_the_new_annotation() {
    let (mut state, _) = annotated("said Maryam Rahimi 👩🏽‍⚕️ on Monday");
    // " Maryam Rahimi 👩" with half of the emoji: spaces dropped, emoji completed.
    state.apply(Action::ApplyLabel { label: "Person".into(), selection: Some(Span::new(4, 21)) });
    assert_eq!(labels_and_texts(&state), [("Person".into(), "Maryam Rahimi 👩🏽‍⚕️".into())]);
    assert_eq!(state.selected_annotation().unwrap().span, Span::new(5, 24));
}

#[test]
fn exact_duplicates_are_refused_but_overlaps_and_nesting_allowed() {
    let (mut state, ids) = annotated("[Quote|“I, [Person|Ana Lima], agree”] she said");
    assert_eq!(ids.len(), 2);
    let before = state.doc.annotations.clone();
    let span = state.doc.annotations.get(ids[1]).unwrap().span;
    state.apply(Action::ApplyLabel { label: "Person".into(), selection: Some(span) });
    assert_eq!(refusal(&state), Some(Refusal::AlreadyMarked { text: "Ana Lima".into(), label: "Person".into() }));
    assert_eq!(state.doc.annotations, before);
    // The same span with another label is fine.
    state.apply(Action::ApplyLabel { label: "Organization".into(), selection: Some(span) });
    assert_eq!(state.doc.annotations.len(), 3);
}

#[test]
fn whitespace_selection_and_no_selection_are_explained() {
    let (mut state, _) = annotated("a   b");
    state.apply(Action::ApplyLabel { label: "Place".into(), selection: Some(Span::new(1, 4)) });
    assert_eq!(refusal(&state), Some(Refusal::OnlySpaces));
    state.apply(Action::ApplyLabel { label: "Place".into(), selection: None });
    assert_eq!(refusal(&state), Some(Refusal::NothingSelected { label: "Place".into() }));
    assert!(state.doc.annotations.is_empty());
}

#[test]
fn relabel_changes_the_selected_annotation() {
    let (mut state, ids) = annotated("the [Person|CRP] said");
    state.apply(Action::Select(Some(ids[0])));
    state.apply(Action::ApplyLabel { label: "Organization".into(), selection: None });
    assert_eq!(labels_and_texts(&state), [("Organization".into(), "CRP".into())]);
    assert_eq!(state.doc.annotations.get(ids[0]).unwrap().id, ids[0], "relabel keeps the id");
}

/// The entity of mention `id`.
fn entity_of(state: &State, id: AnnotationId) -> EntityId {
    state.doc.annotations.get(id).unwrap().entity.expect("a mention has an entity")
}

fn speakers_of(state: &State, quote: AnnotationId) -> Vec<String> {
    state.doc.annotations.get(quote).unwrap().speakers.iter().map(|s| state.doc.entity_name(*s).to_owned()).collect()
}

#[test]
fn delete_removes_the_selected_and_unlinks_its_quotes() {
    let (mut state, ids) = annotated("[Quote|“Go”], said [Person|Ana].");
    state.apply(Action::AddSpeakerFromMention { quote: ids[0], mention: ids[1] });
    state.apply(Action::Select(Some(ids[1])));
    state.apply(Action::DeleteSelected);
    assert_eq!(labels_and_texts(&state), [("Quote".into(), "“Go”".into())]);
    assert!(state.doc.annotations.get(ids[0]).unwrap().speakers.is_empty());
    assert!(state.doc.entities.is_empty(), "an entity goes with its last mention");
    assert_eq!(state.selected, None);
    state.apply(Action::DeleteSelected);
    assert_eq!(refusal(&state), Some(Refusal::NothingToDelete));
}

#[test]
fn mentions_with_the_same_label_and_text_are_one_entity() {
    let (state, ids) = annotated("[Person|Ana] met [Person|Bo]; [Person|Ana] left, and [Organization|Ana] (a ship) too.");
    assert_eq!(entity_of(&state, ids[0]), entity_of(&state, ids[2]));
    assert_ne!(entity_of(&state, ids[0]), entity_of(&state, ids[1]));
    assert_ne!(entity_of(&state, ids[0]), entity_of(&state, ids[3]), "another label, another entity");
    assert_eq!(state.doc.entities.len(), 3);
}

#[test]
fn speakers_are_entities_whichever_mention_was_clicked() {
    let (mut state, ids) = annotated("[Quote|“Yes”], said [Person|Ana] in [Place|Oslo] for [Organization|CRP]. [Person|Ana] [Quote|“again”]");
    let (quote, ana, oslo, crp, ana_again, quote2) = (ids[0], ids[1], ids[2], ids[3], ids[4], ids[5]);
    state.apply(Action::AddSpeakerFromMention { quote, mention: ana_again });
    assert_eq!(speakers_of(&state, quote), ["Ana"]);
    state.apply(Action::AddSpeakerFromMention { quote: quote2, mention: ana });
    assert_eq!(state.doc.annotations.get(quote2).unwrap().speakers, state.doc.annotations.get(quote).unwrap().speakers);
    state.apply(Action::AddSpeakerFromMention { quote, mention: oslo });
    assert_eq!(refusal(&state), Some(Refusal::MentionCannotSpeak { text: "Oslo".into(), label: "Place".into() }), "a place does not speak");
    state.apply(Action::AddSpeakerFromMention { quote, mention: crp });
    assert_eq!(speakers_of(&state, quote), ["Ana", "CRP"], "two speakers together");
    state.apply(Action::AddSpeakerFromMention { quote: ana, mention: crp });
    assert_eq!(refusal(&state), Some(Refusal::NotAQuote { label: "Person".into() }));
    state.apply(Action::SetSpeakers { quote, speakers: vec![] });
    assert!(speakers_of(&state, quote).is_empty());
    state.apply(Action::Undo);
    assert_eq!(speakers_of(&state, quote), ["Ana", "CRP"]);
}

#[test]
fn s_then_a_click_on_a_mention_adds_its_entity_as_a_speaker() {
    let (mut state, ids) = annotated("[Quote|“Yes”], said [Person|Ana] in [Place|Oslo].");
    state.apply(Action::Select(Some(ids[1])));
    state.apply(Action::PickSpeaker);
    assert_eq!(refusal(&state), Some(Refusal::PickQuoteFirst), "a person is not a quote");
    state.apply(Action::Select(Some(ids[0])));
    state.apply(Action::PickSpeaker);
    assert_eq!(state.picking, Some(ids[0]));
    state.apply(Action::Select(Some(ids[1])));
    assert_eq!(speakers_of(&state, ids[0]), ["Ana"]);
    assert_eq!((state.selected, state.picking), (Some(ids[0]), None), "the quote stays selected");
    state.apply(Action::PickSpeaker);
    state.apply(Action::Select(Some(ids[2])));
    assert_eq!(refusal(&state), Some(Refusal::MentionCannotSpeak { text: "Oslo".into(), label: "Place".into() }));
    state.apply(Action::PickSpeaker);
    state.apply(Action::Select(None));
    assert_eq!(state.picking, None, "Esc cancels");
    state.apply(Action::Undo);
    assert!(speakers_of(&state, ids[0]).is_empty());
}

#[test]
fn relabelling_a_speaker_passes_its_quotes_on_or_unlinks_them() {
    let (mut state, ids) = annotated("[Quote|“Yes”], said [Person|Paris].");
    state.apply(Action::AddSpeakerFromMention { quote: ids[0], mention: ids[1] });
    state.apply(Action::Select(Some(ids[1])));
    state.apply(Action::ApplyLabel { label: "Organization".into(), selection: None });
    assert_eq!(speakers_of(&state, ids[0]), ["Paris"], "an organisation can speak: the quote follows");
    assert_eq!(state.doc.entities.iter().next().unwrap().label, "Organization");
    state.apply(Action::ApplyLabel { label: "Place".into(), selection: None });
    assert!(speakers_of(&state, ids[0]).is_empty(), "a place cannot");
    state.apply(Action::Undo);
    state.apply(Action::Undo);
    assert_eq!(speakers_of(&state, ids[0]), ["Paris"]);
    assert_eq!(state.doc.entities.iter().next().unwrap().label, "Person");
}

#[test]
fn merge_moves_mentions_and_quotes_and_undoes_exactly() {
    let (mut state, ids) = annotated("[Quote|“Go”] said the [Organization|Coalition for River Protection] ([Organization|CRP]). A [Organization|CPR] volunteer [Quote|“smiled”]. CPR again.");
    let (full, crp, cpr) = (entity_of(&state, ids[1]), entity_of(&state, ids[2]), entity_of(&state, ids[3]));
    state.apply(Action::AddSpeakerFromMention { quote: ids[4], mention: ids[3] });
    let before = state.doc.clone();
    state.apply(Action::MergeEntities { into: full, from: crp });
    state.apply(Action::MergeEntities { into: full, from: cpr });
    assert_eq!(state.doc.entities.len(), 1);
    assert_eq!(entity_of(&state, ids[3]), full);
    assert_eq!(speakers_of(&state, ids[4]), ["Coalition for River Protection"], "the typo's quote moved with it");
    let entity = state.doc.entities.get(full).unwrap().clone();
    assert_eq!(aliases(&state.doc, &entity), ["CRP", "CPR"]);
    // A new mention of the typo joins the merged entity.
    let text = state.doc.text.as_str();
    let at = text[..text.rfind("CPR").unwrap()].chars().count();
    state.apply(Action::ApplyLabel { label: "Organization".into(), selection: Some(Span::new(at, at + 3)) });
    assert_eq!(state.doc.text_of(state.selected_annotation().unwrap()), "CPR");
    assert_eq!(state.selected_annotation().unwrap().entity, Some(full));
    state.apply(Action::MergeEntities { into: full, from: full });
    assert_eq!(refusal(&state), Some(Refusal::MergeIntoItself));
    for _ in 0..3 {
        state.apply(Action::Undo);
    }
    assert_eq!(state.doc.annotations, before.annotations);
    assert_eq!(state.doc.entities, before.entities);
}

#[test]
fn split_and_rename_and_undo() {
    let (mut state, ids) = annotated("[Person|Rahimi] and [Person|Rahimi] again");
    let shared = entity_of(&state, ids[0]);
    state.apply(Action::SplitMention(ids[1]));
    let own = entity_of(&state, ids[1]);
    assert_ne!(own, shared);
    state.apply(Action::SplitMention(ids[1]));
    assert_eq!(refusal(&state), Some(Refusal::OnlyMention));
    state.apply(Action::RenameEntity { entity: shared, name: "  Maryam Rahimi ".into() });
    assert_eq!(state.doc.entity_name(shared), "Maryam Rahimi");
    state.apply(Action::RenameEntity { entity: shared, name: " ".into() });
    assert_eq!(state.notice.as_ref().unwrap().level, Level::Error);
    state.apply(Action::Undo);
    state.apply(Action::Undo);
    assert_eq!(entity_of(&state, ids[1]), shared);
    assert_eq!(state.doc.entity_name(shared), "Rahimi");
    assert!(state.doc.entities.get(own).is_none());
}

#[test]
fn cue_kind_join_and_note_of_a_quote() {
    let (mut state, ids) = annotated("[Quote|“We stay,”] [Cue|said] [Person|Ana]. [Quote|“And we fight.”]\n\n[Quote|“Always.”]");
    let (q1, cue, ana, q2, q3) = (ids[0], ids[1], ids[2], ids[3], ids[4]);
    assert_eq!(state.doc.annotations.get(q1).unwrap().quote_kind, Some(QuoteKind::Partial), "a first guess");
    state.apply(Action::SetCue { quote: q1, cue: Some(cue) });
    state.apply(Action::SetCue { quote: q1, cue: Some(ana) });
    assert_eq!(refusal(&state), Some(Refusal::NotACue { label: "Person".into() }), "a person is not a cue");
    state.apply(Action::SetQuoteKind { quote: q1, kind: QuoteKind::Direct });
    state.apply(Action::AddSpeakerFromMention { quote: q1, mention: ana });
    state.apply(Action::JoinQuote { quote: q2, previous: Some(q1) });
    state.apply(Action::JoinQuote { quote: q3, previous: Some(q2) });
    assert_eq!(speakers_of(&state, q3), ["Ana"], "a continuing part takes the speakers");
    assert_eq!(state.doc.quote_parts(q1).len(), 3);
    state.apply(Action::JoinQuote { quote: q1, previous: Some(q3) });
    assert_eq!(refusal(&state), Some(Refusal::JoinBackwards));
    // Speakers set on any part apply to every part.
    state.apply(Action::SetSpeakers { quote: q3, speakers: vec![] });
    assert!(speakers_of(&state, q1).is_empty() && speakers_of(&state, q2).is_empty());
    state.apply(Action::Undo);
    assert_eq!(speakers_of(&state, q1), ["Ana"]);
    // Deleting the middle part keeps the chain; deleting the cue unlinks it.
    state.apply(Action::Select(Some(q2)));
    state.apply(Action::DeleteSelected);
    assert_eq!(state.doc.annotations.get(q3).unwrap().continues, Some(q1));
    state.apply(Action::Select(Some(cue)));
    state.apply(Action::DeleteSelected);
    assert_eq!(state.doc.annotations.get(q1).unwrap().cue, None);
    state.apply(Action::SetNote { id: ana, note: "Spokesperson, <b>not</b> verified".into() });
    assert_eq!(state.doc.annotations.get(ana).unwrap().note, "Spokesperson, <b>not</b> verified");
    state.apply(Action::Undo);
    assert!(state.doc.annotations.get(ana).unwrap().note.is_empty());
}

#[test]
fn editing_an_annotated_text_is_a_revision_and_cancelling_it_changes_nothing() {
    let (mut state, _) = annotated("[Person|Ana] spoke");
    let before = state.doc.clone();
    state.apply(Action::EditText);
    assert_eq!(state.mode, Mode::Revising);
    assert_eq!(&*state.draft, "Ana spoke");
    state.apply(Action::SetDraft("Ana Lima spoke".into()));
    state.apply(Action::CancelRevision);
    assert_eq!(state.mode, Mode::Annotating);
    assert_eq!(state.doc, before);
    let (mut empty, _) = annotated("nothing marked");
    empty.apply(Action::EditText);
    assert_eq!(empty.mode, Mode::Editing);
    assert_eq!(&*empty.draft, "nothing marked");
}

#[test]
fn start_annotating_normalises_and_refuses_bad_input() {
    let mut state = State::default();
    state.apply(Action::NewDocument);
    state.apply(Action::StartAnnotating { text: " \n\t".into(), replaced_surrogates: 0 });
    assert_eq!(state.mode, Mode::Editing);
    state.apply(Action::StartAnnotating { text: "x".repeat(5_000_001), replaced_surrogates: 0 });
    assert_eq!(state.mode, Mode::Editing);
    assert_eq!(refusal(&state), Some(Refusal::TooLong { chars: 5_000_001 }));
    state.apply(Action::StartAnnotating { text: "\u{feff}Title\r\nBody \u{fffd}".into(), replaced_surrogates: 1 });
    assert_eq!(state.mode, Mode::Annotating);
    assert_eq!(state.doc.text.as_str(), "Title\nBody \u{fffd}");
    assert_eq!(state.doc.title, "Title");
    assert!(state.notice.as_ref().unwrap().text.contains("replaced"));
}

#[test]
fn ids_are_never_reused() {
    let (mut state, ids) = annotated("[Person|Ana] and [Person|Bo]");
    state.apply(Action::Select(Some(ids[1])));
    state.apply(Action::DeleteSelected);
    state.apply(Action::ApplyLabel { label: "Person".into(), selection: Some(Span::new(8, 10)) });
    assert!(state.selected.unwrap() > ids[1]);
}

#[test]
fn undo_all_then_redo_all_and_history_is_per_document() {
    let (mut state, ids) = annotated("[Quote|“Go”], said [Person|Ana] of [Organization|CRP].");
    state.apply(Action::AddSpeakerFromMention { quote: ids[0], mention: ids[1] });
    state.apply(Action::Select(Some(ids[1])));
    state.apply(Action::DeleteSelected);
    let done = state.doc.annotations.clone();
    for _ in 0..5 {
        state.apply(Action::Undo);
    }
    assert!(state.doc.annotations.is_empty());
    state.apply(Action::Undo);
    assert_eq!(state.notice.as_ref().unwrap().text, "Nothing to undo.");
    for _ in 0..5 {
        state.apply(Action::Redo);
    }
    assert_eq!(state.doc.annotations, done);
    assert_eq!(state.notice.as_ref().unwrap().text, "Redone: Deleted Person “Ana”; it will not be suggested there again.");
    // Undoing the delete restores the person and the quote's speaker link.
    state.apply(Action::Undo);
    assert_eq!(speakers_of(&state, ids[0]), ["Ana"]);
    assert_eq!(state.selected, Some(ids[1]));
    // A new action clears what could be redone; a new document starts a new history.
    state.apply(Action::ApplyLabel { label: "Place".into(), selection: None });
    state.apply(Action::Redo);
    assert_eq!(state.notice.as_ref().unwrap().text, "Nothing to redo.");
    assert!(state.history.can_undo());
    state.apply(Action::LoadSample);
    assert!(!state.history.can_undo() && !state.history.can_redo());
}

#[test]
fn label_all_matches_marks_each_once_as_one_entity_and_undoes_in_one_step() {
    use marginalia::core::find::find_all;
    let (mut state, ids) = annotated("[Organization|CRP] said the crp, and CRPs; CRP.");
    let spans = find_all(&state.doc.text, "CRP", true);
    assert_eq!(spans.len(), 3);
    state.apply(Action::LabelAll { label: "Organization".into(), spans: spans.clone() });
    assert_eq!(state.notice.as_ref().unwrap().text, "Marked 2 match(es) as Organization. 1 already were.");
    let entity = entity_of(&state, ids[0]);
    assert!(state.doc.annotations.iter().all(|a| a.entity == Some(entity) || state.doc.text_of(a) != "CRP"));
    assert_eq!(state.doc.entities.len(), 2, "“crp” in lower case is another text, so another entity");
    state.apply(Action::LabelAll { label: "Organization".into(), spans });
    assert_eq!(refusal(&state), Some(Refusal::NothingNewToMark { label: "Organization".into(), skipped: 3 }));
    state.apply(Action::Undo);
    assert_eq!(state.doc.annotations.len(), 1);
    assert_eq!(state.doc.entities.len(), 1);
}

#[test]
fn tab_order_between_annotations() {
    let (mut state, ids) = annotated("[Person|Ana] met [Person|Bo] in [Place|Oslo]");
    state.apply(Action::Select(None));
    assert_eq!(state.neighbour(true), Some(ids[0]));
    assert_eq!(state.neighbour(false), Some(ids[2]));
    state.apply(Action::Select(Some(ids[1])));
    assert_eq!((state.neighbour(true), state.neighbour(false)), (Some(ids[2]), Some(ids[0])));
    state.apply(Action::Select(Some(ids[2])));
    assert_eq!(state.neighbour(true), None, "Tab then leaves the article");
}
