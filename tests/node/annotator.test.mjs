// www/annotator.js, createAnnotator(), against a scripted stand-in for
// worker.js (Node has no Web Worker): requests answered in order, stale
// ones cancelled (a queued one never sent, the answer to one under way
// dropped unread), a trap answered by a fresh worker, a worker that cannot
// start reported to the requests waiting on it. The browser tests run the
// real worker (tests/e2e/page.test.mjs, safety.test.mjs).

import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';

/** Every worker made, in order. Each answers as worker.js does, when its test says so. */
let made = [];

class FakeWorker {
  constructor(url, options) {
    this.url = String(url);
    this.options = options;
    this.posted = [];
    this.terminated = false;
    this.onmessage = null;
    this.onerror = null;
    made.push(this);
  }

  postMessage(msg) {
    if (this.terminated) return;
    this.posted.push(msg);
  }

  terminate() { this.terminated = true; }

  /** The { module } message (it may come after a request: worker.js holds requests until it has it). */
  moduleMessage() { return this.posted.find((m) => 'module' in m); }

  /** The requests this worker was sent (not the { module } message). */
  requests() { return this.posted.filter((m) => 'text' in m); }

  /** Answers request `msg` as worker.js does: span batches and the Document on its port, then idle here. */
  answer(msg, { spans = [{ id: 0, layer: 'sentence', label: 'sentence', start: 0, end: msg.text.length }], error = null, trap = false } = {}) {
    if (error) {
      msg.port.postMessage({ id: msg.id, trap, error });
    } else {
      for (let i = 0; i < spans.length; i += 2) msg.port.postMessage({ id: msg.id, part: spans.slice(i, i + 2) });
      msg.port.postMessage({ id: msg.id, doc: { version: '9.9.9', stats: { words: 1 }, spans: [], entities: [] }, counts: { layers: {}, labels: {} }, ms: 1, version: '9.9.9' });
    }
    this.onmessage?.({ data: { id: msg.id, idle: true, trap } });
  }

  /** Fails to start, as a worker whose script or core could not load. */
  fail(message = 'failed to load') {
    this.onerror?.({ message, preventDefault() {} });
  }
}

globalThis.Worker = FakeWorker;
const { createAnnotator } = await import('../../www/annotator.js');

/** Lets queued messages and promise callbacks run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

beforeEach(() => { made = []; });

test('annotate resolves to the Document with its spans, in the wire shape, from a module worker beside annotator.js', async () => {
  const a = createAnnotator();
  const done = a.annotate('One sentence.');
  await settle();
  assert.equal(made.length, 1);
  assert.match(made[0].url, /\/www\/worker\.js$/);
  assert.deepEqual(made[0].options, { type: 'module' });
  assert.deepEqual(made[0].moduleMessage(), { module: null }, 'no module given: the worker loads the core itself');
  const [req] = made[0].requests();
  const spans = [1, 2, 3].map((id) => ({ id, layer: 'token', label: 'word', start: id, end: id + 1 }));
  made[0].answer(req, { spans });
  const doc = await done;
  assert.equal(doc.version, '9.9.9');
  assert.deepEqual(doc.spans, spans, 'the batches joined, in order');
  assert.deepEqual(Object.keys(doc), ['version', 'stats', 'spans', 'entities']);
  a.close();
});

test('requests are answered one at a time, in order, each with its own layers', async () => {
  const a = createAnnotator();
  const first = a.annotateDetailed('first', { layers: ['sentence'] });
  const second = a.annotateDetailed('second');
  await settle();
  const w = made[0];
  assert.deepEqual(w.requests().map((r) => r.text), ['first'], 'the second waits for the first');
  assert.deepEqual(w.requests()[0].layers, ['sentence']);
  w.answer(w.requests()[0]);
  const one = await first;
  assert.equal(one.spanById.get(0).end, 'first'.length);
  await settle();
  assert.deepEqual(w.requests().map((r) => r.text), ['first', 'second']);
  assert.equal(w.requests()[1].layers, undefined);
  w.answer(w.requests()[1]);
  assert.equal((await second).doc.spans[0].end, 'second'.length);
  a.close();
});

test('a cancelled request: queued, it is never sent; under way, its answer is dropped and the next goes once the worker is free', async () => {
  const a = createAnnotator();
  const c1 = new AbortController();
  const c2 = new AbortController();
  const p1 = a.annotate('stale, under way', { signal: c1.signal });
  const p2 = a.annotate('stale, queued', { signal: c2.signal });
  const p3 = a.annotate('wanted');
  await settle();
  const w = made[0];
  c2.abort();
  c1.abort();
  await assert.rejects(p1, { name: 'AbortError' });
  await assert.rejects(p2, { name: 'AbortError' });
  await settle();
  assert.deepEqual(w.requests().map((r) => r.text), ['stale, under way'], 'nothing is sent while the worker still works');
  // The worker finishes the stale request: its answer goes nowhere, then the wanted one is sent.
  w.answer(w.requests()[0]);
  await settle();
  assert.deepEqual(w.requests().map((r) => r.text), ['stale, under way', 'wanted'], 'the queued stale request was never sent');
  w.answer(w.requests()[1]);
  assert.equal((await p3).spans[0].end, 'wanted'.length);
  // A signal aborted before the call rejects at once.
  const gone = new AbortController();
  gone.abort();
  await assert.rejects(a.annotate('x', { signal: gone.signal }), { name: 'AbortError' });
  a.close();
});

test('a trap fails its request, the worker is replaced (and given the module), and later requests go on', async () => {
  const module = { fake: 'compiled module' };
  const a = createAnnotator({ module: Promise.resolve(module) });
  const bad = a.annotate('traps');
  const good = a.annotate('fine');
  await settle();
  const w1 = made[0];
  assert.deepEqual(w1.moduleMessage(), { module });
  w1.answer(w1.requests()[0], { error: 'the annotator crashed on this text (unreachable); it has been restarted', trap: true });
  await assert.rejects(bad, (err) => err.trap === true && /crashed/.test(err.message));
  await settle();
  assert.ok(w1.terminated, 'the broken instance is gone');
  assert.equal(made.length, 2, 'a fresh worker');
  const w2 = made[1];
  assert.deepEqual(w2.moduleMessage(), { module }, 'the compiled module goes to the new worker too');
  assert.deepEqual(w2.requests().map((r) => r.text), ['fine']);
  w2.answer(w2.requests()[0]);
  assert.equal((await good).spans[0].end, 4);
  a.close();
});

test('an ordinary error fails only its request; the worker stays', async () => {
  const a = createAnnotator();
  const p = a.annotate('too long');
  await settle();
  made[0].answer(made[0].requests()[0], { error: 'input too long' });
  await assert.rejects(p, (err) => err.message === 'input too long' && err.trap === false);
  const q = a.annotate('ok');
  await settle();
  assert.equal(made.length, 1);
  made[0].answer(made[0].requests()[1]);
  await q;
  a.close();
});

test('a worker that cannot start fails the requests waiting on it; the next request starts a new worker', async () => {
  const a = createAnnotator();
  const p1 = a.annotate('one');
  const p2 = a.annotate('two');
  await settle();
  made[0].fail('script not found');
  await assert.rejects(p1, /The annotator could not start: script not found/);
  await assert.rejects(p2, /The annotator could not start/);
  const p3 = a.annotate('three');
  await settle();
  assert.equal(made.length, 2);
  made[1].answer(made[1].requests()[0]);
  await p3;
  a.close();
});

test('an adopted worker that failed before it was adopted reports it to the first request', async () => {
  const early = new FakeWorker(new URL('../../www/worker.js', import.meta.url), { type: 'module' });
  const a = createAnnotator({ worker: early, startError: { message: 'early failure', preventDefault() {} } });
  await assert.rejects(a.annotate('x'), /could not start: early failure/);
  const p = a.annotate('y');
  await settle();
  assert.equal(made.length, 2, 'then a new worker');
  made[1].answer(made[1].requests()[0]);
  await p;
  a.close();
});

test('an adopted worker is used as it is: its starter sends it the module', async () => {
  const early = new FakeWorker(new URL('../../www/worker.js', import.meta.url), { type: 'module' });
  const a = createAnnotator({ worker: early, module: { fake: 1 } });
  const p = a.annotate('adopted');
  await settle();
  assert.equal(made.length, 1);
  assert.deepEqual(early.posted.map((m) => Object.keys(m)), [['id', 'text', 'layers', 'port']]);
  early.answer(early.requests()[0]);
  await p;
  a.close();
});

test('close stops the worker and fails what is pending and what comes after', async () => {
  const a = createAnnotator();
  const p = a.annotate('pending');
  await settle();
  a.close();
  await assert.rejects(p, /closed/);
  assert.ok(made[0].terminated);
  await assert.rejects(a.annotate('later'), /closed/);
});
