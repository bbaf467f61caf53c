/**
 * "Disable CODE for this line / for this file": a quick fix on every diagnostic that writes
 * the suppression comment (`core/suppress.ts`). The comment goes only where a comment line
 * changes nothing else:
 * - inittab: at column 1 with no indentation (BusyBox takes an indented line for an entry);
 * - init scripts: never before the shebang line, inside an LSB block (insserv and lintian
 *   would read a stray line there), inside a description continuation, inside a string or a
 *   here-document, or after a `\` continuation; the file comment goes after the shebang;
 * - haresources: never inside a `\` continued group (heartbeat joins the lines, and a `#`
 *   would cut the rest of the group).
 * - nothing on line 1: what is reported there is often about the whole file and stays there.
 * Where the line comment cannot go, only the file comment is offered.
 */
import type { Node, Tree } from 'web-tree-sitter';
import type { LanguageId } from '../core/language';
import { trimEndBlanks } from '../core/scan';
import type { SourceText } from '../core/text';
import type { Fix, Problem, TextEdit } from '../core/types';
import type { InitScriptDoc } from '../languages/initscript';
import type { HaresourcesDoc } from '../languages/haresources/features';
import { commentRows } from '../shell/commentRows';
import { parseShell } from '../shell/parse';
import { parserFailed, sharedBashParser } from '../shell/treeSitter';

/** The directive and the blanks after it; the codes are the rest of the line, trailing blanks cut (a lazy `(.*?)[ \t]*$` is quadratic). */
const DIRECTIVE = /^(\s*#\s*sysv-ha-disable-(next-line|file)\b[ \t]*)/;

export interface SuppressDoc {
  language: LanguageId;
  src: SourceText;
  model: unknown;
}

/** Node types whose text a comment line cannot be put into. */
const NO_COMMENT_INSIDE = new Set([
  'command', 'string', 'raw_string', 'ansi_c_string', 'translated_string', 'heredoc_body', 'heredoc_content', 'heredoc_redirect',
  'concatenation', 'word', 'variable_assignment', 'declaration_command', 'test_command', 'unset_command', 'expansion', 'arithmetic_expansion',
]);

/** A node of the tree spans the start of `line` (began on an earlier line) and is one a comment may not split. */
function splitsShellToken(tree: Tree, line: number): boolean {
  let node: Node | null = tree.rootNode;
  for (let depth = 0; node && depth < 400; depth++) {
    let next: Node | null = null;
    for (const c of node.children) {
      if (!c) continue;
      if (c.startPosition.row < line && (c.endPosition.row > line || (c.endPosition.row === line && c.endPosition.column > 0))) {
        next = c;
        break;
      }
    }
    if (!next) return false;
    if (NO_COMMENT_INSIDE.has(next.type) || next.type.startsWith('heredoc')) return true;
    node = next;
  }
  return true;
}

/**
 * The rows a comment line cannot go before, from a parse of `text` in this thread (the same
 * tree as the one let go: a text is parsed the same way every time), or undefined when it
 * cannot be parsed now (then only the file comment is offered).
 */
function rowsOfText(text: string): ReadonlySet<number> | undefined {
  const parser = sharedBashParser();
  if (!parser) return undefined;
  try {
    const { tree } = parseShell(parser, text);
    if (!tree) return undefined;
    try {
      return new Set(commentRows(tree, undefined, [], undefined).all);
    } finally {
      tree.delete();
    }
  } catch (err) {
    parserFailed(err);
    return undefined;
  }
}

/** Whether a comment line may be inserted before `line` without changing what the file means. */
function lineCommentAllowed(doc: SuppressDoc, line: number): boolean {
  const { src } = doc;
  // What is reported on line 1 is often about the whole file (a missing directive, the file's
  // mode) and stays on line 1 whatever is inserted: only the file comment silences it.
  if (line === 0) return false;
  if (line > 0 && /\\\r?$/.test(src.lineText(line - 1))) return false;
  switch (doc.language) {
    case 'initscript': {
      const m = doc.model as InitScriptDoc | undefined;
      if (!m) return false;
      if (m.header.blocks.some((b) => line > b.begin && line <= (b.end ?? src.lineCount))) return false;
      if (m.header.descriptions.some((d) => d.continuedBy === line)) return false;
      if (m.foreign) return true;
      // The tree is here when parsed in this thread; the parser worker sends the rows instead.
      if (m.tree) return !splitsShellToken(m.tree, line);
      // A tree let go after the analysis (the server keeps trees only for the scripts edited last): the rows of a new parse.
      if (!m.noCommentRows && m.treeReleased) m.noCommentRows = rowsOfText(doc.src.text);
      return m.noCommentRows ? !m.noCommentRows.has(line) : false;
    }
    case 'haresources': {
      const m = doc.model as HaresourcesDoc | undefined;
      return m ? m.model.kinds[line] !== 'continuation' : false;
    }
    default:
      return true;
  }
}

function indentOf(doc: SuppressDoc, line: number): string {
  // BusyBox reads an indented line as an entry; sysvinit does not care: never indent there.
  if (doc.language === 'inittab') return '';
  return /^[ \t]*/.exec(doc.src.lineText(line))![0];
}

const eolOf = (src: SourceText, line: number) => (src.lines[line]?.eol || src.lines[line - 1]?.eol || '\n').replace(/^$/, '\n');

/** Adds `code` to an existing directive line of the same kind, or undefined when `line` is none. */
function extend(src: SourceText, line: number, kind: 'next-line' | 'file', code: string): TextEdit | undefined | null {
  const text = src.lineText(line);
  if (!text.includes('sysv-ha-disable-')) return undefined;
  const m = DIRECTIVE.exec(text);
  if (!m || m[2] !== kind) return undefined;
  const rest = trimEndBlanks(text.slice(m[1]!.length).replace(/\r$/, ''));
  if (/[\r\n\u2028\u2029]/.test(rest)) return undefined;
  const codes = rest.split(/[\s,]+/).filter(Boolean);
  if (codes.includes(code)) return null;
  const end = m[1]!.length + rest.length;
  return { range: { start: { line, character: end }, end: { line, character: end } }, newText: codes.length > 0 ? `,${code}` : code };
}

/** Lines that mention a directive, found once per text (a request asks for every problem of a range). */
const directiveLineCache = new WeakMap<SourceText, number[]>();
function directiveLines(src: SourceText): number[] {
  let lines = directiveLineCache.get(src);
  if (!lines) {
    lines = [];
    for (let l = 0; l < src.lineCount; l++) if (src.lineText(l).includes('sysv-ha-disable-')) lines.push(l);
    directiveLineCache.set(src, lines);
  }
  return lines;
}

/** Where the file comment goes: after the shebang of a script, else on the first line. */
function fileCommentLine(doc: SuppressDoc): number {
  return doc.language === 'initscript' && doc.src.lineText(0).startsWith('#!') ? 1 : 0;
}

export function suppressionFixes(doc: SuppressDoc, p: Problem): Fix[] {
  const { src } = doc;
  const fixes: Fix[] = [];
  const line = p.range.start.line;
  if (lineCommentAllowed(doc, line)) {
    const ext = line > 0 ? extend(src, line - 1, 'next-line', p.code) : undefined;
    if (ext !== null) {
      const edit = ext ?? insertLine(src, line, `${indentOf(doc, line)}# sysv-ha-disable-next-line ${p.code}`);
      fixes.push({ title: `Disable ${p.code} for this line`, code: p.code, edits: [edit] });
    }
  }
  // An existing file directive anywhere is extended; else a new one at the top.
  let fileEdit: TextEdit | undefined | null;
  for (const l of directiveLines(src)) {
    fileEdit = extend(src, l, 'file', p.code);
    if (fileEdit !== undefined) break;
  }
  if (fileEdit !== null) {
    const at = Math.min(fileCommentLine(doc), src.lineCount);
    fixes.push({ title: `Disable ${p.code} for this file`, code: p.code, edits: [fileEdit ?? insertLine(src, at, `# sysv-ha-disable-file ${p.code}`)] });
  }
  return fixes;
}

function insertLine(src: SourceText, line: number, text: string): TextEdit {
  if (line < src.lineCount) return { range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: text + eolOf(src, line) };
  const last = src.lineCount - 1;
  const end = { line: last, character: src.lineText(last).length };
  return { range: { start: end, end }, newText: `${eolOf(src, last)}${text}` };
}
