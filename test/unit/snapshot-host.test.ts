/**
 * The CLI's host (SnapshotFsHost): its answers change only at `invalidate`, which it counts, so
 * a value kept with its reads is reused without asking every read again, and made again after
 * an `invalidate` when the files changed.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { SnapshotFsHost } from '../../server/src/host/fsHost';
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
});
