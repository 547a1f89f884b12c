//! The top bar: title, save status and the document commands (folded into "Menu" in a
//! narrow window).

use super::panels::{ExportScope, PanelChange};
use super::intent::Intent;
use crate::core::store::Action;
use super::autosave::SaveStatus;
use crate::glue;
use crate::core::state::Mode;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// What "Import" offers to pick: every kind of file Marginalia reads (recognised by its
/// content once picked, so this only filters the picker).
const ACCEPT: &str = ".json,.jsonl,.jsonld,.txt,.md,.ann,.zip,.spacy,.xmi,application/json,application/ld+json,application/zip,text/plain";

/// Properties of [`Header`].
#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    /// The document title.
    pub title: String,
    /// Editing or annotating.
    pub mode: Mode,
    /// True once the document has annotations (editing the text is then a revision).
    pub annotated: bool,
    /// True if there is a change to undo.
    pub can_undo: bool,
    /// True if there is an undone change to redo.
    pub can_redo: bool,
    /// Where the user's work stands.
    pub save_status: SaveStatus,
    /// The browser's answer to keeping the storage (`navigator.storage.persist()`), once asked.
    pub kept: Option<bool>,
    /// A week of work without a backup: offer one.
    pub remind_backup: bool,
    /// True while the library is shown.
    pub library_shown: bool,
    /// True while the report is shown.
    pub report_shown: bool,
    /// Where commands go.
    pub on_intent: Callback<Intent>,
}

/// Title field and the Undo, Redo, New, Sample, Edit and Export commands.
#[function_component(Header)]
pub fn header(props: &HeaderProps) -> Html {
    let send = |intent: Intent| {
        let on_intent = props.on_intent.clone();
        Callback::from(move |_: MouseEvent| on_intent.emit(intent.clone()))
    };
    let on_title = {
        let on_intent = props.on_intent.clone();
        Callback::from(move |e: Event| {
            if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
                on_intent.emit(Intent::Do(Action::SetTitle(input.value())));
            }
        })
    };
    let annotating = props.mode == Mode::Annotating;
    // "Import" opens the browser's file picker; the chosen file goes to the root.
    let picker = use_node_ref();
    let pick = {
        let picker = picker.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(input) = picker.cast::<HtmlInputElement>() {
                input.click();
            }
        })
    };
    let on_file = {
        let on_intent = props.on_intent.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<HtmlInputElement>() else { return };
            let files = glue::chosen_files(&input);
            if !files.is_empty() {
                on_intent.emit(Intent::Import(files));
            }
            input.set_value(""); // choosing the same file again is a new import
        })
    };
    // What "Save status" says, with the browser's answer on keeping the storage: in words
    // for screen readers and in the tooltip, and a ⚠ in sight where it may be cleared (the
    // status keeps its width, so that the page never moves).
    let (note, sign, why) = match (&props.save_status, props.kept) {
        (SaveStatus::Saved, Some(true)) => (" (kept)", "", "Saved in this browser, which has agreed to keep this site's storage".to_owned()),
        (SaveStatus::Saved, Some(false)) => (
            " (the browser may clear it when space runs low: keep a backup)",
            " ⚠",
            "Saved in this browser, which may clear it when space runs low: keep a backup (“Export all…” in the library)".to_owned(),
        ),
        (s, _) => ("", "", s.text()),
    };
    // Below a width (static/style.css) all but Undo, Redo and Export fold into "Menu"; a
    // command chosen there, or Escape, folds it again.
    let menu = use_state(|| false);
    let toggle = {
        let menu = menu.clone();
        Callback::from(move |_: MouseEvent| menu.set(!*menu))
    };
    let fold = {
        let menu = menu.clone();
        Callback::from(move |e: MouseEvent| {
            if e.target_dyn_into::<web_sys::HtmlElement>().is_some_and(|t| t.tag_name() == "BUTTON") {
                menu.set(false);
            }
        })
    };
    let fold_key = {
        let menu = menu.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" && *menu {
                menu.set(false);
                glue::focus_soon(&["menu-button"]);
            }
        })
    };
    html! {
        <header class="topbar">
            <h1 class="brand">{ "Marginalia" }</h1>
            <input class="title" type="text" aria-label="Title" value={props.title.clone()} onchange={on_title} />
            <span role="status" aria-label="Save status" title={why}
                class={classes!("save-status", matches!(props.save_status, SaveStatus::Failed(_)).then_some("failed"))}>
                { props.save_status.text() }
                <span class="visually-hidden">{ note }</span>
                <span aria-hidden="true">{ sign }</span>
            </span>
            if props.remind_backup {
                <button type="button" onclick={send(Intent::Backup)}
                    title="A week or more of work without a backup: “Export all…” in the library downloads every document">{ "Back up…" }</button>
            }
            if matches!(props.save_status, SaveStatus::Failed(_)) {
                <button type="button" class="primary" onclick={send(Intent::Export)}>{ "Export now" }</button>
            }
            <nav class="commands" aria-label="Document" onkeydown={fold_key}>
                <button type="button" onclick={send(Intent::Undo)} disabled={!props.can_undo}
                    title="Undo (Ctrl+Z)">{ "Undo" }</button>
                <button type="button" onclick={send(Intent::Redo)} disabled={!props.can_redo}
                    title="Redo (Ctrl+Shift+Z or Ctrl+Y)">{ "Redo" }</button>
                <button type="button" class="menu-button" id="menu-button" aria-expanded={menu.to_string()} aria-controls="more-commands"
                    onclick={toggle}>{ "Menu" }</button>
                <div id="more-commands" class={classes!("more", menu.then_some("open"))} onclick={fold}>
                    <button type="button" onclick={send(Intent::Panel(PanelChange::ToggleLibrary))} aria-pressed={props.library_shown.to_string()}>{ "Library" }</button>
                    <button type="button" onclick={send(Intent::NewDocument)}>{ "New document" }</button>
                    <button type="button" onclick={pick}>{ "Import" }</button>
                    <input type="file" class="hidden-file" ref={picker} accept={ACCEPT} multiple={true}
                        tabindex="-1" aria-hidden="true" onchange={on_file} />
                    <button type="button" onclick={send(Intent::LoadSample)}>{ "Load sample" }</button>
                    if annotating {
                        <button type="button" onclick={send(Intent::Do(Action::EditText))}
                            title={if props.annotated { "Change the text; every annotation is carried over" } else { "Change the text" }}>
                            { "Edit text" }
                        </button>
                        <button type="button" onclick={send(Intent::Panel(PanelChange::ToggleReport))} aria-pressed={props.report_shown.to_string()}
                            title="A printable page of this document: its source, the article with its annotations, and who said what">{ "Report" }</button>
                        <button type="button" onclick={send(Intent::Panel(PanelChange::OpenCompare))} aria-haspopup="dialog"
                            title="Compare this document with other coders' versions of its text (or one bundle per coder), and adjudicate">{ "Compare…" }</button>
                        if props.annotated {
                            <button type="button" onclick={send(Intent::Do(Action::PasteRevision))}
                                title="Paste a revised version of this article; every annotation is carried over">{ "Paste revision" }</button>
                        }
                    }
                </div>
                if annotating {
                    <button type="button" class="primary" aria-haspopup="dialog" title="Export (Ctrl+S)"
                        onclick={send(Intent::Panel(PanelChange::OpenExport(ExportScope::Open)))}>{ "Export…" }</button>
                }
            </nav>
        </header>
    }
}
