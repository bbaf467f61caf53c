/**
 * What Pacemaker's IPaddr2 agent (resource-agents 4.12) refuses in the parameters an
 * IPaddr / IPaddr2 / bare-address resource of haresources becomes, and what heartbeat's own
 * IPaddr took: the arguments that worked under heartbeat and would fail under Pacemaker.
 *
 * - heartbeat's IPaddr (the `resource.d/IPaddr` wrapper, then the OCF IPaddr agent) checks the
 *   parameters with the C `findif` 2.99.1 (`/usr/libexec/heartbeat/findif`): the address and the
 *   broadcast with `inet_pton`, nbits as 1-32 of at most two digits (`08` is 8) or as a dotted
 *   quad, which it converts (`255.0.255.0` too: to /24).
 * - IPaddr2 checks them with the shell `findif.sh` (`findif_check_params`): the address and the
 *   broadcast against a pattern whose first number is 1-255, the broadcast may also be `+` or
 *   `-`; a dotted netmask is converted only when it is contiguous (else "Bogus netmask"), then
 *   the prefix must be 1-32 in at most three digits. `ip_init` refuses a `nic:label` over 15
 *   characters; `start` runs `ip addr add IP/PREFIX`, whose prefix iproute2 reads with base 0
 *   (`08` is not a number there).
 *
 * Checked against the real agents in a private network namespace by the cluster oracle
 * (test/oracle/cluster-oracle.py, "IPaddr2"): the heartbeat wrapper's `start` and IPaddr2's `start`.
 *
 * @see /usr/lib/ocf/lib/heartbeat/findif.sh, /usr/lib/ocf/resource.d/heartbeat/IPaddr2
 */
import { findifMaskBits, maskBits, strictIpv4, strtoul0 } from '../languages/ipaddr/address';

/** The parameters of an IPaddr2 resource, as the translation sets them. */
export interface Ipaddr2Params {
  ip: string;
  netmask?: string;
  nic?: string;
  iflabel?: string;
  broadcast?: string;
}

/** Which parameter IPaddr2 refuses, and its own message. */
export interface Ipaddr2Refusal {
  param: 'ip' | 'netmask' | 'broadcast' | 'iflabel';
  message: string;
}

const R1 = '([1-9][0-9]?|1[0-9][0-9]|2[0-4][0-9]|25[0-5])';
const R0 = '([0-9][0-9]?|1[0-9][0-9]|2[0-4][0-9]|25[0-5])';
/** findif.sh `ipcheck_ipv4`. */
const IPCHECK_IPV4 = new RegExp(`^${R1}\\.${R0}\\.${R0}\\.${R0}$`);

/** A dotted quad's bytes when each part is 0-255 (digits only), else undefined. */
function dottedBytes(s: string): number[] | undefined {
  // maybe_convert_dotted_quad_to_cidr: digits and dots only, no empty part, at most three digits a part.
  if (!/^[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}$/.test(s)) return undefined;
  const bytes = s.split('.').map(Number);
  return bytes.every((v) => v <= 255) ? bytes : undefined;
}

/** IPaddr2's reading of cidr_netmask: the prefix it uses, or its refusal. */
function ipaddr2Prefix(netmask: string): { prefix: string } | { refused: string } {
  let n = netmask;
  if (n.includes('.')) {
    const q = dottedBytes(n);
    const bits = q === undefined ? undefined : maskBits(q);
    if (bits !== undefined) n = String(bits); // converted, with a warning
  }
  if (!/^[0-9]{1,3}$/.test(n) || Number(n) < 1 || Number(n) > 32) return { refused: `Invalid netmask specification [${netmask}].` };
  // start: `ip addr add IP/PREFIX`; iproute2 reads the prefix with strtoul base 0.
  if (strtoul0(n) === undefined) return { refused: `Error: inet prefix is expected rather than "IP/${n}".` };
  return { prefix: n };
}

/** What IPaddr2 refuses in these parameters (the first refusal, in the agent's order), or undefined. */
export function ipaddr2Refusal(p: Ipaddr2Params): Ipaddr2Refusal | undefined {
  if (!IPCHECK_IPV4.test(p.ip)) return { param: 'ip', message: `IP address [${p.ip}] not valid.` };
  if (p.netmask) {
    const r = ipaddr2Prefix(p.netmask);
    if ('refused' in r) return { param: 'netmask', message: r.refused };
  }
  if (p.broadcast && p.broadcast !== '+' && p.broadcast !== '-' && !IPCHECK_IPV4.test(p.broadcast)) {
    return { param: 'broadcast', message: `Invalid broadcast address [${p.broadcast}].` };
  }
  if (p.iflabel && `${p.nic ?? ''}:${p.iflabel}`.length > 15) {
    return { param: 'iflabel', message: `Interface label [${p.nic ?? ''}:${p.iflabel}] exceeds maximum character limit of 15` };
  }
  return undefined;
}

/**
 * heartbeat's IPaddr (C findif) on the wrapper's parameters: whether it takes them, and the
 * prefix it uses (`08` → 8, a dotted mask → its bits counted as findif counts them).
 */
export function heartbeatIpaddr(p: Ipaddr2Params): { takes: boolean; prefix?: string } {
  if (!strictIpv4(p.ip)) return { takes: false };
  if (p.broadcast && !strictIpv4(p.broadcast)) return { takes: false };
  if (!p.netmask) return { takes: true };
  if (/^[0-9]{1,2}$/.test(p.netmask)) {
    const v = Number(p.netmask);
    return v >= 1 && v <= 32 ? { takes: true, prefix: String(v) } : { takes: false };
  }
  const q = strictIpv4(p.netmask);
  const bits = q ? findifMaskBits(q) : undefined;
  return bits === undefined ? { takes: false } : { takes: true, prefix: String(bits) };
}

/**
 * The prefix the translation gives IPaddr2 for an IPaddr (or bare address) netmask: the same
 * prefix heartbeat's findif used, where that is the netmask written another way (`08` → 8, a
 * contiguous dotted mask → its length); anything else as written (IPaddr2 judges it).
 */
export function ipaddrPrefixForIpaddr2(netmask: string): string {
  if (/^0[0-9]$/.test(netmask)) return String(Number(netmask));
  const q = dottedBytes(netmask);
  const bits = q === undefined ? undefined : maskBits(q);
  return bits !== undefined && bits > 0 ? String(bits) : netmask;
}
