// Spans from the core's columnar form, and the documents the worker sends.
//
// `annotateColumnar` hands the worker typed-array columns (much faster to
// produce than one JS object per span through serde), but the page works with
// span objects. This module rebuilds them, in the wire shape `annotate`
// returns ({ id, layer, label, start, end, attrs? }, attrs absent when empty),
// so that the rest of the page and every export are unchanged. It runs in the
// worker: the page then receives plain objects in batches (each batch's
// structured-clone copy is its own short task on the main thread, where one
// message for a 1 MB article used to cost a 100+ ms task).

/**
 * The spans of a columnar result, in its order (the order of `annotate`).
 * @param {{layer_names: string[], label_names: string[], columns: {id: Uint32Array, layer: Uint8Array, label: Uint8Array, start: Uint32Array, end: Uint32Array}, attrs: Record<string, object>}} col
 */
export function spansFromColumns(col) {
  const { layer_names: layers, label_names: labels, columns: c, attrs } = col;
  const n = c.id.length;
  const spans = new Array(n);
  for (let i = 0; i < n; i++) {
    const id = c.id[i];
    const span = { id, layer: layers[c.layer[i]], label: labels[c.label[i]], start: c.start[i], end: c.end[i] };
    const a = attrs[id];
    if (a !== undefined) span.attrs = a;
    spans[i] = span;
  }
  return spans;
}

/**
 * The Document `annotate` would return (same fields, same order), from a
 * columnar result.
 */
export function documentFromColumns(col) {
  const { version, stats, layer_names: _l, label_names: _n, columns: _c, attrs: _a, ...summaries } = col;
  return { version, stats, spans: spansFromColumns(col), ...summaries };
}

/**
 * How many spans each layer and each `layer:label` has: what the layer
 * toggles and the legend show, counted once in the worker instead of by
 * passes over every span on the main thread.
 */
export function countSpans(spans) {
  const layers = {};
  const labels = {};
  for (const s of spans) {
    layers[s.layer] = (layers[s.layer] ?? 0) + 1;
    const key = `${s.layer}:${s.label}`;
    labels[key] = (labels[key] ?? 0) + 1;
  }
  return { layers, labels };
}
