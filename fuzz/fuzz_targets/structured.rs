//! Structure-aware inputs: a `Recipe` (quotes, abbreviations, titles,
//! pronouns, cues, scripts, long runs, deep nesting) rendered to at most
//! `RENDER_BUDGET` bytes, annotated with the layers it asks for; every law
//! of `newslens_fuzz::laws` must hold.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newslens_fuzz::recipe::Recipe;

fuzz_target!(|recipe: Recipe| {
    let text = recipe.render(newslens_fuzz::RENDER_BUDGET);
    newslens_fuzz::laws::check(&text, &recipe.options());
});
