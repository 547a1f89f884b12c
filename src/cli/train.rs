//! `marginalia train`: fits the entity tagger's CRF on the shared corpora and writes the
//! model file (`core::detect::tagger::model` specifies it).
//!
//! ```text
//! marginalia train [--gum DIR] [--uner DIR] [-o MODEL] [--seed N] [--c1 X] [--c2 X]
//!                  [--iterations N] [--limit N] [--no-news] [--no-uner]
//! ```
//!
//! - `--gum DIR`: GUM's CoNLL-U files (default `../shared/corpora/gum-train/dep`). Every
//!   file is read but GUM's news dev and test documents ([`EVALUATION_ONLY`]), which are
//!   never trained on. `--no-news` leaves out every news document (to score on them).
//! - `--uner DIR`: Universal NER's IOB2 files (default `../shared/corpora/uner-ewt`);
//!   `--no-uner` leaves them out.
//! - `--limit N`: only the first N documents of each corpus (a quick model, for tests).
//! - `--seed N` shuffles the documents' order (L-BFGS is otherwise deterministic: the same
//!   files, options and seed give the same bytes). `--c1`, `--c2`: L1 and L2 penalties;
//!   `--iterations`: L-BFGS's limit.
//!
//! The model's description records the command, every file read with its SHA-256, the
//! options, the counts, and the data's licence and attribution.

use crate::core::detect::tagger::corpus::{read_gum, read_iob2, Doc};
use crate::core::detect::tagger::features::{sentence_features, DocContext};
use crate::core::detect::tagger::model::Weights;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// GUM's news documents kept for evaluation (dev: homeopathic, iodine; test: nasa,
/// sensitive): never trained on.
pub const EVALUATION_ONLY: &[&str] = &["GUM_news_homeopathic", "GUM_news_iodine", "GUM_news_nasa", "GUM_news_sensitive"];

/// What to train on and how.
#[derive(Clone, Debug)]
pub struct Options {
    /// GUM's folder.
    pub gum: PathBuf,
    /// Universal NER's folder, if used.
    pub uner: Option<PathBuf>,
    /// Leave out GUM's news.
    pub no_news: bool,
    /// At most this many documents of each corpus.
    pub limit: Option<usize>,
    /// Shuffles the documents' order.
    pub seed: u64,
    /// L1 penalty.
    pub c1: f64,
    /// L2 penalty.
    pub c2: f64,
    /// L-BFGS's limit.
    pub iterations: usize,
}

impl Default for Options {
    fn default() -> Options {
        Options { gum: "../shared/corpora/gum-train/dep".into(), uner: Some("../shared/corpora/uner-ewt".into()), no_news: false, limit: None, seed: 1, c1: 0.1, c2: 0.01, iterations: 150 }
    }
}

/// The options of `marginalia train` and the model file to write.
pub fn parse(args: &[String]) -> Result<(Options, String), String> {
    let mut o = Options::default();
    let mut output = "static/model/tagger.mgtag".to_owned();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = |name: &str| it.next().cloned().ok_or(format!("{name} needs a value"));
        fn number<T: std::str::FromStr>(name: &str, v: String) -> Result<T, String> {
            v.parse().map_err(|_| format!("{name} needs a number, not {v}"))
        }
        match a.as_str() {
            "-o" | "--output" => output = value(a)?,
            "--gum" => o.gum = value(a)?.into(),
            "--uner" => o.uner = Some(value(a)?.into()),
            "--no-uner" => o.uner = None,
            "--no-news" => o.no_news = true,
            "--limit" => o.limit = Some(number(a, value(a)?)?),
            "--seed" => o.seed = number(a, value(a)?)?,
            "--c1" => o.c1 = number(a, value(a)?)?,
            "--c2" => o.c2 = number(a, value(a)?)?,
            "--iterations" => o.iterations = number(a, value(a)?)?,
            other => return Err(format!("unknown option {other} for train")),
        }
    }
    Ok((o, output))
}

/// What training read and made.
pub struct Trained {
    /// The model file's bytes.
    pub bytes: Vec<u8>,
    /// A line for the user.
    pub summary: String,
}

/// The files of `dir` ending in `ext`, sorted.
fn files(dir: &Path, ext: &str) -> Result<Vec<PathBuf>, String> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|x| x == ext)).collect();
    out.sort();
    Ok(out)
}

/// A file read for training and its SHA-256 (hex).
type FileHash = (String, String);

/// Reads the corpora; returns the documents and (file, SHA-256) of each file read.
fn corpora(o: &Options) -> Result<(Vec<Doc>, Vec<FileHash>), String> {
    let mut docs = Vec::new();
    let mut read = Vec::new();
    let mut take = |path: &Path, parse: fn(&str) -> Vec<Doc>, keep: &dyn Fn(&Doc) -> bool, docs: &mut Vec<Doc>, budget: &mut usize| -> Result<(), String> {
        if *budget == 0 {
            return Ok(());
        }
        let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let text = String::from_utf8(bytes.clone()).map_err(|_| format!("{}: not UTF-8", path.display()))?;
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let mut used = false;
        for d in parse(&text).into_iter().filter(|d| keep(d)) {
            if *budget == 0 {
                break;
            }
            *budget -= 1;
            used = true;
            docs.push(d);
        }
        if used {
            read.push((name, hex(&Sha256::digest(&bytes))));
        }
        Ok(())
    };
    let no_news = o.no_news;
    let keep_gum = move |d: &Doc| !(EVALUATION_ONLY.contains(&d.id.as_str()) || no_news && d.id.starts_with("GUM_news_"));
    let mut budget = o.limit.unwrap_or(usize::MAX);
    for path in files(&o.gum, "conllu")? {
        take(&path, read_gum, &keep_gum, &mut docs, &mut budget)?;
    }
    if let Some(uner) = &o.uner {
        let mut budget = o.limit.unwrap_or(usize::MAX);
        for path in files(uner, "iob2")? {
            take(&path, read_iob2, &|_| true, &mut docs, &mut budget)?;
        }
    }
    if docs.is_empty() {
        return Err("no training documents found (see --gum and --uner)".into());
    }
    Ok((docs, read))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Trains a model; `command` is recorded in its description.
pub fn train(o: &Options, command: &str) -> Result<Trained, String> {
    let (mut docs, files) = corpora(o)?;
    shuffle(&mut docs, o.seed);
    let mut trainer = crfs::Trainer::lbfgs();
    trainer.params_mut().set_c1(o.c1).map_err(|e| e.to_string())?;
    trainer.params_mut().set_c2(o.c2).map_err(|e| e.to_string())?;
    trainer.params_mut().set_max_iterations(o.iterations).map_err(|e| e.to_string())?;
    let (mut sentences, mut tokens) = (0, 0);
    for doc in &docs {
        let context = DocContext::of(doc.sentences.iter().flat_map(|s| s.tokens.iter().map(String::as_str)));
        for s in &doc.sentences {
            let words: Vec<&str> = s.tokens.iter().map(String::as_str).collect();
            let mut xseq: Vec<Vec<crfs::Attribute>> = vec![Vec::new(); words.len()];
            sentence_features(&words, &context, |i, f| xseq[i].push(crfs::Attribute::new(f, 1.0)));
            trainer.append(&xseq, &s.tags).map_err(|e| e.to_string())?;
            sentences += 1;
            tokens += words.len();
        }
    }
    let dir = std::env::temp_dir().join(format!("marginalia-train-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let crfsuite = dir.join("model.crfsuite");
    trainer.train(&crfsuite).map_err(|e| format!("training failed: {e}"))?;
    let raw = std::fs::read(&crfsuite).map_err(|e| e.to_string())?;
    let _ = std::fs::remove_dir_all(&dir);
    let mut weights = weights_of(&raw)?;
    let description = serde_json::json!({
        "model": "Marginalia entity tagger: linear-chain CRF (L-BFGS, CRFsuite's algorithm via the crfs crate)",
        "command": command,
        "options": { "seed": o.seed, "c1": o.c1, "c2": o.c2, "iterations": o.iterations, "limit": o.limit, "no_news": o.no_news, "uner": o.uner.is_some() },
        "files": files.iter().map(|(name, sha)| serde_json::json!({ "file": name, "sha256": sha })).collect::<Vec<_>>(),
        "documents": docs.len(), "sentences": sentences, "tokens": tokens, "features": weights.states.len(),
        "licence": "CC BY-SA 4.0 (the model is derived from CC BY 2.5/4.0 and CC BY-SA 3.0/4.0 data)",
        "attribution": "GUM corpus, Amir Zeldes (2017), Language Resources and Evaluation 51(3), texts from Wikinews (CC BY 2.5), Wikipedia and Wikivoyage (CC BY-SA 3.0) and others (CC BY 4.0), annotations CC BY 4.0; Universal NER English-EWT, Mayhew et al. (2024), NAACL, CC BY-SA 4.0",
    });
    weights.description = description.to_string();
    let summary = format!("{} documents, {sentences} sentences, {tokens} tokens; {} weighted features, {} labels", docs.len(), weights.states.len(), weights.labels.len());
    Ok(Trained { bytes: weights.to_bytes(), summary })
}

/// The weights of a CRFsuite model file, read from `crfs`'s dump of it.
fn weights_of(raw: &[u8]) -> Result<Weights, String> {
    let model = crfs::Model::new(raw).map_err(|e| format!("the trained model does not read: {e}"))?;
    let labels: Vec<String> = (0..model.num_labels()).filter_map(|k| model.to_label(k).map(str::to_owned)).collect();
    let mut dump = Vec::new();
    model.dump(&mut dump).map_err(|e| e.to_string())?;
    let dump = String::from_utf8_lossy(&dump);
    let label_id = |name: &str| labels.iter().position(|l| l == name).ok_or(format!("unknown label {name} in the dump"));
    let mut weights = Weights { labels: labels.clone(), ..Weights::default() };
    let mut section = "";
    for line in dump.lines() {
        if line.ends_with("= {") {
            section = line.trim_end_matches(" = {");
            continue;
        }
        let Some(rest) = line.trim_start().strip_prefix('(').and_then(|l| l.split_once(") ")).map(|(_, r)| r) else { continue };
        let Some((source, target)) = rest.rsplit_once(" --> ") else { continue };
        let Some((target, weight)) = target.rsplit_once(": ") else { continue };
        let weight: f64 = weight.parse().map_err(|_| format!("a weight that is not a number: {line}"))?;
        match section {
            "TRANSITIONS" => weights.transitions.push((label_id(source)?, label_id(target)?, weight)),
            "STATE_FEATURES" => weights.states.push((source.to_owned(), label_id(target)?, weight)),
            _ => {}
        }
    }
    Ok(weights)
}

/// Shuffles `docs` by `seed` (a fixed xorshift, so every platform agrees).
fn shuffle(docs: &mut [Doc], seed: u64) {
    let mut x = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
    for i in (1..docs.len()).rev() {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        docs.swap(i, (x % (i as u64 + 1)) as usize);
    }
}
