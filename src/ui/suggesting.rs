//! The `use_suggestions` hook: the suggestions for the open document, worked out again
//! after each change, after a pause, so that a burst of changes costs one run (see
//! `core::detect`). The analysis of the text (its words, quotations and names) is kept
//! while the text stays the same, so a change of annotations only redoes the cheap rest.
//! Unchanged suggestions render nothing.

use crate::core::detect::suggest::{analyse, suggest_with, Analysis, Suggestions};
use crate::core::document::Document;
use crate::core::state::Mode;
use crate::core::text::Text;
use crate::glue;
use std::rc::Rc;
use yew::prelude::*;

/// The suggestions for `doc` while `on` and annotating (none otherwise).
#[hook]
pub fn use_suggestions(doc: Rc<Document>, on: bool, mode: Mode) -> Rc<Suggestions> {
    let suggestions = use_state_eq(|| Rc::new(Suggestions::default()));
    let analysis = use_mut_ref(|| None::<(Rc<Text>, Rc<Analysis>)>);
    {
        let (suggestions, analysis) = (suggestions.clone(), analysis.clone());
        use_effect_with((doc, on, mode), move |(doc, on, mode)| {
            let (doc, on, annotating) = (doc.clone(), *on, *mode == Mode::Annotating);
            // The pause waited for grows with the text (120 ms, 370 ms at 1M characters), so
            // a burst of marking on a long article is not slowed by refreshes in between.
            let pause = 120 + (doc.text.len() / 4000) as u32;
            let timer = gloo::timers::callback::Timeout::new(pause, move || {
                if !(on && annotating) {
                    suggestions.set(Rc::new(Suggestions::default()));
                    return;
                }
                let cached = analysis.borrow().as_ref().filter(|(text, _)| Rc::ptr_eq(text, &doc.text)).map(|(_, a)| a.clone());
                let fresh = cached.unwrap_or_else(|| {
                    let a = Rc::new(glue::measured("marginalia-analyse", || analyse(doc.text.as_str(), None)));
                    *analysis.borrow_mut() = Some((doc.text.clone(), a.clone()));
                    a
                });
                let found = glue::measured("marginalia-suggest", || suggest_with(&doc, &doc.rejected, &fresh));
                suggestions.set(Rc::new(found));
            });
            move || drop(timer)
        });
    }
    (*suggestions).clone()
}
