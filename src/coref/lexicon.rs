//! The word lists coref needs: places (countries, capitals, demonyms), given
//! names with their usual sex, speech and action verbs, titles.
//!
//! Places and names come from `data/gen/coref/*.tsv`, small cuts of the shared
//! gazetteers made by `data/gen/coref/build.py` (GeoNames CC BY 4.0, hand lists
//! CC0, US SSA names public domain). They are parsed once, on first use, into
//! hash maps keyed by the surface form, so every lookup is O(1) and nothing is
//! built for a text that has no entities. The verb and title lists are short
//! closed classes in `data/lexicon/coref_words.txt` (CC0), read once each;
//! the speech verbs are the quotes layer's cue words.

use std::sync::OnceLock;

pub use crate::doc::Gender;
use crate::text::words::lower_ascii_into;

const PLACES_TSV: &str = include_str!("../../data/gen/coref/places.tsv");
const GIVEN_NAMES_TSV: &str = include_str!("../../data/gen/coref/given_names.tsv");
const COREF_WORDS: &str = include_str!("../../data/lexicon/coref_words.txt");

/// The words of section `name` of `data/lexicon/coref_words.txt`, in the
/// file's order (the callers build their sets and maps from them once).
fn section(name: &str) -> Vec<&'static str> {
    let mut words = Vec::new();
    let mut inside = false;
    for line in COREF_WORDS.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(s) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            inside = s == name;
        } else if inside {
            words.extend(line.split_whitespace());
        }
    }
    words
}

/// What a place name is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlaceKind {
    /// A country name or a short form of one ("US", "Britain").
    Country,
    /// A national capital ("Baghdad").
    Capital,
    /// A nationality adjective or noun ("Iraqi", "Iraqis").
    Demonym,
}

/// A place-name entry: kind and the country it belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Place {
    /// Country, capital or demonym.
    pub kind: PlaceKind,
    /// ISO 3166 two-letter code.
    pub iso2: &'static str,
    /// The country's GeoNames name ("United States").
    pub country: &'static str,
}

fn places() -> &'static FastMap<Place> {
    static PLACES: OnceLock<FastMap<Place>> = OnceLock::new();
    PLACES.get_or_init(|| {
        let mut map: FastMap<Place> = FastMap::with_capacity_and_hasher(PLACES_TSV.len() / 24, Default::default());
        for line in PLACES_TSV.lines().filter(|l| !l.starts_with('#')) {
            let mut cols = line.split('\t');
            let (Some(form), Some(kind), Some(iso2), Some(country)) =
                (cols.next(), cols.next(), cols.next(), cols.next())
            else {
                continue;
            };
            let kind = match kind {
                "country" => PlaceKind::Country,
                "capital" => PlaceKind::Capital,
                _ => PlaceKind::Demonym,
            };
            let place = Place { kind, iso2, country };
            // A form that is both a country and its capital (Singapore,
            // Kuwait) is read as the country.
            map.entry(form)
                .and_modify(|p| {
                    if kind == PlaceKind::Country {
                        *p = place
                    }
                })
                .or_insert(place);
        }
        map
    })
}

/// The place named exactly `form` ("U.S.", "Baghdad", "Iraqi"). Tries the
/// form as written, without a leading "the ", and in title case for
/// all-caps datelines ("BAGHDAD").
pub fn place(form: &str) -> Option<Place> {
    let map = places();
    let form = form
        .strip_prefix("the ")
        .or_else(|| form.strip_prefix("The "))
        .unwrap_or(form);
    if let Some(p) = map.get(form) {
        return Some(*p);
    }
    if form.contains('\u{2019}') {
        let straight = form.replace('\u{2019}', "'");
        if let Some(p) = map.get(straight.as_str()) {
            return Some(*p);
        }
    }
    if form.len() > 3 && form.chars().all(|c| !c.is_lowercase()) {
        let titled = title_case(form);
        return map.get(titled.as_str()).copied();
    }
    None
}

fn title_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut start = true;
    for c in s.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        start = !c.is_alphanumeric() && c != '\'' && c != '\u{2019}';
    }
    out
}

/// The usual sex of a given name ("Maria" -> Female), when the SSA list is
/// at least 90% sure and the name is common enough to be listed.
pub fn given_name_gender(name: &str) -> Option<Gender> {
    static NAMES: OnceLock<FastMap<Gender>> = OnceLock::new();
    let map = NAMES.get_or_init(|| {
        GIVEN_NAMES_TSV
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let (n, s) = l.split_once('\t')?;
                Some((n, if s == "F" { Gender::Female } else { Gender::Male }))
            })
            .collect()
    });
    map.get(name).copied()
}

/// Gender shown by an honorific ("Mr." -> Male), if any.
pub fn honorific_gender(word: &str) -> Option<Gender> {
    let w = word.trim_end_matches('.');
    static H: OnceLock<[Vec<&'static str>; 2]> = OnceLock::new();
    let [male, female] = H.get_or_init(|| [section("honorific_male"), section("honorific_female")]);
    if male.iter().any(|m| m.eq_ignore_ascii_case(w)) {
        Some(Gender::Male)
    } else if female.iter().any(|m| m.eq_ignore_ascii_case(w)) {
        Some(Gender::Female)
    } else {
        None
    }
}


/// Whether `word` is a title or role word that is not part of a name.
pub fn is_title(word: &str) -> bool {
    // A set lookup, not a scan of the list: this runs for most capitalised
    // words before a name. The titles are lower-case ASCII, so a word that
    // is not ASCII, or longer than any title, is none of them.
    static S: OnceLock<WordSet> = OnceLock::new();
    let mut buf = [0u8; 24];
    lower_ascii_into(word.trim_end_matches('.'), &mut buf).is_some_and(|w| S.get_or_init(|| set("titles")).contains(w))
}

/// A set of words hashed with [`FastHasher`].
pub type WordSet = crate::hash::FastSet<&'static str>;

/// A map keyed by a word of a compiled-in table, hashed with [`FastHasher`]
/// (SipHash costs more and these keys are not attacker-chosen in any way
/// that matters).
type FastMap<V> = crate::hash::FastMap<&'static str, V>;

/// The words of section `name` of `coref_words.txt`, as a set.
fn set(name: &str) -> WordSet {
    section(name).into_iter().collect()
}

/// Whether `word` (lower case) is a verb of saying ([`speech_verbs`]).
pub fn is_speech_verb(lower: &str) -> bool {
    let b = lower.as_bytes();
    if !(3..=12).contains(&b.len()) {
        return false;
    }
    // A first-and-last-letter filter before hashing: most words of a text
    // ("the", "and", "of") fail it, and this runs once per word.
    static PAIRS: OnceLock<[u32; 26]> = OnceLock::new();
    let pairs = PAIRS.get_or_init(|| {
        let mut m = [0u32; 26];
        for v in speech_verbs() {
            let v = v.as_bytes();
            if let (Some(f), Some(l)) = (v.first(), v.last()) {
                m[usize::from(f - b'a') % 26] |= 1 << ((l - b'a') % 26);
            }
        }
        m
    });
    let (f, l) = (b[0], b[b.len() - 1]);
    if !f.is_ascii_lowercase() || !l.is_ascii_lowercase() || pairs[usize::from(f - b'a')] & (1 << (l - b'a')) == 0 {
        return false;
    }
    static S: OnceLock<WordSet> = OnceLock::new();
    S.get_or_init(|| speech_verbs().collect()).contains(lower)
}

/// Verbs of saying: the one-word entries of the speech-cue lexicon
/// (`data/lexicon/speech_cues.txt`, every section), the list the quote
/// layer finds its cues in, so that the two layers agree on what marks a
/// speaker.
fn speech_verbs() -> impl Iterator<Item = &'static str> {
    crate::quotes::cues::cue_words()
}


/// Whether `lower` is a verb a capital-as-government can be the subject of.
pub fn is_government_verb(lower: &str) -> bool {
    static S: OnceLock<WordSet> = OnceLock::new();
    is_speech_verb(lower) || S.get_or_init(|| set("action_verbs")).contains(lower)
}

/// Verbs whose object is an addressee ("told Baghdad", "warned Tehran").
pub fn is_addressee_verb(lower: &str) -> bool {
    // A match, which the compiler splits by length first, not a scan.
    matches!(
        lower,
        "told"
            | "tells"
            | "tell"
            | "warned"
            | "warns"
            | "warn"
            | "urged"
            | "urges"
            | "urge"
            | "pressed"
            | "presses"
            | "press"
            | "asked"
            | "asks"
            | "ask"
            | "informed"
            | "informs"
            | "inform"
            | "accused"
            | "accuses"
            | "criticized"
            | "criticised"
            | "criticizes"
            | "criticises"
            | "threatened"
            | "threatens"
            | "pressured"
            | "pressures"
            | "assured"
            | "assures"
            | "reassured"
            | "notified"
            | "notifies"
            | "sanctioned"
            | "sanctions"
            | "condemned"
            | "condemns"
            | "blamed"
            | "blames"
            | "joined"
            | "joins"
            | "persuaded"
            | "convinced"
            | "reminded"
            | "advised"
    )
}

/// Auxiliaries and adverbs that may stand between a subject and its verb
/// ("he also said", "Washington has told").
pub fn is_aux_or_adverb(lower: &str) -> bool {
    // A match, which the compiler splits by length first, not a scan.
    matches!(
        lower,
        "has"
            | "have"
            | "had"
            | "also"
            | "later"
            | "then"
            | "previously"
            | "earlier"
            | "further"
            | "again"
            | "would"
            | "will"
            | "was"
            | "is"
            | "repeatedly"
            | "once"
            | "publicly"
            | "privately"
            | "separately"
            | "recently"
            | "first"
            | "already"
            | "reportedly"
            | "allegedly"
            | "quickly"
            | "flatly"
            | "firmly"
            | "long"
            | "since"
            | "now"
            | "still"
            | "too"
            | "subsequently"
            | "immediately"
            | "often"
            | "never"
            | "did"
            | "does"
            | "do"
            | "not"
    )
}

/// Prepositions (and conjunctions) after which a name is not a subject.
pub fn is_preposition(lower: &str) -> bool {
    // A match, which the compiler splits by length first, not a scan.
    matches!(
        lower,
        "in"
            | "of"
            | "to"
            | "with"
            | "from"
            | "between"
            | "for"
            | "by"
            | "on"
            | "at"
            | "against"
            | "near"
            | "about"
            | "over"
            | "into"
            | "across"
            | "under"
            | "through"
            | "toward"
            | "towards"
            | "after"
            | "before"
            | "during"
            | "than"
            | "like"
            | "including"
            | "and"
            | "or"
            | "among"
            | "amid"
            | "within"
            | "without"
            | "via"
            | "per"
            | "behind"
            | "beyond"
            | "around"
    )
}

/// Nouns for unnamed speakers ("a US official said", "officials said"):
/// `Some(true)` when plural.
pub fn speaker_description(lower: &str) -> Option<bool> {
    // One hash lookup instead of a scan of a hundred words: this runs for
    // the word before every "was", "were", "has", ... and around every
    // speech verb. Singular is inserted last, so it wins as in the scan.
    static M: OnceLock<FastMap<bool>> = OnceLock::new();
    M.get_or_init(|| {
        section("speaker_plural")
            .into_iter()
            .map(|w| (w, true))
            .chain(section("speaker_singular").into_iter().map(|w| (w, false)))
            .collect()
    })
    .get(lower)
    .copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_section_of_coref_words_is_there_and_lower_case() {
        for name in
            ["honorific_male", "honorific_female", "titles", "action_verbs", "speaker_plural", "speaker_singular"]
        {
            let words = section(name);
            assert!(!words.is_empty(), "coref_words.txt: no [{name}]");
            assert!(words.iter().all(|w| w.to_lowercase() == *w), "coref_words.txt: upper case in [{name}]");
        }
        assert_eq!(honorific_gender("Mrs."), Some(Gender::Female));
        assert_eq!(honorific_gender("SIR"), Some(Gender::Male));
        assert_eq!(speaker_description("officials"), Some(true));
        assert_eq!(speaker_description("official"), Some(false));
    }

    #[test]
    fn titles_match_in_any_ascii_case_as_the_list_scan_did() {
        // The set lookup lower-cases the word into 24 bytes: it agrees with
        // a case-insensitive scan only if every title is short lower-case ASCII.
        let titles = section("titles");
        assert!(titles.iter().all(|t| t.len() <= 24 && t.is_ascii() && t.to_ascii_lowercase() == *t));
        for w in ["Mr.", "MRS", "dr", "President", "president.", "Smith", "Ms\u{e9}", "", "."] {
            let scan = titles.iter().any(|t| t.eq_ignore_ascii_case(w.trim_end_matches('.')));
            assert_eq!(is_title(w), scan, "{w}");
        }
    }
}
