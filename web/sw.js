// sw.js — the service worker that lets a page served over http(s) reload
// with the network gone (registered by offline.js).
//
// Network first, cache as the fallback, for every same-origin GET: online,
// the page always gets what the server has now (no stale files after
// `make wasm`, no version list to keep in step), and each response is kept
// for the day the network is gone. The cache is filled up front by
// offline.js, which sends the list of files the page actually loaded.

const CACHE = "spanmark-offline-v1"; // bump only when the cache's layout changes
const PREFIX = "spanmark-offline-";

self.addEventListener("install", e => e.waitUntil(self.skipWaiting()));

self.addEventListener("activate", e => e.waitUntil((async () => {
  for (const k of await caches.keys()) if (k.startsWith(PREFIX) && k !== CACHE) await caches.delete(k);
  await self.clients.claim();
})()));

self.addEventListener("fetch", e => {
  const req = e.request;
  if (req.method !== "GET" || req.headers.has("range")) return; // the browser handles these itself
  if (new URL(req.url).origin !== self.location.origin) return; // never touch other origins
  e.respondWith(networkFirst(req, e));
});

/** Answer from the network, keeping a copy; offline, from the cache. */
async function networkFirst(req, e) {
  try {
    const resp = await fetch(req);
    if (keepable(resp)) {
      const copy = resp.clone();
      e.waitUntil(caches.open(CACHE).then(c => c.put(req.url, copy)).catch(() => {}));
    }
    return resp;
  } catch (err) {
    const hit = await cached(req);
    if (hit) return hit;
    throw err;
  }
}

async function cached(req) {
  const c = await caches.open(CACHE);
  // Vary: Accept-Encoding is the server's; a stored response is decoded already.
  const hit = await c.match(req.url, { ignoreVary: true });
  if (hit || req.mode !== "navigate") return hit;
  // a navigation with another query (?doc=…): the page itself
  return (await c.match(req.url, { ignoreVary: true, ignoreSearch: true })) ||
    c.match(new URL("./", self.registration.scope).href, { ignoreVary: true });
}

function keepable(resp) { return resp.status === 200 && resp.type === "basic"; }

// offline.js sends {type: "cache", urls, refresh} on a MessageChannel port:
// fetch and keep each same-origin URL (only the missing ones unless refresh:
// a page this worker controls has had every response kept already), then
// answer {ok, cached, failed}.
self.addEventListener("message", e => {
  const m = e.data, port = e.ports[0];
  if (!m || m.type !== "cache" || !port || !Array.isArray(m.urls)) return;
  e.waitUntil(fill(m.urls, !!m.refresh).then(
    r => port.postMessage({ ok: r.failed.length === 0, ...r }),
    err => port.postMessage({ ok: false, cached: 0, failed: [String(err)] })));
});

async function fill(urls, refresh) {
  const c = await caches.open(CACHE);
  let n = 0;
  const failed = [];
  await Promise.all(urls.map(async u => {
    const url = new URL(u, self.registration.scope);
    if (url.origin !== self.location.origin) return;
    url.hash = "";
    if (!refresh && await c.match(url.href, { ignoreVary: true })) { n++; return; }
    try {
      const resp = await fetch(url.href);
      if (!keepable(resp)) throw new Error(`HTTP ${resp.status}`);
      await c.put(url.href, resp);
      n++;
    } catch (err) {
      failed.push(`${url.pathname}: ${err.message || err}`);
    }
  }));
  // A module named by its content (spanmark-formats.wasm?v=<hash>, see
  // formats.js): the previous builds' copies are dropped once this one is kept.
  for (const u of urls) {
    const url = new URL(u, self.registration.scope);
    if (url.origin !== self.location.origin || !url.searchParams.has("v") || failed.length) continue;
    for (const k of await c.keys()) {
      const ku = new URL(k.url);
      if (ku.pathname === url.pathname && ku.search !== url.search) await c.delete(k);
    }
  }
  return { cached: n, failed };
}
