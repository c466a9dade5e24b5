// paint.js — draws spans with the CSS Custom Highlight API.
//
// One Highlight per label, registered in CSS.highlights as "sm-<LABEL>"
// (labels that are not plain identifiers get "sm-l<index>"), styled by
// ::highlight() rules built from the schema colours. Ranges are kept only for
// the spans in a window around what is on screen (the core's spansIn), and
// updated incrementally from each ChangeView. Tags (label chips) and the
// selection outline are absolutely positioned boxes in an overlay, pooled.

import { rgb, ink } from "./util.js";

const SEL = "sm-selected";
const CHIP_H = 13;

export function highlightName(label, index) {
  return /^[A-Za-z][A-Za-z0-9_-]*$/.test(label) ? "sm-" + label : "sm-l" + index;
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
    this.labels = new Map(); // name → {index, name, hl, layer, color}
    this.live = new Map();   // span id → {span, ranges: StaticRange[]}
    this.win = [0, 0];
    this.selected = null;    // SpanView
    this.selHL = new Highlight();
    this.selHL.priority = 100;
    this.flashHL = new Highlight();
    this.flashHL.priority = 99;
    this.chips = [];         // pooled chip elements
    this.boxes = [];         // pooled selection boxes
    this.caret = document.createElement("div");
    this.caret.className = "caret";
    this.caret.hidden = true;
    this.overlay.append(this.caret);
    this.lineTops = new Map();
    this.frame = 0;
    this.hidden = new Set(); // labels hidden by the user
  }

  setSchema(schema) {
    for (const l of this.labels.values()) CSS.highlights.delete(l.hl);
    this.labels.clear();
    const rules = [];
    schema.labels.forEach((l, i) => {
      const hl = new Highlight();
      hl.priority = l.layer === "claim" ? 1 : 2;
      const name = highlightName(l.name, i);
      CSS.highlights.set(name, hl);
      this.labels.set(l.name, { index: i, name, hl, layer: l.layer, color: l.color });
      const [r, g, b] = rgb(l.color);
      const line = ink(l.color, 3);
      const a = l.layer === "claim" ? 0.28 : 0.5;
      const style = l.layer === "claim" ? "dashed" : "solid";
      rules.push(`::highlight(${CSS.escape(name)}) { background-color: rgb(${r} ${g} ${b} / ${a}); color: #141414; text-decoration: underline ${style} ${line} 2px; }`);
      rules.push(`.chip.c${i} { background: rgb(${r} ${g} ${b}); border-color: ${line}; }`);
      rules.push(`.swatch.c${i} { background: rgb(${r} ${g} ${b}); border-color: ${line}; }`);
      rules.push(`.lbl.c${i} { border-left-color: ${line}; }`);
    });
    rules.push(`::highlight(${SEL}) { background-color: rgb(37 99 235 / 0.22); color: #0b1220; text-decoration: underline solid rgb(29 78 216) 3px; }`);
    rules.push(`::highlight(sm-flash) { background-color: rgb(250 204 21 / 0.55); color: #141414; }`);
    this.sheet.replaceSync(rules.join("\n"));
    CSS.highlights.set(SEL, this.selHL);
    CSS.highlights.set("sm-flash", this.flashHL);
    this.clearSpans();
  }

  labelIndex(name) { return this.labels.get(name)?.index ?? -1; }
  cls(name) { const i = this.labelIndex(name); return i >= 0 ? "c" + i : "cx"; }

  clearSpans() {
    for (const l of this.labels.values()) l.hl.clear();
    this.selHL.clear();
    this.flashHL.clear();
    this.live.clear();
    this.win = [0, 0];
    this.selected = null;
    this.schedule();
  }

  intersects(span, s, e) {
    const f = span.frags;
    for (let i = 0; i < f.length; i += 2) if (f[i] < e && f[i + 1] > s) return true;
    return false;
  }

  addRanges(span) {
    const l = this.labels.get(span.label);
    const ranges = [];
    const f = span.frags;
    for (let i = 0; i < f.length; i += 2) {
      const r = this.view.staticRange(f[i], f[i + 1]);
      ranges.push(r);
      if (l && !this.hidden.has(span.label)) l.hl.add(r);
    }
    this.live.set(span.id, { span, ranges });
  }

  dropRanges(id) {
    const e = this.live.get(id);
    if (!e) return;
    const l = this.labels.get(e.span.label);
    if (l) for (const r of e.ranges) l.hl.delete(r);
    this.live.delete(id);
  }

  /** Replace the window with these spans (from spansIn over [start, end)). */
  setWindow(start, end, spans) {
    const keep = new Set();
    for (const s of spans) {
      keep.add(s.id);
      const cur = this.live.get(s.id);
      if (cur && cur.span.label === s.label && sameFrags(cur.span.frags, s.frags)) { cur.span = s; continue; }
      if (cur) this.dropRanges(s.id);
      this.addRanges(s);
    }
    for (const id of [...this.live.keys()]) if (!keep.has(id)) this.dropRanges(id);
    this.win = [start, end];
    this.schedule();
  }

  /** A span was added or changed: repaint it if it is in the window. */
  upsert(span) {
    this.dropRanges(span.id);
    if (this.intersects(span, this.win[0], this.win[1])) this.addRanges(span);
    if (this.selected && this.selected.id === span.id) this.select(span);
    this.schedule();
  }

  remove(id) {
    this.dropRanges(id);
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
    this.schedule();
  }

  /** Briefly mark a range (after scrolling to it, after label-all). */
  flash(frags, ms = 900) {
    this.flashHL.clear();
    for (let i = 0; i < frags.length; i += 2) this.flashHL.add(this.view.staticRange(frags[i], frags[i + 1]));
    clearTimeout(this.flashTimer);
    this.flashTimer = setTimeout(() => this.flashHL.clear(), ms);
  }

  setHidden(label, hidden) {
    const l = this.labels.get(label);
    if (!l) return;
    if (hidden) this.hidden.add(label); else this.hidden.delete(label);
    for (const { span, ranges } of this.live.values()) {
      if (span.label !== label) continue;
      for (const r of ranges) hidden ? l.hl.delete(r) : l.hl.add(r);
    }
    this.schedule();
  }

  schedule() {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => { this.frame = 0; this.draw(); });
  }

  /** Draw now (the caller wants the result painted in this frame). */
  flush() {
    if (this.frame) { cancelAnimationFrame(this.frame); this.frame = 0; }
    this.draw();
  }

  draw() {
    this.drawChips();
    this.drawSelection();
  }

  origin() {
    const b = this.wrap.getBoundingClientRect();
    return [b.left, b.top];
  }

  drawChips() {
    const [ox, oy] = this.origin();
    const lines = new Map(); // y → occupied [x0, x1] pairs
    this.lineTops.clear();
    let n = 0;
    const maxX = this.wrap.clientWidth - 4;
    for (const { span } of this.live.values()) {
      if (this.hidden.has(span.label)) continue;
      const s = span.frags[0];
      if (s < this.win[0] || s >= this.win[1]) continue;
      const r = this.view.range(s, Math.min(s + 1, span.frags[1]));
      const rect = r.getClientRects()[0] || r.getBoundingClientRect();
      if (!rect || (rect.width === 0 && rect.height === 0)) continue;
      const li = this.view.lineAt(s);
      if (!this.lineTops.has(li)) this.lineTops.set(li, this.view.paras[li].offsetTop);
      const y = Math.round(rect.top - oy - CHIP_H - 1);
      const w = span.label.length * 6 + 7;
      let x = Math.round((isRTL(this.view.paras[li]) ? rect.right - w : rect.left) - ox);
      const occ = lines.get(y) || [];
      for (let moved = true; moved;) {
        moved = false;
        for (const [a, b] of occ) if (x < b && x + w > a) { x = b + 2; moved = true; }
      }
      x = Math.min(x, maxX - w);
      occ.push([x, x + w]);
      lines.set(y, occ);
      let c = this.chips[n];
      if (!c) { c = document.createElement("div"); this.chips.push(c); this.overlay.append(c); }
      c.className = "chip " + this.cls(span.label) + (this.selected && this.selected.id === span.id ? " sel" : "");
      if (c.textContent !== span.label) c.textContent = span.label;
      c.style.transform = `translate(${x}px, ${y}px)`;
      c.hidden = false;
      n++;
    }
    for (let i = n; i < this.chips.length; i++) this.chips[i].hidden = true;
  }

  drawSelection() {
    let n = 0;
    const span = this.selected;
    if (span) {
      const [ox, oy] = this.origin();
      const f = span.frags;
      for (let i = 0; i < f.length; i += 2) {
        const rects = this.view.range(f[i], f[i + 1]).getClientRects();
        for (const rc of rects) {
          if (rc.width < 1) continue;
          let b = this.boxes[n];
          if (!b) { b = document.createElement("div"); b.className = "selbox"; this.boxes.push(b); this.overlay.append(b); }
          b.style.transform = `translate(${Math.round(rc.left - ox - 2)}px, ${Math.round(rc.top - oy - 1)}px)`;
          b.style.width = Math.round(rc.width + 4) + "px";
          b.style.height = Math.round(rc.height + 2) + "px";
          b.hidden = false;
          n++;
        }
      }
    }
    for (let i = n; i < this.boxes.length; i++) this.boxes[i].hidden = true;
  }

  /** The layout moved under the chips (lines laid out lazily, resize): redraw. */
  checkLayout(first, last) {
    for (let i = first; i <= last; i++) {
      const t = this.lineTops.get(i);
      if (t !== undefined && t !== this.view.paras[i].offsetTop) { this.schedule(); return; }
    }
  }

  /** Show a caret for keyboard selection (the article is not editable, so the browser shows none). */
  showCaret(range) {
    if (!range) { this.caret.hidden = true; return; }
    const rect = range.getClientRects()[0] || range.getBoundingClientRect();
    if (!rect || rect.height === 0) { this.caret.hidden = true; return; }
    const [ox, oy] = this.origin();
    this.caret.style.transform = `translate(${Math.round(rect.left - ox)}px, ${Math.round(rect.top - oy)}px)`;
    this.caret.style.height = Math.round(rect.height) + "px";
    this.caret.hidden = false;
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
  if (v === undefined) { v = getComputedStyle(el).direction === "rtl"; rtlCache.set(el, v); }
  return v;
}
