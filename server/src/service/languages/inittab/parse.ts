/**
 * inittab parser. Never throws; keeps every line, including the ones init would reject,
 * so the checks can say why. Fields are split the way the real programs split them:
 * sysvinit with `strsep(":")` three times after skipping leading blanks (blanks around
 * `:` stay in the fields), BusyBox with `config_read` (no trimming, `#` ends the line
 * anywhere).
 *
 * @see spec/domain.md §1.1 and §1.6
 */
import type { SourceText } from '../../core/text';
import { BUSYBOX_ONLY_ACTIONS, SYSVINIT_ONLY_ACTIONS, type Dialect } from './spec';

/** A field of an entry: its text and its columns on the entry's line. */
export interface Field {
  text: string;
  start: number;
  end: number;
}

export interface Entry {
  /** 0-based line. */
  line: number;
  /** The line's text without its terminator or a trailing CR. */
  text: string;
  /** Columns of leading blanks (sysvinit skips them; BusyBox does not). */
  indent: number;
  /** The line ended in CR LF. */
  cr: boolean;
  /** Fields in order: id (BusyBox: tty), runlevels, action, process. Absent when not reached. */
  id: Field;
  runlevels?: Field;
  action?: Field;
  process?: Field;
  /** BusyBox: where a `#` cut the line, if one did. */
  commentAt?: number;
}

export type LineKind = 'blank' | 'comment' | 'entry';

export interface InittabModel {
  dialect: Dialect;
  /** Why this dialect: a setting, the profile, or what the entries look like. */
  dialectReason: string;
  /** Entries in file order. */
  entries: Entry[];
  /** Kind of every line, by index. */
  kinds: LineKind[];
  /** BusyBox: lines that start with a blank (they are entries there, and bad ones). */
  indented: number[];
  /** First line that ends in CR LF, or -1. */
  firstCrLine: number;
  /** The last line has text and no newline. */
  lastLineUnterminated: boolean;
}

export interface ParseOptions {
  /** A dialect the user chose; `auto` lets the entries decide. */
  dialect: 'auto' | Dialect;
  /** Why the dialect was chosen, when it was not detected. */
  reason?: string;
}

export function parseInittab(src: SourceText, options: ParseOptions): InittabModel {
  const dialect = options.dialect === 'auto' ? detectDialect(src) : { dialect: options.dialect, reason: options.reason ?? 'set by sysvHa.inittab.dialect' };
  const kinds: LineKind[] = [];
  const entries: Entry[] = [];
  const indented: number[] = [];
  let firstCrLine = -1;

  src.lines.forEach((line, index) => {
    let text = line.text;
    const cr = line.eol === '\r\n' || text.endsWith('\r');
    if (text.endsWith('\r')) text = text.slice(0, -1);
    if (cr && firstCrLine < 0) firstCrLine = index;

    if (dialect.dialect === 'busybox') {
      // config_read: only an empty line or one whose FIRST character is '#' is skipped.
      if (text.length === 0) return void kinds.push('blank');
      if (text[0] === '#') return void kinds.push('comment');
      if (text[0] === ' ' || text[0] === '\t') {
        // Not trimmed: an indented comment, an indented entry or a line of blanks is a bad
        // entry for BusyBox. The checks report the blank and nothing else on the line.
        indented.push(index);
        const rest = text.trimStart();
        return void kinds.push(rest.length === 0 ? 'blank' : rest[0] === '#' ? 'comment' : 'entry');
      }
      kinds.push('entry');
      entries.push(splitBusybox(text, index, cr));
      return;
    }

    const indent = leadingBlanks(text);
    if (indent === text.length) return void kinds.push('blank');
    if (text[indent] === '#') return void kinds.push('comment');
    kinds.push('entry');
    entries.push(splitSysvinit(text, index, cr, indent));
  });

  const last = src.lines[src.lines.length - 1]!;
  const lastLineUnterminated = last.eol === '' && last.text.length > 0;
  return { dialect: dialect.dialect, dialectReason: dialect.reason, entries, kinds, indented, firstCrLine, lastLineUnterminated };
}

function leadingBlanks(text: string): number {
  let i = 0;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  return i;
}

/** Splits at the first three colons; the rest of the line is the process. */
function splitFields(text: string, from: number, to: number): Field[] {
  const fields: Field[] = [];
  let start = from;
  for (let n = 0; n < 3; n++) {
    const colon = text.indexOf(':', start);
    if (colon < 0 || colon >= to) {
      fields.push({ text: text.slice(start, to), start, end: to });
      return fields;
    }
    fields.push({ text: text.slice(start, colon), start, end: colon });
    start = colon + 1;
  }
  fields.push({ text: text.slice(start, to), start, end: to });
  return fields;
}

function toEntry(fields: Field[], line: number, text: string, cr: boolean, indent: number): Entry {
  return { line, text, cr, indent, id: fields[0]!, runlevels: fields[1], action: fields[2], process: fields[3] };
}

function splitSysvinit(text: string, line: number, cr: boolean, indent: number): Entry {
  return toEntry(splitFields(text, indent, text.length), line, text, cr, indent);
}

function splitBusybox(text: string, line: number, cr: boolean): Entry {
  // PARSE_EOL_COMMENTS: a '#' anywhere ends the line, quotes or not.
  const hash = text.indexOf('#');
  const end = hash < 0 ? text.length : hash;
  const entry = toEntry(splitFields(text, 0, end), line, text, cr, leadingBlanks(text));
  if (hash >= 0) entry.commentAt = hash;
  return entry;
}

/**
 * Dialect detection (spec/checks.md "Profiles"): entries that look like BusyBox (an empty
 * first field, or a BusyBox-only action) against entries that look like sysvinit (a
 * non-empty runlevels field, or a sysvinit-only action). BusyBox only when it wins.
 */
export function detectDialect(src: SourceText): { dialect: Dialect; reason: string } {
  let busybox = 0;
  let sysvinit = 0;
  for (const line of src.lines) {
    const text = line.text.replace(/\r$/, '');
    const indent = leadingBlanks(text);
    if (indent === text.length || text[indent] === '#' || !text.includes(':')) continue;
    const fields = splitFields(text, indent, text.length);
    const action = (fields[2]?.text ?? '').trim().toLowerCase();
    if (fields[0]!.text.length === 0 || BUSYBOX_ONLY_ACTIONS.includes(action)) busybox++;
    if ((fields[1]?.text ?? '').length > 0 || SYSVINIT_ONLY_ACTIONS.includes(action)) sysvinit++;
  }
  return busybox > sysvinit
    ? { dialect: 'busybox', reason: `detected: ${busybox} of the entries look like BusyBox, ${sysvinit} like sysvinit` }
    : { dialect: 'sysvinit', reason: busybox + sysvinit === 0 ? 'default (no entries)' : `detected: ${sysvinit} of the entries look like sysvinit, ${busybox} like BusyBox` };
}
