/**
 * Inline fixtures for tests. A fixture is the file's text with annotation lines under the
 * lines they describe; annotation lines are removed before analysis:
 *
 *     6:2345:respwn:/sbin/mingetty tty6
 *            ^^^^^^ inittab/unknown-action
 *
 * A caret line is blanks, one or more `^` and a code; its carets give the columns of the
 * diagnostic on the line above (`^` alone with `(empty)` after the code: zero-width).
 * The cursor marker is `┃`, a character that occurs in none of the formats.
 */
import * as assert from 'node:assert/strict';
import * as svc from '../../server/src/service';
import { secretLeaks } from './secrets';

export const CURSOR = '┃';

const ANNOTATION = /^([ \t]*)(\^+)[ \t]+([a-z]+\/[a-z0-9-]+)([ \t]+\(empty\))?[ \t]*$/;

export interface Expected {
  line: number;
  start: number;
  end: number;
  code: string;
}

export function parseFixture(fixture: string): { text: string; expected: Expected[] } {
  const lines = fixture.split('\n');
  const kept: string[] = [];
  const expected: Expected[] = [];
  for (const line of lines) {
    const m = ANNOTATION.exec(line);
    if (m && kept.length > 0) {
      const start = m[1]!.length;
      const end = m[4] ? start : start + m[2]!.length;
      expected.push({ line: kept.length - 1, start, end, code: m[3]! });
    } else {
      kept.push(line);
    }
  }
  return { text: kept.join('\n'), expected };
}

/** Codes that some test expected; a test file asserts every registered code is covered. */
export const coveredCodes = new Set<string>();

export interface CheckOptions {
  language?: svc.LanguageId;
  settings?: Partial<svc.Settings>;
  path?: string;
  /** Compare only these codes (default: every diagnostic must be expected). */
  only?: string[];
}

export function analyzeText(text: string, options: CheckOptions = {}): svc.Analysis {
  const settings = { ...svc.DEFAULT_SETTINGS, ...options.settings };
  // Every authkeys fixture of the suite also goes through the secrets oracle (issue 14.2).
  if (options.language === 'authkeys') {
    const leaks = secretLeaks(text, options.path ?? '/etc/ha.d/authkeys', settings);
    assert.deepEqual(leaks, [], `a key of this authkeys fixture is shown:\n${text}`);
  }
  return svc.analyze({ path: options.path ?? '/etc/inittab', text, language: options.language ?? 'inittab' }, settings);
}

/** Asserts that the fixture produces exactly the annotated diagnostics. */
export function checkDiagnostics(fixture: string, options: CheckOptions = {}): svc.Analysis {
  const { text, expected } = parseFixture(fixture);
  const analysis = analyzeText(text, options);
  const actual = analysis.problems
    .filter((p) => !options.only || options.only.includes(p.code))
    .map((p) => {
      // A single-line range is compared by columns; a multi-line one by its start only.
      const end = p.range.end.line === p.range.start.line ? p.range.end.character : p.range.start.character;
      return { line: p.range.start.line, start: p.range.start.character, end, code: p.code };
    });
  for (const e of expected) coveredCodes.add(e.code);
  const show = (xs: Expected[]) => xs.map((x) => `${x.line + 1}:${x.start}-${x.end} ${x.code}`).sort();
  assert.deepEqual(show(actual), show(expected), `diagnostics differ for:\n${text}\n\nmessages:\n${analysis.problems.map((p) => `${p.range.start.line + 1}: ${p.code}: ${p.message}`).join('\n')}`);
  for (const p of analysis.problems) {
    assert.ok(p.message.length > 0 && !p.message.includes('\n'), `${p.code}: the message must be one line`);
  }
  return analysis;
}

/** Splits text at the cursor marker. */
export function withCursor(fixture: string): { text: string; position: svc.Position } {
  const offset = fixture.indexOf(CURSOR);
  assert.ok(offset >= 0, `${CURSOR} missing in ${fixture}`);
  const text = fixture.slice(0, offset) + fixture.slice(offset + CURSOR.length);
  const before = text.slice(0, offset).split('\n');
  return { text, position: { line: before.length - 1, character: before[before.length - 1]!.length } };
}

/** Applies text edits (non-overlapping) to a text. */
export function applyEdits(text: string, edits: readonly svc.TextEdit[]): string {
  const src = text.split('\n');
  const offsetOf = (p: svc.Position) => {
    let o = 0;
    for (let i = 0; i < p.line; i++) o += src[i]!.length + 1;
    return o + p.character;
  };
  const sorted = [...edits].sort((a, b) => offsetOf(b.range.start) - offsetOf(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offsetOf(e.range.start)) + e.newText + out.slice(offsetOf(e.range.end));
  return out;
}

/** Asserts completion at the cursor offers `label`, and that applying it gives `result`. */
export function checkCompletion(fixture: string, label: string, result: string, options: CheckOptions = {}): svc.CompletionEntry[] {
  const { text, position } = withCursor(fixture);
  const items = svc.doComplete(analyzeText(text, options), position);
  const item = items.find((i) => i.label === label);
  assert.ok(item, `no completion '${label}' in [${items.map((i) => i.label).join(', ')}]`);
  assert.equal(applyEdits(text, [item.edit]), result);
  return items;
}

export function hoverAt(fixture: string, options: CheckOptions = {}): svc.HoverResult | null {
  const { text, position } = withCursor(fixture);
  return svc.doHover(analyzeText(text, options), position);
}

/** Is a range inside the analysed document (a column may be one past the end of its line)? */
export function inside(a: svc.Analysis, r: svc.Range): boolean {
  const lines = a.src.lines;
  const ok = (p: svc.Position) => p.line >= 0 && p.line < lines.length && p.character >= 0 && p.character <= lines[p.line]!.text.length + 1;
  return ok(r.start) && ok(r.end) && (r.start.line < r.end.line || (r.start.line === r.end.line && r.start.character <= r.end.character));
}
