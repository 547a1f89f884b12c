//! Drawing highlight layers over the article.
//!
//! With the CSS Custom Highlight API (`CSS.highlights`), each layer of `core::paint` is
//! one `Highlight` holding the ranges of that layer near the viewport, as `StaticRange`s
//! (live ranges would make every DOM change on the page cost time in their number); the
//! text in the DOM is never touched. Where the API is missing, the same layers are drawn as
//! absolutely positioned boxes in an overlay, for the visible ranges only.

use crate::core::paint::Layer;
use std::collections::HashSet;
use wasm_bindgen::prelude::*;
use web_sys::{AbstractRange, HtmlElement, Range};

#[wasm_bindgen]
extern "C" {
    /// The `Highlight` class of the CSS Custom Highlight API.
    #[wasm_bindgen(js_name = Highlight)]
    type JsHighlight;

    #[wasm_bindgen(constructor, js_class = "Highlight")]
    fn new() -> JsHighlight;

    #[wasm_bindgen(method, js_class = "Highlight")]
    fn add(this: &JsHighlight, range: &AbstractRange);

    #[wasm_bindgen(method, setter, js_class = "Highlight")]
    fn set_priority(this: &JsHighlight, priority: i32);
}

/// The page's highlight registry, if the browser has one.
fn registry() -> Option<js_sys::Map> {
    let css = js_sys::Reflect::get(&js_sys::global(), &"CSS".into()).ok()?;
    let highlights = js_sys::Reflect::get(&css, &"highlights".into()).ok()?;
    (!highlights.is_undefined() && !highlights.is_null()).then(|| highlights.unchecked_into())
}

/// True if this browser has the CSS Custom Highlight API.
pub fn css_highlights_supported() -> bool {
    registry().is_some()
}

/// Draws layers of ranges, by CSS highlights or by overlay boxes.
pub enum Painter {
    /// The CSS Custom Highlight API; remembers which names it registered.
    Css { registry: js_sys::Map, names: HashSet<String> },
    /// Boxes in `overlay`, positioned against the scrolling `frame`.
    Overlay { overlay: HtmlElement, frame: HtmlElement },
}

impl Painter {
    /// Uses CSS highlights when available (unless `force_overlay`), else the overlay.
    pub fn new(overlay: HtmlElement, frame: HtmlElement, force_overlay: bool) -> Painter {
        match registry() {
            Some(registry) if !force_overlay => Painter::Css { registry, names: HashSet::new() },
            _ => Painter::Overlay { overlay, frame },
        }
    }

    /// True if drawing with CSS highlights.
    pub fn uses_css(&self) -> bool {
        matches!(self, Painter::Css { .. })
    }

    /// Replaces everything drawn with `layers`.
    pub fn paint(&mut self, layers: &[(Layer, Vec<AbstractRange>)]) {
        self.paint_keeping(layers, &HashSet::new());
    }

    /// Like [`Painter::paint`], but the CSS highlights of the layers in `keep` are left as
    /// drawn (their ranges in `layers` are ignored); the overlay redraws everything, and
    /// draws only live `Range`s (it needs their client rectangles).
    pub fn paint_keeping(&mut self, layers: &[(Layer, Vec<AbstractRange>)], keep: &HashSet<Layer>) {
        match self {
            Painter::Css { registry, names } => {
                let mut now = HashSet::new();
                for (layer, ranges) in layers {
                    let name = layer.name();
                    if keep.contains(layer) && names.contains(&name) {
                        now.insert(name);
                        continue;
                    }
                    if ranges.is_empty() {
                        registry.delete(&JsValue::from_str(&name));
                        continue;
                    }
                    let highlight = JsHighlight::new();
                    highlight.set_priority(priority(*layer));
                    for range in ranges {
                        highlight.add(range);
                    }
                    registry.set(&JsValue::from_str(&name), &highlight);
                    now.insert(name);
                }
                for stale in names.difference(&now) {
                    registry.delete(&JsValue::from_str(stale));
                }
                *names = now;
            }
            Painter::Overlay { overlay, frame } => paint_overlay(overlay, frame, layers),
        }
    }

    /// Removes everything this painter drew.
    pub fn clear(&mut self) {
        self.paint(&[]);
    }
}

/// Which layer wins where layers overlap: entities over quotes, selection on top.
fn priority(layer: Layer) -> i32 {
    match layer {
        Layer::Label(_) => 1,
        Layer::Linked => 2,
        Layer::Selected => 3,
        Layer::Suggested(_) => 0,
        Layer::Suggestion => 4,
        Layer::OnlyFirst | Layer::OnlySecond | Layer::Conflict => 0,
        Layer::Disagreement => 4,
    }
}

fn paint_overlay(overlay: &HtmlElement, frame: &HtmlElement, layers: &[(Layer, Vec<AbstractRange>)]) {
    overlay.set_text_content(None);
    let Some(document) = overlay.owner_document() else { return };
    let origin = frame.get_bounding_client_rect();
    let (dx, dy) = (frame.scroll_left() as f64 - origin.left(), frame.scroll_top() as f64 - origin.top());
    let fragment = document.create_document_fragment();
    for (layer, ranges) in layers {
        for range in ranges.iter().filter_map(|r| r.dyn_ref::<Range>()) {
            let Some(rects) = range.get_client_rects() else { continue };
            for i in 0..rects.length() {
                let Some(rect) = rects.item(i) else { continue };
                let Ok(mark) = document.create_element("div") else { continue };
                mark.set_class_name(&format!("mark {}", layer.name()));
                let _ = mark.set_attribute(
                    "style",
                    &format!(
                        "left:{:.1}px;top:{:.1}px;width:{:.1}px;height:{:.1}px",
                        rect.left() + dx,
                        rect.top() + dy,
                        rect.width(),
                        rect.height()
                    ),
                );
                let _ = fragment.append_child(&mark);
            }
        }
    }
    let _ = overlay.append_child(&fragment);
}
