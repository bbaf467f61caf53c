/** The walkthrough's sample tree: a fresh copy with a real machine's modes, that the CLI checks as the README says. */
import * as assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { copySampleTree } from '../../client/src/sample';
import { runCli } from '../../server/src/cli/main';
import { REPO } from '../helpers/golden';

const tmp = mkdtempSync(join(tmpdir(), 'sysv-ha-sample-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

describe('the sample tree the walkthrough opens', () => {
  it('is a fresh copy of examples/ with init scripts 0755 and authkeys 0644, whatever the package kept', async () => {
    const from = join(tmp, 'unpacked');
    copySampleTree(join(REPO, 'examples'), from);
    // As a .vsix may unpack it: no execute bits, authkeys private.
    chmodSync(join(from, 'etc/rc.d/init.d/myscript'), 0o644);
    chmodSync(join(from, 'etc/ha.d/authkeys'), 0o600);
    const to = join(tmp, 'sample');
    copySampleTree(from, to);
    writeFileSync(join(to, 'stale'), 'left by a previous run');
    copySampleTree(from, to);
    assert.ok(!existsSync(join(to, 'stale')), 'fresh every time');
    assert.equal(statSync(join(to, 'etc/rc.d/init.d/myscript')).mode & 0o777, 0o755);
    assert.equal(statSync(join(to, 'etc/rc.d/init.d/httpd')).mode & 0o777, 0o755);
    assert.equal(statSync(join(to, 'etc/ha.d/authkeys')).mode & 0o777, 0o644);
    let out = '';
    const code = await runCli(['check', '--format', 'json', to], { stdout: (s) => (out += s), stderr: () => undefined, cwd: tmp, color: false });
    assert.equal(code, 1);
    const codes = new Set((JSON.parse(out) as { code: string }[]).map((d) => d.code));
    for (const c of ['inittab/unknown-action', 'hacf/deadtime-too-small', 'authkeys/bad-permissions']) assert.ok(codes.has(c), c);
    assert.ok(!codes.has('initscript/not-executable'));
  });
});
