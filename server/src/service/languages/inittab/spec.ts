/**
 * The inittab table: every action, runlevel and field, with its documentation and
 * source. Completion, hover, validation and the TextMate keyword list all read this
 * table; an action name is spelled nowhere else.
 *
 * @see spec/domain.md §1 (sysvinit `src/init.c`, BusyBox `init/init.c`, inittab(5))
 */

export type Dialect = 'sysvinit' | 'busybox';

/** How an action treats the runlevels field. */
export type RunlevelUse = 'used' | 'ignored' | 'power' | 'ondemand' | 'initdefault' | 'kbrequest';

export interface ActionSpec {
  name: string;
  dialects: readonly Dialect[];
  /** One line for completion details. */
  summary: string;
  /** sysvinit behaviour (Markdown), when the action exists there. */
  sysvinit?: string;
  /** BusyBox behaviour (Markdown), when the action exists there. */
  busybox?: string;
  /** Does init wait for the process to finish? */
  waits: boolean | null;
  runlevels: RunlevelUse;
  /** Restarted whenever it exits. */
  respawns: boolean;
  source: string;
}

export const ACTIONS: readonly ActionSpec[] = [
  {
    name: 'respawn', dialects: ['sysvinit', 'busybox'], waits: false, runlevels: 'used', respawns: true,
    summary: 'Start the process and restart it whenever it exits',
    sysvinit: 'Started when init enters one of the listed runlevels and restarted every time it exits. '
      + 'If it is started 10 times within 2 minutes, init logs `Id "x" respawning too fast: disabled for 5 minutes` and waits 5 minutes. '
      + 'The program must stay in the foreground: a daemon that forks and exits is restarted in a loop.',
    busybox: 'Started after the `once` entries and restarted whenever it exits. BusyBox has **no rate limit**: a program that exits at once is restarted every second.',
    source: 'sysvinit init.c actions[], init.h MAXSPAWN/TESTTIME/SLEEPTIME; BusyBox init.c',
  },
  {
    name: 'wait', dialects: ['sysvinit', 'busybox'], waits: true, runlevels: 'used', respawns: false,
    summary: 'Run once when a listed runlevel is entered; init waits for it',
    sysvinit: 'Run once when init enters one of the listed runlevels; init waits for it to finish before going on. '
      + 'This is how the rc scripts are run: `l3:3:wait:/etc/rc.d/rc 3`.',
    busybox: 'Run after the `sysinit` entries; init waits for it to finish.',
    source: 'sysvinit init.c; BusyBox init.c run_actions(WAIT)',
  },
  {
    name: 'once', dialects: ['sysvinit', 'busybox'], waits: false, runlevels: 'used', respawns: false,
    summary: 'Run once when a listed runlevel is entered; init does not wait',
    sysvinit: 'Run once when init enters one of the listed runlevels. init does not wait for it and does not restart it.',
    busybox: 'Run after the `wait` entries; init does not wait for it.',
    source: 'sysvinit init.c; BusyBox init.c run_actions(ONCE)',
  },
  {
    name: 'boot', dialects: ['sysvinit'], waits: false, runlevels: 'ignored', respawns: false,
    summary: 'Run during boot, after sysinit; not waited for',
    sysvinit: 'Run during boot, after the `sysinit` entries. The runlevels field is ignored.',
    source: 'sysvinit init.c boot_transitions',
  },
  {
    name: 'bootwait', dialects: ['sysvinit'], waits: true, runlevels: 'ignored', respawns: false,
    summary: 'Run during boot, after sysinit; init waits for it',
    sysvinit: 'Run during boot, after the `sysinit` entries; init waits for it (SUSE: `si::bootwait:/etc/init.d/boot`). The runlevels field is ignored.',
    source: 'sysvinit init.c boot_transitions',
  },
  {
    name: 'off', dialects: ['sysvinit'], waits: null, runlevels: 'used', respawns: false,
    summary: 'Do nothing (an entry kept but disabled)',
    sysvinit: 'Does nothing. A way to keep an entry in the file while disabling it; if the process was running it is stopped on the next runlevel change.',
    source: 'inittab(5)',
  },
  {
    name: 'ondemand', dialects: ['sysvinit'], waits: false, runlevels: 'ondemand', respawns: true,
    summary: 'Run when `telinit a`, `b` or `c` is called; behaves like respawn',
    sysvinit: 'Started when `telinit a`, `telinit b` or `telinit c` is run for one of the letters in the runlevels field; no runlevel change happens. '
      + 'It then behaves like `respawn`, and keeps running in every runlevel except S.',
    source: 'sysvinit init.c; inittab(5)',
  },
  {
    name: 'initdefault', dialects: ['sysvinit'], waits: null, runlevels: 'initdefault', respawns: false,
    summary: 'The runlevel to enter after boot',
    sysvinit: 'The runlevel init enters after boot. Only the first `initdefault` entry is read; init takes the **highest** character of its runlevels field '
      + '(`35` → 5, empty → 9). Without a valid one, init asks `Enter runlevel:` on the console at every boot. The process field is ignored, but the final `:` is required.',
    source: 'sysvinit init.c get_init_default()',
  },
  {
    name: 'sysinit', dialects: ['sysvinit', 'busybox'], waits: true, runlevels: 'ignored', respawns: false,
    summary: 'Run first at boot; init waits for it',
    sysvinit: 'Run during boot before any `boot` or `bootwait` entry; init waits for it. The runlevels field is ignored. '
      + 'Red Hat: `si::sysinit:/etc/rc.d/rc.sysinit`; Debian: `si::sysinit:/etc/init.d/rcS`.',
    busybox: 'Run first, before everything else; init waits for it. Buildroot: `::sysinit:/etc/init.d/rcS`.',
    source: 'sysvinit init.c; BusyBox init.c run_actions(SYSINIT)',
  },
  {
    name: 'powerwait', dialects: ['sysvinit'], waits: true, runlevels: 'power', respawns: false,
    summary: 'Run when the power fails (UPS on battery); init waits',
    sysvinit: 'Run when init is told the power is failing (SIGPWR with `F` in /var/run/powerstatus, or the initctl FIFO). init waits for it. An empty runlevels field means all levels including S.',
    source: 'sysvinit init.c; init(8)',
  },
  {
    name: 'powerfail', dialects: ['sysvinit'], waits: false, runlevels: 'power', respawns: false,
    summary: 'Run when the power fails; init does not wait',
    sysvinit: 'Like `powerwait`, but init does not wait for the process.',
    source: 'sysvinit init.c; init(8)',
  },
  {
    name: 'powerokwait', dialects: ['sysvinit'], waits: true, runlevels: 'power', respawns: false,
    summary: 'Run when the power is back; init waits',
    sysvinit: 'Run when init is told the power has been restored (`O` in /var/run/powerstatus). init waits for it.',
    source: 'sysvinit init.c; init(8)',
  },
  {
    name: 'powerfailnow', dialects: ['sysvinit'], waits: true, runlevels: 'power', respawns: false,
    summary: 'Run when the UPS battery is almost empty',
    sysvinit: 'Run when init is told the UPS battery is low and the power is failing (`L` in /var/run/powerstatus): the last chance to shut down cleanly.',
    source: 'sysvinit init.c; init(8)',
  },
  {
    name: 'ctrlaltdel', dialects: ['sysvinit', 'busybox'], waits: true, runlevels: 'power', respawns: false,
    summary: 'Run when Ctrl-Alt-Del is pressed (SIGINT)',
    sysvinit: 'Run when init receives SIGINT, i.e. someone pressed Ctrl-Alt-Del on the console. Typically `ca::ctrlaltdel:/sbin/shutdown -t3 -r now`.',
    busybox: 'Run when init receives SIGINT (Ctrl-Alt-Del); init waits for it.',
    source: 'sysvinit init.c; BusyBox init.c',
  },
  {
    name: 'kbrequest', dialects: ['sysvinit'], waits: false, runlevels: 'kbrequest', respawns: false,
    summary: 'Run on the keyboard request key (SIGWINCH)',
    sysvinit: 'Run when init receives SIGWINCH, sent by the console driver for the key mapped to `KeyboardSignal` (often Alt-Up arrow).',
    source: 'sysvinit init.c; inittab(5)',
  },
  {
    name: 'askfirst', dialects: ['busybox'], waits: false, runlevels: 'ignored', respawns: true,
    summary: 'Like respawn, but first waits for Enter on the console',
    busybox: 'Like `respawn`, but first prints `Please press Enter to activate this console.` and waits for Enter. Commonly `::askfirst:-/bin/sh`.',
    source: 'BusyBox init.c',
  },
  {
    name: 'shutdown', dialects: ['busybox'], waits: true, runlevels: 'ignored', respawns: false,
    summary: 'Run before halt, reboot or poweroff',
    busybox: 'Run before the system halts, reboots or powers off (SIGUSR1, SIGTERM, SIGUSR2), and before a SIGQUIT restart; init waits for it. E.g. `::shutdown:/bin/umount -a -r`.',
    source: 'BusyBox init.c',
  },
  {
    name: 'restart', dialects: ['busybox'], waits: false, runlevels: 'ignored', respawns: false,
    summary: 'The program init re-executes on SIGQUIT',
    busybox: 'On SIGQUIT, init runs the `shutdown` entries, kills every process and then `exec`s the **first** `restart` entry (usually `/sbin/init`). Without one, SIGQUIT does nothing.',
    source: 'BusyBox init.c',
  },
];

const byLowerName = new Map(ACTIONS.map((a) => [a.name, a]));

/**
 * Looks an action up as the dialect does: sysvinit compares case-insensitively
 * (strcasecmp) with any blanks kept; BusyBox compares exactly.
 */
export function findAction(word: string, dialect: Dialect): ActionSpec | undefined {
  const a = dialect === 'sysvinit' ? byLowerName.get(word.toLowerCase()) : byLowerName.get(word);
  return a && a.dialects.includes(dialect) ? a : undefined;
}

export function actionsOf(dialect: Dialect): ActionSpec[] {
  return ACTIONS.filter((a) => a.dialects.includes(dialect));
}

/** Actions that exist only in one dialect, for dialect detection. */
export const SYSVINIT_ONLY_ACTIONS = ACTIONS.filter((a) => a.dialects.length === 1 && a.dialects[0] === 'sysvinit').map((a) => a.name);
export const BUSYBOX_ONLY_ACTIONS = ACTIONS.filter((a) => a.dialects.length === 1 && a.dialects[0] === 'busybox').map((a) => a.name);

export interface RunlevelSpec {
  char: string;
  summary: string;
  rhel: string;
  debian: string;
  slackware: string;
  lsb: string;
}

/** What each runlevel means per distribution (spec/domain.md §1.7). */
export const RUNLEVELS: readonly RunlevelSpec[] = [
  { char: '0', summary: 'halt', rhel: 'halt ("Do NOT set initdefault to this")', debian: 'halt', slackware: 'halt', lsb: 'halt' },
  { char: '1', summary: 'single user', rhel: 'single user mode', debian: 'single user (runs the K scripts, then switches to S)', slackware: 'single user mode', lsb: 'single user mode' },
  { char: '2', summary: 'multi-user', rhel: 'multiuser without NFS', debian: 'multi-user, the **default**', slackware: 'unused (set up like 3)', lsb: 'multiuser with no network services exported' },
  { char: '3', summary: 'full multi-user', rhel: 'full multiuser, the **default** (text console)', debian: 'multi-user (same as 2)', slackware: 'multiuser, the **default**', lsb: 'full multiuser' },
  { char: '4', summary: 'unused / local', rhel: 'unused', debian: 'multi-user (same as 2)', slackware: 'X11 with a display manager', lsb: 'reserved for local use' },
  { char: '5', summary: 'multi-user with X11', rhel: 'X11 (graphical login)', debian: 'multi-user (same as 2)', slackware: 'unused (set up like 3)', lsb: 'multiuser with a display manager' },
  { char: '6', summary: 'reboot', rhel: 'reboot ("Do NOT set initdefault to this")', debian: 'reboot', slackware: 'reboot', lsb: 'reboot' },
  { char: 'S', summary: 'single user (boot)', rhel: 'single user', debian: 'boot-time scripts in rcS.d; not to be switched to directly', slackware: 'single user (`si:S:sysinit:/etc/rc.d/rc.S`)', lsb: '—' },
];

export const OTHER_RUNLEVEL_DOCS: Readonly<Record<string, string>> = {
  '7': 'Runlevel 7: valid for init but not documented or used by any distribution.',
  '8': 'Runlevel 8: valid for init but not documented or used by any distribution.',
  '9': 'Runlevel 9: valid for init but not documented or used by any distribution.',
  A: 'Ondemand level `a`: matched when `telinit a` is run (for `ondemand` entries; Gentoo also uses it on others). Upper and lower case both match.',
  B: 'Ondemand level `b`: matched when `telinit b` is run. Upper and lower case both match.',
  C: 'Ondemand level `c`: matched when `telinit c` is run. Upper and lower case both match.',
};

/** Characters init accepts in a runlevels field (anything else never matches). */
export const VALID_RUNLEVEL_CHARS = '0123456789SsAaBbCc';

/** Field limits of sysvinit `read_inittab` (spec/domain.md §1.1). */
export const LIMITS = {
  id: 4,
  runlevels: 11,
  action: 32,
  process: { 2: 127, 3: 256 } as Record<2 | 3, number>,
  /** fgets(buf, 256): 255 bytes including the newline. */
  lineBytes: 255,
  words: 14,
} as const;

/** Characters that make sysvinit run the process with `/bin/sh -c` (init.c spawn()). */
export const SHELL_CHARS = '~`!$^&*()=|\\{}[];"\'<>?';

/** BusyBox tty field prefixes accepted as device names (after an optional `/dev/`). */
export const BUSYBOX_TTY_PREFIXES = ['tty', 'tts/', 'console', 'null', 'hvc', 'hvsi', 'xvc', 'serial', 'vc/', 'pts/'];

export interface FieldSpec {
  name: 'id' | 'runlevels' | 'action' | 'process';
  sysvinit: string;
  busybox: string;
}

export const FIELDS: readonly FieldSpec[] = [
  {
    name: 'id',
    sysvinit: '**id** — a unique name of 1 to 4 characters for the entry (utmp `ut_id`). By convention a getty\'s id is its tty number (`1` for tty1). `~~` is reserved for the built-in single-user `sulogin`.',
    busybox: '**tty** — the terminal the process runs on: `/dev/` is put in front (`ttyS0` → `/dev/ttyS0`). Empty means the console. It need not be unique.',
  },
  {
    name: 'runlevels',
    sysvinit: '**runlevels** — the runlevels the entry runs in, as characters (`2345`). Empty means all levels (`0123456789`; for the power actions also S). Nothing is validated: a character that is not a level simply never matches.',
    busybox: '**runlevels** — ignored completely by BusyBox init; leave it empty.',
  },
  {
    name: 'action',
    sysvinit: '**action** — what init does with the process. Compared case-insensitively; blanks are kept, so `respawn ` is not `respawn`.',
    busybox: '**action** — what init does with the process. Compared case-sensitively.',
  },
  {
    name: 'process',
    sysvinit: '**process** — the command to run (the rest of the line; it may contain `:`). If it contains a shell character (`~`!$^&*()=|\\{}[];"\'<>?`) it is run with `/bin/sh -c`; otherwise it is split into at most 14 words and a `#` ends it. A leading `+` disables utmp accounting; `@` (3.x) never uses a shell.',
    busybox: '**command** — the command to run (the rest of the line; it may contain `:`). A leading `-` makes it a login shell. Shell characters make init use `sh -c "exec …"`. A `#` anywhere ends the line, even inside quotes.',
  },
];

export function fieldSpec(name: FieldSpec['name']): FieldSpec {
  return FIELDS.find((f) => f.name === name)!;
}
