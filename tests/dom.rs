//! DOM tests in headless Chromium (wasm-bindgen-test): DOM selections and ranges map to
//! document offsets in code points, across pieces and paragraphs, with emoji, Persian
//! script and combining marks before the selection; highlight layers are registered.
#![cfg(target_arch = "wasm32")]

use marginalia::core::offsets::Span;
use marginalia::core::paint::Layer;
use marginalia::core::text::{Text, PIECE_CHARS};
use marginalia::glue::article_dom::RenderedText;
use marginalia::glue::highlights::Painter;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, Node};

wasm_bindgen_test_configure!(run_in_browser);

const ARTICLE: &str = "Rally 🌱👩🏽‍⚕️ in Halden\n\nمریم رحیمی and José\u{301} said: “We stay.\n\nFor good,” said Maryam Rahimi.\n";

fn host() -> HtmlElement {
    let document = gloo::utils::document();
    let div: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    div.set_attribute("style", "white-space: pre-wrap; width: 600px; font: 16px monospace").unwrap();
    document.body().unwrap().append_child(&div).unwrap();
    div
}

fn render(text: &str) -> RenderedText {
    RenderedText::render(host(), Rc::new(Text::new(text)))
}

/// Code point offset of `needle` in `hay`.
fn cp(hay: &str, needle: &str) -> usize {
    hay[..hay.find(needle).expect("needle in text")].chars().count()
}

/// Makes the window's selection a copy of `range`.
fn select(range: &web_sys::Range) {
    let selection = web_sys::window().unwrap().get_selection().unwrap().unwrap();
    selection.remove_all_ranges().unwrap();
    selection.add_range(range).unwrap();
}

#[wasm_bindgen_test]
fn ranges_cover_exactly_the_span_after_emoji_and_persian() {
    let r = render(ARTICLE);
    for needle in ["Maryam Rahimi", "مریم رحیمی", "José\u{301}", "🌱", "“We stay.\n\nFor good,”", "Halden\n\nمریم"] {
        let start = cp(ARTICLE, needle);
        let span = Span::new(start, start + needle.chars().count());
        let range = r.range_of(span).expect("range");
        assert_eq!(String::from(range.to_string()), needle);
        select(&range);
        assert_eq!(r.selection_span(), Some(span), "selection of {needle:?}");
    }
}

#[wasm_bindgen_test]
fn static_ranges_have_the_live_ranges_boundaries_and_survive_dom_changes_elsewhere() {
    let r = render(ARTICLE);
    for needle in ["Maryam Rahimi", "مریم رحیمی", "José\u{301}", "🌱", "“We stay.\n\nFor good,”"] {
        let start = cp(ARTICLE, needle);
        let span = Span::new(start, start + needle.chars().count());
        let live = r.range_of(span).unwrap();
        let fixed = r.static_range_of(span).unwrap();
        assert_eq!(fixed.start_container(), live.start_container().unwrap(), "{needle:?}");
        assert_eq!(fixed.start_offset(), live.start_offset().unwrap(), "{needle:?}");
        assert_eq!(fixed.end_container(), live.end_container().unwrap(), "{needle:?}");
        assert_eq!(fixed.end_offset(), live.end_offset().unwrap(), "{needle:?}");
    }
    // A node added and removed elsewhere on the page leaves the static range as it was.
    let span = Span::new(cp(ARTICLE, "Maryam Rahimi"), cp(ARTICLE, "Maryam Rahimi") + 13);
    let fixed = r.static_range_of(span).unwrap();
    let other = host();
    other.set_text_content(Some("elsewhere"));
    other.remove();
    assert_eq!(fixed.end_offset() - fixed.start_offset(), "Maryam Rahimi".encode_utf16().count() as u32);
    assert!(r.static_range_of(Span::new(0, ARTICLE.chars().count() + 1)).is_none(), "past the end");
}

#[wasm_bindgen_test]
fn selection_across_pieces_of_a_long_paragraph() {
    let text = format!("😀 مریم {}", "word ".repeat(PIECE_CHARS));
    let r = render(&text);
    let pieces = r.container().query_selector_all(".para > span").unwrap();
    assert!(pieces.length() >= 3, "the paragraph is cut into pieces");
    let span = Span::new(PIECE_CHARS - 7, PIECE_CHARS + 13);
    let range = r.range_of(span).unwrap();
    assert_ne!(range.start_container().unwrap(), range.end_container().unwrap(), "crosses a piece boundary");
    select(&range);
    assert_eq!(r.selection_span(), Some(span));
    let expected: String = text.chars().skip(span.start).take(span.len()).collect();
    assert_eq!(String::from(range.to_string()), expected);
}

#[wasm_bindgen_test]
fn element_boundary_points_map_to_block_and_paragraph_edges() {
    let r = render(ARTICLE);
    let root: &Node = r.container().as_ref();
    let block = root.child_nodes().item(0).unwrap();
    // Between the first and second paragraph, as the block's child offset 1.
    let second = cp(ARTICLE, "مریم");
    assert_eq!(r.offset_of(&block, 1), Some(second));
    assert_eq!(r.offset_of(root, 0), Some(0));
    let count = root.child_nodes().length();
    assert_eq!(r.offset_of(root, count), Some(ARTICLE.chars().count()));
    // Inside a paragraph element: offset 0 is its start, after its only piece its end.
    let para = block.child_nodes().item(1).unwrap();
    assert_eq!(r.offset_of(&para, 0), Some(second));
    let third = cp(ARTICLE, "For good");
    assert_eq!(r.offset_of(&para, 1), Some(third));
}

#[wasm_bindgen_test]
fn paragraphs_are_grouped_into_blocks() {
    let text = "line\n".repeat(marginalia::glue::article_dom::BLOCK_PARAGRAPHS * 2 + 5);
    let r = render(&text);
    assert_eq!(r.blocks().len(), 3);
    let root: &Node = r.container().as_ref();
    // Block edges, as container child offsets.
    assert_eq!(r.offset_of(root, 1), Some(5 * marginalia::glue::article_dom::BLOCK_PARAGRAPHS));
    assert_eq!(r.blocks()[2].0.end, text.chars().count());
}

#[wasm_bindgen_test]
fn the_visible_paragraphs_are_found_from_the_scroll_position() {
    // A 200 px scrolling frame over 300 one-line paragraphs (19 blocks).
    let document = gloo::utils::document();
    let frame: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    frame.set_attribute("style", "height: 200px; overflow-y: auto").unwrap();
    document.body().unwrap().append_child(&frame).unwrap();
    let h = host();
    frame.append_child(&h).unwrap();
    let text: String = (0..300).map(|i| format!("paragraph {i}\n")).collect();
    let r = RenderedText::render(h, Rc::new(Text::new(&text)));
    assert_eq!(r.paragraph_count(), 300);
    let line = r.container().offset_height() as f64 / 300.0;
    let seen = (200.0 / line).ceil() as usize;
    for first in [0, 37, 150, 299] {
        frame.set_scroll_top((first as f64 * line).round() as i32);
        let rect = frame.get_bounding_client_rect();
        let visible = r.visible_paragraphs(rect.top(), rect.bottom()).expect("some are seen");
        let top = frame.scroll_top() as f64;
        let expected_first = (top / line).floor() as usize;
        assert!(visible.contains(&expected_first), "{visible:?} holds paragraph {expected_first}");
        assert!(visible.len() <= seen + 1, "{visible:?}: at most a frame of paragraphs");
        assert!(visible.end <= 300);
        let span = r.paragraphs_span(visible.clone()).unwrap();
        assert!(text.chars().skip(span.start).take(span.len()).collect::<String>().starts_with(&format!("paragraph {}\n", visible.start)));
    }
    frame.remove();
}

#[wasm_bindgen_test]
fn placeholders_are_sized_from_the_paragraphs_lengths() {
    // Paragraphs of 1 to 7 lines and blank lines between them: each block's placeholder
    // height is within a line or so of its real height (the test page does not skip
    // blocks, so they are all laid out).
    let text: String = (0..100).map(|i| format!("{}\n{}", "word ".repeat(3 + (i * 17) % 80), if i % 3 == 0 { "\n" } else { "" })).collect();
    let r = render(&text);
    r.size_placeholders();
    for (i, (_, block)) in r.blocks().iter().enumerate() {
        let set = block.style().get_property_value("contain-intrinsic-size").unwrap();
        let px: f64 = set.trim_start_matches("auto ").trim_end_matches("px").parse().unwrap_or_else(|_| panic!("block {i}: {set:?}"));
        let real = block.offset_height() as f64;
        assert!((px - real).abs() <= 0.08 * real + 20.0, "block {i}: placeholder {px} px, real {real} px");
    }
    assert!(r.container().query_selector(".probe").unwrap().is_none(), "the probe is gone");
}

#[wasm_bindgen_test]
fn points_outside_the_article_clamp_to_its_ends() {
    let r = render(ARTICLE);
    let document = gloo::utils::document();
    let before = document.create_element("p").unwrap();
    let after = document.create_element("p").unwrap();
    let container: &Node = r.container().as_ref();
    container.parent_node().unwrap().insert_before(&before, Some(container)).unwrap();
    container.parent_node().unwrap().append_child(&after).unwrap();
    assert_eq!(r.offset_of(&before, 0), Some(0));
    assert_eq!(r.offset_of(&after, 0), Some(ARTICLE.chars().count()));
    // A selection dragged from above the article to the middle of a name.
    let range = document.create_range().unwrap();
    range.set_start(&before, 0).unwrap();
    let name = r.range_of(Span::new(cp(ARTICLE, "Halden"), cp(ARTICLE, "Halden") + 3)).unwrap();
    range.set_end(&name.end_container().unwrap(), name.end_offset().unwrap()).unwrap();
    select(&range);
    assert_eq!(r.selection_span(), Some(Span::new(0, cp(ARTICLE, "Halden") + 3)));
}

#[wasm_bindgen_test]
fn a_selection_elsewhere_on_the_page_is_ignored() {
    let r = render(ARTICLE);
    let other = host();
    other.set_text_content(Some("elsewhere"));
    let range = gloo::utils::document().create_range().unwrap();
    range.select_node_contents(&other).unwrap();
    select(&range);
    assert_eq!(r.selection_span(), None);
}

#[wasm_bindgen_test]
fn a_click_on_a_character_maps_to_its_caret_offset() {
    let r = render(ARTICLE);
    let start = cp(ARTICLE, "Maryam");
    let range = r.range_of(Span::new(start, start + 1)).unwrap();
    range.start_container().unwrap().parent_element().unwrap().scroll_into_view();
    let rect = range.get_bounding_client_rect();
    let offset = r.offset_at_point(rect.left() + 1.0, rect.top() + rect.height() / 2.0);
    assert_eq!(offset, Some(start));
}

#[wasm_bindgen_test]
fn painter_registers_one_highlight_per_layer_and_clears_them() {
    let r = render(ARTICLE);
    let overlay = host();
    let mut painter = Painter::new(overlay, r.container().clone(), false);
    assert!(painter.uses_css());
    let a = r.static_range_of(Span::new(0, 5)).unwrap();
    let b = r.static_range_of(Span::new(6, 7)).unwrap();
    painter.paint(&[(Layer::Label(0), vec![a.into(), b.into()]), (Layer::Label(1), vec![]), (Layer::Selected, vec![])]);
    let registry = js_sys::Reflect::get(&js_sys::Reflect::get(&js_sys::global(), &"CSS".into()).unwrap(), &"highlights".into()).unwrap();
    let registry: js_sys::Map = registry.unchecked_into();
    assert_eq!(registry.size(), 1);
    let highlight: js_sys::Set = registry.get(&"mg-l0".into()).unchecked_into();
    assert_eq!(highlight.size(), 2);
    painter.clear();
    assert_eq!(registry.size(), 0);
}

#[wasm_bindgen_test]
fn overlay_painter_draws_a_box_per_line_fragment() {
    let r = render(ARTICLE);
    let overlay = host();
    let mut painter = Painter::new(overlay.clone(), r.container().clone(), true);
    assert!(!painter.uses_css());
    let start = cp(ARTICLE, "“We");
    let end = cp(ARTICLE, "For good,”") + 10;
    let quote = r.range_of(Span::new(start, end)).unwrap();
    painter.paint(&[(Layer::Label(5), vec![quote.into()])]);
    let boxes = overlay.query_selector_all(".mark.mg-l5").unwrap().length();
    assert!(boxes >= 2, "a quote over a paragraph break needs a box per line, got {boxes}");
}

#[wasm_bindgen_test]
fn lone_surrogates_in_a_paste_are_counted_and_replaced() {
    let area: web_sys::HtmlTextAreaElement =
        gloo::utils::document().create_element("textarea").unwrap().unchecked_into();
    // "a", a lone high surrogate, "b", a lone low surrogate, and a valid pair (😀).
    let value = js_sys::JsString::from_char_code(&[0x61, 0xD800, 0x62, 0xDC00, 0xD83D, 0xDE00]);
    js_sys::Reflect::set(&area, &"value".into(), &value).unwrap();
    let (text, replaced) = marginalia::glue::text_area_value(&area);
    assert_eq!(text, "a\u{fffd}b\u{fffd}😀");
    assert_eq!(replaced, 2);
    area.set_value("clean 😀 مریم");
    assert_eq!(marginalia::glue::text_area_value(&area), ("clean 😀 مریم".to_owned(), 0));
}
