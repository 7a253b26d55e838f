//! Saying who a speaker mention is: named person or organisation, pronoun
//! (resolved), or a description (anonymous source or document), with role
//! and affiliation.

use super::*;

impl<'a> Reader<'a> {
    /// Classifies the mention `t0..t1` at byte `at`, with an optional
    /// appositive description; `prior` are speakers found before it, in
    /// text order, and `last_named` the last of them that is a named person.
    pub fn classify(
        &self,
        t0: usize,
        t1: usize,
        appositive: Option<(usize, usize)>,
        prior: &[Speaker],
        last_named: Option<&Speaker>,
    ) -> Speaker {
        let w = words();
        let mut buf = String::new();
        let (sa, sb) = self.bytes(t0, t1);
        let mut sp = Speaker {
            t0,
            t1,
            kind: Label::Anonymous,
            name: self.slice(t0, t1).to_string(),
            role: None,
            affiliation: None,
            entity_span: None,
            entity: None,
            pronoun: false,
        };
        let first = low(self.text, self.tok(t0), &mut buf).to_string();
        if t1 == t0 + 1 && quote_words().pronouns.contains(first.as_str()) {
            sp.pronoun = true;
            self.resolve_pronoun(&mut sp, &first, sa, prior, last_named);
            return sp;
        }
        // "Rep. Dana Wills (D-Ore.)": the name is what comes before a
        // bracketed tag that ends the mention.
        let (t1, sb) = match (t1 > t0 + 2 && self.tok(t1 - 1).text(self.text) == ")")
            .then(|| (t0 + 1..t1 - 1).rev().take(8).find(|&k| self.tok(k).text(self.text) == "("))
            .flatten()
        {
            Some(k) => (k, self.bytes(t0, k).1),
            None => (t1, sb),
        };
        // Describing words from the mention (the part before a name) and
        // its appositive.
        let mut roles: Vec<String> = Vec::new();
        let mut affs: Vec<String> = Vec::new();
        let name_at = self
            .earlier
            .within(sa, sb)
            .filter(|e| {
                e.end == sb
                    && matches!(e.label, Label::Person | Label::Org | Label::Gpe | Label::Fac)
                    && !self.linked_before(t0, e.start)
            })
            .map(|e| self.seg.tokens.partition_point(|t| t.start() < e.start))
            .min()
            .or_else(|| self.name_head(t0, t1).map(|(n0, _)| self.title_start(t0, n0)));
        let described = (t0, name_at.unwrap_or(t1));
        let ranges = [Some(described).filter(|d| d.1 > d.0), appositive];
        for &(a, b) in ranges.iter().flatten() {
            let (ba, bb) = self.bytes(a, b);
            let mut k = a;
            while k < b {
                let tk = self.tok(k);
                let lw = low(self.text, tk, &mut buf).to_string();
                if let Some(e) = self.earlier.within(ba, bb).find(|e| e.start == tk.start())
                    && matches!(e.label, Label::Norp | Label::Gpe | Label::Org)
                {
                    let s = self.text.get(e.start..e.end).unwrap_or_default().to_string();
                    if !affs.contains(&s) {
                        affs.push(s);
                    }
                    k = self.seg.tokens.partition_point(|t| t.start() < e.end).max(k + 1);
                    continue;
                }
                let determiner =
                    matches!(lw.as_str(), "the" | "a" | "an" | "some" | "one" | "two" | "several" | "senior");
                if capitalised(self.text, tk) && !determiner {
                    // A capitalised run inside a description is an affiliation
                    // ("a US official", "Prime Minister Sudani’s advisor"),
                    // unless it is only describing words ("Security").
                    let mut e = k + 1;
                    while e < b && (capitalised(self.text, self.tok(e)) || self.tok(e).text(self.text) == "-") {
                        e += 1;
                    }
                    let plain = (k..e).all(|x| {
                        let l = low(self.text, self.tok(x), &mut buf);
                        l == "-" || w.roles.contains_key(l) || w.affiliations.contains(l)
                    });
                    if !plain {
                        let s = self.slice(k, e).to_string();
                        if !affs.contains(&s) {
                            affs.push(s);
                        }
                        k = e;
                        continue;
                    }
                }
                if w.affiliations.contains(&lw) && !affs.iter().any(|x| x.eq_ignore_ascii_case(&lw)) {
                    affs.push(lw.clone());
                }
                if let Some(r) = w.roles.get(&lw)
                    && !roles.contains(r)
                {
                    roles.push(r.clone());
                }
                k += 1;
            }
        }
        sp.role = (!roles.is_empty()).then(|| roles.join(", "));
        sp.affiliation = (!affs.is_empty()).then(|| affs.join(", "));

        // A named head: an entity that ends the mention, or a capitalised run.
        let head = self
            .earlier
            .within(sa, sb)
            .filter(|e| e.end == sb && !self.linked_before(t0, e.start))
            .max_by_key(|e| e.end - e.start);
        if let Some(e) = head {
            match e.label {
                Label::Person => sp.kind = Label::NamedPerson,
                Label::Org | Label::Gpe | Label::Fac => sp.kind = Label::NamedOrganization,
                _ => {}
            }
            if sp.kind != Label::Anonymous {
                sp.entity_span = Some(e.id);
                sp.entity = e.entity.cloned();
                let raw = self.text.get(e.start..e.end).unwrap_or_default();
                let name = e.entity.and_then(|x| self.earlier.name_of(x)).unwrap_or(raw);
                // Titles go from people's names, not from "Justice Department".
                sp.name = if sp.kind == Label::NamedPerson { strip_titles(name) } else { name.to_string() };
                if sp.kind == Label::NamedPerson {
                    sp.name = self.full_name(&sp.name, sa);
                }
                return sp;
            }
        }
        if let Some((n0, kind)) = self.name_head(t0, t1) {
            sp.kind = kind;
            let mut name = strip_titles(self.slice(n0, t1));
            if kind == Label::NamedPerson {
                name = self.full_name(&name, sa);
                // An earlier speaker by that name: same kind.
            } else if self.tok(n0).start() > sa && low(self.text, self.tok(t0), &mut buf) == "the" {
                name = self.slice(n0, t1).to_string();
            }
            sp.name = name;
            // Drop an affiliation that is the name itself.
            if sp.affiliation.as_deref() == Some(sp.name.as_str()) {
                sp.affiliation = None;
            }
            return sp;
        }
        // "Ana Ruiz of Lakeside University": a person's name, then where
        // she works.
        if let Some(k) = (t0 + 1..t1).take(12).find(|&k| matches!(low(self.text, self.tok(k), &mut buf), "of" | "from" | "at"))
            && let Some((n0, Label::NamedPerson)) = self.name_head(t0, k)
            // A full name or a titled one ("Mr. Burman"), not a capitalised
            // first word ("Shares of Northwind").
            && (k - n0 >= 2 || self.title_start(t0, n0) < n0)
        {
            sp.kind = Label::NamedPerson;
            sp.name = self.full_name(&strip_titles(self.slice(n0, k)), sa);
            return sp;
        }
        // "the senator": the person last named with that office.
        let n = t1 - t0;
        if (2..=3).contains(&n)
            && low(self.text, self.tok(t0), &mut buf) == "the"
            && let Some(office) = office_of(low(self.text, self.tok(t1 - 1), &mut buf))
        {
            let before = &self.titled[..self.titled.partition_point(|x| x.0 < sa)];
            if let Some((_, _, name)) = before.iter().rev().find(|x| x.1 == office) {
                sp.kind = Label::NamedPerson;
                sp.name = name.to_string();
                return sp;
            }
        }
        // A description: a document when it names one and no person
        // ("a Des Moines Register poll released Saturday").
        let mut document = false;
        let mut person = false;
        for k in t0..t1 {
            let lw = low(self.text, self.tok(k), &mut buf);
            if matches!(lw, "of" | "from" | "by" | "about" | "released" | "published" | "seen" | "obtained") {
                break;
            }
            document |= w.documents.contains(lw);
            person |= w.roles.contains_key(lw);
        }
        if document && !person {
            sp.kind = Label::Document;
        }
        sp
    }

    /// If the mention ends in a name (a capitalised run reaching its end,
    /// preceded only by titles, determiners or lower-case role words), the
    /// name's first token and whether it is a person or an organisation.
    pub(super) fn name_head(&self, t0: usize, t1: usize) -> Option<(usize, Label)> {
        let w = words();
        let mut buf = String::new();
        // Find the start of the trailing capitalised run.
        let mut n0 = t1;
        while n0 > t0 {
            let tk = self.tok(n0 - 1);
            let lw = low(self.text, tk, &mut buf);
            let ok = capitalised(self.text, tk)
                || lw == "-"
                || (quote_words().particles.contains(lw) && n0 < t1)
                || (lw == "." && n0 < t1)
                || (tk.kind() == Label::Number && n0 < t1 && n0 - 1 > t0);
            if ok { n0 -= 1 } else { break }
        }
        if n0 >= t1 {
            return None;
        }
        // Titles at the front of the run belong to the role, not the name.
        let mut a = n0;
        while a < t1 && w.titles.contains(low(self.text, self.tok(a), &mut buf)) {
            a += 1;
        }
        if a >= t1 || !capitalised(self.text, self.tok(a)) || is_date_word(low(self.text, self.tok(t1 - 1), &mut buf)) {
            return None;
        }
        if self.linked_before(t0, self.tok(n0).start()) {
            return None;
        }
        let org = (a..t1).any(|k| w.orgs.contains(low(self.text, self.tok(k), &mut buf)))
            || (n0 > t0 && low(self.text, self.tok(n0 - 1), &mut buf) == "the");
        // A capitalised role word alone ("Officials", "Security officials")
        // is a description, not a name.
        let all_roles = (a..t1).all(|k| {
            let lw = low(self.text, self.tok(k), &mut buf);
            w.roles.contains_key(lw) || w.affiliations.contains(lw)
        });
        if all_roles {
            return None;
        }
        Some((a, if org { Label::NamedOrganization } else { Label::NamedPerson }))
    }

    /// Where the titles before the name at token `n0` begin ("Prime
    /// Minister" in "Prime Minister Sudani"), not before `t0`.
    pub(super) fn title_start(&self, t0: usize, n0: usize) -> usize {
        let w = words();
        let mut buf = String::new();
        let mut k = n0;
        while k > t0
            && (w.titles.contains(low(self.text, self.tok(k - 1), &mut buf)) || self.tok(k - 1).text(self.text) == "-")
        {
            k -= 1;
        }
        k
    }

    /// Whether the words from token `t0` up to byte `at` link what follows
    /// to a description ("a commander of X", "officials from X"): then the
    /// name at `at` is an affiliation, not the head. A possessive does not
    /// link: the name that ends a mention after one is its head ("the
    /// campaign's press secretary Dana Wills", "MSNBC’s Ayman Mohyeldin"),
    /// and "Sudani’s advisor" ends in no name.
    pub(super) fn linked_before(&self, t0: usize, at: usize) -> bool {
        let mut buf = String::new();
        let mut k = t0;
        while k < self.seg.tokens.len() && self.tok(k).start() < at {
            let lw = low(self.text, self.tok(k), &mut buf);
            if matches!(lw, "of" | "for" | "from" | "at" | "with" | "including" | "and" | "close" | "to")
            {
                return true;
            }
            k += 1;
        }
        false
    }

    /// Whether the noun phrase `a..b` can be a speaker after an inverted cue:
    /// it starts with a capital, a determiner or number, or holds a role.
    pub fn speaker_like(&self, a: usize, b: usize) -> bool {
        let mut buf = String::new();
        // "insisted he had voted …": a pronoun after the cue starts the
        // reported clause.
        if quote_words().pronouns.contains(low(self.text, self.tok(a), &mut buf)) {
            return false;
        }
        capitalised(self.text, self.tok(a))
            || matches!(
                low(self.text, self.tok(a), &mut buf),
                "a" | "an"
                    | "the"
                    | "one"
                    | "two"
                    | "three"
                    | "four"
                    | "five"
                    | "six"
                    | "some"
                    | "several"
                    | "many"
                    | "senior"
                    | "local"
                    | "his"
                    | "her"
                    | "their"
            )
            || self.tok(a).kind() == Label::Number
            || (a..b.min(a + 3)).any(|k| words().roles.contains_key(low(self.text, self.tok(k), &mut buf)))
    }

    /// The full form of a one-word person name ("Baker" -> "Tom Baker")
    /// from the last full name with that last word before byte `at`.
    pub(super) fn full_name(&self, name: &str, at: usize) -> String {
        if name.split_whitespace().count() > 1 || name.contains('-') {
            return name.to_string();
        }
        let key = name.to_lowercase();
        self.full_names
            .get(&key)
            .and_then(|v| v[..v.partition_point(|(p, _)| *p < at)].last())
            .map_or_else(|| name.to_string(), |(_, n)| n.to_string())
    }

    /// Resolves a pronoun: "he said" in news refers to the person last
    /// quoted, so a named person who spoke in the last three sentences wins;
    /// else the coref mention at its position when there is one; else the
    /// most recent compatible speaker, PERSON entity or full name.
    pub(super) fn resolve_pronoun(
        &self,
        sp: &mut Speaker,
        pronoun: &str,
        at: usize,
        prior: &[Speaker],
        last_named: Option<&Speaker>,
    ) {
        let person = matches!(pronoun, "he" | "she");
        let sent_of = |t: usize| self.seg.sentence_tokens.partition_point(|r| r.end <= t);
        let here = sent_of(sp.t0);
        // The last named person among the earlier speakers, if it is within
        // three sentences. The speakers come in text order, so every one
        // after it is within three sentences too: the same answer as
        // walking back through them, without the walk (quadratic on a text
        // of pronoun speakers with no name in sight).
        let recent = last_named.filter(|p| here.saturating_sub(sent_of(p.t0)) <= 3);
        // ... unless another person has since opened a sentence.
        let since = recent.map_or(0, |p| self.bytes(p.t0, p.t1).1);
        let newer_subject =
            self.subjects[..self.subjects.partition_point(|(b, _)| *b < at)].last().filter(|(b, _)| *b >= since);
        if let (true, Some(p), None) = (person, recent, newer_subject) {
            sp.kind = p.kind;
            sp.name = p.name.clone();
            sp.entity = p.entity.clone();
            sp.entity_span = p.entity_span;
            return;
        }
        let i = self.earlier.mentions.partition_point(|m| m.start < at);
        if let Some(m) = self.earlier.mentions.get(i).filter(|m| m.start == at) {
            sp.entity = m.entity.cloned();
            sp.entity_span = m.antecedent;
            let ante =
                m.antecedent.and_then(|id| self.earlier.by_id.get(&id)).and_then(|&i| self.earlier.entities.get(i));
            let name = m
                .entity
                .and_then(|x| self.earlier.name_of(x))
                .map(|n| if ante.is_none_or(|e| e.label == Label::Person) { strip_titles(n) } else { n.to_string() })
                .or_else(|| ante.map(|e| strip_titles(self.text.get(e.start..e.end).unwrap_or_default())));
            if let Some(name) = name {
                sp.kind = match ante.map(|e| e.label) {
                    Some(Label::Person) | None => Label::NamedPerson,
                    Some(_) => Label::NamedOrganization,
                };
                sp.name = self.full_name(&name, at);
                return;
            }
        }
        if let (true, Some((_, name))) = (person, newer_subject) {
            sp.kind = Label::NamedPerson;
            sp.name = name.clone();
            return;
        }
        let found = prior.iter().rev().take(50).find(|p| {
            !p.pronoun
                && if person {
                    p.kind == Label::NamedPerson
                } else {
                    pronoun == "they" && p.kind != Label::NamedPerson
                        || pronoun == "it" && p.kind != Label::NamedPerson && p.kind != Label::Anonymous
                }
        });
        if let Some(p) = found {
            sp.kind = p.kind;
            sp.name = p.name.clone();
            sp.role = p.role.clone();
            sp.affiliation = p.affiliation.clone();
            sp.entity = p.entity.clone();
            sp.entity_span = p.entity_span;
            return;
        }
        if person {
            let before = self.earlier.entities.partition_point(|e| e.start < at);
            let e = self.earlier.entities[..before]
                .iter()
                .rev()
                .take(200)
                .find(|e| e.label == Label::Person && e.end <= at);
            if let Some(e) = e {
                sp.kind = Label::NamedPerson;
                sp.name = self.full_name(&strip_titles(self.text.get(e.start..e.end).unwrap_or_default()), at);
                sp.entity = e.entity.cloned();
                sp.entity_span = Some(e.id);
                return;
            }
            let latest = self.all_names[..self.all_names.partition_point(|(p, _)| *p < at)].last();
            if let Some((_, n)) = latest {
                sp.kind = Label::NamedPerson;
                sp.name = n.to_string();
            }
        }
    }
}
