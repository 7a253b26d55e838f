// The annotation worker: loads the wasm core once, then answers messages.
//
// Runs off the main thread so that typing and scrolling stay responsive
// while a long paste is annotated (the core is synchronous). Protocol:
//   in:  { module }   once: the compiled .wasm (a WebAssembly.Module), or null
//                     to have the worker fetch it; requests wait for it
//                     (annotator.js, which starts this worker, sends it)
//        { id, text, layers?, port? }   layers: wire layer names to return;
//                     port: a MessagePort for the answer (else this worker's own)
//   out, on the port: zero or more { id, part: spans[] } (the spans, in
//        order, in batches), then { id, doc, counts, ms, version } (doc
//        without its spans) | { id, error, trap } (trap: the wasm instance
//        is broken); then, on the worker's own channel, { id, idle, trap }.
// The core's columnar API is used (2-3x faster than building one JS object
// per span in wasm); the spans are rebuilt here and sent in batches, because
// the page pays for each message's copy in one uninterrupted task: a 1 MB
// article's 48 000 spans as one message blocked it for over 100 ms.
// Errors (input over the size limit, bad options, a wasm that failed to
// load) come back as messages, never as an uncaught exception, so the page
// can show them and keep going.

import { loadCore } from './core.js';

/** Spans per message: a few milliseconds of copying on the main thread. */
const BATCH = 2000;

/** Resolves to the { module } message's module: compiled by the page (boot.js), or null. */
let takeModule;
const pageModule = new Promise((resolve) => { takeModule = resolve; });
// The glue is fetched while the page compiles the .wasm; given no module,
// the worker fetches and compiles the .wasm itself (core.js, shared with boot.js).
const ready = Promise.all([loadCore(pageModule), import('./columns.js')]).then(([core, columns]) => ({ ...core, ...columns }));
ready.catch(() => { /* reported with the first request */ });

self.onmessage = async (event) => {
  if (event.data && 'module' in event.data) {
    takeModule(event.data.module instanceof WebAssembly.Module ? event.data.module : null);
    return;
  }
  const { id, text, layers, port } = event.data ?? {};
  // The answer goes on the request's own channel (the page may close it unread), then a note here.
  const out = port ?? self;
  let trap = false;
  try {
    const { annotateColumnar, version, documentFromColumns, countSpans } = await ready;
    const v = version();
    if (typeof text !== 'string') throw new Error('expected a string of text');
    const t0 = performance.now();
    const doc = documentFromColumns(annotateColumnar(text, Array.isArray(layers) ? { layers } : undefined));
    const ms = performance.now() - t0;
    const { spans } = doc;
    const counts = countSpans(spans);
    doc.spans = [];
    for (let i = 0; i < spans.length; i += BATCH) out.postMessage({ id, part: spans.slice(i, i + BATCH) });
    out.postMessage({ id, doc, counts, ms, version: v });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    // A trap means a bug in the core; the instance cannot be trusted after it.
    trap = err instanceof WebAssembly.RuntimeError;
    out.postMessage({ id, trap, error: trap ? `the annotator crashed on this text (${message}); it has been restarted` : (message || 'annotation failed') });
  }
  self.postMessage({ id, idle: true, trap });
};
