// tagger-worker.js — the entity tagger's Web Worker: it runs the tagger's
// own wasm module (spanmark-tagger.wasm, built from wasm/tagger), so that
// training (about a second on 2,000 sentences) never stalls the page.
// web/tagger.js starts it on first use and is the only one that talks to
// it: each message is {id, op, args} with op one of train, trainProject,
// crossValidate, crossValidateProject, predict, save, load, stats; each answer {id, result} or {id, error: {code, message}}.
// Offsets in and out are UTF-16 code units, as the page's; the module
// converts them to the core's code points (wasm/tagger), nowhere else.
"use strict";

importScripts("wasm_exec.js");

let ready = null;

function start() {
  if (!ready) {
    ready = (async () => {
      if (typeof self.Go !== "function") throw new Error("wasm_exec.js did not load (the Go wasm runtime is missing)");
      const go = new self.Go();
      go.env = { ...go.env, GOGC: "200", GOMEMLIMIT: "512MiB" };
      const url = "spanmark-tagger.wasm";
      let result;
      try {
        result = await WebAssembly.instantiateStreaming(fetch(url), go.importObject);
      } catch (e) {
        // a server without application/wasm: fall back to bytes
        const r = await fetch(url);
        if (!r.ok) throw new Error(`could not load ${url}: HTTP ${r.status}`);
        result = await WebAssembly.instantiate(await r.arrayBuffer(), go.importObject);
      }
      go.run(result.instance);
      for (let i = 0; i < 100 && !self.spanmarkTagger; i++) await new Promise(r => setTimeout(r, 5));
      if (!self.spanmarkTagger) throw new Error(`${url} did not start (no global spanmarkTagger)`);
      return self.spanmarkTagger;
    })();
    ready.catch(() => { ready = null; }); // a failed start may be tried again
  }
  return ready;
}

self.onmessage = async e => {
  const { id, op, args } = e.data || {};
  try {
    const api = await start();
    if (!["train", "trainProject", "crossValidate", "crossValidateProject", "predict", "save", "load", "stats"].includes(op)) throw new Error(`unknown tagger operation ${op}`);
    let r = api[op](...(args || []));
    if (typeof r === "string") r = JSON.parse(r);
    if (r && r.error && r.error.code) {
      self.postMessage({ id, error: r.error });
      return;
    }
    self.postMessage({ id, result: r }, r instanceof Uint8Array ? [r.buffer] : []);
  } catch (err) {
    self.postMessage({ id, error: { code: "internal", message: String((err && err.message) || err) } });
  }
};
