// importlabels.js — the import dialog's label mapping: one row per label of
// the file that the schema lacks, with a menu "Add as a new label" / "Map
// to PERSON" …. What is offered and proposed, and what a mapping does, are
// the core's (formats.FileLabel, ProposeLabel, ImportOptions.LabelMap):
// this module shows the preview's `labels` and hands the chosen map back.

import { h, clear, plural } from "./util.js";

/** The value of the "add as new" choice (LabelMap's ""). */
const NEW = "";

/**
 * Show the preview's labels in box; onChange(map) gets the whole map
 * ({file label: schema label, or "" for a new label}) after each choice.
 * An empty list hides the box.
 */
export function renderLabelMap(box, labels, onChange) {
  clear(box);
  box.hidden = !labels.length;
  if (!labels.length) return;
  const selects = [];
  const chosen = () => {
    const map = {};
    for (const s of selects) map[s.dataset.label] = s.value;
    return map;
  };
  box.append(h("h3", { id: "im-labels-h", text: `${plural(labels.length, "label")} of the file ${labels.length === 1 ? "is" : "are"} not in the schema` }));
  const list = h("ul", { "aria-labelledby": "im-labels-h" });
  for (const l of labels) {
    const sel = h("select.im-map", { "data-label": l.name, "aria-label": `${l.name}: map to a label of the schema, or add it as new` });
    sel.append(h("option", { value: NEW, text: "Add as a new label" }));
    for (const t of l.targets) {
      sel.append(h("option", { value: t, text: t === l.proposal ? `Map to ${t} (suggested)` : `Map to ${t}` }));
    }
    sel.value = l.mappedTo || NEW;
    sel.addEventListener("change", () => onChange(chosen()));
    selects.push(sel);
    list.append(h("li", null,
      h("span.im-label", { dir: "auto", text: l.name }),
      h("span.im-count", { text: ` ${plural(l.spans, "span")}${l.layer ? ` · ${l.layer} layer` : ""} ` }),
      sel));
  }
  box.append(list);
}
