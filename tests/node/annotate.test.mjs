// The built .wasm, loaded in Node as the page loads it, on the reference
// article and on a Unicode torture text: the offset laws hold for every
// span, and the native CLI prints exactly what the wasm returns.

import assert from "node:assert/strict";
import { before, describe, test } from "node:test";

import {
  SEED_PATH,
  TORTURE_PATH,
  assertWellFormed,
  crateVersion,
  layer,
  loadWasm,
  readText,
  runCli,
  uncoveredWordChars,
} from "./helpers.mjs";
import { gumNews } from "../../benches/corpus.mjs";

let nl;
const seed = readText(SEED_PATH);
const torture = readText(TORTURE_PATH);

before(async () => {
  nl = await loadWasm();
});

test("version() is the crate version, and every Document carries it", () => {
  assert.equal(nl.version(), crateVersion());
  assert.equal(nl.annotate("Hello.").version, crateVersion());
});

describe("reference article", () => {
  test("has 14 sentences in 13 paragraphs", () => {
    const doc = nl.annotate(seed);
    assert.equal(layer(doc, "sentence").length, 14);
    assert.equal(layer(doc, "paragraph").length, 13);
    assert.equal(doc.stats.sentences, 14);
    assert.equal(doc.stats.paragraphs, 13);
  });

  test("every span obeys the offset laws", () => {
    assertWellFormed(seed, nl.annotate(seed));
  });

  test("every letter and digit is inside a token", () => {
    assert.deepEqual(uncoveredWordChars(seed, nl.annotate(seed)), []);
  });

  test("stats count what the spans show", () => {
    const doc = nl.annotate(seed);
    const words = layer(doc, "token").filter((t) => t.label === "word").length;
    assert.ok(words > 0 && doc.stats.words > 0);
    // Words are counted the reader's way (possessive endings and hyphen
    // halves may be separate tokens), so allow a small difference.
    assert.ok(Math.abs(doc.stats.words - words) <= words * 0.2, `stats.words ${doc.stats.words} vs ${words} word tokens`);
    assert.ok(doc.stats.reading_minutes >= 1, "a 2 KB article takes at least a minute");
  });

  test("a sentence that ends inside closing quotes keeps its quote mark", () => {
    const doc = nl.annotate(seed);
    for (const s of layer(doc, "sentence")) {
      const text = seed.slice(s.start, s.end);
      assert.equal(text, text.trim(), `sentence ${s.id} has no surrounding whitespace`);
      const opens = (text.match(/\u201c/g) || []).length;
      const closes = (text.match(/\u201d/g) || []).length;
      assert.equal(opens, closes, `curly double quotes balance within: ${text}`);
    }
  });

  test("the CLI's JSON equals the wasm result", () => {
    const cli = JSON.parse(runCli(["-"], seed));
    assert.deepStrictEqual(cli, nl.annotate(seed));
  });

  test("layers can be selected, and the CLI agrees", () => {
    const doc = nl.annotate(seed, { layers: ["sentence", "token"] });
    assert.ok(doc.spans.length > 0);
    assert.deepEqual([...new Set(doc.spans.map((s) => s.layer))].sort(), ["sentence", "token"]);
    // Ids number the returned spans, so only compare what the spans say.
    const strip = ({ id, ...rest }) => rest;
    const full = nl.annotate(seed);
    assert.deepStrictEqual(
      doc.spans.map(strip),
      full.spans.filter((s) => s.layer === "sentence" || s.layer === "token").map(strip),
      "a selected layer is the same as in the full result",
    );
    assert.deepStrictEqual(JSON.parse(runCli(["--layers", "sentence,token", "-"], seed)), doc);
  });
});

describe("Unicode torture text", () => {
  test("contains what it is meant to torture with", () => {
    // Guards the fixture itself against an editor "fixing" it.
    for (const [what, re] of [
      ["CRLF", /\r\n/],
      ["NUL", /\u0000/],
      ["ZWJ emoji", /\u{1F468}\u200D\u{1F469}/u],
      ["skin tone", /\u{1F3FD}/u],
      ["flag", /\u{1F1EE}\u{1F1F6}/u],
      ["Arabic", /\p{Script=Arabic}/u],
      ["Hebrew", /\p{Script=Hebrew}/u],
      ["Han", /\p{Script=Han}{4}/u],
      ["combining mark", /\p{M}/u],
      ["zero-width space", /\u200B/],
      ["curly quotes", /\u201c.*\u201d/],
    ]) {
      assert.match(torture, re, what);
    }
  });

  test("every span obeys the offset laws", () => {
    assertWellFormed(torture, nl.annotate(torture));
  });

  test("every letter and digit is inside a token", () => {
    assert.deepEqual(uncoveredWordChars(torture, nl.annotate(torture)), []);
  });

  test("tokens do not split grapheme clusters", () => {
    const doc = nl.annotate(torture);
    const seg = new Intl.Segmenter("en", { granularity: "grapheme" });
    const bounds = new Set([...seg.segment(torture)].map((g) => g.index));
    bounds.add(torture.length);
    for (const t of layer(doc, "token")) {
      assert.ok(
        bounds.has(t.start) && bounds.has(t.end),
        `token ${JSON.stringify(torture.slice(t.start, t.end))} [${t.start},${t.end}) cuts a grapheme`,
      );
    }
  });

  test("the CLI's JSON equals the wasm result", () => {
    const cli = JSON.parse(runCli([TORTURE_PATH]));
    assert.deepStrictEqual(cli, nl.annotate(torture));
  });

  test("each line of it also obeys the laws, alone", () => {
    for (const line of torture.split(/\r?\n/)) {
      assertWellFormed(line, nl.annotate(line));
    }
  });
});

test("--jsonl gives, line by line, the wasm result with the line's fields under input", () => {
  const texts = [seed, torture, "", "One line.", "\u{1F468}\u200D\u{1F469}\u200D\u{1F467} said \u201chi.\u201d"];
  const input = texts.map((text, i) => JSON.stringify({ id: `doc-${i}`, text })).join("\n") + "\n";
  const lines = runCli(["--jsonl", "-"], input).trim().split("\n");
  assert.equal(lines.length, texts.length);
  lines.forEach((line, i) => {
    const { input, ...doc } = JSON.parse(line);
    assert.deepStrictEqual(input, { id: `doc-${i}`, text: texts[i] });
    assert.deepStrictEqual(doc, nl.annotate(texts[i]));
  });
});

test("a larger text of many articles obeys the laws", () => {
  // About 0.5 MB: the seed and torture texts interleaved with varied
  // separators, so boundaries between them are exercised too.
  const seps = ["\n\n", "\r\n", " ", "\n", "\u2029"];
  const parts = [];
  for (let i = 0; parts.join("").length < 500_000; i++) {
    parts.push(i % 3 === 2 ? torture : seed, seps[i % seps.length]);
  }
  const text = parts.join("");
  const doc = nl.annotate(text);
  assertWellFormed(text, doc);
  assert.ok(layer(doc, "sentence").length > 14 * (parts.length / 2 / 3));
});

test("on every GUM news document, the laws hold and the CLI (--jsonl) equals the wasm", () => {
  const docs = gumNews();
  assert.ok(docs.length >= 20, `${docs.length} GUM news documents`);
  const input = docs.map((d) => JSON.stringify({ id: d.id, text: d.text })).join("\n") + "\n";
  const lines = runCli(["--jsonl", "-"], input).trim().split("\n");
  assert.equal(lines.length, docs.length);
  lines.forEach((line, i) => {
    const { input, ...cli } = JSON.parse(line);
    assert.equal(input.id, docs[i].id);
    const doc = nl.annotate(docs[i].text);
    assertWellFormed(docs[i].text, doc);
    assert.deepEqual(uncoveredWordChars(docs[i].text, doc), [], docs[i].id);
    assert.deepStrictEqual(cli, doc, docs[i].id);
  });
});
