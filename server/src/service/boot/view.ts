/**
 * The data of the boot-order picture (the editor's webview): the dependency graph of an
 * init.d (which script starts after which, and why), the order rc runs the links of each
 * runlevel, and the links preview of one script. Pure over the host; the client lays the
 * graph out and draws it.
 */
import type { WorkspaceHost } from '../core/language';
import { RUNLEVEL_MEANING } from '../languages/initscript/spec';
import { defaultTool, plan, type Tool } from './planner';
import { otherToolOf, previewLinks, rowNotes, type LinkPreview } from './preview';
import { loadInitTree, type InitTree, type ScriptInfo } from './scripts';
import { parseLinkName } from './simulate';

export interface GraphNode {
  /** The script's file name, or the name nothing provides (`missing`). */
  name: string;
  path?: string;
  /** Names it provides besides its file name. */
  provides: string[];
  focus: boolean;
  missing: boolean;
  /** Why the tree's tool refuses the script. */
  refused?: string;
}

export interface GraphEdge {
  /** `from` starts after `to`. */
  from: string;
  to: string;
  /** Required-Start (or a facility), Should-Start, or the other script's X-Start-Before. */
  kind: 'required' | 'should' | 'before';
  /** The names written in the header that make this edge. */
  via: string[];
}

export interface LevelStep {
  link: string;
  kind: 'S' | 'K';
  priority: number;
  script: string;
  focus: boolean;
}

export interface LevelOrder {
  level: string;
  meaning: string;
  /** The rcN.d folder's links, or the tree's tool's plan where the folder does not exist. */
  source: 'links' | 'planned';
  /** In the order rc runs them: K links, then S links, each in name order. */
  steps: LevelStep[];
}

export interface BootView {
  root: string;
  layout: InitTree['layout'];
  tool: Tool;
  otherTool?: Tool;
  /** init.d relative to the root. */
  initDir: string;
  focus?: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** The graph shows only the focus's neighbourhood of a larger tree. */
  truncated?: { shown: number; total: number };
  levels: LevelOrder[];
  preview?: LinkPreview & { notes: string[][] };
  errors: string[];
}

/** The graph is drawn whole up to this many scripts; above it, the focus and its neighbours. */
export const GRAPH_MAX = 60;

const LEVELS = ['S', '0', '1', '2', '3', '4', '5', '6'];
const RANK: Record<GraphEdge['kind'], number> = { required: 0, should: 1, before: 2 };

function edgesOf(tree: InitTree): { edges: GraphEdge[]; missing: Set<string> } {
  const providers = new Map<string, ScriptInfo[]>();
  for (const s of tree.scripts) for (const n of new Set([s.name, ...s.provides])) providers.set(n, [...(providers.get(n) ?? []), s]);
  const byKey = new Map<string, GraphEdge>();
  const missing = new Set<string>();
  const add = (from: string, to: string, kind: GraphEdge['kind'], via: string) => {
    if (from === to) return;
    const key = `${from}\u0000${to}`;
    const e = byKey.get(key);
    if (!e) byKey.set(key, { from, to, kind, via: [via] });
    else {
      if (!e.via.includes(via)) e.via = [...e.via, via].sort();
      // The strongest reason names the edge: Required-Start, then Should-Start, then X-Start-Before.
      if (RANK[kind] < RANK[e.kind]) e.kind = kind;
    }
  };
  /** The scripts a name stands for: providers, or a facility's members from insserv.conf. */
  const resolve = (name: string, seen = new Set<string>()): ScriptInfo[] => {
    if (name.startsWith('$')) {
      if (seen.has(name)) return [];
      seen.add(name);
      return (tree.facilities.get(name) ?? []).flatMap((m) => resolve(m, seen));
    }
    return providers.get(name) ?? [];
  };
  for (const s of tree.scripts) {
    for (const [names, kind] of [[s.requiredStart, 'required'], [s.shouldStart, 'should']] as const) {
      for (const n of names) {
        const to = resolve(n);
        for (const t of to) add(s.name, t.name, kind, n);
        if (to.length === 0 && kind === 'required' && !n.startsWith('$')) {
          missing.add(n);
          add(s.name, n, kind, n);
        }
      }
    }
    for (const n of s.startBefore) for (const t of resolve(n)) add(t.name, s.name, 'before', n);
  }
  return { edges: [...byKey.values()], missing };
}

/** The focus and the scripts up to two steps away from it, then others, up to GRAPH_MAX. */
function neighbourhood(focus: string | undefined, names: string[], edges: GraphEdge[]): Set<string> {
  const keep = new Set<string>();
  if (focus) {
    let frontier = [focus];
    keep.add(focus);
    for (let hop = 0; hop < 2 && keep.size < GRAPH_MAX; hop++) {
      const next: string[] = [];
      for (const e of edges) {
        for (const [a, b] of [[e.from, e.to], [e.to, e.from]] as const) {
          if (frontier.includes(a) && !keep.has(b) && keep.size < GRAPH_MAX) {
            keep.add(b);
            next.push(b);
          }
        }
      }
      frontier = next;
    }
  }
  for (const n of names) if (keep.size < GRAPH_MAX) keep.add(n);
  return keep;
}

export function bootView(root: string, host: WorkspaceHost, focusPath?: string): BootView | undefined {
  const tree = loadInitTree(root, host);
  if (!tree) return undefined;
  const tool = defaultTool(tree);
  const p = plan(tree, tool, host);
  const focus = tree.scripts.find((s) => s.path === focusPath)?.name;
  const { edges: all, missing } = edgesOf(tree);
  const names = [...tree.scripts.map((s) => s.name), ...missing];
  const keep = names.length > GRAPH_MAX ? neighbourhood(focus, names, all) : new Set(names);
  const nodes: GraphNode[] = names.filter((n) => keep.has(n)).map((n) => {
    const s = tree.scripts.find((x) => x.name === n);
    return {
      name: n, path: s?.path, provides: s ? s.provides.filter((x) => x !== n) : [], focus: n === focus, missing: !s,
      ...(s && p.refused.some((r) => r.script === n) ? { refused: p.refused.find((r) => r.script === n)!.reason } : {}),
    };
  });
  const edges = all.filter((e) => keep.has(e.from) && keep.has(e.to));
  const rel = tree.initDir.slice(root.length + 1);
  const base = rel.slice(0, rel.lastIndexOf('/'));
  const meaningKey = tree.layout === 'rhel' ? 'rhel' : 'debian';
  const levels: LevelOrder[] = LEVELS.map((level) => {
    const present = host.listDir(`${root}/${base}/rc${level}.d`);
    const links = present
      ? present.map(parseLinkName).filter((l): l is NonNullable<ReturnType<typeof parseLinkName>> => l !== undefined)
      : p.links.filter((l) => String(l.runlevel) === level).map((l) => parseLinkName(l.link.slice(l.link.lastIndexOf('/') + 1))!).filter(Boolean);
    const sorted = [...links.filter((l) => l.kind === 'K'), ...links.filter((l) => l.kind === 'S')]
      .sort((a, b) => (a.kind === b.kind ? (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) : a.kind === 'K' ? -1 : 1));
    return {
      level, meaning: RUNLEVEL_MEANING[level]?.[meaningKey] ?? '', source: present ? 'links' as const : 'planned' as const,
      steps: sorted.map((l) => ({ link: l.name, kind: l.kind, priority: l.priority, script: l.script, focus: l.script === focus })),
    };
  }).filter((l) => l.level !== 'S' || l.steps.length > 0);
  const preview = focusPath ? previewLinks(focusPath, host) : undefined;
  return {
    root, layout: tree.layout, tool, ...(otherToolOf(tree, tool) ? { otherTool: otherToolOf(tree, tool) } : {}), initDir: rel,
    ...(focus ? { focus } : {}), nodes, edges, ...(names.length > nodes.length ? { truncated: { shown: nodes.length, total: names.length } } : {}), levels,
    ...(preview ? { preview: { ...preview, notes: preview.rows.map((r) => rowNotes(preview, r)) } } : {}),
    errors: p.errors.map((e) => `${e.script}: ${e.message}`),
  };
}
