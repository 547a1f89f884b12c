//! Why the reducer refused an action: a typed reason, so that tests (and any caller) ask
//! what happened rather than read the words, and the words for the user in one place
//! (`Display`). A refused action changes nothing but the message.

use crate::core::import::{import_failure, Problem};
use crate::core::messages::size_error;
use std::fmt;

/// What no longer exists when an action names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Thing {
    /// An annotation.
    Annotation,
    /// A quote.
    Quote,
    /// A mention.
    Mention,
    /// A quote's speaker.
    Speaker,
    /// A quote's cue.
    Cue,
    /// An entity.
    Entity,
    /// An orphaned annotation.
    Orphan,
}

/// Why an action was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// A project command was refused (`core::projects`).
    Project(crate::core::projects::ProjectRefusal),
    /// The schema has no label of this name.
    NoSuchLabel(String),
    /// The article box is open: annotating has not started.
    NotAnnotating,
    /// The selection holds only spaces.
    OnlySpaces,
    /// The same span already has this label.
    AlreadyMarked {
        /// The text, shortened.
        text: String,
        /// The label.
        label: String,
    },
    /// A label was pressed with no text selected and no annotation selected.
    NothingSelected {
        /// The label.
        label: String,
    },
    /// "Label all matches" found every match already labelled.
    NothingNewToMark {
        /// The label.
        label: String,
        /// Matches already labelled.
        skipped: usize,
    },
    /// Delete with nothing selected.
    NothingToDelete,
    /// Something the action names no longer exists.
    Gone(Thing),
    /// A quote's field set on something that is not a quote.
    NotAQuote {
        /// Its label.
        label: String,
    },
    /// S pressed without a quote selected.
    PickQuoteFirst,
    /// A speaker entity whose label does not speak.
    CannotSpeak {
        /// Its name, shortened.
        name: String,
        /// Its label.
        label: String,
    },
    /// A mention clicked as a speaker whose label does not speak.
    MentionCannotSpeak {
        /// Its text, shortened.
        text: String,
        /// Its label.
        label: String,
    },
    /// A cue that is not marked as a cue.
    NotACue {
        /// Its label.
        label: String,
    },
    /// A quote joined to one that does not start before it.
    JoinBackwards,
    /// An entity merged into itself.
    MergeIntoItself,
    /// Entities of different labels merged.
    MergeAcrossLabels {
        /// The entity that would stay.
        into: String,
        /// Its label.
        into_label: String,
        /// The entity that would go.
        from: String,
        /// Its label.
        from_label: String,
    },
    /// A split of an annotation that is not a mention.
    NotAMention {
        /// Its label.
        label: String,
    },
    /// A split of an entity's only mention.
    OnlyMention,
    /// An entity renamed to nothing.
    EmptyEntityName,
    /// A label name that is empty or starts or ends with a space.
    BadLabelName,
    /// A label name already taken.
    LabelExists(String),
    /// A colour not written `#rrggbb`.
    BadColor,
    /// A hotkey of more than one key.
    BadHotkey,
    /// S as a label's hotkey.
    HotkeyPicksSpeaker,
    /// A hotkey another label has.
    HotkeyTaken {
        /// The key.
        key: String,
        /// The label it applies.
        label: String,
    },
    /// The kind of a label in use changed.
    KindInUse {
        /// The label.
        name: String,
        /// Annotations that use it.
        used: usize,
        /// Its kind, which stays.
        kind: &'static str,
    },
    /// The last label deleted.
    LastLabel,
    /// A suggestion that no longer fits the document.
    NothingToAccept,
    /// Suggestions already rejected.
    AlreadyRejected,
    /// "Start annotating" with an empty box.
    EmptyText,
    /// A text over the length limit.
    TooLong {
        /// Its length in code points.
        chars: usize,
    },
    /// A file merged into a document whose text is another.
    NotTheOpenText {
        /// The file's name.
        file: String,
    },
    /// A file that was not imported, with every problem found.
    ImportRefused {
        /// The file's name.
        file: String,
        /// Its problems.
        problems: Vec<Problem>,
    },
    /// Confirm with nothing flagged for review.
    NothingToConfirm,
    /// "Take all agreed" a second time.
    AlreadyTaken,
    /// A decision on a disagreement already decided.
    AlreadyDecided,
    /// A decision on a quote's speakers before the agreed quote was taken.
    TakeAgreedFirst,
    /// Adjudication with no comparison open on this document.
    NoComparison,
    /// Re-attach with nothing selected in the article.
    SelectToReattach,
    /// Undo with nothing to undo.
    NothingToUndo,
    /// Redo with nothing to redo.
    NothingToRedo,
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use Refusal::*;
        match self {
            Project(why) => write!(f, "{why}"),
            NoSuchLabel(label) => write!(f, "There is no label named “{label}”."),
            NotAnnotating => write!(f, "Press “Start annotating” first."),
            OnlySpaces => write!(f, "The selection holds only spaces; select a word or more."),
            AlreadyMarked { text, label } => write!(f, "“{text}” is already marked as {label}."),
            NothingSelected { label } => write!(f, "Select some text in the article first, then press {label}."),
            NothingNewToMark { label, skipped } => write!(f, "Nothing new to mark as {label}: all {skipped} match(es) already are."),
            NothingToDelete => write!(f, "Select an annotation to delete."),
            Gone(thing) => {
                let what = match thing {
                    Thing::Annotation => "annotation",
                    Thing::Quote => "quote",
                    Thing::Mention => "mention",
                    Thing::Speaker => "speaker",
                    Thing::Cue => "cue",
                    Thing::Entity => "entity",
                    Thing::Orphan => "orphaned annotation",
                };
                write!(f, "That {what} no longer exists.")
            }
            NotAQuote { label } => write!(f, "Only a quote can have this; this is a {label}."),
            PickQuoteFirst => write!(f, "Select a quote first, then press S and click its speaker."),
            CannotSpeak { name, label } => write!(f, "A speaker must be a Person or an Organization; “{name}” is a {label}."),
            MentionCannotSpeak { text, label } => write!(f, "“{text}” is a {label}; a speaker must be a Person or an Organization."),
            NotACue { label } => write!(f, "A cue must be marked as a cue; this is a {label}."),
            JoinBackwards => write!(f, "A quote can only continue a quote that starts before it."),
            MergeIntoItself => write!(f, "An entity cannot be merged into itself."),
            MergeAcrossLabels { into, into_label, from, from_label } => {
                write!(f, "Only entities with the same label can be merged: “{into}” is a {into_label}, “{from}” a {from_label}.")
            }
            NotAMention { label } => write!(f, "A {label} is not a mention of an entity."),
            OnlyMention => write!(f, "This is the entity's only mention; there is nothing to split it from."),
            EmptyEntityName => write!(f, "An entity's name cannot be empty."),
            BadLabelName => write!(f, "A label's name cannot be empty or start or end with a space."),
            LabelExists(name) => write!(f, "There is already a label named “{name}”."),
            BadColor => write!(f, "A colour must be written #rrggbb."),
            BadHotkey => write!(f, "A hotkey is one key (a letter, a digit or a sign), or none."),
            HotkeyPicksSpeaker => write!(f, "S picks a speaker, so it cannot be a label's hotkey."),
            HotkeyTaken { key, label } => write!(f, "The key {key} already applies “{label}”."),
            KindInUse { name, used, kind } => write!(
                f,
                "“{name}” is used by {used} annotation(s), so its kind stays {kind}: delete them first, or add a new label."
            ),
            LastLabel => write!(f, "A document keeps at least one label."),
            NothingToAccept => write!(f, "Nothing to accept: the suggestion no longer fits this document."),
            AlreadyRejected => write!(f, "Already rejected."),
            EmptyText => write!(f, "Paste or type an article first."),
            TooLong { chars } => write!(f, "{}", size_error(*chars).unwrap_or_default()),
            NotTheOpenText { file } => write!(f, "“{file}” was not imported: its text is not the open document's."),
            ImportRefused { file, problems } => write!(f, "{}", import_failure(file, problems)),
            NothingToConfirm => write!(f, "Nothing here is flagged for review."),
            AlreadyTaken => write!(f, "The agreed annotations were taken already."),
            AlreadyDecided => write!(f, "That disagreement is decided already; Undo takes the decision back."),
            TakeAgreedFirst => write!(f, "Take the agreed annotations first: this quote is one of them."),
            NoComparison => write!(f, "No comparison is open on this document: press “Compare…” first."),
            SelectToReattach => write!(f, "Select the orphan's new place in the article first, then press “Re-attach”."),
            NothingToUndo => write!(f, "Nothing to undo."),
            NothingToRedo => write!(f, "Nothing to redo."),
        }
    }
}
