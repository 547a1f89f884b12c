//! Where two coders disagree, in document order, for the compare view and adjudication.
//!
//! Annotations at the same span with the same label *agree*; if they are quotes whose
//! speakers differ (see the module above for when speakers agree) that is
//! [`Kind::OtherSpeakers`]. Of the rest, in this order and each annotation used once:
//! the same span with another label is [`Kind::OtherLabel`]; overlapping spans with the
//! same label are [`Kind::Overlap`]; what is left is [`Kind::OnlyFirst`] or
//! [`Kind::OnlySecond`].

use crate::core::annotations::Annotation;
use crate::core::document::Document;
use crate::core::ids::AnnotationId;
use crate::core::mentions::mentions_by_entity;
use crate::core::offsets::Span;
use std::collections::{HashMap, HashSet};

pub use crate::core::provenance::Kind;

/// One disagreement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Disagreement {
    /// Its kind.
    pub kind: Kind,
    /// The first coder's annotation, if any.
    pub first: Option<AnnotationId>,
    /// The second coder's annotation, if any.
    pub second: Option<AnnotationId>,
    /// Where it is: both annotations' spans together.
    pub span: Span,
    /// Its annotations, by span and label: the first coder's before the second's.
    pub parts: Vec<(Span, String)>,
}

/// What two coders agree on and where they disagree.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Comparison {
    /// Annotation pairs at the same span with the same label (first's, second's).
    pub agreed: Vec<(AnnotationId, AnnotationId)>,
    /// The disagreements, in document order.
    pub disagreements: Vec<Disagreement>,
}

/// Compares `a` with `b` (the same text).
///
/// ```
/// use marginalia::core::agreement::disagreements::{compare, Kind};
/// use marginalia::core::fixture::document;
/// let a = document("[Person|Ana] met [Organization|Bo] in [Place|Halden Bay].");
/// let b = document("[Person|Ana] met [Person|Bo] in [Place|Halden] [Date|today].");
/// let kinds: Vec<Kind> = compare(&a, &b).disagreements.iter().map(|d| d.kind).collect();
/// assert_eq!(kinds, [Kind::OtherLabel, Kind::Overlap, Kind::OnlySecond]);
/// ```
pub fn compare(a: &Document, b: &Document) -> Comparison {
    let mut out = Comparison::default();
    let by_key: HashMap<(Span, &str), &Annotation> = b.annotations.iter().map(|y| ((y.span, y.label.as_str()), y)).collect();
    let (mut rest_a, mut used_b): (Vec<&Annotation>, HashSet<AnnotationId>) = (Vec::new(), HashSet::new());
    let spans = |d: &Document| -> HashMap<_, HashSet<Span>> { mentions_by_entity(d).into_iter().map(|(e, ms)| (e, ms.iter().map(|m| m.span).collect())).collect() };
    let (sa, sb) = (spans(a), spans(b));
    let none = HashSet::new();
    for x in a.annotations.iter() {
        match by_key.get(&(x.span, x.label.as_str())) {
            Some(y) => {
                used_b.insert(y.id);
                out.agreed.push((x.id, y.id));
                let xs: Vec<&HashSet<Span>> = x.speakers.iter().map(|e| sa.get(e).unwrap_or(&none)).collect();
                let ys: Vec<&HashSet<Span>> = y.speakers.iter().map(|e| sb.get(e).unwrap_or(&none)).collect();
                let meets = |s: &HashSet<Span>, t: &HashSet<Span>| !s.is_disjoint(t);
                let agree = xs.iter().all(|s| ys.iter().any(|t| meets(s, t))) && ys.iter().all(|t| xs.iter().any(|s| meets(s, t)));
                if a.labels.is_quote(&x.label) && !agree {
                    let parts = vec![(x.span, x.label.clone()), (y.span, y.label.clone())];
                    out.disagreements.push(Disagreement { kind: Kind::OtherSpeakers, first: Some(x.id), second: Some(y.id), span: x.span, parts });
                }
            }
            None => rest_a.push(x),
        }
    }
    let free_b = |used: &HashSet<AnnotationId>| b.annotations.iter().filter(|y| !used.contains(&y.id)).collect::<Vec<_>>();
    let mut unmatched_a = Vec::new();
    for pass in [Kind::OtherLabel, Kind::Overlap] {
        let candidates: Vec<&Annotation> = std::mem::take(&mut rest_a);
        for x in candidates {
            // What the second coder has over this span, not yet paired.
            let found = b.annotations.overlapping(x.span).into_iter().find(|y| {
                !used_b.contains(&y.id)
                    && match pass {
                        Kind::OtherLabel => y.span == x.span,
                        _ => y.label == x.label,
                    }
            });
            match found {
                Some(y) => {
                    used_b.insert(y.id);
                    let span = Span::new(x.span.start.min(y.span.start), x.span.end.max(y.span.end));
                    let parts = vec![(x.span, x.label.clone()), (y.span, y.label.clone())];
                    out.disagreements.push(Disagreement { kind: pass, first: Some(x.id), second: Some(y.id), span, parts });
                }
                None => rest_a.push(x),
            }
        }
        if pass == Kind::Overlap {
            unmatched_a = std::mem::take(&mut rest_a);
        }
    }
    for x in unmatched_a {
        out.disagreements.push(Disagreement { kind: Kind::OnlyFirst, first: Some(x.id), second: None, span: x.span, parts: vec![(x.span, x.label.clone())] });
    }
    for y in free_b(&used_b) {
        out.disagreements.push(Disagreement { kind: Kind::OnlySecond, first: None, second: Some(y.id), span: y.span, parts: vec![(y.span, y.label.clone())] });
    }
    out.disagreements.sort_by(|x, y| (x.span.start, x.span.end, &x.parts, x.kind.id()).cmp(&(y.span.start, y.span.end, &y.parts, y.kind.id())));
    out
}
