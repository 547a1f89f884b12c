//! The library: every document saved in this browser, with its title, length, counts per
//! label and last change; filter by title; open, duplicate, rename, delete (undone
//! with Undo, like any change: `core::library_history`) and export them all in any format
//! (through the export dialog). Documents are read and written
//! through `glue::storage`; what an entry holds is `core::library`.

use super::intent::Intent;
use crate::core::store::Action;
use super::autosave::StorageSlot;
use super::panels::{ExportScope, PanelChange};
use crate::core::import::read_file;
use super::importing::load_key;
use super::library_search::LibrarySearch;
use crate::core::library::{filter, parse_entries, record, summary, worth_listing, Entry, Record};
use crate::core::library_history::LibraryOp;
use crate::core::projects::Projects;
use crate::core::reduce::projects::ProjectCommand;
use crate::core::ids::{DocNumber, Id};
use crate::glue;
use std::rc::Rc;
use super::fields::on_input;
use yew::platform::spawn_local;
use yew::prelude::*;

/// Properties of [`Library`].
#[derive(Properties, PartialEq)]
pub struct LibraryProps {
    /// Where documents are stored.
    pub storage: StorageSlot,
    /// Number of the open document.
    pub open_number: DocNumber,
    /// Number the next new document gets (for a copy).
    pub next_number: DocNumber,
    /// Changes after every save, so the list is read again.
    pub refresh: u64,
    /// The projects; the library lists the open one's documents.
    pub projects: Rc<Projects>,
    /// True if the open document's labels differ from its project's schema.
    pub labels_differ: bool,
    /// The open document (searched as it is on screen).
    pub open_doc: Rc<crate::core::document::Document>,
    /// Where opening, renaming and messages go.
    pub on_intent: Callback<Intent>,
}

/// The library panel.
#[function_component(Library)]
pub fn library(props: &LibraryProps) -> Html {
    let entries = use_state(|| Rc::new(Vec::<Entry>::new()));
    let query = use_state(String::new);
    let reload = use_state(|| 0u64);

    {
        let (storage, entries, on_intent) = (props.storage.clone(), entries.clone(), props.on_intent.clone());
        let open = props.open_number.to_string();
        use_effect_with((props.refresh, *reload), move |_| {
            let Some(storage) = storage.peek() else { return };
            spawn_local(async move {
                match storage.entries().await {
                    Ok(all) => {
                        let (shown, stale) = worth_listing(parse_entries(&all), &open);
                        entries.set(Rc::new(shown));
                        for key in stale {
                            let _ = storage.delete_document(&key).await; // an empty document left behind
                        }
                    }
                    Err(why) => on_intent.emit(Intent::refuse(format!("The library cannot be shown: {why}."))),
                }
            });
        });
    }

    let Some(storage) = props.storage.peek() else {
        return html! {
            <section class="library" aria-label="Library">
                <p class="hint">{ "The library needs this browser's storage, which is not available." }</p>
            </section>
        };
    };
    let bump = {
        let reload = reload.clone();
        move || reload.set(*reload + 1)
    };
    let fail = |on_intent: &Callback<Intent>, what: &str, why: String| on_intent.emit(Intent::refuse(format!("{what}: {why}.")));

    let on_filter = on_input(query.clone());
    let export_all = {
        let (slot, entries, on_intent) = (props.storage.clone(), entries.clone(), props.on_intent.clone());
        Callback::from(move |_: MouseEvent| {
            // Read with the open document's log folded in: what is exported is what is on screen.
            let Some(storage) = slot.get() else { return };
            let (keys, on_intent) = (entries.iter().map(|e| e.key.clone()).collect::<Vec<_>>(), on_intent.clone());
            spawn_local(async move {
                let mut docs = Vec::new();
                for key in keys {
                    match storage.document(&key).await {
                        Ok(Some(json)) => match read_file(json.as_bytes()) {
                            Ok(imported) => docs.push(imported.doc),
                            Err(problems) => return fail(&on_intent, &format!("Not exported: the saved document {key} is damaged"), problems[0].to_string()),
                        },
                        Ok(None) => {}
                        Err(why) => return fail(&on_intent, "Not exported", why),
                    }
                }
                if docs.is_empty() {
                    return on_intent.emit(Intent::info("The library holds no document to export."));
                }
                on_intent.emit(Intent::Panel(PanelChange::OpenExport(ExportScope::Library(Rc::new(docs), None))));
            });
        })
    };

    let projects = props.projects.clone();
    let project = projects.open().clone();
    // Membership by one look-up a document (a key no project lists is the first project's).
    let listed: std::collections::HashMap<&str, &str> = projects.list.iter().flat_map(|p| p.docs.iter().map(move |k| (k.as_str(), p.id.as_str()))).collect();
    let first = projects.list[0].id.as_str();
    let in_project: Vec<Entry> = entries.iter().filter(|e| listed.get(e.key.as_str()).copied().unwrap_or(first) == project.id).cloned().collect();
    let project_bar = project_bar(props, in_project.len());
    let search = html! {
        <LibrarySearch storage={props.storage.clone()} entries={(*entries).clone()} projects={props.projects.clone()}
            open_number={props.open_number} open_doc={props.open_doc.clone()} on_intent={props.on_intent.clone()} />
    };
    let rows = filter(&in_project, &query).into_iter().map(|e| {
        let key = e.key.clone();
        let number = DocNumber::parse(&key).unwrap_or(DocNumber(0));
        let is_open = number == props.open_number;
        let load = {
            let slot = props.storage.clone();
            move |key: String| {
                let storage = slot.get();
                async move {
                    let storage = storage.ok_or_else(|| "this browser's storage is not available".to_owned())?;
                    load_key(&storage, &key).await
                }
            }
        };
        let open = {
            let (load, key, on_intent) = (load.clone(), key.clone(), props.on_intent.clone());
            Callback::from(move |_: MouseEvent| {
                let (load, key, on_intent) = (load.clone(), key.clone(), on_intent.clone());
                spawn_local(async move {
                    match load(key).await {
                        Ok((_, imported)) => on_intent.emit(Intent::OpenStored { imported: Rc::new(imported), doc_number: number, at: None }),
                        Err(why) => fail(&on_intent, "The document could not be opened", why),
                    }
                });
            })
        };
        let duplicate = {
            let (load, key, storage, on_intent, bump, copy_number) =
                (load.clone(), key.clone(), storage.clone(), props.on_intent.clone(), bump.clone(), props.next_number);
            Callback::from(move |_: MouseEvent| {
                let (load, key, storage, on_intent, bump) = (load.clone(), key.clone(), storage.clone(), on_intent.clone(), bump.clone());
                on_intent.emit(Intent::Do(Action::TakeDocNumber));
                spawn_local(async move {
                    let result = async {
                        let (_, mut imported) = load(key).await?;
                        imported.doc.title = format!("{} (copy)", imported.doc.title);
                        let copy = record(&imported.doc, &copy_number.to_string(), &glue::now_rfc3339());
                        storage.put_record(&copy).await?;
                        Ok::<_, String>(LibraryOp::Added { what: format!("a copy, “{}”,", imported.doc.title), records: vec![copy] })
                    };
                    match result.await {
                        Ok(op) => {
                            on_intent.emit(Intent::Do(Action::LibraryDone(op)));
                            bump();
                        }
                        Err(why) => fail(&on_intent, "The copy could not be made", why),
                    }
                });
            })
        };
        let rename = {
            let (load, key, storage, on_intent, bump, title) =
                (load.clone(), key.clone(), storage.clone(), props.on_intent.clone(), bump.clone(), e.title.clone());
            Callback::from(move |_: MouseEvent| {
                let Some(new_title) = glue::prompt("New title:", &title).filter(|t| !t.trim().is_empty()) else { return };
                if is_open {
                    return on_intent.emit(Intent::Do(Action::SetTitle(new_title)));
                }
                let (load, key, storage, on_intent, bump) = (load.clone(), key.clone(), storage.clone(), on_intent.clone(), bump.clone());
                spawn_local(async move {
                    let result = async {
                        let (_, mut imported) = load(key.clone()).await?;
                        imported.doc.title = new_title;
                        storage.put_record(&record(&imported.doc, &key, &glue::now_rfc3339())).await
                    };
                    match result.await {
                        Ok(()) => bump(),
                        Err(why) => fail(&on_intent, "The document could not be renamed", why),
                    }
                });
            })
        };
        let delete = {
            let (load, key, storage, on_intent, bump, entry_json) = (
                load.clone(),
                key.clone(),
                storage.clone(),
                props.on_intent.clone(),
                bump.clone(),
                serde_json::to_string(e).unwrap_or_default(),
            );
            Callback::from(move |_: MouseEvent| {
                if is_open {
                    return on_intent.emit(Intent::refuse("This document is open: open another one (or start a new document) before deleting it."));
                }
                let (load, key, storage, on_intent, bump, entry_json) =
                    (load.clone(), key.clone(), storage.clone(), on_intent.clone(), bump.clone(), entry_json.clone());
                spawn_local(async move {
                    let result = async {
                        let (document, imported) = load(key.clone()).await?;
                        storage.delete_document(&key).await?;
                        let search = crate::core::search::record(&imported.doc, &key);
                        let records = vec![Record { key, document, entry: entry_json, search }];
                        Ok::<_, String>(LibraryOp::Removed { what: format!("“{}”", imported.doc.title), records })
                    };
                    match result.await {
                        Ok(op) => {
                            on_intent.emit(Intent::Do(Action::LibraryDone(op)));
                            bump();
                        }
                        Err(why) => fail(&on_intent, "The document could not be deleted", why),
                    }
                });
            })
        };
        html! {
            <li key={key.clone()} class={classes!("doc", is_open.then_some("open"))}>
                <div class="doc-title">{ e.title.clone() }{ if is_open { " (open)" } else { "" } }</div>
                <div class="doc-meta">{ summary(e) }{ " · changed " }{ e.updated_at.get(..16).unwrap_or(&e.updated_at).replace('T', " ") }</div>
                <div class="doc-actions">
                    <button type="button" onclick={open} disabled={is_open} aria-label={format!("Open {}", e.title)}>{ "Open" }</button>
                    <button type="button" onclick={duplicate} aria-label={format!("Duplicate {}", e.title)}>{ "Duplicate" }</button>
                    <button type="button" onclick={rename} aria-label={format!("Rename {}", e.title)}>{ "Rename" }</button>
                    <button type="button" class="danger" onclick={delete} aria-label={format!("Delete {}", e.title)}>{ "Delete" }</button>
                    { move_to(&props.projects, &key, &e.title, &props.on_intent) }
                </div>
            </li>
        }
    });
    html! {
        <section class="library" aria-label="Library">
            { search }
            { project_bar }
            <div class="library-bar">
                <input type="search" aria-label="Filter documents" placeholder="Filter by title" value={(*query).clone()} oninput={on_filter} />
                <button type="button" onclick={export_all} aria-haspopup="dialog">{ "Export all…" }</button>
                <button type="button" onclick={send(&props.on_intent, || Intent::ExportProject)} aria-haspopup="dialog">{ "Export project…" }</button>
            </div>
            <ul class="documents" aria-label="Documents">{ for rows }</ul>
        </section>
    }
}

/// A callback that sends the intent `make` gives.
fn send<E: 'static>(on_intent: &Callback<Intent>, make: impl Fn() -> Intent + 'static) -> Callback<E> {
    let on_intent = on_intent.clone();
    Callback::from(move |_: E| on_intent.emit(make()))
}

/// The project's commands: which project is open, new and rename, its schema, and the walk
/// through its documents.
fn project_bar(props: &LibraryProps, count: usize) -> Html {
    let projects = &props.projects;
    let open = projects.open();
    let on_intent = props.on_intent.clone();
    let choose = Callback::from(move |e: Event| {
        let value = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
        on_intent.emit(Intent::Do(Action::Project(ProjectCommand::Open(value))));
    });
    let create = {
        let on_intent = props.on_intent.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(name) = glue::prompt("Name of the new project (it starts with this document's labels):", "") {
                on_intent.emit(Intent::Do(Action::Project(ProjectCommand::Create(name))));
            }
        })
    };
    let rename = {
        let (on_intent, id, old) = (props.on_intent.clone(), open.id.clone(), open.name.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(name) = glue::prompt("New name of the project:", &old) {
                on_intent.emit(Intent::Do(Action::Project(ProjectCommand::Rename { id: id.clone(), name })));
            }
        })
    };
    let labels: Vec<String> = open.labels.iter().map(|l| l.name.clone()).collect();
    html! {
        <div class="project" role="group" aria-label="Project">
            <div class="project-bar">
                <label for="project-select">{ "Project" }</label>
                <select id="project-select" onchange={choose}>
                    { for projects.list.iter().map(|p| html! {
                        <option value={p.id.clone()} selected={p.id == open.id}>{ p.name.clone() }</option>
                    }) }
                </select>
                <button type="button" onclick={create}>{ "New project…" }</button>
                <button type="button" onclick={rename}>{ "Rename project…" }</button>
                <button type="button" onclick={send(&props.on_intent, || Intent::Walk(false))} aria-keyshortcuts="[">{ "Previous document" }</button>
                <button type="button" onclick={send(&props.on_intent, || Intent::Walk(true))} aria-keyshortcuts="]">{ "Next document" }</button>
            </div>
            <p class="hint project-labels">
                { format!("{count} document(s). Labels: {}.", labels.join(", ")) }
            </p>
            <div class="project-bar">
                <button type="button" disabled={!props.labels_differ}
                    onclick={send(&props.on_intent, || Intent::Do(Action::Project(ProjectCommand::TakeDocumentLabels)))}>
                    { "Use this document's labels for the project" }
                </button>
                <button type="button" onclick={send(&props.on_intent, || Intent::ApplyProjectLabels)}>{ "Apply to documents" }</button>
            </div>
        </div>
    }
}

/// "Move to project" for one document, when there is another project.
fn move_to(projects: &Projects, key: &str, title: &str, on_intent: &Callback<Intent>) -> Html {
    if projects.list.len() < 2 {
        return html! {};
    }
    let here = projects.of(key).id.clone();
    let (on_intent, key_owned) = (on_intent.clone(), key.to_owned());
    let moved = Callback::from(move |e: Event| {
        let to = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
        if !to.is_empty() {
            on_intent.emit(Intent::Do(Action::Project(ProjectCommand::Move { key: key_owned.clone(), to })));
        }
    });
    html! {
        <select aria-label={format!("Move {title} to project")} onchange={moved}>
            <option value="" selected=true>{ "Move to…" }</option>
            { for projects.list.iter().filter(|p| p.id != here).map(|p| html! { <option value={p.id.clone()}>{ p.name.clone() }</option> }) }
        </select>
    }
}
