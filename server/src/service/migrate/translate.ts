/**
 * The translation: an image root's `etc/ha.d` (ha.cf, haresources, authkeys, resource.d) →
 * a `ClusterPlan` for Corosync 3 (knet) and Pacemaker 2.1. Pure over a `WorkspaceHost`; reads
 * nothing outside the root. The heartbeat files are read with the language modules' own
 * parsers (and ha.cf's facts from its checks), so the translation sees what heartbeat sees.
 *
 * @see docs/migration.md for every mapping and its source.
 */
import type { WorkspaceHost } from '../core/language';
import { SourceText } from '../core/text';
import { parseAuthkeys } from '../languages/authkeys/parse';
import { checkHacf, type HacfFacts } from '../languages/hacf/checks';
import { parseHacf, type Directive, type HacfModel } from '../languages/hacf/parse';
import { parseBoolean, parseTime, DEFAULT_DEADTIME_MS, DEFAULT_KEEPALIVE_MS } from '../languages/hacf/spec';
import { parseHaresources, type Group as HrGroup, type Resource } from '../languages/haresources/parse';
import { parseIpv6, strictIpv4 } from '../languages/ipaddr/address';
import {
  DRBD_AGENT, DRBD_OPS, PING_AGENT, PING_OPS, SCRIPT_OPS, STONITH_OPS, STONITH_PARAMS, findMapping,
} from './agents';
import { IdPool, hasControl, toId, trimChars } from './ids';
import type {
  ClusterPlan, Clone, Constraint, Group, Link, NodeAddr, Note, NoteKind, Origin, PlanNode, Primitive, Property, ResourceTranslation, TopResource,
} from './plan';

export interface MigrateOptions {
  heartbeatVersion: 2 | 3;
  /** `--node-addr NAME=ADDR[,ADDR…]`: per node (lower case), the address of each link in order. */
  nodeAddrs?: ReadonlyMap<string, readonly string[]>;
  /** The host name the files are for (`uname -n`); else the root's etc/hostname. */
  localNode?: string;
}

/** The heartbeat files of a root, as read. */
export interface HaFiles {
  /** The image root (the folder holding etc/), when the files are in one; else nothing is looked up. */
  root?: string;
  haDir: string;
  hacf: { path: string; text: string };
  haresources?: { path: string; text: string };
  authkeys?: { path: string; text: string };
}

/** Reads `ROOT/etc/ha.d/{ha.cf,haresources,authkeys}`; undefined when there is no ha.cf. */
export function readHaFiles(root: string, host: WorkspaceHost): HaFiles | undefined {
  const r = trimChars(root, '/', false);
  return readHaDir(`${r}/etc/ha.d`, host, r);
}

/** Reads the heartbeat files of one directory (with the image root it belongs to, if any). */
export function readHaDir(haDir: string, host: WorkspaceHost, root?: string): HaFiles | undefined {
  const r = root;
  const inside = containment(host, root);
  const read = (name: string) => {
    const path = `${haDir}/${name}`;
    const text = host.stat(path)?.isFile && inside(path) ? host.readFile(path) : undefined;
    return text === undefined ? undefined : { path, text };
  };
  const hacf = read('ha.cf');
  if (!hacf) return undefined;
  return { root: r, haDir, hacf, haresources: read('haresources'), authkeys: read('authkeys') };
}

/**
 * A test that a path inside the root does not lead out of it through a symbolic link (an
 * image's absolute link `etc/hosts -> /etc/hosts` means the image's file, not this machine's).
 * Without a root, or a host that cannot resolve links, every path passes.
 */
function containment(host: WorkspaceHost, root: string | undefined): (path: string) => boolean {
  if (root === undefined || !host.realPath) return () => true;
  const realRoot = host.realPath(root);
  if (realRoot === undefined) return () => false;
  const base = realRoot.endsWith('/') ? realRoot : `${realRoot}/`;
  return (path) => {
    const real = host.realPath!(path);
    return real !== undefined && (real === realRoot || real.startsWith(base));
  };
}

/** Locations of the heartbeat scripts and native units in a root. */
interface RootView {
  root: string;
  host: WorkspaceHost;
  hasScriptDirs: boolean;
  resourceScript(name: string): string | undefined;
  initScript(name: string): string | undefined;
  systemdUnit(name: string): string | undefined;
  hosts: Map<string, string>;
  localNode?: string;
  /** A file of the root (undefined outside it). */
  read(path: string): string | undefined;
}

function rootView(root: string | undefined, host: WorkspaceHost, localNode?: string): RootView {
  if (root === undefined) {
    const none = () => undefined;
    return { root: '', host, hasScriptDirs: false, hosts: new Map(), localNode, resourceScript: none, initScript: none, systemdUnit: none, read: none };
  }
  const inside = containment(host, root);
  const exists = (p: string) => host.stat(p)?.isFile === true && inside(p);
  const read = (p: string) => (inside(p) ? host.readFile(p) : undefined);
  const safe = (name: string) => name.length > 0 && !name.includes('/') && name !== '.' && name !== '..';
  const dirs = ['/etc/ha.d/resource.d', '/etc/init.d', '/etc/rc.d/init.d'].filter((d) => host.stat(root + d)?.isDirectory);
  const hosts = new Map<string, string>();
  const hostsText = read(`${root}/etc/hosts`);
  if (hostsText !== undefined) {
    for (const raw of hostsText.split('\n')) {
      const line = raw.replace(/#.*/, '').trim();
      if (!line) continue;
      const [addr, ...names] = line.split(/[ \t]+/);
      if (!addr || !(strictIpv4(addr) || parseIpv6(addr))) continue;
      if (addr.startsWith('127.') || addr === '::1') continue;
      for (const n of names) if (!hosts.has(n.toLowerCase())) hosts.set(n.toLowerCase(), addr);
    }
  }
  let local = localNode;
  if (!local) {
    const h = read(`${root}/etc/hostname`);
    const name = (h?.split(/\r?\n/)[0] ?? '').trim();
    if (/^[^\s#]+$/.test(name)) local = name;
  }
  return {
    root, host, hasScriptDirs: dirs.length > 0, hosts, localNode: local, read,
    resourceScript: (n) => (safe(n) && exists(`${root}/etc/ha.d/resource.d/${n}`) ? `${root}/etc/ha.d/resource.d/${n}` : undefined),
    initScript: (n) => {
      if (!safe(n)) return undefined;
      for (const d of ['/etc/init.d', '/etc/rc.d/init.d']) if (exists(`${root}${d}/${n}`)) return `${root}${d}/${n}`;
      return undefined;
    },
    systemdUnit: (n) => {
      if (!safe(n)) return undefined;
      for (const d of ['/etc/systemd/system', '/usr/lib/systemd/system', '/lib/systemd/system']) if (exists(`${root}${d}/${n}.service`)) return `${root}${d}/${n}.service`;
      return undefined;
    },
  };
}

const SCORE_PREFERRED = 100;
const STICKINESS_OFF = 200;

/** The directives with no equivalent needed, and why. */
const NOT_NEEDED: Record<string, string> = {
  udpport: 'Corosync uses its own UDP port (5405, knet); open it in the firewall instead of heartbeat\'s',
  hopfudge: 'serial rings only; Corosync has none',
  rtprio: 'Corosync runs with realtime priority by itself',
  realtime: 'Corosync runs with realtime priority by itself',
  hbgenmethod: 'heartbeat\'s generation counter; Corosync keeps its own ring id',
  normalpoll: 'heartbeat internals',
  msgfmt: 'heartbeat\'s wire format',
  use_apphbd: 'apphbd is gone; Pacemaker monitors resources itself',
  log_badpack: 'Corosync logs bad packets itself',
  syslogmsgfmt: 'log file format of heartbeat',
  coredumps: 'Corosync and Pacemaker dump core under systemd\'s control',
  coreroot: 'Corosync and Pacemaker dump core under systemd\'s control',
  uuidfrom: 'Corosync node ids are the nodelist\'s nodeid',
  compression: 'heartbeat\'s message compression; knet compresses with knet_compression_model if wanted',
  compression_threshold: 'heartbeat\'s message compression',
  traditional_compression: 'heartbeat\'s message compression',
  max_rexmit_delay: 'heartbeat\'s retransmission; knet retransmits by itself',
  memreserve: 'heartbeat internals',
  conn_logd_time: 'ha_logd is not used: Corosync and Pacemaker log to syslog or their own files',
  apiauth: 'heartbeat API permissions; Pacemaker\'s tools use the haclient group',
  baud: 'serial links only; Corosync has none',
  warntime: 'Corosync has no late-heartbeat warning; it logs token retransmits',
  record_config_changes: 'Pacemaker keeps its CIB history itself',
  record_pengine_inputs: 'Pacemaker keeps its scheduler inputs itself',
  enable_config_writes: 'Pacemaker writes its CIB itself',
  crm_daemon_dir: 'Pacemaker starts its own daemons',
  crmd_spawns_pengine: 'Pacemaker starts its own daemons',
};

interface Ctx {
  plan: ClusterPlan;
  ids: IdPool;
  view: RootView;
  files: HaFiles;
  hacfSrc: SourceText;
  /** Lower-case node name → the ha.cf spelling. */
  nodeNames: Map<string, string>;
}

function note(ctx: Ctx, kind: NoteKind, message: string, origin?: Origin): void {
  ctx.plan.notes.push({ kind, message, origin });
}

function hacfOrigin(ctx: Ctx, d: Directive): Origin {
  return { file: 'ha.cf', path: ctx.files.hacf.path, line: d.line, text: ctx.hacfSrc.lineText(d.line).replace(/#.*/, '').trim(), start: d.name.start, end: d.rest.end > d.name.end ? d.rest.end : d.name.end };
}

const where = (o: Origin): string => `${o.file} line ${o.line + 1}`;

export function translate(files: HaFiles, host: WorkspaceHost, options: MigrateOptions): ClusterPlan {
  const hacfSrc = new SourceText(files.hacf.text);
  const model = parseHacf(hacfSrc);
  const { facts } = checkHacf(model, hacfSrc, options.heartbeatVersion);
  const view = rootView(files.root, host, options.localNode);
  const plan: ClusterPlan = {
    haDir: files.haDir, heartbeatVersion: options.heartbeatVersion, clusterName: 'linux-ha', nodes: [], links: [],
    totem: { token: DEFAULT_DEADTIME_MS, tokenFrom: 'heartbeat\'s default deadtime (30 s)' },
    logging: { toSyslog: false, debug: false, from: [] }, crmMode: facts.crm !== undefined,
    autoFailback: { value: 'legacy', from: 'heartbeat\'s default (legacy)' },
    properties: [], rscDefaults: [], resources: [], constraints: [], header: [], notes: [], resourceMap: [], linkComments: [],
  };
  const ctx: Ctx = { plan, ids: new IdPool(), view, files, hacfSrc, nodeNames: new Map() };

  nodesOf(ctx, facts);
  const directives = directivesByName(model);
  clusterName(ctx, directives);
  timing(ctx, facts, directives);
  const links = linksOf(ctx, facts);
  addresses(ctx, links, options);
  logging(ctx, directives);
  crypto(ctx);
  failback(ctx, model, options.heartbeatVersion);
  const respawned = respawns(ctx, directives);
  otherDirectives(ctx, model);
  const fencing = stonith(ctx, directives);
  if (plan.crmMode) {
    note(ctx, 'manual', `ha.cf turns on the CRM (${facts.crm!.text}), so heartbeat ignores haresources and the resources are already in Pacemaker's CIB: keep that CIB (cibadmin -Q on the old cluster, then cibadmin --upgrade --force on the new one); only corosync.conf is new.`);
    if (files.haresources && parseHaresources(new SourceText(files.haresources.text)).groups.length > 0) {
      note(ctx, 'not-needed', 'haresources is ignored by heartbeat while the CRM is on, so it is not translated.', { file: 'haresources', path: files.haresources.path, line: 0, text: '' });
    }
  } else {
    resources(ctx, respawned, directives);
  }
  properties(ctx, fencing);
  header(ctx);
  return plan;
}

function directivesByName(model: HacfModel): Map<string, Directive[]> {
  const out = new Map<string, Directive[]>();
  for (const d of model.directives) out.set(d.name.text, [...(out.get(d.name.text) ?? []), d]);
  return out;
}

function nodesOf(ctx: Ctx, facts: HacfFacts): void {
  for (const w of facts.nodes) {
    const lower = w.text.toLowerCase();
    if (ctx.nodeNames.has(lower)) continue;
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(w.text)) {
      note(ctx, 'not-translated', `Node '${w.text}' is not a host name Corosync and Pacemaker take (letters, digits, '.', '_', '-'); it is left out. Rename the host.`, { file: 'ha.cf', path: ctx.files.hacf.path, line: w.line, text: ctx.hacfSrc.lineText(w.line).trim(), start: w.start, end: w.end });
      continue;
    }
    ctx.nodeNames.set(lower, w.text);
    ctx.plan.nodes.push({ name: w.text, id: ctx.plan.nodes.length + 1, addrs: [] });
  }
  if (ctx.plan.nodes.length === 0) {
    note(ctx, 'not-translated', "ha.cf declares no node: Corosync needs a nodelist. Add 'node' lines (each node's uname -n) and run the migration again.");
  }
}

function clusterName(ctx: Ctx, directives: Map<string, Directive[]>): void {
  const d = directives.get('cluster')?.at(-1);
  const v = d?.values.at(-1)?.text;
  if (d && v) {
    // Corosync and Pacemaker take a plain name; the cluster name is also a Pacemaker property.
    if (/^[A-Za-z0-9._-]{1,64}$/.test(v)) {
      ctx.plan.clusterName = v;
    } else {
      note(ctx, 'changed', `The cluster name '${v}' has characters Corosync's cluster_name should not have; 'linux-ha' is used instead. Pick a plain name.`, hacfOrigin(ctx, d));
    }
  }
}

function timeOf(facts: HacfFacts, name: string): { ms: number; word: string } | undefined {
  const t = facts.times.get(name);
  return t ? { ms: t.ms, word: t.word.text } : undefined;
}

function timing(ctx: Ctx, facts: HacfFacts, directives: Map<string, Directive[]>): void {
  const dead = timeOf(facts, 'deadtime');
  const keep = timeOf(facts, 'keepalive');
  const deadMs = dead?.ms ?? DEFAULT_DEADTIME_MS;
  const keepMs = keep?.ms ?? DEFAULT_KEEPALIVE_MS;
  ctx.plan.totem = {
    token: Math.max(deadMs, 1),
    tokenFrom: dead ? `deadtime ${dead.word}` : 'heartbeat\'s default deadtime (30 s)',
    pingInterval: Math.max(keepMs, 1),
    pingTimeout: Math.max(Math.floor(deadMs / 2), keepMs + 1),
    pingFrom: `${keep ? `keepalive ${keep.word}` : 'heartbeat\'s default keepalive (1 s)'}; the link is declared down after half the token`,
  };
  for (const name of ['initdead', 'deadping']) {
    const d = directives.get(name)?.at(-1);
    if (!d) continue;
    if (name === 'initdead') {
      note(ctx, 'not-needed', `initdead: with two_node (or wait_for_all) a starting node waits until it has seen all nodes once, which is what initdead was for.`, hacfOrigin(ctx, d));
    }
  }
}

/** One knet link per heartbeat path: a network interface (IPv4 and IPv6 apart). */
function linksOf(ctx: Ctx, facts: HacfFacts): Map<string, Link> {
  const links = new Map<string, Link>();
  // What each link already has (sets keep a file of many media lines linear).
  const seen = new Map<Link, { labels: Set<string>; lines: Set<number>; peers: Set<string> }>();
  const add = (key: string, label: string, iface: string | undefined, d: Directive, peer?: string): void => {
    let l = links.get(key);
    if (!l) {
      l = { number: links.size, media: label, iface, origins: [], candidates: [] };
      links.set(key, l);
      seen.set(l, { labels: new Set([label]), lines: new Set(), peers: new Set() });
    }
    const s = seen.get(l)!;
    if (!s.labels.has(label)) {
      s.labels.add(label);
      l.media += `, ${label}`;
    }
    if (!s.lines.has(d.line)) {
      s.lines.add(d.line);
      l.origins.push(hacfOrigin(ctx, d));
    }
    if (peer !== undefined && !s.peers.has(peer)) {
      s.peers.add(peer);
      l.candidates.push(peer);
    }
  };
  for (const d of facts.media) {
    const name = d.name.text;
    const vals = d.values.map((v) => v.text);
    switch (name) {
      case 'bcast':
        for (const i of vals) add(`4:${i}`, `bcast ${i}`, i, d);
        break;
      case 'ucast':
        if (vals[0] && vals[1]) add(`4:${vals[0]}`, `ucast ${vals[0]}`, vals[0], d, vals[1]);
        break;
      case 'mcast':
        if (vals[0]) add(`4:${vals[0]}`, `mcast ${vals[0]}`, vals[0], d);
        break;
      case 'ucast6':
        if (vals[0] && vals[1]) add(`6:${vals[0]}`, `ucast6 ${vals[0]}`, vals[0], d, vals[1].replace(/%.*/, ''));
        break;
      case 'mcast6':
        if (vals[0]) add(`6:${vals[0]}`, `mcast6 ${vals[0]}`, vals[0], d);
        break;
      case 'rds': {
        // rds_parse (HBcomm rds.c): the device, then every peer (address or host name) split on
        // blanks; the node's own address is skipped, so one list serves every node. RDS sockets
        // run over IPv4 on that interface: the same path becomes a knet link (UDP) on it.
        const [iface, ...peers] = d.rest.text.split(/[ \t\n\r\f]+/).filter(Boolean);
        if (!iface || peers.length === 0) break; // heartbeat refuses it ("missing target IP address/hostname")
        for (const p of peers) add(`4:${iface}`, `rds ${iface}`, iface, d, p);
        note(ctx, 'changed', `rds ${d.rest.text.trim()}: Corosync has no RDS transport; the same path (RDS over IPv4 on ${iface}, peers ${shortList(peers)}) becomes a knet link over UDP on ${iface}'s addresses. heartbeat's rds plugin was a proof of concept (its source: "NOT PRODUCTION CODE").`, hacfOrigin(ctx, d));
        break;
      }
      case 'serial':
        untranslatedMedium(ctx, d, `serial ${vals.join(' ')}: Corosync has no serial links (knet runs over UDP only). Use a second network path (a crossover cable with its own addresses) as another link.`);
        break;
      case 'tipc':
        untranslatedMedium(ctx, d, `tipc ${d.rest.text.trim()}: Corosync has no TIPC transport (knet carries UDP or SCTP over IP). Give the nodes IP addresses on that network and add it as a knet link.`);
        break;
      case 'ping': case 'ping6': case 'ping_group': case 'hbaping':
        break; // ping nodes (hbaping: a Fibre Channel HBA as one): see connectivity()
      default:
        untranslatedMedium(ctx, d, `${name}: Corosync has no ${name} transport. Give the nodes a network path for it and a knet link.`);
    }
  }
  const all = [...links.values()];
  for (const l of all.slice(8)) {
    note(ctx, 'not-translated', `${l.media}: knet takes at most 8 links; this path is left out.`, l.origins[0]);
    ctx.plan.linkComments.push(`NOT TRANSLATED (${l.origins[0] ? where(l.origins[0]) : 'ha.cf'}): ${l.media}: knet takes at most 8 links; this path is left out.`);
    links.delete([...links.entries()].find(([, v]) => v === l)![0]);
  }
  ctx.plan.links = [...links.values()];
  if (ctx.plan.links.length === 0) {
    note(ctx, 'not-translated', 'No network heartbeat path (bcast, mcast, ucast or rds) in ha.cf: Corosync needs at least one link. The corosync.conf has link 0 with placeholder addresses: fill them in.');
    ctx.plan.links = [{ number: 0, media: 'none in ha.cf', origins: [], candidates: [] }];
  } else if (ctx.plan.links.length === 1 && ctx.plan.nodes.length > 1) {
    note(ctx, 'changed', `One heartbeat path (${ctx.plan.links[0]!.media}) becomes one knet link, as in heartbeat: a second link on another network avoids split brain when it fails.`);
  }
  return links;
}

/**
 * A heartbeat path with no knet equivalent: a note for the report and a comment in
 * corosync.conf among the links, where it would have been.
 */
function untranslatedMedium(ctx: Ctx, d: Directive, message: string): void {
  const o = hacfOrigin(ctx, d);
  note(ctx, 'not-translated', message, o);
  ctx.plan.linkComments.push(`NOT TRANSLATED (${where(o)}): ${message}`);
}

/** At most five items, then how many more. */
export function shortList(items: readonly string[]): string {
  return items.length <= 5 ? items.join(', ') : `${items.slice(0, 5).join(', ')} and ${items.length - 5} more`;
}

function isAddress(s: string): boolean {
  return strictIpv4(s) !== undefined || parseIpv6(s) !== undefined;
}

function sameSubnet24(a: string, b: string): boolean {
  const x = strictIpv4(a);
  const y = strictIpv4(b);
  return !!x && !!y && x[0] === y[0] && x[1] === y[1] && x[2] === y[2];
}

/** Each node's address on each link, from what is certain; unknown ones stay undefined. */
function addresses(ctx: Ctx, links: Map<string, Link>, options: MigrateOptions): void {
  const { nodes } = ctx.plan;
  const linkList = ctx.plan.links;
  for (const n of nodes) n.addrs = linkList.map(() => undefined);
  // 1. --node-addr: certain.
  for (const n of nodes) {
    const given = options.nodeAddrs?.get(n.name.toLowerCase());
    given?.forEach((a, i) => {
      if (i < linkList.length) n.addrs[i] = { addr: a, from: '--node-addr' };
    });
  }
  for (const [name, given] of options.nodeAddrs ?? []) {
    if (!ctx.nodeNames.has(name)) note(ctx, 'changed', `--node-addr ${name}=…: '${name}' is not a node of ha.cf; ignored.`);
    else if (given.length > linkList.length) note(ctx, 'changed', `--node-addr ${name}: ${given.length} addresses for ${linkList.length} link${linkList.length === 1 ? '' : 's'}; the extra ones are ignored.`);
  }
  // 2. The root's etc/hosts: a node's address goes to the only link, or to the link whose ucast peers share its /24.
  for (const n of nodes) {
    const a = ctx.view.hosts.get(n.name.toLowerCase());
    if (!a) continue;
    const target = linkList.length === 1 ? linkList[0] : linkList.find((l) => l.candidates.some((c) => sameSubnet24(c, a)));
    if (target && !n.addrs[target.number]) n.addrs[target.number] = { addr: a, from: 'etc/hosts' };
  }
  // 3. ucast peers: a peer named like a node is that node; with two nodes, a peer that is not
  //    the address known for one node is the other's, as is the only peer in the file of a
  //    known local node (heartbeat ignores a ucast to the local node).
  for (const l of links.values()) {
    for (const peer of l.candidates) {
      const byName = ctx.nodeNames.get(peer.toLowerCase());
      if (byName) {
        const n = nodes.find((x) => x.name === byName)!;
        const resolved = ctx.view.hosts.get(peer.toLowerCase());
        if (!n.addrs[l.number]) n.addrs[l.number] = { addr: resolved ?? peer, from: `ucast ${l.iface} ${peer}${resolved ? ' (etc/hosts)' : ' (resolved by Corosync at start)'}` };
      }
    }
    if (nodes.length !== 2) continue;
    const [a, b] = nodes as [PlanNode, PlanNode];
    const local = ctx.view.localNode?.toLowerCase();
    for (const [me, other] of [[a, b], [b, a]] as const) {
      const peers = l.candidates.filter((p) => isAddress(p) && !nodes.some((n) => n.addrs[l.number]?.addr === p));
      if (other.addrs[l.number] || peers.length !== 1) continue;
      const knownMe = me.addrs[l.number] !== undefined;
      const meIsLocal = local === me.name.toLowerCase();
      if (knownMe || meIsLocal) {
        other.addrs[l.number] = { addr: peers[0]!, from: `ucast ${l.iface} ${peers[0]} (${where(l.origins.find((o) => o.text.includes(peers[0]!)) ?? l.origins[0]!)}${meIsLocal && !knownMe ? `, in ${me.name}'s ha.cf` : ''})` };
      }
    }
  }
  for (const l of linkList) {
    const missing = nodes.filter((n) => !n.addrs[l.number]);
    if (missing.length === 0) continue;
    const hint = l.candidates.length > 0 ? ` (ha.cf names ${shortList(l.candidates)} as peer${l.candidates.length === 1 ? '' : 's'} there, without saying whose)` : '';
    note(ctx, 'manual', `Link ${l.number} (${l.media}): the address of ${missing.map((n) => n.name).join(' and ')} on it is not known${hint}; corosync.conf has a placeholder. Give it with --node-addr NAME=ADDR, or fill it in.`, l.origins[0]);
  }
}

function logging(ctx: Ctx, directives: Map<string, Directive[]>): void {
  const lg = ctx.plan.logging;
  const last = (n: string) => directives.get(n)?.at(-1);
  const useLogd = last('use_logd');
  const logdOn = useLogd ? parseBoolean(useLogd.values.at(-1)?.text ?? '') === true : false;
  const fac = last('logfacility')?.values.at(-1)?.text.toLowerCase();
  const file = last('logfile')?.values.at(-1)?.text;
  const dbg = last('debugfile')?.values.at(-1)?.text;
  const debug = last('debug')?.values.at(-1)?.text;
  if (logdOn || (!fac && !file && !dbg)) {
    lg.toSyslog = true;
    lg.facility = 'daemon';
    lg.from.push(logdOn ? 'use_logd on (ha_logd logged to syslog)' : 'no log directive (heartbeat used ha_logd)');
    if (useLogd) note(ctx, 'changed', 'use_logd: Corosync has no ha_logd; it logs to syslog (facility daemon) instead. Set syslog_facility in corosync.conf if ha_logd.cf used another.', hacfOrigin(ctx, useLogd));
  } else {
    if (fac && fac !== 'none') {
      lg.toSyslog = true;
      lg.facility = fac;
      lg.from.push(`logfacility ${fac}`);
    }
    if (file) {
      lg.logfile = file;
      lg.from.push(`logfile ${file}`);
    }
    if (dbg) {
      const d = last('debugfile')!;
      note(ctx, 'changed', `debugfile ${dbg}: Corosync has one log file; debug messages go to it when 'debug: on'.`, hacfOrigin(ctx, d));
    }
  }
  if (debug && /^[1-9]/.test(debug)) {
    lg.debug = true;
    lg.from.push(`debug ${debug}`);
  }
}

function crypto(ctx: Ctx): void {
  const a = ctx.files.authkeys;
  if (!a) {
    note(ctx, 'manual', 'There is no authkeys: heartbeat would not start without one. corosync.conf has no authentication; turn crypto on (crypto_hash sha256, crypto_cipher aes256) and create /etc/corosync/authkey with corosync-keygen.');
    return;
  }
  const model = parseAuthkeys(new SourceText(a.text));
  // heartbeat picks the key `auth N` names while it reads the key lines after it.
  let selected: number | undefined;
  let method: { text: string; line: number } | undefined;
  for (const l of model.lines) {
    if (l.kind === 'auth') selected = l.num;
    else if (l.num !== undefined && l.num === selected && l.method && method === undefined) method = { text: l.method.text, line: l.line };
  }
  const origin = (line: number): Origin => {
    const ln = model.lines.find((x) => x.line === line);
    // The key itself is never kept: only the number and the method.
    const text = ln && ln.kind === 'key' ? `${ln.numToken?.text ?? ''} ${ln.method?.text ?? ''}`.trim() : '';
    return { file: 'authkeys', path: a.path, line, text };
  };
  if (!method) {
    note(ctx, 'manual', `authkeys selects no valid key (auth ${selected ?? '?'}): heartbeat would not start. corosync.conf has no authentication; turn crypto on and create the key with corosync-keygen.`);
    return;
  }
  const m = method.text;
  if (m === 'sha1' || m === 'md5') {
    ctx.plan.crypto = { hash: m, cipher: 'none', from: `authkeys: auth ${selected} → ${m}`, origin: origin(method.line) };
    note(ctx, 'manual', `authkeys ${m}: Corosync authenticates with crypto_hash ${m} and its own key, never heartbeat's: run corosync-keygen on one node and copy /etc/corosync/authkey (mode 400) to the others. heartbeat never encrypted; for encryption set crypto_cipher aes256 and crypto_hash sha256.`, origin(method.line));
  } else {
    ctx.plan.crypto = { hash: 'none', cipher: 'none', from: `authkeys: auth ${selected} → crc`, origin: origin(method.line) };
    note(ctx, 'changed', 'authkeys crc: heartbeat checked packets with a CRC only (no security), so Corosync gets no authentication (crypto_hash none). Turn it on (crypto_hash sha256, crypto_cipher aes256, corosync-keygen).', origin(method.line));
  }
}

function failback(ctx: Ctx, model: HacfModel, version: 2 | 3): void {
  for (const d of model.directives) {
    const v = d.values.at(-1)?.text.toLowerCase();
    if (!v) continue;
    if (d.name.text === 'auto_failback') {
      const b = parseBoolean(v);
      if (b !== undefined) ctx.plan.autoFailback = { value: b ? 'on' : 'off', from: `auto_failback ${d.values.at(-1)!.text} (ha.cf line ${d.line + 1})` };
      else if (v === 'legacy') ctx.plan.autoFailback = { value: 'legacy', from: `auto_failback legacy (ha.cf line ${d.line + 1})` };
    } else if (d.name.text === 'nice_failback') {
      const b = parseBoolean(v);
      if (b === undefined) continue;
      // 3.0.6 reads any nice_failback as legacy; 2.1.3 converts on → off and off → legacy.
      const value = version === 3 ? 'legacy' : b ? 'off' : 'legacy';
      ctx.plan.autoFailback = { value, from: `nice_failback ${d.values.at(-1)!.text} (ha.cf line ${d.line + 1}, read by heartbeat ${version === 3 ? '3.0.6' : '2.1.3'} as auto_failback ${value})` };
    }
  }
  if (ctx.plan.autoFailback.value === 'legacy') {
    note(ctx, 'changed', `auto_failback legacy (${ctx.plan.autoFailback.from}) means failback on (its doc: "enable automatic failbacks in systems where all nodes do not yet support the auto_failback option"): groups move back to their node.`);
  }
}

/** respawn/failfast lines; returns the connectivity programs (ipfail, pingd) found. */
function respawns(ctx: Ctx, directives: Map<string, Directive[]>): { ipfail?: Directive } {
  const out: { ipfail?: Directive } = {};
  for (const d of [...(directives.get('respawn') ?? []), ...(directives.get('failfast') ?? [])]) {
    const words = d.rest.text.split(/[ \t]+/).filter(Boolean);
    const prog = words[1] ?? '';
    const base = prog.slice(prog.lastIndexOf('/') + 1);
    const o = hacfOrigin(ctx, d);
    if (base === 'ipfail' || base === 'pingd') {
      out.ipfail ??= d;
    } else if (base === 'dopd' || base === 'drbd-peer-outdater') {
      note(ctx, 'not-translated', `${d.name.text} … ${base}: DRBD's outdate-peer daemon has no place under Pacemaker. In drbd.conf use 'fencing resource-only;' with the handlers fence-peer "/usr/lib/drbd/crm-fence-peer.9.sh" and after-resync-target "/usr/lib/drbd/crm-unfence-peer.9.sh".`, o);
    } else if (['ccm', 'cib', 'crmd', 'lrmd', 'stonithd', 'attrd', 'pengine', 'mgmtd'].includes(base)) {
      note(ctx, 'not-needed', `${d.name.text} ${base}: a Pacemaker-on-heartbeat daemon; Pacemaker starts its own.`, o);
    } else {
      note(ctx, 'not-translated', `${d.name.text} ${words.slice(1).join(' ')}: Pacemaker does not respawn programs. Run it as a systemd service on every node, or as a cloned resource (ocf:heartbeat:anything).`, o);
    }
  }
  return out;
}

function otherDirectives(ctx: Ctx, model: HacfModel): void {
  const handled = new Set([
    'node', 'cluster', 'keepalive', 'deadtime', 'initdead', 'deadping', 'bcast', 'ucast', 'mcast', 'ucast6', 'mcast6', 'serial', 'ping', 'ping6', 'ping_group',
    'hbaping', 'rds', 'tipc', 'logfacility', 'logfile', 'debugfile', 'use_logd', 'debug', 'auto_failback', 'nice_failback', 'respawn', 'failfast',
    'stonith', 'stonith_host', 'crm', 'pacemaker',
  ]);
  for (const d of model.directives) {
    const name = d.name.text;
    if (handled.has(name)) continue;
    const o = hacfOrigin(ctx, d);
    const why = NOT_NEEDED[name];
    if (why) {
      note(ctx, 'not-needed', `${name}: ${why}.`, o);
    } else if (name === 'watchdog') {
      note(ctx, 'not-translated', `watchdog ${d.values.at(-1)?.text ?? ''}: Pacemaker uses a watchdog through sbd (watchdog fencing). Install sbd, set SBD_WATCHDOG_DEV=${d.values.at(-1)?.text ?? '/dev/watchdog'} and stonith-watchdog-timeout.`, o);
    } else if (name === 'autojoin') {
      const v = d.values.at(-1)?.text.toLowerCase();
      if (v === 'none') note(ctx, 'not-needed', 'autojoin none: Corosync\'s nodelist admits only its nodes.', o);
      else note(ctx, 'not-translated', `autojoin ${v}: Corosync 3 needs every node in its nodelist; add new nodes with 'pcs cluster node add' or 'crm cluster join'.`, o);
    } else if (name === 'quorum_server') {
      note(ctx, 'not-translated', `quorum_server: Corosync's equivalent is a quorum device (corosync-qnetd on the server, corosync-qdevice on the nodes); set it up with 'pcs quorum device add'.`, o);
    } else if (name === 'env') {
      note(ctx, 'not-translated', `env ${d.rest.text}: it was given to respawned programs; set it in their systemd units.`, o);
    } else {
      note(ctx, 'not-translated', `'${name}' is not a directive heartbeat knows, so it has no translation.`, o);
    }
  }
}

/** stonith and stonith_host → fencing resources; returns whether any was translated. */
function stonith(ctx: Ctx, directives: Map<string, Directive[]>): boolean {
  let any = false;
  const nodes = ctx.plan.nodes;
  const addDevice = (d: Directive, type: string, info: string, from: string | undefined, what: string): void => {
    const o = hacfOrigin(ctx, d);
    const names = STONITH_PARAMS[type];
    if (!names) {
      note(ctx, 'not-translated', `${what}: the parameter names of STONITH type '${type}' are not known here, so it is not translated. Create it with 'pcs stonith create NAME ${type} NAME=VALUE…' ('stonith -t ${type} -n' lists the names in order).`, o);
      return;
    }
    // cluster-glue's stonith1_compat_string_to_NVpair: one word per name, the last name takes the rest.
    const params: [string, string][] = [];
    let rest = info.replace(/^[ \t]+/, '');
    for (let i = 0; i < names.length; i++) {
      if (rest === '') {
        note(ctx, 'not-translated', `${what}: ${type} needs ${names.length} parameters (${names.join(' ')}), this line gives ${i}; heartbeat refuses it ("Invalid Stonith configuration parameter"). Complete it.`, o);
        return;
      }
      if (i === names.length - 1) {
        params.push([names[i]!, trimChars(rest, ' \t\r\n\f', false)]);
        rest = '';
      } else {
        const m = /^[^ \t\n\r\f]+/.exec(rest)!;
        params.push([names[i]!, m[0]]);
        rest = rest.slice(m[0].length).replace(/^[ \t\n\r\f]+/, '');
      }
    }
    if (params.some(([, v]) => hasControl(v))) {
      note(ctx, 'not-translated', `${what}: a parameter holds control characters; not translated.`, o);
      return;
    }
    const id = ctx.ids.take(toId(`st_${type.replace('external/', '')}`, 'st'));
    const p: Primitive = { kind: 'primitive', id, agent: { cls: 'stonith', type }, params, meta: [], ops: STONITH_OPS, origin: o, from: what, comments: [`${what} (${where(o)})`] };
    ctx.plan.resources.push(p);
    any = true;
    if (from !== undefined) {
      // heartbeat read the line only on that node: the device runs there and nowhere else.
      for (const n of nodes) {
        if (n.name.toLowerCase() === from.toLowerCase()) continue;
        ctx.plan.constraints.push({ kind: 'location', id: ctx.ids.take(`loc_${id}_not_${toId(n.name)}`), rsc: id, node: n.name, score: '-INFINITY', comments: [`heartbeat used this device only on ${from}`] });
      }
    }
  };
  for (const d of directives.get('stonith_host') ?? []) {
    // FROM TYPE PARAMS…: two words, then the rest as written (the last parameter keeps its blanks).
    const words = splitWords(d.rest.text, 2);
    if (!words) {
      note(ctx, 'not-translated', 'stonith_host without a host and a type: heartbeat refuses it.', hacfOrigin(ctx, d));
      continue;
    }
    const [fromHost, type, info] = words;
    const node = fromHost === '*' ? undefined : ctx.nodeNames.get(fromHost.toLowerCase());
    if (fromHost !== '*' && !node) {
      note(ctx, 'not-needed', `stonith_host ${fromHost}: '${fromHost}' is not a node, so no heartbeat node ever read this line.`, hacfOrigin(ctx, d));
      continue;
    }
    addDevice(d, type, info, node, `stonith_host ${fromHost} ${type}`);
  }
  for (const d of directives.get('stonith') ?? []) {
    const [type, file] = d.rest.text.split(/[ \t]+/);
    if (!type || !file) {
      note(ctx, 'not-translated', 'stonith without a type and a configuration file: heartbeat refuses it.', hacfOrigin(ctx, d));
      continue;
    }
    const info = ctx.files.root !== undefined && file.startsWith('/') && !file.split('/').includes('..') ? firstConfigLine(ctx.view.read(`${ctx.view.root}${file}`)) : undefined;
    if (info === undefined) {
      note(ctx, 'not-translated', `stonith ${type} ${file}: its parameters are in ${file}, which is not in this image root; create the device by hand (pcs stonith create NAME ${type} …).`, hacfOrigin(ctx, d));
      continue;
    }
    addDevice(d, type, info, undefined, `stonith ${type} ${file}`);
  }
  return any;
}

/** The first `n` blank-separated words of `s` and the rest after them, or undefined when there are fewer. */
function splitWords(s: string, n: number): [...string[], string] | undefined {
  const out: string[] = [];
  let i = 0;
  for (let k = 0; k < n; k++) {
    while (i < s.length && (s[i] === ' ' || s[i] === '\t')) i++;
    const start = i;
    while (i < s.length && s[i] !== ' ' && s[i] !== '\t') i++;
    if (i === start) return undefined;
    out.push(s.slice(start, i));
  }
  return [...out, s.slice(i)] as [...string[], string];
}

/** cluster-glue's stonith_set_config_file: the first line that is not empty and does not start with '#'. */
function firstConfigLine(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    return line.replace(/\r$/, '');
  }
  return undefined;
}

function resources(ctx: Ctx, respawned: { ipfail?: Directive }, directives: Map<string, Directive[]>): void {
  const hr = ctx.files.haresources;
  if (!hr) {
    note(ctx, 'manual', 'There is no haresources: no resources to translate (heartbeat would not start in R1 mode without the file). Add resources with pcs or crm.');
    return;
  }
  const src = new SourceText(hr.text);
  const model = parseHaresources(src);
  const groups: { group?: Group; drbdClones: Clone[]; node?: string; hr: HrGroup }[] = [];
  const drbdById = new Map<string, Clone>();
  for (const g of model.groups) {
    // The group as heartbeat reads it: its lines joined, comments and continuation marks dropped.
    const text = [g.node.text, ...g.resources.map((r) => r.token.text)].join(' ');
    const origin: Origin = { file: 'haresources', path: hr.path, line: g.startLine, text, start: g.node.start, end: g.node.end };
    const node = ctx.nodeNames.get(g.node.text.toLowerCase());
    if (!node) {
      note(ctx, 'not-translated', `The group on haresources line ${g.startLine + 1} names '${g.node.text}', which is not a node of ha.cf (heartbeat refuses to start: "Bad nodename"); it gets no location preference. Fix the node name.`, origin);
    }
    const members: Primitive[] = [];
    const clones: Clone[] = [];
    const lineMap: ResourceTranslation[] = [];
    let pending: string[] = [];
    let drbdAt = -1;
    g.resources.forEach((r, index) => {
      const rOrigin: Origin = { file: 'haresources', path: hr.path, line: r.token.line, text: r.token.text, start: r.token.start, end: r.token.end };
      const t = resource(ctx, r, rOrigin);
      if (t.kind === 'drbd') {
        let clone = drbdById.get(t.res);
        if (!clone) {
          const pid = ctx.ids.take(toId(`drbd_${t.res}`));
          const prim: Primitive = { kind: 'primitive', id: pid, agent: DRBD_AGENT, params: [['drbd_resource', t.res]], meta: [], ops: DRBD_OPS, origin: rOrigin, from: r.token.text, comments: [] };
          clone = {
            kind: 'clone', id: ctx.ids.take(`${pid}-clone`), primitive: prim, comments: [`${r.token.text} (haresources line ${r.token.line + 1}): DRBD resource ${t.res}, promoted where the group runs`],
            meta: [['promotable', 'true'], ['promoted-max', '1'], ['promoted-node-max', '1'], ['clone-max', String(Math.max(ctx.plan.nodes.length, 1))], ['clone-node-max', '1'], ['notify', 'true']],
          };
          drbdById.set(t.res, clone);
          ctx.plan.resources.push(clone);
        }
        clones.push(clone);
        if (drbdAt < 0) drbdAt = index;
        ctx.plan.resourceMap.push({ origin: rOrigin, primitive: clone.primitive, clone: clone.id });
        if (members.length > 0) {
          const msg = `${r.token.text} became the promotable clone ${clone.id}, promoted before the group starts: ${members.map((m) => m.id).join(', ')} (before it in haresources) now start after the promotion too`;
          pending.push(msg);
          note(ctx, 'changed', `${msg}.`, rOrigin);
        }
        return;
      }
      if (t.kind === 'skip') {
        pending.push(`NOT TRANSLATED: ${r.token.text} — ${t.why}`);
        ctx.plan.resourceMap.push({ origin: rOrigin, why: t.why });
        return;
      }
      t.prim.comments.unshift(...pending);
      pending = [];
      members.push(t.prim);
      const entry: ResourceTranslation = { origin: rOrigin, primitive: t.prim };
      lineMap.push(entry);
      ctx.plan.resourceMap.push(entry);
    });
    let group: Group | undefined;
    if (members.length > 0) {
      const gid = ctx.ids.take(toId(`grp_${members[0]!.id}`));
      group = { kind: 'group', id: gid, members, trailing: pending, comments: [`haresources line ${g.startLine + 1}: ${origin.text}`], origin };
      ctx.plan.resources.push(group);
      for (const m of lineMap) if (m.primitive && m.clone === undefined) m.group = gid;
    } else if (pending.length > 0) {
      // Nothing translated on the line: the comments still go where the group would be.
      const anchor = clones[0];
      if (anchor) anchor.comments.push(...pending);
      else ctx.plan.header.push(...pending.map((p) => `haresources line ${g.startLine + 1}: ${p}`));
    }
    groups.push({ group, drbdClones: clones, node, hr: g });
  }

  // Placement: the haresources node preferred; DRBD promoted under the group.
  for (const { group, drbdClones, node, hr: g } of groups) {
    const line = g.startLine + 1;
    if (group) {
      if (node) ctx.plan.constraints.push({ kind: 'location', id: ctx.ids.take(`loc_${group.id}`), rsc: group.id, node, score: String(SCORE_PREFERRED), comments: [`haresources line ${line}: ${node} is the preferred node`] });
      for (const c of drbdClones) {
        ctx.plan.constraints.push({ kind: 'colocation', id: ctx.ids.take(`col_${group.id}_${c.primitive.id}`), rsc: group.id, withRsc: c.id, withRole: 'Promoted', score: 'INFINITY', comments: [`drbddisk::${c.primitive.params[0]![1]}: the group runs where DRBD is primary`] });
        ctx.plan.constraints.push({ kind: 'order', id: ctx.ids.take(`ord_${c.primitive.id}_${group.id}`), first: c.id, firstAction: 'promote', then: group.id, thenAction: 'start', kindOf: 'Mandatory', comments: [] });
      }
    } else if (node) {
      for (const c of drbdClones) ctx.plan.constraints.push({ kind: 'location-rule', id: ctx.ids.take(`loc_${c.id}_promoted`), rsc: c.id, role: 'Promoted', score: String(SCORE_PREFERRED), exprs: [{ attribute: '#uname', operation: 'eq', value: node }], comments: [`haresources line ${line}: DRBD primary on ${node}`] });
    }
  }
  // heartbeat took over its groups one after the other, in file order.
  const placed = groups.filter((x) => x.group).map((x) => x.group!);
  for (let i = 1; i < placed.length; i++) {
    ctx.plan.constraints.push({ kind: 'order', id: ctx.ids.take(`ord_${placed[i - 1]!.id}_${placed[i]!.id}`), first: placed[i - 1]!.id, firstAction: 'start', then: placed[i]!.id, thenAction: 'start', kindOf: 'Optional', comments: i === 1 ? ['heartbeat started the groups one after the other, in haresources order (Optional: only when they start together)'] : [] });
  }
  stickiness(ctx, placed);
  connectivity(ctx, respawned, directives, placed, groups.filter((x) => !x.group && x.drbdClones.length > 0).flatMap((x) => x.drbdClones));
}

function stickiness(ctx: Ctx, groups: Group[]): void {
  const af = ctx.plan.autoFailback;
  const on = af.value !== 'off';
  ctx.plan.rscDefaults.push({
    name: 'resource-stickiness', value: on ? '0' : String(STICKINESS_OFF),
    comment: on
      ? `${af.from}: groups move back to their preferred node (location score ${SCORE_PREFERRED} > stickiness 0)`
      : `${af.from}: groups stay where they run (stickiness ${STICKINESS_OFF} per resource > location score ${SCORE_PREFERRED})`,
  });
  void groups;
}

/** ping / ping_group with ipfail or pingd → ocf:pacemaker:ping clones and location rules. */
function connectivity(ctx: Ctx, respawned: { ipfail?: Directive }, directives: Map<string, Directive[]>, groups: Group[], drbdOnly: Clone[]): void {
  const pings = [...(directives.get('ping') ?? []), ...(directives.get('ping6') ?? [])];
  const pingGroups = directives.get('ping_group') ?? [];
  const hbapings = directives.get('hbaping') ?? [];
  const d = respawned.ipfail;
  if (!d) {
    for (const p of [...pings, ...pingGroups, ...hbapings]) note(ctx, 'not-needed', `${p.name.text} ${p.rest.text}: without ipfail (or pingd) heartbeat only showed the ping nodes' status; nothing moved on it, and nothing does now.`, hacfOrigin(ctx, p));
    return;
  }
  const prog = d.rest.text.split(/[ \t]+/)[1] ?? 'ipfail';
  // hbaping (HBcomm hbaping.c) makes each Fibre Channel HBA a ping node: ipfail counted it with
  // the others. ocf:pacemaker:ping pings IP hosts only: nothing replaces it.
  const hbaNotes = hbapings.flatMap((h) => h.values.map((v) => {
    const message = `hbaping ${v.text}: ${prog.slice(prog.lastIndexOf('/') + 1)} counted this Fibre Channel HBA as a ping node; ocf:pacemaker:ping reaches IP hosts only, so a node whose HBA loses its fabric no longer gives its groups away. Watch the HBA with an agent of your own that sets a node attribute (attrd_updater) and add a location rule on it, or fence on storage loss.`;
    note(ctx, 'not-translated', message, hacfOrigin(ctx, h));
    return `NOT TRANSLATED (${where(hacfOrigin(ctx, h))}): ${message}`;
  }));
  if (pings.length + pingGroups.length === 0) {
    // The group-level comment goes where the connectivity clone would have been.
    ctx.plan.header.push(...hbaNotes);
    if (hbapings.length > 0) return;
    note(ctx, 'not-needed', `${d.name.text} ${prog}: there are no ping nodes, so it never moved anything.`, hacfOrigin(ctx, d));
    return;
  }
  const targets: string[] = [...groups.map((g) => g.id), ...drbdOnly.map((c) => c.id)];
  // One reachable ping node must outweigh the preferred location and the stickiness of the largest group.
  const biggest = Math.max(1, ...groups.map((g) => g.members.length));
  const sticky = ctx.plan.autoFailback.value === 'off' ? STICKINESS_OFF * biggest : 0;
  const multiplier = Math.ceil((sticky + SCORE_PREFERRED + 1) / 1000) * 1000;
  const dampen = ctx.plan.totem.token;
  const deadping = directives.get('deadping')?.at(-1);
  const dampenMs = deadping ? (parseTime(deadping.values.at(-1)?.text ?? '')?.ms ?? dampen) : dampen;
  const dampenS = `${Math.max(1, Math.round(dampenMs / 1000))}s`;
  const hosts = pings.flatMap((p) => p.values.map((v) => v.text));
  let first = true;
  const clone = (pid: string, hostList: string[], attr: string, mult: string, origin: Origin, what: string): Clone => {
    const prim: Primitive = {
      kind: 'primitive', id: ctx.ids.take(pid), agent: PING_AGENT, params: [['host_list', hostList.join(' ')], ['multiplier', mult], ['name', attr], ['dampen', dampenS]],
      meta: [], ops: PING_OPS, origin, from: what, comments: [],
    };
    // The untranslated HBA ping nodes are noted at the first connectivity clone, their place.
    const c: Clone = { kind: 'clone', id: ctx.ids.take(`${prim.id}-clone`), primitive: prim, meta: [], comments: [...(first ? hbaNotes : []), `${what} with ${prog} (${where(origin)}): connectivity on every node`] };
    first = false;
    ctx.plan.resources.push(c);
    return c;
  };
  if (hosts.length > 0) {
    const o = hacfOrigin(ctx, pings[0]!);
    clone('ping', hosts, 'pingd', String(multiplier), o, `ping ${hosts.join(' ')}`);
    for (const t of targets) {
      ctx.plan.constraints.push({ kind: 'location-rule', id: ctx.ids.take(`loc_${t}_pingd`), rsc: t, scoreAttribute: 'pingd', exprs: [{ attribute: 'pingd', operation: 'defined' }], comments: [`${prog}: prefer the node that reaches more ping nodes (${multiplier} per node)`] });
    }
  }
  for (const pg of pingGroups) {
    const [name, ...members] = pg.values.map((v) => v.text);
    if (!name || members.length === 0) continue;
    const attr = toId(`ping_${name}`);
    clone(attr, members, attr, '1', hacfOrigin(ctx, pg), `ping_group ${name} ${members.join(' ')}`);
    for (const t of targets) {
      ctx.plan.constraints.push({ kind: 'location-rule', id: ctx.ids.take(`loc_${t}_${attr}`), rsc: t, score: String(multiplier), exprs: [{ attribute: attr, operation: 'gt', value: '0' }], comments: [`ping_group ${name}: one ping node, up while any member answers`] });
    }
  }
  if (first) ctx.plan.header.push(...hbaNotes);
  ctx.plan.notes.push({ kind: 'changed', origin: hacfOrigin(ctx, d), message: `${d.name.text} ${prog}: ocf:pacemaker:ping on every node and a location rule per group replace it; a node that reaches more ping nodes gets the groups, as with ipfail.` });
}

type ResourceResult =
  | { kind: 'primitive'; prim: Primitive }
  | { kind: 'drbd'; res: string }
  | { kind: 'skip'; why: string };

function resource(ctx: Ctx, r: Resource, origin: Origin): ResourceResult {
  // ResourceManager turns `::` into blanks and lets the shell split: empty parts vanish.
  const args = r.bareAddress ? [r.token.text] : r.args.map((a) => a.text).filter((a) => a.length > 0);
  const name = r.name;
  const skip = (why: string, kind: NoteKind = 'not-translated'): ResourceResult => {
    note(ctx, kind, `${r.token.text}: ${why}`, origin);
    return { kind: 'skip', why };
  };
  if (hasControl(r.token.text)) return skip('it holds control characters.');
  if (name === 'drbddisk') {
    if (args.length === 0) return skip("drbddisk without a resource name means every DRBD resource ('all'); ocf:linbit:drbd manages one resource: list them (drbddisk::r0 drbddisk::r1).");
    if (args.length > 1) return skip('drbddisk takes one resource name.');
    if (!/^[A-Za-z0-9._-]+$/.test(args[0]!)) return skip(`'${args[0]}' is not a DRBD resource name.`);
    return { kind: 'drbd', res: args[0]! };
  }
  const mapping = findMapping(name);
  if (mapping) {
    const p = mapping.params(args);
    if (!p.ok) return skip(`${p.why}.`);
    const idSeed = mapping.idFrom?.(args);
    const id = ctx.ids.take(toId(idSeed ? `${mapping.idPrefix}_${idSeed}` : mapping.idPrefix));
    const comments: string[] = [];
    for (const n of p.notes ?? []) {
      comments.push(`${r.token.text}: ${n}`);
      note(ctx, 'changed', `${r.token.text}: ${n}.`, origin);
    }
    if (mapping.note) {
      comments.push(`${r.token.text}: ${mapping.note}`);
      note(ctx, 'changed', `${r.token.text}: ${mapping.note}.`, origin);
    }
    if (r.bareAddress) comments.push(`${r.token.text}: a bare address, IPaddr::${r.token.text}`);
    return { kind: 'primitive', prim: { kind: 'primitive', id, agent: mapping.agent, params: p.params, meta: [], ops: mapping.ops, origin, from: r.token.text, comments } };
  }
  if (name === 'OCF') return skip("OCF::AGENT::INSTANCE reads its parameters from /etc/ha.d/conf/OCF/…; create the resource with those parameters by hand (pcs resource create ID ocf:heartbeat:AGENT NAME=VALUE…).");
  if (name === 'hto-mapfuncs') return skip('hto-mapfuncs is a helper library of the wrappers, not a resource.');
  if (!/^[A-Za-z0-9_.@+-]+$/.test(name)) return skip(`'${name}' is not a script name Pacemaker can run.`);
  const custom = ctx.view.resourceScript(name);
  if (custom) return skip(`${custom.slice(ctx.view.root.length)} is a heartbeat resource script with no OCF or LSB agent of the same kind; Pacemaker cannot run it. Turn it into an OCF agent (or an LSB init script) and add it to the group.`);
  if (args.length > 0) return skip(`an init script called with arguments (${name} ${args.join(' ')} start): Pacemaker's lsb and systemd classes pass none. Wrap it in a script or a unit that takes no arguments.`);
  const unit = ctx.view.systemdUnit(name);
  const init = ctx.view.initScript(name);
  const id = ctx.ids.take(toId(name));
  const comments: string[] = [];
  if (unit) {
    comments.push(`${name}: a native systemd unit (${unit.slice(ctx.view.root.length)}) exists, so systemd:${name}`);
    return { kind: 'primitive', prim: { kind: 'primitive', id, agent: { cls: 'systemd', type: name }, params: [], meta: [], ops: SCRIPT_OPS, origin, from: r.token.text, comments } };
  }
  if (!init && ctx.view.hasScriptDirs) {
    note(ctx, 'manual', `${name}: no ${name} in the root's resource.d or init.d (heartbeat would fail at takeover: "Cannot locate resource script"); translated as lsb:${name}: install the init script on every node.`, origin);
  } else if (!init) {
    note(ctx, 'manual', `${name}: taken as the init script /etc/init.d/${name} (lsb:${name}); heartbeat ran it with start/stop/status, Pacemaker also runs 'status' as a monitor and needs LSB exit codes (0 running, 3 stopped).`, origin);
  }
  return { kind: 'primitive', prim: { kind: 'primitive', id, agent: { cls: 'lsb', type: name }, params: [], meta: [], ops: SCRIPT_OPS, origin, from: r.token.text, comments } };
}

function properties(ctx: Ctx, fencing: boolean): void {
  const props: Property[] = ctx.plan.properties;
  if (fencing) {
    props.push({ name: 'stonith-enabled', value: 'true', comment: 'stonith/stonith_host in ha.cf: fencing on' });
  } else {
    props.push({ name: 'stonith-enabled', value: 'false', comment: 'ha.cf has no translated STONITH device: fencing is OFF, as it was in heartbeat. Configure a fencing device and set stonith-enabled=true.' });
    note(ctx, 'manual', 'Fencing is off (stonith-enabled=false), as ha.cf had no translated STONITH device: without it a split brain can start the resources on both nodes. Configure a fence device (pcs stonith create …) and set stonith-enabled=true.');
  }
}

function header(ctx: Ctx): void {
  const counts = { nt: 0, manual: 0 };
  for (const n of ctx.plan.notes) {
    if (n.kind === 'not-translated') counts.nt++;
    if (n.kind === 'manual') counts.manual++;
  }
  ctx.plan.header.unshift(
    `Generated by sysv-ha migrate from ${ctx.files.haDir} (heartbeat ${ctx.plan.heartbeatVersion === 3 ? '3.0.6' : '2.1.3'} semantics).`,
    `${counts.nt} construct${counts.nt === 1 ? '' : 's'} not translated, ${counts.manual} step${counts.manual === 1 ? '' : 's'} to do by hand: see README.md.`,
  );
}

/** The plan's top-level resources in output order: fencing, clones, then groups in haresources order. */
export function orderedResources(plan: ClusterPlan): TopResource[] {
  const rank = (r: TopResource) => (r.kind === 'primitive' ? 0 : r.kind === 'clone' ? 1 : 2);
  return [...plan.resources].sort((a, b) => rank(a) - rank(b));
}

/**
 * What one haresources resource becomes, for hover: the same rules as the whole translation,
 * with the scripts of the image root (when the file is in one). `drbddisk::RES` becomes the
 * clone's primitive.
 */
export function translateOne(r: Resource, root: string | undefined, host: WorkspaceHost | undefined): { primitive?: Primitive; clone?: boolean; why?: string } {
  const noHost: WorkspaceHost = { readFile: () => undefined, stat: () => undefined, listDir: () => undefined };
  const h = host ?? noHost;
  const plan = translatePlanShell();
  const ctx: Ctx = { plan, ids: new IdPool(), view: rootView(host ? root : undefined, h), files: { root, haDir: '', hacf: { path: '', text: '' } }, hacfSrc: new SourceText(''), nodeNames: new Map() };
  const origin: Origin = { file: 'haresources', path: '', line: r.token.line, text: r.token.text, start: r.token.start, end: r.token.end };
  const t = resource(ctx, r, origin);
  if (t.kind === 'primitive') return { primitive: t.prim };
  if (t.kind === 'drbd') return { clone: true, primitive: { kind: 'primitive', id: toId(`drbd_${t.res}`), agent: DRBD_AGENT, params: [['drbd_resource', t.res]], meta: [], ops: DRBD_OPS, from: r.token.text, comments: [] } };
  return { why: t.why };
}

function translatePlanShell(): ClusterPlan {
  return {
    haDir: '', heartbeatVersion: 3, clusterName: 'linux-ha', nodes: [], links: [], totem: { token: 0, tokenFrom: '' }, logging: { toSyslog: false, debug: false, from: [] },
    crmMode: false, autoFailback: { value: 'legacy', from: '' }, properties: [], rscDefaults: [], resources: [], constraints: [], header: [], notes: [], resourceMap: [], linkComments: [],
  };
}

export type { ResourceTranslation, NodeAddr, Note, Constraint };
