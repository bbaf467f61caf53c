/**
 * The service facade: pure functions over (document text, settings). The language server
 * and the CLI are thin wrappers over these; nothing here imports an editor or LSP API.
 *
 * An `Analysis` is computed once per document version and shared by every feature.
 */
import { applySeverity } from './core/registry';
import { checkTree as checkTreeRaw } from './boot/treeChecks';
import { DEFAULT_SETTINGS, type Settings } from './core/settings';
import { findSuppressions, isSuppressed } from './core/suppress';
import { byteLength, SourceText } from './core/text';
import { contains, type CodeLensEntry, type DocumentLinkEntry, type InlayHintEntry, type Location, type SemanticToken, type TextEdit, type WorkspaceChange, type CompletionEntry, type Fix, type FoldingEntry, type HoverResult, type Position, type Problem, type Range, type Severity, type SymbolEntry } from './core/types';
import type { DocumentInfo, LanguageId, LanguageModule, SignatureInfo, TreeEditInfo, WorkspaceHost } from './core/language';
import { inittabModule } from './languages/inittab';
import { initscriptModule } from './languages/initscript';
import { bashParserFailure, findWasm, loadBash } from './shell/treeSitter';
import type { ShellBodies } from './shell/parse';
import { hacfModule } from './languages/hacf';
import { haresourcesModule } from './languages/haresources';
import { authkeysModule, maskAuthkeys } from './languages/authkeys';
import { xinetdModule, xinetdRefactors } from './languages/xinetd';
// The ipaddr library has no file of its own; importing it registers its codes.
import './languages/ipaddr';
import * as nav from './navigation';
import { suppressionFixes } from './fixes/suppress';
import { formatDocument } from './format';
import { migrationLenses } from './migrate';

export * from './core/types';
export * as boot from './boot';
export * as systemd from './systemd';
export * as migrate from './migrate';
export * from './core/settings';
export { allProblems, docsAnchor, docsUrl, DOCS_URL, problemDef, levelFor, type ProblemDef } from './core/registry';
export { languageForPath, languageForDocument, looksLikeInitScript, baseName } from './core/detect';
export type { DocumentInfo, FileInfo, LanguageId, ShellSyntaxResult, SignatureInfo, TreeEditInfo, WorkspaceHost } from './core/language';
export { LANGUAGE_IDS } from './core/language';
export { printable, splitLines } from './core/text';
export { ParserHost, type ParserHostOptions, type ParserHostStats } from './shell/parserHost';
export type { FaultKind } from './shell/parserProtocol';
export type { ShellBodies, ShellBody } from './shell/parse';

const MODULES: Partial<Record<LanguageId, LanguageModule<any>>> = {
  inittab: inittabModule,
  initscript: initscriptModule,
  hacf: hacfModule,
  haresources: haresourcesModule,
  authkeys: { ...authkeysModule, displayText: maskAuthkeys },
  xinetd: { ...xinetdModule, refactors: (model, _src, range) => xinetdRefactors(model, range) },
};

/**
 * The text of a document as it may be shown (the CLI's source lines): secrets masked
 * (authkeys keys), everything else unchanged.
 */
export function displayText(language: LanguageId, text: string): string {
  return MODULES[language]?.displayText?.(text) ?? text;
}

/**
 * Loads what the service needs before it can analyse shell scripts: the tree-sitter runtime
 * and the bash grammar (wasm files in `wasmDir`, or in node_modules when not found there).
 * Call once at start-up; until it resolves, init scripts get header checks only.
 */
export async function initialize(options: { wasmDir: string }): Promise<void> {
  await loadBash(findWasm(options.wasmDir));
}

/** Languages with an analysis module (the others are recognised but not yet checked). */
/** Why shell parsing is off in this process (a wasm runtime failure), or undefined when it works. */
export function shellParserFailure(): string | undefined {
  return bashParserFailure();
}

export function isSupported(language: LanguageId): boolean {
  return MODULES[language] !== undefined;
}

export interface DocumentInput {
  /** Absolute path (POSIX separators) or the path part of the document's URI. */
  path: string;
  text: string;
  language: LanguageId;
}

export interface Analysis {
  path: string;
  language: LanguageId;
  src: SourceText;
  /** Problems after profiles, the user's severities and suppression comments. */
  problems: Problem[];
  info: DocumentInfo;
  /** The language module's model; opaque outside the module. */
  model: unknown;
  settings: Settings;
  host?: WorkspaceHost;
}

/** Parses and checks a document. Never throws for any input text. */
export function analyze(doc: DocumentInput, settings: Settings = DEFAULT_SETTINGS, host?: WorkspaceHost, previous?: { analysis: Analysis; edits: readonly TreeEditInfo[] }, shell?: ShellBodies): Analysis {
  // After edits, the lines are read again only around them (the previous version's text has the rest).
  const src = previous ? SourceText.edited(previous.analysis.src, doc.text, previous.edits) : new SourceText(doc.text);
  const mod = MODULES[doc.language];
  const bare = (reason: string): Analysis => ({ path: doc.path, language: doc.language, src, problems: [], info: { language: doc.language, profile: 'none', reason }, model: undefined, settings, host });
  if (!mod) return bare('not analysed yet');
  if (byteLength(doc.text) > settings.maxFileSize) return bare(`larger than sysvHa.maxFileSize (${settings.maxFileSize} bytes): not analysed`);
  const reuse = previous && previous.analysis.language === doc.language ? { model: previous.analysis.model, edits: previous.edits, src: previous.analysis.src } : undefined;
  const ctx = { path: doc.path, settings, host, previous: reuse, shell };
  let result: ReturnType<typeof mod.analyze>;
  try {
    result = mod.analyze(src, ctx);
  } catch (err) {
    // Never throw for a document: no problems, and the document's info says the analysis failed.
    return bare(`analysis failed: ${err instanceof Error ? err.message : String(err)}`);
  }
  const suppressions = findSuppressions(src);
  const problems: Problem[] = [];
  for (const p of applySeverity(result.problems, settings, result.profileKeys)) {
    if (isSuppressed(suppressions, p)) continue;
    problems.push(clampProblem(src, p.related ? { ...p, related: p.related.map((r) => ({ ...r, path: r.path || doc.path })) } : p));
  }
  problems.sort(compareProblems);
  return { path: doc.path, language: doc.language, src, problems: capPerCode(problems), info: result.info, model: result.model, settings, host };
}

/**
 * At most this many problems of one code are listed per file; the rest are one problem of
 * that code saying how many more there are (docs/security.md "Time"). A real file has far
 * fewer (68 at most in the corpora); a hostile one can have one per line, and 100,000
 * diagnostics are 35 MB that the server would send on every keystroke (VS Code shows 1,000
 * per file).
 */
export const MAX_PROBLEMS_PER_CODE = 200;

const SEVERITY_RANK: Record<Severity, number> = { hint: 0, information: 1, warning: 2, error: 3 };

/** Problems (sorted) with each code's problems past MAX_PROBLEMS_PER_CODE summed up in one. */
function capPerCode(problems: Problem[]): Problem[] {
  if (problems.length <= MAX_PROBLEMS_PER_CODE) return problems;
  const seen = new Map<string, number>();
  const over = new Map<string, { first: Problem; count: number; severity: Severity }>();
  const out: Problem[] = [];
  for (const p of problems) {
    const n = (seen.get(p.code) ?? 0) + 1;
    seen.set(p.code, n);
    if (n <= MAX_PROBLEMS_PER_CODE) {
      out.push(p);
      continue;
    }
    const o = over.get(p.code);
    if (!o) {
      const summary = { first: p, count: 1, severity: p.severity };
      over.set(p.code, summary);
      // Its place in the list: where the first problem not listed is.
      out.push(p);
    } else {
      o.count++;
      if (SEVERITY_RANK[p.severity] > SEVERITY_RANK[o.severity]) o.severity = p.severity;
    }
  }
  if (over.size === 0) return problems;
  return out.map((p) => {
    const o = over.get(p.code);
    if (!o || o.first !== p) return p;
    const more = groupThousands(o.count);
    return {
      code: p.code,
      severity: o.severity,
      range: p.range,
      message: `${more} more ${p.code} problem${o.count === 1 ? '' : 's'} from here on are not listed (${MAX_PROBLEMS_PER_CODE} per code and file are): fix the ones listed and check again.`,
    };
  });
}

/** A problem of an image root that belongs to no document (a dangling rc link), on line 1 of `path`. */
export interface TreeProblem extends Problem {
  path: string;
}

/** Checks of a whole image root that no document carries, after the user's severities. */
export function checkTree(root: string, settings: Settings = DEFAULT_SETTINGS, host: WorkspaceHost): TreeProblem[] {
  return checkTreeRaw(root, host).flatMap((r) => applySeverity([r], settings, []).map((p) => ({ ...p, path: r.path })));
}

/** Whether a position is inside the document (a line of it, a column up to that line's end). */
function inside(src: SourceText, p: Position): boolean {
  return p.line >= 0 && p.line < src.lineCount && p.character >= 0 && p.character <= src.lineText(p.line).length;
}

/**
 * A range moved inside the document: lines and columns past the end are clamped. A range
 * already inside is returned as it is (no copy: a hostile file has a problem per line).
 */
export function clampRange(src: SourceText, r: Range): Range {
  if (inside(src, r.start) && inside(src, r.end) && (r.start.line < r.end.line || (r.start.line === r.end.line && r.start.character <= r.end.character))) return r;
  const pos = (p: Position): Position => {
    if (p.line >= src.lineCount) return { line: src.lineCount - 1, character: src.lineText(src.lineCount - 1).length };
    const line = Math.max(0, p.line);
    return { line, character: Math.max(0, Math.min(p.character, src.lineText(line).length)) };
  };
  const start = pos(r.start);
  const end = pos(r.end);
  return end.line < start.line || (end.line === start.line && end.character < start.character) ? { start, end: start } : { start, end };
}

function clampFix(src: SourceText, f: Fix): Fix {
  if (f.edits.every((e) => clampRange(src, e.range) === e.range)) return f;
  return { ...f, edits: f.edits.map((e) => ({ ...e, range: clampRange(src, e.range) })) };
}

/** The problem with its ranges inside the document: itself when they are. */
function clampProblem(src: SourceText, p: Problem): Problem {
  const range = clampRange(src, p.range);
  const fixes = p.fixes?.map((f) => clampFix(src, f));
  if (range === p.range && (fixes === undefined || fixes.every((f, i) => f === p.fixes![i]))) return p;
  return { ...p, range, fixes };
}

/**
 * A count with its thousands grouped by commas (`99,800`), as `toLocaleString('en-US')` writes it
 * without loading ICU's number formatting into the server (memory; docs/performance.md, session 9).
 */
export function groupThousands(n: number): string {
  const digits = String(n);
  let out = digits.slice(0, ((digits.length - 1) % 3) + 1);
  for (let i = out.length; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`;
  return out;
}

/**
 * Code units, not `localeCompare`: the collator loads ICU's collation code and data (2.5 MB of
 * the server's resident memory). For the registry's codes (lower-case ASCII letters, digits,
 * `-` and `/`) both give the same order; a unit test compares them over every registered code.
 */
export function compareCodes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareProblems(a: Problem, b: Problem): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || compareCodes(a.code, b.code);
}

export function doComplete(a: Analysis, position: Position): CompletionEntry[] {
  const mod = MODULES[a.language];
  if (!mod?.complete || a.model === undefined) return [];
  return mod.complete(a.model, a.src, position, { path: a.path, settings: a.settings, host: a.host }).map((c) => ({ ...c, edit: { ...c.edit, range: clampRange(a.src, c.edit.range) } }));
}

export function resolveCompletion(language: LanguageId, key: string): string | undefined {
  return MODULES[language]?.resolveCompletion?.(key);
}

export function doHover(a: Analysis, position: Position): HoverResult | null {
  const mod = MODULES[a.language];
  if (!mod?.hover || a.model === undefined) return null;
  const h = mod.hover(a.model, a.src, position, { path: a.path, settings: a.settings, host: a.host });
  return h ? { ...h, range: clampRange(a.src, h.range) } : null;
}

export function getSymbols(a: Analysis): SymbolEntry[] {
  if (a.model === undefined) return [];
  const clamp = (s: SymbolEntry): SymbolEntry => {
    const range = clampRange(a.src, s.range);
    const selectionRange = clampRange(a.src, s.selectionRange);
    const children = s.children?.map(clamp);
    if (range === s.range && selectionRange === s.selectionRange && (children === undefined || children.every((c, i) => c === s.children![i]))) return s;
    return { ...s, range, selectionRange, children };
  };
  return (MODULES[a.language]?.symbols?.(a.model, a.src) ?? []).map(clamp);
}

export function getCodeLenses(a: Analysis): CodeLensEntry[] {
  if (a.model === undefined) return [];
  return [...(MODULES[a.language]?.lenses?.(a.model, a.src) ?? []), ...migrationLenses(a.language, a.path)].map((l) => ({ ...l, range: clampRange(a.src, l.range) }));
}

export function getSignatureHelp(a: Analysis, position: Position): SignatureInfo | null {
  if (a.model === undefined) return null;
  return MODULES[a.language]?.signatureHelp?.(a.model, a.src, position) ?? null;
}

/** Frees what an analysis holds outside the JS heap; call when it is replaced or closed. */
export function disposeAnalysis(a: Analysis): void {
  if (a.model !== undefined) MODULES[a.language]?.dispose?.(a.model);
}

/**
 * Frees the parse tree (and the statement cache) an analysis keeps for its next version's
 * incremental parse: the analysis still answers every request, and the version after it is
 * parsed from scratch. Calling it again, or `disposeAnalysis` later, is harmless.
 */
/**
 * Whether this analysis's shell body was parsed in this thread from the previous version's tree
 * (false: a full parse here, e.g. after the tree was let go; undefined: not an init script, or its
 * body was parsed elsewhere or not at all).
 */
export function reparsedHere(a: Analysis): boolean | undefined {
  return a.language === 'initscript' ? (a.model as { reparsed?: boolean } | undefined)?.reparsed : undefined;
}

export function releaseTree(a: Analysis): void {
  disposeAnalysis(a);
}

export function getFoldingRanges(a: Analysis): FoldingEntry[] {
  if (a.model === undefined) return [];
  return (MODULES[a.language]?.folding?.(a.model, a.src) ?? []).filter((f) => f.endLine < a.src.lineCount && f.startLine < f.endLine);
}

/** Quick fixes for the problems that touch `range` (optionally only the given codes). */
export function getFixes(a: Analysis, range: Range, codes?: readonly string[]): Fix[] {
  const fixes: Fix[] = [];
  const suppress: Fix[] = [];
  for (const p of a.problems) {
    if (codes && !codes.includes(p.code)) continue;
    if (!overlaps(p.range, range)) continue;
    if (p.fixes) fixes.push(...p.fixes);
    // Every diagnostic can be silenced with a comment, as ShellCheck's can (after the real fixes).
    for (const f of suppressionFixes(a, p)) if (!suppress.some((x) => x.title === f.title)) suppress.push(clampFix(a.src, f));
  }
  return [...fixes, ...suppress];
}

function overlaps(a: Range, b: Range): boolean {
  return contains(a, b.start) || contains(a, b.end) || contains(b, a.start);
}

/**
 * Refactorings (code actions of kind `refactor`, not tied to a diagnostic) at a range, e.g.
 * `chkconfig NAME on|off` for an xinetd service, an LSB block derived from a chkconfig line.
 */
export function getRefactors(a: Analysis, range: Range): Fix[] {
  if (a.model === undefined) return [];
  return (MODULES[a.language]?.refactors?.(a.model, a.src, range) ?? []).map((f) => clampFix(a.src, f));
}

// ---------------------------------------------------------------------------------- navigation
// Cross-file: the init.d, haresources, ha.cf and libraries of the document's image root.

export { workspaceSymbols } from './navigation';

/** Go to definition: the scripts that provide a name, the script a resource runs, a library function, a path's file. */
export function getDefinition(a: Analysis, position: Position): Location[] {
  return nav.definition(a, position);
}

/** Find references: the headers that name a Provides name, the haresources lines that run the script, ... */
export function getReferences(a: Analysis, position: Position, includeDeclaration: boolean): Location[] {
  return nav.references(a, position, includeDeclaration);
}

/** Paths in the document that name an existing file of its image root. */
export function getDocumentLinks(a: Analysis): DocumentLinkEntry[] {
  return nav.documentLinks(a).map((l) => ({ ...l, range: clampRange(a.src, l.range) }));
}

/** What a rename at the position would change, or undefined when nothing is renamable there. */
export function prepareRename(a: Analysis, position: Position): { range: Range; placeholder: string } | undefined {
  return nav.prepareRename(a, position);
}

/** Renames a Provides name across the init.d (and the file and haresources when `canRenameFiles`). */
export function renameSymbol(a: Analysis, position: Position, newName: string, o: { canRenameFiles: boolean }): WorkspaceChange | { error: string } {
  return nav.rename(a, position, newName, o);
}

// ------------------------------------------------------------------------ inlay hints, colours

/** Labels after values whose meaning they hide, on the lines of `range`. */
export function getInlayHints(a: Analysis, range: Range): InlayHintEntry[] {
  if (a.model === undefined) return [];
  return (MODULES[a.language]?.inlayHints?.(a.model, a.src, range) ?? []).map((h) => ({ ...h, position: clampRange(a.src, { start: h.position, end: h.position }).start }));
}

/** Semantic tokens (keywords inside comments), sorted, one line each, inside the document. */
export function getSemanticTokens(a: Analysis): SemanticToken[] {
  if (a.model === undefined) return [];
  return (MODULES[a.language]?.semanticTokens?.(a.model, a.src) ?? []).filter((t) => t.line < a.src.lineCount && t.start + t.length <= a.src.lineText(t.line).length);
}

/** Format Document: edits of blanks only, that leave what the real program reads unchanged. */
export function getFormatEdits(a: Analysis): TextEdit[] {
  return formatDocument(a);
}
