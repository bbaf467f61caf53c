/**
 * A recycled parser runtime is let go: once its trees are released, nothing the body reader
 * keeps between reads (its walkers, its reader, its scratch arrays) holds the old runtime, so
 * its wasm memory goes back (issue 18: "memory that goes back"). Session 13 found a walker of a
 * real read kept for V8's sake holding the runtime (fixed in 505c15e): 18 MB stayed resident after
 * the 20k-line script was closed. mem's TurboFan runtime (replaced when quiet) goes the same way.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import * as svc from '../../server/src/service';
import { ParserHost } from '../../server/src/service/shell/parserHost';
import { bashLib, wasmRuntime } from '../../server/src/service/shell/treeSitter';
import { REPO } from '../helpers/golden';

const SCRIPT = readFileSync(join(REPO, 'examples/etc/rc.d/init.d/httpd'), 'utf8');
const settings = { ...svc.DEFAULT_SETTINGS, checkFileModes: false };
const wasmDir = join(REPO, 'dist');
const tick = () => new Promise((r) => setTimeout(r, 0));

describe("the parser runtime after a recycle (the server's thread)", () => {
  let host: ParserHost;
  before(async () => {
    await svc.initialize({ wasmDir });
    host = new ParserHost({ wasmDir, inThreadMaxChars: 1024 * 1024 });
    await host.loadInThread();
  });
  after(async () => host.close());

  it('is collected once its trees are released: nothing the body reader keeps holds it', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    // A read in this thread, through the raw walker (the runtime's own entry points).
    const old = new WeakRef(wasmRuntime()!);
    const oldLib = new WeakRef(bashLib());
    assert.equal(host.inThread('/etc/init.d/httpd', SCRIPT), true);
    const a = svc.analyze({ path: '/etc/init.d/httpd', text: SCRIPT, language: 'initscript' }, settings, undefined, undefined, host);
    const doc = a.model as { body?: { commands: unknown[] }; reparsed?: boolean };
    assert.ok(doc.body && doc.body.commands.length > 0 && doc.reparsed === false, 'the body was parsed and read in this thread');
    svc.releaseTree(a);
    assert.equal(await host.recycleInThread(), true);
    assert.notEqual(wasmRuntime(), old.deref(), 'a new runtime after the recycle');
    // WeakRefs read in a job are kept to its end: collect across a few turns.
    for (let i = 0; i < 6 && (old.deref() !== undefined || oldLib.deref() !== undefined); i++) {
      await tick();
      gc();
    }
    assert.equal(old.deref(), undefined, 'the old runtime (its wasm memory) is still held');
    assert.equal(oldLib.deref(), undefined, "the old runtime's web-tree-sitter is still held");
  });
});
