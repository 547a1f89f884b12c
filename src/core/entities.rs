//! Entities: the people, organisations, places … that mentions refer to. Every mention
//! (an annotation whose label is of kind entity) belongs to exactly one entity; mentions
//! with the same label and text are grouped into one automatically (`core::mentions`),
//! and the user can merge entities, split a mention out and set an entity's canonical
//! name. A quote's speakers are entities, so everything one actor said is found together
//! whichever mention was clicked.
//!
//! **Invariant:** an entity exists exactly while it has at least one mention, and every
//! mention's entity has the mention's label. The reducer keeps this with edits, so undo
//! restores both sides.

use std::collections::BTreeMap;
use super::ids::EntityId;

/// One entity.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
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
