/**
 * The Services view's data: every init script of an image root with, per runlevel, whether
 * it is on or off now (from the rcN.d links present) and as the tree's tool would set it.
 */
import type { WorkspaceHost } from '../core/language';
import { trimEndOf } from '../core/scan';
import { defaultTool, plan, type Tool } from './planner';
import { loadInitTree } from './scripts';
import { danglingLinks, type DanglingLink } from './treeChecks';
import { listXinetdServices, type XinetdServiceInfo } from '../languages/xinetd';

export type LevelState = 'on' | 'off' | null;

export interface ServiceRow {
  name: string;
  path: string;
  /** Per level "0".."6","S": from the links present; null where there is none. */
  current: Record<string, LevelState>;
  planned: Record<string, LevelState>;
  /** Has at least one link now. */
  registered: boolean;
  refused?: string;
}

export interface ServiceTree {
  root: string;
  layout: string;
  tool: Tool | 'none';
  services: ServiceRow[];
  /** Services xinetd starts on demand (etc/xinetd.conf and etc/xinetd.d). */
  xinetd: XinetdServiceInfo[];
  /** rcN.d links whose script is missing (workspace/dangling-rc-link). */
  dangling: DanglingLink[];
}

const LEVELS = ['S', '0', '1', '2', '3', '4', '5', '6'];

/** Image roots in or around a folder: itself, its parent when it is an etc/, or its children. */
export function findRoots(folder: string, host: WorkspaceHost): string[] {
  const f = trimEndOf(folder, '/');
  const has = (r: string) => !!(host.stat(`${r}/etc/init.d`)?.isDirectory || host.stat(`${r}/etc/rc.d/init.d`)?.isDirectory);
  if (has(f)) return [f];
  if (f.endsWith('/etc') && has(f.slice(0, -4))) return [f.slice(0, -4)];
  return (host.listDir(f || '/') ?? []).map((n) => `${f}/${n}`).filter((c) => host.stat(c)?.isDirectory && has(c)).slice(0, 20);
}

export function listServices(root: string, host: WorkspaceHost): ServiceTree | undefined {
  const tree = loadInitTree(root, host);
  if (!tree) return undefined;
  if (tree.layout === 'busybox') {
    return { root, layout: 'busybox', tool: 'none', services: tree.scripts.map((s) => ({ name: s.name, path: s.path, current: {}, planned: {}, registered: /^S\d\d/.test(s.name) })), xinetd: listXinetdServices(root, host), dangling: [] };
  }
  const tool = defaultTool(tree);
  const p = plan(tree, tool, host);
  const rel = tree.initDir.slice(root.length + 1);
  const base = `${root}/${rel.slice(0, rel.lastIndexOf('/'))}`;
  // Indexed once (linear in links + scripts): per level, the first S/K link of each name as
  // listed; the planned link of each script and level; the first refusal of each script.
  const present = new Map<string, Map<string, 'S' | 'K'>>(LEVELS.map((l) => {
    const byName = new Map<string, 'S' | 'K'>();
    for (const n of host.listDir(`${base}/rc${l}.d`) ?? []) {
      const kind = n[0];
      if ((kind !== 'S' && kind !== 'K') || !/^\d\d$/.test(n.slice(1, 3)) || n.length === 3) continue;
      if (!byName.has(n.slice(3))) byName.set(n.slice(3), kind);
    }
    return [l, byName];
  }));
  const plannedLinks = new Map<string, 'S' | 'K'>();
  for (const x of p.links) {
    const key = `${x.script}\0${String(x.runlevel)}`;
    if (!plannedLinks.has(key)) plannedLinks.set(key, x.kind === 'S' ? 'S' : 'K');
  }
  const refusals = new Map<string, string>();
  for (const r of p.refused) if (!refusals.has(r.script)) refusals.set(r.script, r.reason);
  const services = tree.scripts.map((s) => {
    const current: Record<string, LevelState> = {};
    const planned: Record<string, LevelState> = {};
    let registered = false;
    for (const l of LEVELS) {
      const m = present.get(l)!.get(s.name);
      current[l] = m ? (m === 'S' ? 'on' : 'off') : null;
      if (m) registered = true;
      const pl = plannedLinks.get(`${s.name}\0${l}`);
      planned[l] = pl ? (pl === 'S' ? 'on' : 'off') : null;
    }
    return { name: s.name, path: s.path, current, planned, registered, refused: refusals.get(s.name) };
  });
  return { root, layout: tree.layout, tool, services, xinetd: listXinetdServices(root, host), dangling: danglingLinks(root, host) };
}
