/**
 * Writing rcN.d links into an image root, safely: every change is planned and checked
 * before the first write; nothing outside the root is touched (symlinks resolved); a file
 * that is not a symlink is never replaced; a conflict means nothing is written. Used by
 * `sysv-ha links --apply` and by the editor's Services view.
 */
import { lstatSync, mkdirSync, readdirSync, readlinkSync, realpathSync, symlinkSync, unlinkSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
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
  for (const op of ops) {
    const abs = join(root, op.rel);
    const parent = realish(dirname(abs));
    if (!inside(root, parent)) conflicts.push(`${op.rel}: its folder resolves outside ${rootLabel} (${parent})`);
    const cur = lstat(abs);
    if (cur && !cur.isSymbolicLink()) conflicts.push(`${op.rel}: exists and is not a symbolic link; not touching it`);
    if (op.kind === 'create' && cur?.isSymbolicLink() && !ops.some((o) => o.kind === 'remove' && o.rel === op.rel)) conflicts.push(`${op.rel}: a different link is already there`);
  }
  return { ops, conflicts };
}

/** Applies checked changes (removals first); calls `report` for each. */
export function applyLinkChanges(root: string, ops: readonly LinkOp[], report: (line: string) => void): void {
  for (const op of ops.filter((o) => o.kind === 'remove')) {
    unlinkSync(join(root, op.rel));
    report(`removed ${op.rel}`);
  }
  for (const op of ops.filter((o) => o.kind === 'create')) {
    mkdirSync(dirname(join(root, op.rel)), { recursive: true });
    symlinkSync(op.target!, join(root, op.rel));
    report(`created ${op.rel} -> ${op.target}`);
  }
}

/** The rcN.d folders (relative to the root) next to an init.d folder. */
export function levelDirsOf(root: string, initDir: string): string[] {
  const rel = initDir.slice(root.length + 1);
  const base = rel.slice(0, rel.lastIndexOf('/'));
  return ['0', '1', '2', '3', '4', '5', '6', 'S'].map((l) => `${base}/rc${l}.d`);
}
