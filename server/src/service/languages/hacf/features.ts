/**
 * ha.cf editor features: completion, hover, symbols, code lenses and folding, read from the
 * spec table (`spec.ts`) and the parsed model.
 */
import type { AnalysisContext } from '../../core/language';
import { SourceText } from '../../core/text';
import { parseHaresources } from '../haresources/parse';
import { range, type CodeLensEntry, type CompletionEntry, type FoldingEntry, type HoverResult, type InlayHintEntry, type Position, type Range, type SymbolEntry } from '../../core/types';
import { commentFolding, heartbeatDirFile, isNamed, nodeUsesInHaresources } from './shared';
import { communicationPaths, type HacfFacts } from './checks';
import type { Directive, HacfModel, Word } from './parse';
import {
  BOOLEAN_FALSE, BOOLEAN_TRUE, DEFAULT_DEADTIME_MS, DEFAULT_KEEPALIVE_MS, directivesOf, findDirective, parseTime,
  type DirectiveSpec, type HeartbeatVersion,
} from './spec';

export interface HacfDoc {
  model: HacfModel;
  facts: HacfFacts;
  version: HeartbeatVersion;
}

function directiveAt(model: HacfModel, line: number): Directive | undefined {
  return model.directives.find((d) => d.line === line);
}

// ---------------------------------------------------------------------------------------
// Completion

export function complete(doc: HacfDoc, src: SourceText, position: Position, ctx?: AnalysisContext): CompletionEntry[] {
  const text = src.lineText(position.line);
  const before = text.slice(0, position.character);
  if (/^\s*#/.test(before) || before.includes('#')) return [];
  const d = directiveAt(doc.model, position.line);
  if (!d || position.character <= d.name.end) {
    const start = d ? d.name.start : before.length - before.trimStart().length;
    const end = d ? d.name.end : position.character;
    const r = range(position.line, start, Math.max(end, position.character));
    return directivesOf(doc.version).map((s, i) => ({
      label: s.name, kind: 'keyword', detail: s.shape,
      edit: { range: r, newText: d && d.values.length > 0 ? s.name : `${s.name} ` },
      sortText: String(i).padStart(3, '0'),
      resolveKey: `directive:${doc.version}:${s.name}`,
    }));
  }
  const spec = findDirective(d.name.text, doc.version);
  if (!spec) return [];
  const word = d.values.find((v) => position.character >= v.start && position.character <= v.end);
  const r = word ? range(position.line, word.start, word.end) : range(position.line, position.character, position.character);
  if (spec.value === 'node') return nodeSuggestions(doc, ctx).map((n, i) => ({ label: n, kind: 'value', detail: 'preferred node in haresources', edit: { range: r, newText: n }, sortText: String(i).padStart(3, '0') }));
  return valueSuggestions(spec).map(([value, detail], i) => ({
    label: value, kind: 'value', detail,
    edit: { range: r, newText: value },
    sortText: String(i).padStart(3, '0'),
  }));
}

/** Preferred nodes of the haresources next to this ha.cf that are not declared yet. */
function nodeSuggestions(doc: HacfDoc, ctx?: AnalysisContext): string[] {
  if (!ctx?.host || !isNamed(ctx.path, 'ha.cf')) return [];
  const text = ctx.host.readFile(heartbeatDirFile(ctx.path, 'haresources'));
  if (text === undefined) return [];
  const declared = new Set(doc.facts.nodes.map((n) => n.text.toLowerCase()));
  const names = parseHaresources(new SourceText(text)).groups.map((g) => g.node.text.toLowerCase());
  return [...new Set(names)].filter((n) => !declared.has(n));
}

function valueSuggestions(spec: DirectiveSpec): [string, string][] {
  if (spec.value === 'boolean') return [['yes', 'true'], ['no', 'false'], ['on', 'true'], ['off', 'false']];
  if (spec.value === 'enum') {
    const vals: [string, string][] = (spec.values ?? []).map((v) => [v, spec.summary]);
    if (spec.booleans) vals.unshift(['on', 'true'], ['off', 'false']);
    return vals;
  }
  if (spec.value === 'time') {
    const defaults: Record<string, string[]> = { keepalive: ['1', '2', '500ms'], deadtime: ['10', '30'], warntime: ['5', '10'], initdead: ['60', '120'], deadping: ['10', '30'], conn_logd_time: ['60'] };
    return (defaults[spec.name] ?? ['1']).map((v) => [v, `${parseTime(v)!.ms} ms`]);
  }
  return [];
}

export function resolveCompletion(key: string): string | undefined {
  const [kind, version, name] = key.split(':');
  if (kind !== 'directive' || !name) return undefined;
  const spec = findDirective(name, version === '2' ? 2 : 3);
  return spec ? directiveMarkdown(spec) : undefined;
}

// ---------------------------------------------------------------------------------------
// Hover

export function hover(doc: HacfDoc, _src: SourceText, position: Position, ctx: AnalysisContext): HoverResult | null {
  const d = directiveAt(doc.model, position.line);
  if (!d) return null;
  const spec = findDirective(d.name.text, doc.version);
  if (position.character >= d.name.start && position.character <= d.name.end) {
    const r = range(d.line, d.name.start, d.name.end);
    if (!spec) return { range: r, markdown: `\`${d.name.text}\` is not a directive heartbeat ${doc.version === 2 ? '2.1.3' : '3.0.6'} knows: it refuses to start ("Illegal directive"). Directives are compared case-sensitively.` };
    const note = spec.kind === 'media' ? pathsNote(doc) : undefined;
    return { range: r, markdown: directiveMarkdown(spec, doc) + (note ? `\n\n${note}` : '') };
  }
  if (!spec) return null;
  const v = d.values.find((w) => position.character >= w.start && position.character <= w.end);
  if (!v) return null;
  const r = range(d.line, v.start, v.end);
  if (spec.value === 'time') {
    const t = /^[0-9.]/.test(v.text) ? parseTime(v.text) : undefined;
    return {
      range: r,
      markdown: t
        ? `**${spec.name} = ${t.ms} ms** as heartbeat computes it (\`cl_get_msec\`: ${t.unit === 's' ? 'no unit, so seconds' : t.unit === 'ms' ? 'milliseconds' : 'microseconds, rounded to ms'}).\n\n${timingSummary(doc)}`
        : `\`${v.text}\` is not a time heartbeat reads: only \`ms\`/\`us\` units exist, glued to the number; no unit means seconds.`,
    };
  }
  if (spec.value === 'node') return { range: r, markdown: [nodeMarkdown(v, doc, ctx), pathsNote(doc)].filter(Boolean).join('\n\n') };
  return { range: r, markdown: directiveMarkdown(spec, doc) };
}

function timingSummary(doc: HacfDoc): string {
  const t = (n: string, def: string) => {
    const v = doc.facts.times.get(n);
    return v ? `${v.ms} ms` : `${def} (default)`;
  };
  return `keepalive ${t('keepalive', `${DEFAULT_KEEPALIVE_MS} ms`)} · deadtime ${t('deadtime', `${DEFAULT_DEADTIME_MS} ms`)} · warntime ${t('warntime', 'deadtime/2')} · initdead ${t('initdead', 'computed')}`;
}

function nodeMarkdown(v: Word, doc: HacfDoc, ctx: AnalysisContext): string {
  const name = v.text.toLowerCase();
  const lines = [`**Node \`${v.text}\`** — heartbeat lower-cases it (\`${name}\`) and compares it with \`uname -n\` on each machine.`];
  const others = doc.facts.nodes.filter((n) => n !== v && n.text.toLowerCase() === name);
  if (others.length > 0) lines.push(`Also declared on line ${others.map((o) => o.line + 1).join(', ')} of this file.`);
  if (ctx.host && isNamed(ctx.path, 'ha.cf')) {
    const path = heartbeatDirFile(ctx.path, 'haresources');
    const uses = nodeUsesInHaresources(ctx.host, path, name);
    if (uses === undefined) lines.push('No haresources file next to this ha.cf.');
    else if (uses.length === 0) lines.push(`Not the preferred node of any group in \`${path}\`.`);
    else lines.push(`Preferred node of ${uses.length} resource group${uses.length === 1 ? '' : 's'} in \`${path}\` (line ${uses.join(', ')}).`);
  }
  return lines.join('\n\n');
}

function directiveMarkdown(spec: DirectiveSpec, doc?: HacfDoc): string {
  const lines = [`**${spec.name}** — ${spec.summary}`, `\`${spec.shape}\``, spec.doc];
  const facts: string[] = [];
  if (spec.default) facts.push(`Default: \`${spec.default}\``);
  if (spec.unit) facts.push(`Unit: ${spec.unit}`);
  if (spec.value === 'boolean') facts.push(`Boolean: ${BOOLEAN_TRUE.join(' ')} / ${BOOLEAN_FALSE.join(' ')} (any case)`);
  if (spec.once) facts.push('May be given only once');
  if (spec.versions) facts.push(`heartbeat ${spec.versions.map((v) => (v === 3 ? '3.x' : '2.1.3')).join(', ')} only`);
  if (spec.kind === 'media') facts.push('Heartbeat medium (an HBcomm plugin)');
  if (facts.length) lines.push(facts.map((f) => `- ${f}`).join('\n'));
  if (spec.rule) lines.push(`**Rule:** ${spec.rule}`);
  if (doc && spec.value === 'time') lines.push(timingSummary(doc));
  lines.push(`*Source: heartbeat ${spec.source}*`);
  return lines.join('\n\n');
}

// ---------------------------------------------------------------------------------------
// Symbols, lenses, folding

export function symbols(doc: HacfDoc, src: SourceText): SymbolEntry[] {
  return doc.model.directives.map((d) => {
    const spec = findDirective(d.name.text, doc.version);
    return {
      name: d.name.text,
      detail: d.rest.text,
      kind: spec?.kind === 'media' ? 'event' : spec?.value === 'node' ? 'constant' : 'key',
      range: range(d.line, 0, src.lineText(d.line).length),
      selectionRange: range(d.line, d.name.start, d.name.end),
    } satisfies SymbolEntry;
  });
}

export function lenses(doc: HacfDoc): CodeLensEntry[] {
  const keep = doc.facts.times.get('keepalive');
  const dead = doc.facts.times.get('deadtime');
  const at = dead ?? keep;
  if (!at) return [];
  const k = keep?.ms ?? DEFAULT_KEEPALIVE_MS;
  const dd = dead?.ms ?? DEFAULT_DEADTIME_MS;
  return [{ range: range(at.word.line, 0, at.word.end), title: `A node is declared dead after ${dd} ms (${Math.floor(dd / k)} missed heartbeats of ${k} ms)` }];
}

export function folding(doc: HacfDoc): FoldingEntry[] {
  return commentFolding(doc.model.kinds);
}


/** The heartbeat paths, shown on hover when they are redundant (one path is `hacf/single-path`). */
function pathsNote(doc: HacfDoc): string | undefined {
  const paths = communicationPaths(doc.facts.media);
  return paths.length > 1 ? `Heartbeat paths: ${paths.map((p) => `\`${p.label}\``).join(', ')} — redundant, as recommended.` : undefined;
}

/** After each time value its value in milliseconds (`deadtime 30` → `30000 ms`), as heartbeat reads it. */
export function inlayHints(doc: HacfDoc, _src: SourceText, r: Range): InlayHintEntry[] {
  const out: InlayHintEntry[] = [];
  for (const d of doc.model.directives) {
    if (d.line < r.start.line || d.line > r.end.line) continue;
    const spec = findDirective(d.name.text, doc.version);
    if (spec?.value !== 'time') continue;
    for (const v of d.values) {
      const t = /^[0-9.]/.test(v.text) ? parseTime(v.text) : undefined;
      if (!t || t.unit === 'ms') continue;
      out.push({ position: { line: v.line, character: v.end }, label: `${t.ms} ms`, tooltip: `heartbeat reads ${v.text} as ${t.ms} ms${t.unit === 's' ? ' (no unit: seconds)' : ''}` });
    }
  }
  return out;
}
