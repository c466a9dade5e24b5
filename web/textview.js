// textview.js — the article as plain text nodes, one block element per line,
// and the O(log n) mapping between DOM positions and document offsets
// (UTF-16 code units, exactly what DOM Ranges use).
//
// Line i is the text [starts[i], ends[i]); the "\n" that ends it is in no
// DOM node. A DOM point (text node, k) of line i is offset starts[i] + k.
// A "line" is a line of the text, except that one longer than LONG_LINE is
// shown as several blocks of about BLOCK code units (see splitLine).

import { idle } from "./util.js";

// Above this many code units, skip layout of off-screen lines. A text laid
// out whole costs ~1.7 ms per 1,000 characters before the first frame
// (100,000: 64 ms style and 110 ms layout, cold, on a loaded machine;
// chunked ~35 ms in all): past about a chunk (CHUNK_CHARS) it pays.
const BIG = 30000;
const CHUNK_ROWS = 256; // estimated rows per chunk in big documents (content-visibility: auto
                     // per chunk; the browser checks each chunk against the viewport in every
                     // frame: 224 chunks of 16 lines cost 0.7 ms a frame on the 1M benchmark, 56 of
                     // 64 lines 0.2). Rows, not lines: 64 lines a chunk made 2,160 chunks of an
                     // article of 138,000 one-word lines and 8.0 ms of work a frame; 540 chunks
                     // of 256 rows, 4.4 ms (BenchmarkAddSpanPaintShortLines)
const CHUNK_CHARS = 24000; // and at most about this many code units: a chunk on screen is laid out
                     // whole (256 rows of the 1M benchmark are ~21,000)
const CHARS_PER_ROW = 90; // for a chunk's estimated height before it is first laid out
const EAGER_ROWS = 200;   // rows of a big document built at once (several screens); the rest when idle
// A text without line breaks (a whole book, a transcript, text pulled from
// HTML) would be one paragraph that the browser lays out and repaints whole:
// a 1M-character line took 3.4 s to open and 30-90 ms per new span. Lines
// longer than LONG_LINE are shown as blocks of about BLOCK code units, cut
// after a space, so they lay out, skip and repaint like paragraphs. The cut
// only ends a row early: offsets, selection and copied text are the text's.
const LONG_LINE = 10000, BLOCK = 1000;

export class TextView {
  /** @param {HTMLElement} root the focusable article element */
  constructor(root) {
    this.root = root;
    this.text = "";
    this.starts = new Float64Array(0);
    this.ends = new Float64Array(0);
    this.heads = new Map();
    this.paras = [];
    this.nodes = [];
    this.early = false; // the lines are the preview's (preview.js): setText of the same text keeps them
    this.chunks = null;
    /** Called with a chunk element when the browser starts or stops rendering it (content-visibility: auto). */
    this.onChunkState = null;
    root.addEventListener("contentvisibilityautostatechange", e => {
      if (e.target.smChunk === undefined) return;
      e.target.smSkipped = e.skipped;
      // scrolled to before it was filled when idle (a chunk of this text, not a stale one)
      if (!e.skipped && this.chunks && this.chunks[e.target.smChunk] === e.target) this.fill(e.target);
      if (this.onChunkState) this.onChunkState(e.target);
    }, true); // capture: the event does not bubble
  }

  get length() { return this.text.length; }

  setText(text) {
    // the text the preview showed (preview.js), now opened by the core: its
    // lines are built and laid out already (no second layout of the article)
    const early = this.early;
    this.early = false;
    if (early && text === this.text && text.length <= BIG) return;
    this.text = text;
    this.gen = (this.gen || 0) + 1; // cancels the idle filling of an earlier text
    const st = [], en = [];
    this.heads = new Map(); // a long line's later blocks → its first block
    for (let pos = 0; ;) {
      const nl = text.indexOf("\n", pos), end = nl < 0 ? text.length : nl;
      if (end - pos > LONG_LINE) {
        const head = st.length;
        splitLine(text, pos, end, st, en);
        for (let i = head + 1; i < st.length; i++) this.heads.set(i, head);
      } else { st.push(pos); en.push(end); }
      if (nl < 0) break;
      pos = nl + 1;
    }
    const n = st.length;
    const starts = this.starts = Float64Array.from(st);
    this.ends = Float64Array.from(en);
    this.paras = new Array(n);
    this.nodes = new Array(n);
    this.chunks = null;
    if (text.length <= BIG) {
      const frag = document.createDocumentFragment();
      for (let i = 0; i < n; i++) frag.append(this.makeLine(i));
      this.root.classList.remove("big");
      this.root.replaceChildren(frag);
      return;
    }
    // group lines into chunks: the browser skips style and layout of whole
    // off-screen chunks, so a 1M-character article lays out fast. Only the
    // first chunks get their lines now; the others are filled when idle (or
    // at once when something needs one of their lines), which keeps the
    // start-up to the text that is on screen.
    const chunks = [];
    const out = document.createDocumentFragment();
    let eager = 0; // estimated rows filled now: a few screens from the top
    const chunkOf = this.chunkOf = new Uint32Array(n);
    for (let i = 0; i < n;) {
      const c = document.createElement("div");
      c.className = "chunk";
      c.smChunk = chunks.length;
      c.smFirst = i;
      c.smFilled = false;
      c.smSkipped = undefined; // not known until the browser says
      let rows = 0;
      const limit = starts[i] + CHUNK_CHARS;
      do {
        const len = this.lineEnd(i) - starts[i];
        rows += len ? Math.ceil(len / CHARS_PER_ROW) : 0.33; // a blank line is .7em of a 2.15em line
        chunkOf[i++] = c.smChunk;
      } while (i < n && rows < CHUNK_ROWS && this.lineEnd(i) <= limit);
      c.smEnd = i;
      // an estimate close to the real height keeps the scrollbar and scroll anchoring calm
      c.style.containIntrinsicSize = `auto ${Math.ceil(rows)}lh`;
      chunks.push(c);
      if (eager < EAGER_ROWS) { this.fill(c); eager += rows; }
      out.append(c);
    }
    this.chunks = chunks;
    this.root.classList.add("big");
    this.root.replaceChildren(out);
    this.fillWhenIdle(this.gen);
  }

  /** The element of line i (one div; its text node is nodes[i], null for an empty line). */
  makeLine(i) {
    const text = this.text, pos = this.starts[i], nl = this.lineEnd(i);
    const el = document.createElement("div");
    el.smIndex = i;
    const head = this.heads.get(i);
    if (head === undefined) {
      el.className = "p";
      el.dir = "auto";
    } else {
      // a later block of a long line keeps its line's direction (which the
      // browser found from the line's start), not one of its own
      el.className = "p cont";
      el.dir = this.para(head).matches(":dir(rtl)") ? "rtl" : "ltr";
    }
    // a "\r" before the "\n" (CRLF files) is kept in the text but not shown
    const endShown = nl > pos && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    if (endShown > pos) {
      const t = document.createTextNode(text.slice(pos, endShown));
      el.append(t);
      this.nodes[i] = t;
    } else {
      el.className = "p blank";
      this.nodes[i] = null;
    }
    this.paras[i] = el;
    return el;
  }

  /** Give a chunk its lines (once). */
  fill(c) {
    if (c.smFilled) return;
    c.smFilled = true;
    const els = [];
    for (let i = c.smFirst; i < c.smEnd; i++) els.push(this.makeLine(i));
    c.append(...els);
  }

  /** Fill the remaining chunks, top down, in idle time once the first frames
   * are painted (new lines would make a frame redo style and highlights). */
  fillWhenIdle(gen) {
    let next = 0;
    const step = deadline => {
      if (gen !== this.gen) return;
      const chunks = this.chunks;
      while (next < chunks.length && deadline.timeRemaining() > 1) this.fill(chunks[next++]);
      if (next < chunks.length) idle(step);
    };
    requestAnimationFrame(() => requestAnimationFrame(() => idle(step)));
  }

  /** The element of line i (filling its chunk if need be). */
  para(i) {
    if (this.paras[i] === undefined && this.chunks && i >= 0 && i < this.paras.length) this.fill(this.chunks[this.chunkOf[i]]);
    return this.paras[i];
  }

  /** The text node of line i, null for an empty line (filling its chunk if need be). */
  node(i) {
    if (this.nodes[i] === undefined) this.para(i);
    return this.nodes[i];
  }

  /** Whether line i is being rendered (not in a chunk the browser skips). */
  rendered(i) {
    if (!this.chunks) return true;
    const c = this.chunks[this.chunkOf[i]];
    return !!c && c.smSkipped === false;
  }

  /** The end of line i's text (before its "\n", if any). */
  lineEnd(i) { return this.ends[i]; }

  /** Index of the line containing offset off (binary search). */
  lineAt(off) {
    const s = this.starts;
    let lo = 0, hi = s.length - 1;
    if (hi < 0) return -1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (s[mid] <= off) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  /** Document offset → DOM point [node, offset]. */
  point(off) {
    const i = this.lineAt(off);
    if (i < 0) return [this.root, 0];
    const t = this.node(i);
    if (!t) return [this.paras[i], 0];
    const k = Math.min(Math.max(off - this.starts[i], 0), t.length);
    return [t, k];
  }

  /** DOM point → document offset, or -1 when the point is not in the article text. */
  offsetOf(node, k) {
    if (!node) return -1;
    if (node === this.root) {
      if (this.chunks) return k < this.chunks.length ? this.starts[this.chunks[k].smFirst] : this.text.length;
      return k < this.paras.length ? this.starts[k] : this.text.length;
    }
    if (node.smChunk !== undefined) {
      if (!node.smFilled) return this.starts[node.smFirst]; // no lines yet: k is 0
      const i = node.smFirst + k;
      return i < this.paras.length && k < node.childNodes.length ? this.starts[i] : this.lineEnd(node.smFirst + node.childNodes.length - 1);
    }
    let el = node.nodeType === 3 ? node.parentNode : node;
    while (el && el !== this.root && el.smIndex === undefined) el = el.parentNode;
    if (!el || el === this.root) return -1;
    const i = el.smIndex;
    if (this.paras[i] !== el) return -1; // a stale node from an earlier document
    if (node.nodeType === 3) return this.starts[i] + Math.min(k, node.length);
    if (node === el) return k === 0 ? this.starts[i] : this.lineEnd(i);
    return this.starts[i];
  }

  /** A StaticRange over [start, end): cheap, for CSS highlights. */
  staticRange(start, end) {
    const [sc, so] = this.point(start);
    const [ec, eo] = this.point(end);
    return new StaticRange({ startContainer: sc, startOffset: so, endContainer: ec, endOffset: eo });
  }

  /** A live Range over [start, end): for geometry and the selection. */
  range(start, end) {
    const r = document.createRange();
    const [sc, so] = this.point(start);
    const [ec, eo] = this.point(end);
    r.setStart(sc, so);
    r.setEnd(ec, eo);
    return r;
  }

  /** The current DOM selection as [start, end] offsets, or null when it is not in the article. */
  selection() {
    const sel = document.getSelection();
    if (!sel || sel.rangeCount === 0) return null;
    const r = sel.getRangeAt(0);
    const s = this.offsetOf(r.startContainer, r.startOffset);
    const e = this.offsetOf(r.endContainer, r.endOffset);
    if (s < 0 || e < 0) return null;
    return [Math.min(s, e), Math.max(s, e)];
  }

  /** Offset under a viewport point (caret hit-testing), or -1. */
  offsetAtPoint(x, y) {
    let node = null, k = 0;
    if (document.caretPositionFromPoint) {
      const p = document.caretPositionFromPoint(x, y);
      if (p) { node = p.offsetNode; k = p.offset; }
    } else if (document.caretRangeFromPoint) {
      const r = document.caretRangeFromPoint(x, y);
      if (r) { node = r.startContainer; k = r.startOffset; }
    }
    return this.offsetOf(node, k);
  }

  /** Lines whose boxes intersect the viewport of scroller: [first, last] (binary search on geometry). */
  visibleLines(scroller) {
    const n = this.paras.length;
    if (n === 0) return [0, -1];
    const box = scroller.getBoundingClientRect();
    const top = box.top, bottom = box.bottom;
    let lo = 0, hi = n - 1;
    if (this.chunks) {
      // chunks first (off-screen ones are placeholders), then lines in the visible chunks
      const [a, b] = searchBoxes(this.chunks, top, bottom);
      lo = this.chunks[a].smFirst;
      hi = this.chunks[b].smEnd - 1;
      for (let c = a; c <= b; c++) this.fill(this.chunks[c]);
      const [x, y] = searchBoxes(this.paras, top, bottom, lo, hi);
      return [x, y];
    }
    while (lo < hi) { // first line with bottom > top
      const mid = (lo + hi) >> 1;
      if (this.paras[mid].getBoundingClientRect().bottom > top) hi = mid; else lo = mid + 1;
    }
    const first = lo;
    hi = n - 1;
    while (lo < hi) { // last line with top < bottom
      const mid = (lo + hi + 1) >> 1;
      if (this.paras[mid].getBoundingClientRect().top < bottom) lo = mid; else hi = mid - 1;
    }
    return [first, Math.max(first, lo)];
  }

  /** The visible lines [first, last] and text [start, end) in offsets. A
   * line is a paragraph, often of many rows of which only a few show at the
   * top or bottom of the screen: the part of the first and last lines that
   * shows is estimated from the share of their box on screen (rows hold
   * about as many characters each), to within a row or so. */
  visible(scroller) {
    const [first, last] = this.visibleLines(scroller);
    if (last < first) return { first, last, start: 0, end: 0 };
    const box = scroller.getBoundingClientRect();
    let start = this.starts[first], end = this.lineEnd(last);
    const fr = this.paras[first].getBoundingClientRect();
    if (fr.top < box.top && fr.height > 0) start += Math.floor((this.lineEnd(first) - start) * (box.top - fr.top) / fr.height);
    const lr = this.paras[last].getBoundingClientRect();
    if (lr.bottom > box.bottom && lr.height > 0) end = this.starts[last] + Math.ceil((end - this.starts[last]) * (box.bottom - lr.top) / lr.height);
    return { first, last, start, end: Math.max(start, end) };
  }

  /** Visible text [start, end) in offsets (see visible). */
  visibleRange(scroller) {
    const v = this.visible(scroller);
    return [v.start, v.end];
  }
}

/** [first, last] indexes of els[lo..hi] whose boxes intersect [top, bottom) (binary search). */
function searchBoxes(els, top, bottom, lo = 0, hi = els.length - 1) {
  const end = hi;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (els[mid].getBoundingClientRect().bottom > top) hi = mid; else lo = mid + 1;
  }
  const first = lo;
  hi = end;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (els[mid].getBoundingClientRect().top < bottom) lo = mid; else hi = mid - 1;
  }
  return [first, Math.max(first, lo)];
}

/** Push the blocks of the line text[a, b) onto starts and ends: about BLOCK
 * code units each, cut after a space (or CJK punctuation), best one that
 * ends a sentence, between BLOCK/2 and BLOCK, else at the first such place
 * after BLOCK; never before a character that joins the one before it (a
 * combining mark, ZWJ, an emoji modifier): a block boundary must not split
 * what the browser draws as one. A stretch with no such place in 4 × BLOCK
 * stays whole. Where the rows break is the browser's and this choice's
 * only: no offset depends on it. */
function splitLine(text, a, b, starts, ends) {
  let s = a;
  while (b - s > BLOCK * 1.5) { // no tiny last block
    let cut = -1, any = -1;
    for (let k = s + BLOCK; k > s + BLOCK / 2 && cut < 0; k--) {
      if (!breakable(text, k)) continue;
      if (any < 0) any = k;
      if (STOP.has(text.charCodeAt(k - 1)) || STOP.has(text.charCodeAt(k - 2))) cut = k;
    }
    if (cut < 0) cut = any;
    for (let k = s + BLOCK + 1; k < Math.min(b, s + 4 * BLOCK) && cut < 0; k++) if (breakable(text, k)) cut = k;
    if (cut < 0) break;
    starts.push(s); ends.push(cut);
    s = cut;
  }
  starts.push(s); ends.push(b);
}

// after these a block may end (space, tab, ideographic space, CJK commas and stops)
const AFTER = new Set([0x20, 0x09, 0x3000, 0x3001, 0x3002, 0xff01, 0xff0c, 0xff1a, 0xff1b, 0xff1f]);
// sentence ends: a block ending after one of these (and a space) ends with its sentence
const STOP = new Set([0x2e, 0x21, 0x3f, 0x3002, 0xff01, 0xff1f]);
const JOINS = /^[\p{M}\u200c\u200d\u{1f3fb}-\u{1f3ff}\u{e0020}-\u{e007f}]/u;

function breakable(text, k) {
  return AFTER.has(text.charCodeAt(k - 1)) && !JOINS.test(text.slice(k, k + 2));
}
