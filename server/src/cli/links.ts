/**
 * `sysv-ha links --root DIR [--tool T] [--format text|json] [--apply] [--del NAME] [NAME...]`:
 * the links chkconfig, insserv or update-rc.d would create in an image root, and, with
 * --apply, creating them. Safety: every change is planned and checked before the first
 * write; nothing outside DIR is touched (symlinks resolved); a file that is not a symlink
 * is never replaced; any conflict aborts with nothing written.
 */
import { lstatSync, realpathSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { applyLinkChanges, FolderChangedError, levelDirsOf, planLinkChanges } from '../host/linkWriter';
import { FsHost } from '../host/fsHost';
import { defaultTool, loadInitTree, plan as makePlan, type Plan, type Tool } from '../service/boot';
import type { CliIO } from './main';
import { cliWords, UsageError } from './files';
import { printable } from './format';

export const LINKS_HELP = `Usage: sysv-ha links --root DIR [--tool chkconfig|insserv|update-rc.d|auto] [--format text|json]
                     [--apply] [--del NAME]... [NAME...]

Prints the rcN.d links the tree's tool would create for the init scripts of the image root DIR
(or only for the NAMEs given): chkconfig for etc/rc.d/init.d, insserv where etc/insserv.conf
exists, else update-rc.d. Refused scripts and insserv's errors go to standard error.

Options:
  --root DIR          the image root (the folder that holds etc/); / for this machine
  --tool TOOL         plan as this tool does (default auto: from the tree)
  --format text|json  one 'LINK -> TARGET' line per link (default), or a JSON array
  --apply             create the links (and remove the script's other links): every change is
                      checked first, a file that is not a symlink is never replaced, nothing
                      outside DIR is written, and any conflict means nothing is written;
                      prints what it did
  --del NAME          with --apply, remove NAME's links (repeatable); without, what it would remove
  -h, --help          this help
`;

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
  for (const { name: a, take } of cliWords(args)) {
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

function lstat(p: string) {
  try {
    return lstatSync(p);
  } catch {
    return undefined;
  }
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
  for (const n of a.names) if (!tree.scripts.some((s) => s.name === n)) throw new UsageError(`no script '${n}' in ${printable(relative(io.cwd, tree.initDir) || tree.initDir)}`);
  // Script names come from file names: shown escaped (printable), as check shows file text.
  for (const r of p.refused) if (wanted(r.script)) io.stderr(`${tool}: ${printable(r.reason)}\n`);
  for (const e of p.errors) if (a.names.length === 0 || wanted(e.script)) io.stderr(`${tool}: ${printable(e.message)}\n`);
  const links = p.links.filter((l) => wanted(l.script));

  // The plan is the output without --apply; with it, what was done is (printed once).
  if (a.del.length === 0 && !a.apply) {
    if (a.format === 'json') io.stdout(JSON.stringify(links, null, 2) + '\n');
    else io.stdout(links.map((l) => `${printable(l.link)} -> ${printable(l.target)}\n`).join(''));
  }
  const fatal = p.errors.length > 0 && tool === 'insserv';
  if (!a.apply && a.del.length === 0) return fatal ? 1 : 0;
  if (fatal && a.del.length === 0) {
    io.stderr('sysv-ha: insserv would stop here ("exiting now without changing boot order!"): nothing written.\n');
    return 1;
  }

  // Plan every change, then check them all, then write.
  const scripts = a.del.length > 0 ? a.del : [...new Set(links.map((l) => l.script))];
  const { ops, conflicts } = planLinkChanges(root, scripts, a.del.length > 0 ? [] : links, levelDirsOf(root, tree.initDir), a.root);
  if (conflicts.length > 0) {
    for (const c of conflicts) io.stderr(`sysv-ha: conflict: ${printable(c)}\n`);
    io.stderr('sysv-ha: nothing written.\n');
    return 1;
  }
  if (!a.apply) {
    if (a.format === 'json') io.stdout(JSON.stringify(ops.map((op) => ({ action: `would ${op.kind}`, link: op.rel, ...(op.target !== undefined ? { target: op.target } : {}) })), null, 2) + '\n');
    else for (const op of ops) io.stdout(op.kind === 'create' ? `would create ${printable(op.rel)} -> ${printable(op.target ?? '')}\n` : `would remove ${printable(op.rel)}\n`);
    return 0;
  }
  const done: { action: string; link: string; target?: string }[] = [];
  try {
    applyLinkChanges(root, ops, (line) => {
      if (a.format === 'text') io.stdout(`${printable(line)}\n`);
    });
  } catch (err) {
    if (err instanceof FolderChangedError) throw new UsageError(printable(err.message));
    throw err;
  }
  for (const op of ops) done.push({ action: op.kind === 'create' ? 'created' : 'removed', link: op.rel, ...(op.target !== undefined ? { target: op.target } : {}) });
  if (a.format === 'json') io.stdout(JSON.stringify(done, null, 2) + '\n');
  else if (ops.length === 0) io.stdout('nothing to change: the links are already as planned\n');
  return 0;
}
