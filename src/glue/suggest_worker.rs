//! The suggestion worker, both ends: the page's handle on it ([`SuggestWorker`]) and the
//! worker's own loop ([`serve`], started by `src/worker.rs`). Messages are the JSON strings
//! of `core::detect::wire`, lists sent as changes (`wire::PageEnd` and `wire::WorkerEnd`
//! keep each end's last lists); the answers are worked out by `core::detect::engine`.
//!
//! The worker fetches the tagger model from the app's own origin ([`MODEL_URL`], kept
//! offline by the service worker) after it starts, so the model never delays the page;
//! until it arrives the rules answer alone, and the last request is answered again once
//! it has.

use crate::core::detect::engine::Engine;
use crate::core::detect::wire::{PageEnd, Reply, Request, SuggestRequest, WorkerEnd};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The worker's script: Trunk's loader for the `marginalia-worker` binary (index.html).
pub const WORKER_URL: &str = "./marginalia-worker_loader.js";
/// The tagger model, relative to the worker's script.
pub const MODEL_URL: &str = "./model/tagger.mgtag";

/// The page's handle on the worker; dropping it stops the worker.
pub struct SuggestWorker {
    worker: web_sys::Worker,
    /// Messages sent before the worker said it was ready (`None` once it has).
    waiting: Rc<RefCell<Option<Vec<String>>>>,
    /// The page's end of the wire: the marks last sent.
    end: Rc<RefCell<PageEnd>>,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
}

impl SuggestWorker {
    /// Starts the worker; `on_reply` gets each of its replies but `Ready`.
    pub fn spawn(on_reply: impl Fn(Reply) + 'static) -> Result<SuggestWorker, String> {
        let worker = web_sys::Worker::new(WORKER_URL).map_err(|e| format!("the suggestion worker did not start: {e:?}"))?;
        let waiting: Rc<RefCell<Option<Vec<String>>>> = Rc::new(RefCell::new(Some(Vec::new())));
        let end = Rc::new(RefCell::new(PageEnd::default()));
        let on_message = {
            let (worker, waiting, end) = (worker.clone(), waiting.clone(), end.clone());
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
                let Some(data) = event.data().as_string() else { return };
                // Every reply is read, in order: each change applies to the one before.
                match serde_json::from_str::<Reply>(&data).map_err(|e| e.to_string()).and_then(|r| end.borrow_mut().receive(r)) {
                    Ok(Reply::Ready) => {
                        for json in waiting.borrow_mut().take().unwrap_or_default().iter() {
                            let _ = worker.post_message(&JsValue::from_str(json));
                        }
                    }
                    Ok(reply) => on_reply(reply),
                    Err(e) => web_sys::console::warn_1(&format!("an unreadable reply from the suggestion worker: {e}").into()),
                }
            })
        };
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        Ok(SuggestWorker { worker, waiting, end, _on_message: on_message })
    }

    /// Asks for the suggestions: the marks go as a change from the last ones asked about.
    pub fn ask(&self, request: SuggestRequest) {
        let request = self.end.borrow_mut().send(request);
        self.send(&request);
    }

    /// Sends `request` (held until the worker is ready).
    pub fn send(&self, request: &Request) {
        let Ok(json) = serde_json::to_string(request) else { return };
        match self.waiting.borrow_mut().as_mut() {
            Some(waiting) => waiting.push(json),
            None => {
                let _ = self.worker.post_message(&JsValue::from_str(&json));
            }
        }
    }
}

impl Drop for SuggestWorker {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}

/// The worker's loop: answers each request from the page, and loads the model.
pub fn serve() {
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let engine = Rc::new(RefCell::new(Engine::default()));
    let end = Rc::new(RefCell::new(WorkerEnd::default()));
    let post = {
        let (scope, end) = (scope.clone(), end.clone());
        move |reply: Reply| {
            let reply = end.borrow_mut().send(reply);
            if let Ok(json) = serde_json::to_string(&reply) {
                let _ = scope.post_message(&JsValue::from_str(&json));
            }
        }
    };
    let on_message = {
        let (engine, post) = (engine.clone(), post.clone());
        let end = end.clone();
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            let request = event.data().as_string().map(|data| serde_json::from_str::<Request>(&data).map_err(|e| e.to_string()).and_then(|r| end.borrow_mut().receive(r)));
            let reply = match request {
                Some(Ok(request)) => engine.borrow_mut().handle(request),
                Some(Err(e)) => Some(Reply::Error { message: format!("an unreadable request: {e}") }),
                None => Some(Reply::Error { message: "a request that is not a string".into() }),
            };
            if let Some(reply) = reply {
                post(reply);
            }
        })
    };
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    post(Reply::Ready);
    wasm_bindgen_futures::spawn_local(async move {
        let loaded = match fetch_bytes(&scope, MODEL_URL).await {
            Ok(bytes) => engine.borrow_mut().load_model(&bytes),
            Err(e) => Err(e),
        };
        match loaded {
            Ok(Some(reply)) => post(reply),
            Ok(None) => {}
            Err(message) => {
                post(Reply::Tagger { message: format!("Names come from the rules alone: the tagger's model did not load ({message}).") });
                // The page shows why with its next answer.
                if let Some(reply) = engine.borrow_mut().again() {
                    post(reply);
                }
            }
        }
    });
}

/// The bytes at `url`, fetched from the worker.
async fn fetch_bytes(scope: &web_sys::DedicatedWorkerGlobalScope, url: &str) -> Result<Vec<u8>, String> {
    let response: web_sys::Response = JsFuture::from(scope.fetch_with_str(url)).await.map_err(|e| format!("{e:?}"))?.unchecked_into();
    if !response.ok() {
        return Err(format!("{url}: HTTP {}", response.status()));
    }
    let buffer = JsFuture::from(response.array_buffer().map_err(|e| format!("{e:?}"))?).await.map_err(|e| format!("{e:?}"))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}
