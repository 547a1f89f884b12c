//! Ids as they are written everywhere outside the program: a one-letter prefix and a
//! number, `a12` (an annotation), `e3` (an entity), `d4` (a document in the library).
//! This module is the one place they are formatted and parsed.
//!
//! ```
//! use marginalia::core::ids::{AnnotationId, DocNumber, EntityId, Id};
//! assert_eq!(AnnotationId(12).to_string(), "a12");
//! assert_eq!(EntityId::parse("e3"), Some(EntityId(3)));
//! assert_eq!(DocNumber::parse("d4"), Some(DocNumber(4)));
//! assert_eq!(AnnotationId::parse("e3"), None);
//! assert_eq!(AnnotationId::parse("a"), None);
//! ```

use std::fmt;

/// An id written `<prefix><number>`.
pub trait Id: Copy + Sized {
    /// The letter it is written with.
    const PREFIX: char;

    /// The id with number `n`.
    fn from_number(n: u64) -> Self;

    /// Its number.
    fn number(self) -> u64;

    /// The id written as `text` (`a12`); `None` for anything else (another prefix, no
    /// number, a number too large).
    fn parse(text: &str) -> Option<Self> {
        text.strip_prefix(Self::PREFIX)?.parse().ok().map(Self::from_number)
    }
}

macro_rules! id {
    ($(#[$doc:meta])* $name:ident, $prefix:literal) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
        pub struct $name(pub u64);

        impl Id for $name {
            const PREFIX: char = $prefix;

            fn from_number(n: u64) -> Self {
                $name(n)
            }

            fn number(self) -> u64 {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}{}", $prefix, self.0)
            }
        }
    };
}

id!(
    /// A stable annotation id, written `a<number>` in exports. Ids are never reused within a
    /// document, so an exported id keeps meaning the same annotation.
    AnnotationId,
    'a'
);

id!(
    /// A stable entity id, written `e<number>` in exports.
    EntityId,
    'e'
);

id!(
    /// The number of a document in the browser's library; its storage key is written
    /// `d<number>`.
    DocNumber,
    'd'
);

impl DocNumber {
    /// The number after this one.
    pub fn next(self) -> DocNumber {
        DocNumber(self.0 + 1)
    }
}
