/**
 * The parse budget counts the parsing thread's processor time, not wall time: a parse that waits
 * for a core on a busy machine is not stopped (the same text gets the same diagnostics whatever
 * the machine does meanwhile), and a parse that works past its budget still is.
 */
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { processorBudget, threadCpuMs } from '../../server/src/service/shell/budget';
import { parseBudgetMs, parseShell } from '../../server/src/service/shell/parse';
import { createBashParser, findWasm } from '../../server/src/service/shell/treeSitter';
import type { Parser } from 'web-tree-sitter';
import { REPO } from '../helpers/golden';

/** Blocks this thread for `ms` without using the processor (what waiting for a core looks like to it). */
function sleepThread(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Keeps this thread busy for `ms` of its processor time. */
function spin(ms: number): void {
  const start = threadCpuMs()!;
  let x = 0;
  while (threadCpuMs()! - start < ms) for (let i = 0; i < 10_000; i++) x += i;
  assert.ok(x > 0);
}

/** An ordinary script long enough for tree-sitter to report progress many times. */
const SCRIPT = `#!/bin/sh\n${Array.from({ length: 200 }, (_, i) => `start_${i}() {\n\tif [ -f /var/run/svc${i}.pid ]; then\n\t\techo "running ${i}"\n\telse\n\t\t/usr/sbin/svc${i} --daemon && touch /var/lock/subsys/svc${i}\n\tfi\n}\n`).join('')}case "$1" in\n  start) start_0 ;;\n  *) exit 2 ;;\nesac\n`;

describe('processorBudget', () => {
  it('is not expired while the wall deadline has not passed, and reads no clock in its first 2 ms', () => {
    let wall = 1000;
    let reads = 0;
    const b = processorBudget(100, () => (reads++, 0), () => wall);
    wall = 1001;
    assert.equal(b.expired(), false);
    assert.equal(reads, 0, 'a parse done within 2 ms reads no clock');
    wall = 1050;
    assert.equal(b.expired(), false);
    assert.equal(reads, 1, 'the start is read at the first report after 2 ms');
    wall = 1100;
    assert.equal(b.expired(), false);
    assert.equal(reads, 1, 'no clock read before the wall deadline');
  });

  it('past the wall deadline, counts processor time and moves the deadline to when it could run out', () => {
    let wall = 0;
    let cpu = 500;
    const b = processorBudget(100, () => cpu, () => wall);
    wall = 2;
    assert.equal(b.expired(), false); // start: cpu 500
    wall = 400; // the thread waited most of that time
    cpu = 530;
    assert.equal(b.expired(), false, '30 ms of processor time used of 100');
    wall = 450; // deadline moved to 470: not read again before it
    cpu = 599;
    assert.equal(b.expired(), false);
    wall = 471;
    assert.equal(b.expired(), false, '99 of 100');
    wall = 473;
    cpu = 600;
    assert.equal(b.expired(), true, '100 of 100');
  });

  it('falls back to wall time where the thread has no clock', () => {
    let wall = 0;
    const b = processorBudget(100, () => undefined, () => wall);
    assert.equal(b.expired(), false);
    wall = 101;
    assert.equal(b.expired(), true);
  });
});

const clock = threadCpuMs();
describe('the shell parse budget in processor time', { skip: clock === undefined ? 'no thread clock on this platform' : false }, () => {
  let parser: Parser;
  before(async () => {
    parser = await createBashParser(findWasm(join(REPO, 'dist')));
  });

  it('reads the thread clock in nanoseconds that advance while working, not while blocked', () => {
    const a = threadCpuMs()!;
    sleepThread(60);
    const b = threadCpuMs()!;
    spin(20);
    const c = threadCpuMs()!;
    assert.ok(b - a < 30, `blocked 60 ms, used ${b - a} ms`);
    assert.ok(c - b >= 20, `spun 20 ms, used ${c - b} ms`);
  });

  it('does not stop a parse whose thread waited longer than the budget', () => {
    const budget = parseBudgetMs(SCRIPT.length);
    let reports = 0;
    const out = parseShell(parser, SCRIPT, undefined, () => {
      if (reports++ === 0) sleepThread(budget + 100);
    });
    assert.ok(reports > 1, 'tree-sitter reported progress');
    assert.equal(out.stoppedAfterMs, undefined, `stopped after ${out.stoppedAfterMs} ms though it waited, not worked`);
    assert.ok(out.tree && !out.tree.rootNode.hasError);
    out.tree.delete();
  });

  it('stops a parse that works past its budget', () => {
    const budget = parseBudgetMs(SCRIPT.length);
    let reports = 0;
    const out = parseShell(parser, SCRIPT, undefined, () => {
      // Once the clock has started (2 ms into the parse).
      if (reports++ === 0) sleepThread(5);
      else if (reports === 2) spin(budget + 20);
    });
    assert.equal(out.tree, undefined);
    assert.equal(out.stoppedAfterMs, budget);
    // The parser is usable again at once (the stopped parse was reset).
    const again = parseShell(parser, SCRIPT);
    assert.ok(again.tree && !again.tree.rootNode.hasError);
    again.tree.delete();
  });
});
