/**
 * The init scripts of an image root, as the boot-order tools see them: names, headers
 * (from the same raw-line reader the editor uses), overrides and insserv facilities.
 * Everything is read through the `WorkspaceHost`, so the planner stays pure.
 *
 * @see spec/domain.md §2.1-2.2 (chkconfig), §5.1-5.3 (update-rc.d, insserv)
 */
import type { WorkspaceHost } from '../core/language';
import { SourceText } from '../core/text';
import { isSkippedInitdName } from '../core/detect';
import { parseHeader, type HeaderModel } from '../languages/initscript/header';
import { isIgnoredName } from '../languages/initscript/spec';

export type Layout = 'rhel' | 'debian' | 'busybox';

export interface ScriptInfo {
  name: string;
  /** Absolute path of the script. */
  path: string;
  header: HeaderModel;
  /** Has an LSB block (chkconfig's isLSB). */
  lsb: boolean;
  provides: string[];
  requiredStart: string[];
  requiredStop: string[];
  shouldStart: string[];
  shouldStop: string[];
  startBefore: string[];
  stopAfter: string[];
  /** insserv's reading of Default-Start/Stop: single-character tokens only. */
  defaultStart: string[];
  defaultStop: string[];
  /** Line of each dependency keyword, for diagnostics. */
  lines: Partial<Record<'Required-Start' | 'Required-Stop' | 'Should-Start' | 'Should-Stop' | 'Provides' | 'X-Start-Before' | 'X-Stop-After', number>>;
}

export interface InitTree {
  root: string;
  layout: Layout;
  /** The init.d folder, absolute. */
  initDir: string;
  scripts: ScriptInfo[];
  /**
   * The scripts' names in the order the file system lists init.d (readdir), when the host can
   * tell; `scripts` is in name order. insserv reads the folder in this order.
   */
  scanOrder?: string[];
  /** insserv facilities from etc/insserv.conf and etc/insserv.conf.d: $name → script names (+optional stripped). */
  facilities: Map<string, string[]>;
  /** The tree has an insserv configuration. */
  hasInsserv: boolean;
}

const LSB_LISTS = ['Provides', 'Required-Start', 'Required-Stop', 'Should-Start', 'Should-Stop', 'X-Start-Before', 'X-Stop-After'] as const;

/** The values of a keyword in the last LSB block (insserv) — blank, comma or semicolon separated. */
function values(h: HeaderModel, keyword: string): { words: string[]; line?: number } {
  const block = h.blocks[h.blocks.length - 1];
  const e = block?.entries.find((x) => (x.spec?.name ?? x.keyword.text).toLowerCase() === keyword.toLowerCase());
  if (!e) return { words: [] };
  return { words: e.value.text.split(/[ \t,;]+/).filter((w) => w.length > 0), line: e.line };
}

/** Header summaries by path, reused while a file's text is unchanged. */
const memo = new Map<string, { text: string; info: ScriptInfo }>();

/** The lines a script's header is read from (comment lines), as one string to compare. */
export function headerSignature(text: string): string {
  // From one '#' to the next (the server computes this on every keystroke: splitting a 20k-line
  // script into lines and testing each with a pattern cost 3 ms and 20,000 strings).
  let out = '';
  let any = false;
  for (let hash = text.indexOf('#'); hash >= 0; ) {
    const start = text.lastIndexOf('\n', hash - 1) + 1;
    let i = start;
    while (i < hash && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
    let end = text.indexOf('\n', hash);
    if (end < 0) end = text.length;
    if (i === hash) {
      out = any ? `${out}\n${text.slice(start, end)}` : text.slice(start, end);
      any = true;
    }
    hash = text.indexOf('#', end);
  }
  return out;
}

/** The text a tree last read for this script (undefined when no tree has read it). */
export function knownScriptText(path: string): string | undefined {
  return memo.get(path)?.text;
}

/**
 * The header a tree read from exactly this text of this script, if one did: a header is a
 * function of the text alone (and never changed once made), so an analysis of the same text
 * takes it instead of reading the header lines again.
 */
export function knownHeader(path: string, text: string): HeaderModel | undefined {
  const hit = memo.get(path);
  return hit !== undefined && hit.text === text ? hit.info.header : undefined;
}

/** `scriptInfo` with a per-path cache keyed on the text. */
export function cachedScriptInfo(name: string, path: string, text: string): ScriptInfo {
  const hit = memo.get(path);
  if (hit && hit.text === text) return hit.info;
  const info = scriptInfo(name, path, text);
  if (memo.size > 5000) memo.clear();
  memo.set(path, { text, info });
  return info;
}

export function scriptInfo(name: string, path: string, text: string): ScriptInfo {
  const header = parseHeader(new SourceText(text));
  const info: ScriptInfo = {
    name, path, header, lsb: header.blocks.length > 0,
    provides: [], requiredStart: [], requiredStop: [], shouldStart: [], shouldStop: [], startBefore: [], stopAfter: [],
    defaultStart: [], defaultStop: [], lines: {},
  };
  const fields: Record<(typeof LSB_LISTS)[number], keyof ScriptInfo> = {
    Provides: 'provides', 'Required-Start': 'requiredStart', 'Required-Stop': 'requiredStop', 'Should-Start': 'shouldStart',
    'Should-Stop': 'shouldStop', 'X-Start-Before': 'startBefore', 'X-Stop-After': 'stopAfter',
  };
  for (const kw of LSB_LISTS) {
    const v = values(header, kw);
    (info[fields[kw]] as string[]) = v.words;
    if (v.line !== undefined) info.lines[kw] = v.line;
  }
  if (info.provides.length === 0) info.provides = [name];
  const levels = (kw: string) => values(header, kw).words.filter((t) => t.length === 1 && /[0-6sSbB]/.test(t)).map((t) => t.toUpperCase());
  info.defaultStart = levels('Default-Start');
  info.defaultStop = levels('Default-Stop');
  return info;
}

function readFacilities(root: string, host: WorkspaceHost): Map<string, string[]> {
  const map = new Map<string, string[]>();
  const files = [`${root}/etc/insserv.conf`, ...(host.listDir(`${root}/etc/insserv.conf.d`) ?? []).map((n) => `${root}/etc/insserv.conf.d/${n}`)];
  for (const f of files) {
    for (const line of (host.readFile(f) ?? '').split('\n')) {
      const t = line.trim();
      // `$name`, separators, then the names (a line with a line break inside is no entry).
      const m = /^(\$[A-Za-z0-9_+-]+)[ \t=:]*/.exec(t);
      if (!m || /[\r\u2028\u2029]/.test(t)) continue;
      const deps = t.slice(m[0].length).split(/[ \t,]+/).filter(Boolean).map((d) => d.replace(/^\+/, ''));
      const list = map.get(m[1]!);
      if (list) for (const d of deps) list.push(d);
      else map.set(m[1]!, deps);
    }
  }
  return map;
}

/**
 * A whole image (a system that boots), not a package's files or a configuration repository that
 * holds only what it changes: ROOT has `sbin/init` or `bin/sh` (the rule `workspace/inittab-rc-missing`
 * uses). Only there is a name that nothing in the root provides really missing.
 */
export function isWholeImage(root: string, host: WorkspaceHost): boolean {
  return !!host.listDir(`${root}/sbin`)?.includes('init') || !!host.listDir(`${root}/bin`)?.includes('sh');
}

/**
 * The other script of the same folder that `path` is a symbolic link to, if it is one: insserv
 * skips such a script ("script X is a symlink to another script, skipped!", checked with the real
 * insserv), so it is neither ordered nor linked on its own. `text` is the file's text, for a link
 * as git writes it where links are off (core.symlinks=false: a file holding just the target).
 * `root` is the image root, for an absolute target.
 */
export function linkedScript(path: string, host: WorkspaceHost, text?: string, root = ''): string | undefined {
  const slash = path.lastIndexOf('/');
  const dir = path.slice(0, slash);
  let target = host.readLink?.(path);
  if (target === undefined && text !== undefined && text.length < 256 && /^[A-Za-z0-9_.+/-]+$/.test(text)) target = text;
  if (target === undefined) return undefined;
  const parts = (target.startsWith('/') ? `${root}${target}` : `${dir}/${target}`).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  const resolved = (path.startsWith('/') ? '/' : '') + out.join('/');
  const name = resolved.slice(resolved.lastIndexOf('/') + 1);
  if (resolved.slice(0, resolved.lastIndexOf('/')) !== dir || name === path.slice(slash + 1)) return undefined;
  return host.stat(resolved)?.isFile ? name : undefined;
}

/** Reads the init scripts of an image root (`root` = the folder that holds `etc/`). */
export function loadInitTree(root: string, host: WorkspaceHost): InitTree | undefined {
  const rhelDir = `${root}/etc/rc.d/init.d`;
  const debDir = `${root}/etc/init.d`;
  const rhel = host.stat(rhelDir)?.isDirectory ?? false;
  const initDir = rhel ? rhelDir : host.stat(debDir)?.isDirectory ? debDir : undefined;
  if (!initDir) return undefined;
  const names = host.listDir(initDir) ?? [];
  const scripts: ScriptInfo[] = [];
  for (const name of names) {
    if (isIgnoredName(name) || isSkippedInitdName(name)) continue;
    const path = `${initDir}/${name}`;
    if (!host.stat(path)?.isFile) continue;
    const text = host.readFile(path);
    if (text === undefined) continue;
    // insserv skips a link to another script of the folder: it is that script under a second name.
    if (linkedScript(path, host, text, root)) continue;
    scripts.push(cachedScriptInfo(name, path, text));
  }
  const facilities = readFacilities(root, host);
  const hasInsserv = host.stat(`${root}/etc/insserv.conf`)?.isFile ?? false;
  const inittab = host.readFile(`${root}/etc/inittab`) ?? '';
  const busybox = !rhel && (scripts.every((s) => /^[SK]\d\d/.test(s.name)) && scripts.length > 0 || /^::sysinit:/m.test(inittab));
  const known = new Set(scripts.map((s) => s.name));
  const scanOrder = host.readDirOrder?.(initDir)?.filter((n) => known.has(n));
  return { root, layout: rhel ? 'rhel' : busybox ? 'busybox' : 'debian', initDir, scripts, ...(scanOrder ? { scanOrder } : {}), facilities, hasInsserv };
}
