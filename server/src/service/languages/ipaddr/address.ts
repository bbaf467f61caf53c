/**
 * Address arithmetic and the address readers of the real programs: iproute2's own IPv4
 * reader (`lib/utils.c get_addr_ipv4`: up to four parts, each read with `strtoul` base 0, so
 * `010` is octal and `0x0a` hex), glibc's strict `inet_pton` (what heartbeat's IPaddr tools
 * use), and the prefix reader of `get_prefix_1`/`get_netmask`.
 *
 * @see spec/domain.md §8 and §6.5
 */

/** C `strtoul(s, &end, 0)` on the whole string: the value, or undefined when text is left over or nothing was read. */
export function strtoul0(s: string): number | undefined {
  let m: RegExpExecArray | null;
  if ((m = /^0[xX]([0-9a-fA-F]+)$/.exec(s))) return Number.parseInt(m[1]!, 16);
  if (/^0[0-7]*$/.test(s)) return s.length === 1 ? 0 : Number.parseInt(s.slice(1), 8);
  if (/^[1-9][0-9]*$/.test(s)) return Number.parseInt(s, 10);
  return undefined;
}

/** iproute2 `get_addr_ipv4`: the four bytes it sends, or undefined when it refuses the text. */
export function iprouteIpv4(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.length > 4) return undefined;
  const bytes = [0, 0, 0, 0];
  for (let i = 0; i < parts.length; i++) {
    const v = strtoul0(parts[i]!);
    if (v === undefined || v > 255) return undefined;
    bytes[i] = v;
  }
  return bytes;
}

/** glibc `inet_pton(AF_INET)`: exactly four decimal parts 0-255 without leading zeros. */
export function strictIpv4(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const bytes: number[] = [];
  for (const p of parts) {
    if (!/^(0|[1-9][0-9]{0,2})$/.test(p)) return undefined;
    const v = Number.parseInt(p, 10);
    if (v > 255) return undefined;
    bytes.push(v);
  }
  return bytes;
}

/** `inet_pton(AF_INET6)`: eight 16-bit groups, one `::`, an optional dotted IPv4 tail. */
export function parseIpv6(text: string): number[] | undefined {
  if (text.length === 0 || !text.includes(':')) return undefined;
  let head = text;
  let tail4: number[] | undefined;
  const lastColon = text.lastIndexOf(':');
  if (text.slice(lastColon + 1).includes('.')) {
    tail4 = strictIpv4(text.slice(lastColon + 1));
    if (!tail4) return undefined;
    head = text.slice(0, lastColon + 1) + '0:0';
  }
  const halves = head.split('::');
  if (halves.length > 2) return undefined;
  const groups = (s: string): number[] | undefined => {
    if (s.length === 0) return [];
    const out: number[] = [];
    for (const g of s.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
      out.push(Number.parseInt(g, 16));
    }
    return out;
  };
  const a = groups(halves[0]!);
  const b = halves.length === 2 ? groups(halves[1]!) : [];
  if (!a || !b) return undefined;
  let all: number[];
  if (halves.length === 2) {
    if (a.length + b.length > 7) return undefined;
    all = [...a, ...new Array<number>(8 - a.length - b.length).fill(0), ...b];
  } else {
    if (a.length !== 8) return undefined;
    all = a;
  }
  if (tail4) {
    all[6] = (tail4[0]! << 8) | tail4[1]!;
    all[7] = (tail4[2]! << 8) | tail4[3]!;
  }
  return all;
}

export const toInt = (b: readonly number[]): number => ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0;
export const toDotted = (n: number): string => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
export const maskOf = (bits: number): number => (bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0);

/** The prefix length of a contiguous dotted mask, or undefined. */
export function maskBits(bytes: readonly number[]): number | undefined {
  const n = toInt(bytes);
  for (let bits = 0; bits <= 32; bits++) if (maskOf(bits) === n) return bits;
  return undefined;
}

/**
 * heartbeat's IPaddr reading of a dotted netmask (its C findif, 2.99.1): any mask but 0.0.0.0,
 * as 32 minus its trailing zero bits (255.255.255.0 and 255.0.255.0 are both /24); undefined
 * for 0.0.0.0, which it refuses. IPaddr2 takes only a contiguous mask (`maskBits`).
 */
export function findifMaskBits(bytes: readonly number[]): number | undefined {
  const n = toInt(bytes);
  if (n === 0) return undefined;
  let zeros = 0;
  while (((n >>> zeros) & 1) === 0) zeros++;
  return 32 - zeros;
}

/** Network and broadcast of an IPv4 address with a prefix (as numbers). */
export function subnet(addr: number, bits: number): { network: number; broadcast: number; mask: number } {
  const mask = maskOf(bits);
  const network = (addr & mask) >>> 0;
  return { network, broadcast: (network | ~mask) >>> 0, mask };
}

export interface PrefixRead {
  /** The prefix length iproute2 uses, or undefined when it refuses the text. */
  bits?: number;
  /** Written with a leading zero and read as octal to a value that differs from the decimal reading. */
  octal?: boolean;
  /** Written as a dotted mask. */
  dotted?: boolean;
}

/** iproute2 `get_netmask`: a number (`strtoul` base 0) up to `max`, or a contiguous dotted mask (IPv4). */
export function iproutePrefix(text: string, max: number): PrefixRead {
  const v = strtoul0(text);
  if (v !== undefined) {
    if (v > max) return {};
    const octal = /^0[0-7]+$/.test(text) && v !== Number.parseInt(text, 10);
    return { bits: v, octal };
  }
  if (max === 32 && text.includes('.')) {
    const b = iprouteIpv4(text);
    const bits = b ? maskBits(b) : undefined;
    return bits === undefined ? {} : { bits, dotted: true };
  }
  return {};
}

/** Markdown for an address with an optional prefix, or undefined when the text is not one. */
export function describe(text: string): string | undefined {
  const slash = text.indexOf('/');
  const addrText = slash < 0 ? text : text.slice(0, slash);
  const prefixText = slash < 0 ? undefined : text.slice(slash + 1);
  const v4 = strictIpv4(addrText);
  if (v4) {
    let bits = 32;
    if (prefixText !== undefined) {
      if (/^[0-9]{1,2}$/.test(prefixText) && Number(prefixText) <= 32) bits = Number(prefixText);
      else {
        const m = strictIpv4(prefixText);
        const mb = m ? maskBits(m) : undefined;
        if (mb === undefined) return undefined;
        bits = mb;
      }
    }
    const addr = toInt(v4);
    const { network, broadcast, mask } = subnet(addr, bits);
    const rows: [string, string][] = [['Address', `\`${addrText}\``], ['Prefix', `/${bits}${prefixText === undefined ? ' (none given: `ip addr add` makes it /32)' : ''}`], ['Netmask', `\`${toDotted(mask)}\``]];
    if (bits <= 30) {
      rows.push(['Network', `\`${toDotted(network)}/${bits}\``], ['Broadcast', `\`${toDotted(broadcast)}\``]);
      rows.push(['Hosts', `\`${toDotted(network + 1)}\` – \`${toDotted(broadcast - 1)}\` (${2 ** (32 - bits) - 2})`]);
      if (addr === network) rows.push(['⚠', 'This is the **network** address of the subnet, not a host address.']);
      if (addr === broadcast) rows.push(['⚠', 'This is the **broadcast** address of the subnet, not a host address.']);
    } else if (bits === 31) {
      rows.push(['Network', `\`${toDotted(network)}/31\``], ['Hosts', `\`${toDotted(network)}\` – \`${toDotted(broadcast)}\` (point-to-point, RFC 3021; no broadcast)`]);
    } else {
      rows.push(['Hosts', 'this address only (no subnet route, no broadcast)']);
    }
    return `**IPv4 address** \`${text}\`\n\n| | |\n|---|---|\n${rows.map(([k, v]) => `| ${k} | ${v} |`).join('\n')}`;
  }
  const v6 = parseIpv6(addrText);
  if (v6) {
    let bits = 128;
    if (prefixText !== undefined) {
      if (!/^[0-9]{1,3}$/.test(prefixText) || Number(prefixText) > 128) return undefined;
      bits = Number(prefixText);
    }
    const net = v6.map((g, i) => {
      const keep = Math.max(0, Math.min(16, bits - i * 16));
      return keep === 0 ? 0 : g & ((0xffff << (16 - keep)) & 0xffff);
    });
    return `**IPv6 address** \`${text}\`\n\n| | |\n|---|---|\n| Prefix | /${bits} |\n| Network | \`${compressIpv6(net)}/${bits}\` |\n| Broadcast | none (IPv6 has no broadcast) |`;
  }
  return undefined;
}

function compressIpv6(groups: readonly number[]): string {
  const hex = groups.map((g) => g.toString(16));
  let best = -1;
  let bestLen = 0;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen && j - i > 1) { best = i; bestLen = j - i; }
    i = j;
  }
  if (best < 0) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`;
}

/**
 * A short label for an IPv4 address with a prefix (`10.1.2.3/22` → `net 10.1.0.0/22 · brd
 * 10.1.3.255`), for inlay hints; undefined without a prefix, for a /31 or /32 (no broadcast)
 * and for anything that is not an IPv4 address.
 */
export function subnetLabel(text: string): string | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const v4 = strictIpv4(text.slice(0, slash));
  const prefix = text.slice(slash + 1);
  if (!v4) return undefined;
  let bits: number | undefined;
  if (/^[0-9]{1,2}$/.test(prefix)) bits = Number(prefix);
  else {
    const m = strictIpv4(prefix);
    bits = m ? maskBits(m) : undefined;
  }
  if (bits === undefined || bits > 30) return undefined;
  const { network, broadcast } = subnet(toInt(v4), bits);
  return `net ${toDotted(network)}/${bits} · brd ${toDotted(broadcast)}`;
}
