// linkpop.js — the claimant / cue chooser (C, U on a claim): a numbered list
// of the core's candidates (linkCandidates: nearest first, from the whole
// document) shown in the article right under the claim, where the eye is,
// not at the foot of the side panel, which a long claim's panel pushes
// below the fold. It lives in the article's overlay, so it scrolls with
// the text; keys 1–9 pick, a click on a span in the article picks, Esc
// cancels (app.js).

// Loaded on the first C or U (app.js showLinkPicker: lazyModule), off the
// page's first download; it imports nothing: app.js hands it what it uses.
let h, clear, ellipsize, chip;

/** The chooser, bound. d: {h, clear, ellipsize, chip} from app.js and panels.js. */
export function makeLinkPicker(app, wrap, overlay, d) {
  ({ h, clear, ellipsize, chip } = d);
  return new LinkPicker(app, wrap, overlay);
}

class LinkPicker {
  /** @param app the App (its view, scroller, painter and finishLink) */
  constructor(app, wrap, overlay) {
    this.app = app;
    this.wrap = wrap;
    this.overlay = overlay;
    this.el = null;
    this.onResize = () => this.place();
  }

  /** Show the chooser for app.link under the span it starts from. */
  show(from) {
    const app = this.app, l = app.link;
    this.from = from;
    if (!this.el) {
      this.el = h("div.linkpop", { id: "link-pop", role: "dialog", "aria-label": "Choose a span to link" });
      this.el.addEventListener("mousedown", e => e.preventDefault()); // keep the article's state
      this.overlay.append(this.el);
    }
    const el = clear(this.el);
    el.hidden = false;
    el.setAttribute("aria-label", `Choose the ${l.type}`);
    const n = l.candidates.length;
    el.append(h("p.linkpop-head", null,
      h("strong", { text: `Link ${l.type}` }),
      n ? ` — the ${n === 1 ? "only" : n + " nearest"} ${l.allowed.join(" / ")} span${n === 1 ? "" : "s"} in this document` : ""));
    if (!n) {
      el.append(h("p.hint", { text: `No ${l.allowed.join(" / ")} span in this document yet: label one, then click it. Esc cancels.` }));
    } else {
      const list = h("ol.cand-list");
      l.candidates.forEach((s, i) => {
        list.append(h("li", null, h("button.spanref.cand", {
          type: "button",
          "aria-label": `Link ${l.type}: ${s.label} ${ellipsize(s.text.join(" "), 60)}` + (i < 9 ? ` (key ${i + 1})` : ""),
          "aria-keyshortcuts": i < 9 ? String(i + 1) : undefined,
          on: { click: () => app.finishLink(s) },
        }, i < 9 ? h("kbd", { text: String(i + 1) }) : null, chip(app, s.label), h("span.t", { dir: "auto", text: ellipsize(s.text.join(" … "), 60) }))));
      });
      el.append(list, h("p.hint.small", { text: "Or click one in the text. Esc cancels." }));
    }
    this.place();
    window.addEventListener("resize", this.onResize);
    // in view: under the claim, within the article's scroll box
    const sb = app.scroller.getBoundingClientRect(), r = el.getBoundingClientRect();
    if (r.bottom > sb.bottom - 8) app.scroller.scrollTop += Math.min(r.bottom - sb.bottom + 8, r.top - sb.top - 8);
    else if (r.top < sb.top) app.scroller.scrollTop -= sb.top - r.top + 8;
  }

  /** Under the last line of the span (left-aligned with its end, kept inside the article). */
  place() {
    const el = this.el, s = this.from;
    if (!el || el.hidden || !s) return;
    const f = s.frags;
    const rects = this.app.view.range(f[f.length - 2], f[f.length - 1]).getClientRects();
    const last = rects[rects.length - 1];
    const o = this.wrap.getBoundingClientRect();
    const w = el.offsetWidth, maxX = this.wrap.clientWidth - w - 4;
    const x = last ? Math.max(0, Math.min(Math.round(last.left - o.left), maxX)) : 0;
    const y = last ? Math.round(last.bottom - o.top + 6) : 0;
    el.style.transform = `translate(${x}px, ${y}px)`;
  }

  hide() {
    if (!this.el) return;
    this.el.hidden = true;
    clear(this.el);
    this.from = null;
    window.removeEventListener("resize", this.onResize);
  }

  /** The first candidate's button, for keyboard focus. */
  first() { return this.el && !this.el.hidden ? this.el.querySelector(".cand") : null; }
}
