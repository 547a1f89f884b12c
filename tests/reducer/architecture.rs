//! The shape of the source, as ARCHITECTURE.md states it: the layers of `core` and the one
//! direction of its imports, and no import circle anywhere in `src/`. The test reads the
//! source files as text: every `crate::…` and `super::…` path outside `#[cfg(test)]` code
//! and comments is an import of the module it names.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The layers of `core`, lowest first, and the top-level modules in each. A module may
/// import from its own layer and the layers below it, never from one above.
const LAYERS: &[(&str, &[&str])] = &[
    ("model", &["offsets", "ids", "text", "messages", "colors", "labels", "annotations", "entities", "revisions", "provenance", "source", "document", "mentions"]),
    (
        "operations",
        &[
            "edits", "history", "merge", "realign", "snap", "find", "paint", "highlight_css", "rows", "who_said_what", "report", "detect", "export", "import",
            "formats", "agreement", "library", "projects", "search", "library_history", "oplog", "pending", "fixture",
        ],
    ),
    ("reducer", &["state", "store", "reduce"]),
    ("session", &["session", "import_plan", "keymap"]),
];

/// A module of the crate, as a path below `src/`: `core::detect::words`, `ui::app`.
type Module = String;

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file below `dir`, with the module it is.
fn modules(dir: &Path, prefix: &[String], out: &mut BTreeMap<Module, PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for path in entries {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        if path.is_dir() {
            let mut inner = prefix.to_vec();
            inner.push(name);
            modules(&path, &inner, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let mut parts = prefix.to_vec();
            if name != "mod" {
                parts.push(name);
            }
            out.insert(parts.join("::"), path);
        }
    }
}

/// The code of a file that imports: without `#[cfg(test)]` code (the rest of the file
/// after it) and without comments.
fn code(path: &Path) -> String {
    strip(&std::fs::read_to_string(path).unwrap())
}

/// `text` up to `#[cfg(test)]`, without `//` comments (those outside string literals).
fn strip(text: &str) -> String {
    let text = text.split("#[cfg(test)]").next().unwrap();
    let uncommented = |line: &str| -> String {
        let mut in_string = false;
        let mut previous = ' ';
        for (i, c) in line.char_indices() {
            match c {
                '"' if previous != '\\' => in_string = !in_string,
                '/' if !in_string && line[i + 1..].starts_with('/') => return line[..i].to_owned(),
                _ => {}
            }
            previous = c;
        }
        line.to_owned()
    };
    text.lines().map(uncommented).collect::<Vec<_>>().join("\n")
}

/// The modules that `module` (whose code is `code`) names, resolved against `all`.
fn imports(module: &str, code: &str, all: &BTreeMap<Module, PathBuf>) -> BTreeSet<Module> {
    let own: Vec<&str> = module.split("::").collect();
    // `super` is the parent of this module (in a `mod.rs` file, the folder's parent).
    let base_of_super = |ups: usize| -> Option<Vec<&str>> { own.len().checked_sub(ups).map(|d| own[..d].to_vec()) };
    let mut found = BTreeSet::new();
    let bytes = code.as_bytes();
    let mut i = 0;
    while i < code.len() {
        let rest = &code[i..];
        let (base, after): (Option<Vec<&str>>, &str) = if let Some(r) = rest.strip_prefix("crate::") {
            (Some(Vec::new()), r)
        } else if rest.starts_with("super::") {
            let mut ups = 0;
            let mut r = rest;
            while let Some(x) = r.strip_prefix("super::") {
                ups += 1;
                r = x;
            }
            (base_of_super(ups), r)
        } else {
            i += rest.chars().next().map_or(1, char::len_utf8);
            continue;
        };
        // A path is only an import where it starts a word.
        let starts_word = i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_' || bytes[i - 1] == b':');
        i += rest.len() - after.len();
        let Some(base) = base.filter(|_| starts_word) else { continue };
        // `{a, b::c}` after the prefix: each item is a path of its own.
        let tails: Vec<String> = if let Some(group) = after.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            group[..end].split(',').map(|s| s.trim().to_owned()).collect()
        } else {
            vec![after.chars().take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':').collect()]
        };
        for tail in tails {
            let mut path: Vec<String> = base.iter().map(|s| s.to_string()).collect();
            path.extend(tail.split("::").filter(|s| !s.is_empty()).map(str::to_owned));
            // The longest prefix of the path that is a module.
            while !path.is_empty() && !all.contains_key(&path.join("::")) {
                path.pop();
            }
            let target = path.join("::");
            if !target.is_empty() && target != module {
                found.insert(target);
            }
        }
    }
    found
}

fn graph() -> BTreeMap<Module, BTreeSet<Module>> {
    let mut all = BTreeMap::new();
    modules(&src(), &[], &mut all);
    all.iter()
        .map(|(m, path)| (m.clone(), imports(m, &code(path), &all)))
        .collect()
}

fn layer_of(module: &str) -> Option<usize> {
    let top = module.strip_prefix("core::")?.split("::").next()?;
    LAYERS.iter().position(|(_, names)| names.contains(&top))
}

#[test]
fn every_core_module_has_a_layer() {
    let missing: Vec<Module> =
        graph().into_keys().filter(|m| m.starts_with("core::") && layer_of(m).is_none()).collect();
    assert!(missing.is_empty(), "give these modules a layer in tests/architecture.rs and ARCHITECTURE.md: {missing:?}");
}

#[test]
fn core_imports_only_from_its_own_layer_and_below() {
    let mut wrong = Vec::new();
    for (module, targets) in graph() {
        let Some(from) = layer_of(&module) else { continue };
        for target in targets {
            if !target.starts_with("core") {
                wrong.push(format!("{module} imports {target}, outside core"));
            } else if let Some(to) = layer_of(&target).filter(|&to| to > from) {
                wrong.push(format!("{module} ({}) imports {target} ({}), a layer above", LAYERS[from].0, LAYERS[to].0));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn no_module_of_src_is_in_an_import_circle() {
    let graph = graph();
    // Tarjan's strongly connected components; any with two or more modules is a circle.
    struct Walk<'g> {
        graph: &'g BTreeMap<Module, BTreeSet<Module>>,
        index: BTreeMap<&'g str, usize>,
        low: BTreeMap<&'g str, usize>,
        stack: Vec<&'g str>,
        on_stack: BTreeSet<&'g str>,
        circles: Vec<Vec<&'g str>>,
    }
    impl<'g> Walk<'g> {
        fn visit(&mut self, v: &'g str) {
            let n = self.index.len();
            self.index.insert(v, n);
            self.low.insert(v, n);
            self.stack.push(v);
            self.on_stack.insert(v);
            for w in self.graph.get(v).into_iter().flatten() {
                let w = w.as_str();
                if !self.index.contains_key(w) {
                    self.visit(w);
                    let low = self.low[v].min(self.low[w]);
                    self.low.insert(v, low);
                } else if self.on_stack.contains(w) {
                    let low = self.low[v].min(self.index[w]);
                    self.low.insert(v, low);
                }
            }
            if self.low[v] == self.index[v] {
                let mut component = Vec::new();
                while let Some(w) = self.stack.pop() {
                    self.on_stack.remove(w);
                    component.push(w);
                    if w == v {
                        break;
                    }
                }
                if component.len() > 1 {
                    component.sort();
                    self.circles.push(component);
                }
            }
        }
    }
    let mut walk = Walk { graph: &graph, index: BTreeMap::new(), low: BTreeMap::new(), stack: Vec::new(), on_stack: BTreeSet::new(), circles: Vec::new() };
    for v in graph.keys() {
        if !walk.index.contains_key(v.as_str()) {
            walk.visit(v);
        }
    }
    let circles: Vec<String> = walk.circles.iter().map(|c| c.join(" ↔ ")).collect();
    assert!(circles.is_empty(), "modules that import each other in a circle:\n{}", circles.join("\n"));
}

#[test]
fn the_parser_sees_imports_of_each_form() {
    let mut all = BTreeMap::new();
    for m in ["core::store", "core::document", "core::detect", "core::detect::words", "core::messages", "ui::app", "ui::intent"] {
        all.insert(m.to_owned(), PathBuf::new());
    }
    let code = "use super::document::Document;\nuse super::{Category, Mention};\nlet x = super::super::messages::preview(t);\nuse crate::ui::intent::{Intent, DocProps};\nsuper::words::Words::new(t)";
    let found = imports("core::detect::words", &strip(code), &all);
    assert_eq!(found, ["core::detect", "core::messages", "ui::intent"].map(String::from).into_iter().collect());
    let found = imports("core::store", &strip("use super::document::Document; // super::messages\nsome_super::x = \"// not a comment\";"), &all);
    assert_eq!(found, ["core::document"].map(String::from).into_iter().collect(), "comments and other words are not imports");
}
