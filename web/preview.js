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
// visit, when there is no saved-work database at all.

import { DB } from "./store.js";

/**
 * @param {object} app the App (its TextView)
 * @param {Promise<string[]>} texts the samples' texts, as fetched
 * @param {{id: string, title: string}[]} samples
 * @param {() => boolean} skip true once the core answers
 * @param {string|null} openId the document the page will open (?doc=)
 * @returns {Promise<unknown>} settled once the browser has said whether
 *   anything is saved: autosave must not open (and so create) its database
 *   before, or the answer may already list it (the preview then never showed)
 */
export function showEarly(app, texts, samples, skip, openId) {
  const saved = typeof indexedDB === "object" && indexedDB && typeof indexedDB.databases === "function" ?
    indexedDB.databases().then(ds => ds.some(d => d.name === DB), () => true) : Promise.resolve(true);
  Promise.all([texts, saved]).then(([ts, anySaved]) => {
    if (anySaved || skip()) return;
    const i = Math.max(0, samples.findIndex(s => s.id === openId));
    app.view.setText(ts[i]);
    const title = document.getElementById("doc-title");
    title.textContent = samples[i].title;
    title.dir = "auto";
    const l = document.getElementById("loading");
    if (l && !l.classList.contains("err")) l.classList.add("early");
    performance.mark("sm-text-shown"); // BenchmarkColdLoad, TestE2EEarlyText
  }, () => {}); // a failed fetch is reported where the page awaits it
  return saved;
}
