//! Benchmark, not a test: prints how much heap the core's pieces hold, and the peak while
//! they are built, for a 1,000,000-character document with 20,000 annotations (what the
//! page's wasm memory holds; a wasm memory never shrinks, so its size is the highest peak).
//! Counted by a global allocator that keeps the bytes live and their highest mark. Run by
//! `scripts/bench.sh` (release build):
//! `cargo test --release --test bench_memory -- --ignored --nocapture`.
#![cfg(not(target_arch = "wasm32"))]

use marginalia::core::detect::suggest::suggest;
use marginalia::core::detect::wire::{PageEnd, Reply, WorkerEnd};
use marginalia::core::document::Rejected;
use marginalia::core::export::to_json;
use marginalia::core::import::read_file;
use marginalia::core::state::State;
use marginalia::core::store::Action;
use std::alloc::{GlobalAlloc, Layout, System};

mod common;
use common::{add_spread, distinct_million};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let live = LIVE.fetch_add(layout.size(), Relaxed) + layout.size();
            PEAK.fetch_max(live, Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, p: *mut u8, layout: Layout) {
        unsafe { System.dealloc(p, layout) };
        LIVE.fetch_sub(layout.size(), Relaxed);
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Runs `f`; prints the bytes it left live and the peak above the start while it ran.
fn measured<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let start = LIVE.load(Relaxed);
    PEAK.store(start, Relaxed);
    let out = f();
    let (live, peak) = (LIVE.load(Relaxed), PEAK.load(Relaxed));
    let mb = |b: usize| b as f64 / 1e6;
    println!("bench: memory: {what}: {:.1} MB kept, peak {:.1} MB above the start", mb(live.saturating_sub(start)), mb(peak - start));
    out
}

#[test]
#[ignore = "benchmark: run by scripts/bench.sh"]
fn memory_of_a_million_characters_and_twenty_thousand_annotations() {
    let text = distinct_million();
    let mut state = State::default();
    measured("the text opened (1M characters, normalised and indexed)", || {
        state.apply(Action::StartAnnotating { text: text.clone(), replaced_surrogates: 0 });
    });
    measured("20,000 annotations added through the reducer (undo history included)", || add_spread(&mut state, 20_000));
    let json = to_json(&state.doc, "2026-12-04T00:00:00Z");
    drop(state);
    let bytes = json.len();
    let imported = measured(&format!("that document imported from its {:.1} MB export", bytes as f64 / 1e6), || read_file(json.as_bytes()).unwrap());
    drop(json);
    let mut state = State::default();
    measured("opened (the imported document becomes the state)", || {
        state.apply(Action::OpenImported { imported: Box::new(imported), file: "bench.json".into() });
    });
    let found = suggest(&state.doc, &Rejected::new(), Some(marginalia::core::detect::tagger::shipped()));
    let count = found.items.len();
    let reply = Reply::Suggestions { version: 1, seq: 1, tagger: true, items: found.items, unclosed: found.unclosed };
    let sent = serde_json::to_string(&WorkerEnd::default().send(reply)).unwrap();
    let shown = measured(&format!("the page reading the worker's first reply: {count} suggestions, {:.1} MB of JSON (the string not counted)", sent.len() as f64 / 1e6), || {
        PageEnd::default().receive(serde_json::from_str(&sent).unwrap()).unwrap()
    });
    drop(sent);
    measured("…and dropping that list", || drop(shown));
}
