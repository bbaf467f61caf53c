/**
 * The server's thread parses texts of up to a megabyte itself, and its parser runtime (a wasm
 * memory that never shrinks while it lives) is let go and loaded afresh when idle after a large
 * text (`ParserHost.recycleInThread`, `recycleBash`). A tree of the old runtime is never re-used
 * by the new one, so every analysis after a recycle equals a fresh analysis of the same text.
 * The next runtime is loaded before the current one goes (texts are parsed here all along), and
 * with `fastRuntime`, in a process that compiles wasm with Liftoff only (as the server runs), the
 * thread switches, once quiet, to the runtime compiled again by TurboFan.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { applyChanges } from '../../server/src/lsp/incremental';
import * as svc from '../../server/src/service';
import { ParserHost, type ParserHostOptions } from '../../server/src/service/shell/parserHost';
import { bashLib, bashMemoryBytes } from '../../server/src/service/shell/treeSitter';
import { REPO } from '../helpers/golden';

const SCRIPT = readFileSync(join(REPO, 'examples/etc/rc.d/init.d/httpd'), 'utf8');
const settings = { ...svc.DEFAULT_SETTINGS, checkFileModes: false };
const wasmDir = join(REPO, 'dist');
const hosts: ParserHost[] = [];
const newHost = (o: Partial<ParserHostOptions> = {}) => {
  const h = new ParserHost({ wasmDir, inThreadMaxChars: 1024 * 1024, ...o });
  hosts.push(h);
  return h;
};
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** An init script of about 400 KB: the httpd example and 6,000 small functions after it. */
const LARGE = `${SCRIPT}\n${Array.from({ length: 6000 }, (_, i) => `f${i}() {\n\tdaemon --pidfile /var/run/f${i}.pid /usr/sbin/f${i} -x "$1" || return 1\n}\n`).join('')}`;

function analyse(path: string, text: string, host: ParserHost, previous?: Parameters<typeof svc.analyze>[3]): svc.Analysis {
  return svc.analyze({ path, text, language: 'initscript' }, settings, undefined, previous, host);
}

/** What a fresh analysis of `text` (no previous tree) finds. */
function fresh(path: string, text: string): unknown {
  const a = svc.analyze({ path, text, language: 'initscript' }, settings);
  const out = { problems: a.problems, info: a.info };
  svc.disposeAnalysis(a);
  return out;
}

describe("the server's thread parser, recycled", () => {
  before(async () => svc.initialize({ wasmDir }));
  after(async () => {
    for (const h of hosts) await h.close();
  });

  it('parses a large text here; after a recycle, edits of analyses kept from before equal fresh analyses', async () => {
    let released = 0;
    const host = newHost({ onRecycleInThread: () => released++ });
    await host.loadInThread();
    assert.ok(LARGE.length > 300_000);
    assert.equal(host.inThread('/etc/init.d/large', LARGE), true, 'a 400 KB text is parsed in this thread');
    const large = analyse('/etc/init.d/large', LARGE, host);
    assert.deepEqual({ problems: large.problems, info: large.info }, fresh('/etc/init.d/large', LARGE));
    // A second document whose tree is not let go before the recycle: its old tree must not be re-used.
    assert.equal(host.inThread('/etc/init.d/small', SCRIPT), true);
    const small = analyse('/etc/init.d/small', SCRIPT, host);
    const grown = bashMemoryBytes();
    const runtime = bashLib();
    assert.ok(grown >= 32 * 1024 * 1024, `the runtime's wasm memory: ${grown} bytes`);

    assert.equal(await host.recycleInThread(), true);
    assert.equal(released, 1, 'the caller was told to let its trees go first');
    assert.equal(host.stats().inThreadRecycles, 1);
    assert.notEqual(bashLib(), runtime, 'web-tree-sitter evaluated afresh');
    assert.ok(bashMemoryBytes() > 0 && bashMemoryBytes() <= grown, `a fresh runtime (${bashMemoryBytes()} bytes, was ${grown})`);
    svc.releaseTree(large);

    for (const [path, analysis, text] of [['/etc/init.d/large', large, LARGE], ['/etc/init.d/small', small, SCRIPT]] as const) {
      const doc = TextDocument.create(`file://${path}`, 'shellscript', 1, text);
      const line = text.split('\n').findIndex((l) => l.startsWith('start()'));
      const applied = applyChanges(doc, [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: 'ip addr add 10.0.0.9/99 dev eth0\n' }], 2, []);
      assert.equal(host.inThread(path, applied.document.getText()), true);
      assert.ok(applied.edits, 'an incremental edit');
      const next = analyse(path, applied.document.getText(), host, { analysis, edits: applied.edits });
      assert.deepEqual({ problems: next.problems, info: next.info }, fresh(path, applied.document.getText()), path);
      assert.ok(next.problems.some((p) => p.code === 'ipaddr/invalid-prefix'), `${path}: the edit was read`);
      svc.disposeAnalysis(next);
      svc.disposeAnalysis(analysis);
    }
  });

  it('keeps parsing in this thread while the next runtime loads: no text goes to a worker during a recycle', async () => {
    let released = 0;
    const host = newHost({ onRecycleInThread: () => released++ });
    await host.loadInThread();
    assert.equal(host.inThread('/etc/init.d/b', LARGE), true);
    svc.disposeAnalysis(analyse('/etc/init.d/b', LARGE, host));
    const before = bashLib();
    const recycled = host.recycleInThread();
    assert.equal(host.recycleInThread(), recycled, 'one recycle at a time');
    // The window between the old runtime and the new one: the old one still parses.
    assert.equal(host.inThread('/etc/init.d/a', SCRIPT), true, 'parsed here while the next runtime loads');
    const during = analyse('/etc/init.d/a', SCRIPT, host);
    assert.deepEqual({ problems: during.problems, info: during.info }, fresh('/etc/init.d/a', SCRIPT));
    assert.equal(bashLib(), before, 'the old runtime until the new one is loaded');
    assert.equal(released, 0, 'the trees are let go at the switch, not before');
    assert.equal(await recycled, true);
    assert.equal(released, 1);
    assert.notEqual(bashLib(), before);
    assert.equal(host.stats().started, 0, 'no worker was started');
    // The analysis made in the window, edited after the switch: its old tree is not re-used.
    svc.releaseTree(during);
    const doc = TextDocument.create('file:///etc/init.d/a', 'shellscript', 1, SCRIPT);
    const line = SCRIPT.split('\n').findIndex((l) => l.startsWith('start()'));
    const applied = applyChanges(doc, [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: 'ip addr add 10.0.0.9/99 dev eth0\n' }], 2, []);
    assert.equal(host.inThread('/etc/init.d/a', applied.document.getText()), true);
    const next = analyse('/etc/init.d/a', applied.document.getText(), host, { analysis: during, edits: applied.edits! });
    assert.deepEqual({ problems: next.problems, info: next.info }, fresh('/etc/init.d/a', applied.document.getText()));
    svc.disposeAnalysis(next);
    svc.disposeAnalysis(during);
  });

  it('with --liftoff-only (as the server runs) and fastRuntime: the runtime compiled by TurboFan once quiet, switched to, the same analyses', () => {
    // In a process of its own: the host sets V8's tier flags while it compiles.
    const shell = join(__dirname, '..', '..', 'server', 'src', 'service');
    const code = `
      const svc = require(${JSON.stringify(shell)});
      const { ParserHost } = require(${JSON.stringify(join(shell, 'shell', 'parserHost.js'))});
      const ts = require(${JSON.stringify(join(shell, 'shell', 'treeSitter.js'))});
      const text = require('fs').readFileSync(${JSON.stringify(join(REPO, 'examples/etc/rc.d/init.d/httpd'))}, 'utf8');
      const settings = { ...svc.DEFAULT_SETTINGS, checkFileModes: false };
      const wait = (ms) => new Promise((r) => setTimeout(r, ms));
      const tier = (f) => (%IsTurboFanFunction(f) ? 'turbofan' : %IsLiftoffFunction(f) ? 'liftoff' : 'none');
      (async () => {
        const plain = new ParserHost({ wasmDir: ${JSON.stringify(wasmDir)}, inThreadMaxChars: 1 << 20 });
        const host = new ParserHost({ wasmDir: ${JSON.stringify(wasmDir)}, inThreadMaxChars: 1 << 20, quietMs: 100, fastRuntime: true });
        await host.loadInThread();
        const out = { plain: plain.stats().fastRuntime, states: [host.stats().fastRuntime] };
        await plain.close();
        const analyse = () => {
          if (!host.inThread('/etc/init.d/httpd', text)) throw new Error('not parsed here');
          const a = svc.analyze({ path: '/etc/init.d/httpd', text, language: 'initscript' }, settings, undefined, undefined, host);
          const r = JSON.stringify({ problems: a.problems, info: a.info });
          svc.disposeAnalysis(a);
          return r;
        };
        out.first = analyse();
        out.tierBefore = tier(ts.wasmRuntime()._ts_parser_parse_wasm);
        for (let i = 0; i < 300 && host.stats().fastRuntime !== 'on'; i++) {
          if (!out.states.includes(host.stats().fastRuntime)) out.states.push(host.stats().fastRuntime);
          await wait(50);
        }
        out.states.push(host.stats().fastRuntime);
        out.after = analyse();
        out.tierAfter = tier(ts.wasmRuntime()._ts_parser_parse_wasm);
        // The process's own tier again: a module compiled now gets Liftoff's code.
        const tiny = new WebAssembly.Instance(new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 127, 3, 2, 1, 0, 7, 5, 1, 1, 102, 0, 0, 10, 6, 1, 4, 0, 65, 7, 11])));
        tiny.exports.f();
        out.tierLater = tier(tiny.exports.f);
        out.recycles = host.stats().inThreadRecycles;
        await host.close();
        process.stdout.write(JSON.stringify(out));
      })().catch((e) => { console.error(e); process.exit(1); });`;
    const run = spawnSync(process.execPath, ['--liftoff-only', '--allow-natives-syntax', '-e', code], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(run.status, 0, run.stderr);
    const out = JSON.parse(run.stdout) as { plain: string; states: string[]; first: string; after: string; tierBefore: string; tierAfter: string; tierLater: string; recycles: number };
    assert.equal(out.plain, 'off', 'only when asked for (fastRuntime)');
    assert.equal(out.states[0], 'waiting');
    assert.equal(out.states.at(-1), 'on', `states: ${out.states.join(' ')}`);
    assert.equal(out.tierBefore, 'liftoff');
    assert.equal(out.tierAfter, 'turbofan', 'the thread parses with the TurboFan runtime');
    assert.equal(out.after, out.first, 'the same analysis');
    assert.equal(out.tierLater, 'liftoff', "V8's tier flags are the process's own again");
    assert.equal(out.recycles, 0, 'the switch is not a recycle after growth');
  });

  it('recycles by itself once idle after a large text, never after small ones only', async () => {
    const host = newHost({ idleMs: 150 });
    await host.loadInThread();
    assert.equal(host.inThread('/etc/init.d/a', SCRIPT), true);
    await wait(400);
    assert.equal(host.stats().inThreadRecycles, 0, 'a typical script does not make the runtime recycle');
    assert.equal(host.inThread('/etc/init.d/b', LARGE), true);
    svc.disposeAnalysis(analyse('/etc/init.d/b', LARGE, host));
    await wait(400);
    assert.equal(host.stats().inThreadRecycles, 1);
    // Loaded again: texts are parsed here, and the analysis is the same.
    for (let i = 0; i < 50 && !host.inThread('/etc/init.d/a', SCRIPT); i++) await wait(20);
    assert.equal(host.inThread('/etc/init.d/a', SCRIPT), true);
    const again = analyse('/etc/init.d/a', SCRIPT, host);
    assert.deepEqual({ problems: again.problems, info: again.info }, fresh('/etc/init.d/a', SCRIPT));
    svc.disposeAnalysis(again);
  });
});
