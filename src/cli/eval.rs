//! `marginalia eval`: measures the suggestions against a gold JSON Lines file.
//!
//! One JSON object per line, with `text` and any of:
//!
//! ```text
//! "split": "train" | "dev" | "test" | …     chosen with --split (default: all)
//! "entities": [ { "start", "end", "label",    PERSON, ORG, LOC, DATE, EVENT (or the app's
//!                 "named", "head_start",      label names); only mentions with "named"
//!                 "head_end" } ]              (true when absent) are scored
//! "quotes": [ { "start", "end" } or           a quotation; located by its "text" when
//!             { "text", "speaker",            it has no offsets (searched after the
//!               "nearby" } ]                  previous one); "speaker" is the gold name
//!                                             (null: none); "nearby": false when the
//!                                             speaker is not named in the same or the
//!                                             previous sentence
//! "not_speech": [ "“Iron Lady”", ... ]        quoted names and scare quotes
//! ```
//!
//! An entity suggestion is right when its label maps to the gold mention's, and it covers
//! the gold mention's head word (GUM's mentions include articles and possessives: "the
//! United States", "Trump's"); each gold mention is matched at most once. A quote is
//! found when a suggested quote overlaps it. A speaker is right when a suggested speaker's
//! name (or the fuller name it is an alias of) equals the gold name, or is its first or
//! last part ("Rahimi" for "Maryam Rahimi").
//!
//! Names come from the rules and the shipped tagger; `--model M` uses another model file,
//! `--rules` the rules alone.
//!
//! `--predictions P.jsonl` scores someone else's entities instead (one
//! `{"id", "entities": [{"start", "end", "label"}]}` per line, e.g. from
//! `scripts/spacy_baseline.py`), with the same rules.

use crate::core::detect::suggest::{suggest, Suggestion};
use crate::core::document::{Document, Rejected};
use crate::core::detect::tagger::model::Model;
use crate::core::detect::Category;
use crate::core::offsets::Span;
use serde_json::Value;
use std::collections::HashMap;
use std::fmt;

/// Counts for one label.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Gold mentions.
    pub gold: usize,
    /// Suggested mentions.
    pub suggested: usize,
    /// Suggested mentions that matched a gold one.
    pub right: usize,
}

impl Counts {
    /// Right over suggested.
    pub fn precision(self) -> f64 {
        ratio(self.right, self.suggested)
    }
    /// Right over gold.
    pub fn recall(self) -> f64 {
        ratio(self.right, self.gold)
    }
    /// Their harmonic mean.
    pub fn f1(self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
    }
    pub(crate) fn add(&mut self, other: Counts) {
        self.gold += other.gold;
        self.suggested += other.suggested;
        self.right += other.right;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// What an evaluation measured.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Report {
    /// Documents scored.
    pub documents: usize,
    /// The split asked for.
    pub split: String,
    /// Whose entities were scored: "marginalia" or "predictions".
    pub source: String,
    /// Per category.
    pub entities: Vec<(Category, Counts)>,
    /// Gold quotations, and how many a suggested quote overlaps.
    pub quotes: (usize, usize),
    /// Quoted names and scare quotes, and how many were (rightly) not suggested.
    pub not_speech: (usize, usize),
    /// Quotes with a gold speaker, and how many got it right.
    pub speakers: (usize, usize),
    /// Of those, the ones whose speaker is named nearby, and how many got it right.
    pub speakers_nearby: (usize, usize),
    /// Each wrong or missing speaker: (document, quote's start, gold, suggested).
    pub speaker_misses: Vec<(String, String, String, String)>,
}

impl Report {
    /// All categories together.
    pub fn total(&self) -> Counts {
        let mut all = Counts::default();
        self.entities.iter().for_each(|(_, c)| all.add(*c));
        all
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{} document(s), split {}, entities by {}", self.documents, self.split, self.source)?;
        let total = self.total();
        if total.gold > 0 {
            writeln!(f, "\nEntities (named mentions; right = label matches and the head word is covered)")?;
            writeln!(f, "{:<14}{:>6}{:>11}{:>7}{:>11}{:>8}{:>7}", "label", "gold", "suggested", "right", "precision", "recall", "F1")?;
            let row = |f: &mut fmt::Formatter<'_>, name: &str, c: Counts| writeln!(f, "{:<14}{:>6}{:>11}{:>7}{:>11.3}{:>8.3}{:>7.3}", name, c.gold, c.suggested, c.right, c.precision(), c.recall(), c.f1());
            for (category, c) in &self.entities {
                row(f, category.label_names()[0], *c)?;
            }
            row(f, "all", total)?;
        }
        if self.source == "marginalia" {
            let pct = |(n, k): (usize, usize)| if n == 0 { "-".to_string() } else { format!("{:.1}%", 100.0 * k as f64 / n as f64) };
            writeln!(f, "\nQuotes found: {} of {} ({})", self.quotes.1, self.quotes.0, pct(self.quotes))?;
            if self.not_speech.0 > 0 {
                writeln!(f, "Scare quotes and titles left unsuggested: {} of {} ({})", self.not_speech.1, self.not_speech.0, pct(self.not_speech))?;
            }
            if self.speakers.0 > 0 {
                writeln!(f, "Speaker right: {} of {} quotes with a gold speaker ({})", self.speakers.1, self.speakers.0, pct(self.speakers))?;
                writeln!(f, "  named in the same or the previous sentence: {} of {} ({})", self.speakers_nearby.1, self.speakers_nearby.0, pct(self.speakers_nearby))?;
                for (doc, at, gold, got) in &self.speaker_misses {
                    writeln!(f, "  miss: {doc} at {at}: gold “{gold}”, suggested “{got}”")?;
                }
            }
        }
        Ok(())
    }
}

/// Evaluates against `gold` (JSON Lines), only the documents of `split` ("all", or
/// names joined by commas); `predictions` replaces the app's entity suggestions; names come
/// from the rules and `tagger` (the rules alone without one).
pub fn evaluate(gold: &str, split: &str, predictions: Option<&str>, tagger: Option<&Model>) -> Result<Report, String> {
    let splits: Vec<&str> = split.split(',').collect();
    let predicted = predictions.map(parse_predictions).transpose()?;
    let mut report = Report { split: split.to_owned(), source: if predicted.is_some() { "predictions".into() } else { "marginalia".into() }, ..Report::default() };
    let mut counts: HashMap<Category, Counts> = HashMap::new();
    for (n, line) in gold.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let place = format!("line {}", n + 1);
        let doc: Value = serde_json::from_str(line).map_err(|e| format!("{place}: not JSON ({e})"))?;
        let in_split = doc.get("split").and_then(Value::as_str).is_none_or(|s| split == "all" || splits.contains(&s));
        if !in_split {
            continue;
        }
        let id = doc.get("id").and_then(Value::as_str).map_or(place.clone(), str::to_owned);
        let text = doc.get("text").and_then(Value::as_str).ok_or(format!("{place}: no \"text\""))?;
        report.documents += 1;
        let document = Document::new(&id, text);
        if document.text.as_str() != text {
            return Err(format!("{place}: the text has line endings or a byte order mark that the app normalises; offsets would not match"));
        }
        let items = suggest(&document, &Rejected::new(), tagger).items;
        let chars: Vec<char> = text.chars().collect();
        // Entities.
        let found: Vec<(Span, Category)> = match &predicted {
            Some(p) => p.get(&id).cloned().unwrap_or_default(),
            None => items.iter().filter_map(|s| Some((s.span, Category::of_label(&s.label)?))).collect(),
        };
        for (category, c) in score_entities(&gold_entities(&doc, &place)?, &found) {
            counts.entry(category).or_default().add(c);
        }
        if predicted.is_some() {
            continue;
        }
        // Quotes and speakers.
        let quotes: Vec<&Suggestion> = items.iter().map(|s| &**s).filter(|s| !s.speakers.is_empty() || s.cue.is_some() || s.label == "Quote").collect();
        let names = |s: &Suggestion| -> Vec<String> { s.speakers.iter().map(|sp| chars[sp.alias_of.unwrap_or(sp.span).start..sp.alias_of.unwrap_or(sp.span).end].iter().collect()).collect() };
        let mut cursor = 0;
        for q in doc.get("quotes").and_then(Value::as_array).into_iter().flatten() {
            let Some(span) = locate(q, text, &mut cursor) else {
                return Err(format!("{place}: a quote's text is not in the document: {q}"));
            };
            report.quotes.0 += 1;
            let hit = quotes.iter().filter(|s| s.span.overlaps(span)).max_by_key(|s| s.span.end.min(span.end) - s.span.start.max(span.start));
            report.quotes.1 += usize::from(hit.is_some());
            let Some(gold_speaker) = q.get("speaker").and_then(Value::as_str) else { continue };
            let nearby = q.get("nearby").and_then(Value::as_bool).unwrap_or(true);
            let got = hit.map(|s| names(s)).unwrap_or_default();
            let right = got.iter().any(|g| same_name(g, gold_speaker));
            report.speakers.0 += 1;
            report.speakers.1 += usize::from(right);
            if nearby {
                report.speakers_nearby.0 += 1;
                report.speakers_nearby.1 += usize::from(right);
            }
            if !right {
                report.speaker_misses.push((id.clone(), span.start.to_string(), gold_speaker.to_owned(), got.join(" + ")));
            }
        }
        for s in doc.get("not_speech").and_then(Value::as_array).into_iter().flatten() {
            let span = locate(&serde_json::json!({ "text": s }), text, &mut 0).ok_or(format!("{place}: a not_speech text is not in the document: {s}"))?;
            report.not_speech.0 += 1;
            report.not_speech.1 += usize::from(!quotes.iter().any(|q| q.span.overlaps(span)));
        }
    }
    report.entities = Category::ALL.into_iter().filter_map(|c| counts.get(&c).map(|n| (c, *n))).collect();
    Ok(report)
}

/// The gold mentions of one document: (span, head, category).
pub(crate) fn gold_entities(doc: &Value, place: &str) -> Result<Vec<(Span, Span, Category)>, String> {
    let mut out = Vec::new();
    for e in doc.get("entities").and_then(Value::as_array).into_iter().flatten() {
        if e.get("named").and_then(Value::as_bool) == Some(false) {
            continue;
        }
        let Some(category) = e.get("label").and_then(Value::as_str).and_then(Category::of_label) else { continue };
        let num = |k: &str| e.get(k).and_then(Value::as_u64).map(|n| n as usize);
        let (Some(start), Some(end)) = (num("start"), num("end")) else {
            return Err(format!("{place}: an entity without start and end"));
        };
        let head = Span::new(num("head_start").unwrap_or(start), num("head_end").unwrap_or(end));
        out.push((Span::new(start, end), head, category));
    }
    Ok(out)
}

/// Matches suggestions to gold mentions, per category.
pub(crate) fn score_entities(gold: &[(Span, Span, Category)], found: &[(Span, Category)]) -> HashMap<Category, Counts> {
    let mut counts: HashMap<Category, Counts> = HashMap::new();
    let mut used = vec![false; gold.len()];
    for (_, _, c) in gold {
        counts.entry(*c).or_default().gold += 1;
    }
    for &(span, category) in found {
        let entry = counts.entry(category).or_default();
        entry.suggested += 1;
        let hit = gold.iter().enumerate().filter(|(k, (g, head, c))| !used[*k] && *c == category && g.overlaps(span) && span.start <= head.start && head.end <= span.end).min_by_key(|(_, (g, _, _))| g.len());
        if let Some((k, _)) = hit {
            used[k] = true;
            entry.right += 1;
        }
    }
    counts
}

/// A gold quote's span: its offsets, or its text searched for after `cursor`.
fn locate(q: &Value, text: &str, cursor: &mut usize) -> Option<Span> {
    let num = |k: &str| q.get(k).and_then(Value::as_u64).map(|n| n as usize);
    if let (Some(a), Some(b)) = (num("start"), num("end")) {
        return Some(Span::new(a, b));
    }
    let needle = q.get("text").and_then(Value::as_str)?;
    let byte = text.get(*cursor..)?.find(needle)? + *cursor;
    *cursor = byte + needle.len();
    let start = text[..byte].chars().count();
    Some(Span::new(start, start + needle.chars().count()))
}

/// True if `got` names the gold speaker: the same name, or its first or last part.
pub fn same_name(got: &str, gold: &str) -> bool {
    let words = |s: &str| s.split_whitespace().map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase()).filter(|w| !w.is_empty()).collect::<Vec<_>>();
    let (g, w) = (words(got), words(gold));
    !g.is_empty() && (g == w || w.ends_with(&g) || w.starts_with(&g) || g.ends_with(&w))
}

/// Another tagger's entities: id → spans with categories.
fn parse_predictions(text: &str) -> Result<HashMap<String, Vec<(Span, Category)>>, String> {
    let mut out = HashMap::new();
    for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let v: Value = serde_json::from_str(line).map_err(|e| format!("predictions line {}: {e}", n + 1))?;
        let id = v.get("id").and_then(Value::as_str).ok_or(format!("predictions line {}: no id", n + 1))?.to_owned();
        let spans = v
            .get("entities")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|e| {
                let num = |k: &str| e.get(k).and_then(Value::as_u64).map(|n| n as usize);
                Some((Span::new(num("start")?, num("end")?), e.get("label").and_then(Value::as_str).and_then(Category::of_label)?))
            })
            .collect();
        out.insert(id, spans);
    }
    Ok(out)
}
