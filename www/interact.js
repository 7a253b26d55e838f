// Cards, keyboard stepping, entity selection and quote-to-speaker links.
//
// The article is one tab stop; inside it, keys move the focus between
// highlights (roving focus with tabindex=-1), so a keyboard user is not made
// to tab through hundreds of marks:
//   → / j, ← / k   next / previous highlight of any kind
//   e q s h c      next entity, quote, source, hedge, speech cue (Shift: previous)
//   n / p          next / previous mention of the same entity
//   Enter          highlight every mention of the entity (on a quote: go to its speaker)
//   Escape         clear the selection and close the card
// The focused or hovered highlight gets a card (label, canonical name, mention
// i of n with previous/next buttons; for a quote its speaker, cue and whether
// the source is named) and a polite live announcement. A quote and its
// speaker are tied by a curve drawn in an SVG overlay.

import { LABEL_NAMES, describe } from './labels.js';

const HEDGE_NOTES = {
  modal: 'A modal verb: the claim is possible, not stated as fact.',
  epistemic: 'Marks the claim as likely, possible or reported, not established.',
  hedging_phrase: 'A phrase that softens the claim.',
  negated_finality: 'Says that something is not settled.',
  doubt: 'Someone expresses doubt about the claim.',
};
const KEY_LAYERS = { e: 'entity', q: 'quote', s: 'source', h: 'hedge', c: 'cue' };

export function setupInteraction({ article, card, links, announce, panel, get }) {
  const wrap = article.parentElement;
  let current = null;
  let selected = '';
  let hideTimer = 0;

  const esc = (v) => CSS.escape(String(v));
  const spanOf = (el) => get().spanById.get(Number(el?.dataset.id));
  const textOf = (span) => (span ? get().docText.slice(span.start, span.end) : '');
  const markOf = (id) => article.querySelector(`mark.nav[data-id="${esc(id)}"]:not(.cut-start)`);
  const heads = (filter = '') => Array.from(article.querySelectorAll(`mark.nav${filter}:not(.cut-start)`));
  const say = (msg) => { announce.textContent = ''; announce.textContent = msg; };

  /** The first fragment of the highlight `el` belongs to. */
  function head(el) {
    if (!el.classList.contains('cut-start')) return el;
    return markOf(el.dataset.id) ?? el;
  }

  function focusMark(el) {
    if (!el) return;
    el = head(el);
    el.tabIndex = -1;
    el.focus({ preventScroll: true });
    el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    showCard(el);
  }

  /** Focuses the highlight `dir` steps from `from` (default: the focused one) in `list`, wrapping. */
  function step(list, dir, from = null) {
    if (!list.length) return null;
    const active = document.activeElement;
    from = from ?? (active instanceof Element && article.contains(active) && active !== article ? head(active) : null);
    let i = from ? list.indexOf(from) : -1;
    if (i < 0 && from) {
      // Not in this list: the first one after (or before) the focus in document order.
      i = list.findIndex((el) => from.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
      if (i < 0) i = list.length;
      i = dir > 0 ? i - 1 : i;
    }
    const next = list[(i + dir + list.length) % list.length];
    focusMark(next);
    return next;
  }

  function entityName(key, el) {
    const card = get().entityById.get(String(key));
    return card?.name ?? textOf(spanOf(el));
  }

  function mentionsOf(key) {
    return heads(`[data-entity="${esc(key)}"]:is(.l-entity, .l-mention)`);
  }

  function select(key, { focus = false } = {}) {
    for (const el of article.querySelectorAll('mark.selected')) el.classList.remove('selected');
    for (const b of panel.querySelectorAll('[data-entity][aria-pressed]')) b.setAttribute('aria-pressed', 'false');
    selected = key;
    if (!key) return;
    const all = article.querySelectorAll(`mark[data-entity="${esc(key)}"]:is(.l-entity, .l-mention)`);
    for (const el of all) el.classList.add('selected');
    for (const b of panel.querySelectorAll(`[data-entity="${esc(key)}"]`)) b.setAttribute('aria-pressed', 'true');
    const list = mentionsOf(key);
    const name = get().entityById.get(key)?.name ?? (list[0] ? textOf(spanOf(list[0])) : key);
    say(list.length ? `${list.length} ${list.length === 1 ? 'mention' : 'mentions'} of ${name} highlighted` : `${name} is hidden by the filters`);
    if (focus && list[0]) focusMark(list[0]);
  }

  // ---- the card ----------------------------------------------------------

  function row(term, value) {
    const dt = document.createElement('dt');
    dt.textContent = term;
    const dd = document.createElement('dd');
    dd.textContent = value;
    return [dt, dd];
  }

  function button(action, text, label) {
    const b = document.createElement('button');
    b.type = 'button';
    b.dataset.action = action;
    b.textContent = text;
    if (label) b.setAttribute('aria-label', label);
    return b;
  }

  function cardContent(el, span) {
    const state = get();
    const title = document.createElement('h3');
    const kind = document.createElement('p');
    kind.className = 'card-kind';
    kind.textContent = describe(span);
    const facts = document.createElement('dl');
    const actions = document.createElement('div');
    actions.className = 'card-actions';
    let summary = describe(span);

    if (span.layer === 'entity' || span.layer === 'mention') {
      const key = el.dataset.entity ?? '';
      const list = key ? mentionsOf(key) : [el];
      const i = Math.max(0, list.indexOf(el));
      const entity = state.entityById.get(key);
      const name = entityName(key, el);
      title.textContent = name;
      if (entity?.type) kind.textContent = `${LABEL_NAMES[entity.type] ?? entity.type} (${entity.type})`;
      if (span.layer === 'mention') facts.append(...row('Refers to', name), ...row('Written', textOf(span)));
      facts.append(...row('Mention', `${i + 1} of ${list.length}`));
      for (const [k, v] of Object.entries(span.attrs ?? {})) {
        if (['entity', 'country_entity', 'antecedent', 'entity_span'].includes(k) || v === null || typeof v === 'object') continue;
        facts.append(...row(k.replace(/_/g, ' '), typeof v === 'number' ? v.toLocaleString('en') : String(v)));
      }
      if (entity?.acronym) facts.append(...row('Acronym', String(entity.acronym)));
      actions.append(button('prev', '◀ Previous', `Previous mention of ${name}`), button('next', 'Next ▶', `Next mention of ${name}`),
        button('select', selected === key ? 'Clear' : 'Highlight all', selected === key ? 'Clear the highlight' : `Highlight every mention of ${name}`));
      summary = `${kind.textContent}: ${name}, mention ${i + 1} of ${list.length}`;
    } else if (span.layer === 'quote') {
      title.textContent = LABEL_NAMES[span.label] ?? span.label;
      const speaker = state.spanById.get(span.attrs?.speaker);
      const who = span.attrs?.speaker_name ?? (speaker ? textOf(speaker) : '');
      const cue = state.spanById.get(span.attrs?.cue);
      const sourceKind = span.attrs?.source_kind ?? speaker?.label;
      facts.append(...row('Speaker', who || 'not found'));
      if (cue) facts.append(...row('Cue', textOf(cue)));
      if (sourceKind) facts.append(...row('Source', sourceKind === 'anonymous' ? 'anonymous' : (LABEL_NAMES[sourceKind] ?? sourceKind)));
      facts.append(...row('Words', String(textOf(span).split(/\s+/).filter(Boolean).length)));
      if (speaker) actions.append(button('speaker', 'Go to speaker'));
      summary = `${title.textContent}${who ? ` by ${who}` : ''}${sourceKind === 'anonymous' ? ', anonymous source' : ''}`;
    } else if (span.layer === 'source') {
      title.textContent = String(span.attrs?.name ?? textOf(span));
      const quotes = state.doc.spans.filter((q) => q.layer === 'quote' && q.attrs?.speaker === span.id);
      for (const k of ['role', 'affiliation']) if (span.attrs?.[k]) facts.append(...row(k, String(span.attrs[k])));
      facts.append(...row('Quotes', String(quotes.length)));
      if (quotes.length) actions.append(button('quote', 'Go to quote'));
      summary = `${describe(span)}: ${title.textContent}, ${quotes.length} ${quotes.length === 1 ? 'quote' : 'quotes'}`;
    } else if (span.layer === 'hedge') {
      title.textContent = textOf(span);
      facts.append(...row('Why', HEDGE_NOTES[span.label] ?? 'Marks uncertainty.'));
      summary = `${describe(span)}, ${textOf(span)}`;
    } else {
      title.textContent = textOf(span);
      if (span.layer === 'cue') {
        const quotes = state.doc.spans.filter((q) => q.layer === 'quote' && q.attrs?.cue === span.id);
        facts.append(...row('Introduces', `${quotes.length} ${quotes.length === 1 ? 'quote' : 'quotes'}`));
        if (quotes.length) actions.append(button('quote', 'Go to quote'));
      }
    }
    const outer = el.parentElement?.closest('mark.l-quote');
    if (outer && span.layer !== 'quote') {
      const q = spanOf(outer);
      const who = q?.attrs?.speaker_name;
      facts.append(...row('Inside', `${LABEL_NAMES[q?.label] ?? 'a quote'}${who ? ` by ${who}` : ''}`));
    }
    return { nodes: [kind, title, facts, actions], summary };
  }

  function showCard(el) {
    const span = spanOf(el);
    if (!span) return;
    clearTimeout(hideTimer);
    if (current && current !== el) current.removeAttribute('aria-describedby');
    current = el;
    const { nodes, summary } = cardContent(el, span);
    card.replaceChildren(...nodes);
    card.hidden = false;
    card.dataset.for = String(span.id);
    card.dataset.layer = span.layer;
    card.setAttribute('aria-label', `Details: ${summary}`);
    if (document.activeElement === el) {
      el.setAttribute('aria-describedby', 'card');
      say(summary);
    }
    place(el);
    drawLinks(el, span);
  }

  function place(el) {
    const box = wrap.getBoundingClientRect();
    const rects = el.getClientRects();
    const r = rects[rects.length - 1] ?? el.getBoundingClientRect();
    const width = Math.min(card.offsetWidth || 300, box.width);
    const left = Math.max(0, Math.min(r.left - box.left, box.width - width));
    card.style.left = `${left}px`;
    // Below the highlight, or above it when the window has no room below.
    const height = card.offsetHeight || 160;
    const below = r.bottom + 6 + height <= window.innerHeight || r.top - height - 6 < 0;
    card.style.top = `${below ? r.bottom - box.top + 6 : r.top - box.top - height - 6}px`;
  }

  function hideCard() {
    card.hidden = true;
    current?.removeAttribute('aria-describedby');
    current = null;
    links.replaceChildren();
    for (const el of article.querySelectorAll('mark.linked')) el.classList.remove('linked');
  }

  function drawLinks(el, span) {
    links.replaceChildren();
    for (const x of article.querySelectorAll('mark.linked')) x.classList.remove('linked');
    const state = get();
    let targets = [];
    if (span.layer === 'quote') targets = [span.attrs?.speaker, span.attrs?.cue];
    else if (span.layer === 'source') targets = state.doc.spans.filter((q) => q.layer === 'quote' && q.attrs?.speaker === span.id).map((q) => q.id);
    else if (span.layer === 'cue') targets = state.doc.spans.filter((q) => q.layer === 'quote' && q.attrs?.cue === span.id).map((q) => q.id);
    const box = wrap.getBoundingClientRect();
    links.setAttribute('width', String(box.width));
    links.setAttribute('height', String(box.height));
    links.setAttribute('viewBox', `0 0 ${box.width} ${box.height}`);
    const from = el.getClientRects()[0] ?? el.getBoundingClientRect();
    for (const id of targets) {
      if (id === undefined || id === null) continue;
      const target = markOf(id);
      if (!target) continue;
      target.classList.add('linked');
      const to = target.getClientRects()[0] ?? target.getBoundingClientRect();
      const x1 = from.left - box.left + Math.min(12, from.width / 2);
      const y1 = from.top - box.top;
      const x2 = to.left - box.left + Math.min(12, to.width / 2);
      const y2 = to.top - box.top;
      const lift = Math.max(18, Math.abs(x2 - x1) / 6);
      const path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
      path.setAttribute('d', `M ${x1} ${y1} C ${x1} ${Math.min(y1, y2) - lift}, ${x2} ${Math.min(y1, y2) - lift}, ${x2} ${y2}`);
      path.setAttribute('class', target.classList.contains('l-cue') ? 'link cue' : 'link');
      links.append(path);
    }
  }

  // ---- events ------------------------------------------------------------

  // A focused highlight pins the card: hovering previews others only when none is focused.
  const pinned = () => {
    const a = document.activeElement;
    return a instanceof Element && (card.contains(a) || (article.contains(a) && a.matches('mark.nav')));
  };

  article.addEventListener('mouseover', (event) => {
    if (pinned()) return;
    const el = event.target instanceof Element ? event.target.closest('mark.nav') : null;
    if (el && el !== current) showCard(head(el));
  });
  // Leaving with the pointer hides a hover card, never one pinned by focus.
  article.addEventListener('mouseleave', () => {
    hideTimer = setTimeout(() => { if (!card.matches(':hover') && !pinned()) hideCard(); }, 400);
  });
  card.addEventListener('mouseleave', () => {
    hideTimer = setTimeout(() => { if (!article.matches(':hover') && !pinned()) hideCard(); }, 400);
  });
  card.addEventListener('mouseenter', () => clearTimeout(hideTimer));

  article.addEventListener('focusin', (event) => {
    const el = event.target instanceof Element ? event.target.closest('mark.nav') : null;
    if (el) showCard(el);
  });
  article.addEventListener('focusout', (event) => {
    const to = event.relatedTarget;
    if (to instanceof Node && (card.contains(to) || article.contains(to))) return;
    hideTimer = setTimeout(hideCard, 150);
  });
  card.addEventListener('focusout', (event) => {
    const to = event.relatedTarget;
    if (to instanceof Node && (card.contains(to) || article.contains(to))) return;
    hideTimer = setTimeout(hideCard, 150);
  });

  article.addEventListener('click', (event) => {
    const el = event.target instanceof Element ? event.target.closest('mark.nav') : null;
    if (el) focusMark(el);
  });

  card.addEventListener('click', (event) => {
    const b = event.target instanceof Element ? event.target.closest('button[data-action]') : null;
    if (!b || !current) return;
    const el = current;
    const span = spanOf(el);
    const key = el.dataset.entity ?? '';
    switch (b.dataset.action) {
      case 'prev': step(mentionsOf(key), -1, el) ?? focusMark(el); break;
      case 'next': step(mentionsOf(key), 1, el) ?? focusMark(el); break;
      case 'select': select(selected === key ? '' : key); focusMark(el); break;
      case 'speaker': focusMark(markOf(span?.attrs?.speaker)); break;
      case 'quote': {
        const q = get().doc.spans.find((x) => x.layer === 'quote' && (x.attrs?.speaker === span.id || x.attrs?.cue === span.id));
        focusMark(q ? markOf(q.id) : null);
        break;
      }
      default:
    }
  });

  article.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const focused = document.activeElement instanceof HTMLElement && document.activeElement.matches('mark.nav') ? document.activeElement : null;
    const key = event.key;
    const lower = key.toLowerCase();
    let handled = true;
    if (key === 'ArrowRight' || key === 'j') step(heads(), 1);
    else if (key === 'ArrowLeft' || key === 'k') step(heads(), -1);
    else if (KEY_LAYERS[lower]) step(heads(`.l-${KEY_LAYERS[lower]}`), event.shiftKey ? -1 : 1);
    else if (lower === 'n' || lower === 'p') {
      const ent = focused?.dataset.entity || selected;
      if (ent) step(mentionsOf(ent), lower === 'n' ? 1 : -1); else say('Focus an entity first');
    } else if (key === 'Enter' && focused) {
      const span = spanOf(focused);
      if (focused.dataset.entity && (span?.layer === 'entity' || span?.layer === 'mention')) select(selected === focused.dataset.entity ? '' : focused.dataset.entity);
      else if (span?.layer === 'quote' && span.attrs?.speaker !== undefined) focusMark(markOf(span.attrs.speaker));
      else handled = false;
    } else if (key === 'Escape') {
      select('');
      hideCard();
      article.focus();
    } else handled = false;
    if (handled) event.preventDefault();
  });

  panel.addEventListener('click', (event) => {
    const b = event.target instanceof Element ? event.target.closest('button') : null;
    if (!b) return;
    if (b.dataset.entity !== undefined) {
      select(selected === b.dataset.entity ? '' : b.dataset.entity, { focus: selected !== b.dataset.entity });
    } else if (b.dataset.goto !== undefined) {
      const el = markOf(b.dataset.goto);
      if (el) focusMark(el); else say('That highlight is hidden by the filters');
    }
  });

  window.addEventListener('resize', () => { if (current && !card.hidden) { place(current); drawLinks(current, spanOf(current)); } });

  return {
    /** A new render replaced the marks: forget the old ones. */
    reset() { hideCard(); },
    /** The render is complete: put the selection back. */
    restore() { if (selected) { const keep = selected; select(keep); } },
    select,
    focusMark,
  };
}
