// regex.js — label-all's regular expressions. The page's core links no
// regexp (regular-expression matching is 63 KB of brotli on every first
// visit, for this one option); the formats module does (it is a whole core
// plus the formats: see formats.js). So a regex label-all asks the formats
// module, loaded on first use, for the matches in the document's text
// (matchText: flat UTF-16 fragments), and the core labels them
// (labelMatches: LabelAll's rules, one undo step, the same report). Plain
// text never comes here: the core matches it itself.

import { sm } from "./bridge.js";
import { formatsModule, lite } from "./formats.js";
import { status } from "./util.js";

export const LITE_REGEX = "This is spanmark-lite.html, which has no regular expressions (they come with the dataset formats): " +
  "search for the text as typed, or use the full spanmark.html.";

/** Whether label-all with options o needs the formats module: a regular expression, and a core that does not match them itself (the single file's core does). */
export function needsModule(o) {
  return !!o.regex && typeof sm.matchText !== "function";
}

let api = null;

/** Whether the formats module is there for matchesOf without loading. */
export function ready() {
  return api !== null;
}

/**
 * The matches of label-all options o in text (the document's text as the
 * page has it), from the formats module, which is loaded the first time:
 * {value: [s0, e0, s1, e1, ...]} in UTF-16, or {error}.
 */
export async function matchesOf(text, o) {
  if (lite) return { error: new Error(LITE_REGEX) };
  if (!api) {
    const msg = "Loading regular expressions…";
    const slow = setTimeout(() => status(msg), 150);
    try {
      api = (await formatsModule()).api;
    } catch (err) {
      return { error: err };
    } finally {
      clearTimeout(slow);
      if (document.getElementById("status").textContent === msg) status("");
    }
  }
  try {
    return { value: api.matchText(text, o) };
  } catch (err) {
    return { error: err };
  }
}
