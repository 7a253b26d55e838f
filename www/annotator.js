// createAnnotator(): the core in a Web Worker, behind promises.
//
//   const annotator = createAnnotator();
//   const doc = await annotator.annotate(text);            // what wasm `annotate` returns
//   const doc2 = await annotator.annotate(text, { layers: ['entity', 'quote'] });
//   annotator.close();
//
// The core is synchronous and a 1 MB article takes a second or so, so it
// runs in a module worker (worker.js) and the caller's thread stays free.
// Requests are answered one at a time, in order. A request whose answer is
// no longer wanted (the text changed) is cancelled with an AbortSignal: a
// queued one is never sent, and the answer to the one being worked on is
// dropped unread (it comes on a MessageChannel of its own, which is closed:
// the worker sends the spans in batches, and reading a 1 MB article's
// ~48 000 spans costs the receiving thread some 25 tasks of copying). A wasm
// trap (a bug in the core) leaves the worker's instance unusable: that
// request fails with an error saying so, the worker is replaced by a fresh
// one, and later requests go on. A worker that cannot start (its script or
// the .wasm failed to load) fails the requests waiting on it; the next
// request tries a new worker.
//
// This module imports nothing: the worker is found beside it
// (`new URL('./worker.js', import.meta.url)`), and worker.js finds the core
// beside itself (core.js, pkg/), so these files work wherever they are
// served from together, as the page and the npm package ship them.

/**
 * One annotation: a half-open range of UTF-16 code units (JS string
 * indices) into the text, on one layer, with one label.
 * @typedef {object} Span
 * @property {number} id
 * @property {string} layer  paragraph, sentence, token, entity, quote, cue, source, hedge, mention, ...
 * @property {string} label
 * @property {number} start
 * @property {number} end
 * @property {Record<string, unknown>} [attrs]  absent when empty
 */

/**
 * What the core's `annotate` returns: the version, statistics, the spans in
 * document order, and the layers' summaries (entities, quotes, ...).
 * @typedef {{ version: string, stats: Record<string, number>, spans: Span[], [summary: string]: unknown }} Document
 */

/**
 * @typedef {object} AnnotateOptions
 * @property {string[]} [layers]  wire layer names to return (default: every layer the core makes by default)
 * @property {AbortSignal} [signal]  aborting it cancels the request: its promise rejects with the signal's reason (an AbortError)
 */

/**
 * A Document with what the worker measured and counted on the way (the page
 * uses these; `annotate` returns only the Document).
 * @typedef {object} Annotation
 * @property {Document} doc
 * @property {{ layers: Record<string, number>, labels: Record<string, number> }} counts  spans per layer and per `layer:label`
 * @property {number} ms  time the core took, in the worker
 * @property {string} version  the core's version
 * @property {Map<number, Span>} spanById
 */

/**
 * @typedef {object} AnnotatorOptions
 * @property {Worker} [worker]  a worker already running worker.js to adopt (the page starts one early);
 *   whoever started it sends it its `{ module }` message
 * @property {WebAssembly.Module | null | Promise<WebAssembly.Module | null>} [module]  the compiled core, posted to
 *   every worker this annotator starts (else each fetches and compiles the .wasm itself)
 * @property {ErrorEvent | Event | null} [startError]  an error the adopted worker raised before it was adopted
 */

/**
 * @typedef {object} Annotator
 * @property {(text: string, options?: AnnotateOptions) => Promise<Document>} annotate
 * @property {(text: string, options?: AnnotateOptions) => Promise<Annotation>} annotateDetailed
 * @property {() => void} close  stops the worker; pending requests reject
 */

/**
 * Starts the core in a Web Worker.
 * @param {AnnotatorOptions} [options]
 * @returns {Annotator}
 */
export function createAnnotator(options = {}) {
  const module = Promise.resolve(options.module ?? null).catch(() => null);
  /** @type {Worker | null} */
  let worker = null;
  /** A start error with no request to report it to: the next request gets it. */
  let startFailure = null;
  let closed = false;
  let seq = 0;
  /** The request the worker is working on, and the ones waiting (in order). */
  let inFlight = null;
  const queue = [];

  function spawn() {
    const w = adopt(new Worker(new URL('./worker.js', import.meta.url), { type: 'module' }));
    // It waits for the compiled core (see worker.js); requests sent meanwhile wait with it.
    module.then((m) => { if (worker === w) w.postMessage({ module: m }); });
    return w;
  }

  function adopt(w) {
    w.onmessage = onWorkerMessage;
    w.onerror = onWorkerError;
    return w;
  }

  if (options.worker) {
    worker = adopt(options.worker);
    if (options.startError) onWorkerError(options.startError);
  }

  /** Settles `req` once; later answers to it are ignored. */
  function settle(req, value, error) {
    if (req.settled) return;
    req.settled = true;
    if (error) req.reject(error); else req.resolve(value);
  }

  function pump() {
    if (inFlight || !queue.length || closed) return;
    worker ??= spawn();
    const req = queue.shift();
    inFlight = req;
    req.id = ++seq;
    const { port1, port2 } = new MessageChannel();
    req.port = port1;
    port1.onmessage = (event) => onAnswer(req, event.data);
    worker.postMessage({ id: req.id, text: req.text, layers: req.layers, port: port2 }, [port2]);
  }

  /** Cancels `req`: a queued one is never sent, the one in flight has its answer dropped unread. */
  function cancel(req, reason) {
    if (req.settled) return;
    settle(req, null, reason);
    const at = queue.indexOf(req);
    if (at >= 0) { queue.splice(at, 1); return; }
    if (req !== inFlight) return;
    req.port.close();
    req.spans = [];
    req.byId = new Map();
    if (req.idle) free(req);
  }

  /** The worker has finished with `req`, whose answer was dropped: on to the next. */
  function free(req) {
    if (inFlight !== req) return;
    inFlight = null;
    if (req.trap) restart();
    pump();
  }

  function restart() {
    worker?.terminate();
    worker = null;
  }

  /** The answer to `req` on its channel: batches of spans, then the Document (or an error). */
  function onAnswer(req, msg) {
    if (req !== inFlight || req.settled) return;
    // When a result starts arriving (the receiving thread's work on it starts here; a mark to read in traces).
    if (!req.spans.length && typeof performance?.mark === 'function') {
      performance.clearMarks('newslens:result');
      performance.mark('newslens:result');
    }
    if (msg.part) {
      for (const s of msg.part) { req.spans.push(s); req.byId.set(s.id, s); }
      return;
    }
    req.port.close();
    inFlight = null;
    if (msg.trap) restart();
    if (msg.error) {
      settle(req, null, Object.assign(new Error(msg.error), { trap: Boolean(msg.trap) }));
    } else {
      msg.doc.spans = req.spans;
      settle(req, { doc: msg.doc, counts: msg.counts, ms: msg.ms, version: msg.version, spanById: req.byId });
    }
    pump();
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
    if (req.settled) free(req);
  }

  /** The worker could not start: the requests waiting on it fail, and the next one starts a new worker. */
  function onWorkerError(event) {
    event.preventDefault?.();
    const error = new Error(`The annotator could not start: ${event.message || 'worker error'}`);
    worker?.terminate();
    worker = null;
    const waiting = inFlight ? [inFlight, ...queue] : [...queue];
    inFlight?.port?.close();
    inFlight = null;
    queue.length = 0;
    if (!waiting.length) startFailure = error;
    for (const req of waiting) settle(req, null, error);
  }

  /** @type {Annotator['annotateDetailed']} */
  function annotateDetailed(text, { layers, signal } = {}) {
    return new Promise((resolve, reject) => {
      if (closed) throw new Error('the annotator is closed');
      if (signal?.aborted) throw signal.reason ?? new DOMException('cancelled', 'AbortError');
      if (startFailure) {
        const error = startFailure;
        startFailure = null;
        throw error;
      }
      const req = { text, layers: Array.isArray(layers) ? layers : undefined, resolve, reject, settled: false, spans: [], byId: new Map(), idle: false, trap: false };
      signal?.addEventListener('abort', () => cancel(req, signal.reason ?? new DOMException('cancelled', 'AbortError')), { once: true });
      queue.push(req);
      pump();
    });
  }

  return {
    annotateDetailed,
    annotate: (text, opts) => annotateDetailed(text, opts).then((a) => a.doc),
    close() {
      if (closed) return;
      closed = true;
      const error = new Error('the annotator is closed');
      for (const req of inFlight ? [inFlight, ...queue] : [...queue]) settle(req, null, error);
      inFlight?.port?.close();
      inFlight = null;
      queue.length = 0;
      worker?.terminate();
      worker = null;
    },
  };
}
