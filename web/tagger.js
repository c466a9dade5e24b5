// tagger.js — the entity tagger that learns in the page: a promise API over
// a Web Worker (tagger-worker.js) that runs the tagger's own wasm module.
// Nothing loads until the first call, so the tagger is never on the page's
// critical path; the worker keeps the model between calls, and
// cross-validations run in a second worker.
//
//   train(docs, {seed, epochs}?) → stats   docs: [{text, spans: [{label, start, end}]}]
//   trainProject(json, {seed}?)  → stats and {done}: trains on a project file as the core picks
//   crossValidate(docs, {folds}?) → {f1, precision, recall, threshold, ...}, the model kept
//   crossValidateProject(json, {folds}?) → crossValidate over a project file's done documents
//   cancelCrossValidation()      stops a cross-validation at once; the model stays
//   predict(text, {minScore}?)   → [{label, start, end, score}]
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

function fail(err) {
  const e = new Error(err.message);
  e.code = err.code;
  return e;
}

// A worker and the calls waiting on it. There are two: the model's, which
// trains and predicts, and the cross-validation's, which trains models of
// its own, so that stopping a cross-validation (terminating its worker,
// the only way to stop wasm at once) leaves the model in use alone.
class Channel {
  constructor() {
    this.worker = null;
    this.pending = new Map();
  }

  ensure() {
    if (this.worker) return this.worker;
    if (location.protocol === "file:") {
      throw fail({ code: "unavailable", message: "the tagger needs the served page (make run): a page opened from disk cannot start its worker" });
    }
    const w = new Worker(new URL("tagger-worker.js", import.meta.url));
    w.onmessage = e => {
      const { id, result, error } = e.data;
      const p = this.pending.get(id);
      if (!p) return;
      this.pending.delete(id);
      if (error) p.reject(fail(error));
      else p.resolve(result);
    };
    w.onerror = e => {
      e.preventDefault();
      this.stop({ code: "internal", message: `the tagger's worker failed: ${e.message || "unknown error"}` });
    };
    this.worker = w;
    return w;
  }

  stop(err) {
    if (this.worker) this.worker.terminate();
    this.worker = null;
    for (const p of this.pending.values()) p.reject(fail(err));
    this.pending.clear();
  }

  call(op, args, transfer = []) {
    return new Promise((resolve, reject) => {
      let w;
      try {
        w = this.ensure();
      } catch (e) {
        reject(e);
        return;
      }
      const id = nextId++;
      this.pending.set(id, { resolve, reject });
      w.postMessage({ id, op, args }, transfer);
    });
  }
}

let nextId = 1;
const main = new Channel(), cv = new Channel();
const call = (op, args, transfer) => main.call(op, args, transfer);

/** Train on documents and their entity spans (UTF-16 offsets); resolves to the stats. */
export function train(docs, options = {}) {
  return call("train", [docs, options]);
}

/**
 * Train on a project file (the core's exportProject) as the core picks its
 * spans, in the worker: the page hands over one string. Resolves to the
 * stats with done, the number of the project's done documents, which
 * crossValidateProject scores on.
 */
export function trainProject(projectJSON, options = {}) {
  return call("trainProject", [projectJSON, options]);
}

/**
 * k-fold cross-validation over docs (as train takes them), with models of
 * its own, in the cross-validation's worker: the model in use stays, and
 * cancelCrossValidation stops it at once. options {folds (default 5),
 * seed, epochs}; resolves to {folds, documents, gold, predicted, correct,
 * untrained, precision, recall, f1, threshold, above, right} (exact-match
 * entities; threshold: the score to suggest from, tagger.CVResult).
 */
export function crossValidate(docs, options = {}) {
  return cv.call("crossValidate", [docs, options]);
}

/** crossValidate over the done documents of a project file (the core's exportProject), in the cross-validation's worker. */
export function crossValidateProject(projectJSON, options = {}) {
  return cv.call("crossValidateProject", [projectJSON, options]);
}

/** Stop a cross-validation under way (it rejects with code "cancelled"); the model in use stays. */
export function cancelCrossValidation() {
  cv.stop({ code: "cancelled", message: "the cross-validation was stopped" });
}

/**
 * The entities the model finds in text: [{label, start, end, score}], UTF-16
 * offsets, in text order; options {minScore} keeps those scored at least that.
 */
export function predict(text, options = {}) {
  return call("predict", [text, options]);
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

/** Stop whatever the workers are doing (a long training); the model is lost, the next call starts afresh. */
export function cancel() {
  main.stop({ code: "cancelled", message: "the tagger was stopped" });
  cancelCrossValidation();
}
