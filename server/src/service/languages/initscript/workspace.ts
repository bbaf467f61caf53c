/**
 * Checks across the scripts of one init.d (spec/checks.md "workspace"): dependencies that
 * nothing provides, dependency loops, the same Provides in two scripts. Reported on the
 * script being analysed, at the line that names the other script, with related information
 * pointing at the other files.
 */
import type { WorkspaceHost } from '../../core/language';
import { atPath, range, type RawProblem, type RelatedInfo } from '../../core/types';
import { defaultTool, plan, type Tool } from '../../boot/planner';
import { isWholeImage, loadInitTree, type InitTree, type ScriptInfo } from '../../boot/scripts';
import { ReadSet, recordingHost, type Read } from '../../systemd/reads';
import type { InitProfile } from './spec';

/** The image root of a script in etc/init.d or etc/rc.d/init.d. */
export function rootOf(path: string): string | undefined {
  const m = /^(.*)\/etc\/(?:rc\.d\/)?init\.d\/[^/]+$/.exec(path);
  return m ? m[1]! : undefined;
}

type DepKey = 'Required-Start' | 'Required-Stop' | 'Should-Start' | 'Should-Stop' | 'X-Start-Before' | 'X-Stop-After';

type HeaderBlock = ScriptInfo['header']['blocks'][number];
type HeaderEntry = HeaderBlock['entries'][number];
/** Per block: its first entry on each line; per entry: the first word naming each name. Built once (a search per problem was quadratic in the words). */
const entryIndex = new WeakMap<HeaderBlock, Map<number, HeaderEntry>>();
const wordIndex = new WeakMap<HeaderEntry, Map<string, HeaderEntry['words'][number]>>();

/** Columns of a word on a keyword's line. */
function wordRange(s: ScriptInfo, key: DepKey | 'Provides', word: string) {
  const line = s.lines[key];
  if (line === undefined) return range(0, 0, 0);
  const block = s.header.blocks[s.header.blocks.length - 1];
  let entries = block ? entryIndex.get(block) : undefined;
  if (block && !entries) {
    entries = new Map();
    for (const x of block.entries) if (!entries.has(x.line)) entries.set(x.line, x);
    entryIndex.set(block, entries);
  }
  const e = entries?.get(line);
  let words = e ? wordIndex.get(e) : undefined;
  if (e && !words) {
    words = new Map();
    for (const x of e.words) {
      if (!words.has(x.text)) words.set(x.text, x);
      for (const part of x.text.split(',')) if (!words.has(part)) words.set(part, x);
    }
    wordIndex.set(e, words);
  }
  const w = words?.get(word);
  return w ? range(line, w.start, w.end) : range(line, e?.value.start ?? 0, e?.value.end ?? 0);
}

export function checkWorkspace(path: string, profile: InitProfile, host: WorkspaceHost, out: RawProblem[]): void {
  if (profile === 'busybox') return;
  const root = rootOf(path);
  if (root === undefined) return;
  // The tree is read once per root and kept by the host until files change.
  const tree = host.memo ? host.memo(`initTree:${root}`, () => loadInitTree(root, host)) : loadInitTree(root, host);
  if (!tree) return;
  const me = atPath(tree.scripts, path);
  if (!me) return;
  const byName = providersOf(tree, profile);

  // Required names that nothing provides. Only a whole image can lack one: a package's files or a
  // configuration repository hold a few scripts, and the others come with other packages. insserv
  // 1.24 checks only start requirements (chkrequired): a Required-Stop name nothing provides orders
  // nothing and passes silently, so it is information everywhere.
  const whole = isWholeImage(root, host);
  const initDir = tree.initDir.slice(root.length + 1);
  for (const key of ['Required-Start', 'Required-Stop'] as const) {
    const words = key === 'Required-Start' ? me.requiredStart : me.requiredStop;
    for (const w of words) {
      if (w.startsWith('$') || byName.has(w)) continue;
      let message: string;
      if (key === 'Required-Stop') message = `No script in ${initDir} provides '${w}', which this script needs stopped after it: insserv 1.24 says nothing and ignores the name, so nothing orders that stop. Check the name.`;
      else if (whole) message = `No script in ${initDir} provides '${w}': insserv stops ("service ${w} has to be enabled to use service ${me.name}"). Add that script, or fix the name.`;
      else message = `'${w}' is not provided in this folder (not a whole image: another package may provide it). On a system where no script provides it, insserv refuses ${me.name} ("service ${w} has to be enabled"); check the name and the package's dependencies.`;
      out.push({ code: 'workspace/missing-dependency', range: wordRange(me, key, w), message, ...(key === 'Required-Stop' || !whole ? { severity: 'information' as const } : {}) });
    }
  }

  // Depending on a script that needs $all (insserv: "... can not be true!"), Debian and SUSE.
  if (profile === 'debian' || profile === 'suse') {
    for (const key of ['Required-Start', 'Should-Start'] as const) {
      for (const w of key === 'Required-Start' ? me.requiredStart : me.shouldStart) {
        const all = (byName.get(w) ?? []).find((t) => t !== me && t.requiredStart.includes('$all'));
        if (!all) continue;
        out.push({
          code: 'workspace/depends-on-all-indirectly', range: wordRange(me, key, w),
          message: `${all.name} starts after everything ($all), so ${me.name} cannot start after it: insserv says "depends on ${all.name} and therefore on system facility '$all' which can not be true!". Drop the dependency, or the $all.`,
          related: [{ path: all.path, range: wordRange(all, 'Required-Start', '$all'), message: `${all.name} needs $all` }],
        });
      }
    }
  }

  // A required service that does not start in every level this script starts in (insserv:
  // "Service X is missed in the runlevels 4 to use service Y"), Debian and SUSE.
  if (profile === 'debian' || profile === 'suse') checkRequiredLevels(me, byName, out);

  // rcN.d links present that differ from what the tree's tool would make from the header.
  checkLinks(tree, me, host, out);

  // The same Provides in two scripts: on the later one (C-locale path order).
  for (const p of new Set(me.provides)) {
    if (p.startsWith('$') && profile === 'rhel') continue;
    // byName lists scripts in the tree's order, as tree.scripts does (a scan of every script per
    // script was quadratic in a 1,000-script tree).
    const first = (byName.get(p) ?? []).find((s) => s !== me && s.provides.includes(p) && s.path < me.path);
    if (!first || me.lines.Provides === undefined) continue;
    out.push({
      code: 'workspace/duplicate-provides', range: wordRange(me, 'Provides', p),
      message: `'${p}' is already provided by ${first.name}: insserv refuses the second ("service ${p} already provided!"). Provide another name.`,
      related: [{ path: first.path, range: first.lines.Provides !== undefined ? range(first.lines.Provides, 0, 0) : range(0, 0, 0), message: `${first.name} provides '${p}'` }],
    });
  }

  // Loops through this script, separately for starting and stopping.
  for (const dir of ['start', 'stop'] as const) {
    const cycle = findCycle(me, tree, byName, dir);
    if (!cycle) continue;
    const next = cycle[1]!;
    const via = cycle.edges[0]!;
    const related: RelatedInfo[] = cycle.slice(1, -1).map((s, i) => ({ path: s.path, range: wordRange(s, cycle.edges[i + 1]!.key, cycle.edges[i + 1]!.word), message: `${s.name} needs ${cycle[i + 2]!.name}` }));
    out.push({
      code: 'workspace/dependency-loop', range: wordRange(me, via.key, via.word),
      message: `Dependency loop when ${dir === 'start' ? 'starting' : 'stopping'}: ${cycle.map((s, i) => (i > 0 && cycle.edges[i - 1]!.word.startsWith('$') ? `${cycle.edges[i - 1]!.word} (${s.name})` : s.name)).join(' → ')}. insserv stops without changing the boot order; break the loop.`,
      related,
    });
    void next;
  }
}

/** Levels a script starts in as insserv reads Default-Start; S (boot) runs before every level. */
function startLevels(s: ScriptInfo): Set<string> {
  return new Set(s.defaultStart.map((l) => (l === 'B' ? 'S' : l)));
}

function checkRequiredLevels(me: ScriptInfo, byName: Map<string, ScriptInfo[]>, out: RawProblem[]): void {
  if (!me.lsb || me.requiredStart.length === 0) return;
  const mine = [...startLevels(me)].filter((l) => l !== '0' && l !== '6').sort();
  if (mine.length === 0) return;
  for (const w of me.requiredStart) {
    if (w.startsWith('$')) continue;
    const providers = (byName.get(w) ?? []).filter((t) => t !== me);
    // Nothing provides it (missing-dependency says so), or a pre-LSB script insserv gives its defaults.
    if (providers.length === 0 || providers.some((t) => !t.lsb)) continue;
    const theirs = new Set<string>();
    for (const t of providers) for (const l of startLevels(t)) theirs.add(l);
    if (theirs.has('S')) continue; // started at boot, before any runlevel
    const missed = mine.filter((l) => !theirs.has(l));
    if (missed.length === 0) continue;
    const t = providers[0]!;
    const line = t.header.blocks[t.header.blocks.length - 1]?.entries.find((e) => e.spec?.name === 'Default-Start')?.line;
    out.push({
      code: 'workspace/required-not-enabled', range: wordRange(me, 'Required-Start', w),
      message: theirs.size === 0
        ? `${t.name} starts in no runlevel (empty Default-Start), so ${me.name} would start without it: insserv says "service ${w} has to be enabled to use service ${me.name}". Give ${t.name} a Default-Start, or drop the dependency.`
        : `${t.name} does not start in runlevel ${missed.join(' ')} where ${me.name} starts: insserv says "Service ${w} is missed in the runlevels ${missed.join(' ')} to use service ${me.name}". Add ${missed.join(' ')} to its Default-Start, or remove ${missed.length > 1 ? 'them' : 'it'} here.`,
      related: [{ path: t.path, range: range(line ?? 0, 0, 0), message: `${t.name} starts in ${[...theirs].sort().join(' ') || 'no runlevel'}` }],
    });
  }
}

const providerCache = new WeakMap<InitTree, Map<string, Map<string, ScriptInfo[]>>>();

function checkLinks(tree: InitTree, me: ScriptInfo, host: WorkspaceHost, out: RawProblem[]): void {
  if (tree.layout === 'busybox') return;
  const rel = tree.initDir.slice(tree.root.length + 1);
  const base = `${tree.root}/${rel.slice(0, rel.lastIndexOf('/'))}`;
  const present: string[] = [];
  for (const level of ['S', '0', '1', '2', '3', '4', '5', '6']) {
    const names = host.listDir(`${base}/rc${level}.d`);
    if (names) for (const n of linksByScript(names).get(me.name) ?? []) present.push(`rc${level}.d/${n}`);
  }
  if (present.length === 0) return; // not added yet: nothing to compare
  const { tool, byScript } = linkPlan(tree, host);
  const wanted = byScript.get(me.name) ?? [];
  const extra = present.filter((p) => !wanted.includes(p));
  const missing = wanted.filter((w) => !present.includes(w));
  if (extra.length === 0 && missing.length === 0) return;
  const line = me.header.chkconfig?.line ?? me.lines['Provides'] ?? 0;
  out.push({
    code: 'workspace/rc-link-mismatch', range: range(line, 0, 0),
    message: `The rcN.d links (${extra.join(' ') || 'none extra'}) differ from what ${tool} would make from this header (${missing.join(' ') || 'none missing'}); re-run '${tool === 'chkconfig' ? `chkconfig ${me.name} reset` : `update-rc.d ${me.name} defaults`}' or fix the header.`,
  });
}

const linkIndex = new WeakMap<readonly string[], Map<string, string[]>>();

/**
 * An rcN.d folder's link names (`S20web`, `K80web`: S or K, two digits, the script's name) by
 * the script they name, in the folder's order; made once per listing (the host keeps one until
 * files change), not a scan of every link for every script (quadratic in a tree with links).
 */
function linksByScript(names: readonly string[]): Map<string, string[]> {
  let index = linkIndex.get(names);
  if (index) return index;
  index = new Map();
  for (const n of names) {
    const c0 = n.charCodeAt(0);
    const d1 = n.charCodeAt(1);
    const d2 = n.charCodeAt(2);
    if ((c0 !== 83 /* S */ && c0 !== 75 /* K */) || !(d1 >= 48 && d1 <= 57) || !(d2 >= 48 && d2 <= 57) || n.length < 4) continue;
    const script = n.slice(3);
    const list = index.get(script);
    if (list) list.push(n);
    else index.set(script, [n]);
  }
  linkIndex.set(names, index);
  return index;
}

interface LinkPlan {
  tool: Tool;
  /** Per script name, its links (`rc3.d/S20x`) in the plan's order. */
  byScript: Map<string, string[]>;
  /** What the planner read besides the tree (chkconfig's overrides in etc/chkconfig.d). */
  reads: ReadSet;
}

const linkPlans = new WeakMap<InitTree, LinkPlan>();

/**
 * The links the tree's tool would make, planned once per tree and kept while the planner's own
 * reads give the same answers: a tree is built from the scripts' headers and read again (a new
 * object) when one changes or files change on disk, so a plan is made again exactly when what it
 * was made from answers differently. Planning a 1,000-script tree takes 20-90 ms; every analysis
 * of a script with links asked for it.
 */
function linkPlan(tree: InitTree, host: WorkspaceHost): LinkPlan {
  const kept = linkPlans.get(tree);
  if (kept && kept.reads.agree(host)) return kept;
  const reads: Read[] = [];
  const seq = host.changes?.().seq;
  const tool = defaultTool(tree);
  const byScript = new Map<string, string[]>();
  for (const l of plan(tree, tool, recordingHost(host, reads)).links) {
    const rel = l.link.slice(l.link.lastIndexOf('/rc') + 1);
    const list = byScript.get(l.script);
    if (list) list.push(rel);
    else byScript.set(l.script, [rel]);
  }
  const made = { tool, byScript, reads: new ReadSet(reads, seq) };
  linkPlans.set(tree, made);
  return made;
}

/** Scripts by the names they answer to: Provides (and the file name on Red Hat); cached per tree. */
function providersOf(tree: InitTree, profile: InitProfile): Map<string, ScriptInfo[]> {
  const key = profile === 'rhel' ? 'rhel' : 'other';
  let byProfile = providerCache.get(tree);
  if (!byProfile) providerCache.set(tree, (byProfile = new Map()));
  const hit = byProfile.get(key);
  if (hit) return hit;
  const map = new Map<string, ScriptInfo[]>();
  const add = (n: string, s: ScriptInfo) => {
    const list = map.get(n);
    if (list) list.push(s);
    else map.set(n, [s]);
  };
  for (const s of tree.scripts) {
    for (const p of new Set(s.provides)) add(p, s); // a name given twice is one provider, not two
    if (profile === 'rhel' && !s.provides.includes(s.name)) add(s.name, s);
  }
  byProfile.set(key, map);
  return map;
}

interface Edge { key: DepKey; word: string }
type Cycle = ScriptInfo[] & { edges: Edge[] };

/** Edges out of a script: the scripts it must come after (start) or before (stop). */
function edges(s: ScriptInfo, tree: InitTree, byName: Map<string, ScriptInfo[]>, dir: 'start' | 'stop'): { to: ScriptInfo; edge: Edge }[] {
  const out: { to: ScriptInfo; edge: Edge }[] = [];
  const keys: [DepKey, string[]][] = dir === 'start' ? [['Required-Start', s.requiredStart], ['Should-Start', s.shouldStart]] : [['Required-Stop', s.requiredStop], ['Should-Stop', s.shouldStop]];
  for (const [key, words] of keys) {
    for (const w of words) {
      const targets = w.startsWith('$') ? facilityScripts(tree, byName, w) : byName.get(w) ?? [];
      for (const t of targets) if (t !== s) out.push({ to: t, edge: { key, word: w } });
    }
  }
  // X-Start-Before: A on a script T means T comes before A: an edge A → T.
  for (const { from: t, word: w } of reverseEdges(tree, byName, dir).get(s) ?? []) if (t !== s) out.push({ to: t, edge: { key: dir === 'start' ? 'X-Start-Before' : 'X-Stop-After', word: w } });
  return out;
}

const facilityCache = new WeakMap<Map<string, ScriptInfo[]>, Map<string, ScriptInfo[]>>();

/**
 * The scripts a `$facility` of the root's insserv.conf(.d) stands for (members that are
 * facilities themselves expanded too, each once), as insserv orders by them.
 */
function facilityScripts(tree: InitTree, byName: Map<string, ScriptInfo[]>, facility: string): ScriptInfo[] {
  if (!tree.facilities.has(facility)) return byName.get(facility) ?? [];
  let cache = facilityCache.get(byName);
  if (!cache) facilityCache.set(byName, (cache = new Map()));
  const hit = cache.get(facility);
  if (hit) return hit;
  const out = new Set<ScriptInfo>();
  const seen = new Set<string>([facility]);
  const queue = [facility];
  while (queue.length > 0) {
    for (const m of tree.facilities.get(queue.shift()!) ?? []) {
      if (m.startsWith('$')) {
        if (!seen.has(m)) {
          seen.add(m);
          queue.push(m);
        }
      } else {
        for (const t of byName.get(m) ?? []) out.add(t);
      }
    }
  }
  const list = [...out];
  cache.set(facility, list);
  return list;
}

const reverseCache = new WeakMap<Map<string, ScriptInfo[]>, Record<'start' | 'stop', Map<ScriptInfo, { from: ScriptInfo; word: string }[]>>>();

/** Per script, the scripts whose X-Start-Before (X-Stop-After) names it; built once per tree and profile. */
function reverseEdges(tree: InitTree, byName: Map<string, ScriptInfo[]>, dir: 'start' | 'stop'): Map<ScriptInfo, { from: ScriptInfo; word: string }[]> {
  let both = reverseCache.get(byName);
  if (!both) {
    both = { start: new Map(), stop: new Map() };
    for (const t of tree.scripts) {
      for (const [d, list] of [['start', t.startBefore], ['stop', t.stopAfter]] as const) {
        for (const w of list) {
          for (const target of byName.get(w) ?? []) {
            const m = both[d];
            const entries = m.get(target);
            if (entries) entries.push({ from: t, word: w });
            else m.set(target, [{ from: t, word: w }]);
          }
        }
      }
    }
    reverseCache.set(byName, both);
  }
  return both[dir];
}

const loopCache = new WeakMap<Map<string, ScriptInfo[]>, Partial<Record<'start' | 'stop', Set<ScriptInfo>>>>();

/**
 * The scripts that lie on some loop (a strongly connected component of two scripts or more: an
 * edge never leads a script to itself), per tree, profile and direction, found once in time
 * linear in the edges (Tarjan's algorithm, iterative). A script on none has no loop, so it is not
 * searched from: a search from every script was quadratic in a tree's dependency chains (each
 * one visited everything it depends on, directly or not).
 */
function onLoops(tree: InitTree, byName: Map<string, ScriptInfo[]>, dir: 'start' | 'stop'): Set<ScriptInfo> {
  let both = loopCache.get(byName);
  if (!both) loopCache.set(byName, (both = {}));
  const hit = both[dir];
  if (hit) return hit;
  const out = new Set<ScriptInfo>();
  const index = new Map<ScriptInfo, number>();
  const low = new Map<ScriptInfo, number>();
  const stack: ScriptInfo[] = [];
  const onStack = new Set<ScriptInfo>();
  let counter = 0;
  for (const start of tree.scripts) {
    if (index.has(start)) continue;
    const frames: { v: ScriptInfo; next: ScriptInfo[]; i: number }[] = [];
    const enter = (v: ScriptInfo) => {
      index.set(v, counter);
      low.set(v, counter);
      counter++;
      stack.push(v);
      onStack.add(v);
      frames.push({ v, next: edges(v, tree, byName, dir).map((e) => e.to), i: 0 });
    };
    enter(start);
    while (frames.length > 0) {
      const f = frames[frames.length - 1]!;
      if (f.i < f.next.length) {
        const w = f.next[f.i++]!;
        if (!index.has(w)) enter(w);
        else if (onStack.has(w)) low.set(f.v, Math.min(low.get(f.v)!, index.get(w)!));
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent) low.set(parent.v, Math.min(low.get(parent.v)!, low.get(f.v)!));
      if (low.get(f.v) !== index.get(f.v)) continue;
      const component: ScriptInfo[] = [];
      let x: ScriptInfo;
      do {
        x = stack.pop()!;
        onStack.delete(x);
        component.push(x);
      } while (x !== f.v);
      if (component.length > 1) for (const c of component) out.add(c);
    }
  }
  both[dir] = out;
  return out;
}

/** A shortest cycle that starts and ends at `me`, or undefined. */
function findCycle(me: ScriptInfo, tree: InitTree, byName: Map<string, ScriptInfo[]>, dir: 'start' | 'stop'): Cycle | undefined {
  if (!onLoops(tree, byName, dir).has(me)) return undefined;
  const prev = new Map<ScriptInfo, { from: ScriptInfo; edge: Edge }>();
  const queue: ScriptInfo[] = [me];
  const seen = new Set<ScriptInfo>([me]);
  while (queue.length > 0) {
    const cur = queue.shift()!;
    for (const { to, edge } of edges(cur, tree, byName, dir)) {
      if (to === me) {
        const path: ScriptInfo[] = [cur];
        const es: Edge[] = [edge];
        let x = cur;
        while (x !== me) {
          const p = prev.get(x)!;
          path.unshift(p.from);
          es.unshift(p.edge);
          x = p.from;
        }
        const cycle = [...path, me] as Cycle;
        cycle.edges = es;
        return cycle;
      }
      if (seen.has(to)) continue;
      seen.add(to);
      prev.set(to, { from: cur, edge });
      queue.push(to);
    }
  }
  return undefined;
}
