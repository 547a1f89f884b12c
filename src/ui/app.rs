//! The root component: owns the reducer, the keyboard shortcuts and the actions that
//! need glue (reading the selection, confirming, downloading).

use super::article::{ArticleView, CanvasSlot};
use super::autosave::{use_autosave, SaveStatus, StorageSlot};
use super::library::Library;
use super::editor::Editor;
use super::header::Header;
use super::import_dialog::ImportDialog;
use super::find_bar::FindBar;
use super::importing::{choose, import};
use super::label_editor::LabelEditor;
use super::library_ops::replay;
use super::notice::NoticeBar;
use super::selection_panel::SelectionPanel;
use super::side_views::SideViews;
use super::state::AppState;
use super::toolbar::Toolbar;
use super::intent::Intent;
use crate::core::detect::suggest::{analyse, suggest_with, Analysis, Suggestion, Suggestions};
use crate::core::text::Text;
use crate::core::export::{file_name, to_json, to_json_marking};
use crate::core::reduce::suggestions::with_suggestions;
use crate::core::library_history::{next, Next};
use crate::core::store::Action;
use crate::core::state::{Mode, Notice, State};
use crate::core::document::Document;
use crate::glue;
use gloo::events::{EventListener, EventListenerOptions};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, KeyboardEvent};
use yew::prelude::*;

/// The application.
#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(AppState::default);
    let slot = use_state(CanvasSlot::default);
    let (save_status, storage) = use_autosave(&state);
    let show_library = use_state(|| false);
    let show_labels = use_state(|| false);
    // "Find" is shown while `Some`; the number changes at each Ctrl+F, to focus its box.
    let show_find = use_state(|| None::<u64>);
    // Read the library again after each save.
    let saves = use_state(|| 0u64);
    {
        let saves = saves.clone();
        use_effect_with(save_status.clone(), move |status| {
            if *status == SaveStatus::Saved {
                saves.set(*saves + 1);
            }
        });
    }

    // Suggestions: worked out again after each change, after a pause, so that a burst of
    // changes costs one run (see `core::detect`). Unchanged suggestions render nothing.
    let suggesting = use_state(|| true);
    let suggestions = use_state_eq(|| Rc::new(Suggestions::default()));
    // The analysis of the open text (its words, quotations and names), kept while the
    // text stays the same: a change of annotations only redoes the cheap rest.
    let analysis = use_mut_ref(|| None::<(Rc<Text>, Rc<Analysis>)>);
    let current_suggestion = use_state(|| 0usize);
    // Changes when the queue should come to the front (a suggestion clicked, "Suggest" on).
    let show_queue = use_state(|| 0u64);
    {
        let (suggestions, analysis) = (suggestions.clone(), analysis.clone());
        use_effect_with((state.doc.clone(), *suggesting, state.mode), move |(doc, on, mode)| {
            let (doc, on, annotating) = (doc.clone(), *on, *mode == Mode::Annotating);
            // The pause waited for grows with the text (120 ms, 370 ms at 1M characters), so
            // a burst of marking on a long article is not slowed by refreshes in between.
            let pause = 120 + (doc.text.len() / 4000) as u32;
            let timer = gloo::timers::callback::Timeout::new(pause, move || {
                if !(on && annotating) {
                    suggestions.set(Rc::new(Suggestions::default()));
                    return;
                }
                let cached = analysis.borrow().as_ref().filter(|(text, _)| Rc::ptr_eq(text, &doc.text)).map(|(_, a)| a.clone());
                let fresh = cached.unwrap_or_else(|| {
                    let a = Rc::new(glue::measured("marginalia-analyse", || analyse(doc.text.as_str())));
                    *analysis.borrow_mut() = Some((doc.text.clone(), a.clone()));
                    a
                });
                let found = glue::measured("marginalia-suggest", || suggest_with(&doc, &doc.rejected, &fresh));
                suggestions.set(Rc::new(found));
            });
            move || drop(timer)
        });
    }
    let suggested_spans = use_memo(suggestions.clone(), |s| Rc::new(s.items.iter().map(|i| i.span).collect::<Vec<_>>()));

    // What an intent does, with this render's handles.
    let handler: Rc<dyn Fn(Intent)> = {
        let (state, slot, storage, show_library, show_labels, show_find) =
            (state.clone(), (*slot).clone(), storage.clone(), show_library.clone(), show_labels.clone(), show_find.clone());
        let (suggesting, current_suggestion, show_queue) = (suggesting.clone(), current_suggestion.clone(), show_queue.clone());
        Rc::new(move |intent: Intent| match intent {
            Intent::ToggleSuggest => {
                if !*suggesting {
                    show_queue.set(*show_queue + 1);
                }
                suggesting.set(!*suggesting);
            }
            Intent::FocusSuggestion(n) => {
                current_suggestion.set(n);
                show_queue.set(*show_queue + 1);
            }
            Intent::ToggleLibrary => show_library.set(!*show_library),
            Intent::ToggleLabelEditor => show_labels.set(!*show_labels),
            Intent::OpenFind => show_find.set(Some(show_find.map_or(0, |n| n + 1))),
            Intent::CloseFind => show_find.set(None),
            Intent::OpenStored { .. } => {
                show_library.set(false);
                handle(&state, &slot, &storage, intent);
            }
            intent => handle(&state, &slot, &storage, intent),
        })
    };
    // One callback for the life of the app, calling the latest handler: children's props
    // stay equal, so a render of the root (a save status, a suggestion refresh) does not
    // render them again, and cannot reset a field while someone types in it.
    let current_handler = use_mut_ref(|| handler.clone());
    *current_handler.borrow_mut() = handler;
    let on_intent = (*use_memo((), move |_| {
        Callback::from(move |intent: Intent| {
            let handler = current_handler.borrow().clone();
            handler(intent)
        })
    }))
    .clone();

    // The latest state and intent callback, read by the key listener registered once.
    let latest = use_mut_ref(|| (State::default(), on_intent.clone()));
    *latest.borrow_mut() = (state.0.clone(), on_intent.clone());
    {
        let latest = latest.clone();
        use_effect_with((), move |_| {
            let document = gloo::utils::document();
            let options = EventListenerOptions::enable_prevent_default();
            let listener = EventListener::new_with_options(&document, "keydown", options, move |event| {
                let Some(event) = event.dyn_ref::<KeyboardEvent>() else { return };
                let (intent, on_intent) = {
                    let latest = latest.borrow();
                    (intent_for_key(event, &latest.0), latest.1.clone())
                };
                if let Some(intent) = intent {
                    event.prevent_default();
                    on_intent.emit(intent);
                }
            });
            move || drop(listener)
        });
    }

    let body = match state.mode {
        _ if *show_library => html! {
            <Library storage={storage.clone()} open_number={state.doc_number} next_number={state.next_doc_number}
                refresh={*saves + state.library_changes} on_intent={on_intent.clone()} />
        },
        Mode::Editing => html! {
            <Editor draft={state.draft.clone()} on_intent={on_intent.clone()} />
        },
        Mode::Annotating => html! {
            <>
                <Toolbar labels={state.doc.labels.clone()} editing_labels={*show_labels} suggesting={*suggesting} on_intent={on_intent.clone()} />
                if let Some(focus) = *show_find {
                    <FindBar doc={state.doc.clone()} {focus} on_intent={on_intent.clone()} />
                }
                if *show_labels {
                    <LabelEditor labels={state.doc.labels.clone()} used={label_use(&state.doc)} on_intent={on_intent.clone()} />
                }
                <div class="workspace">
                    <ArticleView
                        doc={state.doc.clone()}
                        selected={state.selected}
                        slot={(*slot).clone()}
                        on_intent={on_intent.clone()}
                        suggested={(*suggested_spans).clone()}
                        current_suggestion={suggestions.items.get(*current_suggestion).map(|s| s.span)}
                    />
                    <aside class="side" aria-label="Annotation details">
                        <SelectionPanel doc={state.doc.clone()} selected={state.selected} picking={state.picking.is_some()} on_intent={on_intent.clone()} />
                        <SideViews doc={state.doc.clone()} selected={state.selected} on_intent={on_intent.clone()}
                            suggestions={suggesting.then(|| (*suggestions).clone())} current={*current_suggestion} show_queue={*show_queue} />
                    </aside>
                </div>
            </>
        },
    };
    // A file dropped anywhere on the page is imported.
    let ondragover = Callback::from(|e: DragEvent| e.prevent_default());
    let ondrop = {
        let on_intent = on_intent.clone();
        Callback::from(move |e: DragEvent| {
            if let Some(file) = glue::dropped_file(&e) {
                e.prevent_default();
                on_intent.emit(Intent::Import(file));
            }
        })
    };
    html! {
        <div class="app" {ondragover} {ondrop}>
            <Header
                title={state.doc.title.clone()}
                mode={state.mode}
                annotated={!state.doc.annotations.is_empty()}
                can_undo={state.can_undo()}
                can_redo={state.can_redo()}
                save_status={save_status}
                library_shown={*show_library}
                on_intent={on_intent.clone()}
            />
            <NoticeBar notice={state.notice.clone()} progress={state.progress.clone()} on_intent={on_intent.clone()} />
            if let Some(pending) = state.pending.clone() {
                <ImportDialog {pending} {on_intent} />
            }
            { body }
        </div>
    }
}

/// Carries out an intent: reads what glue must read, asks what must be asked, dispatches.
fn handle(state: &UseReducerHandle<AppState>, slot: &CanvasSlot, storage: &StorageSlot, intent: Intent) {
    let annotations = state.doc.annotations.len();
    let keep_work = || {
        annotations > 0
            && !glue::confirm(&format!(
                "Discard this document and its {annotations} annotation(s)? Export first if you want to keep them."
            ))
    };
    let action = match intent {
        Intent::Label(label) => {
            let selection = slot.selection_span();
            if selection.is_some() {
                glue::clear_selection();
                slot.refresh_caret();
            }
            Action::ApplyLabel { label, selection }
        }
        Intent::Select { id, scroll } => {
            if let (true, Some(a)) = (scroll, id.and_then(|id| state.doc.annotations.get(id))) {
                slot.scroll_to(a.span);
            }
            if id.is_none() {
                glue::clear_selection();
            }
            Action::Select(id)
        }
        Intent::Delete => Action::DeleteSelected,
        Intent::Do(action) => action,
        Intent::Start { text, replaced_surrogates } => Action::StartAnnotating { text, replaced_surrogates },
        Intent::Draft(text) => Action::SetDraft(text),
        Intent::Title(title) => Action::SetTitle(title),
        Intent::EditText => Action::EditText,
        Intent::NewDocument if keep_work() => return,
        Intent::NewDocument => {
            storage.flush(&state.0);
            Action::NewDocument
        }
        Intent::LoadSample if keep_work() => return,
        Intent::LoadSample => {
            storage.flush(&state.0);
            Action::LoadSample
        }
        Intent::OpenStored { imported, doc_number } => {
            storage.flush(&state.0);
            Action::OpenStored { imported: Box::new((*imported).clone()), doc_number }
        }
        Intent::TakeDocNumber => Action::TakeDocNumber,
        Intent::Notify(text) => Action::Notify(Notice::info(text)),
        Intent::ToggleLibrary | Intent::ToggleLabelEditor | Intent::OpenFind | Intent::CloseFind | Intent::ToggleSuggest | Intent::FocusSuggestion(_) => return,
        Intent::ExportWithSuggestions(items) => export_with_suggestions(&state.0, &items),
        Intent::SelectSpan(span) => return slot.select_span(span),
        Intent::Caret { alter, direction, granularity } => {
            let start = state.selected_annotation().map_or(0, |a| a.span.end);
            return slot.move_caret(alter, direction, granularity, start);
        }
        Intent::Export => export(&state.0),
        Intent::Dismiss => Action::DismissNotice,
        Intent::Refuse(text) => Action::Notify(Notice::error(text)),
        Intent::Import(file) => return import(state.clone(), storage.clone(), file),
        Intent::Choose(choice) => return choose(state.clone(), storage.clone(), choice),
        Intent::LibraryDone(op) => Action::LibraryDone(op),
        Intent::Undo | Intent::Redo => {
            let forward = intent == Intent::Redo;
            match next(&state.history, &state.library, forward) {
                Some(Next::Library(op)) => return replay(state.clone(), storage.clone(), forward, op.clone()),
                _ if forward => Action::Redo,
                _ => Action::Undo,
            }
        }
    };
    state.dispatch(action);
}

/// Annotations per label name.
fn label_use(doc: &Document) -> Vec<(String, usize)> {
    doc.labels.iter().map(|l| (l.name.clone(), doc.annotations.iter().filter(|a| a.label == l.name).count())).collect()
}

fn export(state: &State) -> Action {
    let json = to_json(&state.doc, &glue::now_rfc3339());
    download_export(state, &json, &format!("{} annotation(s)", state.doc.annotations.len()))
}

/// Downloads `json` as the export of the open document and says so (`what` was exported).
fn download_export(state: &State, json: &str, what: &str) -> Action {
    let name = file_name(&state.doc.title);
    Action::Notify(match glue::download(&name, "application/json", json) {
        Ok(()) => Notice::info(format!("Exported {what} to {name}.")),
        Err(why) => Notice::error(format!("The export could not be saved: {why}.")),
    })
}

/// Downloads the export with `items` accepted on a copy, marked `"status": "suggested"`.
fn export_with_suggestions(state: &State, items: &[Suggestion]) -> Action {
    let (doc, suggested) = with_suggestions(&state.doc, items);
    let json = to_json_marking(&doc, &glue::now_rfc3339(), &suggested);
    download_export(state, &json, &format!("{} annotation(s) and {} suggestion(s)", state.doc.annotations.len(), suggested.len()))
}

/// The intent of a key press anywhere on the page, if it is a shortcut. Keys typed into
/// a text field are left alone (there, Ctrl+Z undoes typing as usual).
fn intent_for_key(event: &KeyboardEvent, state: &State) -> Option<Intent> {
    if event.is_composing() {
        return None;
    }
    let target = event.target().and_then(|t| t.dyn_into::<HtmlElement>().ok());
    if let Some(target) = &target {
        let tag = target.tag_name();
        if matches!(tag.as_str(), "INPUT" | "TEXTAREA" | "SELECT") || target.is_content_editable() {
            return None;
        }
    }
    if event.alt_key() {
        return None;
    }
    let key = event.key().to_lowercase();
    let ctrl = event.ctrl_key() || event.meta_key();
    if ctrl && !event.shift_key() && key == "f" && state.mode == Mode::Annotating {
        return Some(Intent::OpenFind);
    }
    if state.mode != Mode::Annotating {
        return if ctrl { undo_keys(&key, event.shift_key()) } else { None };
    }
    // In the article: a keyboard caret, and Tab between annotations.
    let in_article = target.as_ref().and_then(|t| t.closest(".article-frame").ok().flatten()).is_some();
    if in_article {
        let alter = if event.shift_key() { "extend" } else { "move" };
        let word = if ctrl { "word" } else { "character" };
        let caret = |direction, granularity| Some(Intent::Caret { alter, direction, granularity });
        match event.key().as_str() {
            "ArrowRight" => return caret("right", word),
            "ArrowLeft" => return caret("left", word),
            "ArrowDown" => return caret("forward", "line"),
            "ArrowUp" => return caret("backward", "line"),
            "Home" => return caret("backward", "lineboundary"),
            "End" => return caret("forward", "lineboundary"),
            "Tab" if !ctrl => {
                // Past the last (or before the first) annotation, Tab leaves the article.
                return state.neighbour(!event.shift_key()).map(|id| Intent::Select { id: Some(id), scroll: true });
            }
            _ => {}
        }
    }
    if ctrl {
        return undo_keys(&key, event.shift_key());
    }
    match event.key().as_str() {
        "Escape" => Some(Intent::Select { id: None, scroll: false }),
        "Delete" | "Backspace" if state.selected.is_some() => Some(Intent::Delete),
        key => match state.doc.labels.by_hotkey(key) {
            Some(l) => Some(Intent::Label(l.name.clone())),
            None if key.eq_ignore_ascii_case("s") && state.selected.is_some() => Some(Intent::Do(Action::PickSpeaker)),
            None => None,
        },
    }
}

/// Ctrl+Z undoes; Ctrl+Shift+Z and Ctrl+Y redo.
fn undo_keys(key: &str, shift: bool) -> Option<Intent> {
    match (key, shift) {
        ("z", false) => Some(Intent::Undo),
        ("z", true) | ("y", false) => Some(Intent::Redo),
        _ => None,
    }
}
