/**
 * What differs between the versions of `systemd-sysv-generator` the model reproduces, one
 * profile per version, each with the source it was read from. Only 252 runs here (Debian 12's
 * package, /lib/systemd/system-generators/systemd-sysv-generator): it is the oracle's judge.
 * The others follow their published source, as recorded in `source`.
 *
 * @see src/sysv-generator/sysv-generator.c of each version
 */

export type SystemdVersion = '219' | '239' | '252' | '257';
export const SYSTEMD_VERSIONS: readonly SystemdVersion[] = ['219', '239', '252', '257'];
/** `sysvHa.systemdVersion` / `--systemd-version`: a version, `off` (no systemd), or `auto` (per profile). */
export type SystemdVersionSetting = 'auto' | 'off' | SystemdVersion;
export const SYSTEMD_VERSION_SETTINGS: readonly SystemdVersionSetting[] = ['auto', 'off', ...SYSTEMD_VERSIONS];

/** One rcN.d folder the generator reads and the target its S links make want the service. */
export interface RcEntry {
  dir: string;
  target: string;
  /** A shutdown level (rc0.d, rc6.d): its K links order the service before shutdown.target (219). */
  down: boolean;
}

export interface GeneratorProfile {
  version: SystemdVersion;
  /** Where it runs: RHEL/CentOS 7, Debian 12, ... */
  label: string;
  /** What the profile was read from. */
  source: string;
  /** Whether the real program ran here to check it. */
  checkedByRunning: boolean;
  rcTable: RcEntry[];
  /** 219: one `Before=a b c` line per list (strv_join); later: one line per entry. */
  joinLists: boolean;
  /** 219 prints `Description=%s` even without a description: glibc writes `(null)`. */
  alwaysDescription: boolean;
  /** `SuccessExitStatus=5 6` for scripts with an LSB header (LSB's "not installed", "not configured"). */
  successExitStatus: boolean;
  /** `%` is doubled in paths and the description (specifier_escape). */
  escapeSpecifiers: boolean;
  /** Unit names go through unit_name_mangle (escaping, validity); 219 appends `.service`. */
  mangleNames: boolean;
  /** Header words: 219's FOREACH_WORD_QUOTED, later extract_first_word(EXTRACT_UNQUOTE|EXTRACT_RELAX). */
  words: 'split' | 'extract';
  /** Lines: fgets() into LINE_MAX (2048) bytes, or read_line() (\n, \r, \r\n and NUL end a line; 1 MiB limit). */
  lines: 'fgets' | 'read_line';
  /** Which names in init.d and rcN.d are skipped as hidden or backup files. */
  hidden: 'hidden_file' | 'hidden_or_backup_file';
  /** `*.target.wants/` links: `../foo.service` (generator_add_symlink) or the absolute output path (219). */
  relativeWants: boolean;
  /** RHEL 7's downstream patch: a script with an S link above 10 gets `After=network-online.target`. */
  rhelNetworkAfterPriority: boolean;
  /** `Provides: $network` also pulls in network.target (upstream v234, backported to RHEL 7). */
  providesNetworkWants: boolean;
  /** A `$facility` the generator cannot turn into a unit name in Provides stops reading the script (219). */
  providesErrorAbortsScript: boolean;
  /** A script or link name that unit_name_mangle refuses makes the whole generator fail ("Out of memory."). */
  badNameAbortsGenerator: boolean;
}

const UP = (dir: string, target: string): RcEntry => ({ dir, target, down: false });

const MODERN_RC: RcEntry[] = [
  UP('rc1.d', 'rescue.target'), UP('rc2.d', 'multi-user.target'), UP('rc3.d', 'multi-user.target'),
  UP('rc4.d', 'multi-user.target'), UP('rc5.d', 'graphical.target'),
];

const MODERN = {
  rcTable: MODERN_RC, joinLists: false, alwaysDescription: false, successExitStatus: true, escapeSpecifiers: true,
  mangleNames: true, words: 'extract', hidden: 'hidden_or_backup_file', relativeWants: true, rhelNetworkAfterPriority: false,
  providesNetworkWants: true, providesErrorAbortsScript: false, badNameAbortsGenerator: true,
} as const;

export const PROFILES: Record<SystemdVersion, GeneratorProfile> = {
  '219': {
    version: '219', label: 'RHEL/CentOS 7', checkedByRunning: false,
    source: 'RHEL 7 systemd-219 as published in lnykryn/systemd-rhel (src/sysv-generator/sysv-generator.c @ 25dc2021), '
      + 'with the backport of upstream #5652 (Provides: $network also wants network.target, RHBZ#1438749)',
    rcTable: [
      UP('rc1.d', 'rescue.target'), UP('rc2.d', 'runlevel2.target'), UP('rc3.d', 'runlevel3.target'),
      UP('rc4.d', 'runlevel4.target'), UP('rc5.d', 'runlevel5.target'),
      { dir: 'rc0.d', target: 'poweroff.target', down: true }, { dir: 'rc6.d', target: 'reboot.target', down: true },
    ],
    joinLists: true, alwaysDescription: true, successExitStatus: false, escapeSpecifiers: false, mangleNames: false,
    words: 'split', lines: 'fgets', hidden: 'hidden_file', relativeWants: false, rhelNetworkAfterPriority: true,
    providesNetworkWants: true, providesErrorAbortsScript: true, badNameAbortsGenerator: false,
  },
  '239': {
    version: '239', label: 'RHEL 8', checkedByRunning: false, ...MODERN, lines: 'fgets',
    source: 'upstream systemd v239, reconstructed: the v252 generator less what came after (read_line() in v240); '
      + 'shutdown links dropped in v231 (#3392), SuccessExitStatus= and specifier escaping present since v236-v237',
  },
  '252': {
    version: '252', label: 'Debian 12, RHEL 9', checkedByRunning: true, ...MODERN, lines: 'read_line',
    source: 'Debian 12 systemd 252 (/lib/systemd/system-generators/systemd-sysv-generator), run by the oracle',
  },
  '257': {
    version: '257', label: 'Debian 13', checkedByRunning: false, ...MODERN, lines: 'read_line',
    source: 'upstream systemd main after v255 (systemd/systemd src/sysv-generator/sysv-generator.c @ 59797f2a): '
      + 'the same output as 252 (the deprecation warning is a log message only); Debian 13 ships 257, '
      + 'only 252 is installable from this machine\'s sources (bookworm)',
  },
};

/** The version a profile's hosts run, for `auto`. */
export function defaultVersion(profile: string): SystemdVersion | 'off' {
  switch (profile) {
    case 'rhel': return '219';
    case 'busybox': return 'off';
    default: return '252';
  }
}

export function resolveVersion(setting: SystemdVersionSetting, profile: string): GeneratorProfile | undefined {
  const v = setting === 'auto' ? defaultVersion(profile) : setting;
  return v === 'off' ? undefined : PROFILES[v];
}
