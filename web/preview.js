// preview.js — the opening article's text on screen before the core is
// ready (issue 24). The sample articles arrive long before the Go core has
// compiled and started; the page shows the text they hold as plain text
// nodes (TextView, as it will once the core opens it), with the "Loading"
// notice made small. No offset, span or rule of the core is involved, and
// nothing answers a key yet: the core opens the document as usual once it
// answers, and the page is interactive then (sm-interactive). Not for a
// project file (its text is inside JSON that only the core reads, and a
// million characters would be parsed twice), nor when anything is saved:
// autosave may restore a project whose article is another (and reading
// what is saved takes longer than the core's start), so only on a first
// visit, when this browser never opened the store (store.maySaved: a flag
// read at once; indexedDB.databases() answers only after 0.5-1 s on a fresh
// profile, after the core was up) and databases() has not listed it.

import { DB, maySaved } from "./store.js";

/**
 * @param {object} app the App (its TextView)
 * @param {Promise<string[]>} texts the samples' texts, as fetched
 * @param {{id: string, title: string}[]} samples
 * @param {() => boolean} skip true once the core answers
 * @param {string|null} openId the document the page will open (?doc=)
 * @returns {Promise<unknown>|null} what autosave waits for before it opens
 *   (and so creates) its database: the browser's answer whether anything is
 *   saved, which would otherwise list it (the preview then never showed);
 *   null when this browser never opened the store, as the preview then does
 *   not wait for the answer (a store the answer lists then was there before)
 */
export function showEarly(app, texts, samples, skip, openId) {
  const saved = typeof indexedDB === "object" && indexedDB && typeof indexedDB.databases === "function" ?
    indexedDB.databases().then(ds => ds.some(d => d.name === DB), () => true) : Promise.resolve(true);
  let listed = false;
  saved.then(v => { listed = v; });
  const wait = maySaved();
  // (never opened here: at once; else only once databases() has said there is no store)
  (wait ? Promise.all([texts, saved]) : texts.then(ts => [ts, listed])).then(([ts, anySaved]) => {
    if (anySaved || skip()) return;
    const i = Math.max(0, samples.findIndex(s => s.id === openId));
    app.view.setText(ts[i]);
    app.view.early = true; // the core's opening of the same text keeps these lines
    const title = document.getElementById("doc-title");
    title.textContent = samples[i].title;
    title.dir = "auto";
    const l = document.getElementById("loading");
    if (l && !l.classList.contains("err")) l.classList.add("early");
    performance.mark("sm-text-shown"); // BenchmarkColdLoad, TestE2EEarlyText
  }, () => {}); // a failed fetch is reported where the page awaits it
  return wait ? saved : null;
}
