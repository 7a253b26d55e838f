// End-to-end: the page in headless Chromium, checked against the wasm in Node.
//
// One browser and one server for the file; each test opens its own page.
// Every request of every page is recorded, and the last test asserts that
// none left the page's origin.

import { test as nodeTest, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, startBrowser, recordRequests, loadWasm, readSeed, screenshot,
  waitForRender, paste, highlights, inputText, armWorkerTrap } from './harness.mjs';

/** Every test gets a deadline, so a stuck browser fails the run instead of hanging it. */
const test = (name, fn) => nodeTest(name, { timeout: 180_000 }, fn);

let server;
let browser;
let requests;
let wasm;
let seed;

before(async () => {
  // Service workers blocked here, so that routes see every request (the offline test is in reading.test.mjs).
  [server, browser, wasm, seed] = await Promise.all([startServer(), startBrowser({ serviceWorkers: 'block' }), loadWasm(), readSeed()]);
  requests = recordRequests(browser.context);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function openPage() {
  const page = await browser.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(server.url);
  return { page, errors };
}

test('the sample is annotated on load', async () => {
  const wasmRequests = [];
  const onRequest = (req) => { if (req.url().endsWith('.wasm')) wasmRequests.push(req.url()); };
  browser.context.on('request', onRequest);
  const { page, errors } = await openPage();
  const sample = await inputText(page);
  assert.ok(sample.length > 1000, 'the text area is preloaded with the sample');
  await waitForRender(page, sample);
  browser.context.off('request', onRequest);
  // Preloaded by index.html, compiled by boot.js, shared with the worker: one request.
  assert.equal(wasmRequests.length, 1, `requests for the .wasm: ${wasmRequests}`);
  const expected = wasm.annotate(sample).spans.filter((s) => s.layer === 'sentence');
  const shown = await highlights(page, 'sentence');
  assert.equal(shown.length, expected.length);
  assert.ok(shown.length >= 10, `the sample has ${shown.length} sentences`);
  assert.match(await page.locator('#stats').textContent(), /\d+ words · \d+ sentences · \d+ paragraphs · \d+ min read/);
  await screenshot(page, 'sample-light');
  assert.deepEqual(errors, []);
  await page.close();
});

test('pasting the reference article shows its 14 sentences, exactly as the wasm cuts them', async () => {
  const { page, errors } = await openPage();
  await waitForRender(page, await inputText(page));
  await paste(page, seed);
  await waitForRender(page, seed);

  const doc = wasm.annotate(seed);
  const expected = doc.spans.filter((s) => s.layer === 'sentence').map((s) => seed.slice(s.start, s.end));
  assert.equal(expected.length, 14);
  const shown = await highlights(page, 'sentence');
  assert.equal(shown.length, 14);
  assert.deepEqual(shown.map((s) => s.text), expected);

  const paragraphs = await highlights(page, 'paragraph');
  assert.deepEqual(paragraphs.map((p) => p.text), doc.spans.filter((s) => s.layer === 'paragraph').map((s) => seed.slice(s.start, s.end)));
  // The rendered article is the text itself, nothing added or lost (chips are CSS).
  const rendered = await page.locator('#article').evaluate((a) => a.textContent);
  assert.equal(rendered, seed);
  // Every other returned layer is drawn with its exact text too.
  for (const layer of ['entity', 'quote', 'cue', 'source', 'hedge', 'mention']) {
    const want = doc.spans.filter((s) => s.layer === layer).map((s) => seed.slice(s.start, s.end));
    const got = (await highlights(page, layer)).map((s) => s.text);
    assert.deepEqual(got, want, `layer ${layer}`);
  }
  assert.match(await page.locator('#stats').textContent(), /14 sentences · 13 paragraphs/);
  await screenshot(page, 'seed-light');
  assert.deepEqual(errors, []);
  await page.close();
});

test('toggling a layer removes its highlights and brings them back', async () => {
  const { page } = await openPage();
  await paste(page, seed);
  await waitForRender(page, seed);
  const toggle = page.locator('#layers input[value="sentence"]');
  assert.equal(await toggle.isChecked(), true);

  await toggle.uncheck();
  await page.waitForFunction(() => document.getElementById('article').dataset.status === 'done');
  assert.equal(await page.locator('#article [data-layer="sentence"]').count(), 0);
  assert.equal(await page.locator('#article').evaluate((a) => a.textContent), seed, 'the text stays');
  await screenshot(page, 'seed-no-sentences');

  await toggle.check();
  await page.waitForFunction(() => document.getElementById('article').dataset.status === 'done');
  assert.equal((await highlights(page, 'sentence')).length, 14);

  // Tokens are off by default, fetched when turned on.
  const tokens = page.locator('#layers input[value="token"]');
  assert.equal(await tokens.isChecked(), false);
  assert.equal(await page.locator('#article [data-layer="token"]').count(), 0);
  await tokens.check();
  const expected = wasm.annotate(seed).spans.filter((s) => s.layer === 'token').map((s) => seed.slice(s.start, s.end));
  await page.waitForFunction((n) => new Set([...document.querySelectorAll('#article [data-layer="token"]')].map((e) => e.dataset.id)).size === n, expected.length);
  assert.deepEqual((await highlights(page, 'token')).map((t) => t.text), expected);
  await tokens.uncheck();
  await page.close();
});

test('an error is shown, and the page keeps working afterwards', async () => {
  const { page } = await openPage();
  await waitForRender(page, await inputText(page));
  // Over the core's 32 MiB limit: built in the page, handed to the text area as a paste would be.
  await page.evaluate(() => {
    const input = /** @type {HTMLTextAreaElement} */ (document.getElementById('input'));
    // 13 UTF-8 bytes per 5 UTF-16 units, so that the text area (slow to lay out) stays small.
    input.value = '€€€€ '.repeat(2_700_000);
    input.dispatchEvent(new Event('paste'));
    input.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
  });
  const error = page.locator('#error');
  await error.waitFor({ state: 'visible', timeout: 30_000 });
  assert.match(await error.textContent(), /limit is 33554432 bytes/);
  await screenshot(page, 'error', { fullPage: false });

  await paste(page, seed);
  await waitForRender(page, seed);
  assert.equal(await error.isVisible(), false, 'the error goes away with the next good result');
  assert.equal((await highlights(page, 'sentence')).length, 14);
  await page.close();
});

test('a crash (wasm trap) is shown and the annotator restarts', async () => {
  // A real trap: the core's test-only export arms its next annotation call to
  // abort (a wasm `unreachable`, as a bug in the core would); it is called
  // inside the annotation worker, on the very module instance the worker
  // uses. The page must report the crash and replace the broken instance.
  const page = await browser.context.newPage();
  let workers = 0;
  page.on('worker', () => { workers++; });
  await page.goto(server.url);
  await waitForRender(page, await inputText(page));
  await armWorkerTrap(page);
  await paste(page, 'This text meets a trap.');
  await page.locator('#error').waitFor({ state: 'visible' });
  assert.match(await page.locator('#error').textContent(), /crashed on this text \(unreachable\); it has been restarted/);
  await paste(page, seed);
  await waitForRender(page, seed);
  assert.equal((await highlights(page, 'sentence')).length, 14);
  assert.equal(await page.locator('#error').isVisible(), false, 'the next good result clears the error');
  assert.equal(workers, 2, 'a second worker replaced the first');
  await page.close();
});

test('a worker that cannot load is reported, not waited for', async () => {
  // The worker starts before the page's main module (boot.js), so its failure
  // may come before main.js listens; either way the page must say so.
  const page = await browser.context.newPage();
  await page.route('**/worker.js', (route) => route.fulfill({ status: 404, body: 'not found' }));
  await page.goto(server.url);
  await page.locator('#error').waitFor({ state: 'visible' });
  assert.match(await page.locator('#error').textContent(), /The annotator could not start/);
  assert.equal(await page.evaluate(() => document.body.classList.contains('busy')), false, 'not left busy');
  await page.close();
});

test('on load the page draws the first pass itself, before the worker has started', async () => {
  // boot.js instantiates the core in the page and main.js draws paragraphs and
  // sentences with it; the worker (held back here) brings every layer later.
  const page = await browser.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route('**/worker.js', async (route) => { await held; await route.continue(); });
  await page.goto(server.url);
  const sample = await inputText(page);
  await page.waitForFunction(() => document.getElementById('article').dataset.status === 'done', null, { timeout: 60_000 });
  const expected = wasm.annotate(sample).spans.filter((s) => s.layer === 'sentence').map((s) => sample.slice(s.start, s.end));
  assert.deepEqual((await highlights(page, 'sentence')).map((s) => s.text), expected, 'the sentences, drawn without the worker');
  assert.equal(await page.locator('#article [data-layer="entity"]').count(), 0, 'no entities yet: they come from the worker');
  assert.equal(await page.evaluate(() => document.body.classList.contains('busy')), true, 'still annotating');
  release();
  await waitForRender(page, sample);
  await page.waitForFunction(() => document.querySelectorAll('#article [data-layer="entity"]').length > 0);
  assert.deepEqual((await highlights(page, 'sentence')).map((s) => s.text), expected);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the worker loads the core itself when the page cannot compile it', async () => {
  // boot.js compiles the .wasm in the page and posts the module to the worker;
  // without streaming compilation there (the init script runs in the page, not
  // in the worker) it posts null, and the worker must fetch and compile it.
  const page = await browser.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.addInitScript(() => { delete WebAssembly.compileStreaming; });
  await page.goto(server.url);
  const sample = await inputText(page);
  await waitForRender(page, sample);
  assert.equal(await page.evaluate(() => typeof WebAssembly.compileStreaming), 'undefined', 'the page had no compileStreaming');
  assert.equal((await highlights(page, 'sentence')).length, wasm.annotate(sample).spans.filter((s) => s.layer === 'sentence').length);
  assert.ok(await page.locator('#article [data-layer="entity"]').count() > 0, 'every layer, not only the first pass');
  assert.deepEqual(errors, []);
  await page.close();
});

test('typing re-annotates after a pause, dropping stale results', async () => {
  const { page } = await openPage();
  await paste(page, 'One sentence here.');
  await waitForRender(page, 'One sentence here.');
  await page.locator('#input').press('End');
  await page.locator('#input').pressSequentially(' Two more. And three.', { delay: 10 });
  const text = await inputText(page);
  await waitForRender(page, text);
  const shown = (await highlights(page, 'sentence')).map((s) => s.text);
  assert.deepEqual(shown, ['One sentence here.', 'Two more.', 'And three.']);
  await page.close();
});

test('a 1 MB article is held in chunks of whole lines, and edits across chunks read back as the text shown', async () => {
  const { page, errors } = await openPage();
  const sample = await inputText(page);
  await waitForRender(page, sample);
  let big = '';
  while (big.length < 1_000_000) big += `${seed}\n\n`;
  await paste(page, big);
  assert.equal(await inputText(page), big);
  // The editor inserts a large paste itself, and undoes and redoes it itself.
  await page.keyboard.press('Control+Z');
  assert.equal(await inputText(page), sample, 'Ctrl+Z takes the paste back');
  await page.keyboard.press('Control+Shift+Z');
  assert.equal(await inputText(page), big, 'Ctrl+Shift+Z pastes it again');
  // Laid out in pieces (what keeps a key cheap in a long text): no text node near the whole text's size.
  const shape = await page.locator('#input').evaluate((e) => ({
    chunks: e.childElementCount,
    longest: Math.max(...[...e.children].map((c) => c.textContent.length)),
  }));
  assert.ok(shape.chunks > 100 && shape.longest < 20_000, `chunks: ${JSON.stringify(shape)}`);

  // The caret after the paste is at its end; now at the start of a chunk far above it
  // (skipped by the browser while off screen), merge it into the one before with Backspace.
  const off = await page.locator('#input').evaluate((e) => {
    getSelection().collapse(e.children[5].firstChild, 0);
    return e.selectionOffsets()[0];
  });
  assert.equal(big[off - 1], '\n', 'a chunk starts a line');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('Z');
  assert.equal(await inputText(page), `${big.slice(0, off - 1)}Z${big.slice(off)}`);
  await page.keyboard.press('Enter');
  let text = `${big.slice(0, off - 1)}Z\n${big.slice(off)}`;
  assert.equal(await inputText(page), text);
  // Delete at the end of a chunk joins the next one's first line to it.
  const end = await page.locator('#input').evaluate((e) => {
    const node = e.children[9].firstChild;
    getSelection().collapse(node, node.data.length);
    return e.selectionOffsets()[0];
  });
  assert.equal(text[end], '\n');
  await page.keyboard.press('Delete');
  text = text.slice(0, end) + text.slice(end + 1);
  assert.equal(await inputText(page), text);
  // A key over a selection across many chunks (the editor replaces it itself), then the next key
  // lands after it.
  const [from, to] = await page.locator('#input').evaluate((e) => {
    getSelection().setBaseAndExtent(e.children[20].firstChild, 5, e.children[40].firstChild, 7);
    return e.selectionOffsets();
  });
  assert.ok(to - from > 50_000);
  await page.keyboard.type('YW');
  text = `${text.slice(0, from)}YW${text.slice(to)}`;
  assert.equal(await inputText(page), text);
  await waitForRender(page, text, 150_000);
  await page.keyboard.press('Control+A');
  await page.keyboard.type('Short text.');
  assert.equal(await inputText(page), 'Short text.');
  await waitForRender(page, 'Short text.');
  // Ctrl+Z takes back the typing (the browser's), then the key that replaced all of the article
  // (the editor's): the article is back, never lost to a stray key after select all.
  const seen = [];
  for (let i = 0; i < 4 && (await inputText(page)) !== text; i++) {
    await page.keyboard.press('Control+Z');
    await page.waitForTimeout(50);
    seen.push(await inputText(page));
  }
  assert.equal(seen.at(-1), text, 'undo brings the 1 MB article back');
  for (const v of seen.slice(0, -1)) assert.ok('Short text.'.startsWith(v), `undo went through ${JSON.stringify(v.slice(0, 40))}`);
  await page.keyboard.press('Control+Y');
  assert.ok('Short text.'.startsWith(await inputText(page)), 'Ctrl+Y redoes the replacement');
  assert.deepEqual(errors, []);
  await page.close();
});

test('article text is never parsed as HTML', async () => {
  const { page, errors } = await openPage();
  const evil = 'Officials said <img src=x onerror="window.__pwned=1"> was <b>bold</b>.\n<script>window.__pwned=2</script>';
  await paste(page, evil);
  await waitForRender(page, evil);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(await page.locator('#article img, #article b, #article script').count(), 0);
  assert.equal(await page.locator('#article').evaluate((a) => a.textContent), evil);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a 1 MB article is drawn in slices: the first paragraphs shown early, a click answered meanwhile', async () => {
  // What makes the render incremental, checked by order rather than by the
  // clock (a time bound flaps on a loaded machine; tests/e2e/bench-page.mjs
  // measures the long tasks): paragraphs are in the page before the render
  // is done, and a click made after the render started is handled before it
  // is done, so the render gave the main thread back between its slices.
  const { page, errors } = await openPage();
  await waitForRender(page, await inputText(page));
  let big = '';
  while (big.length < 1_000_000) big += `${seed}\n\n`;
  await page.evaluate(() => {
    const article = document.getElementById('article');
    // (the 1 MB document's root is .large; the sample shown before it is not)
    const renderingLarge = () => article.dataset.status === 'rendering' && Boolean(article.firstElementChild?.classList.contains('large'));
    // Paragraphs in the article before the render is done: it is incremental.
    window.__early = 0;
    const paras = article.getElementsByClassName('para');
    const look = () => {
      if (renderingLarge()) window.__early = Math.max(window.__early, paras.length);
      requestAnimationFrame(look);
    };
    look();
    // What the page was doing when the click reached it.
    window.__clickedWhile = [];
    document.getElementById('theme').addEventListener('click', () => {
      window.__clickedWhile.push(renderingLarge() ? 'rendering' : article.dataset.status);
    }, { capture: true });
  });
  const theme = page.locator('#theme');
  const pressed = await theme.getAttribute('aria-pressed');
  await paste(page, big);
  await page.waitForFunction(() => {
    const a = document.getElementById('article');
    return a.dataset.status === 'rendering' && a.firstElementChild?.classList.contains('large');
  }, null, { timeout: 60_000 });
  await theme.click();
  await waitForRender(page, big, 150_000);
  const { early, paras, clickedWhile } = await page.evaluate(() => ({
    early: window.__early,
    paras: document.querySelectorAll('#article .para').length,
    clickedWhile: window.__clickedWhile,
  }));
  assert.deepEqual(clickedWhile, ['rendering'], 'the click was handled while the article was still being drawn');
  assert.notEqual(await theme.getAttribute('aria-pressed'), pressed, 'and it did what it does');
  await theme.click();
  assert.equal(await theme.getAttribute('aria-pressed'), pressed);
  assert.equal(paras, wasm.annotateColumnar(big, { layers: ['paragraph'] }).stats.paragraphs, 'every paragraph is drawn');
  assert.ok(early > 0 && early < paras, `paragraphs shown before the render finished: ${early} of ${paras}`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('render() holds its slices while hold() says so, then finishes', async () => {
  // The page holds drawing a long article while the user types; checked here
  // on render() itself, with a hold that lasts until released.
  const { page, errors } = await openPage();
  await waitForRender(page, await inputText(page));
  const r = await page.evaluate(async () => {
    const { render } = await import('./render.js');
    let text = '';
    const spans = [];
    for (let i = 0; i < 20_000; i++) {
      const p = `Paragraph ${i} of a long text.`;
      spans.push({ id: i, layer: 'paragraph', label: 'paragraph', start: text.length, end: text.length + p.length });
      text += `${p}\n\n`;
    }
    let holding = true;
    let finished = false;
    const job = render(text, spans, { sliceMs: 1, hold: () => (holding ? performance.now() + 50 : 0) });
    job.done.then(() => { finished = true; });
    const first = job.root.getElementsByClassName('para').length;
    await new Promise((resolve) => setTimeout(resolve, 400));
    const held = { finished, first, paras: job.root.getElementsByClassName('para').length };
    holding = false;
    const complete = await job.done;
    return { held, complete, paras: job.root.getElementsByClassName('para').length, text: job.root.textContent === text };
  });
  assert.equal(r.held.finished, false, 'not finished while held');
  assert.ok(r.held.first > 0, 'the first slice is drawn at once');
  assert.equal(r.held.paras, r.held.first, 'no slice after the first while held');
  assert.equal(r.complete, true);
  assert.equal(r.paras, 20_000);
  assert.ok(r.text, 'the whole text is drawn once released');
  assert.deepEqual(errors, []);
  await page.close();
});

test('no request leaves the page origin', async () => {
  const origin = new URL(server.url).origin;
  assert.ok(requests.length > 0);
  const foreign = requests.filter((u) => new URL(u).origin !== origin && !u.startsWith('blob:'));
  assert.deepEqual(foreign, []);
});
