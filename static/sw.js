// Marginalia's service worker: keeps the app's own files so that, after one visit, the
// app opens and works with the network off. It handles only same-origin GET requests;
// the app makes no others. The page is fetched network-first (to pick up a new version
// when online), the hashed assets cache-first. The suggestion worker and the tagger's
// model keep their names from one version to the next, so they are fetched
// network-first like the page; the page does not name them, so they are listed here.
const CACHE = 'marginalia-v1';
const ASSET = /["'](\/?[\w.\-/]+\.(?:js|wasm|css|svg|png|json|webmanifest))["']/g;
const LATER = ['./marginalia-worker_loader.js', './marginalia-worker.js', './marginalia-worker_bg.wasm', './model/tagger.mgtag'];
const UNHASHED = /\/(?:marginalia-worker[\w.]*|model\/tagger\.mgtag)$/;

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    const page = await fetch('./', { cache: 'no-cache' });
    const html = await page.clone().text();
    await cache.put('./', page);
    const assets = new Set([...html.matchAll(ASSET)].map((m) => m[1]));
    await cache.addAll([...assets, ...LATER]);
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) if (name !== CACHE) await caches.delete(name);
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    if (request.mode === 'navigate' || UNHASHED.test(new URL(request.url).pathname)) {
      const key = request.mode === 'navigate' ? './' : request;
      try {
        const fresh = await fetch(request);
        if (fresh.ok) await cache.put(key, fresh.clone());
        return fresh;
      } catch {
        return (await cache.match(key, { ignoreSearch: true })) ?? Response.error();
      }
    }
    const hit = await cache.match(request, { ignoreSearch: true });
    if (hit) return hit;
    const response = await fetch(request);
    if (response.ok) await cache.put(request, response.clone());
    return response;
  })());
});
