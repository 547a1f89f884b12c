//! Learning from the user: once a string is labelled, every other occurrence of it, as
//! whole words, is suggested with that label.
//!
//! ```
//! use marginalia::core::detect::{learn::learned, words::Words};
//! let text = "Hengaw reported it. Hengaw, a rights group, and Hengawi differ.";
//! let w = Words::new(text);
//! let found = learned(&w, &[("Hengaw".to_string(), "Organization".to_string())]);
//! let texts: Vec<&str> = found.iter().map(|(s, _)| w.slice(*s)).collect();
//! assert_eq!(texts, ["Hengaw", "Hengaw"]);
//! ```

use super::words::Words;
use crate::core::offsets::Span;
use rustc_hash::FxHashMap as HashMap;

/// Every whole-word occurrence of each `(text, label)` pair in the scanned text, with its
/// label, in order. Where two labelled texts match at one place, the longer wins.
pub fn learned(w: &Words, labelled: &[(String, String)]) -> Vec<(Span, String)> {
    // First word -> (text, number of words, label).
    let mut by_first: HashMap<&str, Vec<(&str, usize, &str)>> = HashMap::default();
    for (text, label) in labelled {
        let words = Words::new(text);
        if words.is_empty() || words.slice(Span::new(0, text.chars().count())) != text.as_str() {
            continue; // not whole words: a stray mark at either end
        }
        // The first word is a prefix of the text (it starts at 0, as checked above).
        let entry = by_first.entry(&text[..words.words[0].end_byte]).or_default();
        if !entry.iter().any(|(t, _, _)| t == text) {
            entry.push((text, words.len(), label));
            entry.sort_by_key(|&(_, n, _)| std::cmp::Reverse(n));
        }
    }
    let mut found = Vec::new();
    let mut i = 0;
    while i < w.len() {
        let hit = by_first.get(w.str(i)).and_then(|candidates| candidates.iter().find(|&&(text, n, _)| i + n <= w.len() && w.str_between(i, i + n - 1) == text));
        match hit {
            Some(&(_, n, label)) => {
                found.push((Span::new(w.words[i].span.start, w.words[i + n - 1].span.end), label.to_owned()));
                i += n;
            }
            None => i += 1,
        }
    }
    found
}
