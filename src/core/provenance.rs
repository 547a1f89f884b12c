//! What an adjudicated document keeps of how it was made from several coders' versions
//! (`core::agreement` compares them, `reduce::adjudicate` builds it): the coders' names,
//! whether the annotations they agree on were taken, and each decision on a disagreement.
//! Each annotation also names the coders it came from (`Annotation::from`).

use super::offsets::Span;

/// What kind of disagreement (see `core::agreement::disagreements`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Kind {
    /// Only the first coder marked it.
    OnlyFirst,
    /// Only the second coder marked it.
    OnlySecond,
    /// The same span with another label.
    OtherLabel,
    /// Overlapping spans with the same label.
    Overlap,
    /// The same quote with other speakers.
    OtherSpeakers,
}

impl Kind {
    /// Every kind, for reading them back.
    pub const ALL: [Kind; 5] = [Kind::OnlyFirst, Kind::OnlySecond, Kind::OtherLabel, Kind::Overlap, Kind::OtherSpeakers];

    /// Its name in the export ("only-first").
    pub fn id(self) -> &'static str {
        match self {
            Kind::OnlyFirst => "only-first",
            Kind::OnlySecond => "only-second",
            Kind::OtherLabel => "other-label",
            Kind::Overlap => "overlap",
            Kind::OtherSpeakers => "other-speakers",
        }
    }

    /// In words, for the list.
    pub fn describe(self) -> &'static str {
        match self {
            Kind::OnlyFirst => "only in the first",
            Kind::OnlySecond => "only in the second",
            Kind::OtherLabel => "same span, other label",
            Kind::Overlap => "overlapping spans",
            Kind::OtherSpeakers => "same quote, other speakers",
        }
    }
}

/// What the adjudicator took for one disagreement.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Take {
    /// The first coder's version.
    First,
    /// The second's.
    Second,
    /// Both.
    Both,
    /// Neither.
    Neither,
}

impl Take {
    /// Every choice, in the order offered (keys 1, 2, 3, 0).
    pub const ALL: [Take; 4] = [Take::First, Take::Second, Take::Both, Take::Neither];

    /// Its name in the export.
    pub fn id(self) -> &'static str {
        match self {
            Take::First => "first",
            Take::Second => "second",
            Take::Both => "both",
            Take::Neither => "neither",
        }
    }
}

/// One decision: the disagreement (by its kind and the annotations in it) and what was
/// taken.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Decision {
    /// Its kind.
    pub kind: Kind,
    /// The annotations in it, by span and label: the first coder's before the second's.
    pub parts: Vec<(Span, String)>,
    /// What was taken.
    pub take: Take,
}

/// How an adjudicated document was made.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Adjudication {
    /// The coders compared, first the reference.
    pub coders: Vec<String>,
    /// True once the annotations all coders agree on were taken.
    pub agreed: bool,
    /// The decisions, in the order they were made.
    pub decisions: Vec<Decision>,
}
