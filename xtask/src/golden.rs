//! `cargo xtask golden [--bless]`: the checksums of the CLI's JSON on the
//! reference inputs, which `tests/golden.rs` compares on every `cargo test`.
//!
//! Without `--bless` it prints the current checksums next to the blessed
//! ones; with `--bless` it writes them to `tests/golden/checksums.txt`. Bless
//! only when a change of output is intended, and say in the commit what
//! changed. It runs the debug CLI, the binary the test runs.

use std::process::Command;

use newslens::internals::hash::fnv64;

use crate::repo_root;

/// (name, input from the repository root).
const INPUTS: &[(&str, &str)] = &[("seed-article", "../shared/data/seed-article.txt"), ("bench-1mb", "out/bench/1mb.txt")];

const HEADER: &str = "# The CLI's JSON (`newslens FILE`) on the reference inputs: name, input (from the
# repository root), bytes printed, FNV-1a 64 of them. Checked by tests/golden.rs.
# Regenerate only for an intended change of output: cargo xtask golden --bless
";

pub fn run(args: &[String]) -> Result<(), String> {
    let bless = match args {
        [] => false,
        [a] if a == "--bless" => true,
        _ => return Err("usage: cargo xtask golden [--bless]".into()),
    };
    let root = repo_root();
    if !root.join(INPUTS[1].1).is_file() {
        let ok = Command::new("node").arg("benches/corpus.mjs").current_dir(&root).status().map_err(|e| format!("node benches/corpus.mjs: {e}"))?;
        if !ok.success() {
            return Err("node benches/corpus.mjs failed".into());
        }
    }
    let built = Command::new(env!("CARGO")).args(["build", "--bin", "newslens"]).current_dir(&root).status().map_err(|e| e.to_string())?;
    if !built.success() {
        return Err("cargo build --bin newslens failed".into());
    }
    let cli = root.join("target/debug/newslens");
    let mut lines = String::from(HEADER);
    for (name, input) in INPUTS {
        let out = Command::new(&cli).arg(root.join(input)).output().map_err(|e| format!("{}: {e}", cli.display()))?;
        if !out.status.success() {
            return Err(format!("{name}: {}", String::from_utf8_lossy(&out.stderr)));
        }
        lines.push_str(&format!("{name} {input} {} {:016x}\n", out.stdout.len(), fnv64(&out.stdout)));
    }
    let path = root.join("tests/golden/checksums.txt");
    let old = std::fs::read_to_string(&path).unwrap_or_default();
    if bless {
        std::fs::write(&path, &lines).map_err(|e| format!("{}: {e}", path.display()))?;
        println!("wrote {}", path.display());
    } else {
        println!("now:\n{lines}\nblessed:\n{old}");
        println!("{}", if old == lines { "same" } else { "DIFFERENT (cargo xtask golden --bless to accept)" });
    }
    Ok(())
}
