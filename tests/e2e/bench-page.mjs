// Benchmark of the page in headless Chromium (not a test: it prints figures).
//
//   node tests/e2e/bench-page.mjs [runs] [--root DIR ...] [--sample] [--no-sw]
//
// Prints, for www/ (or for each --root, e.g. a copy of a baseline build, the
// runs interleaved so that machine load hits every build alike):
//  - time from navigation to the first annotated render of the sample, and
//    to its render with every layer, on a first visit (fresh profile: no
//    HTTP cache, no service worker) and with the files cached: three visits
//    per run in a new tab of the same browser, the service worker from the
//    first visit in control (--no-sw: blocked, the HTTP cache alone);
//    sampleLoad() in harness.mjs, which `make bench-browser` uses too.
//    --sample measures only this;
//  - for a 1 MB article (the reference article repeated): time from paste to
//    the annotated render; the longest main-thread task (PerformanceObserver
//    'longtask', which sees tasks over 50 ms) from the start of the render to
//    its end, and from the paste itself (the page's paste handler and the
//    frame after it); and the input-to-paint
//    latency of keystrokes typed into the text meanwhile (Event Timing
//    API, which rounds durations to 8 ms); and, from a Chromium trace of the
//    same run, the longest main-thread task of the render in CPU time: on a
//    machine shared with other work, a task's wall time also counts the time
//    the thread waited for a core (a 3 ms slice can show as a 140 ms long
//    task), which the thread's CPU time does not; the main thread's CPU
//    time summed over those tasks (the page's whole cost of drawing); and
//    the longest task in CPU time from the paste on.
// Each figure is the median over the runs (the latency p95 is over every
// key of every run).

import path from 'node:path';
import { startBrowser, readSeed, paste, waitForRender, sampleLoad, warmServer, ROOT, SITE, buildSite, inputText } from './harness.mjs';
import { pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const runs = Number(args.find((a) => /^\d+$/.test(a)) ?? 3);
const roots = args.flatMap((a, i) => (args[i - 1] === '--root' ? [path.resolve(a)] : []));
const sampleOnly = args.includes('--sample');
const blockSw = args.includes('--no-sw');
// By default the page as served (www/ with its modules minified, built here: scripts/site.mjs).
if (!roots.length) { await buildSite(); roots.push(SITE); }
const { serve } = await import(pathToFileURL(path.join(ROOT, 'scripts', 'serve.mjs')).href);
const servers = await Promise.all(roots.map((root) => serve({ root, port: 0, strictPort: true })));
const seed = await readSeed();
let big = '';
while (big.length < 1_000_000) big += `${seed}\n\n`;

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor((s.length - 1) / 2)]; };
const quantile = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };
const fmt = (x) => `${Math.round(x)} ms`;

for (const [j, server] of servers.entries()) await warmServer(server.url, roots[j]);

/** A 1 MB article: paste, render, and type while it renders. */
async function large(url) {
  const browser = await startBrowser();
  const page = await browser.context.newPage();
  await page.goto(url);
  await waitForRender(page, await inputText(page));
  const cdp = await browser.context.newCDPSession(page);
  const trace = [];
  cdp.on('Tracing.dataCollected', (e) => trace.push(...e.value));
  const traced = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', { categories: 'toplevel,blink.user_timing', transferMode: 'ReportEvents' });
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
      if (article.dataset.status === 'rendering' && window.__renderStart === undefined) {
        window.__renderStart = performance.now();
        performance.mark('bench:render-start');
      }
      if (article.dataset.status === 'done' && window.__renderStart) window.__renderEnd = performance.now();
    }).observe(article, { attributes: true, attributeFilter: ['data-status'] });
  });
  let t0 = 0;
  await paste(page, big, async () => { t0 = await page.evaluate(() => { performance.mark('bench:paste'); return performance.now(); }); });
  const pasted = await page.evaluate(() => performance.now());
  await page.waitForFunction(() => window.__renderStart !== undefined, null, { timeout: 60_000 });
  // Type while the article renders (each key also re-schedules annotation).
  await page.locator('#input').press('End');
  const typed = ' More text typed while rendering.';
  await page.keyboard.type(typed, { delay: 30 });
  await waitForRender(page, big + typed, 120_000);
  const r = await page.evaluate(() => ({ long: window.__long, events: window.__events, renderStart: window.__renderStart, renderEnd: window.__renderEnd, now: performance.now() }));
  await cdp.send('Tracing.end');
  await traced;
  await browser.close();
  // The render's tasks on the page's main thread (the one that set the mark), in CPU time.
  const mark = trace.find((e) => e.name === 'bench:render-start');
  const cpuTasks = trace.filter((e) => mark && e.pid === mark.pid && e.tid === mark.tid && e.ph === 'X'
    && e.name === 'ThreadControllerImpl::RunTask' && e.ts >= mark.ts).map((e) => (e.tdur ?? 0) / 1000);
  const pasteMark = trace.find((e) => e.name === 'bench:paste');
  const pasteCpu = trace.filter((e) => pasteMark && e.pid === pasteMark.pid && e.tid === pasteMark.tid && e.ph === 'X'
    && e.name === 'ThreadControllerImpl::RunTask' && e.ts >= pasteMark.ts).map((e) => (e.tdur ?? 0) / 1000);
  const longest = (from) => r.long.filter((l) => l.start >= from).reduce((m, l) => Math.max(m, l.duration), 0);
  return {
    firstDone: r.renderEnd - t0,
    finalDone: r.now - t0,
    longestRender: longest(r.renderStart),
    longRender: r.long.filter((l) => l.start >= r.renderStart).length,
    longestPaste: longest(t0),
    longestCpu: Math.max(0, ...cpuTasks),
    longestPasteCpu: Math.max(0, ...pasteCpu),
    longCpu: cpuTasks.filter((d) => d > 50).length,
    cpuTotal: cpuTasks.reduce((a, b) => a + b, 0),
    keys: r.events.filter((e) => e.start >= pasted).map((e) => e.duration),
  };
}

const results = roots.map(() => ({ sample: [], large: [] }));
for (let i = 0; i < runs; i++) {
  for (const [j, server] of servers.entries()) {
    results[j].sample.push(await sampleLoad(server.url, { serviceWorkers: blockSw ? 'block' : 'allow' }));
    if (!sampleOnly) results[j].large.push(await large(server.url));
  }
}
for (const [j, root] of roots.entries()) {
  const { sample: s, large: l } = results[j];
  const cached = s.flatMap((x) => x.cached);
  console.log(`${path.relative(process.cwd(), root) || root} (${runs} runs, medians):`);
  console.log(`  sample, first annotated render after navigation (first visit: paragraphs and sentences; repeat visit: every layer): first visit ${fmt(median(s.map((x) => x.first[0])))}, files cached ${fmt(median(cached.map((x) => x[0])))} (${cached.length} visits, ${blockSw ? 'HTTP cache only' : 'service worker in control'}); every layer: first visit ${fmt(median(s.map((x) => x.first[1])))}, cached ${fmt(median(cached.map((x) => x[1])))}`);
  if (sampleOnly) continue;
  const keys = l.flatMap((x) => x.keys);
  console.log(`  1 MB article: paste to first render done ${fmt(median(l.map((x) => x.firstDone)))}; final render done ${fmt(median(l.map((x) => x.finalDone)))}`);
  console.log(`  longest main-thread task while rendering ${fmt(median(l.map((x) => x.longestRender)))} (worst run ${fmt(Math.max(...l.map((x) => x.longestRender)))}, tasks over 50 ms per run ${median(l.map((x) => x.longRender))}); from the paste on (the paste handler and its frame) ${fmt(median(l.map((x) => x.longestPaste)))}`);
  console.log(`  longest main-thread task while rendering in CPU time (trace) ${fmt(median(l.map((x) => x.longestCpu)))} (worst run ${fmt(Math.max(...l.map((x) => x.longestCpu)))}, tasks over 50 ms of CPU per run ${median(l.map((x) => x.longCpu))}); main-thread CPU from the render's start to the final render's end ${fmt(median(l.map((x) => x.cpuTotal)))}; the longest task in CPU time from the paste on ${fmt(median(l.map((x) => x.longestPasteCpu)))} (worst run ${fmt(Math.max(...l.map((x) => x.longestPasteCpu)))})`);
  console.log(`  keystrokes typed during the render: ${keys.length} events slower than 16 ms; input-to-paint median ${fmt(quantile(keys.length ? keys : [0], 0.5))}, p95 ${fmt(quantile(keys.length ? keys : [0], 0.95))}, max ${fmt(Math.max(0, ...keys))}`);
}
await Promise.all(servers.map((s) => s.close()));
