/** The messages between the parser host (`parserHost.ts`) and its worker (`parserWorker.ts`). */
import type { MessagePort } from 'node:worker_threads';
import type { TreeEditInfo } from '../core/language';
import type { FragmentsMessage } from './bodyTransfer';
import type { WasmModules } from './treeSitter';

/** Faults the worker can be told to inject into its next parse (tests, the fuzzer, the bench). */
export type FaultKind = 'wasm' | 'hang' | 'oom' | 'exit';

export interface WorkerData {
  modules: WasmModules;
  /** Where the worker answers: the host can read it synchronously (`receiveMessageOnPort`). */
  port: MessagePort;
  /** An Int32 the worker increments (and notifies) after each answer, for `Atomics.wait`. */
  signal: SharedArrayBuffer;
  /** The wasm memory's limit (bytes). */
  maxWasmBytes: number;
  /** Honour `fault` messages. */
  faults: boolean;
}

export type ToWorker =
  /** Parse `text`; `edits` since the last text parsed for `key` (null: from scratch); `keep` the tree for the next edit. */
  | { type: 'parse'; seq: number; key: string; text: string; edits: TreeEditInfo[] | null; keep: boolean }
  /** Forget the tree and fragments of `key`. */
  | { type: 'drop'; key: string }
  /** Fault injection: the next parse (of `key`, or any) faults this way. */
  | { type: 'fault'; kind: FaultKind; key?: string };

export interface WorkerHeap {
  /** The wasm memory (tree-sitter's heap: trees, parse stacks); it never shrinks. */
  wasmBytes: number;
  /** The worker's V8 heap. */
  jsBytes: number;
}

export type FromWorker =
  | { type: 'ready'; loadMs: number; heap: WorkerHeap }
  | {
    type: 'parsed'; seq: number; fragments?: FragmentsMessage; noCommentRows?: number[]; stoppedAfterMs?: number; refused?: string; incremental: boolean; heap: WorkerHeap;
    /** Where the worker's time went (ms): the parse, reading the statements, the comment rows. */
    ms?: { parse: number; read: number; rows: number };
  }
  /** The parser threw (a wasm fault, out of memory): the worker must not be used again. */
  | { type: 'fault'; seq: number; message: string; outOfMemory: boolean };
