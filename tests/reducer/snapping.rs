//! Word snapping (`core::snap::to_words`) over marked-up cases: `{…}` is what the mouse
//! selected, `[…]` the span that results.

use marginalia::core::labels::LabelKind::{self, Cue, Entity, Quote};
use marginalia::core::offsets::Span;
use marginalia::core::snap::{snap, to_words};
use marginalia::core::text::Text;
use proptest::prelude::*;

/// The text of `marked` without its two marks, and the span between them (code points).
fn between(marked: &str, open: char, close: char) -> (String, Span) {
    let (mut text, mut start, mut end) = (String::new(), 0, 0);
    for c in marked.chars() {
        match c {
            c if c == open => start = text.chars().count(),
            c if c == close => end = text.chars().count(),
            c => text.push(c),
        }
    }
    (text, Span::new(start, end))
}

fn case(selected: &str, kind: LabelKind, expected: &str) {
    let (text, raw) = between(selected, '{', '}');
    let (same, want) = between(expected, '[', ']');
    assert_eq!(text, same, "the two cases are of one text");
    let t = Text::new(&text);
    let got = to_words(&t, raw, kind);
    let show = |s: Span| t.slice(s).unwrap_or_default().to_owned();
    assert_eq!(show(got), show(want), "{selected} as {kind:?}");
    assert_eq!(got, want);
}

#[test]
fn a_selection_widens_to_whole_words() {
    case("said Ma{ryam Rah}imi today", Entity, "said [Maryam Rahimi] today");
    case("the {U}N said", Entity, "the [UN] said");
    case("from مر{یم رحی}می today", Entity, "from [مریم رحیمی] today");
}

#[test]
fn punctuation_and_spaces_at_the_ends_are_dropped() {
    case("by the {CRP.} Then", Entity, "by the [CRP]. Then");
    case("in{ (Tehran), }she", Entity, "in ([Tehran]), she");
    case("— {“Norway”} is", Entity, "— “[Norway]” is");
    case("said {Ana, }and", Entity, "said [Ana], and");
}

#[test]
fn symbols_of_amounts_and_handles_stay() {
    case("cost {$5 million} in", Entity, "cost [$5 million] in");
    case("up {50%} now", Entity, "up [50%] now");
    case("wrote {@rahimi} and", Entity, "wrote [@rahimi] and");
    case("the {#MeToo} wave", Entity, "the [#MeToo] wave");
}

#[test]
fn a_possessive_is_not_part_of_the_name() {
    case("said {Maryam Rahimi's} aide", Entity, "said [Maryam Rahimi]'s aide");
    case("the {UN’s} envoy", Entity, "the [UN]’s envoy");
    case("the {Smiths’} house", Entity, "the [Smiths]’ house");
    // Not a possessive: a name that ends in "s".
    case("met {Jonas} there", Entity, "met [Jonas] there");
}

#[test]
fn an_abbreviation_keeps_its_full_stop() {
    case("in the {U.S.} today", Entity, "in the [U.S.] today");
    case("by {Acme Inc.} today", Entity, "by [Acme Inc.] today");
    // A full stop the drag did not reach is not added.
    case("by {Acme Inc}. Then", Entity, "by [Acme Inc]. Then");
}

#[test]
fn a_quote_keeps_and_takes_in_its_quote_marks() {
    case("said: {“We stay.”} Then", Quote, "said: [“We stay.”] Then");
    case("said: “{We sta}y.” Then", Quote, "said: [“We stay.”] Then");
    case("said: {: \"We stay\",} he", Quote, "said: : [\"We stay\"], he");
    case("called it «{un scandale}» hier", Quote, "called it [«un scandale»] hier");
    // Part of a longer quotation: no mark on either side to take in.
    case("“We stay {and we fight}, always.”", Quote, "“We stay [and we fight], always.”");
}

#[test]
fn a_cue_is_whole_words_without_punctuation() {
    case("“Go,” {sai}d Ana.", Cue, "“Go,” [said] Ana.");
}

#[test]
fn emoji_and_nothing_but_punctuation() {
    case("we 👩🏽‍⚕️ {saw} it", Entity, "we 👩🏽‍⚕️ [saw] it");
    // Nothing but punctuation: kept as selected (without its spaces), for the user to judge.
    case("end{ — }of", Entity, "end [—] of");
}

proptest! {
    /// Whatever is selected, the result lies in the text, keeps every word the raw
    /// selection touched the middle of, and is a fixed point.
    #[test]
    fn snapping_is_stable(words in proptest::collection::vec("[a-zA-Zé]{1,6}|[,.;“”'’()—]|[ ]|مریم|👩🏽", 1..20), a in 0usize..60, b in 0usize..60) {
        let t = Text::new(&words.concat());
        let raw = Span::new(a.min(b), a.max(b)).clamp(t.len());
        for kind in [Entity, Quote, Cue] {
            let got = to_words(&t, raw, kind);
            prop_assert!(got.end <= t.len());
            if let Some(snapped) = snap(&t, got) {
                prop_assert_eq!(snap(&t, to_words(&t, snapped, kind)), Some(snapped), "{:?}", kind);
            }
        }
    }
}
