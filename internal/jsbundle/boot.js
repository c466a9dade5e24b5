// boot.js — starts the core as the page's first bytes arrive (issue 24).
// A script first in <head>: the download and compile of spanmark.wasm,
// the longest part of start-up, run while the styles and spanmark.js load
// and the HTML is parsed. compileStreaming compiles as the
// bytes come in; bridge.js instantiates the module left in
// self.spanmarkCore (and fetches the core itself if this did not run or
// failed, and reports the error then).
//
// make wasm writes web/boot.js from this file (internal/jsbundle.Boot),
// with the core's content hash in the URL: the server sends a URL that
// names its content as immutable (web.Handler), so the browser takes the
// module from its HTTP cache without asking the server again, and only
// then does V8 hand back the module's compiled code on the next visit (a
// revalidated response is a new one to it, and its cached code is dropped).
// A plain fetch, not <link rel=preload>: a fetch() answered from a
// preload loses the cached code too.
//
// The sample articles (web/sample/*.txt, listed by Boot), which the page
// opens unless it is given a ?project=, are fetched here too: from the
// module script (app.js), which runs only once the HTML is parsed, they
// came after the core on a loaded machine, and the article's text could
// not be shown before it (preview.js). Their text is read here too: a
// body nobody reads was taken in only when the main thread next had time,
// after the core had started. app.js takes the texts left in
// self.spanmarkEarly by URL (and fetches itself what is not there or
// failed, and reports the error then).
// The samples are asked for first: a few KB, in before the core's bytes
// stream in (whose compile takes the main thread in slices, and their
// text waited behind it).
//
// A project file named by ?project= is fetched here too, after the core
// (it is needed only once the core runs, to open it), on a first visit
// only (no "spanmark-store-opened" flag: store.js): afterwards autosave
// may restore it without the file, which would then compete with the
// core's download for nothing. Read as bytes, which the core takes as
// they are (a string would be decoded from UTF-8 here and encoded again
// on the way into the core: 1M characters are 2.6 MB). From init(), after
// the store had opened, it came 100-250 ms after the core was ready.
if (/^https?:$/.test(location.protocol)) {
  const E = self.spanmarkEarly = {}, q = new URLSearchParams(location.search).get("project");
  if (!q) for (const u of __SPANMARK_SAMPLES__) (E[u] = fetch(u).then(r => r.ok ? r.text() : Promise.reject())).catch(() => {});
  if (WebAssembly.compileStreaming) {
    self.spanmarkCore = WebAssembly.compileStreaming(fetch("spanmark.wasm?v=__SPANMARK_CORE_HASH__"));
    self.spanmarkCore.catch(() => {});
  }
  try {
    const u = new URL(q, location.href);
    if (q && u.origin == location.origin && localStorage.getItem("spanmark-store-opened") == null) (E[u.href] = fetch(u).then(r => r.ok ? r.arrayBuffer() : Promise.reject())).catch(() => {});
  } catch {} // no localStorage: app.js fetches it
}
