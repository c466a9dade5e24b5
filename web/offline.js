// offline.js — makes a page served over http(s) work with the network gone:
// registers the service worker (sw.js) and, once the page is ready, asks it
// to keep every file this page loaded. That list comes from Resource Timing,
// so it is exactly what the page needed (HTML, CSS, modules, wasm_exec.js,
// spanmark.wasm, the samples) and no second list is kept by hand; the one
// file added is spanmark-formats.wasm, loaded on demand.
//
// Opened from file:// (the single-file build, `make dist`) there is no
// server and no service worker: nothing is registered.
//
// <html data-offline> tells the state: "off" (not served over http(s), or no
// service workers), "caching", "ready" (cached: reloads offline), "failed".

import { FORMATS_URL } from "./formats.js";

/** app.js's modules loaded on first use (lazyModule): cached with the page,
 * though this visit may never have loaded them (embed_test checks the list
 * against app.js). */
export const LAZY_MODULES = ["compare.js", "docdialog.js", "edgedrag.js", "find.js", "linkpop.js", "more.js", "relarcs.js", "schema-editor.js", "stats.js", "suggest.js"];

const root = document.documentElement;
const served = location.protocol === "http:" || location.protocol === "https:";

if (!served || !("serviceWorker" in navigator)) {
  root.dataset.offline = "off";
} else {
  whenReady().then(cacheForOffline).catch(err => {
    root.dataset.offline = "failed";
    // a warning, not an error: the page works; only offline reloads will not
    console.warn("spanmark: offline copy not made:", err && err.message || err);
  });
}

/** Resolves once the app is interactive (app.js sets <html data-ready="1">), so caching never competes with start-up. */
function whenReady() {
  return new Promise(resolve => {
    if (root.dataset.ready === "1") { resolve(); return; }
    const mo = new MutationObserver(() => {
      if (root.dataset.ready === "1") { mo.disconnect(); resolve(); }
    });
    mo.observe(root, { attributes: true, attributeFilter: ["data-ready"] });
  });
}

async function cacheForOffline() {
  root.dataset.offline = "caching";
  try {
    await navigator.serviceWorker.register("sw.js"); // also checks for a newer sw.js
  } catch (err) {
    // offline, the update check fails; the worker this page came from stays
    if (!navigator.serviceWorker.controller) throw err;
  }
  const reg = await navigator.serviceWorker.ready;
  // The page itself, the dataset formats' module, which the page loads
  // only on first export or import (formats.js), and the modules loaded on
  // first use (app.js lazyModule), which must all work offline.
  const urls = new Set([location.href.split("#")[0], new URL("./", location.href).href,
    new URL(FORMATS_URL, location.href).href, ...LAZY_MODULES.map(m => new URL(m, location.href).href)]);
  for (const e of performance.getEntriesByType("resource")) {
    const u = new URL(e.name);
    if (u.origin === location.origin) urls.add(u.href.split("#")[0]);
  }
  const reply = await new Promise((resolve, reject) => {
    const ch = new MessageChannel();
    const timer = setTimeout(() => reject(new Error("the service worker did not answer")), 60000);
    ch.port1.onmessage = e => { clearTimeout(timer); resolve(e.data); };
    // Controlled by the worker, this page's responses were all kept as they
    // came: only fill gaps. Otherwise (first visit) fetch every file again.
    reg.active.postMessage({ type: "cache", urls: [...urls], refresh: !navigator.serviceWorker.controller }, [ch.port2]);
  });
  if (!reply.ok) throw new Error("could not cache " + reply.failed.join(", "));
  root.dataset.offline = "ready";
}
