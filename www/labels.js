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

/** The short text of a span's chip ('' for none). */
export function chipText(span) {
  switch (span.layer) {
    case 'paragraph':
    case 'sentence':
      return '';
    case 'token':
      return ['word', 'punct'].includes(span.label) ? '' : span.label;
    case 'quote':
      return `${span.label} quote`;
    case 'source':
      return span.label === 'anonymous' ? 'anon source' : 'source';
    case 'hedge':
      return 'hedge';
    case 'cue':
      return 'cue';
    default:
      return span.label;
  }
}

/** What a screen reader or a tooltip says about a span. */
export function describe(span) {
  const name = LABEL_NAMES[span.label] ?? span.label;
  return span.layer === 'entity' ? name : `${span.layer}: ${name}`;
}
