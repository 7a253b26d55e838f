use super::*;
use super::cards::entity_id;
use crate::doc::{Label, Layer, SpanSink};
use crate::text;

/// Runs coref over `text` with entity spans at the given surfaces
/// (`(surface, occurrence, label)`: the nth occurrence of surface).
fn run(text: &str, ents: &[(&str, usize, Label)]) -> Context<'static> {
    let text: &'static str = Box::leak(text.to_string().into_boxed_str());
    let mut spans: Vec<(usize, usize, Label)> = ents
        .iter()
        .map(|&(s, n, l)| {
            let start = find_word(text, s, n).unwrap_or_else(|| panic!("{s} #{n} not in text"));
            (start, start + s.len(), l)
        })
        .collect();
    spans.sort();
    let mut sink = SpanSink::new();
    for (s, e, l) in spans {
        sink.push(Layer::Entity, l, s, e, Attrs::new());
    }
    let mut cx = Context {
        text,
        seg: text::segment(text),
        sink,
        summaries: Default::default(),
    };
    annotate(&mut cx);
    cx
}

/// The `entities` summary as the wire shows it.
fn cards_json(cx: &Context) -> serde_json::Value {
    serde_json::to_value(cx.summaries.entities().expect("entity cards")).expect("json")
}

fn entity_of(cx: &Context, surface: &str, n: usize) -> Option<String> {
    let start = find_word(cx.text, surface, n)?;
    cx.sink
        .spans()
        .iter()
        .find(|s| {
            s.start_byte == start
                && s.end_byte == start + surface.len()
                && matches!(s.layer, Layer::Entity | Layer::Mention)
        })
        .and_then(|s| match s.attrs.get("entity") {
            Some(Value::Str(e)) => Some(e.to_string()),
            _ => None,
        })
}

fn attr(cx: &Context, surface: &str, n: usize, key: &str) -> Option<Value> {
    let start = find_word(cx.text, surface, n)?;
    cx.sink
        .spans()
        .iter()
        .find(|s| s.start_byte == start && s.end_byte == start + surface.len() && s.layer != Layer::Token)
        .and_then(|s| s.attrs.get(key).cloned())
}

use Label::*;

/// Byte offset of the nth whole-word occurrence of `w`.
fn find_word(text: &str, w: &str, n: usize) -> Option<usize> {
    text.match_indices(w)
        .filter(|(i, _)| {
            let before = text[..*i].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
            let after = text[i + w.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric());
            before && after
        })
        .nth(n)
        .map(|(i, _)| i)
}

#[test]
fn surname_and_particle_join_the_full_name() {
    let cx = run(
        "Prime Minister Mohammed Shia al-Sudani met Izzat al-Shahbndar. Sudani said talks went well. Shahbndar agreed.",
        &[
            ("Mohammed Shia al-Sudani", 0, Person),
            ("Izzat al-Shahbndar", 0, Person),
            ("Sudani", 1, Person),
            ("Shahbndar", 1, Person),
        ],
    );
    let sudani = entity_of(&cx, "Mohammed Shia al-Sudani", 0).unwrap();
    assert_eq!(entity_of(&cx, "Sudani", 1).as_ref(), Some(&sudani));
    let shah = entity_of(&cx, "Izzat al-Shahbndar", 0).unwrap();
    assert_ne!(sudani, shah);
    assert_eq!(entity_of(&cx, "Shahbndar", 1), Some(shah));
    let cards = cards_json(&cx);
    let cards = cards.as_array().unwrap();
    let card = cards.iter().find(|c| c["id"] == sudani.as_str()).unwrap();
    assert_eq!(card["name"], "Mohammed Shia al-Sudani");
    assert_eq!(card["mentions"].as_array().unwrap().len(), 2);
}

#[test]
fn same_surname_different_given_names_stay_apart() {
    let cx = run(
        "Maria Delgado sued. Luis Delgado objected. Maria Delgado replied.",
        &[
            ("Maria Delgado", 0, Person),
            ("Luis Delgado", 0, Person),
            ("Maria Delgado", 1, Person),
        ],
    );
    let maria = entity_of(&cx, "Maria Delgado", 0).unwrap();
    assert_ne!(Some(&maria), entity_of(&cx, "Luis Delgado", 0).as_ref());
    assert_eq!(Some(maria), entity_of(&cx, "Maria Delgado", 1));
}

#[test]
fn country_variants_join_and_nationality_links_without_merging() {
    let cx = run(
        "The United States warned Iraq. U.S. officials said America and the US agree. Iraqi leaders objected.",
        &[
            ("United States", 0, Gpe),
            ("Iraq", 0, Gpe),
            ("U.S.", 0, Gpe),
            ("America", 0, Gpe),
            ("US", 0, Gpe),
            ("Iraqi", 0, Norp),
        ],
    );
    let us = entity_of(&cx, "United States", 0).unwrap();
    assert_eq!(entity_of(&cx, "U.S.", 0).as_ref(), Some(&us));
    assert_eq!(entity_of(&cx, "America", 0).as_ref(), Some(&us));
    assert_eq!(entity_of(&cx, "US", 0).as_ref(), Some(&us));
    let iraq = entity_of(&cx, "Iraq", 0).unwrap();
    let iraqi = entity_of(&cx, "Iraqi", 0).unwrap();
    assert_ne!(iraq, iraqi);
    assert_eq!(attr(&cx, "Iraqi", 0, "country_entity"), Some(Value::from(iraq)));
}

#[test]
fn capital_as_government_refers_to_the_country() {
    let cx = run(
        "The US is worried. Washington has told Baghdad it could act. Officials met in Washington.",
        &[
            ("US", 0, Gpe),
            ("Washington", 0, Gpe),
            ("Baghdad", 0, Gpe),
            ("Washington", 1, Gpe),
        ],
    );
    let us = entity_of(&cx, "US", 0).unwrap();
    assert_eq!(entity_of(&cx, "Washington", 0).as_ref(), Some(&us));
    assert_eq!(
        attr(&cx, "Washington", 0, "refers_to"),
        Some(Value::Str("United States government".into()))
    );
    assert_eq!(
        attr(&cx, "Washington", 0, "country_entity"),
        Some(Value::from(us.clone()))
    );
    assert_eq!(
        attr(&cx, "Baghdad", 0, "refers_to"),
        Some(Value::Str("Iraq government".into()))
    );
    // "met in Washington" is the city.
    assert_ne!(entity_of(&cx, "Washington", 1), Some(us));
    assert_eq!(attr(&cx, "Washington", 1, "refers_to"), None);
}

#[test]
fn acronym_in_parentheses_defines_later_uses() {
    let cx = run(
        "Iran’s Revolutionary Guards (IRGC) gave a blessing. The IRGC denied it. Later the IRGC spoke again.",
        &[("Iran", 0, Gpe), ("Revolutionary Guards", 0, Org), ("IRGC", 1, Org)],
    );
    let irgc = entity_of(&cx, "Revolutionary Guards", 0).unwrap();
    // Tagged later use joins and carries the expansion.
    assert_eq!(entity_of(&cx, "IRGC", 1).as_ref(), Some(&irgc));
    assert_eq!(
        attr(&cx, "IRGC", 1, "expansion"),
        Some(Value::Str("Revolutionary Guards".into()))
    );
    // Untagged uses (the definition, the last) become mention spans.
    assert_eq!(entity_of(&cx, "IRGC", 0).as_ref(), Some(&irgc));
    assert_eq!(entity_of(&cx, "IRGC", 2).as_ref(), Some(&irgc));
    assert_ne!(entity_of(&cx, "Iran", 0), Some(irgc));
}

#[test]
fn acronym_first_then_long_form() {
    let cx = run(
        "NATO (North Atlantic Treaty Organization) ministers met. NATO said so.",
        &[
            ("NATO", 0, Org),
            ("North Atlantic Treaty Organization", 0, Org),
            ("NATO", 1, Org),
        ],
    );
    let long = entity_of(&cx, "North Atlantic Treaty Organization", 0).unwrap();
    assert_eq!(entity_of(&cx, "NATO", 0).as_ref(), Some(&long));
    assert_eq!(entity_of(&cx, "NATO", 1), Some(long));
}

#[test]
fn org_short_forms_and_initials() {
    let cx = run(
        "Boeing Co. and Activision Blizzard Inc. met the Federal Trade Commission. Boeing, Activision and the FTC agreed. Kataib Hezbollah and Hezbollah differ.",
        &[
            ("Boeing Co.", 0, Org),
            ("Activision Blizzard Inc.", 0, Org),
            ("Federal Trade Commission", 0, Org),
            ("Boeing", 1, Org),
            ("Activision", 1, Org),
            ("FTC", 0, Org),
            ("Kataib Hezbollah", 0, Org),
            ("Hezbollah", 1, Org),
        ],
    );
    assert_eq!(entity_of(&cx, "Boeing", 1), entity_of(&cx, "Boeing Co.", 0));
    assert_eq!(
        entity_of(&cx, "Activision", 1),
        entity_of(&cx, "Activision Blizzard Inc.", 0)
    );
    assert_eq!(entity_of(&cx, "FTC", 0), entity_of(&cx, "Federal Trade Commission", 0));
    assert_ne!(entity_of(&cx, "Hezbollah", 1), entity_of(&cx, "Kataib Hezbollah", 0));
}

#[test]
fn pronoun_goes_to_the_last_speaker_not_the_last_name() {
    let cx = run(
        "A politician, Izzat al-Shahbndar, said talks with Prime Minister Mohammed Shia al-Sudani were advanced.\n“The factions are ready,” he said.",
        &[
            ("Izzat al-Shahbndar", 0, Person),
            ("Mohammed Shia al-Sudani", 0, Person),
        ],
    );
    let shah = entity_of(&cx, "Izzat al-Shahbndar", 0).unwrap();
    assert_eq!(entity_of(&cx, "he", 0), Some(shah));
    let conf = match attr(&cx, "he", 0, "confidence") {
        Some(Value::Num(c)) => c,
        other => panic!("{other:?}"),
    };
    assert!(conf > 0.5 && conf <= 1.0);
    let ante = attr(&cx, "he", 0, "antecedent");
    let shah_span = cx
        .sink
        .spans()
        .iter()
        .find(|s| s.layer == Layer::Entity && s.start_byte == cx.text.find("Izzat").unwrap())
        .unwrap()
        .id;
    assert_eq!(ante, Some(Value::Int(i64::from(shah_span))));
    let link = pronoun_at(&cx.sink, cx.text.find("he said").unwrap()).unwrap();
    assert_eq!(link.antecedent, shah_span);
}

#[test]
fn gender_picks_she_over_a_more_recent_man() {
    let cx = run(
        "Grace Wanjiru accused the board. President Daniel Mutua disagreed. She said the vote was rigged.",
        &[("Grace Wanjiru", 0, Person), ("Daniel Mutua", 0, Person)],
    );
    assert_eq!(entity_of(&cx, "She", 0), entity_of(&cx, "Grace Wanjiru", 0));
}

#[test]
fn unnamed_speaker_blocks_the_pronoun() {
    let cx = run(
        "Tom Baker spoke on Monday. Later a commander said talks failed. He said more would come.",
        &[("Tom Baker", 0, Person)],
    );
    assert_eq!(entity_of(&cx, "He", 0), None);
    assert!(cx.sink.spans().iter().all(|s| s.layer != Layer::Mention));
}

#[test]
fn they_goes_to_an_organisation_not_an_adjective() {
    let cx = run(
        "Hezbollah denied involvement. In a statement, they said Israel lied. Afghan women's groups were cautious. They said nothing.",
        &[("Hezbollah", 0, Org), ("Israel", 0, Gpe), ("Afghan", 0, Norp)],
    );
    assert_eq!(entity_of(&cx, "they", 0), entity_of(&cx, "Hezbollah", 0));
    // "They" two sentences later is about the groups; "Afghan" is an adjective.
    assert_ne!(entity_of(&cx, "They", 0), entity_of(&cx, "Afghan", 0));
}

#[test]
fn dates_get_no_entity_and_empty_input_is_fine() {
    let cx = run("In January, Iraq voted.", &[("January", 0, Date), ("Iraq", 0, Gpe)]);
    assert_eq!(entity_of(&cx, "January", 0), None);
    assert!(entity_of(&cx, "Iraq", 0).is_some());
    let cx = run("", &[]);
    assert_eq!(cards_json(&cx), serde_json::json!([]));
}

#[test]
fn salience_orders_cards() {
    let cx = run(
        "Iraq and Iran met.\nLater Iraq said it was ready. Iraq said more.",
        &[("Iraq", 0, Gpe), ("Iran", 0, Gpe), ("Iraq", 1, Gpe), ("Iraq", 2, Gpe)],
    );
    let cards = cards_json(&cx);
    let cards = cards.as_array().unwrap();
    assert_eq!(cards[0]["name"], "Iraq");
    assert!(cards[0]["salience"].as_f64().unwrap() > cards[1]["salience"].as_f64().unwrap());
}

#[test]
fn acronym_used_before_its_definition_does_not_shift_links() {
    // The untagged "IRGC" at the start sorts before the long form, which
    // once made the definition point at the wrong mention (and panic).
    let cx = run(
        "IRGC chief spoke. Later Iran’s Revolutionary Guards (IRGC) denied it, and Hezbollah agreed.",
        &[
            ("Revolutionary Guards", 0, Org),
            ("Iran", 0, Gpe),
            ("Hezbollah", 0, Org),
        ],
    );
    let guards = entity_of(&cx, "Revolutionary Guards", 0).unwrap();
    assert_eq!(entity_of(&cx, "IRGC", 0).as_ref(), Some(&guards));
    assert_eq!(entity_of(&cx, "IRGC", 1).as_ref(), Some(&guards));
    assert_ne!(entity_of(&cx, "Hezbollah", 0), Some(guards));
}

#[test]
fn same_name_under_another_label_is_one_actor() {
    let cx = run(
        "Boeing Co. fell. Analysts were calm. Boeing said it was fine. Amman and Jordan talked.",
        &[
            ("Boeing Co.", 0, Org),
            ("Boeing", 1, Person),
            ("Amman", 0, Gpe),
            ("Jordan", 0, Person),
        ],
    );
    assert_eq!(entity_of(&cx, "Boeing", 1), entity_of(&cx, "Boeing Co.", 0));
    // A person who shares a surname is still a person of their own.
    let cx = run(
        "Tom Jordan met Ann Jordan.",
        &[("Tom Jordan", 0, Person), ("Ann Jordan", 0, Person)],
    );
    assert_ne!(entity_of(&cx, "Tom Jordan", 0), entity_of(&cx, "Ann Jordan", 0));
}

#[test]
fn head_word_initials_without_suffix_and_foreign_acronyms() {
    let cx = run(
        "The European Commission fined General Motors Co. and the Workers' Party (PT). The Commission said GM and the PT agreed. The council met.",
        &[
            ("European Commission", 0, Org),
            ("General Motors Co.", 0, Org),
            ("Workers' Party", 0, Org),
            ("Commission", 1, Org),
            ("GM", 0, Org),
            ("PT", 1, Org),
        ],
    );
    assert_eq!(
        entity_of(&cx, "Commission", 1),
        entity_of(&cx, "European Commission", 0)
    );
    assert_eq!(entity_of(&cx, "GM", 0), entity_of(&cx, "General Motors Co.", 0));
    assert_eq!(entity_of(&cx, "PT", 1), entity_of(&cx, "Workers' Party", 0));
    assert_eq!(
        attr(&cx, "PT", 1, "expansion"),
        Some(Value::Str("Workers' Party".into()))
    );
}

#[test]
fn missed_later_names_are_recovered_as_mentions() {
    let cx = run(
        "Union chief Shawn Fairbanks met Spotify. Later Fairbanks told members the strike would go on. Users of Spotify Premium and Boeing Capital were calm. Fairbanks said so.",
        &[("Shawn Fairbanks", 0, Person), ("Spotify", 0, Org)],
    );
    let f = entity_of(&cx, "Shawn Fairbanks", 0).unwrap();
    assert_eq!(entity_of(&cx, "Fairbanks", 1).as_ref(), Some(&f));
    // Sentence-initial, but a speech verb follows.
    assert_eq!(entity_of(&cx, "Fairbanks", 2).as_ref(), Some(&f));
    // Glued to another capitalised word: part of another name.
    assert_eq!(entity_of(&cx, "Spotify", 1), None);
    let span = cx.sink.spans().iter().find(|s| s.layer == Layer::Mention).unwrap();
    assert_eq!(span.label, Person);
}

#[test]
fn acronym_after_a_group_name_joins_it() {
    let cx = run(
        "Thomas Brandt resigned as leader of Germany's Social Democrats (SPD) on Tuesday. The SPD can renew itself.",
        &[
            ("Democrats", 0, Norp),
            ("SPD", 0, Norp),
            ("SPD", 1, Org),
            ("Germany", 0, Gpe),
        ],
    );
    assert_eq!(entity_of(&cx, "SPD", 0), entity_of(&cx, "Democrats", 0));
    assert_eq!(entity_of(&cx, "SPD", 1), entity_of(&cx, "Democrats", 0));
}

#[test]
fn dateline_is_not_an_acronym_definition() {
    let cx = run(
        "BERLIN (Reuters) - Thomas Brandt resigned. He met reporters in Berlin.",
        &[
            ("BERLIN", 0, Gpe),
            ("Reuters", 0, Org),
            ("Thomas Brandt", 0, Person),
            ("Berlin", 0, Gpe),
        ],
    );
    assert_ne!(entity_of(&cx, "Reuters", 0), entity_of(&cx, "BERLIN", 0));
    assert_eq!(entity_of(&cx, "Berlin", 0), entity_of(&cx, "BERLIN", 0));
    assert_eq!(attr(&cx, "BERLIN", 0, "expansion"), None);
}

#[test]
fn folding_onto_a_prefix_folds_only_the_name() {
    for name in ["Reuters'", "Iran's", "X's", "O`Neil", "Ministry Of Defence", "Sudani\u{2019}s", "ÉLYSÉE", "s'"] {
        let mut key = String::from("o:");
        names::fold_onto(name, &mut key);
        assert_eq!(key, format!("o:{}", names::fold(name)), "{name}");
        let mut reused = String::from("left over");
        names::fold_into(name, &mut reused);
        assert_eq!(reused, names::fold(name), "{name}");
    }
}

#[test]
fn company_suffixes_are_found_in_any_case_without_allocating() {
    assert_eq!(names::without_company_suffix("General Motors Co."), "General Motors");
    assert_eq!(names::without_company_suffix("Siemens AG"), "Siemens");
    assert_eq!(names::without_company_suffix("Acme Holdings Inc,"), "Acme");
    assert_eq!(names::without_company_suffix("Boeing CO"), "Boeing");
    assert_eq!(names::without_company_suffix("Nestlé"), "Nestlé");
    assert!(names::is_company_suffix_word("LTD"));
    assert!(!names::is_company_suffix_word("Ltd\u{e9}"));
}

#[test]
fn entity_ids_are_e_and_the_number() {
    for n in [0, 1, 9, 10, 99, 100, 4745, 1_000_000, usize::MAX] {
        assert_eq!(entity_id(n), format!("e{n}"));
    }
}
