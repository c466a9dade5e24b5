// spanmark.d.ts — the whole contract between the page and the Go core.
//
// The wasm bridge (wasm/, Go compiled with GOOS=js GOARCH=wasm) registers one
// global object, `spanmark`. The page uses nothing else.
//
// Units. The page works in UTF-16 code units (what DOM Ranges and
// String.prototype.length use); the core works in Unicode code points (what
// Python str indices use, and what every exported file contains). Every
// argument and result below is in UTF-16 code units unless its name ends in
// `CP`. The bridge converts, in one place, with the core's per-document index.
// Ends are exclusive. A UTF-16 offset inside a surrogate pair is rounded
// outwards (start down, end up), and spans are always widened to whole
// grapheme clusters (a ZWJ emoji, a flag, a letter and its combining mark).
//
// Cost. Each method is one synchronous call into wasm. Results come back as
// one value (an object built from one JSON string); never call per span.
//
// Errors. A failing call throws an `Error` whose `code` is stable (see
// ErrorCode) and whose message says what and where. A failing call changes
// nothing, and the next call works normally: the bridge recovers from every
// Go panic, so the runtime never dies.

export type ErrorCode =
  | "out_of_range" | "empty_fragment" | "unsorted_fragments" | "overlapping_fragments"
  | "splits_grapheme" | "unknown_label" | "bad_attribute" | "crossing_span" | "duplicate_span"
  | "unknown_span" | "unknown_relation" | "bad_relation" | "duplicate_relation"
  | "unknown_document" | "duplicate_id" | "text_mismatch" | "bad_status" | "bad_schema"
  | "bad_format" | "unsupported_version" | "bad_pattern" | "nothing_to_undo" | "nothing_to_redo"
  | "bad_argument" | "internal";

export interface SpanmarkError extends Error {
  code: ErrorCode;
  /** Where, when known: document id, span id, relation id, field. */
  doc?: string; span?: string; relation?: string; field?: string;
  /** All problems, for calls that check many things at once (loading a file). */
  problems?: { code: ErrorCode; message: string; doc?: string; span?: string; field?: string; line?: number }[];
}

export type Layer = "entity" | "claim";
export type Status = "todo" | "in_progress" | "done";
export type AttrValue = string | boolean;

export interface AttrDef { name: string; type: "enum" | "bool" | "text"; values?: string[] }
export interface LabelDef {
  name: string; layer: Layer; color: string /* #rrggbb */; hotkey?: string;
  description?: string; attributes?: AttrDef[];
}
export interface RelationDef { name: string; from: string[]; to: string[] }
export interface Schema {
  labels: LabelDef[]; relations: RelationDef[];
  overlap: Record<Layer, { crossing: boolean }>; doc_labels?: string[];
}

/** One span as the page sees it. */
export interface SpanView {
  id: string;
  label: string;
  /** Flat UTF-16 fragment offsets: [start0, end0, start1, end1, ...]. */
  frags: number[];
  /** The same fragments in code points, as exported. */
  fragsCP: number[];
  /** Covered text, one string per fragment. */
  text: string[];
  attrs?: Record<string, AttrValue>;
  note?: string;
}

export interface RelationView { id: string; type: string; from: string; to: string }

/** What an operation, undo or redo changed: repaint only this. */
export interface ChangeView {
  op: string;
  added: SpanView[];
  updated: SpanView[];
  removed: string[];
  relationsAdded: RelationView[];
  relationsRemoved: string[];
  /** Status or document labels changed. */
  doc: boolean;
  canUndo: boolean;
  canRedo: boolean;
  /** Spans per label after the change. */
  counts: Record<string, number>;
}

export interface DocInfo {
  id: string; title: string; status: Status; labels: string[];
  meta: { source?: string; url?: string; date?: string };
  spans: number; relations: number;
  /** Text length in UTF-16 code units and in code points. */
  length: number; lengthCP: number;
}

export interface ClaimView {
  claim: SpanView;
  claimants: SpanView[];
  cues: SpanView[];
}

export interface LabelAllOptions {
  label: string;
  pattern: string;
  /** Pattern is a regular expression (Go RE2 syntax). Default false. */
  regex?: boolean;
  /** Default false: case-insensitive. */
  case_sensitive?: boolean;
  /** Only matches not inside a longer word ("Iran" in "Iran's", not in "Iranian"). */
  whole_word?: boolean;
}

export interface LabelAllResult {
  matches: number; added: number; skipped: number;
  /** Skipped matches by the rule they would break. */
  reasons?: Partial<Record<ErrorCode, number>>;
  change: ChangeView;
}

export type SnapMode = "word" | "char";

export interface AddSpanOptions {
  /** How to snap the selection first: "word" (default), "char" (exact, grapheme-safe). */
  snap?: SnapMode;
  /** Also trim edge punctuation when snapping. Default false. */
  trimPunct?: boolean;
  attrs?: Record<string, AttrValue>;
  note?: string;
}

export interface Spanmark {
  /** The core's version string. */
  version(): string;

  // --- projects and documents ---
  /** Start an empty project with the given schema (default: the built-in news schema). */
  newProject(schema?: Schema): void;
  /** Replace the project with a spanmark project file. All or nothing: on error, throws and keeps the current project. */
  loadProject(json: string, fileName?: string): DocInfo[];
  /** The project file (format "spanmark", version 1), byte-identical to the native CLI's. */
  exportProject(): string;
  schema(): Schema;
  documents(): DocInfo[];
  document(doc: string): DocInfo;
  /** The document text, exactly as loaded. */
  text(doc: string): string;
  /** Add a document; an empty id is derived from the title. */
  addDocument(id: string, title: string, text: string, meta?: DocInfo["meta"]): DocInfo;
  removeDocument(doc: string): void;

  // --- editing (each call is one undo step and returns what changed) ---
  /** Snap a selection [start, end) without changing anything: returns [start, end]. */
  snap(doc: string, start: number, end: number, mode?: SnapMode, trimPunct?: boolean): [number, number];
  /** Add a span over one or more fragments (flat [start, end, ...]), snapped per options. */
  addSpan(doc: string, label: string, frags: number[], options?: AddSpanOptions): ChangeView;
  removeSpan(doc: string, id: string): ChangeView;
  relabel(doc: string, id: string, label: string): ChangeView;
  /** Resize or move fragment `index` of a span (exact offsets, widened to grapheme clusters). */
  setFragment(doc: string, id: string, index: number, start: number, end: number): ChangeView;
  /** Add a fragment to a span (e.g. the rest of a claim after "he said"), snapped like addSpan. */
  addFragment(doc: string, id: string, start: number, end: number, options?: AddSpanOptions): ChangeView;
  removeFragment(doc: string, id: string, index: number): ChangeView;
  /** Set an attribute; null removes it. */
  setAttr(doc: string, id: string, name: string, value: AttrValue | null): ChangeView;
  setNote(doc: string, id: string, note: string): ChangeView;
  addRelation(doc: string, type: string, from: string, to: string): ChangeView;
  removeRelation(doc: string, id: string): ChangeView;
  setStatus(doc: string, status: Status): ChangeView;
  setDocLabels(doc: string, labels: string[]): ChangeView;
  /** How many matches label-all would consider (for a preview). */
  countMatches(doc: string, options: LabelAllOptions): number;
  /** Label every match as one undo step; matches that break a rule are skipped and counted. */
  labelAll(doc: string, options: LabelAllOptions): LabelAllResult;
  undo(doc: string): ChangeView;
  redo(doc: string): ChangeView;

  // --- queries ---
  /** Spans with a fragment overlapping [start, end), in document order: for painting what is on screen. */
  spansIn(doc: string, start: number, end: number): SpanView[];
  /** Spans covering offset, outermost first: for hit-testing a click. */
  spansAt(doc: string, offset: number): SpanView[];
  span(doc: string, id: string): SpanView;
  relationsOf(doc: string, id: string): RelationView[];
  counts(doc: string): Record<string, number>;
  claims(doc: string): ClaimView[];

  // --- offsets ---
  toCodePoints(doc: string, offset: number): number;
  fromCodePoints(doc: string, offsetCP: number): number;
}

declare global {
  // eslint-disable-next-line no-var
  var spanmark: Spanmark;
}
