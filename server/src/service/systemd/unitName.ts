/**
 * systemd's unit names as the generator makes them (src/basic/unit-name.c): validity,
 * mangling of script names, names built from `$facility` words, hidden and backup files.
 * Strings here are byte strings (one char per byte, latin1), as the generator sees them.
 */
import type { GeneratorProfile } from './versions';

/** unit-name.h UNIT_NAME_MAX: a name must be shorter. */
export const UNIT_NAME_MAX = 256;
const VALID = /^[0-9A-Za-z:\-_.\\]$/;
const UNIT_TYPES = new Set(['service', 'mount', 'swap', 'socket', 'target', 'device', 'automount', 'timer', 'path', 'slice', 'scope']);

const validChar = (c: string) => VALID.test(c);

/** unit_name_is_valid(n, UNIT_NAME_ANY or PLAIN|INSTANCE). */
export function unitNameIsValid(n: string, allowTemplate = true): boolean {
  if (n.length === 0 || n.length >= UNIT_NAME_MAX) return false;
  const e = n.lastIndexOf('.');
  if (e <= 0) return false;
  if (!UNIT_TYPES.has(n.slice(e + 1))) return false;
  let at = -1;
  for (let i = 0; i < e; i++) {
    const c = n[i]!;
    if (c === '@' && at < 0) at = i;
    if (c !== '@' && !validChar(c)) return false;
  }
  if (at === 0) return false;
  if (at < 0) return true;
  if (e > at + 1) return true; // instance
  return allowTemplate; // template "foo@.service"
}

/** unit_name_to_type(): the suffix of a valid name, or undefined. */
export function unitType(n: string, profile: GeneratorProfile): string | undefined {
  if (profile.mangleNames && !unitNameIsValid(n)) return undefined;
  const e = n.lastIndexOf('.');
  if (e < 0) return undefined;
  const t = n.slice(e + 1);
  return UNIT_TYPES.has(t) ? t : undefined;
}

/** unit_prefix_is_valid(). */
export function unitPrefixIsValid(p: string): boolean {
  if (p.length === 0 || p.length >= UNIT_NAME_MAX) return false;
  for (const c of p) if (!validChar(c)) return false;
  return true;
}

const hex = (c: string) => '\\x' + c.charCodeAt(0).toString(16).padStart(2, '0');

/** unit_name_path_escape() + suffix (unit_name_from_path), or undefined when systemd refuses. */
function unitNameFromPath(path: string, suffix: string): string | undefined {
  // path_simplify(): no repeated slashes, no "." components, no trailing slash.
  const parts = path.split('/').filter((p) => p !== '' && p !== '.');
  let escaped: string;
  if (parts.length === 0) escaped = '-';
  else {
    if (parts.includes('..')) return undefined; // path_is_normalized()
    const p = parts.join('/');
    let out = '';
    for (let i = 0; i < p.length; i++) {
      const c = p[i]!;
      if (i === 0 && c === '.') out += hex(c);
      else if (c === '/') out += '-';
      else if (c === '-' || c === '\\' || !validChar(c)) out += hex(c);
      else out += c;
    }
    escaped = out;
  }
  const s = escaped + suffix;
  return s.length < UNIT_NAME_MAX && unitNameIsValid(s, false) ? s : undefined;
}

/** unit_name_mangle(name, 0, &ret) with the ".service" suffix: undefined when systemd refuses. */
export function mangle(name: string): string | undefined {
  if (name.length === 0) return undefined;
  if (unitNameIsValid(name)) return name;
  if (name.startsWith('/')) {
    if (name.startsWith('/dev/') || name.startsWith('/sys/')) {
      const d = unitNameFromPath(name, '.device');
      if (d !== undefined) return d;
    }
    const m = unitNameFromPath(name, '.mount');
    if (m !== undefined) return m;
  }
  let s = '';
  for (const c of name) s += c === '/' ? '-' : c === '@' || validChar(c) ? c : hex(c);
  const e = s.lastIndexOf('.');
  if (e < 0 || !UNIT_TYPES.has(s.slice(e + 1))) s += '.service';
  return unitNameIsValid(s) ? s : undefined;
}

/** sysv_translate_name(): drops a `.sh` suffix, then makes a service name (undefined: refused). */
export function translateName(name: string, profile: GeneratorProfile): string | undefined {
  const base = name.endsWith('.sh') ? name.slice(0, -3) : name;
  return profile.mangleNames ? mangle(base) : base + '.service';
}

/** `$name` → `name.target` (unit_name_build), or undefined when systemd refuses the name. */
export function facilityTarget(n: string, profile: GeneratorProfile): string | undefined {
  if (!unitPrefixIsValid(n)) return undefined;
  const s = `${n}.target`;
  if (profile.mangleNames && !unitNameIsValid(s, false)) return undefined;
  return s;
}

const BACKUP_219 = ['.rpmnew', '.rpmsave', '.rpmorig', '.dpkg-old', '.dpkg-new', '.dpkg-tmp', '.dpkg-dist', '.dpkg-bak', '.dpkg-backup', '.dpkg-remove', '.swp'];
const BACKUP_MODERN = new Set(['rpmnew', 'rpmsave', 'rpmorig', 'dpkg-old', 'dpkg-new', 'dpkg-tmp', 'dpkg-dist', 'dpkg-bak', 'dpkg-backup', 'dpkg-remove', 'ucf-new', 'ucf-old', 'ucf-dist', 'swp', 'bak', 'old', 'new']);

/** hidden_file() (219) or hidden_or_backup_file(): names the generator never reads in init.d or rcN.d. */
export function isHiddenName(name: string, profile: GeneratorProfile): boolean {
  if (name.startsWith('.') || name === 'lost+found' || name === 'aquota.user' || name === 'aquota.group' || name.endsWith('~')) return true;
  if (profile.hidden === 'hidden_file') return BACKUP_219.some((s) => name.endsWith(s));
  const dot = name.lastIndexOf('.');
  return dot >= 0 && BACKUP_MODERN.has(name.slice(dot + 1));
}

/** specifier_escape(): `%` → `%%`. */
export function escapeSpecifiers(s: string, profile: GeneratorProfile): string {
  return profile.escapeSpecifiers ? s.replace(/%/g, '%%') : s;
}
