//! The `use_suggestions` hook: the suggestions for the open document, worked out in the
//! suggestion worker (`glue::suggest_worker`, answering with `core::detect::engine`) so
//! that the page never waits for the detectors or the tagger. The text goes to the worker
//! once each time it changes; after each change of annotations, after a pause, so that a
//! burst of changes costs one request, the worker is asked again, and only the answer to
//! the newest request is shown. Unchanged suggestions render nothing.
//!
//! The round trips are recorded as the performance measures `marginalia-suggest` (each
//! request) and `marginalia-analyse` (from sending a new text to the first answer shown
//! about it), for the benchmark.

use crate::core::detect::suggest::Suggestions;
use crate::core::detect::wire::{Reply, Request, SuggestRequest};
use crate::core::document::Document;
use crate::core::state::Mode;
use crate::core::text::Text;
use crate::glue;
use crate::glue::suggest_worker::SuggestWorker;
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// What the page knows of its requests.
#[derive(Default)]
struct Sent {
    /// The text last sent, and its version.
    text: Option<(Rc<Text>, u64)>,
    /// The newest request; older answers are dropped.
    seq: u64,
    /// True from sending a text until the first answer about it is shown.
    new_text: bool,
    /// Why the worker works with less than usual (the model did not load), for the user.
    notice: Option<String>,
}

/// The suggestions for `doc` while `on` and annotating (none otherwise).
#[hook]
pub fn use_suggestions(doc: Rc<Document>, on: bool, mode: Mode) -> Rc<Suggestions> {
    let suggestions = use_state_eq(|| Rc::new(Suggestions::default()));
    let sent = use_mut_ref(Sent::default);
    let worker = use_mut_ref(|| None::<SuggestWorker>);
    {
        let (suggestions, sent, worker) = (suggestions.clone(), sent.clone(), worker.clone());
        use_effect_with((), move |_| {
            let answer = move |reply: Reply| on_reply(reply, &sent, &suggestions);
            match SuggestWorker::spawn(answer) {
                Ok(w) => *worker.borrow_mut() = Some(w),
                Err(e) => web_sys::console::warn_1(&e.into()),
            }
            move || drop(worker.borrow_mut().take())
        });
    }
    {
        let (suggestions, sent, worker) = (suggestions.clone(), sent.clone(), worker.clone());
        use_effect_with((doc, on, mode), move |(doc, on, mode)| {
            let (doc, on, annotating) = (doc.clone(), *on, *mode == Mode::Annotating);
            // The pause waited for grows with the text (120 ms, 370 ms at 1M characters), so
            // a burst of marking on a long article is not slowed by refreshes in between.
            let pause = 120 + (doc.text.len() / 4000) as u32;
            let timer = gloo::timers::callback::Timeout::new(pause, move || {
                let mut sent = sent.borrow_mut();
                sent.seq += 1; // an answer still on its way is not wanted any more
                if !(on && annotating) {
                    suggestions.set(Rc::new(Suggestions::default()));
                    return;
                }
                let worker = worker.borrow();
                let Some(worker) = worker.as_ref() else { return };
                let version = match &sent.text {
                    Some((text, version)) if Rc::ptr_eq(text, &doc.text) => *version,
                    other => {
                        let version = other.as_ref().map_or(1, |(_, v)| v + 1);
                        worker.send(&Request::Text { version, text: doc.text.as_str().to_owned() });
                        sent.text = Some((doc.text.clone(), version));
                        sent.new_text = true;
                        glue::mark("marginalia-analyse-start");
                        version
                    }
                };
                let marks = doc.annotations.iter().filter(|a| doc.labels.is_entity(&a.label) || doc.labels.is_quote(&a.label)).map(|a| (a.span, a.label.clone())).collect();
                let rejected = doc.rejected.iter().cloned().collect();
                glue::mark("marginalia-suggest-start");
                worker.ask(SuggestRequest { version, seq: sent.seq, labels: doc.labels.clone(), marks, rejected });
            });
            move || drop(timer)
        });
    }
    (*suggestions).clone()
}

/// Shows the worker's answer if it is to the newest request.
fn on_reply(reply: Reply, sent: &RefCell<Sent>, suggestions: &UseStateHandle<Rc<Suggestions>>) {
    match reply {
        Reply::Suggestions { seq, items, unclosed, .. } => {
            let mut sent = sent.borrow_mut();
            if seq != sent.seq {
                return;
            }
            glue::measure_from("marginalia-suggest", "marginalia-suggest-start");
            if std::mem::take(&mut sent.new_text) {
                glue::measure_from("marginalia-analyse", "marginalia-analyse-start");
            }
            suggestions.set(Rc::new(Suggestions { items, unclosed, notice: sent.notice.clone() }));
        }
        Reply::Tagger { message } => {
            web_sys::console::warn_1(&message.clone().into());
            sent.borrow_mut().notice = Some(message);
        }
        Reply::Error { message } => web_sys::console::warn_1(&message.into()),
        // The wire's page end makes every change whole before it arrives here.
        Reply::Ready | Reply::Changed { .. } => {}
    }
}
