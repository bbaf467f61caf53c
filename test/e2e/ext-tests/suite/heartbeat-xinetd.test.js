'use strict';
// heartbeat (ha.cf, haresources, authkeys) and xinetd in the real extension
// host. The samples in examples/ change as the product grows, so what they
// must show comes from the CLI of the same repository (dist/cli.js check
// --format json over the workspace copy): the editor must agree with it. The
// guaranteed diagnostics come from the fixture etc/xinetd.d/tftp-broken
// (test/e2e/fixtures/tftp-broken, "user=root") and from a mistake typed into
// ha.cf.

const assert = require('assert');
const path = require('path');
const { execFileSync } = require('child_process');
const vscode = require('vscode');
const { waitFor, codeOf, hoverText, diagnosticsWith, sleep } = require('./util');

const EXT_ID = 'sysv-ha.sysv-ha';
const SEVERITY = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

describe('heartbeat and xinetd in the VS Code extension host', function () {
  let folder;
  let cli; // CLI diagnostics of the workspace, by absolute path
  const uriOf = (rel) => vscode.Uri.joinPath(folder.uri, ...rel.split('/'));
  const open = async (rel) => {
    const uri = uriOf(rel);
    const doc = await vscode.workspace.openTextDocument(uri);
    // Not a preview editor: the client pulls diagnostics only for tabs.
    await vscode.window.showTextDocument(doc, { preview: false });
    return { uri, doc, lines: doc.getText().split(/\r?\n/) };
  };
  const key = (code, line, severity) => `${code}@${line}:${severity}`;
  const sevName = (s) => Object.keys(SEVERITY).find((k) => SEVERITY[k] === s);

  before(async function () {
    folder = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
    assert.ok(folder, 'a workspace folder is open');
    const ext = vscode.extensions.getExtension(EXT_ID);
    assert.ok(ext, `extension ${EXT_ID} is loaded`);
    const out = execFileSync(process.execPath, [path.join(ext.extensionPath, 'dist', 'cli.js'), 'check', '--format', 'json', '--exit-zero', folder.uri.fsPath], {
      encoding: 'utf8',
      timeout: 60000,
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    });
    cli = {};
    for (const d of JSON.parse(out)) (cli[d.file] = cli[d.file] || []).push(d);
  });

  // The editor's diagnostics for `rel` equal the CLI's (code, line, severity).
  async function agreesWithCli(rel) {
    const f = await open(rel);
    const want = (cli[f.uri.fsPath] || []).map((d) => key(d.code, d.line, d.severity)).sort();
    const now = () => vscode.languages.getDiagnostics(f.uri).filter((d) => d.source === 'sysv-ha').map((d) => key(codeOf(d), d.range.start.line + 1, sevName(d.severity))).sort();
    if (want.length) {
      await waitFor(`the diagnostics the CLI reports for ${rel}: ${want.join(', ')}`, () => JSON.stringify(now()) === JSON.stringify(want), 20000).catch((e) => {
        throw new Error(`${e.message}; editor: ${JSON.stringify(now())}`);
      });
    } else {
      // Nothing expected: give the server time to publish, then compare.
      await sleep(1500);
      assert.deepStrictEqual(now(), want, `${rel}: the editor shows diagnostics the CLI does not report`);
    }
    return { f, want };
  }

  it('ha.cf gets the language id "ha-cf" and the same diagnostics as the CLI', async function () {
    const { f, want } = await agreesWithCli('etc/ha.d/ha.cf');
    assert.strictEqual(f.doc.languageId, 'ha-cf');
    assert.ok(want.every((k) => k.startsWith('hacf/') || k.startsWith('workspace/')), `codes: ${want.join(', ')}`);
  });

  it('haresources ("ha-resources") and authkeys ("ha-authkeys") agree with the CLI', async function () {
    const r = await agreesWithCli('etc/ha.d/haresources');
    assert.strictEqual(r.f.doc.languageId, 'ha-resources');
    const a = await agreesWithCli('etc/ha.d/authkeys');
    assert.strictEqual(a.f.doc.languageId, 'ha-authkeys');
  });

  it('ha.cf: a misspelt directive typed into the editor gets hacf/unknown-directive, revert clears it', async function () {
    assert.strictEqual(vscode.workspace.getConfiguration('files').get('autoSave'), 'off', 'files.autoSave must be off (run.sh settings)');
    const f = await open('etc/ha.d/ha.cf');
    const editor = await vscode.window.showTextDocument(f.doc, { preview: false });
    await editor.edit((e) => e.insert(new vscode.Position(0, f.lines[0].length), '\ndeadtim 30'));
    try {
      const ds = await diagnosticsWith(f.uri, ['hacf/unknown-directive']);
      const d = ds.find((x) => codeOf(x) === 'hacf/unknown-directive');
      assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Error);
      assert.strictEqual(d.range.start.line, 1);
      assert.ok(/deadtime/.test(d.message), `suggests deadtime: ${d.message}`);
    } finally {
      await vscode.window.showTextDocument(f.doc, { preview: false });
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    await waitFor('hacf/unknown-directive to go away after revert', () =>
      !vscode.languages.getDiagnostics(f.uri).some((x) => codeOf(x) === 'hacf/unknown-directive'), 20000);
  });

  it('ha.cf: hover on deadtime explains it and gives the value in ms', async function () {
    const f = await open('etc/ha.d/ha.cf');
    const row = f.lines.findIndex((l) => /^deadtime\s+\S/.test(l));
    assert.ok(row >= 0, 'ha.cf has a deadtime line');
    const pos = new vscode.Position(row, 2);
    const text = await waitFor('a hover on deadtime', async () => {
      const t = hoverText(await vscode.commands.executeCommand('vscode.executeHoverProvider', f.uri, pos));
      return /declared dead/.test(t) ? t : null;
    }, 20000);
    assert.ok(/deadtime \d+ ms/.test(text), text.slice(0, 400));
  });

  it('xinetd.d/tftp and xinetd.conf get the language id "xinetd" and agree with the CLI', async function () {
    const t = await agreesWithCli('etc/xinetd.d/tftp');
    assert.strictEqual(t.f.doc.languageId, 'xinetd');
    const c = await agreesWithCli('etc/xinetd.conf');
    assert.strictEqual(c.f.doc.languageId, 'xinetd');
  });

  it('tftp-broken: xinetd/no-space-before-operator on "user=root", with a quick fix', async function () {
    const { f } = await agreesWithCli('etc/xinetd.d/tftp-broken');
    const row = f.lines.findIndex((l) => l.trim() === 'user=root');
    const ds = await diagnosticsWith(f.uri, ['xinetd/no-space-before-operator']);
    const d = ds.find((x) => codeOf(x) === 'xinetd/no-space-before-operator');
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Error);
    assert.strictEqual(d.range.start.line, row);
    const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', f.uri, d.range);
    const list = (actions || []).map((a) => ({ title: a.title, kind: a.kind && a.kind.value }));
    const fix = (actions || []).find((a) => /user = /.test(a.title) && a.kind && vscode.CodeActionKind.QuickFix.contains(a.kind));
    assert.ok(fix, `code actions: ${JSON.stringify(list)}`);
  });

  it('tftp: hover on socket_type lists the socket types', async function () {
    const f = await open('etc/xinetd.d/tftp');
    const row = f.lines.findIndex((l) => /^\s*socket_type\b/.test(l));
    assert.ok(row >= 0, 'tftp has a socket_type line');
    const pos = new vscode.Position(row, f.lines[row].indexOf('socket_type') + 2);
    const text = await waitFor('a hover on socket_type', async () => {
      const t = hoverText(await vscode.commands.executeCommand('vscode.executeHoverProvider', f.uri, pos));
      return /socket_type/.test(t) ? t : null;
    }, 20000);
    assert.ok(/stream/.test(text) && /dgram/.test(text), text.slice(0, 400));
  });
});
