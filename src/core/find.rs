//! Find in the article: every match of a query, in code points, ignoring case (char by
//! char, so offsets never shift) and, if asked, only whole words.
//!
//! ```
//! use marginalia::core::{find::find_all, offsets::Span, text::Text};
//! let text = Text::new("CRP and crp; CRPs. مریم CRP");
//! assert_eq!(find_all(&text, "crp", true), [Span::new(0, 3), Span::new(8, 11), Span::new(24, 27)]);
//! assert_eq!(find_all(&text, "crp", false).len(), 4);
//! ```

use super::offsets::Span;
use super::text::Text;

/// Most matches returned (a one-letter query in a book would find too many to use).
pub const MAX_MATCHES: usize = 10_000;

/// Every match of `query` in `text`, in order, not overlapping, ignoring case; with
/// `whole_words`, only matches with no letter or digit just before or after.
pub fn find_all(text: &Text, query: &str, whole_words: bool) -> Vec<Span> {
    let needle: Vec<char> = query.chars().collect();
    if needle.is_empty() || needle.iter().all(|c| c.is_whitespace()) {
        return Vec::new();
    }
    let hay: Vec<char> = text.as_str().chars().collect();
    let same = |a: char, b: char| a == b || a.to_lowercase().eq(b.to_lowercase());
    let is_word = |c: Option<&char>| c.is_some_and(|c| c.is_alphanumeric());
    let mut found = Vec::new();
    let mut i = 0;
    while i + needle.len() <= hay.len() && found.len() < MAX_MATCHES {
        if needle.iter().enumerate().all(|(k, n)| same(hay[i + k], *n)) {
            let end = i + needle.len();
            let bounded = !whole_words
                || ((i == 0 || !is_word(hay.get(i - 1)) || !is_word(needle.first()))
                    && (!is_word(hay.get(end)) || !is_word(needle.last())));
            if bounded {
                found.push(Span::new(i, end));
                i = end;
                continue;
            }
        }
        i += 1;
    }
    found
}
