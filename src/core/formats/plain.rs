//! Plain text (`.txt`, `.md`, or anything that is UTF-8 and no other format): a new
//! document, its text normalised as a paste is (CRLF as LF, a leading byte order mark
//! dropped), its title from its first line.

use crate::core::document::{title_from_text, Document};
use crate::core::import::{Checked, Imported, Problem, ProblemKind};
use crate::core::text::{Text, MAX_CHARS};
use std::rc::Rc;

/// Reads a text file.
pub fn import(text: &str) -> Checked {
    let refuse = |kind, message: String| Checked { imported: None, problems: vec![Problem { place: "file".into(), kind, message }], dropped: 0 };
    if text.trim().is_empty() {
        return refuse(ProblemKind::Missing, "The file holds no text.".into());
    }
    let normalised = Text::new(text);
    if normalised.len() > MAX_CHARS {
        return refuse(ProblemKind::TextTooLong, format!("The text has {} characters; the limit is {MAX_CHARS}.", normalised.len()));
    }
    let mut doc = Document::new(title_from_text(normalised.as_str()), "");
    doc.text = Rc::new(normalised);
    Checked { imported: Some(Imported { doc, added_labels: Vec::new(), read_as: "plain text".into(), project: None }), problems: Vec::new(), dropped: 0 }
}
