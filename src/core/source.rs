//! Where a document came from: its source record (URL, outlet, authors, publication and
//! retrieval dates, a note), so that a "who said what" record can be cited. Every field is
//! free text as the user typed it (dates are meant as `YYYY-MM-DD`, the form of an HTML
//! date field); empty fields are left out of every export.

use serde::{Deserialize, Serialize};

/// A document's source record. The default is an empty record.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The article's address.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub url: String,
    /// The outlet that published it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub outlet: String,
    /// Its authors, in byline order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    /// When it was published (`YYYY-MM-DD`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub published: String,
    /// When it was read or saved (`YYYY-MM-DD`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub retrieved: String,
    /// Anything else worth recording (a paywall, an archive copy, a correction).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// One field of a source record, as the "Source" view edits it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    /// `url`.
    Url,
    /// `outlet`.
    Outlet,
    /// `authors`, typed as one line separated by `;`.
    Authors,
    /// `published`.
    Published,
    /// `retrieved`.
    Retrieved,
    /// `note`.
    Note,
}

impl Source {
    /// This record with `field` set to `value` (authors split at `;`).
    ///
    /// ```
    /// use marginalia::core::source::{Field, Source};
    /// let s = Source::default().with(Field::Authors, "Ana Lima; Bo Berg").with(Field::Outlet, "Halden Post");
    /// assert_eq!((s.authors.len(), s.outlet.as_str()), (2, "Halden Post"));
    /// ```
    pub fn with(&self, field: Field, value: &str) -> Source {
        let mut next = self.clone();
        let value = value.to_owned();
        match field {
            Field::Url => next.url = value,
            Field::Outlet => next.outlet = value,
            Field::Authors => next.authors = Source::authors_from(&value),
            Field::Published => next.published = value,
            Field::Retrieved => next.retrieved = value,
            Field::Note => next.note = value,
        }
        next
    }

    /// True if no field is filled in.
    pub fn is_empty(&self) -> bool {
        *self == Source::default()
    }

    /// The authors as one line: `Ana Lima; Bo Berg`.
    pub fn authors_line(&self) -> String {
        self.authors.join("; ")
    }

    /// Authors typed as one line (separated by `;` or new lines), trimmed, empty ones left out.
    ///
    /// ```
    /// use marginalia::core::source::Source;
    /// assert_eq!(Source::authors_from(" Ana Lima ;Bo Berg;\n; "), ["Ana Lima", "Bo Berg"]);
    /// ```
    pub fn authors_from(line: &str) -> Vec<String> {
        line.split([';', '\n']).map(str::trim).filter(|a| !a.is_empty()).map(String::from).collect()
    }

    /// One line citing it, for the report and text exports: `Outlet, Authors, Published, URL
    /// (retrieved …)`, with what is missing left out.
    ///
    /// ```
    /// use marginalia::core::source::Source;
    /// let s = Source { url: "https://x.example/a".into(), outlet: "Halden Post".into(), published: "2026-11-30".into(), ..Source::default() };
    /// assert_eq!(s.citation(), "Halden Post, 2026-11-30, https://x.example/a");
    /// ```
    pub fn citation(&self) -> String {
        let mut parts: Vec<String> = [self.outlet.clone(), self.authors_line(), self.published.clone(), self.url.clone()]
            .into_iter()
            .filter(|p| !p.is_empty())
            .collect();
        if !self.retrieved.is_empty() {
            parts.push(format!("retrieved {}", self.retrieved));
        }
        parts.join(", ")
    }
}
