/**
 * The CLI's host (SnapshotFsHost): its answers change only at `invalidate`, which it counts, so
 * a value kept with its reads is reused without asking every read again, and made again after
 * an `invalidate` when the files changed.
 */
import * as assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, readlinkSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { FsHost, SnapshotFsHost } from '../../server/src/host/fsHost';
import { readForCheck } from '../../server/src/cli/files';
import { keptWhileReadsAgree } from '../../server/src/service/systemd/reads';

const tmp = mkdtempSync(join(tmpdir(), 'sysv-ha-snapshot-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

describe('SnapshotFsHost', () => {
  it('says nothing changed until an invalidate, then that anything may have', () => {
    const h = new SnapshotFsHost();
    const s0 = h.changes().seq;
    assert.deepEqual(h.since(s0), []);
    h.invalidate('/x/y');
    assert.equal(h.since(s0), undefined);
    assert.deepEqual(h.since(h.seq), []);
  });

  it('a kept value is reused while nothing was invalidated, and made again from the changed files after', () => {
    const dir = join(tmp, 'etc', 'init.d');
    mkdirSync(dir, { recursive: true });
    for (let i = 0; i < 50; i++) writeFileSync(join(dir, `s${i}`), `#!/bin/sh\n# ${i}\n`);
    const h = new SnapshotFsHost({ roots: () => [tmp], strict: true });
    let computed = 0;
    const value = () => keptWhileReadsAgree(h, 'test:snapshot', (r) => {
      computed++;
      return (r.listDir(dir) ?? []).map((n) => r.readFile(join(dir, n))!.length).reduce((a, b) => a + b, 0);
    });
    const first = value();
    // Reused without asking the host again (a plain FsHost would be asked each of the 51 reads each time).
    const readFile = h.readFile.bind(h);
    let asked = 0;
    h.readFile = (p) => (asked++, readFile(p));
    for (let i = 0; i < 10; i++) assert.equal(value(), first);
    assert.equal(computed, 1);
    assert.equal(asked, 0);
    writeFileSync(join(dir, 's7'), '#!/bin/sh\n# seven, longer\n');
    // Cached until invalidated: the host answers what it read (one snapshot of the tree).
    assert.equal(value(), first);
    assert.equal(computed, 1);
    h.invalidate(join(dir, 's7'));
    assert.equal(value(), first + '# seven, longer'.length - '# 7'.length);
    assert.equal(computed, 2);
    // The fence holds: a path outside the roots is not read.
    assert.equal(h.readFile('/etc/passwd'), undefined);
  });

  it('real paths, status and link targets from one lstat per path answer as realpath(3), stat(2) and readlink(2) do', { skip: process.platform === 'win32' }, () => {
    const base = join(tmp, 'links');
    mkdirSync(join(base, 'real', 'etc', 'init.d'), { recursive: true });
    writeFileSync(join(base, 'real', 'etc', 'init.d', 'a'), '#!/bin/sh\n');
    chmodSync(join(base, 'real', 'etc', 'init.d', 'a'), 0o750);
    symlinkSync('a', join(base, 'real', 'etc', 'init.d', 'b'));
    symlinkSync('../../outside', join(base, 'real', 'etc', 'init.d', 'c'));
    writeFileSync(join(base, 'outside'), 'x');
    symlinkSync('real', join(base, 'root')); // a link among the folders above the files
    symlinkSync('nowhere', join(base, 'real', 'etc', 'init.d', 'dangling'));
    const paths = ['a', 'b', 'c', 'dangling', 'missing'].map((n) => join(base, 'root', 'etc', 'init.d', n))
      .concat([join(base, 'root'), join(base, 'root', 'etc'), join(base, 'root', 'etc', 'init.d', 'a', 'x'), `${join(base, 'root', 'etc')}/./init.d/a`, `${join(base, 'root', 'etc', 'init.d')}//a`]);
    const tryOr = <T>(f: () => T) => { try { return f(); } catch { return undefined; } };
    const plain = new FsHost(undefined, undefined, { roots: () => [join(base, 'root')], strict: true });
    for (const fenced of [true, false]) {
      const h = new SnapshotFsHost(fenced ? { roots: () => [join(base, 'root')], strict: true } : {});
      for (const p of paths) {
        // Asked in both orders: the real path first (the fence), or the status and link first.
        for (const order of [0, 1]) {
          const host = order === 0 ? h : new SnapshotFsHost(fenced ? { roots: () => [join(base, 'root')], strict: true } : {});
          if (order === 1) { host.readLink(p); host.stat(p); }
          assert.equal(host.resolved(p), tryOr(() => realpathSync.native(p)), p);
          const st = tryOr(() => statSync(p));
          const inside = !fenced || plain.stat(p) !== undefined || st === undefined;
          assert.deepEqual(host.stat(p), inside && st ? { isFile: st.isFile(), isDirectory: st.isDirectory(), mode: st.mode & 0o7777, size: st.size } : undefined, p);
          assert.equal(host.readLink(p), tryOr(() => readlinkSync(p)), p);
        }
      }
    }
    // The CLI's read of a file to check takes the host's real path: the same fence, the same message.
    const h = new SnapshotFsHost({ roots: () => [join(base, 'root')], strict: true });
    const fence = realpathSync.native(join(base, 'root'));
    for (const n of ['a', 'b', 'c', 'dangling', 'missing']) {
      const p = join(base, 'root', 'etc', 'init.d', n);
      assert.deepEqual(readForCheck(p, { maxBytes: 1000, fence, realOf: (x) => h.resolved(x) }), readForCheck(p, { maxBytes: 1000, fence }), n);
    }
  });
});
