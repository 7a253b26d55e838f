// Bad input gives a result or a thrown Error, never a trap (a
// `WebAssembly.RuntimeError` would leave the module unusable), and the module
// keeps working afterwards.

import assert from "node:assert/strict";
import { before, test } from "node:test";

import { SEED_PATH, assertWellFormed, layer, loadFreshWasm, loadWasm, readText } from "./helpers.mjs";

let nl;
const seed = readText(SEED_PATH);

before(async () => {
  nl = await loadWasm();
});

/** Calls `fn`; returns `{ doc }` or `{ error }`, failing the test on a trap. */
function outcome(fn) {
  try {
    return { doc: fn() };
  } catch (error) {
    assert.ok(!(error instanceof WebAssembly.RuntimeError), `trapped: ${error}`);
    assert.ok(error instanceof Error, `threw a non-Error: ${error}`);
    assert.ok(error.message.length > 0, "the error says something");
    return { error };
  }
}

/** The module still annotates the reference article correctly. */
function assertStillWorks() {
  const doc = nl.annotate(seed);
  assert.equal(doc.stats.sentences, 14);
  assertWellFormed(seed, doc);
}

test("a 50 MB string is refused with an Error that names the limit", () => {
  const big = "The minister said the talks would resume. ".repeat(Math.ceil(50e6 / 42)).slice(0, 50e6);
  const { doc, error } = outcome(() => nl.annotate(big));
  assert.equal(doc, undefined, "50 MB is over the documented limit");
  assert.match(error.message, /limit/);
  assert.match(error.message, /\b50000000\b/, "the message gives the input's size");
  assert.match(error.message, /\b33554432\b/, "the message gives the limit (MAX_INPUT_BYTES)");
  assertStillWorks();
});

test("a 50 MB string of emoji (four bytes each in UTF-8) is refused too", () => {
  // 26 M UTF-16 code units, under the limit in JS terms; 52 MB of UTF-8.
  const big = "\u{1F600}".repeat(13_000_000);
  const { error } = outcome(() => nl.annotate(big));
  assert.ok(error, "52 MB of UTF-8 is over the limit");
  assert.match(error.message, /limit/);
  assertStillWorks();
});

test("lone surrogates", () => {
  for (const text of ["\uD800abc\uDC00", "\uDC00", "\uD800", "abc\uD83D", "\uDE00abc def.", "a\uD800\uD800b. c\uDC00\uDC00d."]) {
    const { doc } = outcome(() => nl.annotate(text));
    if (doc) {
      // A lone surrogate arrives in Rust as U+FFFD, one UTF-16 code unit
      // like the surrogate, so offsets still index the caller's string.
      assertWellFormed(text, doc);
      const abc = layer(doc, "token").find((t) => text.slice(t.start, t.end).includes("abc"));
      if (text.includes("abc") && abc) assert.equal(text.slice(abc.start, abc.end).replace(/[\uD800-\uDFFF]/g, ""), "abc");
    }
  }
  assertStillWorks();
});

test("empty and whitespace-only texts give an empty Document", () => {
  for (const text of ["", " ", "\n\n\n", " \t\r\n \u00a0\u2003\u3000\r\n", "\u200B\u200B"]) {
    const { doc } = outcome(() => nl.annotate(text));
    assert.ok(doc, `a result for ${JSON.stringify(text)}`);
    assertWellFormed(text, doc);
    assert.equal(layer(doc, "token").length, 0, `no tokens in ${JSON.stringify(text)}`);
    assert.equal(layer(doc, "sentence").length, 0, `no sentences in ${JSON.stringify(text)}`);
    assert.equal(doc.stats.words, 0);
    assert.equal(doc.stats.sentences, 0);
  }
  assertStillWorks();
});

test("control characters only", () => {
  const text = Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).join("") + "\u007f\u0085";
  const { doc } = outcome(() => nl.annotate(text));
  if (doc) assertWellFormed(text, doc);
  assertStillWorks();
});

test("an unknown layer is an Error that names it", () => {
  const { error } = outcome(() => nl.annotate(seed, { layers: ["nope"] }));
  assert.ok(error, "unknown layer refused");
  assert.match(error.message, /nope/);
  assertStillWorks();
});

test("an unknown option is an Error that names it", () => {
  const { error } = outcome(() => nl.annotate(seed, { foo: 1 }));
  assert.ok(error, "unknown option refused, as src/options.rs documents");
  assert.match(error.message, /foo/);
  assertStillWorks();
});

test("options of the wrong shape are an Error that says what is expected", () => {
  for (const [options, expected] of [
    ["sentences", /must be an object/],
    [42, /must be an object/],
    [["sentence"], /must be an object/],
    [{ layers: "sentence" }, /layers must be an array of layer names \(paragraph, sentence/],
    [{ layers: [1, 2] }, /layers must be an array/],
    [{ layers: null }, /layers must be an array/],
  ]) {
    const { error } = outcome(() => nl.annotate(seed, options));
    assert.match(String(error?.message), expected, JSON.stringify(options));
  }
  // Absent and undefined mean the default, as they did through JSON.
  assert.equal(nl.annotate(seed, { layers: undefined }).stats.sentences, 14);
  assert.deepEqual(nl.annotate(seed, { layers: [] }).spans, []);
  assertStillWorks();
});

test("options of the wrong type give a result or an Error, never a trap", () => {
  for (const options of [{ foo: 1 }, "sentences", 42, true, [], { layers: "sentence" }, { layers: [1, 2] }, { layers: null }, { layers: [] }]) {
    const { doc } = outcome(() => nl.annotate("Gen. Smith spoke. He left.", options));
    if (doc) assertWellFormed("Gen. Smith spoke. He left.", doc);
  }
  assertStillWorks();
});

test(
  "a text that is not a string gives a result or an Error, never a trap",
  async () => {
    // Its own instance: a trap would leave the shared one unusable.
    const own = await loadFreshWasm();
    for (const text of [undefined, null, 42, {}, ["a"], Symbol("x")]) {
      const { error } = outcome(() => own.annotate(text));
      assert.match(String(error?.message), /text must be a string/);
      assert.match(String(outcome(() => own.annotateColumnar(text)).error?.message), /text must be a string/);
    }
    assert.equal(own.annotate(seed).stats.sentences, 14);
  },
);

test("many calls in a row do not leak into each other", () => {
  const first = nl.annotate(seed);
  for (let i = 0; i < 50; i++) nl.annotate(i % 2 ? "\u{1F600}".repeat(i * 100) : "x. ".repeat(i * 100));
  assert.deepStrictEqual(nl.annotate(seed), first);
});
