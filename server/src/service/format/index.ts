/**
 * Format Document: conservative layouts that change blanks only, never what the real
 * program reads.
 * - inittab: trailing blanks only (no field is touched);
 * - ha.cf: no indentation, one blank between a directive and its values, no trailing blanks,
 *   at most one blank line in a row and none at the end;
 * - haresources: no indentation on a group's first line, one blank between resources, no
 *   trailing blanks, except after a `\` (heartbeat then ends the group there: removing them would
 *   join the groups); blank lines as in ha.cf, never one that a `\` continues;
 * - authkeys: the same for `auth N` and key lines (the edits touch blanks only, never a key);
 * - xinetd: attributes of a service or defaults block indented as the block's first attribute
 *   (a tab when it is not) and their operators aligned, one blank between values, comments of
 *   the block indented alike; entries xinetd refuses are left as they are.
 * Every edit replaces a run of blanks (or deletes a blank line): `whitespaceEdits` refuses to
 * produce anything else. The corpus test re-checks that each formatted file analyses the same.
 */
import type { LanguageId } from '../core/language';
import { trimEndBlanks } from '../core/scan';
import type { SourceText } from '../core/text';
import type { TextEdit } from '../core/types';
import type { HacfDoc } from '../languages/hacf/features';
import type { HaresourcesDoc } from '../languages/haresources/features';
import type { AuthkeysDoc } from '../languages/authkeys/features';
import type { XinetdDoc } from '../languages/xinetd/features';
import { findDirective } from '../languages/hacf/spec';

export interface FormatDoc {
  language: LanguageId;
  src: SourceText;
  model: unknown;
}

const BLANKS = /^[ \t]*$/;

/** Runs of blanks and the words between them: [b0, w1, b1, w2, ..., wn, bn]. */
function runs(text: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i <= text.length) {
    let j = i;
    while (j < text.length && (text[j] === ' ' || text[j] === '\t')) j++;
    out.push(text.slice(i, j));
    if (j >= text.length) break;
    let k = j;
    while (k < text.length && text[k] !== ' ' && text[k] !== '\t') k++;
    out.push(text.slice(j, k));
    i = k;
  }
  return out;
}

/**
 * Edits turning line `line` from `before` into `after`, each replacing one run of blanks; none
 * when the two differ in anything but blanks (a formatter bug must not change the file).
 */
export function whitespaceEdits(line: number, before: string, after: string): TextEdit[] {
  if (before === after) return [];
  const a = runs(before);
  const b = runs(after);
  if (a.length !== b.length) return [];
  for (let i = 1; i < a.length; i += 2) if (a[i] !== b[i]) return [];
  const edits: TextEdit[] = [];
  let col = 0;
  for (let i = 0; i < a.length; i++) {
    if (i % 2 === 0 && a[i] !== b[i]) edits.push({ range: { start: { line, character: col }, end: { line, character: col + a[i]!.length } }, newText: b[i]! });
    col += a[i]!.length;
  }
  return edits;
}

/** Deletes blank lines beyond the first of a run and at the end of the file (`removable` says which lines may go). */
function blankLineEdits(src: SourceText, removable: (line: number) => boolean): TextEdit[] {
  const edits: TextEdit[] = [];
  const n = src.lineCount;
  // The last line of a text ending in a newline is the empty string after it: not a line to remove.
  const last = src.endsWithNewline && n > 0 && src.lineText(n - 1) === '' ? n - 2 : n - 1;
  let end = last;
  while (end >= 0 && BLANKS.test(src.lineText(end)) && removable(end)) end--;
  for (let l = 0; l <= last; l++) {
    const blank = BLANKS.test(src.lineText(l)) && removable(l);
    const prevBlank = l > 0 && BLANKS.test(src.lineText(l - 1)) && removable(l - 1);
    if (blank && (l > end || prevBlank || l === 0)) edits.push({ range: { start: { line: l, character: 0 }, end: { line: l + 1, character: 0 } }, newText: '' });
  }
  return edits;
}

const trimEnd = trimEndBlanks;

/** One blank between the words of `text` up to `end` (the rest kept), no indentation, no trailing blanks. */
function tidy(text: string, end = text.length): string {
  const head = text.slice(0, end).trim().split(/[ \t]+/).join(' ');
  return trimEnd(head + text.slice(end));
}

function formatInittab(src: SourceText): TextEdit[] {
  const edits: TextEdit[] = [];
  src.lines.forEach((l, i) => edits.push(...whitespaceEdits(i, l.text, trimEnd(l.text))));
  return edits;
}

function formatHacf(doc: HacfDoc, src: SourceText): TextEdit[] {
  const edits: TextEdit[] = [];
  const byLine = new Map(doc.model.directives.map((d) => [d.line, d]));
  src.lines.forEach((l, i) => {
    const d = byLine.get(i);
    let want = trimEnd(l.text);
    if (d) {
      // Whole-line directives hand the rest of the line to their own parser: only the gap after the name changes.
      const spec = findDirective(d.name.text, doc.version);
      const wholeLine = !spec || spec.kind === 'wholeline' || ['mcast', 'mcast6', 'ucast', 'ucast6', 'ping_group', 'rds', 'tipc'].includes(d.name.text);
      const rest = want.slice(d.name.end).replace(/^[ \t]+/, '');
      const values = wholeLine || rest.includes('#') ? rest : tidy(rest);
      want = rest.length > 0 ? `${d.name.text} ${values}` : d.name.text;
    } else if (doc.model.kinds[i] === 'comment') want = want.replace(/^[ \t]+/, '');
    edits.push(...whitespaceEdits(i, l.text, want));
  });
  return [...edits, ...blankLineEdits(src, (l) => doc.model.kinds[l] === 'blank')];
}

function formatHaresources(doc: HaresourcesDoc, src: SourceText): TextEdit[] {
  const edits: TextEdit[] = [];
  const broken = new Set(doc.model.brokenContinuations.map((b) => b.line));
  src.lines.forEach((l, i) => {
    const kind = doc.model.kinds[i];
    // Blanks after a final `\` end the group for heartbeat: that line stays as it is.
    if (broken.has(i)) return;
    const text = l.text;
    const hash = text.indexOf('#');
    const code = hash < 0 ? text : text.slice(0, hash);
    let want: string;
    if (kind === 'group' || kind === 'continuation') {
      const indent = kind === 'continuation' ? /^[ \t]*/.exec(code)![0] : '';
      const body = code.trim().split(/[ \t]+/).filter(Boolean).join(' ');
      want = `${indent}${body}${hash < 0 ? '' : `${body ? ' ' : ''}${text.slice(hash)}`}`;
      want = trimEnd(want);
      if (body === '' && hash < 0) want = kind === 'continuation' ? text : '';
    } else want = kind === 'comment' ? trimEnd(text).replace(/^[ \t]+/, '') : trimEnd(text);
    edits.push(...whitespaceEdits(i, text, want));
  });
  return [...edits, ...blankLineEdits(src, (l) => doc.model.kinds[l] === 'blank')];
}

function formatAuthkeys(doc: AuthkeysDoc, src: SourceText): TextEdit[] {
  const edits: TextEdit[] = [];
  src.lines.forEach((l, i) => {
    const kind = doc.model.kinds[i];
    // \v, \f and CR are blanks for sscanf but not for an editor: such lines are left alone.
    if (/[\v\f\r]/.test(l.text)) return;
    const want = kind === 'auth' || kind === 'key' ? tidy(l.text) : kind === 'comment' ? trimEnd(l.text).replace(/^[ \t]+/, '') : trimEnd(l.text);
    edits.push(...whitespaceEdits(i, l.text, want));
  });
  return [...edits, ...blankLineEdits(src, (l) => doc.model.kinds[l] === 'blank')];
}

function formatXinetd(doc: XinetdDoc, src: SourceText): TextEdit[] {
  const edits: TextEdit[] = [];
  const want = new Map<number, string>();
  const m = doc.model;
  for (const e of m.entries) {
    if (e.fault || e.open === undefined || e.close === undefined) continue;
    want.set(e.line, tidy(src.lineText(e.line)));
    want.set(e.open, '{');
    want.set(e.close, '}');
    const width = Math.max(0, ...e.attrs.map((a) => a.name.text.length));
    // The file's own indentation (that of the block's first attribute), a tab when it has none.
    const first = e.attrs[0] ? /^[ \t]*/.exec(src.lineText(e.attrs[0].line))![0] : '';
    const indent = first === '' ? '\t' : first;
    for (const a of e.attrs) {
      if (a.fault || !a.op || a.brace) continue;
      const text = src.lineText(a.line);
      if (/[\v\f]/.test(text)) continue;
      const values = text.slice(a.op.end).trim().split(/[ \t]+/).filter(Boolean).join(' ');
      want.set(a.line, `${indent}${a.name.text.padEnd(width)} ${a.op.text}${values ? ` ${values}` : ''}`);
    }
    // Comments inside the block (xinetd skips them) line up with the attributes.
    for (let l = e.open + 1; l < e.close; l++) if (m.kinds[l] === 'comment') want.set(l, indent + trimEnd(src.lineText(l)).replace(/^[ \t]+/, ''));
  }
  for (const d of m.directives) want.set(d.line, tidy(src.lineText(d.line)));
  src.lines.forEach((l, i) => {
    if (/[\v\f]/.test(l.text)) return;
    edits.push(...whitespaceEdits(i, l.text, want.get(i) ?? trimEnd(l.text)));
  });
  return edits;
}

/** The edits of Format Document for a document; none for a language without a formatter (init scripts). */
export function formatDocument(doc: FormatDoc): TextEdit[] {
  if (doc.model === undefined) return [];
  switch (doc.language) {
    case 'inittab': return formatInittab(doc.src);
    case 'hacf': return formatHacf(doc.model as HacfDoc, doc.src);
    case 'haresources': return formatHaresources(doc.model as HaresourcesDoc, doc.src);
    case 'authkeys': return formatAuthkeys(doc.model as AuthkeysDoc, doc.src);
    case 'xinetd': return formatXinetd(doc.model as XinetdDoc, doc.src);
    default: return [];
  }
}
