// Throughput of the wasm core in Node, in CPU time: ms per MB (UTF-8 bytes)
// on the ~1 MB varied news text of benches/corpus.mjs, all layers through
// the columnar API, and paragraphs only (the floor). CPU time
// (process.cpuUsage), fastest of N runs after a warm-up, because the
// machine this runs on is shared and wall time swings with its load.
//
//   node benches/throughput.mjs [PKG_DIR] [--runs N]   (default www/pkg, 5)

import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

import { allDocs, buildText, MB } from "./corpus.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
let runs = 5;
let pkg = join(ROOT, "www", "pkg");
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--runs") runs = Number(args[++i]);
  else pkg = resolve(args[i]);
}

const glue = await import(pathToFileURL(join(pkg, "newslens.js")).href);
glue.initSync({ module: readFileSync(join(pkg, "newslens_bg.wasm")) });
const text = buildText(MB, allDocs());
const mb = Buffer.byteLength(text, "utf8") / MB;

function cpuMs(fn) {
  const c0 = process.cpuUsage();
  fn();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
}

const all = ["paragraph", "sentence", "token", "entity", "mention", "quote", "cue", "source", "hedge"];
const cases = [
  ["all layers (columnar)", () => glue.annotateColumnar(text, { layers: all })],
  ["all layers (objects)", () => glue.annotate(text, { layers: all })],
  ["paragraphs only", () => glue.annotate(text, { layers: ["paragraph"] })],
];
console.log(`text: ${(mb).toFixed(2)} MB; fastest of ${runs} runs, CPU ms per MB`);
for (const [name, fn] of cases) {
  fn();
  let best = Infinity;
  for (let i = 0; i < runs; i++) best = Math.min(best, cpuMs(fn));
  console.log(`| ${name} | ${(best / mb).toFixed(0)} ms/MB |`);
}
