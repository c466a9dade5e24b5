// files.js — the one way a file enters the page (Open…, Import…, "Add .txt
// files", a drop): its size is checked by the core before it is read (a
// stray video is never read into memory), then its bytes, as they are on
// disk, go to the core, which checks them (annotate/input.go: empty,
// UTF-16, binary, not UTF-8) before using them. Nothing here decodes a file
// as text: File.text() would turn Latin-1 or binary bytes into U+FFFD
// silently.

import { tryCall } from "./bridge.js";

/** Read a file: {name, data: Uint8Array}, or throw the core's error (located by file name). */
export async function readFile(f) {
  const c = tryCall("checkImportFile", f.name, f.size);
  if (c.error) throw c.error;
  try {
    return { name: f.name, data: new Uint8Array(await f.arrayBuffer()) };
  } catch (err) {
    throw new Error(`${f.name}: the file could not be read (${err.message || err})`);
  }
}

/** Whether bytes look like a JSON object (a project file): the first byte that is not white space is "{". */
export function looksLikeJSON(data) {
  let i = 0;
  if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) i = 3; // a UTF-8 byte-order mark
  for (; i < data.length && i < 4096; i++) {
    const c = data[i];
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return c === 0x7b;
  }
  return false;
}
