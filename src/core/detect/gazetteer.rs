//! The shipped gazetteer: countries, regions, capitals and major cities, one name per
//! line in `gazetteer.txt` (its header gives the sources and their licences).

use rustc_hash::FxHashSet as HashSet;
use std::sync::OnceLock;

static NAMES: &str = include_str!("gazetteer.txt");

fn names() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| NAMES.lines().filter(|l| !l.is_empty() && !l.starts_with('#')).collect())
}

/// True if `name` is a place the gazetteer knows ("Kabul", "United States", "U.S.").
///
/// ```
/// use marginalia::core::detect::gazetteer::is_place;
/// assert!(is_place("Tehran") && is_place("United States") && !is_place("Tuesday"));
/// ```
pub fn is_place(name: &str) -> bool {
    names().contains(name)
}

/// How many names it holds.
pub fn len() -> usize {
    names().len()
}
