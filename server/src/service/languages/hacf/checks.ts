/**
 * ha.cf checks: pure functions from the parsed model to problems, in the order heartbeat
 * applies directives (each value in turn, the last one wins), then the whole-configuration
 * checks of `init_config()`.
 *
 * @see spec/checks.md "hacf", spec/domain.md §6.1–§6.3
 */
import { trimEndOf } from '../../core/scan';
import { nearest, type SourceText } from '../../core/text';
import { range, type Fix, type Range, type RawProblem } from '../../core/types';
import type { Directive, HacfModel, Word } from './parse';
import {
  DEFAULT_DEADTIME_MS, DEFAULT_KEEPALIVE_MS, INITDEAD_WARN_MS, SPLIT_MEDIA, UDPPORT_MEDIA,
  directivesOf, findDirective, parseBoolean, parseTime, type DirectiveSpec, type HeartbeatVersion,
} from './spec';

/** What the checks learn about the file, shared with hover, lenses and the other heartbeat files. */
export interface HacfFacts {
  /** Node names as written, with the word that declares them. */
  nodes: Word[];
  /** The value heartbeat ends up with per time directive (ms), and the word it comes from. */
  times: Map<string, { ms: number; word: Word }>;
  /** `crm`/`pacemaker` on: haresources is ignored. */
  crm?: Word;
  autojoin?: string;
  media: Directive[];
}

/** The host name heartbeat would compare with the nodes, and where it comes from. */
export interface LocalNode {
  name: string;
  /** For the message: `sysvHa.localNode` or the hostname file's path. */
  from: string;
}

const wordRange = (w: Word): Range => range(w.line, w.start, w.end);
const lineRange = (d: Directive): Range => range(d.line, d.name.start, d.rest.end > d.name.end ? d.rest.end : d.name.end);
const replaceFix = (code: string, title: string, r: Range, newText: string): Fix => ({ code, title, edits: [{ range: r, newText }], preferred: true });

/** True when a crm/pacemaker value turns the CRM on. */
export function crmOn(value: string): boolean {
  const b = parseBoolean(value);
  return b === undefined ? true : b;
}

export function checkHacf(model: HacfModel, src: SourceText, version: HeartbeatVersion, localNode?: LocalNode): { problems: RawProblem[]; facts: HacfFacts } {
  const out: RawProblem[] = [];
  const facts: HacfFacts = { nodes: [], times: new Map(), media: [] };
  const seen = new Map<string, Directive>();
  let pacemakerLine: Directive | undefined;
  const mediaSeen: { udp?: Directive; serial?: Directive } = {};
  let udpMediaSince = false;
  let autoFailback: { value: string; word: Word; fromNice?: boolean } | undefined;
  let useLogd: { on: boolean; word: Word; d: Directive } | undefined;
  const logTargets: Directive[] = [];
  let autojoin: Directive | undefined;
  const apiClients = new Map<string, Directive>();
  const stonithHosts: Directive[] = [];

  for (const d of model.directives) {
    const spec = findDirective(d.name.text, version);
    if (!spec) {
      out.push(unknownDirective(d, version));
      continue;
    }
    if (d.gluedHash !== undefined) {
      out.push({
        code: 'hacf/hash-in-value', range: range(d.line, d.gluedHash, src.lineText(d.line).length),
        message: `heartbeat reads everything from '#' on as a comment, so the value before it is cut. Remove the '#' (a value can never contain one).`,
      });
    }

    if (spec.once) {
      const key = spec.name === 'crm' || spec.name === 'pacemaker' ? 'pacemaker' : spec.name;
      const first = seen.get(`once:${key}`);
      if (first) {
        out.push({
          code: 'hacf/duplicate-once-directive', range: wordRange(d.name),
          message: `'${d.name.text}' is already given on line ${first.line + 1}; heartbeat refuses to start (${onceMessage(key)}). Remove one of them.`,
          related: [{ path: '', range: wordRange(first.name), message: 'first given here' }],
        });
        continue;
      }
      seen.set(`once:${key}`, d);
    }

    if (spec.kind === 'wholeline') {
      if (spec.value === 'stonith_host') stonithHosts.push(d);
      else checkWholeLine(d, spec, out, apiClients);
      continue;
    }

    if (d.values.length === 0) {
      out.push({
        code: 'hacf/empty-value', range: wordRange(d.name),
        message: `'${d.name.text}' has no value, so heartbeat ignores the line. Give it a value (${spec.shape}).`,
      });
      continue;
    }

    if (spec.kind === 'media') {
      checkMedia(d, spec, out);
      if (mediaCounts(d, spec)) facts.media.push(d);
      if (UDPPORT_MEDIA.includes(spec.name)) {
        mediaSeen.udp ??= d;
        udpMediaSince = true;
      }
      if (spec.name === 'serial') mediaSeen.serial ??= d;
      continue;
    }

    // Option directives: each value is applied in turn.
    // udpport may be given again for the media after it: it is overridden only when no
    // bcast/ucast/rds line came in between.
    if (!spec.repeatable && !spec.once) {
      const previous = seen.get(spec.name) && (spec.name !== 'udpport' || !udpMediaSince) ? seen.get(spec.name) : undefined;
      const extra = d.values.length > 1 ? d.values[d.values.length - 1]! : undefined;
      if (previous) {
        out.push({
          code: 'hacf/overridden-value', range: wordRange(d.name),
          message: `'${spec.name}' is already set on line ${previous.line + 1}; this later value wins. Keep only one ${spec.name} line.`,
          related: [{ path: '', range: wordRange(previous.name), message: 'overridden value' }],
        });
      } else if (extra && (spec.value !== 'time' || d.values.every((v) => /^[0-9.]/.test(v.text) && parseTime(v.text)))) {
        out.push({
          code: 'hacf/overridden-value', range: range(d.line, d.values[1]!.start, extra.end),
          message: `'${spec.name}' takes one value; heartbeat applies each of the ${d.values.length} values in turn and the last ('${extra.text}') wins. Keep one value${spec.value === 'time' ? " (a unit must be glued to the number: '500ms')" : ''}.`,
        });
      }
      seen.set(spec.name, d);
    }

    if (!d.values.every((v) => checkValue(d, spec, v, out, facts, version))) continue;

    const last = d.values[d.values.length - 1]!;
    switch (spec.name) {
      case 'udpport':
        udpMediaSince = false;
        if (mediaSeen.udp && last.text !== '694' && /^\d+$/.test(last.text)) {
          out.push({
            code: 'hacf/setting-after-media', range: lineRange(d),
            message: `udpport applies only to media after it: the ${mediaSeen.udp.name.text} on line ${mediaSeen.udp.line + 1} keeps port 694. Move this line above the media lines.`,
            related: [{ path: '', range: lineRange(mediaSeen.udp), message: 'uses port 694' }],
          });
        }
        break;
      case 'baud':
        if (mediaSeen.serial && last.text !== '19200') {
          out.push({
            code: 'hacf/setting-after-media', range: lineRange(d),
            message: `baud applies only to serial lines after it: the serial line ${mediaSeen.serial.line + 1} keeps 19200. Move this line above the serial line.`,
            related: [{ path: '', range: lineRange(mediaSeen.serial), message: 'uses 19200 baud' }],
          });
        }
        break;
      case 'pacemaker':
      case 'crm':
        pacemakerLine = d;
        if (crmOn(last.text)) facts.crm = last;
        else facts.crm = undefined;
        break;
      case 'crm_daemon_dir':
      case 'crmd_spawns_pengine':
        if (pacemakerLine && version === 3) {
          out.push({
            code: 'hacf/crm-option-after-pacemaker', range: wordRange(d.name),
            message: `${spec.name} must come before the ${pacemakerLine.name.text} line (line ${pacemakerLine.line + 1}); heartbeat refuses to start. Move it above.`,
            related: [{ path: '', range: wordRange(pacemakerLine.name), message: `${pacemakerLine.name.text} line` }],
          });
        }
        break;
      case 'auto_failback':
        autoFailback = { value: last.text.toLowerCase(), word: last };
        break;
      case 'nice_failback': {
        const b = parseBoolean(last.text);
        // 3.0.6 reads any nice_failback as 'auto_failback legacy' (checked with the real daemon);
        // 2.1.3 converts on → off and off → legacy (spec §6.3). Only `on` has a certain
        // replacement: its documented meaning is auto_failback off.
        const reads = version === 3 ? 'auto_failback legacy' : b ? 'auto_failback off' : 'auto_failback legacy';
        out.push({
          code: 'hacf/nice-failback-obsolete', range: wordRange(d.name),
          message: `nice_failback is obsolete; heartbeat ${version === 3 ? '3.0.6' : '2.1.3'} reads it as '${reads}'${reads.endsWith('legacy') ? ', which is deprecated' : ''}. Write ${b ? "'auto_failback off' (resources stay where they are)" : "'auto_failback on' or 'auto_failback off'"} instead.`,
          fixes: b === true ? [replaceFix('hacf/nice-failback-obsolete', "Change to 'auto_failback off'", range(d.line, d.name.start, d.rest.end), 'auto_failback off')] : undefined,
        });
        if (b !== undefined) autoFailback = { value: reads.split(' ')[1]!, word: last, fromNice: true };
        break;
      }
      case 'use_logd': {
        const b = parseBoolean(last.text);
        if (b !== undefined) useLogd = { on: b, word: last, d };
        break;
      }
      case 'logfile':
      case 'debugfile':
        logTargets.push(d);
        break;
      case 'logfacility':
        if (last.text.toLowerCase() !== 'none') logTargets.push(d);
        else for (let i = logTargets.length - 1; i >= 0; i--) if (logTargets[i]!.name.text === 'logfacility') logTargets.splice(i, 1);
        break;
      case 'autojoin':
        autojoin = d;
        facts.autojoin = last.text.toLowerCase();
        break;
      case 'node':
        for (const v of d.values) facts.nodes.push(v);
        break;
    }
  }

  // ---------------------------------------------------------------- init_config()
  const line1 = range(0, 0, src.lineText(0).length);
  if (facts.media.length === 0) {
    out.push({ code: 'hacf/no-media', range: line1, message: 'No heartbeat media: heartbeat refuses to start ("No heartbeat media defined"). Add bcast, mcast, ucast or serial lines, ideally two independent paths.' });
  }
  if (facts.nodes.length === 0 && facts.autojoin !== 'any') {
    out.push({ code: 'hacf/no-nodes', range: line1, message: "No 'node' line: heartbeat refuses to start (\"no nodes defined\"). Add a node line per cluster member (its uname -n)." });
  }
  if (localNode && facts.nodes.length > 0 && facts.autojoin !== 'any') {
    const lower = localNode.name.toLowerCase();
    if (!facts.nodes.some((n) => n.text.toLowerCase() === lower)) {
      out.push({
        code: 'hacf/local-node-missing', range: line1,
        message: `This machine's name '${localNode.name}' (${localNode.from}) is not a node here (${facts.nodes.map((n) => n.text).join(', ')}): heartbeat refuses to start ("Current node [${lower}] not in configuration!"). Add 'node ${localNode.name}', or correct the host name.`,
      });
    }
  }
  for (const d of stonithHosts) checkStonithHost(d, facts, out);
  checkTiming(facts, out);

  const paths = communicationPaths(facts.media);
  if (paths.length === 1) {
    const p = paths[0]!;
    out.push({
      code: 'hacf/single-path', range: lineRange(p.directive),
      message: `'${p.label}' is the only heartbeat path: if that link fails, each node declares the other dead and both take the resources (split brain). Add a second path, e.g. 'serial /dev/ttyS0' or a medium on another interface.`,
    });
  }

  const r1 = !facts.crm;
  if (r1 && facts.nodes.length >= 2 && stonithHosts.length === 0 && !model.directives.some((x) => x.name.text === 'stonith')) {
    out.push({
      code: 'hacf/no-stonith', range: line1,
      message: "No 'stonith' or 'stonith_host' line: when the nodes lose sight of each other, both take the resources and may mount the same disks (split brain). Configure a STONITH device (stonith_host * TYPE PARAMS…).",
    });
  }
  if (r1) {
    if (!autoFailback && !model.directives.some((x) => x.name.text === 'auto_failback' || x.name.text === 'nice_failback')) {
      out.push({ code: 'hacf/auto-failback-legacy', range: line1, message: "auto_failback is not set, so it defaults to 'legacy' and heartbeat logs a deprecation warning. Add 'auto_failback on' or 'auto_failback off'." });
    } else if (autoFailback && autoFailback.value === 'legacy' && !autoFailback.fromNice) {
      out.push({ code: 'hacf/auto-failback-legacy', range: wordRange(autoFailback.word), message: "'legacy' auto_failback is deprecated. Use 'on' (resources go back to their preferred node) or 'off'." });
    }
    if (autojoin && (facts.autojoin === 'other' || facts.autojoin === 'any')) {
      out.push({ code: 'hacf/autojoin-conflict', range: lineRange(autojoin), message: `'autojoin ${facts.autojoin}' conflicts with haresources resource management; heartbeat refuses to start. Use 'autojoin none', or turn on pacemaker.` });
    }
  }
  if (useLogd && !useLogd.on && logTargets.length === 0) {
    out.push({ code: 'hacf/no-logging', range: lineRange(useLogd.d), message: 'use_logd is off and there is no logfile, debugfile or logfacility: heartbeat refuses to start ("No log entry found"). Add e.g. \'logfacility local0\' or turn use_logd on.' });
  }
  if (useLogd && useLogd.on && logTargets.length > 0) {
    out.push({ code: 'hacf/logd-with-logfile', range: lineRange(useLogd.d), message: `use_logd is on, so the ${[...new Set(logTargets.map((t) => t.name.text))].join(', ')} line(s) are ignored. Remove them, or configure logging in ha_logd.cf.` });
  }
  return { problems: out, facts };
}

function onceMessage(key: string): string {
  return key === 'baud' ? '"Baudrate multiply specified."' : key === 'watchdog' ? '"Watchdog device multiply specified."' : '"pacemaker/crm directive used multiple times!"';
}

function unknownDirective(d: Directive, version: HeartbeatVersion): RawProblem {
  const word = d.name.text;
  const names = directivesOf(version).map((s) => s.name);
  const code = 'hacf/unknown-directive';
  const r = wordRange(d.name);
  const caseMatch = names.find((n) => n.toLowerCase() === word.toLowerCase());
  const stripped = trimEndOf(word, ':=');
  const strippedMatch = stripped !== word ? names.find((n) => n === stripped) : undefined;
  if (version === 2 && findDirective(word, 3)) {
    return { code, range: r, message: `'${word}' exists only in heartbeat 3; heartbeat 2.1.3 refuses to start ("Illegal directive"). Use 'crm' there, or set sysvHa.heartbeatVersion to 3.` };
  }
  const certain = caseMatch ?? strippedMatch;
  if (certain) {
    return {
      code, range: r,
      message: `Unknown directive '${word}': heartbeat compares exactly and refuses to start ("Illegal directive"). Write '${certain}'.`,
      fixes: [replaceFix(code, `Change to '${certain}'`, r, certain)],
    };
  }
  const guess = nearest(word.toLowerCase(), names);
  const hint = word === 'udp' ? " ('udp' was heartbeat 1's name for what is now 'bcast')" : guess ? ` Did you mean '${guess}'?` : '';
  return { code, range: r, message: `Unknown directive '${word}': heartbeat refuses to start ("Illegal directive [${word}]").${hint}` };
}

/** Checks one value of an option directive; false stops checking the line's other values. */
function checkValue(d: Directive, spec: DirectiveSpec, v: Word, out: RawProblem[], facts: HacfFacts, version: HeartbeatVersion): boolean {
  const r = wordRange(v);
  switch (spec.value) {
    case 'time': {
      const t = parseTime(v.text);
      if (!t || !/^[0-9.]/.test(v.text)) {
        facts.times.delete(spec.name);
        out.push(invalidTime(d, spec, v));
        return false;
      }
      const positive = ['keepalive', 'warntime', 'conn_logd_time'].includes(spec.name);
      if (positive && t.ms <= 0) {
        out.push({ code: 'hacf/value-out-of-range', range: r, message: `${spec.name} ${v.text} is ${t.ms} ms; it must be more than 0 or heartbeat refuses to start. Give a positive time.` });
        return false;
      }
      facts.times.set(spec.name, { ms: t.ms, word: v });
      return true;
    }
    case 'integer': {
      // heartbeat reads integers with atoi(): leading digits, anything else is 0 (checked
      // with the real daemon: `debug x` and `udpport 69x` are accepted, `rtprio x` is not).
      const n = atoi(v.text);
      if ((spec.min !== undefined && n < spec.min) || (spec.max !== undefined && n > spec.max)) {
        const read = String(n) === v.text ? '' : ` (heartbeat reads '${v.text}' as ${n})`;
        out.push({ code: 'hacf/value-out-of-range', range: r, message: `${spec.name} ${v.text} is out of range${rangeText(spec)}${read}; heartbeat refuses to start.` });
        return false;
      }
      return true;
    }
    case 'boolean': {
      if (parseBoolean(v.text) === undefined) {
        out.push({ code: 'hacf/invalid-value', range: r, message: `${spec.name} needs a boolean (yes/no, on/off, true/false, y/n, 1/0), not '${v.text}'; heartbeat refuses to start.` });
        return false;
      }
      return true;
    }
    case 'enum': {
      // `ccm-only` came with Pacemaker support in 3.x; 2.1.3's crm does not take it.
      const values = (spec.values ?? []).filter((x) => version === 3 || x !== 'ccm-only');
      const ok = values.some((x) => (spec.ignoreCase ? x.toLowerCase() === v.text.toLowerCase() : x === v.text)) || (spec.booleans && parseBoolean(v.text) !== undefined);
      if (!ok) {
        const caseFix = !spec.ignoreCase ? values.find((x) => x.toLowerCase() === v.text.toLowerCase()) : undefined;
        out.push({
          code: 'hacf/invalid-value', range: r,
          message: `'${v.text}' is not a valid ${spec.name}; heartbeat refuses to start. Use one of: ${[...values, ...(spec.booleans ? ['on', 'off'] : [])].join(', ')}.`,
          fixes: caseFix ? [replaceFix('hacf/invalid-value', `Change to '${caseFix}'`, r, caseFix)] : undefined,
        });
        return false;
      }
      return true;
    }
    default:
      return true;
  }
}

/** C atoi(): optional blanks and sign, then digits; 0 when there are none. */
export function atoi(text: string): number {
  const m = /^[ \t]*([+-]?\d+)/.exec(text);
  return m ? Number.parseInt(m[1]!, 10) : 0;
}

function rangeText(spec: DirectiveSpec): string {
  if (spec.min !== undefined && spec.max !== undefined) return ` (${spec.min}-${spec.max})`;
  if (spec.min !== undefined) return ` (at least ${spec.min})`;
  return '';
}

function invalidTime(d: Directive, spec: DirectiveSpec, v: Word): RawProblem {
  const code = 'hacf/invalid-time';
  const idx = d.values.indexOf(v);
  const prev = idx > 0 ? d.values[idx - 1] : undefined;
  // `500 ms`: the unit split off by a blank.
  if (prev && /^(ms|msec|us|usec)$/i.test(v.text) && /^[0-9.]+$/.test(prev.text)) {
    return {
      code, range: wordRange(v),
      message: `The unit is split off by a blank: heartbeat reads '${prev.text}' (seconds) and then '${v.text}' as a second value, and refuses to start. Write '${prev.text}${v.text}'.`,
      fixes: [replaceFix(code, `Change to '${prev.text}${v.text}'`, range(d.line, prev.start, v.end), `${prev.text}${v.text}`)],
    };
  }
  const m = /^([0-9]+(?:\.[0-9]*)?)(s|sec|secs|seconds?|m|min|mins|minutes?)$/i.exec(v.text);
  if (m) {
    const minutes = /^m/i.test(m[2]!);
    const seconds = Number.parseFloat(m[1]!) * (minutes ? 60 : 1);
    const fixed = String(Number.isInteger(seconds) ? seconds : seconds);
    return {
      code, range: wordRange(v),
      message: `'${v.text}' is not a time heartbeat reads (only ms and us units exist; no unit means seconds); it refuses to start. Write '${fixed}'.`,
      fixes: [replaceFix(code, `Change to '${fixed}'`, wordRange(v), fixed)],
    };
  }
  return { code, range: wordRange(v), message: `'${v.text}' is not a time heartbeat reads for ${spec.name}; it refuses to start. Write seconds ('2'), or glue ms/us to the number ('500ms').` };
}

/** Media that carry heartbeats between the nodes (the ping kinds only watch other hosts). */
const PATH_MEDIA = ['bcast', 'mcast', 'mcast6', 'ucast', 'ucast6', 'serial', 'rds', 'tipc'];

/** One heartbeat path between the nodes: an interface or a serial port, and its first line. */
export interface HeartbeatPath {
  /** How the path is named for people: `bcast eth0`, `serial /dev/ttyS0`. */
  label: string;
  directive: Directive;
}

/**
 * The heartbeat paths between the nodes, one per interface or serial device: `bcast eth0` and
 * two `ucast eth0 …` lines are still one path, because one NIC, cable or switch carries them all.
 */
export function communicationPaths(media: readonly Directive[]): HeartbeatPath[] {
  const paths = new Map<string, HeartbeatPath>();
  for (const d of media) {
    const name = d.name.text;
    if (!PATH_MEDIA.includes(name)) continue;
    // tipc names no device: each line is a path of its own.
    const devices = name === 'tipc' ? [d.rest.text] : name === 'bcast' || name === 'serial' ? d.values.map((v) => v.text) : d.values.slice(0, 1).map((v) => v.text);
    for (const dev of devices) if (!paths.has(dev)) paths.set(dev, { label: `${name} ${dev}`, directive: d });
  }
  return [...paths.values()];
}

function mediaCounts(d: Directive, spec: DirectiveSpec): boolean {
  if (SPLIT_MEDIA.includes(spec.name)) return d.values.length > 0;
  return d.rest.text.length > 0;
}

function checkMedia(d: Directive, spec: DirectiveSpec, out: RawProblem[]): void {
  const args = d.values;
  switch (spec.value) {
    case 'mcast':
    case 'mcast6': {
      const [, group, port, ttl, loop] = args;
      if (!group || !port || !ttl || !loop) {
        out.push({ code: 'hacf/bad-mcast', range: lineRange(d), message: `${spec.name} needs ${spec.shape.slice(spec.name.length + 1)}; ${!group ? 'the group' : !port ? 'the port' : !ttl ? 'the ttl' : 'loop'} is missing, so heartbeat refuses to start.` });
        return;
      }
      const groupOk = spec.name === 'mcast' ? isIpv4Multicast(group.text) : /^ff[0-9a-f]{2}:/i.test(group.text);
      if (!groupOk) out.push({ code: 'hacf/bad-mcast', range: wordRange(group), message: `${group.text} is not ${spec.name === 'mcast' ? 'an IPv4 multicast address (224.0.0.0/4)' : 'an IPv6 multicast address (ff..)'}; heartbeat refuses to start ("bad addr"). Use e.g. ${spec.name === 'mcast' ? '239.192.0.1' : 'ff12::1'}.` });
      // The plugin reads port, ttl and loop with atoi() (`x` is 0).
      if (atoi(port.text) <= 0) out.push({ code: 'hacf/bad-mcast', range: wordRange(port), message: `Port '${port.text}' is not a UDP port; heartbeat refuses to start. Use e.g. 694.` });
      if (atoi(ttl.text) < 0 || atoi(ttl.text) > 4) out.push({ code: 'hacf/bad-mcast', range: wordRange(ttl), message: `${spec.name === 'mcast' ? 'ttl' : 'hops'} '${ttl.text}' is refused ("bad ttl"): the code accepts only 0-4, whatever the docs say. Use 1.` });
      if (atoi(loop.text) !== 0 && atoi(loop.text) !== 1) out.push({ code: 'hacf/bad-mcast', range: wordRange(loop), message: `loop must be 0 or 1, not '${loop.text}'; heartbeat refuses to start ("bad loop").` });
      return;
    }
    case 'ucast': {
      if (args.length > 2) {
        out.push({ code: 'hacf/ucast-extra-peers', range: range(d.line, args[2]!.start, args[args.length - 1]!.end), message: `${spec.name} reads one peer; ${args.slice(2).map((a) => a.text).join(', ')} ${args.length > 3 ? 'are' : 'is'} ignored. Write one ${spec.name} line per peer.` });
      }
      return;
    }
    case 'serial': {
      for (const a of args) {
        if (!a.text.startsWith('/')) {
          out.push({ code: 'hacf/serial-not-absolute', range: wordRange(a), message: `Serial port '${a.text}' is not a full path; heartbeat refuses to start. Write '/dev/${a.text}'.`, fixes: [replaceFix('hacf/serial-not-absolute', `Change to '/dev/${a.text}'`, wordRange(a), `/dev/${a.text}`)] });
        }
      }
      return;
    }
    default:
      return;
  }
}

function isIpv4Multicast(text: string): boolean {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!m) return false;
  const parts = m.slice(1).map((x) => Number.parseInt(x, 10));
  return parts.every((p) => p <= 255) && parts[0]! >= 224 && parts[0]! <= 239;
}

/**
 * STONITH types whose parameter list may be empty: `suicide` has no parameters, and an
 * `external/*` plugin's parameters come from its script, which is not known here.
 */
const STONITH_NO_PARAMS = (type: string): boolean => type === 'suicide' || type.startsWith('external/');

/**
 * `stonith TYPE CONFIG-FILE` (`set_stonith_info`): no type is `No Stonith type given`; a type
 * without a file hands the plugin an unset file name, which it cannot open (`Invalid Stonith
 * config file`). Whether the type exists depends on the installed plugins: not checked.
 */
function checkStonith(d: Directive, out: RawProblem[]): void {
  const ws = wordsOf(d);
  if (ws.length === 0) {
    out.push({ code: 'hacf/bad-stonith', range: lineRange(d), message: 'stonith needs a device type and its configuration file (stonith TYPE FILE); heartbeat refuses to start ("No Stonith type given").' });
  } else if (ws.length === 1) {
    out.push({ code: 'hacf/bad-stonith', range: lineRange(d), message: `stonith ${ws[0]!.text} needs the device's configuration file after the type; heartbeat refuses to start ("Invalid Stonith config file"). Add its path, or use stonith_host with the parameters on the line.` });
  }
}

/**
 * `stonith_host FROM TYPE PARAMS…` (`set_stonith_host_info`): heartbeat reads the type and the
 * parameters only on the host FROM (lower-cased) or on every host for `*`; on the others the
 * line is skipped. So a line for a host that is not a node of this file is never read.
 */
function checkStonithHost(d: Directive, facts: HacfFacts, out: RawProblem[]): void {
  const ws = wordsOf(d);
  const [host, type, ...params] = ws;
  if (!host) {
    out.push({ code: 'hacf/bad-stonith', range: lineRange(d), message: 'stonith_host needs the host it applies to (a node or *), the device type and its parameters; heartbeat refuses to start ("No Stonith hostname argument given").' });
    return;
  }
  const lower = host.text.toLowerCase();
  const readBy = host.text === '*' ? 'every node' : facts.nodes.some((n) => n.text.toLowerCase() === lower) ? `node ${host.text}` : undefined;
  if (!readBy) return;
  if (!type) {
    out.push({ code: 'hacf/bad-stonith', range: lineRange(d), message: `stonith_host ${host.text} has no device type; heartbeat on ${readBy} refuses to start ("No Stonith type given"). Add the type and its parameters (stonith_host ${host.text} TYPE PARAMS…).` });
  } else if (params.length === 0 && !STONITH_NO_PARAMS(type.text)) {
    out.push({ code: 'hacf/bad-stonith', range: lineRange(d), message: `stonith_host ${host.text} ${type.text} has no parameters; heartbeat on ${readBy} refuses to start ("Invalid Stonith configuration parameter"). Add its parameters ('stonith -t ${type.text} -n' lists them).` });
  }
}

function checkWholeLine(d: Directive, spec: DirectiveSpec, out: RawProblem[], apiClients: Map<string, Directive>): void {
  const words = d.rest.text.length > 0 ? d.rest.text.split(/[ \t]+/) : [];
  if (spec.value === 'stonith') {
    checkStonith(d, out);
    return;
  }
  if (spec.value === 'respawn') {
    const cmd = d.values.length >= 2 ? wordsOf(d)[1] : undefined;
    if (words.length < 2) {
      out.push({ code: 'hacf/bad-respawn', range: lineRange(d), message: `${spec.name} needs a user and a command (${spec.shape}); heartbeat refuses to start.` });
    } else if (cmd && !cmd.text.startsWith('/')) {
      out.push({ code: 'hacf/bad-respawn', range: wordRange(cmd), message: `The command '${cmd.text}' is not a full path; heartbeat refuses to start ("not full pathname"). Write its absolute path.` });
    }
    return;
  }
  if (spec.value === 'apiauth') {
    const ws = wordsOf(d);
    const client = ws[0];
    if (!client) {
      out.push({ code: 'hacf/bad-apiauth', range: lineRange(d), message: 'apiauth needs a client name and uid= or gid=; heartbeat refuses to start.' });
      return;
    }
    if (client.text.length >= 32) {
      out.push({ code: 'hacf/bad-apiauth', range: wordRange(client), message: `The client name is ${client.text.length} characters; heartbeat allows at most 31 and refuses to start.` });
      return;
    }
    const lists = ws.slice(1);
    const uid = lists.filter((w) => w.text.startsWith('uid='));
    const gid = lists.filter((w) => w.text.startsWith('gid='));
    const bad = lists.find((w) => !w.text.startsWith('uid=') && !w.text.startsWith('gid='));
    if (bad) {
      out.push({ code: 'hacf/bad-apiauth', range: wordRange(bad), message: `'${bad.text}' is neither uid=… nor gid=…; heartbeat refuses to start ("Invalid apiauth directive").` });
    } else if (uid.length + gid.length === 0) {
      out.push({ code: 'hacf/bad-apiauth', range: lineRange(d), message: `apiauth ${client.text} needs uid=… or gid=…; heartbeat refuses to start.` });
    } else if (uid.length > 1 || gid.length > 1) {
      const dup = uid.length > 1 ? uid[1]! : gid[1]!;
      out.push({ code: 'hacf/bad-apiauth', range: wordRange(dup), message: `${dup.text.slice(0, 3)}= is given twice; heartbeat refuses to start. Join the names with commas in one ${dup.text.slice(0, 3)}= list.` });
    } else if (apiClients.has(client.text)) {
      const first = apiClients.get(client.text)!;
      out.push({ code: 'hacf/bad-apiauth', range: wordRange(client), message: `apiauth for '${client.text}' is already given on line ${first.line + 1}; heartbeat refuses to start. Merge the two lines.`, related: [{ path: '', range: lineRange(first), message: 'first apiauth line' }] });
    } else {
      apiClients.set(client.text, d);
    }
  }
}

/** The rest of a whole-line directive split on blanks (no comma splitting). */
function wordsOf(d: Directive): Word[] {
  const out: Word[] = [];
  const re = /[^ \t]+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(d.rest.text))) out.push({ text: m[0], line: d.line, start: d.rest.start + m.index, end: d.rest.start + m.index + m[0].length });
  return out;
}

function checkTiming(facts: HacfFacts, out: RawProblem[]): void {
  const keep = facts.times.get('keepalive');
  const dead = facts.times.get('deadtime');
  const keepMs = keep?.ms ?? DEFAULT_KEEPALIVE_MS;
  const deadMs = dead?.ms ?? DEFAULT_DEADTIME_MS;
  if (deadMs <= 2 * keepMs && (dead || keep)) {
    const at = dead?.word ?? keep!.word;
    out.push({
      code: 'hacf/deadtime-too-small', range: wordRange(at),
      message: `deadtime (${deadMs} ms${dead ? '' : ', the default'}) must be more than twice keepalive (${keepMs} ms${keep ? '' : ', the default'}); heartbeat refuses to start. Raise deadtime above ${2 * keepMs} ms, e.g. ${Math.max(10, Math.ceil((2 * keepMs + 1) / 1000) * 5)}.`,
    });
  }
  const init = facts.times.get('initdead');
  if (init) {
    if (init.ms < deadMs) {
      out.push({ code: 'hacf/initdead-too-small', range: wordRange(init.word), message: `initdead (${init.ms} ms) is smaller than deadtime (${deadMs} ms); heartbeat refuses to start. Set it to at least deadtime, ideally twice it (${(2 * deadMs) / 1000}).` });
    } else if (init.ms < INITDEAD_WARN_MS) {
      out.push({ code: 'hacf/initdead-short', range: wordRange(init.word), message: `initdead is ${init.ms} ms; heartbeat warns it "may be too small" (under 10 s the other node may be declared dead while the network comes up). Use at least 10, ideally twice deadtime.` });
    }
  }
  const ping = facts.times.get('deadping');
  if (ping && ping.ms <= 2 * keepMs) {
    out.push({ code: 'hacf/deadping-too-small', range: wordRange(ping.word), message: `deadping (${ping.ms} ms) must be more than twice keepalive (${keepMs} ms); heartbeat refuses to start. Raise it above ${2 * keepMs} ms.` });
  }
  const warn = facts.times.get('warntime');
  if (warn && warn.ms >= deadMs) {
    out.push({ code: 'hacf/warntime-too-large', range: wordRange(warn.word), message: `warntime (${warn.ms} ms) is not below deadtime (${deadMs} ms): the late-heartbeat warning can never come before the node is declared dead. Set it below deadtime.` });
  }
}
