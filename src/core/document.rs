//! A document: its title, text, label schema, annotations and entities, and the few
//! questions asked of it everywhere (the text of an annotation, who can speak).

use super::annotations::{Annotation, Annotations};
use super::entities::{Entities, Entity};
use super::ids::{AnnotationId, EntityId};
use super::labels::LabelSet;
use super::offsets::Span;
use super::provenance::Adjudication;
use super::revisions::{Orphan, Revision};
use super::source::Source;
use super::text::Text;
use std::collections::BTreeSet;
use std::rc::Rc;

/// The built-in sample article, ready to annotate on first visit.
pub const SAMPLE_ARTICLE: &str = include_str!("sample_article.txt");

/// Suggestions the user rejected, by span and label: never suggested again in that document.
pub type Rejected = BTreeSet<(Span, String)>;

/// A document being annotated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    /// Title, used for the export file name.
    pub title: String,
    /// The text, shared: it changes only by a revision (`core::realign`).
    pub text: Rc<Text>,
    /// The label schema.
    pub labels: LabelSet,
    /// All annotations, sorted.
    pub annotations: Annotations,
    /// Next id to hand out; ids are never reused.
    pub next_id: u64,
    /// The entities that mentions refer to (see `core::entities`).
    pub entities: Entities,
    /// Next entity id to hand out; never reused either.
    pub next_entity: u64,
    /// Suggestions the user rejected: never suggested again in this document.
    pub rejected: Rejected,
    /// Annotations whose text a revision deleted, until deleted or re-attached.
    pub orphans: Vec<Orphan>,
    /// The revisions applied to the text, oldest first.
    pub revisions: Vec<Revision>,
    /// For a document adjudicated from several coders' versions: how it was made.
    pub adjudication: Option<Adjudication>,
    /// Where it came from (`core::source`).
    pub source: Source,
}

impl Document {
    /// A document with `raw` text (normalised) and `title`, no annotations.
    pub fn new(title: impl Into<String>, raw: &str) -> Document {
        Document {
            title: title.into(),
            text: Rc::new(Text::new(raw)),
            labels: LabelSet::default(),
            annotations: Annotations::default(),
            next_id: 1,
            entities: Entities::default(),
            next_entity: 1,
            rejected: Rejected::new(),
            orphans: Vec::new(),
            revisions: Vec::new(),
            adjudication: None,
            source: Source::default(),
        }
    }

    /// The built-in sample article.
    pub fn sample() -> Document {
        let text = Text::new(SAMPLE_ARTICLE);
        Document::new(title_from_text(text.as_str()), text.as_str())
    }

    /// The text of annotation `a`.
    pub fn text_of(&self, a: &Annotation) -> &str {
        self.text.slice(a.span).unwrap_or_default()
    }

    /// Entities that can speak a quote (people and organisations), by name.
    pub fn speaker_candidates(&self) -> Vec<&Entity> {
        let mut found: Vec<&Entity> = self.entities.iter().filter(|e| self.labels.can_speak(&e.label)).collect();
        found.sort_by(|a, b| a.name.to_lowercase().cmp(&b.name.to_lowercase()).then(a.id.cmp(&b.id)));
        found
    }

    /// Every part of the joined quote `id` belongs to, in document order.
    pub fn quote_parts(&self, id: AnnotationId) -> Vec<&Annotation> {
        let annotations = &self.annotations;
        let head_of = |a: &Annotation| -> AnnotationId {
            let mut head = a.id;
            let mut previous = a.continues;
            for _ in 0..annotations.len() {
                // A cycle cannot be made (a quote only continues one before it), but the
                // walk is bounded all the same.
                let Some(p) = previous.and_then(|p| annotations.get(p)) else { break };
                head = p.id;
                previous = p.continues;
            }
            head
        };
        let Some(start) = annotations.get(id) else { return Vec::new() };
        let head = head_of(start);
        annotations.iter().filter(|a| self.labels.is_quote(&a.label) && head_of(a) == head).collect()
    }

    /// The name of entity `id`, or "?" if it does not exist.
    pub fn entity_name(&self, id: EntityId) -> &str {
        self.entities.get(id).map_or("?", |e| e.name.as_str())
    }
}

/// Everything of a document that depends on positions in its text: what a revision of
/// the text replaces as a whole (`history::Edit::Revise`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Positioned {
    /// The text.
    pub text: Rc<Text>,
    /// The annotations.
    pub annotations: Annotations,
    /// The entities.
    pub entities: Entities,
    /// The rejected suggestions.
    pub rejected: Rejected,
    /// The orphans.
    pub orphans: Vec<Orphan>,
    /// The revisions.
    pub revisions: Vec<Revision>,
}

impl Document {
    /// Its text and all that is placed on it.
    pub fn positioned(&self) -> Positioned {
        Positioned {
            text: self.text.clone(),
            annotations: self.annotations.clone(),
            entities: self.entities.clone(),
            rejected: self.rejected.clone(),
            orphans: self.orphans.clone(),
            revisions: self.revisions.clone(),
        }
    }

    /// Puts `p` in place of its text and all that is placed on it.
    pub fn set_positioned(&mut self, p: &Positioned) {
        self.text = p.text.clone();
        self.annotations = p.annotations.clone();
        self.entities = p.entities.clone();
        self.rejected = p.rejected.clone();
        self.orphans = p.orphans.clone();
        self.revisions = p.revisions.clone();
    }
}

/// Longest title taken from a text, in characters.
const TITLE_CHARS: usize = 80;

/// Derives a title from a text: its first non-blank line; one longer than 80 characters
/// is cut at the last word boundary before them and ends with "…".
///
/// ```
/// use marginalia::core::document::title_from_text;
/// assert_eq!(title_from_text("\n  Rally in Halden \nMore."), "Rally in Halden");
/// let long = format!("{} wetland", "word ".repeat(16));
/// assert_eq!(title_from_text(&long), format!("{}…", "word ".repeat(16).trim_end()));
/// ```
pub fn title_from_text(text: &str) -> String {
    let line = text.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("Untitled");
    if line.chars().count() <= TITLE_CHARS {
        return line.to_owned();
    }
    let head: String = line.chars().take(TITLE_CHARS + 1).collect();
    let cut = head.rfind(char::is_whitespace).filter(|&i| i > 0).map_or_else(|| line.chars().take(TITLE_CHARS).collect(), |i| head[..i].to_owned());
    format!("{}…", cut.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '—' | '–' | '-')))
}

