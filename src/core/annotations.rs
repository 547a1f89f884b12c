//! Annotations and the sorted collection that holds them, with an interval index for
//! hit-testing a click and for finding what overlaps the visible part of the article.
//!
//! **Invariant:** the collection is always sorted by (start, end, label, id), and the
//! interval index matches it; every mutation ends in `rebuild` or, for an insert at its
//! sorted place, `reindex`.

use super::ids::{AnnotationId, EntityId};
use super::offsets::Span;
use std::collections::HashMap;

/// One labelled span.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Annotation {
    /// Stable id.
    pub id: AnnotationId,
    /// Where it is, in code points.
    pub span: Span,
    /// Name of its label.
    pub label: String,
    /// For a mention (a label of kind entity): the entity it refers to.
    pub entity: Option<EntityId>,
    /// For a quote: the entities (people, organisations) that spoke it, in order.
    pub speakers: Vec<EntityId>,
    /// For a quote: the annotation of its cue ("said", "according to").
    pub cue: Option<AnnotationId>,
    /// For a quote: direct, partial or mixed.
    pub quote_kind: Option<QuoteKind>,
    /// For a quote: the earlier quote it continues (a quote running over paragraphs).
    pub continues: Option<AnnotationId>,
    /// The user's free-text note.
    pub note: String,
    /// Its text before a revision changed it (`core::realign`): while set, it is flagged
    /// "needs review", until the user confirms or removes it.
    pub changed_from: Option<String>,
    /// In an adjudicated document: the coders it came from (`core::provenance`).
    pub from: Vec<String>,
}

impl Annotation {
    /// A plain annotation: no entity, speakers, cue, kind, continuation or note, not
    /// flagged for review.
    pub fn new(id: AnnotationId, span: Span, label: impl Into<String>) -> Annotation {
        Annotation {
            id,
            span,
            label: label.into(),
            entity: None,
            speakers: Vec::new(),
            cue: None,
            quote_kind: None,
            continues: None,
            note: String::new(),
            changed_from: None,
            from: Vec::new(),
        }
    }
}

/// What kind of quotation a quote is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum QuoteKind {
    /// The whole statement in quote marks.
    Direct,
    /// A few quoted words inside reported speech.
    Partial,
    /// Reported speech with quoted parts.
    Mixed,
}

impl QuoteKind {
    /// All kinds, in the order offered.
    pub const ALL: [QuoteKind; 3] = [QuoteKind::Direct, QuoteKind::Partial, QuoteKind::Mixed];

    /// The name written in exports.
    pub fn name(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Partial => "partial",
            QuoteKind::Mixed => "mixed",
        }
    }

    /// The kind named `name` in an export.
    pub fn from_name(name: &str) -> Option<QuoteKind> {
        QuoteKind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// A first guess from the quote's text: one stretch wrapped in quote marks is direct
    /// (partial if it is three words or fewer); quoted words with reported speech around
    /// or between them are mixed; no quote marks at all, direct.
    ///
    /// ```
    /// use marginalia::core::annotations::QuoteKind;
    /// assert_eq!(QuoteKind::guess("“We stay,”"), QuoteKind::Partial);
    /// assert_eq!(QuoteKind::guess("\"This marsh filters the water our children drink,\""), QuoteKind::Direct);
    /// assert_eq!(QuoteKind::guess("«Wir bleiben hier, alle zusammen.»"), QuoteKind::Direct);
    /// assert_eq!(QuoteKind::guess("said the plan was “economic renewal”"), QuoteKind::Mixed);
    /// assert_eq!(QuoteKind::guess("“We stay,” said Ana. “We fight.”"), QuoteKind::Mixed);
    /// assert_eq!(QuoteKind::guess("“Iran's rivers,” he said."), QuoteKind::Mixed);
    /// ```
    pub fn guess(text: &str) -> QuoteKind {
        // Double quote marks only: ‘ and ’ are apostrophes as often as quote marks.
        const MARKS: &[char] = &['"', '“', '”', '„', '«', '»', '‹', '›', '「', '」'];
        let t = text.trim().trim_end_matches(['.', ',', ';', ':', '!', '?']);
        let Some(inner) = t.strip_prefix(MARKS).and_then(|rest| rest.strip_suffix(MARKS)) else {
            return if t.contains(MARKS) { QuoteKind::Mixed } else { QuoteKind::Direct };
        };
        if inner.contains(MARKS) {
            QuoteKind::Mixed
        } else if inner.split_whitespace().count() <= 3 {
            QuoteKind::Partial
        } else {
            QuoteKind::Direct
        }
    }
}

/// The sort key: (start, end, label, id).
fn order_key(a: &Annotation) -> (usize, usize, &str, AnnotationId) {
    (a.span.start, a.span.end, a.label.as_str(), a.id)
}

/// Annotations per block of the interval index.
const BLOCK: usize = 32;

/// All annotations of a document, sorted, with an interval index and an index by id.
///
/// Costs at n annotations: `get` O(log n) (the id gives the span, the span the place);
/// `insert` and `remove` O(n) moves of the vector and O(n / 32) index blocks, no sort;
/// `update` O(log n) when the span and label stay (a speaker, an entity, a note), else a
/// remove and an insert. Only `from_vec` sorts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Annotations {
    items: Vec<Annotation>,
    /// Largest `span.end` within each block of [`BLOCK`] consecutive items.
    block_max_end: Vec<usize>,
    /// The span of each annotation, by id: where to look for it.
    spans: HashMap<AnnotationId, Span>,
}

impl Annotations {
    /// Builds a collection from annotations in any order.
    pub fn from_vec(items: Vec<Annotation>) -> Annotations {
        let mut set = Annotations { items, block_max_end: Vec::new(), spans: HashMap::new() };
        set.items.sort_by(|a, b| order_key(a).cmp(&order_key(b)));
        set.spans = set.items.iter().map(|a| (a.id, a.span)).collect();
        set.reindex_from(0);
        set
    }

    /// Recomputes the interval index from the block holding item `at` on (the items are
    /// sorted; those before `at` did not move).
    fn reindex_from(&mut self, at: usize) {
        let first = at / BLOCK;
        self.block_max_end.truncate(first);
        let rest = self.items.get(first * BLOCK..).unwrap_or_default();
        self.block_max_end.extend(rest.chunks(BLOCK).map(|block| block.iter().map(|a| a.span.end).max().unwrap_or(0)));
    }

    /// Where annotation `id` is in the order.
    fn position(&self, id: AnnotationId) -> Option<usize> {
        let span = *self.spans.get(&id)?;
        let from = self.items.partition_point(|a| a.span < span);
        self.items[from..].iter().take_while(|a| a.span == span).position(|a| a.id == id).map(|k| from + k)
    }

    /// Annotations in document order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &Annotation> + ExactSizeIterator {
        self.items.iter()
    }

    /// Number of annotations.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// The `i`-th annotation in document order (`i < len()`).
    pub fn at(&self, i: usize) -> &Annotation {
        &self.items[i]
    }

    /// True if there are none.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The annotation with id `id`.
    pub fn get(&self, id: AnnotationId) -> Option<&Annotation> {
        self.position(id).map(|i| &self.items[i])
    }

    /// True if an annotation with the same span and label exists.
    pub fn has_duplicate(&self, span: Span, label: &str) -> bool {
        let from = self.items.partition_point(|a| a.span < span);
        self.items[from..].iter().take_while(|a| a.span == span).any(|a| a.label == label)
    }

    /// Adds an annotation at its place in the order (O(n) moves, no re-sort).
    pub fn insert(&mut self, annotation: Annotation) {
        let key = order_key(&annotation);
        let at = self.items.partition_point(|a| order_key(a) < key);
        self.spans.insert(annotation.id, annotation.span);
        self.items.insert(at, annotation);
        self.reindex_from(at);
    }

    /// Removes and returns the annotation `id`. (Quotes it spoke are unlinked by the
    /// reducer, as separate undoable edits.)
    pub fn remove(&mut self, id: AnnotationId) -> Option<Annotation> {
        let index = self.position(id)?;
        let removed = self.items.remove(index);
        self.spans.remove(&id);
        self.reindex_from(index);
        Some(removed)
    }

    /// Applies `change` to annotation `id` and restores the order: in place when its
    /// place in the order stays, else by moving it.
    pub fn update(&mut self, id: AnnotationId, change: impl FnOnce(&mut Annotation)) -> bool {
        let Some(index) = self.position(id) else { return false };
        let a = &mut self.items[index];
        let (span, label) = (a.span, a.label.clone());
        change(a);
        if a.span == span && a.label == label && a.id == id {
            return true;
        }
        let moved = self.items.remove(index);
        self.spans.remove(&id);
        self.reindex_from(index);
        self.insert(moved);
        true
    }

    /// Every annotation that overlaps `span`, in document order. A zero-width `span`
    /// finds those that contain its position.
    pub fn overlapping(&self, span: Span) -> Vec<&Annotation> {
        let probe = if span.is_empty() { Span::new(span.start, span.start + 1) } else { span };
        // Only items starting before probe.end can overlap; walk back block by block,
        // skipping blocks whose largest end is at or before probe.start.
        let upto = self.items.partition_point(|a| a.span.start < probe.end);
        let mut found = Vec::new();
        let mut block = upto.div_ceil(BLOCK);
        while block > 0 {
            block -= 1;
            if self.block_max_end[block] <= probe.start {
                continue;
            }
            let lo = block * BLOCK;
            let hi = ((block + 1) * BLOCK).min(upto);
            found.extend(self.items[lo..hi].iter().rev().filter(|a| a.span.overlaps(probe)));
        }
        found.reverse();
        found
    }

    /// The annotation a click at caret position `pos` means: the innermost (shortest)
    /// one containing the character after the caret, else the one before it.
    pub fn hit(&self, pos: usize) -> Option<&Annotation> {
        let innermost = |p: usize| {
            self.overlapping(Span::new(p, p)).into_iter().min_by_key(|a| (a.span.len(), a.span.start))
        };
        innermost(pos).or_else(|| pos.checked_sub(1).and_then(innermost))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ann(id: u64, start: usize, end: usize, label: &str) -> Annotation {
        Annotation::new(AnnotationId(id), Span::new(start, end), label)
    }

    /// After any mix of inserts, removals and updates (in place or moving), every id is
    /// found, the order holds and the interval index answers as a linear scan does.
    #[test]
    fn the_indexes_follow_every_change() {
        let mut set = Annotations::from_vec((0..200).map(|i| ann(i, (i as usize * 53) % 900, (i as usize * 53) % 900 + 1 + i as usize % 40, "Person")).collect());
        let mut model: Vec<Annotation> = set.iter().cloned().collect();
        let mut seed = 7u64;
        let mut next = |n: u64| {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 33) % n
        };
        for step in 0..600u64 {
            let id = AnnotationId(next(260));
            match next(4) {
                0 if set.get(id).is_none() => {
                    let start = next(1000) as usize;
                    let a = ann(id.0, start, start + 1 + next(30) as usize, if step % 2 == 0 { "Place" } else { "Person" });
                    set.insert(a.clone());
                    model.push(a);
                }
                1 => assert_eq!(set.remove(id).is_some(), model.iter().any(|a| a.id == id)),
                2 => {
                    let note = format!("note {step}");
                    assert_eq!(set.update(id, |a| a.note = note.clone()), model.iter().any(|a| a.id == id));
                    model.iter_mut().filter(|a| a.id == id).for_each(|a| a.note = note.clone());
                }
                _ => {
                    let start = next(1000) as usize;
                    let span = Span::new(start, start + 1 + next(30) as usize);
                    set.update(id, |a| a.span = span);
                    model.iter_mut().filter(|a| a.id == id).for_each(|a| a.span = span);
                }
            }
            model.retain(|a| set.get(a.id).is_some());
        }
        model.sort_by(|a, b| order_key(a).cmp(&order_key(b)));
        assert_eq!(set.iter().cloned().collect::<Vec<_>>(), model);
        for a in &model {
            assert_eq!(set.get(a.id), Some(a));
        }
        for probe in [Span::new(0, 0), Span::new(100, 180), Span::new(999, 1100)] {
            let expected: Vec<_> = model.iter().filter(|a| a.span.overlaps(if probe.is_empty() { Span::new(probe.start, probe.start + 1) } else { probe })).map(|a| a.id).collect();
            assert_eq!(set.overlapping(probe).iter().map(|a| a.id).collect::<Vec<_>>(), expected);
        }
        assert_eq!(set, Annotations::from_vec(model), "equal to the same annotations built at once");
    }

    #[test]
    fn kept_sorted_by_start_end_label() {
        let set = Annotations::from_vec(vec![ann(1, 5, 9, "Quote"), ann(2, 0, 3, "Person"), ann(3, 5, 9, "Date")]);
        let order: Vec<u64> = set.iter().map(|a| a.id.0).collect();
        assert_eq!(order, [2, 3, 1]);
    }

    #[test]
    fn overlapping_matches_a_linear_scan() {
        let items: Vec<Annotation> =
            (0..500).map(|i| ann(i, (i as usize * 37) % 1000, (i as usize * 37) % 1000 + 1 + (i as usize % 90), "Person")).collect();
        let set = Annotations::from_vec(items.clone());
        for probe in [Span::new(0, 0), Span::new(10, 20), Span::new(500, 501), Span::new(990, 1200), Span::new(400, 400)] {
            let mut expected: Vec<u64> = items
                .iter()
                .filter(|a| a.span.overlaps(if probe.is_empty() { Span::new(probe.start, probe.start + 1) } else { probe }))
                .map(|a| a.id.0)
                .collect();
            expected.sort();
            let mut got: Vec<u64> = set.overlapping(probe).iter().map(|a| a.id.0).collect();
            got.sort();
            assert_eq!(got, expected, "probe {probe:?}");
        }
    }

    #[test]
    fn hit_prefers_the_innermost_and_the_character_before_the_end() {
        let set = Annotations::from_vec(vec![ann(1, 0, 40, "Quote"), ann(2, 10, 23, "Person")]);
        assert_eq!(set.hit(12).unwrap().id.0, 2);
        assert_eq!(set.hit(23).unwrap().id.0, 1);
        assert_eq!(set.hit(40).unwrap().id.0, 1);
        assert!(set.hit(41).is_none());
    }

    #[test]
    fn remove_keeps_the_order_and_the_index() {
        let mut set = Annotations::from_vec((0..100).map(|i| ann(i, i as usize * 3, i as usize * 3 + 50, "Person")).collect());
        assert_eq!(set.remove(AnnotationId(40)).unwrap().id, AnnotationId(40));
        assert!(set.remove(AnnotationId(40)).is_none());
        assert_eq!(set.len(), 99);
        assert!(set.overlapping(Span::new(120, 121)).iter().all(|a| a.id != AnnotationId(40)));
        assert_eq!(set.overlapping(Span::new(120, 121)).len(), 16);
    }
}
