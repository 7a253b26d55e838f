// The side panel: who is in the story, who speaks, on whose word it rests,
// how sure it is, and how long it is.
//
// Built from the Document alone: the `entities` summary (coref's cards, with
// salience) when present, else entity spans grouped by label and text; the
// `sourcing` summary when present, else counts of source spans. A panel for a
// layer the Document lacks says so instead of showing an empty box. Buttons
// carry `data-entity` (select all mentions) or `data-goto` (a span id); the
// clicks are handled in interact.js. Long lists are capped so a 1 MB
// article does not build tens of thousands of buttons.

import { LABEL_NAMES } from './labels.js';

const TYPE_ORDER = ['PERSON', 'ORG', 'GPE', 'NORP', 'LOC', 'FAC', 'EVENT', 'LAW', 'PRODUCT', 'WORK_OF_ART',
  'LANGUAGE', 'DATE', 'TIME', 'MONEY', 'PERCENT', 'QUANTITY', 'CARDINAL', 'ORDINAL'];
const MAX_ITEMS = 60;

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'class') node.className = v;
    else if (k.startsWith('data-') || k.startsWith('aria-')) node.setAttribute(k, v);
    else node[k] = v;
  }
  for (const c of children) if (c !== null && c !== undefined) node.append(c);
  return node;
}

function section(id, title, ...body) {
  return el('section', { class: 'panel-section', id, 'aria-labelledby': `${id}-h` },
    el('h2', { id: `${id}-h` }, title), ...body);
}

function excerpt(text, n = 90) {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > n ? `${t.slice(0, n - 1)}…` : t;
}

function more(total, shown) {
  return total > shown ? el('p', { class: 'muted' }, `and ${total - shown} more`) : null;
}

/** The cast: one entry per document entity, grouped by type. */
export function castOf({ text, doc, entityKey }) {
  const spans = doc.spans.filter((s) => s.layer === 'entity' || s.layer === 'mention');
  if (Array.isArray(doc.entities) && doc.entities.length) {
    return doc.entities.map((e) => ({
      key: String(e.id), name: String(e.name ?? ''), type: String(e.type ?? ''),
      count: Array.isArray(e.mentions) ? e.mentions.length : 0, salience: Number(e.salience ?? 0),
    }));
  }
  const byKey = new Map();
  spans.forEach((s, i) => {
    if (s.layer !== 'entity') return;
    const key = entityKey(s, text);
    const entry = byKey.get(key) ?? { key, name: text.slice(s.start, s.end), type: s.label, count: 0, salience: 0, first: i };
    entry.count++;
    entry.salience = entry.count + 1 - entry.first / Math.max(1, spans.length);
    byKey.set(key, entry);
  });
  return [...byKey.values()];
}

function castSection(ctx) {
  const cast = castOf(ctx);
  if (!cast.length) {
    const has = ctx.doc.spans.some((s) => s.layer === 'entity');
    return section('p-cast', 'Cast', el('p', { class: 'muted' }, has ? 'No entities.' : 'No entity layer in this result.'));
  }
  const groups = new Map();
  for (const c of cast) {
    if (!groups.has(c.type)) groups.set(c.type, []);
    groups.get(c.type).push(c);
  }
  const rank = (t) => { const i = TYPE_ORDER.indexOf(t); return i < 0 ? TYPE_ORDER.length : i; };
  const parts = [...groups.entries()].sort((a, b) => rank(a[0]) - rank(b[0])).map(([type, list]) => {
    list.sort((a, b) => b.salience - a.salience || b.count - a.count);
    const items = list.slice(0, MAX_ITEMS).map((c) => el('li', {},
      el('button', { type: 'button', class: 'cast-item', 'data-entity': c.key, 'data-type': type, 'aria-pressed': 'false' },
      el('span', { class: 'cast-name' }, c.name), el('span', { class: 'count' }, String(c.count)),
      el('span', { class: 'visually-hidden' }, c.count === 1 ? ' mention' : ' mentions'))));
    const total = list.reduce((n, c) => n + c.count, 0);
    return el('div', { class: 'cast-group' },
      el('h3', {}, el('span', { class: 'swatch l-entity', 'data-label': type, 'aria-hidden': 'true' }, type),
        ` ${LABEL_NAMES[type] ?? type} `, el('span', { class: 'count' }, `${list.length} · ${total} mentions`)),
      el('ul', { class: 'cast' }, ...items), more(list.length, items.length));
  });
  return section('p-cast', 'Cast', el('p', { class: 'muted hint' }, 'Sorted by salience; pick one to highlight every mention.'), ...parts);
}

function quotesSection({ text, doc, spanById }) {
  const quotes = doc.spans.filter((s) => s.layer === 'quote' && s.label !== 'scare');
  if (!quotes.length) {
    const has = doc.spans.some((s) => s.layer === 'quote');
    return section('p-quotes', 'Quotes', el('p', { class: 'muted' }, has ? 'Only scare quotes.' : 'No quotes found.'));
  }
  const items = quotes.slice(0, MAX_ITEMS).map((q) => {
    const speaker = q.attrs?.speaker_name ?? (spanById.get(q.attrs?.speaker) ? text.slice(spanById.get(q.attrs.speaker).start, spanById.get(q.attrs.speaker).end) : 'no speaker found');
    const anon = q.attrs?.source_kind === 'anonymous';
    return el('li', { class: `quote-item q-${q.label}` },
      el('button', { type: 'button', 'data-goto': String(q.id) },
        el('span', { class: 'who' }, speaker),
        anon ? el('span', { class: 'tag anon' }, 'anonymous') : null,
        el('span', { class: 'tag' }, LABEL_NAMES[q.label] ?? q.label),
        el('span', { class: 'what' }, excerpt(text.slice(q.start, q.end)))));
  });
  return section('p-quotes', `Quotes (${quotes.length})`, el('ol', { class: 'quotes' }, ...items), more(quotes.length, items.length));
}

function pct(x) {
  return `${Math.round(x * 100)}%`;
}

function sourcingSection({ doc }) {
  const s = doc.sourcing;
  const sources = doc.spans.filter((x) => x.layer === 'source');
  if (!s || typeof s !== 'object') {
    if (!sources.length) return section('p-sourcing', 'Sourcing', el('p', { class: 'muted' }, 'No sources found.'));
    const anon = sources.filter((x) => x.label === 'anonymous').length;
    return section('p-sourcing', 'Sourcing', el('p', {}, `${sources.length - anon} named, ${anon} anonymous source mentions.`));
  }
  const list = Array.isArray(s.sources) ? s.sources : [];
  const quotedWords = list.reduce((n, r) => n + (Number(r.quoted_words) || 0), 0);
  const words = Number(doc.stats?.words) || 0;
  const dl = el('dl', { class: 'facts' },
    el('dt', {}, 'Sources'), el('dd', {}, String(s.distinct_sources ?? list.length)),
    el('dt', {}, 'Named'), el('dd', {}, `${s.named ?? 0} (${s.named_people ?? 0} people, ${s.named_organizations ?? 0} organisations)`),
    el('dt', {}, 'Anonymous'), el('dd', { class: s.anonymous ? 'warn' : '' }, String(s.anonymous ?? 0)),
    el('dt', {}, 'Documents'), el('dd', {}, String(s.documents ?? 0)),
    el('dt', {}, 'Sentences on anonymous word'), el('dd', {}, `${s.anonymous_sentences ?? 0} of ${s.sentences ?? 0} (${pct(Number(s.anonymous_sentence_share) || 0)})`),
    el('dt', {}, 'Quoted words'), el('dd', {}, words ? `${quotedWords} of ${words} (${pct(quotedWords / words)})` : String(quotedWords)),
    el('dt', {}, 'Unattributed quotes'), el('dd', {}, String(s.unattributed_quotes ?? 0)));
  const rows = list.slice(0, MAX_ITEMS).map((r) => el('tr', {},
    el('th', { scope: 'row' }, String(r.name ?? ''), r.role ? el('span', { class: 'muted' }, ` · ${r.role}`) : null),
    el('td', {}, r.kind === 'anonymous' ? el('span', { class: 'tag anon' }, 'anonymous') : (LABEL_NAMES[r.kind] ?? String(r.kind ?? ''))),
    el('td', { class: 'num' }, String(r.quotes ?? 0)),
    el('td', { class: 'num' }, String(r.quoted_words ?? 0))));
  const table = list.length ? el('table', { class: 'sources' },
    el('caption', {}, 'Quotes per source'),
    el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Source'), el('th', { scope: 'col' }, 'Kind'),
      el('th', { scope: 'col' }, 'Quotes'), el('th', { scope: 'col' }, 'Words'))),
    el('tbody', {}, ...rows)) : null;
  return section('p-sourcing', 'Sourcing', dl, table, more(list.length, rows.length));
}

function hedgesSection({ text, doc }) {
  const hedges = doc.spans.filter((s) => s.layer === 'hedge');
  if (!hedges.length) return section('p-hedges', 'Hedges', el('p', { class: 'muted' }, 'No hedges found.'));
  const items = hedges.slice(0, MAX_ITEMS).map((h) => el('li', {},
    el('button', { type: 'button', 'data-goto': String(h.id) },
      el('span', { class: 'what' }, excerpt(text.slice(h.start, h.end), 40)),
      el('span', { class: 'tag' }, LABEL_NAMES[h.label] ?? h.label))));
  return section('p-hedges', `Hedges (${hedges.length})`, el('ul', { class: 'hedges' }, ...items), more(hedges.length, items.length));
}

function statsSection({ doc }) {
  const s = doc.stats ?? {};
  const count = (layer) => doc.spans.filter((x) => x.layer === layer).length;
  return section('p-stats', 'Statistics', el('dl', { class: 'facts' },
    el('dt', {}, 'Words'), el('dd', {}, String(s.words ?? 0)),
    el('dt', {}, 'Sentences'), el('dd', {}, String(s.sentences ?? 0)),
    el('dt', {}, 'Paragraphs'), el('dd', {}, String(s.paragraphs ?? 0)),
    el('dt', {}, 'Characters'), el('dd', {}, String(s.chars ?? 0)),
    el('dt', {}, 'Reading time'), el('dd', {}, `${s.reading_minutes ?? 0} min`),
    el('dt', {}, 'Entities'), el('dd', {}, String(count('entity'))),
    el('dt', {}, 'Quotes'), el('dd', {}, String(count('quote'))),
    el('dt', {}, 'Hedges'), el('dd', {}, String(count('hedge')))));
}

/** Rebuilds the panel for a new Document. */
export function drawPanel(container, ctx) {
  container.replaceChildren(castSection(ctx), quotesSection(ctx), sourcingSection(ctx), hedgesSection(ctx), statsSection(ctx));
}
