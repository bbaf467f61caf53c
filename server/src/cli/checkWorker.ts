/**
 * A check worker of `sysv-ha check --jobs N` (`checkPool.ts`): it loads the shell parser from the
 * wasm modules the CLI's thread compiled, then takes whole files from the shared queue (read,
 * parse, body, every per-file check; `checkOne`) with its own host fenced exactly as the CLI's,
 * and answers with each file's outcome. The per-tree checks stay in the CLI's thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import * as svc from '../service';
import type { InitTree } from '../service/boot/scripts';
import { bashLanguage, loadBashFromModules } from '../service/shell/treeSitter';
import { BodiesReadAhead, checkOne, contextSettings, fencedHost, readInput, withHeaders, type CheckWorkerData, type FromCheckWorker, type ToCheckWorker } from './checkFile';

const data = workerData as CheckWorkerData;
const send = (m: FromCheckWorker) => parentPort!.postMessage(m);

void (async () => {
  // The same limit as the CLI's own thread's parser (web-tree-sitter's default: 2 GiB).
  if (!bashLanguage()) await loadBashFromModules(data.modules, 2048 * 1024 * 1024 - 65536);
  send({ type: 'ready' });
  const settings = contextSettings(data.ctx);
  const host = fencedHost(data.ctx, settings);
  const next = new Int32Array(data.next);
  if (data.memos) {
    // While the CLI's thread reads the init.d trees (every script's check needs its tree), the
    // files this thread takes are read and their shell bodies parsed; they are checked, with
    // those bodies, once the trees are here.
    let seed: ToCheckWorker | undefined;
    const seeded = new Promise<void>((resolve) => parentPort!.once('message', (m: ToCheckWorker) => {
      seed = m;
      resolve();
    }));
    const ahead = new BodiesReadAhead();
    const taken: { index: number; text: string }[] = [];
    while (seed === undefined && !svc.shellParserFailure()) {
      const index = Atomics.add(next, 0, 1);
      if (index >= data.queue.length) break;
      const input = data.queue[index]!;
      const read = readInput(input, settings, host);
      if ('skip' in read) send({ type: 'checked', index, outcome: read });
      else {
        if (input.language === 'initscript') ahead.readAhead(input.path, read.text);
        taken.push({ index, text: read.text });
      }
      // A turn of the event loop: the trees' message is taken as soon as it comes.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    await seeded;
    for (const [key, value] of seed!.entries) host.seedMemo(key, key.startsWith('initTree:') ? withHeaders(value as InitTree | undefined, host) : value);
    for (const { index, text } of taken) {
      send({ type: 'checked', index, outcome: checkOne({ ...data.queue[index]!, text }, settings, host, data.ctx.withText, ahead) });
    }
  }
  while (!svc.shellParserFailure()) {
    const index = Atomics.add(next, 0, 1);
    if (index >= data.queue.length) break;
    send({ type: 'checked', index, outcome: checkOne(data.queue[index]!, settings, host, data.ctx.withText) });
    // A parser that failed here (a wasm fault) stays off in this thread: the others take the rest.
    if (svc.shellParserFailure()) break;
  }
  send({ type: 'done' });
})();
