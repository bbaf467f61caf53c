/**
 * Values kept with their reads, on a host that counts its changes (the server's CountedHost):
 * only the reads of changed paths are asked again, and a change is never missed.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CountedHost } from '../../server/src/lsp/countedHost';
import { keptWhileReadsAgree, readCacheStats } from '../../server/src/service/systemd/reads';

/** A CountedHost over texts held here (the overlay answers every path), counting the reads that reach it. */
function host(files: Record<string, string>) {
  const asked = new Map<string, number>();
  const h = new CountedHost((p) => {
    asked.set(p, (asked.get(p) ?? 0) + 1);
    return files[p];
  });
  return { h, files, asked };
}

describe('CountedHost: the paths changed since a change number', () => {
  it('lists them in order, an empty list when none, and undefined once it cannot tell', () => {
    const { h } = host({});
    const s0 = h.changes().seq;
    assert.deepEqual(h.since(s0), []);
    h.overlayChanged('/r/a');
    h.invalidate('/r/etc/x');
    assert.deepEqual(h.since(s0), ['/r/a', '/r/etc/x', '/r/etc']);
    assert.deepEqual(h.since(s0 + 1), ['/r/etc/x', '/r/etc']);
    const s1 = h.seq;
    h.invalidate();
    assert.equal(h.since(s1), undefined, 'everything may have changed');
    assert.deepEqual(h.since(h.seq), []);
    const s2 = h.seq;
    for (let i = 0; i < 5000; i++) h.overlayChanged(`/p${i}`);
    assert.equal(h.since(s2), undefined, 'older than the log');
    assert.deepEqual(h.since(h.seq - 2), ['/p4998', '/p4999']);
  });
});

describe('keptWhileReadsAgree on a host that counts its changes', () => {
  const compute = (h: { readFile(p: string): string | undefined }) => ['/r/a', '/r/b', '/r/c'].map((p) => h.readFile(p) ?? '-').join(' ');

  it('asks again only for the paths that changed, and sees every change', () => {
    const { h, files, asked } = host({ '/r/a': 'A', '/r/b': 'B', '/r/c': 'C' });
    const key = `test-${Math.random()}`;
    assert.equal(keptWhileReadsAgree(h, key, compute), 'A B C');
    asked.clear();
    const before = { ...readCacheStats };
    assert.equal(keptWhileReadsAgree(h, key, compute), 'A B C');
    assert.equal(asked.size, 0, 'nothing changed: no read asked again');
    // b changes to an equal text: asked again, still agrees.
    h.overlayChanged('/r/b');
    assert.equal(keptWhileReadsAgree(h, key, compute), 'A B C');
    assert.deepEqual([...asked.keys()], ['/r/b']);
    assert.equal(readCacheStats.reused - before.reused, 2);
    // c changes: computed again.
    files['/r/c'] = 'C2';
    h.overlayChanged('/r/c');
    assert.equal(keptWhileReadsAgree(h, key, compute), 'A B C2');
    assert.equal(readCacheStats.computed - before.computed, 1);
    // A path the value never read changes: kept.
    h.overlayChanged('/r/z');
    asked.clear();
    assert.equal(keptWhileReadsAgree(h, key, compute), 'A B C2');
    assert.equal(asked.size, 0);
    // Everything may have changed: every read is asked again.
    files['/r/a'] = 'A2';
    h.invalidate();
    assert.equal(keptWhileReadsAgree(h, key, compute), 'A2 B C2');
  });
});
