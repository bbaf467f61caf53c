/** The language server over a real stdio connection, as Neovim, Helix or Emacs talk to it. */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { REPO } from '../helpers/golden';
import { lsbScript, webStoreRoot } from '../helpers/initscripts';
import { TestClient } from '../helpers/lspClient';

const URI = 'file:///srv/image/etc/inittab';
const TEXT = readFileSync(join(REPO, 'examples/etc/inittab'), 'utf8');
const line = (needle: string) => TEXT.split('\n').findIndex((l) => l.includes(needle));

describe('LSP over stdio (push diagnostics)', () => {
  const client = new TestClient();
  let caps: Record<string, unknown>;

  before(async () => {
    caps = (await client.initialize({ textDocument: { completion: { completionItem: { snippetSupport: true } } } })).capabilities;
    await client.notify('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'inittab', version: 1, text: TEXT } });
  });
  after(async () => assert.equal(await client.shutdown(), 0));

  it('announces incremental sync and the features', () => {
    assert.deepEqual(caps['textDocumentSync'], { openClose: true, change: 2 });
    for (const f of ['completionProvider', 'hoverProvider', 'codeLensProvider', 'documentSymbolProvider', 'codeActionProvider', 'foldingRangeProvider']) assert.ok(caps[f], f);
    assert.equal(caps['diagnosticProvider'], undefined);
  });

  it('publishes diagnostics after didOpen', async () => {
    const p = await client.diagnostics(URI);
    assert.deepEqual(p.diagnostics.map((d) => d.code), ['inittab/unknown-action', 'inittab/respawn-backgrounded']);
    assert.equal(p.diagnostics[0]!.source, 'sysv-ha');
    assert.deepEqual(p.diagnostics[0]!.range, { start: { line: line('respwn'), character: 7 }, end: { line: line('respwn'), character: 13 } });
    assert.equal(p.diagnostics[0]!.severity, 1);
  });

  it('re-publishes after an incremental didChange', async () => {
    const l = line('respwn');
    await client.notify('textDocument/didChange', {
      textDocument: { uri: URI, version: 2 },
      contentChanges: [{ range: { start: { line: l, character: 7 }, end: { line: l, character: 13 } }, text: 'respawn' }],
    });
    const p = await client.diagnostics(URI, (x) => x.version === 2);
    assert.deepEqual(p.diagnostics.map((d) => d.code), ['inittab/respawn-backgrounded']);
    await client.notify('textDocument/didChange', {
      textDocument: { uri: URI, version: 3 },
      contentChanges: [{ range: { start: { line: l, character: 7 }, end: { line: l, character: 14 } }, text: 'respwn' }],
    });
    assert.equal((await client.diagnostics(URI, (x) => x.version === 3)).diagnostics.length, 2);
  });

  it('completes actions, resolves their docs', async () => {
    const l = line('respwn');
    const items = await client.request<{ label: string; data: unknown }[]>('textDocument/completion', { textDocument: { uri: URI }, position: { line: l, character: 9 } });
    const respawn = items.find((i) => i.label === 'respawn');
    assert.ok(respawn);
    const resolved = await client.request<{ documentation: { value: string } }>('completionItem/resolve', respawn);
    assert.match(resolved.documentation.value, /respawning too fast/);
  });

  it('hovers', async () => {
    const l = line('1:2345:respawn');
    const h = await client.request<{ contents: { kind: string; value: string } }>('textDocument/hover', { textDocument: { uri: URI }, position: { line: l, character: 9 } });
    assert.equal(h.contents.kind, 'markdown');
    assert.match(h.contents.value, /\*\*respawn\*\*/);
  });

  it('code lens, symbols, folding', async () => {
    const lenses = await client.request<{ command: { title: string } }[]>('textDocument/codeLens', { textDocument: { uri: URI } });
    assert.deepEqual(lenses.map((x) => x.command.title), ['Boots into runlevel 3 (full multi-user)', 'Simulate boot to runlevel 3']);
    const symbols = await client.request<{ name: string }[]>('textDocument/documentSymbol', { textDocument: { uri: URI } });
    assert.ok(symbols.some((s) => s.name === 'l3'));
    const folds = await client.request<{ kind: string }[]>('textDocument/foldingRange', { textDocument: { uri: URI } });
    assert.ok(folds.length >= 1 && folds[0]!.kind === 'comment');
  });

  it('offers the quick fix for the misspelt action', async () => {
    const p = await client.diagnostics(URI, (x) => x.version === 3);
    const d = p.diagnostics[0]!;
    const actions = await client.request<{ title: string; kind: string; edit: { changes: Record<string, { newText: string }[]> } }[]>('textDocument/codeAction', {
      textDocument: { uri: URI }, range: d.range, context: { diagnostics: [d] },
    });
    assert.equal(actions[0]!.title, "Change to 'respawn'");
    assert.equal(actions[0]!.kind, 'quickfix');
    assert.equal(actions[0]!.edit.changes[URI]![0]!.newText, 'respawn');
  });

  it('reports how the file is checked', async () => {
    const info = await client.request<{ language: string; profile: string }>('sysvHa/documentInfo', { uri: URI });
    assert.deepEqual([info.language, info.profile], ['inittab', 'sysvinit']);
  });

  it('answers empty for documents it does not know, and keeps going', async () => {
    const h = await client.request('textDocument/hover', { textDocument: { uri: 'file:///nope' }, position: { line: 0, character: 0 } });
    assert.equal(h, null);
    assert.deepEqual(await client.request('textDocument/completion', { textDocument: { uri: 'file:///nope' }, position: { line: 99, character: 99 } }), []);
    assert.ok(await client.request('textDocument/hover', { textDocument: { uri: URI }, position: { line: 9999, character: 9999 } }) === null);
  });

  it('clears diagnostics on close', async () => {
    await client.notify('textDocument/didClose', { textDocument: { uri: URI } });
    await client.diagnostics(URI, (x) => x.diagnostics.length === 0);
  });
});

describe('LSP over stdio (pull diagnostics, settings from the client)', () => {
  const client = new TestClient([join(REPO, 'dist', 'cli.js'), 'lsp', '--stdio']);
  let caps: Record<string, unknown>;

  before(async () => {
    client.configuration = { severity: { 'inittab/unknown-action': 'warning' } };
    caps = (await client.initialize({ textDocument: { diagnostic: {} }, workspace: { configuration: true } })).capabilities;
    await client.notify('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'inittab', version: 1, text: TEXT } });
  });
  after(async () => assert.equal(await client.shutdown(), 0));

  it('answers textDocument/diagnostic with the user\'s severities', async () => {
    assert.ok(caps['diagnosticProvider']);
    const report = await client.request<{ kind: string; items: { code: string; severity: number }[] }>('textDocument/diagnostic', { textDocument: { uri: URI } });
    assert.equal(report.kind, 'full');
    assert.deepEqual(report.items.map((d) => [d.code, d.severity]), [['inittab/unknown-action', 2], ['inittab/respawn-backgrounded', 2]]);
    assert.equal(client.published.length, 0, 'no push when the client pulls');
  });

  it('applies a configuration change', async () => {
    client.configuration = { severity: { 'inittab/unknown-action': 'off' } };
    await client.notify('workspace/didChangeConfiguration', { settings: null });
    const report = await client.request<{ items: { code: string }[] }>('textDocument/diagnostic', { textDocument: { uri: URI } });
    assert.deepEqual(report.items.map((d) => d.code), ['inittab/respawn-backgrounded']);
  });
});

describe('LSP over stdio (settings in initializationOptions, no configuration support)', () => {
  const client = new TestClient();
  before(async () => {
    await client.initialize({}, { settings: { inittab: { dialect: 'busybox' } } });
    await client.notify('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'inittab', version: 1, text: 'id:3:initdefault:\n' } });
  });
  after(async () => assert.equal(await client.shutdown(), 0));

  it('checks the file as BusyBox', async () => {
    const p = await client.diagnostics(URI);
    assert.deepEqual(p.diagnostics.map((d) => d.code), ['inittab/unknown-action']);
  });
});

describe('LSP over stdio: an init script, edited incrementally', () => {
  const client = new TestClient();
  const uri = 'file:///srv/img/etc/rc.d/init.d/foo';
  const text = readFileSync(join(REPO, 'test/helpers/initscripts.ts'), 'utf8').split('`')[1]!;
  before(async () => {
    await client.initialize({});
    await client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'shellscript', version: 1, text } });
  });
  after(async () => assert.equal(await client.shutdown(), 0));

  it('a clean script has no diagnostics; typing a mistake brings one, undoing it clears it', async () => {
    assert.deepEqual((await client.diagnostics(uri)).diagnostics, []);
    const line = text.split('\n').findIndex((l) => l.startsWith('# chkconfig:'));
    const col = '# chkconfig: 345 40'.length;
    // Delete " 60" one character at a time, as a user would.
    for (let i = 0; i < 3; i++) {
      await client.notify('textDocument/didChange', { textDocument: { uri, version: 2 + i }, contentChanges: [{ range: { start: { line, character: col + 2 - i }, end: { line, character: col + 3 - i } }, text: '' }] });
    }
    const broken = await client.diagnostics(uri, (p) => p.version === 4);
    assert.deepEqual(broken.diagnostics.map((d) => d.code), ['initscript/chkconfig-invalid']);
    await client.notify('textDocument/didChange', { textDocument: { uri, version: 5 }, contentChanges: [{ range: { start: { line, character: col }, end: { line, character: col } }, text: ' 60' }] });
    assert.deepEqual((await client.diagnostics(uri, (p) => p.version === 5)).diagnostics, []);
  });

  it('syntax errors are confirmed by sh -n in the background: each version published at once, the verdict once typing pauses', async () => {
    const lines = text.split('\n');
    const at = lines.findIndex((l) => l === '  status)');
    // Type an unterminated `if` one character at a time: tree-sitter sees errors at every step.
    const typed = 'if true; then';
    for (let i = 0; i < typed.length; i++) {
      await client.notify('textDocument/didChange', { textDocument: { uri, version: 100 + i }, contentChanges: [{ range: { start: { line: at, character: i }, end: { line: at, character: i } }, text: typed[i]! }] });
    }
    const last = 100 + typed.length - 1;
    // Each version is published at once (the other checks do not wait for the shell)…
    await client.diagnostics(uri, (x) => x.version === last);
    // …and the last one again once the shell confirmed the error: one shell run for the pause.
    const p = await client.diagnostics(uri, (x) => x.version === last && x.diagnostics.some((d) => d.code === 'initscript/syntax-error'));
    assert.equal(p.diagnostics.find((d) => d.code === 'initscript/syntax-error')!.severity, 1);
    const info = await client.request<{ shellPending: boolean }>('sysvHa/documentInfo', { uri });
    assert.equal(info.shellPending, false);
    // Undo: the error goes.
    await client.notify('textDocument/didChange', { textDocument: { uri, version: 200 }, contentChanges: [{ range: { start: { line: at, character: 0 }, end: { line: at, character: typed.length } }, text: '' }] });
    assert.deepEqual((await client.diagnostics(uri, (x) => x.version === 200)).diagnostics, []);
  });

  it('body edits re-parse incrementally: removing the status branch is noticed', async () => {
    const lines = text.split('\n');
    const status = lines.findIndex((l) => l === '  status)');
    await client.notify('textDocument/didChange', { textDocument: { uri, version: 6 }, contentChanges: [{ range: { start: { line: status, character: 0 }, end: { line: status + 3, character: 0 } }, text: '' }] });
    const p = await client.diagnostics(uri, (x) => x.version === 6);
    assert.deepEqual(p.diagnostics.map((d) => d.code), ['initscript/missing-status']);
  });

  it('signature help and hover over stdio', async () => {
    const lines = text.split('\n');
    const k = lines.findIndex((l) => l.includes('killproc -p'));
    const sig = await client.request<{ signatures: { label: string }[] }>('textDocument/signatureHelp', { textDocument: { uri }, position: { line: k, character: 14 } });
    assert.match(sig.signatures[0]!.label, /^killproc/);
    const ck = lines.findIndex((l) => l.startsWith('# chkconfig:'));
    const h = await client.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri }, position: { line: ck, character: 18 } });
    assert.match(h.contents.value, /S40foo/);
    const info = await client.request<{ language: string; profile: string }>('sysvHa/documentInfo', { uri });
    assert.deepEqual([info.language, info.profile], ['initscript', 'rhel']);
  });
});

describe('LSP over stdio: the Services view requests', () => {
  const client = new TestClient();
  let root: string;
  before(async () => {
    const { mkdtempSync, mkdirSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    root = mkdtempSync(join(tmpdir(), 'sysv-ha-svc-'));
    mkdirSync(join(root, 'etc/rc.d/init.d'), { recursive: true });
    writeFileSync(join(root, 'etc/rc.d/init.d/atd'), '#!/bin/sh\n# chkconfig: 345 95 5\n', { mode: 0o755 });
    mkdirSync(join(root, 'etc/xinetd.d'), { recursive: true });
    writeFileSync(join(root, 'etc/xinetd.d/tftp'), readFileSync(join(REPO, 'examples/etc/xinetd.d/tftp'), 'utf8'));
    await client.initialize({});
  });
  after(async () => {
    assert.equal(await client.shutdown(), 0);
    const { rmSync } = await import('node:fs');
    rmSync(root, { recursive: true, force: true });
  });

  it('lists the services of an image root; add writes links only when asked to', async () => {
    const trees = await client.request<{ root: string; tool: string; services: { name: string; registered: boolean }[] }[]>('sysvHa/services', { folders: [join(root, 'etc')] });
    assert.equal(trees.length, 1);
    assert.equal(trees[0]!.tool, 'chkconfig');
    assert.deepEqual(trees[0]!.services.map((s) => [s.name, s.registered]), [['atd', false]]);
    const xinetd = (trees[0] as unknown as { xinetd: { name: string; enabled: boolean; chkconfig?: string }[] }).xinetd;
    assert.deepEqual(xinetd.map((x) => [x.name, x.enabled, x.chkconfig]), [['tftp', false, 'off']]);
    const dry = await client.request<{ ops: { kind: string; rel: string }[]; conflicts: string[] }>('sysvHa/setService', { root, script: 'atd', op: 'add', apply: false });
    assert.equal(dry.ops.length, 7);
    const { existsSync } = await import('node:fs');
    assert.ok(!existsSync(join(root, 'etc/rc.d/rc3.d/S95atd')));
    // Apply writes only the list confirmed (issue 14.3): without it, or with another list, nothing.
    const unconfirmed = await client.request<{ conflicts: string[]; applied: string[] }>('sysvHa/setService', { root, script: 'atd', op: 'add', apply: true });
    assert.match(unconfirmed.conflicts[0]!, /not the ones you confirmed/);
    const stale = await client.request<{ conflicts: string[]; applied: string[] }>('sysvHa/setService', { root, script: 'atd', op: 'add', apply: true, confirmed: dry.ops.slice(1) });
    assert.equal(stale.applied.length, 0);
    assert.ok(!existsSync(join(root, 'etc/rc.d/rc3.d/S95atd')));
    const done = await client.request<{ applied: string[] }>('sysvHa/setService', { root, script: 'atd', op: 'add', apply: true, confirmed: dry.ops });
    assert.equal(done.applied.length, 7);
    assert.ok(existsSync(join(root, 'etc/rc.d/rc3.d/S95atd')));
    const after = await client.request<{ services: { registered: boolean }[] }[]>('sysvHa/services', { folders: [root] });
    assert.equal(after[0]!.services[0]!.registered, true);
    // Turn it off in runlevel 3 only: the S link there becomes a K link.
    const offDry = await client.request<{ ops: { kind: string; rel: string }[] }>('sysvHa/setLevel', { root, script: 'atd', level: '3', on: false, apply: false });
    const off = await client.request<{ ops: { kind: string; rel: string }[]; applied: string[] }>('sysvHa/setLevel', { root, script: 'atd', level: '3', on: false, apply: true, confirmed: offDry.ops });
    assert.deepEqual(off.ops.map((o) => `${o.kind} ${o.rel}`), ['remove etc/rc.d/rc3.d/S95atd', 'create etc/rc.d/rc3.d/K05atd']);
    assert.ok(existsSync(join(root, 'etc/rc.d/rc3.d/K05atd')) && !existsSync(join(root, 'etc/rc.d/rc3.d/S95atd')));
    const refused = await client.request<{ conflicts: string[] }>('sysvHa/setService', { root: '/', script: 'a;b', op: 'add', apply: true });
    assert.match(refused.conflicts[0]!, /refused/);
  });
});

describe('LSP over stdio: a change that arrives while the analysis waits for settings', () => {
  const client = new TestClient();
  before(async () => {
    await client.initialize({ workspace: { configuration: true } });
  });
  after(async () => assert.equal(await client.shutdown(), 0));

  it('the diagnostics published for a version are those of that version\'s text (TextDocuments updates the document in place)', async () => {
    const uri = 'file:///srv/race/etc/inittab';
    // didOpen starts an analysis that asks the client for settings; the change lands meanwhile.
    await client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'inittab', version: 1, text: 'id:3:initdefault:\n' } });
    await client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: 'x:5:respwn:/bin/x\n' }] });
    const p = await client.diagnostics(uri, (x) => x.version === 2);
    assert.deepEqual(p.diagnostics.map((d) => d.code), ['inittab/unknown-action']);
  });
});

describe('LSP over stdio: scripts that read each other', () => {
  const client = new TestClient();
  let root: string;
  const script = lsbScript;
  before(async () => {
    root = webStoreRoot('sysv-ha-xfile-');
    await client.initialize({});
  });
  after(async () => {
    assert.equal(await client.shutdown(), 0);
    const { rmSync } = await import('node:fs');
    rmSync(root, { recursive: true, force: true });
  });

  it('editing one script\'s Provides re-checks the other open scripts; a body edit does not', async () => {
    const web = `file://${root}/etc/init.d/web`;
    const store = `file://${root}/etc/init.d/store`;
    await client.notify('textDocument/didOpen', { textDocument: { uri: web, languageId: 'shellscript', version: 1, text: script('web', 'db') } });
    await client.notify('textDocument/didOpen', { textDocument: { uri: store, languageId: 'shellscript', version: 1, text: script('store', '') } });
    assert.deepEqual((await client.diagnostics(web, (p) => p.version === 1)).diagnostics.map((d) => d.code), ['workspace/missing-dependency']);
    await client.diagnostics(store, (p) => p.version === 1);
    // Opening store may re-check web once more (on a loaded machine that publish can come late):
    // count from when web's publications have been still for 700 ms.
    const webCount = () => client.published.filter((p) => p.uri === web).length;
    let before = webCount();
    for (;;) {
      await new Promise((r) => setTimeout(r, 700));
      if (webCount() === before) break;
      before = webCount();
    }
    // A body edit in store: web is not re-checked. (Not a comment line: the header signature is
    // every comment line, since # chkconfig and the LSB block are comments.)
    await client.notify('textDocument/didChange', { textDocument: { uri: store, version: 2 }, contentChanges: [{ range: { start: { line: 8, character: 0 }, end: { line: 8, character: 0 } }, text: 'umask 022\n' }] });
    await client.diagnostics(store, (p) => p.version === 2);
    await new Promise((r) => setTimeout(r, 700));
    assert.equal(client.published.filter((p) => p.uri === web).length, before);
    // store now provides db too: web's missing dependency goes without web being touched.
    await client.notify('textDocument/didChange', { textDocument: { uri: store, version: 3 }, contentChanges: [{ range: { start: { line: 2, character: 17 }, end: { line: 2, character: 17 } }, text: ' db' }] });
    const again = await client.diagnostics(web, () => client.published.filter((p) => p.uri === web).length > before);
    assert.deepEqual(again.diagnostics, []);
  });
});

describe('LSP over stdio: an authkeys readable by others', () => {
  const client = new TestClient();
  let dir: string;
  let uri: string;
  before(async () => {
    const { mkdtempSync, mkdirSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { pathToFileURL } = await import('node:url');
    dir = mkdtempSync(join(tmpdir(), 'sysv-ha-keys-'));
    mkdirSync(join(dir, 'etc/ha.d'), { recursive: true });
    writeFileSync(join(dir, 'etc/ha.d/authkeys'), 'auth 1\n1 sha1 s3cr3t-key\n', { mode: 0o644 });
    uri = pathToFileURL(join(dir, 'etc/ha.d/authkeys')).toString();
    await client.initialize({});
    await client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'ha-authkeys', version: 1, text: 'auth 1\n1 sha1 s3cr3t-key\n' } });
  });
  after(async () => {
    assert.equal(await client.shutdown(), 0);
    const { rmSync } = await import('node:fs');
    rmSync(dir, { recursive: true, force: true });
  });

  it('offers chmod 600 as a command; after the client changed the mode the error goes', async () => {
    const p = await client.diagnostics(uri);
    const d = p.diagnostics.find((x) => x.code === 'authkeys/bad-permissions')!;
    assert.ok(d);
    const actions = await client.request<{ title: string; command?: { command: string; arguments: unknown[] }; edit?: unknown }[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
    const chmod = actions.find((a) => a.command?.command === 'sysvHa.chmodKeyfile')!;
    assert.deepEqual(chmod.command!.arguments, [join(dir, 'etc/ha.d/authkeys')]);
    assert.equal(chmod.edit, undefined);
    const { chmodSync } = await import('node:fs');
    chmodSync(join(dir, 'etc/ha.d/authkeys'), 0o600);
    await client.notify('sysvHa/filesChanged', { paths: [join(dir, 'etc/ha.d/authkeys')] });
    await client.diagnostics(uri, (x) => !x.diagnostics.some((y) => y.code === 'authkeys/bad-permissions') && x !== p);
    assert.ok(!client.logs.join('\n').includes('s3cr3t-key'), 'the key never reaches the log');
  });
});

describe('LSP over stdio: many init scripts open (analyses kept for the last opened or edited only)', () => {
  const client = new TestClient();
  const text = readFileSync(join(REPO, 'test/helpers/initscripts.ts'), 'utf8').split('`')[1]!;
  const uri = (i: number) => `file:///srv/many/etc/rc.d/init.d/s${i}`;
  before(async () => {
    await client.initialize({});
    for (let i = 0; i < 40; i++) await client.notify('textDocument/didOpen', { textDocument: { uri: uri(i), languageId: 'shellscript', version: 1, text: text.replace(/foo/g, `s${i}`) } });
    for (let i = 0; i < 40; i++) await client.diagnostics(uri(i));
  });

  it('a document whose analysis was dropped answers requests as one still kept', async () => {
    const lines = text.split('\n');
    const daemonLine = lines.findIndex((l) => /^\s+daemon\b/.test(l));
    assert.ok(daemonLine > 0);
    const ask = async (i: number) => {
      const same = (x: unknown) => JSON.parse(JSON.stringify(x).replaceAll(`s${i}`, 'NAME')) as unknown;
      const doc = { uri: uri(i) };
      return same({
        symbols: await client.request('textDocument/documentSymbol', { textDocument: doc }),
        lenses: await client.request('textDocument/codeLens', { textDocument: doc }),
        hover: await client.request('textDocument/hover', { textDocument: doc, position: { line: daemonLine, character: lines[daemonLine]!.indexOf('daemon') + 1 } }),
        folds: await client.request('textDocument/foldingRange', { textDocument: doc }),
      });
    };
    const kept = await ask(39);
    assert.ok(JSON.stringify(kept).includes('daemon'), 'the hover is about daemon');
    assert.deepEqual(await ask(11), kept); // same length of name: same columns
  });
  after(async () => assert.equal(await client.shutdown(), 0));

  it('an early document, whose tree was dropped, still re-checks right after an edit', async () => {
    const lines = text.split('\n');
    const status = lines.findIndex((l) => l === '  status)');
    await client.notify('textDocument/didChange', { textDocument: { uri: uri(0), version: 2 }, contentChanges: [{ range: { start: { line: status, character: 0 }, end: { line: status + 3, character: 0 } }, text: '' }] });
    const p = await client.diagnostics(uri(0), (x) => x.version === 2);
    assert.deepEqual(p.diagnostics.map((d) => d.code), ['initscript/missing-status']);
    await client.notify('textDocument/didChange', { textDocument: { uri: uri(0), version: 3 }, contentChanges: [{ range: { start: { line: status, character: 0 }, end: { line: status, character: 0 } }, text: '  status)\n\tstatus -p /var/run/s0.pid food\n\t;;\n' }] });
    assert.deepEqual((await client.diagnostics(uri(0), (x) => x.version === 3)).diagnostics, []);
  });
});

describe('LSP over stdio: background re-checks keep the script being typed in incremental', () => {
  const client = new TestClient();
  const text = readFileSync(join(REPO, 'test/helpers/initscripts.ts'), 'utf8').split('`')[1]!;
  const script = 'file:///srv/typing/etc/rc.d/init.d/foo';
  const haresources = (i: number) => `file:///srv/ha${i}/etc/ha.d/haresources`;
  const published = (uri: string) => client.published.filter((p) => p.uri === uri).length;
  const info = () => client.request<{ incremental: boolean }>('sysvHa/documentInfo', { uri: script });
  const edit = async (version: number, line: number, newText: string) => {
    await client.notify('textDocument/didChange', { textDocument: { uri: script, version }, contentChanges: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: newText }] });
    await client.diagnostics(script, (p) => p.version === version);
  };
  before(async () => {
    await client.initialize({});
    // 20 haresources files, re-checked after every script edit (they read the scripts' bodies),
    // more than the server keeps analyses for; the script is opened last.
    for (let i = 0; i < 20; i++) await client.notify('textDocument/didOpen', { textDocument: { uri: haresources(i), languageId: 'ha-resources', version: 1, text: `node${i} 10.0.0.${i + 1} foo\n` } });
    for (let i = 0; i < 20; i++) await client.diagnostics(haresources(i));
    await client.notify('textDocument/didOpen', { textDocument: { uri: script, languageId: 'shellscript', version: 1, text } });
    await client.diagnostics(script);
  });
  after(async () => assert.equal(await client.shutdown(), 0));

  it('after the re-checks of 20 other documents, the next edit still starts from the previous analysis', async () => {
    const body = text.split('\n').findIndex((l) => l.startsWith('start()'));
    assert.ok(body > 0);
    const before = Array.from({ length: 20 }, (_, i) => published(haresources(i)));
    await edit(2, body, '# a comment\n');
    assert.equal((await info()).incremental, true);
    // The haresources files are re-checked once typing pauses.
    for (let k = 0; k < 200 && before.some((n, i) => published(haresources(i)) <= n); k++) await new Promise((r) => setTimeout(r, 25));
    assert.ok(before.every((n, i) => published(haresources(i)) > n), 'every haresources file was re-checked');
    await edit(3, body, '# another\n');
    assert.equal((await info()).incremental, true);
  });
});

