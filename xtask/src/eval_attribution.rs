//! Task `eval-attribution`: scores quotes, speakers, reported speech and
//! source kinds against PolNeAR (Newell, Margolin and Ruths 2018), a corpus
//! of US political news with every attribution annotated as source, cue and
//! content.
//!
//! `cargo xtask eval-attribution --polnear PATH [--split dev|train] [--json]
//! [--label NAME] [--errors KIND]`
//!
//! PATH is a local checkout of PolNeAR (`git clone` of the project's GitHub
//! repository, networkdynamics/PolNeAR); the task fetches nothing. It reads
//! `PATH/data/<split>/{text,attributions}` (or `PATH/<split>/…`) for the
//! split named, `dev` by default, and refuses any split but `train` and
//! `dev`: the test split is kept for an outside check and is never read.
//! The texts are copyrighted: nothing of them is written anywhere; only the
//! figures go to `docs/figures/attribution.md` (one block per label and
//! split, with date, commit and machine; `--label baseline` keeps a block
//! beside the `current` one).
//!
//! # Gold
//!
//! Brat standoff: `T` lines are spans (`Source`, `Cue`, `Content`, and the
//! relation trigger `Attribution` or `Attribution-no-source`), whose offsets
//! are code points and may be discontinuous (`a b;c d`); `E` lines tie one
//! attribution's roles (`Source:T1 Cue:T2 Content:T3`, sometimes `Content2`).
//! `Discuss` and `Discard` spans are the annotators' notes and are ignored.
//! An article annotated by several annotators is scored once, against the
//! annotation file whose name sorts first (the lowest annotator id), so that
//! every article weighs the same and no annotator's reading is blended.
//!
//! Each gold attribution gets a quote kind from its content's characters:
//! walking the content, `“` and ` `` ` open a quotation, `”` closes it,
//! `"` and `''` toggle it (the New York Times texts use `''` both ways).
//! If letters or digits occur inside quotations and none outside, the
//! attribution is a **direct** quote; if both occur, it is **mixed** (a
//! quoted fragment inside paraphrase); otherwise it is **indirect**.
//! It is **reported speech with a speech cue** when it is not direct and a
//! word of its cue is one of [`SPEECH_WORDS`] (verbs of saying in their
//! forms, plus "according to" and "statement"): a list fixed here, not the
//! annotator's lexicon, so that the measure does not move with the rules it
//! measures.
//!
//! # Predictions
//!
//! `newslens::annotate` with every layer (the library's own pipeline). Each
//! `quote` span labelled direct, mixed or indirect is a predicted
//! attribution (scare quotes are not attributions); pieces that share
//! `attrs.group` are one attribution with several segments. Its source is
//! the span `attrs.speaker` points at, its cue the span `attrs.cue` points
//! at, its resolved name `attrs.speaker_name`, its kind
//! `attrs.source_kind`.
//!
//! # Measures
//!
//! - **Quote F1 (overlap)**, direct and mixed apart: gold attributions of
//!   the kind against predicted ones of the same label. Precision is the
//!   share of predictions that share a character with a gold one of the
//!   kind, recall the share of gold ones that share a character with a
//!   prediction of the kind (a quote the gold keeps whole and the annotator
//!   gives as two pieces is found, and neither piece is an error).
//! - Elsewhere gold and predicted attributions are **matched** one to one,
//!   greedily by the number of shared characters (largest first; a match
//!   needs one). **Speaker accuracy**: over matched direct quotes whose gold has a
//!   source, the share whose predicted source span overlaps the gold
//!   source, or whose resolved name's last word equals the gold source's
//!   last word (lower case, possessive dropped). **End-to-end
//!   quote-and-speaker recall**: gold direct quotes with a source that are
//!   matched with a right speaker, over all of them. **Mixed recall with a
//!   speaker**: the same for mixed quotes.
//! - **Reported speech**: predicted indirect and mixed attributions are
//!   matched one to one (as above) against gold attributions that are not
//!   direct. Precision: matched predictions over predictions. Recall:
//!   matched gold reported speech with a speech cue over all of it. For
//!   those matched, the character F1 of the predicted span against the
//!   gold content (both trimmed as below) is averaged, and the share with
//!   equal trimmed bounds is given: the whole content span, not a piece.
//! - **Source kind accuracy**: over matched attributions (any kind) whose
//!   predicted source span overlaps the gold source, the predicted kind
//!   (named person and organisation are one class, `named`) against a kind
//!   read off the gold source text: `document` when a document noun
//!   ([`DOCUMENT_WORDS`]), written in lower case, comes before any
//!   preposition ("a statement from the campaign"); else `named` when it holds a
//!   capitalised word that is not the first of its sentence, or is first
//!   but written capitalised mid-sentence elsewhere in the article, and is
//!   not a party or group adjective ([`GROUP_WORDS`]), or when it is `he`,
//!   `she` or `I` (in news a person's pronoun almost always follows the
//!   name); not scored when it is another pronoun (`they`, `it`, `we`);
//!   `anonymous` otherwise ("officials", "a source", "the campaign").
//! - **Exact match** (the protocol of the CofeNet paper's PolNeAR table,
//!   which tags tokens, so a span is a contiguous run): every contiguous
//!   segment of a gold source, cue or content is one gold span of its role;
//!   every distinct predicted source, cue or quote piece is one predicted
//!   span. Both are trimmed of spaces and punctuation (quotation marks
//!   included) at either end; a predicted span is right when a gold span of
//!   its role has the same trimmed bounds. Precision, recall, F1 per role.

mod report;

use report::{render, to_json, write_figures};

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use newslens::internals::doc::Value;
use newslens::{Label, Layer, Options, Span, annotate};

/// Words of a speech cue (any one word of the cue, lower case).
const SPEECH_WORDS: &[&str] = &[
    "say", "says", "said", "saying", "tell", "tells", "told", "telling", "add", "adds", "added", "adding", "according",
    "statement", "state", "states", "stated", "announce", "announces", "announced", "announcing", "declare",
    "declares", "declared", "explain", "explains", "explained", "note", "notes", "noted", "noting", "argue",
    "argues", "argued", "arguing", "claim", "claims", "claimed", "claiming", "insist", "insists", "insisted",
    "warn", "warns", "warned", "warning", "write", "writes", "wrote", "writing", "tweet", "tweets", "tweeted",
    "reply", "replies", "replied", "respond", "responds", "responded", "ask", "asks", "asked", "asking", "urge",
    "urges", "urged", "suggest", "suggests", "suggested", "acknowledge", "acknowledges", "acknowledged", "admit",
    "admits", "admitted", "deny", "denies", "denied", "assert", "asserts", "asserted", "contend", "contends",
    "contended", "maintain", "maintains", "maintained", "report", "reports", "reported", "reporting", "promise",
    "promises", "promised", "predict", "predicts", "predicted", "recall", "recalls", "recalled", "joke", "joked",
    "quip", "quipped", "complain", "complains", "complained", "concede", "conceded", "confirm", "confirms",
    "confirmed", "emphasize", "emphasized", "stress", "stressed", "vow", "vowed", "pledge", "pledged", "boast",
    "boasted", "describe", "describes", "described", "call", "calls", "called", "accuse", "accused", "criticize",
    "criticized", "continue", "continued", "implore", "implored", "advise", "advises", "advised", "remark",
    "remarked", "comment", "commented", "reiterate", "reiterated", "shout", "shouted", "yell", "yelled",
    "testify", "testified", "post", "posted",
];

/// Lower-case head nouns that make a gold source a document.
const DOCUMENT_WORDS: &[&str] = &[
    "statement", "statements", "report", "reports", "poll", "polls", "survey", "surveys", "study", "studies",
    "memo", "letter", "tweet", "tweets", "post", "posts", "email", "emails", "e-mail", "e-mails", "ad", "ads",
    "advertisement", "filing", "filings", "document", "documents", "data", "analysis", "book", "article",
    "release", "website", "transcript", "transcripts", "records", "record", "video", "message", "messages",
    "complaint", "lawsuit", "order", "ruling", "proposal", "platform", "findings", "results", "numbers",
    "figures", "estimates", "projections", "model", "forecast", "story", "editorial", "op-ed", "interview",
    "column", "page", "site", "polling",
];

/// Capitalised words that name a party, people or faith, not a source.
const GROUP_WORDS: &[&str] = &[
    "democratic", "democrat", "democrats", "republican", "republicans", "gop", "american", "americans",
    "conservative", "conservatives", "liberal", "liberals", "muslim", "muslims", "christian", "christians",
    "catholic", "catholics", "jewish", "hispanic", "hispanics", "latino", "latinos", "black", "white", "top",
    "senior", "former", "u.s", "us", "evangelical", "evangelicals", "independent", "independents",
];

/// A run of code points, half open.
type Seg = (usize, usize);

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Direct,
    Mixed,
    Indirect,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Direct => "direct",
            Kind::Mixed => "mixed",
            Kind::Indirect => "indirect",
        }
    }
}

/// Source kinds compared (named person and organisation are one).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum SrcKind {
    Named,
    Anonymous,
    Document,
}

struct GoldAttr {
    source: Vec<Seg>,
    cue: Vec<Seg>,
    content: Vec<Seg>,
    kind: Kind,
    speech_cue: bool,
}

struct PredAttr {
    content: Vec<Seg>,
    kind: Kind,
    source: Option<Seg>,
    cue: Option<Seg>,
    name: Option<String>,
    src_kind: Option<String>,
}

#[derive(Default, Clone, Copy)]
struct Prf {
    tp: usize,
    pred: usize,
    gold: usize,
    /// True positives counted on the gold side, when they differ (recall
    /// over a subset of the gold).
    tp_gold: usize,
}

impl Prf {
    fn p(&self) -> f64 {
        ratio(self.tp, self.pred)
    }
    fn r(&self) -> f64 {
        ratio(self.tp_gold, self.gold)
    }
    fn f(&self) -> f64 {
        let (p, r) = (self.p(), self.r());
        if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
    }
    fn add(&mut self, tp: usize, pred: usize, gold: usize) {
        self.tp += tp;
        self.tp_gold += tp;
        self.pred += pred;
        self.gold += gold;
    }
}

fn ratio(a: usize, n: usize) -> f64 {
    if n == 0 { 0.0 } else { a as f64 / n as f64 }
}

/// Every figure the task prints.
#[derive(Default)]
struct Figures {
    docs: usize,
    direct: Prf,
    mixed: Prf,
    /// Matched direct quotes with a gold source; of them, right speakers.
    spk_n: usize,
    spk_ok: usize,
    /// Gold direct quotes with a source; matched with a right speaker.
    e2e_n: usize,
    e2e_ok: usize,
    /// Gold mixed quotes with a source; matched with a right speaker.
    mixed_spk_n: usize,
    mixed_spk_ok: usize,
    reported: Prf,
    /// Over matched gold reported speech: summed character F1, exact count.
    reported_cf1: f64,
    reported_exact: usize,
    kind_n: usize,
    kind_ok: usize,
    kind_confusion: BTreeMap<(String, String), usize>,
    exact_source: Prf,
    exact_cue: Prf,
    exact_content: Prf,
}

/// Runs the task.
pub fn run(args: &[String]) -> Result<(), String> {
    let mut root: Option<PathBuf> = None;
    let mut split = "dev".to_string();
    let mut json = false;
    let mut label = "current".to_string();
    let mut errors: Option<String> = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--polnear" => root = Some(it.next().ok_or("--polnear needs a path")?.into()),
            "--split" => split = it.next().ok_or("--split needs dev or train")?.clone(),
            "--json" => json = true,
            "--label" => label = it.next().ok_or("--label needs a name")?.clone(),
            "--errors" => errors = Some(it.next().ok_or("--errors needs a kind")?.clone()),
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    if split != "dev" && split != "train" {
        return Err(format!("split {split:?} refused: only train and dev are read (test is kept for an outside check)"));
    }
    if !label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') || label.is_empty() {
        return Err(format!("label {label:?}: letters, digits, - and _ only"));
    }
    let root = root.ok_or("--polnear PATH is required (a local checkout of PolNeAR)")?;
    let dir = [root.join("data").join(&split), root.join(&split)]
        .into_iter()
        .find(|d| d.join("attributions").is_dir())
        .ok_or_else(|| format!("{}: no data/{split}/attributions", root.display()))?;

    let articles = list_articles(&dir)?;
    let mut fig = Figures::default();
    for (name, ann) in &articles {
        let tpath = dir.join("text").join(format!("{name}.txt"));
        let text = std::fs::read_to_string(&tpath).map_err(|e| format!("{}: {e}", tpath.display()))?;
        let ann_src = std::fs::read_to_string(ann).map_err(|e| format!("{}: {e}", ann.display()))?;
        let chars: Vec<char> = text.chars().collect();
        let gold = parse_ann(&ann_src, &chars);
        let pred = predict(&text)?;
        score(&mut fig, name, &chars, &gold, &pred, errors.as_deref());
    }
    fig.docs = articles.len();
    let table = render(&fig, &split);
    if json {
        println!("{}", to_json(&fig, &split));
    } else {
        print!("{table}");
    }
    write_figures(&label, &split, &table)?;
    Ok(())
}

/// The articles of a split: name and the annotation file chosen (the first
/// by name when several annotators annotated it).
fn list_articles(dir: &Path) -> Result<Vec<(String, PathBuf)>, String> {
    let adir = dir.join("attributions");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&adir)
        .map_err(|e| format!("{}: {e}", adir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ann"))
        .collect();
    files.sort();
    let mut out: BTreeMap<String, PathBuf> = BTreeMap::new();
    for f in files {
        let stem = f.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_string();
        // `<article>_<annotator>.ann`
        let article = stem.rsplit_once('_').map_or(stem.as_str(), |(a, _)| a).to_string();
        out.entry(article).or_insert(f);
    }
    Ok(out.into_iter().collect())
}

fn parse_ann(src: &str, chars: &[char]) -> Vec<GoldAttr> {
    let mut spans: BTreeMap<&str, Vec<Seg>> = BTreeMap::new();
    for line in src.lines() {
        let mut f = line.split('\t');
        let (Some(id), Some(body)) = (f.next(), f.next()) else { continue };
        if !id.starts_with('T') {
            continue;
        }
        let Some((_, offs)) = body.split_once(' ') else { continue };
        let segs: Vec<Seg> = offs
            .split(';')
            .filter_map(|p| {
                let mut n = p.split_whitespace().filter_map(|x| x.parse::<usize>().ok());
                let (a, b) = (n.next()?, n.next()?);
                (a < b && b <= chars.len()).then_some((a, b))
            })
            .collect();
        spans.insert(id, segs);
    }
    let mut out = Vec::new();
    for line in src.lines().filter(|l| l.starts_with('E')) {
        let Some(body) = line.split('\t').nth(1) else { continue };
        let mut g = GoldAttr { source: vec![], cue: vec![], content: vec![], kind: Kind::Indirect, speech_cue: false };
        for role in body.split_whitespace() {
            let Some((r, id)) = role.split_once(':') else { continue };
            let segs = spans.get(id).cloned().unwrap_or_default();
            if r.starts_with("Source") {
                g.source.extend(segs);
            } else if r.starts_with("Cue") {
                g.cue.extend(segs);
            } else if r.starts_with("Content") {
                g.content.extend(segs);
            }
        }
        if g.content.is_empty() {
            continue;
        }
        g.content.sort();
        g.kind = quote_kind(chars, &g.content);
        let cue_text: String = g.cue.iter().map(|&(a, b)| chars[a..b].iter().collect::<String>() + " ").collect();
        let cue_lower = cue_text.to_lowercase();
        g.speech_cue = g.kind != Kind::Direct
            && cue_lower.split(|c: char| !c.is_alphanumeric() && c != '-').any(|w| SPEECH_WORDS.contains(&w));
        out.push(g);
    }
    out
}

/// Direct, mixed or indirect, from the content's quotation marks.
fn quote_kind(chars: &[char], segs: &[Seg]) -> Kind {
    let (mut inside, mut alnum_in, mut alnum_out) = (false, 0, 0);
    for &(a, b) in segs {
        let mut k = a;
        while k < b {
            let c = chars[k];
            k += 1;
            let pair = k < b && chars[k] == c;
            match c {
                '“' => inside = true,
                '”' => inside = false,
                '"' => inside = !inside,
                // The typewriter pairs of some wires (`` … '' or '' … '').
                '`' if pair => {
                    inside = true;
                    k += 1;
                }
                '\'' if pair => {
                    inside = !inside;
                    k += 1;
                }
                c if c.is_alphanumeric() => {
                    if inside {
                        alnum_in += 1;
                    } else {
                        alnum_out += 1;
                    }
                }
                _ => {}
            }
        }
    }
    match (alnum_in > 0, alnum_out > 0) {
        (true, false) => Kind::Direct,
        (true, true) => Kind::Mixed,
        _ => Kind::Indirect,
    }
}

fn predict(text: &str) -> Result<Vec<PredAttr>, String> {
    let doc = annotate(text, &Options::default()).map_err(|e| e.to_string())?;
    // Byte offset -> code point offset.
    let mut cp = vec![0usize; text.len() + 1];
    let mut n = 0;
    for (b, c) in text.char_indices() {
        for k in 0..c.len_utf8() {
            cp[b + k] = n;
        }
        n += 1;
    }
    cp[text.len()] = n;
    let by_id: BTreeMap<u32, &Span> = doc.spans.iter().map(|s| (s.id, s)).collect();
    let linked = |s: &Span, k: &str| match s.attrs.get(k) {
        Some(Value::Int(i)) => by_id.get(&(*i as u32)).map(|x| (cp[x.start_byte], cp[x.end_byte])),
        _ => None,
    };
    let string = |s: &Span, k: &str| s.attrs.get(k).and_then(Value::as_str).map(str::to_string);
    let mut out: Vec<PredAttr> = Vec::new();
    let mut group_of: BTreeMap<i64, usize> = BTreeMap::new();
    for s in doc.spans.iter().filter(|s| s.layer == Layer::Quote) {
        let kind = match s.label {
            Label::Direct => Kind::Direct,
            Label::Mixed => Kind::Mixed,
            Label::Indirect => Kind::Indirect,
            _ => continue,
        };
        let seg = (cp[s.start_byte], cp[s.end_byte]);
        let group = match s.attrs.get("group") {
            Some(Value::Int(g)) => Some(*g),
            _ => None,
        };
        if let Some(&i) = group.and_then(|g| group_of.get(&g)) {
            let p = &mut out[i];
            p.content.push(seg);
            p.source = p.source.or(linked(s, "speaker"));
            p.cue = p.cue.or(linked(s, "cue"));
            if p.name.is_none() {
                p.name = string(s, "speaker_name");
                p.src_kind = string(s, "source_kind");
            }
            continue;
        }
        if let Some(g) = group {
            group_of.insert(g, out.len());
        }
        out.push(PredAttr {
            content: vec![seg],
            kind,
            source: linked(s, "speaker"),
            cue: linked(s, "cue"),
            name: string(s, "speaker_name"),
            src_kind: string(s, "source_kind"),
        });
    }
    Ok(out)
}

fn shared(a: &[Seg], b: &[Seg]) -> usize {
    let mut n = 0;
    for x in a {
        for y in b {
            n += x.1.min(y.1).saturating_sub(x.0.max(y.0));
        }
    }
    n
}

/// Greedy one-to-one matching by shared characters; (gold, pred) pairs.
fn match_attrs(gold: &[&GoldAttr], pred: &[&PredAttr]) -> Vec<(usize, usize)> {
    let mut cands: Vec<(usize, usize, usize)> = Vec::new();
    for (gi, g) in gold.iter().enumerate() {
        for (pi, p) in pred.iter().enumerate() {
            let ov = shared(&g.content, &p.content);
            if ov > 0 {
                cands.push((ov, gi, pi));
            }
        }
    }
    cands.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
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

fn last_word(s: &str) -> String {
    let lower = s.to_lowercase();
    let w = lower.split(|c: char| !c.is_alphanumeric() && c != '’' && c != '\'' && c != '-').rfind(|w| {
        !w.is_empty() && w.chars().any(char::is_alphanumeric)
    });
    let w = w.unwrap_or_default();
    w.trim_end_matches("’s").trim_end_matches("'s").trim_matches(|c: char| !c.is_alphanumeric()).to_string()
}

fn text_of(chars: &[char], segs: &[Seg]) -> String {
    segs.iter().map(|&(a, b)| chars[a..b].iter().collect::<String>()).collect::<Vec<_>>().join(" … ")
}

fn speaker_right(chars: &[char], g: &GoldAttr, p: &PredAttr) -> bool {
    if g.source.is_empty() {
        return false;
    }
    if let Some(s) = p.source
        && shared(&g.source, &[s]) > 0
    {
        return true;
    }
    let gold_last = last_word(&text_of(chars, &g.source));
    p.name.as_deref().is_some_and(|n| !gold_last.is_empty() && last_word(n) == gold_last)
}

/// Trimmed bounds of a segment: no spaces or punctuation at either end.
fn trim(chars: &[char], (mut a, mut b): Seg) -> Option<Seg> {
    let edge = |c: char| c.is_whitespace() || (!c.is_alphanumeric() && !matches!(c, '$' | '%' | '#' | '@'));
    while a < b && edge(chars[a]) {
        a += 1;
    }
    while b > a && edge(chars[b - 1]) {
        b -= 1;
    }
    (a < b).then_some((a, b))
}

/// Prints each predicted span that overlaps a gold span of the same part
/// with other bounds (`--errors exact`): the boundary errors.
fn exact_errors(name: &str, what: &str, chars: &[char], gold: &[Seg], pred: &[Seg]) {
    let g: Vec<Seg> = gold.iter().filter_map(|&s| trim(chars, s)).collect();
    for p in pred.iter().filter_map(|&s| trim(chars, s)) {
        if g.contains(&p) {
            continue;
        }
        if let Some(&o) = g.iter().find(|o| o.0 < p.1 && p.0 < o.1) {
            println!("{name}	exact {what}	gold {:?}	pred {:?}", text_of(chars, &[o]), text_of(chars, &[p]));
        }
    }
}

fn exact(chars: &[char], gold: impl Iterator<Item = Seg>, pred: impl Iterator<Item = Seg>) -> (usize, usize, usize) {
    let g: Vec<Seg> = gold.filter_map(|s| trim(chars, s)).collect();
    let gs: BTreeSet<Seg> = g.iter().copied().collect();
    let p: BTreeSet<Seg> = pred.filter_map(|s| trim(chars, s)).collect();
    let tp = p.iter().filter(|s| gs.contains(s)).count();
    (tp, p.len(), g.len())
}

/// The gold kind of a source (see the module doc). A word names when it is
/// capitalised and not the first of its sentence, or first but capitalised
/// mid-sentence elsewhere in the article ("Trump", not "Analysts"); party
/// and group adjectives ("Democratic", "GOP") name no one.
fn gold_kind(chars: &[char], segs: &[Seg], mid_capitals: &BTreeSet<String>) -> Option<SrcKind> {
    let text = text_of(chars, segs);
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric() && c != '-' && c != '’').filter(|w| !w.is_empty()).collect();
    if words.len() == 1 {
        match words[0] {
            "he" | "she" | "i" | "him" | "her" => return Some(SrcKind::Named),
            "they" | "it" | "we" | "you" | "them" | "us" => return None,
            _ => {}
        }
    }
    // A document noun, written in lower case, before any preposition: "a
    // statement from the campaign", "a poll by Quinnipiac University".
    for w in text.split(|c: char| !c.is_alphanumeric() && c != '-' && c != '’') {
        if matches!(w, "of" | "from" | "by" | "in" | "for" | "on" | "at" | "with" | "who" | "that") {
            break;
        }
        if DOCUMENT_WORDS.contains(&w) {
            return Some(SrcKind::Document);
        }
    }
    for &(a, b) in segs {
        let mut i = a;
        while i < b {
            if !chars[i].is_alphabetic() || (i > a && chars[i - 1].is_alphanumeric()) {
                i += 1;
                continue;
            }
            let start = i;
            while i < b && (chars[i].is_alphanumeric() || chars[i] == '-') {
                i += 1;
            }
            if !chars[start].is_uppercase() {
                continue;
            }
            let word: String = chars[start..i].iter().collect();
            if word == "I" {
                continue;
            }
            // Sentence-initial: only spaces and opening marks back to a
            // sentence end or the text's start.
            let mut k = start;
            while k > 0 && (chars[k - 1].is_whitespace() || matches!(chars[k - 1], '“' | '"' | '(' | '‘' | '—')) {
                k -= 1;
            }
            let initial = k == 0 || matches!(chars[k - 1], '.' | '!' | '?' | ':' | '”' | '\n');
            if GROUP_WORDS.contains(&word.to_lowercase().as_str()) {
                continue;
            }
            if !initial || mid_capitals.contains(&word) {
                return Some(SrcKind::Named);
            }
        }
    }
    Some(SrcKind::Anonymous)
}

fn pred_kind(k: &str) -> Option<SrcKind> {
    match k {
        "named_person" | "named_organization" => Some(SrcKind::Named),
        "anonymous" => Some(SrcKind::Anonymous),
        "document" => Some(SrcKind::Document),
        _ => None,
    }
}

fn score(fig: &mut Figures, name: &str, chars: &[char], gold: &[GoldAttr], pred: &[PredAttr], errors: Option<&str>) {
    let show = |segs: &[Seg]| {
        let t = text_of(chars, segs);
        let t: String = t.chars().take(160).collect();
        t.replace('\n', " ")
    };
    let opt = |s: Option<Seg>| s.map(|s| show(&[s])).unwrap_or_else(|| "-".into());
    let want = |k: &str| errors.is_some_and(|e| e == k || e == "all");
    // Quote F1 by kind, with speakers.
    for kind in [Kind::Direct, Kind::Mixed] {
        let g: Vec<&GoldAttr> = gold.iter().filter(|a| a.kind == kind).collect();
        let p: Vec<&PredAttr> = pred.iter().filter(|a| a.kind == kind).collect();
        let m = match_attrs(&g, &p);
        let c = if kind == Kind::Direct { &mut fig.direct } else { &mut fig.mixed };
        // Overlap, not one to one: a quote the gold keeps whole and the
        // annotator splits in two pieces is found once and is no error.
        c.tp += p.iter().filter(|q| g.iter().any(|a| shared(&a.content, &q.content) > 0)).count();
        c.tp_gold += g.iter().filter(|a| p.iter().any(|q| shared(&a.content, &q.content) > 0)).count();
        c.pred += p.len();
        c.gold += g.len();
        for &(gi, pi) in &m {
            if g[gi].source.is_empty() {
                continue;
            }
            let ok = speaker_right(chars, g[gi], p[pi]);
            if kind == Kind::Direct {
                fig.spk_n += 1;
                fig.spk_ok += usize::from(ok);
                fig.e2e_ok += usize::from(ok);
            } else {
                fig.mixed_spk_ok += usize::from(ok);
            }
            if !ok && want("speaker") {
                println!(
                    "{name}\tspeaker\t{}\tgold {:?}\tpred {:?} = {:?}\t{:?}",
                    kind.name(),
                    show(&g[gi].source),
                    opt(p[pi].source),
                    p[pi].name,
                    show(&g[gi].content)
                );
            }
        }
        for a in &g {
            if !a.source.is_empty() {
                if kind == Kind::Direct {
                    fig.e2e_n += 1;
                } else {
                    fig.mixed_spk_n += 1;
                }
            }
        }
        if want(kind.name()) {
            for a in &g {
                if !p.iter().any(|q| shared(&a.content, &q.content) > 0) {
                    let other = pred.iter().find(|q| shared(&a.content, &q.content) > 0).map(|q| q.kind.name());
                    println!(
                        "{name}\tmissed {}\tcue {:?}\tsource {:?}\tpred as {:?}\t{:?}",
                        kind.name(),
                        show(&a.cue),
                        show(&a.source),
                        other,
                        show(&a.content)
                    );
                }
            }
            for q in &p {
                if !g.iter().any(|a| shared(&a.content, &q.content) > 0) {
                    let other = gold.iter().find(|a| shared(&a.content, &q.content) > 0).map(|a| a.kind.name());
                    println!(
                        "{name}\tspurious {}\tcue {:?}\tsource {:?}\tgold is {:?}\t{:?}",
                        kind.name(),
                        opt(q.cue),
                        opt(q.source),
                        other,
                        show(&q.content)
                    );
                }
            }
        }
    }
    // Reported speech.
    {
        let g: Vec<&GoldAttr> = gold.iter().filter(|a| a.kind != Kind::Direct).collect();
        let p: Vec<&PredAttr> = pred.iter().filter(|a| a.kind != Kind::Direct).collect();
        let m = match_attrs(&g, &p);
        fig.reported.tp += m.len();
        fig.reported.pred += p.len();
        fig.reported.gold += g.iter().filter(|a| a.speech_cue).count();
        for &(gi, pi) in &m {
            if !g[gi].speech_cue {
                continue;
            }
            fig.reported.tp_gold += 1;
            let gt: Vec<Seg> = g[gi].content.iter().filter_map(|&s| trim(chars, s)).collect();
            let pt: Vec<Seg> = p[pi].content.iter().filter_map(|&s| trim(chars, s)).collect();
            let ov = shared(&gt, &pt) as f64;
            let gl: usize = gt.iter().map(|s| s.1 - s.0).sum();
            let pl: usize = pt.iter().map(|s| s.1 - s.0).sum();
            let cf1 = if gl + pl == 0 { 0.0 } else { 2.0 * ov / (gl + pl) as f64 };
            fig.reported_cf1 += cf1;
            let same = gt == pt;
            fig.reported_exact += usize::from(same);
            if !same && want("span") {
                println!("{name}\tspan\tcue {:?}\tgold {:?}\tpred {:?}", show(&g[gi].cue), show(&g[gi].content), show(&p[pi].content));
            }
        }
        if want("reported") {
            for (gi, a) in g.iter().enumerate() {
                if a.speech_cue && !m.iter().any(|&(x, _)| x == gi) {
                    println!("{name}\tmissed reported\tcue {:?}\tsource {:?}\t{:?}", show(&a.cue), show(&a.source), show(&a.content));
                }
            }
            for (pi, q) in p.iter().enumerate() {
                if !m.iter().any(|&(_, x)| x == pi) {
                    println!("{name}\tspurious {}\tcue {:?}\tsource {:?}\t{:?}", q.kind.name(), opt(q.cue), opt(q.source), show(&q.content));
                }
            }
        }
    }
    // Source kinds.
    {
        // Capitalised words that are not the first of their sentence.
        let mut mid_capitals: BTreeSet<String> = BTreeSet::new();
        let mut w = String::new();
        let mut initial = true;
        for &c in chars.iter().chain(std::iter::once(&' ')) {
            if c.is_alphanumeric() || c == '-' {
                w.push(c);
            } else {
                if !w.is_empty() {
                    if !initial && w.chars().next().is_some_and(char::is_uppercase) {
                        mid_capitals.insert(w.clone());
                    }
                    w.clear();
                    initial = false;
                }
                if matches!(c, '.' | '!' | '?' | ':' | '\n') {
                    initial = true;
                }
            }
        }
        let g: Vec<&GoldAttr> = gold.iter().collect();
        let p: Vec<&PredAttr> = pred.iter().collect();
        for (gi, pi) in match_attrs(&g, &p) {
            let (ga, pa) = (g[gi], p[pi]);
            let Some(s) = pa.source else { continue };
            if ga.source.is_empty() || shared(&ga.source, &[s]) == 0 {
                continue;
            }
            let Some(gk) = gold_kind(chars, &ga.source, &mid_capitals) else { continue };
            let pk = pa.src_kind.as_deref().and_then(pred_kind);
            fig.kind_n += 1;
            fig.kind_ok += usize::from(pk == Some(gk));
            *fig.kind_confusion.entry((format!("{gk:?}"), format!("{pk:?}"))).or_default() += 1;
            if pk != Some(gk) && want("kind") {
                println!("{name}\tkind\tgold {gk:?}\tpred {pk:?}\tsource {:?}\tpred source {:?} = {:?}", show(&ga.source), opt(Some(s)), pa.name);
            }
        }
    }
    // Exact match over all attributions.
    if want("exact") {
        let parts: [(&str, Vec<Seg>, Vec<Seg>); 3] = [
            ("source", gold.iter().flat_map(|a| a.source.iter().copied()).collect(), pred.iter().filter_map(|a| a.source).collect()),
            ("cue", gold.iter().flat_map(|a| a.cue.iter().copied()).collect(), pred.iter().filter_map(|a| a.cue).collect()),
            (
                "content",
                gold.iter().flat_map(|a| a.content.iter().copied()).collect(),
                pred.iter().flat_map(|a| a.content.iter().copied()).collect(),
            ),
        ];
        for (what, g, p) in parts {
            exact_errors(name, what, chars, &g, &p);
        }
    }
    let (tp, p, g) = exact(chars, gold.iter().flat_map(|a| a.source.iter().copied()), pred.iter().filter_map(|a| a.source));
    fig.exact_source.add(tp, p, g);
    let (tp, p, g) = exact(chars, gold.iter().flat_map(|a| a.cue.iter().copied()), pred.iter().filter_map(|a| a.cue));
    fig.exact_cue.add(tp, p, g);
    let (tp, p, g) =
        exact(chars, gold.iter().flat_map(|a| a.content.iter().copied()), pred.iter().flat_map(|a| a.content.iter().copied()));
    fig.exact_content.add(tp, p, g);
}
