/**
 * User settings, as the service sees them. The editor's `sysvHa.*` configuration and
 * the CLI's flags are both turned into this one shape.
 */
import { LEVELS, type Level } from './types';

export type Profile = 'auto' | 'rhel' | 'debian' | 'suse' | 'busybox';
export const PROFILES: readonly Profile[] = ['auto', 'rhel', 'debian', 'suse', 'busybox'];

export type InittabDialectSetting = 'auto' | 'sysvinit' | 'busybox';

export interface Settings {
  /** `sysvHa.profile`: where distributions disagree. */
  profile: Profile;
  /** `sysvHa.severity`: per-code overrides. */
  severity: Record<string, Level>;
  /** `sysvHa.inittab.dialect`. */
  inittabDialect: InittabDialectSetting;
  /** `sysvHa.sysvinitVersion`: 2 (2.88 behaviour) or 3 (3.x). */
  sysvinitVersion: 2 | 3;
  /** `sysvHa.heartbeatVersion`: 2 (2.1.3) or 3 (3.0.6). */
  heartbeatVersion: 2 | 3;
  /** `sysvHa.maxFileSize`: files larger than this (bytes) are not analysed. */
  maxFileSize: number;
  /** `sysvHa.checkFileModes`: check file permissions (authkeys mode, init scripts' execute bit). */
  checkFileModes: boolean;
  /**
   * `sysvHa.localNode`: the host name (`uname -n`) of the machine the heartbeat files are
   * for; empty = unknown (then the workspace's `etc/hostname` is used, if there is one).
   */
  localNode: string;
  /**
   * `sysvHa.systemdVersion`: the systemd whose systemd-sysv-generator runs the scripts
   * (219, 239, 252, 257), `off` for hosts without systemd, `auto` for the profile's default.
   */
  systemdVersion: 'auto' | 'off' | '219' | '239' | '252' | '257';
}

export const SYSTEMD_VERSION_VALUES: readonly Settings['systemdVersion'][] = ['auto', 'off', '219', '239', '252', '257'];

export const DEFAULT_SETTINGS: Settings = Object.freeze({
  profile: 'auto',
  severity: {},
  inittabDialect: 'auto',
  sysvinitVersion: 3,
  heartbeatVersion: 3,
  maxFileSize: 2 * 1024 * 1024,
  checkFileModes: true,
  localNode: '',
  systemdVersion: 'auto',
}) as Settings;

/**
 * Builds settings from untrusted input (an editor's configuration object or parsed CLI
 * flags): anything unknown or ill-typed falls back to the default, and the list of
 * what was ignored is returned so the caller can tell the user.
 */
export function normalizeSettings(input: unknown): { settings: Settings; ignored: string[] } {
  const ignored: string[] = [];
  const src = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  const settings: Settings = { ...DEFAULT_SETTINGS, severity: {} };

  const profile = src['profile'];
  if (profile !== undefined) {
    if (typeof profile === 'string' && (PROFILES as readonly string[]).includes(profile)) settings.profile = profile as Profile;
    else ignored.push(`profile: ${JSON.stringify(profile)} is not one of ${PROFILES.join(', ')}`);
  }
  const inittab = src['inittab'];
  const dialect = typeof inittab === 'object' && inittab !== null ? (inittab as Record<string, unknown>)['dialect'] : src['inittabDialect'];
  if (dialect !== undefined) {
    if (dialect === 'auto' || dialect === 'sysvinit' || dialect === 'busybox') settings.inittabDialect = dialect;
    else ignored.push(`inittab.dialect: ${JSON.stringify(dialect)} is not auto, sysvinit or busybox`);
  }
  for (const key of ['sysvinitVersion', 'heartbeatVersion'] as const) {
    const v = src[key];
    if (v === undefined) continue;
    const n = typeof v === 'string' ? Number.parseInt(v, 10) : v;
    if (n === 2 || n === 3) settings[key] = n;
    else ignored.push(`${key}: ${JSON.stringify(v)} is not 2 or 3`);
  }
  const max = src['maxFileSize'];
  if (max !== undefined) {
    if (typeof max === 'number' && Number.isFinite(max) && max > 0) settings.maxFileSize = max;
    else ignored.push(`maxFileSize: ${JSON.stringify(max)} is not a positive number`);
  }
  const modes = src['checkFileModes'];
  if (modes !== undefined) {
    if (typeof modes === 'boolean') settings.checkFileModes = modes;
    else ignored.push(`checkFileModes: ${JSON.stringify(modes)} is not true or false`);
  }
  const localNode = src['localNode'];
  if (localNode !== undefined) {
    if (typeof localNode === 'string' && /^[^\s#]*$/.test(localNode.trim())) settings.localNode = localNode.trim();
    else ignored.push(`localNode: ${JSON.stringify(localNode)} is not a host name`);
  }
  const sd = src['systemdVersion'];
  if (sd !== undefined) {
    const v = typeof sd === 'number' ? String(sd) : sd;
    if (typeof v === 'string' && (SYSTEMD_VERSION_VALUES as readonly string[]).includes(v)) settings.systemdVersion = v as Settings['systemdVersion'];
    else ignored.push(`systemdVersion: ${JSON.stringify(sd)} is not one of ${SYSTEMD_VERSION_VALUES.join(', ')}`);
  }
  const sev = src['severity'];
  if (sev !== undefined) {
    if (typeof sev === 'object' && sev !== null && !Array.isArray(sev)) {
      for (const [code, level] of Object.entries(sev as Record<string, unknown>)) {
        if (typeof level === 'string' && (LEVELS as readonly string[]).includes(level)) settings.severity[code] = level as Level;
        else ignored.push(`severity.${code}: ${JSON.stringify(level)} is not one of ${LEVELS.join(', ')}`);
      }
    } else {
      ignored.push('severity: expected an object of CODE: LEVEL');
    }
  }
  return { settings, ignored };
}
