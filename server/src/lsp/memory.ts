/**
 * Memory upkeep for a long-running server. V8 collects its old generation only when it has
 * grown past a limit and gives pages back later still, so after a burst of work (opening a
 * folder of scripts, a paste into a long one) the process would stay tens of megabytes above
 * what it holds. Once the server has been idle for a moment after such a burst, one full
 * collection runs, compacting every page so that the emptied ones go back to the system (V8's
 * own collections compact only the most fragmented pages); typing in between never triggers one.
 */
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
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

export interface IdleCollector {
  /** Call after each piece of work (an analysis); restarts the idle timer. */
  workDone(): void;
  /** Full collections run so far. */
  readonly runs: number;
}

/**
 * Runs a full collection `idleMs` after the last piece of work, when the heap has grown by at
 * least `minGrowthBytes` since the last one. Does nothing where `gc()` cannot be had.
 */
export function idleCollector(idleMs = 1000, minGrowthBytes = 4 * 1024 * 1024): IdleCollector {
  const gc = findGc();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let baseline = getHeapStatistics().used_heap_size;
  let runs = 0;
  const collect = () => {
    timer = undefined;
    if (getHeapStatistics().used_heap_size - baseline < minGrowthBytes) return;
    setFlagsFromString('--compact-on-every-full-gc');
    try {
      gc!();
    } finally {
      setFlagsFromString('--no-compact-on-every-full-gc');
    }
    runs++;
    baseline = getHeapStatistics().used_heap_size;
  };
  return {
    workDone() {
      if (!gc) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(collect, idleMs);
      timer.unref?.();
    },
    get runs() {
      return runs;
    },
  };
}
