// Service worker: the page keeps working with the network cut.
//
// Network first, cache as the fallback: while online every file comes fresh
// from the server (a rebuilt .wasm is picked up at once) and a copy is kept;
// offline the copies are served. The app shell is cached at install, so the
// first visit is enough. Only same-origin GET requests are touched.

const CACHE = 'newslens-v1';
const SHELL = [
  './', 'index.html', 'style.css', 'boot.js', 'main.js', 'worker.js', 'columns.js', 'render.js', 'labels.js', 'panel.js',
  'interact.js', 'find.js', 'exports.js', 'share.js', 'files.js', 'sample.js', 'favicon.svg',
  'pkg/newslens.js', 'pkg/newslens_bg.wasm',
];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
    // The page's request goes out while this worker starts, rather than after.
    await self.registration.navigationPreload?.enable();
    await self.clients.claim();
  })());
});

/**
 * Keeps `res` as the copy of `req`, unless the cache already holds this
 * version (same ETag): rewriting the 1 MB .wasm on every visit competed with
 * the page's own loading for the CPU.
 */
async function keep(req, res) {
  const cache = await caches.open(CACHE);
  const etag = res.headers.get('etag');
  const held = etag ? await cache.match(req) : undefined;
  if (held && held.headers.get('etag') === etag) {
    await res.body?.cancel();
    return;
  }
  await cache.put(req, res);
}

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET' || new URL(req.url).origin !== self.location.origin) return;
  event.respondWith((async () => {
    try {
      const res = (await event.preloadResponse) ?? await fetch(req);
      if (res.ok) event.waitUntil(keep(req, res.clone()));
      return res;
    } catch (err) {
      const hit = await caches.match(req, { ignoreSearch: true });
      if (hit) return hit;
      if (req.mode === 'navigate') {
        const shell = await caches.match('index.html');
        if (shell) return shell;
      }
      throw err;
    }
  })());
});
