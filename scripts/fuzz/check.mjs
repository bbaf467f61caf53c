// The in-process checks of one fuzz case: the service for its language must not throw, must
// keep every range inside the document, must be deterministic, its quick fixes must apply
// and re-analyse cleanly, and an incremental re-analysis must equal one from scratch.
import { rngFor } from './cases.mjs';

export class CaseFailure extends Error {
  constructor(kind, message, cause) {
    super(message);
    this.kind = kind;
    if (cause) this.stack = `${kind}: ${message}\n${cause instanceof Error ? cause.stack : String(cause)}`;
  }
}

/** An in-memory WorkspaceHost (as test/helpers/memHost.ts), with the document itself in it. */
export function memHost(files, modes = {}) {
  const dirs = new Set(['/']);
  for (const p of Object.keys(files)) {
    let d = p.slice(0, p.lastIndexOf('/'));
    while (d.length > 0) { dirs.add(d); d = d.slice(0, d.lastIndexOf('/')); }
  }
  return {
    readFile: (p) => files[p],
    stat: (p) => (p in files ? { isFile: true, isDirectory: false, mode: modes[p] ?? 0o644, size: files[p].length } : dirs.has(p) ? { isFile: false, isDirectory: true, size: 0 } : undefined),
    listDir: (p) => {
      if (!dirs.has(p)) return undefined;
      const prefix = p === '/' ? '/' : `${p}/`;
      const names = new Set();
      for (const f of [...Object.keys(files), ...dirs]) if (f !== '/' && f.startsWith(prefix)) names.add(f.slice(prefix.length).split('/')[0]);
      return [...names].sort();
    },
  };
}

/** Lines as the service (and an LSP client) counts them: LF, CR LF and a lone CR end a line. */
function lineLengths(text) {
  const out = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      out.push((i > start && text.charCodeAt(i - 1) === 13 ? i - 1 : i) - start);
      start = i + 1;
    } else if (c === 13 && text.charCodeAt(i + 1) !== 10) {
      out.push(i - start);
      start = i + 1;
    }
  }
  out.push(text.length - start);
  return out;
}

/**
 * Whether an analysis's shell parse was stopped at its time budget (the document's info says
 * so): how far a parse gets in 2 s depends on the machine's load, so such analyses may differ.
 */
export function parseStopped(...analyses) {
  return analyses.some((a) => /was stopped \(pathological input\)/.test(a?.info?.reason ?? ''));
}

function posOk(lens, p) {
  return p && Number.isInteger(p.line) && Number.isInteger(p.character) && p.line >= 0 && p.line < lens.length && p.character >= 0 && p.character <= lens[p.line];
}

export function rangeProblem(lens, r) {
  if (!r || !r.start || !r.end) return 'missing range';
  if (!posOk(lens, r.start)) return `start ${r.start.line}:${r.start.character} outside the document (${lens.length} lines, line length ${lens[r.start.line] ?? '-'})`;
  if (!posOk(lens, r.end)) return `end ${r.end.line}:${r.end.character} outside the document (${lens.length} lines, line length ${lens[r.end.line] ?? '-'})`;
  if (r.start.line > r.end.line || (r.start.line === r.end.line && r.start.character > r.end.character)) return `start ${r.start.line}:${r.start.character} after end ${r.end.line}:${r.end.character}`;
  return undefined;
}

function within(outer, inner) {
  const le = (a, b) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return le(outer.start, inner.start) && le(inner.end, outer.end);
}

/** Offset of a position in text whose lines are `lens` (service line model). */
function offsetAt(text, lens, p) {
  let off = 0;
  for (let i = 0; i < p.line; i++) {
    off += lens[i];
    off += text.charCodeAt(off) === 13 && text.charCodeAt(off + 1) === 10 ? 2 : 1;
  }
  return off + p.character;
}

/** Applies a fix's edits (which must not overlap) to `text`. */
export function applyEdits(text, lens, edits) {
  const withOff = edits.map((e) => ({ s: offsetAt(text, lens, e.range.start), e: offsetAt(text, lens, e.range.end), t: e.newText }))
    .sort((a, b) => a.s - b.s || a.e - b.e);
  for (let i = 1; i < withOff.length; i++) {
    if (withOff[i].s < withOff[i - 1].e) throw new CaseFailure('fix-overlap', `fix edits overlap at offsets ${withOff[i - 1].s}-${withOff[i - 1].e} and ${withOff[i].s}-${withOff[i].e}`);
  }
  let out = '';
  let at = 0;
  for (const w of withOff) { out += text.slice(at, w.s) + w.t; at = w.e; }
  return out + text.slice(at);
}

const stable = (x) => JSON.stringify(x);

/**
 * Runs one case. `env` = { svc, applyChanges, TextDocument }. Throws a CaseFailure on the
 * first fault; returns counters otherwise.
 */
export function runCase(env, c, opts = {}) {
  const { svc } = env;
  const text = c.bytes.toString('utf8'); // invalid UTF-8 → U+FFFD, as readFileSync(path, 'utf8')
  const settings = { ...svc.DEFAULT_SETTINGS, ...c.settings, severity: { ...c.settings.severity } };
  // The host sees the document's own current text (as the server's overlay of open documents does).
  const hostFor = (t) => (c.hostFiles ? memHost({ ...c.hostFiles, [c.path]: t }, { [c.path]: c.settings.checkFileModes ? 0o600 : 0o644 }) : undefined);
  const host = hostFor(text);
  const doc = { path: c.path, text, language: c.language };
  const r = rngFor(c.seed, c.k, c.rngSalt);
  const lens = lineLengths(text);
  const stats = { fixes: 0, problems: 0, requests: 0 };
  const held = [];
  const step = (name, fn) => {
    try {
      return fn();
    } catch (err) {
      if (err instanceof CaseFailure) throw err;
      throw new CaseFailure(`throw:${name}`, `${name} threw: ${err instanceof Error ? err.message : String(err)}`, err);
    }
  };
  const checkRange = (what, range, l = lens) => {
    const bad = rangeProblem(l, range);
    if (bad) {
      // The kind (for grouping) names the feature and the code, not the position.
      const kind = what.replace(/^(incremental: |after fix .*?: )/, (m) => (m.startsWith('after') ? 'after-fix ' : m)).replace(/ at \d+:\d+$/, '').replace(/'[^']*'/g, '').replace(/^(symbol|lens|completion|hover) .*/, '$1').replace(/\s+/g, '-');
      throw new CaseFailure(`range:${kind}`, `${what}: ${bad}`);
    }
  };
  const checkAnalysis = (a, l, label) => {
    for (const p of a.problems) {
      checkRange(`${label}problem ${p.code}`, p.range, l);
      for (const rel of p.related ?? []) if (rel.path === a.path) checkRange(`${label}related of ${p.code}`, rel.range, l);
      for (const f of p.fixes ?? []) for (const e of f.edits) checkRange(`${label}fix of ${p.code}`, e.range, l);
    }
  };

  try {
    const a = step('analyze', () => svc.analyze(doc, settings, host));
    held.push(a);
    // The service catches a wasm RuntimeError and turns shell parsing off for the process
    // (parserFailed): nothing throws, so look for it in the document's info.
    if (/the shell parser failed/.test(a.info?.reason ?? '')) throw new CaseFailure('parser-failed', `shell parsing is off in this process: ${a.info.reason}`);
    stats.problems = a.problems.length;
    checkAnalysis(a, lens, '');
    const a2 = step('analyze (again)', () => svc.analyze(doc, settings, host));
    held.push(a2);
    if (!parseStopped(a, a2) && (stable(a2.problems) !== stable(a.problems) || stable(a2.info) !== stable(a.info))) {
      throw new CaseFailure('nondeterministic', `two analyses of the same text differ: ${a.problems.length} vs ${a2.problems.length} problems`);
    }

    // Features.
    const symbols = step('getSymbols', () => svc.getSymbols(a));
    const walkSymbols = (list, depth) => {
      for (const s of list) {
        checkRange(`symbol ${s.name}`, s.range);
        checkRange(`symbol ${s.name} selection`, s.selectionRange);
        if (!within(s.range, s.selectionRange)) throw new CaseFailure('range:symbol-selection', `symbol ${JSON.stringify(s.name)}: selectionRange ${stable(s.selectionRange)} not inside range ${stable(s.range)} (LSP requires it)`);
        if (s.children && depth < 50) walkSymbols(s.children, depth + 1);
      }
    };
    walkSymbols(symbols, 0);
    for (const l of step('getCodeLenses', () => svc.getCodeLenses(a))) checkRange(`lens ${l.title}`, l.range);
    for (const f of step('getFoldingRanges', () => svc.getFoldingRanges(a))) {
      if (!(Number.isInteger(f.startLine) && Number.isInteger(f.endLine) && f.startLine >= 0 && f.startLine <= f.endLine && f.endLine < lens.length)) {
        throw new CaseFailure('range:folding', `folding range ${f.startLine}-${f.endLine} outside the document (${lens.length} lines)`);
      }
    }
    const positions = [];
    const nPos = opts.positions ?? 3;
    for (let i = 0; i < nPos; i++) {
      const line = r.int(lens.length);
      positions.push({ line, character: r.int(lens[line] + 1) });
    }
    for (const p of a.problems.slice(0, 2)) positions.push(p.range.start, p.range.end);
    positions.push({ line: lens.length - 1, character: lens[lens.length - 1] });
    for (const p of positions) {
      stats.requests += 4;
      const completions = step(`doComplete@${p.line}:${p.character}`, () => svc.doComplete(a, p));
      for (const ce of completions) checkRange(`completion ${ce.label} at ${p.line}:${p.character}`, ce.edit.range);
      const h = step(`doHover@${p.line}:${p.character}`, () => svc.doHover(a, p));
      if (h) checkRange(`hover at ${p.line}:${p.character}`, h.range);
      step(`getSignatureHelp@${p.line}:${p.character}`, () => svc.getSignatureHelp(a, p));
      for (const f of step(`getRefactors@${p.line}:${p.character}`, () => svc.getRefactors(a, { start: p, end: p }))) {
        for (const e of f.edits) checkRange(`refactor ${f.title}`, e.range);
      }
    }
    // Positions a client may send that are outside the document: answered, not thrown on.
    if (r.chance(0.3)) {
      const p = r.pick([{ line: lens.length + 3, character: 0 }, { line: 0, character: (lens[0] ?? 0) + 50 }, { line: lens.length - 1, character: 1e6 }]);
      step(`doComplete@out-of-document ${p.line}:${p.character}`, () => svc.doComplete(a, p));
      step(`doHover@out-of-document ${p.line}:${p.character}`, () => svc.doHover(a, p));
      step(`getSignatureHelp@out-of-document ${p.line}:${p.character}`, () => svc.getSignatureHelp(a, p));
    }

    // Quick fixes: each applies cleanly and the result analyses cleanly.
    let fixBudget = opts.fixes ?? 4;
    const withFixes = a.problems.filter((p) => p.fixes && p.fixes.length > 0);
    // A sample, not all of them: a mutated file can carry thousands.
    const sample = withFixes.length <= 4 ? withFixes : [0, 1, 2, 3].map(() => withFixes[r.int(withFixes.length)]);
    for (const p of sample) {
      if (fixBudget <= 0) break;
      const fixes = step(`getFixes ${p.code}`, () => svc.getFixes(a, p.range, [p.code]));
      for (const f of fixes) {
        if (fixBudget-- <= 0) break;
        stats.fixes++;
        for (const e of f.edits) checkRange(`fix '${f.title}' of ${p.code}`, e.range);
        const fixed = applyEdits(text, lens, f.edits);
        const b = step(`analyze after fix '${f.title}' (${p.code})`, () => svc.analyze({ ...doc, text: fixed }, settings, hostFor(fixed)));
        try {
          checkAnalysis(b, lineLengths(fixed), `after fix '${f.title}': `);
        } finally {
          svc.disposeAnalysis(b);
        }
      }
    }

    // Incremental re-analysis (tree-sitter edits from LSP changes) equals a fresh analysis.
    if (env.applyChanges && env.TextDocument && (c.language === 'initscript' ? r.chance(0.5) : r.chance(0.05))) {
      let td = env.TextDocument.create('file:///fuzz', 'shellscript', 1, text);
      let prev = a2;
      const history = [];
      for (let round = r.range(1, 2); round > 0; round--) {
        const changes = [];
        for (let i = r.range(1, 3); i > 0; i--) {
          const size = td.getText().length;
          const at = r.int(size + 1);
          const len = r.int(12);
          const newText = r.pick(['', '\n', ' ', '"', "'", '#', ';;', 'esac', 'fi', '{', '}', '$(', ')', 'case "$1" in\n', 'start)', 'é', '\r\n', '\r', '\u{1F600}', 'ip addr add 1.2.3.4/40 dev eth0\n', '# chkconfig: 345 10 90\n', 'x']);
          changes.push({ at, len, newText });
        }
        // Each change is relative to the text after the previous one, as LSP sends them.
        const lspChanges = [];
        let shadow = td;
        for (const ch of changes) {
          const size = shadow.getText().length;
          const s = Math.min(ch.at, size);
          const e = Math.min(size, s + ch.len);
          const change = { range: { start: shadow.positionAt(s), end: shadow.positionAt(e) }, text: ch.newText };
          lspChanges.push(change);
          shadow = env.TextDocument.update(env.TextDocument.create('file:///fuzz', 'shellscript', 1, shadow.getText()), [change], 2);
        }
        const applied = step('applyChanges', () => env.applyChanges(td, lspChanges, td.version + 1, []));
        td = applied.document;
        const newText = td.getText();
        const newHost = hostFor(newText);
        const inc = step('analyze (incremental)', () => svc.analyze({ ...doc, text: newText }, settings, newHost, applied.edits ? { analysis: prev, edits: applied.edits } : undefined));
        held.push(inc);
        const fresh = step('analyze (fresh, after edits)', () => svc.analyze({ ...doc, text: newText }, settings, newHost));
        held.push(fresh);
        history.push(lspChanges.map((x) => [x.range.start.line, x.range.start.character, x.range.end.line, x.range.end.character, x.text]));
        // Every round so far (each round's changes are one didChange, in order).
        const edits = history.length === 1 ? stable(history[0]) : `rounds ${stable(history)}`;
        try {
          checkAnalysis(inc, lineLengths(newText), 'incremental: ');
        } catch (err) {
          err.message += ` (after LSP changes [startLine,startChar,endLine,endChar,text] ${edits})`;
          throw err;
        }
        if (parseStopped(inc, fresh)) {
          // A parse stopped at its time budget (load-dependent): the two need not agree.
        } else if (stable(inc.problems) !== stable(fresh.problems)) {
          const ip = inc.problems.map((p) => `${p.code}@${p.range.start.line}:${p.range.start.character}`);
          const fp = fresh.problems.map((p) => `${p.code}@${p.range.start.line}:${p.range.start.character}`);
          const onlyInc = ip.filter((x) => !fp.includes(x)).slice(0, 3);
          const onlyFresh = fp.filter((x) => !ip.includes(x)).slice(0, 3);
          throw new CaseFailure('incremental', `incremental analysis after ${edits} differs from a fresh one: only incremental ${stable(onlyInc)}, only fresh ${stable(onlyFresh)}`);
        }
        if (!parseStopped(inc, fresh) && stable(svc.getSymbols(inc)) !== stable(svc.getSymbols(fresh))) throw new CaseFailure('incremental', `incremental outline (symbols) differs from a fresh one after ${edits}`);
        prev = inc;
      }
    }
  } finally {
    for (const h of held) {
      try { svc.disposeAnalysis(h); } catch { /* a tree freed twice is not this case's fault */ }
    }
  }
  if (c.language === 'authkeys') checkSecrets(env, c);
  // Any parse of the case (incremental ones and resource scripts included) may have hit a wasm
  // failure, which the service swallows (parserFailed) and which turns parsing off for good.
  const failure = svc.shellParserFailure?.();
  if (failure) throw new CaseFailure('parser-failed', `shell parsing is off in this process after this case: ${failure}`);
  return stats;
}

/**
 * The secrets oracle (issue 14.2): no word of an authkeys case that may be a key is shown by
 * any channel (diagnostics, hover, symbols, lenses, completion, code actions, the CLI's text,
 * JSON and SARIF); see test/helpers/secrets.ts.
 */
export function checkSecrets(env, c) {
  if (!env.secrets) return;
  const { svc } = env;
  const text = c.bytes.toString('utf8');
  const settings = { ...svc.DEFAULT_SETTINGS, ...c.settings, severity: { ...c.settings.severity } };
  const host = c.hostFiles ? (t) => memHost({ ...c.hostFiles, [c.path]: t }, { [c.path]: c.settings.checkFileModes ? 0o600 : 0o644 }) : undefined;
  const leaks = env.secrets.secretLeaks(text, c.path, settings, host);
  if (leaks.length > 0) {
    const l = leaks[0];
    throw new CaseFailure(`secret-shown:${l.channel}`, `a possible key of line ${l.line} (${l.secret.length} characters) is shown by ${l.channel}: …${l.example.replace(l.secret, '<KEY>')}…${leaks.length > 1 ? ` (${leaks.length} leaks in all)` : ''}`);
  }
}
