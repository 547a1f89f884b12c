//! Words for messages: the short form of a text shown in a message, and the sentences
//! that several places say alike.

use super::text::MAX_CHARS;

/// The message refusing a text of `chars` code points, if it is over [`MAX_CHARS`].
pub fn size_error(chars: usize) -> Option<String> {
    (chars > MAX_CHARS).then(|| {
        format!("This text has {chars} characters; the limit is {MAX_CHARS}. Split it into several documents.")
    })
}

/// `text` with its first letter in capitals.
pub fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// A short form of `text` for messages: at most 60 characters, on one line.
pub fn preview(text: &str) -> String {
    let one_line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= 60 {
        one_line
    } else {
        one_line.chars().take(59).collect::<String>() + "…"
    }
}
