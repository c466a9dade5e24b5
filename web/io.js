// io.js — dataset formats in the page: the "Export as" menu (one download
// per format) and import by file picker or drag-and-drop, in two steps so
// nothing is replaced before the user has seen what the import holds and
// lost. Every rule (which format, what is valid, what is lost, how schemas
// merge, how large a file may be) is the core's: this module reads files,
// shows what the bridge says, and commits an import only on request. The
// formats themselves are in a module loaded on first use (formats.js).

import { tryCall } from "./bridge.js";
import { formatsModule, syncProject, handOverProject, lite, LITE_MESSAGE } from "./formats.js";
import { readFile } from "./files.js";
import { renderLabelMap } from "./importlabels.js";
import { h, clear, toast, status, describeError, download, plural, num, afterPaint } from "./util.js";

const $ = id => document.getElementById(id);

/** What the menu calls each format; an unknown one shows its core name. */
const FORMAT_NAMES = {
  spanmark: "spanmark project",
  jsonl: "spaCy / Prodigy JSONL",
  conll: "CoNLL IOB2",
  brat: "brat standoff (.txt/.ann pairs)",
  doccano: "doccano JSONL",
  labelstudio: "Label Studio JSON",
};

/** Export-menu entries beyond one per format: the options a format takes
 * (formats.ExportOptions; the core decides what each holds), the format's
 * own default first ({} sends no option); suffix goes into the file name. */
const EXPORT_VARIANTS = {
  jsonl: [
    { text: "spaCy / Prodigy JSONL — entities (doc.ents)" },
    { form: "spans", text: "spaCy / Prodigy JSONL — all spans (doc.spans[\"sc\"])", suffix: "-spans" },
  ],
  doccano: [
    { offsets: "", text: "doccano JSONL (UTF-16, as doccano)" },
    { offsets: "codepoint", text: "doccano JSONL (code points, for Python scripts)", suffix: "-codepoint" },
    { offsets: "grapheme", text: "doccano JSONL (grapheme clusters, doccano's grapheme mode)", suffix: "-grapheme" },
  ],
};

/** The import dialog's offset choice, shown for these formats. */
const UNIT_FORMATS = new Set(["doccano"]);

const MIME = { ".json": "application/json", ".jsonl": "application/jsonl", ".zip": "application/zip" };

/** File name of a download: `spanmark-project.json` for the project file
 * (as the Ctrl+S shortcut names it), `spanmark-project-<format>.<ext>`
 * for the others; the extension is that of the file the core writes. */
export function exportName(format, res, suffix = "") {
  const ext = res.zip ? ".zip" : (/\.[^./]+$/.exec(res.files[0].name) || [".txt"])[0];
  if (format === "spanmark") return "spanmark-project" + ext;
  return `spanmark-project-${format}${suffix}${ext}`;
}

function fmtSize(n) {
  const f = x => x.toFixed(1).replace(/^\d+/, num); // "1,023.5", as counts are written
  return n < 1024 ? `${num(n)} B` : n < 1 << 20 ? `${f(n / 1024)} KB` : `${f(n / (1 << 20))} MB`;
}

/** A list of report lines (appended one by one: a spread of a long report would overflow the call stack). */
function lines(list) {
  const ul = h("ul", null);
  for (const line of list) ul.append(h("li", { text: line }));
  return ul;
}

/** One animation frame plus a task: lets the page paint and handle clicks. */
function yieldToPage() {
  return new Promise(r => afterPaint(r));
}

export class DatasetIO {
  /** @param app the App (afterProjectChange, article). */
  constructor(app) {
    this.app = app;
    this.items = null;     // [{name, data: Uint8Array}] of the import shown
    this.token = null;     // the staged import
    this.run = 0;          // bumps on cancel: a stale read stops
    this.busy = false;
    this.exportToast = null;
    this.fm = null;        // the formats module, once loaded
    this.labelMap = null;  // the label mapping chosen; null: the core's proposals (autoMap)
    this.shown = null;     // the preview shown (ImportPreview)
    // The formats module's copy of the project, for the previews of this
    // import: handed over once, not again on each option or label map
    // change (a 10,000-record project cost 2-4 s of frozen page each
    // time); the dialog is modal, so the schema and documents a preview
    // reads stay as they were. A commit hands over again (syncProject).
    this.handedOver = null; // Promise, once started
    this.handedJSON = null; // the project file it gave the module
    this.warmed = false;    // the warm-up has run (warm)
  }

  /** The project handed to the formats module for this import's previews (once). */
  handOver() {
    if (!this.handedOver) {
      // (the document list's count: the core's list of 10,000 would cost more than it says)
      const n = ((this.app.docs && this.app.docs.docs) || []).length;
      const bar = $("im-progress"), hidden = bar.hidden, text = $("im-progress-text").textContent;
      const say = n > 200 && !this.fm.shared; // a pause worth a word (none in the single file)
      if (say) this.progress(`Handing the project (${plural(n, "document")}) to the dataset formats…`, 1);
      this.handedOver = (say ? yieldToPage() : Promise.resolve())
        .then(() => handOverProject(this.fm, yieldToPage))
        .then(json => { this.handedJSON = json; })
        .finally(() => { if (say) { bar.hidden = hidden; $("im-progress-text").textContent = text; } })
        .catch(err => { this.handedOver = null; throw err; });
    }
    return this.handedOver;
  }

  /** The formats module (loading it on first use), or null after telling the user why not. */
  async formats() {
    if (this.fm) return this.fm;
    const msg = "Loading the dataset formats…";
    const slow = setTimeout(() => status(msg), 150);
    try {
      this.fm = await formatsModule();
      return this.fm;
    } catch (err) {
      toast(describeError(err), "error");
      return null;
    } finally {
      clearTimeout(slow);
      if ($("status").textContent === msg) status(""); // what follows says what happened
    }
  }

  /** Start loading the formats module, if it is not loaded (its errors are
   * said by formats(), when the import needs it). tierUp (the Import…
   * button): then run the import's code on made-up records while the
   * person picks the files, once a page (importWarm: the engine optimises
   * code that has run a while, and the first import of a large file ran
   * mostly unoptimised), in short calls that stop when an import starts. */
  warm(tierUp = false) {
    if (lite) return;
    const loaded = this.fm ? Promise.resolve(this.fm) : formatsModule();
    if (!tierUp || this.warmed) { loaded.catch(() => {}); return; }
    this.warmed = true;
    loaded.then(async fm => {
      for (let i = 0; i < 8 && !this.busy && !this.items; i++) { // (short: a file given meanwhile waits for one)
        try { fm.api.importWarm(); } catch { return; }
        await new Promise(r => setTimeout(r, 0)); // the page's own work between calls
      }
      performance.mark("sm-import-warm"); // (for the tests)
    }, () => {});
  }

  /** A call into the formats module: {value} or {error}, like tryCall. */
  fmCall(name, ...args) {
    try {
      return { value: this.fm.api[name](...args) };
    } catch (e) {
      return { error: e };
    }
  }

  bind() {
    if (lite) {
      // the lite single file has no formats: no button that can only fail
      $("btn-import").hidden = true;
      $("btn-export-menu").hidden = true;
    }
    // the formats module starts loading with the click (its first load
    // is ~0.5 s of the preview), while the person picks the files
    $("btn-import").addEventListener("click", () => { this.warm(true); $("import-file").click(); });
    $("import-file").addEventListener("change", e => {
      const files = [...e.target.files];
      e.target.value = "";
      if (files.length) this.importFiles(files);
    });
    $("btn-export-menu").addEventListener("click", () => this.toggleMenu());
    $("export-menu").addEventListener("keydown", e => this.menuKey(e));
    document.addEventListener("mousedown", e => {
      if (!$("export-menu").hidden && !e.target.closest("#export-menu, #btn-export-menu")) this.toggleMenu(false);
    });
    $("im-cancel").addEventListener("click", () => this.close());
    $("im-replace").addEventListener("click", () => this.commit("replace"));
    $("im-append").addEventListener("click", () => this.commit("append"));
    $("im-repair").addEventListener("change", () => this.preview());
    $("im-offsets").addEventListener("change", () => this.preview());
    $("im-as-sugg").addEventListener("change", () => this.preview()); // what the file brings, read that way
    $("import").addEventListener("mousedown", e => { if (e.target === $("import") && !this.busy) this.close(); });
    // While the dialog or the menu is open, keys are theirs: stop them
    // before the app's hotkeys (a document listener in the bubble phase).
    document.addEventListener("keydown", e => {
      if (!$("import").hidden) {
        e.stopPropagation();
        if (e.key === "Escape") { e.preventDefault(); this.close(); }
      } else if (!$("export-menu").hidden && e.key === "Escape") {
        e.stopPropagation();
        e.preventDefault();
        this.toggleMenu(false);
      }
    }, true);
  }

  // ---------- export ----------

  /** The menu's items, one per format the formats module has (on first opening). */
  renderMenu() {
    const menu = clear($("export-menu"));
    for (const f of this.fm.api.formats()) {
      for (const v of EXPORT_VARIANTS[f] || [{}]) {
        menu.append(h("button.menu-item", {
          type: "button", role: "menuitem", "data-format": f, tabindex: "-1",
          ...(v.form ? { "data-form": v.form } : {}),
          ...(v.offsets !== undefined ? { "data-offsets": v.offsets } : {}),
          text: v.text || FORMAT_NAMES[f] || f,
          on: { click: () => { this.toggleMenu(false); this.exportAs(f, v); } },
        }));
      }
    }
  }

  async toggleMenu(show) {
    const menu = $("export-menu"), btn = $("btn-export-menu");
    show ??= menu.hidden;
    if (show && !menu.querySelector(".menu-item")) {
      if (!await this.formats()) return;
      this.renderMenu();
    }
    menu.hidden = !show;
    btn.setAttribute("aria-expanded", String(show));
    // right-aligned under its button, unless the header has wrapped the
    // button to the left, where the menu would open off-screen
    if (show) menu.classList.toggle("menu-left", btn.getBoundingClientRect().right < menu.offsetWidth + 8);
    if (show) menu.querySelector(".menu-item").focus();
    else if (menu.contains(document.activeElement)) btn.focus();
  }

  menuKey(e) {
    const items = [...$("export-menu").querySelectorAll(".menu-item")];
    const i = items.indexOf(document.activeElement);
    let j = -1;
    if (e.key === "ArrowDown") j = (i + 1) % items.length;
    else if (e.key === "ArrowUp") j = (i - 1 + items.length) % items.length;
    else if (e.key === "Home") j = 0;
    else if (e.key === "End") j = items.length - 1;
    else if (e.key === "Tab") { this.toggleMenu(false); return; }
    if (j >= 0) { e.preventDefault(); items[j].focus(); }
  }

  /** @param variant an EXPORT_VARIANTS entry ({offsets, form, suffix}), or none */
  async exportAs(format, variant = {}) {
    if (!await this.formats()) return;
    let r;
    try {
      syncProject(this.fm);
      const opts = {};
      if (variant.offsets) opts.offsets = variant.offsets;
      if (variant.form) opts.form = variant.form;
      r = Object.keys(opts).length ? this.fmCall("exportAs", format, opts) : this.fmCall("exportAs", format);
    } catch (err) {
      r = { error: err };
    }
    if (r.error) { toast(`Export as ${FORMAT_NAMES[format] || format} failed: ${describeError(r.error)}`, "error"); return; }
    const res = r.value;
    const name = exportName(format, res, variant.suffix);
    const ext = /\.[^.]+$/.exec(name)[0];
    download(name, res.zip || res.files[0].data, MIME[ext] || "text/plain");
    let msg = `Exported ${name}`;
    if (this.exportToast) this.exportToast.remove(); // one export's report at a time
    this.exportToast = null;
    if (res.report.length) {
      msg += ` — not kept: ${res.report.join("; ")}`;
      this.exportToast = toast(msg, "warn", 12000); // and the status bar, cut to one line ("Show all" opens it)
    } else {
      status(msg);
    }
  }

  // ---------- import ----------

  /** Read files (refusing huge ones unread), then preview the import. */
  async importFiles(files) {
    if (lite) { toast(LITE_MESSAGE, "error"); return; }
    if (this.busy) { toast("An import is already running; cancel it first.", "error"); return; }
    const run = ++this.run;
    this.busy = true;
    this.discard();
    this.items = null;
    this.labelMap = null;
    this.handedOver = this.handedJSON = null; // a new import: the project as it is now
    this.open(files);
    this.warm(); // (loading while the files are read)
    const errors = [];
    const items = [];
    const total = files.reduce((n, f) => n + f.size, 0);
    let done = 0;
    try {
      for (const [i, f] of files.entries()) {
        this.progress(`Reading ${num(i + 1)} of ${num(files.length)}: ${f.name} (${fmtSize(f.size)})`, done / Math.max(total, 1));
        let item;
        try { item = await readFile(f); } catch (err) { errors.push(err); continue; } // files.js: the one read path
        if (run !== this.run) return; // cancelled while reading
        items.push(item);
        done += f.size;
        await yieldToPage();
        if (run !== this.run) return;
      }
      this.progress(`Importing ${plural(items.length, "file")} (${fmtSize(done)})…`, 1);
      await yieldToPage(); // paint the message before the synchronous import
      if (run !== this.run) return;
      if (errors.length) { this.showErrors(errors); return; }
      this.items = items;
      await this.preview();
    } finally {
      if (run === this.run) { this.busy = false; $("im-progress").hidden = true; }
    }
  }

  /** (Re-)run the preview of the files read, with the repair option. */
  async preview() {
    if (!this.items) return;
    this.discard();
    this.shown = null;
    if (!await this.formats()) { this.showErrors([new Error("the dataset formats could not be loaded; nothing was imported")]); return; }
    if (!this.items) return; // closed while loading
    let r;
    try {
      const items = this.items;
      await this.handOver();
      if (this.items !== items) return; // closed, or other files, meanwhile
      const opts = { repair: $("im-repair").checked, offsets: $("im-offsets").value, asSuggestions: $("im-as-sugg").checked };
      if (this.labelMap) opts.map = this.labelMap;
      else opts.autoMap = true; // start from the proposals (Person → PERSON)
      performance.mark("sm-preview-call");
      r = this.fmCall("importPreview", this.items, opts);
      performance.mark("sm-preview-returned"); // (the benchmarks' split of the preview)
    } catch (err) {
      r = { error: err };
    }
    // the format is known even when its import failed (error.format): the
    // offset choice must stay to hand when the wrong unit is what failed
    this.showOffsets(r.error ? r.error.format : r.value.format);
    if (r.error) {
      // rows the user is choosing in stay, so a mapping can be taken back
      if (!this.labelMap) renderLabelMap($("im-labels"), [], null);
      this.showErrors([r.error]);
      return;
    }
    const p = r.value;
    this.token = p.token;
    renderLabelMap($("im-labels"), p.labels, async map => {
      const which = document.activeElement && document.activeElement.dataset.label;
      this.labelMap = map;
      await this.preview();
      // the choice re-runs the preview: keep the keyboard where it was
      const again = [...$("im-labels").querySelectorAll("select")].find(s => s.dataset.label === which);
      if (again) again.focus();
    });
    $("h-import").textContent = `Import ${FORMAT_NAMES[p.format] || p.format}`;
    const sum = clear($("im-summary"));
    sum.classList.remove("err");
    this.shown = p;
    if ($("im-as-sugg").checked) {
      sum.append(h("strong", { text: `${plural(p.documents, "document")}, ${plural(p.suggestions, "suggestion")}` }),
        ` in ${p.format} format, read as suggestions (no spans: each one is accepted with Enter or rejected with X).`);
    } else {
      sum.append(h("strong", { text: `${plural(p.documents, "document")}, ${plural(p.spans, "span")}, ${plural(p.relations, "relation")}` }),
        ` in ${p.format} format.`);
    }
    const rep = clear($("im-report"));
    rep.append(h("h3", { text: p.report.length ? "Lost, repaired or added" : "Nothing lost" }));
    if (p.report.length) rep.append(lines(p.report));
    const app = clear($("im-append-report"));
    if (!p.append.possible) {
      app.append(h("h3", { text: "Cannot be added to the current project" }), h("p.err", { text: p.append.error }));
    } else if ($("im-as-sugg").checked && p.matched) {
      const added = p.documents - p.matched;
      app.append(h("h3", { text: "Adding it to the current project would" }),
        lines([`give ${plural(p.matched, "document")} of the project (same id and text) their suggestions${added ? `, and add ${plural(added, "new document")}` : ""}`, ...p.append.report]));
    } else if (p.append.report.length) {
      app.append(h("h3", { text: "Adding it to the current project would also" }),
        lines(p.append.report));
    }
    clear($("im-errors"));
    $("im-replace").disabled = false;
    $("im-append").disabled = !p.append.possible;
    // the safe choice is the default: adding keeps the project (replacing
    // it can be undone, but is not what Enter should do)
    (p.append.possible ? $("im-append") : $("im-cancel")).focus();
  }

  /** Show the offset-unit choice for the formats that have one. */
  showOffsets(format) {
    $("im-offsets-field").hidden = !UNIT_FORMATS.has(format);
  }

  commit(mode) {
    if (!this.token) return;
    // The formats module hands over the staged project, or (append) the
    // page's project with the import added, as a project file with its undo
    // histories; the core takes it whole, or changes nothing on error.
    const before = mode === "append" ? new Set((tryCall("documents").value || []).map(d => d.id)) : null;
    // replacing or adding is one undo step: the project as it is now is kept (project-undo.js)
    const what = `import of ${$("im-files").textContent || "the files"}`;
    if (mode === "replace") this.app.projectUndo.beforeReplace(what);
    let r;
    try {
      // exactly the project as it is now, with its undo histories, in one
      // go (nothing may change between reading it and replacing it); the
      // module keeps the previews' copy if it is still the project
      if (mode === "append") this.app.projectUndo.beforeReplace(what, syncProject(this.fm, true, this.handedOver && this.handedJSON));
      this.handedOver = this.handedJSON = null; // the module's project is now the import's
      r = this.fmCall("stagedProject", this.token, mode, { asSuggestions: $("im-as-sugg").checked });
      if (!r.error) r = tryCall("importProject", r.value, "import", mode === "append" ? this.fm.api.exportHistory() : "");
    } catch (err) {
      r = { error: err };
    }
    if (r.error) { this.app.projectUndo.forget(); this.showErrors([r.error], true); return; }
    this.discard();
    const docs = mode === "append" ? r.value.filter(d => !before.has(d.id)) : r.value;
    const asSugg = $("im-as-sugg").checked, pv = this.shown;
    this.close();
    // suggestions onto the project's own documents only: the open one stays
    this.app.afterProjectChange(docs[0] ? docs[0].id : this.app.docId, r.value); // (every document: listed once)
    const sugg = asSugg && pv ? ` as ${plural(pv.suggestions, "suggestion")}` : "";
    let msg = mode === "replace"
      ? `Replaced the project with ${plural(docs.length, "imported document")}${sugg}. Undo (Ctrl+Z) brings the previous project back.`
      : `Added ${plural(docs.length, "imported document")}${sugg} to the project. Undo (Ctrl+Z) takes ${docs.length === 1 ? "it" : "them"} away.`;
    if (asSugg && pv && mode === "append" && pv.matched) msg = `Added ${plural(pv.suggestions, "suggestion")}: to ${plural(pv.matched, "document")} of the project${docs.length ? ` and ${plural(docs.length, "new document")}` : ""}`;
    toast(msg, "ok", mode === "replace" ? 8000 : undefined);
  }

  open(files) {
    $("h-import").textContent = "Import";
    $("im-files").textContent = files.map(f => f.name).join(", ");
    for (const id of ["im-summary", "im-report", "im-append-report", "im-errors", "im-labels"]) clear($(id));
    $("im-labels").hidden = true;
    $("im-replace").disabled = $("im-append").disabled = true;
    $("import").hidden = false;
    $("im-cancel").focus();
  }

  progress(text, frac) {
    $("im-progress").hidden = false;
    $("im-progress-text").textContent = text;
    $("im-bar").value = frac;
  }

  /** Every error with its location, readable; the import stays unapplied. */
  showErrors(errs, keep = false) {
    const sum = clear($("im-summary"));
    sum.classList.add("err");
    const list = clear($("im-errors"));
    let n = 0;
    for (const e of errs) {
      const ps = Array.isArray(e.problems) && e.problems.length ? e.problems : [e];
      for (const p of ps) {
        n++;
        const where = p.file ? p.file + (p.line ? `:${p.line}` : "") : "";
        const li = h("li", null);
        if (where) li.append(h("span.where", { text: where }), " ");
        // the message of a problem repeats its location: show it once
        let msg = p.message || String(p);
        if (where && msg.startsWith(where + ": ")) msg = msg.slice(where.length + 2);
        li.append(h("span", { text: msg }));
        if (p.field) li.append(" ", h("span.field", { text: `(field ${p.field})` }));
        list.append(li);
      }
    }
    sum.append(h("strong", { text: keep ? "The import could not be applied" : "Nothing was imported" }),
      ` — ${plural(n, "problem")}; the current project is unchanged.`);
    if (!keep) { clear($("im-report")); clear($("im-append-report")); }
    $("im-replace").disabled = !keep;
    $("im-append").disabled = true;
    $("im-cancel").focus();
  }

  discard() {
    if (this.token) { this.fmCall("importDiscard", this.token); this.token = null; }
  }

  close() {
    this.run++; // stops a read in progress
    this.busy = false;
    this.discard();
    this.items = null;
    this.labelMap = null;
    this.handedOver = this.handedJSON = null;
    $("im-repair").checked = false;
    $("im-as-sugg").checked = false;
    $("im-offsets").value = "";
    $("im-offsets-field").hidden = true;
    $("im-progress").hidden = true;
    $("import").hidden = true;
    this.app.article.focus({ preventScroll: true });
  }
}
