'use strict';
// Init scripts (language id shellscript) in the real extension host:
// etc/rc.d/init.d/httpd and myscript from the examples, and etc/rc.d/init.d/broken,
// the fixture test/e2e/fixtures/broken that run.sh copies into the workspace
// (chkconfig line with two values, packed Default-Start runlevels).

const assert = require('assert');
const vscode = require('vscode');
const { waitFor, codeOf, hoverText, flattenSymbols, labelOf, notSnippet, diagnosticsWith } = require('./util');

describe('init scripts in the VS Code extension host', function () {
  let folder;
  const open = async (name) => {
    const uri = vscode.Uri.joinPath(folder.uri, 'etc', 'rc.d', 'init.d', name);
    const doc = await vscode.workspace.openTextDocument(uri);
    // Not a preview editor: the language client pulls diagnostics only for
    // documents shown in a tab, and a preview tab is replaced by the next one.
    await vscode.window.showTextDocument(doc, { preview: false });
    return { uri, doc, lines: doc.getText().split(/\r?\n/) };
  };
  const rowOf = (lines, prefix) => {
    const i = lines.findIndex((l) => l.startsWith(prefix));
    assert.ok(i >= 0, `fixture has no line starting with ${prefix}`);
    return i;
  };
  // Hover text at the last occurrence of `word` in `prefix`, on the line
  // starting with `prefix`.
  const hoverAt = async (f, prefix, word, want) => {
    const row = rowOf(f.lines, prefix);
    const col = prefix.lastIndexOf(word);
    const pos = new vscode.Position(row, col + 1);
    return waitFor(`a hover at ${row + 1}:${col + 1} (${word}) matching ${want}`, async () => {
      const t = hoverText(await vscode.commands.executeCommand('vscode.executeHoverProvider', f.uri, pos));
      return want.test(t) ? t : null;
    }, 20000).catch(async (e) => {
      const t = hoverText(await vscode.commands.executeCommand('vscode.executeHoverProvider', f.uri, pos));
      throw new Error(`${e.message}; hover now: ${JSON.stringify(t.slice(0, 300))}`);
    });
  };

  let httpd;
  let broken;
  before(async function () {
    folder = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
    assert.ok(folder, 'a workspace folder is open');
    httpd = await open('httpd');
    broken = await open('broken');
  });

  it('httpd keeps the language id "shellscript" and gets the Information initscript/lsb-missing-keyword', async function () {
    assert.strictEqual(httpd.doc.languageId, 'shellscript');
    const ds = await diagnosticsWith(httpd.uri, ['initscript/lsb-missing-keyword']);
    const d = ds.find((x) => codeOf(x) === 'initscript/lsb-missing-keyword');
    assert.strictEqual(d.source, 'sysv-ha');
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Information);
    assert.strictEqual(d.range.start.line, rowOf(httpd.lines, '### BEGIN INIT INFO'));
  });

  it('broken: initscript/chkconfig-invalid and initscript/packed-runlevels are errors on their lines', async function () {
    assert.strictEqual(broken.doc.languageId, 'shellscript');
    const ds = await diagnosticsWith(broken.uri, ['initscript/chkconfig-invalid', 'initscript/packed-runlevels']);
    const ck = ds.find((x) => codeOf(x) === 'initscript/chkconfig-invalid');
    const pr = ds.find((x) => codeOf(x) === 'initscript/packed-runlevels');
    assert.strictEqual(ck.severity, vscode.DiagnosticSeverity.Error);
    assert.strictEqual(ck.range.start.line, rowOf(broken.lines, '# chkconfig:'));
    assert.strictEqual(pr.severity, vscode.DiagnosticSeverity.Error);
    assert.strictEqual(pr.range.start.line, rowOf(broken.lines, '# Default-Start:'));
    assert.strictEqual(broken.doc.getText(pr.range), '2345');
  });

  it('hover on chkconfig priorities names the rc links (myscript S99, httpd K15)', async function () {
    const my = await open('myscript');
    // myscript: "# chkconfig: 234 99 90" → S99myscript in rc2.d, rc3.d, rc4.d.
    const t99 = await hoverAt(my, '# chkconfig: 234 99', '99', /Start priority 99/);
    for (const n of [2, 3, 4]) assert.ok(t99.includes(`rc${n}.d/S99myscript`), t99);
    // httpd: "# chkconfig: - 85 15": no default runlevel, so K15httpd everywhere.
    const t85 = await hoverAt(httpd, '# chkconfig: - 85', '85', /Start priority 85/);
    assert.ok(!/S85httpd/.test(t85) || /rc\d\.d\/S85httpd/.test(t85), t85);
    const t15 = await hoverAt(httpd, '# chkconfig: - 85 15', '15', /Stop priority 15/);
    for (const n of [0, 1, 2, 3, 4, 5, 6]) assert.ok(t15.includes(`rc${n}.d/K15httpd`), t15);
  });

  it('hover on $network in Required-Start says "Basic networking"', async function () {
    await hoverAt(httpd, '# Required-Start: $local_fs $remote_fs $network', '$network', /Basic networking/);
  });

  it('completion after "Required-Start: $local_fs " offers the facility $network', async function () {
    // The temporary edit must not reach the disk before it is reverted.
    assert.strictEqual(vscode.workspace.getConfiguration('files').get('autoSave'), 'off', 'files.autoSave must be off (run.sh settings)');
    const editor = await vscode.window.showTextDocument(broken.doc);
    const row = rowOf(broken.lines, '# Required-Start:');
    const end = broken.lines[row].length;
    await editor.edit((e) => e.insert(new vscode.Position(row, end), ' '));
    try {
      const pos = new vscode.Position(row, end + 1);
      const labels = await waitFor('completion item $network', async () => {
        const list = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', broken.uri, pos);
        const ls = ((list && list.items) || []).filter(notSnippet).map(labelOf);
        return ls.includes('$network') ? ls : null;
      }, 20000).catch(async (e) => {
        const list = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', broken.uri, pos);
        throw new Error(`${e.message}; items now: ${JSON.stringify(((list && list.items) || []).map(labelOf).slice(0, 40))}`);
      });
      assert.ok(!labels.includes('$local_fs'), `a facility already on the line is offered again: ${JSON.stringify(labels)}`);
    } finally {
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    assert.strictEqual(broken.doc.isDirty, false);
  });

  it('signature help inside "killproc -p ${pidfile} -d 10 $httpd" shows killproc', async function () {
    const row = rowOf(httpd.lines, '        killproc -p ${pidfile} -d 10');
    const pos = new vscode.Position(row, httpd.lines[row].indexOf('$httpd') + 2);
    const help = await waitFor('signature help', async () => {
      const h = await vscode.commands.executeCommand('vscode.executeSignatureHelpProvider', httpd.uri, pos);
      return h && h.signatures && h.signatures.length ? h : null;
    }, 20000);
    const sig = help.signatures[help.activeSignature || 0];
    assert.ok(/^killproc\b/.test(sig.label), `signature: ${sig.label}`);
    const param = sig.parameters[help.activeParameter];
    assert.ok(param, `active parameter ${help.activeParameter} of ${sig.label}`);
    const plabel = typeof param.label === 'string' ? param.label : sig.label.slice(param.label[0], param.label[1]);
    assert.strictEqual(plabel, 'program', `active parameter at $httpd is ${plabel}`);
  });

  it('document symbols of httpd include the functions and case "$1"', async function () {
    const symbols = await waitFor('document symbols', async () => {
      const s = await vscode.commands.executeCommand('vscode.executeDocumentSymbolProvider', httpd.uri);
      return s && s.length ? s : null;
    }, 20000);
    const names = flattenSymbols(symbols).map((s) => s.name);
    for (const want of ['case "$1"', 'start()', 'stop()']) {
      assert.ok(names.includes(want), `no symbol ${want}; symbols: ${JSON.stringify(names)}`);
    }
  });

  it("quick fix \"Write '2 3 4 5'\" for packed-runlevels fixes the line and clears the diagnostic", async function () {
    const ds = await diagnosticsWith(broken.uri, ['initscript/packed-runlevels']);
    const d = ds.find((x) => codeOf(x) === 'initscript/packed-runlevels');
    const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', broken.uri, d.range);
    const list = (actions || []).map((a) => ({ title: a.title, kind: a.kind && a.kind.value }));
    const fix = (actions || []).find(
      (a) => a.title === "Write '2 3 4 5'" && a.kind && vscode.CodeActionKind.QuickFix.contains(a.kind),
    );
    assert.ok(fix, `code actions: ${JSON.stringify(list)}`);
    assert.ok(fix.edit, 'the quick fix carries a workspace edit');
    await vscode.window.showTextDocument(broken.doc);
    try {
      assert.ok(await vscode.workspace.applyEdit(fix.edit), 'applyEdit');
      const row = rowOf(broken.lines, '# Default-Start:');
      assert.strictEqual(broken.doc.lineAt(row).text, '# Default-Start: 2 3 4 5');
      await waitFor('initscript/packed-runlevels to go away', () =>
        !vscode.languages.getDiagnostics(broken.uri).some((x) => codeOf(x) === 'initscript/packed-runlevels'),
      20000);
    } finally {
      await vscode.window.showTextDocument(broken.doc);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });
});
