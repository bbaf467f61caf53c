/**
 * The names of an init.d, for navigation: which script provides a name (its Provides word,
 * or its file name, which chkconfig and insserv also accept), and where the header of every
 * script names it (Required-Start, Should-Start, X-Start-Before, ...). Pure over the host;
 * the tree is the one the cross-file checks read (memoised by the host until files change).
 */
import type { WorkspaceHost } from '../core/language';
import { range, type Location, type Range } from '../core/types';
import { loadInitTree, type InitTree, type ScriptInfo } from '../boot/scripts';
import type { HeaderModel } from '../languages/initscript/header';
import { lsbKeywordCaseless } from '../languages/initscript/spec';

/** A name in an LSB header: a Provides word or a dependency word. */
export interface HeaderName {
  /** The keyword's canonical spelling (`Required-Start`). */
  keyword: string;
  role: 'provides' | 'dependency';
  name: string;
  line: number;
  start: number;
  end: number;
}

/**
 * Every Provides and dependency name of every LSB block, split as insserv splits them
 * (blanks, commas, semicolons), with their columns. Linear in the header.
 */
export function headerNames(header: HeaderModel): HeaderName[] {
  const out: HeaderName[] = [];
  for (const b of header.blocks) {
    for (const e of b.entries) {
      const spec = e.spec ?? lsbKeywordCaseless(e.keyword.text);
      if (!spec || (spec.value !== 'facilities' && spec.value !== 'names')) continue;
      const role = spec.value === 'names' ? 'provides' : 'dependency';
      for (const m of e.value.text.matchAll(/[^ \t,;\r]+/g)) {
        const start = e.value.start + m.index!;
        out.push({ keyword: spec.name, role, name: m[0], line: e.line, start, end: start + m[0].length });
      }
    }
  }
  return out;
}

export const nameRange = (n: HeaderName): Range => range(n.line, n.start, n.end);

/** The image root of a script in etc/init.d or etc/rc.d/init.d. */
export function initRootOf(path: string): string | undefined {
  const m = /^(.*)\/etc\/(?:rc\.d\/)?init\.d\/[^/]+$/.exec(path);
  return m ? m[1]! : undefined;
}

/** The init.d of an image root, read once per root while the host's files are unchanged. */
export function treeOf(root: string, host: WorkspaceHost): InitTree | undefined {
  return host.memo ? host.memo(`initTree:${root}`, () => loadInitTree(root, host)) : loadInitTree(root, host);
}

export interface InitIndex {
  tree: InitTree;
  /** name → the scripts that provide it (Provides words, then the file name). */
  providers: Map<string, ScriptInfo[]>;
  /** name → every header word naming it, Provides included. */
  mentions: Map<string, (HeaderName & { path: string })[]>;
}

const indexes = new WeakMap<InitTree, InitIndex>();

export function indexOf(tree: InitTree): InitIndex {
  const hit = indexes.get(tree);
  if (hit) return hit;
  const providers = new Map<string, ScriptInfo[]>();
  const mentions = new Map<string, (HeaderName & { path: string })[]>();
  const push = <T>(map: Map<string, T[]>, k: string, v: T) => {
    const list = map.get(k);
    if (list) list.push(v);
    else map.set(k, [v]);
  };
  for (const s of tree.scripts) {
    for (const p of new Set([...s.provides, s.name])) push(providers, p, s);
    for (const n of headerNames(s.header)) push(mentions, n.name, { ...n, path: s.path });
  }
  const index = { tree, providers, mentions };
  indexes.set(tree, index);
  return index;
}

/**
 * Where a name is defined: the Provides words of the scripts that provide it (the file's
 * first line for a script that provides it by its file name only).
 */
export function providerLocations(index: InitIndex, name: string): Location[] {
  const out: Location[] = [];
  for (const s of index.providers.get(name) ?? []) {
    const p = (index.mentions.get(name) ?? []).find((m) => m.path === s.path && m.role === 'provides');
    out.push({ path: s.path, range: p ? nameRange(p) : range(0, 0, 0) });
  }
  return out;
}

/** The line of `$name` in the tree's insserv.conf files (a system facility's definition). */
export function facilityLocations(root: string, name: string, host: WorkspaceHost): Location[] {
  const out: Location[] = [];
  const files = [`${root}/etc/insserv.conf`, ...(host.listDir(`${root}/etc/insserv.conf.d`) ?? []).map((n) => `${root}/etc/insserv.conf.d/${n}`)];
  for (const f of files) {
    const text = host.readFile(f);
    if (text === undefined) continue;
    text.split('\n').forEach((line, i) => {
      const col = line.search(/\S/);
      if (col >= 0 && line.startsWith(name, col) && !/[A-Za-z0-9_+-]/.test(line[col + name.length] ?? '')) out.push({ path: f, range: range(i, col, col + name.length) });
    });
  }
  return out;
}
