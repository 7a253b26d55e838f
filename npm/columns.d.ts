// Types of columns.js: spans rebuilt from `annotateColumnar`'s typed arrays.
import type { ColumnarDocument, Document, Span } from './pkg/newslens.js';

/** The spans of a columnar result, in its order (the order of `annotate`). */
export function spansFromColumns(col: ColumnarDocument): Span[];

/** The Document `annotate` would return (same fields, same order), from a columnar result. */
export function documentFromColumns(col: ColumnarDocument): Document;

/** How many spans each layer and each `layer:label` has. */
export function countSpans(spans: Span[]): { layers: Record<string, number>; labels: Record<string, number> };
