//! Finds quotations: every common quote mark (“ ” „ " ‘ ’ ' « » ‹ › 「 」), nested quotes,
//! apostrophes never taken for quotes (don't, Iran's, the '90s, rock 'n' roll, the
//! coalitions' plan), a
//! quotation running over several paragraphs (an opening mark at each paragraph's start,
//! the closing one only at the end), and quotes left unclosed, which are reported.
//!
//! Spans include the marks and count code points, like every span.
//!
//! ```
//! use marginalia::core::detect::quotes::find_quotes;
//! use marginalia::core::text::Text;
//! let text = Text::new("“We don't move,” she said. «Nein», sagte er.");
//! let found = find_quotes(&text);
//! let quoted: Vec<&str> = found.quotes.iter().map(|q| text.slice(q.span).unwrap()).collect();
//! assert_eq!(quoted, ["“We don't move,”", "«Nein»"]);
//! ```

use crate::core::offsets::Span;
use crate::core::text::Text;

/// One quotation found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quote {
    /// From the opening mark to the closing one, both included.
    pub span: Span,
    /// Quotes nested inside it (a quote within the quote), outermost first.
    pub nested: Vec<Span>,
    /// The paragraphs it runs over, when it continues past a paragraph break: the span of
    /// each part, each starting with its opening mark.
    pub parts: Vec<Span>,
}

/// What the detector found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Found {
    /// Outermost quotations, in document order.
    pub quotes: Vec<Quote>,
    /// Opening marks never closed (within their paragraph, or the text): where they are.
    pub unclosed: Vec<usize>,
}

/// How a quote mark may act.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Open(char),
    Close(char),
    /// The same character opens and closes (" and '): decided by its neighbours.
    Either,
}

/// The closing mark that answers `open`, and whether `c` is one.
fn closes(open: char, c: char) -> bool {
    matches!(
        (open, c),
        ('“', '”') | ('„', '“') | ('„', '”') | ('«', '»') | ('»', '«') | ('‹', '›') | ('「', '」') | ('‘', '’') | ('‚', '‘') | ('‚', '’') | ('"', '"') | ('\'', '\'')
    )
}

fn role(c: char) -> Option<Role> {
    Some(match c {
        '“' | '„' | '«' | '‹' | '「' | '‘' | '‚' => Role::Open(c),
        '”' | '»' | '›' | '」' | '’' => Role::Close(c),
        '"' | '\'' => Role::Either,
        _ => return None,
    })
}

/// Finds every quotation in `text`.
pub fn find_quotes(text: &Text) -> Found {
    let chars: Vec<char> = text.as_str().chars().collect();
    find_quotes_in(&chars)
}

/// Finds every quotation in a text given as its code points (for detectors that have
/// them already).
pub fn find_quotes_in(chars: &[char]) -> Found {
    let mut found = Found::default();
    // Open marks: (mark, position).
    let mut stack: Vec<(char, usize)> = Vec::new();
    let mut nested: Vec<Span> = Vec::new();
    let mut parts: Vec<Span> = Vec::new();
    let mut part_start = 0;
    let letter = |i: usize| chars.get(i).is_some_and(|c| c.is_alphanumeric());
    let space_or_edge = |i: Option<usize>| i.and_then(|i| chars.get(i)).is_none_or(|c| c.is_whitespace() || "([{—–-/".contains(*c));
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_ascii_alphanumeric() || c == ' ' {
            i += 1;
            continue;
        }
        if c == '\n' {
            // A paragraph ends. An open quotation continues only if the next paragraph
            // starts with an opening mark; otherwise it was never closed.
            let mut j = i;
            while j < chars.len() && chars[j].is_whitespace() {
                j += 1;
            }
            if j > i + 1 || chars.get(j).is_none() {
                if let Some(&(open, start)) = stack.first() {
                    let continues = chars.get(j).is_some_and(|&n| n == open || (role(n) == Some(Role::Open(n)) && n != '‘') || n == '"');
                    if continues {
                        let from = if parts.is_empty() { start } else { part_start };
                        parts.push(Span::new(from, trim_end(chars, i)));
                        part_start = j;
                        stack.truncate(1);
                        i = j + 1;
                        continue;
                    }
                    found.unclosed.push(start);
                    found.unclosed.extend(stack[1..].iter().map(|&(_, p)| p));
                    stack.clear();
                    nested.clear();
                    parts.clear();
                }
            }
            i += 1;
            continue;
        }
        let Some(r) = role(c) else {
            i += 1;
            continue;
        };
        // Apostrophes: between letters (don't, Iran's), before digits ('90s), or after a
        // plural s with no single quote open (the coalitions' plan).
        if matches!(c, '\'' | '’') {
            let inside_word = i > 0 && letter(i - 1) && letter(i + 1);
            let year = chars.get(i + 1).is_some_and(char::is_ascii_digit) && space_or_edge(i.checked_sub(1));
            let single_open = stack.iter().any(|(m, _)| matches!(m, '‘' | '\'' | '‚'));
            let plural = i > 0 && chars[i - 1] == 's' && !single_open;
            // rock 'n' roll
            let contraction = chars.get(i + 1) == Some(&'n') && chars.get(i + 2).is_some_and(|&n| n == c);
            let after_contraction = i >= 2 && chars[i - 1] == 'n' && chars[i - 2] == c;
            if inside_word || year || plural || contraction || after_contraction {
                i += 1;
                continue;
            }
        }
        let closes_top = stack.last().is_some_and(|&(t, _)| closes(t, c));
        let after_text = !space_or_edge(i.checked_sub(1));
        let before_text = chars.get(i + 1).is_some_and(|n| !n.is_whitespace() && !n.is_ascii_punctuation());
        let opens = match r {
            Role::Close(_) => false,
            // “ also closes „ (German): it does when it answers the open mark after text.
            Role::Open(_) => !(closes_top && after_text),
            // " and ': one after text closes; one before text opens (a nested quote).
            Role::Either => !(closes_top && (after_text || !before_text)),
        };
        if opens {
            stack.push((c, i));
        } else if let Some(pos) = stack.iter().rposition(|&(m, _)| closes(m, c)) {
            let (_, start) = stack[pos];
            let unclosed_inside: Vec<usize> = stack[pos + 1..].iter().map(|&(_, p)| p).collect();
            found.unclosed.extend(unclosed_inside);
            stack.truncate(pos);
            if stack.is_empty() {
                let span = Span::new(if parts.is_empty() { start } else { parts[0].start }, i + 1);
                let mut all_parts = std::mem::take(&mut parts);
                if !all_parts.is_empty() {
                    all_parts.push(Span::new(part_start, i + 1));
                }
                found.quotes.push(Quote { span, nested: std::mem::take(&mut nested), parts: all_parts });
            } else {
                nested.push(Span::new(start, i + 1));
            }
        }
        i += 1;
    }
    found.unclosed.extend(stack.iter().map(|&(_, p)| p));
    found.unclosed.sort_unstable();
    found
}

/// The end of a paragraph's text before its trailing line breaks and spaces.
fn trim_end(chars: &[char], mut end: usize) -> usize {
    while end > 0 && chars[end - 1].is_whitespace() {
        end -= 1;
    }
    end
}
