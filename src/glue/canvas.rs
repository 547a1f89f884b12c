//! The article canvas: the rendered text, the highlight painter, and the window of
//! paragraphs whose highlights are registered: the ones on screen and about a screen more
//! on either side (`core::rows::follow`), found from the frame's scroll position at each
//! scroll and resize. Chromium rebuilds every highlight marker of the page at any change
//! of the page (a row added to the side list included) and repaints every text node that
//! has one, so that work is proportional to what is registered: at 20,000 annotations a
//! window of 64-paragraph blocks held ten times what is seen.
//!
//! The UI gives the canvas a *plan*: a function from a window of the text to the layers
//! of spans to draw there (`core::paint::plan` over the current state). The canvas calls
//! it whenever the text, the state or the window changes.

use super::article_dom::RenderedText;
use super::highlights::Painter;
use crate::core::highlight_css::style_sheet;
use crate::core::labels::LabelSet;
use crate::core::offsets::Span;
use crate::core::paint::Layer;
use crate::core::rows::follow;
use crate::core::text::Text;
use gloo::events::{EventListener, EventListenerOptions};
use std::cell::RefCell;
use std::collections::HashSet;
use std::ops::Range;
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;
use web_sys::{AbstractRange, HtmlElement};

/// Spans to draw per layer within a window of the text.
pub type Plan = Rc<dyn Fn(Span) -> Vec<(Layer, Vec<Span>)>>;

/// The live article: text, highlights, visibility tracking.
pub struct Canvas {
    frame: HtmlElement,
    text_host: HtmlElement,
    style: HtmlElement,
    rendered: Option<RenderedText>,
    painter: Painter,
    plan: Option<Plan>,
    /// The paragraphs (indices) whose highlights are registered.
    held: Option<Range<usize>>,
    /// What was drawn last, layer by layer, and for which window: a layer whose spans
    /// have not changed is left as it is (a long suggestion layer, redrawn at every
    /// change, would cost a style recalculation each time).
    drawn: (Option<Span>, Vec<(Layer, Vec<Span>)>),
    /// The frame's scroll and the window's resize listeners, while a text is shown.
    listeners: Vec<EventListener>,
    /// The keyboard caret, drawn where a collapsed selection is (the article is not
    /// editable, so the browser draws none).
    caret: HtmlElement,
}

/// A shared handle to a canvas (its listeners hold weak ones).
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
            held: None,
            listeners: Vec::new(),
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

    /// Renders `text` (replacing any earlier text) and starts following the viewport:
    /// the first paragraphs are drawn at once, the placeholders sized and the window found
    /// at the next frame (when the browser lays the page out anyway).
    pub fn set_text(this: &CanvasRef, text: Rc<Text>, labels: &LabelSet) {
        let mut canvas = this.borrow_mut();
        canvas.style.set_text_content(Some(&style_sheet(labels)));
        canvas.listeners.clear();
        canvas.painter.clear();
        canvas.drawn = (None, Vec::new());
        let rendered = RenderedText::render(canvas.text_host.clone(), text);
        canvas.held = follow(None, 0..1, rendered.paragraph_count());
        canvas.listeners = listen(this, &canvas.frame);
        canvas.rendered = Some(rendered);
        canvas.repaint();
        let weak = Rc::downgrade(this);
        super::next_frame(move || {
            if let Some(canvas) = weak.upgrade() {
                if let Ok(mut canvas) = canvas.try_borrow_mut() {
                    if let Some(rendered) = canvas.rendered.as_ref() {
                        rendered.size_placeholders();
                    }
                    canvas.follow_viewport();
                }
            }
        });
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

    /// The window of text whose highlights are registered.
    fn window(&self) -> Option<Span> {
        self.rendered.as_ref()?.paragraphs_span(self.held.clone()?)
    }

    /// Moves the window if the paragraphs on screen came near its edge, and redraws.
    fn follow_viewport(&mut self) {
        let Some(rendered) = self.rendered.as_ref() else { return };
        let frame = self.frame.get_bounding_client_rect();
        let Some(visible) = rendered.visible_paragraphs(frame.top(), frame.bottom()) else { return };
        if let Some(next) = follow(self.held.clone(), visible, rendered.paragraph_count()) {
            self.held = Some(next);
            self.repaint();
        }
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
        self.listeners.clear();
        self.painter.clear();
        self.style.remove();
    }
}

/// Follows the viewport at each scroll of `frame` and resize of the window (passive
/// listeners: scrolling never waits for them).
fn listen(this: &CanvasRef, frame: &HtmlElement) -> Vec<EventListener> {
    let follow_from = |weak: Weak<RefCell<Canvas>>| {
        move |_: &web_sys::Event| {
            if let Some(canvas) = weak.upgrade() {
                if let Ok(mut canvas) = canvas.try_borrow_mut() {
                    canvas.follow_viewport();
                }
            }
        }
    };
    let options = EventListenerOptions::default();
    let mut listeners = vec![EventListener::new_with_options(frame, "scroll", options, follow_from(Rc::downgrade(this)))];
    if let Some(window) = web_sys::window() {
        listeners.push(EventListener::new_with_options(&window, "resize", options, follow_from(Rc::downgrade(this))));
    }
    listeners
}
