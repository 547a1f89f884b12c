//! Mentions: the questions asked about a document's mentions of entities (an entity's
//! mentions, its aliases, the entity a new mention joins) and the grouping of mentions
//! by label and text for documents built outside the reducer.

use super::annotations::Annotation;
use super::document::Document;
use super::entities::Entity;
use super::ids::EntityId;
use super::offsets::Span;
use std::collections::BTreeMap;

/// The mentions of entity `id`, in document order.
pub fn mentions(doc: &Document, id: EntityId) -> impl Iterator<Item = &Annotation> {
    doc.annotations.iter().filter(move |a| a.entity == Some(id))
}

/// The entities that may speak (`Document::speaker_candidates`), nearest first to `span`
/// (a quote): by the distance in code points from it to the entity's nearest mention.
///
/// ```
/// use marginalia::core::{fixture::document, mentions::nearest_speakers};
/// let doc = document("[Person|Ana] met [Person|Bo] and said: [Quote|“Go.”] to the [Organization|CRP]");
/// let quote = doc.annotations.iter().find(|a| a.label == "Quote").unwrap().span;
/// let names: Vec<&str> = nearest_speakers(&doc, quote).iter().map(|e| e.name.as_str()).collect();
/// assert_eq!(names, ["CRP", "Bo", "Ana"]);
/// ```
pub fn nearest_speakers(doc: &Document, span: Span) -> Vec<&Entity> {
    let by_entity = mentions_by_entity(doc);
    let gap = |a: &Annotation| {
        if a.span.end <= span.start {
            span.start - a.span.end
        } else {
            a.span.start.saturating_sub(span.end)
        }
    };
    let mut found: Vec<(usize, &Entity)> = doc
        .speaker_candidates()
        .into_iter()
        .map(|e| (by_entity.get(&e.id).and_then(|m| m.iter().map(|a| gap(a)).min()).unwrap_or(usize::MAX), e))
        .collect();
    found.sort_by_key(|(d, _)| *d);
    found.into_iter().map(|(_, e)| e).collect()
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
