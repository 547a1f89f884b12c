//! Turning a raw selection into an annotation span.
//!
//! [`snap`], always: snap outwards to whole grapheme clusters, then drop leading and
//! trailing whitespace. A span produced here never splits an emoji, a flag, a letter and
//! its combining marks, or a surrogate pair, and never starts or ends with whitespace.
//!
//! [`to_words`], by default before it (the app skips it while Alt is held, for exact
//! characters), in this order:
//! 0. [`snap`] to whole clusters, without white space at the ends;
//! 1. widen each end to the whole word it falls in (Unicode word boundaries, UAX #29);
//! 2. drop leading and trailing white space and punctuation (`. , ; : ! ? ( ) [ ] { }`,
//!    dashes, ellipses, Arabic and Persian punctuation, quote marks), but not symbols that
//!    belong to a name or an amount (`$ % # @ & +`), and for a quote label not quote marks;
//! 3. for an entity: drop a possessive `’s` / `'s`, keep the full stop of an abbreviation
//!    (`U.S.`, `Inc.`);
//! 4. for a quote label: take in the quote marks around the selection when there is one
//!    on each side (with the punctuation before the closing one: `“We stay.”`).
//!
//! If nothing is left (a selection of punctuation alone), step 0's span is kept; one of
//! white space alone stays as it was, for the reducer to refuse.

use super::labels::LabelKind;
use super::offsets::Span;
use super::text::Text;
use unicode_segmentation::{GraphemeCursor, UnicodeSegmentation};

/// Code points of context read on each side of a selection to find its words.
const CONTEXT: usize = 64;

/// Quote marks, opening and closing, in the scripts our users paste.
fn is_quote_mark(c: char) -> bool {
    matches!(c, '"' | '\'' | '“' | '”' | '‘' | '’' | '„' | '‚' | '«' | '»' | '‹' | '›' | '「' | '」' | '『' | '』' | '‟' | '‛')
}

/// Punctuation an end of a span drops (quote marks included; see [`is_quote_mark`]).
fn is_punctuation(c: char) -> bool {
    is_quote_mark(c)
        || matches!(
            c,
            '.' | ',' | ';' | ':' | '!' | '?' | '(' | ')' | '[' | ']' | '{' | '}' | '-' | '–' | '—' | '―' | '…' | '·' | '•'
                | '،' | '؛' | '؟' | '۔' | '¡' | '¿' | '/' | '*' | '_'
        )
}

/// Words that end in a full stop of their own.
const ABBREVIATIONS: [&str; 18] =
    ["Inc", "Ltd", "Co", "Corp", "Jr", "Sr", "St", "Dr", "Mr", "Mrs", "Ms", "Prof", "Gen", "Lt", "Col", "Sgt", "Gov", "Sen"];

/// The outermost quotation, quote marks included, around `span` in its paragraph (for
/// a find match marked as a quote: the match is a few words of it). `None` if the span
/// is in no quotation.
///
/// ```
/// use marginalia::core::{offsets::Span, snap::quotation_at, text::Text};
/// let t = Text::new("Intro.\n\nShe said “we will not move, ever” and left.");
/// let inside = Span::new(22, 26); // "will"
/// assert_eq!(t.slice(quotation_at(&t, inside).unwrap()), Some("“we will not move, ever”"));
/// assert_eq!(quotation_at(&t, Span::new(0, 5)), None);
/// ```
pub fn quotation_at(text: &Text, span: Span) -> Option<Span> {
    let s = text.as_str();
    let (start_byte, end_byte) = (text.byte_of(span.start)?, text.byte_of(span.end)?);
    let para_start = s[..start_byte].rfind("\n\n").map_or(0, |i| i + 2);
    let para_end = s[end_byte..].find("\n\n").map_or(s.len(), |i| end_byte + i);
    let from = text.char_of_byte(para_start)?;
    let chars: Vec<char> = s[para_start..para_end].chars().collect();
    let found = super::detect::quotes::find_quotes_in(&chars);
    found
        .quotes
        .iter()
        .map(|q| Span::new(q.span.start + from, q.span.end + from))
        .find(|q| q.start <= span.start && span.end <= q.end)
}

/// Widens `raw` to whole words and trims it for a label of `kind` (see the module doc).
///
/// ```
/// use marginalia::core::{labels::LabelKind, offsets::Span, snap::to_words, text::Text};
/// let t = Text::new("said Maryam Rahimi's aide.");
/// // "aryam Rahimi's" becomes "Maryam Rahimi".
/// assert_eq!(to_words(&t, Span::new(6, 20), LabelKind::Entity), Span::new(5, 18));
/// ```
pub fn to_words(text: &Text, raw: Span, kind: LabelKind) -> Span {
    // Whole clusters first, so that the words and marks are judged on what is seen.
    let Some(raw) = snap(text, raw) else { return raw };
    let from = raw.start.saturating_sub(CONTEXT);
    let to = (raw.end + CONTEXT).min(text.len());
    let Some(window) = text.slice(Span::new(from, to)) else { return raw };
    let chars: Vec<char> = window.chars().collect();
    // 1. Whole words: the word segments the two ends fall in.
    let (mut start, mut end) = (raw.start - from, raw.end - from);
    let mut at = 0;
    for word in window.split_word_bounds() {
        let n = word.chars().count();
        if word.chars().any(char::is_alphanumeric) {
            if at < start && start < at + n {
                start = at;
            }
            if at < end && end < at + n {
                end = at + n;
            }
        }
        at += n;
    }
    // 2. Trim white space and punctuation.
    let quote = kind == LabelKind::Quote;
    let drops = |c: char| c.is_whitespace() || (is_punctuation(c) && !(quote && is_quote_mark(c)));
    let (word_end, mut s, mut e) = (end, start, end);
    while s < e && drops(chars[s]) {
        s += 1;
    }
    while e > s && drops(chars[e - 1]) {
        e -= 1;
    }
    if s == e {
        return raw;
    }
    match kind {
        // 3. Possessives and abbreviations.
        LabelKind::Entity => {
            let kept: String = chars[s..e].iter().collect();
            if (kept.ends_with("'s") || kept.ends_with("’s")) && e - s > 2 && chars[e - 3].is_alphabetic() {
                e -= 2;
            } else if e < word_end && chars[e] == '.' {
                let last = kept.rsplit(|c: char| c.is_whitespace()).next().unwrap_or_default();
                if last.contains('.') || ABBREVIATIONS.contains(&last) {
                    e += 1;
                }
            }
        }
        // 4. The quote marks around a quotation.
        LabelKind::Quote => {
            let opens = s > 0 && is_quote_mark(chars[s - 1]) && !is_quote_mark(chars[s]);
            let mut close = e;
            while close < chars.len() && close < e + 3 && matches!(chars[close], '.' | ',' | '!' | '?' | ';' | ':' | '…') {
                close += 1;
            }
            let closes = !is_quote_mark(chars[e - 1]) && close < chars.len() && is_quote_mark(chars[close]);
            if opens && closes {
                s -= 1;
                e = close + 1;
            }
        }
        LabelKind::Cue => {}
    }
    Span::new(from + s, from + e)
}

/// Snaps `raw` (clamped to the text) outwards to grapheme cluster boundaries and trims
/// whitespace clusters from both ends. `None` if nothing but whitespace is left.
///
/// ```
/// use marginalia::core::{offsets::Span, snap::snap, text::Text};
/// let t = Text::new("said  Maryam Rahimi 👩🏽‍⚕️ ");
/// // A selection of " Maryam Rahim" loses its leading space (no cluster is split):
/// assert_eq!(snap(&t, Span::new(5, 18)), Some(Span::new(6, 18)));
/// // Half of a five-code-point emoji becomes the whole emoji.
/// assert_eq!(snap(&t, Span::new(21, 23)), Some(Span::new(20, 25)));
/// ```
pub fn snap(text: &Text, raw: Span) -> Option<Span> {
    let raw = raw.clamp(text.len());
    let s = text.as_str();
    let start_byte = text.byte_of(raw.start)?;
    let end_byte = text.byte_of(raw.end)?;
    let start_byte = boundary_at_or_before(s, start_byte);
    let end_byte = boundary_at_or_after(s, end_byte);
    let covered = &s[start_byte..end_byte];
    let mut first = None;
    let mut last = start_byte;
    for (offset, cluster) in covered.grapheme_indices(true) {
        if !cluster.chars().all(char::is_whitespace) {
            first.get_or_insert(start_byte + offset);
            last = start_byte + offset + cluster.len();
        }
    }
    let first = first?;
    Some(Span::new(text.char_of_byte(first)?, text.char_of_byte(last)?))
}

fn boundary_at_or_before(s: &str, byte: usize) -> usize {
    let mut cursor = GraphemeCursor::new(byte, s.len(), true);
    match cursor.is_boundary(s, 0) {
        Ok(true) => byte,
        _ => cursor.prev_boundary(s, 0).ok().flatten().unwrap_or(0),
    }
}

fn boundary_at_or_after(s: &str, byte: usize) -> usize {
    let mut cursor = GraphemeCursor::new(byte, s.len(), true);
    match cursor.is_boundary(s, 0) {
        Ok(true) => byte,
        _ => cursor.next_boundary(s, 0).ok().flatten().unwrap_or(s.len()),
    }
}

/// True if `pos` (a code point offset) is a grapheme cluster boundary of `text`.
pub fn is_cluster_boundary(text: &Text, pos: usize) -> bool {
    let Some(byte) = text.byte_of(pos) else { return false };
    GraphemeCursor::new(byte, text.as_str().len(), true)
        .is_boundary(text.as_str(), 0)
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn combining_mark_is_kept_with_its_letter() {
        let t = Text::new("Jose\u{301} said");
        // Selecting "Jose" without the accent takes the accent too.
        assert_eq!(snap(&t, Span::new(0, 4)), Some(Span::new(0, 5)));
    }

    #[test]
    fn whitespace_only_selection_is_nothing() {
        let t = Text::new("a \n\t b");
        assert_eq!(snap(&t, Span::new(1, 5)), None);
        assert_eq!(snap(&t, Span::new(3, 3)), None);
    }

    #[test]
    fn selection_across_a_paragraph_break_keeps_the_break_inside() {
        let t = Text::new("“First part.\n\nSecond part.” ");
        assert_eq!(snap(&t, Span::new(0, 28)), Some(Span::new(0, 27)));
    }

    #[test]
    fn persian_text_and_flags_snap_to_clusters() {
        let t = Text::new("از مریم 🇮🇷 گفت");
        assert_eq!(snap(&t, Span::new(8, 9)), Some(Span::new(8, 10)));
        assert_eq!(snap(&t, Span::new(2, 7)), Some(Span::new(3, 7)));
    }

    #[test]
    fn out_of_range_is_clamped() {
        let t = Text::new("abc");
        assert_eq!(snap(&t, Span::new(1, 99)), Some(Span::new(1, 3)));
        assert_eq!(snap(&t, Span::new(50, 99)), None);
    }
}
