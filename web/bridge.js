// bridge.js — starts the Go core (spanmark.wasm) and wraps the global
// `spanmark` object (see spanmark.d.ts). Every call is one synchronous call
// into wasm; errors are caught here and shown, never swallowed.

import { toast, errorToast } from "./util.js";

/** @type {import("./spanmark.d.ts").Spanmark} */
export let sm = null;

export async function start(url = "spanmark.wasm") {
  const api = await runModule(url, "spanmark", () => {
    if (sm) toast("The spanmark core stopped. Export your work and reload the page.", "error", 60000);
  }, url === "spanmark.wasm" ? globalThis.spanmarkCore : null);
  sm = api;
  performance.mark("sm-api-ready"); // BenchmarkPageLoad1M: ready after the wasm bytes arrived
  busy();
  return sm;
}

// Go's collector runs when the page is quiet. In wasm a collection pauses
// the page (wasm/memory.go: 30-100 ms for a 1M-character document), and
// one that starts inside a call made from an animation frame drops
// frames: scrolling, or the frame of a new span. So once no call has come
// for a second (loading a document included, which leaves megabytes of
// garbage), and the heap has grown by a megabyte since the last
// collection, the page asks for one in idle time; the heap's own trigger
// (GOGC=400, below) is then rarely reached while someone works. Any call
// starts the second again: a collection right after an edit would also
// hold back the events that let the edit's IndexedDB write commit.
const GC_QUIET_MS = 1000, GC_MIN_GROWTH = 1 << 20;
let gcTimer = 0, gcGen = 0, lastCall = 0;

// Every call only notes its time: the timer is not reset on each one
// (clearTimeout and setTimeout in every label key's handler), it waits
// again when it finds that a call came since it was set.
function busy() {
  gcGen++;
  lastCall = performance.now();
  if (!gcTimer) gcTimer = setTimeout(quiet, GC_QUIET_MS);
}

function quiet() {
  const wait = lastCall + GC_QUIET_MS - performance.now();
  gcTimer = wait > 1 ? setTimeout(quiet, wait) : 0;
  if (!gcTimer) collectWhenIdle();
}

function collectWhenIdle() {
  const gen = gcGen;
  const idle = () => typeof requestIdleCallback === "function" ? requestIdleCallback(run) : setTimeout(run, 50);
  const run = deadline => {
    if (gen !== gcGen) return; // a call came since: busy() waits again
    // Only when the browser is really idle (no frame coming: it then offers
    // up to 50 ms); between the frames of a scroll it offers less, and the
    // collection waits.
    if (deadline && deadline.timeRemaining() < 40) { idle(); return; }
    try {
      if (sm.collectGarbage(GC_MIN_GROWTH).collected) performance.mark("sm-gc"); // for the tests
    } catch (e) {
      console.warn("spanmark: collectGarbage:", e); // not worth a message: the heap's own trigger collects anyway
    }
  };
  idle();
}

/**
 * Instantiate a Go wasm module, run it, and wait for the global it
 * registers (`spanmark` for the core; the formats module loaded next to
 * a running core registers `spanmarkFormats`, see formats.js). compiling:
 * the module's compilation, when it was started already (boot.js).
 */
export async function runModule(url, global, onExit, compiling = null) {
  if (typeof globalThis.Go !== "function") throw new Error("wasm_exec.js did not load (the Go wasm runtime is missing)");
  const go = new globalThis.Go();
  // The Go collector, tuned for a page: it runs when the heap has grown by
  // 400% (not 100%), so loading a project, which allocates several times
  // the little heap a module starts with, meets far fewer collections
  // (restoring a 1M-character project: 180 -> 115 ms), and so do edits and
  // scrolling; the memory limit makes it collect sooner on a project so
  // large that 5x its live heap would not fit.
  go.env = { ...go.env, GOGC: "400", GOMEMLIMIT: "512MiB" };
  let instance = null;
  if (compiling) {
    // if boot.js's compile failed, the paths below try again and report
    instance = await compiling.then(m => WebAssembly.instantiate(m, go.importObject), () => null);
  }
  if (!instance) {
    try {
      instance = (await WebAssembly.instantiateStreaming(fetch(url), go.importObject)).instance;
    } catch (e) {
      // a server without application/wasm: fall back to bytes
      const r = await fetch(url);
      if (!r.ok) throw new Error(`could not load ${url}: HTTP ${r.status}`);
      instance = (await WebAssembly.instantiate(await r.arrayBuffer(), go.importObject)).instance;
    }
  }
  if (global === "spanmark") performance.mark("sm-wasm-instantiated");
  const done = go.run(instance);
  if (onExit) done.then(onExit);
  // main() registers the global before it blocks; allow a few turns just in case
  for (let i = 0; i < 100 && !globalThis[global]; i++) await new Promise(r => setTimeout(r, 5));
  if (!globalThis[global]) throw new Error(`${url} did not start (no global \`${global}\`)`);
  return globalThis[global];
}

/** Call a bridge method; on error show a readable message and return undefined. */
export function call(name, ...args) {
  busy();
  try {
    return sm[name](...args);
  } catch (e) {
    errorToast(e);
    return undefined;
  }
}

/** Call a bridge method; return {value} or {error} (for inline error display). */
export function tryCall(name, ...args) {
  busy();
  try {
    return { value: sm[name](...args) };
  } catch (e) {
    return { error: e };
  }
}
