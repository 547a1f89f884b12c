//! Editing the label schema: add, rename (annotations and entities follow), recolour,
//! hotkeys, kind, reorder, delete (with its annotations), presets; each undoable.

use crate::common;

use marginalia::core::ids::AnnotationId;
use marginalia::core::export::to_json;
use marginalia::core::import::read_file;
use marginalia::core::labels::{Label, LabelKind, Preset};
use marginalia::core::reduce::refusal::Refusal;
use marginalia::core::store::Action;
use marginalia::core::state::{Level, State};

fn label(name: &str, kind: LabelKind, hotkey: &str) -> Label {
    Label { name: name.into(), kind, color: "#123abc".into(), hotkey: hotkey.into(), speaks: false }
}

fn names(state: &State) -> Vec<String> {
    state.doc.labels.iter().map(|l| l.name.clone()).collect()
}

fn refused(state: &mut State, action: Action, why: Refusal) {
    let before = state.doc.clone();
    state.apply(action);
    let notice = state.notice.clone().unwrap();
    assert_eq!(notice.level, Level::Error, "{}", notice.text);
    assert_eq!(notice.refusal, Some(why));
    assert_eq!(state.doc, before);
}

#[test]
fn add_checks_name_colour_and_hotkey() {
    let mut state = common::state_from("[Person|Ana] met [Organization|CRP].");
    state.apply(Action::AddLabel(label("Ministry", LabelKind::Entity, "m")));
    assert_eq!(names(&state).last().unwrap(), "Ministry");
    assert_eq!(state.doc.labels.by_hotkey("m").unwrap().name, "Ministry");
    refused(&mut state, Action::AddLabel(label("Ministry", LabelKind::Entity, "")), Refusal::LabelExists("Ministry".into()));
    refused(&mut state, Action::AddLabel(label("Law", LabelKind::Entity, "1")), Refusal::HotkeyTaken { key: "1".into(), label: "Person".into() });
    refused(&mut state, Action::AddLabel(label("Law", LabelKind::Entity, "s")), Refusal::HotkeyPicksSpeaker);
    refused(&mut state, Action::AddLabel(Label { color: "red;}".into(), ..label("Law", LabelKind::Entity, "") }), Refusal::BadColor);
    refused(&mut state, Action::AddLabel(label(" ", LabelKind::Entity, "")), Refusal::BadLabelName);
    state.apply(Action::Undo);
    assert!(state.doc.labels.get("Ministry").is_none());
}

#[test]
fn rename_carries_annotations_and_entities_and_exports() {
    let mut state = common::quote_with_speaker("[Quote|“Go”] said [Person|Ana] and [Person|Ana].");
    state.apply(Action::EditLabel { name: "Person".into(), label: Label { name: "Human".into(), ..state.doc.labels.get("Person").unwrap().clone() } });
    assert!(state.notice.clone().unwrap().text.contains("on 2 annotation(s)"));
    assert!(state.doc.annotations.iter().filter(|a| a.label == "Human").count() == 2);
    assert!(state.doc.entities.iter().all(|e| e.label == "Human"));
    let json = to_json(&state.doc, "T");
    assert_eq!(read_file(json.as_bytes()).map(|i| to_json(&i.doc, "T")).unwrap(), json, "the renamed schema round-trips");
    state.apply(Action::Undo);
    assert!(state.doc.annotations.iter().filter(|a| a.label == "Person").count() == 2);
    assert!(state.doc.entities.iter().all(|e| e.label == "Person"));
}

#[test]
fn whether_a_label_speaks_is_part_of_the_schema() {
    let mut state = common::state_from("[Quote|“Go”] said [Place|Oslo City Council].");
    let ids: Vec<AnnotationId> = state.doc.annotations.iter().map(|a| a.id).collect();
    state.apply(Action::AddSpeakerFromMention { quote: ids[0], mention: ids[1] });
    assert_eq!(state.notice.clone().unwrap().refusal, Some(Refusal::MentionCannotSpeak { text: "Oslo City Council".into(), label: "Place".into() }));
    let place = state.doc.labels.get("Place").unwrap().clone();
    state.apply(Action::EditLabel { name: "Place".into(), label: Label { speaks: true, ..place } });
    state.apply(Action::AddSpeakerFromMention { quote: ids[0], mention: ids[1] });
    assert_eq!(state.doc.annotations.get(ids[0]).unwrap().speakers.len(), 1);
}

#[test]
fn kind_changes_only_while_unused_colour_and_hotkey_any_time() {
    let mut state = common::state_from("[Place|Oslo] and Bergen");
    let place = state.doc.labels.get("Place").unwrap().clone();
    refused(&mut state, Action::EditLabel { name: "Place".into(), label: Label { kind: LabelKind::Quote, ..place.clone() } }, Refusal::KindInUse { name: "Place".into(), used: 1, kind: "entity" });
    state.apply(Action::EditLabel { name: "Place".into(), label: Label { color: "#000000".into(), hotkey: "p".into(), ..place.clone() } });
    assert_eq!(state.doc.labels.by_hotkey("p").unwrap().color, "#000000");
    let event = state.doc.labels.get("Event").unwrap().clone();
    state.apply(Action::EditLabel { name: "Event".into(), label: Label { kind: LabelKind::Cue, ..event } });
    assert!(state.doc.labels.is_cue("Event"));
}

#[test]
fn move_and_delete_with_annotations_undoably() {
    let mut state = common::quote_with_speaker("[Quote|“Go”] said [Person|Ana] in [Place|Oslo].");
    state.apply(Action::MoveLabel { name: "Quote".into(), by: -1 });
    assert_eq!(names(&state)[4..6], ["Quote", "Event"]);
    state.apply(Action::MoveLabel { name: "Person".into(), by: -1 });
    assert!(state.notice.clone().unwrap().text.contains("already first"));
    let before = state.doc.clone();
    let quote = state.doc.annotations.iter().next().unwrap().id;
    state.apply(Action::Select(Some(AnnotationId(2))));
    state.apply(Action::DeleteLabel("Person".into()));
    assert_eq!(state.notice.clone().unwrap().text, "Deleted the label “Person” and its 1 annotation(s).");
    assert!(state.doc.labels.get("Person").is_none());
    assert!(state.doc.annotations.get(quote).unwrap().speakers.is_empty(), "the quote lost its speaker");
    assert!(state.doc.entities.iter().all(|e| e.label != "Person"));
    assert_eq!(state.selected, None);
    state.apply(Action::Undo);
    assert_eq!(state.doc.annotations, before.annotations);
    assert_eq!(state.doc.labels, before.labels);
    assert_eq!(state.doc.entities, before.entities);
    assert_eq!(state.selected, Some(AnnotationId(2)));
}

#[test]
fn presets_keep_labels_in_use() {
    let mut state = common::state_from("[Person|Ana] in [Place|Oslo]");
    state.apply(Action::ApplyPreset(Preset::Conll));
    assert_eq!(names(&state), ["PER", "ORG", "LOC", "MISC", "Quote", "Cue", "Person", "Place"]);
    assert!(state.notice.clone().unwrap().text.contains("Kept because annotations use them: Person, Place."));
    assert!(state.doc.labels.iter().all(|l| l.hotkey != "1" || l.name == "PER"), "no hotkey twice");
    state.apply(Action::ApplyPreset(Preset::OntoNotes));
    assert_eq!(state.doc.labels.len(), 18 + 2 + 2);
    assert!(state.doc.labels.iter().all(|l| l.hotkey != "s"));
    state.apply(Action::Undo);
    state.apply(Action::Undo);
    assert_eq!(names(&state)[..6], ["Person", "Organization", "Place", "Date", "Event", "Quote"]);
}

/// Every label of the default schema and of every preset keeps the article's text at
/// 4.5:1 or more over its highlight, in the light and the dark scheme: read back from the
/// style sheet the app installs, composited as the browser does.
#[test]
fn every_preset_label_keeps_its_text_readable_in_light_and_dark() {
    use marginalia::core::colors::{contrast, fill, Rgb, DARK, LIGHT, MIN_CONTRAST};
    use marginalia::core::highlight_css::style_sheet;
    let mut checked = 0;
    for preset in Preset::ALL {
        let labels = preset.labels();
        let css = style_sheet(&labels);
        let (light, dark) = css.split_once("@media (prefers-color-scheme: dark){").expect("a dark part");
        for (part, scheme) in [(light, LIGHT), (dark, DARK)] {
            for (i, label) in labels.iter().enumerate() {
                let rule = format!("::highlight(mg-l{i}){{");
                let body = &part[part.find(&rule).unwrap_or_else(|| panic!("no rule for {}", label.name)) + rule.len()..];
                let body = &body[..body.find('}').unwrap()];
                if label.kind == LabelKind::Cue {
                    assert!(!body.contains("background"), "a cue has no fill: {body}");
                    continue;
                }
                let value = body.split("background-color:#").nth(1).expect("a fill");
                let color = Rgb::parse(&format!("#{}", &value[..6])).unwrap();
                let alpha = u8::from_str_radix(&value[6..8], 16).unwrap();
                assert_eq!(format!("#{}", &value[..6]), label.color, "the label's own colour");
                let ratio = contrast(scheme.ink, fill(color, alpha, scheme));
                assert!(ratio >= MIN_CONTRAST, "{} in {preset:?}: {ratio:.2}", label.name);
                if label.kind == LabelKind::Entity {
                    assert!(alpha >= 0x40, "{} in {preset:?} is still visibly filled ({alpha})", label.name);
                }
                checked += 1;
            }
        }
    }
    assert!(checked > 50, "{checked} label fills checked");
}
