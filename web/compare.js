// compare.js — "Compare…": adjudication. Two or more annotators' works of
// the same documents (files or folders picked or dropped: project files,
// any format the import reads, or a brat folder, one work named by the
// folder as `spanmark agree` names it) become one gold project: the formats module merges
// them (package team, through spanmarkFormats.compareWorks: what all, or
// a majority, agree on is accepted at once; the rest is left undecided)
// and measures their agreement (the code of `spanmark agree`). The gold
// project then replaces the page's, and this panel walks its
// disagreements: each annotator's version in a lane of their own, one key
// to take a version ({ } to move, Shift+1…9 to take, Shift+0 to reject),
// every decision one undo step of the core (adjudicate), autosaved like
// any edit. The core decides what a disagreement is and what taking a
// version does; this module only shows and asks.

//
// This module is not part of the page's bundle: app.js loads it (lazyModule)
// on the first click on Compare… or when an opened document has undecided
// spans, so the page's start never pays for it. It imports nothing (a module
// loaded on its own would get its own bridge.js, without the running core):
// app.js hands it what it needs (makeCompare's d).

let sm, tryCall, formatsModule, lite, LITE_MESSAGE, h, clear, toast, errorToast, status, describeError, plural, num, ellipsize, idle, readFile;

/** The Compare panel, bound. d: {sm, tryCall, formatsModule, lite, LITE_MESSAGE, h, clear, toast, errorToast, status, describeError, plural, num, ellipsize, idle, readFile} from app.js. */
export function makeCompare(app, d) {
  ({ sm, tryCall, formatsModule, lite, LITE_MESSAGE, h, clear, toast, errorToast, status, describeError, plural, num, ellipsize, idle, readFile } = d);
  const c = new Compare(app);
  c.bind();
  return c;
}

const $ = id => document.getElementById(id);
/** One colour per annotator lane (distinct from each other and readable as text). */
const LANE_COLORS = ["#1d4ed8", "#b45309", "#047857", "#9333ea", "#be123c", "#0e7490", "#4d7c0f", "#a16207", "#475569"];
/** Documents longer than this are measured against the gold on request only (a measure reads the whole project: seconds for a million characters). */
const AUTO_MEASURE_CHARS = 200000;
/** The last comparison, kept across reloads (this browser only): its works and figures, in a database of its own. */
const SAVE_DB = "spanmark-compare", SAVE_STORE = "comparison";
/** The files of a brat folder (and any annotation.conf and its like: the import reads them). */
const BRAT_FILE = /\.(ann|txt|conf)$/i;

/** The works of a folder, [name, files, path]: its own files as one work named by it, or, when it holds folders only, each folder one work (a team's folder of annotators' folders). One level deep, as `spanmark agree` reads a folder. */
function folderWorks(name, files, dirs) {
  if (!files.length && dirs.length) return dirs.map(([d, fs]) => [d, fs, name + "/" + d]);
  return [[name, files, name]];
}

/** A dropped folder's entries (hidden ones left out), read in batches as the API gives them. */
async function readDir(dir) {
  const reader = dir.createReader(), out = [];
  for (;;) {
    const batch = await new Promise((res, rej) => reader.readEntries(res, rej));
    if (!batch.length) break;
    out.push(...batch);
  }
  return out.filter(e => !e.name.startsWith(".")).sort(byName); // in name order, as the command line reads a folder
}
/** The entries of a drop's items: to be taken during the drop event, before any await. */
function dropEntries(dt) {
  return dt.items ? [...dt.items].filter(i => i.kind === "file").map(i => i.webkitGetAsEntry && i.webkitGetAsEntry()) : [];
}

/** The works of dropped folders, {works: [{name, files: File[], path}], loose: File[]} (the files dropped beside them). */
async function droppedWorks(entries, files) {
  const loose = [], works = [];
  for (const [k, e] of entries.entries()) {
    if (!e || !e.isDirectory) { if (files[k]) loose.push(files[k]); continue; }
    const kids = await readDir(e);
    const sub = [];
    for (const d of kids.filter(x => x.isDirectory)) sub.push([d.name, await Promise.all((await readDir(d)).filter(x => x.isFile).map(fileOf))]);
    const own = await Promise.all(kids.filter(x => x.isFile).map(fileOf));
    for (const [name, fs, path] of folderWorks(e.name, own, sub)) works.push({ name, files: fs, path });
  }
  return { works, loose };
}
const byName = (a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
const fileOf = e => new Promise((res, rej) => e.file(res, rej));

/** The links annotator made from and to an undecided span (taking their version brings them where the other end is a gold span). */
function links(c, name) {
  return (c.relations || []).filter(r => (r.to || r.from).annotators.includes(name)).map(r => {
    const end = r.to || r.from, text = ellipsize(end.fragments.map(f => f.text).join(" … "), 40);
    return h("span.cmp-link", null, " · ", r.to ? `${r.type} → ` : `${r.type} ← `, h("bdi", { dir: "auto", text }));
  });
}

const fmt = v => v === null || v === undefined ? "–" : (Math.abs(v) < 0.005 ? 0 : v).toFixed(2); // no "-0.00"


class Compare {
  constructor(app) {
    this.app = app;
    this.works = [];       // the works picked for the next comparison: {name, files: [{name, data}], folder}
    this.session = null;   // {annotators, report, notes, stats, files, docs, live}: the comparison (live: its works are in the formats module)
    this.restored = null;  // the promise of the saved comparison, read once (restore)
    // The open document's disagreements are the core's (an index of them:
    // disagreement); the panel holds the one it shows, never the list.
    this.count = 0;        // how many the open document has
    this.cur = null;       // the shown one (offsets in code points), or null
    this.everyone = [];    // the annotators of all the document's disagreements
    this.at = -1;          // the shown one's index
    this.lastStart = -1;   // where the shown one starts: kept across a refresh (a settle, an undo)
    this.figTimer = 0;
    this.gold = {};        // doc id → {annotator: F1 against the gold}, as last measured
  }

  /** The dialog's and the panel's controls (the Compare… button is app.js's: it loads this module). */
  bind() {
    $("cmp-pick").addEventListener("click", () => $("cmp-file").click());
    $("cmp-file").addEventListener("change", e => { const fs = [...e.target.files]; e.target.value = ""; this.addFiles(fs); });
    $("cmp-pick-dir").addEventListener("click", () => $("cmp-dir").click());
    $("cmp-dir").addEventListener("change", e => { const fs = [...e.target.files]; e.target.value = ""; this.addFolderPick(fs); });
    $("cmp-cancel").addEventListener("click", () => this.closeDialog());
    $("cmp-form").addEventListener("submit", e => { e.preventDefault(); this.run(); });
    const box = $("cmp-drop");
    box.addEventListener("dragover", e => { e.preventDefault(); e.stopPropagation(); box.classList.add("over"); });
    box.addEventListener("dragleave", () => box.classList.remove("over"));
    // dropped here, files are works to compare, not an import (app.js's drop)
    $("compare").addEventListener("drop", e => {
      e.preventDefault(); e.stopPropagation(); box.classList.remove("over");
      if (e.dataTransfer && e.dataTransfer.files.length) this.addDropped(e.dataTransfer);
    });
    $("compare").addEventListener("keydown", e => { if (e.key === "Escape") { e.preventDefault(); this.closeDialog(); } });
    $("cmp-prev").addEventListener("click", () => this.move(-1));
    $("cmp-next").addEventListener("click", () => this.move(1));
    $("cmp-reject").addEventListener("click", () => this.settle(""));
  }

  // ---------- the dialog ----------

  openDialog() {
    if (lite) { toast(LITE_MESSAGE, "error", 15000); return; }
    this.works = [];
    this.renderFiles();
    $("cmp-error").textContent = "";
    $("compare").hidden = false;
    $("cmp-pick").focus();
    // the formats module loads while the works are chosen, not after
    formatsModule().catch(() => {}); // an error is shown when Compare is run
  }

  closeDialog() {
    $("compare").hidden = true;
    this.app.article.focus({ preventScroll: true });
    this.readAhead(); // the works read ahead are let go
  }

  /** Read files into {name, data} (the core checks each size first); a file that cannot be read is said and left out. */
  async read(fs, nameOf = f => f.name) {
    const out = [];
    for (const f of fs) {
      try { out.push({ ...(await readFile(f)), name: nameOf(f) }); } catch (err) { $("cmp-error").textContent = describeError(err); }
    }
    return out;
  }

  /** Add works, replacing one of the same name. */
  addWorks(ws) {
    const replaced = [];
    for (const w of ws) {
      if (!w.files.length) continue;
      if (w.name && this.works.some(x => x.name === w.name)) replaced.push(w.name);
      this.works = this.works.filter(x => !w.name || x.name !== w.name).concat(w);
    }
    // one work per name: a second "ana" replaces the first, and says so
    if (replaced.length) $("cmp-error").textContent = `${replaced.join(", ")}: listed already, replaced by the one just added (one work per annotator).`;
    this.renderFiles();
  }

  /** Files picked (or dropped without folders): each a work, but brat files picked together (.ann with their .txt) are one, whose annotator is asked for (a file picker does not say the folder). */
  async addFiles(fs) {
    const brat = fs.some(f => /\.ann$/i.test(f.name)) ? fs.filter(f => BRAT_FILE.test(f.name)) : [];
    const ws = (await this.read(fs.filter(f => !brat.includes(f)))).map(item => ({ name: item.name, files: [item], folder: false }));
    if (brat.length) ws.push({ name: "", files: await this.read(brat), folder: true });
    this.addWorks(ws);
  }

  /** A folder chosen with the folder picker: its files carry their path (webkitRelativePath). */
  async addFolderPick(fs) {
    const tree = { name: "", files: [], dirs: new Map() };
    for (const f of fs) {
      const parts = (f.webkitRelativePath || f.name).split("/");
      if (parts.some(p => p.startsWith("."))) continue;
      let n = tree;
      for (const d of parts.slice(0, -1)) {
        if (!n.dirs.has(d)) n.dirs.set(d, { name: d, files: [], dirs: new Map() });
        n = n.dirs.get(d);
      }
      n.files.push(f);
    }
    const ws = [];
    for (const root of tree.dirs.values()) {
      for (const [name, files, path] of folderWorks(root.name, root.files.sort(byName), [...root.dirs.values()].sort(byName).map(d => [d.name, d.files.sort(byName)]))) {
        ws.push({ name, files: await this.read(files, f => path + "/" + f.name), folder: true });
      }
    }
    this.addWorks(ws);
  }

  /** A drop: folders (their entries, read from the drop) and files. */
  async addDropped(dt) {
    // the entries must be taken during the drop event, before any await
    const entries = dropEntries(dt);
    const files = [...dt.files];
    if (!entries.some(e => e && e.isDirectory)) { await this.addFiles(files); return; }
    let found = { works: [], loose: [] };
    try { found = await droppedWorks(entries, files); } catch (err) { $("cmp-error").textContent = `The folder could not be read: ${err.message || err}`; }
    await this.addFolderWorks(found.works);
    if (found.loose.length) await this.addFiles(found.loose);
  }

  /** Folder works found in a drop ({name, files: File[], path}): read, and listed. */
  async addFolderWorks(found) {
    const ws = [];
    for (const { name, files, path } of found) ws.push({ name, files: await this.read(files, f => path + "/" + f.name), folder: true });
    this.addWorks(ws);
  }

  /**
   * Folders dropped on the page outside the dialog (app.js's drop): a
   * team's folder of annotators' brat folders (or several brat folders),
   * or one brat folder while a project with spans is open, may be works to
   * compare rather than one dataset to import, so the page asks; anything
   * else goes to the import as before, the folders' files in it.
   */
  async droppedOutside(entries, files) {
    let found;
    try { found = await droppedWorks(entries, files); } catch (err) { errorToast(err, "The folder could not be read: "); return; }
    const all = found.works.flatMap(w => w.files).concat(found.loose);
    const brat = found.works.filter(w => w.files.some(f => /\.ann$/i.test(f.name)));
    let spans = 0;
    for (const d of sm.documents()) spans += d.spans;
    if (found.loose.length || !(brat.length >= 2 || (brat.length === 1 && spans > 0))) {
      if (all.length) this.app.io.importFiles(all); else toast("The folder is empty: nothing to import.", "error");
      return;
    }
    const names = brat.map(w => w.name);
    const t = toast(brat.length > 1 ? `${names.join(", ")}: ${brat.length} annotators’ brat folders. Compare their versions, or import them as one dataset?` :
      `${names[0]}: one annotator’s brat folder. Compare it with other annotators’ works, or import it into this project?`, "info", 60000);
    const choose = fn => () => { t.remove(); fn(); };
    t.querySelector(".msg").append(" ",
      h("button.btn.small.cmp-offer-compare", { type: "button", text: brat.length > 1 ? `Compare these ${brat.length} annotators’ versions` : "Compare…",
        on: { click: choose(async () => {
          this.openDialog();
          await this.addFolderWorks(brat);
          if (brat.length < 2) $("cmp-count").textContent = "Add the other annotators’ works: a file or a folder each.";
          else $("cmp-run").focus();
        }) } }),
      " ",
      h("button.btn.small.cmp-offer-import", { type: "button", text: brat.length > 1 ? "Import as one dataset" : "Import", on: { click: choose(() => this.app.io.importFiles(all)) } }));
    t.querySelector(".cmp-offer-compare").focus();
  }

  renderFiles() {
    const ul = clear($("cmp-files"));
    for (const w of this.works) {
      const what = w.folder ? `${plural(w.files.length, "file")}` : "";
      const name = w.folder && !this.namedFolder(w) ?
        h("label", null, `brat files (${what}), annotator: `, h("input.cmp-name", { type: "text", value: w.name, placeholder: "their name", "aria-label": `Annotator of the ${what}`,
          on: { input: e => { w.name = e.target.value.trim(); w.typed = true; this.renderCount(); } } })) :
        h("span", { text: w.folder ? `${w.name}/ (folder, ${what})` : w.name });
      ul.append(h("li", null, name,
        h("button.btn.small", { type: "button", text: "Remove", "aria-label": `Remove ${w.name || "the brat files"}`,
          on: { click: () => { this.works = this.works.filter(x => x !== w); this.renderFiles(); } } })));
    }
    this.renderCount();
  }

  /** A folder work named by its folder (not brat files picked loose, whose name is typed). */
  namedFolder(w) { return w.folder && !w.typed && w.name !== ""; }

  /** The works' files as compareWorks takes them: a folder's files carry its name as "work" (they are one work). */
  files() {
    return this.works.flatMap(w => w.files.map(f => w.folder ? { name: f.name, data: f.data, work: w.name } : { name: f.name, data: f.data }));
  }

  /**
   * The works chosen changed: the formats module reads them while the
   * person looks at the list (compareRead), so that Compare only merges
   * (reading two 1M-character works was 0.1-0.2 s of its wait). After a
   * pause (not on each key of a typed name), in idle time; an error is
   * said when Compare is pressed, as before. The dialog closed, or fewer
   * than two named works: nothing is kept.
   */
  readAhead() {
    const ready = !$("compare").hidden && this.works.length >= 2 && !this.works.some(w => !w.name);
    const sig = ready ? JSON.stringify(this.works.map(w => [w.name, w.folder, w.files.map(f => [f.name, f.data.length])])) : "";
    if (sig === this.aheadSig) return;
    this.aheadSig = sig;
    clearTimeout(this.aheadTimer);
    const had = this.ahead;
    this.ahead = null;
    if (!ready) {
      if (had) formatsModule().then(fm => { if (!this.aheadSig) fm.api.compareRead([]); }, () => {});
      return;
    }
    this.aheadTimer = setTimeout(() => idle(async () => {
      let fm;
      try { fm = await formatsModule(); } catch { return; } // said when Compare is pressed
      if (this.aheadSig !== sig) return;
      try { this.ahead = { sig, token: fm.api.compareRead(this.files()) }; } catch { /* said when Compare is pressed */ }
    }), 300);
  }

  renderCount() {
    this.readAhead();
    const unnamed = this.works.some(w => !w.name);
    $("cmp-run").disabled = this.works.length < 2 || unnamed;
    $("cmp-count").textContent = unnamed ? "Type the name of the annotator who made the brat files." :
      this.works.length < 2 ? "Choose two works or more: a file or a folder per annotator." : `${plural(this.works.length, "work")} to compare.`;
  }

  async run() {
    const err = $("cmp-error");
    err.textContent = "";
    $("cmp-run").disabled = true;
    $("cmp-count").textContent = "Comparing…";
    performance.mark("sm-compare-start"); // BenchmarkCompare1M
    let r, files;
    try {
      const fm = await formatsModule();
      performance.mark("sm-compare-module");
      const minVotes = $("cmp-all").checked ? this.works.length : 0;
      files = this.files();
      // the works read ahead, if they are still the ones chosen (compareWorks reads them otherwise)
      const ahead = this.ahead && this.ahead.sig === this.aheadSig ? this.ahead.token : 0;
      this.ahead = null;
      r = fm.api.compareWorks(files, minVotes, ahead);
      performance.mark("sm-compare-merged");
    } catch (e) {
      err.textContent = describeError(e);
      this.renderFiles();
      return;
    }
    let total = 0;
    for (const d of sm.documents()) total += d.spans;
    if (total > 0 && !confirm(`Replace the current project (${plural(total, "span")}) with the gold project of ${r.annotators.join(", ")}? Export first if you need it; Ctrl+Z brings it back.`)) {
      this.renderFiles();
      return;
    }
    this.app.projectUndo.beforeReplace("comparison");
    const res = tryCall("importProject", r.project, "gold.json");
    performance.mark("sm-compare-imported");
    if (res.error) { err.textContent = describeError(res.error); this.renderFiles(); return; }
    // the figures are measured once the gold project is shown (loadReport)
    this.session = { annotators: r.annotators, report: null, notes: r.notes, stats: r.stats, files, docs: goldDocs(), live: true };
    this.sessionNo = (this.sessionNo || 0) + 1;
    this.restored = Promise.resolve(); // this comparison replaces any saved one
    this.gold = {};
    $("compare").hidden = true;
    const docs = res.value;
    const first = docs.find(d => d.status !== "done") || docs[0];
    this.app.afterProjectChange(first && first.id);
    performance.mark("sm-compare-shown");
    const s = r.stats;
    toast(`Gold project of ${r.annotators.join(", ")}: ${plural(s.Accepted, "span")} agreed and accepted, ${plural(s.Undecided, "span")} undecided in ${plural(s.UndecidedDocs, "document")}.` +
      (r.notes.length ? " " + r.notes.slice(0, 3).join("; ") + (r.notes.length > 3 ? "; …" : "") : ""), "ok", 10000);
    this.app.article.focus({ preventScroll: true });
    const session = this.session;
    // the first frame with the gold project painted, then the figures in idle time
    requestAnimationFrame(() => setTimeout(() => {
      performance.mark("sm-compare-painted"); // BenchmarkCompare1M
      // kept for after a reload once the gold project is shown: the copy
      // of the works into IndexedDB (6.6 MB for the 1M benchmark) took
      // 0.1 s before the first frame
      this.save(session);
      idle(() => this.loadReport(session));
    }, 0));
  }

  /** The agreement figures of the comparison, measured after the gold project is shown (seconds for a million characters). */
  async loadReport(session) {
    let rep;
    try {
      rep = (await formatsModule()).api.compareReport();
    } catch (err) {
      if (this.session === session) { session.report = { error: describeError(err) }; this.renderFigures(); }
      return;
    }
    if (this.session !== session) return; // another comparison since
    session.report = rep;
    performance.mark("sm-compare-report"); // BenchmarkCompare1M
    this.renderFigures();
    this.save(session);
  }

  // ---------- the comparison kept across reloads ----------

  /** Keep the comparison (its works, figures and the gold documents' ids and lengths) for after a reload; failing that, the figures are lost on reload, nothing else. */
  save(session) {
    const { annotators, report, notes, stats, files, docs } = session;
    savedDB("readwrite", st => st.put({ annotators, report, notes, stats, files: files.map(f => f.work === undefined ? { name: f.name, data: f.data } : { name: f.name, data: f.data, work: f.work }), docs }, "last"))
      .then(() => { if (this.session === session) session.saved = true; },
        err => console.warn("spanmark: the comparison could not be kept for after a reload:", err));
  }

  /** The saved comparison, once: taken when it is the one of the project open (same documents, same lengths), then its figures show at once and its works are read again in the formats module on the first measure. */
  restore() {
    this.restored ??= savedDB("readonly", st => st.get("last")).then(rec => {
      if (!rec || this.session || !rec.report || rec.report.error) return;
      const now = goldDocs();
      if (!Object.keys(now).length || Object.entries(now).some(([id, n]) => rec.docs[id] !== n)) return; // another project
      this.session = { ...rec, live: false, saved: true };
      this.refresh(true);
    }, err => console.warn("spanmark: the saved comparison could not be read:", err));
    return this.restored;
  }

  // ---------- the panel ----------

  /** The open document changed (app.openDoc): its disagreements. */
  docOpened() {
    this.offer = null;
    this.at = -1;
    this.lastStart = -1;
    this.refresh(true);
    if (!this.session) this.restore();
  }

  /** A change was applied (app.applyChange). */
  changed(cv) {
    if (cv && cv.undecided) this.refresh(false);
    if (this.session && cv) this.figuresSoon();
  }

  annotators() {
    const names = this.session ? [...this.session.annotators] : [];
    for (const a of this.everyone) if (!names.includes(a)) names.push(a);
    return names;
  }

  /** Disagreement index of the open document (with from: the first that ends after code point from); sets count, at, cur. */
  fetch(index, from) {
    const id = this.app.docId;
    const r = !id ? null : from === undefined ? tryCall("disagreement", id, index) : tryCall("disagreement", id, 0, Math.max(0, from));
    const g = r && !r.error ? r.value : { count: 0, index: -1, everyone: [] };
    this.count = g.count;
    this.everyone = g.everyone;
    this.at = g.index;
    this.cur = g.index >= 0 ? g : null;
    if (this.cur) g.at16 = [sm.fromCodePoints(id, g.start), sm.fromCodePoints(id, g.end)]; // the page's offsets, once
  }

  /** Ask the core again, and keep showing the disagreement at (or after) the one shown. */
  refresh(first) {
    this.fetch(0, this.lastStart);
    if (!this.cur && this.count) this.fetch(this.count - 1); // past the last: the last
    const panel = $("panel-adjudicate");
    const active = this.count > 0 || !!this.session;
    panel.hidden = !active;
    document.body.classList.toggle("adjudicating", active);
    if (!active) return;
    this.render();
    this.renderFigures();
    if (first) this.figuresSoon();
    else if (this.cur) this.show(false);
  }

  /** Next (1) or previous (-1) disagreement; past the last, the next document that has one. One small answer from the core's index, the lanes, and a scroll. */
  move(dir) {
    this.offer = null;
    if (!this.count) { this.nextDoc(dir); return; }
    const i = this.at + dir;
    if (i < 0 || i >= this.count) { if (!this.nextDoc(dir)) status(dir > 0 ? "No disagreement after this one" : "No disagreement before this one"); return; }
    this.fetch(i);
    if (this.cur) this.lastStart = this.cur.start;
    // the scroll first: its measures then find the layout clean, and the
    // panel's new lanes are laid out once, in the frame (the other order
    // forced a layout of both: the key's script 4.5 -> 2.5 ms median on
    // BenchmarkCompare1M's article, key -> painted 31.5 -> 26.7 ms, A/B
    // interleaved at a load of 15)
    this.show(true);
    this.render();
  }

  nextDoc(dir) {
    const docs = this.app.docs.docs;
    let i = docs.findIndex(d => d.id === this.app.docId);
    for (i += dir; i >= 0 && i < docs.length; i += dir) {
      const r = tryCall("disagreement", docs[i].id, 0);
      if (!r.error && r.value.count) {
        this.app.openDoc(docs[i].id);
        if (dir < 0) { this.fetch(this.count - 1); this.lastStart = this.cur.start; }
        this.show(true);
        if (dir < 0) this.render();
        status(`${docs[i].title || docs[i].id}: ${plural(r.value.count, "disagreement")}`);
        return true;
      }
    }
    return false;
  }

  /** Scroll the article to the shown disagreement and flash it. */
  show(scroll) {
    const g = this.cur;
    if (!g) return;
    if (scroll) this.app.scrollToSpan({ frags: g.at16 });
    else this.app.painter.flash(g.at16);
  }

  /** Take annotator's version of the shown disagreement ("": reject what is there); addLabels: first add back the labels it needs that the schema lost. */
  settle(annotator, addLabels = false) {
    const g = this.cur;
    if (!g) { status("No disagreement to settle here"); return; }
    this.lastStart = g.start;
    const at = this.at, doc = this.app.docId, app = this.app;
    let added = [];
    if (addLabels) {
      // the labels of the version the schema lacks, added as the schema
      // editor adds one (the core gives the colour); the attributes its spans
      // carry come too, or the core would refuse them
      const have = new Set(app.schema.labels.map(l => l.name)), defs = new Map();
      for (const c of g.cands) {
        if (!c.annotators.includes(annotator) || have.has(c.label)) continue;
        const def = defs.get(c.label) || { name: c.label, layer: "entity", attributes: [] };
        defs.set(c.label, def);
        for (const [k, v] of Object.entries(c.attrs || {}).sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0)) {
          if (!def.attributes.some(x => x.name === k)) def.attributes.push({ name: k, type: typeof v === "boolean" ? "bool" : "text" });
        }
      }
      for (const def of defs.values()) {
        const a = tryCall("addLabel", def);
        if (a.error) { errorToast(a.error, `The label ${def.name} could not be added back: `); break; }
        added.push(def.name);
      }
      if (added.length) { app.applySchema(); app.painter.clearSpans(); app.updateWindow(true); } // as after a schema edit
    }
    const r = tryCall("adjudicate", doc, at, annotator);
    if (r.error) {
      const t = errorToast(r.error, "", 30000);
      // a label removed from the schema since the comparison (the core
      // refuses the span): the way out is one click, or Shift+the key again
      if (r.error.code === "unknown_label" && r.error.field === "label" && !addLabels) {
        const n = this.annotators().indexOf(annotator) + 1;
        this.offer = { doc, at, annotator, toast: t };
        t.querySelector(".msg").append(" ", h("button.btn.small.cmp-addback", { type: "button", text: "Add the label back and take it",
          on: { click: () => { t.remove(); this.takeAddingLabels(doc, at, annotator); } } }), n > 0 && n < 10 ? ` (or Shift+${n} again)` : "");
      }
      return;
    }
    if (this.offer) { this.offer.toast.remove(); this.offer = null; }
    if (added.length) toast(`Added to the schema (entity layer) to take ${annotator}’s version: ${added.join(", ")}`, "info", 8000);
    this.app.applyChange(r.value); // → changed → refresh
    const left = this.count;
    status((annotator ? `Took ${annotator}’s version` : "Rejected the spans in question") +
      (left ? ` — ${plural(left, "disagreement")} left here (Ctrl+Z undoes)` : " — no disagreement left in this document (Ctrl+Z undoes)"));
    if (this.at >= 0) this.show(true);
  }

  /** The take offered after a refusal for a missing label, if the panel still shows that disagreement. */
  takeAddingLabels(doc, at, annotator) {
    if (doc !== this.app.docId || at !== this.at) { status("That disagreement is no longer the one shown"); return; }
    this.settle(annotator, true);
  }

  /** Keys while adjudicating: { } move, Shift+1…9 take a version, Shift+0 rejects. Returns true when used. */
  onKey(e) {
    if ($("panel-adjudicate").hidden || e.ctrlKey || e.metaKey || e.altKey) return false;
    if (e.key === "}" || e.key === "{") { e.preventDefault(); this.move(e.key === "}" ? 1 : -1); return true; }
    const m = /^Digit([0-9])$/.exec(e.code);
    if (!m || !e.shiftKey) return false;
    e.preventDefault();
    const n = Number(m[1]);
    if (n === 0) { this.settle(""); return true; }
    const who = this.annotators()[n - 1], o = this.offer;
    // the same key again after a refusal for a missing label: take it, adding the label back
    if (who) this.settle(who, !!o && o.doc === this.app.docId && o.at === this.at && o.annotator === who);
    else status(`No annotator ${n} here`);
    return true;
  }

  /** The shown disagreement: where, and each annotator's lane (the figures are renderFigures'). */
  render() {
    $("cmp-count-here").textContent = num(this.count);
    const where = $("cmp-where"), lanes = clear($("cmp-lanes"));
    $("cmp-prev").disabled = $("cmp-next").disabled = false;
    $("cmp-reject").disabled = this.at < 0;
    const names = this.annotators();
    const g = this.cur;
    if (!g) {
      where.textContent = "No disagreement left in this document. { and } go to the next document that has one.";
    } else {
      const text = this.app.view.text.slice(g.at16[0], g.at16[1]);
      where.replaceChildren(`Disagreement ${num(this.at + 1)} of ${num(this.count)}: `, h("bdi", { dir: "auto", text: `“${ellipsize(text, 60)}”` }));
    }
    names.forEach((name, i) => {
      const color = LANE_COLORS[i % LANE_COLORS.length];
      const mine = g ? g.cands.filter(c => c.annotators.includes(name)) : [];
      const items = mine.map(c => h("li", null,
        h("span.cmp-lbl", { text: c.label }), " ",
        h("bdi", { dir: "auto", text: ellipsize(c.fragments.map(f => f.text).join(" … "), 80) }),
        c.annotators.length > 1 ? h("span.cmp-also", { text: ` (also ${c.annotators.filter(a => a !== name).join(", ")})` }) : null,
        ...links(c, name)));
      if (g && !items.length) items.push(h("li.none", { text: "no span here" }));
      const key = i < 9 ? `Shift+${i + 1}` : "";
      const lane = h("div.cmp-lane", { role: "group", "aria-label": `${name}’s version` },
        h("div.cmp-who", null, h("span.cmp-dot"), h("b", { text: name }),
          g ? h("button.btn.small", { type: "button", text: "Take", title: `Take ${name}’s version${key ? ` (${key})` : ""}`,
            "aria-keyshortcuts": key ? `Shift+${i + 1}` : null, on: { click: () => this.settle(name) } }) : null,
          key ? h("kbd", { text: key }) : null),
        h("ul.cmp-cands", null, ...items));
      lane.style.setProperty("--lane", color);
      lanes.append(lane);
    });
    this.renderNotes();
  }

  /** What the comparison noted (documents some works lack, labels some schemas lack…): kept in the panel while it is open, not only in a toast. */
  renderNotes() {
    let box = $("cmp-notes");
    if (!box) {
      box = h("details.cmp-notes", { id: "cmp-notes" });
      $("cmp-figs").before(box);
    }
    const notes = this.session ? this.session.notes : [];
    box.hidden = !notes.length;
    if (!notes.length || box.dataset.for === String(this.sessionNo)) return;
    box.dataset.for = String(this.sessionNo);
    box.replaceChildren(h("summary", { text: `${plural(notes.length, "note")} on the comparison` }),
      h("ul", null, ...notes.map(n => h("li", { dir: "auto", text: n }))));
    box.open = true;
  }

  // ---------- the figures ----------

  /** Measure the open document against the gold once the page has been quiet for a while (not on long documents: see AUTO_MEASURE_CHARS). */
  figuresSoon(ms = 1000) {
    if (!this.session) return;
    clearTimeout(this.figTimer);
    if (this.app.view.length > AUTO_MEASURE_CHARS) { this.gold[this.app.docId] = undefined; return; }
    this.figTimer = setTimeout(() => idle(() => this.measure()), ms);
  }

  /** The open gold document against each annotator's version (the formats module's works). */
  async measure() {
    const id = this.app.docId;
    if (!this.session || !id) return;
    try {
      const fm = await formatsModule();
      const s = this.session;
      if (!s.live) { fm.api.compareRestore(s.files); s.live = true; } // after a reload: the works read again
      const json = sm.exportProject({ compact: true });
      const r = fm.api.compareFigures(json, id);
      const out = {};
      for (const p of r.f1.by_pair) {
        if (p.b === "gold") out[p.a] = p.value;
        else if (p.a === "gold") out[p.b] = p.value;
      }
      this.gold[id] = out;
      performance.mark("sm-compare-figures");
    } catch (err) {
      this.gold[id] = null;
      console.warn("spanmark: compareFigures:", err);
    }
    if (id === this.app.docId) this.renderFigures();
  }

  renderFigures() {
    const box = clear($("cmp-figs"));
    const s = this.session;
    if (!s) {
      box.append(h("p.hint", { text: "Agreement figures are shown for the last comparison made in this browser (Compare… to make one)." }));
      return;
    }
    const rep = s.report, id = this.app.docId;
    if (!rep || rep.error) {
      box.append(h("p.hint", { text: rep ? "The agreement figures could not be measured: " + rep.error : "Measuring agreement…" }));
      return;
    }
    const doc = rep.f1.documents[id];
    const g = this.gold[id];
    box.append(h("p", null, h("b", { text: "This document: " }),
      doc ? `F1 ${fmt(doc.mean)} between annotators` : "in one work only",
      g ? ". Against the gold: " + Object.entries(g).map(([a, v]) => `${a} ${fmt(v)}`).join(", ") : "",
      g === undefined && this.app.view.length > AUTO_MEASURE_CHARS ? " " : null,
      g === undefined && this.app.view.length > AUTO_MEASURE_CHARS ?
        h("button.btn.small", { type: "button", text: "Measure against the gold", on: { click: () => this.measure() } }) : null));
    box.append(h("p", null, h("b", { text: "All documents: " }),
      `F1 ${fmt(rep.f1.mean)}, overlap F1 ${fmt(rep.f1_overlap.mean)}, ${rep.kappa.measure === "fleiss" ? "Fleiss" : "Cohen"}’s κ ${fmt(rep.kappa.value)}, α_u ${fmt(rep.alpha_u.value)} (${plural(rep.documents, "document")} compared)`));
    const rows = rep.labels.map(l => h("tr", null, h("th", { scope: "row", text: l }),
      h("td", { text: fmt((rep.f1.labels[l] || {}).mean) }), h("td", { text: fmt(rep.kappa.labels[l]) }), h("td", { text: fmt(rep.alpha_u.labels[l]) })));
    if (rows.length) {
      box.append(h("table.cmp-table", null, h("caption", { text: "Per label" }),
        h("thead", null, h("tr", null, h("th", { scope: "col", text: "Label" }), h("th", { scope: "col", text: "F1" }), h("th", { scope: "col", text: "κ" }), h("th", { scope: "col", text: "α_u" }))),
        h("tbody", null, ...rows)));
    }
  }
}

/** The project's documents: id → length in code points (what a saved comparison is checked against). */
function goldDocs() {
  const out = {};
  for (const d of sm.documents()) out[d.id] = d.lengthCP;
  return out;
}

/** One transaction on the saved comparison's store; resolves to fn's request's result. */
function savedDB(mode, fn) {
  return new Promise((resolve, reject) => {
    let rq;
    try { rq = indexedDB.open(SAVE_DB, 1); } catch (e) { reject(e); return; }
    rq.onupgradeneeded = () => rq.result.createObjectStore(SAVE_STORE);
    rq.onerror = () => reject(rq.error);
    rq.onsuccess = () => {
      const db = rq.result;
      let r;
      try {
        const tx = db.transaction(SAVE_STORE, mode);
        r = fn(tx.objectStore(SAVE_STORE));
        tx.oncomplete = () => { db.close(); resolve(r && r.result); };
        tx.onerror = tx.onabort = () => { db.close(); reject(tx.error); };
      } catch (e) { db.close(); reject(e); }
    };
  });
}
