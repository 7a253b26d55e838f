// The annotation worker: loads the wasm core once, then answers messages.
//
// Runs off the main thread so that typing and scrolling stay responsive
// while a long paste is annotated (the core is synchronous). Protocol:
//   in:  { id, text, layers? }   layers: wire layer names to return
//   out: { id, doc } | { id, error, trap }   (trap: the wasm instance is broken)
// Errors (input over the size limit, bad options, a wasm that failed to
// load) come back as messages, never as an uncaught exception, so the page
// can show them and keep going.

import init, { annotate, version } from './pkg/newslens.js';

const ready = init().then(() => version());

self.onmessage = async (event) => {
  const { id, text, layers } = event.data ?? {};
  try {
    const v = await ready;
    if (typeof text !== 'string') throw new Error('expected a string of text');
    const t0 = performance.now();
    const doc = annotate(text, Array.isArray(layers) ? { layers } : undefined);
    const ms = performance.now() - t0;
    self.postMessage({ id, doc, ms, version: v });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    // A trap means a bug in the core; the instance cannot be trusted after it.
    const trap = err instanceof WebAssembly.RuntimeError;
    self.postMessage({ id, trap, error: trap ? `the annotator crashed on this text (${message}); it has been restarted` : (message || 'annotation failed') });
  }
};
