/**
 * Plain data types shared by every language module. They mirror the LSP shapes
 * (0-based lines, UTF-16 columns) so the server converts them at the edge without
 * arithmetic, but nothing here imports an editor or LSP package.
 */

/** 0-based line and UTF-16 column, as LSP counts them. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** A reported severity. */
export type Severity = 'error' | 'warning' | 'information' | 'hint';
/** A configured level: a severity, or `off` to drop the code. */
export type Level = Severity | 'off';

export const LEVELS: readonly Level[] = ['error', 'warning', 'information', 'hint', 'off'];

export interface TextEdit {
  range: Range;
  newText: string;
}

/**
 * A quick fix: edits to the same document that are certain to be right, or a command the
 * client runs after asking the user (e.g. `chmod 600` on a keyfile).
 */
export interface Fix {
  title: string;
  edits: TextEdit[];
  command?: { id: string; args: unknown[] };
  /** The code of the problem this fix repairs. */
  code: string;
  preferred?: boolean;
}

export interface RelatedInfo {
  path: string;
  range: Range;
  message: string;
}

/** A diagnostic as the service reports it, after severity and suppression are applied. */
export interface Problem {
  code: string;
  severity: Severity;
  range: Range;
  message: string;
  related?: RelatedInfo[];
  /** Fixes known when the problem was found (certain ones only). */
  fixes?: Fix[];
}

/**
 * A problem before the registry gives it a severity. `severity` may set a different
 * default for this occurrence (e.g. a case the real program treats more harshly); the
 * user's setting and a profile that turns the code off still win.
 */
export type RawProblem = Omit<Problem, 'severity'> & { severity?: Severity };

export type CompletionKind = 'keyword' | 'value' | 'constant' | 'snippet' | 'file' | 'event';

export interface CompletionEntry {
  label: string;
  kind: CompletionKind;
  detail?: string;
  /** Markdown; may be left out and filled in by resolve. */
  documentation?: string;
  /** Replaces this range (the token under the cursor) with `newText`. */
  edit: TextEdit;
  /** The edit's text is a snippet with `${1}` placeholders. */
  snippet?: boolean;
  sortText?: string;
  filterText?: string;
  /** Opaque key a resolve call uses to build the documentation lazily. */
  resolveKey?: string;
}

export interface HoverResult {
  range: Range;
  markdown: string;
}

export type SymbolKind = 'entry' | 'event' | 'constant' | 'function' | 'module' | 'key' | 'namespace';

export interface SymbolEntry {
  name: string;
  detail?: string;
  kind: SymbolKind;
  range: Range;
  selectionRange: Range;
  children?: SymbolEntry[];
}

export interface CodeLensEntry {
  range: Range;
  title: string;
  /** A command id the client knows, with its arguments; absent for a label only. */
  command?: { id: string; args: unknown[] };
}

export interface FoldingEntry {
  startLine: number;
  endLine: number;
  kind?: 'comment' | 'region';
}

export function pos(line: number, character: number): Position {
  return { line, character };
}

export function range(line: number, start: number, end: number, endLine = line): Range {
  return { start: { line, character: start }, end: { line: endLine, character: end } };
}

export function contains(r: Range, p: Position): boolean {
  if (p.line < r.start.line || p.line > r.end.line) return false;
  if (p.line === r.start.line && p.character < r.start.character) return false;
  if (p.line === r.end.line && p.character > r.end.character) return false;
  return true;
}

/** A place in a file (navigation answers): an absolute path and a range in it. */
export interface Location {
  path: string;
  range: Range;
}

/** A clickable path in a document, resolved to an existing file of the same image root. */
export interface DocumentLinkEntry {
  range: Range;
  /** Absolute path of the file it opens. */
  target: string;
  tooltip?: string;
}

/** Changes to several files: text edits per path, and file renames (applied after the edits). */
export interface WorkspaceChange {
  edits: Record<string, TextEdit[]>;
  renames: { from: string; to: string }[];
}

/** A service of the workspace, for workspace symbols. */
export interface WorkspaceSymbolEntry {
  name: string;
  kind: SymbolKind;
  /** Where it comes from (`init.d`, `xinetd`, `haresources`), shown beside the name. */
  container: string;
  location: Location;
}

/** A label shown after a value whose meaning it hides (`# chkconfig: 345 40 60` → the links it makes). */
export interface InlayHintEntry {
  position: Position;
  label: string;
  tooltip?: string;
}

/** Token types of the semantic tokens, in legend order (the LSP layer announces this list). */
export const SEMANTIC_TOKEN_TYPES = ['keyword', 'variable', 'number', 'string', 'type'] as const;
export const SEMANTIC_TOKEN_MODIFIERS = ['declaration', 'defaultLibrary'] as const;
export type SemanticTokenType = (typeof SEMANTIC_TOKEN_TYPES)[number];
export type SemanticTokenModifier = (typeof SEMANTIC_TOKEN_MODIFIERS)[number];

/** A coloured span on one line (semantic tokens). */
export interface SemanticToken {
  line: number;
  start: number;
  length: number;
  type: SemanticTokenType;
  modifiers?: SemanticTokenModifier[];
}

/** Per list: its items by path (the first of a path) and how many there were, built once per list. */
const pathIndex = new WeakMap<readonly { path: string }[], { length: number; byPath: Map<string, { path: string }> }>();

/**
 * `list.find((x) => x.path === path)` from an index built once per list (rebuilt when it grew):
 * a search per script over a tree's scripts was quadratic in a 1,000-script tree.
 */
export function atPath<T extends { path: string }>(list: readonly T[], path: string): T | undefined {
  let index = pathIndex.get(list);
  if (!index || index.length !== list.length) {
    index = { length: list.length, byPath: new Map() };
    for (const x of list) if (!index.byPath.has(x.path)) index.byPath.set(x.path, x);
    pathIndex.set(list, index);
  }
  return index.byPath.get(path) as T | undefined;
}
