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
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET' || new URL(req.url).origin !== self.location.origin) return;
  event.respondWith((async () => {
    try {
      const res = await fetch(req);
      if (res.ok) {
        const copy = res.clone();
        event.waitUntil(caches.open(CACHE).then((cache) => cache.put(req, copy)));
      }
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
