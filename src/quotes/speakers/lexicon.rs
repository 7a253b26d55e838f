//! The word lists that speaker finding reads: `data/lexicon/source_words.txt`
//! (roles, groups, documents), and the day and month names and offices it
//! matches on. Its closed lists of function words are in
//! `data/lexicon/quote_words.txt`, read by `quotes::words`.

use super::*;

pub(super) const SOURCE_WORDS: &str = include_str!("../../../data/lexicon/source_words.txt");

/// Word lists that describe sources.
pub struct Words {
    pub(super) roles: FastMap<String, String>,
    pub(super) affiliations: FastSet<String>,
    pub(super) documents: FastSet<String>,
    pub(super) titles: WordSet,
    pub(super) orgs: WordSet,
}

/// The parsed source word lists.
pub fn words() -> &'static Words {
    static W: OnceLock<Words> = OnceLock::new();
    W.get_or_init(|| {
        let mut w = Words {
            roles: FastMap::default(),
            affiliations: FastSet::default(),
            documents: FastSet::default(),
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
