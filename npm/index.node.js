// newslens for Node: the .wasm is read from this package's folder and
// instantiated synchronously on import, so `annotate` works at once; the
// default export (init) is kept for code shared with browsers and does nothing.
import { readFileSync } from 'node:fs';
import { initSync, annotateColumnar, version } from './pkg/newslens.js';
import { countSpans, documentFromColumns } from './columns.js';

initSync({ module: readFileSync(new URL('./pkg/newslens_bg.wasm', import.meta.url)) });

export { initSync, annotateColumnar, version } from './pkg/newslens.js';
export { documentFromColumns, spansFromColumns } from './columns.js';

/**
 * The Document for `text`, its span objects made in JavaScript from the
 * core's columns (as in index.js: the same Document as the core's
 * object-by-object export, in about a third of the time).
 */
export function annotate(text, options) {
  return documentFromColumns(annotateColumnar(text, options));
}

/** Already done on import; resolves at once. */
export default async function init() {}

/**
 * The browser's worker helper (annotator.js), for code shared with
 * browsers: the same interface, but Node has no Web Worker here, so it
 * annotates on the calling thread. Options other than `layers` and
 * `signal` are ignored, as the worker ignores them.
 */
export function createAnnotator() {
  let closed = false;
  async function annotateDetailed(text, { layers, signal } = {}) {
    if (closed) throw new Error('the annotator is closed');
    if (signal?.aborted) throw signal.reason ?? new DOMException('cancelled', 'AbortError');
    const t0 = performance.now();
    const doc = annotate(text, Array.isArray(layers) ? { layers } : undefined);
    const ms = performance.now() - t0;
    return { doc, counts: countSpans(doc.spans), ms, version: version(), spanById: new Map(doc.spans.map((s) => [s.id, s])) };
  }
  return {
    annotateDetailed,
    annotate: (text, options) => annotateDetailed(text, options).then((a) => a.doc),
    close() {
      closed = true;
    },
  };
}
