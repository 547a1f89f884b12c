//! A change from one list to the next, as the suggestion worker and the page send them
//! (`detect::wire`): runs of items kept, runs dropped, and items inserted. After one
//! annotation is added, the twenty thousand marks the worker is told about differ in one
//! item, and the hundred thousand suggestions it answers with in a few hundred (the other
//! occurrences of what was marked); a change carries those instead of the whole list.
//!
//! In JSON, an array of steps applied from the front of the old list:
//! `[{"keep":120},{"drop":2},{"insert":[…]},{"keep":19880}]`. Applied to the list it was
//! worked out from, it gives the new list; applied to another list it may give nonsense
//! (an error when the old list runs out), so each end keeps the last list it sent or
//! received (`wire::PageEnd`, `wire::WorkerEnd`).
//!
//! Lists are in document order, so [`ListChange::between`] walks both at once, by each
//! item's sort key: an item of the old list that sorts first is dropped, one of the new
//! list inserted, equal items kept. Whatever the order, the steps rebuild the new list
//! exactly; the order only makes them few.
//!
//! ```
//! use marginalia::core::detect::list_change::{ListChange, Step};
//! let change = ListChange::between(&[1, 2, 3, 4, 6], &[1, 3, 4, 5, 6], |x| *x);
//! assert_eq!(change.0, vec![Step::Keep(1), Step::Drop(1), Step::Keep(2), Step::Insert(vec![5]), Step::Keep(1)]);
//! assert_eq!(change.apply(vec![1, 2, 3, 4, 6]), Ok(vec![1, 3, 4, 5, 6]));
//! ```

use serde::{Deserialize, Serialize};

/// One step of a change, applied where the previous one stopped.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Step<T> {
    /// The next `n` items of the old list stay.
    Keep(usize),
    /// The next `n` items of the old list go.
    Drop(usize),
    /// These items come here.
    Insert(Vec<T>),
}

/// The change from one list to another: its steps, in order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ListChange<T>(pub Vec<Step<T>>);

impl<T: PartialEq + Clone> ListChange<T> {
    /// The change from `old` to `new`, both sorted by `key` (as far as they are). O(n).
    pub fn between<K: Ord>(old: &[T], new: &[T], key: impl Fn(&T) -> K) -> ListChange<T> {
        let mut steps: Vec<Step<T>> = Vec::new();
        let (mut i, mut j) = (0, 0);
        while i < old.len() || j < new.len() {
            let step = match (old.get(i), new.get(j)) {
                (Some(a), Some(b)) if a == b => Step::Keep(1),
                (Some(a), Some(b)) if key(a) <= key(b) => Step::Drop(1),
                (Some(_), None) => Step::Drop(1),
                (_, Some(b)) => Step::Insert(vec![b.clone()]),
                (None, None) => unreachable!("the loop stops when both are done"),
            };
            match &step {
                Step::Keep(_) => (i, j) = (i + 1, j + 1),
                Step::Drop(_) => i += 1,
                Step::Insert(_) => j += 1,
            }
            // Runs of the same step become one.
            match (steps.last_mut(), step) {
                (Some(Step::Keep(n)), Step::Keep(_)) | (Some(Step::Drop(n)), Step::Drop(_)) => *n += 1,
                (Some(Step::Insert(items)), Step::Insert(more)) => items.extend(more),
                (_, step) => steps.push(step),
            }
        }
        ListChange(steps)
    }
}

impl<T> ListChange<T> {
    /// The new list, built from the old one (kept items moved, not copied); an error if
    /// the old list runs out before the steps do, or has items left after them.
    pub fn apply(self, old: Vec<T>) -> Result<Vec<T>, String> {
        let len = old.len();
        let mut old = old.into_iter();
        let mut new = Vec::with_capacity(len);
        for step in self.0 {
            match step {
                Step::Keep(n) => {
                    let before = new.len();
                    new.extend(old.by_ref().take(n));
                    if new.len() - before < n {
                        return Err(format!("a change keeping more items than the list of {len} has"));
                    }
                }
                Step::Drop(n) => {
                    if old.by_ref().take(n).count() < n {
                        return Err(format!("a change dropping more items than the list of {len} has"));
                    }
                }
                Step::Insert(items) => new.extend(items),
            }
        }
        match old.next() {
            Some(_) => Err(format!("a change that does not account for every item of the list of {len}")),
            None => Ok(new),
        }
    }
}
