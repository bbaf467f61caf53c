/** `sysv-ha migrate` on temporary roots, as a user runs it (the built dist/cli.js). */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { REPO } from '../helpers/golden';

const tmp = mkdtempSync(join(tmpdir(), 'sysv-ha-migrate-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
const run = (args: string[], cwd = tmp) => spawnSync(process.execPath, [join(REPO, 'dist', 'cli.js'), 'migrate', ...args], { cwd, encoding: 'utf8' });

function root(files: Record<string, string>): string {
  const r = mkdtempSync(join(tmp, 'root-'));
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(join(r, p, '..'), { recursive: true });
    writeFileSync(join(r, p), text);
  }
  return r;
}

const TWO_NODE = {
  'etc/ha.d/ha.cf': 'keepalive 1\ndeadtime 10\nucast eth1 10.0.0.1\nucast eth1 10.0.0.2\nnode alpha beta\nauto_failback off\nlogfacility local0\n',
  'etc/ha.d/haresources': 'alpha IPaddr2::10.0.0.100/24/eth1 Filesystem::/dev/sdb1::/srv::ext4 httpd\n',
  'etc/ha.d/authkeys': 'auth 1\n1 sha1 do-not-leak-this\n',
};

describe('sysv-ha migrate', () => {
  it('prints the plan; exit 1 while addresses are placeholders, 0 once they are given', () => {
    const r = root(TWO_NODE);
    const a = run(['--root', r, '--to', 'pacemaker']);
    assert.equal(a.status, 1, a.stderr);
    assert.match(a.stdout, /group grp_ip_10\.0\.0\.100 on alpha/);
    assert.match(a.stdout, /IPaddr2::10\.0\.0\.100\/24\/eth1 → ip_10\.0\.0\.100 ocf:heartbeat:IPaddr2 ip=10\.0\.0\.100 cidr_netmask=24 nic=eth1/);
    assert.match(a.stdout, /give --node-addr/);
    const b = run(['--root', r, '--to', 'pacemaker', '--node-addr', 'alpha=10.0.0.1']);
    assert.equal(b.status, 0, b.stdout);
    assert.match(b.stdout, /alpha 10\.0\.0\.1, beta 10\.0\.0\.2/);
    assert.doesNotMatch(a.stdout + b.stdout, /do-not-leak-this/);
  });

  it('--out writes the five files into a new folder, never over an existing one', () => {
    const r = root(TWO_NODE);
    const out = join(tmp, 'out-1');
    const a = run(['--root', r, '--to', 'pacemaker', '--out', out, '--node-addr', 'alpha=10.0.0.1', '--format', 'json']);
    assert.equal(a.status, 0, a.stderr);
    assert.deepEqual(readdirSync(out).sort(), ['README.md', 'cib.xml', 'corosync.conf', 'crm.txt', 'pcs.sh']);
    assert.equal(statSync(join(out, 'pcs.sh')).mode & 0o777, 0o700);
    for (const f of readdirSync(out)) assert.doesNotMatch(readFileSync(join(out, f), 'utf8'), /do-not-leak-this/, f);
    const plan = JSON.parse(a.stdout);
    assert.equal(plan.out, out);
    assert.equal(plan.resources.length, 3);
    assert.deepEqual(plan.heartbeatErrors, []);
    // Again: refused, and what is there is left alone.
    writeFileSync(join(out, 'cib.xml'), 'mine');
    const b = run(['--root', r, '--to', 'pacemaker', '--out', out]);
    assert.equal(b.status, 2);
    assert.match(b.stderr, /exists: --out must name a new folder/);
    assert.equal(readFileSync(join(out, 'cib.xml'), 'utf8'), 'mine');
    // An empty folder, a file, a dangling symbolic link: each exists, nothing is written there.
    const empty = join(tmp, 'out-empty');
    mkdirSync(empty);
    const file = join(tmp, 'out-file');
    writeFileSync(file, 'mine');
    const dangling = join(tmp, 'out-dangling');
    symlinkSync(join(tmp, 'nowhere'), dangling);
    for (const o of [empty, file, dangling]) {
      const c = run(['--root', r, '--to', 'pacemaker', '--out', o]);
      assert.equal(c.status, 2, o);
      assert.match(c.stderr, /exists: --out must name a new folder/, o);
      assert.equal(c.stderr.trim().split('\n').length, 1, c.stderr);
    }
    assert.deepEqual(readdirSync(empty), []);
    assert.equal(readFileSync(file, 'utf8'), 'mine');
    assert.equal(existsSync(join(tmp, 'nowhere')), false);
    // No temporary folder is left behind.
    assert.deepEqual(readdirSync(tmp).filter((n) => n.includes('.tmp-')), []);
  });

  it('usage errors: a clear line and exit 2', () => {
    const r = root(TWO_NODE);
    for (const [args, re] of [
      [['--root', r], /--to pacemaker/],
      [['--root', r, '--to', 'openais'], /--to must be pacemaker/],
      [['--to', 'pacemaker'], /needs --root/],
      [['--root', r, '--to', 'pacemaker', '--node-addr', 'alpha'], /NAME=ADDR/],
      [['--root', r, '--to', 'pacemaker', '--node-addr', 'alpha=10.0.0.1;reboot'], /NAME=ADDR/],
      [['--root', join(tmp, 'nowhere'), '--to', 'pacemaker'], /not a directory/],
      [['--root', tmp, '--to', 'pacemaker'], /no etc\/ha\.d\/ha\.cf/],
      [['--root', r, '--to', 'pacemaker', '--out', join(tmp, 'no', 'such', 'parent')], /no such folder/],
    ] as [string[], RegExp][]) {
      const x = run(args);
      assert.equal(x.status, 2, `${args.join(' ')}: ${x.stdout}`);
      assert.match(x.stderr, re);
      assert.doesNotMatch(x.stderr, /\n\s+at /, 'no stack trace');
    }
    assert.equal(existsSync(join(tmp, 'no')), false);
  });

  it('--help on stdout, exit 0', () => {
    const h = run(['--help']);
    assert.equal(h.status, 0);
    assert.match(h.stdout, /^Usage: sysv-ha migrate --root DIR --to pacemaker/);
  });

  it('the sample tree: a plan, and a note that heartbeat would refuse its deliberate mistake', () => {
    const r = run(['--root', 'examples', '--to', 'pacemaker'], REPO);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /heartbeat would refuse these files \(errors: ha\.cf 1/);
    assert.match(r.stdout, /httpd → httpd lsb:httpd/);
  });
});
