// Service-worker registration for the page: sw.js keeps the page working
// offline and serves a returning visit from its cache; this takes its
// updates without mixing two builds' files in one page.

/**
 * Registers sw.js (offline use, and a returning visit served from its
 * cache) and takes its updates. A rebuilt page's worker waits (see sw.js)
 * until this page asks for it: at once, then a reload, when nothing typed
 * would be lost (the text is still the one the page opened with), since
 * this page's later modules would otherwise come from the new set; else
 * the page says a new version is ready, and the next load takes it.
 * `pristine()` says whether the text is still the one the page opened with;
 * `note` is where the page says an update is ready.
 * @param {{ note: HTMLElement, pristine: () => boolean }} options
 */
export function registerServiceWorker({ note, pristine }) {
  if (!('serviceWorker' in navigator) || !location.protocol.startsWith('http')) return;
  const sw = navigator.serviceWorker;
  const say = (text) => { note.textContent = text; note.hidden = false; };
  let controller = sw.controller;
  let reloading = false;
  sw.addEventListener('controllerchange', () => {
    const before = controller;
    controller = sw.controller;
    // The first install takes over a page that came from the network: nothing to do.
    if (!before || reloading) return;
    if (pristine()) {
      reloading = true;
      location.reload();
    } else {
      say('A new version of newslens is in use: reload this page to use it too (your text is kept).');
    }
  });
  const offer = (waiting) => {
    if (!waiting || !sw.controller) return;
    if (pristine()) waiting.postMessage({ type: 'skip-waiting' });
    else say('A new version of newslens is ready: it is used from the next time the page is loaded.');
  };
  const watch = (installing) => installing?.addEventListener('statechange', () => {
    if (installing.state === 'installed') offer(installing);
  });
  sw.register('sw.js').then((reg) => {
    offer(reg.waiting);
    watch(reg.installing);
    reg.addEventListener('updatefound', () => watch(reg.installing));
  }).catch(() => { /* offline use is optional */ });
}
