/**
 * The cross-file pass over stdio: a script opened (or edited) just before another script's
 * header edit read the old header, so the pass after the pause re-checks it too, although it
 * changed itself within the same pause.
 */
import * as assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { lsbScript as script, webStoreRoot } from '../helpers/initscripts';
import { TestClient } from '../helpers/lspClient';

describe('LSP over stdio: a script opened just before another script\'s header edit', () => {
  const client = new TestClient();
  let root: string;
  before(async () => {
    root = webStoreRoot('sysv-ha-xopen-');
    await client.initialize({});
  });
  after(async () => {
    assert.equal(await client.shutdown(), 0);
    rmSync(root, { recursive: true, force: true });
  });

  it('is re-checked once the pause is over and its missing dependency goes', async () => {
    const web = `file://${root}/etc/init.d/web`;
    const store = `file://${root}/etc/init.d/store`;
    await client.notify('textDocument/didOpen', { textDocument: { uri: store, languageId: 'shellscript', version: 1, text: script('store', '') } });
    await client.diagnostics(store, (p) => p.version === 1);
    // store's own pause ends before web is opened (its pass re-checks nothing: nothing else is open).
    await new Promise((r) => setTimeout(r, 700));
    await client.notify('textDocument/didOpen', { textDocument: { uri: web, languageId: 'shellscript', version: 1, text: script('web', 'db') } });
    assert.deepEqual((await client.diagnostics(web, (p) => p.version === 1)).diagnostics.map((d) => d.code), ['workspace/missing-dependency']);
    const seen = client.published.filter((p) => p.uri === web).length;
    // Within web's pause: store now provides db. web changed in this pause too (its open), but before store's header.
    await client.notify('textDocument/didChange', { textDocument: { uri: store, version: 2 }, contentChanges: [{ range: { start: { line: 2, character: 17 }, end: { line: 2, character: 17 } }, text: ' db' }] });
    await client.diagnostics(store, (p) => p.version === 2);
    const again = await client.diagnostics(web, () => client.published.filter((p) => p.uri === web).length > seen);
    assert.deepEqual(again.diagnostics, [], 'web read store\'s new header');
  });
});
