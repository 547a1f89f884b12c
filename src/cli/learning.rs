//! `marginalia eval GOLD --learning N,N,...`: what learning from the user is worth. For
//! each document and each N, the first N gold mentions are marked as a user would mark
//! them (their label, a leading article and a trailing possessive left out), the worker's
//! engine is asked for suggestions, and the suggestions are scored (as `eval` scores,
//! head-word matching) against the gold mentions after the Nth, with and without the
//! online learner (`tagger::online`). Both arms keep the other learning: a labelled string
//! suggested again at its other occurrences.
//!
//! `--learning-label NAME` marks the people with a label NAME the detectors do not know
//! ("Victim") and scores them alone: what the learner brings to a label of the user's own.
//!
//! Output, one line per N:
//!
//! ```text
//! after N marked: F1 on the rest without learning 0.712, with learning 0.731 (D documents, G gold mentions)
//! ```

use super::eval::{gold_entities, score_entities, Counts};
use crate::core::detect::engine::Engine;
use crate::core::detect::tagger::model::Model;
use crate::core::detect::wire::{Reply, Request, SuggestRequest};
use crate::core::detect::Category;
use crate::core::labels::{Label, LabelKind, Preset};
use crate::core::offsets::Span;
use serde_json::Value;

/// One point of the curve.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Point {
    /// Mentions marked first.
    pub marked: usize,
    /// Scored on the rest, without the learner.
    pub without: Counts,
    /// ... and with it.
    pub with: Counts,
    /// Documents with more than `marked` gold mentions.
    pub documents: usize,
}

/// The curve over the documents of `split` in `gold`, for each of `ns`. With `unknown`,
/// the people are marked with a label of that name, which the detectors do not know (a
/// "Victim"), and only they are scored.
pub fn curve(gold: &str, split: &str, ns: &[usize], tagger: Option<&Model>, unknown: Option<&str>) -> Result<Vec<Point>, String> {
    let splits: Vec<&str> = split.split(',').collect();
    let mut points: Vec<Point> = ns.iter().map(|&marked| Point { marked, ..Point::default() }).collect();
    let mut labels = Preset::News.labels();
    if let Some(name) = unknown {
        labels.push(Label { name: name.to_owned(), kind: LabelKind::Entity, color: "#aa3377".into(), hotkey: String::new(), speaks: true });
    }
    let label_of = |c: Category| match unknown {
        Some(name) if c == Category::Person => name.to_owned(),
        _ => c.label_names()[0].to_owned(),
    };
    let category_of = |label: &str| if Some(label) == unknown { Some(Category::Person) } else { Category::of_label(label).filter(|_| unknown.is_none()) };
    for (n, line) in gold.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let place = format!("line {}", n + 1);
        let doc: Value = serde_json::from_str(line).map_err(|e| format!("{place}: not JSON ({e})"))?;
        if !doc.get("split").and_then(Value::as_str).is_none_or(|s| split == "all" || splits.contains(&s)) {
            continue;
        }
        let text = doc.get("text").and_then(Value::as_str).ok_or(format!("{place}: no \"text\""))?;
        let chars: Vec<char> = text.chars().collect();
        let mut gold = gold_entities(&doc, &place)?;
        gold.retain(|(_, _, c)| unknown.is_none() || *c == Category::Person);
        gold.sort_by_key(|(span, _, _)| (span.start, span.end));
        for point in &mut points {
            if gold.len() <= point.marked {
                continue;
            }
            point.documents += 1;
            let marks: Vec<(Span, String)> = gold[..point.marked].iter().map(|(span, _, c)| (as_marked(&chars, *span), label_of(*c))).collect();
            let from = gold[..point.marked].last().map_or(0, |(span, _, _)| span.end);
            let rest: Vec<_> = gold[point.marked..].iter().filter(|(span, _, _)| span.start >= from).cloned().collect();
            for (learning, counts) in [(false, &mut point.without), (true, &mut point.with)] {
                let mut engine = Engine::default();
                engine.learning = learning;
                if let Some(model) = tagger {
                    engine.set_model(model.clone());
                }
                engine.handle(Request::Text { version: 1, text: text.to_owned() });
                let ask = SuggestRequest { version: 1, seq: 1, labels: labels.clone(), marks: marks.clone(), rejected: Vec::new() };
                let Some(Reply::Suggestions { items, .. }) = engine.handle(Request::Suggest(ask)) else { return Err(format!("{place}: no suggestions")) };
                let found: Vec<(Span, Category)> = items.iter().filter(|s| s.span.start >= from).filter_map(|s| Some((s.span, category_of(&s.label)?))).collect();
                for c in score_entities(&rest, &found).into_values() {
                    counts.add(c);
                }
            }
        }
    }
    Ok(points)
}

/// A gold mention as a user marks it: without a leading article or a trailing possessive.
fn as_marked(chars: &[char], span: Span) -> Span {
    let text: String = chars[span.start..span.end].iter().collect();
    let mut start = span.start;
    for article in ["the ", "The ", "a ", "A ", "an ", "An "] {
        if text.starts_with(article) && text.len() > article.len() {
            start += article.chars().count();
            break;
        }
    }
    let end = if text.ends_with("'s") || text.ends_with("’s") { span.end - 2 } else { span.end };
    Span::new(start, end.max(start + 1).min(span.end))
}

/// The curve, one line per point.
pub fn describe(points: &[Point]) -> String {
    points
        .iter()
        .map(|p| {
            let gold = p.with.gold;
            format!("after {} marked: F1 on the rest without learning {:.3}, with learning {:.3} ({} documents, {gold} gold mentions)\n", p.marked, p.without.f1(), p.with.f1(), p.documents)
        })
        .collect()
}
