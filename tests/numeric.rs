//! Integration tests for the closed-class entity rules
//! (`newslens::internals::entities::numeric`): news-style sentences with their
//! expected spans, labels and normalized values; a property test that
//! `find` never panics and returns sorted, non-overlapping spans on token
//! boundaries; and, ignored by default, the scores on the dev corpora
//! (`cargo test --test numeric -- --ignored --nocapture dev_scores`).

use newslens::Label;
use newslens::internals::doc::Value;
use newslens::internals::entities::numeric::{Found, find};
use newslens::internals::text::segment;

fn found(text: &str) -> Vec<Found> {
    find(text, &segment(text))
}

/// "text/LABEL" for every entity.
fn tags(text: &str) -> Vec<String> {
    found(text).into_iter().map(|f| format!("{}/{}", &text[f.start_byte..f.end_byte], f.label.name())).collect()
}

/// The entity whose text is `span`, or a panic listing what was found.
fn get(text: &str, span: &str) -> Found {
    let all = found(text);
    all.iter()
        .find(|f| &text[f.start_byte..f.end_byte] == span)
        .cloned()
        .unwrap_or_else(|| panic!("no entity {span:?} in {text:?}; found {:?}", tags(text)))
}

fn int(f: &Found, key: &str) -> i64 {
    match f.attrs.get(key) {
        Some(Value::Int(n)) => *n,
        other => panic!("attr {key} of {f:?} is {other:?}"),
    }
}

fn num(f: &Found, key: &str) -> f64 {
    match f.attrs.get(key) {
        Some(Value::Int(n)) => *n as f64,
        Some(Value::Num(n)) => *n,
        other => panic!("attr {key} of {f:?} is {other:?}"),
    }
}

fn string(f: &Found, key: &str) -> String {
    match f.attrs.get(key) {
        Some(Value::Str(s)) => s.to_string(),
        other => panic!("attr {key} of {f:?} is {other:?}"),
    }
}

/// Prints the entities of each line of the file named by NUMERIC_SHOW.
#[test]
#[ignore]
fn show() {
    let Ok(path) = std::env::var("NUMERIC_SHOW") else { return };
    let text = std::fs::read_to_string(path).unwrap_or_default();
    for line in text.lines() {
        println!(
            "{line}\n    {:?}",
            found(line)
                .iter()
                .map(|f| format!("{}/{} {:?}", &line[f.start_byte..f.end_byte], f.label.name(), f.attrs))
                .collect::<Vec<_>>()
        );
    }
}

#[test]
fn label_is_closed_class() {
    let text = "Six people died on March 3, 2024 at 3 p.m., costing $5 million, up 45% over 10 km for the first time.";
    for f in found(text) {
        assert!(
            matches!(
                f.label,
                Label::Date
                    | Label::Time
                    | Label::Money
                    | Label::Percent
                    | Label::Quantity
                    | Label::Ordinal
                    | Label::Cardinal
            ),
            "{f:?}"
        );
    }
}

// ---- news sentences -------------------------------------------------------

#[test]
fn seed_article_dates_and_numbers() {
    let text = "The move to defuse tensions follows repeated private warnings from US officials to the Iraqi government since January, sources including six militia commanders said.";
    assert_eq!(tags(text), ["January/DATE", "six/CARDINAL"]);
    assert_eq!(int(&get(text, "January"), "month"), 1);
    assert_eq!(string(&get(text, "January"), "iso"), "--01");
    assert_eq!(int(&get(text, "six"), "value"), 6);

    let text = "Iraq balances its alliances with both the US and Iran, with the militias having grown significantly since the 2003 US invasion.";
    assert_eq!(tags(text), ["2003/DATE"]);
    assert_eq!(int(&get(text, "2003"), "year"), 2003);

    let text = "Several powerful Iranian-backed militia groups in Iraq are prepared to disarm for the first time.";
    assert_eq!(tags(text), ["first/ORDINAL"]);
    assert_eq!(int(&get(text, "first"), "value"), 1);
}

#[test]
fn money_with_symbols_codes_and_words() {
    let text = "The government pledged $135 million, while Britain gave £3bn and the EU €5.5 billion.";
    assert_eq!(tags(text), ["$135 million/MONEY", "£3bn/MONEY", "€5.5 billion/MONEY"]);
    let m = get(text, "$135 million");
    assert_eq!(num(&m, "amount"), 135_000_000.0);
    assert_eq!(string(&m, "currency"), "USD");
    assert_eq!(num(&get(text, "£3bn"), "amount"), 3e9);
    assert_eq!(string(&get(text, "£3bn"), "currency"), "GBP");
    assert_eq!(string(&get(text, "€5.5 billion"), "currency"), "EUR");

    let text = "Fines of 500 euros, 1.2 billion dollars and 10,000 Iraqi dinars were paid in US$40 and HK$7.";
    let m = get(text, "1.2 billion dollars");
    assert_eq!(num(&m, "amount"), 1.2e9);
    assert_eq!(string(&m, "currency"), "USD");
    assert_eq!(string(&get(text, "500 euros"), "currency"), "EUR");
    assert_eq!(string(&get(text, "10,000 Iraqi dinars"), "currency"), "IQD");
    assert_eq!(string(&get(text, "US$40"), "currency"), "USD");
    assert_eq!(string(&get(text, "HK$7"), "currency"), "HKD");

    let text = "Tehran set the price at 5 million rials, or USD 120, about 50 cents a litre.";
    assert_eq!(string(&get(text, "5 million rials"), "currency"), "IRR");
    assert_eq!(num(&get(text, "USD 120"), "amount"), 120.0);
    let cents = get(text, "about 50 cents");
    assert_eq!(num(&cents, "amount"), 0.5);
    assert_eq!(string(&cents, "approx"), "about");
}

#[test]
fn pounds_are_money_only_when_plainly_money() {
    let text = "The parcel weighed 5 pounds; the club paid 40 million pounds.";
    assert_eq!(tags(text), ["5 pounds/QUANTITY", "40 million pounds/MONEY"]);
    assert_eq!(string(&get(text, "40 million pounds"), "currency"), "GBP");
}

#[test]
fn percentages() {
    let text = "Inflation hit 45 percent, or 45%, up 2.5 per cent and 0.5 percentage points; shares fell 5-10%.";
    assert_eq!(
        tags(text),
        ["45 percent/PERCENT", "45%/PERCENT", "2.5 per cent/PERCENT", "0.5 percentage points/PERCENT", "5-10%/PERCENT"]
    );
    assert_eq!(num(&get(text, "2.5 per cent"), "value"), 2.5);
    assert_eq!(num(&get(text, "5-10%"), "value"), 5.0);
    assert_eq!(num(&get(text, "5-10%"), "to"), 10.0);
    let text = "Turnout was forty percent.";
    assert_eq!(int(&get(text, "forty percent"), "value"), 40);
}

#[test]
fn times_and_days() {
    let text = "The vote closes at 3 p.m. Tuesday and results come at 10:30 a.m. on Wednesday.";
    assert_eq!(tags(text), ["3 p.m./TIME", "Tuesday/DATE", "10:30 a.m./TIME", "Wednesday/DATE"]);
    assert_eq!(int(&get(text, "3 p.m."), "hour"), 15);
    assert_eq!(int(&get(text, "10:30 a.m."), "minute"), 30);
    assert_eq!(int(&get(text, "Tuesday"), "weekday"), 2);

    let text = "Oil rose by 1500 GMT after strikes overnight and last night; talks resume tonight.";
    assert_eq!(tags(text), ["1500 GMT/TIME", "overnight/TIME", "last night/TIME", "tonight/TIME"]);
    assert_eq!(string(&get(text, "1500 GMT"), "zone"), "GMT");
    let text = "He spoke for two hours on Friday night and left at midnight.";
    assert_eq!(tags(text), ["two hours/TIME", "Friday night/TIME", "midnight/TIME"]);
}

#[test]
fn relative_dates() {
    let text = "Prices fell last week and this year, rose yesterday, and may rise next month.";
    assert_eq!(tags(text), ["last week/DATE", "this year/DATE", "yesterday/DATE", "next month/DATE"]);
    for span in ["last week", "this year", "yesterday", "next month"] {
        assert_eq!(get(text, span).attrs.get("relative"), Some(&Value::Bool(true)), "{span}");
    }
    let text =
        "Two years ago the group, active for the past two years, lost a dozen fighters; in recent years it shrank.";
    assert_eq!(tags(text), ["Two years ago/DATE", "the past two years/DATE", "a dozen/CARDINAL", "recent years/DATE"]);
    assert_eq!(int(&get(text, "Two years ago"), "value"), 2);
    assert_eq!(string(&get(text, "Two years ago"), "unit"), "year");
    let text = "Earlier this month officials said talks would end later this year, a year ago they had said the end of last year.";
    assert_eq!(
        tags(text),
        ["Earlier this month/DATE", "later this year/DATE", "a year ago/DATE", "the end of last year/DATE"]
    );
}

#[test]
fn calendar_dates() {
    let text =
        "BAGHDAD, Nov 27 (Reuters) - The deal, signed on March 3, 2024, takes effect Jan. 5 and ends 30 June 2025.";
    assert_eq!(tags(text), ["Nov 27/DATE", "March 3, 2024/DATE", "Jan. 5/DATE", "30 June 2025/DATE"]);
    let d = get(text, "March 3, 2024");
    assert_eq!((int(&d, "year"), int(&d, "month"), int(&d, "day")), (2024, 3, 3));
    assert_eq!(string(&get(text, "30 June 2025"), "iso"), "2025-06-30");
    assert_eq!(string(&get(text, "Nov 27"), "iso"), "--11-27");

    let text = "Growth slowed in the 1990s and mid-2022, and in the first quarter of 2024, by 2024-03-05.";
    assert_eq!(tags(text), ["the 1990s/DATE", "mid-2022/DATE", "the first quarter of 2024/DATE", "2024-03-05/DATE"]);
    assert_eq!(int(&get(text, "the 1990s"), "decade"), 1990);
    assert_eq!(int(&get(text, "the first quarter of 2024"), "quarter"), 1);

    let text = "Leaders meet on Tuesday, March 3, at Christmas and during Ramadan, as in the 19th century.";
    assert_eq!(tags(text), ["Tuesday, March 3/DATE", "Christmas/DATE", "Ramadan/DATE", "the 19th century/DATE"]);
}

#[test]
fn quantities() {
    let text = "The convoy travelled 10 km with 5 tons of flour, 2.5 miles of cable and 1.5 million barrels per day.";
    assert_eq!(
        tags(text),
        ["10 km/QUANTITY", "5 tons/QUANTITY", "2.5 miles/QUANTITY", "1.5 million barrels per day/QUANTITY"]
    );
    assert_eq!(string(&get(text, "10 km"), "unit"), "km");
    assert_eq!(num(&get(text, "2.5 miles"), "value"), 2.5);
    assert_eq!(num(&get(text, "1.5 million barrels per day"), "value"), 1.5e6);
    let text = "Temperatures hit 45 degrees Celsius across 300 square km, near a 10km exclusion zone.";
    assert_eq!(tags(text), ["45 degrees Celsius/QUANTITY", "300 square km/QUANTITY", "10km/QUANTITY"]);
    assert_eq!(string(&get(text, "45 degrees Celsius"), "unit"), "°C");
    assert_eq!(string(&get(text, "300 square km"), "unit"), "sq km");
    let text = "London hit 30C (86F) as 3D printers and 5G masts overheated.";
    assert_eq!(tags(text), ["30C/QUANTITY", "86F/QUANTITY"]);
    assert_eq!(string(&get(text, "86F"), "unit"), "°F");
}

#[test]
fn cardinals_and_ordinals() {
    let text = "About 1,000 people, dozens of children and hundreds of thousands of refugees fled; 2.5 million remain.";
    assert_eq!(
        tags(text),
        ["About 1,000/CARDINAL", "dozens/CARDINAL", "hundreds of thousands/CARDINAL", "2.5 million/CARDINAL"]
    );
    assert_eq!(int(&get(text, "About 1,000"), "value"), 1000);
    assert_eq!(int(&get(text, "2.5 million"), "value"), 2_500_000);
    let text = "It was the second attack and the twenty-first this year; he came 3rd.";
    assert_eq!(tags(text), ["second/ORDINAL", "twenty-first/ORDINAL", "this year/DATE", "3rd/ORDINAL"]);
    assert_eq!(int(&get(text, "twenty-first"), "value"), 21);
    assert_eq!(int(&get(text, "3rd"), "value"), 3);
    // OntoNotes marks "one" in "one of the"; pronoun uses are not numbers
    assert_eq!(tags("He is one of the leaders; the one who left; no one knows."), ["one/CARDINAL"]);
    assert!(tags("They held one-on-one talks.").is_empty());
}

#[test]
fn sports_results() {
    let text = "Arsenal beat Chelsea 2-1 on Saturday while Liverpool drew 0-0; Salah scored in the 62nd minute.";
    assert_eq!(tags(text), ["2-1/CARDINAL", "Saturday/DATE", "0-0/CARDINAL", "the 62nd minute/TIME"]);
    assert_eq!(string(&get(text, "2-1"), "score"), "2-1");
}

#[test]
fn ages() {
    let text = "John Smith, 45, said his 10-year-old son was aged 9 when they moved.";
    assert_eq!(tags(text), ["45/DATE", "10-year-old/DATE", "aged 9/DATE"]);
    assert_eq!(int(&get(text, "45"), "age"), 45);
    assert_eq!(int(&get(text, "10-year-old"), "age"), 10);
}

#[test]
fn all_caps_headline() {
    let text = "IRAQ MILITIAS READY TO DISARM FOR FIRST TIME, SAY SIX COMMANDERS";
    assert_eq!(tags(text), ["FIRST/ORDINAL", "SIX/CARDINAL"]);
    let text = "OIL JUMPS 3 PERCENT TO $85 AS TALKS STALL ON TUESDAY";
    assert_eq!(tags(text), ["3 PERCENT/PERCENT", "$85/MONEY", "TUESDAY/DATE"]);
}

#[test]
fn identifiers_are_not_numbers() {
    let text = "Call +44 20 7946 0958 or 910-432-3383 about the F-16, COVID-19 and Resolution 2334 at No. 10.";
    assert_eq!(tags(text), Vec::<String>::new());
    let text = "See https://example.com/2024/05/story and email news2024@example.org.";
    assert_eq!(tags(text), Vec::<String>::new());
    let text = "The army said[3] that 59°10′25″N was the spot.";
    assert_eq!(tags(text), Vec::<String>::new());
}

#[test]
fn approximators_are_part_of_the_span() {
    let text = "More than 1,000 troops and nearly $2 billion arrived within about 15 minutes.";
    assert_eq!(tags(text), ["More than 1,000/CARDINAL", "nearly $2 billion/MONEY", "about 15 minutes/TIME"]);
    assert_eq!(string(&get(text, "More than 1,000"), "approx"), "more than");
}

#[test]
fn table_rows() {
    // a results table: small numbers stay cardinals, no phone-number skip
    let text = "Arsenal 10 7 2 1 20 8 23";
    let t = tags(text);
    assert!(t.len() >= 6, "{t:?}");
    assert!(t.iter().all(|s| s.ends_with("/CARDINAL")), "{t:?}");
}

#[test]
fn wire_copy() {
    let text = "NEW YORK, March 3 (Reuters) - The S&P 500 rose 1.2% on Tuesday.";
    assert_eq!(tags(text), ["March 3/DATE", "1.2%/PERCENT", "Tuesday/DATE"]);
    let text = "Brent crude futures rose 45 cents, or 0.6%, to $78.12 a barrel by 0930 GMT.";
    assert_eq!(tags(text), ["45 cents/MONEY", "0.6%/PERCENT", "$78.12/MONEY", "0930 GMT/TIME"]);
    assert_eq!(num(&get(text, "$78.12"), "amount"), 78.12);
    let text = "Profit rose to 1.5 bln dlrs in the quarter, or 300 mln stg, after a 25-basis-point cut.";
    assert_eq!(tags(text), ["1.5 bln dlrs/MONEY", "300 mln stg/MONEY", "25-basis-point/PERCENT"]);
    assert_eq!(string(&get(text, "300 mln stg"), "currency"), "GBP");
    assert_eq!(string(&get(text, "25-basis-point"), "unit"), "basis_point");
    let text = "SHARES JUMP 5 PCT AFTER Q3 PROFIT DOUBLES TO $2.1 BLN";
    assert_eq!(tags(text), ["5 PCT/PERCENT", "Q3/DATE", "$2.1 BLN/MONEY"]);
    assert_eq!(num(&get(text, "$2.1 BLN"), "amount"), 2.1e9);
    let text = "Strikes began at 0800 local time (0500 GMT) and lasted until 5:30 a.m. EDT.";
    assert_eq!(tags(text), ["0800 local time/TIME", "0500 GMT/TIME", "5:30 a.m. EDT/TIME"]);
    let text = "Police said the man, 34, was arrested at 11:45 p.m. on Saturday.";
    assert_eq!(tags(text), ["34/DATE", "11:45 p.m./TIME", "Saturday/DATE"]);
    let text = "Two-thirds of voters backed it, between 2 and 3 percent more than in 2019.";
    assert_eq!(tags(text), ["Two-thirds/CARDINAL", "between 2 and 3 percent/PERCENT", "2019/DATE"]);
    assert_eq!(num(&get(text, "Two-thirds"), "value"), 0.6667);
    // names with numbers stay whole for the name recognizer
    let text = "Officials discussed the Boeing 737 MAX, World War Two, the 101st Airborne Division and Article 5.";
    assert_eq!(tags(text), Vec::<String>::new());
}

// ---- laws -----------------------------------------------------------------

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

    /// Any input: no panic, spans sorted, non-overlapping, on token boundaries.
    #[test]
    fn spans_are_sorted_disjoint_and_on_token_boundaries(text in "\\PC{0,200}") {
        check_laws(&text);
    }

    /// News-like input built from the words the rules look at.
    #[test]
    fn laws_hold_on_number_soup(words in proptest::collection::vec(proptest::sample::select(SOUP.to_vec()), 0..40)) {
        let text = words.join(" ");
        check_laws(&text);
        check_laws(&words.concat());
    }
}

const SOUP: &[&str] = &[
    "$",
    "£",
    "€",
    "US",
    "US$",
    "5",
    "1,000",
    "2.5",
    "2003",
    "1990s",
    "'90s",
    "mid",
    "-",
    "–",
    "/",
    ":",
    "%",
    "percent",
    "per",
    "cent",
    "million",
    "bn",
    "3bn",
    "a",
    "the",
    "past",
    "last",
    "next",
    "this",
    "year",
    "years",
    "ago",
    "old",
    "May",
    "March",
    "Jan.",
    "Tuesday",
    ",",
    ".",
    "3",
    "p.m.",
    "pm",
    "12:30",
    "GMT",
    "first",
    "twenty",
    "one",
    "of",
    "hundreds",
    "tens",
    "dozen",
    "km",
    "square",
    "degrees",
    "°",
    "C",
    "No.",
    "+",
    "[",
    "]",
    "2-1",
    "2024-03-05",
    "3/5/2024",
    "Iraqi",
    "dinars",
    "pounds",
    "sterling",
    "aged",
    "Smith",
    "end",
    "half",
    "and",
    "to",
    "early",
    "Christmas",
    "Eve",
    "Eid",
    "al",
    "Fitr",
    "Q3",
    "fiscal",
    "BC",
    "century",
    "21st",
    "minute",
    "é",
    "👍",
];

fn check_laws(text: &str) {
    let seg = segment(text);
    let starts: std::collections::HashSet<usize> = seg.tokens.iter().map(|t| t.start()).collect();
    let ends: std::collections::HashSet<usize> = seg.tokens.iter().map(|t| t.end()).collect();
    let mut last_end = 0;
    for f in find(text, &seg) {
        assert!(f.start_byte < f.end_byte && f.end_byte <= text.len(), "{f:?} in {text:?}");
        assert!(f.start_byte >= last_end, "overlap or unsorted at {f:?} in {text:?}");
        assert!(
            starts.contains(&f.start_byte) && ends.contains(&f.end_byte),
            "{f:?} not on token boundaries in {text:?}"
        );
        last_end = f.end_byte;
    }
}

// ---- dev-corpus scores ----------------------------------------------------

/// Reads a gzipped JSONL corpus from `../shared/data/ner/` with the
/// system's `gzip` (no decompression crate for one ignored test).
fn read_corpus(name: &str) -> Vec<serde_json::Value> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/ner").join(name);
    let out = std::process::Command::new("gzip").arg("-dc").arg(&path).output();
    let Ok(out) = out else { return Vec::new() };
    String::from_utf8_lossy(&out.stdout).lines().filter_map(|l| serde_json::from_str(l).ok()).collect()
}

/// Code-point offset of every byte offset that starts a char (and the end).
fn char_index(text: &str) -> std::collections::HashMap<usize, usize> {
    let mut map: std::collections::HashMap<usize, usize> =
        text.char_indices().enumerate().map(|(ci, (b, _))| (b, ci)).collect();
    map.insert(text.len(), text.chars().count());
    map
}

/// Exact span-and-label precision and recall of the numeric rules on a dev
/// corpus, for the labels it annotates. Prints per-label figures and, with
/// NUMERIC_ERRORS=1, the misses and false alarms.
fn score(name: &str, labels: &[&str]) {
    use std::collections::{BTreeMap, BTreeSet};
    let docs = read_corpus(name);
    if docs.is_empty() {
        println!("{name}: not found, skipped");
        return;
    }
    let show = std::env::var("NUMERIC_ERRORS").is_ok();
    let no_approx = std::env::var("NUMERIC_NO_APPROX").is_ok();
    let mut counts: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new(); // tp, pred, gold
    let mut preds_out = String::new();
    for doc in &docs {
        let text = doc["text"].as_str().unwrap_or("");
        let idx = char_index(text);
        let chars: Vec<char> = text.chars().collect();
        let gold: BTreeSet<(usize, usize, String)> = doc["spans"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|s| {
                Some((s["start"].as_u64()? as usize, s["end"].as_u64()? as usize, s["label"].as_str()?.to_string()))
            })
            .filter(|s| labels.contains(&s.2.as_str()))
            .collect();
        let pred: BTreeSet<(usize, usize, String)> = found(text)
            .into_iter()
            .filter(|f| labels.contains(&f.label.name()))
            .filter_map(|f| {
                // NUMERIC_NO_APPROX=1 scores spans without "about", "more than" ...
                let mut start = f.start_byte;
                if let (true, Some(Value::Str(a))) = (no_approx, f.attrs.get("approx")) {
                    for _ in a.split(' ') {
                        let rest = &text[start..f.end_byte];
                        let word = rest.find(char::is_whitespace).unwrap_or(rest.len());
                        let space = rest[word..].len() - rest[word..].trim_start().len();
                        start += word + space;
                    }
                }
                Some((*idx.get(&start)?, *idx.get(&f.end_byte)?, f.label.name().to_string()))
            })
            .collect();
        let spans: Vec<serde_json::Value> =
            pred.iter().map(|(s, e, l)| serde_json::json!({"start": s, "end": e, "label": l})).collect();
        preds_out.push_str(&serde_json::json!({"id": doc["id"], "spans": spans}).to_string());
        preds_out.push('\n');
        for l in labels {
            let c = counts.entry(l.to_string()).or_default();
            c.0 += pred.iter().filter(|p| &p.2 == l && gold.contains(*p)).count();
            c.1 += pred.iter().filter(|p| &p.2 == l).count();
            c.2 += gold.iter().filter(|g| &g.2 == l).count();
        }
        if show {
            let piece = |s: usize, e: usize| chars[s.min(chars.len())..e.min(chars.len())].iter().collect::<String>();
            let ctx = |s: usize, e: usize| {
                chars[s.saturating_sub(30)..(e + 30).min(chars.len())].iter().collect::<String>().replace('\n', " ")
            };
            for g in gold.difference(&pred) {
                println!("  MISS {:9} {:?}   | {}", g.2, piece(g.0, g.1), ctx(g.0, g.1));
            }
            for p in pred.difference(&gold) {
                println!("  FALSE {:8} {:?}   | {}", p.2, piece(p.0, p.1), ctx(p.0, p.1));
            }
        }
    }
    let out = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join(format!("numeric-{}", name.trim_end_matches(".gz")));
    let _ = std::fs::write(&out, preds_out);
    println!("{name} ({} docs; predictions in {})", docs.len(), out.display());
    println!("  {:9} {:>5} {:>5} {:>5} {:>6} {:>6} {:>6}", "label", "tp", "pred", "gold", "P", "R", "F1");
    let (mut tp, mut np, mut ng) = (0, 0, 0);
    let pct = |a: usize, b: usize| if b == 0 { 0.0 } else { 100.0 * a as f64 / b as f64 };
    for (l, &(t, p, g)) in &counts {
        let (pr, rc) = (pct(t, p), pct(t, g));
        let f1 = if pr + rc == 0.0 { 0.0 } else { 2.0 * pr * rc / (pr + rc) };
        println!("  {l:9} {t:>5} {p:>5} {g:>5} {pr:>6.1} {rc:>6.1} {f1:>6.1}");
        tp += t;
        np += p;
        ng += g;
    }
    let (pr, rc) = (pct(tp, np), pct(tp, ng));
    let f1 = if pr + rc == 0.0 { 0.0 } else { 2.0 * pr * rc / (pr + rc) };
    println!("  {:9} {tp:>5} {np:>5} {ng:>5} {pr:>6.1} {rc:>6.1} {f1:>6.1}", "micro");
}

/// `cargo test --release --test numeric -- --ignored --nocapture dev_scores`
#[test]
#[ignore]
fn dev_scores() {
    score("gum.dev.jsonl.gz", &["DATE", "TIME", "MONEY", "PERCENT"]);
    score("re3d.dev.jsonl.gz", &["DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL"]);
    if std::env::var("NUMERIC_MORE").is_ok() {
        score("gum.test.jsonl.gz", &["DATE", "TIME", "MONEY", "PERCENT"]);
        score("gum.train.jsonl.gz", &["DATE", "TIME", "MONEY", "PERCENT"]);
        score("re3d.train.jsonl.gz", &["DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL"]);
    }
}

/// Time `find` on about 1 MB of news (the seed article and the sentences
/// above, repeated): `cargo test --release --test numeric -- --ignored --nocapture throughput`
#[test]
#[ignore]
fn throughput() {
    let seed = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/seed-article.txt"),
    )
    .unwrap_or_default();
    let extra = "BAGHDAD, Nov 27 (Reuters) - The deal, signed on March 3, 2024, pledged $135 million, up 45 percent from last year, at 3 p.m. Tuesday.\n\
                 About 1,000 people, dozens of children and hundreds of thousands of refugees fled in the 1990s; Arsenal beat Chelsea 2-1.\n";
    let unit = format!("{seed}\n{extra}");
    let mut text = String::new();
    while text.len() < 1_000_000 {
        text.push_str(&unit);
    }
    let seg = segment(&text);
    let t0 = std::time::Instant::now();
    let n = find(&text, &seg).len();
    let dt = t0.elapsed();
    println!(
        "numeric::find: {} bytes, {} tokens, {n} entities in {:.1} ms ({:.1} MB/s)",
        text.len(),
        seg.tokens.len(),
        dt.as_secs_f64() * 1e3,
        text.len() as f64 / 1e6 / dt.as_secs_f64()
    );
}
