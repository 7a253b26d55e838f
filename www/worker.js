// The annotation worker: loads the wasm core once, then answers messages.
//
// Runs off the main thread so that typing and scrolling stay responsive
// while a long paste is annotated (the core is synchronous). Protocol:
//   in:  { id, text, layers? }   layers: wire layer names to return
//   out: zero or more { id, part: spans[] } (the spans, in order, in batches),
//        then { id, doc, counts, ms, version } (doc without its spans)
//        | { id, error, trap }   (trap: the wasm instance is broken)
// The core's columnar API is used (2-3x faster than building one JS object
// per span in wasm); the spans are rebuilt here and sent in batches, because
// the page pays for each message's copy in one uninterrupted task: a 1 MB
// article's 48 000 spans as one message blocked it for over 100 ms.
// Errors (input over the size limit, bad options, a wasm that failed to
// load) come back as messages, never as an uncaught exception, so the page
// can show them and keep going.

/** Spans per message: a few milliseconds of copying on the main thread. */
const BATCH = 2000;

// The .wasm is fetched at once, alongside its JS glue (static imports would
// load the glue first and only then let it ask for the .wasm).
const bytes = fetch(new URL('./pkg/newslens_bg.wasm', import.meta.url));
bytes.catch(() => { /* awaited by init below, which reports it */ });
const ready = Promise.all([import('./pkg/newslens.js'), import('./columns.js')]).then(async ([core, columns]) => {
  await core.default({ module_or_path: bytes });
  return { ...core, ...columns };
});
ready.catch(() => { /* reported with the first request */ });

self.onmessage = async (event) => {
  const { id, text, layers } = event.data ?? {};
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
    for (let i = 0; i < spans.length; i += BATCH) self.postMessage({ id, part: spans.slice(i, i + BATCH) });
    self.postMessage({ id, doc, counts, ms, version: v });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    // A trap means a bug in the core; the instance cannot be trusted after it.
    const trap = err instanceof WebAssembly.RuntimeError;
    self.postMessage({ id, trap, error: trap ? `the annotator crashed on this text (${message}); it has been restarted` : (message || 'annotation failed') });
  }
};
