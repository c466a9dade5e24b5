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
  | "bad_argument" | "internal"
  // Not from the core: web/store.js wraps the editing methods and refuses
  // them with this code in a tab that is read-only (another tab saves the
  // project).
  | "read_only";

export interface SpanmarkError extends Error {
  code: ErrorCode;
  /** Where, when known: document id, span id, relation id, field. */
  doc?: string; span?: string; relation?: string; field?: string;
  /** A single problem's message without the location message starts with (set when there is one problem and no file): what the page shows. */
  reason?: string;
  /** All problems, for calls that check many things at once (loading a file). */
  problems?: { code: ErrorCode; message: string; file?: string; line?: number; doc?: string; span?: string; relation?: string; field?: string }[];
  /** importPreview: the format the files were read as, when they were recognised. */
  format?: string;
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
  /** In a gold project: who made the span (a merge's voters), and whether an adjudicator decided it. */
  annotators?: string[];
  adjudicated?: boolean;
}

/** A run of overlapping undecided spans of a gold document (offsets in code points). */
export interface Disagreement {
  start: number; end: number;
  /** Who made at least one of its spans, in order of first appearance. */
  annotators: string[];
  /** Its undecided spans, as the project file's "undecided" holds them. */
  cands: { label: string; fragments: { start: number; end: number; text: string }[];
           attrs?: Record<string, AttrValue>; note?: string; annotators: string[];
           /** Relations its annotators made from ("to": the other end) or to ("from") it; the end's annotators made the relation. */
           relations?: { type: string; to?: CandEnd; from?: CandEnd }[] }[];
}

/** The other end of an undecided span's relation, by content. */
export interface CandEnd { label: string; fragments: { start: number; end: number; text: string }[]; annotators: string[] }

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
  /** Open or rejected suggestions changed (ask suggestionsIn again). */
  suggestions: boolean;
  /** The undecided spans changed (adjudicate, or its undo). */
  undecided: boolean;
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
  /** Who made the document's annotations ("" when not known): see setAnnotator. */
  annotator: string;
}

/** A filter of the document list: every word of text in the title or id (any case), the status, a document-level label, a span label. */
export interface DocQuery { text?: string; status?: Status; docLabel?: string; spanLabel?: string }

export interface ClaimView {
  claim: SpanView;
  claimants: SpanView[];
  cues: SpanView[];
}

/** A label's spans grouped by text (entries). */
export interface EntriesView {
  /** How many distinct texts the label's spans have. */
  distinct: number;
  entries: { text: string; count: number; first: SpanView }[];
}

/** What Find looks for: a text, matched literally. */
export interface FindOptions {
  pattern: string;
  /** Default false: case-insensitive. */
  case_sensitive?: boolean;
  /** Only matches not inside a longer word. */
  whole_word?: boolean;
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

export interface SuggestionView {
  /** Opaque: "<source> <label> <start>-<end>" in code points. */
  key: string;
  label: string;
  /** "own", "pattern", "import", "tagger", "claim", … */
  source: string;
  /** 0..1, or null when the source gives none. */
  score: number | null;
  /** Fragments as flat UTF-16 [start0, end0, …]. */
  frags: number[];
}

export interface SuggestionFilter { label?: string; source?: string; minScore?: number; }

export interface SuggestionsResult {
  matched: number; accepted: number; rejected: number; skipped: number;
  /** Skipped suggestions by the rule they broke. */
  reasons: Record<string, number>;
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

export interface ExportResult {
  /** The files the format writes (brat: annotation.conf and a .txt/.ann pair per document). */
  files: { name: string; data: string }[];
  /** What the format could not hold, e.g. "conll: 3 nested or overlapping spans dropped". */
  report: string[];
  /** When there are several files: the same files as one .zip (deterministic bytes). */
  zip?: Uint8Array;
}

export interface ImportFile {
  name: string;
  /** The file's bytes as read (preferred: only then are non-UTF-8 bytes seen), or its text. */
  data: string | Uint8Array;
}

export interface ImportOptions {
  /** A format name; default: guessed from the files. */
  format?: string;
  /** Move spans whose stored text is found nearby (each move reported). Default false. */
  repair?: boolean;
  /** What the file's offsets count, for doccano: "utf16" (default, as doccano's view), "codepoint" or "grapheme". */
  offsets?: OffsetUnit;
  /** Map the file's span labels to the schema's: {"Person": "PERSON"}; "" keeps a label as a new one. A target that is no span label of the schema, or of another layer, throws unknown_label. */
  map?: Record<string, string>;
  /** Also map every label the schema lacks to its proposal (ImportLabel.proposal) unless map names it. */
  autoMap?: boolean;
  /** Read the spans as suggestions (source "import") with the scores the file gives (Label Studio: a task's predictions, each region's score or its prediction's); relations, attributes and notes are dropped (reported). */
  asSuggestions?: boolean;
}

/** A span label of an import that the schema lacks (or that the map maps). */
export interface ImportLabel {
  name: string;
  /** The layer the file gives it (spanmark's brat configuration), when it does. */
  layer?: Layer;
  spans: number;
  /** The schema label it looks like (case, punctuation, a known synonym). */
  proposal?: string;
  /** The schema label it was mapped to in this preview; absent: added as new. */
  mappedTo?: string;
  /** The schema labels it may be mapped to. */
  targets: string[];
}

export type OffsetUnit = "" | "utf16" | "codepoint" | "grapheme";

export interface ExportOptions {
  /** What written offsets count, for doccano: "utf16" (default, as doccano's view), "codepoint" or "grapheme". */
  offsets?: OffsetUnit;
  /** JSONL: "ner" (default: entities without overlaps) or "spans" (every span). */
  form?: "" | "ner" | "spans";
}

export interface ImportPreview {
  /** Pass to stagedProject or importDiscard. */
  token: string;
  format: string;
  documents: number; spans: number; relations: number;
  /** Read as suggestions: the open suggestions it brings, and how many of its documents the project has (same id; they get them, their text must be the project's). */
  suggestions: number; matched: number;
  /** What the import lost, repaired or added to the schema. */
  report: string[];
  /** What "append" would do to the current project, or why it cannot. */
  append: { possible: boolean; report: string[]; error?: string };
  /** The file's span labels the schema lacks or the map maps, in file order. */
  labels: ImportLabel[];
}

/** Options of the schema-editing methods. */
export interface SchemaEditOptions {
  /** Check and count only; change nothing. */
  dryRun?: boolean;
  /** updateLabel: drop attribute values the new definition refuses, instead of refusing the update. */
  dropInvalid?: boolean;
}

/** What a schema edit changed in the documents (or, with dryRun, would change). */
/** stats(): counts per label and relation type are in schema order; a document's counts are per label, in the order of labels. */
export interface Stats {
  labels: { name: string; count: number; docs: number }[];
  relations: { name: string; count: number; docs: number }[];
  docs: { id: string; title: string; status: Status; spans: number; counts: number[] }[];
  todo: number;
  inProgress: number;
  done: number;
  spans: number;
}

export interface SchemaEdit {
  /** Spans renamed, removed, or whose attribute values were dropped. */
  spans: number;
  /** Relations removed. */
  relations: number;
  /** Attribute values dropped. */
  attrs: number;
  /** Documents with at least one change. */
  documents: number;
  /** Relation types removed along with a label (left with no label at one end). */
  relationTypes: string[];
  /**
   * Every document's undo/redo history is (would be) cleared: true for any
   * edit that narrows the schema (removing a label, attribute, enum value or
   * relation type, moving a label to another layer, forbidding crossing).
   * Renames keep histories (rewritten to the new name); additions keep them.
   */
  historyCleared: boolean;
  dryRun: boolean;
}

/** The Go heap of the wasm module, in bytes. */
export interface MemoryInfo {
  /** Whether this call ran a collection. */
  collected: boolean;
  /** Heap in use right after the last collection this method ran (0 before the first). */
  live: number;
  /** Heap in use now (live objects, and garbage not yet collected). */
  heap: number;
  /** Collections so far (automatic ones included). */
  cycles: number;
}

export interface Spanmark {
  /** The core's version string. */
  version(): string;
  /**
   * Run Go's garbage collector now if the heap in use has grown by at least
   * minGrowth bytes (default 0) since the last collection this method ran;
   * report the heap either way. The page calls it when idle (bridge.js): in
   * wasm a collection pauses the page, which should not happen in a frame.
   */
  collectGarbage(minGrowth?: number): MemoryInfo;

  // --- projects and documents ---
  /** Start an empty project with the given schema (default: the built-in news schema). */
  newProject(schema?: Schema): void;
  /** Replace the project with a spanmark project file. All or nothing: on error, throws and keeps the current project. */
  /** json: the project file's text, or its bytes as read from disk (then checked as every file is: size, empty, UTF-16, binary, UTF-8). */
  loadProject(json: string | Uint8Array, fileName?: string): DocInfo[];
  /** Whether text is meant as a spanmark project file (a JSON object whose "format" is "spanmark"), however broken: Open… loads it, and hands any other file to the dataset import. */
  isProjectFile(text: string): boolean;
  /** The project file (format "spanmark", version 1), byte-identical to the native CLI's. */
  /** The project file (indented, as people and diffs want it; compact: the
   * same JSON without spacing, about half the size, for storing). */
  exportProject(options?: { compact?: boolean }): string;
  /**
   * Every document's undo/redo history and id counters, as JSON (format
   * "spanmark-history", version 1; deterministic). Used by the autosave to
   * snapshot the session: exportProject() + exportHistory() is the whole
   * state, so undo survives a reload and the next span gets the same id.
   */
  exportHistory(): string;
  /**
   * Give the project the history exportHistory() wrote, right after
   * loadProject() of the matching project file. All or nothing: a history
   * that is malformed, names an unknown document, has counters below the
   * ids in use, holds invalid states or does not fit the current state
   * throws bad_format (with doc and field, e.g.
   * documents[0].undo[3].edits[1].after) and changes nothing (a json that
   * is not a string: bad_argument).
   */
  restoreHistory(json: string): void;

  // --- suggestions (wasm/suggest.go; sources run in the formats module) ---
  /** Open suggestions with a fragment overlapping [start, end) (UTF-16), in text order. */
  suggestionsIn(doc: string, start: number, end: number): SuggestionView[];
  /** The first suggestion starting at or after offset (dir 1), or the last starting before it (dir -1); null when none. */
  nextSuggestion(doc: string, offset: number, dir: 1 | -1): SuggestionView | null;
  /** Open suggestions counted by source and label (sorted); scored, min, max: how many have a score and their range, only when some do. */
  suggestionCounts(doc: string): { source: string; label: string; open: number; scored?: number; min?: number; max?: number }[];
  /** Turn a suggestion into a span (the usual rules; one undo step). */
  acceptSuggestion(doc: string, key: string): ChangeView;
  /** Remove a suggestion and remember it (never offered again; one undo step). */
  rejectSuggestion(doc: string, key: string): ChangeView;
  /** Accept every open suggestion the filter selects (one undo step; those breaking a rule are skipped and stay). */
  acceptSuggestions(doc: string, filter?: SuggestionFilter): SuggestionsResult;
  /** Reject every open suggestion the filter selects (one undo step). */
  rejectSuggestions(doc: string, filter?: SuggestionFilter): SuggestionsResult;
  /** Take a suggestion set (JSON made by the formats module's suggestOwnLabels or suggestPatterns; passed on unread). All or nothing. */
  applySuggestionSet(set: string): { documents: number; cleared: number; added: number; known: number; rejected: number; done: number };
  /** A source's suggestions for one document (a model's predictions: the tagger's), UTF-16 offsets, replacing its open ones of that source; checked as a set (all or nothing). */
  setSuggestions(doc: string, source: string, suggestions: { label: string; start: number; end: number; score?: number }[]): { documents: number; cleared: number; added: number; known: number; rejected: number; done: number };
  /** Drop a document's open suggestions of a source ("" or absent: all), outside the undo history; returns how many. */
  clearSuggestions(doc: string, source?: string): number;
  /**
   * Who works on the project from now on (kept for every project loaded
   * later too): documents added, and documents an edit changes, record the
   * name (DocInfo.annotator, "annotator" in the project file); "" stops
   * the recording. A name is 1-100 characters without control characters
   * or spaces at either end (else bad_argument, field "annotator").
   */
  setAnnotator(name: string): void;
  /** A gold document's disagreements, in document order (see Disagreement). */
  disagreements(doc: string): Disagreement[];
  /**
   * Settle disagreement `index` (of disagreements()): the undecided spans
   * `annotator` made become spans (recording who made them, adjudicated),
   * the others are dropped; "" drops them all. One undo step; a span the
   * rules refuse throws (crossing_span…) and changes nothing.
   */
  adjudicate(doc: string, index: number, annotator: string): ChangeView;
  schema(): Schema;
  documents(): DocInfo[];
  document(doc: string): DocInfo;
  /** The document text, exactly as loaded. */
  text(doc: string): string;
  /** Add a document; an empty id is derived from the title. */
  addDocument(id: string, title: string, text: string, meta?: DocInfo["meta"]): DocInfo;
  /**
   * Add plain-text articles, one document each, all or nothing: every file is
   * checked first (empty, binary, UTF-16, not UTF-8 → bad_format, with
   * `.problems` naming each file). Title: the file name without its
   * extension; meta.source: the file name; the text is kept exactly.
   */
  addTextFiles(files: ImportFile[]): DocInfo[];
  removeDocument(doc: string): void;
  /**
   * Rename a document and set where it came from: one undo step ("edit
   * document") of that document; the status is left as it is. The title is
   * trimmed and must be one line of 1–500 characters; a changed date is
   * ISO 8601 (YYYY, YYYY-MM, YYYY-MM-DD, optionally with a time); a changed
   * URL has no spaces. Throws bad_argument with field "title" or "meta.date"….
   */
  setDocInfo(doc: string, title: string, meta: DocInfo["meta"]): ChangeView;
  /** Delete a document, keeping it in memory (the last 50) for restoreDocument. */
  deleteDocument(doc: string): { id: string; index: number };
  /**
   * Put back the document of that id deleted last, where it was, with its
   * annotations and undo history. Throws nothing_to_undo (none deleted),
   * duplicate_id (the id is in use again), bad_schema (labels edited since).
   */
  restoreDocument(doc: string): DocInfo;
  /** The ids of the documents a query selects, in project order (empty fields select all). */
  findDocuments(query: DocQuery): string[];

  // --- editing (each call is one undo step and returns what changed) ---
  // Status rule: an edit of a "todo" document sets it "in_progress" within the
  // same undo step (ChangeView.doc is then true; undoing it makes it todo again).
  /** Snap a selection [start, end) without changing anything: returns [start, end]. */
  snap(doc: string, start: number, end: number, mode?: SnapMode, trimPunct?: boolean): [number, number];
  /** Add a span over one or more fragments (flat [start, end, ...]), snapped per options. */
  addSpan(doc: string, label: string, frags: number[], options?: AddSpanOptions): ChangeView;
  removeSpan(doc: string, id: string): ChangeView;
  relabel(doc: string, id: string, label: string): ChangeView;
  /** Resize or move fragment `index` of a span (exact offsets, widened to grapheme clusters). */
  setFragment(doc: string, id: string, index: number, start: number, end: number): ChangeView;
  /**
   * Move a span's start (of its first fragment) or end (of its last) one
   * word ("word": whole UAX #29 tokens, whitespace skipped) or one grapheme
   * cluster ("char") earlier or later: one "resize span" undo step.
   * Throws empty_fragment, out_of_range, crossing_span.
   */
  moveEdge(doc: string, id: string, edge: "start" | "end", later: boolean, unit: "word" | "char"): ChangeView;
  /**
   * Put a span's start (of its first fragment) or end (of its last) at a
   * UTF-16 offset, as dragging its handle does: snapped like a selection
   * ("word": to the word there; "char": a grapheme boundary), the other end
   * unchanged. One "resize span" undo step; none when nothing moves.
   * Throws empty_fragment (dragged past the other end), crossing_span.
   */
  setEdge(doc: string, id: string, edge: "start" | "end", offset: number, unit: "word" | "char"): ChangeView;
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
  /**
   * How many matches label-all would consider (for a preview). The page's
   * core (spanmark.wasm) matches no regular expression: with `regex` it
   * throws bad_argument (field "regex"); see SpanmarkFormats.matchText.
   */
  countMatches(doc: string, options: LabelAllOptions): number;
  /** Find (web/find.js): every literal match of options.pattern (never a
   * regular expression), as flat UTF-16 offsets [start0, end0, start1, end1, ...]. */
  findMatches(doc: string, options: FindOptions): Int32Array;
  /** Label every match as one undo step; matches that break a rule are skipped and counted. Plain text only in the page's core (see countMatches). */
  labelAll(doc: string, options: LabelAllOptions): LabelAllResult;
  /**
   * labelAll with its matches found elsewhere: frags are what
   * SpanmarkFormats.matchText returned for this document's text and the
   * same options (flat UTF-16 [s0, e0, s1, e1, ...]; [] is no match). The
   * same rules, one undo step named by options.pattern, the same result.
   */
  labelMatches(doc: string, options: LabelAllOptions, frags: number[]): LabelAllResult;
  undo(doc: string): ChangeView;
  redo(doc: string): ChangeView;
  /** Whether the document has a step to undo and one to redo (the page's Undo and Redo buttons after opening it). */
  undoState(doc: string): { canUndo: boolean; canRedo: boolean };

  // --- queries ---
  /** Spans with a fragment overlapping [start, end), in document order: for painting what is on screen. */
  spansIn(doc: string, start: number, end: number): SpanView[];
  /** Spans covering offset, outermost first: for hit-testing a click. */
  spansAt(doc: string, offset: number): SpanView[];
  span(doc: string, id: string): SpanView;
  relationsOf(doc: string, id: string): RelationView[];
  counts(doc: string): Record<string, number>;
  claims(doc: string): ClaimView[];
  /** The label's spans grouped by text (fragments joined with " … "), most
   * frequent first (ties: earlier first occurrence first), at most limit of
   * them (all when limit <= 0), and how many distinct texts there are. */
  entries(doc: string, label: string, limit: number): EntriesView;
  /** The next span of label with that text after the span after (document
   * order, wrapping round); the first when after is "" or unknown; undefined when none. */
  nextWithText(doc: string, label: string, text: string, after?: string): SpanView | undefined;
  /**
   * The spans a relation of this type from span `from` may point to,
   * nearest first (a span before it first on a tie, then document order),
   * at most limit, from the whole document. Throws unknown_span,
   * unknown_relation, or bad_relation when from's label cannot start one.
   */
  linkCandidates(doc: string, from: string, type: string, limit: number): SpanView[];

  // --- offsets ---
  toCodePoints(doc: string, offset: number): number;
  fromCodePoints(doc: string, offsetCP: number): number;

  // --- schema editing (wasm/schema.go over annotate/schemaedit.go) ---
  // Project-level: each checks the new schema and every document, and either
  // changes them all or throws and changes nothing. Errors locate the first
  // problem (doc, span, field) and count them all in the message.
  /** Add a label at the end of the schema; without a color it gets newLabelColor(). */
  addLabel(def: LabelDef): SchemaEdit;
  /**
   * The colour a label added now gets when it names none: the core's
   * palette colour farthest from the schema's colours (deterministic).
   */
  newLabelColor(): string;
  /**
   * Replace a label's definition (colour, hotkey, description, layer,
   * attributes); def.name must be the name or empty. Throws crossing_span
   * when a layer change makes spans cross, and bad_attribute when spans hold
   * attribute values the new definition refuses (unless dropInvalid).
   */
  updateLabel(name: string, def: LabelDef, options?: SchemaEditOptions): SchemaEdit;
  /** Rename a label in the schema, its relation types and every span; undo histories follow. CLAIM cannot be renamed. */
  renameLabel(name: string, newName: string, options?: SchemaEditOptions): SchemaEdit;
  /** Remove a label, its spans and their relations from every document (dryRun first to ask). */
  removeLabel(name: string, options?: SchemaEditOptions): SchemaEdit;
  addRelationType(def: RelationDef): SchemaEdit;
  /** Remove a relation type and every relation of that type. */
  removeRelationType(name: string, options?: SchemaEditOptions): SchemaEdit;
  /** Rename a relation type and every relation of it; undo histories follow. claimant and cue cannot be renamed. */
  renameRelationType(name: string, newName: string, options?: SchemaEditOptions): SchemaEdit;
  /** Change the labels allowed at a relation type's ends (def.name: the type's name or omitted); relations that no longer fit are removed and counted. */
  updateRelationType(name: string, def: RelationDef, options?: SchemaEditOptions): SchemaEdit;
  /** The project's statistics, counted by the core: spans per label and per document, relations per type, documents per status. */
  stats(): Stats;
  /** Allow or forbid crossing spans in a layer; forbidding throws crossing_span while spans cross. */
  setCrossing(layer: Layer, crossing: boolean, options?: SchemaEditOptions): SchemaEdit;

  /** Throws bad_format when a file of this size (bytes) would be refused (over 50 MB): call before reading it. */
  checkImportFile(name: string, size: number): void;
  /**
   * Make a project file (its bytes from SpanmarkFormats.stagedProject
   * and compareWorks) the project,
   * with the undo histories and id counters `history` gives (exportHistory's
   * output, or "" for none). All or nothing: a bad file or a history that
   * does not fit it throws and changes nothing. Returns every document.
   */
  importProject(json: string | Uint8Array, fileName?: string, history?: string): DocInfo[];
}

/**
 * The dataset formats (wasm/io.go over annotate/formats), built with -tags
 * formats into spanmark-formats.wasm: a whole core plus these methods. The
 * page loads it on first use next to its core, where it registers as
 * `spanmarkFormats` and works on a copy of the project (loadProject before
 * each use); the single-file build runs it as `spanmark` itself.
 */
export interface SpanmarkFormats extends Spanmark {
  /** The format names, in menu order: "spanmark", "jsonl", "conll", "brat", "doccano", "labelstudio". */
  formats(): string[];
  /**
   * Export the project in a format, byte-identical to `spanmark convert --to
   * format` (with --offsets and --form). form: JSONL's "ner" (the default:
   * the entity layer without overlaps, for doc.ents) or "spans" (every
   * span, for doc.spans["sc"] and spans.manual).
   */
  exportAs(format: string, options?: ExportOptions): ExportResult;
  /**
   * Import files into a staged project; the current project is untouched.
   * The format is guessed unless named; .zip files are unpacked; empty,
   * binary, UTF-16, non-UTF-8 and over-50-MB files are refused. Throws
   * (bad_format, text_mismatch, ...) with `.problems` listing every error
   * with file, line and field. Formats without a schema of their own are
   * read against the current project's schema, extended with what the
   * file uses (reported). A new preview replaces the staged one.
   */
  importPreview(files: ImportFile[], options?: ImportOptions): ImportPreview;
  /**
   * Hand the staged import over, as the bytes of a project file for Spanmark.importProject.
   * "replace" (default): the staged project alone. "append": its documents
   * are added to this module's project (ids the project has are renamed,
   * schemas merged, widening only, as the preview's `append.report` said;
   * a conflict throws bad_schema and changes nothing), and that whole
   * project is returned (its histories: exportHistory()). Read as
   * suggestions (importPreview's asSuggestions, or asSuggestions here), a
   * document whose id the project has gives that document its suggestions
   * instead (its text must be the same: else text_mismatch, located, and
   * nothing changes). It stays staged.
   */
  stagedProject(token: string, mode?: "replace" | "append", options?: { asSuggestions?: boolean }): Uint8Array;
  /** Drop the staged import (harmless when already gone). */
  importDiscard(token: string): void;
  /**
   * Run the import's code on 100 made-up doccano records, keeping nothing:
   * the page calls it while the file picker is open, so that the engine
   * has optimised that code when the file comes.
   */
  importWarm(): void;
  /**
   * Label-all's matches of options in text (a document's text as the page
   * has it; options.label is not used), as flat UTF-16 fragments [s0, e0,
   * s1, e1, ...]: regular expressions (Go's RE2 syntax) included, which the
   * page's core does not match. Throws bad_pattern. The page then calls
   * Spanmark.labelMatches on its core.
   */
  matchText(text: string, options: LabelAllOptions): number[];
  /** The own-labels source over the whole project: a suggestion set (JSON) for applySuggestionSet. Changes nothing. */
  suggestOwnLabels(options?: { ignoreCase?: boolean }): string;
  /** A pattern file (.jsonl/.json: spaCy EntityRuler / Prodigy) or a dictionary (other names: LABEL<TAB>entry a line) over the project: a suggestion set. A bad line throws bad_pattern (file, line, key). */
  suggestPatterns(text: string, fileName: string): string;
  /** The claim finder over the project: a suggestion set (CLAIM, CUE, claimant). */
  suggestClaims(): string;
  /**
   * Read the works of the next comparison ahead, while they are chosen;
   * returns a token for compareWorks (which then does not read them again).
   * Throws what compareWorks would. compareRead([]) forgets them.
   */
  compareRead(files: ImportFile[]): number;
  /**
   * "Compare…": one file per annotator (a project file or any import
   * format) merged into a gold project (team.Merge; minVotes: 0 for a
   * majority of a document's annotators) and measured (`spanmark agree`'s
   * report); token: compareRead's for these files. The gold project comes as its bytes (for importProject,
   * without a round trip through a JavaScript string). The works stay for
   * compareFigures. Throws on differing texts,
   * one work, an annotator given twice, nothing to compare.
   */
  compareWorks(files: ImportFile[], minVotes?: number, token?: number): {
    project: Uint8Array; annotators: string[]; notes: string[];
    stats: { Documents: number; Accepted: number; Undecided: number; Relations: number; UndecidedDocs: number; Dropped: number };
    report: object;
  };
  /** A gold document against each annotator's version of it: the agree report with "gold" as one more annotator. */
  compareFigures(goldProject: string, doc: string): object;
}

declare global {
  // eslint-disable-next-line no-var
  var spanmark: Spanmark;
  // eslint-disable-next-line no-var
  var spanmarkFormats: SpanmarkFormats | undefined;
}
