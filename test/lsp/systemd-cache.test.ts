/**
 * systemd over stdio, as the inputs change: the preview and the Services view's rows follow a
 * body edit (a reload action: no comment line changes), an rcN.d link made on disk, a script
 * that is not open changed on disk, and a native unit that appears (the watched-files event an
 * editor sends), without a request that forgets every cache in between.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { writeEditorTree } from '../helpers/editorTree';
import { TestClient } from '../helpers/lspClient';

const script = (name: string, body = '') =>
  `#!/bin/sh\n### BEGIN INIT INFO\n# Provides: ${name}\n# Required-Start: $remote_fs\n# Required-Stop: $remote_fs\n# Default-Start: 2 3 4 5\n# Default-Stop: 0 1 6\n# Short-Description: ${name}\n### END INIT INFO\n\ncase "$1" in\n  start|stop) ;;\n${body}  *) echo "Usage: $0 {start|stop}" >&2; exit 3 ;;\nesac\n`;

describe('LSP over stdio: systemd results follow what the generator reads', () => {
  const client = new TestClient();
  let root = '';
  const db = () => join(root, 'etc/init.d/db');
  const uri = () => pathToFileURL(db()).toString();
  let text = '';
  let version = 1;
  const preview = (path = db()) => client.request<string>('sysvHa/previewUnit', { path });
  const changed = (path: string, type: 1 | 2 | 3) => client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(path).toString(), type }] });
  const edit = async (next: string) => {
    text = next;
    await client.notify('textDocument/didChange', { textDocument: { uri: uri(), version: ++version }, contentChanges: [{ text }] });
  };

  before(async () => {
    root = writeEditorTree({
      'etc/init.d/db': script('db'), 'etc/init.d/web': script('web'),
      'etc/rc1.d/README': '', 'etc/rc2.d/README': '', 'etc/rc3.d/README': '', 'etc/rc4.d/README': '', 'etc/rc5.d/README': '',
    });
    symlinkSync('../init.d/db', join(root, 'etc/rc3.d/S20db'));
    await client.initialize({}, { settings: { systemdVersion: '252' } });
    text = script('db');
    await client.notify('textDocument/didOpen', { textDocument: { uri: uri(), languageId: 'shellscript', version, text } });
    await client.diagnostics(uri());
  });
  after(async () => {
    assert.equal(await client.shutdown(), 0);
    rmSync(root, { recursive: true, force: true });
  });

  it('a reload action added in the body (no comment line changed): the preview gets ExecReload=, and loses it again', async () => {
    assert.doesNotMatch(await preview(), /ExecReload/);
    await edit(text.replace('  start|stop) ;;\n', '  start|stop) ;;\n  reload) kill -HUP 1 ;;\n').replace('{start|stop}', '{start|stop|reload}'));
    assert.match(await preview(), /^ExecReload=\/etc\/init\.d\/db reload$/m);
    await edit(text.replace('{start|stop|reload}', '{start|stop}'));
    assert.doesNotMatch(await preview(), /ExecReload/);
  });

  it('an rcN.d link made on disk: the preview and the Services rows want the unit from graphical.target too', async () => {
    assert.match(await preview(), /wanted by multi-user\.target\./);
    symlinkSync('../init.d/db', join(root, 'etc/rc5.d/S20db'));
    await changed(join(root, 'etc/rc5.d/S20db'), 1);
    assert.match(await preview(), /wanted by multi-user\.target, graphical\.target\./);
    assert.match(await preview(), /Links read: rc3\.d\/S20db, rc5\.d\/S20db\./);
    const trees = await client.request<{ services: { name: string; systemd?: { wantedBy: string[] } }[] }[]>('sysvHa/services', { folders: [root] });
    assert.deepEqual(trees[0]!.services.find((s) => s.name === 'db')?.systemd?.wantedBy, ['multi-user.target', 'graphical.target']);
    unlinkSync(join(root, 'etc/rc5.d/S20db'));
    await changed(join(root, 'etc/rc5.d/S20db'), 3);
    assert.match(await preview(), /wanted by multi-user\.target\./);
  });

  it('a script that is not open, changed on disk: its preview follows', async () => {
    const web = join(root, 'etc/init.d/web');
    assert.doesNotMatch(await preview(web), /ExecReload/);
    writeFileSync(web, script('web').replace('{start|stop}', '{start|stop|reload}'));
    await changed(web, 2);
    assert.match(await preview(web), /^ExecReload=\/etc\/init\.d\/web reload$/m);
  });

  it('a native unit made on disk: the open script gets systemd/native-unit, the preview says why; removed, both go', async () => {
    const unit = join(root, 'lib/systemd/system/db.service');
    const codes = async (pred: (c: string[]) => boolean) => (await client.diagnostics(uri(), (p) => pred(p.diagnostics.map((d) => d.code)))).diagnostics.map((d) => d.code);
    assert.ok(!(await codes(() => true)).includes('systemd/native-unit'));
    mkdirSync(join(root, 'lib/systemd/system'), { recursive: true });
    writeFileSync(unit, '[Service]\nExecStart=/usr/sbin/db\n');
    await changed(unit, 1);
    assert.ok((await codes((c) => c.includes('systemd/native-unit'))).includes('systemd/native-unit'));
    assert.match(await preview(), /No unit: the native unit lib\/systemd\/system\/db\.service exists/);
    unlinkSync(unit);
    await changed(unit, 3);
    assert.ok(!(await codes((c) => !c.includes('systemd/native-unit'))).includes('systemd/native-unit'));
    assert.match(await preview(), /^What systemd 252 .*\n\nUnit db\.service/);
  });
});

