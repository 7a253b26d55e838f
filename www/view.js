// The annotated article and its controls: the layer toggles, the legend
// (which doubles as the per-label filter), the statistics line, the side
// panel (panel.js), the theme, and the cards and keyboard walk over the
// highlights (interact.js).
//
// Layer and label filters redraw from the cached Document without asking
// the annotator again (except the token layer, only requested when shown,
// since a 1 MB article has ~200 000 tokens). The article is drawn by
// render.js in time slices that wait while the user types. Article text
// reaches the DOM only as text nodes.

import { render } from './render.js';
import { LAYERS, LABELLED, LABEL_NAMES, chipText } from './labels.js';
import { drawPanel } from './panel.js';
import { setupInteraction } from './interact.js';

const $ = (id) => document.getElementById(id);

/**
 * Sets up the view over `state` (the page's: doc, docText, hidden layers and
 * labels, ...). `hold()` is the time until which drawing pauses (the user is
 * typing); `onNeedTokens()` asks for the text again with the token layer;
 * `save(key, value)` remembers a setting.
 * @param {{ state: object, hold: () => number, onNeedTokens: () => void, save: (key: string, value: unknown) => void, load: (key: string, fallback: unknown) => unknown }} options
 */
export function createView({ state, hold, onNeedTokens, save, load }) {
  const article = $('article');
  const statsLine = $('stats');
  /** @type {{ draw: () => Promise<void>, visibleSpans: () => object[], entityKey: (span: object, text: string) => string, find: { refresh(): void } | null }} */
  const view = { draw: () => draw(), visibleSpans: () => visibleSpans(), entityKey: (span, text) => entityKey(span, text), find: null };


  /**
   * One pass over the spans: `visible` (what the filters let through) and
   * `drawn` (what render() draws: the visible spans, plus paragraphs as plain
   * blocks when their layer is hidden). The `layer:label` key is only built for
   * layers with a hidden label: building it for each of a 1 MB article's
   * ~48 000 spans took 15-25 ms, mostly allocation.
   */
  function filterSpans() {
    const visible = [];
    const drawn = [];
    const filtered = new Set([...state.hiddenLabels].map((key) => key.slice(0, key.indexOf(':'))));
    for (const s of state.doc?.spans ?? []) {
      const shown = !state.hidden.has(s.layer) && !(filtered.has(s.layer) && state.hiddenLabels.has(`${s.layer}:${s.label}`));
      if (shown) { visible.push(s); drawn.push(s); } else if (s.layer === 'paragraph') drawn.push(s);
    }
    return { visible, drawn };
  }

  function visibleSpans() {
    return filterSpans().visible;
  }

  /** The document-entity key of an entity or mention span (a text key when coref is absent). */
  function entityKey(span, text) {
    const e = span.attrs?.entity;
    if (e !== undefined && e !== null) return String(e);
    if (span.layer === 'entity') return `${span.label}:${text.slice(span.start, span.end).toLowerCase()}`;
    return '';
  }

  let sentenceParity = new Map();

  function decorate(el, span) {
    const chip = chipText(span);
    if (chip) el.dataset.chip = chip;
    if (span.layer === 'sentence') { el.classList.add(sentenceParity.get(span.id) ? 's-odd' : 's-even'); return; }
    if (span.layer === 'paragraph' || span.layer === 'token') return;
    el.classList.add('nav');
    if (span.layer === 'entity' || span.layer === 'mention') {
      const key = entityKey(span, state.docText);
      if (key) el.dataset.entity = key;
      const hue = state.entityById.get(key)?.type ?? (span.layer === 'mention' ? '' : span.label);
      if (span.layer === 'mention' && hue) el.dataset.type = hue;
    }
    if (span.layer === 'source' && span.attrs?.entity !== undefined) el.dataset.entity = String(span.attrs.entity);
  }

  /**
   * A document with more spans than this is drawn in several tasks (controls,
   * then panel, then the article), so that the main thread is never held long
   * enough to delay a keystroke; a short one is drawn at once.
   */
  const STAGED_SPANS = 2000;

  /**
   * Lets the browser handle input and draw a frame before the next step of
   * drawing, so that the style and layout of each step's new elements (the
   * controls, the panel, the top of the article) land in separate frames
   * rather than in one long one.
   */
  const nextTask = () => new Promise((resolve) => {
    if (document.hidden) setTimeout(resolve, 0);
    else requestAnimationFrame(() => setTimeout(resolve, 0));
  });

  /** The article's height, kept by a ResizeObserver (reading offsetHeight would force a layout). */
  let articleHeight = 0;
  new ResizeObserver((entries) => {
    for (const e of entries) articleHeight = e.borderBoxSize?.[0]?.blockSize ?? e.target.offsetHeight;
  }).observe(article);

  let drawing = 0;

  async function draw() {
    const doc = state.doc;
    if (!doc) return;
    const generation = ++drawing;
    state.rendering?.cancel();
    state.rendering = null;
    const staged = doc.spans.length > STAGED_SPANS;
    const stale = async () => {
      if (staged) {
        await nextTask();
        // Like the article's slices, the steps wait while the user types.
        while (hold() > performance.now() && generation === drawing) {
          await new Promise((resolve) => setTimeout(resolve, hold() - performance.now()));
        }
      }
      return generation !== drawing;
    };

    const text = state.docText;
    article.setAttribute('aria-busy', 'true');
    article.dataset.status = 'rendering';
    // Hold the height while a long document is rebuilt, so the page does not jump.
    article.style.minHeight = `${articleHeight}px`;
    drawStats(doc);
    drawToggles();
    drawLegend();
    if (await stale()) return;

    const { visible, drawn } = filterSpans();
    drawPanel($('panel'), { text, doc, visible, entityKey, spanById: state.spanById, entityById: state.entityById });
    if (await stale()) return;

    sentenceParity = new Map();
    let n = 0;
    for (const s of doc.spans) if (s.layer === 'sentence') sentenceParity.set(s.id, n++ % 2);
    const job = render(text, drawn, {
      decorate,
      plainParagraphs: state.hidden.has('paragraph'),
      hold,
      onFirstSlice: (root) => { article.replaceChildren(root); interaction.reset(); },
    });
    state.rendering = job;
    job.done.then((complete) => {
      if (!complete || state.rendering !== job) return;
      state.rendering = null;
      article.style.minHeight = '';
      article.setAttribute('aria-busy', 'false');
      article.dataset.chars = String(text.length);
      article.dataset.status = 'done';
      for (const mark of state.full ? ['newslens:first-render', 'newslens:first-full-render'] : ['newslens:first-render']) {
        if (!performance.getEntriesByName(mark).length) performance.mark(mark);
      }
      view.find?.refresh();
      interaction.restore();
    });
  }

  function drawStats(doc) {
    const s = doc.stats ?? {};
    const plural = (n, one, many) => `${n ?? 0} ${n === 1 ? one : many}`;
    statsLine.textContent = [
      plural(s.words, 'word', 'words'),
      plural(s.sentences, 'sentence', 'sentences'),
      plural(s.paragraphs, 'paragraph', 'paragraphs'),
      `${s.reading_minutes ?? 0} min read`,
    ].join(' · ') + (state.docMs ? ` · annotated in ${state.docMs.toFixed(0)} ms` : '');
  }

  function checkbox(name, value, checked, title, count, className) {
    const label = document.createElement('label');
    label.className = className;
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.name = name;
    box.value = value;
    box.checked = checked;
    const text = document.createElement('span');
    text.className = 'name';
    text.textContent = title;
    const num = document.createElement('span');
    num.className = 'count';
    num.textContent = count;
    label.append(box, text, num);
    return label;
  }

  function drawToggles() {
    const counts = state.counts.layers;
    $('layers').replaceChildren(...LAYERS.map(({ name, title }) => {
      const count = counts[name];
      const shownCount = count === undefined ? (name === 'token' && state.hidden.has('token') ? '' : '0') : String(count);
      return checkbox('layer', name, !state.hidden.has(name), title, shownCount, `toggle t-${name}`);
    }));
  }

  /** The legend doubles as the per-label filter: one checkbox per label present. */
  function drawLegend() {
    const groups = [];
    for (const layer of LABELLED) {
      if (state.hidden.has(layer)) continue;
      const prefix = `${layer}:`;
      const counts = Object.entries(state.counts.labels).filter(([key]) => key.startsWith(prefix))
        .map(([key, n]) => [key.slice(prefix.length), n]).sort((a, b) => b[1] - a[1]);
      if (!counts.length) continue;
      const group = document.createElement('fieldset');
      group.className = 'legend-group';
      const legend = document.createElement('legend');
      legend.textContent = LAYERS.find((l) => l.name === layer)?.title ?? layer;
      group.append(legend);
      for (const [label, count] of counts) {
        const item = checkbox('label', `${layer}:${label}`, !state.hiddenLabels.has(`${layer}:${label}`),
          LABEL_NAMES[label] ?? label, String(count), 'filter');
        const sw = document.createElement('span');
        sw.className = `swatch l-${layer}`;
        sw.dataset.label = label;
        sw.setAttribute('aria-hidden', 'true');
        sw.textContent = layer === 'entity' ? label : 'abc';
        item.insertBefore(sw, item.querySelector('.name'));
        group.append(item);
      }
      groups.push(group);
    }
    $('legend').replaceChildren(...groups);
    $('legend-empty').hidden = groups.length > 0;
  }

  $('layers').addEventListener('change', (event) => {
    const box = event.target;
    if (!(box instanceof HTMLInputElement) || box.name !== 'layer') return;
    if (box.checked) state.hidden.delete(box.value); else state.hidden.add(box.value);
    save('hidden', [...state.hidden]);
    const needsTokens = box.value === 'token' && box.checked && !(state.doc?.spans ?? []).some((s) => s.layer === 'token');
    if (needsTokens && state.doc) onNeedTokens(); else draw();
  });

  $('legend').addEventListener('change', (event) => {
    const box = event.target;
    if (!(box instanceof HTMLInputElement) || box.name !== 'label') return;
    if (box.checked) state.hiddenLabels.delete(box.value); else state.hiddenLabels.add(box.value);
    save('hiddenLabels', [...state.hiddenLabels]);
    draw();
    // The legend was rebuilt: keep the keyboard where it was.
    document.querySelector(`#legend input[value="${CSS.escape(box.value)}"]`)?.focus();
  });

  $('show-all').addEventListener('click', () => {
    state.hiddenLabels.clear();
    for (const l of LAYERS) if (l.on) state.hidden.delete(l.name);
    save('hiddenLabels', []);
    save('hidden', [...state.hidden]);
    draw();
  });


  const themeButton = $('theme');
  function applyTheme(theme) {
    if (theme) document.documentElement.dataset.theme = theme;
    else delete document.documentElement.dataset.theme;
    const dark = theme ? theme === 'dark' : matchMedia('(prefers-color-scheme: dark)').matches;
    themeButton.setAttribute('aria-pressed', String(dark));
  }
  applyTheme(load('theme', null));
  themeButton.addEventListener('click', () => {
    const theme = themeButton.getAttribute('aria-pressed') === 'true' ? 'light' : 'dark';
    save('theme', theme);
    applyTheme(theme);
  });

  const interaction = setupInteraction({
    article,
    card: $('card'),
    links: $('links'),
    announce: $('announce'),
    panel: $('panel'),
    get: () => state,
  });

  return view;
}
