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
    // --locks: what runs is the tree's var/lock/subsys (a live system).
    const r = run(['--root', root, '--from', '3', '--to', '5', '--locks', '--format', 'json']);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(out.links, ['etc/rc.d/rc5.d']);
    assert.deepEqual(out.running, ['atd']);
    assert.equal(out.runningSource, 'locks');
    assert.deepEqual(out.steps.map((s: { action: string; link: string }) => `${s.action} ${s.link}`), ['stop K05atd', 'start S25cups']);
    const text = run(['--root', root, '--from', '3', '--to', '5', '--locks']);
    assert.match(text.stdout, /Runlevel 3 → 5 \(Red Hat \/etc\/rc\.d\/rc; links from etc\/rc\.d\/rc5\.d\)/);
    assert.match(text.stdout, /^Running \(the subsys locks in var\/lock\/subsys\): atd$/m);
    assert.match(text.stdout, /interactive mode/);
    // By default: a clean entry into 3 (planned rc3.d: S25cups, S95atd) left both running.
    const clean = JSON.parse(run(['--root', root, '--from', '3', '--to', '5', '--format', 'json']).stdout);
    assert.equal(clean.runningSource, 'clean-entry');
    assert.deepEqual(clean.running, ['atd', 'cups']);
    assert.deepEqual(clean.steps.map((s: { action: string; link: string }) => `${s.action} ${s.link}`), ['stop K05atd', 'skip S25cups']);
    assert.equal(run(['--root', root, '--from', '3', '--to', '5', '--locks', '--running', 'atd']).status, 2);
  });

  it('by default the --from level was entered cleanly (its S scripts run), and says so; --running overrides', () => {
    const ex = (args: string[]) => spawnSync(process.execPath, [join(REPO, 'dist', 'cli.js'), 'simulate', '--root', 'examples', ...args], { cwd: REPO, encoding: 'utf8' });
    const r = ex(['--from', '3', '--to', '5']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^Running \(assumed: a clean entry into runlevel 3, whose S scripts started and took their subsys locks\): myscript$/m);
    assert.match(r.stdout, /^ +\d+\. stop +K90myscript +K90myscript stop$/m);
    const given = ex(['--from', '3', '--to', '5', '--running', 'httpd']);
    assert.match(given.stdout, /^Running \(given\): httpd$/m);
    assert.match(given.stdout, /^ +\d+\. stop +K15httpd /m);
    assert.match(given.stdout, /^ +\d+\. skip +K90myscript +no \/var\/lock\/subsys\/myscript: not running$/m);
    assert.match(ex(['--from', 'N', '--to', '3']).stdout, /^Running \(boot: nothing runs yet\): none$/m);
  });

  it('Debian: --running does not change what rc does, and the output says so', () => {
    const root = mkdtempSync(join(tmp, 'deb-'));
    mkdirSync(join(root, 'etc/init.d'), { recursive: true });
    writeFileSync(join(root, 'etc/init.d/foo'), '#!/bin/sh\n### BEGIN INIT INFO\n# Provides: foo\n# Required-Start:\n# Required-Stop:\n# Default-Start: 2 3 4 5\n# Default-Stop: 0 1 6\n### END INIT INFO\n', { mode: 0o755 });
    const a = run(['--root', root, '--from', '2', '--to', '1']);
    const b = run(['--root', root, '--from', '2', '--to', '1', '--running', 'bar']);
    assert.equal(a.status, 0, a.stderr);
    assert.match(b.stdout, /^Running services not used: Debian's rc decides from the links of runlevel 2, not from what runs\.$/m);
    const steps = (s: string) => s.split('\n').filter((l) => /^ +\d+\./.test(l)).join('\n');
    assert.equal(steps(a.stdout), steps(b.stdout));
    assert.match(steps(a.stdout), /stop +K\d\dfoo/);
  });

  it('script names with a newline or escape sequences: no crash, shown escaped', () => {
    const root = mkdtempSync(join(tmp, 'esc-'));
    mkdirSync(join(root, 'etc/rc.d/init.d'), { recursive: true });
    writeFileSync(join(root, 'etc/rc.d/init.d/a\nb'), '#!/bin/sh\n# chkconfig: 345 50 50\n', { mode: 0o755 });
    writeFileSync(join(root, 'etc/rc.d/init.d/x\x1b]0;pwned\x07'), '#!/bin/sh\n# chkconfig: 345 51 50\n', { mode: 0o755 });
    for (const [from, to] of [['N', '3'], ['3', '5'], ['3', '0']]) {
      const r = run(['--root', root, '--from', from!, '--to', to!]);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stderr, '');
      assert.doesNotMatch(r.stdout, /[\x00-\x09\x0b-\x1f\x7f]/, JSON.stringify(r.stdout));
      assert.ok(r.stdout.includes('a\u240ab'), r.stdout);
      const json = JSON.parse(run(['--root', root, '--from', from!, '--to', to!, '--format', 'json']).stdout);
      assert.ok(json.steps.some((s: { script: string }) => s.script === 'a\nb'), JSON.stringify(json.steps));
    }
    // Existing links in rc0.d with those names too.
    spawnSync(process.execPath, [join(REPO, 'dist', 'cli.js'), 'links', '--root', root, '--apply'], { encoding: 'utf8' });
    const r = run(['--root', root, '--from', '3', '--to', '0']);
    assert.match(r.stdout, /^ +1\. stop +K50a\u240ab +K50a\u240ab stop$/m);
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
