/**
 * Init-script headers, read from raw lines as chkconfig (`leveldb.c parseServiceInfo`) and
 * insserv (`scan_lsb_headers`) read them — not from the shell tree, whose error recovery
 * can swallow comments. Never throws.
 *
 * @see spec/domain.md §2.1, §3.2, §5.2, Appendix A
 */
import type { SourceText } from '../../core/text';
import { trimEndBlanks } from '../../core/scan';
import { LSB_KEYWORDS, lsbKeywordCaseless, type LsbKeyword } from './spec';

export interface Token {
  text: string;
  /** Columns on the line. */
  start: number;
  end: number;
}

export interface ChkconfigLine {
  line: number;
  /** Columns of `chkconfig:` (as written, any case). */
  keyword: Token;
  /** The value after the colon, with its columns. */
  value: Token;
  /** The keyword is spelled exactly `chkconfig:` (chkconfig compares case-sensitively). */
  exact: boolean;
}

export interface Chkconfig {
  line: number;
  levels: Token;
  start: Token;
  stop: Token;
  /** Runlevels 0-6 from the levels token (empty for `-`). */
  levelSet: number[];
  startPriority: number;
  stopPriority: number;
}

export interface ChkconfigError {
  line: number;
  start: number;
  end: number;
  reason: string;
}

export type KeywordFormat = 'ok' | 'no-space' | 'extra-space' | 'case' | 'space-before-colon';

export interface LsbEntry {
  line: number;
  /** The keyword as written. */
  keyword: Token;
  spec?: LsbKeyword;
  /** X-* extension keyword. */
  extension: boolean;
  format: KeywordFormat;
  value: Token;
  /** Value words split on blanks (commas kept, as chkconfig does). */
  words: Token[];
}

export interface LsbBlock {
  begin: number;
  end?: number;
  entries: LsbEntry[];
  /** Lines inside the block that are neither keyword lines nor continuations. */
  badLines: { line: number; reason: 'not-comment' | 'malformed' }[];
}

export interface Description {
  line: number;
  /** Column of the trailing backslash, when the value ends with one. */
  backslash?: number;
  /** The line that continues it, or undefined when chkconfig drops the description. */
  continuedBy?: number;
}

export interface HeaderModel {
  /** Every `chkconfig:` line in any case, in file order. */
  chkconfigLines: ChkconfigLine[];
  /** The first exact `chkconfig:` line, parsed; undefined when absent or invalid. */
  chkconfig?: Chkconfig;
  /** Why the first exact chkconfig line is rejected, when it is. */
  chkconfigError?: ChkconfigError;
  descriptions: Description[];
  /** Every BEGIN INIT INFO block in file order (insserv uses the last). */
  blocks: LsbBlock[];
  /** Red Hat tags (processname, config, pidfile…). */
  tags: { name: string; line: number; value: Token }[];
  /** The levels chkconfig ends up with, in file order (undefined: no level known). */
  chkconfigLevels?: number[];
}


const isBlank = (code: number) => code === 32 || code === 9;

/** Columns after `#` and blanks on a comment line, or undefined when the line is not a comment. */
function commentBody(text: string): { hash: number; body: number } | undefined {
  let i = 0;
  while (i < text.length && isBlank(text.charCodeAt(i))) i++;
  if (text.charCodeAt(i) !== 35 /* # */) return undefined;
  const hash = i;
  i++;
  while (i < text.length && isBlank(text.charCodeAt(i))) i++;
  return { hash, body: i };
}

/** A line's text without a trailing CR. */
const withoutCr = (t: string) => (t.endsWith('\r') ? t.slice(0, -1) : t);

/** Blank-separated words of `text` (which starts at column `offset`). */
function words(text: string, offset: number): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(/[^ \t]+/g)) out.push({ text: m[0], start: offset + m.index!, end: offset + m.index! + m[0].length });
  return out;
}

export function parseHeader(src: SourceText): HeaderModel {
  const model: HeaderModel = { chkconfigLines: [], descriptions: [], blocks: [], tags: [] };
  let block: LsbBlock | undefined;
  /** Inside a block, the previous keyword line was a Description (or its continuation). */
  let inDescription = false;

  // Most lines are code: told from the text without making them (no line objects, no slices).
  const all = src.text;
  const count = src.lineCount;
  // Without a CR, each line starts after the next LF.
  const lfOnly = all.indexOf('\r') < 0;
  let start = 0;
  for (let index = 0; index < count; index++) {
    if (index > 0) start = lfOnly ? all.indexOf('\n', start) + 1 : src.offsetAt(index, 0);
    let k = start;
    while (isBlank(all.charCodeAt(k))) k++;
    if (all.charCodeAt(k) !== 35 /* # */) {
      if (block && block.end === undefined && withoutCr(src.lineText(index)).trim().length > 0) block.badLines.push({ line: index, reason: 'not-comment' });
      continue;
    }
    const text = withoutCr(src.lineText(index));
    const c = commentBody(text)!;
    const body = text.slice(c.body);

    // LSB block delimiters: '###' in column 1 (insserv and LSB); chkconfig only needs the BEGIN.
    if (/^###[ \t]*BEGIN INIT INFO\b/.test(text)) {
      block = { begin: index, entries: [], badLines: [] };
      model.blocks.push(block);
      inDescription = false;
      continue;
    }
    if (/^###[ \t]*END INIT INFO\b/.test(text)) {
      if (block && block.end === undefined) block.end = index;
      inDescription = false;
      continue;
    }

    // chkconfig: "#", blanks, then the keyword compared as a prefix, case-sensitively.
    const ck = /^(chkconfig)[ \t]*:/i.exec(body);
    if (ck) {
      const kwEnd = c.body + ck[0].length;
      model.chkconfigLines.push({
        line: index,
        keyword: { text: ck[0], start: c.body, end: kwEnd },
        value: { text: text.slice(kwEnd), start: kwEnd, end: text.length },
        exact: body.startsWith('chkconfig:'),
      });
    }

    const desc = /^(description|Description|Short-Description)(\([^)]{0,5}\))?:/.exec(body);
    if (desc) {
      const d: Description = { line: index };
      const trimmed = trimEndBlanks(text);
      if (trimmed.endsWith('\\')) {
        d.backslash = trimmed.length - 1;
        // chkconfig skips blank lines, then needs a comment line.
        for (let j = index + 1; j < count; j++) {
          const next = src.lineText(j).replace(/\r$/, '');
          if (next.trim().length === 0) continue;
          if (commentBody(next)) d.continuedBy = j;
          break;
        }
      }
      model.descriptions.push(d);
    }

    const tag = /^(processname|config|pidfile|probe|hide):/.exec(body);
    if (tag) {
      const start = c.body + tag[0].length;
      model.tags.push({ name: tag[1]!, line: index, value: { text: text.slice(start).trim(), start, end: text.length } });
    }

    if (block && block.end === undefined) {
      const entry = parseLsbLine(text, index, c, inDescription);
      if (entry === 'continuation') continue;
      if (entry === 'empty') {
        inDescription = false;
        continue;
      }
      if (entry === undefined) {
        block.badLines.push({ line: index, reason: 'malformed' });
        inDescription = false;
        continue;
      }
      block.entries.push(entry);
      inDescription = entry.spec?.name === 'Description';
    }
  }

  // An unterminated block runs to the end of the file for insserv; report it once (on
  // BEGIN) and keep only the comment lines right after it as its content.
  for (const b of model.blocks) {
    if (b.end !== undefined) continue;
    const firstCode = b.badLines.find((l) => l.reason === 'not-comment')?.line ?? Infinity;
    b.badLines = b.badLines.filter((l) => l.line < firstCode && l.reason !== 'not-comment');
    b.entries = b.entries.filter((e) => e.line < firstCode);
  }

  model.chkconfig = undefined;
  const first = model.chkconfigLines.find((l) => l.exact);
  if (first) {
    const parsed = parseChkconfig(first, src);
    if ('reason' in parsed) model.chkconfigError = parsed;
    else model.chkconfig = parsed;
  }
  model.chkconfigLevels = chkconfigLevels(model, src);
  return model;
}

/** Parses one line inside an LSB block. */
function parseLsbLine(text: string, line: number, c: { hash: number; body: number }, inDescription: boolean): LsbEntry | 'continuation' | 'empty' | undefined {
  // An empty comment line inside a Description keeps it going (paragraph breaks).
  if (text.slice(c.hash + 1).trim().length === 0) return inDescription ? 'continuation' : 'empty';
  const afterHash = text.slice(c.hash + 1);
  // Continuation of a Description: '#' then a TAB or at least two spaces.
  if (inDescription && c.hash === 0 && /^(\t|  )/.test(afterHash)) return 'continuation';
  const m = /^([A-Za-z][A-Za-z0-9_-]*)([ \t]*):/.exec(text.slice(c.body));
  if (!m) return undefined;
  const name = m[1]!;
  const spec = lsbKeywordCaseless(name);
  const extension = /^X-/i.test(name);
  const spacing = c.body - c.hash - 1;
  let format: KeywordFormat = 'ok';
  if (c.hash !== 0 || spacing > 1 || text[c.hash + 1] === '\t') format = 'extra-space';
  else if (spacing === 0) format = 'no-space';
  if (m[2]!.length > 0) format = 'space-before-colon';
  else if (spec && spec.name !== name && format === 'ok') format = 'case';
  const kwStart = c.body;
  const kwEnd = c.body + name.length;
  const valueStart = c.body + m[0].length;
  const value = text.slice(valueStart);
  return {
    line, keyword: { text: name, start: kwStart, end: kwEnd }, spec, extension: extension && !spec, format,
    value: { text: value.trim(), start: valueStart + (value.length - value.trimStart().length), end: trimEndBlanks(text).length },
    words: words(value, valueStart),
  };
}

/** `sscanf(value, "%15s %d %d%c") == 4 && isspace(c)` and the level/priority checks. */
function parseChkconfig(l: ChkconfigLine, src: SourceText): Chkconfig | ChkconfigError {
  const lineText = src.lineText(l.line).replace(/\r$/, '');
  const whole = { line: l.line, start: l.keyword.start, end: lineText.length };
  const ws = words(l.value.text, l.value.start);
  if (ws.length === 0) return { ...whole, reason: 'it is empty' };
  if (ws.length < 3) return { ...whole, reason: `it has ${ws.length} value${ws.length === 1 ? '' : 's'}; chkconfig needs LEVELS START STOP` };
  const [levels, start, stop] = ws as [Token, Token, Token];
  // Only the text's last line has no terminator.
  const lastLine = l.line === src.lineCount - 1;
  const endsValue = stop.end === lineText.length;
  if (endsValue && lastLine) return { ...whole, reason: 'it is the last line and has no newline (chkconfig needs a character after the stop priority)' };
  const num = /^[+-]?\d+/;
  const sm = num.exec(start.text);
  const pm = num.exec(stop.text);
  if (!sm) return { line: l.line, start: start.start, end: start.end, reason: `the start priority '${start.text}' is not a number` };
  if (!pm) return { line: l.line, start: stop.start, end: stop.end, reason: `the stop priority '${stop.text}' is not a number` };
  // %d stops at the first non-digit; the %c after it must then be a blank.
  if (pm[0].length !== stop.text.length) return { line: l.line, start: stop.start, end: stop.end, reason: `'${stop.text}' is not followed by a blank` };
  if (sm[0].length !== start.text.length) return { line: l.line, start: start.start, end: start.end, reason: `the start priority '${start.text}' is not a number` };
  const startPriority = Number.parseInt(sm[0], 10);
  const stopPriority = Number.parseInt(pm[0], 10);
  if (levels.text !== '-' && !/^[0-6]+$/.test(levels.text)) {
    const bad = [...levels.text].find((ch) => !/[0-6]/.test(ch))!;
    return { line: l.line, start: levels.start, end: levels.end, reason: `'${bad}' is not a runlevel 0-6 (use '-' for none)` };
  }
  if (startPriority < 0 || startPriority > 99) return { line: l.line, start: start.start, end: start.end, reason: `the start priority ${startPriority} is outside 0-99` };
  if (stopPriority < 0 || stopPriority > 99) return { line: l.line, start: stop.start, end: stop.end, reason: `the stop priority ${stopPriority} is outside 0-99` };
  const levelSet = levels.text === '-' ? [] : [...new Set([...levels.text].map(Number))].sort();
  return { line: l.line, levels, start, stop, levelSet, startPriority, stopPriority };
}

/**
 * Why chkconfig refuses a script ("service NAME does not support chkconfig"), or undefined
 * when it takes it (§2.1 "chkconfig-able", `leveldb.c parseServiceInfo`):
 * - `chkconfig-line`: the first exact `chkconfig:` line cannot be parsed;
 * - `no-levels`: no chkconfig line and no Default-Start/Default-Stop that parsed a number
 *   (`Default-Start: S` sets nothing);
 * - `no-header`: no chkconfig line and no LSB block.
 * `isLsb` is chkconfig's isLSB (a BEGIN INIT INFO line; an /etc/chkconfig.d override can add one).
 * The boot planner and the `initscript/no-chkconfig-levels` check both use this.
 */
export type ChkconfigRejection = 'chkconfig-line' | 'no-levels' | 'no-header';

export function chkconfigRejection(h: HeaderModel, isLsb = h.blocks.length > 0): ChkconfigRejection | undefined {
  if (h.chkconfigError) return 'chkconfig-line';
  if (h.chkconfigLevels === undefined) return 'no-levels';
  if (!isLsb && !h.chkconfig) return 'no-header';
  return undefined;
}

/** strtol over a Default-Start/Stop value, as chkconfig reads it: numbers until the first non-number. */
export function chkconfigLevelNumbers(value: string): number[] {
  const out: number[] = [];
  let rest = value;
  for (;;) {
    const m = /^[ \t]*([+-]?\d+)/.exec(rest);
    if (!m) break;
    out.push(Number.parseInt(m[1]!, 10));
    rest = rest.slice(m[0].length);
  }
  return out;
}

/**
 * The levels chkconfig ends up with: lines are read in file order; the chkconfig line sets
 * the levels if none are set yet, Default-Start ORs levels in, Default-Stop clears them.
 * LSB keywords count anywhere in the file (chkconfig ignores the block delimiters).
 */
function chkconfigLevels(model: HeaderModel, src: SourceText): number[] | undefined {
  let levels: Set<number> | undefined;
  const chkLine = model.chkconfig?.line;
  // Only the chkconfig line and the lines with Default-Start/Stop matter, in file order: found
  // by searching the text, not by going through every line.
  const rows: number[] = [];
  for (let at = src.text.indexOf('Default-St'); at >= 0; at = src.text.indexOf('Default-St', at + 1)) {
    const row = src.lineAt(at);
    if (rows[rows.length - 1] !== row) rows.push(row);
  }
  if (chkLine !== undefined && !rows.includes(chkLine)) {
    rows.push(chkLine);
    rows.sort((a, b) => a - b);
  }
  for (const index of rows) {
    const text = withoutCr(src.lineText(index));
    const c = commentBody(text);
    if (!c) continue;
    const body = text.slice(c.body);
    if (model.chkconfig && index === model.chkconfig.line && levels === undefined) {
      levels = new Set(model.chkconfig.levelSet);
      continue;
    }
    const m = /^(Default-Start|Default-Stop):(.*)$/.exec(body);
    if (!m) continue;
    const nums = chkconfigLevelNumbers(m[2]!);
    // Levels become known only once a number was parsed (`Default-Start: S` sets nothing).
    if (nums.length === 0) continue;
    levels ??= new Set();
    if (m[1] === 'Default-Start') for (const n of nums) levels.add(n);
    else for (const n of nums) levels.delete(n);
  }
  // Bits above 6 (a packed "2345" is level 2345) are never used by any runlevel.
  return levels ? [...levels].filter((n) => n >= 0 && n <= 6).sort() : undefined;
}

export { LSB_KEYWORDS };
