//! The one reducer: `core::state::State` behind Yew's `Reducible`, applied by `core::store`.

use crate::core::store::Action;
use crate::core::state::State;
use std::rc::Rc;
use yew::Reducible;

/// The app's state as Yew holds it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AppState(pub State);

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = Rc::unwrap_or_clone(self).0;
        next.apply(action);
        Rc::new(AppState(next))
    }
}

impl std::ops::Deref for AppState {
    type Target = State;

    fn deref(&self) -> &State {
        &self.0
    }
}
