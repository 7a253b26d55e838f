// newslens, compromise and wink-nlp in headless Chromium (make bench-browser).
//
//   node benches/browser.mjs [--quick] [--memory]
//
// --memory runs part 4 alone (peak memory), for A/B runs of a build.
//
// Serves the repository on 127.0.0.1 with its own tiny static server (gzip
// when asked, Cache-Control so that a second visit is served from cache),
// drives Debian's Chromium through playwright-core with a fresh profile, and
// reports:
//   1. the sample page (www/index.html): navigation to its first annotated
//      render, on a first visit and with its files cached (sampleLoad() of
//      tests/e2e/harness.mjs, as tests/e2e/bench-page.mjs);
//   2. per system, on benches/browser/index.html: bytes transferred, load and
//      instantiate time, first annotation of the reference article, on a
//      first visit and cached;
//   3. annotation time, round-robin, of the reference article and the 1 MB
//      text, and newslens's time per MB on 10 MB against 1 MB;
//   4. peak memory: a fresh browser per case, the renderer process's peak RSS
//      (VmHWM from /proc, the whole tab: JS heap, wasm memory, DOM) against
//      the input size, plus the wasm memory and JS heap; newslens both with
//      annotateColumnar (what the page's worker calls) and with annotate
//      (one object per span), the result held while the peak is read.
// Writes out/bench/browser.{json,md}.

import { writeFigures } from './figures.mjs';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';
import { ensureCorpus, ROOT, SHARED, OUT, MB } from './corpus.mjs';
import { winkBundle } from './size.mjs';
import { sampleLoad, warmServer } from '../tests/e2e/harness.mjs';
import { serve } from '../scripts/serve.mjs';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const QUICK = process.argv.includes('--quick');
const MEMORY_ONLY = process.argv.includes('--memory');
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.json': 'application/json', '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
};

// ---- static server ----------------------------------------------------------

/** Serves the repository, and ../shared/data under /@shared/. */
function startServer() {
  const gz = new Map();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    let rel = decodeURIComponent(url.pathname);
    let base = ROOT;
    if (rel.startsWith('/@shared/')) { base = path.join(SHARED, 'data'); rel = rel.slice('/@shared'.length); }
    const file = path.join(base, path.normalize(rel));
    if (!file.startsWith(base) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end('not found');
      return;
    }
    const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
    let body = fs.readFileSync(file);
    const headers = { 'content-type': type, 'cache-control': 'max-age=3600' };
    if (/gzip/.test(req.headers['accept-encoding'] ?? '') && !file.endsWith('.txt') && !file.endsWith('.svg')) {
      const key = `${file}:${fs.statSync(file).mtimeMs}`;
      if (!gz.has(key)) gz.set(key, zlib.gzipSync(body, { level: 9 }));
      body = gz.get(key);
      headers['content-encoding'] = 'gzip';
    }
    headers['content-length'] = body.length;
    res.writeHead(200, headers).end(body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// ---- browser ----------------------------------------------------------------

async function launch() {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'newslens-bench-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--enable-precise-memory-info'],
  });
  return {
    context, profile,
    close: async () => { await context.close(); fs.rmSync(profile, { recursive: true, force: true }); },
  };
}

/** Peak RSS (VmHWM) of the renderer processes of the browser using `profile`. */
function rendererPeak(profile) {
  const procs = [];
  for (const pid of fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      const ppid = Number(/PPid:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))[1]);
      procs.push({ pid: Number(pid), ppid, cmd });
    } catch { /* gone */ }
  }
  const root = procs.find((p) => p.cmd.includes(`--user-data-dir=${profile}`) && !p.cmd.includes('--type='));
  if (!root) return null;
  const family = new Set([root.pid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const p of procs) if (!family.has(p.pid) && family.has(p.ppid)) { family.add(p.pid); grew = true; }
  }
  let peak = 0;
  for (const p of procs) {
    if (!family.has(p.pid) || !p.cmd.includes('--type=renderer')) continue;
    try {
      const kb = Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${p.pid}/status`, 'utf8'))[1]);
      peak = Math.max(peak, kb * 1024);
    } catch { /* gone */ }
  }
  return peak;
}

const median = (xs) => { const s = xs.slice().sort((a, b) => a - b); return s[Math.floor((s.length - 1) / 2)]; };
const p95 = (xs) => { const s = xs.slice().sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)]; };
const f = (x, d = 1) => (x === undefined || x === null || Number.isNaN(x) ? '–' : x >= 100 ? x.toFixed(0) : x.toFixed(d));
const kb = (b) => (b / 1000).toFixed(1);
const mib = (b) => (b / 1048576).toFixed(0) + ' MiB';

// ---- main -------------------------------------------------------------------

const paths = ensureCorpus();
await winkBundle();
for (const f of ['www/pkg/newslens.js', 'www/pkg/newslens_bg.wasm', 'www/index.html']) {
  if (!fs.existsSync(path.join(ROOT, f))) { console.error(`browser: ${f} is missing; run \`make build\` first`); process.exit(1); }
}
const server = await startServer();
const origin = `http://127.0.0.1:${server.address().port}`;
const rel = (p) => '/' + path.relative(ROOT, p).split(path.sep).join('/');
const TEXT_URLS = { seed: '/@shared/seed-article.txt', '1mb': rel(paths['1mb']), '10mb': rel(paths['10mb']) };
const result = { date: new Date().toISOString(), loadavg_at_start: os.loadavg(), chromium: null, sample: {}, load: {}, annotate: [], scaling: null, memory: [] };
const lines = [];

try {
  const loaders = { newslens: 'loadNewslens', 'newslens-col': 'loadNewslens', compromise: 'loadCompromise', wink: 'loadWink' };
  if (!MEMORY_ONLY) {
  // 1. The sample page: navigation to its first annotated render, first visit,
  //    then files cached, measured as tests/e2e/bench-page.mjs does (the same
  //    function, the page served by scripts/serve.mjs as `make serve` does).
  {
    // The page as served (out/www/: `make build` wrote it, see scripts/site.mjs).
    const site = await serve({ root: path.join(ROOT, 'out', 'www'), port: 0, strictPort: true });
    try {
      await warmServer(site.url, path.join(ROOT, 'out', 'www'));
      const runs = [];
      for (let i = 0; i < (QUICK ? 1 : 2); i++) runs.push(await sampleLoad(site.url));
      const cached = runs.flatMap((r) => r.cached);
      result.sample = {
        first_visit_ms: median(runs.map((r) => r.first[0])), cached_ms: median(cached.map((c) => c[0])),
        first_visit_full_ms: median(runs.map((r) => r.first[1])), cached_full_ms: median(cached.map((c) => c[1])), runs,
      };
    } finally {
      await site.close();
    }
  }

  // 2. Loading each system: first visit, then cached (same profile).
  const b = await launch();
  result.chromium = b.context.browser()?.version() ?? null;
  const page = await b.context.newPage();
  for (const visit of ['first', 'cached', 'cached']) {
    await page.goto(`${origin}/benches/browser/index.html`);
    await page.waitForFunction(() => window.benchReady);
    await page.evaluate((u) => window.bench.fetchText('seed', u), TEXT_URLS.seed);
    for (const [key, fn] of Object.entries(loaders).filter(([k]) => k !== 'newslens-col')) {
      const r = await page.evaluate((name) => window.bench[name](), fn);
      const entry = (result.load[key] ??= {});
      if (visit === 'first') entry.first = r;
      else if (!entry.cached || r.instantiate_ms + r.first_ms < entry.cached.instantiate_ms + entry.cached.first_ms) entry.cached = r;
    }
  }

  // 3. Annotation, round-robin, on the page as left loaded by the last visit.
  const keys = ['newslens', 'newslens-tok', 'newslens-col', 'newslens-tok-col', 'compromise', 'wink', 'wink-tok'];
  const plans = {
    seed: { warmup: 10, runs: QUICK ? 15 : 50 },
    '1mb': { warmup: 1, runs: QUICK ? 2 : 5, caps: { compromise: QUICK ? 1 : 2 } },
  };
  for (const [name, plan] of Object.entries(plans)) {
    const chars = await page.evaluate(([n, u]) => window.bench.fetchText(n, u), [name, TEXT_URLS[name]]);
    process.stderr.write(`browser: ${name}\n`);
    const r = await page.evaluate(([n, k, p]) => window.bench.roundRobin(n, k, p), [name, keys, plan]);
    const bytes = Buffer.byteLength(fs.readFileSync(name === 'seed' ? path.join(SHARED, 'data', 'seed-article.txt') : paths[name], 'utf8'));
    for (const k of keys) {
      const s = r.samples[k];
      if (!s.length) continue;
      result.annotate.push({ text: name, system: k, chars, bytes, runs: s.length, median_ms: median(s), p95_ms: p95(s), mb_per_s: bytes / MB / (median(s) / 1000) });
    }
  }
  {
    process.stderr.write('browser: 10mb\n');
    await page.evaluate(() => window.bench.dropText('seed'));
    await page.evaluate(([n, u]) => window.bench.fetchText(n, u), ['10mb', TEXT_URLS['10mb']]);
    const r = await page.evaluate(() => window.bench.roundRobin('10mb', ['newslens'], { warmup: 0, runs: 2 }));
    const one = result.annotate.find((a) => a.text === '1mb' && a.system === 'newslens');
    const bytes = fs.statSync(paths['10mb']).size;
    const perMb10 = median(r.samples.newslens) / (bytes / MB);
    const perMb1 = one.median_ms / (one.bytes / MB);
    result.scaling = { ms_10mb: median(r.samples.newslens), ms_per_mb_10mb: perMb10, ms_per_mb_1mb: perMb1, ratio: perMb10 / perMb1 };
  }
  await b.close();
  }

  // 4. Peak memory: a fresh browser per case. 'newslens-col' is the page's
  // call (annotateColumnar); 'newslens' the object API.
  const cases = [['newslens-col', '1mb'], ['newslens-col', '10mb'], ['newslens', '1mb'], ['newslens', '10mb'], ['wink', '1mb'], ['compromise', '1mb']];
  for (const [key, name] of cases) {
    process.stderr.write(`browser: memory ${key} ${name}\n`);
    const m = await launch();
    const p = await m.context.newPage();
    const cdp = await m.context.newCDPSession(p);
    await cdp.send('Performance.enable');
    await p.goto(`${origin}/benches/browser/index.html`);
    await p.waitForFunction(() => window.benchReady);
    await p.evaluate((u) => window.bench.fetchText('seed', u), TEXT_URLS.seed);
    await p.evaluate((fn) => window.bench[fn](), loaders[key]);
    await p.evaluate(([n, u]) => window.bench.fetchText(n, u), [name, TEXT_URLS[name]]);
    const before = rendererPeak(m.profile);
    const run = await p.evaluate(([k, n]) => window.bench.runOnce(k, n), [key, name]);
    const metrics = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((x) => [x.name, x.value]));
    const peak = rendererPeak(m.profile);
    const bytes = fs.statSync(name === 'seed' ? path.join(SHARED, 'data', 'seed-article.txt') : paths[name]).size;
    result.memory.push({ system: key, text: name, bytes, ms: run.ms, renderer_peak: peak, renderer_peak_before: before, wasm_memory: run.wasm_memory, js_heap_used: metrics.JSHeapUsedSize, js_heap_total: metrics.JSHeapTotalSize });
    await m.close();
  }
} finally {
  server.close();
}

// ---- report -----------------------------------------------------------------

const NAMES = {
  newslens: 'newslens, all layers', 'newslens-col': 'newslens, all layers, annotateColumnar (the page)', 'newslens-tok': 'newslens, paragraphs+sentences+tokens',
  'newslens-tok-col': 'newslens, paragraphs+sentences+tokens, annotateColumnar',
  compromise: 'compromise + people/places/orgs/quotations', wink: 'wink-nlp default pipeline', 'wink-tok': "wink-nlp pipe ['sbd']",
};
lines.push(`Headless Chromium ${result.chromium ?? ''}, ${result.date.slice(0, 16).replace('T', ' ')} UTC, ${os.cpus().length} cores, load average ${result.loadavg_at_start[0].toFixed(1)} at start, ${os.loadavg()[0].toFixed(1)} at end (shared machine); files served gzipped from 127.0.0.1.`);
lines.push('');
if (!MEMORY_ONLY) lines.push(`Sample page (www/index.html, served by scripts/serve.mjs), navigation to the first annotated render (a first visit draws paragraphs and sentences first, a repeat visit every layer at once; every layer in brackets): first visit ${f(result.sample.first_visit_ms)} ms [${f(result.sample.first_visit_full_ms)}], files cached ${f(result.sample.cached_ms)} ms [${f(result.sample.cached_full_ms)}] (median of ${result.sample.runs.flatMap((r) => r.cached).length} visits in a new tab, service worker in control; tests/e2e/bench-page.mjs measures the same).`);
lines.push('');
lines.push('| system | transferred KB (gzip) | decoded KB | load ms (first / cached) | instantiate ms (first / cached) | first annotation of the reference article ms (first / cached) |');
lines.push('|---|--:|--:|--:|--:|--:|');
for (const [key, l] of Object.entries(result.load)) {
  const enc = l.first.files.reduce((a, x) => a + x.encoded, 0);
  const dec = l.first.files.reduce((a, x) => a + x.decoded, 0);
  lines.push(`| ${key} | ${kb(enc)} | ${kb(dec)} | ${f(l.first.load_ms)} / ${f(l.cached.load_ms)} | ${f(l.first.instantiate_ms)} / ${f(l.cached.instantiate_ms)} | ${f(l.first.first_ms)} / ${f(l.cached.first_ms)} |`);
}
lines.push('');
lines.push('| text | system | runs | median ms | p95 ms | MB/s | time ÷ newslens |');
lines.push('|---|---|--:|--:|--:|--:|--:|');
for (const a of result.annotate) {
  const base = result.annotate.find((x) => x.text === a.text && x.system === 'newslens');
  lines.push(`| ${a.text === 'seed' ? 'reference article' : '1 MB mix'} | ${NAMES[a.system]} | ${a.runs} | ${f(a.median_ms, 2)} | ${f(a.p95_ms, 2)} | ${f(a.mb_per_s, 2)} | ${f(a.median_ms / base.median_ms, 2)}× |`);
}
lines.push('');
if (result.scaling) lines.push(`newslens time per MB: ${f(result.scaling.ms_per_mb_1mb)} ms at 1 MB, ${f(result.scaling.ms_per_mb_10mb)} ms at 10 MB (${f(result.scaling.ratio, 2)}×).`);
lines.push('');
lines.push('Peak memory, fresh browser per case (renderer peak RSS = the whole tab; "before" = its peak once the page, the system and the text are loaded; input = UTF-8 bytes; newslens rows without "annotateColumnar" use annotate, one object per span):');
lines.push('');
lines.push('| system | text | ms | renderer peak RSS | peak before the run | peak ÷ input | (peak − before) ÷ input | wasm memory | JS heap used |');
lines.push('|---|---|--:|--:|--:|--:|--:|--:|--:|');
for (const m of result.memory) {
  lines.push(`| ${NAMES[m.system]} | ${m.text} | ${f(m.ms)} | ${mib(m.renderer_peak)} | ${mib(m.renderer_peak_before)} | ${f(m.renderer_peak / m.bytes)}× | ${f((m.renderer_peak - m.renderer_peak_before) / m.bytes)}× | ${m.wasm_memory ? mib(m.wasm_memory) : '–'} | ${mib(m.js_heap_used)} |`);
}
const targets = [];
if (!MEMORY_ONLY) {
  const c = result.load.newslens.cached;
  targets.push({ name: 'instantiate + first annotation of the reference article < 50 ms, files cached', pass: c.instantiate_ms + c.first_ms < 50, detail: `${f(c.instantiate_ms)} + ${f(c.first_ms)} ms` });
  targets.push({ name: 'sample page: navigation to first highlight < 300 ms, files cached (issue 7)', pass: result.sample.cached_ms < 300, detail: `${f(result.sample.cached_ms)} ms (includes HTML, module graph, worker start, compile, instantiate, annotate, render)` });
  targets.push({ name: '10 MB time per MB within 1.2x of 1 MB', pass: result.scaling.ratio <= 1.2, detail: `${f(result.scaling.ms_per_mb_10mb)} vs ${f(result.scaling.ms_per_mb_1mb)} ms/MB = ${f(result.scaling.ratio, 2)}x` });
}
for (const key of ['newslens-col', 'newslens']) {
  const big = result.memory.find((m) => m.system === key && m.text === '10mb');
  targets.push({ name: `peak memory < 10x input (${NAMES[key]}, 10 MB, renderer peak RSS)`, pass: big.renderer_peak < 10 * big.bytes, detail: `${mib(big.renderer_peak)} for ${(big.bytes / MB).toFixed(1)} MB = ${f(big.renderer_peak / big.bytes)}x whole tab; growth during the run alone: ${f((big.renderer_peak - big.renderer_peak_before) / big.bytes)}x; wasm memory ${mib(big.wasm_memory)}` });
}
result.targets = targets;
lines.push('');
lines.push('Targets (issue 8, browser; the sample page\'s is issue 7\'s):');
lines.push('');
for (const t of targets) lines.push(`- ${t.pass ? 'PASS' : 'FAIL'} ${t.name}: ${t.detail}`);

const report = lines.join('\n');
console.log(report);
fs.mkdirSync(OUT, { recursive: true });
// A --memory run does not overwrite the full report.
const stem = MEMORY_ONLY ? 'browser-memory' : 'browser';
fs.writeFileSync(path.join(OUT, `${stem}.md`), report + '\n');
if (!MEMORY_ONLY) writeFigures('browser', 'make bench-browser', report);
fs.writeFileSync(path.join(OUT, `${stem}.json`), JSON.stringify(result, null, 2) + '\n');
