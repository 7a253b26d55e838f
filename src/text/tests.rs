use super::*;

fn sents(text: &str) -> Vec<&str> {
    segment(text).sentences.iter().map(|r| &text[r.clone()]).collect()
}

#[test]
fn abbreviations_do_not_end_sentences() {
    assert_eq!(
        sents("Gen. Smith met Mr. Jones at No. 10 on Jan. 5 at 3 p.m. in the U.S. capital. He left."),
        ["Gen. Smith met Mr. Jones at No. 10 on Jan. 5 at 3 p.m. in the U.S. capital.", "He left."]
    );
    assert_eq!(sents("It was 3.5 percent, or 1,000.5 units. Then J. R. Smith spoke."), [
        "It was 3.5 percent, or 1,000.5 units.",
        "Then J. R. Smith spoke."
    ]);
    assert_eq!(sents("Troops left the U.S. The war ended."), ["Troops left the U.S.", "The war ended."]);
}

#[test]
fn quotes_continue_or_end_sentences() {
    assert_eq!(
        sents("“We want peace,” he said. “Not now?” she asked. \"Yes.\" Then silence."),
        ["“We want peace,” he said.", "“Not now?” she asked.", "\"Yes.\"", "Then silence."]
    );
    assert_eq!(sents("“Go home.” The crowd left…  and then? Nothing!"), ["“Go home.”", "The crowd left…  and then?", "Nothing!"]);
}

#[test]
fn paragraphs_split_on_line_breaks_but_not_wraps() {
    let text = "Headline here\nFirst line of a\nwrapped paragraph.\r\n\r\nSecond para.\rThird para.";
    let seg = segment(text);
    let paras: Vec<&str> = seg.paragraphs.iter().map(|r| &text[r.clone()]).collect();
    assert_eq!(paras, ["Headline here", "First line of a\nwrapped paragraph.", "Second para.", "Third para."]);
    assert_eq!(seg.sentences.len(), 4);
}

#[test]
fn unicode_sentences() {
    assert_eq!(sents("北京很大。上海也很大。"), ["北京很大。", "上海也很大。"]);
    assert_eq!(sents("قال المسؤول. وأضاف"), ["قال المسؤول.", "وأضاف"]);
    assert_eq!(sents("Great news 🎉. Next 👨‍👩‍👧 one."), ["Great news 🎉.", "Next 👨‍👩‍👧 one."]);
}

#[test]
fn degenerate_inputs() {
    assert!(segment("").sentences.is_empty());
    assert!(segment("   \n\t \r\n ").paragraphs.is_empty());
    assert!(segment("\0\u{200b}\u{feff}").paragraphs.is_empty());
    assert_eq!(segment("...").sentences.len(), 1);
}

#[test]
fn chars_and_words_as_counted_by_char() {
    for text in [
        "",
        " ",
        "a",
        "Gen. Smith said:  “No.”\n\n— 3 —",
        "北京 é\u{301} 👍🏽 x\u{a0}y\u{2002}z ,",
        "\t\r\n1,000 !!",
        // Whitespace inside a UAX #29 segment, words across special tokens,
        // a handle with no letter, blank lines that are not whitespace.
        "a \u{301}b \t\u{301} x",
        "(@Reuters) @_ @a_ #_ -#tag- a@b.co, see:https://x.org/a_b www.x.org",
        "a\u{200b}b x\n\u{200b}\ny \u{200b}\n\u{feff}\nz\u{200b}",
        "wrapped line,\nthen more\u{2028}and —\n\n—",
    ] {
        let words = text.split(char::is_whitespace).filter(|w| w.chars().any(char::is_alphanumeric)).count();
        assert_eq!(count_chars_and_words(text), (text.chars().count(), words), "{text:?}");
        assert_eq!(segment(text).words, words, "{text:?}");
    }
}

/// The char-by-char line split that `sentences::lines` replaced.
fn lines_by_char(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{0b}' | '\u{0c}' | '\u{85}') {
            out.push(start..i);
            start = i + c.len_utf8();
            if c == '\r' && iter.peek().is_some_and(|&(_, n)| n == '\n') {
                iter.next();
                start += 1;
            }
        }
    }
    out.push(start..text.len());
    out
}

proptest::proptest! {
    #[test]
    fn chars_and_words_as_counted_by_char_on_any_text(text in "([a-zA-Z0-9 \t\n\r.,'-]|\\PC|\\s){0,40}") {
        let words = text.split(char::is_whitespace).filter(|w| w.chars().any(char::is_alphanumeric)).count();
        proptest::prop_assert_eq!(count_chars_and_words(&text), (text.chars().count(), words));
        proptest::prop_assert_eq!(segment(&text).words, words);
    }

    #[test]
    fn lines_by_bytes_equal_lines_by_chars(text in "([a\\n\\r\\x0b\\x0c \\u{85}\\u{2028}\\u{2029}\\u{2027}\\u{2029}\\u{80}\\u{a8}é€]|\\r\\n){0,24}") {
        proptest::prop_assert_eq!(sentences::lines(&text).collect::<Vec<_>>(), lines_by_char(&text));
    }
}
