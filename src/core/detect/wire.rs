//! The messages between the page and the suggestion worker (`detect::engine` answers
//! them; `glue::suggest_worker` carries them). Each message is one JSON object, sent as a
//! string with `postMessage`, and tagged by its kind.
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
//! {"kind":"ask","version":3,"seq":18,"labels":{…},"marks":[{"keep":120},{"insert":[…]},{"keep":19880}],
//!  "rejected":[…]}
//!     The same as "suggest", with the marks as a change (`detect::list_change`) from the marks
//!     of the page's previous "ask" (from none before the first): what the page sends.
//! ```
//!
//! Worker → page (tagged by the one key of the object, or a string for "ready"):
//!
//! ```text
//! "ready"
//!     The worker listens: sent once, when it has started. What the page sends before
//!     that would be lost, so the page holds its messages until then.
//! {"suggestions":{"version":3,"seq":17,"tagger":true,"items":[…],"unclosed":[…]}}
//!     The answer to request `seq`: the suggestions as `detect::suggest` makes them
//!     (`tagger`: whether the statistical tagger's names are among them, or only the
//!     rules'). Sent again, with the same `seq`, when the model arrives after the rules'
//!     answer went out.
//! {"changed":{"version":3,"seq":18,"tagger":true,"items":[{"keep":…},{"drop":…},{"insert":[…]},…],"unclosed":[…]}}
//!     The same as "suggestions", with the items as a change from the items of the
//!     worker's previous "changed" (from none before the first): what the worker sends.
//! {"tagger":{"message":"Names come from the rules alone: the tagger's model did not load (…)."}}
//!     The model could not be fetched or read: suggestions come from the rules alone.
//!     The last request is answered again right after, so the page can say why.
//! {"error":{"message":"…"}}
//!     A request the worker could not read or answer (a bug, never the user's doing).
//! ```
//!
//! Each end keeps the last list it sent and the last it received, so the lists are never
//! sent whole after the first time ([`PageEnd`], [`WorkerEnd`]): every message is read, in
//! order, even an answer the page no longer shows. Sending twenty thousand marks and
//! parsing a hundred thousand suggestions cost the page over 100 ms per change. The page's
//! end shares each suggestion (an `Rc`) with the list the page shows: the suggestions an
//! answer keeps are neither copied nor dropped, and the page compares them by pointer.
//!
//! ```
//! use marginalia::core::detect::wire::{Request, Reply};
//! let r: Request = serde_json::from_str(r#"{"kind":"text","version":1,"text":"Hi"}"#).unwrap();
//! assert_eq!(r, Request::Text { version: 1, text: "Hi".into() });
//! let e = serde_json::to_string(&Reply::Error { message: "x".into() }).unwrap();
//! assert_eq!(e, r#"{"error":{"message":"x"}}"#);
//! assert_eq!(serde_json::from_str::<Reply>(r#""ready""#).unwrap(), Reply::Ready);
//! ```

use super::list_change::ListChange;
use super::suggest::Suggestion;
use crate::core::labels::LabelSet;
use crate::core::offsets::Span;
use serde::{Deserialize, Serialize};
use std::rc::Rc;

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
    /// Work out the suggestions, the marks given as a change from the previous ask's.
    Ask(Ask),
}

/// A [`SuggestRequest`] as the page sends it: the marks as a change from the previous ask's.
pub type Ask = SuggestRequest<ListChange<(Span, String)>>;

/// What the suggestions depend on besides the text; `M` is how the marks are given (the
/// whole list, or in an [`Ask`] a change of the last one).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SuggestRequest<M = Vec<(Span, String)>> {
    /// The text they are for.
    pub version: u64,
    /// Grows with every request.
    pub seq: u64,
    /// The document's label schema.
    pub labels: LabelSet,
    /// Its annotations of entity and quote labels: span and label.
    pub marks: M,
    /// The suggestions the user rejected.
    pub rejected: Vec<(Span, String)>,
}

impl<M> SuggestRequest<M> {
    /// The same request with its marks given by `f`.
    fn with_marks<N>(self, f: impl FnOnce(M) -> N) -> SuggestRequest<N> {
        SuggestRequest { version: self.version, seq: self.seq, labels: self.labels, marks: f(self.marks), rejected: self.rejected }
    }
}

/// A message from the worker. Tagged from outside (`{"changed":{…}}`), not by a
/// `"kind"` field like [`Request`]: an internally tagged message is read into a buffer of
/// untyped values before its fields are, which took three times as long for a reply
/// with thousands of suggestions, on the page's thread.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
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
        items: Vec<Rc<Suggestion>>,
        /// Opening quote marks never closed.
        unclosed: Vec<usize>,
    },
    /// [`Reply::Suggestions`] with the items as a change from the previous answer's.
    Changed {
        /// The text they are for.
        version: u64,
        /// The request answered.
        seq: u64,
        /// True if the tagger's names are among them.
        tagger: bool,
        /// The change from the items of the previous answer.
        items: ListChange<Rc<Suggestion>>,
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

/// The page's end of the conversation: the marks it last sent, the items it last received.
#[derive(Default)]
pub struct PageEnd {
    marks: Vec<(Span, String)>,
    items: Vec<Rc<Suggestion>>,
}

impl PageEnd {
    /// `request` as sent: an ask, its marks a change from the previous ask's.
    pub fn send(&mut self, request: SuggestRequest) -> Request {
        Request::Ask(request.with_marks(|marks| {
            let change = ListChange::between(&self.marks, &marks, |(span, _)| (span.start, span.end));
            self.marks = marks;
            change
        }))
    }

    /// `reply` as received: a change of the items becomes the whole answer.
    pub fn receive(&mut self, reply: Reply) -> Result<Reply, String> {
        let Reply::Changed { version, seq, tagger, items, unclosed } = reply else { return Ok(reply) };
        self.items = items.apply(std::mem::take(&mut self.items))?;
        Ok(Reply::Suggestions { version, seq, tagger, items: self.items.clone(), unclosed })
    }
}

/// The worker's end: the marks it last received, the items it last sent.
#[derive(Default)]
pub struct WorkerEnd {
    marks: Vec<(Span, String)>,
    items: Vec<Rc<Suggestion>>,
}

impl WorkerEnd {
    /// `request` as received: an ask becomes the whole request.
    pub fn receive(&mut self, request: Request) -> Result<Request, String> {
        let Request::Ask(mut ask) = request else { return Ok(request) };
        let change = std::mem::replace(&mut ask.marks, ListChange(Vec::new()));
        self.marks = change.apply(std::mem::take(&mut self.marks))?;
        Ok(Request::Suggest(ask.with_marks(|_| self.marks.clone())))
    }

    /// `reply` as sent: the items as a change from the previous answer's.
    pub fn send(&mut self, reply: Reply) -> Reply {
        let Reply::Suggestions { version, seq, tagger, items, unclosed } = reply else { return reply };
        let change = ListChange::between(&self.items, &items, |s| (s.span.start, s.span.end));
        self.items = items;
        Reply::Changed { version, seq, tagger, items: change, unclosed }
    }
}
