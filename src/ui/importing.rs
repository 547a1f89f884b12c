//! Importing files: read them in whatever format they are (`core::formats::read`; a
//! Marginalia bundle is checked in slices, with a progress bar), then
//! carry out what `core::import_plan` decides: refuse, ask (`core::pending`), open as a new
//! document, add to the library, or merge into or replace a document with the same text.
//! Nothing changes before every check has passed or the user has chosen.

use super::workflow::Workflow;
use crate::core::ids::DocNumber;
use crate::core::formats::{self, read::detect, File, Format};
use crate::core::import::{bundle_lines, check_bundle_line, is_bundle, read_file, size_problem, CheckedBundle, Imported, Problem, ProblemKind};
use crate::core::import_plan::{answer, plan, Found, Step};
use crate::core::library::{parse_entries, record, Entry, Record};
use crate::core::library_history::LibraryOp;
use crate::core::pending::Choice;
use crate::core::state::Progress;
use crate::core::store::Action;
use crate::glue;
use crate::glue::storage::Storage;
use yew::platform::spawn_local;

/// Checking a bundle yields to the browser after this many milliseconds of work, so the
/// progress bar moves and the tab stays responsive.
const SLICE_MS: f64 = 40.0;

fn progress(what: String, done: usize, total: usize) -> Action {
    Action::Progress(Some(Progress { what, done, total }))
}

/// Reads, checks and imports the files the user picked or dropped: one file (a `.zip`
/// is opened) or several at once (a brat folder's `.txt` and `.ann` files), in any format
/// Marginalia reads, recognised by content.
pub fn import(flow: Workflow, files: Vec<web_sys::File>) {
    let name = match files.as_slice() {
        [file] => file.name(),
        _ => format!("{} files", files.len()),
    };
    let size: f64 = files.iter().map(|f| f.size()).sum();
    spawn_local(async move {
        if let Some(problem) = size_problem(size as u64) {
            return flow.dispatch(Action::ImportFailed { file: name, problems: vec![problem] });
        }
        flow.dispatch(progress(format!("Reading “{name}” ({:.1} MB)", size / 1e6), 0, 0));
        let mut read = Vec::new();
        for file in files {
            let path = file.name();
            match glue::read_file(file).await {
                Ok(bytes) => read.push(File { path, bytes }),
                Err(why) => {
                    let problems = vec![Problem { place: path, kind: ProblemKind::Unreadable, message: format!("The browser could not read it: {why}.") }];
                    return flow.dispatch(Action::ImportFailed { file: name, problems });
                }
            }
        }
        let found = match read.as_slice() {
            [one] if is_bundle(&one.path, &one.bytes) && detect(&one.bytes) == Some(Format::Marginalia) => check_sliced(&flow, &name, &one.bytes).await,
            files => {
                flow.dispatch(progress(format!("Checking “{name}”"), 0, 0));
                glue::pause().await;
                // A W3C file without the text annotates the open document.
                let open = flow.read(|state| state.doc.clone());
                let open = (!open.text.is_empty()).then_some(open.as_ref());
                let found = match files {
                    [one] => formats::read::read(&one.path, &one.bytes, open),
                    files => formats::read::read_files(files, open),
                };
                Found::read(name, found)
            }
        };
        let entries = entries(&flow).await;
        let step = flow.read(|state| plan(found, state, &entries));
        carry_out(flow, step).await;
    });
}

/// Checks a Marginalia bundle (JSON Lines) a slice at a time, with a progress bar.
async fn check_sliced(flow: &Workflow, name: &str, bytes: &[u8]) -> Found {
    let lines: Vec<_> = bundle_lines(bytes).collect();
    let mut checked = CheckedBundle::default();
    let mut slice_start = glue::now_ms();
    for (i, (number, line)) in lines.iter().enumerate() {
        if glue::now_ms() - slice_start > SLICE_MS {
            flow.dispatch(progress(format!("Checking “{name}”: document {} of {}", i + 1, lines.len()), i, lines.len()));
            glue::pause().await;
            slice_start = glue::now_ms();
        }
        checked.add(check_bundle_line(*number, line));
    }
    let CheckedBundle { documents, problems, dropped } = checked.finish();
    Found { file: name.to_owned(), documents, problems, dropped, bundle: true }
}

/// Carries out the user's answer to the pending question.
pub fn choose(flow: Workflow, choice: Choice) {
    let Some(pending) = flow.read(|state| state.pending.clone()) else { return };
    if choice == Choice::Cancel {
        return flow.dispatch(Action::CancelImport);
    }
    spawn_local(async move {
        let entries = entries(&flow).await;
        let step = flow.read(|state| answer(&pending, choice, state, &entries));
        carry_out(flow, step).await;
    });
}

/// The library's index, or none where the browser keeps no library.
async fn entries(flow: &Workflow) -> Vec<Entry> {
    match flow.storage().get() {
        Some(store) => parse_entries(&store.entries().await.unwrap_or_default()),
        None => Vec::new(),
    }
}

/// Does what the plan says.
async fn carry_out(flow: Workflow, step: Step) {
    match step {
        Step::Dispatch(actions) => actions.into_iter().for_each(|a| flow.dispatch(a)),
        Step::OpenNew { imported, file } => open_new(&flow, imported, file),
        Step::AddToLibrary { file, documents } => add_all(&flow, file, documents).await,
        Step::Revise { text, .. } => flow.dispatch(Action::ReviseText { text, at: glue::now_rfc3339() }),
        Step::IntoTwin { imported, file, twin, replace } => {
            if !twin.open {
                let Some(store) = flow.storage().get() else {
                    return flow.refuse("This browser's storage is not available, so the library's document cannot be opened.".into());
                };
                match load(&store, twin.number).await {
                    Ok(doc) => {
                        flow.flush();
                        flow.dispatch(Action::OpenStored { imported: Box::new(doc), doc_number: twin.number });
                    }
                    Err(why) => return flow.refuse(format!("“{}” could not be opened to merge into: {why}.", twin.title)),
                }
            }
            flow.dispatch(Action::ImportInto { imported: Box::new(imported), file, replace });
        }
    }
}

/// Opens a file's document as a new document (undoable: see `core::library_history`).
/// Without storage the open document cannot be kept in the library, so the user is asked
/// before it is replaced.
fn open_new(flow: &Workflow, imported: Imported, file: String) {
    let annotations = flow.read(|state| state.doc.annotations.len());
    if flow.storage().peek().is_none()
        && annotations > 0
        && !glue::confirm(&format!(
            "This browser cannot keep documents, so opening “{file}” discards this one and its {annotations} annotation(s). Export first if you want to keep them. Open it?"
        ))
    {
        return flow.dispatch(Action::CancelImport);
    }
    flow.flush();
    flow.dispatch(Action::OpenImported { imported: Box::new(imported), file });
}

/// Adds documents to the library, each under a new number; nothing is overwritten.
async fn add_all(flow: &Workflow, file: String, documents: Vec<Imported>) {
    let Some(store) = flow.storage().get() else {
        let problems = vec![Problem {
            place: "library".into(),
            kind: ProblemKind::NoStorage,
            message: "This browser's storage is not available, so a bundle cannot be added to the library.".into(),
        }];
        return flow.dispatch(Action::ImportFailed { file, problems });
    };
    let first = flow.read(|state| state.next_doc_number);
    let now = glue::now_rfc3339();
    let mut added: Vec<Record> = Vec::new();
    let total = documents.len();
    let mut failure = None;
    for (i, imported) in documents.iter().enumerate() {
        flow.dispatch(Action::TakeDocNumber);
        flow.dispatch(progress(format!("Adding “{file}” to the library"), i, total));
        let record = record(&imported.doc, &DocNumber(first.0 + i as u64).to_string(), &now);
        if let Err(why) = store.put_record(&record).await {
            failure = Some(why);
            break;
        }
        added.push(record);
    }
    flow.dispatch(Action::Progress(None));
    // A project bundle's documents join their project (made with its schema if new).
    let mut joining: Vec<((String, crate::core::labels::LabelSet), Vec<String>)> = Vec::new();
    for (imported, record) in documents.iter().zip(&added) {
        let Some(project) = &imported.project else { continue };
        match joining.iter_mut().find(|(p, _)| p.0 == project.0) {
            Some((_, keys)) => keys.push(record.key.clone()),
            None => joining.push((project.clone(), vec![record.key.clone()])),
        }
    }
    for ((name, labels), keys) in joining {
        flow.dispatch(Action::Project(crate::core::reduce::projects::ProjectCommand::Join { name, labels, keys }));
    }
    let what = format!("{} document(s) from “{file}”", added.len());
    if !added.is_empty() {
        flow.dispatch(Action::LibraryDone(LibraryOp::Added { what, records: added }));
    }
    if let Some(why) = failure {
        flow.refuse(format!("“{file}”: only some of its {total} document(s) were added to the library, then: {why}."));
    }
}

/// Reads library document `number` back, checked.
pub async fn load(store: &Storage, number: DocNumber) -> Result<Imported, String> {
    load_key(store, &number.to_string()).await.map(|(_, imported)| imported)
}

/// Reads the library document under `key` back, checked, with its stored JSON.
pub async fn load_key(store: &Storage, key: &str) -> Result<(String, Imported), String> {
    let json = store.document(key).await?.ok_or("it is no longer in the library")?;
    let imported = read_file(json.as_bytes()).map_err(|p| p.first().map(ToString::to_string).unwrap_or_default())?;
    Ok((json, imported))
}
