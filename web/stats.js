// stats.js — the project's statistics as small charts (SVG, no library):
// progress over the documents (done, in progress, todo), spans per label,
// spans per document (stacked by label) and relations per type. People
// rather look than read.
//
// Every number is the core's (one bridge call, sm.stats(): annotate
// Project.Stats), never counted here from spans. This module is not part
// of the page's bundle: app.js loads it (import()) the first time the Stats
// button is pressed, so the page's start never pays for it. For the same
// reason it imports nothing: a module loaded on its own would get its own
// copy of bridge.js, without the running core; app.js hands it what it
// needs (the bridge, h, clear, plural, ellipsize).

const NS = "http://www.w3.org/2000/svg";
const W = 640;            // the charts' coordinate width (they scale to the dialog: viewBox)
const NAME_W = 150;       // room for a label's or a document's name
const COUNT_W = 56;       // room for a count after a bar
const BAR_H = 18, GAP = 6;
const DOC_ROWS = 60;      // documents drawn; the rest are summed up in a line
const STATUS_COLORS = { done: "#2e9e5b", inProgress: "#e0a526", todo: "#c5cad3" };

let deps = null;
let bound = false;

/** Open the statistics dialog. d: {sm, h, clear, plural, ellipsize} from app.js. */
export function openStats(app, d) {
  deps = d;
  const $ = id => document.getElementById(id);
  if (!bound) {
    bound = true;
    $("stats-close").addEventListener("click", () => close(app));
    $("stats").addEventListener("mousedown", e => { if (e.target === $("stats")) close(app); });
    $("stats").addEventListener("keydown", e => { if (e.key === "Escape") { e.preventDefault(); e.stopPropagation(); close(app); } });
  }
  render(app, d.sm.stats());
  $("stats").hidden = false;
  $("stats-box").scrollTop = 0;
  $("stats-box").focus();
}

function close(app) {
  document.getElementById("stats").hidden = true;
  app.article.focus({ preventScroll: true });
}

function svg(tag, attrs, ...kids) {
  const e = document.createElementNS(NS, tag);
  for (const k in attrs || {}) if (attrs[k] !== undefined && attrs[k] !== null) e.setAttribute(k, String(attrs[k]));
  for (const k of kids) if (k !== null && k !== undefined) e.append(k);
  return e;
}

/** A chart: an <svg> of width W and the given height, scaling with its box. */
function chart(name, height) {
  return svg("svg", { class: "stats-chart", viewBox: `0 0 ${W} ${height}`, width: W, height, role: "img", "aria-label": name, "data-chart": name });
}

function text(x, y, s, attrs = {}) {
  return svg("text", { x, y, ...attrs }, s);
}

/** The bar's width for n of max, in the room left of the count. */
function barW(n, max) {
  return max > 0 ? Math.max(n > 0 ? 2 : 0, Math.round((W - NAME_W - COUNT_W) * n / max)) : 0;
}

function render(app, st) {
  const { h, clear, plural, num, ellipsize } = deps;
  const body = clear(document.getElementById("stats-body"));
  const colors = new Map((app.schema.labels || []).map(l => [l.name, l.color]));
  const color = name => colors.get(name) || "#9aa3ad";
  const ndocs = st.docs.length;

  // progress: one stacked bar, done first
  body.append(h("h3", { text: "Progress" }));
  const prog = chart("progress", 46);
  let x = 0;
  for (const [key, name] of [["done", "done"], ["inProgress", "in progress"], ["todo", "todo"]]) {
    const n = st[key], w = ndocs ? Math.round(W * n / ndocs) : 0;
    if (n > 0) {
      prog.append(svg("rect", { x, y: 0, width: w, height: 22, fill: STATUS_COLORS[key], "data-status": key, "data-count": n },
        svg("title", null, `${name}: ${plural(n, "document")}`)));
    }
    x += w;
  }
  // the legend: a swatch and a count per status, then the totals
  let lx = 0;
  for (const [key, name] of [["done", "done"], ["inProgress", "in progress"], ["todo", "todo"]]) {
    const s = `${num(st[key])} ${name}`;
    prog.append(svg("rect", { x: lx, y: 31, width: 10, height: 10, rx: 2, fill: STATUS_COLORS[key] }), text(lx + 14, 40, s, { class: "stats-note" }));
    lx += 14 + s.length * 6.6 + 14;
  }
  const pct = ndocs ? Math.round(100 * st.done / ndocs) : 0;
  prog.append(text(W, 40, `${pct}% of ${plural(ndocs, "document")} done · ${plural(st.spans, "span")}`, { class: "stats-note", "text-anchor": "end" }));
  body.append(prog);

  // spans per label
  body.append(h("h3", { text: "Spans per label" }));
  const labels = st.labels;
  const lmax = Math.max(0, ...labels.map(l => l.count));
  const lc = chart("labels", Math.max(1, labels.length) * (BAR_H + GAP));
  labels.forEach((l, i) => {
    const y = i * (BAR_H + GAP), w = barW(l.count, lmax);
    lc.append(svg("g", { class: "stats-row", "data-label": l.name, "data-count": l.count },
      text(NAME_W - 8, y + BAR_H - 5, ellipsize(l.name, 20), { "text-anchor": "end" }),
      svg("rect", { x: NAME_W, y, width: w, height: BAR_H, rx: 3, fill: color(l.name), class: "stats-bar" },
        svg("title", null, `${l.name}: ${plural(l.count, "span")} in ${plural(l.docs, "document")}`)),
      text(NAME_W + w + 6, y + BAR_H - 5, num(l.count), { class: "stats-n" })));
  });
  body.append(lc);

  // spans per document, stacked by label (the most annotated first)
  body.append(h("h3", { text: "Spans per document" }));
  const docs = st.docs.map((d, i) => ({ ...d, i })).sort((a, b) => b.spans - a.spans || a.i - b.i);
  const shown = docs.slice(0, DOC_ROWS);
  const dmax = Math.max(0, ...shown.map(d => d.spans));
  const dc = chart("documents", Math.max(1, shown.length) * (BAR_H + GAP));
  shown.forEach((d, i) => {
    const y = i * (BAR_H + GAP);
    const g = svg("g", { class: "stats-row", "data-doc": d.id, "data-count": d.spans, "data-status": d.status },
      text(NAME_W - 8, y + BAR_H - 5, ellipsize(d.title || d.id, 22), { "text-anchor": "end" }, ),
      svg("title", null, `${d.title || d.id} (${d.status.replace("_", " ")}): ${plural(d.spans, "span")}`));
    // segments in label order, each as wide as its share of the bar
    const total = barW(d.spans, dmax);
    let sx = NAME_W, acc = 0;
    d.counts.forEach((n, li) => {
      if (!n) return;
      acc += n;
      const ex = NAME_W + Math.round(total * acc / d.spans);
      g.append(svg("rect", { x: sx, y, width: Math.max(1, ex - sx), height: BAR_H, fill: color(labels[li].name), "data-label": labels[li].name, "data-count": n },
        svg("title", null, `${d.title || d.id}: ${plural(n, labels[li].name + " span")}`)));
      sx = ex;
    });
    g.append(text(NAME_W + total + 6, y + BAR_H - 5, num(d.spans), { class: "stats-n" }));
    dc.append(g);
  });
  body.append(dc);
  if (docs.length > shown.length) {
    const rest = docs.slice(DOC_ROWS);
    body.append(h("p.hint.small", { text: `and ${plural(rest.length, "more document")} with ${plural(rest.reduce((a, d) => a + d.spans, 0), "span")} in all` }));
  }

  // relations per type: a line is enough
  if (st.relations.length) {
    body.append(h("h3", { text: "Relations" }),
      h("p.stats-rel", { text: st.relations.map(r => `${r.name}: ${num(r.count)} in ${plural(r.docs, "document")}`).join(" · ") }));
  }
}
