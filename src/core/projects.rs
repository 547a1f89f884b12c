//! Projects: a body of work with its own label schema. A project holds a name, a label
//! schema (a new document in it starts with it) and its documents, in the order they
//! joined it (the order "Next document" and "Previous document" walk).
//!
//! The projects travel in the session record (`core::session`), so they are written with
//! every save and the open project survives a reload. The record:
//!
//! ```text
//! { "open": "p2", "next": 3,
//!   "list": [ { "id": "p1", "name": "My documents", "labels": { "labels": [ … ] }, "docs": ["d1", "d4"] },
//!             { "id": "p2", "name": "Rights abuses 2026", "labels": { … }, "docs": ["d2", "d3"] } ] }
//! ```
//!
//! A library saved before projects existed has no such record: [`Projects::migrate`] puts
//! every document in one default project with the news schema, and changes no document
//! (lossless: each keeps its own labels). A document in no project's list belongs to the
//! first project; a key whose document is gone is dropped when the projects are restored.
//!
//! A project's schema reaches a document by [`conform`]: the document takes the schema's
//! labels, in its order, and keeps at the end every label of its own that its annotations
//! still use (so no annotation is ever lost or relabelled by it).

use super::document::Document;
use super::ids::{DocNumber, Id};
use super::labels::{Label, LabelSet};
use serde::{Deserialize, Serialize};

/// The name of the project an existing library migrates into.
pub const DEFAULT_NAME: &str = "My documents";

/// One project.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Project {
    /// `p<number>`, never reused.
    pub id: String,
    /// Shown in the library.
    pub name: String,
    /// The schema a new document in the project starts with.
    pub labels: LabelSet,
    /// Keys of its documents (`d<number>`), in the order they joined.
    #[serde(default)]
    pub docs: Vec<String>,
}

/// Every project, and which one is open.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Projects {
    /// The projects, in the order they were made (never empty).
    pub list: Vec<Project>,
    /// The id of the open project.
    pub open: String,
    /// The number the next project gets.
    pub next: u64,
}

impl Default for Projects {
    /// One project, [`DEFAULT_NAME`], with the news schema, open.
    fn default() -> Self {
        Projects {
            list: vec![Project { id: "p1".into(), name: DEFAULT_NAME.into(), labels: LabelSet::default(), docs: Vec::new() }],
            open: "p1".into(),
            next: 2,
        }
    }
}

/// Why a project command was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProjectRefusal {
    /// No project has this id.
    NoSuchProject(String),
    /// A project needs a name.
    EmptyName,
    /// Another project has this name.
    NameTaken(String),
}

impl std::fmt::Display for ProjectRefusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ProjectRefusal::NoSuchProject(id) => write!(f, "There is no project {id}."),
            ProjectRefusal::EmptyName => write!(f, "A project needs a name."),
            ProjectRefusal::NameTaken(name) => write!(f, "There is already a project named “{name}”."),
        }
    }
}

impl Projects {
    /// The projects saved in `stored` (the session's record, absent in a library saved
    /// before projects), with every key of `library` in one of them: a key in no list
    /// joins the first project (in key order), and listed keys not in the library are
    /// dropped. A record that does not parse is treated as absent.
    pub fn migrate(stored: Option<&Projects>, library: &[String]) -> Projects {
        let mut projects = stored.cloned().filter(|p| !p.list.is_empty()).unwrap_or_default();
        for p in &mut projects.list {
            p.docs.retain(|k| library.contains(k));
        }
        let mut loose: Vec<&String> = library.iter().filter(|k| projects.list.iter().all(|p| !p.docs.contains(k))).collect();
        loose.sort_by_key(|k| DocNumber::parse(k).map_or(u64::MAX, |n| n.0));
        projects.list[0].docs.extend(loose.into_iter().cloned());
        if projects.get(&projects.open).is_none() {
            projects.open = projects.list[0].id.clone();
        }
        let highest = projects.list.iter().filter_map(|p| p.id.strip_prefix('p')?.parse::<u64>().ok()).max().unwrap_or(0);
        projects.next = projects.next.max(highest + 1);
        projects
    }

    /// The default projects holding the document `number` (the first visit's sample).
    pub fn with_first(number: DocNumber) -> Projects {
        let mut projects = Projects::default();
        projects.adopt(&number.to_string());
        projects
    }

    /// The project with this id.
    pub fn get(&self, id: &str) -> Option<&Project> {
        self.list.iter().find(|p| p.id == id)
    }

    /// The open project.
    pub fn open(&self) -> &Project {
        self.get(&self.open).unwrap_or(&self.list[0])
    }

    /// The project the document `key` belongs to (the first if none lists it).
    pub fn of(&self, key: &str) -> &Project {
        self.list.iter().find(|p| p.docs.iter().any(|k| k == key)).unwrap_or(&self.list[0])
    }

    /// True if some project lists `key`.
    pub fn lists(&self, key: &str) -> bool {
        self.list.iter().any(|p| p.docs.iter().any(|k| k == key))
    }

    fn get_mut(&mut self, id: &str) -> Result<&mut Project, ProjectRefusal> {
        self.list.iter_mut().find(|p| p.id == id).ok_or_else(|| ProjectRefusal::NoSuchProject(id.to_owned()))
    }

    fn check_name(&self, name: &str, except: Option<&str>) -> Result<String, ProjectRefusal> {
        let name = name.trim();
        if name.is_empty() {
            return Err(ProjectRefusal::EmptyName);
        }
        if self.list.iter().any(|p| Some(p.id.as_str()) != except && p.name.to_lowercase() == name.to_lowercase()) {
            return Err(ProjectRefusal::NameTaken(name.to_owned()));
        }
        Ok(name.to_owned())
    }

    /// Makes a project named `name` with the schema `labels`, opens it, and returns its id.
    pub fn create(&mut self, name: &str, labels: LabelSet) -> Result<String, ProjectRefusal> {
        let name = self.check_name(name, None)?;
        let id = format!("p{}", self.next);
        self.next += 1;
        self.list.push(Project { id: id.clone(), name, labels, docs: Vec::new() });
        self.open = id.clone();
        Ok(id)
    }

    /// Renames the project `id`.
    pub fn rename(&mut self, id: &str, name: &str) -> Result<(), ProjectRefusal> {
        let name = self.check_name(name, Some(id))?;
        self.get_mut(id)?.name = name;
        Ok(())
    }

    /// Opens the project `id` (the library lists it; new documents go to it).
    pub fn select(&mut self, id: &str) -> Result<(), ProjectRefusal> {
        self.get_mut(id)?;
        self.open = id.to_owned();
        Ok(())
    }

    /// Sets the schema of the project `id`.
    pub fn set_labels(&mut self, id: &str, labels: LabelSet) -> Result<(), ProjectRefusal> {
        self.get_mut(id)?.labels = labels;
        Ok(())
    }

    /// Puts the document `key` in the open project if no project has it yet.
    pub fn adopt(&mut self, key: &str) {
        if !self.lists(key) {
            let open = self.open.clone();
            if let Ok(p) = self.get_mut(&open) {
                p.docs.push(key.to_owned());
            }
        }
    }

    /// Moves the document `key` to the end of the project `to`.
    pub fn move_doc(&mut self, key: &str, to: &str) -> Result<(), ProjectRefusal> {
        self.get_mut(to)?;
        for p in &mut self.list {
            p.docs.retain(|k| k != key);
        }
        self.get_mut(to)?.docs.push(key.to_owned());
        Ok(())
    }

    /// The documents of the project after `key` (`forward`) or before it (nearest first),
    /// then, for a document not in the list, all of them from the first or the last: the
    /// order "Next document" and "Previous document" try them in.
    pub fn walk(&self, key: &str, forward: bool) -> Vec<String> {
        let docs = &self.of(key).docs;
        let at = docs.iter().position(|k| k == key);
        let mut order: Vec<String> = match (at, forward) {
            (Some(i), true) => docs[i + 1..].to_vec(),
            (Some(i), false) => docs[..i].iter().rev().cloned().collect(),
            (None, true) => docs.clone(),
            (None, false) => docs.iter().rev().cloned().collect(),
        };
        order.retain(|k| k != key);
        order
    }
}

/// What [`conform`] did to one document's schema.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Conformed {
    /// Labels of the schema the document did not have.
    pub added: Vec<String>,
    /// Labels of its own kept because its annotations use them.
    pub kept: Vec<String>,
    /// Labels of its own, unused, dropped.
    pub dropped: Vec<String>,
}

/// The schema `doc` takes from `schema`: the schema's labels in its order (a label whose
/// annotations are of another kind keeps the kind they need), then every label of the
/// document that annotations use and the schema lacks (without a hotkey another label
/// has); with what changed. Also the rule of "Apply preset".
pub fn conform(doc: &Document, schema: &[Label]) -> (Vec<Label>, Conformed) {
    let in_use: std::collections::HashSet<&str> = doc.annotations.iter().map(|a| a.label.as_str()).collect();
    let used = |name: &str| in_use.contains(name);
    let mut all = schema.to_vec();
    let mut what = Conformed::default();
    for l in &mut all {
        match doc.labels.get(&l.name) {
            Some(old) if old.kind != l.kind && used(&l.name) => l.kind = old.kind,
            Some(_) => {}
            None => what.added.push(l.name.clone()),
        }
    }
    for l in doc.labels.iter() {
        if schema.iter().any(|s| s.name == l.name) {
            continue;
        }
        if used(&l.name) {
            let taken = all.iter().any(|p| !l.hotkey.is_empty() && p.hotkey.eq_ignore_ascii_case(&l.hotkey));
            all.push(Label { hotkey: if taken { String::new() } else { l.hotkey.clone() }, ..l.clone() });
            what.kept.push(l.name.clone());
        } else {
            what.dropped.push(l.name.clone());
        }
    }
    (all, what)
}

impl Conformed {
    /// " Kept because annotations use them: Date, Protest." for a step's message, or nothing.
    pub fn kept_note(&self) -> String {
        if self.kept.is_empty() { String::new() } else { format!(" Kept because annotations use them: {}.", self.kept.join(", ")) }
    }
}

/// "12 documents: 9 changed (labels added: Victim), 3 already had the labels; 1 keeps
/// labels its annotations use (Cue)" — the counts of applying a schema.
pub fn say_applied(results: &[Conformed], unchanged: usize) -> String {
    let changed = results.len();
    let mut added: Vec<&str> = results.iter().flat_map(|r| r.added.iter().map(String::as_str)).collect();
    added.sort_unstable();
    added.dedup();
    let mut text = format!("{} document(s): {changed} changed", changed + unchanged);
    if !added.is_empty() {
        text.push_str(&format!(" (labels added: {})", added.join(", ")));
    }
    text.push_str(&format!(", {unchanged} already had the project's labels"));
    let keeping = results.iter().filter(|r| !r.kept.is_empty()).count();
    if keeping > 0 {
        let mut kept: Vec<&str> = results.iter().flat_map(|r| r.kept.iter().map(String::as_str)).collect();
        kept.sort_unstable();
        kept.dedup();
        text.push_str(&format!("; {keeping} keep labels their annotations use ({})", kept.join(", ")));
    }
    text
}
