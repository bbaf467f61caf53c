/**
 * The problem registry: the only place a diagnostic code is declared. Codes come from the
 * catalogue (`spec/checks.md`) and are public: never rename or reuse one. The docs page
 * `docs/diagnostics.md` is generated from these entries, settings keys and suppression
 * comments use the codes, and tests assert on codes rather than on message text.
 */
import type { Level, RawProblem, Problem, Severity } from './types';
import type { Settings } from './settings';

export interface ProblemDef {
  code: string;
  /** Default severity. */
  severity: Severity;
  /** In the first release's scope (`core`) or planned (`later`). */
  core: boolean;
  /** What is detected, in one or two sentences (Markdown). */
  detects: string;
  /** What the real program does with the same input (Markdown). */
  behaviour: string;
  /** Where the fact comes from (`§1.1` = spec/domain.md section). */
  source: string;
  /** Which dialects or profiles the check applies to, for the docs. */
  appliesTo: string;
  /** Default level per profile or dialect key, where it differs from `severity`. */
  profiles?: Partial<Record<string, Level>>;
  /** A failing example (the fixture tests also use it). */
  example?: string;
  /**
   * Why the default is what it is, where it differs from spec/checks.md or depends on the
   * profile or the folder (re-derived from what the real programs do); shown in the docs.
   */
  severityWhy?: string;
  /** A code of this project, not in spec/checks.md (its "New codes" rules). */
  projectCode?: true;
}

const registry = new Map<string, ProblemDef>();

/** Registers a language's problems; called once per language module at load. */
export function defineProblems(defs: readonly ProblemDef[]): void {
  for (const def of defs) {
    if (registry.has(def.code)) throw new Error(`duplicate problem code ${def.code}`);
    registry.set(def.code, def);
  }
}

/** Where the rendered docs/diagnostics.md is published (the repository's docs on GitHub). */
export const DOCS_URL = 'https://github.com/sysv-ha/sysv-ha/blob/main/docs/diagnostics.md';

/** The anchor GitHub gives a code's heading (`### inittab/unknown-action` → `inittabunknown-action`). */
export function docsAnchor(code: string): string {
  return code.toLowerCase().replace(/[^a-z0-9 _-]/g, '').replace(/ /g, '-');
}

/** The rendered documentation of a code, at its own section. */
export function docsUrl(code: string): string {
  return `${DOCS_URL}#${docsAnchor(code)}`;
}

export function problemDef(code: string): ProblemDef | undefined {
  return registry.get(code);
}

export function allProblems(): ProblemDef[] {
  return [...registry.values()];
}

/**
 * The level a code is reported at: the user's per-code setting first, then the default
 * for the file's profile or dialect, then the code's default.
 */
export function levelFor(code: string, settings: Settings, profileKeys: readonly string[] = []): Level {
  const user = settings.severity[code];
  if (user) return user;
  const def = registry.get(code);
  if (!def) return 'error';
  for (const key of profileKeys) {
    const level = def.profiles?.[key];
    if (level) return level;
  }
  return def.severity;
}

/** Gives raw problems their severity, dropping the ones turned off. */
export function applySeverity(raw: readonly RawProblem[], settings: Settings, profileKeys: readonly string[]): Problem[] {
  const out: Problem[] = [];
  // One lookup per code (a hostile file has a problem of the same code on every line).
  const levels = new Map<string, Level>();
  for (const p of raw) {
    let level = levels.get(p.code);
    if (level === undefined) levels.set(p.code, (level = levelFor(p.code, settings, profileKeys)));
    if (p.severity && level !== 'off' && !settings.severity[p.code]) level = p.severity;
    if (level === 'off') continue;
    out.push({ ...p, severity: level });
  }
  return out;
}
