//! Output is byte-identical to the blessed output: the CLI's JSON on the
//! reference article and on the 1 MB bench text hashes to the checksums in
//! `tests/golden/checksums.txt`.
//!
//! A refactor must leave these alone. When a change of output is intended
//! (accuracy work), regenerate them with `cargo xtask golden --bless` and say
//! in the commit what changed and why. The inputs are not in the repository:
//! the reference article is `../shared/data/seed-article.txt` and the bench
//! text is built by `node benches/corpus.mjs` (`make test` builds it).

use std::path::Path;
use std::process::Command;

use newslens::internals::hash::fnv64;

/// One line of the checksum file: name, input path (from the repository
/// root), byte count and FNV-1a 64 (hex) of the CLI's output.
struct Golden {
    name: String,
    input: String,
    bytes: usize,
    fnv: String,
}

fn goldens(root: &Path) -> Vec<Golden> {
    let path = root.join("tests/golden/checksums.txt");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            assert_eq!(f.len(), 4, "tests/golden/checksums.txt: bad line {l:?}");
            Golden { name: f[0].into(), input: f[1].into(), bytes: f[2].parse().expect("byte count"), fnv: f[3].into() }
        })
        .collect()
}

fn fnv_hex(bytes: &[u8]) -> String {
    format!("{:016x}", fnv64(bytes))
}

#[test]
fn cli_json_is_byte_identical_to_the_blessed_output() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let cases = goldens(root);
    assert!(cases.len() >= 2, "tests/golden/checksums.txt lists the reference article and the 1 MB bench text");
    let mut changed = Vec::new();
    for g in &cases {
        let input = root.join(&g.input);
        assert!(input.is_file(), "{}: missing input {} (the bench texts: node benches/corpus.mjs)", g.name, input.display());
        let out = Command::new(env!("CARGO_BIN_EXE_newslens")).arg(&input).output().expect("run the CLI");
        assert!(out.status.success(), "{}: the CLI failed: {}", g.name, String::from_utf8_lossy(&out.stderr));
        let (bytes, fnv) = (out.stdout.len(), fnv_hex(&out.stdout));
        if bytes != g.bytes || fnv != g.fnv {
            changed.push(format!("{}: {} bytes, fnv {} (blessed: {} bytes, fnv {})", g.name, bytes, fnv, g.bytes, g.fnv));
        }
    }
    assert!(
        changed.is_empty(),
        "output changed:\n{}\nIf the change is intended, run `cargo xtask golden --bless` and say why in the commit.",
        changed.join("\n")
    );
}

/// The check can fail: one byte more or one byte different changes the sum.
#[test]
fn the_checksum_sees_one_byte() {
    let a = fnv_hex(b"{\"spans\":[]}\n");
    assert_ne!(a, fnv_hex(b"{\"spans\":[ ]}\n"));
    assert_ne!(a, fnv_hex(b"{\"spans\":[]}\n\n"));
    assert_ne!(a, fnv_hex(b"{\"spans\":[]}\r"));
}
