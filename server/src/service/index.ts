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
import type { DocumentInfo, LanguageId, LanguageModule, WorkspaceHost } from './core/language';
import { inittabModule } from './languages/inittab';
// The ipaddr library has no file of its own; importing it registers its codes.
import './languages/ipaddr';

export * from './core/types';
export * from './core/settings';
export { allProblems, problemDef, levelFor, type ProblemDef } from './core/registry';
export { languageForPath, languageForDocument, looksLikeInitScript, baseName } from './core/detect';
export type { DocumentInfo, FileInfo, LanguageId, ShellSyntaxResult, WorkspaceHost } from './core/language';
export { LANGUAGE_IDS } from './core/language';

const MODULES: Partial<Record<LanguageId, LanguageModule<any>>> = {
  inittab: inittabModule,
};

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
export function analyze(doc: DocumentInput, settings: Settings = DEFAULT_SETTINGS, host?: WorkspaceHost): Analysis {
  const src = new SourceText(doc.text);
  const mod = MODULES[doc.language];
  if (!mod) {
    return { path: doc.path, language: doc.language, src, problems: [], info: { language: doc.language, profile: 'none', reason: 'not analysed yet' }, model: undefined, settings, host };
  }
  const ctx = { path: doc.path, settings, host };
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
