/**
 * Writing rcN.d links into an image root, safely: every change is planned and checked
 * before the first write; nothing outside the root is touched (symlinks resolved); a file
 * that is not a symlink is never replaced; a conflict means nothing is written. Used by
 * `sysv-ha links --apply` and by the editor's Services view.
 */
import { lstatSync, mkdirSync, readdirSync, readlinkSync, realpathSync, statSync, symlinkSync, unlinkSync } from 'node:fs';
import { basename, dirname, join, sep } from 'node:path';
import type { PlannedLink } from '../service/boot';

export interface LinkOp {
  kind: 'create' | 'remove';
  /** Path relative to the root. */
  rel: string;
  target?: string;
}

export interface LinkChanges {
  ops: LinkOp[];
  conflicts: string[];
}

function lstat(p: string) {
  try {
    return lstatSync(p);
  } catch {
    return undefined;
  }
}

/** The real path of `p` if it exists, else of its closest existing parent joined with the rest. */
function realish(p: string): string {
  const missing: string[] = [];
  let cur = p;
  for (;;) {
    try {
      return join(realpathSync(cur), ...missing.reverse());
    } catch {
      const parent = dirname(cur);
      if (parent === cur) return p;
      missing.push(cur.slice(parent.length + 1));
      cur = parent;
    }
  }
}

function inside(root: string, p: string): boolean {
  return p === root || p.startsWith(root.endsWith(sep) ? root : root + sep);
}

/** Existing `[SK]NNname` entries of a script in a folder. */
function existingLinks(dir: string, name: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const re = new RegExp(`^[SK][0-9][0-9]${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  return names.filter((n) => re.test(n));
}

/**
 * The changes that make the scripts' links exactly `links` (or remove all of them when
 * `links` is empty), in `levelDirs` (relative to the root), and what stands in the way.
 */
export function planLinkChanges(root: string, scripts: readonly string[], links: readonly PlannedLink[], levelDirs: readonly string[], rootLabel = root): LinkChanges {
  const ops: LinkOp[] = [];
  const planned = new Map<string, PlannedLink>(links.map((l) => [l.link, l]));
  for (const dir of levelDirs) {
    for (const name of scripts) {
      for (const existing of existingLinks(join(root, dir), name)) {
        const rel = `${dir}/${existing}`;
        const want = planned.get(rel);
        if (want && lstat(join(root, rel))?.isSymbolicLink() && readlinkSync(join(root, rel)) === want.target) {
          planned.delete(rel); // already right
          continue;
        }
        ops.push({ kind: 'remove', rel });
      }
    }
  }
  for (const l of planned.values()) ops.push({ kind: 'create', rel: l.link, target: l.target });
  const conflicts: string[] = [];
  // Every folder a change goes into is checked before anything is written: a dangling link, a
  // link loop or a file where rcN.d should be is one conflict (reported once), so nothing is
  // written rather than some links before failing.
  const badFolders = new Set<string>();
  for (const dir of new Set(ops.map((op) => dirname(op.rel)))) {
    const problem = folderProblem(join(root, dir));
    if (problem) {
      badFolders.add(dir);
      conflicts.push(`${dir}: ${problem}; nothing can be written into it`);
    }
  }
  for (const op of ops) {
    if (badFolders.has(dirname(op.rel))) continue;
    const abs = join(root, op.rel);
    const parent = realish(dirname(abs));
    if (!inside(root, parent)) conflicts.push(`${op.rel}: its folder resolves outside ${rootLabel} (${parent})`);
    const cur = lstat(abs);
    if (cur && !cur.isSymbolicLink()) conflicts.push(`${op.rel}: exists and is not a symbolic link; not touching it`);
    if (op.kind === 'create' && cur?.isSymbolicLink() && !ops.some((o) => o.kind === 'remove' && o.rel === op.rel)) conflicts.push(`${op.rel}: a different link is already there`);
  }
  return { ops, conflicts };
}

/** What stands where a folder must be (undefined when it is a folder, or missing and creatable). */
function folderProblem(abs: string): string | undefined {
  const l = lstat(abs);
  if (!l) return undefined; // created when needed (its parents are checked as they are made)
  try {
    if (!statSync(abs).isDirectory()) return 'is a file, not a folder';
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') return 'is a symbolic link loop';
    if (code === 'ENOENT') return `is a dangling symbolic link (to ${readlinkSync(abs)})`;
    return `cannot be read (${code})`;
  }
  return undefined;
}

/** Thrown when a folder changed under the writer (a swap with a link): the run stops. */
export class FolderChangedError extends Error {}

/**
 * Applies checked changes (removals first); calls `report` for each. Each folder is resolved
 * and its device and inode recorded once, before the first write into it; after every write
 * the folder is resolved again and must still be that folder inside the root, else the write
 * is undone (a link we just made is removed wherever it went) and the run stops with
 * FolderChangedError. Node has no openat(), so this is detection right after the write, not
 * prevention: docs/security.md "Writes" states what remains.
 */
export function applyLinkChanges(root: string, ops: readonly LinkOp[], report: (line: string) => void): void {
  const realRoot = realpathSync(root);
  const checked = new Map<string, { real: string; dev: number; ino: number }>();
  const folder = (dir: string, create: boolean) => {
    let f = checked.get(dir);
    if (!f) {
      if (create) mkdirSync(join(root, dir), { recursive: true });
      const real = realpathSync(join(root, dir));
      if (!inside(realRoot, real)) throw new FolderChangedError(`${dir} resolves outside the root (${real}): nothing more written`);
      const st = statSync(real);
      if (!st.isDirectory()) throw new FolderChangedError(`${dir} is no longer a folder: nothing more written`);
      checked.set(dir, (f = { real, dev: st.dev, ino: st.ino }));
    }
    return f;
  };
  const verify = (dir: string, undo: () => void) => {
    const f = checked.get(dir)!;
    let ok = false;
    try {
      const real = realpathSync(join(root, dir));
      const st = statSync(real);
      ok = real === f.real && st.dev === f.dev && st.ino === f.ino;
    } catch {
      ok = false;
    }
    if (!ok) {
      try {
        undo();
      } catch {
        // nothing to undo there
      }
      throw new FolderChangedError(`${dir} changed while links were written (replaced by a link?): the last write was undone and nothing more was written`);
    }
  };
  for (const op of ops.filter((o) => o.kind === 'remove')) {
    const dir = dirname(op.rel);
    const f = folder(dir, false);
    const path = join(f.real, basename(op.rel));
    verify(dir, () => undefined);
    unlinkSync(path);
    verify(dir, () => undefined);
    report(`removed ${op.rel}`);
  }
  for (const op of ops.filter((o) => o.kind === 'create')) {
    const dir = dirname(op.rel);
    const f = folder(dir, true);
    const path = join(f.real, basename(op.rel));
    verify(dir, () => undefined);
    symlinkSync(op.target!, path);
    verify(dir, () => {
      if (lstatSync(path).isSymbolicLink() && readlinkSync(path) === op.target) unlinkSync(path);
    });
    report(`created ${op.rel} -> ${op.target}`);
  }
}

/** The rcN.d folders (relative to the root) next to an init.d folder. */
export function levelDirsOf(root: string, initDir: string): string[] {
  const rel = initDir.slice(root.length + 1);
  const base = rel.slice(0, rel.lastIndexOf('/'));
  return ['0', '1', '2', '3', '4', '5', '6', 'S'].map((l) => `${base}/rc${l}.d`);
}
