// Single-file build (make dist): answers the page's own fetches of the files
// this HTML file carries inline (spanmark.wasm, sample/*.txt) from memory.
// Opened from file:// there is no server, and this file's CSP
// (connect-src 'none') forbids every network request anyway, so the page's
// code stays the same as when served. Each inline file is a data block (a
// script element of type application/octet-stream, class sm-file, never
// executed) holding the file compressed, in base64: gzip, inflated by the
// browser, or for the wasm xz (data-packing="xz"), inflated by the
// xz-decompress script inlined before this one.
(() => {
  let files = null; // absolute URL → {type, packing, bytes: Uint8Array, still packed}
  const load = () => {
    files = new Map();
    for (const el of document.querySelectorAll("script.sm-file")) {
      const b64 = el.textContent.trim();
      const bytes = Uint8Array.fromBase64 ? Uint8Array.fromBase64(b64) : Uint8Array.from(atob(b64), c => c.charCodeAt(0));
      files.set(new URL(el.dataset.name, document.baseURI).href, { type: el.dataset.type, packing: el.dataset.packing, bytes });
      el.textContent = ""; // the decoded bytes are kept; drop the text
    }
  };
  const netFetch = globalThis.fetch.bind(globalThis);
  globalThis.fetch = function fetch(input, init) {
    if (!files) load();
    const url = new URL(input instanceof Request ? input.url : String(input), document.baseURI);
    url.hash = "";
    const f = files.get(url.href);
    if (!f) return netFetch(input, init);
    // a fresh stream per call: the page may fetch a file twice
    const packed = new Blob([f.bytes]).stream();
    const body = f.packing === "xz"
      ? new globalThis["xz-decompress"].XzReadableStream(packed)
      : packed.pipeThrough(new DecompressionStream("gzip"));
    return Promise.resolve(new Response(body, { status: 200, headers: { "Content-Type": f.type } }));
  };
})();
