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

/** A text edit as offsets (UTF-16): the span it replaced in the text before it, and where its new text ends. */
export interface OffsetEdit {
  startIndex: number;
  oldEndIndex: number;
  newEndIndex: number;
}

export class SourceText {
  /** Where each line starts (UTF-16 offsets): the lines themselves are made when asked for. */
  private readonly starts: Int32Array;
  private made?: Line[];

  constructor(readonly text: string, starts?: Int32Array) {
    this.starts = starts ?? lineStarts(text);
  }

  /**
   * The text after `edits` (in order, each relative to the text after the ones before it, as
   * LSP and tree-sitter give them) of `previous`: the line starts are read again only around
   * what changed, the others kept (moved). Falls back to a full read when the edits do not
   * lead from `previous.text` to a text of `text`'s length.
   */
  static edited(previous: SourceText, text: string, edits: readonly OffsetEdit[]): SourceText {
    if (edits.length === 0) return previous.text === text ? previous : new SourceText(text);
    const starts = editedStarts(previous, text, edits);
    return new SourceText(text, starts);
  }

  /** Each line with its offset and terminator (made on first use). */
  get lines(): Line[] {
    if (!this.made) {
      const lines: Line[] = [];
      for (let i = 0; i < this.starts.length; i++) lines.push({ text: this.lineText(i), offset: this.starts[i]!, eol: this.eolOf(i) });
      this.made = lines;
    }
    return this.made;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** True when the text ends with a newline (or is empty). */
  get endsWithNewline(): boolean {
    return this.text.length === 0 || this.text.endsWith('\n');
  }

  lineText(line: number): string {
    if (!this.has(line)) return '';
    return this.made ? this.made[line]!.text : this.text.slice(this.starts[line]!, this.lineEnd(line));
  }

  offsetAt(line: number, character: number): number {
    if (!this.has(line)) return this.text.length;
    const start = this.starts[line]!;
    return start + Math.min(character, this.lineEnd(line) - start);
  }

  /** The line that holds offset `offset` (clamped to the text). */
  lineAt(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  private has(line: number): boolean {
    return Number.isInteger(line) && line >= 0 && line < this.starts.length;
  }

  /** Where line `line`'s text ends (before its terminator). */
  private lineEnd(line: number): number {
    if (line + 1 >= this.starts.length) return this.text.length;
    const next = this.starts[line + 1]!;
    // The terminator before the next line: \n, \r\n (the \r in this line), or a lone \r.
    return this.text.charCodeAt(next - 1) === 10 && next - 2 >= this.starts[line]! && this.text.charCodeAt(next - 2) === 13 ? next - 2 : next - 1;
  }

  private eolOf(line: number): Line['eol'] {
    if (line + 1 >= this.starts.length) return '';
    const next = this.starts[line + 1]!;
    if (this.text.charCodeAt(next - 1) === 13) return '\r';
    return next - 2 >= this.starts[line]! && this.text.charCodeAt(next - 2) === 13 ? '\r\n' : '\n';
  }
}

/** Gives `push` each line start after a terminator in `text[from..to)`, in order, until it returns false. */
function scanStarts(text: string, from: number, to: number, push: (start: number) => boolean): void {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    // A lone CR ends a line for LSP clients and editors (see splitLines).
    if ((c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) && !push(i + 1)) return;
  }
}

/** Where each line of `text` starts, as `splitLines` cuts them. */
export function lineStarts(text: string): Int32Array {
  let starts = new Int32Array(Math.max(16, text.length >> 5));
  let n = 0;
  const push = (at: number) => {
    if (n === starts.length) {
      const grown = new Int32Array(starts.length * 2);
      grown.set(starts);
      starts = grown;
    }
    starts[n++] = at;
    return true;
  };
  push(0);
  scanStarts(text, 0, text.length, push);
  return starts.slice(0, n);
}

/** `lineStarts(text)`, from the line starts of the text before `edits`: read again only around what they changed. */
function editedStarts(previous: SourceText, text: string, edits: readonly OffsetEdit[]): Int32Array {
  // The span of the new text that the edits wrote or moved text into: before it the text is
  // the old one, after it the old one shifted by `delta`.
  let lo = 0;
  let hi = 0;
  let delta = 0;
  let first = true;
  for (const e of edits) {
    const d = e.newEndIndex - e.oldEndIndex;
    if (!(e.startIndex >= 0 && e.oldEndIndex >= e.startIndex && e.newEndIndex >= e.startIndex)) return lineStarts(text);
    if (first) {
      lo = e.startIndex;
      hi = e.newEndIndex;
      first = false;
    } else {
      const map = (x: number, inside: number) => (x <= e.startIndex ? x : x >= e.oldEndIndex ? x + d : inside);
      lo = Math.min(map(lo, e.startIndex), e.startIndex);
      hi = Math.max(map(hi, e.newEndIndex), e.newEndIndex);
    }
    delta += d;
  }
  const old = previous.text;
  if (text.length !== old.length + delta || hi > text.length || lo < 0) return lineStarts(text);
  const oldStarts = (previous as unknown as { starts: Int32Array }).starts;
  // From the start of the line holding the character before the span (a line start depends on
  // the character before it and, for a lone CR, the one at it).
  const k = previous.lineAt(Math.max(0, lo - 1));
  const scanned: number[] = [];
  let resume = -1;
  scanStarts(text, oldStarts[k]!, text.length, (at) => {
    scanned.push(at);
    // Past the span: from here the text is the old one shifted, and so are its line starts.
    if (at - 1 >= hi) {
      resume = at;
      return false;
    }
    return true;
  });
  let tail = 0;
  let from = oldStarts.length;
  if (resume >= 0) {
    from = bisect(oldStarts, resume - delta);
    if (from < 0) return lineStarts(text);
    tail = oldStarts.length - from - 1;
  }
  const out = new Int32Array(k + 1 + scanned.length + tail);
  out.set(oldStarts.subarray(0, k + 1));
  out.set(scanned, k + 1);
  for (let i = 0; i < tail; i++) out[k + 1 + scanned.length + i] = oldStarts[from + 1 + i]! + delta;
  // Edits that do not lead to this text (a client's bug) leave starts that follow no terminator: read it all then.
  for (let i = 1; i < out.length; i++) {
    const c = text.charCodeAt(out[i]! - 1);
    if (c !== 10 && c !== 13) return lineStarts(text);
  }
  return out;
}

/** The index of `value` in the sorted `a`, or -1. */
function bisect(a: Int32Array, value: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = a[mid]!;
    if (v === value) return mid;
    if (v < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
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
