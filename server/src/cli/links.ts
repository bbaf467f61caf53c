/**
 * `sysv-ha links --root DIR [--tool T] [--format text|json] [--apply] [--del NAME] [NAME...]`:
 * the links chkconfig, insserv or update-rc.d would create in an image root, and, with
 * --apply, creating them. Safety: every change is planned and checked before the first
 * write; nothing outside DIR is touched (symlinks resolved); a file that is not a symlink
 * is never replaced; any conflict aborts with nothing written.
 */
import { lstatSync, mkdirSync, readlinkSync, realpathSync, readdirSync, symlinkSync, unlinkSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { FsHost } from '../host/fsHost';
import { defaultTool, loadInitTree, plan as makePlan, type Plan, type PlannedLink, type Tool } from '../service/boot';
import type { CliIO } from './main';
import { UsageError } from './files';

interface LinksArgs {
  root?: string;
  tool?: Tool;
  format: 'text' | 'json';
  apply: boolean;
  del: string[];
  names: string[];
}

const TOOLS: readonly string[] = ['chkconfig', 'insserv', 'update-rc.d', 'auto'];
const NAME_RE = /^[A-Za-z0-9_.@+-]+$/;

function parse(args: string[]): LinksArgs {
  const out: LinksArgs = { format: 'text', apply: false, del: [], names: [] };
  for (let i = 0; i < args.length; i++) {
    let a = args[i]!;
    let inline: string | undefined;
    if (a.startsWith('--') && a.includes('=')) {
      inline = a.slice(a.indexOf('=') + 1);
      a = a.slice(0, a.indexOf('='));
    }
    const take = () => {
      const v = inline ?? args[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      return v;
    };
    switch (a) {
      case '--root': out.root = take(); break;
      case '--tool': {
        const t = take();
        if (!TOOLS.includes(t)) throw new UsageError(`--tool must be chkconfig, insserv, update-rc.d or auto, not '${t}'`);
        if (t !== 'auto') out.tool = t as Tool;
        break;
      }
      case '--format': {
        const f = take();
        if (f !== 'text' && f !== 'json') throw new UsageError(`--format must be text or json, not '${f}'`);
        out.format = f;
        break;
      }
      case '--apply': out.apply = true; break;
      case '--del': out.del.push(take()); break;
      default:
        if (a.startsWith('-')) throw new UsageError(`unknown option ${a}`);
        out.names.push(a);
    }
  }
  if (!out.root) throw new UsageError('links needs --root DIR (an image root: the folder that holds etc/)');
  for (const n of [...out.names, ...out.del]) if (!NAME_RE.test(n)) throw new UsageError(`'${n}' is not a script name`);
  return out;
}

interface Op {
  kind: 'create' | 'remove';
  /** Path relative to the root. */
  rel: string;
  target?: string;
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

function lstat(p: string) {
  try {
    return lstatSync(p);
  } catch {
    return undefined;
  }
}

/** Existing `[SK]NNname` entries for a script in a runlevel folder. */
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

export async function runLinks(args: string[], io: CliIO): Promise<number> {
  const a = parse(args);
  const rootGiven = resolve(io.cwd, a.root!);
  const st = lstat(rootGiven);
  if (!st) throw new UsageError(`${a.root}: no such file or directory`);
  const root = realpathSync(rootGiven);
  if (!lstatSync(root).isDirectory()) throw new UsageError(`${a.root}: not a directory`);
  const host = new FsHost();
  const tree = loadInitTree(root.split(sep).join('/'), host);
  if (!tree) throw new UsageError(`${a.root}: no etc/init.d or etc/rc.d/init.d under it`);
  if (tree.layout === 'busybox' && !a.tool) {
    io.stderr('sysv-ha: this is a BusyBox tree: rcS runs /etc/init.d/S??* in name order, so there are no runlevel links to plan (name the script S50NAME). Use --tool to plan links anyway.\n');
    return 0;
  }
  const tool = a.tool ?? defaultTool(tree);
  const p: Plan = makePlan(tree, tool, host);
  const wanted = (s: string) => a.names.length === 0 || a.names.includes(s);
  for (const n of a.names) if (!tree.scripts.some((s) => s.name === n)) throw new UsageError(`no script '${n}' in ${relative(io.cwd, tree.initDir) || tree.initDir}`);
  for (const r of p.refused) if (wanted(r.script)) io.stderr(`${tool}: ${r.reason}\n`);
  for (const e of p.errors) if (a.names.length === 0 || wanted(e.script)) io.stderr(`${tool}: ${e.message}\n`);
  const links = p.links.filter((l) => wanted(l.script));

  if (a.del.length === 0) {
    if (a.format === 'json') io.stdout(JSON.stringify(links, null, 2) + '\n');
    else io.stdout(links.map((l) => `${l.link} -> ${l.target}\n`).join(''));
  }
  const fatal = p.errors.length > 0 && tool === 'insserv';
  if (!a.apply && a.del.length === 0) return fatal ? 1 : 0;
  if (fatal && a.del.length === 0) {
    io.stderr('sysv-ha: insserv would stop here ("exiting now without changing boot order!"): nothing written.\n');
    return 1;
  }

  // Plan every change, then check them all, then write.
  const ops: Op[] = [];
  const scripts = a.del.length > 0 ? a.del : [...new Set(links.map((l) => l.script))];
  for (const name of a.del) if (!NAME_RE.test(name)) throw new UsageError(`'${name}' is not a script name`);
  const levelDirs = new Set<string>();
  for (const l of p.links) levelDirs.add(l.link.slice(0, l.link.lastIndexOf('/')));
  for (const lvl of ['0', '1', '2', '3', '4', '5', '6', 'S']) {
    const rel = tree.initDir.slice(root.length + 1);
    levelDirs.add(`${rel.slice(0, rel.lastIndexOf('/'))}/rc${lvl}.d`);
  }
  const planned = new Map<string, PlannedLink>(a.del.length > 0 ? [] : links.map((l) => [l.link, l]));
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
    if (!inside(root, parent)) conflicts.push(`${op.rel}: its folder resolves outside ${a.root} (${parent})`);
    const cur = lstat(abs);
    if (cur && !cur.isSymbolicLink()) conflicts.push(`${op.rel}: exists and is not a symbolic link; not touching it`);
    if (op.kind === 'create' && cur?.isSymbolicLink() && !ops.some((o) => o.kind === 'remove' && o.rel === op.rel)) conflicts.push(`${op.rel}: a different link is already there`);
  }
  if (conflicts.length > 0) {
    for (const c of conflicts) io.stderr(`sysv-ha: conflict: ${c}\n`);
    io.stderr('sysv-ha: nothing written.\n');
    return 1;
  }
  if (!a.apply) {
    for (const op of ops) io.stdout(op.kind === 'create' ? `would create ${op.rel} -> ${op.target}\n` : `would remove ${op.rel}\n`);
    return 0;
  }
  for (const op of ops.filter((o) => o.kind === 'remove')) {
    unlinkSync(join(root, op.rel));
    io.stderr(`removed ${op.rel}\n`);
  }
  for (const op of ops.filter((o) => o.kind === 'create')) {
    mkdirSync(dirname(join(root, op.rel)), { recursive: true });
    symlinkSync(op.target!, join(root, op.rel));
    io.stderr(`created ${op.rel} -> ${op.target}\n`);
  }
  if (ops.length === 0) io.stderr('nothing to change\n');
  return 0;
}
