/**
 * Navigation across files: go to definition, find references, rename, document links and
 * workspace symbols. Pure over the `WorkspaceHost`: the init.d of the document's image root
 * (Provides and dependency names), its haresources and ha.cf (resources, nodes), the
 * libraries its scripts source. The facade (`service/index.ts`) calls these with an analysis.
 */
import type { LanguageId, WorkspaceHost } from '../core/language';
import type { SourceText } from '../core/text';
import { contains, range, type DocumentLinkEntry, type Location, type Position, type Range, type TextEdit, type WorkspaceChange, type WorkspaceSymbolEntry } from '../core/types';
import { findRoots } from '../boot/services';
import type { InitScriptDoc } from '../languages/initscript';
import type { HaresourcesDoc } from '../languages/haresources/features';
import { parseHaresources, type HaresourcesModel, type Resource } from '../languages/haresources/parse';
import { loadContext, resolveScript, type HaresourcesContext } from '../languages/haresources/workspace';
import type { HacfDoc } from '../languages/hacf/features';
import { parseHacf } from '../languages/hacf/parse';
import { heartbeatDirFile, isNamed } from '../languages/hacf/shared';
import type { AuthkeysDoc } from '../languages/authkeys/features';
import { listXinetdServices } from '../languages/xinetd';
import { SourceText as Text } from '../core/text';
import type { Settings } from '../core/settings';
import { facilityLocations, headerNames, indexOf, initRootOf, nameRange, providerLocations, treeOf, type HeaderName, type InitIndex } from './initd';
import { libraryDefinition } from './library';
import { linkCandidates } from './links';

export { headerNames, type HeaderName } from './initd';

/** What navigation needs of an analysis. */
export interface NavDoc {
  path: string;
  language: LanguageId;
  src: SourceText;
  model: unknown;
  settings: Settings;
  host?: WorkspaceHost;
}

const at = (r: Range, p: Position) => contains(r, p);
const tokRange = (t: { line: number; start: number; end: number }) => range(t.line, t.start, t.end);
const fileStart = (path: string): Location => ({ path, range: range(0, 0, 0) });

/** The image root of any file under `<root>/etc/`: the part before the last `/etc/`. */
export function imageRootOf(path: string): string | undefined {
  const i = path.lastIndexOf('/etc/');
  return i < 0 ? undefined : path.slice(0, i);
}

// ------------------------------------------------------------------------------ init scripts

function initIndex(path: string, host: WorkspaceHost | undefined): InitIndex | undefined {
  const root = initRootOf(path);
  if (root === undefined || !host) return undefined;
  const tree = treeOf(root, host);
  return tree ? indexOf(tree) : undefined;
}

function headerNameAt(doc: InitScriptDoc, p: Position): HeaderName | undefined {
  return headerNames(doc.header).find((n) => n.line === p.line && p.character >= n.start && p.character <= n.end);
}

/** Every header word naming `name` in the init.d, the document's own from its current text. */
function mentionsOf(index: InitIndex | undefined, doc: InitScriptDoc, path: string, name: string): (HeaderName & { path: string })[] {
  const own = headerNames(doc.header).filter((n) => n.name === name).map((n) => ({ ...n, path }));
  return [...own, ...(index?.mentions.get(name) ?? []).filter((m) => m.path !== path)];
}

/** haresources lines of the same image root that run a script: resources resolving to `scriptPath`. */
function haresourcesUses(root: string, scriptPath: string, host: WorkspaceHost, settings: Settings): Location[] {
  const path = `${root}/etc/ha.d/haresources`;
  const text = host.readFile(path);
  if (text === undefined) return [];
  const model = parseHaresources(new Text(text));
  const ctx = loadContext(path, host, settings);
  const out: Location[] = [];
  for (const g of model.groups) {
    for (const r of g.resources) if (!r.bareAddress && resolveScript(r.name, ctx, host) === scriptPath) out.push({ path, range: tokRange(r.nameToken) });
  }
  return out;
}

function initDefinition(a: NavDoc, doc: InitScriptDoc, p: Position): Location[] {
  const n = headerNameAt(doc, p);
  if (n) {
    if (n.role === 'provides') return [{ path: a.path, range: nameRange(n) }];
    const root = initRootOf(a.path);
    if (n.name.startsWith('$')) return root !== undefined && a.host ? facilityLocations(root, n.name, a.host) : [];
    const index = initIndex(a.path, a.host);
    return index ? providerLocations(index, n.name) : [];
  }
  const body = doc.body;
  if (!body) return [];
  const c = body.commands.find((x) => at(x.nameRange, p));
  if (c) return libraryDefinition(body, c.name, a.path, imageRootOf(a.path), a.host);
  return [];
}

function initReferences(a: NavDoc, doc: InitScriptDoc, p: Position, withDecl: boolean): Location[] {
  const n = headerNameAt(doc, p);
  if (n && !n.name.startsWith('$')) {
    const index = initIndex(a.path, a.host);
    const out: Location[] = mentionsOf(index, doc, a.path, n.name)
      .filter((m) => withDecl || m.role !== 'provides')
      .map((m) => ({ path: m.path, range: nameRange(m) }));
    const root = initRootOf(a.path);
    if (index && root !== undefined && a.host) {
      for (const s of index.providers.get(n.name) ?? []) if (s.name === n.name) out.push(...haresourcesUses(root, s.path, a.host, a.settings));
    }
    return out;
  }
  const body = doc.body;
  const name = body?.commands.find((x) => at(x.nameRange, p))?.name ?? body?.functions.find((f) => at(f.nameRange, p))?.name;
  if (!body || !name || !body.functions.some((f) => f.name === name)) return [];
  const out: Location[] = withDecl ? body.functions.filter((f) => f.name === name).map((f) => ({ path: a.path, range: f.nameRange })) : [];
  for (const c of body.commands) if (c.name === name) out.push({ path: a.path, range: c.nameRange });
  return out;
}

// ------------------------------------------------------------------------------ heartbeat

function resourceAt(model: HaresourcesModel, p: Position): Resource | undefined {
  for (const g of model.groups) {
    if (p.line < g.startLine || p.line > g.endLine) continue;
    const r = g.resources.find((x) => x.nameToken.line === p.line && p.character >= x.nameToken.start && p.character <= x.nameToken.end);
    if (r) return r;
  }
  return undefined;
}

function nodeAt(model: HaresourcesModel, p: Position) {
  return model.groups.find((g) => g.node.line === p.line && p.character >= g.node.start && p.character <= g.node.end)?.node;
}

/** The `node` words of an ha.cf naming `lower` (heartbeat compares node names without case). */
function hacfNodes(path: string, lower: string, host: WorkspaceHost): Location[] {
  const text = host.readFile(path);
  if (text === undefined) return [];
  return parseHacf(new Text(text)).directives.filter((d) => d.name.text === 'node')
    .flatMap((d) => d.values.filter((v) => v.text.toLowerCase() === lower).map((v) => ({ path, range: tokRange(v) })));
}

function haresourcesNodes(path: string, lower: string, host: WorkspaceHost): Location[] {
  const text = host.readFile(path);
  if (text === undefined) return [];
  return parseHaresources(new Text(text)).groups.filter((g) => g.node.text.toLowerCase() === lower).map((g) => ({ path, range: tokRange(g.node) }));
}

function haresourcesCtx(a: NavDoc, doc: HaresourcesDoc): HaresourcesContext | undefined {
  return doc.ws ?? (a.host ? loadContext(a.path, a.host, a.settings) : undefined);
}

function haresourcesDefinition(a: NavDoc, doc: HaresourcesDoc, p: Position): Location[] {
  if (!a.host) return [];
  const r = resourceAt(doc.model, p);
  if (r) {
    const ctx = haresourcesCtx(a, doc);
    const script = ctx ? resolveScript(r.name, ctx, a.host) : undefined;
    return script ? [fileStart(script)] : [];
  }
  const node = nodeAt(doc.model, p);
  return node ? hacfNodes(heartbeatDirFile(a.path, 'ha.cf'), node.text.toLowerCase(), a.host) : [];
}

function haresourcesReferences(a: NavDoc, doc: HaresourcesDoc, p: Position, withDecl: boolean): Location[] {
  const r = resourceAt(doc.model, p);
  if (r) {
    const out: Location[] = [];
    for (const g of doc.model.groups) for (const x of g.resources) if (x.name === r.name && !x.bareAddress) out.push({ path: a.path, range: tokRange(x.nameToken) });
    // The init.d scripts that need the script by its name.
    const ctx = a.host ? haresourcesCtx(a, doc) : undefined;
    const script = ctx && a.host ? resolveScript(r.name, ctx, a.host) : undefined;
    const index = script ? initIndex(script, a.host) : undefined;
    if (index) out.push(...(index.mentions.get(r.name) ?? []).filter((m) => withDecl || m.role !== 'provides').map((m) => ({ path: m.path, range: nameRange(m) })));
    return out;
  }
  const node = nodeAt(doc.model, p);
  if (!node || !a.host) return [];
  const lower = node.text.toLowerCase();
  const own = doc.model.groups.filter((g) => g.node.text.toLowerCase() === lower).map((g) => ({ path: a.path, range: tokRange(g.node) }));
  return [...(withDecl ? hacfNodes(heartbeatDirFile(a.path, 'ha.cf'), lower, a.host) : []), ...own];
}

function hacfNodeAt(doc: HacfDoc, p: Position) {
  const d = doc.model.directives.find((x) => x.line === p.line && x.name.text === 'node');
  return d?.values.find((v) => p.character >= v.start && p.character <= v.end);
}

function hacfReferences(a: NavDoc, doc: HacfDoc, p: Position, withDecl: boolean): Location[] {
  const v = hacfNodeAt(doc, p);
  if (!v) return [];
  const lower = v.text.toLowerCase();
  const own = withDecl ? doc.model.directives.filter((d) => d.name.text === 'node').flatMap((d) => d.values.filter((x) => x.text.toLowerCase() === lower).map((x) => ({ path: a.path, range: tokRange(x) }))) : [];
  return [...own, ...(a.host && isNamed(a.path, 'ha.cf') ? haresourcesNodes(heartbeatDirFile(a.path, 'haresources'), lower, a.host) : [])];
}

function authkeysDefinition(a: NavDoc, doc: AuthkeysDoc, p: Position): Location[] {
  const auth = doc.model.lines.find((l) => l.kind === 'auth' && l.line === p.line && l.numToken && p.character >= l.numToken.start && p.character <= l.numToken.end);
  if (!auth) return [];
  // Only where the key line is: its number, never the key.
  return doc.model.lines.filter((l) => l.kind === 'key' && l.num === auth.num && l.numToken).map((l) => ({ path: a.path, range: tokRange(l.numToken!) }));
}

function authkeysReferences(a: NavDoc, doc: AuthkeysDoc, p: Position, withDecl: boolean): Location[] {
  const key = doc.model.lines.find((l) => l.line === p.line && l.numToken && p.character >= l.numToken.start && p.character <= l.numToken.end);
  if (!key || key.num === undefined) return [];
  return doc.model.lines.filter((l) => l.num === key.num && l.numToken && (withDecl || l.kind === 'auth')).map((l) => ({ path: a.path, range: tokRange(l.numToken!) }));
}

// ------------------------------------------------------------------------------ entry points

/** Go to definition at a position. */
export function definition(a: NavDoc, p: Position): Location[] {
  if (a.model === undefined) return [];
  let out: Location[] = [];
  if (a.language === 'initscript') out = initDefinition(a, a.model as InitScriptDoc, p);
  else if (a.language === 'haresources') out = haresourcesDefinition(a, a.model as HaresourcesDoc, p);
  else if (a.language === 'authkeys') out = authkeysDefinition(a, a.model as AuthkeysDoc, p);
  if (out.length > 0) return out;
  // A path under the cursor that names a file of the image root (only the candidates there are looked up).
  const link = documentLinks(a, p)[0];
  return link ? [fileStart(link.target)] : [];
}

/** Find references at a position (`withDecl`: include the definitions themselves). */
export function references(a: NavDoc, p: Position, withDecl: boolean): Location[] {
  if (a.model === undefined) return [];
  let out: Location[] = [];
  if (a.language === 'initscript') out = initReferences(a, a.model as InitScriptDoc, p, withDecl);
  else if (a.language === 'haresources') out = haresourcesReferences(a, a.model as HaresourcesDoc, p, withDecl);
  else if (a.language === 'hacf') out = hacfReferences(a, a.model as HacfDoc, p, withDecl);
  else if (a.language === 'authkeys') out = authkeysReferences(a, a.model as AuthkeysDoc, p, withDecl);
  const seen = new Set<string>();
  return out.filter((l) => {
    const k = `${l.path}:${l.range.start.line}:${l.range.start.character}`;
    return seen.has(k) ? false : (seen.add(k), true);
  });
}

/** Paths in the document that name an existing file of its image root. */
export function documentLinks(a: NavDoc, only?: Position): DocumentLinkEntry[] {
  if (a.model === undefined || !a.host) return [];
  const root = imageRootOf(a.path);
  if (root === undefined) return [];
  const out: DocumentLinkEntry[] = [];
  const seen = new Map<string, boolean>();
  for (const c of linkCandidates(a)) {
    if (only && !at(c.range, only)) continue;
    const target = c.resolved ?? `${root}${c.path}`;
    if (target.includes('/../') || target.endsWith('/..')) continue;
    let ok = seen.get(target);
    if (ok === undefined) seen.set(target, (ok = !!a.host.stat(target)?.isFile));
    if (ok) out.push({ range: c.range, target, tooltip: c.tooltip });
  }
  return out;
}

// ------------------------------------------------------------------------------ rename

/** Names insserv and chkconfig accept for a service (no `$`: system facilities are not provided by scripts). */
const NAME_RE = /^[A-Za-z0-9_][A-Za-z0-9_.@+-]*$/;

interface RenameTarget {
  name: string;
  range: Range;
  index: InitIndex;
  root: string;
}

function renameTarget(a: NavDoc, p: Position): RenameTarget | undefined {
  if (a.model === undefined || !a.host) return undefined;
  if (a.language === 'initscript') {
    const doc = a.model as InitScriptDoc;
    const n = headerNameAt(doc, p);
    const root = initRootOf(a.path);
    const index = initIndex(a.path, a.host);
    if (!n || n.name.startsWith('$') || root === undefined || !index) return undefined;
    const provided = n.role === 'provides' || index.providers.has(n.name);
    return provided ? { name: n.name, range: nameRange(n), index, root } : undefined;
  }
  if (a.language === 'haresources') {
    const doc = a.model as HaresourcesDoc;
    const r = resourceAt(doc.model, p);
    const ctx = r && !r.bareAddress ? haresourcesCtx(a, doc) : undefined;
    const script = ctx && r ? resolveScript(r.name, ctx, a.host) : undefined;
    const root = script ? initRootOf(script) : undefined;
    const index = script ? initIndex(script, a.host) : undefined;
    if (!r || !index || root === undefined || !(index.providers.get(r.name) ?? []).some((s) => s.path === script)) return undefined;
    return { name: r.name, range: tokRange(r.nameToken), index, root };
  }
  return undefined;
}

/** The range and text a rename at this position would change, or undefined when nothing can be renamed there. */
export function prepareRename(a: NavDoc, p: Position): { range: Range; placeholder: string } | undefined {
  const t = renameTarget(a, p);
  return t ? { range: t.range, placeholder: t.name } : undefined;
}

/**
 * Renames a Provides name: the Provides word and every dependency naming it in the init.d.
 * When the script's file has that name too and the client can rename files, the file is
 * renamed and the haresources lines that run it follow; not when rcN.d links point at it
 * (they would dangle: re-register it instead), nor over an existing file.
 */
export function rename(a: NavDoc, p: Position, newName: string, o: { canRenameFiles: boolean }): WorkspaceChange | { error: string } {
  const t = renameTarget(a, p);
  if (!t) return { error: 'Nothing to rename here: put the cursor on a Provides name or a dependency that a script provides.' };
  if (!NAME_RE.test(newName)) return { error: `'${newName}' is not a service name insserv accepts (letters, digits, _ . @ + -; no $).` };
  if (newName === t.name) return { edits: {}, renames: [] };
  const clash = t.index.providers.get(newName);
  if (clash && clash.length > 0) return { error: `'${newName}' is already provided by ${clash.map((s) => s.name).join(', ')}.` };
  const edits: Record<string, TextEdit[]> = {};
  const add = (path: string, r: Range) => (edits[path] ??= []).push({ range: r, newText: newName });
  const own = a.language === 'initscript' ? a.model as InitScriptDoc : undefined;
  const mentions = own ? mentionsOf(t.index, own, a.path, t.name) : (t.index.mentions.get(t.name) ?? []);
  for (const m of mentions) add(m.path, nameRange(m));
  const renames: { from: string; to: string }[] = [];
  const byFile = (t.index.providers.get(t.name) ?? []).find((s) => s.name === t.name);
  if (byFile && o.canRenameFiles && a.host) {
    const to = `${t.index.tree.initDir}/${newName}`;
    if (!a.host.stat(to) && !hasRcLinks(t, t.name, a.host)) {
      renames.push({ from: byFile.path, to });
      const hr = `${t.root}/etc/ha.d/haresources`;
      for (const l of haresourcesUses(t.root, byFile.path, a.host, a.settings)) if (l.path === hr) add(hr, l.range);
    }
  }
  return { edits, renames };
}

function hasRcLinks(t: RenameTarget, name: string, host: WorkspaceHost): boolean {
  const rel = t.index.tree.initDir.slice(t.root.length);
  const base = `${t.root}${rel.slice(0, rel.lastIndexOf('/'))}`;
  const re = new RegExp(`^[SK]\\d\\d${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  return ['S', '0', '1', '2', '3', '4', '5', '6'].some((l) => (host.listDir(`${base}/rc${l}.d`) ?? []).some((n) => re.test(n)));
}

// ------------------------------------------------------------------------------ workspace symbols

/** Lower-case subsequence match, as editors filter symbol names. */
export function fuzzyMatch(query: string, name: string): boolean {
  const q = query.toLowerCase();
  const n = name.toLowerCase();
  let i = 0;
  for (let j = 0; j < n.length && i < q.length; j++) if (n[j] === q[i]) i++;
  return i === q.length;
}

/** Every service of the image roots in (or around) these folders: init scripts, xinetd services, haresources resources. */
export function workspaceSymbols(folders: readonly string[], query: string, host: WorkspaceHost, limit = 500): WorkspaceSymbolEntry[] {
  const out: WorkspaceSymbolEntry[] = [];
  const roots = [...new Set(folders.flatMap((f) => findRoots(f, host)))];
  for (const root of roots) {
    const tree = treeOf(root, host);
    if (tree) {
      const index = indexOf(tree);
      const initDir = tree.initDir.slice(root.length + 1);
      for (const s of tree.scripts) {
        for (const name of new Set([s.name, ...s.provides])) {
          if (!fuzzyMatch(query, name)) continue;
          const decl = (index.mentions.get(name) ?? []).find((m) => m.path === s.path && m.role === 'provides');
          out.push({ name, kind: 'module', container: name === s.name ? initDir : `${initDir}/${s.name} (Provides)`, location: { path: s.path, range: decl ? nameRange(decl) : range(0, 0, 0) } });
        }
      }
    }
    for (const x of listXinetdServices(root, host)) {
      if (fuzzyMatch(query, x.name)) out.push({ name: x.name, kind: 'event', container: 'xinetd', location: { path: x.path, range: range(x.line, 0, 0) } });
    }
    const hr = `${root}/etc/ha.d/haresources`;
    const text = host.readFile(hr);
    if (text !== undefined) {
      for (const g of parseHaresources(new Text(text)).groups) {
        for (const r of g.resources) {
          const label = r.token.text;
          if (fuzzyMatch(query, label)) out.push({ name: label, kind: 'namespace', container: `haresources (${g.node.text})`, location: { path: hr, range: tokRange(r.token) } });
        }
      }
    }
    if (out.length >= limit) break;
  }
  return out.slice(0, limit);
}
