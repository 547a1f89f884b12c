//! Tokens for the token-based formats (spaCy, CoNLL, Prodigy): words and punctuation by
//! Unicode word boundaries, split further so that every annotation's start and end is a
//! token boundary, and the whitespace between them kept as spaCy keeps it (a token is
//! followed by at most one plain space; any other whitespace is a token of its own), so
//! the tokens and their spaces give back the text exactly. Also the choice of mentions
//! that do not overlap, for formats that hold only those (`doc.ents`, IOB tags).
//!
//! ```
//! use marginalia::core::fixture::document;
//! use marginalia::core::formats::tokens::tokenize;
//! let doc = document("[Person|Rahimi]'s plan,\n\n“[Quote|We stay]”");
//! let words: Vec<&str> = tokenize(&doc).iter().map(|t| doc.text.slice(t.span).unwrap()).collect();
//! assert_eq!(words, ["Rahimi", "'s", "plan", ",", "\n\n", "“", "We", "stay", "”"]);
//! ```

use crate::core::annotations::Annotation;
use crate::core::document::Document;
use crate::core::offsets::Span;
use std::collections::BTreeSet;
use unicode_segmentation::UnicodeSegmentation;

/// One token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// Where, in code points.
    pub span: Span,
    /// Followed by one plain space that belongs to no token.
    pub space: bool,
    /// Only whitespace.
    pub is_space: bool,
}

/// The tokens of `doc`'s text, covering it in order (with their spaces), every annotation
/// boundary a token boundary.
pub fn tokenize(doc: &Document) -> Vec<Token> {
    let text = doc.text.as_str();
    let mut cuts: BTreeSet<usize> = BTreeSet::new();
    for a in doc.annotations.iter() {
        cuts.insert(a.span.start);
        cuts.insert(a.span.end);
    }
    // Segments by word boundary, whitespace runs merged, in code points.
    let mut segments: Vec<(Span, bool)> = Vec::new();
    let mut pos = 0;
    for piece in text.split_word_bounds() {
        let len = piece.chars().count();
        let space = piece.chars().all(char::is_whitespace);
        match segments.last_mut() {
            Some((span, true)) if space => span.end += len,
            _ => segments.push((Span::new(pos, pos + len), space)),
        }
        pos += len;
    }
    // Split at the annotation boundaries inside a segment.
    let mut pieces: Vec<(Span, bool)> = Vec::new();
    for (span, space) in segments {
        let mut start = span.start;
        for &cut in cuts.range(span.start + 1..span.end) {
            pieces.push((Span::new(start, cut), space));
            start = cut;
        }
        pieces.push((Span::new(start, span.end), space));
    }
    // Whitespace: one plain space after a token is its `space`; the rest are tokens.
    let chars: Vec<char> = text.chars().collect();
    let mut tokens: Vec<Token> = Vec::new();
    for (span, space) in pieces {
        if !space {
            tokens.push(Token { span, space: false, is_space: false });
            continue;
        }
        let mut start = span.start;
        if let Some(last) = tokens.last_mut().filter(|t| !t.is_space && !t.space && t.span.end == start) {
            if chars[start] == ' ' {
                last.space = true;
                start += 1;
            }
        }
        if start < span.end {
            tokens.push(Token { span: Span::new(start, span.end), space: false, is_space: true });
        }
    }
    tokens
}

/// The annotations that `keep` selects, split into those that do not overlap each other
/// (earliest first, the longer of two starting together) and those left out.
pub fn non_overlapping(doc: &Document, keep: impl Fn(&Annotation) -> bool) -> (Vec<&Annotation>, Vec<&Annotation>) {
    let mut candidates: Vec<&Annotation> = doc.annotations.iter().filter(|a| keep(a)).collect();
    candidates.sort_by_key(|a| (a.span.start, std::cmp::Reverse(a.span.end), a.id));
    let (mut kept, mut left): (Vec<&Annotation>, Vec<&Annotation>) = (Vec::new(), Vec::new());
    let mut end = 0;
    for a in candidates {
        if a.span.start >= end {
            end = a.span.end;
            kept.push(a);
        } else {
            left.push(a);
        }
    }
    (kept, left)
}

/// The IOB2 tag of each token for the non-overlapping `spans` (with their labels):
/// `B-label`, `I-label` or `O`.
pub fn iob2(tokens: &[Token], spans: &[(Span, &str)]) -> Vec<String> {
    let mut tags = vec!["O".to_owned(); tokens.len()];
    for (span, label) in spans {
        let first = tokens.partition_point(|t| t.span.start < span.start);
        let mut inside = false;
        for (i, t) in tokens.iter().enumerate().skip(first) {
            if t.span.start >= span.end {
                break;
            }
            tags[i] = format!("{}-{label}", if inside { "I" } else { "B" });
            inside = true;
        }
    }
    tags
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::fixture::document;

    fn rebuilt(doc: &Document, tokens: &[Token]) -> String {
        tokens.iter().map(|t| format!("{}{}", doc.text.slice(t.span).unwrap(), if t.space { " " } else { "" })).collect()
    }

    #[test]
    fn tokens_and_spaces_give_back_the_text_and_every_boundary() {
        let doc = document("  «[Quote|Wir [Person|مریم] 😀  kommen]»,\t[Cue|sagte] [Person|Ana]-Lena.\n\n\nEnde ");
        let tokens = tokenize(&doc);
        assert_eq!(rebuilt(&doc, &tokens), doc.text.as_str());
        for a in doc.annotations.iter() {
            assert!(tokens.iter().any(|t| t.span.start == a.span.start), "{:?}", a.span);
            assert!(tokens.iter().any(|t| t.span.end == a.span.end), "{:?}", a.span);
        }
        assert!(tokens.iter().all(|t| !t.span.is_empty()));
        assert!(tokens.windows(2).all(|w| w[0].span.end + usize::from(w[0].space) == w[1].span.start));
    }

    #[test]
    fn overlaps_keep_the_earliest_and_longest() {
        let doc = document("[Organization|Ministry of [Place|Foreign] Affairs] and [Person|Ana]");
        let (kept, left) = non_overlapping(&doc, |_| true);
        assert_eq!(kept.iter().map(|a| a.label.as_str()).collect::<Vec<_>>(), ["Organization", "Person"]);
        assert_eq!(left.len(), 1);
        let tokens = tokenize(&doc);
        let spans: Vec<(Span, &str)> = kept.iter().map(|a| (a.span, a.label.as_str())).collect();
        let tags = iob2(&tokens, &spans);
        let words: Vec<(&str, &str)> = tokens.iter().zip(&tags).filter(|(t, _)| !t.is_space).map(|(t, g)| (doc.text.slice(t.span).unwrap(), g.as_str())).collect();
        assert_eq!(words, [("Ministry", "B-Organization"), ("of", "I-Organization"), ("Foreign", "I-Organization"), ("Affairs", "I-Organization"), ("and", "O"), ("Ana", "B-Person")]);
    }
}
