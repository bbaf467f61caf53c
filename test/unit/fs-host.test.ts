/**
 * The file-system host: a path that is not there is answered without an error made and thrown
 * inside node (most paths the checks ask about do not exist: /etc/default/NAME, insserv.conf.d,
 * rcS.d, …), and `node:child_process` is loaded only when a shell is first run.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the module's own object (an import's namespace has getters only): the test wraps its functions
import fs = require('node:fs');
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { FsHost, SnapshotFsHost } from '../../server/src/host/fsHost';

const tmp = fs.mkdtempSync(join(tmpdir(), 'sysv-ha-fshost-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Counts the errors node's fs functions throw while `run` runs. */
function thrownDuring(run: () => void): string[] {
  const thrown: string[] = [];
  const mod = fs as unknown as Record<string, (...a: unknown[]) => unknown>; // the module's own object: its functions are looked up at each call
  const names = ['statSync', 'lstatSync', 'readdirSync', 'opendirSync', 'openSync', 'readlinkSync'];
  const saved = names.map((n) => mod[n]!);
  names.forEach((n, i) => {
    mod[n] = function (this: unknown, ...a: unknown[]) {
      try {
        return saved[i]!.apply(this, a);
      } catch (err) {
        thrown.push(`${n} ${String(a[0])}: ${(err as NodeJS.ErrnoException).code}`);
        throw err;
      }
    };
  });
  try {
    run();
  } finally {
    names.forEach((n, i) => (mod[n] = saved[i]!));
  }
  return thrown;
}

describe('FsHost', () => {
  it('answers a missing file or folder, and a file listed as a folder, without an error thrown in node', () => {
    fs.mkdirSync(join(tmp, 'etc', 'init.d'), { recursive: true });
    fs.writeFileSync(join(tmp, 'etc', 'init.d', 'b'), '#!/bin/sh\n');
    fs.writeFileSync(join(tmp, 'etc', 'init.d', 'a'), '#!/bin/sh\n');
    for (const host of [new FsHost(), new SnapshotFsHost(), new SnapshotFsHost({ roots: () => [tmp], strict: true })]) {
      const missing = join(tmp, 'etc', 'default', 'nothing');
      const thrown = thrownDuring(() => {
        assert.equal(host.stat(missing), undefined);
        assert.equal(host.stat(join(tmp, 'etc', 'rcS.d')), undefined);
        assert.equal(host.listDir(join(tmp, 'etc', 'rcS.d')), undefined);
        assert.equal(host.readDirOrder(join(tmp, 'etc', 'insserv.conf.d')), undefined);
        assert.equal(host.listDir(join(tmp, 'etc', 'init.d', 'a')), undefined);
        assert.equal(host.readDirOrder(join(tmp, 'etc', 'init.d', 'a')), undefined);
        assert.equal(host.readLink(missing), undefined);
      });
      assert.deepEqual(thrown, []);
      // What is there is answered as before.
      assert.deepEqual(host.listDir(join(tmp, 'etc', 'init.d')), ['a', 'b']);
      assert.deepEqual([...host.readDirOrder(join(tmp, 'etc', 'init.d'))!].sort(), ['a', 'b']);
      assert.deepEqual(host.stat(join(tmp, 'etc', 'init.d', 'a')), { isFile: true, isDirectory: false, mode: fs.statSync(join(tmp, 'etc', 'init.d', 'a')).mode & 0o7777, size: 10 });
      assert.equal(host.stat(join(tmp, 'etc'))?.isDirectory, true);
    }
  });

  it('a folder made after a missing answer is listed once a file in it is invalidated (the watcher may not report the folder)', () => {
    const host = new FsHost();
    const dir = join(tmp, 'later');
    assert.equal(host.stat(dir), undefined);
    assert.equal(host.listDir(dir), undefined);
    assert.equal(host.readDirOrder(dir), undefined);
    fs.mkdirSync(dir);
    fs.writeFileSync(join(dir, 'x'), '');
    host.invalidate(join(dir, 'x'));
    assert.deepEqual(host.listDir(dir), ['x']);
    assert.deepEqual(host.readDirOrder(dir), ['x']);
  });

  it('loads node:child_process only when a shell is first run', { skip: process.platform === 'win32' }, () => {
    const script = `
      const { shellSyntax } = require(${JSON.stringify(join(__dirname, '..', '..', 'server', 'src', 'host', 'fsHost.js'))});
      const loaded = () => process.moduleLoadList.includes('NativeModule child_process');
      const before = loaded();
      const verdict = shellSyntax('sh', 'if true; then echo; fi\\n');
      console.log(JSON.stringify({ before, after: loaded(), verdict }));`;
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { before: boolean; after: boolean; verdict: unknown };
    assert.equal(out.before, false);
    assert.equal(out.after, true);
    assert.deepEqual(out.verdict, { ok: true });
  });
});
