/**
 * How the generator cuts a script into lines and a header value into words, byte for byte:
 * fgets() into a LINE_MAX buffer or read_line() (src/basic/fileio.c), strstrip(), and
 * FOREACH_WORD_QUOTED (219) or extract_first_word(EXTRACT_UNQUOTE|EXTRACT_RELAX)
 * (src/basic/extract-word.c). Strings are byte strings (latin1). Everything is linear.
 */
import type { GeneratorProfile } from './versions';

/** The generator's WHITESPACE. */
const isWsCode = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;
const isWs = (c: string | undefined) => c !== undefined && c.length === 1 && isWsCode(c.charCodeAt(0));

/** One line as the generator reads it, and the physical line (0-based, as editors count) it starts on. */
export interface GenLine {
  text: string;
  row: number;
  /** Where `text` starts in the bytes. */
  start: number;
}

/** fgets() reads at most LINE_MAX - 1 bytes. */
const FGETS_MAX = 2047;
/** fileio.h LONG_LINE_MAX. */
export const LONG_LINE_MAX = 1024 * 1024;

/** Row of each offset, counting LF, CR LF and a lone CR as editors do (offsets must not decrease). */
export function rowCounter(bytes: string): (offset: number) => number {
  let pos = 0;
  let row = 0;
  if (bytes.indexOf('\r') < 0) {
    // No CR at all (the usual case): count the LFs with indexOf, natively.
    return (offset) => {
      for (;;) {
        const nl = bytes.indexOf('\n', pos);
        if (nl < 0 || nl >= offset) break;
        row++;
        pos = nl + 1;
      }
      if (pos < offset) pos = offset;
      return row;
    };
  }
  return (offset) => {
    while (pos < offset) {
      const c = bytes[pos];
      if (c === '\n' || (c === '\r' && bytes[pos + 1] !== '\n')) row++;
      pos++;
    }
    return row;
  };
}

/**
 * The lines the generator reads. `tooLong` is set when read_line() refuses a line (then the
 * generator gives up on the script after the lines before it).
 */
export function readLines(bytes: string, profile: GeneratorProfile): { lines: GenLine[]; tooLong?: number } {
  const lines: GenLine[] = [];
  const rowOf = rowCounter(bytes);
  const { tooLongAt } = eachLine(bytes, profile, (start, end) => {
    lines.push({ text: bytes.slice(start, end), row: rowOf(start), start });
  });
  return tooLongAt === undefined ? { lines } : { lines, tooLong: rowOf(tooLongAt) };
}

/**
 * The lines the generator reads, as where each one's text is in the bytes ([start, end)), in
 * order, without copying them; `visit` returns true to stop. `tooLongAt`: where the line
 * read_line() refuses starts (nothing after it is read).
 */
export function eachLine(bytes: string, profile: GeneratorProfile, visit: (start: number, end: number) => boolean | void): { tooLongAt?: number } {
  // The next LF, CR and NUL at or after a place (bytes.length: none), found with indexOf: linear overall.
  let nextLf = -1;
  let nextCr = -1;
  let nextNul = -1;
  const next = (ch: string, from: number) => {
    const k = bytes.indexOf(ch, from);
    return k < 0 ? bytes.length : k;
  };
  if (profile.lines === 'fgets') {
    let i = 0;
    while (i < bytes.length) {
      const nl = bytes.indexOf('\n', i);
      const end = nl < 0 ? bytes.length : nl + 1;
      // A line longer than the buffer comes back in pieces, each read as a line of its own.
      for (let s = i; s < end; s += FGETS_MAX) {
        const e = Math.min(end, s + FGETS_MAX);
        if (nextNul < s) nextNul = next('\0', s);
        if (visit(s, Math.min(e, nextNul))) return {}; // a NUL ends the C string
      }
      i = end;
    }
    return {};
  }
  // read_line(): a line ends at \n, \r, \r\n, \n\r or NUL (each kind at most once per end).
  let i = 0;
  while (i < bytes.length) {
    if (nextLf < i) nextLf = next('\n', i);
    if (nextCr < i) nextCr = next('\r', i);
    if (nextNul < i) nextNul = next('\0', i);
    const j = Math.min(nextLf, nextCr, nextNul);
    if (j - i >= LONG_LINE_MAX) return { tooLongAt: i };
    if (visit(i, j)) return {};
    if (j >= bytes.length) break;
    // No CR and no NUL left in the text: the line ends at its LF alone.
    if (nextCr === bytes.length && nextNul === bytes.length) {
      i = j + 1;
      continue;
    }
    let seen = '';
    let k = j;
    while (k < bytes.length) {
      const c = bytes[k]!;
      if (c !== '\n' && c !== '\r' && c !== '\0') break;
      if (seen.includes(c) || seen.includes('\0')) break;
      seen += c;
      k++;
    }
    i = k;
  }
  return {};
}

/** strstrip(): drops leading and trailing WHITESPACE. */
export function strip(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && isWs(s[a])) a++;
  while (b > a && isWs(s[b - 1])) b--;
  return s.slice(a, b);
}

/** Leading WHITESPACE skipped (t += strspn(t, WHITESPACE)). */
export function skipWs(s: string): string {
  let a = 0;
  while (a < s.length && isWs(s[a])) a++;
  return s.slice(a);
}

/** ASCII-only lower case, as strcasecmp() in the C locale. */
export function asciiLower(s: string): string {
  return s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
}

/** An ASCII upper-case letter's code made lower case (every other code as it is). */
const lowerCode = (c: number) => (c >= 65 && c <= 90 ? c + 32 : c);

export function startsWithNoCase(s: string, prefix: string): boolean {
  if (s.length < prefix.length) return false;
  for (let k = 0; k < prefix.length; k++) if (lowerCode(s.charCodeAt(k)) !== lowerCode(prefix.charCodeAt(k))) return false;
  return true;
}

/** Index of the first character of s[from, to) that is not WHITESPACE (`to` when none). */
export function firstNonWs(s: string, from = 0, to = s.length): number {
  let a = from;
  while (a < to && isWsCode(s.charCodeAt(a))) a++;
  return a;
}

/** The words of a header value; `garbage` when 219's split stopped at a bad quote or escape. */
export function splitWords(text: string, profile: GeneratorProfile): { words: string[]; garbage: boolean } {
  return profile.words === 'split' ? splitQuoted(text) : extractWords(text);
}

/** extract_first_word(EXTRACT_UNQUOTE|EXTRACT_RELAX) until the end of the string. */
function extractWords(text: string): { words: string[]; garbage: boolean } {
  const words: string[] = [];
  let p = 0;
  const n = text.length;
  for (;;) {
    while (p < n && isWs(text[p])) p++;
    if (p >= n) break;
    let word = '';
    let quote = '';
    let done = false;
    while (!done) {
      if (p >= n) break;
      const c = text[p]!;
      if (quote) {
        if (c === quote) {
          quote = '';
          p++;
        } else if (c === '\\') {
          p++;
          if (p >= n) break; // RELAX: a trailing backslash is dropped
          word += text[p];
          p++;
        } else {
          word += c;
          p++;
        }
      } else if (c === '\'' || c === '"') {
        quote = c;
        p++;
      } else if (c === '\\') {
        p++;
        if (p >= n) break;
        word += text[p];
        p++;
      } else if (isWs(c)) {
        done = true;
      } else {
        word += c;
        p++;
      }
    }
    words.push(word);
  }
  return { words, garbage: false };
}

/** strcspn_escaped(): length up to the first unescaped char of `reject` (a trailing `\` excluded). */
function cspnEscaped(s: string, from: number, reject: (c: string) => boolean): number {
  let escaped = false;
  let k = from;
  for (; k < s.length; k++) {
    const c = s[k]!;
    if (escaped) escaped = false;
    else if (c === '\\') escaped = true;
    else if (reject(c)) break;
  }
  return k - from - (escaped ? 1 : 0);
}

/** 219's FOREACH_WORD_QUOTED (split(..., WHITESPACE, true)): raw words, quotes removed around a quoted word. */
function splitQuoted(text: string): { words: string[]; garbage: boolean } {
  const words: string[] = [];
  let cur = 0;
  const n = text.length;
  for (;;) {
    while (cur < n && isWs(text[cur])) cur++;
    if (cur >= n) return { words, garbage: false };
    const q = text[cur]!;
    if (q === '\'' || q === '"') {
      const l = cspnEscaped(text, cur + 1, (c) => c === q);
      const close = cur + 1 + l;
      if (close >= n || text[close] !== q || (close + 1 < n && !isWs(text[close + 1]))) return { words, garbage: true };
      words.push(text.slice(cur + 1, close));
      cur = close + 1;
    } else {
      const l = cspnEscaped(text, cur, isWs);
      const end = cur + l;
      if (end < n && !isWs(text[end])) return { words, garbage: true }; // unfinished escape
      words.push(text.slice(cur, end));
      cur = end;
    }
  }
}
