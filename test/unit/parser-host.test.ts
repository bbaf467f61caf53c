/**
 * The parser host: web-tree-sitter in worker threads. Its body models equal those parsed in this
 * thread (from scratch and after incremental edits); a fault, a hang or an out-of-memory ends
 * only the worker, marks only the input that caused it, and the other documents are parsed by a
 * fresh worker; idle workers and workers holding a heap for nothing are ended.
 */
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { applyChanges } from '../../server/src/lsp/incremental';
import * as svc from '../../server/src/service';
import { suppressionFixes } from '../../server/src/service/fixes/suppress';
import { ParserHost, type ParserHostOptions } from '../../server/src/service/shell/parserHost';
import { REPO } from '../helpers/golden';
import { RH as INIT_SCRIPT } from '../helpers/initscripts';

const SCRIPT = readFileSync(join(REPO, 'examples/etc/rc.d/init.d/httpd'), 'utf8');
const PIECES = ['start)', 'stop)', ';;', 'esac', 'case "$1" in', '\n', ' ', '"', "'", '#', 'exit 9', 'daemon --foo x', 'é', '\r\n', '$(', ')', '{', '}', 'fi', 'foo() {\n'];
const settings = { ...svc.DEFAULT_SETTINGS, checkFileModes: false };
const wasmDir = join(REPO, 'dist');
const hosts: ParserHost[] = [];
const newHost = (o: Partial<ParserHostOptions> = {}) => {
  const h = new ParserHost({ wasmDir, ...o });
  hosts.push(h);
  return h;
};
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The body model parsed in this thread (no fragment cache). */
function localBody(text: string): unknown {
  const a = svc.analyze({ path: '/etc/init.d/x', text, language: 'initscript' }, settings);
  const body = (a.model as { body?: Record<string, unknown> } | undefined)?.body;
  svc.disposeAnalysis(a);
  return body && Object.fromEntries(Object.entries(body).filter(([k]) => k !== 'cache'));
}

describe('the parser host (web-tree-sitter in a worker thread)', () => {
  before(async () => svc.initialize({ wasmDir }));
  after(async () => {
    for (const h of hosts) await h.close();
  });

  it('gives the body model a parse in this thread gives, from scratch and after incremental edits', async () => {
    const host = newHost();
    const edit = fc.record({ at: fc.nat(), len: fc.nat({ max: 12 }), text: fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 8 })) });
    let k = 0;
    await fc.assert(fc.asyncProperty(fc.array(fc.array(edit, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 5 }), async (rounds) => {
      const key = `/etc/init.d/httpd${k++}`;
      let doc = TextDocument.create(`file://${key}`, 'shellscript', 1, SCRIPT);
      let parsed = await host.parse(key, doc.getText(), null);
      assert.deepEqual(parsed.body, localBody(doc.getText()));
      let version = 1;
      for (const round of rounds) {
        const changes = round.map((e) => {
          const size = doc.getText().length;
          const start = doc.positionAt(e.at % (size + 1));
          return { range: { start, end: doc.positionAt(Math.min(size, (e.at % (size + 1)) + e.len)) }, text: e.text };
        });
        const applied = applyChanges(doc, changes, ++version, []);
        doc = applied.document;
        parsed = await host.parse(key, doc.getText(), applied.edits);
        assert.deepEqual(parsed.body, localBody(doc.getText()));
        // The analysis reads the same body from the host as it parses here.
        const viaHost = svc.analyze({ path: key, text: doc.getText(), language: 'initscript' }, settings, undefined, undefined, host);
        const here = svc.analyze({ path: key, text: doc.getText(), language: 'initscript' }, settings);
        assert.deepEqual(viaHost.problems, here.problems);
        assert.deepEqual(viaHost.info, here.info);
        // The rows a comment cannot go before, reused statement by statement, are those of the tree.
        for (let line = 0; line < here.src.lineCount; line++) {
          const p = { code: 'initscript/no-header', severity: 'warning' as const, message: 'x', range: { start: { line, character: 0 }, end: { line, character: 0 } } };
          assert.deepEqual(suppressionFixes(viaHost, p).map((f) => f.title), suppressionFixes(here, p).map((f) => f.title));
        }
        svc.disposeAnalysis(here);
      }
      host.forget(key);
    }), { numRuns: 25 });
    assert.equal(host.stats().started, 1, 'one worker did it all');
  });

  it('offers the same suppression quick fixes as with the tree here (no comment inside a string, a here-document, a continued command)', async () => {
    const host = newHost();
    const tricky = `${INIT_SCRIPT}\nmsg="two\nlines"\ncat <<EOF\n# not a comment\n$x\nEOF\ndaemon --user foo \\\n  --pidfile /x /usr/sbin/foo\nfoo() {\n  echo "a\n  b" >&2\n  [[ -f /x &&\n     -r /y ]] && echo ok\n}\n`;
    const corpus = join(REPO, '..', 'shared', 'corpus', 'initscripts');
    const texts = [INIT_SCRIPT, SCRIPT, tricky, ...(existsSync(corpus) ? readdirSync(corpus).sort().slice(0, 40).map((f) => readFileSync(join(corpus, f), 'utf8')) : [])];
    for (const [i, text] of texts.entries()) {
      const path = `/etc/init.d/s${i}`;
      await host.parse(path, text, null);
      const viaHost = svc.analyze({ path, text, language: 'initscript' }, settings, undefined, undefined, host);
      const here = svc.analyze({ path, text, language: 'initscript' }, settings);
      for (let line = 0; line < here.src.lineCount; line++) {
        const p = { code: 'initscript/no-header', severity: 'warning' as const, message: 'x', range: { start: { line, character: 0 }, end: { line, character: 0 } } };
        assert.deepEqual(suppressionFixes(viaHost, p).map((f) => f.title), suppressionFixes(here, p).map((f) => f.title), `text ${i} line ${line + 1}`);
      }
      svc.disposeAnalysis(here);
      host.forget(path);
    }
  });

  it('re-parses an edit from the previous tree, and sends only the statements that changed', async () => {
    const host = newHost();
    const key = '/etc/init.d/foo';
    const first = await host.parse(key, INIT_SCRIPT, null);
    assert.equal(first.incremental, false);
    const doc = TextDocument.create(`file://${key}`, 'shellscript', 1, INIT_SCRIPT);
    const line = INIT_SCRIPT.split('\n').findIndex((l) => l.startsWith('start()'));
    const applied = applyChanges(doc, [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: '# a comment\n' }], 2, []);
    const before = host.stats().statements;
    const next = await host.parse(key, applied.document.getText(), applied.edits);
    assert.equal(next.incremental, true);
    assert.deepEqual(next.body, localBody(applied.document.getText()));
    // One statement changed (the function the comment went into... or the comment itself): the rest was not sent again.
    const after = host.stats().statements;
    assert.ok(after.sent - before.sent <= 2, `sent ${after.sent - before.sent} statements again`);
    assert.ok(after.reused - before.reused >= 5, `reused ${after.reused - before.reused}`);
    // Edits of a document the host does not know (forgotten) are not trusted: a full parse.
    host.forget(key);
    const again = await host.parse(key, applied.document.getText(), applied.edits);
    assert.equal(again.incremental, false);
    assert.deepEqual(again.body, next.body);
  });

  it('a wasm fault ends only the worker: the faulting text is marked, the others are parsed by a fresh worker, its next edit is tried again', async () => {
    const logs: string[] = [];
    const host = newHost({ faults: true, log: (m) => logs.push(m) });
    const other = await host.parse('/etc/init.d/other', INIT_SCRIPT, null);
    assert.ok(other.body);
    assert.equal(await host.injectFault('wasm', '/etc/init.d/bad'), true);
    const [bad, ok] = await Promise.all([host.parse('/etc/init.d/bad', `${INIT_SCRIPT}# v1\n`, null), host.parse('/etc/init.d/other', `${INIT_SCRIPT}# v2\n`, null)]);
    assert.equal(bad.body, undefined);
    assert.match(bad.failure!, /the shell parser failed on this text \(RuntimeError: .*\(injected fault\)\) and was restarted; it is tried again on the next edit/);
    assert.ok(ok.body, 'the other document was parsed by the fresh worker');
    assert.deepEqual(ok.body, localBody(`${INIT_SCRIPT}# v2\n`));
    // The analysis of the faulting text says why its body is not checked; its header still is.
    const a = svc.analyze({ path: '/etc/init.d/bad', text: `${INIT_SCRIPT}# v1\n`, language: 'initscript' }, settings, undefined, undefined, host);
    assert.match(a.info.reason, /shell body not checked: the shell parser failed on this text/);
    // The same text is not parsed again; an edit is.
    assert.match((await host.parse('/etc/init.d/bad', `${INIT_SCRIPT}# v1\n`, null)).failure!, /failed on this text/);
    const edited = await host.parse('/etc/init.d/bad', `${INIT_SCRIPT}# v3\n`, null);
    assert.deepEqual(edited.body, localBody(`${INIT_SCRIPT}# v3\n`));
    const s = host.stats();
    assert.equal(s.started, 2);
    assert.equal(s.ended.fault, 1);
    assert.equal(s.faultedInputs, 1);
    assert.ok(logs.some((l) => l.includes('/etc/init.d/bad')));
  });

  it('a parse that never returns is ended by the watchdog; the next parse gets a fresh worker', async () => {
    const host = newHost({ faults: true, watchdogGraceMs: 200 });
    await host.injectFault('hang');
    const hung = await host.parse('/etc/init.d/hung', INIT_SCRIPT, null);
    assert.match(hung.failure!, /did not finish within \d+ s on this text and was restarted/);
    assert.ok((await host.parse('/etc/init.d/next', INIT_SCRIPT, null)).body);
    assert.equal(host.stats().ended.hang, 1);
  });

  it('out of memory in the wasm heap: the runtime aborts, only that worker ends, the input says why', async () => {
    const host = newHost({ faults: true, maxWasmBytes: 64 * 1024 * 1024 });
    await host.injectFault('oom');
    const r = await host.parse('/etc/init.d/big', INIT_SCRIPT, null);
    assert.match(r.failure!, /ran out of memory on this text and was restarted/);
    assert.ok((await host.parse('/etc/init.d/big', `${INIT_SCRIPT}\n`, null)).body, 'its next edit is parsed again');
  });

  it('ends an idle worker once no document lives in it; the next parse starts a fresh one and parses from scratch', async () => {
    const host = newHost({ idleMs: 150, quietMs: 50 });
    const key = '/etc/init.d/foo';
    await host.parse(key, INIT_SCRIPT, null);
    await host.parse('/etc/init.d/open', INIT_SCRIPT, null);
    host.forget(key);
    await wait(400);
    assert.equal(host.stats().running, 1, 'idle, but a document still open keeps its tree there (its next edit would pay a worker start)');
    host.forget('/etc/init.d/open');
    for (let i = 0; i < 100 && host.stats().running > 0; i++) await wait(20);
    assert.equal(host.stats().running, 0);
    assert.equal(host.stats().ended.idle, 1);
    const doc = TextDocument.create(`file://${key}`, 'shellscript', 1, INIT_SCRIPT);
    const applied = applyChanges(doc, [{ range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, text: '\n' }], 2, []);
    const next = await host.parse(key, applied.document.getText(), applied.edits);
    assert.equal(next.incremental, false, 'the tree went with the worker');
    assert.deepEqual(next.body, localBody(applied.document.getText()));
  });

  it('ends a worker once quiet, before its idle time, when no document\'s tree lives in it any more', async () => {
    const host = newHost({ idleMs: 60_000, quietMs: 50 });
    await host.parse('/etc/init.d/a', INIT_SCRIPT, null);
    await host.parse('/etc/init.d/b', INIT_SCRIPT, null);
    host.forget('/etc/init.d/a');
    await wait(300);
    assert.equal(host.stats().running, 1, 'b\'s tree still lives there');
    host.forget('/etc/init.d/b');
    for (let i = 0; i < 100 && host.stats().running > 0; i++) await wait(20);
    assert.equal(host.stats().running, 0, 'ended once quiet, not after the minute of idle time');
    assert.equal(host.stats().ended.idle, 1);
    assert.ok((await host.parse('/etc/init.d/b', INIT_SCRIPT, null)).body, 'the next parse starts a fresh worker');
  });

  it('ends a quiet worker whose heap passed the bound, but not while a large document lives in it', async () => {
    const host = newHost({ heapBoundBytes: 1, quietMs: 50 });
    const large = `${INIT_SCRIPT}${'# padding padding padding padding padding padding\n'.repeat(6000)}`;
    await host.parse('/etc/init.d/large', large, null);
    await wait(300);
    assert.equal(host.stats().running, 1, 'the large document keeps its tree');
    host.forget('/etc/init.d/large');
    for (let i = 0; i < 100 && host.stats().running > 0; i++) await wait(20);
    assert.equal(host.stats().ended.heap, 1);
  });

  it('bodyOf waits synchronously for a parse a running worker has: the checks that need no body ran meanwhile', async () => {
    const host = newHost({ faults: true, watchdogGraceMs: 100 });
    await host.warm();
    const key = '/etc/init.d/sync';
    const parsing = host.parse(key, INIT_SCRIPT, null);
    assert.equal(host.canWaitFor(key, INIT_SCRIPT), true, 'posted at once to a ready worker');
    let turned = false;
    setImmediate(() => (turned = true));
    const b = host.bodyOf(key, INIT_SCRIPT);
    assert.equal(turned, false, 'no event-loop turn');
    assert.ok(b !== 'pending' && b?.body);
    assert.deepEqual(b.body, localBody(INIT_SCRIPT));
    assert.equal(await parsing, b);
    // A fault while waiting: the failure, at once.
    await host.injectFault('wasm', key);
    void host.parse(key, `${INIT_SCRIPT}# 1\n`, null);
    const faulted = host.bodyOf(key, `${INIT_SCRIPT}# 1\n`);
    assert.ok(faulted !== 'pending' && /failed on this text/.test(faulted?.failure ?? ''));
    assert.ok((await host.parse(key, `${INIT_SCRIPT}# 3\n`, null)).body, 'a fresh worker reads the next edit');
  });

  it('a large text parsed in full is awaited, not waited for synchronously; its edits are', async () => {
    const host = newHost();
    await host.warm();
    const key = '/etc/init.d/large';
    const large = `${INIT_SCRIPT}${'# padding padding padding padding padding padding\n'.repeat(6000)}`;
    const first = host.parse(key, large, null);
    assert.equal(host.canWaitFor(key, large), false, 'a full parse of a large text');
    assert.ok((await first).body);
    assert.equal(host.canWaitFor(key, large), true, 'its body is here');
    const edited = `# x\n${large}`;
    const next = host.parse(key, edited, [{ startIndex: 0, oldEndIndex: 0, newEndIndex: 4, startPosition: { row: 0, column: 0 }, oldEndPosition: { row: 0, column: 0 }, newEndPosition: { row: 1, column: 0 } }]);
    assert.equal(host.canWaitFor(key, edited), true, 'an edit of it is waited for');
    const b = host.bodyOf(key, edited);
    assert.ok(b !== 'pending' && b?.body);
    assert.equal(await next, b);
  });

  it('a worker that dies while bodyOf waits synchronously is noticed there, before the parse budget, not at the watchdog', async () => {
    // The watchdog would end the worker only after an hour: the answer must come from noticing the dead thread.
    const host = newHost({ faults: true, watchdogGraceMs: 3_600_000 });
    await host.warm();
    const key = '/etc/init.d/dies';
    await host.injectFault('exit', key);
    const parsing = host.parse(key, INIT_SCRIPT, null);
    const dead = host.bodyOf(key, INIT_SCRIPT);
    assert.ok(dead !== 'pending' && /stopped on this text/.test(dead?.failure ?? ''), JSON.stringify(dead));
    assert.equal(host.tookPending(key, INIT_SCRIPT), false);
    assert.equal(await parsing, dead);
    assert.equal(host.stats().faultedInputs, 1);
    assert.ok((await host.parse(key, `${INIT_SCRIPT}# 1\n`, null)).body, 'a fresh worker reads the next edit');
  });

  it('a hung worker: bodyOf stops waiting at the parse budget (pending, the caller analyses again), the watchdog ends it', async () => {
    const host = newHost({ faults: true, watchdogGraceMs: 500 });
    await host.warm();
    const key = '/etc/init.d/hangs';
    await host.injectFault('hang', key);
    const parsing = host.parse(key, INIT_SCRIPT, null);
    assert.equal(host.canWaitFor(key, INIT_SCRIPT), true);
    assert.equal(host.bodyOf(key, INIT_SCRIPT), 'pending', 'the synchronous wait gave up without an answer');
    assert.equal(host.tookPending(key, INIT_SCRIPT), true, 'the caller is told to analyse again');
    assert.equal(host.tookPending(key, INIT_SCRIPT), false, 'once');
    // The worker let a wait down: the next texts queued behind it are awaited, not waited for here.
    const behind = host.parse('/etc/init.d/behind', `${INIT_SCRIPT}# behind\n`, null);
    assert.equal(host.canWaitFor('/etc/init.d/behind', `${INIT_SCRIPT}# behind\n`), false);
    assert.equal(host.bodyOf('/etc/init.d/behind', `${INIT_SCRIPT}# behind\n`), 'pending');
    const hung = await parsing;
    assert.ok((await behind).body, 'parsed by the fresh worker');
    assert.match(hung.failure ?? '', /did not finish within/);
    assert.equal(host.stats().ended.hang, 1);
    assert.equal(host.bodyOf(key, INIT_SCRIPT), hung, 'the failure is this text\'s body now');
    assert.ok((await host.parse(key, `${INIT_SCRIPT}# 1\n`, null)).body, 'a fresh worker reads the next edit');
  });

  it('a text re-sent to a fresh worker after another text faulted: bodyOf answers pending, then the body comes', async () => {
    const host = newHost({ faults: true });
    await host.warm();
    await host.injectFault('wasm', '/etc/init.d/bad');
    const bad = host.parse('/etc/init.d/bad', INIT_SCRIPT, null);
    const good = host.parse('/etc/init.d/good', `${INIT_SCRIPT}# good\n`, null);
    const b = host.bodyOf('/etc/init.d/good', `${INIT_SCRIPT}# good\n`);
    assert.equal(b, 'pending');
    assert.match((await bad).failure ?? '', /failed on this text/);
    const body = await good;
    assert.ok(body.body, 'the other document is parsed by the fresh worker');
    assert.equal(host.tookPending('/etc/init.d/good', `${INIT_SCRIPT}# good\n`), true);
    assert.equal(host.bodyOf('/etc/init.d/good', `${INIT_SCRIPT}# good\n`), body);
  });

  it('bodyOf: a file not parsed yet is pending, parsed in the background, then ready', async () => {
    const settled: string[] = [];
    const host = newHost({ onSettled: (p) => settled.push(p) });
    assert.equal(host.bodyOf('/etc/init.d/res', INIT_SCRIPT), 'pending');
    await host.settled();
    for (let i = 0; i < 50 && settled.length === 0; i++) await wait(10);
    assert.deepEqual(settled, ['/etc/init.d/res']);
    const ready = host.bodyOf('/etc/init.d/res', INIT_SCRIPT);
    assert.ok(ready !== 'pending' && ready?.body);
    // Another text of the same file is another parse.
    assert.equal(host.bodyOf('/etc/init.d/res', `${INIT_SCRIPT}\n`), 'pending');
  });

  it('several workers: documents spread over them, each answer is its own document', async () => {
    const host = newHost({ workers: 2 });
    const texts = Array.from({ length: 12 }, (_, i) => `${INIT_SCRIPT}${'echo x\n'.repeat(i)}`);
    const bodies = await Promise.all(texts.map((t, i) => host.parse(`/etc/init.d/s${i}`, t, null, false)));
    assert.equal(host.stats().started, 2);
    bodies.forEach((b, i) => assert.deepEqual(b.body, localBody(texts[i]!)));
  });
});
