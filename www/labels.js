// What the page knows about layers and labels: order, names, defaults.
//
// Mirrors the Layer and Label enums of src/doc.rs (wire names). Colours live
// in style.css, keyed by data-label, so that this file stays about meaning.

/** Layers in the order the toggles show them, with what each one is. */
export const LAYERS = [
  { name: 'paragraph', title: 'Paragraphs', on: true },
  { name: 'sentence', title: 'Sentences', on: true },
  { name: 'entity', title: 'Entities', on: true },
  { name: 'mention', title: 'Mentions', on: true },
  { name: 'quote', title: 'Quotes', on: true },
  { name: 'cue', title: 'Speech cues', on: true },
  { name: 'source', title: 'Sources', on: true },
  { name: 'hedge', title: 'Hedges', on: true },
  { name: 'token', title: 'Tokens', on: false },
];

/** Human names for labels; a label not listed is shown as it is. */
export const LABEL_NAMES = {
  PERSON: 'person', NORP: 'nationality, religious or political group', FAC: 'facility',
  ORG: 'organisation', GPE: 'country, city or state', LOC: 'location', PRODUCT: 'product',
  EVENT: 'event', WORK_OF_ART: 'work of art', LAW: 'law', LANGUAGE: 'language',
  DATE: 'date', TIME: 'time', PERCENT: 'percentage', MONEY: 'money', QUANTITY: 'quantity',
  ORDINAL: 'ordinal', CARDINAL: 'number',
  direct: 'direct quote', indirect: 'indirect quote', mixed: 'mixed quote', scare: 'scare quote',
  speech_verb: 'speech verb', attribution: 'attribution',
  named_person: 'named person', named_organization: 'named organisation',
  anonymous: 'anonymous source', document: 'document',
  modal: 'modal hedge', epistemic: 'epistemic hedge', hedging_phrase: 'hedging phrase',
  negated_finality: 'not final', doubt: 'doubt', pronoun: 'pronoun',
  word: 'word', number: 'number', punct: 'punctuation', symbol: 'symbol', emoji: 'emoji',
  url: 'web address', email: 'e-mail address', hashtag: 'hashtag', handle: 'handle',
  paragraph: 'paragraph', sentence: 'sentence',
};

/** Layers whose labels get a per-label filter in the legend. */
export const LABELLED = ['entity', 'mention', 'quote', 'cue', 'source', 'hedge'];

/**
 * The short text of a span's chip ('' for none). Entities show their label
 * (as displaCy does); a quote shows who said it; an anonymous source says so.
 * Cues and hedges are drawn by their underline and explained by the legend
 * and the card, so they carry no chip.
 */
export function chipText(span) {
  switch (span.layer) {
    case 'entity':
      return span.label;
    case 'mention':
      return span.label === 'pronoun' ? '' : span.label;
    case 'quote': {
      if (span.label === 'scare') return 'scare quotes';
      const who = span.attrs?.speaker_name;
      return who ? `— ${who}` : `${span.label} quote`;
    }
    case 'source':
      return span.label === 'anonymous' ? 'anon' : '';
    case 'token':
      return ['word', 'punct'].includes(span.label) ? '' : span.label;
    default:
      return '';
  }
}

/** What a span is, in words: "person", "direct quote", "hedge: modal". */
export function describe(span) {
  const name = LABEL_NAMES[span.label] ?? span.label;
  switch (span.layer) {
    case 'entity': return name;
    case 'quote': return name;
    case 'source': return `source: ${name}`;
    case 'cue': return `speech cue: ${name}`;
    case 'hedge': return `hedge: ${name}`;
    case 'mention': return `mention: ${name}`;
    default: return `${span.layer}: ${name}`;
  }
}
