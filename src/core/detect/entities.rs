//! Finds named entities: people, organisations, places, dates and events.
//!
//! - **Names** are capitalised sequences with their connectors ("Ministry of Foreign
//!   Affairs", "Osama bin Laden", "Ludwig van der Rohe"). A sentence's first word counts
//!   only if it is not a common word (its lower-case form appears in the text, or it is
//!   a function word such as "The" or "According").
//! - **People**: after a title or role ("President Donald Trump", "actor Tom Hanks"), or a
//!   name of two or more words with no other sign; a surname or first name of a person
//!   already found is that person (an alias).
//! - **Organisations**: a name with an organisation word (Association, Ministry, Party,
//!   University...), an acronym, or a name with connectors. "Full Name (ACRONYM)" defines
//!   the acronym as an alias of the full name, and an acronym one letter off a defined one
//!   ("UNCHR" for "UNHCR") is proposed as its alias too.
//! - **Places**: the shipped gazetteer (`gazetteer.txt`), or a place word (Street, River,
//!   Province...).
//! - **Dates**: `dates::find_dates`.
//! - **Events**: a name ending in an event word ("Tehran Film Festival", "World Cup"), or an
//!   event noun after a capitalised word or a year ("the 2009 presidential election").
//!
//! ```
//! use marginalia::core::detect::{entities::find_entities, words::Words, Category};
//! let text = "President Donald Trump met the United Nations High Commissioner for Refugees (UNHCR) in Kabul.";
//! let w = Words::new(text);
//! let found: Vec<(&str, Category)> = find_entities(&w).iter().map(|m| (w.slice(m.span), m.category)).collect();
//! assert_eq!(found, [
//!     ("Donald Trump", Category::Person),
//!     ("United Nations High Commissioner for Refugees", Category::Organization),
//!     ("UNHCR", Category::Organization),
//!     ("Kabul", Category::Place),
//! ]);
//! ```

use super::dates::{find_dates, is_month, is_weekday};
use super::gazetteer::is_place;
use super::words::{LazyWordSet, WordSet, Words};
use super::{Category, Mention};
use crate::core::offsets::Span;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// Capitalised function words: never the start of a name.
static STOP: LazyWordSet = LazyWordSet::new(|| WordSet::new(STOP_LIST));
const STOP_LIST: &[&str] = &[
    "The", "A", "An", "In", "On", "At", "For", "But", "And", "Or", "So", "If", "As", "By", "To", "Of", "From", "With", "Without", "After", "Before", "During", "Since", "Until", "When", "While", "Where", "Why", "How", "What", "Who", "Whom", "Which", "Whose", "This", "That", "These", "Those", "There", "Here", "He", "She", "It", "They", "We", "I", "You", "His", "Her", "Its", "Their", "Our", "My", "Your", "Some", "Many", "Most", "All", "Any", "Each", "Every", "No", "Not", "Yes", "One", "Two", "Three", "Also", "However", "Meanwhile", "Although", "Though", "Because", "According", "Yet", "Still", "Then", "Now", "Today", "Yesterday", "Tomorrow", "Last", "Next", "Despite", "Under", "Over", "Between", "Among", "Against", "Through", "About", "Like", "Unlike", "Instead", "Thus", "Therefore", "Moreover", "Furthermore", "Indeed", "Even", "Only", "Just", "Both", "Either", "Neither", "Such", "Other", "Another", "Several", "Few", "More", "Less", "Much", "Very", "Well", "Oh", "Please", "Let", "Do", "Does", "Did", "Is", "Are", "Was", "Were", "Will", "Would", "Can", "Could", "Should", "May", "Might", "Must", "Have", "Has", "Had", "Once", "Upon", "Into", "Our", "Mine", "Hers", "Theirs", "Ours", "Whether", "Unless", "Whatever", "Whoever", "Photo", "Image", "Source", "Read", "See", "Share", "Comments", "Advertisement", "Related", "Later", "Earlier", "Soon", "Recently", "Finally", "Again", "Often", "Sometimes", "Asked", "Speaking", "Thanks", "Yet",
];

/// Titles that mark the name after them as a person's.
static TITLES: LazyWordSet = LazyWordSet::new(|| WordSet::new(TITLES_LIST));
const TITLES_LIST: &[&str] = &[
    "President", "Vice-President", "Minister", "Secretary", "Senator", "Sen", "Governor", "Gov", "Mayor", "Ambassador", "General", "Gen", "Colonel", "Col", "Captain", "Capt", "Lieutenant", "Lt", "Sergeant", "Sgt", "Judge", "Chancellor", "King", "Queen", "Prince", "Princess", "Pope", "Sheikh", "Ayatollah", "Imam", "Rabbi", "Reverend", "Rev", "Bishop", "Archbishop", "Cardinal", "Dr", "Doctor", "Professor", "Prof", "Mr", "Mrs", "Ms", "Miss", "Sir", "Dame", "Lord", "Lady", "Chairman", "Chairwoman", "Director", "Commissioner", "Representative", "Rep", "Congressman", "Congresswoman", "Spokesman", "Spokeswoman", "Spokesperson", "Detective", "Inspector", "Agent", "Coach", "Emperor", "Empress", "Premier", "Speaker", "Officer", "Bundeskanzlerin", "Bundeskanzler", "Chief", "Mr.", "Mrs.", "Dr.", "Ms.",
];

/// Words that may stand before a title as part of it ("Foreign Minister", "U.S. President").
static TITLE_MODIFIERS: LazyWordSet = LazyWordSet::new(|| WordSet::new(TITLE_MODIFIERS_LIST));
const TITLE_MODIFIERS_LIST: &[&str] = &["Foreign", "Prime", "Deputy", "Vice", "Former", "Acting", "Interior", "Defence", "Defense", "Finance", "Health", "Education", "Justice", "Senior", "Supreme", "Executive", "Managing", "Police", "Army", "Attorney", "Chief", "Assistant", "Lieutenant", "Major", "Brigadier"];

/// Lower-case roles that mark the name right after them as a person's ("actor Tom Hanks").
static ROLES: LazyWordSet = LazyWordSet::new(|| WordSet::new(ROLES_LIST));
const ROLES_LIST: &[&str] = &[
    "president", "minister", "director", "actor", "actress", "ambassador", "spokesman", "spokeswoman", "spokesperson", "senator", "governor", "mayor", "chairman", "chairwoman", "secretary", "official", "officer", "analyst", "professor", "student", "lawyer", "activist", "journalist", "reporter", "author", "writer", "singer", "player", "coach", "leader", "founder", "chief", "executive", "manager", "researcher", "scientist", "doctor", "judge", "general", "commander", "colleague", "wife", "husband", "son", "daughter", "mother", "father", "brother", "sister", "friend", "resident", "witness", "survivor", "victim", "photographer", "artist", "candidate", "rapper", "filmmaker", "poet", "novelist", "economist", "expert", "adviser", "advisor", "envoy", "diplomat", "lawmaker", "teacher", "engineer", "prosecutor", "captain", "striker", "midfielder", "goalkeeper", "defender", "astronaut", "pilot", "designer", "composer", "painter", "curator", "historian", "editor", "producer", "cleric", "spokesmen", "director-general", "representative",
];

/// Words that make a name an organisation's.
static ORG_WORDS: LazyWordSet = LazyWordSet::new(|| WordSet::new(ORG_WORDS_LIST));
const ORG_WORDS_LIST: &[&str] = &[
    "Association", "Ministry", "Party", "University", "College", "School", "Institute", "Institution", "Foundation", "Company", "Corporation", "Corp", "Inc", "Ltd", "LLC", "Group", "Agency", "Council", "Committee", "Commission", "Department", "Office", "Bureau", "Organization", "Organisation", "Bank", "Court", "Police", "Army", "Navy", "Forces", "Force", "Guard", "Guards", "Union", "Federation", "League", "Club", "Society", "Times", "News", "Post", "Journal", "Herald", "Tribune", "Press", "Gazette", "Television", "TV", "Radio", "Network", "Broadcasting", "Church", "Board", "Service", "Services", "Authority", "Parliament", "Congress", "Senate", "Assembly", "Administration", "Government", "Cabinet", "Movement", "Front", "Alliance", "Coalition", "Trust", "Fund", "Airlines", "Airways", "Motors", "Systems", "Technologies", "Labs", "Laboratory", "Hospital", "Museum", "Team", "FC", "Nations", "Watch", "International", "Agency", "Academy", "Project", "Industries", "Holdings", "Media", "Records", "Studios", "Pictures", "Commissioner", "Directorate", "Secretariat", "Tribunal", "Centre", "Center", "Gallery", "Galleries", "Crescent", "Cross", "Magazine", "Weekly", "Daily",
];

/// Last words that make a name a place's.
static PLACE_WORDS: LazyWordSet = LazyWordSet::new(|| WordSet::new(PLACE_WORDS_LIST));
const PLACE_WORDS_LIST: &[&str] = &[
    "Street", "Avenue", "Road", "Boulevard", "Square", "Park", "Bridge", "River", "Lake", "Mountain", "Mountains", "Island", "Islands", "Valley", "Sea", "Ocean", "Bay", "Gulf", "Coast", "Desert", "Province", "County", "District", "Region", "City", "Village", "Town", "Airport", "Station", "Stadium", "Hall", "Palace", "Tower", "Building", "Prison", "Camp", "Border", "Peninsula", "Strait", "Canal", "Plaza", "Heights", "Hills", "Beach", "Port", "Harbor", "Harbour", "Highway", "Lane", "Marsh", "Wetland", "Forest", "Falls", "Dam", "Canyon", "Glacier", "Reserve", "Mosque", "Cathedral", "State", "Republic", "Kingdom", "Territory", "Neighbourhood", "Neighborhood", "Quarter",
];

/// Last words that make a name an event's.
static EVENT_WORDS: LazyWordSet = LazyWordSet::new(|| WordSet::new(EVENT_WORDS_LIST));
const EVENT_WORDS_LIST: &[&str] = &[
    "Festival", "Election", "Elections", "Uprising", "Summit", "Olympics", "Games", "War", "Revolution", "Cup", "Championship", "Championships", "Conference", "Expo", "Exposition", "Challenge", "Marathon", "Tournament", "Protests", "Protest", "Forum", "Awards", "Week", "Crisis", "Massacre", "Bombing", "Earthquake", "Riots", "Convention", "Fair", "Parade", "Series", "Bowl", "Biennale", "Biennial", "Spring", "Movement",
];

/// Lower-case event nouns that make an event with a capitalised word or a year before them.
static EVENT_NOUNS: LazyWordSet = LazyWordSet::new(|| WordSet::new(EVENT_NOUNS_LIST));
const EVENT_NOUNS_LIST: &[&str] = &["election", "elections", "uprising", "summit", "festival", "revolution", "war", "protests", "referendum", "championship", "olympics", "conference", "ceremony", "talks", "crisis", "games", "marathon", "tournament"];

/// Points of the compass that may stand before or after a place's name ("East Los Angeles",
/// "Kowloon West").
static COMPASS: LazyWordSet = LazyWordSet::new(|| WordSet::new(COMPASS_LIST));
const COMPASS_LIST: &[&str] = &["East", "West", "North", "South", "Southern", "Northern", "Eastern", "Western", "Central", "Greater", "Upper", "Lower", "Northeast", "Northwest", "Southeast", "Southwest"];

/// Lower-case words that join the parts of a name: those of organisations and places
/// ("Ministry of Foreign Affairs"; "the" only after another: "Daughters of the American
/// Revolution"), then the particles of people's names ("Osama bin Laden").
static CONNECTORS: LazyWordSet = LazyWordSet::new(|| WordSet::new(CONNECTORS_LIST));
const CONNECTORS_LIST: &[&str] = &["of", "for", "the", "on", "de", "del", "della", "di", "da", "du", "des", "van", "von", "der", "den", "la", "le", "bin", "ibn", "bint", "al", "el", "y"];

/// The connectors that join parts of an organisation's or a place's name.
static ORG_CONNECTORS: LazyWordSet = LazyWordSet::new(|| WordSet::new(ORG_CONNECTORS_LIST));
const ORG_CONNECTORS_LIST: &[&str] = &["of", "for", "the", "on"];

/// Finds the entities in the scanned text, in order, never overlapping.
pub fn find_entities(w: &Words) -> Vec<Mention> {
    let mut d = Detector::new(w);
    for (a, b) in find_dates(w) {
        d.in_date[a..=b].iter_mut().for_each(|x| *x = true);
        d.push(a, b, Category::Date, None, "a date");
    }
    d.events_with_nouns();
    d.names();
    d.singles();
    let mut found = std::mem::take(&mut d.found);
    found.sort_by_key(|m| (m.span.start, std::cmp::Reverse(m.span.end)));
    let mut kept: Vec<Mention> = Vec::with_capacity(found.len());
    for m in found {
        if kept.last().is_none_or(|k| k.span.end <= m.span.start) {
            kept.push(m);
        }
    }
    kept
}

/// A name run waiting for the second pass: one word that might be a surname, an acronym
/// or a repeat of a name found elsewhere.
struct Single {
    word: usize,
    sentence_start: bool,
}

struct Detector<'w> {
    w: &'w Words,
    lower: HashSet<&'w str>,
    in_date: Vec<bool>,
    found: Vec<Mention>,
    singles: Vec<Single>,
    /// Acronym -> the full name it was defined for, and its category.
    acronyms: HashMap<&'w str, (Span, Category)>,
    /// Texts of names found, with their category and first span.
    known: HashMap<&'w str, (Category, Span)>,
    /// First and last words of people's names -> the first full name they belong to.
    name_parts: HashMap<&'w str, Span>,
    /// Where people's names found so far start and end (code points).
    person_edges: HashSet<usize>,
}

impl<'w> Detector<'w> {
    fn new(w: &'w Words) -> Self {
        let lower = (0..w.len()).filter(|&i| w.is_lower(i)).map(|i| w.str(i)).collect();
        Detector { w, lower, in_date: vec![false; w.len()], found: Vec::new(), singles: Vec::new(), acronyms: HashMap::default(), known: HashMap::default(), name_parts: HashMap::default(), person_edges: HashSet::default() }
    }

    fn span(&self, a: usize, b: usize) -> Span {
        Span::new(self.w.words[a].span.start, self.w.words[b].span.end)
    }

    fn push(&mut self, a: usize, b: usize, category: Category, alias_of: Option<Span>, why: &'static str) {
        let span = self.span(a, b);
        let text = self.w.str_between(a, b);
        self.known.entry(text).or_insert((category, span));
        if category == Category::Person {
            self.person_edges.extend([span.start, span.end]);
        }
        if category == Category::Person && b > a {
            for part in [a, b].into_iter().filter(|&k| !self.w.is_acronym(k) && self.w.str(k).chars().count() > 2) {
                self.name_parts.entry(self.w.str(part)).or_insert(span);
            }
        }
        self.found.push(Mention { span, category, alias_of, why });
    }

    /// A common word at a sentence's start: "Police said" is not a name.
    fn is_common_at_start(&self, i: usize) -> bool {
        let s = self.w.str(i);
        if STOP.contains(s) {
            return true;
        }
        if !self.w.starts_sentence(i) || is_place(s) {
            return false;
        }
        let mut lowered = String::with_capacity(s.len());
        lowered.extend(s.chars().flat_map(char::to_lowercase));
        self.lower.contains(lowered.as_str())
    }

    fn may_start_name(&self, i: usize) -> bool {
        let s = self.w.str(i);
        !self.in_date[i] && (self.w.is_capitalised(i) || ((s.starts_with("al-") || s.starts_with("el-")) && s.len() > 3))
    }

    /// "the 2009 presidential election", "the Iranian uprising".
    fn events_with_nouns(&mut self) {
        let w = self.w;
        for k in 1..w.len() {
            if !EVENT_NOUNS.contains(w.str(k)) {
                continue;
            }
            let mut m = k;
            while m > 0 && k - m < 3 && w.joined_by_space(m) {
                let p = m - 1;
                if w.is_capitalised(p) && !STOP.contains(w.str(p)) || w.str(p).chars().all(|c| c.is_ascii_digit()) && w.str(p).len() == 4 {
                    let mut first = p;
                    while first > 0 && w.joined_by_space(first) && w.is_capitalised(first - 1) && !STOP.contains(w.str(first - 1)) {
                        first -= 1;
                    }
                    self.push(first, k, Category::Event, None, "an event noun after a name or a year");
                    break;
                }
                if !w.is_lower(p) || CONNECTORS.contains(w.str(p)) || STOP_LIST.iter().any(|s| s.eq_ignore_ascii_case(w.str(p))) {
                    break;
                }
                m = p;
            }
        }
    }

    /// First pass: capitalised runs of two or more words, and single words with a sign.
    fn names(&mut self) {
        let w = self.w;
        let n = w.len();
        let mut i = 0;
        while i < n {
            if !self.may_start_name(i) {
                i += 1;
                continue;
            }
            let mut j = i;
            loop {
                let k = j + 1;
                if k < n && w.joined_by_space(k) && self.may_start_name(k) && !STOP.contains(w.str(k)) && !(w.str(j).ends_with('.') && w.str(j).len() > 2 && w.starts_sentence_strictly(k)) {
                    j = k;
                    continue;
                }
                let mut c = k;
                while c < n && c < k + 2 && w.joined_by_space(c) && CONNECTORS.contains(w.str(c)) && (c > k || w.str(c) != "the") {
                    c += 1;
                }
                // Two places are not one name ("Washington for South Korea"), nor a
                // person and an organisation ("Ingrid Solberg of the Northern Institute").
                let person_like = j > i && !self.has_sign(i, j);
                if c > k && c < n && w.joined_by_space(c) && self.may_start_name(c) && !is_place(w.str_between(i, j)) && !person_like {
                    j = c;
                    continue;
                }
                break;
            }
            self.run(i, j, false);
            i = j + 1;
        }
    }

    /// Classifies the run of words `a..=b`.
    fn run(&mut self, mut a: usize, b: usize, after_title: bool) {
        let w = self.w;
        // A title inside the run splits it: "U.S. President Donald Trump".
        if let Some(t) = (a..b).rev().find(|&t| is_title(w.str(t)) && !CONNECTORS.contains(w.str(t + 1))) {
            let mut before = t;
            while before > a && TITLE_MODIFIERS.contains(w.str(before - 1)) {
                before -= 1;
            }
            if before > a {
                self.run(a, before - 1, false);
            }
            return self.run(t + 1, b, true);
        }
        while a <= b && (STOP.contains(w.str(a)) || CONNECTORS.contains(w.str(a)) || (a == b || !self.has_sign(a, b)) && self.is_common_at_start(a)) {
            a += 1;
        }
        let mut b = b;
        while b > a && (STOP.contains(w.str(b)) || TITLES.contains(w.str(b))) {
            b -= 1;
        }
        if a > b || (a == b && TITLES.contains(w.str(a))) {
            return;
        }
        let text = w.str_between(a, b);
        let last = w.str(b);
        let single = a == b;
        let has_connector = (a..=b).any(|k| ORG_CONNECTORS.contains(w.str(k)));
        let role_before = a > 0 && w.joined_by_space(a) && ROLES.contains(w.str(a - 1));
        let cue_after = b + 1 < w.len() && w.joined_by_space(b + 1) && super::speakers::is_cue(w.str(b + 1));
        let (category, why) = if is_place(text) {
            (Category::Place, "in the gazetteer of places")
        } else if after_title {
            (Category::Person, "a name after a title")
        } else if !single && COMPASS.contains(w.str(a)) && (is_place(w.str_between(a + 1, b)) || is_place(last)) || !single && COMPASS.contains(last) && is_place(w.str_between(a, b - 1)) {
            (Category::Place, "a place with a point of the compass")
        } else if !single && ((a + 1..=b).any(|k| EVENT_WORDS.contains(w.str(k))) && !(a..=b).any(|k| ORG_WORDS.contains(w.str(k)))) {
            (Category::Event, "a name ending in an event word")
        } else if (a..=b).any(|k| ORG_WORDS.contains(w.str(k))) && !single {
            (Category::Organization, "a name with an organisation word")
        } else if !single && (PLACE_WORDS.contains(last) || matches!(w.str(a), "Mount" | "Lake")) {
            (Category::Place, "a name with a place word")
        } else if role_before {
            (Category::Person, "a name after a role")
        } else if single {
            self.singles.push(Single { word: a, sentence_start: w.starts_sentence(a) });
            return;
        } else if (a..=b).all(|k| w.is_acronym(k)) {
            (Category::Organization, "an acronym")
        } else if has_connector {
            (Category::Organization, "a name with connectors")
        } else if cue_after || !is_month(w.str(a)) && !is_weekday(w.str(a)) {
            (Category::Person, "a name of two or more words")
        } else {
            return;
        };
        self.push(a, b, category, None, why);
        // "Full Name (ACRONYM)"
        if b + 1 < w.len() && w.gap_before(b + 1) == " (" && w.is_acronym(b + 1) && w.gap_after(b + 1).starts_with(')') {
            let acronym = w.str(b + 1);
            let full = self.span(a, b);
            self.acronyms.entry(acronym).or_insert((full, category));
        }
    }

    /// True if the run `a..=b` carries a sign that it is a name despite a common first word.
    fn has_sign(&self, a: usize, b: usize) -> bool {
        let w = self.w;
        (a..=b).any(|k| ORG_WORDS.contains(w.str(k))) || EVENT_WORDS.contains(w.str(b)) || is_place(w.str_between(a, b))
    }

    /// Second pass: single capitalised words, now that every longer name is known.
    fn singles(&mut self) {
        let singles = std::mem::take(&mut self.singles);
        // Datelines name places: "HALDEN — …" makes "Halden" a place everywhere.
        let datelines: HashSet<String> = singles.iter().filter(|s| self.is_dateline(s.word)).map(|s| self.w.str(s.word).to_uppercase()).collect();
        for Single { word, sentence_start } in singles {
            let w = self.w;
            let s = w.str(word);
            if datelines.contains(&s.to_uppercase()) {
                self.push(word, word, Category::Place, None, "a place named in the dateline");
                continue;
            }
            let cue_after = word + 1 < w.len() && w.joined_by_space(word + 1) && super::speakers::is_cue(w.str(word + 1));
            if let Some(&(full, category)) = self.acronyms.get(s) {
                self.push(word, word, category, Some(full), "an acronym defined in the text");
            } else if let Some(&full) = self.name_parts.get(s) {
                self.push(word, word, Category::Person, Some(full), "part of a person's name found in the text");
            } else if let Some(&(category, first)) = self.known.get(s).filter(|(c, _)| !(w.is_acronym(word) && *c == Category::Person)) {
                let _ = first;
                self.push(word, word, category, None, "a name found elsewhere in the text");
            } else if w.is_acronym(word) {
                match self.near_acronym(s) {
                    Some((full, category, _)) => self.push(word, word, category, Some(full), "one letter off an acronym defined in the text"),
                    None => self.push(word, word, Category::Organization, None, "an acronym"),
                }
            } else if sentence_start && (self.is_common_at_start(word) || ORG_WORDS.contains(s)) {
                continue; // "Police reported no arrests."
            } else if self.is_dateline(word) || self.after_place_word(word) {
                self.push(word, word, Category::Place, None, "a place: a dateline, or after “in”, “near” or “village of”");
            } else if self.next_to_person(word) {
                self.push(word, word, Category::Person, None, "a name joined by “and” to a person's");
            } else if cue_after {
                self.push(word, word, Category::Organization, None, "a name before a speech verb");
            } else if !sentence_start && !looks_like_demonym_or_plural(s) {
                self.push(word, word, Category::Organization, None, "a capitalised word inside a sentence");
            }
        }
    }

    /// "HALDEN — …": a capitalised word opening a paragraph, before a dash.
    fn is_dateline(&self, k: usize) -> bool {
        let w = self.w;
        (k == 0 || w.gap_before(k).contains('\n')) && w.is_acronym(k) && w.gap_after(k).trim_start().starts_with(['—', '–', '-'])
    }

    /// "in Halden", "near Shiraz", "the village of Eikeland".
    fn after_place_word(&self, k: usize) -> bool {
        let w = self.w;
        k >= 1 && w.joined_by_space(k) && (matches!(w.str(k - 1), "in" | "near" | "outside") || k >= 2 && w.str(k - 1) == "of" && matches!(w.str(k - 2), "village" | "city" | "town" | "province" | "region" | "district" | "capital"))
    }

    /// "Aksel and Hedda Brun": next to a person's name across "and".
    fn next_to_person(&self, k: usize) -> bool {
        let w = self.w;
        let person_at = |j: usize| self.person_edges.contains(&w.words[j].span.start) || self.person_edges.contains(&w.words[j].span.end);
        (k + 2 < w.len() && w.str(k + 1) == "and" && person_at(k + 2)) || (k >= 2 && w.str(k - 1) == "and" && person_at(k - 2))
    }

    /// A defined acronym one edit (a letter changed, added, dropped or two swapped) from `s`.
    fn near_acronym(&self, s: &str) -> Option<(Span, Category, &'w str)> {
        self.acronyms.iter().find(|(def, _)| s.len() >= 3 && one_edit_apart(s, def)).map(|(def, &(full, c))| (full, c, *def))
    }
}

/// The word lists `word` is in, by short names, for the tagger's features: "stop",
/// "title", "title-mod", "role", "org", "place", "event", "event-noun", "compass", "conn".
pub fn word_lists(word: &str) -> impl Iterator<Item = &'static str> + '_ {
    let lists: [(&'static LazyWordSet, &'static str); 10] = [(&STOP, "stop"), (&TITLES, "title"), (&TITLE_MODIFIERS, "title-mod"), (&ROLES, "role"), (&ORG_WORDS, "org"), (&PLACE_WORDS, "place"), (&EVENT_WORDS, "event"), (&EVENT_NOUNS, "event-noun"), (&COMPASS, "compass"), (&CONNECTORS, "conn")];
    lists.into_iter().filter(move |(set, _)| set.contains(word)).map(|(_, name)| name)
}

/// True for a title ("President") or a capitalised role ("Goalkeeper").
fn is_title(s: &str) -> bool {
    TITLES.contains(s) || s.chars().next().is_some_and(char::is_uppercase) && s.len() < 20 && ROLES.contains(s.to_lowercase().as_str())
}

/// True for "Afghan", "Iranian", "Chinese", "Pakistani", "Muslims": words that name a
/// people or a plural, not an organisation.
fn looks_like_demonym_or_plural(s: &str) -> bool {
    ["an", "ans", "ese", "ish", "i", "is", "s"].iter().any(|e| s.ends_with(e))
}

/// True if `a` and `b` differ by exactly one edit: a substitution, an insertion, a
/// deletion or a swap of two neighbours.
pub fn one_edit_apart(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a == b {
        return false;
    }
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..].iter().rev().zip(b[prefix..].iter().rev()).take_while(|(x, y)| x == y).count();
    let (ra, rb) = (a.len() - prefix - suffix.min(a.len() - prefix), b.len() - prefix - suffix.min(b.len() - prefix));
    match (ra, rb) {
        (1, 1) | (0, 1) | (1, 0) => true,
        (2, 2) => a[prefix] == b[prefix + 1] && a[prefix + 1] == b[prefix],
        _ => false,
    }
}
