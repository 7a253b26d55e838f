//! Gazetteers: which words and phrases are known names, titles or org words.
//!
//! `cargo xtask gen` compiles the shared GeoNames, SSA, Census and
//! hand-compiled lists into one sorted table, `data/gen/gazetteer.txt`,
//! which is compiled into the binary with `include_str!`. The file is
//! front-coded, because that gzips ~14 KB smaller inside the .wasm than
//! plain rows: after `#` comment lines, one line per entry, sorted: a
//! character whose code minus `'0'` is the number of leading bytes the entry
//! shares with the previous one, then the rest of the entry; then a line
//! `#`; then, per entry in the same order, its class letters and, after a
//! tab, its iso2 code if it has one. At first use the entries are expanded
//! once into one string, kept for the life of the program, and put in a
//! hash map keyed by slices of it (no copy per entry). A hash map beats
//! an FST here: the table has ~20k entries, lookups happen several times
//! per token, and the crate adds no dependency to the .wasm.
//!
//! Multi-word entries ("Prime Minister", "New York", "Revolutionary
//! Guards") are looked up by joining token texts with one space (no space
//! where the tokens touch, so "al-Sudani" is "al-Sudani"); see
//! [`Gazetteer::longest_match`].

use std::sync::OnceLock;

use crate::hash::FastMap;
use crate::text::Token;

/// The committed table.
const TABLE: &str = include_str!("../../data/gen/gazetteer.txt");

/// What a gazetteer entry is. One entry may have several classes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(u8)]
pub enum Class {
    /// A given name (SSA list).
    Given = 0,
    /// A surname (US Census list).
    Surname,
    /// A country, its short forms and historical states.
    Country,
    /// A city (GeoNames, by population) or a capital.
    City,
    /// A sub-national GPE: US state, province, region labelled GPE.
    Region,
    /// A non-GPE location: continent, sea, river, range.
    Loc,
    /// A facility.
    Fac,
    /// A nationality, religious, political or ethnic group word.
    Norp,
    /// A title before a name ("President", "Gen.").
    Title,
    /// A lower-case role noun before a name ("spokesman").
    Role,
    /// A company suffix ("Inc.", "Ltd").
    OrgSuffix,
    /// An organisation head word ("Ministry", "Party", "Guards").
    OrgHead,
    /// An organisation prefix word ("Kataib", "Jaish").
    OrgPrefix,
    /// A month, weekday or holiday.
    Temporal,
}

impl Class {
    /// Every class, in bit order.
    pub const ALL: [Class; 14] = [
        Class::Given,
        Class::Surname,
        Class::Country,
        Class::City,
        Class::Region,
        Class::Loc,
        Class::Fac,
        Class::Norp,
        Class::Title,
        Class::Role,
        Class::OrgSuffix,
        Class::OrgHead,
        Class::OrgPrefix,
        Class::Temporal,
    ];

    /// The letter that stands for the class in the generated table.
    pub fn letter(self) -> char {
        match self {
            Class::Given => 'g',
            Class::Surname => 's',
            Class::Country => 'C',
            Class::City => 'c',
            Class::Region => 'r',
            Class::Loc => 'L',
            Class::Fac => 'F',
            Class::Norp => 'N',
            Class::Title => 'T',
            Class::Role => 'R',
            Class::OrgSuffix => 'O',
            Class::OrgHead => 'H',
            Class::OrgPrefix => 'P',
            Class::Temporal => 'M',
        }
    }

    /// The class for a letter.
    pub fn from_letter(c: char) -> Option<Class> {
        Class::ALL.iter().copied().find(|k| k.letter() == c)
    }

    /// The class's bit in a [`Classes`] set.
    pub const fn bit(self) -> u16 {
        1 << self as u8
    }
}

/// A set of classes as bits.
pub type Classes = u16;

/// Not a class: the bit [`Gazetteer::key_classes`] sets when a key is the
/// first tokens of a longer entry.
pub const PREFIX: Classes = 1 << 15;

/// Whether `set` contains `class`.
pub fn has(set: Classes, class: Class) -> bool {
    set & class.bit() != 0
}

/// One gazetteer entry.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Entry {
    /// Its classes.
    pub classes: Classes,
    /// The ISO 3166 country code of a place or nationality, when known.
    pub iso2: Option<&'static str>,
}

/// The parsed table.
pub struct Gazetteer {
    map: FastMap<&'static str, Entry>,
    /// Most tokens in one entry.
    max_tokens: usize,
    /// Most bytes in one key: a longer string is no key, known without
    /// hashing it (a merged span of a million tokens was hashed whole).
    max_len: usize,
}

impl Gazetteer {
    /// Parses the front-coded table (format in the module docs).
    fn parse(table: &'static str) -> Gazetteer {
        let (names, rows) = expand(table);
        // The names live as long as the map that borrows them: once per
        // program, so they are leaked rather than owned by a
        // self-referential map.
        let names: &'static str = Box::leak(names.into_boxed_str());
        // Sized up front (entries plus prefixes of multi-word ones):
        // growing the map rehashes every key several times, which was a
        // good part of the first call's cost in wasm.
        let mut map = FastMap::with_capacity_and_hasher(rows.len() + rows.len() / 4, Default::default());
        let mut max_tokens = 1;
        let mut max_len = 0;
        for (range, cols) in rows {
            let Some(entry) = names.get(range) else { continue };
            max_len = max_len.max(entry.len());
            let (letters, iso2) = cols.split_once('\t').unwrap_or((cols, ""));
            let classes = letters.chars().filter_map(Class::from_letter).fold(0, |acc, c| acc | c.bit());
            let iso2 = Some(iso2).filter(|s| s.len() == 2);
            let e = map.entry(entry).or_insert(Entry { classes: 0, iso2: None });
            e.classes |= classes;
            e.iso2 = e.iso2.or(iso2);
            if entry.chars().any(|c| !c.is_alphanumeric()) {
                // Mark each token prefix of a multi-token entry, so that
                // `longest_match` stops as soon as no entry can follow.
                let toks = crate::text::tokens::tokenize(entry);
                max_tokens = max_tokens.max(toks.len());
                for t in toks.iter().take(toks.len().saturating_sub(1)) {
                    if let Some(prefix) = entry.get(..t.end()) {
                        map.entry(prefix).or_insert(Entry { classes: 0, iso2: None }).classes |= PREFIX;
                    }
                }
            }
        }
        Gazetteer { map, max_tokens: max_tokens.min(8), max_len }
    }

    /// The entry for exactly `s`.
    pub fn get(&self, s: &str) -> Option<Entry> {
        if s.len() > self.max_len {
            return None;
        }
        self.map.get(s).filter(|e| e.classes & !PREFIX != 0).map(|e| Entry { classes: e.classes & !PREFIX, iso2: e.iso2 })
    }

    /// The classes of exactly `s` (0 when unknown).
    pub fn classes(&self, s: &str) -> Classes {
        if s.len() > self.max_len {
            return 0;
        }
        self.map.get(s).map_or(0, |e| e.classes & !PREFIX)
    }

    /// The classes of the key `s` as written, with [`PREFIX`] when it is
    /// the first tokens of a longer entry; 0 when `s` is no key. A match
    /// of [`Gazetteer::longest_match`] for `want` can start at a token only
    /// if this, for the token alone, has a bit of `want | PREFIX`.
    pub fn key_classes(&self, s: &str) -> Classes {
        if s.len() > self.max_len {
            return 0;
        }
        self.map.get(s).map_or(0, |e| e.classes)
    }

    /// Number of keys (entries and prefixes of multi-word entries).
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Whether the table is empty.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// The longest entry that starts at `tokens[i]` and has any class in
    /// `want`, as (number of tokens, entry). `buf` is scratch space, reused
    /// across calls so that lookups do not allocate.
    pub fn longest_match(
        &self,
        text: &str,
        tokens: &[Token],
        i: usize,
        want: Classes,
        buf: &mut String,
    ) -> Option<(usize, Entry)> {
        buf.clear();
        let mut best = None;
        let last = tokens.len().min(i + self.max_tokens);
        for j in i..last {
            let tok = &tokens[j];
            if j > i && tokens[j - 1].end() < tok.start() {
                buf.push(' ');
            }
            let Some(s) = text.get(tok.start()..tok.end()) else { break };
            buf.push_str(s);
            let Some(e) = self.map.get(buf.as_str()) else { break };
            if e.classes & want != 0 {
                best = Some((j + 1 - i, Entry { classes: e.classes & !PREFIX, iso2: e.iso2 }));
            }
            if e.classes & PREFIX == 0 {
                break;
            }
        }
        best
    }
}

/// Expands the front-coded table (format in the module docs): the entries
/// one after another, with no separator, and per entry its byte range in
/// them and its `class letters[<TAB>iso2]` line. A line that does not
/// decode (shares more than the previous entry has, or part of a
/// character) is skipped.
fn expand(table: &'static str) -> (String, Vec<(std::ops::Range<usize>, &'static str)>) {
    // Lines as bytes: a plain byte loop, several times cheaper at first use
    // than `str::lines` for ~36k short lines.
    let mut lines = table.as_bytes().split(|&b| b == b'\n').skip_while(|l| l.first() == Some(&b'#'));
    let entries: Vec<&[u8]> = lines.by_ref().take_while(|l| *l != b"#").collect();
    let mut names: Vec<u8> = Vec::with_capacity(table.len() * 2);
    let mut rows = Vec::with_capacity(entries.len());
    // The previous entry's range: its shared prefix is copied from there.
    let mut prev: std::ops::Range<usize> = 0..0;
    for (line, cols) in entries.into_iter().zip(lines) {
        let Some(&c) = line.first() else { continue };
        let keep = (c as usize).wrapping_sub(b'0' as usize);
        let cut = prev.start.wrapping_add(keep);
        let splits_char = names.get(cut).is_some_and(|&b| b & 0xC0 == 0x80);
        if !c.is_ascii() || keep > prev.len() || (keep < prev.len() && splits_char) {
            continue;
        }
        let start = names.len();
        names.extend_from_within(prev.start..cut);
        names.extend_from_slice(&line[1..]);
        prev = start..names.len();
        // ASCII letters and codes: checked at a byte per step or so.
        rows.push((prev.clone(), std::str::from_utf8(cols).unwrap_or("")));
    }
    // Valid by construction (whole characters of `table` only).
    (String::from_utf8(names).unwrap_or_default(), rows)
}

/// The gazetteer, parsed at first use.
pub fn get() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(|| Gazetteer::parse(TABLE))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_countries_cities_and_groups() {
        let g = get();
        assert!(has(g.classes("Iraq"), Class::Country));
        assert_eq!(g.get("Iraq").and_then(|e| e.iso2), Some("IQ"));
        assert!(has(g.classes("Baghdad"), Class::City));
        assert!(has(g.classes("Iranian"), Class::Norp));
        assert!(has(g.classes("Shi’ite"), Class::Norp));
        assert!(has(g.classes("Guards"), Class::OrgHead));
        assert!(has(g.classes("Kataib"), Class::OrgPrefix));
        assert!(has(g.classes("Mohammed"), Class::Given) || has(g.classes("Michael"), Class::Given));
        assert_eq!(g.classes("the"), 0);
    }

    #[test]
    fn expands_front_coding() {
        let table = "# c\n0Iraq\n3n\n2eland\n0Nuuk\n9bad\n#\nC\tIQ\nC\tIR\nC\nc\tGL\nc\n";
        let (names, rows) = expand(table);
        let got: Vec<(&str, &str)> = rows.iter().map(|(r, cols)| (&names[r.clone()], *cols)).collect();
        assert_eq!(got, [("Iraq", "C\tIQ"), ("Iran", "C\tIR"), ("Ireland", "C"), ("Nuuk", "c\tGL")]);
        let g = Gazetteer::parse(table);
        assert_eq!(g.get("Iran"), Some(Entry { classes: Class::Country.bit(), iso2: Some("IR") }));
        assert_eq!(g.get("Nuukbad"), None);
        // The committed table: one row per entry, all of them decoded.
        let entries = TABLE.lines().skip_while(|l| l.starts_with('#')).take_while(|l| *l != "#").count();
        assert!(entries > 10_000);
        assert_eq!(expand(TABLE).1.len(), entries);
    }

    #[test]
    fn longest_match_spans_tokens() {
        let text = "Prime Minister Sudani visited New York City.";
        let toks = crate::text::tokens::tokenize(text);
        let mut buf = String::new();
        let (n, e) = get().longest_match(text, &toks, 0, Class::Title.bit(), &mut buf).expect("title");
        assert_eq!(n, 2);
        assert!(has(e.classes, Class::Title));
        let ny = toks.iter().position(|t| t.text(text) == "New").expect("New");
        let (n, _) = get().longest_match(text, &toks, ny, Class::City.bit(), &mut buf).expect("city");
        assert!(n >= 2);
        assert!(get().longest_match(text, &toks, 2, Class::Country.bit(), &mut buf).is_none());
    }
}
