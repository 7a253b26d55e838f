//! Linking: each named mention to a document entity, by key lookups (full
//! name, surname, given name, short forms, head words, initials, countries
//! and their demonyms), never by comparing pairs of mentions.

use super::*;


impl Linker<'_> {
    pub(super) fn new_entity(&mut self, label: Label) -> usize {
        self.entities.push(Entity {
            label: Some(label),
            ..Entity::default()
        });
        self.entities.len() - 1
    }

    pub(super) fn add(&mut self, e: usize, m: usize) {
        if let Some(ent) = self.entities.get_mut(e) {
            ent.mentions.push(m);
            ent.last = ent.last.max(m);
        }
    }

    pub(super) fn most_recent(&self, list: Option<&Vec<usize>>) -> Option<usize> {
        list?
            .iter()
            .copied()
            .max_by_key(|&e| self.entities.get(e).map_or(0, |x| x.last))
    }

    /// Adds `e` to the candidates under `key`, keeping only the last
    /// [`MAX_CANDIDATES`] registered: lookups and this check stay O(1) even
    /// when a long text has hundreds of entities named "John" or "Party".
    pub(super) fn push_unique(map: &mut NameMap<Vec<usize>>, key: &str, e: usize) {
        match map.get_mut(key) {
            Some(v) => {
                if !v.contains(&e) {
                    if v.len() >= MAX_CANDIDATES {
                        v.remove(0);
                    }
                    v.push(e);
                }
            }
            None => {
                map.insert(key.to_string(), vec![e]);
            }
        }
    }

    /// Finds or creates the entity for mention `m` (not an acronym use).
    pub(super) fn link(&mut self, text: &str, seg: &Segmentation, mentions: &mut [Mention<'_>], m: usize) -> usize {
        let mut name_key = std::mem::take(&mut self.name_buf);
        let e = self.link_with(text, seg, mentions, m, &mut name_key);
        self.name_buf = name_key;
        e
    }

    /// [`Linker::link`], with `name_key` as scratch for the folded name.
    pub(super) fn link_with(
        &mut self,
        text: &str,
        seg: &Segmentation,
        mentions: &mut [Mention<'_>],
        m: usize,
        name_key: &mut String,
    ) -> usize {
        let mention = &mentions[m];
        let surface = text.get(mention.start()..mention.end()).unwrap_or("");
        let label = mention.label;
        let crossable = matches!(label, Label::Person | Label::Org | Label::Gpe | Label::Norp);
        if crossable {
            names::fold_into(names::without_company_suffix(surface), name_key);
        } else {
            name_key.clear();
        }
        let seen_otherwise = crossable
            && self
                .names
                .get(name_key.as_str())
                .is_some_and(|v| v.iter().any(|&(l, _)| l != label));
        if let Some(e) = seen_otherwise.then(|| self.other_label(surface, label)).flatten() {
            self.add(e, m);
            return e;
        }
        let e = match label {
            Label::Person => self.link_person(text, seg, mention, surface),
            Label::Gpe | Label::Loc | Label::Fac => {
                let place = lexicon::place(surface);
                match place {
                    Some(p) if p.kind == PlaceKind::Country => self.country(p, label),
                    Some(p) if p.kind == PlaceKind::Capital && is_metonymic(text, seg, mention) => {
                        mentions[m].refers_to = Some(p.country);
                        let e = self.country(p, Label::Gpe);
                        if let Some(ent) = self.entities.get_mut(e) {
                            ent.refers_to = Some(p.country);
                        }
                        e
                    }
                    _ => self.keyed_fold(&["g:", label.name(), ":"], surface, label),
                }
            }
            Label::Norp => match lexicon::place(surface) {
                Some(p) if p.kind == PlaceKind::Demonym => {
                    let e = self.keyed_fold(&["n:", p.iso2], "", label);
                    if let Some(ent) = self.entities.get_mut(e) {
                        ent.iso2 = Some(p.iso2);
                        ent.country = Some(p.country);
                    }
                    e
                }
                // "o:" and the folded name; else the key of its singular.
                _ => self.with_key(
                    |key| {
                        key.push_str("o:");
                        names::fold_onto(surface, key);
                    },
                    |this, key| match this.keys.get(key.as_str()).copied() {
                        Some(e) => e,
                        None => {
                            let singular = key.get(2..).map_or(0, |f| names::singular(f).len());
                            key.truncate(2 + singular);
                            this.keyed(key, label)
                        }
                    },
                ),
            },
            Label::Org => self.link_org(surface),
            other => self.keyed_fold(&["x:", other.name(), ":"], surface, other),
        };
        self.add(e, m);
        if crossable {
            self.index_name(name_key, label, e);
        }
        e
    }

    pub(super) fn index_name(&mut self, key: &str, label: Label, e: usize) {
        match self.names.get_mut(key) {
            Some(v) => {
                if !v.contains(&(label, e)) {
                    if v.len() >= MAX_CANDIDATES {
                        v.remove(0);
                    }
                    v.push((label, e));
                }
            }
            None => {
                self.names.insert(key.to_string(), vec![(label, e)]);
            }
        }
    }

    /// An entity already named exactly `surface` under another label, when
    /// nothing of `label` matches: the entity layer sometimes labels one
    /// mention of "Boeing" PERSON and another ORG, and the reader still
    /// means one actor.
    pub(super) fn other_label(&self, surface: &str, label: Label) -> Option<usize> {
        if !matches!(label, Label::Person | Label::Org | Label::Gpe | Label::Norp) {
            return None;
        }
        let person = names::person(surface).map(|p| (format!("p:{}", p.full), p.surname));
        let org = format!("o:{}", names::org_keys(surface).0);
        let country = lexicon::place(surface)
            .filter(|p| p.kind == PlaceKind::Country)
            .map(|p| format!("c:{}", p.iso2));
        let own = match label {
            Label::Person => person.as_ref().is_some_and(|(k, sn)| {
                self.keys.contains_key(k) || self.surnames.contains_key(sn) || self.givens.contains_key(sn)
            }),
            Label::Org | Label::Norp => self.keys.contains_key(&org) || lexicon::place(surface).is_some(),
            _ => {
                country.is_some()
                    || self
                        .keys
                        .contains_key(&format!("g:{}:{}", label.name(), names::fold(surface)))
            }
        };
        if own {
            return None;
        }
        let mut keys: Vec<&str> = Vec::new();
        if label != Label::Person
            && let Some((k, _)) = &person
        {
            keys.push(k);
        }
        if !matches!(label, Label::Org | Label::Norp) {
            keys.push(&org);
        }
        if let Some(c) = &country {
            keys.push(c);
        }
        keys.into_iter()
            .filter_map(|k| self.keys.get(k).copied())
            .find(|&e| self.entities.get(e).is_some_and(|x| x.label != Some(label)))
    }

    pub(super) fn keyed(&mut self, key: &str, label: Label) -> usize {
        if let Some(&e) = self.keys.get(key) {
            return e;
        }
        let e = self.new_entity(label);
        self.keys.insert(key.to_string(), e);
        e
    }

    /// `f` of the key that `build` writes into scratch space
    /// ([`Linker::key_buf`], emptied first): a key is copied into a map only
    /// when `f` finds it new.
    pub(super) fn with_key<R>(&mut self, build: impl FnOnce(&mut String), f: impl FnOnce(&mut Self, &mut String) -> R) -> R {
        let mut key = std::mem::take(&mut self.key_buf);
        key.clear();
        build(&mut key);
        let r = f(self, &mut key);
        self.key_buf = key;
        r
    }

    /// [`Linker::keyed`] under the key `prefix` joined, then `name` folded
    /// ([`names::fold`]), built in scratch space.
    pub(super) fn keyed_fold(&mut self, prefix: &[&str], name: &str, label: Label) -> usize {
        self.with_key(
            |key| {
                prefix.iter().for_each(|p| key.push_str(p));
                names::fold_onto(name, key);
            },
            |this, key| this.keyed(key, label),
        )
    }

    pub(super) fn country(&mut self, p: lexicon::Place, label: Label) -> usize {
        let e = self.keyed_fold(&["c:", p.iso2], "", label);
        self.with_key(|key| names::fold_onto(p.country, key), |this, key| this.index_name(key, label, e));
        if let Some(ent) = self.entities.get_mut(e) {
            ent.iso2 = Some(p.iso2);
            ent.country = Some(p.country);
            ent.place = Some(PlaceKind::Country);
        }
        e
    }

    pub(super) fn link_person(&mut self, text: &str, seg: &Segmentation, mention: &Mention<'_>, surface: &str) -> usize {
        let Some(pn) = names::person(surface) else {
            return self.keyed_fold(&["p:"], surface, Label::Person);
        };
        let e = self.with_key(
            |key| {
                key.push_str("p:");
                key.push_str(&pn.full);
            },
            |this, full_key| {
                let known = this.keys.get(full_key.as_str()).copied();
                let found = if known.is_some() {
                    known
                } else if pn.len >= 2 {
                    // A fuller name joins an earlier person with the same
                    // surname whose given name agrees (or who was named by
                    // surname alone).
                    let cands = this.surnames.get(&pn.surname).map_or(&[][..], Vec::as_slice);
                    let mut best: Option<usize> = None;
                    for &e in cands {
                        let ent = &this.entities[e];
                        let fits = match (&ent.given, &pn.given) {
                            (None, _) => true,
                            (Some(a), Some(b)) => a == b,
                            (Some(a), None) => pn.full.chars().next() == a.chars().next(),
                        };
                        if fits && best.is_none_or(|b| this.entities[b].last < ent.last) {
                            best = Some(e);
                        }
                    }
                    best
                } else {
                    this.most_recent(this.surnames.get(&pn.surname))
                        .or_else(|| this.most_recent(this.givens.get(&pn.surname)))
                };
                let e = found.unwrap_or_else(|| this.new_entity(Label::Person));
                if known.is_none() {
                    this.keys.insert(full_key.clone(), e);
                }
                e
            },
        );
        Self::push_unique(&mut self.surnames, &pn.surname, e);
        if let Some(g) = &pn.given {
            Self::push_unique(&mut self.givens, g, e);
        }
        let honorific = pn.honorific.or_else(|| {
            let t = mention.t0().checked_sub(1)?;
            lexicon::honorific_gender(seg.tokens.get(t)?.text(text))
        });
        let ent = &mut self.entities[e];
        if ent.given.is_none() {
            ent.given = pn.given.clone();
        }
        if ent.gender.is_none() {
            ent.gender = honorific.or_else(|| pn.given_cased.as_deref().and_then(lexicon::given_name_gender));
        }
        e
    }

    pub(super) fn link_org(&mut self, surface: &str) -> usize {
        let (full, alt) = names::org_keys(surface);
        // Looked up when the full name is new, then always kept.
        let alt_key = alt.map(|a| format!("o:{a}"));
        let single = !full.contains(' ');
        let e = self.with_key(
            |key| {
                key.push_str("o:");
                key.push_str(&full);
            },
            |this, key| {
                let known = this.keys.get(key.as_str()).copied();
                let found = known
                    .or_else(|| this.keys.get(alt_key.as_ref()?).copied())
                    .or_else(|| {
                        if single {
                            this.most_recent(this.shorts.get(&full))
                        } else {
                            None
                        }
                    })
                    .or_else(|| {
                        if names::is_acronym(surface) {
                            this.most_recent(this.initials.get(surface))
                        } else {
                            None
                        }
                    })
                    .or_else(|| {
                        // "the Commission" after "European Commission".
                        if single && surface.chars().next().is_some_and(char::is_uppercase) {
                            this.most_recent(this.heads.get(&full))
                        } else {
                            None
                        }
                    })
                    .or_else(|| {
                        // "Activision" named before "Activision Blizzard".
                        let short = names::org_short_form(&full)?;
                        let e = *this.keys.get(&format!("o:{short}"))?;
                        (this.entities[e].label == Some(Label::Org)).then_some(e)
                    });
                let e = found.unwrap_or_else(|| this.new_entity(Label::Org));
                if known.is_none() {
                    this.keys.insert(key.clone(), e);
                }
                e
            },
        );
        if let Some(a) = alt_key {
            self.keys.entry(a).or_insert(e);
        }
        if let Some(short) = names::org_short_form(&full) {
            Self::push_unique(&mut self.shorts, short, e);
        }
        if let Some(head) = names::org_head(&full) {
            Self::push_unique(&mut self.heads, head, e);
        }
        if !single && let Some(init) = names::initials(names::without_company_suffix(surface)) {
            Self::push_unique(&mut self.initials, &init, e);
        }
        e
    }
}


/// Whether a capital is used for its government: subject of a speech or
/// government verb ("Washington has told", "Moscow rejected", "Ankara
/// would"), or addressee of told/warned/urged ("told Baghdad").
pub(super) fn is_metonymic(text: &str, seg: &Segmentation, m: &Mention<'_>) -> bool {
    let tokens = &seg.tokens;
    let mut buf = [0u8; 24];
    if let Some(p) = m.t0().checked_sub(1) {
        let prev = lower(text, tokens, p, &mut buf);
        if lexicon::is_addressee_verb(prev) {
            return true;
        }
        if prev != "and" && lexicon::is_preposition(prev) {
            return false;
        }
    }
    let mut t = m.t1();
    // "Cairo and Amman shared": skip a coordinated capital.
    if lower(text, tokens, t, &mut buf) == "and" {
        for width in [1, 2] {
            let (Some(a), Some(b)) = (tokens.get(t + 1), tokens.get(t + width)) else {
                break;
            };
            if let Some(p) = text.get(a.start()..b.end()).and_then(lexicon::place)
                && p.kind == PlaceKind::Capital
            {
                t += 1 + width;
                break;
            }
        }
    }
    for _ in 0..4 {
        let w = lower(text, tokens, t, &mut buf);
        if lexicon::is_government_verb(w) {
            return true;
        }
        if !lexicon::is_aux_or_adverb(w) {
            return false;
        }
        t += 1;
    }
    false
}
