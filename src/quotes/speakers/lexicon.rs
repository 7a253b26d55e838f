//! The word lists that speaker finding reads: `data/lexicon/source_words.txt`
//! (roles, groups, documents) and the short closed lists of function words.

use super::*;

pub(super) const SOURCE_WORDS: &str = include_str!("../../../data/lexicon/source_words.txt");

/// Word lists that describe sources.
pub struct Words {
    pub(super) roles: FnvMap<String, String>,
    pub(super) affiliations: FnvSet<String>,
    pub(super) documents: FnvSet<String>,
    pub(super) titles: WordSet,
    pub(super) orgs: WordSet,
}

/// The parsed source word lists.
pub fn words() -> &'static Words {
    static W: OnceLock<Words> = OnceLock::new();
    W.get_or_init(|| {
        let mut w = Words {
            roles: FnvMap::default(),
            affiliations: FnvSet::default(),
            documents: FnvSet::default(),
            titles: WordSet::new(),
            orgs: WordSet::new(),
        };
        let mut section = String::new();
        for line in SOURCE_WORDS.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(s) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                section = s.to_string();
                continue;
            }
            // Multi-word entries compare against their last word.
            let key = |s: &str| s.split_whitespace().last().unwrap_or_default().to_lowercase();
            match section.as_str() {
                "role" => {
                    let (k, v) = line.split_once('=').unwrap_or((line, line));
                    w.roles.insert(key(k), v.trim().to_string());
                }
                "affiliation" => {
                    w.affiliations.insert(key(line));
                }
                "document" => {
                    w.documents.insert(key(line));
                }
                "title" => {
                    w.titles.insert(&key(line));
                }
                "org" => {
                    w.orgs.insert(&key(line));
                }
                _ => {}
            }
        }
        w
    })
}

/// Lower-case particles inside names ("al-Sudani", "bin Salman", "de la").
pub(super) const PARTICLES: &[&str] =
    &["al", "el", "bin", "ibn", "abu", "de", "da", "di", "du", "van", "von", "der", "la", "le", "del"];

/// Pronouns that can be speakers.
pub const PRONOUNS: &[&str] = &["he", "she", "they", "it", "we", "i"];

/// Words that start a modifier chunk, never a subject ("from groups ...").
pub(super) const MODIFIER_STARTS: &[&str] = &[
    "who",
    "which",
    "whose",
    "whom",
    "from",
    "including",
    "in",
    "with",
    "of",
    "at",
    "based",
    "speaking",
    "for",
    "on",
    "citing",
    "according",
    "after",
    "before",
    "during",
    "as",
    "like",
    "such",
    "meanwhile",
    "however",
    "though",
    "too",
    "also",
    "instead",
    "separately",
    "nonetheless",
    "moreover",
    "likewise",
    "similarly",
    "still",
    "now",
    "then",
    "later",
    "earlier",
    "again",
    "asked",
];

/// Words that close a clause's left edge when scanning back for a subject.
pub(super) const CLAUSE_STOPS: &[&str] = &[
    "while", "although", "though", "because", "if", "when", "whereas", "but", "that", "whether", "so", "yet", "until",
    "unless",
];

/// Subordinators that make the cue's clause end at the next comma.
pub const SUBORDINATORS: &[&str] = &["while", "although", "though", "because", "if", "when", "whereas"];

/// Auxiliaries and adverbs between a subject and its cue ("has also said").
pub(super) const AUX: &[&str] =
    &["has", "have", "had", "also", "later", "then", "again", "earlier", "once", "since", "previously"];

/// Words that end a noun phrase after an inverted cue ("said Smith on ...").
pub(super) const NP_STOPS: &[&str] = &[
    "who",
    "which",
    "that",
    "speaking",
    "talking",
    "on",
    "during",
    "last",
    "when",
    "while",
    "because",
    "after",
    "before",
    "in",
    "told",
    "adding",
    "saying",
    "as",
    "this",
    "yesterday",
    "today",
    "tonight",
    "earlier",
    "late",
];


/// Day and month names: capitalised, never a speaker's name.
pub(super) fn is_date_word(w: &str) -> bool {
    matches!(
        w,
        "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "january"
            | "february"
            | "march"
            | "april"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
    )
}

/// The office a title word names, so "Sen." and "the senator" agree.
pub(super) fn office_of(word: &str) -> Option<&'static str> {
    Some(match word {
        "sen." | "senator" => "senator",
        "rep." | "representative" | "congressman" | "congresswoman" | "lawmaker" => "representative",
        "gov." | "governor" => "governor",
        "president" => "president",
        "mayor" => "mayor",
        "judge" => "judge",
        "secretary" => "secretary",
        "minister" => "minister",
        "gen." | "general" => "general",
        "chairman" | "chairwoman" | "chair" => "chair",
        "ambassador" => "ambassador",
        "candidate" => "candidate",
        "nominee" => "nominee",
        "sheriff" => "sheriff",
        "spokesman" | "spokeswoman" | "spokesperson" => "spokesman",
        "speaker" => "speaker",
        "superintendent" => "superintendent",
        "commissioner" => "commissioner",
        "prosecutor" => "prosecutor",
        "coach" => "coach",
        _ => return None,
    })
}
