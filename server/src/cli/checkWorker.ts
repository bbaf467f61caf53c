/**
 * A check worker of `sysv-ha check --jobs N` (`checkPool.ts`): it loads the shell parser from the
 * wasm modules the CLI's thread compiled, then takes whole files from the shared queue (read,
 * parse, body, every per-file check; `checkOne`) with its own host fenced exactly as the CLI's,
 * and answers with each file's outcome. The per-tree checks stay in the CLI's thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import * as svc from '../service';
import { bashLanguage, loadBashFromModules } from '../service/shell/treeSitter';
import { checkOne, contextSettings, fencedHost, type CheckWorkerData, type FromCheckWorker, type ToCheckWorker } from './checkFile';

const data = workerData as CheckWorkerData;
const send = (m: FromCheckWorker) => parentPort!.postMessage(m);

void (async () => {
  // The same limit as the CLI's own thread's parser (web-tree-sitter's default: 2 GiB).
  if (!bashLanguage()) await loadBashFromModules(data.modules, 2048 * 1024 * 1024 - 65536);
  send({ type: 'ready' });
  const settings = contextSettings(data.ctx);
  const host = fencedHost(data.ctx, settings);
  if (data.memos) {
    const seed = await new Promise<ToCheckWorker>((resolve) => parentPort!.once('message', resolve));
    for (const [key, value] of seed.entries) host.seedMemo(key, value);
  }
  const next = new Int32Array(data.next);
  for (;;) {
    const index = Atomics.add(next, 0, 1);
    if (index >= data.queue.length) break;
    send({ type: 'checked', index, outcome: checkOne(data.queue[index]!, settings, host, data.ctx.withText) });
    // A parser that failed here (a wasm fault) stays off in this thread: the others take the rest.
    if (svc.shellParserFailure()) break;
  }
  send({ type: 'done' });
})();
