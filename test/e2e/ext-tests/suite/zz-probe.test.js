'use strict';
const assert = require('assert');
const vscode = require('vscode');
const { waitFor, codeOf, sleep } = require('./util');
describe('probe revert', function () {
  it('ha.cf revert', async function () {
    const folder = vscode.workspace.workspaceFolders[0];
    const uri = vscode.Uri.joinPath(folder.uri, 'etc', 'ha.d', 'ha.cf');
    const doc = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(doc, { preview: false });
    const changes = [];
    const sub = vscode.workspace.onDidChangeTextDocument((e) => { if (e.document === doc) changes.push(JSON.stringify({ v: e.document.version, reason: e.reason, c: e.contentChanges.map((c) => [c.range.start.line, c.range.start.character, c.range.end.line, c.range.end.character, c.text]) })); });
    const l0 = doc.lineAt(0).text.length;
    await editor.edit((e) => e.insert(new vscode.Position(0, l0), '\ndeadtim 30'));
    await waitFor('diag', () => vscode.languages.getDiagnostics(uri).some((d) => codeOf(d) === 'hacf/unknown-directive'), 15000);
    console.log('[sysv-ha-e2e] # after edit: ' + JSON.stringify(vscode.languages.getDiagnostics(uri).map(codeOf)));
    await vscode.commands.executeCommand('workbench.action.files.revert');
    for (let i = 0; i < 10; i++) { await sleep(1000); console.log(`[sysv-ha-e2e] # t+${i + 1}s dirty=${doc.isDirty} v=${doc.version} line1=${JSON.stringify(doc.lineAt(1).text)} diags=${JSON.stringify(vscode.languages.getDiagnostics(uri).map((d) => codeOf(d) + '@' + d.range.start.line))}`); }
    console.log('[sysv-ha-e2e] # changes: ' + changes.join(' ; '));
    // now type a space and delete it
    await editor.edit((e) => e.insert(new vscode.Position(0, 0), ' '));
    await editor.edit((e) => e.delete(new vscode.Range(0, 0, 0, 1)));
    await sleep(2000);
    console.log(`[sysv-ha-e2e] # after a further edit: ${JSON.stringify(vscode.languages.getDiagnostics(uri).map((d) => codeOf(d) + '@' + d.range.start.line))}`);
    sub.dispose();
  });
});
