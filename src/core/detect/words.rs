//! The word scan every detector shares: one pass over the text that finds its words, with
//! their spans in code points and their byte ranges, and answers the questions detectors
//! ask about them (is it capitalised, does a sentence start here, what lies between two).
//!
//! A word is a run of letters, digits and combining marks (so Persian with its zero-width
//! non-joiner, and accented names, stay whole), joined across an inner hyphen, apostrophe
//! or full stop ("al-Assad", "don't", "U.S."). A possessive `'s` is not part of the word
//! ("Iran's" is the word "Iran"), so a name keeps its span.
//!
//! ```
//! use marginalia::core::detect::words::Words;
//! let w = Words::new("Iran’s envoy met al-Assad in the U.S. on Monday.");
//! let all: Vec<&str> = (0..w.len()).map(|i| w.str(i)).collect();
//! assert_eq!(all, ["Iran", "envoy", "met", "al-Assad", "in", "the", "U.S.", "on", "Monday"]);
//! ```

use crate::core::offsets::Span;
use rustc_hash::FxHashSet as HashSet;

/// One word: where it is in code points and in bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Word {
    /// In code points.
    pub span: Span,
    /// Byte range in the text.
    pub start_byte: usize,
    /// One past its last byte.
    pub end_byte: usize,
}

/// The words of a text.
pub struct Words {
    text: Box<str>,
    /// Every code point of the text (detectors look at marks between words).
    pub chars: Vec<char>,
    /// The words in order.
    pub words: Vec<Word>,
}

/// A fixed set of words, asked about once per word of a long text: a hash set behind a
/// check of the word's length and first byte, which turns most words away unhashed.
pub struct WordSet {
    words: HashSet<&'static str>,
    lengths: u64,
    first_bytes: [u64; 4],
}

impl WordSet {
    /// The set of `words`.
    pub fn new(words: &[&'static str]) -> WordSet {
        let mut first_bytes = [0u64; 4];
        for w in words {
            let b = w.as_bytes().first().copied().unwrap_or(0) as usize;
            first_bytes[b / 64] |= 1 << (b % 64);
        }
        WordSet { words: words.iter().copied().collect(), lengths: words.iter().fold(0, |m, w| m | 1u64 << w.len().min(63)), first_bytes }
    }

    /// True if `word` is in the set.
    pub fn contains(&self, word: &str) -> bool {
        let b = word.as_bytes().first().copied().unwrap_or(0) as usize;
        self.first_bytes[b / 64] & (1 << (b % 64)) != 0 && self.lengths & (1u64 << word.len().min(63)) != 0 && self.words.contains(word)
    }
}

/// A [`WordSet`] made on first use.
pub type LazyWordSet = std::sync::LazyLock<WordSet>;

/// True for characters that belong inside a word.
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    // Arabic-script letters (Persian, Arabic, Urdu) without the table lookup.
    if ('\u{0621}'..='\u{064a}').contains(&c) || ('\u{0671}'..='\u{06d3}').contains(&c) {
        return true;
    }
    // General punctuation (dashes, curly quotes), save the joiners Persian needs.
    if ('\u{2000}'..='\u{206f}').contains(&c) {
        return matches!(c, '\u{200c}' | '\u{200d}');
    }
    c.is_alphanumeric() || matches!(c, '\u{300}'..='\u{36f}' | '\u{64b}'..='\u{65f}' | '\u{670}' | '\u{200c}' | '\u{200d}')
}

/// Abbreviations whose full stop does not end a sentence.
static ABBREVIATIONS: LazyWordSet = LazyWordSet::new(|| WordSet::new(ABBREVIATION_LIST));
const ABBREVIATION_LIST: &[&str] = &["Mr", "Mrs", "Ms", "Dr", "St", "Gen", "Sen", "Rep", "Gov", "Lt", "Col", "Prof", "Jr", "Sr", "Capt", "Sgt", "Rev", "No", "Vol", "vs", "Mt", "Ft", "Jan", "Feb", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec", "Inc", "Corp", "Ltd", "Co"];

impl Words {
    /// Scans `text` once.
    pub fn new(text: &str) -> Words {
        // Sized once: growing a 4 MB vector step by step is slow in wasm.
        let mut chars: Vec<char> = Vec::with_capacity(text.len());
        chars.extend(text.chars());
        let mut words = Vec::with_capacity(chars.len() / 5);
        let mut byte = 0;
        let mut i = 0;
        let n = chars.len();
        // Byte offset of each char is tracked as we go.
        while i < n {
            if !is_word_char(chars[i]) {
                byte += chars[i].len_utf8();
                i += 1;
                continue;
            }
            let (start, start_byte) = (i, byte);
            let mut possessive = false;
            while i < n {
                let c = chars[i];
                if is_word_char(c) {
                    byte += c.len_utf8();
                    i += 1;
                } else if matches!(c, '-' | '\'' | '’' | '.') && chars.get(i + 1).is_some_and(|&d| is_word_char(d)) {
                    // A possessive 's ends the word before its apostrophe.
                    if matches!(c, '\'' | '’') && matches!(chars.get(i + 1), Some('s')) && !chars.get(i + 2).is_some_and(|&d| is_word_char(d)) {
                        possessive = true;
                        break;
                    }
                    byte += c.len_utf8();
                    i += 1;
                } else {
                    break;
                }
            }
            // Dotted initials and acronyms keep their final stop: "U.S.", "F.".
            if chars.get(i) == Some(&'.') && is_initials(&chars[start..i]) {
                byte += 1;
                i += 1;
            }
            words.push(Word { span: Span::new(start, i), start_byte, end_byte: byte });
            if possessive {
                // Skip the apostrophe and the s.
                byte += chars[i].len_utf8() + 1;
                i += 2;
            }
        }
        Words { text: text.into(), chars, words }
    }

    /// The text scanned.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// True if the text has no words.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Word `i`'s text.
    pub fn str(&self, i: usize) -> &str {
        let w = self.words[i];
        &self.text[w.start_byte..w.end_byte]
    }

    /// The text from word `i` to word `j`, both included.
    pub fn str_between(&self, i: usize, j: usize) -> &str {
        &self.text[self.words[i].start_byte..self.words[j].end_byte]
    }

    /// What lies between word `i - 1` and word `i` (from the text's start for word 0).
    pub fn gap_before(&self, i: usize) -> &str {
        let from = if i == 0 { 0 } else { self.words[i - 1].end_byte };
        &self.text[from..self.words[i].start_byte]
    }

    /// What lies between word `i` and word `i + 1` (to the text's end for the last word).
    pub fn gap_after(&self, i: usize) -> &str {
        let to = self.words.get(i + 1).map_or(self.text.len(), |w| w.start_byte);
        &self.text[self.words[i].end_byte..to]
    }

    /// The text of `span`, which must start at a word's start and end at a word's end
    /// (as every detector's finding does); empty otherwise.
    pub fn slice(&self, span: Span) -> &str {
        let a = self.first_at_or_after(span.start);
        let b = self.count_ending_by(span.end);
        match (self.words.get(a), b.checked_sub(1).and_then(|b| self.words.get(b))) {
            (Some(x), Some(y)) if x.span.start == span.start && y.span.end == span.end && a < b => &self.text[x.start_byte..y.end_byte],
            _ => "",
        }
    }

    /// True if word `i` starts with a capital letter.
    pub fn is_capitalised(&self, i: usize) -> bool {
        self.chars[self.words[i].span.start].is_uppercase()
    }

    /// True if word `i` starts with a lower-case letter.
    pub fn is_lower(&self, i: usize) -> bool {
        self.chars[self.words[i].span.start].is_lowercase()
    }

    /// True if word `i` is written in capitals only, at least two of them ("UNHCR", "U.S.").
    pub fn is_acronym(&self, i: usize) -> bool {
        let s = self.str(i);
        s.chars().filter(|c| c.is_uppercase()).count() >= 2 && !s.chars().any(char::is_lowercase)
    }

    /// True if only spaces (at most one line's worth, no punctuation) separate word `i - 1` and word `i`.
    pub fn joined_by_space(&self, i: usize) -> bool {
        i > 0 && matches!(self.gap_before(i), " " | "\u{a0}")
    }

    /// True if a sentence (or a quotation, or a line) starts at word `i`.
    pub fn starts_sentence(&self, i: usize) -> bool {
        if i == 0 {
            return true;
        }
        let gap = self.gap_before(i);
        if gap.contains(['\n', '!', '?', ':', '“', '"', '«', '„', '‘', '(', '「']) {
            return true;
        }
        gap.contains('.') && !ABBREVIATIONS.contains(self.str(i - 1)) && !self.str(i - 1).ends_with('.')
    }

    /// True if word `i` surely starts a sentence: after a stop, and a function word or a
    /// line break ("… in Washington D.C. The team …").
    pub fn starts_sentence_strictly(&self, i: usize) -> bool {
        self.gap_before(i).contains('\n') || matches!(self.str(i), "The" | "A" | "An" | "In" | "On" | "He" | "She" | "It" | "They" | "We" | "This" | "But" | "Image" | "Photo")
    }

    /// True if a sentence ends between word `i - 1` and word `i` (a stop, or a line break).
    pub fn ends_sentence_before(&self, i: usize) -> bool {
        if i == 0 || i >= self.words.len() {
            return true;
        }
        let gap = self.gap_before(i);
        gap.contains(['\n', '!', '?']) || (gap.contains('.') && !ABBREVIATIONS.contains(self.str(i - 1))) || self.str(i - 1).ends_with('.') && self.is_capitalised(i) && !is_initials_str(self.str(i - 1))
    }

    /// The index of the first word starting at or after code point `pos`.
    pub fn first_at_or_after(&self, pos: usize) -> usize {
        self.words.partition_point(|w| w.span.start < pos)
    }

    /// The number of words ending at or before code point `pos`.
    pub fn count_ending_by(&self, pos: usize) -> usize {
        self.words.partition_point(|w| w.span.end <= pos)
    }
}

/// True for "U.S", "D.C", "F": single letters joined by stops.
fn is_initials(chars: &[char]) -> bool {
    !chars.is_empty() && chars.iter().enumerate().all(|(k, c)| if k % 2 == 0 { c.is_uppercase() } else { *c == '.' })
}

fn is_initials_str(s: &str) -> bool {
    let chars: Vec<char> = s.trim_end_matches('.').chars().collect();
    is_initials(&chars)
}
