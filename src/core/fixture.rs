//! Marked-up test fixtures instead of offset arithmetic.
//!
//! `"said [Person|Maryam Rahimi] on Monday"` is the text `"said Maryam Rahimi on Monday"`
//! with a Person span over `Maryam Rahimi`. Marks nest (`"[Quote|“I, [Person|Ana], agree”]"`);
//! `\[`, `\]` and `\|` stand for literal brackets and bars.

use super::annotations::{Annotation, Annotations};
use super::ids::AnnotationId;
use super::offsets::Span;
use super::document::Document;

/// One marked span of a fixture.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mark {
    /// Label written before the bar.
    pub label: String,
    /// Where the marked text is in the plain text, in code points.
    pub span: Span,
}

/// Parses marked-up text into plain text and its marks, ordered by start then end.
///
/// ```
/// use marginalia::core::{fixture::parse, offsets::Span};
/// let (text, marks) = parse("said [Person|Maryam Rahimi] on Monday");
/// assert_eq!(text, "said Maryam Rahimi on Monday");
/// assert_eq!(marks[0].span, Span::new(5, 18));
/// ```
///
/// # Panics
/// On unbalanced brackets or a `[` without a label: fixtures are test code.
pub fn parse(marked: &str) -> (String, Vec<Mark>) {
    let mut text = String::new();
    let mut len = 0;
    let mut open: Vec<(String, usize)> = Vec::new();
    let mut marks = Vec::new();
    let mut chars = marked.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let escaped = chars.next().expect("fixture ends with a lone backslash");
                text.push(escaped);
                len += 1;
            }
            '[' => {
                let label: String = chars.by_ref().take_while(|&c| c != '|').collect();
                assert!(!label.is_empty(), "fixture mark without a label in {marked:?}");
                open.push((label, len));
            }
            ']' => {
                let (label, start) = open.pop().expect("unbalanced ] in fixture");
                marks.push(Mark { label, span: Span::new(start, len) });
            }
            c => {
                text.push(c);
                len += 1;
            }
        }
    }
    assert!(open.is_empty(), "unclosed [ in fixture {marked:?}");
    marks.sort_by_key(|m| (m.span.start, m.span.end));
    (text, marks)
}

/// A document titled "Fixture" whose text and annotations (ids a1, a2, ... in mark
/// order, no speakers) are those of `marked`, mentions grouped into entities by label and
/// text.
///
/// ```
/// let doc = marginalia::core::fixture::document("[Person|Ana] said so");
/// assert_eq!(doc.text.as_str(), "Ana said so");
/// assert_eq!(doc.annotations.iter().next().unwrap().label, "Person");
/// ```
pub fn document(marked: &str) -> Document {
    let (text, marks) = parse(marked);
    let mut doc = Document::new("Fixture", &text);
    let items = marks
        .into_iter()
        .enumerate()
        .map(|(i, m)| Annotation::new(AnnotationId(i as u64 + 1), m.span, m.label))
        .collect::<Vec<_>>();
    doc.next_id = items.len() as u64 + 1;
    doc.annotations = Annotations::from_vec(items);
    super::mentions::group(&mut doc);
    doc
}

/// `doc` written back as marked-up text, the inverse of [`parse`]: marks open outermost
/// first, and an annotation flagged for review (by a revision) is written with a `!`
/// after its label, so a test compares a whole document with one string. Marks that
/// cross (neither nests in the other) cannot be written and are left out.
///
/// ```
/// use marginalia::core::fixture::{document, render};
/// let marked = "[Quote|“I, [Person|مریم], agree \\[sic\\]”] 😀";
/// assert_eq!(render(&document(marked)), marked);
/// ```
pub fn render(doc: &Document) -> String {
    let mut marks: Vec<&Annotation> = doc.annotations.iter().collect();
    marks.sort_by(|a, b| a.span.start.cmp(&b.span.start).then(b.span.end.cmp(&a.span.end)).then(a.label.cmp(&b.label)));
    let escape = |c: char| if matches!(c, '[' | ']' | '|' | '\\') { format!("\\{c}") } else { c.to_string() };
    let mut out = String::new();
    let mut open: Vec<usize> = Vec::new(); // ends of the open marks
    let mut next = marks.iter().peekable();
    for (i, c) in doc.text.as_str().chars().map(Some).chain(std::iter::once(None)).enumerate() {
        while open.last() == Some(&i) {
            open.pop();
            out.push(']');
        }
        while let Some(a) = next.next_if(|a| a.span.start == i) {
            if open.last().is_some_and(|&end| a.span.end > end) {
                continue; // crosses an open mark
            }
            out.push('[');
            out.push_str(&escape_label(&a.label));
            if a.changed_from.is_some() {
                out.push('!');
            }
            out.push('|');
            open.push(a.span.end);
        }
        if let Some(c) = c {
            out.push_str(&escape(c));
        }
    }
    out
}

fn escape_label(label: &str) -> String {
    label.chars().flat_map(|c| if matches!(c, '[' | ']' | '|' | '\\') { vec!['\\', c] } else { vec![c] }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_marks_and_escapes() {
        let (text, marks) = parse(r"[Quote|“I, [Person|مریم], agree \[sic\]”] 😀");
        assert_eq!(text, "“I, مریم, agree [sic]” 😀");
        assert_eq!(marks[0], Mark { label: "Quote".into(), span: Span::new(0, 22) });
        assert_eq!(marks[1], Mark { label: "Person".into(), span: Span::new(4, 8) });
    }
}
