// Starts the annotation worker, and the compilation of the core's .wasm, as
// the page begins to load.
//
// A module script of its own whose one static import (core.js, which finds
// and loads the core for this page and for the worker alike) is preloaded
// beside it, listed before main.js: the browser runs it as soon as the two
// arrive, while main.js still waits for its modules. A worker takes a while
// to start (its script is fetched by the browser process and its thread
// needs the page's main thread to get going: over 100 ms on a busy
// machine), so the page does not wait for it to fetch the .wasm: it
// compiles the module here, meanwhile, and posts it to the worker (a
// compiled module is shared, not copied). The page's annotator
// (annotator.js) adopts this worker and posts the module to any worker it
// starts later.

import { compileCore, loadCore } from './core.js';

/**
 * The compiled core, or null when it could not be compiled here (the worker
 * then loads it itself and reports any error with the first request).
 * @type {Promise<WebAssembly.Module | null>}
 */
export const wasmModule = compileCore();

export const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
wasmModule.then((module) => worker.postMessage({ module }));

/**
 * The core instantiated in the page as well, for main.js's quick first pass
 * on load (see firstPass there), made ready while main.js's modules arrive;
 * null when it could not be.
 */
export const pageCore = wasmModule.then((module) => (module ? loadCore(module) : null)).catch(() => null);

/** Layers of the quick first pass (no entity model to initialise). */
export const FIRST_PASS_LAYERS = ['paragraph', 'sentence'];

/**
 * Whether the sample's first pass is every layer: on a repeat visit, the
 * service worker in control (the files come from its cache, and V8 has the
 * .wasm's optimised code cached), an all-layer call on the sample costs the
 * page ~10-20 ms, while the worker's answer comes ~60-100 ms later (its
 * thread starts late, behind the page's). On a first visit the code is
 * fresh (baseline-compiled) and the call ~100 ms of the main thread, so the
 * page draws paragraphs and sentences only and leaves the rest to the worker.
 */
export const FULL_FIRST_PASS = Boolean(globalThis.navigator?.serviceWorker?.controller);

/**
 * The first pass over the sample, the text the page opens with when its URL
 * has no fragment (a shared text comes in one): { columns, ms, full } (full:
 * every layer, see FULL_FIRST_PASS), computed as
 * soon as the page's instance is ready, while main.js's modules are still
 * arriving, since most of its cost on a visit is V8 compiling the functions
 * it runs for the first time (its code cache keeps only those it optimised).
 * Null when there is none.
 */
export const sampleFirstPass = location.hash ? Promise.resolve(null) : Promise.all([pageCore, import('./sample.js')]).then(([core, { SAMPLE }]) => {
  if (!core) return null;
  const t0 = performance.now();
  const columns = core.annotateColumnar(SAMPLE, FULL_FIRST_PASS ? undefined : { layers: FIRST_PASS_LAYERS });
  return { columns, ms: performance.now() - t0, full: FULL_FIRST_PASS };
}).catch(() => null);

/** An error the worker raised before main.js listened (e.g. its script failed to load). */
export let earlyError = null;
worker.onerror = (event) => {
  event.preventDefault();
  earlyError = event;
};
