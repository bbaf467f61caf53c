/**
 * What systemd-sysv-generator writes for an image root: the `.service` files, the alias
 * links from `Provides`, and the `*.target.wants/` links from the S links in rcN.d (the
 * links present, or those the tree's tool would make where a folder does not exist yet).
 * Pure over the `WorkspaceHost`; a port of enumerate_sysv(), set_dependencies_from_rcnd(),
 * fix_order() and generate_unit_file().
 *
 * Two things the real generator leaves to chance are reported, not guessed: the order of the
 * Before=/After= lines it derives from S-link numbers (hash order, a new random key each run),
 * and which script gets an alias that two scripts provide (the first one loaded wins).
 *
 * @see src/sysv-generator/sysv-generator.c
 */
import type { WorkspaceHost } from '../core/language';
import { defaultTool, plan, type Tool } from '../boot/planner';
import { loadInitTree } from '../boot/scripts';
import { loadSysv, type LoadResult } from './load';
import { escapeSpecifiers, isHiddenName, translateName } from './unitName';
import type { GeneratorProfile } from './versions';

export interface GenerateOptions {
  profile: GeneratorProfile;
  /**
   * `present`: only the rcN.d folders of the root, as the generator reads them; `auto` (the
   * default): where an rcN.d folder does not exist, the links the tree's tool would make.
   */
  links?: 'auto' | 'present';
  /** The generator's output folder, written into absolute `.wants/` links (219). */
  dest?: string;
  /** Take every script as executable (when file modes are unknown). */
  ignoreModes?: boolean;
  /**
   * load_sysv() results of an earlier run, by script path, with the bytes they were read from:
   * a script whose bytes are the same is not read again. The run writes its own loads here.
   */
  loads?: LoadCache;
}

/** load_sysv() of a script by path: the bytes read, the name they were read under, the result. */
export type LoadCache = Map<string, { bytes: string; name: string; version: string; load: LoadResult }>;

/** A Before=/After= group whose order the real generator draws at random (fix_order's hash order). */
export interface UnorderedGroup {
  key: 'Before' | 'After';
  names: string[];
}

export interface GeneratedUnit {
  kind: 'unit';
  /** Path in the output folder. */
  path: string;
  script: string;
  /** The file's bytes (latin1 string). */
  text: string;
  /** Lines written in name order here, in random order by the generator. */
  unordered: UnorderedGroup[];
}

export interface GeneratedLink {
  kind: 'link';
  path: string;
  target: string;
  role: 'alias' | 'wants';
  script: string;
  /** The units of other scripts that provide the same alias: the generator links whichever it loads first. */
  alternatives?: string[];
}

export type GeneratedEntry = GeneratedUnit | GeneratedLink;

/** Where an S link the generator reads came from. */
export interface LevelLink {
  dir: string;
  link: string;
  target: string;
  source: 'present' | 'planned';
}

export interface ScriptOutcome {
  /** The file name in init.d. */
  name: string;
  /** Absolute path (in the workspace). */
  path: string;
  /** The path on the host the root is for: SourcePath=, ExecStart=. */
  hostPath: string;
  /** The unit the generator makes of it (also set when it is then skipped). */
  unit?: string;
  /** Why the generator makes no unit of it. */
  skipped?: string;
  /** A native unit of that name (root-relative path), which wins. */
  nativeUnit?: string;
  load?: LoadResult;
  /** The highest S-link number in rc1-5, or -1. */
  priority: number;
  links: LevelLink[];
  /** Targets whose `.wants/` link the generator writes. */
  wantedBy: string[];
}

export interface GeneratorRun {
  root: string;
  profile: GeneratorProfile;
  /** The folders the generator reads, relative to the root. */
  initDir: string;
  rcBase: string;
  entries: GeneratedEntry[];
  scripts: ScriptOutcome[];
  /** The generator fails as a whole and writes nothing. */
  aborted?: string;
  /** rcN.d folders that do not exist, filled with the links of `tool`. */
  plannedLevels: string[];
  tool?: Tool;
}

/** The system unit folders (lookup_paths_init, without the generators' own folders), relative to the root. */
export const UNIT_DIRS = [
  'etc/systemd/system.control', 'run/systemd/system.control', 'run/systemd/transient', 'etc/systemd/system.attached',
  'etc/systemd/system', 'run/systemd/system.attached', 'run/systemd/system', 'usr/local/lib/systemd/system',
  'usr/lib/systemd/system', 'lib/systemd/system',
];

const MAX_HOPS = 40;

function normalize(path: string): string | undefined {
  const out: string[] = [];
  for (const p of path.split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') {
      if (out.length === 0) return undefined;
      out.pop();
    } else out.push(p);
  }
  return '/' + out.join('/');
}

/**
 * A path with its symbolic links followed inside the root (an absolute link target means the
 * root's own `/`). `/dev/null` stands for itself (a masked unit). Undefined: missing or outside.
 */
export function resolveInRoot(root: string, path: string, host: WorkspaceHost): string | undefined {
  let p = path;
  for (let i = 0; i < MAX_HOPS; i++) {
    const link = host.readLink?.(p);
    if (link === undefined) return host.stat(p) ? p : undefined;
    if (link === '/dev/null') return '/dev/null';
    const next = link.startsWith('/') ? normalize(link) : normalize(`${p.slice(root.length, p.lastIndexOf('/'))}/${link}`);
    if (next === undefined) return undefined;
    p = root + (next === '/' ? '' : next);
  }
  return undefined;
}

/** The names in the root's unit folders, each with the first folder (root-relative) that has it. */
function unitIndex(root: string, host: WorkspaceHost): Map<string, string> {
  const compute = () => {
    const index = new Map<string, string>();
    for (const dir of UNIT_DIRS) for (const n of host.listDir(`${root}/${dir}`) ?? []) if (!index.has(n)) index.set(n, dir);
    return index;
  };
  return host.memo ? host.memo(`systemd-units:${root}`, compute) : compute();
}

/** The native unit that makes the generator skip `name` (unit_file_exists), root-relative, or undefined. */
export function nativeUnit(root: string, name: string, host: WorkspaceHost, index = unitIndex(root, host)): string | undefined {
  const at = name.indexOf('@');
  const dot = name.lastIndexOf('.');
  const candidates = [name];
  if (at > 0 && dot > at + 1) candidates.push(name.slice(0, at + 1) + name.slice(dot)); // its template
  for (const n of candidates) {
    if (!index.has(n)) continue;
    // A name can be in several folders; the first that holds a real unit (or a mask) counts.
    for (const dir of UNIT_DIRS) {
      const p = `${root}/${dir}/${n}`;
      const r = resolveInRoot(root, p, host);
      if (r === '/dev/null' || (r !== undefined && host.stat(r)?.isFile)) return `${dir}/${n}`;
    }
  }
  return undefined;
}

/** The text as the generator's bytes (UTF-8 as latin1); an ASCII text is its own bytes, without a copy. */
export function textBytes(text: string): string {
  return Buffer.byteLength(text, 'utf8') === text.length ? text : Buffer.from(text, 'utf8').toString('latin1');
}

/**
 * The bytes of a file as a latin1 string (the editor's buffer, as UTF-8, when it is open). The
 * host's text (already read, e.g. by the init.d tree) is used when it has no U+FFFD: then the
 * file was valid UTF-8 and its text encodes back to exactly its bytes. Else the file is read
 * again as bytes (what an invalid sequence was, the text no longer says).
 */
export function readBytes(path: string, host: WorkspaceHost): string | undefined {
  const text = host.readFile(path);
  if (text !== undefined && !text.includes('\uFFFD')) return textBytes(text);
  const raw = host.readBytes?.(path);
  if (raw !== undefined) return Buffer.from(raw).toString('latin1');
  return text === undefined ? undefined : Buffer.from(text, 'utf8').toString('latin1');
}

/** The folders the generator reads: /etc/rc.d/init.d and /etc/rc.d on Red Hat, /etc/init.d and /etc elsewhere. */
export function generatorDirs(root: string, host: WorkspaceHost): { initDir: string; rcBase: string } | undefined {
  if (host.stat(`${root}/etc/rc.d/init.d`)?.isDirectory) return { initDir: 'etc/rc.d/init.d', rcBase: 'etc/rc.d' };
  if (host.stat(`${root}/etc/init.d`)?.isDirectory) return { initDir: 'etc/init.d', rcBase: 'etc' };
  return undefined;
}

/** push(...items) without the argument-count limit (a header line can hold 200,000 words). */
function append<T>(to: T[], items: readonly T[]): void {
  for (const x of items) to.push(x);
}

const listInOrder = (dir: string, host: WorkspaceHost) => host.readDirOrder?.(dir) ?? host.listDir(dir);
/** A file name as the bytes the generator sees (the host hands names over decoded from UTF-8). */
export const nameBytes = (s: string) => (/^[\x00-\x7f]*$/.test(s) ? s : Buffer.from(s, 'utf8').toString('latin1'));

export interface Stub {
  out: ScriptOutcome;
  name: string;
  before: string[];
  after: string[];
  wants: string[];
  conflicts: string[];
  unordered: UnorderedGroup[];
}

/** What enumerate_sysv() finds: the scripts, the services made of them, or the generator's abort. */
export interface Enumeration {
  run: GeneratorRun;
  services: Map<string, Stub>;
  stubs: Stub[];
}

/**
 * enumerate_sysv(): executable regular files of init.d, hidden and backup names skipped, first
 * name wins, a native unit of the same name wins. Reads the folder, each script's status and
 * links, and the unit folders; no script's text.
 */
export function enumerateSysv(root: string, host: WorkspaceHost, options: GenerateOptions): Enumeration | undefined {
  const profile = options.profile;
  const dirs = generatorDirs(root, host);
  if (!dirs) return undefined;
  const run: GeneratorRun = { root, profile, ...dirs, entries: [], scripts: [], plannedLevels: [] };
  const initAbs = `${root}/${dirs.initDir}`;
  const services = new Map<string, Stub>();
  const stubs: Stub[] = [];
  for (const name of listInOrder(initAbs, host) ?? []) {
    const path = `${initAbs}/${name}`;
    const bname = nameBytes(name);
    const out: ScriptOutcome = { name, path, hostPath: `/${dirs.initDir}/${bname}`, priority: -1, links: [], wantedBy: [] };
    run.scripts.push(out);
    if (isHiddenName(bname, profile)) {
      out.skipped = 'the generator skips hidden and backup file names';
      continue;
    }
    const real = resolveInRoot(root, path, host);
    const st = real && real !== '/dev/null' ? host.stat(real) : undefined;
    if (!st) {
      out.skipped = 'it cannot be read (a dangling link?)';
      continue;
    }
    if (!options.ignoreModes && st.mode !== undefined && (st.mode & 0o100) === 0) {
      out.skipped = 'it is not executable: the generator skips it';
      continue;
    }
    if (!st.isFile) {
      out.skipped = 'it is not a regular file';
      continue;
    }
    const unit = translateName(bname, profile);
    if (unit === undefined) {
      out.skipped = `systemd cannot make a unit name of ${JSON.stringify(name)}`;
      if (profile.badNameAbortsGenerator) {
        run.aborted = `the init script name ${JSON.stringify(name)} is no valid unit name: systemd-sysv-generator stops ("Out of memory.") and writes no unit for any script`;
        return { run, services, stubs };
      }
      continue;
    }
    out.unit = unit;
    const dup = services.get(unit);
    if (dup) {
      out.skipped = `${dup.out.name} already makes ${unit}`;
      continue;
    }
    const native = nativeUnit(root, unit, host);
    if (native) {
      out.skipped = `the native unit ${native} exists: systemd uses it and ignores the script`;
      out.nativeUnit = native;
      continue;
    }
    const stub: Stub = { out, name: unit, before: [], after: [], wants: [], conflicts: [], unordered: [] };
    services.set(unit, stub);
    stubs.push(stub);
  }
  return { run, services, stubs };
}

export function generate(root: string, host: WorkspaceHost, options: GenerateOptions): GeneratorRun | undefined {
  const profile = options.profile;
  const found = enumerateSysv(root, host, options);
  if (!found || found.run.aborted) return found?.run;
  const { run, services, stubs } = found;
  const dirs = { initDir: run.initDir, rcBase: run.rcBase };

  // set_dependencies_from_rcnd(): S links in rc1-5 (and K links in rc0/rc6 for 219).
  let planned: Map<string, { link: string; target: string }[]> | undefined;
  const plannedNames = (level: string): { link: string; target: string }[] => {
    if (!planned) {
      planned = new Map();
      const tree = loadInitTree(root, host);
      if (!tree) return [];
      run.tool = defaultTool(tree);
      for (const l of plan(tree, run.tool, host).links) {
        const dir = `rc${l.runlevel}.d`;
        const list = planned.get(dir) ?? [];
        list.push({ link: l.link.slice(l.link.lastIndexOf('/') + 1), target: l.target });
        planned.set(dir, list);
      }
    }
    return planned.get(level) ?? [];
  };
  // A link's unit name, made once per name (each script has a link in most folders).
  const unitOfLink = new Map<string, string | undefined>();
  const linkUnit = (n: string) => {
    if (!unitOfLink.has(n)) unitOfLink.set(n, translateName(n, profile));
    return unitOfLink.get(n);
  };
  const levelSets = profile.rcTable.map(() => new Set<Stub>());
  const shutdown = new Set<Stub>();
  for (const [i, entry] of profile.rcTable.entries()) {
    const dir = `${root}/${dirs.rcBase}/${entry.dir}`;
    const present = listInOrder(dir, host);
    let names: { link: string; target: string; source: 'present' | 'planned' }[];
    if (present) names = present.map((n) => ({ link: nameBytes(n), target: nameBytes(host.readLink?.(`${dir}/${n}`) ?? ''), source: 'present' as const }));
    else if ((options.links ?? 'auto') === 'auto') {
      names = plannedNames(entry.dir).map((p) => ({ ...p, source: 'planned' as const }));
      if (names.length > 0) run.plannedLevels.push(entry.dir);
    } else names = [];
    for (const { link, target, source } of names) {
      if (isHiddenName(link, profile)) continue;
      const kind = link[0];
      if (kind !== 'S' && (kind !== 'K' || !entry.down)) continue;
      if (link.length < 4 || !/^[0-9]$/.test(link[1]!) || !/^[0-9]$/.test(link[2]!)) continue;
      const name = linkUnit(link.slice(3));
      if (name === undefined) {
        if (profile.badNameAbortsGenerator) {
          run.aborted = `the link ${dirs.rcBase}/${entry.dir}/${link} names no valid unit: systemd-sysv-generator stops ("Out of memory.") and writes no unit for any script`;
          return run;
        }
        continue;
      }
      const s = services.get(name);
      if (!s) continue;
      s.out.links.push({ dir: entry.dir, link, target, source });
      if (kind === 'S') {
        if (!entry.down) s.out.priority = Math.max(Number(link.slice(1, 3)), s.out.priority);
        levelSets[i]!.add(s);
      } else shutdown.add(s);
    }
  }
  for (const [i, entry] of profile.rcTable.entries()) {
    for (const s of levelSets[i]!) {
      s.before.push(entry.target);
      s.out.wantedBy.push(entry.target);
    }
  }
  for (const s of shutdown) {
    s.before.push('shutdown.target');
    s.conflicts.push('shutdown.target');
  }

  // load_sysv() of every script: aliases are made here, before any unit is written.
  const aliasCandidates = new Map<string, Stub[]>();
  for (const s of stubs) {
    const bytes = readBytes(s.out.path, host);
    if (bytes === undefined) {
      s.out.skipped = 'it cannot be read';
      continue;
    }
    const name = nameBytes(s.out.name);
    const before = options.loads?.get(s.out.path);
    const load = before && before.bytes === bytes && before.name === name && before.version === profile.version ? before.load : loadSysv(bytes, name, profile);
    options.loads?.set(s.out.path, { bytes, name, version: profile.version, load });
    s.out.load = load;
    append(s.before, load.before);
    append(s.after, load.after);
    append(s.wants, load.wants);
    for (const a of load.aliases) {
      if (!profile.mangleNames && a.includes('/')) continue; // 219: symlink() fails, there is no such folder
      const list = aliasCandidates.get(a) ?? [];
      if (!list.includes(s)) list.push(s);
      aliasCandidates.set(a, list);
    }
  }
  const loaded = (s: Stub) => s.out.load !== undefined && (!s.out.load.failed || !profile.mangleNames);
  for (const s of stubs) if (s.out.load?.failed && profile.mangleNames) s.out.skipped = `the generator gives up on it: ${s.out.load.failed}`;

  // fix_order(): scripts without an LSB header are ordered by their S-link numbers. A script
  // with a header is compared with those without one only (two headers: no order from numbers).
  const numbered = stubs.filter((o) => loaded(o) && o.out.priority >= 0);
  const headerless = numbered.filter((o) => !o.out.load?.hasLsb);
  for (const s of numbered) {
    if (profile.rhelNetworkAfterPriority && s.out.priority > 10) s.after.push('network-online.target');
    const before: string[] = [];
    const after: string[] = [];
    for (const o of s.out.load?.hasLsb ? headerless : numbered) {
      if (o === s) continue;
      if (o.out.priority < s.out.priority) after.push(o.name);
      else if (o.out.priority > s.out.priority) before.push(o.name);
    }
    const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    if (before.length) s.unordered.push({ key: 'Before', names: before.sort(byName) });
    if (after.length) s.unordered.push({ key: 'After', names: after.sort(byName) });
    append(s.before, before);
    append(s.after, after);
  }

  // generate_unit_file(): units, then their .wants/ links; a unit replaces an alias of its name.
  const unitNames = new Set<string>();
  const dest = options.dest ?? '/run/systemd/generator.late';
  const wants = new Map<string, GeneratedLink>();
  for (const s of stubs) {
    if (!loaded(s)) continue;
    unitNames.add(s.name);
    run.entries.push({ kind: 'unit', path: s.name, script: s.out.name, text: renderUnit(s, profile), unordered: s.unordered });
    for (const t of s.out.wantedBy) {
      const path = `${t}.wants/${s.name}`;
      if (!wants.has(path)) wants.set(path, { kind: 'link', path, target: profile.relativeWants ? `../${s.name}` : `${dest}/${s.name}`, role: 'wants', script: s.out.name });
    }
  }
  for (const [alias, list] of aliasCandidates) {
    if (unitNames.has(alias)) continue;
    const sorted = [...list].sort((a, b) => (a.out.name < b.out.name ? -1 : a.out.name > b.out.name ? 1 : 0));
    const first = sorted[0]!;
    const others = [...new Set(sorted.slice(1).map((o) => o.name))].filter((n) => n !== first.name);
    run.entries.push({ kind: 'link', path: alias, target: first.name, role: 'alias', script: first.out.name, ...(others.length ? { alternatives: others } : {}) });
  }
  append(run.entries, [...wants.values()]);
  run.entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return run;
}

function renderUnit(s: Stub, profile: GeneratorProfile): string {
  const load = s.out.load!;
  const esc = (x: string) => escapeSpecifiers(x, profile);
  const path = esc(s.out.hostPath);
  const out = ['# Automatically generated by systemd-sysv-generator', '', '[Unit]', 'Documentation=man:systemd-sysv-generator(8)', `SourcePath=${path}`];
  if (load.description !== undefined) out.push(`Description=${esc(load.description)}`);
  else if (profile.alwaysDescription) out.push('Description=(null)'); // printf("%s", NULL) in glibc
  const lists: [string, string[]][] = [['Before', s.before], ['After', s.after], ['Wants', s.wants], ['Conflicts', s.conflicts]];
  for (const [key, values] of lists) {
    if (values.length === 0) continue;
    if (profile.joinLists) out.push(`${key}=${values.join(' ')}`);
    else for (const v of values) out.push(`${key}=${v}`);
  }
  out.push('', '[Service]', 'Type=forking', 'Restart=no', 'TimeoutSec=5min', 'IgnoreSIGPIPE=no', 'KillMode=process', 'GuessMainPID=no');
  out.push(`RemainAfterExit=${load.pidFile === undefined ? 'yes' : 'no'}`);
  if (load.pidFile !== undefined) out.push(`PIDFile=${esc(load.pidFile)}`);
  if (load.hasLsb && profile.successExitStatus) out.push('SuccessExitStatus=5 6');
  out.push(`ExecStart=${path} start`, `ExecStop=${path} stop`);
  if (load.reload) out.push(`ExecReload=${path} reload`);
  return out.join('\n') + '\n';
}
