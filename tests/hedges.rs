//! Integration tests for the hedge layer: the reference article's hedges,
//! each class, longest match, and the cases a word list alone gets wrong.

use newslens::internals::doc::Value;
use newslens::{Label, Layer, Options, annotate};

fn hedges(text: &str) -> Vec<(String, Label)> {
    let d = annotate(text, &Options::with_layers(&[Layer::Hedge])).expect("annotates");
    d.spans
        .iter()
        .filter(|s| s.layer == Layer::Hedge)
        .map(|s| {
            assert_eq!(s.attrs.get("class"), Some(&Value::from(s.label.name())));
            (text[s.start_byte..s.end_byte].to_string(), s.label)
        })
        .collect()
}

#[test]
fn reference_article_hedges() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/seed-article.txt");
    let text = std::fs::read_to_string(path).expect("seed article");
    let found = hedges(&text);
    for (h, class) in [
        ("could", Label::Modal),
        ("inclined to", Label::HedgingPhrase),
        ("potential", Label::Epistemic),
        ("expressed skepticism", Label::Doubt),
        ("no deal is finalized", Label::NegatedFinality),
    ] {
        assert!(found.contains(&(h.to_string(), class)), "{h} in {found:?}");
    }
}

#[test]
fn each_class_and_longest_match() {
    assert_eq!(
        hedges("The figure has not been confirmed and may change."),
        vec![("has not been confirmed".to_string(), Label::NegatedFinality), ("may".to_string(), Label::Modal),]
    );
    assert_eq!(
        hedges("He reportedly appears to favour it."),
        vec![("reportedly".to_string(), Label::Epistemic), ("appears to".to_string(), Label::HedgingPhrase),]
    );
    assert_eq!(
        hedges("No agreement has been reached."),
        vec![("No agreement has been reached".to_string(), Label::NegatedFinality)]
    );
}

#[test]
fn months_words_inside_words_and_negated_ability_are_not_hedges() {
    assert!(hedges("The vote is set for May 5. The mayor spoke.").is_empty());
    assert!(hedges("She could not attend.").is_empty());
    assert_eq!(hedges("Power might not return."), vec![("might".to_string(), Label::Modal)]);
}
