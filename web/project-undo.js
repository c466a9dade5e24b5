// project-undo.js — one undo step for replacing the whole project (the
// Import dialog's "Replace project", and its "Add to project", which hands
// the core a new project too). The core's undo history is per
// document and cannot hold "the project before": so just before the
// replacement the page keeps the project file and its undo histories
// (exportProject + exportHistory, both the core's), and undoing the
// replacement hands them back to the core with importProject, which the
// autosave (store.js) takes as a new base like any import. Ctrl+Z reaches
// it once the open document has nothing left to undo; Ctrl+Y re-applies the
// replaced-with project, with whatever had been done to it. Nothing here
// runs at start-up; the snapshots live in memory only (a reload keeps the
// project as it is, and the document undo histories).

import { sm, tryCall } from "./bridge.js";
import { plural } from "./util.js";

export class ProjectUndo {
  constructor(app) {
    this.app = app;
    this.undoSnap = null; // {json, history, docId, label}: the project before the replacement
    this.redoSnap = null; // the project the undo took away
  }

  /** The project as it is now, with its undo histories (null if the core cannot write it). */
  snapshot(label) {
    const p = tryCall("exportProject"), hist = tryCall("exportHistory");
    if (p.error || hist.error) return null;
    return { json: p.value, history: hist.value, docId: this.app.docId, label };
  }

  /** Call just before the project is replaced; label says by what ("import of x.json");
   * read: the project and its histories as just read by the caller ({json, history}), if it has them. */
  beforeReplace(label, read) {
    this.undoSnap = read ? { ...read, docId: this.app.docId, label } : this.snapshot(label);
    this.redoSnap = null;
  }

  /** Another project was opened or created another way: nothing to undo at this level. */
  forget() { this.undoSnap = this.redoSnap = null; }

  /** A new edit: the replacement undone cannot be redone over it. */
  edited() { this.redoSnap = null; }

  canUndo() { return !!this.undoSnap; }
  canRedo() { return !!this.redoSnap; }

  /** Undo the replacement: returns a status message, or null if there is none to undo. */
  undo() { return this.swap("undo"); }
  redo() { return this.swap("redo"); }

  swap(dir) {
    const snap = dir === "undo" ? this.undoSnap : this.redoSnap;
    if (!snap) return null;
    const now = this.snapshot(snap.label);
    if (!now) return null;
    const r = tryCall("importProject", snap.json, "import", snap.history);
    if (r.error) throw r.error; // the core changed nothing
    if (dir === "undo") { this.undoSnap = null; this.redoSnap = now; }
    else { this.redoSnap = null; this.undoSnap = now; }
    this.app.afterProjectChange(snap.docId);
    const docs = sm.documents().length;
    return dir === "undo"
      ? `Undid the ${snap.label}: the project is back as it was (${plural(docs, "document")}). Ctrl+Y redoes it.`
      : `Redid the ${snap.label} (${plural(docs, "document")}).`;
  }
}
