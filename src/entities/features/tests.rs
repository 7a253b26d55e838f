use super::*;
use crate::text::tokens::tokenize;

#[test]
fn shapes_collapse_runs() {
    assert_eq!(shape_hash("Iraq"), shape_hash("Irbil"));
    assert_ne!(shape_hash("Iraq"), shape_hash("IRAQ"));
    assert_eq!(shape_hash("IRGC"), shape_hash("IRAQ"));
    assert_eq!(shape_hash("U.S."), shape_hash("U.K."));
    assert_ne!(shape_hash("U.S."), shape_hash("US"));
}

#[test]
fn lower_folds_case_digits_and_apostrophes() {
    assert_eq!(lower_hash("Baghdad"), lower_hash("BAGHDAD"));
    assert_eq!(lower_hash("2003"), lower_hash("1999"));
    assert_eq!(lower_hash("Shi’ite"), lower_hash("Shi'ite"));
    assert_ne!(lower_hash("Iraq"), lower_hash("Iran"));
}

#[test]
fn affix_hashes_take_the_first_and_last_characters() {
    let slow = |w: &str, n: usize| {
        let count = w.chars().count();
        w.chars().skip(count.saturating_sub(n)).fold(FNV_OFFSET ^ (n as u64) << 8, |h, c| fnv_char(h, norm_char(c)))
    };
    let prefix =
        |w: &str, n: usize| w.chars().take(n).fold(FNV_OFFSET ^ n as u64, |h, c| fnv_char(h, norm_char(c)));
    let words = ["", "a", "ab", "Baghdad", "Shi’ite", "ŞİŞLİ", "naïve", "日本語の", "2,000", "F-16", "US$", "\0x"];
    for w in words {
        for n in 0..6 {
            assert_eq!(suffix_hash(w, n), slow(w, n), "{w} {n}");
            assert_eq!(prefix_hash(w, n), prefix(w, n), "{w} {n}");
        }
        assert_eq!(lower_hash(w), w.chars().fold(FNV_OFFSET, |h, c| fnv_char(h, norm_char(c))), "{w}");
    }
    assert_eq!(suffix_hash("Iraqi", 3), suffix_hash("QAQI", 3));
}

#[test]
fn bio_constraints() {
    assert!(allowed(O, begin(0)));
    assert!(!allowed(O, inside(0)));
    assert!(allowed(begin(3), inside(3)));
    assert!(!allowed(begin(3), inside(2)));
    assert_eq!(label_index(inside(4)), Some(4));
    assert_eq!(label_index(O), None);
}

/// The features [`roles`] give token `i`, as `Decoder` sums them.
fn role_features(text: &str, tokens: &[Token], sf: &SentenceFeatures, i: usize) -> Vec<u32> {
    let infos: Vec<TokenInfo> = sf.infos().collect();
    let at = |j: Option<usize>| j.and_then(|j| infos.get(j));
    let (info, headline) = (&infos[i], is_caseless(text, tokens));
    let mut out = vec![roles::bias()];
    let mut shapes = Vec::new();
    roles::own(tokens[i].text(text), info, headline, &mut out, &mut shapes);
    roles::left1(at(i.checked_sub(1)), &mut out, &mut shapes);
    out.push(roles::left2(at(i.checked_sub(2))));
    roles::right1(at(Some(i + 1)), &mut out, &mut shapes);
    out.push(roles::right2(at(Some(i + 2))));
    // Each of these depends on the token's or a neighbour's shape alone.
    let same_shape = |x: &TokenInfo| TokenInfo { shape: x.shape, initial: x.initial, ..TokenInfo::default() };
    let mut shapes2 = Vec::new();
    let (mut a, mut b) = (Vec::new(), Vec::new());
    roles::own("", &same_shape(info), headline, &mut a, &mut shapes2);
    roles::left1(at(i.checked_sub(1)).map(same_shape).as_ref(), &mut a, &mut shapes2);
    roles::right1(at(Some(i + 1)).map(same_shape).as_ref(), &mut b, &mut shapes2);
    assert_eq!(shapes, shapes2);
    out.extend(shapes);
    out.extend(roles::bigrams(at(i.checked_sub(1)), info, at(Some(i + 1))));
    out.extend(roles::shape_pairs(at(i.checked_sub(1)), info, at(Some(i + 1))));
    out.extend(roles::kind(tokens[i].kind()));
    let (classes, pos) = sf.span(i);
    roles::span(classes, pos, &mut out);
    out
}

#[test]
fn roles_give_the_features_of_extract() {
    let texts = [
        "Prime Minister Mohammed Shia al-Sudani met US officials in New York on Tuesday, Reuters said.",
        "BAGHDAD SAYS IRAN-BACKED MILITIAS READY FOR NEW YORK TALKS",
        "saw conor and paul walker at the game in boston, I think @user was there",
        "\"Iraq,\" he said. (IRGC) 2,000 $5 @user #tag https://example.com ok :-) Shi’ite Kataib Hezbollah",
        "a",
        "",
    ];
    let mut sf = SentenceFeatures::default();
    for text in texts {
        let toks = tokenize(text);
        extract(text, &toks, &mut sf);
        for i in 0..toks.len() {
            let mut want = sf.token(i).to_vec();
            assert!(want.len() + tag_features(&sf.info(i).unwrap(), O, O).len() <= MAX_FEATURES);
            let mut got = role_features(text, &toks, &sf, i);
            want.sort_unstable();
            got.sort_unstable();
            assert_eq!(got, want, "token {i} of {text:?}");
            // Sentence-initial adds the initial shape, and changes
            // nothing else for a word with no gazetteer class.
            let own = |initial: bool| {
                let (mut out, mut shapes) = (Vec::new(), Vec::new());
                let info = TokenInfo { initial, ..sf.info(i).unwrap() };
                roles::own(toks[i].text(text), &info, is_caseless(text, &toks), &mut out, &mut shapes);
                out.extend(shapes);
                out.sort_unstable();
                out
            };
            let mut plus = own(false);
            plus.push(roles::init_shape(&sf.info(i).unwrap()));
            plus.sort_unstable();
            assert!(sf.info(i).unwrap().gaz != 0 || own(true) == plus, "token {i} of {text:?}");
        }
        // extract_info fills what the rules read, as extract does.
        let infos: Vec<TokenInfo> = sf.infos().collect();
        let spans: Vec<(u16, u8)> = (0..toks.len()).map(|i| sf.span(i)).collect();
        let mut scratch = String::new();
        let words: Vec<_> = toks.iter().map(|t| word_info(t.text(text), is_caseless(text, &toks), &mut scratch)).collect();
        let mut sf2 = SentenceFeatures::default();
        extract_info(text, &toks, is_headline(text, &toks), words.into_iter(), &mut sf2);
        assert_eq!(sf2.headline, sf.headline);
        for (a, b) in infos.iter().zip(sf2.infos()) {
            assert_eq!(
                (a.lower, a.shape, a.gaz, a.cap, a.initial, a.gaz_key, a.key),
                (b.lower, b.shape, b.gaz, b.cap, b.initial, b.gaz_key, b.key)
            );
        }
        assert_eq!(sf2.len(), infos.len());
        assert_eq!((0..toks.len()).map(|i| sf2.span(i)).collect::<Vec<_>>(), spans);
    }
}

#[test]
fn no_gazetteer_match_starts_where_the_word_is_no_key() {
    let text = "Prime Minister Mohammed Shia al-Sudani of Iraq met the New York Times and Revolutionary Guards in Saudi Arabia.";
    let toks = tokenize(text);
    let mut sf = SentenceFeatures::default();
    extract(text, &toks, &mut sf);
    let g = gazetteer::get();
    let mut buf = String::new();
    let mut keys = 0;
    let wants = [
        Classes::MAX,
        Class::Title.bit() | Class::Role.bit(),
        Class::Country.bit() | Class::Norp.bit(),
        Class::City.bit(),
    ];
    let mut skipped = 0;
    for i in 0..toks.len() {
        let found = g.longest_match(text, &toks, i, Classes::MAX, &mut buf).is_some();
        assert!(!found || may_start_match(&sf, i), "{:?}", toks[i].text(text));
        keys += usize::from(sf.info(i).unwrap().gaz_key);
        for want in wants {
            let m = g.longest_match(text, &toks, i, want, &mut buf);
            assert!(m.is_none() || may_match(&sf, i, want), "{:?} {want:b}", toks[i].text(text));
            let long = m.is_some_and(|(len, _)| len >= 2);
            assert!(!long || sf.info(i).unwrap().key & gazetteer::PREFIX != 0, "{:?}", toks[i].text(text));
            skipped += usize::from(!may_match(&sf, i, want));
        }
    }
    // The class test turns away keys that `gaz_key` lets through.
    assert!(skipped > (toks.len() - keys) * wants.len(), "{skipped}");
    // Some words are keys and some are not.
    assert!(keys > 3 && keys < toks.len(), "{keys}");
    assert!(may_start_match(&sf, toks.len()));
}

#[test]
fn same_word_same_features_and_headline_lookup() {
    let text = "BAGHDAD SAYS MILITIAS READY";
    let toks = tokenize(text);
    let mut sf = SentenceFeatures::default();
    extract(text, &toks, &mut sf);
    assert!(sf.headline);
    assert!(gazetteer::has(sf.info(0).unwrap().gaz, Class::City));
    assert_eq!(sf.starts.len(), toks.len() + 1);

    let text2 = "In Baghdad , Baghdad .";
    let toks2 = tokenize(text2);
    extract(text2, &toks2, &mut sf);
    assert!(!sf.headline);
    assert!(sf.info(0).unwrap().initial && !sf.info(1).unwrap().initial);
    assert_eq!(sf.info(1).unwrap().lower, sf.info(3).unwrap().lower);
    assert!(!sf.token(1).is_empty());

    // A lower-case sentence is read like a headline: "boston" is the city.
    let text3 = "we flew to boston with conor last week";
    let toks3 = tokenize(text3);
    extract(text3, &toks3, &mut sf);
    assert!(!sf.headline && is_lower_case(text3, &toks3));
    assert!(gazetteer::has(sf.info(3).unwrap().gaz, Class::City));
    // One capital past the first word (but "I") and it is not.
    for text in ["We flew to boston with Conor", "in Boston"] {
        assert!(!is_lower_case(text, &tokenize(text)), "{text}");
    }
    let text = "So I flew to boston, I’m told @Ana was there";
    assert!(is_lower_case(text, &tokenize(text)));
}
