//! `marginalia convert INPUT --to FORMAT [--from FORMAT] [-o OUT] [--utf16] [--keep-valid]
//! [--onto DOC]`:
//! any format Marginalia reads to any it writes (`core::formats`), the same code as the
//! app's import and export.
//!
//! INPUT is a file, a `.zip`, a folder (brat, Label Studio, UIMA XMI) or `-` (standard
//! input); `--from` defaults to recognising it by content. A bundle converts every document.
//! For `brat`, `uima-xmi` and `label-studio`, OUT is a folder (created if missing) that
//! receives the files; otherwise a file, or standard output with `-` or no `-o`. What the
//! target format cannot hold is said on standard error. A refused input (any problem) exits
//! with status 2 and its problems on standard error, unless `--keep-valid` converts the
//! valid part. `--onto DOC` (a Marginalia file) gives the text that annotations without a
//! text of their own (W3C Web Annotation) are placed on.

use crate::core::formats::losses::say;
use crate::core::formats::read::{read, read_as, read_files, Found};
use crate::core::formats::{export, File, Format, Options};
use std::path::Path;

/// What the command was asked.
pub struct Request<'a> {
    /// The input path, or `-`.
    pub input: &'a str,
    /// The input bytes when the input is standard input.
    pub stdin: Option<Vec<u8>>,
    /// `--from`.
    pub from: Option<Format>,
    /// `--to`.
    pub to: Format,
    /// `-o`.
    pub output: Option<&'a str>,
    /// `--utf16`.
    pub utf16: bool,
    /// `--keep-valid`.
    pub keep_valid: bool,
    /// `--onto`: the document annotations without a text of their own annotate.
    pub onto: Option<crate::core::document::Document>,
    /// The export time.
    pub now: String,
}

/// The files of a folder, with paths relative to it.
fn folder(dir: &Path) -> Result<Vec<File>, String> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let mut entries: Vec<_> = std::fs::read_dir(&d).map_err(|e| format!("{}: {e}", d.display()))?.filter_map(Result::ok).map(|e| e.path()).collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                stack.push(path);
            } else {
                let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
                let rel = path.strip_prefix(dir).unwrap_or(&path).to_string_lossy().replace('\\', "/");
                files.push(File { path: rel, bytes });
            }
        }
    }
    Ok(files)
}

/// Reads the input as the request says.
fn read_input(r: &Request) -> Result<Found, String> {
    let path = Path::new(r.input);
    let files = if let Some(bytes) = &r.stdin {
        vec![File { path: "stdin".into(), bytes: bytes.clone() }]
    } else if path.is_dir() {
        folder(path)?
    } else {
        let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", r.input))?;
        let name = path.file_name().map_or_else(|| r.input.to_owned(), |n| n.to_string_lossy().into_owned());
        vec![File { path: name, bytes }]
    };
    let onto = r.onto.as_ref();
    Ok(match (r.from, path.is_dir() && r.stdin.is_none()) {
        (Some(format), _) => read_as(format, &files, onto),
        (None, true) => read_files(&files, onto),
        (None, false) => read(&files[0].path, &files[0].bytes, onto),
    })
}

/// Runs the conversion; `Err` is the message and the exit status.
pub fn run(r: &Request) -> Result<Vec<String>, (String, i32)> {
    let found = read_input(r).map_err(|e| (e, 2))?;
    let mut notes = Vec::new();
    if !found.problems.is_empty() {
        let list: Vec<String> = found.problems.iter().map(|p| format!("  {p}")).collect();
        let message = format!("{} has {} problem(s):\n{}", r.input, found.problems.len(), list.join("\n"));
        if !r.keep_valid || found.documents.is_empty() {
            let hint = if found.documents.is_empty() { "" } else { "\n(--keep-valid converts the valid part)" };
            return Err((format!("{message}{hint}"), 2));
        }
        notes.push(format!("{message}\nconverting the valid part ({} item(s) left out)", found.dropped));
    }
    if let Some(f) = found.format {
        notes.push(format!("read as {}", f.name()));
    }
    let docs: Vec<_> = found.documents.iter().map(|i| &i.doc).collect();
    if !r.to.exports() {
        return Err((format!("Marginalia reads {} but does not write it", r.to.name()), 2));
    }
    for d in &docs {
        let said = say(r.to, &[d]);
        if !said.starts_with("Everything") {
            notes.push(format!("“{}”: {said}", d.title));
        }
    }
    let files = export(r.to, &docs, &Options { utf16: r.utf16, exported_at: r.now.clone() });
    match (r.to.is_folder() || files.len() > 1, r.output) {
        (true, None | Some("-")) => return Err((format!("{} writes several files: give a folder with -o", r.to.name()), 2)),
        (true, Some(dir)) => {
            std::fs::create_dir_all(dir).map_err(|e| (format!("{dir}: {e}"), 2))?;
            for f in &files {
                let path = Path::new(dir).join(&f.path);
                std::fs::write(&path, &f.bytes).map_err(|e| (format!("{}: {e}", path.display()), 2))?;
            }
            notes.push(format!("wrote {} file(s) to {dir}", files.len()));
        }
        (false, None | Some("-")) => {
            use std::io::Write;
            std::io::stdout().write_all(&files[0].bytes).map_err(|e| (format!("writing: {e}"), 2))?;
        }
        (false, Some(out)) => std::fs::write(out, &files[0].bytes).map_err(|e| (format!("{out}: {e}"), 2))?,
    }
    Ok(notes)
}
