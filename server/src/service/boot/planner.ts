/**
 * The links each boot-order tool would create for a tree of init scripts: chkconfig's
 * algorithm (with the LSB dependency adjustment of priorities), insserv's dependency
 * ordering, and update-rc.d's S01/K01 fallback. Pure: the tree comes from `loadInitTree`.
 *
 * @see spec/domain.md §2.2 (chkconfig --add), §5.1 (update-rc.d), §5.2-5.3 (insserv)
 */
import type { WorkspaceHost } from '../core/language';
import { chkconfigRejection } from '../languages/initscript/header';
import { scriptInfo, type InitTree, type ScriptInfo } from './scripts';

export type Tool = 'chkconfig' | 'insserv' | 'update-rc.d';

export interface PlannedLink {
  /** Path relative to the root, e.g. `etc/rc.d/rc3.d/S40atd`. */
  link: string;
  /** The symlink's target, relative to the link's folder: `../init.d/atd`. */
  target: string;
  script: string;
  /** 0-6, or "S" for rcS.d. */
  runlevel: number | 'S';
  kind: 'S' | 'K';
  priority: number;
}

export interface Plan {
  tool: Tool;
  links: PlannedLink[];
  /** Scripts the tool refuses, with its reason. */
  refused: { script: string; reason: string }[];
  /** Errors the tool reports for the whole run (insserv: loops, missing services). */
  errors: { script: string; message: string; related?: string[] }[];
}

/** The tool a tree's layout implies: chkconfig for rc.d/init.d, insserv where configured, else update-rc.d. */
export function defaultTool(tree: InitTree): Tool {
  if (tree.layout === 'rhel') return 'chkconfig';
  return tree.hasInsserv ? 'insserv' : 'update-rc.d';
}

function linkDir(tree: InitTree, level: number | 'S'): string {
  const rel = tree.initDir.slice(tree.root.length + 1); // etc/rc.d/init.d or etc/init.d
  const base = rel.slice(0, rel.lastIndexOf('/')); // etc/rc.d or etc
  return `${base}/rc${level}.d`;
}

function link(tree: InitTree, s: ScriptInfo, level: number | 'S', kind: 'S' | 'K', priority: number): PlannedLink {
  const nn = String(priority).padStart(2, '0');
  return { link: `${linkDir(tree, level)}/${kind}${nn}${s.name}`, target: `../init.d/${s.name}`, script: s.name, runlevel: level, kind, priority };
}

const sortLinks = (links: PlannedLink[]) => links.sort((a, b) => (a.link < b.link ? -1 : a.link > b.link ? 1 : 0));

// ---------------------------------------------------------------------------------------
// chkconfig

interface ChkState {
  s: ScriptInfo;
  levels: number[];
  start: number;
  stop: number;
}

/** Applies /etc/chkconfig.d/NAME: a partial header whose fields replace the script's. */
function withOverride(s: ScriptInfo, tree: InitTree, host?: WorkspaceHost): ScriptInfo {
  const text = host?.readFile(`${tree.root}/etc/chkconfig.d/${s.name}`);
  if (text === undefined) return s;
  const o = scriptInfo(s.name, s.path, text);
  const merged: ScriptInfo = { ...s, lsb: s.lsb || o.lsb };
  if (o.header.chkconfig || o.header.chkconfigError) merged.header = { ...s.header, chkconfig: o.header.chkconfig, chkconfigError: o.header.chkconfigError, chkconfigLevels: o.header.chkconfigLevels ?? s.header.chkconfigLevels };
  else if (o.header.chkconfigLevels) merged.header = { ...s.header, chkconfigLevels: o.header.chkconfigLevels };
  for (const k of ['requiredStart', 'requiredStop', 'shouldStart', 'shouldStop'] as const) if (o[k].length > 0) merged[k] = o[k];
  if (o.lines.Provides !== undefined) merged.provides = o.provides;
  return merged;
}

/** Why chkconfig refuses a script, or undefined when it takes it (§2.1 "chkconfig-able"). */
export function chkconfigRefusal(s: ScriptInfo): string | undefined {
  const h = s.header;
  switch (chkconfigRejection(h, s.lsb)) {
    case 'chkconfig-line': return `service ${s.name} does not support chkconfig (its chkconfig line: ${h.chkconfigError!.reason})`;
    case 'no-levels': return `service ${s.name} does not support chkconfig (no chkconfig line and no Default-Start/Default-Stop levels)`;
    case 'no-header': return `service ${s.name} does not support chkconfig (no chkconfig line and no LSB block)`;
    default: return undefined;
  }
}

export function planChkconfig(tree: InitTree, host?: WorkspaceHost): Plan {
  const plan: Plan = { tool: 'chkconfig', links: [], refused: [], errors: [] };
  const states: ChkState[] = [];
  for (const raw of tree.scripts) {
    const s = withOverride(raw, tree, host);
    const reason = chkconfigRefusal(s);
    if (reason) {
      plan.refused.push({ script: s.name, reason });
      continue;
    }
    const ck = s.header.chkconfig;
    states.push({ s, levels: s.header.chkconfigLevels!, start: ck?.startPriority ?? 50, stop: ck?.stopPriority ?? 50 });
  }
  // frobDependencies: over all LSB services until nothing changes. A dependency counts when it
  // names another service or its Provides, and that service is on in all of our levels.
  const byName = (dep: string) => states.filter((t) => t.s.name === dep || t.s.provides.includes(dep));
  const covers = (t: ChkState, s: ChkState) => s.levels.every((l) => t.levels.includes(l));
  for (let round = 0; round < 200; round++) {
    let changed = false;
    for (const st of states) {
      if (!st.s.lsb) continue;
      for (const dep of [...st.s.requiredStart, ...st.s.shouldStart]) {
        for (const t of byName(dep)) {
          if (t === st || !covers(t, st)) continue;
          const want = Math.min(99, t.start + 1);
          if (st.start < want) { st.start = want; changed = true; }
        }
      }
      for (const dep of [...st.s.requiredStop, ...st.s.shouldStop]) {
        for (const t of byName(dep)) {
          if (t === st || !covers(t, st)) continue;
          const want = Math.max(0, t.stop - 1);
          if (st.stop > want) { st.stop = want; changed = true; }
        }
      }
    }
    if (!changed) break;
  }
  for (const st of states) {
    for (let level = 0; level <= 6; level++) {
      plan.links.push(st.levels.includes(level) ? link(tree, st.s, level, 'S', st.start) : link(tree, st.s, level, 'K', st.stop));
    }
  }
  sortLinks(plan.links);
  return plan;
}

// ---------------------------------------------------------------------------------------
// update-rc.d without insserv

export function planUpdateRcd(tree: InitTree): Plan {
  const plan: Plan = { tool: 'update-rc.d', links: [], refused: [], errors: [] };
  for (const s of tree.scripts) {
    // Only `^# Default-Start:` inside the block, exactly (case and one blank).
    const block = s.header.blocks[s.header.blocks.length - 1];
    const exact = (kw: string) => block?.entries.find((e) => e.spec?.name === kw && e.format === 'ok');
    const start = exact('Default-Start');
    const stop = exact('Default-Stop');
    const levels = (e: typeof start) => (e ? e.words.map((w) => w.text).filter((t) => /^[0-6Ss]$/.test(t)).map((t) => (t.toUpperCase() === 'S' ? 'S' as const : Number(t))) : []);
    const on = levels(start);
    const off = levels(stop);
    if (on.length === 0 && off.length === 0) {
      plan.refused.push({ script: s.name, reason: `${s.name} Default-Start contains no runlevels, aborting.` });
      continue;
    }
    for (const l of on) plan.links.push(link(tree, s, l, 'S', 1));
    for (const l of off) plan.links.push(link(tree, s, l, 'K', 1));
  }
  sortLinks(plan.links);
  return plan;
}

// ---------------------------------------------------------------------------------------
// insserv

/** Scripts a dependency name stands for: Provides, then insserv.conf facilities (recursively). */
function resolve(dep: string, tree: InitTree, provided: Map<string, ScriptInfo[]>, seen = new Set<string>()): ScriptInfo[] | 'virtual' | undefined {
  const direct = provided.get(dep);
  if (direct) return direct;
  if (dep.startsWith('$')) {
    if (seen.has(dep)) return [];
    seen.add(dep);
    const members = tree.facilities.get(dep);
    if (!members) return 'virtual';
    const out: ScriptInfo[] = [];
    for (const m of members) {
      const r = resolve(m, tree, provided, seen);
      if (Array.isArray(r)) out.push(...r);
    }
    return out;
  }
  return undefined;
}

export function planInsserv(tree: InitTree): Plan {
  const plan: Plan = { tool: 'insserv', links: [], refused: [], errors: [] };
  const provided = new Map<string, ScriptInfo[]>();
  for (const s of tree.scripts) {
    for (const p of s.provides) {
      if (p.startsWith('$')) continue; // "provides system facility $x, skipped!"
      provided.set(p, [...(provided.get(p) ?? []), s]);
    }
  }
  const startDeps = new Map<ScriptInfo, Set<ScriptInfo>>();
  const stopDeps = new Map<ScriptInfo, Set<ScriptInfo>>();
  const needsAll = new Set<ScriptInfo>();
  for (const s of tree.scripts) {
    startDeps.set(s, new Set());
    stopDeps.set(s, new Set());
  }
  for (const s of tree.scripts) {
    const add = (map: Map<ScriptInfo, Set<ScriptInfo>>, from: ScriptInfo, deps: string[], required: boolean, kind: 'started' | 'stopped') => {
      for (const d of deps) {
        if (d === '$all') { if (kind === 'started') needsAll.add(from); continue; }
        if (d === '$null') continue;
        const r = resolve(d, tree, provided);
        if (r === 'virtual') continue;
        if (r === undefined) {
          if (required) plan.errors.push({ script: from.name, message: `FATAL: service ${d} has to be enabled to use service ${from.name}` });
          continue;
        }
        for (const t of r) if (t !== from) map.get(from)!.add(t);
      }
    };
    add(startDeps, s, s.requiredStart, true, 'started');
    add(startDeps, s, s.shouldStart, false, 'started');
    add(stopDeps, s, s.requiredStop, true, 'stopped');
    add(stopDeps, s, s.shouldStop, false, 'stopped');
    // X-Start-Before: A  ⇒  A should start after s; X-Stop-After: A ⇒ s stops after A.
    for (const a of s.startBefore) { const r = resolve(a, tree, provided); if (Array.isArray(r)) for (const t of r) if (t !== s) startDeps.get(t)!.add(s); }
    for (const a of s.stopAfter) { const r = resolve(a, tree, provided); if (Array.isArray(r)) for (const t of r) if (t !== s) stopDeps.get(s)!.add(t); }
    const overlap = s.defaultStart.filter((l) => s.defaultStop.includes(l));
    if (overlap.length > 0) plan.errors.push({ script: s.name, message: `Script ${s.name} has overlapping Default-Start and Default-Stop runlevels (${overlap.join(' ')})` });
  }

  // Orders are per runlevel: a dependency that runs in none of the script's levels does not
  // count itself, but what it depends on does; a boot script (rcS.d) seen from a runlevel
  // script counts not at all (checked against insserv 1.24: test/oracle/insserv.sh).
  const shares = (a: string[], b: string[]) => a.some((l) => b.includes(l));
  const effective = (deps: Map<ScriptInfo, Set<ScriptInfo>>, levels: (x: ScriptInfo) => string[]) => {
    const out = new Map<ScriptInfo, Set<ScriptInfo>>();
    for (const s of tree.scripts) {
      const found = new Set<ScriptInfo>();
      const seen = new Set<ScriptInfo>([s]);
      const queue = [...deps.get(s)!];
      while (queue.length > 0) {
        const d = queue.shift()!;
        if (seen.has(d)) continue;
        seen.add(d);
        if (shares(levels(s), levels(d))) found.add(d);
        // A boot script (rcS.d) has run, with all it needs, before any runlevel script.
        else if (levels(d).includes('S') && !levels(s).includes('S')) continue;
        else queue.push(...deps.get(d)!);
      }
      out.set(s, found);
    }
    return out;
  };
  // Loops are found on the whole graph, as insserv finds them; orders on the per-level graph.
  order(tree.scripts, startDeps, 'started', plan);
  const quiet: Plan = { tool: 'insserv', links: [], refused: [], errors: [] };
  const startOrder = order(tree.scripts, effective(startDeps, (x) => x.defaultStart), 'started', quiet);
  // Stop: a script that must stop before its dependencies gets a lower K number.
  const reversed = new Map<ScriptInfo, Set<ScriptInfo>>(tree.scripts.map((s) => [s, new Set()]));
  for (const [s, deps] of effective(stopDeps, (x) => x.defaultStop)) for (const d of deps) reversed.get(d)!.add(s);
  const rawReversed = new Map<ScriptInfo, Set<ScriptInfo>>(tree.scripts.map((s) => [s, new Set()]));
  for (const [s, deps] of stopDeps) for (const d of deps) rawReversed.get(d)!.add(s);
  order(tree.scripts, rawReversed, 'stopped', plan);
  const stopOrder = order(tree.scripts, reversed, 'stopped', quiet);
  if (plan.errors.some((e) => e.message.startsWith('There is a loop'))) return plan; // "exiting now without changing boot order!"

  // $all: after every other script when starting.
  if (needsAll.size > 0) {
    for (const s of needsAll) {
      const max = Math.max(0, ...tree.scripts.filter((o) => !needsAll.has(o) && shares(o.defaultStart, s.defaultStart)).map((o) => startOrder.get(o) ?? 0));
      startOrder.set(s, Math.max(startOrder.get(s)!, max + 1));
    }
    for (const s of tree.scripts) {
      if (needsAll.has(s)) continue;
      for (const d of startDeps.get(s)!) if (needsAll.has(d)) plan.errors.push({ script: s.name, message: `Starting ${s.name} depends on ${d.name} and therefore on system facility \`$all' which can not be true!` });
    }
  }
  for (const s of tree.scripts) {
    for (const l of s.defaultStart) plan.links.push(link(tree, s, l === 'S' ? 'S' : Number(l), 'S', Math.min(99, startOrder.get(s)!)));
    for (const l of s.defaultStop) if (l !== 'S') plan.links.push(link(tree, s, Number(l), 'K', Math.min(99, stopOrder.get(s)!)));
  }
  sortLinks(plan.links);
  return plan;
}

/** Depth-first: order = 1 + the highest order of what it depends on; loops are reported. */
function order(scripts: ScriptInfo[], deps: Map<ScriptInfo, Set<ScriptInfo>>, verb: 'started' | 'stopped', plan: Plan): Map<ScriptInfo, number> {
  const result = new Map<ScriptInfo, number>();
  const onStack = new Set<ScriptInfo>();
  const stack: ScriptInfo[] = [];
  const reported = new Set<string>();
  const visit = (s: ScriptInfo): number => {
    const known = result.get(s);
    if (known !== undefined) return known;
    if (onStack.has(s)) {
      const cycle = stack.slice(stack.indexOf(s));
      const key = cycle.map((c) => c.name).sort().join(' ');
      if (!reported.has(key)) {
        reported.add(key);
        const next = cycle[1] ?? s;
        plan.errors.push({ script: s.name, message: `There is a loop between service ${s.name} and ${next.name} if ${verb}`, related: cycle.map((c) => c.name) });
      }
      return 0;
    }
    onStack.add(s);
    stack.push(s);
    let n = 1;
    for (const d of deps.get(s) ?? []) n = Math.max(n, visit(d) + 1);
    stack.pop();
    onStack.delete(s);
    result.set(s, n);
    return n;
  };
  for (const s of scripts) visit(s);
  return result;
}

export function plan(tree: InitTree, tool: Tool, host?: WorkspaceHost): Plan {
  switch (tool) {
    case 'chkconfig': return planChkconfig(tree, host);
    case 'insserv': return planInsserv(tree);
    case 'update-rc.d': return planUpdateRcd(tree);
  }
}
