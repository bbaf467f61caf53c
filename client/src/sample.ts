/**
 * A fresh copy of the sample tree shipped in the extension (examples/: an image root with a
 * mistake in each file), for the Getting Started walkthrough. A copy, so that links written by
 * the Services view and quick fixes never touch the installed extension. Modes are set as on a
 * real machine, because a .vsix does not keep them: init scripts 0755, authkeys 0644 (the
 * mistake its quick fix, chmod 600, repairs). No vscode import: unit-tested in node.
 */
import { chmodSync, cpSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export function copySampleTree(from: string, to: string): void {
  rmSync(to, { recursive: true, force: true });
  mkdirSync(to, { recursive: true });
  cpSync(from, to, { recursive: true });
  for (const dir of ['etc/rc.d/init.d', 'etc/init.d']) {
    let names: string[] = [];
    try {
      names = readdirSync(join(to, dir));
    } catch {
      continue;
    }
    for (const n of names) chmodSync(join(to, dir, n), 0o755);
  }
  chmodSync(join(to, 'etc/ha.d/authkeys'), 0o644);
}
