#!/usr/bin/env node
// Issue 18 (session 7): the body reader (initscript/body.ts) now reads the tree through one
// TreeCursor pass into typed arrays. This script checks that its model is exactly the one of
// the old Node-API reader (kept only as test/helpers/bodyReference.ts) over real scripts,
// generated big scripts and fuzz cases: fresh reads, incremental reads (statements reused from
// a previous version's cache, moved) and the parser worker's transfer (fragments encoded,
// structured-cloned, decoded).
//
//   npm run -s build:tests && node scripts/body-equivalence.mjs [--fuzz N] [--seed S] [--from K] [DIR|FILE ...]
//
// Without paths: ../shared/corpus, ../shared/corpus-debian, /work/debian-mz/files (when
// present) and /tmp/prof/etc/init.d (when present). Exits 1 on any difference.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(repo, 'package.json'));
const ts = require(join(repo, 'out/server/src/service/shell/treeSitter.js'));
const body = require(join(repo, 'out/server/src/service/languages/initscript/body.js'));
const old = require(join(repo, 'out/test/helpers/bodyReference.js'));
const transfer = require(join(repo, 'out/server/src/service/shell/bodyTransfer.js'));

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  if (i < 0) return dflt;
  const v = args[i + 1];
  args.splice(i, 2);
  return Number(v);
};
const fuzzCount = opt('--fuzz', 3000);
const seed = opt('--seed', 1);
const fuzzFrom = opt('--from', 0);

const parser = await ts.createBashParser(ts.findWasm(join(repo, 'dist')));

function files(root, out = []) {
  let st;
  try { st = statSync(root); } catch { return out; }
  if (st.isFile()) { if (st.size < 4 * 1024 * 1024) out.push(root); return out; }
  if (!st.isDirectory()) return out;
  for (const n of readdirSync(root).sort()) files(join(root, n), out);
  return out;
}

/** Maps and Sets as sorted plain data, for a readable first difference. */
const plain = (x) => JSON.parse(JSON.stringify(x, (_k, v) => (v instanceof Map ? Object.fromEntries(v) : v instanceof Set ? [...v] : v === undefined ? '<undefined>' : v)));
function firstDiff(a, b, path = '') {
  if (isDeepStrictEqual(a, b)) return undefined;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return `${path}: ${JSON.stringify(a)} != ${JSON.stringify(b)}`;
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const d = firstDiff(a[k], b[k], `${path}.${k}`);
    if (d) return d;
  }
  return `${path}: differs`;
}
const strip = (m) => {
  const { cache, ...rest } = m;
  return rest;
};

let checked = 0;
let differences = 0;
let skipped = 0;
const report = (what, a, b) => {
  differences++;
  if (differences <= 20) console.log(`DIFF ${what}: ${firstDiff(plain(a), plain(b)) ?? 'undefined-vs-missing key (deep equality only)'}`);
};

/** A small edit: a line inserted after the first line (every later statement moves down one row). */
const edited = (text) => {
  const nl = text.indexOf('\n');
  return nl < 0 ? `${text}\n: edited\n` : `${text.slice(0, nl + 1)}: edited\n${text.slice(nl + 1)}`;
};

function parse(text) {
  if (ts.shellRefusal(text)) return undefined;
  return ts.parseBash(parser, text) ?? undefined;
}

function check(name, text) {
  const tree = parse(text);
  if (!tree) { skipped++; return; }
  try {
    checked++;
    const a = old.extractBody(tree);
    const b = body.extractBody(tree);
    if (!isDeepStrictEqual(strip(a), strip(b))) return report(`${name} (fresh)`, strip(a), strip(b));
    const ra = old.readStatements(tree);
    const rb = body.readStatements(tree);
    if (!isDeepStrictEqual(ra.keys, rb.keys)) return report(`${name} (keys)`, ra.keys, rb.keys);
    if (!isDeepStrictEqual(ra.fragments, rb.fragments)) return report(`${name} (fragments)`, ra.fragments, rb.fragments);
    // The worker path: fragments posted (structured clone) and assembled on the other side.
    const enc = new transfer.FragmentEncoder(((n) => () => ++n)(0));
    const dec = new transfer.FragmentDecoder();
    const viaWorker = dec.decode(structuredClone(enc.encode(rb.fragments, rb.keys, rb.cache !== undefined)));
    if (!isDeepStrictEqual(strip(a), strip(viaWorker))) return report(`${name} (worker)`, strip(a), strip(viaWorker));
    // The incremental path: the next version read with this one's cache.
    const text2 = edited(text);
    const tree2 = parse(text2);
    if (tree2) {
      try {
        const a2 = old.extractBody(tree2);
        const b2 = body.extractBody(tree2, b.cache);
        if (!isDeepStrictEqual(strip(a2), strip(b2))) return report(`${name} (incremental)`, strip(a2), strip(b2));
        const rb2 = body.readStatements(tree2, rb.cache);
        const viaWorker2 = dec.decode(structuredClone(enc.encode(rb2.fragments, rb2.keys, rb2.cache !== undefined)));
        if (!isDeepStrictEqual(strip(a2), strip(viaWorker2))) return report(`${name} (worker, incremental)`, strip(a2), strip(viaWorker2));
      } finally {
        tree2.delete();
      }
    }
  } finally {
    tree.delete();
  }
}

const roots = args.length > 0 ? args : [join(repo, '..', 'shared', 'corpus'), join(repo, '..', 'shared', 'corpus-debian'), '/work/debian-mz/files', '/tmp/prof/etc/init.d'];
const t0 = performance.now();
for (const root of roots) {
  const before = checked;
  for (const f of files(root)) check(f, readFileSync(f, 'utf8'));
  console.log(`${root}: ${checked - before} files`);
}

if (fuzzCount > 0) {
  const svc = require(join(repo, 'out/server/src/service/index.js'));
  const { loadCorpus } = await import(join(repo, 'scripts/fuzz/cases.mjs'));
  const { caseFor } = await import(join(repo, 'scripts/fuzz/longline.mjs'));
  const corpus = loadCorpus(repo, svc);
  const codes = svc.allProblems().map((d) => d.code);
  const before = checked;
  for (let k = fuzzFrom; k < fuzzFrom + fuzzCount; k++) {
    const c = caseFor(seed, k, corpus, codes);
    check(`fuzz seed ${seed} case ${k} (${c.base}: ${c.mutations.join(', ')})`, c.bytes.toString('utf8'));
  }
  console.log(`fuzz seed ${seed} cases ${fuzzFrom}..${fuzzFrom + fuzzCount - 1}: ${checked - before} parsed`);
}

console.log(`${checked} texts compared (fresh, incremental, worker), ${skipped} refused by the parser guard, ${differences} differences, ${((performance.now() - t0) / 1000).toFixed(1)} s`);
process.exit(differences === 0 ? 0 : 1);
