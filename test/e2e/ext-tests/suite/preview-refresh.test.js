'use strict';
// The read-only "systemd unit" preview follows the script as it is typed in, before any save:
// systemd-sysv-generator's Description= comes from the LSB Short-Description, so an unsaved edit
// of that line must show in the open preview once typing pauses. The edit is reverted at the end,
// so the other suites see the workspace as it was.

const assert = require('assert');
const vscode = require('vscode');
const { waitFor, visibleDocument } = require('./util');

describe('the systemd unit preview follows unsaved edits of its script', function () {
  let myscript;
  let script;

  before(async function () {
    const folder = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
    assert.ok(folder, 'a workspace folder is open');
    myscript = vscode.Uri.joinPath(folder.uri, 'etc', 'rc.d', 'init.d', 'myscript');
    script = await vscode.workspace.openTextDocument(myscript);
    await vscode.window.showTextDocument(script, { preview: false });
  });

  after(async function () {
    await vscode.window.showTextDocument(script, { preview: false });
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('an unsaved Short-Description edit shows as Description= in the open preview, with nothing saved', async function () {
    await vscode.commands.executeCommand('sysvHa.previewUnit', myscript.fsPath);
    const unit = await visibleDocument('sysv-ha-unit', 30000);
    const description = (t) => (t.split('\n').find((l) => l.startsWith('Description=')) || '');
    assert.ok(/^Description=LSB: Starts my daemon/.test(description(unit.getText())), unit.getText());

    const row = script.getText().split('\n').findIndex((l) => l.startsWith('# Short-Description:'));
    assert.ok(row >= 0, 'myscript has a Short-Description line');
    const line = script.lineAt(row);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(myscript, line.range, '# Short-Description: Edited in the editor, not saved');
    assert.ok(await vscode.workspace.applyEdit(edit), 'the edit applies');
    assert.ok(script.isDirty, 'the script has unsaved changes');

    const after = await waitFor('the preview to show the edited description', () => {
      const d = vscode.workspace.textDocuments.find((x) => x.uri.scheme === 'sysv-ha-unit');
      const t = d ? description(d.getText()) : '';
      return t === 'Description=LSB: Edited in the editor, not saved' ? t : null;
    }, 20000).catch(() => {
      const d = vscode.workspace.textDocuments.find((x) => x.uri.scheme === 'sysv-ha-unit');
      throw new Error(`preview still shows: ${d ? description(d.getText()) : '(closed)'}`);
    });
    assert.strictEqual(after, 'Description=LSB: Edited in the editor, not saved');
    assert.ok(script.isDirty, 'nothing was saved to refresh it');
  });
});
