// docedit.js — the open document's own controls, under its title: its
// document-level labels (chips, and a menu to set them), Reopen when it is
// done, the Edit document… button, and the deletions' undo. The Document
// dialog itself (F2: title, source, URL, date, status, delete) is
// docdialog.js, loaded on first use. Every rule (what a title or a date may
// be, that an edit reopens a done document) is the core's (annotate/docedit.go); each change is one
// core call and an undo step: renames, metadata, status and labels in the
// document's own history, deletions here, one step each above it (the
// core keeps a deleted document in memory; restoreDocument puts it back
// with its history). Nothing here runs before the page is interactive but
// bind(), which adds listeners.

import { sm, call, tryCall } from "./bridge.js";
import { h, clear, toast, status, plural, ellipsize, describeError, errorToast } from "./util.js";

const $ = id => document.getElementById(id);

export class DocEdit {
  constructor(app) {
    this.app = app;
    this.info = null;     // DocInfo of the open document, as last shown
    this.deleted = [];    // [{id, title, spans, index}] deletions to undo, newest last
    this.restored = [];   // deletions undone, to redo
    this.fresh = false;   // the last action was a deletion or its undo: Ctrl+Z / Ctrl+Y act on it first
    this.menuOpen = false;
  }

  bind() {
    document.addEventListener("mousedown", e => { if (this.menuOpen && !e.target.closest(".dl-wrap")) this.closeMenu(); });
  }

  // ---------- under the title ----------

  /** Show the open document's labels and buttons (info: its DocInfo, or null). */
  head(info) {
    this.info = info;
    const box = clear($("doc-tools"));
    this.menuOpen = false;
    if (!info) return;
    const names = (this.app.schema && this.app.schema.doc_labels) || [];
    const chips = h("ul.dl-chips", { "aria-label": "Document labels" });
    for (const l of info.labels) {
      chips.append(h("li.dl-chip", { "data-label": l }, h("span", { text: l }),
        h("button.dl-x", { type: "button", "aria-label": `Remove the document label ${l}`, title: `Remove “${l}”`, text: "×", on: { click: () => this.toggle(l, false) } })));
    }
    box.append(chips);
    if (names.length) {
      const btn = h("button.btn.small.dl-add", {
        type: "button", id: "btn-doc-labels", "aria-haspopup": "menu", "aria-expanded": "false",
        title: "Set the document's labels", text: info.labels.length ? "Labels ▾" : "+ Document label",
        on: { click: () => this.menuOpen ? this.closeMenu() : this.openMenu() },
      });
      const menu = h("div.menu.dl-menu", { id: "doc-labels-menu", role: "menu", "aria-label": "Document labels", hidden: true });
      menu.addEventListener("keydown", e => {
        const items = [...menu.querySelectorAll("[role=menuitemcheckbox]")];
        const i = items.indexOf(document.activeElement);
        if (e.key === "Escape") { e.preventDefault(); e.stopPropagation(); this.closeMenu(true); }
        else if (e.key === "ArrowDown" || e.key === "ArrowUp") { e.preventDefault(); items[(i + (e.key === "ArrowDown" ? 1 : items.length - 1)) % items.length].focus(); }
      });
      for (const l of names) {
        const on = info.labels.includes(l);
        menu.append(h("button.menu-item.dl-item", {
          type: "button", role: "menuitemcheckbox", "aria-checked": String(on), "data-label": l,
          text: (on ? "✓ " : "\u2003") + l, on: { click: () => this.toggle(l, !on, true) },
        }));
      }
      box.append(h("span.menu-wrap.dl-wrap", null, btn, menu));
    }
    if (info.status === "done") {
      box.append(h("button.btn.small.de-reopen", {
        type: "button", id: "btn-reopen", title: "Set this document back in progress (an edit does so too)",
        text: "Done ✓ · Reopen", on: { click: () => this.reopen() },
      }));
    }
    box.append(h("button.btn.small.de-open", {
      type: "button", id: "btn-doc-edit", "aria-keyshortcuts": "F2", title: "Rename, edit the source, URL, date and status, or delete the document (F2)",
      text: "Edit document…", on: { click: () => this.open() },
    }));
  }

  openMenu() {
    const menu = $("doc-labels-menu");
    if (!menu) return;
    menu.hidden = false;
    this.menuOpen = true;
    $("btn-doc-labels").setAttribute("aria-expanded", "true");
    const first = menu.querySelector("[role=menuitemcheckbox]");
    if (first) first.focus();
  }

  closeMenu(refocus) {
    const menu = $("doc-labels-menu");
    this.menuOpen = false;
    if (!menu) return;
    menu.hidden = true;
    $("btn-doc-labels").setAttribute("aria-expanded", "false");
    if (refocus) $("btn-doc-labels").focus();
  }

  /** Set or clear one document label: one undo step (the core's setDocLabels). keepMenu: reopen the menu after. */
  toggle(label, on, keepMenu) {
    const info = this.info;
    if (!info) return;
    const labels = info.labels.filter(l => l !== label);
    if (on) labels.push(label);
    const cv = this.app.edit("setDocLabels", info.id, labels);
    if (!cv) return;
    this.refresh(info.id);
    status(on ? `Labelled the document “${label}” (Ctrl+Z undoes)` : `Removed the document label “${label}” (Ctrl+Z undoes)`);
    if (keepMenu) {
      this.openMenu();
      const item = document.querySelector(`#doc-labels-menu [data-label="${CSS.escape(label)}"]`);
      if (item) item.focus();
    }
  }

  /** The document changed by a call made here: its row, the progress and the head, now. */
  refresh(id) {
    this.app.docs.update(id);
    const r = tryCall("document", id);
    if (!r.error && id === this.app.docId) this.head(r.value);
  }

  reopen() {
    const info = this.info;
    if (!info) return;
    this.app.docs.quietReopen = info.id;
    if (!this.app.edit("setStatus", info.id, "in_progress")) return;
    this.refresh(info.id);
    status(`Reopened “${ellipsize(info.title || info.id, 50)}”: in progress (Ctrl+Z undoes)`);
  }

  // ---------- the Document dialog (docdialog.js, loaded on first use) ----------

  /** F2 or "Edit document…": the dialog, once docdialog.js is loaded. */
  open() {
    if (!this.info) return;
    this.app.docDialog().then(d => { if (d && this.info) d.open(); });
  }

  // ---------- deletion ----------

  /** Delete a document (undoable: Ctrl+Z, or the toast's Undo) and open its neighbour. */
  remove(id) {
    const docs = this.app.docs;
    const d = docs.docs.find(x => x.id === id);
    const r = tryCall("deleteDocument", id);
    if (r.error) { errorToast(r.error); return; }
    this.deleted.push({ id, title: d ? d.title || id : id, spans: d ? d.spans : 0 });
    this.restored = [];
    this.fresh = true;
    docs.render();
    if (id === this.app.docId || !docs.docs.some(x => x.id === this.app.docId)) {
      const next = docs.docs[Math.min(r.value.index, docs.docs.length - 1)];
      this.app.openDoc(next ? next.id : null);
    } else {
      this.app.setUndo(...(this.app.undoState || [false, false]));
    }
    const name = d ? ellipsize(d.title || id, 50) : id;
    const t = toast(`Deleted “${name}”${d && d.spans ? ` and its ${plural(d.spans, "span")}` : ""}. Ctrl+Z brings it back.`, "ok", 10000);
    t.insertBefore(h("button.btn.small.toast-undo", { type: "button", text: "Undo", on: { click: () => { t.remove(); this.undo(); } } }), t.lastChild);
  }

  /** Whether Ctrl+Z (dir "undo") or Ctrl+Y acts here before the open document's history. */
  first(dir) { return this.fresh && this.can(dir); }

  can(dir) { return (dir === "undo" ? this.deleted : this.restored).length > 0; }
  canUndo() { return this.can("undo"); }
  canRedo() { return this.can("redo"); }

  /** Another project (opened, imported, replaced): its deletions are not this one's. */
  forget() { this.deleted = []; this.restored = []; this.fresh = false; }

  /** A new edit: deletions undone cannot be redone over it, and Ctrl+Z goes to it first. */
  edited() { this.fresh = false; this.restored = []; }

  undo() {
    const x = this.deleted.pop();
    if (!x) return false;
    const r = tryCall("restoreDocument", x.id);
    this.fresh = true;
    if (r.error) {
      toast(`“${ellipsize(x.title, 50)}” cannot be brought back: ${describeError(r.error)}`, "error");
      return true;
    }
    this.restored.push(x);
    this.app.docs.render();
    this.app.openDoc(x.id);
    toast(`Brought back “${ellipsize(x.title, 50)}”${x.spans ? ` with its ${plural(x.spans, "span")}` : ""}. Ctrl+Y deletes it again.`, "ok");
    return true;
  }

  redo() {
    const x = this.restored.pop();
    if (!x) return false;
    const keep = this.restored;
    this.remove(x.id); // clears the redo stack: keep the rest of it
    this.restored = keep;
    return true;
  }
}
