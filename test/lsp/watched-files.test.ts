/**
 * File watchers for plain LSP clients: a client that allows dynamic registration of
 * workspace/didChangeWatchedFiles (Neovim 0.10, Helix) gets the server's watchers, so a change on
 * disk reaches the cross-file checks; one that does not gets none; the changes it then sends
 * re-check the open documents.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { lsbScript } from '../helpers/initscripts';
import { TestClient } from '../helpers/lspClient';

interface Registration { id: string; method: string; registerOptions?: { watchers?: { globPattern: string }[] } }

async function registrations(capabilities: Record<string, unknown>): Promise<{ client: TestClient; registered: Registration[] }> {
  const client = new TestClient();
  const registered: Registration[] = [];
  client.conn.onRequest('client/registerCapability', (p: { registrations: Registration[] }) => {
    registered.push(...p.registrations);
    return null;
  });
  await client.initialize(capabilities);
  // Registration follows `initialized`; a request answered after it is after the registration too.
  await client.request('sysvHa/parserStats', {});
  return { client, registered };
}

describe('LSP over stdio: file watchers registered for clients that allow it', () => {
  it('registers watchers over what the checks read, and a change they report is seen', async () => {
    const { client, registered } = await registrations({ workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } });
    const root = mkdtempSync(join(tmpdir(), 'sysv-ha-watch-'));
    try {
      const watch = registered.find((r) => r.method === 'workspace/didChangeWatchedFiles');
      assert.ok(watch, 'a registration for workspace/didChangeWatchedFiles');
      const globs = watch.registerOptions!.watchers!.map((w) => w.globPattern);
      for (const p of ['init.d', 'rc3.d', 'insserv.conf', 'inittab', 'systemd/']) assert.ok(globs.some((g) => g.includes(p.replace('/', ''))), `a watcher covers ${p}`);

      mkdirSync(join(root, 'etc/init.d'), { recursive: true });
      writeFileSync(join(root, 'etc/init.d/web'), lsbScript('web', 'db'), { mode: 0o755 });
      const web = pathToFileURL(join(root, 'etc/init.d/web')).href;
      await client.notify('textDocument/didOpen', { textDocument: { uri: web, languageId: 'shellscript', version: 1, text: lsbScript('web', 'db') } });
      assert.deepEqual((await client.diagnostics(web, (p) => p.version === 1)).diagnostics.map((d) => d.code), ['workspace/missing-dependency']);
      // A script providing db appears on disk; the watcher's event (sent twice, as a client watching by itself too would) re-checks web.
      writeFileSync(join(root, 'etc/init.d/store'), lsbScript('db', ''), { mode: 0o755 });
      const seen = client.published.filter((p) => p.uri === web).length;
      const event = { changes: [{ uri: pathToFileURL(join(root, 'etc/init.d/store')).href, type: 1 }] };
      await client.notify('workspace/didChangeWatchedFiles', event);
      await client.notify('workspace/didChangeWatchedFiles', event);
      const again = await client.diagnostics(web, () => client.published.filter((p) => p.uri === web).length > seen);
      assert.deepEqual(again.diagnostics, []);
    } finally {
      assert.equal(await client.shutdown(), 0);
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('registers none for a client that does not allow it', async () => {
    const { client, registered } = await registrations({ workspace: { didChangeWatchedFiles: { dynamicRegistration: false } } });
    assert.equal(registered.filter((r) => r.method === 'workspace/didChangeWatchedFiles').length, 0);
    assert.equal(await client.shutdown(), 0);
  });
});
