//! Document entities and coreference: which mentions name the same actor.
//!
//! Runs after the entity layer and before quotes. It reads the `entity`
//! spans, groups them into document entities and writes:
//!
//! * `attrs.entity` (`"e1"`, `"e2"`, ... numbered by first mention) on every
//!   named entity span (people, groups, organisations, places, products,
//!   events, works, laws, languages; dates and numbers are values, not
//!   actors, and get none);
//! * `attrs.expansion` on acronym uses, `attrs.refers_to` and
//!   `attrs.country_entity` on capitals used for their government
//!   ("Washington has told Baghdad"), `attrs.country` and
//!   `attrs.country_entity` on nationality words ("Iraqi" stays its own
//!   NORP entity, linked to, not merged with, Iraq);
//! * `mention` spans: `pronoun` for `he`/`she`/`they` as the subject of a
//!   speech verb, with `attrs.entity`, `attrs.antecedent` (span id of the
//!   named mention) and `attrs.confidence`; and, labelled like their entity,
//!   uses of a defined acronym that the entity layer did not tag;
//! * the `entities` summary: one card per entity (`id`, `name` = fullest
//!   form used, `type`, `mentions`, `first_mention`, `salience`, and
//!   `acronym`, `refers_to`, `gender`, `country` when known), most salient
//!   first.
//!
//! Why rules and hash maps rather than a learned mention-pair model: news
//! names its actors in a few regular ways (full name then surname, name
//! then acronym in parentheses, country short forms from a gazetteer), and
//! a key lookup per mention keeps the layer linear in the text's length;
//! no pair of mentions is ever compared across the whole document. Pronoun
//! resolution looks back a bounded window (a few sentences, at most
//! [`LOOKBACK_MENTIONS`] mentions) and prefers the last named speaker over
//! the last named subject over any other name, since in news copy `“…,” he
//! said` almost always continues the last person quoted.
//!
//! Salience = mentions (pronouns included) + 1.5 if the entity appears in
//! the first paragraph (headline or lede) + 0.5 per mention that speaks
//! (subject of a speech verb, `said X`, `according to X`) + up to 1 for
//! appearing early. The quote layer runs later, so "being quoted" is
//! approximated by these speech-verb patterns here.

mod lexicon;
mod names;
#[cfg(test)]
mod tests;


pub use crate::doc::{EntityCard, Gender, Government};
use crate::text::words::lower_ascii_into;
use lexicon::PlaceKind;

use crate::doc::{Attrs, Label, Layer, SpanId, SpanSink, Value};
use crate::context::Context;
use crate::text::{Segmentation, Token};

/// At most this many earlier mentions are considered for a pronoun.
pub const LOOKBACK_MENTIONS: usize = 60;
/// At most this many entities are kept as candidates per surname, given
/// name, short form, head word or initials (the most recently added).
pub const MAX_CANDIDATES: usize = 8;
/// A pronoun's antecedent lies at most this many sentences back.
pub const LOOKBACK_SENTENCES: usize = 6;

/// What the quote layer needs to know about a resolved pronoun.
#[derive(Clone, Debug, PartialEq)]
pub struct PronounLink {
    /// The `mention` span of the pronoun.
    pub span: SpanId,
    /// The document entity id ("e3").
    pub entity: String,
    /// The span id of the named mention it continues.
    pub antecedent: SpanId,
    /// How sure, 0..1.
    pub confidence: f64,
}

/// The resolved pronoun that starts at `start_byte`, if coref resolved one.
/// A convenience over the `mention` spans, which are the contract.
pub fn pronoun_at(sink: &SpanSink, start_byte: usize) -> Option<PronounLink> {
    sink.spans()
        .iter()
        .rev()
        .find(|s| s.layer == Layer::Mention && s.label == Label::Pronoun && s.start_byte == start_byte)
        .and_then(|s| {
            let entity = match s.attrs.get("entity") {
                Some(Value::Str(e)) => e.clone(),
                _ => return None,
            };
            let antecedent = match s.attrs.get("antecedent") {
                Some(Value::Int(a)) => u32::try_from(*a).ok()?,
                _ => return None,
            };
            let confidence = match s.attrs.get("confidence") {
                Some(Value::Num(c)) => *c,
                _ => 0.0,
            };
            Some(PronounLink {
                span: s.id,
                entity,
                antecedent,
                confidence,
            })
        })
}

/// Whether entity spans with this label name an actor or thing (and so get
/// a document entity), rather than a value.
pub fn is_named(label: Label) -> bool {
    matches!(
        label,
        Label::Person
            | Label::Norp
            | Label::Fac
            | Label::Org
            | Label::Gpe
            | Label::Loc
            | Label::Product
            | Label::Event
            | Label::WorkOfArt
            | Label::Law
            | Label::Language
    )
}

/// How a mention came to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Origin {
    /// An entity span of the entity layer.
    Entity,
    /// An acronym use the entity layer missed (pushed as a `mention` span).
    Acronym,
    /// A later use of a known name that the entity layer missed (pushed
    /// as a `mention` span).
    Recovered,
    /// A pronoun (pushed as a `mention` span).
    Pronoun,
}

/// One mention. There is one per named entity span (a hundred thousand
/// and more in 10 MB of news), so it holds no heap data: text it names is
/// borrowed, and a pronoun's confidence is kept in hundredths. Copy, so the
/// sorted lists can be merged in place.
#[derive(Clone, Copy, Debug)]
struct Mention<'t> {
    /// Span id (for `Origin::Entity`), else set when pushed.
    span: SpanId,
    origin: Origin,
    start: usize,
    end: usize,
    label: Label,
    /// Token range.
    t0: usize,
    t1: usize,
    sent: usize,
    para: usize,
    in_quote: bool,
    speaker: bool,
    subject: bool,
    /// Followed by a possessive ("Sudani’s advisor").
    possessor: bool,
    /// A NORP word used as an adjective ("Kenyan opposition leader").
    adjective: bool,
    entity: usize,
    /// For a capital used for its government: the country ("Iraq", for
    /// `refers_to` "Iraq government").
    refers_to: Option<&'static str>,
    /// For an acronym use: the long form, a slice of the text.
    expansion: Option<&'t str>,
    /// For pronouns: antecedent mention index and confidence in hundredths
    /// (the attr is rounded to two decimals, so nothing is lost).
    antecedent: Option<(u32, u8)>,
}

#[derive(Clone, Debug, Default)]
struct Entity<'t> {
    label: Option<Label>,
    mentions: Vec<usize>,
    gender: Option<Gender>,
    given: Option<String>,
    /// For countries and nationalities: ISO code and country name.
    iso2: Option<&'static str>,
    country: Option<&'static str>,
    place: Option<PlaceKind>,
    /// An acronym and its long form, slices of the text.
    acronym: Option<&'t str>,
    expansion: Option<&'t str>,
    /// For a capital used for its government: the country.
    refers_to: Option<&'static str>,
    /// Index of the latest mention linked, for "most recent" choices.
    last: usize,
}

/// Hash maps keyed by names from the text, hashed with FNV: keys are short
/// and many, and SipHash's protection against chosen collisions buys
/// nothing for a text the user annotates on their own machine (lookups per
/// key stay bounded by [`MAX_CANDIDATES`] either way).
type NameMap<V> = crate::hash::FnvMap<String, V>;

/// Links mentions to entities by key lookups.
#[derive(Default)]
struct Linker<'t> {
    entities: Vec<Entity<'t>>,
    keys: NameMap<usize>,
    surnames: NameMap<Vec<usize>>,
    givens: NameMap<Vec<usize>>,
    shorts: NameMap<Vec<usize>>,
    heads: NameMap<Vec<usize>>,
    initials: NameMap<Vec<usize>>,
    /// Entities by folded name without company suffix, with their labels:
    /// the cheap test for whether a name was seen under another label.
    names: NameMap<Vec<(Label, usize)>>,
    /// Scratch for keys being looked up: a key is copied into a map only
    /// when it is new, so a repeated name allocates nothing.
    key_buf: String,
    name_buf: String,
}

impl Linker<'_> {
    fn new_entity(&mut self, label: Label) -> usize {
        self.entities.push(Entity {
            label: Some(label),
            ..Entity::default()
        });
        self.entities.len() - 1
    }

    fn add(&mut self, e: usize, m: usize) {
        if let Some(ent) = self.entities.get_mut(e) {
            ent.mentions.push(m);
            ent.last = ent.last.max(m);
        }
    }

    fn most_recent(&self, list: Option<&Vec<usize>>) -> Option<usize> {
        list?
            .iter()
            .copied()
            .max_by_key(|&e| self.entities.get(e).map_or(0, |x| x.last))
    }

    /// Adds `e` to the candidates under `key`, keeping only the last
    /// [`MAX_CANDIDATES`] registered: lookups and this check stay O(1) even
    /// when a long text has hundreds of entities named "John" or "Party".
    fn push_unique(map: &mut NameMap<Vec<usize>>, key: &str, e: usize) {
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
    fn link(&mut self, text: &str, seg: &Segmentation, mentions: &mut [Mention<'_>], m: usize) -> usize {
        let mut name_key = std::mem::take(&mut self.name_buf);
        let e = self.link_with(text, seg, mentions, m, &mut name_key);
        self.name_buf = name_key;
        e
    }

    /// [`Linker::link`], with `name_key` as scratch for the folded name.
    fn link_with(
        &mut self,
        text: &str,
        seg: &Segmentation,
        mentions: &mut [Mention<'_>],
        m: usize,
        name_key: &mut String,
    ) -> usize {
        let mention = &mentions[m];
        let surface = text.get(mention.start..mention.end).unwrap_or("");
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

    fn index_name(&mut self, key: &str, label: Label, e: usize) {
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
    fn other_label(&self, surface: &str, label: Label) -> Option<usize> {
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

    fn keyed(&mut self, key: &str, label: Label) -> usize {
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
    fn with_key<R>(&mut self, build: impl FnOnce(&mut String), f: impl FnOnce(&mut Self, &mut String) -> R) -> R {
        let mut key = std::mem::take(&mut self.key_buf);
        key.clear();
        build(&mut key);
        let r = f(self, &mut key);
        self.key_buf = key;
        r
    }

    /// [`Linker::keyed`] under the key `prefix` joined, then `name` folded
    /// ([`names::fold`]), built in scratch space.
    fn keyed_fold(&mut self, prefix: &[&str], name: &str, label: Label) -> usize {
        self.with_key(
            |key| {
                prefix.iter().for_each(|p| key.push_str(p));
                names::fold_onto(name, key);
            },
            |this, key| this.keyed(key, label),
        )
    }

    fn country(&mut self, p: lexicon::Place, label: Label) -> usize {
        let e = self.keyed_fold(&["c:", p.iso2], "", label);
        self.with_key(|key| names::fold_onto(p.country, key), |this, key| this.index_name(key, label, e));
        if let Some(ent) = self.entities.get_mut(e) {
            ent.iso2 = Some(p.iso2);
            ent.country = Some(p.country);
            ent.place = Some(PlaceKind::Country);
        }
        e
    }

    fn link_person(&mut self, text: &str, seg: &Segmentation, mention: &Mention<'_>, surface: &str) -> usize {
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
            let t = mention.t0.checked_sub(1)?;
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

    fn link_org(&mut self, surface: &str) -> usize {
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

/// The lower-cased text of token `i`, or "" (for words too long to matter).
fn lower<'b>(text: &str, tokens: &[Token], i: usize, buf: &'b mut [u8; 24]) -> &'b str {
    match tokens.get(i) {
        Some(t) => lower_ascii_into(t.text(text), buf).unwrap_or(""),
        None => "",
    }
}

fn token_text<'t>(text: &'t str, tokens: &[Token], i: usize) -> &'t str {
    tokens.get(i).map_or("", |t| t.text(text))
}

/// Whether a capital is used for its government: subject of a speech or
/// government verb ("Washington has told", "Moscow rejected", "Ankara
/// would"), or addressee of told/warned/urged ("told Baghdad").
fn is_metonymic(text: &str, seg: &Segmentation, m: &Mention<'_>) -> bool {
    let tokens = &seg.tokens;
    let mut buf = [0u8; 24];
    if let Some(p) = m.t0.checked_sub(1) {
        let prev = lower(text, tokens, p, &mut buf);
        if lexicon::is_addressee_verb(prev) {
            return true;
        }
        if prev != "and" && lexicon::is_preposition(prev) {
            return false;
        }
    }
    let mut t = m.t1;
    // "Cairo and Amman shared": skip a coordinated capital.
    if lower(text, tokens, t, &mut buf) == "and" {
        for width in [1, 2] {
            let (Some(a), Some(b)) = (tokens.get(t + 1), tokens.get(t + width)) else {
                break;
            };
            if let Some(p) = text.get(a.start..b.end).and_then(lexicon::place)
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

/// For each token, whether it lies inside double quotation marks. Marks
/// reset at each paragraph, so one unbalanced mark cannot flip a whole text.
fn quote_mask(text: &str, seg: &Segmentation) -> Vec<bool> {
    let mut mask = vec![false; seg.tokens.len()];
    let mut para = usize::MAX;
    let mut inside = false;
    for (s, range) in seg.sentence_tokens.iter().enumerate() {
        let p = seg.sentence_paragraph.get(s).copied().unwrap_or(0);
        if p != para {
            para = p;
            inside = false;
        }
        for i in range.clone() {
            let Some(tok) = seg.tokens.get(i) else { continue };
            if tok.kind == Label::Word || tok.kind == Label::Number {
                if let Some(slot) = mask.get_mut(i) {
                    *slot = inside;
                }
                continue;
            }
            match tok.text(text) {
                "\"" => inside = !inside,
                "\u{201c}" | "``" => inside = true,
                "\u{201d}" | "''" => inside = false,
                _ => {
                    if let Some(slot) = mask.get_mut(i) {
                        *slot = inside;
                    }
                }
            }
        }
    }
    mask
}

/// Whether a mention is the subject of a speech verb or the object of
/// `said`/`according to`: "X said", "X, the mayor of Y, said", "X also
/// told", "said X", "said UN envoy X", "according to X".
fn is_speaker(text: &str, tokens: &[Token], t0: usize, t1: usize) -> bool {
    let mut buf = [0u8; 24];
    // Where a verb may start: right after, after a comma, after an appositive.
    let mut starts = [t1, usize::MAX, usize::MAX];
    if token_text(text, tokens, t1) == "," {
        starts[1] = t1 + 1;
        // An appositive: ", the mayor of Phoenix, said".
        for j in t1 + 1..(t1 + 14).min(tokens.len()) {
            let w = token_text(text, tokens, j);
            if w == "," {
                starts[2] = j + 1;
                break;
            }
            if matches!(w, "." | ";" | "\"" | "\u{201c}" | "\u{201d}") {
                break;
            }
        }
    }
    for start in starts.into_iter().filter(|&s| s != usize::MAX) {
        for t in start..start + 4 {
            let w = lower(text, tokens, t, &mut buf);
            if lexicon::is_speech_verb(w) {
                return true;
            }
            if !lexicon::is_aux_or_adverb(w) {
                break;
            }
        }
    }
    // Backwards over a title and its modifiers: "said UN envoy X".
    let mut t = t0;
    for _ in 0..5 {
        let Some(p) = t.checked_sub(1) else {
            return false;
        };
        let w = lower(text, tokens, p, &mut buf);
        if lexicon::is_speech_verb(w) {
            return true;
        }
        if w == "to" && p >= 1 && lower(text, tokens, p - 1, &mut buf) == "according" {
            return true;
        }
        let raw = token_text(text, tokens, p);
        let capital = raw.chars().next().is_some_and(char::is_uppercase);
        if !(capital || lexicon::is_title(raw)) {
            return false;
        }
        t = p;
    }
    false
}

/// A speech verb's pronoun subject or an unnamed speaker found in the text.
struct SpeechSubject {
    token: usize,
    /// he, she, they, or None for a description ("officials").
    pronoun: Option<Pronoun>,
    plural: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Pronoun {
    He,
    She,
    They,
}

fn pronoun(lower: &str) -> Option<Pronoun> {
    match lower {
        "he" => Some(Pronoun::He),
        "she" => Some(Pronoun::She),
        "they" => Some(Pronoun::They),
        _ => None,
    }
}

/// Finds pronoun subjects of speech verbs ("he said", "she also told",
/// "said he.") and unnamed speakers ("officials said", "said a commander")
/// in one pass over the tokens.
fn speech_subjects(text: &str, seg: &Segmentation, in_quote: &[bool]) -> Vec<SpeechSubject> {
    let tokens = &seg.tokens;
    let mut out: Vec<SpeechSubject> = Vec::new();
    let mut buf2 = [0u8; 24];
    for i in 0..tokens.len() {
        if tokens[i].kind != Label::Word || in_quote.get(i).copied().unwrap_or(false) {
            continue;
        }
        // Verbs are lower-case words of 2 to 12 letters: most tokens
        // (names, numbers, long words) are skipped by this cheap test.
        let verb = tokens[i].text(text);
        if !(2..=12).contains(&verb.len()) || !verb.as_bytes()[0].is_ascii_lowercase() {
            continue;
        }
        if !lexicon::is_speech_verb(verb) {
            // "groups were cautious": an unnamed subject of any finite verb
            // still takes a later "they" away from the last name.
            if verb.len() <= 5
                && matches!(
                    verb,
                    "were" | "are" | "was" | "is" | "have" | "has" | "had" | "will" | "would"
                )
                && let Some(plural) = i
                    .checked_sub(1)
                    .and_then(|p| lexicon::speaker_description(lower(text, tokens, p, &mut buf2)))
            {
                out.push(SpeechSubject {
                    token: i - 1,
                    pronoun: None,
                    plural,
                });
            }
            continue;
        }
        // Backwards: subject before the verb, over up to two auxiliaries.
        let mut j = i;
        for _ in 0..3 {
            let Some(p) = j.checked_sub(1) else { break };
            let w = lower(text, tokens, p, &mut buf2);
            if let Some(pr) = pronoun(w) {
                if !in_quote.get(p).copied().unwrap_or(false) && out.last().is_none_or(|o| o.token != p) {
                    out.push(SpeechSubject {
                        token: p,
                        pronoun: Some(pr),
                        plural: pr == Pronoun::They,
                    });
                }
                break;
            }
            if let Some(plural) = lexicon::speaker_description(w) {
                out.push(SpeechSubject {
                    token: p,
                    pronoun: None,
                    plural,
                });
                break;
            }
            if !lexicon::is_aux_or_adverb(w) {
                break;
            }
            j = p;
        }
        // Forwards: "said he." / "said a commander of ...".
        let next = lower(text, tokens, i + 1, &mut buf2);
        if let Some(pr @ (Pronoun::He | Pronoun::She)) = pronoun(next) {
            let after = token_text(text, tokens, i + 2);
            if after.is_empty() || tokens.get(i + 2).is_some_and(|t| t.kind == Label::Punct) {
                out.push(SpeechSubject {
                    token: i + 1,
                    pronoun: Some(pr),
                    plural: false,
                });
            }
        } else if matches!(
            next,
            "a" | "an" | "the" | "one" | "two" | "three" | "several" | "some" | "many"
        ) {
            for k in i + 2..(i + 6).min(tokens.len()) {
                let w = lower(text, tokens, k, &mut buf2);
                if let Some(plural) = lexicon::speaker_description(w) {
                    out.push(SpeechSubject {
                        token: k,
                        pronoun: None,
                        plural,
                    });
                    break;
                }
            }
        }
    }
    out
}

/// Adds this layer's attributes and spans to `cx.sink` and the `entities`
/// summary to `cx.summaries`.
///
/// Never inlined into `pipeline::run`: one function per layer lets the
/// wasm engine compile (and tier up) each layer on its own, when first
/// reached, instead of one very large function at the first call.
#[inline(never)]
pub fn annotate(cx: &mut Context) {
    let text = cx.text;
    let seg = &cx.seg;
    let mut mentions = collect_mentions(text, seg, &cx.sink);
    if mentions.is_empty() {
        cx.summaries.set_entities(Vec::new());
        return;
    }
    let in_quote = quote_mask(text, seg);
    let mut defs = acronym_definitions(text, seg, &mentions);
    let uses = acronym_uses(text, seg, &defs, &mentions);
    merge_in(&mut mentions, &uses, |_, _| {});
    drop(uses);
    // Definitions found long forms by index before the sort: re-point them.
    for def in defs.values_mut() {
        def.long = def.long_span.and_then(|(s, e)| {
            let i = mentions.partition_point(|m| (m.start, m.end) < (s, e));
            mentions
                .get(i)
                .filter(|m| m.start == s && m.end == e && m.origin == Origin::Entity)
                .map(|_| i)
        });
    }

    // Pass 1: names; pass 2: uses of defined acronyms join their long form.
    let mut linker = Linker::default();
    let mut deferred = Vec::new();
    for m in 0..mentions.len() {
        let surface = text.get(mentions[m].start..mentions[m].end).unwrap_or("");
        match if defs.is_empty() { None } else { defs.get(surface) } {
            Some(def) if def.long != Some(m) => deferred.push(m),
            _ => {
                let e = linker.link(text, seg, &mut mentions, m);
                mentions[m].entity = e;
            }
        }
    }
    for m in deferred {
        let surface = text.get(mentions[m].start..mentions[m].end).unwrap_or("");
        let Some(def) = defs.get(surface) else {
            continue;
        };
        let e = match def
            .long
            .map(|l| mentions[l].entity)
            .filter(|&e| e < linker.entities.len())
        {
            Some(e) => e,
            None => {
                let label = if mentions[m].origin == Origin::Acronym {
                    Label::Org
                } else {
                    mentions[m].label
                };
                linker.keyed_fold(&["o:"], def.expansion, label)
            }
        };
        if let Some(ent) = linker.entities.get_mut(e) {
            ent.acronym = Some(surface);
            ent.expansion = Some(def.expansion);
        }
        linker.add(e, m);
        mentions[m].entity = e;
        mentions[m].expansion = Some(def.expansion);
        if mentions[m].origin == Origin::Acronym {
            mentions[m].label = linker.entities[e].label.unwrap_or(Label::Org);
        }
    }

    recover_missed_names(text, seg, &mut mentions, &mut linker);
    annotate_roles(text, seg, &in_quote, &mut mentions);
    resolve_pronouns(text, seg, &in_quote, &mut mentions, &mut linker);
    write_out(cx, mentions, linker);
}

/// The named entity spans of the entity layer, as mentions.
fn collect_mentions<'t>(text: &'t str, seg: &Segmentation, sink: &SpanSink) -> Vec<Mention<'t>> {
    let tokens = &seg.tokens;
    // The pipeline pushes paragraphs, sentences and tokens before any
    // other layer, so the entity spans are at the end: walking back from
    // there skips the token spans (most of the sink) without reading them.
    let spans = sink.spans();
    let first = spans
        .iter()
        .rposition(|s| matches!(s.layer, Layer::Paragraph | Layer::Sentence | Layer::Token))
        .map_or(0, |i| i + 1);
    let mut found: Vec<(usize, usize, SpanId, Label)> = spans[first..]
        .iter()
        .filter(|s| s.layer == Layer::Entity && is_named(s.label) && s.end_byte > s.start_byte)
        .filter(|s| text.get(s.start_byte..s.end_byte).is_some())
        .map(|s| (s.start_byte, s.end_byte, s.id, s.label))
        .collect();
    found.sort_unstable();
    // Sorted spans meet tokens and sentences with forward-moving cursors:
    // linear, and no cache-missing binary search per mention.
    let mut out: Vec<Mention<'t>> = Vec::with_capacity(found.len());
    let (mut t0, mut sent) = (0usize, 0usize);
    for (start, end, id, label) in found {
        while t0 < tokens.len() && tokens[t0].end <= start {
            t0 += 1;
        }
        let mut t1 = t0;
        while t1 < tokens.len() && tokens[t1].start < end {
            t1 += 1;
        }
        while sent < seg.sentence_tokens.len() && seg.sentence_tokens[sent].end <= t0 {
            sent += 1;
        }
        out.push(mention_in(seg, id, Origin::Entity, start, end, label, t0, t1, sent));
    }
    // Keep the layer flat even if the entity layer was not: drop a span
    // that starts inside the previous one.
    let mut last_end = 0;
    out.retain(|m| {
        let keep = m.start >= last_end;
        if keep {
            last_end = m.end;
        }
        keep
    });
    out
}

#[allow(clippy::too_many_arguments)]
fn mention<'t>(
    seg: &Segmentation,
    span: SpanId,
    origin: Origin,
    start: usize,
    end: usize,
    label: Label,
    t0: usize,
    t1: usize,
) -> Mention<'t> {
    let sent = seg.sentence_tokens.partition_point(|r| r.end <= t0);
    mention_in(seg, span, origin, start, end, label, t0, t1, sent)
}

/// [`mention`] with the sentence index already known.
#[allow(clippy::too_many_arguments)]
fn mention_in<'t>(
    seg: &Segmentation,
    span: SpanId,
    origin: Origin,
    start: usize,
    end: usize,
    label: Label,
    t0: usize,
    t1: usize,
    sent: usize,
) -> Mention<'t> {
    let para = seg.sentence_paragraph.get(sent).copied().unwrap_or(0);
    Mention {
        span,
        origin,
        start,
        end,
        label,
        t0,
        t1,
        sent,
        para,
        in_quote: false,
        speaker: false,
        subject: false,
        possessor: false,
        adjective: false,
        entity: usize::MAX,
        refers_to: None,
        expansion: None,
        antecedent: None,
    }
}

/// Sets quote, speaker, subject, possessor and adjective flags.
fn annotate_roles(text: &str, seg: &Segmentation, in_quote: &[bool], mentions: &mut [Mention<'_>]) {
    let tokens = &seg.tokens;
    let mut buf = [0u8; 24];
    let mut sentence_with_subject = usize::MAX;
    for m in mentions.iter_mut() {
        m.in_quote = in_quote.get(m.t0).copied().unwrap_or(false);
        m.speaker = !m.in_quote && is_speaker(text, tokens, m.t0, m.t1);
        let next = token_text(text, tokens, m.t1);
        m.possessor = matches!(next, "'s" | "\u{2019}s" | "'" | "\u{2019}");
        m.adjective = next == "-"
            || next.chars().next().is_some_and(char::is_lowercase)
                && tokens.get(m.t1).is_some_and(|t| t.kind == Label::Word);
        if !m.in_quote && sentence_with_subject != m.sent {
            let prev_ok = match m.t0.checked_sub(1) {
                Some(p) if seg.sentence_tokens.get(m.sent).is_some_and(|r| r.start <= p) => {
                    !lexicon::is_preposition(lower(text, tokens, p, &mut buf))
                }
                _ => true,
            };
            if prev_ok && !m.possessor {
                m.subject = true;
                sentence_with_subject = m.sent;
            }
        }
    }
}

/// Later uses of a known single-word name that the entity layer did not
/// tag ("Fairbanks told members" after "Shawn Fairbanks"; "Spotify" after
/// "Spotify") become mentions of that entity. Only surnames of people and
/// one-word organisation names count, only capitalised tokens that are not
/// glued to another capitalised word (so "Boeing Capital" is left alone),
/// and not at the start of a sentence unless a speech verb follows (where a
/// capitalised common word would look the same). One pass over the tokens
/// with a hash map: linear.
fn recover_missed_names<'t>(text: &'t str, seg: &Segmentation, mentions: &mut Vec<Mention<'t>>, linker: &mut Linker<'t>) {
    let tokens = &seg.tokens;
    let mut known: crate::hash::FnvMap<&str, Option<usize>> = crate::hash::FnvMap::default();
    for m in mentions
        .iter()
        .filter(|m| m.origin == Origin::Entity && m.entity < linker.entities.len())
    {
        let word = match m.label {
            Label::Person => token_text(text, tokens, m.t1.saturating_sub(1)),
            // One word, or one word and a company suffix ("Boeing Co.").
            Label::Org if m.t1 == m.t0 + 1 => token_text(text, tokens, m.t0),
            Label::Org if m.t1 == m.t0 + 2 && names::is_company_suffix_word(token_text(text, tokens, m.t0 + 1)) => {
                token_text(text, tokens, m.t0)
            }
            _ => continue,
        };
        if word.chars().count() < 3
            || !word.chars().next().is_some_and(char::is_uppercase)
            || lexicon::is_title(word)
            || lexicon::place(word).is_some()
            || names::is_acronym(word)
        {
            continue;
        }
        // A word two entities share is ambiguous: recover neither.
        known
            .entry(word)
            .and_modify(|e| {
                if *e != Some(m.entity) {
                    *e = None
                }
            })
            .or_insert(Some(m.entity));
    }
    if known.is_empty() {
        return;
    }
    let mut covered = vec![false; tokens.len()];
    for m in mentions.iter() {
        for slot in covered.iter_mut().take(m.t1).skip(m.t0) {
            *slot = true;
        }
    }
    let capitalised_word = |i: usize| {
        tokens
            .get(i)
            .is_some_and(|t| t.kind == Label::Word && t.text(text).chars().next().is_some_and(char::is_uppercase))
    };
    let mut buf = [0u8; 24];
    let mut found: Vec<Mention<'t>> = Vec::new();
    for s in 0..seg.sentence_tokens.len() {
        let range = seg.sentence_tokens[s].clone();
        for i in range.clone() {
            if covered.get(i).copied().unwrap_or(true) || !capitalised_word(i) {
                continue;
            }
            let Some(&Some(e)) = known.get(token_text(text, tokens, i)) else {
                continue;
            };
            // The first word of a sentence is capitalised anyway ("Later
            // Fairbanks told"), so it does not count as glued.
            let prev_glued =
                i > range.start + 1 && capitalised_word(i - 1) && !lexicon::is_title(token_text(text, tokens, i - 1));
            if prev_glued || capitalised_word(i + 1) {
                continue;
            }
            if i == range.start && !lexicon::is_speech_verb(lower(text, tokens, i + 1, &mut buf)) {
                continue;
            }
            let Some(label) = linker.entities.get(e).and_then(|x| x.label) else {
                continue;
            };
            let t = tokens[i];
            let mut m = mention(seg, SpanId::MAX, Origin::Recovered, t.start, t.end, label, i, i + 1);
            m.entity = e;
            found.push(m);
        }
    }
    if found.is_empty() {
        return;
    }
    // Merge the two sorted lists and re-point the entities' mention lists.
    drop((known, covered));
    let mut new_index: Vec<usize> = (0..mentions.len()).collect();
    let added = merge_in(mentions, &found, |old, new| new_index[old] = new);
    drop(found);
    for ent in linker.entities.iter_mut() {
        for m in ent.mentions.iter_mut() {
            *m = new_index.get(*m).copied().unwrap_or(*m);
        }
        ent.last = ent.mentions.iter().copied().max().unwrap_or(0);
    }
    for new in added {
        let e = mentions[new].entity;
        linker.add(e, new);
    }
}

/// An acronym defined in the text.
struct AcronymDef<'t> {
    /// Mention index of the long form, when the entity layer tagged it.
    long: Option<usize>,
    /// Byte range of that long form.
    long_span: Option<(usize, usize)>,
    /// The long form's text.
    expansion: &'t str,
}

/// Finds `Full Name (ACR)` and `ACR (Full Name)`.
fn acronym_definitions<'t>(text: &'t str, seg: &Segmentation, mentions: &[Mention<'t>]) -> crate::hash::FnvMap<&'t str, AcronymDef<'t>> {
    let tokens = &seg.tokens;
    let mut defs: crate::hash::FnvMap<&'t str, AcronymDef<'t>> = crate::hash::FnvMap::default();
    for (i, m) in mentions.iter().enumerate() {
        if token_text(text, tokens, m.t1) != "(" || m.label == Label::Person {
            continue;
        }
        let surface = text.get(m.start..m.end).unwrap_or("");
        // Full Name (ACR)
        let inner = token_text(text, tokens, m.t1 + 1);
        if token_text(text, tokens, m.t1 + 2) == ")" && names::is_acronym(inner) && inner != surface {
            let possessor =
                m.t0.checked_sub(2)
                    .filter(|&p| matches!(token_text(text, tokens, p + 1), "'s" | "\u{2019}s"))
                    .map(|p| token_text(text, tokens, p))
                    .unwrap_or("");
            let long = format!("{possessor} {surface}");
            // After an organisation any acronym-shaped parenthesis is its
            // acronym, even in another language ("Workers' Party (PT)").
            if m.label == Label::Org || names::acronym_fits(inner, surface) || names::acronym_fits(inner, long.trim()) {
                defs.entry(inner).or_insert(AcronymDef {
                    long: Some(i),
                    long_span: Some((m.start, m.end)),
                    expansion: surface,
                });
                continue;
            }
        }
        // ACR (Full Name)
        if names::is_acronym(surface) {
            let close = (m.t1 + 2..(m.t1 + 12).min(tokens.len())).find(|&j| token_text(text, tokens, j) == ")");
            let Some(close) = close else { continue };
            let (Some(a), Some(b)) = (tokens.get(m.t1 + 1), tokens.get(close - 1)) else {
                continue;
            };
            let Some(long_text) = text.get(a.start..b.end) else {
                continue;
            };
            // The long form needs two capitalised words: "BERLIN (Reuters)"
            // is a dateline, not a definition.
            if !long_text.chars().next().is_some_and(char::is_uppercase)
                || names::initials(long_text).is_none()
                || !names::acronym_fits(surface, long_text)
            {
                continue;
            }
            let at = mentions.partition_point(|x| (x.start, x.end) < (a.start, b.end));
            let long = mentions
                .get(at)
                .filter(|x| x.start == a.start && x.end == b.end)
                .map(|_| at);
            let long_span = long.map(|_| (a.start, b.end));
            defs.entry(surface).or_insert(AcronymDef {
                long,
                long_span,
                expansion: long_text,
            });
        }
    }
    defs
}

/// Uses of a defined acronym that no entity span covers, as mentions in
/// text order.
fn acronym_uses<'t>(
    text: &str,
    seg: &Segmentation,
    defs: &crate::hash::FnvMap<&str, AcronymDef<'_>>,
    mentions: &[Mention<'t>],
) -> Vec<Mention<'t>> {
    let mut uses = Vec::new();
    if defs.is_empty() {
        return uses;
    }
    let tokens = &seg.tokens;
    let mut covered = vec![false; tokens.len()];
    for m in mentions.iter() {
        for slot in covered.iter_mut().take(m.t1).skip(m.t0) {
            *slot = true;
        }
    }
    for (i, t) in tokens.iter().enumerate() {
        if covered[i] || t.kind != Label::Word {
            continue;
        }
        let w = t.text(text);
        if w.len() >= 2 && w.bytes().next().is_some_and(|b| b.is_ascii_uppercase()) && defs.contains_key(w) {
            uses.push(mention(
                seg,
                SpanId::MAX,
                Origin::Acronym,
                t.start,
                t.end,
                Label::Org,
                i,
                i + 1,
            ));
        }
    }
    uses
}

/// Merges `new` into `mentions`, both sorted by start and end, in place
/// (an old mention before a new one with the same range), and returns where
/// the new ones went, in order; `moved(old, new)` hears of each old mention
/// that moved. In place: a copy of the whole list, or a sort's scratch
/// buffer, was the layer's peak memory on long texts.
fn merge_in<'t>(mentions: &mut Vec<Mention<'t>>, new: &[Mention<'t>], mut moved: impl FnMut(usize, usize)) -> Vec<usize> {
    let mut placed = vec![0; new.len()];
    let Some(&filler) = new.first() else {
        return placed;
    };
    let (mut i, mut j) = (mentions.len(), new.len());
    mentions.reserve_exact(new.len());
    mentions.resize(i + j, filler);
    // From the back, the larger of the two tails goes last; the slot
    // written is never an old mention not yet moved. Once the new ones are
    // placed, the old ones before them are where they were.
    for w in (0..mentions.len()).rev() {
        if j == 0 {
            break;
        }
        let old_first = i > 0 && (mentions[i - 1].start, mentions[i - 1].end) > (new[j - 1].start, new[j - 1].end);
        if old_first {
            i -= 1;
            mentions[w] = mentions[i];
            moved(i, w);
        } else {
            j -= 1;
            mentions[w] = new[j];
            placed[j] = w;
        }
    }
    placed
}

/// Resolves `he`/`she`/`they` subjects of speech verbs to the best recent
/// compatible entity: last named speaker, then subject, then any mention,
/// discounted by sentence distance; an unnamed speaker ("officials said",
/// "said a commander") more recent than the best name blocks the link.
fn resolve_pronouns(
    text: &str,
    seg: &Segmentation,
    in_quote: &[bool],
    mentions: &mut Vec<Mention<'_>>,
    linker: &mut Linker,
) {
    let subjects = speech_subjects(text, seg, in_quote);
    let tokens = &seg.tokens;
    let mut last_description: [Option<usize>; 2] = [None, None];
    let mut new_mentions: Vec<Mention<'_>> = Vec::new();
    for subj in &subjects {
        let Some(pr) = subj.pronoun else {
            last_description[usize::from(subj.plural)] = Some(subj.token);
            continue;
        };
        let Some(tok) = tokens.get(subj.token) else {
            continue;
        };
        let sent = seg.sentence_tokens.partition_point(|r| r.end <= subj.token);
        let k = mentions.partition_point(|m| m.start < tok.start);
        // Best score per entity, with the mention that gave it.
        let mut scores: Vec<(usize, f64, usize)> = Vec::new();
        for idx in (0..k).rev().take(LOOKBACK_MENTIONS) {
            let m = &mentions[idx];
            if sent.saturating_sub(m.sent) > LOOKBACK_SENTENCES {
                break;
            }
            if m.in_quote || m.entity == usize::MAX || m.origin == Origin::Pronoun {
                continue;
            }
            let Some(ent) = linker.entities.get(m.entity) else {
                continue;
            };
            let label = ent.label.unwrap_or(m.label);
            let fits = match pr {
                Pronoun::He => label == Label::Person && ent.gender != Some(Gender::Female),
                Pronoun::She => label == Label::Person && ent.gender != Some(Gender::Male),
                Pronoun::They => label == Label::Org || (label == Label::Norp && !m.adjective),
            };
            if !fits {
                continue;
            }
            let role = if m.speaker {
                3.0
            } else if m.subject {
                2.0
            } else {
                1.0
            };
            let mut score = role / (1.0 + (sent - m.sent.min(sent)) as f64);
            if m.possessor {
                score *= 0.5;
            }
            if pr != Pronoun::They && ent.gender.is_none() {
                score *= 0.8;
            }
            match scores.iter_mut().find(|s| s.0 == m.entity) {
                Some(s) if s.1 < score => *s = (m.entity, score, idx),
                Some(_) => {}
                None => scores.push((m.entity, score, idx)),
            }
        }
        scores.sort_by(|a, b| b.1.total_cmp(&a.1));
        let Some(&(e, best, idx)) = scores.first() else {
            continue;
        };
        let blocked =
            last_description[usize::from(pr == Pronoun::They)].is_some_and(|d| d >= mentions[idx].t1 && d < subj.token);
        if blocked {
            continue;
        }
        let second = scores.get(1).map_or(0.0, |s| s.1);
        let mut confidence = 0.5 + 0.45 * (best - second) / best;
        if pr == Pronoun::They {
            confidence *= 0.85;
        } else if linker.entities[e].gender.is_none() {
            confidence *= 0.9;
        }
        // In hundredths: 50 to 95.
        let confidence = (confidence * 100.0).round() as u8;
        let mut pm = mention(
            seg,
            SpanId::MAX,
            Origin::Pronoun,
            tok.start,
            tok.end,
            Label::Pronoun,
            subj.token,
            subj.token + 1,
        );
        pm.entity = e;
        pm.speaker = true;
        pm.antecedent = Some((idx as u32, confidence));
        // Usage tells the gender of a name the table did not know.
        let ent = &mut linker.entities[e];
        if ent.gender.is_none() {
            ent.gender = match pr {
                Pronoun::He => Some(Gender::Male),
                Pronoun::She => Some(Gender::Female),
                Pronoun::They => None,
            };
        }
        new_mentions.push(pm);
    }
    mentions.reserve_exact(new_mentions.len());
    for pm in new_mentions {
        let m = mentions.len();
        let e = pm.entity;
        mentions.push(pm);
        linker.add(e, m);
    }
}

/// Writes attrs, pushes mention spans, and builds the `entities` summary.
fn write_out(cx: &mut Context, mut mentions: Vec<Mention<'_>>, linker: Linker<'_>) {
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
        let span = cx.sink.push(Layer::Mention, m.label, m.start, m.end, attrs);
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
            .map(|&m| mentions[m].start)
            .min()
            .unwrap_or(usize::MAX)
    };
    // Each entity's first mention once, not at every comparison: an entity
    // of a long text has thousands of mentions, and `sort_by_key` calls the
    // key function O(log n) times per element. Stable, as before.
    let firsts: Vec<usize> = (0..linker.entities.len()).map(first).collect();
    order.sort_by_key(|&e| firsts[e]);
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
        span.attrs.insert("entity", Value::Str(id.clone()));
        if let Some(x) = m.expansion {
            span.attrs.insert("expansion", Value::from(x));
        }
        if let Some(country) = m.refers_to {
            span.attrs.insert("refers_to", Value::Str(Government(country).to_string()));
        }
        if let Some(country) = country {
            span.attrs.insert("country", Value::from(country));
        }
        if let Some(c) = country_id {
            span.attrs.insert("country_entity", Value::Str(c));
        }
    }

    let first_para = mentions
        .iter()
        .map(|m| m.para)
        .min()
        .unwrap_or(0)
        .min(cx.seg.paragraphs.len().saturating_sub(1));
    let mut cards: Vec<(usize, EntityCard)> = Vec::with_capacity(order.len());
    // Scratch list reused for every entity: an allocation per entity was a
    // fifth of this function's allocations on a long text.
    let mut ms: Vec<&Mention> = Vec::new();
    for &e in &order {
        let ent = &linker.entities[e];
        ms.clear();
        ms.extend(ent.mentions.iter().map(|&m| &mentions[m]));
        ms.sort_by_key(|m| m.start);
        let Some(&firstm) = ms.first() else { continue };
        let name = ms
            .iter()
            .filter(|m| m.origin == Origin::Entity && m.refers_to.is_none() && m.expansion.is_none())
            .map(|m| clean_name(text.get(m.start..m.end).unwrap_or("")))
            .max_by(|a, b| {
                a.split_whitespace()
                    .count()
                    .cmp(&b.split_whitespace().count())
                    .then(a.len().cmp(&b.len()))
                    .then(std::cmp::Ordering::Greater)
            })
            .or(ent.expansion)
            .or(ent.country)
            .unwrap_or_else(|| clean_name(text.get(firstm.start..firstm.end).unwrap_or("")));
        let speakers = ms.iter().filter(|m| m.speaker).count();
        let in_first = ms.iter().any(|m| m.para == 0 || m.para == first_para);
        let salience = ms.len() as f64
            + if in_first { 1.5 } else { 0.0 }
            + 0.5 * speakers as f64
            + (1.0 - firstm.sent as f64 / n_sent as f64).max(0.0);
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
        cards.push((firstm.start, card));
    }
    cards.sort_by(|a, b| b.1.salience.total_cmp(&a.1.salience).then(a.0.cmp(&b.0)));
    cx.summaries.set_entities(cards.into_iter().map(|c| c.1).collect());
}

/// "e" and `n` in decimal: the id of the `n`th entity. Written digit by
/// digit: `format!` cost more than the rest of an id's making, thousands of
/// times on a long text.
fn entity_id(n: usize) -> String {
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
fn clean_name(s: &str) -> &str {
    let s = s.trim();
    let s = s.strip_prefix("the ").or_else(|| s.strip_prefix("The ")).unwrap_or(s);
    s.strip_suffix("\u{2019}s")
        .or_else(|| s.strip_suffix("'s"))
        .unwrap_or(s)
}
