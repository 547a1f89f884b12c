//! The reducer and the model: actions over marked-up fixtures, property tests, the keymap, and the shape of the source.
#![cfg(not(target_arch = "wasm32"))]

#[path = "../common/mod.rs"]
mod common;

mod agreement;
mod architecture;
mod keymap;
mod oplog;
mod projects;
mod props;
mod reducer;
mod revisions;
mod schema;
mod search;
mod snapping;
mod who_said_what;
