//! What a paste into the article box holds: plain text (the browser pastes it), or only
//! HTML (a copy from some editors and mail programs), whose text is read by the browser's
//! own parser (`DOMParser`: nothing in it runs or loads, and nothing is rendered) with a
//! line break after each block and two after each paragraph, or nothing readable (an
//! image), which is said.

use wasm_bindgen::JsCast;
use web_sys::{ClipboardEvent, DomParser, Event, HtmlTextAreaElement, Node, SupportedType};

/// What a paste event carries.
pub enum Pasted {
    /// Plain text, of this many code points: the browser pastes it.
    Text(usize),
    /// Only HTML: its text.
    HtmlText(String),
    /// Nothing that is text: the types it holds ("image/png").
    Nothing(Vec<String>),
}

/// What `event` (a paste) carries.
pub fn pasted(event: &Event) -> Pasted {
    let Some(data) = event.dyn_ref::<ClipboardEvent>().and_then(ClipboardEvent::clipboard_data) else { return Pasted::Text(0) };
    let plain = data.get_data("text/plain").unwrap_or_default();
    if !plain.is_empty() {
        return Pasted::Text(plain.chars().count());
    }
    let html = data.get_data("text/html").unwrap_or_default();
    if !html.is_empty() {
        return Pasted::HtmlText(html_text(&html));
    }
    let types = data.types();
    Pasted::Nothing((0..types.length()).filter_map(|i| types.get(i).as_string()).collect())
}

/// The text of an HTML fragment, by blocks.
fn html_text(html: &str) -> String {
    let Some(doc) = DomParser::new().ok().and_then(|p| p.parse_from_string(html, SupportedType::TextHtml).ok()) else { return String::new() };
    let mut out = String::new();
    if let Some(body) = doc.body() {
        walk(&body, &mut out);
    }
    out.trim().to_owned()
}

fn walk(node: &Node, out: &mut String) {
    let children = node.child_nodes();
    for i in 0..children.length() {
        let Some(child) = children.item(i) else { continue };
        match child.node_type() {
            Node::TEXT_NODE => out.push_str(&child.text_content().unwrap_or_default().replace(['\n', '\r'], " ")),
            Node::ELEMENT_NODE => {
                let name = child.node_name();
                if matches!(name.as_str(), "SCRIPT" | "STYLE" | "TEMPLATE" | "HEAD") {
                    continue;
                }
                if name == "BR" {
                    out.push('\n');
                    continue;
                }
                walk(&child, out);
                match name.as_str() {
                    "P" | "H1" | "H2" | "H3" | "H4" | "H5" | "H6" | "BLOCKQUOTE" | "UL" | "OL" | "TABLE" | "PRE" => out.push_str("\n\n"),
                    "DIV" | "LI" | "TR" | "SECTION" | "ARTICLE" | "HEADER" | "FOOTER" | "FIGURE" => out.push('\n'),
                    "TD" | "TH" => out.push('\t'),
                    _ => {}
                }
            }
            _ => {}
        }
    }
}

/// Puts `text` in `area` where its selection is, as typing would (an `input` event
/// follows, so the draft is kept).
pub fn insert(area: &HtmlTextAreaElement, text: &str) {
    let (start, end) = (area.selection_start().ok().flatten().unwrap_or(0), area.selection_end().ok().flatten().unwrap_or(0));
    let _ = area.set_range_text_with_start_and_end_and_mode(text, start, end, "end");
    if let Ok(event) = Event::new_with_event_init_dict("input", &{
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        init
    }) {
        let _ = area.dispatch_event(&event);
    }
}
