/** The server's idle collection (server/src/lsp/memory.ts). */
import * as assert from 'node:assert/strict';
import { getHeapCodeStatistics, getHeapStatistics, setFlagsFromString } from 'node:v8';
import { describe, it } from 'node:test';
import { runInNewContext } from 'node:vm';
import { idleCollector } from '../../server/src/lsp/memory';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('idle collector', () => {
  it('collects once the work pauses, and only after the heap grew', async () => {
    // An idle time far above the pauses between pieces of work, so that a busy machine does not
    // stretch a pause into idleness.
    const c = idleCollector(400, 1024 * 1024);
    // Work that leaves garbage behind, announced piece by piece: no collection in between.
    let junk: unknown[] = [];
    for (let i = 0; i < 5; i++) {
      junk = Array.from({ length: 50_000 }, (_, k) => ({ k, s: `item ${k}` }));
      c.workDone();
      await sleep(5);
    }
    assert.equal(c.runs, 0, 'no collection while work keeps coming');
    junk = [];
    const before = getHeapStatistics().used_heap_size;
    for (let i = 0; i < 100 && c.runs === 0; i++) await sleep(50);
    assert.equal(c.runs, 1, 'one collection after the pause');
    assert.ok(getHeapStatistics().used_heap_size < before, 'the garbage is gone');
    // A pause after work that allocated next to nothing: no second collection.
    c.workDone();
    await sleep(800);
    assert.equal(c.runs, 1);
    assert.equal(junk.length, 0);
  });

  it('collects once more a while after the idle collection, unless work came in between', async () => {
    const c = idleCollector(100, 1024 * 1024, 600);
    let junk: unknown[] = Array.from({ length: 50_000 }, (_, k) => ({ k, s: `item ${k}` }));
    c.workDone();
    junk = [];
    for (let i = 0; i < 200 && c.lateRuns === 0; i++) await sleep(50);
    assert.equal(c.runs, 1);
    assert.equal(c.lateRuns, 1, 'the late collection ran');
    // Work right after the next idle collection: its late collection is cancelled.
    junk = Array.from({ length: 50_000 }, (_, k) => ({ k, s: `again ${k}` }));
    c.workDone();
    junk = [];
    for (let i = 0; i < 200 && c.runs < 2; i++) await sleep(20);
    assert.equal(c.runs, 2);
    c.workDone(); // new work: no idle collection is due (the heap did not grow), and the late one is off
    await sleep(1500);
    assert.equal(c.lateRuns, 1, 'cancelled by the work');
    assert.equal(junk.length, 0);
  });

  it('keeps the bytecode of the functions not running through its collections; they run without compiling again', async () => {
    // V8 flushes bytecode by age (5 full collections without a call): out of the way here, so
    // that only the collector's own collections are seen.
    setFlagsFromString('--bytecode-old-age=1000');
    try {
      const c = idleCollector(50, 0, 300);
      const fns = Array.from({ length: 300 }, (_, i) => new Function('x', `let s = ${i}; for (let k = 0; k < x; k++) s += k * ${i} + (s >> 1); return s;`) as (x: number) => number);
      const results = fns.map((f) => f(5));
      // What plain full collections leave of them (their compiler's leftovers go in the first ones).
      setFlagsFromString('--expose-gc');
      const gc = runInNewContext('gc') as () => void;
      for (let i = 0; i < 3; i++) gc();
      const before = getHeapCodeStatistics().bytecode_and_metadata_size;
      c.workDone();
      for (let i = 0; i < 200 && c.lateRuns === 0; i++) await sleep(25);
      assert.equal(c.lateRuns, 1, 'the collections ran');
      const after = getHeapCodeStatistics().bytecode_and_metadata_size;
      // Flushed, they would be 300 × 200 bytes and more lighter (session 11's late collection).
      assert.ok(before - after < 300 * 50, `bytecode and metadata ${before} -> ${after} bytes`);
      assert.deepEqual(fns.map((f) => f(5)), results);
    } finally {
      setFlagsFromString('--bytecode-old-age=5');
    }
  });
});
