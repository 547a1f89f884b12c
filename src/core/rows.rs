//! Which rows of a long list to render: the list of annotations shows only the rows near
//! its viewport, so that 20,000 annotations cost what 30 do; and which paragraphs of the
//! article get their highlights registered ([`follow`]), for the same reason.

use std::ops::Range;

/// Rows rendered beyond each edge of the viewport.
pub const OVERSCAN: usize = 8;

/// The rows of a list of `count` rows of `row` pixels to render when it is scrolled to
/// `top` and shows `height` pixels.
///
/// ```
/// use marginalia::core::rows::visible_rows;
/// assert_eq!(visible_rows(0.0, 520.0, 52.0, 20_000), 0..18);
/// assert_eq!(visible_rows(52_000.0, 520.0, 52.0, 20_000), 992..1018);
/// assert_eq!(visible_rows(0.0, 520.0, 52.0, 5), 0..5);
/// ```
pub fn visible_rows(top: f64, height: f64, row: f64, count: usize) -> Range<usize> {
    let first = (top.max(0.0) / row).floor() as usize;
    let last = ((top.max(0.0) + height.max(0.0)) / row).ceil() as usize;
    let end = (last + OVERSCAN).min(count);
    first.saturating_sub(OVERSCAN).min(end)..end
}

/// Where to scroll so that row `index` is fully visible, or `None` if it already is.
///
/// ```
/// use marginalia::core::rows::scroll_to_row;
/// assert_eq!(scroll_to_row(0.0, 520.0, 52.0, 3), None);
/// assert_eq!(scroll_to_row(0.0, 520.0, 52.0, 100), Some(4_732.0)); // bottom-aligned
/// assert_eq!(scroll_to_row(9_000.0, 520.0, 52.0, 10), Some(520.0)); // top-aligned
/// ```
pub fn scroll_to_row(top: f64, height: f64, row: f64, index: usize) -> Option<f64> {
    let (row_top, row_bottom) = (index as f64 * row, (index + 1) as f64 * row);
    if row_top < top {
        Some(row_top)
    } else if row_bottom > top + height {
        Some(row_bottom - height)
    } else {
        None
    }
}

/// The paragraphs (indices, end exclusive) whose highlights to register when paragraphs
/// `visible` of `count` are on screen, given the ones registered now (`held`): `None` while
/// `held` still has at least half a screen of paragraphs beyond each visible edge (or
/// reaches the article's end there), else the visible ones with one screen of paragraphs
/// (at least [`MIN_BEYOND`]) on either side.
///
/// The browser rebuilds every highlight marker of the page whenever anything in the page
/// changes, so what is registered should be little more than what is seen; following the
/// viewport in jumps of half a screen keeps scrolling from re-registering at every frame.
///
/// ```
/// use marginalia::core::rows::follow;
/// assert_eq!(follow(None, 100..110, 5_000), Some(90..120));
/// assert_eq!(follow(Some(90..120), 103..113, 5_000), None); // still well inside
/// assert_eq!(follow(Some(90..120), 108..118, 5_000), Some(98..128));
/// assert_eq!(follow(None, 0..3, 5), Some(0..5));
/// ```
pub fn follow(held: Option<Range<usize>>, visible: Range<usize>, count: usize) -> Option<Range<usize>> {
    let seen = visible.len().max(1);
    let beyond = seen.max(MIN_BEYOND);
    if let Some(held) = held {
        let margin = beyond / 2;
        let top_ok = held.start == 0 || held.start + margin <= visible.start;
        let bottom_ok = held.end >= count || visible.end + margin <= held.end;
        if held.start <= visible.start && visible.end <= held.end && top_ok && bottom_ok {
            return None;
        }
    }
    let end = (visible.end + beyond).min(count);
    Some(visible.start.saturating_sub(beyond).min(end)..end)
}

/// Paragraphs registered beyond each visible edge, at least.
pub const MIN_BEYOND: usize = 4;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_followed_window_holds_the_visible_paragraphs_and_stays_small() {
        // Scrolling down a paragraph at a time, then jumping: the window always covers
        // what is seen, holds at most three screens, and moves only now and then.
        let count = 5_000;
        let mut held = None;
        let mut moves = 0;
        let tops: Vec<usize> = (0..400).chain([4_990, 2_000, 0, 4_995]).collect();
        for top in tops {
            let visible = top..(top + 12).min(count);
            if let Some(next) = follow(held.clone(), visible.clone(), count) {
                moves += 1;
                held = Some(next);
            }
            let h = held.clone().unwrap();
            assert!(h.start <= visible.start && visible.end <= h.end, "{h:?} holds {visible:?}");
            assert!(h.len() <= 3 * 12, "{h:?} is small");
            assert!(h.end <= count);
        }
        assert!(moves < 400 / 5, "moved {moves} times over 400 steps");
    }

    #[test]
    fn the_viewport_rows_are_always_rendered() {
        for count in [0, 1, 7, 500, 20_000] {
            for top in [0.0, 10.0, 51.9, 52.0, 7_777.0, 1e9] {
                let rows = visible_rows(top, 400.0, 52.0, count);
                assert!(rows.start <= rows.end && rows.end <= count);
                let first_seen = (top / 52.0) as usize;
                if first_seen < count {
                    assert!(rows.contains(&first_seen), "count {count}, top {top}");
                    assert!(rows.len() <= 400 / 52 + 2 + 2 * OVERSCAN);
                }
            }
        }
    }

    #[test]
    fn scrolling_to_a_row_makes_it_visible() {
        for index in [0, 5, 9, 10, 11, 400] {
            let top = scroll_to_row(260.0, 520.0, 52.0, index).unwrap_or(260.0);
            assert!(index as f64 * 52.0 >= top && (index + 1) as f64 * 52.0 <= top + 520.0);
        }
    }
}
