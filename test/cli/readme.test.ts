/**
 * The README's sample is what `npm start` prints today (issue #15 point 13): npm's two banner
 * lines for the script, then the CLI's output on the sample tree. UPDATE_GOLDEN=1 rewrites the
 * block after a reviewed change of the checks.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { EDITOR_LANGUAGES } from '../../server/src/service/core/detect';
import { REPO } from '../helpers/golden';

const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { name: string; version: string; scripts: Record<string, string> };
const FENCE = /(```\n\$ npm start\n)([\s\S]*?)(```\n)/;

describe('README', () => {
  it('the sample output is exactly what `npm start` prints', () => {
    const start = pkg.scripts['start']!;
    const m = /^npm run -s build && node dist\/cli\.js ((?:[a-z-]+ )*examples\/etc)$/.exec(start);
    assert.ok(m, `npm start is "npm run -s build && node dist/cli.js ARGS": ${start}`);
    const r = spawnSync(process.execPath, [join(REPO, 'dist', 'cli.js'), ...m[1]!.split(' ')], { cwd: REPO, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, '');
    // npm prints an empty line, "> name@version script", "> command" and an empty line first.
    const printed = `\n> ${pkg.name}@${pkg.version} start\n> ${start}\n\n${r.stdout}`;
    const readmePath = join(REPO, 'README.md');
    const readme = readFileSync(readmePath, 'utf8');
    const block = FENCE.exec(readme);
    assert.ok(block, 'README.md has a ```-fenced block starting with "$ npm start"');
    if (process.env['UPDATE_GOLDEN'] === '1') {
      writeFileSync(readmePath, readme.replace(FENCE, (_all, open: string, _body: string, close: string) => open + printed + close));
      return;
    }
    assert.equal(block[2], printed, 'README.md sample differs from npm start (UPDATE_GOLDEN=1 rewrites it)');
  });

  it('the editor setups in the README are the files in editors/', () => {
    const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
    for (const [lang, file] of [['lua', 'editors/nvim/sysv-ha.lua'], ['toml', 'editors/helix/languages.toml'], ['elisp', 'editors/emacs/sysv-ha.el']] as const) {
      const body = readFileSync(join(REPO, file), 'utf8');
      assert.ok(readme.includes('```' + lang + '\n' + body + '```\n'), `README.md shows ${file} as it is`);
    }
    // The old snippet needed vim.lsp.start (Neovim 0.8+) and attached to inittab only.
    assert.doesNotMatch(readme, /pattern = \{ 'inittab' \}/);
  });

  it('the Helix configuration names the server and the language ids it knows, for every file kind', (t) => {
    const py = spawnSync('python3', ['-c', 'import json, sys, tomllib; print(json.dumps(tomllib.load(open(sys.argv[1], "rb"))))', join(REPO, 'editors/helix/languages.toml')], { encoding: 'utf8' });
    if (py.status !== 0 && /No module named|ENOENT/.test(py.stderr + String(py.error ?? ''))) {
      t.skip('no python3 with tomllib to read TOML');
      return;
    }
    assert.equal(py.status, 0, py.stderr);
    const conf = JSON.parse(py.stdout) as { 'language-server': Record<string, { command: string; args: string[] }>; language: { name: string; 'file-types'?: { glob: string }[]; 'language-servers': string[] }[] };
    assert.deepEqual(conf['language-server']['sysv-ha'], { command: 'sysv-ha', args: ['lsp', '--stdio'] });
    const using = conf.language.filter((l) => l['language-servers'].includes('sysv-ha'));
    const known = new Set([...Object.keys(EDITOR_LANGUAGES), 'bash']);
    for (const l of using) assert.ok(known.has(l.name), `${l.name} is a language id the server knows`);
    const globs = using.flatMap((l) => (l['file-types'] ?? []).map((g) => g.glob));
    for (const g of ['inittab', 'inittab.d/*.tab', 'ha.cf', 'haresources', 'authkeys', 'xinetd.conf', 'xinetd.d/*']) assert.ok(globs.includes(g), g);
    assert.ok(using.some((l) => l.name === 'bash'), 'init scripts: sysv-ha next to bash-language-server');
  });

  it('the Emacs setup is balanced Lisp naming every file kind', () => {
    const el = readFileSync(join(REPO, 'editors/emacs/sysv-ha.el'), 'utf8').replace(/"(\\.|[^"\\])*"/g, '""').replace(/;.*$/gm, '');
    let depth = 0;
    for (const ch of el) {
      depth += ch === '(' ? 1 : ch === ')' ? -1 : 0;
      assert.ok(depth >= 0);
    }
    assert.equal(depth, 0);
    const raw = readFileSync(join(REPO, 'editors/emacs/sysv-ha.el'), 'utf8');
    for (const id of Object.keys(EDITOR_LANGUAGES)) assert.ok(raw.includes(`:language-id "${id}"`), id);
  });

  it('npm start does not depend on the mode git gave the sample authkeys (git keeps only the execute bit)', () => {
    assert.match(pkg.scripts['start']!, / --no-file-modes /);
    assert.match(readFileSync(join(REPO, 'README.md'), 'utf8'), /git records\s+only the execute bit/);
  });
});
