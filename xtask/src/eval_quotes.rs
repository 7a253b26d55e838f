//! Task `eval-quotes`: scores quotes, speakers and hedges against the gold
//! in `tests/quotes/gold.jsonl`, shows what the layers find on the
//! reference article (`../shared/data/seed-article.txt`) against the issue's
//! targets, and times the quote and hedge layers against full annotation.
//!
//! Scoring: a predicted quote matches a gold quote when their spans overlap
//! (each used once, best overlap first); "exact" also requires equal ends.
//! Speaker accuracy is over matched quotes that have a gold speaker: strict
//! means the resolved names are equal after lower-casing and dropping a
//! leading article; lenient means the gold name's last word is in the
//! predicted name (so "Linda Park" matches "Mayor Linda Park"). Cue and
//! speaker-mention spans count when they overlap the gold ones. Hedges match
//! by overlap and class. Offsets are code points, as in ../shared/eval.
//!
//! `cargo xtask eval-quotes [--no-bench] [--gold FILE]`

use std::collections::BTreeMap;
use std::time::Instant;

use newslens::{Label, Layer, Options, Span, annotate};
use serde_json::Value as Json;

struct GoldQuote {
    start: usize,
    end: usize,
    kind: String,
    speaker_name: Option<String>,
    cue: Option<(usize, usize)>,
    speaker: Option<(usize, usize)>,
}

struct GoldHedge {
    start: usize,
    end: usize,
    class: String,
}

struct Pred {
    start: usize,
    end: usize,
    kind: String,
    speaker_name: Option<String>,
    cue: Option<(usize, usize)>,
    speaker: Option<(usize, usize)>,
}

#[derive(Default)]
struct Counts {
    tp: usize,
    pred: usize,
    gold: usize,
}

impl Counts {
    fn prf(&self) -> (f64, f64, f64) {
        let p = if self.pred == 0 { 0.0 } else { self.tp as f64 / self.pred as f64 };
        let r = if self.gold == 0 { 0.0 } else { self.tp as f64 / self.gold as f64 };
        let f = if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
        (p, r, f)
    }
    fn line(&self, name: &str) -> String {
        let (p, r, f) = self.prf();
        format!("  {name:<22} P {p:.3}  R {r:.3}  F1 {f:.3}   (tp {}, pred {}, gold {})", self.tp, self.pred, self.gold)
    }
}

/// Byte offset -> code point offset, for every char boundary.
fn cp_index(text: &str) -> Vec<usize> {
    let mut idx = vec![0; text.len() + 1];
    let mut n = 0;
    for (b, c) in text.char_indices() {
        for k in 0..c.len_utf8() {
            idx[b + k] = n;
        }
        n += 1;
    }
    idx[text.len()] = n;
    idx
}

fn attr_str(s: &Span, key: &str) -> Option<String> {
    s.attrs.get(key).and_then(newslens::Value::as_str).map(str::to_string)
}

fn norm(name: &str) -> String {
    let lower = name.to_lowercase();
    let words: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric() && c != '-').filter(|w| !w.is_empty()).collect();
    let skip = usize::from(matches!(words.first(), Some(&("the" | "a" | "an"))));
    words[skip..].join(" ")
}

fn speaker_match(pred: Option<&str>, gold: &str) -> (bool, bool) {
    let Some(pred) = pred else { return (false, false) };
    let (p, g) = (norm(pred), norm(gold));
    let strict = p == g;
    let last = g.split(' ').next_back().unwrap_or_default();
    let lenient = strict || (!last.is_empty() && p.split(' ').any(|w| w == last));
    (strict, lenient)
}

/// Greedy one-to-one matching by overlap; returns (gold index, pred index) pairs.
fn match_spans(gold: &[(usize, usize)], pred: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut cands: Vec<(usize, usize, usize)> = Vec::new();
    for (gi, g) in gold.iter().enumerate() {
        for (pi, p) in pred.iter().enumerate() {
            let ov = g.1.min(p.1).saturating_sub(g.0.max(p.0));
            if ov > 0 {
                cands.push((ov, gi, pi));
            }
        }
    }
    cands.sort_by(|a, b| b.0.cmp(&a.0));
    let (mut gu, mut pu) = (vec![false; gold.len()], vec![false; pred.len()]);
    let mut out = Vec::new();
    for (_, gi, pi) in cands {
        if !gu[gi] && !pu[pi] {
            gu[gi] = true;
            pu[pi] = true;
            out.push((gi, pi));
        }
    }
    out
}

fn predict(text: &str) -> Result<(Vec<Pred>, Vec<(usize, usize, String)>), String> {
    let doc = annotate(text, &Options::default()).map_err(|e| e.to_string())?;
    let cp = cp_index(text);
    let by_id: BTreeMap<u32, &Span> = doc.spans.iter().map(|s| (s.id, s)).collect();
    let linked = |s: &Span, k: &str| match s.attrs.get(k) {
        Some(newslens::internals::doc::Value::Int(n)) => by_id.get(&(*n as u32)).map(|x| (cp[x.start_byte], cp[x.end_byte])),
        _ => None,
    };
    let quotes = doc
        .spans
        .iter()
        .filter(|s| s.layer == Layer::Quote)
        .map(|s| Pred {
            start: cp[s.start_byte],
            end: cp[s.end_byte],
            kind: s.label.name().to_string(),
            speaker_name: attr_str(s, "speaker_name"),
            cue: linked(s, "cue"),
            speaker: linked(s, "speaker"),
        })
        .collect();
    let hedges = doc
        .spans
        .iter()
        .filter(|s| s.layer == Layer::Hedge)
        .map(|s| (cp[s.start_byte], cp[s.end_byte], s.label.name().to_string()))
        .collect();
    Ok((quotes, hedges))
}

fn usize_of(v: &Json) -> usize {
    v.as_u64().unwrap_or(0) as usize
}

fn pair(v: &Json) -> Option<(usize, usize)> {
    let a = v.as_array()?;
    Some((usize_of(a.first()?), usize_of(a.get(1)?)))
}

fn overlaps(a: Option<(usize, usize)>, b: (usize, usize)) -> bool {
    a.is_some_and(|a| a.0 < b.1 && b.0 < a.1)
}

/// Runs the task.
pub fn run(args: &[String]) -> Result<(), String> {
    let root = crate::repo_root();
    let mut gold_path = root.join("tests").join("quotes").join("gold.jsonl");
    let mut bench = true;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--no-bench" => bench = false,
            "--gold" => gold_path = it.next().ok_or("--gold needs a file")?.into(),
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    let src = std::fs::read_to_string(&gold_path).map_err(|e| format!("{}: {e}", gold_path.display()))?;
    let mut tally = Tally::default();
    for line in src.lines().filter(|l| !l.trim().is_empty()) {
        let d: Json = serde_json::from_str(line).map_err(|e| format!("bad gold line: {e}"))?;
        let text = d["text"].as_str().ok_or("gold line without text")?;
        let id = d["id"].as_str().unwrap_or("?");
        let (gq, gh) = gold_of(&d);
        let (pq, ph) = predict(text)?;
        let chars: Vec<char> = text.chars().collect();
        let show = |a: usize, b: usize| chars[a.min(chars.len())..b.min(chars.len())].iter().collect::<String>();
        tally.docs += 1;
        tally.quotes(id, &gq, &pq, &show);
        tally.hedges(id, &gh, &ph, &show);
    }
    tally.print(&gold_path.strip_prefix(&root).unwrap_or(&gold_path).display().to_string());
    seed_report()?;
    if bench {
        benchmark()?;
    }
    Ok(())
}

/// The quote kinds, in the order the report lists them.
const KINDS: [&str; 4] = ["direct", "indirect", "mixed", "scare"];

/// A gold line's quotes and hedges.
fn gold_of(d: &Json) -> (Vec<GoldQuote>, Vec<GoldHedge>) {
    let list = |key: &str| d[key].as_array().cloned().unwrap_or_default();
    let quotes = list("quotes")
        .iter()
        .map(|q| GoldQuote {
            start: usize_of(&q["start"]),
            end: usize_of(&q["end"]),
            kind: q["kind"].as_str().unwrap_or("").to_string(),
            speaker_name: q["speaker_name"].as_str().map(str::to_string),
            cue: pair(&q["cue"]),
            speaker: pair(&q["speaker"]),
        })
        .collect();
    let hedges = list("hedges")
        .iter()
        .map(|h| GoldHedge {
            start: usize_of(&h["start"]),
            end: usize_of(&h["end"]),
            class: h["class"].as_str().unwrap_or("").to_string(),
        })
        .collect();
    (quotes, hedges)
}

/// Adds the matches of `g` and `p` (from [`match_spans`]) to an overlap and
/// an exact count.
fn add(overlap: &mut Counts, exact: &mut Counts, g: &[(usize, usize)], p: &[(usize, usize)], m: &[(usize, usize)]) {
    for c in [&mut *overlap, &mut *exact] {
        c.pred += p.len();
        c.gold += g.len();
    }
    overlap.tp += m.len();
    exact.tp += m.iter().filter(|&&(gi, pi)| g[gi] == p[pi]).count();
}

/// The counts over every gold document, and the errors to list.
#[derive(Default)]
struct Tally {
    docs: usize,
    all_overlap: Counts,
    all_exact: Counts,
    per_kind: BTreeMap<&'static str, (Counts, Counts)>,
    spk_n: usize,
    spk_strict: usize,
    spk_lenient: usize,
    cue_n: usize,
    cue_ok: usize,
    mention_n: usize,
    mention_ok: usize,
    hedge_all: Counts,
    hedge_exact: Counts,
    hedge_class: BTreeMap<String, Counts>,
    misses: Vec<String>,
}

impl Tally {
    /// Scores one document's quotes: all kinds, their cues and speakers, then per kind.
    fn quotes(&mut self, id: &str, gq: &[GoldQuote], pq: &[Pred], show: &dyn Fn(usize, usize) -> String) {
        let g: Vec<(usize, usize)> = gq.iter().map(|q| (q.start, q.end)).collect();
        let p: Vec<(usize, usize)> = pq.iter().map(|q| (q.start, q.end)).collect();
        let m = match_spans(&g, &p);
        add(&mut self.all_overlap, &mut self.all_exact, &g, &p, &m);
        for &(gi, pi) in &m {
            self.speaker(id, &gq[gi], &pq[pi], show);
        }
        for (gi, q) in gq.iter().enumerate() {
            if !m.iter().any(|&(x, _)| x == gi) {
                self.misses.push(format!("{id}: missed {} {:?}", q.kind, show(q.start, q.end)));
            }
        }
        for (pi, q) in pq.iter().enumerate() {
            if !m.iter().any(|&(_, x)| x == pi) {
                self.misses.push(format!("{id}: spurious {} {:?}", q.kind, show(q.start, q.end)));
            }
        }
        for k in KINDS {
            let g: Vec<(usize, usize)> = gq.iter().filter(|q| q.kind == k).map(|q| (q.start, q.end)).collect();
            let p: Vec<(usize, usize)> = pq.iter().filter(|q| q.kind == k).map(|q| (q.start, q.end)).collect();
            let m = match_spans(&g, &p);
            let (overlap, exact) = self.per_kind.entry(k).or_default();
            add(overlap, exact, &g, &p, &m);
        }
    }

    /// Scores the cue, speaker mention and speaker name of a matched quote.
    fn speaker(&mut self, id: &str, gold: &GoldQuote, pred: &Pred, show: &dyn Fn(usize, usize) -> String) {
        if let Some(c) = gold.cue {
            self.cue_n += 1;
            self.cue_ok += usize::from(overlaps(pred.cue, c));
        }
        if let Some(c) = gold.speaker {
            self.mention_n += 1;
            let ok = overlaps(pred.speaker, c);
            self.mention_ok += usize::from(ok);
            if !ok {
                self.misses.push(format!(
                    "{id}: speaker mention {:?} for {:?}, gold {:?}",
                    pred.speaker.map(|(a, b)| show(a, b)),
                    show(gold.start, gold.end),
                    show(c.0, c.1)
                ));
            }
        }
        if let Some(name) = &gold.speaker_name {
            self.spk_n += 1;
            let (s, l) = speaker_match(pred.speaker_name.as_deref(), name);
            self.spk_strict += usize::from(s);
            self.spk_lenient += usize::from(l);
            if !l {
                self.misses.push(format!("{id}: speaker {:?} for {:?}, gold {:?}", pred.speaker_name, show(gold.start, gold.end), name));
            }
        }
    }

    /// Scores one document's hedges, class by class.
    fn hedges(&mut self, id: &str, gh: &[GoldHedge], ph: &[(usize, usize, String)], show: &dyn Fn(usize, usize) -> String) {
        let mut classes: Vec<String> = gh.iter().map(|h| h.class.clone()).chain(ph.iter().map(|h| h.2.clone())).collect();
        classes.sort();
        classes.dedup();
        for cls in classes {
            let g: Vec<(usize, usize)> = gh.iter().filter(|h| h.class == cls).map(|h| (h.start, h.end)).collect();
            let p: Vec<(usize, usize)> = ph.iter().filter(|h| h.2 == cls).map(|h| (h.0, h.1)).collect();
            let m = match_spans(&g, &p);
            let c = self.hedge_class.entry(cls.clone()).or_default();
            c.tp += m.len();
            c.pred += p.len();
            c.gold += g.len();
            add(&mut self.hedge_all, &mut self.hedge_exact, &g, &p, &m);
            for (gi, h) in g.iter().enumerate() {
                if !m.iter().any(|&(x, _)| x == gi) {
                    self.misses.push(format!("{id}: missed hedge {cls} {:?}", show(h.0, h.1)));
                }
            }
            for (pi, h) in p.iter().enumerate() {
                if !m.iter().any(|&(_, x)| x == pi) {
                    self.misses.push(format!("{id}: spurious hedge {cls} {:?}", show(h.0, h.1)));
                }
            }
        }
    }

    /// Prints the report on `gold` (its path).
    fn print(&self, gold: &str) {
        println!("== quotes on {gold} ({} documents)", self.docs);
        println!("{}", self.all_overlap.line("all kinds, overlap"));
        println!("{}", self.all_exact.line("all kinds, exact"));
        let none = (Counts::default(), Counts::default());
        for k in KINDS {
            let (overlap, exact) = self.per_kind.get(k).unwrap_or(&none);
            println!("{}", overlap.line(&format!("{k}, overlap")));
            println!("{}", exact.line(&format!("{k}, exact")));
        }
        let ratio = |a: usize, n: usize| if n == 0 { 0.0 } else { a as f64 / n as f64 };
        println!(
            "  speaker accuracy on matched quotes: strict {:.3}, lenient {:.3}  (n {})",
            ratio(self.spk_strict, self.spk_n),
            ratio(self.spk_lenient, self.spk_n),
            self.spk_n
        );
        println!(
            "  cue span found on matched quotes {:.3} (n {}); speaker mention span {:.3} (n {})",
            ratio(self.cue_ok, self.cue_n),
            self.cue_n,
            ratio(self.mention_ok, self.mention_n),
            self.mention_n
        );
        println!("== hedges");
        println!("{}", self.hedge_all.line("all classes, overlap"));
        println!("{}", self.hedge_exact.line("all classes, exact"));
        for (cls, c) in &self.hedge_class {
            println!("{}", c.line(cls));
        }
        if !self.misses.is_empty() {
            println!("== errors on the gold");
            for m in &self.misses {
                println!("  {m}");
            }
        }
    }
}

/// Prints what the layers find on the reference article and checks the
/// issue's targets.
fn seed_report() -> Result<(), String> {
    let path = crate::shared_data().join("seed-article.txt");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let doc = annotate(&text, &Options::default()).map_err(|e| e.to_string())?;
    let by_id: BTreeMap<u32, &Span> = doc.spans.iter().map(|s| (s.id, s)).collect();
    let slice = |s: &Span| text.get(s.start_byte..s.end_byte).unwrap_or("").to_string();
    let id_of = |s: &Span, k: &str| match s.attrs.get(k) {
        Some(newslens::internals::doc::Value::Int(n)) => by_id.get(&(*n as u32)).copied(),
        _ => None,
    };
    println!("== reference article: quotes");
    let quotes: Vec<&Span> = doc.spans.iter().filter(|s| s.layer == Layer::Quote).collect();
    for q in &quotes {
        let cue = id_of(q, "cue").map(slice).unwrap_or_default();
        let spk = id_of(q, "speaker");
        let short: String = slice(q).chars().take(60).collect();
        println!(
            "  {:<8} {:<62} cue {:<28} speaker {:?} -> {:?} ({})",
            q.label.name(),
            format!("{short:?}"),
            format!("{cue:?}"),
            spk.map(slice).unwrap_or_default(),
            attr_str(q, "speaker_name").unwrap_or_default(),
            spk.map(|s| s.label.name()).unwrap_or("-"),
        );
    }
    println!("== reference article: sources");
    for s in doc.spans.iter().filter(|s| s.layer == Layer::Source) {
        println!(
            "  {:<18} {:<45} role {:?} affiliation {:?}",
            s.label.name(),
            format!("{:?}", slice(s)),
            attr_str(s, "role").unwrap_or_default(),
            attr_str(s, "affiliation").unwrap_or_default()
        );
    }
    println!("== reference article: hedges");
    let hedges: Vec<(String, &str)> =
        doc.spans.iter().filter(|s| s.layer == Layer::Hedge).map(|s| (slice(s), s.label.name())).collect();
    println!("  {}", hedges.iter().map(|(t, c)| format!("{t:?} {c}")).collect::<Vec<_>>().join(", "));
    if let Some(s) = doc.summaries.get("sourcing") {
        println!("== reference article: sourcing summary");
        let mut s = s.clone();
        if let Some(o) = s.as_object_mut() {
            o.remove("sources");
        }
        println!("  {s}");
    }

    // The targets.
    let find = |kind: Label, speaker: &str, cue: &str| {
        quotes.iter().any(|q| {
            q.label == kind
                && attr_str(q, "speaker_name").is_some_and(|n| n.contains(speaker))
                && id_of(q, "cue").is_some_and(|c| slice(c).contains(cue))
        })
    };
    let anon = |name: &str| {
        doc.spans.iter().any(|s| s.layer == Layer::Source && s.label == Label::Anonymous && slice(s).contains(name))
    };
    let hedge = |h: &str| hedges.iter().any(|(t, _)| t.contains(h));
    let checks: Vec<(&str, bool)> = vec![
        ("direct quote, `he` resolved to Izzat al-Shahbndar", find(Label::Direct, "Shahbndar", "said")),
        (
            "direct quote by a commander of Kataib Hezbollah",
            find(Label::Direct, "a commander of Kataib Hezbollah", "said"),
        ),
        ("reported speech of Izzat al-Shahbndar", find(Label::Indirect, "Shahbndar", "said")),
        ("reported speech of the militia commanders", find(Label::Indirect, "militia commanders", "said")),
        ("reported speech of the advisor", find(Label::Indirect, "advisor", "said")),
        ("reported speech of the security officials", find(Label::Indirect, "Security officials", "said")),
        ("reported speech of the US official", find(Label::Indirect, "a US official", "skepticism")),
        (
            "“Axis of Resistance” is not speech",
            quotes.iter().any(|q| q.label == Label::Scare && slice(q).contains("Axis of Resistance")),
        ),
        ("anonymous: senior commanders and Iraqi officials", anon("senior commanders and Iraqi officials")),
        ("anonymous: sources including six militia commanders", anon("sources including six militia commanders")),
        ("anonymous: a commander of Kataib Hezbollah", anon("a commander of Kataib Hezbollah")),
        ("anonymous: Security officials", anon("Security officials")),
        ("anonymous: a US official", anon("a US official")),
        ("hedge could", hedge("could")),
        ("hedge inclined to", hedge("inclined to")),
        ("hedge potential", hedge("potential")),
        ("hedge expressed skepticism", hedge("expressed skepticism")),
        ("hedge no deal is finalized", hedge("no deal is finalized")),
    ];
    let met = checks.iter().filter(|c| c.1).count();
    println!("== reference article: targets met {met}/{}", checks.len());
    for (name, ok) in &checks {
        println!("  [{}] {name}", if *ok { "x" } else { " " });
    }
    Ok(())
}

/// Times the quote and hedge layers on the reference article repeated to
/// about 1 MB, two ways: the layers themselves on a context where the
/// earlier layers have run (the cost they add), and end to end, full
/// annotation against annotation without them (noisier: other work on the
/// machine shows up in the difference). Runs are interleaved and the best
/// of five is kept.
fn benchmark() -> Result<(), String> {
    use newslens::internals::pipeline::{self, Step};
    let path = crate::shared_data().join("seed-article.txt");
    let seed = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut text = String::new();
    while text.len() < 1 << 20 {
        text.push_str(&seed);
        text.push_str("\n\n");
    }
    let full = Options::default();
    let without: Vec<Layer> = Layer::ALL
        .iter()
        .copied()
        .filter(|l| !matches!(l, Layer::Quote | Layer::Cue | Layer::Source | Layer::Hedge))
        .collect();
    let base = Options::with_layers(&without);
    let (mut t_full, mut t_base, mut t_quotes, mut t_hedges) = (f64::MAX, f64::MAX, f64::MAX, f64::MAX);
    for _ in 0..5 {
        let t = Instant::now();
        annotate(&text, &full).map_err(|e| e.to_string())?;
        t_full = t_full.min(t.elapsed().as_secs_f64());
        let t = Instant::now();
        annotate(&text, &base).map_err(|e| e.to_string())?;
        t_base = t_base.min(t.elapsed().as_secs_f64());
        // The layers alone, after the layers they read, on the context
        // the library's pipeline lays out.
        let mut cx = pipeline::start(&text, &full);
        Step::Entities.run(&mut cx);
        Step::Coref.run(&mut cx);
        let t = Instant::now();
        Step::Quotes.run(&mut cx);
        t_quotes = t_quotes.min(t.elapsed().as_secs_f64());
        let t = Instant::now();
        Step::Hedges.run(&mut cx);
        t_hedges = t_hedges.min(t.elapsed().as_secs_f64());
    }
    // Linearity: the same on half the text.
    let half_len = text.len() / 2;
    let cut = (0..=half_len).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
    let half = &text[..cut];
    let mut t_half = f64::MAX;
    for _ in 0..3 {
        let t = Instant::now();
        annotate(half, &full).map_err(|e| e.to_string())?;
        t_half = t_half.min(t.elapsed().as_secs_f64());
    }
    let ms = |x: f64| x * 1e3;
    println!("== benchmark ({} bytes, best of 5, interleaved)", text.len());
    println!(
        "  quote+cue+source layer {:.1} ms, hedge layer {:.1} ms; full annotation {:.1} ms",
        ms(t_quotes),
        ms(t_hedges),
        ms(t_full)
    );
    println!("  layer share of full time: {:.1}% (target < 20%)", (t_quotes + t_hedges) / t_full * 100.0);
    println!(
        "  end to end: without quote/cue/source/hedge {:.1} ms, difference {:.1}% of full (noisier)",
        ms(t_base),
        (t_full - t_base).max(0.0) / t_full * 100.0
    );
    println!("  full annotation on half the text: {:.1} ms (ratio {:.2}; 0.50 is linear)", ms(t_half), t_half / t_full);
    Ok(())
}
