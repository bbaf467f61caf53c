#!/usr/bin/env node
// The Services view's request (sysvHa/services: the scripts per runlevel and the systemd rows)
// and the systemd preview (sysvHa/previewUnit) on the bench's 1,000-script tree, over stdio,
// for this build and optionally a baseline build, interleaved round by round on the same tree.
// Not a test: it prints wall and server CPU per request; nothing is asserted but that the
// preview follows the edits (a line says so).
//   node scripts/bench/services.mjs [--links] [--reps N] [--rounds N] [--baseline DIST] [--cpu-prof DIR]
// --links     also make rc0.d-rc6.d with an S or K link of every script (7,000 links), as an
//             installed tree has; without it the generator plans the links (no rcN.d folder).
// --baseline  another build's dist/ folder (e.g. main's), run the same way.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generateEtcTree } from './generate.mjs';
import { BenchClient } from './lsp-client.mjs';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
const links = args.includes('--links');
const reps = Number(opt('--reps', 5));
const rounds = Number(opt('--rounds', 2));
const builds = [['this build', join(REPO, 'dist')], ...(opt('--baseline') ? [['baseline', resolve(opt('--baseline'))]] : [])];
const prof = opt('--cpu-prof');

const root = mkdtempSync(join(tmpdir(), 'sysv-ha-services-'));
const paths = generateEtcTree(root, 1000);
if (links) {
  for (const l of [0, 1, 2, 3, 4, 5, 6]) mkdirSync(join(root, 'etc', `rc${l}.d`));
  paths.forEach((p, i) => {
    const n = p.slice(p.lastIndexOf('/') + 1);
    const nn = String(20 + (i % 70)).padStart(2, '0');
    for (const l of [2, 3, 4, 5]) symlinkSync(`../init.d/${n}`, join(root, 'etc', `rc${l}.d`, `S${nn}${n}`));
    for (const l of [0, 1, 6]) symlinkSync(`../init.d/${n}`, join(root, 'etc', `rc${l}.d`, `K${nn}${n}`));
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const med = (a) => (a.length ? [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)] : null);

/** One server of one build: every measure, `reps` times each. */
async function measure(dist, label) {
  const c = new BenchClient(join(dist, 'server.js'), prof ? ['--cpu-prof', `--cpu-prof-dir=${join(prof, label.replace(/\W+/g, '-'))}`] : []);
  await c.initialize(pathToFileURL(root).toString());
  const target = paths[500];
  const uri = pathToFileURL(target).toString();
  let text = readFileSync(target, 'utf8');
  let version = 1;
  await c.open(uri, 'shellscript', text);
  const out = {};
  const timed = async (key, method, params) => {
    const cpu0 = c.cpuMs();
    const r = await c.timed(method, params);
    (out[key] ??= { ms: [], cpu: [] }).ms.push(r.ms);
    out[key].cpu.push(c.cpuMs() - cpu0);
    return r.result;
  };
  await timed('services, first', 'sysvHa/services', { folders: [root] });
  for (let i = 0; i < reps; i++) await timed('services, nothing changed', 'sysvHa/services', { folders: [root] });
  for (let i = 0; i < reps; i++) await timed('preview, nothing changed', 'sysvHa/previewUnit', { path: target });
  let followed = 0;
  for (let i = 0; i < reps; i++) {
    // A body edit: the usage line gains or loses "reload" (no comment line changes).
    const reload = i % 2 === 0;
    text = text.replace(/\{start\|stop\|status\|restart\|(reload\|)?force-reload\}/, reload ? '{start|stop|status|restart|reload|force-reload}' : '{start|stop|status|restart|force-reload}');
    version++;
    const published = c.waitDiagnostics(uri, version);
    await c.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    await published.catch(() => undefined);
    await sleep(300);
    const p = await timed('preview after a body edit', 'sysvHa/previewUnit', { path: target });
    if (/^ExecReload=/m.test(p) === reload) followed++;
    await timed('services after a body edit', 'sysvHa/services', { folders: [root] });
  }
  await c.shutdown();
  return { out, followed };
}

const results = new Map(builds.map(([label]) => [label, {}]));
const followed = new Map(builds.map(([label]) => [label, 0]));
for (let r = 0; r < rounds; r++) {
  for (const [label, dist] of builds) {
    const m = await measure(dist, label);
    followed.set(label, followed.get(label) + m.followed);
    const acc = results.get(label);
    for (const [k, v] of Object.entries(m.out)) {
      acc[k] ??= { ms: [], cpu: [] };
      acc[k].ms.push(...v.ms);
      acc[k].cpu.push(...v.cpu);
    }
  }
}
rmSync(root, { recursive: true, force: true });

const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
console.log(`1,000-script tree${links ? ', 7,000 rc links' : ', no rcN.d folder (planned links)'}; ${rounds} rounds x ${reps}; load ${load}`);
const keys = Object.keys(results.get(builds[0][0]));
console.log(['request', ...builds.map(([l]) => `${l}: wall p50 / server CPU p50 (ms)`)].join(' | '));
for (const k of keys) {
  console.log([k, ...builds.map(([l]) => {
    const v = results.get(l)[k];
    return v ? `${med(v.ms).toFixed(0)} / ${med(v.cpu).toFixed(0)}` : '-';
  })].join(' | '));
}
for (const [l] of builds) console.log(`${l}: the preview followed ${followed.get(l)} of ${rounds * reps} body edits (ExecReload= with a reload action)`);
