use super::*;
use proptest::prelude::*;

/// The split before the ASCII fast path: UAX #29 over the whole stretch.
fn split_plain_reference(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    split_uax29(text, 0, text.len(), &mut out);
    merge_runs(text, 0, &mut out);
    out
}

fn split_plain_fast(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    split_plain(text, 0, text.len(), &mut out, &mut WordCount::default());
    out
}

/// What [`special_at`] gave when it measured the whole leading chunk first
/// (quadratic on a long chunk with many special-token starts): the reference
/// for the bounded reads.
fn special_at_by_chunk(s: &str) -> Option<(usize, Label)> {
    let chunk = &s[..chunk_len(s)];
    let lower_starts = |p: &str| chunk.len() > p.len() && chunk.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p));
    if lower_starts("https://") || lower_starts("http://") || lower_starts("www.") {
        let len = trim_trailing_punct(chunk);
        if len > 4 {
            return Some((len, Label::Url));
        }
    }
    if let Some(rest) = chunk.strip_prefix('#') {
        let n = word_chars_len(rest);
        return (n > 0 && rest[..n].chars().any(|c| c.is_alphabetic())).then_some((1 + n, Label::Hashtag));
    }
    if let Some(rest) = chunk.strip_prefix('@') {
        let n = word_chars_len(rest);
        return (n > 0).then_some((1 + n, Label::Handle));
    }
    let at = chunk.find('@')?;
    let local = &chunk[..at];
    let domain_len = trim_trailing_punct(&chunk[at + 1..]);
    let domain = &chunk[at + 1..at + 1 + domain_len];
    let local_ok = !local.is_empty() && local.chars().all(|c| c.is_ascii_alphanumeric() || "._%+-".contains(c));
    let domain_ok = domain.contains('.')
        && !domain.starts_with('.')
        && domain.chars().all(|c| c.is_ascii_alphanumeric() || ".-".contains(c))
        && domain.rsplit('.').next().is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()));
    (local_ok && domain_ok).then_some((at + 1 + domain_len, Label::Email))
}

/// Mostly ASCII with every word-break class, plus the characters that
/// interact with whitespace and words in UAX #29 (combining marks,
/// format characters, ZWJ, non-ASCII spaces, emoji, Hebrew, CJK).
fn mixed() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        6 => "[a-zA-Z0-9_:.,;'\" \t\n\r\x0b\x0c!?()$%&*#@/-]{1,6}",
        1 => proptest::sample::select(&[
            "\u{301}", "\u{200d}", "\u{200b}", "\u{ad}", "\u{2002}", "\u{3000}", "\u{a0}", "\u{85}", "\u{2028}",
            "’", "“", "”", "…", "—", "é", "שלום", "\u{5f3}", "北京", "👍🏽", "🇮🇶", "👨‍👩‍👧", "\u{fe0f}", "\u{feff}",
            "http://a.org/x", "HTTPS://b.co.", "www.c.org", "a@b.co", "x.y@z.org,", "a@b'c.com", "a@b.c", "@@", "a@b.com.!", "a@b.com’", "（#x", "'#x'#y", "#tag", "@who", "\u{a0}#a", "‘@b",
            "\u{ff0e}", "\u{2024}", "\u{b7}", "\u{387}", "٣", "\u{30a2}", "\u{e9}", "\u{1f1ee}",
        ][..]).prop_map(str::to_string),
        1 => any::<String>(),
    ];
    proptest::collection::vec(piece, 0..30).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]
    #[test]
    fn fast_split_equals_uax29(text in mixed()) {
        prop_assert_eq!(split_plain_fast(&text), split_plain_reference(&text));
    }

    #[test]
    fn specials_found_as_by_the_char_scan(text in mixed()) {
        let reference = |pos: usize| {
            let mut iter = text[pos..].char_indices();
            iter.next();
            for (off, c) in iter {
                let i = pos + off;
                if (c.is_ascii_alphanumeric() || c == '#' || c == '@') && is_boundary_before(&text, i) && special_at(&text[i..], true).is_some() {
                    return i;
                }
            }
            text.len()
        };
        for (i, _) in text.char_indices() {
            prop_assert_eq!(next_special_start(&text, i, text.len()), reference(i));
        }
    }

    #[test]
    fn words_counted_while_tokenizing(text in mixed()) {
        let words = text.split(char::is_whitespace).filter(|w| w.chars().any(char::is_alphanumeric)).count();
        prop_assert_eq!(crate::text::segment(&text).words, words);
    }

    #[test]
    fn special_tokens_as_by_measuring_the_whole_chunk(text in mixed()) {
        for (i, _) in text.char_indices() {
            prop_assert_eq!(special_at(&text[i..], true), special_at_by_chunk(&text[i..]), "at {}", i);
        }
    }

    #[test]
    fn byte_scans_equal_char_scans(text in mixed()) {
        let old_chunk = text.find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '“' | '”' | '‘' | '’' | '(' | ')' | '[' | ']' | '{' | '}')).unwrap_or(text.len());
        prop_assert_eq!(chunk_len(&text), old_chunk);
        for (i, _) in text.char_indices() {
            prop_assert_eq!(boundary_before_at(&text, i), i == 0 || is_boundary_before(&text, i));
        }
    }
}

/// [`classify`] for an ASCII segment, by scans: what split_ascii used
/// before [`classify_ascii_byte`].
fn classify_ascii(seg: &[u8]) -> Option<Label> {
    if seg.iter().any(u8::is_ascii_alphabetic) {
        return Some(Label::Word);
    }
    if seg.iter().any(u8::is_ascii_digit) {
        return Some(Label::Number);
    }
    if seg.iter().all(|&c| c.is_ascii_whitespace() || c == 0x0b || c.is_ascii_control()) {
        return None;
    }
    if seg.iter().all(|c| b"$%+=<>^|~&*/\\#@`".contains(c)) {
        return Some(Label::Symbol);
    }
    Some(Label::Punct)
}

#[test]
fn abbreviations_found_as_by_a_scan_of_the_list() {
    let scan = |w: &str| w.len() <= 6 && ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(w));
    let mut words: Vec<String> = ABBREVIATIONS.iter().map(|a| a.to_string()).collect();
    words.extend(ABBREVIATIONS.iter().map(|a| a.to_uppercase()));
    words.extend(ABBREVIATIONS.iter().map(|a| format!("{a}x")));
    words.extend(ABBREVIATIONS.iter().map(|a| a[1..].to_string()));
    words.extend(["", "M", "Mr", "MRS", "Sept", "septs", "\u{212a}y", "é", "Calif", "califo", "zz"].map(String::from));
    for w in &words {
        assert_eq!(is_abbreviation(w), scan(w), "{w:?}");
    }
}

#[test]
fn one_byte_classes_as_the_scans_give_them() {
    for c in 0u8..128 {
        assert_eq!(classify_ascii_byte(c), classify_ascii(&[c]), "{c:#x}");
    }
}

#[test]
fn fast_split_on_every_ascii_pair_and_triple() {
    let chars: Vec<char> = (0u8..128).map(char::from).collect();
    for &a in &chars {
        for &b in &chars {
            let t: String = [a, b].iter().collect();
            assert_eq!(split_plain_fast(&t), split_plain_reference(&t), "{t:?}");
            for c in ['a', '1', '.', '\'', ':', ',', '_', ' '] {
                let t: String = [c, a, b, c].iter().collect();
                assert_eq!(split_plain_fast(&t), split_plain_reference(&t), "{t:?}");
            }
        }
    }
}

fn toks(text: &str) -> Vec<&str> {
    tokenize(text).iter().map(|t| t.text(text)).collect()
}

#[test]
fn news_tokens() {
    assert_eq!(toks("Iraq’s U.S. allies"), ["Iraq", "’s", "U.S.", "allies"]);
    assert_eq!(toks("Iraq's"), ["Iraq", "'s"]);
    assert_eq!(toks("Iranian-backed al-Sudani"), ["Iranian", "-", "backed", "al", "-", "Sudani"]);
    assert_eq!(toks("$1,000.50 and 3.5%"), ["$", "1,000.50", "and", "3.5", "%"]);
    assert_eq!(toks("Gen. J. Smith at 5 p.m. on Jan. 3"), ["Gen.", "J.", "Smith", "at", "5", "p.m.", "on", "Jan.", "3"]);
    assert_eq!(toks("wait... no -- yes"), ["wait", "...", "no", "--", "yes"]);
    assert_eq!(toks("don't"), ["do", "n't"]);
}

#[test]
fn web_tokens() {
    assert_eq!(
        toks("See https://example.com/a?b=1, mail news@example.org or #Iraq @Reuters."),
        ["See", "https://example.com/a?b=1", ",", "mail", "news@example.org", "or", "#Iraq", "@Reuters", "."]
    );
    let t = tokenize("x www.reuters.com.");
    assert_eq!(t[1].kind(), Label::Url);
}

#[test]
fn unicode_tokens() {
    assert_eq!(toks("👨‍👩‍👧 🇮🇶 ok"), ["👨‍👩‍👧", "🇮🇶", "ok"]);
    assert_eq!(tokenize("👨‍👩‍👧")[0].kind(), Label::Emoji);
    assert_eq!(toks("a\u{200b}b"), ["a", "b"]);
    assert_eq!(toks("العراق بغداد"), ["العراق", "بغداد"]);
    assert!(toks("北京是中国的首都").len() >= 4);
    assert_eq!(toks("\0\r\n"), Vec::<&str>::new());
}
