// find.js — Find in the article (Ctrl+F): a search box over the article
// that counts the matches ("3 of 17"), highlights them, goes through them
// with Enter / Shift+Enter, leaves the current one as the text selection (a
// label key then labels it) and hands the query to Label all.
//
// The matching is the core's (spanmark.findMatches: Document.Matches'
// literal path, the one label-all takes for a plain text), computed once
// per query after typing pauses; its offsets are the bridge's UTF-16 ones.
// Nothing is built before the first Ctrl+F or click on Find: no element,
// no highlight, no listener (the page's start-up does not wait for it).
// Only the matches on and near the screen have Ranges in the highlight
// (a one-letter query on a 1M-character document has ~100,000 matches;
// every registered Range costs paint time in each frame that changes a
// highlight, see app.js updateWindow).

//
// This module is not part of the page's bundle: app.js loads it (lazyModule)
// on the first Ctrl+F or click on Find. It imports nothing (a module loaded
// on its own would get its own bridge.js, without the running core): app.js
// hands it what it needs (makeFind's d).

let h, plural, num, describeError, tryCall;

/** The Find box of the page. d: {h, plural, num, describeError, tryCall} from app.js. */
export function makeFind(app, d) {
  ({ h, plural, num, describeError, tryCall } = d);
  return new Find(app);
}

// The page's own highlight names ("sm--…": no label's name can be one, paint.js).
const HL = "sm--find", CUR = "sm--find-cur";
/** Typing pauses this long before a search runs (a 1M-character document takes a few ms a search). */
const DEBOUNCE_MS = 150;
/** At most this many matches have Ranges in the highlight at once. */
const MAX_PAINTED = 2000;

class Find {
  /** @param {object} app the page (app.js) */
  constructor(app) {
    this.app = app;
    this.bar = null;          // built on first open()
    this.matches = new Int32Array(0); // flat UTF-16 [s0, e0, s1, e1, ...]
    this.query = "";          // the query (and options) the matches are for
    this.key = "";
    this.docId = null;
    this.cur = -1;            // index of the current match
    this.painted = [0, 0];    // the range of match indexes with Ranges
    this.win = [0, -1];       // the text [start, end) they were painted for
    this.timer = 0;
    this.frame = 0;
    this.lastMs = 0;          // the last search's duration (tests, the status line)
  }

  get isOpen() { return !!this.bar && !this.bar.hidden; }

  build() {
    const input = h("input.find-input", {
      id: "find-input",
      type: "search", placeholder: "Find in the article", autocomplete: "off", spellcheck: "false",
      "aria-label": "Find in the article", "aria-describedby": "find-count",
      on: { input: () => this.schedule(), keydown: e => this.onKey(e) },
    });
    const check = (id, text, title) => h("label.find-opt", { title }, h("input", { id, type: "checkbox", on: { change: () => this.run(true) } }), text);
    this.count = h("span.find-count", { id: "find-count", "aria-live": "polite" });
    this.bar = h("div.findbar", { id: "findbar", role: "search", "aria-label": "Find in the article" },
      input,
      this.count,
      h("button.btn.small.icon", { id: "find-prev", type: "button", title: "Previous match (Shift+Enter)", "aria-label": "Previous match", text: "↑", on: { click: () => this.go(-1) } }),
      h("button.btn.small.icon", { id: "find-next", type: "button", title: "Next match (Enter)", "aria-label": "Next match", text: "↓", on: { click: () => this.go(1) } }),
      check("find-case", "Aa", "Match case"),
      check("find-word", "Word", "Whole words only"),
      h("button.btn.small", { id: "find-labelall", type: "button", title: "Label all these matches (opens Label all with this text)", text: "Label all…", on: { click: () => this.labelAll() } }),
      h("button.btn.small.icon", { id: "find-close", type: "button", title: "Close (Esc)", "aria-label": "Close find", text: "×", on: { click: () => this.close() } }),
    );
    // Keep the text selection (the current match) when a button is pressed.
    for (const b of this.bar.querySelectorAll("button")) b.addEventListener("mousedown", e => e.preventDefault());
    this.input = input;
    // sticky, in the flow: it covers neither the title nor the text
    this.wrap = h("div.findwrap", null, this.bar);
    this.app.scroller.prepend(this.wrap);
    this.hl = new Highlight();
    this.hl.priority = 50; // over the labels' tints, under the selected span and the flash
    this.curHL = new Highlight();
    this.curHL.priority = 51;
    this.app.scroller.addEventListener("scroll", () => {
      if (!this.isOpen || this.frame) return;
      this.frame = requestAnimationFrame(() => { this.frame = 0; this.paint(false); });
    }, { passive: true });
  }

  /** Ctrl+F: open (or focus) the box, with the selected text as the query when there is one. */
  open() {
    if (!this.app.docId) return;
    if (!this.bar) this.build();
    const r = this.isOpen ? null : this.app.view.selection(); // open: Ctrl+F only focuses the box
    if (r && r[1] > r[0] && r[1] - r[0] <= 200) {
      const t = this.app.view.text.slice(r[0], r[1]);
      if (!t.includes("\n") && t.trim()) this.input.value = t.trim();
    }
    this.wrap.hidden = false;
    this.bar.hidden = false;
    CSS.highlights.set(HL, this.hl);
    CSS.highlights.set(CUR, this.curHL);
    this.input.focus();
    this.input.select();
    if (!this.run(false)) this.paint(); // the same query: its matches again (close() cleared them)
  }

  /** Esc: close; the current match stays selected (a label key labels it) and the article has the focus. */
  close() {
    if (!this.isOpen) return;
    clearTimeout(this.timer);
    this.bar.hidden = true;
    this.wrap.hidden = true;
    this.hl.clear();
    this.curHL.clear();
    CSS.highlights.delete(HL);
    CSS.highlights.delete(CUR);
    this.app.article.focus({ preventScroll: true });
    if (this.cur >= 0) this.select();
  }

  /** Another document opened: its matches, if the box is open. */
  docChanged() {
    if (!this.isOpen) return;
    this.cur = -1;
    this.run(true);
  }

  options() {
    return {
      pattern: this.input.value,
      case_sensitive: document.getElementById("find-case").checked,
      whole_word: document.getElementById("find-word").checked,
    };
  }

  schedule() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.run(false, true), DEBOUNCE_MS);
  }

  /** Search, unless the query and the document are those of the matches
   * held (force: search again). typed: from typing, where one character
   * waits for Enter (on a 1M-character document a letter has ~100,000
   * matches: tens of ms, hundreds on a busy machine, for a query that is
   * usually the start of a longer one). Returns whether it searched. */
  run(force, typed = false) {
    clearTimeout(this.timer);
    this.timer = 0;
    const o = this.options();
    const key = JSON.stringify(o);
    if (!force && key === this.key && this.docId === this.app.docId) return false;
    if (typed && [...o.pattern].length === 1) {
      this.matches = new Int32Array(0);
      this.key = "";
      this.cur = -1;
      this.query = o.pattern;
      this.count.classList.remove("err");
      this.count.textContent = "Enter to search";
      this.paint();
      return false;
    }
    this.key = key;
    this.docId = this.app.docId;
    this.query = o.pattern;
    this.cur = -1;
    this.count.classList.remove("err");
    if (!o.pattern) {
      this.matches = new Int32Array(0);
      this.count.textContent = "";
      this.paint();
      return true;
    }
    const t0 = performance.now();
    const r = tryCall("findMatches", this.docId, o);
    this.lastMs = performance.now() - t0;
    performance.measure("sm-find", { start: t0, end: performance.now() });
    if (r.error) {
      this.matches = new Int32Array(0);
      this.count.textContent = describeError(r.error);
      this.count.classList.add("err");
      this.paint();
      return true;
    }
    this.matches = r.value;
    const n = this.matches.length >> 1;
    if (!n) {
      this.count.textContent = "No matches";
      this.count.classList.add("err");
      this.paint();
      return true;
    }
    // the first match from the top of the screen on, as browsers do
    const [top] = this.app.view.visibleRange(this.app.scroller);
    const i = this.firstFrom(top);
    this.cur = i < n ? i : 0;
    this.show();
    return true;
  }

  /** The index of the first match starting at or after off (binary search). */
  firstFrom(off) {
    const m = this.matches;
    let lo = 0, hi = m.length >> 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (m[2 * mid] < off) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  /** Enter / Shift+Enter, the arrows: the next or previous match, round the end. */
  go(dir) {
    if (this.run(false)) return; // typed, not yet searched: the search shows its first match
    const n = this.matches.length >> 1;
    if (!n) return;
    this.cur = this.cur < 0 ? 0 : (this.cur + dir + n) % n;
    this.show();
  }

  /** Scroll the current match into view, count it, select it, and paint. */
  show() {
    const n = this.matches.length >> 1;
    this.count.textContent = `${num(this.cur + 1)} of ${plural(n, "match", "matches")}`;
    const s = this.matches[2 * this.cur], e = this.matches[2 * this.cur + 1];
    this.scrollTo(s, e);
    this.select();
    this.paint();
  }

  /** The current match as the document's text selection (the box keeps the focus). */
  select() {
    const s = this.matches[2 * this.cur], e = this.matches[2 * this.cur + 1];
    if (s === undefined) return;
    const sel = document.getSelection();
    sel.removeAllRanges();
    sel.addRange(this.app.view.range(s, e));
    if (this.app.painter.selected) this.app.selectSpan(null);
  }

  scrollTo(s, e) {
    const app = this.app, sc = app.scroller;
    const para = app.view.para(app.view.lineAt(s));
    if (!para) return;
    const sb = sc.getBoundingClientRect();
    const pr = para.getBoundingClientRect();
    if (pr.bottom < sb.top || pr.top > sb.bottom) para.scrollIntoView({ block: "center" });
    const rect = app.view.range(s, e).getBoundingClientRect();
    // clear of the bar at the top, and of the bottom edge
    if (rect.top < sb.top + this.wrap.offsetHeight + 24 || rect.bottom > sb.bottom - 40) sc.scrollTop += rect.top - sb.top - sb.height / 3;
    app.updateWindow(false);
  }

  /** Ranges for the matches on and near the screen (a screen's worth
   * either side); while scrolling (force false), only once the screen
   * leaves the text painted for. */
  paint(force = true) {
    const n = this.matches.length >> 1;
    const view = this.app.view;
    const [vs, ve] = n && this.isOpen ? view.visibleRange(this.app.scroller) : [0, 0];
    if (!force && vs >= this.win[0] && ve <= this.win[1]) return;
    this.hl.clear();
    this.curHL.clear();
    if (!n || !this.isOpen) { this.painted = [0, 0]; this.win = [0, -1]; return; }
    const margin = Math.max(ve - vs, 2000);
    this.win = [vs - margin, ve + margin];
    let a = this.firstFrom(vs - margin);
    const b = Math.min(n, this.firstFrom(ve + margin), a + MAX_PAINTED);
    // a match that starts before the window and runs into it
    if (a > 0 && this.matches[2 * a - 1] > vs - margin) a--;
    // capped: the window ends where the painted matches do
    if (b < n && b - a >= MAX_PAINTED) this.win[1] = Math.min(this.win[1], this.matches[2 * (b - 1)]);
    for (let i = a; i < b; i++) {
      const r = view.staticRange(this.matches[2 * i], this.matches[2 * i + 1]);
      (i === this.cur ? this.curHL : this.hl).add(r);
    }
    if (this.cur >= 0 && (this.cur < a || this.cur >= b)) this.curHL.add(view.staticRange(this.matches[2 * this.cur], this.matches[2 * this.cur + 1]));
    this.painted = [a, b];
  }

  onKey(e) {
    if (e.key === "Enter") {
      e.preventDefault();
      e.stopPropagation();
      this.go(e.shiftKey ? -1 : 1);
    } else if (e.key === "Escape") {
      e.preventDefault();
      e.stopPropagation();
      this.close();
    }
  }

  /** Label all with this query (the existing dialog, its options set from the box's). */
  labelAll() {
    if (this.timer) this.run(false);
    const o = this.options();
    const app = this.app;
    this.close();
    document.getSelection().removeAllRanges();
    app.openLabelAll();
    document.getElementById("la-pattern").value = o.pattern;
    document.getElementById("la-regex").checked = false;
    document.getElementById("la-case").checked = o.case_sensitive;
    document.getElementById("la-word").checked = o.whole_word;
    app.previewLabelAll();
  }
}
