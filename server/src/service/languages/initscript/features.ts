/**
 * Init-script editor features: completion, hover, outline, folding and signature help,
 * from the header model, the body model and the spec table.
 */
import { systemdLens, systemdRefactors } from '../../systemd/editor';
import type { SignatureInfo } from '../../core/language';
import { trailingRunStart } from '../../core/scan';
import { insertLinesAt, type SourceText } from '../../core/text';
import { contains, range, type CodeLensEntry, type CompletionEntry, type Fix, type FoldingEntry, type HoverResult, type InlayHintEntry, type Position, type Range, type SemanticToken, type SymbolEntry } from '../../core/types';
import { describeAddress } from '../ipaddr';
import { subnetLabel } from '../ipaddr/address';
import { daemonNote, libraryNote, pidNote, pidUses, usageNote } from './notes';
import { resolve } from './checks';
import type { InitScriptDoc } from './index';
import {
  ACTIONS, FACILITIES, FUNCTIONS, LSB_KEYWORDS, RH_TAGS, RUNLEVEL_MEANING, exitCodeMeaning, libraryFunction, lsbKeyword, lsbKeywordCaseless,
  type InitProfile,
} from './spec';

const at = (r: Range, p: Position) => contains(r, p);

function meaningTable(level: string, profile: InitProfile): string {
  const m = RUNLEVEL_MEANING[level.toUpperCase()];
  if (!m) return `\`${level}\` is not a runlevel.`;
  const mine = profile === 'rhel' || profile === 'debian' || profile === 'suse' ? m[profile] : m.lsb;
  // A list, not a table: hovers draw tables without column rules, so the cells ran together.
  return `**Runlevel ${level.toUpperCase()}** — ${mine}\n\n- **Red Hat:** ${m.rhel}\n- **Debian:** ${m.debian}\n- **SUSE:** ${m.suse}\n- **LSB:** ${m.lsb}`;
}

// ---------------------------------------------------------------------------------------
// Hover

/** A link name under the cursor (`S40atd`, `/etc/rc.d/rc3.d/K60atd`): which script, level, order. */
export function linkNameHover(lineText: string, p: Position): HoverResult | null {
  const re = /(?:rc([0-6S])\.d\/)?\b([SK])(\d\d)([A-Za-z][A-Za-z0-9_.@+-]*)/g;
  for (const m of lineText.matchAll(re)) {
    const start = m.index!;
    const end = start + m[0].length;
    if (p.character < start || p.character > end) continue;
    const [, level, kind, nn, name] = m;
    const what = kind === 'S' ? `**start** link: rc runs \`${name} start\`` : `**kill** link: rc runs \`${name} stop\``;
    const where = level ? ` when entering runlevel ${level}` : '';
    return { range: range(p.line, start, end), markdown: `\`${m[0]}\` — ${what}${where}, in position ${Number(nn)} (links run in name order, so lower numbers go first). It points at \`../init.d/${name}\`.` };
  }
  return null;
}

export function hover(doc: InitScriptDoc, src: SourceText, p: Position): HoverResult | null {
  const h = doc.header;
  const lineText = src.lineText(p.line).replace(/\r$/, '');

  // chkconfig line: levels and priorities.
  const ck = h.chkconfig;
  if (ck && ck.line === p.line) {
    const r = (t: { start: number; end: number }) => range(p.line, t.start, t.end);
    if (at(r(ck.levels), p)) {
      const c = lineText[p.character];
      if (c && /[0-6]/.test(c) && p.character < ck.levels.end) return { range: range(p.line, p.character, p.character + 1), markdown: meaningTable(c, doc.profile) };
      return { range: r(ck.levels), markdown: `**chkconfig levels** — \`chkconfig --add\` turns the service on in ${ck.levelSet.length ? ck.levelSet.join(', ') : 'no runlevel (`-`)'} and off in the others.` };
    }
    const linkList = (kind: 'S' | 'K', prio: number, levels: number[]) => {
      const on = [0, 1, 2, 3, 4, 5, 6].filter((n) => (kind === 'S') === levels.includes(n));
      const nn = String(prio).padStart(2, '0');
      return on.map((n) => `\`/etc/rc.d/rc${n}.d/${kind}${nn}${doc.name}\``).join(', ');
    };
    if (at(r(ck.start), p)) {
      // With levels '-' nothing starts after --add; 'chkconfig NAME on' enables 2345.
      const none = ck.levelSet.length === 0;
      const text = none
        ? `with the levels \`-\`, \`chkconfig --add\` makes no start link; \`chkconfig ${doc.name} on\` would create ${linkList('S', ck.startPriority, [2, 3, 4, 5])}`
        : `\`chkconfig --add\` creates ${linkList('S', ck.startPriority, ck.levelSet)}`;
      return { range: r(ck.start), markdown: `**Start priority ${ck.startPriority}** — ${text}: started after the lower numbers, before the higher.` };
    }
    if (at(r(ck.stop), p)) return { range: r(ck.stop), markdown: `**Stop priority ${ck.stopPriority}** — \`chkconfig --add\` creates ${linkList('K', ck.stopPriority, ck.levelSet)}: stopped in ascending order when leaving a runlevel. Red Hat convention: stop = 100 − start.` };
    return { range: range(p.line, 0, lineText.length), markdown: RH_TAGS[0]!.doc };
  }

  // LSB block entries.
  for (const b of h.blocks) {
    for (const e of b.entries) {
      if (e.line !== p.line) continue;
      if (at(range(e.line, e.keyword.start, e.keyword.end), p)) {
        const spec = e.spec ?? lsbKeywordCaseless(e.keyword.text);
        if (!spec) return { range: range(e.line, e.keyword.start, e.keyword.end), markdown: e.extension ? `\`${e.keyword.text}\` — a local extension keyword (X-*); chkconfig and insserv ignore it unless they know it.` : `\`${e.keyword.text}\` is not an LSB keyword.` };
        return { range: range(e.line, e.keyword.start, e.keyword.end), markdown: `**${spec.name}:** — ${spec.doc}\n\n- *insserv:* ${spec.insserv}\n- *chkconfig:* ${spec.chkconfig}` };
      }
      for (const w of e.words) {
        if (!at(range(e.line, w.start, w.end), p)) continue;
        if (e.spec?.value === 'runlevels' && w.text.length === 1) return { range: range(e.line, w.start, w.end), markdown: meaningTable(w.text, doc.profile) };
        const f = FACILITIES.find((x) => x.name === w.text);
        // What systemd makes of it is added by systemdHover (per systemd version).
        if (f) return { range: range(e.line, w.start, w.end), markdown: `**${f.name}** — ${f.doc}` };
        if (e.spec?.value === 'facilities') return { range: range(e.line, w.start, w.end), markdown: `\`${w.text}\` — a script that must ${e.spec.name.endsWith('Stop') ? 'still run while this one stops' : 'start before this one'}: another init script's name or Provides.` };
      }
    }
  }
  const tag = h.tags.find((t) => t.line === p.line);
  if (tag) {
    const spec = RH_TAGS.find((t) => t.name === tag.name);
    const note = tag.name === 'pidfile' && doc.body ? pidNote(pidUses(doc.body, h.tags, (t) => resolve(t, doc.body!, doc.name))) : undefined;
    if (spec) return { range: range(p.line, 0, lineText.length), markdown: spec.doc + (note ? `\n\n${note}` : '') };
  }
  if (h.descriptions.some((d) => d.line === p.line)) return { range: range(p.line, 0, lineText.length), markdown: RH_TAGS.find((t) => t.name === 'description')!.doc };

  const body = doc.body;
  if (!body) return linkNameHover(lineText, p);
  for (const c of body.commands) {
    if (!at(c.range, p)) continue;
    if (at(c.nameRange, p)) {
      const fn = body.functions.some((f) => f.name === c.name) ? undefined : libraryFunction(c.name);
      if (fn) {
        const notes = [libraryNote(body, c, fn, { profile: doc.profile, initDScript: doc.initDScript ?? false }), daemonNote(c)].filter((x): x is string => x !== undefined);
        return { range: c.nameRange, markdown: `\`\`\`sh\n${fn.signature}\n\`\`\`\n\n${fn.doc}${fn.returns ? `\n\n**Returns:** ${fn.returns}` : ''}${notes.map((n) => `\n\n${n}`).join('')}` };
      }
      if ((c.name === 'exit' || c.name === 'return') && c.args[0] && /^\d+$/.test(c.args[0].text)) {
        const inStatus = c.inBranch !== undefined && body.dispatcher?.branches[c.inBranch]?.patterns.some((x) => x.text === 'status');
        const n = Number(c.args[0].text);
        return { range: c.range, markdown: `**${c.name} ${n}** — ${inStatus ? 'status' : 'LSB'} meaning: ${exitCodeMeaning(n, !!inStatus)}.` };
      }
    }
    for (const a of c.args) {
      if (!at(a.range, p)) continue;
      if (/\.pid\b|pidfile|PIDFILE/.test(a.raw) && c.args.some((x, i) => i < c.args.length && /^(-p|--pidfile)(=|$)/.test(x.text))) {
        const note = pidNote(pidUses(body, doc.header.tags, (t) => resolve(t, body, doc.name)));
        if (note) return { range: a.range, markdown: note };
      }
      if (a.text.includes('/var/lock/subsys/') || a.text.includes('lock/subsys')) {
        return { range: a.range, markdown: `**Subsys lock** — Red Hat rc runs a K (stop) script only while \`/var/lock/subsys/${doc.name}\` exists, and skips an S (start) script while it exists. Create it on a successful start and remove it on stop; its name must be the script's name.` };
      }
      if ((c.name === 'ip' || c.name.endsWith('/ip')) && /^[0-9a-fA-F:.]+(\/\d+)?$/.test(a.text)) {
        const md = describeAddress(a.text);
        if (md) return { range: a.range, markdown: md };
      }
      if ((c.name === 'exit' || c.name === 'return') && /^\d+$/.test(a.text)) {
        const inStatus = c.inBranch !== undefined && body.dispatcher?.branches[c.inBranch]?.patterns.some((x) => x.text === 'status');
        return { range: c.range, markdown: `**${c.name} ${a.text}** — ${inStatus ? 'status' : 'LSB'} meaning: ${exitCodeMeaning(Number(a.text), !!inStatus)}.` };
      }
    }
  }
  if (body.dispatcher) {
    for (const b of body.dispatcher.branches) {
      for (const pat of b.patterns) {
        if (!at(pat.range, p)) continue;
        const action = ACTIONS.find((a) => a.name === pat.text);
        if (action) return { range: pat.range, markdown: `**${action.name}** — ${action.doc}${action.required ? '\n\nRequired by LSB.' : ''}` };
        if (pat.text === '*') {
          const note = usageNote(body);
          return { range: pat.range, markdown: `The usage branch: any other argument. LSB: print a message and exit 2 (3 for an unimplemented action).${note ? `\n\n${note}` : ''}` };
        }
      }
    }
  }
  return linkNameHover(lineText, p);
}

// ---------------------------------------------------------------------------------------
// Completion

export function complete(doc: InitScriptDoc, src: SourceText, p: Position): CompletionEntry[] {
  const text = src.lineText(p.line).replace(/\r$/, '');
  const before = text.slice(0, p.character);
  const h = doc.header;
  const inBlock = h.blocks.some((b) => p.line > b.begin && (b.end === undefined || p.line < b.end));
  // The word before the cursor: the trailing run of `ch` in `before` (found by a backward scan:
  // a `/[…]*$/` search retries from every position, quadratic on a long line).
  const wordAt = (ch: RegExp) => {
    const start = trailingRunStart(before, (c) => ch.test(c));
    let end = p.character;
    while (end < text.length && /[A-Za-z0-9_$-]/.test(text[end]!)) end++;
    return range(p.line, start, end);
  };

  // A keyword at the start of a header comment line.
  const kw = /^#[ \t]*([A-Za-z-]*)$/.exec(before);
  if (kw) {
    const r = wordAt(/[A-Za-z-]/);
    if (inBlock) {
      return LSB_KEYWORDS.map((k, i) => ({ label: `${k.name}:`, kind: 'keyword' as const, detail: k.value, edit: { range: r, newText: `${k.name}: ` }, sortText: String(i).padStart(2, '0'), resolveKey: `lsb:${k.name}` }));
    }
    if (p.line < 40) {
      return RH_TAGS.map((t) => ({ label: `${t.name}:`, kind: 'keyword' as const, edit: { range: r, newText: `${t.name}: ` }, documentation: t.doc }));
    }
  }

  // Values of LSB keywords.
  const entry = /^#[ \t]*([A-Za-z-]+):/.exec(text);
  if (entry && inBlock && before.length > entry[0].length - 1) {
    const spec = lsbKeyword(entry[1]!) ?? lsbKeywordCaseless(entry[1]!);
    const r = wordAt(/[A-Za-z0-9_$-]/);
    const present = new Set(text.slice(entry[0].length).split(/[ \t]+/));
    if (spec?.value === 'facilities') {
      const others = workspaceProvides(doc).filter((n) => n !== doc.name);
      return [
        ...FACILITIES.filter((f) => !present.has(f.name)).map((f, i) => ({ label: f.name, kind: 'constant' as const, detail: f.doc, edit: { range: r, newText: f.name }, sortText: `0${i}` })),
        ...others.filter((n) => !present.has(n)).map((n) => ({ label: n, kind: 'value' as const, detail: 'init script in this tree', edit: { range: r, newText: n }, sortText: `1${n}` })),
      ];
    }
    if (spec?.value === 'runlevels') {
      const levels = spec.name === 'Default-Start' ? ['2', '3', '4', '5', 'S', '0', '1', '6'] : ['0', '1', '6', '2', '3', '4', '5'];
      return levels.filter((l) => !present.has(l)).map((l, i) => ({ label: l, kind: 'constant' as const, detail: RUNLEVEL_MEANING[l]?.lsb, edit: { range: range(p.line, p.character, p.character), newText: l }, sortText: String(i) }));
    }
    if (spec?.name === 'X-Interactive') return [{ label: 'true', kind: 'value', edit: { range: r, newText: 'true' } }];
    return [];
  }

  // chkconfig levels.
  if (/^[ \t]*#[ \t]*chkconfig:[ \t]*[0-6]*$/.test(before)) {
    const typed = before.slice(trailingRunStart(before, (c) => c >= '0' && c <= '6'));
    return ['2', '3', '4', '5', '0', '1', '6'].filter((l) => !typed.includes(l)).map((l, i) => ({ label: l, kind: 'constant' as const, detail: RUNLEVEL_MEANING[l]?.rhel, edit: { range: range(p.line, p.character, p.character), newText: l }, sortText: String(i) }));
  }

  if (/^[ \t]*#/.test(text)) return [];
  const body = doc.body;

  // An interface name after `dev` in an ip command: the ones used elsewhere in the tree.
  if (afterIpDev(before)) {
    const r = wordAt(/[A-Za-z0-9_.:-]/);
    return interfaceNames(doc, src).map((n, i) => ({ label: n, kind: 'value' as const, detail: 'interface used elsewhere in this tree', edit: { range: r, newText: n }, sortText: String(i).padStart(3, '0') }));
  }

  // Action patterns of the dispatcher.
  const inBranchBody = body?.dispatcher?.branches.some((b) => p.line > b.line && p.line <= b.range.end.line) ?? false;
  if (body?.dispatcher && !inBranchBody && p.line > body.dispatcher.headRange.start.line && p.line <= body.dispatcher.range.end.line && /^[ \t]*[A-Za-z-]*$/.test(before) && !/\)/.test(before)) {
    const present = new Set(body.dispatcher.branches.flatMap((b) => b.patterns.map((x) => x.text)));
    const r = wordAt(/[A-Za-z-]/);
    const missing = ACTIONS.filter((a) => !present.has(a.name));
    if (missing.length > 0) return missing.map((a, i) => ({ label: a.name, kind: 'event' as const, detail: a.required ? 'required by LSB' : 'optional', documentation: a.doc, edit: { range: r, newText: `${a.name})` }, sortText: String(i) }));
  }

  // Library functions at a command position.
  if (atCommandPosition(before)) {
    const r = wordAt(/[A-Za-z_-]/);
    const libs = librariesOf(doc);
    return FUNCTIONS.filter((f) => libs.has(f.library)).map((f) => ({ label: f.name, kind: 'snippet' as const, detail: f.signature, edit: { range: r, newText: f.name }, resolveKey: `fn:${f.name}` }));
  }
  return [];
}

/** Interface names used in this script, the other scripts of its folder, rc.local, ha.cf and haresources. */
function interfaceNames(doc: InitScriptDoc, src: SourceText): string[] {
  const texts = [src.text];
  const host = doc.ctx.host;
  if (host) {
    const dir = doc.ctx.path.slice(0, doc.ctx.path.lastIndexOf('/'));
    for (const n of (host.listDir(dir) ?? []).slice(0, 300)) texts.push(host.readFile(`${dir}/${n}`) ?? '');
    const root = doc.ctx.root ?? '';
    for (const f of ['etc/rc.local', 'etc/rc.d/rc.local', 'etc/ha.d/ha.cf', 'etc/ha.d/haresources']) texts.push(host.readFile(`${root}/${f}`) ?? '');
  }
  const names = new Set<string>();
  for (const t of texts) {
    for (const m of t.matchAll(/\bdev[ \t]+([A-Za-z][A-Za-z0-9_.-]*)/g)) names.add(m[1]!);
    for (const m of t.matchAll(/^[ \t]*(?:bcast|ucast|mcast)[ \t]+([A-Za-z][A-Za-z0-9_.-]*)/gm)) names.add(m[1]!);
    for (const m of t.matchAll(/IPaddr2?::[0-9.]+\/\d+\/([A-Za-z][A-Za-z0-9_.-]*)/g)) names.add(m[1]!);
  }
  for (const n of [...names]) if (n.startsWith('$')) names.delete(n);
  return [...names].sort();
}

function librariesOf(doc: InitScriptDoc): Set<string> {
  const set = new Set<string>(['program']);
  if (doc.profile === 'rhel' || doc.profile === 'generic') set.add('rhel');
  if (doc.profile === 'debian' || doc.profile === 'suse' || doc.profile === 'generic') {
    set.add('lsb');
    set.add('debian');
  }
  return set;
}

const isBlankChar = (c: string): boolean => c === ' ' || c === '\t';

/**
 * `/(^|[\s;&|])(\/s?bin\/)?ip\b.*\bdev[ \t]+[A-Za-z0-9_.:-]*$/.test(before)` in linear time:
 * an interface name is being typed after `dev` in an `ip` command.
 */
function afterIpDev(before: string): boolean {
  const word = trailingRunStart(before, (c) => /[A-Za-z0-9_.:-]/.test(c));
  const blanks = trailingRunStart(before.slice(0, word), isBlankChar);
  if (blanks === word || !before.slice(0, blanks).endsWith('dev')) return false;
  const dev = blanks - 3;
  if (dev > 0 && /\w/.test(before[dev - 1]!)) return false;
  const ip = /(?:^|[\s;&|])(?:\/s?bin\/)?ip\b/.exec(before);
  return !!ip && ip.index + ip[0].length <= dev;
}

/**
 * `/(^|[;&|{(]|then|do|else)[ \t]*[A-Za-z_-]*$/.test(before)` in linear time: a command
 * name is being typed (the start of the line, or after an operator or a keyword).
 */
function atCommandPosition(before: string): boolean {
  const word = trailingRunStart(before, (c) => /[A-Za-z_-]/.test(c));
  if (word === 0 || /then|do|else/.test(before.slice(word))) return true;
  const blanks = trailingRunStart(before.slice(0, word), isBlankChar);
  if (blanks === 0) return true;
  const pre = before.slice(0, blanks);
  return /[;&|{(]$/.test(pre) || pre.endsWith('then') || pre.endsWith('do') || pre.endsWith('else');
}

/** Provides of the other scripts in the same init.d folder (through the host). */
function workspaceProvides(doc: InitScriptDoc): string[] {
  const host = doc.ctx.host;
  if (!host) return [];
  const dir = doc.ctx.path.slice(0, doc.ctx.path.lastIndexOf('/'));
  const names = host.listDir(dir) ?? [];
  const out = new Set<string>();
  for (const n of names.slice(0, 500)) {
    const text = host.readFile(`${dir}/${n}`);
    if (!text) continue;
    const m = /^#[ \t]*Provides:(.*)$/m.exec(text.slice(0, 8192));
    if (m) {
      for (const w of m[1]!.split(/[ \t]+/)) if (w && !w.startsWith('$')) out.add(w);
    } else {
      out.add(n);
    }
  }
  return [...out].sort();
}

export function resolveCompletion(key: string): string | undefined {
  const [kind, name] = key.split(':');
  if (kind === 'lsb' && name) {
    const k = lsbKeyword(name);
    return k ? `${k.doc}\n\n- *insserv:* ${k.insserv}\n- *chkconfig:* ${k.chkconfig}` : undefined;
  }
  if (kind === 'fn' && name) {
    const f = libraryFunction(name);
    return f ? `\`\`\`sh\n${f.signature}\n\`\`\`\n\n${f.doc}` : undefined;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------
// Signature help

export function signatureHelp(doc: InitScriptDoc, src: SourceText, p: Position): SignatureInfo | null {
  const body = doc.body;
  if (!body) return null;
  const c = body.commands.find((x) => at(range(x.range.start.line, x.range.start.character, Math.max(x.range.end.character, src.lineText(x.range.end.line).length), x.range.end.line), p) && !at(x.nameRange, p));
  if (!c || body.functions.some((f) => f.name === c.name)) return null;
  const fn = libraryFunction(c.name);
  if (!fn) return null;
  // The parameter: options by name, else the first positional one.
  const argIndex = c.args.findIndex((a) => at(a.range, p) || (a.range.start.line === p.line && a.range.start.character > p.character));
  const current = argIndex >= 0 ? c.args[argIndex] : undefined;
  let active = fn.params.findIndex((x) => current && x.label.split(/[ |]/).some((l) => l.startsWith('-') && current.text.startsWith(l.replace(/=.*/, ''))));
  if (active < 0) active = fn.params.findIndex((x) => !x.label.startsWith('-') && !x.label.startsWith('+'));
  return { label: fn.signature, documentation: fn.doc, parameters: fn.params.map((x) => ({ label: x.label, documentation: x.doc })), activeParameter: Math.max(0, active) };
}

// ---------------------------------------------------------------------------------------
// Outline and folding

export function symbols(doc: InitScriptDoc, src: SourceText): SymbolEntry[] {
  const out: SymbolEntry[] = [];
  const h = doc.header;
  const whole = (l: number) => range(l, 0, src.lineText(l).replace(/\r$/, '').length);
  const headerChildren: SymbolEntry[] = [];
  if (h.chkconfig) headerChildren.push({ name: 'chkconfig', detail: `${h.chkconfig.levels.text} ${h.chkconfig.startPriority} ${h.chkconfig.stopPriority}`, kind: 'key', range: whole(h.chkconfig.line), selectionRange: whole(h.chkconfig.line) });
  for (const b of h.blocks) {
    const end = b.end ?? b.begin;
    headerChildren.push({
      name: 'INIT INFO', kind: 'namespace', range: range(b.begin, 0, src.lineText(end).length, end), selectionRange: whole(b.begin),
      children: b.entries.map((e) => ({ name: e.keyword.text, detail: e.value.text, kind: 'key' as const, range: whole(e.line), selectionRange: range(e.line, e.keyword.start, e.keyword.end) })),
    });
  }
  if (headerChildren.length > 0) {
    const first = headerChildren[0]!.range.start.line;
    const last = Math.max(...headerChildren.map((c) => c.range.end.line));
    out.push({ name: 'header', kind: 'module', range: range(first, 0, src.lineText(last).length, last), selectionRange: headerChildren[0]!.selectionRange, children: headerChildren });
  }
  const body = doc.body;
  if (body) {
    for (const f of body.functions) out.push({ name: `${f.name}()`, kind: 'function', range: f.range, selectionRange: f.nameRange });
    const d = body.dispatcher;
    if (d) {
      out.push({
        name: 'case "$1"', kind: 'namespace', range: d.range, selectionRange: d.headRange,
        children: d.branches.filter((b) => b.patterns.length > 0).map((b) => ({ name: b.patterns.map((x) => x.text).join('|'), kind: 'event' as const, range: b.range, selectionRange: b.patterns[0]!.range })),
      });
    }
  }
  return out.sort((a, b) => a.range.start.line - b.range.start.line);
}

export function folding(doc: InitScriptDoc): FoldingEntry[] {
  const out: FoldingEntry[] = [];
  for (const b of doc.header.blocks) if (b.end !== undefined && b.end > b.begin) out.push({ startLine: b.begin, endLine: b.end, kind: 'region' });
  for (const f of doc.body?.functions ?? []) if (f.range.end.line > f.range.start.line) out.push({ startLine: f.range.start.line, endLine: f.range.end.line });
  const d = doc.body?.dispatcher;
  if (d) {
    if (d.range.end.line > d.range.start.line) out.push({ startLine: d.range.start.line, endLine: d.range.end.line });
    for (const b of d.branches) if (b.range.end.line > b.range.start.line) out.push({ startLine: b.range.start.line, endLine: b.range.end.line });
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Refactors: one header derived from the other

export function refactors(doc: InitScriptDoc, src: SourceText, r: Range): Fix[] {
  const h = doc.header;
  const out: Fix[] = [];
  const touches = (line: number) => r.start.line <= line && line <= r.end.line;
  const block = h.blocks[h.blocks.length - 1];
  if (h.chkconfig && h.blocks.length === 0 && touches(h.chkconfig.line)) {
    // After the comment block that holds the chkconfig line.
    let at = h.chkconfig.line + 1;
    while (at < src.lineCount && /^[ \t]*#/.test(src.lineText(at)) && !/^#!/.test(src.lineText(at))) at++;
    const start = h.chkconfig.levelSet;
    const stop = [0, 1, 2, 3, 4, 5, 6].filter((n) => !start.includes(n));
    const text = [
      '### BEGIN INIT INFO',
      `# Provides:          ${doc.name}`,
      '# Required-Start:    $local_fs $network $syslog',
      '# Required-Stop:     $local_fs $network $syslog',
      `# Default-Start:     ${start.join(' ')}`,
      `# Default-Stop:      ${stop.join(' ')}`,
      `# Short-Description: ${doc.name}`,
      '### END INIT INFO',
      '',
    ].join('\n');
    out.push({ code: 'refactor', title: 'Add an LSB INIT INFO block derived from the chkconfig line', edits: [insertLinesAt(src, at, text)] });
  }
  if (!h.chkconfig && h.chkconfigLines.length === 0 && block && touches(block.begin)) {
    const start = block.entries.find((e) => e.spec?.name === 'Default-Start');
    const levels = start ? [...new Set(start.words.map((w) => w.text).filter((t) => /^[0-6]$/.test(t)))].sort().join('') : '';
    out.push({ code: 'refactor', title: 'Add a chkconfig line derived from the LSB block', edits: [{ range: range(block.begin, 0, 0), newText: `# chkconfig: ${levels || '-'} 50 50\n` }] });
  }
  out.push(...systemdRefactors(doc, r));
  return out;
}

// ---------------------------------------------------------------------------------------
// Code lenses: run the service, register it with the boot-order tool, preview its links

export function lenses(doc: InitScriptDoc, src: SourceText): CodeLensEntry[] {
  if (doc.foreign || doc.name === 'rc.local' || !/^[A-Za-z0-9_.@+-]+$/.test(doc.name)) return [];
  const r = range(0, 0, src.lineText(0).length);
  const run = (title: string, action: string): CodeLensEntry => ({ range: r, title, command: { id: 'sysvHa.runService', args: [doc.name, action, doc.ctx.path, doc.profile] } });
  const out = [run('▶ start', 'start'), run('■ stop', 'stop'), run('↻ restart', 'restart'), run('status', 'status')];
  if (doc.profile !== 'busybox') {
    const tool = doc.profile === 'rhel' ? 'chkconfig' : 'update-rc.d';
    out.push(
      { range: r, title: tool === 'chkconfig' ? 'chkconfig --add' : 'update-rc.d defaults', command: { id: 'sysvHa.registerService', args: [doc.name, 'add', tool] } },
      { range: r, title: tool === 'chkconfig' ? 'chkconfig --del' : 'update-rc.d remove', command: { id: 'sysvHa.registerService', args: [doc.name, 'del', tool] } },
      { range: r, title: 'Preview links', command: { id: 'sysvHa.previewLinks', args: [doc.ctx.path] } },
    );
    const unit = systemdLens(doc, src, doc.ctx.settings);
    if (unit) out.push(unit);
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Inlay hints

/** The iproute2 spellings of `ip address add` (any unambiguous prefix of `address`). */
function isIpAddrAdd(c: { name: string; args: { text: string }[] }): boolean {
  if (c.name !== 'ip' && !c.name.endsWith('/ip')) return false;
  const words = c.args.map((a) => a.text).filter((w) => !w.startsWith('-'));
  return words.length >= 2 && /^a(d(d(r(e(s(s)?)?)?)?)?)?$/.test(words[0]!) && ['add', 'a', 'replace', 'change'].includes(words[1]!);
}

/**
 * After `# chkconfig: 345 40 60` the links `chkconfig --add` makes; after the address of an
 * `ip addr add` its network and broadcast.
 */
export function inlayHints(doc: InitScriptDoc, _src: SourceText, r: Range): InlayHintEntry[] {
  const out: InlayHintEntry[] = [];
  const inRange = (line: number) => line >= r.start.line && line <= r.end.line;
  const ck = doc.header.chkconfig;
  if (ck && inRange(ck.line)) {
    const nn = (n: number) => String(n).padStart(2, '0');
    const off = [0, 1, 2, 3, 4, 5, 6].filter((n) => !ck.levelSet.includes(n));
    const label = ck.levelSet.length === 0
      ? `no links on --add (on: S${nn(ck.startPriority)}${doc.name} in 2345)`
      : `S${nn(ck.startPriority)}${doc.name} in ${ck.levelSet.join('')} · K${nn(ck.stopPriority)}${doc.name} in ${off.join('') || 'none'}`;
    out.push({ position: { line: ck.line, character: ck.stop.end }, label, tooltip: `chkconfig --add ${doc.name} creates these links in /etc/rc.d/rcN.d` });
  }
  for (const c of doc.body?.commands ?? []) {
    if (!inRange(c.range.start.line) || !isIpAddrAdd(c)) continue;
    for (const a of c.args) {
      if (a.dynamic) continue;
      const label = subnetLabel(a.text);
      if (label) out.push({ position: a.range.end, label, tooltip: `The subnet ${a.text} is in: ip adds the route to the network and sets this broadcast with 'brd +'` });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Semantic tokens: the header keywords live in comments, which the grammar colours as comments.

/** The column of a tag keyword (`# pidfile:`) on its comment line. */
function tagColumn(lineText: string, name: string): number {
  const hash = lineText.indexOf('#');
  return hash < 0 ? -1 : lineText.indexOf(name, hash);
}

/**
 * Keywords of the chkconfig line, the Red Hat tags and the LSB block (BEGIN/END, `Provides:`,
 * `Required-Start:`...), the names and runlevels they take, sorted by position.
 */
export function semanticTokens(doc: InitScriptDoc, src: SourceText): SemanticToken[] {
  const out: SemanticToken[] = [];
  const h = doc.header;
  const tok = (line: number, start: number, end: number, type: SemanticToken['type'], modifiers?: SemanticToken['modifiers']) => {
    if (end > start && start >= 0) out.push({ line, start, length: end - start, type, ...(modifiers ? { modifiers } : {}) });
  };
  for (const c of h.chkconfigLines) tok(c.line, c.keyword.start, c.keyword.start + 'chkconfig'.length, 'keyword');
  if (h.chkconfig) for (const t of [h.chkconfig.levels, h.chkconfig.start, h.chkconfig.stop]) tok(h.chkconfig.line, t.start, t.end, 'number');
  for (const d of h.descriptions) {
    const text = src.lineText(d.line);
    const m = /(description|Description|Short-Description)(\([^)]{0,5}\))?:/.exec(text);
    if (m && !h.blocks.some((b) => d.line > b.begin && d.line < (b.end ?? Infinity))) tok(d.line, m.index, m.index + m[1]!.length, 'keyword');
  }
  for (const t of h.tags) {
    const col = tagColumn(src.lineText(t.line), t.name);
    tok(t.line, col, col + t.name.length, 'keyword');
  }
  for (const b of h.blocks) {
    for (const line of [b.begin, b.end]) {
      if (line === undefined) continue;
      const text = src.lineText(line);
      const m = /(BEGIN|END) INIT INFO/.exec(text);
      if (m) tok(line, m.index, m.index + m[0].length, 'keyword');
    }
    for (const e of b.entries) {
      const spec = e.spec ?? lsbKeywordCaseless(e.keyword.text);
      if (!spec && !e.extension) continue;
      const colon = e.keyword.text.indexOf(':');
      tok(e.line, e.keyword.start, colon > 0 ? e.keyword.start + colon : e.keyword.end, 'keyword');
      if (spec?.value === 'runlevels') for (const w of e.words) tok(e.line, w.start, w.end, 'number');
      else if (spec?.value === 'facilities' || spec?.value === 'names') {
        for (const m of e.value.text.matchAll(/[^ \t,;\r]+/g)) {
          const start = e.value.start + m.index!;
          const system = m[0].startsWith('$');
          tok(e.line, start, start + m[0].length, 'variable', system ? ['defaultLibrary'] : spec.value === 'names' ? ['declaration'] : undefined);
        }
      }
    }
  }
  return out.sort((a, b) => a.line - b.line || a.start - b.start);
}
