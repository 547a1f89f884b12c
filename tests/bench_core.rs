//! Benchmark, not a test: prints how long core operations take on a 1,000,000-character
//! document with 20,000 annotations, a revision of it with 300 edits included. Run by `scripts/bench.sh` (release build):
//! `cargo test --release --test bench_core -- --ignored --nocapture`.
#![cfg(not(target_arch = "wasm32"))]

use marginalia::core::export::to_json;
use marginalia::core::offsets::Span;
use marginalia::core::paint::plan;
use marginalia::core::store::Action;
use marginalia::core::state::State;
use marginalia::core::document::SAMPLE_ARTICLE;
use std::time::Instant;

mod common;
use common::{add_spread, distinct_million};

fn median_micros(mut samples: Vec<f64>) -> f64 {
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}

#[test]
#[ignore = "benchmark: run by scripts/bench.sh"]
fn core_on_a_million_characters_and_twenty_thousand_annotations() {
    let mut text = String::new();
    while text.chars().count() < 1_000_000 {
        text.push_str(SAMPLE_ARTICLE);
    }
    let t = Instant::now();
    let mut state = State::default();
    state.apply(Action::StartAnnotating { text: text.clone(), replaced_surrogates: 0 });
    let len = state.doc.text.len();
    println!("bench: normalise+index {len} chars: {:.1} ms", t.elapsed().as_secs_f64() * 1e3);

    let t = Instant::now();
    let layout = state.doc.text.layout();
    println!("bench: layout into {} paragraphs: {:.1} ms", layout.len(), t.elapsed().as_secs_f64() * 1e3);

    // 20,000 annotations spread over the text, added one by one through the reducer.
    let t = Instant::now();
    add_spread(&mut state, 20_000);
    println!("bench: 20,000 adds through the reducer: {:.1} ms total", t.elapsed().as_secs_f64() * 1e3);
    let n = state.doc.annotations.len();

    // One more add at 20k, the per-frame operation (median of 50, the document shared
    // with an older state as in the UI, so the copy on write is included).
    let mut samples = Vec::new();
    for i in 0..50 {
        let older = state.clone();
        let t = Instant::now();
        state.apply(Action::ApplyLabel { label: "Date".into(), selection: Some(Span::new(i * 997 + 3, i * 997 + 9)) });
        samples.push(t.elapsed().as_secs_f64() * 1e6);
        drop(older);
    }
    println!("bench: one add with {n} annotations (copy-on-write included): median {:.0} µs", median_micros(samples));

    let mut samples = Vec::new();
    for i in 0..200 {
        let window = Span::new(i * 4_000, i * 4_000 + 6_000);
        let t = Instant::now();
        let layers = plan(&state.doc, state.selected, window);
        samples.push(t.elapsed().as_secs_f64() * 1e6);
        assert!(!layers.is_empty());
    }
    println!("bench: paint plan for a 6,000-char window: median {:.0} µs", median_micros(samples));

    let mut samples = Vec::new();
    for i in 0..1000 {
        let t = Instant::now();
        let hit = state.doc.annotations.hit(i * 991 % len);
        samples.push(t.elapsed().as_secs_f64() * 1e6);
        std::hint::black_box(hit);
    }
    println!("bench: hit test: median {:.1} µs", median_micros(samples));

    let t = Instant::now();
    let json = to_json(&state.doc, "2026-11-24T00:00:00Z");
    println!("bench: export {} annotations ({} bytes): {:.1} ms", state.doc.annotations.len(), json.len(), t.elapsed().as_secs_f64() * 1e3);

    // The snapshot autosave writes after a pause: the document, its library entry and its
    // search record (`core::library::record`), at once and in slices (`RecordJob`).
    let t = Instant::now();
    let record = marginalia::core::library::record(&state.doc, "d1", "2026-11-24T00:00:00Z");
    let whole = t.elapsed().as_secs_f64() * 1e3;
    let t = Instant::now();
    let mut job = marginalia::core::library::RecordJob::new(&state.doc, "d1", "2026-11-24T00:00:00Z");
    let mut steps = vec![t.elapsed().as_secs_f64() * 1e3];
    loop {
        let t = Instant::now();
        let done = job.step(&state.doc);
        steps.push(t.elapsed().as_secs_f64() * 1e3);
        if done {
            break;
        }
    }
    let t = Instant::now();
    assert_eq!(job.finish(&state.doc), record);
    steps.push(t.elapsed().as_secs_f64() * 1e3);
    println!(
        "bench: snapshot record of {} annotations ({} + {} bytes): at once {whole:.1} ms; in {} slices, longest {:.1} ms (start {:.1}, finish {:.1})",
        state.doc.annotations.len(),
        record.document.len(),
        record.search.len(),
        steps.len(),
        steps.iter().cloned().fold(0.0, f64::max),
        steps[0],
        steps[steps.len() - 1]
    );

    // A revision with 300 small edits spread over the text (a word inserted, a few
    // characters deleted, a typo), applied through the reducer.
    let revised = revised_text(state.doc.text.as_str(), 300);
    let t = Instant::now();
    state.apply(Action::ReviseText { text: revised, at: "2026-12-01T00:00:00Z".into() });
    let notice = state.notice.as_ref().map(|n| n.text.clone()).unwrap_or_default();
    println!("bench: revision with 300 edits at {n} annotations: {:.1} ms ({notice})", t.elapsed().as_secs_f64() * 1e3);
}

/// `text` with `edits` small edits spread evenly: an insertion, a deletion of a few
/// characters, a replaced letter, in turn.
pub fn revised_text(text: &str, edits: usize) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    let step = chars.len() / (edits + 1);
    for k in (1..=edits).rev() {
        let at = k * step;
        match k % 3 {
            0 => chars.splice(at..at, " newly".chars()).for_each(drop),
            1 => chars.drain(at..at + 4).for_each(drop),
            _ => chars[at] = 'x',
        }
    }
    chars.into_iter().collect()
}

#[test]
#[ignore = "benchmark: run by scripts/bench.sh"]
fn suggestions_scale_linearly_to_a_million_characters() {
    use marginalia::core::detect::suggest::{analyse, suggest_with};
    use marginalia::core::document::Rejected;
    use marginalia::core::document::Document;
    for target in [125_000, 250_000, 500_000, 1_000_000] {
        let mut text = String::new();
        while text.chars().count() < target {
            text.push_str(SAMPLE_ARTICLE);
            text.push_str("\n\n");
        }
        let doc = Document::new("bench", &text);
        let (mut cold, mut warm) = (Vec::new(), Vec::new());
        let mut found = 0;
        for _ in 0..7 {
            let t = Instant::now();
            let analysis = analyse(doc.text.as_str(), None);
            cold.push(t.elapsed().as_secs_f64() * 1e3);
            let t = Instant::now();
            found = suggest_with(&doc, &Rejected::new(), &analysis).items.len();
            warm.push(t.elapsed().as_secs_f64() * 1e3);
        }
        let (a, s) = (median_micros(cold), median_micros(warm));
        let per_char = |ms: f64| ms * 1e6 / doc.text.len() as f64;
        println!(
            "bench: suggestions over {} chars: analyse the text {a:.1} ms ({:.0} ns/char), suggest from it {s:.1} ms ({:.0} ns/char); {found} suggestions",
            doc.text.len(),
            per_char(a),
            per_char(s)
        );
    }
    // What the page does with the worker's answer: read the reply of every suggestion of
    // the 1M-character text (the first answer for a text, or a change touching them all).
    use marginalia::core::detect::wire::Reply;
    let mut text = String::new();
    while text.chars().count() < 1_000_000 {
        text.push_str(SAMPLE_ARTICLE);
        text.push_str("\n\n");
    }
    let doc = Document::new("bench", &text);
    let items = suggest_with(&doc, &Rejected::new(), &analyse(doc.text.as_str(), None)).items;
    let json = serde_json::to_string(&Reply::Suggestions { version: 1, seq: 1, tagger: false, items, unclosed: Vec::new() }).unwrap();
    let mut times = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        let reply: Reply = serde_json::from_str(&json).unwrap();
        times.push(t.elapsed().as_secs_f64() * 1e3);
        std::hint::black_box(reply);
    }
    println!("bench: reading the worker's reply of every suggestion ({} bytes): median {:.1} ms", json.len(), median_micros(times));
    // What the page does after an add: the reply changes one suggestion of them all; it is
    // read, made whole by the page's end, compared with the list shown, and that one dropped.
    use marginalia::core::detect::wire::{PageEnd, WorkerEnd};
    let Ok(Reply::Suggestions { items, .. }) = serde_json::from_str::<Reply>(&json) else { panic!() };
    let mut fewer = items.clone();
    fewer.remove(fewer.len() / 2);
    let answer = |seq, items| Reply::Suggestions { version: 1, seq, tagger: false, items, unclosed: Vec::new() };
    let mut times = Vec::new();
    for run in 0..5u64 {
        let (mut page, mut worker) = (PageEnd::default(), WorkerEnd::default());
        let first = serde_json::to_string(&worker.send(answer(run * 2, items.clone()))).unwrap();
        let shown = page.receive(serde_json::from_str(&first).unwrap()).unwrap();
        let second = serde_json::to_string(&worker.send(answer(run * 2 + 1, fewer.clone()))).unwrap();
        let t = Instant::now();
        let next = page.receive(serde_json::from_str(&second).unwrap()).unwrap();
        let same = next == shown;
        drop(shown);
        times.push(t.elapsed().as_secs_f64() * 1e3);
        assert!(!same);
        std::hint::black_box(next);
    }
    println!("bench: the page's end taking a reply that drops one of the {} suggestions (read, made whole, compared with the list shown): median {:.2} ms", items.len(), median_micros(times));
}

#[test]
#[ignore = "benchmark: run by scripts/bench.sh"]
fn search_across_a_thousand_documents_of_ten_megabytes() {
    use marginalia::core::search::{Field, Index, Name, Record};
    // 1,000 documents of 10,000 characters: the sample article, a Persian sentence and a
    // word of their own, each with 60 names (entities, aliases, speakers, labels, notes).
    let persian = "مریم رحیمی گفت که می\u{200c}خواهد بماند 😀. ";
    let records: Vec<Record> = (0..1000)
        .map(|i| {
            let mut text = format!("Report number{i}. {persian}");
            while text.chars().count() < 10_000 {
                text.push_str(SAMPLE_ARTICLE);
            }
            let text: String = text.chars().take(10_000).collect();
            let names = (0..60)
                .map(|n| {
                    let field = [Field::Entity, Field::Alias, Field::Speaker, Field::Label, Field::Note][n % 5];
                    Name { field, text: format!("Name {n} of document {i}"), start: n * 100, end: n * 100 + 12 }
                })
                .collect();
            Record { key: format!("d{i}"), title: format!("Document {i}"), text, names }
        })
        .collect();
    let bytes: usize = records.iter().map(|r| r.text.len()).sum();
    let t = Instant::now();
    let index = Index::build(records);
    println!("bench: search index of {} documents ({:.1} MB of text) built in {:.0} ms", index.len(), bytes as f64 / 1e6, t.elapsed().as_secs_f64() * 1e3);
    let mut worst: f64 = 0.0;
    for query in ["Rahimi", "Maryam Rahimi", "rahi", "رحیمی", "number517", "document 42", "no such word"] {
        let mut samples = Vec::new();
        let mut found = 0;
        for _ in 0..9 {
            let t = Instant::now();
            found = index.search(query).len();
            samples.push(t.elapsed().as_secs_f64() * 1e3);
        }
        let ms = median_micros(samples);
        worst = worst.max(ms);
        println!("bench: search “{query}”: {found} document(s) in {ms:.1} ms (median of 9)");
    }
    println!("bench: search, slowest query: {worst:.1} ms (target ≤ 100 ms)");
}

#[test]
#[ignore = "benchmark: run by scripts/bench.sh"]
fn the_tagger_on_a_million_characters_and_after_an_edit() {
    use marginalia::core::detect::suggest::analyse_with;
    use marginalia::core::detect::tagger::{shipped, tag_with, Memo};
    use marginalia::core::detect::words::Words;
    let text = distinct_million();
    let model = shipped();
    let mid = text.len() / 2 + text[text.len() / 2..].find(" said").unwrap();
    let edited = format!("{} told reporters{}", &text[..mid], &text[mid + " said".len()..]);
    let (mut cold, mut again, mut whole) = (Vec::new(), Vec::new(), Vec::new());
    let (mut sentences, mut retagged) = (0, 0);
    for _ in 0..5 {
        let w = Words::new(&text);
        let mut memo = Memo::default();
        let t = Instant::now();
        tag_with(model, &w, &mut memo);
        cold.push(t.elapsed().as_secs_f64() * 1e3);
        sentences = memo.tagged;
        let w2 = Words::new(&edited);
        let t = Instant::now();
        tag_with(model, &w2, &mut memo);
        again.push(t.elapsed().as_secs_f64() * 1e3);
        retagged = memo.tagged;
        let t = Instant::now();
        analyse_with(&edited, Some(model), &mut memo);
        whole.push(t.elapsed().as_secs_f64() * 1e3);
    }
    println!(
        "bench: tagger over {} chars ({sentences} sentences): {:.0} ms; after editing one sentence, {retagged} sentence(s) re-tagged, the tagger pass {:.1} ms; the whole analysis (scan, quotes, rules, tagger, combine) after the edit {:.0} ms",
        text.chars().count(),
        median_micros(cold),
        median_micros(again),
        median_micros(whole)
    );
}

#[test]
#[ignore = "benchmark: run by scripts/bench.sh"]
fn learning_from_one_more_label_on_a_news_article() {
    use marginalia::core::detect::engine::Engine;
    use marginalia::core::detect::tagger::shipped;
    use marginalia::core::detect::wire::{Request, SuggestRequest};
    use marginalia::core::labels::{Label, LabelKind, Preset};
    let text = SAMPLE_ARTICLE;
    let mut labels = Preset::News.labels();
    labels.push(Label { name: "Victim".into(), kind: LabelKind::Entity, color: "#aa3377".into(), hotkey: String::new(), speaks: false });
    let span_of = |needle: &str| {
        let start = text[..text.find(needle).unwrap()].chars().count();
        Span::new(start, start + needle.chars().count())
    };
    let marks: Vec<(Span, String)> = ["Maryam Rahimi", "Tomas Lindqvist", "Ingrid Solberg", "Hedda Brun"].iter().map(|n| (span_of(n), "Victim".to_string())).collect();
    for learning in [false, true] {
        let mut engine = Engine::default();
        engine.learning = learning;
        engine.set_model(shipped().clone());
        engine.handle(Request::Text { version: 1, text: text.into() });
        let mut times = Vec::new();
        for seq in 0..15 {
            // One more mark each time: the cost of a request after a new label.
            let marks = marks[..1 + seq % marks.len()].to_vec();
            let t = Instant::now();
            engine.handle(Request::Suggest(SuggestRequest { version: 1, seq: seq as u64, labels: labels.clone(), marks, rejected: vec![] }));
            times.push(t.elapsed().as_secs_f64() * 1e3);
        }
        times.remove(0); // the first also analyses the text
        println!("bench: a suggestion request after a new label on the sample article ({} chars), learning {}: median {:.2} ms", text.chars().count(), if learning { "on" } else { "off" }, median_micros(times));
    }
    // The same on 1M characters.
    let long = distinct_million();
    let mut engine = Engine::default();
    engine.set_model(shipped().clone());
    engine.handle(Request::Text { version: 1, text: long.clone() });
    engine.handle(Request::Suggest(SuggestRequest { version: 1, seq: 0, labels: labels.clone(), marks: vec![], rejected: vec![] }));
    let t = Instant::now();
    engine.handle(Request::Suggest(SuggestRequest { version: 1, seq: 1, labels: labels.clone(), marks: marks[..2].to_vec(), rejected: vec![] }));
    println!("bench: a suggestion request after a new label of the user's own on {} chars (the learner trained and run over the whole text): {:.0} ms", long.chars().count(), t.elapsed().as_secs_f64() * 1e3);
}
