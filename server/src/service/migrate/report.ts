/**
 * What the user reads: the plan as text (the CLI's output), as JSON, and the README of manual
 * steps written next to the files. Secret STONITH parameters are masked in the text and JSON;
 * authkeys keys never reach the plan at all.
 */
import { agentName, isSecretParam } from './agents';
import { placeholder } from './corosync';
import type { ClusterPlan, Note, NoteKind, Primitive } from './plan';
import { addressesKnown, planCounts } from './plan';

const MASK = '••••••';

function params(p: Primitive): string {
  return p.params.map(([n, v]) => `${n}=${isSecretParam(n) ? MASK : v}`).join(' ');
}

function at(n: Note): string {
  return n.origin ? `${n.origin.file}:${n.origin.line + 1}: ` : '';
}

const KIND_TITLE: Record<NoteKind, string> = {
  'not-translated': 'Not translated (the outputs have a comment where it would be)',
  manual: 'To do by hand',
  changed: 'Translated with a difference',
  'not-needed': 'Not needed in Corosync/Pacemaker',
};

export function renderPlanText(plan: ClusterPlan, outDir?: string): string {
  const out: string[] = [];
  const counts = planCounts(plan);
  out.push(`Migration of ${plan.haDir} to Corosync 3 (knet) + Pacemaker 2.1`);
  out.push('');
  out.push(`Cluster '${plan.clusterName}': ${plan.nodes.length} node${plan.nodes.length === 1 ? '' : 's'} (${plan.nodes.map((n) => `${n.name}=${n.id}`).join(', ')})${plan.nodes.length === 2 ? ', two_node quorum' : ''}`);
  for (const l of plan.links) {
    const addrs = plan.nodes.map((n) => `${n.name} ${n.addrs[l.number]?.addr ?? '?'}`).join(', ');
    out.push(`  link ${l.number} ← ${l.media}: ${addrs}`);
  }
  out.push(`  token ${plan.totem.token} ms ← ${plan.totem.tokenFrom}; knet pings every ${plan.totem.pingInterval} ms`);
  out.push(`  logging: ${plan.logging.toSyslog ? `syslog ${plan.logging.facility ?? ''}`.trim() : 'no syslog'}, ${plan.logging.logfile ?? '/var/log/corosync/corosync.log'}${plan.logging.debug ? ', debug' : ''}${plan.logging.from.length ? ` ← ${plan.logging.from.join(', ')}` : ''}`);
  out.push(`  crypto: ${plan.crypto ? `crypto_hash ${plan.crypto.hash} ← ${plan.crypto.from}` : 'none'} (new key with corosync-keygen; heartbeat's key is never copied)`);
  out.push('');
  if (plan.crmMode) {
    out.push('Resources: the CRM is on in ha.cf, so they are in Pacemaker\'s CIB already (not translated from haresources).');
  } else {
    out.push('Resources (haresources):');
    const preferred = new Map<string, string>();
    for (const c of plan.constraints) if (c.kind === 'location' && !preferred.has(c.rsc) && c.score !== '-INFINITY') preferred.set(c.rsc, c.node);
    for (const r of plan.resources) {
      if (r.kind === 'group') {
        const node = preferred.get(r.id);
        out.push(`  group ${r.id}${node ? ` on ${node}` : ''} (haresources line ${(r.origin?.line ?? 0) + 1}):`);
        for (const m of r.members) out.push(`    ${m.from} → ${m.id} ${agentName(m.agent)}${m.params.length ? ` ${params(m)}` : ''}`);
      } else if (r.kind === 'clone') {
        out.push(`  ${r.primitive.from} → ${r.id} (${r.meta.some(([n]) => n === 'promotable') ? 'promotable clone' : 'clone'} of ${agentName(r.primitive.agent)} ${params(r.primitive)})`);
      } else {
        out.push(`  ${r.from} → ${r.id} ${agentName(r.agent)} ${params(r)}`);
      }
    }
    for (const t of plan.resourceMap.filter((x) => !x.primitive)) out.push(`  ${t.origin.text} → not translated: ${t.why}`);
    for (const d of plan.rscDefaults) out.push(`  ${d.name}=${d.value} ← ${plan.autoFailback.from}`);
  }
  for (const p of plan.properties) out.push(`  ${p.name}=${p.value}`);
  for (const kind of ['not-translated', 'manual', 'changed', 'not-needed'] as NoteKind[]) {
    const notes = plan.notes.filter((n) => n.kind === kind);
    if (notes.length === 0) continue;
    out.push('');
    out.push(`${KIND_TITLE[kind]} (${notes.length}):`);
    for (const n of notes) out.push(`  - ${at(n)}${n.message}`);
  }
  out.push('');
  out.push(`${counts['not-translated']} not translated, ${counts.manual} to do by hand, ${counts.changed} changed, ${counts['not-needed']} not needed.${addressesKnown(plan) ? '' : ' corosync.conf has placeholder addresses (FILL-IN-…): give --node-addr NAME=ADDR.'}`);
  if (outDir) out.push(`Wrote corosync.conf, cib.xml, pcs.sh, crm.txt and README.md to ${outDir}.`);
  else out.push('Write the files with --out DIR (a new folder).');
  return `${out.join('\n')}\n`;
}

export function planJson(plan: ClusterPlan, outDir?: string): unknown {
  const counts = planCounts(plan);
  return {
    haDir: plan.haDir,
    heartbeatVersion: plan.heartbeatVersion,
    clusterName: plan.clusterName,
    crmMode: plan.crmMode,
    nodes: plan.nodes.map((n) => ({ name: n.name, id: n.id, addresses: plan.links.map((l) => ({ link: l.number, address: n.addrs[l.number]?.addr ?? null, from: n.addrs[l.number]?.from ?? null })) })),
    links: plan.links.map((l) => ({ number: l.number, media: l.media, lines: l.origins.map((o) => o.line + 1) })),
    token: plan.totem.token,
    crypto: plan.crypto ? { hash: plan.crypto.hash, cipher: plan.crypto.cipher } : null,
    autoFailback: plan.autoFailback.value,
    properties: Object.fromEntries(plan.properties.map((p) => [p.name, p.value])),
    rscDefaults: Object.fromEntries(plan.rscDefaults.map((p) => [p.name, p.value])),
    resources: plan.resourceMap.map((t) => ({
      file: t.origin.path, line: t.origin.line + 1, column: (t.origin.start ?? 0) + 1, resource: t.origin.text,
      translated: t.primitive !== undefined,
      id: t.primitive?.id ?? null, agent: t.primitive ? agentName(t.primitive.agent) : null,
      params: t.primitive ? Object.fromEntries(t.primitive.params.map(([n, v]) => [n, isSecretParam(n) ? MASK : v])) : null,
      group: t.group ?? null, clone: t.clone ?? null, why: t.why ?? null,
    })),
    notes: plan.notes.map((n) => ({ kind: n.kind, file: n.origin?.path ?? null, line: n.origin ? n.origin.line + 1 : null, message: n.message })),
    counts: { notTranslated: counts['not-translated'], manual: counts.manual, changed: counts.changed, notNeeded: counts['not-needed'] },
    addressesKnown: addressesKnown(plan),
    out: outDir ?? null,
  };
}

export function renderReadme(plan: ClusterPlan): string {
  const out: string[] = [];
  const counts = planCounts(plan);
  out.push(`# Moving ${plan.haDir} from heartbeat to Corosync + Pacemaker`);
  out.push('');
  out.push(`Generated by \`sysv-ha migrate\`. ${counts['not-translated']} construct(s) not translated, ${counts.manual} step(s) to do by hand. The files:`);
  out.push('');
  out.push('- `corosync.conf`: cluster membership (Corosync 3, knet), for `/etc/corosync/corosync.conf` on every node;');
  out.push('- `cib.xml`: the Pacemaker configuration (resources, constraints, properties);');
  out.push('- `pcs.sh` and `crm.txt`: the same configuration as `pcs` commands and as a `crm configure` script; use one of the three.');
  out.push('');
  out.push('## Steps');
  out.push('');
  let step = 1;
  const s = (text: string) => out.push(`${step++}. ${text}`);
  s('Install the stack on every node: `corosync pacemaker` and `pcs` or `crmsh`, `resource-agents`' + (plan.resources.some((r) => r.kind === 'clone' && r.primitive.agent.provider === 'linbit') ? ', `drbd-utils` (for ocf:linbit:drbd)' : '') + (plan.resources.some((r) => r.kind === 'primitive' && r.agent.cls === 'stonith') ? ', `cluster-glue` (for the stonith: plugins)' : '') + '.');
  const missing = plan.nodes.flatMap((n) => plan.links.filter((l) => !n.addrs[l.number]).map((l) => `\`${placeholder(n.name, l.number)}\` (${n.name} on ${l.media})`));
  if (missing.length > 0) s(`Fill in the addresses corosync.conf cannot know: ${missing.join(', ')}. Each node needs an address on every link.`);
  s('Create the Corosync key on one node, `corosync-keygen` (writes /etc/corosync/authkey), and copy it with corosync.conf to the other nodes (mode 400, owner root). heartbeat\'s authkeys is not used and its key is never copied.');
  s('Stop heartbeat on every node and keep it from starting: `systemctl disable --now heartbeat` (or `service heartbeat stop; update-rc.d heartbeat disable` / `chkconfig heartbeat off`). The resources stop with it.');
  s('Make sure no resource is started outside the cluster: init scripts of the services in the groups must not start at boot (`systemctl disable NAME`, or remove their rcN.d links), and file systems of Filesystem resources must not be in /etc/fstab.');
  s('Start the cluster on every node: `systemctl enable --now corosync pacemaker` (or `pcs cluster start --all`). Check the membership with `corosync-cfgtool -s` and `crm_mon -1`.');
  s('Load the configuration on one node, one of: `sh pcs.sh`, or `crm configure load update crm.txt`, or `pcs cluster cib-push cib.xml --config`.');
  s('Check it: `crm_verify -L -V` and `crm_mon -1`; try a failover with `pcs node standby NODE` / `pcs node unstandby NODE` (or `crm node standby`).');
  const section = (kind: NoteKind, title: string) => {
    const notes = plan.notes.filter((n) => n.kind === kind);
    if (notes.length === 0) return;
    out.push('');
    out.push(`## ${title}`);
    out.push('');
    for (const n of notes) out.push(`- ${at(n)}${n.message}`);
  };
  section('not-translated', 'Not translated');
  section('manual', 'To do by hand');
  section('changed', 'Translated with a difference');
  section('not-needed', 'Not needed any more');
  out.push('');
  out.push('See docs/migration.md of sysv-ha for every mapping and its source.');
  return `${out.join('\n')}\n`;
}
