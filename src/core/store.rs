//! The reducer: every change to what the user sees is an [`Action`] applied by
//! [`State::apply`], which hands it to one action family in `core::reduce` and commits
//! what comes back. `State` itself is `core::state`.
//!
//! **Architecture Invariant:** `apply` has no side effects and reads no clock, no
//! randomness and no browser state. Whatever it needs from outside (the DOM selection,
//! the text of the paste box) arrives inside the action.
//!
//! **Architecture Invariant:** a document's annotations, labels and title change only in
//! [`State::commit`], as the `history::Edit`s of one undoable `Step`.

use super::annotations::QuoteKind;
use super::document::Document;
use super::detect::suggest::Suggestion;
use super::history::Step;
use super::ids::{AnnotationId, DocNumber, EntityId};
use super::import::{Imported, Problem};
use super::labels::{Label, Preset};
use super::library_history::LibraryOp;
use super::offsets::Span;
use super::pending::{PendingImport, Question};
use super::reduce::refusal::Refusal;
use super::provenance::Take;
use super::reduce::adjudicate::{self, Session};
use super::reduce::projects::{self, ProjectCommand};
use super::reduce::{annotations, documents, entities, labels, quotes, revise, suggestions, undo, Change, Outcome, Reduced};
use super::state::{Mode, Notice, Progress, Reopen, Restored, State};
use std::rc::Rc;

/// Everything a user can do, as data.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// Replace the document with the sample article.
    LoadSample,
    /// Discard the document and show an empty article box.
    NewDocument,
    /// Edit the text: in the article box for a text without annotations, or as a
    /// revision of an annotated one (`Mode::Revising`).
    EditText,
    /// Start a revision with an empty article box, for a revised version to paste in.
    PasteRevision,
    /// Leave the revision unapplied.
    CancelRevision,
    /// Replace the text with a new version, carrying every annotation over
    /// (`reduce::revise`): one undoable step.
    ReviseText {
        /// The new text.
        text: String,
        /// When (RFC 3339, from the caller), recorded with the revision.
        at: String,
    },
    /// Take the review flag off these annotations (their text was changed by a revision).
    ConfirmReview(Vec<AnnotationId>),
    /// Open a comparison of coders' versions of one text, and the new document it
    /// adjudicates them into (`reduce::adjudicate::Session::new` makes both).
    Compare {
        /// The comparison.
        session: Box<Session>,
        /// The adjudicated document, empty yet.
        doc: Box<Document>,
    },
    /// Take every annotation the coders agree on into the adjudicated document.
    TakeAgreed,
    /// Decide a disagreement of the comparison.
    Take {
        /// The disagreement, by its place in the comparison's list.
        index: usize,
        /// What to take.
        take: Take,
    },
    /// Close the comparison (the adjudicated document stays).
    CloseComparison,
    /// Delete an orphaned annotation for good.
    DiscardOrphan(AnnotationId),
    /// Put an orphaned annotation back at the raw selection (snapped here).
    ReattachOrphan {
        /// The orphan.
        id: AnnotationId,
        /// The raw selection in the article, if any.
        selection: Option<Span>,
    },
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
    /// Replace the document's source record.
    SetSource(Box<crate::core::source::Source>),
    /// Set one field of the document's source record (to the record as it is then, so
    /// that fields committed in quick succession never undo each other).
    SetSourceField {
        /// The field.
        field: crate::core::source::Field,
        /// Its new value, as typed.
        value: String,
    },
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
    /// A command on the projects (make, rename, open, move a document, take the open
    /// document's labels as its project's schema).
    Project(ProjectCommand),
    /// The open document takes its project's schema (one undoable step).
    ConformToProject,
    /// Accept suggestions (see `core::detect::suggest`): one undoable step.
    AcceptSuggestions(Vec<Rc<Suggestion>>),
    /// Reject suggestions: they are not suggested again in this document; undoable.
    RejectSuggestions(Vec<Rc<Suggestion>>),
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
    /// What to add to the message of a command that replaces the open document: that it
    /// stays in the library, by title (nothing for an empty one, which is not kept).
    fn kept_in_library(&self) -> String {
        if self.doc.text.is_empty() {
            return String::new();
        }
        format!(" “{}” stays in the library.", super::messages::preview(&self.doc.title))
    }

    /// Applies `action`. Refused actions change nothing but the notice. Afterwards the
    /// open document belongs to a project (`reduce::projects::follow`).
    pub fn apply(&mut self, action: Action) {
        let before = self.doc_number;
        self.apply_action(action);
        projects::follow(self, self.doc_number != before);
    }

    fn apply_action(&mut self, action: Action) {
        let (mode, selected) = (self.mode, self.selected);
        let result: Result<String, Refusal> = match action {
            // The document replaced stays in the library (autosave wrote it first): say so.
            Action::LoadSample => {
                let kept = self.kept_in_library();
                documents::replace_document(self, super::document::Document::sample(), Mode::Annotating, None);
                Ok(format!("Sample article loaded.{kept}"))
            }
            Action::NewDocument => {
                let kept = self.kept_in_library();
                self.draft = Rc::from("");
                // A new document starts with the open project's schema, and is in that project.
                let mut doc = super::document::Document::new("Untitled", "");
                doc.labels = self.projects.open().labels.clone();
                documents::replace_document(self, doc, Mode::Editing, None);
                let (key, open) = (self.doc_number.to_string(), self.projects.open.clone());
                let _ = Rc::make_mut(&mut self.projects).move_doc(&key, &open);
                Ok(format!("New document: paste an article.{kept}"))
            }
            Action::EditText => documents::edit_text(self),
            Action::PasteRevision => documents::paste_revision(self),
            Action::CancelRevision => documents::cancel_revision(self),
            Action::ReviseText { text, at } => {
                let reduced = revise::revise(&self.doc.clone(), &text, &at);
                if reduced.is_ok() {
                    self.mode = Mode::Annotating;
                    self.draft = Rc::from("");
                    self.picking = None;
                    self.pending = None; // a file applied as a revision settles its import
                }
                self.change(reduced)
            }
            Action::Compare { session, doc } => Ok(documents::open_comparison(self, *session, *doc)),
            Action::TakeAgreed => match self.comparison.clone() {
                Some(session) => self.change_on(|doc| adjudicate::take_agreed(doc, &session)),
                None => Err(Refusal::NoComparison),
            },
            Action::Take { index, take } => match self.comparison.clone() {
                Some(session) => self.change_on(|doc| adjudicate::take(doc, &session, index, take)),
                None => Err(Refusal::NoComparison),
            },
            Action::CloseComparison => {
                self.comparison = None;
                Ok("Comparison closed; the adjudicated document stays in the library.".into())
            }
            Action::ConfirmReview(ids) => self.change_on(|doc| revise::confirm_review(doc, &ids)),
            Action::DiscardOrphan(id) => self.change_on(|doc| revise::discard_orphan(doc, id)),
            Action::ReattachOrphan { id, selection } => self.change_on(|doc| revise::reattach(doc, id, selection)),
            Action::StartAnnotating { text, replaced_surrogates } => documents::start_annotating(self, &text, replaced_surrogates),
            Action::SetDraft(text) => {
                if self.mode != Mode::Annotating {
                    self.draft = Rc::from(text);
                }
                return;
            }
            Action::SetTitle(title) => self.change_on(|doc| annotations::set_title(doc, selected, title)),
            Action::SetSource(source) => self.change_on(|doc| annotations::set_source(doc, selected, *source)),
            Action::SetSourceField { field, value } => self.change_on(|doc| annotations::set_source(doc, selected, doc.source.with(field, &value))),
            Action::ApplyLabel { label, selection } => self.change_on(|doc| annotations::apply_label(doc, mode, selected, &label, selection)),
            Action::LabelAll { label, spans } => self.change_on(|doc| annotations::label_all(doc, mode, selected, &label, &spans)),
            Action::DeleteSelected => self.change_on(|doc| annotations::delete_selected(doc, selected)),
            Action::SetNote { id, note } => self.change_on(|doc| annotations::set_note(doc, id, note)),
            Action::Select(id) => match (self.picking.take(), id) {
                // While a speaker is being picked, a click on a mention picks it.
                (Some(quote), Some(mention)) if mention != quote => self.change_on(|doc| quotes::add_speaker_from_mention(doc, quote, mention)),
                _ => {
                    self.selected = id.filter(|id| self.doc.annotations.get(*id).is_some());
                    return;
                }
            },
            Action::PickSpeaker => match (self.picking.take(), selected) {
                (Some(_), _) => Ok("Stopped picking a speaker.".into()),
                (None, Some(q)) if self.doc.labels.is_quote(self.doc.annotations.get(q).map_or("", |a| a.label.as_str())) => {
                    self.picking = Some(q);
                    Ok("Click a person or an organisation in the article to add it as a speaker (Esc cancels).".into())
                }
                _ => Err(Refusal::PickQuoteFirst),
            },
            Action::SetSpeakers { quote, speakers } => {
                self.picking = None; // a speaker chosen by name ends picking one in the article
                self.change_on(|doc| quotes::set_speakers(doc, quote, speakers))
            }
            Action::AddSpeakerFromMention { quote, mention } => self.change_on(|doc| quotes::add_speaker_from_mention(doc, quote, mention)),
            Action::SetCue { quote, cue } => self.change_on(|doc| quotes::set_cue(doc, quote, cue)),
            Action::SetQuoteKind { quote, kind } => self.change_on(|doc| quotes::set_quote_kind(doc, quote, kind)),
            Action::JoinQuote { quote, previous } => self.change_on(|doc| quotes::join_quote(doc, quote, previous)),
            Action::MergeEntities { into, from } => self.change_on(|doc| entities::merge_entities(doc, selected, into, from)),
            Action::SplitMention(id) => self.change_on(|doc| entities::split_mention(doc, id)),
            Action::RenameEntity { entity, name } => self.change_on(|doc| entities::rename_entity(doc, selected, entity, name)),
            Action::AcceptSuggestions(items) => self.change_on(|doc| suggestions::accept_suggestions(doc, mode, selected, &items)),
            Action::RejectSuggestions(items) => self.change_on(|doc| suggestions::reject_suggestions(doc, selected, &items)),
            Action::AddLabel(label) => self.change_on(|doc| labels::add_label(doc, selected, label)),
            Action::EditLabel { name, label } => self.change_on(|doc| labels::edit_label(doc, selected, &name, label)),
            Action::MoveLabel { name, by } => self.change_on(|doc| labels::move_label(doc, selected, &name, by)),
            Action::DeleteLabel(name) => self.change_on(|doc| labels::delete_label(doc, selected, &name)),
            Action::Project(command) => projects::project(self, command),
            Action::ConformToProject => {
                let (projects, number) = (self.projects.clone(), self.doc_number);
                self.change_on(|doc| projects::conform_to_project(doc, &projects, number, selected))
            }
            Action::ApplyPreset(preset) => self.change_on(|doc| labels::apply_preset(doc, selected, preset)),
            Action::OpenImported { imported, file } => Ok(documents::open_imported(self, *imported, file)),
            Action::ImportInto { imported, file, replace } => {
                let reduced = documents::import_into(&self.doc.clone(), &imported, &file, replace);
                if reduced.is_ok() {
                    self.pending = None;
                }
                self.change(reduced)
            }
            Action::AskImport(pending) => {
                let refusal = match &pending.question {
                    Question::KeepValidPart { problems, .. } => Some(Refusal::ImportRefused { file: pending.file.clone(), problems: problems.clone() }),
                    _ => None,
                };
                self.pending = Some(Rc::new(*pending));
                self.progress = None;
                match refusal {
                    Some(refusal) => Err(refusal),
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
            Action::LibraryDone(op) => Ok(documents::library_done(self, op)),
            Action::LibraryReplayed { forward, op, open } => Ok(documents::library_replayed(self, forward, op, open)),
            Action::ImportFailed { file, problems } => Err(Refusal::ImportRefused { file, problems }),
            Action::Restore(restored) => Ok(documents::restore(self, *restored)),
            Action::OpenStored { imported, doc_number } => Ok(documents::open_stored(self, *imported, doc_number)),
            Action::TakeDocNumber => {
                self.next_doc_number = self.next_doc_number.next();
                return;
            }
            Action::Undo => undo::replay(self, false),
            Action::Redo => undo::replay(self, true),
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
            Ok(text) => Notice::info(text),
            Err(refusal) => Notice::refused(refusal),
        });
    }

    /// Commits what a document action returned; its message either way.
    /// Runs a document action on the open document, then commits what it returned. The
    /// document is borrowed only while the action runs, so the commit changes it in place
    /// rather than copying it (`Rc::make_mut` copies a document that is shared).
    fn change_on(&mut self, action: impl FnOnce(&Document) -> Reduced) -> Result<String, Refusal> {
        let reduced = action(&self.doc);
        self.change(reduced)
    }

    fn change(&mut self, reduced: Reduced) -> Result<String, Refusal> {
        match reduced? {
            Outcome::Changed(change) => Ok(self.commit(change)),
            Outcome::Unchanged(message) => Ok(message),
        }
    }

    /// Applies a change's edits to the document, records them as one undoable step, and
    /// moves the selection: the single place where a document's annotations, labels and
    /// title change.
    fn commit(&mut self, change: Change) -> String {
        let Change { message, staged, selected } = change;
        let doc = Rc::make_mut(&mut self.doc);
        for edit in &staged.edits {
            edit.apply(doc);
        }
        doc.next_id = staged.next_id;
        doc.next_entity = staged.next_entity;
        let selected_before = self.selected;
        self.seq += 1;
        if !staged.edits.is_empty() {
            self.journal.record(&staged.edits, false, &self.doc, selected);
        }
        self.history.record(Step { seq: self.seq, description: message.clone(), edits: staged.edits, selected_before, selected_after: selected });
        self.library.clear_redo();
        self.selected = selected;
        message
    }
}
