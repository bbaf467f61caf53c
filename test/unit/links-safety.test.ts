/**
 * Writing rcN.d links into a root other users can write to (issue 14.3): every folder is
 * checked before the first write (nothing written when one is a dangling link, a loop or a
 * file); a folder swapped for a link during the run is detected after the write, the write
 * undone, and the run stopped; the chmod quick fix acts only inside the workspace; the Services
 * view works through a workspace path that goes through a symlink (issue 14.5).
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { applyLinkChanges, FolderChangedError, planLinkChanges, type LinkOp } from '../../server/src/host/linkWriter';
import { chmodTarget } from '../../client/src/commands';
import { REPO } from '../helpers/golden';
import { TestClient } from '../helpers/lspClient';

const LEVELS = ['0', '1', '2', '3', '4', '5', '6'].map((l) => `etc/rc${l}.d`);
const links = LEVELS.map((d, i) => ({ script: 'svc', link: `${d}/${i === 0 || i === 1 || i === 6 ? 'K01' : 'S20'}svc`, target: '../init.d/svc', level: String(i), kind: 'S' as const, priority: 20 }));

describe('links --apply: folders checked before the first write', () => {
  let dir: string;
  before(() => {
    dir = realpathSync(mkdtempSync(join(tmpdir(), 'sysv-ha-links-')));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const tree = (name: string, rc3: 'dangling' | 'loop' | 'file') => {
    const root = join(dir, name);
    for (const d of LEVELS) if (d !== 'etc/rc3.d') mkdirSync(join(root, d), { recursive: true });
    mkdirSync(join(root, 'etc/init.d'), { recursive: true });
    writeFileSync(join(root, 'etc/init.d/svc'), '#!/bin/sh\n');
    if (rc3 === 'dangling') symlinkSync(join(root, 'nowhere'), join(root, 'etc/rc3.d'));
    if (rc3 === 'loop') symlinkSync('rc3.d', join(root, 'etc/rc3.d'));
    if (rc3 === 'file') writeFileSync(join(root, 'etc/rc3.d'), 'in the way\n');
    return root;
  };

  for (const kind of ['dangling', 'loop', 'file'] as const) {
    it(`rc3.d is a ${kind === 'loop' ? 'self-loop' : kind === 'file' ? 'file' : 'dangling link'}: one conflict, nothing written`, () => {
      const root = tree(kind, kind);
      const { ops, conflicts } = planLinkChanges(root, ['svc'], links as never, LEVELS);
      assert.equal(conflicts.filter((c) => c.startsWith('etc/rc3.d:')).length, 1, conflicts.join('\n'));
      assert.ok(ops.length === 7);
      for (const d of LEVELS) if (d !== 'etc/rc3.d') assert.deepEqual(readdirSync(join(root, d)), [], `${d} untouched`);
    });
  }
});

describe('links --apply (the CLI): a bad rcN.d is one conflict and nothing is written', () => {
  let dir: string;
  before(() => {
    dir = realpathSync(mkdtempSync(join(tmpdir(), 'sysv-ha-links-cli-')));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const kind of ['dangling', 'loop', 'file'] as const) {
    it(`rc3.d is a ${kind === 'loop' ? 'self-loop' : kind === 'file' ? 'file' : 'dangling link'}`, () => {
      const root = join(dir, kind);
      mkdirSync(join(root, 'etc/rc.d/init.d'), { recursive: true });
      writeFileSync(join(root, 'etc/rc.d/init.d/svc'), '#!/bin/sh\n# chkconfig: 2345 20 80\n# description: a service\n', { mode: 0o755 });
      for (let l = 0; l <= 6; l++) if (l !== 3) mkdirSync(join(root, `etc/rc.d/rc${l}.d`));
      const rc3 = join(root, 'etc/rc.d/rc3.d');
      if (kind === 'dangling') symlinkSync(join(root, 'nowhere'), rc3);
      if (kind === 'loop') symlinkSync('rc3.d', rc3);
      if (kind === 'file') writeFileSync(rc3, 'in the way\n');
      const r = spawnSync(process.execPath, [join(REPO, 'dist', 'cli.js'), 'links', '--root', root, '--apply', 'svc'], { encoding: 'utf8' });
      assert.equal(r.status, 1, r.stdout + r.stderr);
      assert.equal(r.stderr.split('\n').filter((l) => l.includes('etc/rc.d/rc3.d')).length, 1, r.stderr);
      assert.doesNotMatch(r.stderr, /internal error/);
      for (let l = 0; l <= 6; l++) if (l !== 3) assert.deepEqual(readdirSync(join(root, `etc/rc.d/rc${l}.d`)), [], `rc${l}.d untouched`);
    });
  }
});

describe('links --apply: a folder swapped for a link while writing', () => {
  let dir: string;
  before(() => {
    dir = realpathSync(mkdtempSync(join(tmpdir(), 'sysv-ha-swap-')));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('is detected after the write, the write undone, the run stopped', () => {
    const root = join(dir, 'root');
    const outside = join(dir, 'outside');
    mkdirSync(outside);
    for (const d of LEVELS) mkdirSync(join(root, d), { recursive: true });
    const ops: LinkOp[] = LEVELS.map((d) => ({ kind: 'create', rel: `${d}/S20svc`, target: '../init.d/svc' }));
    let writes = 0;
    assert.throws(() => applyLinkChanges(root, ops, () => {
      // After the first link: swap rc3.d (not yet written) with a link to a folder outside.
      if (++writes === 1) {
        renameSync(join(root, 'etc/rc3.d'), join(dir, 'rc3.d.moved'));
        symlinkSync(outside, join(root, 'etc/rc3.d'));
      }
    }), FolderChangedError);
    assert.deepEqual(readdirSync(outside), [], 'nothing left outside the root');
    assert.ok(lstatSync(join(root, 'etc/rc0.d/S20svc')).isSymbolicLink());
    assert.ok(!existsSync(join(root, 'etc/rc4.d/S20svc')), 'nothing written after the swap');
  });
});

describe('the chmod quick fix acts only inside the workspace', () => {
  let dir: string;
  before(() => {
    dir = realpathSync(mkdtempSync(join(tmpdir(), 'sysv-ha-chmod-')));
    mkdirSync(join(dir, 'ws/etc/ha.d'), { recursive: true });
    mkdirSync(join(dir, 'ws2/etc/ha.d'), { recursive: true });
    writeFileSync(join(dir, 'secret'), 'x\n');
    symlinkSync(join(dir, 'secret'), join(dir, 'ws/etc/ha.d/authkeys'));
    writeFileSync(join(dir, 'ws2/etc/ha.d/authkeys.real'), 'auth 1\n');
    symlinkSync('authkeys.real', join(dir, 'ws2/etc/ha.d/authkeys'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a symlinked authkeys that points outside the workspace', () => {
    const r = chmodTarget(join(dir, 'ws/etc/ha.d/authkeys'), [join(dir, 'ws')], realpathSync);
    assert.ok('refused' in r && /outside the workspace/.test(r.refused));
  });
  it('changes a link target inside the workspace, and refuses a file outside every folder', () => {
    assert.deepEqual(chmodTarget(join(dir, 'ws2/etc/ha.d/authkeys'), [join(dir, 'ws2')], realpathSync), { path: join(dir, 'ws2/etc/ha.d/authkeys.real') });
    assert.ok('refused' in chmodTarget(join(dir, 'ws2/etc/ha.d/authkeys'), [join(dir, 'ws')], realpathSync));
  });
});

describe('the Services view through a symlinked workspace path (/home -> /var/home)', () => {
  // The server resolves the root's real path before planning (as the CLI does): without it,
  // every rcN.d of /home/u/ws resolved to /var/home/u/ws/... "outside the root" and nothing
  // could be added, removed or toggled. Driven as the view drives it, over stdio.
  let dir: string;
  let root: string;
  const client = new TestClient();
  before(async () => {
    dir = realpathSync(mkdtempSync(join(tmpdir(), 'sysv-ha-symroot-')));
    const real = join(dir, 'var/home/u/ws');
    mkdirSync(join(real, 'etc/rc.d/init.d'), { recursive: true });
    for (let l = 0; l <= 6; l++) mkdirSync(join(real, `etc/rc.d/rc${l}.d`));
    writeFileSync(join(real, 'etc/rc.d/init.d/atd'), '#!/bin/sh\n# chkconfig: 345 95 5\n# description: at daemon\n', { mode: 0o755 });
    symlinkSync(join(dir, 'var/home'), join(dir, 'home'));
    root = join(dir, 'home/u/ws');
    await client.initialize({});
  });
  after(async () => {
    assert.equal(await client.shutdown(), 0);
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists, adds and toggles a service, writing into the real folders', async () => {
    type Result = { ops: { kind: string; rel: string; target?: string }[]; conflicts: string[]; applied: string[] };
    const trees = await client.request<{ root: string; services: { name: string; registered: boolean }[] }[]>('sysvHa/services', { folders: [root] });
    assert.deepEqual(trees[0]!.services.map((s) => [s.name, s.registered]), [['atd', false]]);
    const dry = await client.request<Result>('sysvHa/setService', { root: trees[0]!.root, script: 'atd', op: 'add', apply: false });
    assert.deepEqual(dry.conflicts, []);
    assert.equal(dry.ops.length, 7);
    const done = await client.request<Result>('sysvHa/setService', { root: trees[0]!.root, script: 'atd', op: 'add', apply: true, confirmed: dry.ops });
    assert.deepEqual(done.conflicts, []);
    assert.equal(done.applied.length, 7);
    assert.ok(lstatSync(join(dir, 'var/home/u/ws/etc/rc.d/rc3.d/S95atd')).isSymbolicLink());
    const again = await client.request<{ services: { registered: boolean }[] }[]>('sysvHa/services', { folders: [root] });
    assert.equal(again[0]!.services[0]!.registered, true);
    const offDry = await client.request<Result>('sysvHa/setLevel', { root, script: 'atd', level: '3', on: false, apply: false });
    assert.deepEqual(offDry.conflicts, []);
    const off = await client.request<Result>('sysvHa/setLevel', { root, script: 'atd', level: '3', on: false, apply: true, confirmed: offDry.ops });
    assert.deepEqual(off.applied.length, 2);
    assert.ok(existsSync(join(dir, 'var/home/u/ws/etc/rc.d/rc3.d/K05atd')) && !existsSync(join(dir, 'var/home/u/ws/etc/rc.d/rc3.d/S95atd')));
  });
});
