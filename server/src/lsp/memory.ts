/**
 * Memory upkeep for a long-running server. V8 collects its old generation only when it has
 * grown past a limit and gives pages back later still, so after a burst of work (opening a
 * folder of scripts, a paste into a long one) the process would stay tens of megabytes above
 * what it holds. Once the server has been idle for a moment after such a burst, full
 * collections run that move the live objects off partly empty pages so that the emptied ones go
 * back to the system (V8's own collections compact only the most fragmented pages); typing in
 * between never triggers one.
 *
 * They run with `--optimize-for-size` set for each collection only: V8 then moves objects off
 * pages that are partly empty, a few megabytes per collection, and the collections repeat
 * (`MAX_ROUNDS`, a short pause apart) while the heap still shrinks; a last one with
 * `--compact-on-every-full-gc` compacts what is left. That last collection alone (all there was
 * before session 9) moved every live object at once from the burst's fragmented heap: its new
 * pages were all resident before the old ones went back, which made it the server's peak (the
 * corpus: 92 MB against 84 MB while opening it; docs/performance.md, "Session 9, mem"). A last
 * plain collection `LATE_MS` later, once V8 sees allocation as slow, lets the young generation
 * shrink. The bytecode of the server's functions stays (V8 still lets go of the bytecode of
 * functions not called through several full collections): letting all of it go there
 * (`--stress-flush-code`, session 11) gave no resident memory back, the freed bytecode was spread
 * over pages that stayed, and the next large open paid its compilation again (docs/performance.md,
 * "Session 12, mem").
 */
import { getHeapSpaceStatistics, getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** V8's `gc()`: exposed on the command line, or (Node 20) through a fresh context once the flag is set. */
function findGc(): (() => void) | undefined {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (typeof exposed === 'function') return exposed;
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as unknown;
    return typeof gc === 'function' ? (gc as () => void) : undefined;
  } catch {
    return undefined;
  }
}

/** Collections after one burst at most, and the pause between them (the sweeper gives the emptied pages back meanwhile). */
const MAX_ROUNDS = 6;
const ROUND_PAUSE_MS = 100;
/** V8's page (Node 20–24, without pointer compression). */
const V8_PAGE_BYTES = 256 * 1024;
/** Growth of the used heap between two rounds that means the server is working, not idle. */
const BUSY_GROWTH_BYTES = 512 * 1024;
/**
 * V8 gives back its young generation's second half (1 MB with `--max-semi-space-size=1`) and
 * the pages it pooled only in a collection that finds allocation slow over its last 5 s; the
 * rounds run 1 s after a burst, within that window. So one more collection runs this long after
 * them (V8's own memory reducer may do it 8 s or more later, or not at all: the corpus settled at
 * 64.4 or 66.6 MB in runs of the same build; docs/performance.md, "Session 10, mem").
 */
const LATE_MS = 6000;

export interface IdleCollector {
  /** Call after each piece of work (an analysis); restarts the idle timer. */
  workDone(): void;
  /** Something big was let go (the parser worker and its wasm): collect once idle, whatever the heap grew. */
  collectSoon(): void;
  /** Idle collections run so far (each of one to `MAX_ROUNDS` full collections). */
  readonly runs: number;
  /** Late collections run so far (`LATE_MS` after an idle collection, with no work since). */
  readonly lateRuns: number;
}

/**
 * Collects `idleMs` after the last piece of work, when the heap has grown by at least
 * `minGrowthBytes` since the last collection. Does nothing where `gc()` cannot be had.
 */
export function idleCollector(idleMs = 1000, minGrowthBytes = 4 * 1024 * 1024, lateMs = LATE_MS): IdleCollector {
  const gc = findGc();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let baseline = getHeapStatistics().used_heap_size;
  let runs = 0;
  let lateRuns = 0;
  let forced = false;
  /** One full collection with a V8 flag (a boolean one, by name) set for that collection only. */
  const collectWith = (flag: string): void => {
    setFlagsFromString(`--${flag}`);
    try {
      gc!();
    } finally {
      setFlagsFromString(`--no-${flag}`);
    }
  };
  /** One collection that moves objects off partly empty pages; the heap's committed size after it. */
  const compactSome = (): number => {
    collectWith('optimize-for-size');
    return getHeapStatistics().total_heap_size;
  };
  /**
   * Whether the server worked since the last collection: the heap grew although no analysis
   * ended (`workDone` cancels the next round itself), e.g. while it awaits reads in a burst.
   * The rounds then stop; the collection after the burst starts them again.
   */
  const busy = () => getHeapStatistics().used_heap_size - baseline > BUSY_GROWTH_BYTES;
  /** The next round, a pause after the last, while the heap shrank by a page or more (new work cancels it: `workDone`). */
  const round = (left: number, committed: number) => {
    timer = undefined;
    if (left < MAX_ROUNDS && busy()) return;
    const now = compactSome();
    baseline = getHeapStatistics().used_heap_size;
    if (left > 1 && committed - now >= V8_PAGE_BYTES) {
      timer = setTimeout(() => round(left - 1, now), ROUND_PAUSE_MS);
      timer.unref?.();
      return;
    }
    // Last, what is left compacted whole: from the smaller heap, its new pages stay under the burst's peak.
    timer = setTimeout(compactAll, ROUND_PAUSE_MS);
    timer.unref?.();
  };
  const compactAll = () => {
    timer = undefined;
    if (busy()) return;
    collectWith('compact-on-every-full-gc');
    baseline = getHeapStatistics().used_heap_size;
    // Once V8 sees allocation as slow: its young generation shrinks (new work cancels this).
    timer = setTimeout(late, lateMs);
    timer.unref?.();
  };
  const late = () => {
    timer = undefined;
    if (busy()) return;
    lateRuns++;
    gc!();
    baseline = getHeapStatistics().used_heap_size;
  };
  const collect = () => {
    timer = undefined;
    if (!forced && getHeapStatistics().used_heap_size - baseline < minGrowthBytes) return;
    forced = false;
    runs++;
    round(MAX_ROUNDS, getHeapStatistics().total_heap_size);
  };
  return {
    workDone() {
      if (!gc) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(collect, idleMs);
      timer.unref?.();
    },
    collectSoon() {
      forced = true;
      this.workDone();
    },
    get runs() {
      return runs;
    },
    get lateRuns() {
      return lateRuns;
    },
  };
}

/**
 * How far V8 lets the old generation grow past what survived the last full collection before it
 * collects again (V8's own factor is up to 4× for a heap that allocates fast: a burst of analyses,
 * opening a folder of scripts, grew the server by tens of megabytes of garbage before the idle
 * collection). 20%: a driver that opens the 245 corpus files peaked at 89 MB against 97 MB, the
 * same latency within noise; 5% and 10% gave no lower peak. Read by V8 at each collection, so it
 * can be set once the process runs (and holds for the parser worker's heap too).
 */
export const HEAP_GROWING_PERCENT = 20;

export function limitHeapGrowth(percent = HEAP_GROWING_PERCENT): void {
  try {
    setFlagsFromString(`--heap-growing-percent=${percent}`);
  } catch {
    // an engine without the flag: its own growth
  }
}

/** Where this process's memory is (`sysvHa/memoryStats`, for the bench): MB, main thread's V8 heap by space. */
export function memoryStats(): Record<string, unknown> {
  const mb = (n: number) => Math.round(n / 104857.6) / 10;
  const u = process.memoryUsage();
  const h = getHeapStatistics();
  return {
    rss: mb(u.rss), heapTotal: mb(u.heapTotal), heapUsed: mb(u.heapUsed), external: mb(u.external), arrayBuffers: mb(u.arrayBuffers),
    mallocedMemory: mb(h.malloced_memory), peakMallocedMemory: mb(h.peak_malloced_memory),
    spaces: Object.fromEntries(getHeapSpaceStatistics().map((s) => [s.space_name, { size: mb(s.space_size), used: mb(s.space_used_size) }])),
  };
}
