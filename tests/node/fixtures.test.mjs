// The shared segmentation fixtures (tests/fixtures/segmentation.json), run
// against the built wasm: the news rules of issue 3 hold in what JS sees.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { before, test } from "node:test";

import { FIXTURES, assertWellFormed, layer, loadWasm } from "./helpers.mjs";

const { cases } = JSON.parse(readFileSync(join(FIXTURES, "segmentation.json"), "utf8"));

let nl;
before(async () => {
  nl = await loadWasm();
});

for (const c of cases) {
  test(c.name, () => {
    const doc = nl.annotate(c.text);
    assertWellFormed(c.text, doc);
    const slice = (s) => c.text.slice(s.start, s.end);
    assert.deepEqual(layer(doc, "sentence").map(slice), c.sentences);
    if (c.paragraphs !== undefined) assert.equal(layer(doc, "paragraph").length, c.paragraphs);
    const tokens = layer(doc, "token").map((t) => [slice(t), t.label]);
    for (const [text, label] of c.tokens) {
      assert.ok(
        tokens.some(([t, l]) => t === text && l === label),
        `token ${JSON.stringify(text)} as ${label}; tokens were ${JSON.stringify(tokens)}`,
      );
    }
  });
}

test("the fixtures file has cases", () => {
  assert.ok(cases.length >= 10);
});
