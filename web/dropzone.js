// dropzone.js — while files are dragged over the page, a frame over the
// whole page says what dropping them will do (the drop itself is app.js's:
// .txt files become articles, anything else goes to the import dialog or
// opens a project). Without it nothing showed that the page takes files at
// all. The element is made on the first drag.

import { h } from "./util.js";
import { lite } from "./formats.js";

export class DropZone {
  constructor() {
    this.el = null;
    this.timer = 0;
    this.depth = 0; // dragenter minus dragleave: children fire both as the pointer moves over them
  }

  bind() {
    const hasFiles = e => !!e.dataTransfer && [...e.dataTransfer.types].includes("Files");
    document.addEventListener("dragenter", e => {
      if (!hasFiles(e)) return;
      this.depth++;
      this.alive();
      if (this.depth === 1) this.show(e.dataTransfer.items ? [...e.dataTransfer.items].filter(i => i.kind === "file").length : 0);
    });
    document.addEventListener("dragleave", e => {
      if (!hasFiles(e) || this.depth === 0) return;
      this.depth--;
      // relatedTarget null: the pointer left the window
      if (this.depth === 0 || !e.relatedTarget) this.hide();
    });
    // A drag over the page fires dragover every 50 ms or so, the pointer
    // still or not; a drag cancelled with Esc, or one that ends outside the
    // window, may fire no dragleave at all: 1.5 s without dragover or
    // dragenter ends it (and a dragover after that shows it again). Armed by
    // dragenter too: a drag whose dragovers never come (DevTools' synthetic
    // drags) left the zone up for good when its dragleaves did not balance.
    document.addEventListener("dragover", e => {
      if (!hasFiles(e)) return;
      if (!this.el || this.el.hidden) { this.depth = 1; this.show(this.n); } // hidden by the timer while the drag went on
      this.alive();
    });
    // the drop (handled by app.js on the document), or a drag ended anywhere
    document.addEventListener("drop", () => this.hide(), true);
    document.addEventListener("dragend", () => this.hide(), true);
  }

  show(n) {
    if (!this.el) {
      this.title = h("p.dz-title");
      this.el = h("div.dropzone", { id: "dropzone", "aria-hidden": "true" }, h("div.dz-box", null,
        this.title,
        h("ul.dz-list", null,
          h("li", { text: ".txt files become new articles of this project" }),
          lite ? h("li", { text: "a spanmark project (.json) opens, after asking, in place of this one" })
            : h("li", { text: "datasets (spanmark, JSONL, CoNLL, brat, doccano, Label Studio, .zip) open the import dialog: it shows what it found before anything changes" }),
          lite ? null : h("li", { text: "a spanmark project file opens, after asking, in place of this one" }),
        )));
      document.body.append(this.el);
    }
    this.n = n;
    this.title.textContent = n === 1 ? "Drop the file anywhere on the page" : `Drop the ${n > 1 ? n + " " : ""}files anywhere on the page`;
    this.el.hidden = false;
    document.body.classList.add("dragging-files");
  }

  /** The drag is still going on: hide only after 1.5 s without news of it. */
  alive() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.hide(), 1500);
  }

  hide() {
    this.depth = 0;
    clearTimeout(this.timer);
    if (!this.el) return;
    this.el.hidden = true;
    document.body.classList.remove("dragging-files");
  }
}
