// Shared pieces of the end-to-end tests: a static server for www/ on a free
// 127.0.0.1 port, headless Debian Chromium through playwright-core, the built
// wasm loaded in Node (the oracle the page is checked against), and request
// recording.
//
// The server is the one `make serve` runs, with its strict
// Content-Security-Policy, so a page that needs an inline script, a CDN or a
// font server fails here too.

import { readFile, readdir, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const WWW = path.join(ROOT, 'www');
/** What is served (www/ with its modules minified, scripts/site.mjs): what the tests load. */
export const SITE = path.join(ROOT, 'out', 'www');
export const SHOTS = path.join(ROOT, 'out', 'screenshots');
export const SEED_PATH = path.join(ROOT, '..', 'shared', 'data', 'seed-article.txt');
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

/**
 * Builds the served copy of www/ (scripts/site.mjs) from the sources as they
 * are now, once per test process, so a test never runs an older page than the
 * one in www/.
 */
let built = null;
export function buildSite() {
  built ??= import(pathToFileURL(path.join(ROOT, 'scripts', 'site.mjs')).href).then((m) => m.buildSite());
  return built;
}

/** Serves the page (out/www/) with the project's server (scripts/serve.mjs) on a free 127.0.0.1 port. */
export async function startServer() {
  await buildSite();
  const { serve } = await import(pathToFileURL(path.join(ROOT, 'scripts', 'serve.mjs')).href);
  return serve({ root: SITE, port: 0, strictPort: true });
}

/** Starts headless Chromium with a fresh profile; resolves to { context, close }. */
export async function startBrowser(contextOptions = {}) {
  const profile = await mkdtemp(path.join(tmpdir(), 'newslens-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
    viewport: { width: 1280, height: 900 },
    ...contextOptions,
  });
  return {
    context,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Records every request a page (and its workers) makes. */
export function recordRequests(context) {
  const urls = [];
  context.on('request', (req) => urls.push(req.url()));
  return urls;
}

/** The built wasm, loaded in Node: the oracle for what the page must show. */
export async function loadWasm() {
  const mod = await import(pathToFileURL(path.join(WWW, 'pkg', 'newslens.js')).href);
  const bytes = await readFile(path.join(WWW, 'pkg', 'newslens_bg.wasm'));
  await mod.default({ module_or_path: bytes });
  return mod;
}

export async function readSeed() {
  return readFile(SEED_PATH, 'utf8');
}

export async function screenshot(page, name, options = {}) {
  await mkdir(SHOTS, { recursive: true });
  const file = path.join(SHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true, ...options });
  return file;
}

/** Waits until the article shows a finished render of exactly `text`. */
export async function waitForRender(page, text, timeout = 60_000) {
  await page.waitForFunction(
    (n) => {
      const a = document.getElementById('article');
      return a?.dataset.status === 'done' && a.dataset.chars === String(n)
        && !document.body.classList.contains('busy');
    },
    text.length,
    { timeout },
  );
}

/**
 * Pastes `text` over the whole article text the way a user would (select all,
 * a paste event); `staged()`, when given, is awaited once the text is in the
 * page and before the paste.
 */
export async function paste(page, text, staged = async () => {}) {
  await page.locator('#input').focus();
  // The text goes over first, in a task of its own: deserializing a 1 MB argument takes the
  // renderer some 30 ms, which is the test's cost, not part of the paste a user makes.
  await page.evaluate((t) => { window.__pasteData = t; }, text);
  await staged();
  await page.evaluate(() => {
    const t = window.__pasteData;
    delete window.__pasteData;
    const input = /** @type {import('../../www/editor.js').TextEditor} */ (document.getElementById('input'));
    input.select();
    const data = new DataTransfer();
    data.setData('text/plain', t);
    const event = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
    if (input.dispatchEvent(event)) {
      // Chromium does not insert synthetic paste data itself; do what it would.
      if (input instanceof HTMLTextAreaElement) {
        // (A build from before <text-editor>, when a benchmark compares with one.)
        input.setRangeText(t, 0, input.value.length, 'end');
        input.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
      } else {
        document.execCommand('insertText', false, t);
      }
    }
  });
}

/** The article text as the page holds it (`#input` is a <text-editor>, not a <textarea>). */
export async function inputText(page) {
  return page.locator('#input').evaluate((input) => input.value);
}

/**
 * The highlights of one layer as { id, text } in document order, joining the
 * fragments of a span that had to be split to nest; chips are CSS generated
 * content and so are not part of the text.
 */
export async function highlights(page, layer) {
  return page.$$eval(`#article [data-layer="${layer}"]`, (els) => {
    const byId = new Map();
    for (const el of els) {
      const id = Number(el.getAttribute('data-id'));
      byId.set(id, (byId.get(id) ?? '') + el.textContent);
    }
    return [...byId.entries()].map(([id, text]) => ({ id, text }));
  });
}

/**
 * Requests every file under `root` from the server at `url` once. The server
 * compresses each file on its first request (brotli at quality 11 takes
 * seconds for the .wasm, tens of milliseconds for each small module), which
 * a benchmark of the page must not count.
 */
/**
 * Arms a real trap in the page's annotation worker, through the core's
 * test-only export: the worker's next call into the core traps.
 */
export async function armWorkerTrap(page) {
  const [worker] = page.workers();
  if (!worker) throw new Error('the annotation worker is not running');
  await worker.evaluate(async () => {
    const core = await import(new URL('./pkg/newslens.js', location.href).href);
    // Until the worker has instantiated the core, its exports throw.
    for (let i = 0; ; i++) {
      try { core.version(); break; } catch (err) { if (i > 500) throw err; await new Promise((r) => setTimeout(r, 20)); }
    }
    core.__trapNextCallForTests();
  });
}

/** Clicks the download button of export `format` and returns the `count` files it saves ({ name, text }). */
export async function download(page, format, count = 1) {
  const files = [];
  const done = new Promise((resolve) => {
    page.on('download', async (d) => {
      files.push({ name: d.suggestedFilename(), text: await readFile(await d.path(), 'utf8') });
      if (files.length === count) resolve();
    });
  });
  await page.locator(`#exports button[data-export="${format}"][data-mode="download"]`).click();
  let timer;
  await Promise.race([done, new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`no ${format} download`)), 30_000); })]);
  clearTimeout(timer);
  page.removeAllListeners('download');
  return files;
}

export async function warmServer(url, root) {
  const files = ['', ...(await readdir(root, { recursive: true })).filter((f) => /\.(js|css|html|svg|wasm)$/.test(f))];
  for (const file of files) {
    await (await fetch(url + file.split(path.sep).join('/'), { headers: { 'accept-encoding': 'br, gzip' } })).arrayBuffer();
  }
}

/**
 * The sample page's load, as issue 7 times it: from navigation start to the
 * first annotated render of the sample (the page's `newslens:first-render`
 * mark: paragraphs and sentences drawn, the quick first pass) and to the
 * render with every layer (`newslens:first-full-render`), on a first visit
 * (fresh profile) and then with the files cached: the page opened again in
 * a new tab of the same browser (the previous tab closed), `cachedVisits`
 * times. With `serviceWorkers: 'allow'` (the default, what a returning
 * visitor has) the service worker installed by the first visit is in control
 * of the cached visits; with 'block' only the HTTP cache serves them.
 * Used by tests/e2e/bench-page.mjs and benches/browser.mjs alike.
 *
 * @returns {Promise<{ first: number[], cached: number[][] }>} [first render, full render] in ms
 */
export async function sampleLoad(url, { cachedVisits = 3, serviceWorkers = 'allow' } = {}) {
  const browser = await startBrowser({ serviceWorkers });
  const marks = () => ['newslens:first-render', 'newslens:first-full-render'].map((n) => performance.getEntriesByName(n)[0]?.startTime);
  const visit = async () => {
    for (const old of browser.context.pages()) await old.close();
    const page = await browser.context.newPage();
    await page.goto(url);
    await page.waitForFunction(() => performance.getEntriesByName('newslens:first-full-render').length > 0, null, { timeout: 30_000 });
    return { page, times: await page.evaluate(marks) };
  };
  try {
    const { page, times: first } = await visit();
    if (serviceWorkers === 'allow') {
      await page.evaluate(async () => {
        await navigator.serviceWorker.ready;
        if (!navigator.serviceWorker.controller) await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
      });
    }
    const cached = [];
    for (let i = 0; i < cachedVisits; i++) cached.push((await visit()).times);
    return { first, cached };
  } finally {
    await browser.close();
  }
}
