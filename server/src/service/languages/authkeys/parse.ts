/**
 * authkeys parser, as `auth.c parse_authfile()` reads a line: leading blanks skipped; `#` as
 * the first non-blank character is a comment; a line starting with `a` is read with
 * `sscanf("auth %d")` (so `auth1` is accepted); any other line with `sscanf("%d%s%s")`.
 * Never throws.
 *
 * @see spec/domain.md §6.4
 */
import type { SourceText } from '../../core/text';

export interface Token {
  text: string;
  line: number;
  start: number;
  end: number;
}

export interface AuthLine {
  kind: 'auth';
  line: number;
  /** The number sscanf reads, or undefined when it reads none. */
  num?: number;
  numToken?: Token;
  /** Whole line (without trailing blanks). */
  all: Token;
}

export interface KeyLine {
  kind: 'key';
  line: number;
  /** undefined when `%d` reads nothing (an invalid line). */
  num?: number;
  numToken?: Token;
  method?: Token;
  key?: Token;
  /** Words after the key (dropped by heartbeat). */
  extra: Token[];
  all: Token;
}

export type AuthkeysLine = AuthLine | KeyLine;

export interface AuthkeysModel {
  lines: AuthkeysLine[];
  kinds: ('blank' | 'comment' | 'auth' | 'key')[];
}

const WS = ' \t\f\r\v\n';

export function parseAuthkeys(src: SourceText): AuthkeysModel {
  const lines: AuthkeysLine[] = [];
  const kinds: AuthkeysModel['kinds'] = [];
  src.lines.forEach((l, line) => {
    const text = l.text;
    let i = 0;
    while (i < text.length && WS.includes(text[i]!)) i++;
    if (i === text.length) return void kinds.push('blank');
    if (text[i] === '#') return void kinds.push('comment');
    let e = text.length;
    while (e > i && WS.includes(text[e - 1]!)) e--;
    const all: Token = { text: text.slice(i, e), line, start: i, end: e };
    if (text[i] === 'a') {
      kinds.push('auth');
      // sscanf("auth %d"): literal "auth", any blanks (even none), then %d (blanks, sign, digits).
      const m = /^auth[ \t\f\r\v]*([+-]?\d+)/.exec(text.slice(i));
      if (!m) return void lines.push({ kind: 'auth', line, all });
      const numStart = i + m[0].length - m[1]!.length;
      lines.push({ kind: 'auth', line, all, num: Number.parseInt(m[1]!, 10), numToken: { text: m[1]!, line, start: numStart, end: numStart + m[1]!.length } });
      return;
    }
    kinds.push('key');
    const k: KeyLine = { kind: 'key', line, all, extra: [] };
    const m = /^[+-]?\d+/.exec(text.slice(i));
    if (m) {
      k.num = Number.parseInt(m[0], 10);
      k.numToken = { text: m[0], line, start: i, end: i + m[0].length };
      const words: Token[] = [];
      const re = /[^ \t\f\r\v]+/g;
      re.lastIndex = i + m[0].length;
      let w: RegExpExecArray | null;
      while ((w = re.exec(text))) words.push({ text: w[0], line, start: w.index, end: w.index + w[0].length });
      [k.method, k.key] = words;
      k.extra = words.slice(2);
    }
    lines.push(k);
  });
  return { lines, kinds };
}

/**
 * The text with every key replaced by the mask: on key lines, everything after the method;
 * on other lines heartbeat cannot read, everything after the second word. Comment and auth
 * lines are kept. Keeps the line structure (and line ends).
 */
export function maskAuthkeysText(text: string, mask: string): string {
  return text.split('\n').map((line) => {
    let i = 0;
    while (i < line.length && WS.includes(line[i]!)) i++;
    if (i === line.length || line[i] === '#' || line[i] === 'a') return line;
    const cr = line.endsWith('\r') ? '\r' : '';
    // First word: the key number (or whatever stands there), then the method word.
    const num = /^[+-]?\d+/.exec(line.slice(i));
    let j = num ? i + num[0].length : i;
    if (!num) while (j < line.length && !WS.includes(line[j]!)) j++;
    while (j < line.length && WS.includes(line[j]!)) j++;
    while (j < line.length && !WS.includes(line[j]!)) j++;
    const rest = line.slice(j);
    if (rest.replace(/[ \t\f\r\v]/g, '').length === 0) return line;
    return `${line.slice(0, j)} ${mask}${cr}`;
  }).join('\n');
}
