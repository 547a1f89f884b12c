//! The `use_modal` hook shared by the modal dialogs (Export, Compare, Keyboard shortcuts):
//! the `<dialog>` is shown as modal when it mounts, with the focus on its element matching
//! a selector, and "Cancel"/"Close" closes it as Escape does (the browser puts the focus
//! back, then the dialog's `close` event lets the root drop the panel).

use crate::glue;
use web_sys::HtmlElement;
use yew::prelude::*;

/// What a dialog needs: the ref for its `<dialog>`, and a callback that closes it.
pub struct Modal {
    /// The `<dialog>` element's ref.
    pub dialog: NodeRef,
    /// Closes the dialog (as Escape would).
    pub close: Callback<MouseEvent>,
}

/// Shows the dialog at `dialog` as modal on mount, focusing its element matching `focus`.
#[hook]
pub fn use_modal(focus: &'static str) -> Modal {
    let dialog = use_node_ref();
    {
        let dialog = dialog.clone();
        use_effect_with((), move |_| {
            if let Some(element) = dialog.cast::<HtmlElement>() {
                glue::show_modal(&element, focus);
            }
        });
    }
    let close = {
        let dialog = dialog.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(element) = dialog.cast::<HtmlElement>() {
                glue::close_dialog(&element);
            }
        })
    };
    Modal { dialog, close }
}
