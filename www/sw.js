// NN Lab's service worker, hand-written (about 60 lines; a library such as Workbox would add more code
// than this needs): the app is precached at install, so a second visit works with the network off;
// MNIST files are cached the first time a chapter loads them. A new deploy has a new VERSION (written by
// tools/precache.mjs at `make dist`): it installs beside the old one and waits until the page, told
// "a new version is ready", asks it to take over.
const VERSION = '__BUILD__';
const APP = `nnlab-app-${VERSION}`;
const DATA = 'nnlab-data';

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const list = await (await fetch('precache.json', { cache: 'no-store' })).json();
    const cache = await caches.open(APP);
    await cache.addAll(list.files.map((f) => new Request(f, { cache: 'reload' })));
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key.startsWith('nnlab-app-') && key !== APP) await caches.delete(key);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  if (event.data === 'skipWaiting') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  const isData = url.pathname.includes('/data/');
  event.respondWith((async () => {
    const app = await caches.open(APP);
    const key = request.mode === 'navigate' ? new URL('./', self.registration.scope).href : url.href.split('#')[0];
    const hit = (await app.match(key, { ignoreSearch: true })) || (isData && (await caches.open(DATA)).match(key));
    if (hit) return hit;
    const response = await fetch(request);
    if (response.ok && isData) (await caches.open(DATA)).put(key, response.clone());
    return response;
  })());
});
