// preview.js — the opening article's text on screen before the core is
// ready (issue 24). The sample articles arrive long before the Go core has
// compiled and started; the page shows the text they hold as plain text
// nodes (TextView, as it will once the core opens it), with the "Loading"
// notice made small. No offset, span or rule of the core is involved, and
// nothing answers a key yet: the core opens the document as usual once it
// answers, and the page is interactive then (sm-interactive). Not for a
// project file (its text is inside JSON that only the core reads, and a
// million characters would be parsed twice), nor when anything may be
// saved: autosave may restore a project whose article is another, so only
// on a first visit, when this browser never opened the store
// (store.maySaved, a flag read at once; indexedDB.databases() answered
// only after 0.5-1 s on a fresh profile, after the core was up). A store
// saved by a page older than the flag shows the samples once, until the
// saved work is restored over them.

import { maySaved } from "./store.js";

/**
 * @param {object} app the App (its TextView)
 * @param {Promise<string[]>} texts the samples' texts, as fetched
 * @param {{id: string, title: string}[]} samples
 * @param {() => boolean} skip true once the core answers
 * @param {string|null} openId the document the page will open (?doc=)
 */
export function showEarly(app, texts, samples, skip, openId) {
  if (maySaved()) return;
  texts.then(ts => {
    if (skip()) return;
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
}
