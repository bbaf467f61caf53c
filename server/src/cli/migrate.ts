/**
 * `sysv-ha migrate --root DIR --to pacemaker [--out DIR] [--format text|json]
 *  [--node-addr NAME=ADDR[,ADDR]]... [--heartbeat-version 2|3] [--local-node NAME]`:
 * translates the heartbeat cluster of an image root to Corosync 3 + Pacemaker, prints the
 * plan, and with --out writes corosync.conf, cib.xml, pcs.sh, crm.txt and README.md into a
 * new folder (all or nothing: written to a temporary folder beside it, then renamed; never
 * over an existing path).
 */
import { chmodSync, mkdtempSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import * as svc from '../service';
import { FsHost } from '../host/fsHost';
import { migrateRoot, OUTPUT_FILES, planCounts, planJson, renderPlanText, addressesKnown, type Migration } from '../service/migrate';
import { cliWords, lexists, UsageError } from './files';
import type { CliIO } from './main';

export const MIGRATE_HELP = `Usage: sysv-ha migrate --root DIR --to pacemaker [--out DIR] [--format text|json]
                       [--node-addr NAME=ADDR[,ADDR...]]... [--heartbeat-version 2|3] [--local-node NAME]

Translates the heartbeat cluster of the image root DIR (etc/ha.d/ha.cf, haresources, authkeys,
resource.d) to Corosync 3 (knet) and Pacemaker 2.1, and prints the plan: what each directive and
resource becomes, what is not translated and what is left to do by hand. heartbeat's key is
never copied: the README says how to make Corosync's.

Options:
  --root DIR             the image root (the folder that holds etc/ha.d)
  --to pacemaker         the target (the only one)
  --out DIR              write corosync.conf, cib.xml, pcs.sh, crm.txt and README.md into DIR,
                         a new folder (refused if it exists)
  --format text|json     the plan as text (default) or JSON
  --node-addr NAME=ADDR  the address of node NAME on link 0 (then link 1, ... after commas, or
                         in order over repeated flags); unknown addresses are placeholders
  --heartbeat-version 2|3  read the files as heartbeat 2.1.3 or 3.0.6 (default 3)
  --local-node NAME      the node whose files these are (default: the root's etc/hostname)
  -h, --help             this help

Exit status: 0 everything translated with every address known, 1 translated with constructs
not translated or placeholders to fill in (see the plan), 2 a usage error or no etc/ha.d/ha.cf.
`;

interface MigrateArgs {
  root?: string;
  to?: string;
  out?: string;
  format: 'text' | 'json';
  nodeAddrs: Map<string, string[]>;
  heartbeatVersion: 2 | 3;
  localNode?: string;
}

/** An address or host name Corosync takes as ringX_addr (nothing that could break its file). */
const ADDR_RE = /^[A-Za-z0-9][A-Za-z0-9.:%_-]*$/;
const NODE_RE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

function parse(args: string[]): MigrateArgs {
  const out: MigrateArgs = { format: 'text', nodeAddrs: new Map(), heartbeatVersion: 3 };
  for (const { name: a, arg, take } of cliWords(args, true)) {
    switch (a) {
      case '--root': out.root = take(); break;
      case '--to': out.to = take(); break;
      case '--out': out.out = take(); break;
      case '--format': {
        const f = take();
        if (f !== 'text' && f !== 'json') throw new UsageError(`--format must be text or json, not '${f}'`);
        out.format = f;
        break;
      }
      case '--node-addr': {
        const v = take();
        const eq = v.indexOf('=');
        const name = eq > 0 ? v.slice(0, eq) : '';
        const addrs = eq > 0 ? v.slice(eq + 1).split(',') : [];
        if (!NODE_RE.test(name) || addrs.length === 0 || addrs.some((x) => !ADDR_RE.test(x))) {
          throw new UsageError(`--node-addr expects NAME=ADDR[,ADDR...] (e.g. node1=192.168.1.1), not '${v}'`);
        }
        const key = name.toLowerCase();
        out.nodeAddrs.set(key, [...(out.nodeAddrs.get(key) ?? []), ...addrs]);
        break;
      }
      case '--heartbeat-version': {
        const v = take();
        if (v !== '2' && v !== '3') throw new UsageError(`--heartbeat-version must be 2 or 3, not '${v}'`);
        out.heartbeatVersion = v === '2' ? 2 : 3;
        break;
      }
      case '--local-node': {
        const v = take();
        if (!NODE_RE.test(v)) throw new UsageError(`--local-node expects a host name, not '${v}'`);
        out.localNode = v;
        break;
      }
      default:
        throw new UsageError(`unknown argument ${arg}`);
    }
  }
  if (!out.root) throw new UsageError('migrate needs --root DIR (an image root: the folder that holds etc/ha.d)');
  if (out.to === undefined) throw new UsageError('migrate needs --to pacemaker');
  if (out.to !== 'pacemaker') throw new UsageError(`--to must be pacemaker (Corosync 3 + Pacemaker), not '${out.to}'`);
  return out;
}

/**
 * Writes the files into `out`, a folder that must not exist: first into a temporary folder
 * beside it, then renamed into place, so either every file is there or none is.
 */

export function writeOutputs(out: string, files: Migration['files']): void {
  if (lexists(out)) throw new UsageError(`${out} exists: --out must name a new folder (nothing is written over existing files)`);
  const parent = dirname(out);
  try {
    if (!statSync(parent).isDirectory()) throw new Error('not a directory');
  } catch {
    throw new UsageError(`${parent}: no such folder to create ${basename(out)} in`);
  }
  const tmp = mkdtempSync(join(parent, `.${basename(out)}.tmp-`));
  try {
    for (const name of OUTPUT_FILES) {
      const path = join(tmp, name);
      writeFileSync(path, files[name], { flag: 'wx', mode: 0o600 });
      if (name === 'pcs.sh') chmodSync(path, 0o700);
    }
    chmodSync(tmp, 0o755);
    if (lexists(out)) throw new UsageError(`${out} appeared while writing: nothing written`);
    renameSync(tmp, out);
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    if (err instanceof UsageError) throw err;
    throw new UsageError(`cannot write ${out}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

export async function runMigrate(args: string[], io: CliIO): Promise<number> {
  const a = parse(args);
  let root: string;
  try {
    root = realpathSync(resolve(io.cwd, a.root!));
    if (!statSync(root).isDirectory()) throw new Error('not a directory');
  } catch {
    throw new UsageError(`${a.root}: not a directory`);
  }
  root = root.split(sep).join('/');
  const host = new FsHost();
  if (host.stat(`${root}/etc/ha.d/haresources`)?.isFile) await svc.initialize({ wasmDir: __dirname });
  const m = migrateRoot(root, host, { heartbeatVersion: a.heartbeatVersion, nodeAddrs: a.nodeAddrs, localNode: a.localNode });
  if (!m) throw new UsageError(`${a.root}: no etc/ha.d/ha.cf under it (give the image root, the folder that holds etc/)`);
  // What heartbeat itself would say about the files: the translation follows them as they are.
  const errors: string[] = [];
  for (const [name, f] of [['ha.cf', `${m.plan.haDir}/ha.cf`], ['haresources', `${m.plan.haDir}/haresources`], ['authkeys', `${m.plan.haDir}/authkeys`]] as const) {
    const text = host.readFile(f);
    if (text === undefined) continue;
    const lang = name === 'ha.cf' ? 'hacf' : name;
    const settings = svc.normalizeSettings({ heartbeatVersion: a.heartbeatVersion, localNode: a.localNode ?? '', checkFileModes: false }).settings;
    const n = svc.analyze({ path: f, text, language: lang }, settings, host).problems.filter((p) => p.severity === 'error').length;
    if (n > 0) errors.push(`${name} ${n}`);
  }
  const out = a.out === undefined ? undefined : resolve(io.cwd, a.out);
  if (out !== undefined) writeOutputs(out, m.files);
  if (a.format === 'json') {
    io.stdout(`${JSON.stringify({ ...(planJson(m.plan, out) as object), heartbeatErrors: errors }, null, 2)}\n`);
  } else {
    if (errors.length > 0) io.stdout(`Note: heartbeat would refuse these files (errors: ${errors.join(', ')}; run sysv-ha check ${a.root}); the translation follows them as written.\n\n`);
    io.stdout(renderPlanText(m.plan, out));
  }
  const counts = planCounts(m.plan);
  return counts['not-translated'] === 0 && addressesKnown(m.plan) ? 0 : 1;
}
