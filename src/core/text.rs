//! A document's text: normalised once on entry, then immutable, with its layout into
//! paragraphs and pieces for rendering.
//!
//! Normalisation does exactly two things: CRLF becomes LF and a leading byte order mark
//! is dropped. Nothing else changes: no Unicode normalisation, no trimming, no changes to
//! quotes or whitespace inside the text, so offsets into it match what the user pasted.

use super::offsets::{OffsetIndex, Span};
use sha2::{Digest, Sha256};

/// Longest paragraph piece, in code points, rendered as one DOM text node. Offsets
/// coming from the DOM are converted within one piece, so this bounds that work.
pub const PIECE_CHARS: usize = 2048;

/// The largest document accepted, in code points.
pub const MAX_CHARS: usize = 5_000_000;

/// Immutable document text with its code point index and fingerprint.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Text {
    string: String,
    index: OffsetIndex,
    /// Lowercase hex SHA-256, computed once: every save and every import compares it.
    sha256: String,
}

impl Text {
    /// Normalises pasted text (CRLF to LF, leading BOM dropped) and indexes it.
    ///
    /// ```
    /// use marginalia::core::text::Text;
    /// let t = Text::new("\u{feff}one\r\ntwo\r");
    /// assert_eq!(t.as_str(), "one\ntwo\r");
    /// ```
    pub fn new(raw: &str) -> Text {
        let raw = raw.strip_prefix('\u{feff}').unwrap_or(raw);
        let string = if raw.contains("\r\n") { raw.replace("\r\n", "\n") } else { raw.to_owned() };
        Text::exact_owned(string)
    }

    /// Keeps `exact` unchanged (for an imported file, whose offsets refer to its text as
    /// written) and indexes it.
    pub fn exact(exact: &str) -> Text {
        Text::exact_owned(exact.to_owned())
    }

    fn exact_owned(string: String) -> Text {
        let index = OffsetIndex::new(&string);
        let sha256 = Sha256::digest(string.as_bytes()).iter().map(|b| format!("{b:02x}")).collect();
        Text { string, index, sha256 }
    }

    /// The text itself.
    pub fn as_str(&self) -> &str {
        &self.string
    }

    /// Length in code points.
    pub fn len(&self) -> usize {
        self.index.len_chars()
    }

    /// True for the empty text.
    pub fn is_empty(&self) -> bool {
        self.string.is_empty()
    }

    /// The text covered by `span`; `None` if it runs past the end.
    pub fn slice(&self, span: Span) -> Option<&str> {
        self.index.slice(&self.string, span)
    }

    /// UTF-8 byte offset of code point `pos`.
    pub fn byte_of(&self, pos: usize) -> Option<usize> {
        self.index.byte_of(&self.string, pos)
    }

    /// Code point offset of a UTF-8 byte offset on a char boundary.
    pub fn char_of_byte(&self, byte: usize) -> Option<usize> {
        self.index.char_of_byte(&self.string, byte)
    }

    /// Lowercase hex SHA-256 of the UTF-8 text.
    pub fn sha256_hex(&self) -> &str {
        &self.sha256
    }

    /// Splits the text into paragraphs for rendering: each paragraph runs up to and
    /// including its line break(s), and is cut into pieces of at most [`PIECE_CHARS`]
    /// code points at a whitespace boundary where one exists. Pieces cover the whole text
    /// in order, without gaps.
    pub fn layout(&self) -> Vec<Paragraph> {
        let mut paragraphs = Vec::new();
        let mut start = 0;
        let mut chars = self.string.chars().peekable();
        let mut pos = 0;
        while let Some(c) = chars.next() {
            pos += 1;
            if c == '\n' && chars.peek() != Some(&'\n') {
                paragraphs.push(self.paragraph(Span::new(start, pos)));
                start = pos;
            }
        }
        if start < pos || paragraphs.is_empty() {
            paragraphs.push(self.paragraph(Span::new(start, pos)));
        }
        paragraphs
    }

    fn paragraph(&self, span: Span) -> Paragraph {
        let text = self.slice(span).unwrap_or_default();
        let mut pieces = Vec::new();
        let mut piece_start = span.start;
        let mut last_space = None;
        for (i, c) in text.chars().enumerate() {
            let pos = span.start + i;
            if pos - piece_start >= PIECE_CHARS {
                let cut = last_space.filter(|&s| s > piece_start).unwrap_or(pos);
                pieces.push(Span::new(piece_start, cut));
                piece_start = cut;
            }
            if c.is_whitespace() {
                last_space = Some(pos + 1);
            }
        }
        pieces.push(Span::new(piece_start, span.end));
        Paragraph { span, pieces }
    }
}

/// One rendered block: a paragraph or line, with its trailing line breaks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paragraph {
    /// The whole paragraph.
    pub span: Span,
    /// Consecutive pieces covering `span`, each rendered as one text node.
    pub pieces: Vec<Span>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_only_crlf_and_bom() {
        let t = Text::new("\u{feff}\u{feff}a\r\nb  \u{301}\r\r\n");
        assert_eq!(t.as_str(), "\u{feff}a\nb  \u{301}\r\n");
    }

    #[test]
    fn layout_covers_text_in_order_without_gaps() {
        let t = Text::new("Title\n\nFirst para.\nSecond line\n\n\nLast");
        let paragraphs = t.layout();
        let texts: Vec<&str> = paragraphs.iter().map(|p| t.slice(p.span).unwrap()).collect();
        assert_eq!(texts, ["Title\n\n", "First para.\n", "Second line\n\n\n", "Last"]);
        assert_eq!(paragraphs.last().unwrap().span.end, t.len());
    }

    #[test]
    fn long_paragraphs_are_cut_at_spaces() {
        let t = Text::new(&"word ".repeat(2000));
        let p = &t.layout()[0];
        assert!(p.pieces.len() > 4);
        let mut expected_start = 0;
        for piece in &p.pieces {
            assert_eq!(piece.start, expected_start);
            assert!(piece.len() <= PIECE_CHARS);
            assert!(t.slice(*piece).unwrap().ends_with(' '));
            expected_start = piece.end;
        }
        assert_eq!(expected_start, t.len());
    }

    #[test]
    fn empty_text_has_one_empty_paragraph() {
        let layout = Text::new("").layout();
        assert_eq!(layout.len(), 1);
        assert!(layout[0].span.is_empty());
    }

    #[test]
    fn sha256_is_of_the_utf8_text() {
        assert_eq!(
            Text::new("abc").sha256_hex(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
