//! Where the statistical tagger's names meet the rules' names: the one place that decides
//! which source wins.
//!
//! 1. **Dates come from the rules.** They are written in a few fixed ways ("Friday, July
//!    21, 2017", "the 1990s") that the rules know exactly; the tagger's dates are dropped.
//! 2. **Names come from the tagger.** It weighs hundreds of clues learnt from annotated text,
//!    where a rule sees one ("a name of two or more words" is a person whether it is "Film
//!    Festival" or "Maryam Rahimi"). Where the two overlap, the tagger's span and category
//!    win.
//! 3. **A rule's name the tagger missed is kept only when the rule is sure**: a name after
//!    a title or role, a place in the gazetteer, a name with an organisation, place or
//!    event word. Weaker rules (any capitalised word, any two-word name) only added noise
//!    when measured on GUM's news dev documents.
//! 4. **Aliases come from the rules**, which read the whole text: "Full Name (ACRONYM)",
//!    an acronym one letter off a defined one, a surname of a person named in full before.
//!    A tagger's mention with a rule's alias span takes its alias; a one-word person the
//!    tagger finds is the alias of the first full name ending or starting with that word.
//!
//! ```
//! use marginalia::core::detect::{combine::combine, Category, Mention};
//! use marginalia::core::offsets::Span;
//! let m = |a, b, category, why| Mention { span: Span::new(a, b), category, alias_of: None, why };
//! let rules = [m(0, 6, Category::Date, "a date"), m(10, 20, Category::Person, "a name of two or more words")];
//! let tagger = [m(0, 6, Category::Date, "the statistical tagger"), m(10, 20, Category::Event, "the statistical tagger")];
//! let both = combine(&rules, &tagger, |_| "");
//! assert_eq!(both.iter().map(|m| (m.category, m.why)).collect::<Vec<_>>(), [(Category::Date, "a date"), (Category::Event, "the statistical tagger")]);
//! ```

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

/// The mentions of both sources, in order, never overlapping; `text_of` gives a span's text.
pub fn combine<'t>(rules: &[Mention], tagger: &[Mention], text_of: impl Fn(Span) -> &'t str) -> Vec<Mention> {
    let mut out: Vec<Mention> = rules.iter().filter(|m| m.category == Category::Date).cloned().collect();
    let names: Vec<Mention> = tagger.iter().filter(|m| m.category != Category::Date && !overlaps(&out, m.span)).cloned().collect();
    out.extend(names);
    out.sort_by_key(|m| (m.span.start, m.span.end));
    let sure: Vec<Mention> = rules.iter().filter(|m| m.category != Category::Date && (SURE_RULES.contains(&m.why) || m.alias_of.is_some()) && !overlaps(&out, m.span)).cloned().collect();
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

/// True if `span` overlaps any of `sorted` (in order by start, not overlapping each other).
fn overlaps(sorted: &[Mention], span: Span) -> bool {
    let i = sorted.partition_point(|m| m.span.start < span.end);
    i > 0 && sorted[i - 1].span.overlaps(span)
}
