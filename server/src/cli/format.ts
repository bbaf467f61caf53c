/** The CLI's output formats: text (compiler style with a caret line), JSON and SARIF 2.1.0. */
import { relative } from 'node:path';
import { allProblems, docsUrl, printable, problemDef, splitLines, type Problem } from '../service';

export interface FileResult {
  path: string;
  text: string;
  /** A problem of a whole tree on a path with no text (a dangling link): no excerpt, not counted as a checked file. */
  noText?: boolean;
  problems: Problem[];
}

/** One object per diagnostic, as spec/checks.md "CLI JSON output" defines it. */
export interface JsonDiagnostic {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Problem['severity'];
  code: string;
  message: string;
}

export function toJsonDiagnostics(results: readonly FileResult[]): JsonDiagnostic[] {
  const out: JsonDiagnostic[] = [];
  for (const r of results) {
    for (const p of r.problems) {
      out.push({
        file: r.path,
        line: p.range.start.line + 1,
        column: p.range.start.character + 1,
        endLine: p.range.end.line + 1,
        endColumn: p.range.end.character + 1,
        severity: p.severity,
        code: p.code,
        message: p.message,
      });
    }
  }
  return out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
}

export function formatJson(results: readonly FileResult[]): string {
  return JSON.stringify(toJsonDiagnostics(results), null, 2) + '\n';
}

const COLORS = { error: '\x1b[31m', warning: '\x1b[33m', information: '\x1b[36m', hint: '\x1b[2m', reset: '\x1b[0m', bold: '\x1b[1m' };

export { printable };

/** Source lines longer than this are shown as a window of this many characters around the range. */
const EXCERPT_MAX = 240;
const EXCERPT_CONTEXT = 80;

/** A file found but not analysed (unreadable, a link out of the tree, binary, too large), reported once. */
export interface SkippedFile {
  path: string;
  kind: string;
  message: string;
}

export function formatText(results: readonly FileResult[], options: { cwd: string; color: boolean; skipped?: readonly SkippedFile[] }): string {
  const c = (k: keyof typeof COLORS, s: string) => (options.color ? COLORS[k] + s + COLORS.reset : s);
  const lines: string[] = [];
  const counts = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const r of results) {
    const display = printable(displayPath(r.path, options.cwd));
    const src = splitLines(r.text).map((l) => l.text);
    for (const p of r.problems) {
      counts[p.severity]++;
      const { line, character } = p.range.start;
      lines.push(`${c('bold', `${display}:${line + 1}:${character + 1}:`)} ${c(p.severity, p.severity)} ${p.code}: ${printable(p.message)}`);
      if (r.noText) continue;
      const whole = src[line] ?? '';
      const fullEnd = p.range.end.line === line ? Math.max(p.range.end.character, character + 1) : Math.max(whole.length, character + 1);
      // A long line is shown as a window around the range (the whole line once per problem
      // made the output quadratic: 100,000 problems on one 700 kB line).
      const from = whole.length > EXCERPT_MAX ? Math.max(0, Math.min(character - EXCERPT_CONTEXT, whole.length - EXCERPT_MAX)) : 0;
      const to = whole.length > EXCERPT_MAX ? Math.min(whole.length, from + EXCERPT_MAX) : whole.length;
      const text = (from > 0 ? '…' : '') + printable(whole.slice(from, to)) + (to < whole.length ? '…' : '');
      const shift = from > 0 ? from - 1 : 0;
      const col = character - shift;
      const end = Math.min(fullEnd - shift, text.length + 1);
      const gutter = String(line + 1).padStart(5);
      // Keep tabs in the caret line so the carets sit under the right characters.
      const pad = text.slice(0, col).replace(/[^\t]/g, ' ');
      lines.push(`${gutter} | ${text}`);
      lines.push(`${' '.repeat(gutter.length)} | ${pad}${c(p.severity, '^'.repeat(Math.max(1, Math.min(end, Math.max(text.length, col + 1)) - col)))}`);
    }
  }
  for (const s of options.skipped ?? []) lines.push(`${c('bold', `${printable(displayPath(s.path, options.cwd))}:`)} ${printable(s.message)}`);
  const total = counts.error + counts.warning + counts.information + counts.hint;
  const files = results.filter((r) => !r.noText).length;
  const parts = (['error', 'warning', 'information', 'hint'] as const).filter((k) => counts[k] > 0).map((k) => `${counts[k]} ${k}${counts[k] === 1 || k === 'information' ? '' : 's'}`);
  const nSkipped = options.skipped?.length ?? 0;
  const skippedNote = nSkipped > 0 ? ` ${nSkipped} file${nSkipped === 1 ? '' : 's'} not checked.` : '';
  lines.push((total === 0
    ? `No problems in ${files} file${files === 1 ? '' : 's'}.`
    : `${total} problem${total === 1 ? '' : 's'} (${parts.join(', ')}) in ${files} file${files === 1 ? '' : 's'}.`) + skippedNote);
  return lines.join('\n') + '\n';
}

function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path).replace(/\\/g, '/');
  return rel.startsWith('..') || rel === '' ? path : rel;
}

const SARIF_LEVEL = { error: 'error', warning: 'warning', information: 'note', hint: 'note' } as const;

/** A path as a URI reference: each segment percent-encoded, `/` kept. */
function uriPath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

/**
 * SARIF 2.1.0 as code-scanning tools read it: file locations relative to `%SRCROOT%` (the
 * directory the check ran in, given in originalUriBaseIds) where they are under it, absolute
 * file URIs otherwise; every rule with its helpUri (the code's section of the rendered docs).
 */
export function formatSarif(results: readonly FileResult[], version: string, cwd = process.cwd(), skipped: readonly SkippedFile[] = []): string {
  const rules = allProblems().map((def) => ({
    id: def.code,
    shortDescription: { text: stripMarkdown(def.detects) },
    fullDescription: { text: stripMarkdown(def.behaviour) },
    helpUri: docsUrl(def.code),
    defaultConfiguration: { level: SARIF_LEVEL[def.severity] },
    properties: { appliesTo: def.appliesTo },
  }));
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const base = cwd.replace(/\\/g, '/').replace(/\/?$/, '/');
  const artifact = (path: string) => {
    if (path.startsWith(base)) return { uri: uriPath(path.slice(base.length)), uriBaseId: '%SRCROOT%' };
    if (path.startsWith('/')) return { uri: 'file://' + uriPath(path) };
    return { uri: uriPath(path) }; // <stdin>
  };
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'sysv-ha', version, informationUri: 'https://github.com/sysv-ha/sysv-ha', rules } },
      // Files found but not analysed: one notification each (SARIF's place for what the tool could not do).
      ...(skipped.length > 0 ? { invocations: [{ executionSuccessful: !skipped.some((s) => s.kind === 'unreadable' || s.kind === 'outside' || s.kind === 'not-regular'), toolExecutionNotifications: skipped.map((s) => ({ level: s.kind === 'binary' || s.kind === 'too-large' ? 'note' : 'error', message: { text: `${s.path}: ${s.message}` }, locations: [{ physicalLocation: { artifactLocation: { uri: encodeURI('file://' + s.path) } } }] })) }] } : {}),
      originalUriBaseIds: { '%SRCROOT%': { uri: 'file://' + uriPath(base) } },
      results: results.flatMap((r) => {
        const artifactLocation = artifact(r.path);
        return r.problems.map((p) => ({
          ruleId: p.code,
          ruleIndex: index.get(p.code),
          level: SARIF_LEVEL[p.severity],
          message: { text: p.message },
          locations: [{
            physicalLocation: {
              artifactLocation,
              region: { startLine: p.range.start.line + 1, startColumn: p.range.start.character + 1, endLine: p.range.end.line + 1, endColumn: p.range.end.character + 1 },
            },
          }],
        }));
      }),
    }],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}

function stripMarkdown(s: string): string {
  return s.replace(/`/g, '');
}

export { problemDef };
