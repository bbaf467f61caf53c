/**
 * haresources parser. A group is one logical line: physical lines joined when `\` is their
 * last character (heartbeat's C check looks only at the character before the newline, so
 * blanks after the `\` end the group). `#` starts a comment anywhere (ResourceManager strips
 * `#.*`). The first word is the preferred node; the rest are resources `NAME[::ARG…]`.
 * Never throws.
 *
 * @see spec/domain.md §6.5
 */
import type { SourceText } from '../../core/text';
import { isBareAddress } from './spec';

export interface Token {
  text: string;
  line: number;
  start: number;
  end: number;
}

export interface Resource {
  token: Token;
  /** The script name (`IPaddr` for a bare address). */
  name: string;
  nameToken: Token;
  args: Token[];
  /** A bare address standing for `IPaddr::ADDR`. */
  bareAddress: boolean;
}

export interface Group {
  node: Token;
  resources: Resource[];
  startLine: number;
  endLine: number;
  /** The line before ended in `\` plus blanks: heartbeat takes this line as a group of its own. */
  afterBrokenContinuation: boolean;
}

export interface HaresourcesModel {
  groups: Group[];
  kinds: ('blank' | 'comment' | 'group' | 'continuation')[];
  /** Lines whose `\` is followed by blanks, with the column of the `\`. */
  brokenContinuations: { line: number; column: number }[];
}


export function parseHaresources(src: SourceText): HaresourcesModel {
  const groups: Group[] = [];
  const kinds: HaresourcesModel['kinds'] = [];
  const broken: HaresourcesModel['brokenContinuations'] = [];
  let current: Group | undefined;
  let continues = false;
  let afterBroken = false;
  src.lines.forEach((l, line) => {
    const text = l.text.replace(/\r$/, '');
    const hash = text.indexOf('#');
    const body = hash < 0 ? text : text.slice(0, hash);
    const trimmed = body.trim();
    const wasContinuation = continues && current !== undefined;
    // The continuation test is on the raw line: `\` must be its last character.
    const endsWithBackslash = text.endsWith('\\');
    const brokenHere = /\\[ \t]+$/.test(text) && hash < 0;
    if (brokenHere) broken.push({ line, column: text.lastIndexOf('\\') });
    if (!wasContinuation && (trimmed.length === 0)) {
      kinds.push(/^\s*#/.test(text) ? 'comment' : 'blank');
      continues = false;
      return;
    }
    const words = tokens(body, line);
    // A `\` word at the end is the continuation marker, not a resource.
    if (words.length > 0 && words[words.length - 1]!.text === '\\' && (endsWithBackslash || brokenHere)) words.pop();
    else if (words.length > 0 && (endsWithBackslash || brokenHere)) {
      const last = words[words.length - 1]!;
      if (last.text.endsWith('\\')) words[words.length - 1] = { ...last, text: last.text.slice(0, -1), end: last.end - 1 };
    }
    if (wasContinuation) {
      kinds.push('continuation');
      current!.resources.push(...words.map(resource));
      current!.endLine = line;
    } else {
      kinds.push('group');
      const [node, ...rest] = words;
      if (node) {
        current = { node, resources: rest.map(resource), startLine: line, endLine: line, afterBrokenContinuation: afterBroken };
        groups.push(current);
      }
    }
    continues = endsWithBackslash && hash < 0;
    afterBroken = brokenHere;
  });
  return { groups, kinds, brokenContinuations: broken };
}

function tokens(text: string, line: number): Token[] {
  const out: Token[] = [];
  const re = /[^ \t]+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) out.push({ text: m[0], line, start: m.index, end: m.index + m[0].length });
  return out;
}

function resource(token: Token): Resource {
  const parts = token.text.split('::');
  const args: Token[] = [];
  let offset = token.start + parts[0]!.length + 2;
  for (const p of parts.slice(1)) {
    args.push({ text: p, line: token.line, start: offset, end: offset + p.length });
    offset += p.length + 2;
  }
  const bare = isBareAddress(token.text);
  const nameToken: Token = { text: parts[0]!, line: token.line, start: token.start, end: token.start + parts[0]!.length };
  if (bare) return { token, name: 'IPaddr', nameToken, args: [{ ...token }], bareAddress: true };
  return { token, name: parts[0]!, nameToken, args, bareAddress: false };
}
