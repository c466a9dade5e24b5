// docs.js — the project's documents: the side list (title, status badge,
// span count, document labels, the open one highlighted), its filter (title
// words, status, a label: the core's findDocuments picks the rows), the
// progress bar, "Mark done", and adding articles by pasting text or opening
// .txt files. The rules (status in progress on the first edit, text-file
// checks, titles and ids, what a filter matches) are the core's; this
// module shows what the bridge says.

import { sm, call, tryCall } from "./bridge.js";
import { h, clear, toast, status, plural, num, ellipsize, describeError, idle } from "./util.js";
import { readFile } from "./files.js";

const STATUS_TEXT = { todo: "to do", in_progress: "in progress", done: "done" };
const DOC_CHUNK = 100; // rows per block of the list (see .doc-chunk in style.css)
const $ = id => document.getElementById(id);
const optionText = d => `${d.title || d.id} — ${plural(d.spans, "span")}`;

export class DocList {
  constructor(app) {
    this.app = app;
    this.docs = [];          // DocInfo, in project order
    this.rows = [];          // the documents listed: this.docs, or those the filter selects
    this.query = null;       // the filter as the core takes it (DocQuery), or null
    this.quietReopen = null; // a document set back in progress on purpose: no notice
    this.items = new Map();  // id → {li, button, badge, count, title}: the rows built so far
    this.options = new Map(); // id → <option> of the header's document menu
    this.index = new Map();  // id → position in rows
    this.chunks = [];        // blocks of DOC_CHUNK rows
    this.gen = 0;            // cancels the idle building of an earlier list
    this.scrollFrame = 0;    // the pending scroll of the current item into view
    this.current = null;     // the id of the row marked current
  }

  bind() {
    $("btn-done").addEventListener("click", () => this.markDone());
    $("btn-paste").addEventListener("click", () => this.openPaste());
    $("btn-add-txt").addEventListener("click", () => $("txt-file").click());
    $("txt-file").addEventListener("change", e => { const fs = [...e.target.files]; e.target.value = ""; this.addTextFiles(fs); });
    $("paste-form").addEventListener("submit", e => { e.preventDefault(); this.addPasted(); });
    $("paste-cancel").addEventListener("click", () => this.closePaste());
    $("paste").addEventListener("mousedown", e => { if (e.target === $("paste")) this.closePaste(); });
    $("paste").addEventListener("keydown", e => { if (e.key === "Escape") { e.preventDefault(); e.stopPropagation(); this.closePaste(); } });
    $("doc-filter").addEventListener("input", () => this.setFilter());
    $("doc-filter-status").addEventListener("change", () => this.setFilter());
    $("doc-filter-label").addEventListener("change", () => this.setFilter());
    $("doc-filter-label").addEventListener("focus", () => this.labelOptions()); // labels edited since the list was built
    $("doc-filter").addEventListener("keydown", e => {
      // Esc clears the filter, then leaves the field; Enter opens the first match
      if (e.key === "Escape" && e.target.value) { e.preventDefault(); e.stopPropagation(); e.target.value = ""; this.setFilter(); }
      else if (e.key === "Enter" && this.rows.length) { e.preventDefault(); this.app.openDoc(this.rows[0].id); this.drawer(false); this.app.article.focus({ preventScroll: true }); }
    });
    $("doc-filter-clear").addEventListener("click", () => this.clearFilter());
    // the drawer of narrow windows: a row chosen, its × button, Esc or a click outside closes it
    $("btn-docs-drawer").addEventListener("click", () => this.drawer(!$("docs").classList.contains("open")));
    $("docs-close").addEventListener("click", () => this.drawer(false)); // shown only on the drawer (style.css)
    $("docs").addEventListener("keydown", e => { if (e.key === "Escape" && $("docs").classList.contains("open") && !e.target.value) { e.preventDefault(); e.stopPropagation(); this.drawer(false); } });
    document.addEventListener("mousedown", e => { if ($("docs").classList.contains("open") && !e.target.closest("#docs, #btn-docs-drawer")) this.drawer(false); });
    // a block scrolled to before it was built when idle
    $("doc-list").addEventListener("contentvisibilityautostatechange", e => { if (!e.skipped && e.target.smFirst !== undefined) this.fill(e.target); }, true);
  }

  /** Rebuild the whole list and the header's document menu (project
   * loaded, documents added or removed). The rows come in blocks of
   * DOC_CHUNK: the first and the open document's now, the others when idle
   * or scrolled to (10,000 rows took 500 ms to build at once). docs: the
   * core's documents() when the caller has them already. */
  render(docs) {
    this.docs = docs || sm.documents();
    this.labelOptions();
    this.rows = this.filtered();
    const menu = clear($("doc-select"));
    this.options.clear();
    // Built in fragments (see renderRows)
    const options = document.createDocumentFragment();
    for (const d of this.docs) {
      const o = new Option(optionText(d), d.id);
      this.options.set(d.id, o);
      options.append(o);
    }
    menu.append(options);
    if (this.app.docId) menu.value = this.app.docId;
    this.renderRows();
    this.progress();
  }

  /** Rebuild the list's rows from this.rows. */
  renderRows() {
    this.gen++;
    const list = clear($("doc-list"));
    this.items.clear();
    this.index.clear();
    this.current = null;
    this.chunks = [];
    // Built in fragments, never spread into one call: append(...a) passes
    // every element as an argument, which overflows the stack above ~125,000
    // documents (issue 23: a valid dataset could make the page unable to start)
    const blocks = document.createDocumentFragment();
    const rows = this.rows;
    for (let i = 0; i < rows.length; i++) {
      const d = rows[i];
      this.index.set(d.id, i);
      if (i % DOC_CHUNK === 0) {
        const c = h("div.doc-chunk", { role: "none" });
        c.smFirst = i;
        c.smFilled = false;
        // its height until it is first laid out (rows with a one-line title)
        c.style.containIntrinsicSize = `auto ${Math.min(DOC_CHUNK, rows.length - i) * 3.5}rem`;
        this.chunks.push(c);
        blocks.append(c);
      }
    }
    list.append(blocks);
    this.fill(this.chunks[0]);
    this.setCurrent(this.app.docId);
    this.fillWhenIdle(this.gen);
    $("doc-filter-none").hidden = !(this.query && rows.length === 0);
    $("docs-count").textContent = this.query ? `${num(rows.length)} of ${num(this.docs.length)}` : num(this.docs.length);
  }

  // ---------- the filter ----------

  /** The label filter's choices: the schema's document labels, then its span labels. */
  labelOptions() {
    const sel = $("doc-filter-label");
    const was = sel.value;
    const schema = this.app.schema || { labels: [], doc_labels: [] };
    const key = JSON.stringify([schema.doc_labels, schema.labels.map(l => l.name)]);
    if (key === this.labelKey) return; // unchanged: keep the DOM (and the choice)
    this.labelKey = key;
    const groups = [];
    if ((schema.doc_labels || []).length) groups.push(h("optgroup", { label: "Document label" }, ...schema.doc_labels.map(l => h("option", { value: "doc:" + l, text: l }))));
    if (schema.labels.length) groups.push(h("optgroup", { label: "Has a span labelled" }, ...schema.labels.map(l => h("option", { value: "span:" + l.name, text: l.name }))));
    clear(sel).append(h("option", { value: "", text: "Any label" }), ...groups);
    sel.value = [...sel.options].some(o => o.value === was) ? was : "";
    if (sel.value !== was) this.readFilter();
  }

  /** Read the filter's fields into this.query (null when empty). */
  readFilter() {
    const text = $("doc-filter").value.trim(), st = $("doc-filter-status").value, label = $("doc-filter-label").value;
    const q = {};
    if (text) q.text = text;
    if (st) q.status = st;
    if (label.startsWith("doc:")) q.docLabel = label.slice(4);
    else if (label.startsWith("span:")) q.spanLabel = label.slice(5);
    this.query = Object.keys(q).length ? q : null;
    $("docs").classList.toggle("filtered", !!this.query);
  }

  /** The documents the filter selects (the core decides), in project order. */
  filtered() {
    this.readFilter();
    if (!this.query) return this.docs;
    const ids = call("findDocuments", this.query);
    if (!ids) return this.docs;
    const keep = new Set(ids);
    return this.docs.filter(d => keep.has(d.id));
  }

  /** A filter field changed: list what it selects. */
  setFilter() {
    this.rows = this.filtered();
    this.renderRows();
    const n = this.rows.length;
    status(this.query ? `${num(n)} of ${plural(this.docs.length, "document")} ${n === 1 ? "matches" : "match"} the filter` : `All ${plural(this.docs.length, "document")} listed`);
  }

  /** Open or close the list as a drawer (windows under 1101 px, where it is otherwise hidden). */
  drawer(open) {
    $("docs").classList.toggle("open", open);
    $("btn-docs-drawer").setAttribute("aria-expanded", String(open));
    if (open) {
      const it = this.items.get(this.app.docId);
      if (it) it.li.scrollIntoView({ block: "nearest" });
      $("doc-filter").focus();
    } else if (document.activeElement && $("docs").contains(document.activeElement)) {
      this.app.article.focus({ preventScroll: true });
    }
  }

  clearFilter() {
    $("doc-filter").value = "";
    $("doc-filter-status").value = "";
    $("doc-filter-label").value = "";
    this.setFilter();
    $("doc-filter").focus();
  }

  /** Give a block its rows (once). */
  fill(c) {
    if (!c || c.smFilled) return;
    c.smFilled = true;
    const rows = document.createDocumentFragment();
    for (let i = c.smFirst; i < Math.min(c.smFirst + DOC_CHUNK, this.rows.length); i++) rows.append(this.row(this.rows[i]));
    c.append(rows);
  }

  fillWhenIdle(gen) {
    let next = 1;
    const step = deadline => {
      if (gen !== this.gen) return;
      while (next < this.chunks.length && deadline.timeRemaining() > 1) this.fill(this.chunks[next++]);
      if (next < this.chunks.length) idle(step);
    };
    idle(step);
  }

  row(d) {
    const badge = h("span.badge", {});
    const count = h("span.n", {});
    const title = h("span.t", { dir: "auto" });
    const labels = h("span.dl", { dir: "auto" });
    const button = h("button.doc-item", {
      type: "button",
      on: { click: () => { if (d.id !== this.app.docId) this.app.openDoc(d.id); this.drawer(false); this.app.article.focus({ preventScroll: true }); } },
    }, title, h("span.doc-sub", null, badge, count, labels));
    const li = h("div.doc-row", { role: "listitem", "data-id": d.id }, button);
    this.items.set(d.id, { li, button, badge, count, title, labels });
    this.paint(d);
    return li;
  }

  /** The row of document id (building its block if need be). */
  item(id) {
    const i = this.index.get(id);
    if (i === undefined) return undefined;
    this.fill(this.chunks[Math.floor(i / DOC_CHUNK)]);
    return this.items.get(id);
  }

  paint(d) {
    const o = this.options.get(d.id);
    if (o) o.textContent = optionText(d);
    const it = this.items.get(d.id);
    if (!it) return; // not built yet: built from this.docs when it is
    const name = d.title || d.id;
    if (it.title.textContent !== name) it.title.textContent = name;
    it.badge.className = "badge " + d.status;
    it.badge.textContent = STATUS_TEXT[d.status] || d.status;
    it.count.textContent = plural(d.spans, "span");
    const ls = d.labels.join(" · ");
    if (it.labels.textContent !== ls) it.labels.textContent = ls;
    it.button.setAttribute("aria-label", `${name} — ${STATUS_TEXT[d.status] || d.status}, ${plural(d.spans, "span")}` + (ls ? `, labels ${d.labels.join(", ")}` : ""));
    it.button.title = name;
  }

  /** One document changed (an edit, undo, status): refresh its row and the progress. */
  update(id) {
    if (!id) return;
    const r = tryCall("document", id);
    if (r.error) return;
    const i = this.docs.findIndex(d => d.id === id);
    if (i < 0) { this.render(); return; }
    const d = r.value;
    const old = this.docs[i];
    this.docs[i] = d;
    const j = this.index.get(id);
    if (j !== undefined && this.rows !== this.docs) this.rows[j] = d; // (a row listed stays listed until the filter changes)
    const labels = old.labels.join("\n") !== d.labels.join("\n"), meta = JSON.stringify(old.meta) !== JSON.stringify(d.meta);
    if (old.spans !== d.spans || old.status !== d.status || old.title !== d.title || labels) this.paint(d);
    if (old.status !== d.status) this.progress();
    if (id === this.app.docId && (old.status !== d.status || old.title !== d.title || labels || meta)) {
      // renamed, relabelled, reopened, or the undo of one of these: the head under the title
      $("doc-title").textContent = d.title || d.id;
      const m = d.meta || {};
      $("doc-meta").textContent = [m.source, m.date, plural(d.lengthCP, "character")].filter(Boolean).join(" · ");
      this.app.docEdit.head(d);
    }
    // an edit of a done document sets it back in progress (the core's rule): say so
    if (old.status === "done" && d.status === "in_progress" && this.quietReopen !== id) {
      status(`“${ellipsize(d.title || id, 50)}” was done: this edit set it back in progress (Ctrl+Z undoes both)`);
    }
    this.quietReopen = null;
  }

  setCurrent(id) {
    // only the rows that change: a project of 10,000 records took 10 ms a
    // switch to visit every row
    const was = this.items.get(this.current);
    if (was) { was.li.classList.remove("current"); was.button.removeAttribute("aria-current"); }
    const it = this.item(id);
    if (it) { it.li.classList.add("current"); it.button.setAttribute("aria-current", "true"); }
    this.current = id;
    // in the next frame, when its layout is done anyway: scrolling now would
    // force a layout of the page in the middle of opening a document
    cancelAnimationFrame(this.scrollFrame);
    this.scrollFrame = it ? requestAnimationFrame(() => { if (it.li.isConnected) it.li.scrollIntoView({ block: "nearest" }); }) : 0;
    const d = this.rows.find(x => x.id === id) || this.docs.find(x => x.id === id);
    $("btn-done").disabled = !d;
    $("btn-done").textContent = d && d.status === "done" ? "Done ✓ — next" : "Mark done";
  }

  progress() {
    const total = this.docs.length;
    const done = this.docs.filter(d => d.status === "done").length;
    const started = this.docs.filter(d => d.status === "in_progress").length;
    const bar = $("doc-progress");
    bar.max = Math.max(total, 1);
    bar.value = done;
    $("doc-progress-text").textContent = `${num(done)} of ${plural(total, "document")} done` + (started ? ` · ${num(started)} in progress` : "");
    $("docs-count").textContent = this.query ? `${num(this.rows.length)} of ${num(total)}` : num(total);
    const cur = this.docs.find(x => x.id === this.app.docId);
    $("btn-done").textContent = cur && cur.status === "done" ? "Done ✓ — next" : "Mark done";
  }

  /** Mark the open document done and open the next one not done (after it, wrapping round). */
  markDone() {
    const app = this.app;
    if (!app.docId) return;
    const id = app.docId;
    const cur = this.docs.find(d => d.id === id);
    if (cur && cur.status !== "done") {
      const cv = call("setStatus", id, "done");
      if (!cv) return;
      app.applyChange(cv);
      this.update(id);
      if (app.suggest) app.suggest.markedDone(); // a trained tagger learns from it, in the background
    }
    // the next among the documents listed (a filter is a work queue)
    const list = this.rows.some(d => d.id === id) ? this.rows : this.docs;
    const i = list.findIndex(d => d.id === id);
    const order = list.slice(i + 1).concat(list.slice(0, i));
    const next = order.find(d => d.status !== "done");
    if (next) {
      app.openDoc(next.id);
      status(`Marked “${ellipsize((cur && cur.title) || id, 40)}” done; opened “${ellipsize(next.title || next.id, 40)}”`);
    } else {
      status(`All ${plural(this.docs.length, "document")} are done`);
      toast(`All ${plural(this.docs.length, "document")} are done. Export the project to keep them.`, "ok");
    }
  }

  // ---------- adding articles ----------

  openPaste() {
    $("paste-title").value = "";
    $("paste-text").value = "";
    $("paste-error").textContent = "";
    $("paste").hidden = false;
    $("paste-text").focus();
  }

  closePaste() {
    $("paste").hidden = true;
    this.app.article.focus({ preventScroll: true });
  }

  addPasted() {
    const text = $("paste-text").value;
    let title = $("paste-title").value.trim();
    if (!text.trim()) { $("paste-error").textContent = "Paste the article's text first."; return; }
    // no title given: the first line, as a headline usually is
    if (!title) title = ellipsize(text.trim().split(/\r?\n/, 1)[0].trim(), 100);
    const r = tryCall("addDocument", "", title, text, { source: "pasted" });
    if (r.error) { $("paste-error").textContent = describeError(r.error); return; }
    $("paste").hidden = true;
    this.render();
    this.app.openDoc(r.value.id);
    this.app.article.focus({ preventScroll: true });
    toast(`Added “${ellipsize(title, 60)}”`, "ok");
  }

  /** Add .txt files as articles (all or nothing; the core checks each file). Returns the new ids. */
  async addTextFiles(files) {
    if (!files.length) return [];
    const list = [];
    for (const f of files) {
      try { list.push(await readFile(f)); } catch (err) { toast(describeError(err), "error"); return []; }
    }
    return this.addTextItems(list);
  }

  /** Add files already read ({name, data}) as articles: all or nothing, checked by the core. Returns the new ids. */
  addTextItems(list) {
    if (!list.length) return [];
    const r = tryCall("addTextFiles", list);
    if (r.error) {
      const ps = r.error.problems || [];
      const msg = ps.length > 1
        ? `No article added: ${plural(ps.length, "file")} could not be read — ` + ps.map(p => `${p.file || "?"}: ${p.message}`).join("; ")
        : `No article added: ${describeError(r.error)}`;
      toast(msg, "error", 15000);
      return [];
    }
    const added = r.value;
    this.render();
    if (added.length) this.app.openDoc(added[0].id);
    toast(added.length === 1 ? `Added “${ellipsize(added[0].title, 60)}”` : `Added ${plural(added.length, "article")}: ${added.map(d => d.title).join(", ")}`, "ok");
    return added.map(d => d.id);
  }
}
