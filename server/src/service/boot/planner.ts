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
//
// A port of insserv 1.24's ordering (listing.c). Every service is a "directory" with a start
// and a stop handle; a dependency is a "symbolic link" from the service needed to the service
// that needs it (ln_sf), so links point the way the order grows. follow_all() walks each
// directory with __follow(), which raises the order ("deep") of what is reached, filtered by the
// run levels of the directory the walk started from. The quirks of __follow() are kept on
// purpose: they decide the numbers insserv really writes (cross-level chains, $all, loops).

/** Run-level bits (listing.h, Debian build): 0-6 are bits 0-6, S is LVL_BOOT. */
const LVL_BOOT = 0x80;
/** listing.h MAX_DEEP: the highest order, and the depth where __follow gives up. */
const MAX_DEEP = 99;
/** handle_t flags (listing.c). */
const DIR_SCAN = 0x1;
const DIR_LOOP = 0x2;
const DIR_LOOPREPORT = 0x4;
const DIR_MAXDEEP = 0x8;

interface Handle {
  name: string;
  /** The services that need this one (start) or that this one needs stopped first (stop), in ln_sf order. */
  links: Dir[];
  lvl: number;
  flags: number;
  mindeep: number;
  deep: number;
}

interface Dir {
  name: string;
  script?: ScriptInfo;
  start: Handle;
  stopp: Handle;
  /** SERV_ALL (Required-Start: $all) and SERV_FIRST (Required-Stop: $all). */
  all: boolean;
  first: boolean;
}

/** insserv.c str2lvl(): single characters 0-6 and S; anything else is ignored. */
function str2lvl(levels: string[]): number {
  let lvl = 0;
  for (const l of levels) {
    if (/^[0-6]$/.test(l)) lvl |= 1 << Number(l);
    else if (l === 'S' || l === 's') lvl |= LVL_BOOT;
  }
  return lvl;
}

/**
 * Scripts a dependency name stands for: Provides, then insserv.conf facilities (their members,
 * depth first, each facility once). Walked with an explicit stack: a chain of 5,000 facilities
 * overflowed the call stack when this recursed.
 */
function resolve(dep: string, tree: InitTree, provided: Map<string, ScriptInfo[]>): ScriptInfo[] | 'virtual' | undefined {
  const direct = provided.get(dep);
  if (direct) return direct;
  if (!dep.startsWith('$')) return undefined;
  const members = tree.facilities.get(dep);
  if (!members) return 'virtual';
  const seen = new Set<string>([dep]);
  const out: ScriptInfo[] = [];
  const stack: Iterator<string>[] = [members[Symbol.iterator]()];
  while (stack.length > 0) {
    const next = stack[stack.length - 1]!.next();
    if (next.done) {
      stack.pop();
      continue;
    }
    const m = next.value;
    const scripts = provided.get(m);
    if (scripts) {
      for (const s of scripts) out.push(s);
      continue;
    }
    if (!m.startsWith('$') || seen.has(m)) continue;
    seen.add(m);
    const inner = tree.facilities.get(m);
    if (inner) stack.push(inner[Symbol.iterator]());
  }
  return out;
}

/** What one run of __follow()/follow_all() reports: loop and $all warnings, in insserv's words. */
interface FollowLog {
  loops: { script: string; message: string; related?: string[] }[];
  allDeps: { script: string; message: string }[];
}

/**
 * listing.c __follow(): raise the order of `dir` and of what follows it. The walk goes along a
 * chain — `dir`, then the first service linked into it, then the first linked into that, … —
 * and recurses into every link of each chain member. Only services sharing a run level with
 * `dir` (the start of this call, not the chain member) count; a chain member that shares none is
 * passed through without raising the depth, which is how a runlevel script that needs an rcS
 * script that needs a runlevel script still starts after the latter.
 */
function follow(dir: Dir, skip: Dir | undefined, level: number, mode: 'S' | 'K', reportloop: boolean, log: FollowLog): void {
  const handle = (d: Dir) => (mode === 'K' ? d.stopp : d.start);
  const act = mode === 'K' ? 'stopped' : 'started';
  const peg = handle(dir);
  const pskp = skip ? handle(skip) : undefined;
  // remembernode(): true if the handle was already marked as part of a loop; marks it.
  const remembernode = (h: Handle) => {
    if (h.flags & DIR_LOOP) return true;
    h.flags |= DIR_LOOP;
    return false;
  };
  const warnTwo = (a: Handle, b: Handle) => log.loops.push({ script: a.name, message: `There is a loop between service ${a.name} and ${b.name} if ${act}`, related: [a.name, b.name] });
  const warnOne = (a: Handle) => log.loops.push({ script: a.name, message: `There is a loop at service ${a.name} if ${act}`, related: [a.name] });
  const loopCheck = (h: Handle | undefined) => h !== undefined && (h.flags & DIR_LOOP) !== 0;
  const scriptName = (d: Dir) => d.script?.name ?? d.name;

  if (peg.flags & DIR_SCAN) {
    if (pskp) {
      if (!remembernode(pskp) || !remembernode(peg)) warnTwo(peg, pskp);
    } else if (!remembernode(peg)) warnOne(peg);
    return;
  }
  let deep = Math.max(level, peg.mindeep);
  if (deep > MAX_DEEP) {
    peg.flags |= DIR_MAXDEEP; // "Max recursions depth 99 for NAME reached"
    return;
  }
  let loop = 0;
  let links = peg.links;
  for (let tmp: Dir | undefined = dir; tmp; tmp = links[0]) {
    const ptmp = handle(tmp);
    let recursion = true;
    if (loop++ > MAX_DEEP) {
      if (pskp) {
        if (!remembernode(pskp) || !remembernode(ptmp)) warnTwo(ptmp, pskp);
      } else if (!remembernode(ptmp)) warnOne(ptmp);
      break;
    }
    links = ptmp.links; // the chain goes on with the first of these
    if ((peg.lvl & ptmp.lvl) === 0) continue; // not the same boot level
    if (pskp && pskp === ptmp) {
      if (!remembernode(pskp) || !remembernode(ptmp)) warnOne(pskp);
      break;
    }
    // As higher the link depth, as higher the start order.
    if (ptmp.deep > deep) deep = ptmp.deep;
    if (ptmp.deep < deep) ptmp.deep = deep;
    if (links.length === 0) break; // no further service requires this one
    if (++deep > MAX_DEEP) {
      ptmp.flags |= DIR_MAXDEEP; // "Max recursions depth 99 reached"
      break;
    }
    ptmp.flags |= DIR_SCAN;
    for (const target of links) {
      const ptrg = handle(target);
      if ((peg.lvl & ptrg.lvl) === 0) continue; // not the same boot level
      if (target === tmp || target === dir) break; // "Loop avoided"
      if (skip && skip === target) {
        if (!remembernode(pskp!) || !remembernode(ptmp)) warnTwo(pskp!, ptmp);
        recursion = false;
        break;
      }
      if (mode === 'K' ? target.first : tmp.all) {
        log.allDeps.push(mode === 'K'
          ? { script: scriptName(tmp), message: `Stopping ${scriptName(tmp)} depends on ${scriptName(target)} and therefore on system facility \`$all' which can not be true!` }
          : { script: scriptName(target), message: `Starting ${scriptName(target)} depends on ${scriptName(tmp)} and therefore on system facility \`$all' which can not be true!` });
        continue;
      }
      if (ptrg.deep >= deep) continue; // nothing new
      follow(target, tmp, deep, mode, reportloop, log);
      // Just for the case an inner recursion was stopped.
      if (loopCheck(ptrg) || loopCheck(ptmp) || loopCheck(pskp)) {
        recursion = false;
        break;
      }
    }
    ptmp.flags &= ~DIR_SCAN;
    if (!recursion) {
      if (reportloop) ptmp.flags |= DIR_LOOPREPORT; // " loop involving service NAME at depth N"
      break;
    }
  }
}

export function planInsserv(tree: InitTree): Plan {
  const plan: Plan = { tool: 'insserv', links: [], refused: [], errors: [] };
  const provided = new Map<string, ScriptInfo[]>();
  for (const s of tree.scripts) {
    for (const p of s.provides) {
      if (p.startsWith('$')) continue; // "provides system facility $x, skipped!"
      // Appended in place: a name repeated in one Provides line must not copy the list each time.
      const list = provided.get(p);
      if (list) list.push(s);
      else provided.set(p, [s]);
    }
  }

  // addservice()/providedir(): the services in order of creation (insserv's d_start list). All
  // scripts come first, as the scripts named on insserv's command line do; a script's further
  // Provides are aliases of its first (nickservice).
  const dirs: Dir[] = [];
  const byName = new Map<string, Dir>();
  const newHandle = (name: string): Handle => ({ name, links: [], lvl: 0, flags: 0, mindeep: 1, deep: 0 });
  const addservice = (name: string): Dir => {
    let d = byName.get(name);
    if (!d) {
      d = { name, start: newHandle(name), stopp: newHandle(name), all: false, first: false };
      byName.set(name, d);
      dirs.push(d);
    }
    return d;
  };
  const dirOf = new Map<ScriptInfo, Dir>();
  for (const s of tree.scripts) {
    const own = s.provides.length > 0 ? s.provides.filter((p) => !p.startsWith('$') && !p.startsWith('#')) : [s.name];
    let first: Dir | undefined;
    for (const p of own) {
      const known = byName.get(p);
      if (known?.script) continue; // "service p already provided!"
      if (!first) {
        first = addservice(p);
        first.script = s;
      } else byName.set(p, first);
    }
    if (first) dirOf.set(s, first);
  }

  // ln_sf(): link `cur` into `req` (no self links, no duplicates; the names of each list kept
  // in a set, as a scan of the list per link was quadratic in a script's dependencies).
  const linkNames = new WeakMap<Dir[], Set<string>>();
  const lnSf = (cur: Dir, req: Dir, mode: 'S' | 'K') => {
    if (cur === req) return;
    const list = mode === 'K' ? req.stopp.links : req.start.links;
    let names = linkNames.get(list);
    if (!names) linkNames.set(list, (names = new Set(list.map((t) => t.name))));
    if (names.has(cur.name)) return;
    names.add(cur.name);
    list.push(cur);
  };
  /**
   * The tokens in order, with each `$facility` replaced by its insserv.conf members (a
   * facility is not expanded again inside itself), depth first with an explicit stack: a
   * chain of 5,000 facilities overflowed the call stack when this recursed. `visit` gets
   * every token but the expanded facilities.
   */
  const expand = (tokens: string[], visit: (token: string) => void) => {
    const stack: { it: Iterator<string>; facility?: string }[] = [{ it: tokens[Symbol.iterator]() }];
    const path = new Set<string>();
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const next = top.it.next();
      if (next.done) {
        stack.pop();
        if (top.facility !== undefined) path.delete(top.facility);
        continue;
      }
      const token = next.value.startsWith('+') ? next.value.slice(1) : next.value;
      if (token === '') continue;
      if (token.startsWith('$') && token.toLowerCase() !== '$null' && token.toLowerCase() !== '$all') {
        const members = tree.facilities.get(token);
        if (members && !path.has(token)) {
          path.add(token);
          stack.push({ it: members[Symbol.iterator](), facility: token });
        } else if (!members) visit(token);
        continue;
      }
      visit(token);
    }
  };
  // insserv.c rememberreq(): `serv` needs each token to start (it is linked into the token's
  // service) or to stop (the token's service is linked into it); `$x` expands to the facility's
  // services from insserv.conf, `$all` marks the script.
  const rememberreq = (serv: Dir, kill: boolean, tokens: string[]) => {
    expand(tokens, (token) => {
      if (token.startsWith('$')) {
        if (token.toLowerCase() === '$null') return;
        if (token.toLowerCase() === '$all') {
          if (kill) serv.first = true;
          else serv.all = true;
        }
        return;
      }
      const req = addservice(token);
      if (kill) lnSf(req, serv, 'K');
      else lnSf(serv, req, 'S');
    });
  };
  // insserv.c reversereq(): X-Start-Before / X-Stop-After, the other way round.
  const reversereq = (serv: Dir, kill: boolean, tokens: string[]) => {
    expand(tokens, (token) => {
      if (token.startsWith('$')) return;
      rememberreq(addservice(token), kill, [serv.name]);
    });
  };

  // The main scan of insserv.c reads the first script named on the command line, then the
  // others as readdir() lists init.d. That sets the order of each service's links, which
  // decides where __follow's chain goes. Planned as if every script were named, in name order;
  // when the host cannot tell the folder's order, name order throughout.
  const scan = [...tree.scripts];
  if (tree.scanOrder && scan.length > 1) {
    const rank = new Map(tree.scanOrder.map((n, i) => [n, i]));
    const rest = scan.slice(1).sort((a, b) => (rank.get(a.name) ?? rank.size) - (rank.get(b.name) ?? rank.size));
    scan.splice(1, rest.length, ...rest);
  }
  for (const s of scan) {
    const d = dirOf.get(s);
    if (!d) continue;
    rememberreq(d, false, s.requiredStart);
    rememberreq(d, false, s.shouldStart);
    rememberreq(d, true, s.requiredStop);
    rememberreq(d, true, s.shouldStop);
    reversereq(d, false, s.startBefore);
    reversereq(d, true, s.stopAfter);
    d.start.lvl |= str2lvl(s.defaultStart);
    d.stopp.lvl |= str2lvl(s.defaultStop);
    // chkrequired(): every Required-Start service must be there ("+name" is optional; a
    // missing Required-Stop service is not checked).
    for (const dep of s.requiredStart) {
      if (dep === '$all' || dep === '$null' || dep.startsWith('+')) continue;
      if (resolve(dep, tree, provided) === undefined) plan.errors.push({ script: s.name, message: `FATAL: service ${dep} has to be enabled to use service ${s.name}` });
    }
    const overlap = s.defaultStart.filter((l) => s.defaultStop.includes(l));
    if (overlap.length > 0) plan.errors.push({ script: s.name, message: `Script ${s.name} has overlapping Default-Start and Default-Stop runlevels (${overlap.join(' ')})` });
  }

  // insserv.c all_script(): a Required-Stop: $all script stops before every other script of its
  // stop levels; a Required-Start: $all script should start after every other of its levels.
  for (const d of dirs) {
    if (!d.first || !d.script) continue;
    for (const cur of dirs) if (cur !== d && !cur.first && (d.stopp.lvl & cur.stopp.lvl)) rememberreq(d, true, [cur.name]);
    if (d.stopp.deep < 1) d.stopp.deep = 1; // setorder(script, 'K', 1, false)
  }
  for (const d of dirs) {
    if (!d.all || !d.script) continue;
    for (const cur of dirs) if (cur !== d && !cur.all && (d.start.lvl & cur.start.lvl)) rememberreq(d, false, [cur.name]);
  }

  // listing.c follow_all(): every service in creation order, start then stop.
  const log: FollowLog = { loops: [], allDeps: [] };
  for (const d of dirs) {
    follow(d, undefined, d.start.mindeep, 'S', true, log);
    follow(d, undefined, d.stopp.mindeep, 'K', true, log);
  }
  const seen = new Set<string>();
  for (const e of log.allDeps) if (!seen.has(e.message)) { seen.add(e.message); plan.errors.push(e); }
  // is_loop_detected(): a loop __follow could not step around; "exiting now without changing boot order!"
  if (dirs.some((d) => (d.start.flags | d.stopp.flags) & DIR_LOOPREPORT)) {
    const loops = log.loops.length > 0 ? log.loops : [{ script: dirs.find((d) => (d.start.flags | d.stopp.flags) & DIR_LOOPREPORT)!.name, message: 'There is a loop in the dependencies' }];
    for (const e of loops) if (!seen.has(e.message)) { seen.add(e.message); plan.errors.push(e); }
    return plan;
  }

  for (const s of tree.scripts) {
    const d = dirOf.get(s);
    if (!d) continue;
    for (const l of s.defaultStart) plan.links.push(link(tree, s, l === 'S' ? 'S' : Number(l), 'S', Math.min(MAX_DEEP, d.start.deep)));
    for (const l of s.defaultStop) if (l !== 'S') plan.links.push(link(tree, s, Number(l), 'K', Math.min(MAX_DEEP, d.stopp.deep)));
  }
  sortLinks(plan.links);
  return plan;
}

export function plan(tree: InitTree, tool: Tool, host?: WorkspaceHost): Plan {
  switch (tool) {
    case 'chkconfig': return planChkconfig(tree, host);
    case 'insserv': return planInsserv(tree);
    case 'update-rc.d': return planUpdateRcd(tree);
  }
}
