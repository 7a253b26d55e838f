//! Integration tests for the closed-class entity rules
//! (`newslens::entities::numeric`): news-style sentences with their
//! expected spans, labels and normalized values; a property test that
//! `find` never panics and returns sorted, non-overlapping spans on token
//! boundaries; and, ignored by default, the scores on the dev corpora
//! (`cargo test --test numeric -- --ignored --nocapture dev_scores`).

use newslens::Label;
use newslens::doc::Value;
use newslens::entities::numeric::{Found, find};
use newslens::text::segment;

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
        Some(Value::Str(s)) => s.clone(),
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
        println!("{line}\n    {:?}", found(line).iter().map(|f| format!("{}/{} {:?}", &line[f.start_byte..f.end_byte], f.label.name(), f.attrs)).collect::<Vec<_>>());
    }
}

#[test]
fn label_is_closed_class() {
    let text = "Six people died on March 3, 2024 at 3 p.m., costing $5 million, up 45% over 10 km for the first time.";
    for f in found(text) {
        assert!(
            matches!(f.label, Label::Date | Label::Time | Label::Money | Label::Percent | Label::Quantity | Label::Ordinal | Label::Cardinal),
            "{f:?}"
        );
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
    let mut map: std::collections::HashMap<usize, usize> = text.char_indices().enumerate().map(|(ci, (b, _))| (b, ci)).collect();
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
            .filter_map(|s| Some((s["start"].as_u64()? as usize, s["end"].as_u64()? as usize, s["label"].as_str()?.to_string())))
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
        let spans: Vec<serde_json::Value> = pred.iter().map(|(s, e, l)| serde_json::json!({"start": s, "end": e, "label": l})).collect();
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
            let ctx = |s: usize, e: usize| chars[s.saturating_sub(30)..(e + 30).min(chars.len())].iter().collect::<String>().replace('\n', " ");
            for g in gold.difference(&pred) {
                println!("  MISS {:9} {:?}   | {}", g.2, piece(g.0, g.1), ctx(g.0, g.1));
            }
            for p in pred.difference(&gold) {
                println!("  FALSE {:8} {:?}   | {}", p.2, piece(p.0, p.1), ctx(p.0, p.1));
            }
        }
    }
    let out = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target").join(format!("numeric-{}", name.trim_end_matches(".gz")));
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
