// newslens for Node: the .wasm is read from this package's folder and
// instantiated synchronously on import, so `annotate` works at once; the
// default export (init) is kept for code shared with browsers and does nothing.
import { readFileSync } from 'node:fs';
import { initSync, annotate } from './pkg/newslens.js';

initSync({ module: readFileSync(new URL('./pkg/newslens_bg.wasm', import.meta.url)) });

export { initSync, annotate, annotateColumnar, version } from './pkg/newslens.js';
export { documentFromColumns, spansFromColumns } from './columns.js';

/** Already done on import; resolves at once. */
export default async function init() {}

/**
 * The browser's worker helper, for code shared with browsers. Node has no
 * Web Worker here: it annotates on the calling thread, with the same
 * promise-returning interface.
 */
export function createAnnotator() {
  let closed = false;
  return {
    async annotate(text, options) {
      if (closed) throw new Error('the annotator is closed');
      return annotate(text, options);
    },
    close() {
      closed = true;
    },
  };
}
