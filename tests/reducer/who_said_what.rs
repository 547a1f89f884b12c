//! The who-said-what table and its CSV and Markdown forms.

use crate::common;

use marginalia::core::ids::AnnotationId;
use marginalia::core::store::Action;
use marginalia::core::state::State;
use marginalia::core::who_said_what::{table, to_csv, to_markdown};

/// The sample's kind of article: a quote said by two people together, a quote running
/// over two paragraphs, one without a speaker, and hostile text.
fn state() -> (State, Vec<AnnotationId>) {
    let state = common::state_from(
        "[Quote|“We stay,”] [Cue|said] [Person|Aksel] and [Person|Hedda Brun]. [Quote|“Forever, |no matter what”]\n\n\
         [Quote|“=1+1, and \"more\"”] [Person|Aksel] added. [Quote|“Unsigned.”] [Organization|CRP]",
    );
    let ids: Vec<AnnotationId> = state.doc.annotations.iter().map(|a| a.id).collect();
    (state, ids)
}

#[test]
fn speakers_in_order_with_their_statements_and_counts() {
    let (mut s, ids) = state();
    // ids: q1 cue aksel hedda q2 q3 aksel2 q4 crp
    s.apply(Action::AddSpeakerFromMention { quote: ids[0], mention: ids[2] });
    s.apply(Action::AddSpeakerFromMention { quote: ids[0], mention: ids[3] });
    s.apply(Action::SetCue { quote: ids[0], cue: Some(ids[1]) });
    s.apply(Action::JoinQuote { quote: ids[4], previous: Some(ids[0]) });
    s.apply(Action::AddSpeakerFromMention { quote: ids[5], mention: ids[6] });
    let rows = table(&s.doc);
    let summary: Vec<(String, Vec<String>)> =
        rows.iter().map(|r| (r.speaker.clone(), r.statements.iter().map(|st| st.text.clone()).collect())).collect();
    assert_eq!(
        summary,
        [
            ("Aksel".to_owned(), vec!["“We stay,” … “Forever, |no matter what”".to_owned(), "“=1+1, and \"more\"”".to_owned()]),
            ("Hedda Brun".to_owned(), vec!["“We stay,” … “Forever, |no matter what”".to_owned()]),
            ("(no speaker)".to_owned(), vec!["“Unsigned.”".to_owned()]),
        ]
    );
    assert_eq!(rows[0].statements[0].cue, "said");
    assert_eq!(rows[0].statements[0].parts, [ids[0], ids[4]]);

    s.apply(Action::SetTitle("Rally, day 2".into()));
    let mut source = marginalia::core::source::Source { url: "https://x.example/rally".into(), published: "2026-11-30".into(), ..Default::default() };
    source.outlet = "Halden Post".into();
    s.apply(Action::SetSource(Box::new(source)));
    let csv = to_csv(&s.doc, &rows);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "speaker,label,number,quote,kind,cue,start,end,ids,title,url,published");
    assert!(lines.iter().skip(1).all(|l| l.ends_with(",\"Rally, day 2\",https://x.example/rally,2026-11-30")), "{csv}");
    assert!(lines[1].starts_with("Aksel,Person,1,\"“We stay,” … “Forever, |no matter what”\",partial,said,0,"), "{}", lines[1]);
    assert!(lines[1].contains(&format!(",{} {},", ids[0], ids[4])));
    assert!(lines[2].starts_with("Aksel,Person,2,\"“=1+1, and \"\"more\"\"”\","), "quotes doubled: {}", lines[2]);
    assert_eq!(lines.len(), 5);

    let md = to_markdown(&s.doc, &rows);
    let md_lines: Vec<&str> = md.lines().collect();
    let cite = "Rally, day 2 | https://x.example/rally | 2026-11-30";
    assert_eq!(md_lines[0], "| Speaker | # | Quote | Kind | Cue | Title | URL | Published |");
    assert_eq!(md_lines[2], format!("| Aksel (2) | 1 | “We stay,” … “Forever, \\|no matter what” | partial | said | {cite} |"));
    assert_eq!(md_lines[3], format!("|  | 2 | “=1+1, and \"more\"” | mixed |  | {cite} |"), "quote marks inside: a first guess of mixed");
    assert_eq!(md_lines[5], format!("| (no speaker) (1) | 1 | “Unsigned.” | partial |  | {cite} |"));
}

#[test]
fn a_formula_in_a_field_is_defused_for_spreadsheets() {
    let mut s = common::state_from("[Person|=HYPERLINK(1)] said [Quote|“-2 degrees”] and [Quote|-12]");
    let ids: Vec<AnnotationId> = s.doc.annotations.iter().map(|a| a.id).collect();
    s.apply(Action::AddSpeakerFromMention { quote: ids[1], mention: ids[0] });
    s.apply(Action::AddSpeakerFromMention { quote: ids[2], mention: ids[0] });
    let csv = to_csv(&s.doc, &table(&s.doc));
    assert!(csv.lines().nth(1).unwrap().starts_with("'=HYPERLINK(1),Person,1,“-2 degrees”"), "{csv}");
    assert!(csv.lines().nth(2).unwrap().contains(",-12,"), "a number stays a number: {csv}");
}
