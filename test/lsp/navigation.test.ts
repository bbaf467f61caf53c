/** Navigation over stdio: definition, references, rename, document links, workspace symbols, in every language. */
import * as assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { EDITOR_TREE, positionOf, writeEditorTree } from '../helpers/editorTree';
import { TestClient } from '../helpers/lspClient';

const LANGS: Record<string, string> = {
  'etc/rc.d/init.d/web': 'shellscript', 'etc/rc.d/init.d/cache': 'shellscript', 'etc/inittab': 'inittab', 'etc/ha.d/ha.cf': 'ha-cf',
  'etc/ha.d/haresources': 'ha-resources', 'etc/ha.d/authkeys': 'ha-authkeys', 'etc/xinetd.d/tftp': 'xinetd',
};

interface Loc { uri: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }

describe('LSP over stdio: navigation across files', () => {
  const client = new TestClient();
  let root = '';
  let caps: Record<string, unknown>;
  const uri = (rel: string) => pathToFileURL(join(root, rel)).toString();
  const rel = (u: string) => u.slice(pathToFileURL(root).toString().length + 1);
  const at = (l: Loc) => `${rel(l.uri)}:${l.range.start.line}:${l.range.start.character}`;
  const pos = (file: string, needle: string, nth = 0) => positionOf(EDITOR_TREE[file]!, needle, 1, nth);
  const definition = (file: string, needle: string, nth = 0) => client.request<Loc[]>('textDocument/definition', { textDocument: { uri: uri(file) }, position: pos(file, needle, nth) });

  before(async () => {
    root = writeEditorTree();
    caps = (await client.initialize({
      textDocument: { diagnostic: {}, rename: { prepareSupport: true } },
      workspace: { workspaceEdit: { documentChanges: true, resourceOperations: ['create', 'rename', 'delete'] } },
    }, undefined)).capabilities;
    for (const [file, languageId] of Object.entries(LANGS)) {
      await client.notify('textDocument/didOpen', { textDocument: { uri: uri(file), languageId, version: 1, text: readFileSync(join(root, file), 'utf8') } });
    }
  });
  after(async () => {
    assert.equal(await client.shutdown(), 0);
    rmSync(root, { recursive: true, force: true });
  });

  it('announces the providers, and inter-file dependencies for pulled diagnostics', () => {
    for (const f of ['definitionProvider', 'referencesProvider', 'documentLinkProvider', 'workspaceSymbolProvider']) assert.ok(caps[f], f);
    assert.deepEqual(caps['renameProvider'], { prepareProvider: true });
    assert.equal((caps['diagnosticProvider'] as { interFileDependencies: boolean }).interFileDependencies, true);
  });

  it('definition: dependency → provider, library call → functions file, haresources resource → script, node → ha.cf, auth → key line, paths → files', async () => {
    assert.deepEqual((await definition('etc/rc.d/init.d/web', ' db')).map(at), ['etc/rc.d/init.d/db:4:12']);
    assert.deepEqual((await definition('etc/rc.d/init.d/web', 'cache')).map(at), ['etc/rc.d/init.d/cache:4:12']);
    assert.deepEqual((await definition('etc/rc.d/init.d/cache', 'web')).map(at), ['etc/rc.d/init.d/web:4:12']);
    assert.deepEqual((await definition('etc/rc.d/init.d/web', 'daemon')).map(at), ['etc/rc.d/init.d/functions:1:0']);
    assert.deepEqual((await definition('etc/rc.d/init.d/web', 'killproc')).map(at), ['etc/rc.d/init.d/functions:5:0']);
    assert.deepEqual((await definition('etc/ha.d/haresources', 'web')).map(at), ['etc/rc.d/init.d/web:0:0']);
    assert.deepEqual((await definition('etc/ha.d/haresources', 'alpha')).map(at), ['etc/ha.d/ha.cf:5:5']);
    assert.deepEqual((await definition('etc/ha.d/authkeys', ' 1')).map(at), ['etc/ha.d/authkeys:1:0']);
    assert.deepEqual((await definition('etc/xinetd.d/tftp', '/usr/sbin')).map(at), ['usr/sbin/in.tftpd:0:0']);
    assert.deepEqual((await definition('etc/inittab', '/etc/rc.d/rc ')).map(at), ['etc/rc.d/rc:0:0']);
    assert.deepEqual((await definition('etc/ha.d/ha.cf', 'keepalive')).map(at), []);
  });

  it('references: who needs a Provides name (and haresources lines that run it); nodes across ha.cf and haresources', async () => {
    const refs = await client.request<Loc[]>('textDocument/references', { textDocument: { uri: uri('etc/rc.d/init.d/cache') }, position: pos('etc/rc.d/init.d/cache', 'cache'), context: { includeDeclaration: true } });
    assert.deepEqual(refs.map(at).sort(), ['etc/ha.d/haresources:0:31', 'etc/rc.d/init.d/cache:4:12', 'etc/rc.d/init.d/web:7:16']);
    const nodes = await client.request<Loc[]>('textDocument/references', { textDocument: { uri: uri('etc/ha.d/ha.cf') }, position: pos('etc/ha.d/ha.cf', 'alpha'), context: { includeDeclaration: false } });
    assert.deepEqual(nodes.map(at), ['etc/ha.d/haresources:0:0']);
    for (const [file, needle] of [['etc/inittab', 'sysinit'], ['etc/xinetd.d/tftp', 'dgram']] as const) {
      assert.deepEqual(await client.request('textDocument/references', { textDocument: { uri: uri(file) }, position: pos(file, needle), context: { includeDeclaration: true } }), []);
    }
  });

  it('document links in every language that names files', async () => {
    const links = async (file: string) => (await client.request<{ range: Loc['range']; target: string }[]>('textDocument/documentLink', { textDocument: { uri: uri(file) } })).map((l) => `${l.range.start.line}:${l.range.start.character}=${rel(l.target)}`);
    assert.deepEqual(await links('etc/rc.d/init.d/web'), ['12:2=etc/rc.d/init.d/functions', '13:31=etc/sysconfig/web', '16:8=usr/sbin/webd']);
    assert.deepEqual(await links('etc/inittab'), ['1:12=etc/rc.d/rc.sysinit', '2:10=etc/rc.d/rc']);
    assert.deepEqual(await links('etc/xinetd.d/tftp'), ['6:10=usr/sbin/in.tftpd']);
    assert.deepEqual(await links('etc/ha.d/haresources'), ['0:31=etc/rc.d/init.d/cache', '0:37=etc/rc.d/init.d/web']);
    assert.deepEqual(await links('etc/ha.d/authkeys'), []);
    assert.deepEqual(await links('etc/ha.d/ha.cf'), []);
  });

  it('prepareRename and rename: Provides, dependencies, the file and haresources in one edit', async () => {
    const where = { textDocument: { uri: uri('etc/rc.d/init.d/cache') }, position: pos('etc/rc.d/init.d/cache', 'cache') };
    assert.deepEqual(await client.request('textDocument/prepareRename', where), { range: { start: { line: 4, character: 12 }, end: { line: 4, character: 17 } }, placeholder: 'cache' });
    assert.equal(await client.request('textDocument/prepareRename', { textDocument: { uri: uri('etc/ha.d/ha.cf') }, position: { line: 0, character: 2 } }), null);
    const edit = await client.request<{ documentChanges: ({ textDocument: { uri: string; version: number | null }; edits: { newText: string }[] } | { kind: string; oldUri: string; newUri: string })[] }>('textDocument/rename', { ...where, newName: 'memcache' });
    const summary = edit.documentChanges.map((c) => ('kind' in c ? `${c.kind} ${rel(c.oldUri)} -> ${rel(c.newUri)}` : `${rel(c.textDocument.uri)}@${c.textDocument.version}: ${c.edits.map((e) => e.newText).join(',')}`));
    assert.deepEqual(summary.sort(), ['etc/ha.d/haresources@1: memcache', 'etc/rc.d/init.d/cache@1: memcache', 'etc/rc.d/init.d/web@1: memcache', 'rename etc/rc.d/init.d/cache -> etc/rc.d/init.d/memcache']);
    await assert.rejects(client.request('textDocument/rename', { ...where, newName: 'web' }), /already provided by web/);
  });

  it('references and prepareRename at a position in every language', async () => {
    const refs = (file: string, needle: string) => client.request<Loc[]>('textDocument/references', { textDocument: { uri: uri(file) }, position: pos(file, needle), context: { includeDeclaration: true } }).then((r) => r.map(at).sort());
    const prepare = (file: string, needle: string) => client.request<{ range: Loc['range']; placeholder: string } | null>('textDocument/prepareRename', { textDocument: { uri: uri(file) }, position: pos(file, needle) })
      .then((r) => (r ? `${r.range.start.line}:${r.range.start.character}-${r.range.end.character} ${r.placeholder}` : null));
    // A haresources resource is the script's Provides name: the same references as from the script.
    assert.deepEqual(await refs('etc/ha.d/haresources', 'cache'), ['etc/ha.d/haresources:0:31', 'etc/rc.d/init.d/cache:4:12', 'etc/rc.d/init.d/web:7:16']);
    // A dependency in a header: the provider, the scripts that need it and haresources.
    assert.deepEqual(await refs('etc/rc.d/init.d/web', 'cache'), ['etc/ha.d/haresources:0:31', 'etc/rc.d/init.d/cache:4:12', 'etc/rc.d/init.d/web:7:16']);
    assert.deepEqual(await refs('etc/ha.d/authkeys', 'sha1'), []);
    assert.equal(await prepare('etc/ha.d/haresources', 'web'), '0:37-40 web');
    assert.equal(await prepare('etc/rc.d/init.d/web', ' db'), '5:27-29 db');
    assert.equal(await prepare('etc/rc.d/init.d/cache', 'web'), '7:18-21 web');
    for (const [file, needle] of [['etc/inittab', 'sysinit'], ['etc/ha.d/authkeys', 'sha1'], ['etc/xinetd.d/tftp', 'tftp'], ['etc/ha.d/ha.cf', 'alpha'], ['etc/rc.d/init.d/web', 'daemon']] as const) {
      assert.equal(await prepare(file, needle), null, `${file}: ${needle}`);
    }
  });

  it('rename from a haresources resource: the script, its header, its dependents and haresources', async () => {
    const edit = await client.request<{ documentChanges: ({ textDocument: { uri: string; version: number | null }; edits: { newText: string }[] } | { kind: string; oldUri: string; newUri: string })[] }>('textDocument/rename', { textDocument: { uri: uri('etc/ha.d/haresources') }, position: pos('etc/ha.d/haresources', 'web'), newName: 'apache' });
    const summary = edit.documentChanges.map((c) => ('kind' in c ? `${c.kind} ${rel(c.oldUri)} -> ${rel(c.newUri)}` : `${rel(c.textDocument.uri)}@${c.textDocument.version}: ${c.edits.map((e) => e.newText).join(',')}`));
    assert.deepEqual(summary.sort(), ['etc/ha.d/haresources@1: apache', 'etc/rc.d/init.d/cache@1: apache', 'etc/rc.d/init.d/web@1: apache', 'rename etc/rc.d/init.d/web -> etc/rc.d/init.d/apache']);
  });

  it('workspace symbols: every service of the open image root', async () => {
    const all = await client.request<{ name: string; containerName: string; location: Loc }[]>('workspace/symbol', { query: '' });
    const names = all.map((s) => `${s.name}@${s.containerName}`);
    for (const x of ['web@etc/rc.d/init.d', 'db@etc/rc.d/init.d', 'cache@etc/rc.d/init.d', 'tftp@xinetd', 'web@haresources (alpha)']) assert.ok(names.includes(x), `${x} in ${names.join(', ')}`);
    assert.ok(!names.some((n) => n.includes('n0t-a-real-key')));
    assert.deepEqual((await client.request<{ name: string }[]>('workspace/symbol', { query: 'tft' })).map((s) => s.name), ['tftp']);
  });
});
