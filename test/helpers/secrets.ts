/**
 * The secrets oracle (issue 14.2): what an authkeys file holds that may be a key, found
 * independently of the product's parser, and a differential search of every output channel
 * for it. Used by every authkeys fixture (test/helpers/fixture.ts analyzeText), by
 * test/unit/authkeys-secrets.test.ts (with the CLI and the server over stdio) and by the
 * fuzzer (scripts/fuzz, compiled to out/test/helpers/secrets.js).
 *
 * Candidates follow what heartbeat reads as key material (`auth.c parse_authfile()`,
 * spec/domain.md §6.4), widened where a user may have meant a key. Lines end at LF, CR LF and
 * a lone CR; words are split on any Unicode blank (NBSP included: finer than sscanf's `%s`,
 * so a word heartbeat reads as one is searched in pieces too). On a line that starts with a
 * key number (`sscanf("%d%s%s")`: blanks, a sign, digits), the number is cut off (`1sha1 K`
 * reads as 1, sha1, K); the first word after it is the method and every later word is the
 * key and what follows it: a candidate whatever it looks like (a key may be `sha1`, `auth`
 * or a number). On an auth line (its first character is `a`, `sscanf("auth %d")`) what that
 * reads, the literal `auth`, blanks and the number, is cut off the same way, glued or not
 * (`authauth 1`). Any other word is a candidate unless it is public in an authkeys file:
 * `auth`, a number, a method name (`sha1`, `md5`, `crc`, any case) and `:`/`=` (so the
 * `auth` of `auth 3auth`, which heartbeat's `sscanf("auth %d")` never reads, is none).
 * Candidates shorter than MIN_SECRET are not searched (they occur in any text).
 *
 * Differential: the document is analysed twice, as written and with every candidate replaced
 * by filler of the same length (`Q`...), and every request is made at the same positions. A
 * candidate that occurs more often in the outputs of the original than in those of the copy
 * was shown: the documentation's own words ("the shared secret") occur equally in both.
 */
import * as svc from '../../server/src/service';
import { formatJson, formatSarif, formatText } from '../../server/src/cli/format';

export const MIN_SECRET = 4;
const PUBLIC = /^(?:auth)?[:=]*[+-]?\d*(?:sha1|md5|crc)?[:=]*$/i;

export interface Candidate {
  line: number;
  /** UTF-16 offsets in the document. */
  start: number;
  end: number;
  secret: string;
}

/** The words of an authkeys text that may be keys. */
export function secretCandidates(text: string): Candidate[] {
  const out: Candidate[] = [];
  let line = 0;
  let lineStart = 0;
  const scanLine = (from: number, to: number) => {
    const t = text.slice(from, to);
    const first = t.search(/\S/);
    if (first < 0 || t[first] === '#') return;
    // sscanf's %d: a key line's number, cut off before the words are counted.
    const num = /^[+-]?\d+/.exec(t.slice(first));
    // An auth line (its first character is `a`): what sscanf("auth %d") reads, the literal
    // `auth`, blanks and the number, glued to what follows or not, is cut off the same way
    // (`authauth 1`, `auth1auth`: the rest is judged as any other word).
    const lead = t[first] === 'a' ? /^auth[ \t\f\v]*[+-]?\d*/.exec(t.slice(first)) : null;
    const body = first + (num?.[0].length ?? lead?.[0].length ?? 0);
    let index = 0;
    for (const m of t.slice(body).matchAll(/\S+/g)) {
      const word = m[0];
      const at = body + m.index;
      // After a key number: word 0 is the method, every later word the key and its tail.
      const keyWord = num !== null && index++ >= 1;
      if (!keyWord && PUBLIC.test(word)) continue;
      // A number glued to a word of another line (`3auth`) is cut off like a key number.
      const cut = keyWord ? 0 : (/^[+-]?\d+/.exec(word)?.[0].length ?? 0);
      const secret = word.slice(cut);
      if (secret.length < MIN_SECRET || (!keyWord && PUBLIC.test(secret))) continue;
      out.push({ line, start: from + at + cut, end: from + at + word.length, secret });
    }
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      scanLine(lineStart, i);
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      line++;
      lineStart = i + 1;
    }
  }
  scanLine(lineStart, text.length);
  return out;
}

/** The text with every candidate replaced by filler of the same length (the line kinds kept). */
export function withFiller(text: string, candidates: readonly Candidate[]): string {
  const parts: string[] = [];
  let at = 0;
  // Whether only blanks stand between the last line end and `scan` (candidates come in order).
  let scan = 0;
  let blankSoFar = true;
  for (const c of candidates) {
    for (; scan < c.start; scan++) {
      const ch = text[scan]!;
      if (ch === '\n' || ch === '\r') blankSoFar = true;
      else if (!/\s/.test(ch)) blankSoFar = false;
    }
    const filler = c.secret.includes('Q') ? 'Z' : 'Q';
    // A line starting with `a` is an auth line for heartbeat: keep that first letter.
    const keep = c.secret.startsWith('a') && blankSoFar ? 1 : 0;
    parts.push(text.slice(at, c.start + keep), filler.repeat(c.end - c.start - keep));
    at = c.end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

export interface Channels {
  /** Channel name → the strings it showed. */
  [channel: string]: string[];
}

/** Every string an authkeys document shows through the service and the CLI's formats. */
export function outputsOf(text: string, path = '/etc/ha.d/authkeys', settings: svc.Settings = svc.DEFAULT_SETTINGS, host?: svc.WorkspaceHost): Channels {
  const a = svc.analyze({ path, text, language: 'authkeys' }, settings, host);
  const ch: Channels = { diagnostics: [], hover: [], symbols: [], lenses: [], completion: [], codeActions: [], info: [], cliText: [], cliJson: [], cliSarif: [] };
  try {
    for (const p of a.problems) {
      ch['diagnostics']!.push(p.message, ...(p.related ?? []).map((r) => r.message));
      for (const f of p.fixes ?? []) ch['codeActions']!.push(f.title);
    }
    ch['info']!.push(JSON.stringify(a.info));
    const walk = (list: readonly svc.SymbolEntry[]) => {
      for (const s of list) {
        ch['symbols']!.push(s.name, s.detail ?? '');
        if (s.children) walk(s.children);
      }
    };
    walk(svc.getSymbols(a));
    for (const l of svc.getCodeLenses(a)) ch['lenses']!.push(l.title);
    const lines = svc.splitLines(text);
    let positions = 0;
    // Every word's first and last character on the first lines (a key line is a short line);
    // completion and refactors on the first 100 lines.
    for (let line = 0; line < lines.length && positions < 1000; line++) {
      const t = lines[line]!.text;
      const cols = new Set<number>([0, t.length]);
      for (const m of t.matchAll(/\S+/g)) cols.add(m.index).add(m.index + m[0].length - 1);
      for (const character of cols) {
        positions++;
        const h = svc.doHover(a, { line, character });
        if (h) ch['hover']!.push(h.markdown);
      }
      if (line >= 100) continue;
      for (const c of svc.doComplete(a, { line, character: t.length })) ch['completion']!.push(c.label, c.detail ?? '', typeof c.documentation === 'string' ? c.documentation : '');
      for (const f of svc.getRefactors(a, { start: { line, character: 0 }, end: { line, character: t.length } })) ch['codeActions']!.push(f.title);
    }
    for (const p of a.problems.slice(0, 100)) for (const f of svc.getFixes(a, p.range, [p.code])) ch['codeActions']!.push(f.title);
    const results = [{ path, text: svc.displayText('authkeys', text), problems: a.problems }];
    ch['cliText']!.push(formatText(results, { cwd: '/', color: false }));
    ch['cliJson']!.push(formatJson(results));
    ch['cliSarif']!.push(formatSarif(results, '0'));
  } finally {
    svc.disposeAnalysis(a);
  }
  return ch;
}

const count = (hay: string, needle: string): number => {
  let n = 0;
  for (let i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + 1)) n++;
  return n;
};

export interface Leak {
  channel: string;
  secret: string;
  line: number;
  example: string;
}

/** Where the original shows a candidate more often than the filled copy (at most 200 candidates searched). */
export function findLeaks(original: Channels, filled: Channels, candidates: readonly Candidate[]): Leak[] {
  const leaks: Leak[] = [];
  const seen = new Set<string>();
  // Each channel joined once (not once per candidate: hover alone can be megabytes).
  const joined = Object.keys(original).map((channel) => ({ channel, o: original[channel]!.join('\n'), f: (filled[channel] ?? []).join('\n') }));
  for (const c of candidates) {
    if (seen.has(c.secret)) continue;
    seen.add(c.secret);
    if (seen.size > 200) break;
    for (const { channel, o, f } of joined) {
      if (count(o, c.secret) > count(f, c.secret)) {
        const i = o.indexOf(c.secret);
        leaks.push({ channel, secret: c.secret, line: c.line + 1, example: o.slice(Math.max(0, i - 60), i + c.secret.length + 20) });
      }
    }
  }
  return leaks;
}

/** The leaks of one authkeys text through every in-process channel ([] when none). */
export function secretLeaks(text: string, path?: string, settings?: svc.Settings, host?: (t: string) => svc.WorkspaceHost | undefined): Leak[] {
  const candidates = secretCandidates(text);
  if (candidates.length === 0) return [];
  const filled = withFiller(text, candidates);
  return findLeaks(outputsOf(text, path, settings, host?.(text)), outputsOf(filled, path, settings, host?.(filled)), candidates);
}
