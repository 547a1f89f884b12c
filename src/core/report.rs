//! The printable report of a document: its text cut into pieces at every annotation
//! boundary, each piece saying which kinds of annotation cover it, and after the last
//! piece of each annotation the tag to print there, so that the report reads in black and
//! white (the look is `static/style.css`'s `.report`):
//!
//! | covered by | printed |
//! |---|---|
//! | an entity mention | in bold, then `[Label]` in small type |
//! | a quote | in italics with an underline, then `[Quote: Speaker; Speaker]` |
//! | a cue | in small capitals |
//!
//! Pieces are in text order and together are exactly the text; a tag comes after the
//! piece an annotation ends with, the annotation that started first last (the outer one
//! after the inner one).
//!
//! ```
//! use marginalia::core::{fixture::document, report::pieces};
//! let doc = document("[Quote|“[Person|Ana] stays”] [Cue|said] Bo");
//! let p = pieces(&doc);
//! let text: String = p.iter().map(|p| p.text.as_str()).collect();
//! assert_eq!(text, doc.text.as_str());
//! assert_eq!((p[1].text.as_str(), p[1].entity, p[1].quote, p[1].tags.clone()), ("Ana", true, true, vec!["Person".to_owned()]));
//! assert_eq!(p[2].tags, ["Quote: no speaker"]);
//! assert!(p[4].cue);
//! ```

use super::document::Document;
use super::labels::LabelKind;
use super::offsets::Span;

/// A run of text covered by the same annotations.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Piece {
    /// The text.
    pub text: String,
    /// Inside an entity mention.
    pub entity: bool,
    /// Inside a quote.
    pub quote: bool,
    /// Inside a cue.
    pub cue: bool,
    /// The tags of the annotations that end here.
    pub tags: Vec<String>,
}

/// The report's pieces of `doc` (see the module doc).
pub fn pieces(doc: &Document) -> Vec<Piece> {
    let kind = |label: &str| doc.labels.kind_of(label).unwrap_or(LabelKind::Entity);
    let mut cuts: Vec<usize> = vec![0, doc.text.len()];
    for a in doc.annotations.iter() {
        cuts.push(a.span.start);
        cuts.push(a.span.end);
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = Vec::new();
    for pair in cuts.windows(2) {
        let span = Span::new(pair[0], pair[1]);
        let Some(text) = doc.text.slice(span) else { continue };
        let covering = doc.annotations.overlapping(span);
        let has = |k: LabelKind| covering.iter().any(|a| kind(&a.label) == k);
        // Those ending here: the one that started last first.
        let mut ending: Vec<_> = covering.iter().filter(|a| a.span.end == span.end).collect();
        ending.sort_by_key(|a| std::cmp::Reverse(a.span.start));
        let tags = ending
            .iter()
            .filter_map(|a| match kind(&a.label) {
                LabelKind::Entity => Some(a.label.clone()),
                LabelKind::Quote => {
                    let speakers: Vec<&str> = a.speakers.iter().map(|s| doc.entity_name(*s)).collect();
                    Some(format!("{}: {}", a.label, if speakers.is_empty() { "no speaker".to_owned() } else { speakers.join("; ") }))
                }
                LabelKind::Cue => None,
            })
            .collect();
        out.push(Piece { text: text.to_owned(), entity: has(LabelKind::Entity), quote: has(LabelKind::Quote), cue: has(LabelKind::Cue), tags });
    }
    out
}
