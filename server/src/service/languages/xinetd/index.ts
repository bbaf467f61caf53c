/** The xinetd language module: parse → check → features, plus the cross-file duplicate check. */
import type { AnalysisContext, LanguageModule, WorkspaceHost } from '../../core/language';
import { DEFAULT_SETTINGS } from '../../core/settings';
import { SourceText } from '../../core/text';
import { range, type Fix, type Range, type RawProblem } from '../../core/types';
import './problems';
import { checkXinetd, type EntryFacts, type XinetdFacts } from './checks';
import { complete, folding, hover, lenses, refactors, resolveCompletion, symbols, type XinetdDoc } from './features';
import { parseXinetd } from './parse';
import { configFiles, imageRoot, includedirSkips, servicesFor, type ServicesDb } from './workspace';

import { chkconfigState } from './chkconfig';

export { chkconfigRewrite, chkconfigState, xinetdToggleEdit } from './chkconfig';

function baseName(path: string): string {
  return path.slice(path.replace(/\\/g, '/').lastIndexOf('/') + 1);
}

function analyzeText(src: SourceText, db: ServicesDb): { problems: RawProblem[]; facts: XinetdFacts; model: ReturnType<typeof parseXinetd> } {
  const model = parseXinetd(src);
  const { problems, facts } = checkXinetd(model, { db, lines: src.lines.map((l) => l.text) });
  return { problems, facts, model };
}

export const xinetdModule: LanguageModule<XinetdDoc> = {
  id: 'xinetd',
  analyze(src, ctx) {
    const db = servicesFor(ctx);
    const { problems, facts, model } = analyzeText(src, db);
    const name = baseName(ctx.path);
    const inXinetdD = /(^|\/)xinetd\.d\/[^/]+$/.test(ctx.path.replace(/\\/g, '/'));
    if (inXinetdD && includedirSkips(name)) {
      problems.push({
        code: 'xinetd/includedir-skipped-file', range: range(0, 0, src.lineText(0).length),
        message: `xinetd's includedir skips '${name}' (the name ${name.endsWith('~') ? "ends in '~'" : "contains a '.'"}), so nothing in this file is read. Rename it without '.' or '~'.`,
      });
    }
    problems.push(...duplicateServices(facts, ctx, db));
    return {
      model: { model, facts, db, path: ctx.path, src },
      problems,
      profileKeys: [],
      info: { language: 'xinetd', profile: 'xinetd', reason: `services from ${db.source}` },
    };
  },
  complete: (doc, src, position) => complete(doc, src, position),
  resolveCompletion,
  hover: (doc, src, position) => hover(doc, src, position),
  symbols: (doc) => symbols(doc),
  lenses: (doc) => lenses(doc),
  folding: (doc) => folding(doc),
};

interface Svc { facts: EntryFacts; path: string; current: boolean }

/**
 * `workspace/xinetd-duplicate-service`: xinetd's `check_entry` uniqueness test over every
 * service it reads, in reading order (C-locale file order, then line). An earlier service
 * without a bind address is skipped (xinetd 2.3.15.x), so only bound ones collide.
 */
function duplicateServices(facts: XinetdFacts, ctx: AnalysisContext, db: ServicesDb): RawProblem[] {
  const all: Svc[] = [];
  const root = imageRoot(ctx.path);
  let found = false;
  if (root !== undefined && ctx.host) {
    const files = configFiles(root, ctx.host, (text) => parseXinetd(new SourceText(text)).directives.map((d) => ({ kind: d.kind, arg: d.arg.text.replace(/\r$/, '') })));
    for (const f of files) {
      if (f.path === ctx.path) {
        found = true;
        for (const e of facts.entries) all.push({ facts: e, path: f.path, current: true });
      } else {
        for (const e of analyzeText(new SourceText(f.text), db).facts.entries) all.push({ facts: e, path: f.path, current: false });
      }
    }
  }
  if (!found) for (const e of facts.entries) all.push({ facts: e, path: ctx.path, current: true });

  const defaultsBind = all.find((s) => s.facts.entry.kind === 'defaults' && !s.facts.broken)?.facts.set.get('bind')?.values[0]?.text;
  const bindOf = (f: EntryFacts): string | undefined => (f.set.get('bind')?.values[0]?.text ?? defaultsBind)?.replace(/\r$/, '');
  const accepted = all.filter((s) => s.facts.entry.kind === 'service' && !s.facts.broken && !s.facts.disabled && s.facts.port !== undefined && s.facts.protocol && !s.facts.types.has('RPC'));
  const out: RawProblem[] = [];
  const kept: Svc[] = [];
  for (const s of accepted) {
    const f = s.facts;
    const clash = kept.find((t) => {
      const tb = bindOf(t.facts);
      if (tb === undefined) return false;
      if (t.facts.port !== f.port || t.facts.protocol!.toLowerCase() !== f.protocol!.toLowerCase()) return false;
      const sb = bindOf(f);
      return sb === undefined || sb === tb;
    });
    if (!clash) {
      kept.push(s);
      continue;
    }
    if (!s.current) continue;
    const t = clash.facts;
    const e = f.entry;
    out.push({
      code: 'workspace/xinetd-duplicate-service', range: range(e.line, e.start, e.end),
      message: `${f.name} uses ${f.protocol} port ${f.port}${bindOf(f) ? ` on ${bindOf(f)}` : ''} like ${t.name} (${clash.path === ctx.path ? `line ${t.entry.line + 1}` : `${baseName(clash.path)}:${t.entry.line + 1}`}), which xinetd reads first: it disables this one ("${t.id === f.id ? 'not unique or is a duplicate' : 'is unique but its identical to'}"). Give it another port or bind address, or disable one.`,
      related: [{ path: clash.path === ctx.path ? '' : clash.path, range: range(t.entry.line, t.entry.start, t.entry.end), message: `${t.name} is read first` }],
    });
  }
  return out;
}

/** The chkconfig on/off refactorings of a document (for the facade's `getRefactors`). */
export function xinetdRefactors(doc: unknown, r: Range): Fix[] {
  return refactors(doc as XinetdDoc, r);
}

/** An xinetd service of an image root, for a Services view. */
export interface XinetdServiceInfo {
  name: string;
  id: string;
  /** The file and the 0-based line of its `service` line. */
  path: string;
  line: number;
  /** xinetd starts it: not `disable = yes` and no error that makes xinetd drop it. */
  enabled: boolean;
  disabled: boolean;
  broken: boolean;
  /** What `chkconfig --list` shows, for files in xinetd.d (chkconfig manages only those). */
  chkconfig?: 'on' | 'off';
}

/**
 * Every service entry xinetd would read in an image root (`etc/xinetd.conf` and what it
 * includes, else `etc/xinetd.d`), in reading order.
 */
export function listXinetdServices(root: string, host: WorkspaceHost): XinetdServiceInfo[] {
  const db = servicesFor({ path: `${root}/etc/xinetd.conf`, settings: DEFAULT_SETTINGS, host });
  const out: XinetdServiceInfo[] = [];
  const files = configFiles(root, host, (text) => parseXinetd(new SourceText(text)).directives.map((d) => ({ kind: d.kind, arg: d.arg.text.replace(/\r$/, '') })));
  for (const f of files) {
    const inD = /\/xinetd\.d\/[^/]+$/.test(f.path);
    for (const e of analyzeText(new SourceText(f.text), db).facts.entries) {
      if (e.entry.kind !== 'service') continue;
      out.push({
        name: e.name, id: e.id, path: f.path, line: e.entry.line,
        enabled: !e.disabled && !e.broken, disabled: e.disabled, broken: e.broken,
        chkconfig: inD ? chkconfigState(f.text) : undefined,
      });
    }
  }
  return out;
}
