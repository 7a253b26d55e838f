// Shared pieces of the end-to-end tests: a static server for www/ on a free
// 127.0.0.1 port, headless Debian Chromium through playwright-core, the built
// wasm loaded in Node (the oracle the page is checked against), and request
// recording.
//
// The server sends the same Content-Security-Policy as `make serve`, so a
// page that needs an inline script, a CDN or a font server fails here too.

import { createServer } from 'node:http';
import { readFile, mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const WWW = path.join(ROOT, 'www');
export const SHOTS = path.join(ROOT, 'out', 'screenshots');
export const SEED_PATH = path.join(ROOT, '..', 'shared', 'data', 'seed-article.txt');
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

/** Serves www/ on 127.0.0.1 at a free port; resolves to { url, close }. */
export async function startServer(root = WWW) {
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      let file = path.normalize(path.join(root, decodeURIComponent(url.pathname)));
      if (!file.startsWith(root)) throw Object.assign(new Error('outside root'), { code: 'ENOENT' });
      if ((await stat(file)).isDirectory()) file = path.join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
        'content-security-policy': CSP,
        'cache-control': 'no-cache',
        'x-content-type-options': 'nosniff',
      });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain', 'content-security-policy': CSP });
      res.end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((resolve) => { server.closeAllConnections?.(); server.close(resolve); }),
  };
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
export async function waitForRender(page, text, timeout = 20_000) {
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

/** Pastes `text` into the text area the way a user would (a paste event). */
export async function paste(page, text) {
  await page.locator('#input').focus();
  await page.evaluate((t) => {
    const input = /** @type {HTMLTextAreaElement} */ (document.getElementById('input'));
    input.select();
    const data = new DataTransfer();
    data.setData('text/plain', t);
    const event = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
    if (input.dispatchEvent(event)) {
      // Chromium does not insert synthetic paste data itself; do what it would.
      input.setRangeText(t, 0, input.value.length, 'end');
      input.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
    }
  }, text);
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
