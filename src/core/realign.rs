//! Carrying annotations from a text to its revision: where each span of the old text goes
//! in the new one.
//!
//! The two texts are compared by `imara-diff`, first block by block (a block is a line with
//! the line breaks after it; Histogram), then word by word (Histogram) inside each stretch
//! of changed blocks, then code point by code point (Myers) inside each changed run of
//! words, so the work follows the size of the changes rather than the square of the text. The result is a list of
//! [`Hunk`]s, each an old range of code points replaced by a new one (either may be empty),
//! in order and disjoint on both sides. Inside a changed run of words, the code point diff
//! is kept only if the two sides share at least half of the shorter one (a typo, a word
//! added); otherwise the run is one replacement (other words, however many letters they
//! happen to share). Two hunks with less kept between them than either changes are merged
//! into one (a transposed pair of letters is one replacement). Every code point outside
//! the hunks is *kept*.
//!
//! Where a span `[s, e)` of the old text goes ([`Realignment::fate`]):
//!
//! - **kept** ([`Fate::Kept`]) when no hunk deletes one of its code points or inserts
//!   between two of them: it moves by what was inserted and deleted before it, and its
//!   text is the same;
//! - **changed** ([`Fate::Changed`]) when a hunk touches it but something of it remains:
//!   the new span runs from the first kept code point at or after `s` to the last kept one
//!   before `e`, widened over what a hunk lying inside the span inserted (in place of what
//!   it deleted: a typo corrected, a word added), with white space at its two ends
//!   dropped;
//! - **orphaned** ([`Fate::Orphaned`]) when nothing of it remains: its text was deleted,
//!   or replaced whole by other text.
//!
//! An insertion at a span's edge (before its first code point or after its last) is
//! outside it. A hunk that runs over an edge of the span contributes only the kept code
//! points, never its inserted text: an annotation is never stretched onto text that
//! replaced its neighbours.
//!
//! ```
//! use marginalia::core::offsets::Span;
//! use marginalia::core::realign::{Fate, Realignment};
//! use marginalia::core::text::Text;
//! let old = Text::new("The CPR met. No comments yet.");
//! let new = Text::new("Update: The CRP met.");
//! let r = Realignment::between(&old, &new);
//! assert_eq!(r.fate(Span::new(0, 3), &new), Fate::Kept(Span::new(8, 11)), "The");
//! assert_eq!(r.fate(Span::new(4, 7), &new), Fate::Changed(Span::new(12, 15)), "CPR → CRP");
//! assert_eq!(r.fate(Span::new(8, 11), &new), Fate::Kept(Span::new(16, 19)), "met");
//! assert_eq!(r.fate(Span::new(13, 29), &new), Fate::Orphaned, "the boilerplate");
//! ```

use super::offsets::Span;
use super::text::Text;
use imara_diff::{Algorithm, Diff, NoSliderHeuristic, Token};
use rustc_hash::FxHashMap as HashMap;

/// An old range of code points replaced by a new one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hunk {
    /// In the old text.
    pub old: Span,
    /// In the new text.
    pub new: Span,
}

/// Where a span of the old text went.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fate {
    /// Its text is the same, at this span.
    Kept(Span),
    /// Its text was edited; this is what remains of it.
    Changed(Span),
    /// Its text was deleted.
    Orphaned,
}

/// How a text became its revision.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Realignment {
    hunks: Vec<Hunk>,
    /// `shift[i]`: how far a kept code point after hunk `i` moved (new − old).
    shift: Vec<isize>,
    old_len: usize,
}

impl Realignment {
    /// Compares `old` with `new`.
    pub fn between(old: &Text, new: &Text) -> Realignment {
        let (a, b): (Vec<char>, Vec<char>) = (old.as_str().chars().collect(), new.as_str().chars().collect());
        let (a_blocks, b_blocks) = (block_starts(&a), block_starts(&b));
        let mut interner: HashMap<&[char], u32> = HashMap::default();
        let (ta, tb) = (intern(&a, &a_blocks, &mut interner), intern(&b, &b_blocks, &mut interner));
        let mut blocks = Diff::default();
        blocks.compute_with(Algorithm::Histogram, &ta, &tb, interner.len() as u32);
        blocks.postprocess_with(&ta, &tb, NoSliderHeuristic);
        let mut hunks = Vec::new();
        for h in blocks.hunks() {
            let old = Span::new(a_blocks[h.before.start as usize], a_blocks[h.before.end as usize]);
            let new = Span::new(b_blocks[h.after.start as usize], b_blocks[h.after.end as usize]);
            refine_words(&a, &b, old, new, &mut hunks);
        }
        let shift = hunks.iter().map(|h| h.new.end as isize - h.old.end as isize).collect();
        Realignment { hunks, shift, old_len: a.len() }
    }

    /// The hunks, in order.
    pub fn hunks(&self) -> &[Hunk] {
        &self.hunks
    }

    /// True if the texts are the same.
    pub fn is_identity(&self) -> bool {
        self.hunks.is_empty()
    }

    /// The share of the old text's code points that are kept (1 for the same text).
    pub fn kept_share(&self) -> f64 {
        let deleted: usize = self.hunks.iter().map(|h| h.old.len()).sum();
        if self.old_len == 0 { 1.0 } else { (self.old_len - deleted) as f64 / self.old_len as f64 }
    }

    /// The new position of the kept code point at old position `p`, or `None` if a hunk
    /// deleted it.
    pub fn position(&self, p: usize) -> Option<usize> {
        // The hunks that end at or before `p`: the last of them sets the shift.
        let before = self.hunks.partition_point(|h| h.old.end <= p);
        if let Some(h) = self.hunks.get(before) {
            if h.old.start <= p && p < h.old.end {
                return None;
            }
        }
        let shift = if before == 0 { 0 } else { self.shift[before - 1] };
        Some((p as isize + shift) as usize)
    }

    /// Where the old span `span` went in `new` (see the module's doc comment).
    pub fn fate(&self, span: Span, new: &Text) -> Fate {
        let Span { start: s, end: e } = span;
        if s >= e {
            return Fate::Orphaned;
        }
        // The hunks that can touch the span: from the first ending at or after `s` to the
        // last starting at or before `e`.
        let first = self.hunks.partition_point(|h| h.old.end < s);
        let touching: Vec<&Hunk> = self.hunks[first..]
            .iter()
            .take_while(|h| h.old.start <= e)
            .filter(|h| if h.old.is_empty() { s < h.old.start && h.old.start < e } else { h.old.start < e && h.old.end > s })
            .collect();
        if touching.is_empty() {
            return match (self.position(s), self.position(e - 1)) {
                (Some(a), Some(b)) => Fate::Kept(Span::new(a, b + 1)),
                _ => Fate::Orphaned,
            };
        }
        // The first and last kept code points inside the span.
        let mut p = s;
        for h in &touching {
            if h.old.start <= p && p < h.old.end {
                p = h.old.end;
            }
        }
        let mut q = e; // one past the last kept
        for h in touching.iter().rev() {
            if h.old.start < q && q <= h.old.end {
                q = h.old.start;
            }
        }
        // Nothing of it kept: its text was deleted, or replaced by other text.
        if p >= q {
            return Fate::Orphaned;
        }
        let (Some(mut lo), Some(last)) = (self.position(p), self.position(q - 1)) else { return Fate::Orphaned };
        let mut hi = last + 1;
        // What a hunk lying inside the span inserted belongs to it.
        for h in touching.iter().filter(|h| s <= h.old.start && h.old.end <= e && !h.new.is_empty()) {
            lo = lo.min(h.new.start);
            hi = hi.max(h.new.end);
        }
        if lo >= hi {
            return Fate::Orphaned;
        }
        let chars: Vec<char> = new.slice(Span::new(lo, hi)).unwrap_or_default().chars().collect();
        let lead = chars.iter().take_while(|c| c.is_whitespace()).count();
        let trail = chars.iter().rev().take_while(|c| c.is_whitespace()).count();
        if lead == chars.len() {
            return Fate::Orphaned;
        }
        Fate::Changed(Span::new(lo + lead, hi - trail))
    }
}

/// The changed lines `old` → `new`, word by word (a word is a run of letters and digits;
/// every other code point is a word of its own), then code point by code point inside
/// each changed run of words.
fn refine_words(a: &[char], b: &[char], old: Span, new: Span, out: &mut Vec<Hunk>) {
    let (wa, wb) = (word_starts(&a[old.start..old.end]), word_starts(&b[new.start..new.end]));
    let mut interner: HashMap<&[char], u32> = HashMap::default();
    let ta = intern(&a[old.start..old.end], &wa, &mut interner);
    let tb = intern(&b[new.start..new.end], &wb, &mut interner);
    let mut diff = Diff::default();
    // Histogram anchors on the rarest words, so a changed line keeps its distinctive words
    // aligned rather than its spaces.
    diff.compute_with(Algorithm::Histogram, &ta, &tb, interner.len() as u32);
    // A deletion that could equally start one word earlier or later (". No comments yet"
    // or " No comments yet.") slides as far down as it goes, keeping the earlier word.
    diff.postprocess_with(&ta, &tb, NoSliderHeuristic);
    let mut chars = Diff::default();
    for w in diff.hunks() {
        let o = Span::new(old.start + wa[w.before.start as usize], old.start + wa[w.before.end as usize]);
        let n = Span::new(new.start + wb[w.after.start as usize], new.start + wb[w.after.end as usize]);
        let tokens = |cs: &[char]| -> Vec<Token> { cs.iter().map(|&c| Token(c as u32)).collect() };
        let (before, after) = (tokens(&a[o.start..o.end]), tokens(&b[n.start..n.end]));
        chars.compute_with(Algorithm::Myers, &before, &after, 0);
        chars.postprocess_with(&before, &after, NoSliderHeuristic);
        let found: Vec<Hunk> = chars
            .hunks()
            .map(|c| Hunk {
                old: Span::new(o.start + c.before.start as usize, o.start + c.before.end as usize),
                new: Span::new(n.start + c.after.start as usize, n.start + c.after.end as usize),
            })
            .collect();
        // Words that share less than half their letters are replaced, not edited: a few
        // letters in common ("Two" and "told") are chance, not a typo.
        let kept = o.len() - found.iter().map(|h| h.old.len()).sum::<usize>();
        if kept * 2 < o.len().min(n.len()) {
            out.push(Hunk { old: o, new: n });
        } else {
            out.extend(merge_close(found));
        }
    }
}

/// Merges two neighbouring hunks when what is kept between them is no longer than either
/// change (old and new lengths together), as diff-match-patch's semantic clean-up does:
/// "CPR" → "CRP" is then one replacement of "PR" by "RP", not a deletion and an insertion
/// on either side of a kept "R".
fn merge_close(hunks: Vec<Hunk>) -> Vec<Hunk> {
    let size = |h: &Hunk| h.old.len() + h.new.len();
    let mut out: Vec<Hunk> = Vec::with_capacity(hunks.len());
    // The size of the hunk before the gap as the diff found it, not as merged so far: a
    // merge never grows into the next gap.
    let mut previous = 0;
    for h in hunks {
        if let Some(last) = out.last_mut() {
            let gap = h.old.start - last.old.end;
            if gap <= previous.min(size(&h)) {
                *last = Hunk { old: Span::new(last.old.start, h.old.end), new: Span::new(last.new.start, h.new.end) };
                previous = size(&h);
                continue;
            }
        }
        previous = size(&h);
        out.push(h);
    }
    out
}

/// Where each word of `chars` starts, and its length at the end (see [`refine_words`]).
fn word_starts(chars: &[char]) -> Vec<usize> {
    let mut starts = Vec::new();
    for (i, c) in chars.iter().enumerate() {
        let joins = i > 0 && c.is_alphanumeric() && chars[i - 1].is_alphanumeric();
        if !joins {
            starts.push(i);
        }
    }
    starts.push(chars.len());
    starts
}

/// Where each block of `chars` starts, and its length at the end: a block is a line with
/// the line breaks after it, so blank lines (thousands of them in a long text) are never
/// tokens of their own for the diff to match at random.
fn block_starts(chars: &[char]) -> Vec<usize> {
    let mut starts = vec![0];
    for i in 1..chars.len() {
        if chars[i - 1] == '\n' && chars[i] != '\n' {
            starts.push(i);
        }
    }
    if starts.last() != Some(&chars.len()) {
        starts.push(chars.len());
    }
    starts
}

/// The tokens of `chars` cut at `starts`, equal pieces one token.
fn intern<'t>(chars: &'t [char], starts: &[usize], interner: &mut HashMap<&'t [char], u32>) -> Vec<Token> {
    starts
        .windows(2)
        .map(|w| {
            let next = interner.len() as u32;
            Token(*interner.entry(&chars[w[0]..w[1]]).or_insert(next))
        })
        .collect()
}
