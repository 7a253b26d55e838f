// newslens for browsers and bundlers. Call the default export once to load
// the .wasm (it is found beside the glue with `new URL(..., import.meta.url)`,
// which Vite, webpack and esbuild's bundlers follow without a copy step),
// then `annotate` synchronously; or use `createAnnotator()`, which does all
// of it in a Web Worker and answers with promises.
import { annotateColumnar } from './pkg/newslens.js';
import { documentFromColumns } from './columns.js';

export { default, initSync, annotateColumnar, version } from './pkg/newslens.js';
export { createAnnotator } from './annotator.js';
export { documentFromColumns, spansFromColumns } from './columns.js';

/**
 * The Document for `text`. The core hands over typed-array columns and the
 * span objects are made here, in JavaScript: the same Document, byte for
 * byte, as the core's object-by-object `annotate` export, in about a third
 * of the time (each object made from inside wasm costs several crossings).
 */
export function annotate(text, options) {
  return documentFromColumns(annotateColumnar(text, options));
}
