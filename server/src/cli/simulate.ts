/**
 * `sysv-ha simulate --root DIR --from N --to M [--running NAME,... | --locks] [--tool T] [--format text|json]`:
 * the steps of a runlevel change as the distribution's rc runs them, from the rcN.d links
 * in the tree (or the planner's links where a level folder does not exist yet).
 */
import { realpathSync, statSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { FsHost } from '../host/fsHost';
import { renderSimulation, simulateChange, type Tool } from '../service/boot';
import { cliWords, UsageError } from './files';
import type { CliIO } from './main';

export const SIMULATE_HELP = `Usage: sysv-ha simulate --root DIR --from N|0-6|S --to 0-6|S [--running NAME,... | --locks]
                        [--tool chkconfig|insserv|update-rc.d] [--format text|json]

Lists what the distribution's rc does on a change from runlevel --from (N: boot) to --to, from
the rcN.d links in the image root DIR (or the planned links where a level folder is missing).

Options:
  --root DIR          the image root (the folder that holds etc/)
  --from LEVEL        the runlevel the machine is in (N for boot)
  --to LEVEL          the runlevel it changes to
  --running NAME,...  the services running before the change (their subsys locks on Red Hat);
                      default: what a clean entry into --from leaves (its S scripts ran and
                      took their locks), or nothing at boot (--from N)
  --locks             the services running are the tree's var/lock/subsys (a live system)
  --tool TOOL         whose links to plan where a level folder is missing
  --format text|json  output format (default text)
  -h, --help          this help
`;

const LEVEL_RE = /^([0-6]|S|N)$/;
const NAME_RE = /^[A-Za-z0-9_.@+-]+$/;

export async function runSimulate(args: string[], io: CliIO): Promise<number> {
  let root: string | undefined;
  let from: string | undefined;
  let to: string | undefined;
  let running: string[] | undefined;
  let fromLocks = false;
  let tool: Tool | undefined;
  let format: 'text' | 'json' = 'text';
  for (const { name: a, take } of cliWords(args)) {
    switch (a) {
      case '--root': root = take(); break;
      case '--from': from = take().toUpperCase(); break;
      case '--to': to = take().toUpperCase(); break;
      case '--running': running = take().split(',').filter(Boolean); break;
      case '--locks': fromLocks = true; break;
      case '--tool': { const t = take(); if (!['chkconfig', 'insserv', 'update-rc.d'].includes(t)) throw new UsageError(`--tool must be chkconfig, insserv or update-rc.d, not '${t}'`); tool = t as Tool; break; }
      case '--format': { const f = take(); if (f !== 'text' && f !== 'json') throw new UsageError(`--format must be text or json, not '${f}'`); format = f; break; }
      default: throw new UsageError(`unknown argument ${a}`);
    }
  }
  if (!root) throw new UsageError('simulate needs --root DIR (an image root: the folder that holds etc/)');
  if (!from || !LEVEL_RE.test(from)) throw new UsageError('--from must be a runlevel 0-6, S, or N (boot)');
  if (!to || !/^[0-6S]$/.test(to)) throw new UsageError('--to must be a runlevel 0-6 or S');
  for (const n of running ?? []) if (!NAME_RE.test(n)) throw new UsageError(`'${n}' is not a script name`);
  if (running && fromLocks) throw new UsageError('--running and --locks both say what runs: give one');
  let real: string;
  try {
    real = realpathSync(resolve(io.cwd, root));
    if (!statSync(real).isDirectory()) throw new Error('not a directory');
  } catch {
    throw new UsageError(`${root}: not a directory`);
  }
  const host = new FsHost();
  const sim = simulateChange(real.split(sep).join('/'), host, { from, to, running, fromLocks, tool });
  if (!sim) throw new UsageError(`${root}: no etc/init.d or etc/rc.d/init.d under it`);
  if (format === 'json') {
    const { flavour: _f, ...rest } = sim;
    void _f;
    io.stdout(JSON.stringify(rest, null, 2) + '\n');
  } else {
    io.stdout(renderSimulation(sim));
  }
  return 0;
}
