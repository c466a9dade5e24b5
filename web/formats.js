// formats.js — the dataset formats (export as, import), which live in a
// second wasm module, spanmark-formats.wasm, loaded the first time they
// are needed: the core the page starts with stays small (the formats, with
// zip and a JSON library, would add a fifth to its download), and most
// sessions only annotate.
//
// The formats module is a whole core of its own plus the formats, running
// next to the page's core as the global `spanmarkFormats`. The two share
// nothing but project files: before each export or import the formats
// module loads the core's project and undo histories (exportProject →
// loadProject, exportHistory → restoreHistory), and a committed import
// comes back the same way (stagedProject, alone or added to that project,
// → importProject). The single-file build (make dist) starts that module as
// the page's only core: then the formats are on `spanmark` itself and
// nothing is copied. The lite single file (make dist, spanmark-lite.html)
// carries the core alone and offers no formats: see lite.

import { sm, runModule } from "./bridge.js";

let loading = null;

/** The formats module's URL, named by its content (the bundle puts the
 * hash in: internal/jsbundle.Page), so a cache never pairs the core with
 * another build's formats module. offline.js caches this URL. */
export const FORMATS_URL = "spanmark-formats.wasm?v=__SPANMARK_FORMATS_HASH__";

/** The lite single file (internal/dist -lite marks its <html>): the core alone, no dataset formats. */
export const lite = document.documentElement.dataset.singleFile === "lite";
export const LITE_MESSAGE = "This is spanmark-lite.html, which has no dataset formats: it opens and exports spanmark projects (Open…, Export). " +
  "For JSONL, CoNLL, brat, doccano or Label Studio, open the project in the full spanmark.html, or convert it with the spanmark command (spanmark convert).";

/** @returns {Promise<{api: object, shared: boolean}>} the formats API, loading its module once. */
export function formatsModule() {
  if (typeof sm.exportAs === "function") return Promise.resolve({ api: sm, shared: true });
  if (lite) return Promise.reject(new Error(LITE_MESSAGE));
  if (!loading) {
    loading = runModule(FORMATS_URL, "spanmarkFormats").then(
      api => { performance.mark("sm-formats-ready"); return { api, shared: false }; }, // (for the benchmarks)
      err => { loading = null; throw new Error(`the dataset formats could not be loaded: ${err.message || err}`); });
  }
  return loading;
}

/**
 * Give the formats module the project as it is now in the core; withHistory:
 * with its undo histories too, for an "append" import, whose result
 * replaces the core's project (an export or a preview needs only the project).
 */
export function syncProject(fm, withHistory = false, known = null) {
  if (fm.shared) return null;
  // compact: read by the module, not by people (no indentation to write,
  // copy and parse: less of the pause a large project makes here)
  const json = sm.exportProject({ compact: true });
  // known: the project file the module was last given (handOverProject),
  // and has not changed since: the same bytes are the same project (the
  // file is lossless), and loading them again was most of the pause
  if (json === known) performance.mark("sm-sync-reused");
  else fm.api.loadProject(json, "the current project");
  const history = withHistory ? sm.exportHistory() : null;
  if (withHistory) fm.api.restoreHistory(history);
  return { json, history }; // what was read: the project as it is now (project-undo.js keeps it)
}

/**
 * Give the formats module the project, as syncProject does, in steps that
 * let the page paint between them (step: an async function, e.g. one
 * frame): reading the project from the core, and loading it into the
 * formats module, are each one call, and a project of 10,000 records made
 * them one pause of 2-4 s when they ran back to back. For what only reads
 * the project (an import's preview): the core may change between the
 * steps, so what must be exact (an "append" import's commit, which
 * replaces the core's project) uses syncProject, given the project file
 * returned here, which it need not load again when nothing changed. Marks
 * sm-handover-start/-read/-end in the page's timeline.
 */
export async function handOverProject(fm, step) {
  if (fm.shared) return null;
  performance.mark("sm-handover-start");
  const json = sm.exportProject({ compact: true });
  performance.mark("sm-handover-read");
  await step();
  fm.api.loadProject(json, "the current project");
  performance.mark("sm-handover-end");
  return json; // what the module has now: syncProject's known
}
