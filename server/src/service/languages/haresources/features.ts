/**
 * haresources editor features: completion (node names from ha.cf, resource agents and the
 * scripts of the workspace), hover, symbols and folding.
 */
import type { AnalysisContext } from '../../core/language';
import type { SourceText } from '../../core/text';
import { range, type CompletionEntry, type FoldingEntry, type HoverResult, type InlayHintEntry, type Position, type Range, type SymbolEntry } from '../../core/types';
import { subnetLabel } from '../ipaddr/address';
import { commentFolding } from '../hacf/shared';
import type { Group, HaresourcesModel, Resource } from './parse';
import { AGENTS, GROUP_DOC, findAgent } from './spec';
import { resolveScript, type HaresourcesContext } from './workspace';
import { resourceHover } from '../../migrate';

export interface HaresourcesDoc {
  model: HaresourcesModel;
  ws?: HaresourcesContext;
  describeAddress?: (text: string) => string | undefined;
}

function groupAt(model: HaresourcesModel, line: number): Group | undefined {
  return model.groups.find((g) => line >= g.startLine && line <= g.endLine);
}

export function complete(doc: HaresourcesDoc, src: SourceText, position: Position, ctx: AnalysisContext): CompletionEntry[] {
  const text = src.lineText(position.line);
  const before = text.slice(0, position.character);
  if (before.includes('#')) return [];
  // The word being typed starts after the last blank (a backward scan: the regex /[^ \t]*$/ is
  // quadratic on a long line without blanks).
  const wordStart = Math.max(before.lastIndexOf(' '), before.lastIndexOf('\t')) + 1;
  const after = /^[^ \t]*/.exec(text.slice(position.character))![0];
  const r = range(position.line, wordStart, position.character + after.length);
  const g = groupAt(doc.model, position.line);
  const isNodePosition = (!g || (g.node.line === position.line && position.character <= g.node.end)) && doc.model.kinds[position.line] !== 'continuation';
  if (isNodePosition) {
    const nodes = [...new Set((doc.ws?.hacf?.facts.nodes ?? []).map((n) => n.text.toLowerCase()))];
    return nodes.map((n, i) => ({ label: n, kind: 'value', detail: `node in ${doc.ws!.hacf!.path}`, edit: { range: r, newText: n }, sortText: String(i).padStart(3, '0') }));
  }
  const word = text.slice(wordStart, position.character);
  if (word.includes('::')) return [];
  const items: CompletionEntry[] = AGENTS.filter((a) => a.name !== 'hto-mapfuncs').map((a, i) => ({
    label: a.name, kind: 'keyword', detail: `${a.name}::${a.args}`, documentation: agentMarkdown(a.name),
    edit: { range: r, newText: a.minArgs > 0 ? `${a.name}::` : a.name }, sortText: `0${String(i).padStart(3, '0')}`,
  }));
  const seen = new Set(items.map((i) => i.label));
  for (const dir of doc.ws?.scriptDirs ?? []) {
    for (const name of ctx.host?.listDir(dir) ?? []) {
      if (seen.has(name) || !resolveScript(name, doc.ws!, ctx.host!)) continue;
      seen.add(name);
      items.push({ label: name, kind: 'file', detail: `${dir}/${name}`, edit: { range: r, newText: name }, sortText: `1${name}` });
    }
  }
  return items;
}

function agentMarkdown(name: string): string {
  const a = findAgent(name);
  if (!a) return '';
  return [`**${a.name}** — ${a.summary}`, `\`${a.name}::${a.args}\``, a.ocf ? `Sets the OCF parameters: ${a.ocf}.` : '', `Needs ${a.minArgs} argument${a.minArgs === 1 ? '' : 's'}; heartbeat adds start, stop or status as the last one.`, '*Source: heartbeat resources/heartbeat/*'].filter(Boolean).join('\n\n');
}

export function hover(doc: HaresourcesDoc, _src: SourceText, position: Position, ctx: AnalysisContext): HoverResult | null {
  const g = groupAt(doc.model, position.line);
  if (!g) return null;
  const within = (t: { line: number; start: number; end: number }) => t.line === position.line && position.character >= t.start && position.character <= t.end;
  if (within(g.node)) {
    const lines = [`**Preferred node \`${g.node.text}\`** — the node that runs this group when both are up (with \`auto_failback on\`, it takes the group back). heartbeat compares it case-insensitively with the \`node\` lines of ha.cf.`];
    const hacf = doc.ws?.hacf;
    if (hacf) {
      const decl = hacf.facts.nodes.filter((n) => n.text.toLowerCase() === g.node.text.toLowerCase());
      lines.push(decl.length > 0 ? `Declared in \`${hacf.path}\` line ${decl.map((d) => d.line + 1).join(', ')}.` : `**Not** a node of \`${hacf.path}\`.`);
    }
    const same = doc.model.groups.filter((o) => o !== g && o.node.text.toLowerCase() === g.node.text.toLowerCase());
    if (same.length > 0) lines.push(`Also the preferred node of the group${same.length === 1 ? '' : 's'} on line ${same.map((o) => o.startLine + 1).join(', ')}.`);
    return { range: range(g.node.line, g.node.start, g.node.end), markdown: lines.join('\n\n') };
  }
  const r = g.resources.find((x) => within(x.token));
  if (!r) return { range: range(g.startLine, 0, g.node.end), markdown: GROUP_DOC };
  return { range: range(r.token.line, r.token.start, r.token.end), markdown: resourceMarkdown(r, g, doc, ctx) };
}

function resourceMarkdown(r: Resource, g: Group, doc: HaresourcesDoc, ctx: AnalysisContext): string {
  const parts: string[] = [];
  const position = g.resources.indexOf(r);
  if (r.bareAddress) parts.push(`A bare address: heartbeat runs \`IPaddr ${r.token.text} start|stop|status\`.`);
  const agent = findAgent(r.name);
  if (agent) parts.push(agentMarkdown(agent.name));
  else {
    const found = doc.ws && ctx.host ? resolveScript(r.name, doc.ws, ctx.host) : undefined;
    parts.push(found ? `Runs \`${found}${r.args.map((a) => ` ${a.text}`).join('')} start|stop|status\`.` : `Runs \`${r.name}${r.args.map((a) => ` ${a.text}`).join('')} start|stop|status\` from /etc/ha.d/resource.d, else the init.d directory. \`status\` must print "running" or "OK".`);
  }
  if ((r.name === 'IPaddr' || r.name === 'IPaddr2') && doc.describeAddress) {
    const arg = r.args[0];
    if (arg) {
      // ip[/nbits[/nic[:label]][/broadcast]]: the third part is a broadcast when it starts with a digit.
      const [ip, nbits, third, fourth] = arg.text.split('/');
      // Without nbits the prefix is not /32 (as for `ip addr add`): IPaddr takes it from the routes.
      const about = nbits !== undefined && nbits !== '' ? doc.describeAddress(`${ip}/${nbits}`) : undefined;
      if (about) parts.push(about);
      else parts.push(`Address \`${ip}\`.`);
      const nic = third !== undefined && !/^[0-9]/.test(third) ? third : undefined;
      const broadcast = nic !== undefined ? fourth : third;
      const extra: string[] = [];
      if (nbits === undefined || nbits === '') extra.push('No `/nbits`: the netmask comes from the routing table at takeover (with only a default route: `Cannot use default route w/o netmask`).');
      if (nic) extra.push(`Interface: \`${nic}\`${nic.includes(':') ? (r.name === 'IPaddr2' ? ' (`nic:label`: the address gets that label)' : ' — an alias; IPaddr wants the plain interface') : ''}.`);
      if (broadcast) extra.push(`Broadcast given: \`${broadcast}\` (IPaddr does not check it against the subnet).`);
      if (extra.length) parts.push(extra.join('\n\n'));
    }
  }
  parts.push(position === 0 ? 'This is the **group key** (the first resource): it must be unique in the file.' : `Started after ${g.resources.slice(0, position).map((x) => `\`${x.name}\``).join(', ')}; stopped before them.`);
  // What it becomes in Pacemaker (docs/migration.md), right under what it is.
  parts.splice(1, 0, resourceHover(r, ctx.path, ctx.host));
  return parts.join('\n\n');
}

export function symbols(doc: HaresourcesDoc, src: SourceText): SymbolEntry[] {
  return doc.model.groups.map((g) => ({
    name: g.node.text,
    detail: g.resources.map((r) => r.token.text).join(' '),
    kind: 'namespace',
    range: range(g.startLine, 0, src.lineText(g.endLine).length, g.endLine),
    selectionRange: range(g.node.line, g.node.start, g.node.end),
    children: g.resources.map((r) => ({
      name: r.token.text, detail: r.bareAddress ? 'IPaddr' : findAgent(r.name)?.summary, kind: 'function',
      range: range(r.token.line, r.token.start, r.token.end), selectionRange: range(r.token.line, r.token.start, r.token.end),
    } satisfies SymbolEntry)),
  }));
}

export function folding(doc: HaresourcesDoc): FoldingEntry[] {
  const out = commentFolding(doc.model.kinds);
  for (const g of doc.model.groups) if (g.endLine > g.startLine) out.push({ startLine: g.startLine, endLine: g.endLine, kind: 'region' });
  return out;
}

/** After an IPaddr/IPaddr2 address with a prefix (or a bare address), its network and broadcast. */
export function inlayHints(doc: HaresourcesDoc, _src: SourceText, r: Range): InlayHintEntry[] {
  const out: InlayHintEntry[] = [];
  for (const g of doc.model.groups) {
    if (g.endLine < r.start.line || g.startLine > r.end.line) continue;
    for (const res of g.resources) {
      if (res.name !== 'IPaddr' && res.name !== 'IPaddr2') continue;
      const arg = res.args[0];
      if (!arg) continue;
      // IPaddr::ADDR/BITS/IFACE/BROADCAST: the address and its prefix are the first two fields.
      const [addr, bits] = arg.text.split('/');
      const label = bits === undefined ? undefined : subnetLabel(`${addr}/${bits}`);
      if (label) out.push({ position: { line: arg.line, character: arg.end }, label, tooltip: `${res.name} puts ${addr} in this subnet` });
    }
  }
  return out;
}
