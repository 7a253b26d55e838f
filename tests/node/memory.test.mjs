// Wasm memory never shrinks: what a call allocates at its peak stays with
// the page. These check the high-water mark, each on a fresh instance.

import assert from "node:assert/strict";
import { test } from "node:test";

import { SEED_PATH, loadFreshWasm, readText, wasmMemoryBytes } from "./helpers.mjs";

const seed = readText(SEED_PATH);
// ~1 MB of news: the reference article, repeated.
const article = Array(Math.ceil(1e6 / seed.length)).fill(seed).join("\n\n");

async function memoryAfter(call) {
  const nl = await loadFreshWasm();
  call(nl);
  return wasmMemoryBytes(nl);
}

test("the object API builds no list of all spans: it needs no more wasm memory than the columnar one", async () => {
  const columnar = await memoryAfter((nl) => nl.annotateColumnar(article));
  const objects = await memoryAfter((nl) => nl.annotate(article));
  // One page (64 KiB) of slack for the allocator's bookkeeping.
  assert.ok(objects <= columnar + 65536, `annotate grew the memory to ${objects} bytes, annotateColumnar to ${columnar}`);
});

test("a refused input is not copied into wasm memory", async () => {
  const nl = await loadFreshWasm();
  nl.annotate(seed);
  const before = wasmMemoryBytes(nl);
  const big = "The minister said the talks would resume. ".repeat(Math.ceil(40e6 / 42));
  assert.throws(() => nl.annotate(big), /limit/);
  assert.throws(() => nl.annotateColumnar(big), /limit/);
  assert.equal(wasmMemoryBytes(nl), before);
});
