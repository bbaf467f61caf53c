/**
 * The rcN.d link plan over stdio: planned once per tree and kept while what it was made from
 * answers the same (lsp/countedHost.ts, initscript/workspace.ts). An edit of another script's
 * header that moves this script's sequence numbers, and a link removed on disk, are still seen.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import * as svc from '../../server/src/service';
import { FsHost } from '../../server/src/host/fsHost';
import { TestClient } from '../helpers/lspClient';

const script = (name: string, requires: string) =>
  `#!/bin/sh\n### BEGIN INIT INFO\n# Provides: ${name}\n# Required-Start: ${requires}\n# Required-Stop: ${requires}\n# Default-Start: 2 3 4 5\n# Default-Stop: 0 1 6\n# Short-Description: ${name}\n### END INIT INFO\ncase "$1" in\n  start|stop|restart|force-reload|status) ;;\n  *) echo "Usage: $0 {start|stop}" >&2; exit 3 ;;\nesac\n`;

/** An image root with a (needs b), b and c, and every link insserv would make for them. */
function linkedRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'sysv-ha-plan-'));
  mkdirSync(join(root, 'etc/init.d'), { recursive: true });
  writeFileSync(join(root, 'etc/insserv.conf'), '$local_fs +mountall\n'); // planned as insserv does: by dependency depth
  for (const [n, r] of [['a', 'b'], ['b', ''], ['c', '']]) writeFileSync(join(root, 'etc/init.d', n!), script(n!, r!), { mode: 0o755 });
  const tree = svc.boot.loadInitTree(root, new FsHost())!;
  for (const l of svc.boot.plan(tree, svc.boot.defaultTool(tree)).links) {
    mkdirSync(join(root, l.link, '..'), { recursive: true });
    symlinkSync(l.target, join(root, l.link));
  }
  return root;
}

const codes = (p: { diagnostics: { code: string }[] }) => p.diagnostics.map((d) => d.code);

describe('LSP over stdio: the link plan follows the headers and the links on disk', () => {
  const client = new TestClient();
  const roots: string[] = [];
  before(async () => {
    await client.initialize({});
  });
  after(async () => {
    assert.equal(await client.shutdown(), 0);
    for (const r of roots) rmSync(r, { recursive: true, force: true });
  });

  it('sees another script\'s header edit that moves this script\'s links', async () => {
    const root = linkedRoot();
    roots.push(root);
    const a = pathToFileURL(join(root, 'etc/init.d/a')).href;
    const b = pathToFileURL(join(root, 'etc/init.d/b')).href;
    // The edit below does move a's links (b after c, so a after b): what update-rc.d would make now.
    const files = new FsHost((p) => (p === join(root, 'etc/init.d/b') ? script('b', 'c') : undefined));
    const tree = svc.boot.loadInitTree(root, files)!;
    const aLinks = (t: svc.boot.InitTree) => svc.boot.plan(t, svc.boot.defaultTool(t)).links.filter((l) => l.script === 'a').map((l) => l.link);
    assert.notDeepEqual(aLinks(tree), aLinks(svc.boot.loadInitTree(root, new FsHost())!));

    await client.notify('textDocument/didOpen', { textDocument: { uri: a, languageId: 'shellscript', version: 1, text: script('a', 'b') } });
    assert.deepEqual(codes(await client.diagnostics(a, (p) => p.version === 1)), [], 'the links are the planned ones');
    await client.notify('textDocument/didOpen', { textDocument: { uri: b, languageId: 'shellscript', version: 1, text: script('b', '') } });
    await client.diagnostics(b, (p) => p.version === 1);
    const seen = client.published.filter((p) => p.uri === a).length;
    await client.notify('textDocument/didChange', { textDocument: { uri: b, version: 2 }, contentChanges: [{ text: script('b', 'c') }] });
    const again = await client.diagnostics(a, () => client.published.filter((p) => p.uri === a).length > seen);
    assert.deepEqual(codes(again), ['workspace/rc-link-mismatch'], 'a was planned again from b\'s new header');
  });

  it('sees a link removed on disk', async () => {
    const root = linkedRoot();
    roots.push(root);
    const a = pathToFileURL(join(root, 'etc/init.d/a')).href;
    await client.notify('textDocument/didOpen', { textDocument: { uri: a, languageId: 'shellscript', version: 1, text: script('a', 'b') } });
    assert.deepEqual(codes(await client.diagnostics(a, (p) => p.version === 1)), []);
    const tree = svc.boot.loadInitTree(root, new FsHost())!;
    const gone = svc.boot.plan(tree, svc.boot.defaultTool(tree)).links.find((l) => l.script === 'a' && l.runlevel === 3)!;
    unlinkSync(join(root, gone.link));
    const seen = client.published.filter((p) => p.uri === a).length;
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(join(root, gone.link)).href, type: 3 }] });
    const again = await client.diagnostics(a, () => client.published.filter((p) => p.uri === a).length > seen);
    assert.deepEqual(codes(again), ['workspace/rc-link-mismatch']);
    assert.match(again.diagnostics[0]!.message, new RegExp(gone.link.slice(gone.link.lastIndexOf('/rc') + 1).replace('.', '\\.')));
  });
});
