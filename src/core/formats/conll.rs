//! CoNLL-2003 with IOB2 tags, written: one token a line (`token _ _ TAG`, the two middle
//! columns, part of speech and chunk, left `_`), a blank line between sentences (after a
//! line break, and after `.`, `!` or `?` ending a sentence), `-DOCSTART- -X- -X- O` and a
//! blank line before each document. Tags are `B-Label`, `I-Label` or `O`; spaces in label
//! names are written `_`.
//!
//! **Offsets**: tokens (`core::formats::tokens`; whitespace tokens are not written).
//! **Lost**: mentions that overlap or nest inside another (the earliest, then the longest,
//! is kept), quotes, cues, every link, notes, entity grouping and names, the label schema,
//! rejected suggestions.

use super::tokens::{iob2, non_overlapping, tokenize};
use super::File;
use crate::core::document::Document;
use crate::core::offsets::Span;

/// A tag-safe label name.
fn tag_name(label: &str) -> String {
    label.chars().map(|c| if c.is_whitespace() { '_' } else { c }).collect()
}

/// The CoNLL text of `docs`.
pub fn conll(docs: &[&Document]) -> String {
    let mut out = String::new();
    for doc in docs {
        out.push_str("-DOCSTART- -X- -X- O\n\n");
        let tokens = tokenize(doc);
        let (kept, _) = non_overlapping(doc, |a| doc.labels.is_entity(&a.label));
        let names: Vec<String> = kept.iter().map(|a| tag_name(&a.label)).collect();
        let spans: Vec<(Span, &str)> = kept.iter().zip(&names).map(|(a, n)| (a.span, n.as_str())).collect();
        let tags = iob2(&tokens, &spans);
        let words: Vec<usize> = (0..tokens.len()).filter(|&i| !tokens[i].is_space).collect();
        let mut open = false;
        for (n, &i) in words.iter().enumerate() {
            // A line break between this word and the one before ends a sentence.
            if n > 0 && open && tokens[words[n - 1] + 1..i].iter().any(|t| doc.text.slice(t.span).unwrap_or_default().contains('\n')) {
                out.push('\n');
            }
            let word = doc.text.slice(tokens[i].span).unwrap_or_default();
            out.push_str(&format!("{word} _ _ {}\n", tags[i]));
            open = true;
            // So does sentence-final punctuation outside a mention.
            let next_inside = words.get(n + 1).is_some_and(|&j| tags[j].starts_with("I-"));
            if matches!(word, "." | "!" | "?") && !next_inside {
                out.push('\n');
                open = false;
            }
        }
        if open {
            out.push('\n');
        }
    }
    out
}

/// One `.conll` file.
pub fn export(docs: &[&Document]) -> Vec<File> {
    let name = if docs.len() == 1 { format!("{}.conll", super::super::export::file_stem(&docs[0].title)) } else { "library.conll".into() };
    vec![File::text(name, conll(docs))]
}
