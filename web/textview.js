// textview.js — the article as plain text nodes, one block element per line,
// and the O(log n) mapping between DOM positions and document offsets
// (UTF-16 code units, exactly what DOM Ranges use).
//
// Line i starts at starts[i]; the "\n" that ends it is in no DOM node. A DOM
// point (text node, k) of line i is offset starts[i] + k.

const BIG = 150000; // above this many code units, skip layout of off-screen lines
const CHUNK = 16;    // lines per chunk in big documents (content-visibility: auto per chunk)
const CHARS_PER_ROW = 90; // for a chunk's estimated height before it is first laid out

export class TextView {
  /** @param {HTMLElement} root the focusable article element */
  constructor(root) {
    this.root = root;
    this.text = "";
    this.starts = new Float64Array(0);
    this.paras = [];
    this.nodes = [];
    this.chunks = null;
    /** Called with a chunk element when the browser starts or stops rendering it (content-visibility: auto). */
    this.onChunkState = null;
    root.addEventListener("contentvisibilityautostatechange", e => {
      if (e.target.smChunk === undefined) return;
      e.target.smSkipped = e.skipped;
      if (this.onChunkState) this.onChunkState(e.target);
    }, true); // capture: the event does not bubble
  }

  get length() { return this.text.length; }

  setText(text) {
    this.text = text;
    const n = countLines(text);
    const starts = new Float64Array(n);
    const paras = new Array(n), nodes = new Array(n);
    const frag = document.createDocumentFragment();
    let pos = 0;
    for (let i = 0; i < n; i++) {
      let nl = text.indexOf("\n", pos);
      if (nl < 0) nl = text.length;
      starts[i] = pos;
      const el = document.createElement("div");
      el.className = "p";
      el.dir = "auto";
      el.smIndex = i;
      // a "\r" before the "\n" (CRLF files) is kept in the text but not shown
      const endShown = nl > pos && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      if (endShown > pos) {
        const t = document.createTextNode(text.slice(pos, endShown));
        el.append(t);
        nodes[i] = t;
      } else {
        el.className = "p blank";
        nodes[i] = null;
      }
      paras[i] = el;
      frag.append(el);
      pos = nl + 1;
    }
    this.starts = starts;
    this.paras = paras;
    this.nodes = nodes;
    const big = text.length > BIG;
    this.chunks = null;
    if (big) {
      // group lines into chunks: the browser skips style and layout of
      // whole off-screen chunks, so a 1M-character article lays out fast
      const chunks = [];
      const out = document.createDocumentFragment();
      for (let i = 0; i < n; i += CHUNK) {
        const c = document.createElement("div");
        c.className = "chunk";
        c.smChunk = chunks.length;
        c.smFirst = i;
        c.smSkipped = undefined; // not known until the browser says
        let rows = 0;
        for (let j = i; j < Math.min(n, i + CHUNK); j++) {
          c.append(paras[j]);
          const len = (j + 1 < n ? starts[j + 1] - 1 : text.length) - starts[j];
          rows += len ? Math.ceil(len / CHARS_PER_ROW) : 0.33; // a blank line is .7em of a 2.15em line
        }
        // an estimate close to the real height keeps the scrollbar and scroll anchoring calm
        c.style.containIntrinsicSize = `auto ${Math.ceil(rows)}lh`;
        chunks.push(c);
        out.append(c);
      }
      this.chunks = chunks;
      this.root.classList.add("big");
      this.root.replaceChildren(out);
      return;
    }
    this.root.classList.remove("big");
    this.root.replaceChildren(frag);
  }

  /** Whether line i is being rendered (not in a chunk the browser skips). */
  rendered(i) {
    if (!this.chunks) return true;
    const c = this.chunks[Math.floor(i / CHUNK)];
    return !!c && c.smSkipped === false;
  }

  lineEnd(i) { return i + 1 < this.starts.length ? this.starts[i + 1] - 1 : this.text.length; }

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
    const t = this.nodes[i];
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
      hi = Math.min(n - 1, this.chunks[b].smFirst + CHUNK - 1);
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

  /** Visible text window [start, end) in offsets. */
  visibleRange(scroller) {
    const [a, b] = this.visibleLines(scroller);
    if (b < a) return [0, 0];
    return [this.starts[a], this.lineEnd(b)];
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

function countLines(text) {
  let n = 1, i = -1;
  while ((i = text.indexOf("\n", i + 1)) >= 0) n++;
  return n;
}
