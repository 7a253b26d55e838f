// First-use cost of the wasm core, layer by layer, in Node.
//
// A page pays for whatever the first `annotate` call initialises: V8's lazy
// compilation of the functions it reaches, and any table the core builds at
// first use (gazetteer, tagger model, coref and cue lexicons). This script
// instantiates a fresh module and times successive calls on a one-word text,
// each asking for one more group of layers, so each line is the cost of the
// parts first reached by that call; then the same calls again (warm).
// Figures are CPU time (process.cpuUsage) and wall time, in ms.
//
//   node benches/firstuse.mjs [PKG_DIR]        (default www/pkg)
//   node benches/firstuse.mjs [PKG_DIR] --seed the page's case instead: the
//     reference article, all layers, as the first call of the process

import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const SEED_MODE = args.includes("--seed");
const PKG = resolve(args.find((a) => a !== "--seed") ?? join(ROOT, "www", "pkg"));

const steps = [
  ["paragraph", ["paragraph"]],
  ["sentence,token", ["sentence", "token"]],
  ["hedge", ["hedge"]],
  ["entity (+coref)", ["entity", "mention"]],
  ["quote,cue,source", ["quote", "cue", "source"]],
  ["all", ["paragraph", "sentence", "token", "entity", "mention", "quote", "cue", "source", "hedge"]],
];

function measure(fn) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  fn();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { cpu: (c.user + c.system) / 1000, wall };
}


const bytes = readFileSync(join(PKG, "newslens_bg.wasm"));
if (!SEED_MODE) {
  const glue = await import(pathToFileURL(join(PKG, "newslens.js")).href);
  const inst = measure(() => glue.initSync({ module: bytes }));
  console.log(`| step | first call CPU ms | wall ms | warm CPU ms |`);
  console.log(`|---|---:|---:|---:|`);
  console.log(`| instantiate | ${inst.cpu.toFixed(1)} | ${inst.wall.toFixed(1)} | |`);
  const text = "Officials said so.";
  let total = inst.cpu;
  for (const [name, layers] of steps) {
    const first = measure(() => glue.annotate(text, { layers }));
    const warm = measure(() => glue.annotate(text, { layers }));
    total += first.cpu;
    console.log(`| ${name} | ${first.cpu.toFixed(1)} | ${first.wall.toFixed(1)} | ${warm.cpu.toFixed(2)} |`);
  }
  console.log(`| **total** | ${total.toFixed(1)} | | |`);
  process.exit(0);
}

// The page's case: a fresh instance whose first call annotates the reference
// article with every layer.
const SEED = resolve(ROOT, "..", "shared", "data", "seed-article.txt");
const seed = readFileSync(SEED, "utf8");
const glue2 = await import(pathToFileURL(join(PKG, "newslens.js")).href);
const inst2 = measure(() => glue2.initSync({ module: bytes }));
const all = steps.at(-1)[1];
const firstSeed = measure(() => glue2.annotate(seed, { layers: all }));
const warmSeed = measure(() => glue2.annotate(seed, { layers: all }));
console.log(`\nreference article, fresh instance: instantiate ${inst2.cpu.toFixed(1)} ms CPU, first annotate ${firstSeed.cpu.toFixed(1)} ms CPU (${firstSeed.wall.toFixed(1)} wall), second ${warmSeed.cpu.toFixed(1)} ms CPU`);
