// newslens next to compromise and wink-nlp, in one Node process, same texts.
//
//   node --max-old-space-size=8192 benches/compare.mjs [--quick] [--no-10mb]
//        [--compromise-10mb N] [--no-scaling]      (or: make bench-compare)
//   node benches/compare.mjs --cpu-profile [1mb|10mb|seed] [tokens]
//        where newslens spends its time, by Rust function (self time)
//
// Every system runs on the same strings after a warm-up; the timed runs are
// interleaved round-robin (each round starts with a different system), so a
// GC pause, a thermal dip or a neighbour's build lands on all of them alike.
// Each system does what a page would do with it: newslens returns its plain
// JS object, compromise materializes its people/places/organizations/
// quotations views, wink-nlp reads entities, tokens and sentences out. The
// native CLI is spawned on the same files with stdout to /dev/null and is
// reported as is (process start, file read and JSON output included).
//
// tokens/s uses one denominator for every system: the number of tokens
// newslens finds in the text (each system's own count for the reference
// article is in the JSON). Prints one Markdown table, the scaling of
// newslens at 1, 10 and 20 MB (fresh process each, peak memory), and the
// targets of issue 8 as PASS/FAIL; writes out/bench/compare.{json,md}.

import { writeFigures, writeReadmeBlock } from './figures.mjs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync, execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ensureCorpus, ROOT, OUT, MB } from './corpus.mjs';

const HERE = fileURLToPath(import.meta.url);
const PKG = process.env.NEWSLENS_PKG || path.join(ROOT, 'www', 'pkg');
const CLI = process.env.NEWSLENS_CLI
  || path.resolve(ROOT, process.env.CARGO_TARGET_DIR || 'target', 'release', 'newslens');
const TOKEN_LAYERS = ['paragraph', 'sentence', 'token'];

/**
 * Loads a fresh newslens module; returns its exports and the wasm memory.
 * `annotate` is the one the npm package exports (npm/index.js): the core's
 * columns, span objects made in JS by www/columns.js, the module the package
 * ships. `coreAnnotate` is the core's own export, which makes each object
 * from inside wasm; it has a row of its own.
 */
async function loadNewslens() {
  const glue = await import(path.join(PKG, 'newslens.js'));
  const { documentFromColumns } = await import(path.join(ROOT, 'www', 'columns.js'));
  const t0 = performance.now();
  const exports = glue.initSync({ module: fs.readFileSync(path.join(PKG, 'newslens_bg.wasm')) });
  return {
    ...glue,
    annotate: (text, options) => documentFromColumns(glue.annotateColumnar(text, options)),
    coreAnnotate: glue.annotate,
    memory: exports.memory,
    instantiateMs: performance.now() - t0,
  };
}

// ---- scaling child: one size, fresh process, peak memory ------------------

if (process.argv[2] === '--scale-child') {
  const file = process.argv[3];
  const layers = process.argv[4] === 'tokens' ? { layers: TOKEN_LAYERS } : undefined;
  const nl = await loadNewslens();
  const text = fs.readFileSync(file, 'utf8');
  const rssBefore = process.memoryUsage().rss;
  const times = [];
  let spans = 0;
  // Large texts get one run: the first run's one-off costs (lazy tables,
  // the entity model's first use) are well under 1% of it.
  for (let i = 0, runs = text.length > 2 * MB ? 1 : 3; i < runs; i++) {
    const t0 = performance.now();
    const doc = nl.annotate(text, layers);
    times.push(performance.now() - t0);
    spans = doc.spans.length;
  }
  process.stdout.write(JSON.stringify({
    bytes: Buffer.byteLength(text), times, spans, rssBefore,
    maxRss: process.resourceUsage().maxRSS * 1024,
    wasmMemory: nl.memory.buffer.byteLength,
  }));
  process.exit(0);
}

// ---- profile: where newslens spends its time (self time by function) ------

if (process.argv[2] === '--cpu-profile') {
  // The named build from benches/size.mjs, so wasm frames carry Rust names.
  const named = path.join(OUT, 'names');
  const pkg = fs.existsSync(path.join(named, 'newslens_bg.wasm')) ? named : PKG;
  const glue = await import(path.join(pkg, 'newslens.js'));
  glue.initSync({ module: fs.readFileSync(path.join(pkg, 'newslens_bg.wasm')) });
  const file = ensureCorpus()[process.argv[3] ?? '1mb'];
  const text = fs.readFileSync(file, 'utf8');
  const options = process.argv[4] === 'tokens' ? { layers: TOKEN_LAYERS } : undefined;
  const runs = text.length > 2 * MB ? 1 : 3;
  if (runs > 1) glue.annotate(text, options);
  const { Session } = await import('node:inspector');
  const session = new Session();
  session.connect();
  const post = (m, p) => new Promise((res, rej) => session.post(m, p, (e, r) => (e ? rej(e) : res(r))));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 200 });
  await post('Profiler.start');
  for (let i = 0; i < runs; i++) glue.annotate(text, options);
  const { profile } = await post('Profiler.stop');
  const self = new Map();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  profile.samples.forEach((id, i) => {
    const cf = byId.get(id).callFrame;
    const name = cf.functionName || `(${cf.url.split('/').pop() || 'program'})`;
    self.set(name, (self.get(name) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  console.log(`newslens ${options ? 'tokens+sentences' : 'all layers'} on ${path.relative(ROOT, file)}, ${runs} run(s), ${pkg === named ? 'named build' : 'shipped build (no names: run benches/size.mjs first)'}; self time:`);
  console.log('');
  console.log('| self % | ms | function |');
  console.log('|--:|--:|---|');
  for (const [name, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
    console.log(`| ${(100 * us / total).toFixed(1)} | ${(us / 1000).toFixed(0)} | \`${name.replace(/::h[0-9a-f]{16}$/, '').replace(/\[[0-9a-f]+\]/g, '').slice(0, 100)}\` |`);
  }
  process.exit(0);
}

// ---- options --------------------------------------------------------------

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const value = (name, fallback) => {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] !== undefined ? Number(argv[i + 1]) : fallback;
};
const QUICK = flag('--quick');
const PLAN = {
  seed: { warmup: QUICK ? 3 : 10, runs: QUICK ? 15 : 60 },
  gumNews: { warmup: 1, runs: QUICK ? 2 : 5 },
  '1mb': { warmup: 1, runs: QUICK ? 3 : 7, caps: { compromise: QUICK ? 1 : 3 } },
  '10mb': { warmup: 0, runs: QUICK ? 1 : 2, caps: { compromise: value('--compromise-10mb', 1) } },
};
if (flag('--no-10mb')) delete PLAN['10mb'];

for (const f of [path.join(PKG, 'newslens.js'), path.join(PKG, 'newslens_bg.wasm'), CLI]) {
  if (!fs.existsSync(f)) {
    console.error(`compare: ${path.relative(ROOT, f)} is missing; run \`make build\` first`);
    process.exit(1);
  }
}

// ---- the systems ----------------------------------------------------------

const { default: nlp } = await import('compromise');
const { default: winkNLP } = await import('wink-nlp');
const { default: winkModel } = await import('wink-eng-lite-web-model');
const nl = await loadNewslens();
const wink = winkNLP(winkModel);
const winkNer = winkNLP(winkModel, ['sbd', 'ner']);
const winkTok = winkNLP(winkModel, ['sbd']);
const devNull = fs.openSync('/dev/null', 'w');

function spawnCli(args) {
  const r = spawnSync(CLI, args, { stdio: ['ignore', devNull, 'pipe'] });
  if (r.status !== 0) throw new Error(`newslens ${args.join(' ')}: ${r.stderr}`);
}

const seedLayers = [...new Set(nl.annotate(fs.readFileSync(ensureCorpus({ sizes: [] }).seed, 'utf8')).spans.map((s) => s.layer))];

/**
 * `run(sample)` does the work on one sample ({ text, file }) and returns
 * something derived from the result, so that nothing can be optimized away.
 */
const SYSTEMS = [
  {
    key: 'newslens', name: 'newslens wasm', what: `all layers (${seedLayers.join(', ')}), annotate() as npm exports it`,
    run: (s) => nl.annotate(s.text).spans.length,
  },
  {
    // The core's own export: each span object made from inside wasm (serde-wasm-bindgen).
    key: 'newslens-core', name: 'newslens wasm core export', what: 'all layers, objects made from inside wasm',
    run: (s) => nl.coreAnnotate(s.text).spans.length,
  },
  {
    key: 'newslens-tok', name: 'newslens wasm', what: 'paragraphs, sentences, tokens',
    run: (s) => nl.annotate(s.text, { layers: TOKEN_LAYERS }).spans.length,
  },
  {
    // The same spans as typed-array columns (annotateColumnar): no JS object per span.
    key: 'newslens-col', name: 'newslens wasm columnar', what: 'all layers, spans as typed-array columns',
    run: (s) => nl.annotateColumnar(s.text).columns.id.length,
  },
  {
    key: 'newslens-tok-col', name: 'newslens wasm columnar', what: 'paragraphs, sentences, tokens as typed-array columns',
    run: (s) => nl.annotateColumnar(s.text, { layers: TOKEN_LAYERS }).columns.id.length,
  },
  {
    key: 'compromise', name: 'compromise', what: 'nlp() + people/places/organizations/quotations',
    run: (s) => {
      const doc = nlp(s.text);
      return doc.people().out('array').length + doc.places().out('array').length
        + doc.organizations().out('array').length + doc.quotations().out('array').length;
    },
  },
  {
    key: 'wink', name: 'wink-nlp', what: 'default pipeline; entities, tokens, sentences read out',
    run: (s) => {
      const doc = wink.readDoc(s.text);
      return doc.entities().out().length + doc.tokens().out().length + doc.sentences().out().length;
    },
  },
  {
    key: 'wink-ner', name: 'wink-nlp', what: "pipe ['sbd','ner']; entities read out",
    run: (s) => winkNer.readDoc(s.text).entities().out().length,
  },
  {
    key: 'wink-tok', name: 'wink-nlp', what: "pipe ['sbd']; tokens, sentences read out",
    run: (s) => {
      const doc = winkTok.readDoc(s.text);
      return doc.tokens().out().length + doc.sentences().out().length;
    },
  },
  {
    key: 'cli', name: 'newslens CLI', what: 'all layers, JSON to /dev/null, per process',
    run: (s) => spawnCli([s.file]),
  },
  {
    key: 'cli-tok', name: 'newslens CLI', what: '--layers paragraph,sentence,token, per process',
    run: (s) => spawnCli(['--layers', TOKEN_LAYERS.join(','), s.file]),
  },
  {
    // One process over all GUM news documents; a sample is the time per document.
    key: 'cli-jsonl', name: 'newslens CLI', what: 'all layers, --jsonl, one process for all docs',
    only: 'gumNews',
    runGroup: (group) => spawnCli(['--jsonl', group.jsonl]),
  },
];

// ---- measuring --------------------------------------------------------------

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];

function sample(file) {
  const text = fs.readFileSync(file, 'utf8');
  const tokens = nl.annotate(text, { layers: ['token'] }).spans.length;
  return { file, text, bytes: Buffer.byteLength(text), tokens };
}

/** Times every system on every sample of a group, round-robin. */
function measure(groupName, group, plan) {
  const systems = SYSTEMS.filter((s) => !s.only || s.only === groupName);
  const stats = new Map(systems.map((s) => [s.key, { samples: [], bytes: 0, tokens: 0, ms: 0, runs: 0 }]));
  const once = (sys, record) => {
    if (sys.runGroup) {
      const t0 = performance.now();
      sys.runGroup(group);
      const ms = performance.now() - t0;
      if (!record) return;
      const st = stats.get(sys.key);
      for (const s of group.samples) st.samples.push(ms / group.samples.length);
      st.ms += ms;
      st.bytes += group.bytes;
      st.tokens += group.tokens;
      st.runs++;
      return;
    }
    for (const s of group.samples) {
      const t0 = performance.now();
      sys.run(s);
      const ms = performance.now() - t0;
      if (!record) continue;
      const st = stats.get(sys.key);
      st.samples.push(ms);
      st.ms += ms;
      st.bytes += s.bytes;
      st.tokens += s.tokens;
    }
    if (record) stats.get(sys.key).runs++;
  };
  const capOf = (sys) => plan.caps?.[sys.key] ?? Infinity;
  for (let w = 0; w < plan.warmup; w++) for (const sys of systems) if (w < capOf(sys)) once(sys, false);
  for (let r = 0; r < plan.runs; r++) {
    for (let i = 0; i < systems.length; i++) {
      const sys = systems[(i + r) % systems.length];
      if (r < capOf(sys)) once(sys, true);
    }
    process.stderr.write(`  ${groupName}: round ${r + 1}/${plan.runs}\r`);
  }
  process.stderr.write('\n');
  const rows = [];
  for (const sys of systems) {
    const st = stats.get(sys.key);
    if (!st.samples.length) continue;
    const sorted = st.samples.slice().sort((a, b) => a - b);
    rows.push({
      text: groupName, system: sys.key, name: sys.name, what: sys.what,
      runs: st.runs, capped: Number.isFinite(capOf(sys)) && capOf(sys) < plan.runs,
      median_ms: quantile(sorted, 0.5), p95_ms: quantile(sorted, 0.95),
      mb_per_s: st.bytes / MB / (st.ms / 1000), tokens_per_s: st.tokens / (st.ms / 1000),
    });
  }
  const base = rows.find((r) => r.system === 'newslens');
  for (const r of rows) r.time_vs_newslens = base.mb_per_s / r.mb_per_s;
  return rows;
}

// ---- scaling ----------------------------------------------------------------

function scale(file, mode) {
  const out = execFileSync(process.execPath, ['--max-old-space-size=16384', HERE, '--scale-child', file, mode],
    { maxBuffer: 1 << 20 });
  const r = JSON.parse(out);
  const sorted = (r.times.length > 1 ? r.times.slice(1) : r.times).slice().sort((a, b) => a - b);
  return { ...r, ms: sorted[0], first_ms: r.times[0] };
}

function scaleCli(file) {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', CLI, file], { stdio: ['ignore', devNull, 'pipe'] });
  if (r.status !== 0) return null;
  const [sec, kb] = String(r.stderr).trim().split('\n').pop().split(' ').map(Number);
  return { ms: sec * 1000, maxRss: kb * 1024 };
}

// ---- main -------------------------------------------------------------------

const LOAD_AT_START = os.loadavg();
const paths = ensureCorpus();
const groups = { seed: { samples: [sample(paths.seed)] } };
const news = fs.readdirSync(paths.gumNewsDir).sort().map((f) => sample(path.join(paths.gumNewsDir, f)));
groups.gumNews = { samples: news, jsonl: paths.gumNewsJsonl };
groups['1mb'] = { samples: [sample(paths['1mb'])] };
if (PLAN['10mb']) groups['10mb'] = { samples: [sample(paths['10mb'])] };
for (const g of Object.values(groups)) {
  g.bytes = g.samples.reduce((a, s) => a + s.bytes, 0);
  g.tokens = g.samples.reduce((a, s) => a + s.tokens, 0);
}

const seedText = groups.seed.samples[0].text;
const ownTokens = {
  newslens: groups.seed.samples[0].tokens,
  compromise: nlp(seedText).terms().length,
  wink: wink.readDoc(seedText).tokens().length(),
};

const rows = [];
for (const name of Object.keys(PLAN)) {
  process.stderr.write(`compare: ${name} (${groups[name].samples.length} text(s), ${(groups[name].bytes / MB).toFixed(3)} MB)\n`);
  rows.push(...measure(name, groups[name], PLAN[name]));
}

// The boundary's share: the token layer is computed either way (everything
// else needs it), so all layers minus `token` differs from all layers only
// in the ~200 000 token spans converted to JS objects and their offsets.
let boundary = null;
{
  const ALL = ['paragraph', 'sentence', 'token', 'entity', 'quote', 'cue', 'source', 'hedge', 'mention'];
  const noTokens = { layers: ALL.filter((l) => l !== 'token') };
  const text = groups['1mb'].samples[0].text;
  try {
    nl.annotate(text, noTokens);
    const a = [], b = [];
    for (let i = 0; i < (QUICK ? 2 : 5); i++) {
      let t0 = performance.now(); const n = nl.annotate(text).spans.length; a.push(performance.now() - t0);
      t0 = performance.now(); const m = nl.annotate(text, noTokens).spans.length; b.push(performance.now() - t0);
      boundary = { spans_all: n, spans_no_tokens: m };
    }
    const med = (x) => x.slice().sort((p, q) => p - q)[Math.floor((x.length - 1) / 2)];
    Object.assign(boundary, { all_ms: med(a), no_tokens_ms: med(b) });
  } catch (e) {
    boundary = { error: e.message };
  }
}

let scaling = [];
if (!flag('--no-scaling')) {
  process.stderr.write('compare: scaling (fresh process per size)\n');
  for (const size of ['1mb', '10mb', '20mb']) {
    const w = scale(paths[size], 'all');
    const c = scaleCli(paths[size]);
    scaling.push({
      size, bytes: w.bytes, spans: w.spans, wasm_ms: w.ms, wasm_first_ms: w.first_ms,
      wasm_ms_per_mb: w.ms / (w.bytes / MB), wasm_memory: w.wasmMemory, node_max_rss: w.maxRss,
      node_rss_before: w.rssBefore, cli_ms: c?.ms, cli_ms_per_mb: c && c.ms / (w.bytes / MB), cli_max_rss: c?.maxRss,
    });
  }
}

// ---- report -----------------------------------------------------------------

const TEXT_NAMES = {
  seed: 'reference article (2.3 KB)',
  gumNews: `GUM news, ${news.length} docs (${(groups.gumNews.bytes / news.length / 1000).toFixed(1)} KB avg)`,
  '1mb': `1 MB mix (${(groups['1mb'].bytes / MB).toFixed(2)} MB)`,
  '10mb': `10 MB mix (${((groups['10mb']?.bytes ?? 0) / MB).toFixed(2)} MB)`,
};
const f = (x, d = 1) => (x === undefined || x === null || Number.isNaN(x) ? '–' : x >= 100 ? x.toFixed(0) : x.toFixed(d));
const fi = (x) => Math.round(x).toLocaleString('en-US');
const mib = (b) => (b / 1048576).toFixed(0) + ' MiB';

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const env = {
  date: new Date().toISOString(),
  node: process.version,
  cpu, cores: os.cpus().length, loadavg_at_start: LOAD_AT_START, loadavg_at_end: os.loadavg(),
  newslens: nl.version(),
  commit: (() => { try { return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT }).toString().trim(); } catch { return null; } })(),
  wasm_bytes: fs.statSync(path.join(PKG, 'newslens_bg.wasm')).size,
  instantiate_ms: nl.instantiateMs,
};

const lines = [];
lines.push(`newslens ${env.newslens} (${env.commit}), ${env.date.slice(0, 16).replace('T', ' ')} UTC, Node ${env.node}, ${env.cores} cores (${cpu}), load average ${env.loadavg_at_start[0].toFixed(1)} at start, ${env.loadavg_at_end[0].toFixed(1)} at end (the machine is shared)`);
lines.push('');
lines.push('| text | system | computes | runs | median ms | p95 ms | MB/s | tokens/s | time ÷ newslens |');
lines.push('|---|---|---|--:|--:|--:|--:|--:|--:|');
for (const r of rows) {
  lines.push(`| ${TEXT_NAMES[r.text]} | ${r.name} | ${r.what}${r.capped ? ' (runs capped)' : ''} | ${r.runs} | ${f(r.median_ms, 2)} | ${f(r.p95_ms, 2)} | ${f(r.mb_per_s, 2)} | ${fi(r.tokens_per_s)} | ${f(r.time_vs_newslens, 2)}× |`);
}
lines.push('');
lines.push(`tokens/s: newslens's token count for every system (reference article: newslens ${ownTokens.newslens}, compromise ${ownTokens.compromise} terms, wink ${ownTokens.wink} tokens). Time per text; GUM news rows are per document. "time ÷ newslens" = newslens (wasm, all layers) throughput ÷ the row's.`);

if (boundary && !boundary.error) {
  const d = boundary.all_ms - boundary.no_tokens_ms;
  lines.push('');
  lines.push(`Boundary cost on 1 MB: all layers ${f(boundary.all_ms)} ms (${fi(boundary.spans_all)} spans) vs all but \`token\` ${f(boundary.no_tokens_ms)} ms (${fi(boundary.spans_no_tokens)} spans): ${f(d)} ms, ${f(100 * d / boundary.all_ms, 0)}% of the time, to hand ${fi(boundary.spans_all - boundary.spans_no_tokens)} token spans to JS (serde-wasm-bindgen objects and UTF-16 offsets).`);
}
if (scaling.length) {
  lines.push('');
  lines.push('Scaling, newslens all layers, fresh process per size (1 MB: best of 2 runs after a warm-up; 10 and 20 MB: one run; peak = max RSS of the process, wasm = memory.buffer.byteLength):');
  lines.push('');
  lines.push('| size | spans | wasm ms | wasm ms/MB | wasm memory | Node peak RSS | peak ÷ input | CLI ms | CLI ms/MB | CLI peak RSS |');
  lines.push('|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|');
  for (const s of scaling) {
    lines.push(`| ${(s.bytes / MB).toFixed(1)} MB | ${fi(s.spans)} | ${f(s.wasm_ms)} | ${f(s.wasm_ms_per_mb)} | ${mib(s.wasm_memory)} | ${mib(s.node_max_rss)} | ${f(s.node_max_rss / s.bytes)}× | ${f(s.cli_ms)} | ${f(s.cli_ms_per_mb)} | ${s.cli_max_rss ? mib(s.cli_max_rss) : '–'} |`);
  }
}

// ---- targets ------------------------------------------------------------------

const get = (text, system) => rows.find((r) => r.text === text && r.system === system);
const targets = [];
const check = (name, ok, detail) => targets.push({ name, pass: Boolean(ok), detail });
const ratio = (a, b) => (a && b ? a.mb_per_s / b.mb_per_s : NaN);
{
  const [n, nt, c, w, wt] = ['newslens', 'newslens-tok', 'compromise', 'wink', 'wink-tok'].map((k) => get('1mb', k));
  const rc = ratio(n, c), rw = ratio(n, w), rt = ratio(nt, wt), rtd = ratio(nt, w);
  check('1 MB, all layers >= 10x compromise throughput', rc >= 10, `${f(n?.mb_per_s, 2)} vs ${f(c?.mb_per_s, 2)} MB/s = ${f(rc, 2)}x`);
  check('1 MB, all layers >= 2x wink-nlp default pipeline', rw >= 2, `${f(n?.mb_per_s, 2)} vs ${f(w?.mb_per_s, 2)} MB/s = ${f(rw, 2)}x`);
  check("1 MB, tokens+sentences >= 10x wink-nlp tokens+sentences (pipe ['sbd'])", rt >= 10, `${f(nt?.mb_per_s, 2)} vs ${f(wt?.mb_per_s, 2)} MB/s = ${f(rt, 2)}x`);
  check('1 MB, tokens+sentences >= 10x wink-nlp default pipeline', rtd >= 10, `${f(nt?.mb_per_s, 2)} vs ${f(w?.mb_per_s, 2)} MB/s = ${f(rtd, 2)}x`);
  // The same checks for the columnar result (same spans, typed arrays).
  const [nc, ntc] = ['newslens-col', 'newslens-tok-col'].map((k) => get('1mb', k));
  const rwc = ratio(nc, w), rtc = ratio(ntc, wt);
  check('1 MB, all layers (columnar) >= 2x wink-nlp default pipeline', rwc >= 2, `${f(nc?.mb_per_s, 2)} vs ${f(w?.mb_per_s, 2)} MB/s = ${f(rwc, 2)}x`);
  check("1 MB, tokens+sentences (columnar) >= 10x wink-nlp tokens+sentences (pipe ['sbd'])", rtc >= 10, `${f(ntc?.mb_per_s, 2)} vs ${f(wt?.mb_per_s, 2)} MB/s = ${f(rtc, 2)}x`);
}
{
  const [n, c, w] = ['newslens', 'compromise', 'wink'].map((k) => get('seed', k));
  check('reference article median < compromise/10', n && c && n.median_ms < c.median_ms / 10, `${f(n?.median_ms, 3)} ms vs ${f(c?.median_ms, 3)}/10 = ${f(c?.median_ms / 10, 3)} ms`);
  check('reference article median < wink-nlp default', n && w && n.median_ms < w.median_ms, `${f(n?.median_ms, 3)} ms vs ${f(w?.median_ms, 3)} ms`);
  const nc = get('seed', 'newslens-col');
  check('reference article median (columnar) < compromise/10', nc && c && nc.median_ms < c.median_ms / 10, `${f(nc?.median_ms, 3)} ms vs ${f(c?.median_ms / 10, 3)} ms`);
  check('reference article median (columnar) < wink-nlp default', nc && w && nc.median_ms < w.median_ms, `${f(nc?.median_ms, 3)} ms vs ${f(w?.median_ms, 3)} ms`);
}
for (const size of ['1mb', '10mb']) {
  const n = get(size, 'newslens'), c = get(size, 'cli');
  if (!n || !c) continue;
  const r = ratio(n, c);
  check(`${size.replace('mb', ' MB')}: wasm >= 60% of native CLI throughput`, r >= 0.6, `${f(n.mb_per_s, 2)} vs ${f(c.mb_per_s, 2)} MB/s = ${f(r * 100, 0)}%`);
  // The columnar result (what the page's worker uses): the same spans, as typed arrays.
  const nc = get(size, 'newslens-col');
  const rc = ratio(nc, c);
  if (nc) check(`${size.replace('mb', ' MB')}: wasm (columnar) >= 60% of native CLI throughput`, rc >= 0.6, `${f(nc.mb_per_s, 2)} vs ${f(c.mb_per_s, 2)} MB/s = ${f(rc * 100, 0)}%`);
}
if (scaling.length) {
  const [a, b] = [scaling[0], scaling[1]];
  check('time per MB at 10 MB within 1.2x of 1 MB (Node)', b.wasm_ms_per_mb <= 1.2 * a.wasm_ms_per_mb, `${f(b.wasm_ms_per_mb)} vs ${f(a.wasm_ms_per_mb)} ms/MB = ${f(b.wasm_ms_per_mb / a.wasm_ms_per_mb, 2)}x`);
  const big = scaling[scaling.length - 1];
  check('peak memory < 10x input (Node process RSS, 20 MB)', big.node_max_rss < 10 * big.bytes, `${mib(big.node_max_rss)} for ${(big.bytes / MB).toFixed(1)} MB = ${f(big.node_max_rss / big.bytes)}x`);
}
lines.push('');
lines.push('Targets (issue 8):');
lines.push('');
for (const t of targets) lines.push(`- ${t.pass ? 'PASS' : 'FAIL'} ${t.name}: ${t.detail}`);

const report = lines.join('\n');
console.log(report);
fs.mkdirSync(OUT, { recursive: true });
fs.writeFileSync(path.join(OUT, 'compare.md'), report + '\n');
writeFigures('compare', 'make bench-compare', report);
{
  // The README's sentence on speed, from the same rows.
  const [n, c, w, cli] = ['newslens', 'compromise', 'wink', 'cli'].map((k) => get('1mb', k));
  if (n && c && w && cli) {
    writeReadmeBlock('speed', 'make bench-compare', `A 1 MB text with every layer takes ${f(n.median_ms)} ms through \`annotate\` in Node (${f(n.mb_per_s, 2)} MB/s): ${f(ratio(n, w), 1)}× the throughput of wink-nlp's default pipeline and ${f(ratio(n, c), 0)}× compromise's, on the same text; the command line does ${f(cli.mb_per_s, 1)} MB/s per process ([figures, with the machine and its load](docs/figures/compare.md)).`);
  }
}
fs.writeFileSync(path.join(OUT, 'compare.json'), JSON.stringify({ env, own_tokens_seed: ownTokens, rows, boundary, scaling, targets }, null, 2) + '\n');
console.error(`compare: wrote ${path.relative(ROOT, path.join(OUT, 'compare.json'))} and compare.md`);
