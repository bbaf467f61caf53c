/** The Getting Started walkthrough's command: opens a fresh copy of the sample tree. */
import { join } from 'node:path';
import * as vscode from 'vscode';
import { copySampleTree } from './sample';

export function registerWalkthrough(context: vscode.ExtensionContext): vscode.Disposable {
  return vscode.commands.registerCommand('sysvHa.openSampleTree', async () => {
    const target = join(context.globalStorageUri.fsPath, 'sample');
    copySampleTree(context.asAbsolutePath('examples'), target);
    // An empty window takes the sample; a window with a folder keeps it and opens another.
    await vscode.commands.executeCommand('vscode.openFolder', vscode.Uri.file(target), { forceNewWindow: (vscode.workspace.workspaceFolders?.length ?? 0) > 0 });
  });
}
