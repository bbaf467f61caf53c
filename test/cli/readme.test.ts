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

  it('npm start does not depend on the mode git gave the sample authkeys (git keeps only the execute bit)', () => {
    assert.match(pkg.scripts['start']!, / --no-file-modes /);
    assert.match(readFileSync(join(REPO, 'README.md'), 'utf8'), /git records\s+only the execute bit/);
  });
});
