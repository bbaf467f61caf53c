/**
 * Shell functions of the sourced libraries (`/etc/rc.d/init.d/functions`,
 * `/lib/lsb/init-functions` and its `init-functions.d`, `/etc/rc.status`): where a call such as
 * `daemon`, `killproc` or `log_daemon_msg` is defined, in the files of the script's own image
 * root. Line scans with anchored patterns: linear in the files read.
 */
import type { WorkspaceHost } from '../core/language';
import { range, type Location, type Range } from '../core/types';
import type { BodyModel } from '../languages/initscript/body';
import { LIBRARIES, libraryFunction } from '../languages/initscript/spec';

/** Absolute paths a script sources with a static word (`. /etc/default/foo`), with their ranges. */
export function sourcedPaths(body: BodyModel): { path: string; range: Range }[] {
  const out: { path: string; range: Range }[] = [];
  for (const c of body.commands) {
    if (c.name !== '.' && c.name !== 'source') continue;
    const a = c.args[0];
    if (a && !a.dynamic && a.text.startsWith('/')) out.push({ path: a.text, range: a.range });
  }
  return out;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The range of `name` where a text defines it as a shell function (`name() {`, `function name`). */
export function functionDefinition(text: string, name: string): Range | undefined {
  if (!text.includes(name)) return undefined;
  const re = new RegExp(`^([ \\t]*(?:function[ \\t]+)?)${escape(name)}[ \\t]*(?:\\(\\)|\\{|$)`);
  const plainFn = new RegExp(`^[ \\t]*function[ \\t]+${escape(name)}\\b`);
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line.includes(name)) continue;
    const m = re.exec(line) ?? plainFn.exec(line);
    if (m) {
      const col = line.indexOf(name, m[1]?.length ?? 0);
      return range(i, col, col + name.length);
    }
  }
  return undefined;
}

/** Static `. /path` lines of a library text (one level deeper: init-functions sources others). */
function sourcedByText(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const m = /^[ \t]*(?:\.|source)[ \t]+["']?(\/[A-Za-z0-9_./+-]+)["']?[ \t]*$/.exec(line);
    if (m) out.push(m[1]!);
  }
  return out;
}

/** The files a call's definition is looked for in, in order, as paths of the target system. */
function candidates(body: BodyModel, name: string, root: string, host: WorkspaceHost): string[] {
  const list = sourcedPaths(body).map((s) => s.path);
  const fn = libraryFunction(name);
  if (fn?.library === 'rhel') list.push(LIBRARIES.rhel, LIBRARIES.rhelAlias);
  if (fn?.library === 'lsb' || fn?.library === 'debian') list.push(LIBRARIES.lsb);
  if (!fn || fn.library !== 'program') list.push(LIBRARIES.rhel, LIBRARIES.lsb, LIBRARIES.suse);
  const hooks = '/lib/lsb/init-functions.d';
  for (const n of host.listDir(`${root}${hooks}`) ?? []) list.push(`${hooks}/${n}`);
  return [...new Set(list)];
}

/**
 * Where `name` is defined: in the script itself, else in the first library of the image root
 * that defines it (the script's sourced files first, then the distribution's libraries and the
 * files they source). Empty when no file of the root defines it.
 */
export function libraryDefinition(body: BodyModel, name: string, scriptPath: string, root: string | undefined, host: WorkspaceHost | undefined): Location[] {
  const own = body.functions.find((f) => f.name === name);
  if (own) return [{ path: scriptPath, range: own.nameRange }];
  if (root === undefined || !host) return [];
  const seen = new Set<string>();
  const queue = candidates(body, name, root, host);
  for (let i = 0; i < queue.length && i < 64; i++) {
    const file = `${root}${queue[i]}`;
    if (seen.has(file) || file === scriptPath) continue;
    seen.add(file);
    const text = host.readFile(file);
    if (text === undefined) continue;
    const r = functionDefinition(text, name);
    if (r) return [{ path: file, range: r }];
    for (const p of sourcedByText(text)) if (!queue.includes(p)) queue.push(p);
  }
  return [];
}
