//! The field's exchange formats: every format Marginalia writes and reads besides its own
//! (`core::export`, `core::import`), one module each, each specified in its module's doc
//! comment (fields, offset unit, what is lost). The same code serves the app and the
//! command line (`marginalia convert`).
//!
//! | format | module | direction | offsets | several documents |
//! |---|---|---|---|---|
//! | Marginalia JSON | `core::export` / `core::import` | both | code points | JSON Lines bundle |
//! | W3C Web Annotation | [`w3c`] | both | code points (UTF-16 on request) | one collection per document |
//! | brat standoff | [`brat`] | both | code points | one `.txt`/`.ann` pair per document |
//! | spaCy DocBin | [`spacy`] | both | tokens (and code points) | yes |
//! | Prodigy JSONL | [`prodigy`] | export | code points and tokens | one line per document |
//! | Label Studio | [`label_studio`] | both | code points | one task per document |
//! | UIMA CAS XMI | [`uima`] | both | UTF-16 code units | one `.xmi` per document |
//! | UIMA CAS JSON | [`uima`] | both | UTF-16 code units | one file per document |
//! | CoNLL-2003 IOB2 | [`conll`] | export | tokens | `-DOCSTART-` between documents |
//! | BBC Citron | [`citron`] | both | code points | one file per document |
//! | doccano JSONL | [`doccano`] | export | code points | one line per document |
//! | plain text | [`plain`] | import | — | one document |
//!
//! What a revision of the text leaves (`core::revisions`: review flags, orphans, the
//! revision record) is kept by Marginalia's own format only; every other format counts it
//! among its losses (`losses`).
//!
//! An export is a list of [`File`]s (a path inside the export's folder and its bytes); the
//! app downloads one file as it is and several as one `.zip` ([`zip`]). An import reads a
//! list of files (a file, a `.zip`, a folder), recognised by content ([`detect`]), into
//! documents checked like our own files ([`draft::assemble`]): every problem placed, the
//! valid part offered, nothing changed on a refusal.

pub mod brat;
pub mod citron;
pub mod conll;
pub mod doccano;
pub mod draft;
pub mod label_studio;
pub mod losses;
pub mod plain;
pub mod prodigy;
pub mod read;
pub mod spacy;
pub mod tokens;
pub mod uima;
pub mod w3c;
pub mod zip;

use super::document::Document;
use super::export::{file_stem, to_bundle, to_json};

/// One file of an export or an import.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct File {
    /// Its path inside the export's folder ("annotation.conf", "Rally.ann").
    pub path: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

impl File {
    /// A text file.
    pub fn text(path: impl Into<String>, text: impl Into<String>) -> File {
        File { path: path.into(), bytes: text.into().into_bytes() }
    }
}

/// A format Marginalia speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// Marginalia's own JSON (a bundle of several is JSON Lines).
    Marginalia,
    /// W3C Web Annotation, a JSON-LD AnnotationCollection.
    W3c,
    /// brat standoff: `.txt`, `.ann` and the configuration files.
    Brat,
    /// spaCy's DocBin (`.spacy`).
    Spacy,
    /// Prodigy-style JSON Lines.
    Prodigy,
    /// Label Studio tasks and labelling configuration.
    LabelStudio,
    /// UIMA CAS XMI with its type system (INCEpTION).
    UimaXmi,
    /// UIMA CAS JSON.
    UimaJson,
    /// CoNLL-2003, IOB2 tags.
    Conll,
    /// BBC Citron's quote JSON.
    Citron,
    /// doccano JSON Lines (sequence labelling with relations).
    Doccano,
    /// Plain text (`.txt`, `.md`): a new document.
    Text,
}

impl Format {
    /// Every format, in the order offered.
    pub const ALL: [Format; 12] = [
        Format::Marginalia,
        Format::W3c,
        Format::Brat,
        Format::Spacy,
        Format::Prodigy,
        Format::LabelStudio,
        Format::UimaXmi,
        Format::UimaJson,
        Format::Conll,
        Format::Citron,
        Format::Doccano,
        Format::Text,
    ];

    /// Its name on the command line (`--to brat`).
    pub fn id(self) -> &'static str {
        match self {
            Format::Marginalia => "marginalia",
            Format::W3c => "w3c",
            Format::Brat => "brat",
            Format::Spacy => "spacy",
            Format::Prodigy => "prodigy",
            Format::LabelStudio => "label-studio",
            Format::UimaXmi => "uima-xmi",
            Format::UimaJson => "uima-json",
            Format::Conll => "conll",
            Format::Citron => "citron",
            Format::Doccano => "doccano",
            Format::Text => "text",
        }
    }

    /// The format named `id` on the command line.
    pub fn from_id(id: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.id() == id)
    }

    /// Its name for people.
    pub fn name(self) -> &'static str {
        match self {
            Format::Marginalia => "Marginalia JSON",
            Format::W3c => "W3C Web Annotation",
            Format::Brat => "brat standoff",
            Format::Spacy => "spaCy DocBin",
            Format::Prodigy => "Prodigy JSONL",
            Format::LabelStudio => "Label Studio",
            Format::UimaXmi => "UIMA CAS XMI (INCEpTION)",
            Format::UimaJson => "UIMA CAS JSON",
            Format::Conll => "CoNLL-2003 IOB2",
            Format::Citron => "BBC Citron",
            Format::Doccano => "doccano JSONL",
            Format::Text => "plain text",
        }
    }

    /// What it is for, in a few words (the export dialog's hint, `marginalia convert`'s help).
    pub fn summary(self) -> &'static str {
        match self {
            Format::Marginalia => "everything, to open again in Marginalia",
            Format::W3c => "JSON-LD with position and quote selectors (Recogito, Hypothesis, Apache Annotator)",
            Format::Brat => "a .zip of .txt, .ann and brat's configuration files",
            Format::Spacy => "a DocBin for spaCy 3: entities, span groups, links in user data",
            Format::Prodigy => "JSON Lines: text, tokens, spans and relations",
            Format::LabelStudio => "a .zip of tasks.json and the labelling config",
            Format::UimaXmi => "a .zip of .xmi and TypeSystem.xml, to import into INCEpTION",
            Format::UimaJson => "UTF-16 offsets, for dkpro-cassis",
            Format::Conll => "one token a line with IOB2 tags: entities only",
            Format::Citron => "quotes with their cue, sources and contents",
            Format::Doccano => "JSON Lines: labels and relations",
            Format::Text => "the text alone",
        }
    }

    /// True if Marginalia writes it.
    pub fn exports(self) -> bool {
        self != Format::Text
    }

    /// True if Marginalia reads it.
    pub fn imports(self) -> bool {
        !matches!(self, Format::Prodigy | Format::Conll | Format::Doccano)
    }

    /// True if one export holds several files (a folder, or a `.zip` in the app).
    pub fn is_folder(self) -> bool {
        matches!(self, Format::Brat | Format::LabelStudio | Format::UimaXmi)
    }

    /// The file name ending of a one-file export (the app's download).
    pub fn extension(self) -> &'static str {
        match self {
            Format::Marginalia => "marginalia.json",
            Format::W3c => "w3c.jsonld",
            Format::Brat => "brat.zip",
            Format::Spacy => "spacy",
            Format::Prodigy => "prodigy.jsonl",
            Format::LabelStudio => "label-studio.zip",
            Format::UimaXmi => "uima-xmi.zip",
            Format::UimaJson => "uima.json",
            Format::Conll => "conll",
            Format::Citron => "citron.json",
            Format::Doccano => "doccano.jsonl",
            Format::Text => "txt",
        }
    }
}

/// How to export.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// W3C only: count positions in UTF-16 code units (for Recogito and Hypothesis).
    pub utf16: bool,
    /// When (RFC 3339, from the caller: the core reads no clock).
    pub exported_at: String,
}

/// Stems for several documents, made unique ("Rally", "Rally-2").
pub fn stems(docs: &[&Document]) -> Vec<String> {
    let mut seen: Vec<String> = Vec::new();
    docs.iter()
        .map(|d| {
            let base = file_stem(&d.title);
            let mut name = base.clone();
            let mut n = 1;
            while seen.iter().any(|s| s.eq_ignore_ascii_case(&name)) {
                n += 1;
                name = format!("{base}-{n}");
            }
            seen.push(name.clone());
            name
        })
        .collect()
}

/// Writes `docs` in `format`.
pub fn export(format: Format, docs: &[&Document], options: &Options) -> Vec<File> {
    let at = options.exported_at.as_str();
    match format {
        Format::Marginalia if docs.len() == 1 => vec![File::text(format!("{}.marginalia.json", file_stem(&docs[0].title)), to_json(docs[0], at))],
        Format::Marginalia => vec![File::text("library.marginalia.jsonl", to_bundle(docs.iter().copied(), at))],
        Format::W3c => w3c::export(docs, options),
        Format::Brat => brat::export(docs),
        Format::Spacy => spacy::export(docs),
        Format::Prodigy => prodigy::export(docs),
        Format::LabelStudio => label_studio::export(docs),
        Format::UimaXmi => uima::export_xmi(docs),
        Format::UimaJson => uima::export_json(docs),
        Format::Conll => conll::export(docs),
        Format::Citron => citron::export(docs),
        Format::Doccano => doccano::export(docs),
        Format::Text => docs.iter().zip(stems(docs)).map(|(d, s)| File::text(format!("{s}.txt"), d.text.as_str())).collect(),
    }
}

/// The one file the app downloads for an export of `docs` in `format`: the file itself
/// when the format writes one, else a `.zip` of the folder. Its name starts with the
/// document's title (`core::export::file_stem`), or `marginalia-library-<date>` for
/// several documents, and ends with the format's extension.
///
/// ```
/// use marginalia::core::fixture::document;
/// use marginalia::core::formats::{download, Format, Options};
/// let mut doc = document("[Person|Ana] said so.");
/// doc.title = "Ana: a profile".into();
/// let options = Options { utf16: false, exported_at: "2026-12-01T10:00:00Z".into() };
/// assert_eq!(download(Format::Brat, &[&doc], &options).path, "ana-a-profile.brat.zip");
/// assert_eq!(download(Format::Conll, &[&doc], &options).path, "ana-a-profile.conll");
/// assert_eq!(download(Format::Marginalia, &[&doc, &doc], &options).path, "marginalia-library-2026-12-01.marginalia.jsonl");
/// assert_eq!(download(Format::Citron, &[&doc, &doc], &options).path, "marginalia-library-2026-12-01.citron.zip");
/// ```
pub fn download(format: Format, docs: &[&Document], options: &Options) -> File {
    let base = match docs {
        [doc] => file_stem(&doc.title),
        _ => format!("marginalia-library-{}", options.exported_at.get(..10).unwrap_or("export")),
    };
    let mut files = export(format, docs, options);
    let extension = match format {
        Format::Marginalia if docs.len() != 1 => "marginalia.jsonl",
        _ => format.extension(),
    };
    match files.pop() {
        Some(file) if files.is_empty() && !format.is_folder() => File { path: format!("{base}.{extension}"), bytes: file.bytes },
        last => {
            files.extend(last);
            let extension = if format.is_folder() { extension.to_owned() } else { format!("{}.zip", format.id()) };
            File { path: format!("{base}.{extension}"), bytes: zip::write(&files) }
        }
    }
}

/// The one file the app downloads for "Export project…": the project's documents in
/// `format` with its schema. Marginalia JSON Lines carry the project on every line
/// (`core::export::to_project_bundle`); every other format is a `.zip` of its files and
/// `project.json` (`{"format": "marginalia-project", "name", "labels"}`, the labels as in
/// the Marginalia export). The name is the project's slug.
///
/// ```
/// use marginalia::core::fixture::document;
/// use marginalia::core::formats::{download_project, Format, Options};
/// use marginalia::core::projects::Project;
/// let doc = document("[Person|Ana] said so.");
/// let project = Project { id: "p2".into(), name: "Rights 2026".into(), labels: doc.labels.clone(), docs: vec![] };
/// let options = Options { utf16: false, exported_at: "2026-12-01T10:00:00Z".into() };
/// assert_eq!(download_project(Format::Marginalia, &[&doc], &options, &project).path, "rights-2026.marginalia.jsonl");
/// assert_eq!(download_project(Format::Conll, &[&doc, &doc], &options, &project).path, "rights-2026.conll.zip");
/// ```
pub fn download_project(format: Format, docs: &[&Document], options: &Options, project: &super::projects::Project) -> File {
    let base = file_stem(&project.name);
    if format == Format::Marginalia {
        return File::text(format!("{base}.marginalia.jsonl"), super::export::to_project_bundle(docs.iter().copied(), &options.exported_at, &project.name, &project.labels));
    }
    let mut files = export(format, docs, options);
    let about = serde_json::json!({ "format": "marginalia-project", "name": project.name, "labels": project.labels.to_vec() });
    files.push(File::text("project.json", format!("{}\n", serde_json::to_string_pretty(&about).expect("labels always serialise"))));
    let extension = if format.is_folder() { format.extension().to_owned() } else { format!("{}.zip", format.id()) };
    File { path: format!("{base}.{extension}"), bytes: zip::write(&files) }
}

/// The media type of a download named `name` (see [`download`]).
pub fn media_type(name: &str) -> &'static str {
    match name.rsplit('.').next().unwrap_or("") {
        "zip" => "application/zip",
        "json" => "application/json",
        "jsonld" => "application/ld+json",
        "jsonl" => "application/x-ndjson",
        "spacy" => "application/octet-stream",
        _ => "text/plain",
    }
}
