/** Editor features over stdio, in every language: suppression quick fixes (and, below, inlay hints, semantic tokens, formatting). */
import * as assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { writeEditorTree } from '../helpers/editorTree';
import { applyEdits } from '../helpers/fixture';
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

const TREE_LANGS: Record<string, string> = {
  'etc/rc.d/init.d/web': 'shellscript', 'etc/inittab': 'inittab', 'etc/ha.d/ha.cf': 'ha-cf',
  'etc/ha.d/haresources': 'ha-resources', 'etc/ha.d/authkeys': 'ha-authkeys', 'etc/xinetd.d/tftp': 'xinetd',
};

describe('LSP over stdio: inlay hints and semantic tokens in every language', () => {
  const client = new TestClient();
  let root = '';
  let caps: Record<string, unknown>;
  const uri = (rel: string) => pathToFileURL(join(root, rel)).toString();
  const whole = { start: { line: 0, character: 0 }, end: { line: 1000, character: 0 } };

  before(async () => {
    root = writeEditorTree();
    caps = (await client.initialize({})).capabilities;
    for (const [file, languageId] of Object.entries(TREE_LANGS)) {
      await client.notify('textDocument/didOpen', { textDocument: { uri: uri(file), languageId, version: 1, text: readFileSync(join(root, file), 'utf8') } });
    }
  });
  after(async () => {
    assert.equal(await client.shutdown(), 0);
    rmSync(root, { recursive: true, force: true });
  });

  it('inlay hints: chkconfig links and subnets in the script, times in ha.cf, subnets in haresources; none elsewhere', async () => {
    assert.equal(caps['inlayHintProvider'], true);
    const hints = async (file: string) => (await client.request<{ position: { line: number; character: number }; label: string; paddingLeft: boolean }[]>('textDocument/inlayHint', { textDocument: { uri: uri(file) }, range: whole }))
      .map((h) => `${h.position.line}:${h.position.character} ${h.label}`);
    assert.deepEqual(await hints('etc/rc.d/init.d/web'), ['1:22 S85web in 345 · K15web in 0126', '17:24 net 10.1.0.0/22 · brd 10.1.3.255']);
    assert.deepEqual(await hints('etc/ha.d/ha.cf'), ['0:11 2000 ms', '1:11 30000 ms', '2:11 10000 ms', '3:12 120000 ms']);
    assert.deepEqual(await hints('etc/ha.d/haresources'), ['0:30 net 10.0.0.0/24 · brd 10.0.0.255']);
    for (const f of ['etc/inittab', 'etc/ha.d/authkeys', 'etc/xinetd.d/tftp']) assert.deepEqual(await hints(f), [], f);
  });

  it('semantic tokens: the legend, and the header keywords of the script (relative encoding)', async () => {
    const legend = (caps['semanticTokensProvider'] as { legend: { tokenTypes: string[]; tokenModifiers: string[] } }).legend;
    assert.deepEqual(legend.tokenTypes.slice(0, 3), ['keyword', 'variable', 'number']);
    const { data } = await client.request<{ data: number[] }>('textDocument/semanticTokens/full', { textDocument: { uri: uri('etc/rc.d/init.d/web') } });
    const text = readFileSync(join(root, 'etc/rc.d/init.d/web'), 'utf8').split('\n');
    const decoded: string[] = [];
    let line = 0;
    let start = 0;
    for (let i = 0; i < data.length; i += 5) {
      line += data[i]!;
      start = data[i]! === 0 ? start + data[i + 1]! : data[i + 1]!;
      decoded.push(`${text[line]!.slice(start, start + data[i + 2]!)}=${legend.tokenTypes[data[i + 3]!]}`);
    }
    assert.deepEqual(decoded.slice(0, 7), ['chkconfig=keyword', '345=number', '85=number', '15=number', 'description=keyword', 'BEGIN INIT INFO=keyword', 'Provides=keyword']);
    assert.ok(decoded.includes('$network=variable') && decoded.includes('END INIT INFO=keyword'));
    for (const f of ['etc/inittab', 'etc/ha.d/ha.cf', 'etc/ha.d/haresources', 'etc/ha.d/authkeys', 'etc/xinetd.d/tftp']) {
      assert.deepEqual((await client.request<{ data: number[] }>('textDocument/semanticTokens/full', { textDocument: { uri: uri(f) } })).data, [], f);
    }
  });
});

describe('LSP over stdio: Format Document in every language', () => {
  const client = new TestClient();
  let caps: Record<string, unknown>;
  const MESSY: Record<string, { languageId: string; text: string; want: string }> = {
    'file:///img/etc/inittab': { languageId: 'inittab', text: 'id:3:initdefault:   \n', want: 'id:3:initdefault:\n' },
    'file:///img/etc/ha.d/ha.cf': { languageId: 'ha-cf', text: '  keepalive   2\n\n\nnode a\n', want: 'keepalive 2\n\nnode a\n' },
    'file:///img/etc/ha.d/haresources': { languageId: 'ha-resources', text: 'a   IPaddr::10.0.0.1   web  \n', want: 'a IPaddr::10.0.0.1 web\n' },
    'file:///img/etc/ha.d/authkeys': { languageId: 'ha-authkeys', text: 'auth  1\n1  sha1   n0t-a-real-key \n', want: 'auth 1\n1 sha1 n0t-a-real-key\n' },
    'file:///img/etc/xinetd.d/x': { languageId: 'xinetd', text: 'service x\n{\n\tuser = root\n\tserver   =  /bin/x\n}\n', want: 'service x\n{\n\tuser   = root\n\tserver = /bin/x\n}\n' },
    'file:///img/etc/init.d/x': { languageId: 'shellscript', text: '#!/bin/sh\n  echo   x  \n', want: '#!/bin/sh\n  echo   x  \n' },
  };
  before(async () => {
    caps = (await client.initialize({})).capabilities;
    for (const [uri, { languageId, text }] of Object.entries(MESSY)) await client.notify('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  });
  after(async () => assert.equal(await client.shutdown(), 0));

  for (const [uri, { text, want }] of Object.entries(MESSY)) {
    it(uri.slice('file:///img/'.length), async () => {
      assert.equal(caps['documentFormattingProvider'], true);
      const edits = await client.request<{ range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[]>('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 4, insertSpaces: true } });
      assert.equal(applyEdits(text, edits), want);
      assert.ok(!JSON.stringify(edits).includes('n0t-a-real-key'));
    });
  }
});

describe('LSP over stdio: the boot-order picture requests', () => {
  const client = new TestClient();
  let root = '';
  before(async () => {
    root = writeEditorTree();
    await client.initialize({});
  });
  after(async () => {
    assert.equal(await client.shutdown(), 0);
    rmSync(root, { recursive: true, force: true });
  });

  it('sysvHa/bootView: graph, order per runlevel and the links of the script', async () => {
    const v = await client.request<{ focus: string; nodes: { name: string }[]; edges: { from: string; to: string; kind: string }[]; levels: { level: string; steps: { link: string }[] }[]; preview: { rows: unknown[]; otherTool?: string } }>('sysvHa/bootView', { path: join(root, 'etc/rc.d/init.d/web') });
    assert.equal(v.focus, 'web');
    assert.deepEqual(v.nodes.map((n) => n.name).sort(), ['cache', 'db', 'web']);
    assert.ok(v.edges.some((e) => e.from === 'web' && e.to === 'db' && e.kind === 'required'));
    assert.deepEqual(v.levels.find((l) => l.level === '3')!.steps.map((s) => s.link), ['S60db', 'S70cache', 'S85web']);
    assert.equal(v.preview.otherTool, undefined);
    // From the workspace folder: the whole tree, no focus.
    const w = await client.request<{ focus?: string; nodes: unknown[] }>('sysvHa/bootView', { path: root });
    assert.equal(w.focus, undefined);
    assert.equal(w.nodes.length, 3);
    assert.equal(await client.request('sysvHa/bootView', { path: '/nonexistent/place' }), null);
  });

  it('sysvHa/simulateData: the steps of a runlevel change', async () => {
    const s = await client.request<{ steps: { action: string; link: string }[] }>('sysvHa/simulateData', { path: join(root, 'etc/inittab'), from: 'N', to: '3' });
    assert.deepEqual(s.steps.map((x) => `${x.action} ${x.link}`), ['start S60db', 'start S70cache', 'start S85web']);
    assert.equal(await client.request('sysvHa/simulateData', { path: root, from: 'x', to: '3' }), null);
  });
});
