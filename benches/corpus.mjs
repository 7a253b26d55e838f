// Builds the benchmark texts under out/bench/ (git-ignored), deterministically.
//
// A benchmark over one article repeated a thousand times measures the branch
// predictor, not the annotator: every system would see the same few names and
// sentences. So the large texts concatenate varied documents: every GUM
// document (news, interview, bio, voyage, ... genres), the wikigold and re3d
// documents, and the reference article once. One pass over all of them is
// about 1.1 MB; longer texts take further passes, each in a different seeded
// order, so the text never settles into a short repeating period.
//
//   node benches/corpus.mjs          writes out/bench/{1mb,10mb,20mb}.txt,
//                                    out/bench/gum-news/*.txt, gum-news.jsonl
//
// Other scripts import `ensureCorpus()`, which builds only what is missing.

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SHARED = path.resolve(ROOT, '..', 'shared');
export const OUT = path.join(ROOT, 'out', 'bench');
export const MB = 1_000_000;
export const SIZES = { '1mb': 1 * MB, '10mb': 10 * MB, '20mb': 20 * MB };

const NER = path.join(SHARED, 'data', 'ner');
const SOURCES = [
  'gum.train', 'gum.dev', 'gum.test',
  'wikigold.train', 'wikigold.dev',
  're3d.train', 're3d.dev',
];

/** Reads one gzipped JSONL corpus and groups its records into documents. */
function readDocs(name) {
  const raw = zlib.gunzipSync(fs.readFileSync(path.join(NER, `${name}.jsonl.gz`))).toString('utf8');
  const docs = new Map();
  for (const line of raw.split('\n')) {
    if (!line.trim()) continue;
    const rec = JSON.parse(line);
    if (!docs.has(rec.doc)) docs.set(rec.doc, []);
    docs.get(rec.doc).push(rec.text);
  }
  return [...docs].map(([id, parts]) => ({ id, text: joinRecords(parts) }));
}

/**
 * GUM and wikigold records are sentences; a record without final punctuation
 * is a heading or a list item and gets a line of its own, the rest run on.
 */
function joinRecords(parts) {
  let out = '';
  for (const p of parts) {
    const t = p.trim();
    if (!t) continue;
    if (out) out += /[.!?:;"”’)\]]$/.test(out) ? ' ' : '\n';
    out += t;
  }
  return out;
}

/** Mulberry32: a tiny seeded PRNG, so the texts are the same on every machine. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled(items, seed) {
  const a = items.slice();
  const r = rng(seed);
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

/** All documents, the reference article first. */
export function allDocs() {
  const seed = fs.readFileSync(path.join(SHARED, 'data', 'seed-article.txt'), 'utf8');
  const docs = SOURCES.flatMap(readDocs);
  return { seed, docs };
}

/**
 * A text of at least `bytes` UTF-8 bytes, cut at the first document boundary
 * past it: the reference article, then passes over every document, each pass
 * in its own shuffled order.
 */
export function buildText(bytes, { seed, docs }) {
  const pieces = [seed.trim()];
  let size = Buffer.byteLength(pieces[0]);
  for (let pass = 1; size < bytes; pass++) {
    for (const d of shuffled(docs, pass)) {
      if (size >= bytes) break;
      pieces.push(d.text);
      size += Buffer.byteLength(d.text) + 2;
    }
  }
  return pieces.join('\n\n') + '\n';
}

/** The GUM news documents, one text each. */
export function gumNews() {
  return ['gum.train', 'gum.dev', 'gum.test'].flatMap(readDocs).filter((d) => d.id.startsWith('GUM_news_'));
}

/** Writes every benchmark text that is missing; returns their paths. */
export function ensureCorpus({ force = false, sizes = Object.keys(SIZES) } = {}) {
  fs.mkdirSync(OUT, { recursive: true });
  const paths = {};
  let all = null;
  for (const name of sizes) {
    const file = path.join(OUT, `${name}.txt`);
    paths[name] = file;
    if (!force && fs.existsSync(file)) continue;
    all ??= allDocs();
    fs.writeFileSync(file, buildText(SIZES[name], all));
  }
  const newsDir = path.join(OUT, 'gum-news');
  const jsonl = path.join(OUT, 'gum-news.jsonl');
  paths.gumNewsDir = newsDir;
  paths.gumNewsJsonl = jsonl;
  if (force || !fs.existsSync(jsonl)) {
    fs.rmSync(newsDir, { recursive: true, force: true });
    fs.mkdirSync(newsDir, { recursive: true });
    const news = gumNews();
    for (const d of news) fs.writeFileSync(path.join(newsDir, `${d.id}.txt`), d.text + '\n');
    fs.writeFileSync(jsonl, news.map((d) => JSON.stringify({ id: d.id, text: d.text })).join('\n') + '\n');
  }
  paths.seed = path.join(SHARED, 'data', 'seed-article.txt');
  return paths;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const paths = ensureCorpus({ force: true });
  for (const [name, p] of Object.entries(paths)) {
    const stat = fs.statSync(p);
    const size = stat.isDirectory() ? `${fs.readdirSync(p).length} files` : `${stat.size} bytes`;
    console.log(`${name.padEnd(13)} ${path.relative(ROOT, p)}  ${size}`);
  }
}
