// docdialog.js — the Document dialog (F2, "Edit document…" under the
// title): title, source, URL, date, status, delete. Every rule (what a
// title or a date may be, that an edit reopens a done document) is the
// core's (annotate/docedit.go); a save is one core call and an undo step
// each for the title and metadata and for the status.
//
// This module is not part of the page's bundle: app.js loads it
// (lazyModule) on the first F2 or click on "Edit document…". What shows at
// a document's open (its labels, Reopen, the button) and the deletions'
// undo stay in docedit.js. It imports nothing (a module loaded on its own
// would get its own bridge.js, without the running core): app.js hands it
// what it needs (makeDocDialog's d).

const $ = id => document.getElementById(id);
const FIELDS = { title: "de-title", "meta.source": "de-source", "meta.url": "de-url", "meta.date": "de-date" };

let tryCall, describeError, status, ellipsize, plural;

/** The dialog, bound, for de (docedit.js's DocEdit). d: {tryCall, describeError, status, ellipsize, plural} from app.js. */
export function makeDocDialog(de, d) {
  ({ tryCall, describeError, status, ellipsize, plural } = d);
  const dlg = new DocDialog(de);
  dlg.bind();
  return dlg;
}

class DocDialog {
  constructor(de) {
    this.de = de;
    this.app = de.app;
  }

  bind() {
    $("docedit-form").addEventListener("submit", e => { e.preventDefault(); this.save(); });
    $("de-cancel").addEventListener("click", () => this.close());
    $("de-delete").addEventListener("click", () => { const id = this.de.info && this.de.info.id; this.close(); if (id) this.de.remove(id); });
    const m = $("docedit");
    m.addEventListener("mousedown", e => { if (e.target === m) this.close(); });
    // the dialog's keys are its own: no label hotkey, no article key
    m.addEventListener("keydown", e => {
      e.stopPropagation();
      if (e.key === "Escape") { e.preventDefault(); this.close(); }
    });
    for (const id of Object.values(FIELDS)) $(id).addEventListener("input", e => e.target.removeAttribute("aria-invalid"));
  }

  open() {
    const info = this.de.info;
    if (!info) return;
    const m = info.meta || {};
    $("de-title").value = info.title;
    $("de-source").value = m.source || "";
    $("de-url").value = m.url || "";
    $("de-date").value = m.date || "";
    $("de-status").value = info.status;
    $("de-about").textContent = `id ${info.id} · ${plural(info.lengthCP, "character")} · ${plural(info.spans, "span")}` + (info.relations ? ` · ${plural(info.relations, "relation")}` : "");
    $("de-error").textContent = "";
    for (const id of Object.values(FIELDS)) $(id).removeAttribute("aria-invalid");
    $("docedit").hidden = false;
    $("de-title").focus();
    $("de-title").select();
  }

  close() {
    $("docedit").hidden = true;
    this.app.article.focus({ preventScroll: true });
  }

  /** Save the dialog: title and metadata as one step, then the status as another (each only if changed). */
  save() {
    const info = this.de.info;
    if (!info) return;
    const id = info.id;
    const meta = { source: $("de-source").value, url: $("de-url").value, date: $("de-date").value };
    const m = info.meta || {};
    const infoChanged = $("de-title").value !== info.title || meta.source !== (m.source || "") || meta.url !== (m.url || "") || meta.date !== (m.date || "");
    if (infoChanged) {
      const r = tryCall("setDocInfo", id, $("de-title").value, meta);
      if (r.error) {
        $("de-error").textContent = describeError(r.error);
        const f = $(FIELDS[r.error.field]);
        if (f) { f.setAttribute("aria-invalid", "true"); f.focus(); }
        return;
      }
      this.app.applyChange(r.value);
    }
    const st = $("de-status").value;
    if (st !== info.status) {
      this.app.docs.quietReopen = id;
      if (!this.app.edit("setStatus", id, st)) return;
    }
    $("docedit").hidden = true;
    this.de.refresh(id);
    this.app.article.focus({ preventScroll: true });
    if (infoChanged || st !== info.status) status(`Saved the document “${ellipsize(this.de.info.title || id, 50)}” (Ctrl+Z undoes)`);
  }
}
