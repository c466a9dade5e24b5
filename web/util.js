// util.js — small DOM helpers. Everything user-provided goes through
// textContent; nothing here ever parses HTML.

/** h("button.btn", {type: "button", "aria-label": "x"}, "text", child, ...) */
export function h(tag, attrs, ...children) {
  let cls = "";
  const dot = tag.indexOf(".");
  if (dot >= 0) { cls = tag.slice(dot + 1).replace(/\./g, " "); tag = tag.slice(0, dot); }
  const e = document.createElement(tag || "div");
  if (cls) e.className = cls;
  if (attrs) {
    for (const k in attrs) {
      const v = attrs[k];
      if (v === undefined || v === null || v === false) continue;
      if (k === "on") { for (const ev in v) e.addEventListener(ev, v[ev]); continue; }
      if (k === "text") { e.textContent = v; continue; }
      if (k === "style") throw new Error("h: inline style attributes are blocked by the CSP; set element.style from JS");
      if (k in e && typeof v !== "string") { e[k] = v; continue; }
      e.setAttribute(k, v === true ? "" : String(v));
    }
  }
  for (const c of children) {
    if (c === undefined || c === null || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

export function clear(e) { e.replaceChildren(); return e; }

let toastBox = null;
/** A readable message in the aria-live toast region; errors stay longer. */
export function toast(msg, kind = "info", ms) {
  toastBox ??= document.getElementById("toasts");
  const t = h("div.toast." + kind, null, h("span.msg", { text: msg }),
    h("button.x", { type: "button", "aria-label": "Dismiss message", text: "×", on: { click: () => t.remove() } }));
  toastBox.append(t);
  while (toastBox.childElementCount > 4) toastBox.firstElementChild.remove();
  setTimeout(() => t.remove(), ms ?? (kind === "error" ? 9000 : 3500));
  if (kind === "error") console.warn("spanmark:", msg); // visible in devtools; not console.error (tests treat those as bugs)
  return t;
}

let afterQueue = null;

/** Run fn once the next frame is done (a task queued from its
 * animation-frame callback): for work that must not delay the frame that
 * shows an edit, such as the side panel or counts shown elsewhere. */
export function afterPaint(fn) {
  // one animation-frame callback and one task for all of a frame's
  // callers (a new span has three), not one each in the frame they wait for
  if (afterQueue) { afterQueue.push(fn); return; }
  const q = afterQueue = [fn];
  requestAnimationFrame(() => {
    afterQueue = null; // a call from now on waits for the frame after this one
    setTimeout(() => {
      for (const f of q) {
        try { f(); } catch (e) { setTimeout(() => { throw e; }); } // reported as uncaught; the others still run
      }
    }, 0);
  });
}

let statusEl = null, statusGen = 0;
export function status(msg) {
  statusGen++;
  statusEl ??= document.getElementById("status");
  statusEl.textContent = msg;
}

/** status(msg) once the next frame is painted, unless another message came first. */
export function statusAfterPaint(msg) {
  const gen = ++statusGen;
  afterPaint(() => { if (gen === statusGen) status(msg); });
}

/** Describe a bridge error: "message (code)". */
export function describeError(err) {
  if (!err) return "unknown error";
  const code = err.code ? ` [${err.code}]` : "";
  // A call that checks many things (loading a file) lists every problem in
  // its message, one a line: show the first few, and count the rest.
  const lines = (err.message || String(err)).split("\n");
  if (lines.length <= SHOWN_PROBLEMS + 2) return lines.join("\n") + code;
  return lines.slice(0, SHOWN_PROBLEMS + 1).join("\n") + `\n  … and ${lines.length - 1 - SHOWN_PROBLEMS} more` + code;
}

const SHOWN_PROBLEMS = 5;

/** toast(prefix + describeError(err)) and, when the error lists more
 * problems than that shows, a button that saves them all as a text file
 * (a file with thousands is not read in a toast). */
export function errorToast(err, prefix = "", ms) {
  const n = Array.isArray(err?.problems) ? err.problems.length : 0;
  const t = toast(prefix + describeError(err), "error", ms ?? (n > SHOWN_PROBLEMS ? 60000 : undefined));
  if (n > SHOWN_PROBLEMS) {
    t.querySelector(".msg").append(h("button.more", {
      type: "button", text: `Save all ${n} problems`,
      on: { click: () => download("problems.txt", prefix + err.message + "\n", "text/plain") },
    }));
  }
  return t;
}

/** "#rrggbb" → [r, g, b] */
export function rgb(hex) {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex || "");
  return m ? [parseInt(m[1], 16), parseInt(m[2], 16), parseInt(m[3], 16)] : [160, 160, 160];
}

function lum([r, g, b]) {
  const f = c => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
  return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
}
export function contrast(a, b) {
  const la = lum(a), lb = lum(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}
/** Darken a colour until it has at least `min` contrast on white (for underlines, chip borders). */
export function ink(hex, min = 3) {
  let c = rgb(hex);
  for (let i = 0; i < 40 && contrast(c, [255, 255, 255]) < min; i++) c = c.map(x => Math.round(x * 0.9));
  return `rgb(${c[0]} ${c[1]} ${c[2]})`;
}

export function isTyping(t) {
  if (!t || !(t instanceof Element)) return false;
  const tag = t.tagName;
  if (tag === "TEXTAREA") return true;
  if (tag === "SELECT") return true;
  if (tag === "INPUT") return !/^(checkbox|radio|button|submit|reset|file|range|color)$/i.test(t.type);
  return t.isContentEditable;
}

export function download(name, text, type = "application/json") {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h("a", { href: url, download: name });
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

export function plural(n, one, many = one + "s") { return `${n} ${n === 1 ? one : many}`; }

/** Shorten long text for lists, on grapheme-safe boundaries (no lone surrogates). */
export function ellipsize(s, n = 80) {
  if (s.length <= n) return s;
  let cut = n;
  const c = s.charCodeAt(cut - 1);
  if (c >= 0xd800 && c <= 0xdbff) cut--;
  return s.slice(0, cut) + "…";
}

/** requestIdleCallback (cb gets a deadline; timeout in ms), or where it is
 * missing (Safari) a stand-in giving ~8 ms slices. Returns a handle for
 * cancelIdle. */
export const idle = typeof requestIdleCallback === "function"
  ? (cb, timeout = 1000) => requestIdleCallback(cb, { timeout })
  : cb => setTimeout(() => { const t = performance.now(); cb({ didTimeout: false, timeRemaining: () => Math.max(0, 8 - (performance.now() - t)) }); }, 1);

/** Cancels an idle() callback. */
export const cancelIdle = typeof cancelIdleCallback === "function" ? cancelIdleCallback : clearTimeout;
