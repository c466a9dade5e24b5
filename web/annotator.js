// annotator.js — who is annotating. The page asks once for a name (not
// before the article shows: on the first edit, inline in the status bar,
// without taking the keyboard from the article), keeps it for this
// workspace (localStorage, keyed as the autosave's store is) and gives it
// to the core (setAnnotator), which records it in every document added or
// edited from then on (Document.Annotator, in the project file). The name
// in the status bar changes it at any time.

import { tryCall } from "./bridge.js";
import { status, describeError } from "./util.js";

const KEY = "spanmark-annotator" + (location.protocol === "file:" ? " " + location.pathname : "");
const $ = id => document.getElementById(id);

function load() {
  try { return JSON.parse(localStorage.getItem(KEY) || "{}"); } catch { return {}; }
}

function save(v) {
  try { localStorage.setItem(KEY, JSON.stringify(v)); } catch { /* private mode: the name lasts for this visit */ }
}

export class Annotator {
  constructor() {
    const v = load();
    this.name = typeof v.name === "string" ? v.name : "";
    this.asked = !!v.asked; // asked once already (answered or "Not now"): never again unprompted
  }

  bind() {
    $("btn-annotator").addEventListener("click", () => this.ask(true));
    $("who-form").addEventListener("submit", e => { e.preventDefault(); this.submit(); });
    $("who-later").addEventListener("click", () => this.close(true));
    $("who-input").addEventListener("keydown", e => { if (e.key === "Escape") { e.preventDefault(); e.stopPropagation(); this.close(true); } });
    this.render();
  }

  /** After start-up (autosave journaling on): the core records the saved name. */
  start() {
    if (this.name && tryCall("setAnnotator", this.name).error) this.name = "";
    this.render();
  }

  /** An edit was made: the first one, without a name, asks for it. */
  edited() {
    if (!this.name && !this.asked && $("who-form").hidden) this.ask(false);
  }

  /** Show the name field; focus: move the keyboard there (a click on the name did). */
  ask(focus) {
    const f = $("who-form"), input = $("who-input");
    input.value = this.name;
    $("who-error").textContent = "";
    f.hidden = false;
    $("btn-annotator").setAttribute("aria-expanded", "true");
    if (focus) { input.focus(); input.select(); }
  }

  close(asked) {
    if (asked && !this.asked) { this.asked = true; save({ name: this.name, asked: true }); }
    const f = $("who-form"), hadFocus = f.contains(document.activeElement);
    f.hidden = true;
    $("btn-annotator").setAttribute("aria-expanded", "false");
    if (hadFocus) $("article").focus({ preventScroll: true });
  }

  submit() {
    const name = $("who-input").value.trim();
    const r = tryCall("setAnnotator", name);
    if (r.error) { $("who-error").textContent = describeError(r.error); return; }
    this.name = name;
    this.asked = true;
    save({ name, asked: true });
    this.render();
    this.close(false);
    status(name ? `Your annotations are recorded as ${name}’s.` : "Annotations are recorded without a name.");
  }

  render() {
    const b = $("btn-annotator");
    b.textContent = this.name ? "👤 " + this.name : "👤 Your name?";
    b.title = this.name ? `Annotating as ${this.name}: recorded with each document you add or edit (click to change)` : "Who is annotating? Recorded with each document you add or edit (click to set)";
  }
}
