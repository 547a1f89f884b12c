//! The messages between the page and the suggestion worker (`detect::engine` answers
//! them; `glue::suggest_worker` carries them). Each message is one JSON object, sent as a
//! string with `postMessage`, and tagged by `"kind"`.
//!
//! Page → worker:
//!
//! ```text
//! {"kind":"text","version":3,"text":"…"}
//!     The document's text (already normalised), sent once each time it changes: on
//!     opening a document and after a revision. `version` names it in what follows.
//! {"kind":"suggest","version":3,"seq":17,"labels":{"labels":[…]},
//!  "marks":[[{"start":0,"end":5},"Person"],…],"rejected":[[{"start":9,"end":14},"Place"],…]}
//!     Work out the suggestions for text `version` given its label schema (as the
//!     Marginalia export writes labels), its annotations of entity and quote labels
//!     (`marks`: span and label, code points) and the rejected suggestions. `seq` grows
//!     with every request; only the newest one matters to the page.
//! ```
//!
//! Worker → page:
//!
//! ```text
//! {"kind":"ready"}
//!     The worker listens: sent once, when it has started. What the page sends before
//!     that would be lost, so the page holds its messages until then.
//! {"kind":"suggestions","version":3,"seq":17,"tagger":true,"items":[…],"unclosed":[…]}
//!     The answer to request `seq`: the suggestions as `detect::suggest` makes them
//!     (`tagger`: whether the statistical tagger's names are among them, or only the
//!     rules'). Sent again, with the same `seq`, when the model arrives after the rules'
//!     answer went out.
//! {"kind":"tagger","message":"Names come from the rules alone: the tagger's model did not load (…)."}
//!     The model could not be fetched or read: suggestions come from the rules alone.
//!     The last request is answered again right after, so the page can say why.
//! {"kind":"error","message":"…"}
//!     A request the worker could not read or answer (a bug, never the user's doing).
//! ```
//!
//! ```
//! use marginalia::core::detect::wire::{Request, Reply};
//! let r: Request = serde_json::from_str(r#"{"kind":"text","version":1,"text":"Hi"}"#).unwrap();
//! assert_eq!(r, Request::Text { version: 1, text: "Hi".into() });
//! let e = serde_json::to_string(&Reply::Error { message: "x".into() }).unwrap();
//! assert_eq!(e, r#"{"kind":"error","message":"x"}"#);
//! ```

use super::suggest::Suggestion;
use crate::core::labels::LabelSet;
use crate::core::offsets::Span;
use serde::{Deserialize, Serialize};

/// A message from the page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Request {
    /// The document's text, version `version`.
    Text {
        /// Names this text in later requests.
        version: u64,
        /// The text, normalised.
        text: String,
    },
    /// Work out the suggestions.
    Suggest(SuggestRequest),
}

/// What the suggestions depend on besides the text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SuggestRequest {
    /// The text they are for.
    pub version: u64,
    /// Grows with every request.
    pub seq: u64,
    /// The document's label schema.
    pub labels: LabelSet,
    /// Its annotations of entity and quote labels: span and label.
    pub marks: Vec<(Span, String)>,
    /// The suggestions the user rejected.
    pub rejected: Vec<(Span, String)>,
}

/// A message from the worker.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Reply {
    /// The worker has started and listens.
    Ready,
    /// The suggestions for request `seq`.
    Suggestions {
        /// The text they are for.
        version: u64,
        /// The request answered.
        seq: u64,
        /// True if the tagger's names are among them.
        tagger: bool,
        /// In document order.
        items: Vec<Suggestion>,
        /// Opening quote marks never closed.
        unclosed: Vec<usize>,
    },
    /// The tagger model did not load.
    Tagger {
        /// Why, for the user.
        message: String,
    },
    /// A request that could not be answered.
    Error {
        /// What went wrong.
        message: String,
    },
}
