// panels.js — the side panels: the selected span (label, fragments,
// attributes, note, relations), the claims list and the entities list.
// Everything user-provided is set with textContent (via h()).

import { h, clear, ellipsize, plural, num, idle, cancelIdle } from "./util.js";

/** A small label chip, as in the article. */
export function chip(app, label) {
  return h("span.chip.inline." + app.painter.cls(label), { text: label });
}

/** A span's offsets as exported (code points), fragment by fragment: "12–40, 55–80". */
export function fragsLabel(span) {
  const f = span.fragsCP, out = [];
  for (let i = 0; i < f.length; i += 2) out.push(`${f[i]}–${f[i + 1]}`);
  return out.join(", ");
}

function spanButton(app, span, extra) {
  const text = span.text.join(" … ");
  return h("button.spanref", {
    type: "button",
    title: `${span.label}: ${text}`,
    "aria-label": `${span.label} “${ellipsize(text, 60)}” — go to span`,
    on: { click: () => app.selectSpan(span, { scroll: true }) },
  }, chip(app, span.label), h("span.t", { dir: "auto", text: ellipsize(text, 60) }), extra);
}

/** The selected-span panel. pick = {i, n} when a click picked among nested spans. */
export function renderSpan(app, span, pick) {
  const box = clear(document.getElementById("span-detail"));
  if (!span) {
    box.append(h("p.hint", { text: "Select text and press a label key (1–9), or click a span. ] and [ move from span to span." }));
    return;
  }
  const schema = app.schema;
  const def = schema.labels.find(l => l.name === span.label);
  const doc = app.docId;

  const head = h("div.sel-head", null,
    chip(app, span.label),
    h("span.sid", { text: span.id }),
    pick && pick.n > 1 ? h("span.pick", { text: `${pick.i + 1} of ${pick.n} spans here — click again for the next` }) : null);
  box.append(head);

  // relabel
  const sel = h("select", { id: "f-label", "aria-label": "Label of the selected span" });
  for (const l of schema.labels) sel.append(h("option", { value: l.name, text: l.hotkey ? `${l.name} (${l.hotkey})` : l.name }));
  sel.value = span.label;
  sel.addEventListener("change", () => app.relabel(sel.value));
  box.append(h("label.field", null, "Label", sel));

  // fragments
  const frags = h("ol.frags", { "aria-label": "Fragments" });
  for (let i = 0; i < span.text.length; i++) {
    const li = h("li", null,
      h("q", { dir: "auto", text: span.text[i] }),
      h("span.off", { text: `${span.fragsCP[2 * i]}–${span.fragsCP[2 * i + 1]}`, title: "code point offsets, as exported" }));
    if (span.text.length > 1) {
      li.append(h("button.mini", {
        type: "button", "aria-label": `Remove fragment ${i + 1}`, text: "×",
        on: { click: () => app.edit("removeFragment", doc, span.id, i) },
      }));
    }
    frags.append(li);
  }
  box.append(frags);
  if (def && def.layer === "claim" && span.label === "CLAIM") {
    box.append(h("p.hint.small", { text: "Add a fragment: select more text with Alt (or Ctrl) held, or select it and press F." }));
  }

  // attributes
  const attrs = span.attrs || {};
  for (const a of (def && def.attributes) || []) {
    const id = "f-attr-" + a.name.replace(/[^A-Za-z0-9_-]/g, "_");
    const cur = attrs[a.name];
    if (a.type === "enum") {
      const s = h("select", { id, "aria-label": a.name });
      s.append(h("option", { value: "", text: "—" }));
      for (const v of a.values || []) s.append(h("option", { value: v, text: v }));
      s.value = cur === undefined ? "" : String(cur);
      s.addEventListener("change", () => app.edit("setAttr", doc, span.id, a.name, s.value === "" ? null : s.value));
      box.append(h("label.field", null, a.name, s));
    } else if (a.type === "bool") {
      const c = h("input", { id, type: "checkbox", "aria-label": a.name });
      c.checked = cur === true;
      c.addEventListener("change", () => app.edit("setAttr", doc, span.id, a.name, c.checked));
      box.append(h("label.check", null, c, " ", a.name));
    } else {
      const t = h("input", { id, type: "text", "aria-label": a.name, autocomplete: "off", dir: "auto" });
      t.value = cur === undefined ? "" : String(cur);
      // Enter commits, and so does the change event that follows it (or a
      // blur): the value committed last is not sent again
      let last = cur === undefined ? "" : String(cur);
      const commit = () => {
        const v = t.value;
        if (v === last) return;
        last = v;
        app.edit("setAttr", doc, span.id, a.name, v === "" ? null : v);
      };
      t.addEventListener("change", commit);
      t.addEventListener("keydown", e => { if (e.key === "Enter") { e.preventDefault(); commit(); } });
      box.append(h("label.field", null, a.name, t));
    }
  }

  // relations
  const rels = app.relationsOf(span.id);
  for (const rd of schema.relations) {
    if (!rd.from.includes(span.label)) continue;
    const key = app.relationKey(rd.name);
    const row = h("div.rel", null, h("span.rel-name", { text: rd.name }));
    const list = h("ul.rel-list");
    for (const r of rels) {
      if (r.type !== rd.name || r.from !== span.id) continue;
      const other = app.spanById(r.to);
      if (!other) continue;
      list.append(h("li", null, spanButton(app, other),
        h("button.mini", {
          type: "button", "aria-label": `Unlink ${rd.name} ${ellipsize(other.text.join(" "), 40)}`, text: "×",
          on: { click: () => app.edit("removeRelation", doc, r.id) },
        })));
    }
    row.append(list, h("button.btn.small", {
      type: "button",
      id: "link-" + rd.name.replace(/[^A-Za-z0-9_-]/g, "_"),
      "aria-label": `Link ${rd.name}${key ? ` (${key.toUpperCase()})` : ""}`,
      text: `Link ${rd.name}…` + (key ? ` (${key.toUpperCase()})` : ""),
      on: { click: () => app.startLink(rd.name) },
    }));
    box.append(row);
  }
  const incoming = rels.filter(r => r.to === span.id);
  if (incoming.length) {
    const list = h("ul.rel-list");
    for (const r of incoming) {
      const other = app.spanById(r.from);
      if (other) list.append(h("li", null, h("span.rel-name", { text: r.type + " of" }), spanButton(app, other)));
    }
    box.append(h("div.rel", null, list));
  }

  // note
  const note = h("textarea", { id: "f-note", rows: 2, "aria-label": "Note", dir: "auto", placeholder: "Note…" });
  note.value = span.note || "";
  note.addEventListener("change", () => { if (note.value !== (span.note || "")) app.edit("setNote", doc, span.id, note.value); });
  box.append(h("label.field", null, "Note", note));

  box.append(h("div.actions", null, h("button.btn.danger", {
    type: "button", "aria-label": "Delete span (Delete)", text: "Delete span",
    on: { click: () => app.removeSelected() },
  })));
}

export function renderClaims(app, claims) {
  const ol = clear(document.getElementById("claims"));
  document.getElementById("claims-count").textContent = num(claims.length);
  if (!claims.length) {
    ol.append(h("li.hint", { text: "No claims yet. Select a statement and press 7 (CLAIM), then C to link who made it." }));
    return;
  }
  for (const c of claims) {
    const s = c.claim;
    const a = s.attrs || {};
    const meta = h("div.claim-meta");
    const who = c.claimants.length ? c.claimants.map(x => x.text.join(" ")).join(", ") : "no claimant";
    const cue = c.cues.length ? c.cues.map(x => x.text.join(" ")).join(", ") : "no cue";
    meta.append(h("span.who" + (c.claimants.length ? "" : ".missing"), { dir: "auto", text: who }),
      h("span.cue" + (c.cues.length ? "" : ".missing"), { dir: "auto", text: cue }));
    const tags = h("div.claim-attrs");
    for (const k of ["checkworthy", "attribution", "polarity"]) {
      if (a[k] !== undefined) tags.append(h("span.attr", { text: `${k}: ${a[k]}` }));
    }
    for (const k in a) {
      if (!["checkworthy", "attribution", "polarity"].includes(k)) tags.append(h("span.attr", { dir: "auto", text: `${k}: ${a[k]}` }));
    }
    const li = h("li", null, h("button.claim" + (app.selectedId() === s.id ? ".current" : ""), {
      type: "button",
      "aria-label": `Claim: ${ellipsize(s.text.join(" … "), 80)}. Claimant: ${who}. Cue: ${cue}.`,
      on: { click: () => app.selectSpan(s, { scroll: true }) },
    }, claimText(s), meta, tags));
    ol.append(li);
  }
}

/** A claim's text, each fragment in full up to a share of the room (a
 * claim split around "he said" shows both parts), and its offsets. */
function claimText(s) {
  const n = s.text.length;
  const q = h("span.claim-text");
  s.text.forEach((t, i) => {
    if (i) q.append(h("span.claim-gap", { text: " … " }));
    q.append(h("q.claim-frag", { dir: "auto", text: ellipsize(t, Math.max(60, Math.floor(160 / n))) }));
  });
  q.append(h("span.off.claim-off", { text: fragsLabel(s), title: n > 1 ? `${n} fragments: code point offsets, as exported` : "code point offsets, as exported" }));
  return q;
}

/** spans: every span of the document (or null when there are too many to list). Full rebuild. */
export function renderEntities(app, spans, counts) {
  const e = new EntitiesList(app);
  e.reset(spans, counts);
  return e;
}

const LIST_LIMIT = 3000; // list every span in the entities panel up to this many spans
// Above it, each label lists its most frequent texts (the core's entries),
// this many at first and MORE_STEP more per "Show more"
const TOP_ENTRIES = 8, MORE_STEP = 25;

/**
 * The side panels' lists, kept up to date from the ChangeViews: the work is
 * done when the browser is idle (never in the frame that paints a new span),
 * and only for what changed — one list entry for an added span; the claims
 * list only when a claim, a span linked to one, or a relation changed.
 */
export class SidePanels {
  constructor(app) {
    this.app = app;
    this.full = true;
    this.claimsDirty = false;
    this.claimIds = new Set(); // claims and the spans they link to, as listed
    this.pending = [];         // ChangeViews not yet applied to the entities list
    this.handle = 0;
    this.entities = new EntitiesList(app);
  }

  /** Everything again (another document, a schema edit). */
  refresh() { this.full = true; this.pending = []; this.schedule(); }

  change(cv) {
    const layer = l => (this.app.schema.labels.find(x => x.name === l) || {}).layer;
    if (cv.relationsAdded.length || cv.relationsRemoved.length ||
      cv.removed.some(id => this.claimIds.has(id)) ||
      cv.added.some(s => layer(s.label) === "claim") ||
      cv.updated.some(s => this.claimIds.has(s.id) || layer(s.label) === "claim")) this.claimsDirty = true;
    this.pending.push(cv);
    this.schedule();
  }

  schedule() {
    if (this.handle) return;
    this.handle = idle(() => { this.handle = 0; this.render(); }, 250);
  }

  /** Bring the panels up to date now. */
  render() {
    if (this.handle) { cancelIdle(this.handle); this.handle = 0; }
    const app = this.app;
    if (!app.docId) return;
    if (this.full || this.claimsDirty) {
      const claims = app.claims ? app.claims() : [];
      this.claimIds.clear();
      for (const c of claims) {
        this.claimIds.add(c.claim.id);
        for (const x of c.claimants) this.claimIds.add(x.id);
        for (const x of c.cues) this.claimIds.add(x.id);
      }
      renderClaims(app, claims);
    }
    let total = 0;
    for (const k in app.counts) total += app.counts[k];
    if (this.full || (total <= LIST_LIMIT) !== this.entities.listing) {
      this.entities.reset(total <= LIST_LIMIT ? app.allSpans() : null, app.counts);
    } else {
      for (const cv of this.pending) this.entities.apply(cv);
      this.entities.setCounts(app.counts);
    }
    this.full = false;
    this.claimsDirty = false;
    this.pending = [];
  }
}

/** The entities panel: spans by label (schema order), by text (first
 * occurrence order), with counts and a hide toggle per label. Entity-layer
 * labels only: claims, and the cues and sources that go with them, are in
 * the claims panel (and in the labels panel, guide.js). */
class EntitiesList {
  constructor(app) {
    this.app = app;
    this.listing = false;
    this.groups = new Map(); // label → {el, ul, n, toggle, entries: Map key → entry, order: entry[]}
    this.byId = new Map();   // span id → {label, key}
    // too many spans to list: each label's most frequent texts, from the core
    this.tops = new Map();   // label → {limit, last: Map text → id of the span last gone to}
    this.stale = new Set();  // labels whose texts are to be asked again
  }

  /** Whether label is of the entity layer (this panel's). */
  isEntity(label) {
    const l = this.app.schema.labels.find(x => x.name === label);
    return !!l && l.layer === "entity";
  }

  reset(spans, counts) {
    const box = clear(document.getElementById("entities"));
    this.groups.clear();
    this.byId.clear();
    this.tops.clear();
    this.stale.clear();
    this.listing = !!spans;
    if (spans) for (const s of spans) this.add(s);
    this.setCounts(counts);
    // (setCounts listed each label's most frequent texts: every group is new)
    if (!spans) box.append(h("p.hint.small.ent-more", { text: "Most frequent texts first. Click one to go through its spans." }));
  }

  apply(cv) {
    if (!this.listing) {
      // the labels whose texts may have changed; removals change counts (setCounts)
      for (const s of cv.added) if (this.isEntity(s.label)) this.stale.add(s.label);
      for (const s of cv.updated) if (this.isEntity(s.label)) this.stale.add(s.label);
      return;
    }
    for (const id of cv.removed) this.remove(id);
    for (const s of cv.updated) { this.remove(s.id); this.add(s); }
    for (const s of cv.added) this.add(s);
  }

  setCounts(counts) {
    let total = 0;
    for (const l of this.app.schema.labels) if (l.layer === "entity") total += counts[l.name] || 0;
    document.getElementById("entities-count").textContent = num(total);
    for (const l of this.app.schema.labels) {
      if (l.layer !== "entity") continue;
      const n = counts[l.name] || 0;
      let g = this.groups.get(l.name);
      if (!n) { if (g && !g.entries.size) { g.el.remove(); this.groups.delete(l.name); } continue; }
      g ??= this.group(l.name);
      const t = plural(n, "span");
      if (g.n.textContent !== t) { g.n.textContent = t; this.stale.add(l.name); }
    }
    if (!this.listing) this.renderTops();
    const box = document.getElementById("entities");
    const empty = box.querySelector(":scope > .ent-empty");
    if (total === 0 && !empty) box.prepend(h("p.hint.ent-empty", { text: "No entity spans yet." }));
    else if (total > 0 && empty) empty.remove();
  }

  group(label) {
    const app = this.app;
    const hidden = app.painter.isHidden(label);
    const toggle = h("button.eye", {
      type: "button",
      "aria-pressed": String(hidden),
      "aria-label": `Hide ${label} highlights`,
      title: `Hide or show the ${label} highlights in the article`,
      text: hidden ? "show" : "hide",
      on: { click: () => setLabelHidden(app, label, !app.painter.isHidden(label)) },
    });
    const n = h("span.n");
    const ul = h("ul.ent-list");
    const el = h("section.ent" + (hidden ? ".hid" : ""), { "aria-label": label },
      h("div.ent-head", null, chip(app, label), n, toggle), ul);
    el.dataset.label = label;
    const g = { el, ul, n, toggle, entries: new Map(), order: [] };
    this.groups.set(label, g);
    // schema order
    const box = document.getElementById("entities");
    const names = app.schema.labels.map(l => l.name);
    const i = names.indexOf(label);
    let before = null;
    for (let j = i + 1; j < names.length && !before; j++) { const o = this.groups.get(names[j]); if (o) before = o.el; }
    box.insertBefore(el, before || box.querySelector(":scope > .ent-more"));
    return g;
  }

  /** Too many spans to list: each stale label's most frequent texts, from the core. */
  renderTops() {
    const app = this.app;
    for (const label of this.stale) {
      const g = this.groups.get(label);
      if (!g) continue;
      let top = this.tops.get(label);
      if (!top) this.tops.set(label, top = { limit: TOP_ENTRIES, last: new Map() });
      const r = app.entries(label, top.limit);
      if (!r) continue;
      const items = r.entries.map(e => h("li", null, h("button.spanref", {
        type: "button",
        "aria-label": `${label} “${ellipsize(e.text, 60)}”, ${plural(e.count, "span")} — go to the next one`,
        on: {
          click: () => {
            const s = app.nextWithText(label, e.text, top.last.get(e.text) || "");
            if (s) { top.last.set(e.text, s.id); app.selectSpan(s, { scroll: true }); }
          },
        },
      }, h("span.t", { dir: "auto", text: ellipsize(e.text, 60) }), h("span.n", { text: e.count > 1 ? "×" + e.count : "" }))));
      if (r.distinct > r.entries.length) {
        const rest = r.distinct - r.entries.length;
        items.push(h("li.more", null, h("button", {
          type: "button",
          text: `Show ${num(Math.min(rest, MORE_STEP))} more (${num(rest)} of ${num(r.distinct)} texts not shown)`,
          on: { click: () => { top.limit += MORE_STEP; this.stale.add(label); this.renderTops(); } },
        })));
      }
      const frag = document.createDocumentFragment(); // no spread: a list has no fixed bound
      for (const it of items) frag.append(it);
      g.ul.replaceChildren(frag);
    }
    this.stale.clear();
  }

  add(s) {
    if (!this.isEntity(s.label)) return;
    const key = s.text.join(" … ");
    const g = this.groups.get(s.label) || this.group(s.label);
    this.byId.set(s.id, { label: s.label, key });
    let e = g.entries.get(key);
    if (e) {
      insertSorted(e.list, s, x => x.frags[0]);
      if (e.list[0] === s) this.place(g, e, true);
      e.n.textContent = "×" + num(e.list.length);
      return;
    }
    e = { key, list: [s], next: 0, li: null, n: h("span.n") };
    const app = this.app;
    e.li = h("li", null, h("button.spanref", {
      type: "button",
      "aria-label": `${s.label} “${ellipsize(key, 60)}” — go to the next occurrence`,
      on: { click: () => { app.selectSpan(e.list[e.next % e.list.length], { scroll: true }); e.next++; } },
    }, h("span.t", { dir: "auto", text: ellipsize(key, 60) }), e.n));
    g.entries.set(key, e);
    this.place(g, e, false);
  }

  /** Put entry e at its place in document order of first occurrences. */
  place(g, e, moving) {
    if (moving) g.order.splice(g.order.indexOf(e), 1);
    const at = insertSorted(g.order, e, x => x.list[0].frags[0]);
    const next = g.order[at + 1];
    g.ul.insertBefore(e.li, next ? next.li : null);
  }

  remove(id) {
    const r = this.byId.get(id);
    if (!r) return;
    this.byId.delete(id);
    const g = this.groups.get(r.label);
    const e = g && g.entries.get(r.key);
    if (!e) return;
    const i = e.list.findIndex(s => s.id === id);
    if (i < 0) return;
    e.list.splice(i, 1);
    if (!e.list.length) {
      e.li.remove();
      g.entries.delete(r.key);
      g.order.splice(g.order.indexOf(e), 1);
      return;
    }
    e.n.textContent = e.list.length > 1 ? "×" + num(e.list.length) : "";
    if (i === 0) this.place(g, e, true);
  }
}

/** Insert x into the sorted array a (by key), after equal keys; returns its index. */
function insertSorted(a, x, key) {
  const k = key(x);
  let lo = 0, hi = a.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (key(a[mid]) <= k) lo = mid + 1; else hi = mid; }
  a.splice(lo, 0, x);
  return lo;
}

/** Hide or show one label's highlights and tags; the label bar and the panel show the state. */
export function setLabelHidden(app, label, hidden) {
  app.painter.setHidden(label, hidden);
  const b = app.labelButtons && app.labelButtons.get(label);
  if (b) b.b.classList.toggle("hid", hidden);
  const sec = document.getElementById("entities").querySelector(`.ent[data-label="${CSS.escape(label)}"]`);
  if (sec) {
    sec.classList.toggle("hid", hidden);
    const t = sec.querySelector(".eye");
    t.setAttribute("aria-pressed", String(hidden));
    t.textContent = hidden ? "show" : "hide";
  }
  if (app.labelGuide) app.labelGuide.setHidden(label, hidden);
}
