//! Detectors: browser-free functions that find candidate annotations in a text, one module
//! per detector, and `suggest`, which turns their findings into suggestions for a document.
//!
//! The pipeline, each step linear in the text's length:
//! `words` scans the text once → `quotes` finds quotations → `entities` (with `dates`
//! and `gazetteer`) finds names by rule → `tagger` finds names statistically, and
//! `combine` decides between the two (`demonyms` are never people) → `speakers` tells
//! speech from scare quotes and attributes it → `learn` adds every other occurrence of
//! what the user has labelled, and `tagger::online` what the user's marks teach →
//! `suggest` maps categories onto the document's labels and drops what is already
//! annotated or was rejected.
//!
//! In the app all of it runs in the suggestion worker: `engine` holds its state and
//! answers the page's messages (`wire`, which sends lists as changes of the last one, `list_change`).
//!
//! **Architecture Invariant:** detectors only read; they never change a document. Turning
//! a suggestion into annotations is the store's business (`Action::AcceptSuggestions`).

pub mod dates;
pub mod demonyms;
pub mod engine;
pub mod entities;
pub mod gazetteer;
pub mod learn;
pub mod list_change;
pub mod quotes;
pub mod speakers;
pub mod combine;
pub mod suggest;
pub mod tagger;
pub mod wire;
pub mod words;

use crate::core::offsets::Span;

/// What kind of entity a detector found; `suggest` maps it onto a label of the document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Category {
    /// A person.
    Person,
    /// An organisation.
    Organization,
    /// A place.
    Place,
    /// A date.
    Date,
    /// An event.
    Event,
}

impl Category {
    /// Every category.
    pub const ALL: [Category; 5] = [Category::Person, Category::Organization, Category::Place, Category::Date, Category::Event];

    /// Label names this category goes by in the presets, preferred first.
    pub fn label_names(self) -> &'static [&'static str] {
        match self {
            Category::Person => &["Person", "PER", "PERSON"],
            Category::Organization => &["Organization", "Organisation", "ORG"],
            Category::Place => &["Place", "GPE", "LOC", "Location"],
            Category::Date => &["Date", "DATE"],
            Category::Event => &["Event", "EVENT"],
        }
    }

    /// The category a label name stands for, if any.
    pub fn of_label(name: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.label_names().contains(&name))
    }

    /// True for people and organisations: they can speak.
    pub fn speaks(self) -> bool {
        matches!(self, Category::Person | Category::Organization)
    }
}

/// An entity mention found by a detector.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    /// Where it is.
    pub span: Span,
    /// What it is.
    pub category: Category,
    /// The fuller mention it is another name for: a surname for the full name, an
    /// acronym for what it abbreviates.
    pub alias_of: Option<Span>,
    /// Why the detector thinks so, for the user.
    pub why: &'static str,
}
