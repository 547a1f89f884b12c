//! Starting a comparison: reads the other coders' files (in any format, `core::formats`)
//! and library documents, and hands the comparison and its new adjudicated document to the
//! reducer (`Action::Compare`). The coders' documents (one each, or bundles and folders)
//! are matched by text (`core::agreement::across`); the open document's text, or else the
//! first matched, is compared first, and the others are a click away in the agreement
//! panel.

use super::importing::load_key;
use super::workflow::Workflow;
use crate::core::agreement::across::across;
use crate::core::document::Document;
use crate::core::formats::read::read;
use crate::core::reduce::adjudicate::Session;
use crate::core::store::Action;
use crate::glue;
use std::rc::Rc;
use yew::platform::spawn_local;

/// Compares the open document (named `first`, if `with_open`) with `files` and the library
/// documents `library` (each with its name).
pub fn compare(flow: Workflow, first: String, with_open: bool, files: Vec<(String, web_sys::File)>, library: Vec<(String, String)>) {
    spawn_local(async move {
        let open = flow.read(|state| (*state.doc).clone());
        let sha = open.text.sha256_hex().to_owned();
        let mut coders: Vec<(String, Vec<Document>)> = Vec::new();
        if with_open {
            coders.push((first, vec![open]));
        }
        for (name, file) in files {
            let shown = file.name();
            let bytes = match glue::read_file(file).await {
                Ok(b) => b,
                Err(why) => return flow.refuse(format!("“{shown}” could not be read: {why}.")),
            };
            let found = read(&shown, &bytes, None);
            if let Some(problem) = found.problems.first() {
                return flow.refuse(format!("“{shown}” was not compared: {problem}"));
            }
            if found.documents.is_empty() {
                return flow.refuse(format!("“{shown}” holds no document."));
            }
            coders.push((name, found.documents.into_iter().map(|i| i.doc).collect()));
        }
        if !library.is_empty() {
            let Some(store) = flow.storage().get() else { return flow.refuse("This browser's storage is not available.".into()) };
            for (name, key) in library {
                match load_key(&store, &key).await {
                    Ok((_, imported)) => coders.push((name, vec![imported.doc])),
                    Err(why) => return flow.refuse(format!("The library's document could not be read: {why}.")),
                }
            }
        }
        let started = across(coders).and_then(|all| {
            let all = Rc::new(all);
            let index = all.documents.iter().position(|m| m.docs[0].text.sha256_hex() == sha).unwrap_or(0);
            Session::of_bundle(all, index)
        });
        match started {
            Ok((session, doc)) => {
                flow.flush();
                flow.dispatch(Action::Compare { session: Box::new(session), doc: Box::new(doc) });
            }
            Err(why) => flow.refuse(why.to_string()),
        }
    });
}
