// edgedrag.js — handles at the selected span's start and end that the
// mouse drags to move that edge, as in brat and Label Studio (the keyboard
// has Alt+Shift+arrows: app.js moveEdge).
//
// While dragging, the span as it would be is shown (the flash highlight)
// with the core's snapping (sm.snap: whole words, or grapheme clusters in
// character mode); on release one bridge call, setEdge, moves the edge by
// the same rule, as one undo step. Esc cancels a drag. The handles live in
// the article's overlay (they scroll with the text) and are placed from
// Range.getClientRects: at the left or right of the edge's character as
// its line runs (right-to-left text), on the line the edge is on (a span
// wrapped over lines).

// Loaded on the first selection of a span (app.js showEdges: lazyModule),
// off the page's first download; it imports nothing: app.js hands it what
// it uses.
let tryCall, status, describeError, ellipsize;

/** The handles, bound. d: {tryCall, status, describeError, ellipsize} from app.js. */
export function makeEdgeHandles(app, wrap, overlay, d) {
  ({ tryCall, status, describeError, ellipsize } = d);
  return new EdgeHandles(app, wrap, overlay);
}

class EdgeHandles {
  /** @param app the App (view, painter, docId, snap, applyChange) */
  constructor(app, wrap, overlay) {
    this.app = app;
    this.wrap = wrap;
    this.overlay = overlay;
    this.span = null;
    this.els = null;
    this.drag = null; // {edge, pointerId, pos, snapped}
    this.frame = 0;
    this.ro = null;
    // a press that starts elsewhere (a text selection ending at the span's
    // edge, a click on a nested span) goes through the handles
    document.addEventListener("pointerdown", ev => { if (!ev.target.classList || !ev.target.classList.contains("edge-handle")) overlay.classList.add("no-handles"); }, true);
    document.addEventListener("pointerup", () => overlay.classList.remove("no-handles"), true);
  }

  /** Handles for span (a SpanView), or none. */
  show(span) {
    if (this.drag && (!span || span.id !== this.drag.id)) this.cancel();
    this.span = span;
    if (span && !this.els) this.make();
    if (span) { this.ro ??= new ResizeObserver(() => this.schedule()); this.ro.observe(this.app.article); } else if (this.ro) this.ro.disconnect();
    this.schedule();
  }

  make() {
    this.els = {};
    for (const edge of ["start", "end"]) {
      const e = document.createElement("div");
      e.className = "edge-handle " + edge;
      e.dataset.edge = edge;
      e.title = edge === "start" ? "Drag to move the span's start (keys: Alt+Shift+↑ / ↓)" : "Drag to move the span's end (keys: Alt+Shift+← / →)";
      e.hidden = true;
      e.addEventListener("pointerdown", ev => this.down(ev, edge));
      this.overlay.append(e);
      this.els[edge] = e;
    }
    // during a drag the pointer is followed on the document: the handle
    // itself lets the pointer through (pointer-events: none while dragging),
    // so the text under it is what is hit
    this.onMove = ev => this.move(ev);
    this.onUp = ev => this.up(ev);
    this.onCancel = () => this.cancel();
    this.onKey = ev => { if (ev.key === "Escape") { ev.preventDefault(); ev.stopImmediatePropagation(); this.cancel(); } };
  }

  schedule() {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => { this.frame = 0; this.place(); });
  }

  /** Put the handles at the span's edges (or where a drag has them). */
  place() {
    if (!this.els) return;
    const s = this.span;
    for (const edge of ["start", "end"]) {
      const e = this.els[edge];
      let off = null;
      if (s) off = edge === "start" ? s.frags[0] : s.frags[s.frags.length - 1];
      if (this.drag && this.drag.edge === edge) off = this.drag.snapped ?? off;
      const at = off === null ? null : this.caret(off, edge);
      e.hidden = !at;
      if (at) {
        e.style.transform = `translate(${Math.round(at.x)}px, ${Math.round(at.top)}px)`;
        e.style.height = Math.round(at.height) + "px";
        // the knob beside the span's tag, which paint.js puts at the start character's
        // left (its right in a right-to-left paragraph): --kx is that side from the edge
        e.style.setProperty("--kx", Math.round(at.kx) + "px");
        e.classList.toggle("rtl", at.prtl);
      }
    }
  }

  /** Where an edge at offset off shows, in the frame's coordinates: the
   * outer side of the character inside the span next to it. */
  caret(off, edge) {
    const v = this.app.view;
    const n = v.length;
    if (n === 0 || !v.rendered(v.lineAt(Math.min(off, n - 1)))) return null;
    // the character inside the span at this edge
    const a = edge === "start" ? off : Math.max(0, off - 1);
    const rs = v.range(a, Math.min(n, a + 1)).getClientRects();
    const r = edge === "start" ? rs[0] : rs[rs.length - 1];
    if (!r || r.height === 0) return null;
    const rtl = this.isRTL(a, edge === "end");
    const side = (edge === "start") !== rtl ? r.left : r.right;
    const o = this.wrap.getBoundingClientRect();
    const prtl = !!v.para(v.lineAt(a))?.matches(":dir(rtl)");
    return { x: side - o.left, top: r.top - o.top, height: r.height, kx: (prtl ? r.right : r.left) - side, prtl };
  }

  /** Whether the text at offset a runs right to left, from its neighbour
   * inside the span (before it at the end, back): the ")" after a name is not. */
  isRTL(a, back) {
    const v = this.app.view;
    let b = back ? a - 1 : a + 1;
    if (b < 0 || b >= v.length) b = back ? a + 1 : a - 1;
    const c = Math.min(a, b);
    b = Math.max(a, b);
    if (c < 0 || b >= v.length || b === c) return false;
    const r1 = v.range(c, c + 1).getClientRects()[0], r2 = v.range(b, b + 1).getClientRects()[0];
    if (!r1 || !r2 || Math.abs(r1.top - r2.top) > 2) return false;
    return r2.left < r1.left;
  }

  down(ev, edge) {
    if (ev.button !== 0 || !this.span || this.drag) return;
    ev.preventDefault();
    ev.stopPropagation();
    this.els[edge].classList.add("dragging");
    document.body.classList.add("edge-dragging");
    this.drag = { id: this.span.id, edge, pointerId: ev.pointerId, pos: null, snapped: null };
    document.addEventListener("pointermove", this.onMove);
    document.addEventListener("pointerup", this.onUp);
    document.addEventListener("pointercancel", this.onCancel);
    document.addEventListener("keydown", this.onKey, true);
  }

  move(ev) {
    const d = this.drag;
    if (!d || ev.pointerId !== d.pointerId) return;
    const pos = this.app.view.offsetAtPoint(ev.clientX, ev.clientY);
    if (pos < 0 || pos === d.pos) return;
    d.pos = pos;
    // the span as it would be, by the core's snapping rule (no edit yet)
    const s = this.span, f = s.frags;
    const [a, b] = d.edge === "start" ? [pos, f[1]] : [f[f.length - 2], pos];
    const r = a < b ? tryCall("snap", this.app.docId, a, b, this.app.snap) : { error: true };
    if (r.error) { d.snapped = null; this.app.painter.flashHL.clear(); this.schedule(); return; }
    const [ns, ne] = r.value;
    d.snapped = d.edge === "start" ? ns : ne;
    const frags = f.slice();
    if (d.edge === "start") frags[0] = ns; else frags[frags.length - 1] = ne;
    this.app.painter.flash(frags, 60000);
    this.schedule();
  }

  up(ev) {
    const d = this.drag;
    if (!d || ev.pointerId !== d.pointerId) return;
    // hit-test before the handle takes the pointer again: it sits where
    // the drag put it, under the pointer
    const pos = this.app.view.offsetAtPoint(ev.clientX, ev.clientY);
    this.end();
    if (pos < 0) { this.schedule(); return; }
    const s = this.span;
    const r = tryCall("setEdge", this.app.docId, s.id, d.edge, pos, this.app.snap);
    if (r.error) { status(describeError(r.error)); this.schedule(); return; }
    if (!r.value.updated.length) { this.schedule(); return; } // dropped where it was
    this.app.applyChange(r.value);
    const u = r.value.updated.find(x => x.id === s.id);
    if (u) status(`${u.label} is now “${ellipsize(u.text.join(" … "), 50)}”`);
  }

  cancel() {
    if (!this.drag) return;
    this.end();
    this.schedule();
  }

  end() {
    const d = this.drag;
    this.drag = null;
    document.removeEventListener("pointermove", this.onMove);
    document.removeEventListener("pointerup", this.onUp);
    document.removeEventListener("pointercancel", this.onCancel);
    document.removeEventListener("keydown", this.onKey, true);
    this.els[d.edge].classList.remove("dragging");
    document.body.classList.remove("edge-dragging");
    this.app.painter.flashHL.clear();
  }
}
