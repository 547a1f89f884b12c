//! Finds dates: month names with their day and year ("July 21, 2017", "21 July 2017",
//! "January 9 and 10", "November 2022"), weekdays ("on Monday"), years ("in 2017") and
//! decades ("the 1990s"). "May" counts only with a day or a year.
//!
//! ```
//! use marginalia::core::detect::{dates::find_dates, words::Words};
//! let text = "On Monday, January 9 and 10, and in November 2022, but not in May.";
//! let w = Words::new(text);
//! let found: Vec<&str> = find_dates(&w).iter().map(|&(a, b)| w.str_between(a, b)).collect();
//! assert_eq!(found, ["Monday", "January 9 and 10", "November 2022"]);
//! ```

use super::words::{LazyWordSet, WordSet, Words};

static MONTHS: LazyWordSet = LazyWordSet::new(|| WordSet::new(MONTHS_LIST));
const MONTHS_LIST: &[&str] = &[
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
];
static WEEKDAYS: LazyWordSet = LazyWordSet::new(|| WordSet::new(WEEKDAYS_LIST));
const WEEKDAYS_LIST: &[&str] = &["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/// True for a month's name or its usual abbreviation.
pub fn is_month(word: &str) -> bool {
    MONTHS.contains(word)
}

/// True for a weekday's name.
pub fn is_weekday(word: &str) -> bool {
    WEEKDAYS.contains(word)
}

/// True for a day of the month: "9", "21st", "9-10".
fn is_day(word: &str) -> bool {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &word[digits.len()..];
    let day_ok = |d: &str| !d.is_empty() && d.len() <= 2 && d.chars().all(|c| c.is_ascii_digit()) && d.parse::<u32>().is_ok_and(|n| (1..=31).contains(&n));
    matches!(suffix, "" | "st" | "nd" | "rd" | "th") && digits.split('-').all(day_ok) && digits.split('-').count() <= 2
}

/// True for a year written in four digits, 1000 to 2099.
fn is_year(word: &str) -> bool {
    word.len() == 4 && word.chars().all(|c| c.is_ascii_digit()) && ("10"..="20").contains(&&word[..2])
}

/// True for a decade: "1990s".
fn is_decade(word: &str) -> bool {
    word.len() == 5 && word.ends_with('s') && is_year(&word[..4]) && word[..4].ends_with('0')
}

/// Dates as (first word, last word), in order, never overlapping.
pub fn find_dates(w: &Words) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    let mut i = 0;
    let n = w.len();
    let plain = |k: usize| k < n && w.joined_by_space(k);
    let comma = |k: usize| k < n && matches!(w.gap_before(k), ", " | " ");
    while i < n {
        let s = w.str(i);
        if is_weekday(s) {
            found.push((i, i));
        } else if is_month(s) {
            // Day Month: "21 July".
            let first = if i > 0 && plain(i) && is_day(w.str(i - 1)) && found.last().is_none_or(|&(_, b)| b < i - 1) { i - 1 } else { i };
            let mut last = i;
            if first == i && plain(i + 1) && is_day(w.str(i + 1)) {
                last = i + 1;
                // "January 9 and 10"
                if plain(last + 1) && matches!(w.str(last + 1), "and" | "to" | "or") && plain(last + 2) && is_day(w.str(last + 2)) {
                    last += 2;
                }
            }
            if comma(last + 1) && is_year(w.str(last + 1)) {
                last += 1;
            }
            let alone = first == i && last == i;
            // Alone, "May" is a verb and "Jan" a name: a month alone must be written out.
            let doubtful = s == "May" || s.len() <= 4 && s != "June" && s != "July";
            if !(alone && doubtful) {
                found.push((first, last));
            }
            i = last;
        } else if (is_year(s) && !w.gap_before(i).ends_with(['$', '£', '€', '#']) && !(i + 1 < n && w.gap_before(i + 1).starts_with('%'))) || is_decade(s) {
            found.push((i, i));
        }
        i += 1;
    }
    found
}
