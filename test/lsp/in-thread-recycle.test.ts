/**
 * A large script is parsed in the server's thread, and the thread's parser runtime is recycled
 * once idle (`ParserHost.recycleInThread`): the server lets its kept trees go first, and every
 * document's next edits are checked in the fresh runtime as before, with no worker. (That a tree
 * of the old runtime is never re-used by the new one: test/unit/in-thread-recycle.test.ts.)
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
/** The script with its status branch removed: initscript/missing-status (a body check). */
const noStatus = [...lines.slice(0, status), ...lines.slice(status + 3)].join('\n');
/** The same script above 64 KB: functions before its `case` (a body that reads the same). */
const large = noStatus.replace('\ncase ', `\n${Array.from({ length: 1500 }, (_, i) => `helper_${i}() {\n\techo "helper ${i}" >/dev/null\n}\n`).join('')}case `);

interface Stats {
  started: number;
  parses: number;
  inThread: number;
  inThreadRecycles: number;
}

describe("LSP over stdio: a large script in the server's thread, its parser runtime recycled when idle", () => {
  const client = new TestClient(undefined, { SYSV_HA_PARSER_IDLE_MS: '300' });
  const big = 'file:///srv/r1/etc/rc.d/init.d/foo';
  const small = 'file:///srv/r2/etc/rc.d/init.d/foo';
  const stats = () => client.request<Stats>('sysvHa/parserStats', {});
  const info = (uri: string) => client.request<{ reason: string; incremental: boolean }>('sysvHa/documentInfo', { uri });
  const codes = async (uri: string, version: number) => (await client.diagnostics(uri, (p) => p.version === version)).diagnostics.map((d) => d.code);
  const insert = (uri: string, version: number, line: number, s: string) =>
    client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: s }] });
  before(async () => client.initialize({}));
  after(async () => assert.equal(await client.shutdown(), 0));

  it('checks the large script here, recycles the runtime once idle, and the next edits are full parses checked as before', async () => {
    assert.ok(large.length > 64 * 1024, `${large.length} characters`);
    await client.notify('textDocument/didOpen', { textDocument: { uri: big, languageId: 'shellscript', version: 1, text: large } });
    await client.notify('textDocument/didOpen', { textDocument: { uri: small, languageId: 'shellscript', version: 1, text: noStatus } });
    assert.deepEqual(await codes(big, 1), ['initscript/missing-status']);
    assert.deepEqual(await codes(small, 1), ['initscript/missing-status']);
    await insert(big, 2, 1, '# x\n');
    assert.deepEqual(await codes(big, 2), ['initscript/missing-status']);
    assert.equal((await info(big)).incremental, true, "the tree kept in the server's thread");
    let s = await stats();
    assert.equal(s.started, 0, 'no worker');
    assert.equal(s.parses, 0);
    for (let i = 0; i < 100 && s.inThreadRecycles === 0; i++) {
      await new Promise((r) => setTimeout(r, 50));
      s = await stats();
    }
    assert.equal(s.inThreadRecycles, 1, 'recycled once idle');
    // A status branch comes back: read from this version's text in the fresh runtime (a full parse).
    const star = large.split('\n').findIndex((l) => l.startsWith('  *)')) + 1;
    await insert(big, 3, star + 1, '  status) echo ok ;;\n');
    assert.deepEqual(await codes(big, 3), []);
    assert.equal((await info(big)).incremental, false, 'the old tree was let go: a full parse');
    await insert(small, 2, 1, '# y\n');
    assert.deepEqual(await codes(small, 2), ['initscript/missing-status']);
    await insert(big, 4, 1, '# z\n');
    assert.deepEqual(await codes(big, 4), []);
    s = await stats();
    assert.equal(s.started, 0, 'still no worker');
    assert.ok(!client.logs.some((l) => /unhandled|uncaught|did not load/.test(l)), client.logs.join('\n'));
  });
});
