/**
 * The parser worker: web-tree-sitter and the trees live here, not in the server's or the CLI's
 * own thread. It parses what the host sends (`parserProtocol.ts`), keeps each document's last
 * tree and statements for the next incremental parse, and answers with the statements of the
 * body model the other side does not have yet (`bodyTransfer.ts`). After a parser exception
 * it answers with a fault and does nothing more: the host ends it and starts a fresh one.
 */
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { getHeapStatistics } from 'node:v8';
import type { Tree } from 'web-tree-sitter';
import { readStatements, type BodyCache } from '../languages/initscript/body';
import { FragmentEncoder } from './bodyTransfer';
import { commentRows } from './commentRows';
import { parseShell } from './parse';
import type { FaultKind, FromWorker, ToWorker, WorkerData, WorkerHeap } from './parserProtocol';
import { loadBashFromModules, newBashParser } from './treeSitter';
import { wasm } from './wasm';

interface DocState {
  tree?: Tree;
  cache?: BodyCache;
  /** Per statement key, the rows a comment line cannot go before (`noCommentRows`), and the row it started on. */
  rows?: Map<string, { row: number; rows: number[] }>;
  /** The last parse was stopped at its budget (the next edit gets the short one). */
  stopped: boolean;
  encoder: FragmentEncoder;
}

const data = workerData as WorkerData;
const port = parentPort!;
const started = Date.now();
let nextId = 1;
const docs = new Map<string, DocState>();
/** Fault injection (only when the host allows it): the next parse of `key` (or any) faults. */
let injected: { kind: FaultKind; key?: string } | undefined;
let broken = false;

const answers = data.port;
const signal = new Int32Array(data.signal);
/** Answers go on their own port, and the signal wakes a host waiting synchronously. */
const send = (m: FromWorker) => {
  answers.postMessage(m);
  Atomics.add(signal, 0, 1);
  Atomics.notify(signal, 0);
};


void (async () => {
  const { language, memory, exports } = await loadBashFromModules(data.modules, data.maxWasmBytes);
  const parser = newBashParser(language);
  const heap = (): WorkerHeap => ({ wasmBytes: memory.buffer.byteLength, jsBytes: getHeapStatistics().total_heap_size });

  const drop = (key: string) => {
    const st = docs.get(key);
    if (!st) return;
    st.tree?.delete();
    docs.delete(key);
  };

  /**
   * Fault injection: `wasm` throws a RuntimeError through the parse (from its progress callback,
   * or after it when the text is too short to be asked for progress), `hang` never returns,
   * `exit` ends the worker's thread without an answer, `oom` fills the wasm heap through the runtime's own malloc so that tree-sitter's next
   * allocation fails and the runtime aborts, as a real out-of-memory does.
   */
  const takeFault = (key: string): FaultKind | undefined => {
    const f = injected;
    if (!f || (f.key !== undefined && f.key !== key)) return undefined;
    injected = undefined;
    return f.kind;
  };
  const injectedFault = () => new wasm.RuntimeError('memory access out of bounds (injected fault)');
  const fillHeap = () => {
    const malloc = exports['malloc'] as (n: number) => number;
    for (const size of [1 << 20, 1 << 14, 1 << 8, 16]) {
      while (malloc(size) !== 0) {
        // until no block of this size is left
      }
    }
  };

  port.on('message', (m: ToWorker) => {
    if (broken) return;
    if (m.type === 'drop') return drop(m.key);
    if (m.type === 'fault') {
      if (data.faults) injected = { kind: m.kind, key: m.key };
      return;
    }
    const st = docs.get(m.key);
    const edits = m.edits;
    try {
      const fault = takeFault(m.key);
      if (fault === 'hang') for (;;) {
        // a parse that never returns: only the host's watchdog ends it
      }
      if (fault === 'oom') fillHeap();
      // The worker's thread ends mid-parse, without an answer (as when V8 ends it out of memory).
      if (fault === 'exit') process.exit(70);
      let fired = false;
      const onProgress = fault === 'wasm' ? () => {
        fired = true;
        throw injectedFault();
      } : undefined;
      const t0 = performance.now();
      const out = parseShell(parser, m.text, st && edits ? { tree: st.tree, edits, stopped: st.stopped } : undefined, onProgress);
      const t1 = performance.now();
      if (fault === 'wasm' && !fired) throw injectedFault();
      // The previous tree was edited in place (or is not needed any more).
      if (st?.tree && st.tree !== out.tree) st.tree.delete();
      if (st) st.tree = undefined;
      if (!out.tree) {
        // No tree, no statements kept: the next version sends every fragment.
        st?.encoder.reset();
        if (m.keep) docs.set(m.key, { stopped: out.stoppedAfterMs !== undefined, encoder: st?.encoder ?? new FragmentEncoder(() => nextId++) });
        else docs.delete(m.key);
        send({ type: 'parsed', seq: m.seq, stoppedAfterMs: out.stoppedAfterMs, refused: out.refused, incremental: false, heap: heap() });
        return;
      }
      // Statements are content-addressed (column and text): the last version's cache serves any text.
      const read = readStatements(out.tree, st?.cache);
      const t2 = performance.now();
      const encoder = m.keep ? (st?.encoder ?? new FragmentEncoder(() => nextId++)) : new FragmentEncoder(() => nextId++);
      const fragments = encoder.encode(read.fragments, read.keys, read.cache !== undefined);
      const rows = commentRows(out.tree, read.keys, read.fragments.map((f) => f.row), read.cache !== undefined ? st?.rows : undefined);
      const t3 = performance.now();
      if (m.keep) docs.set(m.key, { tree: out.tree, cache: read.cache, rows: read.cache !== undefined ? rows.cache : undefined, stopped: false, encoder });
      else {
        out.tree.delete();
        docs.delete(m.key);
      }
      send({ type: 'parsed', seq: m.seq, fragments, noCommentRows: rows.all, incremental: !!out.incremental, heap: heap(), ms: { parse: t1 - t0, read: t2 - t1, rows: t3 - t2 } });
    } catch (err) {
      // The parser's memory cannot be trusted any more: answer, then wait to be ended.
      broken = true;
      const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      // An abort with the memory at its limit is tree-sitter's malloc failing.
      const outOfMemory = memory.buffer.byteLength > data.maxWasmBytes - (8 << 20) && /Aborted/.test(message);
      send({ type: 'fault', seq: m.seq, message, outOfMemory });
    }
  });
  send({ type: 'ready', loadMs: Date.now() - started, heap: heap() });
})().catch((err: unknown) => {
  // The wasm did not load: the host sees the worker exit with this error.
  throw err;
});
