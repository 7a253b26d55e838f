//! Name keys: the normalized strings under which mentions meet.
//!
//! Matching is by hash-map lookup on keys, never by comparing each mention
//! with every other, so coref stays linear in the number of mentions. A
//! person yields a full key, a surname key and a given-name key; an
//! organisation a full key (without "the" and company suffixes), its first
//! word (for short forms such as "Activision" for "Activision Blizzard") and
//! its initials (so "FTC" finds "Federal Trade Commission" even when the
//! text never spells the acronym out in parentheses).

use super::lexicon;

/// Lower case, curly apostrophes folded, trailing possessive dropped.
pub fn fold(text: &str) -> String {
    let mut s = String::new();
    fold_into(text, &mut s);
    s
}

/// [`fold`] into `s` (cleared first), so that a caller looking a name up
/// allocates nothing unless it keeps the key.
pub fn fold_into(text: &str, s: &mut String) {
    s.clear();
    fold_onto(text, s);
}

/// [`fold`], appended to `s` (after a key's prefix).
pub fn fold_onto(text: &str, s: &mut String) {
    let start = s.len();
    if text.is_ascii() {
        s.push_str(text);
        if let Some(tail) = s.get_mut(start..) {
            tail.make_ascii_lowercase();
        }
        if text.contains('`') {
            let tail = s.split_off(start).replace('`', "'");
            s.push_str(&tail);
        }
    } else {
        s.extend(fold_unicode(text));
    }
    for suffix in ["'s", "'"] {
        if s.len() - start > suffix.len() + 1 && s.ends_with(suffix) {
            s.truncate(s.len() - suffix.len());
            break;
        }
    }
}

fn fold_unicode(text: &str) -> impl Iterator<Item = char> + '_ {
    text.chars()
        .map(|c| match c {
            '\u{2019}' | '\u{2018}' | '`' => '\'',
            '\u{2010}' | '\u{2011}' => '-',
            c => c,
        })
        .flat_map(char::to_lowercase)
}

/// The words of a folded name, without a leading "the".
pub fn words(folded: &str) -> Vec<&str> {
    let mut w: Vec<&str> = folded.split_whitespace().collect();
    if w.len() > 1 && w[0] == "the" {
        w.remove(0);
    }
    w
}

/// Arabic and similar particles that open a surname ("al-Sudani", "el-Masry").
fn strip_particle(word: &str) -> &str {
    for p in [
        "al-",
        "el-",
        " al\u{2011}",
        "ad-",
        "as-",
        "ash-",
        "at-",
        "az-",
        "ar-",
        "an-",
        "ul-",
    ] {
        if let Some(rest) = word.strip_prefix(p)
            && !rest.is_empty()
        {
            return rest;
        }
    }
    word
}

/// A person's name split for matching.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PersonName {
    /// All name words (titles removed, particles removed), joined by spaces.
    pub full: String,
    /// The last name word, particle removed ("sudani").
    pub surname: String,
    /// The first name word if the name has two or more words and it is not an initial.
    pub given: Option<String>,
    /// The first name word in its written case, for the given-names table.
    pub given_cased: Option<String>,
    /// How many name words.
    pub len: usize,
    /// A gender shown by an honorific inside the mention ("Mr. Smith").
    pub honorific: Option<lexicon::Gender>,
}

/// Splits a person mention into name parts; `None` if nothing is left
/// after titles.
pub fn person(text: &str) -> Option<PersonName> {
    let folded = fold(text);
    let mut ws: Vec<&str> = folded.split_whitespace().collect();
    // The given name in its written case comes from the words as written
    // when folding kept their number, else from the folded ones; read
    // where needed rather than kept as a second list.
    let written = text.split_whitespace().count() == ws.len();
    // Leading titles are skipped by index, trailing suffixes popped.
    let mut first = 0;
    let mut honorific = None;
    while ws.len() - first > 1 && lexicon::is_title(ws[first]) {
        honorific = honorific.or(lexicon::honorific_gender(ws[first]));
        first += 1;
    }
    while ws.len() - first > 1 {
        let last = ws[ws.len() - 1].trim_end_matches('.');
        if matches!(last, "jr" | "sr" | "ii" | "iii" | "iv") || last.is_empty() {
            ws.pop();
        } else {
            break;
        }
    }
    let ws = ws.get(first..)?;
    let last = ws.last()?;
    let surname = strip_particle(last.trim_end_matches(',')).to_string();
    let mut full = String::with_capacity(folded.len());
    for (k, w) in ws.iter().enumerate() {
        if k > 0 {
            full.push(' ');
        }
        full.push_str(strip_particle(w));
    }
    let given = if ws.len() >= 2 && !is_initial(ws[0]) {
        Some(ws[0].to_string())
    } else {
        None
    };
    let given_cased = if given.is_some() {
        if written {
            text.split_whitespace().nth(first).map(str::to_string)
        } else {
            ws.first().map(|s| s.to_string())
        }
    } else {
        None
    };
    Some(PersonName {
        full,
        surname,
        given,
        given_cased,
        len: ws.len(),
        honorific,
    })
}

fn is_initial(word: &str) -> bool {
    let w = word.trim_end_matches('.');
    w.chars().count() == 1
}

/// Whether a word as written is a company suffix ("Co.", "Inc").
pub fn is_company_suffix_word(word: &str) -> bool {
    let mut buf = [0u8; 24];
    // Not ASCII: no suffix, whose letters are all ASCII, matches it.
    word.len() <= 12 && crate::text::words::lower_ascii_into(word, &mut buf).is_some_and(is_company_suffix)
}

/// Company suffixes dropped from organisation keys ("Boeing Co." = "Boeing").
fn is_company_suffix(word: &str) -> bool {
    matches!(
        word.trim_end_matches('.').trim_end_matches(','),
        "inc"
            | "corp"
            | "co"
            | "ltd"
            | "llc"
            | "plc"
            | "company"
            | "corporation"
            | "incorporated"
            | "limited"
            | "group"
            | "holdings"
            | "ag"
            | "sa"
            | "s.a"
            | "nv"
            | "n.v"
            | "gmbh"
            | "spa"
            | "lp"
            | "llp"
    )
}

/// Head words too generic to stand for an organisation on their own.
fn is_generic_org_word(word: &str) -> bool {
    matches!(
        word,
        "bank"
            | "ministry"
            | "department"
            | "party"
            | "national"
            | "united"
            | "general"
            | "international"
            | "new"
            | "american"
            | "islamic"
            | "central"
            | "federal"
            | "royal"
            | "state"
            | "university"
            | "council"
            | "supreme"
            | "army"
            | "kataib"
            | "harakat"
            | "hizb"
            | "jaish"
            | "liwa"
            | "asaib"
            | "saraya"
            | "ansar"
            | "popular"
            | "democratic"
            | "republican"
            | "people's"
            | "peoples"
            | "north"
            | "south"
            | "east"
            | "west"
            | "world"
            | "european"
            | "african"
            | "arab"
            | "first"
            | "the"
            | "al"
            | "global"
            | "social"
    )
}

/// Keys of an organisation (or other non-person, non-place) mention: the
/// full key first, then an alternative without a possessor ("iran's
/// revolutionary guards" -> "revolutionary guards"), if any.
pub fn org_keys(text: &str) -> (String, Option<String>) {
    let folded = fold(text);
    let mut ws = words(&folded);
    while ws.len() > 1 && ws.last().is_some_and(|w| is_company_suffix(w)) {
        ws.pop();
    }
    let full = ws.join(" ");
    let alt = if ws.len() > 1 && (ws[0].ends_with("'s") || ws[0].ends_with("s'")) {
        Some(ws[1..].join(" "))
    } else {
        None
    };
    (full, alt)
}

/// The first word of a multi-word organisation key, if it can stand alone.
pub fn org_short_form(full_key: &str) -> Option<&str> {
    let mut it = full_key.split(' ');
    let first = it.next()?;
    it.next()?;
    if is_generic_org_word(first) || first.len() < 3 || lexicon::place(first).is_some() {
        return None;
    }
    Some(first)
}

/// `text` without trailing company suffixes ("General Motors Co." ->
/// "General Motors"), for initials.
pub fn without_company_suffix(text: &str) -> &str {
    let mut t = text.trim_end();
    while let Some((head, last)) = t.rsplit_once(' ') {
        let mut buf = [0u8; 24];
        let suffix = match crate::text::words::lower_ascii_into(last, &mut buf) {
            Some(lower) => is_company_suffix(lower),
            None => is_company_suffix(&last.to_lowercase()),
        };
        if suffix {
            t = head.trim_end_matches(',').trim_end();
        } else {
            break;
        }
    }
    t
}

/// The head word of a multi-word organisation name when it is a generic
/// institution word that news uses alone for it ("European Commission" ->
/// "commission": "the Commission said").
pub fn org_head(full_key: &str) -> Option<&str> {
    let (_, last) = full_key.rsplit_once(' ')?;
    matches!(
        last,
        "commission"
            | "council"
            | "parliament"
            | "court"
            | "ministry"
            | "party"
            | "agency"
            | "bank"
            | "department"
            | "union"
            | "assembly"
            | "congress"
            | "senate"
            | "tribunal"
            | "authority"
            | "board"
            | "committee"
            | "federation"
            | "alliance"
            | "coalition"
            | "movement"
            | "front"
            | "army"
            | "navy"
            | "guard"
            | "guards"
            | "corps"
            | "police"
            | "service"
            | "office"
            | "administration"
            | "institute"
            | "university"
            | "foundation"
            | "fund"
            | "organization"
            | "organisation"
            | "league"
            | "association"
            | "cabinet"
    )
    .then_some(last)
}

/// Upper-case initials of the capitalised words of `text` ("Federal Trade
/// Commission" -> "FTC"); hyphenated parts count ("Hayat Tahrir al-Sham" ->
/// "HTS"). `None` when fewer than two.
pub fn initials(text: &str) -> Option<String> {
    let mut out = String::new();
    for word in text.split(|c: char| c.is_whitespace() || c == '-') {
        let mut chars = word.chars();
        if let Some(c) = chars.next()
            && c.is_uppercase()
        {
            out.push(c);
        }
    }
    (out.chars().count() >= 2).then_some(out)
}

/// Whether `word` looks like an acronym: 2 to 10 characters, upper-case
/// letters (digits and `&` allowed after the first).
pub fn is_acronym(word: &str) -> bool {
    let n = word.chars().count();
    (2..=10).contains(&n)
        && word.chars().next().is_some_and(|c| c.is_uppercase())
        && word.chars().all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '&')
        && word.chars().filter(|c| c.is_uppercase()).count() >= 2
}

/// Whether `acronym` fits `long`: the initials of `long` appear in order in
/// the acronym ("RG" in "IRGC") or the acronym's letters appear in order in
/// the initials of every word of `long` ("NATO" in "North Atlantic Treaty
/// Organization").
pub fn acronym_fits(acronym: &str, long: &str) -> bool {
    let letters: String = acronym.chars().filter(|c| c.is_alphabetic()).collect();
    let caps: String = long
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
        .collect();
    if caps.is_empty() {
        return false;
    }
    let all: String = long
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter_map(|w| w.chars().next())
        .flat_map(char::to_uppercase)
        .collect();
    is_subsequence(&caps, &letters) || is_subsequence(&letters, &all)
}

fn is_subsequence(needle: &str, hay: &str) -> bool {
    let mut h = hay.chars();
    needle.chars().all(|n| h.any(|c| c == n))
}

/// Singular of a group noun key ("houthis" -> "houthi").
pub fn singular(key: &str) -> &str {
    if key.len() > 4 && key.ends_with('s') && !key.ends_with("ss") {
        &key[..key.len() - 1]
    } else {
        key
    }
}
