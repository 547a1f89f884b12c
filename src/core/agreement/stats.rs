//! The statistics, each from counts, each `None` where it is undefined (a division by
//! zero: one category only, nothing to compare), as the reference implementations give
//! NaN there.
//!
//! - **Cohen's kappa** (two coders, one category per item): κ = (pₒ − pₑ) / (1 − pₑ), pₒ the
//!   share of items both coders put in the same category, pₑ = Σ_c p₁(c)·p₂(c) the agreement
//!   expected from each coder's own category shares.
//! - **Fleiss' kappa** (n ≥ 2 coders, every item coded by all): P̄ = mean over items of
//!   (Σ_c n_ic² − n) / (n(n − 1)), P̄ₑ = Σ_c p_c², p_c the share of all codings in category c;
//!   κ = (P̄ − P̄ₑ) / (1 − P̄ₑ).
//! - **Krippendorff's alpha**, nominal, no missing values: from the coincidence matrix
//!   o_ck = Σ_units (pairs of codings c, k in the unit) / (m − 1), n_c = Σ_k o_ck, n = Σ n_c:
//!   α = 1 − (n − 1) · Σ_{c≠k} o_ck / Σ_{c≠k} n_c·n_k.
//! - **Precision, recall, F1** of a "system" against a "reference": P = matched_system /
//!   system, R = matched_reference / reference, F1 = 2PR / (P + R).

/// A figure with what it was computed from (the counts behind it, for citing).
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Ratio {
    /// The value, `None` where undefined.
    pub value: Option<f64>,
    /// The numerator.
    pub part: usize,
    /// The denominator.
    pub whole: usize,
}

impl Ratio {
    /// `part / whole`.
    pub fn of(part: usize, whole: usize) -> Ratio {
        Ratio { value: (whole > 0).then(|| part as f64 / whole as f64), part, whole }
    }
}

/// Precision, recall and F1.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Prf {
    /// Of the second coder's items, the share the first also has.
    pub precision: Ratio,
    /// Of the first coder's items, the share the second also has.
    pub recall: Ratio,
    /// Their harmonic mean.
    pub f1: Option<f64>,
}

impl Prf {
    /// From counts: `matched_second` of `second` items, `matched_first` of `first`.
    pub fn of(matched_first: usize, first: usize, matched_second: usize, second: usize) -> Prf {
        let precision = Ratio::of(matched_second, second);
        let recall = Ratio::of(matched_first, first);
        let f1 = match (precision.value, recall.value) {
            (Some(p), Some(r)) if p + r > 0.0 => Some(2.0 * p * r / (p + r)),
            (Some(_), Some(_)) => Some(0.0),
            _ => None,
        };
        Prf { precision, recall, f1 }
    }
}

/// Items coded by several coders, as a table: each distinct tuple of categories (one per
/// coder, in coder order) with how many items were coded so. Every statistic below needs
/// only this, so documents pool by adding their tables.
pub type Table = std::collections::HashMap<Vec<u32>, usize>;

/// The table of `codings` (one row per coder, one category per item).
pub fn table(codings: &[Vec<u32>]) -> Table {
    let items = codings.iter().map(Vec::len).min().unwrap_or(0);
    let mut t = Table::new();
    for i in 0..items {
        *t.entry(codings.iter().map(|row| row[i]).collect()).or_default() += 1;
    }
    t
}

fn categories(t: &Table) -> usize {
    t.keys().flatten().max().map_or(0, |&m| m as usize + 1)
}

/// Cohen's kappa of two codings of the same items (categories as small integers).
///
/// ```
/// use marginalia::core::agreement::stats::cohen_kappa;
/// assert_eq!(cohen_kappa(&[0, 1, 0, 1], &[0, 1, 0, 1]), Some(1.0));
/// assert_eq!(cohen_kappa(&[0, 0, 0], &[0, 0, 0]), None, "one category: undefined");
/// assert!((cohen_kappa(&[0, 1, 1, 0, 1], &[0, 1, 0, 0, 1]).unwrap() - 0.6153846153846154).abs() < 1e-12);
/// ```
pub fn cohen_kappa(first: &[u32], second: &[u32]) -> Option<f64> {
    cohen(&table(&[first.to_vec(), second.to_vec()]))
}

/// Cohen's kappa of a two-coder table.
pub fn cohen(t: &Table) -> Option<f64> {
    let n: usize = t.values().sum();
    if n == 0 {
        return None;
    }
    let k = categories(t);
    let (mut a, mut b) = (vec![0usize; k], vec![0usize; k]);
    let mut same = 0;
    for (tuple, &w) in t {
        let (x, y) = (tuple[0] as usize, tuple[1] as usize);
        a[x] += w;
        b[y] += w;
        if x == y {
            same += w;
        }
    }
    let n = n as f64;
    let po = same as f64 / n;
    let pe: f64 = a.iter().zip(&b).map(|(&x, &y)| (x as f64 / n) * (y as f64 / n)).sum();
    (pe < 1.0).then(|| (po - pe) / (1.0 - pe))
}

/// Fleiss' kappa of `codings`: one row per coder, one category per item, every item coded
/// by every coder.
///
/// ```
/// use marginalia::core::agreement::stats::fleiss_kappa;
/// assert_eq!(fleiss_kappa(&[vec![0, 1, 2], vec![0, 1, 2], vec![0, 1, 2]]), Some(1.0));
/// ```
pub fn fleiss_kappa(codings: &[Vec<u32>]) -> Option<f64> {
    fleiss(&table(codings))
}

/// Fleiss' kappa of a table.
pub fn fleiss(t: &Table) -> Option<f64> {
    let items: usize = t.values().sum();
    let raters = t.keys().next().map_or(0, Vec::len);
    if raters < 2 || items == 0 {
        return None;
    }
    let k = categories(t);
    let mut totals = vec![0usize; k];
    let mut p_bar = 0.0;
    let n = raters as f64;
    for (tuple, &w) in t {
        let mut counts = vec![0usize; k];
        for &c in tuple {
            counts[c as usize] += 1;
        }
        let sum_sq: f64 = counts.iter().map(|&c| (c * c) as f64).sum();
        p_bar += w as f64 * (sum_sq - n) / (n * (n - 1.0));
        for (total, &c) in totals.iter_mut().zip(&counts) {
            *total += c * w;
        }
    }
    p_bar /= items as f64;
    let all = (items * raters) as f64;
    let pe: f64 = totals.iter().map(|&c| (c as f64 / all).powi(2)).sum();
    (pe < 1.0).then(|| (p_bar - pe) / (1.0 - pe))
}

/// Krippendorff's alpha, nominal, of `codings` (one row per coder, every item coded by all).
///
/// ```
/// use marginalia::core::agreement::stats::krippendorff_alpha;
/// assert_eq!(krippendorff_alpha(&[vec![0, 1, 1], vec![0, 1, 1]]), Some(1.0));
/// assert_eq!(krippendorff_alpha(&[vec![1, 1], vec![1, 1]]), None);
/// ```
pub fn krippendorff_alpha(codings: &[Vec<u32>]) -> Option<f64> {
    alpha(&table(codings))
}

/// Krippendorff's alpha (nominal) of a table.
pub fn alpha(t: &Table) -> Option<f64> {
    let coders = t.keys().next().map_or(0, Vec::len);
    if coders < 2 || t.is_empty() {
        return None;
    }
    let k = categories(t);
    // Per unit, every ordered pair of codings by different coders, weighted 1 / (m − 1).
    let mut o = vec![0.0f64; k * k];
    let m = coders as f64;
    for (tuple, &w) in t {
        let mut counts = vec![0usize; k];
        for &c in tuple {
            counts[c as usize] += 1;
        }
        for c in 0..k {
            if counts[c] == 0 {
                continue;
            }
            for d in 0..k {
                let pairs = if c == d { counts[c] * (counts[c] - 1) } else { counts[c] * counts[d] };
                o[c * k + d] += w as f64 * pairs as f64 / (m - 1.0);
            }
        }
    }
    let n_c: Vec<f64> = (0..k).map(|c| (0..k).map(|d| o[c * k + d]).sum()).collect();
    let n: f64 = n_c.iter().sum();
    let (mut observed, mut expected) = (0.0, 0.0);
    for c in 0..k {
        for d in (0..k).filter(|&d| d != c) {
            observed += o[c * k + d];
            expected += n_c[c] * n_c[d];
        }
    }
    (expected > 0.0).then(|| 1.0 - (n - 1.0) * observed / expected)
}

/// A figure as the app and the command line show it: three places, or "–" where it is
/// undefined.
pub fn shown(x: Option<f64>) -> String {
    x.map_or("–".into(), |v| format!("{v:.3}"))
}
