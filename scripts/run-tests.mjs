// Runs the compiled tests (out/test/...) with Node's test runner.
//   node scripts/run-tests.mjs unit     unit, LSP, CLI and grammar tests (npm test)
//   node scripts/run-tests.mjs corpus   the CLI over ../shared/corpus (npm run test:corpus)
//   node scripts/run-tests.mjs package  the .vsix and the npm packages (npm run test:package, after packing)
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const suite = process.argv[2] ?? 'unit';
const dirs = suite === 'corpus' ? ['out/test/corpus'] : suite === 'package' ? ['out/test/package'] : ['out/test/unit', 'out/test/lsp', 'out/test/cli'];
const files = [];
const walk = (d) => {
  let names;
  try { names = readdirSync(d); } catch { return; }
  for (const n of names.sort()) {
    const p = join(d, n);
    if (statSync(p).isDirectory()) walk(p);
    else if (n.endsWith('.test.js')) files.push(p);
  }
};
dirs.forEach(walk);
if (files.length === 0) {
  console.error(`no test files found for suite '${suite}' (did the build run?)`);
  process.exit(1);
}
const extra = process.argv.slice(3);
const r = spawnSync(process.execPath, ['--enable-source-maps', '--test', '--test-reporter=spec', ...extra, ...files], { stdio: 'inherit' });
process.exit(r.status ?? 1);
