//! `marginalia agree FILE FILE [FILE…] [--names A,B,…] [--json]`: the agreement figures of
//! `core::agreement` between coders' files of the same text, in any format Marginalia
//! reads. Files that are bundles (or folders) are compared document by document, matched
//! by their text's SHA-256, and pooled. Without `--json`, a table per document (and the
//! pool); with it, one JSON object: `{"documents": [{"title", "agreement", "tables"}],
//! "pooled", "pooled_tables", "not_in_every_file"}`, every figure with the counts it comes
//! from, and the token tables its kappas and alphas are computed on (each distinct tuple of
//! codes, one per coder, with how many tokens were coded so). A figure that is undefined
//! is `null`.

use crate::core::agreement::across::across;
use crate::core::agreement::stats::shown as fig;
use crate::core::agreement::{Agreement, Tally};
use crate::core::document::Document;
use crate::core::formats::read::read;
use std::fmt::Write;

/// The report for `files` (name shown, path, bytes).
pub fn run(files: &[(String, String, Vec<u8>)], json: bool) -> Result<String, String> {
    if files.len() < 2 {
        return Err("usage: agree compares two files or more".into());
    }
    let mut coders: Vec<(String, Vec<Document>)> = Vec::new();
    for (name, path, bytes) in files {
        let found = read(path, bytes, None);
        if let Some(p) = found.problems.first() {
            return Err(format!("{path}: {p}"));
        }
        coders.push((name.clone(), found.documents.into_iter().map(|i| i.doc).collect()));
    }
    let all = across(coders).map_err(|e| e.to_string())?;
    if json {
        let documents: Vec<_> = all.documents.iter().map(|m| serde_json::json!({"title": m.title, "agreement": m.figures, "tables": tables(&m.tally)})).collect();
        let value = serde_json::json!({"documents": documents, "pooled": all.pooled_figures, "pooled_tables": tables(&all.pooled), "not_in_every_file": all.missing});
        return Ok(serde_json::to_string_pretty(&value).expect("figures serialise") + "\n");
    }
    let mut out = String::new();
    for m in &all.documents {
        let _ = writeln!(out, "“{}”", m.title);
        table(&mut out, &m.figures);
    }
    if all.documents.len() > 1 {
        let _ = writeln!(out, "All {} documents, pooled", all.documents.len());
        table(&mut out, &all.pooled_figures);
    }
    for title in &all.missing {
        let _ = writeln!(out, "not compared (not in every file): “{title}”");
    }
    Ok(out)
}


/// The token tables a tally's kappas and alphas come from: per label, and over all labels
/// (with the label set each overall category number stands for).
fn tables(t: &Tally) -> serde_json::Value {
    let rows = |table: &crate::core::agreement::stats::Table| -> Vec<serde_json::Value> {
        let mut rows: Vec<_> = table.iter().collect();
        rows.sort();
        rows.into_iter().map(|(codes, n)| serde_json::json!({"codes": codes, "count": n})).collect()
    };
    let labels: serde_json::Map<String, serde_json::Value> = t.label_tokens.iter().map(|(l, table)| (l.clone(), rows(table).into())).collect();
    serde_json::json!({"labels": labels, "overall": rows(&t.overall_tokens), "categories": t.categories})
}

/// The figures as a text table.
fn table(out: &mut String, f: &Agreement) {
    let _ = writeln!(out, "  coders: {}; {} token(s)", f.coders.join(", "), f.tokens);
    let _ = writeln!(out, "  {:<22} {:>8} {:>8} {:>14}", "tokens", format!("{} κ", f.kappa_kind), "α", "alike");
    for (label, t) in f.labels.iter().map(|(l, t)| (l.as_str(), t)).chain(std::iter::once(("all labels", &f.overall))) {
        let _ = writeln!(out, "  {label:<22} {:>8} {:>8} {:>14}", fig(t.kappa), fig(t.alpha), format!("{}/{}", t.alike.part, t.alike.whole));
    }
    for p in &f.pairs {
        let _ = writeln!(out, "  spans, {} against {} (reference):", f.coders[p.second], f.coders[p.first]);
        let _ = writeln!(out, "    {:<20} {:>5} {:>5} {:>5}  {:>6} {:>6} {:>6}  {:>6} {:>6} {:>6}", "label", "ref", "other", "same", "P", "R", "F1", "P~", "R~", "F1~");
        for (label, s) in &p.spans {
            let name = if label.is_empty() { "all labels" } else { label };
            let c = &s.counts;
            let _ = writeln!(
                out,
                "    {name:<20} {:>5} {:>5} {:>5}  {:>6} {:>6} {:>6}  {:>6} {:>6} {:>6}",
                c.first, c.second, c.exact,
                fig(s.exact.precision.value), fig(s.exact.recall.value), fig(s.exact.f1),
                fig(s.overlap.precision.value), fig(s.overlap.recall.value), fig(s.overlap.f1)
            );
        }
        let _ = writeln!(out, "    quotes in both: {}; speakers agree {} ({}), cues agree {} ({})", p.speakers.whole, p.speakers.part, fig(p.speakers.value), p.cues.part, fig(p.cues.value));
        let _ = writeln!(
            out,
            "    entities: B-cubed over {} mention(s) in both: P {} R {} F1 {}",
            p.bcubed.precision.whole, fig(p.bcubed.precision.value), fig(p.bcubed.recall.value), fig(p.bcubed.f1)
        );
    }
}
