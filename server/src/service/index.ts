/**
 * The service facade: pure functions over (document text, settings). The language server
 * and the CLI are thin wrappers over these; nothing here imports an editor or LSP API.
 *
 * An `Analysis` is computed once per document version and shared by every feature.
 */
import { applySeverity } from './core/registry';
import { DEFAULT_SETTINGS, type Settings } from './core/settings';
import { findSuppressions, isSuppressed } from './core/suppress';
import { SourceText } from './core/text';
import { contains, type CodeLensEntry, type CompletionEntry, type Fix, type FoldingEntry, type HoverResult, type Position, type Problem, type Range, type SymbolEntry } from './core/types';
import type { DocumentInfo, LanguageId, LanguageModule, SignatureInfo, TreeEditInfo, WorkspaceHost } from './core/language';
import { inittabModule } from './languages/inittab';
import { initscriptModule } from './languages/initscript';
import { findWasm, loadBash } from './shell/treeSitter';
import { hacfModule } from './languages/hacf';
import { haresourcesModule } from './languages/haresources';
import { authkeysModule, maskAuthkeys } from './languages/authkeys';
import { xinetdModule, xinetdRefactors } from './languages/xinetd';
// The ipaddr library has no file of its own; importing it registers its codes.
import './languages/ipaddr';

export * from './core/types';
export * as boot from './boot';
export * from './core/settings';
export { allProblems, problemDef, levelFor, type ProblemDef } from './core/registry';
export { languageForPath, languageForDocument, looksLikeInitScript, baseName } from './core/detect';
export type { DocumentInfo, FileInfo, LanguageId, ShellSyntaxResult, SignatureInfo, TreeEditInfo, WorkspaceHost } from './core/language';
export { LANGUAGE_IDS } from './core/language';

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
export function analyze(doc: DocumentInput, settings: Settings = DEFAULT_SETTINGS, host?: WorkspaceHost, previous?: { analysis: Analysis; edits: readonly TreeEditInfo[] }): Analysis {
  const src = new SourceText(doc.text);
  const mod = MODULES[doc.language];
  if (!mod) {
    return { path: doc.path, language: doc.language, src, problems: [], info: { language: doc.language, profile: 'none', reason: 'not analysed yet' }, model: undefined, settings, host };
  }
  const reuse = previous && previous.analysis.language === doc.language ? { model: previous.analysis.model, edits: previous.edits } : undefined;
  const ctx = { path: doc.path, settings, host, previous: reuse };
  const result = mod.analyze(src, ctx);
  const suppressions = findSuppressions(src);
  const problems = applySeverity(result.problems, settings, result.profileKeys)
    .filter((p) => !isSuppressed(suppressions, p))
    .map((p) => (p.related ? { ...p, related: p.related.map((r) => ({ ...r, path: r.path || doc.path })) } : p))
    .sort(compareProblems);
  return { path: doc.path, language: doc.language, src, problems, info: result.info, model: result.model, settings, host };
}

function compareProblems(a: Problem, b: Problem): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.code.localeCompare(b.code);
}

export function doComplete(a: Analysis, position: Position): CompletionEntry[] {
  const mod = MODULES[a.language];
  return mod?.complete ? mod.complete(a.model, a.src, position, { path: a.path, settings: a.settings, host: a.host }) : [];
}

export function resolveCompletion(language: LanguageId, key: string): string | undefined {
  return MODULES[language]?.resolveCompletion?.(key);
}

export function doHover(a: Analysis, position: Position): HoverResult | null {
  const mod = MODULES[a.language];
  return mod?.hover ? mod.hover(a.model, a.src, position, { path: a.path, settings: a.settings, host: a.host }) : null;
}

export function getSymbols(a: Analysis): SymbolEntry[] {
  return MODULES[a.language]?.symbols?.(a.model, a.src) ?? [];
}

export function getCodeLenses(a: Analysis): CodeLensEntry[] {
  return MODULES[a.language]?.lenses?.(a.model, a.src) ?? [];
}

export function getSignatureHelp(a: Analysis, position: Position): SignatureInfo | null {
  return MODULES[a.language]?.signatureHelp?.(a.model, a.src, position) ?? null;
}

/** Frees what an analysis holds outside the JS heap; call when it is replaced or closed. */
export function disposeAnalysis(a: Analysis): void {
  MODULES[a.language]?.dispose?.(a.model);
}

export function getFoldingRanges(a: Analysis): FoldingEntry[] {
  return MODULES[a.language]?.folding?.(a.model, a.src) ?? [];
}

/** Quick fixes for the problems that touch `range` (optionally only the given codes). */
export function getFixes(a: Analysis, range: Range, codes?: readonly string[]): Fix[] {
  const fixes: Fix[] = [];
  for (const p of a.problems) {
    if (!p.fixes || (codes && !codes.includes(p.code))) continue;
    if (!overlaps(p.range, range)) continue;
    fixes.push(...p.fixes);
  }
  return fixes;
}

function overlaps(a: Range, b: Range): boolean {
  return contains(a, b.start) || contains(a, b.end) || contains(b, a.start);
}

/**
 * Refactorings (code actions of kind `refactor`, not tied to a diagnostic) at a range, e.g.
 * `chkconfig NAME on|off` for an xinetd service, an LSB block derived from a chkconfig line.
 */
export function getRefactors(a: Analysis, range: Range): Fix[] {
  return a.model === undefined ? [] : MODULES[a.language]?.refactors?.(a.model, a.src, range) ?? [];
}
