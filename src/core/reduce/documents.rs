//! `Action::LoadSample`, `Action::NewDocument`, `Action::EditText`,
//! `Action::PasteRevision`, `Action::CancelRevision`, `Action::Compare`,
//! `Action::StartAnnotating`, `Action::OpenImported`, `Action::ImportInto`,
//! `Action::OpenStored`, `Action::Restore`, `Action::LibraryDone` and
//! `Action::LibraryReplayed`: which document is open. Replacing the open document keeps
//! the history of the one it replaces; opening a file as a new document is a library
//! operation that undo takes back; a file with the open document's text is merged or
//! replaced as one undoable step (`core::merge`).

use super::refusal::Refusal;
use super::{changed, Reduced};
use crate::core::document::{title_from_text, Document};
use crate::core::edits::Staged;
use crate::core::ids::DocNumber;
use crate::core::import::Imported;
use crate::core::library_history::{Done, LibraryOp};
use crate::core::merge;
use crate::core::reduce::adjudicate::Session;
use crate::core::messages::{capitalise, preview};
use crate::core::state::{Mode, Reopen, Restored, State};
use crate::core::text::MAX_CHARS;
use std::rc::Rc;

/// Opens `doc` under `number`, or under a new number if `None`. The history of the
/// document it replaces is kept for when that one is opened again.
pub fn replace_document(state: &mut State, doc: Document, mode: Mode, number: Option<DocNumber>) {
    let history = std::mem::take(&mut state.history);
    if history.can_undo() || history.can_redo() {
        state.histories.insert(state.doc_number, history);
    }
    // A new document never overwrites the saved copy of the one it replaces, unless
    // that one is empty (a new document's box, replaced by the text pasted into it).
    let empty = state.doc.text.is_empty() && state.doc.annotations.is_empty();
    state.doc_number = match number {
        Some(n) => n,
        None if empty => state.doc_number,
        None => state.next_doc_number,
    };
    state.next_doc_number = state.next_doc_number.max(state.doc_number.next());
    state.history = state.histories.remove(&state.doc_number).unwrap_or_default();
    state.doc = Rc::new(doc);
    state.journal.begin();
    state.mode = mode;
    state.selected = None;
    state.picking = None;
    state.pending = None;
    state.progress = None;
}

/// Goes back to editing the text: in the article box if it has no annotations, else as a
/// revision (the annotations are carried over when it is applied).
pub fn edit_text(state: &mut State) -> Result<String, Refusal> {
    state.draft = Rc::from(state.doc.text.as_str());
    if state.doc.annotations.is_empty() && state.doc.orphans.is_empty() {
        state.mode = Mode::Editing;
        return Ok("Editing the text.".into());
    }
    state.mode = Mode::Revising;
    state.picking = None;
    Ok("Editing an annotated text: “Apply changes” carries every annotation over, or reports it.".into())
}

/// Starts a revision with an empty article box, for a revised version to paste in.
pub fn paste_revision(state: &mut State) -> Result<String, Refusal> {
    state.draft = Rc::from("");
    state.mode = Mode::Revising;
    state.picking = None;
    Ok("Paste the revised article, then press “Apply changes”.".into())
}

/// Leaves a revision unapplied.
pub fn cancel_revision(state: &mut State) -> Result<String, Refusal> {
    if state.mode != Mode::Revising {
        return Ok(String::new());
    }
    state.mode = Mode::Annotating;
    state.draft = Rc::from("");
    Ok("Changes cancelled; the text is as it was.".into())
}

/// Starts annotating the pasted text `raw`; `replaced` broken characters were replaced
/// by U+FFFD on the way in.
pub fn start_annotating(state: &mut State, raw: &str, replaced: usize) -> Result<String, Refusal> {
    if raw.trim().is_empty() {
        return Err(Refusal::EmptyText);
    }
    let chars = raw.chars().count();
    if chars > MAX_CHARS {
        return Err(Refusal::TooLong { chars });
    }
    let mut doc = Document::new("", raw);
    doc.title = title_from_text(doc.text.as_str());
    // The text starts with the labels of the box it was pasted into (a new document's are
    // its project's).
    doc.labels = state.doc.labels.clone();
    let title = doc.title.clone();
    let mut message = format!("Ready to annotate “{title}”: select text, then press a label.");
    if replaced > 0 {
        message = format!("{replaced} broken character(s) (unpaired surrogates) were replaced by �. {message}");
    }
    state.draft = Rc::from(raw);
    replace_document(state, doc, Mode::Annotating, None);
    Ok(message)
}

/// Opens a checked file as a new document, recorded as a library operation (undo
/// deletes it and reopens the document open before).
pub fn open_imported(state: &mut State, imported: Imported, file: String) -> String {
    let mut message = format!("Imported “{}” with {} annotation(s).{}", preview(&imported.doc.title), imported.doc.annotations.len(), imported.read_as_note());
    let Imported { doc, added_labels, .. } = imported;
    if !added_labels.is_empty() {
        message.push_str(&format!(" Labels used in the file but missing from its schema were added: {}.", added_labels.join(", ")));
    }
    let previous = (!(state.doc.text.is_empty() && state.doc.annotations.is_empty())).then_some(state.doc_number);
    replace_document(state, doc, Mode::Annotating, None);
    state.seq += 1;
    let op = LibraryOp::Opened { number: state.doc_number, previous, file, record: None };
    state.library.record(Done { seq: state.seq, op });
    message
}

/// Opens a comparison and its adjudicated document `doc` as a new document (a library
/// operation undo takes back, like a file opened).
pub fn open_comparison(state: &mut State, session: Session, doc: Document) -> String {
    let figures = &session.agreement;
    let pair = figures.pairs.first();
    let f1 = pair.and_then(|p| p.spans.get("")).and_then(|s| s.exact.f1).map_or("undefined".into(), |f| format!("{f:.3}"));
    let message = format!(
        "Comparing {} versions of “{}”: {} annotation(s) agree, {} disagreement(s); span F1 (exact) {f1}. Take all agreed, then decide each disagreement.",
        session.coders.len(),
        preview(&session.docs[0].title),
        session.comparison.agreed.len(),
        session.comparison.disagreements.len(),
    );
    let previous = (!(state.doc.text.is_empty() && state.doc.annotations.is_empty())).then_some(state.doc_number);
    replace_document(state, doc, Mode::Annotating, None);
    state.comparison = Some(Rc::new(session));
    state.seq += 1;
    let op = LibraryOp::Opened { number: state.doc_number, previous, file: "the comparison".into(), record: None };
    state.library.record(Done { seq: state.seq, op });
    message
}

/// Merges a file's document into the open document `doc`, which has the same text, or
/// replaces `doc`'s annotations, labels and title with the file's.
pub fn import_into(doc: &Document, imported: &Imported, file: &str, replace: bool) -> Reduced {
    if imported.doc.text.sha256_hex() != doc.text.sha256_hex() {
        return Err(Refusal::NotTheOpenText { file: file.to_owned() });
    }
    let plan = if replace { merge::replace(doc, &imported.doc) } else { merge::merge(doc, &imported.doc) };
    let message = if replace {
        format!("Replaced the annotations of “{}” with the {} of “{file}”.{}", preview(&doc.title), plan.added, imported.read_as_note())
    } else {
        format!(
            "Merged “{file}” into “{}”: {} annotation(s) added, {} already there.{}",
            preview(&doc.title),
            plan.added,
            plan.already_there,
            imported.read_as_note()
        )
    };
    changed(message, Staged { edits: plan.edits, next_id: plan.next_id, next_entity: plan.next_entity }, None)
}

/// Opens a document from the library under its own number.
pub fn open_stored(state: &mut State, imported: Imported, number: DocNumber) -> String {
    let message = format!("Opened “{}”.", preview(&imported.doc.title));
    replace_document(state, imported.doc, Mode::Annotating, Some(number));
    message
}

/// Records a library operation glue carried out, for undo; it settles any import that
/// was waiting (a bundle added after a choice).
pub fn library_done(state: &mut State, op: LibraryOp) -> String {
    state.pending = None;
    state.progress = None;
    state.seq += 1;
    if let LibraryOp::Added { records, .. } = &op {
        let projects = Rc::make_mut(&mut state.projects);
        for r in records {
            projects.adopt(&r.key);
        }
    }
    let message = format!("Done: {}. Undo (Ctrl+Z) takes it back.", op.description());
    state.library.record(Done { seq: state.seq, op });
    state.library_changes += 1;
    capitalise(&message)
}

/// Records that glue replayed the latest library operation (undo when `forward` is
/// false), opening the document it says.
pub fn library_replayed(state: &mut State, forward: bool, op: LibraryOp, open: Option<Box<Reopen>>) -> String {
    let description = op.description();
    state.library.replayed(forward, op);
    state.library_changes += 1;
    if let Some(reopen) = open {
        let Reopen { doc, number, editing } = *reopen;
        if editing {
            state.draft = Rc::from("");
        }
        replace_document(state, doc, if editing { Mode::Editing } else { Mode::Annotating }, Some(number));
    }
    capitalise(&format!("{}: {description}.", if forward { "Redone" } else { "Undone" }))
}

/// Reopens the work saved in this browser, as it was left.
pub fn restore(state: &mut State, restored: Restored) -> String {
    let Restored { imported, doc_number, next_doc_number, editing, draft, selected, log_problem, projects, .. } = restored;
    state.projects = Rc::new(projects);
    let title = preview(&imported.doc.title);
    let count = imported.doc.annotations.len();
    let annotated = !imported.doc.annotations.is_empty() || !imported.doc.orphans.is_empty();
    let mode = match (editing, annotated) {
        (false, _) => Mode::Annotating,
        (true, false) => Mode::Editing,
        (true, true) => Mode::Revising,
    };
    replace_document(state, imported.doc, mode, Some(doc_number));
    state.next_doc_number = next_doc_number.max(doc_number.next());
    state.draft = Rc::from(draft.as_str());
    state.selected = selected;
    match log_problem {
        None => format!("Welcome back: “{title}” is as you left it, with {count} annotation(s)."),
        Some((problem, left)) => format!(
            "Welcome back: “{title}” is open with {count} annotation(s), but {left} saved change(s) could not be brought back ({problem}); the document is as it was before them."
        ),
    }
}
