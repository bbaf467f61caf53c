/**
 * The Getting Started walkthrough's command: opens a fresh copy of the sample tree shipped in
 * the extension (examples/etc: an inittab, init scripts, ha.d files and xinetd, each with a
 * deliberate mistake). A copy, so that links written by the Services view and quick fixes
 * never touch the installed extension; modes are set as on a real machine, because a .vsix
 * does not keep them (init scripts 0755; authkeys stays 0644 so its quick fix has work to do).
 */
import { chmodSync, cpSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';

export function registerWalkthrough(context: vscode.ExtensionContext): vscode.Disposable {
  return vscode.commands.registerCommand('sysvHa.openSampleTree', async () => {
    const target = join(context.globalStorageUri.fsPath, 'sample');
    rmSync(target, { recursive: true, force: true });
    mkdirSync(target, { recursive: true });
    cpSync(context.asAbsolutePath('examples'), target, { recursive: true });
    for (const dir of ['etc/rc.d/init.d', 'etc/init.d']) {
      let names: string[] = [];
      try {
        names = readdirSync(join(target, dir));
      } catch {
        continue;
      }
      for (const n of names) chmodSync(join(target, dir, n), 0o755);
    }
    chmodSync(join(target, 'etc/ha.d/authkeys'), 0o644);
    const uri = vscode.Uri.file(target);
    // An empty window takes the sample; a window with a folder keeps it and opens another.
    await vscode.commands.executeCommand('vscode.openFolder', uri, { forceNewWindow: (vscode.workspace.workspaceFolders?.length ?? 0) > 0 });
  });
}
