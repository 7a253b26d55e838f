// Writes a JSON Lines corpus of news-like documents for the command line's
// and Spark's throughput runs: `{"id":..., "text":...}` per line, the
// reference article first, then every document of the benchmark corpus
// (GUM, wikigold, re3d; see corpus.mjs), in passes until COUNT lines.
//
//   node benches/docs-jsonl.mjs OUT.jsonl COUNT

import fs from 'node:fs';
import path from 'node:path';

import { allDocs } from './corpus.mjs';

const [out, countArg] = process.argv.slice(2);
const count = Number(countArg);
if (!out || !Number.isInteger(count) || count < 1) {
  console.error('usage: node benches/docs-jsonl.mjs OUT.jsonl COUNT');
  process.exit(2);
}
const { seed, docs } = allDocs();
const all = [{ id: 'seed-article', text: seed }, ...docs];
const lines = [];
for (let i = 0; lines.length < count; i++) {
  const d = all[i % all.length];
  const pass = Math.floor(i / all.length);
  lines.push(JSON.stringify({ id: pass ? `${d.id}#${pass}` : d.id, text: d.text }));
}
fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
fs.writeFileSync(out, lines.join('\n') + '\n');
const bytes = fs.statSync(out).size;
console.error(`docs-jsonl: ${out}: ${count} documents (${all.length} distinct), ${(bytes / 1e6).toFixed(1)} MB`);
