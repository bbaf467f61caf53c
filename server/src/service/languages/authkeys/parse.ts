/**
 * authkeys parser, as `auth.c parse_authfile()` reads a line: leading blanks skipped; `#` as
 * the first non-blank character is a comment; a line starting with `a` is read with
 * `sscanf("auth %d")` (so `auth1` is accepted); any other line with `sscanf("%d%s%s")`.
 * Never throws.
 *
 * @see spec/domain.md §6.4
 */
import { SourceText as SourceTextCtor, type SourceText } from '../../core/text';
import { MASK } from './spec';

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
  /**
   * Where key material stands, at its offsets in the document: every word of a key or auth
   * line that is not public (a key number, a method name in any case, `auth`, `:`/`=`). The
   * tokens of the model never hold it: their text is the mask (so no check, hover or symbol
   * can quote a key), and `maskAuthkeysText` replaces exactly these ranges.
   */
  secrets: Token[];
}

const WS = ' \t\f\r\v\n';
/** What heartbeat reads in an authkeys file that is no secret: a number, a method name (any case), `auth`, `:`/`=`. */
function isPublicWord(w: string): boolean {
  // `(auth)? [:=]* [+-]?\d* (sha1|md5|crc)? [:=]*`, case-insensitive, in one scan.
  const m = /^(?:auth)?[:=]*[+-]?\d*(?:sha1|md5|crc)?/i.exec(w)!;
  for (let i = m[0].length; i < w.length; i++) if (w[i] !== ':' && w[i] !== '=') return false;
  return true;
}

/** The mask, standing for key material in the model and wherever text is shown. */
export const SECRET_MASK = MASK;

/** Blank-separated words of `text` from `from` (blanks as sscanf's `%s` counts them: NBSP is none). */
function wordsOf(text: string, line: number, from: number): Token[] {
  const out: Token[] = [];
  let i = from;
  while (i < text.length) {
    while (i < text.length && WS.includes(text[i]!)) i++;
    if (i >= text.length) break;
    const start = i;
    while (i < text.length && !WS.includes(text[i]!)) i++;
    out.push({ text: text.slice(start, i), line, start, end: i });
  }
  return out;
}

export function parseAuthkeys(src: SourceText): AuthkeysModel {
  const lines: AuthkeysLine[] = [];
  const kinds: AuthkeysModel['kinds'] = [];
  const secrets: Token[] = [];
  src.lines.forEach((l, line) => {
    const text = l.text;
    let i = 0;
    while (i < text.length && WS.includes(text[i]!)) i++;
    if (i === text.length) return void kinds.push('blank');
    if (text[i] === '#') return void kinds.push('comment');
    let e = text.length;
    while (e > i && WS.includes(text[e - 1]!)) e--;
    // The line's secret words, masked in every token the model keeps.
    const lineSecrets: Token[] = [];
    const secret = (t: Token): Token => {
      if (isPublicWord(t.text)) return t;
      lineSecrets.push(t);
      secrets.push({ ...t, text: SECRET_MASK });
      return { ...t, text: SECRET_MASK };
    };
    const masked = (from: number, to: number): string => {
      let out = '';
      let at = from;
      for (const t of [...lineSecrets].sort((a, b) => a.start - b.start)) {
        if (t.end <= from || t.start >= to) continue;
        out += text.slice(at, Math.max(at, t.start)) + SECRET_MASK;
        at = t.end;
      }
      return out + text.slice(at, to);
    };
    if (text[i] === 'a') {
      kinds.push('auth');
      // sscanf("auth %d"): literal "auth", any blanks (even none), then %d (blanks, sign, digits).
      const m = /^auth[ \t\f\r\v]*([+-]?\d+)/.exec(text.slice(i));
      if (!m) {
        // Not 'auth N': public only when it is 'auth: N' / 'auth=N' (a fix offers 'auth N').
        if (!/^auth\s*[:=]\s*\d+\s*$/.test(text.slice(i, e))) {
          const ws = wordsOf(text.slice(0, e), line, i);
          const first = ws[0];
          if (first && first.text.startsWith('auth') && first.text.length > 4) secret({ ...first, text: first.text.slice(4), start: first.start + 4 });
          else if (first && !first.text.startsWith('auth')) secret(first);
          ws.slice(1).forEach(secret);
        }
        return void lines.push({ kind: 'auth', line, all: { text: masked(i, e), line, start: i, end: e } });
      }
      const numStart = i + m[0].length - m[1]!.length;
      wordsOf(text.slice(0, e), line, i + m[0].length).forEach(secret);
      lines.push({ kind: 'auth', line, all: { text: masked(i, e), line, start: i, end: e }, num: Number.parseInt(m[1]!, 10), numToken: { text: m[1]!, line, start: numStart, end: numStart + m[1]!.length } });
      return;
    }
    kinds.push('key');
    const m = /^[+-]?\d+/.exec(text.slice(i));
    const words = wordsOf(text.slice(0, e), line, m ? i + m[0].length : i).map(secret);
    const k: KeyLine = { kind: 'key', line, all: { text: masked(i, e), line, start: i, end: e }, extra: [] };
    if (m) {
      k.num = Number.parseInt(m[0], 10);
      k.numToken = { text: m[0], line, start: i, end: i + m[0].length };
      [k.method, k.key] = words;
      // The key, and the words after it (a key with blanks), are always secret, even when one
      // looks like a number or a method name.
      const raw = wordsOf(text.slice(0, e), line, i + m[0].length);
      for (let w = 1; w < words.length; w++) {
        if (words[w]!.text === SECRET_MASK) continue;
        lineSecrets.push(raw[w]!);
        secrets.push({ ...raw[w]!, text: SECRET_MASK });
        words[w] = { ...raw[w]!, text: SECRET_MASK };
      }
      k.key = words[1];
      k.all = { ...k.all, text: masked(i, e) };
      k.extra = words.slice(2);
    }
    lines.push(k);
  });
  secrets.sort((a, b) => a.line - b.line || a.start - b.start);
  return { lines, kinds, secrets };
}

/**
 * The text with every key replaced by the mask, by the parser's own lines (LF, CR LF and a
 * lone CR) and words (`AuthkeysModel.secrets`). Keeps the line structure and line ends.
 */
export function maskAuthkeysText(text: string, mask: string): string {
  const src = new SourceTextCtor(text);
  const { secrets } = parseAuthkeys(src);
  let out = '';
  let at = 0;
  for (const t of secrets) {
    const start = src.offsetAt(t.line, t.start);
    const end = src.offsetAt(t.line, t.end);
    out += text.slice(at, start) + mask;
    at = end;
  }
  return out + text.slice(at);
}
