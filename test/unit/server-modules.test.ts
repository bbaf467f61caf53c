/**
 * What the built server loads, and the `sh -n` cache key that replaced SHA-1. Node's `crypto`
 * (about 0.7 MB resident) and its ES module loader (about 0.5 MB) are loaded by nothing the server
 * does for an init script: vscode-jsonrpc requires `crypto` only for pipe names (scripts/build.mjs
 * makes it lazy), web-tree-sitter's glue gets the bundle's `require` instead of `await import()`.
 * docs/performance.md, "Session 10". Nor does it load `worker_threads` and `perf_hooks` before a
 * text needs the parser worker, and its bundle has no indentation ("Session 11, mem"), nor
 * `child_process` before it runs a shell ("Session 13, mem").
 */
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, it } from 'node:test';
import { textKey } from '../../server/src/host/fsHost';
import { REPO } from '../helpers/golden';

describe('sh -n cache key (textKey)', () => {
  it('is the same for the same text and differs for texts that differ in one place, in order or in length', () => {
    const base = '#!/bin/sh\ncase "$1" in\nstart) echo start ;;\nesac\n';
    assert.equal(textKey(base), textKey(base.slice(0)));
    const variants = new Set<string>([base]);
    for (let i = 0; i < base.length; i++) {
      variants.add(base.slice(0, i) + String.fromCharCode(base.charCodeAt(i) ^ 1) + base.slice(i + 1));
      variants.add(base.slice(0, i) + base.slice(i + 1));
      if (i + 1 < base.length) variants.add(base.slice(0, i) + base[i + 1] + base[i] + base.slice(i + 2));
    }
    variants.add(base + '\n');
    variants.add('\u{1F600}' + base);
    variants.add('');
    const keys = new Set([...variants].map(textKey));
    assert.equal(keys.size, variants.size);
  });
});

describe('the built server: modules an init script does not need', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sysv-ha-modules-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('after initialize and an init script analysed (its sh -n key made): no crypto, no ES module job, no child_process', async () => {
    const list = join(dir, 'modules.json');
    const preload = join(dir, 'preload.js');
    writeFileSync(preload, `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(list)}, JSON.stringify(process.moduleLoadList)));\n`);
    const script = join(dir, 'etc', 'init.d', 'demo');
    const uri = pathToFileURL(script).href;
    const server = spawn(process.execPath, ['-r', preload, join(REPO, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const send = (m: object) => {
      const s = JSON.stringify({ jsonrpc: '2.0', ...m });
      server.stdin.write(`Content-Length: ${Buffer.byteLength(s)}\r\n\r\n${s}`);
    };
    let out = '';
    const published = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no diagnostics within 20 s')), 20_000);
      server.stdout.on('data', (d: Buffer) => {
        out += d.toString('utf8');
        if (out.includes('"textDocument/publishDiagnostics"') && out.includes(JSON.stringify(uri))) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    const exited = new Promise<number | null>((resolve) => server.on('exit', (code) => resolve(code)));
    send({ id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
    send({ method: 'initialized', params: {} });
    const text = '#!/bin/sh\n# chkconfig: 345 40 60\n# description: demo\ncase "$1" in\nstart) echo start ;;\nstop) echo stop ;;\n*) echo "Usage: $0 {start|stop}"; exit 2 ;;\nesac\n';
    send({ method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'sysv-initscript', version: 1, text } } });
    await published;
    send({ id: 2, method: 'shutdown' });
    send({ method: 'exit' });
    await exited;
    const loaded: string[] = JSON.parse(readFileSync(list, 'utf8'));
    assert.ok(loaded.includes('NativeModule fs'), 'the module list was read');
    assert.deepEqual(loaded.filter((m) => /^NativeModule (crypto|internal\/crypto\/)/.test(m)), []);
    assert.deepEqual(loaded.filter((m) => m === 'NativeModule internal/modules/esm/module_job'), []);
    // A small script is parsed in the server's thread: no worker, so no worker_threads yet, and
    // no perf_hooks (about 0.7 MB together; docs/performance.md, "Session 11, mem").
    assert.deepEqual(loaded.filter((m) => /^NativeModule (worker_threads|internal\/worker|internal\/worker\/io|perf_hooks|internal\/perf\/performance)$/.test(m)), []);
    // vscode-languageserver's file helpers' child_process (about 0.3 MB; scripts/build.mjs makes
    // it lazy): nothing the server does for an init script spawns a process.
    assert.deepEqual(loaded.filter((m) => /^NativeModule (child_process|internal\/child_process)$/.test(m)), []);
  });

  it('the server and its parser worker are bundled without indentation (V8 keeps their source for their life)', () => {
    for (const file of ['server.js', 'parserWorker.js']) {
      const text = readFileSync(join(REPO, 'dist', file), 'utf8');
      const indented = text.split('\n').filter((line) => /^\s/.test(line)).length;
      assert.ok(indented < 100, `${file}: ${indented} indented lines`);
    }
  });
});
