// `make bench`: what the page pays for newslens, measured in Node.
//
//   - the .wasm the page loads (www/pkg/newslens_bg.wasm), raw, gzip -9 and
//     brotli, and the JS glue beside it;
//   - instantiate time: the glue's `initSync` on the bytes (compile and
//     instantiate), first in the process (cold) and the median of fresh
//     instances after it;
//   - the first annotation of the reference article in a fresh instance (V8
//     compiles wasm functions lazily, so this is what a page's first call costs);
//   - the reference article, all layers: median and p95 of 200 runs after a
//     warm-up;
//   - throughput in MB/s (UTF-8 bytes) on a ~1 MB text of varied documents
//     (benches/corpus.mjs): all layers; sentences+tokens; paragraphs only
//     (the floor: segmentation, with almost nothing to convert to JS).
//
// Prints a Markdown table and writes the same figures to out/bench.json.
// A benchmark, not a test: it asserts nothing and is not run by `make test`.
//
//   node benches/bench.mjs [--runs N] [--json PATH]

import { readFileSync, mkdirSync, writeFileSync, existsSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import { brotliCompressSync, gzipSync, constants as zlib } from "node:zlib";

import { allDocs, buildText } from "./corpus.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const PKG = join(ROOT, "www", "pkg");
const GLUE = join(PKG, "newslens.js");
const WASM = join(PKG, "newslens_bg.wasm");
const SEED = resolve(ROOT, "..", "shared", "data", "seed-article.txt");

function parseArgs(argv) {
  const opts = { runs: 200, json: join(ROOT, "out", "bench.json") };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--runs") opts.runs = Number(argv[++i]);
    else if (argv[i] === "--json") opts.json = resolve(argv[++i]);
    else throw new Error(`unknown argument ${argv[i]}\nusage: node benches/bench.mjs [--runs N] [--json PATH]`);
  }
  if (!Number.isInteger(opts.runs) || opts.runs < 1) throw new Error("--runs must be a positive integer");
  return opts;
}

function quantile(sorted, q) {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i];
}

function summarise(times) {
  const sorted = [...times].sort((a, b) => a - b);
  const mean = sorted.reduce((a, b) => a + b, 0) / sorted.length;
  return { runs: sorted.length, median: quantile(sorted, 0.5), p95: quantile(sorted, 0.95), min: sorted[0], max: sorted.at(-1), mean };
}

function time(fn) {
  const t0 = performance.now();
  const result = fn();
  return [performance.now() - t0, result];
}

let instances = 0;
/** A fresh module record of the glue, hence a fresh wasm instance. */
async function freshGlue() {
  return import(`${pathToFileURL(GLUE).href}?bench=${++instances}`);
}

const fmtMs = (ms) => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));
const fmtBytes = (n) => `${n.toLocaleString("en-US")} B (${(n / 1024).toFixed(1)} KiB)`;

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (!existsSync(GLUE) || !existsSync(WASM)) throw new Error(`${relative(ROOT, WASM)} is missing: run \`make wasm\` first`);

  const bytes = readFileSync(WASM);
  const glueBytes = readFileSync(GLUE);
  const size = {
    wasm_raw: bytes.length,
    wasm_gzip: gzipSync(bytes, { level: 9 }).length,
    wasm_brotli: brotliCompressSync(bytes, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }).length,
    glue_raw: glueBytes.length,
    glue_gzip: gzipSync(glueBytes, { level: 9 }).length,
  };

  const seed = readFileSync(SEED, "utf8");

  // Instantiate: the first is cold; later ones may reuse V8's compiled code.
  const instantiate = [];
  const firstCall = [];
  let nl;
  for (let i = 0; i < 21; i++) {
    const glue = await freshGlue();
    const [ms] = time(() => glue.initSync({ module: bytes }));
    instantiate.push(ms);
    const [first] = time(() => glue.annotate(seed));
    firstCall.push(first);
    nl = glue;
  }
  const compile = [];
  for (let i = 0; i < 20; i++) compile.push(time(() => new WebAssembly.Module(bytes))[0]);

  // The reference article, all layers, warm.
  for (let i = 0; i < Math.max(20, opts.runs / 4); i++) nl.annotate(seed);
  const seedTimes = [];
  let seedDoc;
  for (let i = 0; i < opts.runs; i++) {
    const [ms, doc] = time(() => nl.annotate(seed));
    seedTimes.push(ms);
    seedDoc = doc;
  }

  // ~1 MB of varied documents.
  const big = buildText(1_000_000, allDocs());
  const bigBytes = Buffer.byteLength(big);
  const throughput = {};
  for (const [name, options] of [
    ["all layers", undefined],
    ["sentences+tokens", { layers: ["sentence", "token"] }],
    // The floor: segmentation, with almost nothing to convert to JS.
    ["paragraphs only", { layers: ["paragraph"] }],
  ]) {
    nl.annotate(big, options); // warm-up
    nl.annotate(big, options);
    const times = [];
    let doc;
    for (let i = 0; i < 10; i++) {
      const [ms, d] = time(() => nl.annotate(big, options));
      times.push(ms);
      doc = d;
    }
    const s = summarise(times);
    const tokens = doc.spans.filter((sp) => sp.layer === "token").length;
    throughput[name] = { ...s, mb_per_s: bigBytes / 1e6 / (s.median / 1000), spans: doc.spans.length, tokens };
  }

  const result = {
    date: new Date().toISOString(),
    version: nl.version(),
    machine: { cpu: cpus()[0]?.model ?? "unknown", cores: cpus().length, memory_gb: Math.round(totalmem() / 2 ** 30), node: process.version },
    command: "make bench",
    size,
    instantiate_ms: { cold: instantiate[0], ...summarise(instantiate.slice(1)) },
    compile_ms: summarise(compile),
    first_annotate_seed_ms: { cold: firstCall[0], ...summarise(firstCall.slice(1)) },
    seed: { bytes: Buffer.byteLength(seed), spans: seedDoc.spans.length, sentences: seedDoc.stats.sentences, ...summarise(seedTimes) },
    text_1mb: { bytes: bigBytes, ...throughput },
  };

  mkdirSync(dirname(opts.json), { recursive: true });
  writeFileSync(opts.json, JSON.stringify(result, null, 2) + "\n");

  const t = result;
  const rows = [
    [".wasm size (raw)", fmtBytes(size.wasm_raw)],
    [".wasm size (gzip -9)", fmtBytes(size.wasm_gzip)],
    [".wasm size (brotli 11)", fmtBytes(size.wasm_brotli)],
    ["JS glue (raw / gzip)", `${fmtBytes(size.glue_raw)} / ${fmtBytes(size.glue_gzip)}`],
    ["instantiate (initSync), cold", `${fmtMs(t.instantiate_ms.cold)} ms`],
    ["instantiate (initSync), median of 20", `${fmtMs(t.instantiate_ms.median)} ms`],
    ["first annotate of the reference article, cold", `${fmtMs(t.first_annotate_seed_ms.cold)} ms`],
    [`reference article (${t.seed.bytes} B, ${t.seed.spans} spans), median`, `${fmtMs(t.seed.median)} ms`],
    [`reference article, p95 of ${t.seed.runs}`, `${fmtMs(t.seed.p95)} ms`],
    ...Object.entries(t.text_1mb)
      .filter(([k]) => k !== "bytes")
      .map(([k, v]) => [`1 MB text (${t.text_1mb.bytes} B), ${k}: MB/s (median ${fmtMs(v.median)} ms, ${v.tokens.toLocaleString("en-US")} tokens)`, v.mb_per_s.toFixed(2)]),
  ];
  console.log(`newslens ${t.version} — ${t.date.slice(0, 10)}, ${t.machine.cpu} (${t.machine.cores} cores), Node ${t.machine.node}\n`);
  console.log("| measure | value |\n|---|---|");
  for (const [k, v] of rows) console.log(`| ${k} | ${v} |`);
  console.log(`\nJSON: ${relative(ROOT, opts.json)}`);
}

main().catch((err) => {
  console.error(`bench: ${err.message}`);
  process.exit(1);
});
