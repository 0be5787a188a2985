// The service worker: it keeps a copy of everything the site needs (page,
// scripts, styles, engine, lessons) so the site opens with the network off,
// and swaps the whole copy when a new build is published.
//
// scripts/build fills in __BUILD__ (a hash of every precached file's
// content) and __PRECACHE__ (their addresses relative to this script). A new
// build therefore changes this script's bytes, the browser installs the new
// worker, it fills a new cache, takes over, and deletes the old caches.

/// <reference lib="webworker" />

declare const __BUILD__: string;
declare const __PRECACHE__: string[];

const sw = self as unknown as ServiceWorkerGlobalScope;

// Only caches with this prefix are ours to delete: other software on the
// same origin may keep caches of its own.
const prefix = "redisplay-";
const current = prefix + __BUILD__;

const precached = new Set(__PRECACHE__.map((u) => new URL(u, sw.location.href).href));
// The site's front page, under which both "./" and "index.html" are asked for.
const home = new URL("./", sw.location.href).href;

/** versioned says whether url carries a content hash (?v=): such a file
 * never changes, so a copy already in the HTTP cache is as good as new. */
function versioned(url: string): boolean {
  return new URL(url, sw.location.href).searchParams.has("v");
}

sw.addEventListener("install", (ev) => {
  ev.waitUntil(
    (async () => {
      const cache = await caches.open(current);
      // addAll fails as a whole if one file is missing, and then the old
      // worker and its cache stay in charge: never half a build.
      await cache.addAll(__PRECACHE__.map((u) => new Request(u, { cache: versioned(u) ? "default" : "no-cache" })));
      // The new build takes over at once rather than when every tab of the
      // old one is closed; pages already open keep what they loaded.
      await sw.skipWaiting();
    })(),
  );
});

/** stale lists the cache names an activating build must delete. */
function stale(names: string[]): string[] {
  return names.filter((n) => n.startsWith(prefix) && n !== current);
}

sw.addEventListener("activate", (ev) => {
  ev.waitUntil(
    (async () => {
      await Promise.all(stale(await caches.keys()).map((n) => caches.delete(n)));
      await sw.clients.claim();
    })(),
  );
});

/** cacheKey is the precached address that answers req, or null when the
 * network should (another origin, a file the build does not list). */
function cacheKey(req: Request): string | null {
  if (req.method !== "GET") return null;
  const url = new URL(req.url);
  if (req.mode === "navigate") {
    // A page is one page whatever its query or fragment says.
    url.search = "";
    url.hash = "";
    if (url.href === home || url.href === home + "index.html") return home;
  }
  return precached.has(url.href) ? url.href : null;
}

sw.addEventListener("fetch", (ev) => {
  const key = cacheKey(ev.request);
  if (key === null) return;
  ev.respondWith(
    (async () => {
      const cache = await caches.open(current);
      // The server varies on Accept-Encoding (precompressed files); the
      // cache holds the decoded body, which suits any request.
      const hit = await cache.match(key, { ignoreVary: true });
      return hit ?? fetch(ev.request);
    })(),
  );
});
