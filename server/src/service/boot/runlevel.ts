/**
 * A runlevel change of an image root, ready to show: which rc, which links (the tree's
 * rcN.d folders, or the planner's where a folder does not exist), which services run, and
 * the steps. Shared by `sysv-ha simulate` and the editor's "Simulate runlevel change".
 */
import type { WorkspaceHost } from '../core/language';
import { printable } from '../core/text';
import { defaultTool, plan, type Tool } from './planner';
import { loadInitTree } from './scripts';
import { parseLinkName, simulate, type LevelLink, type Step } from './simulate';

export interface Simulation {
  from: string;
  to: string;
  rc: string;
  flavour: 'rhel' | 'debian';
  links: string[];
  running: string[];
  steps: Step[];
  /**
   * Where `running` comes from: given (`--running`), the tree's subsys locks, a clean entry into
   * the `from` level (its S scripts ran and took their locks: the default), or boot (nothing).
   */
  runningSource: 'given' | 'locks' | 'clean-entry' | 'boot';
}

export function simulateChange(root: string, host: WorkspaceHost, o: { from: string; to: string; running?: string[]; fromLocks?: boolean; tool?: Tool }): Simulation | undefined {
  const tree = loadInitTree(root, host);
  if (!tree) return undefined;
  const rel = tree.initDir.slice(tree.root.length + 1);
  const base = rel.slice(0, rel.lastIndexOf('/'));
  const planned = plan(tree, o.tool ?? defaultTool(tree), host);
  const sources: string[] = [];
  const levelLinks = (level: string, shown = true): LevelLink[] => {
    const names = host.listDir(`${tree.root}/${base}/rc${level}.d`);
    if (names) {
      if (shown) sources.push(`${base}/rc${level}.d`);
      return names.map(parseLinkName).filter((l): l is LevelLink => l !== undefined);
    }
    if (shown) sources.push(`planned rc${level}.d (${planned.tool})`);
    return planned.links.filter((l) => String(l.runlevel) === level)
      .map((l) => parseLinkName(l.link.slice(l.link.lastIndexOf('/') + 1)))
      .filter((l): l is LevelLink => l !== undefined);
  };
  const flavour = tree.layout === 'rhel' ? 'rhel' as const : 'debian' as const;
  const toLinks = levelLinks(o.to);
  // Red Hat's rc looks only at the new level and the subsys locks.
  const fromLinks = o.from === 'N' || flavour === 'rhel' ? 'N' as const : levelLinks(o.from);
  let running: Set<string>;
  let runningSource: Simulation['runningSource'];
  if (o.running) {
    running = new Set(o.running);
    runningSource = 'given';
  } else if (o.fromLocks) {
    running = new Set(host.listDir(`${tree.root}/var/lock/subsys`) ?? []);
    runningSource = 'locks';
  } else if (o.from === 'N') {
    running = new Set();
    runningSource = 'boot';
  } else {
    // A clean entry into `from`: its S scripts ran (each took its subsys lock on Red Hat).
    const entered = fromLinks === 'N' ? levelLinks(o.from, false) : fromLinks;
    running = new Set(entered.filter((l) => l.kind === 'S').map((l) => l.script));
    runningSource = 'clean-entry';
  }
  return {
    from: o.from, to: o.to, flavour, rc: flavour === 'rhel' ? '/etc/rc.d/rc' : '/etc/init.d/rc', links: sources,
    running: [...running].sort(), steps: simulate(flavour, fromLinks, toLinks, o.to, running), runningSource,
  };
}

const RUNNING_SOURCE: Record<Simulation['runningSource'], (s: Simulation) => string> = {
  'given': () => 'given',
  'locks': () => 'the subsys locks in var/lock/subsys',
  'clean-entry': (s) => `assumed: a clean entry into runlevel ${s.from}, whose S scripts started and took their subsys locks`,
  'boot': () => 'boot: nothing runs yet',
};

/** The simulation as text; names from the tree are shown escaped (no control characters). */
export function renderSimulation(s: Simulation): string {
  const rc = s.flavour === 'rhel' ? 'Red Hat /etc/rc.d/rc' : 'Debian /etc/init.d/rc';
  const out = [`Runlevel ${s.from} → ${s.to} (${rc}; links from ${s.links.map(printable).join(', ')})`];
  if (s.flavour === 'rhel') out.push(`Running (${RUNNING_SOURCE[s.runningSource](s)}): ${s.running.map(printable).join(' ') || 'none'}`);
  else if (s.runningSource === 'given' || s.runningSource === 'locks') out.push(`Running services not used: Debian's rc decides from the links of runlevel ${s.from}, not from what runs.`);
  s.steps.forEach((st, i) => out.push(`${String(i + 1).padStart(3)}. ${st.action.padEnd(5)} ${printable(st.link).padEnd(22)} ${printable(st.why)}`));
  if (s.steps.length === 0) out.push('  (nothing to do)');
  out.push(s.flavour === 'rhel'
    ? 'In interactive mode (/var/run/confirm, the kernel argument "confirm") rc asks before each start.'
    : 'With CONCURRENCY=makefile (the default when .depend.* exist) startpar runs scripts of the same order in parallel.');
  return out.join('\n') + '\n';
}
