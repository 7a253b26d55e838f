//! Unit tests for the quotes layer: synthetic entity spans stand in for the
//! entity layer so that the rules are tested on their own.

use crate::doc::{Attrs, Label, Layer, Value};
use crate::options::Options;
use crate::context::Context;
use crate::text::segment;

/// A quote as (kind, text, speaker name).
type Q = (String, String, Option<String>);

fn run<'a>(text: &'a str, entities: &[(&str, Label)]) -> (Vec<Q>, Context<'a>) {
    let mut cx = Context { text, seg: segment(text), sink: Default::default(), summaries: Default::default() };
    for (name, label) in entities {
        let mut from = 0;
        while let Some(i) = text[from..].find(name) {
            let a = from + i;
            cx.sink.push(Layer::Entity, *label, a, a + name.len(), Attrs::new());
            from = a + name.len();
        }
    }
    super::annotate(&mut cx);
    let qs = cx
        .sink
        .spans()
        .iter()
        .filter(|s| s.layer == Layer::Quote)
        .map(|s| {
            let name = match s.attrs.get("speaker_name") {
                Some(Value::Str(n)) => Some(n.to_string()),
                _ => None,
            };
            (s.label.name().to_string(), text[s.start_byte..s.end_byte].to_string(), name)
        })
        .collect();
    let _ = Options::default();
    (qs, cx)
}

fn q(kind: &str, text: &str, speaker: Option<&str>) -> Q {
    (kind.to_string(), text.to_string(), speaker.map(str::to_string))
}

#[test]
fn interrupted_quote_is_two_pieces_with_one_speaker_and_group() {
    let text = "Gen. Maria Lopez spoke. “We want peace,” she said, “but not at any price.”";
    let (qs, cx) = run(text, &[("Maria Lopez", Label::Person)]);
    assert_eq!(
        qs,
        vec![
            q("direct", "“We want peace,”", Some("Maria Lopez")),
            q("direct", "“but not at any price.”", Some("Maria Lopez")),
        ]
    );
    let groups: Vec<_> =
        cx.sink.spans().iter().filter(|s| s.layer == Layer::Quote).map(|s| s.attrs.get("group").cloned()).collect();
    assert_eq!(groups[0], groups[1]);
    assert!(groups[0].is_some());
}

#[test]
fn inverted_cue_takes_the_description_as_anonymous_source() {
    let text = "“We know that,” said a commander of Kataib Hezbollah, the most powerful militia.";
    let (qs, cx) = run(text, &[("Kataib Hezbollah", Label::Org)]);
    assert_eq!(qs, vec![q("direct", "“We know that,”", Some("a commander of Kataib Hezbollah"))]);
    let src = cx.sink.spans().iter().find(|s| s.layer == Layer::Source).expect("a source");
    assert_eq!(src.label, Label::Anonymous);
    assert_eq!(src.attrs.get("role"), Some(&Value::from("commander")));
    let Some(Value::Str(aff)) = src.attrs.get("affiliation") else { panic!("no affiliation") };
    assert!(aff.starts_with("Kataib Hezbollah"), "{aff}");
}

#[test]
fn pronoun_falls_back_to_the_last_named_speaker() {
    let text = "A senior politician, Izzat al-Shahbndar, said talks were advanced.\n“They are ready,” he said.";
    let (qs, _) = run(text, &[]);
    assert_eq!(
        qs,
        vec![
            q("indirect", "talks were advanced", Some("Izzat al-Shahbndar")),
            q("direct", "“They are ready,”", Some("Izzat al-Shahbndar")),
        ]
    );
}

#[test]
fn pronoun_uses_the_coref_mention_when_present() {
    let text = "Tom Baker met Ann Lee. “It went well,” he said.";
    let mut cx = Context { text, seg: segment(text), sink: Default::default(), summaries: Default::default() };
    let tom = cx.sink.push(Layer::Entity, Label::Person, 0, 9, Attrs::new());
    cx.sink.push(Layer::Entity, Label::Person, 14, 21, Attrs::new());
    let he = text.find("he said").expect("he");
    let mut attrs = Attrs::new();
    attrs.insert("antecedent", Value::Int(i64::from(tom)));
    attrs.insert("entity", Value::Int(0));
    cx.sink.push(Layer::Mention, Label::Pronoun, he, he + 2, attrs);
    super::annotate(&mut cx);
    let quote = cx.sink.spans().iter().find(|s| s.layer == Layer::Quote).expect("a quote");
    assert_eq!(quote.attrs.get("speaker_name"), Some(&Value::from("Tom Baker")));
    assert_eq!(quote.attrs.get("speaker_entity"), Some(&Value::Int(0)));
}

#[test]
fn scare_quotes_have_no_speaker() {
    let (qs, _) = run("The talks mark a shift amid a weakened “Axis of Resistance” for Iran.", &[]);
    assert_eq!(qs, vec![q("scare", "“Axis of Resistance”", None)]);
}

#[test]
fn reported_speech_patterns() {
    let (qs, _) = run("Security officials said some groups had evacuated.", &[]);
    assert_eq!(qs, vec![q("indirect", "some groups had evacuated", Some("Security officials"))]);
    let (qs, _) = run("Prices rose sharply, according to a government report.", &[]);
    assert_eq!(qs, vec![q("indirect", "Prices rose sharply", Some("a government report"))]);
    let (qs, _) = run("The plan is dead, two officials said on Monday.", &[]);
    assert_eq!(qs, vec![q("indirect", "The plan is dead", Some("two officials"))]);
    let (qs, _) = run(
        "Ruth Ames told Reuters the vote would be close.",
        &[("Ruth Ames", Label::Person), ("Reuters", Label::Org)],
    );
    assert_eq!(qs, vec![q("indirect", "the vote would be close", Some("Ruth Ames"))]);
}

#[test]
fn mixed_quote_absorbs_its_quoted_phrase() {
    let (qs, _) = run("Raul Ortiz said the vote was “a betrayal of every family.”", &[("Raul Ortiz", Label::Person)]);
    assert_eq!(qs, vec![q("mixed", "the vote was “a betrayal of every family.”", Some("Raul Ortiz"))]);
}

#[test]
fn run_on_paragraph_quote_shares_the_later_attribution() {
    let text = "“Profits were high. Bonuses were higher.\n“We said no,” Tom Baker said.";
    let (qs, _) = run(text, &[("Tom Baker", Label::Person)]);
    assert_eq!(
        qs,
        vec![
            q("direct", "“Profits were high. Bonuses were higher.", Some("Tom Baker")),
            q("direct", "“We said no,”", Some("Tom Baker")),
        ]
    );
}

#[test]
fn sourcing_summary_counts_named_and_anonymous() {
    let text = "Ann Lee said the plan works. Two officials said it would fail. “No,” she said.";
    let (_, cx) = run(text, &[("Ann Lee", Label::Person)]);
    let s = cx.summaries.get("sourcing").expect("summary");
    assert_eq!(s["distinct_sources"], 2);
    assert_eq!(s["named"], 1);
    assert_eq!(s["anonymous"], 1);
    assert!((s["anonymous_sentence_share"].as_f64().unwrap_or(0.0) - 1.0 / 3.0).abs() < 1e-9);
}

#[test]
fn nothing_panics_on_odd_marks() {
    for text in [
        "\"",
        "“",
        "”",
        "''",
        "``",
        "“”",
        "said",
        ", said",
        "according to",
        "“a” said",
        "He said: “",
        "''\n``",
        "\"\"\"",
        ", according to,",
    ] {
        let _ = run(text, &[]);
    }
}

#[test]
fn party_tags_and_appositives_do_not_become_the_speaker() {
    let (qs, _) = run("“This is not normal,” Sen. Elizabeth Warren, D-Mass., wrote on Twitter.", &[]);
    assert_eq!(qs, vec![q("direct", "“This is not normal,”", Some("Elizabeth Warren"))]);
    let (qs, _) = run("Sen. Ann Ruiz, D-Calif., said the bill would fail.", &[]);
    assert_eq!(qs, vec![q("indirect", "the bill would fail", Some("Ann Ruiz"))]);
}

#[test]
fn told_skips_its_object_including_a_quoted_title() {
    let text = "John Podesta told CNN’s “State of the Union” that the emails were “a distraction.”";
    let (qs, _) = run(text, &[]);
    assert_eq!(
        qs,
        vec![
            q("scare", "“State of the Union”", None),
            q("mixed", "the emails were “a distraction.”", Some("John Podesta")),
        ]
    );
}

#[test]
fn a_relative_clause_before_the_cue_is_a_modifier() {
    let (qs, _) = run("The report, which was released Friday, said the economy remains strong.", &[]);
    assert_eq!(qs, vec![q("indirect", "the economy remains strong", Some("The report"))]);
}

#[test]
fn a_quoted_sentence_without_a_cue_continues_the_last_speaker() {
    let (qs, _) = run("Ann Lee said the plan had failed. “It was a disaster from the start.”", &[]);
    assert_eq!(
        qs,
        vec![
            q("indirect", "the plan had failed", Some("Ann Lee")),
            q("direct", "“It was a disaster from the start.”", Some("Ann Lee")),
        ]
    );
    // Not after a paragraph with no speech.
    let (qs, _) = run("Ann Lee said the plan had failed.\nIt rained.\n“It was a disaster from the start.”", &[]);
    assert_eq!(qs[1], q("direct", "“It was a disaster from the start.”", None));
}

#[test]
fn the_senator_is_the_person_last_named_with_that_office() {
    let text = "Sen. Maria Lopez met Gov. Tom Hart.\n“We agreed on nothing,” the senator said.";
    let (qs, cx) = run(text, &[]);
    assert_eq!(qs, vec![q("direct", "“We agreed on nothing,”", Some("Maria Lopez"))]);
    let src = cx.sink.spans().iter().find(|s| s.layer == Layer::Source).expect("source");
    assert_eq!(src.label, Label::NamedPerson);
    // No one named with the office: an anonymous description.
    let (qs, _) = run("“We agreed on nothing,” the senator said.", &[]);
    assert_eq!(qs, vec![q("direct", "“We agreed on nothing,”", Some("the senator"))]);
}

#[test]
fn a_colon_after_a_named_subject_attributes_the_quote() {
    let (qs, _) = run("Asked about the polls, Ted Cruz was blunt: “Polls don’t vote. People do.”", &[]);
    assert_eq!(qs, vec![q("direct", "“Polls don’t vote. People do.”", Some("Ted Cruz"))]);
    // Not after a clause whose subject is no one.
    let (qs, _) = run("The message of the long night was clear: “Polls don’t vote. People do.”", &[]);
    assert_eq!(qs[0].2, None);
}

#[test]
fn a_participle_cue_reports_a_quoted_phrase_for_its_subject() {
    let (qs, _) = run("The campaign released a statement saying the rivals were “out of touch.”", &[]);
    assert_eq!(qs, vec![q("mixed", "the rivals were “out of touch.”", Some("a statement"))]);
    let (qs, _) = run("Ann Lee left early, saying the vote was “rigged from the start.”", &[]);
    assert_eq!(qs, vec![q("mixed", "the vote was “rigged from the start.”", Some("Ann Lee"))]);
}

#[test]
fn a_participle_after_an_attribution_shares_its_speaker() {
    let text = "Tom Hart spoke. “It was a terrible mistake!” he wrote, adding that rates should be cut “immediately.”";
    let (qs, _) = run(text, &[]);
    assert_eq!(
        qs,
        vec![
            q("direct", "“It was a terrible mistake!”", Some("Tom Hart")),
            q("mixed", "that rates should be cut “immediately.”", Some("Tom Hart")),
        ]
    );
}

#[test]
fn long_titles_in_quotes_are_not_speech() {
    let (qs, _) = run("He wrote “The Audacity of Hope: Thoughts on Reclaiming the American Dream” in 2006.", &[]);
    assert_eq!(qs[0].0, "scare");
}

#[test]
fn ages_and_participle_leads_keep_the_right_speaker() {
    let (qs, _) = run("Mr. Tom Jones, 54, said the plan was fine.", &[]);
    assert_eq!(qs, vec![q("indirect", "the plan was fine", Some("Tom Jones"))]);
    let (qs, _) = run("“It’s over,” one aide said, adding, “We lost.”", &[]);
    assert_eq!(qs, vec![q("direct", "“It’s over,”", Some("one aide")), q("direct", "“We lost.”", Some("one aide"))]);
}

#[test]
fn a_pronoun_after_a_cue_starts_the_content_not_the_speaker() {
    let (qs, _) = run("Paul Grady, a first-term Republican, insisted he had voted for it.", &[]);
    assert_eq!(qs, vec![q("indirect", "he had voted for it", Some("Paul Grady"))]);
}

#[test]
fn a_second_cue_ends_the_first_content_and_coordinated_cues_share_the_subject() {
    let (qs, _) =
        run("A poll suggested Moss gained ground, though analysts cautioned against reading much into it.", &[]);
    assert_eq!(qs[0], q("indirect", "Moss gained ground", Some("A poll")));
    let (qs, _) = run("Carl Dunn called the plan “reckless” and warned of a long shutdown.", &[]);
    assert!(qs.contains(&q("indirect", "of a long shutdown", Some("Carl Dunn"))), "{qs:?}");
}
