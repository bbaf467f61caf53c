/**
 * `sysv-ha simulate --root DIR --from N --to M [--running NAME,...] [--tool T] [--format text|json]`:
 * the steps of a runlevel change as the distribution's rc runs them, from the rcN.d links
 * in the tree (or the planner's links where a level folder does not exist yet).
 */
import { realpathSync, statSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { FsHost } from '../host/fsHost';
import { defaultTool, loadInitTree, parseLinkName, plan, simulate, type LevelLink, type Tool } from '../service/boot';
import { UsageError } from './files';
import type { CliIO } from './main';

const LEVEL_RE = /^([0-6]|S|N)$/;
const NAME_RE = /^[A-Za-z0-9_.@+-]+$/;

export async function runSimulate(args: string[], io: CliIO): Promise<number> {
  let root: string | undefined;
  let from: string | undefined;
  let to: string | undefined;
  let running: string[] | undefined;
  let tool: Tool | undefined;
  let format: 'text' | 'json' = 'text';
  for (let i = 0; i < args.length; i++) {
    let a = args[i]!;
    let inline: string | undefined;
    if (a.startsWith('--') && a.includes('=')) { inline = a.slice(a.indexOf('=') + 1); a = a.slice(0, a.indexOf('=')); }
    const take = () => { const v = inline ?? args[++i]; if (v === undefined) throw new UsageError(`${a} needs a value`); return v; };
    switch (a) {
      case '--root': root = take(); break;
      case '--from': from = take().toUpperCase(); break;
      case '--to': to = take().toUpperCase(); break;
      case '--running': running = take().split(',').filter(Boolean); break;
      case '--tool': { const t = take(); if (!['chkconfig', 'insserv', 'update-rc.d'].includes(t)) throw new UsageError(`--tool must be chkconfig, insserv or update-rc.d, not '${t}'`); tool = t as Tool; break; }
      case '--format': { const f = take(); if (f !== 'text' && f !== 'json') throw new UsageError(`--format must be text or json, not '${f}'`); format = f; break; }
      default: throw new UsageError(`unknown argument ${a}`);
    }
  }
  if (!root) throw new UsageError('simulate needs --root DIR (an image root: the folder that holds etc/)');
  if (!from || !LEVEL_RE.test(from)) throw new UsageError('--from must be a runlevel 0-6, S, or N (boot)');
  if (!to || !/^[0-6S]$/.test(to)) throw new UsageError('--to must be a runlevel 0-6 or S');
  for (const n of running ?? []) if (!NAME_RE.test(n)) throw new UsageError(`'${n}' is not a script name`);
  let real: string;
  try {
    real = realpathSync(resolve(io.cwd, root));
    if (!statSync(real).isDirectory()) throw new Error('not a directory');
  } catch {
    throw new UsageError(`${root}: not a directory`);
  }
  const host = new FsHost();
  const tree = loadInitTree(real.split(sep).join('/'), host);
  if (!tree) throw new UsageError(`${root}: no etc/init.d or etc/rc.d/init.d under it`);
  const rel = tree.initDir.slice(tree.root.length + 1);
  const base = rel.slice(0, rel.lastIndexOf('/'));
  const planned = plan(tree, tool ?? defaultTool(tree), host);
  const sources: string[] = [];
  const levelLinks = (level: string): LevelLink[] => {
    const dir = `${tree.root}/${base}/rc${level}.d`;
    const names = host.listDir(dir);
    if (names) {
      sources.push(`${base}/rc${level}.d`);
      return names.map(parseLinkName).filter((l): l is LevelLink => l !== undefined);
    }
    sources.push(`planned rc${level}.d (${planned.tool})`);
    return planned.links.filter((l) => String(l.runlevel) === level).map((l) => parseLinkName(l.link.slice(l.link.lastIndexOf('/') + 1))!);
  };
  const flavour = tree.layout === 'rhel' ? 'rhel' : 'debian';
  const toLinks = levelLinks(to);
  // Red Hat's rc looks only at the new level and the subsys locks.
  const fromLinks = from === 'N' || flavour === 'rhel' ? 'N' as const : levelLinks(from);
  let runningSet: Set<string>;
  if (running) runningSet = new Set(running);
  else if (flavour === 'rhel') runningSet = new Set(host.listDir(`${tree.root}/var/lock/subsys`) ?? []);
  else runningSet = new Set(fromLinks === 'N' ? [] : fromLinks.filter((l) => l.kind === 'S').map((l) => l.script));
  const steps = simulate(flavour, fromLinks, toLinks, to, runningSet);
  if (format === 'json') {
    io.stdout(JSON.stringify({ from, to, rc: flavour === 'rhel' ? '/etc/rc.d/rc' : '/etc/init.d/rc', links: sources, running: [...runningSet].sort(), steps }, null, 2) + '\n');
    return 0;
  }
  const rc = flavour === 'rhel' ? 'Red Hat /etc/rc.d/rc' : 'Debian /etc/init.d/rc';
  io.stdout(`Runlevel ${from} → ${to} (${rc}; links from ${sources.join(', ')})\n`);
  if (flavour === 'rhel') io.stdout(`Running (subsys locks${running ? ' given with --running' : ''}): ${[...runningSet].sort().join(' ') || 'none'}\n`);
  steps.forEach((s, i) => io.stdout(`${String(i + 1).padStart(3)}. ${s.action.padEnd(5)} ${s.link.padEnd(22)} ${s.why}\n`));
  if (steps.length === 0) io.stdout('  (nothing to do)\n');
  if (flavour === 'rhel') io.stdout('In interactive mode (/var/run/confirm, the kernel argument "confirm") rc asks before each start.\n');
  else io.stdout('With CONCURRENCY=makefile (the default when .depend.* exist) startpar runs scripts of the same order in parallel.\n');
  return 0;
}
