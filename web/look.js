// look.js — the article's font size (A− / A+ in the toolbar), remembered
// in localStorage for this page, with the text at the top of the screen
// kept there across the change (a bigger font moves every line: without
// this the reader lost their place). The dark theme needs no code: it
// follows the system setting in style.css and paint.js.

import { status } from "./util.js";

const KEY = "spanmark.articleFontSize";
const SIZES = [13, 14, 15, 16, 17, 18, 20, 22, 24, 28, 32];

export class FontSize {
  /** @param {object} app the page (app.js) */
  constructor(app) { this.app = app; }

  bind() {
    let saved = null;
    try { saved = Number(localStorage.getItem(KEY)); } catch { /* storage off: the default size */ }
    if (SIZES.includes(saved)) this.app.article.style.fontSize = saved + "px";
    document.getElementById("btn-font-down").addEventListener("click", () => this.step(-1));
    document.getElementById("btn-font-up").addEventListener("click", () => this.step(1));
  }

  /** The article's font size in px, as the page shows it now. */
  current() { return parseFloat(getComputedStyle(this.app.article).fontSize); }

  step(dir) {
    const cur = this.current();
    const next = dir > 0 ? SIZES.find(s => s > cur + 0.1) : SIZES.findLast(s => s < cur - 0.1);
    if (!next) { status(dir > 0 ? "The article's font is at its largest" : "The article's font is at its smallest"); return; }
    this.set(next);
    status(`Article font size ${next} px`);
  }

  /** Set the size, keeping the character at the top of the screen where it was. */
  set(px) {
    const { view, scroller, article } = this.app;
    const sb = scroller.getBoundingClientRect(), ab = article.getBoundingClientRect();
    let off = view.offsetAtPoint(ab.left + 4, Math.max(sb.top, ab.top) + 4);
    if (off < 0) off = view.visibleRange(scroller)[0];
    const at = () => view.range(off, Math.min(off + 1, view.length)).getBoundingClientRect().top;
    const before = view.length ? at() : 0;
    article.style.fontSize = px + "px";
    try { localStorage.setItem(KEY, String(px)); } catch { /* not remembered: storage off */ }
    if (view.length && ab.top < sb.top) scroller.scrollTop += at() - before;
    this.app.updateWindow(true);
  }
}
