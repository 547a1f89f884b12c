//! The reducer's label schema actions: add, edit (rename, recolour, hotkey, kind), move,
//! delete a label, and apply a preset. Each is one undoable step: the schema changes by
//! an `Edit::Labels`, and the annotations and entities that use a renamed or deleted
//! label change with it.

use super::annotations::Annotation;
use super::entities::Entity;
use super::history::Edit;
use super::labels::{is_valid_color, Label, LabelSet, Preset};
use super::store::State;
use super::messages::preview;

/// The hotkey that picks a speaker; no label may take it.
const SPEAKER_KEY: &str = "s";

impl State {
    /// Checks `label` as a member of `labels` (which does not hold it yet).
    fn check_label(labels: &LabelSet, label: &Label) -> Result<(), String> {
        if label.name.trim().is_empty() || label.name.trim() != label.name {
            return Err("A label's name cannot be empty or start or end with a space.".into());
        }
        if labels.get(&label.name).is_some() {
            return Err(format!("There is already a label named “{}”.", label.name));
        }
        if !is_valid_color(&label.color) {
            return Err("A colour must be written #rrggbb.".into());
        }
        let key = label.hotkey.as_str();
        if key.chars().count() > 1 || key.chars().any(char::is_whitespace) {
            return Err("A hotkey is one key (a letter, a digit or a sign), or none.".into());
        }
        if key.eq_ignore_ascii_case(SPEAKER_KEY) {
            return Err("S picks a speaker, so it cannot be a label's hotkey.".into());
        }
        if let Some(other) = labels.iter().find(|l| !key.is_empty() && l.hotkey.eq_ignore_ascii_case(key)) {
            return Err(format!("The key {key} already applies “{}”.", other.name));
        }
        Ok(())
    }

    fn schema_step(&mut self, after: Vec<Label>, mut edits: Vec<Edit>, message: String) -> Result<String, String> {
        let after = LabelSet::new(after).map_err(|name| format!("There is already a label named “{name}”."))?;
        edits.insert(0, Edit::Labels { before: self.doc.labels.clone(), after });
        // The selection stays unless its annotation is gone.
        let selected = self.selected.filter(|s| !edits.iter().any(|e| matches!(e, Edit::Remove(a) if a.id == *s)));
        Ok(self.commit(message, edits, selected))
    }

    pub(super) fn add_label(&mut self, label: Label) -> Result<String, String> {
        State::check_label(&self.doc.labels, &label)?;
        let message = format!("Added the label “{}”.", preview(&label.name));
        let mut all = self.doc.labels.to_vec();
        all.push(label);
        self.schema_step(all, Vec::new(), message)
    }

    pub(super) fn edit_label(&mut self, name: &str, label: Label) -> Result<String, String> {
        let Some(old) = self.doc.labels.get(name).cloned() else {
            return Err(format!("There is no label named “{name}”."));
        };
        let others = LabelSet::new(self.doc.labels.iter().filter(|l| l.name != name).cloned().collect()).expect("a subset of a valid schema");
        State::check_label(&others, &label)?;
        let used = self.doc.annotations.iter().filter(|a| a.label == name).count();
        if label.kind != old.kind && used > 0 {
            return Err(format!(
                "“{name}” is used by {used} annotation(s), so its kind stays {}: delete them first, or add a new label.",
                old.kind.name()
            ));
        }
        let mut edits = Vec::new();
        if label.name != name {
            // The label's annotations and entities take the new name.
            for a in self.doc.annotations.iter().filter(|a| a.label == name) {
                edits.push(Edit::Replace { before: a.clone(), after: Annotation { label: label.name.clone(), ..a.clone() } });
            }
            for e in self.doc.entities.iter().filter(|e| e.label == name) {
                edits.push(Edit::Entity { before: Some(e.clone()), after: Some(Entity { label: label.name.clone(), ..e.clone() }) });
            }
        }
        if old.speaks && !label.speaks {
            // Its entities can no longer speak: their quotes lose them.
            let silenced: Vec<_> = self.doc.entities.iter().filter(|e| e.label == name).map(|e| e.id).collect();
            for q in self.doc.annotations.iter().filter(|q| q.speakers.iter().any(|s| silenced.contains(s))) {
                let speakers = q.speakers.iter().copied().filter(|s| !silenced.contains(s)).collect();
                edits.push(Edit::Replace { before: q.clone(), after: Annotation { speakers, ..q.clone() } });
            }
        }
        let message = if label.name != name {
            format!("Renamed the label “{}” to “{}”{}.", preview(name), preview(&label.name), if used > 0 { format!(" on {used} annotation(s)") } else { String::new() })
        } else {
            format!("Changed the label “{}”.", preview(name))
        };
        let all = self.doc.labels.iter().map(|l| if l.name == name { label.clone() } else { l.clone() }).collect();
        self.schema_step(all, edits, message)
    }

    pub(super) fn move_label(&mut self, name: &str, by: isize) -> Result<String, String> {
        let mut all = self.doc.labels.to_vec();
        let Some(i) = all.iter().position(|l| l.name == name) else {
            return Err(format!("There is no label named “{name}”."));
        };
        let j = i as isize + by;
        if j < 0 || j as usize >= all.len() {
            return Ok(format!("“{}” is already {}.", preview(name), if by < 0 { "first" } else { "last" }));
        }
        all.swap(i, j as usize);
        self.schema_step(all, Vec::new(), format!("Moved the label “{}” {}.", preview(name), if by < 0 { "up" } else { "down" }))
    }

    pub(super) fn delete_label(&mut self, name: &str) -> Result<String, String> {
        if self.doc.labels.get(name).is_none() {
            return Err(format!("There is no label named “{name}”."));
        }
        if self.doc.labels.len() == 1 {
            return Err("A document keeps at least one label.".into());
        }
        // Its annotations go, with everything that pointed at them.
        let doomed: Vec<Annotation> = self.doc.annotations.iter().filter(|a| a.label == name).cloned().collect();
        let mut edits = Vec::new();
        let mut scratch = self.clone();
        for a in &doomed {
            let step = scratch.detach(a, None);
            for e in &step {
                e.apply(std::rc::Rc::make_mut(&mut scratch.doc));
            }
            std::rc::Rc::make_mut(&mut scratch.doc).annotations.remove(a.id);
            edits.extend(step);
            edits.push(Edit::Remove(a.clone()));
        }
        let message = format!("Deleted the label “{}” and its {} annotation(s).", preview(name), doomed.len());
        let all = self.doc.labels.iter().filter(|l| l.name != name).cloned().collect();
        self.schema_step(all, edits, message)
    }

    pub(super) fn apply_preset(&mut self, preset: Preset) -> Result<String, String> {
        let mut all = preset.labels().to_vec();
        // Labels in use that the preset lacks are kept, at the end, without a hotkey
        // that another label already has.
        let mut kept = Vec::new();
        for l in self.doc.labels.iter() {
            if all.iter().all(|p| p.name != l.name) && self.doc.annotations.iter().any(|a| a.label == l.name) {
                let taken = all.iter().any(|p| p.hotkey.eq_ignore_ascii_case(&l.hotkey));
                all.push(Label { hotkey: if taken { String::new() } else { l.hotkey.clone() }, ..l.clone() });
                kept.push(l.name.clone());
            }
        }
        // A label of the preset whose kind differs from the one in use keeps the old kind.
        for l in &mut all {
            if let Some(old) = self.doc.labels.get(&l.name) {
                if old.kind != l.kind && self.doc.annotations.iter().any(|a| a.label == l.name) {
                    l.kind = old.kind;
                }
            }
        }
        let mut message = format!("Labels set to the {} preset.", preset.name());
        if !kept.is_empty() {
            message.push_str(&format!(" Kept because annotations use them: {}.", kept.join(", ")));
        }
        self.schema_step(all, Vec::new(), message)
    }
}

