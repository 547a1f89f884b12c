//! Nationality and demonym adjectives and the names of peoples and faiths ("Norwegian",
//! "Norwegians", "Muslims"), one per line in `demonyms.txt`: never a person, whatever a
//! detector thinks (`detect::combine`).

use rustc_hash::FxHashSet as HashSet;
use std::sync::OnceLock;

static NAMES: &str = include_str!("demonyms.txt");

fn names() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| NAMES.lines().filter(|l| !l.is_empty() && !l.starts_with('#')).collect())
}

/// True if `name` is a demonym or its plural.
///
/// ```
/// use marginalia::core::detect::demonyms::is_demonym;
/// assert!(is_demonym("Norwegian") && is_demonym("Norwegians") && is_demonym("Chinese"));
/// assert!(is_demonym("Sri Lankans") && !is_demonym("Norway") && !is_demonym("Rahimi"));
/// ```
pub fn is_demonym(name: &str) -> bool {
    names().contains(name) || name.strip_suffix('s').is_some_and(|one| names().contains(one))
}
