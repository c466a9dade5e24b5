// guide.js — the labels panel in the side panel: every label of the
// schema with its colour, key, layer, span count and its description (the
// annotation guideline the schema carries), in plain view rather than
// only as a tooltip on the label bar, and a hide toggle for its highlights
// (the entities panel lists entity labels only: claims, cues and sources
// are hidden or shown from here).

import { h, clear, num } from "./util.js";
import { chip, setLabelHidden } from "./panels.js";

export class LabelGuide {
  /** @param {object} app the page (app.js) */
  constructor(app) {
    this.app = app;
    this.rows = new Map(); // label → {n, eye}
  }

  /** Build the list from the schema (after a load or a schema edit). */
  render() {
    const app = this.app, box = clear(document.getElementById("label-guide"));
    this.rows.clear();
    for (const l of app.schema.labels) {
      const hidden = app.painter.isHidden(l.name);
      const n = h("span.lg-n", { text: num(app.counts[l.name] || 0), title: "spans in this document" });
      const eye = h("button.eye", {
        type: "button", "aria-pressed": String(hidden), "aria-label": `Hide ${l.name} highlights`,
        title: `Hide or show the ${l.name} highlights in the article`, text: hidden ? "show" : "hide",
        on: { click: () => setLabelHidden(app, l.name, !app.painter.isHidden(l.name)) },
      });
      const row = h("li.lg-row", { "data-label": l.name },
        h("div.lg-head", null,
          l.hotkey ? h("kbd", { text: l.hotkey, title: `key ${l.hotkey}` }) : null,
          chip(app, l.name),
          h("span.lg-layer", { text: l.layer }),
          n, eye),
        l.description ? h("p.lg-desc", { dir: "auto", text: l.description }) : h("p.lg-desc.none", { text: "No description (add one in Schema…)" }));
      this.rows.set(l.name, { n, eye });
      box.append(row);
    }
  }

  /** The open document's counts (after each change, with the label bar's). */
  counts(counts) {
    for (const [name, r] of this.rows) {
      const t = num(counts[name] || 0);
      if (r.n.textContent !== t) r.n.textContent = t;
    }
  }

  setHidden(label, hidden) {
    const r = this.rows.get(label);
    if (!r) return;
    r.eye.setAttribute("aria-pressed", String(hidden));
    r.eye.textContent = hidden ? "show" : "hide";
  }
}
