//! Tagging a text again after an edit: the tagger's memo of the last text, block by block.
//!
//! The text is cut into *blocks*: a cut falls right after the first line break that
//! follows a line holding a word. So a block is its lines without words (rules, "* * *")
//! followed by one line with words; a last block without words joins the one before it.
//! A sentence never crosses a line break, and the marks of a line without words belong to
//! the next sentence (`tokens::sentences`), so the tokens of a block, cut alone, are the
//! tokens the whole text has there.
//!
//! The features of a sentence read its tokens and one fact of the document: for each
//! capitalised token, whether the document uses it in lower case (`features::DocContext`).
//! The memo keeps, for each distinct block of the last text, how often it occurs, its
//! lower-case tokens (its share of the document's context), and per sentence the facts it
//! was tagged with and the mentions found (spans from the block's start). Tagging the next
//! text then:
//!
//! 1. cuts it into blocks and counts them (one pass over the text, hashing each block);
//! 2. updates the document's context by the blocks that went, came or changed count;
//! 3. re-tags the sentences of kept blocks one of whose facts flipped (a word that now is,
//!    or no longer is, used in lower case somewhere), and tags those of the new blocks;
//! 4. lays out every block's mentions at the block's place in the new text.
//!
//! Within one run, a sentence whose tokens and facts equal one already tagged in that run
//! takes its label path (a repeated boilerplate line is tagged once per text).
//!
//! So one edited paragraph costs the tagging of that paragraph and a pass over the text's
//! bytes, not a pass over its tokens.
//!
//! **Architecture Invariant:** tagging with a memo finds exactly what tagging the whole
//! text from scratch finds (`tests/detect/tagger.rs` checks it on random edits).

use super::features::{doc_reads, DocContext};
use super::tokens::{sentences, Token};
use super::{chunks, category_of, model::Model, tag_sentence};
use crate::core::detect::words::{is_word_char, Words};
use crate::core::detect::{Category, Mention};
use crate::core::offsets::Span;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::fmt::Write;

/// What the tagger found in the last text, block by block. It holds only the last text's
/// blocks, so it never grows past one text's worth.
#[derive(Debug, Default)]
pub struct Memo {
    blocks: HashMap<Box<str>, Block>,
    doc: DocContext,
    /// Sentences the last run tagged (the rest came from the memo).
    pub tagged: usize,
}

#[derive(Debug)]
struct Block {
    /// How often it occurs in the last text.
    occurs: usize,
    /// Its tokens that start in lower case, with repeats: its share of the context.
    lower: Vec<Box<str>>,
    sentences: Vec<Tagged>,
}

#[derive(Debug)]
struct Tagged {
    /// The lower-case forms of its capitalised tokens, and whether the document used each
    /// in lower case when it was tagged.
    facts: Vec<(Box<str>, bool)>,
    /// What was found, spans from the block's start.
    found: Vec<(Span, Category)>,
}

/// The blocks of `text`: byte range and the code point it starts at.
pub fn blocks(text: &str) -> Vec<(usize, usize, usize)> {
    let has_word = |line: &str| line.bytes().any(|b| b.is_ascii_alphanumeric()) || !line.is_ascii() && line.chars().any(is_word_char);
    let mut out: Vec<(usize, usize, usize)> = Vec::new();
    let (mut start, mut at, mut chars) = (0, 0, 0);
    let mut worded = false;
    while at < text.len() {
        let end = text[at..].find('\n').map_or(text.len(), |k| at + k);
        worded |= has_word(&text[at..end]);
        at = (end + 1).min(text.len());
        if worded && end < text.len() {
            out.push((start, at, chars));
            chars += text[start..at].chars().count();
            (start, worded) = (at, false);
        }
    }
    if start < text.len() {
        match out.last_mut() {
            Some(last) if !worded => last.1 = text.len(),
            _ => out.push((start, text.len(), chars)),
        }
    }
    out
}

impl Memo {
    /// Every mention `model` finds in `text`, in order, reusing what the memo holds from
    /// the last text (which must have been tagged by the same model) and then holding this
    /// one's.
    pub fn tag(&mut self, model: &Model, text: &str) -> Vec<Mention> {
        let cuts = blocks(text);
        let mut occurs: HashMap<&str, usize> = HashMap::default();
        for &(a, b, _) in &cuts {
            *occurs.entry(&text[a..b]).or_default() += 1;
        }
        // The context, by the blocks that went, changed count or came.
        let mut flipped: HashSet<Box<str>> = HashSet::default();
        let doc = &mut self.doc;
        self.blocks.retain(|key, block| {
            let now = occurs.get(&**key).copied().unwrap_or(0);
            if now == block.occurs {
                return true;
            }
            for token in &block.lower {
                for _ in now..block.occurs {
                    if doc.remove(token) {
                        flipped.insert(token.clone());
                    }
                }
                for _ in block.occurs..now {
                    if doc.add(token) {
                        flipped.insert(token.clone());
                    }
                }
            }
            block.occurs = now;
            now > 0
        });
        // Only kept blocks can hold a fact that flipped: the new ones are tagged below, in
        // the context as it now is.
        let kept = !self.blocks.is_empty();
        let fresh: Vec<(&str, usize, Words)> = occurs.iter().filter(|(key, _)| !self.blocks.contains_key(**key)).map(|(key, &n)| (*key, n, Words::new(key))).collect();
        let fresh_sentences: Vec<Vec<Vec<Token<'_>>>> = fresh.iter().map(|(_, _, w)| sentences(w)).collect();
        let fresh_lower: Vec<Vec<Box<str>>> = fresh_sentences.iter().map(|all| all.iter().flatten().filter(|t| DocContext::counts(t.text)).map(|t| t.text.into()).collect()).collect();
        for ((_, n, _), lower) in fresh.iter().zip(&fresh_lower) {
            for token in lower {
                for _ in 0..*n {
                    if self.doc.add(token) && kept {
                        flipped.insert(token.clone());
                    }
                }
            }
        }
        // Tagging: the kept blocks a flipped fact touches, then the new ones.
        let mut paths = Paths::default();
        if !flipped.is_empty() {
            for (key, block) in self.blocks.iter_mut() {
                if block.sentences.iter().any(|s| s.facts.iter().any(|(low, seen)| flipped.contains(low) && self.doc.uses_lower(low) != *seen)) {
                    let w = Words::new(key);
                    let all = sentences(&w);
                    for (k, sentence) in all.iter().enumerate() {
                        if block.sentences[k].facts.iter().any(|(low, seen)| self.doc.uses_lower(low) != *seen) {
                            block.sentences[k] = paths.tag(model, sentence, &self.doc);
                        }
                    }
                }
            }
        }
        for (((key, n, _), all), lower) in fresh.iter().zip(&fresh_sentences).zip(fresh_lower) {
            let tagged = all.iter().map(|s| paths.tag(model, s, &self.doc)).collect();
            self.blocks.insert((*key).into(), Block { occurs: *n, lower, sentences: tagged });
        }
        self.tagged = paths.tagged;
        let mut found = Vec::new();
        for &(a, b, at) in &cuts {
            for sentence in &self.blocks[&text[a..b]].sentences {
                found.extend(sentence.found.iter().map(|&(span, category)| Mention { span: Span::new(span.start + at, span.end + at), category, alias_of: None, why: "the statistical tagger" }));
            }
        }
        found
    }
}

/// The label paths one run has computed, by sentence tokens and the facts they read.
#[derive(Default)]
struct Paths {
    known: HashMap<String, Vec<usize>>,
    key: String,
    /// Sentences tagged (not taken from `known`).
    tagged: usize,
}

impl Paths {
    /// One sentence tagged in `doc`, with the facts of `doc` it read.
    fn tag(&mut self, model: &Model, sentence: &[Token<'_>], doc: &DocContext) -> Tagged {
        let texts: Vec<&str> = sentence.iter().map(|t| t.text).collect();
        let facts: Vec<(Box<str>, bool)> = doc_reads(&texts)
            .map(|low| {
                let seen = doc.uses_lower(&low);
                (low.into_boxed_str(), seen)
            })
            .collect();
        // The key: each token after its length in bytes (so no two sentences share one),
        // then the facts' answers, in order.
        self.key.clear();
        for t in &texts {
            let _ = write!(self.key, "{}:{t}", t.len());
        }
        self.key.extend(facts.iter().map(|&(_, seen)| if seen { '1' } else { '0' }));
        let labels = match self.known.get(&self.key) {
            Some(path) => path.clone(),
            None => {
                self.tagged += 1;
                let path = tag_sentence(model, &texts, doc);
                self.known.insert(self.key.clone(), path.clone());
                path
            }
        };
        let found = chunks(sentence, &labels, &model.labels).into_iter().filter_map(|(span, kind)| category_of(kind).map(|c| (span, c))).collect();
        Tagged { facts, found }
    }
}
