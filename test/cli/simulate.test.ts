/** `sysv-ha simulate` on temporary roots: existing links and subsys locks are read from the tree. */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { REPO } from '../helpers/golden';

const tmp = mkdtempSync(join(tmpdir(), 'sysv-ha-sim-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
const run = (args: string[]) => spawnSync(process.execPath, [join(REPO, 'dist', 'cli.js'), 'simulate', ...args], { cwd: tmp, encoding: 'utf8' });

describe('sysv-ha simulate', () => {
  it('Red Hat: existing rc5.d links and the subsys locks of the tree', () => {
    const root = mkdtempSync(join(tmp, 'rh-'));
    mkdirSync(join(root, 'etc/rc.d/init.d'), { recursive: true });
    mkdirSync(join(root, 'etc/rc.d/rc5.d'), { recursive: true });
    mkdirSync(join(root, 'var/lock/subsys'), { recursive: true });
    writeFileSync(join(root, 'etc/rc.d/init.d/atd'), '#!/bin/sh\n# chkconfig: 345 95 5\n');
    writeFileSync(join(root, 'etc/rc.d/init.d/cups'), '#!/bin/sh\n# chkconfig: 2345 25 10\n');
    symlinkSync('../init.d/atd', join(root, 'etc/rc.d/rc5.d/K05atd'));
    symlinkSync('../init.d/cups', join(root, 'etc/rc.d/rc5.d/S25cups'));
    writeFileSync(join(root, 'var/lock/subsys/atd'), '');
    const r = run(['--root', root, '--from', '3', '--to', '5', '--format', 'json']);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(out.links, ['etc/rc.d/rc5.d']);
    assert.deepEqual(out.running, ['atd']);
    assert.deepEqual(out.steps.map((s: { action: string; link: string }) => `${s.action} ${s.link}`), ['stop K05atd', 'start S25cups']);
    const text = run(['--root', root, '--from', '3', '--to', '5']);
    assert.match(text.stdout, /Runlevel 3 → 5 \(Red Hat \/etc\/rc\.d\/rc; links from etc\/rc\.d\/rc5\.d\)/);
    assert.match(text.stdout, /interactive mode/);
  });

  it('the bundled sample tree boots into 3', () => {
    const r = spawnSync(process.execPath, [join(REPO, 'dist', 'cli.js'), 'simulate', '--root', 'examples', '--from', 'N', '--to', '3'], { cwd: REPO, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /start S99myscript/);
  });

  it('usage errors', () => {
    assert.equal(run(['--root', tmp, '--from', '9', '--to', '3']).status, 2);
    assert.match(run(['--root', tmp, '--from', '3']).stderr, /--to must be/);
    assert.match(run(['--from', '3', '--to', '5']).stderr, /needs --root/);
  });
});
