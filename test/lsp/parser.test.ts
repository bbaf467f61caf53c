/**
 * The server's parser worker over stdio: a fault in the worker (injected; the server honours
 * `sysvHa/injectParserFault` only when started with SYSV_HA_PARSER_FAULTS=1) leaves only the
 * faulting text without body checks, says why in its info, and its next edit is checked again;
 * the other documents keep their body checks. An idle worker is ended and the next edit starts
 * a fresh one. The worker's own behaviour is tested with SYSV_HA_PARSER=worker (every text goes
 * to it); by default small texts are parsed in the server's thread and large ones in the worker,
 * a wasm fault in the server's thread hands every text to the worker, and a worker that cannot
 * start leaves every text to the server's thread.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { REPO } from '../helpers/golden';
import { TestClient } from '../helpers/lspClient';

const text = readFileSync(join(REPO, 'test/helpers/initscripts.ts'), 'utf8').split('`')[1]!;
const lines = text.split('\n');
const status = lines.findIndex((l) => l === '  status)');
/** The same script with its status branch removed: initscript/missing-status (a body check). */
const noStatus = [...lines.slice(0, status), ...lines.slice(status + 3)].join('\n');

interface Stats {
  started: number;
  running: number;
  ended: { idle: number; fault: number };
  faultedInputs: number;
  parses: number;
  inThread: number;
  workerUnavailable: boolean;
}

/** A server started with the given environment on top of this process's. */
/** A document's info and diagnostic codes at a version, and a line inserted before its line 2. */
function documentHelpers(client: TestClient) {
  return {
    info: (uri: string) => client.request<{ reason: string }>('sysvHa/documentInfo', { uri }),
    codes: async (uri: string, version: number) => (await client.diagnostics(uri, (p) => p.version === version)).diagnostics.map((d) => d.code),
    append: (uri: string, version: number, s: string) =>
      client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: s }] }),
  };
}

const clientWith = (env: Record<string, string>): TestClient => new TestClient(undefined, env);

describe('LSP over stdio: a fault in the parser worker', () => {
  const client = clientWith({ SYSV_HA_PARSER: 'worker', SYSV_HA_PARSER_FAULTS: '1' });
  const a = 'file:///srv/f1/etc/rc.d/init.d/foo';
  const b = 'file:///srv/f2/etc/rc.d/init.d/foo';
  const info = (uri: string) => client.request<{ reason: string; incremental: boolean }>('sysvHa/documentInfo', { uri });
  const codes = async (uri: string, version: number) => (await client.diagnostics(uri, (p) => p.version === version)).diagnostics.map((d) => d.code);
  const append = (uri: string, version: number, line: number, s: string) =>
    client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: s }] });
  before(async () => {
    await client.initialize({});
    await client.notify('textDocument/didOpen', { textDocument: { uri: a, languageId: 'shellscript', version: 1, text: noStatus } });
    await client.notify('textDocument/didOpen', { textDocument: { uri: b, languageId: 'shellscript', version: 1, text: noStatus } });
  });
  after(async () => assert.equal(await client.shutdown(), 0));

  it('only the faulting text goes without body checks; the other document keeps them; the next edit is checked again', async () => {
    assert.deepEqual(await codes(a, 1), ['initscript/missing-status']);
    assert.deepEqual(await codes(b, 1), ['initscript/missing-status']);
    assert.equal(await client.request('sysvHa/injectParserFault', { kind: 'wasm', uri: a }), true);
    await append(a, 2, 1, '# edited\n');
    assert.deepEqual(await codes(a, 2), [], 'no body, so no body check');
    assert.match((await info(a)).reason, /shell body not checked: the shell parser failed on this text \(RuntimeError: .*\) and was restarted; it is tried again on the next edit/);
    // The other document is parsed by the fresh worker.
    await append(b, 2, 1, '# edited\n');
    assert.deepEqual(await codes(b, 2), ['initscript/missing-status']);
    assert.doesNotMatch((await info(b)).reason, /not checked/);
    // The faulting document's next edit is parsed again.
    await append(a, 3, 1, '# again\n');
    assert.deepEqual(await codes(a, 3), ['initscript/missing-status']);
    assert.doesNotMatch((await info(a)).reason, /not checked/);
    const stats = await client.request<Stats>('sysvHa/parserStats', {});
    assert.equal(stats.ended.fault, 1);
    assert.equal(stats.faultedInputs, 1);
    assert.equal(stats.started, 2);
    assert.ok(!client.logs.some((l) => /unhandled|uncaught/.test(l)), client.logs.join('\n'));
  });
});

describe('LSP over stdio: a parser worker that dies or hangs while the analysis waits for its answer', () => {
  const client = clientWith({ SYSV_HA_PARSER: 'worker', SYSV_HA_PARSER_FAULTS: '1' });
  const a = 'file:///srv/k1/etc/rc.d/init.d/foo';
  const b = 'file:///srv/k2/etc/rc.d/init.d/foo';
  const { info, codes, append } = documentHelpers(client);
  before(async () => {
    await client.initialize({});
    await client.notify('textDocument/didOpen', { textDocument: { uri: a, languageId: 'shellscript', version: 1, text: noStatus } });
    await client.notify('textDocument/didOpen', { textDocument: { uri: b, languageId: 'shellscript', version: 1, text: noStatus } });
  });
  after(async () => assert.equal(await client.shutdown(), 0));

  it('a worker whose thread ends mid-parse: only that text goes without body checks, the rest is parsed by a fresh worker', async () => {
    assert.deepEqual(await codes(a, 1), ['initscript/missing-status']);
    assert.deepEqual(await codes(b, 1), ['initscript/missing-status']);
    assert.equal(await client.request('sysvHa/injectParserFault', { kind: 'exit', uri: a }), true);
    await append(a, 2, '# edited\n');
    assert.deepEqual(await codes(a, 2), []);
    assert.match((await info(a)).reason, /shell body not checked: the shell parser stopped on this text.* and was restarted/);
    await append(b, 2, '# edited\n');
    assert.deepEqual(await codes(b, 2), ['initscript/missing-status']);
    await append(a, 3, '# again\n');
    assert.deepEqual(await codes(a, 3), ['initscript/missing-status']);
  });

  it('a hung worker: the server answers meanwhile, the watchdog ends the worker, only that text is marked', async () => {
    assert.equal(await client.request('sysvHa/injectParserFault', { kind: 'hang', uri: a }), true);
    const hangsBefore = (await client.request<{ ended: { hang: number } }>('sysvHa/parserStats', {})).ended.hang;
    await append(a, 4, '# hangs\n');
    // Answered while the worker still hangs (the watchdog has not ended it): the server is not stuck.
    assert.equal((await client.request<{ ended: { hang: number } }>('sysvHa/parserStats', {})).ended.hang, hangsBefore);
    assert.deepEqual(await codes(a, 4), []);
    assert.match((await info(a)).reason, /shell body not checked: the shell parser did not finish within \d+ s on this text and was restarted/);
    await append(b, 3, '# edited\n');
    assert.deepEqual(await codes(b, 3), ['initscript/missing-status']);
    await append(a, 5, '# again\n');
    assert.deepEqual(await codes(a, 5), ['initscript/missing-status']);
    assert.ok(!client.logs.some((l) => /unhandled|uncaught/.test(l)), client.logs.join('\n'));
  });
});

describe('LSP over stdio: scripts re-checked twice while their parse waits behind a hung worker', () => {
  const client = clientWith({ SYSV_HA_PARSER: 'worker', SYSV_HA_PARSER_FAULTS: '1' });
  const uri = (n: string) => `file:///srv/m/etc/rc.d/init.d/${n}`;
  const script = (n: string) => noStatus.replaceAll('foo', n);
  const headerEdit = (n: string, version: number) =>
    client.notify('textDocument/didChange', { textDocument: { uri: uri(n), version }, contentChanges: [{ range: { start: { line: 9, character: 0 }, end: { line: 9, character: 0 } }, text: `# Should-Start: x${version}\n` }] });
  const stats = () => client.request<{ parses: number; ended: { hang: number } }>('sysvHa/parserStats', {});
  before(async () => {
    await client.initialize({});
    for (const n of ['alpha', 'beta', 'gamma']) await client.notify('textDocument/didOpen', { textDocument: { uri: uri(n), languageId: 'shellscript', version: 1, text: script(n) } });
  });
  after(async () => assert.equal(await client.shutdown(), 0));

  it('every script but the hung one keeps its body analysis', async () => {
    for (const n of ['alpha', 'beta', 'gamma']) assert.deepEqual((await client.diagnostics(uri(n), (p) => p.version === 1)).diagnostics.map((d) => d.code), ['initscript/missing-status']);
    // Past the cross-file pause after the opens (documents changed within it are not re-checked).
    await new Promise((r) => setTimeout(r, 600));
    const parses = (await stats()).parses;
    assert.equal(await client.request('sysvHa/injectParserFault', { kind: 'hang', uri: uri('alpha') }), true);
    // a's header changes: b and c are re-checked (forgotten, analysed again), their parses queued behind a's.
    await headerEdit('alpha', 2);
    for (let i = 0; i < 400 && (await stats()).parses < parses + 3; i++) await new Promise((r) => setTimeout(r, 10));
    assert.equal((await stats()).ended.hang, 0, 'the worker still hangs');
    // b's header changes too: c is forgotten again while its first re-check still waits.
    await headerEdit('beta', 2);
    assert.deepEqual((await client.diagnostics(uri('alpha'), (p) => p.version === 2)).diagnostics.map((d) => d.code), []);
    assert.deepEqual((await client.diagnostics(uri('beta'), (p) => p.version === 2)).diagnostics.map((d) => d.code), ['initscript/missing-status']);
    for (const n of ['beta', 'gamma']) {
      const info = await client.request<{ reason: string }>('sysvHa/documentInfo', { uri: uri(n) });
      assert.doesNotMatch(info.reason, /not checked/, n);
    }
    assert.match((await client.request<{ reason: string }>('sysvHa/documentInfo', { uri: uri('alpha') })).reason, /did not finish within/);
    assert.equal((await stats()).ended.hang, 1);
  });
});

describe('LSP over stdio: fault injection is off unless the server was started for it', () => {
  const client = new TestClient();
  before(async () => client.initialize({}));
  after(async () => assert.equal(await client.shutdown(), 0));

  it('answers false and parses on', async () => {
    assert.equal(await client.request('sysvHa/injectParserFault', { kind: 'wasm' }), false);
    const uri = 'file:///srv/g/etc/rc.d/init.d/foo';
    await client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'shellscript', version: 1, text: noStatus } });
    assert.deepEqual((await client.diagnostics(uri)).diagnostics.map((d) => d.code), ['initscript/missing-status']);
  });
});

describe('LSP over stdio: SYSV_HA_PARSER=in-process parses in the server\'s thread', () => {
  const client = clientWith({ SYSV_HA_PARSER: 'in-process', SYSV_HA_PARSER_FAULTS: '1' });
  const uri = 'file:///srv/p/etc/rc.d/init.d/foo';
  before(async () => client.initialize({}));
  after(async () => assert.equal(await client.shutdown(), 0));

  it('checks the body as the worker does; no worker, no fault injection', async () => {
    await client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'shellscript', version: 1, text: noStatus } });
    assert.deepEqual((await client.diagnostics(uri, (p) => p.version === 1)).diagnostics.map((d) => d.code), ['initscript/missing-status']);
    await client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: '# x\n' }] });
    assert.deepEqual((await client.diagnostics(uri, (p) => p.version === 2)).diagnostics.map((d) => d.code), ['initscript/missing-status']);
    assert.equal((await client.request<{ incremental: boolean }>('sysvHa/documentInfo', { uri })).incremental, true, 'the tree kept in this thread');
    assert.equal(await client.request('sysvHa/parserStats', {}), null);
    assert.equal(await client.request('sysvHa/injectParserFault', { kind: 'wasm' }), false);
  });
});

describe('LSP over stdio: the idle parser worker is ended', () => {
  const client = clientWith({ SYSV_HA_PARSER: 'worker', SYSV_HA_PARSER_IDLE_MS: '200' });
  const uri = 'file:///srv/h/etc/rc.d/init.d/foo';
  before(async () => {
    await client.initialize({});
    await client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'shellscript', version: 1, text: noStatus } });
  });
  after(async () => assert.equal(await client.shutdown(), 0));

  it('not while the document is open; once it is closed the worker is gone, and the next open starts a fresh one and checks the body', async () => {
    assert.deepEqual((await client.diagnostics(uri, (p) => p.version === 1)).diagnostics.map((d) => d.code), ['initscript/missing-status']);
    await new Promise((r) => setTimeout(r, 800));
    let stats = await client.request<Stats>('sysvHa/parserStats', {});
    assert.equal(stats.running, 1, 'idle, but the open document\'s tree lives there: its next edit needs no worker start');
    await client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: '# x\n' }] });
    assert.deepEqual((await client.diagnostics(uri, (p) => p.version === 2)).diagnostics.map((d) => d.code), ['initscript/missing-status']);
    assert.equal((await client.request<{ incremental: boolean }>('sysvHa/documentInfo', { uri })).incremental, true, 'its tree was kept');
    await client.notify('textDocument/didClose', { textDocument: { uri } });
    for (let i = 0; i < 200 && stats.running > 0; i++) {
      await new Promise((r) => setTimeout(r, 25));
      stats = await client.request<Stats>('sysvHa/parserStats', {});
    }
    assert.equal(stats.running, 0);
    assert.equal(stats.ended.idle, 1);
    await client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'shellscript', version: 3, text: noStatus } });
    assert.deepEqual((await client.diagnostics(uri, (p) => p.version === 3)).diagnostics.map((d) => d.code), ['initscript/missing-status']);
    assert.equal((await client.request<Stats>('sysvHa/parserStats', {})).started, 2);
  });
});

/** The script made larger than `max` characters by a comment block (a body that reads the same). */
const padded = (max: number) => noStatus.replace('\ncase ', `\n${'# padding line to make the text large\n'.repeat(Math.ceil(max / 36))}case `);

describe('LSP over stdio: small texts in the server\'s thread, large ones in the worker', () => {
  const client = clientWith({ SYSV_HA_PARSER_IN_THREAD_MAX: '4000' });
  const small = 'file:///srv/y1/etc/rc.d/init.d/foo';
  const large = 'file:///srv/y2/etc/rc.d/init.d/foo';
  const stats = () => client.request<Stats>('sysvHa/parserStats', {});
  const info = (uri: string) => client.request<{ reason: string; incremental: boolean }>('sysvHa/documentInfo', { uri });
  before(async () => client.initialize({}));
  after(async () => assert.equal(await client.shutdown(), 0));

  it('a small script is parsed here, incrementally after an edit, with no worker started', async () => {
    await client.notify('textDocument/didOpen', { textDocument: { uri: small, languageId: 'shellscript', version: 1, text: noStatus } });
    assert.deepEqual((await client.diagnostics(small, (p) => p.version === 1)).diagnostics.map((d) => d.code), ['initscript/missing-status']);
    await client.notify('textDocument/didChange', { textDocument: { uri: small, version: 2 }, contentChanges: [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: '# x\n' }] });
    assert.deepEqual((await client.diagnostics(small, (p) => p.version === 2)).diagnostics.map((d) => d.code), ['initscript/missing-status']);
    assert.equal((await info(small)).incremental, true, 'the tree kept in the server\'s thread');
    const s = await stats();
    assert.equal(s.started, 0);
    assert.equal(s.parses, 0);
    assert.ok(s.inThread >= 2);
  });

  it('a large script goes to the worker; grown past the bound a small one moves there, and back when it shrinks', async () => {
    const big = padded(4000);
    assert.ok(big.length > 4000);
    await client.notify('textDocument/didOpen', { textDocument: { uri: large, languageId: 'shellscript', version: 1, text: big } });
    assert.deepEqual((await client.diagnostics(large, (p) => p.version === 1)).diagnostics.map((d) => d.code), ['initscript/missing-status']);
    let s = await stats();
    assert.equal(s.started, 1);
    assert.equal(s.parses, 1);
    // An edit of the large one: parsed in the worker from its tree.
    await client.notify('textDocument/didChange', { textDocument: { uri: large, version: 2 }, contentChanges: [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: '# x\n' }] });
    assert.deepEqual((await client.diagnostics(large, (p) => p.version === 2)).diagnostics.map((d) => d.code), ['initscript/missing-status']);
    assert.equal((await info(large)).incremental, true, 'the worker kept its tree');
    // The small one grows past the bound (a paste), then shrinks back: worker, then this thread again, body checked throughout.
    await client.notify('textDocument/didChange', { textDocument: { uri: small, version: 3 }, contentChanges: [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, text: '# pasted\n'.repeat(600) }] });
    assert.deepEqual((await client.diagnostics(small, (p) => p.version === 3)).diagnostics.map((d) => d.code), ['initscript/missing-status']);
    s = await stats();
    assert.equal(s.parses, 3);
    await client.notify('textDocument/didChange', { textDocument: { uri: small, version: 4 }, contentChanges: [{ range: { start: { line: 2, character: 0 }, end: { line: 602, character: 0 } }, text: '' }] });
    assert.deepEqual((await client.diagnostics(small, (p) => p.version === 4)).diagnostics.map((d) => d.code), ['initscript/missing-status']);
    assert.equal((await stats()).parses, 3, 'parsed here again');
    // And a body edit after the move (a status branch comes back): read from this version's text, not from the worker's old tree.
    const star = noStatus.split('\n').findIndex((l) => l.startsWith('  *)'));
    await client.notify('textDocument/didChange', { textDocument: { uri: small, version: 5 }, contentChanges: [{ range: { start: { line: star + 1, character: 0 }, end: { line: star + 1, character: 0 } }, text: '  status) echo ok ;;\n' }] });
    assert.deepEqual((await client.diagnostics(small, (p) => p.version === 5)).diagnostics.map((d) => d.code), []);
  });
});

describe('LSP over stdio: a wasm fault in the server\'s thread hands every text to the worker', () => {
  const client = clientWith({ SYSV_HA_PARSER_FAULTS: '1' });
  const a = 'file:///srv/z1/etc/rc.d/init.d/foo';
  const b = 'file:///srv/z2/etc/rc.d/init.d/foo';
  const c = 'file:///srv/z3/etc/rc.d/init.d/foo';
  const { info, codes, append } = documentHelpers(client);
  before(async () => {
    await client.initialize({});
    await client.notify('textDocument/didOpen', { textDocument: { uri: a, languageId: 'shellscript', version: 1, text: noStatus } });
    await client.notify('textDocument/didOpen', { textDocument: { uri: b, languageId: 'shellscript', version: 1, text: noStatus } });
  });
  after(async () => assert.equal(await client.shutdown(), 0));

  it('only the faulting text goes unchecked, and says why; every later text is parsed by the worker', async () => {
    assert.deepEqual(await codes(a, 1), ['initscript/missing-status']);
    assert.deepEqual(await codes(b, 1), ['initscript/missing-status']);
    assert.equal((await client.request<Stats>('sysvHa/parserStats', {})).started, 0);
    assert.equal(await client.request('sysvHa/injectParserFault', { kind: 'wasm', inThread: true }), true);
    await append(a, 2, '# edited\n');
    assert.deepEqual(await codes(a, 2), [], 'no body, so no body check');
    assert.match((await info(a)).reason, /shell body not checked: the shell parser failed \(memory access out of bounds \(injected fault\)\); it is tried again on the next edit, by the parser worker/);
    const here = (await client.request<Stats>('sysvHa/parserStats', {})).inThread;
    // The other open script keeps its body checks, and its next edit is parsed by the worker.
    assert.doesNotMatch((await info(b)).reason, /not checked/);
    await append(b, 2, '# edited\n');
    assert.deepEqual(await codes(b, 2), ['initscript/missing-status']);
    // The faulting script's next edit, and a script opened now: parsed by the worker.
    await append(a, 3, '# again\n');
    assert.deepEqual(await codes(a, 3), ['initscript/missing-status']);
    assert.doesNotMatch((await info(a)).reason, /not checked/);
    await client.notify('textDocument/didOpen', { textDocument: { uri: c, languageId: 'shellscript', version: 1, text: noStatus } });
    assert.deepEqual(await codes(c, 1), ['initscript/missing-status']);
    const s = await client.request<Stats>('sysvHa/parserStats', {});
    assert.equal(s.started, 1);
    assert.ok(s.parses >= 3, 'b, a and c went to the worker');
    assert.equal(s.inThread, here, 'nothing parsed in the server\'s thread after its fault');
    assert.ok(!client.logs.some((l) => /unhandled|uncaught/.test(l)), client.logs.join('\n'));
  });
});

describe('LSP over stdio: a parser worker that cannot start', () => {
  const client = clientWith({ SYSV_HA_PARSER_IN_THREAD_MAX: '1000', SYSV_HA_PARSER_WORKER: join(REPO, 'dist', 'no-such-parserWorker.js') });
  const large = 'file:///srv/w1/etc/rc.d/init.d/foo';
  const other = 'file:///srv/w2/etc/rc.d/init.d/foo';
  before(async () => client.initialize({}));
  after(async () => assert.equal(await client.shutdown(), 0));

  it('leaves every text to the server\'s thread: bodies are checked, large ones too', async () => {
    const big = padded(1000);
    await client.notify('textDocument/didOpen', { textDocument: { uri: large, languageId: 'shellscript', version: 1, text: big } });
    assert.deepEqual((await client.diagnostics(large, (p) => p.version === 1)).diagnostics.map((d) => d.code), ['initscript/missing-status']);
    assert.doesNotMatch((await client.request<{ reason: string }>('sysvHa/documentInfo', { uri: large })).reason, /not checked/);
    await client.notify('textDocument/didOpen', { textDocument: { uri: other, languageId: 'shellscript', version: 1, text: padded(2000) } });
    assert.deepEqual((await client.diagnostics(other, (p) => p.version === 1)).diagnostics.map((d) => d.code), ['initscript/missing-status']);
    await client.notify('textDocument/didChange', { textDocument: { uri: large, version: 2 }, contentChanges: [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: '# x\n' }] });
    assert.deepEqual((await client.diagnostics(large, (p) => p.version === 2)).diagnostics.map((d) => d.code), ['initscript/missing-status']);
    const s = await client.request<Stats>('sysvHa/parserStats', {});
    assert.equal(s.workerUnavailable, true);
    assert.equal(s.running, 0);
    assert.ok(client.logs.some((l) => /the parser worker did not start/.test(l)), client.logs.join('\n'));
  });
});
