// End-to-end tests of the reading page (issue 7): cards and mention
// stepping, the side panel, filters that survive a reload, find, keyboard
// use, axe-core in light and dark mode, exports parsed back and re-anchored,
// share links, file input, the phone layout, print, and offline reloads.
//
// The wasm loaded in Node is the oracle: every count and name the page shows
// is checked against the Document it returns for the same text. Where a
// layer is absent from the Document (being built), the checks that need it
// are skipped with a message rather than passing silently.

import { test as nodeTest, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  ROOT, startServer, startBrowser, recordRequests, loadWasm, readSeed, screenshot,
  waitForRender, paste, highlights, inputText, download } from './harness.mjs';
import { SAMPLE } from '../../www/sample.js';

/** Every test gets a deadline, so a stuck browser fails the run instead of hanging it. */
const test = (name, fn) => nodeTest(name, { timeout: 180_000 }, fn);

let server;
let browser;
let requests;
let wasm;
let seed;
let doc;
const PAGE_LAYERS = ['paragraph', 'sentence', 'entity', 'mention', 'quote', 'cue', 'source', 'hedge'];

before(async () => {
  [server, browser, wasm, seed] = await Promise.all([startServer(), startBrowser(), loadWasm(), readSeed()]);
  requests = recordRequests(browser.context);
  // The page asks for every layer but tokens (until they are shown); span ids
  // depend on the layers asked for, so the oracle asks for the same.
  doc = wasm.annotate(seed, { layers: PAGE_LAYERS });
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(server.url).origin });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function openSeed(text = seed) {
  const page = await browser.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(server.url);
  await waitForRender(page, await inputText(page));
  await paste(page, text);
  await waitForRender(page, text);
  return { page, errors };
}

/** The reference article and the page's own sample, for tests that run on both. */
const TEXTS = [['reference article', () => seed], ['sample', () => SAMPLE]];

const spansOf = (layer) => doc.spans.filter((s) => s.layer === layer);
const codePoints = (text, a, b) => Array.from(text).slice(a, b).join('');

/** Entity keys with at least two mentions, from the Document. */
function entitiesWithMentions() {
  const byKey = new Map();
  for (const s of doc.spans) {
    if ((s.layer === 'entity' || s.layer === 'mention') && s.attrs?.entity !== undefined) {
      const k = String(s.attrs.entity);
      byKey.set(k, [...(byKey.get(k) ?? []), s]);
    }
  }
  return [...byKey.entries()].filter(([, v]) => v.length > 1);
}

test('a card names the entity and steps through its mentions in order', async (t) => {
  const multi = entitiesWithMentions();
  if (!multi.length) { t.skip('no coreferent entities in this build'); return; }
  const { page, errors } = await openSeed();
  const [key, mentions] = multi[0];
  const ids = mentions.map((s) => s.id);
  const first = page.locator(`#article mark[data-id="${ids[0]}"]`).first();
  await first.hover();
  const card = page.locator('#card');
  await card.waitFor({ state: 'visible' });
  const name = doc.entities.find((e) => String(e.id) === key)?.name;
  assert.equal(await card.locator('h3').textContent(), name);
  assert.match(await card.textContent(), new RegExp(`1 of ${ids.length}`));

  await first.click();
  const seen = [];
  for (let i = 0; i < ids.length; i++) {
    seen.push(Number(await page.evaluate(() => document.activeElement?.dataset.id)));
    await card.getByRole('button', { name: /^Next mention/ }).click();
  }
  assert.deepEqual(seen, ids, 'Next visits every mention in document order');
  assert.equal(Number(await page.evaluate(() => document.activeElement?.dataset.id)), ids[0], 'and wraps around');
  await page.keyboard.press('p');
  assert.equal(Number(await page.evaluate(() => document.activeElement?.dataset.id)), ids.at(-1), 'P steps back');
  await screenshot(page, 'card-entity', { fullPage: false });
  assert.deepEqual(errors, []);
  await page.close();
});

test('a quote card shows its speaker and cue, and is tied to the speaker', async (t) => {
  const quotes = spansOf('quote').filter((q) => q.attrs?.speaker !== undefined);
  if (!quotes.length) { t.skip('no attributed quotes in this build'); return; }
  const { page } = await openSeed();
  await page.locator('#article').focus();
  await page.keyboard.press('q');
  const id = Number(await page.evaluate(() => document.activeElement?.dataset.id));
  const quote = spansOf('quote')[0];
  assert.equal(id, quote.id, 'Q goes to the first quote');
  const card = page.locator('#card');
  await card.waitFor({ state: 'visible' });
  const speaker = doc.spans.find((s) => s.id === quote.attrs.speaker);
  const text = await card.textContent();
  assert.ok(text.includes(quote.attrs.speaker_name ?? seed.slice(speaker.start, speaker.end)), text);
  const cue = doc.spans.find((s) => s.id === quote.attrs.cue);
  if (cue) assert.ok(text.includes(seed.slice(cue.start, cue.end)), text);
  assert.equal(await page.locator(`#article mark.linked[data-id="${speaker.id}"]`).count(), 1, 'the speaker is marked');
  assert.ok(await page.locator('#links path').count() >= 1, 'a curve joins quote and speaker');
  assert.equal(await page.locator('#article').getAttribute('aria-describedby'), 'kbd-summary');
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-describedby')), 'card');
  await page.keyboard.press('Enter');
  assert.equal(Number(await page.evaluate(() => document.activeElement?.dataset.id)), speaker.id, 'Enter on a quote goes to its speaker');
  await page.close();
});

for (const [which, textOf] of TEXTS) {
  test(`the side panel (${which}): cast with counts, quotes with speakers, sourcing, hedges, statistics`, async () => {
    const seed = textOf();
    const doc = wasm.annotate(seed, { layers: PAGE_LAYERS });
    const spansOf = (layer) => doc.spans.filter((s) => s.layer === layer);
    const { page } = await openSeed(seed);
    const panel = page.locator('#panel');
    // Statistics.
    const stats = await panel.locator('#p-stats dd').allTextContents();
    assert.deepEqual(stats.slice(0, 3), [String(doc.stats.words), String(doc.stats.sentences), String(doc.stats.paragraphs)]);
    // Cast: one button per entity with its mention count.
    const cast = await panel.locator('#p-cast button[data-entity]').evaluateAll((bs) => bs.map((b) => [b.dataset.entity, b.querySelector('.count').textContent]));
    if (Array.isArray(doc.entities) && doc.entities.length) {
      assert.deepEqual(new Map(cast), new Map(doc.entities.map((e) => [String(e.id), String(e.mentions.length)])));
      // Clicking one highlights all its mentions.
      const top = doc.entities[0];
      await panel.locator(`#p-cast button[data-entity="${top.id}"]`).click();
      const selected = await page.locator('#article mark.selected').evaluateAll((ms) => [...new Set(ms.map((m) => Number(m.dataset.id)))]);
      assert.deepEqual(selected.sort((a, b) => a - b), [...top.mentions].sort((a, b) => a - b));
      assert.equal(await panel.locator(`#p-cast button[data-entity="${top.id}"]`).getAttribute('aria-pressed'), 'true');
    } else {
      assert.equal(cast.length > 0, spansOf('entity').length > 0);
    }
    // Quotes with their speakers.
    const quotes = spansOf('quote').filter((q) => q.label !== 'scare');
    const listed = await panel.locator('#p-quotes li .who').allTextContents();
    assert.equal(listed.length, quotes.length);
    quotes.forEach((q, i) => { if (q.attrs?.speaker_name) assert.equal(listed[i], q.attrs.speaker_name); });
    // Sourcing from the summary.
    if (doc.sourcing) {
      const facts = await panel.locator('#p-sourcing dl').textContent();
      assert.ok(facts.includes(`Anonymous${doc.sourcing.anonymous}`), facts);
      assert.equal(await panel.locator('#p-sourcing tbody tr').count(), doc.sourcing.sources.length);
    }
    // Hedges, and a click goes to the hedge in the text.
    const hedges = spansOf('hedge');
    assert.equal(await panel.locator('#p-hedges li').count(), hedges.length);
    if (hedges.length) {
      await panel.locator('#p-hedges button').first().click();
      assert.equal(Number(await page.evaluate(() => document.activeElement?.dataset.id)), hedges[0].id);
    }
    await page.close();
  });
}

test('label filters hide highlights and are remembered across a reload', async () => {
  const { page } = await openSeed();
  const entity = spansOf('entity')[0] ?? spansOf('quote')[0] ?? spansOf('hedge')[0];
  assert.ok(entity, 'some labelled layer exists');
  const value = `${entity.layer}:${entity.label}`;
  const selector = `#article mark[data-layer="${entity.layer}"][data-label="${entity.label}"]`;
  assert.ok(await page.locator(selector).count() > 0);
  await page.locator(`#legend input[value="${value}"]`).uncheck();
  await page.waitForFunction(() => document.getElementById('article').dataset.status === 'done');
  assert.equal(await page.locator(selector).count(), 0);
  // Other labels of the layer stay.
  const others = doc.spans.filter((s) => s.layer === entity.layer && s.label !== entity.label).length;
  assert.equal((await highlights(page, entity.layer)).length, others);

  await page.reload();
  const sample = await inputText(page);
  await waitForRender(page, sample);
  assert.equal(await page.locator(`#legend input[value="${value}"]`).isChecked(), false, 'remembered');
  await paste(page, seed);
  await waitForRender(page, seed);
  assert.equal(await page.locator(selector).count(), 0);

  await page.locator('#show-all').click();
  await page.waitForFunction(() => document.getElementById('article').dataset.status === 'done');
  assert.ok(await page.locator(selector).count() > 0);
  await page.close();
});

test('find paints every match and steps through them', async () => {
  const { page } = await openSeed();
  const word = 'militia';
  const expected = seed.toLowerCase().split(word).length - 1;
  await page.locator('#article').focus();
  await page.keyboard.press('/');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'find', 'slash focuses Find');
  await page.keyboard.type(word);
  await page.waitForFunction((n) => document.getElementById('find-count').textContent === `1 of ${n}`, expected);
  assert.equal(await page.evaluate(() => CSS.highlights.get('find').size), expected);
  await page.keyboard.press('Enter');
  assert.equal(await page.locator('#find-count').textContent(), `2 of ${expected}`);
  await page.keyboard.press('Shift+Enter');
  await page.keyboard.press('Shift+Enter');
  assert.equal(await page.locator('#find-count').textContent(), `${expected} of ${expected}`);
  await page.locator('#find').fill('no such phrase anywhere');
  await page.waitForFunction(() => document.getElementById('find-count').textContent === 'no matches');
  await page.close();
});

test('keyboard only: every control is reachable with visible focus, and keys walk the highlights', async () => {
  const { page } = await openSeed();
  await page.locator('body').click({ position: { x: 1, y: 1 } });
  const reached = [];
  for (let i = 0; i < 120; i++) {
    await page.keyboard.press('Tab');
    const info = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      const style = getComputedStyle(el);
      return { id: el.id || el.getAttribute('data-export') || el.getAttribute('value') || el.textContent.trim().slice(0, 20), tag: el.tagName, outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0 };
    });
    if (!info) continue;
    reached.push(info);
  }
  const ids = new Set(reached.map((r) => r.id));
  for (const id of ['input', 'open', 'sample', 'clear', 'share', 'find', 'article', 'theme', 'sentence', 'json']) {
    assert.ok(ids.has(id), `Tab reaches ${id}`);
  }
  const noOutline = reached.filter((r) => !r.outline && r.tag !== 'TEXTAREA');
  assert.deepEqual(noOutline, [], 'every focused control shows a focus outline');
  assert.ok(reached.some((r) => r.tag === 'BUTTON' && r.id && r.id.length > 0 && r.id !== 'open'), 'panel buttons are reachable');

  await page.locator('#article').focus();
  await page.keyboard.press('ArrowRight');
  const first = await page.evaluate(() => document.activeElement?.dataset.id);
  const firstMark = await page.locator('#article mark.nav:not(.cut-start)').first().getAttribute('data-id');
  assert.equal(first, firstMark);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowLeft');
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.id), first);
  if (spansOf('hedge').length) {
    await page.keyboard.press('h');
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.layer), 'hedge');
  }
  assert.ok((await page.locator('#announce').textContent()).length > 0, 'the focused highlight is announced');
  await page.keyboard.press('Escape');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'article');
  assert.equal(await page.locator('#card').isVisible(), false);
  await page.close();
});

async function axeScan(page) {
  const source = await readFile(path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
  await page.evaluate(source); // evaluated through the debugger protocol, so the page's CSP allows it
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, sample: v.nodes[0]?.target?.join(' ') }));
  });
}

test('axe-core finds no serious or critical violations, in light and dark mode', async () => {
  const { page } = await openSeed();
  await page.locator('#article mark.nav').first().hover();
  const light = await axeScan(page);
  await page.locator('#theme').click();
  assert.equal(await page.locator('#theme').getAttribute('aria-pressed'), 'true');
  await page.waitForTimeout(100);
  const dark = await axeScan(page);
  await screenshot(page, 'seed-dark');
  await page.locator('#theme').click();
  const bad = (list) => list.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  console.log(`axe-core: light ${light.length} violations (${bad(light).length} serious/critical), dark ${dark.length} (${bad(dark).length} serious/critical)`, JSON.stringify([...light, ...dark]));
  assert.deepEqual(bad(light), []);
  assert.deepEqual(bad(dark), []);
  await page.close();
});

test('dark mode follows prefers-color-scheme until the toggle says otherwise', async () => {
  const page = await browser.context.newPage();
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(server.url);
  await page.evaluate(() => localStorage.removeItem('newslens:v1:theme'));
  await page.reload();
  await waitForRender(page, await inputText(page));
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(bg, 'rgb(18, 20, 24)');
  assert.equal(await page.locator('#theme').getAttribute('aria-pressed'), 'true');
  await page.emulateMedia({ colorScheme: 'light' });
  await page.close();
});

for (const [which, textOf] of TEXTS) {
  test(`exports (${which}): JSON, Web Annotation, brat and HTML are parsed back and re-anchor to the text`, async () => {
    const seed = textOf();
    const doc = wasm.annotate(seed, { layers: PAGE_LAYERS });
    const { page } = await openSeed(seed);
    const annotated = doc.spans.filter((s) => !['paragraph', 'sentence', 'token'].includes(s.layer));

    const [json] = await download(page, 'json');
    const parsed = JSON.parse(json.text);
    assert.equal(parsed.text, seed);
    assert.deepEqual(parsed.spans, doc.spans);
    assert.deepEqual(parsed.stats, doc.stats);
    await page.locator('#exports button[data-export="json"][data-mode="copy"]').click();
    await page.waitForFunction(() => /Copied/.test(document.querySelector('#exports [role="status"]').textContent));
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), json.text);

    const [wa] = await download(page, 'wa');
    const coll = JSON.parse(wa.text);
    assert.equal(coll['@context'], 'http://www.w3.org/ns/anno.jsonld');
    assert.equal(coll.type, 'AnnotationCollection');
    const items = coll.first.items;
    assert.equal(items.length, annotated.length);
    assert.equal(coll.total, items.length);
    items.forEach((a, i) => {
      const span = annotated[i];
      const pos = a.target.selector.find((s) => s.type === 'TextPositionSelector');
      const quote = a.target.selector.find((s) => s.type === 'TextQuoteSelector');
      assert.equal(a.type, 'Annotation');
      assert.equal(a.body[0].value, span.label);
      // Position selectors count code points; they re-anchor to the same text.
      assert.equal(codePoints(seed, pos.start, pos.end), seed.slice(span.start, span.end));
      assert.equal(quote.exact, seed.slice(span.start, span.end));
      // The quote selector alone finds the same place.
      const at = seed.indexOf(quote.prefix + quote.exact + quote.suffix);
      assert.equal(at + quote.prefix.length, span.start);
    });

    const brat = await download(page, 'brat', 2);
    const ann = brat.find((f) => f.name.endsWith('.ann')).text;
    const txt = brat.find((f) => f.name.endsWith('.txt')).text;
    assert.equal(txt, seed);
    const tLines = ann.split('\n').filter((l) => l.startsWith('T'));
    assert.equal(tLines.length, annotated.length);
    const tIds = new Set();
    for (const line of tLines) {
      const [id, typeAndOffsets, text] = line.split('\t');
      const [, ...offsets] = typeAndOffsets.split(' ');
      const frags = offsets.join(' ').split(';').map((f) => f.split(' ').map(Number));
      assert.equal(frags.map(([a, b]) => codePoints(txt, a, b)).join(' '), text, line);
      tIds.add(id);
    }
    const rLines = ann.split('\n').filter((l) => l.startsWith('R'));
    const speakerCount = annotated.filter((s) => s.layer === 'quote' && s.attrs?.speaker !== undefined).length;
    assert.equal(rLines.filter((l) => l.includes('\tSpeaker ')).length, speakerCount);
    for (const line of rLines) {
      const [, args] = line.split('\t');
      for (const arg of args.split(' ').slice(1)) assert.ok(tIds.has(arg.split(':')[1]), line);
    }

    const [html] = await download(page, 'html');
    const snap = await browser.context.newPage();
    await snap.setContent(html.text);
    assert.equal(await snap.locator('script').count(), 0);
    assert.equal(await snap.locator('#article').evaluate((a) => a.textContent), seed);
    assert.equal(await snap.locator('#article mark[data-layer="sentence"]:not(.cut-start)').count(), doc.stats.sentences);
    assert.equal(await snap.locator('#article mark').count(), await page.locator('#article mark').count());
    await snap.close();
    await page.close();
  });
}

test('a share link carries the text in the fragment and opens it again', async () => {
  const { page } = await openSeed();
  await page.locator('#share').click();
  await page.waitForFunction(() => /Link copied/.test(document.getElementById('share-message').textContent));
  const url = await page.locator('#share-url').inputValue();
  assert.ok(url.startsWith(`${server.url}#text=`), url);
  assert.ok(url.length < seed.length, 'compressed');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), url);

  const other = await browser.context.newPage();
  await other.goto(url);
  await waitForRender(other, seed);
  assert.equal(await inputText(other), seed);
  assert.equal((await highlights(other, 'sentence')).length, 14);
  await other.close();

  // Text that does not compress past the limit gets a message, not a link.
  await page.evaluate(() => {
    let x = 1;
    const words = [];
    for (let i = 0; i < 30000; i++) { x = (x * 1103515245 + 12345) % 2147483648; words.push(x.toString(36)); }
    const input = document.getElementById('input');
    input.value = words.join(' ');
    input.dispatchEvent(new InputEvent('input', { bubbles: true }));
  });
  await page.locator('#share').click();
  await page.waitForFunction(() => /Too long to share/.test(document.getElementById('share-message').textContent));
  assert.equal(await page.locator('#share-url').isVisible(), false);

  // A damaged link says so and the page still works.
  const broken = await browser.context.newPage();
  await broken.goto(`${server.url}#text=not-a-real-link`);
  await broken.locator('#notice').waitFor({ state: 'visible' });
  await waitForRender(broken, await inputText(broken));
  assert.match(await broken.locator('#notice').textContent(), /share link is damaged/, 'the message outlives the annotation of the sample');
  await broken.close();
  await page.close();
});

test('opening or dropping a file: .html is reduced to text and never run', async () => {
  const { page, errors } = await openSeed();
  const html = '<html><head><script>window.__ran = 1</script><style>p{color:red}</style></head><body><h1>Port delay</h1><p>Officials said the port would wait.</p><p onclick="x()">“We wait,” she said.<img src="http://example.invalid/x.png"></p></body></html>';
  await page.locator('#file').setInputFiles({ name: 'story.html', mimeType: 'text/html', buffer: Buffer.from(html) });
  const expected = 'Port delay\n\nOfficials said the port would wait.\n\n“We wait,” she said.';
  await page.waitForFunction((t) => document.getElementById('input').value === t, expected);
  await waitForRender(page, expected);
  assert.equal(await page.evaluate(() => window.__ran), undefined);
  assert.equal((await highlights(page, 'sentence')).length, 3);

  const md = '# Title\n\nA sentence. Another one.';
  await page.evaluate((text) => {
    const data = new DataTransfer();
    data.items.add(new File([text], 'story.md', { type: 'text/markdown' }));
    const pane = document.getElementById('input-pane');
    pane.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
    pane.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  }, md);
  await waitForRender(page, md);
  assert.equal(await inputText(page), md);

  await page.locator('#file').setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: Buffer.from([137, 80, 78, 71]) });
  await page.locator('#notice').waitFor({ state: 'visible' });
  assert.match(await page.locator('#notice').textContent(), /not a text file/);
  // Parsing the file's HTML (inertly) makes the CSP report, and block, its inline handler and style.
  const csp = errors.filter((e) => /Content Security Policy/.test(e));
  assert.ok(csp.every((e) => /blocked/.test(e)));
  assert.deepEqual(errors.filter((e) => !csp.includes(e)), []);
  await page.close();
});

test('rich text pasted from the clipboard arrives as plain text and nothing in it runs', async () => {
  const { page, errors } = await openSeed();
  await page.evaluate(() => navigator.clipboard.write([new ClipboardItem({
    'text/html': new Blob(['<p>Officials <b>said</b> on Monday.<img src=x onerror="window.__ran=1"></p><script>window.__ran=2</script>'], { type: 'text/html' }),
    'text/plain': new Blob(['Officials said on Monday.'], { type: 'text/plain' }),
  })]));
  await page.locator('#input').focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+V');
  const text = await inputText(page);
  assert.equal(text, 'Officials said on Monday.');
  await waitForRender(page, text);
  assert.equal(await page.evaluate(() => window.__ran), undefined);
  assert.equal(await page.locator('#article img, #article b').count(), 0);
  // Chromium parses the HTML when it is written to the clipboard; the CSP reports and blocks its handler.
  assert.deepEqual(errors.filter((e) => !/Content Security Policy.*blocked/.test(e)), []);
  await page.close();
});

test('phone layout at 375 px: no sideways scrolling, article first', async () => {
  const { page } = await openSeed();
  await page.setViewportSize({ width: 375, height: 812 });
  await page.waitForTimeout(100);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 375, `page is ${width}px wide`);
  const articleTop = await page.locator('#article').evaluate((a) => a.getBoundingClientRect().top);
  const inputTop = await page.locator('#input').evaluate((a) => a.getBoundingClientRect().top);
  assert.ok(articleTop < inputTop, 'the annotated article comes before the text area');
  await screenshot(page, 'seed-mobile', { fullPage: false });
  await screenshot(page, 'seed-mobile-full');
  await page.close();
});

test('print shows the article and the summary, not the controls', async () => {
  const { page } = await openSeed();
  await page.emulateMedia({ media: 'print' });
  for (const sel of ['#input-pane', '.layers', '.find', '#theme']) {
    assert.equal(await page.locator(sel).first().isVisible(), false, `${sel} hidden in print`);
  }
  assert.equal(await page.locator('#article').isVisible(), true);
  assert.equal(await page.locator('#panel').isVisible(), true);
  await page.emulateMedia({ media: 'screen' });
  await page.close();
});

test('the page works when reloaded with the network cut', async () => {
  const page = await browser.context.newPage();
  await page.goto(server.url);
  await waitForRender(page, await inputText(page));
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
  });
  await browser.context.setOffline(true);
  try {
    await page.reload();
    const sample = await inputText(page);
    await waitForRender(page, sample);
    await paste(page, seed);
    await waitForRender(page, seed);
    assert.equal((await highlights(page, 'sentence')).length, 14);
  } finally {
    await browser.context.setOffline(false);
  }
  await page.close();
});

test('no request left the page origin', () => {
  const origin = new URL(server.url).origin;
  const foreign = requests.filter((u) => !u.startsWith('blob:') && new URL(u).origin !== origin);
  assert.deepEqual(foreign, []);
});
