// suggest.js — suggestions in the page: drawn (a dashed line over and
// under the text, no fill, so a span's colour always shows through), the
// current one outlined, stepped through and accepted or rejected with keys,
// and a panel listing them by source and label with counts, each source on
// or off, accept-all / reject-all of a label, and the sources to run.
//
// It does nothing until first used: the app makes a Suggest the first time
// a document with suggestions opens or the Suggest… button is pressed.
// Every rule is the core's (accept, reject, counts, the sources, which run
// in the formats module and hand the core a suggestion set it reads
// itself); this module turns selections and keys into those calls and
// draws what they return.
//
// Keys (in the article): Enter accepts the current suggestion, else the
// one at the caret, else the next one; X rejects it; . and , step to the
// next and previous suggestion (] and [ step through spans); Shift+Enter
// accepts every open suggestion of the current one's label and source.
//
// The tagger (tagger.js, its worker and wasm module, all loaded on the
// first "Train & suggest") trains on the project's entity spans as the
// core picks them: the page hands the worker the project file and the
// worker's module reads it (trainProject), so the page's thread only
// writes that string. It suggests on
// the open document, and on each document opened after, as source
// "tagger" with its scores; the core takes them with UTF-16 offsets and
// converts (setSuggestions). Once trained, it trains again in the
// background when a document is marked done and after every N new entity
// spans (a setting), suggests again on the open document, and scores
// itself by 5-fold cross-validation on the done documents (in a worker of
// its own, which Cancel stops without touching the model). It suggests
// only what it scores at least the panel's "Suggest when score ≥": by
// default the threshold that cross-validation chose (tagger.CVResult), a
// value given there instead until it is cleared.

// Loaded on first use (app.js lazyModule): it imports nothing, and app.js
// hands it the page's helpers in makeSuggest.
let call, tryCall, h, clear, toast, status, errorToast, plural, num, formatsModule, syncProject;

/** The suggestions' drawing, keys and panel for the page app. */
export function makeSuggest(app, d) {
  ({ call, tryCall, h, clear, toast, status, errorToast, plural, num, formatsModule, syncProject } = d);
  return new Suggest(app);
}

const HL = "sm--sugg", CUR = "sm--sugg-cur";

/** Give the page its turn: input, and a frame when one is due, run before the next slice (scheduler.yield keeps the run's place ahead of other tasks; a task otherwise). */
function yieldSlice() {
  return globalThis.scheduler && scheduler.yield ? scheduler.yield() : new Promise(r => setTimeout(r, 0));
}

// the tagger's re-training setting, kept for the page like the font size
const EVERY_KEY = "spanmark.taggerEvery", EVERY_DEFAULT = 20;

function loadEvery() {
  let n = NaN;
  try { n = Number(localStorage.getItem(EVERY_KEY) || NaN); } catch { /* storage off: the default */ }
  return Number.isInteger(n) && n >= 1 && n <= 1000 ? n : EVERY_DEFAULT;
}

function hhmm(d) { return d.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }); }

const SOURCE_NAMES = { own: "Own labels", pattern: "Patterns", import: "Imported", tagger: "Tagger", claim: "Claim finder" };

class Suggest {
  /** @param {object} app the App of app.js */
  constructor(app) {
    this.app = app;
    this.hl = new Highlight();
    this.hl.priority = -1; // under the spans' highlights: it adds lines, never hides a colour
    this.cur = null;       // the current SuggestionView
    this.curHL = new Highlight();
    this.curHL.priority = 98;
    CSS.highlights.set(HL, this.hl);
    CSS.highlights.set(CUR, this.curHL);
    this.off = new Set();  // sources turned off in the panel
    this.win = [0, 0];
    this.list = [];        // the suggestions in the window
    this.boxes = [];       // the current suggestion's outline boxes
    this.panel = null;
    this.tagger = null;    // tagger.js, once loaded
    this.trained = null;   // {spans, documents, when} of the tagger's model
    this.training = false;
    this.tagRuns = 0;      // suggestion runs done (for the tests)
    this.run = null;       // the source running in slices: {what, cancelled, id}
    this.lastSet = null;   // the last run's set (for the tests)
    this.minScore = {};    // source → the "accept all ≥" value last given
    this.trainRuns = 0;    // trainings done (for the tests)
    this.busy = false;     // a training cycle (train, suggest, cross-validate) is under way
    this.again = false;    // another cycle was asked for during this one
    this.newSpans = 0;     // entity spans added since the last training began
    this.every = loadEvery(); // re-train after this many of them
    this.cv = null;        // the cross-validation: {f1, ...}, {need}, {running} or {error}
    this.lastCV = null;    // the last one that finished: its threshold is the default
    this.defaultThreshold = null; // the core's, until a cross-validation chose one
    this.userThreshold = null;    // "Suggest when score ≥" as given in the panel, or null (the cross-validation's)
    // the outline boxes are placed in pixels: again when the layout changes
    addEventListener("resize", () => { if (this.cur) requestAnimationFrame(() => this.setCurrent(this.cur, { quiet: true })); });
  }

  // ---------- drawing ----------

  /** The app's window moved (or the document changed): draw the suggestions in [a, b). */
  setWindow(a, b) {
    this.win = [a, b];
    this.redraw();
  }

  redraw() {
    const app = this.app;
    this.hl.clear();
    this.list = [];
    if (!app.docId) { this.setCurrent(null); return; }
    const [a, b] = this.win;
    const all = call("suggestionsIn", app.docId, a, Math.max(b, a + 1)) || [];
    this.list = all.filter(g => !this.off.has(g.source));
    for (const g of this.list) {
      for (let i = 0; i < g.frags.length; i += 2) this.hl.add(app.view.staticRange(g.frags[i], g.frags[i + 1]));
    }
    document.documentElement.dataset.suggestions = String(this.list.length); // for the tests
    if (this.cur) {
      const still = all.find(g => g.key === this.cur.key);
      this.setCurrent(still || null, { quiet: true });
    }
  }

  /** Outline the current suggestion (dashed boxes in the overlay) and say what it is. */
  setCurrent(g, opts = {}) {
    this.cur = g;
    this.curHL.clear();
    for (const b of this.boxes) b.remove();
    this.boxes = [];
    if (!g) return;
    const app = this.app;
    const wrap = app.painter.wrap.getBoundingClientRect();
    for (let i = 0; i < g.frags.length; i += 2) {
      this.curHL.add(app.view.staticRange(g.frags[i], g.frags[i + 1]));
      for (const r of app.view.range(g.frags[i], g.frags[i + 1]).getClientRects()) {
        const box = h("div.sugg-box", { "aria-hidden": "true" });
        box.style.transform = `translate(${Math.floor(r.left - wrap.left) - 3}px, ${Math.floor(r.top - wrap.top) - 3}px)`;
        box.style.width = Math.ceil(r.width) + 6 + "px";
        box.style.height = Math.ceil(r.height) + 6 + "px";
        app.painter.overlay.append(box);
        this.boxes.push(box);
      }
    }
    if (!opts.quiet) {
      const score = g.score === null ? "" : ` (score ${g.score.toFixed(2)})`;
      status(`Suggestion: ${g.label} from ${SOURCE_NAMES[g.source] || g.source}${score} — Enter accepts, X rejects, . and , move`);
    }
  }

  // ---------- keys ----------

  /** Handle a key in the article; true when it was ours. */
  onKey(e) {
    const k = e.key;
    if (k === "." || k === ",") { e.preventDefault(); this.step(k === "." ? 1 : -1); return true; }
    if (k === "Enter" && e.shiftKey) {
      const g = this.cur || this.here();
      if (!g) return false;
      e.preventDefault();
      this.acceptAll({ label: g.label, source: g.source });
      return true;
    }
    if (k === "Enter") {
      if (this.app.painter.selected && !this.cur) return false; // Enter on a span: its panel
      const g = this.cur || this.here() || this.next(1);
      if (!g) return false;
      e.preventDefault();
      this.accept(g);
      return true;
    }
    if (k === "x" || k === "X") {
      const g = this.cur || this.here();
      if (!g) { status("No suggestion here to reject: . and , move to one"); return true; }
      e.preventDefault();
      this.reject(g);
      return true;
    }
    return false;
  }

  /** The caret's position in the article, or the start of the text on screen. */
  caret() {
    const app = this.app;
    const sel = app.view.selection();
    if (sel) return sel[0];
    if (app.painter.selected) return app.painter.selected.frags[0];
    return app.view.starts[app.view.visibleLines(app.scroller)[0]] || 0;
  }

  /** The visible suggestion the caret is in. */
  here() {
    const p = this.caret();
    return this.list.find(g => { for (let i = 0; i < g.frags.length; i += 2) if (g.frags[i] <= p && p < g.frags[i + 1]) return true; return false; }) || null;
  }

  /** The next (dir 1) or previous (dir -1) suggestion of a source that is on, from the current one or the caret. */
  next(dir) {
    const app = this.app;
    let pos = this.cur ? this.cur.frags[0] + (dir > 0 ? 1 : 0) : this.caret();
    for (;;) {
      const g = call("nextSuggestion", app.docId, pos, dir);
      if (!g) return null;
      if (!this.off.has(g.source)) return g;
      pos = g.frags[0] + (dir > 0 ? 1 : 0);
    }
  }

  step(dir) {
    const g = this.next(dir);
    if (!g) { status(dir > 0 ? "No suggestion after this one" : "No suggestion before this one"); return; }
    this.show(g);
  }

  /** Scroll to g and make it current. */
  show(g) {
    const app = this.app;
    app.selectSpan(null);
    const r = app.view.range(g.frags[0], g.frags[1]).getBoundingClientRect();
    const sb = app.scroller.getBoundingClientRect();
    if (r.top < sb.top + 20 || r.bottom > sb.bottom - 20) {
      app.scroller.scrollTop += r.top - sb.top - sb.height / 3;
      app.updateWindow(true);
    }
    const sel = document.getSelection();
    const [n, k] = app.view.point(g.frags[0]);
    sel.collapse(n, k);
    this.setCurrent(g);
  }

  // ---------- accept, reject ----------

  accept(g) {
    const app = this.app;
    const r = tryCall("acceptSuggestion", app.docId, g.key);
    if (r.error) { errorToast(r.error, "Cannot accept this suggestion: "); return; }
    const added = r.value.added[0];
    this.setCurrent(null);
    app.applyChange(r.value);
    status(added ? `Accepted: ${added.label} “${added.text.join(" … ")}”` : "Accepted (that span was there already)");
    const nx = this.next(1);
    if (nx) this.show(nx);
  }

  reject(g) {
    const app = this.app;
    const cv = call("rejectSuggestion", app.docId, g.key);
    if (!cv) return;
    this.setCurrent(null);
    app.applyChange(cv);
    status(`Rejected: ${g.label} — it will not be suggested again`);
    const nx = this.next(1);
    if (nx) this.show(nx);
  }

  acceptAll(filter) { this.bulk("acceptSuggestions", filter); }
  rejectAll(filter) { this.bulk("rejectSuggestions", filter); }

  bulk(method, filter) {
    const app = this.app;
    const r = call(method, app.docId, filter);
    if (!r) return;
    this.setCurrent(null);
    app.applyChange(r.change);
    const what = method === "acceptSuggestions" ? `Accepted ${num(r.accepted)}` : `Rejected ${num(r.rejected)}`;
    const skipped = r.skipped ? `; ${plural(r.skipped, "suggestion")} left open (${Object.entries(r.reasons).map(([c, n]) => `${num(n)} ${c.replace(/_/g, " ")}`).join(", ")})` : "";
    toast(`${what} of ${plural(r.matched, "suggestion")}${skipped} — one undo step`, "ok");
  }

  /** A change from the core: spans or suggestions moved, so redraw and recount. */
  change(cv) {
    if (cv.suggestions || cv.added.length || cv.removed.length) { this.redraw(); this.renderPanel(); }
    this.countNewSpans(cv);
  }

  openDoc() {
    this.setCurrent(null);
    this.renderPanel();
    if (this.trained) this.tag();
  }

  // ---------- the tagger ----------

  /**
   * A training cycle: train the tagger on the project's entity spans, suggest
   * on the open document, then score it by cross-validation on the done
   * documents. Asked for during a cycle (a click, a document marked done, N
   * new spans), it runs once more when this one ends.
   */
  async trainTagger() {
    if (this.busy) { this.again = true; return; }
    this.busy = this.training = true;
    this.again = false;
    this.newSpans = 0; // the spans from now on count towards the next training
    this.stopAsked = false;
    this.renderTagger("Training on the project's entity spans…");
    let st, json;
    try {
      // the page's only work: the project file, one string; the worker
      // reads it and picks the spans as the core does (trainProject)
      const t0 = performance.now();
      json = call("exportProject");
      this.gatherMs = performance.now() - t0; // (BenchmarkTaggerGather)
      if (json === undefined) throw Object.assign(new Error("the project could not be read"), { code: "internal" });
      if (!this.trained) status("The tagger is training in the background; Cancel stops it"); // (a re-training says so in the panel only)
      if (!this.tagger) this.tagger = await import("./tagger.js");
      if (this.stopAsked) throw Object.assign(new Error("the tagger was stopped"), { code: "cancelled" });
      st = await this.tagger.trainProject(json, { seed: 0 });
      this.defaultThreshold = st.defaultThreshold;
      this.trained = { spans: st.spans, documents: st.documents, when: new Date() };
      this.trainRuns++;
    } catch (err) {
      this.busy = this.training = false;
      if (err.code === "cancelled") {
        this.trained = null; // the worker, and its model, are gone
        this.again = false;
        this.renderTagger();
        status("Training stopped; the tagger is not trained");
      } else {
        this.renderTagger();
        errorToast(err, "The tagger could not train: ");
      }
      return;
    }
    this.training = false;
    this.renderTagger();
    await this.tag();
    const before = this.threshold();
    await this.crossValidate(json, st.done);
    if (this.trained && this.threshold() !== before) await this.tag(); // suggest from the new threshold
    this.busy = false;
    if (this.again && this.trained) this.trainTagger();
  }

  /**
   * Score the trained tagger on the project's done documents (done of them)
   * by k-fold cross-validation in its own worker, which also chooses the
   * score to suggest from. Cancel stops it at once; the model, the
   * suggestions and the last cross-validation's figures and threshold stay.
   */
  async crossValidate(json, done) {
    if (done < 2) {
      this.cv = { need: true, done };
      this.renderTagger();
      return;
    }
    this.cv = { running: true, done };
    this.renderTagger();
    try {
      const t0 = performance.now();
      const r = await this.tagger.crossValidateProject(json, { folds: 5, seed: 0 });
      this.cvMs = performance.now() - t0; // (BenchmarkTaggerGather)
      this.cv = this.lastCV = { ...r, when: new Date() };
      this.cvRuns = (this.cvRuns || 0) + 1;
    } catch (err) {
      if (err.code === "cancelled") {
        this.cv = this.lastCV ? { ...this.lastCV, cancelled: true } : null;
        this.renderTagger();
        status("Cross-validation stopped; the tagger and its suggestions are as they were");
        return;
      }
      this.cv = { error: err.message };
    }
    this.renderTagger();
  }

  cancelTagger() {
    if (this.cv && this.cv.running) {
      this.again = false;
      this.tagger.cancelCrossValidation();
      return;
    }
    if (!this.training) return;
    this.again = false;
    this.stopAsked = true; // before the worker exists: checked once the modules are loaded
    if (this.tagger) this.tagger.cancel();
  }

  /** The score the tagger suggests from: the panel's value, else the last cross-validation's threshold, else the core's default. */
  threshold() {
    if (this.userThreshold !== null) return this.userThreshold;
    if (this.lastCV) return this.lastCV.threshold;
    return this.defaultThreshold ?? 0;
  }

  /** "Suggest when score ≥" changed: a number from 0 to 1, or empty for the cross-validation's; suggest again from it. */
  setThreshold(v) {
    const input = this.panel && this.panel.querySelector("#sugg-tagger-min");
    if (String(v).trim() === "") this.userThreshold = null;
    else {
      const n = Number(v);
      if (!(n >= 0 && n <= 1)) {
        if (input) input.value = this.userThreshold === null ? "" : String(this.userThreshold);
        status("A score from 0 to 1, or empty for the cross-validation's");
        return;
      }
      this.userThreshold = n;
    }
    this.renderTagger();
    if (this.trained && !this.busy) this.tag();
  }

  /** Suggest with the trained tagger on the open document (its earlier tagger suggestions are replaced). */
  async tag() {
    const app = this.app;
    const id = app.docId;
    if (!this.trained || !id) return;
    const text = app.view.text;
    let found;
    try {
      found = await this.tagger.predict(text, { minScore: this.threshold() });
    } catch (err) {
      if (err.code !== "cancelled") errorToast(err, "The tagger could not suggest: ");
      return;
    }
    if (app.docId !== id || app.view.text !== text) return; // another document, or an edited text, by now
    const r = tryCall("setSuggestions", id, "tagger", found);
    if (r.error) { errorToast(r.error, "The tagger's suggestions were not taken: "); return; }
    this.tagRuns++;
    this.redraw();
    this.renderPanel();
    const v = r.value;
    const skipped = v.rejected ? `; ${plural(v.rejected, "was", "were")} rejected before and stay away` : "";
    status(`Tagger: ${plural(v.added + v.known, "suggestion")} in this document${skipped}`);
  }

  /** A document was marked done: train again in the background (when trained before), after the cycle under way if any. */
  markedDone() {
    if (this.trained) this.trainTagger();
  }

  /** Count the entity spans a change added (accepted or made by hand); at the setting's number, train again. */
  countNewSpans(cv) {
    if (!this.trained || !cv.added || !cv.added.length) return;
    const schema = this.app.schema;
    const entity = new Set(schema ? schema.labels.filter(l => l.layer === "entity").map(l => l.name) : []);
    this.newSpans += cv.added.filter(sp => entity.has(sp.label)).length;
    if (this.newSpans >= this.every) this.trainTagger();
    else this.renderTagger();
  }

  /** The "re-train after every N new spans" setting changed. */
  setEvery(v) {
    const n = Number(v);
    const input = this.panel && this.panel.querySelector("#sugg-tagger-every");
    if (!Number.isInteger(n) || n < 1 || n > 1000) {
      if (input) input.value = String(this.every);
      status("Re-train after 1 to 1000 new spans");
      return;
    }
    this.every = n;
    try { localStorage.setItem(EVERY_KEY, String(n)); } catch { /* storage off: the setting lasts for this visit */ }
    if (this.trained && this.newSpans >= n) this.trainTagger();
    else this.renderTagger();
  }

  renderTagger(busy) {
    if (!this.panel) return;
    const q = sel => this.panel.querySelector(sel);
    q("#sugg-tagger").disabled = this.training;
    const cvRunning = !!(this.cv && this.cv.running);
    q("#sugg-tagger-cancel").hidden = !this.training && !cvRunning;
    q("#sugg-tagger-cancel").title = cvRunning ? "Stop the cross-validation: the tagger and its suggestions stay as they are" : "Stop the training: the tagger is dropped";
    q("#sugg-tagger-progress").hidden = !this.training && !cvRunning;
    const min = q("#sugg-tagger-min");
    if (document.activeElement !== min) min.value = this.userThreshold === null ? "" : String(this.userThreshold);
    min.placeholder = this.threshold().toFixed(2);
    const lc = this.lastCV;
    q("#sugg-tagger-min-from").textContent = this.userThreshold !== null ? "(as given; empty for the cross-validation's)"
      : lc ? (lc.above ? `(by cross-validation: ${num(lc.right)} of ${plural(lc.above, "held-out prediction")} at or above it were right)`
        : "(by cross-validation: no score where its predictions were mostly right, so it suggests almost nothing)")
      : "(until cross-validation chooses one)";
    const t = this.trained;
    const since = t && this.newSpans ? `; ${plural(this.newSpans, "new span")} since, re-trains at ${this.every}` : "";
    q("#sugg-tagger-state").textContent = busy ||
      (t ? `Trained on ${plural(t.spans, "span")} in ${plural(t.documents, "document")} at ${hhmm(t.when)}${since}; it suggests on each document opened`
         : "Not trained: it learns from the entity spans of the project");
    const c = this.cv;
    let cvText = "";
    if (!t || !c) cvText = "";
    else if (c.need) cvText = `F1 on the done documents: needs at least 2 done documents (${num(c.done)} now)`;
    else if (c.running) cvText = `Cross-validating on ${plural(c.done, "done document")}…`;
    else if (c.error) cvText = `F1 on the done documents: not measured (${c.error})`;
    else {
      const untrained = c.untrained ? `; ${num(c.untrained)} of the folds had too few spans to train on` : "";
      const stopped = c.cancelled ? " (the last finished; the one after was stopped)" : "";
      cvText = `F1 ${c.f1.toFixed(2)} (P ${c.precision.toFixed(2)}, R ${c.recall.toFixed(2)}) on ${plural(c.documents, "done document")} ` +
        `by ${c.folds}-fold cross-validation: ${num(c.correct)} of ${plural(c.gold, "span")} found, ${num(c.predicted)} predicted${untrained}${stopped}`;
    }
    const cvEl = q("#sugg-tagger-cv");
    cvEl.textContent = cvText;
    cvEl.hidden = !cvText;
  }

  // ---------- sources ----------

  /** Run the own-labels source over the project and give the core its set. */
  runOwnLabels(ignoreCase) { return this.runSource("Own labels", "own", { ignoreCase }); }

  /** Run the claim finder over the project. */
  runClaims() { return this.runSource("Claim finder", "claims"); }

  /** Run a pattern file or dictionary over the project. */
  async runPatterns(file) {
    let text;
    try { text = await file.text(); } catch (err) { errorToast(err, `${file.name} was not read: `); return; }
    const r = await this.runSource(file.name, "patterns", { text, fileName: file.name });
    if (r && r.new_labels) {
      toast(`Added to the schema (entity layer), as the patterns use them: ${r.new_labels.join(", ")}`, "info");
      const app = this.app;
      app.applySchema(); // as after a schema edit: new highlights, spans painted again
      app.painter.clearSpans();
      app.updateWindow(true);
    }
  }

  /**
   * Run a source over every document in slices, between frames (the
   * formats module's suggestRunStart / Step / Set, documents per slice
   * adapted to take a few milliseconds), with a progress bar "N of M
   * documents" and a Cancel. The core gets the whole set at the end, in
   * one call that checks it all first: a cancelled run (or a failed one)
   * leaves the project as it was. Resolves to what applySuggestionSet
   * did, or null.
   */
  async runSource(what, kind, options) {
    if (this.run) { toast(`${this.run.what} is still running: cancel it first`, "error"); return null; }
    const run = this.run = { what, cancelled: false, id: 0, slices: 0, t0: performance.now() };
    this.renderRun(`${what}: reading the project…`);
    let set;
    try {
      const fm = await formatsModule();
      // a frame first, so that the bar shows while the project is handed over (one call)
      await new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
      if (run.cancelled) { this.runStopped(run, 0, 0); return null; }
      const ts = performance.now();
      syncProject(fm);
      const tp = performance.now();
      const st = fm.api.suggestRunStart(kind, options);
      // one call each: the project handed to the formats module, the source prepared
      run.sync = tp - ts;
      run.start = performance.now() - tp;
      run.id = st.run;
      let done = 0, per = 8;
      const total = st.total;
      this.renderRun(`${what}: 0 of ${plural(total, "document")}`, 0, total);
      while (done < total) {
        await yieldSlice();
        if (run.cancelled) { fm.api.suggestRunDrop(run.id); this.runStopped(run, done, total); return null; }
        const t0 = performance.now();
        done = fm.api.suggestRunStep(run.id, per).done;
        run.slices++;
        // aim at ~8 ms a slice: the page keeps its frames and answers keys
        const dt = performance.now() - t0;
        per = Math.max(1, Math.min(per * 4, Math.round(per * 8 / Math.max(dt, 0.25))));
        this.renderRun(`${what}: ${num(done)} of ${plural(total, "document")}`, done, total);
      }
      set = fm.api.suggestRunSet(run.id);
    } catch (err) {
      errorToast(err, `${what}: nothing was suggested: `);
      return null;
    } finally {
      if (this.run === run) this.run = null;
      this.renderRun();
    }
    this.lastSet = set; // for the tests: a run's set, to compare with the one-shot source's
    const t1 = performance.now();
    const r = this.applySet(set, what);
    // figures for the tests and benchmarks: the run, its slices, the one applying call
    performance.measure("sm-suggest-run", { start: run.t0, end: t1, detail: { slices: run.slices, sync: run.sync, start: run.start } });
    performance.measure("sm-suggest-apply", { start: t1, end: performance.now() });
    return r;
  }

  runStopped(run, done, total) {
    status(`${run.what}: cancelled${total ? ` after ${num(done)} of ${plural(total, "document")}` : ""}; no suggestion was added`);
  }

  cancelRun() {
    if (this.run) this.run.cancelled = true; // seen before the next slice
  }

  /** The run's progress (text, done, total) in the panel, or hide it (no text). */
  renderRun(text, done = 0, total = 0) {
    if (!this.panel) return;
    const q = sel => this.panel.querySelector(sel);
    const busy = !!text;
    q("#sugg-run-progress").hidden = !busy;
    for (const b of this.panel.querySelectorAll(".sugg-run > button")) b.disabled = busy;
    if (!busy) return;
    q("#sugg-run-text").textContent = text;
    const bar = q("#sugg-run-bar");
    if (total) { bar.max = total; bar.value = done; } else bar.removeAttribute("value");
  }

  applySet(set, what) {
    const r = call("applySuggestionSet", set);
    if (!r) return;
    this.redraw();
    this.renderPanel();
    const skipped = r.rejected ? `; ${plural(r.rejected, "was", "were")} rejected before and stay away` : "";
    toast(`${what}: ${plural(r.added, "suggestion")} in ${plural(r.documents, "document")}${skipped}`, "ok");
    return r;
  }

  // ---------- panel ----------

  openPanel() {
    this.ensurePanel();
    this.panel.hidden = false;
    this.renderPanel();
    this.panel.scrollIntoView({ block: "nearest" });
    this.panel.querySelector("button").focus();
  }

  ensurePanel() {
    if (this.panel) return;
    this.panel = h("section.panel", { id: "panel-sugg", "aria-labelledby": "h-sugg" },
      h("h2", { id: "h-sugg" }, "Suggestions ", h("span.count", { id: "sugg-count", text: "0" })),
      h("div.sugg-run", null,
        h("button.btn.small", { id: "sugg-own", type: "button", title: "Suggest every text labelled somewhere in the project wherever it occurs again (whole words)", on: { click: () => this.runOwnLabels(this.panel.querySelector("#sugg-case").checked === false) } }, "From own labels"),
        h("label.sugg-opt", null, h("input", { id: "sugg-case", type: "checkbox", checked: true }), " Match case"),
        h("button.btn.small", { id: "sugg-claims", type: "button", title: "Find claims: reporting verbs and quotations give a CLAIM, its CUE and the claimant", on: { click: () => this.runClaims() } }, "Find claims"),
        h("button.btn.small", { id: "sugg-pat", type: "button", title: "Load a spaCy EntityRuler / Prodigy patterns file (.jsonl) or a dictionary (.txt: LABEL, a tab, an entry, a line)", on: { click: () => this.panel.querySelector("#sugg-pat-file").click() } }, "Load patterns…"),
        h("input.vh", { id: "sugg-pat-file", type: "file", accept: ".jsonl,.json,.ndjson,.txt,.tsv", tabindex: "-1", "aria-hidden": "true",
          on: { change: e => { const f = e.target.files[0]; e.target.value = ""; if (f) this.runPatterns(f); } } })),
      h("div.sugg-progress", { id: "sugg-run-progress", hidden: true },
        h("progress", { id: "sugg-run-bar", "aria-labelledby": "sugg-run-text" }),
        h("span.small", { id: "sugg-run-text", role: "status" }),
        h("button.btn.small", { id: "sugg-run-cancel", type: "button", title: "Stop: no suggestion of this run is added", on: { click: () => this.cancelRun() } }, "Cancel")),
      h("div.sugg-tagger", { role: "group", "aria-label": "Tagger" },
        h("button.btn.small", { id: "sugg-tagger", type: "button", title: "Train the tagger on the project's entity spans (in the background), then suggest on this document and each one opened after", on: { click: () => this.trainTagger() } }, "Train & suggest"),
        h("button.btn.small", { id: "sugg-tagger-cancel", type: "button", hidden: true, on: { click: () => this.cancelTagger() } }, "Cancel"),
        h("progress", { id: "sugg-tagger-progress", hidden: true, "aria-label": "Training the tagger" }),
        h("label.sugg-opt", { title: "Once trained, the tagger trains again in the background after this many new entity spans (accepted or made by hand), and whenever a document is marked done" },
          "Re-train every ", h("input", { id: "sugg-tagger-every", type: "number", min: "1", max: "1000", step: "1", value: String(this.every),
            on: { change: e => this.setEvery(e.target.value) } }), " new spans"),
        h("label.sugg-opt", { title: "The tagger suggests only what it scores at least this. Empty: the score its cross-validation on the done documents chose, above which its predictions were mostly right" },
          "Suggest when score ≥ ", h("input", { id: "sugg-tagger-min", type: "number", min: "0", max: "1", step: "0.01",
            on: { change: e => this.setThreshold(e.target.value) } }), " ", h("span.small", { id: "sugg-tagger-min-from" })),
        h("p.hint.small", { id: "sugg-tagger-state", role: "status" }),
        h("p.hint.small", { id: "sugg-tagger-cv", hidden: true, title: "Each part of the done documents tagged by a model trained on the others (exact-match entities)" })),
      h("div.sugg-list", { id: "sugg-list" }),
      h("p.hint.small", { text: "Enter accepts · X rejects · . and , next / previous · Shift+Enter accepts all of the label" }));
    document.getElementById("side").prepend(this.panel);
    this.renderTagger();
  }

  renderPanel() {
    if (!this.panel) return;
    const app = this.app;
    const counts = (app.docId && call("suggestionCounts", app.docId)) || [];
    const total = counts.reduce((n, c) => n + c.open, 0);
    this.panel.querySelector("#sugg-count").textContent = num(total);
    const list = clear(this.panel.querySelector("#sugg-list"));
    if (!counts.length) { list.append(h("p.hint.small", { text: "No open suggestions in this document." })); return; }
    const bySource = new Map();
    for (const c of counts) {
      if (!bySource.has(c.source)) bySource.set(c.source, []);
      bySource.get(c.source).push(c);
    }
    for (const [source, cs] of bySource) {
      const name = SOURCE_NAMES[source] || source;
      const on = h("input", { type: "checkbox", checked: !this.off.has(source), "aria-label": `Show suggestions from ${name}`,
        on: { change: e => { if (e.target.checked) this.off.delete(source); else this.off.add(source); this.redraw(); } } });
      const group = h("div.sugg-src", { "data-source": source }, h("label.sugg-src-head", null, on, " ", name, " ", h("span.count", { text: num(cs.reduce((n, c) => n + c.open, 0)) })));
      for (const c of cs) {
        // a scored label shows its scores' range (from the source, e.g. an import's predictions)
        const range = c.scored ? (c.min === c.max ? c.min.toFixed(2) : `${c.min.toFixed(2)}–${c.max.toFixed(2)}`) : "";
        group.append(h("div.sugg-row", { "data-label": c.label },
          h("span.chip.inline." + app.painter.cls(c.label), { text: c.label }),
          h("span.n", { text: num(c.open) }),
          ...(range ? [h("span.sugg-score", { title: `Scores of the ${plural(c.scored, "scored suggestion")}`, text: range })] : []),
          h("button.btn.small.sugg-acc", { type: "button", text: "Accept all", "aria-label": `Accept all ${c.open} ${c.label} suggestions from ${name}`, on: { click: () => this.acceptAll({ label: c.label, source }) } }),
          h("button.btn.small.sugg-rej", { type: "button", text: "Reject all", "aria-label": `Reject all ${c.open} ${c.label} suggestions from ${name}`, on: { click: () => this.rejectAll({ label: c.label, source }) } })));
      }
      if (cs.some(c => c.scored)) group.append(this.minScoreRow(source, name));
      list.append(group);
    }
  }

  /** "Accept all ≥ [score]" for a source with scores: one undo step (the core's filter; unscored ones never match). */
  minScoreRow(source, name) {
    const input = h("input", { type: "number", min: "0", max: "1", step: "0.05", value: String(this.minScore[source] ?? 0.8),
      "aria-label": `Lowest score to accept, ${name}`, on: { change: e => { this.minScore[source] = e.target.value; } } });
    const go = () => {
      const v = Number(input.value);
      if (!(v > 0 && v <= 1)) { status("A score between 0 and 1, above 0"); input.focus(); return; }
      this.minScore[source] = input.value;
      this.acceptAll({ source, minScore: v });
    };
    input.addEventListener("keydown", e => { if (e.key === "Enter") { e.preventDefault(); e.stopPropagation(); go(); } });
    return h("div.sugg-min", null, h("span", { text: "Accept all scored ≥" }), input,
      h("button.btn.small.sugg-acc-min", { type: "button", text: "Accept", "aria-label": `Accept every ${name} suggestion scored at least the value given`, on: { click: go } }));
  }
}
