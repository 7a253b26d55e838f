// The page: article text in, annotated article and story summary out. This
// module holds the page's state and wires its parts:
//
//   input.js       the text coming in (typing, paste, files, share links)
//                  and its saved copy (store.js)
//   annotator.js   the core in a Web Worker (worker.js), behind promises
//   view.js        the annotated article, its controls and the side panel
//   sw-register.js the service worker's registration and updates
//
// Annotation has at most one request in flight: newer text cancels the
// request before it (a queued one is never sent, the answer to one under
// way is dropped unread), and a result for text that has since changed is
// dropped. On load, a quick first pass also runs in the page (firstPass).
// Find, export and share (find.js, exports.js, share.js) are loaded once
// this module has run (see `extras`).

import { worker as firstWorker, earlyError, wasmModule, pageCore, sampleFirstPass, FIRST_PASS_LAYERS } from './boot.js';
import { documentFromColumns, countSpans } from './columns.js';
import { SAMPLE } from './sample.js';
import { LAYERS } from './labels.js';
import './editor.js';
import { createAnnotator } from './annotator.js';
import { createView } from './view.js';
import { setupInput } from './input.js';
import { load, save, loadDraft } from './store.js';
import { registerServiceWorker } from './sw-register.js';

const $ = (id) => document.getElementById(id);
const input = /** @type {import('./editor.js').TextEditor} */ ($('input'));
const errorBox = $('error');
const statusLine = $('status');

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

// ---- annotation ----------------------------------------------------------

/** The worker boot.js started is adopted; the module it compiled goes to any worker started later. */
const annotator = createAnnotator({ worker: firstWorker, module: wasmModule, startError: earlyError });

/** The request whose answer the page waits for: { text, controller }. */
let current = null;

function wantedLayers() {
  return LAYERS.map((l) => l.name).filter((n) => n !== 'token' || !state.hidden.has('token'));
}

/** Asks for `text`, cancelling the request before it. */
function request(text) {
  current?.controller.abort();
  const mine = { text, controller: new AbortController() };
  current = mine;
  setBusy(true);
  annotator.annotateDetailed(text, { layers: wantedLayers(), signal: mine.controller.signal }).then((result) => {
    if (current !== mine) return;
    current = null;
    setBusy(false);
    if (text !== input.value) {
      if (input.value !== state.docText) request(input.value);
      return;
    }
    showError('');
    setDoc(result, text, true);
    $('version').textContent = result.version ? `v${result.version}` : '';
  }, (err) => {
    if (current !== mine) return;
    current = null;
    setBusy(false);
    if (text !== input.value) return;
    showError(err instanceof Error ? err.message : String(err));
  });
}

/** The text changed under the request in flight: its answer is no longer wanted. */
function cancelRequest() {
  current?.controller.abort();
  current = null;
  // Still busy while a request is due after the typing pause.
  setBusy(textInput.debouncing());
}

function setBusy(busy) {
  // Called on every key: no DOM write when nothing changes.
  if (document.body.classList.contains('busy') === busy) return;
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

/** Takes an annotation: { doc, counts, ms, spanById }. */
function setDoc({ doc, counts, ms, spanById }, text, full = false) {
  state.full = full;
  state.doc = doc;
  state.counts = counts;
  state.docText = text;
  state.docMs = ms ?? 0;
  state.spanById = spanById;
  state.entityById = new Map((Array.isArray(doc.entities) ? doc.entities : []).map((e) => [String(e.id), e]));
  view.draw();
}

// ---- the parts -----------------------------------------------------------

const textInput = setupInput({ input, sample: SAMPLE, annotate: request, typing: cancelRequest, notice: showNotice });

const view = createView({ state, hold: textInput.holdUntil, onNeedTokens: () => request(input.value), save, load });

/**
 * Find, export and share are set up once their modules arrive, requested
 * when this module has run rather than with it (files.js when a file is
 * opened): a browser opens six connections to a server, and at load the
 * page asks for some fifteen files, so these queued ahead of the ones the
 * first render waits for.
 */
const article = $('article');
const extras = Promise.all([import('./find.js'), import('./exports.js'), import('./share.js')]);
extras.then(([{ setupFind }, { setupExports }, { setupShare }]) => {
  view.find = setupFind({ article, box: $('find'), count: $('find-count'), prev: $('find-prev'), next: $('find-next') });
  setupExports({ root: $('exports'), get: () => ({ ...state, visible: view.visibleSpans() }), article, onError: showError });
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

// ---- load ----------------------------------------------------------------

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
      if (current?.text === text) { current.controller.abort(); current = null; setBusy(false); }
    }
  } catch {
    /* the worker's full pass follows */
  }
}

/** The text the page opened with (a shared text, the saved one or the sample), once set. */
let openedWith = null;

/**
 * The text to open with: a share link's, else the text saved in this
 * browser (what the person typed or pasted before a reload, a crash or a
 * closed tab), else the sample. On load, paragraphs and sentences first
 * (milliseconds, in the page), then every layer (the worker).
 */
async function start() {
  const first = (text) => {
    input.value = text;
    openedWith = text;
    request(text);
    firstPass(text);
  };
  const share = location.hash ? await import('./share.js').catch(() => null) : null;
  if (share && location.hash.startsWith(share.SHARE_PREFIX)) {
    let text;
    try {
      text = (await share.readShareFragment(location.hash)) ?? SAMPLE;
    } catch (err) {
      first((await loadDraft()) ?? SAMPLE);
      showNotice(err instanceof Error ? err.message : String(err));
      return;
    }
    first(text);
    return;
  }
  first((await loadDraft()) ?? SAMPLE);
}
// Once the page's text is set: what an update does depends on it.
start().finally(() => {
  registerServiceWorker({ note: $('update'), pristine: () => openedWith !== null && input.value === openedWith });
});
