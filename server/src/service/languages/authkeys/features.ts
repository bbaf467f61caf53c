/**
 * authkeys editor features. Key material is never shown: hover, symbols and lenses use
 * the mask.
 */
import type { SourceText } from '../../core/text';
import { range, type CodeLensEntry, type CompletionEntry, type FoldingEntry, type HoverResult, type Position, type SymbolEntry } from '../../core/types';
import { commentFolding } from '../hacf/shared';
import type { AuthkeysFacts } from './checks';
import type { AuthkeysModel, KeyLine } from './parse';
import { AUTH_DOC, KEYLINE_DOC, MASK, METHODS, findMethod } from './spec';

export interface AuthkeysDoc {
  model: AuthkeysModel;
  facts: AuthkeysFacts;
}

export function complete(doc: AuthkeysDoc, src: SourceText, position: Position): CompletionEntry[] {
  const text = src.lineText(position.line);
  const before = text.slice(0, position.character);
  if (/^\s*#/.test(before)) return [];
  // Method position: `N ` then the cursor in the second word.
  const m = /^(\s*[+-]?\d+\s+)(\S*)$/.exec(before);
  if (m) {
    const after = /^\S*/.exec(text.slice(position.character))![0];
    const r = range(position.line, m[1]!.length, position.character + after.length);
    return METHODS.map((meth, i) => ({
      label: meth.name, kind: 'keyword', detail: meth.summary, documentation: meth.doc,
      edit: { range: r, newText: meth.takesKey ? `${meth.name} ` : meth.name }, sortText: String(i),
    }));
  }
  if (/^\s*\S*$/.test(before) && !/^\s*\d/.test(before)) {
    const start = before.length - before.trimStart().length;
    const after = /^\S*/.exec(text.slice(position.character))![0];
    const r = range(position.line, start, position.character + after.length);
    const used = doc.model.lines.filter((l): l is KeyLine => l.kind === 'key' && l.num !== undefined).map((l) => l.num!);
    const n = used.length > 0 ? used[0]! : 1;
    return [{ label: 'auth', kind: 'keyword', detail: 'auth N: the key used for outgoing packets', documentation: AUTH_DOC, edit: { range: r, newText: `auth ${n}` } }];
  }
  return [];
}

export function hover(doc: AuthkeysDoc, _src: SourceText, position: Position): HoverResult | null {
  const l = doc.model.lines.find((x) => x.line === position.line);
  if (!l) return null;
  if (l.kind === 'auth') {
    const sel = doc.facts.selected;
    const note = doc.facts.auth === l && sel ? `\n\nOutgoing packets are signed with key ${sel.num} (\`${sel.method!.text}\`, line ${sel.line + 1}).` : '';
    return { range: range(l.line, l.all.start, l.all.end), markdown: AUTH_DOC + note };
  }
  const within = (t?: { start: number; end: number }) => t !== undefined && position.character >= t.start && position.character <= t.end;
  if (within(l.method)) {
    const meth = findMethod(l.method!.text);
    return { range: range(l.line, l.method!.start, l.method!.end), markdown: meth ? `**${meth.name}** — ${meth.summary}\n\n${meth.doc}` : `\`${l.method!.text}\` is not a method heartbeat has (sha1, md5, crc; lower case).` };
  }
  if (l.key && position.character >= l.key.start) {
    return { range: range(l.line, l.key.start, l.all.end), markdown: `**Key ${l.num}** \`${MASK}\` (hidden). The shared secret: one word, identical on every node.` };
  }
  const used = doc.facts.selected === l ? '\n\nThis is the key **outgoing packets** are signed with (`auth` line).' : doc.facts.valid.has(l) ? '\n\nAccepted for incoming packets.' : '';
  return { range: range(l.line, l.all.start, l.method?.end ?? l.all.end), markdown: KEYLINE_DOC + used };
}

export function symbols(doc: AuthkeysDoc, src: SourceText): SymbolEntry[] {
  return doc.model.lines.map((l) => {
    const r = range(l.line, 0, src.lineText(l.line).length);
    if (l.kind === 'auth') return { name: l.num !== undefined ? `auth ${l.num}` : 'auth ?', kind: 'key', range: r, selectionRange: range(l.line, l.all.start, l.all.end) } satisfies SymbolEntry;
    return {
      name: `key ${l.num ?? '?'}`,
      detail: [l.method?.text ?? '', l.key ? MASK : ''].filter(Boolean).join(' '),
      kind: 'constant', range: r, selectionRange: range(l.line, l.numToken?.start ?? l.all.start, l.numToken?.end ?? l.all.end),
    } satisfies SymbolEntry;
  });
}

export function lenses(doc: AuthkeysDoc): CodeLensEntry[] {
  const sel = doc.facts.selected;
  const auth = doc.facts.auth;
  if (!sel || !auth) return [];
  return [{ range: range(auth.line, auth.all.start, auth.all.end), title: `Signs outgoing packets with key ${sel.num} (${sel.method!.text}${sel.key ? ` ${MASK}` : ''})` }];
}

export function folding(doc: AuthkeysDoc): FoldingEntry[] {
  return commentFolding(doc.model.kinds);
}
