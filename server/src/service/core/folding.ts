/** Folding helpers shared by the line-based formats. */
import type { FoldingEntry } from './types';

/** Folding ranges over runs of two or more comment lines (`kinds[i] === 'comment'`). */
export function commentFolding(kinds: readonly string[]): FoldingEntry[] {
  const out: FoldingEntry[] = [];
  let start = -1;
  for (let i = 0; i <= kinds.length; i++) {
    if (kinds[i] === 'comment') {
      if (start < 0) start = i;
    } else {
      if (start >= 0 && i - 1 > start) out.push({ startLine: start, endLine: i - 1, kind: 'comment' });
      start = -1;
    }
  }
  return out;
}
