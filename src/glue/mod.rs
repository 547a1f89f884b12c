//! Browser glue: the only code that touches the DOM, the selection, downloads and
//! dialogs directly. Everything here is thin; decisions are made in `core`.
//!
//! **Architecture Invariant:** glue converts and transports; it never decides what an
//! annotation is. Offsets leave this module in code points.

pub mod article_dom;
pub mod canvas;
pub mod clipboard;
pub mod highlights;
pub mod storage;
pub mod suggest_worker;
pub mod tabs;

use wasm_bindgen::JsCast;

/// Asks the user a yes/no question with the browser's dialog. `true` if there is no window.
pub fn confirm(message: &str) -> bool {
    web_sys::window().is_none_or(|w| w.confirm_with_message(message).unwrap_or(false))
}

/// Asks the user for a line of text, offering `default`; `None` if cancelled.
pub fn prompt(message: &str, default: &str) -> Option<String> {
    web_sys::window()?.prompt_with_message_and_default(message, default).ok()?
}

/// Clears the window's text selection.
pub fn clear_selection() {
    if let Some(selection) = web_sys::window().and_then(|w| w.get_selection().ok().flatten()) {
        let _ = selection.remove_all_ranges();
    }
}

/// The current time as RFC 3339 in UTC, e.g. `2026-11-24T18:00:00.000Z`.
pub fn now_rfc3339() -> String {
    js_sys::Date::new_0().to_iso_string().into()
}

/// Starts a download of `contents` as a file named `name`. Nothing leaves the browser:
/// the file is made from a local `blob:` URL.
pub fn download(name: &str, mime: &str, contents: &[u8]) -> Result<(), String> {
    let blob = gloo::file::Blob::new_with_options(contents, Some(mime));
    let url = gloo::file::ObjectUrl::from(blob);
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let anchor: web_sys::HtmlAnchorElement =
        document.create_element("a").map_err(|_| "cannot create a link")?.unchecked_into();
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.click();
    // Keep the URL alive long enough for the download to start, then revoke it.
    gloo::timers::callback::Timeout::new(60_000, move || drop(url)).forget();
    Ok(())
}

/// Shows `dialog` (a `<dialog>`) as a modal dialog, focusing its element that matches
/// `focus`.
pub fn show_modal(dialog: &web_sys::HtmlElement, focus: &str) {
    if let Some(dialog) = dialog.dyn_ref::<web_sys::HtmlDialogElement>() {
        if !dialog.open() {
            let _ = dialog.show_modal();
        }
    }
    if let Some(element) = dialog.query_selector(focus).ok().flatten().and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = element.focus();
    }
}

/// Closes `dialog` (a `<dialog>`) as Escape would: its `close` event fires and focus goes
/// back to where it was before it opened.
pub fn close_dialog(dialog: &web_sys::HtmlElement) {
    if let Some(dialog) = dialog.dyn_ref::<web_sys::HtmlDialogElement>() {
        dialog.close();
    }
}

/// The value of a text area, with the number of unpaired UTF-16 surrogates in it (the
/// conversion to a Rust string replaces each with U+FFFD).
pub fn text_area_value(area: &web_sys::HtmlTextAreaElement) -> (String, usize) {
    let value: js_sys::JsString = js_sys::Reflect::get(area, &"value".into())
        .ok()
        .and_then(|v| v.dyn_into().ok())
        .unwrap_or_else(|| js_sys::JsString::from(""));
    let lone = if value.is_valid_utf16() { 0 } else { count_lone_surrogates(value.iter()) };
    (String::from(value), lone)
}

/// Counts unpaired surrogates in a sequence of UTF-16 code units.
fn count_lone_surrogates(units: impl Iterator<Item = u16>) -> usize {
    char::decode_utf16(units).filter(Result::is_err).count()
}

/// True if the page's query string holds `flag` (as in `?highlights=overlay`).
pub fn query_has(flag: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .is_some_and(|q| q.trim_start_matches('?').split('&').any(|part| part == flag))
}

/// Scroll position and visible height of a scrolling element, in pixels.
pub fn scroll_metrics(element: &web_sys::Element) -> (f64, f64) {
    (element.scroll_top() as f64, element.client_height() as f64)
}

/// Scrolls a scrolling element to `top` pixels.
pub fn set_scroll_top(element: &web_sys::Element, top: f64) {
    element.set_scroll_top(top.round() as i32);
}

/// Milliseconds since the page loaded (for slicing long work, never for the state).
pub fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

/// Runs `work`, recording how long it took as the performance measure `name` (read by
/// the benchmark with `performance.getEntriesByName`; only the latest is kept).
pub fn measured<T>(name: &str, work: impl FnOnce() -> T) -> T {
    let performance = web_sys::window().and_then(|w| w.performance());
    let start = format!("{name}-start");
    if let Some(p) = &performance {
        p.clear_marks_with_mark_name(&start);
        let _ = p.mark(&start);
    }
    let out = work();
    if let Some(p) = &performance {
        p.clear_measures_with_measure_name(name);
        let _ = p.measure_with_start_mark(name, &start);
    }
    out
}

/// Sets the performance mark `name` (the latest only), for [`measure_from`].
pub fn mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        p.clear_marks_with_mark_name(name);
        let _ = p.mark(name);
    }
}

/// Records the time since the mark `start` as the performance measure `name` (the
/// latest only), for the benchmarks.
pub fn measure_from(name: &str, start: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        p.clear_measures_with_measure_name(name);
        let _ = p.measure_with_start_mark(name, start);
    }
}

/// Runs `f` at the next animation frame (before that frame is laid out and painted).
pub fn next_frame(f: impl FnOnce() + 'static) {
    if let Some(window) = web_sys::window() {
        let _ = window.request_animation_frame(wasm_bindgen::closure::Closure::once_into_js(f).unchecked_ref());
    }
}

/// Runs `f` once the next frame is painted (a timeout queued from that frame).
pub fn after_paint(f: impl FnOnce() + 'static) {
    next_frame(move || {
        let _ = gloo::timers::callback::Timeout::new(0, f).forget();
    });
}

/// Lets the browser paint and handle input before long work goes on.
pub async fn pause() {
    gloo::timers::future::TimeoutFuture::new(0).await;
}

/// Puts `text` on the clipboard (the page asks; nothing leaves the browser).
pub async fn copy_text(text: &str) -> Result<(), String> {
    let clipboard = web_sys::window().ok_or("no window")?.navigator().clipboard();
    wasm_bindgen_futures::JsFuture::from(clipboard.write_text(text))
        .await
        .map(drop)
        .map_err(|e| e.as_string().or_else(|| js_sys::JSON::stringify(&e).ok().and_then(|s| s.as_string())).unwrap_or_else(|| "the browser refused".into()))
}

/// Reads a file the user picked or dropped. Nothing leaves the browser.
pub async fn read_file(file: web_sys::File) -> Result<Vec<u8>, String> {
    let file = gloo::file::File::from(file);
    gloo::file::futures::read_as_bytes(&file).await.map_err(|e| e.to_string())
}

/// The files dropped on the page (none when something else was dropped).
pub fn dropped_files(event: &web_sys::DragEvent) -> Vec<web_sys::File> {
    event.data_transfer().and_then(|d| d.files()).map(|files| list(&files)).unwrap_or_default()
}

/// The files chosen in a file input.
pub fn chosen_files(input: &web_sys::HtmlInputElement) -> Vec<web_sys::File> {
    input.files().map(|files| list(&files)).unwrap_or_default()
}

fn list(files: &web_sys::FileList) -> Vec<web_sys::File> {
    (0..files.length()).filter_map(|i| files.get(i)).collect()
}

/// The text of the article box, if it is on the page (read at page hide, so that text
/// typed in the last moments is saved too).
pub fn article_box_text() -> Option<String> {
    let area = gloo::utils::document().query_selector("textarea[aria-label='Article text']").ok()??;
    Some(text_area_value(area.dyn_ref::<web_sys::HtmlTextAreaElement>()?).0)
}

/// Registers the service worker (`static/sw.js`) that keeps the app's files for offline
/// use. Where service workers are unavailable (an insecure origin, a private mode that
/// forbids them) the app simply works online only.
pub fn register_service_worker() {
    if let Some(window) = web_sys::window() {
        let container = window.navigator().service_worker();
        // A failure here changes nothing the user can act on; the app works online.
        let _ = container.register("sw.js");
    }
}

/// Focuses, once the render under way is on the page, the first element of `ids` that
/// is there (a view that has just been asked for: the article after "Start annotating").
pub fn focus_soon(ids: &'static [&'static str]) {
    gloo::timers::callback::Timeout::new(0, move || {
        let document = gloo::utils::document();
        if let Some(element) = ids.iter().find_map(|id| document.get_element_by_id(id)).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = element.focus();
        }
    })
    .forget();
}

/// A setting of this browser's (`localStorage`), if set and readable: view settings only
/// ("Suggest" on or off), never the user's work.
pub fn setting(name: &str) -> Option<String> {
    web_sys::window()?.local_storage().ok()??.get_item(name).ok()?
}

/// Keeps a view setting in `localStorage` (silently not, where storage is refused).
pub fn set_setting(name: &str, value: &str) {
    if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = storage.set_item(name, value);
    }
}

/// Asks the browser to keep this site's storage even when space runs low
/// (`navigator.storage.persist()`), and gives its answer; `None` where it cannot be asked.
pub async fn persist_storage() -> Option<bool> {
    let storage = web_sys::window()?.navigator().storage();
    let persisted = wasm_bindgen_futures::JsFuture::from(storage.persisted().ok()?).await.ok()?.as_bool()?;
    if persisted {
        return Some(true);
    }
    wasm_bindgen_futures::JsFuture::from(storage.persist().ok()?).await.ok()?.as_bool()
}

/// Opens the browser's print dialog (the report's "Print").
pub fn print() {
    if let Some(window) = web_sys::window() {
        let _ = window.print();
    }
}
