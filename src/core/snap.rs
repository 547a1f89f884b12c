//! Turning a raw selection into an annotation span: snap outwards to whole grapheme
//! clusters, then drop leading and trailing whitespace.
//!
//! A span produced here never splits an emoji, a flag, a letter and its combining marks,
//! or a surrogate pair, and never starts or ends with whitespace.

use super::offsets::Span;
use super::text::Text;
use unicode_segmentation::{GraphemeCursor, UnicodeSegmentation};

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
