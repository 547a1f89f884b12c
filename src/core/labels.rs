//! The label schema: which labels exist, their kind, colour and hotkey.

use serde::{Deserialize, Serialize};

/// What a label marks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LabelKind {
    /// A named entity: person, organisation, place, date, event.
    Entity,
    /// A quotation, which may have speakers and a cue.
    Quote,
    /// The words that introduce a quote ("said", "according to").
    Cue,
}

impl LabelKind {
    /// All kinds, in the order offered.
    pub const ALL: [LabelKind; 3] = [LabelKind::Entity, LabelKind::Quote, LabelKind::Cue];

    /// The name written in exports ("entity", "quote", "cue").
    pub fn name(self) -> &'static str {
        match self {
            LabelKind::Entity => "entity",
            LabelKind::Quote => "quote",
            LabelKind::Cue => "cue",
        }
    }

    /// The kind named `name` in an export.
    pub fn from_name(name: &str) -> Option<LabelKind> {
        LabelKind::ALL.into_iter().find(|k| k.name() == name)
    }
}

/// One label of the schema.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Label {
    /// Unique name, shown on its button and written in exports.
    pub name: String,
    /// Entity or quote.
    pub kind: LabelKind,
    /// Colour as `#rrggbb` (validated: it ends up in a style sheet).
    pub color: String,
    /// One key that applies the label.
    pub hotkey: String,
    /// True if its mentions can speak a quote (people, organisations).
    pub speaks: bool,
}

/// The labels of a document, in display order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LabelSet {
    labels: Vec<Label>,
}

/// Names of labels that speak unless a file says otherwise (a version 1 file, or a
/// label without `speaks`): the people and organisation labels of the presets.
pub const SPEAKER_LABELS: [&str; 6] = ["Person", "Organization", "PER", "ORG", "PERSON", "NORP"];

impl Default for LabelSet {
    /// The news set: Person, Organization, Place, Date, Event, Quote, Cue on keys 1-7.
    fn default() -> Self {
        let entry = |name: &str, kind, color: &str, hotkey: &str| Label {
            name: name.into(),
            kind,
            color: color.into(),
            hotkey: hotkey.into(),
            speaks: SPEAKER_LABELS.contains(&name),
        };
        LabelSet {
            labels: vec![
                entry("Person", LabelKind::Entity, "#f4a261", "1"),
                entry("Organization", LabelKind::Entity, "#6fb7e9", "2"),
                entry("Place", LabelKind::Entity, "#7cc47f", "3"),
                entry("Date", LabelKind::Entity, "#c9a0dc", "4"),
                entry("Event", LabelKind::Entity, "#f2d15c", "5"),
                entry("Quote", LabelKind::Quote, "#e76f8a", "6"),
                entry("Cue", LabelKind::Cue, "#8d99ae", "7"),
            ],
        }
    }
}

impl LabelSet {
    /// A schema of `labels`, in that order; `Err` names a duplicated label.
    pub fn new(labels: Vec<Label>) -> Result<LabelSet, String> {
        for (i, label) in labels.iter().enumerate() {
            if labels[..i].iter().any(|l| l.name == label.name) {
                return Err(label.name.clone());
            }
        }
        Ok(LabelSet { labels })
    }

    /// Adds `label` at the end (its name must be new).
    pub fn push(&mut self, label: Label) {
        debug_assert!(self.get(&label.name).is_none());
        self.labels.push(label);
    }

    /// All labels in display order.
    pub fn iter(&self) -> impl Iterator<Item = &Label> {
        self.labels.iter()
    }

    /// The label named `name`.
    pub fn get(&self, name: &str) -> Option<&Label> {
        self.labels.iter().find(|l| l.name == name)
    }

    /// Position of the label named `name` in display order.
    pub fn position(&self, name: &str) -> Option<usize> {
        self.labels.iter().position(|l| l.name == name)
    }

    /// The label applied by key `key`.
    pub fn by_hotkey(&self, key: &str) -> Option<&Label> {
        self.labels.iter().find(|l| l.hotkey == key)
    }

    /// True if annotations with label `name` may be chosen as a quote's speaker: an
    /// entity label that speaks (people, organisations).
    pub fn can_speak(&self, name: &str) -> bool {
        self.get(name).is_some_and(|l| l.kind == LabelKind::Entity && l.speaks)
    }

    /// Number of labels.
    pub fn len(&self) -> usize {
        self.labels.len()
    }

    /// True if there is none.
    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    /// The labels as a list, to edit (the result goes back through [`LabelSet::new`]).
    pub fn to_vec(&self) -> Vec<Label> {
        self.labels.clone()
    }

    /// True if label `name` exists and is a quote label.
    pub fn is_quote(&self, name: &str) -> bool {
        self.kind_of(name) == Some(LabelKind::Quote)
    }

    /// True if label `name` exists and marks mentions of entities.
    pub fn is_entity(&self, name: &str) -> bool {
        self.kind_of(name) == Some(LabelKind::Entity)
    }

    /// True if label `name` exists and marks cues.
    pub fn is_cue(&self, name: &str) -> bool {
        self.kind_of(name) == Some(LabelKind::Cue)
    }

    /// The kind of label `name`.
    pub fn kind_of(&self, name: &str) -> Option<LabelKind> {
        self.get(name).map(|l| l.kind)
    }
}

/// A ready-made label schema.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Preset {
    /// Person, Organization, Place, Date, Event, Quote, Cue (the default).
    News,
    /// CoNLL-2003 style: PER, ORG, LOC, MISC, plus Quote and Cue.
    Conll,
    /// OntoNotes 5 style: the eighteen entity types, plus Quote and Cue.
    OntoNotes,
}

impl Preset {
    /// All presets, in the order offered.
    pub const ALL: [Preset; 3] = [Preset::News, Preset::Conll, Preset::OntoNotes];

    /// The preset's name, as offered.
    pub fn name(self) -> &'static str {
        match self {
            Preset::News => "News (default)",
            Preset::Conll => "CoNLL (PER, ORG, LOC, MISC)",
            Preset::OntoNotes => "OntoNotes (18 types)",
        }
    }

    /// The preset's labels. Hotkeys are 1–9 then 0 and letters; "s" is never one (it
    /// picks a speaker).
    ///
    /// ```
    /// use marginalia::core::labels::Preset;
    /// let conll = Preset::Conll.labels();
    /// assert_eq!(conll.iter().map(|l| l.name.as_str()).collect::<Vec<_>>(), ["PER", "ORG", "LOC", "MISC", "Quote", "Cue"]);
    /// assert!(conll.can_speak("PER") && conll.can_speak("ORG"));
    /// ```
    pub fn labels(self) -> LabelSet {
        let names: &[&str] = match self {
            Preset::News => return LabelSet::default(),
            Preset::Conll => &["PER", "ORG", "LOC", "MISC"],
            Preset::OntoNotes => &[
                "PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE",
                "DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL",
            ],
        };
        const COLORS: [&str; 10] =
            ["#f4a261", "#6fb7e9", "#7cc47f", "#c9a0dc", "#f2d15c", "#8ecae6", "#e9c46a", "#b5838d", "#90be6d", "#ffafcc"];
        const KEYS: &str = "1234567890abcdefghijklmnopqrtuvwxyz"; // no "s"
        let mut labels: Vec<Label> = names
            .iter()
            .enumerate()
            .map(|(i, name)| Label {
                name: (*name).into(),
                kind: LabelKind::Entity,
                color: COLORS[i % COLORS.len()].into(),
                hotkey: KEYS.chars().nth(i).map(String::from).unwrap_or_default(),
                speaks: SPEAKER_LABELS.contains(name),
            })
            .collect();
        let n = labels.len();
        let key = |i: usize| KEYS.chars().nth(i).map(String::from).unwrap_or_default();
        labels.push(Label { name: "Quote".into(), kind: LabelKind::Quote, color: "#e76f8a".into(), hotkey: key(n), speaks: false });
        labels.push(Label { name: "Cue".into(), kind: LabelKind::Cue, color: "#8d99ae".into(), hotkey: key(n + 1), speaks: false });
        LabelSet { labels }
    }
}

/// True if `color` is exactly `#` followed by six hex digits.
pub fn is_valid_color(color: &str) -> bool {
    color.len() == 7
        && color.starts_with('#')
        && color[1..].chars().all(|c| c.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_set_has_seven_labels_on_keys_one_to_seven() {
        let set = LabelSet::default();
        let keys: Vec<&str> = set.iter().map(|l| l.hotkey.as_str()).collect();
        assert_eq!(keys, ["1", "2", "3", "4", "5", "6", "7"]);
        assert!(set.is_cue("Cue") && set.is_entity("Person") && !set.is_entity("Quote"));
        assert_eq!(set.by_hotkey("6").unwrap().name, "Quote");
        assert!(set.iter().all(|l| is_valid_color(&l.color)));
    }

    #[test]
    fn only_people_and_organisations_speak() {
        let set = LabelSet::default();
        assert!(set.can_speak("Person") && set.can_speak("Organization"));
        assert!(!set.can_speak("Place") && !set.can_speak("Quote"));
    }

    #[test]
    fn colours_that_could_escape_a_style_sheet_are_invalid() {
        assert!(!is_valid_color("red;}body{display:none"));
        assert!(!is_valid_color("#12345g"));
        assert!(is_valid_color("#A0b1C2"));
    }
}
