//! Unit tests for the numeric rules: spans, labels and normalized values.

use super::*;
use crate::text::segment;

/// (text, label, attrs) of every entity in `text`.
fn ents(text: &str) -> Vec<(String, &'static str, Attrs)> {
    let seg = segment(text);
    find(text, &seg).into_iter().map(|f| (text[f.start_byte..f.end_byte].to_string(), f.label.name(), f.attrs)).collect()
}

/// "text/LABEL" for every entity, for compact assertions.
fn tags(text: &str) -> Vec<String> {
    ents(text).into_iter().map(|(t, l, _)| format!("{t}/{l}")).collect()
}

#[test]
fn smoke() {
    assert_eq!(tags("six militia commanders since January"), ["six/CARDINAL", "January/DATE"]);
}
