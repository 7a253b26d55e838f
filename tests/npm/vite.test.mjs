// The packed npm package in a bundler, as a web developer uses it: two
// two-file Vite apps (index.html + main.js) with the tarball installed and
// no config, no copy step and no CDN. One calls `init()` and `annotate`
// directly, the other `createAnnotator()` (the core in a Web Worker).
// `vite build` bundles each and Vite's preview server serves the build; then
// Vite's dev server serves it unbundled. Headless Chromium opens each and the
// test reads the entities the app rendered, which must equal what the wasm
// in www/pkg finds in the same text. Every request must go to the app's own
// origin.

import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { build, createServer, preview } from 'vite';
import { chromium } from 'playwright-core';

import { installInto, loadOracle, pack, readSeed, tempDir } from './helpers.mjs';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

const INDEX_HTML = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>newslens in Vite</title></head>
<body>
<pre id="text"></pre>
<ol id="entities"></ol>
<p id="status">loading</p>
<script type="module" src="./main.js"></script>
</body>
</html>
`;

// Renders the entity spans as list items; the test reads them back.
const RENDER = `
function show(text, doc) {
  const list = document.getElementById('entities');
  for (const s of doc.spans) {
    if (s.layer !== 'entity') continue;
    const li = document.createElement('li');
    li.dataset.label = s.label;
    li.textContent = text.slice(s.start, s.end);
    list.append(li);
  }
  document.getElementById('status').textContent = 'done ' + doc.version;
}
function fail(err) {
  document.getElementById('status').textContent = 'error ' + (err && err.message);
}
`;

const APPS = {
  direct: `import init, { annotate } from 'newslens';
${RENDER}
const text = await (await fetch('./article.txt')).text();
document.getElementById('text').textContent = text;
init().then(() => show(text, annotate(text, { layers: ['entity'] })), fail);
`,
  worker: `import { createAnnotator } from 'newslens';
${RENDER}
const text = await (await fetch('./article.txt')).text();
document.getElementById('text').textContent = text;
const annotator = createAnnotator();
annotator.annotate(text, { layers: ['entity'] }).then((doc) => { show(text, doc); annotator.close(); }, fail);
`,
};

let tmp;
let tarball;
let browser;
let text;
let expected;

before(async () => {
  tmp = tempDir('npm-vite');
  ({ tarball } = pack(tmp.dir));
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  text = readSeed();
  const oracle = await loadOracle();
  expected = oracle.annotate(text, { layers: ['entity'] }).spans.map((s) => ({ label: s.label, text: text.slice(s.start, s.end) }));
  assert.ok(expected.length > 5, 'the article has entities to find');
});

after(async () => {
  await browser?.close();
  tmp?.remove();
});

/** Opens the app at `url` in Chromium and checks the entities it shows. */
async function checkApp(url) {
  const origin = new URL(url).origin;
  const context = await browser.newContext();
  try {
    const requests = [];
    context.on('request', (r) => requests.push(r.url()));
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url);
    await page.waitForFunction(() => !document.getElementById('status').textContent.startsWith('loading'), null, { timeout: 60_000 });
    const status = await page.textContent('#status');
    assert.match(status, /^done \d/, `the app at ${url} says: ${status}; page errors: ${errors.join('; ')}`);
    const got = await page.$$eval('#entities li', (lis) => lis.map((li) => ({ label: li.dataset.label, text: li.textContent })));
    assert.deepEqual(got, expected);
    assert.deepEqual(errors, []);
    assert.ok(requests.some((u) => new URL(u).pathname.endsWith('.wasm')), 'the .wasm was fetched');
    assert.deepEqual(requests.filter((u) => new URL(u).origin !== origin), [], 'no request leaves the app');
  } finally {
    await context.close();
  }
}

for (const [name, main] of Object.entries(APPS)) {
  test(`Vite app (${name}): builds against the tarball and annotates in Chromium`, async () => {
    const app = join(tmp.dir, name);
    mkdirSync(join(app, 'public'), { recursive: true });
    installInto(app, tarball);
    writeFileSync(join(app, 'index.html'), INDEX_HTML);
    writeFileSync(join(app, 'main.js'), main);
    // Served as a file of the app (public/ is copied as is), not bundled.
    writeFileSync(join(app, 'public', 'article.txt'), text);

    await build({ root: app, logLevel: 'warn', configFile: false });
    const assets = readdirSync(join(app, 'dist', 'assets'));
    assert.ok(assets.some((f) => f.endsWith('.wasm')), `the build emitted the .wasm: ${assets.join(', ')}`);

    const server = await preview({ root: app, logLevel: 'warn', configFile: false, preview: { host: '127.0.0.1', port: 0, strictPort: false } });
    try {
      await checkApp(server.resolvedUrls.local[0]);
    } finally {
      await new Promise((resolve) => server.httpServer.close(resolve));
    }
    // And unbundled, from Vite's dev server (its dependency pre-bundling included).
    const dev = await createServer({ root: app, logLevel: 'warn', configFile: false, server: { host: '127.0.0.1', port: 0, hmr: false } });
    await dev.listen();
    try {
      await checkApp(dev.resolvedUrls.local[0]);
    } finally {
      await dev.close();
    }
  });
}
