/**
 * Building the shell commands the extension sends to a terminal. Pure (no editor API) so
 * the rules are unit-tested: script names must be plain file names, actions come from a
 * fixed list, every part is single-quoted, and the prefix (e.g. `sudo`) is a plain word list.
 */

export const SCRIPT_NAME = /^[A-Za-z0-9_.@+-]+$/;
export const ACTIONS = ['start', 'stop', 'restart', 'status', 'reload', 'force-reload', 'condrestart', 'try-restart'] as const;
export type Action = (typeof ACTIONS)[number];
/** A prefix is words of letters, digits and `_./=-` only (e.g. `sudo`, `sudo -n`, `doas`). */
export const PREFIX = /^[A-Za-z0-9_./=-]+( [A-Za-z0-9_./=-]+)*$/;

export class RefusedCommand extends Error {}

/** POSIX single quoting. */
export function quote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

function prefixWords(prefix: string): string {
  const p = prefix.trim();
  if (p === '') return '';
  if (!PREFIX.test(p)) throw new RefusedCommand(`the command prefix '${prefix}' is not a plain word list`);
  return `${p} `;
}

function checkName(name: string): void {
  if (!SCRIPT_NAME.test(name) || name.startsWith('-')) throw new RefusedCommand(`'${name}' is not a plain script name`);
}

/** `service NAME ACTION`, or the script's path for BusyBox systems (no `service` there). */
export function serviceCommand(o: { name: string; action: string; path?: string; busybox?: boolean; prefix: string }): string {
  checkName(o.name);
  if (!(ACTIONS as readonly string[]).includes(o.action)) throw new RefusedCommand(`'${o.action}' is not an init-script action`);
  if (o.busybox) {
    if (!o.path || !/^\/[A-Za-z0-9_.@+\/-]+$/.test(o.path) || o.path.includes('/../') || !o.path.endsWith(`/${o.name}`)) throw new RefusedCommand(`'${o.path}' is not the script's path`);
    return `${prefixWords(o.prefix)}${quote(o.path)} ${o.action}`;
  }
  return `${prefixWords(o.prefix)}service ${quote(o.name)} ${o.action}`;
}

/** `chkconfig --add|--del NAME` or `update-rc.d NAME defaults|remove`. */
export function registerCommand(o: { name: string; op: string; tool: string; prefix: string }): string {
  checkName(o.name);
  if (o.op !== 'add' && o.op !== 'del') throw new RefusedCommand(`'${o.op}' is not add or del`);
  if (o.tool === 'chkconfig') return `${prefixWords(o.prefix)}chkconfig --${o.op} ${quote(o.name)}`;
  if (o.tool === 'update-rc.d') return `${prefixWords(o.prefix)}update-rc.d ${quote(o.name)} ${o.op === 'add' ? 'defaults' : 'remove'}`;
  throw new RefusedCommand(`'${o.tool}' is not chkconfig or update-rc.d`);
}

/** `chkconfig --level N NAME on|off` for a live system. */
export function levelCommand(o: { name: string; level: string; on: boolean; prefix: string }): string {
  checkName(o.name);
  if (!/^[0-6]$/.test(o.level)) throw new RefusedCommand(`'${o.level}' is not a runlevel 0-6`);
  return `${prefixWords(o.prefix)}chkconfig --level ${o.level} ${quote(o.name)} ${o.on ? 'on' : 'off'}`;
}

/**
 * The file `chmod 600` may change for the authkeys quick fix (issue 14.3): the file itself, or
 * what its link points to only when that is inside a workspace folder (both resolved through
 * their links); anything else is refused with a message. `realpath` throws for a missing path.
 */
export function chmodTarget(path: string, folders: readonly string[], realpath: (p: string) => string): { path: string } | { refused: string } {
  if (!path.startsWith('/') || !path.endsWith('/authkeys')) return { refused: `not an authkeys file: ${path}` };
  let real: string;
  try {
    real = realpath(path);
  } catch {
    return { refused: `${path} does not exist` };
  }
  const within = (dir: string, p: string) => p === dir || p.startsWith(dir.endsWith('/') ? dir : `${dir}/`);
  for (const f of folders) {
    let rf: string;
    try {
      rf = realpath(f);
    } catch {
      continue;
    }
    if (within(f, path) || within(rf, path)) {
      return within(rf, real) ? { path: real } : { refused: `${path} is a link to ${real}, outside the workspace folder: sysv-ha changes no file outside it. Run chmod yourself if that is intended.` };
    }
  }
  return { refused: `${path} is not inside a workspace folder: sysv-ha changes no file outside the workspace.` };
}
