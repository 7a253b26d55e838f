// Shared by the Node tests: load the built wasm the way the page does (the
// `--target web` glue in www/pkg, instantiated from bytes), run the native
// CLI, and check the laws every annotated document must obey.
//
// Not a test file itself (the runner only picks up `*.test.mjs`).

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const SHARED = resolve(ROOT, "..", "shared");
export const FIXTURES = join(ROOT, "tests", "fixtures");
export const PKG = join(ROOT, "www", "pkg");

export const SEED_PATH = join(SHARED, "data", "seed-article.txt");
export const TORTURE_PATH = join(FIXTURES, "torture.txt");

export const readText = (path) => readFileSync(path, "utf8");

let wasm;
let instances = 0;

async function instantiate(fresh) {
  const js = join(PKG, "newslens.js");
  const bin = join(PKG, "newslens_bg.wasm");
  if (!existsSync(js) || !existsSync(bin)) {
    throw new Error(`${js} is missing: build it with \`make wasm\` first`);
  }
  // A distinct URL gives a distinct module record, hence its own instance.
  const url = pathToFileURL(js).href + (fresh ? `?instance=${++instances}` : "");
  const mod = await import(url);
  memories.set(mod, mod.initSync({ module: readFileSync(bin) }).memory);
  return mod;
}

const memories = new WeakMap();

/** The size in bytes of the linear memory of an instance that `loadWasm` or `loadFreshWasm` gave. */
export const wasmMemoryBytes = (mod) => memories.get(mod).buffer.byteLength;

/** The wasm module's exports, instantiated once per test file. */
export async function loadWasm() {
  wasm ??= await instantiate(false);
  return wasm;
}

/** A separate instance, for tests that might break the one they use. */
export const loadFreshWasm = () => instantiate(true);

/** The crate version from Cargo.toml's [package] section. */
export function crateVersion() {
  const toml = readText(join(ROOT, "Cargo.toml"));
  const pkg = toml.slice(toml.indexOf("[package]"));
  const m = pkg.match(/^version\s*=\s*"([^"]+)"/m);
  assert.ok(m, "Cargo.toml has a [package] version");
  return m[1];
}

/**
 * Path of the native CLI: $NEWSLENS_CLI (set by the Makefile), else the
 * newer of the release and debug builds.
 */
export function cliPath() {
  if (process.env.NEWSLENS_CLI) return resolve(ROOT, process.env.NEWSLENS_CLI);
  const dir = process.env.CARGO_TARGET_DIR ? resolve(ROOT, process.env.CARGO_TARGET_DIR) : join(ROOT, "target");
  const found = ["release", "debug"]
    .map((p) => join(dir, p, "newslens"))
    .filter((p) => existsSync(p))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  if (!found.length) throw new Error("no newslens binary: run `cargo build --bin newslens` first");
  return found[0];
}

/** Runs the CLI with `args`, feeding `input` on stdin; returns stdout. */
export function runCli(args, input) {
  return execFileSync(cliPath(), args, {
    input,
    encoding: "utf8",
    maxBuffer: 1 << 30,
    stdio: ["pipe", "pipe", "pipe"],
  });
}

const isHigh = (u) => u >= 0xd800 && u <= 0xdbff;
const isLow = (u) => u >= 0xdc00 && u <= 0xdfff;

/** Whether UTF-16 index `i` of `text` falls between the halves of a surrogate pair. */
export function splitsPair(text, i) {
  return i > 0 && i < text.length && isHigh(text.charCodeAt(i - 1)) && isLow(text.charCodeAt(i));
}

/** The spans of `doc` in `layer`. */
export const layer = (doc, name) => doc.spans.filter((s) => s.layer === name);

/**
 * Checks that `inner` spans each lie inside one of `outer` (both sorted by
 * start; `outer` must not overlap itself).
 */
function assertNested(inner, outer, what) {
  let j = 0;
  for (const s of inner) {
    while (j < outer.length && outer[j].end <= s.start) j++;
    const o = outer[j];
    assert.ok(
      o && o.start <= s.start && s.end <= o.end,
      `${what}: span ${s.id} [${s.start},${s.end}) is not inside any container` +
        (o ? ` (next is ${o.id} [${o.start},${o.end}))` : ""),
    );
  }
}

function assertDisjoint(spans, what) {
  for (let i = 1; i < spans.length; i++) {
    assert.ok(
      spans[i - 1].end <= spans[i].start,
      `${what} overlap: ${spans[i - 1].id} [${spans[i - 1].start},${spans[i - 1].end}) and ${spans[i].id} [${spans[i].start},${spans[i].end})`,
    );
  }
}

/**
 * The laws of the wire format over `text`: offsets in UTF-16 code units,
 * in bounds, never between the halves of a surrogate pair; spans sorted by
 * start, longer first on ties; ids unique; paragraphs, sentences and tokens
 * each disjoint, tokens inside sentences inside paragraphs.
 */
export function assertWellFormed(text, doc) {
  assert.equal(typeof doc, "object");
  assert.equal(typeof doc.version, "string");
  assert.ok(Array.isArray(doc.spans), "spans is an array");
  for (const key of ["chars", "words", "sentences", "paragraphs", "reading_minutes"]) {
    assert.equal(typeof doc.stats[key], "number", `stats.${key} is a number`);
  }
  const ids = new Set();
  let prev;
  for (const s of doc.spans) {
    const where = `span ${JSON.stringify(s)}`;
    assert.ok(Number.isInteger(s.id) && s.id >= 0, `${where}: id`);
    assert.ok(!ids.has(s.id), `${where}: duplicate id`);
    ids.add(s.id);
    assert.equal(typeof s.layer, "string", `${where}: layer`);
    assert.equal(typeof s.label, "string", `${where}: label`);
    assert.ok(Number.isInteger(s.start) && Number.isInteger(s.end), `${where}: integer offsets`);
    assert.ok(0 <= s.start && s.start < s.end && s.end <= text.length, `${where}: out of bounds (text.length ${text.length})`);
    assert.ok(!splitsPair(text, s.start) && !splitsPair(text, s.end), `${where}: splits a surrogate pair`);
    if (s.attrs !== undefined) {
      assert.ok(s.attrs && typeof s.attrs === "object" && Object.keys(s.attrs).length > 0, `${where}: attrs, when present, is a non-empty object`);
    }
    if (prev) {
      assert.ok(
        prev.start < s.start || (prev.start === s.start && prev.end >= s.end),
        `spans out of order: ${JSON.stringify(prev)} before ${JSON.stringify(s)}`,
      );
    }
    prev = s;
  }
  const paragraphs = layer(doc, "paragraph");
  const sentences = layer(doc, "sentence");
  const tokens = layer(doc, "token");
  assertDisjoint(paragraphs, "paragraphs");
  assertDisjoint(sentences, "sentences");
  assertDisjoint(tokens, "tokens");
  if (paragraphs.length) assertNested(sentences, paragraphs, "sentence in paragraph");
  if (sentences.length) assertNested(tokens, sentences, "token in sentence");
}

/** Letters and digits that no token covers (at most `limit` of them). */
export function uncoveredWordChars(text, doc, limit = 10) {
  const covered = new Uint8Array(text.length);
  for (const t of layer(doc, "token")) covered.fill(1, t.start, t.end);
  const missing = [];
  for (const m of text.matchAll(/[\p{L}\p{N}]/gu)) {
    if (!covered[m.index]) {
      missing.push({ at: m.index, char: m[0], context: text.slice(Math.max(0, m.index - 10), m.index + 10) });
      if (missing.length >= limit) break;
    }
  }
  return missing;
}
