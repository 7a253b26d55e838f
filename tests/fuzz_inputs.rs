//! A short fuzz-like run inside `cargo test`: the fuzz targets' structured
//! inputs, rendered to up to ~100 KB, and the committed fuzz corpus, all
//! checked against the same laws as the fuzz targets (`fuzz/src/laws.rs`:
//! no panic; spans in bounds, on character boundaries, sorted, unique ids;
//! attrs that name spans or entities name existing ones; stats agree with
//! the spans; two runs give byte-identical JSON from both writers).
//!
//! The long runs are `make fuzz` (docs/FUZZING.md); this catches a broken
//! law on every `cargo test`, with proptest shrinking what fails to a small
//! recipe.

#[path = "../fuzz/src/laws.rs"]
mod laws;
#[path = "../fuzz/src/recipe.rs"]
mod recipe;

use std::path::Path;

use arbitrary::{Arbitrary, Unstructured};
use proptest::prelude::*;
use recipe::Recipe;

/// The most text one generated input renders to here: the fuzz target's
/// budget is larger, but the debug build annotates ~1 MB/s and the laws
/// annotate twice.
const BUDGET: usize = 100 * 1024;

/// The recipe that libfuzzer-sys decodes from `bytes` for the `structured`
/// target, or `None` where it skips the input.
fn decode(bytes: &[u8]) -> Option<Recipe> {
    Recipe::arbitrary_take_rest(Unstructured::new(bytes)).ok()
}

/// The files of one target's committed corpus.
fn corpus(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus").join(target);
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| {
            let path = entry.expect("corpus entry").path();
            let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            (path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(), bytes)
        })
        .collect();
    files.sort();
    files
}

#[test]
fn the_bytes_corpus_obeys_the_laws() {
    let files = corpus("bytes");
    assert!(!files.is_empty(), "no committed corpus for the bytes target");
    for (name, bytes) in files {
        eprintln!("bytes/{name}: {} bytes", bytes.len());
        laws::check(&String::from_utf8_lossy(&bytes), &newslens::Options::default());
    }
}

#[test]
fn the_structured_corpus_obeys_the_laws() {
    let files = corpus("structured");
    assert!(!files.is_empty(), "no committed corpus for the structured target");
    for (name, bytes) in files {
        let Some(recipe) = decode(&bytes) else { continue };
        let text = recipe.render(BUDGET);
        eprintln!("structured/{name}: {} bytes of recipe, {} of text", bytes.len(), text.len());
        laws::check(&text, &recipe.options());
    }
}

proptest! {
    // ~16 s in a debug build on a quiet machine: most inputs reach the
    // budget (a random repeat count is large).
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn structured_inputs_of_up_to_100_kb_obey_the_laws(bytes in proptest::collection::vec(any::<u8>(), 0..1024)) {
        if let Some(recipe) = decode(&bytes) {
            laws::check(&recipe.render(BUDGET), &recipe.options());
        }
    }
}

/// The generator itself: it reaches the budget, stops there on a character
/// boundary, and builds what the fuzz target is meant to reach (long runs,
/// deep nesting), so the laws above are checked at size.
#[test]
fn recipes_reach_size_and_depth_within_the_budget() {
    use recipe::{Atom, Piece};
    let many = Recipe {
        shrink: 0,
        pieces: vec![Piece::Repeat { count: 255, scale: 7, body: vec![Atom::Pronoun(0), Atom::Space(0), Atom::Cue(0), Atom::Punct(0), Atom::Space(0)] }],
        layers: None,
    };
    let text = many.render(BUDGET);
    assert!(text.len() <= BUDGET && text.len() > BUDGET - 16, "{} bytes", text.len());
    assert!(text.starts_with("he said. he said. "));

    let nest = Recipe {
        shrink: 0,
        pieces: vec![Piece::Nest { depth: 255, scale: 7, opens: vec![0, 3], inner: vec![Atom::Word(0)], unbalanced: 0, filler: None }],
        layers: None,
    };
    let text = nest.render(BUDGET);
    assert!(text.starts_with("(“(“") && text.contains("(“the”)"), "{:?}", &text[..40]);
    assert!(text.len() <= BUDGET);
    // A cut inside a multi-byte mark still leaves valid UTF-8.
    let cut = Recipe { shrink: 0, pieces: vec![Piece::Repeat { count: 200, scale: 0, body: vec![Atom::Quote(2)] }], layers: None };
    assert_eq!(cut.render(10), "“““");
    // `shrink` divides the budget.
    assert_eq!(Recipe { shrink: 3, ..cut }.render(80).len(), 9);
}
