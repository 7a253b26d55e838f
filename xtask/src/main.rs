//! `cargo xtask <task>`: the project's own commands for data and evaluation.
//!
//! Kept out of the product crate so that training and evaluation code (and
//! their dependencies) never reach the .wasm. Tasks read the shared corpora
//! from `../shared/data/` relative to the repository root.

mod corpus;
mod eval_attribution;
mod eval_coref;
mod eval_ner;
mod eval_quotes;
mod generate;
mod golden;
mod stress;
mod train;

use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask <task> [args]

tasks:
  gen           compile gazetteers and word lists from ../shared/data into data/gen/
  train         train the entity tagger from ../shared/data/ner into data/model/
  eval-ner      score entities on the dev corpora and list the reference article's entities
  eval-quotes   score quotes, speakers and hedges on tests/quotes/ gold
  eval-coref    score coreference chains on tests/coref/ gold
  golden        checksums of the CLI's JSON on the reference inputs (--bless: rewrite tests/golden/)
  stress        time per MB and peak memory of the release CLI on pathological texts
  eval-attribution --polnear PATH [--split dev|train] [--json]
                score attribution on a local PolNeAR checkout (train and dev only)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(task) = args.first() else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let rest = &args[1..];
    let result = match task.as_str() {
        "gen" => generate::run(rest),
        "train" => train::run(rest),
        "eval-ner" => eval_ner::run(rest),
        "eval-quotes" => eval_quotes::run(rest),
        "eval-coref" => eval_coref::run(rest),
        "golden" => golden::run(rest),
        "stress" => stress::run(rest),
        "stress-gen" => stress::generate(rest),
        "eval-attribution" => eval_attribution::run(rest),
        _ => Err(format!("unknown task {task:?}\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask {task}: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The repository root (the parent of `xtask/`).
pub fn repo_root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(|p| p.to_path_buf()).unwrap_or_default()
}

/// The shared data folder, `../shared/data` from the repository root.
pub fn shared_data() -> std::path::PathBuf {
    repo_root().join("..").join("shared").join("data")
}
