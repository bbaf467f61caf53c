/**
 * A parse's time budget counted in this thread's processor time, not in wall time. On a busy
 * machine a thread waits for a core, and a budget in wall time stopped the parse of an ordinary
 * script there: the same file then had no body checks on one run and its findings on the next
 * (session 11 saw it under a loaded test run). What a parse may take is a property of its text;
 * what the machine does meanwhile must not change the diagnostics.
 *
 * The wall clock is read at each of tree-sitter's progress reports (every hundred steps) and
 * costs nothing; only once the budget has passed in wall time is the thread's own processor
 * time read, and the wall deadline moved to the earliest moment the processor time can reach
 * the budget. Where there is no thread clock (not Linux, no `process.threadCpuUsage`), the
 * budget is in wall time as before.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import type { ParseState } from 'web-tree-sitter';

type ThreadCpuUsage = () => { user: number; system: number };

const buffer = Buffer.alloc(96);
let noProcClock = false;

/**
 * Processor time this thread has run (ms), or undefined where it cannot be read. Node 23.9 and
 * later have `process.threadCpuUsage`; on Linux, `/proc/thread-self/schedstat` has it in
 * nanoseconds (opened per read: a file descriptor kept open would outlive a worker thread).
 */
export function threadCpuMs(): number | undefined {
  const own = (process as { threadCpuUsage?: ThreadCpuUsage }).threadCpuUsage;
  if (typeof own === 'function') {
    const u = own.call(process);
    return (u.user + u.system) / 1000;
  }
  if (noProcClock) return undefined;
  let fd: number | undefined;
  try {
    fd = openSync('/proc/thread-self/schedstat', 'r');
    const n = readSync(fd, buffer, 0, buffer.length, 0);
    const ns = Number(buffer.toString('latin1', 0, n).split(' ', 1)[0]);
    if (Number.isFinite(ns) && ns > 0) return ns / 1e6;
    noProcClock = true;
  } catch {
    noProcClock = true;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  return undefined;
}

/** Wall time (ms) before the thread clock is first read (`processorBudget`). */
const UNCOUNTED_MS = 2;

/**
 * A budget of `ms` of this thread's processor time, started now: `expired()` is cheap to call
 * often (a progress callback). `clock` and `now` are for tests.
 */
export function processorBudget(ms: number, clock: () => number | undefined = threadCpuMs, now: () => number = Date.now): { expired(): boolean } {
  const begun = now();
  let deadline = begun + ms;
  // The thread clock is first read at a progress report once `UNCOUNTED_MS` have passed, not at
  // the start: most texts are parsed by then and need no clock (a read costs about 8 µs). What
  // the thread did before that read is not counted: under 2 ms of work and one report's steps.
  let start: number | undefined;
  let read = false;
  return {
    expired(): boolean {
      const at = now();
      if (!read && at - begun >= UNCOUNTED_MS) {
        read = true;
        start = clock();
      }
      if (at <= deadline) return false;
      if (start === undefined) return true;
      const cpu = clock();
      if (cpu === undefined) return true;
      const used = cpu - start;
      if (used >= ms) return true;
      // The processor time cannot reach the budget sooner than this.
      deadline = at + Math.max(1, Math.ceil(ms - used));
      return false;
    },
  };
}

/**
 * A progress callback for `parser.parse` that cancels the parse once `ms` of this thread's
 * processor time are spent (`processorBudget`). `onProgress` runs first at each report (the
 * parser worker's fault injection).
 */
export function stopAfter(ms: number, onProgress?: () => void): (state: ParseState) => void {
  const clock = processorBudget(ms);
  // web-tree-sitter cancels the parse when the progress callback returns true (its typing says void).
  return (() => {
    onProgress?.();
    return clock.expired();
  }) as unknown as (state: ParseState) => void;
}
