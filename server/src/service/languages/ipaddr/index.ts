/**
 * Secondary IP addresses: `ip addr add|change|replace|del` commands (found by the init-script
 * module in the shell tree) and IPaddr / IPaddr2 / bare-address arguments of haresources.
 * Pure functions over words with their ranges; no file access.
 *
 * @see spec/checks.md "ipaddr", spec/domain.md §8 and §6.5
 */
import type { Range, RawProblem } from '../../core/types';
import './problems';
import { describe, findifMaskBits, iproutePrefix, iprouteIpv4, maskBits, parseIpv6, strictIpv4, subnet, toDotted, toInt } from './address';

export interface Word { text: string; range: Range }

/** Linux `IFNAMSIZ - 1`: the longest label the kernel takes. */
export const LABEL_MAX = 15;

/**
 * The literal value of a shell word, or undefined when it holds an expansion (then nothing
 * is known about it and no check looks at it). Whole-word quotes are removed.
 */
function literal(text: string): string | undefined {
  let t = text;
  if (t.length >= 2 && t[0] === "'" && t[t.length - 1] === "'" && !t.slice(1, -1).includes("'")) return t.slice(1, -1);
  if (t.length >= 2 && t[0] === '"' && t[t.length - 1] === '"') t = t.slice(1, -1);
  if (/[$`\\"'*?[\]{}~()<>|;&\s]/.test(t)) return undefined;
  return t;
}

/** The offset of a word's text inside its source (after an opening quote). */
function quoteShift(text: string): number {
  return text.length >= 2 && (text[0] === '"' || text[0] === "'") && text[text.length - 1] === text[0] ? 1 : 0;
}

/**
 * A sub-range of a word's range (offsets into its unquoted value, or into the raw text when
 * `raw`), when the word sits on one line; the whole range otherwise.
 */
function sub(w: Word, from: number, to: number, raw = false): Range {
  const r = w.range;
  if (r.start.line !== r.end.line || r.end.character - r.start.character !== w.text.length) return r;
  const s = raw ? 0 : quoteShift(w.text);
  return { start: { line: r.start.line, character: r.start.character + s + from }, end: { line: r.start.line, character: r.start.character + s + to } };
}

/** iproute2 `matches(word, full)`: a non-empty prefix of `full`. */
const matches = (word: string, full: string): boolean => word.length > 0 && full.startsWith(word);

type Verb = 'add' | 'change' | 'replace' | 'delete';

/** The options of `ip` that take an argument (ip.c). */
const IP_OPTS_WITH_ARG = ['-f', '-family', '-n', '-netns', '-b', '-batch', '-rc', '-rcvbuf', '-l', '-loops'];

interface Local { word: Word; text: string; addr?: string; prefix?: string; slashAt: number }

interface IpHead {
  family?: 4 | 6;
  /** The object as written (`addr`, `a`, `link`…), undefined when it is an expansion. */
  object?: string;
  /** The word after the object and its literal text. */
  verbWord?: Word;
  v?: string;
  /** The index of the word after the verb. */
  next: number;
}

/** `ip [OPTIONS] OBJECT VERB`: undefined when the first word is not `ip` (or `…/ip`). */
function ipHead(words: readonly Word[]): IpHead | undefined {
  const first = words[0] ? literal(words[0].text) : undefined;
  if (!first || !/(^|\/)ip$/.test(first)) return undefined;
  let i = 1;
  let family: 4 | 6 | undefined;
  while (i < words.length) {
    const w = literal(words[i]!.text);
    if (w === undefined || !w.startsWith('-')) break;
    if (w === '-4') family = 4;
    else if (w === '-6') family = 6;
    if (IP_OPTS_WITH_ARG.includes(w.replace(/^--/, '-'))) {
      const arg = words[i + 1] ? literal(words[i + 1]!.text) : undefined;
      if ((w === '-f' || w === '-family') && arg) family = arg === 'inet6' ? 6 : arg === 'inet' ? 4 : family;
      i++;
    }
    i++;
  }
  const object = words[i] ? literal(words[i]!.text) : undefined;
  const verbWord = words[i + 1];
  return { family, object, verbWord, v: verbWord ? literal(verbWord.text) : undefined, next: i + 2 };
}

function verbOf(v: string): Verb | undefined {
  if (matches(v, 'add')) return 'add';
  if (matches(v, 'change') || v === 'chg') return 'change';
  if (matches(v, 'replace')) return 'replace';
  if (matches(v, 'delete')) return 'delete';
  return undefined;
}

/** Checks one `ip` command given as its words, starting with `ip`. [] for commands that are not address add/del/change/replace. */
export function checkIpCommand(words: readonly Word[]): RawProblem[] {
  const head = ipHead(words);
  if (!head?.object || !matches(head.object, 'address')) return [];
  const { family, verbWord, v } = head;
  if (!verbWord || !v) return [];
  const verb = verbOf(v);
  if (!verb) return [];
  let i = head.next;

  const out: RawProblem[] = [];
  let local: Local | undefined;
  let peer = false;
  let dev: { word: Word; text?: string } | undefined;
  let label: { word: Word; text?: string } | undefined;
  let brd: { key: Word; word: Word; text?: string } | undefined;
  let unknown = false;
  const takesArg = (w: string): boolean => ['anycast', 'scope', 'proto'].includes(w) || matches(w, 'metric') || matches(w, 'priority') || matches(w, 'preference') || matches(w, 'valid_lft') || matches(w, 'preferred_lft');

  for (; i < words.length; i++) {
    const word = words[i]!;
    const w = literal(word.text);
    if (w === undefined) { unknown = true; continue; }
    const next = words[i + 1];
    if (w === 'peer' || w === 'remote') { peer = true; i++; continue; }
    if (matches(w, 'broadcast') || w === 'brd') {
      if (next) brd = { key: word, word: next, text: literal(next.text) };
      i++;
      continue;
    }
    if (w === 'dev') { if (next) dev = { word: next, text: literal(next.text) }; i++; continue; }
    if (w === 'label') { if (next) label = { word: next, text: literal(next.text) }; i++; continue; }
    if (takesArg(w)) { i++; continue; }
    if (['home', 'nodad', 'optimistic', 'mngtmpaddr', 'noprefixroute', 'autojoin'].includes(w)) continue;
    let aw = word;
    let at = w;
    if (w === 'local') {
      if (!next) continue;
      aw = next;
      const t = literal(next.text);
      i++;
      if (t === undefined) { unknown = true; continue; }
      at = t;
    }
    if (!local) {
      const slash = at.indexOf('/');
      local = { word: aw, text: at, addr: slash < 0 ? at : at.slice(0, slash), prefix: slash < 0 ? undefined : at.slice(slash + 1), slashAt: slash };
    }
  }

  // The local address and its prefix.
  let v4: number[] | undefined;
  let bits: number | undefined;
  let isV6 = false;
  if (local) {
    const a = local.addr!;
    if (a.includes(':') || family === 6) {
      isV6 = true;
      if (!parseIpv6(a)) out.push({ code: 'ipaddr/invalid-address', range: sub(local.word, 0, a.length), message: `'${a}' is not a valid IPv6 address; ip refuses the command. Fix the address.` });
    } else {
      v4 = iprouteIpv4(a);
      const strict = strictIpv4(a);
      if (!v4) {
        out.push({ code: 'ipaddr/invalid-address', range: sub(local.word, 0, a.length), message: `'${a}' is not a valid IPv4 address; ip refuses the command ("inet prefix is expected"). Give four numbers of 0-255.` });
      } else if (!strict || toInt(strict) !== toInt(v4)) {
        out.push({ code: 'ipaddr/invalid-address', range: sub(local.word, 0, a.length), message: `ip reads '${a}' as ${toDotted(toInt(v4))} (a leading 0 means octal, missing parts are 0). Write the address as four plain decimal numbers.` });
        v4 = undefined;
      }
    }
    if (local.prefix !== undefined) {
      const p = local.prefix;
      const pr = iproutePrefix(p, isV6 ? 128 : 32);
      const prefixRange = sub(local.word, local.slashAt + 1, local.text.length);
      if (pr.bits === undefined) {
        out.push({ code: 'ipaddr/invalid-prefix', range: prefixRange, message: `'/${p}' is not a valid prefix length${/^0[0-9]+$/.test(p) ? ' (a leading 0 makes ip read it as octal, where 8 and 9 are not digits)' : ''}: ip refuses it ("any valid prefix is expected"). Give 0-${isV6 ? 128 : 32}.` });
      } else {
        bits = pr.bits;
        if (pr.octal) {
          out.push({ code: 'ipaddr/octal-prefix', range: prefixRange, message: `ip reads '/${p}' as octal, i.e. /${pr.bits}, not /${Number.parseInt(p, 10)}. Remove the leading 0.`, fixes: [{ code: 'ipaddr/octal-prefix', title: `Change to '/${pr.bits}' (what ip uses now)`, edits: [{ range: prefixRange, newText: String(pr.bits) }] }] });
        }
      }
    } else if (v4 && !peer) {
      if (verb === 'add' || verb === 'replace') {
        out.push({ code: 'ipaddr/missing-prefix', range: local.word.range, message: `${local.addr} has no prefix length, so it is added as /32 with no subnet route. Add the prefix, e.g. ${local.addr}/24.` });
      } else if (verb === 'delete') {
        out.push({ code: 'ipaddr/delete-without-prefix', range: local.word.range, message: `Deleting ${local.addr} without its prefix makes ip do a wildcard deletion ("Executing wildcard deletion"). Give the prefix it was added with.` });
      }
    }
  }

  // The broadcast.
  if (brd && verb !== 'delete') {
    const b = brd.text;
    const brdRange: Range = { start: brd.key.range.start, end: brd.word.range.end };
    if (b !== undefined && (isV6 || b.includes(':'))) {
      out.push({ code: 'ipaddr/ipv6-broadcast', range: brdRange, message: "IPv6 has no broadcast: ip refuses the command (\"Broadcast can be set only for IPv4 addresses\"). Remove the broadcast." });
    } else if (b === '+' || b === '-') {
      if (bits !== undefined && bits > 30 && v4) {
        out.push({ code: 'ipaddr/broadcast-on-host-route', range: brdRange, message: `'brd ${b}' does nothing on a /${bits}: ip only computes a broadcast for prefixes up to /30. Remove it.` });
      }
    } else if (b !== undefined) {
      const bv = iprouteIpv4(b);
      const bs = strictIpv4(b);
      if (!bv || !bs || toInt(bs) !== toInt(bv)) {
        out.push({ code: 'ipaddr/invalid-address', range: brd.word.range, message: `'${b}' is not a valid broadcast address${bv ? ` (ip reads it as ${toDotted(toInt(bv))})` : ''}. Use 'brd +' or four plain decimal numbers.` });
      } else if (v4 && bits !== undefined && bits <= 30) {
        const want = subnet(toInt(v4), bits).broadcast;
        if (toInt(bv) !== want) {
          out.push({
            code: 'ipaddr/broadcast-mismatch', range: brd.word.range,
            message: `The broadcast of ${local!.addr}/${bits} is ${toDotted(want)}, not ${b}; ip and the kernel accept it silently. Use ${toDotted(want)} or 'brd +'.`,
            fixes: [{ code: 'ipaddr/broadcast-mismatch', title: "Change to 'brd +' (computed from the prefix)", edits: [{ range: brdRange, newText: 'brd +' }] }],
          });
        }
      }
    }
  } else if (!brd && (verb === 'add' || verb === 'replace') && v4 && bits !== undefined && bits <= 30 && !peer && !unknown) {
    const r = local!.word.range;
    out.push({
      code: 'ipaddr/no-broadcast', range: r,
      message: `${local!.text} gets no broadcast address (ip, unlike ifconfig, sets none by default). Add 'brd +' to compute it.`,
      fixes: [{ code: 'ipaddr/no-broadcast', title: "Add 'brd +'", edits: [{ range: { start: r.end, end: r.end }, newText: ' brd +' }] }],
    });
  }

  // dev and label.
  if (!dev && !unknown && (verb === 'add' || verb === 'delete')) {
    out.push({ code: 'ipaddr/missing-dev', range: verbWord.range, message: `'ip addr ${v}' needs 'dev IFNAME'; ip refuses the command ("dev" argument is required). Add e.g. 'dev eth0'.` });
  }
  if (label?.text !== undefined) {
    const l = label.text;
    if (l.length > LABEL_MAX) {
      out.push({ code: 'ipaddr/label-too-long', range: label.word.range, message: `The label '${l}' is ${l.length} characters; the kernel refuses labels over ${LABEL_MAX} ("Attribute failed policy validation"). Shorten it, e.g. ${dev?.text ?? 'eth0'}:1.` });
    }
    if (dev?.text !== undefined && l !== dev.text && !l.startsWith(`${dev.text}:`)) {
      out.push({ code: 'ipaddr/label-not-dev-prefixed', range: label.word.range, message: `The label '${l}' does not start with '${dev.text}:'; iproute2 4.18-5.17 refuses it. Use ${dev.text}:SUFFIX.` });
    }
  }
  return out;
}

/** One command of a script, in file order, for `checkDuplicateAddresses`. */
export interface IpStep {
  /** The command's words, starting with its name. */
  words: readonly Word[];
  /**
   * The statement list the command runs in unconditionally (any key; equal keys = one
   * straight-line path), undefined when it runs only on a condition.
   */
  block?: number;
  /** The caller knows the command may change addresses (a script function, `ifdown`, `exit`…). */
  barrier?: boolean;
}

/**
 * What `ip addr add` would add, when every word is literal: the device, the address as the
 * kernel compares it (value and prefix length) and the address word. Undefined otherwise,
 * and for `peer` addresses.
 */
function addedAddress(words: readonly Word[], head: IpHead): { key: string; dev: string; word: Word; shown: string } | undefined {
  let dev: string | undefined;
  let local: { word: Word; text: string } | undefined;
  for (let i = head.next; i < words.length; i++) {
    const w = literal(words[i]!.text);
    if (w === undefined) return undefined;
    if (w === 'peer' || w === 'remote') return undefined;
    const next = words[i + 1] ? literal(words[i + 1]!.text) : undefined;
    if (w === 'dev') { dev = next; i++; continue; }
    if (matches(w, 'broadcast') || w === 'brd' || w === 'label' || ['anycast', 'scope', 'proto'].includes(w) || matches(w, 'metric') || matches(w, 'priority') || matches(w, 'preference') || matches(w, 'valid_lft') || matches(w, 'preferred_lft')) { i++; continue; }
    if (['home', 'nodad', 'optimistic', 'mngtmpaddr', 'noprefixroute', 'autojoin'].includes(w)) continue;
    if (w === 'local') {
      if (next === undefined) return undefined;
      if (!local) local = { word: words[i + 1]!, text: next };
      i++;
      continue;
    }
    if (!local) local = { word: words[i]!, text: w };
  }
  if (!dev || !local) return undefined;
  const slash = local.text.indexOf('/');
  const a = slash < 0 ? local.text : local.text.slice(0, slash);
  const p = slash < 0 ? undefined : local.text.slice(slash + 1);
  const v6 = a.includes(':') || head.family === 6;
  let value: string | undefined;
  if (v6) value = parseIpv6(a)?.join(':');
  else {
    const v4 = iprouteIpv4(a);
    value = v4 ? String(toInt(v4)) : undefined;
  }
  if (value === undefined) return undefined;
  const bits = p === undefined ? (v6 ? 128 : 32) : iproutePrefix(p, v6 ? 128 : 32).bits;
  if (bits === undefined) return undefined;
  return { key: `${dev} ${v6 ? 6 : 4} ${value}/${bits}`, dev, word: local.word, shown: local.text };
}

/** An `ip` command that may remove or reset addresses: anything but `addr add`, `addr show` and objects other than address and link. */
function ipMayRemove(head: IpHead): boolean {
  if (head.object === undefined) return true;
  const isAddress = matches(head.object, 'address');
  if (!isAddress && !matches(head.object, 'link')) return false;
  if (!isAddress) return true;
  if (head.v === undefined) return head.verbWord !== undefined;
  return !(matches(head.v, 'add') || ['show', 'list', 'lst', 'ls'].includes(head.v));
}

/**
 * `ipaddr/duplicate-address`: the same address and prefix added to the same device twice on
 * one straight-line path (both commands unconditional statements of the same statement list),
 * with no command between them that may remove it (an `ip` command other than `addr add`/`show`,
 * or a command the caller marks as a barrier). On the address of every later add.
 */
export function checkDuplicateAddresses(steps: readonly IpStep[]): RawProblem[] {
  const out: RawProblem[] = [];
  // The add that is live for each address and statement list: one entry per key (the latest),
  // a lookup per add, so thousands of adds stay linear. An entry older than the last barrier
  // no longer counts.
  const seen = new Map<string, { index: number; line: number }>();
  let lastBarrier = -1;
  steps.forEach((step, index) => {
    const head = ipHead(step.words);
    if (step.barrier || (head && ipMayRemove(head))) {
      lastBarrier = index;
      return;
    }
    if (!head || step.block === undefined || !head.object || !matches(head.object, 'address') || !head.v || !matches(head.v, 'add')) return;
    const added = addedAddress(step.words, head);
    if (!added) return;
    const slot = `${step.block} ${added.key}`;
    const first = seen.get(slot);
    if (first && first.index > lastBarrier) {
      out.push({
        code: 'ipaddr/duplicate-address', range: added.word.range,
        message: `${added.shown} is already added to ${added.dev} by the 'ip addr add' on line ${first.line + 1}, which always runs before this one, so this one fails ("RTNETLINK answers: File exists"). Remove it, or use 'ip addr replace'.`,
      });
      return;
    }
    seen.set(slot, { index, line: added.word.range.start.line });
  });
  return out;
}

/**
 * Checks an IPaddr / IPaddr2 / bare-address argument of haresources:
 * `ip[/nbits[/nic[:label]][/broadcast]]` (§6.5); `arg` is that whole string and its range.
 */
export function checkIpaddrResource(agent: 'IPaddr' | 'IPaddr2' | 'bare', arg: Word): RawProblem[] {
  const out: RawProblem[] = [];
  const text = arg.text;
  const parts: { text: string; start: number }[] = [];
  let start = 0;
  for (const p of text.split('/')) {
    parts.push({ text: p, start });
    start += p.length + 1;
  }
  const r = (p: { text: string; start: number }): Range => sub(arg, p.start, p.start + p.text.length, true);
  const [ipPart, bitsPart] = parts;
  const who = agent === 'IPaddr2' ? 'IPaddr2' : 'IPaddr';

  const ip = strictIpv4(ipPart!.text);
  if (!ip) {
    out.push({ code: 'ipaddr/invalid-address', range: r(ipPart!), message: `'${ipPart!.text}' is not a valid IPv4 address; ${who} fails at takeover. Give four decimal numbers of 0-255 (IPv6 needs IPv6addr).` });
  }
  let bits: number | undefined;
  if (bitsPart) {
    const b = bitsPart.text;
    const dotted = b.includes('.') ? strictIpv4(b) : undefined;
    if (/^[0-9]{1,2}$/.test(b) && Number(b) >= 1 && Number(b) <= 32) bits = Number(b);
    else if (dotted && (maskBits(dotted) ?? 0) > 0) bits = maskBits(dotted);
    // heartbeat's IPaddr takes any dotted mask but 0.0.0.0 (255.0.255.0 is /24, judged by the
    // cluster oracle); IPaddr2 refuses one that is not contiguous.
    else if (dotted && agent !== 'IPaddr2' && findifMaskBits(dotted) !== undefined) bits = findifMaskBits(dotted);
    else out.push({ code: 'ipaddr/invalid-prefix', range: r(bitsPart), message: `'${b}' is not a netmask ${who} takes ("Invalid netmask specification"). Give the prefix length as 1-32.` });
  }

  // Third part: a broadcast when it starts with a digit, else nic[:label], then a broadcast.
  let nicPart: { text: string; start: number } | undefined;
  let brdPart: { text: string; start: number } | undefined;
  const third = parts[2];
  if (third) {
    if (/^[0-9]/.test(third.text)) brdPart = third;
    else {
      nicPart = third;
      brdPart = parts[3];
    }
  }
  if (nicPart && nicPart.text.length > 0) {
    const colon = nicPart.text.indexOf(':');
    if (colon >= 0 && agent !== 'IPaddr2') {
      out.push({ code: 'ipaddr/nic-alias', range: r(nicPart), message: `Give IPaddr the interface, not an alias: '${nicPart.text}' should be '${nicPart.text.slice(0, colon)}' (IPaddr picks the alias itself; IPaddr2 takes nic:label).`, fixes: [{ code: 'ipaddr/nic-alias', title: `Change to '${nicPart.text.slice(0, colon)}'`, edits: [{ range: r(nicPart), newText: nicPart.text.slice(0, colon) }] }] });
    } else if (colon >= 0 && nicPart.text.length > LABEL_MAX) {
      out.push({ code: 'ipaddr/label-too-long', range: r(nicPart), message: `The label '${nicPart.text}' is ${nicPart.text.length} characters; the kernel refuses labels over ${LABEL_MAX}, so IPaddr2 fails at takeover. Shorten the part after ':'.` });
    }
  }
  if (brdPart && brdPart.text.length > 0) {
    const b = strictIpv4(brdPart.text);
    if (!b) {
      out.push({ code: 'ipaddr/invalid-address', range: r(brdPart), message: `'${brdPart.text}' is not a valid broadcast address ("Invalid broadcast address"); ${who} fails at takeover. Give four decimal numbers or leave it out.` });
    } else if (ip) {
      const want = bits !== undefined ? subnet(toInt(ip), bits).broadcast : undefined;
      const mb = maskBits(b);
      const inSubnet = bits !== undefined && (toInt(b) & subnet(0, bits).mask) === subnet(toInt(ip), bits).network;
      if (mb !== undefined && mb >= 8 && mb < 32 && !inSubnet) {
        out.push({ code: 'ipaddr/netmask-as-broadcast', range: r(brdPart), message: `'${brdPart.text}' is a netmask, but ${who} takes the part after the prefix as the broadcast address. Give the mask as /${mb} in the second part and remove this one.` });
      } else if (want !== undefined && bits! <= 30 && toInt(b) !== want) {
        out.push({ code: 'ipaddr/broadcast-mismatch', range: r(brdPart), message: `The broadcast of ${ipPart!.text}/${bits} is ${toDotted(want)}, not ${brdPart.text}; ${who} uses it as given. Use ${toDotted(want)} or leave it out (${who} computes it).`, fixes: [{ code: 'ipaddr/broadcast-mismatch', title: `Change to '${toDotted(want)}'`, edits: [{ range: r(brdPart), newText: toDotted(want) }] }] });
      }
    }
  }
  return out;
}

/** Hover markdown for an address with optional prefix: network, broadcast, host range, netmask; undefined if not an address. */
export function describeAddress(text: string): string | undefined {
  return describe(text);
}
