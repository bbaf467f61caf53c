#!/usr/bin/env node
// Summarises V8 .cpuprofile files (node --cpu-prof, or npm run bench -- --cpu-prof DIR): the
// functions with the most self time, mapped back to TypeScript sources through dist/*.js.map.
//   node scripts/bench/top-self-time.mjs FILE_OR_DIR... [--top N] [--inclusive]
// --inclusive also lists total (self + callees) time per function, recursion counted once.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
let top = 25;
let inclusive = false;
const inputs = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--top') top = Number(args[++i]);
  else if (args[i] === '--inclusive') inclusive = true;
  else inputs.push(args[i]);
}
if (inputs.length === 0) {
  console.error('usage: top-self-time.mjs FILE.cpuprofile|DIR... [--top N]');
  process.exit(2);
}

// ---- source maps (VLQ "mappings"), decoded lazily per bundle
const B64 = Object.fromEntries([...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'].map((c, i) => [c, i]));
const maps = new Map();
function loadMap(jsPath) {
  if (maps.has(jsPath)) return maps.get(jsPath);
  let m = null;
  const mapPath = `${jsPath}.map`;
  // A production (minified) build leaves no sourceMappingURL: a .map beside it would be stale.
  const linked = existsSync(jsPath) && readFileSync(jsPath, 'utf8').slice(-300).includes('sourceMappingURL=');
  if (linked && existsSync(mapPath)) {
    const raw = JSON.parse(readFileSync(mapPath, 'utf8'));
    const lines = [];
    let src = 0, sLine = 0, sCol = 0;
    for (const lineStr of raw.mappings.split(';')) {
      const segs = [];
      let col = 0;
      for (const seg of lineStr.split(',')) {
        if (!seg) continue;
        const v = [];
        let shift = 0, value = 0;
        for (const ch of seg) {
          const d = B64[ch];
          value += (d & 31) << shift;
          if (d & 32) shift += 5;
          else { v.push(value & 1 ? -(value >>> 1) : value >>> 1); value = 0; shift = 0; }
        }
        col += v[0];
        if (v.length >= 4) { src += v[1]; sLine += v[2]; sCol += v[3]; segs.push([col, src, sLine]); }
      }
      lines.push(segs);
    }
    m = { lines, sources: raw.sources.map((s) => relative(REPO, resolve(dirname(mapPath), s))) };
  }
  maps.set(jsPath, m);
  return m;
}
function original(url, line, col) {
  if (!url) return null;
  const path = url.startsWith('file://') ? fileURLToPath(url) : url;
  if (!path.endsWith('.js')) return null;
  const m = loadMap(path);
  const segs = m?.lines[line];
  if (!segs || segs.length === 0) return null;
  let best = segs[0];
  for (const s of segs) if (s[0] <= col) best = s; else break;
  return `${m.sources[best[1]]}:${best[2] + 1}`;
}

function files(p) {
  const st = statSync(p);
  if (st.isDirectory()) return readdirSync(p).flatMap((n) => files(join(p, n)));
  return p.endsWith('.cpuprofile') ? [p] : [];
}

for (const file of inputs.flatMap((p) => files(resolve(p)))) {
  const prof = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const self = new Map();
  let total = 0;
  prof.samples.forEach((id, i) => {
    const dt = (prof.timeDeltas[i] ?? 0) / 1000;
    total += dt;
    self.set(id, (self.get(id) ?? 0) + dt);
  });
  const keyOf = new Map();
  const key = (n) => {
    if (!keyOf.has(n.id)) {
      const cf = n.callFrame;
      const where = original(cf.url, cf.lineNumber, cf.columnNumber) ?? (cf.url ? `${basename(cf.url)}:${cf.lineNumber + 1}` : '');
      keyOf.set(n.id, `${cf.functionName || '(anonymous)'}  ${where}`);
    }
    return keyOf.get(n.id);
  };
  const agg = new Map();
  for (const [id, ms] of self) agg.set(key(byId.get(id)), (agg.get(key(byId.get(id))) ?? 0) + ms);
  const print = (title, m) => {
    console.log(`\n${relative(process.cwd(), file)}: ${total.toFixed(0)} ms sampled — ${title}`);
    for (const [k, ms] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${ms.toFixed(1).padStart(8)} ms ${((100 * ms) / total).toFixed(1).padStart(5)}%  ${k}`);
  };
  print('self time', agg);
  if (inclusive) {
    const incl = new Map();
    const active = new Map();
    const walk = (n) => {
      let t = self.get(n.id) ?? 0;
      const k = key(n);
      active.set(k, (active.get(k) ?? 0) + 1);
      for (const c of n.children ?? []) t += walk(byId.get(c));
      active.set(k, active.get(k) - 1);
      if (active.get(k) === 0) incl.set(k, (incl.get(k) ?? 0) + t);
      return t;
    };
    walk(prof.nodes[0]);
    print('total time (self + callees)', incl);
  }
}
