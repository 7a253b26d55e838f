// How the core is found and loaded: one place for boot.js (the page's
// thread) and worker.js (the annotation worker).
//
// The .wasm sits in pkg/ beside this file, next to its wasm-bindgen glue,
// and both are found from this module's own URL, so the page, the worker
// and the npm package (which ships these files with the same layout) agree
// without a configured path. Compiling from a streamed response lets the
// browser reuse the machine code it cached on an earlier visit; a compiled
// WebAssembly.Module can be posted to a worker (it is shared, not copied),
// so the page compiles once and every worker it starts instantiates that.

const WASM_URL = new URL('./pkg/newslens_bg.wasm', import.meta.url);

/**
 * Compiles the core's .wasm, streamed; null when this browser or this
 * fetch cannot (the caller then lets `loadCore` fetch it itself, which
 * reports the error).
 * @returns {Promise<WebAssembly.Module | null>}
 */
export function compileCore() {
  if (typeof WebAssembly !== 'object' || typeof WebAssembly.compileStreaming !== 'function') return Promise.resolve(null);
  return WebAssembly.compileStreaming(fetch(WASM_URL)).catch(() => null);
}

/**
 * The core's glue, instantiated with `module` (compiled elsewhere, e.g. by
 * the page) or, given none, with the .wasm fetched here. Rejects when the
 * core cannot be loaded.
 * @param {WebAssembly.Module | null | Promise<WebAssembly.Module | null>} [module]
 * @returns {Promise<typeof import('./pkg/newslens.js')>}
 */
export async function loadCore(module = null) {
  const [core, compiled] = await Promise.all([import('./pkg/newslens.js'), module]);
  await core.default({ module_or_path: compiled instanceof WebAssembly.Module ? compiled : fetch(WASM_URL) });
  return core;
}
