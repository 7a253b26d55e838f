// Starts the annotation worker as the page begins to load.
//
// A module script of its own with no imports, listed before main.js: the
// browser runs it as soon as it arrives, while main.js still waits for its
// ten modules. The worker then fetches and compiles the wasm meanwhile, which
// is most of the time to the first highlight. main.js adopts the worker.

export const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });

/** An error the worker raised before main.js listened (e.g. its script failed to load). */
export let earlyError = null;
worker.onerror = (event) => {
  event.preventDefault();
  earlyError = event;
};
