// schema-editor.js — the schema dialog: labels with colour, hotkey, layer,
// description and attributes; add, rename and remove labels; relation types
// with the labels at their ends; add, rename, change and remove them. Every change is
// one bridge call that checks the whole project and changes every document
// or nothing (annotate/schemaedit.go); before a change that removes spans,
// drops attribute values or clears undo histories, the dialog asks with the
// counts the core reports from a dry run.

// Loaded on the first click on Schema… (app.js openSchema: lazyModule), off
// the page's first download (4.9 KB brotli); like the other modules loaded
// on first use it imports nothing: app.js hands it what it uses.
let sm, tryCall, h, clear, toast, status, plural, describeError;

/** The schema dialog, bound. d: {sm, tryCall, h, clear, toast, status, plural, describeError} from app.js. */
export function makeSchemaEditor(app, d) {
  ({ sm, tryCall, h, clear, toast, status, plural, describeError } = d);
  const e = new SchemaEditor(app);
  e.bind();
  return e;
}

const $ = id => document.getElementById(id);
// Keys the page uses for commands: a label hotkey here would shadow them.
const RESERVED = new Set(["c", "u", "f", "w", "l", "?", "[", "]"]);
const HISTORY_NOTE = "The undo history of every document is cleared.";

class SchemaEditor {
  constructor(app) {
    this.app = app;
    this.confirmResolve = null;
  }

  bind() {
    $("schema-close").addEventListener("click", () => this.close());
    $("schema").addEventListener("mousedown", e => { if (e.target === $("schema")) this.close(); });
    $("schema").addEventListener("keydown", e => {
      if (e.key === "Escape" && $("confirm").hidden) { e.preventDefault(); e.stopPropagation(); this.close(); }
    });
    $("sl-add-form").addEventListener("submit", e => { e.preventDefault(); this.addLabel(); });
    $("sr-add-form").addEventListener("submit", e => { e.preventDefault(); this.addRelationType(); });
    // the new label's colour is the core's pick (a palette colour apart from
    // the schema's) until the user picks one
    $("sl-new-color").addEventListener("input", e => { e.target.dataset.picked = "1"; });
    $("confirm-ok").addEventListener("click", () => this.answer(true));
    $("confirm-cancel").addEventListener("click", () => this.answer(false));
    $("confirm").addEventListener("keydown", e => { if (e.key === "Escape") { e.preventDefault(); e.stopPropagation(); this.answer(false); } });
  }

  open() {
    this.render();
    $("schema-error").textContent = "";
    $("schema").hidden = false;
    $("schema-box").scrollTop = 0;
    $("schema-box").focus();
  }

  close() {
    $("schema").hidden = true;
    this.app.article.focus({ preventScroll: true });
  }

  // ---------- confirmation (in the page: testable, and never blocks the core) ----------

  /** Ask a question; resolves true when the user confirms. */
  confirm(text, ok = "OK", danger = false) {
    if (this.confirmResolve) this.confirmResolve(false);
    $("confirm-text").textContent = text;
    $("confirm-ok").textContent = ok;
    $("confirm-ok").classList.toggle("danger-fill", danger);
    $("confirm").hidden = false;
    // Focus the box, not a button: the Enter that committed a field (and
    // opened this question) must not also answer it on its keypress.
    $("confirm-box").focus();
    return new Promise(r => { this.confirmResolve = r; });
  }

  answer(yes) {
    $("confirm").hidden = true;
    const r = this.confirmResolve;
    this.confirmResolve = null;
    if (r) r(yes);
    if (!$("schema").hidden) $("schema-box").focus({ preventScroll: true });
  }

  // ---------- rendering ----------

  render() {
    const schema = sm.schema();
    const counts = totals();
    const box = clear($("schema-labels"));
    for (const l of schema.labels) box.append(this.row(l, counts[l.name] || 0));
    if (!$("sl-new-color").dataset.picked) $("sl-new-color").value = sm.newLabelColor();
    const rels = clear($("schema-rels"));
    const used = {};
    if (schema.relations.length) for (const r of sm.stats().relations) used[r.name] = r.count;
    for (const r of schema.relations) rels.append(this.relRow(r, used[r.name] || 0));
    if (!schema.relations.length) rels.append(h("p.hint.small", { text: "No relation types." }));
  }

  /** A relation type: its name (claimant and cue are fixed: the claims view
   * and the C / U keys are built on them), the labels at each end, its
   * relations' count, Remove. */
  relRow(r, n) {
    const fixed = r.name === "claimant" || r.name === "cue";
    const name = h("input.sl-name", {
      type: "text", value: r.name, "aria-label": `Name of relation type ${r.name}`, autocomplete: "off", spellcheck: "false", dir: "auto",
      readonly: fixed ? "" : undefined, title: fixed ? "The claims view and the C / U keys rely on this name" : "Rename",
    });
    name.addEventListener("change", () => this.renameRelationType(r.name, name.value.trim(), name));
    name.addEventListener("keydown", e => { if (e.key === "Enter") { e.preventDefault(); name.blur(); } });
    const end = (which, what) => {
      const f = h("input.sl-values", { type: "text", value: r[which].join(", "), "aria-label": `${what} labels of ${r.name}`, title: `${what}: labels, comma-separated`, autocomplete: "off", dir: "auto" });
      f.addEventListener("change", () => this.updateRelationType(r, { ...r, [which]: splitValues(f.value) }, f));
      return f;
    };
    const remove = h("button.btn.small.danger", { type: "button", text: "Remove", "aria-label": `Remove relation type ${r.name}`, on: { click: () => this.removeRelationType(r.name) } });
    return h("div.sl-row.sr-row", { "data-relation": r.name },
      h("div.sl-main", null, name, h("span.sr-end", { text: "from" }), end("from", "From"), h("span.sr-end", { text: "→ to" }), end("to", "To"),
        h("span.sl-n", { text: plural(n, "relation") }), remove));
  }

  row(l, n) {
    const id = "sl-" + l.name.replace(/[^A-Za-z0-9_-]/g, "_");
    const color = h("input", { type: "color", value: l.color, "aria-label": `Colour of ${l.name}`, title: "Colour" });
    color.addEventListener("change", () => this.update(l, { color: color.value }));
    const name = h("input.sl-name", { type: "text", value: l.name, "aria-label": `Name of ${l.name}`, autocomplete: "off", spellcheck: "false", dir: "auto" });
    name.addEventListener("change", () => this.rename(l.name, name.value.trim(), name));
    name.addEventListener("keydown", e => { if (e.key === "Enter") { e.preventDefault(); name.blur(); } });
    const key = h("input.sl-key", { type: "text", value: l.hotkey || "", maxlength: 1, "aria-label": `Hotkey of ${l.name}`, title: "Hotkey (one key)", autocomplete: "off" });
    key.addEventListener("change", () => {
      const k = key.value.trim();
      if (RESERVED.has(k.toLowerCase())) { this.error(`“${k}” is a command key of the page (${[...RESERVED].join(" ")}); choose another hotkey for ${l.name}.`); key.value = l.hotkey || ""; return; }
      this.update(l, { hotkey: k || undefined });
    });
    const layer = h("select", { "aria-label": `Layer of ${l.name}`, title: "Layer: spans of one layer may nest but not cross" },
      h("option", { value: "entity", text: "entity" }), h("option", { value: "claim", text: "claim" }));
    layer.value = l.layer;
    layer.addEventListener("change", async () => {
      const dry = tryCall("updateLabel", l.name, { ...l, layer: layer.value }, { dryRun: true });
      if (dry.error) { this.error(describeError(dry.error)); layer.value = l.layer; return; }
      if (!await this.confirm(`Move ${l.name} to the ${layer.value} layer? Its spans are then checked against ${layer.value} spans for crossing. ${HISTORY_NOTE}`, "Move")) { layer.value = l.layer; return; }
      this.update(l, { layer: layer.value });
    });
    const desc = h("input.sl-desc", { type: "text", value: l.description || "", "aria-label": `Description of ${l.name}`, placeholder: "Description", autocomplete: "off", dir: "auto" });
    desc.addEventListener("change", () => this.update(l, { description: desc.value.trim() || undefined }));
    const remove = h("button.btn.small.danger", { type: "button", text: "Remove", "aria-label": `Remove label ${l.name}`, on: { click: () => this.remove(l.name) } });

    const attrs = h("ul.sl-attrs", { "aria-label": `Attributes of ${l.name}` });
    (l.attributes || []).forEach((a, i) => attrs.append(this.attrItem(l, a, i)));
    const form = h("li.sl-attr-form-li", null, this.attrForm(l));
    form.hidden = true;
    attrs.append(form);
    attrs.hidden = !(l.attributes || []).length;
    const more = h("button.btn.small", {
      type: "button", text: "+ Attribute", "aria-label": `Add an attribute to ${l.name}`, "aria-expanded": "false",
      on: { click: () => { form.hidden = false; attrs.hidden = false; more.setAttribute("aria-expanded", "true"); form.querySelector("input").focus(); } },
    });

    return h("div.sl-row", { id, "data-label": l.name },
      h("div.sl-main", null, color, name, key, layer, desc, h("span.sl-n", { text: plural(n, "span") }), more, remove),
      attrs);
  }

  attrItem(l, a, i) {
    const li = h("li.sl-attr", null, h("span.sl-attr-name", { text: a.name }), h("span.sl-attr-type", { text: a.type }));
    if (a.type === "enum") {
      const vals = h("input.sl-values", { type: "text", value: (a.values || []).join(", "), "aria-label": `Values of ${l.name}.${a.name}`, title: "Values, separated by commas", autocomplete: "off", dir: "auto" });
      vals.addEventListener("change", () => {
        const attributes = l.attributes.map((x, j) => j === i ? { ...x, values: splitValues(vals.value) } : x);
        this.update(l, { attributes }, () => { vals.value = (a.values || []).join(", "); });
      });
      li.append(vals);
    }
    li.append(h("button.mini", {
      type: "button", text: "×", "aria-label": `Remove attribute ${a.name} of ${l.name}`,
      on: { click: () => this.update(l, { attributes: l.attributes.filter((_, j) => j !== i) }) },
    }));
    return li;
  }

  attrForm(l) {
    const name = h("input.sl-attr-new", { type: "text", placeholder: "new attribute", "aria-label": `New attribute name for ${l.name}`, autocomplete: "off" });
    const type = h("select", { "aria-label": `New attribute type for ${l.name}` },
      h("option", { value: "enum", text: "enum" }), h("option", { value: "bool", text: "yes/no" }), h("option", { value: "text", text: "text" }));
    const values = h("input.sl-values", { type: "text", placeholder: "values, comma-separated", "aria-label": `New attribute values for ${l.name}`, autocomplete: "off" });
    type.addEventListener("change", () => { values.hidden = type.value !== "enum"; });
    const add = h("button.btn.small", {
      type: "button", text: "Add", "aria-label": `Add attribute to ${l.name}`,
      on: {
        click: () => {
          const a = { name: name.value.trim(), type: type.value };
          if (a.type === "enum") a.values = splitValues(values.value);
          this.update(l, { attributes: [...(l.attributes || []), a] });
        },
      },
    });
    return h("span.sl-attr-form", null, name, type, values, add);
  }

  /** Show a problem under the add form; field: the input it is about (marked, focused). */
  error(msg, field) {
    $("schema-error").textContent = msg;
    for (const e of document.querySelectorAll("#schema [aria-invalid]")) { e.removeAttribute("aria-invalid"); e.removeAttribute("aria-describedby"); }
    if (field) { field.setAttribute("aria-invalid", "true"); field.setAttribute("aria-describedby", "schema-error"); field.focus(); }
    if (msg) $("schema-error").scrollIntoView({ block: "nearest" }); // under the add form: in view with the field
    if (msg) status(msg.split("\n")[0], "error");
  }

  // ---------- operations ----------

  /** After a schema edit: the page takes the new schema and repaints; the dialog re-renders. */
  applied(res, msg) {
    const app = this.app;
    const sel = app.painter.selected ? app.painter.selected.id : null;
    app.applySchema();
    if (app.docId) {
      app.counts = sm.counts(app.docId);
      app.updateCounts();
      app.updateWindow(true);
      const s = sel ? app.spanById(sel) : null;
      app.selectSpan(s || null);
      app.schedulePanels(0);
    }
    if (res.historyCleared) app.setUndo(false, false);
    app.docs.render();
    this.render();
    this.error("");
    if (res.historyCleared) msg += " Undo history cleared.";
    status(msg);
    toast(msg, "ok");
  }

  update(l, patch, onFail) {
    const def = { ...l, ...patch };
    for (const k of Object.keys(def)) if (def[k] === undefined) delete def[k];
    const r = tryCall("updateLabel", l.name, def);
    if (!r.error) { this.applied(r.value, `Updated ${l.name}.`); return; }
    if (r.error.code !== "bad_attribute") { this.error(describeError(r.error)); this.render(); if (onFail) onFail(); return; }
    // values in use: say how many, and drop them only when asked
    const dry = tryCall("updateLabel", l.name, def, { dropInvalid: true, dryRun: true });
    if (dry.error) { this.error(describeError(dry.error)); this.render(); return; }
    const n = dry.value;
    this.confirm(`${plural(n.attrs, "attribute value")} on ${plural(n.spans, `${l.name} span`)} in ${plural(n.documents, "document")} would no longer be allowed. Drop ${n.attrs === 1 ? "it" : "them"}? ${HISTORY_NOTE}`, "Drop values").then(yes => {
      if (!yes) { this.render(); return; }
      const r2 = tryCall("updateLabel", l.name, def, { dropInvalid: true });
      if (r2.error) { this.error(describeError(r2.error)); this.render(); return; }
      this.applied(r2.value, `Updated ${l.name}: dropped ${plural(r2.value.attrs, "attribute value")}.`);
    });
  }

  async rename(old, name, input) {
    if (!name || name === old) { input.value = old; return; }
    const dry = tryCall("renameLabel", old, name, { dryRun: true });
    if (dry.error) { this.error(describeError(dry.error)); input.value = old; return; }
    const n = dry.value;
    const what = n.spans ? `${plural(n.spans, "span")} in ${plural(n.documents, "document")} will carry the new name.` : "No span uses it yet.";
    if (!await this.confirm(`Rename ${old} to ${name}? ${what}`, "Rename")) { input.value = old; return; }
    const r = tryCall("renameLabel", old, name);
    if (r.error) { this.error(describeError(r.error)); input.value = old; return; }
    this.app.painter.hidden.delete(old);
    this.applied(r.value, `Renamed ${old} to ${name} (${plural(r.value.spans, "span")}).`);
  }

  async remove(name) {
    const dry = tryCall("removeLabel", name, { dryRun: true });
    if (dry.error) { this.error(describeError(dry.error)); return; }
    const n = dry.value;
    let q = `Remove label ${name}?`;
    if (n.spans) q += ` It is in use: this removes ${plural(n.spans, "span")}` + (n.relations ? ` and ${plural(n.relations, "relation")}` : "") + ` in ${plural(n.documents, "document")}.`;
    else q += " No span uses it.";
    if (n.relationTypes.length) q += ` The relation type${n.relationTypes.length > 1 ? "s" : ""} ${n.relationTypes.join(", ")} ${n.relationTypes.length > 1 ? "go" : "goes"} too.`;
    q += " " + HISTORY_NOTE;
    if (!await this.confirm(q, "Remove", true)) { status(`Kept ${name}`); return; }
    const r = tryCall("removeLabel", name);
    if (r.error) { this.error(describeError(r.error)); return; }
    this.app.painter.hidden.delete(name);
    this.applied(r.value, `Removed ${name}` + (r.value.spans ? ` and ${plural(r.value.spans, "span")}` : "") + ".");
  }

  async renameRelationType(old, name, input) {
    if (!name || name === old) { input.value = old; return; }
    const dry = tryCall("renameRelationType", old, name, { dryRun: true });
    if (dry.error) { this.error(describeError(dry.error), input); input.value = old; return; }
    const n = dry.value;
    const what = n.relations ? `${plural(n.relations, "relation")} in ${plural(n.documents, "document")} will carry the new name.` : "No relation uses it yet.";
    if (!await this.confirm(`Rename relation type ${old} to ${name}? ${what}`, "Rename")) { input.value = old; return; }
    const r = tryCall("renameRelationType", old, name);
    if (r.error) { this.error(describeError(r.error), input); input.value = old; return; }
    this.applied(r.value, `Renamed relation type ${old} to ${name} (${plural(r.value.relations, "relation")}).`);
  }

  /** New labels at a type's ends: relations that no longer fit are removed, after asking. */
  async updateRelationType(r, def, input) {
    const dry = tryCall("updateRelationType", r.name, def, { dryRun: true });
    if (dry.error) { this.error(describeError(dry.error), input); return; }
    const n = dry.value;
    if (n.relations || n.historyCleared) {
      let q = `Change the ends of ${r.name} to ${def.from.join(", ")} → ${def.to.join(", ")}?`;
      if (n.relations) q += ` ${plural(n.relations, "relation")} in ${plural(n.documents, "document")} no longer fit${n.relations === 1 ? "s" : ""} and ${n.relations === 1 ? "is" : "are"} removed.`;
      if (n.historyCleared) q += " " + HISTORY_NOTE;
      if (!await this.confirm(q, n.relations ? "Change and remove" : "Change", n.relations > 0)) { this.render(); return; }
    }
    const res = tryCall("updateRelationType", r.name, def);
    if (res.error) { this.error(describeError(res.error), input); this.render(); return; }
    this.applied(res.value, `Updated relation type ${r.name}` + (res.value.relations ? `: removed ${plural(res.value.relations, "relation")}.` : "."));
  }

  async removeRelationType(name) {
    const dry = tryCall("removeRelationType", name, { dryRun: true });
    if (dry.error) { this.error(describeError(dry.error)); return; }
    const n = dry.value;
    let q = `Remove relation type ${name}?`;
    q += n.relations ? ` It is in use: this removes ${plural(n.relations, "relation")} in ${plural(n.documents, "document")}.` : " No relation uses it.";
    if (name === "claimant" || name === "cue") q += ` Claims then have no ${name} to show or link (${name === "claimant" ? "C" : "U"}).`;
    q += " " + HISTORY_NOTE;
    if (!await this.confirm(q, "Remove", true)) { status(`Kept relation type ${name}`); return; }
    const r = tryCall("removeRelationType", name);
    if (r.error) { this.error(describeError(r.error)); return; }
    this.applied(r.value, `Removed relation type ${name}` + (r.value.relations ? ` and ${plural(r.value.relations, "relation")}` : "") + ".");
  }

  addRelationType() {
    const def = { name: $("sr-new-name").value.trim(), from: splitValues($("sr-new-from").value), to: splitValues($("sr-new-to").value) };
    const r = tryCall("addRelationType", def);
    if (r.error) {
      const f = /\.(name|from|to)$/.exec(r.error.field || "");
      this.error(describeError(r.error), f && $({ name: "sr-new-name", from: "sr-new-from", to: "sr-new-to" }[f[1]]));
      return;
    }
    for (const id of ["sr-new-name", "sr-new-from", "sr-new-to"]) $(id).value = "";
    this.applied(r.value, `Added relation type ${def.name}.`);
  }

  addLabel() {
    const name = $("sl-new-name").value.trim();
    const hotkey = $("sl-new-key").value.trim();
    if (RESERVED.has(hotkey.toLowerCase())) { this.error(`“${hotkey}” is a command key of the page; choose another hotkey.`, $("sl-new-key")); return; }
    const def = { name, layer: $("sl-new-layer").value };
    if ($("sl-new-color").dataset.picked) def.color = $("sl-new-color").value; // else the core picks
    if (hotkey) def.hotkey = hotkey;
    const r = tryCall("addLabel", def);
    if (r.error) {
      // the field of the new label the core names (schema.labels[N].hotkey): marked
      const f = /\.(name|hotkey|color|layer)$/.exec(r.error.field || "");
      this.error(describeError(r.error), f && $({ name: "sl-new-name", hotkey: "sl-new-key", color: "sl-new-color", layer: "sl-new-layer" }[f[1]]));
      return;
    }
    delete $("sl-new-color").dataset.picked;
    $("sl-new-name").value = "";
    $("sl-new-key").value = "";
    this.applied(r.value, `Added label ${name}.`);
    const row = document.querySelector(`#schema-labels .sl-row:last-child`);
    if (row) row.scrollIntoView({ block: "nearest" });
  }
}

function splitValues(s) {
  return s.split(",").map(x => x.trim()).filter(Boolean);
}

/** Spans per label over the whole project (for the dialog's counts). */
function totals() {
  const out = {};
  for (const d of sm.documents()) {
    const c = sm.counts(d.id);
    for (const k in c) out[k] = (out[k] || 0) + c[k];
  }
  return out;
}
