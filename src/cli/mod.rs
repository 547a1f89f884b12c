//! The native command line, `marginalia` (the same core as the app, no browser):
//!
//! ```text
//! marginalia suggest ARTICLE.txt [-o OUT.json]   one article → one export, every suggestion
//!                                                an annotation with "status": "suggested"
//! marginalia suggest - [-o OUT.json]             the article from standard input
//! marginalia suggest --jsonl IN.jsonl|- [-o OUT.jsonl]
//!                                                one {"text": ...} object per line → one
//!                                                export per line (pre-annotating in bulk)
//! marginalia eval GOLD.jsonl [--split S] [--predictions P.jsonl]
//!                                                precision, recall and F1 per label, quotes
//!                                                found, speaker accuracy (see `eval`)
//! marginalia convert INPUT --to FORMAT [--from FORMAT] [-o OUT] [--utf16] [--keep-valid] [--onto DOC]
//!                                                any format read to any written (see
//!                                                `convert`); exit status 2 on a refused input
//! marginalia train [--gum DIR] [--uner DIR] [-o MODEL] [--seed N] [--limit N] [--no-news] [--no-uner] …
//!                                                fits the entity tagger on the shared
//!                                                corpora and writes its model (see `train`)
//! marginalia agree FILE FILE [FILE…] [--names A,B] [--json]
//!                                                agreement between coders' files of one text
//!                                                (or bundles, pooled; see `agree`)
//! ```
//!
//! **Architecture Invariant:** this module only reads arguments and files and prints; all
//! it computes comes from `core`.

pub mod agree;
pub mod convert;
pub mod eval;
pub mod learning;
pub mod suggest;
pub mod train;

use crate::core::formats::Format;
use std::io::{Read, Write};

const USAGE: &str = "usage:
  marginalia suggest ARTICLE.txt|- [--title TITLE] [-o OUT.json]
  marginalia suggest --jsonl IN.jsonl|- [-o OUT.jsonl]
  marginalia eval GOLD.jsonl [--split train|dev|test|all|train,dev] [--predictions PRED.jsonl] [--model M | --rules] [--learning N,N,... [--learning-label NAME]]
  marginalia convert INPUT|- --to FORMAT [--from FORMAT] [-o OUT] [--utf16] [--keep-valid] [--onto DOC.json]
    FORMAT: marginalia, w3c, brat, spacy, prodigy, label-studio, uima-xmi, uima-json, conll,
    citron, doccano (--from also text); brat, uima-xmi and label-studio write to a folder (-o)
  marginalia agree FILE FILE [FILE...] [--names A,B,...] [--json]
  marginalia train [--gum DIR] [--uner DIR] [-o MODEL] [--seed N] [--c1 X] [--c2 X] [--iterations N]
                   [--limit N] [--no-news] [--no-uner]   (default -o static/model/tagger.mgtag)
The app itself runs in the browser: see README.md (scripts/serve.sh).";

/// Runs the command line with `args` (without the program name); returns the exit code.
pub fn main(args: &[String]) -> i32 {
    match run(args) {
        Ok(()) => 0,
        Err(message) => {
            eprintln!("marginalia: {message}");
            if message.starts_with("usage") || message.contains("unknown") {
                eprintln!("{USAGE}");
            }
            2
        }
    }
}

/// Options after the command name: positional arguments and `--flag value` pairs.
struct Options {
    positional: Vec<String>,
    output: Option<String>,
    jsonl: bool,
    title: Option<String>,
    split: Option<String>,
    predictions: Option<String>,
    from: Option<String>,
    to: Option<String>,
    utf16: bool,
    keep_valid: bool,
    onto: Option<String>,
    names: Option<String>,
    json: bool,
    model: Option<String>,
    rules: bool,
    learning: Option<String>,
    learning_label: Option<String>,
}

fn options(args: &[String]) -> Result<Options, String> {
    let mut o = Options { learning: None, learning_label: None, positional: Vec::new(), output: None, jsonl: false, title: None, split: None, predictions: None, from: None, to: None, utf16: false, keep_valid: false, onto: None, names: None, json: false, model: None, rules: false };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = |name: &str| it.next().cloned().ok_or(format!("{name} needs a value"));
        match a.as_str() {
            "-o" | "--output" => o.output = Some(value(a)?),
            "--jsonl" => o.jsonl = true,
            "--title" => o.title = Some(value(a)?),
            "--split" => o.split = Some(value(a)?),
            "--predictions" => o.predictions = Some(value(a)?),
            "--from" => o.from = Some(value(a)?),
            "--to" => o.to = Some(value(a)?),
            "--utf16" => o.utf16 = true,
            "--keep-valid" => o.keep_valid = true,
            "--onto" => o.onto = Some(value(a)?),
            "--names" => o.names = Some(value(a)?),
            "--json" => o.json = true,
            "--model" => o.model = Some(value(a)?),
            "--rules" => o.rules = true,
            "--learning" => o.learning = Some(value(a)?),
            "--learning-label" => o.learning_label = Some(value(a)?),
            "-" => o.positional.push(a.clone()),
            flag if flag.starts_with('-') => return Err(format!("unknown option {flag}")),
            _ => o.positional.push(a.clone()),
        }
    }
    Ok(o)
}

fn run(args: &[String]) -> Result<(), String> {
    let Some((command, rest)) = args.split_first() else {
        println!("{USAGE}");
        return Ok(());
    };
    if command == "train" {
        let (options, output) = train::parse(rest)?;
        let command = std::iter::once("marginalia").chain(args.iter().map(String::as_str)).collect::<Vec<_>>().join(" ");
        let trained = train::train(&options, &command)?;
        std::fs::write(&output, &trained.bytes).map_err(|e| format!("{output}: {e}"))?;
        eprintln!("marginalia: trained on {}; wrote {output} ({} bytes)", trained.summary, trained.bytes.len());
        return Ok(());
    }
    let o = options(rest)?;
    match command.as_str() {
        "suggest" => {
            let [input] = o.positional.as_slice() else { return Err("usage: suggest takes one input: a file, or - for standard input".into()) };
            let bytes = read_input(input)?;
            let text = String::from_utf8(bytes).map_err(|e| format!("{input} is not UTF-8 text (byte {})", e.utf8_error().valid_up_to()))?;
            let out = if o.jsonl {
                suggest::jsonl(&text, &now())?
            } else {
                let title = o.title.clone().unwrap_or_else(|| if input == "-" { String::new() } else { stem(input) });
                suggest::one(&title, &text, &now())?
            };
            write_output(o.output.as_deref(), &out)
        }
        "eval" => {
            let [gold] = o.positional.as_slice() else { return Err("usage: eval takes one gold JSON Lines file".into()) };
            let gold = String::from_utf8(read_input(gold)?).map_err(|_| format!("{gold} is not UTF-8 text"))?;
            let predictions = match &o.predictions {
                Some(p) => Some(String::from_utf8(read_input(p)?).map_err(|_| format!("{p} is not UTF-8 text"))?),
                None => None,
            };
            let model = match &o.model {
                Some(path) => Some(crate::core::detect::tagger::model::read(&read_input(path)?).map_err(|e| format!("{path}: {e}"))?),
                None => None,
            };
            let tagger = if o.rules { None } else { Some(model.as_ref().unwrap_or_else(|| crate::core::detect::tagger::shipped())) };
            if let Some(ns) = &o.learning {
                let ns: Vec<usize> = ns.split(',').map(|n| n.trim().parse().map_err(|_| format!("--learning takes numbers joined by commas, not {n:?}"))).collect::<Result<_, _>>()?;
                let points = learning::curve(&gold, o.split.as_deref().unwrap_or("all"), &ns, tagger, o.learning_label.as_deref())?;
                return write_output(None, &learning::describe(&points));
            }
            let report = eval::evaluate(&gold, o.split.as_deref().unwrap_or("all"), predictions.as_deref(), tagger)?;
            write_output(None, &report.to_string())
        }
        "convert" => {
            let [input] = o.positional.as_slice() else { return Err("usage: convert takes one input: a file, a folder, or - for standard input".into()) };
            let format = |name: &Option<String>, what: &str| -> Result<Option<Format>, String> {
                name.as_deref().map(|n| Format::from_id(n).ok_or(format!("unknown {what} format {n}"))).transpose()
            };
            let to = format(&o.to, "--to")?.ok_or("usage: convert needs --to FORMAT")?;
            let stdin = if input == "-" { Some(read_input("-")?) } else { None };
            let onto = match &o.onto {
                Some(path) => Some(
                    crate::core::import::read_file(&read_input(path)?)
                        .map_err(|p| format!("--onto {path}: {}", p.first().map(ToString::to_string).unwrap_or_default()))?
                        .doc,
                ),
                None => None,
            };
            let request = convert::Request { input, stdin, from: format(&o.from, "--from")?, to, output: o.output.as_deref(), utf16: o.utf16, keep_valid: o.keep_valid, onto, now: now() };
            match convert::run(&request) {
                Ok(notes) => {
                    for n in notes {
                        eprintln!("marginalia: {n}");
                    }
                    Ok(())
                }
                Err((message, _)) => Err(message),
            }
        }
        "agree" => {
            let names: Vec<String> = match &o.names {
                Some(n) => n.split(',').map(|s| s.trim().to_owned()).collect(),
                None => o.positional.iter().map(|p| stem(p).split('.').next().unwrap_or_default().to_owned()).collect(),
            };
            if names.len() != o.positional.len() {
                return Err(format!("--names gives {} name(s) for {} file(s)", names.len(), o.positional.len()));
            }
            let mut files = Vec::new();
            for (name, path) in names.into_iter().zip(&o.positional) {
                files.push((name, path.clone(), read_input(path)?));
            }
            write_output(o.output.as_deref(), &agree::run(&files, o.json)?)
        }
        "help" | "--help" | "-h" => {
            println!("{USAGE}");
            Ok(())
        }
        other => Err(format!("unknown command {other}")),
    }
}

fn read_input(path: &str) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    if path == "-" {
        std::io::stdin().read_to_end(&mut bytes).map_err(|e| format!("reading standard input: {e}"))?;
    } else {
        bytes = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;
    }
    Ok(bytes)
}

fn write_output(path: Option<&str>, text: &str) -> Result<(), String> {
    match path {
        Some(p) => std::fs::write(p, text).map_err(|e| format!("{p}: {e}")),
        None => std::io::stdout().write_all(text.as_bytes()).map_err(|e| format!("writing: {e}")),
    }
}

/// The file name without directories and extension: the document's title.
fn stem(path: &str) -> String {
    let name = std::path::Path::new(path).file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    name
}

/// Now, in RFC 3339 (UTC, seconds), from the system clock.
fn now() -> String {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    rfc3339(secs)
}

/// Seconds since 1970 as an RFC 3339 UTC time.
///
/// ```
/// assert_eq!(marginalia::cli::rfc3339(1_764_000_000), "2025-11-24T16:00:00Z");
/// ```
pub fn rfc3339(secs: u64) -> String {
    let days = secs / 86_400;
    let rem = secs % 86_400;
    // Civil-from-days (Howard Hinnant's algorithm).
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", rem / 3600, rem % 3600 / 60, rem % 60)
}
