//! "Who said what": every speaker with their statements in document order, and the same
//! table as CSV and as Markdown for pasting into a spreadsheet or a report.
//!
//! A statement is a quote with the parts joined to it (a quote running over several
//! paragraphs counts once, its parts joined by " … "). A statement with two speakers is
//! listed under each. Statements without a speaker come last, under "(no speaker)".
//!
//! ```
//! use marginalia::core::state::State;
//! use marginalia::core::store::Action;
//! use marginalia::core::fixture::parse;
//! use marginalia::core::who_said_what::{table, to_csv};
//! let (text, marks) = parse("[Quote|“Go”] said [Person|Ana]. [Quote|“Stay”]");
//! let mut state = State::default();
//! state.apply(Action::StartAnnotating { text, replaced_surrogates: 0 });
//! for m in marks { state.apply(Action::ApplyLabel { label: m.label, selection: Some(m.span) }); }
//! let ids: Vec<_> = state.doc.annotations.iter().map(|a| a.id).collect();
//! state.apply(Action::AddSpeakerFromMention { quote: ids[0], mention: ids[1] });
//! let rows = table(&state.doc);
//! assert_eq!((rows[0].speaker.as_str(), rows[0].statements.len()), ("Ana", 1));
//! assert_eq!(rows[1].speaker, "(no speaker)");
//! assert_eq!(to_csv(&state.doc, &rows).lines().nth(1), Some("Ana,Person,1,“Go”,partial,,0,4,a1,“Go” said Ana. “Stay”,,"));
//! ```

use super::annotations::Annotation;
use super::ids::{AnnotationId, EntityId};
use super::document::Document;
use std::collections::HashMap;

/// One speaker and everything they said.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// The speaking entity (none for the statements without a speaker).
    pub entity: Option<EntityId>,
    /// Its name, or "(no speaker)".
    pub speaker: String,
    /// Its label ("Person", "Organization"), or empty.
    pub label: String,
    /// Its statements, in document order.
    pub statements: Vec<Statement>,
}

/// One statement: a quote and the parts joined to it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Statement {
    /// The quote's parts, in document order.
    pub parts: Vec<AnnotationId>,
    /// The text of the parts, joined by " … ".
    pub text: String,
    /// "direct", "partial", "mixed" or empty.
    pub kind: String,
    /// The cue's text ("said"), the first part's that has one.
    pub cue: String,
    /// Where the first part starts and the last ends, in code points.
    pub start: usize,
    /// See `start`.
    pub end: usize,
}

/// The table: speakers in the order they first speak, then "(no speaker)".
pub fn table(doc: &Document) -> Vec<Row> {
    let mut rows: Vec<Row> = Vec::new();
    let mut silent = Row { entity: None, speaker: "(no speaker)".into(), label: String::new(), statements: Vec::new() };
    // Which quotes continue which, gathered once (not one scan per quote).
    let mut followers: HashMap<AnnotationId, Vec<&Annotation>> = HashMap::new();
    for a in doc.annotations.iter().filter(|a| continues_a_quote(doc, a)) {
        followers.entry(a.continues.expect("filtered")).or_default().push(a);
    }
    // The heads of joined quotes, in document order; each head gathers its parts.
    for head in doc.annotations.iter().filter(|a| doc.labels.is_quote(&a.label) && !continues_a_quote(doc, a)) {
        let parts = parts_of(head, &followers);
        let statement = statement(doc, &parts);
        if head.speakers.is_empty() {
            silent.statements.push(statement);
            continue;
        }
        for s in &head.speakers {
            match rows.iter_mut().find(|r| r.entity == Some(*s)) {
                Some(row) => row.statements.push(statement.clone()),
                None => rows.push(Row {
                    entity: Some(*s),
                    speaker: doc.entity_name(*s).to_owned(),
                    label: doc.entities.get(*s).map(|e| e.label.clone()).unwrap_or_default(),
                    statements: vec![statement.clone()],
                }),
            }
        }
    }
    if !silent.statements.is_empty() {
        rows.push(silent);
    }
    rows
}

fn continues_a_quote(doc: &Document, a: &Annotation) -> bool {
    a.continues.and_then(|p| doc.annotations.get(p)).is_some()
}

/// `head` and every quote joined after it, in document order.
fn parts_of<'d>(head: &'d Annotation, followers: &HashMap<AnnotationId, Vec<&'d Annotation>>) -> Vec<&'d Annotation> {
    let mut parts = vec![head];
    let mut i = 0;
    while i < parts.len() {
        parts.extend(followers.get(&parts[i].id).into_iter().flatten().copied());
        i += 1;
    }
    parts.sort_by_key(|a| (a.span.start, a.span.end));
    parts
}

fn statement(doc: &Document, parts: &[&Annotation]) -> Statement {
    let text = parts.iter().map(|p| doc.text_of(p)).collect::<Vec<_>>().join(" … ");
    let cue = parts.iter().find_map(|p| p.cue.and_then(|c| doc.annotations.get(c))).map(|c| doc.text_of(c).to_owned());
    Statement {
        parts: parts.iter().map(|p| p.id).collect(),
        text,
        kind: parts[0].quote_kind.map(|k| k.name().to_owned()).unwrap_or_default(),
        cue: cue.unwrap_or_default(),
        start: parts[0].span.start,
        end: parts.iter().map(|p| p.span.end).max().unwrap_or(parts[0].span.end),
    }
}

/// The table of `doc` as CSV (RFC 4180, one line per statement and speaker): speaker,
/// label, number of the statement for that speaker, quote, kind, cue, start, end,
/// annotation ids, and the document's title, URL and publication date (its source
/// record), so that every line can be cited on its own. A field that a spreadsheet would
/// run as a formula (starting with = + - @) is prefixed with an apostrophe: article text
/// is untrusted.
pub fn to_csv(doc: &Document, rows: &[Row]) -> String {
    let mut out = String::from("speaker,label,number,quote,kind,cue,start,end,ids,title,url,published\n");
    for row in rows {
        for (i, s) in row.statements.iter().enumerate() {
            let ids = s.parts.iter().map(ToString::to_string).collect::<Vec<_>>().join(" ");
            let fields = [
                row.speaker.clone(),
                row.label.clone(),
                (i + 1).to_string(),
                s.text.clone(),
                s.kind.clone(),
                s.cue.clone(),
                s.start.to_string(),
                s.end.to_string(),
                ids,
                doc.title.clone(),
                doc.source.url.clone(),
                doc.source.published.clone(),
            ];
            out.push_str(&fields.iter().map(|f| csv_field(f)).collect::<Vec<_>>().join(","));
            out.push('\n');
        }
    }
    out
}

fn csv_field(field: &str) -> String {
    let field = if field.starts_with(['=', '+', '-', '@', '\t', '\r']) && field.parse::<f64>().is_err() {
        format!("'{field}")
    } else {
        field.to_owned()
    };
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field
    }
}

/// The table of `doc` as a Markdown table: speaker (with their number of statements),
/// number, quote, kind, cue, and the document's title, URL and publication date.
pub fn to_markdown(doc: &Document, rows: &[Row]) -> String {
    let mut out = String::from("| Speaker | # | Quote | Kind | Cue | Title | URL | Published |\n|---|---|---|---|---|---|---|---|\n");
    let (title, url, published) = (doc.title.clone(), doc.source.url.clone(), doc.source.published.clone());
    for row in rows {
        for (i, s) in row.statements.iter().enumerate() {
            let speaker = if i == 0 { format!("{} ({})", row.speaker, row.statements.len()) } else { String::new() };
            let cells = [speaker, (i + 1).to_string(), s.text.clone(), s.kind.clone(), s.cue.clone(), title.clone(), url.clone(), published.clone()];
            out.push_str(&format!("| {} |\n", cells.iter().map(|c| md_cell(c)).collect::<Vec<_>>().join(" | ")));
        }
    }
    out
}

fn md_cell(cell: &str) -> String {
    cell.split_whitespace().collect::<Vec<_>>().join(" ").replace('\\', "\\\\").replace('|', "\\|")
}
