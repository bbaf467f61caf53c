/**
 * Which language a file is, from its path (and, for init scripts, its first lines), as
 * spec/checks.md "Which files are checked" says. Used by the CLI when walking a tree and by
 * the server when an editor's language id is not specific enough (init scripts are
 * `shellscript` in editors).
 */
import type { LanguageId } from './language';

/** Names in init.d that are not service scripts (libraries, rc itself, docs). */
const INITD_SKIPPED = [/^functions$/, /^rc$/, /^rcS$/, /^rcK$/, /^boot$/, /^README/, /^Makefile/, /^skeleton/, /^core$/, /^rx$/, /^powerfail/, /^\.depend\./];

/** Editor language ids the extension contributes, mapped to service languages. */
export const EDITOR_LANGUAGES: Readonly<Record<string, LanguageId>> = {
  inittab: 'inittab',
  'ha-cf': 'hacf',
  'ha-resources': 'haresources',
  'ha-authkeys': 'authkeys',
  xinetd: 'xinetd',
};

function posix(path: string): string {
  return path.replace(/\\/g, '/');
}

export function baseName(path: string): string {
  const p = posix(path);
  return p.slice(p.lastIndexOf('/') + 1);
}

/** True for names in init.d that are libraries or rc itself rather than service scripts. */
export function isSkippedInitdName(name: string): boolean {
  return INITD_SKIPPED.some((re) => re.test(name));
}

/**
 * The language of a file by its path alone, or undefined when the path says nothing.
 * `path` may be absolute or relative to an image root.
 */
export function languageForPath(path: string): LanguageId | undefined {
  const p = '/' + posix(path).replace(/^\/+/, '');
  const name = baseName(p);
  if (name === 'inittab' || (/\/etc\/inittab\.d\/[^/]+\.tab$/.test(p) && name.length > 4)) return 'inittab';
  if (name === 'ha.cf') return 'hacf';
  if (name === 'haresources') return 'haresources';
  if (name === 'authkeys') return 'authkeys';
  if (/\/etc\/xinetd\.conf$/.test(p) || /\/etc\/xinetd\.d\/[^/]+$/.test(p)) return 'xinetd';
  if (/\/etc\/(rc\.d\/)?init\.d\/[^/]+$/.test(p) && !isSkippedInitdName(name)) return 'initscript';
  // rc.local: not a service script, but its ip addr commands are checked (spec/checks.md "ipaddr").
  if (/\/etc\/(rc\.d\/)?rc\.local$/.test(p)) return 'initscript';
  return undefined;
}

/** A shell file is an init script when it lives in an init.d folder or carries a header. */
export function looksLikeInitScript(path: string, text: string): boolean {
  if (/(^|\/)etc\/(rc\.d\/)?rc\.local$/.test(posix(path))) return true;
  if (/(^|\/)init\.d\/[^/]+$/.test(posix(path)) && !isSkippedInitdName(baseName(path))) return true;
  const head = text.slice(0, 8192);
  return /^[ \t]*#[ \t]*chkconfig:/im.test(head) || /^### BEGIN INIT INFO/m.test(head);
}

/** The language for a document an editor opened, from its language id, path and text. */
export function languageForDocument(path: string, editorLanguageId: string | undefined, text: string): LanguageId | undefined {
  if (editorLanguageId && EDITOR_LANGUAGES[editorLanguageId]) return EDITOR_LANGUAGES[editorLanguageId];
  if (editorLanguageId === 'shellscript' || editorLanguageId === 'sh' || editorLanguageId === 'bash') {
    return looksLikeInitScript(path, text) ? 'initscript' : undefined;
  }
  return languageForPath(path);
}
