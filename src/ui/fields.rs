//! Small callbacks for form fields and buttons: the value of an input, a text area or a
//! select handed to a closure, and a click that sends an action, so components do not
//! repeat the event plumbing.

use super::intent::Intent;
use crate::core::store::Action;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

/// A button's click that sends `action` to the reducer.
pub fn on_click_do(on_intent: &Callback<Intent>, action: Action) -> Callback<MouseEvent> {
    let on_intent = on_intent.clone();
    Callback::from(move |_: MouseEvent| on_intent.emit(Intent::Do(action.clone())))
}

/// The value of the field an event comes from (input, text area or select).
fn value_of(event: &Event) -> Option<String> {
    let target = event.target()?;
    use wasm_bindgen::JsCast;
    if let Some(input) = target.dyn_ref::<HtmlInputElement>() {
        return Some(input.value());
    }
    if let Some(area) = target.dyn_ref::<HtmlTextAreaElement>() {
        return Some(area.value());
    }
    target.dyn_ref::<HtmlSelectElement>().map(HtmlSelectElement::value)
}

/// Calls `f` with the field's value when it is committed (`change`: Enter, leaving the
/// field, choosing an option).
pub fn on_change(f: impl Fn(String) + 'static) -> Callback<Event> {
    Callback::from(move |e: Event| {
        if let Some(value) = value_of(&e) {
            f(value);
        }
    })
}

/// Keeps `state` equal to the field's value as the user types (`input`).
pub fn on_input(state: UseStateHandle<String>) -> Callback<InputEvent> {
    Callback::from(move |e: InputEvent| {
        if let Some(value) = value_of(&e) {
            state.set(value);
        }
    })
}
