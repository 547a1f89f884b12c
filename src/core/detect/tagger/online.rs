//! Learning from the user: an averaged perceptron on the tagger's own features
//! (`features`), trained in a few milliseconds on the sentences of a document in which the
//! user marked something, with the user's own labels. So a label the shipped model does
//! not know ("Victim") or names it does not read (Persian, Arabic) start being suggested
//! after the user marks a few.
//!
//! - **Training data**: every sentence holding one of the user's entity marks or rejected
//!   suggestions. Such a sentence counts as fully labelled: its other tokens are `O`
//!   (outside), so a rejection teaches what is not a name.
//! - **Labels**: `O`, and `B-`/`I-` for each label the user marked with, in the order met.
//! - **Learning**: the structured perceptron (Collins 2002) with Viterbi decoding over
//!   state and transition weights, `EPOCHS` passes in document order, then the weights
//!   averaged over every step. Deterministic: the same marks give the same learner.
//! - The learner is a function of the document's marks, so it is kept with them (saved
//!   with the document, undone with them) and starts afresh when they are all gone; it
//!   never leaves the browser.
//!
//! ```
//! use marginalia::core::detect::tagger::online::taught;
//! use marginalia::core::detect::words::Words;
//! use marginalia::core::offsets::Span;
//! let text = "Police said Reza Amini was shot. Police said Sara Karimi was shot. Police said Omid Naderi was shot.";
//! let w = Words::new(text);
//! let marks = [(Span::new(12, 22), "Victim".to_string()), (Span::new(45, 56), "Victim".to_string())];
//! let found = taught(&w, &marks, &[]);
//! let found: Vec<(&str, &str)> = found.iter().map(|(s, l)| (w.slice(*s), l.as_str())).collect();
//! assert!(found.contains(&("Omid Naderi", "Victim")), "{found:?}");
//! ```

use super::features::{sentence_features, DocContext};
use super::model::{constraints, feature_hash, viterbi};
use super::chunks;
use super::tokens::{sentences, Token};
use crate::core::detect::words::Words;
use crate::core::offsets::Span;
use rustc_hash::FxHashMap as HashMap;

/// Passes over the training sentences.
pub const EPOCHS: usize = 8;

/// What was learnt from one document's marks.
#[derive(Clone, Debug)]
pub struct Learner {
    /// "O", then "B-"/"I-" of each label.
    labels: Vec<String>,
    /// Feature hash → a weight per label (averaged).
    states: HashMap<u32, Vec<f32>>,
    /// Transition weights, row = from (averaged).
    transitions: Vec<f32>,
    allowed: Vec<bool>,
    may_start: Vec<bool>,
    /// Sentences it learnt from.
    pub sentences: usize,
}

/// Weights being learnt, with the sums that average them (the "lazy" averaging trick:
/// the average is `w - sum / steps`, where `sum` adds each update times its step).
struct Averaged {
    w: Vec<f32>,
    sum: Vec<f32>,
}

impl Averaged {
    fn new(n: usize) -> Averaged {
        Averaged { w: vec![0.0; n], sum: vec![0.0; n] }
    }
    fn update(&mut self, k: usize, by: f32, step: f32) {
        self.w[k] += by;
        self.sum[k] += by * step;
    }
    fn average(&self, steps: f32) -> Vec<f32> {
        self.w.iter().zip(&self.sum).map(|(w, s)| w - s / steps).collect()
    }
}

impl Learner {
    /// Learns from the entity `marks` (span, label) and `rejected` spans of the text
    /// `sentences` are of (`tokens::sentences`), with its `doc` context; `None` when there
    /// is nothing to learn from.
    pub fn learn(all: &[Vec<Token<'_>>], doc: &DocContext, marks: &[(Span, String)], rejected: &[Span]) -> Option<Learner> {
        let mut labels = vec!["O".to_string()];
        for (_, label) in marks {
            if !labels.contains(&format!("B-{label}")) && labels.len() < 255 {
                labels.push(format!("B-{label}"));
                labels.push(format!("I-{label}"));
            }
        }
        if labels.len() == 1 {
            return None;
        }
        let l = labels.len();
        let mut sorted: Vec<(Span, &str)> = marks.iter().map(|(s, l)| (*s, l.as_str())).collect();
        sorted.sort();
        let mut training: Vec<(Vec<Vec<u32>>, Vec<usize>)> = Vec::new();
        for sentence in all {
            let (Some(first), Some(last)) = (sentence.first(), sentence.last()) else { continue };
            let extent = Span::new(first.span.start, last.span.end);
            if !sorted.iter().any(|(s, _)| s.overlaps(extent)) && !rejected.iter().any(|s| s.overlaps(extent)) {
                continue;
            }
            let gold = gold_tags(sentence, &sorted, &labels);
            training.push((hashed_features(sentence, doc), gold));
        }
        if training.is_empty() {
            return None;
        }
        let (allowed, may_start) = constraints(&labels);
        let mut states: HashMap<u32, Averaged> = HashMap::default();
        let mut transitions = Averaged::new(l * l);
        let mut step = 1.0f32;
        for _ in 0..EPOCHS {
            for (features, gold) in &training {
                let scores = score(features, l, |h| states.get(&h).map(|a| a.w.as_slice()));
                let guess = viterbi(&transitions.w, &allowed, &may_start, &scores);
                if &guess != gold {
                    for (t, feats) in features.iter().enumerate() {
                        if guess[t] != gold[t] {
                            for &h in feats {
                                let a = states.entry(h).or_insert_with(|| Averaged::new(l));
                                a.update(gold[t], 1.0, step);
                                a.update(guess[t], -1.0, step);
                            }
                        }
                        if t > 0 && (guess[t - 1], guess[t]) != (gold[t - 1], gold[t]) {
                            transitions.update(gold[t - 1] * l + gold[t], 1.0, step);
                            transitions.update(guess[t - 1] * l + guess[t], -1.0, step);
                        }
                    }
                }
                step += 1.0;
            }
        }
        let states = states.into_iter().map(|(h, a)| (h, a.average(step))).collect();
        Some(Learner { labels, states, transitions: transitions.average(step), allowed, may_start, sentences: training.len() })
    }

    /// Every span it finds in `sentences` (with their `doc` context), with its label, in order.
    pub fn find(&self, all: &[Vec<Token<'_>>], doc: &DocContext) -> Vec<(Span, String)> {
        let l = self.labels.len();
        let mut found = Vec::new();
        for sentence in all {
            let scores = score(&hashed_features(sentence, doc), l, |h| self.states.get(&h).map(Vec::as_slice));
            let path = viterbi(&self.transitions, &self.allowed, &self.may_start, &scores);
            found.extend(chunks(sentence, &path, &self.labels).into_iter().map(|(span, label)| (span, label.to_owned())));
        }
        found
    }
}

/// What the user's entity `marks` and `rejected` spans teach about the scanned text: the
/// spans the learner then finds, with their labels (none when there is nothing to learn).
pub fn taught(w: &Words, marks: &[(Span, String)], rejected: &[Span]) -> Vec<(Span, String)> {
    let all = sentences(w);
    let doc = DocContext::of(all.iter().flatten().map(|t| t.text));
    Learner::learn(&all, &doc, marks, rejected).map(|l| l.find(&all, &doc)).unwrap_or_default()
}

/// The features of each token of `sentence`, hashed.
fn hashed_features(sentence: &[Token<'_>], doc: &DocContext) -> Vec<Vec<u32>> {
    let texts: Vec<&str> = sentence.iter().map(|t| t.text).collect();
    let mut out = vec![Vec::new(); texts.len()];
    sentence_features(&texts, doc, |i, f| out[i].push(feature_hash(f)));
    out
}

/// State scores (`tokens × labels`) from per-feature weights.
fn score<'a>(features: &[Vec<u32>], l: usize, weights: impl Fn(u32) -> Option<&'a [f32]>) -> Vec<f32> {
    let mut scores = vec![0.0; features.len() * l];
    for (t, feats) in features.iter().enumerate() {
        for &h in feats {
            if let Some(w) = weights(h) {
                for (s, x) in scores[t * l..(t + 1) * l].iter_mut().zip(w) {
                    *s += x;
                }
            }
        }
    }
    scores
}

/// The gold tags of `sentence` from the marks (sorted by span): B/I inside a mark, O else.
fn gold_tags(sentence: &[Token<'_>], marks: &[(Span, &str)], labels: &[String]) -> Vec<usize> {
    let index = |tag: String| labels.iter().position(|x| *x == tag).unwrap_or(0);
    let mut tags = vec![0; sentence.len()];
    let mut inside: Option<Span> = None;
    for (t, token) in sentence.iter().enumerate() {
        let i = marks.partition_point(|(s, _)| s.start <= token.span.start);
        let mark = i.checked_sub(1).map(|i| marks[i]).filter(|(s, _)| token.span.end <= s.end);
        if let Some((span, label)) = mark {
            tags[t] = index(if inside == Some(span) { format!("I-{label}") } else { format!("B-{label}") });
        }
        inside = mark.map(|(s, _)| s);
    }
    tags
}
