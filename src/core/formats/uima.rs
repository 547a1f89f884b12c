//! UIMA CAS, as INCEpTION and DKPro exchange it: XMI with a `TypeSystem.xml` beside it,
//! and the UIMA CAS JSON format (type system inside). Written and read.
//!
//! **Offsets** are UTF-16 code units, as UIMA counts them (converted in `core::offsets`);
//! an offset inside a surrogate pair is refused on import, never rounded.
//!
//! The types (all `uima.tcas.Annotation`s; `TypeSystem.xml` declares them):
//!
//! ```text
//! de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity   a mention: value = its label,
//!                                                             identifier = its entity's IRI
//!                                                             urn:marginalia:<sha256>:e3
//! webanno.custom.Quote      label (the quote label's name), kind (direct|partial|mixed),
//!                           cue (→ webanno.custom.Cue), continues (→ webanno.custom.Quote)
//! webanno.custom.Cue        label
//! webanno.custom.QuoteSpeaker   a relation in INCEpTION's layout: Governor (→ Quote),
//!                           Dependent (→ NamedEntity: the speaker's mention nearest the
//!                           quote), begin/end = the Dependent's
//! webanno.custom.Note       text, annotation (→ the annotation it is about), at its span
//! webanno.custom.SourceRecord   the source record (when set), at 0–0: url, outlet,
//!                           authors (joined with "; "), published, retrieved, note
//! de.tudarmstadt.ukp.dkpro.core.api.metadata.type.DocumentMetaData   documentTitle,
//!                           documentUri (the source URL, when set)
//! ```
//!
//! **Lost**: entity canonical names (the identifier is kept, the name is its first
//! mention's text), label colours and hotkeys, rejected suggestions. **Import** reads those
//! types; feature structures of any other type (tokens, sentences, …) are counted and said
//! in the message, not refused.

use super::draft::{assemble, Draft, Item, Ref};
use super::{stems, File};
use crate::core::annotations::QuoteKind;
use crate::core::document::Document;
use crate::core::ids::AnnotationId;
use crate::core::import::{Checked, Problem, ProblemKind};
use crate::core::labels::LabelKind;
use crate::core::mentions::mentions_by_entity;
use crate::core::offsets::{InsidePair, Span, Utf16Index};
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashMap};

const NE: &str = "de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity";
const META: &str = "de.tudarmstadt.ukp.dkpro.core.api.metadata.type.DocumentMetaData";
const QUOTE: &str = "webanno.custom.Quote";
const CUE: &str = "webanno.custom.Cue";
const SPEAKER: &str = "webanno.custom.QuoteSpeaker";
const NOTE: &str = "webanno.custom.Note";
const SOURCE: &str = "webanno.custom.SourceRecord";
/// The features of [`SOURCE`], each a string (authors joined with "; ").
const SOURCE_FIELDS: [&str; 6] = ["url", "outlet", "authors", "published", "retrieved", "note"];

/// A feature value of a feature structure.
#[derive(Clone, Debug, PartialEq)]
enum V {
    Int(usize),
    Str(String),
    Ref(u64),
}

/// One feature structure: id, type, features in order.
struct Fs {
    id: u64,
    ty: &'static str,
    features: Vec<(&'static str, V)>,
}

/// A type: its name, its supertype and its features (name, range).
type TypeDescription = (&'static str, &'static str, Vec<(&'static str, &'static str)>);

/// The types we write.
fn types() -> Vec<TypeDescription> {
    vec![
        (META, "uima.tcas.DocumentAnnotation", vec![("documentTitle", "uima.cas.String"), ("documentId", "uima.cas.String"), ("documentUri", "uima.cas.String")]),
        (SOURCE, "uima.tcas.Annotation", SOURCE_FIELDS.iter().map(|f| (*f, "uima.cas.String")).collect()),
        (NE, "uima.tcas.Annotation", vec![("value", "uima.cas.String"), ("identifier", "uima.cas.String")]),
        (QUOTE, "uima.tcas.Annotation", vec![("label", "uima.cas.String"), ("kind", "uima.cas.String"), ("cue", CUE), ("continues", QUOTE)]),
        (CUE, "uima.tcas.Annotation", vec![("label", "uima.cas.String")]),
        (SPEAKER, "uima.tcas.Annotation", vec![("Governor", QUOTE), ("Dependent", NE)]),
        (NOTE, "uima.tcas.Annotation", vec![("text", "uima.cas.String"), ("annotation", "uima.tcas.Annotation")]),
    ]
}

/// `TypeSystem.xml`.
pub fn type_system_xml() -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<typeSystemDescription xmlns=\"http://uima.apache.org/resourceSpecifier\">\n  <types>\n");
    for (name, sup, features) in types() {
        out.push_str(&format!("    <typeDescription>\n      <name>{name}</name>\n      <description/>\n      <supertypeName>{sup}</supertypeName>\n      <features>\n"));
        for (f, range) in features {
            out.push_str(&format!("        <featureDescription>\n          <name>{f}</name>\n          <description/>\n          <rangeTypeName>{range}</rangeTypeName>\n        </featureDescription>\n"));
        }
        out.push_str("      </features>\n    </typeDescription>\n");
    }
    out.push_str("  </types>\n</typeSystemDescription>\n");
    out
}

/// The feature structures of `doc` (ids from 2; 1 is the sofa), offsets in UTF-16 units.
fn structures(doc: &Document) -> Vec<Fs> {
    let text = doc.text.as_str();
    let index = Utf16Index::new(text);
    let units = |span: Span| index.span_to_utf16(text, span).expect("spans lie inside the text");
    let base = format!("urn:marginalia:{}", doc.text.sha256_hex());
    let mut fs: Vec<Fs> = Vec::new();
    let mut next = 2u64;
    let mut take = || {
        next += 1;
        next - 1
    };
    fs.push(Fs {
        id: take(),
        ty: META,
        features: vec![("begin", V::Int(0)), ("end", V::Int(index.len_utf16())), ("documentTitle", V::Str(doc.title.clone())), ("documentId", V::Str(base.clone()))]
            .into_iter()
            .chain((!doc.source.url.is_empty()).then(|| ("documentUri", V::Str(doc.source.url.clone()))))
            .collect(),
    });
    if !doc.source.is_empty() {
        let s = &doc.source;
        let values = [s.url.clone(), s.outlet.clone(), s.authors.join("; "), s.published.clone(), s.retrieved.clone(), s.note.clone()];
        let mut features = vec![("begin", V::Int(0)), ("end", V::Int(0))];
        features.extend(SOURCE_FIELDS.into_iter().zip(values).filter(|(_, v)| !v.is_empty()).map(|(f, v)| (f, V::Str(v))));
        fs.push(Fs { id: take(), ty: SOURCE, features });
    }
    let mut id_of: HashMap<AnnotationId, u64> = HashMap::new();
    for a in doc.annotations.iter() {
        id_of.insert(a.id, take());
    }
    let by_entity = mentions_by_entity(doc);
    for a in doc.annotations.iter() {
        let (b, e) = units(a.span);
        let mut features = vec![("begin", V::Int(b)), ("end", V::Int(e))];
        let ty = match doc.labels.kind_of(&a.label) {
            Some(LabelKind::Quote) => {
                features.push(("label", V::Str(a.label.clone())));
                if let Some(k) = a.quote_kind {
                    features.push(("kind", V::Str(k.name().into())));
                }
                if let Some(c) = a.cue.and_then(|c| id_of.get(&c)) {
                    features.push(("cue", V::Ref(*c)));
                }
                if let Some(p) = a.continues.and_then(|p| id_of.get(&p)) {
                    features.push(("continues", V::Ref(*p)));
                }
                QUOTE
            }
            Some(LabelKind::Cue) => {
                features.push(("label", V::Str(a.label.clone())));
                CUE
            }
            _ => {
                features.push(("value", V::Str(a.label.clone())));
                if let Some(e) = a.entity {
                    features.push(("identifier", V::Str(format!("{base}:{e}"))));
                }
                NE
            }
        };
        fs.push(Fs { id: id_of[&a.id], ty, features });
    }
    for q in doc.annotations.iter().filter(|q| doc.labels.is_quote(&q.label)) {
        for s in &q.speakers {
            let nearest = by_entity.get(s).and_then(|ms| ms.iter().min_by_key(|m| m.span.start.abs_diff(q.span.start)));
            if let Some(m) = nearest {
                let (b, e) = units(m.span);
                let features = vec![("begin", V::Int(b)), ("end", V::Int(e)), ("Governor", V::Ref(id_of[&q.id])), ("Dependent", V::Ref(id_of[&m.id]))];
                fs.push(Fs { id: take(), ty: SPEAKER, features });
            }
        }
    }
    for a in doc.annotations.iter().filter(|a| !a.note.is_empty()) {
        let (b, e) = units(a.span);
        let features = vec![("begin", V::Int(b)), ("end", V::Int(e)), ("text", V::Str(a.note.clone())), ("annotation", V::Ref(id_of[&a.id]))];
        fs.push(Fs { id: take(), ty: NOTE, features });
    }
    fs
}

/// XML attribute text: `&`, `<`, `>`, `"` and the whitespace an attribute would fold.
pub fn attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            // Not allowed in XML 1.0 at all.
            c if (c as u32) < 0x20 => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// XMI files and `TypeSystem.xml`.
pub fn export_xmi(docs: &[&Document]) -> Vec<File> {
    let mut files: Vec<File> = docs.iter().zip(stems(docs)).map(|(d, s)| File::text(format!("{s}.xmi"), xmi(d))).collect();
    files.push(File::text("TypeSystem.xml", type_system_xml()));
    files
}

fn prefix(ty: &str) -> &'static str {
    match ty {
        NE => "type",
        META => "type2",
        _ => "custom",
    }
}

/// One document as XMI.
pub fn xmi(doc: &Document) -> String {
    let mut out = String::from(concat!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
        "<xmi:XMI xmlns:xmi=\"http://www.omg.org/XMI\" xmlns:cas=\"http:///uima/cas.ecore\" ",
        "xmlns:type=\"http:///de/tudarmstadt/ukp/dkpro/core/api/ner/type.ecore\" ",
        "xmlns:type2=\"http:///de/tudarmstadt/ukp/dkpro/core/api/metadata/type.ecore\" ",
        "xmlns:custom=\"http:///webanno/custom.ecore\" xmi:version=\"2.0\">\n",
        "  <cas:NULL xmi:id=\"0\"/>\n"
    ));
    let all = structures(doc);
    for fs in &all {
        let local = fs.ty.rsplit('.').next().unwrap_or(fs.ty);
        out.push_str(&format!("  <{}:{local} xmi:id=\"{}\" sofa=\"1\"", prefix(fs.ty), fs.id));
        for (name, value) in &fs.features {
            let v = match value {
                V::Int(n) => n.to_string(),
                V::Str(s) => attr(s),
                V::Ref(r) => r.to_string(),
            };
            out.push_str(&format!(" {name}=\"{v}\""));
        }
        out.push_str("/>\n");
    }
    out.push_str(&format!("  <cas:Sofa xmi:id=\"1\" sofaNum=\"1\" sofaID=\"_InitialView\" mimeType=\"text/plain\" sofaString=\"{}\"/>\n", attr(doc.text.as_str())));
    let members: Vec<String> = all.iter().map(|f| f.id.to_string()).collect();
    out.push_str(&format!("  <cas:View sofa=\"1\" members=\"{}\"/>\n</xmi:XMI>\n", members.join(" ")));
    out
}

/// One JSON file per document.
pub fn export_json(docs: &[&Document]) -> Vec<File> {
    docs.iter().zip(stems(docs)).map(|(d, s)| File::text(format!("{s}.uima.json"), serde_json::to_string_pretty(&cas_json(d)).expect("JSON values serialise") + "\n")).collect()
}

/// One document in the UIMA CAS JSON format.
pub fn cas_json(doc: &Document) -> Value {
    let mut type_map = serde_json::Map::new();
    for (name, sup, features) in types() {
        let mut t = serde_json::Map::new();
        t.insert("%NAME".into(), json!(name));
        t.insert("%SUPER_TYPE".into(), json!(sup));
        for (f, range) in features {
            t.insert(f.into(), json!({"%NAME": f, "%RANGE": range}));
        }
        type_map.insert(name.into(), Value::Object(t));
    }
    let all = structures(doc);
    let mut list = vec![json!({"%ID": 1, "%TYPE": "uima.cas.Sofa", "sofaNum": 1, "sofaID": "_InitialView", "mimeType": "text/plain", "sofaString": doc.text.as_str()})];
    for fs in &all {
        let mut o = serde_json::Map::new();
        o.insert("%ID".into(), json!(fs.id));
        o.insert("%TYPE".into(), json!(fs.ty));
        o.insert("@sofa".into(), json!(1));
        for (name, value) in &fs.features {
            match value {
                V::Int(n) => o.insert((*name).into(), json!(n)),
                V::Str(s) => o.insert((*name).into(), json!(s)),
                V::Ref(r) => o.insert(format!("@{name}"), json!(r)),
            };
        }
        list.push(Value::Object(o));
    }
    json!({
        "%TYPES": type_map,
        "%FEATURE_STRUCTURES": list,
        "%VIEWS": {"_InitialView": {"%SOFA": 1, "%MEMBERS": all.iter().map(|f| f.id).collect::<Vec<_>>()}}
    })
}

/// A feature structure as read: its type's full name and its features as text.
struct Read {
    ty: String,
    features: BTreeMap<String, String>,
}

/// Reads an XMI file.
pub fn import_xmi(text: &str, name: &str) -> Checked {
    let doc = match roxmltree::Document::parse_with_options(text, roxmltree::ParsingOptions { allow_dtd: false, nodes_limit: u32::MAX }) {
        Ok(d) => d,
        Err(e) => return refused(ProblemKind::NotJson, format!("This is not well-formed XML: {e}.")),
    };
    let mut sofa = None;
    let mut all: BTreeMap<String, Read> = BTreeMap::new();
    for node in doc.root_element().children().filter(|n| n.is_element()) {
        let ns = node.tag_name().namespace().unwrap_or("");
        let local = node.tag_name().name();
        // http:///de/tudarmstadt/ukp/dkpro/core/api/ner/type.ecore + NamedEntity
        let package = ns.trim_start_matches("http:///").trim_end_matches(".ecore").replace('/', ".");
        let ty = if package.is_empty() { local.to_owned() } else { format!("{package}.{local}") };
        if ty == "uima.cas.Sofa" {
            sofa = node.attribute("sofaString").map(str::to_owned);
            continue;
        }
        let id = node.attributes().find(|a| a.name() == "id").map(|a| a.value().to_owned()).unwrap_or_default();
        let features = node.attributes().filter(|a| a.namespace().is_none()).map(|a| (a.name().to_owned(), a.value().to_owned())).collect();
        all.insert(id, Read { ty, features });
    }
    let Some(text) = sofa else { return refused(ProblemKind::Missing, "The CAS has no sofa (document text).".into()) };
    draft(text, all, name, "UIMA CAS XMI")
}

/// Reads a UIMA CAS JSON file.
pub fn import_json(value: &Value, name: &str) -> Checked {
    let mut sofa = None;
    let mut all: BTreeMap<String, Read> = BTreeMap::new();
    for fs in value.get("%FEATURE_STRUCTURES").and_then(Value::as_array).into_iter().flatten() {
        let ty = fs.get("%TYPE").and_then(Value::as_str).unwrap_or("").to_owned();
        if ty == "uima.cas.Sofa" {
            sofa = fs.get("sofaString").and_then(Value::as_str).map(str::to_owned);
            continue;
        }
        let id = fs.get("%ID").map(|v| v.to_string()).unwrap_or_default();
        let features = fs
            .as_object()
            .into_iter()
            .flatten()
            .filter(|(k, _)| !k.starts_with('%'))
            .map(|(k, v)| (k.trim_start_matches('@').to_owned(), v.as_str().map_or_else(|| v.to_string(), str::to_owned)))
            .collect();
        all.insert(id, Read { ty, features });
    }
    let Some(text) = sofa else { return refused(ProblemKind::Missing, "The CAS has no sofa (document text).".into()) };
    draft(text, all, name, "UIMA CAS JSON")
}

fn refused(kind: ProblemKind, message: String) -> Checked {
    Checked { imported: None, problems: vec![Problem { place: "file".into(), kind, message }], dropped: 0 }
}

/// The draft of a CAS read from either encoding.
fn draft(text: String, all: BTreeMap<String, Read>, name: &str, read_as: &str) -> Checked {
    let index = Utf16Index::new(&text);
    let mut draft = Draft { title: name.trim_end_matches(".xmi").trim_end_matches(".json").trim_end_matches(".uima").to_owned(), text, ..Draft::default() };
    let mut others: BTreeMap<String, usize> = BTreeMap::new();
    let span_of = |draft: &mut Draft, id: &str, fs: &Read| -> Option<Span> {
        let num = |k: &str| fs.features.get(k).and_then(|v| v.parse::<usize>().ok());
        let (b, e) = (num("begin")?, num("end")?);
        let place = format!("{} {id}", fs.ty.rsplit('.').next().unwrap_or(""));
        match (index.char_of(&draft.text, b), index.char_of(&draft.text, e)) {
            (Ok(b), Ok(e)) => Some(Span::new(b, e)),
            (Err(why), _) | (_, Err(why)) => {
                let message = match why {
                    InsidePair::Inside(_) => "An offset falls inside a surrogate pair (between the two halves of one character): it is not a UTF-16 boundary.".to_owned(),
                    InsidePair::PastEnd => "An offset lies past the end of the text.".to_owned(),
                };
                draft.problems.push(Problem { place, kind: ProblemKind::OutsideText, message });
                draft.unread += 1;
                None
            }
        }
    };
    for (id, fs) in &all {
        let f = |k: &str| fs.features.get(k).cloned();
        let key = id.clone();
        match fs.ty.as_str() {
            NE | QUOTE | CUE => {
                let Some(span) = span_of(&mut draft, id, fs) else { continue };
                let place = format!("{} {id}", fs.ty.rsplit('.').next().unwrap_or(""));
                let mut item = Item { key, place, span, ..Item::default() };
                match fs.ty.as_str() {
                    NE => {
                        item.label = f("value").unwrap_or_else(|| "NamedEntity".into());
                        item.entity = f("identifier");
                    }
                    QUOTE => {
                        item.label = f("label").unwrap_or_else(|| "Quote".into());
                        item.kind = f("kind").and_then(|k| QuoteKind::from_name(&k));
                        item.cue = f("cue");
                        item.continues = f("continues");
                        item.kind_hint = Some(LabelKind::Quote);
                    }
                    _ => {
                        item.label = f("label").unwrap_or_else(|| "Cue".into());
                        item.kind_hint = Some(LabelKind::Cue);
                    }
                }
                draft.items.push(item);
            }
            SPEAKER | NOTE | META => {}
            SOURCE => {
                let text = |k: &str| f(k).unwrap_or_default();
                draft.source = crate::core::source::Source {
                    url: text("url"),
                    outlet: text("outlet"),
                    authors: text("authors").split(';').map(str::trim).filter(|a| !a.is_empty()).map(str::to_owned).collect(),
                    published: text("published"),
                    retrieved: text("retrieved"),
                    note: text("note"),
                };
            }
            "uima.tcas.DocumentAnnotation" => {}
            other => *others.entry(other.to_owned()).or_default() += 1,
        }
    }
    for fs in all.values() {
        let f = |k: &str| fs.features.get(k).cloned();
        match fs.ty.as_str() {
            SPEAKER => {
                if let (Some(q), Some(s)) = (f("Governor"), f("Dependent")) {
                    if let Some(item) = draft.items.iter_mut().find(|i| i.key == q) {
                        item.speakers.push(Ref::Item(s));
                    }
                }
            }
            NOTE => {
                if let (Some(target), Some(text)) = (f("annotation"), f("text")) {
                    if let Some(item) = draft.items.iter_mut().find(|i| i.key == target) {
                        item.note = text;
                    }
                }
            }
            META => {
                if let Some(t) = f("documentTitle").filter(|t| !t.is_empty()) {
                    draft.title = t;
                }
            }
            _ => {}
        }
    }
    // Other types (tokens, sentences, …) have no place here: said, not refused.
    let read_as = if others.is_empty() {
        read_as.to_owned()
    } else {
        let list: Vec<String> = others.iter().map(|(ty, n)| format!("{n} {}", ty.rsplit('.').next().unwrap_or(ty))).collect();
        format!("{read_as} (not kept, having no place in Marginalia: {})", list.join(", "))
    };
    assemble(draft, &read_as)
}
