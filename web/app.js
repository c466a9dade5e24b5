// app.js — the annotation page. Selection → offsets (UTF-16, from DOM
// Ranges) → one bridge call → repaint what the ChangeView says changed.
// Every rule (snapping, grapheme widening, overlap, matching) is the core's.

import { start, call, tryCall, sm } from "./bridge.js";
import { TextView } from "./textview.js";
import { Painter } from "./paint.js";
import { renderSpan, SidePanels, fragsLabel, chip } from "./panels.js";
import { h, clear, toast, errorToast, status, statusAfterPaint, describeError, isTyping, download, plural, num, ellipsize, afterPaint, idle } from "./util.js";
import * as store from "./store.js";
import "./offline.js"; // service worker: reload with the network gone (not from file://)
import { DatasetIO } from "./io.js";
import { lite, LITE_MESSAGE, formatsModule, syncProject } from "./formats.js";
import * as regex from "./regex.js";
import { DocList } from "./docs.js";
import { readFile, looksLikeJSON } from "./files.js";
import { ProjectUndo } from "./project-undo.js";
import { DocEdit } from "./docedit.js";
import { Annotator } from "./annotator.js";
import { DropZone } from "./dropzone.js";
import { FontSize } from "./look.js";
import { LabelGuide } from "./guide.js";
import { showEarly } from "./preview.js";

const SAMPLES = [
  { url: "sample/iran-us-talks.txt", id: "iran-us-talks", title: "U.S., Iran Holding Secret Talks to Renew Diplomatic Ties, Times Reports" },
  { url: "sample/gulf-shipping-multilingual.txt", id: "gulf-shipping-multilingual", title: "Envoys Trade Claims Over Gulf Shipping Lanes" },
];
const RELATION_KEYS = { claimant: "c", cue: "u" };
/** Files Open… hands to the dataset import by their name alone. */
const DATASET_FILE = /\.(jsonl|ndjson|conll|conllu|iob|iob2|bio|ann|zip)$/i;
/** Why label-all skipped a match, by the core's error code. */
const SKIP_REASONS = { duplicate_span: "already labelled so", crossing_span: "would cross a span", splits_grapheme: "would split a character" };

const $ = id => document.getElementById(id);

class App {
  constructor() {
    this.article = $("article");
    this.scroller = $("docpane");
    this.view = new TextView(this.article);
    this.painter = new Painter(this.view, this.scroller, $("docwrap"), $("overlay"));
    this.schema = null;
    this.docId = null;
    this.snap = "word";
    this.link = null;      // {type, from, allowed, candidates}
    this.pick = null;      // {off, ids, i}
    this.counts = {};
    this.labelButtons = new Map();
    this.hotkeys = new Map();
    this.panels = new SidePanels(this); // claims and entities lists, updated when idle
    this.scrollFrame = 0;
    this.lastTop = 0;     // the scroll position of the last scroll frame: the scroll's direction
    this.narrowTimer = 0; // narrows the window once a scroll stops (updateWindow)
    this.selFrame = 0;
    this.mouse = null;
    this.lastSel = null;
    this.panelToken = 0; // bumped by each selection: a deferred side-panel render checks it is still current
    this.io = new DatasetIO(this); // dataset import/export (io.js)
    this.docs = new DocList(this); // the document list, progress, adding articles (docs.js)
    this.schemaEditor = null; // the schema dialog (schema-editor.js), loaded on first use (openSchema)
    this.schemaLoad = null;
    this.projectUndo = new ProjectUndo(this); // undo of "Replace project" (project-undo.js)
    this.docEdit = new DocEdit(this); // the open document's labels, rename, metadata, delete (docedit.js)
    this.linkPicker = null; // claimant / cue chooser (linkpop.js), loaded on the first C or U (showLinkPicker)
    this.annotator = new Annotator(); // who is annotating (annotator.js)
    this.compare = null; // "Compare…": adjudication of several annotators' works (compare.js), loaded on first use (loadCompare)
    this.compareLoad = null;
    this.finder = null; // Find in the article (find.js), made on first use
    this.labelGuide = new LabelGuide(this); // the labels panel, with their descriptions (guide.js)
    this.arcs = null; // the selected span's relations in the text (relarcs.js), loaded on the first selection (showArcs)
    this.arcsFor = null; // the span they are to show once loaded
    this.edges = null; // drag the selected span's start and end (edgedrag.js), loaded on the first selection (showEdges)
  }

  // ---------- start-up ----------

  async init() {
    this.bindUI();
    this.annotator.bind();
    this.docs.bind();
    this.docEdit.bind();
    $("btn-schema").addEventListener("click", () => this.openSchema());
    const params = new URLSearchParams(location.search);
    const proj = params.get("project");
    // fetch the project (or the samples) while the wasm compiles
    let projBytes = null, url = null;
    if (proj) {
      url = new URL(proj, location.href);
      if (url.origin !== location.origin) throw new Error("?project= must name a file on this server");
    }
    // (the samples, and on a first visit the project: as boot.js fetched them from the page's first bytes, when it did)
    const early = globalThis.spanmarkEarly || {};
    const get = u => fetch(u).then(r => r.ok ? r.text() : Promise.reject(new Error(`could not load ${u}: HTTP ${r.status}`)));
    const samples = proj ? null : Promise.all(SAMPLES.map(s => early[s.url] ? early[s.url].catch(() => get(s.url)) : get(s.url)));
    // the article's text as soon as it is here, while the core starts (preview.js)
    let coreUp = false;
    const firstVisit = !store.maySaved(); // (read before the store opens, which sets it)
    if (samples) showEarly(this, samples, SAMPLES, () => coreUp, params.get("doc"));
    const saved = store.open(this, proj ? "url:" + url.pathname : "samples"); // autosave: IndexedDB opens meanwhile
    if (proj) {
      // The file's bytes, as the core takes them. On a first visit boot.js
      // asked for them at the page's first bytes (nothing can be restored);
      // afterwards not at all when autosave restores this project (a long
      // file would compete with the wasm's download and compile for
      // nothing), else at low priority: it is needed only once the wasm is ready.
      const getProj = priority => fetch(url, { priority }).then(r => r.ok ? r.arrayBuffer() : Promise.reject(new Error(`could not load ${url.pathname}: HTTP ${r.status}`)));
      projBytes = firstVisit ? (early[url.href] ? early[url.href].catch(() => getProj("auto")) : getProj("auto")) :
        saved.then(() => store.restoresSaved() ? null : getProj("low"));
      projBytes.catch(() => {}); // awaited below only when needed; its error is reported there
    }
    await start();
    coreUp = true;
    this.io.bind();
    // A first visit (store.maySaved: this browser never opened the store)
    // has nothing to restore, but from a store saved by a page older than
    // that flag: the samples open while the store does (its first open on
    // a fresh profile answered 100-200 ms after the core), and a saved
    // project, if the store turns out to hold one, replaces them as usual.
    let opened = false;
    let loaded; // the project file the core just loaded, saved as it is
    if (samples && firstVisit) {
      try {
        this.openSamples(await samples, params.get("doc"));
        opened = true;
      } catch { /* the samples are needed below: their error is reported there */ }
    } else if (proj && firstVisit) {
      loaded = await this.openProjectFile(projBytes, url, params.get("doc")); // its error stops start-up, as below
      opened = true;
    }
    // Opened while the store still opens (on a fresh profile it answered
    // 100-700 ms after the core): interactive now, changes journaled in
    // memory until it has (store.beginEarly); begin() below then saves.
    if (opened) {
      store.beginEarly();
      await this.interactive();
    }
    // Start-up is never a dead end: if the saved work cannot be restored
    // (a base the core refuses, a page that fails to show it), the page
    // starts with an empty project and the store keeps the saved data as it
    // is, offering to download it or set it aside (store.notRestored).
    let restored;
    try {
      restored = await store.restore(saved);
      if (restored) this.afterProjectChange(params.get("doc"));
    } catch (err) {
      store.notRestored(err);
      store.unjournaled("newProject")(); // (journaled already after beginEarly)
      this.afterProjectChange(null);
      restored = true; // nothing else is opened over it
    }
    if (restored) {
      if (samples) samples.catch(() => {}); // not needed
      loaded = undefined;
    } else if (opened) {
      // opened above, while the store opened
    } else if (proj) {
      loaded = await this.openProjectFile(projBytes, url, params.get("doc"));
    } else {
      this.openSamples(await samples, params.get("doc"));
    }
    store.begin(restored, loaded); // from here on every change is journaled (and saved)
    if (!opened) await this.interactive();
    document.documentElement.dataset.stored = "1"; // the store has begun (tests)
  }

  /** The page answers keys from here; resolves once the first frame with the article has been painted. */
  async interactive() {
    this.annotator.start();
    $("loading").remove();
    // Interactive once that frame has been painted: a task queued from its
    // animation callback runs right after its style, layout and paint (the
    // idiom BenchmarkAddSpanPaint uses too).
    await new Promise(r => requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = r;
      ch.port2.postMessage(0);
    }));
    performance.mark("sm-interactive");
    document.documentElement.dataset.ready = "1";
  }

  /** Open the project file fetched from url (bytes, as the core takes them), showing openId or its first document; returns the bytes. */
  async openProjectFile(bytes, url, openId) {
    const t0 = performance.now();
    const data = new Uint8Array(await bytes);
    performance.measure("sm-fetch-wait", { start: t0, end: performance.now() });
    const t1 = performance.now();
    const docs = sm.loadProject(data, url.pathname.split("/").pop());
    performance.measure("sm-loadProject", { start: t1, end: performance.now() });
    this.afterProjectChange(openId || (docs[0] && docs[0].id));
    return data;
  }

  /** A new project of the sample articles (their texts as fetched), opening openId or the first. */
  openSamples(texts, openId) {
    sm.newProject();
    SAMPLES.forEach((s, i) => call("addDocument", s.id, s.title, texts[i], { source: "sample" }));
    this.afterProjectChange(openId || SAMPLES[0].id);
  }

  /** The schema or the document list changed (new project, loaded file).
   * listed: the project's documents when the caller has them (what
   * loadProject and importProject return), not to be listed again (20,000
   * of them cost ~0.1 s to list and parse). */
  afterProjectChange(openId, listed) {
    this.docEdit.forget(); // deleted documents belong to the project they came from
    this.applySchema();
    this.renderDocList(listed);
    const docs = this.docs.docs; // the list's copy: asking the core again lists every document again
    const id = docs.some(d => d.id === openId) ? openId : docs[0] && docs[0].id;
    if (id) this.openDoc(id); else this.openDoc(null);
    performance.mark("sm-project-shown"); // BenchmarkManyDocuments, BenchmarkImportDataset
  }

  /** Take the core's schema: highlights, hotkeys, label bar (after a load or a schema edit; the caller repaints spans). */
  applySchema() {
    this.schema = sm.schema();
    this.painter.setSchema(this.schema);
    this.hotkeys.clear();
    for (const l of this.schema.labels) if (l.hotkey) this.hotkeys.set(l.hotkey.toLowerCase(), l.name);
    this.renderLabelBar();
    this.labelGuide.render();
    this.renderLabelAllLabels();
  }

  renderDocList(docs) { this.docs.render(docs); }

  /** The edited document's row in the document list and its entry in the
   * menu (span count, status): after the frame that shows the edit, which
   * they would otherwise make longer. */
  updateDocOption() {
    if (!this.docId) return;
    if (!this.docsDirty) {
      this.docsDirty = new Set();
      afterPaint(() => {
        const ids = this.docsDirty;
        this.docsDirty = null;
        for (const id of ids) this.docs.update(id);
      });
    }
    this.docsDirty.add(this.docId);
  }

  openDoc(id) {
    this.cancelLink(true);
    this.pick = null;
    this.painter.clearSpans();
    this.showArcs(null); // they were the previous document's selected span's
    this.showEdges(null);
    $("sel-info").textContent = ""; // it described a span of the previous document
    this.docId = id;
    this.docs.setCurrent(id);
    try { // a reload reopens this document (?doc=, as start-up reads it)
      const u = new URL(location.href);
      if (id) u.searchParams.set("doc", id); else u.searchParams.delete("doc");
      if (u.href !== location.href) history.replaceState(history.state, "", u);
    } catch { /* an address the browser will not change (file: in some browsers) */ }
    if (!id) {
      this.view.setText("");
      $("doc-title").textContent = "No document";
      $("doc-meta").textContent = "";
      this.docEdit.head(null);
      this.compareDocOpened();
      return;
    }
    const info = sm.document(id);
    this.view.setText(sm.text(id));
    $("doc-title").textContent = info.title || info.id;
    $("doc-title").dir = "auto";
    const m = info.meta || {};
    $("doc-meta").textContent = [m.source, m.date, plural(info.lengthCP, "character"), info.annotator && "by " + info.annotator].filter(Boolean).join(" · ");
    this.docEdit.head(info);
    $("doc-select").value = id;
    this.scroller.scrollTop = 0;
    this.counts = sm.counts(id);
    this.updateCounts();
    const u = call("undoState", id);
    this.setUndo(u && u.canUndo, u && u.canRedo);
    // suggestions: suggest.js starts with the first document that has some
    if (this.suggest) this.suggest.openDoc();
    else if ((call("suggestionCounts", id) || []).length) this.startSuggest().then(sg => sg && id === this.docId && sg.openDoc());
    this.updateWindow(true);
    renderSpan(this, null);
    this.schedulePanels(0);
    this.compareDocOpened();
    if (this.finder) this.finder.docChanged();
  }

  /** The suggestions' drawing, keys and panel (suggest.js), made on first use. */
  async startSuggest() {
    if (!this.suggest) {
      let m;
      try { m = await lazyModule("suggest.js"); } catch (err) { errorToast(err, "Suggestions could not be loaded: "); return null; }
      if (!this.suggest) {
        this.suggest = m.makeSuggest(this, { call, tryCall, h, clear, toast, status, errorToast, plural, num, formatsModule, syncProject });
        this.suggest.setWindow(...this.painter.win);
      }
    }
    return this.suggest;
  }

  /** Ctrl+F or the Find button: the search box (find.js), made on first use. */
  async openFind() {
    if (!this.finder) {
      let m;
      try { m = await lazyModule("find.js"); } catch (err) { errorToast(err, "Find could not be loaded: "); return; }
      this.finder ??= m.makeFind(this, { h, plural, num, describeError, tryCall });
    }
    this.finder.open();
  }

  // ---------- UI wiring ----------

  bindUI() {
    window.addEventListener("error", e => toast("Unexpected error: " + (e.message || e.error), "error"));
    window.addEventListener("unhandledrejection", e => toast("Unexpected error: " + describeError(e.reason), "error"));
    $("doc-select").addEventListener("change", e => this.openDoc(e.target.value));
    $("btn-open").addEventListener("click", () => $("open-file").click());
    $("open-file").addEventListener("change", e => { this.openFiles([...e.target.files]); e.target.value = ""; });
    $("btn-undo").addEventListener("click", () => this.undo());
    $("btn-redo").addEventListener("click", () => this.redo());
    $("snap").addEventListener("change", e => this.setSnap(e.target.checked ? "word" : "char"));
    $("btn-export").addEventListener("click", () => this.exportProject());
    $("btn-help").addEventListener("click", () => this.toggleHelp(true));
    $("btn-stats").addEventListener("click", () => this.openStats());
    $("btn-compare").addEventListener("click", () => this.loadCompare().then(c => c && c.openDialog()));
    $("help-close").addEventListener("click", () => this.toggleHelp(false));
    $("btn-labelall").addEventListener("click", () => this.openLabelAll());
    $("btn-suggest").addEventListener("click", () => this.startSuggest().then(sg => sg && sg.openPanel()));
    $("btn-find").addEventListener("click", () => this.openFind());
    $("la-cancel").addEventListener("click", () => this.closeLabelAll());
    $("labelall-form").addEventListener("submit", e => { e.preventDefault(); this.applyLabelAll(); });
    for (const id of ["la-pattern", "la-label", "la-regex", "la-case", "la-word"]) {
      $(id).addEventListener(id === "la-pattern" ? "input" : "change", () => this.previewLabelAll());
    }
    for (const m of [$("labelall"), $("help")]) {
      m.addEventListener("mousedown", e => { if (e.target === m) m.id === "help" ? this.toggleHelp(false) : this.closeLabelAll(); });
    }

    document.addEventListener("keydown", e => this.onKey(e));
    this.article.addEventListener("mousedown", e => {
      if (e.button !== 0) return;
      this.mouse = { x: e.clientX, y: e.clientY, alt: e.altKey, ctrl: e.ctrlKey || e.metaKey };
    });
    document.addEventListener("mouseup", e => {
      const m = this.mouse;
      this.mouse = null;
      if (!m || e.button !== 0) return;
      const moved = Math.abs(e.clientX - m.x) + Math.abs(e.clientY - m.y) > 3;
      this.onMouseUp(e, m, moved);
    });
    document.addEventListener("selectionchange", () => {
      if (this.selFrame) return;
      this.selFrame = requestAnimationFrame(() => { this.selFrame = 0; this.onSelectionChange(); });
    });
    this.article.addEventListener("focus", () => {
      $("docwrap").classList.toggle("focus-ring", this.article.matches(":focus-visible"));
      this.onSelectionChange();
    });
    // Copying gives the text as loaded, not the DOM's rendering of it:
    // CRLF kept, a long line's block cuts (textview.js) not turned into
    // line breaks, and no tags.
    this.article.addEventListener("copy", e => {
      const r = this.view.selection();
      if (!r || r[1] <= r[0] || !e.clipboardData) return;
      e.clipboardData.setData("text/plain", this.view.text.slice(r[0], r[1]));
      e.preventDefault();
    });
    this.article.addEventListener("blur", () => { $("docwrap").classList.remove("focus-ring"); this.painter.showCaret(null); });
    // a mouse-focused article becomes :focus-visible once keys are used
    this.article.addEventListener("keydown", () => {
      if (!$("docwrap").classList.contains("focus-ring") && this.article.matches(":focus-visible")) $("docwrap").classList.add("focus-ring");
    });
    this.scroller.addEventListener("scroll", () => {
      if (this.scrollFrame) return;
      // one frame: read the visible lines, then draw the tags that come into
      // view; the window reaches half a screen ahead while scrolling
      this.scrollFrame = requestAnimationFrame(() => {
        this.scrollFrame = 0;
        const top = this.scroller.scrollTop, dir = Math.sign(top - this.lastTop);
        this.lastTop = top;
        this.updateWindow(false, dir || 1);
        this.painter.flush();
      });
      // and back to the text on screen once the scroll has stopped (see
      // updateWindow; not on scrollend, which each programmatic scroll fires)
      clearTimeout(this.narrowTimer);
      this.narrowTimer = setTimeout(() => { this.updateWindow(true); this.painter.flush(); }, 200);
    }, { passive: true });
    // the article's size changes when fonts load, on resize and when off-screen
    // blocks are laid out: the tags are remeasured (those in view only)
    new ResizeObserver(() => { this.painter.relayout(); this.updateWindow(false); this.painter.flush(); }).observe(this.article);
    // drag and drop of .txt / project files; the drop zone says what a drop will do (dropzone.js)
    new DropZone().bind();
    new FontSize(this).bind(); // the article's font size (look.js)
    $("btn-more").addEventListener("click", () => this.openMore()); // the tools a narrow window hides (more.js)
    document.addEventListener("dragover", e => { if (e.dataTransfer && [...e.dataTransfer.types].includes("Files")) e.preventDefault(); });
    document.addEventListener("drop", e => {
      if (!e.dataTransfer || !e.dataTransfer.files.length) return;
      e.preventDefault();
      const files = [...e.dataTransfer.files];
      // folders (their entries taken now, during the event): annotators'
      // brat folders may be works to compare, not a dataset (compare.js asks)
      const entries = e.dataTransfer.items ? [...e.dataTransfer.items].filter(i => i.kind === "file").map(i => i.webkitGetAsEntry && i.webkitGetAsEntry()) : [];
      if (!lite && entries.some(x => x && x.isDirectory)) { this.loadCompare().then(c => c && c.droppedOutside(entries, files)); return; }
      // plain .txt files are new articles; anything else is a dataset import
      // (the lite single file has no formats: a .json there is a spanmark project, opened by the core)
      const plain = lite ? /\.(txt|json)$/i : /\.txt$/i;
      if (files.every(f => plain.test(f.name))) this.openFiles(files); else this.io.importFiles(files);
    });
    this.renderHelp();
  }

  renderLabelBar() {
    const bar = clear($("labels"));
    this.labelButtons.clear();
    for (const l of this.schema.labels) {
      const count = h("span.n", { text: "0" });
      const b = h("button.lbl." + this.painter.cls(l.name), {
        type: "button",
        title: (l.description ? l.description + " — " : "") + (l.hotkey ? `key ${l.hotkey}` : "no key"),
        "aria-label": `Label ${l.name}` + (l.hotkey ? ` (key ${l.hotkey})` : ""),
        "aria-keyshortcuts": l.hotkey || undefined,
        on: {
          mousedown: e => e.preventDefault(), // keep the text selection
          click: () => this.labelKey(l.name),
        },
      }, l.hotkey ? h("kbd", { text: l.hotkey }) : null, h("span.swatch." + this.painter.cls(l.name)), h("span.name", { text: l.name }), count);
      this.labelButtons.set(l.name, { b, count });
      bar.append(b);
    }
  }

  updateCounts() {
    this.labelGuide.counts(this.counts);
    for (const [name, { count }] of this.labelButtons) {
      const t = num(this.counts[name] || 0);
      if (count.textContent !== t) count.textContent = t;
    }
  }

  /** The Undo and Redo buttons, as the core says (the open document's
   * history) or a replaced project can be brought back (project-undo.js). */
  setUndo(canUndo, canRedo) {
    this.undoState = [!!canUndo, !!canRedo]; // what a deferred updateChrome shows
    $("btn-undo").disabled = !canUndo && !this.projectUndo.canUndo() && !this.docEdit.canUndo();
    $("btn-redo").disabled = !canRedo && !this.projectUndo.canRedo() && !this.docEdit.canRedo();
  }

  setSnap(mode) {
    this.snap = mode;
    $("snap").checked = mode === "word";
    status(mode === "word" ? "Snapping selections to whole words" : "Character mode: selections are kept exactly (whole characters)");
  }

  // ---------- the window of painted spans ----------

  /** Give the painter the spans around the text on screen. ahead: the
   * direction of a scroll (1 down, -1 up), 0 when not scrolling. */
  updateWindow(force, ahead = 0) {
    if (!this.docId) return;
    const { first, last, start: vs, end: ve } = this.view.visible(this.scroller);
    if (last < first) return;
    this.painter.setLines(first, last);
    const [ws, we] = this.painter.win;
    if (!force && vs >= ws && ve <= we) return;
    // The text on screen, not its whole paragraphs, and an eighth of a
    // screen (at least 200 characters, two rows or more, which also covers
    // the estimate of the part of a paragraph that shows) of margin on each
    // side. Every span in the window has Ranges in the highlights, and when
    // any highlight changes Chromium rebuilds the markers of all of them and
    // repaints the text they are in: each Range costs ~20 µs of paint in the
    // frame of every new span. With half a screen each side, adding a span
    // took about 1 ms more of work (BenchmarkAddSpanPaint ms-work median
    // 9.2-9.8 -> 8.4-8.6 ms); whole paragraphs instead of the rows on
    // screen held 28 Ranges on the 1M article instead of 17 (then
    // ms-work 8.1-8.7 ms, now 7.2-7.7). The window follows the scroll in
    // each scroll frame, so a line a scroll brings in is highlighted in the
    // frame that shows it, except in a fling of more than about 80 px a
    // frame, where the compositor may show the edge a frame before its
    // highlights. While scrolling the window also reaches half a screen
    // ahead, so that it moves every few frames rather than in each one
    // (BenchmarkScroll1M: a window change is a frame with a DOM write), and
    // it narrows again when the scroll ends.
    const size = Math.max((ve - vs) >> 3, 200), more = (ve - vs) >> 1;
    const a = Math.max(0, vs - size - (ahead < 0 ? more : 0)), b = Math.min(this.view.length, ve + size + (ahead > 0 ? more : 0));
    const spans = call("spansIn", this.docId, a, b);
    if (spans) this.painter.setWindow(a, b, spans);
    if (this.suggest) this.suggest.setWindow(a, b);
  }

  // ---------- changes ----------

  /** Repaint what a ChangeView says changed. */
  applyChange(cv, opts = {}) {
    if (!cv) return;
    const p = this.painter;
    // the selected span as it was: removing it (p.remove) clears p.selected,
    // and the side panel must then be cleared too
    const sel = p.selected;
    if (!/^(undo|redo) /.test(cv.op)) { this.projectUndo.edited(); this.docEdit.edited(); this.annotator.edited(); }
    for (const id of cv.removed) p.remove(id);
    for (const s of cv.added) p.upsert(s);
    for (const s of cv.updated) p.upsert(s);
    if (cv.counts) { this.counts = cv.counts; this.countsDirty = true; }
    this.undoState = [cv.canUndo, cv.canRedo];
    if (opts.later) this.chromeAfterPaint(); else this.updateChrome();
    if (opts.select) {
      this.selectSpan(opts.select, { later: opts.later });
    } else if (sel) {
      const upd = cv.updated.find(s => s.id === sel.id) || cv.added.find(s => s.id === sel.id);
      if (cv.removed.includes(sel.id)) { this.selectSpan(null); }
      else if (upd || cv.relationsAdded.length || cv.relationsRemoved.length) this.selectSpan(upd || sel, { keepPick: true });
    }
    this.panels.change(cv);
    if (this.suggest) this.suggest.change(cv);
    if (this.compare) this.compare.changed(cv);
    else if (cv && cv.undecided) this.compareDocOpened();
  }

  /** The label counts, the document's row and the undo buttons, as of the latest change. */
  updateChrome() {
    if (this.countsDirty) { this.countsDirty = false; this.updateCounts(); this.updateDocOption(); }
    if (this.undoState) this.setUndo(...this.undoState);
  }

  chromeAfterPaint() {
    if (this.chromeQueued) return;
    this.chromeQueued = true;
    afterPaint(() => { this.chromeQueued = false; this.updateChrome(); });
  }

  /** Run an editing call; apply its change. Returns the ChangeView or undefined. */
  edit(name, ...args) {
    const cv = call(name, ...args);
    if (cv) this.applyChange(cv);
    return cv;
  }

  /** Rebuild the side panels' lists when idle (another document, a schema edit). */
  schedulePanels() { this.panels.refresh(); }

  renderPanels() { this.panels.render(); }
  claims() { return call("claims", this.docId) || []; }
  allSpans() { return call("spansIn", this.docId, 0, this.view.length) || []; }
  entries(label, limit) { return call("entries", this.docId, label, limit); }
  nextWithText(label, text, after) { return call("nextWithText", this.docId, label, text, after); }

  // ---------- selection → span ----------

  /** Label key or button: label the text selection, or relabel the selected span. */
  labelKey(label) {
    if (!this.docId) return;
    if (this.link) { status("Finish or cancel linking first (Esc)"); return; }
    const r = this.view.selection();
    if (r && r[1] > r[0]) return this.addSpan(label, r[0], r[1]);
    const sel = this.painter.selected;
    if (sel) {
      if (sel.label !== label) this.edit("relabel", this.docId, sel.id, label);
      return;
    }
    status("Select some text first, then press a label key");
  }

  addSpan(label, s, e) {
    // no options for the core's default (whole words): reading an options
    // object is several crossings into JavaScript for the core
    const cv = call("addSpan", this.docId, label, [s, e], this.snap === "word" ? undefined : { snap: this.snap });
    if (!cv) return;
    // before any DOM write: changing the selection with the layout clean
    // costs nothing, after one it forces a layout of the page
    document.getSelection().removeAllRanges();
    this.pick = null;
    // The frame after the key shows the new span's colour and, of our DOM,
    // only the save indicator (store.js: it must never say "Saved" early):
    // its tag, outline, side panel, counts and status line follow in the
    // next one. Each DOM write would add style, layout and paint to that
    // frame (BenchmarkAddSpanPaint: 14 -> 10 ms of work per key).
    this.painter.drawLater();
    this.applyChange(cv, { select: cv.added[0], later: true });
    const a = cv.added[0];
    if (a) statusAfterPaint(`Added ${a.label} “${ellipsize(a.text.join(" … "), 50)}”`);
  }

  addFragmentFromSelection() {
    const sel = this.painter.selected;
    const r = this.view.selection();
    if (!sel || !r || r[1] <= r[0]) { status("Select a span, then select more text to add it as a fragment"); return; }
    const cv = call("addFragment", this.docId, sel.id, r[0], r[1], { snap: this.snap });
    if (!cv) return;
    document.getSelection().removeAllRanges();
    this.applyChange(cv);
    status(`Added a fragment to ${sel.label} ${sel.id}`);
  }

  /** Alt+Shift+←/→ move the selected span's end, Alt+Shift+↑/↓ its start
   * (earlier / later), a word at a time, or a character in character mode. */
  moveEdge(key) {
    const sel = this.painter.selected;
    const edge = key === "ArrowLeft" || key === "ArrowRight" ? "end" : "start";
    const later = key === "ArrowRight" || key === "ArrowDown";
    const r = tryCall("moveEdge", this.docId, sel.id, edge, later, this.snap);
    if (r.error) { status(describeError(r.error)); return; }
    this.applyChange(r.value);
    const s = r.value.updated.find(x => x.id === sel.id);
    if (s) status(`${s.label} is now “${ellipsize(s.text.join(" … "), 50)}”`);
  }

  removeSelected() {
    const sel = this.painter.selected;
    if (!sel) return;
    const cv = call("removeSpan", this.docId, sel.id);
    if (cv) { this.applyChange(cv); status(`Deleted ${sel.label} “${ellipsize(sel.text.join(" "), 40)}”`); this.article.focus({ preventScroll: true }); }
  }

  relabel(label) {
    const sel = this.painter.selected;
    if (sel && sel.label !== label) this.edit("relabel", this.docId, sel.id, label);
  }

  selectedId() { return this.painter.selected ? this.painter.selected.id : null; }

  selectSpan(span, opts = {}) {
    if (!opts.keepPick) this.pick = opts.pick || null;
    if (span && this.link && span.id !== this.link.from) this.cancelLink(true);
    this.painter.select(span);
    // A span just added from the keyboard gets its side panel (a label
    // select, a note box, attribute fields) and its line in the status bar
    // right after the frame that shows its highlight (see addSpan). Any
    // other selection renders them now, and a deferred render still pending
    // is stale.
    const token = ++this.panelToken;
    const render = () => {
      renderSpan(this, span, this.pick);
      for (const b of $("claims").querySelectorAll(".claim.current")) b.classList.remove("current");
      $("sel-info").textContent = span ? `${span.label} ${span.id} · ${fragsLabel(span)}` : "";
      this.showArcs(span);
      this.showEdges(span);
    };
    // a key that needs the panel before that frame (Enter) draws it now
    this.panelLater = opts.later ? () => { if (this.panelToken === token) { this.panelLater = null; render(); } } : null;
    if (opts.later) afterPaint(() => this.panelLater?.());
    else render();
    if (span && opts.scroll) this.scrollToSpan(span);
  }

  spanById(id) { return tryCall("span", this.docId, id).value; }
  relationsOf(id) { return call("relationsOf", this.docId, id) || []; }
  relationKey(type) { return RELATION_KEYS[type]; }

  scrollToSpan(span) {
    const off = span.frags[0];
    const li = this.view.lineAt(off);
    const para = this.view.para(li);
    if (!para) return;
    const sb = this.scroller.getBoundingClientRect();
    const refine = () => {
      const rect = this.view.range(off, Math.min(off + 1, span.frags[1])).getBoundingClientRect();
      if (rect.top < sb.top + 40 || rect.bottom > sb.bottom - 40) {
        this.scroller.scrollTop += rect.top - sb.top - sb.height / 3;
      }
    };
    const pr = para.getBoundingClientRect();
    if (pr.bottom < sb.top || pr.top > sb.bottom) para.scrollIntoView({ block: "center" });
    refine();
    this.updateWindow(false);
    requestAnimationFrame(() => { refine(); this.updateWindow(false); this.painter.flash(span.frags); });
  }

  // ---------- mouse ----------

  onMouseUp(e, m, moved) {
    if (!this.docId) return;
    const r = this.view.selection();
    if (r && r[1] > r[0]) {
      if ((m.alt || m.ctrl) && this.painter.selected) { this.addFragmentFromSelection(); return; }
      this.lastSel = r;
      return;
    }
    if (moved) return;
    const off = this.hitOffset(e.clientX, e.clientY);
    if (off < 0) return;
    const spans = call("spansAt", this.docId, off) || [];
    if (this.link) {
      const ok = spans.filter(s => this.link.allowed.includes(s.label));
      if (ok.length) this.finishLink(ok[ok.length - 1]);
      else status(`That is not a ${this.link.allowed.join(" / ")} span — click one, or press Esc`);
      return;
    }
    if (!spans.length) {
      if (this.painter.selected) this.selectSpan(null);
      this.pick = null;
      return;
    }
    const ids = spans.map(s => s.id).join(",");
    let i;
    if (this.pick && this.pick.ids === ids) i = (this.pick.i - 1 + spans.length) % spans.length; // outward
    else i = spans.length - 1; // innermost first
    this.pick = { ids, i, n: spans.length };
    this.selectSpan(spans[i], { keepPick: true });
    this.article.focus({ preventScroll: true });
  }

  /** The offset of the character under (x, y): the caret position, moved back when the point is on the character before it. */
  hitOffset(x, y) {
    let off = this.view.offsetAtPoint(x, y);
    if (off > 0) {
      const r = this.view.range(off - 1, off).getBoundingClientRect();
      if (x >= r.left - 0.5 && x <= r.right + 0.5 && y >= r.top && y <= r.bottom) off = off - 1;
    }
    return off;
  }

  onSelectionChange() {
    const sel = document.getSelection();
    const r = this.view.selection();
    const info = $("sel-info");
    if (r && r[1] > r[0]) {
      this.lastSel = r;
      info.textContent = `${num(r[1] - r[0])} selected — press 1–9 to label`;
      this.painter.showCaret(null);
      return;
    }
    // no text selected (any more): the line describes the selected span, or nothing
    const span = this.painter.selected;
    const t = span ? `${span.label} ${span.id} · ${fragsLabel(span)}` : "";
    if (info.textContent !== t) info.textContent = t;
    if (r && document.activeElement === this.article && sel.rangeCount) {
      this.painter.showCaret(sel.getRangeAt(0));
    } else {
      this.painter.showCaret(null);
    }
  }

  // ---------- keyboard ----------

  onKey(e) {
    const k = e.key;
    const mod = e.ctrlKey || e.metaKey;
    if (!$("help").hidden) {
      if (k === "Escape" || k === "?") { e.preventDefault(); this.toggleHelp(false); }
      return;
    }
    if (!$("labelall").hidden) {
      if (k === "Escape") { e.preventDefault(); this.closeLabelAll(); }
      return;
    }
    // dialogs that handle their own keys, listed once: neither a selector
    // nor a live list (which walks the whole document again after any
    // change to it) may go over the article's elements on every key: that
    // was 2.3 ms a key on an article of 138,000 short lines
    this.ownKeys ??= [...document.getElementsByClassName("own-keys")];
    for (const m of this.ownKeys) if (!m.hidden) return;
    if (mod && !e.altKey) {
      const lk = k.toLowerCase();
      if (lk === "s" || lk === "e") { e.preventDefault(); this.exportProject(); return; }
      if (lk === "o") { e.preventDefault(); $("open-file").click(); return; }
      if (lk === "f" && !e.shiftKey) { e.preventDefault(); this.openFind(); return; }
      if (isTyping(e.target) && e.target.tagName !== "SELECT") return; // native undo in text fields (a list has none)
      if (k === "Enter" && !e.shiftKey) { e.preventDefault(); this.docs.markDone(); return; }
      if (lk === "z" && !e.shiftKey) { e.preventDefault(); this.undo(); return; }
      if ((lk === "z" && e.shiftKey) || lk === "y") { e.preventDefault(); this.redo(); return; }
      // Ctrl+arrows move (Shift: extend) by word from a caret in the article
      if (e.target === this.article && /^(ArrowLeft|ArrowRight|Home|End)$/.test(k)) this.caretKey(e);
      return;
    }
    if (isTyping(e.target)) {
      if (k === "Escape") { e.preventDefault(); e.target.blur(); this.article.focus({ preventScroll: true }); }
      return;
    }
    if (this.compare && this.compare.onKey(e)) return; // adjudicating: { } and Shift+digits
    if (e.altKey && e.shiftKey && k.startsWith("Arrow") && this.painter.selected) { e.preventDefault(); this.moveEdge(k); return; }
    if (e.altKey && (k === "ArrowDown" || k === "ArrowUp")) { e.preventDefault(); this.nextDoc(k === "ArrowDown" ? 1 : -1); return; }
    if (k === "?") { e.preventDefault(); this.toggleHelp(true); return; }
    if (k === "F2" && !e.shiftKey) { e.preventDefault(); this.docEdit.open(); return; }
    if (k === "Escape") {
      if (this.link) { this.cancelLink(); return; }
      const s = document.getSelection();
      if (s && !s.isCollapsed && this.view.selection()) { s.collapseToEnd(); return; }
      if (this.painter.selected) { this.selectSpan(null); return; }
      if (this.finder && this.finder.isOpen) this.finder.close();
      return;
    }
    if (e.altKey) return;
    if (this.link && /^[1-9]$/.test(k)) {
      const c = this.link.candidates[Number(k) - 1];
      if (c) { e.preventDefault(); this.finishLink(c); }
      return;
    }
    const label = this.hotkeys.get(k.toLowerCase());
    if (label && !e.shiftKey) { e.preventDefault(); this.labelKey(label); return; }
    // suggestions (suggest.js): Enter, X, . and , in the article
    if (this.suggest && (e.target === this.article || e.target === document.body) && this.suggest.onKey(e)) return;
    if ((k === "Delete" || k === "Backspace") && this.painter.selected) { e.preventDefault(); this.removeSelected(); return; }
    // Span navigation has its own keys: Tab leaves the article, as
    // everywhere else (through every span it took thousands of presses to
    // reach the toolbar on a long document).
    if ((k === "]" || k === "[") && (e.target === this.article || e.target === document.body)) {
      e.preventDefault();
      const next = this.neighbour(k === "[" ? -1 : 1);
      if (next) this.selectSpan(next, { scroll: true });
      else status(k === "[" ? "No span before this one" : "No span after this one");
      return;
    }
    if (k === "Enter" && this.painter.selected && e.target === this.article) {
      e.preventDefault();
      this.panelLater?.(); // the label key came in this frame: its panel is not drawn yet
      const f = $("span-detail").querySelector("select, input, button");
      if (f) f.focus();
      return;
    }
    const lk = k.toLowerCase();
    for (const [type, key] of Object.entries(RELATION_KEYS)) {
      if (lk === key && !e.shiftKey) { e.preventDefault(); this.startLink(type); return; }
    }
    if (lk === "f" && !e.shiftKey) { e.preventDefault(); this.addFragmentFromSelection(); return; }
    if (lk === "w" && !e.shiftKey) { e.preventDefault(); this.setSnap(this.snap === "word" ? "char" : "word"); return; }
    if (lk === "l" && !e.shiftKey) { e.preventDefault(); this.openLabelAll(k); return; }
    if (e.target === this.article && k.startsWith("Arrow") || (e.target === this.article && (k === "Home" || k === "End"))) {
      this.caretKey(e);
    }
  }

  /** Caret browsing in the (non-editable) article: arrows move, Shift+arrows extend, Ctrl moves by word. */
  caretKey(e) {
    const sel = document.getSelection();
    if (!sel.rangeCount || this.view.selection() === null) {
      const [first] = this.view.visibleLines(this.scroller);
      const [n, k] = this.view.point(this.view.starts[Math.max(0, first)] || 0);
      sel.collapse(n, k);
    }
    const alter = e.shiftKey ? "extend" : "move";
    const word = e.ctrlKey || e.metaKey;
    const gran = {
      ArrowLeft: word ? "word" : "character", ArrowRight: word ? "word" : "character",
      ArrowUp: "line", ArrowDown: "line", Home: word ? "documentboundary" : "lineboundary", End: word ? "documentboundary" : "lineboundary",
    }[e.key];
    const dir = { ArrowLeft: "left", ArrowRight: "right", ArrowUp: "backward", ArrowDown: "forward", Home: "backward", End: "forward" }[e.key];
    if (!gran) return;
    e.preventDefault();
    if (gran === "documentboundary") { // modify() would go to the page's end, out of the article
      const off = dir === "forward" ? this.view.length : 0, [n, k] = this.view.point(off);
      if (alter === "extend") sel.extend(n, k); else sel.collapse(n, k);
      this.view.para(this.view.lineAt(off))?.scrollIntoView({ block: "center" });
    } else sel.modify(alter, dir, gran);
    const r = document.createRange(); // the caret: the selection's moving end
    r.setStart(sel.focusNode, sel.focusOffset);
    const rect = r.getClientRects()[0] || r.getBoundingClientRect();
    const sb = this.scroller.getBoundingClientRect();
    if (rect.height && (rect.bottom > sb.bottom - 20 || rect.top < sb.top + 20)) this.scroller.scrollTop += rect.top - sb.top - sb.height / 2;
  }

  /** The next (dir 1) or previous (dir -1) span in document order, from the selected span or the caret. */
  neighbour(dir) {
    const cur = this.painter.selected;
    const len = this.view.length;
    let pos = cur ? cur.frags[0] : (this.view.selection() || [this.view.starts[this.view.visibleLines(this.scroller)[0]] || 0])[0];
    for (let size = 4096; ; size *= 4) {
      if (dir > 0) {
        const b = Math.min(len, pos + size);
        const list = call("spansIn", this.docId, pos, Math.max(b, pos + 1)) || [];
        const i = cur ? list.findIndex(s => s.id === cur.id) : -1;
        const next = i >= 0 ? list[i + 1] : list.find(s => s.frags[0] >= pos);
        if (next) return next;
        if (b >= len) return null;
      } else {
        const a = Math.max(0, pos - size);
        const list = call("spansIn", this.docId, a, pos + 1) || [];
        const i = cur ? list.findIndex(s => s.id === cur.id) : list.length;
        let prev = null;
        if (cur) prev = i > 0 ? list[i - 1] : null;
        else for (const s of list) if (s.frags[0] < pos) prev = s;
        if (prev && (prev.frags[0] >= a || a === 0)) return prev;
        if (a === 0) return prev;
      }
    }
  }

  nextDoc(dir) {
    const docs = this.docs.docs; // the list's copy: asking the core lists every document
    const i = docs.findIndex(d => d.id === this.docId);
    const d = docs[i + dir];
    if (d) { this.openDoc(d.id); status(`Opened ${d.title || d.id}`); }
  }

  // ---------- relations (claimant, cue) ----------

  startLink(type) {
    const from = this.painter.selected;
    const rd = this.schema.relations.find(r => r.name === type);
    if (!rd) return;
    if (!from || !rd.from.includes(from.label)) {
      status(`Select a ${rd.from.join(" / ")} span first, then press ${(RELATION_KEYS[type] || "").toUpperCase()} to link its ${type}`);
      return;
    }
    // candidates: the core's, nearest first, from the whole document
    const r = tryCall("linkCandidates", this.docId, from.id, type, 9);
    if (r.error) { status(describeError(r.error)); return; }
    const candidates = r.value;
    this.link = { type, from: from.id, allowed: rd.to, candidates };
    document.body.classList.add("linking");
    const n = candidates.length;
    $("mode").textContent = `Linking ${type}: click a ${rd.to.join(" / ")} span` +
      (n === 1 ? ", or press 1" : n > 1 ? `, or press 1–${n}` : "") + " (Esc cancels)";
    renderSpan(this, from, this.pick);
    this.showLinkPicker(from);
  }

  /** The chooser for this.link under span from; linkpop.js loads on the first C or U. */
  showLinkPicker(from) {
    const show = () => {
      if (!this.link || this.link.from !== from.id) return; // finished or cancelled meanwhile
      this.linkPicker.show(from);
      const first = this.linkPicker.first();
      if (first && !this.mouse) first.focus({ preventScroll: true });
    };
    if (this.linkPicker) { show(); return; }
    this.linkLoad ??= lazyModule("linkpop.js").then(m => {
      this.linkPicker = m.makeLinkPicker(this, $("docwrap"), $("overlay"), { h, clear, ellipsize, chip });
    }, err => { this.linkLoad = null; console.warn("spanmark: the claimant / cue chooser could not be loaded:", err); });
    this.linkLoad.then(() => { if (this.linkPicker) show(); });
  }

  finishLink(target) {
    const l = this.link;
    if (!l) return;
    const from = l.from;
    this.cancelLink(true);
    const cv = call("addRelation", this.docId, l.type, from, target.id);
    if (cv) {
      status(`Linked ${l.type}: ${ellipsize(target.text.join(" "), 40)}`);
      const claim = this.spanById(from);
      this.applyChange(cv, { select: claim });
    } else {
      const claim = this.spanById(from);
      if (claim) this.selectSpan(claim);
    }
    this.article.focus({ preventScroll: true });
  }

  cancelLink(quiet) {
    if (!this.link) return;
    this.link = null;
    if (this.linkPicker) this.linkPicker.hide();
    document.body.classList.remove("linking");
    $("mode").textContent = "";
    if (!quiet) { status("Linking cancelled"); renderSpan(this, this.painter.selected, this.pick); this.article.focus({ preventScroll: true }); }
  }

  // ---------- undo / redo ----------

  undo() { this.history("undo"); }
  redo() { this.history("redo"); }

  /** Undo or redo in the open document; past its history, the replacement
   * of the whole project (project-undo.js). */
  history(dir) {
    // a document deleted (or brought back) last: that first (docedit.js)
    if (this.docEdit.first(dir)) { this.docEdit[dir](); return; }
    const r = this.docId ? tryCall(dir, this.docId) : { error: { code: "nothing_to_" + dir } };
    if (!r.error) {
      const a = r.value.added; // one span brought back (a Delete undone, a label key redone): selected, as it was
      this.applyChange(r.value, a.length === 1 ? { select: a[0] } : {});
      for (const t of $("toasts").querySelectorAll(".toast:not(.error)")) t.remove(); // what they said was just undone (or redone)
      status(`${dir === "undo" ? "Undid" : "Redid"}: ${r.value.op.replace(/^(undo|redo) /, "")}`);
      return;
    }
    if (r.error.code !== "nothing_to_" + dir) { errorToast(r.error); return; }
    if (this.docEdit.can(dir)) { this.docEdit[dir](); return; }
    const pu = this.projectUndo;
    if (dir === "undo" ? pu.canUndo() : pu.canRedo()) {
      let msg;
      try { msg = pu[dir](); } catch (err) { errorToast(err); return; }
      if (msg) { toast(msg, "ok"); return; }
    }
    status(dir === "undo" ? "Nothing to undo" : "Nothing to redo");
    const [u, d] = this.undoState || [false, false];
    this.setUndo(dir === "undo" ? false : u, dir === "redo" ? false : d);
  }

  // ---------- label all ----------

  renderLabelAllLabels() {
    const s = clear($("la-label"));
    for (const l of this.schema.labels) s.append(h("option", { value: l.name, text: l.name }));
  }

  /** key: the key that opened the dialog; the field gets focus when it is released, so its character is not typed into it. */
  openLabelAll(key) {
    if (!this.docId) return;
    const m = $("labelall");
    const r = this.view.selection();
    const sel = this.painter.selected;
    if (r && r[1] > r[0]) $("la-pattern").value = this.view.text.slice(r[0], r[1]).trim();
    else if (sel) $("la-pattern").value = sel.text[0];
    if (sel) $("la-label").value = sel.label;
    m.hidden = false;
    this.previewLabelAll();
    const focus = () => { $("la-pattern").focus(); $("la-pattern").select(); };
    if (!key) { focus(); return; }
    $("la-cancel").focus(); // a button: a character typed now goes nowhere
    let done = false;
    const up = e => { if (e.key === key || e.key.toLowerCase() === key.toLowerCase()) finish(); };
    const finish = () => { if (done) return; done = true; document.removeEventListener("keyup", up, true); if (!m.hidden) focus(); };
    document.addEventListener("keyup", up, true);
    setTimeout(finish, 400);
  }

  closeLabelAll() {
    $("labelall").hidden = true;
    this.article.focus({ preventScroll: true });
  }

  labelAllOptions() {
    return {
      label: $("la-label").value,
      pattern: $("la-pattern").value,
      regex: $("la-regex").checked,
      case_sensitive: $("la-case").checked,
      whole_word: $("la-word").checked,
    };
  }

  previewLabelAll() {
    clearTimeout(this.laTimer);
    this.laTimer = setTimeout(async () => {
      const o = this.labelAllOptions();
      const p = $("la-preview");
      const seq = this.laSeq = (this.laSeq || 0) + 1;
      p.classList.remove("err");
      if (!o.pattern) { p.textContent = "Type a text or a pattern."; return; }
      let r;
      if (regex.needsModule(o)) {
        // a regular expression: its matches come from the formats module (regex.js)
        if (!regex.ready()) p.textContent = lite ? "" : "Loading regular expressions…";
        const m = await regex.matchesOf(this.view.text, o);
        if (seq !== this.laSeq) return; // typed on meanwhile
        r = m.error ? m : { value: m.value.length / 2 };
      } else {
        r = tryCall("countMatches", this.docId, o);
      }
      if (r.error) { p.textContent = describeError(r.error); p.classList.add("err"); return; }
      p.textContent = `${plural(r.value, "match", "matches")} in this document`;
    }, 80);
  }

  async applyLabelAll() {
    const o = this.labelAllOptions();
    if (!o.pattern || this.laBusy) return;
    const p = $("la-preview");
    let r;
    if (regex.needsModule(o)) {
      // the formats module finds the matches, the core labels them: one call, one undo step
      const doc = this.docId, text = this.view.text;
      this.laBusy = true;
      let m;
      try { m = await regex.matchesOf(text, o); } finally { this.laBusy = false; }
      if (doc !== this.docId || $("labelall").hidden) return; // the user moved on meanwhile
      r = m.error ? m : tryCall("labelMatches", doc, o, m.value);
    } else {
      r = tryCall("labelAll", this.docId, o);
    }
    if (r.error) { p.textContent = describeError(r.error); p.classList.add("err"); return; }
    const res = r.value;
    this.applyChange(res.change);
    const why = res.reasons ? Object.entries(res.reasons).map(([k, v]) => `${num(v)} ${SKIP_REASONS[k] || k.replace(/_/g, " ")}`).join(", ") : "";
    let msg;
    if (!res.added) {
      // the core made no undo step: promise none (Ctrl+Z undoes the edit before)
      msg = !res.matches ? `No match for “${ellipsize(o.pattern, 40)}”: nothing labelled.`
        : `Nothing labelled: ${res.matches === 1 ? "the match" : `all ${num(res.matches)} matches`} ${why ? `skipped (${why})` : "skipped"}.`;
      toast(msg, "info");
      if (!res.matches) { p.textContent = msg; p.classList.add("err"); return; } // keep the dialog: change the pattern
    } else {
      msg = `Labelled ${num(res.added)} of ${plural(res.matches, "match", "matches")} as ${o.label}`;
      if (res.skipped) msg += ` — ${num(res.skipped)} skipped${why ? ` (${why})` : ""}`;
      msg += ". One undo (Ctrl+Z) removes them all.";
      toast(msg, "ok", 6000);
    }
    this.closeLabelAll();
  }

  // ---------- files ----------

  /**
   * Open… (and Ctrl+O, and dropped .txt files): the one way in, which
   * recognises what each file is. .txt files are new articles; a spanmark
   * project file (the core says: isProjectFile) replaces the project, after
   * asking; anything else (JSONL, CoNLL, brat, doccano, Label Studio, a .zip)
   * goes to the import dialog, whose preview names the format.
   */
  async openFiles(files) {
    // .txt articles: checked and added by the core, all or nothing (docs.js);
    // but a brat .ann brings its .txt along: the pair is a dataset
    const brat = files.some(f => /\.ann$/i.test(f.name));
    const txt = brat ? [] : files.filter(f => /\.txt$/i.test(f.name));
    if (txt.length) { await this.docs.addTextFiles(txt); files = files.filter(f => !txt.includes(f)); }
    // Every other file is read one way (files.js): refused unread when too
    // large, its bytes checked by the core.
    const datasets = [], texts = [];
    for (const f of files) {
      if (DATASET_FILE.test(f.name)) { datasets.push(f); continue; } // not read here: the import reads it
      let item;
      try { item = await readFile(f); } catch (err) { errorToast(err); continue; }
      const text = new TextDecoder().decode(item.data);
      // (an empty file goes to loadProject, which says it is empty)
      if (/\S/.test(text) && !sm.isProjectFile(text)) {
        if (/\.json$/i.test(f.name) || looksLikeJSON(item.data)) { datasets.push(f); continue; }
        texts.push(item); // any other text is an article, as a .txt is, with the same checks
        continue;
      }
      let total = 0;
      for (const d of sm.documents()) total += d.spans;
      if (total > 0 && !confirm(`Replace the current project (${plural(total, "span")}) with ${f.name}? Export first if you need it.`)) continue;
      const r = tryCall("loadProject", item.data, f.name);
      if (r.error) { errorToast(r.error, String(r.error.message).startsWith(f.name) ? "" : `${f.name}: `); continue; }
      this.projectUndo.forget();
      this.afterProjectChange(r.value[0] && r.value[0].id, r.value);
      toast(`Opened project ${f.name}: ${plural(r.value.length, "document")}`, "ok");
    }
    if (texts.length) this.docs.addTextItems(texts);
    if (!datasets.length) return;
    if (lite) {
      toast(`${datasets.map(f => f.name).join(", ")}: not a spanmark project file. ${LITE_MESSAGE}`, "error", 15000);
      return;
    }
    this.io.importFiles(datasets);
  }

  exportProject() {
    const r = tryCall("exportProject");
    if (r.error) { toast("Export failed: " + describeError(r.error), "error"); return; }
    download("spanmark-project.json", r.value);
    status("Exported the project as spanmark-project.json");
  }

  // ---------- help ----------

  renderHelp() {
    const keys = [
      ["Select + 1–9", "Label the selection (or relabel the selected span)"],
      ["Arrows, Home / End", "Move the caret in the article (Ctrl: by word; Ctrl+Home / End: to the start / end)"],
      ["Shift + arrows", "Extend the selection in the article (Ctrl+Shift: by word)"],
      ["] / [", "Select the next / previous span"],
      ["Tab / Shift+Tab", "Leave the article (to the side panel / toolbar)"],
      ["Click (again)", "Select a span (again: the next nested span)"],
      ["Alt+Shift + ← / →", "Move the selected span's end a word back / on (a character in character mode)"],
      ["Alt+Shift + ↑ / ↓", "Move the selected span's start a word back / on"],
      ["Drag a handle", "Move the selected span's start or end with the mouse (snapped to words unless in character mode; Esc cancels)"],
      ["Delete / Backspace", "Delete the selected span"],
      ["Enter", "Edit the selected span in the panel; with a suggestion current or at the caret: accept it (else the next one)"],
      ["X", "Reject the current suggestion (never suggested again)"],
      [". / ,", "Next / previous suggestion"],
      ["Shift+Enter", "Accept every suggestion of the current one's label and source"],
      ["C", "Link the selected claim's claimant"],
      ["U", "Link the selected claim's cue"],
      ["Alt/Ctrl + select, or F", "Add the selection as a fragment of the selected span"],
      ["W", "Toggle word snapping / character mode"],
      ["L", "Label all matches"],
      ["Ctrl+F", "Find in the article (Enter / Shift+Enter: next / previous match; Esc closes, the match stays selected for a label key)"],
      ["Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y", "Undo / redo"],
      ["Ctrl+S / Ctrl+E", "Export the project JSON"],
      ["Ctrl+O", "Open a .txt article or a project"],
      ["Alt+↓ / Alt+↑", "Next / previous document"],
      ["} / {", "Adjudicating (Compare…): next / previous disagreement"],
      ["Shift+1–9 / Shift+0", "Adjudicating: take annotator 1–9’s version / reject the spans in question"],
      ["Ctrl+Enter", "Mark the document done and open the next one not done"],
      ["F2", "Edit the document: rename, source, URL, date, status, delete"],
      ["Esc", "Cancel linking, clear the selection"],
      ["?", "This help"],
    ];
    const dl = clear($("help-keys"));
    for (const [k, d] of keys) dl.append(h("dt", null, h("kbd", { text: k })), h("dd", { text: d }));
  }

  /** The Document dialog (docdialog.js), loaded on the first F2 or "Edit
   * document…": resolves to it, or null when it could not be loaded. */
  /** Draw span's relations as arcs (none: null); relarcs.js loads on the first span selected. */
  showArcs(span) {
    this.arcsFor = span;
    if (this.arcs) { this.arcs.show(span); return; }
    if (!span) return; // nothing drawn yet
    this.arcsLoad ??= lazyModule("relarcs.js").then(m => {
      this.arcs = m.makeRelationArcs(this, $("docwrap"), $("overlay"), { ellipsize });
      this.arcs.show(this.arcsFor);
    }, err => { this.arcsLoad = null; console.warn("spanmark: the relation arcs could not be loaded:", err); });
  }

  /** Handles at span's edges (none: null); edgedrag.js loads on the first span selected. */
  showEdges(span) {
    this.edgesFor = span;
    if (this.edges) { this.edges.show(span); return; }
    if (!span) return;
    this.edgesLoad ??= lazyModule("edgedrag.js").then(m => {
      this.edges = m.makeEdgeHandles(this, $("docwrap"), $("overlay"), { tryCall, status, describeError, ellipsize });
      this.edges.show(this.edgesFor);
    }, err => { this.edgesLoad = null; console.warn("spanmark: the edge handles could not be loaded:", err); });
  }

  /** Open or close the More menu (more.js, loaded on its first click). */
  openMore() {
    this.moreLoad ??= lazyModule("more.js").then(
      m => { const menu = new m.MoreMenu(); menu.bind(); return menu; },
      err => { this.moreLoad = null; errorToast(err, "The More menu could not be loaded: "); return null; });
    this.moreLoad.then(menu => menu && menu.toggle());
  }

  /** The schema dialog (schema-editor.js, loaded on the first Schema…). */
  openSchema() {
    this.schemaLoad ??= lazyModule("schema-editor.js").then(
      m => (this.schemaEditor = m.makeSchemaEditor(this, { sm, tryCall, h, clear, toast, status, plural, describeError })),
      err => { this.schemaLoad = null; errorToast(err, "The schema editor could not be loaded: "); return null; });
    this.schemaLoad.then(e => e && e.open());
  }

  docDialog() {
    this.docDialogLoad ??= lazyModule("docdialog.js").then(
      m => m.makeDocDialog(this.docEdit, { tryCall, describeError, status, ellipsize, plural }),
      err => { this.docDialogLoad = null; errorToast(err, "The Document dialog could not be loaded: "); return null; });
    return this.docDialogLoad;
  }

  /** Compare… (compare.js), loaded on first use: resolves to the panel, or
   * null when the module could not be loaded (a toast says so). */
  loadCompare() {
    this.compareLoad ??= lazyModule("compare.js").then(m => {
      this.compare = m.makeCompare(this, { sm, tryCall, formatsModule, lite, LITE_MESSAGE, h, clear, toast, errorToast, status, describeError, plural, num, ellipsize, idle, readFile });
      return this.compare;
    }, err => {
      this.compareLoad = null;
      errorToast(err, "Compare could not be loaded: ");
      return null;
    });
    return this.compareLoad;
  }

  /** The open document changed: the adjudication panel shows its
   * disagreements. Before Compare… was used, only a document with some (a
   * gold project opened or restored) loads compare.js. */
  compareDocOpened() {
    if (this.compare) { this.compare.docOpened(); return; }
    const r = this.docId ? tryCall("disagreements", this.docId) : null;
    if (r && !r.error && r.value.length) this.loadCompare().then(c => c && c.docOpened());
  }

  /** The statistics dialog: stats.js, loaded on first use (off the start's path). */
  async openStats() {
    try {
      const m = await lazyModule("stats.js");
      m.openStats(this, { sm, h, clear, plural, num, ellipsize });
    } catch (err) {
      errorToast(err, "Statistics could not be shown: ");
    }
  }

  toggleHelp(show) {
    $("help").hidden = !show;
    if (show) $("help-close").focus(); else this.article.focus({ preventScroll: true });
  }
}

/** A feature module outside the bundle, imported once on first use. The
 * single file (make dist) has no server to import from: it carries such
 * modules inline, registered in globalThis.__smLazy (internal/dist). */
const lazyModules = new Map();
function lazyModule(name) {
  let p = lazyModules.get(name);
  if (!p) {
    const inline = globalThis.__smLazy && globalThis.__smLazy[name];
    p = inline ? Promise.resolve(inline) : import(new URL(name, document.baseURI).href);
    p.catch(() => lazyModules.delete(name));
    lazyModules.set(name, p);
  }
  return p;
}

const app = new App();
window.smApp = app; // for tests and the console
app.init().catch(err => {
  const l = $("loading");
  if (l) { l.textContent = "spanmark could not start: " + describeError(err); l.classList.remove("early"); l.classList.add("err"); }
  errorToast(err, "spanmark could not start: ", 600000);
});
