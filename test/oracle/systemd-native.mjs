// systemd-analyze verify judges the native units sysv-ha proposes (sysv-ha unit --native): for
// every corpus init script with a start action, the unit must load without a word on stderr.
// It runs offline in a scratch root (--root): a copy of the host's /usr/lib/systemd/system for
// the targets the units name, and stubs (empty executables) for the programs ExecStart=,
// ExecReload= and ExecStop= name, which verify wants to exist. The units are for systemd 252.
// Usage: node test/oracle/systemd-native.mjs [--verbose]
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const repo = new URL('../../', import.meta.url).pathname;
const svc = require(join(repo, 'out/server/src/service/index.js'));
const VERBOSE = process.argv.includes('--verbose');
const ANALYZE = ['/usr/bin/systemd-analyze', '/bin/systemd-analyze'].find((p) => existsSync(p));
if (!ANALYZE) { console.log('systemd-analyze not installed: skipped'); console.log('0 passed, 0 failed'); process.exit(0); }
await svc.initialize({ wasmDir: join(repo, 'dist') });

const shared = join(repo, '..', 'shared');
const scripts = [];
for (const n of readdirSync(join(shared, 'corpus/initscripts')).sort()) scripts.push({ id: `corpus/initscripts/${n}`, path: `/etc/init.d/${n}`, file: join(shared, 'corpus/initscripts', n) });
const deb = join(shared, 'corpus-debian/files');
for (const pkg of readdirSync(deb).sort()) {
  const d = join(deb, pkg, 'etc/init.d');
  if (!existsSync(d)) continue;
  for (const n of readdirSync(d).sort()) if (lstatSync(join(d, n)).isFile()) scripts.push({ id: `corpus-debian/files/${pkg}/etc/init.d/${n}`, path: `/etc/init.d/${n}`, file: join(d, n) });
}

const root = mkdtempSync(join(tmpdir(), 'sysv-ha-native-'));
// The scratch root: merged /usr as on Debian 12, the host's unit folder, nothing else.
mkdirSync(join(root, 'usr/lib/systemd'), { recursive: true });
cpSync('/usr/lib/systemd/system', join(root, 'usr/lib/systemd/system'), { recursive: true, verbatimSymlinks: true });
for (const d of ['bin', 'sbin', 'lib']) symlinkSync(`usr/${d}`, join(root, d));
for (const d of ['usr/bin', 'usr/sbin', 'etc/systemd/system', 'etc/init.d']) mkdirSync(join(root, d), { recursive: true });

const stub = (p) => {
  if (!p.startsWith('/')) p = `/usr/bin/${p}`;
  const f = join(root, p);
  if (existsSync(f)) return;
  mkdirSync(dirname(f), { recursive: true });
  writeFileSync(f, '#!/bin/sh\n# a stub for systemd-analyze verify\n');
  chmodSync(f, 0o755);
};

const { FsHost } = require(join(repo, 'out/server/src/host/fsHost.js'));
const host = new FsHost();
let passed = 0;
let failed = 0;
let skipped = 0;
const types = {};
let undecided = 0;
try {
  for (const s of scripts) {
    const text = readFileSync(s.file, 'utf8');
    // The script as if in the scratch root, whose units (the host's) the converter reads for early-boot ordering.
    const a = svc.analyze({ path: join(root, s.path), text, language: 'initscript' }, { ...svc.DEFAULT_SETTINGS, systemdVersion: '252' });
    const body = a.model?.body;
    const hasStart = body?.dispatcher?.branches.some((b) => b.patterns.some((p) => p.text === 'start'));
    if (!hasStart) { skipped++; continue; }
    const unit = svc.systemd.convertToNative(a, '252', host);
    if (!unit) { failed++; console.log(`not ok - ${s.id}: no unit`); continue; }
    types[unit.type] = (types[unit.type] ?? 0) + 1;
    undecided += unit.undecided.length;
    // Every absolute program the unit runs gets a stub; so does a bare name (verify looks it up in PATH).
    for (const line of unit.text.split('\n')) {
      const m = /^Exec(?:Start|Stop|Reload|StartPre)=[-@+!:]*("?)([^\s"]+)/.exec(line);
      if (m) stub(m[2].replace(/%%/g, '%')); // the path systemd runs, specifiers unescaped
    }
    const file = join(root, 'etc/systemd/system', unit.name);
    writeFileSync(file, unit.text);
    const r = spawnSync(ANALYZE, ['verify', `--root=${root}`, '--man=no', '--generators=no', file], { encoding: 'utf8' });
    const complaints = (r.stderr + r.stdout).trim();
    if (r.status === 0 && complaints === '') passed++;
    else {
      failed++;
      console.log(`not ok - ${s.id}: systemd-analyze verify exit ${r.status}\n  ${complaints.split('\n').slice(0, 4).join('\n  ')}${VERBOSE ? `\n${unit.text}` : ''}`);
    }
    rmSync(file);
  }
} finally {
  rmSync(root, { recursive: true, force: true });
}
const version = (spawnSync(ANALYZE, ['--version'], { encoding: 'utf8' }).stdout ?? '').split('\n')[0];
console.log(`native units: ${ANALYZE} verify (${version}), offline in a scratch root with stubs for the programs`);
console.log(`  ${passed + failed} corpus scripts with a start action (${skipped} without one skipped): ${Object.entries(types).map(([t, n]) => `${n} ${t}`).join(', ')}; ${undecided} "Not decided" comments`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
