//! The wire between the page and the suggestion worker: lists go as changes of the last
//! one, and what each end rebuilds is exactly what the other meant to send.

use marginalia::core::detect::engine::Engine;
use marginalia::core::detect::list_change::{ListChange, Step};
use marginalia::core::detect::suggest::Suggestion;
use marginalia::core::detect::wire::{PageEnd, Reply, Request, SuggestRequest, WorkerEnd};
use marginalia::core::labels::Preset;
use marginalia::core::offsets::Span;
use proptest::prelude::*;
use std::rc::Rc;

/// Through the wire's JSON, as `postMessage` carries it.
fn carried<T: serde::Serialize + serde::de::DeserializeOwned>(message: &T) -> (T, usize) {
    let json = serde_json::to_string(message).unwrap();
    (serde_json::from_str(&json).unwrap(), json.len())
}

fn request(seq: u64, marks: Vec<(Span, String)>) -> SuggestRequest {
    SuggestRequest { version: 1, seq, labels: Preset::News.labels(), marks, rejected: vec![] }
}

fn suggestion(start: usize, label: &str) -> Suggestion {
    Suggestion { span: Span::new(start, start + 3), label: label.into(), speakers: vec![], cue: None, alias_of: None, why: "مریم said 😀".into() }
}

#[test]
fn a_change_keeps_runs_and_carries_only_what_went_and_came() {
    let old: Vec<u32> = (0..20_000).map(|i| i * 2).collect();
    let mut new = old.clone();
    new.insert(12_345, 24_689); // between 24688 and 24690
    new.remove(3);
    new.retain(|&x| x != 30_000);
    let change = ListChange::between(&old, &new, |x| *x);
    assert_eq!(change.0.iter().filter(|s| !matches!(s, Step::Keep(_))).count(), 3, "{:?}", &change.0[..3]);
    assert_eq!(change.clone().apply(old.clone()), Ok(new.clone()));
    // Nothing changed; everything changed; from and to nothing; out of order.
    assert_eq!(ListChange::between(&old, &old, |x| *x).0, vec![Step::Keep(20_000)]);
    assert_eq!(ListChange::between(&[1, 2], &[3], |x| *x).apply(vec![1, 2]), Ok(vec![3]));
    assert_eq!(ListChange::between(&[], &[1, 2], |x| *x).apply(vec![]), Ok(vec![1, 2]));
    assert_eq!(ListChange::between(&[1, 2], &[], |x| *x).apply(vec![1, 2]), Ok(vec![]));
    assert_eq!(ListChange::between(&[5, 1, 4], &[4, 1, 5, 0], |x| *x).apply(vec![5, 1, 4]), Ok(vec![4, 1, 5, 0]));
    // The same key, another item: the old one goes, the new one comes.
    let (a, b) = ([(1, "Person")], [(1, "Place")]);
    assert_eq!(ListChange::between(&a, &b, |x| x.0).0, vec![Step::Drop(1), Step::Insert(vec![(1, "Place")])]);
    // Applied to a list it was not worked out from, it says so instead of panicking.
    assert!(change.clone().apply(vec![1, 2, 3]).unwrap_err().contains("list of 3"));
    assert!(ListChange(vec![Step::Keep(1)]).apply(vec![1, 2]).unwrap_err().contains("every item"));
    assert!(ListChange::<u32>(vec![Step::Drop(3)]).apply(vec![1, 2]).is_err());
}

#[test]
fn one_more_mark_among_twenty_thousand_goes_as_a_few_bytes() {
    let marks: Vec<(Span, String)> = (0..20_000).map(|i| (Span::new(i * 50, i * 50 + 6), "Person".to_string())).collect();
    let (mut page, mut worker) = (PageEnd::default(), WorkerEnd::default());
    let (first, first_bytes) = carried(&page.send(request(1, marks.clone())));
    assert_eq!(worker.receive(first).unwrap(), Request::Suggest(request(1, marks.clone())));
    let mut more = marks.clone();
    more.insert(10_000, (Span::new(500_020, 500_025), "Place".into()));
    let (second, second_bytes) = carried(&page.send(request(2, more.clone())));
    assert!(second_bytes < 1_000 && first_bytes > 500_000, "{second_bytes} bytes after {first_bytes}");
    assert_eq!(worker.receive(second).unwrap(), Request::Suggest(request(2, more)));
}

#[test]
fn the_engine_answers_through_both_ends_as_it_answers_directly() {
    let text = "Yesterday Zelensky met Macron in Kharkiv.\n\n“We will not leave,” said Maryam Rahimi.\n";
    let (mut page, mut worker) = (PageEnd::default(), WorkerEnd::default());
    let (mut wired, mut direct) = (Engine::default(), Engine::default());
    for engine in [&mut wired, &mut direct] {
        engine.handle(Request::Text { version: 1, text: text.into() });
    }
    let zelensky = (Span::new(10, 18), "Person".to_string());
    for (seq, marks) in [(1, vec![]), (2, vec![zelensky.clone()]), (3, vec![]), (4, vec![zelensky])] {
        let (sent, _) = carried(&page.send(request(seq, marks.clone())));
        let answer = wired.handle(worker.receive(sent).unwrap()).unwrap();
        let (reply, _) = carried(&worker.send(answer));
        assert!(matches!(reply, Reply::Changed { .. }), "{reply:?}");
        assert_eq!(page.receive(reply).unwrap(), direct.handle(Request::Suggest(request(seq, marks))).unwrap(), "request {seq}");
    }
    // Messages without lists pass unchanged; an ask the worker's end did not make whole is refused.
    assert_eq!(page.receive(Reply::Ready).unwrap(), Reply::Ready);
    let ask = page.send(request(5, vec![]));
    assert!(matches!(direct.handle(ask), Some(Reply::Error { .. })));
}

#[test]
fn the_page_shares_the_suggestions_an_answer_keeps_with_the_list_it_showed() {
    let items = |starts: &[usize]| -> Vec<Rc<Suggestion>> { starts.iter().map(|&s| Rc::new(suggestion(s, "Person"))).collect() };
    let reply = |seq, items| Reply::Suggestions { version: 1, seq, tagger: true, items, unclosed: vec![] };
    let (mut page, mut worker) = (PageEnd::default(), WorkerEnd::default());
    let shown = |reply: Reply| match reply {
        Reply::Suggestions { items, .. } => items,
        other => panic!("{other:?}"),
    };
    let first = shown(page.receive(carried(&worker.send(reply(1, items(&[0, 10, 20, 30])))).0).unwrap());
    let second = shown(page.receive(carried(&worker.send(reply(2, items(&[0, 15, 20, 30])))).0).unwrap());
    // Kept: the same allocation as in the list shown before (compared and dropped by pointer).
    for i in [0, 2, 3] {
        assert!(Rc::ptr_eq(&first[i], &second[i]), "item {i} was copied");
    }
    assert!(!Rc::ptr_eq(&first[1], &second[1]));
    assert_eq!(second[1].span, Span::new(15, 18));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(80))]

    /// Over any sequence of lists, each end rebuilds exactly the list the other was given.
    #[test]
    fn a_change_rebuilds_the_new_list_from_the_old(old in prop::collection::vec(0u8..20, 0..40), new in prop::collection::vec(0u8..20, 0..40), sorted in any::<bool>()) {
        let (mut old, mut new) = (old, new);
        if sorted {
            old.sort();
            new.sort();
        }
        let change = ListChange::between(&old, &new, |x| *x);
        let (change, _) = carried(&change);
        prop_assert_eq!(change.apply(old).unwrap(), new);
    }

    #[test]
    fn both_ends_rebuild_every_list(lists in prop::collection::vec(prop::collection::vec((0usize..40, 0usize..3), 0..30), 1..8)) {
        let labels = ["Person", "Place", "Quote"];
        let (mut page, mut worker) = (PageEnd::default(), WorkerEnd::default());
        for (seq, list) in lists.iter().enumerate() {
            let marks: Vec<(Span, String)> = list.iter().map(|&(s, l)| (Span::new(s, s + 2), labels[l].to_string())).collect();
            let (sent, _) = carried(&page.send(request(seq as u64, marks.clone())));
            prop_assert_eq!(worker.receive(sent).unwrap(), Request::Suggest(request(seq as u64, marks)));
            let items: Vec<Rc<Suggestion>> = list.iter().map(|&(s, l)| Rc::new(suggestion(s, labels[l]))).collect();
            let full = Reply::Suggestions { version: 1, seq: seq as u64, tagger: true, items, unclosed: vec![seq] };
            let (reply, _) = carried(&worker.send(full.clone()));
            prop_assert_eq!(page.receive(reply).unwrap(), full);
        }
    }
}
