/**
 * xinetd checks: the parsed model → problems, following what xinetd 2.3.15 does with each
 * line (`identify_attribute`, the value parsers) and then with each whole service
 * (`service_fill`, `check_entry`, `service_attr_check`). An entry xinetd drops for a syntax
 * fault gets that fault only.
 *
 * @see spec/checks.md "xinetd", spec/domain.md §7
 */
import { afterLast } from '../../core/scan';
import { nearest } from '../../core/text';
import { range, type Fix, type Range, type RawProblem, type TextEdit } from '../../core/types';
import { iprouteIpv4, parseIpv6 } from '../ipaddr/address';
import type { AttrLine, Entry, Tok, XinetdModel } from './parse';
import {
  FAILURE_LOG, LOG_TYPES, SERVICE_FLAGS, SERVICE_TYPES, SOCKET_TYPES, SUCCESS_LOG, SYSLOG_FACILITIES, SYSLOG_LEVELS,
  BUILTINS, attributesOf, countIn, eq, findAttribute, findWord, type AttributeSpec,
} from './spec';
import { BUNDLED_PROTOCOLS } from './services';
import type { ServicesDb } from './workspace';

/** What the checks learn about an entry, shared with hover, lenses and the cross-file check. */
export interface EntryFacts {
  entry: Entry;
  /** The service name and id (id = name unless `id` is set). */
  name: string;
  id: string;
  /** Attributes xinetd accepted, by canonical name: the line and its values. */
  set: Map<string, { attr: AttrLine; values: Tok[] }>;
  types: Set<string>;
  flags: Set<string>;
  socket?: string;
  protocol?: string;
  port?: number;
  /** `disable = yes` (as xinetd reads it). */
  disabled: boolean;
  /** An error-level problem was reported in the entry. */
  broken: boolean;
}

export interface XinetdFacts {
  entries: EntryFacts[];
}

export interface CheckContext {
  db: ServicesDb;
  /** The document's lines (without terminators), for fixes that copy text. */
  lines: readonly string[];
}

const ERROR_CODES = new Set([
  'xinetd/brace-not-alone', 'xinetd/missing-close-brace', 'xinetd/bad-entry-line', 'xinetd/no-space-before-operator',
  'xinetd/bad-attribute-line', 'xinetd/inline-comment', 'xinetd/invalid-value', 'xinetd/missing-required-attribute',
  'xinetd/dgram-nowait', 'xinetd/port-mismatch', 'xinetd/not-in-services', 'xinetd/invalid-time-interval',
  'xinetd/traffic-without-redirect', 'xinetd/flag-misuse', 'workspace/xinetd-duplicate-service',
]);

const tokRange = (line: number, t: { start: number; end: number }): Range => range(line, t.start, t.end);
const lineRange = (a: { line: number; start: number; end: number }): Range => range(a.line, a.start, a.end);

export function checkXinetd(model: XinetdModel, ctx: CheckContext): { problems: RawProblem[]; facts: XinetdFacts } {
  const out: RawProblem[] = [];
  const facts: XinetdFacts = { entries: [] };

  for (const b of model.badLines) {
    const swallowed: string[] = [];
    for (let l = b.line + 1; l < (b.skippedTo < 0 ? ctx.lines.length : b.skippedTo); l++) {
      const m = /^[ \t]*(service[ \t]+(\S+)|defaults)[ \t]*$/i.exec(ctx.lines[l] ?? '');
      if (m) swallowed.push(m[2] ? `service ${m[2]}` : 'the defaults');
    }
    const lost = swallowed.length > 0 ? ` and skips everything up to the next '}' line, losing ${swallowed.join(', ')}` : b.skippedTo >= 0 ? ` and skips everything up to the '}' on line ${b.skippedTo + 1}` : '';
    out.push({
      code: 'xinetd/bad-entry-line', range: lineRange(b),
      message: b.reason === 'name-missing'
        ? `'${b.words[0]!.text}' needs a name after it; xinetd reports "service name missing"${lost}. Add the name.`
        : `xinetd expects 'service NAME', 'defaults', 'include FILE' or 'includedir DIR' here, not '${b.words[0]!.text.replace(/\r$/, '')}' ("missing service keyword")${lost}. Put it inside an entry or remove it.`,
    });
  }

  const defaults = model.entries.find((e) => e.kind === 'defaults' && !e.fault);
  const defaultsFacts = defaults ? checkEntry(defaults, undefined, model, ctx, out) : undefined;
  for (const e of model.entries) {
    if (e.kind === 'defaults' && defaults && e !== defaults && e.line > defaults.line && e.fault?.kind !== 'missing-open' && !e.extra.some((w) => w.text.startsWith('{'))) {
      out.push({
        code: 'xinetd/duplicate-defaults', range: lineRange(e),
        message: `Only one defaults entry is allowed (the first is on line ${defaults.line + 1}): xinetd ignores this one. Merge the two.`,
        related: [{ path: '', range: lineRange(defaults), message: 'the defaults xinetd uses' }],
      });
      facts.entries.push(newFacts(e));
      continue;
    }
    const f = e === defaults ? defaultsFacts! : checkEntry(e, defaultsFacts, model, ctx, out);
    facts.entries.push(f);
  }
  const lines = new Map<number, EntryFacts>();
  for (const f of facts.entries) for (let l = f.entry.line; l <= f.entry.last; l++) lines.set(l, f);
  for (const p of out) {
    if (!ERROR_CODES.has(p.code)) continue;
    const f = lines.get(p.range.start.line);
    if (f) f.broken = true;
  }
  return { problems: out, facts };
}

function newFacts(e: Entry): EntryFacts {
  const name = e.name?.text.replace(/\r$/, '') ?? 'defaults';
  return { entry: e, name, id: name, set: new Map(), types: new Set(), flags: new Set(), disabled: false, broken: false };
}

/** Checks one entry. `defaults` is the file's accepted defaults entry (for inherited logging). */
function checkEntry(e: Entry, defaults: EntryFacts | undefined, model: XinetdModel, ctx: CheckContext, out: RawProblem[]): EntryFacts {
  const facts = newFacts(e);
  const section = e.kind;
  const label = e.kind === 'service' ? `service ${facts.name}` : 'defaults';

  // Structure first: a header `{`, an unreadable line, a missing `}` drop the whole entry.
  // A `{` after the name is ignored when a `{` line follows anyway; the entry is then fine.
  const headerBrace = e.fault?.kind === 'missing-open' ? e.extra.find((w) => w.text.startsWith('{') || w.text === '}') : undefined;
  if (e.fault?.kind === 'missing-open') {
    const braceNext = e.fault.line >= 0 && model.kinds[e.fault.line] === 'code';
    out.push({
      code: 'xinetd/brace-not-alone', range: lineRange(e),
      message: headerBrace
        ? `xinetd needs '{' alone on the line after '${label}' ("missing '{'"): the whole entry is skipped. Move '{' to its own line.`
        : braceNext
          ? `The line after '${label}' must be '{' alone ("missing '{'"); xinetd skips everything up to the next '}' line. Put '{' on its own line after the header.`
          : `'${label}' is not followed by a '{' line ("missing '{'"): xinetd skips it. Add the entry's '{' … '}'.`,
      fixes: headerBrace ? [braceFix(e, headerBrace)] : undefined,
    });
    return facts;
  }
  if (e.fault?.kind === 'incomplete') {
    out.push({
      code: 'xinetd/missing-close-brace', range: lineRange(e),
      message: `The entry '${label}' is not closed before the end of the file ("incomplete entry"): xinetd drops it. Add '}' on a line of its own.`,
      fixes: [{ code: 'xinetd/missing-close-brace', title: "Add '}' at the end", edits: [closeBraceEdit(ctx)], preferred: true }],
    });
    return facts;
  }
  if (e.fault?.kind === 'line') {
    const a = e.fault.attr;
    for (const b of e.attrs) if (b !== a && b.brace) out.push(braceProblem(b, label));
    // An unclosed entry eats the next header: say so, on the header xinetd read as an attribute.
    const header = eq(a.name.text, 'service') || eq(a.name.text, 'defaults');
    if (a.brace && !header) {
      out.push(braceProblem(a, label));
    } else if (a.fault === 'glued') {
      const opEnd = a.name.end + 1;
      const attr = a.name.text.replace(/[+-]$/, '');
      const op = a.name.text.endsWith('+') ? '+=' : a.name.text.endsWith('-') ? '-=' : '=';
      const r = range(a.line, a.name.start, opEnd);
      out.push({
        code: 'xinetd/no-space-before-operator', range: r,
        message: `xinetd needs a blank before '${op}' ("Attribute ${a.name.text} needs a space before operator") and drops the whole ${label}. Write '${attr} ${op} …'.`,
        fixes: [{ code: 'xinetd/no-space-before-operator', title: `Write '${attr} ${op} '`, edits: [{ range: r, newText: `${attr} ${op} ` }], preferred: true }],
      });
    } else {
      const what = header
        ? `'${label}' has no closing '}' before line ${a.line + 1}, so xinetd reads '${a.name.text} …' as an attribute ("Bad operator for attribute: ${a.name.text}") and drops both entries. Close the entry above with '}' on a line of its own.`
        : a.fault === 'nothing'
          ? `'${a.name.text}' has no operator and value ("Nothing after attribute: ${a.name.text}"): xinetd drops the whole ${label}. Write '${a.name.text} = VALUE' or remove the line.`
          : `'${a.name.text}' is not followed by '=', '+=' or '-=' ("Bad operator for attribute: ${a.name.text}"): xinetd drops the whole ${label}. Write '${a.name.text} = …'.`;
      out.push({ code: 'xinetd/bad-attribute-line', range: lineRange(a), message: what });
    }
    return facts;
  }

  // Inherited log flags (get_service_entry copies them from defaults before parsing).
  const success = new Set<string>(defaults?.set.get('log_on_success')?.values.map((v) => v.text.toUpperCase()) ?? []);
  let trafficAt: { line: number; tok: Tok } | undefined;
  const erroredAttrs = new Set<string>();
  let crFault = false;

  for (const a of e.attrs) {
    if (a.brace) {
      out.push(braceProblem(a, label));
      erroredAttrs.add(findAttribute(a.name.text)?.name ?? '');
      continue;
    }
    const spec = lookup(a, section, out);
    if (!spec) continue;
    const count = countIn(spec, section)!;
    const op = a.op!;
    const modifiable = count === -2;
    const key = canonical(spec.name);
    if (!modifiable && facts.set.has(key)) {
      const first = facts.set.get(key)!.attr;
      out.push({
        code: 'xinetd/duplicate-attribute', range: tokRange(a.line, a.name),
        message: `'${spec.name}' is already set on line ${first.line + 1}; xinetd ignores this one ("attribute already set"). Remove one of them.`,
        related: [{ path: '', range: tokRange(first.line, first.name), message: 'the value xinetd uses' }],
      });
      continue;
    }
    if (!modifiable && op.text !== '=') {
      out.push({
        code: 'xinetd/operator-not-allowed', range: tokRange(a.line, op),
        message: `'${op.text}' cannot be used with '${spec.name}' (it takes one value${count === -1 ? ' list' : ''}); xinetd ignores the line. Use '='.`,
        fixes: [{ code: 'xinetd/operator-not-allowed', title: "Use '='", edits: [{ range: tokRange(a.line, op), newText: '=' }] }],
      });
      continue;
    }
    if (spec.name === 'env' && op.text === '-=') {
      out.push({ code: 'xinetd/operator-not-allowed', range: tokRange(a.line, op), message: "'-=' is not supported for 'env' (\"operator '-=' not supported\"): xinetd disables the service. Remove the line or use '+='." });
      continue;
    }
    const hash = a.values.findIndex((v) => v.text.startsWith('#'));
    if (hash >= 0) {
      const h = a.values[hash]!;
      out.push({
        code: 'xinetd/inline-comment', range: range(a.line, h.start, a.end),
        message: count > 0
          ? `'#' is not a comment after a value: '${spec.name}' gets ${a.values.length} values instead of ${count} and xinetd ignores the line. Move the comment to a line of its own.`
          : `'#' is not a comment after a value: its words become values of '${spec.name}'. Move the comment to a line of its own.`,
        fixes: [commentFix(ctx, a, h)],
      });
      erroredAttrs.add(spec.name);
      continue;
    }
    if (count > 0 && a.values.length !== count) {
      const r = a.values.length > 0 ? range(a.line, a.values[0]!.start, a.values[a.values.length - 1]!.end) : tokRange(a.line, op);
      out.push({
        code: 'xinetd/wrong-value-count', range: r,
        message: `'${spec.name}' takes exactly ${count} value${count > 1 ? 's' : ''} and has ${a.values.length}${a.values.length === 0 ? '' : ` (values cannot contain blanks)`}: xinetd ignores the line ("expects ${count} values and ${a.values.length} values were specified"). ${a.values.length === 0 ? 'Give the value or remove the line.' : 'Give one value.'}`,
      });
      continue;
    }
    const bad = validate(spec, a, op.text, ctx);
    if (bad.length > 0) {
      // A CR LF file: the CR stays in the last value. One problem per entry for that fault.
      if (a.values.some((v) => v.text.endsWith('\r')) && !validate(spec, stripCr(a), op.text, ctx).some((p) => ERROR_CODES.has(p.code))) {
        if (!crFault) {
          const v = a.values[a.values.length - 1]!;
          out.push({
            code: 'xinetd/invalid-value', range: tokRange(a.line, v),
            message: `This file has CR LF line endings: xinetd keeps the CR in the last value ('${v.text.replace(/\r$/, '')}' + CR is not valid for '${spec.name}') and disables the service. Convert the file to LF line endings.`,
          });
        }
        crFault = true;
        erroredAttrs.add(key);
        continue;
      }
      out.push(...bad);
      if (bad.some((p) => ERROR_CODES.has(p.code))) {
        erroredAttrs.add(spec.name);
        continue;
      }
    }
    // Accepted: record the effective value.
    const prev = facts.set.get(key);
    const values = modifiable && op.text !== '=' && prev ? (op.text === '+=' ? [...prev.values, ...a.values] : prev.values.filter((v) => !a.values.some((w) => eq(w.text, v.text)))) : a.values;
    facts.set.set(key, { attr: a, values });
    switch (spec.name) {
      case 'type': for (const v of a.values) facts.types.add(findWord(SERVICE_TYPES, v.text)!); break;
      case 'flags': for (const v of a.values) facts.flags.add(findWord(SERVICE_FLAGS, v.text)!); break;
      case 'socket_type': facts.socket = findWord(SOCKET_TYPES, a.values[0]!.text); break;
      case 'protocol': facts.protocol = a.values[0]!.text; break;
      case 'port': facts.port = Number.parseInt(a.values[0]!.text, 10); break;
      case 'id': facts.id = a.values[0]!.text; break;
      case 'disable': if (eq(a.values[0]!.text, 'yes')) facts.disabled = true; break;
      case 'log_on_success': {
        if (op.text === '=') success.clear();
        for (const v of a.values) {
          const w = v.text.toUpperCase();
          if (op.text === '-=') success.delete(w);
          else {
            success.add(w);
            if (w === 'TRAFFIC') trafficAt = { line: a.line, tok: v };
          }
        }
        if (!success.has('TRAFFIC')) trafficAt = undefined;
        break;
      }
    }
  }
  if (section === 'service' && !crFault) checkService(facts, success, trafficAt, erroredAttrs, ctx, out);
  return facts;
}

/** Appends a `}` line at the end of the document. */
function closeBraceEdit(ctx: CheckContext): TextEdit {
  const last = ctx.lines.length - 1;
  const text = ctx.lines[last] ?? '';
  return text.length === 0 ? { range: range(last, 0, 0), newText: '}\n' } : { range: range(last, text.length, text.length), newText: '\n}\n' };
}

function braceProblem(a: AttrLine, label: string): RawProblem {
  return {
    code: 'xinetd/brace-not-alone', range: lineRange(a),
    message: `'${a.brace!.text}' must be alone on its line: xinetd reads this line as an attribute, so ${label} is not closed here and swallows what follows. Put the brace on a line of its own.`,
    fixes: [{
      code: 'xinetd/brace-not-alone', title: 'Put the brace on its own line', preferred: true,
      edits: a.brace!.start === a.start
        ? [{ range: range(a.line, a.brace!.start + 1, a.brace!.start + 1), newText: '\n' }]
        : [{ range: range(a.line, a.brace!.start, a.brace!.start), newText: '\n' }],
    }],
  };
}

function braceFix(e: Entry, brace: Tok): Fix {
  // `service NAME {` → `service NAME` + `{` on the next line.
  const before = e.name ? e.name.end : e.keyword.end;
  return { code: 'xinetd/brace-not-alone', title: "Move '{' to its own line", preferred: true, edits: [{ range: range(e.line, before, brace.start + 1), newText: '\n{' }] };
}

function commentFix(ctx: CheckContext, a: AttrLine, h: Tok): Fix {
  const text = ctx.lines[a.line] ?? '';
  const indent = /^[ \t]*/.exec(text)![0];
  const prev = a.values.filter((v) => v.end <= h.start);
  const cut = prev.length > 0 ? prev[prev.length - 1]!.end : a.op!.end;
  return {
    code: 'xinetd/inline-comment', title: 'Move the comment to its own line above',
    edits: [
      { range: range(a.line, 0, 0), newText: `${indent}${text.slice(h.start, a.end)}\n` },
      { range: range(a.line, cut, a.end), newText: '' },
    ],
  };
}

function stripCr(a: AttrLine): AttrLine {
  return { ...a, values: a.values.map((v) => ({ ...v, text: v.text.replace(/\r$/, '') })) };
}

/** `interface` is the same attribute as `bind` (A_BIND). */
export const canonical = (name: string): string => (name === 'interface' ? 'bind' : name);

/** Finds the attribute in the section's table, reporting unknown ones. */
function lookup(a: AttrLine, section: 'service' | 'defaults', out: RawProblem[]): AttributeSpec | undefined {
  const spec = findAttribute(a.name.text);
  const r = tokRange(a.line, a.name);
  if (spec && countIn(spec, section) !== undefined) return spec;
  if (section === 'service' && spec?.name === 'disabled') {
    out.push({
      code: 'xinetd/wrong-disable-attribute', range: r,
      message: "'disabled' exists only in defaults (a list of service ids); in a service xinetd ignores it, so the service stays enabled. Write 'disable'.",
      fixes: [{ code: 'xinetd/wrong-disable-attribute', title: "Change to 'disable'", edits: [{ range: r, newText: 'disable' }], preferred: true }],
    });
    return undefined;
  }
  if (section === 'defaults' && spec?.name === 'disable') {
    out.push({
      code: 'xinetd/wrong-disable-attribute', range: r,
      message: "'disable' does not exist in defaults: xinetd ignores it and starts every service. Set 'disable = yes' in each service, or list service ids in 'disabled'.",
    });
    return undefined;
  }
  if (spec) {
    out.push({ code: 'xinetd/unknown-attribute', range: r, message: `'${spec.name}' is not allowed in defaults ("should not be in default section"); xinetd ignores it. Set it in each service.` });
    return undefined;
  }
  const names = attributesOf(section).map((s) => s.name);
  const guess = nearest(a.name.text.toLowerCase(), names);
  out.push({
    code: 'xinetd/unknown-attribute', range: r,
    message: section === 'service'
      ? `xinetd does not know the attribute '${a.name.text}' ("bad service attribute") and ignores the line.${guess ? ` Did you mean '${guess}'?` : ''}`
      : `'${a.name.text}' is not a defaults attribute ("should not be in default section"); xinetd ignores it.${guess ? ` Did you mean '${guess}'?` : ''}`,
    fixes: guess ? [{ code: 'xinetd/unknown-attribute', title: `Change to '${guess}'`, edits: [{ range: r, newText: guess }], preferred: true }] : undefined,
  });
  return undefined;
}

// ---------------------------------------------------------------------------------------
// Values

const INT = /^[ \t]*[+-]?[0-9]+$/;
const UINT = /^[ \t]*\+?[0-9]+$/;
const inIntRange = (s: string): boolean => Math.abs(Number.parseInt(s, 10)) <= 2147483647;

function invalid(a: AttrLine, t: Tok, spec: AttributeSpec, why: string, fix?: string): RawProblem {
  const r = tokRange(a.line, t);
  return {
    code: 'xinetd/invalid-value', range: r,
    message: `${why}: xinetd disables the service ("Error parsing attribute ${spec.name}"; in defaults it exits).${fix ? ` Did you mean '${fix}'?` : ''}`,
    fixes: fix ? [{ code: 'xinetd/invalid-value', title: `Change to '${fix}'`, edits: [{ range: r, newText: fix }], preferred: true }] : undefined,
  };
}

function crNote(t: Tok): string {
  return t.text.endsWith('\r') ? ' (the line ends in CR: convert the file to LF line endings)' : '';
}

/** The value checks of xinetd's attribute parsers (`parsers.c`). */
function validate(spec: AttributeSpec, a: AttrLine, op: string, ctx: CheckContext): RawProblem[] {
  const vs = a.values;
  const first = vs[0];
  const out: RawProblem[] = [];
  const word = (list: readonly string[], t: Tok, what: string): boolean => {
    if (findWord(list, t.text)) return true;
    const guess = nearest(t.text.toUpperCase(), list.map((x) => x.toUpperCase()));
    const g = guess ? list.find((x) => x.toUpperCase() === guess) : undefined;
    out.push(invalid(a, t, spec, `'${t.text.replace(/\r$/, '')}' is not a ${what}${crNote(t)}; known: ${list.join(', ')}`, t.text.endsWith('\r') ? undefined : g));
    return false;
  };
  void op;
  switch (spec.kind) {
    case 'yesno': {
      if (!first) break;
      if (!findWord(['yes', 'no'], first.text)) {
        out.push(invalid(a, first, spec, `'${spec.name}' takes yes or no, not '${first.text.replace(/\r$/, '')}'${crNote(first)}`));
      } else if (spec.name === 'disable' && first.text !== 'yes' && first.text !== 'no') {
        const lower = first.text.toLowerCase();
        out.push({
          code: 'xinetd/disable-value-case', range: tokRange(a.line, first),
          message: lower === 'yes'
            ? `xinetd reads '${first.text}' as yes, but chkconfig only recognises a lower-case 'yes' and lists this service as on. Write 'yes'.`
            : `xinetd reads '${first.text}' as no; chkconfig agrees, but write a lower-case 'no' as chkconfig writes it.`,
          fixes: [{ code: 'xinetd/disable-value-case', title: `Change to '${lower}'`, edits: [{ range: tokRange(a.line, first), newText: lower }], preferred: true }],
        });
      }
      break;
    }
    case 'socket': if (first) word(SOCKET_TYPES, first, 'socket type'); break;
    case 'words': {
      const list = spec.name === 'type' ? SERVICE_TYPES : spec.name === 'flags' ? SERVICE_FLAGS : spec.name === 'log_on_success' ? SUCCESS_LOG : FAILURE_LOG;
      if (vs.length === 0 && (spec.name === 'type' || spec.name === 'flags')) {
        out.push(invalid(a, a.name, spec, `'${spec.name}' needs at least one value ("expects at least 1 value")`));
        break;
      }
      const what = spec.name === 'type' ? 'service type' : spec.name === 'flags' ? 'service flag' : `${spec.name} flag`;
      for (const v of vs) if (!word(list, v, what)) break;
      break;
    }
    case 'protocol':
      if (first && !BUNDLED_PROTOCOLS.includes(first.text)) {
        const g = BUNDLED_PROTOCOLS.find((p) => p.toLowerCase() === first.text.toLowerCase().replace(/\r$/, ''));
        out.push(invalid(a, first, spec, `'${first.text.replace(/\r$/, '')}' is not in /etc/protocols ("Protocol ${first.text.replace(/\r$/, '')} not in /etc/protocols")${crNote(first)}`, first.text.endsWith('\r') ? undefined : g));
      }
      break;
    case 'count':
      if (first && !eq(first.text, 'UNLIMITED') && !(INT.test(first.text) && inIntRange(first.text) && Number.parseInt(first.text, 10) >= 0)) {
        out.push(invalid(a, first, spec, `'${spec.name}' takes a number ≥ 0 or UNLIMITED, not '${first.text.replace(/\r$/, '')}'${crNote(first)}`));
      }
      break;
    case 'cps':
      for (const v of vs) if (!UINT.test(v.text)) { out.push(invalid(a, v, spec, `'cps' takes two numbers (connections per second, seconds to wait), not '${v.text.replace(/\r$/, '')}'${crNote(v)}`)); break; }
      break;
    case 'port':
      if (first && !(INT.test(first.text) && Number.parseInt(first.text, 10) >= 0 && Number.parseInt(first.text, 10) < 65536)) {
        out.push(invalid(a, first, spec, `'${first.text.replace(/\r$/, '')}' is not a port number 0-65535 ("port number is invalid")${crNote(first)}`));
      }
      break;
    case 'nice': case 'number':
      if (first && !(INT.test(first.text) && inIntRange(first.text))) out.push(invalid(a, first, spec, `'${spec.name}' takes an integer, not '${first.text.replace(/\r$/, '')}'${crNote(first)}`));
      break;
    case 'rpcversion': {
      if (!first) break;
      const m = /^([+-]?[0-9]+)(?:-([+-]?[0-9]+))?$/.exec(first.text);
      if (!m || (m[2] !== undefined && Number(m[1]) > Number(m[2]))) out.push(invalid(a, first, spec, `'${first.text.replace(/\r$/, '')}' is not an RPC version N or range N-M ("bad version range")${crNote(first)}`));
      break;
    }
    case 'umask':
      if (first && !(/^[0-7]+$/.test(first.text) && Number.parseInt(first.text, 8) <= 0o777)) out.push(invalid(a, first, spec, `'umask' takes an octal number 0-777, not '${first.text.replace(/\r$/, '')}'${crNote(first)}`));
      break;
    case 'denytime':
      if (first && !eq(first.text, 'FOREVER') && !eq(first.text, 'NEVER') && !(INT.test(first.text) && inIntRange(first.text))) {
        out.push(invalid(a, first, spec, `'deny_time' takes minutes, FOREVER or NEVER, not '${first.text.replace(/\r$/, '')}'${crNote(first)}`));
      }
      break;
    case 'limit': case 'files':
      if (first && !eq(first.text, 'UNLIMITED') && !/^[0-9]+[kKmM]?$/.test(first.text)) out.push(invalid(a, first, spec, `'${spec.name}' takes a number with an optional K or M, or UNLIMITED, not '${first.text.replace(/\r$/, '')}'${crNote(first)}`));
      break;
    case 'seconds':
      if (first && !eq(first.text, 'UNLIMITED') && !/^[0-9]+$/.test(first.text)) out.push(invalid(a, first, spec, `'${spec.name}' takes seconds or UNLIMITED, not '${first.text.replace(/\r$/, '')}'${crNote(first)}`));
      break;
    case 'load':
      if (first && (!/^[ \t]*[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?/.test(first.text) || Number.parseFloat(first.text) === 0)) {
        out.push(invalid(a, first, spec, `'max_load' takes a load average above 0, not '${first.text.replace(/\r$/, '')}'${crNote(first)}`));
      }
      break;
    case 'env':
      for (const v of vs) if (!v.text.includes('=')) { out.push(invalid(a, v, spec, `'${v.text.replace(/\r$/, '')}' has no '=' ("${v.text} has no '='"); env takes NAME=value words`)); break; }
      break;
    case 'args':
      if (vs.length === 0) out.push(invalid(a, a.name, spec, "'server_args' needs at least one value (\"expects at least 1 value\")"));
      break;
    case 'times': {
      if (vs.length === 0) { out.push(invalid(a, a.name, spec, "'access_times' needs at least one interval")); break; }
      for (const v of vs) {
        const m = /^([0-9]{1,2}):([0-9]{1,2})-([0-9]{1,2}):([0-9]{1,2})$/.exec(v.text);
        const [h1, m1, h2, m2] = m ? m.slice(1).map(Number) : [];
        const ok = m && h1! <= 23 && h2! <= 23 && m1! <= 59 && m2! <= 59 && h1! * 60 + m1! < h2! * 60 + m2!;
        if (!ok) {
          out.push({
            code: 'xinetd/invalid-time-interval', range: tokRange(a.line, v),
            message: `'${v.text.replace(/\r$/, '')}' is not an interval xinetd takes ("invalid time interval"): hours 0-23, minutes 0-59, start before end (use 23:59, not 24:00)${crNote(v)}. xinetd disables the service.`,
          });
          break;
        }
      }
      break;
    }
    case 'logtype': {
      if (!first) { out.push(invalid(a, a.name, spec, "'log_type' needs SYSLOG or FILE and its arguments")); break; }
      if (!findWord(LOG_TYPES, first.text)) { word(LOG_TYPES, first, 'log type'); break; }
      if (eq(first.text, 'SYSLOG')) {
        if (vs.length < 2 || vs.length > 3) { out.push(invalid(a, first, spec, `'log_type = SYSLOG' takes a facility and an optional level ("wrong number of arguments")`)); break; }
        if (!word(SYSLOG_FACILITIES, vs[1]!, 'syslog facility')) break;
        if (vs[2]) word(SYSLOG_LEVELS, vs[2], 'syslog level');
      } else {
        if (vs.length < 2 || vs.length > 4) { out.push(invalid(a, first, spec, `'log_type = FILE' takes a path and optional soft and hard limits ("wrong number of arguments")`)); break; }
        for (const v of vs.slice(2)) if (!/^[0-9]+[kKmM]?$/.test(v.text)) { out.push(invalid(a, v, spec, `'${v.text.replace(/\r$/, '')}' is not a size limit (a number with an optional K or M)${crNote(v)}`)); break; }
      }
      break;
    }
    case 'addresses':
      if (vs.length === 0 && spec.name === 'only_from') {
        out.push({ code: 'xinetd/empty-only-from', range: lineRange(a), message: "An empty 'only_from' means nobody may connect. Give the allowed addresses (0.0.0.0 for everybody) or remove the line." });
        break;
      }
      for (const v of vs) {
        if (v.text.includes(',') && !v.text.includes('{')) { out.push(invalid(a, v, spec, `'${v.text}' has a comma ("has a comma in it - remove the comma"); separate addresses with blanks`)); break; }
      }
      break;
    case 'address':
      if (first) {
        const t = first.text;
        const numeric = /^[0-9.]+$/.test(t);
        if ((numeric && !iprouteIpv4(t)) || (t.includes(':') && !parseIpv6(t))) out.push(invalid(a, first, spec, `'${t.replace(/\r$/, '')}' is not a valid address ("bad address")${crNote(first)}`));
      }
      break;
    case 'redirect': {
      const port = vs[1];
      if (port && !(INT.test(port.text) && Number(port.text) > 0 && Number(port.text) < 65536) && ctx.db.lookup(port.text, 'tcp') === undefined) {
        out.push(invalid(a, port, spec, `'${port.text.replace(/\r$/, '')}' is not a port number or tcp service name ("port number invalid")${crNote(port)}`));
      }
      break;
    }
    default:
      break;
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Whole-service checks (service_fill, check_entry, service_attr_check)

function checkService(f: EntryFacts, success: Set<string>, trafficAt: { line: number; tok: Tok } | undefined, errored: Set<string>, ctx: CheckContext, out: RawProblem[]): void {
  const e = f.entry;
  const has = (n: string): boolean => f.set.has(n);
  // SENSOR turns a service INTERNAL only in check_entry, after service_fill wanted its server.
  const internal = f.types.has('INTERNAL') || f.flags.has('SENSOR');
  const needsServer = !f.types.has('INTERNAL');
  const unlisted = f.types.has('UNLISTED');
  const rpc = f.types.has('RPC');
  const mux = f.types.has('TCPMUX') || f.types.has('TCPMUXPLUS');
  const redirect = has('redirect');
  // service_fill: protocol and socket_type fill each other in.
  let protocol = f.protocol;
  let socket = f.socket;
  if (!protocol && socket === 'stream') protocol = 'tcp';
  if (!protocol && socket === 'dgram') protocol = 'udp';
  if (protocol && !socket && eq(protocol, 'tcp')) socket = 'stream';
  if (protocol && !socket && eq(protocol, 'udp')) socket = 'dgram';
  f.protocol = protocol;
  f.socket = socket;
  const nameTok = e.name!;
  const headerRange = lineRange(e);

  // Required attributes (one problem each, on the service line).
  const required: string[] = [];
  if (!socket) required.push('socket_type');
  if (!has('wait')) required.push('wait');
  if (needsServer && !has('server') && (rpc || !redirect)) required.push('server');
  if (!internal) {
    if (!has('user')) required.push('user');
    if (unlisted && !protocol) required.push('protocol');
    if (unlisted && !mux && !rpc && !has('port')) required.push('port');
  }
  if (rpc) {
    if (!protocol && !required.includes('protocol')) required.push('protocol');
    if (!has('rpc_version')) required.push('rpc_version');
    if (unlisted && !has('rpc_number')) required.push('rpc_number');
  }
  const order = ['socket_type', 'wait', 'user', 'server', 'protocol', 'port', 'rpc_version', 'rpc_number'];
  required.sort((a, b) => order.indexOf(a) - order.indexOf(b));
  for (const r of required) {
    if (errored.has(r) || (r === 'socket_type' && errored.has('protocol'))) continue;
    const ignored = e.attrs.find((a) => findAttribute(a.name.text)?.name === r);
    const why = r === 'server' ? ' (it is not INTERNAL)' : r === 'port' ? ' (an UNLISTED service has no /etc/services entry)' : r === 'protocol' ? ` (an ${rpc ? 'RPC' : 'UNLISTED'} service needs it)` : r === 'rpc_version' || r === 'rpc_number' ? ' (an RPC service needs it)' : '';
    out.push({
      code: 'xinetd/missing-required-attribute', range: headerRange,
      message: ignored
        ? `'${r}' on line ${ignored.line + 1} is ignored, so ${f.name} has no ${r}: xinetd disables it ("missing attribute ${r} - DISABLING"). Fix that line.`
        : `${f.name} has no '${r}'${why}: xinetd disables it ("missing attribute ${r} - DISABLING"). Add '${r} = …'; it is not inherited from defaults.`,
    });
  }

  // An INTERNAL service xinetd has no built-in for (builtins.c): "No such internal service: S/T - DISABLING".
  // SENSOR services are internal by the flag and need no built-in.
  if (f.types.has('INTERNAL') && !f.flags.has('SENSOR') && !errored.has('type') && !errored.has('socket_type')) {
    const builtin = BUILTINS[f.name.toLowerCase()];
    if (!builtin || (socket !== undefined && !builtin.includes(socket))) {
      const names = Object.keys(BUILTINS).filter((b) => b !== 'sensor');
      out.push({
        code: 'xinetd/unknown-internal-service', range: tokRange(e.line, nameTok),
        message: builtin
          ? `xinetd's built-in ${f.name} has no ${socket} variant ("No such internal service: ${f.name}/${socket} - DISABLING"): it disables the entry. Use socket_type = ${builtin.join(' or ')}.`
          : `xinetd has no built-in '${f.name}' ("No such internal service: ${f.name}/${socket ?? 'stream'} - DISABLING"): it disables the entry. Use one of ${names.join(', ')}, or give it a server and drop 'type = INTERNAL'.`,
      });
    }
  }

  // The services database (listed, non-RPC services).
  if (!unlisted && !rpc && !mux && protocol && !errored.has('type') && !(internal && required.length > 0)) {
    const dbPort = ctx.db.lookup(nameTok.text, protocol);
    if (dbPort === undefined) {
      out.push({
        code: 'xinetd/not-in-services', range: tokRange(e.line, nameTok),
        message: nameTok.text.endsWith('\r')
          ? `This file has CR LF line endings: the service name xinetd looks up is '${f.name}' + CR, which is not in ${ctx.db.source}. Convert the file to LF line endings.`
          : `${f.name}/${protocol} is not in ${ctx.db.source} ("service/protocol combination not in /etc/services"): xinetd disables it. Use the services-file name, or add 'type = UNLISTED' and 'port = N'.`,
      });
    } else if (f.port !== undefined && f.port !== dbPort) {
      const p = f.set.get('port')!;
      out.push({
        code: 'xinetd/port-mismatch', range: tokRange(p.attr.line, p.values[0]!),
        message: `${f.name}/${protocol} is port ${dbPort} in ${ctx.db.source}, not ${f.port} ("Service ${f.name} expects port ${dbPort}, not ${f.port}"): xinetd disables it. Use ${dbPort}, or make it 'type = UNLISTED' under another name.`,
      });
    }
    if (f.port === undefined && dbPort !== undefined) f.port = dbPort;
  }

  // Redirect, TRAFFIC, NAMEINARGS, TCPMUX (check_entry).
  const flagTok = (flag: string): Range => {
    const s = f.set.get('flags');
    const t = s?.values.find((v) => eq(v.text, flag));
    return s && t ? tokRange(s.attr.line, t) : headerRange;
  };
  const wait = f.set.get('wait');
  const waits = wait ? eq(wait.values[0]!.text, 'yes') : undefined;
  if (redirect) {
    const r = f.set.get('redirect')!;
    const rr = tokRange(r.attr.line, r.attr.name);
    if (socket && socket !== 'stream') out.push({ code: 'xinetd/flag-misuse', range: rr, message: `Only stream (tcp) services can be redirected; xinetd disables ${f.name}. Use socket_type = stream or remove 'redirect'.` });
    else if (waits) out.push({ code: 'xinetd/flag-misuse', range: rr, message: `A redirected service must not wait ("Redirected service ${f.name} must not wait"): xinetd disables it. Set 'wait = no'.` });
    else if (f.flags.has('NAMEINARGS')) out.push({ code: 'xinetd/flag-misuse', range: flagTok('NAMEINARGS'), message: `A redirected service must not have NAMEINARGS: xinetd disables ${f.name}. Remove the flag.` });
  } else if (success.has('TRAFFIC')) {
    out.push({
      code: 'xinetd/traffic-without-redirect', range: trafficAt ? tokRange(trafficAt.line, trafficAt.tok) : headerRange,
      message: `TRAFFIC is logged only for redirected services ("should not have TRAFFIC flag set since its not redirected"): xinetd removes ${f.name}. Remove TRAFFIC${trafficAt ? '' : ' from the defaults\' log_on_success'}.`,
    });
  }
  if (f.flags.has('NAMEINARGS')) {
    if (internal && !f.flags.has('SENSOR')) out.push({ code: 'xinetd/flag-misuse', range: flagTok('NAMEINARGS'), message: `NAMEINARGS is not allowed on an INTERNAL service: xinetd disables ${f.name}. Remove the flag.` });
    else if (!has('server_args') && !errored.has('server_args') && has('server')) out.push({ code: 'xinetd/flag-misuse', range: flagTok('NAMEINARGS'), message: `NAMEINARGS takes argv[0] from server_args, and there is none ("Must specify server args if using NAMEINARGS flag"): xinetd disables ${f.name}. Add server_args or remove the flag.` });
  }
  if (mux && !unlisted) out.push({ code: 'xinetd/flag-misuse', range: headerRange, message: `A TCPMUX service must also be UNLISTED ("should have UNLISTED in type"): xinetd disables ${f.name}. Add UNLISTED to type.` });
  else if (mux && protocol && !eq(protocol, 'tcp')) out.push({ code: 'xinetd/flag-misuse', range: headerRange, message: `A TCPMUX service must use tcp: xinetd disables ${f.name}. Use socket_type = stream.` });

  if (socket === 'dgram' && waits === false) {
    out.push({
      code: 'xinetd/dgram-nowait', range: lineRange(wait!.attr),
      message: `A dgram service must wait: xinetd 2.3.15.4 and later refuse it ("has socket_type dgram, but does not wait"); older ones spin in a busy loop. Set 'wait = yes'.`,
      fixes: [{ code: 'xinetd/dgram-nowait', title: "Change to 'wait = yes'", edits: [{ range: tokRange(wait!.attr.line, wait!.values[0]!), newText: 'yes' }], preferred: true }],
    });
  }

  // server_args repeating the program name.
  const server = f.set.get('server');
  const args = f.set.get('server_args');
  if (server && args && !f.flags.has('NAMEINARGS') && args.values[0]) {
    const base = afterLast(server.values[0]!.text.replace(/\r$/, ''), '/');
    if (base.length > 0 && args.values[0].text === base) {
      out.push({
        code: 'xinetd/server-args-repeats-program', range: tokRange(args.attr.line, args.values[0]),
        message: `xinetd already passes '${base}' as argv[0]: the program receives its own name as its first argument. Remove it, or add 'flags = NAMEINARGS'.`,
      });
    }
  }
}
