//! Text offsets: the one span type and every conversion between offset units.
//!
//! **The unit inside Marginalia is the Unicode code point** (a Rust `char`). It is the
//! unit of the export format (so that Python's `text[start:end]` works), of the W3C Web
//! Annotation model, and of every [`Span`] in `core`. Two other units exist only at the
//! edges, and this module is the only place that converts between them:
//!
//! - UTF-8 bytes, to slice Rust strings ([`OffsetIndex::byte_of`]);
//! - UTF-16 code units, which the DOM uses for `Range` and `Selection` offsets
//!   ([`utf16_to_char`], [`char_to_utf16`]; browser glue converts within one rendered
//!   text piece of a few KB, never across the whole document), and which some exchange
//!   formats count in (UIMA CAS, Recogito's W3C annotations): [`Utf16Index`] converts
//!   whole-document offsets both ways, and says when a UTF-16 offset falls inside a
//!   surrogate pair instead of rounding it.
//!
//! **Architecture Invariant:** no other module does offset arithmetic across units.

use serde::{Deserialize, Serialize};

/// A half-open range `[start, end)` of code points in a document's text.
///
/// ```
/// use marginalia::core::offsets::Span;
/// // "said Maryam Rahimi": "Maryam Rahimi" is 5..18.
/// let s = Span::new(5, 18);
/// assert_eq!(s.len(), 13);
/// assert!(s.contains(5) && !s.contains(18));
/// assert!(s.overlaps(Span::new(17, 30)) && !s.overlaps(Span::new(18, 30)));
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    /// First code point in the span.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
}

impl Span {
    /// Makes a span; the ends are swapped if given backwards (a selection dragged right to left).
    pub fn new(a: usize, b: usize) -> Span {
        Span { start: a.min(b), end: a.max(b) }
    }

    /// Number of code points covered.
    pub fn len(self) -> usize {
        self.end - self.start
    }

    /// True for a zero-width span (a caret).
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// True if code point `pos` lies inside the span.
    pub fn contains(self, pos: usize) -> bool {
        self.start <= pos && pos < self.end
    }

    /// True if the two spans share at least one code point.
    pub fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The span clamped to `[0, len)`.
    pub fn clamp(self, len: usize) -> Span {
        Span::new(self.start.min(len), self.end.min(len))
    }
}

/// How many code points lie between two byte checkpoints in [`OffsetIndex`].
const STRIDE: usize = 64;

/// Code point to UTF-8 byte lookup for one text, in O(1) plus at most 63 steps.
///
/// Stores the byte offset of every 64th code point (16 KB per million characters).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OffsetIndex {
    checkpoints: Vec<u32>,
    len_chars: usize,
    len_bytes: usize,
}

impl OffsetIndex {
    /// Indexes `text`. Texts longer than 4 GiB are not supported (the document limit is far lower).
    pub fn new(text: &str) -> OffsetIndex {
        let mut checkpoints = Vec::with_capacity(text.len() / STRIDE + 1);
        let mut count = 0;
        for (byte, _) in text.char_indices() {
            if count % STRIDE == 0 {
                checkpoints.push(byte as u32);
            }
            count += 1;
        }
        OffsetIndex { checkpoints, len_chars: count, len_bytes: text.len() }
    }

    /// Length of the indexed text in code points.
    pub fn len_chars(&self) -> usize {
        self.len_chars
    }

    /// UTF-8 byte offset of code point `pos` in `text` (the same text this index was built
    /// from). `pos == len_chars()` gives the text's byte length; `None` past the end.
    pub fn byte_of(&self, text: &str, pos: usize) -> Option<usize> {
        if pos > self.len_chars {
            return None;
        }
        if pos == self.len_chars {
            return Some(self.len_bytes);
        }
        let base = self.checkpoints[pos / STRIDE] as usize;
        let rest = pos % STRIDE;
        let (offset, _) = text[base..].char_indices().nth(rest)?;
        Some(base + offset)
    }

    /// The `&str` covered by `span`, or `None` if the span runs past the end.
    pub fn slice<'t>(&self, text: &'t str, span: Span) -> Option<&'t str> {
        let start = self.byte_of(text, span.start)?;
        let end = self.byte_of(text, span.end)?;
        Some(&text[start..end])
    }

    /// Code point offset of UTF-8 byte offset `byte`, which must lie on a char boundary.
    pub fn char_of_byte(&self, text: &str, byte: usize) -> Option<usize> {
        if byte > text.len() || !text.is_char_boundary(byte) {
            return None;
        }
        // Last checkpoint at or before `byte`.
        let block = self.checkpoints.partition_point(|&b| (b as usize) <= byte).saturating_sub(1);
        let base = self.checkpoints.get(block).copied().unwrap_or(0) as usize;
        Some(block * STRIDE + text[base..byte].chars().count())
    }
}

/// Code point ↔ UTF-16 code unit offsets over one whole text, in O(1) plus at most 63
/// steps each way. Stores the UTF-16 offset of every 64th code point.
///
/// ```
/// use marginalia::core::offsets::{InsidePair, Utf16Index};
/// let text = "a😀b مریم";
/// let index = Utf16Index::new(text);
/// assert_eq!(index.utf16_of(text, 2), Some(3)); // "b" follows the two units of 😀
/// assert_eq!(index.char_of(text, 3), Ok(2));
/// assert_eq!(index.char_of(text, 2), Err(InsidePair::Inside(1)), "between the halves of 😀");
/// assert_eq!(index.char_of(text, 99), Err(InsidePair::PastEnd));
/// assert_eq!(index.len_utf16(), 9);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Utf16Index {
    /// (code point, UTF-16 offset, UTF-8 byte) of every [`STRIDE`]th code point.
    checkpoints: Vec<(usize, usize, usize)>,
    len_chars: usize,
    len_utf16: usize,
}

/// Why a UTF-16 offset names no code point boundary.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InsidePair {
    /// It falls between the two halves of the surrogate pair of this code point.
    Inside(usize),
    /// It lies past the end of the text.
    PastEnd,
}

impl Utf16Index {
    /// Indexes `text`.
    pub fn new(text: &str) -> Utf16Index {
        let mut checkpoints = Vec::with_capacity(text.len() / STRIDE + 1);
        let (mut chars, mut units) = (0, 0);
        for (byte, c) in text.char_indices() {
            if chars % STRIDE == 0 {
                checkpoints.push((chars, units, byte));
            }
            chars += 1;
            units += c.len_utf16();
        }
        Utf16Index { checkpoints, len_chars: chars, len_utf16: units }
    }

    /// Length of the text in UTF-16 code units (JavaScript's `length`).
    pub fn len_utf16(&self) -> usize {
        self.len_utf16
    }

    /// The UTF-16 offset of code point `pos` of `text` (the text this index was built
    /// from); `None` past the end.
    pub fn utf16_of(&self, text: &str, pos: usize) -> Option<usize> {
        if pos > self.len_chars {
            return None;
        }
        if pos == self.len_chars {
            return Some(self.len_utf16);
        }
        let (at, mut units, byte) = self.checkpoints[pos / STRIDE];
        for c in text[byte..].chars().take(pos - at) {
            units += c.len_utf16();
        }
        Some(units)
    }

    /// The code point at UTF-16 offset `units` of `text`, or why there is none.
    pub fn char_of(&self, text: &str, units: usize) -> Result<usize, InsidePair> {
        if units > self.len_utf16 {
            return Err(InsidePair::PastEnd);
        }
        if units == self.len_utf16 {
            return Ok(self.len_chars);
        }
        let block = self.checkpoints.partition_point(|&(_, u, _)| u <= units).saturating_sub(1);
        let (mut pos, mut at, byte) = self.checkpoints[block];
        for c in text[byte..].chars() {
            if at == units {
                return Ok(pos);
            }
            at += c.len_utf16();
            if at > units {
                return Err(InsidePair::Inside(pos));
            }
            pos += 1;
        }
        Ok(pos)
    }

    /// `span` (code points) in UTF-16 code units.
    pub fn span_to_utf16(&self, text: &str, span: Span) -> Option<(usize, usize)> {
        Some((self.utf16_of(text, span.start)?, self.utf16_of(text, span.end)?))
    }
}

/// Number of code points in `s`.
pub fn char_len(s: &str) -> usize {
    s.chars().count()
}

/// Number of UTF-16 code units in `s` (what JavaScript's `length` reports).
pub fn utf16_len(s: &str) -> usize {
    s.chars().map(char::len_utf16).sum()
}

/// Converts a UTF-16 offset inside `s` to a code point offset.
///
/// An offset that falls between the two halves of a surrogate pair (possible in a DOM
/// selection) rounds down to the start of that character. `None` past the end.
///
/// ```
/// use marginalia::core::offsets::utf16_to_char;
/// // "😀" is two UTF-16 units and one code point.
/// assert_eq!(utf16_to_char("😀a", 2), Some(1));
/// assert_eq!(utf16_to_char("😀a", 1), Some(0));
/// ```
pub fn utf16_to_char(s: &str, utf16: usize) -> Option<usize> {
    let mut units = 0;
    for (i, c) in s.chars().enumerate() {
        let next = units + c.len_utf16();
        if utf16 < next {
            return Some(i);
        }
        units = next;
    }
    (utf16 == units).then(|| char_len(s))
}

/// Converts a code point offset inside `s` to a UTF-16 offset; `None` past the end.
///
/// ```
/// use marginalia::core::offsets::char_to_utf16;
/// assert_eq!(char_to_utf16("😀a", 1), Some(2));
/// ```
pub fn char_to_utf16(s: &str, pos: usize) -> Option<usize> {
    let mut units = 0;
    let mut chars = s.chars();
    for _ in 0..pos {
        units += chars.next()?.len_utf16();
    }
    Some(units)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_of_walks_checkpoints_in_mixed_text() {
        let text = "سلام 😀 e\u{301} ".repeat(40);
        let index = OffsetIndex::new(&text);
        for (i, (byte, _)) in text.char_indices().enumerate() {
            assert_eq!(index.byte_of(&text, i), Some(byte));
            assert_eq!(index.char_of_byte(&text, byte), Some(i));
        }
        assert_eq!(index.byte_of(&text, index.len_chars()), Some(text.len()));
        assert_eq!(index.byte_of(&text, index.len_chars() + 1), None);
    }

    #[test]
    fn slice_cuts_persian_and_emoji_exactly() {
        let text = "گفت مریم رحیمی 😀 امروز";
        let index = OffsetIndex::new(text);
        assert_eq!(index.slice(text, Span::new(4, 14)), Some("مریم رحیمی"));
        assert_eq!(index.slice(text, Span::new(15, 16)), Some("😀"));
        assert_eq!(index.slice(text, Span::new(15, 99)), None);
    }

    #[test]
    fn utf16_inside_a_surrogate_pair_rounds_down() {
        assert_eq!(utf16_to_char("a😀b", 2), Some(1));
        assert_eq!(utf16_to_char("a😀b", 3), Some(2));
        assert_eq!(utf16_to_char("a😀b", 5), None);
        assert_eq!(char_to_utf16("a😀b", 4), None);
    }

    #[test]
    fn utf16_index_agrees_with_the_piecewise_conversions_across_checkpoints() {
        let text = "😀a مریم e\u{301} 🇮🇷 ".repeat(30);
        let index = Utf16Index::new(&text);
        for pos in 0..=text.chars().count() {
            let units = char_to_utf16(&text, pos).unwrap();
            assert_eq!(index.utf16_of(&text, pos), Some(units));
            assert_eq!(index.char_of(&text, units), Ok(pos));
        }
        // Every unit between the halves of a pair is reported, never rounded.
        let mut units = 0;
        for (pos, c) in text.chars().enumerate() {
            if c.len_utf16() == 2 {
                assert_eq!(index.char_of(&text, units + 1), Err(InsidePair::Inside(pos)));
            }
            units += c.len_utf16();
        }
        assert_eq!(index.len_utf16(), units);
    }

    #[test]
    fn span_new_orders_backwards_selections() {
        assert_eq!(Span::new(9, 3), Span { start: 3, end: 9 });
        assert_eq!(Span::new(3, 9).clamp(5), Span::new(3, 5));
    }
}
