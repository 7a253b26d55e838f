// What the page downloads, next to what compromise and wink-nlp would cost,
// and where the bytes of the .wasm go.
//
//   node benches/size.mjs [--no-build]      (part of make bench-compare;
//                                          --no-build reuses the last named build)
//
// The page's files are found the way a browser finds them: from
// www/index.html through `src`/`href`, ES `import`s and
// `new URL('…', import.meta.url)` (the worker and the .wasm), read in the
// readable sources; each is measured as it is served, from out/www/ (built
// here first by scripts/site.mjs: the modules minified, see there). Each file is
// measured raw, gzip -9 and brotli -11 (node:zlib), and so are the browser
// bundles of the alternatives: compromise's own builds/compromise.js, and
// wink-nlp + wink-eng-lite-web-model, which ship no browser bundle, bundled
// and minified here with esbuild (out/bench/wink-bundle.js, also used by the
// browser benchmark).
//
// The breakdown needs function names, which the shipped .wasm does not
// carry ([profile.wasm] strips them). So the same crate is built with
// `strip = false` into target/wasm-names, put through the same wasm-bindgen
// and wasm-opt -Oz (minus --strip-debug), and its code and data sections are
// read here: the largest functions, the share of each crate/module, the
// largest data segments. Writes out/bench/size.{json,md}.

import { writeFigures, writeReadmeBlock } from './figures.mjs';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { ROOT, OUT } from './corpus.mjs';
import { buildSite, SITE } from '../scripts/site.mjs';

const WWW = path.join(ROOT, 'www');
const KB = 1000;
const argv = process.argv.slice(2);

// ---- sizes -----------------------------------------------------------------

function sizes(buf) {
  return {
    raw: buf.length,
    gzip: zlib.gzipSync(buf, { level: 9 }).length,
    brotli: zlib.brotliCompressSync(buf, {
      params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: buf.length },
    }).length,
  };
}

/** The page's files, following references from index.html. */
export function pageFiles() {
  const seen = new Set();
  const queue = ['index.html'];
  while (queue.length) {
    const rel = queue.shift();
    if (seen.has(rel)) continue;
    const abs = path.join(WWW, rel);
    if (!fs.existsSync(abs)) continue;
    seen.add(rel);
    if (!/\.(html|js|mjs|css)$/.test(rel)) continue;
    const text = fs.readFileSync(abs, 'utf8');
    const refs = [];
    if (rel.endsWith('.html')) for (const m of text.matchAll(/\b(?:src|href)="([^"#?]+)"/g)) refs.push(m[1]);
    if (/\.m?js$/.test(rel)) {
      for (const m of text.matchAll(/\bimport\s*(?:[\w{}\s,*]+from\s*)?['"]([^'"]+)['"]/g)) refs.push(m[1]);
      for (const m of text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) refs.push(m[1]);
      for (const m of text.matchAll(/new URL\(\s*['"]([^'"]+)['"]\s*,\s*import\.meta\.url/g)) refs.push(m[1]);
    }
    if (rel.endsWith('.css')) for (const m of text.matchAll(/url\(\s*['"]?([^'")]+)['"]?\s*\)/g)) refs.push(m[1]);
    for (const r of refs) {
      if (/^[a-z]+:/i.test(r) || r.startsWith('//')) continue; // the page requests nothing off-origin
      queue.push(path.posix.normalize(path.posix.join(path.posix.dirname(rel), r)));
    }
  }
  return [...seen];
}

/** wink-nlp with its English model as one minified browser script (IIFE, global `winkBundle`). */
export async function winkBundle() {
  const out = path.join(OUT, 'wink-bundle.js');
  const { build } = await import('esbuild');
  await build({
    stdin: {
      contents: "import winkNLP from 'wink-nlp'; import model from 'wink-eng-lite-web-model'; export { winkNLP, model };",
      resolveDir: ROOT,
    },
    bundle: true, minify: true, format: 'iife', globalName: 'winkBundle', platform: 'browser',
    outfile: out, logLevel: 'error',
  });
  return out;
}

// ---- the .wasm breakdown ------------------------------------------------------

function leb(buf, pos) {
  let result = 0, shift = 0, byte;
  do {
    byte = buf[pos++];
    result += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return [result, pos];
}

function readName(buf, pos) {
  const [len, p] = leb(buf, pos);
  return [buf.toString('utf8', p, p + len), p + len];
}

/** Sections, function bodies (with names) and data segments of a module. */
export function parseWasm(buf) {
  const sections = [];
  const bodies = [];
  const segments = [];
  const names = new Map();
  const dataNames = new Map();
  let imported = 0;
  let pos = 8;
  while (pos < buf.length) {
    const id = buf[pos];
    const [size, start] = leb(buf, pos + 1);
    const end = start + size;
    let name = ['custom', 'type', 'import', 'function', 'table', 'memory', 'global', 'export', 'start', 'element', 'code', 'data', 'datacount'][id] ?? `id ${id}`;
    if (id === 0) {
      const [cname, p] = readName(buf, start);
      name = `custom "${cname}"`;
      if (cname === 'name') {
        let q = p;
        while (q < end) {
          const sub = buf[q];
          const [len, r] = leb(buf, q + 1);
          if (sub === 1 || sub === 9) {
            let [count, s] = leb(buf, r);
            for (let i = 0; i < count; i++) {
              let idx, n;
              [idx, s] = leb(buf, s);
              [n, s] = readName(buf, s);
              (sub === 1 ? names : dataNames).set(idx, n);
            }
          }
          q = r + len;
        }
      }
    } else if (id === 2) {
      let [count, p] = leb(buf, start);
      for (let i = 0; i < count; i++) {
        [, p] = readName(buf, p);
        [, p] = readName(buf, p);
        const kind = buf[p++];
        if (kind === 0) { imported++; [, p] = leb(buf, p); }
        else if (kind === 1) { p += 1; const flags = buf[p++]; [, p] = leb(buf, p); if (flags & 1) [, p] = leb(buf, p); }
        else if (kind === 2) { const flags = buf[p++]; [, p] = leb(buf, p); if (flags & 1) [, p] = leb(buf, p); }
        else if (kind === 3) { p += 2; }
        else if (kind === 4) { p += 1; [, p] = leb(buf, p); }
      }
    } else if (id === 10) {
      let [count, p] = leb(buf, start);
      for (let i = 0; i < count; i++) {
        const [len, b] = leb(buf, p);
        bodies.push({ index: imported + i, size: b + len - p });
        p = b + len;
      }
    } else if (id === 11) {
      let [count, p] = leb(buf, start);
      for (let i = 0; i < count; i++) {
        const [flags, q] = leb(buf, p);
        p = q;
        if (flags === 2) [, p] = leb(buf, p);
        if (flags !== 1) { while (buf[p] !== 0x0b) p++; p++; } // offset expression
        const [len, d] = leb(buf, p);
        segments.push({ index: i, size: len, start: d });
        p = d + len;
      }
    }
    sections.push({ name, size: end - pos });
    pos = end;
  }
  for (const b of bodies) b.name = names.get(b.index) ?? `func[${b.index}]`;
  for (const s of segments) s.name = dataNames.get(s.index) ?? `data[${s.index}]`;
  return { sections, bodies, segments, named: names.size > 0 };
}

/** Crate and module of a demangled Rust name: `newslens::text::tokens`, `core::fmt`, `serde_json`. */
function owner(name) {
  let n = name.replace(/\[[0-9a-f]+\]/g, ''); // crate disambiguators: core[c5930c85a12de822]
  if (/^(__wbg|__wbindgen|wasm_bindgen)|shim/.test(n)) return 'wasm-bindgen glue';
  if (n.startsWith('func[')) return '(unnamed)';
  if (n.startsWith('<')) {
    // `<T as Trait>::f`: the type's module if it has one, else the trait's.
    const m = /^<+([^<>]*?)(?:<.*?)?(?: as ([^<>]+?))?(?:<.*)?>/.exec(n);
    n = m ? (m[1].includes('::') || !m[2] ? m[1] : m[2]) : n.slice(1);
  }
  n = n.replace(/^(?:impl\s+|dyn\s+|&(?:mut\s+)?)/, '').split(/[<>(\s]/)[0];
  const parts = n.split('::').filter(Boolean);
  if (parts.length && /^h[0-9a-f]{16}$/.test(parts[parts.length - 1])) parts.pop();
  if (parts.length <= 1) return parts[0] ? `${parts[0]} (primitive/free)` : '(other)';
  const depth = parts[0] === 'newslens' ? 3 : 2;
  return parts.slice(0, Math.min(depth, parts.length - 1)).join('::');
}

/**
 * What a data segment holds: embedded text (word lists, gazetteers) shows up
 * as long runs of printable bytes, so report how much of it is such runs and
 * the start of the longest one.
 */
function glimpse(buf) {
  let textBytes = 0, best = [0, 0], start = -1;
  for (let i = 0; i <= buf.length; i++) {
    const c = i < buf.length ? buf[i] : 0;
    const printable = c === 9 || c === 10 || (c >= 0x20 && c < 0x7f) || c >= 0x80;
    if (printable && start < 0) start = i;
    if (!printable && start >= 0) {
      const len = i - start;
      if (len >= 256) textBytes += len;
      if (len > best[1] - best[0]) best = [start, i];
      start = -1;
    }
  }
  const share = textBytes / Math.max(1, buf.length);
  if (share < 0.2) return 'binary (tables, weights, constants)';
  const sample = buf.toString('latin1', best[0], Math.min(best[1], best[0] + 60)).replace(/[^\x21-\x7e]+/g, ' ').trim();
  return `${(100 * share).toFixed(0)}% text, longest run ${((best[1] - best[0]) / 1000).toFixed(1)} KB: "${sample}"`;
}

function namedWasm() {
  if (argv.includes('--no-build')) {
    const old = path.join(OUT, 'names', 'newslens_bg.wasm'); // from an earlier run, possibly stale
    return fs.existsSync(old) ? old : null;
  }
  const target = path.join(ROOT, 'target', 'wasm-names');
  try {
    execFileSync('cargo', ['build', '--quiet', '--profile', 'wasm', '--target', 'wasm32-unknown-unknown', '--lib',
      '--config', 'profile.wasm.strip=false'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, CARGO_TARGET_DIR: target } });
    const dir = path.join(OUT, 'names');
    execFileSync('wasm-bindgen', ['--target', 'web', '--no-typescript', '--out-dir', dir, '--out-name', 'newslens',
      path.join(target, 'wasm32-unknown-unknown', 'wasm', 'newslens.wasm')], { cwd: ROOT, stdio: 'inherit' });
    const wasm = path.join(dir, 'newslens_bg.wasm');
    execFileSync(path.join(ROOT, 'node_modules', '.bin', 'wasm-opt'), ['-Oz', '--enable-bulk-memory', '--enable-nontrapping-float-to-int',
      '--enable-sign-ext', '--enable-mutable-globals', '--enable-multivalue', '--enable-reference-types', '--debuginfo', wasm, '-o', wasm],
    { cwd: ROOT, stdio: 'inherit' });
    return wasm;
  } catch (e) {
    console.error(`size: could not build a named .wasm for the breakdown (${e.message.split('\n')[0]})`);
    return null;
  }
}

// ---- main -------------------------------------------------------------------

const isMain = process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname);
if (isMain) {
  fs.mkdirSync(OUT, { recursive: true });
  const lines = [];
  const kb = (b) => (b / KB).toFixed(1);
  const row = (label, s) => `| ${label} | ${kb(s.raw)} | ${kb(s.gzip)} | ${kb(s.brotli)} |`;

  const files = pageFiles();
  if (!files.some((f) => f.endsWith('.wasm'))) {
    console.error('size: www/pkg/newslens_bg.wasm is missing; run `make build` first');
    process.exit(1);
  }
  // What is served: the copy with minified modules, made from www/ as it is now.
  await buildSite();
  const bytes = new Map(files.map((f) => [f, fs.readFileSync(path.join(SITE, f))]));
  const wasmBytes = bytes.get(files.find((f) => f.endsWith('.wasm')));
  if (wasmBytes.length < 8 || wasmBytes.readUInt32BE(0) !== 0x0061736d) {
    console.error('size: www/pkg/newslens_bg.wasm is not a complete module (being rebuilt?); run again');
    process.exit(1);
  }
  const page = files.map((f) => ({ file: f, ...sizes(bytes.get(f)) }));
  const sum = (list) => list.reduce((a, s) => ({ raw: a.raw + s.raw, gzip: a.gzip + s.gzip, brotli: a.brotli + s.brotli }), { raw: 0, gzip: 0, brotli: 0 });
  const pageTotal = sum(page);

  const compromiseFile = path.join(ROOT, 'node_modules', 'compromise', 'builds', 'compromise.js');
  const compromise = sizes(fs.readFileSync(compromiseFile));
  const winkFile = await winkBundle();
  const wink = sizes(fs.readFileSync(winkFile));
  const winkModelOnly = sizes(fs.readFileSync(path.join(ROOT, 'node_modules', 'wink-eng-lite-web-model', 'dist', 'languages', 'cur', 'models', 'eng-core-web-model.json')));

  lines.push('What the page downloads, as served from out/www/ (modules minified; KB = 1000 bytes; gzip -9, brotli -11):');
  lines.push('');
  lines.push('| file | raw KB | gzip KB | brotli KB |');
  lines.push('|---|--:|--:|--:|');
  for (const p of page) lines.push(row(`www/${p.file}`, p));
  lines.push(row('**newslens page, all files**', pageTotal));
  lines.push(row('compromise 14 (builds/compromise.js, the library alone)', compromise));
  lines.push(row('wink-nlp 2 + wink-eng-lite-web-model (esbuild bundle, minified)', wink));
  lines.push(row('  of which the core model JSON alone (unminified)', winkModelOnly));
  lines.push('');
  const targets = [
    { name: 'page gzipped smaller than wink-nlp + model gzipped', pass: pageTotal.gzip < wink.gzip, detail: `${kb(pageTotal.gzip)} KB vs ${kb(wink.gzip)} KB` },
    { name: 'page gzipped at most 600 KB', pass: pageTotal.gzip <= 600 * KB, detail: `${kb(pageTotal.gzip)} KB` },
  ];
  for (const t of targets) lines.push(`- ${t.pass ? 'PASS' : 'FAIL'} ${t.name}: ${t.detail}`);

  const shipped = parseWasm(wasmBytes);
  const namedPath = namedWasm();
  const named = namedPath ? parseWasm(fs.readFileSync(namedPath)) : shipped;
  let breakdown = null;
  if (named.named) {
    const codeTotal = named.bodies.reduce((a, b) => a + b.size, 0);
    const dataTotal = named.segments.reduce((a, b) => a + b.size, 0);
    const byOwner = new Map();
    for (const b of named.bodies) {
      const o = owner(b.name);
      const e = byOwner.get(o) ?? { owner: o, size: 0, count: 0 };
      e.size += b.size;
      e.count++;
      byOwner.set(o, e);
    }
    const owners = [...byOwner.values()].sort((a, b) => b.size - a.size);
    const top = named.bodies.slice().sort((a, b) => b.size - a.size).slice(0, 20);
    const segs = named.segments.slice().sort((a, b) => b.size - a.size).slice(0, 5);
    const namedBuf = fs.readFileSync(namedPath ?? path.join(WWW, 'pkg', 'newslens_bg.wasm'));
    for (const sg of segs) sg.glimpse = glimpse(namedBuf.subarray(sg.start, sg.start + sg.size));
    breakdown = { codeTotal, dataTotal, owners, top, segments: segs, sections: named.sections };
    const pct = (x, t) => `${((100 * x) / t).toFixed(1)}%`;
    lines.push('');
    lines.push(`The .wasm (${kb(shipped.sections.reduce((a, s) => a + s.size, 0) + 8)} KB shipped; breakdown of the same build with names kept):`);
    lines.push('');
    lines.push('| section | KB |');
    lines.push('|---|--:|');
    for (const s of named.sections.filter((s) => !s.name.startsWith('custom "name'))) lines.push(`| ${s.name} | ${kb(s.size)} |`);
    lines.push('');
    lines.push(`Code by crate/module (${named.bodies.length} functions, ${kb(codeTotal)} KB):`);
    lines.push('');
    lines.push('| crate/module | functions | KB | share of code |');
    lines.push('|---|--:|--:|--:|');
    for (const o of owners.slice(0, 25)) lines.push(`| \`${o.owner}\` | ${o.count} | ${kb(o.size)} | ${pct(o.size, codeTotal)} |`);
    lines.push('');
    lines.push('Largest functions:');
    lines.push('');
    lines.push('| function | KB |');
    lines.push('|---|--:|');
    for (const b of top) {
      const n = b.name.replace(/::h[0-9a-f]{16}$/, '').replace(/\[[0-9a-f]+\]/g, '');
      lines.push(`| \`${n.length > 110 ? n.slice(0, 107) + '...' : n}\` | ${kb(b.size)} |`);
    }
    lines.push('');
    lines.push(`Data: ${named.segments.length} segment(s), ${kb(dataTotal)} KB (${pct(dataTotal, codeTotal + dataTotal)} of code+data). Largest:`);
    lines.push('');
    lines.push('| segment | KB | contents |');
    lines.push('|---|--:|---|');
    for (const sg of segs) lines.push(`| ${sg.name} | ${kb(sg.size)} | \`${sg.glimpse.replace(/[`|]/g, ' ')}\` |`);
  } else {
    lines.push('');
    lines.push('(no function names available: run without --no-build for the .wasm breakdown)');
  }

  const report = lines.join('\n');
  console.log(report);
  fs.writeFileSync(path.join(OUT, 'size.md'), report + '\n');
  writeFigures('size', 'node benches/size.mjs', report);
  writeReadmeBlock('size', 'node benches/size.mjs', `The whole page (core, model, word lists and every script) is ${kb(pageTotal.gzip)} KB gzipped; wink-nlp with its English model is ${kb(wink.gzip)} KB ([figures](docs/figures/size.md)).`);
  fs.writeFileSync(path.join(OUT, 'size.json'), JSON.stringify({
    date: new Date().toISOString(), page, pageTotal, compromise, wink, winkModelOnly, targets, breakdown,
  }, null, 2) + '\n');
}
