//! `Action::ApplyLabel`, `Action::LabelAll`, `Action::DeleteSelected`, `Action::SetNote`,
//! `Action::SetTitle` and `Action::SetSource`: marking text, relabelling, deleting, notes,
//! the title and the source record.

use super::detach::detach;
use super::fit::fit;
use super::refusal::{Refusal, Thing};
use super::{changed, unchanged, Reduced};
use crate::core::annotations::Annotation;
use crate::core::document::Document;
use crate::core::edits::Transaction;
use crate::core::history::Edit;
use crate::core::ids::AnnotationId;
use crate::core::messages::preview;
use crate::core::offsets::Span;
use crate::core::snap::snap;
use crate::core::source::Source;
use crate::core::state::Mode;

/// Applies `label` to the raw `selection` (snapped to whole characters) if there is one,
/// else relabels the `selected` annotation.
pub fn apply_label(doc: &Document, mode: Mode, selected: Option<AnnotationId>, label: &str, selection: Option<Span>) -> Reduced {
    let Some(def) = doc.labels.get(label) else {
        return Err(Refusal::NoSuchLabel(label.to_owned()));
    };
    let label = def.name.clone();
    if mode != Mode::Annotating {
        return Err(Refusal::NotAnnotating);
    }
    let mut tx = Transaction::new(doc);
    if let Some(raw) = selection.filter(|s| !s.is_empty()) {
        let span = snap(&doc.text, raw).ok_or(Refusal::OnlySpaces)?;
        let text = doc.text.slice(span).unwrap_or_default();
        if doc.annotations.has_duplicate(span, &label) {
            return Err(Refusal::AlreadyMarked { text: preview(text), label });
        }
        let message = format!("Marked “{}” as {label}.", preview(text));
        let id = tx.take_annotation_id();
        let annotation = fit(&mut tx, Annotation::new(id, span, label), text);
        tx.insert(annotation);
        return changed(message, tx.finish(), Some(id));
    }
    let Some(selected) = selected.and_then(|id| doc.annotations.get(id)).cloned() else {
        return Err(Refusal::NothingSelected { label });
    };
    if selected.label == label {
        return unchanged(format!("Already marked as {label}."));
    }
    let text = doc.text_of(&selected);
    if doc.annotations.has_duplicate(selected.span, &label) {
        return Err(Refusal::AlreadyMarked { text: preview(text), label });
    }
    let relabelled = Annotation { label: label.clone(), ..selected.clone() };
    let after = fit(&mut tx, relabelled, text);
    detach(&mut tx, &selected, Some(&after));
    let message = format!("Changed {} to {label}.", selected.label);
    let id = selected.id;
    tx.replace(selected, after);
    changed(message, tx.finish(), Some(id))
}

/// Applies `label` to every span (the matches of a search), skipping those already
/// marked with it: one undoable step. Each new mention sees the ones before it (to join
/// their entity). The selection stays as it is (`selected`).
pub fn label_all(doc: &Document, mode: Mode, selected: Option<AnnotationId>, label: &str, spans: &[Span]) -> Reduced {
    let Some(label) = doc.labels.get(label).map(|l| l.name.clone()) else {
        return Err(Refusal::NoSuchLabel(label.to_owned()));
    };
    if mode != Mode::Annotating {
        return Err(Refusal::NotAnnotating);
    }
    let mut tx = Transaction::new(doc);
    let (mut added, mut skipped) = (0, 0);
    for raw in spans {
        let Some(span) = snap(&doc.text, *raw) else { continue };
        if tx.at(span, &label).is_some() {
            skipped += 1;
            continue;
        }
        let text = doc.text.slice(span).unwrap_or_default();
        let id = tx.take_annotation_id();
        let annotation = fit(&mut tx, Annotation::new(id, span, label.clone()), text);
        tx.insert(annotation);
        added += 1;
    }
    if added == 0 {
        return Err(Refusal::NothingNewToMark { label, skipped });
    }
    let mut message = format!("Marked {added} match(es) as {label}.");
    if skipped > 0 {
        message.push_str(&format!(" {skipped} already were."));
    }
    changed(message, tx.finish(), selected)
}

/// Deletes the `selected` annotation and what only it held up. What the user deleted is
/// not suggested there again: deleting counts as rejecting (undone with it).
pub fn delete_selected(doc: &Document, selected: Option<AnnotationId>) -> Reduced {
    let Some(removed) = selected.and_then(|id| doc.annotations.get(id)).cloned() else {
        return Err(Refusal::NothingToDelete);
    };
    let mut tx = Transaction::new(doc);
    detach(&mut tx, &removed, None);
    let message = format!("Deleted {} “{}”; it will not be suggested there again.", removed.label, preview(doc.text_of(&removed)));
    if !doc.rejected.contains(&(removed.span, removed.label.clone())) {
        tx.push(Edit::Reject { span: removed.span, label: removed.label.clone(), rejected: true });
    }
    tx.remove(removed);
    changed(message, tx.finish(), None)
}

/// Replaces the document's source record with `source` (trimmed; authors without empty
/// names).
pub fn set_source(doc: &Document, selected: Option<AnnotationId>, source: Source) -> Reduced {
    let trim = |s: &str| s.trim().to_owned();
    let source = Source {
        url: trim(&source.url),
        outlet: trim(&source.outlet),
        authors: source.authors.iter().map(|a| trim(a)).filter(|a| !a.is_empty()).collect(),
        published: trim(&source.published),
        retrieved: trim(&source.retrieved),
        note: source.note.trim_end().to_owned(),
    };
    if source == doc.source {
        return unchanged("The source record is as it was.".to_owned());
    }
    let mut tx = Transaction::new(doc);
    tx.push(Edit::Source { before: Box::new(doc.source.clone()), after: Box::new(source) });
    changed("Source record updated.".to_owned(), tx.finish(), selected)
}

/// Sets the free-text note of annotation `id` (empty for none).
pub fn set_note(doc: &Document, id: AnnotationId, note: String) -> Reduced {
    let Some(a) = doc.annotations.get(id).cloned() else {
        return Err(Refusal::Gone(Thing::Annotation));
    };
    if a.note == note {
        return unchanged("The note is unchanged.");
    }
    let message = if note.is_empty() { "Note removed." } else { "Note saved." };
    let mut tx = Transaction::new(doc);
    tx.replace(a.clone(), Annotation { note, ..a });
    changed(message, tx.finish(), Some(id))
}

/// Renames the document; the selection stays (`selected`).
pub fn set_title(doc: &Document, selected: Option<AnnotationId>, title: String) -> Reduced {
    if title == doc.title {
        return unchanged(format!("The title is “{title}”."));
    }
    let message = format!("Renamed to “{}”.", preview(&title));
    let mut tx = Transaction::new(doc);
    tx.push(Edit::Title { before: doc.title.clone(), after: title });
    changed(message, tx.finish(), selected)
}
