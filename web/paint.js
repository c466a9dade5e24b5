// paint.js — draws spans with the CSS Custom Highlight API.
//
// One Highlight per label, registered in CSS.highlights as "sm-<LABEL>"
// (labels that are not plain identifiers get "sm--<index>"), styled by
// ::highlight() rules built from the schema colours, and a second one,
// "sm--in<index>", for a span inside another of its label: ranges of one
// Highlight paint once where they overlap, so a nested span of the same
// label was invisible; in the second its tint adds to the outer one's.
// Ranges are kept only for
// the spans in a window around what is on screen (the core's spansIn), and
// updated incrementally from each ChangeView. Tags (label chips) and the
// selection outline are absolutely positioned boxes in an overlay, pooled.

import { rgb, ink, contrast } from "./util.js";

// Names that no label's can be: a label's is "sm-" + a name starting with a
// letter, so anything starting "sm--" is the page's own (a label named
// "selected" or "flash" once took the selection's or the flash's highlight,
// and "x y" at index 2 shared "sm-l2" with a label named "l2").
const SEL = "sm--selected", FLASH = "sm--flash";
const CHIP_H = 13;
// The dark theme's article background (style.css: --paper under
// prefers-color-scheme: dark) and the spans' text colour.
const DARK_PAPER = [0x1e, 0x21, 0x25], SPAN_INK = [0x14, 0x14, 0x14];

/** The tint of colour c over the dark page that keeps the spans' dark
 * text readable: the least opacity from min up that gives 4.5:1 (a pale
 * tint over a dark page is a dark colour, and dark text on it vanished). */
export function darkAlpha(c, min) {
  for (let a = min; a < 1; a += 0.05) {
    const mix = c.map((x, k) => a * x + (1 - a) * DARK_PAPER[k]);
    if (contrast(mix, SPAN_INK) >= 4.5) return Math.round(a * 100) / 100;
  }
  return 1;
}

export function highlightName(label, index) {
  return /^[A-Za-z][A-Za-z0-9_-]*$/.test(label) ? "sm-" + label : "sm--" + index;
}

export class Painter {
  /**
   * @param {import("./textview.js").TextView} view
   * @param {HTMLElement} scroller the element that scrolls the article
   * @param {HTMLElement} wrap the positioned element holding article and overlay
   * @param {HTMLElement} overlay
   */
  constructor(view, scroller, wrap, overlay) {
    this.view = view;
    this.scroller = scroller;
    this.wrap = wrap;
    this.overlay = overlay;
    this.sheet = new CSSStyleSheet();
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, this.sheet];
    this.labels = new Map(); // name → {index, name, hl, hlIn, layer, color}
    this.live = new Map();   // span id → {span, ranges: StaticRange[], inner}
    this.win = [0, 0];
    this.selected = null;    // SpanView
    this.selHL = new Highlight();
    this.selHL.priority = 100;
    this.flashHL = new Highlight();
    this.flashHL.priority = 99;
    // Tags: one absolutely positioned chip per span starting on (or near) a
    // visible line. A chip is measured once (one range rect) and moved only
    // when its row changes or the layout moves under it (relayout()).
    this.recs = new Map();   // span id → {id, label, el, ax, x, y, w}
    this.rows = new Map();   // y → Set of recs: the chips on one visual line
    this.pool = [];          // free chip elements
    this.dirty = new Set();  // span ids to (re)measure
    this.dirtyRows = new Set();
    this.allDirty = false;   // lines rewrapped: remeasure every chip
    this.moved = false;      // the layout may have moved: check the lines' positions
    this.maxX = 0;
    this.selDirty = false;
    this.lines = [0, -1];    // visible lines (from the app's scroll frame)
    this.boxes = [];         // pooled selection boxes
    this.caret = document.createElement("div");
    this.caret.className = "caret";
    this.caret.hidden = true;
    this.overlay.append(this.caret);
    this.frame = 0;
    this.late = false;       // drawLater()
    this.selChip = null;     // the span id whose tag has the "sel" class
    this.hidden = new Set(); // labels hidden by the user
    view.onChunkState = c => this.chunkState(c);
  }

  setSchema(schema) {
    // the registry is keyed by name: a renamed or removed label's highlight must go
    for (const l of this.labels.values()) { l.hl.clear(); l.hlIn.clear(); CSS.highlights.delete(l.name); CSS.highlights.delete(l.inName); }
    this.labels.clear();
    const rules = [], dark = [];
    schema.labels.forEach((l, i) => {
      const hl = new Highlight(), hlIn = new Highlight();
      hl.priority = hlIn.priority = l.layer === "claim" ? 1 : 2;
      const name = highlightName(l.name, i);
      CSS.highlights.set(name, hl);
      // inName is registered when first used (inner()): the browser goes
      // over every registered highlight in each paint. "sm--…" names are
      // the page's own: no label's name ("sm-" + an identifier) is one.
      const inName = "sm--in" + i;
      this.labels.set(l.name, { index: i, name, inName, hl, hlIn, inReg: false, layer: l.layer, color: l.color });
      const [r, g, b] = rgb(l.color);
      const line = ink(l.color, 3);
      // Entities are a tinted background; claims, which hold entities, a
      // paler one with a dashed underline that shows where the claim runs
      // under them. Only claims get the underline: Chromium recomputes the
      // visual overflow of every highlighted line whose highlight has a
      // decoration, on every highlight change (a new span's frame: ~0.8 ms
      // on a screen full of entities, BenchmarkAddSpanPaint). Nor does the
      // selected span's highlight have one.
      const rule = l.layer === "claim"
        ? `background-color: rgb(${r} ${g} ${b} / 0.28); text-decoration: underline dashed ${line} 2px;`
        : `background-color: rgb(${r} ${g} ${b} / 0.5);`;
      rules.push(`::highlight(${CSS.escape(name)}) { ${rule} color: #141414; }`);
      // inside a span of its label: its tint on top of the outer one's (no second underline)
      rules.push(`::highlight(${inName}) { background-color: rgb(${r} ${g} ${b} / ${l.layer === "claim" ? 0.28 : 0.5}); color: #141414; }`);
      rules.push(`.chip.c${i} { background: rgb(${r} ${g} ${b}); border-color: ${line}; }`);
      rules.push(`.swatch.c${i} { background: rgb(${r} ${g} ${b}); border-color: ${line}; }`);
      rules.push(`.lbl.c${i} { border-left-color: ${line}; }`);
      // Dark theme: a tint strong enough for the dark text (claims a
      // little paler than entities, so an entity inside a claim shows);
      // the label's own colour for its edges, which the darkened line
      // colour made invisible on a dark page.
      const a = darkAlpha([r, g, b], l.layer === "claim" ? 0.6 : 0.75);
      dark.push(`::highlight(${CSS.escape(name)}) { background-color: rgb(${r} ${g} ${b} / ${a}); }`);
      dark.push(`::highlight(${inName}) { background-color: rgb(${r} ${g} ${b} / ${Math.min(1, a + 0.15)}); }`);
      dark.push(`.lbl.c${i} { border-left-color: rgb(${r} ${g} ${b}); } .chip.c${i}, .swatch.c${i} { border-color: rgb(${r} ${g} ${b}); }`);
    });
    rules.push(`@media (prefers-color-scheme: dark) {\n${dark.join("\n")}\n}`);
    // the selected span: no tint of its own, which would hide its label's
    // colour (a blue one did); its outline is drawn in the overlay
    rules.push(`::highlight(${SEL}) { color: #0b1220; }`);
    rules.push(`::highlight(${FLASH}) { background-color: rgb(250 204 21 / 0.55); color: #141414; }`);
    this.sheet.replaceSync(rules.join("\n"));
    CSS.highlights.set(SEL, this.selHL);
    CSS.highlights.set(FLASH, this.flashHL);
    this.clearSpans();
  }

  labelIndex(name) { return this.labels.get(name)?.index ?? -1; }
  cls(name) { const i = this.labelIndex(name); return i >= 0 ? "c" + i : "cx"; }

  clearSpans() {
    for (const l of this.labels.values()) { l.hl.clear(); l.hlIn.clear(); }
    this.selHL.clear();
    this.flashHL.clear();
    this.live.clear();
    for (const rec of [...this.recs.values()]) this.dropChip(rec);
    this.dirty.clear();
    this.win = [0, 0];
    this.lines = [0, -1];
    this.selected = null;
    this.selDirty = true;
    this.schedule();
  }

  intersects(span, s, e) {
    const f = span.frags;
    for (let i = 0; i < f.length; i += 2) if (f[i] < e && f[i + 1] > s) return true;
    return false;
  }

  addRanges(span, inner = this.innerOf(span)) {
    const l = this.labels.get(span.label);
    const ranges = [];
    const f = span.frags;
    const hl = l && (inner ? this.inner(l) : l.hl);
    for (let i = 0; i < f.length; i += 2) {
      const r = this.view.staticRange(f[i], f[i + 1]);
      ranges.push(r);
      if (l && !this.hidden.has(span.label)) hl.add(r);
    }
    this.live.set(span.id, { span, ranges, inner });
  }

  dropRanges(id) {
    const e = this.live.get(id);
    if (!e) return;
    const l = this.labels.get(e.span.label);
    if (l) for (const r of e.ranges) (e.inner ? l.hlIn : l.hl).delete(r);
    this.live.delete(id);
  }

  /** A label's highlight for spans inside another of the label, registered on first use. */
  inner(l) {
    if (!l.inReg) { CSS.highlights.set(l.inName, l.hlIn); l.inReg = true; }
    return l.hlIn;
  }

  /** Whether a live span of the same label contains span (its extent). */
  innerOf(span) {
    const f = span.frags, s = f[0], e = f[f.length - 1];
    for (const { span: o } of this.live.values()) {
      if (o.label !== span.label || o.id === span.id) continue;
      const g = o.frags;
      if (g[0] <= s && g[g.length - 1] >= e && (g[0] < s || g[g.length - 1] > e || o.id < span.id)) return true;
    }
    return false;
  }

  /** After span (or a span over [s, e)) of label came or went: move the
   * live spans of that label within it to the highlight they now belong in. */
  relevel(label, s, e) {
    const l = this.labels.get(label);
    if (!l) return;
    for (const x of this.live.values()) {
      const f = x.span.frags;
      if (x.span.label !== label || f[0] < s || f[f.length - 1] > e) continue;
      const inner = this.innerOf(x.span);
      if (inner === x.inner) continue;
      if (!this.hidden.has(label)) for (const r of x.ranges) { (x.inner ? l.hlIn : l.hl).delete(r); (inner ? this.inner(l) : l.hl).add(r); }
      x.inner = inner;
    }
  }

  /** Replace the window with these spans (from spansIn over [start, end)). */
  setWindow(start, end, spans) {
    const keep = new Set();
    // spans come in document order (start, then longer first): one inside
    // another of its label is one that ends before the furthest end yet
    const reach = new Map();
    for (const s of spans) {
      keep.add(s.id);
      const f = s.frags, e = f[f.length - 1], r = reach.get(s.label);
      const inner = r !== undefined && r >= e;
      if (!inner) reach.set(s.label, e);
      const cur = this.live.get(s.id);
      if (cur && cur.inner === inner && cur.span.label === s.label && sameFrags(cur.span.frags, s.frags)) { cur.span = s; continue; }
      if (cur) this.dropRanges(s.id);
      this.addRanges(s, inner);
      this.dirty.add(s.id);
    }
    for (const id of [...this.live.keys()]) if (!keep.has(id)) this.dropRanges(id);
    this.win = [start, end];
    this.schedule();
  }

  /** The visible lines (from the app's scroll frame). The tags follow the window, not these. */
  setLines(first, last) {
    this.lines = [first, last];
  }

  /** The layout moved under the overlay (resize, blocks laid out lazily):
   * shift the tags whose line moved; remeasure them all if the width changed. */
  relayout() {
    this.moved = true;
    this.selDirty = true;
    this.schedule();
  }

  /** A block starts or stops being rendered (content-visibility: auto): its
   * height goes from the estimate to the real one, which moves the lines
   * below even when the article's total height (the ResizeObserver's
   * trigger) happens to stay the same. Check the lines' positions, and
   * remeasure the tags inside that block (those on screen only). */
  chunkState(c) {
    for (const rec of this.recs.values()) if (rec.para && rec.para.parentNode === c) this.dirty.add(rec.id);
    this.moved = true;
    this.selDirty = true;
    this.schedule();
  }

  /** A span was added or changed: repaint it if it is in the window. */
  upsert(span) {
    const old = this.live.get(span.id);
    this.dropRanges(span.id);
    if (old) this.relevel(old.span.label, old.span.frags[0], old.span.frags[old.span.frags.length - 1]);
    if (this.intersects(span, this.win[0], this.win[1])) {
      this.addRanges(span);
      this.relevel(span.label, span.frags[0], span.frags[span.frags.length - 1]);
    }
    this.dirty.add(span.id);
    if (this.selected && this.selected.id === span.id) this.select(span);
    this.schedule();
  }

  remove(id) {
    const old = this.live.get(id);
    this.dropRanges(id);
    if (old) this.relevel(old.span.label, old.span.frags[0], old.span.frags[old.span.frags.length - 1]);
    if (this.selected && this.selected.id === id) this.select(null);
    this.schedule();
  }

  select(span) {
    this.selected = span;
    this.selHL.clear();
    if (span) {
      const f = span.frags;
      for (let i = 0; i < f.length; i += 2) this.selHL.add(this.view.staticRange(f[i], f[i + 1]));
    }
    this.selDirty = true; // the outline and the tags' "sel" class: in draw()
    this.schedule();
  }

  /** Briefly mark a range (after scrolling to it, after label-all). */
  flash(frags, ms = 900) {
    this.flashHL.clear();
    for (let i = 0; i < frags.length; i += 2) this.flashHL.add(this.view.staticRange(frags[i], frags[i + 1]));
    clearTimeout(this.flashTimer);
    this.flashTimer = setTimeout(() => this.flashHL.clear(), ms);
  }

  isHidden(label) { return this.hidden.has(label); }

  setHidden(label, hidden) {
    const l = this.labels.get(label);
    if (!l || this.hidden.has(label) === hidden) return;
    if (hidden) this.hidden.add(label); else this.hidden.delete(label);
    for (const { span, ranges, inner } of this.live.values()) {
      if (span.label !== label) continue;
      const hl = inner ? this.inner(l) : l.hl;
      for (const r of ranges) hidden ? hl.delete(r) : hl.add(r);
    }
    this.schedule();
  }

  /**
   * Draw the next changes' tags and selection outline one frame after their
   * highlights: a span labelled from the keyboard shows its colour in the
   * first frame after the key, and that frame has no tag or outline change
   * (each DOM change costs it style, layout and paint; BenchmarkAddSpanPaint).
   */
  drawLater() { this.late = true; }

  schedule() {
    const late = this.late;
    this.late = false;
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      if (late) this.frame = requestAnimationFrame(() => { this.frame = 0; this.draw(); });
      else { this.frame = 0; this.draw(); }
    });
  }

  /** Draw pending work now. Call it from an animation frame (the scroll
   * frame) or where a synchronous layout is acceptable: it reads geometry. */
  flush() {
    if (!this.frame) return;
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.draw();
  }

  /** Bring the tags and the selection outline up to date. Reads all the
   * geometry first, then writes, so the layout is computed at most once. */
  draw() {
    const v = this.view;
    // Tags for the spans starting in the window. They change only with the
    // window (every eighth of a screen or so of scrolling), not on every
    // scroll frame: any DOM change makes Chromium rebuild every highlight
    // marker and repaint every highlighted text node, so frames without one
    // stay cheap.
    const [cs, ce] = this.win;
    const want = [];
    // and only where the browser renders: measuring inside a skipped
    // (content-visibility) block would force its layout
    const [vf, vl] = this.lines;
    for (const { span } of this.live.values()) {
      const s = span.frags[0];
      if (s < cs || s >= ce || this.hidden.has(span.label)) continue;
      const li = v.lineAt(s);
      if ((li >= vf && li <= vl) || v.rendered(li)) want.push(span);
    }
    const wanted = new Set(want.map(s => s.id));
    // --- reads --- (the chips that leave are hidden with the writes: hiding
    // them here made the first read below force a style and layout pass)
    let ox = 0, oy = 0, maxX = 0;
    const shifts = [];
    if (this.moved) {
      const b = this.wrap.getBoundingClientRect();
      ox = b.left; oy = b.top;
      maxX = this.wrap.clientWidth - 4;
      if (maxX !== this.maxX) this.allDirty = true; // lines rewrapped: measure again
      else {
        // a block above was laid out: lines moved down or up as a whole
        const tops = new Map();
        for (const rec of this.recs.values()) {
          if (!wanted.has(rec.id)) continue;
          let t = tops.get(rec.para);
          if (t === undefined) tops.set(rec.para, t = Math.round(rec.para.getBoundingClientRect().top - oy));
          if (t !== rec.pt) shifts.push([rec, t]);
        }
      }
      this.moved = false;
    }
    const measure = this.allDirty ? want : want.filter(s => !this.recs.has(s.id) || this.dirty.has(s.id));
    this.allDirty = false;
    this.dirty.clear();
    const selRects = [];
    if ((measure.length || this.selDirty) && !maxX) {
      const b = this.wrap.getBoundingClientRect();
      ox = b.left; oy = b.top;
      maxX = this.wrap.clientWidth - 4;
    }
    this.maxX = maxX || this.maxX;
    const got = [], gone = [];
    for (const span of measure) {
      const s = span.frags[0];
      const r = v.range(s, Math.min(s + 1, span.frags[1]));
      const rect = r.getClientRects()[0] || r.getBoundingClientRect();
      if (!rect || (rect.width === 0 && rect.height === 0)) { gone.push(span.id); continue; }
      const para = v.para(v.lineAt(s));
      got.push([span, rect, isRTL(para), para, Math.round(para.getBoundingClientRect().top - oy)]);
    }
    if (this.selDirty && this.selected) {
      const f = this.selected.frags;
      for (let i = 0; i < f.length; i += 2) lineBoxes(v.range(f[i], f[i + 1]).getClientRects(), selRects);
    }

    // --- writes ---
    for (const rec of [...this.recs.values()]) if (!wanted.has(rec.id)) this.dropChip(rec);
    for (const id of gone) this.dropChip(this.recs.get(id));
    for (const [rec, t] of shifts) {
      if (!this.recs.has(rec.id)) continue;
      const y = rec.y + t - rec.pt;
      rec.pt = t;
      this.leaveRow(rec); rec.y = y; this.rowOf(y).add(rec); this.dirtyRows.add(y);
    }
    const selId = this.selected && this.selected.id;
    for (const [span, rect, rtl, para, pt] of got) {
      const w = span.label.length * 6 + 7;
      const y = Math.round(rect.top - oy - CHIP_H - 1);
      const ax = Math.round((rtl ? rect.right - w : rect.left) - ox);
      let rec = this.recs.get(span.id);
      if (!rec) {
        const el = this.pool.pop() || this.overlay.appendChild(document.createElement("div"));
        rec = { id: span.id, label: "", el, ax, x: NaN, y: NaN, ty: NaN, w }; // ty: the y last written
        this.recs.set(span.id, rec);
        el.hidden = false;
      }
      if (rec.label !== span.label) {
        rec.label = span.label;
        rec.el.className = "chip " + this.cls(span.label) + (span.id === selId ? " sel" : "");
        rec.el.textContent = span.label;
      }
      if (rec.y !== y) { this.leaveRow(rec); rec.y = y; this.rowOf(y).add(rec); }
      rec.ax = ax;
      rec.w = w;
      rec.para = para;
      rec.pt = pt;
      this.dirtyRows.add(y);
    }
    if (this.selChip !== selId) {
      const a = this.recs.get(this.selChip), b = this.recs.get(selId);
      if (a) a.el.classList.remove("sel");
      if (b) b.el.classList.add("sel");
      this.selChip = selId;
    }
    for (const y of this.dirtyRows) this.packRow(y, maxX || this.wrap.clientWidth - 4);
    this.dirtyRows.clear();
    if (this.selDirty) this.drawSelection(selRects, ox, oy);
    this.selDirty = false;
  }

  rowOf(y) {
    let r = this.rows.get(y);
    if (!r) this.rows.set(y, r = new Set());
    return r;
  }

  leaveRow(rec) {
    const r = this.rows.get(rec.y);
    if (!r) return;
    r.delete(rec);
    if (r.size) this.dirtyRows.add(rec.y); else this.rows.delete(rec.y);
  }

  dropChip(rec) {
    if (!rec) return;
    this.leaveRow(rec);
    this.recs.delete(rec.id);
    rec.el.hidden = true;
    this.pool.push(rec.el);
  }

  /** Lay out the chips of one visual line: from their anchors, left to right, without overlapping. */
  packRow(y, maxX) {
    const r = this.rows.get(y);
    if (!r) return;
    const list = [...r].sort((a, b) => a.ax - b.ax || (a.id < b.id ? -1 : 1));
    let end = -Infinity;
    for (const rec of list) {
      let x = Math.max(rec.ax, end + 2);
      x = Math.min(x, maxX - rec.w);
      end = x + rec.w;
      // a row that moved as a whole (relayout) keeps its x: compare both
      if (x !== rec.x || y !== rec.ty) { rec.x = x; rec.ty = y; rec.el.style.transform = `translate(${x}px, ${y}px)`; }
    }
  }

  drawSelection(rects, ox, oy) {
    let n = 0;
    for (const rc of rects) {
      let b = this.boxes[n];
      if (!b) { b = document.createElement("div"); b.className = "selbox"; this.boxes.push(b); this.overlay.append(b); }
      // just outside the text: the 2 px border covers no glyph of the span or beside it
      b.style.transform = `translate(${Math.floor(rc.left - ox) - 2}px, ${Math.floor(rc.top - oy) - 2}px)`;
      b.style.width = Math.ceil(rc.right - ox) - Math.floor(rc.left - ox) + 4 + "px";
      b.style.height = Math.ceil(rc.bottom - oy) - Math.floor(rc.top - oy) + 4 + "px";
      b.hidden = false;
      n++;
    }
    for (let i = n; i < this.boxes.length; i++) this.boxes[i].hidden = true;
  }

  /** Show a caret for keyboard selection (the article is not editable, so the browser shows none). */
  showCaret(range) {
    if (!range) { this.caret.hidden = true; return; }
    const rect = range.getClientRects()[0] || range.getBoundingClientRect();
    if (!rect || rect.height === 0) { this.caret.hidden = true; return; }
    const o = this.wrap.getBoundingClientRect();
    this.caret.style.transform = `translate(${Math.round(rect.left - o.left)}px, ${Math.round(rect.top - o.top)}px)`;
    this.caret.style.height = Math.round(rect.height) + "px";
    this.caret.hidden = false;
  }
}

/** The rects of one fragment as one box per visual line. A soft-wrapped
 * line of the pre-wrap article ends in a space that hangs past the text in
 * a rect of its own: it got a little box of its own. Here a line's rects are
 * joined, and a lone whitespace rect (narrower than 6 px, at the line's end)
 * is dropped. */
function lineBoxes(list, out) {
  let cur = null;
  for (const rc of list) {
    if (rc.width < 1) continue;
    if (cur && rc.top < cur.bottom - 2 && rc.bottom > cur.top + 2) {
      if (rc.width < 6 && rc.left >= cur.right - 0.5) continue; // the hanging space
      cur.left = Math.min(cur.left, rc.left); cur.right = Math.max(cur.right, rc.right);
      cur.top = Math.min(cur.top, rc.top); cur.bottom = Math.max(cur.bottom, rc.bottom);
      continue;
    }
    cur = { left: rc.left, right: rc.right, top: rc.top, bottom: rc.bottom };
    out.push(cur);
  }
}

function sameFrags(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const rtlCache = new WeakMap();
function isRTL(el) {
  let v = rtlCache.get(el);
  if (v === undefined) { v = el.matches(":dir(rtl)"); rtlCache.set(el, v); } // from the DOM: no style recalc
  return v;
}
