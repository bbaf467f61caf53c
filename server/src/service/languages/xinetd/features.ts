/**
 * xinetd editor features: completion, hover, symbols, code lenses (chkconfig on/off),
 * folding and the chkconfig refactoring, from the spec table and the parsed model.
 */
import { commentFolding } from '../../core/folding';
import { pathToFileURL } from 'node:url';
import type { SourceText } from '../../core/text';
import { range, type CodeLensEntry, type CompletionEntry, type Fix, type FoldingEntry, type HoverResult, type Position, type Range, type SymbolEntry } from '../../core/types';
import { describeAddress } from '../ipaddr';
import { canonical, type EntryFacts, type XinetdFacts } from './checks';
import { chkconfigRewrite, chkconfigState, xinetdToggleEdit } from './chkconfig';
import { words, type Entry, type Tok, type XinetdModel } from './parse';
import {
  BUILTINS, COMMON_PROTOCOLS, ENTRY_KEYWORDS, INSECURE_SERVICES, LOG_TYPES, OPERATORS, SYSLOG_FACILITIES, SYSLOG_LEVELS, VALUE_DOCS,
  attributesOf, countIn, eq, findAttribute, findWord, type AttributeSpec,
} from './spec';
import type { ServicesDb } from './workspace';

export interface XinetdDoc {
  model: XinetdModel;
  facts: XinetdFacts;
  db: ServicesDb;
  path: string;
  src: SourceText;
}

/** The command a client runs for the chkconfig lens: args `[uri, name, 'on'|'off']`. */
export const TOGGLE_COMMAND = 'sysvHa.xinetdToggle';

/** The entry whose body holds a line (between `{` and `}`), or whose header is on it. */
function entryAt(model: XinetdModel, line: number): { entry: Entry; inBody: boolean } | undefined {
  for (const e of model.entries) {
    if (e.line === line) return { entry: e, inBody: false };
    const end = e.close ?? (e.fault?.kind === 'incomplete' ? Number.MAX_SAFE_INTEGER : e.last + 1);
    if (e.open !== undefined && line > e.open && line < end) return { entry: e, inBody: true };
  }
  return undefined;
}

const factsOf = (doc: XinetdDoc, e: Entry): EntryFacts | undefined => doc.facts.entries.find((f) => f.entry === e);

// ---------------------------------------------------------------------------------------
// Completion

export function complete(doc: XinetdDoc, src: SourceText, position: Position): CompletionEntry[] {
  const text = src.lineText(position.line);
  if (/^[ \t]*#/.test(text)) return [];
  const before = text.slice(0, position.character);
  const toks = words(text);
  const at = toks.find((t) => position.character >= t.start && position.character <= t.end);
  const cursor = range(position.line, position.character, position.character);
  const wordRange = at ? range(position.line, at.start, at.end) : cursor;
  const where = entryAt(doc.model, position.line);

  if (!where || !where.inBody) {
    // Top level: an entry keyword, or the service name after `service`.
    const first = toks[0];
    if (!first || (at === first) || position.character <= first.start) {
      return ENTRY_KEYWORDS.map((k, i) => ({
        label: k.name, kind: 'keyword', detail: k.doc.replace(/\*\*/g, '').split(' — ')[0],
        edit: { range: wordRange, newText: k.name === 'service' || k.name === 'include' || k.name === 'includedir' ? `${k.name} ` : k.name },
        sortText: String(i), resolveKey: `keyword:${k.name}`,
      }));
    }
    if (eq(first.text, 'service') && (toks.length === 1 || at === toks[1] || (!at && toks.length === 1))) {
      const seen = new Set<string>();
      return doc.db.entries.filter((s) => !seen.has(s.name) && seen.add(s.name)).map((s) => ({
        label: s.name, kind: 'value', detail: `${s.port}/${s.proto}`,
        edit: { range: wordRange, newText: s.name },
      }));
    }
    return [];
  }

  const section = where.entry.kind;
  const facts = factsOf(doc, where.entry);
  const opMatch = /^([ \t]*)(\S+)([ \t]+)(\+=|-=|=)?/.exec(before);
  const nameTok = toks[0];
  // The attribute name (the first word, before any operator).
  if (!nameTok || at === nameTok || position.character <= (nameTok?.start ?? 0) || (!opMatch && !/[ \t]/.test(before.trimStart()))) {
    const rest = at ? text.slice(at.end) : text.slice(position.character);
    const hasOp = /^[ \t]*(\+=|-=|=)/.test(rest);
    return attributesOf(section)
      .filter((a) => !(facts?.set.has(canonical(a.name)) && countIn(a, section)! > 0 && facts.set.get(canonical(a.name))!.attr.line !== position.line))
      .map((a, i) => ({
        label: a.name, kind: 'keyword', detail: a.summary,
        edit: { range: wordRange, newText: hasOp ? a.name : `${a.name} = ` },
        sortText: String(i).padStart(2, '0'), resolveKey: `attribute:${a.name}`,
      }));
  }
  const spec = findAttribute(nameTok.text);
  if (!spec || countIn(spec, section) === undefined) return [];
  const count = countIn(spec, section)!;
  if (opMatch && !opMatch[4]) {
    // After the name: the operators this attribute takes.
    const ops = OPERATORS.filter((o) => o === '=' || (count === -2 && !(spec.name === 'env' && o === '-=')));
    return ops.map((o) => ({ label: o, kind: 'keyword', detail: o === '=' ? 'set' : o === '+=' ? 'add to the inherited/earlier values' : 'remove from the inherited/earlier values', edit: { range: wordRange, newText: `${o} ` } }));
  }
  // After the operator: values.
  const valuesBefore = words(text).filter((t) => t.start > (nameTok.end) && t.end < position.character && !/^(\+=|-=|=)$/.test(t.text));
  // Right after the operator (`wait =┃`): insert after it, with a blank.
  const afterOp = at !== undefined && /^(\+=|-=|=)$/.test(at.text);
  return valueCompletions(spec, valuesBefore).map((v, i) => ({
    label: v, kind: 'constant', detail: VALUE_DOCS[v]?.split('.')[0] ?? spec.summary,
    edit: afterOp ? { range: cursor, newText: ` ${v}` } : { range: wordRange, newText: v },
    filterText: afterOp ? ` ${v}` : undefined,
    sortText: String(i).padStart(2, '0'), resolveKey: VALUE_DOCS[v] ? `value:${v}` : undefined,
  }));
}

function valueCompletions(spec: AttributeSpec, before: Tok[]): string[] {
  const used = (w: string): boolean => before.some((t) => eq(t.text, w));
  if (spec.name === 'log_type') {
    if (before.length === 0) return [...LOG_TYPES];
    if (eq(before[0]!.text, 'SYSLOG')) return before.length === 1 ? [...SYSLOG_FACILITIES] : before.length === 2 ? [...SYSLOG_LEVELS] : [];
    return [];
  }
  if (spec.name === 'protocol') return before.length === 0 ? [...COMMON_PROTOCOLS] : [];
  if (spec.name === 'user') return before.length === 0 ? ['root', 'nobody'] : [];
  if (spec.name === 'only_from' && before.length === 0) return ['127.0.0.1', '0.0.0.0'];
  if (!spec.values) return [];
  const list = spec.name === 'instances' || spec.name === 'per_source' || spec.kind === 'limit' || spec.kind === 'files' || spec.kind === 'seconds' ? [...spec.values] : spec.values;
  const single = (spec.service ?? spec.defaults ?? 0) > 0;
  if (single && before.length > 0) return [];
  return list.filter((w) => !used(w));
}

/** Documentation for a completion entry, built on resolve. */
export function resolveCompletion(key: string): string | undefined {
  const colon = key.indexOf(':');
  const kind = key.slice(0, colon);
  const name = key.slice(colon + 1);
  if (kind === 'attribute') {
    const a = findAttribute(name);
    return a ? attributeMarkdown(a) : undefined;
  }
  if (kind === 'keyword') return ENTRY_KEYWORDS.find((k) => k.name === name)?.doc;
  if (kind === 'value') return VALUE_DOCS[name];
  return undefined;
}

// ---------------------------------------------------------------------------------------
// Hover

function attributeMarkdown(a: AttributeSpec): string {
  const countText = (n: number | undefined): string => n === undefined ? 'not allowed' : n > 0 ? `exactly ${n} value${n > 1 ? 's' : ''}, \`=\` only` : n === -1 ? 'a list, `=` only' : `a list; \`=\`, \`+=\`, \`-=\`${a.name === 'env' ? ' (no `-=`)' : ''}`;
  const rows = [
    `| in a service | ${countText(a.service)} |`,
    `| in defaults | ${countText(a.defaults)}${a.defaults === -2 ? ' (`=` adds, like `+=`)' : ''} |`,
    `| default | ${a.default} |`,
  ];
  if (a.values) rows.push(`| values | ${a.values.map((v) => `\`${v}\``).join(', ')} |`);
  return [`**${a.name}** — ${a.summary}`, a.doc, `| | |\n|---|---|\n${rows.join('\n')}`, `*Source: ${a.source}*`].join('\n\n');
}

export function hover(doc: XinetdDoc, src: SourceText, position: Position): HoverResult | null {
  const text = src.lineText(position.line);
  if (/^[ \t]*#/.test(text)) return null;
  const toks = words(text);
  const at = toks.find((t) => position.character >= t.start && position.character < t.end);
  if (!at) return null;
  const r = range(position.line, at.start, at.end);
  const where = entryAt(doc.model, position.line);
  if (!where || !where.inBody) {
    const first = toks[0]!;
    if (at === first) {
      const k = ENTRY_KEYWORDS.find((x) => eq(x.name, at.text));
      return k ? { range: r, markdown: k.doc } : null;
    }
    if (eq(first.text, 'service') && at === toks[1]) return { range: r, markdown: serviceMarkdown(doc, where?.entry) };
    return null;
  }
  const nameTok = toks[0]!;
  const spec = findAttribute(attributeName(nameTok.text));
  if (at === nameTok) {
    if (!spec) return { range: r, markdown: `\`${at.text}\` is not an attribute xinetd knows: the line is ignored.` };
    const inSection = countIn(spec, where.entry.kind) !== undefined;
    return { range: r, markdown: (inSection ? '' : `⚠ Not allowed in ${where.entry.kind === 'defaults' ? 'defaults' : 'a service'}: xinetd ignores this line.\n\n`) + attributeMarkdown(spec) };
  }
  if (!spec || /^(\+=|-=|=)$/.test(at.text)) return null;
  const word = at.text.replace(/\r$/, '');
  const closed = spec.values ? findWord(spec.values, word) : undefined;
  if (closed && VALUE_DOCS[closed]) return { range: r, markdown: `**${closed}** (${spec.name}) — ${VALUE_DOCS[closed]}` };
  if (spec.kind === 'address' || spec.kind === 'addresses' || (spec.kind === 'redirect' && at === toks.find((t) => t.start > nameTok.end && !/^(\+=|-=|=)$/.test(t.text)))) {
    const md = describeAddress(word);
    if (md) return { range: r, markdown: md };
  }
  if (spec.kind === 'port') {
    const names = doc.db.entries.filter((s) => String(s.port) === word).map((s) => `${s.name}/${s.proto}`);
    return { range: r, markdown: `Port ${word}${names.length > 0 ? `: ${names.join(', ')} in ${doc.db.source}` : ` (not in ${doc.db.source})`}` };
  }
  if (spec.name === 'disable') return { range: r, markdown: attributeMarkdown(spec) };
  return null;
}

/** The attribute name of a first word (`name+=…` → `name`), in one scan. */
function attributeName(word: string): string {
  const eqAt = word.indexOf('=');
  if (eqAt < 0) return word;
  return word.slice(0, eqAt > 0 && (word[eqAt - 1] === '+' || word[eqAt - 1] === '-') ? eqAt - 1 : eqAt);
}

function serviceMarkdown(doc: XinetdDoc, e: Entry | undefined): string {
  const f = e ? factsOf(doc, e) : undefined;
  const name = f?.name ?? '';
  const parts = [`**service ${name}**`];
  const ports = doc.db.entries.filter((s) => s.name === name || s.aliases.includes(name)).map((s) => `${s.port}/${s.proto}`);
  parts.push(ports.length > 0 ? `In ${doc.db.source}: ${ports.join(', ')}.` : `Not in ${doc.db.source}: it needs \`type = UNLISTED\` and a \`port\`.`);
  if (f) {
    const facts: string[] = [];
    if (f.socket || f.protocol) facts.push(`${f.socket ?? '?'} / ${f.protocol ?? '?'}${f.port !== undefined ? ` port ${f.port}` : ''}`);
    if (f.id !== f.name) facts.push(`id \`${f.id}\``);
    facts.push(f.disabled ? 'disabled (`disable = yes`)' : f.broken ? '**xinetd rejects this entry** (see the errors)' : 'enabled');
    parts.push(facts.join(' · '));
    if (f.types.has('INTERNAL') && !f.flags.has('SENSOR') && !(BUILTINS[name.toLowerCase()] ?? []).includes(f.socket ?? '')) {
      parts.push(`⚠ xinetd has no built-in \`${name}\`${f.socket ? ` for ${f.socket}` : ''} ("No such internal service"): it disables the entry. Built-ins: ${Object.keys(BUILTINS).join(', ')}.`);
    }
    const insecure = INSECURE_SERVICES[name];
    const restricted = f.set.has('only_from');
    if (insecure && !f.disabled && !(name === 'tftp' && restricted)) parts.push(`⚠ Security audits flag \`${name}\` when enabled${name === 'tftp' ? ' without only_from' : ''}: ${insecure}.`);
    if (f.set.get('user')?.values[0]?.text === 'root' && !f.set.has('only_from') && !f.disabled) parts.push('Runs as root and has no `only_from`: every host may connect.');
  }
  return parts.join('\n\n');
}

// ---------------------------------------------------------------------------------------
// Symbols, lenses, folding, refactorings

export function symbols(doc: XinetdDoc): SymbolEntry[] {
  return doc.facts.entries.map((f) => {
    const e = f.entry;
    const sel = e.name ? range(e.line, e.name.start, e.name.end) : range(e.line, e.keyword.start, e.keyword.end);
    const detail = e.kind === 'defaults' ? '' : [f.socket, f.protocol && f.port !== undefined ? `${f.protocol}/${f.port}` : f.protocol, f.disabled ? 'disabled' : ''].filter(Boolean).join(' · ');
    return {
      name: e.kind === 'service' ? `service ${f.name}` : 'defaults',
      detail,
      kind: e.kind === 'service' ? 'module' : 'namespace',
      range: { start: { line: e.line, character: 0 }, end: { line: e.last, character: doc.src.lineText(e.last).length } },
      selectionRange: sel,
      children: e.attrs.filter((a) => !a.fault).map((a) => ({
        name: a.name.text, detail: a.values.map((v) => v.text.replace(/\r$/, '')).join(' '), kind: 'key' as const,
        range: range(a.line, a.start, a.end), selectionRange: range(a.line, a.name.start, a.name.end),
      })),
    } satisfies SymbolEntry;
  });
}

/** The chkconfig name of the file (chkconfig manages `/etc/xinetd.d/NAME`), or undefined. */
function chkconfigName(path: string): string | undefined {
  const m = /(?:^|\/)xinetd\.d\/([^/]+)$/.exec(path.replace(/\\/g, '/'));
  return m ? m[1] : undefined;
}

function uriOf(path: string): string {
  try {
    return path.startsWith('/') ? pathToFileURL(path).href : path;
  } catch {
    return path;
  }
}

export function lenses(doc: XinetdDoc): CodeLensEntry[] {
  const name = chkconfigName(doc.path);
  if (!name) return [];
  const state = chkconfigState(doc.src.text);
  const next = state === 'on' ? 'off' : 'on';
  return doc.facts.entries.filter((f) => f.entry.kind === 'service').map((f) => ({
    range: range(f.entry.line, f.entry.start, f.entry.end),
    title: `chkconfig: ${state} — run 'chkconfig ${name} ${next}'`,
    command: { id: TOGGLE_COMMAND, args: [uriOf(doc.path), name, next] },
  }));
}

/** The chkconfig on/off rewrite as refactorings (kind refactor), for files in xinetd.d. */
export function refactors(doc: XinetdDoc, r: Range): Fix[] {
  const name = chkconfigName(doc.path);
  if (!name || !doc.facts.entries.some((f) => f.entry.kind === 'service' && f.entry.line <= r.end.line && f.entry.last >= r.start.line)) return [];
  const out: Fix[] = [];
  for (const state of ['on', 'off'] as const) {
    const edit = xinetdToggleEdit(doc.src.text, state);
    if (edit && chkconfigRewrite(doc.src.text, state) !== doc.src.text) out.push({ code: 'chkconfig', title: `chkconfig ${name} ${state} (${state === 'on' ? 'enable' : 'disable'} the service)`, edits: [edit] });
  }
  return out;
}

export function folding(doc: XinetdDoc): FoldingEntry[] {
  const out: FoldingEntry[] = [];
  for (const e of doc.model.entries) if (e.last > e.line) out.push({ startLine: e.line, endLine: e.close ?? e.last, kind: 'region' });
  out.push(...commentFolding(doc.model.kinds));
  return out.sort((a, b) => a.startLine - b.startLine);
}
