//! Projects (`core::projects`, `core::reduce::projects`): new documents take the open
//! project's schema and join it; a schema reaches a document without losing an
//! annotation, as one undoable step; walking a project goes in order; the projects come
//! back from the session record; and a library saved before projects existed migrates
//! into one default project without changing a document.

use crate::common::state_from;
use marginalia::core::export::to_json;
use marginalia::core::ids::{DocNumber, Id};
use marginalia::core::labels::{Label, LabelKind, LabelSet, Preset};
use marginalia::core::projects::{conform, say_applied, Projects, DEFAULT_NAME};
use marginalia::core::reduce::projects::ProjectCommand;
use marginalia::core::session::{restore, session_record, snapshot, Saved};
use marginalia::core::state::State;
use marginalia::core::store::Action;

fn victim() -> Label {
    Label { name: "Victim".into(), kind: LabelKind::Entity, color: "#aa3355".into(), hotkey: "v".into(), speaks: false }
}

/// A state whose open project "Rights" has the news labels plus Victim.
fn rights_project() -> State {
    let mut state = State::default();
    state.apply(Action::AddLabel(victim()));
    state.apply(Action::Project(ProjectCommand::Create("Rights".into())));
    state
}

fn key(state: &State) -> String {
    state.doc_number.to_string()
}

#[test]
fn three_new_documents_in_a_project_keep_its_custom_label() {
    let mut state = rights_project();
    assert!(state.projects.open().docs.is_empty(), "the sample stays in the first project");
    let mut keys = Vec::new();
    for text in ["Ana Lima was detained.", "Bo Chen was released.", "مریم رحیمی 😀 was named."] {
        state.apply(Action::NewDocument);
        assert!(state.doc.labels.get("Victim").is_some(), "{:?}", state.notice);
        state.apply(Action::StartAnnotating { text: text.into(), replaced_surrogates: 0 });
        assert!(state.doc.labels.get("Victim").is_some(), "the text keeps the box's labels");
        keys.push(key(&state));
    }
    let project = state.projects.open();
    assert_eq!(project.name, "Rights");
    assert_eq!(project.docs, keys, "every new document joined the open project, in order");
    // The first project still holds the sample, which never had Victim.
    assert_eq!(state.projects.list[0].docs, ["d1"]);
    assert!(state.projects.list[0].labels.get("Victim").is_none());
}

#[test]
fn the_empty_new_document_box_follows_the_project_opened_since() {
    let mut state = rights_project();
    state.apply(Action::NewDocument); // an empty box, in Rights
    let empty = key(&state);
    state.apply(Action::Project(ProjectCommand::Open("p1".into())));
    state.apply(Action::NewDocument); // reuses the empty box's number
    assert_eq!(key(&state), empty);
    assert_eq!(state.projects.of(&empty).name, DEFAULT_NAME);
    assert!(state.doc.labels.get("Victim").is_none(), "the default project's schema");
}

#[test]
fn a_project_schema_reaches_the_open_document_in_one_undoable_step_and_keeps_used_labels() {
    let mut state = state_from("[Cue|said] [Person|Ana Lima] in [Place|Halden].");
    let before = state.doc.labels.clone();
    let mut labels = Preset::Conll.labels().to_vec();
    labels.push(victim());
    let (after, what) = conform(&state.doc, &labels);
    let names: Vec<&str> = after.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(names, ["PER", "ORG", "LOC", "MISC", "Quote", "Cue", "Victim", "Person", "Place"]);
    assert_eq!(what.kept, ["Person", "Place"]);
    assert_eq!(what.added, ["PER", "ORG", "LOC", "MISC", "Victim"]);
    assert_eq!(what.dropped, ["Organization", "Date", "Event"]);

    std::rc::Rc::make_mut(&mut state.projects).set_labels("p1", LabelSet::new(labels).unwrap()).unwrap();
    let annotations = state.doc.annotations.clone();
    state.apply(Action::ConformToProject);
    assert_eq!(state.doc.labels.to_vec(), after, "{:?}", state.notice);
    assert_eq!(state.doc.annotations, annotations, "no annotation changed");
    state.apply(Action::ConformToProject);
    assert!(state.notice.as_ref().unwrap().text.contains("already has"), "{:?}", state.notice);
    state.apply(Action::Undo);
    assert_eq!(state.doc.labels, before, "one undo takes it back");
}

#[test]
fn taking_the_documents_labels_changes_the_project_not_the_document() {
    let mut state = State::default();
    state.apply(Action::AddLabel(victim()));
    state.apply(Action::Project(ProjectCommand::TakeDocumentLabels));
    assert_eq!(state.projects.open().labels, state.doc.labels);
    let text = &state.notice.as_ref().unwrap().text;
    assert!(text.contains("8 labels") && text.contains("0 other document"), "{text}");
}

#[test]
fn names_are_checked_and_moves_follow() {
    let mut state = rights_project();
    state.apply(Action::Project(ProjectCommand::Create("  rights ".into())));
    assert!(state.notice.as_ref().unwrap().text.contains("already a project named"), "{:?}", state.notice);
    state.apply(Action::Project(ProjectCommand::Create("   ".into())));
    assert_eq!(state.notice.as_ref().unwrap().text, "A project needs a name.");
    state.apply(Action::Project(ProjectCommand::Rename { id: "p2".into(), name: "Rights 2026".into() }));
    assert_eq!(state.projects.open().name, "Rights 2026");
    state.apply(Action::Project(ProjectCommand::Open("p9".into())));
    assert_eq!(state.notice.as_ref().unwrap().text, "There is no project p9.");
    // The sample (d1) is in the first project; moving it leaves the list on that project.
    state.apply(Action::Project(ProjectCommand::Open("p1".into())));
    state.apply(Action::Project(ProjectCommand::Move { key: "d1".into(), to: "p2".into() }));
    assert_eq!(state.projects.of("d1").id, "p2");
    assert_eq!(state.projects.open, "p1");
    assert!(state.projects.list[0].docs.is_empty());
}

#[test]
fn walking_a_project_goes_in_the_order_documents_joined() {
    let mut projects = Projects::default();
    for k in ["d3", "d1", "d7"] {
        projects.adopt(k);
    }
    assert_eq!(projects.walk("d1", true), ["d7"]);
    assert_eq!(projects.walk("d1", false), ["d3"]);
    assert_eq!(projects.walk("d7", true), Vec::<String>::new());
    assert_eq!(projects.walk("d9", true), ["d3", "d1", "d7"], "a document in no list starts from the first");
}

#[test]
fn opening_a_document_of_another_project_opens_that_project() {
    let mut state = rights_project();
    state.apply(Action::NewDocument);
    state.apply(Action::StartAnnotating { text: "Ana Lima was detained.".into(), replaced_surrogates: 0 });
    let rights_doc = (key(&state), state.doc.as_ref().clone());
    state.apply(Action::Project(ProjectCommand::Open("p1".into())));
    let imported = marginalia::core::import::read_file(to_json(&rights_doc.1, "T").as_bytes()).unwrap();
    state.apply(Action::LoadSample);
    assert_eq!(state.projects.open, "p1");
    state.apply(Action::OpenStored { imported: Box::new(imported), doc_number: DocNumber::parse(&rights_doc.0).unwrap() });
    assert_eq!(state.projects.open, "p2");
}

#[test]
fn the_projects_and_the_open_one_come_back_from_the_session_record() {
    let mut state = rights_project();
    state.apply(Action::NewDocument);
    state.apply(Action::StartAnnotating { text: "Bo Chen was released.".into(), replaced_surrogates: 0 });
    let snap = snapshot(&state, "T");
    let saved = Saved { session: session_record(&state), document: snap.record.document, base: Some(snap.log_base), changes: vec![], keys: vec!["d1".into(), key(&state)] };
    let mut back = State::default();
    back.apply(Action::Restore(Box::new(restore(&saved).unwrap())));
    assert_eq!(back.projects, state.projects);
    assert_eq!(back.projects.open().name, "Rights");
}

/// A session record and library as the app wrote them before projects existed.
const SESSION_BEFORE_PROJECTS: &str = r#"{"doc_key":"d4","next_doc":6,"editing":false,"draft":"","selected":null}"#;

#[test]
fn a_library_saved_before_projects_migrates_into_one_default_project_losslessly() {
    let mut state = state_from("[Person|Maryam Rahimi] said “[Quote|we will stay]”.");
    state.apply(Action::AddLabel(victim()));
    let document = to_json(&state.doc, "2026-11-30T10:00:00Z");
    let keys: Vec<String> = ["d4", "d2", "d10", "d5"].map(String::from).to_vec();
    let saved = Saved { session: SESSION_BEFORE_PROJECTS.into(), document: document.clone(), base: None, changes: vec![], keys };
    let restored = restore(&saved).expect("an old session restores");
    let projects = &restored.projects;
    assert_eq!(projects.list.len(), 1);
    assert_eq!(projects.open().name, DEFAULT_NAME);
    assert_eq!(projects.open().docs, ["d2", "d4", "d5", "d10"], "every document, in key order");
    assert_eq!(projects.open().labels, LabelSet::default(), "the news schema");
    let mut back = State::default();
    back.apply(Action::Restore(Box::new(restored)));
    assert_eq!(to_json(&back.doc, "2026-11-30T10:00:00Z"), document, "the document is unchanged, its own Victim label kept");
    assert_eq!(back.projects.of("d4").name, DEFAULT_NAME);
}

#[test]
fn migrating_drops_keys_that_are_gone_and_adds_new_ones_to_the_first_project() {
    let mut projects = Projects::default();
    projects.create("Rights", LabelSet::default()).unwrap();
    projects.adopt("d2");
    projects.adopt("d3");
    let library = ["d1", "d3", "d8"].map(String::from).to_vec();
    let migrated = Projects::migrate(Some(&projects), &library);
    assert_eq!(migrated.get("p2").unwrap().docs, ["d3"]);
    assert_eq!(migrated.list[0].docs, ["d1", "d8"]);
    assert_eq!(migrated.open, "p2");
    assert_eq!(migrated.next, 3);
}

#[test]
fn the_counts_of_applying_a_schema_are_said_in_words() {
    let doc = state_from("[Cue|said] [Person|Ana].").doc;
    let mut labels = LabelSet::default().to_vec();
    labels.retain(|l| l.name != "Cue");
    labels.push(victim());
    let (_, what) = conform(&doc, &labels);
    assert_eq!(
        say_applied(&[what.clone(), what], 3),
        "5 document(s): 2 changed (labels added: Victim), 3 already had the project's labels; 2 keep labels their annotations use (Cue)"
    );
}

#[test]
fn a_project_bundle_carries_its_schema_and_its_documents_join_it_on_import() {
    use marginalia::core::formats::{download_project, Format, Options};
    use marginalia::core::import::read_bundle;
    let mut state = rights_project();
    state.apply(Action::NewDocument);
    state.apply(Action::StartAnnotating { text: "Ana Lima was detained.".into(), replaced_surrogates: 0 });
    let project = state.projects.open().clone();
    let options = Options { utf16: false, exported_at: "2026-12-01T10:00:00Z".into() };
    let file = download_project(Format::Marginalia, &[&state.doc, &state.doc], &options, &project);
    let docs = read_bundle(&file.bytes).expect("a project bundle is a bundle");
    assert_eq!(docs.len(), 2);
    for d in &docs {
        let (name, labels) = d.project.clone().expect("each line names the project");
        assert_eq!(name, "Rights");
        assert!(labels.get("Victim").is_some());
    }
    // Imported elsewhere: the project is made with the bundle's schema and opened.
    let mut other = State::default();
    let (name, labels) = docs[0].project.clone().unwrap();
    other.apply(Action::Project(ProjectCommand::Join { name, labels, keys: vec!["d7".into(), "d8".into()] }));
    assert_eq!(other.notice.as_ref().unwrap().text, "2 document(s) joined the project “Rights”.");
    assert_eq!(other.projects.open().docs, ["d7", "d8"]);
    assert!(other.projects.open().labels.get("Victim").is_some());
    // Into a library that has the project: they join it.
    other.apply(Action::Project(ProjectCommand::Open("p1".into())));
    other.apply(Action::Project(ProjectCommand::Join { name: "RIGHTS".into(), labels: LabelSet::default(), keys: vec!["d9".into()] }));
    assert_eq!(other.projects.list.len(), 2);
    assert_eq!(other.projects.open().docs, ["d7", "d8", "d9"]);
}

#[test]
fn damaged_projects_in_the_session_record_do_not_stop_the_work_from_reopening() {
    let state = state_from("[Person|Ana Lima] was detained.");
    let document = to_json(&state.doc, "T");
    let session = r#"{"doc_key":"d2","next_doc":3,"editing":false,"draft":"","selected":null,"projects":{"list":"not a list"}}"#;
    let saved = Saved { session: session.into(), document, base: None, changes: vec![], keys: vec!["d1".into(), "d2".into()] };
    let restored = restore(&saved).expect("the session still opens");
    assert_eq!(restored.projects.list.len(), 1);
    assert_eq!(restored.projects.open().docs, ["d1", "d2"]);
}
