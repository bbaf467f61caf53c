/**
 * xinetd parser: reads a file the way xinetd's `parse_conf_file` does (`parse.c`,
 * `parsesup.c`), so the model says exactly which lines xinetd reads as what:
 * - `next_line` skips lines that are blank or whose first non-blank character is `#`;
 *   a `#` anywhere else is an ordinary character;
 * - words are split on SP and TAB only (a CR of a CR LF line stays in the last word);
 * - after `service NAME` / `defaults` the next line must hold `{` and nothing else;
 * - inside an entry, a line holding only `}` ends it; any other line is `NAME OP VALUES`
 *   and a line that is not (`user=root`, `wait no`, `wait`) fails the whole entry;
 * - after a failed entry or a line that is not an entry keyword, xinetd skips lines
 *   up to the next line holding only `}` (`skip_entry`), whatever they are.
 * Never throws.
 *
 * @see spec/domain.md §7.1
 */
import type { SourceText } from '../../core/text';
import { eq, type Operator } from './spec';

/** A word on a line: its text (as xinetd sees it, a trailing CR included) and its columns. */
export interface Tok {
  text: string;
  start: number;
  end: number;
}

export type LineFault = 'glued' | 'nothing' | 'bad-op';

export interface AttrLine {
  line: number;
  /** Columns of the first and after the last non-blank character (CR excluded). */
  start: number;
  end: number;
  name: Tok;
  op?: { text: Operator; start: number; end: number };
  values: Tok[];
  /** Why `get_attr_op` refused the line. */
  fault?: LineFault;
  /** The line holds a brace word (`}` or `{` alone as a word, or at a word's start). */
  brace?: Tok;
}

export type EntryFault =
  /** The line after the header is not `{` alone (`line` is that line, -1 at end of file). */
  | { kind: 'missing-open'; line: number }
  /** An attribute line xinetd cannot read; the entry is dropped. */
  | { kind: 'line'; attr: AttrLine }
  /** The file ends inside the entry. */
  | { kind: 'incomplete' };

export interface Entry {
  kind: 'service' | 'defaults';
  line: number;
  /** Columns of the header line's text. */
  start: number;
  end: number;
  keyword: Tok;
  name?: Tok;
  /** Words after the service name (ignored by xinetd). */
  extra: Tok[];
  open?: number;
  close?: number;
  attrs: AttrLine[];
  fault?: EntryFault;
  /** The last line xinetd read for this entry (its `}`, or where skipping stopped). */
  last: number;
}

export interface Directive {
  kind: 'include' | 'includedir';
  line: number;
  keyword: Tok;
  arg: Tok;
}

export interface BadLine {
  line: number;
  start: number;
  end: number;
  words: Tok[];
  reason: 'missing-keyword' | 'name-missing';
  /** The last line xinetd skipped after it (up to a `}` line), or -1 at end of file. */
  skippedTo: number;
}

export type LineKind = 'blank' | 'comment' | 'code';

export interface XinetdModel {
  entries: Entry[];
  directives: Directive[];
  badLines: BadLine[];
  kinds: LineKind[];
  /** First line ending in CR LF, or -1. */
  firstCrLine: number;
}

const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\n' || c === '\v' || c === '\f';

/** `str_parse(line, " \t")`: words separated by SP and TAB. */
export function words(text: string, from = 0): Tok[] {
  const out: Tok[] = [];
  let i = from;
  while (i < text.length) {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
    if (i >= text.length) break;
    const s = i;
    while (i < text.length && text[i] !== ' ' && text[i] !== '\t') i++;
    out.push({ text: text.slice(s, i), start: s, end: i });
  }
  return out;
}

/** `line_has_only_1_char`: exactly one `ch` and otherwise only white space. */
export function onlyChar(text: string, ch: string): boolean {
  let seen = false;
  for (const c of text) {
    if (c === ch && !seen) seen = true;
    else if (!isSpace(c)) return false;
  }
  return seen;
}

/** `get_attr_op` and `parse_line`. */
export function parseAttrLine(text: string, line: number): AttrLine {
  let p = 0;
  while (p < text.length && isSpace(text[p]!)) p++;
  const start = p;
  let end = text.length;
  while (end > start && isSpace(text[end - 1]!)) end--;
  const a = p;
  while (p < text.length && !isSpace(text[p]!) && text[p] !== '=') p++;
  const name: Tok = { text: text.slice(a, p), start: a, end: p };
  const base = { line, start, end, name, values: [] as Tok[] };
  const brace = words(text).find((w) => w.text === '}' || w.text === '{' || w.text.startsWith('}') || (w.text.startsWith('{') && w.start === start));
  const withBrace = <T extends AttrLine>(x: T): T => (brace ? { ...x, brace: clip(brace, end) } : x);
  if (p >= text.length) return withBrace({ ...base, fault: 'nothing' });
  if (text[p] === '=') return withBrace({ ...base, fault: 'glued', op: { text: '=', start: p, end: p + 1 } });
  while (p < text.length && isSpace(text[p]!)) p++;
  if (p >= text.length) return withBrace({ ...base, fault: 'nothing' });
  let op: Operator;
  const opStart = p;
  if (text[p] === '=') op = '=';
  else if ((text[p] === '+' || text[p] === '-') && text[p + 1] === '=') { op = text[p] === '+' ? '+=' : '-='; p++; }
  else return withBrace({ ...base, fault: 'bad-op' });
  p++;
  const values = words(text, p).map((w) => clip(w, end));
  return withBrace({ ...base, op: { text: op, start: opStart, end: p }, values });
}

/** A token's columns limited to the visible text (a CR is part of the text, not of the range). */
function clip(t: Tok, end: number): Tok {
  return t.end > end && t.text.endsWith('\r') ? { ...t, end: Math.max(t.start, Math.min(t.end, end)) } : t;
}

export function parseXinetd(src: SourceText): XinetdModel {
  const kinds: LineKind[] = [];
  let firstCrLine = -1;
  // The text as xinetd reads it: a CR LF line keeps its CR.
  const raw: string[] = src.lines.map((l, i) => {
    if (l.eol === '\r\n' && firstCrLine < 0) firstCrLine = i;
    return l.eol === '\r\n' ? `${l.text}\r` : l.text;
  });
  raw.forEach((t) => {
    let i = 0;
    while (i < t.length && isSpace(t[i]!)) i++;
    kinds.push(i >= t.length ? 'blank' : t[i] === '#' ? 'comment' : 'code');
  });
  const visibleEnd = (i: number): number => {
    const t = src.lines[i]!.text;
    let e = t.length;
    while (e > 0 && isSpace(t[e - 1]!)) e--;
    return e;
  };
  const firstNonBlank = (i: number): number => {
    const t = src.lines[i]!.text;
    let s = 0;
    while (s < t.length && isSpace(t[s]!)) s++;
    return s;
  };

  let cursor = 0;
  /** `next_line`: the next line that is neither blank nor a comment, or -1. */
  const next = (): number => {
    while (cursor < raw.length) {
      const i = cursor++;
      if (kinds[i] === 'code') return i;
    }
    return -1;
  };
  /** `skip_entry`: up to and including a line holding only `}`; returns it, or -1 at EOF. */
  const skip = (): number => {
    for (;;) {
      const i = next();
      if (i < 0) return -1;
      if (onlyChar(raw[i]!, '}')) return i;
    }
  };

  const entries: Entry[] = [];
  const directives: Directive[] = [];
  const badLines: BadLine[] = [];

  for (;;) {
    const i = next();
    if (i < 0) break;
    const ws = words(raw[i]!).map((w) => clip(w, visibleEnd(i)));
    const kw = ws[0]!;
    const start = firstNonBlank(i);
    const end = visibleEnd(i);
    if (eq(kw.text, 'service') || eq(kw.text, 'include') || eq(kw.text, 'includedir')) {
      const arg = ws[1];
      if (!arg) {
        badLines.push({ line: i, start, end, words: ws, reason: 'name-missing', skippedTo: skip() });
        continue;
      }
      if (!eq(kw.text, 'service')) {
        directives.push({ kind: eq(kw.text, 'include') ? 'include' : 'includedir', line: i, keyword: kw, arg });
        continue;
      }
    } else if (!eq(kw.text, 'defaults')) {
      badLines.push({ line: i, start, end, words: ws, reason: 'missing-keyword', skippedTo: skip() });
      continue;
    }
    const entry: Entry = {
      kind: eq(kw.text, 'service') ? 'service' : 'defaults', line: i, start, end, keyword: kw,
      name: eq(kw.text, 'service') ? ws[1] : undefined, extra: ws.slice(eq(kw.text, 'service') ? 2 : 1), attrs: [], last: i,
    };
    entries.push(entry);
    const o = next();
    if (o < 0 || !onlyChar(raw[o]!, '{')) {
      entry.fault = { kind: 'missing-open', line: o };
      if (o >= 0) {
        // find_next_entry consumed that line; skip_entry then reads up to the next `}` line.
        const s = skip();
        entry.last = s < 0 ? raw.length - 1 : s;
      }
      continue;
    }
    entry.open = o;
    entry.last = o;
    for (;;) {
      const l = next();
      if (l < 0) {
        if (!entry.fault) entry.fault = { kind: 'incomplete' };
        entry.last = raw.length - 1;
        break;
      }
      entry.last = l;
      if (onlyChar(raw[l]!, '}')) {
        entry.close = l;
        break;
      }
      const attr = parseAttrLine(raw[l]!, l);
      entry.attrs.push(attr);
      if (attr.fault) {
        entry.fault = { kind: 'line', attr };
        const s = skip();
        if (s < 0) entry.last = raw.length - 1;
        else { entry.last = s; entry.close = s; }
        break;
      }
    }
  }
  return { entries, directives, badLines, kinds, firstCrLine };
}
