// annotateColumnar returns the same spans as annotate, in the same order, as
// typed-array columns; it is the fast path for large documents.

import assert from "node:assert/strict";
import { before, test } from "node:test";

import { SEED_PATH, TORTURE_PATH, loadWasm, readText } from "./helpers.mjs";

let nl;
before(async () => {
  nl = await loadWasm();
});

for (const [name, path] of [["reference article", SEED_PATH], ["torture text", TORTURE_PATH]]) {
  test(`columns equal the object spans on the ${name}`, () => {
    const text = readText(path);
    const doc = nl.annotate(text);
    const col = nl.annotateColumnar(text);
    assert.ok(col.columns.start instanceof Uint32Array);
    assert.ok(col.columns.layer instanceof Uint8Array);
    assert.equal(col.columns.id.length, doc.spans.length);
    assert.deepEqual(col.stats, doc.stats);
    doc.spans.forEach((s, i) => {
      const row = {
        id: col.columns.id[i],
        layer: col.layer_names[col.columns.layer[i]],
        label: col.label_names[col.columns.label[i]],
        start: col.columns.start[i],
        end: col.columns.end[i],
      };
      if (col.attrs[row.id] !== undefined) row.attrs = col.attrs[row.id];
      assert.deepEqual(row, s);
    });
  });
}

test("columnar errors are thrown Errors and the module stays usable", () => {
  assert.throws(() => nl.annotateColumnar("x", { nope: 1 }), /nope|unknown field/);
  assert.equal(nl.annotateColumnar("One. Two.", { layers: ["sentence"] }).columns.id.length, 2);
});
