/**
 * The parser host: web-tree-sitter runs in worker threads (`parserWorker.ts`), never in the
 * thread that analyses. The host compiles the two wasm modules once and hands them to every
 * worker it starts, sends each parse to the worker that holds the document's last tree, and
 * turns the answer into the plain-data body model (`ShellBody`) the synchronous analysis reads
 * (`ShellBodies.bodyOf`).
 *
 * - Memory that goes back: a worker is ended once it has been idle for `idleMs`, or, once it
 *   is quiet, when its heap passed `heapBoundBytes` and no large document lives in it any more
 *   (a wasm heap never shrinks). Its documents' next parse is a full one.
 * - A parser that comes back: a parser exception (a wasm fault, tree-sitter out of memory), a
 *   parse past its watchdog or a worker that dies ends only that worker; a fresh one takes the
 *   other documents' parses, and only the input that faulted is marked (`failure` says why). The
 *   same text is not tried again; its next edit is.
 * - Every core: the CLI starts one worker per job; documents go to the least busy worker.
 * - Texts up to `inThreadMaxChars` in the caller's thread (the server: 1 MiB): a typical script
 *   parses in about a millisecond, less than the round trip to a worker and the body's transfer
 *   cost, and a large one opens 3-4 times sooner there than in a worker started for it. The
 *   thread's runtime is recycled when idle after a large text (`recycleInThread`), so its wasm
 *   memory goes back as a worker's does. `inThread` says where a text goes: here while this
 *   thread's parser works (`loadInThread`), to the worker when the text is above the bound, when this
 *   thread's parser failed (a wasm fault here never turns shell parsing off: the worker takes
 *   every text from then on), when the text faulted before, or when a fault is injected. When
 *   no worker can start at all (its script missing, the thread refused), every text is parsed
 *   here instead (`workerUnavailable`).
 */
import type { MessagePort, Worker } from 'node:worker_threads';
import { join } from 'node:path';
import type { TreeEditInfo } from '../core/language';
import { FragmentDecoder } from './bodyTransfer';
import { parseBudgetMs, type ShellBodies, type ShellBody } from './parse';
import type { FaultKind, FromWorker, ToWorker, WorkerData, WorkerHeap } from './parserProtocol';
import { bashLanguage, compileFastRuntime, compileWasm, fastRuntimeAvailable, findWasm, injectInThreadFault, loadBashFromModules, prepareBash, setAfterFailure, sharedBashParser, switchBash, type PreparedBash, type WasmModules } from './treeSitter';
import type { WasmModule } from './wasm';

export interface ParserHostOptions {
  /** Where the wasm files are (`findWasm`). */
  wasmDir: string;
  /** Workers to run documents on (the CLI: one per core; the server: 1). */
  workers?: number;
  /** End a worker after this long without a parse (0: never). */
  idleMs?: number;
  /** End a worker, once quiet, when its heap (wasm + JS) passed this and no large document lives in it. */
  heapBoundBytes?: number;
  /** How long without a parse counts as quiet for the heap bound. */
  quietMs?: number;
  /** The wasm memory's limit per worker: past it a parse fails as out of memory. */
  maxWasmBytes?: number;
  /** Extra time a parse may take past its budget before its worker is ended as hung. */
  watchdogGraceMs?: number;
  /**
   * When the last worker has been ended (idle, heap), let the compiled wasm go too (about 3 MB
   * of code; compiling it again takes about 10 ms) and call `onIdle` (e.g. to collect garbage).
   */
  releaseWhenIdle?: boolean;
  onIdle?: () => void;
  /** Allow fault injection (`injectFault`): tests, the fuzzer, the bench. */
  faults?: boolean;
  /** A body asked for by `bodyOf` while it was not parsed yet is ready: analyse `path`'s readers again. */
  onSettled?: (path: string) => void;
  log?: (message: string) => void;
  /** The worker's script (default: `parserWorker.js` next to this file, as in dist/ and out/). */
  workerScript?: string;
  /**
   * Texts of at most this many characters are parsed in the caller's thread (`inThread`), once
   * `loadInThread` has loaded its parser (0: every text goes to a worker).
   */
  inThreadMaxChars?: number;
  /**
   * This thread's parser runtime is recycled (`recycleInThread`) once it has been idle for
   * `idleMs` after it parsed a text above `IN_THREAD_SMALL` characters: called first, to let go
   * of the trees the caller keeps (they hold the old runtime's memory).
   */
  onRecycleInThread?: () => void;
  /**
   * Texts parsed in this thread get web-tree-sitter's runtime compiled by TurboFan: compiled in
   * the background once no text was parsed here for `FAST_QUIET_MS` (after the first
   * diagnostics), and switched to once quiet again (as a recycle: the caller's trees are let go
   * first). Only where this process compiles wasm with Liftoff only (`--liftoff-only`, as the
   * server runs). Off by default: after the corpus it left the server 1-1.5 MB larger (the
   * compilation's malloc; docs/performance.md, "Session 13, mem"), with the settled target at its line.
   */
  fastRuntime?: boolean;
}

/** What the host did so far (the bench and `sysvHa/parserStats` read it). */
export interface ParserHostStats {
  /** Workers running now. */
  running: number;
  started: number;
  /** Workers ended, by reason. */
  ended: { idle: number; heap: number; fault: number; hang: number; exit: number };
  /** Inputs marked as faulting. */
  faultedInputs: number;
  parses: number;
  /** Top-level statements that crossed from the workers (`sent`), and those the main side had already (`reused`). */
  statements: { sent: number; reused: number };
  /** The last parse: the worker's time (parse, reading statements, comment rows) and this thread's (decoding), ms. */
  last?: { parse: number; read: number; rows: number; decode: number; fresh: number; reused: number };
  /** ms from `new Worker` to its ready message, last start. */
  lastStartMs?: number;
  /** Texts routed to the caller's thread (`inThread` answered true), and why the worker took the others. */
  inThread: number;
  /** Times this thread's parser runtime was let go and loaded afresh (`recycleInThread`). */
  inThreadRecycles: number;
  /** The TurboFan runtime for this thread (`fastRuntime`): not wanted, being compiled, compiled, parsing here, or failed to compile. */
  fastRuntime: 'off' | 'waiting' | 'compiling' | 'ready' | 'on' | 'failed';
  /** ms from the host's creation to the TurboFan runtime's compilation start, end, and the switch to it. */
  fastRuntimeAt?: { compiling?: number; ready?: number; on?: number };
  /** No worker could start: texts are parsed in the caller's thread. */
  workerUnavailable: boolean;
  /** The heap of each running worker, as of its last answer. */
  heaps: WorkerHeap[];
}

/**
 * What a worker's heap holds: its V8 heap, and the wasm memory it grew beyond the runtime's
 * initial 32 MiB (reserved, and touched only as tree-sitter uses it).
 */
function heapBytes(h: WorkerHeap): number {
  return h.jsBytes + Math.max(0, h.wasmBytes - WASM_INITIAL_BYTES);
}
const WASM_INITIAL_BYTES = 512 * 65536;

/** Texts above this many characters are "large": a worker holding one is not ended for its heap. */
const LARGE_TEXT = 256 * 1024;

/**
 * Texts above this many characters grow this thread's wasm memory by megabytes (a 5,000-line
 * script's tree: about 8 MB; 20,000 lines: 17 MB), which a wasm runtime never gives back while
 * it lives: once one was parsed here, the runtime is recycled after `idleMs` without a parse
 * here (`recycleInThread`). A typical script (1-30 KB) never triggers it.
 */
const IN_THREAD_SMALL = 64 * 1024;
/** The wasm memory's limit for the caller's thread: the runtime's own (2 GiB, less a page). */
const IN_THREAD_MAX_WASM_BYTES = 2048 * 1024 * 1024 - 65536;
/**
 * No text parsed in the caller's thread for this long: the TurboFan runtime is compiled
 * (`fastRuntime`), and once compiled switched to (after `quietMs` instead while a large text's
 * tree may be kept here: its next edit would be a full parse).
 */
const FAST_QUIET_MS = 300;
/** Extra time a parse may take past its budget (reading the tree, a busy machine) before the worker is ended. */
const WATCHDOG_GRACE_MS = 4000;
/**
 * Whether a worker's thread has stopped, read without the event loop (the 'exit' event and
 * `resourceLimits` change only when it turns): once stopped, a worker's event-loop idle time
 * reads -1. False when it cannot tell (its loop start was not read while it ran).
 */
function workerGone(worker: Worker): boolean {
  return worker.performance.eventLoopUtilization().idle < 0;
}

/**
 * `worker_threads`, loaded with the first worker: a server whose texts are all small never starts
 * one, and the module (with the worker messaging it brings) is about 0.5 MB of resident memory.
 * `performance` (the timings of a worker's answers) is the global one for the same reason: the
 * `perf_hooks` import loaded its ten modules at start-up (0.25 MB; docs/performance.md, "Session 11, mem").
 */
let workerThreads: typeof import('node:worker_threads') | undefined;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const threads = () => (workerThreads ??= require('node:worker_threads') as typeof import('node:worker_threads'));

/** What resolves `ensure` once a worker says it is ready. */
const readyHandlers = new WeakMap<Worker, () => void>();

/** A worker's own V8 heap: past it the worker (only) ends with ERR_WORKER_OUT_OF_MEMORY. */
const RESOURCE_LIMITS = { maxOldGenerationSizeMb: 512, stackSizeMb: 4 };
/** Bodies of files that are not open (resource scripts read by haresources), kept for `bodyOf`. */
const OTHERS_KEPT = 64;
/** After a worker failed to start, texts are parsed in the caller's thread for this long before a worker is tried again. */
const START_RETRY_MS = 60_000;

interface Request {
  seq: number;
  key: string;
  text: string;
  edits: TreeEditInfo[] | null;
  keep: boolean;
  /** The document's entry (a throw-away one for `keep: false`). */
  entry: DocEntry;
  decoder: FragmentDecoder;
  resolve: (b: ShellBody) => void;
  /** Re-sent after a worker restart already. */
  retried?: boolean;
  /** Posted to the slot's current worker. */
  posted?: boolean;
  /** Answered (resolved). */
  done?: boolean;
  /** Answered without a parse that `bodyOf` should give (no worker: the caller parses it itself). */
  transient?: boolean;
}

interface Slot {
  index: number;
  worker?: Worker;
  /** The worker's answers (also read synchronously), and the counter it bumps after each. */
  port?: MessagePort;
  signal?: Int32Array;
  /** The worker said it is ready: parses are posted at once. */
  isReady?: boolean;
  /** A synchronous wait gave up on this worker (no answer within the parse budget): no more of them until it answers. */
  stalled?: boolean;
  /** Increases with every worker started in this slot: a document's tree is in the worker of its generation. */
  generation: number;
  ready?: Promise<void>;
  /** Sent, not answered, in order (the worker answers in order). */
  outstanding: Request[];
  /** Parses given to this slot and not answered yet (sent or waiting for the worker to start). */
  assigned: number;
  heap?: WorkerHeap;
  watchdog?: ReturnType<typeof setTimeout>;
  /** When the head request started (the previous answer, or its sending). */
  headSince: number;
  lastUse: number;
  quietTimer?: ReturnType<typeof setTimeout>;
}

interface DocEntry {
  slot: Slot;
  generation: number;
  decoder: FragmentDecoder;
  /** The latest results, newest last (the analysis asks for the text it analyses). */
  results: { text: string; body: ShellBody }[];
  size: number;
}

export class ParserHost implements ShellBodies {
  private readonly opts: Required<Omit<ParserHostOptions, 'onSettled' | 'log' | 'workerScript' | 'onIdle' | 'onRecycleInThread' | 'fastRuntime'>> & ParserHostOptions;
  private modules?: Promise<WasmModules>;
  private readonly slots: Slot[];
  private readonly docs = new Map<string, DocEntry>();
  private readonly others = new Map<string, { text: string; body?: ShellBody }>();
  private readonly faulted = new Map<string, { text: string; reason: string }>();
  /** Parses `bodyOf` started, until their bodies are stored. */
  private readonly background = new Set<Promise<void>>();
  /** Parses asked for and not answered. */
  private readonly inflight = new Set<Request>();
  /** Documents whose own body `bodyOf` answered 'pending' for (`tookPending`). */
  private readonly pendingSeen = new Map<string, string>();
  private seq = 0;
  private startFailure?: string;
  /** When the last worker start failed (no worker could start): see `workerUnavailable`. */
  private startFailedAt?: number;
  /** Texts whose next parse goes to a worker whatever their size (an injected fault); `*`: the next parse of any. */
  private readonly forced = new Set<string>();
  private inThreadLoaded = false;
  /** This thread's runtime parsed a text above `IN_THREAD_SMALL` since it was loaded: it is recycled when idle. */
  private inThreadGrown = false;
  private inThreadTimer: ReturnType<typeof setTimeout> | undefined;
  /** A runtime being loaded to replace this thread's (`recycleInThread`), which parses meanwhile. */
  private reloading: Promise<boolean> | undefined;
  /** The TurboFan runtime module (`fastRuntime`), once compiled, and the timer of its next step. */
  private fast: WasmModule | undefined;
  private fastTimer: ReturnType<typeof setTimeout> | undefined;
  private lastInThread = 0;
  private readonly createdAt = Date.now();
  private closed = false;
  private readonly counts: ParserHostStats = { running: 0, started: 0, ended: { idle: 0, heap: 0, fault: 0, hang: 0, exit: 0 }, faultedInputs: 0, parses: 0, statements: { sent: 0, reused: 0 }, heaps: [], inThread: 0, inThreadRecycles: 0, fastRuntime: 'off', workerUnavailable: false };

  constructor(options: ParserHostOptions) {
    this.opts = { workers: 1, idleMs: 0, heapBoundBytes: 0, quietMs: 1000, maxWasmBytes: 512 * 1024 * 1024, watchdogGraceMs: WATCHDOG_GRACE_MS, releaseWhenIdle: false, faults: false, inThreadMaxChars: 0, ...options };
    this.slots = Array.from({ length: Math.max(1, this.opts.workers) }, (_, index) => ({ index, generation: 0, outstanding: [], assigned: 0, headSince: 0, lastUse: 0 }));
    if (this.opts.inThreadMaxChars > 0 && options.fastRuntime === true && fastRuntimeAvailable()) this.counts.fastRuntime = 'waiting';
  }

  private fastAt(state: 'compiling' | 'ready' | 'on'): void {
    (this.counts.fastRuntimeAt ??= {})[state] = Date.now() - this.createdAt;
  }

  /** Compiles the wasm and starts the workers now (the server at start-up), rather than at the first parse. */
  async warm(): Promise<void> {
    await Promise.all(this.slots.map((s) => this.ensure(s)));
  }

  /** Why the last worker start failed (its script missing, the wasm not loaded), until one starts. */
  startError(): string | undefined {
    return this.startFailure;
  }

  /**
   * Loads the parser in the caller's thread from the same compiled modules the workers get
   * (compiled once): texts up to `inThreadMaxChars` are then parsed there (`inThread`).
   */
  async loadInThread(): Promise<void> {
    this.modules ??= compileWasm(findWasm(this.opts.wasmDir));
    const modules = await this.modules;
    if (!bashLanguage()) await loadBashFromModules(modules, IN_THREAD_MAX_WASM_BYTES);
    // A wasm fault here does not end shell parsing: the worker takes every text from then on.
    setAfterFailure('it is tried again on the next edit, by the parser worker');
    this.inThreadLoaded = true;
  }

  /**
   * Whether `key`'s `text` is parsed in the caller's thread (the analysis parses it there:
   * `bodyOf` answers undefined) rather than by a worker (`parse`): small texts while this
   * thread's parser works, and every text while no worker can start.
   */
  inThread(key: string, text: string): boolean {
    if (!this.inThreadLoaded || !sharedBashParser()) return false;
    if (this.forced.has(key) || this.forced.has('*')) return false;
    const mark = this.faulted.get(key);
    if (mark && mark.text === text) return false;
    if (text.length > this.opts.inThreadMaxChars && !this.workerUnavailable()) return false;
    if (text.length > IN_THREAD_SMALL) this.inThreadGrown = true;
    if (this.inThreadGrown) this.scheduleInThreadRecycle();
    this.lastInThread = Date.now();
    if (this.counts.fastRuntime === 'waiting' || this.counts.fastRuntime === 'ready') this.scheduleFast();
    return true;
  }

  /**
   * The TurboFan runtime's next step (`fastRuntime`), re-armed by every text parsed here: its
   * compilation once this thread has been quiet for `FAST_QUIET_MS` (after the first
   * diagnostics, or in a pause of a burst of opens), the switch to it once quiet again.
   */
  private scheduleFast(): void {
    clearTimeout(this.fastTimer);
    const state = this.counts.fastRuntime;
    const wait = state === 'waiting' ? FAST_QUIET_MS : state === 'ready' ? (this.inThreadGrown ? this.opts.quietMs : FAST_QUIET_MS) : -1;
    if (wait < 0 || this.closed) return;
    this.fastTimer = setTimeout(() => {
      this.fastTimer = undefined;
      const left = this.lastInThread + wait - Date.now();
      if (left > 0) return this.scheduleFast();
      if (this.counts.fastRuntime === 'waiting') this.compileFast();
      else if (this.counts.fastRuntime === 'ready') void this.recycleInThread();
    }, wait);
    this.fastTimer.unref?.();
  }

  private compileFast(): void {
    this.counts.fastRuntime = 'compiling';
    this.fastAt('compiling');
    compileFastRuntime(findWasm(this.opts.wasmDir)).then((module) => {
      if (this.closed) return;
      this.fast = module;
      this.counts.fastRuntime = 'ready';
      this.fastAt('ready');
      this.scheduleFast();
    }, (err: unknown) => {
      this.counts.fastRuntime = 'failed';
      this.opts.log?.(`sysv-ha: the bash parser's runtime was not compiled by TurboFan; it keeps its first code (${err instanceof Error ? err.message : String(err)})`);
    });
  }

  /** (Re)arms the in-thread recycle: `idleMs` after the last text routed here. */
  private scheduleInThreadRecycle(): void {
    if (this.opts.idleMs <= 0) return;
    clearTimeout(this.inThreadTimer);
    this.inThreadTimer = setTimeout(() => void this.recycleInThread(), this.opts.idleMs);
    this.inThreadTimer.unref?.();
  }

  /**
   * Lets this thread's parser runtime go with its wasm memory for a fresh one from the compiled
   * modules (the TurboFan runtime once compiled: `fastRuntime`). The fresh one is loaded first
   * (a few milliseconds), while the current one still parses every text that comes; then, in one
   * turn, the caller's trees are let go (`onRecycleInThread`: the next parse of those documents
   * is a full one, as after a worker's recycle) and the thread switches to it. A runtime that
   * does not load leaves the current one in place. Returns whether the runtime was replaced.
   */
  recycleInThread(): Promise<boolean> {
    clearTimeout(this.inThreadTimer);
    this.inThreadTimer = undefined;
    if (!this.inThreadLoaded || this.closed) return Promise.resolve(false);
    this.reloading ??= this.reloadInThread().finally(() => {
      this.reloading = undefined;
    });
    return this.reloading;
  }

  private async reloadInThread(): Promise<boolean> {
    const fast = this.counts.fastRuntime === 'ready' ? this.fast : undefined;
    let prepared: PreparedBash;
    try {
      this.modules ??= compileWasm(findWasm(this.opts.wasmDir));
      const modules = await this.modules;
      prepared = await prepareBash(fast ? { runtime: fast, bash: modules.bash } : modules, IN_THREAD_MAX_WASM_BYTES);
      // Workers and later recycles get the TurboFan runtime too; the Liftoff one goes with its last instance.
      if (fast) this.modules = Promise.resolve({ runtime: fast, bash: modules.bash });
    } catch (err) {
      this.opts.log?.(`sysv-ha: the bash parser did not load again in the server's thread; the one loaded before keeps parsing (${err instanceof Error ? err.message : String(err)})`);
      return false;
    }
    if (this.closed || !this.inThreadLoaded) return false;
    this.opts.onRecycleInThread?.();
    switchBash(prepared);
    clearTimeout(this.inThreadTimer);
    this.inThreadTimer = undefined;
    if (this.inThreadGrown || !fast) this.counts.inThreadRecycles++;
    this.inThreadGrown = false;
    if (fast) {
      this.counts.fastRuntime = 'on';
      this.fastAt('on');
      clearTimeout(this.fastTimer);
    }
    this.opts.onIdle?.();
    return true;
  }

  /** No worker could start (recently): texts are parsed in the caller's thread. */
  workerUnavailable(): boolean {
    if (this.startFailedAt === undefined) return false;
    if (Date.now() - this.startFailedAt < START_RETRY_MS && !this.slots.some((s) => s.worker)) return true;
    this.startFailedAt = undefined;
    return false;
  }

  /**
   * The caller parsed `key`'s latest text in its own thread: the worker's tree of an older
   * version must not be edited from (the next parse there is a full one).
   */
  parsedHere(key: string): void {
    this.counts.inThread++;
    if (this.docs.has(key)) this.forget(key);
    this.faulted.delete(key);
  }

  /**
   * The body of `text`, the document `key`'s new version; `edits` since the text of the last
   * `parse` of the same key (null: parse from scratch). `keep`: keep the tree for the next
   * edit (an open document; `forget` drops it).
   */
  parse(key: string, text: string, edits: TreeEditInfo[] | null, keep = true): Promise<ShellBody> {
    this.counts.parses++;
    if (!this.forced.delete(key)) this.forced.delete('*');
    let entry = keep ? this.docs.get(key) : undefined;
    if (!entry) {
      entry = { slot: this.pickSlot(), generation: -1, decoder: new FragmentDecoder(), results: [], size: text.length };
      if (keep) this.docs.set(key, entry);
    }
    entry.size = text.length;
    const mark = this.faulted.get(key);
    if (mark) {
      if (mark.text === text) {
        // The same text faulted: not tried again. Its next edit is (a full parse).
        entry.generation = -1;
        return Promise.resolve(this.remember(key, text, { failure: mark.reason }, keep));
      }
      this.faulted.delete(key);
    }
    if (this.closed) return Promise.resolve({ failure: 'the shell parser was shut down' });
    const target = entry;
    target.slot.assigned++;
    return new Promise<ShellBody>((resolve) => {
      const req: Request = {
        seq: ++this.seq, key, text, edits, keep, entry: target, decoder: target.decoder,
        resolve: (b) => {
          if (req.done) return;
          req.done = true;
          target.slot.assigned--;
          this.inflight.delete(req);
          resolve(req.transient ? b : this.remember(key, text, b, keep));
        },
      };
      this.inflight.add(req);
      void this.send(target.slot, req);
    });
  }

  /**
   * Whether the body of `key`'s `text` is here or on its way from a running worker, so that
   * `bodyOf` can wait for it without giving the event loop a turn. The server then analyses at
   * once, and the checks that need no body run while the worker parses; otherwise (the worker
   * is starting, or the text is large and parsed in full) it awaits `parse` first.
   */
  canWaitFor(key: string, text: string): boolean {
    if (this.docs.get(key)?.results.some((r) => r.text === text)) return true;
    // A full parse of a large text is awaited instead: the checks that need no body are a small
    // part of its analysis, the server stays free for other requests meanwhile, and a wait
    // past the budget (a busy machine) would make it analyse the whole text twice.
    for (const r of this.inflight) if (r.key === key && r.text === text && r.posted && !r.entry.slot.stalled) return !(r.edits === null && r.text.length > LARGE_TEXT);
    return false;
  }

  /**
   * Whether `bodyOf` answered 'pending' for the document `key`'s `text` (its synchronous wait
   * ended before the answer): the analysis that read it should be done again now that `parse`
   * settled. Answers true once.
   */
  tookPending(key: string, text: string): boolean {
    if (this.pendingSeen.get(key) !== text) return false;
    this.pendingSeen.delete(key);
    return true;
  }

  /** Drops a document's tree and statements (closed, or its analysis was let go). */
  forget(key: string): void {
    const entry = this.docs.get(key);
    this.pendingSeen.delete(key);
    if (!entry) return;
    this.docs.delete(key);
    if (entry.slot.worker && entry.generation === entry.slot.generation) this.post(entry.slot, { type: 'drop', key });
    this.scheduleQuiet(entry.slot);
  }

  /**
   * `ShellBodies`: a document's body once `parse` gave it for this text; for another file (a
   * resource script), its body when parsed before, else `pending` while it is parsed in the
   * background (`onSettled` says when).
   */
  bodyOf(path: string, text: string): ShellBody | 'pending' | undefined {
    const entry = this.docs.get(path);
    let hit = entry?.results.find((r) => r.text === text);
    if (hit) return hit.body;
    // Being parsed by a running worker: wait for it here (the analysis is synchronous), at most
    // the parse budget. Not answered by then (a slow or hung worker, or the text re-sent to a
    // fresh worker after another text's fault): 'pending', and the caller analyses again once
    // the parse settles (`tookPending`); the watchdog still ends a hung worker.
    let req: Request | undefined;
    for (const r of this.inflight) if (r.key === path && r.text === text && r.posted) req = r;
    if (req) {
      this.waitFor(req);
      hit = this.docs.get(path)?.results.find((r) => r.text === text);
      if (hit) return hit.body;
      if (!req.done) {
        this.pendingSeen.set(path, text);
        return 'pending';
      }
    }
    const other = this.others.get(path);
    if (other && other.text === text) return other.body ?? 'pending';
    if (this.closed || this.inThread(path, text)) return undefined;
    this.others.delete(path);
    this.others.set(path, { text });
    while (this.others.size > OTHERS_KEPT) this.others.delete(this.others.keys().next().value!);
    const done = this.parse(path, text, null, false).then((body) => {
      const o = this.others.get(path);
      if (o && o.text === text) {
        o.body = body;
        this.opts.onSettled?.(path);
      }
    });
    this.background.add(done);
    void done.finally(() => this.background.delete(done));
    return 'pending';
  }

  /** Resolves once the bodies `bodyOf` answered `pending` for are ready (the CLI waits for them). */
  async settled(): Promise<void> {
    while (this.background.size > 0) await Promise.all([...this.background]);
  }

  /**
   * Fault injection (only with `faults`): the next parse (of `key`, or any) faults this way. With
   * `inThread` (kind `wasm` only), the next parse in the caller's thread throws a wasm RuntimeError.
   */
  async injectFault(kind: FaultKind, key?: string, inThread = false): Promise<boolean> {
    if (!this.opts.faults) return false;
    if (inThread) {
      if (kind !== 'wasm' || !this.inThreadLoaded) return false;
      injectInThreadFault();
      return true;
    }
    // The faulting parse is a worker's, whatever the text's size.
    this.forced.add(key ?? '*');
    const slot = (key !== undefined ? this.docs.get(key)?.slot : undefined) ?? this.slots[0]!;
    await this.ensure(slot);
    this.post(slot, { type: 'fault', kind, key });
    return true;
  }

  stats(): ParserHostStats {
    return { ...this.counts, fastRuntimeAt: this.counts.fastRuntimeAt && { ...this.counts.fastRuntimeAt }, workerUnavailable: this.startFailedAt !== undefined, ended: { ...this.counts.ended }, statements: { ...this.counts.statements }, running: this.slots.filter((s) => s.worker).length, heaps: this.slots.filter((s) => s.worker && s.heap).map((s) => s.heap!) };
  }

  /** Ends every worker; later parses answer that the parser is shut down. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.inThreadTimer);
    clearTimeout(this.fastTimer);
    await Promise.all(this.slots.map(async (s) => {
      const worker = s.worker;
      for (const r of s.outstanding) r.resolve({ failure: 'the shell parser was shut down' });
      this.discard(s);
      await worker?.terminate();
    }));
  }

  // ------------------------------------------------------------------------------------ internals

  private remember(key: string, text: string, body: ShellBody, keep: boolean): ShellBody {
    const entry = keep ? this.docs.get(key) : undefined;
    if (entry) {
      entry.results.push({ text, body });
      if (entry.results.length > 2) entry.results.shift();
    }
    return body;
  }

  private pickSlot(): Slot {
    let best = this.slots[0]!;
    for (const s of this.slots) if (s.assigned < best.assigned) best = s;
    return best;
  }

  private post(slot: Slot, m: ToWorker): void {
    slot.worker?.postMessage(m);
  }

  /** Starts the slot's worker if it has none; resolves when it is ready (or could not start). */
  private ensure(slot: Slot): Promise<void> {
    // One start at a time: callers during a start share it.
    if (slot.ready) return slot.ready;
    this.modules ??= compileWasm(findWasm(this.opts.wasmDir));
    const t0 = Date.now();
    slot.generation++;
    const generation = slot.generation;
    slot.heap = undefined;
    const ready = this.modules.then((modules) => new Promise<void>((resolve) => {
      if (slot.generation !== generation || this.closed) return resolve();
      const channel = new (threads().MessageChannel)();
      const signal = new SharedArrayBuffer(4);
      const data: WorkerData = { modules, maxWasmBytes: this.opts.maxWasmBytes, faults: this.opts.faults, port: channel.port2, signal };
      let worker: Worker;
      try {
        worker = new (threads().Worker)(this.opts.workerScript ?? join(__dirname, 'parserWorker.js'), { workerData: data, transferList: [channel.port2], resourceLimits: RESOURCE_LIMITS });
      } catch (err) {
        channel.port1.close();
        this.startFailure = `the parser worker did not start (${err instanceof Error ? err.message : String(err)})`;
        this.startFailedAt = Date.now();
        this.opts.log?.(`sysv-ha: ${this.startFailure}`);
        slot.ready = undefined;
        return resolve();
      }
      slot.worker = worker;
      slot.port = channel.port1;
      slot.signal = new Int32Array(signal);
      slot.isReady = false;
      this.counts.started++;
      const onReady = () => {
        this.counts.lastStartMs = Date.now() - t0;
        this.startFailure = undefined;
        this.startFailedAt = undefined;
        resolve();
      };
      readyHandlers.set(worker, onReady);
      channel.port1.on('message', (m: FromWorker) => this.onMessage(slot, worker, m));
      worker.on('error', (err) => {
        if (slot.worker !== worker) return;
        const message = err instanceof Error ? err.message : String(err);
        const oom = (err as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY';
        if (!slot.isReady) {
          this.startFailure = `the parser worker did not start (${message})`;
          this.startFailedAt = Date.now();
          this.opts.log?.(`sysv-ha: ${this.startFailure}`);
        }
        this.died(slot, oom ? 'the shell parser ran out of memory on this text' : `the shell parser failed on this text (${message})`);
        resolve();
      });
      worker.on('exit', (code) => {
        if (slot.worker !== worker) return;
        if (!slot.isReady) {
          this.startFailure = `the parser worker did not start (it exited with code ${code})`;
          this.startFailedAt = Date.now();
          this.opts.log?.(`sysv-ha: ${this.startFailure}`);
        }
        this.died(slot, `the shell parser stopped on this text (exit code ${code})`);
        resolve();
      });
    }), (err: unknown) => {
      this.startFailure = `the shell parser did not load (${err instanceof Error ? err.message : String(err)})`;
      this.startFailedAt = Date.now();
      this.opts.log?.(`sysv-ha: ${this.startFailure}`);
      this.modules = undefined;
      slot.ready = undefined;
    });
    slot.ready = ready;
    return ready;
  }

  private async send(slot: Slot, req: Request): Promise<void> {
    req.posted = false;
    // Posted at once to a ready worker (the caller may then wait for it synchronously).
    if (!(slot.worker && slot.isReady)) await this.ensure(slot);
    if (req.done) return;
    if (!slot.worker || !slot.isReady) {
      // No worker: the caller parses it in its own thread when it can (`inThread`), so this answer is not kept for `bodyOf`.
      if (this.inThread(req.key, req.text)) req.transient = true;
      req.resolve({ failure: this.startFailure ?? 'the shell parser is not running' });
      return;
    }
    // The document's tree and fragments are in this worker only if it was parsed there since
    // the worker started; otherwise this parse starts from scratch, on both sides.
    const entry = req.entry;
    if (entry.generation !== slot.generation) {
      req.edits = null;
      entry.decoder = new FragmentDecoder();
      entry.generation = slot.generation;
    }
    req.decoder = entry.decoder;
    if (slot.outstanding.length === 0) slot.headSince = Date.now();
    slot.outstanding.push(req);
    slot.lastUse = Date.now();
    clearTimeout(slot.quietTimer);
    this.post(slot, { type: 'parse', seq: req.seq, key: req.key, text: req.text, edits: req.edits, keep: req.keep });
    req.posted = true;
    this.armWatchdog(slot);
  }

  /**
   * Waits here, without giving the event loop a turn, until `req` is answered, at most the parse
   * budget (and not at all on a worker that let a wait down before and has not answered since): the worker's answers are read from its port as they come (`receiveMessageOnPort`),
   * between waits on the counter it bumps. A worker that died is noticed at once (its 'exit'
   * event would need the event loop), and the watchdog's limit holds here too. Returns early
   * when the request is re-sent to a worker that is still starting.
   */
  private waitFor(req: Request): void {
    const slot = req.entry.slot;
    const until = Date.now() + parseBudgetMs(req.text.length);
    while (!req.done) {
      const { port, signal, worker } = slot;
      if (!port || !signal || !worker || !req.posted || slot.stalled) return;
      const seen = Atomics.load(signal, 0);
      const got = threads().receiveMessageOnPort(port);
      if (got) {
        this.onMessage(slot, worker, got.message as FromWorker);
        continue;
      }
      const head = slot.outstanding[0];
      if (!head) return;
      if (workerGone(worker)) {
        this.died(slot, 'the shell parser stopped on this text');
        continue;
      }
      const now = Date.now();
      const left = slot.headSince + this.limitFor(head) - now;
      if (left <= 0) {
        this.counts.ended.hang++;
        this.restart(slot, head, `the shell parser did not finish within ${Math.round(this.limitFor(head) / 1000)} s on this text and was restarted`);
        continue;
      }
      if (now >= until) {
        // Hung, or very slow: the next analyses await its answers instead of blocking again.
        slot.stalled = true;
        return;
      }
      Atomics.wait(signal, 0, seen, Math.min(left, until - now, 20));
    }
  }

  /** How long the head request may take before its worker is ended: the budget, a grace, and time to read a large tree. */
  private limitFor(req: Request): number {
    return parseBudgetMs(req.text.length) + this.opts.watchdogGraceMs + Math.ceil(req.text.length / 512);
  }

  private armWatchdog(slot: Slot): void {
    clearTimeout(slot.watchdog);
    const head = slot.outstanding[0];
    if (!head) return;
    // The budget stops a slow parse; reading a large tree takes time too (about 2 ms per KB on a busy machine).
    const limit = this.limitFor(head);
    const left = slot.headSince + limit - Date.now();
    slot.watchdog = setTimeout(() => {
      if (slot.outstanding[0] !== head) return this.armWatchdog(slot);
      this.counts.ended.hang++;
      this.restart(slot, head, `the shell parser did not finish within ${Math.round(limit / 1000)} s on this text and was restarted`);
    }, Math.max(0, left));
    slot.watchdog.unref?.();
  }

  /** A message from a slot's worker (read by the port's listener, or synchronously by `waitFor`). */
  private onMessage(slot: Slot, worker: Worker, m: FromWorker): void {
    if (slot.worker !== worker) return;
    slot.stalled = false;
    if (m.type === 'ready') {
      slot.isReady = true;
      slot.heap = m.heap;
      // Reads the worker's loop start once, while it runs, so that `workerGone` can tell later.
      worker.performance.eventLoopUtilization();
      readyHandlers.get(worker)?.();
      readyHandlers.delete(worker);
      return;
    }
    this.answer(slot, m);
  }

  private answer(slot: Slot, m: FromWorker): void {
    if (m.type === 'ready') return;
    const i = slot.outstanding.findIndex((r) => r.seq === m.seq);
    if (i < 0) return;
    const [req] = slot.outstanding.splice(i, 1) as [Request];
    slot.headSince = Date.now();
    this.armWatchdog(slot);
    if (m.type === 'fault') {
      this.counts.ended.fault++;
      this.restart(slot, req, m.outOfMemory ? 'the shell parser ran out of memory on this text and was restarted' : `the shell parser failed on this text (${m.message}) and was restarted`);
      return;
    }
    slot.heap = m.heap;
    if (m.fragments) {
      this.counts.statements.sent += m.fragments.fresh.length;
      this.counts.statements.reused += m.fragments.ids.length - m.fragments.fresh.length;
      const t0 = performance.now();
      const body = req.decoder.decode(m.fragments);
      if (m.ms) this.counts.last = { ...m.ms, decode: performance.now() - t0, fresh: m.fragments.fresh.length, reused: m.fragments.ids.length - m.fragments.fresh.length };
      if (!body) {
        // The two sides disagree on the statements (cannot happen): read it all again.
        this.post(slot, { type: 'drop', key: req.key });
        req.entry.generation = -1;
        void this.send(slot, req);
        return;
      }
      req.resolve({ body, noCommentRows: m.noCommentRows, incremental: m.incremental });
    } else req.resolve({ stoppedAfterMs: m.stoppedAfterMs, refused: m.refused });
    this.scheduleQuiet(slot);
  }

  /** The worker died on its head request (or on `culprit`): mark it, start afresh, re-send the others. */
  private died(slot: Slot, reason: string): void {
    if (this.closed) return;
    const head = slot.outstanding[0];
    if (!head) {
      // Nothing was being parsed (it ended between parses): the next parse starts a new one.
      this.counts.ended.exit++;
      this.discard(slot);
      return;
    }
    this.counts.ended.fault++;
    this.restart(slot, head, `${reason} and was restarted`);
  }

  private restart(slot: Slot, culprit: Request, reason: string): void {
    const others = slot.outstanding.filter((r) => r !== culprit);
    this.discard(slot);
    this.faulted.set(culprit.key, { text: culprit.text, reason: `${reason}; it is tried again on the next edit` });
    this.counts.faultedInputs++;
    this.opts.log?.(`sysv-ha: ${reason} (${culprit.key})`);
    culprit.entry.generation = -1;
    culprit.resolve({ failure: `${reason}; it is tried again on the next edit` });
    // The other documents' parses go to the fresh worker, from scratch (their trees are gone).
    for (const r of others) {
      if (r.retried) {
        r.resolve({ failure: `${reason}; it is tried again on the next edit` });
        continue;
      }
      r.retried = true;
      void this.send(slot, r);
    }
  }

  /** Ends the slot's worker without a word to it; its documents' trees are gone. */
  private discard(slot: Slot): void {
    const worker = slot.worker;
    clearTimeout(slot.watchdog);
    clearTimeout(slot.quietTimer);
    slot.worker = undefined;
    slot.ready = undefined;
    slot.isReady = false;
    slot.stalled = false;
    slot.port?.close();
    slot.port = undefined;
    slot.signal = undefined;
    slot.outstanding = [];
    slot.heap = undefined;
    for (const e of this.docs.values()) if (e.slot === slot) e.generation = -1;
    void worker?.terminate();
  }

  private async end(slot: Slot, reason: 'idle' | 'heap'): Promise<void> {
    if (!slot.worker || slot.outstanding.length > 0) return;
    this.counts.ended[reason]++;
    const worker = slot.worker;
    this.discard(slot);
    await worker.terminate();
    if (this.slots.every((s) => !s.worker && !s.ready)) {
      if (this.opts.releaseWhenIdle) this.modules = undefined;
      this.opts.onIdle?.();
    }
  }

  /** After an answer or a drop: once the slot is quiet, end it if it is idle or holds a heap for nothing. */
  private scheduleQuiet(slot: Slot): void {
    if (!slot.worker || (this.opts.idleMs <= 0 && this.opts.heapBoundBytes <= 0)) return;
    clearTimeout(slot.quietTimer);
    const wait = Math.min(this.opts.quietMs, this.opts.idleMs > 0 ? this.opts.idleMs : Infinity);
    slot.quietTimer = setTimeout(() => this.quiet(slot), wait);
    slot.quietTimer.unref?.();
  }

  private quiet(slot: Slot): void {
    if (!slot.worker || slot.outstanding.length > 0) return;
    const since = Date.now() - slot.lastUse;
    const heap = slot.heap ? heapBytes(slot.heap) : 0;
    let large = false;
    let resident = false;
    let holds = false;
    for (const e of this.docs.values()) {
      if (e.slot !== slot || e.generation !== slot.generation) continue;
      holds = true;
      // A text this size is parsed in the worker again on its next edit (a smaller one here).
      if (e.size > this.opts.inThreadMaxChars) resident = true;
      if (e.size > LARGE_TEXT) large = true;
    }
    if (this.opts.heapBoundBytes > 0 && heap > this.opts.heapBoundBytes && !large && since >= this.opts.quietMs) {
      void this.end(slot, 'heap');
      return;
    }
    // Idle, but not while the tree of a document that goes to the worker lives in it (an open
    // document the server keeps, larger than what the server parses in its own thread): its
    // next edit would pay a worker start and a full parse. Closing it (or the server
    // letting its analysis go) drops the tree, and the worker goes once idle.
    // A worker that holds no document's tree (the large ones were closed or let go) is ended once
    // quiet: nothing of it would be reused, and its memory goes back seconds sooner.
    if (this.opts.idleMs > 0 && !resident && (since >= this.opts.idleMs || (!holds && since >= this.opts.quietMs))) {
      void this.end(slot, 'idle');
      return;
    }
    let next = this.opts.idleMs > 0 ? this.opts.idleMs - since : Infinity;
    if (!holds && !resident) next = Math.min(next, this.opts.quietMs - since);
    if (Number.isFinite(next)) {
      slot.quietTimer = setTimeout(() => this.quiet(slot), Math.max(10, next));
      slot.quietTimer.unref?.();
    }
  }
}
