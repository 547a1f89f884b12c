//! "Search library": a search box over every document of the library (text, entity names
//! and aliases, speakers, labels, notes, titles, sources), results grouped by document, a
//! click opening the document with the hit selected. The index is `core::search`'s, built
//! from the search records stored beside the documents (`glue::storage`) and brought up
//! to date from the library's entries whenever they change: only documents saved since
//! are read again, and the index stays while the page lives. The open document is indexed
//! as it is on screen. A document saved before the search store existed gets its record
//! written here, once.

use super::autosave::StorageSlot;
use super::importing::load_key;
use super::intent::Intent;
use super::panels::PanelChange;
use crate::core::ids::{DocNumber, Id};
use crate::core::document::Document;
use crate::core::library::Entry;
use crate::core::projects::Projects;
use crate::core::search::{self, Field, Found, Index, Record};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use super::fields::on_input;
use yew::platform::spawn_local;
use yew::prelude::*;

/// Properties of [`LibrarySearch`].
#[derive(Properties, PartialEq)]
pub struct LibrarySearchProps {
    /// Where documents are stored.
    pub storage: StorageSlot,
    /// Every entry of the library (all projects).
    pub entries: Rc<Vec<Entry>>,
    /// The projects, to name each result's.
    pub projects: Rc<Projects>,
    /// Number of the open document.
    pub open_number: DocNumber,
    /// The open document as it is now (its stored record may trail it by a snapshot pause).
    pub open_doc: Rc<Document>,
    /// Where opening and messages go.
    pub on_intent: Callback<Intent>,
}

/// Documents listed in the results (the count says how many match).
const DOCS_SHOWN: usize = 50;

/// Documents indexed between two yields to the browser.
const BATCH: usize = 25;

/// The index and, for each document in it, the change it was indexed at.
#[derive(Default)]
struct Built {
    index: Index,
    at: HashMap<String, String>,
}

thread_local! {
    /// The index, kept while the page lives (the library panel comes and goes; the index
    /// is only brought up to date when it opens again).
    static BUILT: Rc<RefCell<Built>> = Rc::new(RefCell::new(Built::default()));
}

/// The search box and its results.
#[function_component(LibrarySearch)]
pub fn library_search(props: &LibrarySearchProps) -> Html {
    let built: Rc<RefCell<Built>> = BUILT.with(Rc::clone);
    let version = use_state(|| 0u64);
    let query = use_state(String::new);
    {
        let (storage, built, version) = (props.storage.clone(), built.clone(), version.clone());
        let open = (props.open_number.to_string(), props.open_doc.clone());
        use_effect_with(props.entries.clone(), move |entries| {
            let entries = entries.clone();
            // The open document is indexed as it is on screen, whatever storage holds yet.
            let put_open = {
                let (built, version) = (built.clone(), version.clone());
                move || {
                    let (key, doc) = &open;
                    if !doc.text.is_empty() {
                        built.borrow_mut().index.put(search::record_of(doc, key));
                        version.set(*version + 1);
                    }
                }
            };
            let Some(storage) = storage.peek() else { return };
            spawn_local(async move {
                let stale: Vec<String> = {
                    let mut b = built.borrow_mut();
                    let gone: Vec<String> = b.at.keys().filter(|k| entries.iter().all(|e| &e.key != *k)).cloned().collect();
                    for key in gone {
                        b.index.remove(&key);
                        b.at.remove(&key);
                    }
                    entries.iter().filter(|e| b.at.get(&e.key) != Some(&e.updated_at)).map(|e| e.key.clone()).collect()
                };
                if stale.is_empty() {
                    return put_open();
                }
                let Ok(found) = storage.search_records(&stale).await else { return };
                let mut records: Vec<Record> = found.iter().filter_map(|(_, json)| serde_json::from_str(json).ok()).collect();
                // Documents saved before the search store: their record, made once.
                let missing: Vec<String> = stale.iter().filter(|k| records.iter().all(|r| &r.key != *k)).cloned().collect();
                for key in &missing {
                    if let Ok((_, imported)) = load_key(&storage, key).await {
                        let record = search::record_of(&imported.doc, key);
                        let _ = storage.put_search(key, &serde_json::to_string(&record).unwrap_or_default()).await;
                        records.push(record);
                    }
                }
                // A few documents at a time, so a large library does not hold up the page.
                for batch in records.chunks(BATCH) {
                    {
                        let mut b = built.borrow_mut();
                        for record in batch {
                            if let Some(e) = entries.iter().find(|e| e.key == record.key) {
                                b.at.insert(record.key.clone(), e.updated_at.clone());
                            }
                            b.index.put(record.clone());
                        }
                    }
                    gloo::timers::future::TimeoutFuture::new(0).await;
                }
                put_open();
            });
        });
    }
    let results: Rc<Vec<Found>> = {
        let built = built.clone();
        use_memo(((*query).clone(), *version), move |(q, _)| {
            // Measured (a performance measure) for the benchmark.
            crate::glue::measured("marginalia-search", || built.borrow().index.search(q))
        })
    };
    let open = |key: String, at: Option<crate::core::offsets::Span>| {
        let (slot, on_intent, open_number) = (props.storage.clone(), props.on_intent.clone(), props.open_number);
        Callback::from(move |_: MouseEvent| {
            let Some(number) = DocNumber::parse(&key) else { return };
            if number == open_number {
                on_intent.emit(Intent::Panel(PanelChange::CloseLibrary));
                if let Some(span) = at {
                    on_intent.emit(Intent::Reveal { number, span, tries: 40 });
                }
                return;
            }
            let (slot, key, on_intent) = (slot.clone(), key.clone(), on_intent.clone());
            spawn_local(async move {
                let Some(storage) = slot.get() else { return };
                match load_key(&storage, &key).await {
                    Ok((_, imported)) => on_intent.emit(Intent::OpenStored { imported: Rc::new(imported), doc_number: number, at }),
                    Err(why) => on_intent.emit(Intent::refuse(format!("The document could not be opened: {why}."))),
                }
            });
        })
    };
    let several = props.projects.list.len() > 1;
    let groups = results.iter().take(DOCS_SHOWN).map(|found| {
        let project = if several { format!(" · {}", props.projects.of(&found.key).name) } else { String::new() };
        let hits = found.hits.iter().map(|hit| {
            let at = (hit.field != Field::Title && hit.field != Field::Source).then_some(hit.span);
            let (before, matched, after) = hit.snippet.clone();
            html! {
                <li>
                    <button type="button" class="hit" onclick={open(found.key.clone(), at)}>
                        <span class="hit-field">{ hit.field.name() }</span>
                        <bdi>{ before }<mark>{ matched }</mark>{ after }</bdi>
                    </button>
                </li>
            }
        });
        let more = found.count.saturating_sub(found.hits.len());
        html! {
            <li key={found.key.clone()} class="found">
                <button type="button" class="found-title" onclick={open(found.key.clone(), None)}>
                    { found.title.clone() }
                </button>
                <span class="hint">{ format!(" {} hit(s){project}", found.count) }</span>
                <ul class="hits">{ for hits }</ul>
                if more > 0 { <p class="hint">{ format!("and {more} more in this document") }</p> }
            </li>
        }
    });
    let searching = !query.trim().is_empty();
    html! {
        <div class="library-search">
            <input type="search" aria-label="Search library" placeholder="Search library: names, speakers, labels, notes, text"
                value={(*query).clone()} oninput={on_input(query.clone())} />
            if searching {
                <section aria-label="Search results" class="search-results">
                    <p class="hint" role="status">{ match results.len() {
                        0 => format!("Nothing in the library matches “{}”.", query.trim()),
                        n if n > DOCS_SHOWN => format!("{n} document(s) match; the {DOCS_SHOWN} with the most hits are listed."),
                        n => format!("{n} document(s) match."),
                    } }</p>
                    <ul class="found-list">{ for groups }</ul>
                </section>
            }
        </div>
    }
}
