//! The annotated document: statistics plus a flat list of standoff spans.
//!
//! Every layer (paragraphs, sentences, tokens, entities, quotes, sources,
//! hedges, ...) is a list of spans over the same text, so a new layer adds
//! labels, never a new shape. Spans point into the text by byte offsets here;
//! [`crate::wire`] turns them into the UTF-16 offsets that JS sees.

use std::borrow::Cow;
use std::ops::Range;

use serde::{Deserialize, Serialize};

mod summaries;

pub use summaries::{EntityCard, Gender, Government, Summaries};

/// Index of a span in [`Document::spans`]'s creation order; unique per document.
pub type SpanId = u32;

/// A token: a byte range of the text and what kind of thing it is.
///
/// Eight bytes, read through [`Token::start`], [`Token::end`] and
/// [`Token::kind`]: the start in a `u32`, and the end (26 bits) and the
/// kind's index in [`Label::ALL`] (6 bits) in another. A text of
/// one-character tokens ("," repeated) holds a token per input byte, and
/// with `usize` offsets and the label a token took 24 bytes. The library
/// refuses texts over [`crate::MAX_INPUT_BYTES`] (32 MiB, 2^25 bytes)
/// before it tokenizes, so every offset fits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    start: u32,
    /// The end in the low [`END_BITS`] bits, the kind's index above them.
    end_kind: u32,
}

/// Bits of [`Token::end_kind`] that hold the end.
const END_BITS: u32 = 26;
const END_MASK: u32 = (1 << END_BITS) - 1;
const _: () = assert!(Label::ALL.len() <= 1 << (32 - END_BITS));
/// The largest end offset a [`Token`] holds (`lib.rs` checks at compile
/// time that the input limit is within it).
pub(crate) const TOKEN_END_MAX: usize = END_MASK as usize;

impl Token {
    /// The token `start..end` (byte offsets) of `kind`. An offset past
    /// what a token holds (a text far over [`crate::MAX_INPUT_BYTES`],
    /// which the library refuses first) is held as the largest it holds
    /// rather than wrapped.
    #[inline]
    pub fn new(start: usize, end: usize, kind: Label) -> Token {
        let at = |x: usize| u32::try_from(x).unwrap_or(u32::MAX).min(END_MASK);
        Token { start: at(start), end_kind: at(end) | (kind.index() as u32) << END_BITS }
    }

    /// First byte, inclusive.
    #[inline]
    pub fn start(&self) -> usize {
        self.start as usize
    }

    /// Last byte, exclusive.
    #[inline]
    pub fn end(&self) -> usize {
        (self.end_kind & END_MASK) as usize
    }

    /// word, number, punct, symbol, emoji, url, email, hashtag or handle.
    #[inline]
    pub fn kind(&self) -> Label {
        Label::ALL.get((self.end_kind >> END_BITS) as usize).copied().unwrap_or(Label::Word)
    }

    /// Extends the token to the end of `next` (the tokenizer joins runs).
    #[inline]
    pub fn extend_to(&mut self, next: Token) {
        self.end_kind = (self.end_kind & !END_MASK) | (next.end_kind & END_MASK);
    }

    /// The token's byte range.
    #[inline]
    pub fn range(&self) -> Range<usize> {
        self.start()..self.end()
    }

    /// The token's text.
    #[inline]
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.range()]
    }
}

/// A family of spans.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Layer {
    /// A paragraph: text between line breaks.
    Paragraph,
    /// A sentence inside a paragraph.
    Sentence,
    /// A word, number, punctuation mark or symbol.
    Token,
    /// A named entity, date or number.
    Entity,
    /// A quotation or reported speech.
    Quote,
    /// The words that introduce speech ("said", "according to").
    Cue,
    /// A mention that a claim is attributed to.
    Source,
    /// A word or phrase that marks uncertainty.
    Hedge,
    /// A pronoun or other mention resolved to a document entity.
    Mention,
}

impl Layer {
    /// Every layer, in the order in which containers precede their contents.
    pub const ALL: [Layer; 9] = [
        Layer::Paragraph,
        Layer::Sentence,
        Layer::Quote,
        Layer::Source,
        Layer::Entity,
        Layer::Mention,
        Layer::Cue,
        Layer::Hedge,
        Layer::Token,
    ];

    /// Rank used to order spans that share a range: containers first.
    pub fn rank(self) -> usize {
        // The position in `ALL` (a test checks that they agree).
        match self {
            Layer::Paragraph => 0,
            Layer::Sentence => 1,
            Layer::Quote => 2,
            Layer::Source => 3,
            Layer::Entity => 4,
            Layer::Mention => 5,
            Layer::Cue => 6,
            Layer::Hedge => 7,
            Layer::Token => 8,
        }
    }

    /// The layer's wire name.
    pub fn name(self) -> &'static str {
        match self {
            Layer::Paragraph => "paragraph",
            Layer::Sentence => "sentence",
            Layer::Token => "token",
            Layer::Entity => "entity",
            Layer::Quote => "quote",
            Layer::Cue => "cue",
            Layer::Source => "source",
            Layer::Hedge => "hedge",
            Layer::Mention => "mention",
        }
    }

    /// The layer whose wire name is `name`.
    pub fn from_name(name: &str) -> Option<Layer> {
        Layer::ALL.into_iter().find(|l| l.name() == name)
    }
}

macro_rules! labels {
    ($( $(#[$doc:meta])* $variant:ident = $name:literal ),* $(,)?) => {
        /// What a span is, within its layer. Serialised as the string shown.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        pub enum Label {
            $( $(#[$doc])* #[serde(rename = $name)] $variant, )*
        }

        impl Label {
            /// Every label.
            pub const ALL: &'static [Label] = &[$(Label::$variant),*];

            /// The label's wire name.
            pub fn name(self) -> &'static str {
                match self { $(Label::$variant => $name,)* }
            }

            /// The label's position in [`Label::ALL`].
            pub fn index(self) -> usize {
                self as usize
            }

            /// The label with this wire name.
            pub fn from_name(name: &str) -> Option<Label> {
                match name { $($name => Some(Label::$variant),)* _ => None }
            }
        }
    };
}

labels! {
    /// A paragraph.
    Paragraph = "paragraph",
    /// A sentence.
    Sentence = "sentence",
    /// A word token (letters, possibly with digits or inner marks).
    Word = "word",
    /// A number token ("1,000", "3.5").
    Number = "number",
    /// A punctuation token.
    Punct = "punct",
    /// A symbol token ("$", "%", "+").
    Symbol = "symbol",
    /// An emoji, possibly a joined sequence or a flag.
    Emoji = "emoji",
    /// A web address.
    Url = "url",
    /// An e-mail address.
    Email = "email",
    /// A hashtag.
    Hashtag = "hashtag",
    /// An @-handle.
    Handle = "handle",
    /// People, including fictional.
    Person = "PERSON",
    /// Nationalities, religious or political groups.
    Norp = "NORP",
    /// Buildings, airports, highways, bridges.
    Fac = "FAC",
    /// Companies, agencies, institutions, armed groups.
    Org = "ORG",
    /// Countries, cities, states.
    Gpe = "GPE",
    /// Non-GPE locations: regions, mountain ranges, bodies of water.
    Loc = "LOC",
    /// Objects, vehicles, foods (not services).
    Product = "PRODUCT",
    /// Named hurricanes, battles, wars, sports events.
    Event = "EVENT",
    /// Titles of books, songs, films.
    WorkOfArt = "WORK_OF_ART",
    /// Named documents made into laws.
    Law = "LAW",
    /// Any named language.
    Language = "LANGUAGE",
    /// Absolute or relative dates or periods.
    Date = "DATE",
    /// Times smaller than a day.
    Time = "TIME",
    /// Percentages.
    Percent = "PERCENT",
    /// Monetary values.
    Money = "MONEY",
    /// Measurements, as of weight or distance.
    Quantity = "QUANTITY",
    /// "first", "second".
    Ordinal = "ORDINAL",
    /// Numerals that fall under no other type.
    Cardinal = "CARDINAL",
    /// Quoted words in quotation marks, attributed to a speaker.
    Direct = "direct",
    /// Reported speech without quotation marks.
    Indirect = "indirect",
    /// Paraphrase that contains a quoted phrase.
    Mixed = "mixed",
    /// Quotation marks used for distance or a name, not speech.
    Scare = "scare",
    /// A verb of saying ("said", "told", "warned").
    SpeechVerb = "speech_verb",
    /// A phrase of attribution ("according to").
    Attribution = "attribution",
    /// A source named as a person.
    NamedPerson = "named_person",
    /// A source named as an organisation.
    NamedOrganization = "named_organization",
    /// An unnamed person or group.
    Anonymous = "anonymous",
    /// A document: a report, statement, study.
    Document = "document",
    /// could, may, might.
    Modal = "modal",
    /// potential, possible, likely, reportedly.
    Epistemic = "epistemic",
    /// appear to, is expected to, is inclined to.
    HedgingPhrase = "hedging_phrase",
    /// no deal is finalized, has not been confirmed.
    NegatedFinality = "negated_finality",
    /// expressed skepticism, doubted.
    Doubt = "doubt",
    /// he, she, they.
    Pronoun = "pronoun",
}

/// A value in a span's `attrs` or a summary.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Value {
    /// true or false.
    Bool(bool),
    /// A whole number.
    Int(i64),
    /// A number with a fraction.
    Num(f64),
    /// Text: borrowed when it is one of the program's own names (a kind,
    /// a class, a country code), so that those allocate nothing
    /// ([`Value::name`]); on quote-dense text they were three heap blocks
    /// per quote and source.
    Str(Cow<'static, str>),
    /// Span ids. A boxed slice, not a `Vec`: with it every variant but
    /// `Str` fits in 16 bytes and `Value` takes 24 bytes instead of 32 (an
    /// attr row 40 instead of 48); a span's attrs are most of the memory on
    /// quote-dense text.
    Ids(Box<[SpanId]>),
}

impl Value {
    /// A text that the program holds for its whole run (a label's name, a
    /// country code): stored as the reference, without a copy.
    pub const fn name(s: &'static str) -> Value {
        Value::Str(Cow::Borrowed(s))
    }

    /// The text, if this is a `Str`.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::Str(Cow::Owned(s.to_string()))
    }
}
impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::Str(Cow::Owned(s))
    }
}
impl From<i64> for Value {
    fn from(n: i64) -> Value {
        Value::Int(n)
    }
}
impl From<f64> for Value {
    fn from(n: f64) -> Value {
        Value::Num(n)
    }
}
impl From<bool> for Value {
    fn from(b: bool) -> Value {
        Value::Bool(b)
    }
}

/// Layer-specific fields of a span, e.g. a quote's speaker span id.
///
/// A few pairs in a boxed slice sorted by key, with the map methods the
/// layers use. Most spans have no attrs and many have one or two; a
/// `BTreeMap` allocated a ~500-byte node for each, which on a 1 MB article
/// was a third of the coreference layer's time. A boxed slice, not a `Vec`:
/// 16 bytes in a span instead of 24 (a span's size is most of the memory of
/// a text of many short entities), and no slack (a list grows by exactly
/// one pair, as most spans get one to three).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Attrs(Option<Box<[(&'static str, Value)]>>);

impl Attrs {
    /// No attrs; allocates nothing.
    pub const fn new() -> Attrs {
        Attrs(None)
    }

    fn pairs(&self) -> &[(&'static str, Value)] {
        self.0.as_deref().unwrap_or(&[])
    }

    fn find(&self, key: &str) -> Result<usize, usize> {
        self.pairs().binary_search_by(|(k, _)| (*k).cmp(key))
    }

    /// Sets `key`, returning the value it replaces.
    pub fn insert(&mut self, key: &'static str, value: Value) -> Option<Value> {
        match self.find(key) {
            Ok(i) => self.0.as_deref_mut().map(|pairs| std::mem::replace(&mut pairs[i].1, value)),
            Err(i) => {
                let mut pairs = self.0.take().map_or_else(Vec::new, Vec::from);
                // Exactly one more, so that the slice takes the Vec's block
                // as it is.
                pairs.reserve_exact(1);
                pairs.insert(i, (key, value));
                self.0 = Some(pairs.into_boxed_slice());
                None
            }
        }
    }

    /// Kept for the layers that say how many attrs they will set; the
    /// list has no spare room to reserve (each [`Attrs::insert`] grows it
    /// by exactly one pair).
    pub fn reserve(&mut self, additional: usize) {
        let _ = additional;
    }

    /// The value of `key`.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.find(key).ok().map(|i| &self.pairs()[i].1)
    }

    /// The value of `key`, to change it.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut Value> {
        let i = self.find(key).ok()?;
        self.0.as_deref_mut().map(|pairs| &mut pairs[i].1)
    }

    /// Removes `key`, returning its value.
    pub fn remove(&mut self, key: &str) -> Option<Value> {
        let i = self.find(key).ok()?;
        let mut pairs = Vec::from(self.0.take()?);
        let (_, value) = pairs.remove(i);
        // No attrs is always `None`, so that equal attrs compare equal.
        self.0 = (!pairs.is_empty()).then(|| pairs.into_boxed_slice());
        Some(value)
    }

    /// Whether `key` is set.
    pub fn contains_key(&self, key: &str) -> bool {
        self.find(key).is_ok()
    }

    /// Whether there are no attrs.
    pub fn is_empty(&self) -> bool {
        self.pairs().is_empty()
    }

    /// How many attrs there are.
    pub fn len(&self) -> usize {
        self.pairs().len()
    }

    /// The pairs, sorted by key.
    pub fn iter(&self) -> impl Iterator<Item = (&&'static str, &Value)> {
        self.pairs().iter().map(|(k, v)| (k, v))
    }
}

impl Serialize for Attrs {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.len()))?;
        for (k, v) in self.pairs() {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl<const N: usize> From<[(&'static str, Value); N]> for Attrs {
    fn from(pairs: [(&'static str, Value); N]) -> Attrs {
        let mut attrs = Attrs::new();
        for (k, v) in pairs {
            attrs.insert(k, v);
        }
        attrs
    }
}

impl FromIterator<(&'static str, Value)> for Attrs {
    fn from_iter<I: IntoIterator<Item = (&'static str, Value)>>(iter: I) -> Attrs {
        let mut attrs = Attrs::new();
        for (k, v) in iter {
            attrs.insert(k, v);
        }
        attrs
    }
}

/// One standoff annotation: a labelled byte range of the input.
#[derive(Clone, Debug, PartialEq)]
pub struct Span {
    /// Unique in the document; other spans' attrs refer to it.
    pub id: SpanId,
    /// The family of the span.
    pub layer: Layer,
    /// What the span is.
    pub label: Label,
    /// First byte, inclusive.
    pub start_byte: usize,
    /// Last byte, exclusive.
    pub end_byte: usize,
    /// Extra fields; empty for most spans. `antecedent`, `cue`,
    /// `entity_span` and `speaker` hold the id of another span of the same
    /// result (left out when that span's layer was not asked for).
    pub attrs: Attrs,
}

/// Counts over the whole text.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Stats {
    /// Unicode scalar values (code points).
    pub chars: usize,
    /// Whitespace-separated words that contain a letter or digit.
    pub words: usize,
    /// Sentences.
    pub sentences: usize,
    /// Paragraphs.
    pub paragraphs: usize,
    /// Minutes to read at 230 words a minute, rounded up; 0 for no words.
    pub reading_minutes: usize,
}

/// The result of [`crate::annotate`]: statistics and spans, sorted by start,
/// longer (containing) spans first.
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    /// Counts over the text.
    pub stats: Stats,
    /// All spans of the requested layers.
    pub spans: Vec<Span>,
    /// Summaries computed by layers (e.g. `sourcing`), keyed by name.
    pub summaries: Summaries,
}

/// Collects spans while layers run, handing out ids.
///
/// The tokens, most of the spans of a long text, are not stored here: the
/// [`crate::text::Segmentation`] holds them already, so the sink only hands
/// out their ids ([`SpanSink::push_tokens`]) and [`SpanSink::finish`] merges
/// them into the sorted result. On 10 MB that saves ~2 million stored spans
/// (and the reallocations and sort buffer that came with them).
#[derive(Debug, Default)]
pub struct SpanSink {
    spans: Vec<Span>,
    /// The ids given to the tokens: the first and how many.
    tokens: Option<(SpanId, SpanId)>,
}

/// The order of [`Document::spans`]: by start, containers (longer, then by
/// [`Layer::rank`]) first, then by id. Ids are unique, so no two spans tie.
fn span_order(a: &Span, b: &Span) -> std::cmp::Ordering {
    a.start_byte
        .cmp(&b.start_byte)
        .then(b.end_byte.cmp(&a.end_byte))
        .then(a.layer.rank().cmp(&b.layer.rank()))
        .then(a.id.cmp(&b.id))
}

impl SpanSink {
    /// An empty sink.
    pub fn new() -> SpanSink {
        SpanSink::default()
    }

    /// An empty sink with room for `n` spans.
    pub fn with_capacity(n: usize) -> SpanSink {
        SpanSink { spans: Vec::with_capacity(n), tokens: None }
    }

    /// The number of ids handed out before the stored span at `index`.
    fn skipped_before(&self, index: usize) -> SpanId {
        match self.tokens {
            Some((first, n)) if index as SpanId >= first => n,
            _ => 0,
        }
    }

    /// Where the span with this id is stored, if it is stored.
    fn index(&self, id: SpanId) -> Option<usize> {
        match self.tokens {
            Some((first, n)) if id >= first => id.checked_sub(n).filter(|&i| i >= first).map(|i| i as usize),
            _ => Some(id as usize),
        }
    }

    /// Adds a span and returns its id.
    pub fn push(&mut self, layer: Layer, label: Label, start_byte: usize, end_byte: usize, attrs: Attrs) -> SpanId {
        let id = self.spans.len() as SpanId + self.skipped_before(self.spans.len());
        if self.spans.len() == self.spans.capacity() {
            self.grow();
        }
        self.spans.push(Span { id, layer, label, start_byte, end_byte, attrs });
        id
    }

    /// Makes room for more spans: a quarter more once there are many, not
    /// Vec's double. The spans live through every later layer, and on 10 MB
    /// doubling left room for 524,288 of the ~300,000 (6 MiB unused in wasm,
    /// where memory never shrinks) during the coreference layer's peak.
    #[cold]
    fn grow(&mut self) {
        const SMALL: usize = 64 * 1024;
        let len = self.spans.len();
        self.spans.reserve_exact(if len < SMALL { len.max(64) } else { len / 4 });
    }

    /// Hands out ids for `count` token spans, which the sink does not store
    /// ([`SpanSink::finish`] takes the tokens themselves); returns the first.
    /// Called once, by the pipeline; a second call hands out no new ids.
    pub fn push_tokens(&mut self, count: usize) -> SpanId {
        if let Some((first, _)) = self.tokens {
            return first;
        }
        let first = self.spans.len() as SpanId;
        self.tokens = Some((first, count as SpanId));
        first
    }

    /// The stored span with this id (token spans are not stored).
    pub fn get(&self, id: SpanId) -> Option<&Span> {
        self.spans.get(self.index(id)?)
    }

    /// The stored span with this id, to add attrs after the fact.
    pub fn get_mut(&mut self, id: SpanId) -> Option<&mut Span> {
        let i = self.index(id)?;
        self.spans.get_mut(i)
    }

    /// Spans added so far, in creation order, without the token spans.
    pub fn spans(&self) -> &[Span] {
        &self.spans
    }

    /// The spans of the wanted layers, sorted by start, containers first;
    /// `tokens` are the tokens whose ids [`SpanSink::push_tokens`] handed out.
    pub fn finish(self, wants: impl Fn(Layer) -> bool, tokens: &[Token]) -> Vec<Span> {
        let (spans, first) = self.finish_without_tokens(wants);
        merge_tokens(spans, tokens, first)
    }

    /// The stored spans of the wanted layers, sorted as in
    /// [`SpanSink::finish`], and the first token id if tokens are wanted:
    /// the parts of the result before the token spans are made.
    ///
    /// With some layers left out, an attr that names a span of one of them
    /// (a quote's `cue` when cues are not asked for) is left out too: every
    /// id in a span's attrs names a span of the result. (The entity cards'
    /// `mentions` name entity and mention spans, which are in the result
    /// when those layers are.)
    pub fn finish_without_tokens(self, wants: impl Fn(Layer) -> bool) -> (Vec<Span>, Option<SpanId>) {
        let mut spans: Vec<Span> = self.spans.into_iter().filter(|s| wants(s.layer)).collect();
        if !Layer::ALL.iter().all(|&l| wants(l)) {
            let tokens = self.tokens.filter(|_| wants(Layer::Token)).map(|(first, n)| first..first.saturating_add(n));
            drop_dangling_ids(&mut spans, tokens);
        }
        // Unstable is exact here (no two spans tie) and needs no buffer.
        spans.sort_unstable_by(span_order);
        (spans, self.tokens.filter(|_| wants(Layer::Token)).map(|(first, _)| first))
    }
}

/// The attrs whose value is the id of another span (see [`Span::attrs`]).
pub(crate) const ID_ATTRS: [&str; 4] = ["antecedent", "cue", "entity_span", "speaker"];

/// Removes from `spans`' attrs the ids of spans that are neither in `spans`
/// nor among the token ids `tokens`.
fn drop_dangling_ids(spans: &mut [Span], tokens: Option<Range<SpanId>>) {
    let top = spans.iter().map(|s| s.id as usize + 1).max().unwrap_or(0);
    let mut kept = vec![false; top];
    for s in spans.iter() {
        kept[s.id as usize] = true;
    }
    let exists = |id: SpanId| tokens.as_ref().is_some_and(|t| t.contains(&id)) || kept.get(id as usize).copied().unwrap_or(false);
    for s in spans.iter_mut() {
        for key in ID_ATTRS {
            let named = match s.attrs.get(key) {
                Some(&Value::Int(id)) => SpanId::try_from(id).ok(),
                _ => continue,
            };
            if !named.is_some_and(exists) {
                s.attrs.remove(key);
            }
        }
    }
}

/// The token spans of `tokens`, ids from `first` on, merged into the sorted `spans`.
fn merge_tokens(spans: Vec<Span>, tokens: &[Token], first: Option<SpanId>) -> Vec<Span> {
    let Some(first) = first else { return spans };
    let mut out = Vec::with_capacity(spans.len() + tokens.len());
    let mut toks = tokens.iter().zip(first..).map(|(t, id)| Span {
        id,
        layer: Layer::Token,
        label: t.kind(),
        start_byte: t.start(),
        end_byte: t.end(),
        attrs: Attrs::new(),
    });
    let mut next_tok = toks.next();
    // Tokens are sorted and never overlap: a merge of two sorted lists.
    for s in spans {
        while let Some(t) = next_tok.take_if(|t| span_order(t, &s).is_lt()) {
            out.push(t);
            next_tok = toks.next();
        }
        out.push(s);
    }
    out.extend(next_tok);
    out.extend(toks);
    out
}

/// One row of the result, without attrs: what the columnar output needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Row {
    /// The span's id.
    pub id: SpanId,
    /// The span's layer.
    pub layer: Layer,
    /// The span's label.
    pub label: Label,
    /// First byte, inclusive.
    pub start_byte: usize,
    /// Last byte, exclusive.
    pub end_byte: usize,
}

impl Row {
    fn key(&self) -> (usize, std::cmp::Reverse<usize>, usize, SpanId) {
        (self.start_byte, std::cmp::Reverse(self.end_byte), self.layer.rank(), self.id)
    }
}

impl From<&Span> for Row {
    fn from(s: &Span) -> Row {
        Row { id: s.id, layer: s.layer, label: s.label, start_byte: s.start_byte, end_byte: s.end_byte }
    }
}

/// A [`Document`] whose token spans are not made yet: the sorted other
/// spans, and the tokens. [`Parts::rows`] walks the spans in the Document's
/// order without building a `Span` per token, which is what the columnar
/// output wants on a long text; [`Parts::into_document`] makes the Document.
#[derive(Clone, Debug)]
pub struct Parts {
    /// Counts over the text.
    pub stats: Stats,
    /// The spans of the requested layers but tokens, sorted as in [`Document::spans`].
    pub spans: Vec<Span>,
    /// The tokens, in order.
    pub tokens: Vec<Token>,
    /// The id of the first token span, when tokens are requested.
    pub first_token_id: Option<SpanId>,
    /// Summaries computed by layers.
    pub summaries: Summaries,
}

impl Parts {
    /// How many spans the Document has.
    pub fn len(&self) -> usize {
        self.spans.len() + if self.first_token_id.is_some() { self.tokens.len() } else { 0 }
    }

    /// Whether the Document has no spans.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Every span as a [`Row`], in the order of [`Document::spans`].
    pub fn rows(&self) -> impl Iterator<Item = Row> + '_ {
        self.rows_with_attrs().map(|(row, _)| row)
    }

    /// Every span as a [`Row`] and its attrs, in the order of
    /// [`Document::spans`]: what [`Parts::into_document`] would hold, without
    /// a `Span` (28 bytes in wasm) per token, so that the object output can
    /// be made straight from the parts.
    pub fn rows_with_attrs(&self) -> impl Iterator<Item = (Row, &Attrs)> + '_ {
        const NONE: &Attrs = &Attrs::new();
        let toks: &[Token] = if self.first_token_id.is_some() { &self.tokens } else { &[] };
        let first = self.first_token_id.unwrap_or(0);
        let mut toks = toks.iter().zip(first..).map(|(t, id)| Row {
            id,
            layer: Layer::Token,
            label: t.kind(),
            start_byte: t.start(),
            end_byte: t.end(),
        });
        let mut spans = self.spans.iter().map(|s| (Row::from(s), &s.attrs));
        let (mut a, mut b) = (spans.next(), toks.next());
        std::iter::from_fn(move || match (a, b) {
            (Some((s, _)), Some(t)) if t.key() < s.key() => {
                b = toks.next();
                Some((t, NONE))
            }
            (Some(s), _) => {
                a = spans.next();
                Some(s)
            }
            (None, Some(t)) => {
                b = toks.next();
                Some((t, NONE))
            }
            (None, None) => None,
        })
    }

    /// The Document, with a `Span` for every token.
    pub fn into_document(self) -> Document {
        let spans = merge_tokens(self.spans, &self.tokens, self.first_token_id);
        Document { stats: self.stats, spans, summaries: self.summaries }
    }
}

#[cfg(test)]
mod tests;
