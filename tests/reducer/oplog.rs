//! The operation log (`core::oplog`): a snapshot and the change records written after it,
//! as autosave writes them, restore the document exactly, for random action sequences
//! with undo and redo and snapshots taken at random points; a record cut short at any
//! byte, or damaged at any byte, is reported and never applied, and what came before it
//! is kept.

use crate::props::undo::action;
use marginalia::core::export::to_json;
use marginalia::core::oplog::{decode, encode, LogProblem};
use marginalia::core::session::{restore, session_record, snapshot, Saved};
use marginalia::core::state::State;
use marginalia::core::store::Action;
use proptest::prelude::*;

const TEXT: &str = "«Ana Lima» said: “مریم رحیمی 😀 and José\u{301} agree,”\n\nsaid the CRP on January 9.";

fn started() -> State {
    let mut state = State::default();
    state.apply(Action::NewDocument);
    state.apply(Action::StartAnnotating { text: TEXT.into(), replaced_surrogates: 0 });
    state
}

/// What autosave holds: the last snapshot and the records of the changes after it.
struct Disk {
    saved: Saved,
    rev: u64,
}

impl Disk {
    fn snapshot(state: &State) -> Disk {
        let snap = snapshot(state, "T");
        Disk { saved: Saved { session: snap.session, document: snap.record.document, base: Some(snap.log_base), changes: Vec::new(), keys: Vec::new() }, rev: state.journal.rev }
    }

    /// Appends the changes made since the last write, as autosave does after a render.
    fn append(&mut self, state: &State) {
        let changes = state.journal.since(self.rev).expect("the journal keeps every change between two writes");
        self.saved.changes.extend(changes.iter().map(|c| encode(c)));
        self.saved.session = session_record(state);
        self.rev = state.journal.rev;
    }

    fn restored(&self) -> State {
        let mut state = State::default();
        state.apply(Action::Restore(Box::new(restore(&self.saved).expect("saved work restores"))));
        state
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn a_snapshot_and_its_log_restore_the_document_exactly(
        steps in prop::collection::vec((action(), 0u8..10), 1..40),
    ) {
        let mut state = started();
        let mut disk = Disk::snapshot(&state);
        for (action, roll) in steps {
            let action = match roll {
                0 => Action::Undo,
                1 => Action::Redo,
                _ => action,
            };
            state.apply(action);
            if roll == 9 {
                disk = Disk::snapshot(&state);
            } else {
                disk.append(&state);
            }
            let restored = restore(&disk.saved).expect("saved work restores");
            prop_assert_eq!(&restored.log_problem, &None);
            let back = disk.restored();
            prop_assert_eq!(to_json(&back.doc, "T"), to_json(&state.doc, "T"));
            prop_assert_eq!(back.selected, state.selected);
        }
    }
}

/// A state after three changes, the disk with them logged, and the document before each.
fn three_changes() -> (Vec<String>, Disk) {
    let mut state = started();
    let disk0 = Disk::snapshot(&state);
    let mut disk = Disk { saved: disk0.saved.clone(), rev: disk0.rev };
    let mut before = vec![to_json(&state.doc, "T")];
    for (word, label) in [("Ana Lima", "Person"), ("CRP", "Organization"), ("January 9", "Date")] {
        let start = TEXT.chars().collect::<String>().find(word).map(|b| TEXT[..b].chars().count()).unwrap();
        let span = marginalia::core::offsets::Span::new(start, start + word.chars().count());
        state.apply(Action::ApplyLabel { label: label.into(), selection: Some(span) });
        disk.append(&state);
        before.push(to_json(&state.doc, "T"));
    }
    assert_eq!(disk.saved.changes.len(), 3);
    (before, disk)
}

#[test]
fn a_record_cut_short_at_any_byte_is_reported_and_never_applied() {
    let (docs, disk) = three_changes();
    for (broken, before) in docs.iter().take(3).enumerate() {
        let record = disk.saved.changes[broken].clone();
        for cut in 0..record.len() {
            let mut saved = disk.saved.clone();
            saved.changes[broken] = String::from_utf8_lossy(&record.as_bytes()[..cut]).into_owned();
            let restored = restore(&saved).unwrap();
            assert_eq!(restored.log_problem, Some((LogProblem::Damaged, 3 - broken)), "record {broken} cut at {cut}");
            assert_eq!(restored.replayed, broken);
            assert_eq!(to_json(&restored.imported.doc, "T"), *before, "the document before the cut record is kept");
        }
    }
}

#[test]
fn a_record_damaged_at_any_byte_is_reported_and_never_applied() {
    let (docs, disk) = three_changes();
    let record = disk.saved.changes[1].clone();
    let mut checked = 0;
    for at in 0..record.len() {
        let mut bytes = record.clone().into_bytes();
        bytes[at] ^= 0x01;
        let Ok(damaged) = String::from_utf8(bytes) else { continue };
        let mut saved = disk.saved.clone();
        saved.changes[1] = damaged;
        let restored = restore(&saved).unwrap();
        assert!(restored.log_problem.is_some(), "a change at byte {at} went unnoticed");
        assert_eq!(restored.replayed, 1, "byte {at}");
        assert_eq!(to_json(&restored.imported.doc, "T"), docs[1]);
        checked += 1;
    }
    assert!(checked > record.len() / 2);
}

#[test]
fn a_missing_change_stops_replay_before_the_gap() {
    let (docs, disk) = three_changes();
    let mut saved = disk.saved.clone();
    saved.changes.remove(1);
    let restored = restore(&saved).unwrap();
    assert_eq!(restored.log_problem, Some((LogProblem::Gap { expected: 2, found: 3 }, 1)));
    assert_eq!(to_json(&restored.imported.doc, "T"), docs[1]);
    let mut reopened = State::default();
    reopened.apply(Action::Restore(Box::new(restored)));
    assert!(reopened.notice.unwrap().text.contains("1 saved change(s) could not be brought back"));
}

#[test]
fn a_log_of_another_snapshot_is_not_applied() {
    let (docs, disk) = three_changes();
    // A newer snapshot (with the first change in it) beside the log of the older one.
    let mut saved = disk.saved.clone();
    saved.document = docs[1].clone();
    let restored = restore(&saved).unwrap();
    assert_eq!(restored.log_problem, Some((LogProblem::DoesNotFit, 3)), "change 1 is already in it: it does not fit");
    assert_eq!(to_json(&restored.imported.doc, "T"), docs[1]);
    // A base of another text.
    let mut other = disk.saved.clone();
    other.base = Some(Disk::snapshot(&State::default()).saved.base.unwrap());
    assert_eq!(restore(&other).unwrap().log_problem, Some((LogProblem::OtherBase, 3)));
    assert!(decode("mg-log 1 2 0000000000000000 {}").is_err());
}

#[test]
fn record_keys_sort_in_change_order_within_their_document() {
    use marginalia::core::oplog::{base_key, change_key, change_range, key_range};
    let (first, last) = change_range("d3");
    let changes: Vec<String> = [1, 2, 10, 999_999].iter().map(|&r| change_key("d3", r)).collect();
    assert!(changes.windows(2).all(|w| w[0] < w[1]), "{changes:?}");
    assert!(changes.iter().all(|k| *k >= first && *k < last));
    assert!(!(base_key("d3") >= first && base_key("d3") < last), "the base is not a change");
    let (all_first, all_last) = key_range("d3");
    assert!(base_key("d3") >= all_first && base_key("d3") < all_last);
    for other in [change_key("d30", 1), base_key("d30"), change_key("d2", 5)] {
        assert!(!(other >= all_first && other < all_last), "{other} is another document's");
    }
}

#[test]
fn a_change_that_stops_fitting_half_way_is_taken_back_whole() {
    use marginalia::core::history::Edit;
    let (docs, disk) = three_changes();
    // The first change's later edit (the annotation) is made to lie past the text: its
    // first edit (the entity) fits and is applied, then taken back.
    let mut change = decode(&disk.saved.changes[0]).unwrap();
    assert!(matches!(change.edits[..], [Edit::Entity { .. }, Edit::Insert(_)]), "{:?}", change.edits);
    if let Edit::Insert(a) = &mut change.edits[1] {
        a.span = marginalia::core::offsets::Span::new(1, 9_999);
    }
    let mut saved = disk.saved.clone();
    saved.changes[0] = encode(&change);
    let restored = restore(&saved).unwrap();
    assert_eq!(restored.log_problem, Some((LogProblem::DoesNotFit, 3)));
    assert_eq!(restored.replayed, 0);
    assert_eq!(to_json(&restored.imported.doc, "T"), docs[0], "nothing of the change is left");
}
