//! Output: the attrs on entity spans, the `mention` spans and the
//! `entities` summary's cards.

use super::*;


/// Writes attrs, pushes mention spans, and builds the `entities` summary.
pub(super) fn write_out(cx: &mut Context, mut mentions: Vec<Mention<'_>>, linker: Linker<'_>) {
    let text = cx.text;
    let n_sent = cx.seg.sentences.len().max(1);
    // Push the spans coref creates, so every mention has a span id.
    for i in 0..mentions.len() {
        if mentions[i].origin == Origin::Entity || mentions[i].entity == usize::MAX {
            continue;
        }
        let m = &mentions[i];
        let attrs = match m.antecedent {
            Some((a, c)) => Attrs::from([
                ("antecedent", Value::Int(i64::from(mentions[a as usize].span))),
                ("confidence", Value::Num(f64::from(c) / 100.0)),
            ]),
            None => Attrs::new(),
        };
        let span = cx.sink.push(Layer::Mention, m.label, m.start(), m.end(), attrs);
        mentions[i].span = span;
    }
    // Entities in order of first mention get ids e1, e2, ...
    let mut order: Vec<usize> = (0..linker.entities.len())
        .filter(|&e| !linker.entities[e].mentions.is_empty())
        .collect();
    let first = |e: usize| {
        linker.entities[e]
            .mentions
            .iter()
            .map(|&m| mentions[m].start())
            .min()
            .unwrap_or(usize::MAX)
    };
    // Each entity's first mention once, not at every comparison: an entity
    // of a long text has thousands of mentions, and `sort_by_key` calls the
    // key function O(log n) times per element. Stable, as before.
    let firsts: Vec<usize> = (0..linker.entities.len()).map(first).collect();
    crate::sort::sort_by_key(&mut order, |&e| firsts[e] as u128);
    let mut id_of = vec![String::new(); linker.entities.len()];
    for (n, &e) in order.iter().enumerate() {
        id_of[e] = entity_id(n + 1);
    }
    // The id of each entity's country's entity (for a nationality or a
    // capital), looked up once per entity rather than once per mention.
    let country_ids: Vec<Option<&str>> = linker
        .entities
        .iter()
        .map(|ent| {
            let iso2 = ent.iso2?;
            linker.keys.get(&format!("c:{iso2}")).map(|&e| id_of[e].as_str())
        })
        .collect();
    let country_entity = |e: usize| country_ids.get(e).copied().flatten().map(str::to_string);

    for m in &mentions {
        let Some(id) = id_of.get(m.entity).filter(|s| !s.is_empty()) else {
            continue;
        };
        let ent = &linker.entities[m.entity];
        let Some(span) = cx.sink.get_mut(m.span) else {
            continue;
        };
        let country = (ent.place.is_none() && m.origin == Origin::Entity && ent.iso2.is_some())
            .then_some(ent.country)
            .flatten();
        let country_id =
            if m.refers_to.is_some() || country.is_some() { country_entity(m.entity) } else { None };
        // Room for every attr set here at once, not one at a time.
        let more = [m.expansion.is_some(), m.refers_to.is_some(), country.is_some(), country_id.is_some()];
        span.attrs.reserve(1 + more.into_iter().filter(|&set| set).count());
        span.attrs.insert("entity", Value::from(id.clone()));
        if let Some(x) = m.expansion {
            span.attrs.insert("expansion", Value::from(x));
        }
        if let Some(country) = m.refers_to {
            span.attrs.insert("refers_to", Value::from(Government(country).to_string()));
        }
        if let Some(country) = country {
            span.attrs.insert("country", Value::from(country));
        }
        if let Some(c) = country_id {
            span.attrs.insert("country_entity", Value::from(c));
        }
    }

    let first_para = mentions
        .iter()
        .map(|m| m.para())
        .min()
        .unwrap_or(0)
        .min(cx.seg.paragraphs.len().saturating_sub(1));
    let mut cards: Vec<(usize, EntityCard)> = Vec::with_capacity(order.len());
    // Scratch list reused for every entity: an allocation per entity was a
    // fifth of this function's allocations on a long text.
    let mut ms: Vec<&Mention> = Vec::new();
    let mut keys = Vec::new();
    for &e in &order {
        let ent = &linker.entities[e];
        ms.clear();
        ms.extend(ent.mentions.iter().map(|&m| &mentions[m]));
        // Usually in text order already; the sort's key buffer (24 bytes a
        // mention) was then a large block for nothing on a text that
        // repeats one name.
        if !ms.is_sorted_by_key(|m| m.start()) {
            crate::sort::sort_by_key_in(&mut ms, &mut keys, |m| m.start() as u128);
        }
        let Some(&firstm) = ms.first() else { continue };
        let name = ms
            .iter()
            .filter(|m| m.origin == Origin::Entity && m.refers_to.is_none() && m.expansion.is_none())
            .map(|m| clean_name(text.get(m.start()..m.end()).unwrap_or("")))
            .max_by(|a, b| {
                a.split_whitespace()
                    .count()
                    .cmp(&b.split_whitespace().count())
                    .then(a.len().cmp(&b.len()))
                    .then(std::cmp::Ordering::Greater)
            })
            .or(ent.expansion)
            .or(ent.country)
            .unwrap_or_else(|| clean_name(text.get(firstm.start()..firstm.end()).unwrap_or("")));
        let speakers = ms.iter().filter(|m| m.speaker).count();
        let in_first = ms.iter().any(|m| m.para() == 0 || m.para() == first_para);
        let salience = ms.len() as f64
            + if in_first { 1.5 } else { 0.0 }
            + 0.5 * speakers as f64
            + (1.0 - firstm.sent() as f64 / n_sent as f64).max(0.0);
        let salience = (salience * 100.0).round() / 100.0;
        let country = ent.country.filter(|_| ent.place.is_none());
        let card = EntityCard {
            acronym: ent.acronym.map(str::to_string),
            country,
            country_entity: country.and_then(|_| country_entity(e)),
            first_mention: firstm.span,
            gender: ent.gender,
            id: id_of[e].clone(),
            mentions: ms.iter().map(|m| m.span).collect(),
            name: name.to_string(),
            refers_to: ent.refers_to.map(Government),
            salience,
            label: ent.label.unwrap_or(firstm.label),
        };
        cards.push((firstm.start(), card));
    }
    // Most salient first, then by first mention.
    crate::sort::sort_by_key(&mut cards, |c| (u128::from(!crate::sort::f64_key(c.1.salience)) << 64) | c.0 as u128);
    cx.summaries.set_entities(cards.into_iter().map(|c| c.1).collect());
}

/// "e" and `n` in decimal: the id of the `n`th entity. Written digit by
/// digit: `format!` cost more than the rest of an id's making, thousands of
/// times on a long text.
pub(super) fn entity_id(n: usize) -> String {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut n = n;
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    let mut id = String::with_capacity(1 + digits.len() - at);
    id.push('e');
    id.extend(digits[at..].iter().map(|&d| char::from(d)));
    id
}

/// A display name: no leading "the", no trailing possessive.
pub(super) fn clean_name(s: &str) -> &str {
    let s = s.trim();
    let s = s.strip_prefix("the ").or_else(|| s.strip_prefix("The ")).unwrap_or(s);
    s.strip_suffix("\u{2019}s")
        .or_else(|| s.strip_suffix("'s"))
        .unwrap_or(s)
}
