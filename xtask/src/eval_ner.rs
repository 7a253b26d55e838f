//! Task `eval-ner`: scores the entity layer on the dev files and lists the
//! entities of the reference article.
//!
//! For each dev file (gum, wikigold, wnut17, btc, uner_en, re3d) it runs
//! the core's entity finder (tagger + rules + numeric rules), writes the
//! predictions in the shared format (code-point offsets) to
//! `target/ner-eval/<source>.dev.pred.jsonl`, and prints per-label and
//! micro precision, recall and F1 (exact span and label), once with
//! OntoNotes labels and once folded to CoNLL's PER/ORG/LOC/MISC, each
//! restricted to the labels the source annotates (see
//! `../shared/data/ner/README.md`). With `--python` it also runs
//! `../shared/eval/score_entities.py` on the same files as a cross-check.
//! `--model FILE` scores another model file instead of the compiled-in one.
//! `--by-doc` annotates each dev document as one text (its records joined
//! as paragraphs), as the page does an article, so that the document-level
//! passes see every mention; the default annotates record by record.

use std::io::Write;
use std::process::Command;

use newslens::internals::entities::tagger::{self, Model};

use crate::corpus::{self, SOURCES};

/// Runs the task: `cargo xtask eval-ner [--model FILE] [--python] [--quiet] [--by-doc]`.
pub fn run(args: &[String]) -> Result<(), String> {
    let mut model_path = None;
    let (mut python, mut quiet, mut by_doc) = (false, false, false);
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--model" => model_path = it.next().cloned(),
            "--python" => python = true,
            "--quiet" => quiet = true,
            "--by-doc" => by_doc = true,
            _ => return Err(format!("unknown option {a}")),
        }
    }
    let owned;
    let model: &Model = match &model_path {
        Some(p) => {
            let bytes = std::fs::read(p).map_err(|e| format!("{p}: {e}"))?;
            owned = Model::parse(&bytes).ok_or(format!("{p}: not a model file"))?;
            &owned
        }
        None => tagger::model(),
    };
    let out_dir = crate::repo_root().join("target").join("ner-eval");
    std::fs::create_dir_all(&out_dir).map_err(|e| e.to_string())?;
    let (mut all_onto, mut all_conll) = (corpus::Score::default(), corpus::Score::default());
    let mut summary = String::new();
    for src in SOURCES {
        let recs = corpus::load_split(src.name, "dev")?;
        let preds = if by_doc { corpus::predict_by_doc(&recs, model) } else { corpus::predict(&recs, model) };
        let (mut onto, mut conll) = (corpus::Score::default(), corpus::Score::default());
        let pred_path = out_dir.join(format!("{}.dev.pred.jsonl", src.name));
        let mut f = std::io::BufWriter::new(std::fs::File::create(&pred_path).map_err(|e| e.to_string())?);
        for (r, p) in recs.iter().zip(&preds) {
            onto.add(&r.spans, p, src.score_onto, false);
            conll.add(&r.spans, p, src.score_conll, true);
            let spans: Vec<serde_json::Value> = p
                .iter()
                .map(|(a, b, l)| {
                    serde_json::json!({"start": corpus::byte_to_cp(&r.text, *a), "end": corpus::byte_to_cp(&r.text, *b), "label": l})
                })
                .collect();
            writeln!(f, "{}", serde_json::json!({"id": r.id, "spans": spans})).map_err(|e| e.to_string())?;
        }
        drop(f);
        if !quiet {
            println!("== {} dev, OntoNotes labels {:?}\n{}", src.name, src.score_onto, onto.table());
            println!("== {} dev, CoNLL-folded {:?}\n{}", src.name, src.score_conll, conll.table());
        }
        summary.push_str(&format!("{:<10}{:>10.2}{:>10.2}\n", src.name, onto.micro_f1(), conll.micro_f1()));
        all_onto.merge(&onto);
        all_conll.merge(&conll);
        if python {
            let gold = crate::shared_data().join("ner").join(format!("{}.dev.jsonl.gz", src.name));
            let script = crate::repo_root().join("..").join("shared").join("eval").join("score_entities.py");
            let status = Command::new("python3")
                .arg(&script)
                .arg(&gold)
                .arg(&pred_path)
                .args(["--map", "onto2conll", "--gold-map", "onto2conll", "--labels"])
                .arg(src.score_conll.join(","))
                .status()
                .map_err(|e| e.to_string())?;
            if !status.success() {
                return Err("score_entities.py failed".into());
            }
        }
    }
    if !quiet {
        println!("== all dev files pooled, OntoNotes\n{}", all_onto.table());
        println!("== all dev files pooled, CoNLL-folded\n{}", all_conll.table());
    }
    println!("{:<10}{:>10}{:>10}\n{summary}{:<10}{:>10.2}{:>10.2}", "dev micro F1", "onto", "conll", "pooled", all_onto.micro_f1(), all_conll.micro_f1());

    // Wire copy has all-caps headlines; the dev files have almost none. The
    // same dev records upper-cased (ASCII letters only, so offsets hold)
    // show how much of the tagger survives without capitalisation.
    let mut caps = corpus::Score::default();
    for src in SOURCES.iter().filter(|s| matches!(s.name, "gum" | "uner_en" | "wikigold")) {
        let recs: Vec<corpus::Record> = corpus::load_split(src.name, "dev")?
            .into_iter()
            .map(|r| corpus::Record { text: r.text.to_ascii_uppercase(), ..r })
            .collect();
        for (r, p) in recs.iter().zip(&corpus::predict(&recs, model)) {
            caps.add(&r.spans, p, src.score_conll, true);
        }
    }
    println!("{:<10}{:>10}{:>10.2}   (gum, uner_en, wikigold dev in ALL CAPS)", "all-caps", "", caps.micro_f1());

    let seed_path = crate::shared_data().join("seed-article.txt");
    let text = std::fs::read_to_string(&seed_path).map_err(|e| format!("{}: {e}", seed_path.display()))?;
    let seg = newslens::internals::text::segment(&text);
    println!("\n== entities in {}", seed_path.display());
    for e in newslens::internals::entities::find_with(&text, &seg, model) {
        let attrs: Vec<String> = e.attrs.iter().map(|(k, v)| format!("{k}={v:?}")).collect();
        println!("{:<10} {:?} {}", e.label.name(), &text[e.start_byte..e.end_byte], attrs.join(" "));
    }
    Ok(())
}
