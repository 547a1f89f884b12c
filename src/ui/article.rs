//! The article region. Yew renders only its empty frame; the text inside is written once
//! per document by `glue::canvas` and never re-diffed, and highlights are drawn over it.

use super::panels::PanelChange;
use super::intent::Intent;
use crate::core::ids::AnnotationId;
use crate::core::offsets::Span;
use crate::core::paint::{plan, plan_disagreements, plan_suggestions};
use crate::core::provenance::Kind;
use crate::core::document::Document;
use crate::core::text::Text;
use crate::glue;
use crate::glue::canvas::{Canvas, CanvasRef};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use web_sys::HtmlElement;
use yew::prelude::*;

/// Where the live canvas is kept, shared by the article and the root (which reads the
/// selection through it), with whether the selection was made with Alt held (exact
/// characters: no word snapping). Compared by identity.
#[derive(Clone, Default)]
pub struct CanvasSlot(Rc<RefCell<Option<CanvasRef>>>, Rc<Cell<bool>>);

impl PartialEq for CanvasSlot {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl CanvasSlot {
    fn with<T>(&self, f: impl FnOnce(&Canvas) -> Option<T>) -> Option<T> {
        let slot = self.0.borrow();
        let canvas = slot.as_ref()?.borrow();
        f(&canvas)
    }

    /// The current selection in the article, raw, in code points.
    pub fn selection_span(&self) -> Option<Span> {
        self.with(|c| c.rendered()?.selection_span())
    }

    /// True if the selection was made with the mouse and Alt held: exact characters.
    pub fn exact(&self) -> bool {
        self.1.get()
    }

    /// Scrolls the article to `span`.
    pub fn scroll_to(&self, span: Span) {
        self.with(|c| c.rendered().map(|r| r.scroll_to(span)));
    }

    /// Selects `span` in the article (for a find match: a label key then marks it), shows
    /// it and draws the caret.
    pub fn select_span(&self, span: Span) {
        self.1.set(false);
        self.with(|c| {
            let r = c.rendered()?;
            r.select(span)?;
            r.scroll_to(span);
            c.show_caret();
            Some(())
        });
    }

    /// Selects `span` as [`CanvasSlot::select_span`] does, once the article shows `text`;
    /// false if it does not yet.
    pub fn reveal(&self, text: &Text, span: Span) -> bool {
        let shown = self.with(|c| c.rendered().map(|r| r.shows(text))).unwrap_or(false);
        if shown {
            self.select_span(span);
        }
        shown
    }

    /// Moves or extends the article's selection from the keyboard (see
    /// `RenderedText::modify_selection`), starting a caret at `start` if there is none.
    pub fn move_caret(&self, alter: &str, direction: &str, granularity: &str, start: usize) {
        self.1.set(false);
        self.with(|c| {
            c.rendered()?.modify_selection(alter, direction, granularity, start)?;
            c.show_caret();
            Some(())
        });
    }

    /// Draws (or hides) the caret where the selection is now.
    pub fn refresh_caret(&self) {
        self.with(|c| {
            c.show_caret();
            Some(())
        });
    }

    /// The caret offset under a viewport point.
    fn offset_at_point(&self, x: f64, y: f64) -> Option<usize> {
        self.with(|c| c.rendered()?.offset_at_point(x, y))
    }
}

/// A text compared by identity first (a document's text is immutable), then by its
/// characters: the same article in another `Rc` (the saved document restored over the
/// sample, a document reopened) is not rendered again, so a drag begun in it is not cut.
/// The comparison is one `memcmp`, made only when the text was replaced.
struct SameText(Rc<Text>);

impl PartialEq for SameText {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0) || self.0.as_str() == other.0.as_str()
    }
}

/// The disagreements drawn in the compare view (kind and span, by start) and the current one's span.
pub type DisagreementMarks = (Vec<(Kind, Span)>, Option<Span>);

/// Properties of [`ArticleView`].
#[derive(Properties, PartialEq)]
pub struct ArticleProps {
    /// The document shown.
    pub doc: Rc<Document>,
    /// The selected annotation.
    pub selected: Option<AnnotationId>,
    /// Where to keep the canvas.
    pub slot: CanvasSlot,
    /// Where clicks go.
    pub on_intent: Callback<Intent>,
    /// Suggested spans with the position of their label, in the queue's order (by start).
    pub suggested: Rc<Vec<(Span, usize)>>,
    /// The suggestion the queue is at.
    pub current_suggestion: Option<Span>,
    /// In the compare view: the disagreements (kind and span, by start) and the current one.
    pub disagreements: Option<Rc<DisagreementMarks>>,
}

/// The rendered, highlighted article.
#[function_component(ArticleView)]
pub fn article_view(props: &ArticleProps) -> Html {
    let frame = use_node_ref();
    let host = use_node_ref();
    let overlay = use_node_ref();

    {
        let (frame, host, overlay, slot) = (frame.clone(), host.clone(), overlay.clone(), props.slot.clone());
        let doc = props.doc.clone();
        // The text is rendered anew only when it is another text.
        use_effect_with(SameText(props.doc.text.clone()), move |_| {
            let (Some(f), Some(h), Some(o)) =
                (frame.cast::<HtmlElement>(), host.cast::<HtmlElement>(), overlay.cast::<HtmlElement>())
            else {
                return;
            };
            // The old canvas goes first: dropping it clears the highlights it registered.
            drop(slot.0.borrow_mut().take());
            let canvas = Canvas::new(f, h, o, glue::query_has("highlights=overlay"));
            Canvas::set_text(&canvas, doc.text.clone(), &doc.labels);
            *slot.0.borrow_mut() = Some(canvas);
        });
    }
    {
        // A changed schema restyles the layers (the text is not rendered again).
        let slot = props.slot.clone();
        use_effect_with(props.doc.labels.clone(), move |labels| {
            if let Some(canvas) = slot.0.borrow().as_ref() {
                canvas.borrow_mut().set_labels(labels);
            }
        });
    }
    {
        let slot = props.slot.clone();
        let deps = (props.doc.clone(), props.selected, props.suggested.clone(), props.current_suggestion, props.disagreements.clone());
        use_effect_with(deps, move |(doc, selected, suggested, current, disagreements)| {
            let (doc, selected, suggested, current, disagreements) = (doc.clone(), *selected, suggested.clone(), *current, disagreements.clone());
            if let Some(canvas) = slot.0.borrow().as_ref() {
                canvas.borrow_mut().set_plan(Rc::new(move |window| {
                    let mut layers = plan(&doc, selected, window);
                    layers.extend(plan_suggestions(&suggested, doc.labels.len(), current, window));
                    if let Some(d) = &disagreements {
                        layers.extend(plan_disagreements(&d.0, d.1, window));
                    }
                    layers
                }));
            }
        });
    }
    {
        let slot = props.slot.clone();
        use_effect_with((), move |_| move || drop(slot.0.borrow_mut().take()));
    }

    let onclick = {
        let (slot, doc, on_intent, suggested) = (props.slot.clone(), props.doc.clone(), props.on_intent.clone(), props.suggested.clone());
        Callback::from(move |event: MouseEvent| {
            slot.refresh_caret(); // a click puts the keyboard caret there; a drag hides it
            if slot.selection_span().is_some() {
                return; // the end of a drag, not a click
            }
            let Some(pos) = slot.offset_at_point(event.client_x() as f64, event.client_y() as f64) else { return };
            let id = doc.annotations.hit(pos).map(|a| a.id);
            // A click on suggested text that is not annotated brings that suggestion up.
            if let (None, Some(i)) = (id, suggested.iter().rposition(|(s, _)| s.contains(pos))) {
                on_intent.emit(Intent::Panel(PanelChange::FocusSuggestion(i)));
            }
            on_intent.emit(Intent::Select { id, scroll: false });
        })
    };

    // Alt held while selecting with the mouse: the selection is taken as it is.
    let onmouseup = {
        let slot = props.slot.clone();
        Callback::from(move |event: MouseEvent| slot.1.set(event.alt_key()))
    };
    html! {
        <div class="article-frame" id="article" role="region" aria-label="Article" tabindex="0" ref={frame} {onclick} {onmouseup}>
            <div class="overlay" aria-hidden="true" ref={overlay}></div>
            <div class="article-text" ref={host}></div>
        </div>
    }
}
