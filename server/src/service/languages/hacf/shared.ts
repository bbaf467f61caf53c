/**
 * Helpers the three heartbeat languages share: where the other files of the same
 * `/etc/ha.d` are, and reading them through the `WorkspaceHost`.
 *
 * heartbeat reads `ha.cf`, `haresources` and `authkeys` from one directory by those exact
 * names, so the cross-file checks (and the file-mode check) apply only to files that carry
 * them: a template `ha.cf.j2` or a copy named otherwise is not what heartbeat reads.
 */
import type { WorkspaceHost } from '../../core/language';
import { SourceText } from '../../core/text';
import { parseHaresources } from '../haresources/parse';

export function dirName(path: string): string {
  const p = path.replace(/\\/g, '/');
  const i = p.lastIndexOf('/');
  return i <= 0 ? (i === 0 ? '/' : '.') : p.slice(0, i);
}

export function isNamed(path: string, name: string): boolean {
  const p = path.replace(/\\/g, '/');
  return p.slice(p.lastIndexOf('/') + 1) === name;
}

/** Another file of the same ha.d directory. */
export function heartbeatDirFile(path: string, name: string): string {
  const dir = dirName(path);
  return dir === '/' ? `/${name}` : `${dir}/${name}`;
}

/** The image root of a file at `<root>/etc/ha.d/<name>`, or undefined. */
export function imageRoot(path: string): string | undefined {
  const m = /^(.*)\/etc\/ha\.d\/[^/]+$/.exec(path.replace(/\\/g, '/'));
  return m ? m[1]! : undefined;
}

/** 1-based lines of the haresources groups whose preferred node is `lowerName`; undefined without a file. */
export function nodeUsesInHaresources(host: WorkspaceHost, path: string, lowerName: string): number[] | undefined {
  const text = host.readFile(path);
  if (text === undefined) return undefined;
  const model = parseHaresources(new SourceText(text));
  return model.groups.filter((g) => g.node.text.toLowerCase() === lowerName).map((g) => g.node.line + 1);
}

export { commentFolding } from '../../core/folding';
