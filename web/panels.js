// panels.js — the side panels: the selected span (label, fragments,
// attributes, note, relations), the claims list and the entities list.
// Everything user-provided is set with textContent (via h()).

import { h, clear, ellipsize, plural } from "./util.js";

/** A small label chip, as in the article. */
export function chip(app, label) {
  return h("span.chip.inline." + app.painter.cls(label), { text: label });
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
    box.append(h("p.hint", { text: "Select text and press a label key (1–9), or click a span. Tab moves from span to span." }));
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
      const commit = () => {
        const v = t.value;
        if (v === (cur === undefined ? "" : String(cur))) return;
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

  // link mode: choose a target with the keyboard
  if (app.link && app.link.from === span.id) box.append(renderCandidates(app));

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

function renderCandidates(app) {
  const { type, candidates } = app.link;
  const wrap = h("div.cands", { role: "group", "aria-label": `Choose the ${type}` });
  wrap.append(h("p.hint", { text: `Click a ${app.link.allowed.join(" / ")} span in the article, or choose one here (Esc cancels):` }));
  if (!candidates.length) wrap.append(h("p.hint", { text: "No such span near the claim yet — label one first." }));
  const list = h("ul.cand-list");
  candidates.forEach((s, i) => {
    list.append(h("li", null, h("button.spanref.cand", {
      type: "button",
      "aria-label": `Link ${type}: ${s.label} ${ellipsize(s.text.join(" "), 60)}`,
      on: { click: () => app.finishLink(s) },
    }, i < 9 ? h("kbd", { text: String(i + 1) }) : null, chip(app, s.label), h("span.t", { dir: "auto", text: ellipsize(s.text.join(" … "), 60) }))));
  });
  wrap.append(list);
  return wrap;
}

export function renderClaims(app, claims) {
  const ol = clear(document.getElementById("claims"));
  document.getElementById("claims-count").textContent = String(claims.length);
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
    }, h("q.claim-text", { dir: "auto", text: ellipsize(s.text.join(" … "), 160) }), meta, tags));
    ol.append(li);
  }
}

/** spans: every span of the document (or null when there are too many to list). */
export function renderEntities(app, spans, counts) {
  const box = clear(document.getElementById("entities"));
  let total = 0;
  for (const k in counts) total += counts[k];
  document.getElementById("entities-count").textContent = String(total);
  if (total === 0) {
    box.append(h("p.hint", { text: "No spans yet." }));
    return;
  }
  const byLabel = new Map();
  if (spans) {
    for (const s of spans) {
      let m = byLabel.get(s.label);
      if (!m) byLabel.set(s.label, m = new Map());
      const key = s.text.join(" … ");
      let e = m.get(key);
      if (!e) m.set(key, e = []);
      e.push(s);
    }
  }
  for (const l of app.schema.labels) {
    const n = counts[l.name] || 0;
    if (!n) continue;
    const det = h("details.ent", { open: true });
    det.append(h("summary", null, chip(app, l.name), h("span.n", { text: plural(n, "span") })));
    const m = byLabel.get(l.name);
    if (m) {
      const ul = h("ul.ent-list");
      for (const [text, list] of m) {
        let next = 0;
        ul.append(h("li", null, h("button.spanref", {
          type: "button",
          "aria-label": `${l.name} “${ellipsize(text, 60)}”, ${plural(list.length, "occurrence")} — go to the next`,
          on: { click: () => { app.selectSpan(list[next % list.length], { scroll: true }); next++; } },
        }, h("span.t", { dir: "auto", text: ellipsize(text, 60) }), list.length > 1 ? h("span.n", { text: "×" + list.length }) : null)));
      }
      det.append(ul);
    }
    box.append(det);
  }
  if (!spans) box.append(h("p.hint.small", { text: "Too many spans to list them all; the counts are exact." }));
}
