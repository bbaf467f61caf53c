/**
 * The initscript rows of the problem registry (spec/checks.md "initscript").
 * Profile keys in `profiles`: rhel, debian, suse, busybox, generic.
 */
import { defineProblems, type ProblemDef } from '../../core/registry';

const ALL = 'all profiles';

export const INITSCRIPT_PROBLEMS: readonly ProblemDef[] = [
  {
    code: 'initscript/chkconfig-invalid', severity: 'error', core: true, appliesTo: ALL,
    detects: 'A `chkconfig:` line (any indentation, with or without blanks after `#`) that chkconfig cannot parse: empty, fewer than three values, a level character outside `0`-`6` (other than a lone `-`), a priority outside 0-99, or the line is the file\'s last and has no newline.',
    behaviour: 'The whole script is rejected, even when an LSB block follows: `service NAME does not support chkconfig`.',
    source: '§2.1, App. A, C1, C2, C4', example: '# chkconfig: 2345 10',
  },
  {
    code: 'initscript/chkconfig-wrong-case', severity: 'error', core: true, appliesTo: ALL,
    detects: '`# Chkconfig:`, `# CHKCONFIG:` or another case variant.',
    behaviour: 'The keyword is case-sensitive, so the line is ignored; a script without an LSB block is rejected.',
    source: '§2.1, C3', example: '# Chkconfig: 2345 10 90',
  },
  {
    code: 'initscript/duplicate-chkconfig', severity: 'warning', core: true, appliesTo: ALL,
    detects: 'A second `chkconfig:` line; reported on it.', behaviour: 'Only the first is used.', source: '§2.1, C5',
  },
  {
    code: 'initscript/chkconfig-lsb-levels-differ', severity: 'information', core: true, appliesTo: 'rhel, generic',
    profiles: { debian: 'off', suse: 'off', busybox: 'off' },
    detects: 'The chkconfig levels differ from Default-Start, or a chkconfig level is in Default-Stop; on the chkconfig line. The message names the levels chkconfig will really use.',
    behaviour: 'Levels build up in file order (union, then Default-Stop clears), so `chkconfig: - 85 15` with `Default-Start: 2 3 4 5` is enabled in 2-5 by `chkconfig --add`. Very common in real RPM scripts, hence information.',
    source: '§2.1, App. A, C9',
  },
  {
    code: 'initscript/description-continuation', severity: 'warning', core: true, appliesTo: ALL,
    detects: 'A `description:` value ending in `\\` whose next non-blank line is not a comment; on the line with the `\\`.',
    behaviour: 'chkconfig drops the whole description silently.', source: '§2.1, C12, R7',
  },
  {
    code: 'initscript/no-header', severity: 'error', core: true, appliesTo: 'rhel: error; debian, suse, generic: warning; busybox: off',
    profiles: { debian: 'warning', suse: 'warning', generic: 'warning', busybox: 'off' },
    detects: 'Neither a `chkconfig:` line (in any case) nor a `### BEGIN INIT INFO` block; line 1.',
    behaviour: 'chkconfig: `service NAME does not support chkconfig`; insserv warns that the LSB tags are missing and uses defaults.',
    source: '§2.1, §5.2, C13, anchors §C4',
  },
  {
    code: 'initscript/lsb-unterminated', severity: 'error', core: true, appliesTo: ALL,
    detects: '`### BEGIN INIT INFO` with no `### END INIT INFO` after it; on the BEGIN line.',
    behaviour: 'insserv: `script NAME is broken: missing end of LSB comment.` and stops (`exiting now!`) unless run with `-f`.',
    source: '§3.5, §5.5, L3, D2',
  },
  {
    code: 'initscript/lsb-duplicate-block', severity: 'warning', core: false, appliesTo: ALL,
    detects: 'More than one BEGIN INIT INFO block; on each later BEGIN line.',
    behaviour: 'insserv uses only the last block; chkconfig reads keywords anywhere, so both see different headers.',
    source: '§2.1, §5.2, anchors §C1',
  },
  {
    code: 'initscript/lsb-missing-keyword', severity: 'warning', core: true, appliesTo: 'all (rhel: information: chkconfig reads the chkconfig line and no insserv runs there)',
    profiles: { rhel: 'information' },
    detects: 'The block lacks `Provides`, `Required-Start`, `Required-Stop`, `Default-Start` or `Default-Stop`; one diagnostic per keyword, on the BEGIN line.',
    behaviour: 'insserv: `missing \'Required-Start:\' entry: please add even if empty.`; a missing Default-Start/Stop is taken as empty.',
    source: '§3.5, §5.5, L4, D3, anchors §C1, §C2',
  },
  {
    code: 'initscript/lsb-bad-line', severity: 'warning', core: true, appliesTo: ALL,
    detects: 'A line inside the block that is neither `# Keyword: value` nor a continuation (`#` + TAB or two or more spaces) directly after a Description line (or its continuation); also a non-comment line inside the block.',
    behaviour: 'lintian `init.d-script-has-bad-lsb-line`, rpmlint `malformed-line-in-lsb-comment-block`; the line means nothing to chkconfig or insserv.',
    source: '§3.2, L10, anchors §C1, §C2',
  },
  {
    code: 'initscript/lsb-keyword-format', severity: 'warning', core: true, appliesTo: ALL,
    detects: 'A known keyword written as `#Keyword:`, `#  Keyword:`, `# keyword:` (other letter case) or `# Keyword :` (blank before the colon).',
    behaviour: 'LSB wants `#`, one space, the exact keyword. chkconfig matches case-sensitively; update-rc.d without insserv matches `^# Default-Start:` exactly; nobody accepts a blank before the colon, so the value is silently lost.',
    source: '§2.1, §3.2, §5.1, §5.2, L5', example: '# default-start: 2 3 4 5',
  },
  {
    code: 'initscript/lsb-unknown-keyword', severity: 'warning', core: true, appliesTo: ALL,
    detects: 'A keyword that is not an LSB keyword and does not start with `X-` (e.g. `Defalt-Start:`, `Required-Starts:`).',
    behaviour: 'Ignored silently by chkconfig and insserv (the typo `Defalt-Start` is even in chkconfig.8).',
    source: '§3.2, anchors §1.10, §C1, §C2', example: '# Defalt-Start: 2 3 4 5',
  },
  {
    code: 'initscript/lsb-duplicate-keyword', severity: 'warning', core: true, appliesTo: ALL,
    detects: 'A keyword given twice in the block; on the later one.',
    behaviour: 'insserv keeps the first; chkconfig ORs every Default-Start and keeps the last description.',
    source: '§2.1, §5.2, anchors §C1, §C2',
  },
  {
    code: 'initscript/packed-runlevels', severity: 'error', core: true, appliesTo: ALL,
    detects: 'A Default-Start or Default-Stop token of more than one character (`2345`, `S2345`).',
    behaviour: 'chkconfig reads `2345` as level 2345 (bit 9): no level; insserv ignores multi-character tokens. The service is enabled nowhere.',
    source: '§2.1, §5.2, App. A, C7, D1', example: '# Default-Start: 2345',
  },
  {
    code: 'initscript/comma-in-list', severity: 'warning', core: true, appliesTo: ALL,
    detects: 'A comma in Default-Start/Default-Stop or in a Required-/Should- list.',
    behaviour: 'chkconfig reads `Default-Start: 2,3,4,5` as level 2 only and `$network,$syslog` as one name.',
    source: '§2.1, App. A, C6, C10', example: '# Required-Start: $network,$syslog',
  },
  {
    code: 'initscript/bad-runlevel', severity: 'warning', core: true, appliesTo: 'all profiles (suse: B/b valid; debian: a letter is an error)',
    detects: 'A Default-Start token outside `0`-`6`/`S`, or a Default-Stop token outside `0`-`6` (`S` there is also flagged).',
    behaviour: 'chkconfig sets a bit that no level uses (`7`) or stops reading at a letter. insserv 1.24 (Debian 12) ignores `7` but refuses a letter: `Wrong runlevel key \'B\'`, exit 1.',
    source: '§2.1, §5.2, App. A, anchors §C1', example: '# Default-Start: 2 3 4 5 7',
  },
  {
    code: 'initscript/runlevel-overlap', severity: 'warning', core: true, appliesTo: ALL,
    detects: 'A level in both Default-Start and Default-Stop; on the Default-Stop line.',
    behaviour: 'insserv: `Script NAME has overlapping Default-Start and Default-Stop runlevels`.',
    source: '§3.5, L9',
  },
  {
    code: 'initscript/provides-facility', severity: 'warning', core: true, appliesTo: 'debian, suse (rhel, generic: off)',
    profiles: { rhel: 'off', generic: 'off', busybox: 'off' },
    detects: '`Provides:` lists a `$name`.',
    behaviour: 'insserv: `script NAME provides system facility $name, skipped!`. Red Hat\'s own `network` provides `$network`, which is how chkconfig resolves it.',
    source: '§3.3, L6, D8',
  },
  {
    code: 'initscript/unknown-facility', severity: 'error', core: true, appliesTo: 'all (rhel: warning; busybox: off)',
    profiles: { rhel: 'warning', busybox: 'off' },
    detects: 'A `$name` in Required-/Should- that is none of `$local_fs $network $named $portmap $remote_fs $syslog $time`, `$all`, `$null`, or a facility defined in the workspace\'s `etc/insserv.conf`/`etc/insserv.conf.d/*`.',
    behaviour: 'insserv cannot resolve it (`warning: could not find all dependencies for $networking`), so the ordering is wrong; lintian `init.d-script-depends-on-unknown-virtual-facility`.',
    source: '§3.3, §5.2, §5.3, anchors §C1', example: '# Required-Start: $networking',
  },
  {
    code: 'initscript/x-interactive-value', severity: 'warning', core: true, appliesTo: ALL,
    detects: '`X-Interactive:` with a value other than `true`.', behaviour: 'insserv recognises only `true`; `yes` is ignored.', source: '§5.2, D7',
  },
  {
    code: 'initscript/missing-action', severity: 'warning', core: true, appliesTo: 'all (busybox: only start/stop)',
    detects: 'The dispatcher has no branch for `start`, `stop` or `restart`; one diagnostic per action, on the `case` line. A branch counts when a pattern alternative equals the action (`restart|reload)`).',
    behaviour: 'LSB requires them; `rc` runs `NAME start` / `NAME stop`, so a missing branch falls into the usage branch and the service is not started or stopped.',
    source: '§3.1, §4.5, L1, anchors §C1',
  },
  {
    code: 'initscript/missing-status', severity: 'warning', core: true, appliesTo: 'all (debian: information; busybox: off)',
    profiles: { debian: 'information', busybox: 'off' },
    detects: 'No `status` branch; on the `case` line.',
    behaviour: 'LSB requires it; heartbeat calls `NAME status` for resources; rpmlint `no-status-entry`.', source: '§3.1, §6.5, L1, anchors §C1, §C2',
  },
  {
    code: 'initscript/missing-force-reload', severity: 'information', core: true, appliesTo: 'all (debian: warning; busybox: off)',
    profiles: { debian: 'warning', busybox: 'off' },
    detects: 'No `force-reload` branch; on the `case` line.',
    behaviour: 'LSB requires it; lintian `init.d-script-does-not-implement-required-option`. Most Red Hat scripts never had it.', source: '§3.1, L1, anchors §C1',
  },
  {
    code: 'initscript/no-default-branch', severity: 'warning', core: true, appliesTo: ALL,
    detects: 'The dispatcher has no `*)` branch; on the `case` line.',
    behaviour: 'An unknown or missing argument exits 0 silently; LSB wants a message and status 2.', source: '§3.1',
  },
  {
    code: 'initscript/usage-exit-zero', severity: 'warning', core: true, appliesTo: ALL,
    detects: 'The `*)` branch exits with status 0; on the `exit 0`.',
    behaviour: 'LSB: invalid argument → print an error and exit 2 (3 = unimplemented).', source: '§3.1',
  },
  {
    code: 'initscript/bad-exit-code', severity: 'warning', core: true, appliesTo: ALL,
    detects: 'A literal `exit N` (or `return N` in the dispatcher) outside 0-255, or in a range LSB reserves: 8-99 in any action, 5-99 inside the `status` branch.',
    behaviour: 'The shell takes the status modulo 256 (`exit 256` is success); callers (`service`, heartbeat, `rc`) read LSB meanings into the number.',
    source: '§3.1, L2, anchors §C5, §C6',
  },
  {
    code: 'initscript/subsys-lock-missing', severity: 'warning', core: true, appliesTo: 'rhel only',
    profiles: { debian: 'off', suse: 'off', busybox: 'off', generic: 'off' },
    detects: 'The script never mentions `lock/subsys`; on the `start)` branch (line 1 when there is no dispatcher).',
    behaviour: 'Red Hat `rc` runs a K script only when `/var/lock/subsys/NAME` exists, so the service is never stopped on a runlevel change or at shutdown.',
    source: '§4.4, §4.5, R1, anchors §C2',
  },
  {
    code: 'initscript/subsys-lock-name', severity: 'warning', core: true, appliesTo: 'rhel only',
    profiles: { debian: 'off', suse: 'off', busybox: 'off', generic: 'off' },
    detects: 'The lock created under `/var/lock/subsys/` (after resolving simple top-level assignments like `prog=foo`, `lockfile=/var/lock/subsys/$prog`) is not the script\'s name (nor `NAME.init`); on the line that creates it.',
    behaviour: 'rc looks for `/var/lock/subsys/<link suffix>`; a lock under another name is invisible to it (same effect as no lock). rpmlint `incoherent-subsys`.',
    source: '§4.4, §4.5, R2, anchors §C2',
  },
  {
    code: 'initscript/subsys-lock-not-removed', severity: 'warning', core: true, appliesTo: 'rhel only',
    profiles: { debian: 'off', suse: 'off', busybox: 'off', generic: 'off' },
    detects: 'A subsys lock is created but never removed (`rm`); on the line that creates it.',
    behaviour: 'rc skips the S script while the lock exists, so after a crash or a manual kill the service is not started on the next runlevel change.',
    source: '§4.5, R1',
  },
  {
    code: 'initscript/status-option-order', severity: 'error', core: true, appliesTo: 'rhel, generic',
    profiles: { debian: 'off', suse: 'off', busybox: 'off' },
    detects: 'A call to the Red Hat `status` helper whose options are not in the order `-p`, `-l`, `-b`, all before the program name.',
    behaviour: 'Options are positional: in `status -l lock -p pid prog`, `-p` becomes the program name.', source: '§4.3, R3',
  },
  {
    code: 'initscript/killproc-option-order', severity: 'error', core: true, appliesTo: ALL,
    detects: 'A `killproc` call with options after the program, options out of the order `-p`, `-b`, `-d`, or `-b` without `-p`.',
    behaviour: 'Options are read only in that order before the program; `-b option can be used only with -p`.', source: '§4.2, §3.4, R4',
  },
  {
    code: 'initscript/daemon-unknown-option', severity: 'error', core: true, appliesTo: 'rhel, generic',
    profiles: { debian: 'off', suse: 'off', busybox: 'off' },
    detects: 'A `daemon` call with an option other than `--check`, `--user`, `--pidfile` (also with `=`), `--force`, `+N`/`-N`.',
    behaviour: '`$0: Usage: daemon [+/-nicelevel] {program} [arg1]...` and return 1: the service does not start.', source: '§4.1, R5',
  },
  {
    code: 'initscript/init-suffix', severity: 'warning', core: true, appliesTo: ALL,
    detects: 'The script name ends in `.init`; line 1.',
    behaviour: 'Red Hat `sysvinitfiles`: "There must be no \'.init\' suffix"; rpmlint `init-script-name-with-dot`. The link names and `service` name would carry the suffix.',
    source: '§4.7, R8, anchors §C2',
  },
  {
    code: 'initscript/ignored-name', severity: 'warning', core: true, appliesTo: ALL,
    detects: 'A name that rc, chkconfig or insserv skip: a backup suffix (`~`, `,`, `.rpmsave`, `.rpmnew`, `.rpmorig`, `.dpkg-*`, `.ucf-*`, `.swp`, `.bak`, `.old`, `.orig`, `.new`, `.save`, `.core`) or a leading `.`, `_`, `$`, `#`, `%`, `+`, `-`, `~`; line 1. No other check runs on such a file.',
    behaviour: 'Skipped (`is_ignored_file` in rc, chkconfig\'s name filter, insserv\'s filter), so edits to it never take effect.',
    source: '§2.2, §4.4, §5.2, R9, D9',
  },
  {
    code: 'initscript/not-executable', severity: 'warning', core: true, appliesTo: 'all (not on file systems without modes)',
    detects: 'The file has no execute bit; line 1.',
    behaviour: 'Red Hat rc skips it; heartbeat cannot run it as a resource; rpmlint `init-script-non-executable`.', source: '§4.5, §6.5, anchors §C2',
  },
  {
    code: 'initscript/set-e-init-functions', severity: 'warning', core: true, appliesTo: 'debian, suse, generic',
    profiles: { rhel: 'off', busybox: 'off' },
    detects: '`set -e` (or a `-e` shebang) before `. /lib/lsb/init-functions`; on the `set -e` line (line 1 for the shebang).',
    behaviour: 'LSB 3.1: scripts must not use `set -e` when sourcing or calling init-functions; a helper returning non-zero would abort the script.',
    source: '§3.1, L8',
  },
  {
    code: 'initscript/unguarded-source', severity: 'warning', core: true, appliesTo: ALL,
    detects: '`. /etc/default/NAME` (or `source`; NAME the script\'s own name without `.sh`, or a variable) not inside a test for the file (`[ -r f ] && . f`, `if [ -f f ]; then . f; fi`); on the source line. Other packages\' files (`/etc/default/rcS`) are not flagged.',
    behaviour: 'With `#!/bin/sh` = dash, sourcing a missing file aborts the script (checked: dash exits 2, bash goes on). lintian `init.d-script-sourcing-without-test`.',
    source: 'anchors §C1',
  },
  {
    code: 'initscript/syntax-error', severity: 'error', core: true, appliesTo: ALL,
    detects: 'A syntax error in the script: tree-sitter-bash finds candidates, and the script\'s own shell (`bash -n` / `dash -n` / `sh -n` from the shebang, where available) confirms them, at the line the shell names. When the shell accepts the file nothing is reported; with no shell available, a warning.',
    behaviour: 'The shell stops at the syntax error when the script runs; lintian `shell-script-fails-syntax-check`.',
    source: 'anchors §C1',
  },
  {
    code: 'workspace/missing-dependency', severity: 'error', core: true, appliesTo: 'all (rhel: warning; busybox: off)',
    profiles: { rhel: 'warning', busybox: 'off' },
    detects: 'A Required-Start/Required-Stop name (not a `$facility`) that no script in the same init.d provides (by `Provides`, or by name on rhel); on that line.',
    behaviour: 'insserv: `FATAL: service X has to be enabled to use service Y` (1.24; other versions `Service X has to exist for service Y`), `exiting now!` unless `-f`; chkconfig fails only as `install_initd`.',
    source: '§2.2, §5.3, D5, App. B 7',
  },
  {
    code: 'workspace/dependency-loop', severity: 'error', core: true, appliesTo: 'all (rhel: warning; busybox: off)',
    profiles: { rhel: 'warning', busybox: 'off' },
    detects: 'A cycle through Required-/Should-Start (or -Stop, or X-Start-Before/X-Stop-After) between scripts of one init.d; on every script of the cycle, at the line naming the next one.',
    behaviour: 'insserv: `There is a loop between service A and B if started`, then `exiting now without changing boot order!`.',
    source: '§5.3, D6',
  },
  {
    code: 'workspace/duplicate-provides', severity: 'warning', core: true, appliesTo: 'all (busybox: off)',
    profiles: { busybox: 'off' },
    detects: 'A `Provides` name already provided by another script of the same init.d; on the Provides line of every script after the first (C-locale path order).',
    behaviour: 'insserv: `script X: service Y already provided!`.',
    source: '§3.5, L7',
  },
  {
    code: 'workspace/depends-on-all-indirectly', severity: 'error', core: false, appliesTo: 'debian, suse',
    profiles: { rhel: 'off', busybox: 'off', generic: 'off' },
    detects: 'A script that depends (Required-Start or Should-Start) on a script which depends on `$all`; on the dependency.',
    behaviour: 'insserv: `Starting X depends on Y and therefore on system facility \'$all\' which can not be true!`.',
    source: '§5.3, §3.3',
  },
  {
    code: 'workspace/rc-link-mismatch', severity: 'information', core: false, appliesTo: 'all profiles',
    detects: '`etc/rcN.d` links of a script that differ from what chkconfig/insserv would make from its header; on the chkconfig line (or the Provides line).',
    behaviour: 'insserv: `current start runlevel(s) ... overrides LSB defaults`.',
    source: '§2.2, §5.3, anchors §C4',
  },
  {
    code: 'workspace/resource-script-no-status', severity: 'warning', core: true, appliesTo: 'all profiles',
    detects: 'A haresources resource that resolves to an init script whose dispatcher has no `status` branch; on the haresources line.',
    behaviour: 'heartbeat runs `NAME status` and greps for `running`/`OK`; without it the resource is never seen as running.',
    source: '§6.5, App. B 5',
  },
  {
    code: 'workspace/resource-status-output', severity: 'warning', core: false, appliesTo: 'all profiles',
    detects: 'A haresources resource (without `::` arguments) that resolves to an init script whose `status` branch prints neither `running` nor `OK` (case-insensitive); on the haresources line, with the branch as related information. Conservative: reported only when the whole status path is visible and made of commands known to print nothing (`exit`, `return`, `true`, `[`, …), `echo`/`printf` of constant text, and the script\'s own functions built of the same, including the commands after the `case`. Never when it calls a helper whose output is not known (`status`, `status_of_proc`, `pidofproc`, `$DAEMON status`, `ps`, …), nor on syntax errors, a dispatcher inside a function or a fall-through branch.',
    behaviour: 'heartbeat runs `NAME status` and greps for `running`/`OK`; without either the resource is never seen as running.',
    source: '§6.5, App. B 5',
  },
];

defineProblems(INITSCRIPT_PROBLEMS);
