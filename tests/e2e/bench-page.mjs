// Benchmark of the page in headless Chromium (not a test: it prints figures).
//
//   node tests/e2e/bench-page.mjs [runs]
//
// Prints: time from navigation to the first finished render of the sample
// (median and worst of `runs` cold loads, fresh profile); for a 1 MB article
// (the reference article repeated): time from paste to the annotated render,
// the longest main-thread task while it renders, and the input-to-paint
// latency of keystrokes typed into the text area meanwhile (Event Timing API,
// which rounds durations to 8 ms).

import { startServer, startBrowser, readSeed, paste, waitForRender } from './harness.mjs';

const runs = Number(process.argv[2] ?? 5);
const server = await startServer();
const seed = await readSeed();

function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { n: s.length, median: q(0.5), p95: q(0.95), max: s.at(-1) };
}

const fmt = (x) => `${Math.round(x)} ms`;

// The server compresses each file on its first request (brotli at quality 11
// takes seconds for the .wasm); warm it so that the figures are the page's.
for (const file of ['', 'main.js', 'worker.js', 'pkg/newslens.js', 'pkg/newslens_bg.wasm']) {
  await (await fetch(server.url + file, { headers: { 'accept-encoding': 'br, gzip' } })).arrayBuffer();
}

// 1. First annotated render of the sample, cold (new profile each time: no HTTP cache, no service worker).
const firsts = [];
const fulls = [];
for (let i = 0; i < runs; i++) {
  const browser = await startBrowser({ serviceWorkers: 'block' });
  const page = await browser.context.newPage();
  await page.goto(server.url);
  await page.waitForFunction(() => performance.getEntriesByName('newslens:first-full-render').length > 0, null, { timeout: 30_000 });
  const [a, b] = await page.evaluate(() => ['newslens:first-render', 'newslens:first-full-render'].map((n) => performance.getEntriesByName(n)[0].startTime));
  firsts.push(a);
  fulls.push(b);
  await browser.close();
}
const f = stats(firsts);
const g = stats(fulls);
console.log(`sample after navigation (${f.n} cold loads): first annotated render (paragraphs, sentences) median ${fmt(f.median)}, max ${fmt(f.max)}; every layer median ${fmt(g.median)}, max ${fmt(g.max)}`);

// 2. A 1 MB article: paste, render, and type while it renders.
const browser = await startBrowser();
const page = await browser.context.newPage();
await page.goto(server.url);
await waitForRender(page, await page.locator('#input').inputValue());
let big = '';
while (big.length < 1_000_000) big += `${seed}\n\n`;
await page.evaluate(() => {
  window.__long = [];
  window.__events = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__long.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask' });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (['keydown', 'keypress', 'keyup', 'input', 'beforeinput'].includes(e.name)) window.__events.push({ name: e.name, start: e.startTime, duration: e.duration });
  }).observe({ type: 'event', durationThreshold: 16, buffered: false });
  const article = document.getElementById('article');
  new MutationObserver(() => {
    if (article.dataset.status === 'rendering') window.__renderStart ??= performance.now();
    if (article.dataset.status === 'done' && window.__renderStart) window.__renderEnd = performance.now();
  }).observe(article, { attributes: true, attributeFilter: ['data-status'] });
});
const t0 = await page.evaluate(() => performance.now());
await paste(page, big);
const pasted = await page.evaluate(() => performance.now());
await page.waitForFunction(() => window.__renderStart !== undefined, null, { timeout: 60_000 });
// Type while the article renders (each key also re-schedules annotation).
await page.locator('#input').press('End');
const typed = ' More text typed while rendering.';
await page.keyboard.type(typed, { delay: 30 });
const text = big + typed;
await waitForRender(page, text, 120_000);
const r = await page.evaluate(() => ({ long: window.__long, events: window.__events, renderStart: window.__renderStart, renderEnd: window.__renderEnd, now: performance.now() }));
const chars = await page.locator('#article').getAttribute('data-chars');
const inRender = r.long.filter((l) => l.start >= r.renderStart);
const longest = inRender.reduce((m, l) => Math.max(m, l.duration), 0);
const keys = r.events.filter((e) => e.start >= pasted);
const k = stats(keys.length ? keys.map((e) => e.duration) : [0]);
console.log(`1 MB article (${big.length} chars): paste handled in ${fmt(pasted - t0)}; paste to first render done ${fmt(r.renderEnd - t0)}; final render (${chars} chars) done ${fmt(r.now - t0)} after the paste`);
console.log(`longest main-thread task while rendering: ${fmt(longest)} (${inRender.length} tasks over 50 ms)`);
console.log(`keystrokes typed during the render: ${typed.length} keys; events slower than 16 ms: ${keys.length}; input-to-paint median ${fmt(k.median)}, p95 ${fmt(k.p95)}, max ${fmt(k.max)}`);
await browser.close();
await server.close();
