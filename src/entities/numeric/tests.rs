//! Unit tests for the numeric rules: the small parsers, and the patterns
//! one at a time. News-style sentences are in `tests/numeric.rs`.

use super::numbers::{parse_digits, split_digits};
use super::scan::KEY_CAP;
use super::*;
use crate::text::{Token, segment};

/// "text/LABEL" for every entity, for compact assertions.
fn tags(text: &str) -> Vec<String> {
    let seg = segment(text);
    find(text, &seg).into_iter().map(|f| format!("{}/{}", &text[f.start_byte..f.end_byte], f.label.name())).collect()
}

fn attrs(text: &str, span: &str) -> Attrs {
    let seg = segment(text);
    find(text, &seg)
        .into_iter()
        .find(|f| &text[f.start_byte..f.end_byte] == span)
        .map(|f| f.attrs)
        .unwrap_or_else(|| panic!("{span:?} not found in {:?}", tags(text)))
}

#[test]
fn digits_parse_with_grouping_and_decimals() {
    assert_eq!(parse_digits("1,000"), Some((1000.0, false, 4)));
    assert_eq!(parse_digits("2003"), Some((2003.0, true, 4)));
    assert_eq!(parse_digits("3.5"), Some((3.5, false, 1)));
    assert_eq!(parse_digits("1,234,567.25"), Some((1234567.25, false, 7)));
    // bad grouping is not a number we trust
    assert_eq!(parse_digits("1,00"), None);
    assert_eq!(parse_digits("1234,567"), None);
    assert_eq!(parse_digits("1.2.3"), None);
    assert_eq!(parse_digits(""), None);
    assert_eq!(parse_digits("5."), None);
}

#[test]
fn digit_suffixes_split() {
    assert_eq!(split_digits("3pm"), Some(("3", "pm")));
    assert_eq!(split_digits("1.5bn"), Some(("1.5", "bn")));
    assert_eq!(split_digits("1990s"), Some(("1990", "s")));
    assert_eq!(split_digits("pm3"), None);
    assert_eq!(split_digits("2024"), None);
    assert_eq!(split_digits("3g5"), None);
}

#[test]
fn keys_fold_case_and_apostrophes() {
    let text = "O’CLOCK";
    let seg = segment(text);
    let mut keys = String::new();
    let t = Tok::new(text, &seg.tokens[0], &mut keys);
    assert_eq!(&keys[t.ks()..t.ks() + t.kl()], "o'clock");
    assert!(t.upper && t.cap && !t.digit);
    // tokens too long for a key get an empty key, never a truncated one
    let long = "Supercalifragilisticexpialidocious";
    let mut keys = String::new();
    let t = Tok::new(long, &segment(long).tokens[0], &mut keys);
    assert_eq!((t.kl(), keys.as_str()), (0, ""));
}

#[test]
fn number_words_compose() {
    let value = |text: &str| attrs(text, text).get("value").cloned();
    assert_eq!(value("twenty-one"), Some(Value::Int(21)));
    assert_eq!(value("two hundred and fifty"), Some(Value::Int(250)));
    assert_eq!(value("three thousand four hundred"), Some(Value::Int(3400)));
    assert_eq!(value("a dozen"), Some(Value::Int(12)));
    assert_eq!(value("half a million"), Some(Value::Int(500_000)));
    assert_eq!(value("2.5 million"), Some(Value::Int(2_500_000)));
    assert_eq!(value("0.75"), Some(Value::Num(0.75)));
    // "six seven" is not sixty-seven
    assert_eq!(tags("six seven"), ["six/CARDINAL", "seven/CARDINAL"]);
}

#[test]
fn iso_forms() {
    let iso = |text: &str, span: &str| attrs(text, span).get("iso").cloned();
    assert_eq!(iso("on March 3, 2024.", "March 3, 2024"), Some(Value::from("2024-03-03")));
    assert_eq!(iso("in May 2023.", "May 2023"), Some(Value::from("2023-05")));
    assert_eq!(iso("since January", "January"), Some(Value::from("--01")));
    assert_eq!(iso("on Jan. 5", "Jan. 5"), Some(Value::from("--01-05")));
    assert_eq!(iso("in 2003", "2003"), Some(Value::from("2003")));
    assert_eq!(iso("the 2019-20 season", "2019-20"), Some(Value::from("2019/2020")));
}

#[test]
fn clock_hours_are_24h() {
    let hour = |text: &str, span: &str| attrs(text, span).get("hour").cloned();
    assert_eq!(hour("at 12 p.m.", "12 p.m."), Some(Value::Int(12)));
    assert_eq!(hour("at 12 a.m.", "12 a.m."), Some(Value::Int(0)));
    assert_eq!(hour("at 9:45pm", "9:45pm"), Some(Value::Int(21)));
    assert_eq!(hour("at 3.30pm", "3.30pm"), Some(Value::Int(15)));
    assert_eq!(attrs("at 3.30pm", "3.30pm").get("minute"), Some(&Value::Int(30)));
    assert_eq!(hour("by 0630 GMT", "0630 GMT"), Some(Value::Int(6)));
}

#[test]
fn month_names_need_support_when_ambiguous() {
    assert_eq!(tags("Theresa May said"), Vec::<String>::new());
    assert_eq!(tags("May I ask?"), Vec::<String>::new());
    assert_eq!(tags("it may rain in May"), ["May/DATE"]);
    assert_eq!(tags("March on Washington"), Vec::<String>::new());
    assert_eq!(tags("June Carter sang in June"), ["June/DATE"]);
    assert_eq!(tags("Jan said"), Vec::<String>::new());
}

#[test]
fn empty_and_odd_inputs() {
    assert!(tags("").is_empty());
    assert!(tags("   \n\n ").is_empty());
    assert!(tags("$").is_empty());
    assert!(tags("$ $ % %").is_empty());
    assert!(tags("2024-").is_empty() || tags("2024-") == ["2024/DATE"]);
    // absurd numbers do not panic; values saturate
    assert_eq!(tags("the 99999999999999999999th time"), ["99999999999999999999th/ORDINAL"]);
    assert_eq!(
        attrs("1,000,000,000,000 people", "1,000,000,000,000").get("value"),
        Some(&Value::Int(1_000_000_000_000))
    );
    // tokens longer than a key are never entities (no truncated matches)
    assert!(tags("1,000,000,000,000,000,000,000,000,000,000 people").is_empty());
}

#[test]
fn month_abbreviations_with_and_without_period() {
    for (k, m) in [("jan", 1), ("jan.", 1), ("sep", 9), ("sept", 9), ("sept.", 9), ("dec.", 12)] {
        assert_eq!(words::month_abbr(k), Some(m), "{k}");
    }
    for k in ["", ".", "ja", "may", "january", "sept..", "septe", "jan.."] {
        assert_eq!(words::month_abbr(k), None, "{k}");
    }
}

/// Whether a rule of `Scan::at` can start at a word token (not starting
/// with a digit) whose key is `k`: the first words its rules accept (the
/// lower-case triggers, and for capitalised words months, weekdays,
/// holidays and currency codes).
fn starts_a_rule(k: &str) -> bool {
    words::lower_trigger(k)
        || words::holiday_start(k)
        || words::month_full(k).is_some()
        || words::month_abbr(k).is_some()
        || words::weekday(k).is_some()
        || words::weekday_abbr(k).is_some()
        || words::currency_code(k).is_some()
}

#[test]
fn the_starter_set_holds_every_word_a_rule_starts_at() {
    // The lookups are `match` tables over the string literals of words.rs,
    // and accept a literal, or (weekdays, month abbreviations) a literal
    // with "s" or "." after it. So every text between two quotes of that
    // file, with those endings, covers every word they know.
    let mut checked = 0;
    for lit in include_str!("words.rs").split('"') {
        for w in [lit.to_string(), format!("{lit}s"), format!("{lit}.")] {
            if starts_a_rule(&w) {
                assert!(words::may_start(w.as_bytes()), "{w:?} is missing from STARTERS");
                checked += 1;
            }
        }
    }
    assert!(checked > 250, "{checked}");
    // And it turns most other words away.
    let text = "Officials in Baghdad said on Tuesday that the Iranian-backed militias had \
                agreed to halt attacks, according to three people with knowledge of the talks.";
    let words: Vec<&str> = text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    let passed = words.iter().filter(|w| words::may_start(w.to_lowercase().as_bytes())).count();
    assert!(passed * 3 < words.len(), "{passed} of {}", words.len());
    for w in ["tuesday", "the", "three", "on"] {
        assert_eq!(words::may_start(w.as_bytes()), w != "on", "{w}");
    }
}

#[test]
fn token_keys_and_flags_follow_the_characters() {
    // The byte-wise ASCII path and the character path give what the
    // definitions say, for every token of a text with both kinds.
    let text = format!(
        "The UN’s `Q3` SAID 2,000 Mid-May naïve ÉTÉ Ünited 1990s -- {} {}",
        "x".repeat(KEY_CAP),
        "y".repeat(KEY_CAP + 1)
    ) + include_str!("../../../tests/fixtures/torture.txt");
    let seg = segment(&text);
    let mut keys = String::new();
    let mut in_text = 0;
    for t in &seg.tokens {
        let tok = Tok::new(&text, t, &mut keys);
        let s = &text[t.start()..t.end()];
        let mut want: String = s
            .chars()
            .map(|c| match c {
                '’' | '‘' | '`' => '\'',
                '–' | '—' => '-',
                c => c.to_ascii_lowercase(),
            })
            .collect();
        if want.len() > KEY_CAP {
            want.clear();
        }
        let key = if tok.in_text { &text[tok.ks()..tok.ks() + tok.kl()] } else { &keys[tok.ks()..tok.ks() + tok.kl()] };
        assert_eq!(key, want, "{s:?}");
        assert_eq!(tok.digit, want.starts_with(|c: char| c.is_ascii_digit()), "{s:?}");
        assert_eq!(tok.cap, s.starts_with(char::is_uppercase), "{s:?}");
        let upper = s.chars().any(char::is_alphabetic) && !s.chars().any(char::is_lowercase);
        assert_eq!(tok.upper, upper, "{s:?}");
        let word = t.kind() == Label::Word && !want.is_empty() && !tok.digit;
        assert_eq!(tok.starter, word && words::may_start(want.as_bytes()), "{s:?}");
        in_text += usize::from(tok.in_text);
    }
    // Lower-case tokens are read in place; the others were copied.
    assert!(in_text > 10 && in_text < seg.tokens.len(), "{in_text}");
}

#[test]
fn the_shortcuts_decide_as_every_rule() {
    let text = String::from(
        "The end of the year came. At the end of the day, the same week and that same year the \
         deal was done in the morning. A few years ago, a hundred people and an hour later a dozen \
         more came; a year earlier an estimated 5,000 had. THE SAME DAY A MILLION LEFT. That was \
         the 1990s, a decade of the first quarter. The Fourth of July was a Tuesday, the 4th. ",
    ) + include_str!("../../../tests/fixtures/torture.txt");
    let seg = segment(&text);
    let (mut tried, mut matched) = (0, 0);
    for range in &seg.sentence_tokens {
        let mut keys = String::new();
        let toks: Vec<Tok> = seg.tokens[range.clone()].iter().map(|t| Tok::new(&text, t, &mut keys)).collect();
        let scan = Scan { t: &toks, text: &text, keys: &keys, caps: is_caps(&toks), first_word: 0 };
        for i in 0..toks.len() {
            for floor in [0, i] {
                let Some(short) = scan.shortcut(i, floor) else { continue };
                let full = scan.every_rule(i, floor);
                matched += usize::from(full.is_some());
                let view = |m: Option<M>| m.map(|m| (m.s, m.e, m.label, m.attrs));
                assert_eq!(view(short), view(full), "{:?} at {i}", scan.k(i));
                tried += 1;
            }
        }
    }
    assert!(tried > 30 && matched > 8, "{tried} {matched}");
}

/// [`Tok::new`] as it was before its byte tables: a compare per flag and a
/// lower-casing per byte. The tables must give the same token.
fn tok_by_compares(text: &str, t: &Token, keys: &mut String) -> Tok {
    let s = text.get(t.start()..t.end()).unwrap_or("");
    let b = s.as_bytes();
    let (mut has_upper, mut has_lower, mut tick, mut wide) = (false, false, false, false);
    let mut hash = words::FNV_START;
    for &c in b {
        has_upper |= c.is_ascii_uppercase();
        has_lower |= c.is_ascii_lowercase();
        tick |= c == b'`';
        wide |= !c.is_ascii();
        hash = words::fnv_byte(hash, if c == b'`' { b'\'' } else { c.to_ascii_lowercase() });
    }
    if wide {
        return Tok::new_wide(s, t, keys);
    }
    let fits = b.len() <= KEY_CAP;
    let in_text = !has_upper && !tick;
    let ks = if in_text { t.start() } else { keys.len() };
    if fits && !in_text {
        keys.extend(b.iter().map(|&c| if c == b'`' { '\'' } else { char::from(c.to_ascii_lowercase()) }));
    }
    let kl = if fits { b.len() } else { 0 };
    let digit = kl > 0 && b[0].is_ascii_digit();
    let starter = kl > 0 && !digit && t.kind() == Label::Word && words::may_start_hashed(hash);
    let cap = b.first().is_some_and(u8::is_ascii_uppercase);
    let upper = has_upper && !has_lower;
    Tok::make(t.start(), t.end(), t.kind(), in_text, ks, kl, [digit, cap, upper, starter])
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
    #[test]
    fn byte_tables_key_tokens_as_compares_do(
        text in "([A-Za-z0-9`'’.,$%-]{1,30}|[ \\n]|Mid|MARCH|o`clock|Ａ|é|—|\\PC){0,40}"
    ) {
        let seg = segment(&text);
        let (mut fast, mut slow) = (String::new(), String::new());
        for t in &seg.tokens {
            let a = Tok::new(&text, t, &mut fast);
            let b = tok_by_compares(&text, t, &mut slow);
            let key = |x: &Tok, keys: &str| {
                let src = if x.in_text { text.as_str() } else { keys };
                src.get(x.ks()..x.ks() + x.kl()).map(str::to_string)
            };
            proptest::prop_assert_eq!(
                (a.start(), a.end(), a.kind, a.in_text, a.ks(), a.kl(), a.digit, a.cap, a.upper, a.starter),
                (b.start(), b.end(), b.kind, b.in_text, b.ks(), b.kl(), b.digit, b.cap, b.upper, b.starter)
            );
            proptest::prop_assert_eq!(key(&a, &fast), key(&b, &slow));
        }
        proptest::prop_assert_eq!(fast, slow);
    }
}
