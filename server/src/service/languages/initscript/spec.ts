/**
 * The init-script table: header keywords (chkconfig and LSB), facilities, actions and
 * their exit codes, and the functions libraries' calls with their options. Completion,
 * hover, signature help and validation read it; a keyword is spelled nowhere else.
 *
 * @see spec/domain.md §2 (chkconfig), §3 (LSB), §4 (Red Hat functions), §5.2 (insserv)
 */

export type InitProfile = 'rhel' | 'debian' | 'suse' | 'busybox' | 'generic';

export interface LsbKeyword {
  name: string;
  /** What the value is: facility list, runlevel list, text. */
  value: 'facilities' | 'runlevels' | 'text' | 'names' | 'boolean';
  /** insserv reports its absence ("please add even if empty"). */
  required: boolean;
  doc: string;
  insserv: string;
  chkconfig: string;
}

export const LSB_KEYWORDS: readonly LsbKeyword[] = [
  {
    name: 'Provides', value: 'names', required: true,
    doc: 'The boot facilities this script provides; other scripts name them in Required-Start/Should-Start. Usually the script\'s own name.',
    insserv: 'Each name may be provided by one script only (`service X already provided!`); a `$name` is skipped (system facilities are not provided by scripts).',
    chkconfig: 'Matched by other scripts\' dependencies; defaults to the script name.',
  },
  {
    name: 'Required-Start', value: 'facilities', required: true,
    doc: 'Facilities that must be available before this script starts.',
    insserv: 'Orders the start links after them; a name no script provides is fatal (`service X has to be enabled to use service Y`).',
    chkconfig: 'Start priority becomes at least one more than each enabled dependency\'s (LSB scripts only). Split on blanks: a comma is part of the name.',
  },
  {
    name: 'Required-Stop', value: 'facilities', required: true,
    doc: 'Facilities that must still be available while this script stops.',
    insserv: 'Orders the stop links before them.',
    chkconfig: 'Stop priority becomes at most one less than each dependency\'s.',
  },
  {
    name: 'Should-Start', value: 'facilities', required: false,
    doc: 'Start after these if they are present (optional dependencies; LSB 2.0).',
    insserv: 'Orders after them when they exist; never fatal.',
    chkconfig: 'Adjusts the start priority like Required-Start, never fails.',
  },
  {
    name: 'Should-Stop', value: 'facilities', required: false,
    doc: 'Stop before these if they are present.',
    insserv: 'Orders the stop links before them when they exist.',
    chkconfig: 'Adjusts the stop priority, never fails.',
  },
  {
    name: 'Default-Start', value: 'runlevels', required: true,
    doc: 'Runlevels the script starts in by default: one-character tokens separated by blanks (`2 3 4 5`).',
    insserv: 'Only single-character tokens of `0123456sSbB` count; `2345` is ignored. A missing key means empty.',
    chkconfig: 'Each number is ORed into the levels (strtol): `2,3,4,5` gives level 2 only, `2345` gives none.',
  },
  {
    name: 'Default-Stop', value: 'runlevels', required: true,
    doc: 'Runlevels the script is stopped in by default (`0 1 6`).',
    insserv: 'Only single-character tokens count; must not overlap Default-Start.',
    chkconfig: 'Each number is cleared from the levels, in file order.',
  },
  {
    name: 'Short-Description', value: 'text', required: false,
    doc: 'A one-line description.',
    insserv: 'Not used for ordering.',
    chkconfig: 'Used as the English description (the last description-like line wins).',
  },
  {
    name: 'Description', value: 'text', required: false,
    doc: 'A longer description; continuation lines start with `#` and a TAB or at least two spaces.',
    insserv: 'Read, not used for ordering.',
    chkconfig: 'Used as the English description.',
  },
  {
    name: 'X-Start-Before', value: 'facilities', required: false,
    doc: 'insserv extension: these scripts start after this one (the reverse of Should-Start).',
    insserv: 'Adds this script to their Should-Start.',
    chkconfig: 'Ignored.',
  },
  {
    name: 'X-Stop-After', value: 'facilities', required: false,
    doc: 'insserv extension: these scripts stop before this one (the reverse of Should-Stop).',
    insserv: 'Adds this script to their Should-Stop.',
    chkconfig: 'Ignored.',
  },
  {
    name: 'X-Interactive', value: 'boolean', required: false,
    doc: 'insserv extension: `true` when the script may ask the user something at boot (it then runs alone in a parallel boot).',
    insserv: 'Only the value `true` is recognised.',
    chkconfig: 'Ignored.',
  },
];

export function lsbKeyword(name: string): LsbKeyword | undefined {
  return LSB_KEYWORDS.find((k) => k.name === name);
}

export function lsbKeywordCaseless(name: string): LsbKeyword | undefined {
  const lower = name.toLowerCase();
  return LSB_KEYWORDS.find((k) => k.name.toLowerCase() === lower);
}

export interface Facility {
  name: string;
  doc: string;
  /** What systemd and chkconfig map it to. */
  systemd: string;
}

/** LSB system facilities, and insserv's built-ins. */
export const FACILITIES: readonly Facility[] = [
  { name: '$local_fs', doc: 'All local file systems are mounted.', systemd: 'local-fs.target (chkconfig exempts it from the missing-dependency check)' },
  { name: '$network', doc: 'Basic networking is available: a server could listen on a socket.', systemd: 'network.target' },
  { name: '$named', doc: 'Name-to-address lookup is available (DNS, NIS+, LDAP…).', systemd: 'nss-lookup.target' },
  { name: '$portmap', doc: 'The SunRPC/ONC RPC portmapper is running, if present.', systemd: 'rpcbind.target' },
  { name: '$remote_fs', doc: 'All file systems are available, including remote ones (`/usr` may be remote).', systemd: 'remote-fs.target' },
  { name: '$syslog', doc: 'The system logger is running.', systemd: 'systemd-journald.service' },
  { name: '$time', doc: 'The system time has been set (NTP, rdate or the RTC).', systemd: 'time-sync.target' },
  { name: '$all', doc: 'insserv extension: start after every other script (and stop first). Nothing may depend on a script that uses it.', systemd: '—' },
  { name: '$null', doc: 'insserv extension: an explicitly empty dependency.', systemd: '—' },
  { name: '$mail-transport-agent', doc: 'Debian: the mail transport agent is running. Defined in `/etc/insserv.conf.d` by the MTA packages (postfix, exim4, sendmail…); lintian knows it.', systemd: 'mail-transport-agent.target' },
  { name: '$x-display-manager', doc: 'Debian: the X display manager is running. Defined in `/etc/insserv.conf.d` by the display managers (gdm3, lightdm, sddm, xdm, nodm…); lintian knows it.', systemd: 'display-manager.service' },
];

/** The facilities every system knows: LSB's and insserv's (the Debian ones are defined by packages). */
export const STANDARD_FACILITY_NAMES: readonly string[] = ['$local_fs', '$network', '$named', '$portmap', '$remote_fs', '$syslog', '$time', '$all', '$null'];

export const FACILITY_NAMES = FACILITIES.map((f) => f.name);

/**
 * Script names a dependency should not name, because a system facility stands for them:
 * lintian's `%implied_dependencies` (`lib/Lintian/Check/InitD.pm`), unchanged. checkroot is
 * left out there on purpose (cryptsetup needs the root file system but not all local ones).
 */
export const IMPLIED_FACILITIES: ReadonlyMap<string, string> = new Map([
  ['mountall', '$local_fs'],
  ['mountnfs', '$remote_fs'],
  ['hwclock', '$time'],
  ['portmap', '$portmap'],
  ['named', '$named'],
  ['bind9', '$named'],
  ['networking', '$network'],
  ['syslog', '$syslog'],
  ['rsyslog', '$syslog'],
  ['sysklogd', '$syslog'],
]);

/** Red Hat header tags besides chkconfig (initscripts `sysvinitfiles`). */
export const RH_TAGS: readonly { name: string; doc: string }[] = [
  { name: 'chkconfig', doc: '`# chkconfig: LEVELS START STOP` — the runlevels the service is on by default (`-` for none) and its start and stop priorities (0-99): `chkconfig --add` creates `S<START>name` in those levels\' rcN.d and `K<STOP>name` in the others.' },
  { name: 'description', doc: '`# description: text` — shown by chkconfig and ntsysv; a line ending in `\\` continues on the next comment line.' },
  { name: 'processname', doc: '`# processname: name` — a process the service runs (may repeat).' },
  { name: 'config', doc: '`# config: /path [autoreload]` — a configuration file of the service (may repeat).' },
  { name: 'pidfile', doc: '`# pidfile: /path` — where the service writes its PID (the first line holds it).' },
  { name: 'probe', doc: '`# probe: true` — the script has a `probe` action printing the command to run.' },
  { name: 'hide', doc: '`# hide: true` — ntsysv hides the service.' },
];

export interface ActionSpec {
  name: string;
  doc: string;
  required: boolean;
}

/** Actions an init script takes (LSB "Init Script Actions", §3.1). */
export const ACTIONS: readonly ActionSpec[] = [
  { name: 'start', required: true, doc: 'Start the service. Starting a running service is a success (exit 0).' },
  { name: 'stop', required: true, doc: 'Stop the service. Stopping a stopped service is a success (exit 0).' },
  { name: 'restart', required: true, doc: 'Stop and start again if running, otherwise start.' },
  { name: 'try-restart', required: false, doc: 'Restart only if already running (Red Hat also calls it `condrestart`).' },
  { name: 'condrestart', required: false, doc: 'Red Hat\'s name for `try-restart`: restart only if running.' },
  { name: 'reload', required: false, doc: 'Reload the configuration without stopping the service.' },
  { name: 'force-reload', required: true, doc: 'Reload if the service supports it, otherwise restart if running.' },
  { name: 'status', required: true, doc: 'Print the current status; exit 0 running, 1 dead with a pid file, 2 dead with a lock file, 3 not running, 4 unknown.' },
];

/** LSB exit codes for every action but status (§3.1). */
export const EXIT_CODES: Readonly<Record<number, string>> = {
  0: 'success',
  1: 'generic or unspecified error',
  2: 'invalid or excess argument(s)',
  3: 'unimplemented feature (e.g. reload)',
  4: 'user had insufficient privilege',
  5: 'program is not installed',
  6: 'program is not configured',
  7: 'program is not running',
};

/** LSB exit codes of the status action. */
export const STATUS_EXIT_CODES: Readonly<Record<number, string>> = {
  0: 'program is running or service is OK',
  1: 'program is dead and a /var/run pid file exists',
  2: 'program is dead and a /var/lock lock file exists',
  3: 'program is not running',
  4: 'program or service status is unknown',
};

export function exitCodeMeaning(code: number, inStatus: boolean): string {
  const table = inStatus ? STATUS_EXIT_CODES : EXIT_CODES;
  if (table[code]) return table[code]!;
  if (code > 255) return `taken modulo 256 by the shell: ${code % 256}`;
  if (code >= 200) return 'reserved';
  if (code >= 150) return 'reserved for application use';
  if (code >= 100) return 'reserved for distribution use';
  return 'reserved for future LSB use';
}

export interface LibraryFunction {
  name: string;
  library: 'rhel' | 'lsb' | 'debian' | 'program';
  signature: string;
  doc: string;
  /** Parameters for signature help. */
  params: { label: string; doc: string }[];
  returns?: string;
}

export const FUNCTIONS: readonly LibraryFunction[] = [
  {
    name: 'daemon', library: 'rhel', signature: 'daemon [--check base] [--user user] [--pidfile file] [--force] [+N|-N] program [args…]',
    doc: 'Starts a program unless the pid file (`--pidfile`, or `/var/run/<base>.pid`) names a live process; prints `[  OK  ]` or `[FAILED]`. It runs `program args` through bash and **waits for it**, so the program must put itself in the background. daemon never writes the pid file.',
    params: [
      { label: '--check base', doc: 'The name to look for instead of the program\'s basename.' },
      { label: '--user user', doc: 'Run as this user (runuser).' },
      { label: '--pidfile file', doc: 'The pid file to check (also `--pidfile=file`).' },
      { label: '--force', doc: 'Start even if the pid file names a live process.' },
      { label: '+N|-N', doc: 'Nice level (NICELEVEL in /etc/sysconfig/<svc> overrides it).' },
      { label: 'program [args…]', doc: 'The command to run; it must detach.' },
    ],
    returns: 'The program\'s exit status; 1 with a usage message for an unknown option.',
  },
  {
    name: 'killproc', library: 'rhel', signature: 'killproc [-p pidfile] [-b binary] [-d delay] program [-SIGNAL]',
    doc: 'Without a signal: TERM, then KILL after `delay` seconds (default 3), removes the pid file and prints `[  OK  ]`. With a signal: sends only that. Options are positional, in this order, before the program; `-b` only after `-p`. (The LSB version: `killproc [-p pidfile] pathname [signal]`.)',
    params: [
      { label: '-p pidfile', doc: 'Read the PIDs from this file (no pidof fallback).' },
      { label: '-b binary', doc: 'Check that the PIDs run this binary (current initscripts; only with -p).' },
      { label: '-d delay', doc: 'Seconds to wait between TERM and KILL (`N[smhd]` in 8.45).' },
      { label: 'program', doc: 'The program whose processes to signal.' },
      { label: '-SIGNAL', doc: 'Send only this signal (e.g. `-HUP` to reload).' },
    ],
    returns: '0 on success or when not running (no signal); 7 with $LSB set and a signal when not running; 4 when the pid file is unreadable.',
  },
  {
    name: 'status', library: 'rhel', signature: 'status [-p pidfile] [-l lockfile] [-b binary] program',
    doc: 'Prints `<base> (pid N) is running...`, `… dead but pid file exists`, `… dead but subsys locked` or `… is stopped`. Options are positional: -p, then -l, then -b.',
    params: [
      { label: '-p pidfile', doc: 'The pid file; with -p pidof is not used.' },
      { label: '-l lockfile', doc: 'The name under /var/lock/subsys/ (initscripts 8.45+).' },
      { label: '-b binary', doc: 'The binary to check (current initscripts).' },
      { label: 'program', doc: 'The program to look for.' },
    ],
    returns: '0 running, 1 dead with pid file, 2 dead with subsys lock, 3 stopped, 4 unknown (no privileges).',
  },
  {
    name: 'pidofproc', library: 'lsb', signature: 'pidofproc [-p pidfile] program',
    doc: 'Prints the PIDs of the program (pid file first, then pidof unless -p is given).',
    params: [{ label: '-p pidfile', doc: 'The pid file (first line, PIDs separated by spaces).' }, { label: 'program', doc: 'The program.' }],
    returns: 'LSB status codes: 0, 1, 3 or 4.',
  },
  {
    name: 'start_daemon', library: 'lsb', signature: 'start_daemon [-f] [-n nicelevel] [-p pidfile] pathname [args…]',
    doc: 'Starts the program unless it is already running (`-f` forces). Debian: `start-stop-daemon --start --oknodo`.',
    params: [
      { label: '-f', doc: 'Start even if already running.' },
      { label: '-n nicelevel', doc: 'Nice level.' },
      { label: '-p pidfile', doc: 'The pid file to check.' },
      { label: 'pathname [args…]', doc: 'The program and its arguments.' },
    ],
    returns: '0 on success or if already running; otherwise an LSB code.',
  },
  {
    name: 'status_of_proc', library: 'debian', signature: 'status_of_proc [-p pidfile] daemon name',
    doc: 'Debian: prints `name is running` / `name is not running` and returns the LSB status code.',
    params: [{ label: '-p pidfile', doc: 'The pid file.' }, { label: 'daemon', doc: 'The program path.' }, { label: 'name', doc: 'The name to print.' }],
    returns: 'LSB status codes (0-4).',
  },
  {
    name: 'log_daemon_msg', library: 'debian', signature: 'log_daemon_msg message [name]',
    doc: 'Debian: prints `message: name` at the start of a start/stop line.', params: [{ label: 'message', doc: '' }, { label: 'name', doc: '' }],
  },
  {
    name: 'log_end_msg', library: 'debian', signature: 'log_end_msg status',
    doc: 'Debian: ends the line with `.` or `failed!` by the status; returns it.', params: [{ label: 'status', doc: 'The exit status to report.' }],
  },
  { name: 'log_success_msg', library: 'lsb', signature: 'log_success_msg message', doc: 'Prints a success message.', params: [{ label: 'message', doc: '' }] },
  { name: 'log_failure_msg', library: 'lsb', signature: 'log_failure_msg message', doc: 'Prints a failure message.', params: [{ label: 'message', doc: '' }] },
  { name: 'log_warning_msg', library: 'lsb', signature: 'log_warning_msg message', doc: 'Prints a warning message.', params: [{ label: 'message', doc: '' }] },
  { name: 'action', library: 'rhel', signature: 'action "TEXT" command [args…]', doc: 'Prints TEXT, runs the command without a shell, then `[  OK  ]` or `[FAILED]`; returns the command\'s status.', params: [{ label: 'TEXT', doc: '' }, { label: 'command [args…]', doc: '' }] },
  { name: 'success', library: 'rhel', signature: 'success [message]', doc: 'Prints `[  OK  ]` at column $RES_COL.', params: [{ label: 'message', doc: '' }] },
  { name: 'failure', library: 'rhel', signature: 'failure [message]', doc: 'Prints `[FAILED]` at column $RES_COL, keeping the caller\'s $?.', params: [{ label: 'message', doc: '' }] },
  {
    name: 'start-stop-daemon', library: 'program', signature: 'start-stop-daemon --start|--stop [--pidfile file] [--exec path] [--name name] [--user user] [--chuid user] [--background] [--make-pidfile] [--oknodo] [--quiet] [--retry schedule] [--signal sig] [-- args…]',
    doc: 'Debian/BusyBox program that starts or stops a daemon, finding it by pid file, executable, name or user. `--oknodo` makes "already running"/"not running" a success; `--background --make-pidfile` for programs that do not detach.',
    params: [
      { label: '--start|--stop', doc: 'What to do (-S / -K).' },
      { label: '--pidfile file', doc: 'Match processes by this pid file (-p).' },
      { label: '--exec path', doc: 'Match (and start) this executable (-x).' },
      { label: '--name name', doc: 'Match by process name (-n).' },
      { label: '--background', doc: 'Fork before exec, for programs that do not detach (-b).' },
      { label: '--make-pidfile', doc: 'Write the pid file (-m; with --background).' },
      { label: '--oknodo', doc: 'Exit 0 when nothing had to be done (-o).' },
      { label: '--retry schedule', doc: 'Signal and wait (e.g. TERM/30/KILL/5) (-R).' },
      { label: '-- args…', doc: 'Arguments for the program.' },
    ],
    returns: '0 done; 1 nothing done (without --oknodo); 2 still running after --retry; 3 trouble.',
  },
];

export function libraryFunction(name: string): LibraryFunction | undefined {
  return FUNCTIONS.find((f) => f.name === name);
}

/** Where each functions library lives. */
export const LIBRARIES = {
  rhel: '/etc/rc.d/init.d/functions',
  rhelAlias: '/etc/init.d/functions',
  lsb: '/lib/lsb/init-functions',
  suse: '/etc/rc.status',
  initDScript: '/lib/init/init-d-script',
} as const;

/** Names rc, chkconfig or insserv skip (§2.2, §4.4, §5.2): backups and dot/underscore names. */
export const IGNORED_SUFFIXES = ['~', ',', '.rpmsave', '.rpmnew', '.rpmorig', '.swp', '.bak', '.old', '.orig', '.new', '.save', '.core'];
export const IGNORED_INFIXES = ['.dpkg-', '.ucf-'];
export const IGNORED_PREFIXES = ['.', '_', '$', '#', '%', '+', '-', '~'];

export function isIgnoredName(name: string): boolean {
  return IGNORED_SUFFIXES.some((s) => name.endsWith(s))
    || IGNORED_INFIXES.some((s) => name.includes(s))
    || IGNORED_PREFIXES.some((p) => name.startsWith(p));
}

/** What each runlevel means, per profile (for hover). */
export const RUNLEVEL_MEANING: Readonly<Record<string, Record<'rhel' | 'debian' | 'suse' | 'lsb', string>>> = {
  '0': { rhel: 'halt', debian: 'halt', suse: 'halt', lsb: 'halt' },
  '1': { rhel: 'single user', debian: 'single user', suse: 'single user', lsb: 'single user' },
  '2': { rhel: 'multi-user without NFS', debian: 'multi-user (the default)', suse: 'multi-user without network', lsb: 'multi-user, no network services exported' },
  '3': { rhel: 'full multi-user with network (the default)', debian: 'multi-user (as 2)', suse: 'multi-user with network', lsb: 'full multi-user' },
  '4': { rhel: 'unused', debian: 'multi-user (as 2)', suse: 'unused', lsb: 'reserved for local use' },
  '5': { rhel: 'graphical (X11)', debian: 'multi-user (as 2)', suse: 'graphical (X11 with display manager)', lsb: 'multi-user with display manager' },
  '6': { rhel: 'reboot', debian: 'reboot', suse: 'reboot', lsb: 'reboot' },
  S: { rhel: 'single user', debian: 'boot (rcS.d), not switched to directly', suse: 'boot (single user)', lsb: 'boot' },
};

/** Template placeholders: `%%DEFAULTSTART%%` (dh-make), `@sbindir@` (autoconf), `<% … %>` (ERB), `{% … %}` / `{{ … }}` (Jinja). */
export const TEMPLATE_PLACEHOLDER = /%%[A-Za-z_][A-Za-z0-9_]*%%|@[A-Za-z_][A-Za-z0-9_]*@|<%|\{%|\{\{/;
