/**
 * ha.cf parser, as `config.c parse_config()` reads a line: leading blanks skipped, a `#`
 * anywhere ends the line, the first word (up to a blank) is the directive, and the rest is
 * split on blanks and commas. Never throws; keeps every line.
 *
 * @see spec/domain.md §6.1
 */
import type { SourceText } from '../../core/text';

export interface Word {
  text: string;
  line: number;
  start: number;
  end: number;
}

export interface Directive {
  line: number;
  name: Word;
  /** The values, split on blanks and commas (`DELIMS`). */
  values: Word[];
  /** The rest of the line after the directive (before any comment), for whole-line parsers. */
  rest: Word;
  /** Column of a `#` glued to the text before it (a value cut by the comment). */
  gluedHash?: number;
}

export interface HacfModel {
  directives: Directive[];
  /** Per line: blank, comment or directive. */
  kinds: ('blank' | 'comment' | 'directive')[];
}

const BLANKS = ' \t\f\r\n';
const DELIMS = ', \t\f\r\n';

export function splitWords(text: string, line: number, from: number, to: number, delims: string): Word[] {
  const words: Word[] = [];
  let i = from;
  while (i < to) {
    while (i < to && delims.includes(text[i]!)) i++;
    if (i >= to) break;
    const start = i;
    while (i < to && !delims.includes(text[i]!)) i++;
    words.push({ text: text.slice(start, i), line, start, end: i });
  }
  return words;
}

export function parseHacf(src: SourceText): HacfModel {
  const directives: Directive[] = [];
  const kinds: HacfModel['kinds'] = [];
  src.lines.forEach((l, line) => {
    const text = l.text;
    let i = 0;
    while (i < text.length && BLANKS.includes(text[i]!)) i++;
    if (i === text.length) return void kinds.push('blank');
    if (text[i] === '#') return void kinds.push('comment');
    const hash = text.indexOf('#', i);
    const end = hash < 0 ? text.length : hash;
    let n = i;
    while (n < end && !BLANKS.includes(text[n]!)) n++;
    const name: Word = { text: text.slice(i, n), line, start: i, end: n };
    let r = n;
    while (r < end && BLANKS.includes(text[r]!)) r++;
    let re = end;
    while (re > r && BLANKS.includes(text[re - 1]!)) re--;
    const d: Directive = {
      line, name,
      values: splitWords(text, line, n, end, DELIMS),
      rest: { text: text.slice(r, re), line, start: r, end: re },
    };
    if (hash > 0 && !BLANKS.includes(text[hash - 1]!) && text[hash - 1] !== ',') d.gluedHash = hash;
    kinds.push('directive');
    directives.push(d);
  });
  return { directives, kinds };
}
