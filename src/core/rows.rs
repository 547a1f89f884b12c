//! Which rows of a long list to render: the list of annotations shows only the rows near
//! its viewport, so that 20,000 annotations cost what 30 do.

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

#[cfg(test)]
mod tests {
    use super::*;

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
