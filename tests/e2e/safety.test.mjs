// Issue 19's page parts: the person's text is never lost (a reload, a
// crashed annotator, a closed tab), hostile text is never run or turned into
// elements (typed, pasted as plain text or as rich HTML, dropped as a file,
// opened from a share link) and every export escapes what it embeds, the
// HTML export breaks no Content Security Policy, and no request leaves the
// page's origin at any step.
//
// The injection tests run with the page's CSP switched off (Playwright's
// bypassCSP): the CSP would block an injected handler or script anyway, and
// the point is that the page never makes one. Every payload calls
// window.__xss(...) if it runs, and would load or request something if it
// became an element.

import { test as nodeTest, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, startBrowser, readSeed, screenshot, waitForRender, paste, inputText, highlights, download, armWorkerTrap } from './harness.mjs';

const test = (name, fn) => nodeTest(name, { timeout: 240_000 }, fn);

/** Classic payloads: scripts, handlers, `javascript:` URLs, SVG and MathML tricks, entities, broken tags. */
const PAYLOADS = [
  '<script>window.__xss("script")</script>',
  '<img src=x onerror="window.__xss(\'img onerror\')">',
  '<svg onload="window.__xss(\'svg onload\')"><script>window.__xss("svg script")</script></svg>',
  '<svg><animate onbegin="window.__xss(\'animate\')" attributeName="x" dur="1s"></animate></svg>',
  '<svg><a xlink:href="javascript:window.__xss(\'svg link\')"><text x="20" y="20">tap</text></a></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror="window.__xss(\'mathml\')">',
  '<math href="javascript:window.__xss(\'math href\')">x</math>',
  '<a href="javascript:window.__xss(\'js url\')">read more</a>',
  '<iframe src="javascript:window.__xss(\'iframe\')"></iframe>',
  '<iframe srcdoc="&lt;script&gt;parent.__xss(\'srcdoc\')&lt;/script&gt;"></iframe>',
  '&lt;script&gt;window.__xss("entity")&lt;/script&gt; &#60;img src=x onerror=window.__xss("numeric entity")&#62;',
  '<body onload="window.__xss(\'body\')">',
  '<scr<script>ipt>window.__xss("split tag")</scr</script>ipt>',
  '"><img src=x onerror=window.__xss("attribute break")>',
  "'><svg/onload=window.__xss('quote break')>",
  '<div style="background:url(javascript:window.__xss(\'css url\'))">styled</div>',
  '<object data="javascript:window.__xss(\'object\')"></object>',
  '<embed src="data:text/html,<script>parent.__xss(\'embed\')</script>">',
  '<form><button formaction="javascript:window.__xss(\'form\')">go</button></form>',
  '<details open ontoggle="window.__xss(\'details\')"><summary>s</summary></details>',
  '<noscript><p title="</noscript><img src=x onerror=window.__xss(\'noscript\')>"></noscript>',
  '<!--<img src="--><img src=x onerror=window.__xss("comment")//">',
  '<img src=x onerror=window.__xss("unclosed tag")',
  '<<script>>window.__xss("doubled brackets")<</script>>',
  '<meta http-equiv="refresh" content="0;url=javascript:window.__xss(\'meta refresh\')">',
  '<base href="javascript:window.__xss(\'base\')//">',
  '<template><img src=x onerror=window.__xss("template")></template>',
  '<img src="http://example.invalid/beacon.png">',
  '<link rel="stylesheet" href="http://example.invalid/x.css">',
  '<style>@import "http://example.invalid/y.css";</style>',
];

/** An article with the payloads in it, so that the annotator has sentences, names and quotes around them. */
const HOSTILE = [
  'Officials in Rotterdam said on Tuesday that the port would wait.',
  ...PAYLOADS.map((p, i) => `Line ${i + 1}: ${p} “We saw it,” said Maria Jansen.`),
  'The council is likely to decide in May, two people familiar with the talks said.',
].join('\n\n');

let server;
let seed;
/** A browser with the page's CSP switched off: only the page itself stands between a payload and running. */
let open;
/** A browser as users have it (CSP on), recording every request. */
let strict;
const requests = [];

before(async () => {
  [server, seed, open, strict] = await Promise.all([startServer(), readSeed(), startBrowser({ bypassCSP: true }), startBrowser()]);
  for (const b of [open, strict]) {
    await b.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(server.url).origin });
    await b.context.addInitScript(() => {
      window.__xssHits = [];
      window.__xss = (what) => window.__xssHits.push(String(what));
    });
    b.context.on('request', (req) => requests.push(req.url()));
  }
});

after(async () => {
  await open?.close();
  await strict?.close();
  await server?.close();
});

/** Opens the page; `dialogs` and `errors` collect what a payload could raise. */
async function openPage(browser) {
  const page = await browser.context.newPage();
  const dialogs = [];
  const errors = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(server.url);
  await waitForRender(page, await inputText(page));
  return { page, dialogs, errors };
}

/**
 * Nothing ran and nothing became an element: no payload was called, no
 * dialog opened, no element of a kind the page never makes exists, no
 * element carries an event handler or a `javascript:` URL, and the article
 * and the editor hold only the elements the page makes for text.
 */
async function assertInert(page, dialogs, where) {
  // A handler would fire on load or error: give an injected one the time to.
  await page.waitForTimeout(300);
  const found = await page.evaluate(() => {
    const hits = window.__xssHits ?? [];
    const all = [...document.querySelectorAll('*')];
    const handlers = all.filter((el) => [...el.attributes].some((a) => /^on/i.test(a.name))).map((el) => el.outerHTML.slice(0, 80));
    const jsUrls = all.filter((el) => [...el.attributes].some((a) => /^\s*javascript:/i.test(a.value))).map((el) => el.outerHTML.slice(0, 80));
    // (The page's own <details> are the legend and the keyboard help.)
    const foreign = [...document.querySelectorAll('img, iframe, object, embed, math, form, details:not(.legend-box, .help), noscript, template, base, style, link:not([rel="stylesheet"][href="style.css"]):not([rel="icon"]):not([rel="modulepreload"]):not([rel="preload"]), meta[http-equiv="refresh"], svg:not(#links), a[href]:not([href^="#"])')]
      .map((el) => el.outerHTML.slice(0, 80));
    const scripts = [...document.scripts].map((s) => s.getAttribute('src'));
    const articleTags = [...new Set([...document.querySelectorAll('#article *')].map((el) => el.tagName))].sort();
    const editorTags = [...new Set([...document.querySelectorAll('#input *')].map((el) => el.tagName))].sort();
    return { hits, handlers, jsUrls, foreign, scripts, articleTags, editorTags };
  });
  assert.deepEqual(found.hits, [], `${where}: a payload ran`);
  assert.deepEqual(dialogs, [], `${where}: a dialog opened`);
  assert.deepEqual(found.handlers, [], `${where}: an element with an event handler`);
  assert.deepEqual(found.jsUrls, [], `${where}: an element with a javascript: URL`);
  assert.deepEqual(found.foreign, [], `${where}: an element the page never makes`);
  assert.deepEqual(found.scripts, ['boot.js', 'main.js'], `${where}: the page's own scripts only`);
  for (const tag of found.articleTags) assert.ok(['DIV', 'MARK', 'SPAN'].includes(tag), `${where}: <${tag}> in the article`);
  for (const tag of found.editorTags) assert.ok(['DIV', 'BR'].includes(tag), `${where}: <${tag}> in the editor`);
}

/** The page shows `text` verbatim: in the editor and, character for character, in the article. */
async function assertVerbatim(page, text, where) {
  await waitForRender(page, text);
  assert.equal(await inputText(page), text, `${where}: the editor holds the text as given`);
  assert.equal(await page.locator('#article').evaluate((a) => a.textContent), text, `${where}: the article shows the text as given`);
}

// ---- never lose the text ---------------------------------------------------

/** Replaces the editor's text by typing it, as a person would. */
async function typeOver(page, text) {
  await page.locator('#input').focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
}

test('typed text survives a reload made right after the last key', async () => {
  const { page } = await openPage(strict);
  const text = 'My own notes on the port. The council said it would wait.';
  await typeOver(page, text);
  // No pause: the copy is written when the page goes away, not only after the typing pause.
  await page.reload();
  await waitForRender(page, text);
  assert.equal(await inputText(page), text);
  await page.close();
});

test('the text survives a closed tab, and nothing else was typed over it on the way', async () => {
  const { page } = await openPage(strict);
  const text = 'A draft that must outlive its tab. “It will,” she said.';
  await typeOver(page, text);
  await page.waitForTimeout(1000);
  await page.close({ runBeforeUnload: false });
  const again = await openPage(strict);
  assert.equal(await inputText(again.page), text);
  assert.equal((await highlights(again.page, 'sentence')).length, 2);
  await again.page.close();
});

/**
 * Pastes `chars` characters of articles, reloads (after the annotation is
 * drawn, or at once), and checks that the whole text came back; then goes
 * back to a short text, so that the next tests do not open with a megabyte.
 */
async function pasteAndReload(chars, { atOnce }) {
  const { page } = await openPage(strict);
  let big = '';
  while (big.length < chars) big += `${seed}\n\n`;
  await paste(page, big);
  // At once: no wait for the debounced save or the annotation, the page goes away now.
  if (!atOnce) await waitForRender(page, big, 150_000);
  await page.reload();
  await page.waitForFunction((n) => document.getElementById('input').value.length === n, big.length, { timeout: 60_000 });
  assert.ok(await page.evaluate((t) => document.getElementById('input').value === t, big), 'the whole article came back');
  await typeOver(page, 'Short again.');
  await page.reload();
  await waitForRender(page, 'Short again.');
  await page.close();
}

test('a 1 MB pasted article survives a reload (kept in IndexedDB)', () => pasteAndReload(1_000_000, { atOnce: false }));

test('a long article pasted and reloaded at once is not lost (its IndexedDB write cannot finish first)', () =>
  pasteAndReload(400_000, { atOnce: true }));

test('a crashed annotator loses nothing: the text stays, is kept, and is annotated by the new worker', async () => {
  const { page } = await openPage(strict);
  // A real trap in the core, armed through its test-only export (see the trap test in page.test.mjs).
  await armWorkerTrap(page);
  // Pasted: one request, the one that traps (typed keys may make several, and the next good one clears the error).
  const text = 'Pasted as the annotator crashed. Officials said nothing.';
  await paste(page, text);
  await page.locator('#error').waitFor({ state: 'visible' });
  assert.match(await page.locator('#error').textContent(), /crashed/);
  assert.equal(await inputText(page), text, 'the crash took nothing from the editor');
  await page.reload();
  await waitForRender(page, text);
  assert.equal(await inputText(page), text, 'and the kept copy has it');
  await page.close();
});

test('Clear says that it deletes the saved copy, and does', async () => {
  const { page } = await openPage(strict);
  const description = await page.locator('#clear').evaluate((b) => b.ariaDescribedByElements?.map((e) => e.textContent).join(' ')
    ?? document.getElementById(b.getAttribute('aria-describedby')).textContent);
  assert.match(description, /Clear deletes it and that saved copy/);
  assert.ok(await page.locator('#kept').isVisible(), 'the note is shown, not only announced');
  await typeOver(page, 'Something private. It should go.');
  await page.locator('#clear').click();
  assert.equal(await inputText(page), '');
  await page.reload();
  const text = await inputText(page);
  assert.ok(!text.includes('Something private'), 'the cleared text did not come back');
  assert.deepEqual(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes('draft'))), []);
  await page.close();
});

// ---- nothing injected --------------------------------------------------------

test('hostile text pasted as plain text is shown verbatim and never runs; every export escapes it', async () => {
  const { page, dialogs } = await openPage(open);
  await paste(page, HOSTILE);
  await assertVerbatim(page, HOSTILE, 'plain paste');
  await assertInert(page, dialogs, 'plain paste');
  assert.ok((await highlights(page, 'sentence')).length > PAYLOADS.length, 'the text around the payloads is annotated');
  await screenshot(page, 'safety-hostile-paste');

  const [json] = await download(page, 'json');
  assert.equal(JSON.parse(json.text).text, HOSTILE);
  const [wa] = await download(page, 'wa');
  for (const item of JSON.parse(wa.text).first.items) {
    const quote = item.target.selector.find((s) => s.type === 'TextQuoteSelector');
    assert.ok(HOSTILE.includes(quote.exact));
  }
  const brat = await download(page, 'brat', 2);
  assert.equal(brat.find((f) => f.name.endsWith('.txt')).text, HOSTILE);
  const ann = brat.find((f) => f.name.endsWith('.ann')).text;
  for (const line of ann.split('\n').filter(Boolean)) assert.ok(/^[TR#]\d+\t/.test(line), `one brat record per line: ${line.slice(0, 60)}`);

  // The HTML snapshot, parsed inertly: no script, handler, URL or element from the text; the text itself verbatim.
  const [html] = await download(page, 'html');
  const snap = await page.evaluate((source) => {
    const doc = new DOMParser().parseFromString(source, 'text/html');
    const all = [...doc.querySelectorAll('*')];
    return {
      text: doc.getElementById('article')?.textContent,
      scripts: doc.querySelectorAll('script').length,
      handlers: all.filter((el) => [...el.attributes].some((a) => /^on/i.test(a.name))).length,
      urls: all.filter((el) => el.hasAttribute('href') || el.hasAttribute('src') || el.hasAttribute('srcdoc')).map((el) => el.tagName),
      bodyTags: [...new Set([...doc.body.querySelectorAll('*')].map((el) => el.tagName))].sort(),
      styles: doc.querySelectorAll('style').length,
    };
  }, html.text);
  assert.equal(snap.text, HOSTILE);
  assert.equal(snap.scripts, 0);
  assert.equal(snap.handlers, 0);
  assert.deepEqual(snap.urls, []);
  assert.equal(snap.styles, 1, 'one <style>, the page\'s own, not closed early');
  for (const tag of snap.bodyTags) assert.ok(['H1', 'P', 'ARTICLE', 'DIV', 'MARK', 'SPAN'].includes(tag), `<${tag}> in the snapshot`);
  await page.close();
});

test('hostile rich text from the clipboard arrives as plain text, and nothing in it runs', async () => {
  const { page, dialogs } = await openPage(open);
  const markup = PAYLOADS.join('\n<p>“We saw it,” said Maria Jansen.</p>\n');
  // With a plain-text version, as a browser or word processor puts on the clipboard: that is what arrives.
  await page.evaluate(([html, text]) => navigator.clipboard.write([new ClipboardItem({
    'text/html': new Blob([html], { type: 'text/html' }),
    'text/plain': new Blob([text], { type: 'text/plain' }),
  })]), [markup, HOSTILE]);
  await page.locator('#input').focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+V');
  await assertVerbatim(page, HOSTILE, 'rich paste');
  await assertInert(page, dialogs, 'rich paste');

  // Markup alone on the clipboard: reduced to its text, nothing made of it.
  await page.evaluate((html) => navigator.clipboard.write([new ClipboardItem({ 'text/html': new Blob([html], { type: 'text/html' }) })]), markup);
  await page.locator('#input').focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+V');
  await page.waitForFunction(() => !document.getElementById('input').value.includes('Line 1:'), null, { timeout: 30_000 });
  const text = await inputText(page);
  await waitForRender(page, text);
  assert.match(text, /We saw it/);
  assert.equal(await page.locator('#article').evaluate((a) => a.textContent), text);
  await assertInert(page, dialogs, 'html-only paste');
  await page.close();
});

test('a dropped or opened .html file with hostile markup is reduced to text; a .txt of it shows verbatim', async () => {
  const { page, dialogs } = await openPage(open);
  const markup = `<!doctype html><html><head><title>t</title><script>window.__xss('head script')</script></head><body>\n${PAYLOADS.map((p) => `<p>${p} Officials said it would wait.</p>`).join('\n')}\n</body></html>`;
  await page.evaluate((source) => {
    const data = new DataTransfer();
    data.items.add(new File([source], 'story.html', { type: 'text/html' }));
    const pane = document.getElementById('input-pane');
    pane.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
    pane.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  }, markup);
  await page.waitForFunction(() => document.getElementById('input').value.includes('Officials said it would wait.'), null, { timeout: 30_000 });
  const text = await inputText(page);
  await waitForRender(page, text);
  assert.equal(await page.locator('#article').evaluate((a) => a.textContent), text);
  await assertInert(page, dialogs, 'dropped .html');

  await page.locator('#file').setInputFiles({ name: 'story.html', mimeType: 'text/html', buffer: Buffer.from(markup.replace('Officials', 'Ministers')) });
  await page.waitForFunction(() => document.getElementById('input').value.includes('Ministers said'), null, { timeout: 30_000 });
  await waitForRender(page, await inputText(page));
  await assertInert(page, dialogs, 'opened .html');

  // The same payloads as a text file: that is text, and it is shown as it is.
  await page.locator('#file').setInputFiles({ name: 'story.txt', mimeType: 'text/plain', buffer: Buffer.from(HOSTILE) });
  await assertVerbatim(page, HOSTILE, 'opened .txt');
  await assertInert(page, dialogs, 'opened .txt');
  await page.close();
});

test('a share link carrying hostile text opens it verbatim and nothing in it runs', async () => {
  const { page } = await openPage(open);
  const fragment = await page.evaluate(async (t) => (await import('./share.js')).encodeShare(t), HOSTILE);
  await page.close();
  const shared = await open.context.newPage();
  const dialogs = [];
  shared.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  await shared.goto(server.url + fragment);
  await assertVerbatim(shared, HOSTILE, 'share link on load');
  await assertInert(shared, dialogs, 'share link on load');
  // And one followed in an open tab (hashchange).
  const other = await shared.evaluate(async (t) => (await import('./share.js')).encodeShare(t), `${HOSTILE}\n\nThe end.`);
  await shared.evaluate((f) => { location.hash = f; }, other);
  await assertVerbatim(shared, `${HOSTILE}\n\nThe end.`, 'share link in an open tab');
  await assertInert(shared, dialogs, 'share link in an open tab');
  await shared.close();
});

// ---- the HTML export and the CSP; nothing leaves the origin -----------------

test('exporting, copying and sharing break no Content Security Policy rule', async () => {
  const { page, errors } = await openPage(strict);
  await page.evaluate(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await paste(page, seed);
  await waitForRender(page, seed);
  for (const format of ['json', 'wa', 'html']) await download(page, format);
  await download(page, 'brat', 2);
  for (const format of ['json', 'wa', 'brat', 'html']) {
    await page.locator(`#exports button[data-export="${format}"][data-mode="copy"]`).click();
    await page.waitForFunction(() => /Copied/.test(document.querySelector('#exports [role="status"]').textContent));
    await page.evaluate(() => { document.querySelector('#exports [role="status"]').textContent = ''; });
  }
  await page.locator('#share').click();
  await page.waitForFunction(() => /Link copied/.test(document.getElementById('share-message').textContent));
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(errors, []);
  await page.close();
});

test('no request leaves the page origin: load, paste, annotation, exports, sharing, reloads, and the hostile inputs', () => {
  // Every page of both browsers above, their workers and service workers included.
  const origin = new URL(server.url).origin;
  assert.ok(requests.length > 20, `requests were recorded (${requests.length})`);
  const foreign = requests.filter((u) => !u.startsWith('blob:') && !u.startsWith('data:') && new URL(u).origin !== origin);
  assert.deepEqual(foreign, []);
});
