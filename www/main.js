// The page: article text in (editor.js), annotated article and story summary out.
//
// Typing is debounced (150 ms), a paste or an opened file is annotated at
// once. Annotation runs in a module worker (worker.js) with at most one
// request in flight: while it works, newer text replaces the queued request,
// and a result for text that has since changed is dropped (on load, a quick
// first pass also runs in the page: see firstPass). The article is
// drawn by render.js in time slices; layer and label filters redraw from the
// cached Document without asking the worker again (except the token layer,
// only requested when shown, since a 1 MB article has ~200 000 tokens).
// Article text reaches the DOM only as text nodes.
//
// The rest lives in small modules: panel.js (cast, quotes, sourcing, hedges,
// statistics), interact.js (cards, keyboard stepping, selection), find.js,
// exports.js, share.js, files.js (the last four loaded once this module has
// run: see `extras`); sw.js keeps the page working offline.

import { worker as firstWorker, earlyError, wasmModule, pageCore, sampleFirstPass, FIRST_PASS_LAYERS } from './boot.js';
import { documentFromColumns, countSpans } from './columns.js';
import { SAMPLE } from './sample.js';
import { render } from './render.js';
import { LAYERS, LABELLED, LABEL_NAMES, chipText } from './labels.js';
import { drawPanel } from './panel.js';
import './editor.js';
import { setupInteraction } from './interact.js';

const $ = (id) => document.getElementById(id);
const input = /** @type {import('./editor.js').TextEditor} */ ($('input'));
const article = $('article');
const errorBox = $('error');
const statsLine = $('stats');
const statusLine = $('status');

const STORE = 'newslens:v1:';
const DEBOUNCE_MS = 150;

/** Page state. `doc` is the last Document, computed over `docText`. */
const state = {
  doc: null,
  docText: '',
  docMs: 0,
  spanById: new Map(),
  entityById: new Map(),
  hidden: new Set(load('hidden', LAYERS.filter((l) => !l.on).map((l) => l.name))),
  hiddenLabels: new Set(load('hiddenLabels', [])),
  rendering: null,
};

function load(key, fallback) {
  try {
    const v = localStorage.getItem(STORE + key);
    const parsed = v === null ? fallback : JSON.parse(v);
    return Array.isArray(fallback) && !Array.isArray(parsed) ? fallback : parsed;
  } catch {
    return fallback;
  }
}

function save(key, value) {
  try { localStorage.setItem(STORE + key, JSON.stringify(value)); } catch { /* storage off */ }
}

// ---- worker client -------------------------------------------------------

/**
 * The worker. A wasm trap (a bug in the core) leaves its instance unusable,
 * so a worker that reports one is replaced by a fresh one: the page shows
 * the error and keeps annotating other texts.
 */
let worker = adopt(firstWorker);

function startWorker() {
  const w = adopt(new Worker(new URL('./worker.js', import.meta.url), { type: 'module' }));
  // It waits for the compiled core (see worker.js); requests sent meanwhile wait with it.
  wasmModule.then((module) => w.postMessage({ module }));
  return w;
}

function adopt(w) {
  w.onmessage = onWorkerMessage;
  w.onerror = onWorkerError;
  return w;
}
let seq = 0;
let inFlight = null;
let queued = null;

function wantedLayers() {
  return LAYERS.map((l) => l.name).filter((n) => n !== 'token' || !state.hidden.has('token'));
}

/** Asks the worker for `text`. */
function request(text) {
  queued = { id: ++seq, text, layers: wantedLayers() };
  setBusy(true);
  if (inFlight) drop(inFlight); else sendQueued();
}

/**
 * Sends the queued request. Its answer comes on a channel of its own, so
 * that an answer made stale by newer text can be dropped unread: closing
 * the channel discards the messages still queued on it. Reading them costs
 * the page: a 1 MB article's spans come in some 25 batches of 2000, each
 * 5-17 ms of copying and garbage collection on the main thread, and a
 * user who typed meanwhile got those tasks between their keys.
 */
function sendQueued() {
  const req = queued;
  queued = null;
  inFlight = req;
  const { port1, port2 } = new MessageChannel();
  // Spans received so far, in order and by id, filled as each batch arrives
  // rather than at the last message: for a 1 MB article, joining ~48 000
  // spans and mapping them by id in one go was some 25 ms (plus garbage
  // collection) added to the task that also starts drawing.
  Object.assign(req, { port: port1, spans: [], byId: new Map(), dropped: false, idle: false, trap: false });
  port1.onmessage = (event) => onAnswer(req, event.data);
  worker.postMessage({ id: req.id, text: req.text, layers: req.layers, port: port2 }, [port2]);
}

/** Stops listening to the answer to `req` (its text has changed). */
function drop(req) {
  if (req.dropped) return;
  req.dropped = true;
  req.port.close();
  req.spans = [];
  req.byId = new Map();
  if (req.idle) workerFree(req);
}

/** The worker has finished with `req`, whose answer was dropped: on to the next. */
function workerFree(req) {
  if (inFlight !== req) return;
  inFlight = null;
  if (req.trap) restartWorker();
  if (queued) sendQueued();
  else if (!debouncing) setBusy(false);
}

function restartWorker() {
  worker.terminate();
  worker = startWorker();
}

/** The answer to `req` on its channel: batches of spans, then the Document (or an error). */
function onAnswer(req, msg) {
  if (req !== inFlight || req.dropped) return;
  // When a result starts arriving (the page's work on it starts here; a mark to read in traces).
  if (!req.spans.length) {
    performance.clearMarks('newslens:result');
    performance.mark('newslens:result');
  }
  if (msg.part) {
    for (const s of msg.part) { req.spans.push(s); req.byId.set(s.id, s); }
    return;
  }
  req.port.close();
  inFlight = null;
  if (msg.trap) restartWorker();
  if (queued) {
    sendQueued();
    return;
  }
  setBusy(false);
  if (req.text !== input.value) {
    if (input.value !== state.docText) request(input.value);
    return;
  }
  if (msg.error) { showError(msg.error); return; }
  if (msg.doc) { msg.doc.spans = req.spans; msg.spanById = req.byId; }
  showError('');
  setDoc(msg, req.text, true);
  $('version').textContent = msg.version ? `v${msg.version}` : '';
}

/**
 * The worker's own messages: `{ id, idle, trap }` once it has finished a
 * request (the answer's channel and this one are not ordered: the answer
 * may still be on its way), which moves things on when the answer was dropped.
 */
function onWorkerMessage(event) {
  const msg = event.data;
  const req = inFlight;
  if (!msg?.idle || !req || msg.id !== req.id) return;
  req.idle = true;
  req.trap = Boolean(msg.trap);
  if (req.dropped) workerFree(req);
}

function onWorkerError(event) {
  event.preventDefault();
  inFlight?.port.close();
  inFlight = null;
  queued = null;
  setBusy(false);
  showError(`The annotator could not start: ${event.message || 'worker error'}`);
}

function setBusy(busy) {
  document.body.classList.toggle('busy', busy);
  statusLine.textContent = busy ? 'Annotating…' : '';
}

/** Shows (or with '' clears) an annotation error; the next good result clears it. */
function showError(message) {
  errorBox.hidden = !message;
  errorBox.textContent = message ? `Error: ${message}` : '';
}

/**
 * Shows a problem with the input itself (a file that is not text, a damaged
 * share link). It stays until new text arrives, whatever the annotator says.
 */
function showNotice(message) {
  const notice = $('notice');
  // Called on every keystroke: no DOM write (and no style work) when nothing changes.
  if (notice.hidden === !message && notice.textContent === message) return;
  notice.hidden = !message;
  notice.textContent = message;
}

/** Takes the worker's final message: { doc, counts, ms, spanById }. */
function setDoc({ doc, counts, ms, spanById }, text, full = false) {
  state.full = full;
  state.doc = doc;
  state.counts = counts;
  state.docText = text;
  state.docMs = ms ?? 0;
  state.spanById = spanById;
  state.entityById = new Map((Array.isArray(doc.entities) ? doc.entities : []).map((e) => [String(e.id), e]));
  draw();
}

// ---- input ---------------------------------------------------------------

let timer = 0;
/** A request is due when `timer` fires. */
let debouncing = false;
let pasted = false;

/**
 * While keys come faster than this, drawing a long article pauses: a frame
 * that also styles and lays out a slice of the article (5-15 ms of CPU)
 * makes the key wait for its paint, and the text just changed anyway.
 */
const TYPING_HOLD_MS = 250;
let typingUntil = 0;

// Capture: before the editor's own listener, which inserts a large paste (and fires 'input') itself.
input.addEventListener('paste', () => { pasted = true; }, true);
input.addEventListener('input', (event) => {
  clearTimeout(timer);
  const paste = pasted || event.inputType === 'insertFromPaste' || event.inputType === 'insertFromDrop';
  pasted = false;
  if (!paste) typingUntil = performance.now() + TYPING_HOLD_MS;
  showNotice('');
  if (paste) { debouncing = false; request(input.value); return; }
  // The answer on its way is for the text before this key.
  if (inFlight) drop(inFlight);
  debouncing = true;
  timer = setTimeout(() => { debouncing = false; request(input.value); }, DEBOUNCE_MS);
});

$('sample').addEventListener('click', () => setText(SAMPLE));
$('clear').addEventListener('click', () => { setText(''); input.focus(); });

/** Replaces the text (sample, file, share link) and annotates it at once. */
function setText(text) {
  showNotice('');
  input.value = text;
  clearTimeout(timer);
  debouncing = false;
  request(text);
}

const fileInput = /** @type {HTMLInputElement} */ ($('file'));
$('open').addEventListener('click', () => fileInput.click());
fileInput.addEventListener('change', () => {
  const file = fileInput.files?.[0];
  if (file) openFile(file);
  fileInput.value = '';
});

async function openFile(file) {
  try {
    const { textFromFile } = await import('./files.js');
    setText(await textFromFile(file));
  } catch (err) {
    showNotice(err instanceof Error ? err.message : String(err));
  }
}

const dropZone = $('input-pane');
dropZone.addEventListener('dragover', (event) => {
  if (!event.dataTransfer?.types.includes('Files')) return;
  event.preventDefault();
  event.dataTransfer.dropEffect = 'copy';
  dropZone.classList.add('dropping');
});
dropZone.addEventListener('dragleave', () => dropZone.classList.remove('dropping'));
dropZone.addEventListener('drop', (event) => {
  dropZone.classList.remove('dropping');
  const file = event.dataTransfer?.files?.[0];
  if (!file) return;
  event.preventDefault();
  openFile(file);
});

// ---- drawing -------------------------------------------------------------

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
      while (typingUntil > performance.now() && generation === drawing) {
        await new Promise((resolve) => setTimeout(resolve, typingUntil - performance.now()));
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
    hold: () => typingUntil,
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
    find?.refresh();
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
  if (needsTokens && state.doc) request(input.value); else draw();
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

// ---- theme ---------------------------------------------------------------

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

// ---- the rest ------------------------------------------------------------

const interaction = setupInteraction({
  article,
  card: $('card'),
  links: $('links'),
  announce: $('announce'),
  panel: $('panel'),
  get: () => state,
});

/**
 * Find, export and share are set up once their modules arrive, requested
 * when this module has run rather than with it (files.js when a file is
 * opened): a browser opens six connections to a server, and at load the
 * page asks for some fifteen files, so these queued ahead of the ones the
 * first render waits for.
 */
let find = null;
const extras = Promise.all([import('./find.js'), import('./exports.js'), import('./share.js')]);
extras.then(([{ setupFind }, { setupExports }, { setupShare }]) => {
  find = setupFind({ article, box: $('find'), count: $('find-count'), prev: $('find-prev'), next: $('find-next') });
  setupExports({ root: $('exports'), get: () => ({ ...state, visible: visibleSpans() }), article, onError: showError });
  setupShare({ button: $('share'), output: $('share-url'), message: $('share-message'), getText: () => input.value });
}, (err) => showError(`Part of the page failed to load: ${err instanceof Error ? err.message : err}`));

document.addEventListener('keydown', (event) => {
  const t = event.target;
  const typing = (t instanceof HTMLElement && t.isContentEditable) || (t instanceof HTMLInputElement && !['checkbox', 'button'].includes(t.type));
  if (event.key === '/' && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
    event.preventDefault();
    $('find').focus();
  }
});

/** The text the page opened with (the sample or a shared text), once set. */
let openedWith = null;

/**
 * Registers sw.js (offline use, and a returning visit served from its
 * cache) and takes its updates. A rebuilt page's worker waits (see sw.js)
 * until this page asks for it: at once, then a reload, when nothing typed
 * would be lost (the text is still the one the page opened with), since
 * this page's later modules would otherwise come from the new set; else
 * the page says a new version is ready, and the next load takes it.
 */
function registerServiceWorker() {
  const sw = navigator.serviceWorker;
  const note = $('update');
  const say = (text) => { note.textContent = text; note.hidden = false; };
  const pristine = () => openedWith !== null && input.value === openedWith;
  let controller = sw.controller;
  let reloading = false;
  sw.addEventListener('controllerchange', () => {
    const before = controller;
    controller = sw.controller;
    // The first install takes over a page that came from the network: nothing to do.
    if (!before || reloading) return;
    if (pristine()) {
      reloading = true;
      location.reload();
    } else {
      say('A new version of newslens is in use: reload this page to use it too (copy your text first).');
    }
  });
  const offer = (waiting) => {
    if (!waiting || !sw.controller) return;
    if (pristine()) waiting.postMessage({ type: 'skip-waiting' });
    else say('A new version of newslens is ready: it is used from the next time the page is loaded.');
  };
  const watch = (installing) => installing?.addEventListener('statechange', () => {
    if (installing.state === 'installed') offer(installing);
  });
  sw.register('sw.js').then((reg) => {
    offer(reg.waiting);
    watch(reg.installing);
    reg.addEventListener('updatefound', () => watch(reg.installing));
  }).catch(() => { /* offline use is optional */ });
}

window.addEventListener('hashchange', () => {
  import('./share.js').then(({ readShareFragment }) => readShareFragment(location.hash))
    .then((text) => { if (text !== null) setText(text); }, (err) => showNotice(err.message));
});

/** Longer texts get no first pass in the page (its wasm memory never shrinks). */
const FIRST_PASS_MAX_CHARS = 100_000;

/**
 * The quick first pass on load, run in the page rather than in the worker:
 * paragraphs and sentences of `text` (every layer of the sample on a repeat
 * visit: FULL_FIRST_PASS in boot.js), with the instance boot.js made of the
 * module it compiled, drawn unless the worker's full result came first or
 * the text changed. On a busy machine the worker is ready 100 ms or more
 * after the module is compiled (it starts slowly, then imports its glue);
 * the page's instance is ready by the time main.js runs, and stays small
 * (1.6 MiB of wasm memory for the sample) since it only ever sees this one
 * text. Any failure here is left to the worker to report.
 */
async function firstPass(text) {
  if (text.length > FIRST_PASS_MAX_CHARS) return;
  try {
    // For the sample, boot.js has it done (or under way) by the time this module runs.
    const [core, early] = await Promise.all([pageCore, text === SAMPLE ? sampleFirstPass : null]);
    if (!core || state.doc || input.value !== text) return;
    const t0 = performance.now();
    const doc = documentFromColumns(early?.columns ?? core.annotateColumnar(text, { layers: FIRST_PASS_LAYERS }));
    const ms = early?.ms ?? performance.now() - t0;
    const spans = doc.spans;
    const full = early?.full === true;
    setDoc({ doc, counts: countSpans(spans), ms, spanById: new Map(spans.map((s) => [s.id, s])) }, text, full);
    if (full) {
      // Every layer is drawn: the worker's answer for this text is not needed (it still warms the worker up).
      $('version').textContent = `v${core.version()}`;
      if (inFlight?.text === text) { drop(inFlight); setBusy(false); }
    }
  } catch {
    /* the worker's full pass follows */
  }
}

async function start() {
  let text = SAMPLE;
  // On load, paragraphs and sentences first (milliseconds, in the page), then every layer (the worker).
  const first = (t) => {
    input.value = t;
    openedWith = t;
    request(t);
    firstPass(t);
    // The worker failed before this module could listen (boot.js kept the error).
    if (earlyError) onWorkerError(earlyError);
  };
  const share = location.hash ? await import('./share.js').catch(() => null) : null;
  if (share && location.hash.startsWith(share.SHARE_PREFIX)) {
    try {
      text = (await share.readShareFragment(location.hash)) ?? SAMPLE;
    } catch (err) {
      first(text);
      showNotice(err instanceof Error ? err.message : String(err));
      return;
    }
  }
  first(text);
}
// Once the page's text is set: what an update does depends on it.
start().finally(() => {
  if ('serviceWorker' in navigator && location.protocol.startsWith('http')) registerServiceWorker();
});
