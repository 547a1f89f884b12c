//! The message line: a live region that screen readers announce.

use super::intent::Intent;
use crate::core::store::Action;
use crate::core::state::{Level, Notice, Progress};
use yew::prelude::*;

/// Properties of [`NoticeBar`].
#[derive(Properties, PartialEq)]
pub struct NoticeProps {
    /// The message, if any.
    pub notice: Option<Notice>,
    /// Long work in progress, shown instead of the message.
    pub progress: Option<Progress>,
    /// Where "Dismiss" goes.
    pub on_intent: Callback<Intent>,
}

/// The latest message, always present (empty when there is none) so it is announced;
/// while long work runs, its progress.
#[function_component(NoticeBar)]
pub fn notice_bar(props: &NoticeProps) -> Html {
    let class = match props.notice.as_ref().map(|n| n.level) {
        Some(Level::Error) => "notice error",
        Some(Level::Info) => "notice info",
        None => "notice empty",
    };
    let dismiss = {
        let on_intent = props.on_intent.clone();
        Callback::from(move |_: MouseEvent| on_intent.emit(Intent::Do(Action::DismissNotice)))
    };
    html! {
        <div {class} role="status" aria-live="polite" aria-label="Messages">
            if let Some(progress) = &props.progress {
                <span class="notice-text">{ format!("{}…", progress.what) }</span>
                if progress.total > 0 {
                    <progress aria-label="Import progress" max={progress.total.to_string()} value={progress.done.to_string()} />
                } else {
                    <progress aria-label="Import progress" />
                }
            } else if let Some(notice) = &props.notice {
                <span class="notice-text">{ notice.text.clone() }</span>
                <button type="button" class="dismiss" aria-label="Dismiss message" onclick={dismiss}>{ "×" }</button>
            }
        </div>
    }
}
