// The "long line / long run" part of the fuzzer (issue 14): hostile inputs whose cost is the
// length of one line or of one run of lines, and a time oracle. Every request kind (analysis,
// symbols, lenses, folding, completion, hover, signature help, refactors, quick fixes, and the
// CLI's text, JSON and SARIF output) is timed on the hostile text and on a typical file of the
// same size built from the same seed file; a kind slower than 20x the typical file (and than a
// floor that absorbs timer noise) fails the case. test/unit/hostile-input.test.ts runs the
// same requests (`runRequests`) on the inputs the security review reported.
import { readFileSync } from 'node:fs';
import { makeCase, PATHS, rngFor } from './cases.mjs';

/**
 * Milliseconds of CPU time of the calling thread (Linux: /proc/thread-self/schedstat, in ns),
 * else of wall time. The time oracle compares two measurements taken seconds apart on a
 * machine that others share: wall time there measures the load as much as the code (a case
 * was 3x slower, or faster, from one minute to the next), the thread's own CPU time does not.
 */
export const threadClock = (() => {
  try {
    readFileSync('/proc/thread-self/schedstat', 'utf8');
    return { kind: 'cpu', now: () => Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e6 };
  } catch {
    return { kind: 'wall', now: () => performance.now() };
  }
})();

/** The calling thread's id (Linux), for a watchdog that reads its CPU time from another thread. */
export function threadId() {
  try {
    return Number(readFileSync('/proc/thread-self/stat', 'utf8').split(' ')[0]);
  } catch {
    return undefined;
  }
}

/** CPU milliseconds of thread `tid` of this process, or undefined. */
export function cpuOfThread(tid) {
  if (tid === undefined) return undefined;
  try {
    return Number(readFileSync(`/proc/self/task/${tid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return undefined;
  }
}

/** A kind fails when slower than RATIO x the typical file and than its floor (ms). */
export const RATIO = 20;
// Floors: a linear scan of a 200,000-character line at each of the five positions costs up to a
// few hundred ms on a loaded machine; a quadratic one costs seconds to hours.
const FLOOR_MS = { analyze: 1000, cli: 1000 };
const REQUEST_FLOOR_MS = 1000;

/** Blank, punctuation and letter runs the parsers scan: every character class the formats use. */
const CHARS = [' ', '\t', ':', '#', '=', '\\', '$', '/', ',', '"', "'", '(', ')', '\r', '\u00a0', 'a', 'A', '0', '.', '-', '+', ';', '|', '&', '{', '}', '[', ']', '*', '?', '@', '%', '!', '<', '>', '`', '~', '_', 'é', '\u{1F600}'];
const SUFFIXES = ['', 'x', '!', '\r', '\u00a0', '/', ':', '\\', '#', '=', ' b', '\r#x', '\t'];
const SIZES = [20_000, 100_000, 100_000, 200_000];

const lineSplit = (text) => text.split(/(?<=\n)/);

/**
 * A long-line or long-run variant of a seed file (deterministic from seed and case k):
 * - `line`: one line's lead (its first words) followed by a run of one unit (a character, two
 *   characters, a word of the line) to 20k-200k characters and a rejecting suffix;
 * - `run`: one line (sometimes ending in a backslash, or followed by a CR) repeated to the size;
 * - `words`: one keyword line with tens of thousands of words.
 */
export function makeLongCase(seed, k, corpus, language, sizeOverride) {
  const r = rngFor(seed, k, 0x10e6);
  const base = language ? corpus.filter((f) => f.language === language)[r.int(corpus.filter((f) => f.language === language).length)] : corpus[r.int(corpus.length)];
  const text = base.bytes.toString('utf8');
  const lines = lineSplit(text);
  const picked = r.pick(SIZES);
  // The same construction at another size (every other choice unchanged): for size sweeps.
  const size = sizeOverride ?? picked;
  const nonEmpty = lines.filter((l) => l.trim().length > 0);
  const pickLine = () => (nonEmpty.length > 0 ? r.pick(nonEmpty) : 'x\n').replace(/\r?\n$/, '');
  const shape = r.pick(['line', 'line', 'line', 'run', 'words']);
  let hostile;
  let what;
  if (shape === 'line') {
    const line = pickLine();
    const toks = line.split(/[ \t]+/).filter(Boolean);
    const lead = r.chance(0.7) ? toks.slice(0, r.int(toks.length + 1)).join(' ') + r.pick(['', ' ', '=', ' = ', ':', '\t']) : '';
    let unit;
    switch (r.int(4)) {
      case 0: unit = r.pick(CHARS); break;
      case 1: unit = r.pick(CHARS) + r.pick(CHARS); break;
      case 2: unit = toks.length > 0 ? r.pick(toks) + r.pick([' ', '', ',', ':']) : 'a'; break;
      default: unit = line.length > 0 ? line[r.int(line.length)] : 'a';
    }
    if (unit === '' || unit === '\n') unit = 'a';
    const suffix = r.pick(SUFFIXES);
    const long = lead + unit.repeat(Math.max(1, Math.ceil((size - lead.length) / unit.length))) + suffix;
    const at = r.int(lines.length + 1);
    hostile = [...lines.slice(0, at), long + '\n', ...lines.slice(at)].join('');
    what = `line: ${JSON.stringify(lead.slice(0, 30))} + ${JSON.stringify(unit)} x ${Math.ceil((size - lead.length) / unit.length)} + ${JSON.stringify(suffix)}`;
  } else if (shape === 'run') {
    const line = pickLine() + r.pick(['', '', ' \\', '\\', '\r', ' #']);
    const count = Math.max(1, Math.floor(size / (line.length + 1)));
    const at = r.int(lines.length + 1);
    hostile = [...lines.slice(0, at), (line + '\n').repeat(count), ...lines.slice(at)].join('');
    what = `run: ${JSON.stringify(line.slice(0, 40))} x ${count}`;
  } else {
    const line = pickLine();
    const m = /^(\s*#?\s*[A-Za-z_-]+\s*[:=]?\s*)/.exec(line);
    const head = m ? m[1] : `${line.split(/[ \t]/)[0] ?? 'x'} `;
    const word = r.pick(['a', 'a1', '$remote_fs', 'x-y', 'node1', '10.0.0.1', 'eth0', 'S', '2', 'sha1']);
    const sep = r.pick([' ', ' ', ',', '\t', ', ']);
    const count = Math.max(1, Math.floor(size / (word.length + sep.length)));
    const long = head + Array.from({ length: count }, (_, i) => (r.chance(0.5) ? word : `${word}${i % 97}`)).join(sep);
    const at = r.int(lines.length + 1);
    hostile = [...lines.slice(0, at), long + '\n', ...lines.slice(at)].join('');
    what = `words: ${JSON.stringify(head)} + ${count} x ${JSON.stringify(word)}`;
  }
  return { base: base.name, language: base.language, text: hostile, what, size: hostile.length, runSize: size };
}

/**
 * A typical file of about `size` characters: the seed file's lines, repeated in order (a seed
 * without a final newline gets one, else the repeats would be one long line). A seed with no
 * text (an empty template) gives nothing to compare with: `fallback` (another seed file of
 * the language) is used instead.
 */
export function typicalText(baseText, size, fallback = '') {
  let unit = baseText.trim().length > 0 ? baseText : fallback;
  if (unit.trim().length === 0) return '';
  if (!unit.endsWith('\n')) unit += '\n';
  const t = unit.repeat(Math.max(1, Math.ceil(size / unit.length))).slice(0, size);
  return t.slice(0, t.lastIndexOf('\n') + 1);
}

/** The largest seed file of a language: the typical file's stand-in for an empty seed. */
function largestOf(corpus, language) {
  let best = '';
  for (const f of corpus) if (f.language === language && f.bytes.length > best.length) best = f.bytes.toString('utf8');
  return best;
}

/** Positions on the longest line (start, middle, end, just after its first word) and the last line. */
export function positionsFor(text) {
  const lines = text.split(/\r\n|\r|\n/);
  let longest = 0;
  for (let i = 1; i < lines.length; i++) if (lines[i].length > lines[longest].length) longest = i;
  const len = lines[longest].length;
  const firstBlank = lines[longest].search(/[ \t]/);
  return [
    { line: longest, character: 0 }, { line: longest, character: len >> 1 }, { line: longest, character: len },
    { line: longest, character: firstBlank < 0 ? len : firstBlank + 1 }, { line: lines.length - 1, character: lines[lines.length - 1].length },
  ];
}

/**
 * Runs every request kind on a document and returns the milliseconds (of the thread's CPU
 * time where the system tells it: `threadClock`) of each:
 * env = { svc, format? (out/server/src/cli/format.js) }; doc = { path, text, language }.
 */
export function runRequests(env, doc, settings, host, positions = positionsFor(doc.text)) {
  const { svc } = env;
  const ms = {};
  const time = (kind, fn) => {
    const t0 = threadClock.now();
    const v = fn();
    ms[kind] = (ms[kind] ?? 0) + threadClock.now() - t0;
    return v;
  };
  const a = time('analyze', () => svc.analyze(doc, settings ?? svc.DEFAULT_SETTINGS, host));
  try {
    time('symbols', () => svc.getSymbols(a));
    time('lenses', () => svc.getCodeLenses(a));
    time('folding', () => svc.getFoldingRanges(a));
    for (const p of positions) {
      const items = time('completion', () => svc.doComplete(a, p));
      for (const it of items.slice(0, 3)) if (it.resolveKey) time('completion', () => svc.resolveCompletion(a.language, it.resolveKey));
      time('hover', () => svc.doHover(a, p));
      time('signature', () => svc.getSignatureHelp(a, p));
      time('refactors', () => svc.getRefactors(a, { start: p, end: p }));
    }
    const lines = new Set(positions.map((p) => p.line));
    const onLong = a.problems.filter((p) => lines.has(p.range.start.line)).slice(0, 20);
    for (const p of onLong) time('fixes', () => svc.getFixes(a, p.range, [p.code]));
    if (env.format) {
      const results = [{ path: doc.path, text: svc.displayText(doc.language, doc.text), problems: a.problems }];
      time('cli', () => env.format.formatText(results, { cwd: '/', color: false }));
      time('cli', () => env.format.formatJson(results));
      time('cli', () => env.format.formatSarif(results, '0'));
    }
    return { ms, problems: a.problems.length };
  } finally {
    svc.disposeAnalysis(a);
  }
}

/** The kinds of `hostile` slower than RATIO x `typical` (and than their floor): [] when none. */
export function tooSlow(hostile, typical) {
  const out = [];
  for (const [kind, t] of Object.entries(hostile)) {
    const base = typical[kind] ?? 0;
    const floor = FLOOR_MS[kind] ?? REQUEST_FLOOR_MS;
    if (t > floor && t > RATIO * base) out.push({ kind, ms: t, typicalMs: base });
  }
  return out;
}

/** The share of the fuzzer's cases that are long-line / long-run cases. */
export const LONG_SHARE = 0.03;

/** Whether case k of a seed is a long-line / long-run case. */
export const isLongCase = (seed, k) => rngFor(seed, k, 0x10ca).next() < LONG_SHARE;

/** Case k of a seed: a long-line case (about LONG_SHARE of them) or a mutation case (cases.mjs). */
export function caseFor(seed, k, corpus, codes) {
  if (!isLongCase(seed, k)) return makeCase(seed, k, corpus, codes);
  const r = rngFor(seed, k, 0x10cb);
  // Every language in turn, whatever the corpus's mix.
  const languages = [...new Set(corpus.map((f) => f.language))].sort();
  const language = languages[k % languages.length];
  const l = makeLongCase(seed, k, corpus, language);
  const name = (l.base.split('/').pop() ?? 'svc').replace(/[^A-Za-z0-9_.@+-]/g, '_').slice(0, 40) || 'svc';
  return {
    seed, k, base: l.base, baseLanguage: l.language, language: l.language, long: true, what: l.what,
    path: PATHS[l.language][0].replace('NAME', /^(functions|rc|rcS|rcK|boot|README|Makefile|skeleton|core|rx|powerfail)/.test(name) ? `s-${name}` : name),
    settings: { checkFileModes: r.chance(0.5), severity: {} }, mutations: [`long ${l.what}`], bytes: Buffer.from(l.text, 'utf8'), rngSalt: r.int(2 ** 31),
  };
}

/**
 * A size sweep of a long case: the same construction with its run at 1/8, 1/4, 1/2 and 1
 * times its length, each request kind timed (best of `reps`). Linear work doubles from one
 * row to the next; quadratic work quadruples.
 */
export function sweepLongCase(env, c, corpus, reps = 2) {
  const settings = { ...env.svc.DEFAULT_SETTINGS, ...c.settings, severity: {} };
  const { runSize } = makeLongCase(c.seed, c.k, corpus, c.baseLanguage);
  const rows = [];
  for (const f of [8, 4, 2, 1]) {
    const l = makeLongCase(c.seed, c.k, corpus, c.baseLanguage, Math.round(runSize / f));
    const doc = { path: c.path, text: l.text, language: c.language };
    let best;
    for (let i = 0; i < reps; i++) {
      const ms = runRequests(env, doc, settings).ms;
      best = best ? Object.fromEntries(Object.entries(ms).map(([k, v]) => [k, Math.min(v, best[k] ?? v)])) : ms;
    }
    rows.push({ chars: l.text.length, ms: best });
  }
  return rows;
}

const typicalCache = new Map();

/**
 * Times every request kind on a long case and on a typical file of the same size from the
 * same seed file; returns { kind: { ms, typicalMs } } (the fuzzer's summary reports the highest
 * ratios); throws `fail(kind, message)` for a kind slower than RATIO x typical (after
 * measuring both once more: the machine may have been busy).
 */
export function checkLongCase(env, c, corpus, fail) {
  const settings = { ...env.svc.DEFAULT_SETTINGS, ...c.settings, severity: {} };
  const doc = { path: c.path, text: c.bytes.toString('utf8'), language: c.language };
  const baseText = corpus.find((f) => f.name === c.base).bytes.toString('utf8');
  const typicalDoc = { ...doc, text: typicalText(baseText, doc.text.length, baseText.trim().length > 0 ? '' : largestOf(corpus, c.language)) };
  const positions = positionsFor(doc.text);
  const key = `${c.base}\0${c.path}\0${Math.round(doc.text.length / 10_000)}`;
  const typical = () => runRequests(env, typicalDoc, settings, undefined, positionsFor(typicalDoc.text)).ms;
  let base = typicalCache.get(key);
  if (!base) {
    if (typicalCache.size > 200) typicalCache.clear();
    typicalCache.set(key, (base = typical()));
  }
  const first = runRequests(env, doc, settings, undefined, positions).ms;
  // What the summary reports per request kind: this case's time and the typical file's.
  const times = Object.fromEntries(Object.entries(first).map(([k, ms]) => [k, { ms, typicalMs: base[k] ?? 0 }]));
  let slow = tooSlow(first, base);
  if (slow.length > 0) {
    const again = runRequests(env, doc, settings, undefined, positions).ms;
    const base2 = typical();
    const best = Object.fromEntries(Object.keys(base2).map((k) => [k, Math.max(base2[k], base[k] ?? 0)]));
    for (const [k, t] of Object.entries(times)) times[k] = { ms: Math.min(t.ms, again[k] ?? t.ms), typicalMs: best[k] ?? t.typicalMs };
    slow = slow.filter((s) => again[s.kind] !== undefined).map((s) => ({ ...s, ms: Math.min(s.ms, again[s.kind]) }));
    slow = tooSlow(Object.fromEntries(slow.map((s) => [s.kind, s.ms])), best);
  }
  if (slow.length > 0) {
    const s = slow[0];
    fail(`slow:${s.kind}`, `${s.kind} took ${s.ms.toFixed(0)} ms on ${c.language} ${c.what} (${doc.text.length} characters), ${(s.ms / Math.max(0.1, s.typicalMs)).toFixed(0)}x the ${s.typicalMs.toFixed(1)} ms of a typical file of that size${slow.length > 1 ? `; also ${slow.slice(1).map((x) => x.kind).join(', ')}` : ''}`);
  }
  return times;
}
