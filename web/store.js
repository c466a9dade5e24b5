// store.js — autosave: work is never lost.
//
// Every bridge call that changes the project is appended to a journal in
// IndexedDB at once (one small transaction, committed off the main thread;
// calls made in one task share one transaction). Start-up loads the saved
// base snapshot and replays the journal: the core is deterministic, so the
// same calls give the same ids. One tab writes (a Web Lock); a second tab
// opens read-only until it takes over. A storage failure is shown at once
// in a persistent banner with an export button, and the indicator never
// says "Saved" unless every change has been committed.
//
// Layout (database "spanmark", or "spanmark <path>" for a page opened from
// file://, see SCOPE; IndexedDB version = STORE_VERSION):
//   meta    {key: "store", storeVersion, epoch, from}     epoch fences out a tab that lost the writer role:
//                                                         journal entries from key `from` on count only
//                                                         if written in this epoch
//   base    {key: "base", json, history, source, savedAt} a project file, as the core reads it (text, or its
//                                                         bytes: an import's, Compare…'s gold project), and the
//                                                         core's undo histories and id counters (exportHistory)
//   journal auto-increment {m, a, r, e}                   method, arguments, ids it created (checked on
//                                                         replay), the writer's epoch
//
// The journal is compacted into a new base (exportProject + exportHistory,
// one transaction that also clears the journal) once it holds COMPACT_AT
// entries: at start-up after the replay, and while the user works, when the
// page is idle. Because the base carries the undo histories and id
// counters, loading it gives exactly the core's state: later entries,
// undo and redo included, replay on top of it, and undo history survives
// a reload. A project loaded, imported or created becomes the base at once.

import { sm } from "./bridge.js";
import { formatsModule } from "./formats.js";
import { h, clear, toast, describeError, download, afterPaint, num } from "./util.js";

export const STORE_VERSION = 3;
// One workspace per page: every page opened from file:// shares the one
// origin "file://", so each copy of the single file (make dist) keys its
// store, lock and channel by its own path; served pages keep the origin's.
const SCOPE = location.protocol === "file:" ? " " + location.pathname : "";
const DB = "spanmark" + SCOPE;
// Set in localStorage once this browser has opened the store: preview.js
// and a first visit's start-up read it at once, where
// indexedDB.databases() answered only after 0.5-1 s on a fresh profile
// (the core was up by then, and the preview never showed).
const OPENED = "spanmark-store-opened" + SCOPE;

/** Whether this browser may hold saved work: false when it never opened the store, true when it did or cannot tell. */
export function maySaved() {
  try { return localStorage.getItem(OPENED) !== null; } catch { return true; }
}
const LOCK = "spanmark-project" + SCOPE;
/** A journal of this many entries is compacted into a new base (at start-up, or when the page is idle). */
const COMPACT_AT = 200;
/** Bridge methods that do not change the project: never journaled. Every other method is. */
const PURE = new Set([
  "version", "collectGarbage", "exportProject", "schema", "documents", "document", "text", "snap", "countMatches",
  "spansIn", "spansAt", "span", "relationsOf", "counts", "claims", "toCodePoints", "fromCodePoints", "findDocuments",
  "suggestionsIn", "nextSuggestion", "suggestionCounts", "suggestOwnLabels", "suggestPatterns", "suggestClaims",
  "disagreements", "disagreement", // adjudication (compare.js): queries
  // what the panels, Find, Stats, the claimant chooser and Open… ask, all the time: journaled,
  // each would be written and replayed at every start, and refused in a read-only tab
  "entries", "nextWithText", "undoState", "linkCandidates", "findMatches", "stats", "isProjectFile", "newLabelColor",
  "exportHistory", "restoreHistory", // the store's own: a snapshot, and its restore after loadProject
  // the formats' methods exist on spanmark only in the single-file build
  // (see formats.js); they change the staging area, never the project
  "formats", "exportAs", "checkImportFile", "importPreview", "stagedProject", "importDiscard", "importWarm", "matchText",
  "compareWorks", "compareReport", "compareRestore", "compareFigures", // Compare…: the gold project is imported (importProject)
]);

const READ_ONLY_MSG = "spanmark is open in another tab, which saves this project. This tab is read-only: changes here are refused; it shows the other tab's changes as they are saved.";

const st = {
  app: null,
  /** "opening" | "writer" | "readonly" (another tab writes) | "failed" (storage error) | "newer" (store newer than this page)
   * | "recovery" (the saved work could not be restored: kept as it is, nothing saved until the user decides) */
  mode: "opening",
  reason: "",
  db: null,
  epoch: 0,
  saved: null,        // {base, journal} read at start-up
  source: "",         // where the project came from: "samples", "url:/x.json", "file:x.json", …
  pending: [],        // entries not yet handed to IndexedDB
  queued: false,
  inflight: 0,
  journaling: 0,      // journal transactions committing
  unsaved: 0,         // changes made while nothing could be saved
  orig: {},           // the unwrapped bridge methods
  release: null,      // resolves our Web Lock
  bc: null,
  warn: "",           // replay problems, shown in the banner
  since: 0,           // when the oldest pending entry was made
  logged: 0,          // journal entries since the base (saved or pending)
  compactTimer: 0,
  lat: [],            // from a batch's first change to its commit, ms (for the benchmark)
};

// ---------- start-up ----------

/**
 * Start-up, while the wasm compiles: open the store (upgrading an older
 * one), try to become the writer, read the saved project. source names what
 * the page was asked to open ("samples" or "url:/path.json").
 */
export function open(app, source) {
  st.app = app;
  st.source = source;
  addEventListener("pagehide", () => flush(true));
  document.addEventListener("visibilitychange", () => { if (document.visibilityState === "hidden") flush(true); });
  addEventListener("beforeunload", e => { if (st.unsaved > 0 || (st.mode === "opening" && st.pending.length)) e.preventDefault(); }); // changes that could not be saved (yet)
  if (typeof BroadcastChannel === "function") {
    st.bc = new BroadcastChannel("spanmark-store" + SCOPE);
    st.bc.onmessage = e => {
      if (e.data && e.data.type === "takeover" && st.mode === "writer") lost("Another tab took over editing");
      if (e.data && e.data.type === "saved" && st.mode === "readonly") followSoon();
    };
  }
  render();
  return openAll().catch(err => fail(err, true));
}

async function openAll() {
  if (typeof indexedDB === "undefined" || !indexedDB) throw storageError("this browser gives the page no storage (IndexedDB is unavailable, e.g. in a private window)");
  st.db = await openDB();
  if (!st.db) return; // newer store: said so
  try { localStorage.setItem(OPENED, "1"); } catch { /* maySaved then says true: no preview */ }
  st.db.onversionchange = () => {
    st.db.close(); st.db = null;
    // the newer page saves from now on: it must get the writer role (it
    // waits for this lock), or neither tab would save
    if (st.release) { st.release(); st.release = null; }
    fail(storageError("a newer spanmark page opened the saved data and saves it from now on, so this tab stopped saving; reload it"));
  };
  st.db.onclose = () => { if (st.mode === "writer") fail(storageError("the browser closed the storage (disk error or site data cleared)")); };
  const writer = await lock({ ifAvailable: true });
  st.saved = writer ? await claim() : await read();
  if (writer && SCOPE && !st.saved.base && !st.saved.journal.length) st.saved = await adoptShared() || st.saved;
  if (st.mode === "newer" || st.mode === "failed") return;
  if (writer) {
    st.mode = "writer";
    banner("", []); // e.g. a "close the other tab" note while an upgrade was blocked
    if (st.bc) st.bc.postMessage({ type: "takeover" }); // without Web Locks, an older writer learns here
  } else {
    readOnly(READ_ONLY_MSG);
  }
  render();
  if (!writer) waitForRole();
}

/**
 * A copy of the single file opened for the first time since stores were
 * keyed by path takes over the work that the single file saved under the
 * shared key ("spanmark") before, if no other copy has: it is copied into
 * this copy's store and the shared store is marked as adopted (kept, not
 * deleted). Resolves with what was copied ({base, journal}), or null.
 */
async function adoptShared() {
  try {
    if (typeof indexedDB.databases !== "function") return null;
    if (!(await indexedDB.databases()).some(d => d.name === "spanmark")) return null;
    const old = await new Promise((resolve, reject) => {
      const r = indexedDB.open("spanmark"); // its own version: never upgraded (or created) here
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
      r.onupgradeneeded = () => { r.transaction.abort(); };
    });
    const inOld = (mode, body) => new Promise((resolve, reject) => {
      const tx = old.transaction(["meta", "base", "journal"], mode);
      const out = body(tx);
      tx.oncomplete = () => resolve(out);
      tx.onabort = () => reject(tx.err || tx.error);
    });
    let got, journal;
    try {
      if (!["meta", "base", "journal"].every(n => old.objectStoreNames.contains(n))) return null;
      got = await inOld("readonly", tx => {
        const out = {};
        ok(tx, tx.objectStore("meta").get("store"), m => {
          if (!m || m.adoptedBy || m.storeVersion > STORE_VERSION) return;
          out.meta = m;
          readInto(tx, out);
        });
        return out;
      });
      if (!got.meta || !got.base) return null;
      // copied first, then marked: a failure between leaves the shared
      // work unmarked (another copy may take it), never lost
      journal = got.journal.map(e => ({ ...e, e: st.epoch }));
      await txn(["base", "journal"], "readwrite", tx => {
        tx.objectStore("base").put({ ...got.base, key: "base" });
        for (const e of journal) tx.objectStore("journal").add(e);
      });
      await inOld("readwrite", tx => { tx.objectStore("meta").put({ ...got.meta, adoptedBy: location.pathname, adoptedAt: Date.now() }); });
    } finally { old.close(); }
    toast("The work this single file saved before (shared by every copy until now) is now this copy's workspace.", "ok", 8000);
    return { base: got.base, journal };
  } catch (err) {
    console.warn("spanmark: the work saved before by the single file could not be taken over:", err);
    return null;
  }
}

/**
 * A tab that opened read-only queues for the writer role: when the writer
 * closes, or stops saving because a newer page upgraded the store, this
 * tab takes over with the latest saved project, so that one tab always
 * saves. (A tab that lost the role to a Take over does not: it keeps the
 * read-only view until its user takes over again.)
 */
function waitForRole() {
  if (!navigator.locks || st.waiting) return;
  st.waiting = true;
  navigator.locks.request(LOCK, () => {
    st.waiting = false;
    if (st.mode !== "readonly" || !st.db) return null; // writing already (Take over) or unable to: let it go
    return new Promise(r => {
      st.release = r;
      becomeWriter().then(ok => {
        if (ok) toast("The tab that saved this project has closed or stopped saving: this tab now saves it.", "ok", 8000);
      });
    });
  }).catch(() => { st.waiting = false; });
}

function openDB() {
  return new Promise((resolve, reject) => {
    let req;
    try { req = indexedDB.open(DB, STORE_VERSION); } catch (e) { reject(e); return; }
    let vtx = null;
    req.onupgradeneeded = e => {
      vtx = req.transaction;
      try { upgrade(req.result, vtx, e.oldVersion); } catch (err) { vtx.err = err; vtx.abort(); }
    };
    req.onblocked = () => banner("Another spanmark tab still uses the older saved data: close it to finish the upgrade.", []);
    req.onerror = e => {
      e.preventDefault();
      if (req.error && req.error.name === "VersionError") { newer().then(() => resolve(null), reject); return; }
      reject((vtx && vtx.err) || req.error || new Error("could not open the browser storage"));
    };
    req.onsuccess = () => {
      const db = req.result;
      const tx = db.transaction("meta", "readonly");
      const g = tx.objectStore("meta").get("store");
      g.onsuccess = () => {
        const v = g.result && g.result.storeVersion;
        if (v > STORE_VERSION) { db.close(); refuseNewer(v); resolve(null); return; }
        resolve(db);
      };
      g.onerror = () => reject(g.error);
    };
  });
}

/**
 * The upgrade path, one step per version, inside IndexedDB's versionchange
 * transaction (all or nothing). A new database walks every step.
 *   v1: meta + project {id: "current", json, savedAt} (the whole project, rewritten on each save)
 *   v2: meta + base + journal (the project once, then each change)
 *   v3: base.history (the undo histories and id counters next to the project)
 */
function upgrade(db, tx, old) {
  if (old < 1) {
    db.createObjectStore("meta", { keyPath: "key" });
    db.createObjectStore("project", { keyPath: "id" });
    tx.objectStore("meta").put({ key: "store", storeVersion: 1, epoch: 0 });
  }
  if (old < 2) {
    const base = db.createObjectStore("base", { keyPath: "key" });
    db.createObjectStore("journal", { autoIncrement: true });
    ok(tx, tx.objectStore("project").get("current"), p => {
      if (p && typeof p.json === "string") base.put({ key: "base", json: p.json, source: "v1", savedAt: p.savedAt || 0 });
      db.deleteObjectStore("project");
    });
  }
  // v3 adds base.history (the undo histories): a v2 base has none and loads
  // as it did; the version keeps a v2 page, which would ignore them and
  // could not replay an undo journaled after a compaction, out of a v3 store.
  //
  // The version is written once, last (requests run in the order made).
  const meta = tx.objectStore("meta");
  ok(tx, meta.get("store"), m => meta.put({ ...(m || { key: "store", epoch: 0 }), storeVersion: STORE_VERSION }));
}

/** The store is newer than this page: read its version (to say so), touch nothing. */
function newer() {
  return new Promise(resolve => {
    const req = indexedDB.open(DB);
    req.onsuccess = () => {
      const db = req.result;
      let v = db.version;
      try {
        const g = db.transaction("meta", "readonly").objectStore("meta").get("store");
        g.onsuccess = () => { if (g.result && g.result.storeVersion) v = g.result.storeVersion; db.close(); refuseNewer(v); resolve(); };
        g.onerror = () => { db.close(); refuseNewer(v); resolve(); };
      } catch { db.close(); refuseNewer(v); resolve(); }
    };
    req.onerror = () => { refuseNewer("unknown"); resolve(); };
  });
}

function refuseNewer(v) {
  st.mode = "newer";
  st.reason = "saved by a newer spanmark";
  banner(`The work saved in this browser was written by a newer version of spanmark (store version ${v}); this page understands store version ${STORE_VERSION} and will not read or overwrite it. Changes made here are NOT saved: export them, or open the newer spanmark.`, ["export"]);
  render();
}

/**
 * Become the writer: bump the epoch (fencing out the previous writer) and
 * read the project, in one transaction. Entries a previous writer wrote
 * after it lost the role are deleted, and the new epoch's entries start
 * after the last key kept.
 */
function claim() {
  return txn(["meta", "base", "journal"], "readwrite", tx => {
    const out = {};
    readInto(tx, out, (rec, stale, last) => {
      const journal = tx.objectStore("journal");
      for (const k of stale) journal.delete(k);
      st.epoch = (rec.epoch || 0) + 1;
      tx.objectStore("meta").put({ ...rec, epoch: st.epoch, from: last + 1 });
    });
    return out;
  });
}

function read() {
  return txn(["meta", "base", "journal"], "readonly", tx => { const out = {}; readInto(tx, out); return out; });
}

/**
 * Read the base and the journal entries that count into out. An entry
 * counts if it comes before the current epoch's first key, or was written
 * in the current epoch (or by a page from before epochs were written in
 * entries). then(meta, stale keys, last key kept or -1), in the transaction.
 */
function readInto(tx, out, then) {
  let rec, entries;
  ok(tx, tx.objectStore("meta").get("store"), r => { rec = r || { key: "store", storeVersion: STORE_VERSION, epoch: 0 }; });
  ok(tx, tx.objectStore("base").get("base"), r => { out.base = r || null; });
  const journal = tx.objectStore("journal");
  ok(tx, journal.getAll(), r => { entries = r || []; });
  ok(tx, journal.getAllKeys(), keys => {
    const from = rec.from ?? Infinity, stale = [];
    let last = -1;
    out.journal = [];
    keys.forEach((k, i) => {
      const e = entries[i];
      if (k < from || e.e === undefined || e.e === rec.epoch) { out.journal.push(e); last = k; } else stale.push(k);
    });
    if (then) then(rec, stale, last);
  });
}

/** req.onsuccess = fn(result); an exception in fn aborts the transaction with that error (not an uncaught exception). */
function ok(tx, req, fn) {
  req.onsuccess = () => {
    try { fn(req.result); } catch (e) { tx.err = e; try { tx.abort(); } catch { /* already aborted */ } }
  };
}

/** Run body(tx) in a transaction; resolve with its result once committed. */
function txn(stores, mode, body) {
  return new Promise((resolve, reject) => {
    const tx = st.db.transaction(stores, mode, { durability: "strict" });
    let out;
    try { out = body(tx); } catch (e) { try { tx.abort(); } catch { /* already aborted */ } reject(e); return; }
    tx.oncomplete = () => resolve(out);
    tx.onabort = () => reject(tx.err || tx.error || storageError("the browser aborted the save"));
  });
}

/** Abort tx unless this tab is still the writer (its epoch is the store's). */
function fence(tx) {
  ok(tx, tx.objectStore("meta").get("store"), m => {
    if (!m || m.epoch !== st.epoch) { tx.fenced = true; tx.abort(); }
  });
}

/**
 * Once open() has resolved: whether restore() will load the saved project
 * without asking (it was saved from what the page was asked to open), so
 * the page need not fetch that file at all.
 */
export function restoresSaved() {
  const s = st.saved;
  return !!(s && s.base) && (!st.source.startsWith("url:") || s.base.source === st.source);
}

/**
 * After the core has started: load the saved project into it (base, then
 * the journal replayed). Returns true when it did; false when there is
 * nothing saved (or the page was asked to open another project), and the
 * page opens what it was asked to.
 */
export async function restore(opened) {
  await opened;
  const s = st.saved;
  if (!s || !s.base) return false;
  if (st.early && (st.pending.length || st.unsaved)) { keepBoth(); return false; }
  if (typeof s.base.json !== "string" && !(s.base.json instanceof Uint8Array)) throw new Error("the saved project is not a project file (" + (s.base.json === undefined ? "missing" : typeof s.base.json) + ")");
  if (st.source.startsWith("url:") && s.base.source !== st.source) {
    const when = s.base.savedAt ? new Date(s.base.savedAt).toLocaleString() : "earlier";
    if (confirm(`This link opens ${st.source.slice(4)}, which replaces the project saved in this browser (${when}). Replace it? Cancel keeps the saved project.`)) return false;
  }
  st.source = s.base.source;
  await regexReplay(s.journal);
  load(s);
  return true;
}

// A journal written before the core left regexp out (regex.js) may hold
// labelAll calls with a regular expression, which this core refuses: they
// replay as the page now does them, their matches from the formats module
// (loaded for that alone, as on a regex label-all) labelled by labelMatches:
// the same spans, ids and undo step.
let regexApi = null;

async function regexReplay(journal) {
  if (regexApi || typeof sm.matchText === "function") return;
  if (!journal.some(e => e.m === "labelAll" && e.a && e.a[1] && e.a[1].regex)) return;
  try { regexApi = (await formatsModule()).api; } catch { /* those entries fail to replay, and the banner says so */ }
}

/** Replay one journal entry through core (the unwrapped methods). */
function replay(core, e) {
  const o = e.m === "labelAll" && e.a && e.a[1];
  if (o && o.regex && typeof sm.matchText !== "function" && regexApi) {
    return core("labelMatches")(e.a[0], o, regexApi.matchText(core("text")(e.a[0]), o));
  }
  return core(e.m)(...e.a);
}

/**
 * The saved work could not be restored (load threw: a base the core
 * refuses, or the page failing to show what it loaded): the page starts
 * empty instead of not at all, and the saved data stays exactly as it was
 * (nothing is saved over it) until the user downloads it or sets it aside.
 */
export function notRestored(err) {
  st.mode = "recovery";
  st.reason = "saved work not restored";
  st.restoreError = describeError(err);
  st.warn = "";
  const when = st.saved && st.saved.base && st.saved.base.savedAt ? ` (saved ${new Date(st.saved.base.savedAt).toLocaleString()})` : "";
  banner(`The work saved in this browser${when} could not be restored: ${st.restoreError}. It is kept as it is. ` +
    "Download it to keep a copy, then start with an empty project: the saved data is set aside (not deleted), and what you do from then on is saved. " +
    "Until then nothing is saved.", ["download", "aside"]);
  render();
}

/**
 * A first visit (beginEarly) whose store turns out to hold saved work (a
 * page older than the maySaved flag saved it), found only once the user had
 * changed the project opened here: neither replaces the other. The page
 * keeps its project, the store keeps the saved data as it is, and nothing
 * is saved until the user downloads it or sets it aside (the page's
 * project, changes included, then becomes the base).
 */
function keepBoth() {
  st.mode = "recovery";
  st.reason = "saved work found";
  st.unsaved += st.pending.length; // in the core, saved by "Set aside"
  st.pending = [];
  st.restoreError = "found after this page's project was changed";
  const when = st.saved.base.savedAt ? ` (saved ${new Date(st.saved.base.savedAt).toLocaleString()})` : "";
  banner(`Work saved earlier in this browser${when} was found after you changed this project. Both are kept. Download the saved work to keep it, then set it aside to save this project from then on; until then nothing is saved.`, ["download", "aside"]);
  render();
}

/** The saved data as read at start-up, as it is: the base record (its project file text untouched) and the journal. */
function savedData() {
  const s = st.saved || {};
  // bytes (a .txt added as a file) as base64, so that nothing is lost in JSON
  // (a project file kept as its bytes, Compare…'s gold project, as its text)
  const bytes = (k, v) => !(v instanceof Uint8Array) ? v : k === "json" ? new TextDecoder().decode(v) : { $bytes: b64(v) };
  return JSON.stringify({ spanmark_saved_data: 1, readAt: new Date().toISOString(), error: st.restoreError || st.warn || "",
    base: s.base || null, journal: s.journal || [] }, bytes, 1);
}

function b64(u8) {
  let out = "";
  for (let i = 0; i < u8.length; i += 0x8000) out += String.fromCharCode.apply(null, u8.subarray(i, i + 0x8000)); // bounded chunks: no stack overflow
  return btoa(out);
}

function downloadSaved() {
  download("spanmark-saved-data.json", savedData());
  toast("Downloaded the saved data as it is (spanmark-saved-data.json: the project file under \"base\".\"json\", the changes after it under \"journal\").", "ok", 8000);
}

/**
 * Start afresh: the saved data moves aside (a record "aside:<time>" next to
 * the base, never read again by the page) and the project now in the page
 * becomes the base, in one transaction.
 */
async function setAside() {
  if (st.mode !== "recovery" || !st.db) return;
  const core = name => st.orig[name] || sm[name];
  const json = core("exportProject")({ compact: true }), history = core("exportHistory")();
  const s = st.saved || {};
  try {
    await txn(["meta", "base", "journal"], "readwrite", tx => {
      const bs = tx.objectStore("base");
      bs.put({ key: "aside:" + new Date().toISOString(), base: s.base || null, journal: s.journal || [], error: st.restoreError, keptAt: Date.now() });
      bs.put({ key: "base", json, history, source: st.source, savedAt: Date.now() });
      tx.objectStore("journal").clear();
      fence(tx);
    });
  } catch (err) {
    toast("Could not set the saved data aside: " + describeError(err) + ". Nothing was changed.", "error");
    return;
  }
  st.mode = "writer";
  st.unsaved = 0;
  st.pending = [];
  st.logged = 0;
  st.saved = { base: null, journal: [] };
  banner("", []);
  render();
  toast("The saved data is set aside in this browser; from now on your work is saved.", "ok");
}

/** The records set aside by earlier recoveries (for the console and tests). */
function asides() {
  return txn(["base"], "readonly", tx => {
    const out = [];
    ok(tx, tx.objectStore("base").getAll(), r => { for (const x of r || []) if (String(x.key).startsWith("aside:")) out.push(x); });
    return out;
  });
}

/** Load base + journal into the core (the unwrapped methods: nothing is journaled again). */
function load(s) {
  const core = name => st.orig[name] || sm[name];
  const t0 = performance.now();
  core("loadProject")(s.base.json, "autosave");
  let failed = 0, differ = 0, first = "";
  if (s.base.history) {
    try {
      core("restoreHistory")(s.base.history);
    } catch (err) {
      // the project is whole; only undo (and replaying an undo) can suffer
      failed++;
      first = `the undo history: ${describeError(err)}`;
    }
  }
  for (const e of s.journal) {
    try {
      const r = replay(core, e);
      if (e.r !== undefined && idsOf(r) !== e.r) { differ++; first ||= `${e.m} gave other ids`; }
    } catch (err) {
      failed++;
      first ||= `${e.m}: ${describeError(err)}`;
    }
  }
  performance.measure("sm-restore", { start: t0, end: performance.now(), detail: { journal: s.journal.length } });
  st.shown = { savedAt: s.base.savedAt, n: s.journal.length };
  st.warn = "";
  st.logged = s.journal.length;
  if (failed || differ) {
    // Keep the records as they are: replay is deterministic, so what was
    // restored now is restored again, and new entries replay on top of it.
    st.warn = `${num(failed + differ)} of the ${num(s.journal.length)} saved changes did not replay as recorded (first: ${first}). Check the project and export it.`;
    return;
  }
  if (st.mode === "writer" && s.journal.length >= COMPACT_AT) compact();
}

/**
 * Store the core's state as the new base and clear the journal. The
 * export takes a moment on a long article (about 0.1 s for a million
 * characters), so while the user works it waits for an idle moment.
 */
function compact() {
  clearTimeout(st.compactTimer);
  st.compactTimer = 0;
  if (st.mode !== "writer" || st.logged < COMPACT_AT) return;
  const core = name => st.orig[name] || sm[name];
  const t0 = performance.now();
  const json = core("exportProject")({ compact: true }), history = core("exportHistory")();
  writeBase(json, history);
  performance.measure("sm-compact", { start: t0, end: performance.now(), detail: { entries: st.logged } });
}

function compactSoon() {
  if (st.compactTimer || st.mode !== "writer") return;
  // after two quiet seconds, in idle time: never in the middle of a burst of labelling
  const idle = globalThis.requestIdleCallback || (f => setTimeout(f, 0));
  st.compactTimer = setTimeout(() => idle(compact, { timeout: 2000 }), 2000);
}

/**
 * The page is showing its project: journal every change from now on. When
 * nothing was restored, the project now in the core becomes the saved base
 * (json: the exact text just loaded, to skip an export).
 */
export function begin(restored, json) {
  wrap();
  if (st.warn) banner(st.warn, ["export", "download"]);
  const early = st.pending.length + st.unsaved; // changes made before the store opened (beginEarly)
  if (st.early && early && !restored) {
    // the core holds them: its state is the base (an export), not the file as loaded
    if (st.mode === "writer") { st.unsaved = 0; replaceAll(); } else if (st.mode !== "recovery") { st.pending = []; st.unsaved = early; }
  } else if (!restored && (st.mode === "writer")) replaceAll(json);
  st.early = false;
  render();
}

/** The core's method name as it is, never journaled (for a project the store does not keep). */
export function unjournaled(name) { return st.orig[name] || sm[name]; }

/**
 * A first visit (maySaved false) shows the project it opened before the
 * store has opened (on a fresh profile that took 100-700 ms after the
 * core, the last thing start-up waited for): from now on changes are
 * journaled, the entries kept in memory until the store is open; begin()
 * then saves the project (with them, if any) as the base. A change is
 * never lost: closing the page before then asks first (beforeunload), and
 * a saved project found in the store then is not restored over them
 * (restore: both are kept, the user decides).
 */
export function beginEarly() {
  st.early = true;
  wrap();
}

function wrap() {
  for (const name of Object.keys(sm)) {
    const f = sm[name];
    if (typeof f !== "function" || PURE.has(name) || st.orig[name]) continue;
    st.orig[name] = f;
    sm[name] = function (...args) {
      if (args.some(a => a && typeof a === "object" && a.dryRun === true)) return f.apply(this, args); // changes nothing
      if (st.mode === "readonly") throw readOnlyError();
      const r = f.apply(this, args);
      // a project opened from disk comes as its bytes: the core's state is saved instead
      if (name === "loadProject") { st.source = "file:" + (args[1] || ""); replaceAll(typeof args[0] === "string" ? args[0] : undefined); }
      else if (name === "newProject") { st.source = "new"; replaceAll(); }
      // without undo histories, the text imported is the project as saved (skips an export: 4 MB for a million characters)
      // (or its bytes: an import's, Compare…'s gold project, kept as they are)
      else if (name === "importProject") { st.source = "import"; replaceAll(!args[2] && (typeof args[0] === "string" || args[0] instanceof Uint8Array) ? args[0] : undefined); }
      // the deleted document it puts back is in memory only: a replay after a compaction could not find it
      else if (name === "restoreDocument") replaceAll();
      else record(name, args, r);
      return r;
    };
  }
}

function readOnlyError() {
  const e = new Error("This tab is read-only: spanmark is open in another tab, which saves the project. Press “Take over” to edit here.");
  e.code = "read_only";
  return e;
}

/** The ids a call created, to check a replay against: span and relation ids, or a document id. */
function idsOf(r) {
  if (!r || typeof r !== "object") return "";
  const cv = r.change || r;
  if (Array.isArray(cv.added)) return cv.added.map(s => s.id).concat((cv.relationsAdded || []).map(x => x.id)).join(" ");
  return typeof r.id === "string" ? r.id : "";
}

// ---------- writing ----------

function record(name, args, r) {
  if (st.mode !== "writer" && !(st.mode === "opening" && st.early)) { st.unsaved++; render(); return; }
  if (!st.pending.length) st.since = performance.now();
  st.pending.push({ m: name, a: args, r: idsOf(r), e: st.epoch });
  if (++st.logged >= COMPACT_AT) {
    clearTimeout(st.compactTimer); // restart the quiet period
    st.compactTimer = 0;
    compactSoon();
  }
  if (st.queued) return;
  st.queued = true;
  // "Saving…" at once (once the caller has finished: its DOM work is not
  // preceded by a write), in the frame that shows the change: the
  // indicator never says "Saved" while a change is not committed.
  queueMicrotask(render);
  // The journal write is issued right after that frame, not before it: a
  // label key's frame waited for it (the transaction, its entry and commit
  // were ~0.6 ms of the key handler's thread time on the 1M article,
  // BenchmarkAddSpanPaint). A page going away or hidden in between flushes
  // at once (pagehide, visibilitychange: flush(true)), so a reload right
  // after a change keeps it; a hidden page, which gets no frames, writes
  // in this task as before.
  if (document.visibilityState === "hidden") queueMicrotask(flush);
  else afterPaint(flush); // first in the queue: before the panels the change updates
}

/**
 * Hand the pending entries to IndexedDB. While a journal transaction is
 * committing, new entries wait for it and then go together (group commit:
 * a slow disk makes transactions bigger, not later). now: issue at once
 * regardless (pagehide, hidden).
 */
export function flush(now) {
  st.queued = false;
  if (!st.pending.length || st.mode !== "writer" || !st.db) return;
  if (st.journaling && now !== true) { render(); return; } // its oncomplete flushes

  const batch = st.pending;
  st.pending = [];
  let tx;
  try {
    tx = st.db.transaction(["meta", "journal"], "readwrite", { durability: "strict" });
    const j = tx.objectStore("journal");
    for (const e of batch) j.add(e);
    // Committed at once, without a result coming back to the page first:
    // a transaction still waiting for one is aborted by a reload, and a
    // reload right after a change must keep it. So the epoch is only
    // checked, not enforced, here: an entry written by a tab that lost the
    // writer role carries its old epoch and the next claim drops it.
    ok(tx, tx.objectStore("meta").get("store"), m => { if (!m || m.epoch !== st.epoch) tx.fenced = true; });
    if (typeof tx.commit === "function") tx.commit();
  } catch (err) {
    try { if (tx) tx.abort(); } catch { /* already aborted */ }
    st.unsaved += batch.length;
    fail(err);
    return;
  }
  st.inflight++;
  st.journaling++;
  const t0 = st.since;
  tx.oncomplete = () => {
    st.inflight--; st.journaling--;
    if (tx.fenced) { st.unsaved += batch.length; lost("Another tab took over editing"); return; } // written, never replayed
    st.lat.push(performance.now() - t0); if (st.lat.length > 500) st.lat.shift();
    saved();
    flush();
    render();
  };
  tx.onabort = () => {
    st.inflight--; st.journaling--;
    st.unsaved += batch.length;
    fail(tx.err || tx.error || storageError("the browser aborted the save"));
  };
  // "Saving…" at once, in the frame that shows the change: the indicator
  // never says "Saved" while a write is still committing, as a reload then
  // can lose it (TestStoreReload checks the indicator)
  render();
}

/**
 * The core now holds the project to keep: store it as the new base (with
 * the undo histories and id counters) and clear the journal, in one
 * transaction (a failed import never gets here, and an interrupted one
 * leaves the previous base and journal intact). json: the exact text (or
 * bytes) the core just loaded (a fresh load has no history), to skip an export.
 * Resolves true once committed, false when it could not be saved (said in the banner).
 */
export function replaceAll(json) {
  const core = name => st.orig[name] || sm[name];
  if (json === undefined) return writeBase(core("exportProject")({ compact: true }), core("exportHistory")());
  return writeBase(json, "");
}

function writeBase(json, history) {
  if (!st.db || (st.mode !== "writer" && st.mode !== "failed")) { if (st.mode !== "readonly") st.unsaved++; render(); return Promise.resolve(false); }
  st.pending = []; // the base holds them
  st.logged = 0;
  clearTimeout(st.compactTimer);
  st.compactTimer = 0;
  st.inflight++;
  render();
  let t;
  return txn(["meta", "base", "journal"], "readwrite", tx => {
    t = tx;
    tx.objectStore("base").put({ key: "base", json, history, source: st.source, savedAt: Date.now() });
    tx.objectStore("journal").clear();
    fence(tx);
  }).then(() => {
    st.inflight--;
    if (st.mode === "failed") { st.mode = "writer"; st.unsaved = 0; banner(st.warn, st.warn ? ["export"] : []); }
    saved();
    render();
    return true;
  }, err => {
    st.inflight--;
    if (t && t.fenced) lost("Another tab took over editing"); else fail(err);
    return false;
  });
}

// ---------- following the writer (a read-only tab) ----------

/** The writer committed a change: a read-only tab reads it (see follow). */
function saved() {
  if (st.bc) st.bc.postMessage({ type: "saved" });
}

/** Show the project the core now holds where the reader was: the same document, scrolled as it was. */
function showAgain(app) {
  const top = app.scroller.scrollTop;
  app.afterProjectChange(app.docId);
  app.scroller.scrollTop = top;
  app.updateWindow(true);
  app.painter.flush();
}

function followSoon() {
  clearTimeout(st.followTimer);
  st.followTimer = setTimeout(follow, 150); // a burst of changes: one read
}

/**
 * A read-only tab shows what the writer saves: the journal entries written
 * since what it shows are replayed (deterministic: the same ids), or the
 * whole saved project is loaded when the writer wrote a new base (a
 * compaction, a project opened or imported). If that fails, the banner says
 * the tab shows a stale copy. Exports here are then the saved project.
 */
async function follow() {
  if (st.mode !== "readonly" || !st.db || !st.app) return;
  if (st.following) { st.followAgain = true; return; }
  st.following = true;
  try {
    const s = await read();
    if (st.mode !== "readonly" || !s.base) return;
    const sh = st.shown;
    if (sh && sh.savedAt === s.base.savedAt && s.journal.length >= sh.n) {
      if (s.journal.length === sh.n) return;
      const core = name => st.orig[name] || sm[name];
      await regexReplay(s.journal.slice(sh.n));
      for (const e of s.journal.slice(sh.n)) {
        try { replay(core, e); } catch { /* as at start-up: an entry that fails changes nothing */ }
      }
      st.shown = { savedAt: sh.savedAt, n: s.journal.length };
    } else {
      st.saved = s;
      await regexReplay(s.journal);
      load(s);
    }
    showAgain(st.app);
    if (st.staleSince) { st.staleSince = 0; banner(READ_ONLY_MSG, ["takeover", "export"]); }
  } catch (err) {
    st.staleSince ||= Date.now();
    banner(`This tab is read-only and shows the project as it was at ${new Date(st.staleSince).toLocaleTimeString()}: the other tab has saved changes since, which this tab could not read (${describeError(err)}). Take over, or reload, to see them.`, ["takeover", "export"]);
  } finally {
    st.following = false;
    if (st.followAgain) { st.followAgain = false; followSoon(); }
  }
}

// ---------- roles ----------

function lock(opts) {
  if (!navigator.locks) return Promise.resolve(true); // no Web Locks: the epoch fence and the channel still stop a silent overwrite
  return new Promise(resolve => {
    navigator.locks.request(LOCK, opts, l => {
      if (!l) { resolve(false); return null; }
      resolve(true);
      return new Promise(r => { st.release = r; });
    }).catch(() => { if (st.mode === "writer") lost("Another tab took over editing"); });
  });
}

function readOnly(msg) {
  st.mode = "readonly";
  st.reason = "open in another tab";
  banner(msg, ["takeover", "export"]);
  render();
}

function lost(why) {
  if (st.mode !== "writer") return;
  if (st.release) { st.release(); st.release = null; }
  st.pending = [];
  const n = st.unsaved;
  readOnly(`${why}. This tab is now read-only${n ? `; its last ${n === 1 ? "change was" : num(n) + " changes were"} not saved` : ""}. Press “Take over” to edit here again (the latest saved project is loaded).`);
}

/** Take the writer role from another tab, then load the latest saved project. */
export async function takeOver() {
  if (st.mode !== "readonly" || !st.db) return;
  if (st.bc) st.bc.postMessage({ type: "takeover" });
  await lock({ steal: true });
  if (await becomeWriter()) toast("This tab now saves the project; the other tab is read-only.", "ok");
}

/** Holding the lock: claim the store and load the latest saved project. Resolves true once this tab saves. */
async function becomeWriter() {
  try {
    st.saved = await claim();
  } catch (err) { fail(err); return false; }
  st.mode = "writer";
  st.unsaved = 0;
  if (st.saved.base) load(st.saved);
  else replaceAll();
  banner(st.warn, st.warn ? ["export", "download"] : []);
  render();
  if (st.app) st.app.afterProjectChange(st.app.docId);
  return true;
}

// ---------- failures ----------

function storageError(msg) {
  const e = new Error(msg);
  e.name = "StorageError";
  return e;
}

/** Saving failed (opening: the store could not be opened at all). */
function fail(err, opening) {
  if (st.mode === "newer") return;
  st.mode = "failed";
  st.pending = [];
  const name = err && err.name;
  let why;
  if (name === "QuotaExceededError") { why = "the browser's storage for this page is full"; st.reason = "storage full"; }
  else if (name === "StorageError") { why = err.message; st.reason = opening ? "storage unavailable" : "storage error"; }
  else if (opening) { why = `the browser storage cannot be opened (${describeError(err)})`; st.reason = "storage unavailable"; }
  else { why = `the browser storage failed (${describeError(err)})`; st.reason = "storage error"; }
  banner(`Your work is NOT being saved: ${why}. Export the project to keep it${st.db ? ", or free some space and try again" : ""}.`, st.db ? ["export", "retry"] : ["export"]);
  render();
}

// ---------- what the page shows ----------

function render() {
  const el = document.getElementById("save-state");
  if (!el) return;
  let state, text;
  switch (st.mode) {
    case "writer": [state, text] = st.pending.length || st.inflight ? ["saving", "Saving…"] : ["saved", "Saved"]; break;
    // (short, in the box "Saved" takes: the page is interactive while the store opens, and a wider
    // indicator then narrowing moved the article under the user's pointer)
    case "opening": [state, text] = ["opening", "Opening…"]; break;
    case "readonly": [state, text] = ["readonly", "Read-only (open in another tab)"]; break;
    default: [state, text] = ["unsaved", "Not saved: " + st.reason];
  }
  // the text node is changed in place and the title stays while saving and
  // saved take turns: with the box's containment (style.css) that flip lays
  // out nothing beyond the box
  let box = el.firstElementChild;
  if (!box) { box = el.appendChild(document.createElement("span")); box.className = "ss"; }
  // "Saving…" and "Saved" take turns with every edit, in the frame that
  // shows the change: both are laid out once, and the turn only shows one
  // and hides the other (a style change, no layout; BenchmarkAddSpanPaint)
  const pair = state === "saving" || state === "saved";
  if (pair !== (box.childElementCount === 2)) {
    box.textContent = "";
    if (pair) {
      for (const t of ["Saving…", "Saved"]) { const s = box.appendChild(document.createElement("span")); s.textContent = t; }
    } else box.append("");
  }
  if (el.dataset.state !== state) el.dataset.state = state;
  if (!pair && box.firstChild.data !== text) box.firstChild.data = text;
  const title = pair ? "Every change is saved in this browser as you make it" :
    state === "opening" ? "Opening the browser's storage: changes are saved once it is open" : text;
  if (el.title !== title) el.title = title;
}

function banner(msg, actions) {
  const el = document.getElementById("store-banner");
  if (!el) return;
  clear(el);
  el.hidden = !msg;
  if (!msg) return;
  el.dataset.kind = st.mode;
  el.append(h("span.msg", { text: msg }));
  for (const a of actions) {
    if (a === "export") el.append(h("button.btn.primary", { type: "button", id: "store-export", text: "Export project", on: { click: () => st.app && st.app.exportProject() } }));
    if (a === "takeover") el.append(h("button.btn", { type: "button", id: "store-takeover", text: "Take over", on: { click: () => takeOver() } }));
    if (a === "retry") el.append(h("button.btn", { type: "button", id: "store-retry", text: "Try again", on: { click: () => retry() } }));
    if (a === "download") el.append(h("button.btn" + (st.mode === "recovery" ? ".primary" : ""), { type: "button", id: "store-download", text: "Download saved data", title: "The saved project and its changes as they are in this browser", on: { click: () => downloadSaved() } }));
    if (a === "aside") el.append(h("button.btn", { type: "button", id: "store-aside", text: "Start empty (keep saved data aside)", on: { click: () => setAside() } }));
  }
}

async function retry() {
  if (await replaceAll()) {
    toast("Saved again. (The undo history starts afresh.)", "ok");
    if (st.app) st.app.afterProjectChange(st.app.docId);
  }
}

/** For tests and the console: what the store is doing. */
export function state() {
  return { mode: st.mode, reason: st.reason, epoch: st.epoch, pending: st.pending.length, inflight: st.inflight, unsaved: st.unsaved, source: st.source, commitMs: st.lat.slice() };
}

globalThis.smStore = { state, replaceAll, flush, takeOver, asides }; // for tests and the console
