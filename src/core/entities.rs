//! Entities: the people, organisations, places … that mentions refer to. Every mention
//! (an annotation whose label is of kind entity) belongs to exactly one entity; mentions
//! with the same label and text are grouped into one automatically, and the user can
//! merge entities, split a mention out and set an entity's canonical name. A quote's
//! speakers are entities, so everything one actor said is found together whichever
//! mention was clicked.
//!
//! **Invariant:** an entity exists exactly while it has at least one mention, and every
//! mention's entity has the mention's label. The reducer keeps this with edits, so undo
//! restores both sides.

use super::annotations::Annotation;
use super::store::Document;
use std::collections::BTreeMap;
use super::ids::EntityId;

/// One entity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entity {
    /// Stable id.
    pub id: EntityId,
    /// The label all its mentions carry.
    pub label: String,
    /// Canonical name (the first mention's text until the user sets one).
    pub name: String,
}

/// The entities of a document, by id.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Entities {
    items: BTreeMap<EntityId, Entity>,
}

impl Entities {
    /// All entities, by id.
    pub fn iter(&self) -> impl Iterator<Item = &Entity> {
        self.items.values()
    }

    /// The entity `id`.
    pub fn get(&self, id: EntityId) -> Option<&Entity> {
        self.items.get(&id)
    }

    /// Adds or replaces an entity.
    pub fn put(&mut self, entity: Entity) {
        self.items.insert(entity.id, entity);
    }

    /// Removes an entity.
    pub fn remove(&mut self, id: EntityId) -> Option<Entity> {
        self.items.remove(&id)
    }

    /// Number of entities.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// True if there is none.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

/// What kind of quotation a quote is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum QuoteKind {
    /// The whole statement in quote marks.
    Direct,
    /// A few quoted words inside reported speech.
    Partial,
    /// Reported speech with quoted parts.
    Mixed,
}

impl QuoteKind {
    /// All kinds, in the order offered.
    pub const ALL: [QuoteKind; 3] = [QuoteKind::Direct, QuoteKind::Partial, QuoteKind::Mixed];

    /// The name written in exports.
    pub fn name(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Partial => "partial",
            QuoteKind::Mixed => "mixed",
        }
    }

    /// The kind named `name` in an export.
    pub fn from_name(name: &str) -> Option<QuoteKind> {
        QuoteKind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// A first guess from the quote's text: one stretch wrapped in quote marks is direct
    /// (partial if it is three words or fewer); quoted words with reported speech around
    /// or between them are mixed; no quote marks at all, direct.
    ///
    /// ```
    /// use marginalia::core::entities::QuoteKind;
    /// assert_eq!(QuoteKind::guess("“We stay,”"), QuoteKind::Partial);
    /// assert_eq!(QuoteKind::guess("\"This marsh filters the water our children drink,\""), QuoteKind::Direct);
    /// assert_eq!(QuoteKind::guess("«Wir bleiben hier, alle zusammen.»"), QuoteKind::Direct);
    /// assert_eq!(QuoteKind::guess("said the plan was “economic renewal”"), QuoteKind::Mixed);
    /// assert_eq!(QuoteKind::guess("“We stay,” said Ana. “We fight.”"), QuoteKind::Mixed);
    /// assert_eq!(QuoteKind::guess("“Iran's rivers,” he said."), QuoteKind::Mixed);
    /// ```
    pub fn guess(text: &str) -> QuoteKind {
        // Double quote marks only: ‘ and ’ are apostrophes as often as quote marks.
        const MARKS: &[char] = &['"', '“', '”', '„', '«', '»', '‹', '›', '「', '」'];
        let t = text.trim().trim_end_matches(['.', ',', ';', ':', '!', '?']);
        let Some(inner) = t.strip_prefix(MARKS).and_then(|rest| rest.strip_suffix(MARKS)) else {
            return if t.contains(MARKS) { QuoteKind::Mixed } else { QuoteKind::Direct };
        };
        if inner.contains(MARKS) {
            QuoteKind::Mixed
        } else if inner.split_whitespace().count() <= 3 {
            QuoteKind::Partial
        } else {
            QuoteKind::Direct
        }
    }
}

/// The mentions of entity `id`, in document order.
pub fn mentions(doc: &Document, id: EntityId) -> impl Iterator<Item = &Annotation> {
    doc.annotations.iter().filter(move |a| a.entity == Some(id))
}

/// Every entity's mentions, in document order, gathered in one pass.
pub fn mentions_by_entity(doc: &Document) -> BTreeMap<EntityId, Vec<&Annotation>> {
    let mut map: BTreeMap<EntityId, Vec<&Annotation>> = BTreeMap::new();
    for a in doc.annotations.iter() {
        if let Some(e) = a.entity {
            map.entry(e).or_default().push(a);
        }
    }
    map
}

/// The distinct texts of an entity's mentions other than its name, in document order.
pub fn aliases(doc: &Document, entity: &Entity) -> Vec<String> {
    aliases_among(doc, entity, &mentions(doc, entity.id).collect::<Vec<_>>())
}

/// [`aliases`] among `mentions` (the entity's, already gathered).
pub fn aliases_among(doc: &Document, entity: &Entity, mentions: &[&Annotation]) -> Vec<String> {
    let mut seen: Vec<String> = Vec::new();
    for m in mentions {
        let text = doc.text_of(m);
        if text != entity.name && !seen.iter().any(|s| s == text) {
            seen.push(text.to_owned());
        }
    }
    seen
}

/// The entity a new mention with `label` and `text` joins: the entity of another mention
/// with the same label and text, if there is one.
pub fn entity_for(doc: &Document, label: &str, text: &str) -> Option<EntityId> {
    doc.annotations
        .iter()
        .find(|a| a.entity.is_some() && a.label == label && doc.text_of(a) == text)
        .and_then(|a| a.entity)
}

/// Gives every mention without an entity one: that of a mention with the same label and
/// text, else a new entity named after it. For documents built outside the reducer (a
/// version 1 file, a test fixture).
pub fn group(doc: &mut Document) {
    let mut by_key: BTreeMap<(String, String), EntityId> = BTreeMap::new();
    for a in doc.annotations.iter().filter(|a| a.entity.is_some()) {
        by_key.insert((a.label.clone(), doc.text_of(a).to_owned()), a.entity.expect("filtered"));
    }
    let missing: Vec<Annotation> =
        doc.annotations.iter().filter(|a| a.entity.is_none() && doc.labels.is_entity(&a.label)).cloned().collect();
    for a in missing {
        let key = (a.label.clone(), doc.text_of(&a).to_owned());
        let id = match by_key.get(&key) {
            Some(id) => *id,
            None => {
                let id = EntityId(doc.next_entity);
                doc.next_entity += 1;
                doc.entities.put(Entity { id, label: a.label.clone(), name: key.1.clone() });
                by_key.insert(key, id);
                id
            }
        };
        doc.annotations.update(a.id, |m| m.entity = Some(id));
    }
}
