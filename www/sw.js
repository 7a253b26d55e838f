// Service worker: a returning visit needs no network at all, and the page
// keeps working with the network cut.
//
// Precache, cache first. sw-stamp.js (written by scripts/stamp.mjs at every
// build) lists the page's files with the SHA-256 of each and a version made
// of them all. A rebuild changes it, so the browser's update check (on each
// visit) finds new service-worker bytes and installs a new worker, which
// fetches the whole new set into a cache of its own (`newslens-<version>`),
// checking every file against its hash: a file that changed again meanwhile
// (a build still under way) fails the install, and the running worker goes
// on serving the old set, whole. Until the new worker takes over, requests
// are answered from the old set, so a page never gets old glue with a new
// .wasm. Requests for precached files are answered from the cache without
// asking the server (a visit used to revalidate each of the page's dozen
// files, 70-170 ms apiece on a busy machine); anything else goes to the
// network first, with a cached copy as the fallback offline. Only
// same-origin GET requests are touched.
//
// Taking over: the first install takes over at once (the page was loaded
// from the network, so it already has this version). An update waits
// until the page asks for it (main.js does when its text is still the one
// it opened with, then reloads once; otherwise it says a new version is
// ready), since a page that had loaded the old set would otherwise load its
// later modules (find, export, a restarted annotation worker) from the new.

importScripts('sw-stamp.js');

const { version: VERSION, files: FILES } = self.PRECACHE;
const PREFIX = 'newslens-';
const CACHE = PREFIX + VERSION;

/** URL (no query, no fragment) -> expected hash; the scope's root is index.html. */
const PRECACHED = new Map(Object.entries(FILES).map(([path, hash]) => [new URL(path, self.registration.scope).href, hash]));
const SHELL = self.registration.scope;
PRECACHED.set(SHELL, FILES['index.html']);

async function sha256(bytes) {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return `sha256-${btoa(String.fromCharCode(...digest))}`;
}

async function precache() {
  const cache = await caches.open(CACHE);
  try {
    await Promise.all([...PRECACHED].map(async ([url, hash]) => {
      // Revalidated rather than taken from the HTTP cache unasked.
      const res = await fetch(url, { cache: 'no-cache' });
      if (!res.ok) throw new Error(`precache: ${url} answered ${res.status}`);
      if (await sha256(await res.clone().arrayBuffer()) !== hash) throw new Error(`precache: ${url} is not the stamped version ${VERSION}`);
      await cache.put(url, res);
    }));
  } catch (err) {
    await caches.delete(CACHE);
    throw err;
  }
}

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    await precache();
    // Navigations to the page are answered from the cache: a preload request
    // (an earlier build's worker enabled it) would only be wasted. Done here
    // rather than in activate, where a navigation may be waiting on it.
    if (self.registration.active) await self.registration.navigationPreload?.disable().catch(() => {});
    else await self.skipWaiting();
  })());
});

self.addEventListener('message', (event) => {
  // Held open until done: a worker that is only waiting may be stopped meanwhile.
  if (event.data?.type === 'skip-waiting') event.waitUntil(self.skipWaiting());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    await self.clients.claim();
    for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
  })());
});

/** The precached copy of `url`, or the network's answer if the cache lost it. */
async function fromCache(url, req) {
  const hit = await (await caches.open(CACHE)).match(url, { ignoreVary: true });
  return hit ?? fetch(req);
}

/** Network first; a copy is kept for offline use. */
async function fromNetwork(req) {
  try {
    const res = await fetch(req);
    if (res.ok) {
      const copy = res.clone();
      caches.open(CACHE).then((cache) => cache.put(req, copy)).catch(() => {});
    }
    return res;
  } catch (err) {
    const hit = await caches.match(req, { ignoreSearch: true, ignoreVary: true });
    if (hit) return hit;
    if (req.mode === 'navigate') {
      const shell = await caches.match(SHELL);
      if (shell) return shell;
    }
    throw err;
  }
}

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  url.hash = '';
  // A navigation to the page may carry a query (the text travels in the fragment).
  if (req.mode === 'navigate') url.search = '';
  const key = url.href;
  event.respondWith(PRECACHED.has(key) ? fromCache(key, req) : fromNetwork(req));
});
