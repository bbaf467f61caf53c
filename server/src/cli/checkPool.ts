/**
 * Every core for `sysv-ha check`: whole files are checked in parallel, by this thread and by
 * --jobs - 1 check workers (`checkWorker.ts`), each reading, parsing and analysing the files it
 * takes with its own host fenced as this thread's. The files are one queue, largest first, that
 * every thread takes the next file from (an atomic counter), so the threads finish together.
 * The wasm modules are compiled once here and posted to the workers. The outcomes come back in
 * the inputs' order, exactly as one thread gives them; the per-tree checks stay with the caller.
 * When no worker can start, this thread checks every file and says so on one line; a file a
 * worker took and never answered (it died) is checked here too.
 */
import { lstatSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import * as svc from '../service';
import { bashLanguage, compileWasm, findWasm, loadBashFromModules } from '../service/shell/treeSitter';
import { loadInitTree, type InitTree, type ScriptInfo } from '../service/boot/scripts';
import type { FsHost } from '../host/fsHost';
import { checkOne, type CheckContext, type CheckInput, type CheckOutcome, type CheckWorkerData, type FromCheckWorker, type ToCheckWorker } from './checkFile';

export interface PoolOptions {
  /** Threads to check with (this one included). */
  jobs: number;
  /** Where the wasm files are (`findWasm`). */
  wasmDir: string;
  /** The worker's script (default: `checkWorker.js` next to this file, as in dist/ and out/). */
  workerScript?: string;
  /** One line to stderr (the note that no worker could start). */
  note: (line: string) => void;
}

/** The shell parser's wasm memory limit in every thread: web-tree-sitter's own (2 GiB). */
const MAX_WASM_BYTES = 2048 * 1024 * 1024 - 65536;

/** Fewer scripts than this per thread are checked sooner by fewer threads. */
const MIN_SCRIPTS_PER_THREAD = 16;

/** An init.d folder with at least this many scripts is read once and its tree posted to the workers. */
const SEED_MIN_SCRIPTS = 8;

/** Whether a file's check parses shell (an init script's body, haresources' resource scripts). */
function parsesShell(language: svc.LanguageId): boolean {
  return language === 'initscript' || language === 'haresources';
}

/** The size of what is at `path` (the link itself for a link: nothing is followed), for the queue's order. */
function sizeOf(path: string): number {
  try {
    return lstatSync(path).size;
  } catch {
    return 0;
  }
}

/**
 * An init.d tree as it is posted to the workers: its scripts without their header models (five
 * sixths of the tree's 2.7 MB structured clone on 1,000 scripts, which the worker spent 25-70 ms
 * taking in): a worker reads a header from the script's text when a check asks for it
 * (`withHeaders`), which few checks do.
 */
function withoutHeaders(tree: InitTree | undefined): InitTree | undefined {
  return tree && { ...tree, scripts: tree.scripts.map(({ header: _header, ...rest }) => rest as ScriptInfo) };
}

/**
 * Checks `inputs` (texts already read, e.g. standard input, in this thread) and returns their
 * outcomes in the same order.
 */
export async function checkInputs(inputs: readonly CheckInput[], ctx: CheckContext, settings: svc.Settings, host: FsHost, options: PoolOptions): Promise<CheckOutcome[]> {
  const outcomes: (CheckOutcome | undefined)[] = new Array(inputs.length);
  const needsShell = inputs.some((i) => parsesShell(i.language));
  const scripts = inputs.filter((i) => i.language === 'initscript').length;
  // A worker costs its start (loading the bundle and the parser) and its own warm-up (V8 compiles
  // the analysis again in every thread): each thread gets at least MIN_SCRIPTS_PER_THREAD scripts.
  const workers = needsShell ? Math.min(options.jobs, Math.floor(scripts / MIN_SCRIPTS_PER_THREAD)) - 1 : 0;
  if (workers <= 0) {
    if (needsShell) await svc.initialize({ wasmDir: options.wasmDir });
    for (let i = 0; i < inputs.length; i++) outcomes[i] = checkOne(inputs[i]!, settings, host, ctx.withText);
    return outcomes as CheckOutcome[];
  }

  // The files on disk, largest first (a large script taken last would leave one thread working alone).
  const order = inputs.map((input, i) => ({ i, size: input.text === undefined ? sizeOf(input.path) : -1 }))
    .filter((e) => e.size >= 0)
    .sort((a, b) => b.size - a.size || a.i - b.i)
    .map((e) => e.i);
  const queue = order.map((i) => inputs[i]!);
  const next = new SharedArrayBuffer(4);
  const counter = new Int32Array(next);

  const modules = await compileWasm(findWasm(options.wasmDir));
  if (!bashLanguage()) await loadBashFromModules(modules, MAX_WASM_BYTES);

  // The image roots whose init.d tree every script's check reads (checkWorkspace: the memo
  // `initTree:ROOT`, as workspace.ts and navigation/initd.ts key it): read once, here, and posted.
  const roots = new Map<string, number>();
  for (const input of inputs) {
    const m = input.language === 'initscript' ? /^(.*)\/etc\/(?:rc\.d\/)?init\.d\/[^/]+$/.exec(input.path) : null;
    if (m) roots.set(m[1]!, (roots.get(m[1]!) ?? 0) + 1);
  }
  const seeded = [...roots].filter(([, n]) => n >= SEED_MIN_SCRIPTS).map(([root]) => root);

  let started = 0;
  let startFailure: string | undefined;
  const running: Worker[] = [];
  const finished: Promise<void>[] = [];
  for (let w = 0; w < workers; w++) {
    finished.push(new Promise<void>((resolve) => {
      const data: CheckWorkerData = { modules, ctx, queue, next, memos: seeded.length > 0 };
      let worker: Worker;
      try {
        worker = new Worker(options.workerScript ?? join(__dirname, 'checkWorker.js'), { workerData: data });
      } catch (err) {
        startFailure ??= `the check worker did not start (${err instanceof Error ? err.message : String(err)})`;
        resolve();
        return;
      }
      running.push(worker);
      let ready = false;
      worker.on('message', (m: FromCheckWorker) => {
        if (m.type === 'ready') {
          ready = true;
          started++;
        } else if (m.type === 'checked') outcomes[order[m.index]!] = m.outcome;
      });
      worker.on('error', (err) => {
        if (!ready) startFailure ??= `the check worker did not start (${err instanceof Error ? err.message : String(err)})`;
      });
      // Every answer is delivered before 'exit'; a file the worker took and did not answer is checked below.
      worker.on('exit', (code) => {
        if (!ready) startFailure ??= `the check worker did not start (it exited with code ${code})`;
        resolve();
      });
    }));
  }

  if (seeded.length > 0) {
    const entries: [string, unknown][] = seeded.map((root) => [`initTree:${root}`, withoutHeaders(host.memo(`initTree:${root}`, () => loadInitTree(root, host)))]);
    for (const worker of running) worker.postMessage({ type: 'memos', entries } satisfies ToCheckWorker);
  }

  // This thread's share: what only it has (standard input), then files from the queue as the workers do.
  for (let i = 0; i < inputs.length; i++) if (inputs[i]!.text !== undefined) outcomes[i] = checkOne(inputs[i]!, settings, host, ctx.withText);
  for (;;) {
    const index = Atomics.add(counter, 0, 1);
    if (index >= queue.length) break;
    outcomes[order[index]!] = checkOne(queue[index]!, settings, host, ctx.withText);
  }
  await Promise.all(finished);
  if (started === 0) {
    // No worker could start (checkWorker.js missing, threads refused): the results are the same, only slower.
    options.note(`sysv-ha: ${startFailure ?? 'no check worker started'}; checking with this thread only, as with --jobs 1 (checkWorker.js belongs next to cli.js)`);
  }
  for (let i = 0; i < inputs.length; i++) outcomes[i] ??= checkOne(inputs[i]!, settings, host, ctx.withText);
  return outcomes as CheckOutcome[];
}
