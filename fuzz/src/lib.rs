//! Shared by the fuzz targets: the structured input ([`recipe`]) and the
//! laws checked on every input ([`laws`]). `tests/fuzz_inputs.rs` in the
//! main crate includes both files by path, so `cargo test` checks the same
//! laws on the same kind of input (and on this directory's corpus).

pub mod laws;
pub mod recipe;

/// The most text one structured input renders to. Large enough that a step
/// quadratic in the text's size takes seconds (`he said. ` repeated over
/// 256 KB took 2 s natively before it was fixed), small enough that the
/// whole linear pipeline and the laws take well under libFuzzer's
/// `-timeout` (see `docs/FUZZING.md`).
pub const RENDER_BUDGET: usize = 512 * 1024;
