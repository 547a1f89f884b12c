//! The root component: owns the reducer and the panels shown, wires the hooks (autosave,
//! suggestions, keyboard) and renders the page. Every intent of every component comes to
//! [`handle`], the one entrance to the reducer; it does what needs the browser (reads the
//! selection, asks, downloads, starts a workflow) and dispatches a core action.

use super::annotation_list::AnnotationList;
use super::article::{ArticleView, CanvasSlot};
use super::autosave::{use_autosave, SaveStatus};
use super::editor::Editor;
use super::export_dialog::ExportDialog;
use super::exporting::{export, export_chosen, export_with_suggestions, BACKUP_SETTING};
use super::find_bar::FindBar;
use super::header::Header;
use super::import_dialog::ImportDialog;
use super::comparing::compare;
use super::compare_dialog::CompareDialog;
use super::importing::{choose, import};
use super::intent::Intent;
use super::keymap::use_keymap;
use super::label_editor::LabelEditor;
use super::library::Library;
use super::library_ops::replay;
use super::project_ops;
use super::notice::NoticeBar;
use super::panels::{PanelChange, Panels, SUGGEST_SETTING};
use super::report_view::ReportView;
use super::selection_panel::SelectionPanel;
use super::shortcuts_dialog::ShortcutsDialog;
use super::side_views::SideViews;
use super::state::AppState;
use super::suggesting::use_suggestions;
use super::toolbar::Toolbar;
use super::workflow::Workflow;
use crate::core::document::Document;
use crate::core::offsets::Span;
use crate::core::labels::LabelKind;
use crate::core::snap::{quotation_at, to_words};
use crate::core::library::backup_due;
use crate::core::library_history::{next, Next};
use crate::core::state::{Mode, Notice, State};
use crate::core::store::Action;
use crate::glue;
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// The `localStorage` key of when this browser first saved work (RFC 3339).
const FIRST_SAVE_SETTING: &str = "marginalia.first-save-at";

/// What the root does with an intent, with the handles of its latest render.
type Handler = Rc<dyn Fn(Intent)>;

/// The application.
#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(AppState::default);
    let panels = use_reducer(Panels::default);
    let slot = use_state(CanvasSlot::default);
    // The state as last rendered, for the listeners and workflows that outlive a render.
    let latest = use_mut_ref(State::default);
    *latest.borrow_mut() = state.0.clone();
    let suggestions = use_suggestions(state.doc.clone(), panels.suggesting, state.mode);
    // Worked out again only with new suggestions (which follow every change of the
    // document, its schema included), not on every render of the root.
    let suggested_spans = use_memo(suggestions.clone(), {
        let doc = state.doc.clone();
        move |s| Rc::new(s.items.iter().map(|i| (i.span, doc.labels.position(&i.label).unwrap_or(usize::MAX))).collect::<Vec<_>>())
    });

    // One callback for the life of the app, calling the latest handler: children's props
    // stay equal, so a render of the root (a save status, a suggestion refresh) does not
    // render them again, and cannot reset a field while someone types in it.
    let current: Rc<RefCell<Option<Handler>>> = use_mut_ref(|| None);
    let on_intent = {
        let current = current.clone();
        (*use_memo((), move |_| {
            Callback::from(move |intent: Intent| {
                let handler = current.borrow().clone();
                if let Some(handler) = handler {
                    handler(intent);
                }
            })
        }))
        .clone()
    };
    let (save_status, storage) = use_autosave(&state.0, latest.clone(), on_intent.clone());
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
    // Once work is first saved: the browser is asked to keep the storage (its answer shows
    // in "Save status"), and from then on a week without a backup brings a reminder.
    let kept = use_state(|| None::<bool>);
    {
        let kept = kept.clone();
        use_effect_with(save_status == SaveStatus::Saved, move |saved| {
            if *saved && kept.is_none() {
                if glue::setting(FIRST_SAVE_SETTING).is_none() {
                    glue::set_setting(FIRST_SAVE_SETTING, &glue::now_rfc3339());
                }
                wasm_bindgen_futures::spawn_local(async move { kept.set(Some(glue::persist_storage().await.unwrap_or(false))) });
            }
        });
    }
    // Read again when storage is first answered and after each message (an "Export all"
    // says so), not on every render.
    let remind_backup = *use_memo((kept.is_some(), state.notice.clone()), |(asked, _)| {
        *asked && backup_due(glue::setting(FIRST_SAVE_SETTING).as_deref(), glue::setting(BACKUP_SETTING).as_deref(), &glue::now_rfc3339())
    });
    let flow = Workflow::new(on_intent.clone(), latest.clone(), storage.clone());
    {
        let (state, panels, slot, flow) = (state.clone(), panels.clone(), (*slot).clone(), flow.clone());
        *current.borrow_mut() = Some(Rc::new(move |intent| handle(&state, &panels, &slot, &flow, intent)));
    }
    use_keymap(latest, on_intent.clone());

    // The compare view, while a comparison is open on its adjudicated document.
    let session = state.comparison.clone().filter(|s| s.made(&state.doc));
    let compare_layers = use_memo((session.as_ref().map(|s| Rc::as_ptr(s) as usize), panels.disagreement), {
        let session = session.clone();
        move |(_, current)| {
            session.as_ref().map(|s| {
                let items: Vec<_> = s.comparison.disagreements.iter().map(|d| (d.kind, d.span)).collect();
                let at = s.comparison.disagreements.get(*current).map(|d| d.span);
                Rc::new((items, at))
            })
        }
    });
    let body = match state.mode {
        Mode::Annotating if panels.report => html! { <ReportView doc={state.doc.clone()} on_intent={on_intent.clone()} /> },
        _ if panels.library => html! {
            <Library storage={storage.clone()} open_number={state.doc_number} next_number={state.next_doc_number}
                refresh={*saves + state.library_changes} projects={state.projects.clone()} open_doc={state.doc.clone()}
                labels_differ={state.doc.labels != state.projects.of(&state.doc_number.to_string()).labels} on_intent={on_intent.clone()} />
        },
        Mode::Editing => html! {
            <Editor draft={state.draft.clone()} revising={false} on_intent={on_intent.clone()} />
        },
        // A revision of an annotated text: the box, and the annotations it will carry over.
        Mode::Revising => html! {
            <div class="workspace">
                <Editor draft={state.draft.clone()} revising={true} on_intent={on_intent.clone()} />
                <aside class="side" aria-label="Annotation details">
                    <AnnotationList doc={state.doc.clone()} selected={state.selected} on_intent={on_intent.clone()} />
                </aside>
            </div>
        },
        Mode::Annotating => html! {
            <>
                <Toolbar labels={state.doc.labels.clone()} editing_labels={panels.labels} suggesting={panels.suggesting} on_intent={on_intent.clone()} />
                if let Some(focus) = panels.find {
                    <FindBar doc={state.doc.clone()} {focus} on_intent={on_intent.clone()} />
                }
                if panels.labels {
                    <LabelEditor labels={state.doc.labels.clone()} used={label_use(&state.doc)} on_intent={on_intent.clone()} />
                }
                <div class="workspace">
                    <ArticleView
                        doc={state.doc.clone()}
                        selected={state.selected}
                        slot={(*slot).clone()}
                        on_intent={on_intent.clone()}
                        suggested={if session.is_some() { Rc::new(Vec::new()) } else { (*suggested_spans).clone() }}
                        current_suggestion={suggestions.items.get(panels.current).map(|s| s.span)}
                        disagreements={(*compare_layers).clone()}
                    />
                    <aside class="side" aria-label="Annotation details">
                        <SelectionPanel doc={state.doc.clone()} selected={state.selected} picking={state.picking.is_some()} on_intent={on_intent.clone()} />
                        <SideViews doc={state.doc.clone()} selected={state.selected} on_intent={on_intent.clone()}
                            suggestions={panels.suggesting.then(|| suggestions.clone())} current={panels.current} show_queue={panels.queue}
                            session={session.clone()} disagreement={panels.disagreement} show_agreement={panels.agreement} />
                    </aside>
                </div>
            </>
        },
    };
    // Files dropped anywhere on the page are imported.
    let ondragover = Callback::from(|e: DragEvent| e.prevent_default());
    let ondrop = {
        let on_intent = on_intent.clone();
        Callback::from(move |e: DragEvent| {
            let files = glue::dropped_files(&e);
            if !files.is_empty() {
                e.prevent_default();
                on_intent.emit(Intent::Import(files));
            }
        })
    };
    // The first Tab stop: to the article, or to the article box while there is none.
    let skip = Callback::from(|e: MouseEvent| {
        e.prevent_default();
        glue::focus_soon(&["article", "article-text"]);
    });
    html! {
        <div class="app" {ondragover} {ondrop}>
            <a class="skip-link" href="#main" onclick={skip}>{ "Skip to article" }</a>
            <Header
                title={state.doc.title.clone()}
                mode={state.mode}
                annotated={!state.doc.annotations.is_empty()}
                can_undo={state.can_undo()}
                can_redo={state.can_redo()}
                save_status={save_status}
                kept={*kept}
                {remind_backup}
                library_shown={panels.library}
                report_shown={panels.report}
                on_intent={on_intent.clone()}
            />
            <main id="main" class="main">
            <NoticeBar notice={state.notice.clone()} progress={state.progress.clone()} on_intent={on_intent.clone()} />
            if let Some(pending) = state.pending.clone() {
                <ImportDialog {pending} on_intent={on_intent.clone()} />
            }
            if panels.compare {
                <CompareDialog title={state.doc.title.clone()} sha256={state.doc.text.sha256_hex().to_owned()}
                    open_key={state.doc_number.to_string()} storage={storage.clone()} on_intent={on_intent.clone()} />
            }
            if panels.shortcuts {
                <ShortcutsDialog labels={state.doc.labels.clone()} on_intent={on_intent.clone()} />
            }
            if let Some(scope) = panels.export.clone() {
                <ExportDialog {scope} doc={state.doc.clone()} choice={panels.export_choice} on_intent={on_intent.clone()} />
            }
            { body }
            </main>
        </div>
    }
}

/// Carries out an intent: reads what glue must read, asks what must be asked, starts a
/// workflow or changes the panels, and dispatches the action.
fn handle(state: &UseReducerHandle<AppState>, panels: &UseReducerHandle<Panels>, slot: &CanvasSlot, flow: &Workflow, intent: Intent) {
    let panel = |change| panels.dispatch(change);
    let action = match intent {
        Intent::Do(action) => action,
        Intent::Label(label) => {
            // Whole words, unless the selection was made with Alt held (`core::snap`).
            let selection = slot.selection_span().map(|raw| if slot.exact() { raw } else { snapped(&state.doc, &label, raw, false) });
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
        // Nothing is discarded: the open document is saved to the library first.
        Intent::NewDocument => {
            panel(PanelChange::CloseLibrary);
            flow.flush();
            Action::NewDocument
        }
        Intent::LoadSample => {
            panel(PanelChange::CloseLibrary);
            flow.flush();
            Action::LoadSample
        }
        Intent::Backup => {
            if !panels.library {
                panel(PanelChange::ToggleLibrary);
            }
            Action::Notify(Notice::info("“Export all…” downloads every document of the library in one file: keep it somewhere safe."))
        }
        Intent::OpenStored { imported, doc_number, at } => {
            panel(PanelChange::CloseLibrary);
            flow.flush();
            if let Some(span) = at {
                flow.emit_soon(Intent::Reveal { number: doc_number, span, tries: 40 });
            }
            Action::OpenStored { imported: Box::new((*imported).clone()), doc_number }
        }
        Intent::Reveal { number, span, tries } => {
            // The article draws the document after this render: try until it shows it.
            if state.doc_number == number && state.mode == Mode::Annotating && slot.reveal(&state.doc.text, span) {
                return;
            }
            if tries > 0 && state.doc_number == number {
                flow.emit_soon(Intent::Reveal { number, span, tries: tries - 1 });
            }
            return;
        }
        Intent::Walk(forward) => return project_ops::walk(flow.clone(), forward),
        Intent::ApplyProjectLabels => return project_ops::apply_schema(flow.clone(), Rc::new(state.projects.open().clone())),
        Intent::ExportProject => return project_ops::export_project(flow.clone(), Rc::new(state.projects.open().clone())),
        Intent::Export => export(state),
        Intent::ExportChosen => match &panels.export {
            Some(scope) => export_chosen(state, scope, panels.export_choice),
            None => return,
        },
        Intent::ExportWithSuggestions(items) => export_with_suggestions(state, &items),
        Intent::Import(files) => return import(flow.clone(), files),
        Intent::Compare { first, with_open, files, library } => {
            panel(PanelChange::CloseCompare);
            return compare(flow.clone(), first, with_open, files, library);
        }
        Intent::Choose(choice) => return choose(flow.clone(), choice),
        Intent::Undo | Intent::Redo => {
            let forward = intent == Intent::Redo;
            match next(&state.history, &state.library, forward) {
                Some(Next::Library(op)) => return replay(flow.clone(), forward, op.clone()),
                _ if forward => Action::Redo,
                _ => Action::Undo,
            }
        }
        Intent::Reattach(id) => {
            let selection = slot.selection_span();
            if selection.is_some() {
                glue::clear_selection();
            }
            Action::ReattachOrphan { id, selection }
        }
        Intent::SelectSpan(span) => return slot.select_span(span),
        Intent::LabelMatch { label, span } => {
            glue::clear_selection();
            glue::focus_soon(&["article"]);
            let span = snapped(&state.doc, &label, span, true);
            Action::ApplyLabel { label, selection: Some(span) }
        }
        Intent::Caret { alter, direction, granularity } => {
            let start = state.selected_annotation().map_or(0, |a| a.span.end);
            return slot.move_caret(alter, direction, granularity, start);
        }
        Intent::Panel(PanelChange::ToggleSuggest) => {
            glue::set_setting(SUGGEST_SETTING, if panels.suggesting { "off" } else { "on" });
            return panel(PanelChange::ToggleSuggest);
        }
        Intent::Panel(change) => return panel(change),
    };
    state.dispatch(action);
}

/// The span `label` takes for `raw` (`core::snap`): whole words, trimmed for the label's
/// kind; for a find `match` with a quote label, the whole quotation around it.
fn snapped(doc: &Document, label: &str, raw: Span, whole_quote: bool) -> Span {
    let kind = doc.labels.kind_of(label).unwrap_or(LabelKind::Entity);
    let quotation = (whole_quote && kind == LabelKind::Quote).then(|| quotation_at(&doc.text, raw)).flatten();
    quotation.unwrap_or_else(|| to_words(&doc.text, raw, kind))
}

/// Annotations per label name.
fn label_use(doc: &Document) -> Vec<(String, usize)> {
    doc.labels.iter().map(|l| (l.name.clone(), doc.annotations.iter().filter(|a| a.label == l.name).count())).collect()
}
