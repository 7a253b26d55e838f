//! Unit tests for the tagger: the file format round trip, the table, and
//! the decoder against [`Model::tag`].

use super::*;
use super::format::read_leb;
use crate::entities::features::{N_TAGS, O, SentenceFeatures, begin, inside, roles};

#[test]
fn leb_round_trip_and_bad_models() {
    let mut v = Vec::new();
    for x in [0u32, 1, 127, 128, 300, u32::MAX] {
        write_leb(&mut v, x);
    }
    let mut pos = 0;
    for x in [0u32, 1, 127, 128, 300, u32::MAX] {
        assert_eq!(read_leb(&v, &mut pos), Some(x));
    }
    assert!(Model::parse(b"").is_none());
    assert!(Model::parse(b"# x\nNLNER2").is_none());
    assert!(Model::parse(b"# x\nNOTIT!\x0f\0\0\0\0\0\0\0").is_none());
    // The old format is not misread as the new one.
    assert!(Model::parse(b"# x\nNLNER1\x0f\x01\0\0\0\x05\x01\x03\x0a").is_none());
    // Every truncation of a good file is rejected, never a panic.
    let good = encode("# t\n", &[(3, vec![(1, 5)]), (70_000, vec![(0, -2), (4, 9)])]);
    assert!(Model::parse(&good).is_some());
    for cut in 0..good.len() {
        assert!(Model::parse(&good[..cut]).is_none(), "cut at {cut}");
    }
}

#[test]
fn encode_parse_round_trip() {
    // Gaps from 0 to near 2^32 and repeated masks: ids, tags and weights all survive.
    let mut rows: Vec<(u32, Vec<(u8, i8)>)> = vec![
        (0, vec![(0, 3)]),
        (1, vec![(1, -7), (2, 7)]),
        (2, vec![(1, 127), (2, -127)]),
        (1 << 20, vec![(14, 1)]),
        // What a slot holds itself: 10 pairs, tags up to 14.
        (1 << 21, (0..10).map(|t| (t + 5, (127 - 25 * t as i16) as i8)).collect()),
        (1 << 21 | 1, vec![(0, -128), (14, 127)]),
    ];
    // Past it, 11 pairs: these are kept apart, the last ones from pair 300 on.
    rows.extend((0..40).map(|i| ((1 << 22) + i, (0..11).map(|t| (t, (i as i16 + t as i16 - 100) as i8)).collect())));
    rows.extend([(u32::MAX - 1, vec![(0, -1), (3, 2), (14, 9)]), (u32::MAX, vec![(1, 4), (2, 5)])]);
    let m = Model::parse(&encode("# t\n", &rows)).expect("parses");
    assert_eq!(m.len(), rows.len());
    for (f, pairs) in &rows {
        let mut want = [0i32; N_TAGS];
        for &(t, w) in pairs {
            want[t as usize] = w as i32;
        }
        let mut got = [0i32; N_TAGS];
        m.add(*f, &mut got);
        assert_eq!(got, want, "feature {f}");
    }
    let mut none = [0i32; N_TAGS];
    m.add(3, &mut none);
    m.add(u32::MAX - 2, &mut none);
    assert_eq!(none, [0; N_TAGS]);
}

#[test]
fn tiny_model_scores_features() {
    let m = Model::parse(&encode("# test\n", &[(5, vec![(3, 10)]), (9, vec![(0, -3), (4, 7)])])).expect("parses");
    assert_eq!(m.len(), 2);
    let mut s = [0i32; N_TAGS];
    m.add(5, &mut s);
    m.add(9, &mut s);
    m.add(6, &mut s);
    m.add(0, &mut s);
    assert_eq!((s[3], s[0], s[4]), (10, -3, 7));
}

#[test]
fn feature_zero_is_a_real_feature() {
    // The bias feature hashes to id 0; it must not read as an empty slot.
    assert_eq!(crate::entities::features::feature(0, 0), 0);
    let m = Model::parse(&encode("# test\n", &[(0, vec![(2, 9)]), (7, vec![(5, 4)])])).expect("parses");
    let mut s = [0i32; N_TAGS];
    m.add(0, &mut s);
    m.add(7, &mut s);
    m.add(8, &mut s);
    assert_eq!((s[2], s[5]), (9, 4));
}

/// Tags every sentence of `text` with [`Model::tag`] and with one
/// [`Decoder`] for the whole text, and checks they agree. Returns the
/// number of tokens not tagged O.
fn decoder_agrees(model: &Model, text: &str) -> usize {
    let seg = crate::text::segment(text);
    let mut decoder = Decoder::new(model, seg.tokens.len());
    let (mut sf, mut sf2) = (SentenceFeatures::default(), SentenceFeatures::default());
    let (mut want, mut got) = (Vec::new(), Vec::new());
    let mut tagged = 0;
    for range in &seg.sentence_tokens {
        let tokens = &seg.tokens[range.clone()];
        features::extract(text, tokens, &mut sf);
        model.tag(&sf, &mut want);
        decoder.tag(text, tokens, &mut sf2, &mut got);
        assert_eq!(got, want, "{:?}", &text[tokens.first().map_or(0, |t| t.start())..tokens.last().map_or(0, |t| t.end())]);
        assert_eq!(sf2.headline, sf.headline);
        // The decoder lists each distinct word once; every token still
        // reads the values that `extract` computed for it.
        assert_eq!(sf2.len(), sf.len());
        assert!(sf.infos().zip(sf2.infos()).all(|(a, b)| {
            (a.lower, a.shape, a.gaz, a.cap, a.initial, a.gaz_key, a.key) == (b.lower, b.shape, b.gaz, b.cap, b.initial, b.gaz_key, b.key)
        }));
        tagged += want.iter().filter(|&&t| t != O).count();
    }
    tagged
}

#[test]
fn decoder_tags_as_model_tag() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/seed-article.txt");
    let seed = std::fs::read_to_string(path).expect("seed article in ../shared/data");
    let gold = include_str!("../../../tests/coref/gold.txt");
    let headlines = "BAGHDAD SAYS IRAN-BACKED MILITIAS READY\n\nIRAQ AND IRAN TALK IN NEW YORK\n\nIraq and Iran talk.";
    for text in [seed.as_str(), gold, headlines] {
        // Not a vacuous agreement: the model does tag names here.
        assert!(decoder_agrees(model(), text) > 0);
    }
}

#[test]
fn decoder_agrees_at_the_largest_weights() {
    // Every feature the text's tokens can have, with the largest
    // weights a model file holds (+127 and -128, by bits of the id) on
    // most tags: the decoder's i16 lanes hold the sums exactly (debug
    // builds would panic on an overflow).
    let text = "BAGHDAD SAYS IRAN-BACKED MILITIAS READY\n\nPrime Minister Mohammed Shia al-Sudani of Iraq met \
                the New York Times in Saudi Arabia, Reuters said on 3 May 2023 (#tag @user).";
    let seg = crate::text::segment(text);
    let mut sf = SentenceFeatures::default();
    let mut ids = vec![roles::bias()];
    for range in &seg.sentence_tokens {
        features::extract(text, &seg.tokens[range.clone()], &mut sf);
        ids.extend(&sf.feats);
        for info in &sf.infos().collect::<Vec<_>>() {
            for (prev, prev2) in (0..N_TAGS as u8).flat_map(|a| (0..N_TAGS as u8).map(move |b| (a, b))) {
                ids.extend(features::tag_features(info, prev, prev2));
            }
        }
    }
    ids.sort_unstable();
    ids.dedup();
    let rows: Vec<(u32, Vec<(u8, i8)>)> = ids
        .iter()
        .map(|&f| {
            let pairs = (0..N_TAGS as u8).filter_map(|t| match (f >> t) & 3 {
                0 | 2 => Some((t, 127)),
                1 => Some((t, -128)),
                _ => None,
            });
            (f, pairs.collect())
        })
        .collect();
    let m = Model::parse(&encode("# t\n", &rows)).expect("parses");
    // Not refused: every feature kept, at the largest |weight| there is.
    assert_eq!(m.len(), rows.len());
    assert!(Model::fits_i16(128));
    assert!(decoder_agrees(&m, text) > 0);
}

#[test]
fn models_whose_sums_could_overflow_i16_are_refused() {
    // Two features of one role ("Baghdad" as the previous word) with
    // 255 pairs of +127 on one tag: their sum does not fit in i16.
    let text = "Baghdad Iraq . Baghdad Iraq , Baghdad";
    let toks = crate::text::tokens::tokenize(text);
    let mut sf = SentenceFeatures::default();
    features::extract(text, &toks, &mut sf);
    let mut ids = Vec::new();
    roles::left1(sf.info(0).as_ref(), &mut ids, &mut Vec::new());
    ids.truncate(2);
    ids.sort_unstable();
    // The file format holds at most one weight per (feature, tag), so
    // such a model can only be built in memory.
    // It is malformed, so it is empty, as a bad file's model is.
    let m = Model::from_parts(&ids, &[255, 255], vec![(features::begin(4), 127); 510]);
    assert!(m.is_empty());
    assert_eq!(decoder_agrees(&m, text), 0);
    // Two such pairs (254 per feature, 96 features: 24,384) still fit.
    let m = Model::from_parts(&ids, &[2, 2], vec![(features::begin(4), 127); 4]);
    assert_eq!(m.len(), 2);
    // The check's edge: the largest weight whose 96-fold sum fits i16;
    // the refused model's 255 x 127 is far past it.
    let edge = i16::MAX as i32 / features::MAX_FEATURES as i32;
    assert!(Model::fits_i16(254) && Model::fits_i16(edge) && !Model::fits_i16(edge + 1));
    assert!(!Model::fits_i16(255 * 127));
    assert!(decoder_agrees(&m, text) > 0);
}

#[test]
fn decoder_words_are_keyed_by_text_and_headline() {
    // Past the index's first size; words that share their first 8
    // bytes, with equal and unequal lengths; case; the empty word.
    let mut words: Vec<String> = (0..300).map(|i| format!("w{i}")).collect();
    words.extend(
        ["internationally", "internationalxy", "internationalist", "Iraq", "IRAQ", "", "日本語", "a", "ab", "w1 "]
            .map(String::from),
    );
    let mut d = Decoder::new(model(), 1);
    let mut seen = std::collections::HashMap::new();
    for _ in 0..2 {
        for w in &words {
            for headline in [false, true] {
                let k = d.word(w, headline);
                assert_eq!(k, *seen.entry((w.as_str(), headline)).or_insert(k), "{w:?} {headline}");
                assert_eq!((d.words[k as usize].text, d.words[k as usize].headline), (w.as_str(), headline));
            }
        }
    }
    assert_eq!(d.words.len(), 2 * words.len());
}

#[test]
fn runs_follow_bio() {
    let tags = [O, begin(0), inside(0), O, begin(4), begin(4), inside(4)];
    assert_eq!(runs(&tags), vec![(1, 3, 0), (4, 5, 4), (5, 7, 4)]);
}
