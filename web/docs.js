// docs.js — the project's documents: the side list (title, status badge,
// span count, the open one highlighted), the progress bar, "Mark done", and
// adding articles by pasting text or opening .txt files. The rules (status
// in progress on the first edit, text-file checks, titles and ids) are the
// core's; this module shows what the bridge says.

import { sm, call, tryCall } from "./bridge.js";
import { h, clear, toast, status, plural, ellipsize, describeError, idle } from "./util.js";
import { readFile } from "./files.js";

const STATUS_TEXT = { todo: "to do", in_progress: "in progress", done: "done" };
const DOC_CHUNK = 100; // rows per block of the list (see .doc-chunk in style.css)
const $ = id => document.getElementById(id);
const optionText = d => `${d.title || d.id} — ${plural(d.spans, "span")}`;

export class DocList {
  constructor(app) {
    this.app = app;
    this.docs = [];          // DocInfo, in project order
    this.items = new Map();  // id → {li, button, badge, count, title}: the rows built so far
    this.options = new Map(); // id → <option> of the header's document menu
    this.index = new Map();  // id → position in docs
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
    // a block scrolled to before it was built when idle
    $("doc-list").addEventListener("contentvisibilityautostatechange", e => { if (!e.skipped && e.target.smFirst !== undefined) this.fill(e.target); }, true);
  }

  /** Rebuild the whole list and the header's document menu (project
   * loaded, documents added or removed). The rows come in blocks of
   * DOC_CHUNK: the first and the open document's now, the others when idle
   * or scrolled to (10,000 rows took 500 ms to build at once). */
  render() {
    this.docs = sm.documents();
    this.gen++;
    const list = clear($("doc-list"));
    const menu = clear($("doc-select"));
    this.items.clear();
    this.options.clear();
    this.index.clear();
    this.current = null;
    this.chunks = [];
    // Built in fragments, never spread into one call: append(...a) passes
    // every element as an argument, which overflows the stack above ~125,000
    // documents (issue 23: a valid dataset could make the page unable to start)
    const blocks = document.createDocumentFragment(), options = document.createDocumentFragment();
    for (let i = 0; i < this.docs.length; i++) {
      const d = this.docs[i];
      this.index.set(d.id, i);
      if (i % DOC_CHUNK === 0) {
        const c = h("div.doc-chunk", { role: "none" });
        c.smFirst = i;
        c.smFilled = false;
        // its height until it is first laid out (rows with a one-line title)
        c.style.containIntrinsicSize = `auto ${Math.min(DOC_CHUNK, this.docs.length - i) * 3.5}rem`;
        this.chunks.push(c);
        blocks.append(c);
      }
      const o = new Option(optionText(d), d.id);
      this.options.set(d.id, o);
      options.append(o);
    }
    list.append(blocks);
    menu.append(options);
    this.fill(this.chunks[0]);
    if (this.app.docId) menu.value = this.app.docId;
    this.setCurrent(this.app.docId);
    this.progress();
    this.fillWhenIdle(this.gen);
  }

  /** Give a block its rows (once). */
  fill(c) {
    if (!c || c.smFilled) return;
    c.smFilled = true;
    const rows = document.createDocumentFragment();
    for (let i = c.smFirst; i < Math.min(c.smFirst + DOC_CHUNK, this.docs.length); i++) rows.append(this.row(this.docs[i]));
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
    const button = h("button.doc-item", {
      type: "button",
      on: { click: () => { if (d.id !== this.app.docId) this.app.openDoc(d.id); this.app.article.focus({ preventScroll: true }); } },
    }, title, h("span.doc-sub", null, badge, count));
    const li = h("div.doc-row", { role: "listitem", "data-id": d.id }, button);
    this.items.set(d.id, { li, button, badge, count, title });
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
    it.button.setAttribute("aria-label", `${name} — ${STATUS_TEXT[d.status] || d.status}, ${plural(d.spans, "span")}`);
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
    if (old.spans !== d.spans || old.status !== d.status || old.title !== d.title) this.paint(d);
    if (old.status !== d.status) this.progress();
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
    const d = this.docs.find(x => x.id === id);
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
    $("doc-progress-text").textContent = `${done} of ${plural(total, "document")} done` + (started ? ` · ${started} in progress` : "");
    $("docs-count").textContent = String(total);
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
    }
    const i = this.docs.findIndex(d => d.id === id);
    const order = this.docs.slice(i + 1).concat(this.docs.slice(0, i));
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
