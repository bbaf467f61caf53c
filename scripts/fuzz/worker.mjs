// A fuzz worker thread: loads the compiled service once, then runs the cases the main
// thread sends ({ k }), answering { k, ms, failure? } for each.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { caseFor, checkLongCase, threadId } from './longline.mjs';
import { CaseFailure, checkSecrets, runCase } from './check.mjs';

process.setSourceMapsEnabled?.(true);
const { repo, seed, wasmDir } = workerData;
const require = createRequire(join(repo, 'package.json'));
const svc = require(join(repo, 'out/server/src/service/index.js'));
const { applyChanges } = require(join(repo, 'out/server/src/lsp/incremental.js'));
const { TextDocument } = require('vscode-languageserver-textdocument');
const format = require(join(repo, 'out/server/src/cli/format.js'));
// The secrets oracle (test/helpers/secrets.ts, compiled by tsc -b with the tests).
const secrets = require(join(repo, 'out/test/helpers/secrets.js'));

// The main thread's corpus (a respawned worker must see the same seed files as the others).
const corpus = workerData.corpus.map((f) => ({ ...f, bytes: Buffer.from(f.bytes) }));
const codes = svc.allProblems().map((d) => d.code);
await svc.initialize({ wasmDir });
const env = { svc, applyChanges, TextDocument, format, secrets };

parentPort.on('message', (msg) => {
  if (msg.k === undefined) return;
  const c = caseFor(seed, msg.k, corpus, codes);
  const t0 = performance.now();
  let failure;
  let stats;
  try {
    if (c.long) {
      const times = checkLongCase(env, c, corpus, (kind, message) => { throw new CaseFailure(kind, message); });
      stats = { long: true, what: c.what, times };
      // The secrets oracle is quadratic in the candidates x outputs: long cases up to 60k characters.
      if (c.language === 'authkeys' && c.bytes.length < 60_000) checkSecrets(env, c);
    } else {
      stats = runCase(env, c);
    }
  } catch (err) {
    failure = err instanceof CaseFailure
      ? { kind: err.kind, message: err.message, stack: err.stack }
      : { kind: 'throw:harness', message: String(err?.message ?? err), stack: String(err?.stack ?? err) };
  }
  const ms = performance.now() - t0;
  parentPort.postMessage({ k: msg.k, ms, failure, stats, language: c.language, size: c.bytes.length, mutations: c.mutations });
});
// The main thread's watchdog reads this thread's CPU time by its id.
parentPort.postMessage({ ready: true, tid: threadId() });
