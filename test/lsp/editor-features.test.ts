/** Editor features over stdio, in every language: suppression quick fixes (and, below, inlay hints, semantic tokens, formatting). */
import * as assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { writeEditorTree } from '../helpers/editorTree';
import { TestClient, type Published } from '../helpers/lspClient';

/** A file per language with at least one diagnostic on a line after the first. */
const BROKEN: Record<string, { languageId: string; text: string }> = {
  'etc/inittab': { languageId: 'inittab', text: 'id:3:initdefault:\nx:2345:respwn:/sbin/getty tty1\n' },
  'etc/rc.d/init.d/svc': { languageId: 'shellscript', text: '#!/bin/sh\n# chkconfig: 345 10 90\n# description: x\nstart() {\n\tip addr add 10.0.0.4/99 dev eth0\n}\ncase "$1" in\n  start|stop|restart|status) ;;\n  *) exit 2 ;;\nesac\n' },
  'etc/ha.d/ha.cf': { languageId: 'ha-cf', text: 'keepalive 2\ndeadtime 1\nnode alpha\nnode beta\nbcast eth0\n' },
  'etc/ha.d/haresources': { languageId: 'ha-resources', text: '# groups\nalpha IPaddr::10.0.0.5/40\n' },
  'etc/ha.d/authkeys': { languageId: 'ha-authkeys', text: '# keys\nauth 3\n1 sha1 n0t-a-real-key\n' },
  'etc/xinetd.d/tftp': { languageId: 'xinetd', text: 'service tftp\n{\n\tsocket_type = dgram\n\tprotocol = udp\n\twait = maybe\n\tuser = root\n\tserver = /usr/sbin/in.tftpd\n}\n' },
};

interface Action { title: string; kind: string; edit?: { changes: Record<string, { range: { start: { line: number } }; newText: string }[]> } }

describe('LSP over stdio: suppression quick fixes in every language', () => {
  const client = new TestClient();
  let root = '';
  const uri = (rel: string) => pathToFileURL(join(root, rel)).toString();

  before(async () => {
    root = writeEditorTree();
    await client.initialize({});
    for (const [file, { languageId, text }] of Object.entries(BROKEN)) {
      await client.notify('textDocument/didOpen', { textDocument: { uri: uri(file), languageId, version: 1, text } });
    }
  });
  after(async () => {
    assert.equal(await client.shutdown(), 0);
    rmSync(root, { recursive: true, force: true });
  });

  for (const file of Object.keys(BROKEN)) {
    it(`${file}: "Disable CODE for this line / for this file" on a diagnostic`, async () => {
      const p: Published = await client.diagnostics(uri(file), (x) => x.diagnostics.some((d) => (d.range as { start: { line: number } }).start.line > 0));
      const d = p.diagnostics.find((x) => (x.range as { start: { line: number } }).start.line > 0)!;
      const actions = await client.request<Action[]>('textDocument/codeAction', { textDocument: { uri: uri(file) }, range: d.range, context: { diagnostics: [d], only: ['quickfix'] } });
      const titles = actions.map((a) => a.title);
      assert.ok(titles.includes(`Disable ${d.code} for this line`), titles.join(' | '));
      assert.ok(titles.includes(`Disable ${d.code} for this file`), titles.join(' | '));
      const line = actions.find((a) => a.title === `Disable ${d.code} for this line`)!;
      assert.equal(line.kind, 'quickfix');
      const edit = line.edit!.changes[uri(file)]![0]!;
      assert.equal(edit.range.start.line, (d.range as { start: { line: number } }).start.line);
      assert.match(edit.newText, new RegExp(`^[ \\t]*# sysv-ha-disable-next-line ${d.code}\\n$`));
      assert.ok(!JSON.stringify(actions).includes('n0t-a-real-key'));
    });
  }
  it('the init-script fixture is on disk too (the tree the other tests use)', () => {
    assert.ok(readFileSync(join(root, 'etc/rc.d/init.d/web'), 'utf8').includes('BEGIN INIT INFO'));
  });
});
