//! An import waiting for the user's choice: keep the valid part of a broken file, decide
//! what to do with a document whose text is already in the library (merge, replace or
//! keep both), or whether a file whose text resembles the open document's is a revision
//! of it. Nothing is imported until the user chooses.

use super::ids::DocNumber;
use super::import::{Imported, Problem};
use super::messages::preview;

/// A library document with the same text as an imported one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Twin {
    /// Its number in the store.
    pub number: DocNumber,
    /// Its title.
    pub title: String,
    /// True if it is the open document.
    pub open: bool,
}

/// What the user is asked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Question {
    /// The file has problems, and part of it is valid.
    KeepValidPart {
        /// The valid part: one document for a file, several for a bundle.
        documents: Vec<Imported>,
        /// Everything wrong with the file.
        problems: Vec<Problem>,
        /// Annotations (and a bundle's documents) the valid part leaves out.
        dropped: usize,
        /// True for a bundle.
        bundle: bool,
    },
    /// The file's text is much like the open (annotated) document's: it may be a revised
    /// version of it.
    Revision {
        /// The file's document.
        imported: Imported,
        /// The open document's title.
        title: String,
        /// The percentage of the open text the file keeps.
        kept: u32,
    },
    /// The file's text is already in the library.
    SameText {
        /// The file's document.
        imported: Imported,
        /// The library's document with that text.
        twin: Twin,
    },
    /// Some of a bundle's documents are already in the library.
    BundleTwins {
        /// All the bundle's documents, each with its twin if it has one.
        documents: Vec<(Imported, Option<Twin>)>,
    },
}

/// The answers a question can have.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choice {
    /// Import the valid part of a broken file.
    KeepValidPart,
    /// Add the file's annotations to the library's document.
    Merge,
    /// Make the library's document what the file holds.
    Replace,
    /// Import the file as another document.
    KeepBoth,
    /// Add only the bundle's documents that are not in the library yet.
    SkipExisting,
    /// Take the file's text as a revision of the open document.
    Revise,
    /// Import nothing.
    Cancel,
}

impl Choice {
    /// The button's text (also its accessible name).
    pub fn label(self) -> &'static str {
        match self {
            Choice::KeepValidPart => "Keep the valid part",
            Choice::Merge => "Merge",
            Choice::Replace => "Replace",
            Choice::KeepBoth => "Keep both",
            Choice::SkipExisting => "Skip those already in the library",
            Choice::Revise => "Apply as a revision",
            Choice::Cancel => "Cancel import",
        }
    }
}

/// An import waiting for the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PendingImport {
    /// The file's name.
    pub file: String,
    /// What the user is asked.
    pub question: Question,
}

impl PendingImport {
    /// The question, in words.
    pub fn text(&self) -> String {
        let file = &self.file;
        match &self.question {
            Question::KeepValidPart { documents, problems, dropped, bundle } => {
                let kept = if *bundle {
                    format!("{} document(s)", documents.len())
                } else {
                    let n = documents.first().map_or(0, |i| i.doc.annotations.len());
                    format!("its text and {n} annotation(s)")
                };
                format!(
                    "“{file}” has {} problem(s) (listed in the message above), so nothing was imported. \
                     Its valid part is {kept}; {dropped} item(s) with problems would be left out. Keep the valid part?",
                    problems.len()
                )
            }
            Question::Revision { imported, title, kept } => {
                let theirs = imported.doc.annotations.len();
                let left_out = if theirs > 0 {
                    format!(" The file's own {theirs} annotation(s) are not taken; import it again afterwards to merge them.")
                } else {
                    String::new()
                };
                format!(
                    "The text of “{file}” is much like the open document's, “{}” ({}% of it is kept).{} \
                     Apply as a revision replaces the open text with the file's, carrying every annotation over \
                     (what changed is flagged for review, what was deleted is reported); Keep both opens the file as another document.{left_out}",
                    preview(title),
                    kept,
                    imported.read_as_note(),
                )
            }
            Question::SameText { imported, twin } => {
                let where_ = if twin.open { "the open document" } else { "a document in your library" };
                format!(
                    "The text of “{file}” is already {where_}, “{}”.{} Merge adds the file's {} annotation(s) to it \
                     (those it already has are not doubled); Replace makes it exactly what the file holds; \
                     Keep both opens the file as another document. Each can be undone.",
                    preview(&twin.title),
                    imported.read_as_note(),
                    imported.doc.annotations.len()
                )
            }
            Question::BundleTwins { documents } => {
                let twins = documents.iter().filter(|(_, t)| t.is_some()).count();
                format!(
                    "{twins} of the {} document(s) in “{file}” are already in your library. \
                     Keep both adds them all as new documents; Skip adds only the others.",
                    documents.len()
                )
            }
        }
    }

    /// The answers offered, the safest first.
    pub fn choices(&self) -> &'static [Choice] {
        match self.question {
            Question::KeepValidPart { .. } => &[Choice::KeepValidPart, Choice::Cancel],
            Question::SameText { .. } => &[Choice::Merge, Choice::Replace, Choice::KeepBoth, Choice::Cancel],
            Question::Revision { .. } => &[Choice::Revise, Choice::KeepBoth, Choice::Cancel],
            Question::BundleTwins { .. } => &[Choice::SkipExisting, Choice::KeepBoth, Choice::Cancel],
        }
    }
}
