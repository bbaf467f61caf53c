/**
 * Paths a document names that an editor can open: sourced files and programs of an init
 * script, the process of an inittab entry, `server = /usr/sbin/in.tftpd` in xinetd, paths in
 * ha.cf, the scripts haresources runs. `navigation/index.ts` keeps those that exist in the
 * document's image root.
 */
import { range, type Range } from '../core/types';
import type { InitScriptDoc } from '../languages/initscript';
import type { InittabDoc } from '../languages/inittab/features';
import type { HacfDoc } from '../languages/hacf/features';
import type { HaresourcesDoc } from '../languages/haresources/features';
import { loadContext, resolveScript } from '../languages/haresources/workspace';
import type { XinetdDoc } from '../languages/xinetd/features';
import type { NavDoc } from './index';

export interface LinkCandidate {
  range: Range;
  /** The path as the target system sees it (`/etc/default/foo`). */
  path: string;
  /** Already resolved to a file of the workspace (a resource script). */
  resolved?: string;
  tooltip?: string;
}

/** A plain absolute path: no expansion, glob or blank. */
const PATH_RE = /^\/[A-Za-z0-9_.@+,:%=/-]*[A-Za-z0-9_.@+-]$/;

/** Absolute paths among the blank-separated words of `text` (at column `offset` of `line`). */
function pathWords(text: string, line: number, offset: number): LinkCandidate[] {
  const out: LinkCandidate[] = [];
  for (const m of text.matchAll(/[^ \t\r,]+/g)) {
    const w = m[0].replace(/^["']|["';]$/g, '');
    const shift = m[0].startsWith('"') || m[0].startsWith("'") ? 1 : 0;
    if (!PATH_RE.test(w)) continue;
    const start = offset + m.index! + shift;
    out.push({ range: range(line, start, start + w.length), path: w });
  }
  return out;
}

export function linkCandidates(a: NavDoc): LinkCandidate[] {
  switch (a.language) {
    case 'initscript': {
      const doc = a.model as InitScriptDoc;
      const out: LinkCandidate[] = [];
      for (const t of doc.header.tags) if (t.name === 'config' || t.name === 'processname') out.push(...pathWords(a.src.lineText(t.line).slice(t.value.start), t.line, t.value.start));
      const body = doc.body;
      if (!body) return out;
      for (const c of body.commands) {
        if (PATH_RE.test(c.name)) out.push({ range: c.nameRange, path: c.name });
        for (const w of c.args) {
          if (w.dynamic || w.range.start.line !== w.range.end.line || !PATH_RE.test(w.text)) continue;
          const quoted = w.raw.length === w.text.length + 2 ? 1 : 0;
          out.push({ range: range(w.range.start.line, w.range.start.character + quoted, w.range.start.character + quoted + w.text.length), path: w.text });
        }
      }
      for (const [, v] of body.assignments) {
        if (!PATH_RE.test(v.value) || v.range.start.line !== v.range.end.line) continue;
        const end = v.range.end.character - (/["']$/.test(a.src.lineText(v.range.start.line).slice(0, v.range.end.character)) ? 1 : 0);
        out.push({ range: range(v.range.start.line, end - v.value.length, end), path: v.value });
      }
      return out;
    }
    case 'inittab': {
      const doc = a.model as InittabDoc;
      return doc.model.entries.flatMap((e) => (e.process ? pathWords(e.process.text, e.line, e.process.start) : []));
    }
    case 'hacf': {
      const doc = a.model as HacfDoc;
      return doc.model.directives.flatMap((d) => d.values.filter((v) => PATH_RE.test(v.text)).map((v) => ({ range: range(v.line, v.start, v.end), path: v.text })));
    }
    case 'xinetd': {
      const doc = a.model as XinetdDoc;
      const out: LinkCandidate[] = [];
      for (const d of doc.model.directives) out.push(...pathWords(d.arg.text, d.line, d.arg.start));
      for (const e of doc.model.entries) for (const at of e.attrs) for (const v of at.values) if (PATH_RE.test(v.text.replace(/\r$/, ''))) out.push({ range: range(at.line, v.start, v.start + v.text.replace(/\r$/, '').length), path: v.text.replace(/\r$/, '') });
      return out;
    }
    case 'haresources': {
      const doc = a.model as HaresourcesDoc;
      if (!a.host) return [];
      const ctx = doc.ws ?? loadContext(a.path, a.host, a.settings);
      const out: LinkCandidate[] = [];
      for (const g of doc.model.groups) {
        for (const r of g.resources) {
          const script = resolveScript(r.name, ctx, a.host);
          if (script) out.push({ range: range(r.nameToken.line, r.nameToken.start, r.nameToken.end), path: r.name, resolved: script, tooltip: `heartbeat runs ${script}` });
        }
      }
      return out;
    }
    default:
      return [];
  }
}
