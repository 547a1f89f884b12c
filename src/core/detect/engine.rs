//! The suggestion engine behind the worker: it holds the text, the tagger model and the
//! analysis of the text, and answers the page's requests (`detect::wire`). Browser-free,
//! so it is tested natively; `glue::suggest_worker` only moves strings in and out.
//!
//! The analysis (words, quotations, names) is redone only when the text or the model
//! changes, and then the tagger reruns only on the paragraphs that changed (`tagger::memo`);
//! a request that only changes annotations costs the cheap `suggest_with`.
//!
//! ```
//! use marginalia::core::detect::engine::Engine;
//! use marginalia::core::detect::wire::{Reply, Request, SuggestRequest};
//! use marginalia::core::labels::Preset;
//! let mut engine = Engine::default();
//! engine.handle(Request::Text { version: 1, text: "“We will stay,” said Maryam Rahimi.".into() });
//! let ask = SuggestRequest { version: 1, seq: 1, labels: Preset::News.labels(), marks: vec![], rejected: vec![] };
//! let Some(Reply::Suggestions { items, tagger, .. }) = engine.handle(Request::Suggest(ask)) else { panic!() };
//! assert!(!tagger); // no model given: the rules alone
//! assert!(items.iter().any(|s| s.label == "Quote" && s.speakers.len() == 1));
//! ```

use super::suggest::{analyse_with, is_unknown, suggest_taught, Analysis};
use super::tagger::{model, model::Model, online, Memo};
use super::wire::{Reply, Request, SuggestRequest};
use crate::core::annotations::{Annotation, Annotations};
use crate::core::document::Document;
use crate::core::ids::AnnotationId;
use crate::core::text::Text;
use std::rc::Rc;

/// The worker's state.
pub struct Engine {
    /// Whether the user's marks teach the online learner (on unless switched off, for
    /// measuring what it is worth: `marginalia eval --learning`).
    pub learning: bool,
    model: Option<Model>,
    text: Option<(u64, Rc<Text>)>,
    analysis: Option<Analysis>,
    memo: Memo,
    last: Option<SuggestRequest>,
}

impl Default for Engine {
    fn default() -> Engine {
        Engine { learning: true, model: None, text: None, analysis: None, memo: Memo::default(), last: None }
    }
}

impl Engine {
    /// Uses `model` for the tagger's names from now on.
    pub fn set_model(&mut self, model: Model) {
        self.model = Some(model);
        self.analysis = None;
        self.memo = Memo::default();
    }

    /// Reads the tagger model from `bytes`. From then on names come from the tagger and
    /// the rules; the last request is answered again, now with the tagger (`None` if
    /// there was none). A model that does not read leaves the rules alone at work.
    pub fn load_model(&mut self, bytes: &[u8]) -> Result<Option<Reply>, String> {
        self.set_model(model::read(bytes)?);
        Ok(self.again())
    }

    /// The last request answered again (`None` if there was none).
    pub fn again(&mut self) -> Option<Reply> {
        self.last.clone().map(|ask| self.suggest(ask))
    }

    /// True once a model is loaded.
    pub fn has_model(&self) -> bool {
        self.model.is_some()
    }

    /// Sentences the tagger ran on in the last analysis (the rest were remembered).
    pub fn sentences_tagged(&self) -> usize {
        self.memo.tagged
    }

    /// Answers one request (a new text needs no answer). An ask must have been made whole
    /// by the worker's end of the wire first (`wire::WorkerEnd::receive`).
    pub fn handle(&mut self, request: Request) -> Option<Reply> {
        match request {
            Request::Text { version, text } => {
                self.text = Some((version, Rc::new(Text::exact(&text))));
                self.analysis = None;
                None
            }
            Request::Suggest(ask) => Some(self.suggest(ask)),
            Request::Ask(_) => Some(Reply::Error { message: "an ask reached the engine without its marks made whole".into() }),
        }
    }

    fn suggest(&mut self, ask: SuggestRequest) -> Reply {
        let Some((version, text)) = self.text.clone().filter(|(v, _)| *v == ask.version) else {
            return Reply::Error { message: format!("suggestions asked for text version {} before that text was sent", ask.version) };
        };
        let analysis = match self.analysis.take() {
            Some(analysis) => analysis,
            None => analyse_with(text.as_str(), self.model.as_ref(), &mut self.memo),
        };
        let mut doc = Document::new("", "");
        doc.text = text;
        doc.labels = ask.labels.clone();
        doc.annotations = Annotations::from_vec(ask.marks.iter().enumerate().map(|(i, (span, label))| Annotation::new(AnnotationId(i as u64 + 1), *span, label.clone())).collect());
        let rejected = ask.rejected.iter().cloned().collect();
        let taught = if self.learning { taught(&analysis, &ask) } else { Vec::new() };
        let found = suggest_taught(&doc, &rejected, &analysis, &taught);
        self.analysis = Some(analysis);
        let reply = Reply::Suggestions { version, seq: ask.seq, tagger: self.model.is_some(), items: found.items, unclosed: found.unclosed };
        self.last = Some(ask);
        reply
    }
}

/// What the user's marks and rejections in this document teach (`tagger::online`). Only
/// worked out when one of the marks is of a label the detectors do not know or names
/// somebody in another script: on the rest the learner's findings are not used
/// (`suggest::suggest_taught`), and it would cost a pass over the whole text.
fn taught(analysis: &Analysis, ask: &SuggestRequest) -> Vec<(crate::core::offsets::Span, String)> {
    let marks: Vec<_> = ask.marks.iter().filter(|(_, l)| ask.labels.is_entity(l)).cloned().collect();
    if !marks.iter().any(|(span, label)| is_unknown(analysis.words.slice(*span), label)) {
        return Vec::new();
    }
    let rejected: Vec<_> = ask.rejected.iter().filter(|(_, l)| ask.labels.is_entity(l)).map(|(s, _)| *s).collect();
    online::taught(&analysis.words, &marks, &rejected)
}
