//! The tagger's tokens: the shared word scan's words, and between them each mark of
//! punctuation as a token of its own (a possessive `’s` is one token, and so is an
//! abbreviation with its stop, "Dr."), cut into sentences.
//!
//! The training corpora come tokenised the Universal Dependencies way ("Iran", "’s", ",");
//! this is the same cut made on raw text, so the features see the same kinds of tokens at
//! training and at tagging. A sentence ends where the word scan says one does (a stop, a
//! line break), and is cut after [`MAX_SENTENCE`] tokens, so a text without stops costs no
//! more than one with them.
//!
//! ```
//! use marginalia::core::detect::{tagger::tokens::sentences, words::Words};
//! let w = Words::new("Iran’s envoy met Ali (UNHCR). He left. Dr. Amini stayed.");
//! let s: Vec<Vec<&str>> = sentences(&w).iter().map(|s| s.iter().map(|t| t.text).collect()).collect();
//! assert_eq!(s, [vec!["Iran", "’s", "envoy", "met", "Ali", "(", "UNHCR", ")", "."], vec!["He", "left", "."], vec!["Dr.", "Amini", "stayed", "."]]);
//! ```

use crate::core::detect::words::Words;
use crate::core::offsets::Span;

/// Tokens after which a sentence is cut even without a stop.
pub const MAX_SENTENCE: usize = 120;

/// One token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token<'t> {
    /// Its text.
    pub text: &'t str,
    /// Where it is, in code points.
    pub span: Span,
    /// The word scan's index when it is a word (not punctuation).
    pub word: Option<usize>,
}

/// The tokens of the scanned text, sentence by sentence.
pub fn sentences(w: &Words) -> Vec<Vec<Token<'_>>> {
    let text = w.text();
    let mut out: Vec<Vec<Token<'_>>> = Vec::new();
    let mut current: Vec<Token<'_>> = Vec::new();
    for i in 0..w.len() {
        let word = w.words[i];
        if i > 0 && w.ends_sentence_before(i) {
            // The marks after the last word belong to its sentence, up to a line break.
            let (gap_start, gap_start_byte) = (w.words[i - 1].span.end, w.words[i - 1].end_byte);
            let gap = &text[gap_start_byte..word.start_byte];
            let line = gap.find('\n').unwrap_or(gap.len());
            push_marks(&mut current, &gap[..line], gap_start);
            flush(&mut current, &mut out, text);
            let skipped = gap[..line].chars().count();
            push_marks(&mut current, &gap[line..], gap_start + skipped);
        } else {
            let (gap_start, gap_start_byte) = if i == 0 { (0, 0) } else { (w.words[i - 1].span.end, w.words[i - 1].end_byte) };
            push_marks(&mut current, &text[gap_start_byte..word.start_byte], gap_start);
        }
        if current.len() >= MAX_SENTENCE {
            flush(&mut current, &mut out, text);
        }
        current.push(Token { text: &text[word.start_byte..word.end_byte], span: word.span, word: Some(i) });
    }
    if let Some(last) = w.words.last() {
        push_marks(&mut current, &text[last.end_byte..], last.span.end);
    }
    flush(&mut current, &mut out, text);
    out
}

/// Pushes the marks of `gap` (text between two words, starting at code point `start`).
fn push_marks<'t>(tokens: &mut Vec<Token<'t>>, gap: &'t str, start: usize) {
    let mut at = start;
    let mut chars = gap.char_indices().peekable();
    while let Some((b, c)) = chars.next() {
        if c.is_whitespace() || matches!(c, '\u{200b}' | '\u{feff}') {
            at += 1;
            continue;
        }
        // A possessive: the apostrophe and its s are one token.
        if matches!(c, '\'' | '’') && chars.peek().is_some_and(|&(_, d)| d == 's') {
            chars.next();
            tokens.push(Token { text: &gap[b..b + c.len_utf8() + 1], span: Span::new(at, at + 2), word: None });
            at += 2;
            continue;
        }
        tokens.push(Token { text: &gap[b..b + c.len_utf8()], span: Span::new(at, at + 1), word: None });
        at += 1;
    }
}

/// Abbreviations written with a stop that the corpora keep in one token with it ("Dr.").
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "St", "Sen", "Rep", "Gov", "Gen", "Col", "Capt", "Lt", "Sgt", "Maj", "Adm", "Rev", "Jr", "Sr", "Mt", "Ft", "Inc", "Corp", "Co", "Ltd", "No", "Nos", "vs", "Jan", "Feb", "Mar", "Apr", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec",
];

/// Moves the sentence being built, if any, to `out`, an abbreviation and its stop joined.
fn flush<'t>(current: &mut Vec<Token<'t>>, out: &mut Vec<Vec<Token<'t>>>, text: &'t str) {
    if current.is_empty() {
        return;
    }
    let mut i = 1;
    while i < current.len() {
        let (last, t) = (current[i - 1], current[i]);
        if t.text == "." && last.span.end == t.span.start && last.word.is_some() && ABBREVIATIONS.contains(&last.text) {
            // Both are slices of `text`, the stop right after the word.
            let start = last.text.as_ptr() as usize - text.as_ptr() as usize;
            current[i - 1].text = &text[start..start + last.text.len() + 1];
            current[i - 1].span = Span::new(last.span.start, t.span.end);
            current.remove(i);
        } else {
            i += 1;
        }
    }
    out.push(std::mem::take(current));
}
