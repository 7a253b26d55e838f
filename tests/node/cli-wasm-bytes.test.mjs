// The CLI and the wasm API give the same Document byte for byte: the CLI's
// JSON is exactly `JSON.stringify` of what `annotate` returns, on every
// document of the benchmark corpus (GUM, wikigold, re3d, the reference
// article), on the torture text, on texts with lone surrogates, and for
// several layer selections. (Numbers are where they differed: the CLI
// wrote `0.0` and `4.0` where JS writes `0` and `4`.) The npm package's
// `annotate`, which makes the span objects in JS from the core's columns
// (www/columns.js), gives the same bytes too.

import assert from "node:assert/strict";
import { before, test } from "node:test";

import { SEED_PATH, TORTURE_PATH, loadWasm, readText, runCli } from "./helpers.mjs";
import { allDocs } from "../../benches/corpus.mjs";
import { documentFromColumns } from "../../www/columns.js";

let nl;
before(async () => {
  nl = await loadWasm();
});

/** Every text to compare on: a few hundred documents of several genres. */
function texts() {
  const { seed, docs } = allDocs();
  const torture = readText(TORTURE_PATH);
  return [
    seed,
    torture,
    ...torture.split(/\r?\n/),
    "",
    // Lone surrogates: the wasm API reads each as U+FFFD, and so must the
    // CLI reading JSON's \ud800 escapes (JSON.stringify writes them so).
    "Smith \ud800said \udc00 he was \ud83d\udc4d in \udbff Paris.",
    ...docs.map((d) => d.text),
  ];
}

/** Runs `--jsonl` over `list` and checks each line against the wasm, as bytes. */
function compare(list, layers) {
  const args = ["--jsonl", "--drop-text", ...(layers ? ["--layers", layers.join(",")] : []), "-"];
  const input = list.map((text, n) => JSON.stringify({ n, text })).join("\n") + "\n";
  const lines = runCli(args, input).split("\n");
  assert.equal(lines.pop(), "", "the output ends with a newline");
  assert.equal(lines.length, list.length);
  let differ = 0;
  lines.forEach((line, n) => {
    const options = layers ? { layers } : undefined;
    const wasm = JSON.stringify(nl.annotate(list[n], options));
    const fromColumns = JSON.stringify(documentFromColumns(nl.annotateColumnar(list[n], options)));
    if (fromColumns !== wasm && differ++ < 3) assert.fail(`text ${n}: the Document made from columns differs from the core's`);
    const expected = `{"input":{"n":${n}},${wasm.slice(1)}`;
    if (line !== expected && differ++ < 3) {
      let at = 0;
      while (line[at] === expected[at]) at++;
      assert.fail(`text ${n} differs at ${at}: CLI …${line.slice(at - 40, at + 40)}… wasm …${expected.slice(at - 40, at + 40)}…`);
    }
  });
  assert.equal(differ, 0);
}

test("the CLI's JSON is JSON.stringify of the wasm result, on every corpus document", () => {
  const list = texts();
  assert.ok(list.length > 300, `${list.length} texts`);
  compare(list);
});

test("and for layer selections", () => {
  const list = texts().slice(0, 80);
  for (const layers of [["sentence", "token"], ["entity", "mention"], ["quote", "cue", "source"], ["hedge"], ["paragraph"]]) {
    compare(list, layers);
  }
});

test("a file on the command line gives the same bytes as the wasm", () => {
  for (const path of [SEED_PATH, TORTURE_PATH]) {
    assert.equal(runCli([path]), JSON.stringify(nl.annotate(readText(path))) + "\n");
  }
});
