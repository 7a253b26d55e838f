// Types of the package's entry (index.js in browsers and bundlers,
// index.node.js in Node; both export these names). The wire types
// (Document, Span, Layer, Label, the attrs, Options) come from the core's
// generated declaration, pkg/newslens.d.ts.
export { default, initSync, annotate, annotateColumnar, version } from './pkg/newslens.js';
export type * from './pkg/newslens.js';
export { createAnnotator } from './annotator.js';
export type { Annotator, AnnotatorOptions, AnnotateOptions, Annotation } from './annotator.js';
export { documentFromColumns, spansFromColumns } from './columns.js';
