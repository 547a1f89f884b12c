//! `marginalia suggest`: an article (or many, as JSON Lines) in, the export format out,
//! with every suggestion an annotation marked `"status": "suggested"` and quotes linked
//! to their speakers.

use crate::core::ids::AnnotationId;
use crate::core::detect::suggest::suggest;
use crate::core::document::{Document, Rejected};
use crate::core::export::{to_json_line, to_json_marking};
use crate::core::reduce::suggestions::with_suggestions;
use crate::core::store::Action;
use crate::core::state::{Level, State};
use std::collections::BTreeSet;

/// The document for `text` with every suggestion accepted, and the ids of those annotations.
pub fn suggested_document(title: &str, text: &str) -> Result<(Document, BTreeSet<AnnotationId>), String> {
    let mut state = State::default();
    state.apply(Action::StartAnnotating { text: text.to_owned(), replaced_surrogates: 0 });
    if let Some(n) = state.notice.as_ref().filter(|n| n.level == Level::Error) {
        return Err(n.text.clone());
    }
    if !title.is_empty() {
        state.apply(Action::SetTitle(title.to_owned()));
    }
    let items = suggest(&state.doc, &Rejected::new(), Some(crate::core::detect::tagger::shipped())).items;
    Ok(with_suggestions(&state.doc, &items))
}

/// One article → one pretty-printed export.
pub fn one(title: &str, text: &str, exported_at: &str) -> Result<String, String> {
    let (doc, ids) = suggested_document(title, text)?;
    Ok(to_json_marking(&doc, exported_at, &ids))
}

/// JSON Lines in (one object with a "text" field per line, "title" or "id" optional) →
/// one export per line. A bad line stops the run with its line number.
pub fn jsonl(input: &str, exported_at: &str) -> Result<String, String> {
    let mut out = String::new();
    for (n, line) in input.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let place = format!("line {}", n + 1);
        let value: serde_json::Value = serde_json::from_str(line).map_err(|e| format!("{place}: not JSON ({e})"))?;
        let text = value.get("text").and_then(|t| t.as_str()).ok_or(format!("{place}: no \"text\" field"))?;
        let title = value.get("title").or(value.get("id")).and_then(|t| t.as_str()).unwrap_or_default();
        let (doc, ids) = suggested_document(title, text).map_err(|e| format!("{place}: {e}"))?;
        out.push_str(&to_json_line(&doc, exported_at, &ids));
        out.push('\n');
    }
    Ok(out)
}
