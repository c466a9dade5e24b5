// relarcs.js — the selected span's relations drawn in the text: an arc
// from a claim to its claimant and to its cue (and, with a claimant or cue
// selected, from the claims that point to it), with an arrowhead at the
// target and the relation type on the arc, as brat and INCEpTION draw them.
//
// One SVG in the article's overlay, in the coordinates of the article's
// frame (docwrap), so it scrolls with the text. Ends come from
// Range.getClientRects: of a span's line boxes (a span wrapped over lines,
// a claim in fragments) the one nearest the other end is used, at its
// horizontal middle, so right-to-left text and wrapped lines need no case
// of their own. A target off screen (or in a block of a long article the
// browser has not laid out) gets a short arrow at the edge of the view
// pointing up or down, with its text. Redrawn in a frame after scrolling,
// on resize and when the selection or its relations change; nothing runs
// while no span with relations is selected.

// Loaded on the first selection of a span (app.js showArcs: lazyModule),
// off the page's first download; it imports nothing: app.js hands it what
// it uses.
let ellipsize;

/** The arcs, bound. d: {ellipsize} from app.js. */
export function makeRelationArcs(app, wrap, overlay, d) {
  ({ ellipsize } = d);
  return new RelationArcs(app, wrap, overlay);
}

const NS = "http://www.w3.org/2000/svg";

class RelationArcs {
  /** @param app the App (view, scroller, relationsOf, spanById, docId) */
  constructor(app, wrap, overlay) {
    this.app = app;
    this.wrap = wrap;
    this.overlay = overlay;
    this.svg = null;
    this.span = null;
    this.rels = [];     // [{rel, other, out}]: out when the selected span is the relation's "from"
    this.frame = 0;
    this.onMove = () => this.schedule();
    this.listening = false;
  }

  /** Show the relations of span (a SpanView), or none (null). */
  show(span) {
    this.span = span;
    this.rels = [];
    if (span && this.app.docId) {
      for (const r of this.app.relationsOf(span.id)) {
        const out = r.from === span.id;
        const other = this.app.spanById(out ? r.to : r.from);
        if (other) this.rels.push({ rel: r, other, out });
      }
    }
    this.listen(this.rels.length > 0);
    this.schedule();
  }

  listen(on) {
    if (on === this.listening) return;
    this.listening = on;
    const f = on ? "addEventListener" : "removeEventListener";
    this.app.scroller[f]("scroll", this.onMove, { passive: true });
    window[f]("resize", this.onMove);
    if (on) {
      this.ro ??= new ResizeObserver(this.onMove);
      this.ro.observe(this.app.article);
    } else if (this.ro) {
      this.ro.disconnect();
    }
  }

  schedule() {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => { this.frame = 0; this.draw(); });
  }

  /** Draw now (reads geometry: call from a frame). */
  draw() {
    if (!this.rels.length) { if (this.svg) this.svg.replaceChildren(); return; }
    if (!this.svg) {
      this.svg = document.createElementNS(NS, "svg");
      this.svg.setAttribute("class", "relarcs");
      this.svg.setAttribute("aria-hidden", "true");
      const defs = el("defs");
      const m = el("marker", { id: "relarc-head", viewBox: "0 0 8 8", refX: 7, refY: 4, markerWidth: 7, markerHeight: 7, orient: "auto-start-reverse" });
      m.append(el("path", { d: "M0,0 L8,4 L0,8 z", class: "relarc-head" }));
      defs.append(m);
      this.svg.append(defs);
      this.overlay.append(this.svg);
    }
    const o = this.wrap.getBoundingClientRect();
    const view = this.app.scroller.getBoundingClientRect();
    this.pitch = parseFloat(getComputedStyle(this.app.article).lineHeight) || 36; // line to line
    const mine = this.boxes(this.span);
    const g = el("g");
    this.stack = { "-1": 0, "1": 0 }; // off-screen labels drawn so far each way: stacked, not on top of each other
    this.used = []; // the gaps labels took (client y)
    if (mine.length) {
      for (const { rel, other, out } of this.rels) {
        const theirs = this.boxes(other);
        const t = theirs.length ? nearest(theirs, mine) : null;
        // off screen: from the line of the span nearest the way to it
        const a = t ? nearest(mine, [t]) : mine[other.frags[0] < this.span.frags[0] ? 0 : mine.length - 1];
        this.arc(g, o, view, a, t, rel, other, out);
      }
    }
    this.svg.replaceChildren(this.svg.firstChild, g);
  }

  /** The span's line boxes (client coordinates), from its fragments' ranges; none when its lines are not laid out. */
  boxes(span) {
    const v = this.app.view, f = span.frags, out = [];
    for (let i = 0; i < f.length; i += 2) {
      const li = v.lineAt(f[i]), lj = v.lineAt(Math.max(f[i], f[i + 1] - 1));
      if (!v.rendered(li) || !v.rendered(lj)) continue;
      for (const r of v.range(f[i], f[i + 1]).getClientRects()) {
        if (r.width < 1 || r.height < 1) continue;
        const last = out[out.length - 1];
        if (last && r.top < last.bottom - 2 && r.bottom > last.top + 2) { // one visual line
          last.left = Math.min(last.left, r.left); last.right = Math.max(last.right, r.right);
          last.top = Math.min(last.top, r.top); last.bottom = Math.max(last.bottom, r.bottom);
        } else {
          out.push({ left: r.left, right: r.right, top: r.top, bottom: r.bottom });
        }
      }
    }
    return out;
  }

  /** One connector from box a (the selected span) to box t (the other span, or null: off screen). */
  arc(g, o, view, a, t, rel, other, out) {
    const ax = (a.left + a.right) / 2 - o.left, ay = a.top - o.top;
    let tx, ty, off = 0;
    if (t && t.bottom > view.top && t.top < view.bottom) {
      tx = (t.left + t.right) / 2 - o.left;
      ty = t.top - o.top;
    } else {
      // off screen: a short arrow toward it, at the edge of the view
      off = t ? (t.top < view.top ? -1 : 1) : other.frags[0] < this.span.frags[0] ? -1 : 1;
      tx = ax;
      ty = off < 0 ? Math.max(view.top - o.top + 6, ay - 60) : Math.min(view.bottom - o.top - 6, a.bottom - o.top + 60);
    }
    const dist = Math.hypot(tx - ax, ty - ay);
    const lift = off ? 0 : Math.min(70, 14 + dist / 5);
    let top = Math.min(ay, ty) - lift;
    // the label in the gap between lines nearest to the curve's middle (or
    // the arrow's end), never on text; the curve passes through it
    const label = off ? `${off < 0 ? "↑" : "↓"} ${rel.type}: ${ellipsize(other.text.join(" … "), 28)}` : rel.type;
    const k = off ? this.stack[off]++ : 0;
    const lx = (ax + tx) / 2;
    const want = off ? (off < 0 ? ty + 10 + this.pitch * k : ty - 10 - this.pitch * k) : 0.75 * top + 0.125 * (ay + ty);
    const [ly, gap] = this.gapAt(lx + o.left, want + o.top, off ? Infinity : Math.min(ay, ty) + o.top, view);
    if (!off) top = Math.min(top, (ly - o.top - 0.125 * (ay + ty)) / 0.75);
    // from the claim's top to the target's top, over the line(s) between
    const d = off ? `M${r1(ax)},${r1(off < 0 ? ay : a.bottom - o.top)} L${r1(tx)},${r1(ty)}`
      : `M${r1(ax)},${r1(ay)} C${r1(ax)},${r1(top)} ${r1(tx)},${r1(top)} ${r1(tx)},${r1(ty)}`;
    const path = el("path", {
      d, class: "relarc relarc-" + (rel.type === "claimant" || rel.type === "cue" ? rel.type : "other"),
      "data-rel": rel.id, "data-type": rel.type, "data-to": out ? rel.to : rel.from,
      "data-offscreen": off ? (off < 0 ? "up" : "down") : undefined,
    });
    // the arrowhead is at the relation's target: the other span when the selected one is its source
    path.setAttribute(out ? "marker-end" : "marker-start", "url(#relarc-head)");
    g.append(path);
    // as tall as the gap (9 px at 800 px wide)
    const hh = Math.max(8, Math.min(14, Math.floor(gap))), fs = Math.min(10.5, hh - 0.5), w = label.length * fs * 0.59 + 8;
    const cy = ly - o.top;
    const box = el("g", { class: "relarc-label", "data-rel": rel.id });
    const text = el("text", { x: r1(lx), y: r1(cy + fs * 0.35), "text-anchor": "middle" }, label);
    text.style.fontSize = fs + "px";
    box.append(el("rect", { x: r1(lx - w / 2), y: r1(cy - hh / 2), width: r1(w), height: hh, rx: 3 }), text);
    g.append(box);
  }

  /** [y, height] of the gap between lines nearest to client y at x, not
   * below floor, in the view. */
  gapAt(x, y, floor, view) {
    const v = this.app.view, at = v.offsetAtPoint(x, y), lo = view.top + 8, hi = view.bottom - 8;
    const r = at >= 0 && at < v.length ? v.range(at, at + 1).getClientRects()[0] : null;
    if (!r || r.height < 4) return [Math.max(lo, Math.min(y, floor, hi)), 14];
    const half = Math.max(0, (this.pitch - r.height) / 2);
    let best = null;
    for (let i = -3; i <= 2; i++) { // the gaps above and below the line there, and two more each way
      const c = (i < 0 ? r.top - half : r.bottom + half) + (i < 0 ? i + 1 : i) * this.pitch;
      if (c <= floor - 1 && c >= lo && c <= hi && !this.used.some(u => Math.abs(u - c) < 12) &&
        (best === null || Math.abs(c - y) < Math.abs(best - y))) best = c;
    }
    best ??= Math.max(lo, Math.min(y, floor - half, hi));
    this.used.push(best);
    return [best, 2 * half];
  }
}

function el(tag, attrs, text) {
  const e = document.createElementNS(NS, tag);
  for (const k in attrs || {}) if (attrs[k] !== undefined) e.setAttribute(k, String(attrs[k]));
  if (text !== undefined) e.textContent = text;
  return e;
}

function r1(x) { return Math.round(x * 10) / 10; }

/** The box of list nearest to any of others (by centre distance); the first when others is empty. */
function nearest(list, others) {
  if (!others.length) return list[0];
  let best = list[0], bd = Infinity;
  for (const b of list) {
    const bx = (b.left + b.right) / 2, by = (b.top + b.bottom) / 2;
    for (const c of others) {
      const d = Math.hypot(bx - (c.left + c.right) / 2, (by - (c.top + c.bottom) / 2) * 2); // lines apart count double
      if (d < bd) { bd = d; best = b; }
    }
  }
  return best;
}
