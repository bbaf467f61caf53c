#!/usr/bin/env node
// The mutation fuzzer (issue 8): `npm run fuzz -- --seed S --count N [--time T] [--lsp] [--corpus DIR]`.
//
// Mutates the files of ../shared/corpus (else examples/ and test/grammar) deterministically
// from the seed, and runs each case through the in-process service for its language (worker
// threads; a case that hangs is killed by a watchdog), and with --lsp a slice of them through
// the real server over stdio. Failing inputs are saved to fuzz-crashes/ with their seed, case
// number and error; the exit status is 1 when any case failed.
//
//   --seed S          PRNG seed (default 1)            --count N      cases (default 1000)
//   --from K          first case number (default 0): cases K..K+N-1, so that a long run can
//                     go in chunks (seed S --from 0 --count 25000, then --from 25000 ...) and
//                     the chunks together are exactly the cases of one run
//   --time T          stop after T seconds             --case K       run only case K (verbose)
//   --lsp             also send every --lsp-every'th case (default 25) through dist/server.js
//   --lsp-only        with --case: run it through the server only
//   --lsp-faults      with --lsp: each init script sent to the server gets a fault injected into
//                     the parser worker (wasm fault, out of memory, hang); the server must recover
//   --corpus DIR      seed files (kind folders as ../shared/corpus, or any tree)
//   --workers W       worker threads (default: CPU count, at most 4)
//   --hang-ms MS      a case taking more CPU time than this (or 10 times it of wall time, on
//                     a machine that others load) is a hang (default 20000)
//   --slow-ms MS      report cases taking more CPU time than this (default 2000)
//   --out DIR         where failing inputs go (default fuzz-crashes)
//   --dump FILE       with --case: write the case's input bytes to FILE
//   --sweep           with --case of a long-line case: time every request kind with the run at
//                     1/8, 1/4, 1/2 and 1 times its length (linear: each row twice the last)
//   --long-only       run only the long-line / long-run cases among them (triage of slow:KIND)
//   --no-build        do not (re)build out/ and dist/ when stale
//   --json FILE       also write the summary (per language, per request kind, failures) as JSON
//   --strict          failures matching scripts/fuzz/known.json (open, reported bugs) count too
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { loadCorpus } from './cases.mjs';
import { caseFor, checkLongCase, cpuOfThread, isLongCase, sweepLongCase } from './longline.mjs';
import { CaseFailure, checkSecrets, runCase } from './check.mjs';
import { LspDriver } from './lsp.mjs';

process.setSourceMapsEnabled?.(true);
const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Open bugs already reported: counted apart, not failures (unless --strict). See known.json. */
/** Long cases' request times under this are not ranked by ratio (the typical file's is then ~0). */
const RATIO_FLOOR_MS = 20;
const KNOWN = JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'known.json'), 'utf8')).known;

function parseArgs(argv) {
  const o = { seed: 1, from: 0, count: 1000, time: Infinity, lsp: false, lspEvery: 25, workers: Math.min(4, availableParallelism()), hangMs: 20_000, slowMs: 2000, out: join(REPO, 'fuzz-crashes'), build: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => {
      const v = argv[++i];
      if (v === undefined) usage(`${a} needs a value`);
      return v;
    };
    const num = () => {
      const n = Number(val());
      if (!Number.isFinite(n) || n < 0) usage(`${a} needs a non-negative number`);
      return n;
    };
    switch (a) {
      case '--seed': o.seed = num() >>> 0; break;
      case '--count': o.count = Math.floor(num()); break;
      case '--from': o.from = Math.floor(num()); break;
      case '--time': o.time = num(); break;
      case '--case': o.case = Math.floor(num()); break;
      case '--lsp': o.lsp = true; break;
      case '--lsp-only': o.lsp = true; o.lspOnly = true; break;
      case '--lsp-faults': o.lsp = true; o.lspFaults = true; break;
      case '--lsp-every': o.lspEvery = Math.max(1, Math.floor(num())); break;
      case '--corpus': o.corpus = val(); break;
      case '--workers': o.workers = Math.max(1, Math.floor(num())); break;
      case '--hang-ms': o.hangMs = num(); break;
      case '--slow-ms': o.slowMs = num(); break;
      case '--out': o.out = val(); break;
      case '--dump': o.dump = val(); break;
      case '--no-build': o.build = false; break;
      case '--long-only': o.longOnly = true; break;
      case '--sweep': o.sweep = true; break;
      case '--strict': o.strict = true; break;
      case '--json': o.json = val(); break;
      case '-h': case '--help': usage(); break;
      default: usage(`unknown option ${a}`);
    }
  }
  return o;
}

function usage(msg) {
  const text = 'usage: npm run fuzz -- [--seed S] [--from K] [--count N] [--time T] [--lsp] [--lsp-faults] [--corpus DIR] [--case K] [--workers W] [--no-build]';
  if (msg) { console.error(`fuzz: ${msg}\n${text}`); process.exit(2); }
  console.log(text);
  process.exit(0);
}

/** Newest modification time of the .ts files under dir. */
function newest(dir) {
  let t = 0;
  for (const n of readdirSync(dir)) {
    const p = join(dir, n);
    const st = statSync(p);
    if (st.isDirectory()) t = Math.max(t, newest(p));
    else if (n.endsWith('.ts')) t = Math.max(t, st.mtimeMs);
  }
  return t;
}
const mtime = (p) => (existsSync(p) ? statSync(p).mtimeMs : 0);

/** Compiles out/ (tsc -b) and bundles dist/ (scripts/build.mjs) when missing or older than the sources. */
function ensureBuilt(needDist) {
  const src = newest(join(REPO, 'server', 'src'));
  const run = (what, cmd, args) => {
    console.error(`fuzz: ${what}`);
    const r = spawnSync(cmd, args, { cwd: REPO, stdio: 'inherit' });
    if (r.status !== 0) console.error(`fuzz: '${[cmd, ...args].join(' ')}' exited ${r.status}; going on with what was built`);
  };
  if (mtime(join(REPO, 'out/server/src/service/index.js')) < src || mtime(join(REPO, 'out/server/src/lsp/incremental.js')) === 0) {
    run('compiling (tsc -b)', process.execPath, [join(REPO, 'node_modules/typescript/bin/tsc'), '-b']);
  }
  if (needDist && (mtime(join(REPO, 'dist/server.js')) < src || !existsSync(join(REPO, 'dist/tree-sitter-bash.wasm')))) {
    run('bundling (scripts/build.mjs)', process.execPath, [join(REPO, 'scripts/build.mjs')]);
  }
  if (!existsSync(join(REPO, 'out/server/src/service/index.js'))) {
    console.error('fuzz: out/server/src/service/index.js is missing (the build failed)');
    process.exit(2);
  }
}

const wasmDir = () => (existsSync(join(REPO, 'dist', 'tree-sitter-bash.wasm')) ? join(REPO, 'dist') : join(REPO, 'node_modules', 'tree-sitter-bash'));

// ---------------------------------------------------------------------------------------

class Crashes {
  constructor(opts) {
    this.opts = opts;
    this.bySignature = new Map();
    this.known = new Map();
    this.total = 0;
  }

  /** Records a failure; the first 3 inputs per signature (kind + first product frame) are saved. */
  add(c, failure, via) {
    const known = KNOWN.find((x) => new RegExp(x.match).test(`${failure.kind} ${failure.message}\n${failure.stack ?? ''}`));
    if (known && !this.opts.strict) {
      this.known.set(known.id, (this.known.get(known.id) ?? 0) + 1);
      return undefined;
    }
    this.total++;
    const frame = /\((\/[^)]*\/(?:server|client)\/src\/[^)]+)\)/.exec(failure.stack ?? '')?.[1] ?? /(?:server|client)\/src\/\S+:\d+/.exec(failure.stack ?? '')?.[0] ?? '';
    const sig = /^(lsp-)?range:|^(lsp-)?incremental$/.test(failure.kind) ? failure.kind : failure.kind === 'hang' ? `hang (${c.language})` : `${failure.kind} ${frame ? relative(REPO, frame.replace(/:\d+$/, '')) : failure.message.replace(/\d+/g, 'N').slice(0, 120)}`;
    const entry = this.bySignature.get(sig) ?? { sig, count: 0, cases: [], example: failure.message };
    entry.count++;
    if (entry.cases.length < 3) {
      entry.cases.push(c.k);
      const name = `seed${c.seed}-case${c.k}-${failure.kind.replace(/[^a-z0-9-]+/gi, '_')}`;
      const dir = this.opts.out;
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `${name}.input`), c.bytes);
      writeFileSync(join(dir, `${name}.json`), JSON.stringify({
        seed: c.seed, case: c.k, via, language: c.language, path: c.path, base: c.base, mutations: c.mutations, settings: c.settings,
        hostFiles: c.hostFiles ? Object.keys(c.hostFiles) : undefined, size: c.bytes.length,
        sha1: createHash('sha1').update(c.bytes).digest('hex'),
        kind: failure.kind, message: failure.message, stack: failure.stack,
        reproduce: `npm run fuzz -- --seed ${c.seed} --case ${c.k}${via === 'lsp' ? ' --lsp-only' : ''}`,
      }, null, 2) + '\n');
    }
    this.bySignature.set(sig, entry);
    return sig;
  }
}

async function loadEnv() {
  const require = createRequire(join(REPO, 'package.json'));
  const svc = require(join(REPO, 'out/server/src/service/index.js'));
  await svc.initialize({ wasmDir: wasmDir() });
  return {
    svc,
    applyChanges: require(join(REPO, 'out/server/src/lsp/incremental.js')).applyChanges,
    TextDocument: require('vscode-languageserver-textdocument').TextDocument,
    format: require(join(REPO, 'out/server/src/cli/format.js')),
    secrets: require(join(REPO, 'out/test/helpers/secrets.js')),
  };
}

/** `--case K`: one case, in this process, with its details printed. */
async function runOne(o) {
  const env = await loadEnv();
  const corpus = loadCorpus(REPO, env.svc, o.corpus);
  const c = caseFor(o.seed, o.case, corpus, env.svc.allProblems().map((d) => d.code));
  console.log(`case ${o.case} (seed ${o.seed}): ${c.base} as ${c.language} at ${c.path}, ${c.bytes.length} bytes, mutations [${c.mutations.join(', ')}], settings ${JSON.stringify(c.settings)}${c.hostFiles ? `, host files ${Object.keys(c.hostFiles).join(' ')}` : ''}`);
  if (o.dump) { writeFileSync(o.dump, c.bytes); console.log(`input written to ${o.dump}`); }
  let failed = false;
  if (o.sweep && c.long) {
    const rows = sweepLongCase(env, c, corpus);
    const kinds = Object.keys(rows.at(-1).ms).filter((k) => rows.at(-1).ms[k] >= 5);
    console.log(`size sweep (ms, best of 2; growth = time ratio to the row before, about 2 when linear, 4 when quadratic):`);
    console.log(['chars', ...kinds].map((x) => x.padStart(11)).join(''));
    rows.forEach((row, i) => console.log([String(row.chars), ...kinds.map((k) => `${row.ms[k].toFixed(0)}${i > 0 ? ` x${(row.ms[k] / Math.max(0.5, rows[i - 1].ms[k])).toFixed(1)}` : ''}`)].map((x) => x.padStart(11)).join('')));
  }
  if (!o.lspOnly) {
    const t0 = performance.now();
    try {
      if (c.long) {
        checkLongCase(env, c, corpus, (kind, message) => { throw new CaseFailure(kind, message); });
        if (c.language === 'authkeys') checkSecrets(env, c);
        console.log(`in-process: ok (long case, ${(performance.now() - t0).toFixed(0)} ms)`);
      } else {
        const s = runCase(env, c);
        console.log(`in-process: ok (${(performance.now() - t0).toFixed(0)} ms, ${s.problems} problems, ${s.fixes} fixes applied)`);
      }
    } catch (err) {
      failed = true;
      console.log(`in-process: FAILED (${err.kind ?? 'error'})\n${err.stack ?? err}`);
    }
  }
  if (o.lsp) {
    const driver = new LspDriver(REPO, { timeoutMs: o.hangMs, faults: o.lspFaults });
    try {
      const s = await driver.runCase(c, corpus.find((f) => f.name === c.base).bytes);
      console.log(`lsp: ok (${s.requests} requests)`);
    } catch (err) {
      failed = true;
      console.log(`lsp: FAILED (${err.kind ?? 'error'})\n${err.stack ?? err}`);
    } finally {
      await driver.stop();
    }
  }
  process.exitCode = failed ? 1 : 0;
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  if (o.build) ensureBuilt(o.lsp);
  if (o.case !== undefined) return runOne(o);

  const require = createRequire(join(REPO, 'package.json'));
  const svc = require(join(REPO, 'out/server/src/service/index.js'));
  // The LSP slice compares the server with this process's analysis: load the shell parser too.
  if (o.lsp) await svc.initialize({ wasmDir: wasmDir() });
  const corpus = loadCorpus(REPO, svc, o.corpus);
  const codes = svc.allProblems().map((d) => d.code);
  const crashes = new Crashes(o);
  const t0 = performance.now();
  const deadline = t0 + o.time * 1000;
  const elapsed = () => (performance.now() - t0) / 1000;
  const end = o.from + o.count;
  let next = o.from;
  let done = 0;
  /** The highest case number such that every case below it (from --from) has finished. */
  const finished = new Set();
  let completeTo = o.from;
  const markDone = (k) => {
    finished.add(k);
    while (finished.has(completeTo)) finished.delete(completeTo++);
  };
  const slow = [];
  const perLanguage = {};
  /** Long-line / long-run cases: per language, and per request kind the highest time ratio to a typical file. */
  const longPerLanguage = {};
  const perKind = {};
  let lastReport = performance.now();
  console.error(`fuzz: seed ${o.seed}, ${o.count} cases (${o.from}..${end - 1})${Number.isFinite(o.time) ? `, at most ${o.time} s` : ''}, ${corpus.length} seed files, ${o.workers} workers${o.lsp ? `, every ${o.lspEvery}th case also over LSP` : ''}`);

  // In-process cases on worker threads, with a watchdog for hangs.
  const workerData = { repo: REPO, seed: o.seed, corpus, wasmDir: wasmDir() };
  const inProcess = new Promise((resolveAll) => {
    let live = 0;
    const spawnWorker = () => {
      const w = new Worker(new URL('./worker.mjs', import.meta.url), { workerData, resourceLimits: { maxOldGenerationSizeMb: 2048, stackSizeMb: 1 } /* ~ the main thread's (and the server's) stack */ });
      const state = { k: undefined, started: 0, dead: false, tid: undefined, cpu0: 0 };
      live++;
      const feed = () => {
        if (o.longOnly) while (next < end && !isLongCase(o.seed, next)) markDone(next++);
        if (next >= end || performance.now() > deadline) { state.k = undefined; state.dead = true; void w.terminate(); return; }
        state.k = next++;
        state.started = performance.now();
        state.cpu0 = cpuOfThread(state.tid) ?? 0;
        w.postMessage({ k: state.k });
      };
      const timer = setInterval(() => {
        const wall = performance.now() - state.started;
        const cpu = state.k === undefined ? undefined : cpuOfThread(state.tid);
        // CPU time of the worker's thread where Linux tells it (a loaded machine stretches wall
        // time: cases of 2 s of CPU took over 60 s under nice), wall time as a backstop.
        if (state.k !== undefined && (cpu === undefined ? wall > o.hangMs : cpu - state.cpu0 > o.hangMs || wall > 10 * o.hangMs)) {
          const k = state.k;
          const spent = cpu === undefined ? `${(wall / 1000).toFixed(0)} s` : `${((cpu - state.cpu0) / 1000).toFixed(1)} s of CPU time (${(wall / 1000).toFixed(1)} s of wall time)`;
          state.k = undefined;
          state.dead = true;
          clearInterval(timer);
          const c = caseFor(o.seed, k, corpus, codes);
          crashes.add(c, { kind: 'hang', message: `case ${k} did not finish within ${o.hangMs} ms: ${spent} (${c.language}, ${c.bytes.length} bytes, [${c.mutations}])`, stack: '' }, 'in-process');
          console.error(`fuzz: case ${k} HUNG (${c.language}, ${c.bytes.length} bytes, [${c.mutations}])`);
          done++;
          markDone(k);
          void w.terminate();
          spawnWorker();
        }
      }, 500);
      w.on('message', (m) => {
        if (m.ready) {
          state.tid = m.tid;
          return feed();
        }
        if (state.k !== m.k) return;
        done++;
        markDone(m.k);
        // The case's CPU time where Linux tells it (what a busy machine does not stretch), else its wall time.
        const cpu = cpuOfThread(state.tid);
        const ms = cpu === undefined ? m.ms : cpu - state.cpu0;
        const pl = (perLanguage[m.language] ??= { cases: 0, ms: 0 });
        pl.cases++;
        pl.ms += ms;
        if (ms > o.slowMs) slow.push({ k: m.k, ms, language: m.language, size: m.size, mutations: m.mutations });
        if (m.stats?.long) {
          longPerLanguage[m.language] = (longPerLanguage[m.language] ?? 0) + 1;
          for (const [kind, t] of Object.entries(m.stats.times ?? {})) {
            const e = (perKind[kind] ??= { cases: 0, highest: undefined, slowest: undefined });
            e.cases++;
            const x = { ratio: t.ms / Math.max(0.1, t.typicalMs), k: m.k, language: m.language, what: m.stats.what, size: m.size, ms: t.ms, typicalMs: t.typicalMs };
            // Ratios of times under RATIO_FLOOR_MS measure the clock, not the work.
            if (t.ms >= RATIO_FLOOR_MS && x.ratio > (e.highest?.ratio ?? -1)) e.highest = x;
            if (t.ms > (e.slowest?.ms ?? -1)) e.slowest = x;
          }
        }
        if (m.failure) {
          const c = caseFor(o.seed, m.k, corpus, codes);
          const sig = crashes.add(c, m.failure, 'in-process');
          if (sig && crashes.bySignature.get(sig).count === 1) console.error(`fuzz: case ${m.k} FAILED: ${m.failure.kind}: ${m.failure.message.split('\n')[0].slice(0, 300)}`);
        }
        if (performance.now() - lastReport > 10_000) {
          lastReport = performance.now();
          console.error(`fuzz: ${done} cases, ${(done / elapsed()).toFixed(1)} cases/s, ${crashes.total} failures, all run up to case ${completeTo - 1}`);
        }
        feed();
      });
      w.on('error', (err) => {
        if (state.dead) return;
        state.dead = true;
        clearInterval(timer);
        if (state.k !== undefined) {
          const c = caseFor(o.seed, state.k, corpus, codes);
          crashes.add(c, { kind: 'worker-crash', message: String(err?.message ?? err), stack: String(err?.stack ?? err) }, 'in-process');
          console.error(`fuzz: case ${state.k} crashed its worker: ${err?.message ?? err}`);
          done++;
          markDone(state.k);
          state.k = undefined;
        }
        spawnWorker();
      });
      w.on('exit', () => {
        clearInterval(timer);
        live--;
        if (live === 0 && (next >= end || performance.now() > deadline)) resolveAll();
      });
    };
    for (let i = 0; i < o.workers; i++) spawnWorker();
  });

  // The LSP slice, concurrently, on the main thread.
  let lspCases = 0;
  let lspRequests = 0;
  const lspFaults = { injected: 0, observed: 0 };
  const overLsp = (async () => {
    if (!o.lsp) return;
    const driver = new LspDriver(REPO, { timeoutMs: o.hangMs, faults: o.lspFaults });
    try {
      // The multiples of E, as in one run from 0: chunks together send the same cases.
      for (let k = Math.ceil(o.from / o.lspEvery) * o.lspEvery; k < end && performance.now() < deadline; k += o.lspEvery) {
        const c = caseFor(o.seed, k, corpus, codes);
        try {
          const s = await driver.runCase(c, corpus.find((f) => f.name === c.base).bytes);
          lspRequests += s.requests;
          if (s.fault) {
            lspFaults.injected++;
            if (s.fault.observed) lspFaults.observed++;
          }
        } catch (err) {
          const failure = err instanceof CaseFailure ? { kind: err.kind, message: err.message, stack: err.stack } : { kind: 'lsp-harness', message: String(err?.message ?? err), stack: String(err?.stack ?? err) };
          const sig = crashes.add(c, failure, 'lsp');
          if (sig && crashes.bySignature.get(sig).count === 1) console.error(`fuzz: case ${k} FAILED over LSP: ${failure.kind}: ${failure.message.split('\n')[0].slice(0, 300)}`);
          if (failure.kind === 'lsp-timeout' || failure.kind === 'lsp-exit') {
            await driver.stop().catch(() => undefined);
            driver.proc = undefined;
          }
        }
        lspCases++;
      }
    } finally {
      await driver.stop().catch(() => undefined);
    }
  })();

  await Promise.all([inProcess, overLsp]);
  const secs = elapsed();
  const langs = Object.entries(perLanguage).sort().map(([l, v]) => `${l} ${v.cases} (${(v.ms / v.cases).toFixed(1)} ms)`).join(', ');
  console.log(`per language: ${langs}`);
  const longs = Object.values(longPerLanguage).reduce((a, b) => a + b, 0);
  if (longs > 0) {
    console.log(`long-line / long-run cases: ${longs} (${Object.entries(longPerLanguage).sort().map(([l, n]) => `${l} ${n}`).join(', ')}); per request kind, the slowest and the highest ratio of CPU time to a typical file of the same size (a case fails above 20x and 1 s):`);
    const show = (x) => `${x.ratio.toFixed(1)}x: #${x.k} ${x.language} ${x.size} B ${x.what.slice(0, 80)}, ${x.ms.toFixed(1)} ms vs ${x.typicalMs.toFixed(1)} ms`;
    for (const [kind, e] of Object.entries(perKind).sort()) {
      console.log(`  ${kind}: ${e.cases} cases; slowest ${show(e.slowest)}; highest ratio (of times >= ${RATIO_FLOOR_MS} ms) ${e.highest ? show(e.highest) : 'none'}`);
    }
  }
  if (o.json) {
    writeFileSync(o.json, JSON.stringify({ seed: o.seed, from: o.from, count: o.count, completeTo, done, seconds: secs, perLanguage, longPerLanguage, perKind, slow: slow.sort((a, b) => b.ms - a.ms).slice(0, 20), failures: [...crashes.bySignature.values()].map((e) => ({ sig: e.sig, count: e.count, cases: e.cases })), total: crashes.total }, null, 1));
  }
  if (slow.length > 0) {
    slow.sort((a, b) => b.ms - a.ms);
    console.log(`slow cases (> ${o.slowMs} ms of CPU time, or of wall time where the thread's is unknown): ${slow.length}; slowest: ${slow.slice(0, 5).map((s) => `#${s.k} ${s.language} ${s.size} B ${s.ms.toFixed(0)} ms [${s.mutations}]`).join('; ')}`);
  }
  for (const e of [...crashes.bySignature.values()].sort((a, b) => b.count - a.count)) {
    console.log(`FAIL x${e.count} ${e.sig}\n    e.g. case ${e.cases.join(', ')}: ${e.example.split('\n')[0].slice(0, 400)}`);
  }
  for (const [id, n] of crashes.known) console.log(`known x${n} ${id}: ${KNOWN.find((x) => x.id === id).title} (not counted; --strict counts it)`);
  if (crashes.total > 0) console.log(`failing inputs saved in ${relative(process.cwd(), o.out) || '.'}/ (reproduce one with: npm run fuzz -- --seed ${o.seed} --case K)`);
  // Exactly what ran, for runs in chunks: every case from --from up to completeTo finished.
  console.log(completeTo >= end
    ? `fuzz: seed ${o.seed}: cases ${o.from}..${end - 1} all run${o.longOnly ? " (the long-line / long-run ones only)" : ""}`
    : `fuzz: seed ${o.seed}: cases ${o.from}..${completeTo - 1} all run${finished.size > 0 ? ` (and ${finished.size} after them)` : ''}; stopped before the end: resume with --seed ${o.seed} --from ${completeTo} --count ${end - completeTo}`);
  console.log(`fuzz: seed ${o.seed}: ${done} cases in ${secs.toFixed(1)} s (${(done / secs).toFixed(1)} cases/s)${o.lsp ? `, ${lspCases} over LSP (${lspRequests} requests)` : ''}${o.lspFaults ? `, ${lspFaults.injected} parser faults injected (${lspFaults.observed} seen by the server, all recovered)` : ''}, ${crashes.total} failed (${crashes.bySignature.size} distinct), ${[...crashes.known.values()].reduce((a, b) => a + b, 0)} known`);
  process.exitCode = crashes.total > 0 ? 1 : 0;
}

await main();
