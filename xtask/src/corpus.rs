//! The shared NER corpora (`../shared/data/ner/*.jsonl.gz`): loading, the
//! label coverage of each source, and an exact-match span scorer.
//!
//! Offsets in the files are code points; everything here converts them to
//! byte offsets on load and back to code points when writing predictions,
//! so the tagger only ever sees byte ranges.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader};
use std::path::Path;

use newslens::Label;

/// One gold record.
pub struct Record {
    /// Record id.
    pub id: String,
    /// The document the record belongs to (its id when the file says none).
    pub doc: String,
    /// Text.
    pub text: String,
    /// Gold spans as (start byte, end byte, label name).
    pub spans: Vec<(usize, usize, String)>,
}

/// A corpus source and what it annotates.
pub struct Source {
    /// File prefix in `../shared/data/ner/`.
    pub name: &'static str,
    /// Update weight in training.
    pub weight: f32,
    /// Labels annotated exhaustively: predicting one of these where the
    /// gold has none is an error. Other labels are masked on gold-O tokens.
    pub exhaustive: &'static [Label],
    /// Labels to score with, OntoNotes names.
    pub score_onto: &'static [&'static str],
    /// Labels to score with after folding to CoNLL's four.
    pub score_conll: &'static [&'static str],
}

const PLACES_PO: &[Label] = &[Label::Person, Label::Org, Label::Gpe, Label::Loc, Label::Fac];

/// The six sources, per `../shared/data/ner/README.md`.
pub const SOURCES: &[Source] = &[
    Source {
        name: "gum",
        weight: 1.0,
        exhaustive: &[Label::Person, Label::Org, Label::Gpe, Label::Loc, Label::Fac, Label::Event],
        score_onto: &["PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT"],
        score_conll: &["PER", "ORG", "LOC"],
    },
    Source {
        name: "wikigold",
        weight: 1.0,
        exhaustive: &[Label::Person, Label::Org, Label::Gpe, Label::Loc, Label::Fac, Label::Norp],
        score_onto: &["PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"],
        score_conll: &["PER", "ORG", "LOC", "MISC"],
    },
    Source {
        name: "wnut17",
        weight: 1.0,
        exhaustive: PLACES_PO,
        score_onto: &["PERSON", "ORG", "GPE", "LOC", "FAC"],
        score_conll: &["PER", "ORG", "LOC"],
    },
    Source {
        name: "btc",
        weight: 1.0,
        exhaustive: PLACES_PO,
        score_onto: &["PERSON", "ORG", "GPE", "LOC", "FAC"],
        score_conll: &["PER", "ORG", "LOC"],
    },
    Source {
        name: "uner_en",
        weight: 1.0,
        exhaustive: PLACES_PO,
        score_onto: &["PERSON", "ORG", "GPE", "LOC", "FAC"],
        score_conll: &["PER", "ORG", "LOC"],
    },
    Source {
        name: "re3d",
        weight: 0.3,
        exhaustive: &[],
        score_onto: &["PERSON", "ORG", "GPE", "LOC", "NORP"],
        score_conll: &["PER", "ORG", "LOC"],
    },
];

/// Byte offset of each code point index (plus the end).
pub fn cp_to_byte(text: &str) -> Vec<usize> {
    let mut v: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    v.push(text.len());
    v
}

/// Code-point index of a byte offset (counts chars before it).
pub fn byte_to_cp(text: &str, byte: usize) -> usize {
    text.get(..byte).map_or(0, |s| s.chars().count())
}

/// Loads a `.jsonl.gz` corpus file.
pub fn load(path: &Path) -> Result<Vec<Record>, String> {
    let f = std::fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let r = BufReader::new(flate2::read::GzDecoder::new(f));
    let mut out = Vec::new();
    for line in r.lines() {
        let line = line.map_err(|e| format!("{}: {e}", path.display()))?;
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(&line).map_err(|e| e.to_string())?;
        let text = v["text"].as_str().unwrap_or("").to_string();
        let map = cp_to_byte(&text);
        let mut spans = Vec::new();
        for s in v["spans"].as_array().into_iter().flatten() {
            let (Some(a), Some(b), Some(l)) = (s["start"].as_u64(), s["end"].as_u64(), s["label"].as_str()) else {
                continue;
            };
            if let (Some(&a), Some(&b)) = (map.get(a as usize), map.get(b as usize)) {
                spans.push((a, b, l.to_string()));
            }
        }
        let id = v["id"].as_str().unwrap_or("").to_string();
        let doc = v["doc"].as_str().map_or_else(|| id.clone(), str::to_string);
        out.push(Record { id, doc, text, spans });
    }
    Ok(out)
}

/// Loads `../shared/data/ner/{name}.{split}.jsonl.gz`.
pub fn load_split(name: &str, split: &str) -> Result<Vec<Record>, String> {
    load(&crate::shared_data().join("ner").join(format!("{name}.{split}.jsonl.gz")))
}

/// Folds an OntoNotes label to CoNLL's four (None = dropped).
pub fn onto2conll(label: &str) -> Option<&'static str> {
    Some(match label {
        "PERSON" => "PER",
        "ORG" => "ORG",
        "GPE" | "LOC" | "FAC" => "LOC",
        "NORP" | "EVENT" | "WORK_OF_ART" | "LAW" | "LANGUAGE" | "PRODUCT" | "MISC" => "MISC",
        _ => return None,
    })
}

/// Exact-match counts per label: (true positives, predicted, gold).
#[derive(Default, Clone)]
pub struct Score(pub BTreeMap<String, [usize; 3]>);

impl Score {
    /// Adds one document's spans, keeping only `labels` (after `fold`).
    pub fn add(
        &mut self,
        gold: &[(usize, usize, String)],
        pred: &[(usize, usize, String)],
        labels: &[&str],
        fold: bool,
    ) {
        let norm = |spans: &[(usize, usize, String)]| -> BTreeSet<(usize, usize, String)> {
            spans
                .iter()
                .filter_map(|(a, b, l)| {
                    let l = if fold { onto2conll(l)?.to_string() } else { l.clone() };
                    labels.contains(&l.as_str()).then_some((*a, *b, l))
                })
                .collect()
        };
        let (g, p) = (norm(gold), norm(pred));
        for s in &g {
            self.0.entry(s.2.clone()).or_default()[2] += 1;
        }
        for s in &p {
            let e = self.0.entry(s.2.clone()).or_default();
            e[1] += 1;
            if g.contains(s) {
                e[0] += 1;
            }
        }
    }

    /// Merges another score in.
    pub fn merge(&mut self, other: &Score) {
        for (k, v) in &other.0 {
            let e = self.0.entry(k.clone()).or_default();
            for i in 0..3 {
                e[i] += v[i];
            }
        }
    }

    /// Micro (tp, pred, gold).
    pub fn micro(&self) -> [usize; 3] {
        self.0.values().fold([0; 3], |a, v| [a[0] + v[0], a[1] + v[1], a[2] + v[2]])
    }

    /// Micro F1 in percent.
    pub fn micro_f1(&self) -> f64 {
        prf(self.micro()).2
    }

    /// Per-label and micro table.
    pub fn table(&self) -> String {
        let mut s = format!("{:<8}{:>6}{:>6}{:>6}{:>8}{:>8}{:>8}\n", "label", "gold", "pred", "tp", "P", "R", "F1");
        let row = |name: &str, v: [usize; 3]| {
            let (p, r, f) = prf(v);
            format!("{name:<8}{:>6}{:>6}{:>6}{p:>8.2}{r:>8.2}{f:>8.2}\n", v[2], v[1], v[0])
        };
        for (k, v) in &self.0 {
            s.push_str(&row(k, *v));
        }
        s.push_str(&row("micro", self.micro()));
        s
    }
}

/// Precision, recall, F1 in percent from (tp, pred, gold).
pub fn prf(v: [usize; 3]) -> (f64, f64, f64) {
    let p = if v[1] > 0 { v[0] as f64 / v[1] as f64 } else { 0.0 };
    let r = if v[2] > 0 { v[0] as f64 / v[2] as f64 } else { 0.0 };
    let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
    (100.0 * p, 100.0 * r, 100.0 * f)
}

/// Runs the core's entity finder with `model` on `records`.
pub fn predict(records: &[Record], model: &newslens::internals::entities::tagger::Model) -> Vec<Vec<(usize, usize, String)>> {
    records
        .iter()
        .map(|r| {
            let seg = newslens::internals::text::segment(&r.text);
            newslens::internals::entities::find_with(&r.text, &seg, model)
                .into_iter()
                .map(|e| (e.start_byte, e.end_byte, e.label.name().to_string()))
                .collect()
        })
        .collect()
}

/// [`predict`] with each document's records joined into one text (by blank
/// lines, as paragraphs), as an article reaches the annotator: the
/// document-level passes (label consistency, short names) then see the
/// whole document. Spans are mapped back to their records; a span across
/// two records is dropped.
pub fn predict_by_doc(records: &[Record], model: &newslens::internals::entities::tagger::Model) -> Vec<Vec<(usize, usize, String)>> {
    let mut out = vec![Vec::new(); records.len()];
    let mut first = 0;
    while first < records.len() {
        let mut end = first + 1;
        while end < records.len() && records[end].doc == records[first].doc {
            end += 1;
        }
        let mut text = String::new();
        let mut starts = Vec::with_capacity(end - first);
        for r in &records[first..end] {
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            starts.push(text.len());
            text.push_str(&r.text);
        }
        let seg = newslens::internals::text::segment(&text);
        for e in newslens::internals::entities::find_with(&text, &seg, model) {
            let k = starts.partition_point(|&s| s <= e.start_byte).saturating_sub(1);
            let (s, len) = (starts[k], records[first + k].text.len());
            if e.start_byte >= s && e.end_byte <= s + len {
                out[first + k].push((e.start_byte - s, e.end_byte - s, e.label.name().to_string()));
            }
        }
        first = end;
    }
    out
}

/// Scores a model on the dev files; returns (OntoNotes, CoNLL-folded) per source.
pub fn evaluate_dev(model: &newslens::internals::entities::tagger::Model) -> Result<Vec<(&'static str, Score, Score)>, String> {
    let mut out = Vec::new();
    for src in SOURCES {
        let recs = load_split(src.name, "dev")?;
        let preds = predict(&recs, model);
        let (mut onto, mut conll) = (Score::default(), Score::default());
        for (r, p) in recs.iter().zip(&preds) {
            onto.add(&r.spans, p, src.score_onto, false);
            conll.add(&r.spans, p, src.score_conll, true);
        }
        out.push((src.name, onto, conll));
    }
    Ok(out)
}
