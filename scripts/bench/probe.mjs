#!/usr/bin/env node
// A short latency probe (not the bench): spawn → tiny script diagnostics, the generated
// 1k/5k/20k-line scripts' didOpen and edits, the corpus init scripts' didOpen and edits,
// next to the floor in the same process. Env for the server from --server-env NAME=VALUE.
//   node scripts/bench/probe.mjs [--server-env NAME=VALUE]... [--reps N] [--no-large] [--corpus N]
//     [--dist DIR] (another build) [--cpu-prof DIR] (the measured server under node --cpu-prof)
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { fullParse, loadFloor } from './floor.mjs';
import { largeInitScript } from './generate.mjs';
import { BenchClient } from './lsp-client.mjs';
import { serverLaunch } from '../server-launch.mjs';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const env = {};
let reps = 3, large = true, corpusN = 115, dist = join(REPO, 'dist'), cpuProf;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--server-env') { const [k, ...v] = args[++i].split('='); env[k] = v.join('='); }
  else if (args[i] === '--reps') reps = Number(args[++i]);
  else if (args[i] === '--no-large') large = false;
  else if (args[i] === '--corpus') corpusN = Number(args[++i]);
  else if (args[i] === '--dist') dist = resolve(args[++i]);
  else if (args[i] === '--cpu-prof') cpuProf = resolve(args[++i]);
}
const launch = serverLaunch(dist);
const serverEnv = { ...process.env, ...launch.env, ...env };
const serverJs = join(dist, 'server.js');
const p = (xs, q) => { const s = [...xs].filter((x) => x != null).sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q / 100 * s.length) - 1))]; };
const r2 = (x) => Math.round(x * 100) / 100;
const out = { dist, env, load0: loadavg()[0] };
const floor = await loadFloor(REPO);
const tiny = '#!/bin/sh\n### BEGIN INIT INFO\n# Provides: tiny\n# Required-Start: $local_fs\n# Required-Stop: $local_fs\n# Default-Start: 2 3 4 5\n# Default-Stop: 0 1 6\n# Short-Description: tiny\n### END INIT INFO\ncase "$1" in\n  start|stop|restart|force-reload|status) : ;;\n  *) echo "Usage: $0 {start|stop|restart|force-reload|status}"; exit 3 ;;\nesac\n';
const spawnMs = [];
for (let i = 0; i < reps; i++) {
  const c = new BenchClient(serverJs, launch.nodeFlags, serverEnv);
  const t0 = c.spawnedAt;
  await c.initialize();
  const r = await c.open('file:///bench/startup/etc/init.d/tiny', 'shellscript', tiny);
  if (r.ms !== null) spawnMs.push(performance.now() - t0);
  await c.shutdown();
}
out.spawnToFirstDiag = spawnMs.map(r2);
const c = new BenchClient(serverJs, [...launch.nodeFlags, ...(cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${cpuProf}`] : [])], serverEnv);
await c.initialize();
await new Promise((r) => setTimeout(r, 500));
// corpus init scripts
const dir = resolve(REPO, '..', 'shared', 'corpus', 'initscripts');
const files = readdirSync(dir).sort().slice(0, corpusN);
const opens = [], edits = [], ratio = [], floors = [];
let n = 0;
for (const f of files) {
  const text = readFileSync(join(dir, f), 'utf8');
  const lines = text.split('\n').length;
  const uri = `file:///bench/c/${n++}/etc/init.d/${f.replace(/[^A-Za-z0-9_.-]/g, '')}`;
  const o = await c.open(uri, 'shellscript', text);
  if (lines < 50 || lines > 700) continue;
  const fl = fullParse(floor.parser, text, 3);
  floors.push(fl);
  opens.push(o.ms);
  // type 'log' on a new line after line 20
  const L = Math.min(20, lines - 2);
  const col = text.split('\n')[L].length;
  let v = 1;
  edits.push(await c.change(uri, ++v, { start: { line: L, character: col }, end: { line: L, character: col } }, '\n    '));
  for (const ch of 'log') edits.push(await c.change(uri, ++v, { start: { line: L + 1, character: 4 + (v - 3) }, end: { line: L + 1, character: 4 + (v - 3) } }, ch));
}
out.typical = { n: opens.length, openP50: r2(p(opens, 50)), floorP50: r2(p(floors, 50)), limit: r2(2 * p(floors, 50) + 1), editP50: r2(p(edits, 50)), editP95: r2(p(edits, 95)) };
if (large) {
  out.large = {};
  for (const L of [1000, 5000, 20000]) {
    const text = largeInitScript(L);
    const fl = fullParse(floor.parser, text, 3);
    const uri = `file:///bench/generated/${L}/etc/init.d/bigsvc${L}`;
    const o = await c.open(uri, 'shellscript', text);
    const lines = text.split('\n');
    const at = lines.findIndex((l) => /^\s*start\)\s*$/.test(l));
    const es = [];
    let v = 1;
    const col = lines[at].length;
    es.push(await c.change(uri, ++v, { start: { line: at, character: col }, end: { line: at, character: col } }, '\n        '));
    for (let k = 0; k < 6; k++) es.push(await c.change(uri, ++v, { start: { line: at + 1, character: 8 + k }, end: { line: at + 1, character: 8 + k } }, 'logger'[k]));
    out.large[L] = { open: r2(o.ms), floor: r2(fl), ratio: r2(o.ms / fl), editP50: r2(p(es, 50)), edits: es.map(r2) };
    await c.close(uri);
  }
}
out.stats = await c.optional('sysvHa/parserStats');
out.rssMB = r2(c.memory().rssMB);
await c.shutdown();
out.load1 = loadavg()[0];
console.log(JSON.stringify(out, (k, v) => (k === 'heaps' ? undefined : v)));
