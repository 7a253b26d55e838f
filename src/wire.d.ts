// The TypeScript types of what `annotate` and `annotateColumnar` return.
// `src/wasm.rs` puts this file into the generated declaration
// (`typescript_custom_section`) and names these types on the exports
// (`unchecked_return_type`, `unchecked_param_type`). `tests/typescript.rs`
// checks it against the Rust enums (every layer and label wire name, which
// labels each layer uses) and against real output (every attr key and the
// type of its value), so it cannot drift from the wire format silently.
// Format the tests rely on: one `export type` per line; one field per line.

/** A family of spans, by wire name. */
export type Layer = "paragraph" | "sentence" | "quote" | "source" | "entity" | "mention" | "cue" | "hedge" | "token";

/** A token's kind. */
export type TokenLabel = "word" | "number" | "punct" | "symbol" | "emoji" | "url" | "email" | "hashtag" | "handle";
/** An entity's type, OntoNotes-style. */
export type EntityLabel = "PERSON" | "NORP" | "FAC" | "ORG" | "GPE" | "LOC" | "PRODUCT" | "EVENT" | "WORK_OF_ART" | "LAW" | "LANGUAGE" | "DATE" | "TIME" | "PERCENT" | "MONEY" | "QUANTITY" | "ORDINAL" | "CARDINAL";
/** A quote's kind. */
export type QuoteLabel = "direct" | "indirect" | "mixed" | "scare";
/** What introduces speech: a verb of saying or "according to". */
export type CueLabel = "speech_verb" | "attribution";
/** What a source is. */
export type SourceLabel = "named_person" | "named_organization" | "anonymous" | "document";
/** The class of a hedge. */
export type HedgeLabel = "modal" | "epistemic" | "hedging_phrase" | "negated_finality" | "doubt";
/** A mention: a pronoun, or labelled like the entity it names. */
export type MentionLabel = "pronoun" | EntityLabel;
/** What a span is, within its layer: every label's wire name. */
export type Label = "paragraph" | "sentence" | TokenLabel | EntityLabel | QuoteLabel | CueLabel | SourceLabel | HedgeLabel | MentionLabel;

/** The id of a span, unique in its document; attrs refer to spans by it. */
export type SpanId = number;

/** What every span has. Offsets are UTF-16 code units, as JS strings index: `text.slice(start, end)`. */
export interface SpanBase {
  /** Unique in the document. */
  id: SpanId;
  /** First code unit, inclusive. */
  start: number;
  /** Last code unit, exclusive. */
  end: number;
}

/** A paragraph: text between line breaks. */
export interface ParagraphSpan extends SpanBase {
  layer: "paragraph";
  label: "paragraph";
}

/** A sentence inside a paragraph. */
export interface SentenceSpan extends SpanBase {
  layer: "sentence";
  label: "sentence";
}

/** A word, number, punctuation mark or symbol. */
export interface TokenSpan extends SpanBase {
  layer: "token";
  label: TokenLabel;
}

/** A named entity, date or number. */
export interface EntitySpan extends SpanBase {
  layer: "entity";
  label: EntityLabel;
  /** Absent when empty. */
  attrs?: EntityAttrs;
}

/** A quotation or reported speech. */
export interface QuoteSpan extends SpanBase {
  layer: "quote";
  label: QuoteLabel;
  /** Absent when empty. */
  attrs?: QuoteAttrs;
}

/** The words that introduce speech ("said", "according to"). */
export interface CueSpan extends SpanBase {
  layer: "cue";
  label: CueLabel;
}

/** A mention that a claim is attributed to. */
export interface SourceSpan extends SpanBase {
  layer: "source";
  label: SourceLabel;
  /** Absent when empty. */
  attrs?: SourceAttrs;
}

/** A word or phrase that marks uncertainty. */
export interface HedgeSpan extends SpanBase {
  layer: "hedge";
  label: HedgeLabel;
  /** Absent when empty. */
  attrs?: HedgeAttrs;
}

/** A pronoun or other mention resolved to a document entity. */
export interface MentionSpan extends SpanBase {
  layer: "mention";
  label: MentionLabel;
  /** Absent when empty. */
  attrs?: MentionAttrs;
}

/** One standoff annotation; `layer` tells which fields and labels it has. */
export type Span = ParagraphSpan | SentenceSpan | TokenSpan | EntitySpan | QuoteSpan | CueSpan | SourceSpan | HedgeSpan | MentionSpan;

/** Any span's attrs. */
export type SpanAttrs = EntityAttrs | QuoteAttrs | SourceAttrs | HedgeAttrs | MentionAttrs;

/** An entity's normalized value and its links (numbers as written: "3.5 million" is 3500000). */
export interface EntityAttrs {
  /** The entity's id in `Document.entities` ("e1", ...), when coreference ran. */
  entity?: string;
  /** A place's country: its ISO 3166 code, or for a nationality the country's name. */
  country?: string;
  /** For a nationality: the entity id of its country, when the text names it. */
  country_entity?: string;
  /** For a capital used for its government: "<country> government". */
  refers_to?: string;
  /** For an acronym: the long form the text gives. */
  expansion?: string;
  /** CARDINAL, ORDINAL, PERCENT, QUANTITY: the number. */
  value?: number;
  /** A range's upper end ("10 to 12"). */
  to?: number;
  /** MONEY: the number. */
  amount?: number;
  /** MONEY: the ISO 4217 code. */
  currency?: string;
  /** QUANTITY, DATE spans of time: the unit. */
  unit?: string;
  /** "about", "more than", ...: the words that make a number approximate. */
  approx?: string;
  /** DATE: the year. */
  year?: number;
  /** DATE: the month, 1-12. */
  month?: number;
  /** DATE: a range's last month. */
  to_month?: number;
  /** DATE: the day of the month. */
  day?: number;
  /** DATE: a range's last day. */
  to_day?: number;
  /** DATE: the weekday, 1 (Monday) to 7. */
  weekday?: number;
  /** DATE: the decade's first year. */
  decade?: number;
  /** DATE: the century. */
  century?: number;
  /** DATE: the quarter, 1-4. */
  quarter?: number;
  /** DATE: the season's name. */
  season?: string;
  /** DATE: a holiday. */
  holiday?: boolean;
  /** DATE: an age in years. */
  age?: number;
  /** DATE: an ordinal count of units ("the second year"). */
  ordinal?: number;
  /** DATE, TIME: relative to when the text was written ("yesterday", "last week"). */
  relative?: boolean;
  /** DATE or TIME: the ISO 8601 form, when the text gives all of it. */
  iso?: string;
  /** TIME: the hour, 0-23. */
  hour?: number;
  /** TIME: the minute. */
  minute?: number;
  /** TIME: a minute of play in a match ("in the 89th minute"). */
  minute_of_play?: number;
  /** TIME: the time zone as written. */
  zone?: string;
  /** CARDINAL: a match score ("2-1"). */
  score?: string;
}

/** Who a quote is attributed to, and how. */
export interface QuoteAttrs {
  /** The quote's kind (its label). */
  kind?: QuoteLabel;
  /** The id of its cue span (absent when the `cue` layer was not asked for). */
  cue?: SpanId;
  /** The id of its source span (absent when the `source` layer was not asked for). */
  speaker?: SpanId;
  /** The speaker's name. */
  speaker_name?: string;
  /** The speaker's kind (the source span's label). */
  source_kind?: SourceLabel;
  /** The speaker's entity id in `Document.entities`. */
  speaker_entity?: string;
  /** Quotes that are one utterance split by a cue share a group number. */
  group?: number;
}

/** What a source is. */
export interface SourceAttrs {
  /** The source's kind (its label). */
  kind?: SourceLabel;
  /** The name it goes by (a pronoun's antecedent name, a role noun's phrase). */
  name?: string;
  /** Its role ("spokesman", "official"), singular. */
  role?: string;
  /** Whose side it speaks for ("Sen.", "Iraqi", "police"). */
  affiliation?: string;
  /** The id of the entity or mention span it is (absent when that layer was not asked for). */
  entity_span?: SpanId;
  /** Its entity id in `Document.entities`. */
  entity?: string;
  /** The source is a pronoun. */
  pronoun?: boolean;
}

/** A hedge's class. */
export interface HedgeAttrs {
  /** The class (its label). */
  class?: HedgeLabel;
}

/** What a mention refers to. */
export interface MentionAttrs {
  /** Its entity id in `Document.entities`. */
  entity?: string;
  /** The id of the span it was resolved to (absent when that span's layer was not asked for). */
  antecedent?: SpanId;
  /** How sure the resolution is, 0-1. */
  confidence?: number;
  /** For an acronym: the long form. */
  expansion?: string;
  /** For a capital used for its government: "<country> government". */
  refers_to?: string;
  /** With `refers_to`: the entity id of the country. */
  country_entity?: string;
}

/** Counts over the whole text. */
export interface Stats {
  /** Unicode code points. */
  chars: number;
  /** Whitespace-separated words that contain a letter or digit. */
  words: number;
  sentences: number;
  paragraphs: number;
  /** Minutes to read at 230 words a minute, rounded up; 0 for no words. */
  reading_minutes: number;
}

/** One document entity: a chain of mentions (the coreference layer's summary). */
export interface EntityCard {
  /** The long form, when the entity is named by an acronym too. */
  acronym?: string;
  /** For a nationality: the country's name. */
  country?: string;
  /** For a nationality: the id of the country's entity, when the text names the country. */
  country_entity?: string;
  /** The span id of the first mention. */
  first_mention: SpanId;
  /** For a person, when a given name or a pronoun tells. */
  gender?: "male" | "female";
  /** "e1", "e2", ... numbered by first mention. */
  id: string;
  /** The span ids of every mention, in text order. */
  mentions: SpanId[];
  /** The fullest form used. */
  name: string;
  /** For a capital used for its government: "<country> government". */
  refers_to?: string;
  /** How central the entity is to the text. */
  salience: number;
  /** The entity's label. */
  type: EntityLabel;
}

/** One source in `Sourcing.sources`. */
export interface SourcingSource {
  name: string;
  kind: SourceLabel;
  role: string | null;
  affiliation: string | null;
  mentions: number;
  quotes: number;
  quoted_words: number;
}

/** Who the text quotes and how openly (the quote layer's summary). */
export interface Sourcing {
  distinct_sources: number;
  named: number;
  named_people: number;
  named_organizations: number;
  anonymous: number;
  documents: number;
  /** Quotes by kind. */
  quotes: Partial<Record<QuoteLabel, number>>;
  unattributed_quotes: number;
  sentences: number;
  anonymous_sentences: number;
  /** anonymous_sentences / sentences. */
  anonymous_sentence_share: number;
  sources: SourcingSource[];
}

/** What `annotate` returns. */
export interface Document {
  /** The newslens version that made it. */
  version: string;
  stats: Stats;
  /** Sorted by start, containing spans first. */
  spans: Span[];
  /** Document entities, most salient first; present when entities, mentions, quotes, cues or sources were computed. */
  entities?: EntityCard[];
  /** Present when quotes, cues or sources were computed. */
  sourcing?: Sourcing;
}

/** What `annotateColumnar` returns: the spans of `annotate`, in its order, as typed-array columns. */
export interface ColumnarDocument {
  version: string;
  stats: Stats;
  entities?: EntityCard[];
  sourcing?: Sourcing;
  /** `layer_names[columns.layer[i]]` is span i's layer. */
  layer_names: Layer[];
  /** `label_names[columns.label[i]]` is span i's label. */
  label_names: Label[];
  columns: {
    id: Uint32Array;
    layer: Uint8Array;
    label: Uint8Array;
    start: Uint32Array;
    end: Uint32Array;
  };
  /** The attrs of the spans that have any, by span id. */
  attrs: Record<string, SpanAttrs>;
}

/** Options for `annotate`. */
export interface Options {
  /** The layers to return (default: all). Layers that others depend on are still computed. */
  layers?: Layer[];
}
