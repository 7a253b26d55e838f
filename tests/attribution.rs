//! The attribution classes of issue 15, each as generic sentences written
//! for this project (not corpus text): cues beyond "said", speakers after a
//! quote behind a lower-case role or a long appositive, colon
//! introductions, reported speech with its whole content, and source kinds.
//! The figures on real news come from `cargo xtask eval-attribution`
//! (docs/EVALUATION.md); these keep each class right without the corpus.

use newslens::internals::doc::Value;
use newslens::{Document, Label, Layer, Options, Span, annotate};

fn doc(text: &str) -> Document {
    annotate(text, &Options::default()).expect("annotates")
}

fn attr<'a>(s: &'a Span, k: &str) -> Option<&'a str> {
    s.attrs.get(k).and_then(Value::as_str)
}

fn linked<'a>(d: &'a Document, s: &Span, k: &str) -> Option<&'a Span> {
    match s.attrs.get(k) {
        Some(Value::Int(n)) => d.spans.iter().find(|x| i64::from(x.id) == *n),
        _ => None,
    }
}

/// A quote as seen from outside: label, text, cue text, speaker mention
/// text, resolved name, source label.
#[derive(Debug)]
struct Seen {
    label: Label,
    text: String,
    cue: Option<String>,
    mention: Option<String>,
    name: Option<String>,
    source: Option<Label>,
}

fn quotes(text: &str) -> Vec<Seen> {
    let d = doc(text);
    let slice = |s: &Span| text[s.start_byte..s.end_byte].to_string();
    d.spans
        .iter()
        .filter(|s| s.layer == Layer::Quote)
        .map(|q| Seen {
            label: q.label,
            text: slice(q),
            cue: linked(&d, q, "cue").map(slice),
            mention: linked(&d, q, "speaker").map(slice),
            name: attr(q, "speaker_name").map(str::to_string),
            source: linked(&d, q, "speaker").map(|s| s.label),
        })
        .collect()
}

/// The one quote whose text starts with `start`.
fn quote<'a>(all: &'a [Seen], start: &str) -> &'a Seen {
    let found: Vec<&Seen> = all.iter().filter(|q| q.text.starts_with(start)).collect();
    assert_eq!(found.len(), 1, "one quote starting {start:?} in {all:#?}");
    found[0]
}

fn assert_direct(all: &[Seen], start: &str, cue: &str, name: &str) {
    let q = quote(all, start);
    assert_eq!(q.label, Label::Direct, "{q:?}");
    assert_eq!(q.cue.as_deref(), Some(cue), "{q:?}");
    assert_eq!(q.name.as_deref(), Some(name), "{q:?}");
}

#[test]
fn less_common_and_present_tense_cues_after_the_quote() {
    let text = "The plan drew criticism on Tuesday. “We cannot wait another year for this,” \
                Senator Maria Lopez implored.\n\n\
                “Keep the receipts and file early,” the tax adviser Tom Reyes advises.\n\n\
                “The count is not over,” Governor Ellen Shaw insists.";
    let all = quotes(text);
    // Before this, a quote followed by "<Name> implored." was a scare quote.
    assert_direct(&all, "“We cannot wait", "implored", "Maria Lopez");
    assert_direct(&all, "“Keep the receipts", "advises", "Tom Reyes");
    assert_direct(&all, "“The count", "insists", "Ellen Shaw");
}

#[test]
fn inverted_order_with_a_lower_case_role() {
    let all = quotes("“Start saving early and never touch it,” advises economist Ana Ruiz.");
    assert_direct(&all, "“Start saving", "advises", "Ana Ruiz");
    assert_eq!(quote(&all, "“Start").source, Some(Label::NamedPerson));
}

#[test]
fn speaker_behind_a_lower_case_role_or_a_long_appositive() {
    let text = "“Children need routines more than rules,” family therapist Ana Ruiz says.\n\n\
                “The housing plan is late and underfunded,” Dana Wills, the mayor's adviser on housing \
                and transit, said.";
    let all = quotes(text);
    assert_direct(&all, "“Children", "says", "Ana Ruiz");
    assert_eq!(quote(&all, "“Children").mention.as_deref(), Some("family therapist Ana Ruiz"));
    assert_direct(&all, "“The housing plan", "said", "Dana Wills");
}

#[test]
fn colon_introductions() {
    let text = "Reporters pressed the mayor on the delay. The governor replied curtly: \
                “We will not negotiate in public.”";
    let all = quotes(text);
    let q = quote(&all, "“We will not");
    assert_eq!(q.label, Label::Direct);
    assert_eq!(q.cue.as_deref(), Some("replied"));
    assert_eq!(q.mention.as_deref(), Some("The governor"));
}

#[test]
fn verbs_that_attribute_quotes_report_speech_before_that() {
    let text = "Mark Chen tweeted that the vote had been rigged. The senator responded that the \
                report was wrong.";
    let all = quotes(text);
    let q = quote(&all, "that the vote had been rigged");
    assert_eq!((q.label, q.cue.as_deref(), q.name.as_deref()), (Label::Indirect, Some("tweeted"), Some("Mark Chen")));
    let q = quote(&all, "that the report was wrong");
    assert_eq!((q.label, q.cue.as_deref()), (Label::Indirect, Some("responded")));
}

#[test]
fn reported_speech_keeps_its_whole_content_around_the_cue_clause() {
    let text = "Dana Wills spoke to the council. Beyond that, she said, the council may revisit the plan.";
    let all = quotes(text);
    let parts: Vec<&Seen> = all.iter().filter(|q| q.label == Label::Indirect).collect();
    let texts: Vec<&str> = parts.iter().map(|q| q.text.as_str()).collect();
    assert_eq!(texts, vec!["Beyond that", "the council may revisit the plan"]);
    for q in parts {
        assert_eq!(q.cue.as_deref(), Some("said"));
        assert_eq!(q.name.as_deref(), Some("Dana Wills"));
    }
    // The writer's own clause after the attribution is not content.
    let all = quotes("Talks went on for a third day, officials said, but no agreement has been reached.");
    let texts: Vec<&str> = all.iter().map(|q| q.text.as_str()).collect();
    assert_eq!(texts, vec!["Talks went on for a third day"]);
}

#[test]
fn subject_before_the_cue_with_its_appositive_takes_the_content_after() {
    let all = quotes("Another pollster, Ana Ruiz of Lakeside University, said her survey showed support holding steady.");
    let q = quote(&all, "her survey");
    assert_eq!(q.label, Label::Indirect);
    assert_eq!(q.text, "her survey showed support holding steady");
    assert!(q.name.as_deref().is_some_and(|n| n.starts_with("Ana Ruiz")), "{q:?}");
}

#[test]
fn source_kinds() {
    // A role with a name is named.
    let all = quotes("“We will not raise taxes,” the campaign's press secretary Dana Wills said.");
    let q = quote(&all, "“We will not");
    assert_eq!((q.name.as_deref(), q.source), (Some("Dana Wills"), Some(Label::NamedPerson)));
    // A pronoun whose antecedent is a named person is named.
    let all = quotes("Dana Wills spoke to reporters. “It is a good day for the city,” she said.");
    let q = quote(&all, "“It is a good day");
    assert_eq!((q.name.as_deref(), q.source), (Some("Dana Wills"), Some(Label::NamedPerson)));
    // "In" opening an adverbial is not the speaker; officials are anonymous.
    let all = quotes("In Ohio, officials said the polls would close at 7:30 p.m.");
    let q = quote(&all, "the polls");
    assert_eq!((q.mention.as_deref(), q.source), (Some("officials"), Some(Label::Anonymous)));
    // A name before a bracketed party tag, or before where the person
    // works, is named.
    let all = quotes("Rep. Dana Wills (D-Ore.) said the bill would pass. Ana Ruiz of Lakeside University said the poll was sound.");
    let q = quote(&all, "the bill");
    assert_eq!((q.name.as_deref(), q.source), (Some("Dana Wills"), Some(Label::NamedPerson)));
    let q = quote(&all, "the poll");
    assert_eq!((q.name.as_deref(), q.source), (Some("Ana Ruiz"), Some(Label::NamedPerson)));
    // A statement is a document, not a person.
    let all = quotes("“The numbers speak for themselves,” said a statement from the company.");
    assert_eq!(quote(&all, "“The numbers").source, Some(Label::Document));
}

#[test]
fn a_cue_in_the_next_sentence_reports_its_own_content() {
    // A title closing one sentence is not the speech of the next one's cue.
    let text = "He bought the plane in 1988, according to his memoir ''The Price of Wings.'' \
                Mr. Lee said a smaller jet would have cost twice as much.";
    let all = quotes(text);
    let q = quote(&all, "a smaller jet");
    assert_eq!((q.label, q.cue.as_deref(), q.name.as_deref()), (Label::Indirect, Some("said"), Some("Lee")));
    assert!(all.iter().all(|q| q.cue.as_deref() != Some("said") || q.text.starts_with("a smaller")), "{all:#?}");
    // A cue whose clause ends in the next sentence still attributes.
    let all = quotes("“We will appeal.” Mr. Lee said on Monday.");
    assert_direct(&all, "“We will appeal", "said on Monday", "Lee");
}

fn assert_mixed(all: &[Seen], start: &str, holds: &str, cue: &str, name: &str) {
    let q = quote(all, start);
    assert_eq!(q.label, Label::Mixed, "{q:?}");
    assert!(q.text.contains(holds), "{q:?}");
    assert_eq!(q.cue.as_deref(), Some(cue), "{q:?}");
    assert_eq!(q.name.as_deref(), Some(name), "{q:?}");
}

#[test]
fn a_quoted_fragment_inside_reported_speech_makes_the_whole_content_mixed() {
    // A fragment that opens the content and the clause runs on past it.
    let text = "Councillor Rosa Ames said “dozens” of families would lose their homes.";
    assert_mixed(&quotes(text), "“dozens” of families", "lose their homes", "said", "Rosa Ames");
    // A quote right after "that": paraphrase, not the speaker's own sentence.
    let text = "Councillor Rosa Ames said that “the budget is a fiction.”";
    let all = quotes(text);
    assert!(all.iter().all(|q| q.label != Label::Direct), "{all:#?}");
    assert_mixed(&all, "that “the budget", "fiction", "said", "Rosa Ames");
}

#[test]
fn an_adverbial_between_the_cue_and_that_is_not_content() {
    let text = "Rosa Ames said at the hearing that the budget was “a fiction from start to finish.”";
    let all = quotes(text);
    assert_mixed(&all, "that the budget was", "“a fiction", "said", "Rosa Ames");
    let text = "Rosa Ames said during a radio interview on Monday that the plan was dead.";
    let all = quotes(text);
    let q = quote(&all, "that the plan");
    assert_eq!((q.label, q.text.as_str()), (Label::Indirect, "that the plan was dead"));
}

#[test]
fn calling_someone_a_quoted_phrase_is_speech_but_calling_for_is_not() {
    let text = "Governor Ellen Shaw called the new budget “a reckless gamble with our schools.”";
    assert_mixed(&quotes(text), "the new budget", "“a reckless gamble", "called", "Ellen Shaw");
    let all = quotes("Governor Ellen Shaw called for “a full review” of the budget.");
    assert!(all.iter().all(|q| q.cue.as_deref() != Some("called")), "{all:#?}");
    // A capitalised title after it names, it does not report.
    let all = quotes("The state sold a plate called “Save Our Lakes” last year.");
    assert!(all.iter().all(|q| q.label == Label::Scare), "{all:#?}");
}

#[test]
fn a_fragment_mid_clause_before_the_cue_and_a_long_adverbial_after_it() {
    let text = "The party had “cracked the hardest ceiling” yet in its history, she said in a video \
                message to the members.";
    let all = quotes(text);
    assert_mixed(&all, "The party had", "in its history", "said", "she");
}

#[test]
fn a_title_before_a_cue_is_no_quote_of_the_speaker() {
    let text = "Sunday on the program “Meet the Voters Today,” Senator Ann Lee said the deficit was \
                “out of control.”";
    let all = quotes(text);
    assert_eq!(quote(&all, "“Meet").label, Label::Scare, "{all:#?}");
    assert_mixed(&all, "the deficit", "“out of control", "said", "Ann Lee");
}

#[test]
fn an_emphatic_did_say_is_a_cue() {
    let all = quotes("Rosa Ames did say she found the mayor to be “very charming.”");
    assert_mixed(&all, "she found", "“very charming", "say", "Rosa Ames");
}

#[test]
fn content_after_that_may_open_with_this_and_a_promise_opens_with_to() {
    let all = quotes("Rosa Ames said that this was a “new” burden on the schools.");
    assert_mixed(&all, "that this was a", "burden", "said", "Rosa Ames");
    let all = quotes("Rosa Ames vowed to end “the wasteful parking rules” by spring.");
    assert_mixed(&all, "to end", "“the wasteful", "vowed", "Rosa Ames");
    // Without a quoted phrase a verb of promise reports nothing.
    assert!(quotes("Rosa Ames vowed to end the parking rules by spring.").is_empty());
}

#[test]
fn blame_and_praise_around_a_quoted_phrase_are_speech() {
    let all = quotes("Rosa Ames accused the mayor of running a campaign “of fear and division.”");
    assert_mixed(&all, "the mayor of", "“of fear", "accused", "Rosa Ames");
}

#[test]
fn the_source_span_holds_the_appositive_after_the_name() {
    let all = quotes("Dana Wills, a spokeswoman for the mayor, said the plan was late.");
    // Before, "the plan was" was taken for the speaker of "Dana Wills, …".
    let q = quote(&all, "the plan");
    assert_eq!((q.label, q.text.as_str()), (Label::Indirect, "the plan was late"));
    assert_eq!(q.mention.as_deref(), Some("Dana Wills, a spokeswoman for the mayor"), "{q:?}");
    assert_eq!(q.name.as_deref(), Some("Dana Wills"));
}

#[test]
fn a_cue_span_holds_its_auxiliaries_time_and_medium() {
    let all = quotes("Rosa Ames has also said that the plan was late.");
    assert_eq!(quote(&all, "that the plan").cue.as_deref(), Some("has also said"));
    let all = quotes("Rosa Ames said in a statement on Tuesday that the plan was late.");
    assert_eq!(quote(&all, "that the plan").cue.as_deref(), Some("said in a statement on Tuesday"));
    let all = quotes("Rosa Ames said Tuesday that the plan was late.");
    assert_eq!(quote(&all, "that the plan").cue.as_deref(), Some("said Tuesday"));
}

#[test]
fn a_source_after_its_cue_takes_what_the_comma_adds_to_the_sentence_end() {
    let all = quotes("“The market is cooling,” said Ann Lee, a broker in Tampa who sells farms.");
    let q = quote(&all, "“The market");
    assert_eq!(q.mention.as_deref(), Some("Ann Lee, a broker in Tampa who sells farms"), "{q:?}");
    // A participle after the comma is the writer's clause, not the source.
    let all = quotes("“The market is cooling,” said Ann Lee, adding that prices would fall.");
    assert_eq!(quote(&all, "“The market").mention.as_deref(), Some("Ann Lee"));
}
