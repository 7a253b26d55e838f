// Types of the package's entry (index.js in browsers and bundlers,
// index.node.js in Node; both export the same names). The wire types
// (Document, Span, Layer, Label, the attrs, Options) come from the core's
// generated declaration, pkg/newslens.d.ts.
export * from './pkg/newslens.js';
export { default } from './pkg/newslens.js';
export { createAnnotator } from './annotator.js';
export type { Annotator, AnnotatorOptions } from './annotator.js';
export { documentFromColumns, spansFromColumns } from './columns.js';
