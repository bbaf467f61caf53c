// Packs the command-line checker as its own npm package (`npx sysv-ha check`), separate from
// the VS Code extension (vsce, .vscodeignore) and from the repository's root package (private:
// pre-commit installs it from a clone, nobody publishes it):
//   node scripts/pack-cli.mjs [--out DIR]      (after `node scripts/build.mjs --production`)
// Stages .cli-package/ with a package.json derived from the root one (name, version, ...), the
// bundled CLI (dist/cli.js, which holds the language server for `sysv-ha lsp` too), the parser
// worker the server starts (dist/parserWorker.js), the check workers of `check --jobs N`
// (dist/checkWorker.js), the two wasm files they load (web-tree-sitter,
// tree-sitter-bash), README and LICENSE, then runs `npm pack` there. Prints the tarball's path. The bundle has no dependencies left to install.
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const outIdx = process.argv.indexOf('--out');
const out = resolve(outIdx > 0 ? process.argv[outIdx + 1] : '.');
const root = JSON.parse(readFileSync('package.json', 'utf8'));
// The Node version the bundle is built for (scripts/build.mjs: target nodeNN) is the package's floor.
const target = /target: 'node(\d+)'/.exec(readFileSync('scripts/build.mjs', 'utf8'));
if (!target) throw new Error('scripts/build.mjs: no esbuild target nodeNN');

const FILES = ['dist/cli.js', 'dist/checkWorker.js', 'dist/parserWorker.js', 'dist/web-tree-sitter.wasm', 'dist/tree-sitter-bash.wasm', 'dist/parser.info'];
const stage = '.cli-package';
rmSync(stage, { recursive: true, force: true });
mkdirSync(join(stage, 'dist'), { recursive: true });
for (const f of FILES) copyFileSync(f, join(stage, f));
copyFileSync('LICENSE', join(stage, 'LICENSE'));
copyFileSync('scripts/cli-package/README.md', join(stage, 'README.md'));
const pkg = {
  name: root.name,
  version: root.version,
  description: 'Checks /etc/inittab, SysV init scripts, heartbeat (ha.cf, haresources, authkeys) and xinetd files the way the real programs read them; a language server for any LSP editor.',
  license: root.license,
  repository: root.repository,
  homepage: root.homepage,
  bugs: root.bugs,
  keywords: root.keywords,
  bin: { 'sysv-ha': 'dist/cli.js' },
  files: FILES,
  engines: { node: `>=${target[1]}` },
};
writeFileSync(join(stage, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');
mkdirSync(out, { recursive: true });
const name = execFileSync('npm', ['pack', '--silent', '--pack-destination', out], { cwd: stage, encoding: 'utf8' }).trim().split('\n').pop();
console.log(join(out, name));
