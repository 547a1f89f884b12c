//! brat standoff (<https://brat.nlplab.org/standoff.html>): per document a `.txt` (line
//! breaks as LF) and a `.ann`, and for the folder `annotation.conf`, `visual.conf` (label
//! names and colours) and `kb_shortcuts.conf` (hotkeys). Written and read; in the app the
//! folder is one `.zip`.
//!
//! `.ann` lines (fields separated by a tab, shown as →; offsets in code points, as brat
//! counts them):
//!
//! ```text
//! T1→Person 394 407→Maryam Rahimi                every annotation; a span that crosses
//! T5→Quote 338 360;362 388→“…” “…”               line breaks is split into fragments
//! T9→Attribution 389 393→said                 an attribution's trigger: the cue's span
//! E1→Attribution:T9 Content:T5 Cue:T8 Source:T1 Source2:T4
//!                                               a quote, PolNeAR-style: its content, cue
//!                                               and speakers (the mention of each nearest
//!                                               the quote); without a cue, the trigger
//!                                               is the quote's own span
//! R1→Continues Arg1:T7 Arg2:T5                a quote continuing an earlier one
//! *→Equiv T1 T4 T12                          the mentions of one entity
//! A1→Kind T5 direct                           a quote's kind
//! #1→AnnotatorNotes T5→checked against the video   a note (line breaks become spaces)
//! #2→Source T1→{"url":"https://…","outlet":"…"}   the source record (JSON, as in our
//!                                               export), a comment on the first
//!                                               annotation; none without annotations
//! ```
//!
//! Type names are the labels' names with anything but ASCII letters, digits, `_` and `-`
//! written `_`; `visual.conf` gives the real names back. **Lost**: entity canonical names,
//! line breaks in notes, rejected suggestions (and lone CRs, read by brat as line breaks).
//!
//! **Import** pairs each `.ann` with its `.txt` and reads T, E, R, `*`, A and `#` lines;
//! fragments separated by whitespace only make one span, others make joined quote parts or
//! mentions of one entity. An event with a `Content` argument is an attribution (its
//! trigger is not kept as an annotation of its own); normalisations (`N` lines) group
//! mentions by their reference. Other relations, attributes and events are said in the
//! message as not kept.

use super::draft::{assemble, Draft, Group, Item, Ref};
use super::{stems, File};
use crate::core::annotations::QuoteKind;
use crate::core::document::Document;
use crate::core::import::{CheckedBundle, Problem, ProblemKind};
use crate::core::labels::{Label, LabelKind, LabelSet};
use crate::core::mentions::mentions_by_entity;
use crate::core::offsets::Span;
use std::collections::{BTreeMap, HashMap};

/// Names brat gives a meaning of its own, or we do.
const RESERVED: [&str; 6] = ["Attribution", "Continues", "Equiv", "Kind", "AnnotatorNotes", "Source"];

/// brat type names for every label of `labels`: safe characters, unique, not reserved.
pub fn type_names(labels: &LabelSet) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for l in labels.iter() {
        let mut base: String = l.name.chars().map(|c| if c.is_ascii_alphanumeric() || c == '_' || c == '-' { c } else { '_' }).collect();
        if base.is_empty() || base.starts_with(|c: char| c.is_ascii_digit()) || RESERVED.contains(&base.as_str()) {
            base = format!("L_{base}");
        }
        let mut name = base.clone();
        let mut n = 1;
        while out.iter().any(|(_, t)| *t == name) {
            n += 1;
            name = format!("{base}_{n}");
        }
        out.push((l.name.clone(), name));
    }
    out
}

/// The fragments of `span` in `chars`: runs without a line break, at least one.
fn fragments(chars: &[char], span: Span) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, &c) in chars.iter().enumerate().take(span.end).skip(span.start) {
        match (c == '\n' || c == '\r', start) {
            (true, Some(s)) => {
                out.push(Span::new(s, i));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(Span::new(s, span.end));
    }
    if out.is_empty() {
        out.push(span);
    }
    out
}

fn one_line(s: &str) -> String {
    s.chars().map(|c| if c == '\n' || c == '\r' || c == '\t' { ' ' } else { c }).collect()
}

/// The `.ann` of `doc`, with `names` its label → type map.
pub fn ann(doc: &Document, names: &HashMap<&str, &str>) -> String {
    let chars: Vec<char> = doc.text.as_str().chars().collect();
    let mut out = String::new();
    let mut t_of: HashMap<_, usize> = HashMap::new();
    let mut t = 0;
    let text_of = |frags: &[Span]| frags.iter().map(|f| one_line(&chars[f.start..f.end].iter().collect::<String>())).collect::<Vec<_>>().join(" ");
    let spans_of = |frags: &[Span]| frags.iter().map(|f| format!("{} {}", f.start, f.end)).collect::<Vec<_>>().join(";");
    for a in doc.annotations.iter() {
        t += 1;
        t_of.insert(a.id, t);
        let frags = fragments(&chars, a.span);
        out.push_str(&format!("T{t}\t{} {}\t{}\n", names[a.label.as_str()], spans_of(&frags), text_of(&frags)));
    }
    let by_entity = mentions_by_entity(doc);
    let (mut e, mut r, mut attr, mut note) = (0, 0, 0, 0);
    for q in doc.annotations.iter().filter(|q| doc.labels.is_quote(&q.label)) {
        let trigger_span = q.cue.and_then(|c| doc.annotations.get(c)).map_or(q.span, |c| c.span);
        let frags = fragments(&chars, trigger_span);
        t += 1;
        out.push_str(&format!("T{t}\tAttribution {}\t{}\n", spans_of(&frags), text_of(&frags)));
        e += 1;
        let mut args = format!("E{e}\tAttribution:T{t} Content:T{}", t_of[&q.id]);
        if let Some(c) = q.cue.and_then(|c| t_of.get(&c)) {
            args.push_str(&format!(" Cue:T{c}"));
        }
        for (i, s) in q.speakers.iter().enumerate() {
            let nearest = by_entity.get(s).and_then(|ms| ms.iter().min_by_key(|m| m.span.start.abs_diff(q.span.start)));
            if let Some(m) = nearest {
                let role = if i == 0 { "Source".to_owned() } else { format!("Source{}", i + 1) };
                args.push_str(&format!(" {role}:T{}", t_of[&m.id]));
            }
        }
        out.push_str(&args);
        out.push('\n');
        if let Some(p) = q.continues.and_then(|p| t_of.get(&p)) {
            r += 1;
            out.push_str(&format!("R{r}\tContinues Arg1:T{} Arg2:T{p}\n", t_of[&q.id]));
        }
        if let Some(k) = q.quote_kind {
            attr += 1;
            out.push_str(&format!("A{attr}\tKind T{} {}\n", t_of[&q.id], k.name()));
        }
    }
    for mentions in by_entity.values().filter(|m| m.len() > 1) {
        let ts: Vec<String> = mentions.iter().map(|m| format!("T{}", t_of[&m.id])).collect();
        out.push_str(&format!("*\tEquiv {}\n", ts.join(" ")));
    }
    for a in doc.annotations.iter().filter(|a| !a.note.is_empty()) {
        note += 1;
        out.push_str(&format!("#{note}\tAnnotatorNotes T{}\t{}\n", t_of[&a.id], one_line(&a.note)));
    }
    // The source record: a comment on the first annotation (a brat comment needs one).
    if !doc.source.is_empty() && t_of.values().any(|&n| n == 1) {
        let json = serde_json::to_string(&doc.source).expect("a source record serialises");
        out.push_str(&format!("#{}\tSource T1\t{json}\n", note + 1));
    }
    out
}

/// The `.txt`: the text with lone CRs written as LF (brat reads every line break as one
/// LF; offsets are unchanged).
fn txt(doc: &Document) -> String {
    doc.text.as_str().replace('\r', "\n")
}

/// The configuration of a folder holding `labels`.
pub fn configs(labels: &LabelSet) -> Vec<File> {
    let names = type_names(labels);
    let name_of = |l: &str| names.iter().find(|(n, _)| n == l).map(|(_, t)| t.clone()).unwrap_or_default();
    let of_kind = |k: LabelKind| labels.iter().filter(move |l| l.kind == k).map(|l| name_of(&l.name)).collect::<Vec<_>>();
    let speakers: Vec<String> = labels.iter().filter(|l| labels.can_speak(&l.name)).map(|l| name_of(&l.name)).collect();
    let (quotes, cues, entities) = (of_kind(LabelKind::Quote), of_kind(LabelKind::Cue), of_kind(LabelKind::Entity));
    let alt = |v: &[String], fallback: &str| if v.is_empty() { fallback.to_owned() } else { v.join("|") };
    let mut conf = String::from("# Written by Marginalia: the labels of the exported documents.\n[entities]\n");
    for t in names.iter().map(|(_, t)| t) {
        conf.push_str(&format!("{t}\n"));
    }
    conf.push_str("\n[relations]\n");
    conf.push_str(&format!("Continues\tArg1:{q}, Arg2:{q}\n", q = alt(&quotes, "<ENTITY>")));
    for t in &entities {
        conf.push_str(&format!("Equiv\tArg1:{t}, Arg2:{t}, <REL-TYPE>:symmetric-transitive\n"));
    }
    conf.push_str("<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n");
    conf.push_str("\n[events]\n");
    conf.push_str(&format!("Attribution\tContent:{}, Cue?:{}, Source*:{}\n", alt(&quotes, "<ENTITY>"), alt(&cues, "<ENTITY>"), alt(&speakers, "<ENTITY>")));
    conf.push_str("\n[attributes]\n");
    conf.push_str(&format!("Kind\tArg:{}, Value:direct|partial|mixed\n", alt(&quotes, "<ENTITY>")));
    let mut visual = String::from("[labels]\n");
    for (name, t) in &names {
        visual.push_str(&format!("{t} | {}\n", one_line(name)));
    }
    visual.push_str("Attribution | Attribution\n\n[drawing]\n");
    for l in labels.iter() {
        visual.push_str(&format!("{}\tbgColor:{}\n", name_of(&l.name), l.color));
    }
    visual.push_str("Attribution\tbgColor:#ffffff\n");
    let mut shortcuts = String::new();
    for l in labels.iter().filter(|l| !l.hotkey.is_empty()) {
        shortcuts.push_str(&format!("{}\t{}\n", l.hotkey.to_uppercase(), name_of(&l.name)));
    }
    vec![File::text("annotation.conf", conf), File::text("visual.conf", visual), File::text("kb_shortcuts.conf", shortcuts)]
}

/// The folder for `docs`.
pub fn export(docs: &[&Document]) -> Vec<File> {
    // One schema for the folder: every document's labels, the first's definition winning.
    let mut labels = docs.first().map_or_else(LabelSet::default, |d| d.labels.clone());
    for d in docs.iter().skip(1) {
        for l in d.labels.iter() {
            if labels.get(&l.name).is_none() {
                labels.push(l.clone());
            }
        }
    }
    let names = type_names(&labels);
    let map: HashMap<&str, &str> = names.iter().map(|(l, t)| (l.as_str(), t.as_str())).collect();
    let mut files = Vec::new();
    for (doc, stem) in docs.iter().zip(stems(docs)) {
        files.push(File::text(format!("{stem}.txt"), txt(doc)));
        files.push(File::text(format!("{stem}.ann"), ann(doc, &map)));
    }
    files.extend(configs(&labels));
    files
}

/// The labels a folder's configuration declares, by type name, in its order.
fn read_configs(files: &[File]) -> Labels {
    let text = |name: &str| files.iter().find(|f| f.path.rsplit('/').next() == Some(name)).and_then(|f| std::str::from_utf8(&f.bytes).ok());
    let mut out = Labels::default();
    let sections = |conf: &str| -> Vec<(String, String)> {
        let mut section = String::new();
        let mut lines = Vec::new();
        for line in conf.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
            if line.starts_with('[') {
                section = line.trim_matches(['[', ']']).to_owned();
            } else {
                lines.push((section.clone(), line.to_owned()));
            }
        }
        lines
    };
    let mut events: Vec<String> = Vec::new();
    if let Some(conf) = text("annotation.conf") {
        for (section, line) in sections(conf) {
            let name = line.split(['\t', ' ']).next().unwrap_or("").trim_start_matches('!').to_owned();
            match section.as_str() {
                "entities" if !name.is_empty() && !name.starts_with('<') && out.get(&name).is_none() => {
                    out.0.push((name.clone(), Label { name, kind: LabelKind::Entity, color: String::new(), hotkey: String::new(), speaks: false }));
                }
                "events" => {
                    // Attribution Content:Quote, Cue?:Cue, Source*:Person|Organization
                    for arg in line.split_once(['\t', ' ']).map_or("", |(_, a)| a).split(',') {
                        let Some((role, types)) = arg.trim().split_once(':') else { continue };
                        let role = role.trim_end_matches(['?', '*', '+']);
                        for t in types.split('|').map(str::trim) {
                            events.push(format!("{role}\u{0}{t}"));
                        }
                    }
                }
                _ => {}
            }
        }
    }
    for e in events {
        let (role, t) = e.split_once('\u{0}').expect("joined above");
        if let Some(l) = out.get_mut(t) {
            match role {
                "Content" => l.kind = LabelKind::Quote,
                "Cue" => l.kind = LabelKind::Cue,
                "Source" => l.speaks = true,
                _ => {}
            }
        }
    }
    if let Some(visual) = text("visual.conf") {
        for (section, line) in sections(visual) {
            match section.as_str() {
                "labels" => {
                    let mut parts = line.split('|').map(str::trim);
                    if let (Some(t), Some(display)) = (parts.next(), parts.next()) {
                        if let Some(l) = out.get_mut(t) {
                            l.name = display.to_owned();
                        }
                    }
                }
                "drawing" => {
                    let (t, rest) = line.split_once(['\t', ' ']).unwrap_or((&line, ""));
                    let color = rest.split(',').find_map(|p| p.trim().strip_prefix("bgColor:")).map(str::trim);
                    if let (Some(l), Some(c)) = (out.get_mut(t), color) {
                        l.color = c.to_owned();
                    }
                }
                _ => {}
            }
        }
    }
    if let Some(keys) = text("kb_shortcuts.conf") {
        for line in keys.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
            if let Some((key, t)) = line.split_once(['\t', ' ']) {
                if let Some(l) = out.get_mut(t.trim()) {
                    l.hotkey = key.trim().to_lowercase();
                }
            }
        }
    }
    out
}

/// Declared labels by brat type name, in the configuration's order.
#[derive(Default)]
struct Labels(Vec<(String, Label)>);

impl Labels {
    fn get(&self, t: &str) -> Option<&Label> {
        self.0.iter().find(|(n, _)| n == t).map(|(_, l)| l)
    }

    fn get_mut(&mut self, t: &str) -> Option<&mut Label> {
        self.0.iter_mut().find(|(n, _)| n == t).map(|(_, l)| l)
    }
}

/// True if `files` hold at least one `.ann` with its `.txt`.
pub fn looks_like(files: &[File]) -> bool {
    files.iter().any(|f| f.path.ends_with(".ann") && files.iter().any(|t| t.path == format!("{}.txt", f.path.trim_end_matches(".ann"))))
}

/// Reads every `.ann`/`.txt` pair of `files`.
pub fn import(files: &[File]) -> CheckedBundle {
    let declared = read_configs(files);
    let mut bundle = CheckedBundle::default();
    for ann in files.iter().filter(|f| f.path.ends_with(".ann")) {
        let stem = ann.path.trim_end_matches(".ann");
        let name = stem.rsplit('/').next().unwrap_or(stem).to_owned();
        let Some(txt) = files.iter().find(|t| t.path == format!("{stem}.txt")) else {
            bundle.add(crate::core::import::Checked {
                imported: None,
                problems: vec![Problem { place: ann.path.clone(), kind: ProblemKind::Missing, message: format!("{name}.ann has no {name}.txt beside it.") }],
                dropped: 0,
            });
            continue;
        };
        let (Ok(text), Ok(lines)) = (std::str::from_utf8(&txt.bytes), std::str::from_utf8(&ann.bytes)) else {
            bundle.add(crate::core::import::Checked {
                imported: None,
                problems: vec![Problem { place: ann.path.clone(), kind: ProblemKind::NotText, message: "The .txt or .ann is not UTF-8 text.".into() }],
                dropped: 0,
            });
            continue;
        };
        // brat reads every line break as one LF.
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        bundle.add(assemble(read_ann(&name, text, lines, &declared), "brat standoff"));
    }
    if bundle.documents.is_empty() && bundle.problems.is_empty() {
        bundle.problems.push(Problem { place: "folder".into(), kind: ProblemKind::Missing, message: "There is no .ann file with its .txt here.".into() });
    }
    bundle
}

/// The draft of one `.ann` over `text`.
fn read_ann(name: &str, text: String, lines: &str, declared: &Labels) -> Draft {
    let chars: Vec<char> = text.chars().collect();
    let mut draft = Draft { title: name.to_owned(), labels: declared.0.iter().map(|(_, l)| l.clone()).collect(), ..Draft::default() };
    let label_of = |t: &str| declared.get(t).map_or_else(|| t.to_owned(), |l| l.name.clone());
    // Text-bound annotations first, by id: (type, fragments, stated text).
    let mut tbs: BTreeMap<String, (String, Vec<Span>, String, usize)> = BTreeMap::new();
    let mut unsupported: BTreeMap<String, usize> = BTreeMap::new();
    for (n, line) in lines.lines().enumerate() {
        let place = format!("{name}.ann line {}", n + 1);
        let Some(id) = line.split('\t').next().filter(|id| id.starts_with('T')) else { continue };
        let mut fields = line.splitn(3, '\t').skip(1);
        let (Some(head), stated) = (fields.next(), fields.next().unwrap_or("")) else {
            draft.problems.push(Problem { place, kind: ProblemKind::BadOffsets, message: format!("{id} has no type and offsets.") });
            draft.unread += 1;
            continue;
        };
        let (ty, offsets) = head.split_once(' ').unwrap_or((head, ""));
        let frags: Option<Vec<Span>> = offsets
            .split(';')
            .map(|f| {
                let mut it = f.split_whitespace().map(|x| x.parse::<usize>().ok());
                match (it.next().flatten(), it.next().flatten(), it.next()) {
                    (Some(s), Some(e), None) if s <= e => Some(Span::new(s, e)),
                    _ => None,
                }
            })
            .collect();
        let Some(frags) = frags.filter(|f| !f.is_empty()) else {
            draft.problems.push(Problem { place, kind: ProblemKind::BadOffsets, message: format!("{id}: the offsets “{offsets}” are not pairs of whole numbers.") });
            draft.unread += 1;
            continue;
        };
        if frags.iter().any(|f| f.end > chars.len()) {
            draft.problems.push(Problem { place, kind: ProblemKind::OutsideText, message: format!("{id}: {offsets} does not lie inside the text, which has {} characters.", chars.len()) });
            draft.unread += 1;
            continue;
        }
        let joined: String = frags.iter().map(|f| chars[f.start..f.end].iter().collect::<String>()).collect::<Vec<_>>().join(" ");
        if !stated.is_empty() && one_line(stated) != one_line(&joined) {
            draft.problems.push(Problem { place, kind: ProblemKind::TextMismatch, message: format!("{id} says “{stated}”, but the text there reads “{}”.", crate::core::messages::preview(&joined)) });
            draft.unread += 1;
            continue;
        }
        tbs.insert(id.to_owned(), (ty.to_owned(), frags, place, n));
    }
    // Events, relations, attributes, notes and groups.
    let mut triggers: Vec<String> = Vec::new();
    let mut attributions: Vec<(String, Vec<String>, Option<String>)> = Vec::new(); // content, sources, cue
    let mut continues: Vec<(String, String)> = Vec::new();
    let mut kinds: HashMap<String, QuoteKind> = HashMap::new();
    let mut notes: HashMap<String, String> = HashMap::new();
    let mut groups: Vec<Vec<String>> = Vec::new();
    let mut normal: Vec<(String, String, String)> = Vec::new();
    for line in lines.lines() {
        let mut fields = line.split('\t');
        let id = fields.next().unwrap_or("");
        let body = fields.next().unwrap_or("");
        let rest = fields.next().unwrap_or("");
        let args: Vec<(&str, &str)> = body.split_whitespace().skip(1).filter_map(|a| a.split_once(':')).collect();
        let ty = body.split_whitespace().next().unwrap_or("");
        match id.chars().next() {
            Some('E') => {
                let trigger = body.split_whitespace().next().and_then(|t| t.split_once(':')).map(|(_, t)| t.to_owned());
                let content = args.iter().find(|(r, _)| r.trim_end_matches(char::is_numeric) == "Content").map(|(_, t)| (*t).to_owned());
                match content {
                    Some(content) => {
                        let sources = args.iter().filter(|(r, _)| r.trim_end_matches(char::is_numeric) == "Source").map(|(_, t)| (*t).to_owned()).collect();
                        let cue = args.iter().find(|(r, _)| r.trim_end_matches(char::is_numeric) == "Cue").map(|(_, t)| (*t).to_owned());
                        triggers.extend(trigger);
                        attributions.push((content, sources, cue));
                    }
                    None => *unsupported.entry(format!("{} event", ty.split(':').next().unwrap_or(ty))).or_default() += 1,
                }
            }
            Some('R') if ty == "Continues" => {
                let arg = |n: &str| args.iter().find(|(r, _)| *r == n).map(|(_, t)| (*t).to_owned());
                if let (Some(later), Some(earlier)) = (arg("Arg1"), arg("Arg2")) {
                    continues.push((later, earlier));
                }
            }
            Some('R') => *unsupported.entry(format!("{ty} relation")).or_default() += 1,
            Some('*') if ty == "Equiv" => groups.push(body.split_whitespace().skip(1).map(str::to_owned).collect()),
            Some('A' | 'M') => {
                let mut it = body.split_whitespace();
                match (it.next(), it.next(), it.next()) {
                    (Some("Kind"), Some(t), Some(v)) if QuoteKind::from_name(v).is_some() => {
                        kinds.insert(t.to_owned(), QuoteKind::from_name(v).expect("checked"));
                    }
                    (Some(a), _, _) => *unsupported.entry(format!("{a} attribute")).or_default() += 1,
                    _ => {}
                }
            }
            Some('#') => {
                let mut it = body.split_whitespace();
                match (it.next(), it.next()) {
                    (Some("AnnotatorNotes"), Some(t)) => {
                        notes.insert(t.to_owned(), rest.to_owned());
                    }
                    (Some("Source"), Some(_)) => {
                        if let Ok(source) = serde_json::from_str(rest) {
                            draft.source = source;
                        }
                    }
                    _ => {}
                }
            }
            Some('N') => {
                let mut it = body.split_whitespace();
                if let (Some(_), Some(t), Some(reference)) = (it.next(), it.next(), it.next()) {
                    normal.push((t.to_owned(), reference.to_owned(), rest.to_owned()));
                }
            }
            _ => {}
        }
    }
    let quotes: Vec<&String> = attributions.iter().map(|(c, _, _)| c).collect();
    let cues: Vec<String> = attributions.iter().filter_map(|(_, _, c)| c.clone()).collect();
    // Items: one per fragment run (whitespace-only gaps closed).
    let mut first_key: HashMap<String, String> = HashMap::new();
    for (id, (ty, frags, place, _)) in &tbs {
        if triggers.contains(id) {
            continue;
        }
        let mut runs: Vec<Span> = Vec::new();
        for f in frags {
            match runs.last_mut() {
                Some(last) if chars[last.end.min(f.start)..f.start].iter().all(|c| c.is_whitespace()) && f.start >= last.end => last.end = f.end,
                _ => runs.push(*f),
            }
        }
        let hint = if quotes.contains(&id) {
            Some(LabelKind::Quote)
        } else if cues.contains(id) {
            Some(LabelKind::Cue)
        } else {
            None
        };
        for (i, run) in runs.iter().enumerate() {
            let key = if i == 0 { id.clone() } else { format!("{id}#{}", i + 1) };
            first_key.entry(id.clone()).or_insert_with(|| key.clone());
            draft.items.push(Item {
                key: key.clone(),
                place: place.clone(),
                label: label_of(ty),
                span: *run,
                note: notes.get(id).cloned().unwrap_or_default(),
                kind: kinds.get(id).copied(),
                continues: (i > 0).then(|| if i == 1 { id.clone() } else { format!("{id}#{i}") }),
                entity: (runs.len() > 1 && hint.is_none()).then(|| format!("split:{id}")),
                kind_hint: hint,
                ..Item::default()
            });
        }
    }
    for (content, sources, cue) in &attributions {
        if let Some(item) = draft.items.iter_mut().find(|i| &i.key == content) {
            item.speakers.extend(sources.iter().map(|s| Ref::Item(s.clone())));
            item.cue = cue.clone();
        }
    }
    for (later, earlier) in continues {
        if let Some(item) = draft.items.iter_mut().find(|i| i.key == later) {
            item.continues = Some(earlier);
        }
    }
    for (n, members) in groups.iter().enumerate() {
        let key = format!("equiv:{}", n + 1);
        for m in members {
            if let Some(item) = draft.items.iter_mut().find(|i| &i.key == m) {
                item.entity = Some(key.clone());
            }
        }
        draft.groups.push(Group { key, name: None });
    }
    for (t, reference, name) in normal {
        if let Some(item) = draft.items.iter_mut().find(|i| i.key == t && i.entity.is_none()) {
            item.entity = Some(reference.clone());
        }
        if !draft.groups.iter().any(|g| g.key == reference) {
            draft.groups.push(Group { key: reference, name: (!name.is_empty()).then_some(name) });
        }
    }
    if !unsupported.is_empty() {
        let list: Vec<String> = unsupported.iter().map(|(k, n)| format!("{n} {k}(s)")).collect();
        draft.problems.push(Problem {
            place: format!("{name}.ann"),
            kind: ProblemKind::Unsupported,
            message: format!("Not kept, having no place in Marginalia: {}.", list.join(", ")),
        });
    }
    draft.text = text;
    draft
}
