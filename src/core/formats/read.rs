//! Reading any format Marginalia reads, recognised by content (never by the file name
//! alone): a `.zip` or a folder is opened and its files recognised in turn; a file is
//! zlib-packed msgpack (spaCy), XML (UIMA XMI), JSON (Marginalia, W3C, Label Studio, UIMA
//! JSON, Citron), JSON Lines of those, or else plain text. What is found goes through
//! `draft::assemble` (or our own importer), so every format is checked alike.

use super::{brat, citron, label_studio, plain, spacy, uima, w3c, zip, File, Format};
use crate::core::document::Document;
use crate::core::import::{check_bundle, check_file, check_parsed, is_bundle, size_problem, Checked, CheckedBundle, Imported, Problem, ProblemKind};
use serde_json::Value;

/// What reading found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    /// The format read (the first, when a folder held several).
    pub format: Option<Format>,
    /// Every document whose text could be read (the valid part of a broken one).
    pub documents: Vec<Imported>,
    /// Every problem.
    pub problems: Vec<Problem>,
    /// Annotations and documents left out of `documents`.
    pub dropped: usize,
    /// True if the input may hold several documents (a bundle, a folder).
    pub bundle: bool,
}

impl Found {
    fn refused(kind: ProblemKind, message: String) -> Found {
        Found { format: None, documents: Vec::new(), problems: vec![Problem { place: "file".into(), kind, message }], dropped: 0, bundle: false }
    }

    fn one(format: Format, checked: Checked) -> Found {
        let mut bundle = CheckedBundle::default();
        bundle.add(checked);
        Found { format: Some(format), documents: bundle.documents, problems: bundle.problems, dropped: bundle.dropped, bundle: false }
    }

    fn many(format: Format, bundle: CheckedBundle) -> Found {
        let bundle = bundle.finish();
        Found { format: Some(format), bundle: bundle.documents.len() + usize::from(!bundle.problems.is_empty()) > 1, documents: bundle.documents, problems: bundle.problems, dropped: bundle.dropped }
    }

    fn add(&mut self, other: Found) {
        self.format = self.format.or(other.format);
        self.documents.extend(other.documents);
        self.problems.extend(other.problems);
        self.dropped += other.dropped;
        self.bundle = true;
    }
}

/// The format of one file's bytes, by content.
pub fn detect(bytes: &[u8]) -> Option<Format> {
    if zip::looks_like(bytes) {
        return None;
    }
    if spacy::looks_like(bytes) {
        return Some(Format::Spacy);
    }
    let text = std::str::from_utf8(bytes).ok()?;
    let body = text.trim_start_matches('\u{feff}').trim_start();
    if body.starts_with('<') {
        return (body.contains("http://www.omg.org/XMI") || body.contains("xmi:XMI")).then_some(Format::UimaXmi);
    }
    if json_body(text).is_none() {
        return Some(Format::Text);
    }
    let first = match serde_json::from_str::<Value>(body) {
        Ok(v) => v,
        // JSON Lines: the first line tells.
        Err(_) => serde_json::from_str(body.lines().next().unwrap_or("")).ok()?,
    };
    json_format(&first)
}

/// `text` from its first JSON bracket, if it starts as JSON (after a byte order mark and
/// white space) and is neither a zip nor a spaCy file.
fn json_body(text: &str) -> Option<&str> {
    if zip::looks_like(text.as_bytes()) || spacy::looks_like(text.as_bytes()) {
        return None;
    }
    let body = text.trim_start_matches('\u{feff}').trim_start();
    (body.starts_with('{') || body.starts_with('[')).then_some(body)
}

fn json_format(v: &Value) -> Option<Format> {
    if v.get("format").and_then(Value::as_str) == Some("marginalia") {
        Some(Format::Marginalia)
    } else if v.get("%FEATURE_STRUCTURES").is_some() {
        Some(Format::UimaJson)
    } else if label_studio::looks_like(v) {
        Some(Format::LabelStudio)
    } else if w3c::looks_like(v) {
        Some(Format::W3c)
    } else if citron::looks_like(v) {
        Some(Format::Citron)
    } else {
        None
    }
}

/// Reads one file the user picked or dropped (a `.zip` is opened); `open` is the open
/// document, which a W3C file without text of its own annotates.
pub fn read(name: &str, bytes: &[u8], open: Option<&Document>) -> Found {
    if let Some(problem) = size_problem(bytes.len() as u64) {
        return Found { problems: vec![problem], ..Found::refused(ProblemKind::TooLarge, String::new()) };
    }
    if zip::looks_like(bytes) {
        return match zip::read(bytes) {
            Ok(files) => read_files(&files, open),
            Err(why) => Found::refused(ProblemKind::NotAnExport, format!("This .zip cannot be opened: {why}.")),
        };
    }
    read_one(name, bytes, open)
}

/// Reads a folder's files (or an archive's): brat pairs, Label Studio tasks with their
/// config, and every other file on its own.
pub fn read_files(files: &[File], open: Option<&Document>) -> Found {
    let base = |p: &str| p.rsplit('/').next().unwrap_or(p).to_owned();
    let mut found: Option<Found> = None;
    let mut merge = |f: Found| match &mut found {
        None => found = Some(f),
        Some(all) => all.add(f),
    };
    let mut used = vec![false; files.len()];
    if brat::looks_like(files) {
        merge(Found::many(Format::Brat, brat::import(files)));
        for (i, f) in files.iter().enumerate() {
            let stem = f.path.trim_end_matches(".ann").trim_end_matches(".txt");
            let paired = files.iter().any(|g| g.path == format!("{stem}.ann")) && files.iter().any(|g| g.path == format!("{stem}.txt"));
            if paired || base(&f.path).ends_with(".conf") {
                used[i] = true;
            }
        }
    }
    let config = files.iter().position(|f| base(&f.path) == "config.xml");
    let labels = config.and_then(|i| std::str::from_utf8(&files[i].bytes).ok()).map(label_studio::read_config).unwrap_or_default();
    if let Some(i) = config {
        used[i] = true;
    }
    for (i, f) in files.iter().enumerate() {
        let name = base(&f.path);
        if used[i] || name == "TypeSystem.xml" || name.starts_with('.') {
            continue;
        }
        match detect(&f.bytes) {
            Some(Format::LabelStudio) => {
                let value = parse_json_or_lines(&f.bytes);
                merge(Found::many(Format::LabelStudio, label_studio::import(&value, &labels)));
            }
            _ => merge(read_one(&name, &f.bytes, open)),
        }
    }
    let mut found = found.unwrap_or_else(|| Found::refused(ProblemKind::Missing, "The folder holds no file Marginalia reads.".into()));
    found.bundle = found.bundle || found.documents.len() > 1;
    found
}

/// JSON, or JSON Lines as an array.
fn parse_json_or_lines(bytes: &[u8]) -> Value {
    let text = String::from_utf8_lossy(bytes);
    serde_json::from_str(text.trim_start_matches('\u{feff}')).unwrap_or_else(|_| Value::Array(text.lines().filter(|l| !l.trim().is_empty()).filter_map(|l| serde_json::from_str(l).ok()).collect()))
}

fn read_one(name: &str, bytes: &[u8], open: Option<&Document>) -> Found {
    let Ok(text) = std::str::from_utf8(bytes) else {
        if spacy::looks_like(bytes) {
            return Found::many(Format::Spacy, spacy::import(bytes, name));
        }
        // Our importer says it in its words ("not a text file").
        return Found::one(Format::Marginalia, check_file(bytes));
    };
    // A JSON file is parsed once: to tell its format, then to read it (a 20,000-annotation
    // export takes about 80 ms to parse in the browser).
    let whole = json_body(text).and_then(|body| serde_json::from_str::<Value>(body).ok());
    let format = match &whole {
        Some(value) => json_format(value),
        None => detect(bytes),
    };
    match format {
        Some(Format::Spacy) => Found::many(Format::Spacy, spacy::import(bytes, name)),
        Some(Format::Text) => Found::one(Format::Text, plain::import(text)),
        Some(Format::UimaXmi) => Found::one(Format::UimaXmi, uima::import_xmi(text, name)),
        Some(Format::Marginalia) if is_bundle(name, bytes) => Found::many(Format::Marginalia, check_bundle(bytes)),
        Some(Format::Marginalia) => Found::one(Format::Marginalia, match &whole {
            Some(value) => check_parsed(value, bytes.len()),
            None => check_file(bytes),
        }),
        Some(format) => {
            let value = whole.unwrap_or_else(|| parse_json_or_lines(bytes));
            match format {
                Format::UimaJson => Found::one(format, uima::import_json(&value, name)),
                Format::LabelStudio => Found::many(format, label_studio::import(&value, &[])),
                Format::W3c => Found::one(format, w3c::import(&value, name, open)),
                Format::Citron => Found::one(format, citron::import(&value, name)),
                _ => unreachable!("detect only names formats it can read"),
            }
        }
        None if text.trim_start().starts_with('<') => {
            Found::refused(ProblemKind::NotAnExport, "This is XML, but not a UIMA CAS (XMI); Marginalia reads XML only as that.".into())
        }
        None if whole.is_some() => Found::refused(
            ProblemKind::NotAnExport,
            "This is JSON, but none of the formats Marginalia reads (Marginalia, W3C Web Annotation, Label Studio, UIMA CAS JSON, BBC Citron, spaCy).".into(),
        ),
        // Broken JSON: our importer places the syntax error.
        None => Found::one(Format::Marginalia, check_file(bytes)),
    }
}

/// Reads `files` as `format` (the command line's `--from`).
pub fn read_as(format: Format, files: &[File], open: Option<&Document>) -> Found {
    let name = files.first().map_or("", |f| f.path.rsplit('/').next().unwrap_or(&f.path));
    let bytes = files.first().map_or(&[][..], |f| f.bytes.as_slice());
    let text = || std::str::from_utf8(bytes).unwrap_or("");
    match format {
        Format::Brat => Found::many(format, brat::import(files)),
        Format::LabelStudio => {
            let labels = files.iter().find(|f| f.path.ends_with("config.xml")).and_then(|f| std::str::from_utf8(&f.bytes).ok()).map(label_studio::read_config).unwrap_or_default();
            let tasks = files.iter().find(|f| !f.path.ends_with(".xml")).map_or(Value::Null, |f| parse_json_or_lines(&f.bytes));
            Found::many(format, label_studio::import(&tasks, &labels))
        }
        Format::Spacy => Found::many(format, spacy::import(bytes, name)),
        Format::UimaXmi => {
            // The `.xmi` files, or, when none is so named (`--from uima-xmi doc.xml`),
            // every file but the type system.
            let named: Vec<&File> = files.iter().filter(|f| f.path.ends_with(".xmi")).collect();
            let xmi = if named.is_empty() { files.iter().filter(|f| !f.path.ends_with("TypeSystem.xml")).collect() } else { named };
            let mut all: Option<Found> = None;
            for f in xmi {
                let one = Found::one(format, uima::import_xmi(std::str::from_utf8(&f.bytes).unwrap_or(""), f.path.rsplit('/').next().unwrap_or(&f.path)));
                match &mut all {
                    None => all = Some(one),
                    Some(a) => a.add(one),
                }
            }
            all.unwrap_or_else(|| Found::refused(ProblemKind::Missing, "There is no .xmi file here.".into()))
        }
        Format::UimaJson => Found::one(format, uima::import_json(&parse_json_or_lines(bytes), name)),
        Format::W3c => Found::one(format, w3c::import(&parse_json_or_lines(bytes), name, open)),
        Format::Citron => Found::one(format, citron::import(&parse_json_or_lines(bytes), name)),
        Format::Text => Found::one(format, plain::import(text())),
        Format::Marginalia if is_bundle(name, bytes) => Found::many(format, check_bundle(bytes)),
        Format::Marginalia => Found::one(format, check_file(bytes)),
        Format::Prodigy | Format::Conll | Format::Doccano => {
            Found::refused(ProblemKind::Unsupported, format!("Marginalia writes {} but does not read it.", format.name()))
        }
    }
}
