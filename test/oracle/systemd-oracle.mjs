// The real systemd-sysv-generator (Debian 12's systemd 252) judges sysv-ha's model of it
// (server/src/service/systemd): for every corpus init script alone, the same script with the
// links its tool would make, and generated trees with rcN.d links, the folder the generator
// writes and the folder the model describes must be the same as `diff -r` sees them: the same
// names, the same link targets, the same bytes in every file once the scratch tree's path is
// mapped to the host's (/etc/init.d or /etc/rc.d/init.d).
//
// Two things the generator leaves to chance are compared as what they are: the Before=/After=
// lines it derives from S-link numbers come in hash order (systemd draws a new hash key each
// run), so that trailing group is compared as a set; and an alias two scripts provide goes to
// whichever it loads first, so either script's unit is accepted there. The model reports both.
//
// The systemd/... diagnostics are judged on the same runs: each finding must be one the generator
// shows (a "[script:line]" log line on that line, "Native unit for NAME.service already exists",
// its exit status, the alias link it writes beside a native unit), and every "[script:line]" line
// the generator logs must be a note of the model. The counts per code are printed (corpus, trees).
//
// Usage: node test/oracle/systemd-oracle.mjs [--trees N] [--seed S] [--from K] [--only corpus|trees] [--verbose]
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

const require = createRequire(import.meta.url);
const repo = new URL('../../', import.meta.url).pathname;
const systemd = require(join(repo, 'out/server/src/service/systemd/index.js'));
const { FsHost } = require(join(repo, 'out/server/src/host/fsHost.js'));
const { DEFAULT_SETTINGS } = require(join(repo, 'out/server/src/service/core/settings.js'));
const { readLines } = require(join(repo, 'out/server/src/service/systemd/lexer.js'));

// SYSV_HA_ORACLE_GENERATOR / SYSV_HA_ORACLE_SYSTEMD: another systemd's programs (systemd.sh runs
// Debian 13's 257 from its packages through their own ld.so), judged with SYSV_HA_ORACLE_PROFILE.
const GENERATOR = [process.env.SYSV_HA_ORACLE_GENERATOR, '/lib/systemd/system-generators/systemd-sysv-generator', '/usr/lib/systemd/system-generators/systemd-sysv-generator'].find((p) => p && existsSync(p));
const argv = process.argv.slice(2);
const opt = (name, dflt) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : dflt; };
const TREES = Number(opt('--trees', 250));
const SEED = Number(opt('--seed', 7));
const ONLY = opt('--only', '');
const VERBOSE = argv.includes('--verbose');
// --from K: make trees 0..K-1 (the same random draws) but run only the trees from K on, to look at one again.
const FROM = Number(opt('--from', 0));
if (!GENERATOR) { console.log('systemd-sysv-generator not installed: skipped'); console.log('0 passed, 0 failed'); process.exit(0); }
const version = (spawnSync(process.env.SYSV_HA_ORACLE_SYSTEMD ?? '/lib/systemd/systemd', ['--version'], { encoding: 'utf8' }).stdout ?? '').split('\n')[0] || 'unknown';
const PROFILE = systemd.PROFILES[process.env.SYSV_HA_ORACLE_PROFILE ?? '252'];

let seed = SEED >>> 0;
const rand = () => { seed = (seed * 1664525 + 1013904223) >>> 0; return seed / 2 ** 32; };
const pick = (xs) => xs[Math.floor(rand() * xs.length)];
const chance = (p) => rand() < p;

const FACILITIES = ['$local_fs', '$network', '$named', '$remote_fs', '$syslog', '$time', '$portmap', '$all', '$x-display-manager', '$mail-transport-agent', '$foo@bar', '$'];

const shared = join(repo, '..', 'shared');
function corpusScripts() {
  const out = [];
  const dir = join(shared, 'corpus/initscripts');
  if (existsSync(dir)) for (const n of readdirSync(dir).sort()) out.push({ id: `corpus/initscripts/${n}`, name: n, file: join(dir, n) });
  const deb = join(shared, 'corpus-debian/files');
  if (existsSync(deb)) {
    for (const pkg of readdirSync(deb).sort()) {
      const d = join(deb, pkg, 'etc/init.d');
      if (!existsSync(d)) continue;
      for (const n of readdirSync(d).sort()) {
        const f = join(d, n);
        if (lstatSync(f).isFile()) out.push({ id: `corpus-debian/files/${pkg}/etc/init.d/${n}`, name: n, file: f });
      }
    }
  }
  return out;
}

/** What a generator output folder holds: path → {type, target | bytes}. */
function readTree(dir) {
  const out = new Map();
  const walk = (rel) => {
    // Names and link targets as bytes (latin1), as the model gives them.
    for (const b of readdirSync(join(dir, rel), { encoding: 'buffer' })) {
      const n = b.toString('latin1');
      const r = rel ? `${rel}/${n}` : n;
      const p = Buffer.from(join(dir, r), 'latin1');
      const st = lstatSync(p);
      if (st.isSymbolicLink()) out.set(r, { type: 'link', target: readlinkSync(p, { encoding: 'buffer' }).toString('latin1') });
      else if (st.isDirectory()) { out.set(r, { type: 'dir' }); walk(r); }
      else out.set(r, { type: 'file', text: readFileSync(p).toString('latin1') });
    }
  };
  walk('');
  return out;
}

function runReal(root, layout) {
  const out = mkdtempSync(join(tmpdir(), 'sysv-ha-gen-out-'));
  const init = layout === 'rhel' ? join(root, 'etc/rc.d/init.d') : join(root, 'etc/init.d');
  const rc = layout === 'rhel' ? join(root, 'etc/rc.d') : join(root, 'etc');
  const env = {
    PATH: process.env.PATH, SYSTEMD_LOG_LEVEL: 'debug', SYSTEMD_LOG_TARGET: 'console',
    SYSTEMD_SYSVINIT_PATH: init, SYSTEMD_SYSVRCND_PATH: rc,
    // The scratch tree's own unit folders only, so that the host's units do not interfere.
    SYSTEMD_UNIT_PATH: systemd.UNIT_DIRS.map((d) => join(root, d)).join(':'),
  };
  const r = spawnSync(GENERATOR, [out, out, out], { env, encoding: 'utf8' });
  const tree = readTree(out);
  rmSync(out, { recursive: true, force: true });
  return { status: r.status, log: r.stderr, tree, initReal: Buffer.from(realpathSync(init), 'utf8').toString('latin1') };
}

/** The model's folder, in the same shape. */
function modelTree(run) {
  const out = new Map();
  for (const e of run.entries) {
    const parts = e.path.split('/');
    for (let i = 1; i < parts.length; i++) out.set(parts.slice(0, i).join('/'), { type: 'dir' });
    out.set(e.path, e.kind === 'unit' ? { type: 'file', text: e.text, unordered: e.unordered } : { type: 'link', target: e.target, alternatives: e.alternatives });
  }
  return out;
}

/** The real file's lines with each group the generator orders at random put in name order (it is the trailing run of its key). */
function sortGroups(text, groups) {
  const lines = text.split('\n');
  for (const g of groups ?? []) {
    const idx = lines.map((l, i) => (l.startsWith(`${g.key}=`) ? i : -1)).filter((i) => i >= 0).slice(-g.names.length);
    const sorted = idx.map((i) => lines[i]).sort();
    idx.forEach((i, k) => { lines[i] = sorted[k]; });
  }
  return lines.join('\n');
}

function compare(run, real, hostInit) {
  const problems = [];
  if (run.aborted) {
    if (real.status === 0) problems.push(`model: the generator aborts (${run.aborted}); real: exit 0`);
    return problems;
  }
  if (real.status !== 0) {
    problems.push(`real generator exit ${real.status}: ${real.log.trim().split('\n').slice(-2).join(' / ')}`);
    return problems;
  }
  const mine = modelTree(run);
  const mapPath = (s) => s.split(real.initReal).join(hostInit);
  for (const [p, r] of real.tree) {
    const m = mine.get(p);
    if (!m) { problems.push(`only in the real folder: ${p}${r.type === 'link' ? ` -> ${r.target}` : ''}`); continue; }
    if (m.type !== r.type) { problems.push(`${p}: real ${r.type}, model ${m.type}`); continue; }
    if (r.type === 'link') {
      const ok = [m.target, ...(m.alternatives ?? [])];
      if (!ok.includes(r.target)) problems.push(`${p}: real -> ${r.target}, model -> ${ok.join(' | ')}`);
    } else if (r.type === 'file') {
      const theirs = sortGroups(mapPath(r.text), m.unordered);
      if (theirs !== m.text) {
        const a = theirs.split('\n');
        const b = m.text.split('\n');
        const i = a.findIndex((l, k) => l !== b[k]);
        problems.push(`${p}: differs at line ${i + 1}: real ${JSON.stringify(a[i])}, model ${JSON.stringify(b[i])}`);
      }
    }
  }
  for (const p of mine.keys()) if (!real.tree.has(p)) problems.push(`only in the model: ${p}`);
  return problems;
}

const host = () => new FsHost();

// ---------------------------------------------------------------------------------------
// The systemd/... diagnostics against what the generator shows on the same tree.
const SETTINGS = { ...DEFAULT_SETTINGS, systemdVersion: PROFILE.version };
const diag = { corpus: {}, trees: {} };
const diagFailures = [];
let corpusScriptsWithFindings = 0;
let corpusScriptsGeneratorWarns = 0;
const corpusWarned = [];
const unread = { corpus: 0, trees: 0 };
function checkDiagnostics(kind, id, dir, layout, run, real) {
  if (!run || run.aborted && real.status === 0) return;
  const initDir = layout === 'rhel' ? 'etc/rc.d/init.d' : 'etc/init.d';
  // What the generator logged: per script it loaded ("Loading SysV script PATH"), the lines that
  // follow (its "[PATH:line] message" lines, an "Out of memory." for a name it cannot build);
  // the native units it skipped.
  const sections = new Map();
  const natives = new Set();
  let current;
  for (const l of real.log.split('\n')) {
    const ld = /^Loading SysV script (.*)$/.exec(l);
    if (ld) { current = basename(ld[1]); sections.set(current, { rows: new Set(), lines: [] }); continue; }
    const m = /^\[(.*):(\d+)\] (.*)$/.exec(l);
    if (m) {
      const n = basename(m[1]);
      if (!sections.has(n)) sections.set(n, { rows: new Set(), lines: [] });
      sections.get(n).rows.add(Number(m[2]));
      sections.get(n).lines.push(m[3]);
      continue;
    }
    if (l === 'Out of memory.' && current) sections.get(current).lines.push(l);
    const nu = /^Native unit for (.*)\.service already exists, skipping/.exec(l);
    if (nu) natives.add(nu[1]);
  }
  const problems = [];
  let any = false;
  let warns = false;
  for (const s of run.scripts) {
    let text;
    try { text = readFileSync(s.path, 'utf8'); } catch { continue; }
    const out = [];
    systemd.checkSystemd({ path: s.path, text, profile: layout, settings: SETTINGS, host: host(), root: dir }, out);
    const sec = sections.get(s.name);
    if (sec?.rows.size) { warns = true; if (kind === 'corpus') corpusWarned.push(`${id}: ${sec.lines.join(' / ')}`); }
    for (const p of out) {
      any = true;
      diag[kind][p.code] = (diag[kind][p.code] ?? 0) + 1;
      const line = p.range.start.line + 1;
      let confirmed;
      if (p.code === 'systemd/invalid-unit-name') confirmed = real.status !== 0;
      else if (p.code === 'systemd/native-unit') confirmed = natives.has(s.name.replace(/\.sh$/, ''));
      else if (p.code === 'systemd/alias-shadowed') { const a = / host (\S+) is that unit/.exec(p.message); confirmed = !!a && real.tree.get(a[1])?.type === 'link'; }
      else if (!sec) { unread[kind]++; continue; } // the generator did not read this script (skipped, or it stopped): nothing to confirm
      else if (p.code === 'systemd/relative-pidfile') confirmed = sec.lines.some((l) => l.startsWith('PID file not absolute'));
      else {
        const word = /drops '(.*)' from /.exec(p.message)?.[1] ?? '';
        confirmed = p.message.includes('No unit name can be made') ? sec.lines.includes('Out of memory.') : sec.lines.some((l) => l.includes(word));
      }
      if (!confirmed) problems.push(`${s.name}:${line} ${p.code} is not what the generator shows: ${p.message}`);
    }
    // Every line the generator logs about the script is a note of the model. The generator counts
    // the lines it reads (a NUL ends one too), the model's notes are on the document's lines.
    const noted = new Set((s.load?.notes ?? []).map((n) => n.row + 1));
    const genLines = sec?.rows.size ? readLines(readFileSync(s.path).toString('latin1'), PROFILE).lines : [];
    for (const g of sec?.rows ?? []) if (!noted.has((genLines[g - 1]?.row ?? -2) + 1)) problems.push(`${s.name}: the generator logs its line ${g}, the model has no note on it (${sec.lines.join(' / ')})`);
    if (s.nativeUnit && !natives.has(s.name.replace(/\.sh$/, '')) && real.status === 0 && !s.skipped?.includes('not executable')) problems.push(`${s.name}: the model skips it for ${s.nativeUnit}, the generator does not say so`);
  }
  if (kind === 'corpus') { if (any) corpusScriptsWithFindings++; if (warns) corpusScriptsGeneratorWarns++; }
  if (problems.length) diagFailures.push(`not ok - diagnostics ${kind} ${id}\n  ${problems.slice(0, 6).join('\n  ')}`);
}

// What the trees exercised, so that a run that agrees also says on what.
const seen = { aborted: 0, unorderedGroups: 0, contestedAliases: 0, nativeSkipped: 0, aliases: 0, wantsLinks: 0, units: 0 };
function count(run) {
  if (run.aborted) { seen.aborted++; return; }
  for (const e of run.entries) {
    if (e.kind === 'unit') { seen.units++; seen.unorderedGroups += e.unordered.length; }
    else if (e.role === 'alias') { seen.aliases++; if (e.alternatives) seen.contestedAliases++; }
    else seen.wantsLinks++;
  }
  seen.nativeSkipped += run.scripts.filter((o) => o.nativeUnit).length;
}
const results = { alone: [0, 0], planned: [0, 0], trees: [0, 0] };
const failures = [];
const root = mkdtempSync(join(tmpdir(), 'sysv-ha-systemd-'));
const fail = (kind, id, problems, extra = '') => {
  results[kind][1]++;
  failures.push(`not ok - ${kind} ${id}\n  ${problems.slice(0, 6).join('\n  ')}${extra}`);
};

try {
  // 1. Every corpus init script alone, then with the links its tool would make.
  if (ONLY !== 'trees') {
    for (const s of corpusScripts()) {
      const dir = join(root, 'alone');
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(join(dir, 'etc/init.d'), { recursive: true });
      const target = join(dir, 'etc/init.d', s.name);
      copyFileSync(s.file, target);
      chmodSync(target, 0o755);
      const run = systemd.generate(dir, host(), { profile: PROFILE, links: 'present' });
      const realAlone = runReal(dir, 'debian');
      const problems = compare(run, realAlone, '/etc/init.d');
      if (problems.length) fail('alone', s.id, problems); else results.alone[0]++;
      checkDiagnostics('corpus', s.id, dir, 'debian', run, realAlone);

      // The planned links, made real in the scratch tree: the generator must read them as the model planned.
      const auto = systemd.generate(dir, host(), { profile: PROFILE, links: 'auto' });
      for (const o of auto.scripts) {
        for (const l of o.links) {
          const d = join(dir, 'etc', l.dir);
          mkdirSync(d, { recursive: true });
          symlinkSync(l.target || `../init.d/${o.name}`, join(d, l.link));
        }
      }
      const p2 = compare(auto, runReal(dir, 'debian'), '/etc/init.d');
      if (p2.length) fail('planned', s.id, p2); else results.planned[0]++;
    }
  }

  // 2. Generated trees with rcN.d links.
  if (ONLY !== 'corpus') {
    const corpus = corpusScripts();
    for (let c = 0; c < TREES; c++) {
      const dir = join(root, `tree${c}`);
      const t = genTree(corpus);
      if (c < FROM) continue;
      const layout = t.layout;
      const initDir = layout === 'rhel' ? 'etc/rc.d/init.d' : 'etc/init.d';
      const rcBase = layout === 'rhel' ? 'etc/rc.d' : 'etc';
      mkdirSync(join(dir, initDir), { recursive: true });
      for (const s of t.scripts) {
        const p = join(dir, initDir, s.name);
        if (s.symlinkTo) symlinkSync(s.symlinkTo, p);
        else writeFileSync(p, s.bytes, { mode: s.exec ? 0o755 : 0o644 });
      }
      for (const l of t.links) {
        mkdirSync(join(dir, rcBase, l.dir), { recursive: true });
        symlinkSync(`../init.d/${l.target}`, join(dir, rcBase, l.dir, l.name));
      }
      for (const u of t.units) {
        const d = join(dir, u.dir);
        mkdirSync(d, { recursive: true });
        if (u.mask) symlinkSync('/dev/null', join(d, u.name));
        else writeFileSync(join(d, u.name), '[Unit]\nDescription=native\n');
      }
      const run = systemd.generate(dir, host(), { profile: PROFILE, links: 'present' });
      count(run);
      const realTree = runReal(dir, layout);
      const problems = compare(run, realTree, `/${initDir}`);
      checkDiagnostics('trees', `tree ${c} (seed ${SEED})`, dir, layout, run, realTree);
      if (problems.length) fail('trees', `tree ${c} (seed ${SEED})`, problems, VERBOSE ? `\n  scripts: ${t.scripts.map((s) => s.name).join(' ')}\n  links: ${t.links.map((l) => `${l.dir}/${l.name}`).join(' ')}` : '');
      else results.trees[0]++;
      rmSync(dir, { recursive: true, force: true });
    }
  }
} finally {
  rmSync(root, { recursive: true, force: true });
}

// ---------------------------------------------------------------------------------------
// Generated trees: corpus scripts and made-up ones, rcN.d links (some to nothing, some hidden,
// some with .sh), native units and masks, a script that is not executable, one that is a link.

function genTree(corpus) {
  const layout = chance(0.3) ? 'rhel' : 'debian';
  const n = 2 + Math.floor(rand() * 7);
  const scripts = [];
  const used = new Set();
  const names = [];
  for (let i = 0; i < n; i++) {
    let name = chance(0.15) ? `svc${i}.sh` : `svc${i}`;
    let bytes;
    if (chance(0.35)) {
      const c = pick(corpus);
      bytes = readFileSync(c.file);
      if (chance(0.5)) name = basename(c.name).replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 40) || name;
    } else bytes = Buffer.from(madeUp(i, n), 'latin1');
    if (used.has(name)) name = `${name}x${i}`;
    used.add(name);
    names.push(name);
    scripts.push({ name, bytes, exec: !chance(0.05) });
  }
  if (chance(0.1)) scripts.push({ name: `alias${n}`, symlinkTo: names[0], exec: true });
  if (chance(0.02)) scripts.push({ name: '@bad', bytes: Buffer.from('#!/bin/sh\n'), exec: true });
  if (chance(0.03)) scripts.push({ name: 'odd name%\xe9', bytes: Buffer.from('#!/bin/sh\n# description: odd\n'), exec: true });
  if (chance(0.05)) scripts.push({ name: `${names[0]}.dpkg-old`, bytes: Buffer.from('#!/bin/sh\n'), exec: true });
  const links = [];
  const dirs = ['rc0.d', 'rc1.d', 'rc2.d', 'rc3.d', 'rc4.d', 'rc5.d', 'rc6.d', 'rcS.d'];
  for (const name of names) {
    if (chance(0.15)) continue; // not registered
    const start = 1 + Math.floor(rand() * 98);
    const stop = 100 - start;
    const on = chance(0.2) ? ['rc3.d', 'rc5.d'] : chance(0.2) ? ['rcS.d'] : chance(0.1) ? ['rc1.d', 'rc2.d'] : ['rc2.d', 'rc3.d', 'rc4.d', 'rc5.d'];
    for (const d of dirs.slice(0, 7)) {
      const nn = String(on.includes(d) ? start : stop).padStart(2, '0');
      const linkName = `${on.includes(d) ? 'S' : 'K'}${nn}${chance(0.05) ? name.replace(/\.sh$/, '') : name}`;
      if (!links.some((l) => l.dir === d && l.name === linkName)) links.push({ dir: d, name: linkName, target: name });
    }
    if (on.includes('rcS.d')) links.push({ dir: 'rcS.d', name: `S${String(start).padStart(2, '0')}${name}`, target: name });
    if (chance(0.05)) links.push({ dir: 'rc3.d', name: `S${String(start + 1).padStart(2, '0')}${name}`, target: name });
  }
  if (chance(0.2)) links.push({ dir: 'rc3.d', name: 'S50missing', target: 'missing' });
  if (chance(0.05)) links.push({ dir: 'rc3.d', name: `S10${names[0]}.dpkg-old`, target: names[0] });
  if (chance(0.05)) links.push({ dir: 'rc2.d', name: 'README', target: 'README' });
  const units = [];
  if (chance(0.1)) units.push({ dir: 'etc/systemd/system', name: `${names[1].replace(/\.sh$/, '')}.service` });
  if (chance(0.1)) units.push({ dir: 'lib/systemd/system', name: `${names[0].replace(/\.sh$/, '')}.service`, mask: true });
  if (chance(0.05)) units.push({ dir: 'etc/systemd/system', name: 'p0.service' });
  return { layout, scripts, links, units };
}

function madeUp(i, n) {
  const others = Array.from({ length: n }, (_, k) => `svc${k}`);
  const words = (k) => Array.from({ length: k }, () => (chance(0.5) ? pick(FACILITIES) : chance(0.2) ? `p${Math.floor(rand() * 4)}` : pick(others))).join(pick([' ', ' ', '  ', '\t', ', ']));
  const L = [];
  L.push('#!/bin/sh');
  if (chance(0.3)) L.push(`# chkconfig: 2345 ${10 + i} ${90 - i}`);
  if (chance(0.3)) L.push(`# description: made up ${i}${chance(0.3) ? ' \\' : ''}`, chance(0.5) ? '#   continued line' : '# more');
  if (chance(0.2)) L.push(`# pidfile: ${chance(0.8) ? `/run/svc${i}.pid` : 'relative.pid'}`);
  if (chance(0.75)) {
    L.push(pick(['### BEGIN INIT INFO', '### BEGIN INIT INFO', '  ### BEGIN INIT INFO  ']));
    if (chance(0.9)) L.push(`# Provides: svc${i}${chance(0.3) ? ` p${Math.floor(rand() * 4)}` : ''}${chance(0.1) ? ' $network' : ''}${chance(0.05) ? ' $virt-fac' : ''}`);
    if (chance(0.8)) L.push(`# Required-Start: ${words(Math.floor(rand() * 4))}`);
    if (chance(0.5)) L.push(`#  Should-Start:  ${words(Math.floor(rand() * 3))}`);
    if (chance(0.2)) L.push(`# X-Start-Before: ${words(1)}`);
    if (chance(0.1)) L.push(`# x-start-after: ${words(1)}`);
    L.push(`# Required-Stop: ${words(1)}`);
    L.push('# Default-Start: 2 3 4 5', '# Default-Stop: 0 1 6');
    if (chance(0.7)) L.push(`# Short-Description: ${pick(['svc', 'a 100% daemon', '', 'x  y'])}${i}`);
    if (chance(0.5)) L.push(`# Description: long ${i}`, pick(['#  more text', '#\ttabbed', '# stops here', '#']));
    // Bytes where fgets() (219, 239) and read_line() (252) part ways, and words that test the quoting.
    if (chance(0.05)) L.push(`# ${'x'.repeat(2040 + Math.floor(rand() * 10))}# Provides: chunk${i}`);
    if (chance(0.05)) L.push('# Short-Description: with\rcarriage return');
    if (chance(0.03)) L.push('# Short-Description: with\0nul byte');
    if (chance(0.05)) L.push(`# Provides: "q${i} r" e\\ f '' a"b c"d \\`);
    L.push('### END INIT INFO');
  }
  if (chance(0.03)) L.push('### BEGIN INIT INFO', `# Required-Start: /usr /dev/sda x.socket $x@y svc${i}.sh`, '# Short-Description: caf\xe9 \xff', '### END INIT INFO');
  L.push(pick(['echo "Usage: $0 {start|stop|restart|reload}"', 'echo "Usage: $0 {start|stop}"', 'echo $"Usage: $0 {start|stop|status|restart|\\', '  reload}"', 'exit 0']));
  const eol = chance(0.05) ? '\r\n' : '\n';
  return L.join(eol) + (chance(0.9) ? eol : '');
}

for (const f of failures.slice(0, VERBOSE ? 1000 : 25)) console.log(f);
console.log(`systemd oracle: ${GENERATOR} (${version}), model profile ${PROFILE.version}`);
console.log(`  corpus scripts alone: ${results.alone[0]} agree, ${results.alone[1]} differ`);
console.log(`  corpus scripts with their planned links: ${results.planned[0]} agree, ${results.planned[1]} differ`);
console.log(`  generated trees (seed ${SEED}): ${results.trees[0]} agree, ${results.trees[1]} differ`);
console.log(`  the trees made ${seen.units} units, ${seen.aliases} alias links (${seen.contestedAliases} provided by two scripts), ${seen.wantsLinks} .wants links, ${seen.unorderedGroups} Before=/After= groups in hash order; ${seen.nativeSkipped} scripts skipped for a native unit; ${seen.aborted} trees where the generator stops`);
for (const f of diagFailures.slice(0, VERBOSE ? 1000 : 25)) console.log(f);
const counts = (c) => systemd.SYSTEMD_PROBLEMS.map((p) => `${p.code.slice(8)} ${c[p.code] ?? 0}`).join(', ');
if (ONLY !== 'trees') {
  console.log(`  systemd/* findings on the corpus scripts: ${counts(diag.corpus)} (${corpusScriptsWithFindings} scripts with one; the generator logs a warning on a line of ${corpusScriptsGeneratorWarns})`);
  for (const w of corpusWarned) console.log(`    generator warning, not a systemd/* finding: ${w}`);
}
if (ONLY !== 'corpus') console.log(`  systemd/* findings in the generated trees: ${counts(diag.trees)} (${unread.trees} of them on scripts the generator did not read: skipped, or it stopped)`);
console.log(`  diagnostics the generator does not confirm, or generator warnings the model misses: ${diagFailures.length} runs`);
const passed = results.alone[0] + results.planned[0] + results.trees[0];
const failed = results.alone[1] + results.planned[1] + results.trees[1] + diagFailures.length;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
