/**
 * The CLI as an npm package (issue #15 point 15): `npm pack` of scripts/pack-cli.mjs holds what
 * `npx sysv-ha check` needs and nothing else, installs offline into an empty project and runs
 * there; its engines are what it needs. The repository root packs (for pre-commit's node hook)
 * into a package whose bin runs too. Run by `npm run test:package`, after the packing.
 */
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { REPO } from '../helpers/golden';

const root = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { name: string; version: string; engines: { node: string } };
const TARBALL = join(REPO, '.cli-package', 'out', `${root.name}-${root.version}.tgz`);
const tmp = mkdtempSync(join(tmpdir(), 'sysv-ha-npm-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

function tarList(tgz: string): string[] {
  return execFileSync('tar', ['-tzf', tgz], { encoding: 'utf8' }).trim().split('\n').sort();
}

/** An empty project with the tarball installed from the file alone (no registry). */
function installOffline(tgz: string): string {
  const project = mkdtempSync(join(tmp, 'project-'));
  writeFileSync(join(project, 'package.json'), '{ "private": true }\n');
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', tgz], { cwd: project, encoding: 'utf8', env: { ...process.env, npm_config_registry: 'http://127.0.0.1:9/' } });
  return project;
}

describe('the CLI npm package', () => {
  it('holds the CLI, the parser worker and the two wasm files it loads, README, LICENSE and package.json: nothing else', () => {
    assert.deepEqual(tarList(TARBALL), [
      'package/LICENSE', 'package/README.md', 'package/dist/checkWorker.js', 'package/dist/cli.js', 'package/dist/parser.info', 'package/dist/parserWorker.js',
      'package/dist/tree-sitter-bash.wasm', 'package/dist/web-tree-sitter.wasm', 'package/package.json',
    ]);
    const pkg = JSON.parse(execFileSync('tar', ['-xzOf', TARBALL, 'package/package.json'], { encoding: 'utf8' }));
    assert.equal(pkg.name, 'sysv-ha');
    assert.equal(pkg.version, root.version);
    assert.deepEqual(pkg.bin, { 'sysv-ha': 'dist/cli.js' });
    assert.equal(pkg.dependencies, undefined, 'the bundle has nothing left to install');
    assert.equal(pkg.private, undefined, 'publishable');
  });

  it('installs offline into an empty project; `npx sysv-ha check` runs there as from the repository', () => {
    const project = installOffline(TARBALL);
    cpSync(join(REPO, 'examples'), join(project, 'examples'), { recursive: true });
    const npx = (args: string[]) => spawnSync('npx', ['--offline', '--no-install', 'sysv-ha', ...args], { cwd: project, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', npm_config_registry: 'http://127.0.0.1:9/' } });
    const here = npx(['check', '--no-file-modes', 'examples/etc']);
    const repo = spawnSync(process.execPath, [join(REPO, 'dist', 'cli.js'), 'check', '--no-file-modes', 'examples/etc'], { cwd: REPO, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    assert.equal(here.status, 1, here.stderr);
    assert.equal(here.stdout, repo.stdout);
    assert.match(here.stdout, /initscript\//, 'init scripts analysed: the wasm files were found');
    assert.equal(npx(['--version']).stdout, `sysv-ha ${root.version}\n`);
    assert.match(npx(['check', '--help']).stdout, /^Usage: sysv-ha check/);
  });

  it('engines: the Node version the bundle is built for, which every bundled dependency accepts', () => {
    const pkg = JSON.parse(execFileSync('tar', ['-xzOf', TARBALL, 'package/package.json'], { encoding: 'utf8' }));
    const target = /target: 'node(\d+)'/.exec(readFileSync(join(REPO, 'scripts/build.mjs'), 'utf8'))![1]!;
    assert.deepEqual(pkg.engines, { node: `>=${target}` });
    const semver = createRequire(join(REPO, 'package.json'))('semver') as { satisfies: (v: string, r: string) => boolean; minVersion: (r: string) => { version: string } };
    for (const dep of ['web-tree-sitter', 'tree-sitter-bash', 'vscode-languageserver', 'vscode-languageserver-protocol', 'vscode-jsonrpc', 'vscode-languageserver-textdocument', 'vscode-languageserver-types']) {
      const range = JSON.parse(readFileSync(join(REPO, 'node_modules', dep, 'package.json'), 'utf8')).engines?.node as string | undefined;
      if (range) assert.ok(semver.satisfies(`${target}.0.0`, range), `${dep} accepts Node ${target} (${range})`);
    }
  });
});

describe('the repository\'s own package', () => {
  it('engines: every Node version the root admits is admitted by every package of the lock (npm ci warns on none)', () => {
    const semver = createRequire(join(REPO, 'package.json'))('semver') as { satisfies: (v: string, r: string) => boolean; minVersion: (r: string) => { version: string } };
    const lock = JSON.parse(readFileSync(join(REPO, 'package-lock.json'), 'utf8')) as { packages: Record<string, { engines?: { node?: string } | string[] }> };
    const floors = root.engines.node.split('||').map((r) => semver.minVersion(r.trim()).version);
    assert.ok(floors.length > 0);
    assert.ok(semver.satisfies(process.versions.node, root.engines.node), `this Node (${process.versions.node}) is one the root admits`);
    for (const [name, p] of Object.entries(lock.packages)) {
      const range = !Array.isArray(p.engines) ? p.engines?.node : undefined;
      if (!range || name === '') continue;
      for (const v of [...floors, process.versions.node]) assert.ok(semver.satisfies(v, range), `${name} (engines ${range}) accepts Node ${v}`);
    }
  });

  it('allowScripts decides every install script of the lock, and denies them all (npm ci prints no advisory; npm 12 blocks undecided ones)', () => {
    // The project needs none of them: the parser is wasm (tree-sitter-bash's native build is
    // unused), esbuild and vsce-sign take their binaries from their platform packages, and
    // keytar (vsce's optional credential store) serves only publishing.
    const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { allowScripts?: Record<string, boolean> };
    const lock = JSON.parse(readFileSync(join(REPO, 'package-lock.json'), 'utf8')) as { packages: Record<string, { hasInstallScript?: boolean }> };
    const withScripts = Object.entries(lock.packages).filter(([k, v]) => k !== '' && v.hasInstallScript).map(([k]) => k.slice(k.lastIndexOf('node_modules/') + 'node_modules/'.length)).sort();
    assert.deepEqual(Object.keys(pkg.allowScripts ?? {}).sort(), [...new Set(withScripts)]);
    assert.ok(Object.values(pkg.allowScripts!).every((v) => v === false), JSON.stringify(pkg.allowScripts));
  });

  it('`npm pack` at the root (what pre-commit installs) has a working sysv-ha bin', () => {
    const out = mkdtempSync(join(tmp, 'root-pack-'));
    // dist/ is built (npm run test:package packed it); --ignore-scripts as pre-commit's pack would run none.
    const name = execFileSync('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', out], { cwd: REPO, encoding: 'utf8' }).trim().split('\n').pop()!;
    const files = tarList(join(out, name));
    for (const f of ['package/dist/cli.js', 'package/dist/checkWorker.js', 'package/dist/parserWorker.js', 'package/dist/web-tree-sitter.wasm', 'package/dist/tree-sitter-bash.wasm']) assert.ok(files.includes(f), f);
    assert.ok(!files.some((f) => /^package\/(server|client|test|node_modules|examples)\//.test(f)), files.join(' '));
    const project = installOffline(join(out, name));
    const r = spawnSync(join(project, 'node_modules', '.bin', 'sysv-ha'), ['check', '--no-file-modes', join(REPO, 'examples/etc/rc.d/init.d/myscript')], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /initscript\/missing-force-reload/);
    assert.match(r.stdout, /initscript\/daemon-foreground/, 'the body was parsed (parser worker and wasm found)');
  });
});
