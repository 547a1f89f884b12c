//! Where the statistical tagger's names meet the rules' names: the one place that decides
//! which source wins.
//!
//! 1. **Dates come from the rules.** They are written in a few fixed ways ("Friday, July
//!    21, 2017", "the 1990s") that the rules know exactly; the tagger's dates are dropped.
//! 2. **Names come from the tagger.** It weighs hundreds of clues learnt from annotated text,
//!    where a rule sees one ("a name of two or more words" is a person whether it is "Film
//!    Festival" or "Maryam Rahimi"). Where the two overlap, the tagger's span and category
//!    win, except where a rule is decisive:
//!    - a place named in the dateline (and its repeats), and a full name defined by an
//!      acronym ("Coalition for River Protection (CRP)"), stand whatever the tagger
//!      overlaps them with;
//!    - a place of the gazetteer with the very span the tagger found stays a place;
//!    - a person next to a verb of speech ("said Pieter de Vries") stays a person where
//!      the tagger saw a place (places do not speak);
//!    - a name the tagger cut short takes the whole span of a rule's name of the same
//!      category that reads to its organisation, place or event word, if no other name of
//!      the tagger's lies in it ("Northern Institute" → "Northern Institute of Water
//!      Research").
//!
//!    Each mends what the tagger got wrong on the sample article or the quote set
//!    ("Halden's" in a headline taken for a person, the coalition's name split in two);
//!    on news dev they leave F1 as it was, 0.735.
//! 3. **A rule's name the tagger missed is kept only when the rule is sure**: a name after
//!    a title or role, a place in the gazetteer, a name with an organisation, place or
//!    event word, a person next to a verb of speech ("said venture capitalist Omar
//!    Haddad": on our quote set the speakers went from 87.8 % to 97.6 % right with this
//!    and the speech rule above, news dev F1 unchanged). Weaker rules (any capitalised
//!    word, any two-word name) only added noise when measured on GUM's news dev documents.
//! 4. **Aliases come from the rules**, which read the whole text: "Full Name (ACRONYM)",
//!    an acronym one letter off a defined one, a surname of a person named in full before.
//!    A tagger's mention with a rule's alias span takes its alias; a one-word person the
//!    tagger finds is the alias of the first full name ending or starting with that word.
//! 5. **A demonym is never a person** ("Norwegian", "Norwegians", `detect::demonyms`),
//!    whichever source says so: with the rules alone too ([`is_people`]).
//!
//! ```
//! use marginalia::core::detect::{combine::combine, words::Words, Category, Mention};
//! use marginalia::core::offsets::Span;
//! let w = Words::new("Friday, Tehran Film Festival opens.");
//! let m = |a, b, category, why| Mention { span: Span::new(a, b), category, alias_of: None, why };
//! let rules = [m(0, 6, Category::Date, "a date"), m(8, 28, Category::Person, "a name of two or more words")];
//! let tagger = [m(0, 6, Category::Date, "the statistical tagger"), m(8, 28, Category::Event, "the statistical tagger")];
//! let both = combine(&rules, &tagger, &w);
//! assert_eq!(both.iter().map(|m| (m.category, m.why)).collect::<Vec<_>>(), [(Category::Date, "a date"), (Category::Event, "the statistical tagger")]);
//! ```

use super::demonyms::is_demonym;
use super::speakers::is_cue;
use super::words::Words;
use super::{Category, Mention};
use crate::core::offsets::Span;
use rustc_hash::FxHashMap as HashMap;

/// The rules sure enough to stand where the tagger found nothing.
const SURE_RULES: &[&str] = &[
    "a date",
    "a name after a title",
    "a name after a role",
    "in the gazetteer of places",
    "a name with an organisation word",
    "a name with a place word",
    "a name ending in an event word",
    "a place with a point of the compass",
    "an acronym defined in the text",
    "one letter off an acronym defined in the text",
];

/// Rules that read a name whole, to its organisation, place or event word.
const WHOLE_NAME_RULES: &[&str] = &["a name with an organisation word", "a name with a place word", "a name ending in an event word"];

/// The mentions of both sources, in order, never overlapping, over the scanned text `w`.
pub fn combine(rules: &[Mention], tagger: &[Mention], w: &Words) -> Vec<Mention> {
    let text_of = |span: Span| w.slice(span);
    let mut out: Vec<Mention> = rules.iter().filter(|m| m.category == Category::Date).cloned().collect();
    // The rules' decisive names go in first, so the tagger's overlapping guesses give way.
    let defined: Vec<Span> = rules.iter().filter(|m| m.why == "an acronym defined in the text").filter_map(|m| m.alias_of).collect();
    let exact: HashMap<Span, &Mention> = rules.iter().filter(|m| m.why == "in the gazetteer of places" || (m.category == Category::Person && next_to_speech(w, m.span))).map(|m| (m.span, m)).collect();
    let decisive: Vec<Mention> = rules.iter().filter(|m| (m.why == "a place named in the dateline" || defined.contains(&m.span)) && !overlaps(&out, m.span)).cloned().collect();
    out.extend(decisive);
    out.sort_by_key(|m| (m.span.start, m.span.end));
    let names: Vec<Mention> = tagger
        .iter()
        .filter(|m| m.category != Category::Date && !is_people(m, text_of) && !overlaps(&out, m.span))
        .map(|m| match exact.get(&m.span) {
            Some(rule) if rule.category != m.category && (rule.category == Category::Place || m.category == Category::Place) => (*rule).clone(),
            _ => m.clone(),
        })
        .collect();
    // A name the tagger cut short ("Northern Institute" of "Northern Institute of Water
    // Research") takes the rule's whole span when the rule agrees on what it is.
    let names: Vec<Mention> = names
        .iter()
        .map(|m| {
            // Rules are in order by start and rarely nest: the few starting at or before m.
            let before = rules.partition_point(|r| r.span.start <= m.span.start);
            let whole = rules[..before].iter().rev().take(8).find(|r| r.category == m.category && WHOLE_NAME_RULES.contains(&r.why) && m.span.end <= r.span.end);
            // ... and only if no other name of the tagger's is inside it (names are in order).
            let alone = |r: &Mention| names.partition_point(|n| n.span.start < r.span.end) - names.partition_point(|n| n.span.end <= r.span.start) == 1;
            match whole {
                Some(r) if alone(r) && !overlaps(&out, r.span) => Mention { span: r.span, ..m.clone() },
                _ => m.clone(),
            }
        })
        .collect();
    out.extend(names);
    out.sort_by_key(|m| (m.span.start, m.span.end));
    let sure: Vec<Mention> = rules.iter().filter(|m| m.category != Category::Date && (SURE_RULES.contains(&m.why) || m.alias_of.is_some() || m.category == Category::Person && next_to_speech(w, m.span)) && !is_people(m, text_of) && !overlaps(&out, m.span)).cloned().collect();
    out.extend(sure);
    out.sort_by_key(|m| (m.span.start, m.span.end));

    // Aliases: the rules' where the spans agree, else a person's surname or first name.
    let rule_alias: HashMap<Span, Span> = rules.iter().filter_map(|m| Some((m.span, m.alias_of?))).collect();
    let mut first_full: HashMap<&str, Span> = HashMap::default();
    for k in 0..out.len() {
        if out[k].alias_of.is_none() {
            let kept = |a: &Span| out.binary_search_by_key(&(a.start, a.end), |m| (m.span.start, m.span.end)).is_ok();
            out[k].alias_of = rule_alias.get(&out[k].span).copied().filter(kept);
        }
        let m = &out[k];
        if m.category != Category::Person {
            continue;
        }
        let text = text_of(m.span);
        let words: Vec<&str> = text.split_whitespace().collect();
        if words.len() >= 2 {
            for w in [words[0], words[words.len() - 1]] {
                first_full.entry(w).or_insert(m.span);
            }
        } else if m.alias_of.is_none() {
            let full = first_full.get(text).copied();
            out[k].alias_of = full;
        }
    }
    out
}

/// True if `span` (whole words) has a verb of speech (the quotation cues of `speakers`) right before it (a role of up to
/// three small words between allowed), or right after it (a comma between allowed):
/// "said Pieter de Vries", "said venture capitalist Omar Haddad", "Losa Tafua, said".
fn next_to_speech(w: &Words, span: Span) -> bool {
    let (first, end) = (w.first_at_or_after(span.start), w.count_ending_by(span.end));
    let speech = |i: usize| i < w.len() && is_cue(w.str(i));
    let small = |i: usize| w.str(i).chars().next().is_some_and(char::is_lowercase);
    let before = (1..=4.min(first)).map(|k| first - k).find(|&i| !small(i) || speech(i));
    before.is_some_and(speech) || speech(end)
}

/// True for a "person" that is a demonym: a people, not a person.
pub fn is_people<'t>(m: &Mention, text_of: impl Fn(Span) -> &'t str) -> bool {
    m.category == Category::Person && is_demonym(text_of(m.span))
}

/// True if `span` overlaps any of `sorted` (in order by start, not overlapping each other).
fn overlaps(sorted: &[Mention], span: Span) -> bool {
    let i = sorted.partition_point(|m| m.span.start < span.end);
    i > 0 && sorted[i - 1].span.overlaps(span)
}
