/**
 * Linear-time string helpers for what a regular expression would do in quadratic time on a
 * hostile line (docs/security.md "Time"): V8's backtracking engine retries an unanchored
 * pattern such as `/[ \t]+$/` or `/.*\//` from every start position, so a 100,000-character
 * run costs 10^10 steps. Each helper here scans once. The lint rules
 * `regexp/no-super-linear-move` and `regexp/no-super-linear-backtracking` (eslint.config.mjs)
 * keep such patterns out of server/src.
 */

/** Whether `ch` (one UTF-16 unit) is one of `set`. */
const isIn = (set: string, ch: string): boolean => set.includes(ch);

/** `s` without its trailing characters from `set` (`/[set]+$/` removed). */
export function trimEndOf(s: string, set: string): string {
  let end = s.length;
  while (end > 0 && isIn(set, s[end - 1]!)) end--;
  return end === s.length ? s : s.slice(0, end);
}

/** `s` without trailing blanks (space and tab only, as the real parsers count them). */
export function trimEndBlanks(s: string): string {
  return trimEndOf(s, ' \t');
}

/** Where the trailing run of characters that pass `test` starts (`s.length` when none). */
export function trailingRunStart(s: string, test: (ch: string) => boolean): number {
  let start = s.length;
  while (start > 0 && test(s[start - 1]!)) start--;
  return start;
}

/** The text after the last `ch` (all of `s` when there is none): `s.replace(/.*ch/, '')`. */
export function afterLast(s: string, ch: string): string {
  const i = s.lastIndexOf(ch);
  return i < 0 ? s : s.slice(i + 1);
}

/** `s` cut at the first `ch` (all of `s` when there is none): `s.replace(/ch.*$/, '')` for a one-line `s`. */
export function beforeFirst(s: string, ch: string): string {
  const i = s.indexOf(ch);
  return i < 0 ? s : s.slice(0, i);
}
