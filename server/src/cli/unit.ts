/**
 * `sysv-ha unit --root DIR [NAME...] [--format text|json] [--out DIR]`: the units
 * systemd-sysv-generator makes of the init scripts of an image root, for one systemd version.
 * --out writes exactly the generator's files (units, alias links, .wants links) into a folder,
 * all or nothing, never over an existing file.
 */
import { existsSync, mkdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { FsHost } from '../host/fsHost';
import { printable } from '../service/core/text';
import { normalizeSettings } from '../service/core/settings';
import { readFileSync } from 'node:fs';
import * as svc from '../service';
import { convertToNative, generate, generatorDirs, resolveVersion, SYSTEMD_VERSION_SETTINGS, type GeneratedEntry, type GeneratorProfile, type GeneratorRun, type NativeUnit, type SystemdVersionSetting } from '../service/systemd';
import { describeFsError } from './files';
import { cliWords, lexists, UsageError } from './files';
import type { CliIO } from './main';

export const UNIT_HELP = `Usage: sysv-ha unit --root DIR [NAME...] [--systemd-version V] [--format text|json] [--out DIR]
       sysv-ha unit --root DIR [NAME...] --native [--systemd-version V] [--format text|json] [--write DIR]

Prints the units systemd-sysv-generator makes of the init scripts of the image root DIR (or of
the NAMEs given): each .service file byte for byte, the alias links from Provides, and the
*.target.wants/ links from the S links in rc1.d-rc5.d. Where an rcN.d folder does not exist,
the links the tree's tool (chkconfig, insserv, update-rc.d) would make are used, and said so.
Scripts the generator skips (not executable, a native unit of the same name, ...) are listed
on standard error with the reason.

With --native it proposes instead a hand-written unit for each script, from what its start
action really does (the daemon's command line, Type=forking with PIDFile= or Type=simple, User=,
EnvironmentFile=, ExecReload=), with a "# Not decided:" comment for each part it could not
settle; --write DIR writes them there as NAME.service.

Options:
  --root DIR               the image root (the folder that holds etc/); / for this machine
  --systemd-version V      219 (RHEL/CentOS 7), 239 (RHEL 8), 252 (Debian 12, RHEL 9),
                           257 (Debian 13), or auto (default: 219 for a Red Hat tree, else 252)
  --profile auto|rhel|debian|suse|busybox
                           the profile auto follows (default: from the tree's layout)
  --links auto|present     auto (default): planned links where an rcN.d folder is missing;
                           present: only the links that exist, as the generator reads them
  --format text|json       the files one after the other (default), or JSON
  --out DIR                write the generator's files into DIR, as the generator would write
                           them (created if missing); nothing is written if any of them exists
  --native                 propose native units instead of the generated ones
  --write DIR              with --native: write NAME.service files into DIR (created if
                           missing); nothing is written if any of them exists
  -h, --help               this help

Exit status: 0 done, 1 the generator would stop and write nothing (a name systemd refuses),
2 a usage error.
`;

interface UnitArgs {
  root?: string;
  version: SystemdVersionSetting;
  profile?: string;
  links: 'auto' | 'present';
  format: 'text' | 'json';
  out?: string;
  native: boolean;
  write?: string;
  names: string[];
}

function parse(args: string[]): UnitArgs {
  const out: UnitArgs = { version: 'auto', links: 'auto', format: 'text', native: false, names: [] };
  for (const { name: a, take } of cliWords(args)) {
    switch (a) {
      case '--root': out.root = take(); break;
      case '--systemd-version': {
        const v = take();
        if (!(SYSTEMD_VERSION_SETTINGS as readonly string[]).includes(v)) throw new UsageError(`--systemd-version must be one of ${SYSTEMD_VERSION_SETTINGS.join(', ')}, not '${printable(v)}'`);
        out.version = v as SystemdVersionSetting;
        break;
      }
      case '--profile': {
        const p = take();
        const { ignored } = normalizeSettings({ profile: p });
        if (ignored.length > 0) throw new UsageError(`--profile: ${ignored[0]}`);
        out.profile = p;
        break;
      }
      case '--links': {
        const l = take();
        if (l !== 'auto' && l !== 'present') throw new UsageError(`--links must be auto or present, not '${printable(l)}'`);
        out.links = l;
        break;
      }
      case '--format': {
        const f = take();
        if (f !== 'text' && f !== 'json') throw new UsageError(`--format must be text or json, not '${printable(f)}'`);
        out.format = f;
        break;
      }
      case '--out': out.out = take(); break;
      case '--native': out.native = true; break;
      case '--write': out.write = take(); break;
      default:
        if (a.startsWith('-')) throw new UsageError(`unknown option ${printable(a)} (sysv-ha unit --help)`);
        out.names.push(a);
    }
  }
  if (!out.root) throw new UsageError('unit needs --root DIR (an image root: the folder that holds etc/)');
  if (out.write !== undefined && !out.native) throw new UsageError('--write goes with --native (--out writes the generated units)');
  if (out.out !== undefined && out.native) throw new UsageError('--out writes the generated units; with --native, use --write DIR');
  return out;
}

/** Bytes (latin1 strings) shown as text: UTF-8 where they are, control characters escaped. */
const show = (bytes: string) => printable(Buffer.from(bytes, 'latin1').toString('utf8'));
/** A file's text shown line by line (its line ends kept). */
const showText = (bytes: string) => bytes.split('\n').map(show).join('\n');

/** The entries of the scripts named (their units, aliases and .wants links), or all. */
function selected(run: GeneratorRun, names: string[]): GeneratedEntry[] {
  if (names.length === 0) return run.entries;
  return run.entries.filter((e) => names.includes(e.script));
}

export function describeRun(run: GeneratorRun, rootShown: string): string {
  const p = run.profile;
  const parts = [`systemd-sysv-generator of systemd ${p.version} (${p.label}) on ${rootShown}: ${run.initDir}, links in ${run.rcBase}/rcN.d`];
  if (run.plannedLevels.length > 0) parts.push(`${run.plannedLevels.join(', ')} do not exist: the links ${run.tool} would make are used there`);
  return parts.join('; ');
}

/** Notes about what the generator leaves to chance or skips, one line each. */
export function runNotes(run: GeneratorRun, names: string[]): string[] {
  const notes: string[] = [];
  const wanted = (s: string) => names.length === 0 || names.includes(s);
  for (const s of run.scripts) if (s.skipped && wanted(s.name)) notes.push(`${show(s.name)}: no unit: ${s.skipped}`);
  for (const e of run.entries) {
    if (!wanted(e.script)) continue;
    if (e.kind === 'unit' && e.unordered.length > 0) notes.push(`${show(e.path)}: the ${e.unordered.map((g) => `${g.key}=`).join(' and ')} lines from S-link numbers come in a different order on each run (hash order); here in name order`);
    if (e.kind === 'link' && e.alternatives) notes.push(`${show(e.path)}: provided by more than one script; the generator links it to whichever it reads first: ${[e.target, ...e.alternatives].map(show).join(' or ')}`);
  }
  return notes;
}


/** Writes the entries under `out`: checked first (nothing may exist), then written. */
function writeOut(out: string, entries: GeneratedEntry[]): string[] {
  const clashes: string[] = [];
  for (const e of entries) {
    if (e.path.split('/').some((s) => s === '..' || s === '' || s === '.')) throw new UsageError(`refusing to write ${show(e.path)}: not a plain path`);
    if (lexists(Buffer.from(`${out}/${e.path}`, 'latin1'))) clashes.push(e.path);
  }
  if (clashes.length > 0) return clashes;
  for (const e of entries) {
    const p = Buffer.from(`${out}/${e.path}`, 'latin1');
    const dir = e.path.includes('/') ? `${out}/${e.path.slice(0, e.path.lastIndexOf('/'))}` : out;
    mkdirSync(Buffer.from(dir, 'latin1').toString('utf8'), { recursive: true });
    if (e.kind === 'unit') writeFileSync(p, Buffer.from(e.text, 'latin1'), { flag: 'wx', mode: 0o644 });
    else symlinkSync(Buffer.from(e.target, 'latin1'), p);
  }
  return [];
}

export async function runUnit(args: string[], io: CliIO): Promise<number> {
  const a = parse(args);
  const given = resolve(io.cwd, a.root!);
  if (!existsSync(given)) throw new UsageError(`${printable(a.root!)}: no such file or directory`);
  const root = realpathSync(given).split(sep).join('/').replace(/\/$/, '');
  const host = new FsHost();
  const dirs = generatorDirs(root, host);
  if (!dirs) throw new UsageError(`${printable(a.root!)}: no etc/init.d or etc/rc.d/init.d under it`);
  const profileName = a.profile && a.profile !== 'auto' ? a.profile : dirs.initDir === 'etc/rc.d/init.d' ? 'rhel' : 'debian';
  const profile = resolveVersion(a.version, profileName);
  if (!profile) throw new UsageError(`systemd is off for ${a.version === 'off' ? '--systemd-version off' : `the ${profileName} profile`}: give --systemd-version 219, 239, 252 or 257`);
  if (a.native) return runNative(a, root, dirs.initDir, host, profile, io);
  const run = generate(root, host, { profile, links: a.links })!;
  for (const n of a.names) if (!run.scripts.some((s) => s.name === n)) throw new UsageError(`no script '${printable(n)}' in ${printable(a.root!)}/${dirs.initDir}`);
  const entries = run.aborted ? [] : selected(run, a.names);

  if (a.out) {
    if (run.aborted) {
      io.stderr(`sysv-ha: ${show(run.aborted)}\nsysv-ha: nothing written.\n`);
      return 1;
    }
    const out = resolve(io.cwd, a.out).split(sep).join('/');
    const clashes = writeOut(out, entries);
    if (clashes.length > 0) {
      for (const c of clashes) io.stderr(`sysv-ha: ${show(`${a.out}/${c}`)} exists\n`);
      io.stderr('sysv-ha: nothing written.\n');
      return 1;
    }
    if (a.format === 'json') io.stdout(JSON.stringify(entries.map((e) => ({ path: show(e.path), kind: e.kind, ...(e.kind === 'link' ? { target: show(e.target) } : {}) })), null, 2) + '\n');
    else io.stdout(entries.map((e) => `wrote ${show(`${a.out}/${e.path}`)}${e.kind === 'link' ? ` -> ${show(e.target)}` : ''}\n`).join(''));
    for (const n of runNotes(run, a.names)) io.stderr(`sysv-ha: ${n}\n`);
    return 0;
  }

  if (a.format === 'json') {
    io.stdout(JSON.stringify({
      systemd: profile.version, label: profile.label, source: profile.source, root, initDir: run.initDir, rcBase: run.rcBase,
      ...(run.aborted ? { aborted: run.aborted } : {}), plannedLevels: run.plannedLevels, ...(run.tool ? { tool: run.tool } : {}),
      files: entries.map((e) => (e.kind === 'unit'
        ? { path: show(e.path), kind: 'unit', script: show(e.script), text: Buffer.from(e.text, 'latin1').toString('utf8'), unordered: e.unordered }
        : { path: show(e.path), kind: 'link', role: e.role, script: show(e.script), target: show(e.target), ...(e.alternatives ? { alternatives: e.alternatives.map(show) } : {}) })),
      scripts: run.scripts.filter((s) => a.names.length === 0 || a.names.includes(s.name)).map((s) => ({
        name: show(s.name), ...(s.unit ? { unit: show(s.unit) } : {}), ...(s.skipped ? { skipped: s.skipped } : {}), priority: s.priority,
        wantedBy: s.wantedBy, links: s.links.map((l) => ({ ...l, link: show(l.link), target: show(l.target) })),
      })),
    }, null, 2) + '\n');
    return run.aborted ? 1 : 0;
  }
  io.stdout(`# ${describeRun(run, printable(a.root!))}\n`);
  if (run.aborted) {
    io.stderr(`sysv-ha: ${show(run.aborted)}\n`);
    return 1;
  }
  for (const e of entries) {
    if (e.kind === 'unit') io.stdout(`\n==> ${show(e.path)} <==\n${showText(e.text)}`);
    else io.stdout(`\n==> ${show(e.path)} -> ${show(e.target)} (${e.role === 'alias' ? 'alias from Provides' : 'wants link'})\n`);
  }
  for (const n of runNotes(run, a.names)) io.stderr(`sysv-ha: ${n}\n`);
  return 0;
}

/** `--native`: a proposed unit per script, printed, or written with --write (all or nothing, never over a file). */
async function runNative(a: UnitArgs, root: string, initDir: string, host: FsHost, profile: GeneratorProfile, io: CliIO): Promise<number> {
  await svc.initialize({ wasmDir: __dirname });
  // All the service scripts of the tree (the boot tools' list: no README, skeleton, rc), or the NAMEs given.
  const names = a.names.length > 0 ? a.names : (svc.boot.loadInitTree(root, host)?.scripts.map((x) => x.name) ?? []);
  for (const n of a.names) if (!host.stat(`${root}/${initDir}/${n}`)?.isFile) throw new UsageError(`no script '${printable(n)}' in ${printable(a.root!)}/${initDir}`);
  const units: { script: string; unit: NativeUnit }[] = [];
  const settings = { ...svc.DEFAULT_SETTINGS, systemdVersion: profile.version };
  for (const n of names) {
    const path = `${root}/${initDir}/${n}`;
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (err) {
      throw new UsageError(`${printable(`${a.root}/${initDir}/${n}`)}: ${describeFsError(err)}`);
    }
    const analysis = svc.analyze({ path, text, language: 'initscript' }, settings, host);
    const unit = convertToNative(analysis, profile.version, host);
    if (unit) units.push({ script: n, unit });
    else io.stderr(`sysv-ha: ${printable(n)}: not a SysV init script sysv-ha can convert (${analysis.info.reason})\n`);
  }
  if (a.write !== undefined) {
    const out = resolve(io.cwd, a.write).split(sep).join('/');
    const clashes = units.filter((u) => lexists(Buffer.from(`${out}/${u.unit.name}`))).map((u) => u.unit.name);
    if (clashes.length > 0) {
      for (const c of clashes) io.stderr(`sysv-ha: ${printable(`${a.write}/${c}`)} exists\n`);
      io.stderr('sysv-ha: nothing written.\n');
      return 1;
    }
    mkdirSync(out, { recursive: true });
    for (const u of units) writeFileSync(`${out}/${u.unit.name}`, u.unit.text, { flag: 'wx', mode: 0o644 });
  }
  if (a.format === 'json') {
    io.stdout(JSON.stringify(units.map((u) => ({ script: u.script, unit: u.unit.name, type: u.unit.type, ...(u.unit.program ? { program: u.unit.program } : {}), undecided: u.unit.undecided, text: u.unit.text, ...(a.write !== undefined ? { written: `${a.write}/${u.unit.name}` } : {}) })), null, 2) + '\n');
  } else if (a.write !== undefined) {
    io.stdout(units.map((u) => `wrote ${printable(`${a.write}/${u.unit.name}`)} (${u.unit.undecided.length} not decided)\n`).join(''));
  } else {
    io.stdout(units.map((u) => `==> ${printable(u.unit.name)} <==\n${u.unit.text.split('\n').map(printable).join('\n')}`).join('\n'));
  }
  return 0;
}
