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
/** At most this many toasts show at once: the oldest goes first. */
const MAX_TOASTS = 3;
/**
 * A readable message in the aria-live toast region; errors stay longer.
 * The status bar says the same at once (it never shows an older message
 * than the toasts). Toasts do not pile up: one with the same text replaces
 * it, a new notice (any kind but "error") replaces the previous notice, and
 * no more than MAX_TOASTS show.
 */
export function toast(msg, kind = "info", ms) {
  toastBox ??= document.getElementById("toasts");
  for (const o of [...toastBox.children]) {
    if (o.smText === msg || (kind !== "error" && !o.classList.contains("error"))) o.remove();
  }
  const t = h("div.toast." + kind, null, h("span.msg", { text: msg }),
    h("button.x", { type: "button", "aria-label": "Dismiss message", text: "×", on: { click: () => t.remove() } }));
  t.smText = msg;
  toastBox.append(t);
  while (toastBox.childElementCount > MAX_TOASTS) toastBox.firstElementChild.remove();
  setTimeout(() => t.remove(), ms ?? (kind === "error" ? 9000 : 3500));
  if (kind === "error") console.warn("spanmark:", msg); // visible in devtools; not console.error (tests treat those as bugs)
  status(msg, kind);
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

let statusEl = null, statusGen = 0, statusText = "";
/**
 * The status bar's message (kind "error" or "warn" colours it). It is one
 * line, cut with an ellipsis: a message longer than the bar (an export's
 * loss report) gets a "Show all" button that opens the whole text above
 * the bar, wrapped. Nothing in it can widen the page.
 */
export function status(msg, kind = "") {
  statusGen++;
  statusEl ??= document.getElementById("status");
  msg = String(msg ?? "");
  statusText = msg;
  const line = msg.split("\n").filter(l => !l.startsWith("Details: ")).join(" · ").replace(/\s+/g, " ");
  if (statusEl.textContent !== line) statusEl.textContent = line;
  const k = kind === "error" || kind === "warn" ? kind : "";
  if ((statusEl.dataset.kind || "") !== k) { if (k) statusEl.dataset.kind = k; else delete statusEl.dataset.kind; }
  const full = document.getElementById("status-full");
  if (full && !full.hidden) showFullStatus(false);
  // Whether it is cut is a layout read: after the frame, and only for a
  // message that can be longer than the bar. A short one never is.
  if (line.length > 48 || msg !== line) afterPaint(checkStatusOverflow);
  else setMore(false);
}

function setMore(show) {
  if (show) bindStatus();
  const b = document.getElementById("status-more");
  if (b && b.hidden === show) b.hidden = !show;
}

function checkStatusOverflow() {
  setMore(statusEl.scrollWidth > statusEl.clientWidth + 1);
}

let statusBound = false;
/** Wire the status bar's "Show all" (once; from the first message that needs it). */
function bindStatus() {
  if (statusBound) return;
  statusBound = true;
  document.getElementById("status-more").addEventListener("click", () => showFullStatus(document.getElementById("status-full").hidden));
  document.getElementById("status-full").addEventListener("keydown", e => {
    if (e.key === "Escape") { e.preventDefault(); e.stopPropagation(); showFullStatus(false); document.getElementById("status-more").focus(); }
  });
  addEventListener("resize", () => { if (statusText) afterPaint(checkStatusOverflow); });
}

/** Open (or close) the whole status message above the bar. */
export function showFullStatus(show) {
  const full = document.getElementById("status-full"), more = document.getElementById("status-more");
  if (!full) return;
  if (show) {
    clear(full).append(h("div.status-full-text", { text: statusText }),
      h("button.x", { type: "button", "aria-label": "Close the message", text: "×", on: { click: () => { showFullStatus(false); more.focus(); } } }));
  }
  full.hidden = !show;
  more.setAttribute("aria-expanded", String(!!show));
  more.textContent = show ? "Hide" : "Show all";
}

/** status(msg) once the next frame is painted, unless another message came first. */
export function statusAfterPaint(msg) {
  const gen = ++statusGen;
  afterPaint(() => { if (gen === statusGen) status(msg); });
}

/**
 * Describe an error for a person: what happened and what to do, in the
 * core's words (err.reason: its message without the location it already
 * has, such as `document "x", span s56, field fragments[0]`, which names
 * things the user never sees), then a details line with the code and the
 * field, for a bug report. A load or an import that found many problems
 * lists them, located by file and line: the first few, and how many more.
 */
export function describeError(err) {
  if (!err) return "unknown error";
  const lines = (err.message || String(err)).split("\n");
  if (lines.length > 1) {
    if (lines.length <= SHOWN_PROBLEMS + 2) return lines.join("\n");
    return lines.slice(0, SHOWN_PROBLEMS + 1).join("\n") + `\n  … and ${num(lines.length - 1 - SHOWN_PROBLEMS)} more`;
  }
  let msg = lines[0];
  if (err.reason) msg = err.reason.charAt(0).toUpperCase() + err.reason.slice(1); // a sentence (a file's message starts with its name)
  const details = errorDetails(err);
  return details ? `${msg}\n${details}` : msg;
}

/** "Details: bad_schema · schema.labels[25].hotkey" (empty without a code). */
export function errorDetails(err) {
  if (!err || !err.code || err.code === "internal" && !err.field) return err && err.code === "internal" ? "Details: internal error" : "";
  return "Details: " + [err.code, err.field, err.span && "span " + err.span].filter(Boolean).join(" · ");
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
      type: "button", text: `Save all ${num(n)} problems`,
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

/** A count in prose: "10,003" in any locale, as annotate.Count. */
export function num(n) { return String(n).replace(/\B(?=(\d{3})+$)/g, ","); }

export function plural(n, one, many = one + "s") { return `${num(n)} ${n === 1 ? one : many}`; }

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
