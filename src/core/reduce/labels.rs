//! `Action::AddLabel`, `Action::EditLabel`, `Action::MoveLabel`, `Action::DeleteLabel` and
//! `Action::ApplyPreset`: the label schema. Each is one undoable step: the schema changes
//! by an `Edit::Labels`, and the annotations and entities that use a renamed or deleted
//! label change with it.

use super::detach::detach;
use super::refusal::Refusal;
use super::{changed, unchanged, Reduced};
use crate::core::annotations::Annotation;
use crate::core::document::Document;
use crate::core::edits::Transaction;
use crate::core::entities::Entity;
use crate::core::ids::AnnotationId;
use crate::core::labels::{is_valid_color, Label, LabelSet, Preset};
use crate::core::messages::preview;
use crate::core::projects::conform;

/// The hotkey that picks a speaker; no label may take it.
const SPEAKER_KEY: &str = "s";

/// Checks `label` as a member of `labels` (which does not hold it yet).
fn check_label(labels: &LabelSet, label: &Label) -> Result<(), Refusal> {
    if label.name.trim().is_empty() || label.name.trim() != label.name {
        return Err(Refusal::BadLabelName);
    }
    if labels.get(&label.name).is_some() {
        return Err(Refusal::LabelExists(label.name.clone()));
    }
    if !is_valid_color(&label.color) {
        return Err(Refusal::BadColor);
    }
    let key = label.hotkey.as_str();
    if key.chars().count() > 1 || key.chars().any(char::is_whitespace) {
        return Err(Refusal::BadHotkey);
    }
    if key.eq_ignore_ascii_case(SPEAKER_KEY) {
        return Err(Refusal::HotkeyPicksSpeaker);
    }
    if let Some(other) = labels.iter().find(|l| !key.is_empty() && l.hotkey.eq_ignore_ascii_case(key)) {
        return Err(Refusal::HotkeyTaken { key: key.to_owned(), label: other.name.clone() });
    }
    Ok(())
}

/// The step that makes the schema `after`, with the edits already staged in `tx`. The
/// selection stays unless its annotation is gone.
pub fn schema_step(mut tx: Transaction, selected: Option<AnnotationId>, after: Vec<Label>, message: String) -> Reduced {
    let after = LabelSet::new(after).map_err(Refusal::LabelExists)?;
    tx.set_labels(after);
    let selected = selected.filter(|s| tx.annotation(*s).is_some());
    changed(message, tx.finish(), selected)
}

/// Adds `label` to the schema.
pub fn add_label(doc: &Document, selected: Option<AnnotationId>, label: Label) -> Reduced {
    check_label(&doc.labels, &label)?;
    let message = format!("Added the label “{}”.", preview(&label.name));
    let mut all = doc.labels.to_vec();
    all.push(label);
    schema_step(Transaction::new(doc), selected, all, message)
}

/// Changes label `name` into `label`: a rename carries its annotations and entities, a
/// label that stops speaking leaves its quotes, and the kind changes only while unused.
pub fn edit_label(doc: &Document, selected: Option<AnnotationId>, name: &str, label: Label) -> Reduced {
    let Some(old) = doc.labels.get(name).cloned() else {
        return Err(Refusal::NoSuchLabel(name.to_owned()));
    };
    let others = LabelSet::new(doc.labels.iter().filter(|l| l.name != name).cloned().collect()).expect("a subset of a valid schema");
    check_label(&others, &label)?;
    let used = doc.annotations.iter().filter(|a| a.label == name).count();
    if label.kind != old.kind && used > 0 {
        return Err(Refusal::KindInUse { name: name.to_owned(), used, kind: old.kind.name() });
    }
    let mut tx = Transaction::new(doc);
    if label.name != name {
        // The label's annotations and entities take the new name.
        for a in doc.annotations.iter().filter(|a| a.label == name) {
            tx.replace(a.clone(), Annotation { label: label.name.clone(), ..a.clone() });
        }
        for e in doc.entities.iter().filter(|e| e.label == name) {
            tx.put_entity(Some(e.clone()), Some(Entity { label: label.name.clone(), ..e.clone() }));
        }
    }
    if old.speaks && !label.speaks {
        // Its entities can no longer speak: their quotes lose them.
        let silenced: Vec<_> = doc.entities.iter().filter(|e| e.label == name).map(|e| e.id).collect();
        for q in doc.annotations.iter().filter(|q| q.speakers.iter().any(|s| silenced.contains(s))) {
            let speakers = q.speakers.iter().copied().filter(|s| !silenced.contains(s)).collect();
            tx.replace(q.clone(), Annotation { speakers, ..q.clone() });
        }
    }
    let message = if label.name != name {
        let on = if used > 0 { format!(" on {used} annotation(s)") } else { String::new() };
        format!("Renamed the label “{}” to “{}”{on}.", preview(name), preview(&label.name))
    } else {
        format!("Changed the label “{}”.", preview(name))
    };
    let all = doc.labels.iter().map(|l| if l.name == name { label.clone() } else { l.clone() }).collect();
    schema_step(tx, selected, all, message)
}

/// Moves label `name` up (`by` −1) or down (+1) in the schema.
pub fn move_label(doc: &Document, selected: Option<AnnotationId>, name: &str, by: isize) -> Reduced {
    let mut all = doc.labels.to_vec();
    let Some(i) = all.iter().position(|l| l.name == name) else {
        return Err(Refusal::NoSuchLabel(name.to_owned()));
    };
    let j = i as isize + by;
    if j < 0 || j as usize >= all.len() {
        return unchanged(format!("“{}” is already {}.", preview(name), if by < 0 { "first" } else { "last" }));
    }
    all.swap(i, j as usize);
    let message = format!("Moved the label “{}” {}.", preview(name), if by < 0 { "up" } else { "down" });
    schema_step(Transaction::new(doc), selected, all, message)
}

/// Deletes label `name` and every annotation that uses it, with everything that pointed
/// at them.
pub fn delete_label(doc: &Document, selected: Option<AnnotationId>, name: &str) -> Reduced {
    if doc.labels.get(name).is_none() {
        return Err(Refusal::NoSuchLabel(name.to_owned()));
    }
    if doc.labels.len() == 1 {
        return Err(Refusal::LastLabel);
    }
    let doomed: Vec<AnnotationId> = doc.annotations.iter().filter(|a| a.label == name).map(|a| a.id).collect();
    let mut tx = Transaction::new(doc);
    for id in &doomed {
        // As the edits before this one left it (a quote may have lost a speaker already).
        let Some(a) = tx.annotation(*id).cloned() else { continue };
        detach(&mut tx, &a, None);
        tx.remove(a);
    }
    let message = format!("Deleted the label “{}” and its {} annotation(s).", preview(name), doomed.len());
    let all = doc.labels.iter().filter(|l| l.name != name).cloned().collect();
    schema_step(tx, selected, all, message)
}

/// Replaces the schema by `preset`; labels in use that it lacks are kept.
pub fn apply_preset(doc: &Document, selected: Option<AnnotationId>, preset: Preset) -> Reduced {
    // Labels in use that the preset lacks are kept (`projects::conform`, the same rule as a
    // project's schema).
    let (all, what) = conform(doc, &preset.labels().to_vec());
    let message = format!("Labels set to the {} preset.{}", preset.name(), what.kept_note());
    schema_step(Transaction::new(doc), selected, all, message)
}
