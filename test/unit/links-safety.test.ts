/**
 * Writing rcN.d links into a root other users can write to (issue 14.3): every folder is
 * checked before the first write (nothing written when one is a dangling link, a loop or a
 * file); a folder swapped for a link during the run is detected after the write, the write
 * undone, and the run stopped; the chmod quick fix acts only inside the workspace.
 */
import * as assert from 'node:assert/strict';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { applyLinkChanges, FolderChangedError, planLinkChanges, type LinkOp } from '../../server/src/host/linkWriter';
import { chmodTarget } from '../../client/src/commands';

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
