//! Revisions of an annotated text (`core::realign`, `reduce::revise`) over marked-up
//! fixtures: what is kept, changed (flagged for review) or orphaned, how entities,
//! speakers, cues and joins follow, the review and the orphans afterwards, undo, and the
//! version 3 export that carries it all.

use crate::common::state_from;
use marginalia::core::export::to_json;
use marginalia::core::fixture::render;
use marginalia::core::ids::AnnotationId;
use marginalia::core::import::read_file;
use marginalia::core::offsets::Span;
use marginalia::core::reduce::refusal::{Refusal, Thing};
use marginalia::core::state::{Level, Mode, State};
use marginalia::core::store::Action;

const AT: &str = "2026-12-01T10:00:00.000Z";

/// `marked` annotated, then revised to `text`; the revision must be applied.
fn revised(marked: &str, text: &str) -> State {
    let mut state = state_from(marked);
    revise(&mut state, text);
    state
}

fn revise(state: &mut State, text: &str) {
    state.apply(Action::EditText);
    assert_eq!(state.mode, Mode::Revising);
    state.apply(Action::ReviseText { text: text.into(), at: AT.into() });
    let notice = state.notice.clone().unwrap();
    assert_eq!(notice.level, Level::Info, "{}", notice.text);
    assert_eq!(state.mode, Mode::Annotating);
}

fn id_of(state: &State, text: &str) -> AnnotationId {
    state.doc.annotations.iter().find(|a| state.doc.text_of(a) == text).unwrap_or_else(|| panic!("no annotation on {text:?}")).id
}

fn orphans(state: &State) -> Vec<(&str, &str)> {
    state.doc.orphans.iter().map(|o| (o.label.as_str(), o.text.as_str())).collect()
}

#[test]
fn a_typo_corrected_inside_a_name_keeps_it_flagged_for_review() {
    let state = revised("Members of the [Organization|CPR] met [Person|مریم رحیمی] 😀.", "Members of the CRP met مریم رحیمی 😀.");
    assert_eq!(render(&state.doc), "Members of the [Organization!|CRP] met [Person|مریم رحیمی] 😀.");
    assert!(state.notice.unwrap().text.contains("1 annotation(s) kept, 1 changed and flagged for review"));
}

#[test]
fn a_word_added_inside_a_quote_keeps_its_speaker() {
    let mut state = state_from("[Quote|“We will stay,”] said [Person|Ana].");
    let (quote, ana) = (id_of(&state, "“We will stay,”"), id_of(&state, "Ana"));
    state.apply(Action::AddSpeakerFromMention { quote, mention: ana });
    revise(&mut state, "“We will always stay,” said Ana.");
    assert_eq!(render(&state.doc), "[Quote!|“We will always stay,”] said [Person|Ana].");
    let entity = state.doc.annotations.get(ana).unwrap().entity.unwrap();
    assert_eq!(state.doc.annotations.get(quote).unwrap().speakers, vec![entity]);
}

#[test]
fn a_paragraph_inserted_before_everything_moves_every_annotation_unchanged() {
    // The revision arrives with CRLF line ends, normalised like a paste.
    let marked = "[Person|Ana] 👩🏽‍⚕️ met e\u{301} the [Organization|CRP].\n\n[Place|Halden] listened.";
    let state = revised(marked, "A new lead, with an emoji 🌱.\r\n\r\nAna 👩🏽‍⚕️ met e\u{301} the CRP.\r\n\r\nHalden listened.");
    assert_eq!(render(&state.doc), "A new lead, with an emoji 🌱.\n\n[Person|Ana] 👩🏽‍⚕️ met e\u{301} the [Organization|CRP].\n\n[Place|Halden] listened.");
    assert!(state.doc.orphans.is_empty());
}

#[test]
fn boilerplate_deleted_at_the_end_orphans_what_was_marked_in_it() {
    let state = revised("[Person|Ana] spoke.\n\nNo comments yet. [Person|Bo] liked this.", "Ana spoke.");
    assert_eq!(render(&state.doc), "[Person|Ana] spoke.");
    assert_eq!(orphans(&state), vec![("Person", "Bo")]);
    let bo = &state.doc.orphans[0];
    assert_eq!((bo.revision, bo.entity.as_deref()), (1, Some("Bo")));
    assert_eq!(state.doc.entities.len(), 1, "Bo's entity went with its only mention");
}

#[test]
fn a_deleted_speaker_mention_leaves_its_entity_while_another_mention_remains() {
    let mut state = state_from("[Quote|“Yes,”] said [Person|Ana]. Later, [Person|Ana] left.");
    let quote = id_of(&state, "“Yes,”");
    let ana = state.doc.annotations.iter().find(|a| a.label == "Person").unwrap().id;
    state.apply(Action::AddSpeakerFromMention { quote, mention: ana });
    let entity = state.doc.annotations.get(ana).unwrap().entity.unwrap();
    revise(&mut state, "“Yes,” said Ana.");
    assert_eq!(orphans(&state), vec![("Person", "Ana")]);
    assert_eq!(state.doc.annotations.get(quote).unwrap().speakers, vec![entity], "the entity has a mention left");
}

#[test]
fn a_speaker_whose_only_mention_is_deleted_is_reported_and_comes_back_when_reattached() {
    let mut state = state_from("[Quote|“Yes,”] said [Person|Ana Lima].");
    let (quote, ana) = (id_of(&state, "“Yes,”"), id_of(&state, "Ana Lima"));
    state.apply(Action::AddSpeakerFromMention { quote, mention: ana });
    revise(&mut state, "“Yes,” she said.");
    assert!(state.doc.annotations.get(quote).unwrap().speakers.is_empty());
    assert!(state.doc.entities.is_empty());
    let orphan = state.doc.orphans[0].clone();
    assert_eq!((orphan.id, orphan.entity.as_deref(), orphan.spoke.clone()), (ana, Some("Ana Lima"), vec![quote]));
    // Re-attached to "she": the entity comes back under its name, and speaks again.
    let she = Span::new(7, 10);
    state.apply(Action::ReattachOrphan { id: ana, selection: Some(she) });
    assert_eq!(state.notice.clone().unwrap().level, Level::Info, "{}", state.notice.unwrap().text);
    let back = state.doc.annotations.get(ana).unwrap();
    assert_eq!((back.span, state.doc.entity_name(back.entity.unwrap())), (she, "Ana Lima"));
    assert_eq!(state.doc.annotations.get(quote).unwrap().speakers, vec![back.entity.unwrap()]);
    assert!(state.doc.orphans.is_empty());
}

#[test]
fn the_same_sentence_twice_is_never_moved_silently() {
    // The first of two identical sentences is marked and the second deleted: the mark
    // stays where it was, with the same text.
    let state = revised("[Person|Ana] said yes. Ana said yes.", "Ana said yes.");
    assert_eq!(render(&state.doc), "[Person|Ana] said yes.");
    // The second is marked and one sentence deleted: the two are the same text, and the
    // deletion is read as the later one's, so the mark is orphaned and reported, never
    // moved onto the other "Ana".
    let state = revised("Ana said yes. [Person|Ana] said yes.", "Ana said yes.");
    assert_eq!(render(&state.doc), "Ana said yes.");
    assert_eq!(orphans(&state), vec![("Person", "Ana")]);
}

#[test]
fn an_orphaned_cue_and_part_are_unlinked_and_a_join_skips_over_the_part() {
    let mut state = state_from("[Quote|“One,”] [Cue|said] Ana. [Quote|“Two,”] she went on. [Quote|“Three.”]");
    let (one, said, two, three) = (id_of(&state, "“One,”"), id_of(&state, "said"), id_of(&state, "“Two,”"), id_of(&state, "“Three.”"));
    state.apply(Action::SetCue { quote: one, cue: Some(said) });
    state.apply(Action::JoinQuote { quote: two, previous: Some(one) });
    state.apply(Action::JoinQuote { quote: three, previous: Some(two) });
    revise(&mut state, "“One,” Ana told us. “Three.”");
    assert_eq!(orphans(&state), vec![("Cue", "said"), ("Quote", "“Two,”")]);
    assert_eq!(state.doc.annotations.get(one).unwrap().cue, None);
    assert_eq!(state.doc.annotations.get(three).unwrap().continues, Some(one));
}

#[test]
fn rejected_suggestions_on_deleted_text_are_forgotten_and_the_rest_move() {
    let mut state = state_from("[Person|Ana] met Bo in Oslo.");
    let oslo = Span::new(14, 18);
    let bo = Span::new(8, 10);
    state.apply(Action::RejectSuggestions(vec![suggestion(oslo, "Place"), suggestion(bo, "Person")]));
    revise(&mut state, "Ana met in Oslo.");
    let rejected: Vec<_> = state.doc.rejected.iter().cloned().collect();
    assert_eq!(rejected, vec![(Span::new(11, 15), "Place".to_owned())]);
}

fn suggestion(span: Span, label: &str) -> std::rc::Rc<marginalia::core::detect::suggest::Suggestion> {
    std::rc::Rc::new(marginalia::core::detect::suggest::Suggestion { span, label: label.into(), speakers: Vec::new(), cue: None, alias_of: None, why: "test".into() })
}

#[test]
fn two_annotations_carried_onto_one_span_keep_the_first() {
    let state = revised("[Person|Ana Lima] and [Person|Ana] spoke.", "Ana spoke.");
    assert_eq!(render(&state.doc).matches("[Person").count(), 1);
    assert_eq!(state.doc.orphans.len(), 1);
}

#[test]
fn review_is_confirmed_and_orphans_deleted_each_as_a_step() {
    let mut state = revised("The [Organization|CPR] met. [Person|Bo] left.", "The CRP met.");
    let crp = id_of(&state, "CRP");
    state.apply(Action::ConfirmReview(vec![crp]));
    assert_eq!(state.doc.annotations.get(crp).unwrap().changed_from, None);
    state.apply(Action::ConfirmReview(vec![crp]));
    assert_eq!(state.notice.as_ref().unwrap().refusal, Some(Refusal::NothingToConfirm));
    let bo = state.doc.orphans[0].id;
    state.apply(Action::DiscardOrphan(bo));
    assert!(state.doc.orphans.is_empty());
    state.apply(Action::DiscardOrphan(bo));
    assert_eq!(state.notice.as_ref().unwrap().refusal, Some(Refusal::Gone(Thing::Orphan)));
    state.apply(Action::Undo);
    assert_eq!(orphans(&state), vec![("Person", "Bo")]);
    state.apply(Action::Undo);
    assert_eq!(state.doc.annotations.get(crp).unwrap().changed_from.as_deref(), Some("CPR"));
}

#[test]
fn reattaching_needs_a_selection_and_a_free_span() {
    let mut state = revised("[Person|Ana] and [Person|Bo] met.", "Ana met Bob.");
    let bo = state.doc.orphans[0].id;
    state.apply(Action::ReattachOrphan { id: bo, selection: None });
    assert_eq!(state.notice.as_ref().unwrap().refusal, Some(Refusal::SelectToReattach));
    state.apply(Action::ReattachOrphan { id: bo, selection: Some(Span::new(0, 3)) });
    assert!(matches!(state.notice.as_ref().unwrap().refusal, Some(Refusal::AlreadyMarked { .. })));
    state.apply(Action::ReattachOrphan { id: bo, selection: Some(Span::new(8, 11)) });
    assert_eq!(render(&state.doc), "[Person|Ana] met [Person|Bob].");
    assert_eq!(state.doc.entity_name(state.doc.annotations.get(bo).unwrap().entity.unwrap()), "Bo", "it rejoins its entity's name");
}

#[test]
fn a_revision_is_one_undoable_step_and_redo_applies_it_again() {
    let mut state = state_from("[Person|Ana] spoke.\n\nNo comments yet. [Person|Bo] liked this.");
    let before = state.doc.clone();
    revise(&mut state, "Today Ana spoke.");
    let after = state.doc.clone();
    state.apply(Action::Undo);
    assert_eq!(state.doc, before);
    state.apply(Action::Redo);
    assert_eq!(state.doc, after);
}

#[test]
fn the_same_text_changes_nothing_and_an_empty_one_is_refused() {
    let mut state = state_from("[Person|Ana] spoke.");
    let before = state.doc.clone();
    state.apply(Action::ReviseText { text: "Ana spoke.".into(), at: AT.into() });
    assert_eq!(state.doc, before);
    state.apply(Action::ReviseText { text: " \n".into(), at: AT.into() });
    assert_eq!(state.notice.as_ref().unwrap().refusal, Some(Refusal::EmptyText));
    assert_eq!(state.doc, before);
}

#[test]
fn review_flags_orphans_and_revisions_export_and_import_to_the_same_bytes() {
    let mut state = state_from("[Quote|“Yes,”] said [Person|Ana Lima] of the [Organization|CPR]. [Person|Bo] nodded.");
    let (quote, ana) = (id_of(&state, "“Yes,”"), id_of(&state, "Ana Lima"));
    state.apply(Action::AddSpeakerFromMention { quote, mention: ana });
    state.apply(Action::SetNote { id: ana, note: "the spokesperson".into() });
    revise(&mut state, "“Yes,” she said for the CRP.");
    let json = to_json(&state.doc, AT);
    assert!(json.contains("\"version\": 4") && json.contains("\"changed_from\": \"CPR\"") && json.contains("\"orphans\"") && json.contains("\"revisions\""));
    let back = read_file(json.as_bytes()).expect("a version 3 file imports").doc;
    assert_eq!(to_json(&back, AT), json);
    assert_eq!(back.orphans, state.doc.orphans);
    assert_eq!(back.revisions, state.doc.revisions);
    // A revision record that does not end at this text is refused.
    let other = json.replacen(&state.doc.text.sha256_hex().to_string(), &"0".repeat(64), 2);
    assert!(read_file(other.as_bytes()).is_err());
}

mod properties {
    use super::AT;
    use crate::common::check_links;
    use marginalia::core::export::to_json;
    use marginalia::core::import::read_file;
    use marginalia::core::offsets::Span;
    use marginalia::core::realign::{Fate, Realignment};
    use marginalia::core::state::State;
    use marginalia::core::store::Action;
    use marginalia::core::text::Text;
    use proptest::prelude::*;

    const PIECES: [&str; 18] = ["Ana", "Lima", " ", " ", "\n", "\r\n", "\n\n", "“", "”", "مریم", "رحیمی", "😀", "👩🏽‍⚕️", "e\u{301}", "CRP", "said", ",", "."];
    const LABELS: [&str; 5] = ["Person", "Organization", "Quote", "Cue", "Place"];

    fn text_of(pieces: &[usize]) -> String {
        pieces.iter().map(|&p| PIECES[p % PIECES.len()]).collect()
    }

    /// `text` with each edit (position, what, how many, piece) applied in turn.
    fn edited(text: &str, edits: &[(usize, u8, usize, usize)]) -> String {
        let mut chars: Vec<char> = text.chars().collect();
        for &(at, what, n, piece) in edits {
            let at = if chars.is_empty() { 0 } else { at % (chars.len() + 1) };
            match what % 3 {
                0 => chars.splice(at..at, PIECES[piece % PIECES.len()].chars()).for_each(drop),
                1 => chars.drain(at..(at + 1 + n % 12).min(chars.len())).for_each(drop),
                _ => chars.splice(at..(at + 1 + n % 4).min(chars.len()), PIECES[piece % PIECES.len()].chars()).for_each(drop),
            }
        }
        chars.into_iter().collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

        #[test]
        fn a_revision_keeps_changes_or_orphans_each_annotation_as_its_text_says(
            pieces in prop::collection::vec(0usize..100, 4..50),
            marks in prop::collection::vec((0usize..1000, 0usize..30, 0usize..5), 0..14),
            links in prop::collection::vec((0usize..50, 0usize..50, 0u8..3), 0..8),
            edits in prop::collection::vec((0usize..1000, 0u8..3, 0usize..20, 0usize..100), 1..8),
        ) {
            let mut state = State::default();
            state.apply(Action::NewDocument);
            state.apply(Action::StartAnnotating { text: format!("Start {} end", text_of(&pieces)), replaced_surrogates: 0 });
            let len = state.doc.text.len();
            for &(start, width, label) in &marks {
                let start = start % len;
                state.apply(Action::ApplyLabel { label: LABELS[label].into(), selection: Some(Span::new(start, (start + 1 + width).min(len))) });
            }
            let ids: Vec<_> = state.doc.annotations.iter().map(|a| a.id).collect();
            for &(a, b, kind) in links.iter().filter(|_| !ids.is_empty()) {
                let (a, b) = (ids[a % ids.len()], ids[b % ids.len()]);
                state.apply(match kind {
                    0 => Action::AddSpeakerFromMention { quote: a, mention: b },
                    1 => Action::SetCue { quote: a, cue: Some(b) },
                    _ => Action::JoinQuote { quote: a, previous: Some(b) },
                });
            }
            let new_raw = edited(state.doc.text.as_str(), &edits);
            let new_text = Text::new(&new_raw);
            prop_assume!(!new_text.as_str().trim().is_empty() && new_text.sha256_hex() != state.doc.text.sha256_hex());
            let before = state.clone();
            state.apply(Action::ReviseText { text: new_raw.clone(), at: AT.into() });
            prop_assert_eq!(state.doc.text.as_str(), new_text.as_str());

            // The hunks rebuild the new text from the old one.
            let r = Realignment::between(&before.doc.text, &new_text);
            let old: Vec<char> = before.doc.text.as_str().chars().collect();
            let new: Vec<char> = new_text.as_str().chars().collect();
            let mut rebuilt = Vec::new();
            let mut at = 0;
            for h in r.hunks() {
                prop_assert!(h.old.start >= at, "hunks in order");
                rebuilt.extend_from_slice(&old[at..h.old.start]);
                rebuilt.extend_from_slice(&new[h.new.start..h.new.end]);
                at = h.old.end;
            }
            rebuilt.extend_from_slice(&old[at..]);
            prop_assert_eq!(rebuilt, new.clone());

            for a in before.doc.annotations.iter() {
                let old_text = before.doc.text_of(a);
                let touched = r.hunks().iter().any(|h| if h.old.is_empty() { a.span.start < h.old.start && h.old.start < a.span.end } else { h.old.start < a.span.end && h.old.end > a.span.start });
                match (state.doc.annotations.get(a.id), state.doc.orphans.iter().find(|o| o.id == a.id)) {
                    (Some(b), None) if b.changed_from.is_some() && a.changed_from.is_none() => prop_assert!(touched, "{} is changed but no edit touched it", a.id),
                    (Some(b), None) => {
                        prop_assert!(!touched || a.changed_from.is_some(), "{} was touched but kept", a.id);
                        prop_assert_eq!(state.doc.text_of(b), old_text, "a kept annotation's text is the same");
                    }
                    (None, Some(o)) => {
                        prop_assert_eq!(o.text.as_str(), old_text);
                        // Its text was deleted, or all that remains of it is white space.
                        let deleted = (a.span.start..a.span.end).all(|p| r.position(p).is_none() || old[p].is_whitespace());
                        // Or it collided with another annotation carried onto the same span.
                        let collided = match r.fate(a.span, &new_text) {
                            Fate::Kept(s) | Fate::Changed(s) => state.doc.annotations.iter().any(|x| x.span == s && x.label == a.label),
                            Fate::Orphaned => false,
                        };
                        prop_assert!(deleted || collided, "{} orphaned though some of it is kept", a.id);
                    }
                    other => prop_assert!(false, "{} is {:?}", a.id, other),
                }
            }
            check_links(&state).map_err(TestCaseError::fail)?;
            let json = to_json(&state.doc, AT);
            let back = read_file(json.as_bytes()).map_err(|p| TestCaseError::fail(format!("{p:?}")))?;
            prop_assert_eq!(to_json(&back.doc, AT), json);
            let after = state.doc.clone();
            state.apply(Action::Undo);
            prop_assert_eq!(&state.doc, &before.doc);
            state.apply(Action::Redo);
            prop_assert_eq!(&state.doc, &after);
        }
    }
}
