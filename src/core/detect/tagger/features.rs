//! The tagger's one feature extractor, used by `marginalia train` and by tagging alike:
//! what is known of each token of a sentence, as short strings ("w=tehran", "sh=Xx",
//! "w-1=in"), each worth 1.
//!
//! For token *i*: a bias; its word, lower-cased and as written; its shape ("Xx", "X.X.",
//! "dd"); its prefixes and suffixes of one to four letters (lower case); whether it is
//! capitalised, in capitals, holds digits, a hyphen or a stop, or is in Arabic script;
//! whether it starts or ends the sentence; the rule lists it is in (titles, roles,
//! organisation, place and event words, months, weekdays, connectors, stop words); whether
//! the shipped gazetteer holds a name of up to four tokens that covers it (and whether it
//! begins it); whether the document also uses it in lower case (a capitalised common word);
//! the words two either side, the shapes one either side, and the word pairs it forms with
//! its neighbours.
//!
//! **Architecture Invariant:** training and tagging call [`sentence_features`] and nothing
//! else to describe a token, so a model never meets features it was not trained on.
//!
//! ```
//! use marginalia::core::detect::tagger::features::{sentence_features, DocContext};
//! let doc = DocContext::of(["He", "met", "Ali", "in", "Kabul"].into_iter());
//! let mut at_kabul = Vec::new();
//! sentence_features(&["He", "met", "Ali", "in", "Kabul"], &doc, |i, f| if i == 4 { at_kabul.push(f.to_owned()) });
//! assert!(at_kabul.contains(&"w=kabul".to_string()) && at_kabul.contains(&"gaz=B".to_string()) && at_kabul.contains(&"w-1=in".to_string()));
//! ```

use crate::core::detect::dates::{is_month, is_weekday};
use crate::core::detect::entities::word_lists;
use crate::core::detect::gazetteer::is_place;
use rustc_hash::FxHashMap as HashMap;
use std::fmt::Write;

/// What the features know of the whole document: the words it uses in lower case, each
/// with how often (so an edit can add and take away words: `tagger::memo`).
#[derive(Clone, Debug, Default)]
pub struct DocContext {
    lower: HashMap<Box<str>, u32>,
}

impl DocContext {
    /// The context of a document made of `tokens`.
    pub fn of<'a>(tokens: impl Iterator<Item = &'a str>) -> DocContext {
        let mut doc = DocContext::default();
        for t in tokens.filter(|t| DocContext::counts(t)) {
            doc.add(t);
        }
        doc
    }

    /// True if `token` is one the context counts: it starts in lower case.
    pub fn counts(token: &str) -> bool {
        token.chars().next().is_some_and(char::is_lowercase)
    }

    /// True if the document uses `lower` (a lower-cased word) in lower case.
    pub fn uses_lower(&self, lower: &str) -> bool {
        self.lower.contains_key(lower)
    }

    /// Counts one more use of `token` in lower case; true if it is the first.
    pub fn add(&mut self, token: &str) -> bool {
        match self.lower.get_mut(token) {
            Some(n) => {
                *n += 1;
                false
            }
            None => {
                self.lower.insert(token.into(), 1);
                true
            }
        }
    }

    /// Counts one use of `token` fewer; true if it was the last.
    pub fn remove(&mut self, token: &str) -> bool {
        let Some(n) = self.lower.get_mut(token) else { return false };
        *n -= 1;
        let last = *n == 0;
        if last {
            self.lower.remove(token);
        }
        last
    }
}

/// What [`sentence_features`] asks the document about `sentence`: the lower-case form of
/// each capitalised token, to know whether the document uses it in lower case (and nothing
/// else). Equal tokens and equal answers, equal features: a sentence an edit did not touch
/// need not be tagged again (`tagger::memo`).
pub fn doc_reads<'s>(sentence: &'s [&'s str]) -> impl Iterator<Item = String> + 's {
    sentence.iter().filter(|t| t.chars().next().is_some_and(char::is_uppercase)).map(|t| t.to_lowercase())
}

/// The shape of a word: capitals `X`, small letters `x`, digits `d`, other marks as they
/// are, runs of one class shortened to two ("Tehran" → "Xxx" → "Xx"; "U.S." → "X.X.").
pub fn shape(word: &str) -> String {
    let mut out = String::with_capacity(8);
    let (mut last, mut run) = ('\0', 0);
    for c in word.chars() {
        let class = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else if c.is_alphabetic() {
            'a' // letters without case: Arabic, Persian, CJK
        } else {
            c
        };
        run = if class == last { run + 1 } else { 1 };
        last = class;
        if run <= 2 {
            out.push(class);
        }
        if out.len() >= 12 {
            break;
        }
    }
    out
}

/// Calls `out(i, feature)` for every feature of every token `i` of `sentence`.
pub fn sentence_features(sentence: &[&str], doc: &DocContext, mut out: impl FnMut(usize, &str)) {
    let n = sentence.len();
    let lower: Vec<String> = sentence.iter().map(|t| t.to_lowercase()).collect();
    let shapes: Vec<String> = sentence.iter().map(|t| shape(t)).collect();
    let gazetteer = gazetteer_marks(sentence);
    let mut buf = String::with_capacity(48);
    let mut emit = |i: usize, args: std::fmt::Arguments<'_>| {
        buf.clear();
        let _ = buf.write_fmt(args);
        out(i, &buf);
    };
    let word_at = |k: isize| -> &str {
        if k < 0 {
            "<s>"
        } else if k as usize >= n {
            "</s>"
        } else {
            &lower[k as usize]
        }
    };
    for i in 0..n {
        let (word, low, sh) = (sentence[i], lower[i].as_str(), shapes[i].as_str());
        // Byte offsets of the first four and the last four characters, for the affixes.
        let starts: Vec<usize> = low.char_indices().map(|(b, _)| b).chain([low.len()]).collect();
        let count = starts.len() - 1;
        emit(i, format_args!("b"));
        emit(i, format_args!("w={low}"));
        emit(i, format_args!("W={word}"));
        emit(i, format_args!("sh={sh}"));
        for k in 1..=4.min(count) {
            emit(i, format_args!("p{k}={}", &low[..starts[k]]));
            emit(i, format_args!("s{k}={}", &low[starts[count - k]..]));
        }
        let first = word.chars().next().unwrap_or(' ');
        if first.is_uppercase() {
            emit(i, format_args!("cap"));
            if doc.uses_lower(low) {
                emit(i, format_args!("lc-seen"));
            }
        }
        if word.chars().filter(|c| c.is_alphabetic()).count() > 1 && !word.chars().any(char::is_lowercase) && word.chars().any(char::is_uppercase) {
            emit(i, format_args!("allcap"));
        }
        if word.chars().any(|c| c.is_ascii_digit()) {
            emit(i, format_args!("digit"));
        }
        if word.contains('-') {
            emit(i, format_args!("hyphen"));
        }
        if word.contains('.') {
            emit(i, format_args!("stop"));
        }
        if word.chars().any(|c| ('\u{0600}'..='\u{06ff}').contains(&c) || ('\u{fb50}'..='\u{fdff}').contains(&c) || ('\u{fe70}'..='\u{feff}').contains(&c)) {
            emit(i, format_args!("arabic-script"));
        }
        if i == 0 {
            emit(i, format_args!("bos"));
        }
        if i + 1 == n {
            emit(i, format_args!("eos"));
        }
        for list in word_lists(word) {
            emit(i, format_args!("list={list}"));
        }
        if is_month(word) {
            emit(i, format_args!("list=month"));
        }
        if is_weekday(word) {
            emit(i, format_args!("list=weekday"));
        }
        match gazetteer[i] {
            Gazetteer::Begins => emit(i, format_args!("gaz=B")),
            Gazetteer::Inside => emit(i, format_args!("gaz=I")),
            Gazetteer::No => {}
        }
        let at = i as isize;
        for d in [-2isize, -1, 1, 2] {
            emit(i, format_args!("w{d:+}={}", word_at(at + d)));
        }
        for d in [-1isize, 1] {
            let k = at + d;
            let s = if k < 0 || k as usize >= n { "-" } else { shapes[k as usize].as_str() };
            emit(i, format_args!("sh{d:+}={s}"));
        }
        emit(i, format_args!("w-1|w={}|{low}", word_at(at - 1)));
        emit(i, format_args!("w|w+1={low}|{}", word_at(at + 1)));
        emit(i, format_args!("sh-1|sh|sh+1={}|{sh}|{}", if i == 0 { "-" } else { shapes[i - 1].as_str() }, if i + 1 == n { "-" } else { shapes[i + 1].as_str() }));
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Gazetteer {
    No,
    Begins,
    Inside,
}

/// For each token: whether a gazetteer name of up to four tokens starts at it or covers it
/// (the longest name wins).
fn gazetteer_marks(sentence: &[&str]) -> Vec<Gazetteer> {
    let mut marks = vec![Gazetteer::No; sentence.len()];
    let mut i = 0;
    let mut joined = String::new();
    while i < sentence.len() {
        let mut longest = 0;
        if sentence[i].chars().next().is_some_and(char::is_uppercase) {
            joined.clear();
            for (k, t) in sentence[i..sentence.len().min(i + 4)].iter().enumerate() {
                if k > 0 {
                    joined.push(' ');
                }
                joined.push_str(t);
                if is_place(&joined) {
                    longest = k + 1;
                }
            }
        }
        if longest == 0 {
            i += 1;
            continue;
        }
        marks[i] = Gazetteer::Begins;
        marks[i + 1..i + longest].iter_mut().for_each(|m| *m = Gazetteer::Inside);
        i += longest;
    }
    marks
}
