//! What a format cannot hold of one document, counted, for the export dialog ("3
//! overlapping spans and 8 speaker links are not representable in CoNLL-2003 IOB2.") and
//! for `marginalia convert` to say on standard error. Each format's module documents the
//! same list in words; this is the one place it is computed.

use super::tokens::non_overlapping;
use super::Format;
use crate::core::document::Document;
use crate::core::mentions::mentions_by_entity;

/// Something a format drops.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Lost {
    /// Mentions that overlap or nest inside another (only one of them is kept).
    OverlappingSpans,
    /// Quotes.
    Quotes,
    /// Cues.
    Cues,
    /// Cues no quote names.
    UnlinkedCues,
    /// Links from a quote to a speaker.
    SpeakerLinks,
    /// Links from a quote to its cue.
    CueLinks,
    /// Quotes joined to the one they continue.
    Joins,
    /// Notes.
    Notes,
    /// Line breaks inside notes (they become spaces).
    NoteLineBreaks,
    /// Quote kinds (direct, partial, mixed).
    QuoteKinds,
    /// Entities whose canonical name is not their first mention's text.
    EntityNames,
    /// Entities grouping mentions of different texts (an alias merged in).
    EntityGroups,
    /// The labels of mentions (only their spans are kept).
    MentionLabels,
    /// Mentions on the same span as another mention (kept as one, in the first's group).
    SharedSpans,
    /// Label colours, hotkeys and labels no annotation uses.
    LabelSchema,
    /// Label names the format cannot spell (spaces and signs become `_`).
    LabelNames,
    /// Suggestions rejected in this document.
    Rejected,
    /// Review flags left by a revision of the text.
    ReviewFlags,
    /// Annotations a revision orphaned.
    Orphans,
    /// The record of the text's revisions.
    Revisions,
    /// The document's source record (URL, outlet, authors, dates, note).
    SourceRecord,
}

impl Lost {
    /// "3 overlapping spans" for `count` of them.
    pub fn describe(self, count: usize) -> String {
        let (one, many) = match self {
            Lost::OverlappingSpans => ("overlapping or nested span", "overlapping or nested spans"),
            Lost::Quotes => ("quote", "quotes"),
            Lost::Cues => ("cue", "cues"),
            Lost::UnlinkedCues => ("cue no quote names", "cues no quote names"),
            Lost::SpeakerLinks => ("speaker link", "speaker links"),
            Lost::CueLinks => ("cue link", "cue links"),
            Lost::Joins => ("joined quote part", "joined quote parts"),
            Lost::Notes => ("note", "notes"),
            Lost::NoteLineBreaks => ("note with line breaks", "notes with line breaks"),
            Lost::QuoteKinds => ("quote kind", "quote kinds"),
            Lost::EntityNames => ("entity name", "entity names"),
            Lost::EntityGroups => ("entity grouping of different texts", "entity groupings of different texts"),
            Lost::MentionLabels => ("mention label", "mention labels"),
            Lost::SharedSpans => ("mention on the span of another", "mentions on the span of another"),
            Lost::LabelSchema => ("label's colour and hotkey", "labels' colours and hotkeys"),
            Lost::LabelNames => ("label name with spaces or signs", "label names with spaces or signs"),
            Lost::Rejected => ("rejected suggestion", "rejected suggestions"),
            Lost::ReviewFlags => ("annotation flagged for review", "annotations flagged for review"),
            Lost::Orphans => ("orphaned annotation", "orphaned annotations"),
            Lost::Revisions => ("revision record", "revision records"),
            Lost::SourceRecord => ("source record", "source records"),
        };
        format!("{count} {}", if count == 1 { one } else { many })
    }
}

/// What `format` cannot hold of `doc`: each kind of loss with how many, none when zero.
pub fn losses(format: Format, doc: &Document) -> Vec<(Lost, usize)> {
    let labels = &doc.labels;
    let quotes: Vec<_> = doc.annotations.iter().filter(|a| labels.is_quote(&a.label)).collect();
    let count = |lost: Lost| -> usize {
        match lost {
            Lost::OverlappingSpans => non_overlapping(doc, |a| labels.is_entity(&a.label)).1.len(),
            Lost::Quotes => quotes.len(),
            Lost::Cues => doc.annotations.iter().filter(|a| labels.is_cue(&a.label)).count(),
            Lost::UnlinkedCues => doc.annotations.iter().filter(|a| labels.is_cue(&a.label) && !quotes.iter().any(|q| q.cue == Some(a.id))).count(),
            Lost::SpeakerLinks => quotes.iter().map(|q| q.speakers.len()).sum(),
            Lost::CueLinks => quotes.iter().filter(|q| q.cue.is_some()).count(),
            Lost::Joins => quotes.iter().filter(|q| q.continues.is_some()).count(),
            Lost::Notes => doc.annotations.iter().filter(|a| !a.note.is_empty()).count(),
            Lost::NoteLineBreaks => doc.annotations.iter().filter(|a| a.note.contains(['\n', '\r'])).count(),
            Lost::QuoteKinds => quotes.iter().filter(|q| q.quote_kind.is_some()).count(),
            Lost::EntityNames => {
                let by_entity = mentions_by_entity(doc);
                doc.entities.iter().filter(|e| by_entity.get(&e.id).and_then(|m| m.first()).is_some_and(|m| doc.text_of(m) != e.name)).count()
            }
            Lost::EntityGroups => {
                let by_entity = mentions_by_entity(doc);
                by_entity.values().filter(|m| m.iter().any(|x| doc.text_of(x) != doc.text_of(m[0]))).count()
            }
            Lost::MentionLabels => doc.annotations.iter().filter(|a| labels.is_entity(&a.label)).count(),
            Lost::SharedSpans => {
                let mentions: Vec<_> = doc.annotations.iter().filter(|a| labels.is_entity(&a.label)).collect();
                mentions.iter().enumerate().filter(|(i, a)| mentions[..*i].iter().any(|b| b.span == a.span)).count()
            }
            Lost::LabelSchema => labels.len(),
            Lost::LabelNames => labels.iter().filter(|l| l.name.chars().any(|c| !(c.is_alphanumeric() || c == '_' || c == '-'))).count(),
            Lost::Rejected => doc.rejected.len(),
            Lost::ReviewFlags => doc.annotations.iter().filter(|a| a.changed_from.is_some()).count(),
            Lost::Orphans => doc.orphans.len(),
            Lost::Revisions => doc.revisions.len(),
            Lost::SourceRecord => usize::from(!doc.source.is_empty()),
        }
    };
    let lost: &[Lost] = match format {
        Format::Marginalia | Format::Text => &[],
        Format::Spacy => &[Lost::ReviewFlags, Lost::Orphans, Lost::Revisions],
        Format::W3c => &[Lost::Rejected, Lost::ReviewFlags, Lost::Orphans, Lost::Revisions],
        Format::Brat => &[Lost::EntityNames, Lost::NoteLineBreaks, Lost::LabelNames, Lost::Rejected, Lost::ReviewFlags, Lost::Orphans, Lost::Revisions],
        Format::LabelStudio => &[Lost::EntityNames, Lost::Rejected, Lost::ReviewFlags, Lost::Orphans, Lost::Revisions],
        Format::UimaXmi | Format::UimaJson => &[Lost::EntityNames, Lost::LabelSchema, Lost::Rejected, Lost::ReviewFlags, Lost::Orphans, Lost::Revisions],
        Format::Prodigy | Format::Doccano => &[Lost::Notes, Lost::QuoteKinds, Lost::EntityNames, Lost::EntityGroups, Lost::LabelSchema, Lost::Rejected, Lost::ReviewFlags, Lost::Orphans, Lost::Revisions],
        Format::Citron => &[Lost::UnlinkedCues, Lost::MentionLabels, Lost::SharedSpans, Lost::EntityNames, Lost::Notes, Lost::QuoteKinds, Lost::LabelSchema, Lost::Rejected, Lost::ReviewFlags, Lost::Orphans, Lost::Revisions],
        Format::Conll => &[
            Lost::OverlappingSpans,
            Lost::Quotes,
            Lost::Cues,
            Lost::SpeakerLinks,
            Lost::CueLinks,
            Lost::Joins,
            Lost::Notes,
            Lost::EntityNames,
            Lost::EntityGroups,
            Lost::LabelNames,
            Lost::LabelSchema,
            Lost::Rejected,
            Lost::ReviewFlags,
            Lost::Orphans,
            Lost::Revisions,
        ],
    };
    // Every format with a place for metadata holds the source record but CoNLL (which has
    // none); brat holds it as a comment on an annotation, so not in a document without any.
    let source = match format {
        Format::Conll => Some(Lost::SourceRecord),
        Format::Brat if doc.annotations.is_empty() => Some(Lost::SourceRecord),
        _ => None,
    };
    lost.iter().copied().chain(source).map(|l| (l, count(l))).filter(|(_, n)| *n > 0).collect()
}

/// The sentence for the export dialog: what `format` cannot hold of these documents (the
/// open one, or the library's), summed over them.
///
/// ```
/// use marginalia::core::fixture::document;
/// use marginalia::core::formats::{losses::say, Format};
/// let doc = document("[Quote|“[Person|Ana] said it”]");
/// assert_eq!(say(Format::Conll, &[&doc]), "1 quote and 7 labels' colours and hotkeys are not representable in CoNLL-2003 IOB2.");
/// assert_eq!(say(Format::Conll, &[&doc, &doc]), "2 quotes and 14 labels' colours and hotkeys are not representable in CoNLL-2003 IOB2.");
/// assert_eq!(say(Format::Spacy, &[&doc]), "Everything in this document is kept in spaCy DocBin.");
/// assert_eq!(say(Format::Spacy, &[&doc, &doc]), "Everything in these 2 documents is kept in spaCy DocBin.");
/// ```
pub fn say(format: Format, docs: &[&Document]) -> String {
    let mut found: Vec<(Lost, usize)> = Vec::new();
    for doc in docs {
        for (lost, n) in losses(format, doc) {
            match found.iter_mut().find(|(l, _)| *l == lost) {
                Some((_, total)) => *total += n,
                None => found.push((lost, n)),
            }
        }
    }
    if found.is_empty() {
        let scope = if docs.len() == 1 { "this document".to_owned() } else { format!("these {} documents", docs.len()) };
        return format!("Everything in {scope} is kept in {}.", format.name());
    }
    let parts: Vec<String> = found.iter().map(|(l, n)| l.describe(*n)).collect();
    let total: usize = found.iter().map(|(_, n)| n).sum();
    let list = match parts.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => String::new(),
    };
    format!("{list} {} not representable in {}.", if total == 1 { "is" } else { "are" }, format.name())
}
