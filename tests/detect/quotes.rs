//! The quotation detector over marked-up fixtures: `[Quote|…]` marks each quotation it
//! must find, and nothing else may be found.

use marginalia::core::detect::quotes::find_quotes;
use marginalia::core::fixture::parse;
use marginalia::core::offsets::Span;
use marginalia::core::text::Text;

/// The quotes found in the plain text of `marked`, against its marks.
fn check(marked: &str) {
    let (plain, marks) = parse(marked);
    let text = Text::new(&plain);
    let found = find_quotes(&text);
    let got: Vec<Span> = found.quotes.iter().map(|q| q.span).collect();
    let want: Vec<Span> = marks.iter().filter(|m| m.label == "Quote").map(|m| m.span).collect();
    let show = |spans: &[Span]| spans.iter().map(|s| text.slice(*s).unwrap().to_owned()).collect::<Vec<_>>();
    assert_eq!(show(&got), show(&want), "in {plain:?}");
    assert!(found.unclosed.is_empty(), "nothing unclosed in {plain:?}: {:?}", found.unclosed);
}

#[test]
fn every_common_mark() {
    check("[Quote|“We stay,”] she said. He said [Quote|\"no way\"] and left.");
    check("Er sagte [Quote|„Nein“] laut, dann [Quote|„Ja”].");
    check("Il a dit [Quote|« Non »] hier, et [Quote|‹ oui ›].");
    check("[Quote|「はい」]と言った。");
    check("she said [Quote|'no'] twice, then [Quote|‘maybe’].");
    check("[Quote|\"A.\"] and [Quote|\"B.\"] and [Quote|\"C\"]");
}

#[test]
fn apostrophes_are_not_quotes() {
    check("Iran's rivers, don't, the '90s, rock 'n' roll, the coalitions' plan, it’s O’Neill’s.");
    check("The coalitions' plan, she said, is [Quote|‘fine’].");
    check("[Quote|“I don't know what Iran's plans are,”] he said.");
}

#[test]
fn nested_quotes_belong_to_the_outer_one() {
    let text = Text::new("“He told me ‘never’ twice,” she said.");
    let found = find_quotes(&text);
    assert_eq!(found.quotes.len(), 1);
    assert_eq!(text.slice(found.quotes[0].nested[0]), Some("‘never’"));
    check("[Quote|“He told me ‘never’ twice,”] she said.");
    check("[Quote|« Il a dit “non” »]");
}

#[test]
fn a_quotation_over_several_paragraphs_is_one() {
    let text = Text::new("Intro. “First part.\n\n“Second part.\n\n“Third part,” she said.");
    let found = find_quotes(&text);
    assert_eq!(found.quotes.len(), 1, "{found:?}");
    let q = &found.quotes[0];
    assert_eq!(text.slice(q.span), Some("“First part.\n\n“Second part.\n\n“Third part,”"));
    let parts: Vec<&str> = q.parts.iter().map(|p| text.slice(*p).unwrap()).collect();
    assert_eq!(parts, ["“First part.", "“Second part.", "“Third part,”"]);
    assert!(found.unclosed.is_empty());
}

#[test]
fn unclosed_quotes_are_reported_not_invented() {
    let text = Text::new("“Never closed.\n\nNext paragraph without a mark. “Closed,” he said.");
    let found = find_quotes(&text);
    assert_eq!(found.unclosed, [0]);
    assert_eq!(found.quotes.iter().map(|q| text.slice(q.span).unwrap()).collect::<Vec<_>>(), ["“Closed,”"]);
    assert_eq!(find_quotes(&Text::new("He said “no and left")).unclosed, [8]);
}

#[test]
fn the_sample_article_quotes_are_all_found() {
    let state = marginalia::core::state::State::default();
    let text = &state.doc.text;
    let found: Vec<&str> = find_quotes(text).quotes.iter().map(|q| text.slice(q.span).unwrap()).collect();
    for expected in [
        "\"This marsh filters the water our children drink,\"",
        "\"Once it is paved, it is gone for good.\"",
        "“economic renewal”",
        "“We have listened to every objection. The logistics park will bring eight hundred jobs, and we will plant a new marsh upstream.”",
        "“You cannot move a wetland the way you move a parking lot,”",
        "“We will be there both days, and we will bring our tractors,”",
        "\"We are not against jobs,\"",
        "«این تالاب آب آشامیدنی بچه\u{200c}های ما را پاک می\u{200c}کند. اگر آسفالت شود، برای همیشه از دست می\u{200c}رود.»",
        "“Marsh, not mortar”",
    ] {
        assert!(found.contains(&expected), "missing {expected:?} in {found:#?}");
    }
    assert_eq!(found.len(), 10, "{found:#?}");
}

proptest::proptest! {
    /// Any text: found quotations lie inside it, in order, without overlapping, each
    /// starting with a quote mark and ending with one; unclosed marks are quote marks.
    #[test]
    fn quotations_are_well_formed_in_any_text(
        words in proptest::collection::vec(proptest::sample::select(vec![
            "“", "”", "„", "\"", "'", "‘", "’", "«", "»", "‹", "›", "「", "」", "don't", "Iran's", " ", "\n\n", "word", "مریم", "😀", ".", "'90s", "s'",
        ]), 0..60),
    ) {
        let text = Text::new(&words.concat());
        let found = find_quotes(&text);
        let marks = ['“', '”', '„', '"', '\'', '‘', '’', '«', '»', '‹', '›', '「', '」', '‚'];
        let mut end = 0;
        for q in &found.quotes {
            proptest::prop_assert!(q.span.start >= end && q.span.start < q.span.end && q.span.end <= text.len());
            end = q.span.end;
            let s = text.slice(q.span).unwrap();
            proptest::prop_assert!(s.starts_with(marks) && s.ends_with(marks), "{s:?}");
            for n in q.nested.iter().chain(&q.parts) {
                proptest::prop_assert!(q.span.start <= n.start && n.end <= q.span.end);
            }
        }
        let chars: Vec<char> = text.as_str().chars().collect();
        for u in &found.unclosed {
            proptest::prop_assert!(marks.contains(&chars[*u]));
        }
    }
}
