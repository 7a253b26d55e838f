// The command line's throughput on a corpus, in documents per second, at
// --jobs 1, 2 and every core: `newslens --jsonl --jobs N` over a JSON Lines
// file of news-like documents (benches/docs-jsonl.mjs), output to
// /dev/null, the median of several runs each. Writes the table, with the
// date and the machine (CPU, cores, load), to docs/figures/cli-throughput.md.
//
//   make bench-cli                  (builds the release CLI first)
//   node benches/cli-throughput.mjs [--docs N] [--runs N]

import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { ROOT } from './corpus.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const docs = opt('--docs', 3000);
const runs = opt('--runs', 5);

const cli = path.join(ROOT, process.env.CARGO_TARGET_DIR ?? 'target', 'release', 'newslens');
if (!fs.existsSync(cli)) {
  console.error(`${cli} is missing: run \`make cli\` first`);
  process.exit(1);
}
const corpus = path.join(ROOT, 'out', 'bench', `docs-${docs}.jsonl`);
if (!fs.existsSync(corpus)) execFileSync('node', [path.join(ROOT, 'benches', 'docs-jsonl.mjs'), corpus, String(docs)], { stdio: 'inherit' });
const bytes = fs.statSync(corpus).size;

const cores = os.availableParallelism();
const jobsList = [...new Set([1, 2, cores])];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// GNU time, when present, gives the CPU seconds too: on a loaded machine
// the wall-clock speed-up says little, but CPU time per document that does
// not grow with --jobs says the threads add no work of their own.
const gnuTime = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
const cpu = Object.create(null);

function time(jobs) {
  const argv = ['--jsonl', '--jobs', String(jobs), corpus];
  const started = process.hrtime.bigint();
  const r = gnuTime
    ? spawnSync(gnuTime, ['-f', 'cpu %U %S', cli, ...argv], { stdio: ['ignore', 'ignore', 'pipe'] })
    : spawnSync(cli, argv, { stdio: ['ignore', 'ignore', 'pipe'] });
  const s = Number(process.hrtime.bigint() - started) / 1e9;
  if (r.status !== 0) throw new Error(`newslens --jobs ${jobs} failed: ${r.stderr}`);
  const m = String(r.stderr).match(/cpu ([\d.]+) ([\d.]+)/);
  if (m) (cpu[jobs] ??= []).push(Number(m[1]) + Number(m[2]));
  return s;
}

time(1); // warm the page cache and the binary
const rows = [];
const load = os.loadavg()[0];
// Interleaved, so that a change in the machine's load touches every row alike.
const times = Object.fromEntries(jobsList.map((j) => [j, []]));
for (let r = 0; r < runs; r++) for (const j of jobsList) times[j].push(time(j));
for (const j of jobsList) {
  const s = median(times[j]);
  rows.push({ jobs: j, s, docsPerS: docs / s, mbPerS: bytes / 1e6 / s, cpuMs: cpu[j] ? (median(cpu[j]) * 1000) / docs : null });
}
const base = rows[0].docsPerS;
const table = [
  '| --jobs | docs/s | MB/s | speed-up over --jobs 1 | CPU ms per doc | median of |',
  '|---:|---:|---:|---:|---:|---:|',
  ...rows.map((r) => `| ${r.jobs}${r.jobs === cores ? ' (every core)' : ''} | ${Math.round(r.docsPerS)} | ${r.mbPerS.toFixed(1)} | ${(r.docsPerS / base).toFixed(2)}x | ${r.cpuMs === null ? 'n/a' : r.cpuMs.toFixed(2)} | ${runs} runs |`),
].join('\n');
const machine = `${os.cpus()[0]?.model ?? 'unknown CPU'}, ${cores} cores, load average ${load.toFixed(1)} at the start (${os.platform()} ${os.release()})`;
const doc = `# Command-line throughput

Written by \`make bench-cli\` (\`node benches/cli-throughput.mjs\`); do not edit by hand.

- date: ${new Date().toISOString()}
- machine: ${machine}
- corpus: ${docs} documents, ${(bytes / 1e6).toFixed(1)} MB of JSON Lines (\`benches/docs-jsonl.mjs\`: the reference article, GUM, wikigold and re3d documents)
- command: \`newslens --jsonl --jobs N ${path.relative(ROOT, corpus)} > /dev/null\`, every layer

${table}

A shared machine's load lowers every figure and the speed-up most of all (with
N other busy processes on the cores, two threads get little more than one):
compare rows of one run, not runs. CPU time per document (user + system, GNU
time) that stays flat across rows means the threads add no work of their own.
`;
fs.mkdirSync(path.join(ROOT, 'docs', 'figures'), { recursive: true });
fs.writeFileSync(path.join(ROOT, 'docs', 'figures', 'cli-throughput.md'), doc);
console.log(doc);
