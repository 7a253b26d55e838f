// Options whose reading throws in JS (a revoked Proxy, a throwing `ownKeys`
// trap, a throwing getter) must come back as a plain Error. An exception
// that unwinds through wasm skips the restore of wasm's stack pointer: each
// call leaked a little stack, and after about a thousand every call,
// `version()` included, failed with "memory access out of bounds". So each
// kind is thrown thousands of times here, on a fresh instance, and the
// module must still annotate and report its version afterwards.

import assert from "node:assert/strict";
import { test } from "node:test";

import { SEED_PATH, assertWellFormed, crateVersion, loadFreshWasm, readText } from "./helpers.mjs";

const CALLS = 5000;
const seed = readText(SEED_PATH);
const text = "Gen. Smith spoke on Monday. “We will stay,” he said.";

/** A revoked Proxy: every operation on it throws a TypeError. */
function revoked() {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}

class Boom extends Error {}

const KINDS = {
  "a revoked Proxy as options": () => revoked(),
  "a throwing ownKeys trap": () => new Proxy({}, { ownKeys() { throw new Boom("no keys for you"); } }),
  "a throwing getter on options.layers": () => ({ get layers() { throw new Boom("no layers"); } }),
  "a throwing getter on a layers element": () => {
    const layers = ["sentence", "entity"];
    Object.defineProperty(layers, 1, { get() { throw new Boom("no element"); } });
    return { layers };
  },
  "a revoked Proxy as options.layers": () => ({ layers: revoked() }),
  "a layers Proxy whose length throws": () => ({
    layers: new Proxy(["sentence"], { get(target, key) { if (key === "length") throw new Boom("no length"); return target[key]; } }),
  }),
  "a thrown non-Error value": () => new Proxy({}, { ownKeys() { throw "a string"; } }),
};

for (const [kind, make] of Object.entries(KINDS)) {
  test(`${kind}: ${CALLS} calls give Errors, and the module still works`, async () => {
    const nl = await loadFreshWasm();
    for (const annotate of [nl.annotate, nl.annotateColumnar]) {
      for (let i = 0; i < CALLS / 2; i++) {
        let caught;
        try {
          annotate(text, make());
        } catch (error) {
          caught = error;
        }
        assert.ok(caught instanceof Error, `call ${i} threw an Error: ${caught}`);
        assert.ok(!(caught instanceof WebAssembly.RuntimeError), `call ${i} trapped: ${caught}`);
        assert.ok(!(caught instanceof Boom), `call ${i}: the JS exception went through unconverted`);
        assert.match(caught.message, /options/, "the message says the options were at fault");
      }
    }
    assert.equal(nl.version(), crateVersion());
    const doc = nl.annotate(seed);
    assert.equal(doc.stats.sentences, 14);
    assertWellFormed(seed, doc);
    const columns = nl.annotateColumnar(seed, { layers: ["sentence"] });
    assert.equal(columns.columns.id.length, 14);
  });
}

test("the JS exception's message is passed on", async () => {
  const nl = await loadFreshWasm();
  assert.throws(() => nl.annotate(text, KINDS["a throwing getter on a layers element"]()), /options\.layers\[1\].*no element/);
  assert.throws(() => nl.annotate(text, KINDS["a throwing ownKeys trap"]()), /no keys for you/);
  assert.throws(() => nl.annotate(text, KINDS["a thrown non-Error value"]()), /a string/);
});

test("a layers Proxy that claims a huge length is refused without a long loop", async () => {
  const nl = await loadFreshWasm();
  const layers = new Proxy(["sentence"], { get: (t, k) => (k === "length" ? 4e9 : t[k]) });
  assert.throws(() => nl.annotate(text, { layers }), /at most/);
});
