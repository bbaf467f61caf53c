/**
 * A document's text split into physical lines, with each line's terminator kept,
 * because several real parsers (sysvinit, chkconfig) treat a missing final newline
 * or a CR specially.
 */

import type { TextEdit } from './types';

export interface Line {
  /** The line's text without its terminator. */
  text: string;
  /** Offset of the first character in the document. */
  offset: number;
  /** The terminator: `\n`, `\r\n`, a lone `\r`, or `` for a last line without newline. */
  eol: '' | '\n' | '\r\n' | '\r';
}

export class SourceText {
  readonly lines: Line[];

  constructor(readonly text: string) {
    this.lines = splitLines(text);
  }

  get lineCount(): number {
    return this.lines.length;
  }

  /** True when the text ends with a newline (or is empty). */
  get endsWithNewline(): boolean {
    return this.text.length === 0 || this.text.endsWith('\n');
  }

  lineText(line: number): string {
    return this.lines[line]?.text ?? '';
  }

  offsetAt(line: number, character: number): number {
    const l = this.lines[line];
    if (!l) return this.text.length;
    return l.offset + Math.min(character, l.text.length);
  }
}

/**
 * An edit inserting whole lines (`text` ends with a newline) before line `line`; past the
 * last line of a document without a final newline, it goes at the end, after a newline.
 */
export function insertLinesAt(src: SourceText, line: number, text: string): TextEdit {
  if (line < src.lineCount) return { range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: text };
  const last = src.lineCount - 1;
  const end = { line: last, character: src.lineText(last).length };
  return { range: { start: end, end }, newText: `\n${text.replace(/\n$/, '')}` };
}

export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 /* \n */) {
      const cr = i > start && text.charCodeAt(i - 1) === 13;
      lines.push({ text: text.slice(start, cr ? i - 1 : i), offset: start, eol: cr ? '\r\n' : '\n' });
      start = i + 1;
    } else if (c === 13 /* \r */ && text.charCodeAt(i + 1) !== 10) {
      // A lone CR ends a line for LSP clients and editors: count it the same way so that
      // every position after it means the same line on both sides.
      lines.push({ text: text.slice(start, i), offset: start, eol: '\r' });
      start = i + 1;
    }
  }
  // The text after the last newline is a line of its own, even when empty, so that a
  // position just after a final newline still has a line (as editors count lines).
  lines.push({ text: text.slice(start), offset: start, eol: '' });
  return lines;
}

/** UTF-8 byte length of a string (the real programs count bytes, not characters). */
export function byteLength(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

/** Levenshtein distance, for "did you mean" fixes. */
export function editDistance(a: string, b: string): number {
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}

/** The single closest candidate within `max` edits, or undefined when none or a tie. */
export function nearest(word: string, candidates: readonly string[], max = 2): string | undefined {
  let best: string | undefined;
  let bestDist = Infinity;
  let tie = false;
  for (const c of candidates) {
    // Farther than `max` by length alone: cannot be the answer (and a long word costs no time).
    if (Math.abs(c.length - word.length) > max) continue;
    const d = editDistance(word, c);
    if (d < bestDist) {
      best = c;
      bestDist = d;
      tie = false;
    } else if (d === bestDist) {
      tie = true;
    }
  }
  return best !== undefined && bestDist <= max && !tie ? best : undefined;
}

/**
 * Control characters from a file or a file name (ESC, BEL, CR, LF, ...) shown as their Unicode
 * control pictures (one column each, so carets stay aligned) instead of reaching a terminal.
 */
export function printable(s: string): string {
  return s.replace(/[\x00-\x08\x0a-\x1f\x7f\x9b]/g, (ch) => {
    const code = ch.charCodeAt(0);
    return code === 0x7f ? '\u2421' : code < 0x20 ? String.fromCharCode(0x2400 + code) : '\ufffd';
  });
}
