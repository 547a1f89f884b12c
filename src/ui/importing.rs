//! Importing a file: read it, check it with a progress bar, ask the user when it is
//! broken (keep the valid part?) or its text is already in the library (merge, replace or
//! keep both), then open, merge, replace or add. Nothing changes before every check has
//! passed or the user has chosen.

use super::autosave::StorageSlot;
use super::state::AppState;
use crate::core::import::{bundle_lines, check_bundle_line, check_file, is_bundle, CheckedBundle, Imported, Problem, ProblemKind, MAX_FILE_BYTES};
use crate::core::library::{parse_entries, record, twin, Record};
use crate::core::library_history::LibraryOp;
use crate::core::pending::{Choice, PendingImport, Question, Twin};
use crate::core::ids::{DocNumber, Id};
use crate::core::store::Action;
use crate::core::state::{Notice, Progress};
use crate::glue;
use crate::glue::storage::Storage;
use yew::platform::spawn_local;
use yew::UseReducerHandle;

type Handle = UseReducerHandle<AppState>;

/// Checking a bundle yields to the browser after this many milliseconds of work, so the
/// progress bar moves and the tab stays responsive.
const SLICE_MS: f64 = 40.0;

/// Reads, checks and imports a file the user picked or dropped.
pub fn import(state: Handle, storage: StorageSlot, file: web_sys::File) {
    let name = file.name();
    let size = file.size();
    spawn_local(async move {
        let progress = |what: String, done: usize, total: usize| Action::Progress(Some(Progress { what, done, total }));
        if size > MAX_FILE_BYTES as f64 {
            let problems = vec![Problem {
                place: "file".into(),
                kind: ProblemKind::TooLarge,
                message: format!("The file is {} MB; the limit is {} MB.", (size / 1e6) as u64, MAX_FILE_BYTES / 1_000_000),
            }];
            return state.dispatch(Action::ImportFailed { file: name, problems });
        }
        state.dispatch(progress(format!("Reading “{name}” ({:.1} MB)", size / 1e6), 0, 0));
        let bytes = match glue::read_file(file).await {
            Ok(bytes) => bytes,
            Err(why) => {
                let problems = vec![Problem { place: "file".into(), kind: ProblemKind::Unreadable, message: format!("The browser could not read it: {why}.") }];
                return state.dispatch(Action::ImportFailed { file: name, problems });
            }
        };
        if is_bundle(&name, &bytes) {
            let lines: Vec<_> = bundle_lines(&bytes).collect();
            let mut checked = CheckedBundle::default();
            let mut slice_start = glue::now_ms();
            for (i, (number, line)) in lines.iter().enumerate() {
                if glue::now_ms() - slice_start > SLICE_MS {
                    state.dispatch(progress(format!("Checking “{name}”: document {} of {}", i + 1, lines.len()), i, lines.len()));
                    glue::pause().await;
                    slice_start = glue::now_ms();
                }
                checked.add(check_bundle_line(*number, line));
            }
            let CheckedBundle { documents, problems, dropped } = checked.finish();
            return decide(state, storage, name, documents, problems, dropped, true).await;
        }
        state.dispatch(progress(format!("Checking “{name}”"), 0, 0));
        glue::pause().await;
        let checked = check_file(&bytes);
        let documents = checked.imported.into_iter().collect();
        decide(state, storage, name, documents, checked.problems, checked.dropped, false).await;
    });
}

/// After checking: refuse, offer the valid part, or go on.
async fn decide(
    state: Handle,
    storage: StorageSlot,
    file: String,
    documents: Vec<Imported>,
    problems: Vec<Problem>,
    dropped: usize,
    bundle: bool,
) {
    match (problems.is_empty(), documents.is_empty()) {
        (true, _) => proceed(state, storage, file, documents, bundle).await,
        (false, true) => state.dispatch(Action::ImportFailed { file, problems }),
        (false, false) => {
            let question = Question::KeepValidPart { documents, problems, dropped, bundle };
            state.dispatch(Action::AskImport(Box::new(PendingImport { file, question })));
        }
    }
}

/// Imports sound documents: asks first about any whose text is already in the library.
async fn proceed(state: Handle, storage: StorageSlot, file: String, mut documents: Vec<Imported>, bundle: bool) {
    let entries = match storage.get() {
        Some(store) => parse_entries(&store.entries().await.unwrap_or_default()),
        None => Vec::new(),
    };
    let twin_of = |imported: &Imported| -> Option<Twin> {
        let sha = imported.doc.text.sha256_hex();
        if state.doc.text.sha256_hex() == sha && !state.doc.text.is_empty() {
            return Some(Twin { number: state.doc_number, title: state.doc.title.clone(), open: true });
        }
        twin(&entries, sha).map(|e| Twin { number: DocNumber::parse(&e.key).unwrap_or(DocNumber(0)), title: e.title.clone(), open: false })
    };
    if !bundle {
        let Some(imported) = documents.pop() else { return };
        return match twin_of(&imported) {
            Some(twin) => {
                let question = Question::SameText { imported, twin };
                state.dispatch(Action::AskImport(Box::new(PendingImport { file, question })));
            }
            None => open_new(&state, &storage, imported, file),
        };
    }
    let documents: Vec<(Imported, Option<Twin>)> = documents.into_iter().map(|i| {
        let twin = twin_of(&i);
        (i, twin)
    }).collect();
    if documents.iter().any(|(_, twin)| twin.is_some()) {
        let question = Question::BundleTwins { documents };
        return state.dispatch(Action::AskImport(Box::new(PendingImport { file, question })));
    }
    add_all(state, storage, file, documents.into_iter().map(|(i, _)| i).collect()).await;
}

/// Carries out the user's answer to the pending question.
pub fn choose(state: Handle, storage: StorageSlot, choice: Choice) {
    let Some(pending) = state.pending.clone() else { return };
    let file = pending.file.clone();
    if choice == Choice::Cancel {
        return state.dispatch(Action::CancelImport);
    }
    spawn_local(async move {
        match (&pending.question, choice) {
            (Question::KeepValidPart { documents, bundle, .. }, Choice::KeepValidPart) => {
                proceed(state, storage, file, documents.clone(), *bundle).await
            }
            (Question::SameText { imported, twin }, Choice::Merge | Choice::Replace) => {
                if !twin.open {
                    let Some(store) = storage.get() else {
                        return refuse(&state, "This browser's storage is not available, so the library's document cannot be opened.".into());
                    };
                    match load(&store, twin.number).await {
                        Ok(doc) => {
                            storage.flush(&state.0);
                            state.dispatch(Action::OpenStored { imported: Box::new(doc), doc_number: twin.number });
                        }
                        Err(why) => return refuse(&state, format!("“{}” could not be opened to merge into: {why}.", twin.title)),
                    }
                }
                let imported = Box::new(imported.clone());
                state.dispatch(Action::ImportInto { imported, file, replace: choice == Choice::Replace });
            }
            (Question::SameText { imported, .. }, Choice::KeepBoth) => open_new(&state, &storage, imported.clone(), file),
            (Question::BundleTwins { documents }, Choice::KeepBoth | Choice::SkipExisting) => {
                let chosen = documents
                    .iter()
                    .filter(|(_, twin)| choice == Choice::KeepBoth || twin.is_none())
                    .map(|(i, _)| i.clone())
                    .collect();
                add_all(state, storage, file, chosen).await;
            }
            _ => {}
        }
    });
}

/// Opens a file's document as a new document (undoable: see `core::library_history`).
/// Without storage the open document cannot be kept in the library, so the user is asked
/// before it is replaced.
fn open_new(state: &Handle, storage: &StorageSlot, imported: Imported, file: String) {
    let annotations = state.doc.annotations.len();
    if storage.get().is_none()
        && annotations > 0
        && !glue::confirm(&format!(
            "This browser cannot keep documents, so opening “{file}” discards this one and its {annotations} annotation(s). Export first if you want to keep them. Open it?"
        ))
    {
        return state.dispatch(Action::CancelImport);
    }
    storage.flush(&state.0);
    state.dispatch(Action::OpenImported { imported: Box::new(imported), file });
}

/// Adds documents to the library, each under a new number; nothing is overwritten.
async fn add_all(state: Handle, storage: StorageSlot, file: String, documents: Vec<Imported>) {
    let Some(store) = storage.get() else {
        let problems = vec![Problem { place: "library".into(), kind: ProblemKind::NoStorage, message: "This browser's storage is not available, so a bundle cannot be added to the library.".into() }];
        return state.dispatch(Action::ImportFailed { file, problems });
    };
    if documents.is_empty() {
        state.dispatch(Action::CancelImport);
        let text = format!("Nothing was added: every document in “{file}” is already in the library.");
        return state.dispatch(Action::Notify(Notice::info(text)));
    }
    let first = state.next_doc_number;
    let now = glue::now_rfc3339();
    let mut added: Vec<Record> = Vec::new();
    let total = documents.len();
    let mut failure = None;
    for (i, imported) in documents.iter().enumerate() {
        state.dispatch(Action::TakeDocNumber);
        state.dispatch(Action::Progress(Some(Progress { what: format!("Adding “{file}” to the library"), done: i, total })));
        let record = record(&imported.doc, &DocNumber(first.0 + i as u64).to_string(), &now);
        if let Err(why) = store.put_record(&record).await {
            failure = Some(why);
            break;
        }
        added.push(record);
    }
    state.dispatch(Action::Progress(None));
    let what = format!("{} document(s) from “{file}”", added.len());
    if !added.is_empty() {
        state.dispatch(Action::LibraryDone(LibraryOp::Added { what, records: added }));
    }
    if let Some(why) = failure {
        refuse(&state, format!("“{file}”: only some of its {total} document(s) were added to the library, then: {why}."));
    }
}

/// Reads library document `number` back, checked.
pub async fn load(store: &Storage, number: DocNumber) -> Result<Imported, String> {
    load_key(store, &number.to_string()).await.map(|(_, imported)| imported)
}

/// Reads the library document under `key` back, checked, with its stored JSON.
pub async fn load_key(store: &Storage, key: &str) -> Result<(String, Imported), String> {
    let json = store.document(key).await?.ok_or("it is no longer in the library")?;
    let imported = crate::core::import::read_file(json.as_bytes()).map_err(|p| p.first().map(ToString::to_string).unwrap_or_default())?;
    Ok((json, imported))
}

/// Shows why something was not done.
pub fn refuse(state: &Handle, text: String) {
    state.dispatch(Action::Notify(Notice::error(text)));
}
