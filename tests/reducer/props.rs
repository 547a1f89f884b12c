//! Property tests over random text with astral characters, combining marks, RTL script,
//! CRLF and a BOM: offset conversions round-trip, snapping never splits a cluster.

use marginalia::core::offsets::{char_len, char_to_utf16, utf16_len, utf16_to_char, OffsetIndex, Span};
use marginalia::core::snap::{is_cluster_boundary, snap};
use marginalia::core::text::Text;
use proptest::prelude::*;
use unicode_segmentation::UnicodeSegmentation;

/// Pieces real articles are made of, mixed at random.
fn messy_text() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "a", "Z", " ", "  ", "\n", "\r\n", "\n\n", "\t", "“", "”", "\"", "'", "مریم", "رحیمی", "\u{200f}",
        "😀", "👩🏽‍⚕️", "🇮🇷", "e\u{301}", "\u{301}", "ß", "中文", "\u{feff}", "\u{fffd}", "🌱", ".",
    ]);
    prop::collection::vec(piece, 0..80).prop_map(|v| v.concat())
}

proptest! {
    #[test]
    fn utf16_and_code_point_offsets_round_trip(s in messy_text()) {
        let mut units = 0;
        for (i, c) in s.chars().enumerate() {
            prop_assert_eq!(char_to_utf16(&s, i), Some(units));
            prop_assert_eq!(utf16_to_char(&s, units), Some(i));
            units += c.len_utf16();
        }
        prop_assert_eq!(units, utf16_len(&s));
        prop_assert_eq!(utf16_to_char(&s, units), Some(char_len(&s)));
        prop_assert_eq!(char_to_utf16(&s, char_len(&s) + 1), None);
    }

    #[test]
    fn byte_and_code_point_offsets_round_trip(s in messy_text()) {
        let index = OffsetIndex::new(&s);
        for (i, (byte, _)) in s.char_indices().enumerate() {
            prop_assert_eq!(index.byte_of(&s, i), Some(byte));
            prop_assert_eq!(index.char_of_byte(&s, byte), Some(i));
        }
        prop_assert_eq!(index.byte_of(&s, index.len_chars()), Some(s.len()));
    }

    #[test]
    fn text_normalises_crlf_and_one_bom_and_nothing_else(s in messy_text()) {
        let t = Text::new(&s);
        let expected = s.strip_prefix('\u{feff}').unwrap_or(&s).replace("\r\n", "\n");
        prop_assert_eq!(t.as_str(), expected.as_str());
        let layout = t.layout();
        let mut pos = 0;
        for p in &layout {
            for piece in &p.pieces {
                prop_assert_eq!(piece.start, pos);
                pos = piece.end;
            }
        }
        prop_assert_eq!(pos, t.len());
    }

    #[test]
    fn snapping_never_splits_a_cluster_nor_keeps_edge_whitespace(s in messy_text(), a in 0usize..200, b in 0usize..200) {
        let t = Text::new(&s);
        if let Some(span) = snap(&t, Span::new(a, b)) {
            prop_assert!(is_cluster_boundary(&t, span.start));
            prop_assert!(is_cluster_boundary(&t, span.end));
            prop_assert!(!span.is_empty());
            let covered = t.slice(span).unwrap();
            // No edge cluster is all whitespace (a space carrying a combining mark is a
            // visible cluster and may stay).
            let clusters: Vec<&str> = covered.graphemes(true).collect();
            let blank = |g: &&str| g.chars().all(char::is_whitespace);
            prop_assert!(!blank(&clusters[0]) && !blank(clusters.last().unwrap()));
            // Snapping is idempotent.
            prop_assert_eq!(snap(&t, span), Some(span));
        }
    }
}

mod collection {
    use marginalia::core::annotations::{Annotation, Annotations};
    use marginalia::core::ids::AnnotationId;
    use marginalia::core::offsets::Span;
    use proptest::prelude::*;

    #[derive(Debug, Clone)]
    enum Op {
        Insert(usize, usize, u8),
        Remove(u64),
        Relabel(u64, u8),
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            (0usize..300, 0usize..60, 0u8..3).prop_map(|(s, l, k)| Op::Insert(s, s + l + 1, k)),
            (1u64..40).prop_map(Op::Remove),
            (1u64..40, 0u8..3).prop_map(|(id, k)| Op::Relabel(id, k)),
        ]
    }

    proptest! {
        #[test]
        fn stays_sorted_and_queries_match_a_linear_scan(ops in prop::collection::vec(op(), 0..60), probes in prop::collection::vec((0usize..380, 0usize..40), 1..10)) {
            let labels = ["Person", "Place", "Quote"];
            let mut set = Annotations::default();
            let mut model: Vec<Annotation> = Vec::new();
            let mut next = 1;
            for op in ops {
                match op {
                    Op::Insert(s, e, k) => {
                        let a = Annotation::new(AnnotationId(next), Span::new(s, e), labels[k as usize]);
                        next += 1;
                        set.insert(a.clone());
                        model.push(a);
                    }
                    Op::Remove(id) => {
                        prop_assert_eq!(set.remove(AnnotationId(id)).is_some(), model.iter().any(|a| a.id.0 == id));
                        model.retain(|a| a.id.0 != id);
                    }
                    Op::Relabel(id, k) => {
                        set.update(AnnotationId(id), |a| a.label = labels[k as usize].into());
                        for a in model.iter_mut().filter(|a| a.id.0 == id) { a.label = labels[k as usize].into(); }
                    }
                }
                let keys: Vec<_> = set.iter().map(|a| (a.span.start, a.span.end, a.label.clone(), a.id)).collect();
                let mut sorted = keys.clone();
                sorted.sort();
                prop_assert_eq!(&keys, &sorted);
                prop_assert_eq!(set.len(), model.len());
            }
            for (start, len) in probes {
                let probe = Span::new(start, start + len);
                let hit = if probe.is_empty() { Span::new(start, start + 1) } else { probe };
                let mut expected: Vec<u64> = model.iter().filter(|a| a.span.overlaps(hit)).map(|a| a.id.0).collect();
                let mut got: Vec<u64> = set.overlapping(probe).iter().map(|a| a.id.0).collect();
                expected.sort();
                got.sort();
                prop_assert_eq!(got, expected);
            }
        }
    }
}

pub(crate) mod undo {
    use crate::common::check_links;
    use marginalia::core::ids::AnnotationId;
    use marginalia::core::offsets::Span;
    use marginalia::core::store::Action;
    use marginalia::core::state::State;
    use proptest::prelude::*;

    use marginalia::core::annotations::QuoteKind;
    use marginalia::core::ids::EntityId;

    const LABELS: [&str; 7] = ["Person", "Organization", "Place", "Date", "Event", "Quote", "Cue"];

    pub(crate) fn action() -> impl Strategy<Value = Action> {
        prop_oneof![
            4 => (0usize..80, 0usize..80, 0usize..7)
                .prop_map(|(a, b, l)| Action::ApplyLabel { label: LABELS[l].into(), selection: Some(Span::new(a, b)) }),
            2 => (0usize..7).prop_map(|l| Action::ApplyLabel { label: LABELS[l].into(), selection: None }),
            2 => (1u64..15).prop_map(|id| Action::Select(Some(AnnotationId(id)))),
            1 => Just(Action::DeleteSelected),
            2 => (1u64..15, 1u64..15)
                .prop_map(|(q, m)| Action::AddSpeakerFromMention { quote: AnnotationId(q), mention: AnnotationId(m) }),
            1 => (1u64..15, prop::collection::vec(1u64..8, 0..3))
                .prop_map(|(q, s)| Action::SetSpeakers { quote: AnnotationId(q), speakers: s.into_iter().map(EntityId).collect() }),
            1 => (1u64..15, prop::option::of(1u64..15))
                .prop_map(|(q, c)| Action::SetCue { quote: AnnotationId(q), cue: c.map(AnnotationId) }),
            1 => (1u64..15, 0usize..3).prop_map(|(q, k)| Action::SetQuoteKind { quote: AnnotationId(q), kind: QuoteKind::ALL[k] }),
            1 => (1u64..15, prop::option::of(1u64..15))
                .prop_map(|(q, p)| Action::JoinQuote { quote: AnnotationId(q), previous: p.map(AnnotationId) }),
            1 => (1u64..8, 1u64..8).prop_map(|(a, b)| Action::MergeEntities { into: EntityId(a), from: EntityId(b) }),
            1 => (1u64..15).prop_map(|id| Action::SplitMention(AnnotationId(id))),
            1 => (1u64..8, "[A-Za-z ]{0,8}").prop_map(|(e, name)| Action::RenameEntity { entity: EntityId(e), name }),
            1 => (1u64..15, "[a-z<>]{0,5}").prop_map(|(id, note)| Action::SetNote { id: AnnotationId(id), note }),
            1 => "[a-zé😀 ]{0,6}".prop_map(Action::SetTitle),
            1 => (0usize..7, any::<bool>(), "[A-Z][a-z]{0,4}").prop_map(|(l, speaks, name)| {
                let mut label = marginalia::core::labels::LabelSet::default().to_vec().swap_remove(l);
                let old = label.name.clone();
                label.speaks = speaks;
                if name.len() > 3 { label.name = name; }
                Action::EditLabel { name: old, label }
            }),
            1 => (0usize..7).prop_map(|l| Action::DeleteLabel(LABELS[l].into())),
            1 => (0usize..7, any::<bool>()).prop_map(|(l, up)| Action::MoveLabel { name: LABELS[l].into(), by: if up { -1 } else { 1 } }),
        ]
    }

    proptest! {
        #[test]
        fn every_action_followed_by_undo_restores_the_document_exactly(actions in prop::collection::vec(action(), 1..40)) {
            let mut state = State::default();
            state.apply(Action::NewDocument);
            state.apply(Action::StartAnnotating {
                text: "«Ana Lima» said: “مریم رحیمی 😀 and José\u{301} agree,”\n\nsaid the CRP on January 9.".into(),
                replaced_surrogates: 0,
            });
            for action in actions {
                let before = state.clone();
                state.apply(action.clone());
                let after = state.clone();
                if after.doc.annotations == before.doc.annotations && after.doc.title == before.doc.title && after.doc.entities == before.doc.entities && after.doc.labels == before.doc.labels {
                    continue; // refused or selection only: nothing to undo for this action
                }
                state.apply(Action::Undo);
                prop_assert_eq!(&state.doc.annotations, &before.doc.annotations, "undo of {:?}", action);
                prop_assert_eq!(&state.doc.entities, &before.doc.entities, "undo of {:?}", action);
                prop_assert_eq!(&state.doc.labels, &before.doc.labels, "undo of {:?}", action);
                prop_assert_eq!(&state.doc.title, &before.doc.title);
                prop_assert_eq!(state.selected, before.selected.filter(|id| before.doc.annotations.get(*id).is_some()));
                state.apply(Action::Redo);
                prop_assert_eq!(&state.doc.annotations, &after.doc.annotations, "redo of {:?}", action);
                prop_assert_eq!(&state.doc.entities, &after.doc.entities, "redo of {:?}", action);
                prop_assert_eq!(&state.doc.title, &after.doc.title);
                prop_assert_eq!(state.selected, after.selected);
                check_links(&state).map_err(|e| TestCaseError::fail(format!("after {action:?}: {e}")))?;
                // And the whole document survives export and import.
                let json = marginalia::core::export::to_json(&state.doc, "T");
                let back = marginalia::core::import::read_file(json.as_bytes()).map_err(|p| TestCaseError::fail(format!("{p:?}")))?;
                prop_assert_eq!(marginalia::core::export::to_json(&back.doc, "T"), json);
            }
        }
    }
}
