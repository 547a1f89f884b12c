//! What a document keeps of its revisions (see `core::realign` for how annotations are
//! carried to a revised text): a [`Revision`] record of each text it replaced, and the
//! [`Orphan`]s, annotations whose text a revision deleted. An orphan is off the article
//! but not lost: it is listed in the revision report and exported until the user deletes
//! it or re-attaches it to a new span.
//!
//! An orphan names its entity and its speakers by name, not by id, because the entity it
//! belonged to may have gone with it (an entity exists only while it has a mention).

use super::ids::AnnotationId;

/// One applied revision of a document's text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Revision {
    /// Lowercase hex SHA-256 of the text before.
    pub before_sha256: String,
    /// Its length in code points.
    pub before_length: usize,
    /// Lowercase hex SHA-256 of the text after.
    pub after_sha256: String,
    /// Its length in code points.
    pub after_length: usize,
    /// When (RFC 3339, from the caller).
    pub at: String,
}

/// An annotation whose text a revision deleted.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Orphan {
    /// Its id, kept: ids are never reused, so re-attaching gives it back.
    pub id: AnnotationId,
    /// Its label.
    pub label: String,
    /// Its text as it was.
    pub text: String,
    /// The revision that orphaned it: 1 for the first (an index into the document's
    /// revisions, plus one).
    pub revision: usize,
    /// Its note.
    pub note: String,
    /// For a mention: the name of its entity.
    pub entity: Option<String>,
    /// For a quote: the names of its speakers.
    pub speakers: Vec<String>,
    /// For a mention whose entity went with it: the quotes that entity spoke, which
    /// speak with it again once it is re-attached.
    pub spoke: Vec<AnnotationId>,
}
