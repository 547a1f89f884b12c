//! The application state and its one pure reducer: every change to what the user sees
//! is an [`Action`] applied by [`State::apply`].
//!
//! **Architecture Invariant:** `apply` has no side effects and reads no clock, no
//! randomness and no browser state. Whatever it needs from outside (the DOM selection,
//! the text of the paste box) arrives inside the action.

use super::annotations::{Annotation, QuoteKind};
use super::ids::{AnnotationId, DocNumber, EntityId};
use super::detect::suggest::Suggestion;
use super::history::{Edit, History, Step};
use super::import::{Imported, Problem};
use super::labels::{Label, Preset};
use super::library_history::{Done, LibraryHistory, LibraryOp};
use super::messages::{capitalise, preview, size_error};
use super::offsets::Span;
use super::pending::PendingImport;
use super::snap::snap;
use super::document::{title_from_text, Document};
use std::collections::HashMap;
use std::rc::Rc;

/// Whether the user is pasting text or annotating it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// The article box is shown and editable.
    Editing,
    /// The article is rendered and can be annotated; its text is fixed.
    Annotating,
}

/// How a notice is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    /// Something happened as asked.
    Info,
    /// Something was refused or went wrong; nothing was changed.
    Error,
}

/// A message for the user, shown in a live region.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    /// Info or error.
    pub level: Level,
    /// Plain words for a non-programmer.
    pub text: String,
}

/// Everything the UI renders.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct State {
    /// Editing or annotating.
    pub mode: Mode,
    /// The open document, shared with earlier states until changed (copy on write).
    pub doc: Rc<Document>,
    /// What the article box holds when editing starts.
    pub draft: Rc<str>,
    /// The selected annotation.
    pub selected: Option<AnnotationId>,
    /// The latest message.
    pub notice: Option<Notice>,
    /// Undo and redo of the open document.
    pub history: History,
    /// Number of the open document in the browser's store (autosave key `d<number>`).
    pub doc_number: DocNumber,
    /// Number the next new document gets.
    pub next_doc_number: DocNumber,
    /// Undo histories of the other documents opened since the app started, by number.
    pub histories: HashMap<DocNumber, History>,
    /// Undo and redo of library operations (import as a new document, add, delete).
    pub library: LibraryHistory,
    /// The counter that orders steps and library operations.
    pub seq: u64,
    /// Changes whenever the library's stored documents change outside autosave.
    pub library_changes: u64,
    /// An import waiting for the user's choice.
    pub pending: Option<Rc<PendingImport>>,
    /// Long work in progress (an import), shown with a progress bar.
    pub progress: Option<Progress>,
    /// The quote whose speaker the next click on a mention picks (after S).
    pub picking: Option<AnnotationId>,
}

/// How far long work has come.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Progress {
    /// What is being done ("Checking “library.jsonl”").
    pub what: String,
    /// Units done.
    pub done: usize,
    /// Units in all (0 when unknown).
    pub total: usize,
}

/// Saved work read back (by `core::session::restore`), to reopen as it was left.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Restored {
    /// The open document, checked by the importer.
    pub imported: Imported,
    /// Its number in the store.
    pub doc_number: DocNumber,
    /// The number the next new document gets.
    pub next_doc_number: DocNumber,
    /// True if the article box was open.
    pub editing: bool,
    /// What the article box held.
    pub draft: String,
    /// The selected annotation, if it still exists.
    pub selected: Option<AnnotationId>,
}

/// A document to open when a library operation is replayed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reopen {
    /// The document.
    pub doc: Document,
    /// Its number in the store.
    pub number: DocNumber,
    /// True to show it in the article box (an empty new document).
    pub editing: bool,
}

impl Default for State {
    /// The first visit: the sample article, ready to annotate.
    fn default() -> Self {
        State {
            mode: Mode::Annotating,
            doc: Rc::new(Document::sample()),
            draft: Rc::from(""),
            selected: None,
            notice: None,
            history: History::default(),
            doc_number: DocNumber(1),
            next_doc_number: DocNumber(2),
            histories: HashMap::new(),
            library: LibraryHistory::default(),
            seq: 0,
            library_changes: 0,
            pending: None,
            progress: None,
            picking: None,
        }
    }
}

/// Everything a user can do, as data.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// Replace the document with the sample article.
    LoadSample,
    /// Discard the document and show an empty article box.
    NewDocument,
    /// Go back to editing the text (refused once annotations exist).
    EditText,
    /// Take the pasted text and start annotating it.
    StartAnnotating {
        /// The article box's content.
        text: String,
        /// How many unpaired UTF-16 surrogates the browser replaced with U+FFFD.
        replaced_surrogates: usize,
    },
    /// Keep what the article box holds (so autosave keeps an unfinished paste).
    SetDraft(String),
    /// Rename the document.
    SetTitle(String),
    /// Apply `label` to the selection if there is one, else relabel the selected annotation.
    ApplyLabel {
        /// Label name.
        label: String,
        /// The raw selection in the article, if any (snapped here).
        selection: Option<Span>,
    },
    /// Apply `label` to every span (the matches of a search), skipping those already
    /// marked with it: one undoable step.
    LabelAll {
        /// Label name.
        label: String,
        /// The spans, raw (snapped here).
        spans: Vec<Span>,
    },
    /// Select an annotation, or clear the selection. While a speaker is being picked,
    /// selecting a mention makes its entity a speaker of the quote instead.
    Select(Option<AnnotationId>),
    /// Start (or stop) picking a speaker for the selected quote: the next mention clicked.
    PickSpeaker,
    /// Delete the selected annotation.
    DeleteSelected,
    /// Set the speakers of a quote (and of the parts joined to it): entities that can
    /// speak, in order; empty for none.
    SetSpeakers {
        /// The quote annotation.
        quote: AnnotationId,
        /// The speaking entities.
        speakers: Vec<EntityId>,
    },
    /// Add the entity of `mention` to the speakers of `quote` (S, then a click).
    AddSpeakerFromMention {
        /// The quote.
        quote: AnnotationId,
        /// A mention of a person or an organisation.
        mention: AnnotationId,
    },
    /// Set or clear a quote's cue (an annotation with a label of kind cue).
    SetCue {
        /// The quote.
        quote: AnnotationId,
        /// The cue annotation, or none.
        cue: Option<AnnotationId>,
    },
    /// Say whether a quote is direct, partial or mixed.
    SetQuoteKind {
        /// The quote.
        quote: AnnotationId,
        /// Its kind.
        kind: QuoteKind,
    },
    /// Join a quote to the earlier quote it continues, or undo the join (`None`).
    JoinQuote {
        /// The continuing part.
        quote: AnnotationId,
        /// The earlier part.
        previous: Option<AnnotationId>,
    },
    /// Merge entity `from` into entity `into` (same label): its mentions and quotes move.
    MergeEntities {
        /// The entity that stays.
        into: EntityId,
        /// The entity that goes.
        from: EntityId,
    },
    /// Take a mention out of its entity into a new one of its own.
    SplitMention(AnnotationId),
    /// Set an entity's canonical name.
    RenameEntity {
        /// The entity.
        entity: EntityId,
        /// Its new name.
        name: String,
    },
    /// Add a label to the schema.
    AddLabel(Label),
    /// Change a label: rename (its annotations follow), recolour, hotkey, kind (only while
    /// unused).
    EditLabel {
        /// Its current name.
        name: String,
        /// What it becomes.
        label: Label,
    },
    /// Move a label up (`by` −1) or down (+1) in the schema.
    MoveLabel {
        /// The label.
        name: String,
        /// −1 or +1.
        by: isize,
    },
    /// Delete a label and every annotation that uses it.
    DeleteLabel(String),
    /// Replace the schema by a preset (labels in use are kept).
    ApplyPreset(Preset),
    /// Accept suggestions (see `core::detect::suggest`): one undoable step.
    AcceptSuggestions(Vec<Suggestion>),
    /// Reject suggestions: they are not suggested again in this document; undoable.
    RejectSuggestions(Vec<Suggestion>),
    /// Set the free-text note of an annotation.
    SetNote {
        /// The annotation.
        id: AnnotationId,
        /// The note (empty for none).
        note: String,
    },
    /// Open a document read from a file (already checked by `import::read_file`) as a
    /// new document; undoable.
    OpenImported {
        /// The document.
        imported: Box<Imported>,
        /// The file's name.
        file: String,
    },
    /// Merge a file's document into the open document with the same text, or replace
    /// the open document's annotations, labels and title with the file's.
    ImportInto {
        /// The file's document.
        imported: Box<Imported>,
        /// The file's name.
        file: String,
        /// Replace rather than merge.
        replace: bool,
    },
    /// Ask the user how to import a file (see `core::pending`).
    AskImport(Box<PendingImport>),
    /// Drop the import waiting for a choice.
    CancelImport,
    /// Show or clear the progress of long work.
    Progress(Option<Progress>),
    /// Glue carried out a library operation; record it for undo. Settles a pending import.
    LibraryDone(LibraryOp),
    /// Glue replayed the latest library operation (undo when `forward` is false).
    LibraryReplayed {
        /// Redo rather than undo.
        forward: bool,
        /// The operation as it now stands (holding what replaying it back needs).
        op: LibraryOp,
        /// The document to open, if the operation changes which one is open.
        open: Option<Box<Reopen>>,
    },
    /// Say why a file was not imported; nothing else changes.
    ImportFailed {
        /// The file's name.
        file: String,
        /// Everything wrong with it.
        problems: Vec<Problem>,
    },
    /// Open a document from the library, under its own key.
    OpenStored {
        /// The document, read back by `import::read_file`.
        imported: Box<Imported>,
        /// Its number in the store.
        doc_number: DocNumber,
    },
    /// Take the next document number (for a copy made in the library).
    TakeDocNumber,
    /// Reopen the work saved in this browser (read back by `session::restore`).
    Restore(Box<Restored>),
    /// Undo the latest change to the document.
    Undo,
    /// Redo the latest undone change.
    Redo,
    /// Show a message (from glue, e.g. a failed download).
    Notify(Notice),
    /// Hide the message.
    DismissNotice,
}

impl State {
    /// The selected annotation, if it still exists.
    pub fn selected_annotation(&self) -> Option<&Annotation> {
        self.selected.and_then(|id| self.doc.annotations.get(id))
    }

    /// Applies `action`. Refused actions change nothing but the notice.
    pub fn apply(&mut self, action: Action) {
        let result = match action {
            Action::LoadSample => {
                self.replace_document(Document::sample(), Mode::Annotating, None);
                Ok("Sample article loaded.".into())
            }
            Action::NewDocument => {
                self.draft = Rc::from("");
                self.replace_document(Document::new("Untitled", ""), Mode::Editing, None);
                Ok("New document: paste an article.".into())
            }
            Action::EditText => self.edit_text(),
            Action::StartAnnotating { text, replaced_surrogates } => self.start_annotating(&text, replaced_surrogates),
            Action::SetDraft(text) => {
                if self.mode == Mode::Editing {
                    self.draft = Rc::from(text);
                }
                return;
            }
            Action::SetTitle(title) => self.set_title(title),
            Action::ApplyLabel { label, selection } => self.apply_label(&label, selection),
            Action::LabelAll { label, spans } => self.label_all(&label, &spans),
            Action::Select(id) => match (self.picking.take(), id) {
                (Some(quote), Some(mention)) if mention != quote => self.add_speaker_from_mention(quote, mention),
                _ => {
                    self.selected = id.filter(|id| self.doc.annotations.get(*id).is_some());
                    return;
                }
            },
            Action::PickSpeaker => match (self.picking.take(), self.selected) {
                (Some(_), _) => Ok("Stopped picking a speaker.".into()),
                (None, Some(q)) if self.doc.labels.is_quote(self.doc.annotations.get(q).map_or("", |a| a.label.as_str())) => {
                    self.picking = Some(q);
                    Ok("Click a person or an organisation in the article to add it as a speaker (Esc cancels).".into())
                }
                _ => Err("Select a quote first, then press S and click its speaker.".into()),
            },
            Action::DeleteSelected => self.delete_selected(),
            Action::SetSpeakers { quote, speakers } => self.set_speakers(quote, speakers),
            Action::AddSpeakerFromMention { quote, mention } => self.add_speaker_from_mention(quote, mention),
            Action::SetCue { quote, cue } => self.set_cue(quote, cue),
            Action::SetQuoteKind { quote, kind } => self.set_quote_kind(quote, kind),
            Action::JoinQuote { quote, previous } => self.join_quote(quote, previous),
            Action::MergeEntities { into, from } => self.merge_entities(into, from),
            Action::SplitMention(id) => self.split_mention(id),
            Action::RenameEntity { entity, name } => self.rename_entity(entity, name),
            Action::SetNote { id, note } => self.set_note(id, note),
            Action::AcceptSuggestions(items) => self.accept_suggestions(&items),
            Action::RejectSuggestions(items) => self.reject_suggestions(&items),
            Action::AddLabel(label) => self.add_label(label),
            Action::EditLabel { name, label } => self.edit_label(&name, label),
            Action::MoveLabel { name, by } => self.move_label(&name, by),
            Action::DeleteLabel(name) => self.delete_label(&name),
            Action::ApplyPreset(preset) => self.apply_preset(preset),
            Action::OpenImported { imported, file } => Ok(self.open_imported(*imported, file)),
            Action::ImportInto { imported, file, replace } => self.import_into(&imported, &file, replace),
            Action::AskImport(pending) => {
                let problems = match &pending.question {
                    super::pending::Question::KeepValidPart { problems, .. } => Some(import_failure(&pending.file, problems)),
                    _ => None,
                };
                self.pending = Some(Rc::new(*pending));
                self.progress = None;
                match problems {
                    Some(text) => Err(text),
                    None => return,
                }
            }
            Action::CancelImport => {
                self.pending = None;
                self.progress = None;
                Ok("Import cancelled; nothing was changed.".into())
            }
            Action::Progress(progress) => {
                self.progress = progress;
                return;
            }
            Action::LibraryDone(op) => {
                // It settles any import that was waiting (a bundle added after a choice).
                self.pending = None;
                self.progress = None;
                self.seq += 1;
                let message = format!("Done: {}. Undo (Ctrl+Z) takes it back.", op.description());
                self.library.record(Done { seq: self.seq, op });
                self.library_changes += 1;
                Ok(capitalise(&message))
            }
            Action::LibraryReplayed { forward, op, open } => Ok(self.library_replayed(forward, op, open)),
            Action::ImportFailed { file, problems } => Err(import_failure(&file, &problems)),
            Action::Restore(restored) => Ok(self.restore(*restored)),
            Action::OpenStored { imported, doc_number } => {
                let message = format!("Opened “{}”.", preview(&imported.doc.title));
                self.replace_document(imported.doc, Mode::Annotating, Some(doc_number));
                Ok(message)
            }
            Action::TakeDocNumber => {
                self.next_doc_number = self.next_doc_number.next();
                return;
            }
            Action::Undo => self.replay(false),
            Action::Redo => self.replay(true),
            Action::Notify(notice) => {
                self.notice = Some(notice);
                self.progress = None;
                return;
            }
            Action::DismissNotice => {
                self.notice = None;
                return;
            }
        };
        // A message ends any progress shown (the work it reports on is over).
        self.progress = None;
        self.notice = Some(match result {
            Ok(text) => Notice { level: Level::Info, text },
            Err(text) => Notice { level: Level::Error, text },
        });
    }

    /// True if undo has something to take back, in the document or the library.
    pub fn can_undo(&self) -> bool {
        self.history.can_undo() || self.library.can_undo()
    }

    /// True if redo has something to do again.
    pub fn can_redo(&self) -> bool {
        self.history.can_redo() || self.library.can_redo()
    }

    fn edit_text(&mut self) -> Result<String, String> {
        if !self.doc.annotations.is_empty() {
            return Err("The text is locked because it has annotations: editing it would move them. Start a new document instead.".into());
        }
        self.draft = Rc::from(self.doc.text.as_str());
        self.mode = Mode::Editing;
        Ok("Editing the text.".into())
    }

    fn start_annotating(&mut self, raw: &str, replaced: usize) -> Result<String, String> {
        if raw.trim().is_empty() {
            return Err("Paste or type an article first.".into());
        }
        if let Some(too_large) = size_error(raw.chars().count()) {
            return Err(too_large);
        }
        let mut doc = Document::new("", raw);
        doc.title = title_from_text(doc.text.as_str());
        let title = doc.title.clone();
        let mut message = format!("Ready to annotate “{title}”: select text, then press a label.");
        if replaced > 0 {
            message = format!(
                "{replaced} broken character(s) (unpaired surrogates) were replaced by �. {message}"
            );
        }
        self.draft = Rc::from(raw);
        self.replace_document(doc, Mode::Annotating, None);
        Ok(message)
    }

    /// Applies `edits` to the document, records them as one undoable step, and moves the
    /// selection: the single place where a document's annotations and title change.
    pub(super) fn commit(&mut self, description: String, edits: Vec<Edit>, selected_after: Option<AnnotationId>) -> String {
        let doc = Rc::make_mut(&mut self.doc);
        for edit in &edits {
            edit.apply(doc);
        }
        let selected_before = self.selected;
        self.seq += 1;
        self.history.record(Step { seq: self.seq, description: description.clone(), edits, selected_before, selected_after });
        self.library.clear_redo();
        self.selected = selected_after;
        description
    }

    fn apply_label(&mut self, label: &str, selection: Option<Span>) -> Result<String, String> {
        let Some(def) = self.doc.labels.get(label) else {
            return Err(format!("There is no label named “{label}”."));
        };
        let label = def.name.clone();
        if self.mode != Mode::Annotating {
            return Err("Press “Start annotating” first.".into());
        }
        if let Some(raw) = selection.filter(|s| !s.is_empty()) {
            let Some(span) = snap(&self.doc.text, raw) else {
                return Err("The selection holds only spaces; select a word or more.".into());
            };
            let text = self.doc.text.slice(span).unwrap_or_default();
            if self.doc.annotations.has_duplicate(span, &label) {
                return Err(format!("“{}” is already marked as {label}.", preview(text)));
            }
            let message = format!("Marked “{}” as {label}.", preview(text));
            let text = text.to_owned();
            let id = self.take_annotation_id();
            let mut edits = Vec::new();
            let annotation = self.with_kind_fields(Annotation::new(id, span, label), &text, &mut edits);
            edits.push(Edit::Insert(annotation));
            return Ok(self.commit(message, edits, Some(id)));
        }
        let Some(selected) = self.selected_annotation().cloned() else {
            return Err(format!("Select some text in the article first, then press {label}."));
        };
        if selected.label == label {
            return Ok(format!("Already marked as {label}."));
        }
        if self.doc.annotations.has_duplicate(selected.span, &label) {
            let text = self.doc.text_of(&selected);
            return Err(format!("“{}” is already marked as {label}.", preview(text)));
        }
        let text = self.doc.text_of(&selected).to_owned();
        let mut edits = Vec::new();
        let relabelled = Annotation { label: label.clone(), ..selected.clone() };
        let after = self.with_kind_fields(relabelled, &text, &mut edits);
        edits.extend(self.detach(&selected, Some(&after)));
        edits.push(Edit::Replace { before: selected.clone(), after });
        let message = format!("Changed {} to {label}.", selected.label);
        Ok(self.commit(message, edits, Some(selected.id)))
    }

    fn label_all(&mut self, label: &str, spans: &[Span]) -> Result<String, String> {
        let Some(label) = self.doc.labels.get(label).map(|l| l.name.clone()) else {
            return Err(format!("There is no label named “{label}”."));
        };
        if self.mode != Mode::Annotating {
            return Err("Press “Start annotating” first.".into());
        }
        // Each new mention must see the ones before it (to join their entity), so the
        // edits are worked out on a scratch copy, then committed as one step.
        let mut scratch = self.clone();
        let mut edits = Vec::new();
        let mut skipped = 0;
        for raw in spans {
            let Some(span) = snap(&scratch.doc.text, *raw) else { continue };
            if scratch.doc.annotations.has_duplicate(span, &label) {
                skipped += 1;
                continue;
            }
            let text = scratch.doc.text.slice(span).unwrap_or_default().to_owned();
            let id = scratch.take_annotation_id();
            let mut step = Vec::new();
            let annotation = scratch.with_kind_fields(Annotation::new(id, span, label.clone()), &text, &mut step);
            step.push(Edit::Insert(annotation));
            for edit in &step {
                edit.apply(Rc::make_mut(&mut scratch.doc));
            }
            edits.extend(step);
        }
        let added = edits.iter().filter(|e| matches!(e, Edit::Insert(_))).count();
        if added == 0 {
            return Err(format!("Nothing new to mark as {label}: all {skipped} match(es) already are."));
        }
        let doc = Rc::make_mut(&mut self.doc);
        doc.next_id = scratch.doc.next_id;
        doc.next_entity = scratch.doc.next_entity;
        let mut message = format!("Marked {added} match(es) as {label}.");
        if skipped > 0 {
            message.push_str(&format!(" {skipped} already were."));
        }
        Ok(self.commit(message, edits, self.selected))
    }

    /// The annotation after (or before) the selected one in document order, or the first
    /// (last) if none is selected: for Tab and Shift+Tab in the article.
    pub fn neighbour(&self, forward: bool) -> Option<AnnotationId> {
        let mut all = self.doc.annotations.iter();
        let Some(current) = self.selected else {
            return if forward { all.next() } else { all.next_back() }.map(|a| a.id);
        };
        let ids: Vec<AnnotationId> = all.map(|a| a.id).collect();
        let i = ids.iter().position(|id| *id == current)?;
        if forward { ids.get(i + 1).copied() } else { i.checked_sub(1).map(|j| ids[j]) }
    }

    fn delete_selected(&mut self) -> Result<String, String> {
        let Some(removed) = self.selected_annotation().cloned() else {
            return Err("Select an annotation to delete.".into());
        };
        let mut edits = self.detach(&removed, None);
        let message = format!("Deleted {} “{}”.", removed.label, preview(self.doc.text_of(&removed)));
        edits.push(Edit::Remove(removed));
        Ok(self.commit(message, edits, None))
    }

    fn set_title(&mut self, title: String) -> Result<String, String> {
        if title == self.doc.title {
            return Ok(format!("The title is “{title}”."));
        }
        let message = format!("Renamed to “{}”.", preview(&title));
        let edit = Edit::Title { before: self.doc.title.clone(), after: title };
        Ok(self.commit(message, vec![edit], self.selected))
    }

    /// Undoes (`forward == false`) or redoes the latest step, and restores the selection
    /// it had before or after, if that annotation still exists.
    fn replay(&mut self, forward: bool) -> Result<String, String> {
        let doc = Rc::make_mut(&mut self.doc);
        let (step, verb) = if forward {
            (self.history.redo(doc).ok_or("Nothing to redo.")?, "Redone")
        } else {
            (self.history.undo(doc).ok_or("Nothing to undo.")?, "Undone")
        };
        let selected = if forward { step.selected_after } else { step.selected_before };
        let message = format!("{verb}: {}", step.description);
        self.selected = selected.filter(|id| self.doc.annotations.get(*id).is_some());
        Ok(message)
    }
}

/// Problems shown in a failure message; the rest are counted.
const PROBLEMS_SHOWN: usize = 8;

/// The message for a file that was not imported: every problem with its place, one per line.
pub fn import_failure(file: &str, problems: &[Problem]) -> String {
    let mut message = format!(
        "“{file}” was not imported; nothing was changed. {} problem(s):",
        problems.len()
    );
    for problem in problems.iter().take(PROBLEMS_SHOWN) {
        message.push_str(&format!("\n• {problem}"));
    }
    if problems.len() > PROBLEMS_SHOWN {
        message.push_str(&format!("\n• … and {} more.", problems.len() - PROBLEMS_SHOWN));
    }
    message
}
