//! The tagger's model: a linear-chain CRF's weights in a small binary file, and the Viterbi
//! search for the best labels of a sentence.
//!
//! `marginalia train` fits the CRF with CRFsuite's L-BFGS (the `crfs` crate, natively)
//! and writes its weights in this format; the app and the command line read it here,
//! without `crfs`. A feature is known by the 32-bit FNV-1a hash of its string
//! (`features.rs`), so the file holds no strings but its labels and its description.
//!
//! # Format (version 1; integers little-endian)
//!
//! ```text
//! "MGTAG1\n"                    magic, 7 bytes
//! u32 M, M bytes                the description: UTF-8 JSON (training command, files
//!                               and their SHA-256, parameters, licence, attribution)
//! u32 L                         labels; then L times: u8 length, UTF-8 name
//!                               ("O", "B-PER", "I-PER", …)
//! f32 S                         the scale: a weight is its stored i16 times S
//! L×L i16                       transition weights, from label (row) to label (column)
//! u32 N                         features with a weight
//! N u32                         their hashes, strictly increasing
//! N u8                          how many labels each feature weighs
//! then, feature by feature:     u8 label index, i16 weight, as many as it said
//! ```
//!
//! A model refuses to load when the magic, a count or a label index is wrong, or the file
//! ends early or runs on.
//!
//! **Architecture Invariant:** decoding never yields an `I-` label that does not continue a
//! `B-` or `I-` of the same type: such transitions are forbidden, not merely unlikely.

use rustc_hash::FxHashMap as HashMap;

/// The file's first bytes.
pub const MAGIC: &[u8; 7] = b"MGTAG1\n";

/// The 32-bit FNV-1a hash of a feature string.
pub fn feature_hash(feature: &str) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in feature.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// A loaded model.
#[derive(Clone, Debug)]
pub struct Model {
    /// The description (JSON).
    pub description: String,
    /// The labels, "O" and "B-"/"I-" ones.
    pub labels: Vec<String>,
    /// Transition weights, `labels.len()` squared, row = from.
    transitions: Vec<f32>,
    /// Feature hash → its first weight in `weights` and how many it has.
    index: HashMap<u32, (u32, u8)>,
    /// (label, weight) pairs.
    weights: Vec<(u8, f32)>,
    /// For each label pair: false where `to` may not follow `from`.
    allowed: Vec<bool>,
    /// Labels a sentence may start with.
    may_start: Vec<bool>,
}

/// The weights of a model before it is written: what `marginalia train` gathers.
#[derive(Clone, Debug, Default)]
pub struct Weights {
    /// The description (JSON).
    pub description: String,
    /// The labels.
    pub labels: Vec<String>,
    /// (from, to, weight).
    pub transitions: Vec<(usize, usize, f64)>,
    /// (feature string, label, weight).
    pub states: Vec<(String, usize, f64)>,
}

impl Weights {
    /// The model file of these weights.
    pub fn to_bytes(&self) -> Vec<u8> {
        let l = self.labels.len();
        let max = self.transitions.iter().map(|t| t.2.abs()).chain(self.states.iter().map(|s| s.2.abs())).fold(1e-9, f64::max);
        let scale = max / f64::from(i16::MAX);
        let q = |w: f64| (w / scale).round().clamp(f64::from(i16::MIN), f64::from(i16::MAX)) as i16;
        let mut by_hash: std::collections::BTreeMap<u32, Vec<(u8, i32)>> = std::collections::BTreeMap::new();
        for (feature, label, w) in &self.states {
            let q = i32::from(q(*w));
            if q == 0 {
                continue;
            }
            let entry = by_hash.entry(feature_hash(feature)).or_default();
            // Two features with one hash (rare) add up, as they would both fire.
            match entry.iter_mut().find(|(lab, _)| usize::from(*lab) == *label) {
                Some((_, sum)) => *sum += q,
                None => entry.push((*label as u8, q)),
            }
        }
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&(self.description.len() as u32).to_le_bytes());
        out.extend_from_slice(self.description.as_bytes());
        out.extend_from_slice(&(l as u32).to_le_bytes());
        for name in &self.labels {
            out.push(name.len() as u8);
            out.extend_from_slice(name.as_bytes());
        }
        out.extend_from_slice(&(scale as f32).to_le_bytes());
        let mut trans = vec![0i16; l * l];
        for &(from, to, w) in &self.transitions {
            trans[from * l + to] = q(w);
        }
        trans.iter().for_each(|t| out.extend_from_slice(&t.to_le_bytes()));
        out.extend_from_slice(&(by_hash.len() as u32).to_le_bytes());
        by_hash.keys().for_each(|h| out.extend_from_slice(&h.to_le_bytes()));
        by_hash.values().for_each(|ws| out.push(ws.len() as u8));
        for ws in by_hash.values() {
            for &(label, w) in ws {
                out.push(label);
                out.extend_from_slice(&(w.clamp(i32::from(i16::MIN), i32::from(i16::MAX)) as i16).to_le_bytes());
            }
        }
        out
    }
}

/// Reads a model file, or says what is wrong with it.
pub fn read(bytes: &[u8]) -> Result<Model, String> {
    let mut r = Reader { bytes, at: 0 };
    if r.take(MAGIC.len())? != MAGIC {
        return Err("not a Marginalia tagger model (wrong magic)".into());
    }
    let m = r.u32()? as usize;
    let description = String::from_utf8(r.take(m)?.to_vec()).map_err(|_| "the description is not UTF-8")?;
    let l = r.u32()? as usize;
    if l == 0 || l > 255 {
        return Err(format!("{l} labels (1 to 255 allowed)"));
    }
    let mut labels = Vec::with_capacity(l);
    for _ in 0..l {
        let len = usize::from(r.take(1)?[0]);
        labels.push(String::from_utf8(r.take(len)?.to_vec()).map_err(|_| "a label is not UTF-8")?);
    }
    let scale = f32::from_le_bytes(r.array()?);
    let mut transitions = Vec::with_capacity(l * l);
    for _ in 0..l * l {
        transitions.push(f32::from(i16::from_le_bytes(r.array()?)) * scale);
    }
    let n = r.u32()? as usize;
    let mut hashes = Vec::with_capacity(n);
    for _ in 0..n {
        hashes.push(r.u32()?);
    }
    if hashes.windows(2).any(|w| w[0] >= w[1]) {
        return Err("feature hashes out of order".into());
    }
    let counts = r.take(n)?.to_vec();
    let mut index = HashMap::with_capacity_and_hasher(n, Default::default());
    let mut weights = Vec::with_capacity(n * 2);
    for (h, c) in hashes.into_iter().zip(counts) {
        index.insert(h, (weights.len() as u32, c));
        for _ in 0..c {
            let label = r.take(1)?[0];
            if usize::from(label) >= l {
                return Err(format!("a weight for label {label} of {l}"));
            }
            weights.push((label, f32::from(i16::from_le_bytes(r.array()?)) * scale));
        }
    }
    if r.at != bytes.len() {
        return Err(format!("{} bytes after the model's end", bytes.len() - r.at));
    }
    let (allowed, may_start) = constraints(&labels);
    Ok(Model { description, labels, transitions, index, weights, allowed, may_start })
}

/// Which label may follow which (`I-X` only after `B-X` or `I-X`), and which may start.
pub fn constraints(labels: &[String]) -> (Vec<bool>, Vec<bool>) {
    let l = labels.len();
    let kind = |k: usize| labels[k].strip_prefix("I-");
    let continues = |k: usize| labels[k].strip_prefix("B-").or_else(|| labels[k].strip_prefix("I-"));
    let mut allowed = vec![true; l * l];
    for to in 0..l {
        if let Some(t) = kind(to) {
            for from in 0..l {
                allowed[from * l + to] = continues(from) == Some(t);
            }
        }
    }
    let may_start = (0..l).map(|k| kind(k).is_none()).collect();
    (allowed, may_start)
}

struct Reader<'b> {
    bytes: &'b [u8],
    at: usize,
}

impl<'b> Reader<'b> {
    fn take(&mut self, n: usize) -> Result<&'b [u8], String> {
        let end = self.at.checked_add(n).filter(|&e| e <= self.bytes.len()).ok_or("the model file ends early")?;
        let out = &self.bytes[self.at..end];
        self.at = end;
        Ok(out)
    }
    fn array<const N: usize>(&mut self) -> Result<[u8; N], String> {
        Ok(self.take(N)?.try_into().expect("N bytes"))
    }
    fn u32(&mut self) -> Result<u32, String> {
        Ok(u32::from_le_bytes(self.array()?))
    }
}

impl Model {
    /// Adds the weights of `feature` (hashed) to `scores` (one per label).
    pub fn add_state(&self, hash: u32, scores: &mut [f32]) {
        if let Some(&(start, count)) = self.index.get(&hash) {
            for &(label, w) in &self.weights[start as usize..start as usize + usize::from(count)] {
                scores[usize::from(label)] += w;
            }
        }
    }

    /// The best labels for a sentence whose state scores are `states` (`len × labels`).
    pub fn viterbi(&self, states: &[f32]) -> Vec<usize> {
        viterbi(&self.transitions, &self.allowed, &self.may_start, states)
    }

    /// How many features carry a weight.
    pub fn len(&self) -> usize {
        self.index.len()
    }

    /// True if no feature carries a weight.
    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }
}

/// The best labels for a sentence whose state scores are `states` (`len × labels`), given
/// the transition weights and what [`constraints`] allows (shared with `tagger::online`).
pub fn viterbi(transitions: &[f32], allowed: &[bool], may_start: &[bool], states: &[f32]) -> Vec<usize> {
    let l = may_start.len();
    let n = states.len() / l;
    if n == 0 {
        return Vec::new();
    }
    let mut best = vec![f32::NEG_INFINITY; n * l];
    let mut back = vec![0u8; n * l];
    for k in 0..l {
        if may_start[k] {
            best[k] = states[k];
        }
    }
    for t in 1..n {
        for to in 0..l {
            let (mut top, mut arg) = (f32::NEG_INFINITY, 0);
            for from in 0..l {
                if !allowed[from * l + to] {
                    continue;
                }
                let s = best[(t - 1) * l + from] + transitions[from * l + to];
                if s > top {
                    (top, arg) = (s, from);
                }
            }
            best[t * l + to] = top + states[t * l + to];
            back[t * l + to] = arg as u8;
        }
    }
    let mut path = vec![0usize; n];
    path[n - 1] = (0..l).max_by(|&a, &b| best[(n - 1) * l + a].total_cmp(&best[(n - 1) * l + b])).unwrap_or(0);
    for t in (1..n).rev() {
        path[t - 1] = usize::from(back[t * l + path[t]]);
    }
    path
}
