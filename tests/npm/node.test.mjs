// The packed npm package as a Node user gets it: `npm install` of the
// tarball into a fresh project, `import ... from 'newslens'` (the exports
// map's "node" entry, which loads the .wasm with fs), and the results equal
// what the wasm built in www/pkg returns for the same text. Then the
// declaration: a TypeScript file that uses the types compiles with tsc, and
// one that misuses them does not.

import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { ROOT, installInto, loadOracle, pack, readSeed, tempDir } from './helpers.mjs';

let tmp;
let packed;

before(() => {
  tmp = tempDir('npm-node');
  packed = pack(tmp.dir);
  installInto(tmp.dir, packed.tarball);
  console.log(`# tarball ${packed.tarball.split('/').pop()}: ${packed.size} bytes packed, ${packed.unpackedSize} unpacked, ${packed.files.length} files: ${packed.files.join(' ')}`);
});

after(() => tmp?.remove());

test('the tarball holds the package and nothing else', () => {
  const must = [
    'package.json', 'README.md', 'LICENSE-MIT', 'LICENSE-APACHE', 'DATA-LICENSES.md',
    'index.js', 'index.node.js', 'index.d.ts', 'annotator.js', 'annotator.d.ts', 'worker.js', 'columns.js', 'columns.d.ts',
    'pkg/newslens.js', 'pkg/newslens_bg.wasm', 'pkg/newslens.d.ts',
  ];
  for (const f of must) assert.ok(packed.files.includes(f), `${f} is in the tarball`);
  // The page's modules that the worker helper does not reach stay out, as do source maps and tests.
  for (const f of packed.files) {
    assert.match(f, /^(pkg\/)?[\w.-]+\.(js|d\.ts|wasm|md|json)$|^LICENSE-(MIT|APACHE)$/, `${f} belongs in the package`);
    assert.ok(!['main.js', 'boot.js', 'render.js', 'sw.js', 'index.html'].includes(f), `${f} is the page's, not the package's`);
  }
  const manifest = JSON.parse(readFileSync(join(tmp.dir, 'node_modules', 'newslens', 'package.json'), 'utf8'));
  assert.equal(manifest.name, 'newslens');
  assert.equal(manifest.type, 'module');
  assert.equal(manifest.license, 'MIT OR Apache-2.0');
  const cargoVersion = readFileSync(join(ROOT, 'Cargo.toml'), 'utf8').match(/^version = "([^"]+)"/m)[1];
  assert.equal(manifest.version, cargoVersion);
});

/** Runs `code` as an ES module in the installed project; returns its stdout parsed as JSON. */
function runInProject(code) {
  const file = join(tmp.dir, `use-${Math.random().toString(36).slice(2)}.mjs`);
  writeFileSync(file, code);
  const out = spawnSync(process.execPath, [file], { cwd: tmp.dir, encoding: 'utf8', maxBuffer: 256 << 20 });
  assert.equal(out.status, 0, out.stderr);
  return JSON.parse(out.stdout);
}

test('Node: import from "newslens" annotates at once, as the wasm does', async () => {
  const text = readSeed();
  writeFileSync(join(tmp.dir, 'article.txt'), text);
  const got = runInProject(`
    import { readFileSync } from 'node:fs';
    import init, { annotate, annotateColumnar, documentFromColumns, version, createAnnotator } from 'newslens';
    const text = readFileSync('article.txt', 'utf8');
    const doc = annotate(text);                     // no init needed in Node
    await init();                                   // and harmless for shared code
    const fromColumns = documentFromColumns(annotateColumnar(text, { layers: ['entity', 'quote'] }));
    const annotator = createAnnotator();
    const viaAnnotator = await annotator.annotate(text, { layers: ['hedge'] });
    const detailed = await annotator.annotateDetailed(text, { layers: ['hedge'] });
    const aborted = await annotator.annotate(text, { signal: AbortSignal.abort() }).then(() => 'resolved', (e) => e.name);
    annotator.close();
    const closed = await annotator.annotate(text).then(() => 'resolved', (e) => e.message);
    let error;
    try { annotate(text, { layer: ['entity'] }); } catch (e) { error = e instanceof Error && e.message; }
    const counts = detailed.counts;
    const byId = [...detailed.spanById.values()].every((s) => detailed.doc.spans[detailed.doc.spans.indexOf(s)] === s) && detailed.spanById.size;
    console.log(JSON.stringify({ doc, fromColumns, viaAnnotator, detailedDoc: detailed.doc, counts, byId, aborted, closed, error, version: version() }));
  `);
  const oracle = await loadOracle();
  assert.deepEqual(got.doc, oracle.annotate(text));
  assert.deepEqual(got.fromColumns, oracle.annotate(text, { layers: ['entity', 'quote'] }));
  assert.deepEqual(got.viaAnnotator, oracle.annotate(text, { layers: ['hedge'] }));
  assert.deepEqual(got.detailedDoc, got.viaAnnotator);
  assert.equal(got.counts.layers.hedge, got.viaAnnotator.spans.length);
  assert.ok(got.viaAnnotator.spans.length > 0, 'the article has hedges');
  assert.equal(got.byId, got.viaAnnotator.spans.length);
  assert.equal(got.aborted, 'AbortError');
  assert.equal(got.version, oracle.version());
  assert.match(got.closed, /closed/);
  assert.match(got.error, /unknown field `layer`/);
  // Real annotations, not an empty document that equals an empty one.
  const layers = new Set(got.doc.spans.map((s) => s.layer));
  for (const l of ['sentence', 'token', 'entity', 'quote', 'source']) assert.ok(layers.has(l), `the article has ${l} spans`);
  for (const s of got.doc.spans) assert.ok(s.start < s.end && s.end <= text.length);
});

/** Runs tsc on `source` in the installed project; returns { status, output }. */
function typeCheck(source) {
  const file = join(tmp.dir, 'check.ts');
  writeFileSync(file, source);
  const tsc = join(ROOT, 'node_modules', '.bin', 'tsc');
  const out = spawnSync(tsc, ['--noEmit', '--strict', '--target', 'es2022', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--lib', 'es2022,dom', '--types', '', file], { cwd: tmp.dir, encoding: 'utf8' });
  return { status: out.status, output: `${out.stdout}${out.stderr}` };
}

test('TypeScript: the declaration types documents, spans by layer, labels and attrs', () => {
  const ok = typeCheck(`
    import init, { annotate, createAnnotator, documentFromColumns, annotateColumnar } from 'newslens';
    import type { Document, Span, Layer, Label, EntityLabel, QuoteLabel, Options } from 'newslens';

    const options: Options = { layers: ['entity', 'quote', 'source'] };
    const doc: Document = annotate('Smith said it.', options);
    const n: number = doc.stats.words + doc.spans.length;
    for (const s of doc.spans) {
      const layer: Layer = s.layer;
      const label: Label = s.label;
      if (s.layer === 'entity') {
        const l: EntityLabel = s.label;
        const year: number | undefined = s.attrs?.year;
        const currency: string | undefined = s.attrs?.currency;
      } else if (s.layer === 'quote') {
        const q: QuoteLabel = s.label;
        const speaker: number | undefined = s.attrs?.speaker;
        const who = doc.spans.find((t: Span) => t.id === speaker);
      }
    }
    const card = doc.entities?.[0];
    const salience: number | undefined = card?.salience;
    const share: number | undefined = doc.sourcing?.anonymous_sentence_share;
    const again: Document = documentFromColumns(annotateColumnar('x'));
    async function viaWorker(): Promise<Document> {
      await init();
      const a = createAnnotator();
      const d = await a.annotate('text', { layers: ['hedge'], signal: new AbortController().signal });
      const detailed = await a.annotateDetailed('text');
      const hedges: number | undefined = detailed.counts.layers.hedge;
      const first: Span | undefined = detailed.spanById.get(0);
      a.close();
      return detailed.doc;
    }
  `);
  assert.equal(ok.status, 0, ok.output);
  // Each misuse is an error: an unknown layer, a label of another layer,
  // an attr the layer does not have, a wrong option, a non-string text.
  const bad = typeCheck(`
    import { annotate } from 'newslens';
    import type { Layer, EntityLabel } from 'newslens';
    const layer: Layer = 'entities';
    const doc = annotate('x', { layers: ['quote'] });
    for (const s of doc.spans) {
      if (s.layer === 'token') { const l: EntityLabel = s.label; }
      if (s.layer === 'hedge') { const y = s.attrs?.year; }
    }
    annotate('x', { layer: ['quote'] });
    annotate(42);
  `);
  assert.notEqual(bad.status, 0);
  const errors = bad.output.split('\n').filter((l) => /error TS\d+/.test(l));
  assert.equal(errors.length, 5, bad.output);
});
