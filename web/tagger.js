// tagger.js — the entity tagger that learns in the page: a promise API over
// a Web Worker (tagger-worker.js) that runs the tagger's own wasm module.
// Nothing loads until the first call, so the tagger is never on the page's
// critical path; the worker keeps the model between calls.
//
//   train(docs, {seed, epochs}?) → stats   docs: [{text, spans: [{label, start, end}]}]
//   trainProject(json, {seed}?)  → stats and {done}: trains on a project file as the core picks
//   crossValidateDone({folds}?)  → crossValidate over that project's done documents
//   crossValidate(docs, {folds}?) → {f1, precision, recall, folds, ...}, the model kept
//   predict(text)                → [{label, start, end, score}]
//   saveModel()                  → Uint8Array (the model file, as spanmark learn writes)
//   loadModel(bytes, name?)      → stats
//   stats()                      → stats or null
//   cancel()                     stops the work under way (the model is lost)
//
// Offsets are UTF-16 code units into the text as given, like every offset
// the page holds; the module converts them to code points. stats is
// {documents, sentences, tokens, spans, skipped, features, labels}. A
// failure rejects with an Error whose code is the core's error code
// ("bad_argument" for too few spans, "unsupported_version" for a model
// from a newer spanmark, ...).

let worker = null;
let nextId = 1;
const pending = new Map();

function fail(err) {
  const e = new Error(err.message);
  e.code = err.code;
  return e;
}

function ensureWorker() {
  if (worker) return worker;
  if (location.protocol === "file:") {
    throw fail({ code: "unavailable", message: "the tagger needs the served page (make run): a page opened from disk cannot start its worker" });
  }
  worker = new Worker(new URL("tagger-worker.js", import.meta.url));
  worker.onmessage = e => {
    const { id, result, error } = e.data;
    const p = pending.get(id);
    if (!p) return;
    pending.delete(id);
    if (error) p.reject(fail(error));
    else p.resolve(result);
  };
  worker.onerror = e => {
    e.preventDefault();
    stop({ code: "internal", message: `the tagger's worker failed: ${e.message || "unknown error"}` });
  };
  return worker;
}

function stop(err) {
  if (worker) worker.terminate();
  worker = null;
  for (const p of pending.values()) p.reject(fail(err));
  pending.clear();
}

function call(op, args, transfer = []) {
  return new Promise((resolve, reject) => {
    let w;
    try {
      w = ensureWorker();
    } catch (e) {
      reject(e);
      return;
    }
    const id = nextId++;
    pending.set(id, { resolve, reject });
    w.postMessage({ id, op, args }, transfer);
  });
}

/** Train on documents and their entity spans (UTF-16 offsets); resolves to the stats. */
export function train(docs, options = {}) {
  return call("train", [docs, options]);
}

/**
 * Train on a project file (the core's exportProject) as the core picks its
 * spans, in the worker: the page hands over one string. Resolves to the
 * stats with done, the number of the project's done documents, which
 * crossValidateDone then scores on.
 */
export function trainProject(projectJSON, options = {}) {
  return call("trainProject", [projectJSON, options]);
}

/** crossValidate over the done documents of the project trainProject read last. */
export function crossValidateDone(options = {}) {
  return call("crossValidateDone", [options]);
}

/**
 * k-fold cross-validation over docs (as train takes them), with models of
 * its own: the model in use stays. options {folds (default 5), seed,
 * epochs}; resolves to {folds, documents, gold, predicted, correct,
 * untrained, precision, recall, f1} (exact-match entities).
 */
export function crossValidate(docs, options = {}) {
  return call("crossValidate", [docs, options]);
}

/** The entities the model finds in text: [{label, start, end, score}], UTF-16 offsets, in text order. */
export function predict(text) {
  return call("predict", [text]);
}

/** The trained model's file (a Uint8Array), for keeping or for spanmark suggest. */
export function saveModel() {
  return call("save", []);
}

/** Load a model file (from saveModel or spanmark learn); resolves to its stats. */
export function loadModel(bytes, name = "") {
  return call("load", [bytes, name]);
}

/** What the model was trained on, or null before training. */
export function stats() {
  return call("stats", []);
}

/** Stop whatever the worker is doing (a long training); the model is lost, the next call starts afresh. */
export function cancel() {
  stop({ code: "cancelled", message: "the tagger was stopped" });
}
