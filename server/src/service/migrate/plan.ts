/**
 * The migration plan: what a heartbeat cluster becomes in Corosync 3 and Pacemaker, as plain
 * data. `translate.ts` builds it; `corosync.ts`, `cib.ts`, `pcs.ts`, `crm.ts` and
 * `report.ts` render it. Every element keeps where it comes from, and every construct that is
 * not translated is a note at the place it would have been.
 */
import type { AgentRef, OpSpec } from './agents';

/** A line of the heartbeat files (0-based line, the file's path). */
export interface Origin {
  file: 'ha.cf' | 'haresources' | 'authkeys' | string;
  path: string;
  line: number;
  /** The line (or resource) as written; keys of authkeys are never kept. */
  text: string;
  /** Columns of the construct on the line, when it is a part of it. */
  start?: number;
  end?: number;
}

/**
 * What happened to one heartbeat construct:
 * - `not-translated`: no faithful equivalent; the output has a comment at its place and
 *   the user must act;
 * - `manual`: translated, but something must be filled in or done by hand;
 * - `changed`: translated with a difference the user should know about;
 * - `not-needed`: no equivalent needed in Corosync/Pacemaker.
 */
export type NoteKind = 'not-translated' | 'manual' | 'changed' | 'not-needed';

export interface Note {
  kind: NoteKind;
  origin?: Origin;
  /** One line: what, why, and what to do. */
  message: string;
}

export interface PlanNode {
  name: string;
  id: number;
  /** Per link: the address, or undefined when unknown (a placeholder is written). */
  addrs: (NodeAddr | undefined)[];
}

export interface NodeAddr {
  addr: string;
  /** Where the address comes from: `--node-addr`, `ucast eth1 10.0.0.2 (ha.cf line 7)`, `etc/hosts`. */
  from: string;
}

export interface Link {
  number: number;
  /** The heartbeat path(s) it replaces, e.g. `bcast eth1`. */
  media: string;
  iface?: string;
  origins: Origin[];
  /** Addresses seen on the path without a known node (ucast peers), for the placeholder comment. */
  candidates: string[];
}

export interface Totem {
  token: number;
  tokenFrom: string;
  pingInterval?: number;
  pingTimeout?: number;
  pingFrom?: string;
}

export interface Crypto {
  hash: 'none' | 'md5' | 'sha1';
  cipher: 'none';
  from: string;
  origin?: Origin;
}

export interface Logging {
  toSyslog: boolean;
  facility?: string;
  logfile?: string;
  debug: boolean;
  from: string[];
}

export interface Primitive {
  kind: 'primitive';
  id: string;
  agent: AgentRef;
  params: [string, string][];
  meta: [string, string][];
  ops: OpSpec[];
  origin?: Origin;
  /** The heartbeat resource it replaces (`IPaddr::10.0.0.5/24/eth0`), for comments and the report. */
  from: string;
  /** Comments written just before it (untranslated neighbours, differences). */
  comments: string[];
}

export interface Group {
  kind: 'group';
  id: string;
  members: Primitive[];
  /** Comments after the last member (an untranslated last resource). */
  trailing: string[];
  comments: string[];
  origin?: Origin;
}

export interface Clone {
  kind: 'clone';
  id: string;
  primitive: Primitive;
  meta: [string, string][];
  comments: string[];
}

export type TopResource = Primitive | Group | Clone;

export interface RuleExpr {
  attribute: string;
  operation: 'defined' | 'not_defined' | 'gt' | 'lte' | 'eq' | 'ne';
  value?: string;
}

export type Constraint =
  | { kind: 'location'; id: string; rsc: string; node: string; score: string; comments: string[] }
  | { kind: 'location-rule'; id: string; rsc: string; role?: 'Promoted'; score?: string; scoreAttribute?: string; exprs: RuleExpr[]; comments: string[] }
  | { kind: 'colocation'; id: string; rsc: string; withRsc: string; withRole?: 'Promoted'; score: string; comments: string[] }
  | { kind: 'order'; id: string; first: string; firstAction: 'start' | 'promote'; then: string; thenAction: 'start'; kindOf: 'Mandatory' | 'Optional'; comments: string[] };

export interface Property {
  name: string;
  value: string;
  comment?: string;
}

export interface ClusterPlan {
  /** Where the heartbeat files were read. */
  haDir: string;
  heartbeatVersion: 2 | 3;
  clusterName: string;
  nodes: PlanNode[];
  links: Link[];
  totem: Totem;
  crypto?: Crypto;
  logging: Logging;
  /** `crm`/`pacemaker` on in ha.cf: haresources is ignored, no resources are translated. */
  crmMode: boolean;
  autoFailback: { value: 'on' | 'off' | 'legacy'; from: string };
  properties: Property[];
  rscDefaults: Property[];
  resources: TopResource[];
  constraints: Constraint[];
  /** Comments for the top of every output. */
  header: string[];
  notes: Note[];
  /** Per haresources resource (by line and start column): what it becomes, for hover and the report. */
  resourceMap: ResourceTranslation[];
  /** Comments for corosync.conf after its links: the heartbeat paths with no knet link (serial, tipc, …). */
  linkComments: string[];
}

export interface ResourceTranslation {
  origin: Origin;
  /** The primitive it became, or undefined when it is not translated. */
  primitive?: Primitive;
  /** A resource that became a clone (drbddisk) names it. */
  clone?: string;
  group?: string;
  why?: string;
}

/** Counts for the report and the oracle. */
export function planCounts(plan: ClusterPlan): Record<NoteKind, number> {
  const out: Record<NoteKind, number> = { 'not-translated': 0, manual: 0, changed: 0, 'not-needed': 0 };
  for (const n of plan.notes) out[n.kind]++;
  return out;
}

/** True when every link has every node's address. */
export function addressesKnown(plan: ClusterPlan): boolean {
  return plan.links.length > 0 && plan.nodes.every((n) => plan.links.every((l) => n.addrs[l.number] !== undefined));
}
