//! The article's text in the DOM: written once per document, outside Yew's diffing, as
//! blocks of up to [`BLOCK_PARAGRAPHS`] paragraph `div`s, each holding `span` pieces of at
//! most a few KB (see `core::text::layout`). Every block, paragraph and piece carries
//! `data-s`/`data-e`, its span in code points. Blocks are the unit the browser skips
//! (`content-visibility: auto`, in style.css): a few hundred elements it tracks instead of
//! thousands of paragraphs (each of which would also be a paint layer), each sized
//! beforehand from its paragraphs' lengths ([`RenderedText::size_placeholders`]) so that the
//! scrollbar does not jump as blocks are rendered.
//!
//! This is the only place that maps DOM positions (node + UTF-16 offset) to document
//! offsets (code points) and back; the unit conversion itself is `core::offsets`, applied
//! within one piece.

use crate::core::offsets::{char_to_utf16, utf16_to_char, Span};
use crate::core::text::Text;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, Node, Range, StaticRange, StaticRangeInit};

/// Paragraphs per block (the unit the browser skips while off screen).
pub const BLOCK_PARAGRAPHS: usize = 16;

/// Characters of the longest paragraph the placeholder probe is measured on, at most.
const PROBE_CHARS: usize = 2_000;

/// One rendered piece: its span and its text node.
struct Piece {
    span: Span,
    node: Node,
}

/// The rendered article text and the maps between DOM positions and offsets.
pub struct RenderedText {
    container: HtmlElement,
    text: Rc<Text>,
    blocks: Vec<(Span, HtmlElement)>,
    paragraphs: Vec<(Span, HtmlElement)>,
    pieces: Vec<Piece>,
}

impl RenderedText {
    /// True if this is `text` rendered (not an earlier document's).
    pub fn shows(&self, text: &Text) -> bool {
        self.text.len() == text.len() && self.text.sha256_hex() == text.sha256_hex()
    }

    /// Replaces the children of `container` with `text`, laid out in paragraphs and pieces.
    pub fn render(container: HtmlElement, text: Rc<Text>) -> RenderedText {
        let document = container.owner_document().expect("container is in a document");
        container.set_text_content(None);
        let mut blocks = Vec::new();
        let mut paragraphs = Vec::new();
        let mut pieces = Vec::new();
        let fragment = document.create_document_fragment();
        let layout = text.layout();
        for group in layout.chunks(BLOCK_PARAGRAPHS) {
            let block: HtmlElement = element(&document, "div");
            block.set_class_name("block");
            let span = Span::new(group[0].span.start, group[group.len() - 1].span.end);
            set_span_attrs(&block, span);
            fragment.append_child(&block).expect("append block");
            blocks.push((span, block));
        }
        for (i, paragraph) in layout.into_iter().enumerate() {
            let div: HtmlElement = element(&document, "div");
            div.set_class_name("para");
            // Each paragraph takes its own direction from its first strong character,
            // so a Persian or Arabic paragraph reads right to left.
            let _ = div.set_attribute("dir", "auto");
            set_span_attrs(&div, paragraph.span);
            for span in paragraph.pieces {
                let piece: HtmlElement = element(&document, "span");
                set_span_attrs(&piece, span);
                let node: Node = document.create_text_node(text.slice(span).unwrap_or_default()).into();
                piece.append_child(&node).expect("append text");
                div.append_child(&piece).expect("append piece");
                pieces.push(Piece { span, node });
            }
            blocks[i / BLOCK_PARAGRAPHS].1.append_child(&div).expect("append paragraph");
            paragraphs.push((paragraph.span, div));
        }
        container.append_child(&fragment).expect("append article");
        RenderedText { container, text, blocks, paragraphs, pieces }
    }

    /// The element holding the paragraphs.
    pub fn container(&self) -> &HtmlElement {
        &self.container
    }

    /// The text shown.
    pub fn text(&self) -> &Rc<Text> {
        &self.text
    }

    /// Block elements (groups of paragraphs) with their spans, in order.
    pub fn blocks(&self) -> &[(Span, HtmlElement)] {
        &self.blocks
    }

    /// The paragraphs (indices) of block `block`.
    fn paragraphs_of(&self, block: usize) -> std::ops::Range<usize> {
        let len = self.paragraphs.len();
        (block * BLOCK_PARAGRAPHS).min(len)..((block + 1) * BLOCK_PARAGRAPHS).min(len)
    }

    /// The number of paragraphs.
    pub fn paragraph_count(&self) -> usize {
        self.paragraphs.len()
    }

    /// The span of paragraphs `range` (indices), or `None` if it holds none.
    pub fn paragraphs_span(&self, range: std::ops::Range<usize>) -> Option<Span> {
        let first = self.paragraphs.get(range.start)?.0;
        let last = self.paragraphs.get(range.end.checked_sub(1)?)?.0;
        (range.start < range.end).then(|| Span::new(first.start, last.end))
    }

    /// The paragraphs (indices) showing between viewport heights `top` and `bottom`: a
    /// binary search over the blocks' boxes, then over the paragraphs of the blocks seen
    /// (blocks off screen are never looked into, so nothing skipped is laid out).
    pub fn visible_paragraphs(&self, top: f64, bottom: f64) -> Option<std::ops::Range<usize>> {
        if bottom <= top || self.paragraphs.is_empty() {
            return None;
        }
        let rect = |e: &HtmlElement| e.get_bounding_client_rect();
        let first_block = self.blocks.partition_point(|(_, b)| rect(b).bottom() <= top);
        let end_block = self.blocks.partition_point(|(_, b)| rect(b).top() < bottom).max(first_block + 1);
        let (from, to) = (self.paragraphs_of(first_block).start, self.paragraphs_of(end_block - 1).end);
        let within = self.paragraphs.get(from..to)?;
        let start = from + within.partition_point(|(_, p)| rect(p).bottom() <= top);
        let end = from + within.partition_point(|(_, p)| rect(p).top() < bottom);
        Some(start.min(to - 1)..end.max(start + 1).min(to))
    }

    /// Gives every block its placeholder height (`contain-intrinsic-size`, what a block the
    /// browser skips takes up): its paragraphs' lines, estimated from their lengths with the
    /// characters per line and the line height measured on a hidden probe paragraph (two
    /// small layouts). Once a block was rendered the browser keeps its real height instead.
    pub fn size_placeholders(&self) {
        let Some(document) = self.container.owner_document() else { return };
        let probe: HtmlElement = element(&document, "div");
        probe.set_class_name("para probe");
        let _ = probe.set_attribute("aria-hidden", "true");
        let sample: String = self
            .paragraphs
            .iter()
            .max_by_key(|(span, _)| span.len())
            .and_then(|(span, _)| self.text.slice(*span))
            .unwrap_or_default()
            .chars()
            .filter(|c| *c != '\n')
            .take(PROBE_CHARS)
            .collect();
        probe.set_text_content(Some("x"));
        if self.container.append_child(&probe).is_err() {
            return;
        }
        let line = probe.offset_height() as f64;
        probe.set_text_content(Some(&sample));
        let lines = (probe.offset_height() as f64 / line.max(1.0)).round().max(1.0);
        probe.remove();
        if line <= 0.0 {
            return; // not laid out (the article is hidden)
        }
        let per_line = (sample.chars().count() as f64 / lines).max(1.0);
        for (i, (_, block)) in self.blocks.iter().enumerate() {
            let paragraphs = &self.paragraphs[self.paragraphs_of(i)];
            let lines: f64 = paragraphs.iter().map(|(span, _)| estimated_lines(self.text.slice(*span).unwrap_or_default(), per_line)).sum();
            let _ = block.style().set_property("contain-intrinsic-size", &format!("auto {:.0}px", lines * line));
        }
    }

    /// Document offset of a DOM boundary point (`node`, `offset`), as found in a
    /// `Selection` or `Range`. Points before the article map to 0, after it to its end.
    pub fn offset_of(&self, node: &Node, offset: u32) -> Option<usize> {
        let root: &Node = self.container.as_ref();
        if !root.contains(Some(node)) {
            let position = root.compare_document_position(node);
            return if position & Node::DOCUMENT_POSITION_PRECEDING != 0 {
                Some(0)
            } else if position & Node::DOCUMENT_POSITION_FOLLOWING != 0 {
                Some(self.text.len())
            } else {
                None
            };
        }
        if node.node_type() == Node::TEXT_NODE {
            let piece = self.piece_of(node)?;
            let local = self.text.slice(piece.span)?;
            let chars = utf16_to_char(local, offset as usize).unwrap_or(piece.span.len());
            return Some(piece.span.start + chars);
        }
        let children = node.child_nodes();
        match children.item(offset) {
            Some(child) => self.start_of(&child),
            None if node == root => Some(self.text.len()),
            None => node.dyn_ref::<Element>().and_then(|e| attr(e, "data-e")),
        }
    }

    /// Offset where `node` (a block, paragraph, piece or text node) begins.
    fn start_of(&self, node: &Node) -> Option<usize> {
        match node.dyn_ref::<Element>() {
            Some(e) => attr(e, "data-s"),
            None => self.offset_of(node, 0),
        }
    }

    fn piece_of(&self, text_node: &Node) -> Option<&Piece> {
        let start = attr(&text_node.parent_element()?, "data-s")?;
        let index = self.pieces.partition_point(|p| p.span.start < start);
        self.pieces.get(index).filter(|p| p.node == *text_node)
    }

    /// The piece holding offset `pos`; at a piece's end, that piece (so a range can end there).
    fn piece_at(&self, pos: usize, is_end: bool) -> Option<&Piece> {
        let index = if is_end {
            self.pieces.partition_point(|p| p.span.end < pos)
        } else {
            self.pieces.partition_point(|p| p.span.end <= pos)
        };
        self.pieces.get(index).or_else(|| self.pieces.last())
    }

    fn dom_point(&self, pos: usize, is_end: bool) -> Option<(Node, u32)> {
        let piece = self.piece_at(pos, is_end)?;
        let local = self.text.slice(piece.span)?;
        let units = char_to_utf16(local, pos.checked_sub(piece.span.start)?)?;
        Some((piece.node.clone(), units as u32))
    }

    /// A DOM `Range` over `span`, or `None` if the span is outside the text.
    pub fn range_of(&self, span: Span) -> Option<Range> {
        if span.end > self.text.len() {
            return None;
        }
        let document = self.container.owner_document()?;
        let range = document.create_range().ok()?;
        let (start_node, start) = self.dom_point(span.start, false)?;
        let (end_node, end) = self.dom_point(span.end, true)?;
        range.set_start(&start_node, start).ok()?;
        range.set_end(&end_node, end).ok()?;
        Some(range)
    }

    /// A `StaticRange` over `span`, or `None` if the span is outside the text. What a CSS
    /// highlight holds: unlike a live `Range`, the browser does not adjust it at every
    /// change of the DOM (live ranges make each insertion or removal of a node anywhere on
    /// the page cost time in the number of ranges registered). The article's text nodes
    /// never change, so a static range stays right for the life of the rendered text.
    pub fn static_range_of(&self, span: Span) -> Option<StaticRange> {
        if span.end > self.text.len() {
            return None;
        }
        let (start_node, start) = self.dom_point(span.start, false)?;
        let (end_node, end) = self.dom_point(span.end, true)?;
        StaticRange::new(&StaticRangeInit::new(&end_node, end, &start_node, start)).ok()
    }

    /// The span of the window's current selection, if it touches the article and is not
    /// collapsed. The span is raw: snapping is the core's job.
    pub fn selection_span(&self) -> Option<Span> {
        let selection = web_sys::window()?.get_selection().ok()??;
        if selection.range_count() == 0 || selection.is_collapsed() {
            return None;
        }
        let range = selection.get_range_at(0).ok()?;
        if !range.intersects_node(&self.container).unwrap_or(false) {
            return None;
        }
        let start = self.offset_of(&range.start_container().ok()?, range.start_offset().ok()?)?;
        let end = self.offset_of(&range.end_container().ok()?, range.end_offset().ok()?)?;
        Some(Span::new(start, end)).filter(|s| !s.is_empty())
    }

    /// Puts the window's selection on `span` (a caret if it is empty).
    pub fn select(&self, span: Span) -> Option<()> {
        let range = self.range_of(span)?;
        let selection = web_sys::window()?.get_selection().ok()??;
        selection.remove_all_ranges().ok()?;
        selection.add_range(&range).ok()
    }

    /// Moves the selection's focus as the keyboard asks (`alter` "move" or "extend",
    /// `direction` "forward", "backward", "left", "right", `granularity` "character",
    /// "word", "line"), in the browser's own reading order, so right-to-left text moves
    /// the way it reads. Without a selection in the article, a caret starts at `start`.
    pub fn modify_selection(&self, alter: &str, direction: &str, granularity: &str, start: usize) -> Option<()> {
        let selection = web_sys::window()?.get_selection().ok()??;
        let inside = selection.range_count() > 0
            && selection.get_range_at(0).ok()?.intersects_node(&self.container).unwrap_or(false);
        if !inside {
            return self.select(Span::new(start, start));
        }
        selection.modify(alter, direction, granularity).ok()
    }

    /// Where a collapsed selection (the keyboard caret) is in the article, as a viewport
    /// rectangle (left, top, height); `None` if there is none.
    pub fn caret_rect(&self) -> Option<(f64, f64, f64)> {
        let selection = web_sys::window()?.get_selection().ok()??;
        if selection.range_count() == 0 || !selection.is_collapsed() {
            return None;
        }
        let range = selection.get_range_at(0).ok()?;
        if !self.container.contains(Some(&range.start_container().ok()?)) {
            return None;
        }
        let rect = range.get_client_rects()?.get(0).unwrap_or_else(|| range.get_bounding_client_rect());
        (rect.height() > 0.0).then(|| (rect.left(), rect.top(), rect.height()))
    }

    /// The caret offset under viewport point (`x`, `y`), for hit-testing a click.
    pub fn offset_at_point(&self, x: f64, y: f64) -> Option<usize> {
        let document = self.container.owner_document()?;
        let caret = document.caret_position_from_point(x as f32, y as f32)?;
        self.offset_of(&caret.offset_node()?, caret.offset())
    }

    /// Scrolls the article so that `span` is in view, centred.
    pub fn scroll_to(&self, span: Span) {
        let index = self.paragraphs.partition_point(|(p, _)| p.end <= span.start);
        if let Some((_, paragraph)) = self.paragraphs.get(index) {
            let options = web_sys::ScrollIntoViewOptions::new();
            options.set_block(web_sys::ScrollLogicalPosition::Center);
            paragraph.scroll_into_view_with_scroll_into_view_options(&options);
        }
    }
}

/// Lines a paragraph takes at `per_line` characters a line: its text wrapped, plus one
/// empty line for each line break after the first (`white-space: pre-wrap`).
fn estimated_lines(paragraph: &str, per_line: f64) -> f64 {
    let breaks = paragraph.chars().rev().take_while(|c| *c == '\n').count();
    let chars = paragraph.chars().count() - breaks;
    (chars as f64 / per_line).ceil().max(1.0) + breaks.saturating_sub(1) as f64
}

fn element<T: JsCast>(document: &web_sys::Document, tag: &str) -> T {
    document.create_element(tag).expect("create element").unchecked_into()
}

fn set_span_attrs(element: &Element, span: Span) {
    let _ = element.set_attribute("data-s", &span.start.to_string());
    let _ = element.set_attribute("data-e", &span.end.to_string());
}

fn attr(element: &Element, name: &str) -> Option<usize> {
    element.get_attribute(name)?.parse().ok()
}
