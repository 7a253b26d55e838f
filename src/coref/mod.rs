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
//!
//! The steps, one file each, in the order [`annotate`] runs them:
//! `mentions` (the entity spans, acronyms, names the tagger missed, each
//! mention's role), `linker` (mentions to entities by key), `pronouns`
//! (speech-verb pronoun subjects to entities) and `cards` (attrs, mention
//! spans, the `entities` summary). `lexicon` and `names` hold the word
//! lists and the name forms they share.

mod cards;
mod lexicon;
mod linker;
mod mentions;
mod names;
mod pronouns;
#[cfg(test)]
mod tests;


pub use crate::doc::{EntityCard, Gender, Government};
pub use pronouns::{PronounLink, pronoun_at};
use cards::write_out;
use mentions::{acronym_definitions, acronym_uses, annotate_roles, collect_mentions, merge_in, recover_missed_names};
use pronouns::{quote_mask, resolve_pronouns};
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
    /// Byte range, token range, sentence and paragraph, in `u32` (88
    /// bytes a mention, not 112; a text of names has a mention per two
    /// words): read through the methods of the same names.
    start_at: u32,
    end_at: u32,
    label: Label,
    t0_at: u32,
    t1_at: u32,
    sent_at: u32,
    para_at: u32,
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

impl Mention<'_> {
    /// First byte.
    #[inline]
    fn start(&self) -> usize {
        self.start_at as usize
    }
    /// Last byte, exclusive.
    #[inline]
    fn end(&self) -> usize {
        self.end_at as usize
    }
    /// First token.
    #[inline]
    fn t0(&self) -> usize {
        self.t0_at as usize
    }
    /// Last token, exclusive.
    #[inline]
    fn t1(&self) -> usize {
        self.t1_at as usize
    }
    /// Sentence index.
    #[inline]
    fn sent(&self) -> usize {
        self.sent_at as usize
    }
    /// Paragraph index.
    #[inline]
    fn para(&self) -> usize {
        self.para_at as usize
    }
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

/// Hash maps keyed by names from the text, hashed with the crate's table hash: keys are short
/// and many, and SipHash's protection against chosen collisions buys
/// nothing for a text the user annotates on their own machine (lookups per
/// key stay bounded by [`MAX_CANDIDATES`] either way).
type NameMap<V> = crate::hash::FastMap<String, V>;

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
            let i = mentions.partition_point(|m| (m.start(), m.end()) < (s, e));
            mentions
                .get(i)
                .filter(|m| m.start() == s && m.end() == e && m.origin == Origin::Entity)
                .map(|_| i)
        });
    }

    // Pass 1: names; pass 2: uses of defined acronyms join their long form.
    let mut linker = Linker::default();
    let mut deferred = Vec::new();
    for m in 0..mentions.len() {
        let surface = text.get(mentions[m].start()..mentions[m].end()).unwrap_or("");
        match if defs.is_empty() { None } else { defs.get(surface) } {
            Some(def) if def.long != Some(m) => deferred.push(m),
            _ => {
                let e = linker.link(text, seg, &mut mentions, m);
                mentions[m].entity = e;
            }
        }
    }
    for m in deferred {
        let surface = text.get(mentions[m].start()..mentions[m].end()).unwrap_or("");
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

/// An acronym defined in the text.
struct AcronymDef<'t> {
    /// Mention index of the long form, when the entity layer tagged it.
    long: Option<usize>,
    /// Byte range of that long form.
    long_span: Option<(usize, usize)>,
    /// The long form's text.
    expansion: &'t str,
}
