//! Linear time on the texts that once made a step quadratic (issue 19):
//! each pattern is annotated at n and at 8n bytes, and the CPU time of the
//! larger must stay well under the 64-fold a quadratic step gives.
//!
//! A size ratio, not a wall-time bound: the test is meant to run anywhere,
//! in debug, beside other jobs. CPU time of the annotating thread
//! (`CLOCK_THREAD_CPUTIME_ID`) rather than wall time, so that waiting for
//! a core does not count; the least of a few runs at n, against the noise
//! that remains. Linear code measures 7 to 10 here; every pattern below
//! measured 30 to 500 before its fix. `cargo xtask stress` is the full
//! benchmark (time per MB up to 4 MB, peak memory).

use std::time::Duration;

use newslens::Options;
use newslens::internals::{annotate_parts, wire};

/// Bytes at the small size; the large one is 8 times as many.
const N: usize = 16 * 1024;
/// Linear is 8, quadratic 64: this leaves room for noise and cache effects
/// on one side and catches a return to quadratic on the other.
const MOST: f64 = 24.0;

fn cpu_now() -> Duration {
    let mut t = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: a valid clock id and a valid out-pointer.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
    Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
}

/// CPU time to annotate `text` and write its JSON, the least of `runs`.
fn cost(text: &str, runs: usize) -> Duration {
    (0..runs)
        .map(|_| {
            let t0 = cpu_now();
            let parts = annotate_parts(text, &Options::default()).expect("annotates");
            let mut out = std::io::sink();
            wire::write_parts_json(&mut out, text, &parts).expect("writes");
            cpu_now() - t0
        })
        .min()
        .unwrap_or_default()
}

fn repeat(unit: &str, n: usize) -> String {
    unit.repeat(n.div_ceil(unit.len()))
}

fn assert_linear(name: &str, make: impl Fn(usize) -> String) {
    // Warm up (the tables are built on first use).
    cost(&make(N / 4), 1);
    let small = cost(&make(N), 3).as_secs_f64().max(1e-6);
    let large = cost(&make(8 * N), 1).as_secs_f64();
    let ratio = large / small;
    eprintln!("{name}: {small:.4} s at {N} bytes, {large:.4} s at 8x: ratio {ratio:.1}");
    assert!(ratio < MOST, "{name}: 8x the text took {ratio:.1}x the time (linear is 8, quadratic 64)");
}

macro_rules! linear {
    ($($test:ident: $make:expr;)*) => {$(
        #[test]
        fn $test() {
            assert_linear(stringify!($test), $make);
        }
    )*};
}

linear! {
    // The table.
    reported_speech_in_one_lower_case_sentence: |n| repeat("he said. she said. ", n);
    an_entity_of_titles: |n| repeat("Mr. ", n);
    pronoun_speakers_without_a_name: |n| repeat("\"He said ", n);
    touching_place_runs: |n| repeat("U.S. ", n);
    overlapping_indirect_quotes: |n| {
        // Prose without punctuation: one sentence, cues all through it.
        let words = "the minister said the talks would resume soon officials told reporters that the deal was close \
                     according to diplomats the president warned that sanctions could follow ";
        repeat(words, n)
    };
    // Entity rules on one huge sentence.
    titles_before_names: |n| repeat("the Mr Smith ", n);
    acronyms_after_names: |n| repeat("Bank (AB) ", n);
    organisations_in_countries: |n| repeat("Bureau in Iraq ", n);
    groups_and_countries: |n| repeat("the American people ", n);
    // More shapes.
    participle_cues: |n| repeat("a b, said Smith, saying x ", n);
    quote_marks: |n| repeat("\"", n);
    nested_brackets: |n| format!("{}{}", "(".repeat(n / 2), ")".repeat(n / 2));
    commas: |n| repeat(",", n);
    // Found by the fuzzer: one whitespace-free chunk with a hashtag after
    // every opener (each measured the rest of the chunk), and the same with
    // e-mail-like words.
    hashtags_in_one_chunk: |n| repeat("（#Iraq'#Iraq", n);
    at_signs_in_one_chunk: |n| repeat("'ab'cd@ef.gh", n);
}
