/**
 * Checks on an image root that belong to no document: `etc/rcN.d` links whose script is gone
 * (spec/checks.md `workspace/dangling-rc-link`). The CLI reports them when it checks a root,
 * and the Services view lists them; there is no text to underline, so they sit on line 1 of
 * the link's own path.
 */
import type { WorkspaceHost } from '../core/language';
import { range, type RawProblem } from '../core/types';

export interface TreeProblem extends RawProblem {
  /** The link, absolute. */
  path: string;
}

const LEVEL_DIRS = ['rcS.d', 'rc0.d', 'rc1.d', 'rc2.d', 'rc3.d', 'rc4.d', 'rc5.d', 'rc6.d'];

/** The folders that hold rcN.d in an image root: etc/rc.d (Red Hat) and etc (Debian, and Red Hat's compatibility links). */
function levelParents(root: string, host: WorkspaceHost): string[] {
  return [`${root}/etc/rc.d`, `${root}/etc`].filter((d) => host.stat(d)?.isDirectory);
}

export interface DanglingLink {
  /** Absolute path of the link. */
  link: string;
  /** What it points to, as written in the link (when the host can read links). */
  target?: string;
  runlevel: string;
  name: string;
}

/** `[SK]NNname` entries of the rcN.d folders that lead to nothing (a dangling symlink). */
export function danglingLinks(root: string, host: WorkspaceHost): DanglingLink[] {
  const out: DanglingLink[] = [];
  const seen = new Set<string>();
  for (const parent of levelParents(root, host)) {
    for (const dir of LEVEL_DIRS) {
      const folder = `${parent}/${dir}`;
      const names = host.listDir(folder);
      if (!names) continue;
      // /etc/rc3.d is often a symlink to /etc/rc.d/rc3.d on Red Hat: report each link once.
      const real = host.realPath?.(folder) ?? folder;
      if (seen.has(real)) continue;
      seen.add(real);
      for (const name of names) {
        const m = /^[SK]\d\d(.+)$/.exec(name);
        if (!m || host.stat(`${folder}/${name}`)) continue;
        out.push({ link: `${folder}/${name}`, target: host.readLink?.(`${folder}/${name}`), runlevel: dir.slice(2, -2), name: m[1]! });
      }
    }
  }
  return out;
}

/** Problems of a root that belong to no document. */
export function checkTree(root: string, host: WorkspaceHost): TreeProblem[] {
  return danglingLinks(root, host).map((d) => ({
    code: 'workspace/dangling-rc-link', path: d.link, range: range(0, 0, 0),
    message: `${d.link.slice(root.length + 1)} points to ${d.target ?? 'a file that does not exist'}${d.target ? ', which does not exist' : ''}: rc skips it. Restore the script, or remove its links ('chkconfig --del ${d.name}', 'update-rc.d -f ${d.name} remove', or 'sysv-ha links --del ${d.name}').`,
  }));
}
