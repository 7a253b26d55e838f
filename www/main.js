// The page: text area in, annotated article out.
//
// Typing is debounced (150 ms), a paste is annotated at once. Annotation runs
// in a module worker (worker.js) with at most one request in flight: while it
// works, newer text replaces the queued request, and a result for text that
// has since changed is dropped. The article is drawn by render.js in time
// slices; toggles and filters redraw from the cached Document without asking
// the worker again (except the token layer, only requested when shown, since
// a 1 MB article has ~200 000 tokens). Article text reaches the DOM only as
// text nodes.

import { SAMPLE } from './sample.js';
import { render } from './render.js';
import { LAYERS, LABEL_NAMES, chipText, describe } from './labels.js';

const $ = (id) => document.getElementById(id);
const input = /** @type {HTMLTextAreaElement} */ ($('input'));
const article = $('article');
const errorBox = $('error');
const statsLine = $('stats');
const statusLine = $('status');
const legend = $('legend');
const toggles = $('layers');

const STORE = 'newslens:v1:';
const DEBOUNCE_MS = 150;

/** Page state. `doc` is the last Document whose text is still `docText`. */
const state = {
  doc: null,
  docText: '',
  docMs: 0,
  hidden: new Set(load('hidden', LAYERS.filter((l) => !l.on).map((l) => l.name))),
  rendering: null,
};

function load(key, fallback) {
  try {
    const v = localStorage.getItem(STORE + key);
    return v === null ? fallback : JSON.parse(v);
  } catch {
    return fallback;
  }
}

function save(key, value) {
  try { localStorage.setItem(STORE + key, JSON.stringify(value)); } catch { /* private mode */ }
}

// ---- worker client -------------------------------------------------------

const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
let seq = 0;
let inFlight = null;
let queued = null;

function wantedLayers() {
  return LAYERS.map((l) => l.name).filter((n) => n !== 'token' || !state.hidden.has('token'));
}

function request(text) {
  queued = { id: ++seq, text, layers: wantedLayers() };
  setBusy(true);
  if (!inFlight) sendQueued();
}

function sendQueued() {
  inFlight = queued;
  queued = null;
  worker.postMessage(inFlight);
}

worker.onmessage = (event) => {
  const msg = event.data;
  const sent = inFlight;
  inFlight = null;
  if (queued) { sendQueued(); return; } // stale: newer text is waiting
  setBusy(false);
  if (!sent || msg.id !== sent.id || sent.text !== input.value) {
    if (input.value !== state.docText) request(input.value);
    return;
  }
  if (msg.error) { showError(msg.error); return; }
  showError('');
  state.doc = msg.doc;
  state.docText = sent.text;
  state.docMs = msg.ms ?? 0;
  $('version').textContent = msg.version ? `v${msg.version}` : '';
  draw();
};

worker.onerror = (event) => {
  event.preventDefault();
  inFlight = null;
  queued = null;
  setBusy(false);
  showError(`The annotator could not start: ${event.message || 'worker error'}`);
};

function setBusy(busy) {
  document.body.classList.toggle('busy', busy);
  statusLine.textContent = busy ? 'Annotating…' : '';
}

function showError(message) {
  errorBox.hidden = !message;
  errorBox.textContent = message ? `Error: ${message}` : '';
}

// ---- input ---------------------------------------------------------------

let timer = 0;
let pasted = false;

input.addEventListener('paste', () => { pasted = true; });
input.addEventListener('input', () => {
  clearTimeout(timer);
  if (pasted) { pasted = false; request(input.value); return; }
  timer = setTimeout(() => request(input.value), DEBOUNCE_MS);
});

$('sample').addEventListener('click', () => setText(SAMPLE));
$('clear').addEventListener('click', () => { setText(''); input.focus(); });

function setText(text) {
  input.value = text;
  clearTimeout(timer);
  request(text);
}

// ---- drawing -------------------------------------------------------------

function visibleSpans() {
  const spans = state.doc?.spans ?? [];
  return spans.filter((s) => !state.hidden.has(s.layer));
}

/** What render() draws: the visible spans, plus paragraphs as plain blocks when hidden. */
function drawnSpans() {
  const spans = state.doc?.spans ?? [];
  return spans.filter((s) => s.layer === 'paragraph' || !state.hidden.has(s.layer));
}

function decorate(el, span) {
  const chip = chipText(span);
  if (chip) el.dataset.chip = chip;
  if (span.layer !== 'paragraph' && span.layer !== 'sentence') el.title = describe(span);
  if (span.layer === 'sentence') el.classList.add(sentenceParity.get(span.id) ? 's-odd' : 's-even');
}

let sentenceParity = new Map();

function draw() {
  const doc = state.doc;
  if (!doc) return;
  state.rendering?.cancel();
  sentenceParity = new Map();
  let n = 0;
  for (const s of doc.spans) if (s.layer === 'sentence') sentenceParity.set(s.id, n++ % 2);

  drawStats(doc);
  drawToggles(doc);
  drawLegend(doc);

  const text = state.docText;
  article.setAttribute('aria-busy', 'true');
  article.dataset.status = 'rendering';
  // Hold the height while a long document is rebuilt, so the page does not jump.
  article.style.minHeight = `${article.offsetHeight}px`;
  const job = render(text, drawnSpans(), {
    decorate,
    plainParagraphs: state.hidden.has('paragraph'),
    onFirstSlice: (root) => { article.replaceChildren(root); },
  });
  state.rendering = job;
  job.done.then((complete) => {
    if (!complete || state.rendering !== job) return;
    state.rendering = null;
    article.style.minHeight = '';
    article.setAttribute('aria-busy', 'false');
    article.dataset.chars = String(text.length);
    article.dataset.status = 'done';
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

function countBy(spans, key) {
  const m = new Map();
  for (const s of spans) m.set(s[key], (m.get(s[key]) ?? 0) + 1);
  return m;
}

function drawToggles(doc) {
  const counts = countBy(doc.spans, 'layer');
  toggles.replaceChildren(...LAYERS.map(({ name, title }) => {
    const label = document.createElement('label');
    label.className = `toggle t-${name}`;
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.name = 'layer';
    box.value = name;
    box.checked = !state.hidden.has(name);
    const count = counts.get(name);
    const text = document.createElement('span');
    text.textContent = title;
    const num = document.createElement('span');
    num.className = 'count';
    num.textContent = count === undefined ? (name === 'token' && state.hidden.has('token') ? '' : '0') : String(count);
    label.append(box, text, num);
    return label;
  }));
}

toggles.addEventListener('change', (event) => {
  const box = event.target;
  if (!(box instanceof HTMLInputElement) || box.name !== 'layer') return;
  if (box.checked) state.hidden.delete(box.value); else state.hidden.add(box.value);
  save('hidden', [...state.hidden]);
  const needsTokens = box.value === 'token' && box.checked && !(state.doc?.spans ?? []).some((s) => s.layer === 'token');
  if (needsTokens && state.doc) request(input.value); else draw();
});

function drawLegend(doc) {
  const shown = visibleSpans().filter((s) => s.layer !== 'paragraph' && s.layer !== 'sentence' && chipText(s));
  const counts = countBy(shown, 'label');
  const items = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  legend.replaceChildren(...items.map(([label, count]) => {
    const li = document.createElement('li');
    const sw = document.createElement('span');
    const layer = shown.find((s) => s.label === label)?.layer ?? '';
    sw.className = `swatch hl l-${layer}`;
    sw.dataset.label = label;
    sw.textContent = label;
    const name = document.createElement('span');
    name.textContent = ` ${LABEL_NAMES[label] ?? label} (${count})`;
    li.append(sw, name);
    return li;
  }));
  $('legend-empty').hidden = items.length > 0;
}

// ---- theme ---------------------------------------------------------------

const themeButton = $('theme');
function applyTheme(theme) {
  if (theme) document.documentElement.dataset.theme = theme;
  else delete document.documentElement.dataset.theme;
  const dark = theme ? theme === 'dark' : matchMedia('(prefers-color-scheme: dark)').matches;
  themeButton.setAttribute('aria-pressed', String(dark));
  themeButton.textContent = dark ? 'Light mode' : 'Dark mode';
}
applyTheme(load('theme', null));
themeButton.addEventListener('click', () => {
  const dark = themeButton.getAttribute('aria-pressed') === 'true';
  const theme = dark ? 'light' : 'dark';
  save('theme', theme);
  applyTheme(theme);
});

// ---- start ---------------------------------------------------------------

input.value = SAMPLE;
request(SAMPLE);
