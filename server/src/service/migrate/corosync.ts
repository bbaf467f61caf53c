/**
 * corosync.conf (Corosync 3, knet) from the plan. Corosync's parser reads one `key: value` or
 * `section {` per line and comments only on lines of their own (`#` first), so every comment
 * is a line; an unknown address is a placeholder Corosync refuses ("failed to parse node
 * address"), never a guess.
 *
 * @see corosync.conf(5), votequorum(5) (Corosync 3.1.7)
 */
import { commentText } from './ids';
import type { ClusterPlan } from './plan';
import { shortList } from './translate';

export const PLACEHOLDER_PREFIX = 'FILL-IN';

/** The placeholder written for an unknown address. */
export function placeholder(node: string, link: number): string {
  return `${PLACEHOLDER_PREFIX}-${node}-link${link}`;
}

export function renderCorosync(plan: ClusterPlan): string {
  const out: string[] = [];
  const c = (indent: string, text: string) => out.push(`${indent}# ${commentText(text)}`);
  for (const h of plan.header) c('', h);
  c('', 'Copy this file to /etc/corosync/corosync.conf on every node.');
  out.push('');
  out.push('totem {');
  out.push('    version: 2');
  out.push(`    cluster_name: ${plan.clusterName}`);
  out.push('    transport: knet');
  c('    ', `token (ms): a node silent this long is declared dead; from ${plan.totem.tokenFrom}`);
  out.push(`    token: ${plan.totem.token}`);
  if (plan.crypto) {
    c('    ', `${plan.crypto.from}; the key is /etc/corosync/authkey (corosync-keygen), never heartbeat's`);
    out.push(`    crypto_cipher: ${plan.crypto.cipher}`);
    out.push(`    crypto_hash: ${plan.crypto.hash}`);
  } else {
    c('    ', 'no authkeys method was translated: no authentication. Consider crypto_cipher: aes256 and crypto_hash: sha256 with corosync-keygen.');
    out.push('    crypto_cipher: none');
    out.push('    crypto_hash: none');
  }
  if (plan.links.length > 1) {
    c('    ', 'all links carry traffic at once, as heartbeat used all its paths');
    out.push('    link_mode: active');
  }
  for (const l of plan.links) {
    out.push('');
    c('    ', `link ${l.number}: ${l.media}${l.origins.length ? ` (ha.cf line ${shortList(l.origins.map((o) => String(o.line + 1)))})` : ''}`);
    out.push('    interface {');
    out.push(`        linknumber: ${l.number}`);
    if (plan.totem.pingInterval !== undefined && plan.totem.pingTimeout !== undefined) {
      c('        ', `knet pings every ${plan.totem.pingInterval} ms (${plan.totem.pingFrom})`);
      out.push(`        knet_ping_interval: ${plan.totem.pingInterval}`);
      out.push(`        knet_ping_timeout: ${plan.totem.pingTimeout}`);
    }
    out.push('    }');
  }
  if (plan.linkComments.length > 0) out.push('');
  for (const t of plan.linkComments) c('    ', t);
  out.push('}');
  out.push('');
  out.push('nodelist {');
  for (const n of plan.nodes) {
    out.push('    node {');
    out.push(`        name: ${n.name}`);
    out.push(`        nodeid: ${n.id}`);
    for (const l of plan.links) {
      const a = n.addrs[l.number];
      if (a) {
        c('        ', `link ${l.number} (${l.iface ?? l.media}): from ${a.from}`);
        out.push(`        ring${l.number}_addr: ${a.addr}`);
      } else {
        c('        ', `FILL IN: the address of ${n.name} on link ${l.number} (${l.media})${l.candidates.length ? `; ha.cf has ucast peer(s) ${shortList(l.candidates)} there` : ''}`);
        out.push(`        ring${l.number}_addr: ${placeholder(n.name, l.number)}`);
      }
    }
    out.push('    }');
  }
  out.push('}');
  out.push('');
  out.push('quorum {');
  out.push('    provider: corosync_votequorum');
  if (plan.nodes.length === 2) {
    c('    ', 'two nodes, as heartbeat: either node alone keeps quorum (two_node implies wait_for_all at start)');
    out.push('    two_node: 1');
  }
  out.push('}');
  out.push('');
  out.push('logging {');
  if (plan.logging.from.length) c('    ', `from ${plan.logging.from.join(', ')}`);
  out.push(`    to_syslog: ${plan.logging.toSyslog ? 'yes' : 'no'}`);
  if (plan.logging.toSyslog && plan.logging.facility) out.push(`    syslog_facility: ${plan.logging.facility}`);
  if (plan.logging.logfile) {
    out.push('    to_logfile: yes');
    out.push(`    logfile: ${plan.logging.logfile}`);
  } else {
    out.push('    to_logfile: yes');
    out.push('    logfile: /var/log/corosync/corosync.log');
  }
  out.push('    timestamp: on');
  if (plan.logging.debug) out.push('    debug: on');
  out.push('}');
  return `${out.join('\n')}\n`;
}
