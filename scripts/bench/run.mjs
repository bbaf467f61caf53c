#!/usr/bin/env node
// npm run bench: how fast sysv-ha answers, as an editor and a terminal see it, next to the floor
// (raw web-tree-sitter parsing of the same files, timed in the same run). Not a test: nothing
// here asserts on time. See docs/performance.md.
//
//   node scripts/bench/run.mjs [--quick] [--files DIR] [--cpu-prof DIR] [--dist DIR] [--out FILE]
//   --quick     fewer iterations, no 20k-line script, no 1,000-script tree
//   --files     the files to open instead of examples/ + ../shared/corpus (kind from folder or path)
//   --cpu-prof  run the server and the CLI under node --cpu-prof, profiles in DIR/<phase>
//               (summarise them with scripts/bench/top-self-time.mjs)
//   --dist      the bundles to measure (default dist/, built with npm run build when missing)
//   --server-env NAME=VALUE  an environment variable for the server (repeatable), e.g.
//               SYSV_HA_PARSER=in-process (no parser worker) or SYSV_HA_PARSER_IDLE_MS=30000
//   --baseline DIR  another build (e.g. main before a change) whose CLI is timed on the
//               1,000-script tree in the same run, interleaved with this one
//   --node-flags "FLAGS"  extra node/V8 flags for the server and CLI processes (experiments,
//               e.g. "--liftoff-only"); recorded in the JSON
//   --runs N    run the whole bench N times, one process after another, and judge each target by
//               the majority of the runs (the median for a fixed limit); each run's table and JSON
//               are kept beside --out (OUT.runI.txt / .json). This machine's noise between runs is
//               larger than several targets' margins; one run's verdict near a limit says little.
//   --no-server-flags  start the server without the flags the editors give it
//               (node flags and environment of dist/server-launch.json), as a plain
//               `node dist/server.js --stdio` would be
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, release, tmpdir, totalmem } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { fullParse, incrementalParse, loadFloor } from './floor.mjs';
import { generateEtcTree, largeInitScript } from './generate.mjs';
import { BenchClient, procCpuMs, RssSampler } from './lsp-client.mjs';
import { serverLaunch } from '../server-launch.mjs';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

// ---------------------------------------------------------------------------------------- options
function parseArgs(argv) {
  const o = { runs: 1, quick: false, files: undefined, cpuProf: undefined, nodeFlags: [], serverFlags: true, dist: join(REPO, 'dist'), baseline: undefined, serverEnv: {}, out: join(REPO, 'bench-results', 'latest.json') };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quick') o.quick = true;
    else if (a === '--files') o.files = resolve(argv[++i] ?? '.');
    else if (a === '--cpu-prof') o.cpuProf = resolve(argv[++i] ?? 'bench-results/profiles');
    else if (a === '--out') o.out = resolve(argv[++i]);
    else if (a === '--dist') o.dist = resolve(argv[++i]);
    else if (a === '--baseline') o.baseline = resolve(argv[++i]);
    else if (a === '--server-env') {
      const [k, ...v] = (argv[++i] ?? '').split('=');
      o.serverEnv[k] = v.join('=');
    }
    else if (a === '--runs') o.runs = Math.max(1, Number.parseInt(argv[++i] ?? '1', 10) || 1);
    else if (a === '--no-server-flags') o.serverFlags = false;
    else if (a === '--node-flags') o.nodeFlags = (argv[++i] ?? '').split(/\s+/).filter(Boolean);
    else if (a === '--help' || a === '-h') {
      console.log('usage: npm run bench -- [--quick] [--files DIR] [--cpu-prof DIR] [--dist DIR] [--node-flags FLAGS] [--no-server-flags] [--out FILE]');
      process.exit(0);
    } else {
      console.error(`bench: unknown option ${a}`);
      process.exit(2);
    }
  }
  return o;
}
const opts = parseArgs(process.argv.slice(2));
const Q = opts.quick;
const ITER = {
  startups: Q ? 2 : 5,
  floorReps: Q ? 3 : 9,
  floorRepsLarge: Q ? 2 : 5,
  word: Q ? 'log' : 'logger started',
  hovers: Q ? 2 : 5,
  completions: Q ? 2 : 5,
  symbols: Q ? 1 : 3,
  lenses: Q ? 1 : 3,
  largeLines: Q ? [1000, 5000] : [1000, 5000, 20000],
  largeEditRounds: Q ? 1 : 3,
  treeScripts: Q ? 0 : 1000,
  cliReps: Q ? 1 : 3,
};

// ------------------------------------------------------------------------------------------ stats
const sorted = (xs) => xs.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
function pct(xs, p) {
  const s = sorted(xs);
  if (s.length === 0) return null;
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}
const p50 = (xs) => pct(xs, 50);
const p95 = (xs) => pct(xs, 95);
const round = (x, d = 2) => (x === null || x === undefined || !Number.isFinite(x) ? null : Math.round(x * 10 ** d) / 10 ** d);
const summary = (xs) => ({ n: sorted(xs).length, p50: round(p50(xs), 3), p95: round(p95(xs), 3), max: round(sorted(xs).at(-1) ?? null, 3) });

// ------------------------------------------------------------------------------------------ files
const KINDS = {
  inittab: { languageId: 'inittab', cli: 'inittab' },
  initscripts: { languageId: 'shellscript', cli: 'initscript' },
  hacf: { languageId: 'ha-cf', cli: 'hacf' },
  haresources: { languageId: 'ha-resources', cli: 'haresources' },
  authkeys: { languageId: 'ha-authkeys', cli: 'authkeys' },
  xinetd: { languageId: 'xinetd', cli: 'xinetd' },
};

/** The kind of a file, from a corpus-style folder name or from the path as on a real system. */
function kindOf(path) {
  const parts = path.split('/');
  for (const p of parts.slice(0, -1).reverse()) if (KINDS[p]) return p;
  const name = parts.at(-1);
  const parent = parts.at(-2);
  if (name === 'inittab' || name.endsWith('.tab')) return 'inittab';
  if (name === 'ha.cf') return 'hacf';
  if (name === 'haresources') return 'haresources';
  if (name === 'authkeys') return 'authkeys';
  if (parent === 'xinetd.d' || name === 'xinetd.conf') return 'xinetd';
  if (parent === 'init.d') return 'initscripts';
  return undefined;
}

function walkFiles(dir, out = []) {
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    const st = statSync(full);
    if (st.isDirectory()) walkFiles(full, out);
    else if (st.isFile() && !/\.(md|tsv)$/.test(name)) out.push(full);
  }
  return out;
}

/** The name an init script is installed under: its Provides, its prog/NAME, or a cleaned file name. */
function serviceName(file, text) {
  const provides = /^#[ \t]*Provides:[ \t]*(\S+)/m.exec(text)?.[1];
  if (provides && /^[A-Za-z0-9_.-]+$/.test(provides) && !provides.startsWith('$')) return provides;
  const assigned = /^(?:prog|NAME|name)=["']?([A-Za-z0-9_.-]+)/m.exec(text)?.[1];
  if (assigned) return assigned;
  return basename(file).split('__').at(-1).replace(/\.(in|init|sh)$/, '').replace(/[^A-Za-z0-9_.-]/g, '') || 'service';
}

const SYSTEM_PATH = { inittab: 'etc/inittab', hacf: 'etc/ha.d/ha.cf', haresources: 'etc/ha.d/haresources', authkeys: 'etc/ha.d/authkeys' };

/** A file of the set: text, language and the URI it is opened under. */
function entry(group, i, file, kind, uri) {
  const text = readFileSync(file, 'utf8');
  if (!uri) {
    const rel = kind === 'initscripts' ? `etc/init.d/${serviceName(file, text)}`
      : kind === 'xinetd' ? `etc/xinetd.d/${basename(file).split('__').at(-1)}`
        : SYSTEM_PATH[kind];
    uri = `file:///bench/${group}/${i}/${rel}`;
  }
  return { group, kind, file, uri, languageId: KINDS[kind].languageId, text, lines: text.split('\n').length - (text.endsWith('\n') ? 1 : 0), bytes: Buffer.byteLength(text) };
}

function collectSet() {
  const set = [];
  const add = (group, root, realUris) => {
    let i = 0;
    for (const f of walkFiles(root)) {
      const kind = kindOf(relative(root, f));
      if (kind) set.push(entry(group, i++, f, kind, realUris ? pathToFileURL(f).href : undefined));
    }
  };
  if (opts.files) add('files', opts.files, false);
  else {
    add('examples', join(REPO, 'examples'), true);
    const corpus = resolve(REPO, '..', 'shared', 'corpus');
    if (existsSync(corpus)) add('corpus', corpus, false);
  }
  return set;
}

/** Where the typing happens: inside the dispatcher's start) branch (init scripts), else mid-file. */
function editPlan(e) {
  const lines = e.text.split('\n');
  let line = -1;
  let indent = 8;
  if (e.kind === 'initscripts') {
    const caseLine = lines.findIndex((l) => /^\s*case\b.*\bin\s*$/.test(l));
    const from = Math.max(caseLine, 0);
    line = lines.findIndex((l, i) => i > from && /^\s*['"]?start['"]?\s*\)/.test(l));
    if (line < 0) line = lines.findIndex((l, i) => i > from && /^\s*[^#\s()][^()]*\)\s*$/.test(l));
    if (line < 0 && caseLine >= 0) line = caseLine;
    if (line >= 0) indent = (/^\s*/.exec(lines[line])[0].length) + 4;
  }
  if (line < 0) {
    line = Math.max(0, Math.floor((lines.length - 1) / 2));
    indent = 0;
  }
  const character = lines[line].replace(/\r$/, '').length;
  let offset = 0;
  for (let i = 0; i < line; i++) offset += lines[i].length + 1;
  offset += character;
  const word = e.kind === 'initscripts' ? ITER.word : `# ${ITER.word}`;
  return { line, character, offset, indent, word };
}

/** Spread positions over non-blank lines: hover at the first word, completion at its end. */
function featurePositions(e, n) {
  const lines = e.text.split('\n');
  const candidates = [];
  lines.forEach((l, i) => {
    const m = /[A-Za-z_$]\w*/.exec(l);
    if (m && l.trim()) candidates.push({ line: i, start: m.index, end: m.index + m[0].length });
  });
  const out = [];
  for (let k = 0; k < n && candidates.length > 0; k++) out.push(candidates[Math.floor(((k + 0.5) / n) * candidates.length)]);
  return out;
}

// ------------------------------------------------------------------------------------------ build
function ensureBuilt() {
  if (existsSync(join(opts.dist, 'server.js')) && existsSync(join(opts.dist, 'cli.js')) && existsSync(join(opts.dist, 'tree-sitter-bash.wasm'))) return false;
  if (opts.dist !== join(REPO, 'dist')) {
    console.error(`bench: no server.js, cli.js and tree-sitter-bash.wasm in ${opts.dist}`);
    process.exit(2);
  }
  console.error('bench: dist/ is missing; running npm run -s build');
  const r = spawnSync('npm', ['run', '-s', 'build'], { cwd: REPO, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error('bench: the build failed');
    process.exit(1);
  }
  return true;
}

// The server is started as the editors start it: with the node flags and environment of the
// build (the VS Code client and `sysv-ha lsp` use the same), read once the build exists.
let launch = { nodeFlags: [], env: {} };
let serverEnv = process.env;
function readLaunch() {
  serverEnv = { ...process.env, ...opts.serverEnv };
  if (!opts.serverFlags) return;
  const found = serverLaunch(opts.dist);
  if (found.found) launch = found;
  else log(`bench: ${found.file} not found: the server runs without its launch flags`);
  serverEnv = { ...process.env, ...launch.env, ...opts.serverEnv };
}
const serverArgs = (name) => [...launch.nodeFlags, ...profArgs(name)];
// Steady memory is read this long after the last request: the server runs one full garbage
// collection once it has been idle for 1 s after a burst of work (server/src/lsp/memory.ts).
const STEADY_MS = 2000;
// … and again once settled: past the parser worker's idle time (10 s), when it has been ended.
const SETTLE_MS = 12000;
// The generated scripts are closed, then RSS is read this long after, and the server idles this much longer.
const AFTER_CLOSE_MS = 10000;
const IDLE_MS = Q ? 2000 : 10000;
const profArgs = (name) => [...opts.nodeFlags, ...(opts.cpuProf ? [`--cpu-prof`, `--cpu-prof-dir=${join(opts.cpuProf, name)}`] : [])];
const log = (s) => process.stderr.write(`${s}\n`);
let supportsJobs = false;

// ------------------------------------------------------------------------------------------- main
async function main() {
  const started = performance.now();
  const loadStart = loadavg().map((x) => round(x));
  const built = ensureBuilt();
  readLaunch();
  const serverJs = join(opts.dist, 'server.js');
  const cliJs = join(opts.dist, 'cli.js');
  const minified = !readFileSync(cliJs, 'utf8').slice(-300).includes('sourceMappingURL=');
  // Builds before the parser worker have no --jobs.
  supportsJobs = readFileSync(cliJs, 'utf8').includes('--jobs');

  const set = collectSet();
  const large = ITER.largeLines.map((n) => {
    const text = largeInitScript(n);
    return { group: 'generated', kind: 'initscripts', file: `(generated ${n} lines)`, uri: `file:///bench/generated/${n}/etc/init.d/bigsvc${n}`, languageId: 'shellscript', text, lines: text.split('\n').length - 1, bytes: Buffer.byteLength(text), target: n };
  });
  log(`bench: ${set.length} files (${Object.entries(countBy(set, (e) => e.kind)).map(([k, n]) => `${n} ${k}`).join(', ')}) + generated ${ITER.largeLines.join('/')} lines${Q ? ' [quick]' : ''}`);

  // ---- the floor: raw web-tree-sitter on the same texts, same edit positions
  const floor = await loadFloor(REPO);
  let floorBytes = 0;
  let floorMs = 0;
  for (const e of [...set, ...large]) {
    e.plan = editPlan(e);
    const reps = e.lines > 2000 ? ITER.floorRepsLarge : ITER.floorReps;
    e.floorFull = fullParse(floor.parser, e.text, reps);
    e.floorIncr = incrementalParse(floor.parser, e.text, e.plan.offset, e.plan.line, e.plan.character, reps);
    floorBytes += e.bytes;
    floorMs += e.floorFull;
  }
  log(`bench: floor done (${(floorBytes / 1024 / 1024 / (floorMs / 1000)).toFixed(1)} MB/s full parse)`);

  // ---- start-up: spawn → initialize answered; → first init-script diagnostics (wasm loaded)
  const startup = [];
  const firstScript = [];
  const tiny = '#!/bin/sh\n### BEGIN INIT INFO\n# Provides: tiny\n# Required-Start: $local_fs\n# Required-Stop: $local_fs\n# Default-Start: 2 3 4 5\n# Default-Stop: 0 1 6\n# Short-Description: tiny\n### END INIT INFO\ncase "$1" in\n  start|stop|restart|force-reload|status) : ;;\n  *) echo "Usage: $0 {start|stop|restart|force-reload|status}"; exit 3 ;;\nesac\n';
  for (let i = 0; i < ITER.startups; i++) {
    const c = new BenchClient(serverJs, [...launch.nodeFlags, ...opts.nodeFlags], serverEnv);
    const t0 = c.spawnedAt;
    startup.push(await c.initialize());
    const r = await c.open('file:///bench/startup/etc/init.d/tiny', 'shellscript', tiny);
    if (r.ms !== null) firstScript.push(performance.now() - t0);
    await c.shutdown();
  }
  const startupIdle = [];
  log(`bench: start-up ${round(p50(startup))} ms`);

  // ---- the server with the whole set open
  const s1 = new BenchClient(serverJs, serverArgs('server-corpus'), serverEnv);
  await s1.initialize();
  const s1cpu0 = s1.cpuMs();
  await sleep(300);
  startupIdle.push(s1.memory());
  // The editor-depth requests (#19) beside the older ones: navigation, links, hints, colours, format, quick fixes.
  const newFeatures = () => ({ definition: [], references: [], prepareRename: [], rename: [], documentLink: [], inlayHint: [], semanticTokens: [], formatting: [], codeAction: [] });
  const feat = { completion: [], hover: [], documentSymbol: [], codeLens: [], ...newFeatures() };
  const featLarge = {};
  async function exercise(e, rounds = 1, bucket = feat) {
    const o = await s1.open(e.uri, e.languageId, e.text);
    e.openMs = o.ms;
    e.diagnostics = o.count;
    e.editMs = [];
    let version = 1;
    const { line, character, indent, word } = e.plan;
    for (let r = 0; r < rounds; r++) {
      const l = line + r; // each round types on a new line below the previous one
      const ch = r === 0 ? character : indent + word.length;
      e.editMs.push(await s1.change(e.uri, ++version, { start: { line: l, character: ch }, end: { line: l, character: ch } }, `\n${' '.repeat(indent)}`));
      for (let k = 0; k < word.length; k++) {
        const pos = { line: l + 1, character: indent + k };
        e.editMs.push(await s1.change(e.uri, ++version, { start: pos, end: pos }, word[k]));
      }
    }
    const uri = { uri: e.uri };
    for (const p of featurePositions(e, ITER.hovers)) bucket.hover.push((await s1.timed('textDocument/hover', { textDocument: uri, position: { line: p.line, character: p.start } })).ms);
    for (const p of featurePositions(e, ITER.completions)) bucket.completion.push((await s1.timed('textDocument/completion', { textDocument: uri, position: { line: p.line, character: p.end } })).ms);
    bucket.completion.push((await s1.timed('textDocument/completion', { textDocument: uri, position: { line: line + 1, character: indent + Math.min(3, word.length) } })).ms);
    for (let k = 0; k < ITER.symbols; k++) bucket.documentSymbol.push((await s1.timed('textDocument/documentSymbol', { textDocument: uri })).ms);
    for (let k = 0; k < ITER.lenses; k++) bucket.codeLens.push((await s1.timed('textDocument/codeLens', { textDocument: uri })).ms);
    for (const p of featurePositions(e, ITER.hovers)) {
      const position = { line: p.line, character: p.start };
      bucket.definition.push((await s1.timed('textDocument/definition', { textDocument: uri, position })).ms);
      bucket.references.push((await s1.timed('textDocument/references', { textDocument: uri, position, context: { includeDeclaration: true } })).ms);
      const prep = await s1.timed('textDocument/prepareRename', { textDocument: uri, position });
      bucket.prepareRename.push(prep.ms);
      // The rename itself where there is a name to rename (the edit is computed, not applied).
      if (prep.result) bucket.rename.push((await s1.timed('textDocument/rename', { textDocument: uri, position, newName: `${prep.result.placeholder}2` }).catch(() => ({ ms: null }))).ms);
    }
    // prepareRename and rename on the Provides name (a first word of a line never is one); only
    // files on disk (examples/) have a tree to rename in, the others answer null at once.
    const provides = /^#[ \t]*Provides:[ \t]*([^\s]+)/m.exec(e.text);
    if (provides) {
      const before = e.text.slice(0, provides.index + provides[0].length - provides[1].length).split('\n');
      const position = { line: before.length - 1, character: before.at(-1).length + 1 };
      const prep = await s1.timed('textDocument/prepareRename', { textDocument: uri, position });
      bucket.prepareRename.push(prep.ms);
      if (prep.result) bucket.rename.push((await s1.timed('textDocument/rename', { textDocument: uri, position, newName: `${prep.result.placeholder}2` }).catch(() => ({ ms: null }))).ms);
    }
    const whole = { start: { line: 0, character: 0 }, end: { line: e.text.split('\n').length, character: 0 } };
    for (let k = 0; k < ITER.lenses; k++) {
      bucket.documentLink.push((await s1.timed('textDocument/documentLink', { textDocument: uri })).ms);
      bucket.inlayHint.push((await s1.timed('textDocument/inlayHint', { textDocument: uri, range: whole })).ms);
      bucket.semanticTokens.push((await s1.timed('textDocument/semanticTokens/full', { textDocument: uri })).ms);
      bucket.formatting.push((await s1.timed('textDocument/formatting', { textDocument: uri, options: { tabSize: 4, insertSpaces: false } })).ms);
      bucket.codeAction.push((await s1.timed('textDocument/codeAction', { textDocument: uri, range: whole, context: { diagnostics: [] } })).ms);
    }
  }
  // RSS over time (main + parser worker: one process): open the corpus, the generated scripts,
  // close them, idle. Marks name the events; the JSON keeps every sample.
  const rss = new RssSampler(s1.pid, 200);
  rss.mark('initialized');
  for (const e of set) await exercise(e);
  const s1cpuCorpus = s1.cpuMs() - s1cpu0;
  const corpusDone = rss.mark('corpus opened, edited, queried');
  await sleep(STEADY_MS);
  const memCorpus = s1.memory();
  log(`bench: corpus done; RSS ${round(memCorpus.rssMB, 1)} MB`);
  // Settled: past the parser worker's idle time (10 s) and the idle collection.
  await sleep(SETTLE_MS - STEADY_MS);
  const memCorpusSettled = s1.memory();
  const whereCorpusSettled = { smaps: s1.smaps(), main: await s1.optional('sysvHa/memoryStats') };
  rss.mark('corpus open, settled');
  const statsCorpus = await s1.optional('sysvHa/parserStats');
  // The first edit after the worker was ended: a fresh worker (the compiled wasm shared) and a full parse.
  const probe = set.find((e) => e.kind === 'initscripts' && e.lines >= 50 && e.lines <= 700);
  const afterRecycleMs = probe ? await s1.change(probe.uri, 1000, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, '') : null;
  const statsAfter = await s1.optional('sysvHa/parserStats');
  log(`bench: corpus settled; RSS ${round(memCorpusSettled.rssMB, 1)} MB; first edit after the worker was ended ${round(afterRecycleMs)} ms`);
  const largeOpened = rss.mark('generated scripts: open');
  for (const e of large) {
    featLarge[e.target] = { completion: [], hover: [], documentSymbol: [], codeLens: [], ...newFeatures() };
    await exercise(e, ITER.largeEditRounds, featLarge[e.target]);
    log(`bench: ${e.target} lines: open ${round(e.openMs)} ms, edit p50 ${round(p50(e.editMs))} ms`);
  }
  rss.mark('generated scripts: edited, queried');
  await sleep(STEADY_MS);
  const memAll = s1.memory();
  const statsLarge = await s1.optional('sysvHa/parserStats');
  for (const e of large) await s1.close(e.uri);
  const closedAt = rss.mark('generated scripts closed');
  await sleep(AFTER_CLOSE_MS);
  const afterClose = { rssMB: rss.at(closedAt + AFTER_CLOSE_MS), maxMB: rss.max(closedAt, closedAt + AFTER_CLOSE_MS) };
  const whereAfterClose = { smaps: s1.smaps(), main: await s1.optional('sysvHa/memoryStats'), workers: (await s1.optional('sysvHa/parserStats'))?.running ?? null };
  rss.mark(`${AFTER_CLOSE_MS / 1000} s after closing`);
  await sleep(IDLE_MS);
  const idleEnd = rss.mark('idle');
  rss.stop();
  const statsEnd = await s1.optional('sysvHa/parserStats');
  const timeline = {
    samples: rss.samples, marks: rss.marks,
    corpusPeakMB: rss.max(0, corpusDone), largePeakMB: rss.max(largeOpened, closedAt), afterCloseMB: afterClose.rssMB, afterCloseMaxMB: afterClose.maxMB, idleEndMB: rss.at(idleEnd),
    parser: { corpus: statsCorpus, afterFirstEdit: statsAfter, large: statsLarge, end: statsEnd },
  };
  log(`bench: generated scripts closed: RSS ${afterClose.rssMB} MB ${AFTER_CLOSE_MS / 1000} s after, ${timeline.idleEndMB} MB at the end`);
  await s1.shutdown();

  // ---- a fault in the parser worker (injected): how soon shell analysis is back
  const faults = await faultPhase(serverJs, set);

  // ---- the generated /etc tree: CLI, then a fresh server with every script open
  let tree = null;
  if (ITER.treeScripts > 0) {
    const root = mkdtempSync(join(tmpdir(), 'sysv-ha-bench-'));
    try {
      const paths = generateEtcTree(root, ITER.treeScripts);
      // The CLI on the tree: default jobs (one parser thread per CPU), --jobs 1, and the baseline
      // build (--baseline DIR) if given, interleaved so that a busy machine slows them alike.
      const treeRuns = { default: [], jobs1: [], baseline: [] };
      let cli;
      for (let rep = 0; rep < ITER.cliReps; rep++) {
        const r = timeSpawn([...(rep === 0 ? profArgs('cli-tree') : opts.nodeFlags), cliJs, 'check', '--format', 'json', '--exit-zero', root], REPO);
        cli ??= r;
        treeRuns.default.push(r);
        if (supportsJobs) treeRuns.jobs1.push(timeSpawn([...opts.nodeFlags, cliJs, 'check', '--format', 'json', '--exit-zero', '--jobs', '1', root], REPO));
        if (opts.baseline) treeRuns.baseline.push(timeSpawn([...opts.nodeFlags, join(opts.baseline, 'cli.js'), 'check', '--format', 'json', '--exit-zero', root], REPO));
      }
      const med = (runs, k) => (runs.length ? p50(runs.map((r) => r[k])) : null);
      const cliTree = {
        defaultMs: med(treeRuns.default, 'ms'), defaultCpuMs: med(treeRuns.default, 'cpuMs'),
        jobs1Ms: med(treeRuns.jobs1, 'ms'), jobs1CpuMs: med(treeRuns.jobs1, 'cpuMs'),
        baselineMs: med(treeRuns.baseline, 'ms'), baselineCpuMs: med(treeRuns.baseline, 'cpuMs'),
        sameOutput: treeRuns.jobs1.every((r) => r.stdout === cli.stdout),
      };
      cli = { ...cli, ms: cliTree.defaultMs, cpuMs: cliTree.defaultCpuMs };
      const findings = cli.ok ? countFindings(cli.stdout) : null;
      // Cross-file checks ready: a fresh server opens one script of the tree (the one with the
      // planted missing dependency); its first diagnostics need every header of the tree read.
      const s3 = new BenchClient(serverJs, serverArgs('server-tree-index'), serverEnv);
      await s3.initialize();
      await sleep(300);
      const lastPath = paths[paths.length - 1];
      const lastUri = pathToFileURL(lastPath).href;
      const index = await s3.open(lastUri, 'shellscript', readFileSync(lastPath, 'utf8'));
      const indexCodes = (s3.last.get(lastUri)?.codes ?? []).filter((c) => String(c).startsWith('workspace/'));
      await sleep(STEADY_MS);
      const indexMem = s3.memory();
      await s3.shutdown();
      log(`bench: tree: one script open, cross-file checks in ${round(index.ms)} ms (${indexCodes.join(', ') || 'no cross-file finding'})`);
      // workspace/symbol (issue 19) on the tree as the workspace folder, nothing open: the first
      // request reads every header (cold), then the editor's filtering as a name is typed (warm).
      const s4 = new BenchClient(serverJs, serverArgs('server-tree-symbols'), serverEnv);
      await s4.initialize(pathToFileURL(root).href);
      await sleep(300);
      // CPU time of the server per request too (utime+stime, 10 ms ticks, summed over the repetitions):
      // on a shared machine it moves far less than the wall time.
      const cpuOf = async (fn) => { const c0 = s4.cpuMs(); const r = await fn(); return { r, cpu: c0 === null ? null : s4.cpuMs() - c0 }; };
      const { r: cold, cpu: coldCpu } = await cpuOf(() => s4.timed('workspace/symbol', { query: '' }));
      const symbolQueries = ['', 's', 'sv', 'svc', 'svc0', 'svc05', 'svc050', 'svc0500', 'zzz'];
      const warm = [];
      let matched = null;
      const warmCpu0 = s4.cpuMs();
      for (let rep = 0; rep < 3; rep++) {
        for (const query of symbolQueries) {
          const r = await s4.timed('workspace/symbol', { query });
          warm.push(r.ms);
          if (query === 'svc0500') matched = r.result?.length ?? 0;
        }
      }
      const warmCpu = warmCpu0 === null ? null : (s4.cpuMs() - warmCpu0) / (3 * symbolQueries.length);
      // Rename a Provides name that other scripts of the tree depend on (svc0000, the one most
      // others name): the edit over the tree, not applied.
      const mid = paths[0];
      const midText = readFileSync(mid, 'utf8');
      const midUri = pathToFileURL(mid).href;
      await s4.open(midUri, 'shellscript', midText);
      const pm = /^#[ \t]*Provides:[ \t]*([^\s]+)/m.exec(midText);
      const renames = [];
      let renameEdits = null;
      let renameCpu = null;
      if (pm) {
        const before = midText.slice(0, pm.index + pm[0].length - pm[1].length).split('\n');
        const position = { line: before.length - 1, character: before.at(-1).length + 1 };
        const rc0 = s4.cpuMs();
        for (let rep = 0; rep < 3; rep++) {
          const r = await s4.timed('textDocument/rename', { textDocument: { uri: midUri }, position, newName: `${pm[1]}x` }).catch(() => ({ ms: null, result: null }));
          renames.push(r.ms);
          renameEdits = r.result ? Object.keys(r.result.changes ?? {}).length + (r.result.documentChanges ?? []).length : null;
        }
        renameCpu = rc0 === null ? null : (s4.cpuMs() - rc0) / 3;
      }
      // The boot-order picture's requests (issue 19) on the same tree: one script's view, the
      // whole init.d's, a runlevel change from the inittab, and the Services view's rows.
      const pictures = { bootViewScript: [], bootViewTree: [], simulateData: [], services: [] };
      const picCpu0 = s4.cpuMs();
      for (let rep = 0; rep < 3; rep++) {
        pictures.bootViewScript.push((await s4.timed('sysvHa/bootView', { path: paths[Math.floor(paths.length / 2)] })).ms);
        pictures.bootViewTree.push((await s4.timed('sysvHa/bootView', { path: root })).ms);
        pictures.simulateData.push((await s4.timed('sysvHa/simulateData', { path: join(root, 'etc', 'inittab'), from: 'N', to: '3' })).ms);
        pictures.services.push((await s4.timed('sysvHa/services', { folders: [root] })).ms);
      }
      const picturesCpu = picCpu0 === null ? null : (s4.cpuMs() - picCpu0) / 3;
      await s4.shutdown();
      const workspaceSymbol = { coldMs: cold.ms, coldCpuMs: coldCpu, warmCpuMsPerQuery: warmCpu, coldSymbols: cold.result?.length ?? 0, warm: summary(warm), exactMatches: matched, rename: { ...summary(renames), filesChanged: renameEdits, cpuMsEach: renameCpu }, picturesCpuMsPerRound: picturesCpu, pictures: Object.fromEntries(Object.entries(pictures).map(([k, v]) => [k, summary(v)])) };
      log(`bench: tree: workspace/symbol cold ${round(cold.ms)} ms (${workspaceSymbol.coldSymbols} symbols), warm p50 ${round(workspaceSymbol.warm.p50)} ms`);
      const s2 = new BenchClient(serverJs, serverArgs('server-tree'), serverEnv);
      await s2.initialize();
      await sleep(300);
      const docs = paths.map((p) => ({ uri: pathToFileURL(p).href, text: readFileSync(p, 'utf8') }));
      const pending = new Set(docs.map((d) => d.uri));
      let lastAt = 0;
      const done = new Promise((res) => {
        s2.onPublish = (uri, rec) => {
          if (rec.version === 1 && pending.delete(uri)) lastAt = rec.at;
          if (pending.size === 0) res();
        };
      });
      const cpu0 = s2.cpuMs();
      const t0 = performance.now();
      for (const d of docs) void s2.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: d.uri, languageId: 'shellscript', version: 1, text: d.text } });
      let timer;
      const finished = await Promise.race([done.then(() => true), new Promise((r) => { timer = setTimeout(() => r(false), 120000); })]);
      clearTimeout(timer);
      const serverMs = finished ? lastAt - t0 : null;
      const serverCpuMs = cpu0 === null ? null : s2.cpuMs() - cpu0;
      await sleep(STEADY_MS);
      const mem = s2.memory();
      // One more edit with everything open: does a keystroke stay cheap with 1,000 documents?
      const e0 = { ...docs[Math.floor(docs.length / 2)], kind: 'initscripts' };
      const plan = editPlan(e0);
      const pos = { line: plan.line, character: plan.character };
      const editWithTree = await s2.change(e0.uri, 2, { start: pos, end: pos }, ' ');
      await s2.shutdown();
      tree = { cliTree, scripts: paths.length, indexReadyMs: index.ms, indexCodes, indexRssMB: indexMem.rssMB, cliMs: cli.ms, cliCpuMs: cli.cpuMs, serverCpuMs, cliStatus: cli.status, cliFindings: findings, serverAllPublishedMs: serverMs, serverPublished: paths.length - pending.size, rssMB: mem.rssMB, peakMB: mem.hwmMB, editWithTreeOpenMs: editWithTree, workspaceSymbol, crossFile: crossFileSummary(findings) };
      log(`bench: tree: CLI ${round(cli.ms)} ms, server ${round(serverMs)} ms, RSS ${round(mem.rssMB, 1)} MB`);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }

  // ---- CLI check of the whole set, one call per folder (start-up included)
  const cliStartup = [];
  for (let i = 0; i < ITER.cliReps; i++) cliStartup.push(timeSpawn([...opts.nodeFlags, cliJs, '--version'], REPO).ms);
  const cliFirstScript = [];
  const example = set.find((e) => e.kind === 'initscripts' && e.group !== 'generated');
  const cliFirstScriptCpu = [];
  if (example) {
    for (let i = 0; i < ITER.cliReps; i++) {
      const r = timeSpawn([...opts.nodeFlags, cliJs, 'check', '--exit-zero', '--lang', 'initscript', example.file], REPO);
      cliFirstScript.push(r.ms);
      cliFirstScriptCpu.push(r.cpuMs);
    }
  }
  const calls = cliCalls(set);
  const cliRuns = [];
  for (let rep = 0; rep < ITER.cliReps; rep++) {
    const run = [];
    for (const c of calls) {
      const r = timeSpawn([...(rep === 0 ? profArgs(`cli-${c.name}`) : opts.nodeFlags), cliJs, 'check', '--format', 'json', ...c.args], c.cwd);
      run.push({ name: c.name, files: c.files, ms: r.ms, cpuMs: r.cpuMs, status: r.status });
    }
    cliRuns.push(run);
  }
  const cliTotals = cliRuns.map((run) => run.reduce((s, c) => s + c.ms, 0));
  const cliCpuTotals = cliRuns.map((run) => run.reduce((s, c) => s + (c.cpuMs ?? NaN), 0));
  const cliMedianRun = cliRuns[cliTotals.indexOf(p50(cliTotals))];

  // ---- the .vsix (not built here) and activation (needs VS Code)
  const vsixPath = join(REPO, 'sysv-ha.vsix');
  const vsix = existsSync(vsixPath) ? { bytes: statSync(vsixPath).size, mtime: statSync(vsixPath).mtime.toISOString() } : null;

  // ---------------------------------------------------------------------------------- results
  const typical = set.filter((e) => e.kind === 'initscripts' && e.lines >= 50 && e.lines <= 700);
  const ratio = (a, b) => (a === null || !b ? null : a / b);
  const perFile = [...set, ...large].map((e) => ({
    group: e.group, kind: e.kind, file: e.group === 'generated' ? e.file : relative(REPO, e.file), uri: e.uri, lines: e.lines, bytes: e.bytes,
    diagnostics: e.diagnostics, openMs: round(e.openMs, 3), edit: summary(e.editMs), floorFullMs: round(e.floorFull, 4), floorIncrMs: round(e.floorIncr, 4),
    openRatio: round(ratio(e.openMs, e.floorFull), 1), editRatio: round(ratio(p50(e.editMs), e.floorIncr), 1),
  }));
  const byKind = {};
  for (const k of Object.keys(KINDS)) {
    const xs = set.filter((e) => e.kind === k);
    if (xs.length === 0) continue;
    byKind[k] = {
      files: xs.length, lines: summary(xs.map((e) => e.lines)),
      open: summary(xs.map((e) => e.openMs)), openRatio: summary(xs.map((e) => ratio(e.openMs, e.floorFull))),
      edit: summary(xs.flatMap((e) => e.editMs)), editRatio: summary(xs.map((e) => ratio(p50(e.editMs), e.floorIncr))),
      floorFull: summary(xs.map((e) => e.floorFull)), floorIncr: summary(xs.map((e) => e.floorIncr)),
    };
  }
  const allEdits = set.flatMap((e) => e.editMs);
  const slowEdits = set.map((e) => ({ file: relative(REPO, e.file), kind: e.kind, lines: e.lines, p50: round(p50(e.editMs)), max: round(sorted(e.editMs).at(-1)) })).sort((a, b) => (b.p50 ?? 0) - (a.p50 ?? 0)).slice(0, 10);
  const slowOpens = set.map((e) => ({ file: relative(REPO, e.file), kind: e.kind, lines: e.lines, openMs: round(e.openMs) })).sort((a, b) => (b.openMs ?? 0) - (a.openMs ?? 0)).slice(0, 10);
  const floorPerFile = (xs) => p50(set.map((e) => e.floorFull));
  const featRatio = (xs) => ratio(p50(xs), floorPerFile());
  const L = Object.fromEntries(large.map((e) => [e.target, {
    lines: e.lines, bytes: e.bytes, diagnostics: e.diagnostics, openMs: round(e.openMs), floorFullMs: round(e.floorFull, 3), openRatio: round(ratio(e.openMs, e.floorFull), 1),
    edit: summary(e.editMs), floorIncrMs: round(e.floorIncr, 4), editRatio: round(ratio(p50(e.editMs), e.floorIncr), 1),
    features: Object.fromEntries(Object.entries(featLarge[e.target]).map(([k, v]) => [k, summary(v)])),
  }]));
  const results = {
    date: new Date().toISOString(),
    quick: Q,
    files: opts.files ?? null,
    built,
    dist: { dir: relative(REPO, opts.dist) || '.', minified },
    nodeFlags: opts.nodeFlags,
    serverEnv: opts.serverEnv,
    serverLaunch: { nodeFlags: launch.nodeFlags, env: launch.env },
    git: gitInfo(),
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, node: process.version, platform: `${platform()} ${release()}`, totalMemMB: Math.round(totalmem() / 1048576), loadavgStart: loadStart, loadavgEnd: loadavg().map((x) => round(x)) },
    iterations: ITER,
    floor: { runtimeLoadMs: round(floor.loadMs), fullParseMBps: round(floorBytes / 1048576 / (floorMs / 1000), 2), fullParsePerFile: summary(set.map((e) => e.floorFull)), incrementalPerFile: summary(set.map((e) => e.floorIncr)), note: 'raw web-tree-sitter + tree-sitter-bash from node_modules, in the bench process; non-shell files are parsed as bash too, as a yardstick of machine speed' },
    startup: { initializeMs: summary(startup), firstInitScriptDiagnosticsMs: summary(firstScript), idleRssMB: round(startupIdle[0]?.rssMB, 1) },
    corpus: {
      files: set.length, byKind,
      typicalInitScripts: { files: typical.length, open: summary(typical.map((e) => e.openMs)), openRatio: summary(typical.map((e) => ratio(e.openMs, e.floorFull))), edit: summary(typical.flatMap((e) => e.editMs)), editRatio: summary(typical.map((e) => ratio(p50(e.editMs), e.floorIncr))) },
      edit: summary(allEdits), editRatio: summary(set.map((e) => ratio(p50(e.editMs), e.floorIncr))),
      features: Object.fromEntries(Object.entries(feat).map(([k, v]) => [k, { ...summary(v), ratioToFullParseP50: round(featRatio(v), 2) }])),
      slowestEdits: slowEdits, slowestOpens: slowOpens,
    },
    large: L,
    serverCpuMs: { corpusPhase: round(s1cpuCorpus, 0), note: 'CPU time of the server while the corpus was opened, edited and queried' },
    memory: {
      idleMB: round(startupIdle[0]?.rssMB, 1), corpusOpenSteadyMB: round(memCorpus.rssMB, 1), corpusOpenSettledMB: round(memCorpusSettled.rssMB, 1), corpusOpenPeakMB: round(memCorpus.hwmMB, 1),
      withLargeSteadyMB: round(memAll.rssMB, 1), peakMB: round(memAll.hwmMB, 1), afterCloseMB: timeline.afterCloseMB, afterCloseMaxMB: timeline.afterCloseMaxMB, idleEndMB: timeline.idleEndMB,
      note: 'one process: the parser worker threads are in it',
    },
    timeline,
    whereCorpusSettled,
    whereAfterClose,
    parserWorker: { firstEditAfterEndedMs: round(afterRecycleMs, 2), lastStartMs: statsAfter?.lastStartMs ?? null, stats: statsEnd },
    faults,
    tree,
    cli: { startupMs: summary(cliStartup), oneInitScriptMs: summary(cliFirstScript), oneInitScriptCpuMs: summary(cliFirstScriptCpu), corpusWallMs: summary(cliTotals), corpusCpuMs: summary(cliCpuTotals), calls: cliMedianRun },
    vsix,
    activation: 'measured inside VS Code, not here: npm run test:e2e prints it (the extension reports its own activation time)',
    perFile,
  };
  results.targets = targets(results);
  results.targets18 = targets18(results);
  results.benchWallS = round((performance.now() - started) / 1000, 1);
  mkdirSync(dirname(opts.out), { recursive: true });
  writeFileSync(opts.out, `${JSON.stringify(results, null, 2)}\n`);
  printTable(results);
  console.log(`\nJSON: ${relative(process.cwd(), opts.out) || opts.out}   (bench took ${results.benchWallS} s)`);
}

/** Issue 18 (the parser in its own worker): memory that goes back, a parser that comes back, every core. */
function targets18(r) {
  const t = [];
  // `limit` is the target as a number (lower is better) so that `--runs N` can judge the median.
  const add = (name, target, value, unit, limit, note = '', extra = true) => t.push({ name, target, value: round(value, 2), unit, limit: limit === null ? null : round(limit, 3), met: value === null || value === undefined ? null : (limit === null || value <= limit) && extra, note });
  add('RSS, corpus open, settled (main + worker)', '≤ 64 MB', r.memory.corpusOpenSettledMB, 'MB', 64, `${r.memory.corpusOpenSteadyMB} MB 2 s after the last request`);
  add(`RSS ${AFTER_CLOSE_MS / 1000} s after closing the generated scripts`, '≤ 64 MB', r.memory.afterCloseMB, 'MB', 64, `${r.memory.idleEndMB} MB at the end of the idle time`);
  add('peak RSS while opening the corpus', '≤ 90 MB', r.memory.corpusOpenPeakMB, 'MB', 90);
  for (const [n, v] of Object.entries(r.large)) add(`${n}-line script: didOpen → diagnostics / full parse`, '≤ 3×', v.openRatio, '×', 3, `${v.openMs} ms; parse ${v.floorFullMs} ms`);
  if (r.large[20000]) add('20k-line script: per edit p50', '≤ 30 ms', r.large[20000].edit.p50, 'ms', 30, `p95 ${r.large[20000].edit.p95} ms`);
  const ti = r.corpus.typicalInitScripts;
  const floorTypical = p50(r.perFile.filter((e) => e.kind === 'initscripts' && e.group !== 'generated' && e.lines >= 50 && e.lines <= 700).map((e) => e.floorFullMs));
  add('typical script: didOpen p50', `≤ 2×parse+1 ms`, ti.open.p50, 'ms', 2 * floorTypical + 1, `limit ${round(2 * floorTypical + 1, 2)} ms (parse p50 ${round(floorTypical, 3)} ms)`);
  add('typical script: per edit p95', '≤ 5 ms', ti.edit.p95, 'ms', 5, `p50 ${ti.edit.p50} ms`);
  for (const kind of FAULT_KINDS) {
    const f = r.faults?.[kind];
    if (!f) continue;
    add(`injected ${kind} fault: another document's analysis back`, kind === 'hang' ? '(watchdog)' : '≤ 1000 ms', f.injected ? f.otherDocumentBackMs : null, 'ms', kind === 'hang' ? null : 1000, f.injected ? `only the faulting text without body: ${f.onlyTheFaultingOne}; its next edit checks it: ${f.bodyBackOnNextEdit}` : 'no fault injection in this build', f.onlyTheFaultingOne === true);
  }
  if (r.tree?.cliTree) {
    const c = r.tree.cliTree;
    // Today's time is one thread parsing in itself: --jobs 1 (and the baseline build, when given).
    add(`1,000-script tree: CLI time / --jobs 1 (${r.machine.cpus} CPUs)`, '≤ 0.6×', c.jobs1Ms ? c.defaultMs / c.jobs1Ms : null, '×', 0.6, `${round(c.defaultMs, 0)} ms (CPU ${round(c.defaultCpuMs, 0)}) vs --jobs 1 ${round(c.jobs1Ms, 0)} ms (CPU ${round(c.jobs1CpuMs, 0)})${c.baselineMs ? `; baseline build ${round(c.baselineMs, 0)} ms: ${round(c.defaultMs / c.baselineMs, 2)}×` : ''}`);
    // The issue's own words, "0.6× today's time": the build it was filed on, when given as --baseline.
    if (c.baselineMs) add('1,000-script tree: CLI time / the --baseline build', '≤ 0.6×', c.defaultMs / c.baselineMs, '×', 0.6, `${round(c.defaultMs, 0)} ms vs ${round(c.baselineMs, 0)} ms (CPU ${round(c.baselineCpuMs, 0)})`);
    add('1,000-script tree: all opened in the server', '≤ 1500 ms', r.tree.serverAllPublishedMs, 'ms', 1500, `CPU ${round(r.tree.serverCpuMs, 0)} ms`);
  }
  add('fresh server: spawn → first diagnostics of a tiny script', '≤ 250 ms', r.startup.firstInitScriptDiagnosticsMs.p50, 'ms', 250, `first edit after the worker was ended: ${r.parserWorker.firstEditAfterEndedMs} ms`);
  return t;
}

function targets(r) {
  const t = [];
  const add = (name, target, value, unit, ok, note = '') => t.push({ name, target, value: round(value, 2), unit, met: value === null || value === undefined ? null : ok(value), note });
  const ti = r.corpus.typicalInitScripts;
  add('didOpen → diagnostics, typical init script (p50)', '< 15 ms', ti.open.p50, 'ms', (v) => v < 15, `${ti.files} scripts of 50–700 lines`);
  add('  … as a ratio to the raw full parse (p50)', '< 10×', ti.openRatio.p50, '×', (v) => v < 10);
  add('per edit → diagnostics, corpus (p50)', '< 5 ms', r.corpus.edit.p50, 'ms', (v) => v < 5, `p95 ${r.corpus.edit.p95} ms`);
  const l20 = r.large[20000];
  if (l20) {
    add('per edit → diagnostics, 20k-line script (p50)', '< 50 ms', l20.edit.p50, 'ms', (v) => v < 50, `p95 ${l20.edit.p95} ms`);
    add('20k-line script: first diagnostics', '< 150 ms', l20.openMs, 'ms', (v) => v < 150);
  }
  add('completion p95', '< 10 ms', r.corpus.features.completion.p95, 'ms', (v) => v < 10);
  add('hover p95', '< 10 ms', r.corpus.features.hover.p95, 'ms', (v) => v < 10);
  // "With the corpus open" is the state the server settles in; the peak is shown beside it.
  add('server RSS, whole corpus open (steady)', '< 80 MB', r.memory.corpusOpenSteadyMB, 'MB', (v) => v < 80, `peak ${r.memory.corpusOpenPeakMB} MB`);
  if (r.tree) {
    add('server RSS, 1,000-script tree open (steady)', '< 150 MB', r.tree.rssMB, 'MB', (v) => v < 150, `peak ${round(r.tree.peakMB, 1)} MB`);
    add('1,000-script tree: cross-file checks ready (server)', '< 2000 ms', r.tree.indexReadyMs, 'ms', (v) => v < 2000, `one script opened, the tree read from disk: ${r.tree.indexCodes.join(', ') || 'no cross-file finding'}`);
    add('1,000-script tree: all 1,000 open at once (server)', '< 2000 ms', r.tree.serverAllPublishedMs, 'ms', (v) => v < 2000, `server CPU ${round(r.tree.serverCpuMs, 0)} ms; ${r.tree.crossFile.codes && Object.keys(r.tree.crossFile.codes).length > 0 ? 'cross-file checks computed per script at analysis' : 'no cross-file checks in this build'}`);
    add('1,000-script tree: CLI check', '(< 2000 ms)', r.tree.cliMs, 'ms', (v) => v < 2000, `CPU ${round(r.tree.cliCpuMs, 0)} ms`);
  }
  add(`CLI check of the whole corpus (${r.corpus.files} files)`, '< 3000 ms', r.cli.corpusWallMs.p50, 'ms', (v) => v < 3000, `${r.cli.calls.length} calls, start-up included; CPU ${round(r.cli.corpusCpuMs.p50, 0)} ms`);
  add('.vsix size', '< 3 MB', r.vsix ? r.vsix.bytes / 1048576 : null, 'MB', (v) => v < 3, r.vsix ? 'sysv-ha.vsix as found (not rebuilt)' : 'no sysv-ha.vsix: run npm run package');
  add('extension activation', '< 300 ms', null, 'ms', () => null, 'needs the VS Code extension host: npm run test:e2e prints it');
  return t;
}

// ------------------------------------------------------------------------------------------ --runs
/** `--runs N`: the bench N times in fresh processes (same options), then every target judged over the runs. */
async function runMany() {
  const started = performance.now();
  const argv = process.argv.slice(2);
  const rest = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--runs' || argv[i] === '--out') i++;
    else rest.push(argv[i]);
  }
  const stem = opts.out.replace(/\.json$/, '');
  mkdirSync(dirname(opts.out), { recursive: true });
  const runs = [];
  for (let i = 1; i <= opts.runs; i++) {
    const out = `${stem}.run${i}.json`;
    const t0 = performance.now();
    process.stdout.write(`bench run ${i} of ${opts.runs} … `);
    const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), ...rest, '--out', out], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    writeFileSync(`${stem}.run${i}.txt`, `${child.stdout ?? ''}${child.stderr ?? ''}`);
    if (child.status !== 0) throw new Error(`run ${i} failed (exit ${child.status}); its output is in ${stem}.run${i}.txt`);
    const r = JSON.parse(readFileSync(out, 'utf8'));
    runs.push({ file: out, r });
    console.log(`${round((performance.now() - t0) / 1000, 1)} s, load ${r.machine.loadavgStart.join(' ')} → ${r.machine.loadavgEnd.join(' ')}`);
  }
  const combine = (key) => {
    const names = [...new Set(runs.flatMap(({ r }) => r[key].map((t) => t.name)))];
    return names.map((name) => {
      const each = runs.map(({ r }) => r[key].find((t) => t.name === name)).filter(Boolean);
      const values = each.map((t) => t.value).filter((v) => typeof v === 'number');
      const judged = each.filter((t) => t.met !== null);
      const metRuns = judged.filter((t) => t.met).length;
      const sorted = [...values].sort((a, b) => a - b);
      return {
        name, target: each[0].target, unit: each[0].unit, values, median: values.length ? round(p50(values), 2) : null,
        min: sorted[0] ?? null, max: sorted.at(-1) ?? null, limits: each.map((t) => t.limit ?? null),
        metRuns, judgedRuns: judged.length, met: judged.length ? metRuns * 2 > judged.length : null,
      };
    });
  };
  const combined = { date: new Date().toISOString(), runs: runs.map(({ file }) => relative(REPO, file)), git: gitInfo(), targets: combine('targets'), targets18: combine('targets18'), benchWallS: round((performance.now() - started) / 1000, 1) };
  writeFileSync(opts.out, `${JSON.stringify(combined, null, 2)}\n`);
  const line = (t, w) => `  ${t.met === null ? ' n/a ' : t.met ? ' met ' : 'MISSED'}  ${t.name.padEnd(w)} ${String(t.target).padStart(14)}  median ${t.median === null ? '—' : `${t.median} ${t.unit}`}${t.values.length > 1 ? `  (${t.min}–${t.max}; met in ${t.metRuns} of ${t.judgedRuns})` : ''}`;
  console.log(`\ntargets (issue 7), ${runs.length} runs:`);
  for (const t of combined.targets) console.log(line(t, 50));
  console.log(`\ntargets (issue 18), ${runs.length} runs:`);
  for (const t of combined.targets18) console.log(line(t, 56));
  console.log(`\nJSON: ${relative(process.cwd(), opts.out) || opts.out} (each run: ${stem}.runI.json / .txt)   (bench took ${combined.benchWallS} s)`);
}

// ------------------------------------------------------------------------------------------ output
function printTable(r) {
  const f = (x, d = 1) => (x === null || x === undefined ? '—' : Number(x).toFixed(d));
  const row = (cols, widths) => cols.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  const W = [50, 9, 9, 9, 11];
  const out = [];
  out.push(`sysv-ha bench — ${r.date} — node ${r.machine.node}, ${r.machine.cpus} × ${r.machine.cpuModel}${r.quick ? ' — QUICK' : ''} — ${r.dist.dir}${r.dist.minified ? ' (minified)' : ''}${r.nodeFlags.length ? ` [node ${r.nodeFlags.join(' ')}]` : ''} @ ${r.git.commit ?? '?'}${r.git.dirty ? '+dirty' : ''}`);
  out.push(`server started as: ${[...Object.entries({ ...r.serverLaunch.env, ...r.serverEnv }).map(([k, v]) => `${k}=${v}`), 'node', ...r.serverLaunch.nodeFlags, 'dist/server.js --stdio'].join(' ')}`);
  const busy = Math.max(...r.machine.loadavgStart, ...r.machine.loadavgEnd);
  out.push(`load average ${r.machine.loadavgStart.join(' ')} → ${r.machine.loadavgEnd.join(' ')}${busy > r.machine.cpus ? `  ⚠ busier than ${r.machine.cpus} CPUs: wall times are inflated; compare ratios and CPU times` : ''}`);
  out.push(`floor: web-tree-sitter full parse ${f(r.floor.fullParseMBps)} MB/s; per file p50 ${f(r.floor.fullParsePerFile.p50, 3)} ms full, ${f(r.floor.incrementalPerFile.p50, 3)} ms incremental (1 char)`);
  out.push('');
  out.push(row(['latency (ms)', 'p50', 'p95', 'max', '× floor p50'], W));
  out.push('-'.repeat(W.reduce((a, b) => a + b + 2, 0)));
  out.push(row(['server start-up → initialize answered', f(r.startup.initializeMs.p50), f(r.startup.initializeMs.p95), f(r.startup.initializeMs.max), ''], W));
  out.push(row(['start-up → first init-script diagnostics', f(r.startup.firstInitScriptDiagnosticsMs.p50), f(r.startup.firstInitScriptDiagnosticsMs.p95), f(r.startup.firstInitScriptDiagnosticsMs.max), ''], W));
  const ti = r.corpus.typicalInitScripts;
  out.push(row([`didOpen → diags, typical init scripts (${ti.files})`, f(ti.open.p50, 2), f(ti.open.p95, 2), f(ti.open.max, 1), f(ti.openRatio.p50)], W));
  for (const [k, v] of Object.entries(r.corpus.byKind)) out.push(row([`didOpen → diags, ${k} (${v.files} files)`, f(v.open.p50, 2), f(v.open.p95, 2), f(v.open.max, 1), f(v.openRatio.p50)], W));
  out.push(row([`per edit → diags, typical init scripts`, f(ti.edit.p50, 2), f(ti.edit.p95, 2), f(ti.edit.max, 1), f(ti.editRatio.p50)], W));
  for (const [k, v] of Object.entries(r.corpus.byKind)) out.push(row([`per edit → diags, ${k}`, f(v.edit.p50, 2), f(v.edit.p95, 2), f(v.edit.max, 1), f(v.editRatio.p50)], W));
  out.push(row(['per edit → diags, whole corpus', f(r.corpus.edit.p50, 2), f(r.corpus.edit.p95, 2), f(r.corpus.edit.max, 1), f(r.corpus.editRatio.p50)], W));
  for (const [k, v] of Object.entries(r.corpus.features)) out.push(row([`${k} (corpus)`, f(v.p50, 2), f(v.p95, 2), f(v.max, 1), f(v.ratioToFullParseP50)], W));
  for (const [n, v] of Object.entries(r.large)) {
    out.push(row([`generated ${n}-line script: didOpen → diags`, f(v.openMs), '', '', f(v.openRatio)], W));
    out.push(row([`generated ${n}-line script: per edit → diags`, f(v.edit.p50, 2), f(v.edit.p95, 2), f(v.edit.max, 1), f(v.editRatio)], W));
    out.push(row([`generated ${n}-line script: completion / hover`, `${f(v.features.completion.p50, 1)}/${f(v.features.hover.p50, 1)}`, `${f(v.features.completion.p95, 1)}/${f(v.features.hover.p95, 1)}`, '', ''], W));
    out.push(row([`generated ${n}-line script: symbols / lenses`, `${f(v.features.documentSymbol.p50, 1)}/${f(v.features.codeLens.p50, 1)}`, `${f(v.features.documentSymbol.p95, 1)}/${f(v.features.codeLens.p95, 1)}`, '', ''], W));
    out.push(row([`generated ${n}-line script: definition / references`, `${f(v.features.definition.p50, 1)}/${f(v.features.references.p50, 1)}`, `${f(v.features.definition.p95, 1)}/${f(v.features.references.p95, 1)}`, '', ''], W));
    out.push(row([`generated ${n}-line script: inlay hints / sem. tokens`, `${f(v.features.inlayHint.p50, 1)}/${f(v.features.semanticTokens.p50, 1)}`, `${f(v.features.inlayHint.p95, 1)}/${f(v.features.semanticTokens.p95, 1)}`, '', ''], W));
    out.push(row([`generated ${n}-line script: prepareRename / rename`, `${f(v.features.prepareRename.p50, 1)}/${f(v.features.rename.p50, 1)}`, `${f(v.features.prepareRename.p95, 1)}/${f(v.features.rename.p95, 1)}`, '', ''], W));
    out.push(row([`generated ${n}-line script: links / code actions`, `${f(v.features.documentLink.p50, 1)}/${f(v.features.codeAction.p50, 1)}`, `${f(v.features.documentLink.p95, 1)}/${f(v.features.codeAction.p95, 1)}`, '', ''], W));
    out.push(row([`  floor: full parse / incremental`, f(v.floorFullMs, 2), f(v.floorIncrMs, 3), '', ''], W));
  }
  out.push('');
  out.push(`memory (server RSS, parser worker included): idle ${f(r.memory.idleMB)} MB; corpus open ${f(r.memory.corpusOpenSteadyMB)} MB steady, ${f(r.memory.corpusOpenSettledMB)} MB settled, ${f(r.memory.corpusOpenPeakMB)} MB peak; + generated scripts ${f(r.memory.withLargeSteadyMB)} MB steady, ${f(r.memory.peakMB)} MB peak; closed: ${f(r.memory.afterCloseMB)} MB ${AFTER_CLOSE_MS / 1000} s after, ${f(r.memory.idleEndMB)} MB at the end`);
  const w = r.whereCorpusSettled;
  if (w?.smaps) out.push(`corpus open, settled, where (MB): node binary ${w.smaps.node}, malloc heap ${w.smaps.heap}, anonymous ${w.smaps.anon} (V8 heap of the main thread ${w.main?.heapTotal ?? '?'}), libraries ${w.smaps.libs}`);
  const wc = r.whereAfterClose;
  if (wc?.smaps) out.push(`${AFTER_CLOSE_MS / 1000} s after closing the generated scripts, where (MB): node binary ${wc.smaps.node}, malloc heap ${wc.smaps.heap}, anonymous ${wc.smaps.anon} (V8 heap of the main thread ${wc.main?.heapTotal ?? '?'}), libraries ${wc.smaps.libs}; parser workers running ${wc.workers}`);
  out.push(`RSS over time (s → MB): ${r.timeline.marks.map((m) => `${f(m.t / 1000)} s ${m.label}: ${f(r.timeline.samples.filter((x) => x.t <= m.t).at(-1)?.rssMB)}`).join('; ')}`);
  const ps = r.parserWorker.stats;
  out.push(`parser worker: ${ps ? `started ${ps.started}, ended idle ${ps.ended.idle} / heap ${ps.ended.heap} / fault ${ps.ended.fault} / hang ${ps.ended.hang}; last start ${f(r.parserWorker.lastStartMs, 0)} ms; first edit after it was ended ${f(r.parserWorker.firstEditAfterEndedMs, 1)} ms; statements sent ${ps.statements?.sent}, reused ${ps.statements?.reused}` : 'none (a build without one)'}`);
  if (r.faults) out.push(`faults: ${FAULT_KINDS.map((k) => r.faults[k]?.injected ? `${k}: other document back in ${f(r.faults[k].otherDocumentBackMs, 0)} ms, ${r.faults[k].withoutBodyAnalysis} without body (${r.faults[k].faultingInfo.slice(0, 60)}…), next edit ${f(r.faults[k].nextEditMs, 1)} ms` : `${k}: not injectable`).join('; ')}`);
  if (r.tree) out.push(`1,000-script /etc tree: one script opened in a fresh server has its cross-file checks in ${f(r.tree.indexReadyMs, 0)} ms (RSS ${f(r.tree.indexRssMB)} MB)`);
  if (r.tree?.workspaceSymbol) out.push(`1,000-script /etc tree: workspace/symbol, the tree as workspace folder: first request ${f(r.tree.workspaceSymbol.coldMs, 0)} ms (${r.tree.workspaceSymbol.coldSymbols} symbols, headers read from disk), then p50 ${f(r.tree.workspaceSymbol.warm.p50, 2)} ms, p95 ${f(r.tree.workspaceSymbol.warm.p95, 2)} ms over ${r.tree.workspaceSymbol.warm.n} queries as a name is typed; p50 bootView of a script ${f(r.tree.workspaceSymbol.pictures.bootViewScript.p50, 1)} ms, of the tree ${f(r.tree.workspaceSymbol.pictures.bootViewTree.p50, 1)} ms, simulateData N→3 ${f(r.tree.workspaceSymbol.pictures.simulateData.p50, 1)} ms, services ${f(r.tree.workspaceSymbol.pictures.services.p50, 1)} ms; rename of a Provides name p50 ${f(r.tree.workspaceSymbol.rename.p50, 1)} ms (${r.tree.workspaceSymbol.rename.filesChanged ?? '—'} files in the edit); server CPU: first symbol request ${f(r.tree.workspaceSymbol.coldCpuMs, 0)} ms, ${f(r.tree.workspaceSymbol.warmCpuMsPerQuery, 1)} ms per later query, ${f(r.tree.workspaceSymbol.rename.cpuMsEach, 0)} ms per rename, ${f(r.tree.workspaceSymbol.picturesCpuMsPerRound, 0)} ms per round of the four picture requests`);
  if (r.tree?.cliTree) out.push(`1,000-script /etc tree, CLI check: default ${f(r.tree.cliTree.defaultMs, 0)} ms (CPU ${f(r.tree.cliTree.defaultCpuMs, 0)}), --jobs 1 ${f(r.tree.cliTree.jobs1Ms, 0)} ms (CPU ${f(r.tree.cliTree.jobs1CpuMs, 0)}), baseline ${f(r.tree.cliTree.baselineMs, 0)} ms (CPU ${f(r.tree.cliTree.baselineCpuMs, 0)}); same output with --jobs 1: ${r.tree.cliTree.sameOutput}`);
  if (r.tree) out.push(`1,000-script /etc tree: CLI check ${f(r.tree.cliMs, 0)} ms (CPU ${f(r.tree.cliCpuMs, 0)}); server (CPU ${f(r.tree.serverCpuMs, 0)}) publishes all ${r.tree.serverPublished} in ${f(r.tree.serverAllPublishedMs, 0)} ms; RSS ${f(r.tree.rssMB)} MB steady, ${f(r.tree.peakMB)} MB peak; one edit with all open ${f(r.tree.editWithTreeOpenMs, 2)} ms; cross-file findings ${JSON.stringify(r.tree.crossFile.codes)}`);
  out.push(`CLI: start-up (--version) ${f(r.cli.startupMs.p50, 0)} ms; one init script ${f(r.cli.oneInitScriptMs.p50, 0)} ms (CPU ${f(r.cli.oneInitScriptCpuMs.p50, 0)}); check of the whole set ${f(r.cli.corpusWallMs.p50, 0)} ms wall (CPU ${f(r.cli.corpusCpuMs.p50, 0)}) in ${r.cli.calls.length} calls (${r.cli.calls.map((c) => `${c.name} ${f(c.ms, 0)}`).join(', ')})`);
  out.push(`.vsix: ${r.vsix ? `${f(r.vsix.bytes / 1048576, 2)} MB (sysv-ha.vsix as found, not rebuilt)` : 'no sysv-ha.vsix (npm run package builds it)'}; activation: ${r.activation}`);
  out.push('');
  out.push('targets (issue 7):');
  for (const t of r.targets) out.push(`  ${t.met === null ? ' n/a ' : t.met ? ' met ' : 'MISSED'}  ${t.name.padEnd(50)} ${String(t.target).padStart(10)}  measured ${t.value === null ? '—' : `${t.value} ${t.unit}`}${t.note ? `  (${t.note})` : ''}`);
  out.push('');
  out.push('targets (issue 18):');
  for (const t of r.targets18) out.push(`  ${t.met === null ? ' n/a ' : t.met ? ' met ' : 'MISSED'}  ${t.name.padEnd(56)} ${String(t.target).padStart(14)}  measured ${t.value === null ? '—' : `${t.value} ${t.unit}`}${t.note ? `  (${t.note})` : ''}`);
  console.log(out.join('\n'));
}

// ------------------------------------------------------------------------------------------ faults
/** Injected into the parser worker: a wasm RuntimeError, wasm out of memory, its thread ending mid-parse, a parse that never returns. */
const FAULT_KINDS = ['wasm', 'oom', 'exit', 'hang'];

/**
 * A server started with SYSV_HA_PARSER_FAULTS=1 and a few init scripts open. For each kind of
 * fault (FAULT_KINDS) the next parse of
 * script A faults; A and B are edited at once, and the time from those edits to B's diagnostics
 * (parsed by a fresh worker) is the recovery time. Then every open script's info is read: only A
 * may be without body analysis; A's next edit brings it back.
 */
async function faultPhase(serverJs, set) {
  const scripts = set.filter((e) => e.kind === 'initscripts' && e.lines >= 50 && e.lines <= 700).slice(0, 6);
  if (scripts.length < 2) return null;
  const c = new BenchClient(serverJs, serverArgs('server-faults'), { ...serverEnv, SYSV_HA_PARSER_FAULTS: '1' });
  await c.initialize();
  for (const e of scripts) await c.open(e.uri, e.languageId, e.text);
  const out = {};
  const versions = new Map(scripts.map((e) => [e.uri, 1]));
  const edit = (e) => {
    const v = versions.get(e.uri) + 1;
    versions.set(e.uri, v);
    // A comment line after the first: a new text each time (a faulting text is not parsed again).
    return c.change(e.uri, v, { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, `# edit ${v}\n`);
  };
  const [a, b] = scripts;
  for (const kind of FAULT_KINDS) {
    const injected = await c.optional('sysvHa/injectParserFault', { kind, uri: a.uri });
    if (injected !== true) {
      out[kind] = { injected: false };
      continue;
    }
    const t0 = performance.now();
    const [aMs, bMs] = await Promise.all([edit(a), edit(b)]);
    const recoveredMs = bMs === null ? null : bMs;
    const infos = await Promise.all(scripts.map((e) => c.optional('sysvHa/documentInfo', { uri: e.uri })));
    const withoutBody = infos.map((i, k) => (/shell body not checked/.test(i?.reason ?? '') ? scripts[k].uri : null)).filter(Boolean);
    const aReason = infos[0]?.reason ?? '';
    const againMs = await edit(a);
    const aAfter = await c.optional('sysvHa/documentInfo', { uri: a.uri });
    out[kind] = {
      injected: true, faultingEditMs: round(aMs), otherDocumentBackMs: round(recoveredMs), totalMs: round(performance.now() - t0),
      withoutBodyAnalysis: withoutBody.length, onlyTheFaultingOne: withoutBody.length === 1 && withoutBody[0] === a.uri,
      othersWithoutBody: infos.map((i, k) => (k > 0 && /shell body not checked/.test(i?.reason ?? '') ? `${scripts[k].uri}: ${i.reason.replace(/^.*shell body not checked: /, '')}` : null)).filter(Boolean),
      faultingInfo: aReason.replace(/^.*shell body not checked: /, ''), nextEditMs: round(againMs), bodyBackOnNextEdit: !/shell body not checked/.test(aAfter?.reason ?? 'x'),
    };
    log(`bench: fault ${kind}: other document back in ${round(recoveredMs)} ms; without body: ${withoutBody.length}; next edit ${round(againMs)} ms`);
  }
  out.stats = await c.optional('sysvHa/parserStats');
  await c.shutdown();
  return out;
}

// ------------------------------------------------------------------------------------------ helpers
/** workspace/* findings (the cross-file checks between init scripts), if the product has any. */
function crossFileSummary(findings) {
  if (!findings) return { codes: null, note: 'CLI output not readable' };
  const codes = Object.fromEntries(Object.entries(findings.byCode).filter(([c]) => c.startsWith('workspace/')));
  return {
    codes,
    note: Object.keys(codes).length > 0
      ? 'cross-file checks ran (each script is checked against the others when it is analysed; no separate index)'
      : 'no workspace/* finding: the tree holds a missing dependency, a duplicate Provides and a loop, so cross-file checks did not run (not implemented in this build)',
  };
}

function sleep(ms) { return new Promise((r) => setTimeout(r, ms)); }
function countBy(xs, key) { const m = {}; for (const x of xs) m[key(x)] = (m[key(x)] ?? 0) + 1; return m; }

/** Runs node with `args`; wall time, and CPU time of the child (Linux: cutime+cstime of this process). */
function timeSpawn(args, cwd) {
  const c0 = procCpuMs('/proc/self/stat', 15);
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' }, timeout: 300000 });
  const ms = performance.now() - t0;
  const c1 = procCpuMs('/proc/self/stat', 15);
  return { ms, cpuMs: c0 === null || c1 === null ? null : c1 - c0, status: r.status, ok: r.status === 0 || r.status === 1, stdout: r.stdout, stderr: r.stderr };
}

/** Findings of `check --format json` (a flat list of problems) by code. */
function countFindings(stdout) {
  try {
    const j = JSON.parse(stdout);
    const list = Array.isArray(j) ? j : j.problems ?? [];
    const byCode = {};
    for (const p of list) byCode[p.code] = (byCode[p.code] ?? 0) + 1;
    return { total: list.length, byCode };
  } catch {
    return null;
  }
}

/** One CLI call per folder: --lang for corpus-style folders, a plain path for an image root. */
function cliCalls(set) {
  const groups = new Map();
  for (const e of set) {
    if (e.group === 'examples') continue;
    const dir = dirname(e.file);
    const g = groups.get(dir) ?? { dir, kind: e.kind, files: [] };
    g.files.push(basename(e.file));
    groups.set(dir, g);
  }
  const calls = [];
  if (set.some((e) => e.group === 'examples')) calls.push({ name: 'examples', cwd: REPO, args: ['--exit-zero', 'examples'], files: set.filter((e) => e.group === 'examples').length });
  for (const g of groups.values()) {
    const viaFolder = basename(g.dir) === g.kind;
    calls.push({ name: basename(g.dir), cwd: g.dir, args: ['--exit-zero', ...(viaFolder ? ['--lang', KINDS[g.kind].cli] : []), ...g.files], files: g.files.length });
  }
  return calls;
}

function gitInfo() {
  const r = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO, encoding: 'utf8' });
  const d = spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: REPO, encoding: 'utf8' });
  return { commit: r.status === 0 ? r.stdout.trim() : null, dirty: d.status === 0 ? d.stdout.trim().length > 0 : null };
}

(opts.runs > 1 ? runMany() : main()).catch((err) => {
  console.error(`bench: ${err?.stack ?? err}`);
  process.exit(1);
});
