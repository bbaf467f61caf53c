'use strict';
// Boot order (issue 4) in the real extension host: the code lenses of an init
// script, the "Preview links" virtual document, the runlevel simulator, the
// refusal of script names that are not plain file names, and the Services
// view's refresh command.
//
// The workspace is .e2e/ws-ext (a copy of examples/ plus the fixtures); run.sh
// sets sysvHa.serviceCommandPrefix to "echo" in its .vscode/settings.json so
// that a service action sent to a terminal runs nothing real.

const assert = require('assert');
const fs = require('fs');
const path = require('path');
const { createRequire } = require('module');
const vscode = require('vscode');
const { waitFor, sleep, visibleDocument } = require('./util');

const EXT_ID = 'sysv-ha.sysv-ha';

describe('boot order (issue 4) in the VS Code extension host', function () {
  let folder;
  let myscript;
  let ext;

  before(async function () {
    folder = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
    assert.ok(folder, 'a workspace folder is open');
    ext = vscode.extensions.getExtension(EXT_ID);
    assert.ok(ext, `extension ${EXT_ID} is loaded`);
    myscript = vscode.Uri.joinPath(folder.uri, 'etc', 'rc.d', 'init.d', 'myscript');
    const doc = await vscode.workspace.openTextDocument(myscript);
    await vscode.window.showTextDocument(doc, { preview: false });
    await waitFor('the extension to activate', () => ext.isActive, 30000);
  });

  it('myscript has the code lenses ▶ start, ■ stop, ↻ restart, status, chkconfig --add/--del, Preview links on line 1', async function () {
    const want = ['▶ start', '■ stop', '↻ restart', 'status', 'chkconfig --add', 'chkconfig --del', 'Preview links'];
    const lenses = await waitFor('the service code lenses of myscript', async () => {
      const ls = await vscode.commands.executeCommand('vscode.executeCodeLensProvider', myscript, 20);
      const titles = (ls || []).map((l) => l.command && l.command.title);
      return want.every((t) => titles.includes(t)) ? ls : null;
    }, 30000).catch(async (e) => {
      const ls = await vscode.commands.executeCommand('vscode.executeCodeLensProvider', myscript, 20);
      throw new Error(`${e.message}; lenses now: ${JSON.stringify((ls || []).map((l) => l.command && l.command.title))}`);
    });
    const byTitle = (t) => lenses.find((l) => l.command && l.command.title === t);
    const p = myscript.fsPath;
    const expect = {
      '▶ start': ['sysvHa.runService', ['myscript', 'start', p]],
      '■ stop': ['sysvHa.runService', ['myscript', 'stop', p]],
      '↻ restart': ['sysvHa.runService', ['myscript', 'restart', p]],
      status: ['sysvHa.runService', ['myscript', 'status', p]],
      'chkconfig --add': ['sysvHa.registerService', ['myscript', 'add', 'chkconfig']],
      'chkconfig --del': ['sysvHa.registerService', ['myscript', 'del', 'chkconfig']],
      'Preview links': ['sysvHa.previewLinks', [p]],
    };
    for (const [title, [id, args]] of Object.entries(expect)) {
      const l = byTitle(title);
      assert.strictEqual(l.range.start.line, 0, `${title} is on line 1`);
      assert.strictEqual(l.command.command, id, `${title}: command`);
      // runService gets [name, action, path, profile]; the profile is the fourth.
      assert.deepStrictEqual((l.command.arguments || []).slice(0, args.length), args, `${title}: arguments ${JSON.stringify(l.command.arguments)}`);
    }
    assert.strictEqual(byTitle('▶ start').command.arguments[3], 'rhel', 'runService profile of a /etc/rc.d/init.d script');
  });

  // sysvHa.previewLinks and sysvHa.simulate open pictures (webviews: editor.test.js); their
  // plain-text forms, checked here, are the ...Text commands.
  it("sysvHa.previewLinksText opens a sysv-ha-links document listing S99myscript and K90myscript", async function () {
    await vscode.commands.executeCommand('sysvHa.previewLinksText', myscript.fsPath);
    const doc = await visibleDocument('sysv-ha-links');
    const text = doc.getText();
    assert.ok(text.includes('chkconfig would make'), text);
    const row = (level) => text.split('\n').find((l) => l.startsWith(`${level} `)) || '';
    for (const n of [2, 3, 4]) assert.ok(/\bS99myscript\b/.test(row(n)), `runlevel ${n} row: ${JSON.stringify(row(n))}\n${text}`);
    for (const n of [0, 1, 5, 6]) assert.ok(/\bK90myscript\b/.test(row(n)), `runlevel ${n} row: ${JSON.stringify(row(n))}\n${text}`);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('sysvHa.simulateText(inittab, N, 3) opens the steps of booting to runlevel 3 (start S99myscript)', async function () {
    const inittab = vscode.Uri.joinPath(folder.uri, 'etc', 'inittab');
    await vscode.commands.executeCommand('sysvHa.simulateText', inittab.fsPath, 'N', '3');
    const doc = await visibleDocument('sysv-ha-simulate');
    const text = doc.getText();
    assert.ok(/start\s+S99myscript/.test(text), text);
    assert.ok(/rc3\.d/.test(text), text);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('sysvHa.runService refuses "a;touch <ws>/…" (error message, no terminal, no file) but runs myscript', async function () {
    assert.strictEqual(vscode.workspace.isTrusted, true, 'the workspace is trusted (--disable-workspace-trust)');
    assert.strictEqual(vscode.workspace.getConfiguration('sysvHa').get('serviceCommandPrefix'), 'echo',
      'sysvHa.serviceCommandPrefix is "echo" (run.sh writes it into the workspace settings)');
    // The extension has its own `vscode` API object (one per extension): to see
    // its error messages, wrap showErrorMessage on that object (a require from a
    // file inside the extension resolves to it).
    const extApi = createRequire(path.join(ext.extensionPath, 'dist', 'extension.js'))('vscode');
    const errors = [];
    const orig = extApi.window.showErrorMessage;
    extApi.window.showErrorMessage = function (msg, ...rest) {
      errors.push(String(msg));
      return orig.call(this, msg, ...rest);
    };
    const marker = path.join(folder.uri.fsPath, `pwned-${process.pid}`);
    const before = vscode.window.terminals.map((t) => t.name);
    try {
      const bad = `a;touch ${marker}`;
      await vscode.commands.executeCommand('sysvHa.runService', bad, 'start', myscript.fsPath, 'rhel');
      await vscode.commands.executeCommand('sysvHa.runService', 'myscript', `start;touch ${marker}`, myscript.fsPath, 'rhel');
      await vscode.commands.executeCommand('sysvHa.registerService', bad, 'add', 'chkconfig');
      await waitFor('three error messages from sysv-ha', () => errors.length >= 3, 5000).catch(() => {});
      await sleep(1500);
      const after = vscode.window.terminals.map((t) => t.name);
      assert.deepStrictEqual(after, before, `terminals before ${JSON.stringify(before)}, after ${JSON.stringify(after)}`);
      assert.ok(!fs.existsSync(marker), `${marker} was created`);
      assert.strictEqual(errors.length, 3, `error messages: ${JSON.stringify(errors)}`);
      assert.ok(errors.every((e) => /refused/.test(e)), `error messages: ${JSON.stringify(errors)}`);
      assert.ok(errors[0].includes(bad), errors[0]);
    } finally {
      extApi.window.showErrorMessage = orig;
      try {
        fs.unlinkSync(marker);
      } catch {
        /* not there: good */
      }
    }
    // The control: a plain name opens the terminal "service myscript".
    await vscode.commands.executeCommand('sysvHa.runService', 'myscript', 'status', myscript.fsPath, 'rhel');
    const term = await waitFor('a terminal named "service myscript"', () => vscode.window.terminals.find((t) => t.name === 'service myscript'), 10000);
    term.dispose();
  });

  it('sysvHa.services.refresh runs without an error (with the Services view shown)', async function () {
    await vscode.commands.executeCommand('workbench.view.explorer');
    await vscode.commands.executeCommand('sysvHa.services.focus').then(undefined, () => {});
    await vscode.commands.executeCommand('sysvHa.services.refresh');
    await sleep(500);
    await vscode.commands.executeCommand('sysvHa.services.refresh');
  });
});
