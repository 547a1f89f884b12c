//! The training corpora, read into labelled sentences for `marginalia train`.
//!
//! **GUM** (CoNLL-U, `../shared/corpora/gum-train/`): column 2 is the token, column 4 its
//! part of speech, column 7 its head, and `Entity=` in column 10 brackets the mentions
//! (`(id-type-…` opens one, `id)` closes it, `(id-type-…)` is a one-token mention). GUM
//! marks every referring expression, so a mention is kept only when it is a *name*: its
//! head (the token whose head lies outside the mention) is a proper noun, the rule
//! `../shared/corpora/gum-news/README.md` gives for the evaluation set. Types: person →
//! PER, organization → ORG, place → LOC, event → EVENT; times are the rules'
//! (`detect::combine`), and other types are not names.
//!
//! A flat tagger cannot nest, and a suggestion should be the name itself ("Donald Trump",
//! not "U.S. President Donald Trump's"), so each name is cut to its *core*: the tokens
//! around its head that are capitalised or proper nouns, joined by connectors ("of",
//! "the", "de", "bin", "&", "-"), never a token of a smaller name inside it, never a
//! connector at either end, and no article, stop word or title before the head. Names are
//! cut smallest first. So "the Daughters of the American Revolution Constitution Hall in
//! Washington D.C." teaches four names: "Daughters" (ORG), "American Revolution" (EVENT),
//! "Constitution Hall" and "Washington D.C." (LOC), each covering the head word the
//! evaluation looks for.
//!
//! **Universal NER** (IOB2, `../shared/corpora/uner-ewt/`): token in column 2, tag in
//! column 3 (PER, ORG, LOC), documents opened by `# newdoc id`.
//!
//! ```
//! use marginalia::core::detect::tagger::corpus::read_iob2;
//! let docs = read_iob2("# newdoc id = a\n1\tMet\tO\t-\t-\n2\tAli\tB-PER\t-\t-\n3\tRezaei\tI-PER\t-\t-\n");
//! assert_eq!(docs[0].sentences[0].tags, ["O", "B-PER", "I-PER"]);
//! ```

use crate::core::detect::entities::word_lists;

/// One labelled sentence.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sentence {
    /// Its tokens.
    pub tokens: Vec<String>,
    /// One tag a token: "O", "B-PER", "I-PER", …
    pub tags: Vec<String>,
}

/// One document of a corpus.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Doc {
    /// Its id.
    pub id: String,
    /// Its sentences.
    pub sentences: Vec<Sentence>,
}

/// A CoNLL-U token, as far as the reader needs it.
struct Row {
    form: String,
    upos: String,
    head: usize,
    entity: String,
}

/// A GUM mention in one sentence: tokens `start..end` (0-based), its type and head.
#[derive(Clone, Copy, Debug)]
struct Span {
    start: usize,
    end: usize,
    kind: &'static str,
    head: usize,
}

/// The documents of a file of tab-separated token lines: `# newdoc id = …` opens a
/// document, a blank line ends a sentence, other `#` lines are comments. `row` reads a
/// token line's columns (`None` skips it); `sentence` labels a sentence's rows.
fn read_blocks<R>(text: &str, row: impl Fn(&[&str]) -> Option<R>, sentence: impl Fn(&[R]) -> Sentence) -> Vec<Doc> {
    let mut docs: Vec<Doc> = Vec::new();
    let mut rows: Vec<R> = Vec::new();
    let finish = |rows: &mut Vec<R>, docs: &mut Vec<Doc>| {
        if rows.is_empty() {
            return;
        }
        if docs.is_empty() {
            docs.push(Doc::default());
        }
        docs.last_mut().expect("a document").sentences.push(sentence(rows));
        rows.clear();
    };
    for line in text.lines() {
        if let Some(id) = line.strip_prefix("# newdoc id = ") {
            finish(&mut rows, &mut docs);
            docs.push(Doc { id: id.trim().to_owned(), sentences: Vec::new() });
        } else if line.trim().is_empty() {
            finish(&mut rows, &mut docs);
        } else if !line.starts_with('#') {
            let cols: Vec<&str> = line.split('\t').collect();
            rows.extend(row(&cols));
        }
    }
    finish(&mut rows, &mut docs);
    docs
}

/// The documents of a GUM CoNLL-U file.
pub fn read_gum(text: &str) -> Vec<Doc> {
    let row = |cols: &[&str]| {
        if cols.len() < 10 || cols[0].contains(['-', '.']) {
            return None; // multi-word tokens and empty nodes
        }
        let entity = cols[9].split('|').find_map(|m| m.strip_prefix("Entity=")).unwrap_or("").to_owned();
        Some(Row { form: cols[1].to_owned(), upos: cols[3].to_owned(), head: cols[6].parse().unwrap_or(0), entity })
    };
    read_blocks(text, row, gum_sentence)
}

/// GUM's entity type as a tag type. Times are left to the rules (`detect::combine`), so the
/// tagger is not taught them.
fn gum_kind(etype: &str) -> Option<&'static str> {
    match etype {
        "person" => Some("PER"),
        "organization" => Some("ORG"),
        "place" => Some("LOC"),
        "event" => Some("EVENT"),
        _ => None,
    }
}

/// The mentions of a sentence that are names.
fn gum_names(rows: &[Row]) -> Vec<Span> {
    let mut open: Vec<(String, Option<&'static str>, usize)> = Vec::new();
    let mut mentions: Vec<(usize, usize, Option<&'static str>)> = Vec::new();
    for (k, row) in rows.iter().enumerate() {
        let s = row.entity.as_str();
        let mut i = 0;
        let bytes = s.as_bytes();
        while i < bytes.len() {
            if bytes[i] == b'(' {
                let rest = &s[i + 1..];
                let end = rest.find(['(', ')']).unwrap_or(rest.len());
                let descriptor = &rest[..end];
                let mut fields = descriptor.split('-');
                let id = fields.next().unwrap_or("").to_owned();
                let kind = fields.next().and_then(gum_kind);
                if rest[end..].starts_with(')') {
                    mentions.push((k, k + 1, kind));
                    i += end + 2;
                } else {
                    open.push((id, kind, k));
                    i += end + 1;
                }
            } else if bytes[i].is_ascii_digit() {
                let rest = &s[i..];
                let end = rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len());
                let id = &rest[..end];
                if let Some(p) = open.iter().rposition(|(o, _, _)| o == id) {
                    let (_, kind, start) = open.remove(p);
                    mentions.push((start, k + 1, kind));
                }
                i += end + 1;
            } else {
                i += 1;
            }
        }
    }
    let mut names = Vec::new();
    for (start, end, kind) in mentions {
        let Some(kind) = kind else { continue };
        // The head: the first token whose head lies outside the mention.
        let head = (start..end).find(|&t| rows[t].head == 0 || rows[t].head - 1 < start || rows[t].head > end).unwrap_or(start);
        if rows[head].upos == "PROPN" {
            names.push(Span { start, end, kind, head });
        }
    }
    names
}

/// Connectors inside a name: the rules' connectors ("of", "the", "bin"…), "and", and the
/// marks "&", "-", ".", "'".
fn is_connector(form: &str) -> bool {
    matches!(form, "and" | "&" | "-" | "." | "'") || word_lists(&form.to_lowercase()).any(|l| l == "conn")
}

/// The labelled sentence of GUM rows, each name cut to its core (see the module's doc).
fn gum_sentence(rows: &[Row]) -> Sentence {
    let n = rows.len();
    let mut names = gum_names(rows);
    names.sort_by_key(|m| (m.end - m.start, m.start));
    let mut claimed: Vec<bool> = vec![false; n];
    let mut tags: Vec<String> = vec!["O".to_owned(); n];
    for m in names {
        let core = |t: usize| rows[t].upos == "PROPN" || rows[t].form.chars().next().is_some_and(char::is_uppercase);
        let joins = |t: usize| is_connector(&rows[t].form);
        let anchor = m.head;
        if claimed[anchor] {
            continue;
        }
        let (mut a, mut b) = (anchor, anchor);
        while a > m.start && !claimed[a - 1] && (core(a - 1) || joins(a - 1)) {
            a -= 1;
        }
        while b + 1 < m.end && !claimed[b + 1] && (core(b + 1) || joins(b + 1)) {
            b += 1;
        }
        // Before the head: no article, stop word or title ("The President", "U.S.
        // President Donald Trump" teach "President" and "Donald Trump").
        let lead = |t: usize| rows[t].upos == "DET" || word_lists(&rows[t].form).any(|l| matches!(l, "stop" | "title" | "title-mod"));
        while a < b && (!core(a) || (a < anchor && lead(a))) {
            a += 1;
        }
        while b > a && !core(b) {
            b -= 1;
        }
        for t in a..=b {
            claimed[t] = true;
            tags[t] = format!("{}-{}", if t == a { "B" } else { "I" }, m.kind);
        }
    }
    Sentence { tokens: rows.iter().map(|r| r.form.clone()).collect(), tags }
}

/// The documents of a Universal NER IOB2 file (tags other than PER, ORG and LOC read as O).
pub fn read_iob2(text: &str) -> Vec<Doc> {
    let row = |cols: &[&str]| {
        let tag = match cols.get(2)?.split_once('-') {
            Some((bio @ ("B" | "I"), kind @ ("PER" | "ORG" | "LOC"))) => format!("{bio}-{kind}"),
            _ => "O".to_owned(),
        };
        Some((cols[1].to_owned(), tag))
    };
    read_blocks(text, row, |rows: &[(String, String)]| Sentence { tokens: rows.iter().map(|r| r.0.clone()).collect(), tags: rows.iter().map(|r| r.1.clone()).collect() })
}
