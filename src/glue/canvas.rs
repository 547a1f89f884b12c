//! The article canvas: the rendered text, the highlight painter and an
//! `IntersectionObserver` that tracks which blocks of paragraphs are near the viewport,
//! so that only highlights near it are registered. (Observing every paragraph costs
//! about 30 ms per frame on a 1M-character article; blocks of 64 keep it negligible.)
//!
//! The UI gives the canvas a *plan*: a function from a window of the text to the layers
//! of spans to draw there (`core::paint::plan` over the current state). The canvas calls
//! it whenever the text, the state or the visible window changes.

use super::article_dom::RenderedText;
use super::highlights::Painter;
use crate::core::highlight_css::style_sheet;
use crate::core::labels::LabelSet;
use crate::core::offsets::Span;
use crate::core::paint::Layer;
use crate::core::text::Text;
use std::cell::RefCell;
use std::collections::{BTreeSet, HashSet};
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;
use web_sys::{AbstractRange, HtmlElement, IntersectionObserver, IntersectionObserverEntry, IntersectionObserverInit};

/// Spans to draw per layer within a window of the text.
pub type Plan = Rc<dyn Fn(Span) -> Vec<(Layer, Vec<Span>)>>;

/// How far beyond the visible part of the article highlights are registered.
const MARGIN: &str = "800px 0px";

/// The live article: text, highlights, visibility tracking.
pub struct Canvas {
    frame: HtmlElement,
    text_host: HtmlElement,
    style: HtmlElement,
    rendered: Option<RenderedText>,
    painter: Painter,
    plan: Option<Plan>,
    visible: BTreeSet<usize>,
    /// What was drawn last, layer by layer, and for which window: a layer whose spans
    /// have not changed is left as it is (a long suggestion layer, redrawn at every
    /// change, would cost a style recalculation each time).
    drawn: (Option<Span>, Vec<(Layer, Vec<Span>)>),
    observer: Option<Observer>,
    /// The keyboard caret, drawn where a collapsed selection is (the article is not
    /// editable, so the browser draws none).
    caret: HtmlElement,
}

/// An observer with the callback it must keep alive.
type Observer = (IntersectionObserver, Closure<dyn FnMut(js_sys::Array)>);

/// A shared handle to a canvas (the observer callback holds a weak one).
pub type CanvasRef = Rc<RefCell<Canvas>>;

impl Canvas {
    /// A canvas drawing in `frame` (the scrolling region), with the text in `text_host`
    /// and fallback boxes in `overlay`. `force_overlay` skips the CSS Highlight API.
    pub fn new(frame: HtmlElement, text_host: HtmlElement, overlay: HtmlElement, force_overlay: bool) -> CanvasRef {
        let document = frame.owner_document().expect("frame is in a document");
        let style: HtmlElement = document.create_element("style").expect("style").unchecked_into();
        let _ = frame.append_child(&style);
        let caret: HtmlElement = document.create_element("div").expect("div").unchecked_into();
        caret.set_class_name("caret");
        let _ = caret.set_attribute("aria-hidden", "true");
        let _ = frame.append_child(&caret);
        let painter = Painter::new(overlay, frame.clone(), force_overlay);
        Rc::new(RefCell::new(Canvas {
            caret,
            frame,
            text_host,
            style,
            rendered: None,
            painter,
            plan: None,
            drawn: (None, Vec::new()),
            visible: BTreeSet::new(),
            observer: None,
        }))
    }

    /// The rendered text, once [`Canvas::set_text`] was called.
    pub fn rendered(&self) -> Option<&RenderedText> {
        self.rendered.as_ref()
    }

    /// True if highlights are drawn with the CSS Custom Highlight API.
    pub fn uses_css_highlights(&self) -> bool {
        self.painter.uses_css()
    }

    /// Renders `text` (replacing any earlier text) and starts tracking its paragraphs.
    pub fn set_text(this: &CanvasRef, text: Rc<Text>, labels: &LabelSet) {
        let mut canvas = this.borrow_mut();
        canvas.style.set_text_content(Some(&style_sheet(labels)));
        if let Some((observer, _)) = canvas.observer.take() {
            observer.disconnect();
        }
        canvas.painter.clear();
        canvas.drawn = (None, Vec::new());
        canvas.visible.clear();
        let rendered = RenderedText::render(canvas.text_host.clone(), text);
        let observer = observe(this, &canvas.frame, &rendered);
        canvas.rendered = Some(rendered);
        canvas.observer = observer;
        canvas.repaint();
    }

    /// Draws the keyboard caret at the collapsed selection, or hides it.
    pub fn show_caret(&self) {
        let style = self.caret.style();
        match self.rendered.as_ref().and_then(RenderedText::caret_rect) {
            Some((left, top, height)) => {
                let frame = self.frame.get_bounding_client_rect();
                let x = left - frame.left() + self.frame.scroll_left() as f64;
                let y = top - frame.top() + self.frame.scroll_top() as f64;
                let _ = style.set_property("transform", &format!("translate({x:.1}px, {y:.1}px)"));
                let _ = style.set_property("height", &format!("{height:.1}px"));
                let _ = style.set_property("display", "block");
            }
            None => {
                let _ = style.set_property("display", "none");
            }
        }
    }

    /// Restyles the layers for a changed label schema (renamed, recoloured, reordered,
    /// added or deleted labels) and draws everything again.
    pub fn set_labels(&mut self, labels: &LabelSet) {
        self.style.set_text_content(Some(&style_sheet(labels)));
        self.painter.clear();
        self.drawn = (None, Vec::new());
        self.repaint();
    }

    /// Sets what to draw and draws it.
    pub fn set_plan(&mut self, plan: Plan) {
        self.plan = Some(plan);
        self.repaint();
    }

    /// The window of text near the viewport: the blocks the observer reports, or the
    /// first block before it has reported.
    fn window(&self) -> Option<Span> {
        let blocks = self.rendered.as_ref()?.blocks();
        let (first, last) = match (self.visible.first(), self.visible.last()) {
            (Some(&f), Some(&l)) => (f, l),
            _ => (0, 0),
        };
        Some(Span::new(blocks.get(first)?.0.start, blocks.get(last)?.0.end))
    }

    /// Redraws the highlights of the current window.
    pub fn repaint(&mut self) {
        let (Some(plan), Some(window)) = (self.plan.clone(), self.window()) else { return };
        let Some(rendered) = self.rendered.as_ref() else { return };
        let planned = plan(window);
        // Boxes in the overlay are all redrawn each time; CSS highlights can be kept.
        let same_window = self.drawn.0 == Some(window) && self.painter.uses_css();
        let unchanged: HashSet<Layer> =
            planned.iter().filter(|(layer, spans)| same_window && self.drawn.1.iter().any(|(l, s)| l == layer && s == spans)).map(|(l, _)| *l).collect();
        let layers: Vec<_> = planned
            .iter()
            .map(|(layer, spans)| (*layer, if unchanged.contains(layer) { Vec::new() } else { ranges(rendered, spans, self.painter.uses_css()) }))
            .collect();
        self.painter.paint_keeping(&layers, &unchanged);
        self.drawn = (Some(window), planned);
    }

    fn set_visible(&mut self, entries: js_sys::Array) {
        let Some(rendered) = self.rendered.as_ref() else { return };
        for entry in entries.iter() {
            let entry: IntersectionObserverEntry = entry.unchecked_into();
            let target = entry.target();
            let Some(start) = target.get_attribute("data-s").and_then(|s| s.parse::<usize>().ok()) else { continue };
            let index = rendered.blocks().partition_point(|(span, _)| span.start < start);
            if entry.is_intersecting() {
                self.visible.insert(index);
            } else {
                self.visible.remove(&index);
            }
        }
        self.repaint();
    }
}

/// The ranges of `spans`: static for CSS highlights, live for the overlay (which needs
/// their client rectangles).
fn ranges(rendered: &RenderedText, spans: &[Span], css: bool) -> Vec<AbstractRange> {
    if css {
        spans.iter().filter_map(|s| rendered.static_range_of(*s)).map(Into::into).collect()
    } else {
        spans.iter().filter_map(|s| rendered.range_of(*s)).map(Into::into).collect()
    }
}

impl Drop for Canvas {
    fn drop(&mut self) {
        if let Some((observer, _)) = self.observer.take() {
            observer.disconnect();
        }
        self.painter.clear();
        self.style.remove();
    }
}

fn observe(
    this: &CanvasRef,
    frame: &HtmlElement,
    rendered: &RenderedText,
) -> Option<Observer> {
    let weak: Weak<RefCell<Canvas>> = Rc::downgrade(this);
    let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
        if let Some(canvas) = weak.upgrade() {
            if let Ok(mut canvas) = canvas.try_borrow_mut() {
                canvas.set_visible(entries);
            }
        }
    });
    let options = IntersectionObserverInit::new();
    options.set_root(Some(frame));
    options.set_root_margin(MARGIN);
    let observer = IntersectionObserver::new_with_options(callback.as_ref().unchecked_ref(), &options).ok()?;
    for (_, block) in rendered.blocks() {
        observer.observe(block);
    }
    Some((observer, callback))
}
