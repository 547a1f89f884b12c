//! Other tabs of the app: after each save a tab announces which document it saved on a
//! `BroadcastChannel`, so that another tab with the same document open can stop saving
//! over it and say so.

use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use web_sys::{BroadcastChannel, MessageEvent};

const CHANNEL: &str = "marginalia-saves";

/// This tab's end of the channel.
pub struct Tabs {
    channel: BroadcastChannel,
    id: String,
    _listener: EventListener,
}

impl Tabs {
    /// Joins the channel; `saved_elsewhere` hears the key of every document another tab saves.
    pub fn join(saved_elsewhere: impl Fn(String) + 'static) -> Option<Tabs> {
        let channel = BroadcastChannel::new(CHANNEL).ok()?;
        let id = format!("{:x}", (js_sys::Math::random() * 2f64.powi(52)) as u64);
        let me = id.clone();
        let listener = EventListener::new(&channel, "message", move |event| {
            let Some(data) = event.dyn_ref::<MessageEvent>().and_then(|m| m.data().as_string()) else { return };
            if let Some((tab, key)) = data.split_once(' ') {
                if tab != me {
                    saved_elsewhere(key.to_owned());
                }
            }
        });
        Some(Tabs { channel, id, _listener: listener })
    }

    /// Tells the other tabs that this one saved document `key`.
    pub fn announce(&self, key: &str) {
        let _ = self.channel.post_message(&format!("{} {key}", self.id).into());
    }
}
