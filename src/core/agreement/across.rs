//! Comparing bundles document by document: each coder brings a list of documents (a
//! bundle, a folder, or one document); a document of the first coder's list is compared
//! when every other coder has a document with the same text (SHA-256, the first such one),
//! and the tallies of the documents compared are added into the pooled figures (counts
//! summed, then each figure computed once on the sums, so a long document weighs more than
//! a short one). Documents not in every list are named, not compared. One document per
//! coder is the simplest case of it: a coder whose text is another is then named.

use super::{Agreement, Coder, Mismatch, Tally};
use crate::core::document::Document;
use std::rc::Rc;

/// One document compared across the bundles.
#[derive(Clone, Debug)]
pub struct Matched {
    /// The first coder's title for it.
    pub title: String,
    /// Each coder's version, in the coders' order.
    pub docs: Vec<Rc<Document>>,
    /// Its counts.
    pub tally: Tally,
    /// Its figures.
    pub figures: Agreement,
}

/// Bundles compared.
#[derive(Clone, Debug)]
pub struct Across {
    /// The coders' names.
    pub coders: Vec<String>,
    /// The documents compared, in the first coder's order.
    pub documents: Vec<Matched>,
    /// The sum of their tallies.
    pub pooled: Tally,
    /// The pooled figures.
    pub pooled_figures: Agreement,
    /// Titles of the first coder's documents that some other coder does not have.
    pub missing: Vec<String>,
}

impl Across {
    /// The document with this text, if it was compared.
    pub fn find(&self, sha256: &str) -> Option<&Matched> {
        self.documents.iter().find(|m| m.docs[0].text.sha256_hex() == sha256)
    }
}

/// Compares `coders`' lists document by document (see the module's doc comment). Refused
/// with fewer than two coders, or when no document is in every list (naming the coder
/// whose text is another when the first brought one document).
pub fn across(coders: Vec<(String, Vec<Document>)>) -> Result<Across, Mismatch> {
    if coders.len() < 2 {
        return Err(Mismatch::TooFew);
    }
    let names: Vec<String> = coders.iter().map(|(n, _)| n.clone()).collect();
    let lists: Vec<Vec<Rc<Document>>> = coders.into_iter().map(|(_, docs)| docs.into_iter().map(Rc::new).collect()).collect();
    let mut documents = Vec::new();
    let mut missing = Vec::new();
    for doc in &lists[0] {
        let sha = doc.text.sha256_hex();
        let found: Option<Vec<Rc<Document>>> = lists.iter().map(|list| list.iter().find(|d| d.text.sha256_hex() == sha).cloned()).collect();
        let Some(docs) = found else {
            missing.push(doc.title.clone());
            continue;
        };
        let view: Vec<Coder> = names.iter().zip(&docs).map(|(name, doc)| Coder { name, doc }).collect();
        let tally = Tally::of(&view)?;
        let figures = tally.figures();
        documents.push(Matched { title: doc.title.clone(), docs, tally, figures });
    }
    let Some(first) = documents.first() else {
        let sha = lists[0].first().map(|d| d.text.sha256_hex().to_owned());
        let other = lists.iter().zip(&names).skip(1).find(|(list, _)| !list.iter().any(|d| Some(d.text.sha256_hex()) == sha.as_deref()));
        return Err(match other {
            Some((_, name)) if lists[0].len() == 1 => Mismatch::OtherText { name: name.clone() },
            _ => Mismatch::NothingInCommon,
        });
    };
    let mut pooled = first.tally.clone();
    for m in &documents[1..] {
        pooled.add(&m.tally);
    }
    let pooled_figures = pooled.figures();
    Ok(Across { coders: names, documents, pooled, pooled_figures, missing })
}
