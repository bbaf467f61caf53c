/** `sysv-ha links` on temporary image roots: planning, --apply, --del and the refusals. */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { REPO } from '../helpers/golden';

const CLI = join(REPO, 'dist', 'cli.js');
const tmp = mkdtempSync(join(tmpdir(), 'sysv-ha-links-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

function run(args: string[], cwd = tmp) {
  const r = spawnSync(process.execPath, [CLI, 'links', ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function rhRoot(): string {
  const root = mkdtempSync(join(tmp, 'rh-'));
  mkdirSync(join(root, 'etc/rc.d/init.d'), { recursive: true });
  writeFileSync(join(root, 'etc/rc.d/init.d/atd'), '#!/bin/sh\n# chkconfig: 345 95 5\n# description: at daemon\n', { mode: 0o755 });
  writeFileSync(join(root, 'etc/rc.d/init.d/broken'), '#!/bin/sh\n# description: no chkconfig line\n', { mode: 0o755 });
  return root;
}

describe('sysv-ha links', () => {
  it('prints the planned links, sorted, relative to the root; refused scripts on stderr', () => {
    const root = rhRoot();
    const r = run(['--root', root]);
    assert.equal(r.code, 0);
    assert.equal(r.stdout.split('\n')[0], 'etc/rc.d/rc0.d/K05atd -> ../init.d/atd');
    assert.ok(r.stdout.includes('etc/rc.d/rc3.d/S95atd -> ../init.d/atd\n'));
    assert.equal(r.stdout.trim().split('\n').length, 7);
    assert.match(r.stderr, /chkconfig: service broken does not support chkconfig/);
    assert.ok(!existsSync(join(root, 'etc/rc.d/rc3.d')), 'nothing written without --apply');
  });

  it('JSON output', () => {
    const r = run(['--root', rhRoot(), '--format', 'json', 'atd']);
    const links = JSON.parse(r.stdout);
    assert.deepEqual(links.find((l: { runlevel: number }) => l.runlevel === 3), { link: 'etc/rc.d/rc3.d/S95atd', target: '../init.d/atd', script: 'atd', runlevel: 3, kind: 'S', priority: 95 });
  });

  it('--apply creates exactly those links, is idempotent, replaces a stale link of the script', () => {
    const root = rhRoot();
    mkdirSync(join(root, 'etc/rc.d/rc3.d'), { recursive: true });
    symlinkSync('../init.d/atd', join(root, 'etc/rc.d/rc3.d/S20atd'));
    const r = run(['--root', root, '--apply', 'atd']);
    assert.equal(r.code, 0, r.stderr);
    // What was done, once, on stdout: not the plan and then the same list again on stderr.
    assert.equal(r.stderr, '');
    const lines = r.stdout.trim().split('\n');
    assert.equal(lines[0], 'removed etc/rc.d/rc3.d/S20atd');
    assert.equal(lines.filter((l) => l === 'created etc/rc.d/rc3.d/S95atd -> ../init.d/atd').length, 1);
    assert.equal(lines.length, 8, r.stdout);
    assert.ok(lines.slice(1).every((l) => l.startsWith('created ')), r.stdout);
    assert.equal(readlinkSync(join(root, 'etc/rc.d/rc3.d/S95atd')), '../init.d/atd');
    assert.equal(readlinkSync(join(root, 'etc/rc.d/rc6.d/K05atd')), '../init.d/atd');
    assert.ok(!existsSync(join(root, 'etc/rc.d/rc3.d/S20atd')));
    const again = run(['--root', root, '--apply', 'atd']);
    assert.equal(again.stdout, 'nothing to change: the links are already as planned\n');
    assert.equal(again.stderr, '');
  });

  it('--apply --format json: the changes made, as one array', () => {
    const root = rhRoot();
    const r = run(['--root', root, '--apply', '--format', 'json', 'atd']);
    assert.equal(r.code, 0, r.stderr);
    const done = JSON.parse(r.stdout) as { action: string; link: string; target?: string }[];
    assert.equal(done.length, 7);
    assert.deepEqual(done.find((d) => d.link === 'etc/rc.d/rc3.d/S95atd'), { action: 'created', link: 'etc/rc.d/rc3.d/S95atd', target: '../init.d/atd' });
    assert.deepEqual(JSON.parse(run(['--root', root, '--apply', '--format', 'json', 'atd']).stdout), []);
  });

  it('script names with control characters are shown escaped in every output; JSON keeps them exact', () => {
    const root = mkdtempSync(join(tmp, 'esc-'));
    mkdirSync(join(root, 'etc/rc.d/init.d'), { recursive: true });
    const nl = 'a\nb';
    const osc = 'x\x1b]0;pwned\x07';
    writeFileSync(join(root, 'etc/rc.d/init.d', nl), '#!/bin/sh\n# chkconfig: 345 50 50\n# description: x\n', { mode: 0o755 });
    writeFileSync(join(root, 'etc/rc.d/init.d', osc), '#!/bin/sh\n# chkconfig: 345 51 50\n# description: x\n', { mode: 0o755 });
    writeFileSync(join(root, 'etc/rc.d/init.d', 'r\x1b[31mred'), '#!/bin/sh\n# description: no chkconfig line\n', { mode: 0o755 });
    const noControls = (s: string) => assert.doesNotMatch(s, /[\x00-\x09\x0b-\x1f\x7f]/, JSON.stringify(s));
    const plan = run(['--root', root]);
    assert.equal(plan.code, 0, plan.stderr);
    noControls(plan.stdout);
    noControls(plan.stderr);
    // One line per link: a newline in a name cannot forge a line.
    assert.equal(plan.stdout.trim().split('\n').length, 14, plan.stdout);
    assert.ok(plan.stdout.includes('etc/rc.d/rc3.d/S50a\u240ab -> ../init.d/a\u240ab\n'), plan.stdout);
    assert.ok(plan.stdout.includes('etc/rc.d/rc3.d/S51x\u241b]0;pwned\u2407 -> ../init.d/x\u241b]0;pwned\u2407\n'), plan.stdout);
    assert.match(plan.stderr, /service r\u241b\[31mred does not support chkconfig/);
    const json = JSON.parse(run(['--root', root, '--format', 'json']).stdout) as { link: string }[];
    assert.ok(json.some((l) => l.link === `etc/rc.d/rc3.d/S50${nl}`));
    const applied = run(['--root', root, '--apply']);
    assert.equal(applied.code, 0, applied.stderr);
    noControls(applied.stdout);
    noControls(applied.stderr);
    assert.equal(applied.stdout.trim().split('\n').length, 14, applied.stdout);
    assert.equal(readlinkSync(join(root, 'etc/rc.d/rc3.d', `S50${nl}`)), `../init.d/${nl}`);
    const del = run(['--root', root, '--del', 'nosuch', '--apply']);
    noControls(del.stdout + del.stderr);
  });

  it('--del removes a script\'s links (only with --apply)', () => {
    const root = rhRoot();
    run(['--root', root, '--apply', 'atd']);
    const dry = run(['--root', root, '--del', 'atd']);
    assert.match(dry.stdout, /would remove etc\/rc\.d\/rc3\.d\/S95atd/);
    assert.ok(lstatSync(join(root, 'etc/rc.d/rc3.d/S95atd')).isSymbolicLink());
    const r = run(['--root', root, '--del', 'atd', '--apply']);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(!existsSync(join(root, 'etc/rc.d/rc3.d/S95atd')));
  });

  it('never replaces a file that is not a symlink: conflict, exit 1, nothing written', () => {
    const root = rhRoot();
    mkdirSync(join(root, 'etc/rc.d/rc3.d'), { recursive: true });
    writeFileSync(join(root, 'etc/rc.d/rc3.d/S95atd'), 'a regular file\n');
    const r = run(['--root', root, '--apply', 'atd']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /conflict: etc\/rc\.d\/rc3\.d\/S95atd: exists and is not a symbolic link/);
    assert.match(r.stderr, /nothing written/);
    assert.ok(!existsSync(join(root, 'etc/rc.d/rc0.d')), 'no other link was created');
  });

  it('never writes outside the root, even through a symlinked rcN.d', () => {
    const root = rhRoot();
    const outside = mkdtempSync(join(tmp, 'outside-'));
    symlinkSync(outside, join(root, 'etc/rc.d/rc3.d'));
    const r = run(['--root', root, '--apply', 'atd']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /resolves outside/);
    assert.ok(!existsSync(join(outside, 'S95atd')));
    assert.ok(!existsSync(join(root, 'etc/rc.d/rc0.d')));
  });

  it('insserv trees: dependency order; loops stop everything', () => {
    const root = mkdtempSync(join(tmp, 'deb-'));
    mkdirSync(join(root, 'etc/init.d'), { recursive: true });
    writeFileSync(join(root, 'etc/insserv.conf'), '$remote_fs +mountall\n');
    const hdr = (p: string, rs: string) => `#!/bin/sh\n### BEGIN INIT INFO\n# Provides: ${p}\n# Required-Start: ${rs}\n# Required-Stop:\n# Default-Start: 2 3 4 5\n# Default-Stop: 0 1 6\n### END INIT INFO\n`;
    writeFileSync(join(root, 'etc/init.d/a'), hdr('a', '$remote_fs'));
    writeFileSync(join(root, 'etc/init.d/b'), hdr('b', 'a'));
    const r = run(['--root', root]);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(r.stdout.includes('etc/rc2.d/S02b -> ../init.d/b\n'));
    writeFileSync(join(root, 'etc/init.d/a'), hdr('a', 'b'));
    const loop = run(['--root', root, '--apply']);
    assert.equal(loop.code, 1);
    assert.match(loop.stderr, /There is a loop between service/);
    assert.ok(!existsSync(join(root, 'etc/rc2.d')));
  });

  it('usage errors', () => {
    for (const [args, re] of [[[], /needs --root/], [['--root', '/nonexistent'], /no such file/], [['--root', tmp, '--tool', 'systemctl'], /--tool must be/], [['--root', rhRoot(), 'a;touch x'], /not a script name/]] as [string[], RegExp][]) {
      const r = run(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, re);
    }
  });
});
