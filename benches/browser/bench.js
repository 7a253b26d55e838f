// The in-page half of the browser benchmark (benches/browser.mjs drives it).
//
// Each loader measures what a page pays before its first answer: the files
// (sizes from the Resource Timing entries, so as transferred), the time to
// load and instantiate, and the first annotation of the reference article.
// `roundRobin` then times the systems interleaved on one text, like the
// Node benchmark does. Paths are absolute from the repository root, which
// the driver serves.

const TOKEN_LAYERS = ['paragraph', 'sentence', 'token'];
const texts = {};
const systems = {};
let wasm = null;

export async function fetchText(name, url) {
  texts[name] = await (await fetch(url)).text();
  return texts[name].length;
}

export function dropText(name) {
  delete texts[name];
}

function files(match) {
  return performance.getEntriesByType('resource')
    .filter((e) => match.some((m) => e.name.includes(m)))
    .map((e) => ({ url: new URL(e.name).pathname, transfer: e.transferSize, encoded: e.encodedBodySize, decoded: e.decodedBodySize }));
}

function loadScript(src) {
  return new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = src;
    s.onload = resolve;
    s.onerror = () => reject(new Error(`could not load ${src}`));
    document.head.append(s);
  });
}

function firstRun(key, seed) {
  const t0 = performance.now();
  systems[key](seed);
  return performance.now() - t0;
}

export async function loadNewslens() {
  const t0 = performance.now();
  const glue = await import('/www/pkg/newslens.js');
  const t1 = performance.now();
  wasm = await glue.default({ module_or_path: '/www/pkg/newslens_bg.wasm' });
  const t2 = performance.now();
  systems.newslens = (t) => glue.annotate(t).spans.length;
  systems['newslens-tok'] = (t) => glue.annotate(t, { layers: TOKEN_LAYERS }).spans.length;
  // The same through annotateColumnar, which the page's worker calls.
  systems['newslens-col'] = (t) => glue.annotateColumnar(t).columns.id.length;
  systems['newslens-tok-col'] = (t) => glue.annotateColumnar(t, { layers: TOKEN_LAYERS }).columns.id.length;
  systems.keep = (t) => { window.kept = glue.annotate(t); return window.kept.spans.length; };
  // What the page's worker calls: typed-array columns.
  systems['keep-col'] = (t) => { window.kept = glue.annotateColumnar(t); return window.kept.columns.id.length; };
  return { load_ms: t1 - t0, instantiate_ms: t2 - t1, first_ms: firstRun('newslens', texts.seed), files: files(['/www/pkg/']) };
}

export async function loadCompromise() {
  const t0 = performance.now();
  await loadScript('/node_modules/compromise/builds/compromise.js');
  const t1 = performance.now();
  const nlp = window.nlp;
  systems.compromise = (t) => {
    const doc = nlp(t);
    return doc.people().out('array').length + doc.places().out('array').length
      + doc.organizations().out('array').length + doc.quotations().out('array').length;
  };
  return { load_ms: t1 - t0, instantiate_ms: 0, first_ms: firstRun('compromise', texts.seed), files: files(['/compromise/']) };
}

export async function loadWink() {
  const t0 = performance.now();
  await loadScript('/out/bench/wink-bundle.js');
  const t1 = performance.now();
  const { winkNLP, model } = window.winkBundle;
  const nlp = winkNLP(model);
  const t2 = performance.now();
  const tok = winkNLP(model, ['sbd']);
  systems.wink = (t) => {
    const doc = nlp.readDoc(t);
    return doc.entities().out().length + doc.tokens().out().length + doc.sentences().out().length;
  };
  systems['wink-tok'] = (t) => {
    const doc = tok.readDoc(t);
    return doc.tokens().out().length + doc.sentences().out().length;
  };
  return { load_ms: t1 - t0, instantiate_ms: t2 - t1, first_ms: firstRun('wink', texts.seed), files: files(['/wink-bundle']) };
}

/** Times `keys` on text `name`, interleaved; `caps[key]` limits a slow system's runs. */
export function roundRobin(name, keys, { warmup = 1, runs = 5, caps = {} } = {}) {
  const text = texts[name];
  const samples = Object.fromEntries(keys.map((k) => [k, []]));
  for (let w = 0; w < warmup; w++) for (const k of keys) if (w < (caps[k] ?? Infinity)) systems[k](text);
  for (let r = 0; r < runs; r++) {
    for (let i = 0; i < keys.length; i++) {
      const k = keys[(i + r) % keys.length];
      if (r >= (caps[k] ?? Infinity)) continue;
      const t0 = performance.now();
      systems[k](text);
      samples[k].push(performance.now() - t0);
    }
  }
  return { chars: text.length, samples };
}

/** One run whose result stays alive, so the driver can read peak memory with it held. */
export function runOnce(key, name) {
  const t0 = performance.now();
  const keep = { newslens: 'keep', 'newslens-col': 'keep-col' };
  const n = systems[keep[key] ?? key](texts[name]);
  return { ms: performance.now() - t0, result: n, wasm_memory: wasm ? wasm.memory.buffer.byteLength : 0 };
}
