//! Arbitrary bytes, read as UTF-8 with invalid sequences replaced (as a
//! browser's `TextDecoder` and the page do), through the whole pipeline with
//! every layer, and the wire JSON writers; every law of
//! `newslens_fuzz::laws` must hold.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    newslens_fuzz::laws::check(&text, &newslens::Options::default());
});
