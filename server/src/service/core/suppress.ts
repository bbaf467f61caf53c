/**
 * Suppression comments, the same in every format (all of them use `#` comments):
 *   # sysv-ha-disable-next-line CODE[,CODE...]   silences those codes on the next line
 *   # sysv-ha-disable-file CODE[,CODE...]        silences them in the whole file
 */
import type { Problem } from './types';
import type { SourceText } from './text';

const DIRECTIVE = /^\s*#\s*sysv-ha-disable-(next-line|file)\b(.*)$/;

export interface Suppressions {
  /** line → codes silenced on it */
  lines: Map<number, Set<string>>;
  file: Set<string>;
}

export function findSuppressions(src: SourceText): Suppressions {
  const lines = new Map<number, Set<string>>();
  const file = new Set<string>();
  // Only the lines that mention a directive are read (a 20k-line script has none, or a few).
  for (let at = src.text.indexOf('sysv-ha-disable-'); at >= 0;) {
    const index = src.lineAt(at);
    at = index + 1 < src.lineCount ? src.text.indexOf('sysv-ha-disable-', src.offsetAt(index + 1, 0)) : -1;
    const m = DIRECTIVE.exec(src.lineText(index));
    if (!m) continue;
    const codes = m[2]!.split(/[\s,]+/).filter((c) => c.length > 0);
    if (m[1] === 'file') {
      for (const c of codes) file.add(c);
    } else {
      const set = lines.get(index + 1) ?? new Set<string>();
      for (const c of codes) set.add(c);
      lines.set(index + 1, set);
    }
  }
  return { lines, file };
}

export function isSuppressed(s: Suppressions, p: Problem): boolean {
  if (s.file.has(p.code)) return true;
  return s.lines.get(p.range.start.line)?.has(p.code) ?? false;
}
