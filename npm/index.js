// newslens for browsers and bundlers. Call the default export once to load
// the .wasm (it is found beside the glue with `new URL(..., import.meta.url)`,
// which Vite, webpack and esbuild's bundlers follow without a copy step),
// then `annotate` synchronously; or use `createAnnotator()`, which does all
// of it in a Web Worker and answers with promises.
export { default, initSync, annotate, annotateColumnar, version } from './pkg/newslens.js';
export { createAnnotator } from './annotator.js';
export { documentFromColumns, spansFromColumns } from './columns.js';
