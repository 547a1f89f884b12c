//! Agreement between coders who annotated the same text (same SHA-256): what each figure
//! counts, so that a researcher can cite it. All figures come from a [`Tally`] of counts,
//! so documents of a bundle pool by adding tallies.
//!
//! - **Tokens**: the text cut at Unicode word boundaries (UAX #29), white space left out:
//!   "Rahimi's" is `Rahimi's`, "“We" is `“` and `We`. A token is *covered* by an
//!   annotation that overlaps it by at least one code point.
//! - **Per label L**, each token is coded 1 if an L annotation covers it, else 0; **overall**,
//!   each token is coded with the set of labels whose annotations cover it ("Person",
//!   "Person+Quote", or none). On these codings: **Cohen's kappa** for two coders, **Fleiss'
//!   kappa** for three or more, **Krippendorff's alpha** (nominal) for any number, and the
//!   share of tokens all coders code alike (see `stats` for the formulas).
//! - **Spans**, for each pair of coders (the first is the reference): an annotation is an
//!   exact match when the other coder has one with the same label at the same span; an
//!   *overlapping* match when the other has one with the same label overlapping it.
//!   Precision is the share of the second coder's annotations matched, recall the share of
//!   the first's, F1 their harmonic mean; per label and over all labels (micro-averaged:
//!   counts summed).
//! - **Quotes**, for each pair: among quotes both have at the same span, the share whose
//!   speakers agree (every speaker of one has a speaker in the other with a mention at a
//!   same span, and back) and the share whose cues agree (both none, or the same span).
//! - **Entities**, for each pair: B-cubed over the mentions both have (same label and
//!   span): for each such mention m, precision = |E₁(m) ∩ E₂(m)| / |E₂(m)| and recall =
//!   |E₁(m) ∩ E₂(m)| / |E₁(m)|, Eᵢ(m) the common mentions in m's entity for coder i;
//!   averaged over the mentions; F1 their harmonic mean.
//!
//! Where a figure divides by zero (one category only, no annotations) it is undefined
//! (`None`), as the reference implementations give NaN.

pub mod across;
pub mod disagreements;
pub mod stats;

use super::annotations::Annotation;
use super::document::Document;
use super::ids::EntityId;
use super::mentions::mentions_by_entity;
use super::offsets::Span;
use stats::{alpha, cohen, fleiss, Prf, Ratio, Table};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use unicode_segmentation::UnicodeSegmentation;

/// One coder's document, with the name shown for it (a file name, or typed).
#[derive(Clone, Copy, Debug)]
pub struct Coder<'d> {
    /// The name.
    pub name: &'d str,
    /// Their document.
    pub doc: &'d Document,
}

/// Why documents cannot be compared.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mismatch {
    /// Fewer than two coders.
    TooFew,
    /// A coder's text is not the first one's.
    OtherText {
        /// The coder's name.
        name: String,
    },
    /// No document of the first coder's is in every other coder's files.
    NothingInCommon,
}

impl std::fmt::Display for Mismatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Mismatch::TooFew => write!(f, "Comparing needs two annotated versions of a text or more."),
            Mismatch::OtherText { name } => {
                write!(f, "“{name}” has another text (its SHA-256 differs): only annotations of the same text can be compared.")
            }
            Mismatch::NothingInCommon => write!(f, "No document's text is in every file: only annotations of the same text can be compared."),
        }
    }
}

/// The tokens of `text`, in code points.
pub fn tokens(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut chars_before = 0;
    let mut last_byte = 0;
    for (byte, word) in text.split_word_bound_indices() {
        chars_before += text[last_byte..byte].chars().count();
        last_byte = byte;
        let len = word.chars().count();
        if !word.chars().all(char::is_whitespace) {
            out.push(Span::new(chars_before, chars_before + len));
        }
    }
    out
}

/// Span counts for one pair of coders and one label (or all labels).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct SpanCounts {
    /// The first coder's annotations.
    pub first: usize,
    /// The second coder's annotations.
    pub second: usize,
    /// Annotations both have (same label and span).
    pub exact: usize,
    /// The first coder's annotations the second overlaps with the same label.
    pub first_overlapped: usize,
    /// The second coder's annotations the first overlaps with the same label.
    pub second_overlapped: usize,
}

impl SpanCounts {
    fn add(&mut self, o: &SpanCounts) {
        self.first += o.first;
        self.second += o.second;
        self.exact += o.exact;
        self.first_overlapped += o.first_overlapped;
        self.second_overlapped += o.second_overlapped;
    }
}

/// Quote and entity counts for one pair of coders.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LinkCounts {
    /// Quotes both have at the same span.
    pub quotes: usize,
    /// Of those, quotes whose speakers agree.
    pub speakers: usize,
    /// Of those, quotes whose cues agree.
    pub cues: usize,
    /// Mentions both have.
    pub mentions: usize,
    /// B-cubed precision summed over them.
    pub bcubed_precision: f64,
    /// B-cubed recall summed over them.
    pub bcubed_recall: f64,
}

impl LinkCounts {
    fn add(&mut self, o: &LinkCounts) {
        self.quotes += o.quotes;
        self.speakers += o.speakers;
        self.cues += o.cues;
        self.mentions += o.mentions;
        self.bcubed_precision += o.bcubed_precision;
        self.bcubed_recall += o.bcubed_recall;
    }
}

/// Everything the figures are computed from.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Tally {
    /// The coders' names.
    pub coders: Vec<String>,
    /// Documents counted.
    pub documents: usize,
    /// Tokens counted.
    pub tokens: usize,
    /// Per label, the table of token codings (1 covered, 0 not).
    pub label_tokens: BTreeMap<String, Table>,
    /// Over all labels, the table of token codings (label sets, numbered in `categories`).
    pub overall_tokens: Table,
    /// The label sets of the overall codings, by number ("" is none).
    pub categories: Vec<String>,
    /// Per pair (first, second) and label, span counts; label "" is all labels.
    pub spans: BTreeMap<(usize, usize), BTreeMap<String, SpanCounts>>,
    /// Per pair, quote and entity counts.
    pub links: BTreeMap<(usize, usize), LinkCounts>,
}

impl Tally {
    /// Counts `coders` on one text.
    pub fn of(coders: &[Coder]) -> Result<Tally, Mismatch> {
        let first = coders.first().filter(|_| coders.len() >= 2).ok_or(Mismatch::TooFew)?;
        if let Some(other) = coders.iter().find(|c| c.doc.text.sha256_hex() != first.doc.text.sha256_hex()) {
            return Err(Mismatch::OtherText { name: other.name.to_owned() });
        }
        let toks = tokens(first.doc.text.as_str());
        let mut tally = Tally { coders: coders.iter().map(|c| c.name.to_owned()).collect(), documents: 1, tokens: toks.len(), ..Tally::default() };
        // Per coder, per token: the labels covering it.
        let covering: Vec<Vec<BTreeSet<&str>>> = coders
            .iter()
            .map(|c| {
                toks.iter().map(|t| c.doc.annotations.overlapping(*t).into_iter().map(|a| a.label.as_str()).collect()).collect()
            })
            .collect();
        let labels: BTreeSet<&str> = coders.iter().flat_map(|c| c.doc.annotations.iter().map(|a| a.label.as_str())).collect();
        for label in &labels {
            let table = tally.label_tokens.entry((*label).to_owned()).or_default();
            for i in 0..toks.len() {
                let tuple = covering.iter().map(|c| u32::from(c[i].contains(label))).collect();
                *table.entry(tuple).or_default() += 1;
            }
        }
        let mut numbers: HashMap<String, u32> = HashMap::new();
        for i in 0..toks.len() {
            let tuple = covering
                .iter()
                .map(|c| {
                    let set = c[i].iter().copied().collect::<Vec<_>>().join("+");
                    let next = numbers.len() as u32;
                    *numbers.entry(set).or_insert(next)
                })
                .collect();
            *tally.overall_tokens.entry(tuple).or_default() += 1;
        }
        let mut categories = vec![String::new(); numbers.len()];
        for (set, n) in numbers {
            categories[n as usize] = set;
        }
        tally.categories = categories;
        for i in 0..coders.len() {
            for j in i + 1..coders.len() {
                let (a, b) = (coders[i].doc, coders[j].doc);
                tally.spans.insert((i, j), span_counts(a, b));
                tally.links.insert((i, j), link_counts(a, b));
            }
        }
        Ok(tally)
    }

    /// Adds `other` (another document coded by the same coders, in the same order).
    pub fn add(&mut self, other: &Tally) {
        self.documents += other.documents;
        self.tokens += other.tokens;
        for (label, table) in &other.label_tokens {
            let mine = self.label_tokens.entry(label.clone()).or_default();
            for (tuple, n) in table {
                *mine.entry(tuple.clone()).or_default() += n;
            }
        }
        // Overall categories are numbered per tally: renumber the other's into ours.
        let mut number: HashMap<&str, u32> = self.categories.iter().enumerate().map(|(i, c)| (c.as_str(), i as u32)).collect();
        let mut categories = self.categories.clone();
        let mut map = Vec::new();
        for c in &other.categories {
            let n = *number.entry(c.as_str()).or_insert_with(|| {
                categories.push(c.clone());
                categories.len() as u32 - 1
            });
            map.push(n);
        }
        for (tuple, n) in &other.overall_tokens {
            *self.overall_tokens.entry(tuple.iter().map(|&c| map[c as usize]).collect()).or_default() += n;
        }
        self.categories = categories;
        for (pair, by_label) in &other.spans {
            let mine = self.spans.entry(*pair).or_default();
            for (label, counts) in by_label {
                mine.entry(label.clone()).or_default().add(counts);
            }
        }
        for (pair, links) in &other.links {
            self.links.entry(*pair).or_default().add(links);
        }
    }

    /// The figures.
    pub fn figures(&self) -> Agreement {
        let tokens = |table: &Table| TokenFigures {
            kappa: if self.coders.len() == 2 { cohen(table) } else { fleiss(table) },
            alpha: alpha(table),
            alike: Ratio::of(table.iter().filter(|(t, _)| t.windows(2).all(|w| w[0] == w[1])).map(|(_, n)| n).sum(), table.values().sum()),
        };
        let pairs = self
            .spans
            .iter()
            .map(|(&(i, j), by_label)| {
                let spans = by_label.iter().map(|(label, c)| (label.clone(), SpanFigures::of(c))).collect();
                let l = self.links.get(&(i, j)).cloned().unwrap_or_default();
                let bcubed = if l.mentions == 0 {
                    Prf { precision: Ratio::of(0, 0), recall: Ratio::of(0, 0), f1: None }
                } else {
                    let (p, r) = (l.bcubed_precision / l.mentions as f64, l.bcubed_recall / l.mentions as f64);
                    Prf {
                        precision: Ratio { value: Some(p), part: l.mentions, whole: l.mentions },
                        recall: Ratio { value: Some(r), part: l.mentions, whole: l.mentions },
                        f1: Some(if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 }),
                    }
                };
                PairFigures { first: i, second: j, spans, speakers: Ratio::of(l.speakers, l.quotes), cues: Ratio::of(l.cues, l.quotes), bcubed }
            })
            .collect();
        Agreement {
            coders: self.coders.clone(),
            documents: self.documents,
            tokens: self.tokens,
            kappa_kind: if self.coders.len() == 2 { "Cohen" } else { "Fleiss" },
            labels: self.label_tokens.iter().map(|(label, table)| (label.clone(), tokens(table))).collect(),
            overall: tokens(&self.overall_tokens),
            pairs,
        }
    }
}

/// Span P/R/F1, exact and overlapping, with their counts.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct SpanFigures {
    /// The counts.
    pub counts: SpanCounts,
    /// Exact matches.
    pub exact: Prf,
    /// Overlapping matches.
    pub overlap: Prf,
}

impl SpanFigures {
    fn of(c: &SpanCounts) -> SpanFigures {
        SpanFigures {
            counts: c.clone(),
            exact: Prf::of(c.exact, c.first, c.exact, c.second),
            overlap: Prf::of(c.first_overlapped, c.first, c.second_overlapped, c.second),
        }
    }
}

/// Token figures for one label (or all).
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct TokenFigures {
    /// Cohen's (two coders) or Fleiss' (more) kappa.
    pub kappa: Option<f64>,
    /// Krippendorff's alpha.
    pub alpha: Option<f64>,
    /// Tokens all coders code alike, of all tokens.
    pub alike: Ratio,
}

/// The figures for one pair of coders.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct PairFigures {
    /// The first coder (the reference), by index.
    pub first: usize,
    /// The second.
    pub second: usize,
    /// Per label ("" is all labels): span figures.
    pub spans: BTreeMap<String, SpanFigures>,
    /// Quotes both have whose speakers agree.
    pub speakers: Ratio,
    /// Quotes both have whose cues agree.
    pub cues: Ratio,
    /// B-cubed over the mentions both have.
    pub bcubed: Prf,
}

/// All the figures.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Agreement {
    /// The coders' names.
    pub coders: Vec<String>,
    /// Documents compared.
    pub documents: usize,
    /// Tokens compared.
    pub tokens: usize,
    /// "Cohen" or "Fleiss".
    pub kappa_kind: &'static str,
    /// Per label: token figures.
    pub labels: BTreeMap<String, TokenFigures>,
    /// Over all labels: token figures.
    pub overall: TokenFigures,
    /// Per pair of coders.
    pub pairs: Vec<PairFigures>,
}

/// The figures for `coders` on one text.
pub fn agreement(coders: &[Coder]) -> Result<Agreement, Mismatch> {
    Ok(Tally::of(coders)?.figures())
}

fn span_counts(a: &Document, b: &Document) -> BTreeMap<String, SpanCounts> {
    let mut out: BTreeMap<String, SpanCounts> = BTreeMap::new();
    let in_b: HashSet<(Span, &str)> = b.annotations.iter().map(|x| (x.span, x.label.as_str())).collect();
    let overlapped = |x: &Annotation, other: &Document| other.annotations.overlapping(x.span).iter().any(|y| y.label == x.label);
    for x in a.annotations.iter() {
        for label in [x.label.as_str(), ""] {
            let c = out.entry(label.to_owned()).or_default();
            c.first += 1;
            c.exact += usize::from(in_b.contains(&(x.span, x.label.as_str())));
            c.first_overlapped += usize::from(overlapped(x, b));
        }
    }
    for y in b.annotations.iter() {
        for label in [y.label.as_str(), ""] {
            let c = out.entry(label.to_owned()).or_default();
            c.second += 1;
            c.second_overlapped += usize::from(overlapped(y, a));
        }
    }
    out
}

fn link_counts(a: &Document, b: &Document) -> LinkCounts {
    let mut l = LinkCounts::default();
    // An entity as the spans of its mentions.
    let spans_of = |d: &Document| -> HashMap<EntityId, HashSet<(Span, String)>> {
        mentions_by_entity(d).into_iter().map(|(e, ms)| (e, ms.iter().map(|m| (m.span, m.label.clone())).collect())).collect()
    };
    let (sa, sb) = (spans_of(a), spans_of(b));
    let meets = |x: &HashSet<(Span, String)>, y: &HashSet<(Span, String)>| !x.is_disjoint(y);
    let by_span_b: HashMap<(Span, &str), &Annotation> = b.annotations.iter().map(|y| ((y.span, y.label.as_str()), y)).collect();
    for x in a.annotations.iter().filter(|x| a.labels.is_quote(&x.label)) {
        let Some(y) = by_span_b.get(&(x.span, x.label.as_str())) else { continue };
        l.quotes += 1;
        let empty = HashSet::new();
        let xs: Vec<&HashSet<_>> = x.speakers.iter().map(|e| sa.get(e).unwrap_or(&empty)).collect();
        let ys: Vec<&HashSet<_>> = y.speakers.iter().map(|e| sb.get(e).unwrap_or(&empty)).collect();
        let agree = xs.iter().all(|s| ys.iter().any(|t| meets(s, t))) && ys.iter().all(|t| xs.iter().any(|s| meets(s, t)));
        l.speakers += usize::from(agree);
        let cue = |d: &Document, q: &Annotation| q.cue.and_then(|c| d.annotations.get(c)).map(|c| c.span);
        l.cues += usize::from(cue(a, x) == cue(b, y));
    }
    // B-cubed over the mentions both have, in one pass: a mention's overlap is the number
    // of common mentions in both its entities.
    let mentions = |d: &Document| -> HashMap<(Span, String), EntityId> {
        d.annotations.iter().filter_map(|m| Some(((m.span, m.label.clone()), m.entity?))).collect()
    };
    let (ma, mb) = (mentions(a), mentions(b));
    let common: Vec<(EntityId, EntityId)> = ma.iter().filter_map(|(k, &ea)| Some((ea, *mb.get(k)?))).collect();
    let mut size_a: HashMap<EntityId, usize> = HashMap::new();
    let mut size_b: HashMap<EntityId, usize> = HashMap::new();
    let mut both: HashMap<(EntityId, EntityId), usize> = HashMap::new();
    for &(ea, eb) in &common {
        *size_a.entry(ea).or_default() += 1;
        *size_b.entry(eb).or_default() += 1;
        *both.entry((ea, eb)).or_default() += 1;
    }
    for &(ea, eb) in &common {
        let shared = both[&(ea, eb)] as f64;
        l.mentions += 1;
        l.bcubed_precision += shared / size_b[&eb] as f64;
        l.bcubed_recall += shared / size_a[&ea] as f64;
    }
    l
}
