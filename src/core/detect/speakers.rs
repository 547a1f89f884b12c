//! Tells speech from scare quotes and titles, and finds who speaks each quotation and the
//! cue that says so.
//!
//! - **Cues** before or after the quote: "…,” Rahimi said.", "…,” said Rahimi, the director
//!   of …", "Rahimi said: “…”", "Rahimi told reporters that “…”", "according to Rahimi",
//!   a participle ("…, saying “…”", "adding that “…”", "urging him to “…”", with the
//!   speaker the sentence's subject, several words before), "called on … to take “…”". A
//!   cue with nobody named before it still makes the quote speech, without a speaker.
//! - **Pronouns** ("she said") resolve to the nearest earlier named person ("it": an
//!   organisation; "they": either) that fits.
//! - **"and"** joins two speakers: "Rahimi and Karimi said".
//! - **Continuation**: a quote with no cue of its own that follows a quote in the same
//!   paragraph ("“…,” she said. “…”") or opens the next paragraph keeps its speaker.
//! - **Not speech**: a short quote with no cue ("courageous achievement"), a quote in
//!   title case (a film's name), or one after "so-called", "dubbed", "titled"….
//!
//! ```
//! use marginalia::core::detect::{entities::find_entities, quotes::find_quotes_in, speakers::attribute, words::Words};
//! let text = "Maryam Rahimi spoke first. “We will not move,” she said. Critics called it a “stunt”.";
//! let w = Words::new(text);
//! let mentions = find_entities(&w);
//! let found = attribute(&w, &find_quotes_in(&w.chars).quotes, &mentions);
//! assert_eq!(w.slice(found[0].speakers[0]), "Maryam Rahimi");
//! assert_eq!(w.slice(found[0].cue.unwrap()), "said");
//! assert!(found[0].speech && !found[1].speech);
//! ```

use super::quotes::Quote;
use super::words::{LazyWordSet, WordSet, Words};
use super::{Category, Mention};
use crate::core::offsets::Span;

/// Verbs (and the like) that say who is speaking.
static CUES: LazyWordSet = LazyWordSet::new(|| WordSet::new(CUES_LIST));
const CUES_LIST: &[&str] = &[
    "said", "says", "say", "told", "tells", "tell", "added", "adds", "urged", "urges", "warned", "warns", "wrote", "writes", "posted", "posts", "stated", "states", "explained", "explains", "asked", "asks", "replied", "replies", "noted", "notes", "insisted", "insists", "claimed", "claims", "argued", "argues", "announced", "announces", "declared", "declares", "recalled", "recalls", "continued", "continues", "concluded", "acknowledged", "admitted", "admits", "tweeted", "tweets", "commented", "comments", "remarked", "responded", "responds", "suggested", "suggests", "stressed", "stresses", "emphasised", "emphasized", "shouted", "cried", "whispered", "testified", "confirmed", "confirms", "denied", "denies", "vowed", "vows", "saying", "adding", "urging", "warning", "writing", "telling", "asking", "insisting", "arguing", "noting", "stressing", "explaining", "claiming", "declaring", "promising", "vowing", "demanding", "pleaded", "chanted", "joked", "complained", "complains", "predicted", "promised", "promises", "reported", "reports", "mentioned", "observed", "conceded", "boasted", "exclaimed", "screamed", "yelled", "demanded", "demands", "answered", "answers", "wondered", "recounted", "described", "describes", "sighed", "laughed", "texted", "messaged", "sagte", "sagt", "erklärte", "dit", "a déclaré", "dijo", "afirmó", "disse", "ha detto", "گفت", "نوشت", "افزود", "قال", "كتب", "أضاف",
];

/// Words before a quote that make it a name or a label rather than speech.
static NOT_SPEECH_BEFORE: LazyWordSet = LazyWordSet::new(|| WordSet::new(NOT_SPEECH_BEFORE_LIST));
const NOT_SPEECH_BEFORE_LIST: &[&str] = &["so-called", "dubbed", "titled", "entitled", "named", "called", "film", "movie", "book", "song", "album", "slogan", "headline", "word", "words", "term", "phrase", "label", "nicknamed", "banner", "hashtag", "campaign", "series", "show", "play", "novel", "exhibition", "painting", "poem", "article", "report", "documentary"];

/// Why a quote after a cue has no speaker: its subject is a description ("the minister").
const UNNAMED: &str = "a speech verb before it, its speaker not named";
/// ... or its subject is no name the detectors know (perhaps one in another script).
const UNREAD: &str = "a speech verb before it, no name found before that";

/// True for a speech verb ("said", "warned", "posted"...).
pub fn is_cue(word: &str) -> bool {
    CUES.contains(word)
}

/// True if word `k` is a cue: a speech verb, or "called on" ("called on the council to
/// take “…”").
fn cue_at(w: &Words, k: usize) -> bool {
    is_cue(w.str(k)) || matches!(w.str(k), "called" | "calls" | "calling" | "call") && k + 1 < w.len() && w.str(k + 1) == "on"
}

/// The span of the cue at word `k` (both words of "called on" and "according to").
fn cue_span(w: &Words, k: usize) -> Span {
    if is_cue(w.str(k)) { w.words[k].span } else { Span::new(w.words[k].span.start, w.words[k + 1].span.end) }
}

/// Who speaks one quotation, as found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attribution {
    /// The quotation, marks included.
    pub quote: Span,
    /// True for speech; false for a scare quote or a title.
    pub speech: bool,
    /// The mentions that speak it (for a pronoun, the mention it stands for).
    pub speakers: Vec<Span>,
    /// The cue: the speech verb, or "according to".
    pub cue: Option<Span>,
    /// Why the speaker was chosen, for the user.
    pub why: &'static str,
}

/// Attributes each of `quotes`, given the entity `mentions` (sorted, not overlapping).
pub fn attribute(w: &Words, quotes: &[Quote], mentions: &[Mention]) -> Vec<Attribution> {
    let mut out: Vec<Attribution> = Vec::with_capacity(quotes.len());
    for (qi, q) in quotes.iter().enumerate() {
        let next_quote = quotes.get(qi + 1).map_or(usize::MAX, |n| n.span.start);
        let prev_quote = qi.checked_sub(1).map_or(0, |p| quotes[p].span.end);
        let finder = Finder { w, mentions };
        let found = finder.after(q.span, next_quote).or_else(|| finder.before(q.span, prev_quote));
        let inside = words_inside(w, q.span);
        let speech_like = {
            let capitals = inside.clone().filter(|&k| w.str(k).chars().count() > 3 && w.is_capitalised(k)).count();
            let long = inside.clone().filter(|&k| w.str(k).chars().count() > 3).count();
            let title_case = long > 0 && capitals * 10 >= long * 6;
            let ends_sentence = q.span.end >= 2 && matches!(w.chars[q.span.end - 2], '.' | '!' | '?' | ',' | '…');
            let n = inside.len();
            let labelled = finder.first_word_before(q.span.start).is_some_and(|k| NOT_SPEECH_BEFORE.contains(w.str(k)));
            !title_case && !labelled && (n >= 6 || ends_sentence && n >= 3)
        };
        // A quote with no speaker of its own continues the quote before it, in the same
        // paragraph or from the paragraph before, if nobody else is named in between.
        let continued = || {
            let previous = out.iter().rev().find(|p| p.speech)?;
            let between: String = w.chars[previous.quote.end..q.span.start].iter().collect();
            let near = between.matches('\n').count() <= 2 && between.split("\n\n").count() <= 2 && !finder.has_speaker_between(previous.quote.end, q.span.start, &previous.speakers);
            Some(previous.speakers.clone()).filter(|s| near && !s.is_empty())
        };
        let attribution = match found {
            Some((speakers, cue, why)) if !speakers.is_empty() => Attribution { quote: q.span, speech: true, speakers, cue: Some(cue), why },
            // A cue with nobody named before it (see `before`).
            Some((_, cue, why)) => match continued().filter(|_| why == UNREAD) {
                Some(speakers) => Attribution { quote: q.span, speech: true, speakers, cue: Some(cue), why: "continues the quote before it" },
                None => Attribution { quote: q.span, speech: true, speakers: Vec::new(), cue: Some(cue), why },
            },
            None if speech_like => match continued() {
                Some(speakers) => Attribution { quote: q.span, speech: true, speakers, cue: None, why: "continues the quote before it" },
                None => Attribution { quote: q.span, speech: true, speakers: Vec::new(), cue: None, why: "a full sentence in quotation marks" },
            },
            None => Attribution { quote: q.span, speech: false, speakers: Vec::new(), cue: None, why: "no cue: a scare quote or a title" },
        };
        out.push(attribution);
    }
    out
}

/// The words inside `span`.
fn words_inside(w: &Words, span: Span) -> std::ops::Range<usize> {
    w.first_at_or_after(span.start)..w.count_ending_by(span.end)
}

struct Finder<'a> {
    w: &'a Words,
    mentions: &'a [Mention],
}

type Found = (Vec<Span>, Span, &'static str);

impl Finder<'_> {
    /// The mention covering word `k`.
    fn mention_at(&self, k: usize) -> Option<&Mention> {
        let pos = self.w.words[k].span.start;
        let i = self.mentions.partition_point(|m| m.span.end <= pos);
        self.mentions.get(i).filter(|m| m.span.start <= pos && m.category.speaks())
    }

    /// The last word before code point `pos`.
    fn first_word_before(&self, pos: usize) -> Option<usize> {
        self.w.count_ending_by(pos).checked_sub(1)
    }

    /// The speaker right after a cue at word `k`: a pronoun, or the first mention of a
    /// person or an organisation within a few words ("said the painter Reza Karimi",
    /// "said Kenya's environment minister, Wanjiru Mwangi").
    fn speakers_from(&self, k: usize, limit: usize) -> Option<(Vec<Span>, &'static str)> {
        if k < limit && self.pronoun(k).is_some() {
            return self.speakers_at(k, limit);
        }
        (k..limit.min(k + 6)).take_while(|&j| j == k || !is_cue(self.w.str(j))).find_map(|j| self.mention_at(j).map(|_| j)).and_then(|j| self.speakers_at(j, limit))
    }

    /// The subject of a cue among words `from..to`: the person named nearest the verb,
    /// else the nearest organisation, else a pronoun just before the verb.
    fn subject(&self, from: usize, to: usize) -> Option<(Vec<Span>, &'static str)> {
        let named: Vec<usize> = (from..to).filter(|&k| self.mention_at(k).is_some()).collect();
        let person = named.iter().rev().find(|&&k| self.mention_at(k).is_some_and(|m| m.category == Category::Person));
        if let Some(&k) = person.or(named.last()) {
            // The first word of that mention (or of "X and Y").
            let m = self.mention_at(k).expect("found above").span;
            let mut first = self.w.first_at_or_after(m.start);
            if first >= 2 && self.w.str(first - 1) == "and" && self.mention_at(first - 2).is_some() {
                first = self.w.first_at_or_after(self.mention_at(first - 2).expect("checked").span.start);
            }
            return self.speakers_at(first, to);
        }
        let k = (from..to).rev().take(3).find(|&k| self.pronoun(k).is_some())?;
        self.speakers_at(k, to)
    }

    /// The speaker at word `k`: a mention of a person or an organisation, or a pronoun
    /// resolved; with "X and Y", both.
    fn speakers_at(&self, k: usize, limit: usize) -> Option<(Vec<Span>, &'static str)> {
        let w = self.w;
        if k >= limit {
            return None;
        }
        if let Some(m) = self.mention_at(k) {
            let mut speakers = vec![m.span];
            let next = w.count_ending_by(m.span.end);
            if next + 1 < limit && w.str(next) == "and" {
                if let Some(other) = self.mention_at(next + 1) {
                    speakers.push(other.span);
                }
            }
            return Some((speakers, "a name next to a speech verb"));
        }
        let resolved = self.pronoun(k)?;
        let mut speakers = vec![resolved];
        // "they" after "X and Y": both.
        if matches!(w.str(k), "they" | "They") {
            // "Greta Lindqvist, 19, and Kofi Mensah": an "and" within a few words before.
            let first = w.first_at_or_after(resolved.start);
            if let Some(and) = (first.saturating_sub(4)..first).rev().find(|&j| w.str(j) == "and" && !w.ends_sentence_before(j + 1)) {
                if let Some(other) = (and.saturating_sub(4)..and).rev().find_map(|j| self.mention_at(j)).filter(|m| m.category.speaks()) {
                    speakers.insert(0, other.span);
                }
            }
        }
        Some((speakers, "a pronoun next to a speech verb, resolved to the nearest name before it"))
    }

    /// The mention a pronoun at word `k` stands for.
    fn pronoun(&self, k: usize) -> Option<Span> {
        let fits: fn(Category) -> bool = match self.w.str(k) {
            "he" | "she" | "He" | "She" | "him" | "her" => |c| c == Category::Person,
            "it" | "It" => |c| c == Category::Organization,
            "they" | "They" => |c| c.speaks(),
            _ => return None,
        };
        let pos = self.w.words[k].span.start;
        let before = self.mentions.partition_point(|m| m.span.end <= pos);
        self.mentions[..before].iter().rev().take(40).find(|m| fits(m.category)).map(|m| m.span)
    }

    /// A cue after the quote: "…,” Rahimi said", "…,” said Rahimi", "…,” according to Rahimi".
    fn after(&self, quote: Span, next_quote: usize) -> Option<Found> {
        let w = self.w;
        let a = w.first_at_or_after(quote.end);
        let mut end = a;
        while end < w.len() && end < a + 10 && w.words[end].span.start < next_quote && (end == a || !w.ends_sentence_before(end)) {
            end += 1;
        }
        let between: String = w.chars[quote.end..w.words.get(a).map_or(quote.end, |x| x.span.start)].iter().collect();
        let sentence_over = quote.end >= 2 && matches!(w.chars[quote.end - 2], '.' | '!' | '?');
        if a >= end || between.contains(['\n', '.', '!', '?', ';', ':']) || sentence_over && w.is_capitalised(a) && !is_cue(w.str(a)) {
            return None;
        }
        let c = (a..end).find(|&k| cue_at(w, k) || w.str(k).eq_ignore_ascii_case("according") && k + 1 < end && w.str(k + 1) == "to")?;
        let cue = cue_span(w, c);
        // "X said: “…”" introduces the next quotation, not this one.
        if c + 1 < w.len() && w.gap_after(c).contains(':') {
            return None;
        }
        if w.str(c).eq_ignore_ascii_case("according") {
            let (speakers, _) = self.speakers_from(c + 2, end)?;
            return Some((speakers, cue, "“according to” a name"));
        }
        if c == a {
            let (speakers, why) = self.speakers_from(c + 1, end)?;
            return Some((speakers, cue, why));
        }
        self.subject(a, c).map(|(s, why)| (s, cue, why))
    }

    /// A cue before the quote in its sentence: "Rahimi said: “…”", "Rahimi told
    /// reporters that “…”", "According to Rahimi, “…”".
    fn before(&self, quote: Span, prev_quote: usize) -> Option<Found> {
        let w = self.w;
        let z = w.count_ending_by(quote.start);
        // A sentence ends between the last word and the quote: "… she said. “…”".
        let gap: String = w.chars[w.words.get(z.wrapping_sub(1)).map_or(quote.start, |x| x.span.end)..quote.start].iter().collect();
        if z == 0 || gap.contains(['.', '!', '?', '\n']) {
            return None;
        }
        let mut start = z;
        while start > 0 && z - start < 25 && w.words[start - 1].span.start >= prev_quote && !(start < z && w.ends_sentence_before(start)) {
            start -= 1;
        }
        if start >= z {
            return None;
        }
        let c = (start..z).rev().take(10).find(|&k| cue_at(w, k) || w.str(k).eq_ignore_ascii_case("according") && k + 1 < z && w.str(k + 1) == "to")?;
        let cue = cue_span(w, c);
        if w.str(c).eq_ignore_ascii_case("according") {
            let (speakers, _) = self.speakers_from(c + 2, z)?;
            return Some((speakers, cue, "“according to” a name"));
        }
        // A cue with nobody named before it still makes speech. A description for a subject
        // ("The minister …, saying “…”") is somebody unnamed; words without one may be a name
        // the detectors cannot read ("مریم رحیمی … نوشت: «…»"), so the quote may continue.
        let described = (start..c).any(|k| matches!(w.str(k), "the" | "The" | "a" | "A" | "an" | "An"));
        let unnamed = if described { UNNAMED } else { UNREAD };
        Some(self.subject(start, c).map_or_else(|| (Vec::new(), cue, unnamed), |(s, why)| (s, cue, why)))
    }

    /// True if a person other than `speakers` is named between `from` and `to`.
    fn has_speaker_between(&self, from: usize, to: usize, speakers: &[Span]) -> bool {
        let i = self.mentions.partition_point(|m| m.span.start < from);
        self.mentions[i..].iter().take_while(|m| m.span.end <= to).any(|m| m.category == Category::Person && !speakers.contains(&m.span) && !speakers.iter().any(|s| m.alias_of == Some(*s)))
    }
}
