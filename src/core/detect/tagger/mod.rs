//! The statistical entity tagger: a linear-chain CRF over the tokens of each sentence,
//! labelling people, organisations, places, dates and events with B-/I-/O tags.
//!
//! - `tokens` cuts the text into sentences of tokens, as the training corpora are cut.
//! - `features` describes each token; training and tagging share it.
//! - `memo` remembers what was found in the last text, so an edit re-tags only the
//!   blocks it touched.
//! - `model` holds the weights (its file format is specified there) and the Viterbi search.
//! - `corpus` reads the training corpora (GUM's CoNLL-U, Universal NER's IOB2) into
//!   labelled sentences; `marginalia train` (`cli::train`) fits the model on them.
//!
//! The shipped model is `static/model/tagger.mgtag` (CC BY-SA 4.0, trained on GUM and
//! Universal NER; `static/model/README.md` gives its attribution and training command).
//! How its findings meet the rules' is decided in one place: `detect::combine`.

pub mod corpus;
pub mod features;
pub mod memo;
pub mod model;
pub mod online;
pub mod tokens;

use super::words::Words;
use super::{Category, Mention};
use crate::core::offsets::Span;
use features::{sentence_features, DocContext};
pub use memo::Memo;
use model::{feature_hash, Model};

/// The category a tag's type stands for ("PER" in "B-PER").
pub fn category_of(kind: &str) -> Option<Category> {
    match kind {
        "PER" => Some(Category::Person),
        "ORG" => Some(Category::Organization),
        "LOC" => Some(Category::Place),
        "DATE" => Some(Category::Date),
        "EVENT" => Some(Category::Event),
        _ => None,
    }
}

/// The labels of `sentence` (token texts) under `model`.
pub fn tag_sentence(model: &Model, sentence: &[&str], doc: &DocContext) -> Vec<usize> {
    let l = model.labels.len();
    let mut states = vec![0f32; sentence.len() * l];
    sentence_features(sentence, doc, |i, f| model.add_state(feature_hash(f), &mut states[i * l..(i + 1) * l]));
    model.viterbi(&states)
}

/// Every mention `model` finds in the scanned text, in order.
pub fn tag(model: &Model, w: &Words) -> Vec<Mention> {
    tag_with(model, w, &mut Memo::default())
}

/// [`tag`], reusing what `memo` holds from the last text and then holding this one's:
/// only the blocks an edit touched are tagged again (`memo`).
pub fn tag_with(model: &Model, w: &Words, memo: &mut Memo) -> Vec<Mention> {
    memo.tag(model, w.text())
}

/// The chunks a path of B-/I-/O labels (indices into `labels`) marks in `sentence`, each
/// with its type ("PER" of "B-PER"), from the first word to the last word it covers (never
/// a mark of punctuation). Shared by the tagger and the online learner.
pub fn chunks<'l>(sentence: &[tokens::Token<'_>], path: &[usize], labels: &'l [String]) -> Vec<(Span, &'l str)> {
    let mut found = Vec::new();
    let mut open: Option<(usize, &str)> = None;
    for t in 0..=path.len() {
        let label = path.get(t).map(|&k| labels[k].as_str());
        if open.is_some() && !label.is_some_and(|x| x.starts_with("I-")) {
            let (start, kind) = open.take().expect("checked");
            let mut words = sentence[start..t].iter().filter(|x| x.word.is_some());
            if let (Some(a), Some(b)) = (words.clone().next(), words.next_back()) {
                found.push((Span::new(a.span.start, b.span.end), kind));
            }
        }
        if let Some(kind) = label.and_then(|x| x.strip_prefix("B-")) {
            open = Some((t, kind));
        }
    }
    found
}

/// The shipped model, read once (native builds carry it; the app loads it after first
/// paint instead, see `ui`).
#[cfg(not(target_arch = "wasm32"))]
pub fn shipped() -> &'static Model {
    static MODEL: std::sync::OnceLock<Model> = std::sync::OnceLock::new();
    MODEL.get_or_init(|| model::read(include_bytes!("../../../../static/model/tagger.mgtag")).expect("the shipped tagger model reads"))
}
